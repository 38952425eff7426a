/*
 * usrmgr - NetBIOS domain names: what is refused, what is normalised.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <string.h>
#include "unit.h"
#include "names.h"

static const struct {
	const char *typed;
	enum um_local want;     /* UM_LOCAL_OK: accepted */
	const char *normalised;
} cases[] = {
	{ "ACCOUNTS", UM_LOCAL_OK, "ACCOUNTS" },
	{ "accounts", UM_LOCAL_OK, "ACCOUNTS" },
	{ "  Resource ", UM_LOCAL_OK, "RESOURCE" },
	{ "A", UM_LOCAL_OK, "A" },
	{ "FIFTEEN-CHARSXX", UM_LOCAL_OK, "FIFTEEN-CHARSXX" },
	{ "SIXTEEN-CHARSXXX", UM_LOCAL_NAME_TOO_LONG, NULL },
	{ "", UM_LOCAL_BAD_NAME, NULL },
	{ "   ", UM_LOCAL_BAD_NAME, NULL },
	{ "BAD\\NAME", UM_LOCAL_BAD_NAME, NULL },
	{ "BAD/NAME", UM_LOCAL_BAD_NAME, NULL },
	{ "BAD:NAME", UM_LOCAL_BAD_NAME, NULL },
	{ "BAD*NAME", UM_LOCAL_BAD_NAME, NULL },
	{ "BAD?NAME", UM_LOCAL_BAD_NAME, NULL },
	{ "BAD\"NAME", UM_LOCAL_BAD_NAME, NULL },
	{ "BAD<NAME", UM_LOCAL_BAD_NAME, NULL },
	{ "BAD>NAME", UM_LOCAL_BAD_NAME, NULL },
	{ "BAD|NAME", UM_LOCAL_BAD_NAME, NULL },
	{ "TAB\tNAME", UM_LOCAL_BAD_NAME, NULL },
	{ "RES OURCE", UM_LOCAL_BAD_NAME, NULL },
	{ "M\xc3\x9cNCHEN", UM_LOCAL_BAD_NAME, NULL },
};

static void test_names(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *out = NULL;
		struct um_status st = um_name_normalise(NULL, cases[i].typed,
							&out);
		if (st.code != (uint32_t)cases[i].want) {
			fail_msg("'%s': got %s", cases[i].typed,
				 um_status_name(st));
		}
		if (cases[i].normalised != NULL) {
			assert_string_equal(out, cases[i].normalised);
		} else {
			assert_null(out);
		}
		talloc_free(out);
	}
}

static void test_split_user(void **state)
{
	char *dom, *user;
	TALLOC_CTX *mem = talloc_new(NULL);

	(void)state;
	um_name_split_user(mem, "ACCOUNTS\\alice", &dom, &user);
	assert_string_equal(dom, "ACCOUNTS");
	assert_string_equal(user, "alice");
	um_name_split_user(mem, "alice@accounts.test", &dom, &user);
	assert_string_equal(dom, "accounts.test");
	assert_string_equal(user, "alice");
	um_name_split_user(mem, "alice", &dom, &user);
	assert_null(dom);
	assert_string_equal(user, "alice");
	talloc_free(mem);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_split_user),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
