/*
 * usrmgr - the group dialogs, as NT 4.0's User Manager for Domains has
 * them: New Global Group (Group Name, Description, Members and Not
 * Members with Add and Remove between them), New Local Group (Group
 * Name, Description, Members with Add... and Remove), the same dialogs
 * as a group's Properties, and Delete with NT's warning.  Nothing
 * reaches the PDC before OK; then the engine creates the group, sets
 * its description and adds and removes each member.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <strings.h>
#include "ui_priv.h"

enum {
	ID_OK = 1, ID_CANCEL, ID_NAME, ID_DESC, ID_MEMBERS, ID_OTHERS,
	ID_ADD, ID_REMOVE,
};

#define BTN_W 12

/* A list of names, kept in order, case-blind as NT's. */
struct names {
	char **v;
	size_t n;
};

struct group_dlg {
	struct um_pdc *pdc;
	TALLOC_CTX *mem;
	bool local, is_new;
	const char *name;          /* Properties: the group's */
	const char *orig_desc;
	struct names members;      /* as OK will leave them */
	struct names orig;         /* as the PDC holds them */
	struct names others;       /* global: the users not members */
	struct ui_list ml, ol;
	bool enter_moved;          /* Enter in a list moved: OK not meant */
	bool changed;
};

/* ---- lists of names ------------------------------------------------------ */

static bool names_has(const struct names *l, const char *name, size_t *at)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		if (strcasecmp(l->v[i], name) == 0) {
			if (at != NULL)
				*at = i;
			return true;
		}
	}
	return false;
}

/* NAME into L in alphabetical place (once). */
static void names_put(TALLOC_CTX *mem, struct names *l, const char *name)
{
	char **v;
	size_t i;

	if (names_has(l, name, NULL))
		return;
	v = talloc_realloc(mem, l->v, char *, l->n + 1);
	if (v == NULL)
		return;
	l->v = v;
	for (i = l->n; i > 0 && strcasecmp(v[i - 1], name) > 0; i--)
		v[i] = v[i - 1];
	v[i] = talloc_strdup(v, name);
	l->n++;
}

static void names_drop(struct names *l, size_t at)
{
	memmove(&l->v[at], &l->v[at + 1], (l->n - at - 1) * sizeof(char *));
	l->n--;
}

static const char *members_cell(struct ui_list *l, size_t row, int col)
{
	struct group_dlg *g = l->priv;

	(void)col;
	return g->members.v[row];
}

static const char *others_cell(struct ui_list *l, size_t row, int col)
{
	struct group_dlg *g = l->priv;

	(void)col;
	return g->others.v[row];
}

static void lists_set(struct group_dlg *g)
{
	ui_list_set(&g->ml, g->members.n, false);
	ui_list_set(&g->ol, g->others.n, false);
}

/* ---- reading ------------------------------------------------------------- */

/* A global group's Not Members: the domain's users, every page. */
static struct um_status load_users(struct group_dlg *g)
{
	struct um_page page = { 0 };
	struct um_status st;

	do {
		struct um_user *u = NULL;
		size_t n = 0, i;

		st = um_users_page(g->pdc, g->mem, &page, &u, &n);
		for (i = 0; um_is_ok(st) && i < n; i++)
			if (!names_has(&g->members, u[i].name, NULL))
				names_put(g->mem, &g->others, u[i].name);
		if (n == 0)
			break;
	} while (um_is_ok(st) && page.more);
	return st;
}

/* Properties: the group as the PDC holds it. */
static struct um_status load_group(struct group_dlg *g)
{
	struct um_group_info *info = NULL;
	struct um_status st = um_group_query(g->pdc, g->name, g->mem, &info);
	size_t i;

	if (!um_is_ok(st))
		return st;
	g->name = info->name;
	g->local = info->local;
	g->orig_desc = info->description;
	for (i = 0; i < info->n_members; i++) {
		names_put(g->mem, &g->members, info->members[i]);
		names_put(g->mem, &g->orig, info->members[i]);
	}
	return um_ok();
}

/* ---- Add, Remove --------------------------------------------------------- */

/* Global group: the selected name from one list to the other. */
static void move_selected(struct ui_dialog *d, struct group_dlg *g,
			  bool add)
{
	struct names *from = add ? &g->others : &g->members;
	struct names *to = add ? &g->members : &g->others;
	struct ui_list *l = add ? &g->ol : &g->ml;
	char *name;

	if (from->n == 0)
		return;
	name = talloc_strdup(g->mem, from->v[l->sel]);
	names_drop(from, l->sel);
	names_put(g->mem, to, name);
	lists_set(g);
	if (from->n == 0)
		ui_dialog_focus(d, add ? ID_MEMBERS : ID_OTHERS);
}

/* Local group: Add... is Add Users and Groups (users and global groups
 * of this domain and of the domains it trusts). */
static void add_names(struct ui_dialog *d, struct group_dlg *g)
{
	char **names = NULL;
	size_t n = 0, i;

	if (!ui_add_names(g->pdc, _("Add Users and Groups"), true, g->mem,
			  &names, &n))
		return;
	for (i = 0; i < n; i++)
		names_put(g->mem, &g->members, names[i]);
	lists_set(g);
	/* the new members in view; Enter there is OK */
	ui_dialog_focus(d, ID_MEMBERS);
}

static void remove_member(struct ui_dialog *d, struct group_dlg *g)
{
	if (g->members.n == 0)
		return;
	names_drop(&g->members, g->ml.sel);
	lists_set(g);
	if (g->members.n == 0)
		ui_dialog_focus(d, ID_DESC);
}

static void buttons_enable(struct ui_dialog *d, struct group_dlg *g)
{
	struct ui_ctl *add = ui_dialog_ctl(d, ID_ADD);

	ui_dialog_ctl(d, ID_REMOVE)->disabled = g->members.n == 0;
	if (!g->local)
		add->disabled = g->others.n == 0;
}

/* ---- OK ------------------------------------------------------------------ */

/* One member change; a refusal is told with the member's name. */
static bool member_change(struct group_dlg *g, const char *name,
			  const char *member, bool add)
{
	struct um_status st = add ? um_group_add_member(g->pdc, name, member)
				  : um_group_remove_member(g->pdc, name,
							   member);
	char *intro;

	if (um_is_ok(st))
		return true;
	intro = talloc_asprintf(g->mem, add ? _("%s could not be added to "
						"%s.")
					    : _("%s could not be removed "
						"from %s."),
				member, name);
	ui_message_status(intro, st);
	return false;
}

/* The members as the dialog leaves them: removals, then additions. */
static void apply_members(struct group_dlg *g, const char *name)
{
	size_t i;

	for (i = 0; i < g->orig.n; i++)
		if (!names_has(&g->members, g->orig.v[i], NULL) &&
		    !member_change(g, name, g->orig.v[i], false))
			return;
	for (i = 0; i < g->members.n; i++)
		if (!names_has(&g->orig, g->members.v[i], NULL) &&
		    !member_change(g, name, g->members.v[i], true))
			return;
}

static int group_ok(struct ui_dialog *d)
{
	struct group_dlg *g = d->priv;
	struct um_group_info info = { .local = g->local };
	struct ui_ctl *nc = ui_dialog_ctl(d, ID_NAME);
	struct um_status st;

	if (g->enter_moved) {
		g->enter_moved = false;
		return UI_DLG_CONTINUE;
	}
	info.name = nc != NULL ? ui_field_text(d, nc, g->mem)
			       : (char *)g->name;
	info.description = ui_field_text(d, ui_dialog_ctl(d, ID_DESC),
					 g->mem);
	if (g->is_new)
		st = um_group_add(g->pdc, &info);
	else if (strcmp(info.description, g->orig_desc) != 0)
		st = um_group_set(g->pdc, &info);
	else
		st = um_ok();
	if (!um_is_ok(st)) {
		ui_message_status(NULL, st);
		ui_dialog_focus(d, g->is_new ? ID_NAME : ID_DESC);
		return UI_DLG_CONTINUE;
	}
	/* the group is there now: whatever a member's answer, the
	 * domain's list changed */
	g->changed = true;
	apply_members(g, info.name);
	return ID_OK;
}

static int group_event(struct ui_dialog *d, int id, int key)
{
	struct group_dlg *g = d->priv;

	switch (id) {
	case ID_ADD:
		if (g->local)
			add_names(d, g);
		else
			move_selected(d, g, true);
		break;
	case ID_REMOVE:
		if (g->local)
			remove_member(d, g);
		else
			move_selected(d, g, false);
		break;
	case ID_MEMBERS:
	case ID_OTHERS:
		/* Enter on a name moves it, as a double click does */
		if (key == UI_ENTER && !g->local) {
			move_selected(d, g, id == ID_OTHERS);
			g->enter_moved = true;
			break;
		}
		return UI_DLG_CONTINUE;
	default:
		return id;
	}
	buttons_enable(d, g);
	return UI_DLG_CONTINUE;
}

/* ---- the dialogs --------------------------------------------------------- */

/* Where the fields begin: after the wider label, as translated. */
static int field_x(void)
{
	int a = ui_label_width(_("Group &Name:"));
	int b = ui_label_width(_("&Description:"));

	return (a > b ? a : b) + 4;
}

static void name_paint(struct ui_dialog *d)
{
	struct group_dlg *g = d->priv;

	if (g->is_new)
		return;
	ui_fill(d->win, 2, field_x(), 38, ui_attr(UI_R_DIALOG));
	ui_text_put_cut(d->win, 2, field_x(), 38, g->name,
			ui_attr(UI_R_DIALOG));
}

static const char *dialog_title(const struct group_dlg *g)
{
	if (g->is_new)
		return g->local ? _("New Local Group") : _("New Global Group");
	return g->local ? _("Local Group Properties")
			: _("Global Group Properties");
}

static void common_build(struct ui_dialog *d, struct group_dlg *g, int h,
			 int w, int btn_x)
{
	int fx = field_x();
	struct ui_ctl *c;

	ui_dialog_init(d, dialog_title(g), h, w, UI_HELP_GROUP);
	ui_dialog_handle(d, group_event, name_paint, g, ID_OK, ID_CANCEL);
	d->ok = group_ok;
	ui_dialog_label(d, 2, 2, _("Group &Name:"));
	if (g->is_new)
		ui_dialog_field(d, ID_NAME, 2, fx, 30, false,
				g->local ? UM_LOCAL_GROUP_NAME_MAX
					 : UM_GLOBAL_GROUP_NAME_MAX);
	ui_dialog_label(d, 4, 2, _("&Description:"));
	c = ui_dialog_field(d, ID_DESC, 4, fx, btn_x - fx - 3, false, 256);
	if (!g->is_new)
		ui_field_set(d, c, g->orig_desc);
	ui_dialog_button_w(d, ID_OK, 2, btn_x, _("OK"), BTN_W);
	ui_dialog_button_w(d, ID_CANCEL, 3, btn_x, _("Cancel"), BTN_W);
	ui_dialog_button_w(d, UI_ID_HELP, 4, btn_x, _("&Help"), BTN_W);
}

/* Members (left), Add and Remove, Not Members (right); the middle
 * column as wide as its buttons, as translated. */
static void global_build(struct ui_dialog *d, struct group_dlg *g)
{
	int bw = ui_button_width(_("<- &Add"));
	int ox;

	if (ui_button_width(_("&Remove ->")) > bw)
		bw = ui_button_width(_("&Remove ->"));
	if (bw < BTN_W)
		bw = BTN_W;
	ox = 30 + bw + 2;
	common_build(d, g, 20, 74, 58);
	ui_dialog_button_column(d, 58);
	ui_dialog_label(d, 6, 2, _("&Members:"));
	ui_dialog_list(d, ID_MEMBERS, 7, 2, 11, 26, &g->ml);
	ui_dialog_button_w(d, ID_ADD, 10, 30, _("<- &Add"), bw);
	ui_dialog_button_w(d, ID_REMOVE, 12, 30, _("&Remove ->"), bw);
	ui_dialog_button_column(d, 30);
	ui_dialog_label(d, 6, ox, _("N&ot Members:"));
	ui_dialog_list(d, ID_OTHERS, 7, ox, 11, 72 - ox, &g->ol);
}

/* Members, with Add... and Remove beside them. */
static void local_build(struct ui_dialog *d, struct group_dlg *g)
{
	common_build(d, g, 20, 74, 58);
	ui_dialog_label(d, 6, 2, _("&Members:"));
	ui_dialog_list(d, ID_MEMBERS, 7, 2, 11, 52, &g->ml);
	ui_dialog_button_w(d, ID_ADD, 7, 58, _("&Add..."), BTN_W);
	ui_dialog_button_w(d, ID_REMOVE, 8, 58, _("&Remove"), BTN_W);
	ui_dialog_button_column(d, 58);
}

static bool group_run(struct group_dlg *g)
{
	struct ui_dialog d;

	g->ml = (struct ui_list){ .ncols = 1, .cell = members_cell,
				  .priv = g };
	g->ol = (struct ui_list){ .ncols = 1, .cell = others_cell,
				  .priv = g };
	lists_set(g);
	if (g->local)
		local_build(&d, g);
	else
		global_build(&d, g);
	buttons_enable(&d, g);
	ui_dialog_focus(&d, g->is_new ? ID_NAME : ID_DESC);
	ui_dialog_run(&d);
	ui_dialog_free(&d);
	return g->changed;
}

bool ui_group_new(struct um_pdc *p, bool local)
{
	struct group_dlg *g = talloc_zero(NULL, struct group_dlg);
	struct um_status st = um_ok();
	bool changed;

	g->mem = g;
	g->pdc = p;
	g->local = local;
	g->is_new = true;
	if (!local)
		st = load_users(g);
	if (!um_is_ok(st))
		ui_message_status(NULL, st);
	changed = group_run(g);
	talloc_free(g);
	return changed;
}

bool ui_group_properties(struct um_pdc *p, const char *name)
{
	struct group_dlg *g = talloc_zero(NULL, struct group_dlg);
	struct um_status st;
	bool changed = false;

	g->mem = g;
	g->pdc = p;
	g->name = name;
	st = load_group(g);
	if (um_is_ok(st) && !g->local)
		st = load_users(g);
	if (um_is_ok(st))
		changed = group_run(g);
	else
		ui_message_status(NULL, st);
	talloc_free(g);
	return changed;
}

bool ui_group_delete(struct um_pdc *p, const char *name)
{
	char *q = talloc_asprintf(NULL,
		_("Each group is represented by a unique identifier which is "
		  "independent of the group name. Once this group is "
		  "deleted, even creating an identically named group in the "
		  "future will not restore access to resources which "
		  "currently include this group in their access control "
		  "lists.\n\nAre you sure you want to delete the group %s?"),
		name);
	struct um_status st;

	if (ui_confirm(q) != UI_ANSWER_YES) {
		talloc_free(q);
		return false;
	}
	talloc_free(q);
	st = um_group_delete(p, name);
	if (!um_is_ok(st)) {
		ui_message_status(NULL, st);
		return false;
	}
	return true;
}
