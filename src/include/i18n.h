/*
 * usrmgr - gettext in one place.  _() for strings shown to people, N_()
 * for strings in tables translated where they are shown.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifndef USRMGR_I18N_H
#define USRMGR_I18N_H

#include <libintl.h>
#include <locale.h>

#define _(s) gettext(s)
#define N_(s) (s)

/* bindtextdomain + textdomain + setlocale, once at start. */
void um_i18n_init(void);
/* Where the catalogues are: LOCALEDIR, or for the usrmgr make built, run
 * in its build tree, the catalogues compiled there (src/i18n.c). */
const char *um_i18n_localedir(void);

#endif
