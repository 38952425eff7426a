/*
 * usrmgr - the test hooks switched on, from the environment: linked only
 * into tests/usrmgr-test and the other test programs (never installed).
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>
#include "test_hooks.h"

void um_test_hook_stop_at(const char *when, const char *step_id)
{
	const char *at = getenv("USRMGR_TEST_STOP_AT");
	size_t n = strlen(when);

	if (at != NULL && strncmp(at, when, n) == 0 && at[n] == ':' &&
	    strcmp(at + n + 1, step_id) == 0)
		raise(SIGSTOP);
}

const char *um_test_ui_script_path(void)
{
	const char *script = getenv("USRMGR_UI_SCRIPT");

	return script != NULL && script[0] != '\0' ? script : NULL;
}

const char *um_test_ui_subdialog(void)
{
	const char *v = getenv("USRMGR_UI_SUBDIALOG");

	return v != NULL && v[0] != '\0' ? v : NULL;
}

bool um_test_rpc_stats(void)
{
	return getenv("USRMGR_RPC_STATS") != NULL;
}

void um_test_rpc_trace(const char *fmt, ...)
{
	static struct timespec t0;
	const char *from = getenv("USRMGR_RPC_TRACE");
	struct timespec now;
	va_list ap;

	if (from == NULL)
		return;
	/* USRMGR_RPC_TRACE=$(date +%s%N): times count from that moment (the
	 * process's start, for a shell that execs it at once); else from
	 * the first event. */
	clock_gettime(CLOCK_REALTIME, &now);
	if (t0.tv_sec == 0 && strlen(from) > 9) {
		long long ns = atoll(from);

		t0.tv_sec = (time_t)(ns / 1000000000);
		t0.tv_nsec = (long)(ns % 1000000000);
	}
	if (t0.tv_sec == 0)
		t0 = now;
	fprintf(stderr, "usrmgr-rpc-trace: %9.1f ms ",
		(now.tv_sec - t0.tv_sec) * 1e3 +
		(now.tv_nsec - t0.tv_nsec) / 1e6);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Only an absolute path: a relative one would depend on the directory
 * usrmgr happens to run in. */
const char *um_test_nt4_helper_path(void)
{
	const char *p = getenv("USRMGR_NT4_HELPER");

	return p != NULL && p[0] == '/' ? p : NULL;
}

static struct um_wipe_seen wipe_seen[UM_WIPE_SITE_COUNT];

/* Reads the buffer as it is left: a wipe the compiler or a change
 * dropped shows here, before the memory is reused. */
void um_test_before_release(enum um_wipe_site site, const void *buf,
			    size_t len)
{
	const unsigned char *p = buf;
	size_t i, nonzero = 0;

	if ((unsigned)site >= UM_WIPE_SITE_COUNT) {
		return;
	}
	for (i = 0; i < len; i++) {
		nonzero += p[i] != 0;
	}
	wipe_seen[site].calls++;
	wipe_seen[site].last_len = len;
	if (nonzero > 0) {
		wipe_seen[site].unwiped++;
	}
}

struct um_wipe_seen um_test_wipe_seen(enum um_wipe_site site)
{
	struct um_wipe_seen none = { 0, 0, 0 };

	return (unsigned)site < UM_WIPE_SITE_COUNT ? wipe_seen[site] : none;
}

void um_test_wipe_reset(void)
{
	memset(wipe_seen, 0, sizeof(wipe_seen));
}
