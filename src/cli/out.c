/*
 * usrmgr - wrapping the command line's prose at the terminal's width.
 *
 * JSON and --help never come here: a document for scripts is one line,
 * and the usage is a table laid out by hand.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
/* wcwidth() is X/Open's */
#define _XOPEN_SOURCE 700
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <talloc.h>
#include <unistd.h>
#include <wchar.h>

#include "out.h"

unsigned um_out_width(FILE *f)
{
	const char *env = getenv("COLUMNS");
	struct winsize ws;
	char *end;
	long n;

	if (!isatty(fileno(f))) {
		return 0;
	}
	if (env != NULL && *env != '\0') {
		n = strtol(env, &end, 10);
		if (*end == '\0' && n > 0 && n < 10000) {
			return (unsigned)n;
		}
	}
	if (ioctl(fileno(f), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) {
		return ws.ws_col;
	}
	return 80;
}

/* Columns of the LEN bytes at S on a terminal (UTF-8 and all). */
static size_t columns(const char *s, size_t len)
{
	mbstate_t ps;
	size_t cols = 0, n;
	wchar_t wc;
	int w;

	memset(&ps, 0, sizeof(ps));
	while (len > 0) {
		n = mbrtowc(&wc, s, len, &ps);
		if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
			/* not text this locale knows: a byte, a column */
			memset(&ps, 0, sizeof(ps));
			n = 1;
			w = 1;
		} else {
			w = wcwidth(wc);
		}
		cols += w > 0 ? (size_t)w : 0;
		s += n;
		len -= n;
	}
	return cols;
}

/* One line of LEN bytes, wrapped at WIDTH (> 0). */
static void wrap_line(FILE *f, const char *line, size_t len, size_t width)
{
	size_t indent = strspn(line, " "), col, gap, word, wcols;
	const char *p = line + indent, *end = line + len, *sp;

	if (indent > len) {
		indent = len;
	}
	if (columns(line, len) <= width || indent >= width / 2) {
		fprintf(f, "%.*s\n", (int)len, line);
		return;
	}
	fprintf(f, "%*s", (int)indent, "");
	col = indent;
	gap = 0;
	while (p < end) {
		sp = memchr(p, ' ', (size_t)(end - p));
		word = (size_t)((sp ? sp : end) - p);
		wcols = columns(p, word);
		if (col > indent && col + gap + wcols > width) {
			fprintf(f, "\n%*s", (int)indent, "");
			col = indent;
			gap = 0;
		}
		fprintf(f, "%*s%.*s", (int)gap, "", (int)word, p);
		col += gap + wcols;
		p += word;
		/* the spaces between two words stay as written (a column
		 * lined up by hand), unless the line breaks there */
		gap = strspn(p, " ");
		p += gap;
	}
	fputc('\n', f);
}

void um_out_text(FILE *f, const char *text)
{
	unsigned width = um_out_width(f);
	const char *nl;

	if (width == 0) {
		fprintf(f, "%s\n", text);
		return;
	}
	while ((nl = strchr(text, '\n')) != NULL) {
		wrap_line(f, text, (size_t)(nl - text), width);
		text = nl + 1;
	}
	wrap_line(f, text, strlen(text), width);
}

void um_out_printf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	char *text;
	size_t len;

	va_start(ap, fmt);
	text = talloc_vasprintf(NULL, fmt, ap);
	va_end(ap);
	if (text == NULL) {
		return;
	}
	/* printf's own final newline is um_out_text's */
	len = strlen(text);
	if (len > 0 && text[len - 1] == '\n') {
		text[len - 1] = '\0';
		um_out_text(f, text);
	} else if (len > 0) {
		fputs(text, f);
	}
	talloc_free(text);
}
