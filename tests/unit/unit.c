/*
 * usrmgr - helpers shared by the unit tests.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"

static void open_model(struct unit_world *w, const char *scenario)
{
	struct um_model_options opt = { .scenario = scenario,
					 .state_file = w->state };
	char *why = NULL;
	struct um_status st = um_model_new(w->mem, w->ev, &opt, &w->m, &why);

	if (!um_is_ok(st)) {
		fail_msg("model: %s", why ? why : um_status_name(st));
	}
}

void unit_world_open(struct unit_world *w, const char *scenario)
{
	int fd;

	memset(w, 0, sizeof(*w));
	w->mem = talloc_new(NULL);
	w->ev = tevent_context_init(w->mem);
	snprintf(w->state, sizeof(w->state), "/tmp/usrmgr-unit-XXXXXX");
	fd = mkstemp(w->state);
	assert_true(fd >= 0);
	close(fd);
	unlink(w->state); /* seeded from the scenario on open */
	open_model(w, scenario);
}

void unit_world_open_text(struct unit_world *w, const char *text)
{
	char path[sizeof(w->text_file)] = "/tmp/usrmgr-unit-XXXXXX.ini";
	int fd = mkstemps(path, 4);
	FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;

	assert_non_null(f);
	assert_true(fputs(text, f) >= 0);
	assert_int_equal(fclose(f), 0);
	unit_world_open(w, path);
	memcpy(w->text_file, path, sizeof(path));
}

/* A new process's view: the same state file, read afresh. */
void unit_world_reopen(struct unit_world *w)
{
	talloc_free(w->m);
	open_model(w, NULL);
}

void unit_world_close(struct unit_world *w)
{
	unlink(w->state);
	if (w->text_file[0] != '\0') {
		unlink(w->text_file);
	}
	talloc_free(w->mem);
}

struct um_pdc *unit_pdc(struct unit_world *w, const char *name)
{
	struct um_pdc *p = NULL;

	assert_ok(um_pdc_get(w->m, name, &p));
	return p;
}

static void unit_lists(struct unit_world *w, const char *pdc, size_t *ntd,
		       size_t *ntg)
{
	struct um_trust *td, *tg;

	assert_ok(um_trust_list(unit_pdc(w, pdc), w->mem, &td, ntd, &tg,
				ntg));
}

size_t unit_n_trusted(struct unit_world *w, const char *pdc)
{
	size_t ntd, ntg;

	unit_lists(w, pdc, &ntd, &ntg);
	return ntd;
}

size_t unit_n_trusting(struct unit_world *w, const char *pdc)
{
	size_t ntd, ntg;

	unit_lists(w, pdc, &ntd, &ntg);
	return ntg;
}

struct um_secret *unit_secret(struct unit_world *w, const char *text)
{
	return um_secret_new(w->mem, text, strlen(text));
}
