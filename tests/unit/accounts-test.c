/*
 * usrmgr - user accounts in the engine (issue 19): NT's name rules,
 * Logon To's limit, the expiry date, the password's confirmation, and
 * what Copy carries (on the simulated backend; the model's calls and
 * the state file as a real PDC would keep them).
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <string.h>
#include "unit.h"
#include "accounts.h"

static const struct {
	const char *name;
	enum um_local want; /* UM_LOCAL_OK: accepted */
} names[] = {
	{ "jdoe", UM_LOCAL_OK },
	{ "J.Doe-Smith_2", UM_LOCAL_OK },
	{ "with space", UM_LOCAL_OK },
	{ "abcdefghijklmnopqrst", UM_LOCAL_OK },             /* 20 */
	{ "\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4"
	  "\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4"
	  "\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4"
	  "\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4", UM_LOCAL_OK }, /* 20 */
	{ "abcdefghijklmnopqrstu", UM_LOCAL_USER_NAME_TOO_LONG }, /* 21 */
	{ "", UM_LOCAL_BAD_USER_NAME },
	{ "...", UM_LOCAL_BAD_USER_NAME },
	{ " . ", UM_LOCAL_BAD_USER_NAME },
	{ "a\"b", UM_LOCAL_BAD_USER_NAME }, { "a/b", UM_LOCAL_BAD_USER_NAME },
	{ "a\\b", UM_LOCAL_BAD_USER_NAME }, { "a[b", UM_LOCAL_BAD_USER_NAME },
	{ "a]b", UM_LOCAL_BAD_USER_NAME }, { "a:b", UM_LOCAL_BAD_USER_NAME },
	{ "a;b", UM_LOCAL_BAD_USER_NAME }, { "a|b", UM_LOCAL_BAD_USER_NAME },
	{ "a,b", UM_LOCAL_BAD_USER_NAME }, { "a+b", UM_LOCAL_BAD_USER_NAME },
	{ "a*b", UM_LOCAL_BAD_USER_NAME }, { "a?b", UM_LOCAL_BAD_USER_NAME },
	{ "a<b", UM_LOCAL_BAD_USER_NAME }, { "a>b", UM_LOCAL_BAD_USER_NAME },
	{ "a\tb", UM_LOCAL_BAD_USER_NAME },
};

static void test_user_names(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		struct um_status st = um_user_name_check(names[i].name);

		if (names[i].want == UM_LOCAL_OK) {
			assert_ok(st);
		} else {
			assert_status(st, UM_KIND_LOCAL, names[i].want);
		}
	}
}

static void test_workstations(void **state)
{
	(void)state;
	assert_ok(um_user_workstations_check(""));
	assert_ok(um_user_workstations_check(
		"WS1,WS2,WS3,WS4,WS5,WS6,WS7,WS8"));
	assert_status(um_user_workstations_check(
			      "WS1,WS2,WS3,WS4,WS5,WS6,WS7,WS8,WS9"),
		      UM_KIND_LOCAL, UM_LOCAL_TOO_MANY_WORKSTATIONS);
	assert_status(um_user_workstations_check("WS1,SIXTEEN-CHARSXXX"),
		      UM_KIND_LOCAL, UM_LOCAL_TOO_MANY_WORKSTATIONS);
}

static void test_expires(void **state)
{
	int64_t t;
	char buf[16];

	(void)state;
	assert_ok(um_user_expires_parse("never", &t));
	assert_int_equal(t, 0);
	assert_ok(um_user_expires_parse("2030-06-30", &t));
	assert_string_equal(um_user_expires_text(t, buf), "2030-06-30");
	/* the end of the day: the first second of the next */
	assert_int_equal(t % 86400, 0);
	assert_status(um_user_expires_parse("30.06.2030", &t), UM_KIND_LOCAL,
		      UM_LOCAL_BAD_DATE);
	assert_string_equal(um_user_expires_text(0, buf), "never");
}

/* New User with a mismatched confirmation, then a good one, then Copy:
 * the template's description and password flags, not Disabled. */
static void test_add_and_copy(void **state)
{
	struct unit_world w;
	struct um_pdc *p;
	struct um_account a = { .name = "mfranz", .full_name = "M. Franz",
				.description = "Night shift",
				.flags = UM_ACCT_DISABLED |
					 UM_ACCT_NEVER_EXPIRES,
				.fields = UM_FIELD_FULL_NAME |
					  UM_FIELD_DESCRIPTION };
	struct um_account c = { .name = "ngrau", .full_name = "N. Grau",
				.fields = UM_FIELD_FULL_NAME };
	struct um_account *got;

	(void)state;
	unit_world_open(&w, "no-trust");
	p = unit_pdc(&w, "DCA");
	assert_status(um_user_add(p, &a, unit_secret(&w, "One.pw1"),
				  unit_secret(&w, "Two.pw1")),
		      UM_KIND_LOCAL, UM_LOCAL_PASSWORD_MISMATCH);
	assert_status(um_user_query(p, "mfranz", w.mem, &got), UM_KIND_NT,
		      UM_NT_NO_SUCH_USER);
	assert_ok(um_user_add(p, &a, unit_secret(&w, "One.pw1"),
			      unit_secret(&w, "One.pw1")));
	assert_ok(um_user_copy(p, "MFRANZ", &c, unit_secret(&w, "One.pw1"),
			       NULL));
	assert_ok(um_user_query(p, "ngrau", w.mem, &got));
	assert_string_equal(got->full_name, "N. Grau");
	assert_string_equal(got->description, "Night shift");
	assert_int_equal(got->flags, UM_ACCT_NEVER_EXPIRES);
	assert_status(um_user_copy(p, "mfranz", &c, NULL, NULL), UM_KIND_NT,
		      UM_NT_USER_EXISTS);
	unit_world_close(&w);
}

/* NT refuses User Must Change Password at Next Logon with User Cannot
 * Change Password or Password Never Expires: on a new user, and in a
 * change that sets them; nothing reaches the PDC. */
static void test_password_flags(void **state)
{
	struct unit_world w;
	struct um_pdc *p;
	struct um_account a = { .name = "pflag",
				.flags = UM_ACCT_MUST_CHANGE |
					 UM_ACCT_NEVER_EXPIRES };
	struct um_account set = { .name = "pflag",
				  .flags = UM_ACCT_MUST_CHANGE |
					   UM_ACCT_CANNOT_CHANGE,
				  .flags_mask = UM_ACCT_MUST_CHANGE |
						UM_ACCT_CANNOT_CHANGE,
				  .fields = UM_FIELD_FLAGS };
	struct um_account *got;

	(void)state;
	assert_ok(um_user_flags_check(UM_ACCT_MUST_CHANGE |
				      UM_ACCT_DISABLED));
	assert_ok(um_user_flags_check(UM_ACCT_CANNOT_CHANGE |
				      UM_ACCT_NEVER_EXPIRES));
	assert_status(um_user_flags_check(UM_ACCT_MUST_CHANGE |
					  UM_ACCT_CANNOT_CHANGE),
		      UM_KIND_LOCAL, UM_LOCAL_PASSWORD_FLAGS);
	unit_world_open(&w, "no-trust");
	p = unit_pdc(&w, "DCA");
	assert_status(um_user_add(p, &a, unit_secret(&w, "One.pw1"), NULL),
		      UM_KIND_LOCAL, UM_LOCAL_PASSWORD_FLAGS);
	assert_status(um_user_query(p, "pflag", w.mem, &got), UM_KIND_NT,
		      UM_NT_NO_SUCH_USER);
	a.flags = UM_ACCT_MUST_CHANGE;
	assert_ok(um_user_add(p, &a, unit_secret(&w, "One.pw1"), NULL));
	assert_status(um_user_set(p, &set), UM_KIND_LOCAL,
		      UM_LOCAL_PASSWORD_FLAGS);
	assert_ok(um_user_query(p, "pflag", w.mem, &got));
	assert_int_equal(got->flags, UM_ACCT_MUST_CHANGE);
	unit_world_close(&w);
}

/* A group's name: a user name's characters, 20 (global) or 256 (local). */
static void test_group_names(void **state)
{
	char long_name[258];

	(void)state;
	assert_ok(um_group_name_check("Sales", false));
	assert_ok(um_group_name_check("abcdefghijklmnopqrst", false));
	assert_status(um_group_name_check("abcdefghijklmnopqrstu", false),
		      UM_KIND_LOCAL, UM_LOCAL_GROUP_NAME_TOO_LONG);
	assert_ok(um_group_name_check("abcdefghijklmnopqrstu", true));
	memset(long_name, 'g', 256);
	long_name[256] = '\0';
	assert_ok(um_group_name_check(long_name, true));
	long_name[256] = 'g';
	long_name[257] = '\0';
	assert_status(um_group_name_check(long_name, true), UM_KIND_LOCAL,
		      UM_LOCAL_GROUP_NAME_TOO_LONG);
	assert_status(um_group_name_check("a,b", true), UM_KIND_LOCAL,
		      UM_LOCAL_BAD_GROUP_NAME);
	assert_status(um_group_name_check("", false), UM_KIND_LOCAL,
		      UM_LOCAL_BAD_GROUP_NAME);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_user_names),
		cmocka_unit_test(test_workstations),
		cmocka_unit_test(test_expires),
		cmocka_unit_test(test_add_and_copy),
		cmocka_unit_test(test_password_flags),
		cmocka_unit_test(test_group_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
