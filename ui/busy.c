/*
 * usrmgr - while the model works.
 *
 * The model waits on its own tevent loop; the terminal and our signal
 * pipe are handlers on that loop, so while it waits the screen says what
 * is going on, keeps the keys typed ahead, redraws on a resize, and Esc
 * (or a signal) cancels through um_model_cancel().
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <tevent.h>
#include "ui_priv.h"

struct busy {
	struct ui_screen scr;
	WINDOW *win;
	PANEL *pan;
	char what[200];
	time_t since;
	struct tevent_fd *tty_fde, *sig_fde;
	struct tevent_timer *tick;
	TALLOC_CTX *mem;
};

static struct busy busy;

static void busy_paint(struct ui_screen *s)
{
	int w = ui_text_width(busy.what) + 8, h = 6;
	char line[80];
	long secs = (long)(time(NULL) - busy.since);

	(void)s;
	if (!ui_term_fits())
		return;
	if (w < 44)
		w = 44;
	if (w > COLS - 4)
		w = COLS - 4;
	if (busy.win == NULL) {
		busy.win = newwin(h, w, (LINES - h) / 2, (COLS - w) / 2);
		busy.pan = new_panel(busy.win);
	} else {
		wresize(busy.win, h, w);
		move_panel(busy.pan, (LINES - h) / 2, (COLS - w) / 2);
	}
	top_panel(busy.pan);
	wbkgdset(busy.win, ' ' | ui_attr(UI_R_DIALOG));
	werase(busy.win);
	ui_frame(busy.win, _("Please Wait"), UI_R_DIALOG, UI_R_DIALOG_TITLE);
	ui_text_put(busy.win, 2, 3, w - 6, busy.what, ui_attr(UI_R_DIALOG));
	if (secs > 0)
		snprintf(line, sizeof(line), _("Press Esc to cancel. (%ld s)"),
			 secs);
	else
		snprintf(line, sizeof(line), "%s", _("Press Esc to cancel."));
	ui_text_put(busy.win, 3, 3, w - 6, line, ui_attr(UI_R_DIALOG));
	ui_cursor(busy.win, 2, 3);
}

static void on_tick(struct tevent_context *ev, struct tevent_timer *te,
		    struct timeval now, void *priv)
{
	(void)te;
	(void)now;
	(void)priv;
	busy.tick = NULL;
	if (ui.busy_depth == 0)
		return;
	busy_paint(&busy.scr);
	ui_refresh();
	busy.tick = tevent_add_timer(ev, busy.mem,
				     tevent_timeval_current_ofs(1, 0),
				     on_tick, NULL);
}

static void on_tty(struct tevent_context *ev, struct tevent_fd *fde,
		   uint16_t flags, void *priv)
{
	(void)ev;
	(void)fde;
	(void)flags;
	(void)priv;
	/* Always read, or a readable terminal would spin the loop; keys
	 * other than Esc wait in the queue for after the work. */
	ui_keys_drain();
	if (ui.busy_depth > 0 && ui_keys_take_escape()) {
		ui_keys_flush();
		um_model_cancel(ui.model);
	}
	if (ui.quit_signal && ui.busy_depth > 0)
		um_model_cancel(ui.model);
}

static void on_sig(struct tevent_context *ev, struct tevent_fd *fde,
		   uint16_t flags, void *priv)
{
	(void)ev;
	(void)fde;
	(void)flags;
	(void)priv;
	ui_term_signal_ready(); /* redraws on SIGWINCH, cancels on others */
}

static void hook_busy(void *priv, const char *what)
{
	(void)priv;
	if (ui.busy_depth++ > 0) {
		snprintf(busy.what, sizeof(busy.what), "%s", what);
		busy_paint(&busy.scr);
		ui_refresh();
		return;
	}
	snprintf(busy.what, sizeof(busy.what), "%s",
		 what != NULL ? what : _("Working..."));
	busy.since = time(NULL);
	busy.scr.repaint = busy_paint;
	ui_push(&busy.scr);
	busy_paint(&busy.scr);
	ui_refresh();
	if (busy.tick == NULL)
		busy.tick = tevent_add_timer(um_model_ev(ui.model), busy.mem,
					     tevent_timeval_current_ofs(1, 0),
					     on_tick, NULL);
}

static void hook_idle(void *priv)
{
	(void)priv;
	if (ui.busy_depth == 0 || --ui.busy_depth > 0)
		return;
	ui_pop(&busy.scr);
	TALLOC_FREE(busy.tick);
	ui_window_close(&busy.pan, &busy.win);
	ui_refresh();
}

static void hook_note(void *priv, const char *text)
{
	(void)priv;
	snprintf(ui.note, sizeof(ui.note), "%s", text != NULL ? text : "");
	ui_repaint_all();
	ui_refresh();
}

static struct um_status hook_password(void *priv, TALLOC_CTX *mem,
				      const char *prompt,
				      struct um_secret **out)
{
	(void)priv;
	*out = ui_ask_password(mem, prompt);
	return *out != NULL ? um_ok() : um_local(UM_LOCAL_CANCELLED);
}

void ui_busy_hooks(struct um_hooks *h)
{
	memset(h, 0, sizeof(*h));
	h->busy = hook_busy;
	h->idle = hook_idle;
	h->note = hook_note;
	h->ask_password = hook_password;
}

void ui_busy_init(void)
{
	struct tevent_context *ev = um_model_ev(ui.model);

	busy.mem = talloc_new(NULL);
	if (ev == NULL)
		return;
	if (!ui.script)
		busy.tty_fde = tevent_add_fd(ev, busy.mem, fileno(ui.tty_in),
					     TEVENT_FD_READ, on_tty, NULL);
	busy.sig_fde = tevent_add_fd(ev, busy.mem, ui.sigpipe[0],
				     TEVENT_FD_READ, on_sig, NULL);
}

void ui_busy_fini(void)
{
	while (ui.busy_depth > 0)
		hook_idle(NULL);
	TALLOC_FREE(busy.mem);
	busy.tty_fde = busy.sig_fde = NULL;
	busy.tick = NULL;
}
