/*
 * usrmgr - the command line's prose for people: wrapped at the
 * terminal's width, at words.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifndef USRMGR_OUT_H
#define USRMGR_OUT_H

#include <stdio.h>

/*
 * The width to wrap output to F at: when F is a terminal, COLUMNS (as
 * POSIX has it: the user's choice first), else the terminal's own
 * (TIOCGWINSZ), else 80.  0 when F is not a terminal: a pipe or a file
 * is read by scripts and grep, and gets each line whole, as ever.
 */
unsigned um_out_width(FILE *f);

/* TEXT (lines separated by '\n', no final one needed) on F, each line
 * wrapped at um_out_width(F) between words; a line's continuation keeps
 * its indentation; a word wider than the line is never cut. */
void um_out_text(FILE *f, const char *text);

/* printf into um_out_text; FMT's text ends with '\n' as printf's would. */
void um_out_printf(FILE *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
