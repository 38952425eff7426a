/*
 * usrmgr - User Properties > Account: NT 4.0's Account Information
 * dialog.  Account Expires: Never, or End of a day (YYYY-MM-DD, read by
 * the engine: um_user_expires_parse); Account Type: Global Account (a
 * user of this domain) or Local Account (for users of untrusted
 * domains).  It edits the pending change of the dialog below it;
 * nothing reaches the PDC from here.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include "ui_priv.h"

enum {
	ID_NEVER = 1, ID_END_OF, ID_DATE, ID_GLOBAL, ID_LOCAL,
	ID_OK, ID_CANCEL,
};

enum { G_EXPIRES = 1, G_TYPE };

struct account_dialog {
	struct um_account *a;
	int64_t expires;
};

/* The dialog's choices into the engine's terms; false (and the
 * operator told why) when the date is not one. */
static bool read_expires(struct ui_dialog *d, int64_t *out)
{
	TALLOC_CTX *t = talloc_new(NULL);
	const char *typed = ui_field_text(d, ui_dialog_ctl(d, ID_DATE), t);
	struct um_status st = um_ok();

	*out = 0;
	if (ui_check_get(d, ID_END_OF))
		st = um_user_expires_parse(typed, out);
	if (um_is_ok(st) && ui_check_get(d, ID_END_OF) && *out == 0)
		st = um_local(UM_LOCAL_BAD_DATE); /* "never" typed there */
	talloc_free(t);
	if (!um_is_ok(st)) {
		ui_message(UI_MSG_ERROR, um_status_message(st));
		ui_dialog_focus(d, ID_DATE);
		return false;
	}
	return true;
}

static int account_ok(struct ui_dialog *d)
{
	struct account_dialog *ad = d->priv;
	struct um_account *a = ad->a;
	bool local = ui_check_get(d, ID_LOCAL);
	int64_t expires;

	if (!read_expires(d, &expires))
		return UI_DLG_CONTINUE;
	if (expires != a->expires) {
		a->expires = expires;
		a->fields |= UM_FIELD_EXPIRES;
	}
	if (local != a->local_account) {
		a->local_account = local;
		a->fields |= UM_FIELD_ACCOUNT_TYPE;
	}
	return ID_OK;
}

static int account_event(struct ui_dialog *d, int id, int key)
{
	(void)key;
	if (id == ID_END_OF)
		ui_dialog_focus(d, ID_DATE);
	return id == ID_OK || id == ID_CANCEL ? id : UI_DLG_CONTINUE;
}

static void layout(struct ui_dialog *d, TALLOC_CTX *t,
		   const struct um_account *a)
{
	ui_dialog_label(d, 1, 2, ui_user_caption(t, a));
	ui_dialog_label(d, 3, 2, _("Account Expires"));
	ui_dialog_check(d, ID_NEVER, 4, 3, _("&Never"), G_EXPIRES);
	ui_dialog_check(d, ID_END_OF, 5, 3, _("&End of"), G_EXPIRES);
	ui_dialog_field(d, ID_DATE, 6, 8, 10, false, 10);
	ui_dialog_label(d, 7, 7, _("(YYYY-MM-DD, UTC)"));
	ui_dialog_label(d, 3, 28, _("Account Type"));
	ui_dialog_check(d, ID_GLOBAL, 4, 29, _("&Global Account"), G_TYPE);
	ui_dialog_label(d, 5, 33, _("for regular user accounts"));
	ui_dialog_check(d, ID_LOCAL, 6, 29, _("&Local Account"), G_TYPE);
	ui_dialog_label(d, 7, 33, _("for users from untrusted domains"));
	ui_dialog_button_w(d, ID_OK, 9, 12, _("OK"), 10);
	ui_dialog_button_w(d, ID_CANCEL, 9, 26, _("Cancel"), 10);
	ui_dialog_button_w(d, UI_ID_HELP, 9, 40, _("&Help"), 10);
}

bool ui_user_account(struct um_account *a)
{
	struct account_dialog ad = { .a = a };
	TALLOC_CTX *t = talloc_new(NULL);
	struct ui_dialog d;
	char buf[16];
	int r;

	ui_dialog_init(&d, _("Account Information"), 11, 68,
		       UI_HELP_USER_ACCOUNT);
	ui_dialog_handle(&d, account_event, NULL, &ad, ID_OK, ID_CANCEL);
	d.ok = account_ok;
	layout(&d, t, a);
	ui_check_set(&d, a->expires == 0 ? ID_NEVER : ID_END_OF, true);
	if (a->expires != 0)
		ui_field_set(&d, ui_dialog_ctl(&d, ID_DATE),
			     um_user_expires_text(a->expires, buf));
	ui_check_set(&d, a->local_account ? ID_LOCAL : ID_GLOBAL, true);
	r = ui_dialog_run(&d);
	ui_dialog_free(&d);
	talloc_free(t);
	return r == ID_OK;
}
