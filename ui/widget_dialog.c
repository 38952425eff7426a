/*
 * usrmgr - dialogs: a boxed window with labels, buttons, list boxes and
 * form fields; Tab and Shift-Tab move the focus, Alt+letter (or the
 * letter, in a dialog without a text field) follows the underlined mnemonic,
 * Enter presses the default button, Esc cancels, F1 explains.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include "ui_priv.h"

static void dialog_repaint(struct ui_screen *s)
{
	ui_dialog_paint((struct ui_dialog *)s, true);
}

void ui_dialog_init(struct ui_dialog *d, const char *title, int h, int w,
		    enum ui_help_topic help)
{
	memset(d, 0, sizeof(*d));
	d->scr.repaint = dialog_repaint;
	d->title = title;
	d->h = h;
	d->w = w;
	d->help = help;
	d->focus = -1;
	d->default_id = -1;
	d->cancel_id = UI_ANSWER_CANCEL;
}

void ui_dialog_handle(struct ui_dialog *d, ui_dialog_event_fn event,
		      void (*paint_extra)(struct ui_dialog *d), void *priv,
		      int default_id, int cancel_id)
{
	d->event = event;
	d->paint_extra = paint_extra;
	d->priv = priv;
	d->default_id = default_id;
	d->cancel_id = cancel_id;
}

static struct ui_ctl *ctl_add(struct ui_dialog *d, enum ui_ctl_kind kind,
			      int id, int y, int x)
{
	struct ui_ctl *c = &d->ctl[d->nctl++];

	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->id = id;
	c->y = y;
	c->x = x;
	c->h = 1;
	return c;
}

struct ui_ctl *ui_dialog_label(struct ui_dialog *d, int y, int x,
			       const char *text)
{
	struct ui_ctl *c = ctl_add(d, UI_CTL_LABEL, -1, y, x);

	c->text = text;
	c->w = ui_label_width(text);
	return c;
}

struct ui_ctl *ui_dialog_button(struct ui_dialog *d, int id, int y, int x,
				const char *text)
{
	struct ui_ctl *c = ctl_add(d, UI_CTL_BUTTON, id, y, x);

	c->text = text;
	c->w = ui_button_width(text);
	return c;
}

/* The button before C on its row, if any (rows are built left to right). */
static const struct ui_ctl *row_before(const struct ui_dialog *d,
				       const struct ui_ctl *c)
{
	const struct ui_ctl *b;

	for (b = c - 1; b >= d->ctl; b--)
		if (b->kind == UI_CTL_BUTTON && b->y == c->y && b->x < c->x)
			return b;
	return NULL;
}

struct ui_ctl *ui_dialog_button_w(struct ui_dialog *d, int id, int y, int x,
				  const char *text, int min_w)
{
	struct ui_ctl *c = ui_dialog_button(d, id, y, x, text);
	const struct ui_ctl *b = row_before(d, c);

	if (c->w < min_w)
		c->w = min_w;
	/* a longer translation pushes the buttons after it to the right */
	if (b != NULL && c->x < b->x + b->w + 2)
		c->x = b->x + b->w + 2;
	return c;
}

void ui_dialog_button_column(struct ui_dialog *d, int x)
{
	int i, w = 0;

	for (i = 0; i < d->nctl; i++)
		if (d->ctl[i].kind == UI_CTL_BUTTON && d->ctl[i].x == x &&
		    d->ctl[i].w > w)
			w = d->ctl[i].w;
	for (i = 0; i < d->nctl; i++)
		if (d->ctl[i].kind == UI_CTL_BUTTON && d->ctl[i].x == x)
			d->ctl[i].w = w;
}

struct ui_ctl *ui_dialog_list(struct ui_dialog *d, int id, int y, int x,
			      int h, int w, struct ui_list *l)
{
	struct ui_ctl *c = ctl_add(d, UI_CTL_LIST, id, y, x);

	c->h = h;
	c->w = w;
	c->list = l;
	return c;
}

struct ui_ctl *ui_dialog_field(struct ui_dialog *d, int id, int y, int x,
			       int w, bool secret, int max)
{
	struct ui_ctl *c = ctl_add(d, UI_CTL_FIELD, id, y, x);

	c->w = w;
	c->secret = secret;
	c->field = ui_field_new(y, x, w, secret, max);
	d->fields[d->nfields++] = c->field;
	d->fields[d->nfields] = NULL;
	return c;
}

struct ui_ctl *ui_dialog_custom(struct ui_dialog *d, int id, int y, int x,
				int h, int w,
				void (*draw)(struct ui_dialog *d,
					     struct ui_ctl *c, bool focused))
{
	struct ui_ctl *c = ctl_add(d, UI_CTL_CUSTOM, id, y, x);

	c->h = h;
	c->w = w;
	c->draw = draw;
	return c;
}

struct ui_ctl *ui_dialog_ctl(struct ui_dialog *d, int id)
{
	int i;

	for (i = 0; i < d->nctl; i++)
		if (d->ctl[i].id == id && d->ctl[i].kind != UI_CTL_LABEL)
			return &d->ctl[i];
	return NULL;
}

static bool focusable(const struct ui_ctl *c)
{
	return c->kind != UI_CTL_LABEL && !c->disabled;
}

static void focus_index(struct ui_dialog *d, int i)
{
	struct ui_ctl *c = &d->ctl[i];

	d->focus = i;
	if (c->kind == UI_CTL_FIELD && d->form != NULL) {
		set_current_field(d->form, c->field);
		form_driver(d->form, REQ_END_FIELD);
	}
}

void ui_dialog_focus(struct ui_dialog *d, int id)
{
	int i;

	for (i = 0; i < d->nctl; i++)
		if (d->ctl[i].id == id && focusable(&d->ctl[i]))
			focus_index(d, i);
}

static void focus_step(struct ui_dialog *d, int dir)
{
	int i, n = d->nctl;

	for (i = 1; i <= n; i++) {
		int j = ((d->focus + dir * i) % n + n) % n;

		if (focusable(&d->ctl[j])) {
			focus_index(d, j);
			return;
		}
	}
}

void ui_dialog_focus_next(struct ui_dialog *d)
{
	focus_step(d, 1);
}

/* ---- painting ------------------------------------------------------ */

static void list_frame(struct ui_dialog *d, struct ui_ctl *c)
{
	WINDOW *w = d->win;
	struct ui_list *l = c->list;
	int inner = c->h - 2;

	wattrset(w, ui_attr(UI_R_DIALOG));
	ui_box(w, c->y, c->x, c->h, c->w);
	/* Scroll arrows where there is more to see. */
	if (l->top > 0)
		ui_lines(w, c->y + 1, c->x + c->w - 1, UI_L_UP, 1, false);
	if (l->top + (size_t)inner < l->n || l->more)
		ui_lines(w, c->y + c->h - 2, c->x + c->w - 1, UI_L_DOWN, 1,
			 false);
}

static void paint_ctl(struct ui_dialog *d, struct ui_ctl *c, bool focused)
{
	switch (c->kind) {
	case UI_CTL_LABEL:
		ui_label_put(d->win, c->y, c->x, c->w, c->text,
			     ui_attr(UI_R_DIALOG));
		break;
	case UI_CTL_BUTTON:
		ui_button_draw(d->win, c, focused);
		break;
	case UI_CTL_CHECK:
		ui_check_draw(d->win, c, focused);
		break;
	case UI_CTL_COMBO:
		ui_combo_draw(d->win, c, focused);
		break;
	case UI_CTL_LIST:
		ui_list_draw(c->list, d->win, c->y + 1, c->x + 1, c->h - 2,
			     c->w - 2, focused);
		list_frame(d, c);
		break;
	case UI_CTL_CUSTOM:
		c->draw(d, c, focused);
		break;
	case UI_CTL_FIELD:
		/* Brackets show an empty field where there is no colour. */
		wattrset(d->win, ui_attr(UI_R_DIALOG));
		mvwaddch(d->win, c->y, c->x - 1, '[');
		mvwaddch(d->win, c->y, c->x + c->w, ']');
		ui_field_draw_mask(d, c);
		if (focused && d->form != NULL) {
			pos_form_cursor(d->form);
			ui_cursor(d->win, getcury(d->win), getcurx(d->win));
		}
		break;
	}
}

/* Wide enough for every control and the title, as translated: a label
 * or a button keeps a blank before the frame (a list or a field may
 * reach it), the title a line each side. */
static void fit_width(struct ui_dialog *d)
{
	int i;

	for (i = 0; i < d->nctl; i++) {
		const struct ui_ctl *c = &d->ctl[i];
		int need = c->x + c->w + (c->kind == UI_CTL_LABEL ||
					  c->kind == UI_CTL_BUTTON ? 2 : 1);

		if (need > d->w)
			d->w = need;
	}
	if (d->title != NULL && ui_text_width(d->title) + 6 > d->w)
		d->w = ui_text_width(d->title) + 6;
}

static void place(struct ui_dialog *d)
{
	int y, x;

	fit_width(d);
	y = (LINES - d->h) / 2;
	x = (COLS - d->w) / 2;

	if (d->win == NULL) {
		/* Opened while the terminal is too small (a message from the
		 * model): a window that fits now, its real size once it
		 * grows. */
		d->win = newwin(d->h < LINES ? d->h : LINES,
				d->w < COLS ? d->w : COLS, y > 0 ? y : 0,
				x > 0 ? x : 0);
		d->pan = new_panel(d->win);
		return;
	}
	wresize(d->win, d->h, d->w);
	move_panel(d->pan, y > 0 ? y : 0, x > 0 ? x : 0);
}

/* FULL: lay out again and redraw everything (opening, a resize);
 * otherwise only the controls, which each clear their own cells. */
void ui_dialog_paint(struct ui_dialog *d, bool full)
{
	int i;

	if (!ui_term_fits())
		return;
	if (full) {
		ui_form_unpost(d);
		place(d);
		wbkgdset(d->win, ' ' | ui_attr(UI_R_DIALOG));
		werase(d->win);
		/* post_form() clears its window: the frame comes after. */
		ui_form_post(d);
		ui_frame(d->win, d->title, UI_R_DIALOG, UI_R_DIALOG_TITLE);
	}
	if (d->focus >= 0 && !focusable(&d->ctl[d->focus]))
		focus_step(d, 1); /* the focused button was just disabled */
	for (i = 0; i < d->nctl; i++)
		if (i != d->focus)
			paint_ctl(d, &d->ctl[i], false);
	if (d->paint_extra != NULL)
		d->paint_extra(d);
	if (d->focus >= 0)
		paint_ctl(d, &d->ctl[d->focus], true);
}

/* ---- keys ---------------------------------------------------------- */

static int press(struct ui_dialog *d, struct ui_ctl *c)
{
	if (c->disabled)
		return UI_DLG_CONTINUE;
	if (c->id == UI_ID_HELP && d->help != UI_HELP_CUSTOM) {
		ui_help(d->help);
		return UI_DLG_CONTINUE;
	}
	if (d->ok != NULL && c->id == d->default_id)
		return d->ok(d);
	return d->event != NULL ? d->event(d, c->id, 0) : c->id;
}

static int press_default(struct ui_dialog *d)
{
	struct ui_ctl *c = ui_dialog_ctl(d, d->default_id);

	return c != NULL ? press(d, c) : UI_DLG_CONTINUE;
}

/* A mnemonic: a label sends the focus to the control after it, a
 * button is pressed. */
static int mnemonic(struct ui_dialog *d, int key, bool *found)
{
	int i;

	*found = false;
	for (i = 0; i < d->nctl; i++) {
		struct ui_ctl *c = &d->ctl[i];

		if (c->text == NULL || c->disabled ||
		    !ui_key_is_mnemonic(key, c->text))
			continue;
		*found = true;
		if (c->kind == UI_CTL_BUTTON) {
			focus_index(d, i);
			return press(d, c);
		}
		if (c->kind == UI_CTL_CHECK) {
			focus_index(d, i);
			ui_check_press(d, c);
			return d->event != NULL ? d->event(d, c->id, ' ')
						: UI_DLG_CONTINUE;
		}
		d->focus = i;
		focus_step(d, 1);
		return UI_DLG_CONTINUE;
	}
	return UI_DLG_CONTINUE;
}

static int key_list(struct ui_dialog *d, struct ui_ctl *c, int key,
		    bool *used)
{
	*used = true;
	if (key == UI_ENTER) {
		int r = d->event != NULL ? d->event(d, c->id, UI_ENTER)
					 : UI_DLG_CONTINUE;

		return r == UI_DLG_CONTINUE ? press_default(d) : r;
	}
	if (UI_IS_ALT(key) || !ui_list_key(c->list, key, c->h - 2)) {
		*used = false;
		return UI_DLG_CONTINUE;
	}
	return d->event != NULL ? d->event(d, c->id, UI_EV_SELECT)
				: UI_DLG_CONTINUE;
}

static int key_custom(struct ui_dialog *d, struct ui_ctl *c, int key,
		      bool *used)
{
	int r = d->event != NULL ? d->event(d, c->id, key) : UI_DLG_UNUSED;

	*used = r != UI_DLG_UNUSED;
	return *used ? r : UI_DLG_CONTINUE;
}

static int key_focused(struct ui_dialog *d, int key, bool *used)
{
	struct ui_ctl *c = d->focus >= 0 ? &d->ctl[d->focus] : NULL;

	*used = false;
	if (c == NULL)
		return UI_DLG_CONTINUE;
	switch (c->kind) {
	case UI_CTL_LIST:
		return key_list(d, c, key, used);
	case UI_CTL_CUSTOM:
		return key_custom(d, c, key, used);
	case UI_CTL_COMBO:
		return ui_combo_key(d, c, key, used);
	case UI_CTL_FIELD:
		*used = true;
		if (key == UI_ENTER)
			return press_default(d);
		*used = ui_field_key(d, c, key);
		return UI_DLG_CONTINUE;
	case UI_CTL_BUTTON:
		if (key == UI_ENTER || key == ' ') {
			*used = true;
			return press(d, c);
		}
		if (key == UI_K(KEY_RIGHT) || key == UI_K(KEY_DOWN) ||
		    key == UI_K(KEY_LEFT) || key == UI_K(KEY_UP)) {
			*used = true;
			focus_step(d, key == UI_K(KEY_RIGHT) ||
					      key == UI_K(KEY_DOWN) ? 1 : -1);
		}
		return UI_DLG_CONTINUE;
	case UI_CTL_CHECK:
		if (key == ' ') {
			*used = true;
			ui_check_press(d, c);
			return d->event != NULL ? d->event(d, c->id, ' ')
						: UI_DLG_CONTINUE;
		}
		if (key == UI_K(KEY_DOWN) || key == UI_K(KEY_UP)) {
			*used = true;
			focus_step(d, key == UI_K(KEY_DOWN) ? 1 : -1);
		}
		return UI_DLG_CONTINUE;
	default:
		return UI_DLG_CONTINUE;
	}
}

static int dialog_key(struct ui_dialog *d, int key)
{
	bool used;
	int r;

	switch (key) {
	case UI_QUIT:
	case UI_ESC:
		return d->cancel_id;
	case UI_K(KEY_F(1)):
		ui_help(d->help);
		return UI_DLG_CONTINUE;
	case UI_TAB:
		focus_step(d, 1);
		return UI_DLG_CONTINUE;
	case UI_K(KEY_BTAB):
		focus_step(d, -1);
		return UI_DLG_CONTINUE;
	}
	/* With a field focused, letters are typed; Alt+letter still works.
	 * Alt+Down and Alt+Up are a drop-down list's. */
	if (!UI_IS_ALT(key) || key == UI_ALT_DOWN || key == UI_ALT_UP) {
		r = key_focused(d, key, &used);
		if (used)
			return r;
	}
	/* In a dialog with a text field a plain letter is never a button:
	 * a word typed a moment after the focus left the field (typing
	 * "RESOURCE" pressed Repair...) must not act.  Only Alt+letter (Esc
	 * letter on a vt100) does there. */
	if (d->nfields > 0 && !UI_IS_ALT(key))
		return key == UI_ENTER ? press_default(d) : UI_DLG_CONTINUE;
	r = mnemonic(d, key, &used);
	if (used)
		return r;
	if (key == UI_ENTER)
		return press_default(d);
	return UI_DLG_CONTINUE;
}

static void form_open(struct ui_dialog *d)
{
	if (d->nfields == 0 || d->form != NULL)
		return;
	d->form = new_form(d->fields);
	set_form_win(d->form, d->win);
	set_form_sub(d->form, d->win);
}

int ui_dialog_run(struct ui_dialog *d)
{
	int r = UI_DLG_CONTINUE;

	if (d->win == NULL)
		place(d);
	form_open(d);
	ui_push(&d->scr);
	show_panel(d->pan);
	top_panel(d->pan);
	if (d->focus < 0)
		focus_step(d, 1);
	ui_dialog_paint(d, true);
	if (d->focus >= 0)
		focus_index(d, d->focus);
	while (r == UI_DLG_CONTINUE) {
		ui_dialog_paint(d, false);
		r = dialog_key(d, ui_getkey());
		if (ui.quit_signal)
			r = d->cancel_id;
	}
	hide_panel(d->pan);
	ui_pop(&d->scr);
	return r;
}

void ui_dialog_free(struct ui_dialog *d)
{
	int i;

	for (i = 0; i < d->nctl; i++)
		if (d->ctl[i].secret)
			ui_field_wipe(d, &d->ctl[i]);
	if (d->form != NULL) {
		unpost_form(d->form);
		free_form(d->form);
		d->form = NULL;
	}
	for (i = 0; i < d->nfields; i++)
		free_field(d->fields[i]);
	d->nfields = 0;
	ui_window_close(&d->pan, &d->win);
	ui_pop(&d->scr);
}
