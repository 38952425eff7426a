/*
 * usrmgr - the curses front end's one entry point.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifndef USRMGR_UI_H
#define USRMGR_UI_H

#include <stdbool.h>
#include "model.h"

struct um_ui_options {
	const char *pdc;       /* the PDC to open first; NULL: the first
				* simulated domain's */
	bool ascii;            /* --ascii: no line graphics */
	bool no_color;         /* --no-color or NO_COLOR set */
	bool training;         /* --training */
	const char *scenario;  /* simulated scenario's name, for the banner */
	/* Diagnosis, guided repair, training (all optional). */
	const char *journal;            /* --journal; NULL: the default */
	const char *resource_pdc;       /* --resource-pdc */
	const char *accounts_pdc;       /* --accounts-pdc */
	const char *resource_authfile;  /* --resource-authfile */
	const char *accounts_authfile;  /* --accounts-authfile */
	const char *user;               /* --user DOM\\user: logon test */
	const char *user_password_file; /* --user-password-file */
};

/* Run the screens until the operator exits; returns the exit code. */
int um_ui_run(struct um_model *m, const struct um_ui_options *opt);

#endif
