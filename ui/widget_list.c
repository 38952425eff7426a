/*
 * usrmgr - a virtual list: rows are asked for only when they are drawn,
 * and fetched (a page at a time) only when scrolled into view.  libmenu
 * would allocate an item per row up front, which at 100,000 users costs
 * what exists rather than what is visible.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <wctype.h>
#include "ui_priv.h"

/* Make row ROW available if it can be; false when it is not there.
 * Fetching calls the model, which runs its event loop: never from
 * drawing (a repaint may come from inside that loop, on a resize). */
static bool have_row(struct ui_list *l, size_t row)
{
	while (row >= l->n && l->more && l->fetch != NULL && !l->paused &&
	       ui.busy_depth == 0) {
		size_t before = l->n;

		l->fetch(l, row);
		if (l->n == before)
			l->paused = true; /* cancelled: until the next key */
	}
	return row < l->n;
}

void ui_list_prefetch(struct ui_list *l, int h)
{
	ui_list_clamp(l, h);
	have_row(l, l->top + (size_t)(h > 0 ? h - 1 : 0));
}

void ui_list_set(struct ui_list *l, size_t n, bool more)
{
	l->n = n;
	l->more = more;
	if (l->sel >= n)
		l->sel = n > 0 ? n - 1 : 0;
	if (l->top > l->sel)
		l->top = l->sel;
}

void ui_list_clamp(struct ui_list *l, int h)
{
	if (h < 1)
		h = 1;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + (size_t)h)
		l->top = l->sel - (size_t)h + 1;
}

static void draw_row(struct ui_list *l, WINDOW *w, int y, int x, int width,
		     size_t row, attr_t a)
{
	int c, cx = x;

	ui_fill(w, y, x, width, a);
	for (c = 0; c < l->ncols && cx < x + width; c++) {
		int cw = c == l->ncols - 1 ? x + width - cx - 1 : l->col_w[c];
		const char *s = l->cell(l, row, c);

		if (cw > x + width - cx - 1)
			cw = x + width - cx - 1;
		/* A cut name says so; the last column runs to the edge. */
		if (s != NULL && cw > 0 && c < l->ncols - 1)
			ui_text_put_cut(w, y, cx + 1, cw, s, a);
		else if (s != NULL && cw > 0)
			ui_text_put(w, y, cx + 1, cw, s, a);
		cx += cw + 1;
	}
}

/* As a list box's frame shows them (widget_dialog.c), in column X. */
static void scroll_marks(struct ui_list *l, WINDOW *w, int y, int x, int h)
{
	wattrset(w, ui_attr(UI_R_LIST));
	if (l->top > 0)
		ui_lines(w, y, x, UI_L_UP, 1, false);
	if (l->top + (size_t)h < l->n || l->more)
		ui_lines(w, y + h - 1, x, UI_L_DOWN, 1, false);
}

void ui_list_draw(struct ui_list *l, WINDOW *w, int y, int x, int h,
		  int width, bool focused)
{
	int i;

	if (!l->plain)
		ui_list_clamp(l, h);
	for (i = 0; i < h; i++) {
		size_t row = l->top + (size_t)i;
		attr_t a = ui_attr(UI_R_LIST);

		if (row >= l->n) {
			ui_fill(w, y + i, x, width, a);
			if (i == 0 && l->n == 0 && l->empty != NULL)
				ui_text_put(w, y, x + 1, width - 1, l->empty,
					    ui_attr(UI_R_LIST) | A_DIM);
			continue;
		}
		if (row == l->sel && !l->plain)
			a = ui_attr(focused ? UI_R_LIST_SEL
					    : UI_R_LIST_SEL_IDLE);
		draw_row(l, w, y + i, x, width, row, a);
		if (l->picked != NULL && l->picked(l, row))
			ui_text_put(w, y + i, x, 1, "*", a | A_BOLD);
	}
	if (l->marks)
		scroll_marks(l, w, y, x + width - 1, h);
	if (focused)
		ui_cursor(w, y + (int)(l->sel - l->top), x + 1);
	if (focused && l->plain)
		ui_cursor(w, y, x + 1);
}

/* Letters jump to the next row whose first column starts with them, as
 * in a Windows list box. */
static bool list_find(struct ui_list *l, int key)
{
	size_t i;

	if (l->n == 0 || key < 0x20 || key >= UI_K(0))
		return false;
	for (i = 1; i <= l->n; i++) {
		size_t row = (l->sel + i) % l->n;
		const char *s = l->cell(l, row, 0);

		if (s != NULL && towlower((wint_t)(unsigned char)s[0]) ==
				 towlower((wint_t)key)) {
			l->sel = row;
			return true;
		}
	}
	return true;
}

/* Plain text scrolls: the keys move the first visible row. */
static bool plain_key(struct ui_list *l, int key, int h)
{
	size_t page = h > 1 ? (size_t)h - 1 : 1;
	size_t last = l->n > (size_t)h ? l->n - (size_t)h : 0;

	switch (key) {
	case UI_K(KEY_UP): l->top = l->top ? l->top - 1 : 0; break;
	case UI_K(KEY_DOWN): l->top = l->top < last ? l->top + 1 : last; break;
	case UI_K(KEY_PPAGE): l->top = l->top > page ? l->top - page : 0; break;
	case UI_K(KEY_NPAGE):
		l->top = l->top + page < last ? l->top + page : last;
		break;
	case UI_K(KEY_HOME): l->top = 0; break;
	case UI_K(KEY_END): l->top = last; break;
	default: return false;
	}
	l->sel = l->top;
	return true;
}

bool ui_list_key(struct ui_list *l, int key, int h)
{
	size_t page = h > 1 ? (size_t)h - 1 : 1;

	if (l->plain)
		return plain_key(l, key, h);
	l->paused = false; /* a key asks for more again */

	switch (key) {
	case UI_K(KEY_UP):
		if (l->sel > 0)
			l->sel--;
		break;
	case UI_K(KEY_DOWN):
		if (have_row(l, l->sel + 1))
			l->sel++;
		break;
	case UI_K(KEY_PPAGE):
		l->sel = l->sel > page ? l->sel - page : 0;
		break;
	case UI_K(KEY_NPAGE):
		have_row(l, l->sel + page);
		l->sel = l->sel + page < l->n ? l->sel + page
					      : (l->n ? l->n - 1 : 0);
		break;
	case UI_K(KEY_HOME):
		l->sel = 0;
		break;
	case UI_K(KEY_END):
		while (l->more && have_row(l, l->n))
			;
		l->sel = l->n ? l->n - 1 : 0;
		break;
	default:
		if (!list_find(l, key))
			return false;
	}
	ui_list_clamp(l, h);
	return true;
}
