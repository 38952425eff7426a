/*
 * usrmgr - Policies > Account: NT 4.0's Account Policy dialog.  Each
 * number is an option pair (the first choice, or N in a field), then
 * the lockout options and the two check boxes.  What the operator typed
 * goes to the engine, which checks NT's rules before anything is sent;
 * this screen only renders the policy and what the engine says.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include "ui_priv.h"
#include "policy.h"

enum {
	ID_NEVER = 1, ID_EXPIRES, ID_MAX_AGE,
	ID_AT_ONCE, ID_CHANGES_IN, ID_MIN_AGE,
	ID_BLANK, ID_AT_LEAST, ID_LENGTH,
	ID_NO_HISTORY, ID_REMEMBER, ID_HISTORY,
	ID_NO_LOCKOUT, ID_LOCKOUT, ID_THRESHOLD, ID_RESET,
	ID_FOREVER, ID_DURATION_IN, ID_DURATION,
	ID_FORCE_LOGOFF, ID_MUST_LOGON,
	ID_OK, ID_CANCEL,
};

/* Option groups (widget_check.c): one per pair. */
enum { G_MAX_AGE = 1, G_MIN_AGE, G_LENGTH, G_HISTORY, G_LOCKOUT,
       G_DURATION };

/* One number of the policy: its options and its field. */
static const struct {
	enum um_policy_field f;
	int zero_id, n_id, field_id;
} pairs[] = {
	{ UM_POLICY_MAX_AGE, ID_NEVER, ID_EXPIRES, ID_MAX_AGE },
	{ UM_POLICY_MIN_AGE, ID_AT_ONCE, ID_CHANGES_IN, ID_MIN_AGE },
	{ UM_POLICY_MIN_LENGTH, ID_BLANK, ID_AT_LEAST, ID_LENGTH },
	{ UM_POLICY_HISTORY, ID_NO_HISTORY, ID_REMEMBER, ID_HISTORY },
	{ UM_POLICY_THRESHOLD, ID_NO_LOCKOUT, ID_LOCKOUT, ID_THRESHOLD },
	{ UM_POLICY_RESET, 0, 0, ID_RESET },
	{ UM_POLICY_DURATION, ID_FOREVER, ID_DURATION_IN, ID_DURATION },
};
#define N_PAIRS (sizeof(pairs) / sizeof(pairs[0]))

struct account_policy {
	struct um_pdc *pdc;
	struct um_account_policy pol;
};

static void set_number(struct ui_dialog *d, int id, uint32_t n)
{
	char text[16] = "";

	if (n > 0)
		snprintf(text, sizeof(text), "%u", n);
	ui_field_set(d, ui_dialog_ctl(d, id), text);
}

/* The lockout's own controls are greyed without lockout, as in NT. */
static void lockout_enable(struct ui_dialog *d)
{
	static const int ids[] = { ID_THRESHOLD, ID_RESET, ID_FOREVER,
				   ID_DURATION_IN, ID_DURATION };
	bool on = ui_check_get(d, ID_LOCKOUT);
	size_t i;

	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		ui_dialog_ctl(d, ids[i])->disabled = !on;
}

static void show_policy(struct ui_dialog *d, struct um_account_policy *p)
{
	size_t i;

	for (i = 0; i < N_PAIRS; i++) {
		uint32_t n = *um_policy_field(p, pairs[i].f);

		if (pairs[i].zero_id != 0)
			ui_check_set(d, n == 0 ? pairs[i].zero_id
					       : pairs[i].n_id, true);
		set_number(d, pairs[i].field_id, n);
	}
	ui_check_set(d, ID_FORCE_LOGOFF, p->force_logoff);
	ui_check_set(d, ID_MUST_LOGON, p->must_logon_to_change);
	lockout_enable(d);
}

/* The dialog as a policy, read as the engine reads typed numbers. */
static void read_policy(struct ui_dialog *d, struct um_account_policy *p)
{
	TALLOC_CTX *t = talloc_new(NULL);
	size_t i;

	for (i = 0; i < N_PAIRS; i++) {
		const char *typed = ui_field_text(
			d, ui_dialog_ctl(d, pairs[i].field_id), t);

		*um_policy_field(p, pairs[i].f) =
			pairs[i].zero_id == 0
				? um_policy_parse_number(typed)
				: um_policy_choice(
					  ui_check_get(d, pairs[i].zero_id),
					  typed);
	}
	p->force_logoff = ui_check_get(d, ID_FORCE_LOGOFF);
	p->must_logon_to_change = ui_check_get(d, ID_MUST_LOGON);
	talloc_free(t);
}

static int policy_ok(struct ui_dialog *d)
{
	struct account_policy *a = d->priv;
	struct um_account_policy p = a->pol;
	const char *why = NULL;
	struct um_status st;

	read_policy(d, &p);
	if (!ui_check_get(d, ID_LOCKOUT)) {
		/* greyed: not the operator's, kept as the PDC had them */
		p.reset_minutes = a->pol.reset_minutes;
		p.duration_minutes = a->pol.duration_minutes;
	}
	st = um_policy_account_set(a->pdc, &p, &why);
	if (why != NULL) {
		ui_message(UI_MSG_ERROR, why);
		return UI_DLG_CONTINUE;
	}
	if (!um_is_ok(st)) {
		ui_message_status(_("The account policy was not changed."),
				  st);
		return UI_DLG_CONTINUE;
	}
	return ID_OK;
}

static int policy_event(struct ui_dialog *d, int id, int key)
{
	(void)key;
	if (id == ID_NO_LOCKOUT || id == ID_LOCKOUT)
		lockout_enable(d);
	return id == ID_CANCEL || id == ID_OK ? id : UI_DLG_CONTINUE;
}

/* An option, the field after it and the unit after that. */
static void number_row(struct ui_dialog *d, int y, int x, int n_id,
		       const char *option, int group, int field_id,
		       int field_x, const char *unit)
{
	ui_dialog_check(d, n_id, y, x, option, group);
	ui_dialog_field(d, field_id, y, field_x, 5, false, 5);
	ui_dialog_label(d, y, field_x + 7, unit);
}

static void password_part(struct ui_dialog *d)
{
	ui_dialog_label(d, 3, 2, _("Password Restrictions"));
	ui_dialog_label(d, 4, 3, _("Maximum Password Age"));
	ui_dialog_check(d, ID_NEVER, 5, 3, _("Password &Never Expires"),
			G_MAX_AGE);
	number_row(d, 6, 3, ID_EXPIRES, _("&Expires In"), G_MAX_AGE,
		   ID_MAX_AGE, 19, _("Days"));
	ui_dialog_label(d, 4, 38, _("Minimum Password Age"));
	ui_dialog_check(d, ID_AT_ONCE, 5, 38,
			_("Allow Changes &Immediately"), G_MIN_AGE);
	number_row(d, 6, 38, ID_CHANGES_IN, _("Allo&w Changes In"),
		   G_MIN_AGE, ID_MIN_AGE, 60, _("Days"));
	ui_dialog_label(d, 7, 3, _("Minimum Password Length"));
	ui_dialog_check(d, ID_BLANK, 8, 3, _("Permit &Blank Password"),
			G_LENGTH);
	number_row(d, 9, 3, ID_AT_LEAST, _("At &Least"), G_LENGTH,
		   ID_LENGTH, 19, _("Characters"));
	ui_dialog_label(d, 7, 38, _("Password Uniqueness"));
	ui_dialog_check(d, ID_NO_HISTORY, 8, 38,
			_("Do Not &Keep Password History"), G_HISTORY);
	number_row(d, 9, 38, ID_REMEMBER, _("&Remember"), G_HISTORY,
		   ID_HISTORY, 60, _("Passwords"));
}

static void lockout_part(struct ui_dialog *d)
{
	ui_dialog_check(d, ID_NO_LOCKOUT, 11, 2, _("No acco&unt lockout"),
			G_LOCKOUT);
	ui_dialog_check(d, ID_LOCKOUT, 12, 2, _("Account lockou&t"),
			G_LOCKOUT);
	ui_dialog_label(d, 13, 6, _("Lockout after"));
	ui_dialog_field(d, ID_THRESHOLD, 13, 26, 5, false, 5);
	ui_dialog_label(d, 13, 33, _("bad logon attempts"));
	ui_dialog_label(d, 14, 6, _("Reset count after"));
	ui_dialog_field(d, ID_RESET, 14, 26, 5, false, 5);
	ui_dialog_label(d, 14, 33, _("minutes"));
	ui_dialog_label(d, 15, 6, _("Lockout Duration"));
	ui_dialog_check(d, ID_FOREVER, 16, 6,
			_("Forever (until admin unlocks)"), G_DURATION);
	number_row(d, 17, 6, ID_DURATION_IN, _("Duration"), G_DURATION,
		   ID_DURATION, 26, _("minutes"));
	ui_dialog_check(d, ID_FORCE_LOGOFF, 19, 2,
			_("&Forcibly disconnect remote users from server "
			  "when logon hours expire"), 0);
	ui_dialog_check(d, ID_MUST_LOGON, 20, 2,
			_("U&sers must log on in order to change password"),
			0);
}

void ui_account_policy(struct um_pdc *p)
{
	struct account_policy a = { .pdc = p };
	struct um_status st = um_policy_account_get(p, &a.pol);
	struct ui_dialog d;

	if (!um_is_ok(st)) {
		ui_message_status(_("The account policy could not be read."),
				  st);
		return;
	}
	ui_dialog_init(&d, _("Account Policy"), 22, 78,
		       UI_HELP_ACCOUNT_POLICY);
	ui_dialog_handle(&d, policy_event, NULL, &a, ID_OK, ID_CANCEL);
	d.ok = policy_ok;
	ui_dialog_label(&d, 1, 2, _("Domain:"));
	ui_dialog_label(&d, 1, 11, ui_domain_name(p));
	password_part(&d);
	lockout_part(&d);
	ui_dialog_button_w(&d, ID_OK, 11, 62, _("OK"), 12);
	ui_dialog_button_w(&d, ID_CANCEL, 13, 62, _("Cancel"), 12);
	ui_dialog_button_w(&d, UI_ID_HELP, 15, 62, _("&Help"), 12);
	ui_dialog_button_column(&d, 62);
	show_policy(&d, &a.pol);
	ui_dialog_run(&d);
	ui_dialog_free(&d);
}
