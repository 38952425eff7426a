/*
 * usrmgr - Add Trusting Domain (on the accounts, trusted, PDC): the
 * trusting domain's name, an initial password and its confirmation.
 * The passwords are masked; a mismatch says so and changes nothing.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "ui_priv.h"
#include "names.h"

enum { ID_NAME = 1, ID_PW, ID_CONFIRM, ID_OK, ID_CANCEL };

struct add_trusting {
	struct um_pdc *pdc;
	bool done;
};

static void passwords_clear(struct ui_dialog *d)
{
	ui_field_wipe(d, ui_dialog_ctl(d, ID_PW));
	ui_field_wipe(d, ui_dialog_ctl(d, ID_CONFIRM));
}

static int trusting_ok(struct ui_dialog *d)
{
	struct add_trusting *a = d->priv;
	TALLOC_CTX *t = talloc_new(NULL);
	char *name = ui_field_text(d, ui_dialog_ctl(d, ID_NAME), t);
	struct um_secret *pw = ui_field_secret(d, ui_dialog_ctl(d, ID_PW), t);
	struct um_secret *cf =
		ui_field_secret(d, ui_dialog_ctl(d, ID_CONFIRM), t);
	struct um_status st;
	bool rekey;

	if (!ui_passwords_match(d, pw, cf, ID_PW)) {
		talloc_free(t);
		return UI_DLG_CONTINUE;
	}
	if (!ui_trust_rekey_asked(a->pdc, UM_OP_ADD_TRUSTING, name, &rekey)) {
		talloc_free(t);
		ui_dialog_focus(d, ID_PW);
		return UI_DLG_CONTINUE;
	}
	st = um_trust_add_trusting(a->pdc, name, pw, cf);
	um_trust_set_rekey_by_hand(a->pdc, false);
	if (!um_is_ok(st)) {
		ui_message_status(um_trust_add_hint(t, ui.model, false, st,
						    name, NULL), st);
		talloc_free(t); /* the secrets are wiped as they are freed */
		ui_dialog_focus(d, ID_NAME);
		return UI_DLG_CONTINUE;
	}
	talloc_free(t);
	a->done = true;
	return ID_OK;
}

static int trusting_event(struct ui_dialog *d, int id, int key)
{
	(void)key;
	if (id == ID_CANCEL)
		passwords_clear(d);
	return id;
}

bool ui_add_trusting(struct um_pdc *p)
{
	struct add_trusting a = { .pdc = p };
	struct ui_dialog d;

	ui_dialog_init(&d, _("Add Trusting Domain"), 9, 62,
		       UI_HELP_ADD_TRUSTING);
	ui_dialog_handle(&d, trusting_event, NULL, &a, ID_OK, ID_CANCEL);
	d.ok = trusting_ok;
	ui_dialog_label(&d, 2, 2, _("&Trusting Domain:"));
	ui_dialog_field(&d, ID_NAME, 2, 22, 20, false, 0);
	ui_dialog_label(&d, 4, 2, _("&Initial Password:"));
	ui_dialog_field(&d, ID_PW, 4, 22, 20, true, UM_SECRET_MAX_UTF16);
	ui_dialog_label(&d, 6, 2, _("&Confirm Password:"));
	ui_dialog_field(&d, ID_CONFIRM, 6, 22, 20, true, UM_SECRET_MAX_UTF16);
	ui_dialog_button_w(&d, ID_OK, 2, 47, _("OK"), 12);
	ui_dialog_button_w(&d, ID_CANCEL, 4, 47, _("Cancel"), 12);
	ui_dialog_button_w(&d, UI_ID_HELP, 6, 47, _("&Help"), 12);
	ui_dialog_button_column(&d, 47);
	ui_dialog_run(&d);
	ui_dialog_free(&d);
	return a.done;
}
