/*
 * usrmgr - the repair engine: every scenario, the steps it skips, a
 * failure at every step and a resume after it, and a clean journal.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "unit.h"
#include "repair.h"

#define PASSWORD "Repair.Pw.77"

struct fixture {
	struct unit_world w;
	char journal_path[64];
	struct um_journal *j;
};

/* A journal of its own for the world just opened. */
static void fixture_journal(struct fixture *f)
{
	int fd;

	snprintf(f->journal_path, sizeof(f->journal_path),
		 "/tmp/usrmgr-journal-XXXXXX");
	fd = mkstemp(f->journal_path);
	close(fd);
	assert_ok(um_journal_open(f->w.mem, f->journal_path, &f->j));
}

static void fixture_open(struct fixture *f, const char *scenario)
{
	unit_world_open(&f->w, scenario);
	fixture_journal(f);
}

/* The same on a scenario given as text. */
static void fixture_open_text(struct fixture *f, const char *text)
{
	unit_world_open_text(&f->w, text);
	fixture_journal(f);
}

static void fixture_close(struct fixture *f)
{
	unlink(f->journal_path);
	unit_world_close(&f->w);
}

static struct um_repair *start(struct fixture *f, bool reestablish)
{
	struct um_repair_options opt = {
		.reestablish = reestablish,
		.user = "ACCOUNTS\\alice",
		.user_password = unit_secret(&f->w, "Alice.pw1"),
	};
	struct um_repair *r;

	assert_ok(um_repair_start(f->w.mem, f->w.m, f->j, "DCB", "DCA", &opt,
				  &r));
	return r;
}

/* Run to the end; the first failure is returned. */
static struct um_status run_all(struct fixture *f, struct um_repair *r)
{
	size_t i;
	struct um_status st = um_ok();

	while ((i = um_repair_next(r)) < um_repair_n_steps) {
		if (um_repair_needs_password(r, i)) {
			st = um_repair_set_password(r, unit_secret(&f->w,
								   PASSWORD));
			if (!um_is_ok(st)) {
				return st;
			}
		}
		st = um_repair_run(r, i);
		if (!um_is_ok(st)) {
			return st;
		}
	}
	return st;
}

static void assert_repaired(struct fixture *f, struct um_repair *r)
{
	bool healthy = false;
	struct um_diagnosis *d;

	assert_ok_any(um_repair_finish(r, &healthy));
	assert_true(healthy);
	assert_ok(um_diagnose(f->w.m, "DCB", "DCA", "ACCOUNTS\\alice",
			      unit_secret(&f->w, "Alice.pw1"), f->w.mem, &d));
	assert_int_equal(d->verdict, UM_VERDICT_HEALTHY);
	assert_ok(d->logon);
}

/* The journal never holds the password, and tells a complete story. */
static void assert_journal_clean(struct fixture *f, const char *end)
{
	char buf[65536];
	FILE *fp = fopen(f->journal_path, "r");
	size_t n = fread(buf, 1, sizeof(buf) - 1, fp);

	fclose(fp);
	buf[n] = '\0';
	assert_null(strstr(buf, PASSWORD));
	assert_null(strstr(buf, "Alice.pw1"));
	assert_non_null(strstr(buf, "\"event\":\"repair-start\""));
	if (end != NULL) {
		assert_non_null(strstr(buf, end));
	}
}

static const struct {
	const char *scenario;
	enum um_step_state want[7];
} plans[] = {
#define P UM_STEP_DONE
#define S UM_STEP_SATISFIED
#define N UM_STEP_NOT_NEEDED
	{ "kb207957", { P, S, P, P, P, P, P } },
	{ "broken-at-resource", { S, P, P, P, P, P, P } },
	{ "password-mismatch", { P, P, P, P, P, P, P } },
	{ "no-trust", { S, S, P, P, P, P, P } },
	{ "stale-channel", { N, N, N, N, P, P, P } },
	{ "stale-after-add", { P, S, P, P, P, P, P } },
#undef P
#undef S
#undef N
};

static void repair_scenario(const char *scenario, size_t k)
{
	struct fixture f;
	struct um_repair *r;
	size_t i;

	fixture_open(&f, scenario);
	r = start(&f, false);
	assert_false(um_repair_healthy(r));
	assert_ok_any(run_all(&f, r));
	for (i = 0; i < um_repair_n_steps; i++) {
		if (um_repair_step_state(r, i) != plans[k].want[i]) {
			fail_msg("%s: step %s is %d, wanted %d", scenario,
				 um_repair_steps[i].id,
				 um_repair_step_state(r, i), plans[k].want[i]);
		}
	}
	assert_repaired(&f, r);
	assert_journal_clean(&f, "\"outcome\":\"repaired\"");
	fixture_close(&f);
}

static void test_every_scenario_both_dialects(void **state)
{
	size_t k;
	char name[64];

	(void)state;
	for (k = 0; k < sizeof(plans) / sizeof(plans[0]); k++) {
		repair_scenario(plans[k].scenario, k);
		snprintf(name, sizeof(name), "%s-nt4", plans[k].scenario);
		repair_scenario(name, k);
	}
}

static void test_healthy_refused_unless_reestablish(void **state)
{
	struct fixture f;
	struct um_repair *r;

	(void)state;
	fixture_open(&f, "healthy");
	r = start(&f, false);
	assert_true(um_repair_healthy(r));
	assert_int_equal(um_repair_next(r), 0); /* nothing planned... */
	assert_null(um_repair_id(r));           /* ...nor journaled */
	r = start(&f, true);
	assert_false(um_repair_healthy(r));
	assert_ok_any(run_all(&f, r));
	assert_int_equal(um_repair_step_state(r, 0), UM_STEP_DONE);
	assert_int_equal(um_repair_step_state(r, 1), UM_STEP_DONE);
	assert_repaired(&f, r);
	fixture_close(&f);
}

static void test_unreachable_refused(void **state)
{
	struct fixture f;
	struct um_repair *r;
	struct um_repair_options opt = { 0 };

	(void)state;
	fixture_open(&f, "pdc-unreachable");
	assert_status(um_repair_start(f.w.mem, f.w.m, f.j, "DCB", "DCA", &opt,
				      &r),
		      UM_KIND_NT, UM_NT_HOST_UNREACHABLE);
	fixture_close(&f);
}

/* Set a PDC of the state file back to reachable (it came back). */
static void bring_back(struct fixture *f)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "sed -i 's/^reachable = no/reachable = yes/'"
		 " %s", f->w.state);
	assert_int_equal(system(cmd), 0);
}

static void set_down_after(struct fixture *f, const char *domain,
			   unsigned n)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "sed -i '/^\\[domain %s\\]/a down_after = "
		 "%u' %s", domain, n, f->w.state);
	assert_int_equal(system(cmd), 0);
}

/* The PDC of step K's side stops answering during step K; the step
 * fails; after it is back a resumed repair (a new process) finishes. */
static void fail_and_resume_at(size_t k, const unsigned before[2][7])
{
	const struct um_step *s = &um_repair_steps[k];
	bool res = s->side == UM_SIDE_RESOURCE;
	struct um_unfinished *u;
	struct fixture f;
	struct um_repair *r;
	struct um_status st;
	struct um_repair_options opt = {
		.user = "ACCOUNTS\\alice",
	};

	fixture_open(&f, "password-mismatch");
	/* The failure must hit the step's own PDC during the step. */
	set_down_after(&f, res ? "RESOURCE" : "ACCOUNTS",
		       before[res ? 0 : 1][k]);
	unit_world_reopen(&f.w);
	r = start(&f, false);
	st = run_all(&f, r);
	if (um_is_ok(st) || um_repair_next(r) != k) {
		fail_msg("step %s: stopped at %zu with %s", s->id,
			 um_repair_next(r), um_status_name(st));
	}
	assert_journal_clean(&f, "\"event\":\"step-failed\"");
	/* A new process, the PDC back. */
	bring_back(&f);
	unit_world_reopen(&f.w);
	assert_ok(um_repair_find_unfinished(f.w.mem, f.journal_path, &u));
	assert_non_null(u);
	opt.user_password = unit_secret(&f.w, "Alice.pw1");
	assert_ok(um_repair_resume(f.w.mem, f.w.m, f.j, u, &opt, &r));
	st = run_all(&f, r);
	if (!um_is_ok(st)) {
		/* The password was lost with the process: Add Trusting ran,
		 * a wrong one is refused, and the step is done again. */
		assert_status(st, UM_KIND_NT, UM_NT_LOGON_FAILURE);
		um_repair_rewind_trusting(r);
		assert_ok_any(run_all(&f, r));
	}
	assert_repaired(&f, r);
	assert_ok(um_repair_find_unfinished(f.w.mem, f.journal_path, &u));
	assert_null(u);
	fixture_close(&f);
}

static void test_failure_and_resume_at_every_step(void **state)
{
	unsigned before[2][7] = { { 0 } };
	struct fixture f;
	struct um_repair *r;
	struct um_pdc *dcb, *dca;
	size_t i, k;

	(void)state;
	/* Count each PDC's operations before every step of a clean run. */
	fixture_open(&f, "password-mismatch");
	dcb = unit_pdc(&f.w, "DCB");
	dca = unit_pdc(&f.w, "DCA");
	r = start(&f, false);
	while ((i = um_repair_next(r)) < um_repair_n_steps) {
		before[0][i] = um_pdc_calls(dcb);
		before[1][i] = um_pdc_calls(dca);
		if (um_repair_needs_password(r, i)) {
			um_repair_set_password(r, unit_secret(&f.w, PASSWORD));
		}
		assert_ok_any(um_repair_run(r, i));
	}
	fixture_close(&f);
	for (k = 0; k < um_repair_n_steps; k++) {
		fail_and_resume_at(k, (const unsigned(*)[7])before);
	}
}

/* A PDC that answers success and changes nothing: the step's
 * postcondition, asked on the wire, fails it; the fault gone, the
 * journal resumes to healthy. */
static void lie_and_resume(const char *scenario, const char *domain,
			   const char *op, const char *step)
{
	struct fixture f;
	struct um_repair *r;
	struct um_unfinished *u;
	struct um_status st;
	struct um_repair_options opt = { .user = "ACCOUNTS\\alice" };
	char cmd[512], failed[128];
	size_t k;

	fixture_open(&f, scenario);
	snprintf(cmd, sizeof(cmd), "sed -i '/^\\[domain %s\\]/a noop_ops = "
		 "%s' %s", domain, op, f.w.state);
	assert_int_equal(system(cmd), 0);
	unit_world_reopen(&f.w);
	r = start(&f, false);
	st = run_all(&f, r);
	assert_status(st, UM_KIND_LOCAL, UM_LOCAL_POSTCONDITION);
	k = um_repair_next(r);
	assert_string_equal(um_repair_steps[k].id, step);
	assert_int_equal(um_repair_step_state(r, k), UM_STEP_FAILED);
	snprintf(failed, sizeof(failed), "\"event\":\"step-failed\","
		 "\"step\":\"%s\"", step);
	assert_journal_clean(&f, failed);
	assert_journal_clean(&f, "\"status\":\"USRMGR_NOT_VERIFIED\"");
	/* A new process, the PDC honest again. */
	snprintf(cmd, sizeof(cmd), "sed -i '/^noop_ops/d' %s", f.w.state);
	assert_int_equal(system(cmd), 0);
	unit_world_reopen(&f.w);
	assert_ok(um_repair_find_unfinished(f.w.mem, f.journal_path, &u));
	assert_non_null(u);
	opt.user_password = unit_secret(&f.w, "Alice.pw1");
	assert_ok(um_repair_resume(f.w.mem, f.w.m, f.j, u, &opt, &r));
	assert_ok_any(run_all(&f, r));
	assert_repaired(&f, r);
	assert_journal_clean(&f, "\"outcome\":\"repaired\"");
	fixture_close(&f);
}

static void test_lying_pdc_fails_postcondition(void **state)
{
	(void)state;
	lie_and_resume("kb207957", "RESOURCE", "remove_trusted",
		       "remove-trusted");
	lie_and_resume("password-mismatch", "ACCOUNTS", "remove_trusting",
		       "remove-trusting");
	lie_and_resume("kb207957", "ACCOUNTS", "add_trusting",
		       "add-trusting");
	lie_and_resume("kb207957-nt4", "ACCOUNTS", "add_trusting",
		       "add-trusting");
}

/* A resumed repair whose password was lost after Add Trusting: the same
 * password given again is accepted; a wrong one is refused. */
static void test_resume_asks_password_again(void **state)
{
	struct fixture f;
	struct um_repair *r;
	struct um_unfinished *u;
	struct um_repair_options opt = { 0 };
	size_t i;

	(void)state;
	fixture_open(&f, "kb207957");
	r = start(&f, false);
	while ((i = um_repair_next(r)) < um_repair_n_steps &&
	       um_repair_steps[i].kind != UM_STEP_ADD_TRUSTED) {
		if (um_repair_needs_password(r, i)) {
			um_repair_set_password(r, unit_secret(&f.w, PASSWORD));
		}
		assert_ok_any(um_repair_run(r, i));
	}
	/* the process dies here */
	unit_world_reopen(&f.w);
	assert_ok(um_repair_find_unfinished(f.w.mem, f.journal_path, &u));
	assert_string_equal(u->last_step, "add-trusting");
	assert_ok(um_repair_resume(f.w.mem, f.w.m, f.j, u, &opt, &r));
	/* the steps before are shown as they went: done, or already so */
	assert_int_equal(um_repair_step_state(r, 0), UM_STEP_DONE);
	assert_int_equal(um_repair_step_state(r, 1), UM_STEP_SATISFIED);
	assert_int_equal(um_repair_step_state(r, 2), UM_STEP_DONE);
	i = um_repair_next(r);
	assert_string_equal(um_repair_steps[i].id, "add-trusted");
	assert_true(um_repair_needs_password(r, i));
	assert_status(um_repair_generate_password(r), UM_KIND_LOCAL,
		      UM_LOCAL_NOT_SUPPORTED);
	assert_status(um_repair_set_password(r, unit_secret(&f.w, "wrong")),
		      UM_KIND_NT, UM_NT_LOGON_FAILURE);
	assert_ok(um_repair_set_password(r, unit_secret(&f.w, PASSWORD)));
	assert_ok_any(run_all(&f, r));
	assert_repaired(&f, r);
	fixture_close(&f);
}

static void test_generated_password(void **state)
{
	struct fixture f;
	struct um_repair *r;
	size_t i;

	(void)state;
	fixture_open(&f, "kb207957");
	r = start(&f, false);
	assert_ok(um_repair_generate_password(r));
	while ((i = um_repair_next(r)) < um_repair_n_steps) {
		assert_false(um_repair_needs_password(r, i));
		assert_ok_any(um_repair_run(r, i));
	}
	assert_repaired(&f, r);
	fixture_close(&f);
}

/* ---- the plan as the front-ends show it ------------------------------- */

/* Not-needed steps get no number and are not counted. */
static void test_numbering_skips_not_needed(void **state)
{
	struct fixture f;
	struct um_repair *r;
	struct um_repair_options opt = { 0 };

	(void)state;
	fixture_open(&f, "stale-channel");
	assert_ok(um_repair_start(f.w.mem, f.w.m, f.j, "DCB", "DCA", &opt,
				  &r));
	/* reset and verify only: no Add steps, no logon test */
	assert_int_equal(um_repair_count_steps(r), 2);
	assert_int_equal(um_repair_step_number(r, 4), 1);
	assert_int_equal(um_repair_step_number(r, 5), 2);
	assert_int_equal(um_repair_step_number(r, um_repair_n_steps), 2);
	assert_string_equal(um_repair_step_heading(f.w.mem, r, 5),
			    "Step 2 of 2, on DCB (RESOURCE)");
	assert_string_equal(um_repair_state_key(um_repair_step_state(r, 0)),
			    "not-needed");
	assert_string_equal(um_repair_state_text(um_repair_step_state(r, 0)),
			    "not needed");
	assert_int_equal(um_repair_password_needed_up_front(r, &(size_t){0}),
			 UM_PASSWORD_NONE);
	fixture_close(&f);
}

/* Every state's label fits the wizard's 11-column state column. */
static void test_state_words(void **state)
{
	static const char *const keys[] = { "pending", "skipped",
					    "not-needed", "done", "failed" };
	int s;

	(void)state;
	for (s = UM_STEP_PENDING; s <= UM_STEP_FAILED; s++) {
		assert_string_equal(um_repair_state_key(s), keys[s]);
		assert_true(strlen(um_repair_state_text(s)) <= 11);
	}
	assert_string_equal(um_repair_state_text(UM_STEP_DONE), "done");
	assert_string_equal(um_repair_step_title(2), "Trusting: Add...");
}

/* Asked before the first step: a new password, typed twice. */
static void test_password_up_front_is_new(void **state)
{
	struct fixture f;
	struct um_repair *r;
	struct um_password_answer a;
	char too_long[UM_SECRET_MAX_UTF16 + 2];
	size_t step;

	(void)state;
	fixture_open(&f, "kb207957");
	r = start(&f, false);
	assert_int_equal(um_repair_password_needed_up_front(r, &step),
			 UM_PASSWORD_NEW);
	assert_string_equal(um_repair_steps[step].id, "add-trusting");
	assert_int_equal(um_repair_password_need(r, 0), UM_PASSWORD_NONE);
	/* one longer than a trust password can be is refused, and
	 * nothing rewound */
	memset(too_long, 'x', sizeof(too_long) - 1);
	too_long[sizeof(too_long) - 1] = '\0';
	a = um_repair_give_password(r, unit_secret(&f.w, too_long));
	assert_int_equal(a.outcome, UM_PASSWORD_REFUSED);
	assert_status(a.status, UM_KIND_LOCAL, UM_LOCAL_PASSWORD_TOO_LONG);
	assert_int_equal(um_repair_step_state(r, 2), UM_STEP_PENDING);
	a = um_repair_give_password(r, unit_secret(&f.w, PASSWORD));
	assert_int_equal(a.outcome, UM_PASSWORD_ACCEPTED);
	assert_null(a.note);
	assert_int_equal(um_repair_password_needed_up_front(r, &step),
			 UM_PASSWORD_NONE);
	assert_int_equal(step, um_repair_n_steps);
	fixture_close(&f);
}

/* An empty new password is refused with the reason, nothing started:
 * both Add steps would store an empty trust password (issue 18). */
static void test_empty_new_password_refused(void **state)
{
	struct fixture f;
	struct um_repair *r;
	struct um_password_answer a;
	size_t step;

	(void)state;
	fixture_open(&f, "kb207957");
	r = start(&f, false);
	a = um_repair_give_password(r, unit_secret(&f.w, ""));
	assert_int_equal(a.outcome, UM_PASSWORD_REFUSED);
	assert_status(a.status, UM_KIND_LOCAL, UM_LOCAL_USAGE);
	assert_non_null(a.note);
	assert_non_null(strstr(a.note, "cannot be empty"));
	/* still asked for, and no step has run */
	assert_int_equal(um_repair_password_needed_up_front(r, &step),
			 UM_PASSWORD_NEW);
	assert_int_equal(um_repair_next(r), 0);
	assert_status(um_repair_set_password(r, unit_secret(&f.w, "")),
		      UM_KIND_LOCAL, UM_LOCAL_USAGE);
	a = um_repair_give_password(r, unit_secret(&f.w, PASSWORD));
	assert_int_equal(a.outcome, UM_PASSWORD_ACCEPTED);
	fixture_close(&f);
}

/* A repair stopped after Add Trusting, resumed by a new process. */
static struct um_repair *resumed_after_add_trusting(struct fixture *f)
{
	struct um_repair_options opt = { 0 };
	struct um_unfinished *u;
	struct um_repair *r = start(f, false);
	size_t i;

	assert_ok(um_repair_give_password(r, unit_secret(&f->w, PASSWORD))
			  .status);
	while ((i = um_repair_next(r)) < um_repair_n_steps &&
	       um_repair_steps[i].kind != UM_STEP_ADD_TRUSTED) {
		assert_ok_any(um_repair_run(r, i));
	}
	unit_world_reopen(&f->w);
	u = um_repair_offer(f->w.mem, f->w.m, f->journal_path);
	assert_non_null(u);
	assert_ok(um_repair_resume(f->w.mem, f->w.m, f->j, u, &opt, &r));
	return r;
}

/* The one the accounts domain holds: typed once; right, it is taken. */
static void test_password_held_after_resume(void **state)
{
	struct fixture f;
	struct um_repair *r;
	struct um_password_answer a;
	size_t step;

	(void)state;
	fixture_open(&f, "kb207957");
	r = resumed_after_add_trusting(&f);
	assert_int_equal(um_repair_password_needed_up_front(r, &step),
			 UM_PASSWORD_HELD);
	assert_string_equal(um_repair_steps[step].id, "add-trusted");
	a = um_repair_give_password(r, unit_secret(&f.w, PASSWORD));
	assert_int_equal(a.outcome, UM_PASSWORD_ACCEPTED);
	assert_ok_any(run_all(&f, r));
	assert_repaired(&f, r);
	fixture_close(&f);
}

/* A wrong one, or none, rewinds to Add Trusting with a new password. */
static void test_password_rewind(void **state)
{
	const char *answers[] = { "Wrong.Pw.1", "" };
	struct fixture f;
	struct um_repair *r;
	struct um_password_answer a;
	size_t k, step;

	(void)state;
	for (k = 0; k < 2; k++) {
		fixture_open(&f, "kb207957");
		r = resumed_after_add_trusting(&f);
		a = um_repair_give_password(r, unit_secret(&f.w, answers[k]));
		assert_int_equal(a.outcome, UM_PASSWORD_REWOUND);
		assert_ok(a.status);
		assert_non_null(a.note);
		assert_non_null(strstr(a.note, "Add Trusting Domain will be "
					       "done again"));
		/* Remove Trusting and Add Trusting are to run again, and the
		 * password asked now is a new one */
		assert_int_equal(um_repair_step_state(r, 1), UM_STEP_PENDING);
		assert_int_equal(um_repair_step_state(r, 2), UM_STEP_PENDING);
		assert_int_equal(um_repair_password_needed_up_front(r, &step),
				 UM_PASSWORD_NEW);
		assert_string_equal(um_repair_steps[step].id, "add-trusting");
		a = um_repair_give_password(r, unit_secret(&f.w, PASSWORD));
		assert_int_equal(a.outcome, UM_PASSWORD_ACCEPTED);
		assert_ok_any(run_all(&f, r));
		assert_repaired(&f, r);
		fixture_close(&f);
	}
}

/* A scenario file of its own: every name 15 characters, none of the
 * built-in ones. */
#define RES_DOM "PAYROLLSERVICES"
#define ACC_DOM "HEADQUARTERSDOM"
#define RES_PDC "PAYROLLPDC00001"
#define ACC_PDC "HQCONTROLLER015"

static void write_long_names_scenario(char *path, size_t size)
{
	char dir[] = "/tmp/usrmgr-names-XXXXXX", cmd[1024];
	const char *from = getenv("USRMGR_SCENARIO_DIR");

	assert_non_null(mkdtemp(dir));
	if (from == NULL) {
		from = SRC_SCENARIODIR;
	}
	snprintf(cmd, sizeof(cmd),
		 "sed -e 's/ACCOUNTS/" ACC_DOM "/g; s/RESOURCE/" RES_DOM "/g;"
		 " s/= DCA$/= " ACC_PDC "/; s/= DCB$/= " RES_PDC "/'"
		 " %s/domains.ini >%s/domains.ini && "
		 "sed -e 's/ACCOUNTS/" ACC_DOM "/g; s/RESOURCE/" RES_DOM "/g;"
		 " s/^name = .*/name = long-names/'"
		 " %s/kb207957.ini >%s/long-names.ini",
		 from, dir, from, dir);
	assert_int_equal(system(cmd), 0);
	snprintf(path, size, "%s/long-names.ini", dir);
}

static void remove_scenario(const char *path)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "rm -rf \"$(dirname '%s')\"", path);
	assert_int_equal(system(cmd), 0);
}

static void assert_has(const char *text, const char *part)
{
	if (strstr(text, part) == NULL) {
		fail_msg("\"%s\" not in:\n%s", part, text);
	}
}

static void assert_no_builtin_names(const char *text)
{
	static const char *const builtin[] = { "RESOURCE", "ACCOUNTS",
					       "DCA", "DCB" };
	size_t i;

	for (i = 0; i < 4; i++) {
		if (strstr(text, builtin[i]) != NULL) {
			fail_msg("\"%s\" in:\n%s", builtin[i], text);
		}
	}
}

static void test_texts_with_names_of_their_own(void **state)
{
	char scenario[128];
	struct fixture f;
	struct um_repair *r;
	struct um_repair_options opt = { 0 };
	const struct um_diagnosis *now;
	struct um_status st;
	char *t;
	size_t i;
	bool healthy;

	(void)state;
	write_long_names_scenario(scenario, sizeof(scenario));
	fixture_open(&f, scenario);
	assert_ok(um_repair_start(f.w.mem, f.w.m, f.j, RES_PDC, ACC_PDC, &opt,
				  &r));
	assert_string_equal(um_repair_step_pdc(r, 2), ACC_PDC);
	assert_string_equal(um_repair_step_domain(r, 2), ACC_DOM);
	assert_string_equal(um_repair_step_pdc(r, 3), RES_PDC);
	t = um_repair_step_heading(f.w.mem, r, 2);
	assert_string_equal(t, "Step 3 of 6, on " ACC_PDC " (" ACC_DOM ")");
	t = um_repair_step_check(f.w.mem, r, 2);
	assert_has(t, RES_DOM " is in the " ACC_DOM " domain's Trusting "
		      "Domains");
	/* the direction: the accounts domain is given the password first */
	t = um_repair_password_text(f.w.mem, r, UM_PASSWORD_NEW);
	assert_has(t, ACC_DOM " gets it first (Trusting Domains), then "
		      RES_DOM " (Trusted Domains)");
	assert_no_builtin_names(t);
	t = um_repair_password_text(f.w.mem, r, UM_PASSWORD_HELD);
	assert_has(t, ACC_DOM " already holds");
	t = um_repair_run_on_pdc_text(f.w.mem, r, 3, "/var/j.jsonl");
	assert_has(t, "Step 4 must be run on the domain controller " RES_PDC
		      " itself");
	assert_has(t, "On " RES_PDC ", as root");
	assert_has(t, "--journal /var/j.jsonl");
	assert_no_builtin_names(t);

	/* run to Add Trusting, then look at the failure report */
	assert_int_equal(um_repair_give_password(r, unit_secret(&f.w,
		PASSWORD)).outcome, UM_PASSWORD_ACCEPTED);
	while ((i = um_repair_next(r)) < um_repair_n_steps &&
	       um_repair_steps[i].kind != UM_STEP_ADD_TRUSTED) {
		assert_ok_any(um_repair_run(r, i));
		t = um_repair_outcome_text(f.w.mem, r, i);
		assert_has(t, i == 1 ? "already so, skipped"
				     : "done and checked");
	}
	assert_ok(um_repair_rediagnose(r, &now));
	t = um_repair_failure_text(f.w.mem, r, i, um_nt(UM_NT_ACCESS_DENIED),
				   now);
	assert_has(t, "The repair stopped at step 4 of 6, on " RES_PDC " ("
		      RES_DOM "): ");
	assert_has(t, RES_DOM " (PDC " RES_PDC "): " ACC_DOM
		      " in its Trusted Domains: no");
	assert_has(t, ACC_DOM " (PDC " ACC_PDC "): " RES_DOM
		      " in its Trusting Domains: yes");
	assert_null(strstr(t, "cannot be reached"));
	assert_no_builtin_names(t);
	/* without a diagnosis, neither side can be told */
	t = um_repair_side_report(f.w.mem, r, NULL);
	assert_has(t, "Trusted Domains: cannot tell");
	assert_has(t, "Trusting Domains: cannot tell");

	assert_ok_any(run_all(&f, r));
	st = um_repair_finish(r, &healthy);
	assert_true(healthy);
	t = um_repair_summary_text(f.w.mem, r, healthy, st);
	assert_has(t, "The trust is repaired");
	assert_has(t, "Steps done: 5, already so: 1, of 6.");
	assert_has(t, "Diagnosis before: The trust is broken at the accounts");
	assert_has(t, "Diagnosis now: The trust is healthy.");
	fixture_close(&f);
	remove_scenario(scenario);
}

/* Only a repair whose PDCs this model can name is offered. */
static void test_offer_only_this_worlds_pdcs(void **state)
{
	char scenario[128];
	struct fixture f, other;
	struct um_repair *r;
	struct um_unfinished *u;

	(void)state;
	fixture_open(&f, "kb207957");
	r = start(&f, false);
	assert_ok(um_repair_give_password(r, unit_secret(&f.w, PASSWORD))
			  .status);
	assert_ok_any(um_repair_run(r, um_repair_next(r)));
	/* this world: offered, with its last step in words */
	u = um_repair_offer(f.w.mem, f.w.m, f.journal_path);
	assert_non_null(u);
	assert_string_equal(um_repair_last_step_text(f.w.mem, u),
			    "Remove ACCOUNTS from the Trusted Domains of "
			    "RESOURCE.");
	/* another world, the same journal: not offered */
	write_long_names_scenario(scenario, sizeof(scenario));
	unit_world_open(&other.w, scenario);
	assert_null(um_repair_offer(other.w.mem, other.w.m, f.journal_path));
	unit_world_close(&other.w);
	remove_scenario(scenario);
	fixture_close(&f);
}

/* ---- issue 22: the plan is checked whole before anything changes ---- */

static char *slurp(TALLOC_CTX *mem, const char *path)
{
	char buf[65536];
	FILE *fp = fopen(path, "r");
	size_t n = fp != NULL ? fread(buf, 1, sizeof(buf) - 1, fp) : 0;

	if (fp != NULL) {
		fclose(fp);
	}
	buf[n] = '\0';
	return talloc_strdup(mem, buf);
}

/* Both servers cannot add a direction to a two-way object's one-way
 * half: the repair must refuse before step 1, not at step 3. */
static void test_refused_before_any_change(void **state)
{
	struct fixture f;
	struct um_repair *r;
	struct um_repair_options opt = { .user = "ACCOUNTS\\alice" };
	char *world, *journal;

	(void)state;
	fixture_open(&f, "two-way-kb207957");
	world = slurp(f.w.mem, f.w.state);
	opt.user_password = unit_secret(&f.w, "Alice.pw1");
	assert_status(um_repair_start(f.w.mem, f.w.m, f.j, "DCB", "DCA", &opt,
				      &r),
		      UM_KIND_LOCAL, UM_LOCAL_NOT_SUPPORTED);
	/* nothing changed on either PDC, nothing begun in the journal */
	assert_string_equal(slurp(f.w.mem, f.w.state), world);
	journal = slurp(f.w.mem, f.journal_path);
	assert_null(strstr(journal, "\"event\":\"step-start\""));
	assert_null(strstr(journal, "\"event\":\"repair-start\""));
	/* the step that cannot be done is named */
	assert_int_equal(um_repair_refused_step(r),
			 2 /* add-trusting */);
	assert_int_equal(unit_n_trusted(&f.w, "DCB"), 1);
	assert_int_equal(unit_n_trusting(&f.w, "DCB"), 1);
	fixture_close(&f);
}

/* NT4 keeps each direction apart: the same break is repaired, and the
 * other direction still works afterwards. */
static void test_two_way_repaired_on_nt4(void **state)
{
	struct fixture f;
	struct um_repair *r;
	struct um_diagnosis *d;

	(void)state;
	fixture_open(&f, "two-way-kb207957-nt4");
	r = start(&f, false);
	assert_ok_any(run_all(&f, r));
	assert_repaired(&f, r);
	assert_ok(um_diagnose(f.w.m, "DCA", "DCB", NULL, NULL, f.w.mem, &d));
	assert_int_equal(d->verdict, UM_VERDICT_HEALTHY);
	fixture_close(&f);
}

/* CANNOT into DOMAIN's section of the state file. */
static void set_cannot(struct fixture *f, const char *domain,
		       const char *cannot)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "sed -i '/^\\[domain %s\\]/a cannot = "
		 "%s' %s", domain, cannot, f->w.state);
	assert_int_equal(system(cmd), 0);
}

/* Every scenario, every server's capabilities: either the repair is
 * refused at its start with both PDCs untouched, or no step is refused
 * as impossible once it runs. */
static void never_refused_after_a_change(const char *scenario,
					 const char *cannot_res,
					 const char *cannot_acc)
{
	struct fixture f;
	struct um_repair *r;
	struct um_repair_options opt = { .reestablish = true };
	struct um_status st;
	char *world, world_cmd[256];

	fixture_open(&f, scenario);
	snprintf(world_cmd, sizeof(world_cmd), "sed -i '/^cannot = /d' %s",
		 f.w.state);
	assert_int_equal(system(world_cmd), 0);
	if (cannot_res != NULL) {
		set_cannot(&f, "RESOURCE", cannot_res);
	}
	if (cannot_acc != NULL) {
		set_cannot(&f, "ACCOUNTS", cannot_acc);
	}
	unit_world_reopen(&f.w);
	world = slurp(f.w.mem, f.w.state);
	st = um_repair_start(f.w.mem, f.w.m, f.j, "DCB", "DCA", &opt, &r);
	if (um_status_is(st, UM_KIND_LOCAL, UM_LOCAL_NOT_SUPPORTED)) {
		assert_string_equal(slurp(f.w.mem, f.w.state), world);
	} else {
		assert_ok_any(st);
		st = run_all(&f, r);
		if (um_status_is(st, UM_KIND_LOCAL, UM_LOCAL_NOT_SUPPORTED)) {
			fail_msg("%s (cannot %s / %s): refused at step %s "
				 "after a change", scenario,
				 cannot_res ? cannot_res : "-",
				 cannot_acc ? cannot_acc : "-",
				 um_repair_steps[um_repair_next(r)].id);
		}
	}
	fixture_close(&f);
}

static void test_never_refused_after_a_change(void **state)
{
	static const char *scenarios[] = {
		"kb207957", "broken-at-resource", "password-mismatch",
		"no-trust", "stale-channel", "healthy", "two-way-kb207957",
		"two-way-rekey",
	};
	static const char *cannot[] = {
		NULL, "add_direction", "remove_direction",
		"add_direction,remove_direction",
		"add_direction,rekey_two_way", "rekey_two_way",
		"add_direction,remove_direction,rekey_two_way",
	};
	const size_t n = sizeof(cannot) / sizeof(cannot[0]);
	size_t s, a, b;

	(void)state;
	for (s = 0; s < sizeof(scenarios) / sizeof(scenarios[0]); s++) {
		for (a = 0; a < n; a++) {
			for (b = 0; b < n; b++) {
				never_refused_after_a_change(scenarios[s],
							     cannot[a],
							     cannot[b]);
			}
		}
	}
}

/* ---- issue 22: one direction of a two-way trust on Samba AD ---------- */

/* The other direction, ACCOUNTS trusts RESOURCE: healthy on the wire. */
static void assert_other_way_healthy(struct fixture *f)
{
	struct um_diagnosis *d;

	assert_ok(um_diagnose(f->w.m, "DCA", "DCB", NULL, NULL, f->w.mem, &d));
	assert_int_equal(d->verdict, UM_VERDICT_HEALTHY);
}

/* Servers that cannot add a direction but re-create the object two-way
 * (Samba AD 4.17): both objects re-keyed, both directions healthy --
 * which needs the other direction's channel reset too. */
static void test_two_way_rekeyed_on_ad(void **state)
{
	struct fixture f;
	struct um_repair *r;
	uint32_t dirs;
	char *text;

	(void)state;
	fixture_open(&f, "two-way-rekey");
	assert_other_way_healthy(&f);
	r = start(&f, false);
	assert_int_equal(um_repair_refused_step(r), um_repair_n_steps);
	text = um_repair_step_text(f.w.mem, r, 2 /* add-trusting */);
	assert_non_null(strstr(text, "other direction gets the same new"));
	assert_ok_any(run_all(&f, r));
	assert_repaired(&f, r);
	assert_other_way_healthy(&f);
	assert_ok(um_trust_directions(unit_pdc(&f.w, "DCA"), "RESOURCE",
				      &dirs));
	assert_int_equal(dirs, UM_DIR_INBOUND | UM_DIR_OUTBOUND);
	assert_ok(um_trust_directions(unit_pdc(&f.w, "DCB"), "ACCOUNTS",
				      &dirs));
	assert_int_equal(dirs, UM_DIR_INBOUND | UM_DIR_OUTBOUND);
	fixture_close(&f);
}

/* The process stops between the two Adds (the other direction is
 * re-keyed on ACCOUNTS only, so broken): a resume re-keys RESOURCE's
 * half with the password given again, and both directions end healthy. */
static void test_two_way_rekey_resumed_between_adds(void **state)
{
	struct fixture f;
	struct um_repair *r;
	struct um_unfinished *u;
	struct um_repair_options opt = { .user = "ACCOUNTS\\alice" };
	size_t i;

	(void)state;
	fixture_open(&f, "two-way-rekey");
	r = start(&f, false);
	assert_ok(um_repair_set_password(r, unit_secret(&f.w, PASSWORD)));
	while ((i = um_repair_next(r)) < 3 /* add-trusted */) {
		assert_ok(um_repair_run(r, i));
	}
	unit_world_reopen(&f.w);
	assert_ok(um_repair_find_unfinished(f.w.mem, f.journal_path, &u));
	assert_non_null(u);
	opt.user_password = unit_secret(&f.w, "Alice.pw1");
	assert_ok(um_repair_resume(f.w.mem, f.w.m, f.j, u, &opt, &r));
	assert_int_equal(um_repair_next(r), 3);
	assert_ok_any(run_all(&f, r));
	assert_repaired(&f, r);
	assert_other_way_healthy(&f);
	fixture_close(&f);
}

/* KB Q207957 by hand through the trust screens' engine calls, on Samba AD
 * servers (issue 22): each Add of the missing direction is asked about
 * first (the other direction is re-keyed) and refused without the
 * operator's Yes; with it, the second Add leaves both directions
 * verified.  On NT4 nothing is asked: each direction is its own. */
static void test_two_way_by_hand_on_ad(void **state)
{
	struct fixture f;
	struct um_pdc *acc, *res;
	const struct um_secret *pw;
	char *text;

	(void)state;
	fixture_open(&f, "two-way-rekey");
	acc = unit_pdc(&f.w, "DCA");
	res = unit_pdc(&f.w, "DCB");
	pw = unit_secret(&f.w, PASSWORD);
	assert_ok(um_trust_remove_trusted(res, "ACCOUNTS"));
	text = um_trust_add_rekey_text(f.w.mem, acc, UM_OP_ADD_TRUSTING,
				       "resource");
	assert_non_null(text);
	assert_non_null(strstr(text, "re-keyed with it too, and stops "
				     "working until the administrator of "
				     "RESOURCE"));
	/* without the operator's Yes: refused, as before */
	assert_status(um_trust_add_trusting(acc, "RESOURCE", pw, pw),
		      UM_KIND_LOCAL, UM_LOCAL_NOT_SUPPORTED);
	um_trust_set_rekey_by_hand(acc, true);
	assert_ok(um_trust_add_trusting(acc, "RESOURCE", pw, pw));
	um_trust_set_rekey_by_hand(acc, false);
	text = um_trust_add_rekey_text(f.w.mem, res, UM_OP_ADD_TRUSTED,
				       "ACCOUNTS");
	assert_non_null(strstr(text, "It works only when ACCOUNTS holds "
				     "the same password"));
	um_trust_set_rekey_by_hand(res, true);
	assert_ok_any(um_trust_add_trusted(res, "ACCOUNTS", "DCA", pw));
	um_trust_set_rekey_by_hand(res, false);
	assert_non_null(um_trust_rekey_outcome(res));
	assert_non_null(strstr(um_trust_rekey_outcome(res),
			       "was verified with the new password"));
	assert_ok_any(um_trust_verify(res, "ACCOUNTS"));
	assert_other_way_healthy(&f);
	fixture_close(&f);

	fixture_open(&f, "two-way-kb207957-nt4");
	res = unit_pdc(&f.w, "DCB");
	assert_ok(um_trust_remove_trusted(res, "ACCOUNTS"));
	assert_null(um_trust_add_rekey_text(f.w.mem, unit_pdc(&f.w, "DCA"),
					    UM_OP_ADD_TRUSTING, "RESOURCE"));
	fixture_close(&f);
}

/* Servers that give the stored passwords back (issue 22, two-way-keep:
 * Samba AD over DRSUAPI): the repair re-creates both objects keeping the
 * working direction's password, so that direction is healthy between the
 * two Adds (with the re-key it was broken there) and after. */
static void test_two_way_keep_on_ad(void **state)
{
	struct fixture f;
	struct um_repair *r;
	char *text;
	size_t i;

	(void)state;
	fixture_open(&f, "two-way-keep");
	assert_other_way_healthy(&f);
	r = start(&f, false);
	assert_int_equal(um_repair_refused_step(r), um_repair_n_steps);
	text = um_repair_step_text(f.w.mem, r, 2 /* add-trusting */);
	assert_non_null(strstr(text, "other direction keeps its password"));
	assert_null(strstr(text, "same new password"));
	assert_ok(um_repair_set_password(r, unit_secret(&f.w, PASSWORD)));
	while ((i = um_repair_next(r)) < 3 /* add-trusted */) {
		assert_ok(um_repair_run(r, i));
	}
	/* between the Adds: ACCOUNTS' half re-created, its outbound kept */
	assert_other_way_healthy(&f);
	assert_ok_any(run_all(&f, r));
	assert_repaired(&f, r);
	assert_other_way_healthy(&f);
	fixture_close(&f);

	/* the same site on servers that do not: re-keyed, broken between */
	fixture_open(&f, "two-way-rekey");
	r = start(&f, false);
	assert_ok(um_repair_set_password(r, unit_secret(&f.w, PASSWORD)));
	while ((i = um_repair_next(r)) < 3 /* add-trusted */) {
		assert_ok(um_repair_run(r, i));
	}
	assert_false(um_is_ok(um_trust_verify(unit_pdc(&f.w, "DCA"),
					      "RESOURCE")));
	fixture_close(&f);
}

/* Servers of which only one gives the stored passwords back: the repair
 * decides once for both Adds and re-keys the working direction on both
 * DCs (an Add keeping it on one DC while the other re-keyed it would
 * leave that direction with two passwords).  Healthy both ways after. */
static void test_two_way_keep_needs_both(void **state)
{
	char path[512], *text, *line;
	FILE *in;
	long n;
	struct fixture f;
	struct um_repair *r;
	char *step;

	(void)state;
	snprintf(path, sizeof(path), "%s/two-way-keep.ini",
		 getenv("USRMGR_SCENARIO_DIR"));
	in = fopen(path, "r");
	assert_non_null(in);
	assert_int_equal(fseek(in, 0, SEEK_END), 0);
	n = ftell(in);
	rewind(in);
	text = calloc(1, (size_t)n + 1);
	assert_non_null(text);
	assert_int_equal(fread(text, 1, (size_t)n, in), (size_t)n);
	fclose(in);
	/* RESOURCE's PDC (the second domain) does not give them back */
	line = strstr(strstr(text, "[domain RESOURCE]"),
		      "reads_kept_password = yes");
	assert_non_null(line);
	memcpy(line, "#", 1);
	fixture_open_text(&f, text);
	free(text);
	r = start(&f, false);
	step = um_repair_step_text(f.w.mem, r, 2 /* add-trusting */);
	assert_null(strstr(step, "keeps its password"));
	assert_ok(um_repair_set_password(r, unit_secret(&f.w, PASSWORD)));
	assert_ok_any(run_all(&f, r));
	assert_repaired(&f, r);
	assert_other_way_healthy(&f);
	fixture_close(&f);
}

/* By hand on them: the question says the working direction keeps its
 * password and keeps working; it does between the Adds; the outcome
 * after Add Trusted says it kept it. */
static void test_two_way_keep_by_hand(void **state)
{
	struct fixture f;
	struct um_pdc *acc, *res;
	const struct um_secret *pw;
	char *text;

	(void)state;
	fixture_open(&f, "two-way-keep");
	acc = unit_pdc(&f.w, "DCA");
	res = unit_pdc(&f.w, "DCB");
	pw = unit_secret(&f.w, PASSWORD);
	assert_ok(um_trust_remove_trusted(res, "ACCOUNTS"));
	assert_true(um_trust_keeps_password(acc, "RESOURCE"));
	text = um_trust_add_rekey_text(f.w.mem, acc, UM_OP_ADD_TRUSTING,
				       "resource");
	assert_non_null(text);
	assert_non_null(strstr(text, "the trust of ACCOUNTS in RESOURCE "
				     "keeps its password and keeps working"));
	assert_null(strstr(text, "re-keyed"));
	assert_non_null(strstr(um_trust_add_rekey_yes_note(acc),
			       "the working one with its own password"));
	um_trust_set_rekey_by_hand(acc, true);
	assert_ok(um_trust_add_trusting(acc, "RESOURCE", pw, pw));
	um_trust_set_rekey_by_hand(acc, false);
	assert_ok_any(um_trust_verify(acc, "RESOURCE"));
	text = um_trust_add_rekey_text(f.w.mem, res, UM_OP_ADD_TRUSTED,
				       "ACCOUNTS");
	assert_non_null(strstr(text, "keeps its password and keeps "
				     "working"));
	um_trust_set_rekey_by_hand(res, true);
	assert_ok_any(um_trust_add_trusted(res, "ACCOUNTS", "DCA", pw));
	um_trust_set_rekey_by_hand(res, false);
	assert_non_null(strstr(um_trust_rekey_outcome(res),
			       "kept its password and was verified"));
	assert_ok_any(um_trust_verify(res, "ACCOUNTS"));
	assert_other_way_healthy(&f);
	fixture_close(&f);

	/* where the server does not give them back: the re-key's question */
	fixture_open(&f, "two-way-rekey");
	assert_false(um_trust_keeps_password(unit_pdc(&f.w, "DCA"),
					     "RESOURCE"));
	fixture_close(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_scenario_both_dialects),
		cmocka_unit_test(test_healthy_refused_unless_reestablish),
		cmocka_unit_test(test_unreachable_refused),
		cmocka_unit_test(test_failure_and_resume_at_every_step),
		cmocka_unit_test(test_lying_pdc_fails_postcondition),
		cmocka_unit_test(test_resume_asks_password_again),
		cmocka_unit_test(test_generated_password),
		cmocka_unit_test(test_numbering_skips_not_needed),
		cmocka_unit_test(test_state_words),
		cmocka_unit_test(test_password_up_front_is_new),
		cmocka_unit_test(test_empty_new_password_refused),
		cmocka_unit_test(test_password_held_after_resume),
		cmocka_unit_test(test_password_rewind),
		cmocka_unit_test(test_texts_with_names_of_their_own),
		cmocka_unit_test(test_offer_only_this_worlds_pdcs),
		cmocka_unit_test(test_refused_before_any_change),
		cmocka_unit_test(test_two_way_repaired_on_nt4),
		cmocka_unit_test(test_never_refused_after_a_change),
		cmocka_unit_test(test_two_way_rekeyed_on_ad),
		cmocka_unit_test(test_two_way_rekey_resumed_between_adds),
		cmocka_unit_test(test_two_way_by_hand_on_ad),
		cmocka_unit_test(test_two_way_keep_on_ad),
		cmocka_unit_test(test_two_way_keep_by_hand),
		cmocka_unit_test(test_two_way_keep_needs_both),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
