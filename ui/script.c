/*
 * usrmgr - script mode for the screen-dump tests (tig's approach).
 *
 * With USRMGR_UI_SCRIPT=FILE the test binary (tests/usrmgr-test; the
 * installed usrmgr ignores it, test_hooks.h) reads its keys from FILE
 * instead of the terminal, draws into curses' own screen (output goes to
 * /dev/null) and writes that screen out as text on ":dump NAME".  The
 * size comes from LINES and COLUMNS.  A line of FILE is either
 *
 *   # a comment
 *   :dump NAME          the screen to $USRMGR_UI_DUMP_DIR/NAME.screen
 *   :dump-attrs NAME    the same, then each cell's attributes: r reverse,
 *                       u underline, b bold, d dim, c colour, . none
 *   :resize 100x30      as if the terminal were resized (SIGWINCH)
 *   keys                characters, and <Name> for the others: <Enter>
 *                       <Esc> <Tab> <BTab> <Up> <Down> <Left> <Right>
 *                       <PgUp> <PgDn> <Home> <End> <BS> <Del> <Space>
 *                       <F1>..<F12> <C-x> <M-x> (Esc x) <lt> ('<')
 *
 * An Esc combines with the key after it (Esc 1 = F1, Esc a = Alt+A) only
 * on the same line, as if both had arrived together.
 *
 * A text block painted since the last key that did not fit its room
 * (ui_text_block) is written beside the dump as NAME.cut, one line per
 * text: a cut the screen itself cannot show (tests/i18n/layout.sh).
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ui_priv.h"

enum ev_kind { EV_KEY, EV_DUMP, EV_DUMP_ATTRS, EV_RESIZE };

struct script_ev {
	enum ev_kind kind;
	int key;
	bool same;      /* not the first key of its line */
	char *arg;
};

static struct script_ev *evs;
static size_t n_evs, pos;
static TALLOC_CTX *script_mem;
/* Texts cut short since the last key (ui_script_note_cut). */
static char *cuts;

static const struct { const char *name; int key; } names[] = {
	{ "Enter", UI_ENTER }, { "Esc", UI_ESC }, { "Tab", UI_TAB },
	{ "BTab", UI_K(KEY_BTAB) }, { "S-Tab", UI_K(KEY_BTAB) },
	{ "Up", UI_K(KEY_UP) }, { "Down", UI_K(KEY_DOWN) },
	{ "Left", UI_K(KEY_LEFT) }, { "Right", UI_K(KEY_RIGHT) },
	{ "S-Up", UI_K(KEY_SR) }, { "S-Down", UI_K(KEY_SF) },
	{ "S-Left", UI_K(KEY_SLEFT) }, { "S-Right", UI_K(KEY_SRIGHT) },
	{ "PgUp", UI_K(KEY_PPAGE) }, { "PgDn", UI_K(KEY_NPAGE) },
	{ "Home", UI_K(KEY_HOME) }, { "End", UI_K(KEY_END) },
	{ "BS", UI_K(KEY_BACKSPACE) }, { "Del", UI_K(KEY_DC) },
	{ "Space", ' ' }, { "lt", '<' },
};

static struct script_ev *ev_add(enum ev_kind kind)
{
	struct script_ev *e;

	evs = talloc_realloc(script_mem, evs, struct script_ev, n_evs + 1);
	e = &evs[n_evs++];
	memset(e, 0, sizeof(*e));
	e->kind = kind;
	return e;
}

static void key_add(int key, bool *first)
{
	struct script_ev *e = ev_add(EV_KEY);

	e->key = key;
	e->same = !*first;
	*first = false;
}

/* "<Name>" at S: the key, and how many bytes it took (0: not a name). */
static size_t parse_name(const char *s, int *key, bool *meta)
{
	const char *end = strchr(s, '>');
	size_t len, i;
	char name[16];

	*meta = false;
	if (end == NULL || end - s - 1 <= 0 || end - s - 1 >= (long)sizeof(name))
		return 0;
	len = (size_t)(end - s - 1);
	memcpy(name, s + 1, len);
	name[len] = '\0';
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (strcmp(names[i].name, name) == 0) {
			*key = names[i].key;
			return len + 2;
		}
	}
	if (name[0] == 'F' && atoi(name + 1) >= 1 && atoi(name + 1) <= 12) {
		*key = UI_K(KEY_F(atoi(name + 1)));
		return len + 2;
	}
	if (len == 3 && name[1] == '-' && (name[0] == 'C' || name[0] == 'M')) {
		*key = name[0] == 'C' ? UI_CTRL(name[2]) : name[2];
		*meta = name[0] == 'M';
		return len + 2;
	}
	return 0;
}

static void keys_line(const char *s)
{
	bool first = true;
	mbstate_t st;

	memset(&st, 0, sizeof(st));
	while (*s != '\0' && *s != '\n') {
		int key;
		bool meta;
		size_t n = *s == '<' ? parse_name(s, &key, &meta) : 0;
		wchar_t wc;

		if (n > 0) {
			if (meta)
				key_add(UI_ESC, &first);
			key_add(key, &first);
			s += n;
			continue;
		}
		n = mbrtowc(&wc, s, strlen(s), &st);
		if (n == 0 || n > strlen(s)) {
			memset(&st, 0, sizeof(st));
			wc = (unsigned char)*s;
			n = 1;
		}
		key_add((int)wc, &first);
		s += n;
	}
}

static void command_line(const char *s)
{
	int c, r;
	char *arg;

	if (strncmp(s, ":dump ", 6) == 0) {
		arg = talloc_strdup(script_mem, s + 6);
		arg[strcspn(arg, "\r\n")] = '\0';
		ev_add(EV_DUMP)->arg = arg;
	} else if (strncmp(s, ":dump-attrs ", 12) == 0) {
		arg = talloc_strdup(script_mem, s + 12);
		arg[strcspn(arg, "\r\n")] = '\0';
		ev_add(EV_DUMP_ATTRS)->arg = arg;
	} else if (sscanf(s, ":resize %dx%d", &c, &r) == 2) {
		struct script_ev *e = ev_add(EV_RESIZE);

		e->key = r * 10000 + c;
	}
}

bool ui_script_open(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[1024];

	if (f == NULL)
		return false;
	script_mem = talloc_new(NULL);
	while (fgets(line, sizeof(line), f) != NULL) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (line[0] == ':')
			command_line(line);
		else
			keys_line(line);
	}
	fclose(f);
	return true;
}

void ui_script_note_cut(const char *text)
{
	if (!ui.script || script_mem == NULL)
		return;
	if (cuts == NULL)
		cuts = talloc_strdup(script_mem, "");
	cuts = talloc_asprintf_append(cuts, "%.*s\n",
				      (int)strcspn(text, "\n"), text);
}

static void write_cuts(const char *screen_path)
{
	char *path;
	FILE *f;

	if (cuts == NULL || *cuts == '\0')
		return;
	path = talloc_asprintf(script_mem, "%.*s.cut",
			       (int)(strlen(screen_path) - 7), screen_path);
	f = fopen(path, "w");
	if (f != NULL) {
		fputs(cuts, f);
		fclose(f);
	}
}

void ui_script_close(void)
{
	cuts = NULL;
	TALLOC_FREE(script_mem);
	evs = NULL;
	n_evs = pos = 0;
}

static void dump_to(const char *name, bool attrs)
{
	const char *dir = getenv("USRMGR_UI_DUMP_DIR");
	char *path;

	if (strchr(name, '/') != NULL || dir == NULL || *dir == '\0')
		path = talloc_asprintf(script_mem, "%s.screen", name);
	else
		path = talloc_asprintf(script_mem, "%s/%s.screen", dir, name);
	ui_refresh();
	ui_dump_screen(path, attrs);
	write_cuts(path);
}

bool ui_script_next(int *key, bool *same)
{
	while (pos < n_evs) {
		struct script_ev *e = &evs[pos++];

		switch (e->kind) {
		case EV_DUMP:
		case EV_DUMP_ATTRS:
			dump_to(e->arg, e->kind == EV_DUMP_ATTRS);
			break;
		case EV_RESIZE:
			ui_term_resize(e->key / 10000, e->key % 10000);
			break;
		case EV_KEY:
			*key = e->key;
			*same = e->same;
			TALLOC_FREE(cuts); /* what this key paints is new */
			return true;
		}
	}
	return false;
}

bool ui_script_peek_same_group(void)
{
	return pos < n_evs && evs[pos].kind == EV_KEY && evs[pos].same;
}

/* Line drawing as Unicode in the dump, so that --ascii shows apart. */
static wchar_t acs_to_unicode(wchar_t c)
{
	switch (c) {
	case 'q': return 0x2500;
	case 'x': return 0x2502;
	case 'l': return 0x250c;
	case 'k': return 0x2510;
	case 'm': return 0x2514;
	case 'j': return 0x2518;
	case 't': return 0x251c;
	case 'u': return 0x2524;
	case 'w': return 0x252c;
	case 'v': return 0x2534;
	case 'n': return 0x253c;
	case '-': return 0x2191;
	case '.': return 0x2193;
	case 'a': return 0x2592;
	default: return c;
	}
}

static void dump_row(FILE *f, int y)
{
	char out[8 * 512 + 1];
	size_t len = 0, keep = 0;
	int x;

	for (x = 0; x < COLS && len < sizeof(out) - 8; x++) {
		cchar_t cc;
		wchar_t wch[CCHARW_MAX + 1] = { 0 };
		attr_t attrs;
		short pair;
		char mb[MB_LEN_MAX];
		size_t n;
		mbstate_t st;

		if (mvwin_wch(curscr, y, x, &cc) == ERR)
			break;
		getcchar(&cc, wch, &attrs, &pair, NULL);
		if (wch[0] == 0)
			wch[0] = ' ';
		if (attrs & A_ALTCHARSET)
			wch[0] = acs_to_unicode(wch[0]);
		memset(&st, 0, sizeof(st));
		n = wcrtomb(mb, wch[0], &st);
		if (n == (size_t)-1) {
			mb[0] = '?';
			n = 1;
		}
		memcpy(out + len, mb, n);
		len += n;
		if (wch[0] != ' ')
			keep = len;
		if (wcwidth(wch[0]) == 2)
			x++;
	}
	out[keep] = '\0';
	fprintf(f, "%s\n", out);
}

/* One letter per cell for what a monochrome terminal would show. */
static char attr_letter(attr_t a, short pair)
{
	if (a & A_REVERSE)
		return a & A_UNDERLINE ? 'R' : 'r';
	if (a & A_UNDERLINE)
		return 'u';
	if (a & A_BOLD)
		return 'b';
	if (a & A_DIM)
		return 'd';
	return pair != 0 ? 'c' : '.';
}

static void dump_attrs(FILE *f, int y)
{
	char out[512];
	int x, keep = 0;

	for (x = 0; x < COLS && x < (int)sizeof(out) - 1; x++) {
		cchar_t cc;
		wchar_t wch[CCHARW_MAX + 1];
		attr_t a = 0;
		short pair = 0;

		if (mvwin_wch(curscr, y, x, &cc) != ERR)
			getcchar(&cc, wch, &a, &pair, NULL);
		out[x] = attr_letter(a, pair);
		if (out[x] != '.')
			keep = x + 1;
	}
	out[keep] = '\0';
	fprintf(f, "%s\n", out);
}

void ui_dump_screen(const char *path, bool attrs)
{
	FILE *f = fopen(path, "w");
	int y, cy, cx;

	if (f == NULL)
		return;
	for (y = 0; y < LINES; y++)
		dump_row(f, y);
	if (attrs) {
		fprintf(f, "-- attributes\n");
		for (y = 0; y < LINES; y++)
			dump_attrs(f, y);
	}
	/* doupdate() leaves the terminal's cursor where newscr has it;
	 * curscr does not track it. */
	getyx(newscr, cy, cx);
	fprintf(f, "-- %dx%d, cursor at line %d column %d\n", COLS, LINES,
		cy + 1, cx + 1);
	fclose(f);
}
