/*
 * usrmgr - Policies -> User Rights in the engine on a simulated PDC:
 * NT's list, grants and revokes (a trusted domain's account included),
 * and the limits: an unknown name, a right the server does not keep, an
 * operator who may not change rights.  Nothing is sent on a refusal.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include "unit.h"
#include "rights.h"

static size_t right(const char *key)
{
	size_t i = UM_RIGHTS_N;

	assert_true(um_right_find(key, &i));
	return i;
}

static bool holds(struct um_pdc *p, TALLOC_CTX *mem, size_t r,
		  const char *name)
{
	struct um_right_grants *g;
	size_t i;

	assert_ok(um_right_grantees(p, r, mem, &g));
	for (i = 0; i < g->n_grantees; i++) {
		if (strcmp(g->grantees[i].name, name) == 0) {
			return true;
		}
	}
	return false;
}

/* NT 4.0's 27 rights, 16 of them advanced. */
static void test_table(void **state)
{
	size_t i, advanced = 0;

	(void)state;
	for (i = 0; i < UM_RIGHTS_N; i++) {
		advanced += um_right_advanced(i);
		assert_non_null(um_right_key(i));
	}
	assert_int_equal(advanced, 16);
	assert_null(um_right_key(UM_RIGHTS_N));
	assert_int_equal(right("log on locally"),
			 right("SeInteractiveLogonRight"));
	assert_false(um_right_find("SeNoSuchRight", &i));
}

/* Grant to one of the trusted domain's users, then revoke. */
static void test_grant_revoke(void **state)
{
	struct unit_world w;
	struct um_pdc *p;
	const char *names[] = { "ACCOUNTS\\alice", "Backup Operators" };
	size_t r = right("SeBackupPrivilege");
	char *why = NULL;

	(void)state;
	unit_world_open(&w, "healthy");
	p = unit_pdc(&w, "DCB");
	assert_true(holds(p, w.mem, r, "Administrators"));
	assert_false(holds(p, w.mem, r, "ACCOUNTS\\alice"));
	assert_ok(um_right_grant(p, r, names, 2, w.mem, &why));
	unit_world_reopen(&w);
	p = unit_pdc(&w, "DCB");
	assert_true(holds(p, w.mem, r, "ACCOUNTS\\alice"));
	assert_ok(um_right_revoke(p, r, names, 1, w.mem, &why));
	assert_false(holds(p, w.mem, r, "ACCOUNTS\\alice"));
	assert_true(holds(p, w.mem, r, "Backup Operators"));
	unit_world_close(&w);
}

/* Unknown names and unkept rights: words, and nothing changed. */
static void test_limits(void **state)
{
	struct unit_world w;
	struct um_pdc *p;
	struct um_right_grants *all;
	const char *bad[] = { "Administrator", "nosuchperson" };
	size_t r = right("SeBackupPrivilege");
	char *why = NULL;

	(void)state;
	unit_world_open(&w, "healthy");
	p = unit_pdc(&w, "DCB");
	assert_status(um_right_grant(p, r, bad, 2, w.mem, &why), UM_KIND_NT,
		      UM_NT_SOME_NOT_MAPPED);
	assert_non_null(strstr(why, "nosuchperson"));
	assert_ok(um_rights_list(p, w.mem, &all));
	assert_false(all[right("SeTcbPrivilege")].kept);
	assert_true(all[r].kept);
	assert_status(um_right_grant(p, right("SeTcbPrivilege"), bad, 1,
				     w.mem, &why),
		      UM_KIND_NT, UM_NT_NO_SUCH_PRIVILEGE);
	assert_non_null(strstr(why, "does not keep"));
	unit_world_close(&w);
}

/* An account deleted since it was granted a right shows in Grant To as
 * its SID, which no lookup maps: Remove still takes it away. */
static void test_revoke_deleted(void **state)
{
	static const char scenario[] =
		"[scenario]\nname = deleted\n\n"
		"[domain KESTREL]\ndialect = ad\n"
		"dns_name = kestrel.example\n"
		"sid = S-1-5-21-1212121212-3434343434-5656565656\n"
		"pdc = TALON2\n\n"
		"[user KESTREL wren]\nfull_name = Wren Falk\n\n"
		"[rights KESTREL]\naccess = full\n"
		"SeBackupPrivilege = wren\n"
		"SeBackupPrivilege + = S-1-5-21-1212121212-3434343434-"
		"5656565656-4321\n";
	const char *gone = "S-1-5-21-1212121212-3434343434-5656565656-4321";
	struct unit_world w;
	struct um_pdc *p;
	size_t r = right("SeBackupPrivilege");
	char *why = NULL;

	(void)state;
	unit_world_open_text(&w, scenario);
	p = unit_pdc(&w, "TALON2");
	assert_true(holds(p, w.mem, r, gone));
	assert_ok(um_right_revoke(p, r, &gone, 1, w.mem, &why));
	assert_false(holds(p, w.mem, r, gone));
	assert_true(holds(p, w.mem, r, "wren"));
	unit_world_close(&w);
}

/* Which refusals leave the rights read-only: only "access denied". */
static void test_read_only(void **state)
{
	(void)state;
	assert_true(um_rights_read_only(um_nt(UM_NT_ACCESS_DENIED)));
	assert_false(um_rights_read_only(um_ok()));
	assert_false(um_rights_read_only(um_nt(UM_NT_NONE_MAPPED)));
	assert_false(um_rights_read_only(um_nt(UM_NT_SOME_NOT_MAPPED)));
	assert_false(um_rights_read_only(um_nt(UM_NT_NO_SUCH_PRIVILEGE)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_grant_revoke),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_revoke_deleted),
		cmocka_unit_test(test_read_only),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
