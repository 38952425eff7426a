/* TEMPORARY (reverted before merging): the sub-dialogs' stubs until
 * branch user-subdialogs has them. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "ui_priv.h"

bool ui_user_groups(struct um_pdc *p, struct um_account *a)
{
	(void)p; (void)a;
	ui_message(UI_MSG_INFO, "Groups: not yet.");
	return false;
}
bool ui_user_profile(struct um_account *a)
{
	(void)a;
	ui_message(UI_MSG_INFO, "Profile: not yet.");
	return false;
}
bool ui_user_hours(struct um_account *a)
{
	(void)a;
	ui_message(UI_MSG_INFO, "Hours: not yet.");
	return false;
}
bool ui_user_logon_to(struct um_account *a)
{
	(void)a;
	ui_message(UI_MSG_INFO, "Logon To: not yet.");
	return false;
}
bool ui_user_account(struct um_account *a)
{
	(void)a;
	ui_message(UI_MSG_INFO, "Account: not yet.");
	return false;
}
