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
#include <stddef.h>

/* USRMGR_TEST_STOP_AT=WHEN:STEP: the process stops itself (SIGSTOP) when
 * the repair reaches STEP (as journaled) at WHEN ("before" its action
 * reaches the PDC, or "after" it returned), so that a fault test can land
 * its fault at a known point; before:finish stops it after the last step,
 * before the final check. */
void um_test_hook_stop_at(const char *when, const char *step_id);

/* USRMGR_UI_SCRIPT=FILE: the screens read their keys from FILE; NULL for
 * the terminal. */
const char *um_test_ui_script_path(void);

/* USRMGR_UI_SUBDIALOG=DIALOG:USER: once the main window is up, the
 * screens open User Properties' sub-dialog DIALOG (groups, profile,
 * hours, logon-to or account) on USER of the domain shown, and store
 * what its OK leaves as User Properties' OK would (screen dumps and tmux
 * tests of the sub-dialogs); NULL when not set. */
const char *um_test_ui_subdialog(void);

/* USRMGR_RPC_STATS set: the RPC backend counts its round trips and writes
 * them on standard error at exit (bench/, doc/performance.md). */
bool um_test_rpc_stats(void);

/* USRMGR_RPC_TRACE set: each RPC request, connection and model operation
 * is written on standard error when it starts and ends, and so are
 * main(), the RPC module's load, the first screen and exit (the profile
 * of doc/performance.md).  Times are milliseconds since the first event,
 * or since USRMGR_RPC_TRACE's value when that is a time in nanoseconds
 * since the epoch ($(date +%s%N) just before the exec: then they count
 * from the process's start).  The installed usrmgr writes nothing. */
void um_test_rpc_trace(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

/* USRMGR_NT4_HELPER=/ABSOLUTE/PATH: the program that receives an NT4
 * trust password, in place of the installed helper; NULL for that. */
const char *um_test_nt4_helper_path(void);

/* The buffers src/engine/secret.c wipes, one name each: every place a
 * password, or something it can be recovered from, is cleared. */
enum um_wipe_site {
	UM_WIPE_SECRET_BYTES,  /* a struct um_secret's copy, when freed */
	UM_WIPE_RANDOM_RAW,    /* um_secret_random: the RNG's bytes */
	UM_WIPE_RANDOM_TEXT,   /* um_secret_random: the password made of them */
	UM_WIPE_CHECK_UTF16,   /* um_secret_check: the UTF-16LE copy */
	UM_WIPE_NTHASH_UTF16,  /* um_secret_nthash: the UTF-16LE copy */
	UM_WIPE_NTHASH_MD4,    /* um_secret_nthash: nettle's MD4 state */
	UM_WIPE_NTHASH_DIGEST, /* um_secret_nthash: the binary hash */
	UM_WIPE_STACK_BELOW,   /* the stack below um_secret_nthash's frame */
	UM_WIPE_FROM_FD,       /* um_secret_from_fd: the line as read */
	UM_WIPE_SITE_COUNT
};

/* secret.c calls this with each buffer it has just wiped, right before
 * the buffer is freed or its frame is left: the last moment a wipe that
 * was left out can be seen.  hooks_on.c counts the calls per SITE and the
 * buffers with a byte that is not zero; hooks_off.c does nothing, so the installed usrmgr pays one call to an
 * empty function per wipe and the wipe itself stays explicit_bzero. */
void um_test_before_release(enum um_wipe_site site, const void *buf,
			    size_t len);

/* Only in hooks_on.c, for the test programs (tests/security/wipe-test):
 * what um_test_before_release has seen at SITE since the last reset. */
struct um_wipe_seen {
	unsigned calls;   /* buffers released */
	unsigned unwiped; /* of those, with a byte not zero */
	size_t last_len;  /* the size of the last one */
};
struct um_wipe_seen um_test_wipe_seen(enum um_wipe_site site);
void um_test_wipe_reset(void);

#endif
