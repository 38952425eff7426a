/*
 * usrmgr - reading the files an operator names.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include "files.h"

/* O_NONBLOCK: a FIFO must not hang us before we can look at it. */
FILE *um_file_open_regular(const char *path, size_t max, struct stat *sb)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	FILE *f;

	if (fd < 0) {
		return NULL;
	}
	if (fstat(fd, sb) != 0 || !S_ISREG(sb->st_mode) ||
	    sb->st_size > (off_t)max) {
		close(fd);
		errno = EINVAL;
		return NULL;
	}
	f = fdopen(fd, "r");
	if (f == NULL) {
		close(fd);
	}
	return f;
}
