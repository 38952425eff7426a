/*
 * hooks-off-test: the hooks as the installed usrmgr links them
 * (src/hooks/hooks_off.c) ignore their environment variables, each one
 * set as a test binary would take it: no stop in a repair step, no key
 * script, no RPC counters, and the installed NT4 helper whatever
 * $USRMGR_NT4_HELPER says, as root too.  Ends with "N passed, N failed".
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <talloc.h>
#include <tevent.h>
#include "nt4_helper.h"
#include "test_hooks.h"

static int passed, failed;

static void check(bool ok, const char *what)
{
	printf("%s - %s\n", ok ? "ok" : "not ok", what);
	if (ok)
		passed++;
	else
		failed++;
}

/* Did um_test_hook_stop_at(WHEN, STEP) stop the process?  Asked in a
 * child, so that a stop (the defect) is seen, not suffered. */
static bool stops_at(const char *when, const char *step)
{
	int status = 0;
	pid_t pid = fork();

	if (pid == 0) {
		um_test_hook_stop_at(when, step);
		_exit(0);
	}
	if (pid < 0 || waitpid(pid, &status, WUNTRACED) != pid)
		return true; /* not proved: count it against */
	if (WIFSTOPPED(status)) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		return true;
	}
	return !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

int main(void)
{
	setenv("USRMGR_TEST_STOP_AT", "before:remove-trusted", 1);
	setenv("USRMGR_UI_SCRIPT", "/tmp/keys", 1);
	setenv("USRMGR_RPC_STATS", "1", 1);
	setenv("USRMGR_NT4_HELPER", "/tmp/not-the-helper", 1);

	check(!stops_at("before", "remove-trusted"),
	      "USRMGR_TEST_STOP_AT=before:remove-trusted does not stop it");
	check(um_test_ui_script_path() == NULL,
	      "USRMGR_UI_SCRIPT gives no key script");
	check(!um_test_rpc_stats(), "USRMGR_RPC_STATS turns no counters on");
	check(um_test_nt4_helper_path() == NULL,
	      "USRMGR_NT4_HELPER names no helper");
	check(strcmp(nt4_helper_path(), UM_NT4_HELPER) == 0,
	      "the NT4 trust password goes to the installed helper "
	      UM_NT4_HELPER);
	{
		/* the installed hook neither reads nor changes the buffer */
		char left[8] = "Unwiped";

		um_test_before_release(UM_WIPE_NTHASH_UTF16, left,
				       sizeof(left));
		check(strcmp(left, "Unwiped") == 0,
		      "um_test_before_release leaves the buffer as it was");
	}
	if (geteuid() == 0)
		check(strcmp(nt4_helper_path(), UM_NT4_HELPER) == 0,
		      "as root too");
	printf("%d passed, %d failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}
