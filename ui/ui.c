/*
 * usrmgr - the curses front end's entry point: set the terminal up, hook
 * into the model, run the main window, and always give the terminal back.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ui_priv.h"
#include "test_hooks.h"

/* Once the main window shows its first domain: --training opens the
 * coach; otherwise an unfinished repair in the journal is offered. */
void ui_startup(void)
{
	if (um_test_ui_subdialog() != NULL)
		ui_user_subdialog_test();
	else if (ui.opt->training)
		ui_training_start();
	else
		ui_wizard_offer_resume();
}

void ui_exit_note(void)
{
	char *note = um_model_unkept_note(NULL, ui.model, false);

	if (note != NULL)
		ui_message(UI_MSG_INFO, note);
	talloc_free(note);
}

/* Left on a signal: no box to wait on; the line goes to stderr once the
 * terminal is given back. */
static void signal_note(void)
{
	char *note = um_model_unkept_note(NULL, ui.model, true);

	if (note != NULL)
		fprintf(stderr, "usrmgr: %s\n", note);
	talloc_free(note);
}

int um_ui_run(struct um_model *m, const struct um_ui_options *opt)
{
	static const struct um_ui_options defaults;
	const char *script = um_test_ui_script_path();
	struct um_hooks hooks, none;
	struct um_status st;
	int rc;

	ui.model = m;
	ui.opt = opt != NULL ? opt : &defaults;
	ui.script = script != NULL;
	ui.quit_signal = 0;
	if (ui.script && !ui_script_open(script)) {
		fprintf(stderr, "usrmgr: %s: %s\n", script,
			_("cannot read the key script"));
		return 2;
	}
	st = ui_term_open();
	if (!um_is_ok(st)) {
		/* No terminal: ui_term_open() has said why. */
		if (!um_status_is(st, UM_KIND_LOCAL, UM_LOCAL_NO_TERMINAL))
			fprintf(stderr, "usrmgr: %s\n", um_status_message(st));
		ui_script_close();
		return 2;
	}
	/* --resource-authfile/--accounts-authfile: each PDC its own. */
	um_model_set_authfile(m, ui.opt->resource_pdc,
			      ui.opt->resource_authfile);
	um_model_set_authfile(m, ui.opt->accounts_pdc,
			      ui.opt->accounts_authfile);
	ui_keys_init();
	ui_busy_hooks(&hooks);
	um_model_set_hooks(m, &hooks);
	ui_busy_init();
	rc = ui_main_window_run(ui.opt->pdc);
	ui_training_stop();
	ui_busy_fini();
	memset(&none, 0, sizeof(none));
	um_model_set_hooks(m, &none);
	ui_keys_fini();
	ui_term_close();
	ui_script_close();
	if (ui.quit_signal)
		signal_note();
	/* Left because of a signal: say so the way a shell does. */
	if (ui.quit_signal > 1)
		rc = 128 + ui.quit_signal;
	else if (ui.quit_signal == 1)
		rc = 128 + 1; /* the terminal went away: as SIGHUP */
	return rc;
}
