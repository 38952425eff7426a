/*
 * usrmgr - text on screen: display widths (UTF-8 names are not one column
 * per byte), labels with '&' mnemonics drawn underlined, word wrapping.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>
#include "ui_priv.h"

#define WBUF 1024

/* UTF-8 to wide characters; bytes that do not decode become '?'. */
static size_t widen(const char *s, wchar_t *out, size_t max)
{
	mbstate_t st;
	size_t n = 0, len = strlen(s);

	memset(&st, 0, sizeof(st));
	while (*s != '\0' && n < max - 1) {
		size_t r = mbrtowc(&out[n], s, len, &st);

		if (r == (size_t)-1 || r == (size_t)-2 || r == 0) {
			memset(&st, 0, sizeof(st));
			out[n] = L'?';
			r = 1;
		}
		s += r;
		len -= r;
		n++;
	}
	out[n] = L'\0';
	return n;
}

static int wc_width(wchar_t c)
{
	int w = wcwidth(c);

	return w < 0 ? 1 : w;
}

int ui_text_width(const char *s)
{
	wchar_t buf[WBUF];
	size_t i, n = widen(s, buf, WBUF);
	int w = 0;

	for (i = 0; i < n; i++)
		w += wc_width(buf[i]);
	return w;
}

int ui_label_width(const char *label)
{
	int w = ui_text_width(label);
	const char *p;

	for (p = label; (p = strchr(p, '&')) != NULL; p += 2) {
		w--;
		if (p[1] == '\0')
			break;
	}
	return w;
}

wint_t ui_label_mnemonic(const char *label)
{
	const char *p;

	for (p = label; (p = strchr(p, '&')) != NULL; p += 2) {
		wchar_t wc;
		mbstate_t st;

		if (p[1] == '&')
			continue;
		if (p[1] == '\0')
			break;
		memset(&st, 0, sizeof(st));
		if (mbrtowc(&wc, p + 1, strlen(p + 1), &st) > 0)
			return towlower((wint_t)wc);
		break;
	}
	return WEOF;
}

bool ui_key_is_mnemonic(int key, const char *label)
{
	wint_t m = ui_label_mnemonic(label);
	int k = UI_IS_ALT(key) ? key & 0xffffff : key;

	if (m == WEOF || k >= UI_K(0) || k < 0x20)
		return false;
	return towlower((wint_t)k) == m;
}

static void put_wide(WINDOW *w, const wchar_t *s, size_t n, attr_t a)
{
	wattrset(w, a);
	waddnwstr(w, s, (int)n);
}

int ui_text_put(WINDOW *w, int y, int x, int maxw, const char *s, attr_t a)
{
	wchar_t buf[WBUF];
	size_t i, n = widen(s, buf, WBUF);
	int used = 0;

	for (i = 0; i < n; i++) {
		int cw = wc_width(buf[i]);

		if (used + cw > maxw)
			break;
		if (!iswprint((wint_t)buf[i]))
			buf[i] = L'?';
		used += cw;
	}
	wmove(w, y, x);
	put_wide(w, buf, i, a);
	return used;
}

int ui_text_put_cut(WINDOW *w, int y, int x, int maxw, const char *s,
		    attr_t a)
{
	/* "..." where the terminal or the locale has no ellipsis. */
	const char *dots = ui.utf8 && !ui.ascii ? "\u2026" : "...";
	int dw = ui_text_width(dots);

	if (ui_text_width(s) <= maxw || maxw <= dw)
		return ui_text_put(w, y, x, maxw, s, a);
	x += ui_text_put(w, y, x, maxw - dw, s, a);
	return maxw - dw + ui_text_put(w, y, x, dw, dots, a);
}

int ui_label_put(WINDOW *w, int y, int x, int maxw, const char *label,
		 attr_t a)
{
	return ui_label_put_ex(w, y, x, maxw, label, a, true);
}

int ui_label_put_ex(WINDOW *w, int y, int x, int maxw, const char *label,
		    attr_t a, bool underline)
{
	wchar_t buf[WBUF];
	size_t i, n = widen(label, buf, WBUF);
	int used = 0;
	bool marked = false;

	wmove(w, y, x);
	for (i = 0; i < n; i++) {
		attr_t ca = a;
		int cw;

		if (buf[i] == L'&' && i + 1 < n) {
			i++;
			if (buf[i] != L'&' && !marked && underline) {
				ca |= A_UNDERLINE;
				marked = true;
			}
		}
		cw = wc_width(buf[i]);
		if (used + cw > maxw)
			break;
		put_wide(w, &buf[i], 1, ca);
		used += cw;
	}
	return used;
}

void ui_fill(WINDOW *w, int y, int x, int n, attr_t a)
{
	if (n <= 0)
		return;
	wattrset(w, a);
	mvwhline(w, y, x, ' ', n);
}

static void wrap_add(TALLOC_CTX *mem, char ***lines, int *n,
		     const wchar_t *s, size_t len)
{
	char *line = talloc_array(mem, char, len * MB_LEN_MAX + 1);
	size_t i, o = 0;
	mbstate_t st;

	memset(&st, 0, sizeof(st));
	for (i = 0; i < len; i++) {
		size_t r = wcrtomb(line + o, s[i], &st);

		o += r == (size_t)-1 ? 0 : r;
	}
	line[o] = '\0';
	*lines = talloc_realloc(mem, *lines, char *, *n + 1);
	(*lines)[(*n)++] = line;
}

/* One paragraph: break at the last blank that fits, or hard. */
static void wrap_para(TALLOC_CTX *mem, char ***lines, int *n,
		      const wchar_t *s, size_t len, int width)
{
	while (len > 0) {
		size_t i, brk = 0;
		int used = 0;

		for (i = 0; i < len; i++) {
			int cw = wc_width(s[i]);

			if (used + cw > width)
				break;
			used += cw;
			if (s[i] == L' ')
				brk = i;
		}
		if (i == len)
			brk = len;
		else if (brk == 0)
			brk = i > 0 ? i : 1;
		wrap_add(mem, lines, n, s, brk);
		s += brk;
		len -= brk;
		while (len > 0 && *s == L' ') {
			s++;
			len--;
		}
	}
}

int ui_wrap(const char *text, int width, char ***lines, TALLOC_CTX *mem)
{
	wchar_t *buf = talloc_array(mem, wchar_t, strlen(text) + 1);
	size_t n = widen(text, buf, strlen(text) + 1);
	size_t start = 0, i;
	int count = 0;

	*lines = NULL;
	if (width < 1)
		width = 1;
	for (i = 0; i <= n; i++) {
		if (i < n && buf[i] != L'\n')
			continue;
		if (i == start)
			wrap_add(mem, lines, &count, buf + start, 0);
		else
			wrap_para(mem, lines, &count, buf + start, i - start,
				  width);
		start = i + 1;
	}
	talloc_free(buf);
	return count;
}

int ui_text_block(WINDOW *w, int y, int x, int width, int max_lines,
		  const char *text, attr_t a)
{
	TALLOC_CTX *t = talloc_new(NULL);
	char **lines;
	int i, n = ui_wrap(text, width, &lines, t);

	/* blank lines at the end need no room */
	while (n > 0 && *lines[n - 1] == '\0')
		n--;
	if (n > max_lines)
		ui_script_note_cut(text);
	for (i = 0; i < n && i < max_lines; i++)
		ui_text_put(w, y + i, x, width, lines[i], a);
	talloc_free(t);
	return i;
}

int ui_text_line(WINDOW *w, int y, int x, int maxw, const char *text,
		 attr_t a)
{
	if (ui_text_width(text) > maxw)
		ui_script_note_cut(text);
	return ui_text_put(w, y, x, maxw, text, a);
}
