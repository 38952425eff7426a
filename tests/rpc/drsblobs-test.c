/*
 * drsblobs-test: usrmgr's hand-made trustDomainPasswords encoder against
 * Samba's own, byte for byte.  For each case the same structure (fixed
 * confounder, fixed timestamp) is packed by src/backend/rpc/drsblobs.c and by
 * python3-samba's ndr_pack(); the hex must be identical.
 *
 * Skips (77) when /usr/bin/python3 cannot import samba, unless CI=true.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdbool.h>
#include <unistd.h>
#include <talloc.h>
#include "drsblobs.h"

#define PYTHON "/usr/bin/python3"

/* Packs trustDomainPasswords(confounder[i] = i*7+3 & 0xff, time, out, in)
 * with python3-samba, as samba-tool builds it; prints hex. */
static const char *py_script =
	"import sys\n"
	"from samba.ndr import ndr_pack\n"
	"from samba.dcerpc import drsblobs, lsa\n"
	"def blob(pw, t):\n"
	"    b = drsblobs.trustAuthInOutBlob()\n"
	"    if pw is None:\n"
	"        b.count = 0\n"
	"        return b\n"
	"    sec = list(pw.encode('utf-16-le'))\n"
	"    c = drsblobs.AuthInfoClear(); c.size = len(sec); c.password = sec\n"
	"    i = drsblobs.AuthenticationInformation()\n"
	"    i.LastUpdateTime = t; i.AuthType = lsa.TRUST_AUTH_TYPE_CLEAR\n"
	"    i.AuthInfo = c\n"
	"    a = drsblobs.AuthenticationInformationArray(); a.count = 1\n"
	"    a.array = [i]\n"
	"    b.count = 1; b.current = a\n"
	"    return b\n"
	"t = int(sys.argv[1])\n"
	"def arg(s):\n"
	"    return None if s == '-' else bytes.fromhex(s).decode('utf-8')\n"
	"tp = drsblobs.trustDomainPasswords()\n"
	"tp.confounder = [(i * 7 + 3) & 0xff for i in range(512)]\n"
	"tp.outgoing = blob(arg(sys.argv[2]), t)\n"
	"tp.incoming = blob(arg(sys.argv[3]), t)\n"
	"print(ndr_pack(tp).hex())\n";

struct tcase {
	const char *name;
	const char *outgoing; /* NULL: no password that way */
	const char *incoming;
};

static const struct tcase cases[] = {
	{ "outgoing only", "Passw0rd.trust", NULL },
	{ "incoming only", NULL, "Passw0rd.trust" },
	{ "both ways", "out-pw", "in-pw-longer" },
	{ "odd length", "abc", "abcde" },
	{ "non-ASCII", "p\xc3\xa4ssw\xc3\xb6rd\xe2\x82\xac", NULL },
	{ "blank (KB Q102650)", "", NULL },
	{ "no password at all", NULL, NULL },
};

static const NTTIME fixed_time = 133497324000000000ULL; /* 2024-01-15 */

static char *hex(TALLOC_CTX *mem, const uint8_t *p, size_t n)
{
	char *s = talloc_array(mem, char, n * 2 + 1);
	for (size_t i = 0; i < n; i++)
		snprintf(s + 2 * i, 3, "%02x", p[i]);
	s[n * 2] = '\0';
	return s;
}

static char *ours(TALLOC_CTX *mem, const struct tcase *c)
{
	uint8_t conf[DRSBLOBS_CONFOUNDER_LEN];
	DATA_BLOB o, i, out;
	NTSTATUS st;

	for (int k = 0; k < DRSBLOBS_CONFOUNDER_LEN; k++)
		conf[k] = (uint8_t)((k * 7 + 3) & 0xff);
	if (c->outgoing && !NT_STATUS_IS_OK(drsblobs_utf16(mem, c->outgoing, &o)))
		return NULL;
	if (c->incoming && !NT_STATUS_IS_OK(drsblobs_utf16(mem, c->incoming, &i)))
		return NULL;
	st = drsblobs_trust_passwords(mem, conf, c->outgoing ? &o : NULL,
				      c->incoming ? &i : NULL, fixed_time,
				      &out);
	if (!NT_STATUS_IS_OK(st))
		return NULL;
	return hex(mem, out.data, out.length);
}

static char *theirs(TALLOC_CTX *mem, const struct tcase *c)
{
	const char *o = c->outgoing ?
		hex(mem, (const uint8_t *)c->outgoing, strlen(c->outgoing)) : "-";
	const char *i = c->incoming ?
		hex(mem, (const uint8_t *)c->incoming, strlen(c->incoming)) : "-";
	char *script = talloc_asprintf(mem, "%s/drsblobs-test.py.%d",
				       getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
				       (int)getpid());
	FILE *f = fopen(script, "w");
	char *cmd, *buf;
	size_t cap = 1 << 16;
	FILE *p;

	if (f == NULL)
		return NULL;
	fputs(py_script, f);
	fclose(f);
	/* hex arguments: nothing from the cases reaches the shell unquoted */
	cmd = talloc_asprintf(mem, "%s %s %llu %s%s %s%s", PYTHON, script,
			      (unsigned long long)fixed_time,
			      o[0] == '-' || o[0] ? "" : "''", o,
			      i[0] == '-' || i[0] ? "" : "''", i);
	p = popen(cmd, "r");
	buf = talloc_zero_array(mem, char, cap);
	if (p == NULL || fgets(buf, (int)cap, p) == NULL) {
		if (p)
			pclose(p);
		unlink(script);
		return NULL;
	}
	pclose(p);
	unlink(script);
	buf[strcspn(buf, "\n")] = '\0';
	return buf;
}

int main(void)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	const char *ci = getenv("CI");
	int passed = 0, failed = 0;

	if (system(PYTHON " -c 'import samba.dcerpc.drsblobs' 2>/dev/null") != 0) {
		printf("SKIP: %s cannot import samba (python3-samba)\n", PYTHON);
		printf("0 passed, %d failed\n", ci && !strcmp(ci, "true") ? 1 : 0);
		return ci && !strcmp(ci, "true") ? 1 : 77;
	}
	for (size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
		char *a = ours(mem, &cases[k]);
		char *b = theirs(mem, &cases[k]);
		bool ok = a && b && strcmp(a, b) == 0;

		printf("%s - %s\n", ok ? "ok" : "FAIL", cases[k].name);
		if (!ok) {
			printf("  usrmgr: %s\n  samba:  %s\n", a ? a : "(error)",
			       b ? b : "(error)");
			failed++;
		} else {
			passed++;
		}
	}
	printf("%d passed, %d failed\n", passed, failed);
	talloc_free(mem);
	return failed ? 1 : 0;
}
