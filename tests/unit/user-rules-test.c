/*
 * usrmgr - the rules of User Properties' sub-dialogs in the engine
 * (issue 19): the hours' bit layout, the home directory's drive and
 * UNC path, and the primary group's two rules of Group Memberships.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <string.h>
#include "unit.h"
#include "accounts.h"

/* The layout SAMR's logon_hours has: Sunday 00:00 UTC is bit 0 of byte
 * 0, Monday 00:00 bit 0 of byte 3, Saturday 23:00 bit 7 of byte 20. */
static void test_hours_layout(void **state)
{
	uint8_t h[UM_HOURS_BYTES];

	(void)state;
	memset(h, 0, sizeof(h));
	um_user_hours_put(h, 0, 0, true);
	assert_int_equal(h[0], 0x01);
	um_user_hours_put(h, 1, 0, true);
	assert_int_equal(h[3], 0x01);
	um_user_hours_put(h, 6, 23, true);
	assert_int_equal(h[20], 0x80);
	um_user_hours_put(h, 2, 9, true); /* Tuesday 9:00: bit 57 */
	assert_int_equal(h[7], 0x02);
	assert_true(um_user_hours_get(h, 2, 9));
	assert_false(um_user_hours_get(h, 2, 10));
	um_user_hours_put(h, 0, 0, false);
	assert_int_equal(h[0], 0x00);
	assert_false(um_user_hours_get(h, 0, 0));
	assert_true(um_user_hours_get(h, 6, 23));
}

static const struct {
	const char *drive, *dir;
	enum um_local want;
} homes[] = {
	{ NULL, "C:\\users\\jdoe", UM_LOCAL_OK },   /* local path */
	{ "", "", UM_LOCAL_OK },                    /* none */
	{ "H:", "\\\\files\\home", UM_LOCAL_OK },
	{ "h:", "\\\\files\\home\\jdoe", UM_LOCAL_OK },
	{ "Z:", "\\\\files\\home\\jdoe\\", UM_LOCAL_OK },
	{ "A:", "\\\\10.1.2.3\\home$", UM_LOCAL_OK },
	{ "H", "\\\\files\\home", UM_LOCAL_BAD_HOME_DRIVE },
	{ "1:", "\\\\files\\home", UM_LOCAL_BAD_HOME_DRIVE },
	{ "HH:", "\\\\files\\home", UM_LOCAL_BAD_HOME_DRIVE },
	{ "[:", "\\\\files\\home", UM_LOCAL_BAD_HOME_DRIVE },
	{ "H:", "", UM_LOCAL_BAD_HOME_PATH },
	{ "H:", "C:\\home", UM_LOCAL_BAD_HOME_PATH },
	{ "H:", "\\\\files", UM_LOCAL_BAD_HOME_PATH },
	{ "H:", "\\\\files\\", UM_LOCAL_BAD_HOME_PATH },
	{ "H:", "\\\\\\home", UM_LOCAL_BAD_HOME_PATH },
	{ "H:", "\\\\files\\\\home", UM_LOCAL_BAD_HOME_PATH },
	{ "H:", "//files/home", UM_LOCAL_BAD_HOME_PATH },
	{ "H:", "\\\\files\\ho*me", UM_LOCAL_BAD_HOME_PATH },
	{ "H:", "\\\\files\\home\\a:b", UM_LOCAL_BAD_HOME_PATH },
};

static void test_home(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(homes) / sizeof(homes[0]); i++) {
		struct um_status st = um_user_home_check(homes[i].drive,
							 homes[i].dir);

		if (homes[i].want == UM_LOCAL_OK) {
			assert_ok(st);
		} else {
			assert_status(st, UM_KIND_LOCAL, homes[i].want);
		}
	}
}

static void test_primary_group(void **state)
{
	char *groups[] = { "Domain Users", "Sales", "Print Operators" };
	struct um_account a = { .name = "jdoe", .groups = groups,
				.n_groups = 3,
				.primary_group = "Domain Users" };

	(void)state;
	assert_status(um_user_group_remove_check(&a, "domain users"),
		      UM_KIND_NT, UM_NT_MEMBERS_PRIMARY_GROUP);
	assert_ok(um_user_group_remove_check(&a, "Sales"));
	assert_ok(um_user_primary_check(&a, "Sales", false));
	/* a local group, or one the user is not in, cannot be primary */
	assert_status(um_user_primary_check(&a, "Print Operators", true),
		      UM_KIND_LOCAL, UM_LOCAL_PRIMARY_NOT_GLOBAL);
	assert_status(um_user_primary_check(&a, "Engineering", false),
		      UM_KIND_LOCAL, UM_LOCAL_PRIMARY_NOT_MEMBER);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hours_layout),
		cmocka_unit_test(test_home),
		cmocka_unit_test(test_primary_group),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
