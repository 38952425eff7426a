/*
 * usrmgr - training: the coach sees what the trainee does through the
 * model, explains mistakes, gives hints and ends when the logon works.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "training.h"

static struct um_training *begin(struct unit_world *w)
{
	struct um_training_options opt = {
		.resource_pdc = "DCB", .accounts_pdc = "DCA",
		.user = "ACCOUNTS\\alice",
		.user_password = unit_secret(w, "Alice.pw1"),
	};
	struct um_training *t;

	assert_ok(um_training_start(w->mem, w->m, &opt, &t));
	return t;
}

static void assert_said(struct unit_world *w, struct um_training *t,
			const char *part)
{
	char *m = um_training_take_messages(t, w->mem);

	if (m == NULL || strstr(m, part) == NULL) {
		fail_msg("wanted '%s' in '%s'", part, m ? m : "(nothing)");
	}
}

static void test_kb207957_with_mistakes(void **state)
{
	struct unit_world w;
	struct um_training *t;
	struct um_training_summary s;
	struct um_secret *pw;
	char *hint;

	(void)state;
	unit_world_open(&w, "kb207957");
	t = begin(&w);
	assert_int_equal(um_training_verdict(t),
			 UM_VERDICT_BROKEN_AT_ACCOUNTS);
	hint = um_training_hint(t, w.mem);
	assert_non_null(strstr(hint, "DCB"));
	assert_non_null(strstr(hint, "Trusted Domains -> Remove"));
	pw = unit_secret(&w, "Train.pw1");

	/* Wrong PDC: ACCOUNTS has nothing in its Trusted Domains. */
	um_trust_remove_trusted(unit_pdc(&w, "DCA"), "RESOURCE");
	assert_said(&w, t, "That failed");
	um_trust_remove_trusted(unit_pdc(&w, "DCB"), "ACCOUNTS");
	assert_said(&w, t, "Done");
	/* Add Trusted before Add Trusting: refused, and explained. */
	um_trust_add_trusted(unit_pdc(&w, "DCB"), "ACCOUNTS", NULL, pw);
	assert_said(&w, t, "That failed");
	um_trust_add_trusting(unit_pdc(&w, "DCA"), "RESOURCE", pw, pw);
	assert_false(um_training_finished(t));
	um_trust_add_trusted(unit_pdc(&w, "DCB"), "ACCOUNTS", NULL, pw);
	assert_said(&w, t, "Training complete");
	assert_true(um_training_finished(t));
	um_training_summary(t, &s);
	assert_true(s.repaired);
	assert_int_equal(s.mistakes, 2);
	assert_int_equal(s.hints, 1);
	/* remove, add x2, reset, verify, and the logon test that ended it */
	assert_int_equal(s.steps, 6);
	assert_int_equal(s.needed, 6);
	assert_non_null(strstr(um_training_summary_text(t, w.mem),
			       "Mistakes: 2"));
	talloc_free(t);
	unit_world_close(&w);
}

/* Order explained even when the step itself succeeds. */
static void test_out_of_order_explained(void **state)
{
	struct unit_world w;
	struct um_training *t;
	struct um_secret *pw;

	(void)state;
	unit_world_open(&w, "password-mismatch");
	t = begin(&w);
	pw = unit_secret(&w, "Train.pw2");
	/* The accounts side removed first, then re-added at once. */
	um_trust_remove_trusting(unit_pdc(&w, "DCA"), "RESOURCE");
	assert_said(&w, t, "Out of order");
	um_trust_add_trusting(unit_pdc(&w, "DCA"), "RESOURCE", pw, pw);
	assert_said(&w, t, "too early");
	um_trust_remove_trusted(unit_pdc(&w, "DCB"), "ACCOUNTS");
	um_trust_add_trusted(unit_pdc(&w, "DCB"), "ACCOUNTS", NULL, pw);
	assert_true(um_training_finished(t));
	talloc_free(t);
	unit_world_close(&w);
}

static void test_unreachable_ends_on_the_cause(void **state)
{
	struct unit_world w;
	struct um_training *t;

	(void)state;
	unit_world_open(&w, "pdc-unreachable");
	t = begin(&w);
	assert_int_equal(um_training_verdict(t),
			 UM_VERDICT_PARTNER_UNREACHABLE);
	assert_false(um_training_name_cause(t, UM_VERDICT_PASSWORD_MISMATCH));
	assert_false(um_training_finished(t));
	assert_true(um_training_name_cause(t, UM_VERDICT_PARTNER_UNREACHABLE));
	assert_true(um_training_finished(t));
	talloc_free(t);
	unit_world_close(&w);
}

static void test_healthy_has_nothing_to_train(void **state)
{
	struct unit_world w;
	struct um_training_options opt = { .resource_pdc = "DCB",
					   .accounts_pdc = "DCA" };
	struct um_training *t;

	(void)state;
	unit_world_open(&w, "healthy");
	assert_status(um_training_start(w.mem, w.m, &opt, &t), UM_KIND_LOCAL,
		      UM_LOCAL_USAGE);
	unit_world_close(&w);
}

/* No test user (a scenario whose [pair] has none, or real PDCs without
 * --user): training ends, with its summary, once the trust verifies. */
static void test_without_user_ends_when_verified(void **state)
{
	struct unit_world w;
	struct um_training_options opt = { .resource_pdc = "DCB",
					   .accounts_pdc = "DCA" };
	struct um_training_summary s;
	struct um_training *t;
	struct um_secret *pw;

	(void)state;
	unit_world_open(&w, "kb207957");
	assert_ok(um_training_start(w.mem, w.m, &opt, &t));
	pw = unit_secret(&w, "Train.pw3");
	um_trust_remove_trusted(unit_pdc(&w, "DCB"), "ACCOUNTS");
	um_trust_add_trusting(unit_pdc(&w, "DCA"), "RESOURCE", pw, pw);
	assert_false(um_training_finished(t));
	um_trust_add_trusted(unit_pdc(&w, "DCB"), "ACCOUNTS", NULL, pw);
	assert_said(&w, t, "the secure channel verifies. Training complete.");
	assert_true(um_training_finished(t));
	um_training_summary(t, &s);
	assert_true(s.repaired);
	assert_int_equal(s.mistakes, 0);
	/* remove, add x2, reset, verify: no logon test to need */
	assert_int_equal(s.steps, 5);
	assert_int_equal(s.needed, 5);
	talloc_free(t);
	unit_world_close(&w);
}

/* The pair unknown: said so, rather than a PDC named by guess. */
static void test_no_pair_refused(void **state)
{
	struct unit_world w;
	struct um_training_options opt = { .resource_pdc = "DCB" };
	struct um_training *t = (struct um_training *)&w;

	(void)state;
	unit_world_open(&w, "kb207957");
	assert_status(um_training_start(w.mem, w.m, &opt, &t), UM_KIND_LOCAL,
		      UM_LOCAL_UNKNOWN_PDC);
	assert_null(t);
	unit_world_close(&w);
}

/* ---- issue 18: the coach's words ------------------------------------ */

/* The pair, by its own names: the built-in one, and two scenarios under
 * tests/unit (coach-third: the built-in names and a third domain;
 * coach-names: names of their own) with unrelated trusts to remove. */
struct pair_names {
	const char *scenario; /* a built-in name, or a file in tests/unit */
	const char *res, *acc, *res_pdc, *acc_pdc, *third, *user;
};

static const struct pair_names kb_names = {
	"kb207957", "RESOURCE", "ACCOUNTS", "DCB", "DCA", NULL,
	"ACCOUNTS\\alice",
};
static const struct pair_names third_names = {
	"coach-third.ini", "RESOURCE", "ACCOUNTS", "DCB", "DCA",
	"THIRDPARTY", "ACCOUNTS\\alice",
};
static const struct pair_names own_names = {
	"coach-names.ini", "BRANCHOFFICE", "HEADQUARTERS", "BRPDC1", "HQPDC1",
	"PARTNERNET", "HEADQUARTERS\\jdoe",
};

static struct um_training *begin_on(struct unit_world *w,
				    const struct pair_names *n)
{
	struct um_training_options opt = {
		.resource_pdc = n->res_pdc, .accounts_pdc = n->acc_pdc,
		.user = n->user,
	};
	struct um_training *t;
	char path[1024];
	const char *dir = getenv("USRMGR_SCENARIO_DIR");

	if (strchr(n->scenario, '.') != NULL) {
		snprintf(path, sizeof(path), "%s/../tests/unit/%s",
			 dir != NULL ? dir : SRC_SCENARIODIR, n->scenario);
		unit_world_open(w, path);
	} else {
		unit_world_open(w, n->scenario);
	}
	opt.user_password = unit_secret(w, "Alice.pw1");
	assert_ok(um_training_start(w->mem, w->m, &opt, &t));
	return t;
}

/* The messages since the last look hold every one of PARTS, none of NOT. */
static void assert_said_all(struct unit_world *w, struct um_training *t,
			    const char *const *parts, const char *not)
{
	char *m = um_training_take_messages(t, w->mem);
	size_t i;

	for (i = 0; parts[i] != NULL; i++) {
		if (m == NULL || strstr(m, parts[i]) == NULL) {
			fail_msg("wanted '%s' in '%s'", parts[i],
				 m ? m : "(nothing)");
		}
	}
	if (not != NULL && m != NULL && strstr(m, not) != NULL) {
		fail_msg("did not want '%s' in '%s'", not, m);
	}
}

#define fmt(w, ...) talloc_asprintf((w)->mem, __VA_ARGS__)

/* Add Trusted Domain on the accounts PDC, for the resource domain: the
 * mistake is the side (wrong PDC, wrong list), not the order. */
static void wrong_side(const struct pair_names *n)
{
	struct unit_world w;
	struct um_training *t = begin_on(&w, n);
	struct um_secret *pw = unit_secret(&w, "Train.pw4");
	const char *parts[5];
	struct um_training_summary s;

	um_trust_remove_trusted(unit_pdc(&w, n->res_pdc), n->acc);
	assert_said(&w, t, "Done");
	um_trust_add_trusted(unit_pdc(&w, n->acc_pdc), n->res, NULL, pw);
	parts[0] = "Wrong PDC, wrong list";
	parts[1] = fmt(&w, "that was done on %s, the PDC of %s,", n->acc_pdc,
		       n->acc);
	parts[2] = fmt(&w, "belongs on %s, the PDC of %s,", n->res_pdc,
		       n->res);
	parts[3] = fmt(&w, "On %s, %s belongs in the Trusting Domains list",
		       n->acc_pdc, n->res);
	parts[4] = NULL;
	assert_said_all(&w, t, parts, "came too early");
	um_training_summary(t, &s);
	assert_int_equal(s.mistakes, 1);
	talloc_free(t);
	unit_world_close(&w);
}

static void test_wrong_side_add_trusted(void **state)
{
	(void)state;
	wrong_side(&kb_names);
	wrong_side(&own_names);
}

/* Add Trusting Domain on the resource PDC for the accounts domain works
 * (a trust the other way round), and is the wrong side; removing it again
 * undoes that mistake, it is not an unrelated trust removed. */
static void wrong_side_undone(const struct pair_names *n)
{
	struct unit_world w;
	struct um_training *t = begin_on(&w, n);
	struct um_secret *pw = unit_secret(&w, "Train.pw8");
	struct um_training_summary s;
	const char *parts[3];

	assert_ok_any(um_trust_add_trusting(unit_pdc(&w, n->res_pdc), n->acc,
					    pw, pw));
	parts[0] = "Wrong PDC, wrong list";
	parts[1] = fmt(&w, "On %s, %s belongs in the Trusted Domains list",
		       n->res_pdc, n->acc);
	parts[2] = NULL;
	assert_said_all(&w, t, parts, NULL);
	assert_ok_any(um_trust_remove_trusting(unit_pdc(&w, n->res_pdc),
					       n->acc));
	parts[0] = "undoing what was done on the wrong PDC";
	parts[1] = NULL;
	assert_said_all(&w, t, parts, "not part of the repair");
	um_training_summary(t, &s);
	assert_int_equal(s.mistakes, 1);
	talloc_free(t);
	unit_world_close(&w);
}

static void test_wrong_side_undone_is_no_mistake(void **state)
{
	(void)state;
	wrong_side_undone(&kb_names);
	wrong_side_undone(&own_names);
}

/* A wrong password in Add Trusted Domain: the one typed on the accounts
 * domain's PDC is wanted, and the coach names that domain. */
static void wrong_password(const struct pair_names *n)
{
	struct unit_world w;
	struct um_training *t = begin_on(&w, n);
	struct um_secret *pw = unit_secret(&w, "Train.pw5");
	const char *parts[3];

	um_trust_remove_trusted(unit_pdc(&w, n->res_pdc), n->acc);
	um_trust_add_trusting(unit_pdc(&w, n->acc_pdc), n->res, pw, pw);
	assert_said(&w, t, "Done");
	um_trust_add_trusted(unit_pdc(&w, n->res_pdc), n->acc, NULL,
			     unit_secret(&w, "Not.the.pw"));
	parts[0] = fmt(&w, "must be the one typed on %s (PDC %s)", n->acc,
		       n->acc_pdc);
	parts[1] = fmt(&w, "Add Trusting Domain for %s", n->res);
	parts[2] = NULL;
	assert_said_all(&w, t, parts, NULL);
	um_trust_add_trusted(unit_pdc(&w, n->res_pdc), n->acc, NULL, pw);
	assert_said(&w, t, "Training complete");
	talloc_free(t);
	unit_world_close(&w);
}

static void test_wrong_password_names_the_accounts_side(void **state)
{
	(void)state;
	wrong_password(&kb_names);
	wrong_password(&own_names);
}

/* An unrelated trust removed: not part of the repair, and how to put it
 * back; the repair itself goes on. */
static void unrelated(const struct pair_names *n)
{
	struct unit_world w;
	struct um_training *t = begin_on(&w, n);
	struct um_secret *pw = unit_secret(&w, "Train.pw6");
	struct um_training_summary s;
	const char *parts[4];

	assert_ok(um_trust_remove_trusted(unit_pdc(&w, n->res_pdc),
					  n->third));
	parts[0] = fmt(&w, "Removing %s from the Trusted Domains of %s is "
		       "not part of the repair", n->third, n->res);
	parts[1] = fmt(&w, "Put it back: on %s (%s), Trusted Domains",
		       n->res_pdc, n->res);
	parts[2] = fmt(&w, "Add... %s", n->third);
	parts[3] = NULL;
	assert_said_all(&w, t, parts, "This step belongs");
	assert_ok(um_trust_remove_trusting(unit_pdc(&w, n->acc_pdc),
					   n->third));
	parts[0] = fmt(&w, "Removing %s from the Trusting Domains of %s is "
		       "not part of the repair", n->third, n->acc);
	parts[1] = fmt(&w, "Put it back: on %s (%s), Trusting Domains",
		       n->acc_pdc, n->acc);
	parts[2] = fmt(&w, "then on the PDC of %s, remove %s", n->third,
		       n->acc);
	assert_said_all(&w, t, parts, "Out of order");
	/* The repair, in the KB's order, still counts as such. */
	um_trust_remove_trusted(unit_pdc(&w, n->res_pdc), n->acc);
	assert_said(&w, t, "Done");
	um_trust_add_trusting(unit_pdc(&w, n->acc_pdc), n->res, pw, pw);
	um_trust_add_trusted(unit_pdc(&w, n->res_pdc), n->acc, NULL, pw);
	assert_said(&w, t, "Training complete");
	um_training_summary(t, &s);
	assert_int_equal(s.mistakes, 2);
	assert_int_equal(s.steps, 6);
	talloc_free(t);
	unit_world_close(&w);
}

static void test_unrelated_removal_put_back(void **state)
{
	(void)state;
	unrelated(&third_names);
	unrelated(&own_names);
}

/* Putting the unrelated trusts back as the coach said is no mistake:
 * Trusted: Add... with the partner's password; Trusting: Add... with a
 * new one, then the partner's Trusted Domains entry removed and added
 * again with it. */
static void put_back(const struct pair_names *n)
{
	struct unit_world w;
	struct um_training *t = begin_on(&w, n);
	struct um_secret *old = unit_secret(&w, "Trust.pw1");
	struct um_secret *pw = unit_secret(&w, "Train.pw7");
	struct um_training_summary s;
	struct um_pdc *third;

	assert_ok_any(um_trust_remove_trusted(unit_pdc(&w, n->res_pdc),
					  n->third));
	assert_said(&w, t, "not part of the repair");
	assert_ok_any(um_trust_add_trusted(unit_pdc(&w, n->res_pdc), n->third,
				       NULL, old));
	assert_said_all(&w, t, (const char *const[]){
			fmt(&w, "the trust between %s and %s", n->res,
			    n->third), NULL }, "belongs on");
	assert_ok_any(um_trust_remove_trusting(unit_pdc(&w, n->acc_pdc),
					   n->third));
	assert_said(&w, t, "not part of the repair");
	assert_ok_any(um_trust_add_trusting(unit_pdc(&w, n->acc_pdc), n->third,
					pw, pw));
	assert_said(&w, t, "putting back");
	third = unit_pdc(&w, n->third);
	assert_ok_any(um_trust_remove_trusted(third, n->acc));
	assert_said_all(&w, t, (const char *const[]){ "putting back",
			NULL }, "not part of the repair");
	assert_ok_any(um_trust_add_trusted(third, n->acc, NULL, pw));
	assert_said(&w, t, "putting back");
	um_training_summary(t, &s);
	assert_int_equal(s.mistakes, 2);
	assert_false(um_training_finished(t));
	talloc_free(t);
	unit_world_close(&w);
}

static void test_unrelated_put_back_is_no_mistake(void **state)
{
	(void)state;
	put_back(&third_names);
	put_back(&own_names);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kb207957_with_mistakes),
		cmocka_unit_test(test_out_of_order_explained),
		cmocka_unit_test(test_unreachable_ends_on_the_cause),
		cmocka_unit_test(test_healthy_has_nothing_to_train),
		cmocka_unit_test(test_without_user_ends_when_verified),
		cmocka_unit_test(test_no_pair_refused),
		cmocka_unit_test(test_wrong_side_add_trusted),
		cmocka_unit_test(test_wrong_side_undone_is_no_mistake),
		cmocka_unit_test(test_wrong_password_names_the_accounts_side),
		cmocka_unit_test(test_unrelated_removal_put_back),
		cmocka_unit_test(test_unrelated_put_back_is_no_mistake),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
