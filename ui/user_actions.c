/*
 * usrmgr - User -> Delete and User -> Rename, for users.
 *
 * Delete asks twice, as NT 4.0 did: first that a user is known by an
 * identifier a new user of the same name does not get, then whether to
 * delete this one.  Rename asks for the new name; the engine checks NT's
 * rules before the PDC is asked.  NT cannot rename groups: the main
 * window greys Rename for them.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "ui_priv.h"

enum { ID_NEW_NAME = 1, ID_OK, ID_CANCEL };

bool ui_user_delete(struct um_pdc *p, const char *name)
{
	char *sure;
	struct um_status st;
	int answer;

	if (ui_confirm(_("Each user account is represented by a unique "
			 "identifier which is independent of the user name. "
			 "Once this user account is deleted, even creating an "
			 "identically named user account in the future will "
			 "not restore access to resources which currently "
			 "include this user account in their access control "
			 "lists.")) != UI_ANSWER_YES)
		return false;
	sure = talloc_asprintf(NULL, _("Are you sure you want to delete the "
				       "user account %s?"), name);
	answer = ui_confirm(sure);
	talloc_free(sure);
	if (answer != UI_ANSWER_YES)
		return false;
	st = um_user_delete(p, name);
	if (!um_is_ok(st)) {
		ui_message_status(_("The user account was not deleted."), st);
		return false;
	}
	return true;
}

struct rename {
	struct um_pdc *pdc;
	const char *name;
	TALLOC_CTX *mem;
	char *new_name;
};

static int rename_ok(struct ui_dialog *d)
{
	struct rename *r = d->priv;
	char *to = ui_field_text(d, ui_dialog_ctl(d, ID_NEW_NAME), r->mem);
	struct um_status st = um_user_rename(r->pdc, r->name, to);

	if (!um_is_ok(st)) {
		ui_message_status(_("The user account was not renamed."), st);
		talloc_free(to);
		ui_dialog_focus(d, ID_NEW_NAME);
		return UI_DLG_CONTINUE;
	}
	r->new_name = to;
	return ID_OK;
}

char *ui_user_rename(struct um_pdc *p, const char *name, TALLOC_CTX *mem)
{
	struct rename r = { .pdc = p, .name = name, .mem = mem };
	int x = 2 + ui_label_width(_("&Change To:")) + 2;
	struct ui_dialog d;

	if (ui_label_width(_("Username:")) + 4 > x)
		x = ui_label_width(_("Username:")) + 4;
	ui_dialog_init(&d, _("Rename"), 7, 60, UI_HELP_RENAME_USER);
	ui_dialog_handle(&d, NULL, NULL, &r, ID_OK, ID_CANCEL);
	d.ok = rename_ok;
	ui_dialog_label(&d, 1, 2, _("Username:"));
	ui_dialog_label(&d, 1, x, name);
	ui_dialog_label(&d, 3, 2, _("&Change To:"));
	ui_dialog_field(&d, ID_NEW_NAME, 3, x, UM_USER_NAME_MAX, false,
			UM_USER_NAME_MAX * 4);
	ui_dialog_button_w(&d, ID_OK, 5, 8, _("OK"), 10);
	ui_dialog_button_w(&d, ID_CANCEL, 5, 20, _("Cancel"), 10);
	ui_dialog_button_w(&d, UI_ID_HELP, 5, 32, _("&Help"), 10);
	ui_dialog_focus(&d, ID_NEW_NAME);
	ui_dialog_run(&d);
	ui_dialog_free(&d);
	return r.new_name;
}
