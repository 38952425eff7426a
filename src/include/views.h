/*
 * usrmgr - the main window's lists as the View menu orders them: the
 * domain's users (by Username or by Full Name) and its groups (by
 * name), read a page at a time, with type-to-jump and the marks of
 * User -> Select Users.
 *
 * The screen asks for rows, a page more, a jump or a mark; the order,
 * the paging and the reading of everything a sort needs are decided
 * here.  SAMR's display information is name-sorted by MS-SAMR, but
 * Samba answers QueryDisplayInfo in its database's order: a list stays
 * paged while its pages come in order, and is read whole and sorted
 * (once, kept) from the first entry out of order on.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifndef USRMGR_VIEWS_H
#define USRMGR_VIEWS_H

#include <stdbool.h>
#include <stddef.h>
#include <talloc.h>
#include "model.h"

enum um_view_kind {
	UM_VIEW_USERS,
	UM_VIEW_GROUPS,
};

/* View -> Sort by Username / Sort by Full Name (groups: by name). */
enum um_sort {
	UM_SORT_USERNAME,
	UM_SORT_FULL_NAME,
};

/* A row's columns: users have all three, groups no full name. */
enum um_view_col {
	UM_COL_NAME,
	UM_COL_FULL_NAME,
	UM_COL_DESCRIPTION,
};

struct um_view;

/* P's users or groups in order SORT; nothing is read yet. */
struct um_view *um_view_new(TALLOC_CTX *mem, struct um_pdc *p,
			    enum um_view_kind kind, enum um_sort sort);
enum um_sort um_view_sort(const struct um_view *v);
/* Another order: at once from what was read when that is everything
 * (or the order is the server's), else at the next um_view_fetch(). */
void um_view_set_sort(struct um_view *v, enum um_sort sort);
/* Forget what was read (Refresh); the order and the marks stay. */
void um_view_reload(struct um_view *v);

/* The rows that can be shown now, and whether more can be read. */
size_t um_view_count(const struct um_view *v);
bool um_view_more(const struct um_view *v);
/* Read on: the next page; for an order the server does not give, every
 * page that is left (under one busy notice; Esc cancels, and what was
 * read is kept for the next try). */
struct um_status um_view_fetch(struct um_view *v);
/* Row ROW's column COL ("" when it has none); NULL past the end. */
const char *um_view_cell(const struct um_view *v, size_t row,
			 enum um_view_col col);

/* Typing a name: the first row whose sort column (the full name when
 * sorted by full name, else the name) starts with PREFIX, case ignored;
 * pages are read as far as needed.  *FOUND false (and *ROW untouched)
 * when there is none. */
struct um_status um_view_find_prefix(struct um_view *v, const char *prefix,
				     size_t *row, bool *found);
/* The row of the account called NAME (case ignored), reading as far as
 * needed: where Refresh puts the selection back. */
struct um_status um_view_find_name(struct um_view *v, const char *name,
				   size_t *row, bool *found);

/* User -> Select Users: mark (SELECT) or unmark every user who is a
 * member of GROUP; members not read yet are marked when they come. */
struct um_status um_view_mark_group(struct um_view *v, const char *group,
				    bool select);
bool um_view_marked(const struct um_view *v, size_t row);
/* The marked names, sorted (case ignored); valid until the next mark. */
const char *const *um_view_marked_names(const struct um_view *v, size_t *n);

#endif
