/*
 * usrmgr - training (--training [SCENARIO]): the trainee repairs a
 * broken trust in the ordinary screens while the coach (src/include/training.h)
 * watches every operation.  This file is the coach's voice: an opening
 * brief, its messages after each operation (a step out of order or on the
 * wrong PDC explained at once), a hint on F2 (Esc 2; Help > Training
 * Hint), Help > Name the Cause..., and the summary at the end.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include "ui_priv.h"
#include "training.h"

static struct {
	TALLOC_CTX *mem;
	struct um_training *t;
	bool in_hook;     /* the coach's own boxes wait for keys too */
	bool summed_up;
} tr;

bool ui_training_active(void)
{
	return tr.t != NULL;
}

static void coach_say(const char *title, const char *text)
{
	(void)title;
	ui_message(UI_MSG_INFO, text);
}

static void summary(void)
{
	char *s = um_training_summary_text(tr.t, NULL);
	char *text = talloc_asprintf(s, "%s\n\n%s", _("Training summary"), s);

	tr.summed_up = true;
	coach_say(_("Training"), text);
	talloc_free(s);
}

/* The coach's messages since the last look, and the summary once done:
 * after the box that reported the last step ("Successfully Established"),
 * not on top of it, so the trainee reads the result, then the verdict. */
static void poll_messages(void)
{
	char *m;

	if (tr.t == NULL)
		return;
	m = um_training_take_messages(tr.t, NULL);
	if (m != NULL) {
		char *text = talloc_asprintf(m, "%s\n\n%s", _("Coach:"), m);

		coach_say(_("Training"), text);
		talloc_free(m);
	}
	if (um_training_finished(tr.t) && !tr.summed_up && ui.msg_depth == 0)
		summary();
}

void ui_training_hint(void)
{
	TALLOC_CTX *mem;
	char *h;

	if (tr.t == NULL) {
		ui_message(UI_MSG_INFO, _("Hints are given in training "
					  "(usrmgr --training)."));
		return;
	}
	mem = talloc_new(NULL);
	h = um_training_hint(tr.t, mem);
	coach_say(_("Training"), h);
	talloc_free(mem); /* the hint and what it was made of */
}

bool ui_training_key_hook(int key)
{
	bool took = false;

	if (tr.t == NULL || tr.in_hook || ui.too_small)
		return false;
	tr.in_hook = true;
	if (key == 0) {
		poll_messages();
	} else if (key == UI_K(KEY_F(2))) {
		ui_training_hint();
		took = true;
	}
	tr.in_hook = false;
	return took;
}

/* ---- Name the Cause --------------------------------------------------- */

static const enum um_verdict causes[] = {
	UM_VERDICT_BROKEN_AT_ACCOUNTS, UM_VERDICT_BROKEN_AT_RESOURCE,
	UM_VERDICT_PASSWORD_MISMATCH, UM_VERDICT_STALE_CHANNEL,
	UM_VERDICT_PARTNER_UNREACHABLE, UM_VERDICT_NO_TRUST,
	UM_VERDICT_LOGON_FAILS,
};
#define N_CAUSES (sizeof(causes) / sizeof(causes[0]))

enum { C_LIST = 1, C_OK, C_CANCEL, C_HELP };

static const char *cause_cell(struct ui_list *l, size_t row, int col)
{
	(void)l;
	(void)col;
	return row < N_CAUSES ? um_verdict_text(causes[row]) : NULL;
}

static int cause_event(struct ui_dialog *d, int id, int key)
{
	(void)d;
	(void)key;
	if (id == C_HELP) {
		ui_help(UI_HELP_TRAINING);
		return UI_DLG_CONTINUE;
	}
	if (id == C_LIST)
		return key == UI_ENTER ? C_OK : UI_DLG_CONTINUE;
	return id;
}

void ui_training_name_cause(void)
{
	struct ui_list l = { .ncols = 1, .cell = cause_cell };
	struct ui_dialog d;
	int w = COLS - 4 < 74 ? COLS - 4 : 74;

	if (tr.t == NULL) {
		ui_message(UI_MSG_INFO, _("Naming the cause is part of "
					  "training (usrmgr --training)."));
		return;
	}
	ui_list_set(&l, N_CAUSES, false);
	ui_dialog_init(&d, _("Name the Cause"), N_CAUSES + 8, w,
		       UI_HELP_TRAINING);
	d.event = cause_event;
	d.default_id = C_OK;
	d.cancel_id = C_CANCEL;
	ui_dialog_label(&d, 1, 2, _("&What is wrong with the trust?"));
	ui_dialog_list(&d, C_LIST, 2, 2, N_CAUSES + 2, w - 4, &l);
	ui_dialog_button_w(&d, C_OK, N_CAUSES + 5, 2, _("OK"), 10);
	ui_dialog_button_w(&d, C_CANCEL, N_CAUSES + 5, 14, _("Cancel"), 10);
	ui_dialog_button_w(&d, C_HELP, N_CAUSES + 5, 26, _("&Help"), 10);
	ui_dialog_focus(&d, C_LIST);
	if (ui_dialog_run(&d) == C_OK)
		um_training_name_cause(tr.t, causes[l.sel]);
	ui_dialog_free(&d);
}

/* ---- beginning and end ---------------------------------------------- */

/* The pair and the trainee's logon test: what the command line names,
 * the rest as the engine finds it (the scenario's pair, or the partner
 * of the domain named). */
static struct um_status options(struct um_training_options *o)
{
	struct um_pair given = {
		.resource_pdc = (char *)ui.opt->resource_pdc,
		.accounts_pdc = (char *)ui.opt->accounts_pdc,
		.user = (char *)ui.opt->user,
	};
	struct um_pair *pair;
	struct um_status st = um_ok();

	memset(o, 0, sizeof(*o));
	if (ui.opt->user != NULL && ui.opt->user_password_file != NULL)
		st = um_secret_from_file(tr.mem, ui.opt->user_password_file,
					 &given.user_password);
	if (um_is_ok(st))
		st = um_pair_find(ui.model, tr.mem, &given, NULL, &pair);
	if (!um_is_ok(st))
		return st;
	if (pair->resource_pdc == NULL || pair->accounts_pdc == NULL)
		return um_local(UM_LOCAL_USAGE);
	o->resource_pdc = pair->resource_pdc;
	o->accounts_pdc = pair->accounts_pdc;
	o->user = pair->user;
	o->user_password = pair->user_password;
	return st;
}

void ui_training_start(void)
{
	struct um_training_options o;
	struct um_status st;
	char *brief;

	tr.mem = talloc_new(NULL);
	tr.summed_up = false;
	st = options(&o);
	if (um_status_is(st, UM_KIND_LOCAL, UM_LOCAL_USAGE)) {
		ui_message(UI_MSG_ERROR, _("Training needs the pair of "
			"domains: a [pair] section in the scenario, or "
			"--resource-pdc and --accounts-pdc (and --user with "
			"--user-password-file for the logon test)."));
		TALLOC_FREE(tr.mem);
		return;
	}
	if (um_is_ok(st))
		st = um_training_start(tr.mem, ui.model, &o, &tr.t);
	if (um_status_is(st, UM_KIND_LOCAL, UM_LOCAL_USAGE)) {
		ui_message(UI_MSG_INFO, _("The trust is healthy: there is "
					  "nothing to train on."));
		TALLOC_FREE(tr.mem);
		return;
	}
	if (!um_is_ok(st)) {
		ui_message_status(_("Training could not begin."), st);
		TALLOC_FREE(tr.mem);
		tr.t = NULL;
		return;
	}
	brief = talloc_asprintf(tr.mem,
		_("Training%s%s.\n\n"
		  "Users of the accounts domain (PDC %s) cannot log on to the "
		  "resource domain (PDC %s): \"The system cannot log you on to "
		  "this domain because the trust relationship between the "
		  "primary domain and the trusted domain failed.\"\n\n"
		  "Find the cause and repair the trust yourself in the "
		  "ordinary screens: User > Select Domain, Policies > Trust "
		  "Relationships, its Remove and Add buttons. A PDC that does "
		  "not answer cannot be repaired: then say so with Help > Name "
		  "the Cause.\n\n"
		  "F2 (or Esc then 2) gives a hint. %s"),
		ui.opt->scenario ? ": " : "",
		ui.opt->scenario ? ui.opt->scenario : "", o.accounts_pdc,
		o.resource_pdc,
		o.user != NULL ? _("The training ends when the logon test "
				   "passes.")
			       : _("The training ends when the trust "
				   "verifies."));
	ui_message(UI_MSG_INFO, brief);
	talloc_free(brief);
}

void ui_training_stop(void)
{
	TALLOC_FREE(tr.mem);
	tr.t = NULL;
}
