/*
 * usrmgr - a password the model needs while it works (an administrator's
 * password for a PDC): the model's ask_password hook.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "ui_priv.h"

enum { ID_PW = 1, ID_OK, ID_CANCEL };

struct ask {
	const char *prompt;
	TALLOC_CTX *mem;
	struct um_secret *answer;
};

static void ask_paint(struct ui_dialog *d)
{
	struct ask *a = d->priv;

	ui_text_put(d->win, 2, 2, d->w - 4, a->prompt, ui_attr(UI_R_DIALOG));
}

static int ask_event(struct ui_dialog *d, int id, int key)
{
	struct ask *a = d->priv;

	(void)key;
	if (id == ID_OK)
		a->answer = ui_field_secret(d, ui_dialog_ctl(d, ID_PW), a->mem);
	return id;
}

struct um_secret *ui_ask_password(TALLOC_CTX *mem, const char *prompt)
{
	struct ask a = { .prompt = prompt, .mem = mem };
	struct ui_dialog d;
	int w = ui_text_width(prompt) + 6;
	int bx;

	if (w < 50)
		w = 50;
	if (w > 76)
		w = 76;
	bx = (w - 26) / 2;
	ui_dialog_init(&d, _("Password"), 9, w, UI_HELP_PASSWORD);
	ui_dialog_handle(&d, ask_event, ask_paint, &a, ID_OK, ID_CANCEL);
	ui_dialog_field(&d, ID_PW, 4, 2, w - 4, true, UM_SECRET_MAX_UTF16);
	ui_dialog_button_w(&d, ID_OK, 6, bx, _("OK"), 12);
	ui_dialog_button_w(&d, ID_CANCEL, 6, bx + 14, _("Cancel"), 12);
	ui_dialog_run(&d);
	ui_dialog_free(&d);
	return a.answer;
}
