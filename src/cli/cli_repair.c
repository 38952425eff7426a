/*
 * usrmgr - `trust repair`: the KB Q207957 repair from the command line,
 * step by step (asking before each) or all at once with --yes.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <json-c/json.h>

#include "cli.h"
#include "out.h"
#include "repair.h"
#include "prompt.h"
#include "i18n.h"

struct run {
	const struct um_cli *c;
	struct um_model *m;
	struct um_repair *r;
	bool all;        /* the operator said "all remaining" */
	bool attempted;  /* a step ran: the domains may have changed */
	size_t stopped;  /* the step where it stopped, or n_steps */
	const char *journal;
};

static void print_indented(const char *text)
{
	const char *nl;

	while ((nl = strchr(text, '\n')) != NULL) {
		um_out_printf(stdout, "  %.*s\n", (int)(nl - text), text);
		text = nl + 1;
	}
	um_out_printf(stdout, "  %s\n", text);
}

static void show_step(struct run *x, size_t i)
{
	char *heading, *text;

	if (x->c->json) {
		return;
	}
	heading = um_repair_step_heading(x->r, x->r, i);
	text = um_repair_step_text(x->r, x->r, i);
	um_out_printf(stdout, "\n%s:\n  %s\n", heading,
		      _(um_repair_steps[i].screen));
	print_indented(text);
	talloc_free(text);
	talloc_free(heading);
}

/* Ask before a step unless --yes or "all" was answered.  A slip of the
 * finger must not stop a repair half done: an answer that is none of
 * the three is asked again; only q, or the end of input, stops. */
static bool confirm_step(struct run *x)
{
	int c;

	if (x->c->yes || x->all) {
		return true;
	}
	for (;;) {
		c = um_prompt_choice(_("Run this step? [Y]es, [a]ll "
				       "remaining, [q]uit: "));
		if (c == 'y' || c == '\n' || c == 'a' || c == 'q' || c < 0) {
			break;
		}
		um_prompt_say(_("Answer y, a or q."));
	}
	if (c == 'a') {
		x->all = true;
	}
	return c == 'y' || c == '\n' || c == 'a';
}

/* --password-file/--password-fd, or asked on the terminal: twice for
 * a new one. */
static struct um_status trust_password(struct run *x, TALLOC_CTX *mem,
				       enum um_password_need need,
				       struct um_secret **pw)
{
	if (x->c->password_file != NULL || x->c->password_fd >= 0) {
		return um_cli_given_password(mem, x->c->password_file,
					     x->c->password_fd, pw);
	}
	if (!x->c->json) {
		/* (stdout is the JSON document with --json) */
		print_indented(um_repair_password_text(mem, x->r, need));
	}
	if (need == UM_PASSWORD_NEW) {
		return um_prompt_new_password(mem, _("New trust password: "),
					      _("Confirm Password: "), pw);
	}
	return um_prompt_password(mem, _("The trust password given to "
					 "the accounts domain: "), pw);
}

/* The password NEED asks for; the engine decides what the answer means
 * (a wrong one on a resumed repair rewinds Add Trusting). */
static struct um_status provide_password(struct run *x,
					 enum um_password_need need)
{
	TALLOC_CTX *tmp;
	struct um_secret *pw = NULL;
	struct um_password_answer a;
	struct um_status st;

	if (need == UM_PASSWORD_NONE) {
		return um_ok();
	}
	if (x->c->generate_password && need == UM_PASSWORD_NEW) {
		return um_repair_generate_password(x->r);
	}
	tmp = talloc_new(x->r);
	st = trust_password(x, tmp, need, &pw);
	if (um_is_ok(st)) {
		a = um_repair_give_password(x->r, pw);
		if (a.note != NULL && !x->c->json) {
			um_out_printf(stdout, "%s\n", a.note);
		}
		st = a.outcome == UM_PASSWORD_REFUSED ? a.status : um_ok();
	}
	talloc_free(tmp); /* wiped as freed */
	return st;
}

static struct um_status run_steps(struct run *x)
{
	size_t i;
	struct um_status st = provide_password(
		x, um_repair_password_needed_up_front(x->r, &i));

	if (!um_is_ok(st)) {
		return st;
	}
	while ((i = um_repair_next(x->r)) < um_repair_n_steps) {
		x->stopped = i;
		show_step(x, i);
		if (!confirm_step(x)) {
			return um_local(UM_LOCAL_CANCELLED);
		}
		if (um_repair_needs_password(x->r, i)) {
			st = provide_password(x,
					      um_repair_password_need(x->r, i));
			if (!um_is_ok(st)) {
				return st;
			}
			if (um_repair_next(x->r) != i) {
				continue; /* rewound */
			}
		}
		x->attempted = true;
		st = um_repair_run(x->r, i);
		if (!x->c->json) {
			char *outcome = um_repair_outcome_text(x->r, x->r, i);

			print_indented(outcome);
			talloc_free(outcome);
		}
		if (!um_is_ok(st)) {
			return st;
		}
	}
	x->stopped = um_repair_n_steps;
	return st;
}

/* A step a Samba classic PDC cannot take over the network (issue 9): the
 * journal keeps the repair's place; say exactly where to go on. */
static bool run_on_pdc(const struct run *x, struct um_status st)
{
	return um_status_is(st, UM_KIND_LOCAL, UM_LOCAL_RUN_ON_PDC) &&
	       x->stopped < um_repair_n_steps;
}

static struct json_object *json_side(const char *pdc, bool holds,
				     struct um_status reach)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "pdc", json_object_new_string(pdc));
	json_object_object_add(o, "reachable",
			       json_object_new_boolean(um_is_ok(reach)));
	json_object_object_add(o, "holds_trust",
			       json_object_new_boolean(holds));
	return o;
}

static void print_json(struct run *x, const char *outcome,
		       struct um_status st, enum um_verdict before,
		       const struct um_diagnosis *now)
{
	struct json_object *o = json_object_new_object();
	struct json_object *steps = json_object_new_array();
	size_t i;

	json_object_object_add(o, "ok", json_object_new_boolean(
		strcmp(outcome, "repaired") == 0));
	json_object_object_add(o, "outcome", json_object_new_string(outcome));
	if (um_repair_id(x->r) != NULL) {
		json_object_object_add(o, "repair", json_object_new_string(
			um_repair_id(x->r)));
	}
	json_object_object_add(o, "verdict_before", json_object_new_string(
		um_verdict_key(before)));
	json_object_object_add(o, "verdict", json_object_new_string(
		um_verdict_key(now->verdict)));
	json_object_object_add(o, "status", json_object_new_string(
		um_status_name(st)));
	json_object_object_add(o, "message", json_object_new_string(
		um_status_message(st)));
	for (i = 0; i < um_repair_n_steps && um_repair_id(x->r); i++) {
		struct json_object *s = json_object_new_object();
		json_object_object_add(s, "step", json_object_new_string(
			um_repair_steps[i].id));
		json_object_object_add(s, "pdc", json_object_new_string(
			um_repair_step_pdc(x->r, i)));
		json_object_object_add(s, "state", json_object_new_string(
			um_repair_state_key(um_repair_step_state(x->r, i))));
		json_object_object_add(s, "status", json_object_new_string(
			um_status_name(um_repair_step_status(x->r, i))));
		json_object_array_add(steps, s);
	}
	json_object_object_add(o, "steps", steps);
	if (x->stopped < um_repair_n_steps) {
		json_object_object_add(o, "stopped_at", json_object_new_string(
			um_repair_steps[x->stopped].id));
	}
	if (run_on_pdc(x, st)) {
		json_object_object_add(o, "run_on", json_object_new_string(
			um_repair_step_pdc(x->r, x->stopped)));
	}
	json_object_object_add(o, "resource", json_side(
		um_repair_pdc(x->r, UM_SIDE_RESOURCE), now->resource_trusts,
		now->resource_reach));
	json_object_object_add(o, "accounts", json_side(
		um_repair_pdc(x->r, UM_SIDE_ACCOUNTS), now->accounts_lists,
		now->accounts_reach));
	printf("%s\n", json_object_to_json_string_ext(o,
		JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}

static void print_failure(struct run *x, struct um_status st,
			  const struct um_diagnosis *now)
{
	char *text, *nl;

	if (run_on_pdc(x, st)) {
		text = um_repair_run_on_pdc_text(x->r, x->r, x->stopped,
						 x->journal);
		um_out_printf(stdout, "\n%s\n", text);
		talloc_free(text);
		return;
	}
	/* The line where it stopped, then each side's lines indented. */
	text = um_repair_failure_text(x->r, x->r, x->stopped, st, now);
	nl = strchr(text, '\n');
	if (nl != NULL) {
		*nl = '\0';
	}
	um_out_printf(stdout, "\n%s\n", text);
	if (nl != NULL) {
		print_indented(nl + 1);
	}
	/* Only a repair that began is in the journal to resume. */
	um_out_printf(stdout, "%s\n", um_repair_id(x->r) != NULL
			       ? _("Mend the cause, then continue with "
				   "'usrmgr trust repair --resume'.")
			       : _("Mend the cause, then run the repair "
				   "again."));
	talloc_free(text);
}

/* The logon test's user password: --user-password-file, or asked.  On
 * a resume the user is the journal's (U), its password never is. */
static struct um_status test_user_password(struct run *x,
					   const struct um_unfinished *u,
					   TALLOC_CTX *mem,
					   struct um_repair_options *opt)
{
	const struct um_cli *c = x->c;
	struct um_secret *pw = NULL;
	struct um_status st;

	opt->user = c->test_user;
	if (opt->user == NULL && u != NULL) {
		opt->user = u->user;
		if (opt->user != NULL && !c->json) {
			um_out_printf(stdout, _("The repair began with a logon "
						"test of %s: its password is "
						"asked for again.\n"),
				      opt->user);
		}
	}
	if (opt->user == NULL) {
		return um_ok();
	}
	st = c->user_password_file
		     ? um_cli_given_password(mem, c->user_password_file, -1,
					     &pw)
		     : um_prompt_password(mem, _("Password of the test user: "),
					  &pw);
	opt->user_password = pw;
	return st;
}

static struct um_status begin(struct run *x, struct um_journal *j,
			      struct um_repair_options *opt,
			      TALLOC_CTX *mem)
{
	const struct um_cli *c = x->c;
	struct um_unfinished *u = NULL;
	struct um_status st;

	um_repair_find_unfinished(mem, um_journal_path(j), &u);
	if (c->resume && u == NULL) {
		um_out_printf(stderr, "usrmgr: %s\n", _("there is no "
			      "unfinished repair in the journal"));
		return um_local(UM_LOCAL_USAGE);
	}
	st = test_user_password(x, c->resume ? u : NULL, mem, opt);
	if (!um_is_ok(st)) {
		return st;
	}
	if (c->resume) {
		if (!c->json) {
			um_out_printf(stdout, _("Resuming the repair begun "
						"%s: %s trusts %s (PDCs %s "
						"and %s).\n"),
			       u->time ? u->time : "?",
			       u->resource ? u->resource : "?",
			       u->accounts ? u->accounts : "?",
			       u->resource_pdc, u->accounts_pdc);
		}
		um_repair_resume_creds(x->m, u, c->resource_pdc,
				       c->resource_authfile, c->accounts_pdc,
				       c->accounts_authfile);
		return um_repair_resume(mem, x->m, j, u, opt, &x->r);
	}
	if (u != NULL && !c->json) {
		um_out_printf(stdout, _("Note: a repair begun %s was not "
					"finished; 'usrmgr trust repair "
					"--resume' continues it. "
			 "Starting a new one.\n"), u->time ? u->time : "?");
	}
	return um_repair_start(mem, x->m, j, c->resource_pdc, c->accounts_pdc,
			       opt, &x->r);
}

int um_cli_repair(const struct um_cli *c, struct um_model *m,
		  struct um_journal *j)
{
	TALLOC_CTX *tmp = talloc_new(m);
	struct um_repair_options opt = { .reestablish = c->reestablish,
					 .user = c->test_user,
					 .back_to_back = c->yes };
	struct run x = { .c = c, .m = m, .stopped = um_repair_n_steps,
			 .journal = um_journal_path(j) };
	enum um_verdict before = UM_VERDICT_HEALTHY;
	bool diagnosed;
	const struct um_diagnosis *now;
	struct um_status st;
	bool healthy = false;
	int rc;

	st = begin(&x, j, &opt, tmp);
	if (!um_is_ok(st) && x.r == NULL) {
		um_out_printf(stderr, "usrmgr: %s\n", um_status_text(st));
		talloc_free(tmp);
		return st.kind == UM_KIND_LOCAL ? UM_EXIT_USAGE
						: UM_EXIT_FAILED;
	}
	if (um_is_ok(st) && um_repair_healthy(x.r)) {
		if (c->json) {
			print_json(&x, "already-healthy", st,
				   um_repair_verdict_before(x.r),
				   um_repair_diagnosis(x.r));
		} else {
			um_out_printf(stdout, "%s\n%s\n",
				      _("The trust is healthy; nothing to "
					"repair."),
			       _("Use --re-establish to remove and add it "
				 "again anyway."));
		}
		talloc_free(tmp);
		return UM_EXIT_HEALTHY;
	}
	/* A repair refused before its first look has no verdict before:
	 * the one after stands for it. */
	diagnosed = um_repair_diagnosis(x.r) != NULL;
	before = um_repair_verdict_before(x.r);
	if (um_is_ok(st) && !c->json) {
		um_out_printf(stdout, _("Repair of the trust: %s trusts %s "
					"(KB Q207957).\nDiagnosis: %s\n"),
		       um_repair_resource(x.r), um_repair_accounts(x.r),
		       um_verdict_text(before));
	}
	if (um_is_ok(st)) {
		st = run_steps(&x);
	}
	if (!x.attempted && !um_is_ok(st) && st.kind == UM_KIND_LOCAL &&
	    !um_status_is(st, UM_KIND_LOCAL, UM_LOCAL_CANCELLED)) {
		/* Refused before anything changed: bad input, not a failure. */
		if (x.r != NULL && um_repair_refusal_text(x.r) != NULL) {
			um_out_printf(stderr, "%s\n",
				      um_repair_refusal_text(x.r));
		}
		um_out_printf(stderr, "usrmgr: %s\n", um_status_text(st));
		talloc_free(tmp);
		return UM_EXIT_USAGE;
	}
	if (um_is_ok(st)) {
		st = um_repair_finish(x.r, &healthy);
		now = um_repair_diagnosis(x.r);
	} else {
		um_repair_rediagnose(x.r, &now);
	}
	if (!diagnosed) {
		before = now->verdict;
	}
	rc = healthy ? UM_EXIT_OK : UM_EXIT_FAILED;
	if (c->json) {
		print_json(&x, healthy ? "repaired" : run_on_pdc(&x, st) ?
			   "run-on-pdc" : "failed", st, before, now);
	} else if (healthy || (um_is_ok(st) &&
				x.stopped == um_repair_n_steps)) {
		/* Every step ran and the last look was made. */
		um_out_printf(stdout, "\n%s\n",
			      um_repair_summary_text(tmp, x.r, healthy, st));
	} else {
		print_failure(&x, st, now);
	}
	talloc_free(tmp);
	return rc;
}
