/*
 * usrmgr - the main window: "User Manager - DOMAIN", the menu bar, the
 * users (upper) and groups (lower) of the domain, and a status line.
 * Users and groups come a page at a time, fetched as the lists scroll.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <wchar.h>
#include "test_hooks.h"
#include "ui_priv.h"
#include "views.h"

enum {
	M_DISABLED = 0,
	M_SELECT_DOMAIN,
	M_EXIT,
	M_REFRESH,
	M_TRUST,
	M_HELP_CONTENTS,
	M_HELP_HOWTO,
	M_ABOUT,
	M_DIAGNOSE,
	M_REPAIR,
	M_HINT,
	M_NAME_CAUSE,
	M_ACCOUNT,
	M_AUDIT,
	M_USER_RIGHTS,
	M_NEW_USER,
	M_NEW_GLOBAL_GROUP,
	M_NEW_LOCAL_GROUP,
	M_COPY,
	M_DELETE,
	M_RENAME,
	M_PROPERTIES,
	M_SORT_FULL_NAME,
	M_SORT_USERNAME,
	M_SELECT_USERS,
};

/* Rename is greyed while a group is selected: NT cannot rename groups. */
static const char rename_label[] = N_("Rena&me...");

/* NT 4.0's menus; what this project does not do is greyed. */
static struct ui_menu_item user_items[] = {
	{ N_("New &User..."), NULL, M_NEW_USER },
	{ N_("New &Global Group..."), NULL, M_NEW_GLOBAL_GROUP },
	{ N_("New &Local Group..."), NULL, M_NEW_LOCAL_GROUP },
	{ N_("&Copy..."), N_("F8"), M_COPY },
	{ N_("&Delete"), N_("Del"), M_DELETE },
	{ rename_label, NULL, M_RENAME },
	{ N_("&Properties..."), N_("Enter"), M_PROPERTIES },
	{ NULL, NULL, 0 },
	{ N_("Select &Users..."), NULL, M_SELECT_USERS },
	{ NULL, NULL, 0 },
	{ N_("&Select Domain..."), NULL, M_SELECT_DOMAIN },
	{ NULL, NULL, 0 },
	{ N_("E&xit"), NULL, M_EXIT },
};
static const struct ui_menu_item view_items[] = {
	{ N_("Sort by &Full Name"), NULL, M_SORT_FULL_NAME },
	{ N_("Sort by &Username"), NULL, M_SORT_USERNAME },
	{ NULL, NULL, 0 },
	{ N_("&Refresh"), N_("F5"), M_REFRESH },
};
static const struct ui_menu_item policies_items[] = {
	{ N_("&Account..."), NULL, M_ACCOUNT },
	{ N_("&User Rights..."), NULL, M_USER_RIGHTS },
	{ N_("A&udit..."), NULL, M_AUDIT },
	{ N_("&Trust Relationships..."), NULL, M_TRUST },
	{ NULL, NULL, 0 },
	{ N_("&Diagnose Trust..."), NULL, M_DIAGNOSE },
	{ N_("&Repair Trust (KB Q207957)..."), NULL, M_REPAIR },
};
static const struct ui_menu_item options_items[] = {
	{ N_("&Confirmation"), NULL, M_DISABLED },
	{ N_("&Save Settings on Exit"), NULL, M_DISABLED },
	{ N_("&Font..."), NULL, M_DISABLED },
	{ NULL, NULL, 0 },
	{ N_("&Low Speed Connection"), NULL, M_DISABLED },
};
static const struct ui_menu_item help_items[] = {
	{ N_("&Contents"), N_("F1"), M_HELP_CONTENTS },
	{ N_("&Search for Help on..."), NULL, M_DISABLED },
	{ N_("&How to Use Help"), NULL, M_HELP_HOWTO },
	{ NULL, NULL, 0 },
	{ N_("&About User Manager..."), NULL, M_ABOUT },
};
/* In training, the coach's entries too. */
static const struct ui_menu_item help_items_training[] = {
	{ N_("&Contents"), N_("F1"), M_HELP_CONTENTS },
	{ N_("Training &Hint"), N_("F2"), M_HINT },
	{ N_("&Name the Cause..."), NULL, M_NAME_CAUSE },
	{ N_("&How to Use Help"), NULL, M_HELP_HOWTO },
	{ NULL, NULL, 0 },
	{ N_("&About User Manager..."), NULL, M_ABOUT },
};

#define N_ITEMS(a) (int)(sizeof(a) / sizeof(a[0]))
static bool view_checked(int id);
static const struct ui_menu menus[] = {
	{ N_("&User"), user_items, N_ITEMS(user_items) },
	{ N_("&View"), view_items, N_ITEMS(view_items), view_checked },
	{ N_("&Policies"), policies_items, N_ITEMS(policies_items) },
	{ N_("&Options"), options_items, N_ITEMS(options_items) },
	{ N_("&Help"), help_items, N_ITEMS(help_items) },
};
static const struct ui_menu menus_training[] = {
	{ N_("&User"), user_items, N_ITEMS(user_items) },
	{ N_("&View"), view_items, N_ITEMS(view_items), view_checked },
	{ N_("&Policies"), policies_items, N_ITEMS(policies_items) },
	{ N_("&Options"), options_items, N_ITEMS(options_items) },
	{ N_("&Help"), help_items_training, N_ITEMS(help_items_training) },
};
#define MENUS (ui.opt->training ? menus_training : menus)

struct ui_main {
	struct ui_screen scr;
	WINDOW *win;
	PANEL *pan;
	struct um_pdc *pdc;
	const struct um_domain_info *info;
	struct um_view *uview, *gview; /* this domain's users and groups */
	enum um_sort sort;        /* View: the users' order */
	struct ui_list ulist, glist;
	char typed[64];           /* a name being typed, to jump to */
	int focus;                /* 0: users, 1: groups */
	int uy, uh, gy, gh;       /* first row and height of each list */
	TALLOC_CTX *alert_mem;
	char **alert;             /* a broken trust, the engine's words */
	int n_alert;              /* its lines, above the status line */
	bool quit;
};

static struct ui_main *main_w;

const char *ui_domain_name(struct um_pdc *p)
{
	const struct um_domain_info *info;

	if (p != NULL && um_is_ok(um_pdc_info(p, &info)) && info != NULL)
		return info->name;
	return p != NULL ? um_pdc_name(p) : "";
}

const char *ui_pdc_host(struct um_pdc *p)
{
	const struct um_domain_info *info;

	if (um_is_ok(um_pdc_info(p, &info)) && info != NULL &&
	    info->pdc != NULL)
		return info->pdc;
	return um_pdc_name(p);
}

/* ---- users and groups, a page at a time --------------------------- */

/* A page that did not come: cancelled, the list waits to be scrolled on
 * (or F5); failed, it ends here, and the status line says why. */
static bool page_failed(struct ui_list *l, struct um_status st)
{
	if (um_is_ok(st))
		return false;
	if (um_status_is(st, UM_KIND_LOCAL, UM_LOCAL_CANCELLED)) {
		l->paused = true;
		snprintf(ui.note, sizeof(ui.note), "%s",
			 _("Cancelled: the list is incomplete. Scroll on or "
			   "press F5 to read it again."));
	} else {
		snprintf(ui.note, sizeof(ui.note), "%s", um_status_text(st));
		l->more = false;
	}
	return true;
}

static struct um_view *view_of(struct ui_main *mw, struct ui_list *l)
{
	return l == &mw->ulist ? mw->uview : mw->gview;
}

/* The list as far as its view has read it. */
static void list_sync(struct ui_main *mw, struct ui_list *l)
{
	struct um_view *v = view_of(mw, l);

	ui_list_set(l, um_view_count(v), um_view_more(v));
}

/* The next page of the users' or the groups' list (all of them, once,
 * when the order is one the server does not give). */
static void list_fetch(struct ui_list *l, size_t row)
{
	struct ui_main *mw = l->priv;
	struct um_status st;

	(void)row;
	if (view_of(mw, l) == NULL)
		return;
	st = um_view_fetch(view_of(mw, l));
	list_sync(mw, l);
	page_failed(l, st);
}

static const char *user_cell(struct ui_list *l, size_t row, int col)
{
	struct ui_main *mw = l->priv;

	return um_view_cell(mw->uview, row,
			    col == 0 ? UM_COL_NAME
			    : col == 1 ? UM_COL_FULL_NAME : UM_COL_DESCRIPTION);
}

static const char *group_cell(struct ui_list *l, size_t row, int col)
{
	struct ui_main *mw = l->priv;

	return um_view_cell(mw->gview, row,
			    col == 0 ? UM_COL_NAME : UM_COL_DESCRIPTION);
}

/* Select Users' marks. */
static bool user_picked(struct ui_list *l, size_t row)
{
	struct ui_main *mw = l->priv;

	return um_view_marked(mw->uview, row);
}

static void lists_reset(struct ui_main *mw)
{
	TALLOC_FREE(mw->uview);
	TALLOC_FREE(mw->gview);
	if (mw->pdc != NULL) {
		mw->uview = um_view_new(mw, mw->pdc, UM_VIEW_USERS, mw->sort);
		mw->gview = um_view_new(mw, mw->pdc, UM_VIEW_GROUPS,
					UM_SORT_USERNAME);
	}
	memset(&mw->ulist, 0, sizeof(mw->ulist));
	memset(&mw->glist, 0, sizeof(mw->glist));
	mw->ulist.ncols = 3;
	mw->ulist.marks = mw->glist.marks = true;
	mw->ulist.cell = user_cell;
	mw->ulist.fetch = list_fetch;
	mw->ulist.picked = user_picked;
	mw->ulist.priv = mw;
	mw->glist.ncols = 2;
	mw->glist.cell = group_cell;
	mw->glist.fetch = list_fetch;
	mw->glist.priv = mw;
	/* The first page is fetched when the list is first drawn. */
	mw->ulist.more = mw->uview != NULL;
	mw->glist.more = mw->gview != NULL;
}

static void main_repaint(struct ui_screen *s);

/* Show domain P; on failure keep what was shown. */
static bool open_pdc(struct ui_main *mw, struct um_pdc *p)
{
	const struct um_domain_info *info = NULL;
	struct um_status st = um_pdc_info(p, &info);

	if (!um_is_ok(st)) {
		ui_message_status(NULL, st);
		return false;
	}
	mw->pdc = p;
	mw->info = info;
	lists_reset(mw);
	/* The new domain's title at once, then its first pages, so that a
	 * failure is reported here rather than in the middle of drawing.
	 * The users' page goes on the terminal before the groups' is read:
	 * on a real PDC the groups' take as long again (issue 21). */
	main_repaint(&mw->scr);
	list_fetch(&mw->ulist, 0);
	main_repaint(&mw->scr);
	ui_refresh();
	um_test_rpc_trace("ui: first screen drawn (the users' first page)");
	list_fetch(&mw->glist, 0);
	return true;
}

static bool open_name(struct ui_main *mw, const char *name)
{
	struct um_pdc *p = NULL;
	struct um_status st = um_pdc_get(ui.model, name, &p);

	if (!um_is_ok(st)) {
		ui_message_status(NULL, st);
		return false;
	}
	return open_pdc(mw, p);
}

/* ---- drawing --------------------------------------------------------- */

/* What the engine knows of this domain's trusts, wrapped; no round
 * trip is made for it. */
static void alert_load(struct ui_main *mw)
{
	char *text;

	TALLOC_FREE(mw->alert_mem);
	mw->alert_mem = talloc_new(mw);
	mw->alert = NULL;
	mw->n_alert = 0;
	text = mw->pdc != NULL ? um_pdc_trust_alert(mw->pdc, mw->alert_mem)
			       : NULL;
	if (text == NULL)
		return;
	mw->n_alert = ui_wrap(text, COLS - 2, &mw->alert, mw->alert_mem);
	if (mw->n_alert > 2)
		mw->n_alert = 2;
}

static void layout(struct ui_main *mw)
{
	/* title, menu, status, two headers, the alert */
	int avail = LINES - 5 - mw->n_alert;

	mw->uh = avail * 3 / 5;
	mw->gh = avail - mw->uh;
	mw->uy = 3;
	mw->gy = mw->uy + mw->uh + 1;
	mw->ulist.col_w[0] = 20;
	mw->ulist.col_w[1] = 26;
	mw->glist.col_w[0] = 24;
}

static void header(struct ui_main *mw, int y, const char *const *cols,
		   const int *w, int n)
{
	int i, x = 1;

	ui_fill(mw->win, y, 0, COLS, ui_attr(UI_R_HEADER));
	for (i = 0; i < n; i++) {
		ui_text_put(mw->win, y, x, i == n - 1 ? COLS - x : w[i],
			    cols[i], ui_attr(UI_R_HEADER));
		x += w[i] + 1;
	}
}

static void title_bar(struct ui_main *mw)
{
	char *t;

	if (mw->info != NULL)
		t = talloc_asprintf(NULL, _("User Manager - %s (PDC: %s)"),
				    mw->info->name, ui_pdc_host(mw->pdc));
	else
		t = talloc_strdup(NULL, _("User Manager"));
	ui_fill(mw->win, 0, 0, COLS, ui_attr(UI_R_TITLE));
	ui_text_put(mw->win, 0, 1, COLS - 2, t, ui_attr(UI_R_TITLE));
	talloc_free(t);
}

/* The keys, as this keyboard types them (SHORT: without Exit). */
static const char *keys_hint(bool short_form)
{
	if (ui.esc_keys)
		return short_form
			? _("Esc 1 Help  Esc 0 Menu  Tab Next list  "
			    "Esc P Policies")
			: _("Esc 1 Help  Esc 0 Menu  Tab Next list  "
			    "Esc P Policies  Ctrl-C Exit");
	return short_form
		? _("F1 Help  F10 Menu  Tab Next list  Alt+P Policies")
		: _("F1 Help  F10 Menu  Tab Next list  Alt+P Policies  "
		    "Ctrl-C Exit");
}

static void status_line(struct ui_main *mw)
{
	const char *hint = ui.note[0] != '\0' ? ui.note : keys_hint(false);
	char right[64] = "";
	int rw;

	if (ui.opt->training)
		snprintf(right, sizeof(right), _("Training: %s  F2 Hint"),
			 ui.opt->scenario ? ui.opt->scenario : _("lab"));
	else if (um_model_origin_label(ui.model) != NULL)
		snprintf(right, sizeof(right), "%s",
			 um_model_origin_label(ui.model));
	rw = ui_text_width(right);
	if (ui.note[0] == '\0' && ui_text_width(hint) > COLS - rw - 3)
		hint = keys_hint(true);
	ui_fill(mw->win, LINES - 1, 0, COLS, ui_attr(UI_R_STATUS));
	ui_text_line(mw->win, LINES - 1, 1, COLS - rw - 3, hint,
		     ui_attr(UI_R_STATUS));
	if (rw > 0)
		ui_text_put(mw->win, LINES - 1, COLS - rw - 1, rw, right,
			    ui_attr(UI_R_STATUS));
}

static void alert_paint(struct ui_main *mw)
{
	int i, y = LINES - 1 - mw->n_alert;

	for (i = 0; i < mw->n_alert; i++) {
		ui_fill(mw->win, y + i, 0, COLS, ui_attr(UI_R_ERROR));
		ui_text_put(mw->win, y + i, 1, COLS - 2, mw->alert[i],
			    ui_attr(UI_R_ERROR));
	}
}

static void main_paint(struct ui_main *mw)
{
	static const char *ucols[3], *gcols[2];

	ucols[0] = _("Username");
	ucols[1] = _("Full Name");
	ucols[2] = _("Description");
	gcols[0] = _("Groups");
	gcols[1] = _("Description");
	title_bar(mw);
	ui_menubar_draw(mw->win, 1, MENUS, N_ITEMS(menus));
	header(mw, mw->uy - 1, ucols, mw->ulist.col_w, 3);
	header(mw, mw->gy - 1, gcols, mw->glist.col_w, 2);
	status_line(mw);
	alert_paint(mw);
	/* The focused list last: the cursor goes to its selected row. */
	ui_list_draw(&mw->ulist, mw->win, mw->uy, 0, mw->uh, COLS,
		     mw->focus == 0);
	ui_list_draw(&mw->glist, mw->win, mw->gy, 0, mw->gh, COLS,
		     mw->focus == 1);
	if (mw->focus == 0)
		ui_list_draw(&mw->ulist, mw->win, mw->uy, 0, mw->uh, COLS,
			     true);
}

static void main_repaint(struct ui_screen *s)
{
	struct ui_main *mw = (struct ui_main *)s;

	if (!ui_term_fits())
		return;
	wresize(mw->win, LINES, COLS);
	move_panel(mw->pan, 0, 0);
	wbkgdset(mw->win, ' ' | ui_attr(UI_R_LIST));
	werase(mw->win);
	layout(mw);
	main_paint(mw);
}

/* ---- commands ---------------------------------------------------------- */

static void do_select_domain(struct ui_main *mw)
{
	struct um_pdc *p = ui_select_domain(mw->pdc);

	if (p != NULL)
		open_pdc(mw, p);
}

/* The name on L's selected row, copied on MEM; NULL when none. */
static char *selected_name(struct ui_main *mw, struct ui_list *l,
			   TALLOC_CTX *mem)
{
	const char *name = l->n > 0 && view_of(mw, l) != NULL
		? um_view_cell(view_of(mw, l), l->sel, UM_COL_NAME) : NULL;

	return name != NULL ? talloc_strdup(mem, name) : NULL;
}

/* Put L's selection back on NAME, wherever the list has it now (read
 * as far as needed); else on row SEL, as near as there is one. */
static void select_name(struct ui_main *mw, struct ui_list *l,
			const char *name, size_t sel, size_t top)
{
	size_t row = 0;
	bool found = false;
	struct um_status st = um_ok();

	if (name != NULL)
		st = um_view_find_name(view_of(mw, l), name, &row, &found);
	list_sync(mw, l);
	page_failed(l, st);
	l->top = top;
	l->sel = found ? row : sel;
	if (l->sel >= l->n)
		l->sel = l->n > 0 ? l->n - 1 : 0;
	if (l->top > l->sel)
		l->top = l->sel;
}

/* F5: read both lists again; the selection stays on the same names. */
static void do_refresh(struct ui_main *mw)
{
	TALLOC_CTX *tmp;
	char *user, *group;
	struct ui_list *u = &mw->ulist, *g = &mw->glist;

	if (mw->pdc == NULL || mw->uview == NULL)
		return;
	tmp = talloc_new(NULL);
	user = selected_name(mw, u, tmp);
	group = selected_name(mw, g, tmp);
	um_view_reload(mw->uview);
	um_view_reload(mw->gview);
	u->n = g->n = 0;
	u->more = g->more = true;
	u->paused = g->paused = false;
	select_name(mw, u, user, u->sel, u->top);
	select_name(mw, g, group, g->sel, g->top);
	talloc_free(tmp);
}

/* View > Sort by Full Name / Username: the engine orders, reading the
 * whole list when it must (busy, Esc cancels); the same user stays
 * selected. */
static void do_sort(struct ui_main *mw, enum um_sort sort)
{
	TALLOC_CTX *tmp;
	char *user;

	if (mw->sort == sort)
		return;
	mw->sort = sort;
	if (mw->uview == NULL)
		return;
	tmp = talloc_new(NULL);
	user = selected_name(mw, &mw->ulist, tmp);
	um_view_set_sort(mw->uview, sort);
	mw->ulist.paused = false;
	if (user != NULL)
		select_name(mw, &mw->ulist, user, 0, 0);
	else
		list_sync(mw, &mw->ulist);
	talloc_free(tmp);
}

static bool view_checked(int id)
{
	enum um_sort sort = main_w != NULL ? main_w->sort : UM_SORT_USERNAME;

	return (id == M_SORT_FULL_NAME && sort == UM_SORT_FULL_NAME) ||
	       (id == M_SORT_USERNAME && sort == UM_SORT_USERNAME);
}

static void do_select_users(struct ui_main *mw)
{
	if (mw->uview == NULL) {
		ui_message(UI_MSG_INFO, _("Select a domain first."));
		return;
	}
	ui_select_users(mw->uview, mw->gview);
	list_sync(mw, &mw->glist);
}

/* ---- typing a name ---------------------------------------------------- */

/* Typed characters make one name while they come less than this apart,
 * as a Windows list box has it.  Apart: the time usrmgr waited for the
 * key, so that keys typed while it was busy (a jump reads pages) still
 * make one name. */
#define TYPE_PAUSE_MS 1000

static bool is_char_key(int key)
{
	return key >= 0x20 && key != 0x7f && key < UI_K(0);
}

/* KEY added to the name being typed (a new one after a pause). */
static bool typed_add(struct ui_main *mw, int key)
{
	char buf[MB_LEN_MAX];
	mbstate_t ps;
	size_t k, len;

	if (ui_key_idle_ms() > TYPE_PAUSE_MS)
		mw->typed[0] = '\0';
	memset(&ps, 0, sizeof(ps));
	k = wcrtomb(buf, (wchar_t)key, &ps);
	len = strlen(mw->typed);
	if (k == (size_t)-1 || len + k >= sizeof(mw->typed))
		return false;
	memcpy(mw->typed + len, buf, k);
	mw->typed[len + k] = '\0';
	return true;
}

/* The selection to the first entry that starts with what was typed. */
static void type_to_jump(struct ui_main *mw, struct ui_list *l, int key)
{
	size_t row = 0;
	bool found = false;
	struct um_status st;

	if (view_of(mw, l) == NULL || !typed_add(mw, key))
		return;
	l->paused = false;
	st = um_view_find_prefix(view_of(mw, l), mw->typed, &row, &found);
	list_sync(mw, l);
	page_failed(l, st);
	if (found)
		l->sel = row;
	else if (um_is_ok(st))
		beep();
}

/* ---- the User menu on users ------------------------------------------ */

/* The user selected in the upper list, or NULL. */
static const char *selected_user(struct ui_main *mw)
{
	struct ui_list *l = &mw->ulist;

	if (mw->pdc == NULL || mw->uview == NULL || l->sel >= l->n)
		return NULL;
	return um_view_cell(mw->uview, l->sel, UM_COL_NAME);
}

/* After a change: the lists read again, the selection on NAME, or,
 * when NAME is gone, on the row where it was. */
static void refresh_on_user(struct ui_main *mw, const char *name)
{
	char *keep = talloc_strdup(NULL, name); /* NAME may be in the lists */

	do_refresh(mw);
	if (keep != NULL && mw->uview != NULL)
		select_name(mw, &mw->ulist, keep, mw->ulist.sel,
			    mw->ulist.top);
	mw->focus = 0;
	talloc_free(keep);
}

/* The user the command is for: the selected one, in the upper list. */
static const char *command_user(struct ui_main *mw)
{
	const char *name = mw->focus == 0 ? selected_user(mw) : NULL;

	if (mw->pdc == NULL)
		ui_message(UI_MSG_INFO, _("Select a domain first."));
	else if (name == NULL)
		snprintf(ui.note, sizeof(ui.note), "%s",
			 _("Select a user in the upper list first."));
	return name;
}

static void user_command(struct ui_main *mw, int id)
{
	TALLOC_CTX *t = talloc_new(NULL);
	const char *name = id == M_NEW_USER ? NULL : command_user(mw);
	char *done = NULL;

	if (id == M_NEW_USER && mw->pdc == NULL)
		ui_message(UI_MSG_INFO, _("Select a domain first."));
	else if (id == M_NEW_USER)
		done = ui_user_new(mw->pdc, t);
	else if (name == NULL)
		;
	else if (id == M_PROPERTIES)
		done = ui_user_properties(mw->pdc, name, t);
	else if (id == M_COPY)
		done = ui_user_copy(mw->pdc, name, t);
	else if (id == M_RENAME)
		done = ui_user_rename(mw->pdc, name, t);
	else if (id == M_DELETE && ui_user_delete(mw->pdc, name))
		done = talloc_strdup(t, name);
	if (done != NULL)
		refresh_on_user(mw, done);
	talloc_free(t);
}

/* The group commands: New Global/Local Group, and Properties and Delete
 * on the group selected in the lower list; the lists are read again
 * after a change. */
static void group_action(struct ui_main *mw, int id)
{
	TALLOC_CTX *t;
	const char *g;
	bool changed = false;

	if (mw->pdc == NULL || mw->gview == NULL) {
		ui_message(UI_MSG_INFO, _("Select a domain first."));
		return;
	}
	t = talloc_new(NULL);
	g = selected_name(mw, &mw->glist, t);
	switch (id) {
	case M_NEW_GLOBAL_GROUP:
	case M_NEW_LOCAL_GROUP:
		changed = ui_group_new(mw->pdc, id == M_NEW_LOCAL_GROUP);
		break;
	case M_PROPERTIES:
		changed = g != NULL && ui_group_properties(mw->pdc, g);
		break;
	case M_DELETE:
		changed = g != NULL && ui_group_delete(mw->pdc, g);
		break;
	}
	/* F5's refresh keeps the row, or the one after a deleted group */
	if (changed)
		do_refresh(mw);
	talloc_free(t);
}

static void do_command(struct ui_main *mw, int id)
{
	switch (id) {
	case M_NEW_GLOBAL_GROUP:
	case M_NEW_LOCAL_GROUP:
		group_action(mw, id);
		break;
	case M_DELETE:
	case M_PROPERTIES:
		if (mw->focus == 1)
			group_action(mw, id);
		else
			user_command(mw, id);
		break;
	case M_NEW_USER:
	case M_COPY:
	case M_RENAME:
		user_command(mw, id);
		break;
	case M_SELECT_DOMAIN:
		do_select_domain(mw);
		break;
	case M_EXIT:
		mw->quit = true;
		break;
	case M_REFRESH:
		do_refresh(mw);
		break;
	case M_SORT_FULL_NAME:
		do_sort(mw, UM_SORT_FULL_NAME);
		break;
	case M_SORT_USERNAME:
		do_sort(mw, UM_SORT_USERNAME);
		break;
	case M_SELECT_USERS:
		do_select_users(mw);
		break;
	case M_TRUST:
		if (mw->pdc != NULL)
			ui_trust_dialog(mw->pdc);
		else
			ui_message(UI_MSG_INFO, _("Select a domain first."));
		break;
	case M_ACCOUNT:
	case M_USER_RIGHTS:
	case M_AUDIT:
		if (mw->pdc == NULL)
			ui_message(UI_MSG_INFO, _("Select a domain first."));
		else if (id == M_ACCOUNT)
			ui_account_policy(mw->pdc);
		else if (id == M_USER_RIGHTS)
			ui_user_rights(mw->pdc);
		else
			ui_audit_policy(mw->pdc);
		break;
	case M_HELP_CONTENTS:
		ui_help(UI_HELP_MAIN);
		break;
	case M_HELP_HOWTO:
		ui_help(UI_HELP_HELP);
		break;
	case M_ABOUT:
		ui_about();
		break;
	case M_DIAGNOSE:
		ui_diagnosis();
		break;
	case M_REPAIR:
		ui_wizard_menu();
		break;
	case M_HINT:
		ui_training_hint();
		break;
	case M_NAME_CAUSE:
		ui_training_name_cause();
		break;
	}
}

/* Rename greyed while the groups list has the focus: Windows NT cannot
 * rename groups (Help says so). */
static void user_menu_update(struct ui_main *mw)
{
	size_t i;

	for (i = 0; i < sizeof(user_items) / sizeof(user_items[0]); i++)
		if (user_items[i].label == rename_label)
			user_items[i].id = mw->focus == 1 ? M_DISABLED
							  : M_RENAME;
}

static void menu(struct ui_main *mw, int first)
{
	int id;

	user_menu_update(mw);
	main_repaint(&mw->scr); /* the status line without the last note */
	id = ui_menubar_run(mw->win, 1, MENUS, N_ITEMS(menus), first, 0);

	if (id > 0)
		do_command(mw, id);
}

static void main_key(struct ui_main *mw, int key)
{
	struct ui_list *l = mw->focus == 0 ? &mw->ulist : &mw->glist;
	int i;

	ui.note[0] = '\0';
	switch (key) {
	case UI_QUIT:
		mw->quit = true;
		return;
	case UI_K(KEY_F(1)):
		ui_help(UI_HELP_MAIN);
		return;
	case UI_K(KEY_F(10)):
		menu(mw, 0);
		return;
	case UI_K(KEY_F(5)):
		do_refresh(mw);
		return;
	case UI_TAB:
	case UI_K(KEY_BTAB):
		mw->focus = !mw->focus;
		mw->typed[0] = '\0';
		return;
	case UI_ENTER:
		do_command(mw, M_PROPERTIES);
		return;
	case UI_K(KEY_DC):
		do_command(mw, M_DELETE);
		return;
	case UI_K(KEY_F(8)):
		do_command(mw, M_COPY);
		return;
	}
	if (UI_IS_ALT(key) &&
	    (i = ui_menubar_find(MENUS, N_ITEMS(menus), key)) >= 0) {
		menu(mw, i);
		return;
	}
	if (is_char_key(key)) {
		type_to_jump(mw, l, key);
		return;
	}
	mw->typed[0] = '\0';
	ui_list_key(l, key, mw->focus == 0 ? mw->uh : mw->gh);
}

struct um_pdc *ui_main_pdc(void)
{
	return main_w != NULL ? main_w->pdc : NULL;
}

static const char *first_pdc(TALLOC_CTX *mem, const char *pdc)
{
	const char **doms;

	if (pdc != NULL)
		return pdc;
	doms = um_model_sim_domains(ui.model, mem);
	return doms != NULL && doms[0] != NULL ? doms[0] : NULL;
}

int ui_main_window_run(const char *pdc)
{
	struct ui_main *mw = talloc_zero(NULL, struct ui_main);
	const char *first;

	main_w = mw;
	mw->scr.repaint = main_repaint;
	mw->win = newwin(LINES, COLS, 0, 0);
	mw->pan = new_panel(mw->win);
	lists_reset(mw);
	ui_push(&mw->scr);
	ui_term_resize(LINES, COLS);
	first = first_pdc(mw, pdc);
	if (first != NULL)
		open_name(mw, first);
	main_repaint(&mw->scr);
	ui_startup();
	while (!mw->quit) {
		alert_load(mw);
		layout(mw);
		ui_list_prefetch(&mw->ulist, mw->uh);
		ui_list_prefetch(&mw->glist, mw->gh);
		main_repaint(&mw->scr);
		main_key(mw, ui_getkey());
		if (ui.quit_signal)
			mw->quit = true;
	}
	if (!ui.quit_signal)
		ui_exit_note();
	ui_pop(&mw->scr);
	ui_window_close(&mw->pan, &mw->win);
	main_w = NULL;
	talloc_free(mw);
	return 0;
}
