/*
 * usrmgr - passwords.
 *
 * A trust or account password lives only in a struct um_secret: never
 * printed, logged or journaled, wiped (explicit_bzero) when its talloc
 * context frees it.  State files keep only the NT hash.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifndef USRMGR_SECRET_H
#define USRMGR_SECRET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>
#include "status.h"

/* Longest password accepted, in UTF-16 code units (as Windows counts). */
#define UM_SECRET_MAX_UTF16 256

struct um_secret;

/* Clear N bytes at P so that no compiler drops it: the one wipe for a
 * password's copies outside a struct um_secret. */
void um_secret_wipe(void *p, size_t n);

/* A copy of LEN bytes of UTF-8; the caller wipes its own buffer
 * (um_secret_wipe). */
struct um_secret *um_secret_new(TALLOC_CTX *mem, const char *utf8, size_t len);

/* The bytes, NUL-terminated, for handing to a library; do not copy. */
const char *um_secret_reveal(const struct um_secret *s);
size_t um_secret_len(const struct um_secret *s);
bool um_secret_equal(const struct um_secret *a, const struct um_secret *b);

/* LEN bytes from the kernel's random source (getrandom); false when it
 * fails. */
bool um_random_bytes(void *buf, size_t len);

/* A strong random password (printable ASCII), from um_random_bytes. */
struct um_secret *um_secret_random(TALLOC_CTX *mem, size_t len);

/* Valid UTF-8, at most UM_SECRET_MAX_UTF16 UTF-16 units; empty is allowed
 * (an initial trust password may be blank, KB Q102650). */
struct um_status um_secret_check(const struct um_secret *s);

/* The password's NT hash (MD4 of its UTF-16LE form) as 32 hex digits. */
struct um_status um_secret_nthash(const struct um_secret *s, char hex[33]);

/* Read a password: the first line of FILE, or of file descriptor FD. */
struct um_status um_secret_from_fd(TALLOC_CTX *mem, int fd,
				   struct um_secret **out);
struct um_status um_secret_from_file(TALLOC_CTX *mem, const char *path,
				     struct um_secret **out);

/* A password given to a script's command (--password-file PATH, or PATH
 * NULL: --password-fd FD): its first line.  An empty one is a file that
 * was never written, not a password: UM_LOCAL_PASSWORD_EMPTY (a blank
 * password can still be typed at a prompt).  UM_LOCAL_IO: unreadable. */
struct um_status um_secret_given(TALLOC_CTX *mem, const char *path, int fd,
				 struct um_secret **out);

/* Keep secrets out of core files: RLIMIT_CORE 0 and not dumpable. */
void um_secret_protect_process(void);

#endif
