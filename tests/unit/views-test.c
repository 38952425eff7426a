/*
 * usrmgr - the main window's lists in the engine (issue 19, views.h):
 * paged in the server's name order, read once and sorted by full name,
 * groups a simulated server gives out of order sorted, type-to-jump,
 * the row Refresh puts the selection back on, and Select Users' marks.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "unit.h"
#include "views.h"

static struct um_pdc *open_kontor(struct unit_world *w)
{
	char path[1024];
	const char *dir = getenv("USRMGR_SCENARIO_DIR");

	snprintf(path, sizeof(path), "%s/../tests/unit/views-test.ini",
		 dir != NULL ? dir : SRC_SCENARIODIR);
	unit_world_open(w, path);
	return unit_pdc(w, "KDC7");
}

static const char *name_at(struct um_view *v, size_t row)
{
	return um_view_cell(v, row, UM_COL_NAME);
}

/* By username the first screen costs one page, not 2,004 users. */
static void test_paged_by_name(void **state)
{
	struct unit_world w;
	struct um_pdc *p = open_kontor(&w);
	struct um_view *v = um_view_new(w.mem, p, UM_VIEW_USERS,
					UM_SORT_USERNAME);
	unsigned before = um_pdc_calls(p);

	(void)state;
	assert_int_equal(um_view_count(v), 0);
	assert_true(um_view_more(v));
	assert_ok(um_view_fetch(v));
	assert_int_equal(um_pdc_calls(p) - before, 1);
	assert_int_equal(um_view_count(v), 512);
	assert_true(um_view_more(v));
	assert_string_equal(name_at(v, 0), "Bert");
	assert_string_equal(name_at(v, 1), "mia");
	assert_string_equal(name_at(v, 2), "user000001");
	assert_null(um_view_cell(v, 512, UM_COL_NAME));
	while (um_view_more(v)) {
		assert_ok(um_view_fetch(v));
	}
	assert_int_equal(um_view_count(v), 2004);
	assert_string_equal(name_at(v, 2001), "user002000");
	assert_string_equal(name_at(v, 2002), "userx");
	assert_string_equal(name_at(v, 2003), "zed");
	unit_world_close(&w);
}

/* By full name nothing is shown before everything is read and sorted;
 * back to username and again to full name costs no round trip. */
static void test_full_name(void **state)
{
	struct unit_world w;
	struct um_pdc *p = open_kontor(&w);
	struct um_view *v = um_view_new(w.mem, p, UM_VIEW_USERS,
					UM_SORT_FULL_NAME);
	unsigned calls;

	(void)state;
	assert_ok(um_view_fetch(v));
	assert_int_equal(um_view_count(v), 2004);
	assert_false(um_view_more(v));
	assert_string_equal(um_view_cell(v, 0, UM_COL_FULL_NAME), "Anna Zed");
	assert_string_equal(name_at(v, 0), "zed");
	assert_string_equal(um_view_cell(v, 0, UM_COL_DESCRIPTION),
			    "first by full name");
	assert_string_equal(name_at(v, 1), "userx");   /* Bert Userx */
	assert_string_equal(name_at(v, 2), "user000001");
	assert_string_equal(name_at(v, 2003), "Bert"); /* Zacharias */
	calls = um_pdc_calls(p);
	um_view_set_sort(v, UM_SORT_USERNAME);
	assert_int_equal(um_view_count(v), 2004);
	assert_string_equal(name_at(v, 0), "Bert");
	um_view_set_sort(v, UM_SORT_FULL_NAME);
	assert_false(um_view_more(v));
	assert_string_equal(name_at(v, 0), "zed");
	assert_int_equal(um_pdc_calls(p), calls);
	unit_world_close(&w);
}

/* The simulated server lists groups in the scenario's order (as Samba
 * gives its database's): the view sorts them. */
static void test_groups_sorted(void **state)
{
	struct unit_world w;
	struct um_pdc *p = open_kontor(&w);
	struct um_view *v = um_view_new(w.mem, p, UM_VIEW_GROUPS,
					UM_SORT_FULL_NAME);
	size_t i;

	(void)state;
	assert_int_equal(um_view_sort(v), UM_SORT_USERNAME);
	while (um_view_more(v)) {
		assert_ok(um_view_fetch(v));
	}
	assert_true(um_view_count(v) >= 3);
	for (i = 1; i < um_view_count(v); i++) {
		assert_true(strcasecmp(name_at(v, i - 1), name_at(v, i)) <= 0);
	}
	assert_null(um_view_cell(v, 0, UM_COL_FULL_NAME)[0] != '\0' ?
		    "a group with a full name" : NULL);
	unit_world_close(&w);
}

/* Typing: the first row starting with the letters, case ignored,
 * reading only the pages needed. */
static void test_find_prefix(void **state)
{
	struct unit_world w;
	struct um_pdc *p = open_kontor(&w);
	struct um_view *v = um_view_new(w.mem, p, UM_VIEW_USERS,
					UM_SORT_USERNAME);
	size_t row = 99;
	bool found;
	unsigned before = um_pdc_calls(p);

	(void)state;
	assert_ok(um_view_find_prefix(v, "MI", &row, &found));
	assert_true(found);
	assert_string_equal(name_at(v, row), "mia");
	assert_int_equal(um_pdc_calls(p) - before, 1);
	assert_ok(um_view_find_prefix(v, "user0015", &row, &found));
	assert_true(found);
	assert_string_equal(name_at(v, row), "user001500");
	assert_int_equal(um_pdc_calls(p) - before, 3);
	assert_true(um_view_more(v));
	assert_ok(um_view_find_prefix(v, "usery", &row, &found));
	assert_false(found);
	assert_string_equal(name_at(v, row), "user001500"); /* untouched */
	assert_ok(um_view_find_prefix(v, "Z", &row, &found));
	assert_true(found);
	assert_string_equal(name_at(v, row), "zed");
	/* by full name, the full name is what is typed */
	um_view_set_sort(v, UM_SORT_FULL_NAME);
	assert_ok(um_view_find_prefix(v, "zach", &row, &found));
	assert_true(found);
	assert_string_equal(name_at(v, row), "Bert");
	assert_ok(um_view_find_prefix(v, "generated user 17", &row, &found));
	assert_true(found);
	assert_string_equal(name_at(v, row), "user000017");
	unit_world_close(&w);
}

/* Refresh: the same name, wherever the new list has it. */
static void test_find_name(void **state)
{
	struct unit_world w;
	struct um_pdc *p = open_kontor(&w);
	struct um_view *v = um_view_new(w.mem, p, UM_VIEW_USERS,
					UM_SORT_USERNAME);
	size_t row = 0;
	bool found;

	(void)state;
	assert_ok(um_view_find_name(v, "USER001999", &row, &found));
	assert_true(found);
	assert_int_equal(row, 2000);
	um_view_reload(v);
	assert_int_equal(um_view_count(v), 0);
	assert_ok(um_view_find_name(v, "user00199", &row, &found));
	assert_false(found); /* a prefix is not the name */
	um_view_set_sort(v, UM_SORT_FULL_NAME);
	assert_ok(um_view_find_name(v, "bert", &row, &found));
	assert_true(found);
	assert_int_equal(row, 2003);
	unit_world_close(&w);
}

/* Select Users: a group's members, those not read yet too; Deselect
 * unmarks the group's members and no one else. */
static void test_marks(void **state)
{
	struct unit_world w;
	struct um_pdc *p = open_kontor(&w);
	struct um_view *v = um_view_new(w.mem, p, UM_VIEW_USERS,
					UM_SORT_USERNAME);
	const char *const *names;
	size_t n, row;
	bool found;

	(void)state;
	assert_ok(um_view_mark_group(v, "Vertrieb", true));
	assert_ok(um_view_mark_group(v, "einkauf", true));
	names = um_view_marked_names(v, &n);
	assert_int_equal(n, 4);
	assert_string_equal(names[0], "Bert");
	assert_string_equal(names[3], "zed");
	assert_ok(um_view_fetch(v));
	assert_true(um_view_marked(v, 0));   /* Bert */
	assert_true(um_view_marked(v, 1));   /* mia */
	assert_false(um_view_marked(v, 2));  /* user000001 */
	assert_true(um_view_marked(v, 11));  /* user000010 */
	assert_ok(um_view_find_name(v, "zed", &row, &found));
	assert_true(um_view_marked(v, row));
	assert_ok(um_view_mark_group(v, "Vertrieb", false));
	assert_false(um_view_marked(v, row));
	/* as NT's Deselect: every member, whichever group marked it */
	assert_false(um_view_marked(v, 1));  /* mia */
	assert_true(um_view_marked(v, 0));   /* Bert: Einkauf only */
	/* a local group: its users, not its groups or other domains' */
	assert_ok(um_view_mark_group(v, "Alle", true));
	names = um_view_marked_names(v, &n);
	assert_int_equal(n, 2);
	assert_string_equal(names[0], "Bert");
	assert_string_equal(names[1], "zed");
	assert_status(um_view_mark_group(v, "Nichtda", true), UM_KIND_NT,
		      0xC0000066u /* NT_STATUS_NO_SUCH_GROUP */);
	unit_world_close(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_paged_by_name),
		cmocka_unit_test(test_full_name),
		cmocka_unit_test(test_groups_sorted),
		cmocka_unit_test(test_find_prefix),
		cmocka_unit_test(test_find_name),
		cmocka_unit_test(test_marks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
