/*
 * journal-shim.so: an LD_PRELOAD library for tests/security/journal-fsync.sh.
 * It wraps write, fsync, fdatasync and rename, and writes to the file
 * $JOURNAL_SHIM_LOG one line per event, in the order they happen:
 *
 *   PID load                 the shim is in this process
 *   PID write LINES SYNCED   a write to the journal ($JOURNAL_SHIM_JOURNAL):
 *                            the newlines it wrote, 1 if the descriptor
 *                            has O_SYNC/O_DSYNC (durable by itself)
 *   PID sync                 fsync or fdatasync of the journal
 *   PID pdc                  a rename onto the file $JOURNAL_SHIM_STATE:
 *                            the simulated PDCs' state changed (each
 *                            change a PDC makes is saved so)
 *
 * A descriptor is the journal's when it is the same file (device and
 * inode) as the journal's path is now: no open() to follow, whichever of
 * open, open64, openat or __open_2 the program calls.  With
 * JOURNAL_SHIM_HIDE_SYNC set, fsyncs of the journal are done but not
 * logged: the test's control that its checker can see a missing one.
 *
 * Built as a shared object without libtool (tests/security.mk); not
 * instrumented by the sanitizers.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef ssize_t (*write_fn)(int, const void *, size_t);
typedef int (*sync_fn)(int);
typedef int (*rename_fn)(const char *, const char *);

static write_fn real_write;
static sync_fn real_fsync, real_fdatasync;
static rename_fn real_rename;
static int log_fd = -1;
static const char *journal_path, *state_path;
static bool hide_sync;

static void *next(const char *name)
{
	void *f = dlsym(RTLD_NEXT, name);

	if (f == NULL) {
		abort();
	}
	return f;
}

static void resolve(void)
{
	if (real_write == NULL) {
		real_fsync = (sync_fn)next("fsync");
		real_fdatasync = (sync_fn)next("fdatasync");
		real_rename = (rename_fn)next("rename");
		real_write = (write_fn)next("write");
	}
}

/* One event line, written whole (O_APPEND) with the real write. */
__attribute__((format(printf, 1, 2)))
static void log_event(const char *fmt, ...)
{
	char line[128];
	int n, k;
	va_list ap;

	if (log_fd < 0) {
		return;
	}
	n = snprintf(line, sizeof(line), "%ld ", (long)getpid());
	va_start(ap, fmt);
	k = vsnprintf(line + n, sizeof(line) - (size_t)n, fmt, ap);
	va_end(ap);
	if (k > 0 && (size_t)(n + k) < sizeof(line) - 1) {
		line[n + k] = '\n';
		(void)real_write(log_fd, line, (size_t)(n + k + 1));
	}
}

__attribute__((constructor)) static void shim_init(void)
{
	const char *log = getenv("JOURNAL_SHIM_LOG");

	resolve();
	journal_path = getenv("JOURNAL_SHIM_JOURNAL");
	state_path = getenv("JOURNAL_SHIM_STATE");
	hide_sync = getenv("JOURNAL_SHIM_HIDE_SYNC") != NULL;
	if (log != NULL) {
		log_fd = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
			      0600);
	}
	log_event("load");
}

static bool is_journal(int fd)
{
	struct stat a, b;
	int saved = errno;
	bool same = journal_path != NULL && fd >= 0 && fd != log_fd &&
		    fstat(fd, &a) == 0 && stat(journal_path, &b) == 0 &&
		    a.st_dev == b.st_dev && a.st_ino == b.st_ino;

	errno = saved;
	return same;
}

ssize_t write(int fd, const void *buf, size_t n)
{
	ssize_t w;

	resolve();
	w = real_write(fd, buf, n);
	if (w > 0 && is_journal(fd)) {
		const char *p = buf;
		int flags = fcntl(fd, F_GETFL);
		unsigned lines = 0;
		ssize_t i;

		for (i = 0; i < w; i++) {
			lines += p[i] == '\n';
		}
		log_event("write %u %d", lines,
			  flags >= 0 && (flags & (O_SYNC | O_DSYNC)) != 0);
	}
	return w;
}

static int synced(int fd, int rc)
{
	int saved = errno;

	if (rc == 0 && !hide_sync && is_journal(fd)) {
		log_event("sync");
	}
	errno = saved;
	return rc;
}

int fsync(int fd)
{
	resolve();
	return synced(fd, real_fsync(fd));
}

int fdatasync(int fd)
{
	resolve();
	return synced(fd, real_fdatasync(fd));
}

int rename(const char *from, const char *to)
{
	int rc;

	resolve();
	rc = real_rename(from, to);
	if (rc == 0 && state_path != NULL) {
		struct stat a, b;
		int saved = errno;

		if (stat(to, &a) == 0 && stat(state_path, &b) == 0 &&
		    a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
			log_event("pdc");
		}
		errno = saved;
	}
	return rc;
}
