/*
 * usrmgr - user accounts in the engine (issue 19): NT's name rules,
 * Logon To's limit, the expiry date, the password's confirmation, and
 * what Copy carries (on the simulated backend; the model's calls and
 * the state file as a real PDC would keep them).
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
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

/* ---- Hours ------------------------------------------------------------ */

static void test_hours_text(void **state)
{
	static const char *const round[] = {
		"all", "none", "Mon-Fri 08-18", "Mon-Fri 08-12 13-18,Sat 09-12",
		"Sun", "Mon,Wed,Fri 00-01 23-24", "Tue-Sat 07-19,Sun 10-14",
	};
	TALLOC_CTX *mem = talloc_new(NULL);
	uint8_t h[UM_HOURS_BYTES];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(round) / sizeof(round[0]); i++) {
		assert_ok(um_user_hours_parse(round[i], h));
		assert_string_equal(um_user_hours_text(mem, h), round[i]);
	}
	/* SAMR's layout: Sunday is day 0, Monday 08:00 is bit 32 */
	assert_ok(um_user_hours_parse("mon 08-09", h));
	assert_int_equal(h[4], 0x01);
	assert_true(um_user_hours_get(h, 1, 8));
	assert_false(um_user_hours_get(h, 1, 9));
	assert_false(um_user_hours_get(h, 0, 8));
	/* a whole day, a range of days that wraps, other spellings */
	assert_ok(um_user_hours_parse("Sat-Mon", h));
	assert_string_equal(um_user_hours_text(mem, h), "Mon,Sat-Sun");
	assert_ok(um_user_hours_parse(" Mon-Fri 00-24 , Sat-Sun", h));
	assert_string_equal(um_user_hours_text(mem, h), "all");
	um_user_hours_put(h, 3, 12, false);
	assert_string_equal(um_user_hours_text(mem, h),
			    "Mon-Tue,Wed 00-12 13-24,Thu-Sun");
	talloc_free(mem);
}

static void test_hours_refused(void **state)
{
	static const char *const bad[] = {
		"", "sometimes", "Mon-Fri 8-18", "Mon-Fri 18-08",
		"Mon 08-08", "Mon 00-25", "Mo-Fr 08-18", "Mon-Fri 08:00-18:00",
		"08-18", "Mon-Fri 08-18 x", ",",
	};
	uint8_t h[UM_HOURS_BYTES];
	size_t i;

	(void)state;
	memset(h, 0x5a, sizeof(h));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_status(um_user_hours_parse(bad[i], h), UM_KIND_LOCAL,
			      UM_LOCAL_BAD_HOURS);
	}
	/* a refused text leaves the grid as it was */
	assert_int_equal(h[0], 0x5a);
}

/* ---- groups, Hours and account type on the simulated backend ---------- */

static const char scenario[] =
	"[scenario]\nname = groups-unit\ndescription = unit\n"
	"[domain NORDWIND]\ndialect = ad\nsid = S-1-5-21-7-8-9\n"
	"pdc = NW-PDC1\nreachable = yes\n"
	"[user NORDWIND kmeier]\nfull_name = K. Meier\n"
	"description = Lager\nprimary_group = Domain Users\n"
	"logon_hours = Mon-Fri 06-14\naccount = local\n"
	"password_never_expires = yes\ndisabled = yes\n"
	"[user NORDWIND lvogt]\nprimary_group = Domain Users\n"
	"[group NORDWIND Domain Users]\ndescription = all\n"
	"[group NORDWIND Lager]\ndescription = store\nmembers = kmeier\n"
	"[group NORDWIND Einkauf]\ndescription = buying\n"
	"[group NORDWIND Drucker]\ndescription = printers\nlocal = yes\n"
	"members = kmeier\n";

static struct um_pdc *groups_world(struct unit_world *w)
{
	unit_world_open_text(w, scenario);
	return unit_pdc(w, "NW-PDC1");
}

static bool has_group(const struct um_account *a, const char *g)
{
	size_t i;

	for (i = 0; i < a->n_groups; i++) {
		if (strcmp(a->groups[i], g) == 0) {
			return true;
		}
	}
	return false;
}

static void test_query_hours_type_groups(void **state)
{
	struct unit_world w;
	struct um_pdc *p = groups_world(&w);
	struct um_account *got;

	(void)state;
	assert_ok(um_user_query(p, "KMEIER", w.mem, &got));
	assert_string_equal(um_user_hours_text(w.mem, got->logon_hours),
			    "Mon-Fri 06-14");
	assert_true(got->local_account);
	assert_string_equal(got->primary_group, "Domain Users");
	assert_int_equal(got->n_groups, 3);
	assert_true(has_group(got, "Domain Users"));
	assert_true(has_group(got, "Lager"));
	assert_true(has_group(got, "Drucker"));
	assert_ok(um_user_query(p, "lvogt", w.mem, &got));
	assert_string_equal(um_user_hours_text(w.mem, got->logon_hours),
			    "all");
	assert_false(got->local_account);
	unit_world_close(&w);
}

/* The membership becomes the list; the primary group moves first. */
static void test_set_groups(void **state)
{
	struct unit_world w;
	struct um_pdc *p = groups_world(&w);
	char *want[] = { "Einkauf", "Drucker" };
	struct um_account a = { .name = "kmeier", .fields = UM_FIELD_GROUPS,
				.groups = want, .n_groups = 2,
				.primary_group = "Einkauf" };
	struct um_account *got;
	struct um_group_info *g;

	(void)state;
	assert_ok(um_user_set(p, &a));
	unit_world_reopen(&w);
	p = unit_pdc(&w, "NW-PDC1");
	assert_ok(um_user_query(p, "kmeier", w.mem, &got));
	assert_string_equal(got->primary_group, "Einkauf");
	assert_int_equal(got->n_groups, 2);
	assert_true(has_group(got, "Einkauf"));
	assert_true(has_group(got, "Drucker"));
	assert_ok(um_group_query(p, "Lager", w.mem, &g));
	assert_int_equal(g->n_members, 0);
	/* leaving the primary group directly: the PDC refuses */
	assert_status(um_group_remove_member(p, "Einkauf", "kmeier"),
		      UM_KIND_NT, UM_NT_MEMBERS_PRIMARY_GROUP);
	unit_world_close(&w);
}

/* Every refusal comes before anything changed. */
static void test_set_groups_refused(void **state)
{
	struct unit_world w;
	struct um_pdc *p = groups_world(&w);
	char *unknown[] = { "Domain Users", "Lager", "Verkauf" };
	char *no_primary[] = { "Lager", "Einkauf" };
	char *local[] = { "Domain Users", "Drucker" };
	struct um_account a = { .name = "kmeier", .fields = UM_FIELD_GROUPS |
					UM_FIELD_DESCRIPTION,
				.description = "changed",
				.groups = unknown, .n_groups = 3 };
	struct um_account *got;

	(void)state;
	assert_status(um_user_set(p, &a), UM_KIND_NT, UM_NT_NO_SUCH_GROUP);
	/* the current primary group (Domain Users) left out */
	a.groups = no_primary;
	a.n_groups = 2;
	assert_status(um_user_set(p, &a), UM_KIND_LOCAL,
		      UM_LOCAL_PRIMARY_NOT_MEMBER);
	a.primary_group = "Domain Admins";
	assert_status(um_user_set(p, &a), UM_KIND_LOCAL,
		      UM_LOCAL_PRIMARY_NOT_MEMBER);
	a.groups = local;
	a.primary_group = "Drucker";
	assert_status(um_user_set(p, &a), UM_KIND_LOCAL,
		      UM_LOCAL_PRIMARY_NOT_GLOBAL);
	assert_ok(um_user_query(p, "kmeier", w.mem, &got));
	assert_string_equal(got->description, "Lager");
	assert_string_equal(got->primary_group, "Domain Users");
	assert_int_equal(got->n_groups, 3);
	assert_true(has_group(got, "Lager"));
	unit_world_close(&w);
}

/* A simulated domain changes primary groups, whatever its dialect (the
 * refusal is a real classic PDC's, measured on the nt4 lab). */
static void test_primary_changeable(void **state)
{
	struct unit_world w;
	struct um_pdc *p = groups_world(&w);

	(void)state;
	assert_ok(um_user_primary_changeable(p));
	unit_world_close(&w);
}

/* refuses_primary_groups: a classic PDC without a "set primary group
 * script", as the RPC backend meets it: nothing said beforehand, so the
 * change is sent; its ACCESS_DENIED comes back in USRMGR_PRIMARY_FIXED's
 * words, nothing changed, and from then on this session refuses first
 * (Set greyed); a new session asks again. */
static void test_primary_learned(void **state)
{
	static const char learned[] =
		"[scenario]\nname = learned\ndescription = unit\n"
		"[domain HAFEN]\ndialect = nt4\nsid = S-1-5-21-7-8-9\n"
		"pdc = HF-PDC2\nreachable = yes\n"
		"refuses_primary_groups = yes\n"
		"[user HAFEN okarlsen]\nprimary_group = Domain Users\n"
		"[group HAFEN Domain Users]\ndescription = all\n"
		"[group HAFEN Kai]\ndescription = quay\n"
		"members = okarlsen\n";
	char *want[] = { "Domain Users", "Kai" };
	struct um_account a = { .name = "okarlsen", .fields = UM_FIELD_GROUPS,
				.groups = want, .n_groups = 2,
				.primary_group = "Kai" };
	struct unit_world w;
	struct um_account *got;
	struct um_pdc *p;

	(void)state;
	unit_world_open_text(&w, learned);
	p = unit_pdc(&w, "HF-PDC2");
	assert_ok(um_user_primary_changeable(p));
	assert_status(um_user_set(p, &a), UM_KIND_LOCAL,
		      UM_LOCAL_PRIMARY_FIXED);
	assert_status(um_user_primary_changeable(p), UM_KIND_LOCAL,
		      UM_LOCAL_PRIMARY_FIXED);
	assert_ok(um_user_query(p, "okarlsen", w.mem, &got));
	assert_string_equal(got->primary_group, "Domain Users");
	assert_true(has_group(got, "Kai"));
	/* learned: refused by the plan, before anything is sent */
	assert_status(um_user_set(p, &a), UM_KIND_LOCAL,
		      UM_LOCAL_PRIMARY_FIXED);
	unit_world_reopen(&w);
	p = unit_pdc(&w, "HF-PDC2");
	assert_ok(um_user_primary_changeable(p));
	unit_world_close(&w);
}

/* keeps_primary_groups: a server that never changes a primary group
 * (a Samba classic PDC, measured): refused before anything changes, and
 * still so after a restart (the state file keeps it). */
static void test_primary_fixed(void **state)
{
	static const char fixed[] =
		"[scenario]\nname = fixed\ndescription = unit\n"
		"[domain OSTWIND]\ndialect = nt4\nsid = S-1-5-21-4-5-6\n"
		"pdc = OW-PDC1\nreachable = yes\nkeeps_primary_groups = yes\n"
		"[user OSTWIND jkrause]\nprimary_group = Domain Users\n"
		"[group OSTWIND Domain Users]\ndescription = all\n"
		"[group OSTWIND Lager]\ndescription = store\n"
		"members = jkrause\n";
	char *want[] = { "Domain Users", "Lager" };
	struct um_account a = { .name = "jkrause", .fields = UM_FIELD_GROUPS,
				.groups = want, .n_groups = 2,
				.primary_group = "Lager" };
	struct unit_world w;
	struct um_account *got;
	struct um_pdc *p;

	(void)state;
	unit_world_open_text(&w, fixed);
	p = unit_pdc(&w, "OW-PDC1");
	assert_status(um_user_primary_changeable(p), UM_KIND_LOCAL,
		      UM_LOCAL_PRIMARY_FIXED);
	assert_status(um_user_set(p, &a), UM_KIND_LOCAL,
		      UM_LOCAL_PRIMARY_FIXED);
	/* the current primary group again: nothing to refuse */
	a.primary_group = "Domain Users";
	assert_ok(um_user_set(p, &a));
	unit_world_reopen(&w);
	p = unit_pdc(&w, "OW-PDC1");
	assert_status(um_user_primary_changeable(p), UM_KIND_LOCAL,
		      UM_LOCAL_PRIMARY_FIXED);
	assert_ok(um_user_query(p, "jkrause", w.mem, &got));
	assert_string_equal(got->primary_group, "Domain Users");
	assert_true(has_group(got, "Lager"));
	unit_world_close(&w);
}

/* Hours and account type set, read back after a restart. */
static void test_set_hours_and_type(void **state)
{
	struct unit_world w;
	struct um_pdc *p = groups_world(&w);
	struct um_account a = { .name = "lvogt",
				.fields = UM_FIELD_LOGON_HOURS |
					  UM_FIELD_ACCOUNT_TYPE,
				.local_account = true };
	struct um_account *got;

	(void)state;
	assert_ok(um_user_hours_parse("Sat-Sun 10-16", a.logon_hours));
	assert_ok(um_user_set(p, &a));
	unit_world_reopen(&w);
	p = unit_pdc(&w, "NW-PDC1");
	assert_ok(um_user_query(p, "lvogt", w.mem, &got));
	assert_string_equal(um_user_hours_text(w.mem, got->logon_hours),
			    "Sat-Sun 10-16");
	assert_true(got->local_account);
	a.local_account = false;
	a.fields = UM_FIELD_ACCOUNT_TYPE;
	assert_ok(um_user_set(p, &a));
	assert_ok(um_user_query(p, "lvogt", w.mem, &got));
	assert_false(got->local_account);
	assert_string_equal(um_user_hours_text(w.mem, got->logon_hours),
			    "Sat-Sun 10-16");
	unit_world_close(&w);
}

/* Copy: groups, primary group, Hours, type, description, password
 * flags; never the full name or Disabled. */
static void test_copy_carries_groups(void **state)
{
	struct unit_world w;
	struct um_pdc *p = groups_world(&w);
	struct um_account c = { .name = "pbauer", .full_name = "P. Bauer",
				.fields = UM_FIELD_FULL_NAME };
	struct um_account *got;
	char *bad[] = { "Lager", "Nirgendwo" };
	struct um_account n = { .name = "qxu", .fields = UM_FIELD_GROUPS,
				.groups = bad, .n_groups = 2 };

	(void)state;
	assert_ok(um_user_copy(p, "kmeier", &c, NULL, NULL));
	assert_ok(um_user_query(p, "pbauer", w.mem, &got));
	assert_string_equal(got->full_name, "P. Bauer");
	assert_string_equal(got->description, "Lager");
	assert_int_equal(got->flags, UM_ACCT_NEVER_EXPIRES);
	assert_string_equal(um_user_hours_text(w.mem, got->logon_hours),
			    "Mon-Fri 06-14");
	assert_true(got->local_account);
	assert_string_equal(got->primary_group, "Domain Users");
	assert_int_equal(got->n_groups, 3);
	assert_true(has_group(got, "Lager"));
	assert_true(has_group(got, "Drucker"));
	/* a new user with an unknown group is not created at all */
	assert_status(um_user_add(p, &n, NULL, NULL), UM_KIND_NT,
		      UM_NT_NO_SUCH_GROUP);
	assert_status(um_user_query(p, "qxu", w.mem, &got), UM_KIND_NT,
		      UM_NT_NO_SUCH_USER);
	unit_world_close(&w);
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
		cmocka_unit_test(test_hours_text),
		cmocka_unit_test(test_hours_refused),
		cmocka_unit_test(test_query_hours_type_groups),
		cmocka_unit_test(test_set_groups),
		cmocka_unit_test(test_set_groups_refused),
		cmocka_unit_test(test_primary_changeable),
		cmocka_unit_test(test_primary_fixed),
		cmocka_unit_test(test_primary_learned),
		cmocka_unit_test(test_set_hours_and_type),
		cmocka_unit_test(test_copy_carries_groups),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
