/*
 * usrmgr - helpers shared by the unit tests.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifndef USRMGR_UNIT_H
#define USRMGR_UNIT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <talloc.h>
#include <tevent.h>

#include "model.h"
#include "status.h"

#define assert_status(st, kind_, code_)                                    \
	do {                                                               \
		struct um_status s_ = (st);                                \
		if (s_.kind != (kind_) || s_.code != (code_)) {            \
			fail_msg("status %s, expected kind %d code 0x%08x", \
				 um_status_name(s_), (int)(kind_),          \
				 (unsigned)(code_));                        \
		}                                                          \
	} while (0)
#define assert_ok(st) assert_status(st, UM_KIND_NT, 0)
#define assert_ok_any(st)                                                  \
	do {                                                               \
		struct um_status s2_ = (st);                               \
		if (!um_is_ok(s2_)) {                                      \
			fail_msg("status %s", um_status_name(s2_));        \
		}                                                          \
	} while (0)

/* A model on scenario NAME, its state in a fresh temporary file. */
struct unit_world {
	TALLOC_CTX *mem;
	struct tevent_context *ev;
	struct um_model *m;
	char state[64];
	char text_file[64];  /* unit_world_open_text's scenario, or "" */
};

void unit_world_open(struct unit_world *w, const char *scenario);
/* The same on a scenario given as its text (INI), kept in a temporary
 * file until unit_world_close(). */
void unit_world_open_text(struct unit_world *w, const char *text);
void unit_world_reopen(struct unit_world *w);
void unit_world_close(struct unit_world *w);
struct um_pdc *unit_pdc(struct unit_world *w, const char *name);
struct um_secret *unit_secret(struct unit_world *w, const char *text);
/* How many Trusted / Trusting Domains PDC lists. */
size_t unit_n_trusted(struct unit_world *w, const char *pdc);
size_t unit_n_trusting(struct unit_world *w, const char *pdc);

#endif
