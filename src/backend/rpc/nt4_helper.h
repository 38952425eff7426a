/*
 * usrmgr - running usrmgr-nt4-trust, the helper for the one step of an
 * NT4 trust a Samba classic PDC cannot take over RPC (FACTS 4): storing
 * the trusted-domain password and SID in its secrets, and telling its
 * winbindd.  The helper is a small program on Samba's Python bindings
 * (samba.samba3.passdb, samba.messaging): the passdb library's header is
 * not self-contained and its loadparm entry points are declared in no
 * installed header, and nothing public in C sends winbindd a message.
 *
 * The password goes to the helper on a pipe (its stdin), never in argv.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifndef USRMGR_NT4_HELPER_H
#define USRMGR_NT4_HELPER_H

#include <stdbool.h>
#include <talloc.h>
#include <tevent.h>
#include "secret.h"

/* The helper's exit codes (see helpers/usrmgr-nt4-trust). */
#define NT4_HELPER_OK           0
#define NT4_HELPER_FAILED       1
#define NT4_HELPER_USAGE        2
#define NT4_HELPER_NO_WINBINDD  3
#define NT4_HELPER_DIFFERENT    4
#define NT4_HELPER_NOT_RUN    127 /* could not be started, or killed */

/* The installed helper; in the test binaries, $USRMGR_NT4_HELPER. */
const char *nt4_helper_path(void);

/* Run the helper with ARGS (NULL-terminated, without the program),
 * writing INPUT (may be NULL) to its stdin. */
struct tevent_req *nt4_helper_send(TALLOC_CTX *mem, struct tevent_context *ev,
				   const char *const *args,
				   const struct um_secret *input);
/* Its exit code, stdout and stderr (MEM owns them). */
int nt4_helper_recv(struct tevent_req *req, TALLOC_CTX *mem, char **out,
		    char **err);

/* "key value" lines: the value of KEY in OUT, or NULL. */
char *nt4_helper_value(TALLOC_CTX *mem, const char *out, const char *key);

/* Is HOST (a name or an address) one of this machine's addresses? */
bool nt4_host_is_local(const char *host);

#endif
