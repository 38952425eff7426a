/*
 * usrmgr - where the translations are read from.
 *
 * The installed usrmgr reads LOCALEDIR only.  The usrmgr make builds, run
 * from its build tree before it is installed, reads the catalogues make
 * compiled beside it (po/locale): a developer or a tester sees the screens
 * in their language without installing.  Never from a path someone else
 * could choose: the catalogue directory is fixed at build time, read only
 * when the running program is the very file make linked there (the same
 * inode as /proc/self/exe: a copy, as installed, is another file), not
 * set-id, and when that directory and the two above it belong to the user
 * (or root) and nobody else may write to them.  Nothing in the
 * environment or on the command line takes part.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>
#include "i18n.h"

/* Whether the running program is the file at PATH. */
static bool running_is(const char *path)
{
	struct stat self, built;

	if (stat("/proc/self/exe", &self) != 0 || stat(path, &built) != 0)
		return false;
	return self.st_dev == built.st_dev && self.st_ino == built.st_ino;
}

/* A directory of the user's (or root's) that only its owner may write. */
static bool dir_is_private(const char *path)
{
	struct stat st;

	if (lstat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return false;
	if (st.st_uid != getuid() && st.st_uid != 0)
		return false;
	return (st.st_mode & (S_IWGRP | S_IWOTH)) == 0;
}

/* DIR and the LEVELS directories above it are all private. */
static bool tree_is_private(const char *dir, int levels)
{
	char buf[4096];
	char *slash;

	if (strlen(dir) >= sizeof(buf))
		return false;
	strcpy(buf, dir);
	for (;;) {
		if (!dir_is_private(buf))
			return false;
		slash = strrchr(buf, '/');
		if (levels-- == 0 || slash == NULL || slash == buf)
			return true;
		*slash = '\0';
	}
}

const char *um_i18n_localedir(void)
{
#if defined(BUILD_PROGRAM) && defined(BUILD_LOCALEDIR)
	if (getauxval(AT_SECURE) == 0 && running_is(BUILD_PROGRAM) &&
	    tree_is_private(BUILD_LOCALEDIR, 2))
		return BUILD_LOCALEDIR;
#endif
	return LOCALEDIR;
}
