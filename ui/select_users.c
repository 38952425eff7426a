/*
 * usrmgr - User > Select Users...: NT's dialog to mark, in the main
 * window's users list, every member of a group (Select) or to unmark
 * them (Deselect).  The dialog stays open for another group until Close.
 * What the marks mean and who is a member is the engine's (views.h).
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include "ui_priv.h"
#include "views.h"

enum { ID_LIST = 1, ID_SELECT, ID_DESELECT, ID_CLOSE };

static const char *group_cell(struct ui_list *l, size_t row, int col)
{
	struct um_view *groups = l->priv;

	return um_view_cell(groups, row,
			    col == 0 ? UM_COL_NAME : UM_COL_DESCRIPTION);
}

static void group_fetch(struct ui_list *l, size_t row)
{
	struct um_view *groups = l->priv;
	struct um_status st = um_view_fetch(groups);

	(void)row;
	if (!um_is_ok(st) &&
	    !um_status_is(st, UM_KIND_LOCAL, UM_LOCAL_CANCELLED))
		ui_message_status(NULL, st);
	ui_list_set(l, um_view_count(groups),
		    um_is_ok(st) && um_view_more(groups));
}

static void help(void)
{
	ui_help_set_custom(_("Help - Select Users"),
			   _("Select marks, in User Manager's list of users, "
			     "every user who is a member of the highlighted "
			     "group; Deselect unmarks them. Choose another "
			     "group to add its members, and Close when done."));
	ui_help(UI_HELP_CUSTOM);
}

static int select_event(struct ui_dialog *d, int id, int key)
{
	struct um_view *users = d->priv;
	struct ui_list *l = ui_dialog_ctl(d, ID_LIST)->list;
	struct um_status st;

	(void)key;
	switch (id) {
	case ID_SELECT:
	case ID_DESELECT:
		if (l->n == 0)
			return UI_DLG_CONTINUE;
		st = um_view_mark_group(users, group_cell(l, l->sel, 0),
					id == ID_SELECT);
		if (!um_is_ok(st))
			ui_message_status(NULL, st);
		return UI_DLG_CONTINUE;
	case UI_ID_HELP:
		help();
		return UI_DLG_CONTINUE;
	case ID_LIST:
		return UI_DLG_CONTINUE;
	default:
		return id;
	}
}

/* The buttons' width: the widest label (German's are long), at least
 * NT's. */
static int buttons_width(void)
{
	const char *labels[] = { _("&Select"), _("&Deselect"), _("Close"),
				 _("&Help") };
	int w = 12;
	size_t i;

	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (ui_button_width(labels[i]) > w)
			w = ui_button_width(labels[i]);
	return w;
}

void ui_select_users(struct um_view *users, struct um_view *groups)
{
	int bw = buttons_width();
	struct ui_list l = { .ncols = 1, .cell = group_cell,
			     .fetch = group_fetch, .priv = groups };
	struct ui_dialog d;
	struct um_status st = um_ok();

	/* a domain's groups are few: all of them, for the list's sake */
	while (um_is_ok(st) && um_view_more(groups))
		st = um_view_fetch(groups);
	if (!um_is_ok(st) &&
	    !um_status_is(st, UM_KIND_LOCAL, UM_LOCAL_CANCELLED))
		ui_message_status(NULL, st);
	ui_list_set(&l, um_view_count(groups), um_view_more(groups));
	d.priv = NULL;
	ui_dialog_init(&d, _("Select Users"), 13, 40 + bw + 4,
		       UI_HELP_CUSTOM);
	ui_dialog_label(&d, 2, 2, _("&Group:"));
	ui_dialog_list(&d, ID_LIST, 3, 2, 8, 34, &l);
	ui_dialog_button_w(&d, ID_SELECT, 2, 40, _("&Select"), bw);
	ui_dialog_button_w(&d, ID_DESELECT, 4, 40, _("&Deselect"), bw);
	ui_dialog_button_w(&d, ID_CLOSE, 6, 40, _("Close"), bw);
	ui_dialog_button_w(&d, UI_ID_HELP, 8, 40, _("&Help"), bw);
	ui_dialog_button_column(&d, 40);
	d.default_id = ID_SELECT;
	d.cancel_id = ID_CLOSE;
	d.event = select_event;
	d.priv = users;
	ui_dialog_run(&d);
	ui_dialog_free(&d);
}
