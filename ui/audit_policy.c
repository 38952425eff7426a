/*
 * usrmgr - Policies > Audit: NT 4.0's Audit Policy dialog.  Where the PDC
 * does not let the audit policy be changed (Samba's do not implement
 * SetInfoPolicy), every control is greyed and the dialog says why, in
 * the server's words: the engine found that out, this screen renders it.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "ui_priv.h"
#include "policy.h"

enum { ID_NO_AUDIT = 1, ID_AUDIT, ID_OK, ID_CANCEL, ID_EVENTS = 10 };
/* ID_EVENTS + 2 * row (+ 1 for Failure) */

/* The categories in the order of NT's dialog. */
static const enum um_audit_category rows[UM_AUDIT_N] = {
	UM_AUDIT_LOGON, UM_AUDIT_OBJECT_ACCESS, UM_AUDIT_PRIVILEGE_USE,
	UM_AUDIT_ACCOUNT_MANAGEMENT, UM_AUDIT_POLICY_CHANGE,
	UM_AUDIT_SYSTEM, UM_AUDIT_PROCESS_TRACKING,
};

struct audit_dialog {
	struct um_pdc *pdc;
	struct um_audit_policy a;
};

static void audit_controls(struct ui_dialog *d,
			   const struct um_audit_policy *a)
{
	int i;

	ui_dialog_check(d, ID_NO_AUDIT, 3, 2, _("&Do Not Audit"), 1);
	ui_dialog_check(d, ID_AUDIT, 4, 2, _("&Audit These Events:"), 1);
	ui_check_set(d, a->auditing ? ID_AUDIT : ID_NO_AUDIT, true);
	ui_dialog_label(d, 5, 41, _("Success"));
	ui_dialog_label(d, 5, 53, _("Failure"));
	for (i = 0; i < UM_AUDIT_N; i++) {
		uint32_t ev = a->events[rows[i]];

		ui_dialog_label(d, 6 + i, 4, um_audit_category_name(rows[i]));
		ui_dialog_check(d, ID_EVENTS + 2 * i, 6 + i, 42, "", 0);
		ui_check_set(d, ID_EVENTS + 2 * i,
			     (ev & UM_AUDIT_SUCCESS) != 0);
		ui_dialog_check(d, ID_EVENTS + 2 * i + 1, 6 + i, 54, "", 0);
		ui_check_set(d, ID_EVENTS + 2 * i + 1,
			     (ev & UM_AUDIT_FAILURE) != 0);
	}
}

/* Not changeable: everything greyed, and the server's answer below. */
static void read_only(struct ui_dialog *d, const struct um_audit_policy *a)
{
	int i;

	for (i = 0; i < d->nctl; i++)
		if (d->ctl[i].kind == UI_CTL_CHECK)
			d->ctl[i].disabled = true;
	ui_dialog_label(d, 14, 2, _("This domain controller does not let "
				    "the audit policy be changed:"));
	ui_dialog_label(d, 15, 2, um_status_message(a->why_not));
	ui_dialog_label(d, 16, 2, um_status_name(a->why_not));
}

static int audit_ok(struct ui_dialog *d)
{
	struct audit_dialog *ad = d->priv;
	struct um_audit_policy a = ad->a;
	struct um_status st;
	int i;

	if (!a.changeable)
		return ID_OK; /* nothing to send */
	a.auditing = ui_check_get(d, ID_AUDIT);
	for (i = 0; i < UM_AUDIT_N; i++)
		a.events[rows[i]] =
			(ui_check_get(d, ID_EVENTS + 2 * i) ? UM_AUDIT_SUCCESS
							    : 0) |
			(ui_check_get(d, ID_EVENTS + 2 * i + 1)
				 ? UM_AUDIT_FAILURE : 0);
	st = um_policy_audit_set(ad->pdc, &a);
	if (!um_is_ok(st)) {
		ui_message_status(_("The audit policy was not changed."), st);
		return UI_DLG_CONTINUE;
	}
	return ID_OK;
}

void ui_audit_policy(struct um_pdc *p)
{
	struct audit_dialog ad = { .pdc = p };
	struct um_status st = um_policy_audit_get(p, &ad.a);
	struct ui_dialog d;

	if (!um_is_ok(st)) {
		ui_message_status(_("The audit policy could not be read."),
				  st);
		return;
	}
	ui_dialog_init(&d, _("Audit Policy"), 18, 76, UI_HELP_AUDIT_POLICY);
	ui_dialog_handle(&d, NULL, NULL, &ad, ID_OK, ID_CANCEL);
	d.ok = audit_ok;
	ui_dialog_label(&d, 1, 2, _("Domain:"));
	ui_dialog_label(&d, 1, 11, ui_domain_name(p));
	audit_controls(&d, &ad.a);
	if (!ad.a.changeable)
		read_only(&d, &ad.a);
	ui_dialog_button_w(&d, ID_OK, 1, 60, _("OK"), 12);
	ui_dialog_button_w(&d, ID_CANCEL, 2, 60, _("Cancel"), 12);
	ui_dialog_button_w(&d, UI_ID_HELP, 3, 60, _("&Help"), 12);
	ui_dialog_button_column(&d, 60);
	ui_dialog_run(&d);
	ui_dialog_free(&d);
}
