/*
 * Helpers shared by the libFuzzer harnesses (tests/fuzz/fuzz-*.c).
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifndef USRMGR_FUZZ_H
#define USRMGR_FUZZ_H

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <talloc.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A property that must hold: abort (libFuzzer saves the input). */
#define FUZZ_ASSERT(cond)                                                  \
	do {                                                               \
		if (!(cond)) {                                             \
			fprintf(stderr, "%s:%d: property failed: %s\n",    \
				__FILE__, __LINE__, #cond);                \
			abort();                                           \
		}                                                          \
	} while (0)

/* A private directory for the harness's files, removed at exit. */
static char *fuzz_dir_made;
static void fuzz_rm_dir(void)
{
	char *cmd;

	if (fuzz_dir_made == NULL)
		return;
	cmd = talloc_asprintf(NULL, "rm -rf '%s'", fuzz_dir_made);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", fuzz_dir_made);
	talloc_free(cmd);
}

static inline char *fuzz_tmpdir(const char *name)
{
	/* tmpfs when there is one: the journal fsyncs every line */
	const char *t = access("/dev/shm", W_OK) == 0 ? "/dev/shm"
							: getenv("TMPDIR");
	char *d = talloc_asprintf(NULL, "%s/usrmgr-fuzz-%s.XXXXXX",
				  t != NULL && t[0] == '/' ? t : "/tmp", name);

	if (mkdtemp(d) == NULL) {
		perror("mkdtemp");
		exit(2);
	}
	fuzz_dir_made = d;
	atexit(fuzz_rm_dir);
	return d;
}

static inline void fuzz_write_file(const char *path, const void *data,
				   size_t size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	if (fd < 0 || (size > 0 && write(fd, data, size) != (ssize_t)size)) {
		perror(path);
		exit(2);
	}
	close(fd);
}

static inline void fuzz_copy_file(const char *from, const char *dir,
				  const char *name)
{
	FILE *f = fopen(from, "re");
	char buf[65536];
	size_t n;
	char *to = talloc_asprintf(NULL, "%s/%s", dir, name);

	if (f == NULL) {
		perror(from);
		exit(2);
	}
	n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	fuzz_write_file(to, buf, n);
	talloc_free(to);
}

#endif
