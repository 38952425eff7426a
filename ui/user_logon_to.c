/*
 * usrmgr - User Properties > Logon To: NT 4.0's Logon Workstations
 * dialog.  The user may log on to all workstations, or to at most eight
 * named ones (SAMR's workstations, comma-separated); the engine decides
 * what a valid list is (um_user_workstations_check).  It edits the
 * pending change of the dialog below it; nothing reaches the PDC here.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <string.h>
#include "ui_priv.h"

#define N_WS 8

enum {
	ID_ALL = 1, ID_THESE, ID_WS0,
	ID_OK = ID_WS0 + N_WS, ID_CANCEL,
};

enum { G_WHERE = 1 };

/* A NetBIOS computer name has at most 15 characters. */
#define WS_W 15

/* The list the fields make, comma-separated, blanks left out. */
static char *typed_list(struct ui_dialog *d, TALLOC_CTX *mem)
{
	char *list = talloc_strdup(mem, "");
	int i;

	for (i = 0; i < N_WS && list != NULL; i++) {
		const char *w = ui_field_text(d, ui_dialog_ctl(d, ID_WS0 + i),
					      mem);

		if (w == NULL || w[0] == '\0')
			continue;
		list = talloc_asprintf_append(list, "%s%s",
					      list[0] != '\0' ? "," : "", w);
	}
	return list;
}

static int logon_to_ok(struct ui_dialog *d)
{
	struct um_account *a = d->priv;
	TALLOC_CTX *t = talloc_new(NULL);
	char *list = ui_check_get(d, ID_ALL) ? talloc_strdup(t, "")
					       : typed_list(d, t);
	struct um_status st = list != NULL ? um_user_workstations_check(list)
					   : um_local(UM_LOCAL_NO_MEMORY);

	if (!um_is_ok(st)) {
		ui_message(UI_MSG_ERROR, um_status_message(st));
		talloc_free(t);
		return UI_DLG_CONTINUE;
	}
	if (strcmp(list, a->workstations != NULL ? a->workstations : "")) {
		a->workstations = talloc_steal(a, list);
		a->fields |= UM_FIELD_WORKSTATIONS;
	}
	talloc_free(t);
	return ID_OK;
}

static int logon_to_event(struct ui_dialog *d, int id, int key)
{
	(void)key;
	if (id == ID_THESE)
		ui_dialog_focus(d, ID_WS0);
	return id == ID_OK || id == ID_CANCEL ? id : UI_DLG_CONTINUE;
}

/* The workstations A holds, one per field. */
static void show_list(struct ui_dialog *d, const struct um_account *a,
		      TALLOC_CTX *t)
{
	char *copy = talloc_strdup(t, a->workstations ? a->workstations
						       : "");
	char *save = NULL, *w;
	int i = 0;

	for (w = copy != NULL ? strtok_r(copy, ",", &save) : NULL;
	     w != NULL && i < N_WS; w = strtok_r(NULL, ",", &save))
		ui_field_set(d, ui_dialog_ctl(d, ID_WS0 + i++), w);
	ui_check_set(d, i == 0 ? ID_ALL : ID_THESE, true);
}

static void layout(struct ui_dialog *d, TALLOC_CTX *t,
		   const struct um_account *a)
{
	int i;

	ui_dialog_label(d, 1, 2, ui_user_caption(t, a));
	ui_dialog_check(d, ID_ALL, 3, 2,
			_("User May Log On To &All Workstations"), G_WHERE);
	ui_dialog_check(d, ID_THESE, 4, 2,
			_("User May Log On To &These Workstations"), G_WHERE);
	for (i = 0; i < N_WS; i++) {
		int y = 6 + i % 4, x = i < 4 ? 6 : 34;
		char *num = talloc_asprintf(t, "%d.", i + 1);

		ui_dialog_label(d, y, x, num);
		ui_dialog_field(d, ID_WS0 + i, y, x + 4, WS_W, false, WS_W);
	}
	ui_dialog_button_w(d, ID_OK, 11, 10, _("OK"), 10);
	ui_dialog_button_w(d, ID_CANCEL, 11, 24, _("Cancel"), 10);
	ui_dialog_button_w(d, UI_ID_HELP, 11, 38, _("&Help"), 10);
}

bool ui_user_logon_to(struct um_account *a)
{
	TALLOC_CTX *t = talloc_new(NULL);
	struct ui_dialog d;
	int r;
	int w = 2 + 4 + ui_label_width(
			_("User May Log On To &These Workstations")) + 3;

	ui_dialog_init(&d, _("Logon Workstations"), 13, w > 60 ? w : 60,
		       UI_HELP_USER_LOGON_TO);
	ui_dialog_handle(&d, logon_to_event, NULL, a, ID_OK, ID_CANCEL);
	d.ok = logon_to_ok;
	layout(&d, t, a);
	show_list(&d, a, t);
	r = ui_dialog_run(&d);
	ui_dialog_free(&d);
	talloc_free(t);
	return r == ID_OK;
}
