/*
 * usrmgr - libform fields inside our dialogs.
 *
 * A dialog window is also its form's window, so moving the dialog after
 * a resize moves the fields with it.  Password fields have O_PUBLIC off:
 * libform never draws what is typed, and we draw one '*' per character
 * as NT did.  At submit the text goes into a um_secret and every copy
 * curses kept is overwritten.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include "ui_priv.h"

FIELD *ui_field_new(int y, int x, int w, bool secret, int max)
{
	FIELD *f = new_field(1, w, y, x, 0, 0);

	if (f == NULL)
		return NULL;
	set_field_back(f, ui_attr(UI_R_FIELD));
	set_field_fore(f, ui_attr(UI_R_FIELD));
	/* Typing past the end must not jump to the next field, and the
	 * first key typed must not blank what is there. */
	field_opts_off(f, O_AUTOSKIP | O_BLANK);
	if (max > w) {
		field_opts_off(f, O_STATIC);
		set_max_field(f, max);
	}
	if (secret)
		field_opts_off(f, O_PUBLIC);
	return f;
}

/* Bring the window's text into the field's buffer. */
static void sync(struct ui_dialog *d)
{
	if (d->form != NULL)
		form_driver(d->form, REQ_VALIDATION);
}

static size_t trimmed_len(const char *s)
{
	size_t n = strlen(s);

	while (n > 0 && s[n - 1] == ' ')
		n--;
	return n;
}

char *ui_field_text(struct ui_dialog *d, struct ui_ctl *c, TALLOC_CTX *mem)
{
	const char *b;
	size_t start = 0;

	sync(d);
	b = field_buffer(c->field, 0);
	if (b == NULL)
		return talloc_strdup(mem, "");
	while (b[start] == ' ')
		start++;
	return talloc_strndup(mem, b + start, trimmed_len(b + start));
}

void ui_field_set(struct ui_dialog *d, struct ui_ctl *c, const char *text)
{
	set_field_buffer(c->field, 0, text);
	if (d->form != NULL && current_field(d->form) == c->field)
		form_driver(d->form, REQ_END_FIELD);
	c->secret_len = 0;
	c->selected = false;
}

void ui_field_set_selected(struct ui_dialog *d, struct ui_ctl *c,
			   const char *text)
{
	ui_field_set(d, c, text);
	c->selected = text[0] != '\0';
}

void ui_field_wipe(struct ui_dialog *d, struct ui_ctl *c)
{
	char *b = field_buffer(c->field, 0);

	/* field_buffer hands out curses' own multibyte copy: clear it,
	 * then blank the field's wide buffer through the library. */
	if (b != NULL)
		um_secret_wipe(b, strlen(b));
	set_field_buffer(c->field, 0, "");
	c->secret_len = 0;
	(void)d;
}

struct um_secret *ui_field_secret(struct ui_dialog *d, struct ui_ctl *c,
				  TALLOC_CTX *mem)
{
	struct um_secret *s;
	char *b;

	sync(d);
	b = field_buffer(c->field, 0);
	/* Trailing blanks cannot be told from libform's padding. */
	s = um_secret_new(mem, b != NULL ? b : "",
			  b != NULL ? trimmed_len(b) : 0);
	ui_field_wipe(d, c);
	return s;
}

bool ui_passwords_match(struct ui_dialog *d, const struct um_secret *pw,
			const struct um_secret *confirm, int first_id)
{
	if (um_secret_equal(pw, confirm)) {
		return true;
	}
	/* As NT did: say so, and have both typed again. */
	ui_message(UI_MSG_ERROR,
		   um_status_message(um_local(UM_LOCAL_PASSWORD_MISMATCH)));
	ui_dialog_focus(d, first_id);
	return false;
}

static int field_request(int key)
{
	switch (key) {
	case UI_K(KEY_BACKSPACE): return REQ_DEL_PREV;
	case UI_K(KEY_DC): return REQ_DEL_CHAR;
	case UI_K(KEY_LEFT): return REQ_PREV_CHAR;
	case UI_K(KEY_RIGHT): return REQ_NEXT_CHAR;
	case UI_K(KEY_HOME): return REQ_BEG_FIELD;
	case UI_K(KEY_END): return REQ_END_FIELD;
	case UI_CTRL('u'): return REQ_CLR_FIELD;
	case UI_CTRL('k'): return REQ_CLR_EOF;
	default: return -1;
	}
}

static bool printable(int key)
{
	return key >= 0x20 && key < UI_K(0) && key != 0x7f;
}

bool ui_field_key(struct ui_dialog *d, struct ui_ctl *c, int key)
{
	int req = field_request(key);

	if (req < 0 && !printable(key))
		return false;
	/* Selected text goes when a character (or a deletion) replaces it;
	 * any other key keeps the text and ends the selection. */
	if (c->selected && (printable(key) || req == REQ_DEL_PREV ||
			    req == REQ_DEL_CHAR))
		form_driver(d->form, REQ_CLR_FIELD);
	else if (req >= 0)
		form_driver(d->form, req);
	c->selected = false;
	if (printable(key))
		form_driver_w(d->form, OK, (wchar_t)key);
	if (c->secret) {
		/* libform does not draw it; count it for the stars. */
		sync(d);
		c->secret_len = (int)trimmed_len(field_buffer(c->field, 0));
	}
	return true;
}

void ui_field_draw_mask(struct ui_dialog *d, struct ui_ctl *c)
{
	int n = c->secret_len < c->w ? c->secret_len : c->w;

	if (!c->secret)
		return;
	ui_fill(d->win, c->y, c->x, c->w, ui_attr(UI_R_FIELD));
	wattrset(d->win, ui_attr(UI_R_FIELD));
	mvwhline(d->win, c->y, c->x, '*', n);
}

void ui_form_post(struct ui_dialog *d)
{
	if (d->form == NULL)
		return;
	post_form(d->form);
	/* Posting puts the cursor at the field's start; after a resize the
	 * operator goes on typing where they were: at the end. */
	form_driver(d->form, REQ_END_FIELD);
}

void ui_form_unpost(struct ui_dialog *d)
{
	if (d->form == NULL)
		return;
	/* The field being edited lives in the window until validated:
	 * bring it into the buffer, or a resize would lose it. */
	sync(d);
	unpost_form(d->form);
}
