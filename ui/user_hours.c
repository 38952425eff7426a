/*
 * usrmgr - User Properties > Hours: NT 4.0's Logon Hours dialog, the
 * week as a grid of 7 days (Sunday first, as SAMR counts) by 24 hours,
 * driven from the keyboard: the arrows move, Space allows or disallows
 * the hour under the cursor, Shift+arrows (or M, then the arrows, where
 * the terminal has no Shift+arrows) select a block, and Allow and
 * Disallow act on the block.
 *
 * The hours are UTC, as the PDC stores them (accounts.h,
 * UM_HOURS_BYTES), and the dialog says so: converting to the operator's
 * time zone would shift the grid by a zone the operator may not share
 * with the PDC or the workstations, and would break at a change to
 * daylight saving time.  It edits the pending change of the dialog below
 * it; nothing reaches the PDC from here.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include "ui_priv.h"

enum { ID_GRID = 1, ID_OK, ID_CANCEL, ID_ALLOW, ID_DISALLOW };

#define DAYS 7
#define HOURS 24
#define CELL_W 2
#define GRID_Y 5     /* the first day's row */
#define NAMES_X 2    /* the day names */

static const char *const day_names[DAYS] = {
	N_("Sunday"), N_("Monday"), N_("Tuesday"), N_("Wednesday"),
	N_("Thursday"), N_("Friday"), N_("Saturday"),
};

struct hours_dialog {
	struct um_account *a;
	uint8_t hours[UM_HOURS_BYTES]; /* the grid, until OK */
	int day, hour;                 /* the cursor */
	int mark_day, mark_hour;       /* the block's other corner */
	bool marked;                   /* a block is selected */
	bool sticky;                   /* ... by M: plain arrows extend it */
	int grid_x;                    /* column of hour 0 */
	TALLOC_CTX *mem;
	char *status;                  /* the line under the grid */
};

static int min_i(int a, int b) { return a < b ? a : b; }
static int max_i(int a, int b) { return a > b ? a : b; }

/* The block: from (D0, H0) to (D1, H1), both included. */
static void block(const struct hours_dialog *h, int *d0, int *h0, int *d1,
		  int *h1)
{
	int md = h->marked ? h->mark_day : h->day;
	int mh = h->marked ? h->mark_hour : h->hour;

	*d0 = min_i(md, h->day);
	*d1 = max_i(md, h->day);
	*h0 = min_i(mh, h->hour);
	*h1 = max_i(mh, h->hour);
}

static bool in_block(const struct hours_dialog *h, int day, int hour)
{
	int d0, h0, d1, h1;

	block(h, &d0, &h0, &d1, &h1);
	return day >= d0 && day <= d1 && hour >= h0 && hour <= h1;
}

/* What the cursor is on, or the block, in words: for the eye, and for
 * a screen reader, which reads the line the grid cannot say. */
static void describe(struct hours_dialog *h)
{
	int d0, h0, d1, h1;

	block(h, &d0, &h0, &d1, &h1);
	talloc_free(h->status);
	if (h->marked)
		h->status = talloc_asprintf(
			h->mem, _("Selected: %s to %s, %02d:00 to %02d:00"),
			_(day_names[d0]), _(day_names[d1]), h0, h1 + 1);
	else
		h->status = talloc_asprintf(
			h->mem, _("%s, %02d:00 to %02d:00: %s"),
			_(day_names[h->day]), h->hour, h->hour + 1,
			um_user_hours_get(h->hours, h->day, h->hour)
				? _("logon allowed") : _("no logon"));
}

static const char *cell_text(bool allowed)
{
	if (ui.utf8 && !ui.ascii)
		return allowed ? "\u2588\u2588" : "\u00b7\u00b7";
	return allowed ? "##" : "..";
}

/* Every third hour's number above its column. */
static void draw_header(WINDOW *w, int x0)
{
	int hr;

	wattrset(w, ui_attr(UI_R_DIALOG));
	ui_fill(w, GRID_Y - 1, x0, HOURS * CELL_W, ui_attr(UI_R_DIALOG));
	for (hr = 0; hr < HOURS; hr += 3)
		mvwprintw(w, GRID_Y - 1, x0 + hr * CELL_W, "%d", hr);
}

static void draw_grid(struct ui_dialog *d, struct ui_ctl *c, bool focused)
{
	struct hours_dialog *h = d->priv;
	WINDOW *w = d->win;
	int day, hr;

	draw_header(w, c->x);
	for (day = 0; day < DAYS; day++) {
		ui_fill(w, c->y + day, NAMES_X, c->x - NAMES_X,
			ui_attr(UI_R_DIALOG));
		ui_text_put(w, c->y + day, NAMES_X, c->x - NAMES_X - 1,
			    _(day_names[day]), ui_attr(UI_R_DIALOG));
		for (hr = 0; hr < HOURS; hr++) {
			bool sel = focused || h->marked
				? in_block(h, day, hr) : false;
			attr_t a = ui_attr(sel ? UI_R_LIST_SEL : UI_R_LIST);

			bool on = um_user_hours_get(h->hours,
						    (unsigned)day,
						    (unsigned)hr);

			ui_text_put(w, c->y + day, c->x + hr * CELL_W, CELL_W,
				    cell_text(on), a);
		}
	}
	ui_fill(w, c->y + DAYS + 1, NAMES_X, d->w - NAMES_X - 2,
		ui_attr(UI_R_DIALOG));
	ui_text_line(w, c->y + DAYS + 1, NAMES_X, d->w - NAMES_X - 2,
		     h->status, ui_attr(UI_R_DIALOG));
	if (focused)
		ui_cursor(w, c->y + h->day, c->x + h->hour * CELL_W);
}

/* Allow or disallow the block (the cursor's hour when there is none). */
static void set_block(struct hours_dialog *h, bool allow)
{
	int d0, h0, d1, h1, day, hr;

	block(h, &d0, &h0, &d1, &h1);
	for (day = d0; day <= d1; day++)
		for (hr = h0; hr <= h1; hr++)
			um_user_hours_put(h->hours, day, hr, allow);
}

/* Where an arrow (plain or with Shift) takes the cursor; false for any
 * other key.  *SHIFT says whether it extends a block. */
static bool arrow(int key, int *dd, int *dh, bool *shift)
{
	static const struct { int key, dd, dh; bool shift; } map[] = {
		{ UI_K(KEY_UP), -1, 0, false },
		{ UI_K(KEY_DOWN), 1, 0, false },
		{ UI_K(KEY_LEFT), 0, -1, false },
		{ UI_K(KEY_RIGHT), 0, 1, false },
		{ UI_K(KEY_SR), -1, 0, true },
		{ UI_K(KEY_SF), 1, 0, true },
		{ UI_K(KEY_SLEFT), 0, -1, true },
		{ UI_K(KEY_SRIGHT), 0, 1, true },
		{ UI_K(KEY_HOME), 0, -HOURS, false },
		{ UI_K(KEY_END), 0, HOURS, false },
		{ UI_K(KEY_PPAGE), -DAYS, 0, false },
		{ UI_K(KEY_NPAGE), DAYS, 0, false },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].key == key) {
			*dd = map[i].dd;
			*dh = map[i].dh;
			*shift = map[i].shift;
			return true;
		}
	return false;
}

static void cursor_move(struct hours_dialog *h, int dd, int dh, bool shift)
{
	if (shift && !h->marked) {
		h->marked = true;
		h->sticky = false;
		h->mark_day = h->day;
		h->mark_hour = h->hour;
	} else if (!shift && !h->sticky) {
		h->marked = false;
	}
	h->day = max_i(0, min_i(DAYS - 1, h->day + dd));
	h->hour = max_i(0, min_i(HOURS - 1, h->hour + dh));
}

static int grid_key(struct hours_dialog *h, int key)
{
	int dd, dh;
	bool shift;

	if (arrow(key, &dd, &dh, &shift)) {
		cursor_move(h, dd, dh, shift);
	} else if (key == ' ') {
		h->marked = h->sticky = false;
		um_user_hours_put(h->hours, h->day, h->hour,
				  !um_user_hours_get(h->hours, h->day,
						     h->hour));
	} else if (key == 'm' || key == 'M') {
		/* M sets the block's corner here; again, drops the block */
		h->marked = h->sticky = !(h->marked && h->sticky);
		h->mark_day = h->day;
		h->mark_hour = h->hour;
	} else {
		return UI_DLG_UNUSED;
	}
	describe(h);
	return UI_DLG_CONTINUE;
}

static int hours_event(struct ui_dialog *d, int id, int key)
{
	struct hours_dialog *h = d->priv;

	switch (id) {
	case ID_GRID:
		return grid_key(h, key);
	case ID_ALLOW:
	case ID_DISALLOW:
		set_block(h, id == ID_ALLOW);
		describe(h);
		return UI_DLG_CONTINUE;
	case ID_OK:
		if (memcmp(h->hours, h->a->logon_hours, sizeof(h->hours))) {
			memcpy(h->a->logon_hours, h->hours, sizeof(h->hours));
			h->a->fields |= UM_FIELD_LOGON_HOURS;
		}
		return ID_OK;
	default:
		return id == ID_CANCEL ? id : UI_DLG_CONTINUE;
	}
}

/* The day names' column: as wide as the longest, translated. */
static int names_width(void)
{
	int i, w = 0;

	for (i = 0; i < DAYS; i++)
		w = max_i(w, ui_text_width(_(day_names[i])));
	return w;
}

static void layout(struct ui_dialog *d, struct hours_dialog *h)
{
	int bx;

	h->grid_x = NAMES_X + names_width() + 1;
	bx = h->grid_x + HOURS * CELL_W + 2;
	ui_dialog_label(d, 1, 2, ui_user_caption(h->mem, h->a));
	ui_dialog_label(d, 2, 2, _("Hours are UTC (Coordinated Universal "
				   "Time)."));
	ui_dialog_custom(d, ID_GRID, GRID_Y, h->grid_x, DAYS,
			 HOURS * CELL_W, draw_grid);
	ui_dialog_label(d, GRID_Y + DAYS + 2, 2,
			_("Space: one hour. Shift+arrows, or M and "
			  "arrows: a block."));
	ui_dialog_button_w(d, ID_OK, 1, bx, _("OK"), 12);
	ui_dialog_button_w(d, ID_CANCEL, 3, bx, _("Cancel"), 12);
	ui_dialog_button_w(d, UI_ID_HELP, 5, bx, _("&Help"), 12);
	ui_dialog_button_w(d, ID_ALLOW, 8, bx, _("&Allow"), 12);
	ui_dialog_button_w(d, ID_DISALLOW, 10, bx, _("&Disallow"), 12);
	ui_dialog_button_column(d, bx);
}

bool ui_user_hours(struct um_account *a)
{
	struct hours_dialog h = { .a = a, .day = 0, .hour = 0 };
	struct ui_dialog d;
	int r;

	h.mem = talloc_new(NULL);
	memcpy(h.hours, a->logon_hours, sizeof(h.hours));
	describe(&h);
	ui_dialog_init(&d, _("Logon Hours"), GRID_Y + DAYS + 4, 60,
		       UI_HELP_USER_HOURS);
	ui_dialog_handle(&d, hours_event, NULL, &h, ID_OK, ID_CANCEL);
	layout(&d, &h);
	ui_dialog_focus(&d, ID_GRID);
	r = ui_dialog_run(&d);
	ui_dialog_free(&d);
	talloc_free(h.mem);
	return r == ID_OK;
}
