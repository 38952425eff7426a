/*
 * usrmgr - push buttons: "[ OK ]", the mnemonic underlined, the focused
 * one in reverse video (or the caption colour) with the cursor on it.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "ui_priv.h"

int ui_button_width(const char *text)
{
	return ui_label_width(text) + 4;
}

void ui_button_draw(WINDOW *w, const struct ui_ctl *c, bool focused)
{
	attr_t a = ui_attr(focused ? UI_R_BUTTON_FOCUS
			   : c->disabled ? UI_R_DISABLED : UI_R_BUTTON);
	int lw = ui_label_width(c->text);
	int pad = (c->w - 4 - lw) / 2;

	ui_fill(w, c->y, c->x, c->w, a);
	mvwaddch(w, c->y, c->x, '[' | a);
	mvwaddch(w, c->y, c->x + c->w - 1, ']' | a);
	ui_label_put_ex(w, c->y, c->x + 2 + pad, lw, c->text, a, !c->disabled);
	if (focused)
		ui_cursor(w, c->y, c->x + 2 + pad);
}
