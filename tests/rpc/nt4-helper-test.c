/*
 * nt4-helper-test: running usrmgr-nt4-trust, without a DC.  A stand-in
 * helper (a shell script, given as $USRMGR_NT4_HELPER) records its argv
 * and stdin: the password arrives on stdin and never in argv; output,
 * errors and exit codes come back; a helper that cannot run is told
 * apart; "key value" parsing; which addresses are this machine's.
 * Then the real helper's usage answer (exit 2) when python3-samba is
 * there.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <talloc.h>
#include <tevent.h>
#include "nt4_helper.h"

static int passed, failed;

static void check(bool ok, const char *what)
{
	printf("%s - %s\n", ok ? "ok" : "FAIL", what);
	if (ok)
		passed++;
	else
		failed++;
}

static int run(TALLOC_CTX *mem, struct tevent_context *ev,
	       const char *const *args, const struct um_secret *in,
	       char **out, char **err)
{
	struct tevent_req *req = nt4_helper_send(mem, ev, args, in);

	if (req == NULL)
		return -1;
	if (!tevent_req_poll(req, ev))
		return -1;
	return nt4_helper_recv(req, mem, out, err);
}

static char *slurp(TALLOC_CTX *mem, const char *path)
{
	FILE *f = fopen(path, "r");
	char buf[4096];
	size_t n;

	if (f == NULL)
		return talloc_strdup(mem, "");
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return talloc_strdup(mem, buf);
}

int main(void)
{
	const char *top = getenv("top_srcdir");
	TALLOC_CTX *mem = talloc_new(NULL);
	struct tevent_context *ev = tevent_context_init(mem);
	char dir[] = "/tmp/usrmgr-nt4-helper-test.XXXXXX";
	char *script, *text, *out = NULL, *err = NULL;
	struct um_secret *pw = um_secret_new(mem, "S3cret pw\n\xc3\xa9", 12);
	const char *args_ok[] = { "set", "/etc/samba/smb.conf", "ACCOUNTS",
				  "S-1-5-21-1-2-3", NULL };
	const char *args_fail[] = { "fail", NULL };
	const char *args_usage[] = { "no-such-op", NULL };
	FILE *f;
	int rc;

	if (mkdtemp(dir) == NULL)
		return 99;
	script = talloc_asprintf(mem, "%s/helper", dir);
	f = fopen(script, "w");
	fprintf(f, "#!/bin/sh\n"
		   "d=$(dirname \"$0\")\n"
		   "printf '%%s\\n' \"$@\" > \"$d/argv\"\n"
		   "cat > \"$d/stdin\"\n"
		   "env > \"$d/env\"\n"
		   "if [ \"$1\" = fail ]; then echo 'it broke' >&2; exit 3; fi\n"
		   "echo 'role classic primary domain controller'\n"
		   "echo 'sid S-1-5-21-9-8-7'\n");
	fclose(f);
	chmod(script, 0700);
	setenv("USRMGR_NT4_HELPER", script, 1);
	setenv("USRMGR_TEST_NOT_INHERITED", "x", 1);

	check(strcmp(nt4_helper_path(), script) == 0,
	      "$USRMGR_NT4_HELPER chooses the helper");
	rc = run(mem, ev, args_ok, pw, &out, &err);
	check(rc == 0, "exit 0 comes back");
	text = slurp(mem, talloc_asprintf(mem, "%s/stdin", dir));
	check(strcmp(text, "S3cret pw\n\xc3\xa9") == 0,
	      "the password arrives on stdin, byte for byte");
	text = slurp(mem, talloc_asprintf(mem, "%s/argv", dir));
	check(strcmp(text, "set\n/etc/samba/smb.conf\nACCOUNTS\n"
			   "S-1-5-21-1-2-3\n") == 0, "the arguments, in order");
	check(strstr(text, "S3cret") == NULL, "no password in argv");
	text = slurp(mem, talloc_asprintf(mem, "%s/env", dir));
	check(strstr(text, "USRMGR_TEST_NOT_INHERITED") == NULL,
	      "a plain environment, not ours");
	check(out != NULL && strstr(out, "sid S-1-5-21-9-8-7") != NULL,
	      "its output comes back");
	text = nt4_helper_value(mem, out, "role");
	check(text && strcmp(text, "classic primary domain controller") == 0,
	      "key value: role");
	text = nt4_helper_value(mem, out, "sid");
	check(text && strcmp(text, "S-1-5-21-9-8-7") == 0, "key value: sid");
	check(nt4_helper_value(mem, out, "ro") == NULL,
	      "key value: a prefix is not a key");

	rc = run(mem, ev, args_fail, NULL, &out, &err);
	check(rc == NT4_HELPER_NO_WINBINDD, "exit 3 comes back");
	check(err != NULL && strstr(err, "it broke") != NULL,
	      "its stderr comes back");

	setenv("USRMGR_NT4_HELPER", "/nonexistent/usrmgr-nt4-trust", 1);
	rc = run(mem, ev, args_ok, pw, &out, &err);
	check(rc == NT4_HELPER_NOT_RUN, "a helper that is not there: 127");

	check(nt4_host_is_local("127.0.0.1"), "127.0.0.1 is this machine");
	check(!nt4_host_is_local("192.0.2.1"),
	      "192.0.2.1 (TEST-NET-1) is not this machine");
	check(!nt4_host_is_local("no-such-host.invalid"),
	      "a name that does not resolve is not this machine");

	/* the real helper, when python3-samba is there to run it */
	if (top != NULL && access("/usr/lib/python3/dist-packages/samba",
				  F_OK) == 0) {
		setenv("USRMGR_NT4_HELPER", talloc_asprintf(mem,
			"%s/helpers/usrmgr-nt4-trust", top), 1);
		rc = run(mem, ev, args_usage, NULL, &out, &err);
		check(rc == NT4_HELPER_USAGE && strstr(err, "usage") != NULL,
		      "usrmgr-nt4-trust: an unknown operation is usage (2)");
	}

	unlink(talloc_asprintf(mem, "%s/argv", dir));
	unlink(talloc_asprintf(mem, "%s/stdin", dir));
	unlink(talloc_asprintf(mem, "%s/env", dir));
	unlink(script);
	rmdir(dir);
	talloc_free(mem);
	printf("%d passed, %d failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}
