/*
 * usrmgr - Policies -> Account: NT 4.0's rules in the engine (nothing is
 * sent when a policy breaks one), and the simulated PDC keeping what
 * SetDomainInfo stores.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include "unit.h"
#include "policy.h"

/* A policy NT accepts: lockout on, every number inside its range. */
static struct um_account_policy good(void)
{
	return (struct um_account_policy){
		.max_age_days = 42, .min_age_days = 1, .min_length = 7,
		.history = 24, .lockout_threshold = 5, .reset_minutes = 30,
		.duration_minutes = 30,
	};
}

static void assert_invalid(const struct um_account_policy *pol,
			   const char *why_part)
{
	const char *why = NULL;

	assert_status(um_policy_check(pol, &why), UM_KIND_LOCAL,
		      UM_LOCAL_POLICY_INVALID);
	assert_non_null(why);
	if (strstr(why, why_part) == NULL) {
		fail_msg("reason '%s' does not say '%s'", why, why_part);
	}
}

/* Every number: 0 and its maximum pass, one more fails, by its name. */
static void ranges(void **state)
{
	static const struct {
		enum um_policy_field f;
		uint32_t max;
		const char *name;
	} r[] = {
		{ UM_POLICY_MAX_AGE, 999, "Maximum Password Age" },
		{ UM_POLICY_MIN_AGE, 998, "Minimum Password Age" },
		{ UM_POLICY_MIN_LENGTH, 14, "Minimum Password Length" },
		{ UM_POLICY_HISTORY, 24, "Password Uniqueness" },
		{ UM_POLICY_THRESHOLD, 999, "Lockout after" },
		{ UM_POLICY_RESET, 99999, "Reset count after" },
		{ UM_POLICY_DURATION, 99999, "Lockout Duration" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(r) / sizeof(r[0]); i++) {
		struct um_account_policy p = good();
		/* the age rule apart: no maximum age here */
		p.max_age_days = r[i].f == UM_POLICY_MAX_AGE ? 42 : 0;
		p.duration_minutes = 0;
		*um_policy_field(&p, r[i].f) = r[i].max;
		if (r[i].f == UM_POLICY_MAX_AGE) {
			p.min_age_days = 0;
		}
		assert_ok(um_policy_check(&p, NULL));
		*um_policy_field(&p, r[i].f) = r[i].max + 1;
		assert_invalid(&p, r[i].name);
		*um_policy_field(&p, r[i].f) = UINT32_MAX;
		assert_invalid(&p, r[i].name);
	}
}

/* Typed numbers, as the CLI and the dialog read them alike. */
static void typed_numbers(void **state)
{
	(void)state;
	assert_int_equal(um_policy_parse_number("42"), 42);
	assert_int_equal(um_policy_parse_number(" 7 "), 7);
	assert_int_equal(um_policy_parse_number("never"), 0);
	assert_int_equal(um_policy_parse_number(""), 0);
	assert_int_equal(um_policy_parse_number("-1"), UINT32_MAX);
	assert_int_equal(um_policy_parse_number("lots"), UINT32_MAX);
	assert_int_equal(um_policy_choice(true, "42"), 0);
	assert_int_equal(um_policy_choice(false, "42"), 42);
	/* N chosen, nothing typed: out of range, not "never" */
	assert_int_equal(um_policy_choice(false, ""), UINT32_MAX);
	assert_int_equal(um_policy_choice(false, "0"), UINT32_MAX);
}

static void min_age_below_max(void **state)
{
	struct um_account_policy p = good();

	(void)state;
	p.max_age_days = 10;
	p.min_age_days = 9;
	assert_ok(um_policy_check(&p, NULL));
	p.min_age_days = 10;
	assert_invalid(&p, "less than the Maximum Password Age");
	/* never expires: any minimum in range */
	p.max_age_days = 0;
	p.min_age_days = 998;
	assert_ok(um_policy_check(&p, NULL));
}

static void lockout_duration_covers_window(void **state)
{
	struct um_account_policy p = good();

	(void)state;
	p.reset_minutes = 30;
	p.duration_minutes = 29;
	assert_invalid(&p, "at least the Reset count after");
	p.duration_minutes = 30;
	assert_ok(um_policy_check(&p, NULL));
	p.duration_minutes = 0; /* forever */
	assert_ok(um_policy_check(&p, NULL));
	p.reset_minutes = 0; /* with lockout, the window must be there */
	assert_invalid(&p, "Reset count after");
	/* without lockout the lockout numbers are not the operator's */
	p.lockout_threshold = 0;
	p.duration_minutes = 5;
	assert_ok(um_policy_check(&p, NULL));
}

/* A policy NT refuses is never sent: the PDC sees no call at all. */
static void invalid_sends_nothing(void **state)
{
	struct unit_world w;
	struct um_account_policy before, bad, after;
	struct um_pdc *p;
	const char *why = NULL;
	unsigned calls;

	(void)state;
	unit_world_open(&w, "kb207957");
	p = unit_pdc(&w, "DCA");
	assert_ok(um_policy_account_get(p, &before));
	bad = before;
	bad.lockout_threshold = 3;
	bad.reset_minutes = 60;
	bad.duration_minutes = 10;
	calls = um_pdc_calls(p);
	assert_status(um_policy_account_set(p, &bad, &why), UM_KIND_LOCAL,
		      UM_LOCAL_POLICY_INVALID);
	assert_non_null(why);
	assert_int_equal(um_pdc_calls(p), calls);
	unit_world_reopen(&w);
	assert_ok(um_policy_account_get(unit_pdc(&w, "DCA"), &after));
	assert_memory_equal(&before, &after, sizeof(before));
	unit_world_close(&w);
}

/* A PDC may hold a number NT's dialog would not take (Samba AD: a
 * maximum password age above 999 days): a change of another number is
 * stored, the PDC's own kept; typing such a number is still refused. */
static void kept_beyond_range(void **state)
{
	static const char scenario[] =
		"[scenario]\nname = longage\n\n"
		"[domain PLOVER]\ndialect = ad\n"
		"dns_name = plover.example\n"
		"sid = S-1-5-21-2323232323-4545454545-6767676767\n"
		"pdc = NEST4\n\n"
		"[policy PLOVER]\nmax_age = 1142\n";
	struct unit_world w;
	struct um_account_policy pol, after;
	struct um_pdc *p;
	const char *why = NULL;

	(void)state;
	unit_world_open_text(&w, scenario);
	p = unit_pdc(&w, "NEST4");
	assert_ok(um_policy_account_get(p, &pol));
	assert_int_equal(pol.max_age_days, 1142);
	pol.min_length = 11;
	assert_ok(um_policy_account_set(p, &pol, &why));
	assert_ok(um_policy_account_get(p, &after));
	assert_int_equal(after.min_length, 11);
	assert_int_equal(after.max_age_days, 1142);
	after.max_age_days = 1500; /* typed: NT's range applies */
	assert_status(um_policy_account_set(p, &after, &why), UM_KIND_LOCAL,
		      UM_LOCAL_POLICY_INVALID);
	assert_non_null(why);
	unit_world_close(&w);
}

/* SetDomainInfo's policy is what QueryDomainInfo answers, in this
 * process and after the state file is read again; the other domain's
 * policy is its own. */
static void stored_and_kept(void **state)
{
	struct unit_world w;
	struct um_account_policy want = good(), got, other;

	(void)state;
	want.force_logoff = true;
	want.must_logon_to_change = true;
	want.duration_minutes = 0;
	unit_world_open(&w, "healthy");
	assert_ok(um_policy_account_set(unit_pdc(&w, "DCA"), &want, NULL));
	assert_ok(um_policy_account_get(unit_pdc(&w, "DCA"), &got));
	assert_memory_equal(&want, &got, sizeof(want));
	unit_world_reopen(&w);
	assert_ok(um_policy_account_get(unit_pdc(&w, "DCA"), &got));
	assert_memory_equal(&want, &got, sizeof(want));
	assert_ok(um_policy_account_get(unit_pdc(&w, "DCB"), &other));
	assert_int_equal(other.lockout_threshold, 0);
	assert_int_equal(other.max_age_days, 42);
	unit_world_close(&w);
}

/* [policy ACCOUNTS] read_only: the operator may not change it. */
static void read_only_denied(void **state)
{
	struct unit_world w;
	struct um_account_policy p, after;
	FILE *f;

	(void)state;
	unit_world_open(&w, "kb207957");
	assert_ok(um_policy_account_get(unit_pdc(&w, "DCA"), &p));
	f = fopen(w.state, "a");
	assert_non_null(f);
	fprintf(f, "\n[policy ACCOUNTS]\nread_only = yes\n");
	fclose(f);
	unit_world_reopen(&w);
	p.history = 3;
	assert_status(um_policy_account_set(unit_pdc(&w, "DCA"), &p, NULL),
		      UM_KIND_NT, UM_NT_ACCESS_DENIED);
	assert_ok(um_policy_account_get(unit_pdc(&w, "DCA"), &after));
	assert_int_equal(after.history, 24);
	unit_world_close(&w);
}

/* Policies -> Audit on a simulated PDC that, like Samba's, refuses
 * SetInfoPolicy: the policy is read, the PDC's refusal kept for the
 * operator, nothing changed. */
static void audit_not_changeable(void **state)
{
	struct unit_world w;
	struct um_audit_policy a;

	(void)state;
	unit_world_open(&w, "kb207957");
	assert_ok(um_policy_audit_get(unit_pdc(&w, "DCA"), &a));
	assert_false(a.changeable);
	assert_status(a.why_not, UM_KIND_NT, UM_NT_RPC_PROCNUM_OUT_OF_RANGE);
	assert_false(a.auditing);
	unit_world_close(&w);
}

/* A PDC that implements SetInfoPolicy: changeable, and the engine's
 * probe (the policy written back as read) changes nothing. */
static void audit_changeable(void **state)
{
	struct unit_world w;
	struct um_audit_policy a, again;
	FILE *f;

	(void)state;
	unit_world_open(&w, "kb207957");
	assert_ok(um_policy_audit_get(unit_pdc(&w, "DCA"), &a));
	f = fopen(w.state, "a");
	assert_non_null(f);
	fprintf(f, "\n[policy ACCOUNTS]\nauditing = yes\n"
		   "audit_logon = both\naudit_account_management = failure\n"
		   "audit_settable = yes\n");
	fclose(f);
	unit_world_reopen(&w);
	assert_ok(um_policy_audit_get(unit_pdc(&w, "DCA"), &a));
	assert_true(a.changeable);
	assert_true(a.auditing);
	assert_int_equal(a.events[UM_AUDIT_LOGON],
			 UM_AUDIT_SUCCESS | UM_AUDIT_FAILURE);
	assert_int_equal(a.events[UM_AUDIT_ACCOUNT_MANAGEMENT],
			 UM_AUDIT_FAILURE);
	assert_int_equal(a.events[UM_AUDIT_SYSTEM], 0);
	unit_world_reopen(&w);
	assert_ok(um_policy_audit_get(unit_pdc(&w, "DCA"), &again));
	assert_memory_equal(a.events, again.events, sizeof(a.events));
	assert_true(again.auditing);
	unit_world_close(&w);
}

/* Where it is changeable the engine stores what the operator chose;
 * where it is not, um_policy_audit_set() answers the PDC's refusal and
 * sends nothing. */
static void audit_set(void **state)
{
	struct unit_world w;
	struct um_audit_policy a, got;
	unsigned calls;
	FILE *f;

	(void)state;
	unit_world_open(&w, "kb207957");
	assert_ok(um_policy_audit_get(unit_pdc(&w, "DCA"), &a));
	calls = um_pdc_calls(unit_pdc(&w, "DCA"));
	a.auditing = true;
	assert_status(um_policy_audit_set(unit_pdc(&w, "DCA"), &a),
		      UM_KIND_NT, UM_NT_RPC_PROCNUM_OUT_OF_RANGE);
	assert_int_equal(um_pdc_calls(unit_pdc(&w, "DCA")), calls);
	f = fopen(w.state, "a");
	assert_non_null(f);
	fprintf(f, "\n[policy ACCOUNTS]\naudit_settable = yes\n");
	fclose(f);
	unit_world_reopen(&w);
	assert_ok(um_policy_audit_get(unit_pdc(&w, "DCA"), &a));
	a.auditing = true;
	a.events[UM_AUDIT_POLICY_CHANGE] = UM_AUDIT_SUCCESS;
	assert_ok(um_policy_audit_set(unit_pdc(&w, "DCA"), &a));
	unit_world_reopen(&w);
	assert_ok(um_policy_audit_get(unit_pdc(&w, "DCA"), &got));
	assert_true(got.auditing);
	assert_int_equal(got.events[UM_AUDIT_POLICY_CHANGE],
			 UM_AUDIT_SUCCESS);
	unit_world_close(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(ranges),
		cmocka_unit_test(kept_beyond_range),
		cmocka_unit_test(typed_numbers),
		cmocka_unit_test(min_age_below_max),
		cmocka_unit_test(lockout_duration_covers_window),
		cmocka_unit_test(invalid_sends_nothing),
		cmocka_unit_test(stored_and_kept),
		cmocka_unit_test(read_only_denied),
		cmocka_unit_test(audit_not_changeable),
		cmocka_unit_test(audit_changeable),
		cmocka_unit_test(audit_set),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
