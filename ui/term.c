/*
 * usrmgr - the terminal: setting it up and always giving it back, colours
 * or reverse video, line drawing or ASCII, signals through a self-pipe
 * (as mc does), resizing, and the stack of screens drawn on it.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "ui_priv.h"

struct ui_state ui = { .sigpipe = { -1, -1 } };

static struct ui_screen *stack_top;
static WINDOW *small_win;
static PANEL *small_pan;
static attr_t roles[UI_R_COUNT];

/* ---- signals ------------------------------------------------------- */

static void on_signal(int sig)
{
	unsigned char b = (unsigned char)sig;
	int saved = errno;

	/* Only async-signal-safe work here: the main loop (or the model's
	 * event loop, while it waits) reads the byte and acts. */
	if (sig != SIGWINCH)
		ui.quit_signal = sig;
	if (ui.sigpipe[1] >= 0 && write(ui.sigpipe[1], &b, 1) < 0) {
		/* a full pipe already holds a wake-up */
	}
	errno = saved;
}

static const int caught[] = { SIGWINCH, SIGINT, SIGTERM, SIGHUP };
#define N_CAUGHT (sizeof(caught) / sizeof(caught[0]))
static struct sigaction saved_sa[N_CAUGHT];

static void signals_catch(void)
{
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < N_CAUGHT; i++)
		sigaction(caught[i], &sa, &saved_sa[i]);
}

/* Give the caller's handlers back (main.c may have its own). */
static void signals_restore(void)
{
	size_t i;

	for (i = 0; i < N_CAUGHT; i++)
		sigaction(caught[i], &saved_sa[i], NULL);
}

static bool sigpipe_open(void)
{
	int i;

	if (pipe(ui.sigpipe) != 0)
		return false;
	for (i = 0; i < 2; i++) {
		fcntl(ui.sigpipe[i], F_SETFL,
		      fcntl(ui.sigpipe[i], F_GETFL) | O_NONBLOCK);
		fcntl(ui.sigpipe[i], F_SETFD, FD_CLOEXEC);
	}
	return true;
}

static void sigpipe_close(void)
{
	int i;

	for (i = 0; i < 2; i++) {
		if (ui.sigpipe[i] >= 0)
			close(ui.sigpipe[i]);
		ui.sigpipe[i] = -1;
	}
}

/* A byte is on the self-pipe: a resize is applied at once, anything else
 * has set quit_signal and every loop unwinds. */
void ui_term_signal_ready(void)
{
	unsigned char buf[64];
	bool winch = false;
	ssize_t n, i;

	while ((n = read(ui.sigpipe[0], buf, sizeof(buf))) > 0) {
		for (i = 0; i < n; i++)
			if (buf[i] == SIGWINCH)
				winch = true;
	}
	if (winch && !ui.script) {
		struct winsize ws;

		if (ioctl(fileno(ui.tty_out), TIOCGWINSZ, &ws) == 0 &&
		    ws.ws_row > 0 && ws.ws_col > 0)
			ui_term_resize(ws.ws_row, ws.ws_col);
	}
	if (ui.quit_signal && ui.busy_depth > 0)
		um_model_cancel(ui.model);
}

/* ---- colours and attributes ---------------------------------------- */

enum { P_TITLE = 1, P_MENU, P_MENU_SEL, P_DIALOG, P_DTITLE, P_LIST,
       P_LIST_SEL, P_LIST_IDLE, P_HEADER, P_BUTTON_FOCUS, P_FIELD, P_STATUS,
       P_ERROR, P_OK, P_DISABLED };

/* Each role's look: its colour pair and attributes on a colour terminal,
 * and reverse video or bold for what colour would set apart on a
 * monochrome one (vt100, NO_COLOR).  The disabled roles are bold on an
 * 8-colour terminal, where dark grey is not to be had. */
static const struct role_look {
	short pair;
	attr_t color;
	attr_t mono;
	bool bold_in_8_colours;
} looks[UI_R_COUNT] = {
	/* Disabled menu items are not bold: bold black reads as emphasis
	 * where it does not read as grey; their parentheses say it on every
	 * terminal (widget_menubar.c). */
	[UI_R_NORMAL] = { P_LIST, 0, A_NORMAL, false },
	[UI_R_TITLE] = { P_TITLE, A_BOLD, A_REVERSE | A_BOLD, false },
	[UI_R_MENUBAR] = { P_MENU, 0, A_REVERSE, false },
	[UI_R_MENU] = { P_MENU, 0, A_NORMAL, false },
	[UI_R_MENU_SEL] = { P_MENU_SEL, 0, A_REVERSE, false },
	[UI_R_MENU_DISABLED] = { P_DISABLED, 0, A_DIM, false },
	[UI_R_DIALOG] = { P_DIALOG, 0, A_NORMAL, false },
	[UI_R_DIALOG_TITLE] = { P_DTITLE, A_BOLD, A_REVERSE | A_BOLD, false },
	[UI_R_LIST] = { P_LIST, 0, A_NORMAL, false },
	[UI_R_LIST_SEL] = { P_LIST_SEL, 0, A_REVERSE, false },
	[UI_R_LIST_SEL_IDLE] = { P_LIST_IDLE, 0, A_BOLD, false },
	[UI_R_HEADER] = { P_HEADER, 0, A_BOLD | A_UNDERLINE, false },
	[UI_R_BUTTON] = { P_DIALOG, 0, A_NORMAL, false },
	[UI_R_BUTTON_FOCUS] = { P_BUTTON_FOCUS, A_BOLD, A_REVERSE, false },
	[UI_R_FIELD] = { P_FIELD, 0, A_UNDERLINE, false },
	[UI_R_STATUS] = { P_STATUS, 0, A_REVERSE, false },
	[UI_R_DISABLED] = { P_DISABLED, 0, A_DIM, true },
	[UI_R_ERROR] = { P_ERROR, A_BOLD, A_BOLD, false },
	[UI_R_OK] = { P_OK, 0, A_BOLD, false },
};

static void set_roles(bool colour)
{
	size_t r;

	for (r = 0; r < UI_R_COUNT; r++) {
		const struct role_look *l = &looks[r];

		roles[r] = !colour ? l->mono
			   : COLOR_PAIR(l->pair) | l->color |
				     (l->bold_in_8_colours && COLORS < 16
					      ? A_BOLD : 0);
	}
}

static void roles_color(void)
{
	/* NT 4.0: navy caption, grey chrome, white list boxes. */
	short white = COLORS >= 16 ? 15 : COLOR_WHITE;
	short grey = COLORS >= 16 ? 7 : COLOR_WHITE;
	short dim = COLORS >= 16 ? 8 : COLOR_BLACK;

	init_pair(P_TITLE, white, COLOR_BLUE);
	init_pair(P_MENU, COLOR_BLACK, grey);
	init_pair(P_MENU_SEL, white, COLOR_BLUE);
	init_pair(P_DIALOG, COLOR_BLACK, grey);
	init_pair(P_DTITLE, white, COLOR_BLUE);
	init_pair(P_LIST, COLOR_BLACK, white);
	init_pair(P_LIST_SEL, white, COLOR_BLUE);
	init_pair(P_LIST_IDLE, COLOR_BLACK, COLOR_CYAN);
	init_pair(P_HEADER, COLOR_BLACK, grey);
	init_pair(P_BUTTON_FOCUS, white, COLOR_BLUE);
	init_pair(P_FIELD, COLOR_BLACK, COLORS >= 16 ? white : COLOR_CYAN);
	init_pair(P_STATUS, COLOR_BLACK, grey);
	init_pair(P_ERROR, COLOR_RED, grey);
	init_pair(P_OK, COLOR_GREEN, grey);
	init_pair(P_DISABLED, dim, grey);

	set_roles(true);
}

static void roles_mono(void)
{
	set_roles(false);
}

attr_t ui_attr(enum ui_role r)
{
	return roles[r];
}

static bool want_color(void)
{
	const char *nc = getenv("NO_COLOR");

	if (ui.opt->no_color || (nc != NULL && nc[0] != '\0'))
		return false;
	/* COLORS and COLOR_PAIRS are known only after start_color(). */
	return has_colors() && tigetnum("colors") >= 8 &&
	       tigetnum("pairs") > P_DISABLED;
}

/* ---- lines --------------------------------------------------------- */

chtype ui_line(enum ui_line l)
{
	static const char ascii[UI_L_COUNT] = {
		'-', '|', '+', '+', '+', '+', '+', '+', '^', 'v'
	};

	if (ui.ascii)
		return (chtype)ascii[l];
	switch (l) {
	case UI_L_H: return ACS_HLINE;
	case UI_L_V: return ACS_VLINE;
	case UI_L_UL: return ACS_ULCORNER;
	case UI_L_UR: return ACS_URCORNER;
	case UI_L_LL: return ACS_LLCORNER;
	case UI_L_LR: return ACS_LRCORNER;
	case UI_L_LT: return ACS_LTEE;
	case UI_L_RT: return ACS_RTEE;
	case UI_L_UP: return ACS_UARROW;
	case UI_L_DOWN: return ACS_DARROW;
	default: return '?';
	}
}

static const cchar_t *wide_line(enum ui_line l)
{
	switch (l) {
	case UI_L_H: return WACS_HLINE;
	case UI_L_V: return WACS_VLINE;
	case UI_L_UL: return WACS_ULCORNER;
	case UI_L_UR: return WACS_URCORNER;
	case UI_L_LL: return WACS_LLCORNER;
	case UI_L_LR: return WACS_LRCORNER;
	case UI_L_LT: return WACS_LTEE;
	case UI_L_RT: return WACS_RTEE;
	case UI_L_UP: return WACS_UARROW;
	default: return WACS_DARROW;
	}
}

/* N cells of line L from Y,X, in the window's current attributes.  In a
 * UTF-8 locale the box-drawing characters themselves are written (curses'
 * wide ACS), which every UTF-8 terminal shows, rather than the VT100
 * graphics set some of them mishandle; otherwise the terminal's acsc. */
void ui_lines(WINDOW *w, int y, int x, enum ui_line l, int n, bool vertical)
{
	attr_t a = (attr_t)getattrs(w);
	wchar_t wch[CCHARW_MAX + 1] = { 0 };
	attr_t wa = 0;
	short pair = 0;
	cchar_t cc;

	if (n <= 0)
		return;
	if (ui.ascii || !ui.utf8) {
		chtype c = ui_line(l) | (a & ~A_CHARTEXT);

		if (vertical)
			mvwvline(w, y, x, c, n);
		else
			mvwhline(w, y, x, c, n);
		return;
	}
	getcchar(wide_line(l), wch, &wa, &pair, NULL);
	setcchar(&cc, wch, (a & ~A_COLOR) | (wa & A_ALTCHARSET),
		 (short)PAIR_NUMBER(a), NULL);
	if (vertical)
		mvwvline_set(w, y, x, &cc, n);
	else
		mvwhline_set(w, y, x, &cc, n);
}

void ui_box(WINDOW *w, int y, int x, int h, int wd)
{
	ui_lines(w, y, x, UI_L_UL, 1, false);
	ui_lines(w, y, x + 1, UI_L_H, wd - 2, false);
	ui_lines(w, y, x + wd - 1, UI_L_UR, 1, false);
	ui_lines(w, y + 1, x, UI_L_V, h - 2, true);
	ui_lines(w, y + 1, x + wd - 1, UI_L_V, h - 2, true);
	ui_lines(w, y + h - 1, x, UI_L_LL, 1, false);
	ui_lines(w, y + h - 1, x + 1, UI_L_H, wd - 2, false);
	ui_lines(w, y + h - 1, x + wd - 1, UI_L_LR, 1, false);
}

void ui_frame(WINDOW *w, const char *title, enum ui_role body,
	      enum ui_role title_role)
{
	int h, wd, tw;

	getmaxyx(w, h, wd);
	wattrset(w, ui_attr(body));
	ui_box(w, 0, 0, h, wd);
	if (title == NULL || h < 1)
		return;
	tw = ui_text_width(title) + 2;
	if (tw > wd - 2)
		tw = wd - 2;
	ui_fill(w, 0, (wd - tw) / 2, tw, ui_attr(title_role));
	ui_text_put(w, 0, (wd - tw) / 2 + 1, tw - 2, title,
		    ui_attr(title_role));
}

/* ---- the screen stack and refreshing ------------------------------ */

void ui_push(struct ui_screen *s)
{
	s->below = stack_top;
	stack_top = s;
}

void ui_pop(struct ui_screen *s)
{
	struct ui_screen **p;

	for (p = &stack_top; *p != NULL; p = &(*p)->below) {
		if (*p == s) {
			*p = s->below;
			return;
		}
	}
}

void ui_window_close(PANEL **pan, WINDOW **win)
{
	if (*pan != NULL)
		del_panel(*pan);
	if (*win != NULL)
		delwin(*win);
	*pan = NULL;
	*win = NULL;
}

static void repaint_from(struct ui_screen *s)
{
	if (s == NULL)
		return;
	repaint_from(s->below);
	s->repaint(s);
}

void ui_repaint_all(void)
{
	repaint_from(stack_top);
}

void ui_cursor(WINDOW *w, int y, int x)
{
	ui.cur_y = getbegy(w) + y;
	ui.cur_x = getbegx(w) + x;
}

void ui_refresh(void)
{
	update_panels();
	if (ui.too_small)
		setsyx(0, 0);
	else if (ui.cur_y >= 0 && ui.cur_y < LINES && ui.cur_x >= 0 &&
		 ui.cur_x < COLS)
		setsyx(ui.cur_y, ui.cur_x);
	doupdate();
}

bool ui_term_fits(void)
{
	return LINES >= UI_MIN_LINES && COLS >= UI_MIN_COLS;
}

/* Below 80x24 nothing else is drawn: one clear message until the
 * terminal grows again. */
static void small_show(void)
{
	char buf[256];

	if (small_win == NULL) {
		small_win = newwin(LINES, COLS, 0, 0);
		small_pan = new_panel(small_win);
	} else {
		wresize(small_win, LINES, COLS);
		move_panel(small_pan, 0, 0);
	}
	top_panel(small_pan);
	show_panel(small_pan);
	wbkgdset(small_win, ' ' | ui_attr(UI_R_NORMAL));
	werase(small_win);
	snprintf(buf, sizeof(buf),
		 _("The terminal is too small (%dx%d). User Manager needs at "
		   "least %d columns and %d lines. Enlarge the window, or "
		   "press Ctrl-C to quit."),
		 COLS, LINES, UI_MIN_COLS, UI_MIN_LINES);
	{
		char **lines;
		int n, i;
		TALLOC_CTX *t = talloc_new(NULL);

		n = ui_wrap(buf, COLS > 4 ? COLS - 2 : COLS, &lines, t);
		for (i = 0; i < n && i < LINES; i++)
			ui_text_put(small_win, i, COLS > 4 ? 1 : 0, COLS, lines[i],
				    ui_attr(UI_R_NORMAL) | A_BOLD);
		talloc_free(t);
	}
}

static void small_hide(void)
{
	if (small_pan != NULL)
		hide_panel(small_pan);
}

void ui_term_resize(int lines, int cols)
{
	if (lines != LINES || cols != COLS)
		resizeterm(lines, cols);
	ui.too_small = !ui_term_fits();
	if (ui.too_small) {
		small_show();
	} else {
		small_hide();
		ui_repaint_all();
	}
	clearok(curscr, TRUE);
	ui_refresh();
}

/* ---- opening and closing -------------------------------------------- */

static SCREEN *screen_open(void)
{
	const char *term = getenv("TERM");

	if (ui.script) {
		/* Tests: nothing is written to a terminal; the screen is read
		 * back from curses' own state (see script.c). */
		ui.tty_out = fopen("/dev/null", "w");
		ui.tty_in = fopen("/dev/null", "r");
	} else {
		if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
			fprintf(stderr, "usrmgr: %s\n", _("the screens need a "
				"terminal on standard input and output; in "
				"scripts, use 'usrmgr trust VERB' (see "
				"--help)"));
			return NULL;
		}
		ui.tty_out = fdopen(dup(STDOUT_FILENO), "w");
		ui.tty_in = fdopen(dup(STDIN_FILENO), "r");
	}
	if (ui.tty_out == NULL || ui.tty_in == NULL)
		return NULL;
	{
		SCREEN *sc = newterm(term != NULL && term[0] != '\0' ? term
								 : "vt100",
				     ui.tty_out, ui.tty_in);
		if (sc == NULL) {
			fprintf(stderr, _("usrmgr: the terminal type '%s' is "
					  "unknown here; set TERM to one this "
					  "machine knows (for example "
					  "TERM=vt100)\n"), term ? term : "");
		}
		return sc;
	}
}

/* A vt100's keyboard has PF1-PF4 and no F10, whatever its terminfo
 * says of the keypad: the status line then shows the Esc keys. */
static bool lacks_f10(void)
{
	const char *kf10 = tigetstr("kf10");
	const char *name = termname();

	return kf10 == NULL || kf10 == (char *)-1 ||
	       (name != NULL && strncmp(name, "vt1", 3) == 0);
}

static void term_modes(void)
{
	cbreak();
	noecho();
	nonl();
	intrflush(NULL, FALSE);
	/* A lone Esc must cancel promptly; ncurses waits a whole second by
	 * default.  ESCDELAY in the environment still wins. */
	if (getenv("ESCDELAY") == NULL)
		set_escdelay(100);
	curs_set(1);
	ui.ascii = ui.opt->ascii || tigetstr("acsc") == NULL ||
		   tigetstr("acsc") == (char *)-1;
	ui.utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	ui.color = want_color();
	ui.esc_keys = lacks_f10();
	if (ui.color) {
		start_color();
		roles_color();
	} else {
		roles_mono();
	}
}

struct um_status ui_term_open(void)
{
	if (setlocale(LC_CTYPE, NULL) != NULL &&
	    strcmp(setlocale(LC_CTYPE, NULL), "C") == 0)
		setlocale(LC_CTYPE, "");
	if (!sigpipe_open())
		return um_local(UM_LOCAL_IO);
	/* Our handlers first: ncurses then leaves SIGINT/SIGTERM/SIGWINCH
	 * to us, and we restore the terminal on every way out. */
	signals_catch();
	ui.screen = screen_open();
	if (ui.screen == NULL) {
		signals_restore();
		sigpipe_close();
		if (ui.tty_out != NULL)
			fclose(ui.tty_out);
		if (ui.tty_in != NULL)
			fclose(ui.tty_in);
		ui.tty_out = ui.tty_in = NULL;
		return um_local(UM_LOCAL_NO_TERMINAL);
	}
	term_modes();
	ui.too_small = !ui_term_fits();
	return um_ok();
}

void ui_term_close(void)
{
	ui_window_close(&small_pan, &small_win);
	if (ui.screen != NULL) {
		curs_set(1);
		endwin();
		delscreen(ui.screen);
		ui.screen = NULL;
	}
	if (ui.tty_out != NULL)
		fclose(ui.tty_out);
	if (ui.tty_in != NULL)
		fclose(ui.tty_in);
	ui.tty_out = ui.tty_in = NULL;
	signals_restore();
	sigpipe_close();
}
