/*
 * usrmgr - drop-down lists, as NT 4.0's combo boxes of the CBS_DROPDOWNLIST
 * kind (User Rights Policy's Right): one line shows the choice, Up and
 * Down (and a letter) change it in place, and Alt+Down, F4 or Enter opens
 * the whole list below it; there Enter, Alt+Up or Tab chooses, Esc leaves
 * the choice as it was.
 *
 * The rows are a struct ui_list's (its cell(), its first column): the
 * list a screen has is the list it drops down.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "ui_priv.h"

/* Rows an opened list shows at most (Windows shows eight). */
#define DROP_ROWS 8

struct ui_ctl *ui_dialog_combo(struct ui_dialog *d, int id, int y, int x,
			       int w, struct ui_list *l)
{
	struct ui_ctl *c = ui_dialog_list(d, id, y, x, 1, w, l);

	c->kind = UI_CTL_COMBO;
	return c;
}

/* "[ choice ... v ]": padded as a button is, for it opens like one. */
void ui_combo_draw(WINDOW *w, const struct ui_ctl *c, bool focused)
{
	struct ui_list *l = c->list;
	attr_t frame = ui_attr(c->disabled ? UI_R_DISABLED : UI_R_DIALOG);
	attr_t a = ui_attr(c->disabled ? UI_R_DISABLED
			   : focused ? UI_R_LIST_SEL : UI_R_FIELD);
	const char *s = l->n > 0 ? l->cell(l, l->sel, 0) : l->empty;

	mvwaddch(w, c->y, c->x, '[' | frame);
	ui_fill(w, c->y, c->x + 1, c->w - 2, a);
	if (s != NULL)
		ui_text_put_cut(w, c->y, c->x + 2, c->w - 6, s, a);
	wattrset(w, frame);
	ui_lines(w, c->y, c->x + c->w - 3, UI_L_DOWN, 1, false);
	mvwaddch(w, c->y, c->x + c->w - 2, ' ' | frame);
	mvwaddch(w, c->y, c->x + c->w - 1, ']' | frame);
	if (focused)
		ui_cursor(w, c->y, c->x + 2);
}

/* ---- the opened list ------------------------------------------------ */

struct drop {
	struct ui_screen scr;
	struct ui_dialog *d;
	struct ui_ctl *c;
	WINDOW *win;
	PANEL *pan;
	int rows;
};

/* Below the control, or above it where the screen ends first. */
static void drop_place(struct drop *p)
{
	int dy = getbegy(p->d->win), dx = getbegx(p->d->win);
	int h = p->rows + 2, y = dy + p->c->y + 1, x = dx + p->c->x;

	if (y + h > LINES && dy + p->c->y - h >= 0)
		y = dy + p->c->y - h;
	if (x + p->c->w > COLS)
		x = COLS - p->c->w;
	if (p->win == NULL) {
		p->win = newwin(h, p->c->w, y, x > 0 ? x : 0);
		p->pan = new_panel(p->win);
		return;
	}
	wresize(p->win, h, p->c->w);
	move_panel(p->pan, y, x > 0 ? x : 0);
}

static void drop_repaint(struct ui_screen *s)
{
	struct drop *p = (struct drop *)s;

	if (!ui_term_fits())
		return;
	drop_place(p);
	top_panel(p->pan);
	wbkgdset(p->win, ' ' | ui_attr(UI_R_LIST));
	werase(p->win);
	wattrset(p->win, ui_attr(UI_R_LIST));
	ui_box(p->win, 0, 0, p->rows + 2, p->c->w);
	p->c->list->marks = true;
	ui_list_draw(p->c->list, p->win, 1, 1, p->rows, p->c->w - 2, true);
	p->c->list->marks = false;
}

/* Run the opened list; true when a row was chosen. */
static bool drop_run(struct ui_dialog *d, struct ui_ctl *c)
{
	struct drop p = { .d = d, .c = c };
	struct ui_list *l = c->list;
	size_t before = l->sel;
	int key = 0;

	p.rows = l->n < DROP_ROWS ? (int)l->n : DROP_ROWS;
	p.scr.repaint = drop_repaint;
	ui_push(&p.scr);
	for (;;) {
		drop_repaint(&p.scr);
		key = ui_getkey();
		if (key == UI_ENTER || key == UI_ALT_UP || key == UI_ALT_DOWN ||
		    key == UI_TAB || key == UI_K(KEY_F(4)))
			break;
		if (key == UI_ESC || key == UI_QUIT) {
			l->sel = before;
			break;
		}
		ui_list_key(l, key, p.rows);
	}
	ui_pop(&p.scr);
	ui_window_close(&p.pan, &p.win);
	ui_list_clamp(l, 1);
	if (key == UI_TAB)
		ui_dialog_focus_next(d);
	return l->sel != before;
}

/* ---- keys ------------------------------------------------------------- */

static bool opens(int key)
{
	return key == UI_ALT_DOWN || key == UI_K(KEY_F(4)) || key == UI_ENTER;
}

int ui_combo_key(struct ui_dialog *d, struct ui_ctl *c, int key, bool *used)
{
	struct ui_list *l = c->list;
	size_t before = l->sel;

	*used = true;
	if (opens(key)) {
		if (l->n == 0 || !drop_run(d, c))
			return UI_DLG_CONTINUE;
	} else if (UI_IS_ALT(key) || !ui_list_key(l, key, 1)) {
		*used = false;
		return UI_DLG_CONTINUE;
	} else if (l->sel == before) {
		return UI_DLG_CONTINUE;
	}
	return d->event != NULL ? d->event(d, c->id, UI_EV_SELECT)
				: UI_DLG_CONTINUE;
}
