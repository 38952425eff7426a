/*
 * usrmgr - message boxes: "User Manager for Domains" with the text and
 * OK, or Yes and No, as NT's MessageBox showed them.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include "ui_priv.h"

#define MSG_MAX_W 70
#define MSG_MIN_W 36

struct msg {
	char **lines;
	int n;
	enum ui_msg_kind kind;
};

static void msg_paint(struct ui_dialog *d)
{
	struct msg *m = d->priv;
	attr_t a = ui_attr(m->kind == UI_MSG_ERROR ? UI_R_DIALOG : UI_R_DIALOG);
	int i;

	for (i = 0; i < m->n; i++)
		ui_text_put(d->win, 2 + i, 3, d->w - 6, m->lines[i], a);
}

static int msg_widest(struct msg *m)
{
	int i, w = 0;

	for (i = 0; i < m->n; i++)
		if (ui_text_width(m->lines[i]) > w)
			w = ui_text_width(m->lines[i]);
	return w;
}

static int msg_run(enum ui_msg_kind kind, const char *text, bool yesno)
{
	TALLOC_CTX *t = talloc_new(NULL);
	struct ui_dialog d;
	struct msg m = { .kind = kind };
	int w, r, bw;

	m.n = ui_wrap(text, MSG_MAX_W - 6, &m.lines, t);
	w = msg_widest(&m) + 6;
	if (w < MSG_MIN_W)
		w = MSG_MIN_W;
	ui_dialog_init(&d, _("User Manager for Domains"), m.n + 6, w,
		       yesno ? UI_HELP_CONFIRM : UI_HELP_MESSAGE);
	d.priv = &m;
	d.paint_extra = msg_paint;
	if (yesno) {
		bw = ui_button_width(_("&Yes")) + 2 +
		     ui_button_width(_("&No"));
		ui_dialog_button(&d, UI_ANSWER_YES, m.n + 3, (w - bw) / 2,
				 _("&Yes"));
		ui_dialog_button(&d, UI_ANSWER_NO, m.n + 3,
				 (w - bw) / 2 + ui_button_width(_("&Yes")) + 2,
				 _("&No"));
		d.cancel_id = UI_ANSWER_NO;
		ui_dialog_focus(&d, UI_ANSWER_NO);
	} else {
		bw = ui_button_width(_("OK"));
		ui_dialog_button(&d, UI_ANSWER_OK, m.n + 3, (w - bw) / 2,
				 _("OK"));
		d.cancel_id = UI_ANSWER_OK;
	}
	ui.msg_depth++;
	r = ui_dialog_run(&d);
	ui.msg_depth--;
	ui_dialog_free(&d);
	talloc_free(t);
	return r;
}

void ui_message(enum ui_msg_kind kind, const char *text)
{
	msg_run(kind, text, false);
}

void ui_message_status(const char *intro, struct um_status st)
{
	char *text;

	if (um_status_is(st, UM_KIND_LOCAL, UM_LOCAL_CANCELLED))
		return; /* the operator asked for it: nothing to report */
	text = talloc_asprintf(NULL, "%s%s%s\n\n%s %s",
			       intro != NULL ? intro : "",
			       intro != NULL ? "\n\n" : "",
			       um_status_message(st), _("Status:"),
			       um_status_name(st));
	ui_message(UI_MSG_ERROR, text);
	talloc_free(text);
}

int ui_confirm(const char *text)
{
	return msg_run(UI_MSG_QUESTION, text, true);
}
