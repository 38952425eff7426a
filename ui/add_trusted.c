/*
 * usrmgr - Add Trusted Domain (on the resource, trusting, PDC): the
 * trusted domain's name and the password its administrator chose (no
 * confirmation, as in NT 4.0; and, with real PDCs, optionally the
 * partner's PDC).  The model checks the password against the partner
 * before it stores anything.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "ui_priv.h"
#include "names.h"

enum { ID_NAME = 1, ID_PW, ID_PDC, ID_OK, ID_CANCEL };

struct add_trusted {
	struct um_pdc *pdc;
	bool done;
};

static int trusted_ok(struct ui_dialog *d)
{
	struct add_trusted *a = d->priv;
	TALLOC_CTX *t = talloc_new(NULL);
	char *name = ui_field_text(d, ui_dialog_ctl(d, ID_NAME), t);
	struct ui_ctl *pc = ui_dialog_ctl(d, ID_PDC);
	char *pdc = pc != NULL ? ui_field_text(d, pc, t) : NULL;
	struct um_secret *pw = ui_field_secret(d, ui_dialog_ctl(d, ID_PW), t);
	struct um_status st;
	char *msg, *up = NULL;
	bool rekey;

	if (pdc != NULL && pdc[0] == '\0')
		pdc = NULL;
	if (!ui_trust_rekey_asked(a->pdc, UM_OP_ADD_TRUSTED, name, &rekey)) {
		talloc_free(t);
		ui_dialog_focus(d, ID_PW);
		return UI_DLG_CONTINUE;
	}
	st = um_trust_add_trusted(a->pdc, name, pdc, pw);
	um_trust_set_rekey_by_hand(a->pdc, false);
	if (!um_is_ok(st)) {
		ui_message_status(um_trust_add_hint(t, ui.model, true, st,
						    name, pdc), st);
		talloc_free(t);
		ui_dialog_focus(d, ID_PW);
		return UI_DLG_CONTINUE;
	}
	um_name_normalise(t, name, &up); /* it was stored: it is valid */
	msg = talloc_asprintf(t, _("Trust Relationship With %s Successfully "
				   "Established"), up != NULL ? up : name);
	if (rekey && um_trust_rekey_outcome(a->pdc) != NULL)
		/* the other direction's check, after the re-key */
		msg = talloc_asprintf(t, "%s\n\n%s", msg,
				      um_trust_rekey_outcome(a->pdc));
	ui_message(UI_MSG_INFO, msg);
	talloc_free(t);
	a->done = true;
	return ID_OK;
}

bool ui_add_trusted(struct um_pdc *p)
{
	struct add_trusted a = { .pdc = p };
	struct ui_dialog d;
	bool with_pdc = !um_model_finds_pdcs(ui.model);

	ui_dialog_init(&d, _("Add Trusted Domain"), with_pdc ? 9 : 7, 58,
		       UI_HELP_ADD_TRUSTED);
	ui_dialog_handle(&d, NULL, NULL, &a, ID_OK, ID_CANCEL);
	d.ok = trusted_ok;
	ui_dialog_label(&d, 2, 2, _("&Domain:"));
	ui_dialog_field(&d, ID_NAME, 2, 14, 24, false, 0);
	ui_dialog_label(&d, 4, 2, _("&Password:"));
	ui_dialog_field(&d, ID_PW, 4, 14, 24, true, UM_SECRET_MAX_UTF16);
	if (with_pdc) {
		ui_dialog_label(&d, 6, 2, _("PD&C:"));
		ui_dialog_field(&d, ID_PDC, 6, 14, 24, false, 255);
	}
	ui_dialog_button_w(&d, ID_OK, 2, 43, _("OK"), 12);
	ui_dialog_button_w(&d, ID_CANCEL, 3, 43, _("Cancel"), 12);
	ui_dialog_button_w(&d, UI_ID_HELP, 4, 43, _("&Help"), 12);
	ui_dialog_button_column(&d, 43);
	ui_dialog_run(&d);
	ui_dialog_free(&d);
	return a.done;
}
