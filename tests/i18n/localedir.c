/*
 * usrmgr i18n tests: a preloaded shim that points bindtextdomain() at
 * $USRMGR_TEST_LOCALEDIR, so that the tests can run the freshly built
 * usrmgr with the freshly compiled catalogue (po/de.po) before anything is
 * installed.  Never installed.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>

char *bindtextdomain(const char *domain, const char *dir);

char *bindtextdomain(const char *domain, const char *dir)
{
	static char *(*real)(const char *, const char *);
	const char *test_dir = getenv("USRMGR_TEST_LOCALEDIR");

	if (real == NULL) {
		*(void **)&real = dlsym(RTLD_NEXT, "bindtextdomain");
	}
	if (real == NULL) {
		return NULL;
	}
	return real(domain, test_dir != NULL && *test_dir != '\0' ? test_dir
								  : dir);
}
