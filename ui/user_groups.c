/*
 * usrmgr - User Properties > Groups: NT 4.0's Group Memberships dialog.
 * "Member of:" and "Not member of:" list the domain's groups, global and
 * local; <- Add and Remove -> move the selected one across; Set makes
 * the selected group of "Member of:" the primary group, shown on the
 * "Primary Group:" line.  The engine decides what is allowed: only a
 * global group the user is a member of can be primary, and the primary
 * group cannot be removed (um_user_primary_check,
 * um_user_group_remove_check).  A server that never changes a primary
 * group (um_user_primary_changeable) has Set greyed, the reason in the
 * status line.  It edits the pending change of the dialog below it;
 * nothing reaches the PDC from here.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>
#include "ui_priv.h"

enum {
	ID_IN = 1, ID_OUT, ID_ADD, ID_REMOVE, ID_SET, ID_OK, ID_CANCEL,
};

#define LIST_H 10
#define LIST_W 28

struct groups_dialog {
	struct um_pdc *pdc;
	struct um_account *a;
	TALLOC_CTX *mem;
	char **all;        /* the domain's groups, and any other of A's */
	size_t n_all;
	bool *member;      /* per group of ALL */
	char *primary;
	size_t *in, *out;  /* rows of each list: indexes into ALL */
	struct ui_list in_l, out_l;
	char *primary_line;
	struct um_status primary_fixed; /* OK: Set can change it */
};

static const char *group_cell(struct ui_list *l, size_t row, int col)
{
	struct groups_dialog *g = l->priv;
	size_t *rows = l == &g->in_l ? g->in : g->out;

	(void)col;
	return row < l->n ? g->all[rows[row]] : NULL;
}

/* The two lists' rows, after a move. */
static void rows_update(struct groups_dialog *g)
{
	size_t i, n_in = 0, n_out = 0;

	for (i = 0; i < g->n_all; i++) {
		if (g->member[i])
			g->in[n_in++] = i;
		else
			g->out[n_out++] = i;
	}
	ui_list_set(&g->in_l, n_in, false);
	ui_list_set(&g->out_l, n_out, false);
	talloc_free(g->primary_line);
	g->primary_line = talloc_asprintf(
		g->mem, _("Primary Group: %s"),
		g->primary != NULL ? g->primary : _("(none)"));
}

static ssize_t find(const struct groups_dialog *g, const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < g->n_all; i++)
		if (strcasecmp(g->all[i], name) == 0)
			return (ssize_t)i;
	return -1;
}

static bool add_name(struct groups_dialog *g, const char *name)
{
	char **all;

	if (find(g, name) >= 0)
		return true;
	all = talloc_realloc(g->mem, g->all, char *, g->n_all + 1);
	if (all == NULL)
		return false;
	g->all = all;
	g->all[g->n_all] = talloc_strdup(g->all, name);
	return g->all[g->n_all++] != NULL;
}

/* Every page of the domain's groups, then A's own (a group of A's not
 * listed still shows where it is). */
static struct um_status load(struct groups_dialog *g)
{
	struct um_page page = { 0 };
	struct um_status st = um_ok();
	size_t i;

	do {
		struct um_group *pg;
		size_t n;

		st = um_groups_page(g->pdc, g->mem, &page, &pg, &n);
		for (i = 0; um_is_ok(st) && i < n; i++)
			if (!add_name(g, pg[i].name))
				st = um_local(UM_LOCAL_NO_MEMORY);
	} while (um_is_ok(st) && page.more);
	for (i = 0; um_is_ok(st) && i < g->a->n_groups; i++)
		if (!add_name(g, g->a->groups[i]))
			st = um_local(UM_LOCAL_NO_MEMORY);
	if (!um_is_ok(st))
		return st;
	g->member = talloc_zero_array(g->mem, bool, g->n_all + 1);
	g->in = talloc_zero_array(g->mem, size_t, g->n_all + 1);
	g->out = talloc_zero_array(g->mem, size_t, g->n_all + 1);
	if (g->member == NULL || g->in == NULL || g->out == NULL)
		return um_local(UM_LOCAL_NO_MEMORY);
	for (i = 0; i < g->a->n_groups; i++)
		g->member[find(g, g->a->groups[i])] = true;
	g->primary = talloc_strdup(g->mem, g->a->primary_group);
	return um_ok();
}

/* The dialog's state as an account, for the engine's rules. */
static struct um_account as_account(struct groups_dialog *g)
{
	struct um_account tmp = { .name = g->a->name,
				  .primary_group = g->primary };
	size_t i;

	tmp.groups = talloc_array(g->mem, char *, g->in_l.n + 1);
	for (i = 0; tmp.groups != NULL && i < g->in_l.n; i++)
		tmp.groups[tmp.n_groups++] = g->all[g->in[i]];
	return tmp;
}

static void refused(struct um_status st)
{
	ui_message(UI_MSG_ERROR, um_status_message(st));
}

static void move_selected(struct groups_dialog *g, bool add)
{
	struct ui_list *l = add ? &g->out_l : &g->in_l;
	size_t k;
	struct um_account tmp;
	struct um_status st;

	if (l->n == 0)
		return;
	k = (add ? g->out : g->in)[l->sel];
	if (!add) {
		tmp = as_account(g);
		st = um_user_group_remove_check(&tmp, g->all[k]);
		talloc_free(tmp.groups);
		if (!um_is_ok(st)) {
			refused(st);
			return;
		}
	}
	g->member[k] = add;
	rows_update(g);
}

/* Set: the engine needs to know whether the group is local; only the
 * group chosen is asked for (its members may be many). */
static void set_primary(struct groups_dialog *g)
{
	TALLOC_CTX *t = talloc_new(NULL);
	struct um_group_info *info;
	struct um_account tmp;
	struct um_status st;
	const char *name;

	if (g->in_l.n == 0 || !um_is_ok(g->primary_fixed)) {
		talloc_free(t);
		return;
	}
	name = g->all[g->in[g->in_l.sel]];
	st = um_group_query(g->pdc, name, t, &info);
	if (um_is_ok(st)) {
		tmp = as_account(g);
		st = um_user_primary_check(&tmp, name, info->local);
		talloc_free(tmp.groups);
	}
	if (um_is_ok(st)) {
		g->primary = talloc_strdup(g->mem, name);
		rows_update(g);
	} else if (um_status_is(st, UM_KIND_LOCAL,
				UM_LOCAL_PRIMARY_NOT_MEMBER) ||
		   um_status_is(st, UM_KIND_LOCAL,
				UM_LOCAL_PRIMARY_NOT_GLOBAL)) {
		refused(st);
	} else {
		ui_message_status(NULL, st);
	}
	talloc_free(t);
}

static bool same_groups(const struct groups_dialog *g)
{
	size_t i;

	if (g->in_l.n != g->a->n_groups)
		return false;
	for (i = 0; i < g->a->n_groups; i++)
		if (!g->member[find(g, g->a->groups[i])])
			return false;
	return strcasecmp(g->primary ? g->primary : "",
			  g->a->primary_group ? g->a->primary_group : "")
	       == 0;
}

static int groups_ok(struct groups_dialog *g)
{
	struct um_account *a = g->a;
	size_t i;

	if (same_groups(g))
		return ID_OK;
	a->groups = talloc_array(a, char *, g->in_l.n + 1);
	if (a->groups == NULL)
		return ID_CANCEL;
	for (i = 0; i < g->in_l.n; i++)
		a->groups[i] = talloc_strdup(a->groups, g->all[g->in[i]]);
	a->n_groups = g->in_l.n;
	a->primary_group = g->primary != NULL
		? talloc_strdup(a, g->primary) : NULL;
	a->fields |= UM_FIELD_GROUPS;
	return ID_OK;
}

static int groups_event(struct ui_dialog *d, int id, int key)
{
	struct groups_dialog *g = d->priv;

	if (key == UI_EV_SELECT || key == UI_ENTER)
		return UI_DLG_CONTINUE;
	switch (id) {
	case ID_ADD:
	case ID_REMOVE:
		move_selected(g, id == ID_ADD);
		return UI_DLG_CONTINUE;
	case ID_SET:
		set_primary(g);
		return UI_DLG_CONTINUE;
	case ID_OK:
		return groups_ok(g);
	case ID_CANCEL:
		return ID_CANCEL;
	default:
		return UI_DLG_CONTINUE;
	}
}

static void groups_paint(struct ui_dialog *d)
{
	struct groups_dialog *g = d->priv;
	const struct ui_ctl *set = ui_dialog_ctl(d, ID_SET);
	int y = set->y, x = set->x + set->w + 2;

	ui_fill(d->win, y, x, d->w - x - 2, ui_attr(UI_R_DIALOG));
	ui_text_line(d->win, y, x, d->w - x - 2, g->primary_line,
		     ui_attr(UI_R_DIALOG));
}

static void layout(struct ui_dialog *d, struct groups_dialog *g)
{
	int out_x = 2 + LIST_W + 16;

	ui_dialog_label(d, 1, 2, ui_user_caption(g->mem, g->a));
	ui_dialog_label(d, 3, 2, _("&Member of:"));
	ui_dialog_list(d, ID_IN, 4, 2, LIST_H, LIST_W, &g->in_l);
	ui_dialog_button_w(d, ID_ADD, 6, 2 + LIST_W + 2, _("<- &Add"), 12);
	ui_dialog_button_w(d, ID_REMOVE, 8, 2 + LIST_W + 2, _("&Remove ->"),
			   12);
	ui_dialog_button_column(d, 2 + LIST_W + 2);
	ui_dialog_label(d, 3, out_x, _("&Not member of:"));
	ui_dialog_list(d, ID_OUT, 4, out_x, LIST_H, LIST_W, &g->out_l);
	ui_dialog_button_w(d, ID_SET, 5 + LIST_H, 2, _("&Set"), 10);
	ui_dialog_button_w(d, ID_OK, 7 + LIST_H, 14, _("OK"), 12);
	ui_dialog_button_w(d, ID_CANCEL, 7 + LIST_H, 28, _("Cancel"), 12);
	ui_dialog_button_w(d, UI_ID_HELP, 7 + LIST_H, 42, _("&Help"), 12);
}

/* Set greyed, and why in the status line while the dialog is up. */
static void primary_fixed(struct ui_dialog *d, struct groups_dialog *g)
{
	g->primary_fixed = um_user_primary_changeable(g->pdc);
	if (um_is_ok(g->primary_fixed))
		return;
	ui_dialog_ctl(d, ID_SET)->disabled = true;
	snprintf(ui.note, sizeof(ui.note), "%s",
		 _("Set is unavailable: this PDC does not change primary "
		   "groups."));
	ui_repaint_all();
}

bool ui_user_groups(struct um_pdc *p, struct um_account *a)
{
	struct groups_dialog g = { .pdc = p, .a = a };
	struct ui_dialog d;
	struct um_status st;
	int r = ID_CANCEL;

	g.mem = talloc_new(NULL);
	g.in_l = (struct ui_list){ .ncols = 1, .cell = group_cell,
				   .priv = &g };
	g.out_l = g.in_l;
	st = load(&g);
	if (!um_is_ok(st)) {
		ui_message_status(_("The groups could not be read."), st);
		talloc_free(g.mem);
		return false;
	}
	rows_update(&g);
	ui_dialog_init(&d, _("Group Memberships"), 9 + LIST_H, 76,
		       UI_HELP_USER_GROUPS);
	ui_dialog_handle(&d, groups_event, groups_paint, &g, ID_OK,
			 ID_CANCEL);
	layout(&d, &g);
	primary_fixed(&d, &g);
	r = ui_dialog_run(&d);
	ui_dialog_free(&d);
	if (!um_is_ok(g.primary_fixed)) {
		ui.note[0] = '\0';
		ui_repaint_all();
	}
	talloc_free(g.mem);
	return r == ID_OK;
}
