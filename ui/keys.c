/*
 * usrmgr - reading keys.
 *
 * Keys are read from the terminal (or, for the tests, from a script) into
 * one queue: typeahead survives while the model works, and an Esc typed
 * then cancels the work.  An Esc followed at once by a digit is F1..F10,
 * by a letter Alt+letter, by Tab Shift-Tab, by an arrow Alt+arrow (a
 * drop-down list opens on Alt+Down), as in Midnight Commander: vt100 has
 * none of those keys of its own.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <ctype.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <time.h>
#include "test_hooks.h"
#include "ui_priv.h"

#define QMAX 512

static int queue[QMAX];
static int q_head, q_len;
static WINDOW *keywin;
static int empty_reads;
/* The codes curses gives xterm's Alt+Down and Alt+Up (kDN3, kUP3), when
 * the terminal has them: extended keys have no KEY_* name. */
static int alt_down_code = -1, alt_up_code = -1;

static void q_push(int k)
{
	if (q_len == QMAX)
		return; /* a flood of typeahead: drop, never block */
	queue[(q_head + q_len) % QMAX] = k;
	q_len++;
}

static void q_unget(int k)
{
	if (q_len == QMAX)
		return;
	q_head = (q_head + QMAX - 1) % QMAX;
	queue[q_head] = k;
	q_len++;
}

static bool q_pop(int *k)
{
	if (q_len == 0)
		return false;
	*k = queue[q_head];
	q_head = (q_head + 1) % QMAX;
	q_len--;
	return true;
}

void ui_keys_flush(void)
{
	q_len = 0;
}

/* The key code curses assigned to the terminal's capability CAP, or -1. */
static int extended_key(const char *cap)
{
	const char *seq = tigetstr(cap);
	int code;

	if (seq == NULL || seq == (const char *)-1)
		return -1;
	code = key_defined(seq);
	return code > 0 ? code : -1;
}

/* Home and End as terminals and multiplexers send them whatever TERM
 * says: tmux and screen send ESC [ 1 ~ and ESC [ 4 ~ into a pane
 * described as xterm, rxvt ESC [ 7 ~ and ESC [ 8 ~, xterm ESC [ H / F
 * or ESC O H / F by its cursor mode.  Unbound, such a sequence would
 * arrive as Esc and close the dialog.  A sequence the terminal's own
 * description binds is left alone. */
static void alias_home_end(void)
{
	static const struct { const char *seq; int key; } alias[] = {
		{ "\033[1~", KEY_HOME }, { "\033[4~", KEY_END },
		{ "\033[7~", KEY_HOME }, { "\033[8~", KEY_END },
		{ "\033[H", KEY_HOME },  { "\033[F", KEY_END },
		{ "\033OH", KEY_HOME },  { "\033OF", KEY_END },
	};
	size_t i;

	for (i = 0; i < sizeof(alias) / sizeof(alias[0]); i++) {
		if (key_defined(alias[i].seq) == 0)
			define_key(alias[i].seq, alias[i].key);
	}
}

void ui_keys_init(void)
{
	/* Keys are read through a window nothing is drawn on: wget_wch
	 * refreshes its window when touched, which would paint over the
	 * panels. */
	keywin = newwin(1, 1, 0, 0);
	keypad(keywin, TRUE);
	nodelay(keywin, TRUE);
	alt_down_code = extended_key("kDN3");
	alt_up_code = extended_key("kUP3");
	alias_home_end();
}

void ui_keys_fini(void)
{
	if (keywin != NULL)
		delwin(keywin);
	keywin = NULL;
	ui_keys_flush();
}

static int translate(int r, wint_t wc)
{
	if (r == KEY_CODE_YES) {
		switch (wc) {
		case KEY_ENTER:
			return UI_ENTER;
		case KEY_RESIZE:
			return -1; /* our own SIGWINCH handling does this */
		}
		if ((int)wc == alt_down_code)
			return UI_ALT_DOWN;
		if ((int)wc == alt_up_code)
			return UI_ALT_UP;
		return UI_K((int)wc);
	}
	switch (wc) {
	case '\r':
		return UI_ENTER;
	case 127:
	case 8:
		return UI_K(KEY_BACKSPACE);
	default:
		return (int)wc;
	}
}

/* Move whatever the terminal has sent into the queue. */
void ui_keys_drain(void)
{
	wint_t wc;
	int r, k, got = 0;

	if (ui.script || keywin == NULL)
		return;
	untouchwin(keywin);
	while ((r = wget_wch(keywin, &wc)) != ERR) {
		k = translate(r, wc);
		if (k != -1)
			q_push(k);
		got++;
	}
	/* Readable yet nothing to read, again and again: the terminal is
	 * gone (an SSH session dropped) even if SIGHUP did not come. */
	empty_reads = got ? 0 : empty_reads + 1;
	if (empty_reads > 50)
		ui.quit_signal = 1;
}

/* Keys that an Esc right before them turns into another key (F1..F10,
 * Shift-Tab, Alt+letter: esc_combine() below). */
static bool esc_prefixes(int k)
{
	return (k >= '0' && k <= '9') || k == UI_TAB ||
	       k == UI_K(KEY_DOWN) || k == UI_K(KEY_UP) ||
	       (k < 0x80 && isalpha(k));
}

bool ui_keys_take_escape(void)
{
	int i, k = 0, n;
	bool found = false;

	ui_keys_drain();
	n = q_len;
	for (i = 0; i < n; i++) {
		q_pop(&k);
		/* Alt+P typed ahead while a list loads is not a cancel */
		if (k == UI_ESC && !found &&
		    !(i + 1 < n && esc_prefixes(queue[q_head]))) {
			found = true;
			continue;
		}
		q_push(k);
	}
	return found;
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Wait until the terminal or the self-pipe has something, or TIMEOUT
 * milliseconds have passed (-1: no limit). */
static void wait_input(int timeout)
{
	struct pollfd p[2] = {
		{ .fd = fileno(ui.tty_in), .events = POLLIN },
		{ .fd = ui.sigpipe[0], .events = POLLIN },
	};
	int r = poll(p, 2, timeout);

	if (r < 0 && errno != EINTR)
		ui.quit_signal = 1;
	if (r <= 0)
		return;
	if (p[1].revents & POLLIN)
		ui_term_signal_ready();
	if (p[0].revents & (POLLHUP | POLLERR | POLLNVAL))
		ui.quit_signal = 1;
	else if (p[0].revents & POLLIN)
		ui_keys_drain();
}

/* The next key within TIMEOUT ms (-1: wait); SAME says whether a
 * scripted key came on the same line as the one before. */
static bool next_raw(int *k, int timeout, bool *same)
{
	long deadline = now_ms() + timeout;

	*same = true;
	if (q_pop(k))
		return true;
	if (ui.script) {
		if (ui_script_next(k, same))
			return true;
		*k = UI_QUIT; /* the script has ended: leave as on a signal */
		return true;
	}
	ui_keys_drain();
	while (!q_pop(k)) {
		long left = timeout < 0 ? -1 : deadline - now_ms();

		if (ui.quit_signal || (timeout >= 0 && left <= 0))
			return false;
		wait_input((int)left);
	}
	return true;
}

static int esc_timeout(void)
{
	const char *s = getenv("USRMGR_ESC_TIMEOUT");

	return s != NULL && *s != '\0' ? atoi(s) : 500;
}

/* Esc and what came right after it. */
static int esc_combine(void)
{
	int k;
	bool same;

	if (ui.script && !ui_script_peek_same_group())
		return UI_ESC;
	if (!next_raw(&k, esc_timeout(), &same))
		return UI_ESC;
	if (k == UI_QUIT) {
		q_unget(k);
		return UI_ESC;
	}
	if (k == UI_ESC)
		return UI_ESC; /* Esc Esc: cancel at once */
	if (k >= '0' && k <= '9')
		return UI_K(KEY_F(k == '0' ? 10 : k - '0'));
	if (k == UI_TAB)
		return UI_K(KEY_BTAB);
	if (k == UI_K(KEY_DOWN) || k == UI_K(KEY_UP))
		return k == UI_K(KEY_DOWN) ? UI_ALT_DOWN : UI_ALT_UP;
	if (k < 0x80 && isalpha(k))
		return UI_ALT(tolower(k));
	q_unget(k);
	return UI_ESC;
}

/* How long usrmgr last sat waiting for a key: from the moment it had
 * nothing left to do to the key's arrival. */
static struct timespec wait_began, key_came;

long ui_key_idle_ms(void)
{
	return (long)(key_came.tv_sec - wait_began.tv_sec) * 1000 +
	       (key_came.tv_nsec - wait_began.tv_nsec) / 1000000;
}

/* For bench/ui-bench.sh: the whole first screen is up. */
static void trace_first_wait(void)
{
	static bool said;

	if (!said) {
		um_test_rpc_trace("ui: whole screen drawn, first key awaited");
		said = true;
	}
}

int ui_getkey(void)
{
	int k;
	bool same;

	for (;;) {
		if (ui.quit_signal)
			return UI_QUIT;
		/* Training: the coach's messages, before waiting. */
		ui_training_key_hook(0);
		ui_refresh();
		trace_first_wait();
		clock_gettime(CLOCK_MONOTONIC, &wait_began);
		if (!next_raw(&k, -1, &same))
			continue;
		clock_gettime(CLOCK_MONOTONIC, &key_came);
		if (k == UI_QUIT)
			return k;
		if (k == UI_CTRL('l')) {
			ui_term_resize(LINES, COLS);
			continue;
		}
		if (ui.too_small)
			continue; /* nothing to act on until it grows */
		if (k == UI_ESC)
			k = esc_combine();
		if (ui_training_key_hook(k))
			continue; /* F2 in training: the hint */
		return k;
	}
}
