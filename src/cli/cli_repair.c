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

static const char *state_key(enum um_step_state s)
{
	static const char *keys[] = { "pending", "skipped", "not-needed",
				      "done", "failed" };
	return keys[s];
}

static const char *state_text(enum um_step_state s)
{
	switch (s) {
	case UM_STEP_PENDING: return _("to do");
	case UM_STEP_SATISFIED: return _("already so, skipped");
	case UM_STEP_NOT_NEEDED: return _("not needed");
	case UM_STEP_DONE: return _("done, verified");
	case UM_STEP_FAILED: return _("FAILED");
	}
	return "";
}

static size_t count_steps(const struct um_repair *r)
{
	size_t i, n = 0;

	for (i = 0; i < um_repair_n_steps; i++) {
		n += um_repair_step_state(r, i) != UM_STEP_NOT_NEEDED;
	}
	return n;
}

static size_t step_number(const struct um_repair *r, size_t i)
{
	size_t k, n = 0;

	/* I is n_steps when the repair stopped after its last step */
	for (k = 0; k <= i && k < um_repair_n_steps; k++) {
		n += um_repair_step_state(r, k) != UM_STEP_NOT_NEEDED;
	}
	return n;
}

static void print_indented(const char *text)
{
	const char *nl;

	while ((nl = strchr(text, '\n')) != NULL) {
		printf("  %.*s\n", (int)(nl - text), text);
		text = nl + 1;
	}
	printf("  %s\n", text);
}

static void show_step(struct run *x, size_t i)
{
	const struct um_step *s = &um_repair_steps[i];
	char *text = um_repair_step_text(x->r, x->r, i);

	if (x->c->json) {
		talloc_free(text);
		return;
	}
	printf(_("\nStep %zu of %zu, on %s (%s):\n  %s\n"),
	       step_number(x->r, i), count_steps(x->r),
	       um_repair_pdc(x->r, s->side),
	       s->side == UM_SIDE_RESOURCE ? um_repair_resource(x->r)
					   : um_repair_accounts(x->r),
	       _(s->screen));
	print_indented(text);
	talloc_free(text);
}

/* Ask before a step unless --yes or "all" was answered. */
static bool confirm_step(struct run *x)
{
	int c;

	if (x->c->yes || x->all) {
		return true;
	}
	c = um_prompt_choice(_("Run this step? [Y]es, [a]ll remaining, "
			       "[q]uit: "));
	if (c == 'a') {
		x->all = true;
	}
	return c == 'y' || c == '\n' || c == 'a';
}

/* --password-file/--password-fd, or asked twice on the terminal. */
static struct um_status trust_password(struct run *x, TALLOC_CTX *mem,
				       bool confirm, struct um_secret **pw)
{
	if (x->c->password_file != NULL) {
		return um_secret_from_file(mem, x->c->password_file, pw);
	}
	if (x->c->password_fd >= 0) {
		return um_secret_from_fd(mem, x->c->password_fd, pw);
	}
	if (confirm) {
		return um_prompt_new_password(mem, _("New trust password: "),
					      _("Confirm Password: "), pw);
	}
	return um_prompt_password(mem, _("The trust password given to "
					 "the accounts domain: "), pw);
}

/* The password for the Add steps; on a resumed repair whose password is
 * lost, the operator may give it again or start Add Trusting anew. */
static struct um_status provide_password(struct run *x, size_t i)
{
	bool after_trusting = um_repair_steps[i].kind == UM_STEP_ADD_TRUSTED;
	TALLOC_CTX *tmp = talloc_new(x->r);
	struct um_secret *pw = NULL;
	struct um_status st;

	if (x->c->generate_password && !after_trusting) {
		st = um_repair_generate_password(x->r);
		talloc_free(tmp);
		return st;
	}
	st = trust_password(x, tmp, !after_trusting, &pw);
	if (um_is_ok(st)) {
		st = um_repair_set_password(x->r, pw);
	}
	if (after_trusting && !um_is_ok(st) &&
	    st.kind != UM_KIND_LOCAL) {
		/* Not the stored one: add the trusting domain again. */
		if (!x->c->json) {
			printf("%s\n", _("That is not the password the accounts "
					 "domain holds; Add Trusting Domain "
					 "will be done again with a new "
					 "password."));
		}
		um_repair_rewind_trusting(x->r);
		st = um_ok();
	}
	talloc_free(tmp);
	return st;
}

/* The password is asked before the first step, so that an operator who
 * cannot give one has changed nothing. */
static struct um_status password_up_front(struct run *x)
{
	size_t i;

	for (i = um_repair_next(x->r); i < um_repair_n_steps; i++) {
		if (um_repair_step_state(x->r, i) == UM_STEP_PENDING &&
		    um_repair_needs_password(x->r, i)) {
			return provide_password(x, i);
		}
	}
	return um_ok();
}

static struct um_status run_steps(struct run *x)
{
	size_t i;
	struct um_status st = password_up_front(x);

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
			st = provide_password(x, i);
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
			printf("  -> %s%s%s\n",
			       state_text(um_repair_step_state(x->r, i)),
			       um_is_ok(st) ? "" : ": ",
			       um_is_ok(st) ? "" : um_status_text(st));
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
		       struct um_status st, const struct um_diagnosis *before,
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
		um_verdict_key(before->verdict)));
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
			um_repair_pdc(x->r, um_repair_steps[i].side)));
		json_object_object_add(s, "state", json_object_new_string(
			state_key(um_repair_step_state(x->r, i))));
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
			um_repair_pdc(x->r, um_repair_steps[x->stopped].side)));
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

static void print_run_on_pdc(struct run *x)
{
	const char *pdc = um_repair_pdc(x->r,
					um_repair_steps[x->stopped].side);

	printf(_("\nStep %zu must be run on the domain controller %s itself: "
		 "a Samba classic (NT4-style) PDC cannot add a trusted domain "
		 "over the network.  The journal keeps the repair's place.  "
		 "On %s, as root, with its smb.conf, run:\n"
		 "  usrmgr -s /etc/samba/smb.conf trust repair --resume "
		 "--journal %s --password-file FILE\n"
		 "(the same trust password; with --resource-authfile and "
		 "--accounts-authfile as here).\n"),
	       step_number(x->r, x->stopped), pdc, pdc,
	       x->journal ? x->journal : _("JOURNAL"));
}

static void unreachable_line(const char *pdc, const char *domain,
			     struct um_status reach)
{
	if (!um_is_ok(reach)) {
		printf(_("  The PDC %s (%s) cannot be reached now: %s\n"), pdc,
		       domain, um_status_text(reach));
	}
}

static void print_failure(struct run *x, struct um_status st,
			  const struct um_diagnosis *now)
{
	if (run_on_pdc(x, st)) {
		print_run_on_pdc(x);
		return;
	}
	if (x->stopped < um_repair_n_steps) {
		enum um_side side = um_repair_steps[x->stopped].side;

		printf(_("\nThe repair stopped at step %zu of %zu, on %s "
			 "(%s): %s\n"),
		       step_number(x->r, x->stopped), count_steps(x->r),
		       um_repair_pdc(x->r, side),
		       side == UM_SIDE_RESOURCE ? um_repair_resource(x->r)
						: um_repair_accounts(x->r),
		       um_status_text(st));
	} else {
		printf(_("\nEvery step is done, but the final check could not "
			 "be made: %s\n"), um_status_text(st));
	}
	/* The status may be one PDC's answer about the other: say plainly
	 * which of them does not answer now. */
	unreachable_line(um_repair_pdc(x->r, UM_SIDE_RESOURCE),
			 um_repair_resource(x->r), now->resource_reach);
	unreachable_line(um_repair_pdc(x->r, UM_SIDE_ACCOUNTS),
			 um_repair_accounts(x->r), now->accounts_reach);
	printf(_("  %s (PDC %s): %s in its Trusted Domains: %s\n"),
	       um_repair_resource(x->r), um_repair_pdc(x->r, UM_SIDE_RESOURCE),
	       um_repair_accounts(x->r),
	       !um_is_ok(now->resource_reach) ? _("cannot tell, unreachable")
	       : now->resource_trusts ? _("yes") : _("no"));
	printf(_("  %s (PDC %s): %s in its Trusting Domains: %s\n"),
	       um_repair_accounts(x->r), um_repair_pdc(x->r, UM_SIDE_ACCOUNTS),
	       um_repair_resource(x->r),
	       !um_is_ok(now->accounts_reach) ? _("cannot tell, unreachable")
	       : now->accounts_lists ? _("yes") : _("no"));
	printf("%s\n", _("Mend the cause, then continue with "
			 "'usrmgr trust repair --resume'."));
}

/* --resume: each side's authfile is for the PDC the journal names (on
 * the resource PDC, the operator need not repeat both PDCs' names). */
static void resume_creds(struct um_model *m, const char *journal_pdc,
			 const char *given_pdc, const char *authfile)
{
	struct um_creds creds = { .authfile = (char *)authfile };

	if (authfile != NULL && given_pdc == NULL && journal_pdc != NULL) {
		um_model_set_creds(m, journal_pdc, &creds);
	}
}

static struct um_status begin(struct run *x, struct um_journal *j,
			      const struct um_repair_options *opt,
			      TALLOC_CTX *mem)
{
	const struct um_cli *c = x->c;
	struct um_unfinished *u = NULL;

	um_repair_find_unfinished(mem, um_journal_path(j), &u);
	if (c->resume) {
		if (u == NULL) {
			fprintf(stderr, "usrmgr: %s\n", _("there is no "
				"unfinished repair in the journal"));
			return um_local(UM_LOCAL_USAGE);
		}
		if (!c->json) {
			printf(_("Resuming the repair begun %s: %s trusts %s "
				 "(PDCs %s and %s).\n"),
			       u->time ? u->time : "?",
			       u->resource ? u->resource : "?",
			       u->accounts ? u->accounts : "?",
			       u->resource_pdc, u->accounts_pdc);
		}
		resume_creds(x->m, u->resource_pdc, c->resource_pdc,
			     c->resource_authfile);
		resume_creds(x->m, u->accounts_pdc, c->accounts_pdc,
			     c->accounts_authfile);
		return um_repair_resume(mem, x->m, j, u, opt, &x->r);
	}
	if (u != NULL && !c->json) {
		printf(_("Note: a repair begun %s was not finished; "
			 "'usrmgr trust repair --resume' continues it. "
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
					 .user = c->test_user };
	struct run x = { .c = c, .m = m, .stopped = um_repair_n_steps,
			 .journal = um_journal_path(j) };
	struct um_diagnosis *before;
	const struct um_diagnosis *now;
	struct um_status st = um_ok();
	struct um_secret *user_pw = NULL;
	bool healthy = false;
	int rc;

	if (c->test_user != NULL) {
		st = c->user_password_file
			     ? um_secret_from_file(tmp, c->user_password_file,
						   &user_pw)
			     : um_prompt_password(tmp, _("Password of the test "
							 "user: "), &user_pw);
		opt.user_password = user_pw;
	}
	if (um_is_ok(st)) {
		st = begin(&x, j, &opt, tmp);
	}
	if (!um_is_ok(st) && x.r == NULL) {
		fprintf(stderr, "usrmgr: %s\n", um_status_text(st));
		talloc_free(tmp);
		return st.kind == UM_KIND_LOCAL ? UM_EXIT_USAGE
						: UM_EXIT_FAILED;
	}
	if (um_is_ok(st) && um_repair_healthy(x.r)) {
		if (c->json) {
			print_json(&x, "already-healthy", st,
				   um_repair_diagnosis(x.r),
				   um_repair_diagnosis(x.r));
		} else {
			printf("%s\n%s\n", _("The trust is healthy; nothing to "
					     "repair."),
			       _("Use --re-establish to remove and add it "
				 "again anyway."));
		}
		talloc_free(tmp);
		return UM_EXIT_HEALTHY;
	}
	before = x.r && um_repair_diagnosis(x.r)
			 ? talloc_memdup(tmp, um_repair_diagnosis(x.r),
					 sizeof(*before))
			 : NULL;
	if (um_is_ok(st) && !c->json) {
		printf(_("Repair of the trust: %s trusts %s (KB Q207957).\n"
			 "Diagnosis: %s\n"),
		       um_repair_resource(x.r), um_repair_accounts(x.r),
		       um_verdict_text(before->verdict));
	}
	if (um_is_ok(st)) {
		st = run_steps(&x);
	}
	if (!x.attempted && !um_is_ok(st) && st.kind == UM_KIND_LOCAL &&
	    !um_status_is(st, UM_KIND_LOCAL, UM_LOCAL_CANCELLED)) {
		/* Refused before anything changed: bad input, not a failure. */
		fprintf(stderr, "usrmgr: %s\n", um_status_text(st));
		talloc_free(tmp);
		return UM_EXIT_USAGE;
	}
	if (um_is_ok(st)) {
		st = um_repair_finish(x.r, &healthy);
		now = um_repair_diagnosis(x.r);
	} else {
		um_repair_rediagnose(x.r, &now);
	}
	if (before == NULL) {
		before = (struct um_diagnosis *)now;
	}
	rc = healthy ? UM_EXIT_OK : UM_EXIT_FAILED;
	if (c->json) {
		print_json(&x, healthy ? "repaired" : run_on_pdc(&x, st) ?
			   "run-on-pdc" : "failed", st, before, now);
	} else if (healthy) {
		printf("\n%s\n", _("The trust is repaired: both sides hold it "
				   "with the same password and the secure "
				   "channel verifies."));
	} else {
		print_failure(&x, st, now);
	}
	talloc_free(tmp);
	return rc;
}
