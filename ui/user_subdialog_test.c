/*
 * usrmgr - the test binary's way into User Properties' sub-dialogs
 * (USRMGR_UI_SUBDIALOG=DIALOG:USER, test_hooks.h; the installed usrmgr
 * never gets here): the dialog opens on USER of the domain the main
 * window shows, and its OK is stored with um_user_set(), as User
 * Properties' OK stores the pending change.  Screen dumps and tmux tests
 * reach each dialog this way without going through User Properties.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include "ui_priv.h"
#include "test_hooks.h"

static bool run_dialog(struct um_pdc *p, const char *which,
		       struct um_account *a)
{
	if (strcmp(which, "groups") == 0)
		return ui_user_groups(p, a);
	if (strcmp(which, "profile") == 0)
		return ui_user_profile(a);
	if (strcmp(which, "hours") == 0)
		return ui_user_hours(a);
	if (strcmp(which, "logon-to") == 0)
		return ui_user_logon_to(a);
	if (strcmp(which, "account") == 0)
		return ui_user_account(a);
	return false; /* not one of them: the test fails on its dumps */
}

void ui_user_subdialog_test(void)
{
	TALLOC_CTX *t = talloc_new(NULL);
	char *which = talloc_strdup(t, um_test_ui_subdialog());
	char *user = which != NULL ? strchr(which, ':') : NULL;
	struct um_pdc *p = ui_main_pdc();
	struct um_account *a;
	struct um_status st;

	if (user == NULL || p == NULL) {
		talloc_free(t);
		return;
	}
	*user++ = '\0';
	st = um_user_query(p, user, t, &a);
	if (!um_is_ok(st)) {
		ui_message_status(NULL, st);
	} else {
		a->fields = 0; /* a change: only what the dialog sets */
		if (run_dialog(p, which, a) && a->fields != 0)
			st = um_user_set(p, a);
		if (!um_is_ok(st))
			ui_message_status(NULL, st);
	}
	talloc_free(t);
}
