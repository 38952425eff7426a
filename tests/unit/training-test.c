/*
 * usrmgr - training: the coach sees what the trainee does through the
 * model, explains mistakes, gives hints and ends when the logon works.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kb207957_with_mistakes),
		cmocka_unit_test(test_out_of_order_explained),
		cmocka_unit_test(test_unreachable_ends_on_the_cause),
		cmocka_unit_test(test_healthy_has_nothing_to_train),
		cmocka_unit_test(test_without_user_ends_when_verified),
		cmocka_unit_test(test_no_pair_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
