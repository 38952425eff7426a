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

	ui_text_line(d->win, 1, 2, d->w - 4,
		    _("The resource domain trusts the accounts domain:"), a);
	ui_text_line(d->win, 9, 2, d->w - 4,
		    _("Logon test (optional): a user of the accounts domain"),
		    a);
	ui_text_line(d->win, 13, 2, d->w - 4,
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
static bool pair_dialog_filled(const char *title, enum ui_help_topic help,
			       TALLOC_CTX *mem, struct ui_pair *p);

bool ui_pair_dialog(const char *title, enum ui_help_topic help,
		    TALLOC_CTX *mem, struct ui_pair *p)
{
	return pair_dialog_filled(title, help, mem, p);
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

/* One side of the trust as its box shows it. */
struct side {
	const char *title;  /* " Resource side: NAME " */
	const char *side;   /* " Resource side " */
	const char *name;   /* the domain */
	const char *pdc;
	struct um_status reach;
	const char *list, *partner;
	bool holds;
};

/* "WHAT  STATE" as one line of at most W columns, or where that would
 * cut a name or a word (long names, German), WHAT and STATE on lines of
 * their own.  Appends to L at *N. */
static void two_part(TALLOC_CTX *t, char **l, int *n, int w,
		     const char *what, const char *sep, const char *state)
{
	char *s = talloc_asprintf(t, "%s%s%s", what, sep, state);

	if (ui_text_width(s) <= w) {
		l[(*n)++] = s;
		return;
	}
	l[(*n)++] = (char *)what;
	l[(*n)++] = talloc_asprintf(t, "%s%s", what[0] == ' ' ? "  " : "",
				    state);
}

/* The box's lines for W columns: the PDC and whether it answered, the
 * list, the partner in it.  *N_PDC: the PDC's lines. */
static int side_lines(TALLOC_CTX *t, const struct side *sd, int w,
		      char ***out, int *n_pdc)
{
	char **l = talloc_array(t, char *, 5);
	int n = 0;

	two_part(t, l, &n, w, talloc_asprintf(t, _("PDC: %s"), sd->pdc),
		 "  ", um_is_ok(sd->reach) ? _("(answers)")
					   : _("(DOES NOT ANSWER)"));
	*n_pdc = n;
	l[n++] = (char *)sd->list;
	two_part(t, l, &n, w, talloc_asprintf(t, "  %s:", sd->partner), " ",
		 yes_no(um_is_ok(sd->reach), sd->holds));
	*out = l;
	return n;
}

/* One side's box of H rows: the PDC, whether it answered, what it
 * holds.  A title too long for the top edge (long names, German) keeps
 * the domain there and says which side it is on the bottom edge. */
static void side_box(WINDOW *w, int y, int x, int bw, int h,
		     const struct side *sd)
{
	TALLOC_CTX *t = talloc_new(NULL);
	attr_t a = ui_attr(UI_R_DIALOG), ta = ui_attr(UI_R_DIALOG_TITLE);
	bool bad = !um_is_ok(sd->reach);
	char **l;
	int n, np, i;

	wattrset(w, a);
	ui_box(w, y, x, h, bw);
	if (ui_text_width(sd->title) > bw - 4) {
		ui_text_line(w, y, x + 2, bw - 4,
			    talloc_asprintf(t, " %s ", sd->name), ta);
		ui_text_line(w, y + h - 1, x + 2, bw - 4, sd->side, ta);
	} else {
		ui_text_line(w, y, x + 2, bw - 4, sd->title, ta);
	}
	n = side_lines(t, sd, bw - 4, &l, &np);
	for (i = 0; i < n && i < h - 2; i++)
		ui_text_line(w, y + 1 + i, x + 2, bw - 4, l[i],
			    i < np ? (bad ? ui_attr(UI_R_ERROR) : a)
			    : i > np && !bad && !sd->holds ? ui_attr(UI_R_ERROR)
			    : a);
	talloc_free(t);
}

/* Both sides' boxes from row Y, as tall as the taller one needs;
 * returns the row under them. */
static int diag_sides(struct ui_dialog *dl, TALLOC_CTX *t,
		      const struct um_diagnosis *d, int y)
{
	const char *res = d->resource ? d->resource : "?";
	const char *acc = d->accounts ? d->accounts : "?";
	int bw = (dl->w - 5) / 2, h, n, np;
	char **l;
	struct side rs = {
		talloc_asprintf(t, _(" Resource side: %s "), res),
		_(" Resource side "), res, d->resource_pdc,
		d->resource_reach, _("Trusted Domains:"), acc,
		d->resource_trusts,
	};
	struct side as = {
		talloc_asprintf(t, _(" Accounts side: %s "), acc),
		_(" Accounts side "), acc, d->accounts_pdc,
		d->accounts_reach, _("Trusting Domains:"), res,
		d->accounts_lists,
	};

	h = side_lines(t, &rs, bw - 4, &l, &np) + 2;
	n = side_lines(t, &as, dl->w - 5 - bw - 4, &l, &np) + 2;
	h = n > h ? n : h;
	side_box(dl->win, y, 2, bw, h, &rs);
	side_box(dl->win, y, 3 + bw, dl->w - 5 - bw, h, &as);
	return y + h;
}

/* The secure channel's verify and the logon test, from row Y; returns
 * the rows they took (a long status name, or a translation, wraps the
 * verify line into a second row). */
static int diag_checks(struct ui_dialog *dl, TALLOC_CTX *t,
		       const struct um_diagnosis *d, int y)
{
	int rows;
	attr_t a = ui_attr(UI_R_DIALOG);
	char *s;

	s = talloc_asprintf(t, _("Secure channel verify: %s%s%s"),
			    outcome(d->verified, d->verify),
			    d->verified && !um_is_ok(d->verify) ? " - " : "",
			    d->verified && !um_is_ok(d->verify)
				    ? um_status_name(d->verify) : "");
	if (d->reset)
		s = talloc_asprintf_append(
			s, _("; after a reset: %s"),
			outcome(true, d->verify_after_reset));
	rows = ui_text_block(dl->win, y, 2, dl->w - 4, 2, s,
			     d->verified && !um_is_ok(d->verify)
				     ? ui_attr(UI_R_ERROR) : a);
	y += rows - 1;
	s = talloc_asprintf(t, _("Logon test: %s%s%s"),
			    d->logon_tested ? outcome(true, d->logon)
					    : _("not run (no test user)"),
			    d->logon_tested && !um_is_ok(d->logon) ? " - " : "",
			    d->logon_tested && !um_is_ok(d->logon)
				    ? um_status_name(d->logon) : "");
	ui_text_line(dl->win, y + 1, 2, dl->w - 4, s,
		    d->logon_tested && !um_is_ok(d->logon)
			    ? ui_attr(UI_R_ERROR) : a);
	return rows + 1;
}

static void diag_paint(struct ui_dialog *dl)
{
	struct diag_view *v = dl->priv;
	struct um_diagnosis *d = v->d;
	attr_t a = ui_attr(UI_R_DIALOG);
	int y, i, n;
	char **lines;
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
	y = diag_sides(dl, t, d, 2);
	/* a blank line before the verdict, unless taller boxes or a
	 * wrapped verify line took it */
	n = diag_checks(dl, t, d, y);
	y += y > 7 || n > 2 ? n : n + 1;
	s = talloc_asprintf(t, _("Verdict: %s"), um_verdict_text(d->verdict));
	ui_text_line(dl->win, y++, 2, dl->w - 4, s,
		    d->verdict == UM_VERDICT_HEALTHY ? ui_attr(UI_R_OK)
						     : ui_attr(UI_R_ERROR));
	n = ui_wrap(um_verdict_advice(d->verdict), dl->w - 6, &lines, t);
	for (i = 0; i < n && y + i < dl->h - 3; i++)
		ui_text_line(dl->win, y + i, 3, dl->w - 6, lines[i], a);
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

	if (!pair_dialog_filled(_("Diagnose Trust"), UI_HELP_DIAGNOSIS, mem,
				pair)) {
		talloc_free(mem);
		return;
	}
	diagnose(&v);
	ui_dialog_init(&dl, _("Diagnose Trust"), 20, w, UI_HELP_DIAGNOSIS);
	ui_dialog_handle(&dl, diag_event, diag_paint, &v, ID_CLOSE, ID_CLOSE);
	ui_dialog_button_w(&dl, ID_REPAIR, 18, 2, _("&Repair..."), 0);
	ui_dialog_button_w(&dl, ID_AGAIN, 18, 18, _("&Diagnose Again"), 0);
	ui_dialog_button_w(&dl, ID_CLOSE, 18, 40, _("&Close"), 0);
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

static bool pair_dialog_filled(const char *title, enum ui_help_topic help,
			       TALLOC_CTX *mem, struct ui_pair *p)
{
	struct pair_dlg x = { .mem = mem, .p = p };
	struct ui_dialog d;
	const char *res, *acc, *user;

	pair_defaults(mem, &res, &acc, &user);
	if (p->resource_pdc != NULL)
		res = p->resource_pdc;
	if (p->accounts_pdc != NULL)
		acc = p->accounts_pdc;
	ui_dialog_init(&d, title, 16, 72, help);
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
