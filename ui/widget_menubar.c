/*
 * usrmgr - the menu bar and its pull-down menus.  F10 (or Esc 0) opens
 * the first menu, Alt+letter (or Esc letter) the one whose mnemonic it
 * is; arrows move, Enter or the item's letter chooses, Esc closes.
 * Items outside this project's scope are shown disabled, as greyed
 * items were: in parentheses, without a mnemonic (grey is not to be had
 * on a vt100); the highlight passes over them, and Enter on one (a menu
 * of nothing else) says why in the status line.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <string.h>
#include "ui_priv.h"

struct menu_run {
	struct ui_screen scr;
	WINDOW *bar;
	int bar_y;
	const struct ui_menu *menus;
	int n;
	int cur, sel;
	WINDOW *win;
	PANEL *pan;
};

static int title_x(const struct ui_menu *menus, int i)
{
	int x = 1, j;

	for (j = 0; j < i; j++)
		x += ui_label_width(_(menus[j].label)) + 2;
	return x;
}

void ui_menubar_draw(WINDOW *w, int y, const struct ui_menu *menus, int n)
{
	int i;

	ui_fill(w, y, 0, getmaxx(w), ui_attr(UI_R_MENUBAR));
	for (i = 0; i < n; i++)
		ui_label_put(w, y, title_x(menus, i) + 1, 40,
			     _(menus[i].label), ui_attr(UI_R_MENUBAR));
}

int ui_menubar_find(const struct ui_menu *menus, int n, int key)
{
	int i;

	for (i = 0; i < n; i++)
		if (ui_key_is_mnemonic(key, _(menus[i].label)))
			return i;
	return -1;
}

static int menu_width(const struct ui_menu *m)
{
	int i, w = 0;

	for (i = 0; i < m->n; i++) {
		const struct ui_menu_item *it = &m->items[i];
		int iw;

		if (it->label == NULL)
			continue;
		iw = ui_label_width(_(it->label)) + (it->id ? 0 : 2);
		if (it->shortcut != NULL)
			iw += 3 + ui_text_width(_(it->shortcut));
		if (iw > w)
			w = iw;
	}
	return w + 4;
}

static void item_draw(struct menu_run *r, int i, int w)
{
	const struct ui_menu_item *it = &r->menus[r->cur].items[i];
	bool sel = i == r->sel;
	attr_t a = ui_attr(sel ? UI_R_MENU_SEL
			   : it->id ? UI_R_MENU : UI_R_MENU_DISABLED);

	if (it->label == NULL) {
		wattrset(r->win, ui_attr(UI_R_MENU));
		ui_lines(r->win, i + 1, 0, UI_L_LT, 1, false);
		ui_lines(r->win, i + 1, 1, UI_L_H, w - 2, false);
		ui_lines(r->win, i + 1, w - 1, UI_L_RT, 1, false);
		return;
	}
	ui_fill(r->win, i + 1, 1, w - 2, a);
	if (it->id != 0) {
		ui_label_put(r->win, i + 1, 2, w - 4, _(it->label), a);
	} else {
		char *l = talloc_asprintf(NULL, "(%s)", _(it->label));

		ui_label_put_ex(r->win, i + 1, 2, w - 4, l, a, false);
		talloc_free(l);
	}
	if (r->menus[r->cur].checked != NULL &&
	    r->menus[r->cur].checked(it->id))
		ui_text_put(r->win, i + 1, 1, 1,
			    ui.utf8 && !ui.ascii ? "\u2713" : "*", a);
	if (it->shortcut != NULL)
		ui_text_put(r->win, i + 1,
			    w - 2 - ui_text_width(_(it->shortcut)), w - 4,
			    _(it->shortcut), a);
	if (sel)
		ui_cursor(r->win, i + 1, 2);
}

static void menu_repaint(struct ui_screen *s)
{
	struct menu_run *r = (struct menu_run *)s;
	const struct ui_menu *m = &r->menus[r->cur];
	int w = menu_width(m), x = title_x(r->menus, r->cur), i;

	if (!ui_term_fits())
		return;
	if (x + w > COLS)
		x = COLS - w;
	if (r->win == NULL) {
		r->win = newwin(m->n + 2, w, r->bar_y + 1, x);
		r->pan = new_panel(r->win);
	} else {
		wresize(r->win, m->n + 2, w);
		move_panel(r->pan, r->bar_y + 1, x);
	}
	top_panel(r->pan);
	ui_menubar_draw(r->bar, r->bar_y, r->menus, r->n);
	ui_fill(r->bar, r->bar_y, title_x(r->menus, r->cur),
		ui_label_width(_(m->label)) + 2, ui_attr(UI_R_MENU_SEL));
	ui_label_put(r->bar, r->bar_y, title_x(r->menus, r->cur) + 1, 40,
		     _(m->label), ui_attr(UI_R_MENU_SEL));
	wbkgdset(r->win, ' ' | ui_attr(UI_R_MENU));
	werase(r->win);
	ui_frame(r->win, NULL, UI_R_MENU, UI_R_MENU);
	for (i = 0; i < m->n; i++)
		if (i != r->sel)
			item_draw(r, i, w);
	item_draw(r, r->sel, w);
}

static bool has_enabled(const struct ui_menu *m)
{
	int i;

	for (i = 0; i < m->n; i++)
		if (m->items[i].label != NULL && m->items[i].id != 0)
			return true;
	return false;
}

/* The next item in direction DIR: an enabled one, or in a menu of
 * disabled items only, any item (the highlight must stand somewhere). */
static void sel_step(struct menu_run *r, int dir)
{
	const struct ui_menu *m = &r->menus[r->cur];
	bool any = !has_enabled(m);
	int i;

	for (i = 1; i <= m->n; i++) {
		int j = ((r->sel + dir * i) % m->n + m->n) % m->n;

		if (m->items[j].label != NULL && (any || m->items[j].id != 0)) {
			r->sel = j;
			return;
		}
	}
}

/* Enter on a disabled item: the status line says why nothing happens. */
static void explain_disabled(const struct ui_menu_item *it)
{
	char label[128];
	const char *s = _(it->label);
	size_t n = 0;

	for (; *s != '\0' && n + 1 < sizeof(label); s++)
		if (*s != '&' || s[1] == '&')
			label[n++] = *s == '&' ? *++s : *s;
	if (n >= 3 && strcmp(label + n - 3, "...") == 0)
		n -= 3;
	label[n] = '\0';
	snprintf(ui.note, sizeof(ui.note),
		 _("%s is not part of this program (trusts only)."), label);
	ui_repaint_all();
}

static void menu_switch(struct menu_run *r, int cur)
{
	r->cur = (cur + r->n) % r->n;
	r->sel = -1;
	sel_step(r, 1);
	/* A narrower or wider menu: a window of the new size. */
	ui_window_close(&r->pan, &r->win);
}

static bool item_has_key(const struct ui_menu_item *it, int key)
{
	return it->label != NULL && it->id != 0 &&
	       ui_key_is_mnemonic(key, _(it->label));
}

/* The item whose mnemonic KEY is, to be chosen; -1 when none.  Where
 * several items share the letter (NT's User menu has New User and Select
 * Users on U), the key moves the selection to the next of them instead,
 * as Windows does, and Enter chooses: -2. */
static int item_by_key(struct menu_run *r, int key)
{
	const struct ui_menu *m = &r->menus[r->cur];
	int i, j, first = -1, n = 0;

	for (i = 0; i < m->n; i++)
		if (item_has_key(&m->items[i], key) && n++ == 0)
			first = i;
	if (n <= 1)
		return first;
	for (i = 1; i <= m->n; i++) {
		j = (r->sel + i + m->n) % m->n;
		if (item_has_key(&m->items[j], key)) {
			r->sel = j;
			break;
		}
	}
	return -2;
}

/* One key: the chosen id, 0 to close, -1 to go on. */
static int menu_key(struct menu_run *r, int key)
{
	const struct ui_menu *m = &r->menus[r->cur];
	int i;

	if (ui.note[0] != '\0') { /* an explanation stays for one key */
		ui.note[0] = '\0';
		ui_repaint_all();
	}
	switch (key) {
	case UI_QUIT:
	case UI_ESC:
	case UI_K(KEY_F(10)):
		return 0;
	case UI_K(KEY_F(1)):
		ui_help(UI_HELP_MENU);
		return -1;
	case UI_K(KEY_LEFT):
		menu_switch(r, r->cur - 1);
		return -1;
	case UI_K(KEY_RIGHT):
		menu_switch(r, r->cur + 1);
		return -1;
	case UI_K(KEY_UP):
		sel_step(r, -1);
		return -1;
	case UI_K(KEY_DOWN):
		sel_step(r, 1);
		return -1;
	case UI_ENTER:
		if (m->items[r->sel].id == 0)
			explain_disabled(&m->items[r->sel]);
		return m->items[r->sel].id ? m->items[r->sel].id : -1;
	}
	if (!UI_IS_ALT(key) && (i = item_by_key(r, key)) != -1)
		return i >= 0 ? m->items[i].id : -1;
	if ((i = ui_menubar_find(r->menus, r->n, key)) >= 0)
		menu_switch(r, i);
	return -1;
}

int ui_menubar_run(WINDOW *w, int y, const struct ui_menu *menus, int n,
		   int first, int first_item_key)
{
	struct menu_run r = { .bar = w, .bar_y = y, .menus = menus, .n = n };
	int id = -1;

	(void)first_item_key;
	r.scr.repaint = menu_repaint;
	menu_switch(&r, first < 0 ? 0 : first);
	ui_push(&r.scr);
	while (id < 0) {
		menu_repaint(&r.scr);
		id = menu_key(&r, ui_getkey());
	}
	ui_pop(&r.scr);
	ui_window_close(&r.pan, &r.win);
	ui_menubar_draw(w, y, menus, n);
	return id;
}
