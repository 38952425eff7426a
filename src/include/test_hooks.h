/*
 * usrmgr - the hooks the test suite needs, behind one interface.
 *
 * Two implementations: src/hooks/hooks_off.c, linked into the installed
 * usrmgr, does nothing and reads no environment; src/hooks/hooks_on.c,
 * linked only into the test binaries (tests/usrmgr-test and the unit and
 * fuzz programs; never installed), reads the USRMGR_* variables below.
 * The engine, the screens and the backends call these functions and never
 * getenv() for a hook, so which build answers is decided at link time.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifndef USRMGR_TEST_HOOKS_H
#define USRMGR_TEST_HOOKS_H

#include <stdbool.h>

/* USRMGR_TEST_STOP_AT=WHEN:STEP: the process stops itself (SIGSTOP) when
 * the repair reaches STEP (as journaled) at WHEN ("before" its action
 * reaches the PDC, or "after" it returned), so that a fault test can land
 * its fault at a known point. */
void um_test_hook_stop_at(const char *when, const char *step_id);

/* USRMGR_UI_SCRIPT=FILE: the screens read their keys from FILE; NULL for
 * the terminal. */
const char *um_test_ui_script_path(void);

/* USRMGR_RPC_STATS set: the RPC backend counts its round trips and writes
 * them on standard error at exit (bench/, doc/performance.md). */
bool um_test_rpc_stats(void);

/* USRMGR_NT4_HELPER=/ABSOLUTE/PATH: the program that receives an NT4
 * trust password, in place of the installed helper; NULL for that. */
const char *um_test_nt4_helper_path(void);

#endif
