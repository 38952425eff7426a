/*
 * fuzz-form: the screens' input path, keys in, on hostile keystrokes.
 *
 * The real screens (ui/) run in their script mode (what the
 * screen-dump tests use, ui/script.c) on the simulated kb207957 domains:
 * the first input byte picks where the keys start (Add Trusting Domain,
 * Add Trusted Domain, Select Domain, or the main window), the rest is the
 * key script: text, <Name> keys, Alt and Ctrl, many lines.  ':' command
 * lines are turned into keys (a :dump names a file, a :resize a size:
 * those are the test harness's, not the operator's).  Each run opens the
 * terminal (curses on /dev/null), runs until the keys end, and closes it.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <tevent.h>

#include "model.h"
#include "i18n.h"
#include "ui.h"
#include "fuzz.h"

static char *dir, *script;

/* main.c's, which the harness does not link. */
void um_i18n_init(void)
{
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	dir = fuzz_tmpdir("form");
	script = talloc_asprintf(NULL, "%s/keys", dir);
	setenv("TERM", "xterm-256color", 1);
	setenv("LINES", "24", 1);
	setenv("COLUMNS", "80", 1);
	setenv("LC_ALL", "C.UTF-8", 1);
	setenv("USRMGR_UI_SCRIPT", script, 1);
	setenv("USRMGR_UI_DUMP_DIR", dir, 1);
	setenv("USRMGR_SCENARIO_DIR", SRC_SCENARIODIR, 1);
	unsetenv("NO_COLOR");
	return 0;
}

static const struct {
	const char *pdc, *keys;
} starts[] = {
	{ "DCA", "<M-p>t<M-d>\n" },          /* Add Trusting Domain */
	{ "DCB", "<M-p>t<M-a>\n" },          /* Add Trusted Domain */
	{ "DCA", "<M-u>s\n" },               /* Select Domain */
	{ "DCB", "" },                       /* the main window */
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	TALLOC_CTX *mem;
	struct tevent_context *ev;
	struct um_model_options opt = { .scenario = "kb207957" };
	struct um_ui_options ui = { .scenario = "kb207957" };
	struct um_model *m = NULL;
	char *why = NULL, *keys;
	size_t i, pick;

	/* a few screens' worth of keys: longer inputs only cost time */
	if (size < 1 || size > 1024)
		return 0;
	pick = data[0] % (sizeof(starts) / sizeof(starts[0]));
	keys = talloc_asprintf(NULL, "%s", starts[pick].keys);
	keys = talloc_strndup_append(keys, (const char *)data + 1, size - 1);
	/* only a ':' at a line's start is a command: make it a key */
	for (i = 0; keys[i] != '\0'; i++) {
		if (keys[i] == ':' && (i == 0 || keys[i - 1] == '\n'))
			keys[i] = ';';
	}
	fuzz_write_file(script, keys, strlen(keys));
	talloc_free(keys);

	mem = talloc_new(NULL);
	ev = tevent_context_init(mem);
	if (!um_is_ok(um_model_new(mem, ev, &opt, &m, &why))) {
		fprintf(stderr, "model: %s\n", why ? why : "?");
		abort();
	}
	ui.pdc = starts[pick].pdc;
	(void)um_ui_run(m, &ui);
	talloc_free(mem);
	return 0;
}
