/*
 * usrmgr - reading the files an operator names (scenarios, state files,
 * the journal) without being fooled by what is not a file.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifndef USRMGR_FILES_H
#define USRMGR_FILES_H

#include <stddef.h>
#include <stdio.h>
#include <sys/stat.h>

/* Open PATH for reading only if it is a regular file of at most MAX
 * bytes; NULL with errno EINVAL when it is something else (a FIFO, a
 * directory, too big). */
FILE *um_file_open_regular(const char *path, size_t max, struct stat *sb);

#endif
