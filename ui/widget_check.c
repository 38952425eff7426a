/*
 * usrmgr - check boxes "[X] text" and option (radio) buttons "(*) text",
 * as NT 4.0's dialogs have them: Space (or the mnemonic) toggles a check
 * box and selects an option, which clears the others of its group.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "ui_priv.h"

struct ui_ctl *ui_dialog_check(struct ui_dialog *d, int id, int y, int x,
			       const char *text, int group)
{
	struct ui_ctl *c = ui_dialog_label(d, y, x, text);

	c->kind = UI_CTL_CHECK;
	c->id = id;
	c->group = group;
	c->w = ui_label_width(text) + 4;
	return c;
}

bool ui_check_get(struct ui_dialog *d, int id)
{
	struct ui_ctl *c = ui_dialog_ctl(d, id);

	return c != NULL && c->checked;
}

void ui_check_set(struct ui_dialog *d, int id, bool on)
{
	struct ui_ctl *c = ui_dialog_ctl(d, id);
	int i;

	if (c == NULL)
		return;
	if (c->group > 0 && on)
		for (i = 0; i < d->nctl; i++)
			if (d->ctl[i].kind == UI_CTL_CHECK &&
			    d->ctl[i].group == c->group)
				d->ctl[i].checked = false;
	c->checked = on;
}

/* Space or the mnemonic: a check box flips, an option is chosen. */
void ui_check_press(struct ui_dialog *d, struct ui_ctl *c)
{
	ui_check_set(d, c->id, c->group > 0 ? true : !c->checked);
}

void ui_check_draw(WINDOW *w, const struct ui_ctl *c, bool focused)
{
	attr_t a = ui_attr(c->disabled ? UI_R_DISABLED : UI_R_DIALOG);
	const char *mark = c->group > 0 ? (c->checked ? "(*)" : "( )")
					: (c->checked ? "[X]" : "[ ]");

	ui_text_put(w, c->y, c->x, 3, mark, a);
	mvwaddch(w, c->y, c->x + 3, ' ' | a);
	ui_label_put_ex(w, c->y, c->x + 4, c->w - 4, c->text,
			focused ? ui_attr(UI_R_BUTTON_FOCUS) : a,
			!c->disabled);
	if (focused)
		ui_cursor(w, c->y, c->x + 1);
}
