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

#include <stdio.h>
#include <string.h>
#include "ui_priv.h"

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
	M_NEW_GLOBAL_GROUP,
	M_NEW_LOCAL_GROUP,
	M_DELETE,
	M_PROPERTIES,
};

/* NT 4.0's menus; what this project does not do is greyed. */
static const struct ui_menu_item user_items[] = {
	{ N_("New &User..."), NULL, M_DISABLED },
	{ N_("New &Global Group..."), NULL, M_NEW_GLOBAL_GROUP },
	{ N_("New &Local Group..."), NULL, M_NEW_LOCAL_GROUP },
	{ N_("&Copy..."), N_("F8"), M_DISABLED },
	{ N_("&Delete"), N_("Del"), M_DELETE },
	{ N_("Rena&me..."), NULL, M_DISABLED },
	{ N_("&Properties..."), N_("Enter"), M_PROPERTIES },
	{ NULL, NULL, 0 },
	{ N_("Select &Users..."), NULL, M_DISABLED },
	{ NULL, NULL, 0 },
	{ N_("&Select Domain..."), NULL, M_SELECT_DOMAIN },
	{ NULL, NULL, 0 },
	{ N_("E&xit"), NULL, M_EXIT },
};
static const struct ui_menu_item view_items[] = {
	{ N_("Sort by &Full Name"), NULL, M_DISABLED },
	{ N_("Sort by &Username"), NULL, M_DISABLED },
	{ NULL, NULL, 0 },
	{ N_("&Refresh"), N_("F5"), M_REFRESH },
};
static const struct ui_menu_item policies_items[] = {
	{ N_("&Account..."), NULL, M_ACCOUNT },
	{ N_("&User Rights..."), NULL, M_DISABLED },
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
static const struct ui_menu menus[] = {
	{ N_("&User"), user_items, N_ITEMS(user_items) },
	{ N_("&View"), view_items, N_ITEMS(view_items) },
	{ N_("&Policies"), policies_items, N_ITEMS(policies_items) },
	{ N_("&Options"), options_items, N_ITEMS(options_items) },
	{ N_("&Help"), help_items, N_ITEMS(help_items) },
};
static const struct ui_menu menus_training[] = {
	{ N_("&User"), user_items, N_ITEMS(user_items) },
	{ N_("&View"), view_items, N_ITEMS(view_items) },
	{ N_("&Policies"), policies_items, N_ITEMS(policies_items) },
	{ N_("&Options"), options_items, N_ITEMS(options_items) },
	{ N_("&Help"), help_items_training, N_ITEMS(help_items_training) },
};
#define MENUS (ui.opt->training ? menus_training : menus)

/* A list's entries so far: N of SIZE bytes each, room for CAP, and where
 * its next page starts. */
struct ui_paged {
	void *items;
	size_t n, cap, size;
	struct um_page page;
};

struct ui_main {
	struct ui_screen scr;
	WINDOW *win;
	PANEL *pan;
	struct um_pdc *pdc;
	const struct um_domain_info *info;
	TALLOC_CTX *data;         /* this domain's users and groups */
	struct ui_paged users, groups;
	struct ui_list ulist, glist;
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

/* N more entries at the end of PG; false when out of memory (then
 * nothing changes). */
static bool append_page(TALLOC_CTX *mem, struct ui_paged *pg,
			const void *page, size_t n)
{
	if (pg->n + n > pg->cap) {
		void *grown = talloc_realloc_size(mem, pg->items,
						  (pg->n + n) * 2 * pg->size);

		if (grown == NULL)
			return false;
		pg->items = grown;
		pg->cap = (pg->n + n) * 2;
	}
	if (n > 0)
		memcpy((char *)pg->items + pg->n * pg->size, page,
		       n * pg->size);
	pg->n += n;
	return true;
}

/* The next page of the users' or the groups' list. */
static void list_fetch(struct ui_list *l, size_t row)
{
	struct ui_main *mw = l->priv;
	bool users = l == &mw->ulist;
	struct ui_paged *pg = users ? &mw->users : &mw->groups;
	struct um_user *u = NULL;
	struct um_group *g = NULL;
	size_t n = 0;
	struct um_status st;

	(void)row;
	st = users ? um_users_page(mw->pdc, mw->data, &pg->page, &u, &n)
		   : um_groups_page(mw->pdc, mw->data, &pg->page, &g, &n);
	if (page_failed(l, st))
		return;
	if (!append_page(mw->data, pg, users ? (void *)u : (void *)g, n)) {
		page_failed(l, um_local(UM_LOCAL_NO_MEMORY));
		return;
	}
	ui_list_set(l, pg->n, pg->page.more && n > 0);
}

static const char *user_cell(struct ui_list *l, size_t row, int col)
{
	struct ui_main *mw = l->priv;
	const struct um_user *u =
		(const struct um_user *)mw->users.items + row;

	return col == 0 ? u->name : col == 1 ? u->full_name : u->description;
}

static const char *group_cell(struct ui_list *l, size_t row, int col)
{
	struct ui_main *mw = l->priv;
	const struct um_group *g =
		(const struct um_group *)mw->groups.items + row;

	return col == 0 ? g->name : g->description;
}

static void lists_reset(struct ui_main *mw)
{
	TALLOC_FREE(mw->data);
	mw->data = talloc_new(mw);
	mw->users = (struct ui_paged){ .size = sizeof(struct um_user) };
	mw->groups = (struct ui_paged){ .size = sizeof(struct um_group) };
	memset(&mw->ulist, 0, sizeof(mw->ulist));
	memset(&mw->glist, 0, sizeof(mw->glist));
	mw->ulist.ncols = 3;
	mw->ulist.marks = mw->glist.marks = true;
	mw->ulist.cell = user_cell;
	mw->ulist.fetch = list_fetch;
	mw->ulist.priv = mw;
	mw->glist.ncols = 2;
	mw->glist.cell = group_cell;
	mw->glist.fetch = list_fetch;
	mw->glist.priv = mw;
	/* The first page is fetched when the list is first drawn. */
	mw->ulist.more = mw->glist.more = mw->pdc != NULL;
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
	 * failure is reported here rather than in the middle of drawing. */
	main_repaint(&mw->scr);
	list_fetch(&mw->ulist, 0);
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

static void do_refresh(struct ui_main *mw)
{
	if (mw->pdc != NULL)
		open_pdc(mw, mw->pdc);
}

/* The group commands: New Global/Local Group, and Properties and Delete
 * on the group selected in the lower list; the lists are read again
 * after a change. */
static void group_action(struct ui_main *mw, int id)
{
	const struct um_group *g = NULL;
	bool changed = false;

	if (mw->pdc == NULL) {
		ui_message(UI_MSG_INFO, _("Select a domain first."));
		return;
	}
	if (mw->glist.n > 0)
		g = (const struct um_group *)mw->groups.items + mw->glist.sel;
	switch (id) {
	case M_NEW_GLOBAL_GROUP:
	case M_NEW_LOCAL_GROUP:
		changed = ui_group_new(mw->pdc, id == M_NEW_LOCAL_GROUP);
		break;
	case M_PROPERTIES:
		changed = g != NULL && ui_group_properties(mw->pdc, g->name);
		break;
	case M_DELETE:
		changed = g != NULL && ui_group_delete(mw->pdc, g->name);
		break;
	}
	if (changed) {
		size_t sel = mw->glist.sel;

		do_refresh(mw);
		/* the same row again, or the last one */
		mw->glist.sel = sel < mw->glist.n ? sel
			: mw->glist.n > 0 ? mw->glist.n - 1 : 0;
	}
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
	case M_TRUST:
		if (mw->pdc != NULL)
			ui_trust_dialog(mw->pdc);
		else
			ui_message(UI_MSG_INFO, _("Select a domain first."));
		break;
	case M_ACCOUNT:
	case M_AUDIT:
		if (mw->pdc == NULL)
			ui_message(UI_MSG_INFO, _("Select a domain first."));
		else if (id == M_ACCOUNT)
			ui_account_policy(mw->pdc);
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

static void menu(struct ui_main *mw, int first)
{
	int id;

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
		return;
	case UI_ENTER:
	case UI_K(KEY_DC):
		if (mw->focus == 1) {
			group_action(mw, key == UI_ENTER ? M_PROPERTIES
							 : M_DELETE);
			return;
		}
		break;
	}
	if (UI_IS_ALT(key) &&
	    (i = ui_menubar_find(MENUS, N_ITEMS(menus), key)) >= 0) {
		menu(mw, i);
		return;
	}
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
