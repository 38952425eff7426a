/*
 * usrmgr - the main window's lists in the View menu's order (views.h).
 *
 * Rows are kept as read, in the server's order.  While that order is
 * the sort's (by name: the simulated PDCs and Windows give it), rows are
 * shown as they come, a page at a time: the first screen of 100,000
 * users waits for one page.  Otherwise (by full name, or a Samba PDC's
 * database order) every row is read once and an index sorted over them;
 * switching the sort later re-sorts what was read, without the server.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "views.h"
#include "accounts.h"
#include "i18n.h"
#include "pdc_run.h"

struct view_row {
	const char *name;
	const char *full_name;
	const char *description;
};

struct um_view {
	struct um_pdc *pdc;
	enum um_view_kind kind;
	enum um_sort sort;
	TALLOC_CTX *mem;          /* the rows and their strings */
	struct view_row *rows;    /* as read */
	size_t n, cap;
	struct um_page page;
	bool started;             /* a page was read: PAGE says what is left */
	bool in_order;            /* the rows as read are in name order */
	size_t *order;            /* shown row -> row, over all N rows */
	enum um_sort order_sort;  /* the sort ORDER was made for */
	char **marks;             /* Select Users: names, sorted */
	size_t n_marks;
};

/* ---- order ---------------------------------------------------------- */

static int name_cmp(const char *a, const char *b)
{
	int c = strcasecmp(a, b);

	return c != 0 ? c : strcmp(a, b);
}

static bool by_full_name(const struct um_view *v, enum um_sort sort)
{
	return v->kind == UM_VIEW_USERS && sort == UM_SORT_FULL_NAME;
}

static const char *sort_key(const struct um_view *v,
			    const struct view_row *r)
{
	return by_full_name(v, v->sort) ? r->full_name : r->name;
}

static int row_cmp_name(const void *a, const void *b)
{
	const struct view_row *const *x = a, *const *y = b;

	return name_cmp((*x)->name, (*y)->name);
}

static int row_cmp_full_name(const void *a, const void *b)
{
	const struct view_row *const *x = a, *const *y = b;
	int c = name_cmp((*x)->full_name, (*y)->full_name);

	return c != 0 ? c : row_cmp_name(a, b);
}

static bool complete(const struct um_view *v)
{
	return v->started && !v->page.more;
}

/* Rows are shown in the server's order, as they come. */
static bool paged(const struct um_view *v)
{
	return !by_full_name(v, v->sort) && v->in_order;
}

static bool order_ready(const struct um_view *v)
{
	return v->order != NULL && v->order_sort == v->sort &&
	       talloc_array_length(v->order) == v->n;
}

static bool shown(const struct um_view *v)
{
	return paged(v) || order_ready(v);
}

static const struct view_row *row_at(const struct um_view *v, size_t row)
{
	if (row >= um_view_count(v)) {
		return NULL;
	}
	return &v->rows[order_ready(v) && !paged(v) ? v->order[row] : row];
}

/* The index of every row in the view's sort, once all are read. */
static struct um_status build_order(struct um_view *v)
{
	const struct view_row **p = talloc_array(v, const struct view_row *,
						 v->n);
	size_t i;

	TALLOC_FREE(v->order);
	v->order = talloc_array(v, size_t, v->n);
	if (p == NULL || v->order == NULL) {
		talloc_free(p);
		TALLOC_FREE(v->order);
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	for (i = 0; i < v->n; i++) {
		p[i] = &v->rows[i];
	}
	qsort(p, v->n, sizeof(*p), by_full_name(v, v->sort)
					? row_cmp_full_name : row_cmp_name);
	for (i = 0; i < v->n; i++) {
		v->order[i] = (size_t)(p[i] - v->rows);
	}
	v->order_sort = v->sort;
	talloc_free(p);
	return um_ok();
}

/* ---- reading -------------------------------------------------------- */

static const char *text_or_empty(const char *s)
{
	return s != NULL ? s : "";
}

static bool grow(struct um_view *v, size_t more)
{
	struct view_row *r;
	size_t cap;

	if (v->n + more <= v->cap) {
		return true;
	}
	cap = (v->n + more) * 2;
	r = talloc_realloc(v->mem, v->rows, struct view_row, cap);
	if (r == NULL) {
		return false;
	}
	v->rows = r;
	v->cap = cap;
	return true;
}

/* Append one row; its strings stay where the page put them (on V). */
static void append(struct um_view *v, const char *name, const char *full,
		   const char *desc)
{
	struct view_row *r = &v->rows[v->n];

	r->name = text_or_empty(name);
	r->full_name = text_or_empty(full);
	r->description = text_or_empty(desc);
	if (v->n > 0 && name_cmp(v->rows[v->n - 1].name, r->name) > 0) {
		v->in_order = false;
	}
	v->n++;
}

static struct um_status read_page(struct um_view *v)
{
	TALLOC_CTX *page_mem = talloc_new(v->mem);
	struct um_user *u = NULL;
	struct um_group *g = NULL;
	struct um_page page = v->page;
	size_t n = 0, i;
	struct um_status st;

	if (page_mem == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	st = v->kind == UM_VIEW_USERS
		? um_users_page(v->pdc, page_mem, &page, &u, &n)
		: um_groups_page(v->pdc, page_mem, &page, &g, &n);
	if (um_is_ok(st) && !grow(v, n)) {
		st = um_local(UM_LOCAL_NO_MEMORY);
	}
	if (!um_is_ok(st)) {
		talloc_free(page_mem);
		return st;
	}
	for (i = 0; i < n; i++) {
		if (u != NULL) {
			append(v, u[i].name, u[i].full_name, u[i].description);
		} else {
			append(v, g[i].name, NULL, g[i].description);
		}
	}
	v->page = page;
	/* an empty page ends the list, whatever it says */
	v->page.more = page.more && n > 0;
	v->started = true;
	return um_ok();
}

/* Every page that is left, under one notice. */
static struct um_status read_rest(struct um_view *v)
{
	struct um_status st = um_ok();

	um_pdc_busy_begin(v->pdc, v->kind == UM_VIEW_USERS
			  ? _("Reading all user accounts to sort them...")
			  : _("Reading all groups to sort them..."));
	while (!complete(v) && um_is_ok(st)) {
		st = read_page(v);
	}
	um_pdc_busy_end(v->pdc);
	return st;
}

struct um_status um_view_fetch(struct um_view *v)
{
	struct um_status st;

	if (shown(v) && complete(v)) {
		return um_ok();
	}
	if (paged(v)) {
		st = read_page(v);
		if (!um_is_ok(st) || paged(v)) {
			return st;
		}
		/* a row out of order: this server's order is not ours */
	}
	st = complete(v) ? um_ok() : read_rest(v);
	if (um_is_ok(st) && !order_ready(v)) {
		st = build_order(v);
	}
	return st;
}

/* ---- the view --------------------------------------------------------- */

struct um_view *um_view_new(TALLOC_CTX *mem, struct um_pdc *p,
			    enum um_view_kind kind, enum um_sort sort)
{
	struct um_view *v = talloc_zero(mem, struct um_view);

	if (v == NULL) {
		return NULL;
	}
	v->pdc = p;
	v->kind = kind;
	v->sort = kind == UM_VIEW_USERS ? sort : UM_SORT_USERNAME;
	um_view_reload(v);
	if (v->mem == NULL) {
		talloc_free(v);
		return NULL;
	}
	return v;
}

void um_view_reload(struct um_view *v)
{
	TALLOC_FREE(v->mem);
	TALLOC_FREE(v->order);
	v->mem = talloc_new(v);
	v->rows = NULL;
	v->n = v->cap = 0;
	v->page = (struct um_page){ 0 };
	v->started = false;
	v->in_order = true;
}

enum um_sort um_view_sort(const struct um_view *v)
{
	return v->sort;
}

void um_view_set_sort(struct um_view *v, enum um_sort sort)
{
	if (v->kind != UM_VIEW_USERS || v->sort == sort) {
		return;
	}
	v->sort = sort;
	/* everything read: the new order costs a sort, not the server */
	if (complete(v) && !paged(v)) {
		build_order(v);
	}
}

size_t um_view_count(const struct um_view *v)
{
	return shown(v) ? v->n : 0;
}

bool um_view_more(const struct um_view *v)
{
	return !complete(v) || !shown(v);
}

const char *um_view_cell(const struct um_view *v, size_t row,
			 enum um_view_col col)
{
	const struct view_row *r = row_at(v, row);

	if (r == NULL) {
		return NULL;
	}
	switch (col) {
	case UM_COL_NAME:
		return r->name;
	case UM_COL_FULL_NAME:
		return r->full_name;
	case UM_COL_DESCRIPTION:
		return r->description;
	}
	return NULL;
}

/* ---- finding ---------------------------------------------------------- */

/* The first shown row whose key (sort key, or name when NAME) is not
 * before WANT, case ignored: keys are sorted, so a binary search. */
static size_t lower_bound(const struct um_view *v, const char *want,
			  bool name)
{
	size_t lo = 0, hi = um_view_count(v);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct view_row *r = row_at(v, mid);
		const char *k = name ? r->name : sort_key(v, r);

		if (strcasecmp(k, want) < 0) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return lo;
}

/* Rows shown are sorted by the sort key; read on until one is at or
 * after WANT (or there are no more): then the answer is among them. */
static struct um_status read_past(struct um_view *v, const char *want,
				  bool name, size_t *at)
{
	struct um_status st = um_ok();

	for (;;) {
		*at = lower_bound(v, want, name);
		if (*at < um_view_count(v) || !um_view_more(v)) {
			return um_ok();
		}
		st = um_view_fetch(v);
		if (!um_is_ok(st)) {
			return st;
		}
	}
}

struct um_status um_view_find_prefix(struct um_view *v, const char *prefix,
				     size_t *row, bool *found)
{
	size_t at;
	struct um_status st = read_past(v, prefix, false, &at);

	*found = false;
	if (!um_is_ok(st) || prefix[0] == '\0') {
		return st;
	}
	if (at < um_view_count(v) &&
	    strncasecmp(sort_key(v, row_at(v, at)), prefix,
			strlen(prefix)) == 0) {
		*row = at;
		*found = true;
	}
	return st;
}

struct um_status um_view_find_name(struct um_view *v, const char *name,
				   size_t *row, bool *found)
{
	size_t at, i;
	struct um_status st;

	*found = false;
	if (!by_full_name(v, v->sort)) {
		st = read_past(v, name, true, &at);
		if (um_is_ok(st) && at < um_view_count(v) &&
		    strcasecmp(row_at(v, at)->name, name) == 0) {
			*row = at;
			*found = true;
		}
		return st;
	}
	/* by full name: every row is read before any is shown */
	st = um_view_count(v) == 0 && um_view_more(v) ? um_view_fetch(v)
						      : um_ok();
	for (i = 0; um_is_ok(st) && i < um_view_count(v); i++) {
		if (strcasecmp(row_at(v, i)->name, name) == 0) {
			*row = i;
			*found = true;
			break;
		}
	}
	return st;
}

/* ---- Select Users --------------------------------------------------- */

static int mark_cmp(const void *a, const void *b)
{
	const char *const *x = a, *const *y = b;

	return strcasecmp(*x, *y);
}

static bool is_marked(const struct um_view *v, const char *name)
{
	return v->n_marks > 0 &&
	       bsearch(&name, v->marks, v->n_marks, sizeof(*v->marks),
		       mark_cmp) != NULL;
}

/* Sorted names without repeats: a group names a member once, but two
 * groups may name the same user. */
static size_t sort_unique(char **names, size_t n)
{
	size_t i, kept = 0;

	qsort(names, n, sizeof(*names), mark_cmp);
	for (i = 0; i < n; i++) {
		if (kept == 0 || strcasecmp(names[kept - 1], names[i]) != 0) {
			names[kept++] = names[i];
		}
	}
	return kept;
}

/* The domain's group names, sorted: a local group's members may be
 * global groups, which are no users to mark. */
static struct um_status group_names(struct um_view *v, TALLOC_CTX *mem,
				    char ***out, size_t *n_out)
{
	struct um_page page = { 0 };
	char **names = NULL;
	size_t n = 0, i;
	struct um_status st;

	do {
		struct um_group *g = NULL;
		size_t got = 0;

		st = um_groups_page(v->pdc, mem, &page, &g, &got);
		names = um_is_ok(st) ? talloc_realloc(mem, names, char *,
						      n + got + 1)
				     : names;
		if (um_is_ok(st) && names == NULL) {
			st = um_local(UM_LOCAL_NO_MEMORY);
		}
		for (i = 0; um_is_ok(st) && i < got; i++) {
			names[n++] = g[i].name;
		}
		page.more = page.more && got > 0;
	} while (um_is_ok(st) && page.more);
	*n_out = um_is_ok(st) ? sort_unique(names, n) : 0;
	*out = names;
	return st;
}

/* The marks, with G's members added (SELECT) or taken away; GROUPS (N_
 * GROUPS of them) are names that are not users. */
static struct um_status remark(struct um_view *v,
			       const struct um_group_info *g, bool select,
			       char **groups, size_t n_groups)
{
	char **next = talloc_array(v, char *, v->n_marks + g->n_members);
	char **members = talloc_array(next, char *, g->n_members);
	size_t n = 0, m = 0, i;

	if (next == NULL || members == NULL) {
		talloc_free(next);
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	for (i = 0; i < g->n_members; i++) {
		/* a local group's DOMAIN\name is no user of this list */
		if (strchr(g->members[i], '\\') == NULL &&
		    (n_groups == 0 ||
		     bsearch(&g->members[i], groups, n_groups,
			     sizeof(*groups), mark_cmp) == NULL)) {
			members[m] = talloc_strdup(next, g->members[i]);
			if (members[m++] == NULL) {
				talloc_free(next);
				return um_local(UM_LOCAL_NO_MEMORY);
			}
		}
	}
	m = sort_unique(members, m);
	for (i = 0; i < v->n_marks; i++) {
		if (select || bsearch(&v->marks[i], members, m,
				      sizeof(*members), mark_cmp) == NULL) {
			next[n++] = talloc_steal(next, v->marks[i]);
		}
	}
	for (i = 0; select && i < m; i++) {
		next[n++] = members[i];
	}
	talloc_free(members);
	talloc_free(v->marks);
	v->marks = next;
	v->n_marks = sort_unique(next, n);
	return um_ok();
}

struct um_status um_view_mark_group(struct um_view *v, const char *group,
				    bool select)
{
	TALLOC_CTX *tmp = talloc_new(v);
	struct um_group_info *g = NULL;
	char **groups = NULL;
	size_t n_groups = 0;
	struct um_status st = tmp != NULL
		? um_group_query(v->pdc, group, tmp, &g)
		: um_local(UM_LOCAL_NO_MEMORY);

	if (um_is_ok(st) && g->local) {
		st = group_names(v, tmp, &groups, &n_groups);
	}
	if (um_is_ok(st)) {
		st = remark(v, g, select, groups, n_groups);
	}
	talloc_free(tmp);
	return st;
}

bool um_view_marked(const struct um_view *v, size_t row)
{
	const struct view_row *r = row_at(v, row);

	return r != NULL && is_marked(v, r->name);
}

const char *const *um_view_marked_names(const struct um_view *v, size_t *n)
{
	*n = v->n_marks;
	return (const char *const *)v->marks;
}
