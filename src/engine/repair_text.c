/*
 * usrmgr - the repair in the operator's words: step numbers, state
 * labels, headings, outcomes, the failure report and the summary, once
 * for the CLI and the guided repair alike.  The front-ends lay these out
 * (printf, curses); they never word a state themselves.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <string.h>

#include "repair.h"
#include "i18n.h"

#define N_STEPS um_repair_n_steps

/* ---- numbers and names ------------------------------------------------ */

size_t um_repair_count_steps(const struct um_repair *r)
{
	return um_repair_step_number(r, N_STEPS);
}

size_t um_repair_step_number(const struct um_repair *r, size_t i)
{
	size_t k, n = 0;

	for (k = 0; k <= i && k < N_STEPS; k++) {
		n += um_repair_step_state(r, k) != UM_STEP_NOT_NEEDED;
	}
	return n;
}

const char *um_repair_state_key(enum um_step_state s)
{
	static const char *const keys[] = { "pending", "skipped",
					     "not-needed", "done", "failed" };

	return (size_t)s < sizeof(keys) / sizeof(keys[0]) ? keys[s] : "";
}

const char *um_repair_state_text(enum um_step_state s)
{
	switch (s) {
	case UM_STEP_PENDING: return _("to do");
	case UM_STEP_SATISFIED: return _("already so");
	case UM_STEP_NOT_NEEDED: return _("not needed");
	case UM_STEP_DONE: return _("done");
	case UM_STEP_FAILED: return _("FAILED");
	}
	return "";
}

const char *um_repair_step_title(size_t i)
{
	switch (i < N_STEPS ? um_repair_steps[i].kind : UM_STEP_LOGON_TEST) {
	case UM_STEP_REMOVE_TRUSTED: return _("Trusted: Remove");
	case UM_STEP_REMOVE_TRUSTING: return _("Trusting: Remove");
	case UM_STEP_ADD_TRUSTING: return _("Trusting: Add...");
	case UM_STEP_ADD_TRUSTED: return _("Trusted: Add...");
	case UM_STEP_RESET: return _("Reset channel");
	case UM_STEP_VERIFY: return _("Verify channel");
	case UM_STEP_LOGON_TEST: return _("Logon test");
	}
	return "";
}

const char *um_repair_step_pdc(const struct um_repair *r, size_t i)
{
	return um_repair_pdc(r, um_repair_steps[i].side);
}

const char *um_repair_step_domain(const struct um_repair *r, size_t i)
{
	return um_repair_steps[i].side == UM_SIDE_RESOURCE
		       ? um_repair_resource(r) : um_repair_accounts(r);
}

char *um_repair_step_heading(TALLOC_CTX *mem, const struct um_repair *r,
			     size_t i)
{
	return talloc_asprintf(mem, _("Step %zu of %zu, on %s (%s)"),
			       um_repair_step_number(r, i),
			       um_repair_count_steps(r),
			       um_repair_step_pdc(r, i),
			       um_repair_step_domain(r, i));
}

/* The check texts come from a table so that translators can reorder the
 * two names (%1$s, %2$s): the format cannot be a literal here. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
char *um_repair_step_check(TALLOC_CTX *mem, const struct um_repair *r,
			   size_t i)
{
	return talloc_asprintf(mem, _(um_repair_steps[i].check),
			       um_repair_resource(r), um_repair_accounts(r));
}

char *um_repair_last_step_text(TALLOC_CTX *mem, const struct um_unfinished *u)
{
	size_t i;

	for (i = 0; u->last_step != NULL && i < N_STEPS; i++) {
		if (strcmp(um_repair_steps[i].id, u->last_step) == 0) {
			return talloc_asprintf(mem, _(um_repair_steps[i].action),
				u->resource ? u->resource : "?",
				u->accounts ? u->accounts : "?");
		}
	}
	return u->last_step ? talloc_strdup(mem, u->last_step) : NULL;
}
#pragma GCC diagnostic pop

/* ---- a step's outcome ----------------------------------------------- */

char *um_repair_outcome_text(TALLOC_CTX *mem, const struct um_repair *r,
			     size_t i)
{
	enum um_step_state s = um_repair_step_state(r, i);
	const char *how = s == UM_STEP_DONE ? _("done and checked")
			  : s == UM_STEP_SATISFIED ? _("already so, skipped")
			  : um_repair_state_text(s);

	if (s == UM_STEP_FAILED) {
		return talloc_asprintf(mem, _("Step %zu failed: %s"),
				       um_repair_step_number(r, i),
				       um_status_text(um_repair_step_status(
					       r, i)));
	}
	return talloc_asprintf(mem, _("Step %zu (%s): %s."),
			       um_repair_step_number(r, i),
			       um_repair_step_title(i), how);
}

char *um_repair_run_on_pdc_text(TALLOC_CTX *mem, const struct um_repair *r,
				size_t i, const char *journal_path)
{
	const char *pdc = um_repair_step_pdc(r, i);

	return talloc_asprintf(mem,
		_("Step %zu must be run on the domain controller %s itself: a "
		  "Samba classic (NT4-style) PDC cannot add a trusted domain "
		  "over the network. The journal keeps the repair's place.\n"
		  "On %s, as root, with its smb.conf, run:\n"
		  "  usrmgr -s /etc/samba/smb.conf trust repair --resume "
		  "--journal %s --password-file FILE\n"
		  "with the same trust password (and --resource-authfile and "
		  "--accounts-authfile, if they were given here). Then start "
		  "the repair here again: it resumes with the steps left."),
		um_repair_step_number(r, i), pdc, pdc,
		journal_path ? journal_path : _("JOURNAL"));
}

/* ---- after a failure ------------------------------------------------ */

/* KNOWN: the PDC answered, so HOLDS tells. */
static const char *holds_text(bool known, bool holds)
{
	return !known ? _("cannot tell, no answer") : holds ? _("yes")
							     : _("no");
}

/* One PDC that does not answer now, or nothing. */
static char *unreachable_line(TALLOC_CTX *mem, const char *pdc,
			      const char *domain, struct um_status reach)
{
	if (um_is_ok(reach)) {
		return NULL;
	}
	return talloc_asprintf(mem, _("The PDC %s (%s) cannot be reached now: "
				      "%s"), pdc, domain,
			       um_status_text(reach));
}

static char *join_line(char *text, const char *line)
{
	if (line == NULL || line[0] == '\0') {
		return text;
	}
	return talloc_asprintf_append(text, "%s%s", text[0] ? "\n" : "",
				      line);
}

char *um_repair_side_report(TALLOC_CTX *mem, const struct um_repair *r,
			    const struct um_diagnosis *now)
{
	const char *res = um_repair_resource(r), *acc = um_repair_accounts(r);
	const char *res_pdc = um_repair_pdc(r, UM_SIDE_RESOURCE);
	const char *acc_pdc = um_repair_pdc(r, UM_SIDE_ACCOUNTS);
	/* A side tells only when its PDC answered and the partner's name
	 * is known (an accounts PDC that never answered has none). */
	bool res_known = now != NULL && um_is_ok(now->resource_reach) &&
			 now->accounts != NULL;
	bool acc_known = now != NULL && um_is_ok(now->accounts_reach) &&
			 now->resource != NULL;
	char *text = talloc_strdup(mem, "");

	/* The failed step's status may be one PDC's answer about the
	 * other: say plainly which of them does not answer now. */
	if (now != NULL) {
		text = join_line(text, unreachable_line(text, res_pdc, res,
							now->resource_reach));
		text = join_line(text, unreachable_line(text, acc_pdc, acc,
							now->accounts_reach));
	}
	text = join_line(text, talloc_asprintf(text,
		_("%s (PDC %s): %s in its Trusted Domains: %s"), res, res_pdc,
		acc, holds_text(res_known, res_known && now->resource_trusts)));
	return join_line(text, talloc_asprintf(text,
		_("%s (PDC %s): %s in its Trusting Domains: %s"), acc, acc_pdc,
		res, holds_text(acc_known, acc_known && now->accounts_lists)));
}

char *um_repair_failure_text(TALLOC_CTX *mem, const struct um_repair *r,
			     size_t i, struct um_status st,
			     const struct um_diagnosis *now)
{
	char *head;

	if (i < N_STEPS) {
		head = talloc_asprintf(mem, _("The repair stopped at step %zu "
					      "of %zu, on %s (%s): %s"),
				       um_repair_step_number(r, i),
				       um_repair_count_steps(r),
				       um_repair_step_pdc(r, i),
				       um_repair_step_domain(r, i),
				       um_status_text(st));
	} else if (um_repair_next(r) < N_STEPS) {
		/* Refused before its first step (a PDC out of reach). */
		head = talloc_asprintf(mem, _("The repair cannot go on: %s"),
				       um_status_text(st));
	} else {
		head = talloc_asprintf(mem, _("Every step is done, but the "
					      "final check could not be made: "
					      "%s"), um_status_text(st));
	}
	return talloc_asprintf_append(head, "\n%s",
				      um_repair_side_report(head, r, now));
}

/* ---- the end ------------------------------------------------------------ */

/* A check's result: its own step's run, else the last diagnosis'. */
static const char *check_result(const struct um_repair *r,
				enum um_step_kind k, bool ran,
				struct um_status st)
{
	size_t i;

	for (i = 0; i < N_STEPS; i++) {
		if (um_repair_steps[i].kind != k) {
			continue;
		}
		switch (um_repair_step_state(r, i)) {
		case UM_STEP_DONE:
		case UM_STEP_SATISFIED:
			return _("passes");
		case UM_STEP_FAILED:
			return um_status_text(um_repair_step_status(r, i));
		default:
			break;
		}
	}
	if (!ran) {
		return k == UM_STEP_LOGON_TEST ? _("not run (no test user)")
					       : _("not checked");
	}
	return um_is_ok(st) ? _("passes") : um_status_text(st);
}

static size_t count_in(const struct um_repair *r, enum um_step_state s)
{
	size_t i, n = 0;

	for (i = 0; i < N_STEPS; i++) {
		n += um_repair_step_state(r, i) == s;
	}
	return n;
}

char *um_repair_summary_text(TALLOC_CTX *mem, const struct um_repair *r,
			     bool healthy, struct um_status st)
{
	const struct um_diagnosis *d = um_repair_diagnosis(r);

	return talloc_asprintf(mem,
		_("%s\n\nSecure channel verify: %s\nLogon test: %s\n"
		  "Steps done: %zu, already so: %zu, of %zu.\n"
		  "Diagnosis before: %s\nDiagnosis now: %s"),
		healthy ? _("The trust is repaired: both sides hold it with "
			    "the same password and the secure channel "
			    "verifies.")
			: _("The trust is not repaired."),
		check_result(r, UM_STEP_VERIFY, d != NULL && d->verified,
			     d != NULL ? d->verify : um_ok()),
		check_result(r, UM_STEP_LOGON_TEST,
			     d != NULL && d->logon_tested,
			     d != NULL ? d->logon : um_ok()),
		count_in(r, UM_STEP_DONE), count_in(r, UM_STEP_SATISFIED),
		um_repair_count_steps(r),
		um_verdict_text(um_repair_verdict_before(r)),
		!um_is_ok(st) ? um_status_text(st)
		: d != NULL ? um_verdict_text(d->verdict) : "?");
}

/* ---- the trust password ------------------------------------------------ */

char *um_repair_password_text(TALLOC_CTX *mem, const struct um_repair *r,
			      enum um_password_need need)
{
	if (need == UM_PASSWORD_HELD) {
		return talloc_asprintf(mem, _("%s already holds the trust "
			"password given in Add Trusting Domain. Type that "
			"password; if nobody knows it, leave it empty: Add "
			"Trusting Domain is done again with a new one."),
			um_repair_accounts(r));
	}
	return talloc_asprintf(mem, _("One new trust password for both Add "
		"steps: %s gets it first (Trusting Domains), then %s (Trusted "
		"Domains). It is never shown."),
		um_repair_accounts(r), um_repair_resource(r));
}
