/*
 * usrmgr - Policies > Diagnose Trust...: both PDCs of a trust, each
 * reached with its own credentials, in one screen: which side holds what
 * (Trusted Domains on the resource side, Trusting Domains on the accounts
 * side), whether the secure channel verifies, whether a logon test
 * passes, and the verdict with the KB's cause in plain words.
 *
 * Also the pair dialog the guided repair shares.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include "ui_priv.h"
#include "diagnosis.h"
#include "names.h"

/* ---- the pair: both PDCs, each with its own credentials ------------- */

enum {
	ID_RES = 1, ID_RES_AS, ID_ACC, ID_ACC_AS, ID_USER, ID_USER_PW,
	ID_OK, ID_CANCEL,
};

struct pair_dlg {
	TALLOC_CTX *mem;
	struct ui_pair *p;
	bool done;
};

/* "Connect as DOMAIN\user": that PDC's own credentials; the password is
 * asked by the model when it connects. */
static void side_creds(const char *pdc, const char *as)
{
	struct um_creds c;
	TALLOC_CTX *t;

	if (as == NULL || as[0] == '\0')
		return;
	t = talloc_new(NULL);
	memset(&c, 0, sizeof(c));
	um_name_split_user(t, as, &c.domain, &c.user);
	um_model_set_creds(ui.model, pdc, &c);
	talloc_free(t);
}

static void pair_paint(struct ui_dialog *d)
{
	attr_t a = ui_attr(UI_R_DIALOG);

	ui_text_put(d->win, 1, 2, d->w - 4,
		    _("The resource domain trusts the accounts domain:"), a);
	ui_text_put(d->win, 9, 2, d->w - 4,
		    _("Logon test (optional): a user of the accounts domain"),
		    a);
	ui_text_put(d->win, 13, 2, d->w - 4,
		    _("Connect as: DOMAIN\\user, asked for a password; empty: "
		      "the default."), a);
}

static int pair_ok(struct ui_dialog *d)
{
	struct pair_dlg *x = d->priv;
	struct ui_pair *p = x->p;
	char *res = ui_field_text(d, ui_dialog_ctl(d, ID_RES), x->mem);
	char *acc = ui_field_text(d, ui_dialog_ctl(d, ID_ACC), x->mem);
	char *user = ui_field_text(d, ui_dialog_ctl(d, ID_USER), x->mem);

	if (res[0] == '\0' || acc[0] == '\0') {
		ui_message(UI_MSG_ERROR, _("Type the names of both PDCs."));
		ui_dialog_focus(d, res[0] == '\0' ? ID_RES : ID_ACC);
		return UI_DLG_CONTINUE;
	}
	side_creds(res, ui_field_text(d, ui_dialog_ctl(d, ID_RES_AS), x->mem));
	side_creds(acc, ui_field_text(d, ui_dialog_ctl(d, ID_ACC_AS), x->mem));
	p->resource_pdc = res;
	p->accounts_pdc = acc;
	TALLOC_FREE(p->user_password);
	p->user = NULL;
	if (user[0] != '\0') {
		p->user = user;
		p->user_password = ui_field_secret(
			d, ui_dialog_ctl(d, ID_USER_PW), x->mem);
		/* Nothing typed: --user-password-file, when given. */
		if (um_secret_len(p->user_password) == 0 &&
		    ui.opt->user_password_file != NULL) {
			struct um_secret *f = NULL;

			if (um_is_ok(um_secret_from_file(
				    x->mem, ui.opt->user_password_file, &f))) {
				talloc_free(p->user_password);
				p->user_password = f;
			}
		}
	}
	x->done = true;
	return ID_OK;
}

/* The fields start with what the command line said, completed by the
 * engine. */
static bool pair_dialog_filled(const char *title, TALLOC_CTX *mem,
			       struct ui_pair *p);

bool ui_pair_dialog(const char *title, TALLOC_CTX *mem, struct ui_pair *p)
{
	return pair_dialog_filled(title, mem, p);
}

/* ---- the diagnosis screen -------------------------------------------- */

enum { ID_REPAIR = 20, ID_AGAIN, ID_CLOSE };

struct diag_view {
	TALLOC_CTX *mem;
	struct ui_pair *pair;
	struct um_diagnosis *d;
	struct um_status st;    /* um_diagnose's own failure */
	bool repair;
};

static const char *yes_no(bool reach_ok, bool v)
{
	if (!reach_ok)
		return _("cannot tell: no answer");
	return v ? _("listed") : _("MISSING");
}

static const char *outcome(bool ran, struct um_status st)
{
	if (!ran)
		return _("not checked");
	return um_is_ok(st) ? _("passes") : _("FAILS");
}

/* One side's box: the PDC, whether it answered, what it holds. */
static void side_box(WINDOW *w, int y, int x, int bw, const char *title,
		     const char *pdc, struct um_status reach,
		     const char *list, const char *partner, bool holds)
{
	attr_t a = ui_attr(UI_R_DIALOG);
	char *s;

	wattrset(w, a);
	ui_box(w, y, x, 5, bw);
	ui_text_put(w, y, x + 2, bw - 4, title, ui_attr(UI_R_DIALOG_TITLE));
	s = talloc_asprintf(NULL, _("PDC: %s  %s"), pdc,
			    um_is_ok(reach) ? _("(answers)")
					    : _("(DOES NOT ANSWER)"));
	ui_text_put(w, y + 1, x + 2, bw - 4, s,
		    um_is_ok(reach) ? a : ui_attr(UI_R_ERROR));
	talloc_free(s);
	s = talloc_asprintf(NULL, "%s", list);
	ui_text_put(w, y + 2, x + 2, bw - 4, s, a);
	talloc_free(s);
	s = talloc_asprintf(NULL, "  %s: %s", partner,
			    yes_no(um_is_ok(reach), holds));
	ui_text_put(w, y + 3, x + 2, bw - 4, s,
		    um_is_ok(reach) && !holds ? ui_attr(UI_R_ERROR) : a);
	talloc_free(s);
}

static void diag_paint(struct ui_dialog *dl)
{
	struct diag_view *v = dl->priv;
	struct um_diagnosis *d = v->d;
	attr_t a = ui_attr(UI_R_DIALOG);
	int bw = (dl->w - 5) / 2, y;
	char *s;
	TALLOC_CTX *t = talloc_new(NULL);

	for (y = 1; y < dl->h - 3; y++)
		ui_fill(dl->win, y, 1, dl->w - 2, a);
	if (d == NULL) {
		s = talloc_asprintf(t, _("The diagnosis could not be made: %s"),
				    um_status_text(v->st));
		ui_text_block(dl->win, 2, 3, dl->w - 6, 6, s,
			      ui_attr(UI_R_ERROR));
		talloc_free(t);
		return;
	}
	s = talloc_asprintf(t, _("Trust: %s trusts %s"),
			    d->resource ? d->resource : "?",
			    d->accounts ? d->accounts : "?");
	ui_text_line(dl->win, 1, 2, dl->w - 4, s, a);
	s = talloc_asprintf(t, _(" Resource side: %s "),
			    d->resource ? d->resource : "?");
	side_box(dl->win, 2, 2, bw, s, d->resource_pdc, d->resource_reach,
		 _("Trusted Domains:"), d->accounts ? d->accounts : "?",
		 d->resource_trusts);
	s = talloc_asprintf(t, _(" Accounts side: %s "),
			    d->accounts ? d->accounts : "?");
	side_box(dl->win, 2, 3 + bw, dl->w - 5 - bw, s, d->accounts_pdc,
		 d->accounts_reach, _("Trusting Domains:"),
		 d->resource ? d->resource : "?", d->accounts_lists);
	s = talloc_asprintf(t, _("Secure channel verify: %s%s%s"),
			    outcome(d->verified, d->verify),
			    d->verified && !um_is_ok(d->verify) ? " - " : "",
			    d->verified && !um_is_ok(d->verify)
				    ? um_status_name(d->verify) : "");
	if (d->reset)
		s = talloc_asprintf_append(s, _("; after a reset: %s"),
					   outcome(true, d->verify_after_reset));
	/* a long status name (or a translation) takes the blank row below */
	y = 7 + ui_text_block(dl->win, 7, 2, dl->w - 4, 2, s,
			      d->verified && !um_is_ok(d->verify)
				      ? ui_attr(UI_R_ERROR) : a);
	s = talloc_asprintf(t, _("Logon test: %s%s%s"),
			    d->logon_tested ? outcome(true, d->logon)
					    : _("not run (no test user)"),
			    d->logon_tested && !um_is_ok(d->logon) ? " - " : "",
			    d->logon_tested && !um_is_ok(d->logon)
				    ? um_status_name(d->logon) : "");
	ui_text_line(dl->win, y, 2, dl->w - 4, s,
		    d->logon_tested && !um_is_ok(d->logon)
			    ? ui_attr(UI_R_ERROR) : a);
	s = talloc_asprintf(t, _("Verdict: %s"), um_verdict_text(d->verdict));
	ui_text_line(dl->win, 10, 2, dl->w - 4, s,
		    d->verdict == UM_VERDICT_HEALTHY ? ui_attr(UI_R_OK)
						     : ui_attr(UI_R_ERROR));
	ui_text_block(dl->win, 11, 3, dl->w - 6, dl->h - 3 - 11,
		      um_verdict_advice(d->verdict), a);
	talloc_free(t);
}

static void diagnose(struct diag_view *v)
{
	TALLOC_FREE(v->d);
	v->st = um_diagnose(ui.model, v->pair->resource_pdc,
			    v->pair->accounts_pdc, v->pair->user,
			    v->pair->user_password, v->mem, &v->d);
	if (!um_is_ok(v->st))
		TALLOC_FREE(v->d);
}

static void diag_buttons(struct ui_dialog *dl, struct diag_view *v)
{
	ui_dialog_ctl(dl, ID_REPAIR)->disabled =
		v->d == NULL || v->d->verdict == UM_VERDICT_HEALTHY;
}

static int diag_event(struct ui_dialog *dl, int id, int key)
{
	struct diag_view *v = dl->priv;

	(void)key;
	switch (id) {
	case ID_AGAIN:
		diagnose(v);
		diag_buttons(dl, v);
		ui_dialog_paint(dl, true);
		return UI_DLG_CONTINUE;
	case ID_REPAIR:
		v->repair = true;
		return id;
	default:
		return id;
	}
}

void ui_diagnosis(void)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct ui_pair *pair = talloc_zero(mem, struct ui_pair);
	struct diag_view v = { .mem = mem, .pair = pair };
	struct ui_dialog dl;
	int w = COLS - 2 < 78 ? COLS - 2 : 78;

	if (!pair_dialog_filled(_("Diagnose Trust"), mem, pair)) {
		talloc_free(mem);
		return;
	}
	diagnose(&v);
	ui_dialog_init(&dl, _("Diagnose Trust"), 20, w, UI_HELP_DIAGNOSIS);
	ui_dialog_handle(&dl, diag_event, diag_paint, &v, ID_CLOSE, ID_CLOSE);
	ui_dialog_button_w(&dl, ID_REPAIR, 18, 2, _("&Repair..."), 0);
	ui_dialog_button_w(&dl, ID_AGAIN, 18, 18, _("&Diagnose Again"), 0);
	ui_dialog_button_w(&dl, ID_CLOSE, 18, 40, _("Close"), 0);
	ui_dialog_button_w(&dl, UI_ID_HELP, 18, 52, _("&Help"), 0);
	diag_buttons(&dl, &v);
	ui_dialog_focus(&dl, ID_CLOSE);
	ui_dialog_run(&dl);
	ui_dialog_free(&dl);
	if (v.repair)
		ui_wizard(pair);
	talloc_free(mem);
}

/* ---- the pair dialog, filled --------------------------------------- */

/* What to offer first: the command line's pair, completed by the engine
 * (the scenario's pair, or the partner of the domain on screen).  The
 * test user only as given: its password is typed here. */
static void pair_defaults(TALLOC_CTX *mem, const char **res,
			  const char **acc, const char **user)
{
	struct um_pair given = {
		.resource_pdc = (char *)ui.opt->resource_pdc,
		.accounts_pdc = (char *)ui.opt->accounts_pdc,
	};
	struct um_pair *pair = NULL;

	*res = ui.opt->resource_pdc;
	*acc = ui.opt->accounts_pdc;
	*user = ui.opt->user;
	if (um_is_ok(um_pair_find(ui.model, mem, &given, ui_main_pdc(),
				  &pair))) {
		*res = pair->resource_pdc;
		*acc = pair->accounts_pdc;
	}
}

static bool pair_dialog_filled(const char *title, TALLOC_CTX *mem,
			       struct ui_pair *p)
{
	struct pair_dlg x = { .mem = mem, .p = p };
	struct ui_dialog d;
	const char *res, *acc, *user;

	pair_defaults(mem, &res, &acc, &user);
	if (p->resource_pdc != NULL)
		res = p->resource_pdc;
	if (p->accounts_pdc != NULL)
		acc = p->accounts_pdc;
	ui_dialog_init(&d, title, 16, 72, UI_HELP_DIAGNOSIS);
	ui_dialog_handle(&d, NULL, pair_paint, &x, ID_OK, ID_CANCEL);
	d.ok = pair_ok;
	ui_dialog_label(&d, 3, 2, _("&Resource PDC:"));
	ui_dialog_field(&d, ID_RES, 3, 20, 24, false, 255);
	ui_dialog_label(&d, 4, 4, _("Connect as:"));
	ui_dialog_field(&d, ID_RES_AS, 4, 20, 24, false, 255);
	ui_dialog_label(&d, 6, 2, _("&Accounts PDC:"));
	ui_dialog_field(&d, ID_ACC, 6, 20, 24, false, 255);
	ui_dialog_label(&d, 7, 4, _("Connect as:"));
	ui_dialog_field(&d, ID_ACC_AS, 7, 20, 24, false, 255);
	ui_dialog_label(&d, 10, 2, _("&User:"));
	ui_dialog_field(&d, ID_USER, 10, 20, 24, false, 255);
	ui_dialog_label(&d, 11, 2, _("&Password:"));
	ui_dialog_field(&d, ID_USER_PW, 11, 20, 24, true, UM_SECRET_MAX_UTF16);
	ui_dialog_button_w(&d, ID_OK, 3, 56, _("OK"), 12);
	ui_dialog_button_w(&d, ID_CANCEL, 4, 56, _("Cancel"), 12);
	ui_dialog_button_w(&d, UI_ID_HELP, 5, 56, _("&Help"), 12);
	ui_dialog_button_column(&d, 56);
	ui_field_set(&d, ui_dialog_ctl(&d, ID_RES), res ? res : "");
	ui_field_set(&d, ui_dialog_ctl(&d, ID_ACC), acc ? acc : "");
	ui_field_set(&d, ui_dialog_ctl(&d, ID_USER), user ? user : "");
	ui_dialog_run(&d);
	ui_dialog_free(&d);
	return x.done;
}
