/*
 * usrmgr - Policies > Repair Trust (KB Q207957)...: the guided repair.
 *
 * Both PDCs side by side, each with the steps that run on it; the current
 * step highlighted with "Step N of M", what it does, on which PDC and why
 * (F1: the KB's cause and the step's purpose).  The operator runs each
 * step (or all the remaining ones); each outcome is shown; a failure stops
 * with the message, each side's state and what to do.  At the end, the
 * verify and logon-test results and a summary.  The engine is the CLI's
 * (src/include/repair.h): every step is journaled before it runs, so a repair
 * left unfinished is offered again when User Manager starts.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include "ui_priv.h"
#include "repair.h"

#define N_STEPS um_repair_n_steps

enum { ID_RUN = 1, ID_ALL, ID_STOP, ID_HELP };

struct wiz {
	TALLOC_CTX *mem;
	struct um_journal *j;
	struct um_repair *r;
	enum um_verdict verdict;   /* the diagnosis before the repair */
	bool res_holds, acc_holds; /* each side's half, as the steps go */
	bool res_reach, acc_reach;
	char *outcome;             /* the last step's outcome */
	bool outcome_bad;
	char *summary;             /* at the end */
	bool attempted, finished, stopped;
	char *help;
};

/* ---- texts ------------------------------------------------------------ */

static const char *side_domain(const struct wiz *x, enum um_side s)
{
	return s == UM_SIDE_RESOURCE ? um_repair_resource(x->r)
				     : um_repair_accounts(x->r);
}

/* F1: the KB's cause and the current step's purpose. */
static void set_help(struct wiz *x)
{
	size_t i = um_repair_next(x->r);
	char *step;

	TALLOC_FREE(x->help);
	if (i < N_STEPS && !x->finished) {
		step = talloc_asprintf(x->mem, "%s:\n%s\n%s\n%s",
			um_repair_step_heading(x->mem, x->r, i),
			_(um_repair_steps[i].screen),
			um_repair_step_text(x->mem, x->r, i),
			talloc_asprintf(x->mem, _("Checked afterwards: %s"),
					um_repair_step_check(x->mem, x->r, i)));
	} else {
		step = talloc_strdup(x->mem, _("All steps have run."));
	}
	x->help = talloc_asprintf(x->mem,
		_("The cause (KB Q207957): %s\n\n%s\n\n"
		  "The repair removes both halves of the trust and adds them "
		  "again with one new password, on the accounts domain's PDC "
		  "first (Trusting Domains, Add...), then on the resource "
		  "domain's PDC (Trusted Domains, Add...); then the secure "
		  "channel is reset and verified, and a logon is tried.\n\n"
		  "Run Step runs the highlighted step; Run All Remaining runs "
		  "the rest one after the other and stops at the first "
		  "failure. Stop leaves the repair where it is: the journal "
		  "keeps its place and User Manager offers to resume it."),
		um_verdict_advice(x->verdict), step);
	talloc_free(step);
	ui_help_set_custom(_("Help - Repair Trust"), x->help);
}

/* ---- painting ----------------------------------------------------------- */

static void side_panel(struct ui_dialog *d, struct wiz *x, enum um_side side,
		       int y, int bx, int bw)
{
	TALLOC_CTX *t = talloc_new(NULL);
	attr_t a = ui_attr(UI_R_DIALOG);
	bool res = side == UM_SIDE_RESOURCE;
	bool reach = res ? x->res_reach : x->acc_reach;
	bool holds = res ? x->res_holds : x->acc_holds;
	size_t cur = x->finished || x->stopped ? N_STEPS : um_repair_next(x->r);
	size_t i;
	int row = y + 3;
	char *s;

	wattrset(d->win, a);
	ui_box(d->win, y, bx, 9, bw);
	s = talloc_asprintf(t, _(" %s - PDC %s "), side_domain(x, side),
			    um_repair_pdc(x->r, side));
	if (ui_text_width(s) > bw - 4) {
		/* Long names (15 characters each): the PDC on the bottom
		 * border, so that neither name is cut. */
		ui_text_line(d->win, y + 8, bx + 2, bw - 4, talloc_asprintf(t,
			    _(" PDC %s "), um_repair_pdc(x->r, side)),
			    ui_attr(UI_R_DIALOG_TITLE));
		s = talloc_asprintf(t, " %s ", side_domain(x, side));
	}
	ui_text_line(d->win, y, bx + 2, bw - 4, s, ui_attr(UI_R_DIALOG_TITLE));
	ui_text_line(d->win, y + 1, bx + 2, bw - 4,
		    res ? _("Trusted Domains:") : _("Trusting Domains:"), a);
	s = talloc_asprintf(t, "  %s: %s",
			    res ? um_repair_accounts(x->r)
				: um_repair_resource(x->r),
			    !reach ? _("(no answer)")
			    : holds ? _("listed") : _("missing"));
	if (ui_text_width(s) > bw - 4) /* a long name: no indent */
		s += 2;
	ui_text_line(d->win, y + 2, bx + 2, bw - 4, s,
		    reach && holds ? a : ui_attr(UI_R_ERROR));
	for (i = 0; i < N_STEPS && row < y + 8; i++) {
		enum um_step_state st = um_repair_step_state(x->r, i);
		attr_t sa = a;
		char num[8] = "-";

		if (um_repair_steps[i].side != side)
			continue;
		if (st != UM_STEP_NOT_NEEDED)
			snprintf(num, sizeof(num), "%zu",
				 um_repair_step_number(x->r, i));
		if (i == cur)
			sa = ui_attr(UI_R_LIST_SEL);
		else if (st == UM_STEP_FAILED)
			sa = ui_attr(UI_R_ERROR);
		else if (st == UM_STEP_NOT_NEEDED)
			sa = ui_attr(UI_R_DISABLED);
		ui_fill(d->win, row, bx + 1, bw - 2, sa);
		s = talloc_asprintf(t, "%s%s %s", i == cur ? ">" : " ", num,
				    um_repair_step_title(i));
		ui_text_line(d->win, row, bx + 1, bw - 14, s, sa);
		ui_text_line(d->win, row, bx + bw - 12, 11,
			    um_repair_state_text(st), sa);
		if (i == cur)
			ui_cursor(d->win, row, bx + 1);
		row++;
	}
	talloc_free(t);
}

/* "Step 3 of 6, on PDC (DOMAIN): Trusting: Add...": with long names
 * (and in German) the step's title goes: the panel highlights it. */
static char *step_heading(TALLOC_CTX *t, struct wiz *x, size_t cur, int w)
{
	char *h = um_repair_step_heading(t, x->r, cur);
	char *s = talloc_asprintf(t, "%s: %s", h, um_repair_step_title(cur));

	return ui_text_width(s) <= w ? s : talloc_asprintf(t, "%s:", h);
}

/* The current step's text from row Y, above the outcome (OUT lines, at
 * row 17 as long as the text leaves room): where in User Manager, what
 * and why; the "where" line goes first when there is no room (F1 has
 * it).  Returns the outcome's row. */
static int step_text(struct ui_dialog *d, TALLOC_CTX *t, struct wiz *x,
		     size_t cur, int y, int out)
{
	char **lines;
	char *s;
	int i, n, first = 0, out_y = out > 0 ? 17 : 19;

	s = talloc_asprintf(t, "%s\n%s", _(um_repair_steps[cur].screen),
			    um_repair_step_text(t, x->r, cur));
	n = ui_wrap(s, d->w - 6, &lines, t);
	if (y + n > out_y && out == 1)
		out_y = 18;
	if (y + n > out_y)
		first = 1;
	for (i = first; i < n && y < out_y; i++, y++)
		ui_text_line(d->win, y, 3, d->w - 6, lines[i],
			    ui_attr(UI_R_DIALOG));
	return out_y;
}

static void wiz_paint(struct ui_dialog *d)
{
	struct wiz *x = d->priv;
	TALLOC_CTX *t = talloc_new(NULL);
	attr_t a = ui_attr(UI_R_DIALOG);
	int bw = (d->w - 5) / 2, y, i, n, out_y = 17, nout = 0;
	size_t cur = um_repair_next(x->r);
	char **lines = NULL;
	char *s;

	for (y = 1; y < d->h - 2; y++)
		ui_fill(d->win, y, 1, d->w - 2, a);
	s = talloc_asprintf(t, _("%s trusts %s: %s"),
			    um_repair_resource(x->r), um_repair_accounts(x->r),
			    um_verdict_text(x->verdict));
	if (ui_text_width(s) > d->w - 4) /* the panels name both domains */
		s = talloc_strdup(t, um_verdict_text(x->verdict));
	ui_text_line(d->win, 1, 2, d->w - 4, s, a);
	side_panel(d, x, UM_SIDE_RESOURCE, 2, 2, bw);
	side_panel(d, x, UM_SIDE_ACCOUNTS, 2, 3 + bw, d->w - 5 - bw);
	y = 11;
	if (x->finished || x->stopped || cur >= N_STEPS) {
		n = ui_wrap(x->summary ? x->summary : "", d->w - 6, &lines, t);
		for (i = 0; i < n && y < 19; i++, y++)
			ui_text_line(d->win, y, 3, d->w - 6, lines[i],
				    x->outcome_bad ? ui_attr(UI_R_ERROR) : a);
	} else {
		if (x->outcome != NULL && !x->stopped)
			nout = ui_wrap(x->outcome, d->w - 6, &lines, t);
		ui_text_line(d->win, y++, 2, d->w - 4,
			    step_heading(t, x, cur, d->w - 4),
			    ui_attr(UI_R_DIALOG_TITLE));
		out_y = step_text(d, t, x, cur, y, nout < 2 ? nout : 2);
	}
	for (i = 0, y = out_y; i < nout && y < 19; i++, y++)
		ui_text_line(d->win, y, 3, d->w - 6, lines[i],
			    x->outcome_bad ? ui_attr(UI_R_ERROR)
					   : ui_attr(UI_R_OK));
	talloc_free(t);
}

static void wiz_buttons(struct ui_dialog *d, struct wiz *x)
{
	bool over = x->finished || x->stopped;

	ui_dialog_ctl(d, ID_RUN)->disabled = over;
	ui_dialog_ctl(d, ID_ALL)->disabled = over;
	ui_dialog_ctl(d, ID_STOP)->text = over ? _("&Close") : _("&Stop");
	if (over)
		ui_dialog_focus(d, ID_STOP);
	set_help(x);
}

static void wiz_show(struct ui_dialog *d, struct wiz *x)
{
	wiz_buttons(d, x);
	ui_dialog_paint(d, true);
	ui_refresh();
}

/* ---- the trust password ---------------------------------------------- */

enum { PW_NEW = 1, PW_CONFIRM, PW_OK, PW_GENERATE, PW_CANCEL, PW_HELP };

struct pw_dlg {
	struct wiz *x;
	enum um_password_need need;
	bool confirm;   /* a new password: twice */
	int answer;
};

static void pw_paint(struct ui_dialog *d)
{
	struct pw_dlg *p = d->priv;
	TALLOC_CTX *t = talloc_new(NULL);
	char *s;

	s = um_repair_password_text(t, p->x->r, p->need);
	if (p->confirm)
		s = talloc_asprintf(t, "%s %s", s, _("Generate makes a strong "
			"one that nobody needs to know."));
	ui_text_block(d->win, 1, 3, d->w - 6, 5, s, ui_attr(UI_R_DIALOG));
	talloc_free(t);
}

static int pw_ok(struct ui_dialog *d, struct pw_dlg *p)
{
	TALLOC_CTX *t = talloc_new(NULL);
	struct um_secret *pw = ui_field_secret(d, ui_dialog_ctl(d, PW_NEW), t);
	struct um_secret *cf = p->confirm
		? ui_field_secret(d, ui_dialog_ctl(d, PW_CONFIRM), t) : pw;
	struct um_password_answer a;

	if (!ui_passwords_match(d, pw, cf, PW_NEW)) {
		talloc_free(t);
		return UI_DLG_CONTINUE;
	}
	a = um_repair_give_password(p->x->r, pw);
	talloc_free(t); /* wiped as freed */
	if (a.outcome == UM_PASSWORD_REFUSED) {
		/* The engine's reason where it gives one (an empty new
		 * password), else the status's words. */
		if (a.note != NULL)
			ui_message(UI_MSG_ERROR, a.note);
		else
			ui_message_status(NULL, a.status);
		ui_dialog_focus(d, PW_NEW);
		return UI_DLG_CONTINUE;
	}
	if (a.note != NULL)
		ui_message(UI_MSG_INFO, a.note);
	return PW_OK;
}

static int pw_event(struct ui_dialog *d, int id, int key)
{
	struct pw_dlg *p = d->priv;
	struct um_status st;

	(void)key;
	switch (id) {
	case PW_OK:
		return pw_ok(d, p);
	case PW_GENERATE:
		st = um_repair_generate_password(p->x->r);
		if (!um_is_ok(st)) {
			ui_message_status(NULL, st);
			return UI_DLG_CONTINUE;
		}
		ui_message(UI_MSG_INFO, _("A strong random password was "
			"generated; it is given to both domains and shown to "
			"nobody."));
		return PW_OK;
	case PW_HELP:
		ui_help(UI_HELP_PASSWORD);
		return UI_DLG_CONTINUE;
	default:
		return id;
	}
}

/* True when the password NEED is settled (or the repair rewound). */
static bool ask_password(struct wiz *x, enum um_password_need need)
{
	struct pw_dlg p = { .x = x, .need = need };
	struct ui_dialog d;
	int r;

	if (need == UM_PASSWORD_NONE)
		return true;
	p.confirm = need == UM_PASSWORD_NEW;
	ui_dialog_init(&d, _("Trust Password"), 12, 66, UI_HELP_PASSWORD);
	ui_dialog_handle(&d, pw_event, pw_paint, &p, PW_OK, PW_CANCEL);
	ui_dialog_label(&d, 6, 2, p.confirm ? _("&New Password:")
					    : _("&Password:"));
	ui_dialog_field(&d, PW_NEW, 6, 22, 22, true, UM_SECRET_MAX_UTF16);
	if (p.confirm) {
		ui_dialog_label(&d, 7, 2, _("&Confirm Password:"));
		ui_dialog_field(&d, PW_CONFIRM, 7, 22, 22, true,
				UM_SECRET_MAX_UTF16);
	}
	ui_dialog_button_w(&d, PW_OK, 9, 3, _("OK"), 10);
	if (p.confirm)
		ui_dialog_button_w(&d, PW_GENERATE, 9, 15, _("&Generate"), 12);
	ui_dialog_button_w(&d, PW_CANCEL, 9, 29, _("Cancel"), 10);
	ui_dialog_button_w(&d, PW_HELP, 9, 41, _("&Help"), 10);
	ui_dialog_focus(&d, PW_NEW);
	r = ui_dialog_run(&d);
	ui_dialog_free(&d);
	return r == PW_OK;
}

/* ---- running ------------------------------------------------------------ */

static void side_state(struct wiz *x, const struct um_diagnosis *d)
{
	x->res_reach = um_is_ok(d->resource_reach);
	x->acc_reach = um_is_ok(d->accounts_reach);
	x->res_holds = d->resource_trusts;
	x->acc_holds = d->accounts_lists;
}

static void stop_on_pdc(struct wiz *x, size_t i)
{
	x->stopped = true;
	x->outcome_bad = true;
	x->summary = um_repair_run_on_pdc_text(x->mem, x->r, i,
					       um_journal_path(x->j));
	ui_message(UI_MSG_INFO, x->summary);
}

static void step_failed(struct wiz *x, size_t i, struct um_status st)
{
	const struct um_diagnosis *now = NULL;
	char *msg;

	if (um_status_is(st, UM_KIND_LOCAL, UM_LOCAL_RUN_ON_PDC)) {
		stop_on_pdc(x, i);
		return;
	}
	um_repair_rediagnose(x->r, &now);
	if (now != NULL)
		side_state(x, now);
	x->outcome_bad = true;
	x->outcome = um_repair_outcome_text(x->mem, x->r, i);
	msg = talloc_asprintf(x->mem, _("%s\n\nWhat to do: mend the cause "
		"(%s), then choose Run Step to try this step again. Or Stop: "
		"the journal keeps the repair's place, and User Manager offers "
		"to resume it."),
		um_repair_failure_text(x->mem, x->r, i, st, now),
		um_status_name(st));
	ui_message(UI_MSG_ERROR, msg);
	talloc_free(msg);
}

static void finish(struct wiz *x)
{
	const struct um_diagnosis *d;
	struct um_status st;
	bool healthy = false;

	st = um_repair_finish(x->r, &healthy);
	d = um_repair_diagnosis(x->r);
	x->finished = true;
	if (d != NULL)
		side_state(x, d);
	x->outcome_bad = !healthy;
	x->summary = um_repair_summary_text(x->mem, x->r, healthy, st);
}

/* Step I has just been done (or found already so): its PDC answered,
 * and each side's half is as it is now. */
static void step_done(struct wiz *x, size_t i)
{
	enum um_step_state s = um_repair_step_state(x->r, i);

	if (s != UM_STEP_DONE && s != UM_STEP_SATISFIED)
		return;
	/* after a failure ("no answer") the PDC may be back */
	if (um_repair_steps[i].side == UM_SIDE_RESOURCE)
		x->res_reach = true;
	else
		x->acc_reach = true;
	switch (um_repair_steps[i].kind) {
	case UM_STEP_REMOVE_TRUSTED: x->res_holds = false; break;
	case UM_STEP_REMOVE_TRUSTING: x->acc_holds = false; break;
	case UM_STEP_ADD_TRUSTING: x->acc_holds = true; break;
	case UM_STEP_ADD_TRUSTED: x->res_holds = true; break;
	default: break;
	}
}

/* Run the next step; false when the repair cannot go on by itself. */
static bool run_one(struct ui_dialog *d, struct wiz *x)
{
	size_t i = um_repair_next(x->r);
	struct um_status st;

	if (i >= N_STEPS) {
		finish(x);
		return false;
	}
	if (um_repair_needs_password(x->r, i)) {
		if (!ask_password(x, um_repair_password_need(x->r, i)))
			return false;
		if (um_repair_next(x->r) != i)
			return true; /* rewound: Add Trusting again */
	}
	x->attempted = true;
	st = um_repair_run(x->r, i);
	if (!um_is_ok(st)) {
		step_failed(x, i, st);
		return false;
	}
	step_done(x, i);
	x->outcome_bad = false;
	x->outcome = um_repair_outcome_text(x->mem, x->r, i);
	if (um_repair_next(x->r) >= N_STEPS) {
		finish(x);
		return false;
	}
	(void)d;
	return true;
}

/* Run one step, or (ALL) every remaining one, and show where it is. */
static void run_steps(struct ui_dialog *d, struct wiz *x, bool all)
{
	while (run_one(d, x) && all) {
		wiz_show(d, x);
		if (ui.quit_signal)
			break;
	}
	wiz_show(d, x);
	if (x->finished)
		ui_message(x->outcome_bad ? UI_MSG_ERROR : UI_MSG_INFO,
			   x->summary);
}

static int wiz_event(struct ui_dialog *d, int id, int key)
{
	struct wiz *x = d->priv;

	(void)key;
	switch (id) {
	case ID_RUN:
	case ID_ALL:
		run_steps(d, x, id == ID_ALL);
		return UI_DLG_CONTINUE;
	case ID_HELP:
		ui_help(UI_HELP_CUSTOM);
		return UI_DLG_CONTINUE;
	default:
		return id;
	}
}

static void wiz_run(struct wiz *x)
{
	struct ui_dialog d;
	int w = COLS - 2 < 78 ? COLS - 2 : 78;

	side_state(x, um_repair_diagnosis(x->r));
	x->verdict = um_repair_diagnosis(x->r)->verdict;
	ui_dialog_init(&d, _("Repair Trust (KB Q207957)"), 22, w,
		       UI_HELP_CUSTOM);
	ui_dialog_handle(&d, wiz_event, wiz_paint, x, ID_RUN, ID_STOP);
	ui_dialog_button_w(&d, ID_RUN, 20, 2, _("&Run Step"), 0);
	ui_dialog_button_w(&d, ID_ALL, 20, 17, _("Run &All Remaining"), 0);
	ui_dialog_button_w(&d, ID_STOP, 20, 41, _("&Stop"), 9);
	ui_dialog_button_w(&d, ID_HELP, 20, 53, _("&Help"), 0);
	wiz_buttons(&d, x);
	ui_dialog_focus(&d, ID_RUN);
	ui_dialog_run(&d);
	ui_dialog_free(&d);
	ui_help_set_custom(NULL, NULL);
}

/* ---- beginning: new or resumed ------------------------------------------ */

static struct um_status open_journal(struct wiz *x)
{
	return um_journal_open(x->mem, ui.opt->journal, &x->j);
}

/* The rest of a repair once it has begun. */
static void carry_on(struct wiz *x)
{
	bool ran;

	if (um_repair_healthy(x->r)) {
		ui_message(UI_MSG_INFO, _("The trust is healthy; nothing to "
					  "repair."));
		return;
	}
	size_t first;

	if (!ask_password(x, um_repair_password_needed_up_front(x->r, &first))) {
		/* Nothing has changed: end it in the journal. */
		bool healthy;

		um_repair_finish(x->r, &healthy);
		return;
	}
	wiz_run(x);
	ran = x->attempted;
	if (!x->finished && !ran) {
		bool healthy;

		um_repair_finish(x->r, &healthy);
	} else if (!x->finished && !x->stopped) {
		ui_message(UI_MSG_INFO, _("The repair is not finished. The "
			"journal keeps its place: Policies > Repair Trust offers "
			"to resume it, and so does User Manager when it starts "
			"again."));
	}
}

/* The repair begun or resumed with ST: carried on, or CANNOT said. */
static void go_on(struct wiz *x, struct um_status st, const char *cannot)
{
	if (um_is_ok(st) && x->r != NULL)
		carry_on(x);
	else if (x->r != NULL && um_repair_refusal_text(x->r) != NULL)
		/* refused before its first step: the engine says why */
		ui_message_status(um_repair_refusal_text(x->r), st);
	else
		ui_message_status(cannot, st);
	talloc_free(x);
}

void ui_wizard(const struct ui_pair *pair)
{
	struct wiz *x = talloc_zero(NULL, struct wiz);
	struct um_repair_options opt = { .user = pair->user,
					 .user_password = pair->user_password };
	struct um_status st;

	if (ui_training_active()) {
		/* The coach watches every operation: the wizard would do the
		 * trainee's work. */
		ui_message(UI_MSG_INFO, _("In training you do the steps "
			"yourself, in Policies > Trust Relationships. F2 gives "
			"a hint."));
		talloc_free(x);
		return;
	}
	x->mem = x;
	st = open_journal(x);
	if (um_is_ok(st))
		st = um_repair_start(x, ui.model, x->j, pair->resource_pdc,
				     pair->accounts_pdc, &opt, &x->r);
	if (um_is_ok(st) && um_repair_healthy(x->r) &&
	    ui_confirm(_("The trust is healthy; there is nothing to repair.\n\n"
			 "Remove it and add it again anyway?")) ==
		    UI_ANSWER_YES) {
		opt.reestablish = true;
		st = um_repair_start(x, ui.model, x->j, pair->resource_pdc,
				     pair->accounts_pdc, &opt, &x->r);
	} else if (um_is_ok(st) && um_repair_healthy(x->r)) {
		talloc_free(x);
		return;
	}
	go_on(x, st, _("The repair could not begin."));
}

static void resume(struct um_unfinished *u, const struct ui_pair *pair)
{
	struct wiz *x = talloc_zero(NULL, struct wiz);
	struct um_repair_options opt = { 0 };
	struct um_status st;

	if (pair != NULL) {
		opt.user = pair->user;
		opt.user_password = pair->user_password;
	}
	x->mem = x;
	um_repair_resume_creds(ui.model, u, ui.opt->resource_pdc,
			       ui.opt->resource_authfile, ui.opt->accounts_pdc,
			       ui.opt->accounts_authfile);
	st = open_journal(x);
	if (um_is_ok(st))
		st = um_repair_resume(x, ui.model, x->j, u, &opt, &x->r);
	go_on(x, st, _("The repair could not be resumed."));
}

static struct um_unfinished *find_unfinished(TALLOC_CTX *mem)
{
	struct um_journal *j = NULL;
	struct um_unfinished *u = NULL;

	if (!um_is_ok(um_journal_open(mem, ui.opt->journal, &j)))
		return NULL;
	u = um_repair_offer(mem, ui.model, um_journal_path(j));
	return u;
}

/* Ask whether to resume U; true when it was resumed. */
static bool offer(struct um_unfinished *u)
{
	TALLOC_CTX *t = talloc_new(NULL);
	char *q = talloc_asprintf(t,
		_("A repair of the trust was begun %s and not finished:\n"
		  "%s trusts %s (PDCs %s and %s)%s%s\n\n"
		  "Resume it now? Each side is read again first."),
		u->time ? u->time : "?", u->resource ? u->resource : "?",
		u->accounts ? u->accounts : "?", u->resource_pdc,
		u->accounts_pdc,
		u->last_step ? _(".\nThe last step done:\n") : "",
		u->last_step ? um_repair_last_step_text(t, u) : "");
	bool yes = ui_confirm(q) == UI_ANSWER_YES;

	talloc_free(t);
	if (yes) {
		struct ui_pair pair = { 0 };
		TALLOC_CTX *m = talloc_new(NULL);

		/* The logon test's user, if the command line named one. */
		if (ui.opt->user != NULL && ui.opt->user_password_file != NULL &&
		    um_is_ok(um_secret_from_file(m, ui.opt->user_password_file,
						 &pair.user_password)))
			pair.user = (char *)ui.opt->user;
		resume(u, &pair);
		talloc_free(m);
	}
	return yes;
}

void ui_wizard_offer_resume(void)
{
	TALLOC_CTX *t = talloc_new(NULL);
	struct um_unfinished *u = find_unfinished(t);

	if (u != NULL)
		offer(u);
	talloc_free(t);
}

void ui_wizard_menu(void)
{
	TALLOC_CTX *t = talloc_new(NULL);
	struct um_unfinished *u = find_unfinished(t);
	struct ui_pair *pair;

	if (u != NULL && offer(u)) {
		talloc_free(t);
		return;
	}
	pair = talloc_zero(t, struct ui_pair);
	if (ui_pair_dialog(_("Repair Trust (KB Q207957)"), UI_HELP_REPAIR, t,
			   pair))
		ui_wizard(pair);
	talloc_free(t);
}
