/*
 * usrmgr - loading the RPC backend, usrmgr-rpc.so, at the first real PDC
 * (src/backend/backend.h says why it is a module).
 *
 * The installed usrmgr loads it from PKGLIBDIR only: the path is not
 * taken from the environment or the command line, so nobody can make a
 * usrmgr run as root load code of their choosing.  A usrmgr run from its
 * build tree (the very path it was built at, UM_BUILDDIR, or its tests/)
 * loads the module built beside it, as its tests and developers expect.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "backend.h"
#include "i18n.h"

#define UM_RPC_MODULE_FILE "usrmgr-rpc.so"

/* Test programs that link the backend itself (libusrmgr_rpc.a) use it
 * as it is; a weak reference does not pull it into usrmgr. */
extern const struct um_rpc_module um_rpc_module __attribute__((weak));

static const struct um_rpc_module *loaded;

/* RTLD_DEEPBIND: the module's libraries (Samba's hundred) find their
 * symbols among themselves before usrmgr's own libraries, as they do in a
 * program linked with them; each of their 24,000 relocations otherwise
 * first walks past usrmgr's dozen: about 2 ms of the load (issue 21,
 * doc/performance.md).  They share talloc, tevent and libc with usrmgr,
 * the very same objects, and use nothing else of its.  What the flag
 * changes: libc's variables that the program holds copies of (stdout,
 * stderr, getopt's) are libc's own for them; usrmgr never assigns them,
 * so both hold the same.  AddressSanitizer must interpose malloc for
 * every library and refuses the flag; whether it is in the program is
 * asked of the program itself, not of the compiler: clang 14 defines no
 * __SANITIZE_ADDRESS__, and a runtime can come by LD_PRELOAD. */
extern void __asan_init(void) __attribute__((weak));

static int module_dlopen_flags(void)
{
	if (__asan_init != NULL)
		return RTLD_NOW | RTLD_LOCAL;
	return RTLD_NOW | RTLD_LOCAL | RTLD_DEEPBIND;
}

/* Is this program the one built at UM_BUILDDIR (or in its tests/)? */
static bool running_from_build_tree(void)
{
	char exe[PATH_MAX];
	char *slash;

	if (realpath("/proc/self/exe", exe) == NULL) {
		return false;
	}
	slash = strrchr(exe, '/');
	if (slash == NULL) {
		return false;
	}
	*slash = '\0';
	if (strcmp(exe, UM_BUILDDIR) == 0) {
		return true;
	}
	slash = strrchr(exe, '/');
	return slash != NULL && strcmp(slash, "/tests") == 0 &&
	       strncmp(exe, UM_BUILDDIR, (size_t)(slash - exe)) == 0 &&
	       strlen(UM_BUILDDIR) == (size_t)(slash - exe);
}

static const char *module_path(void)
{
	return running_from_build_tree() ? UM_BUILDDIR "/" UM_RPC_MODULE_FILE
					 : PKGLIBDIR "/" UM_RPC_MODULE_FILE;
}

const struct um_rpc_module *um_rpc_module_loaded(void)
{
	return loaded;
}

const struct um_rpc_module *um_rpc_module_load(struct um_status *st,
					       const char **why)
{
	static char reason[512];
	const struct um_rpc_module *m;
	void *handle;

	*why = NULL;
	*st = um_ok();
	if (loaded == NULL && &um_rpc_module != NULL) {
		loaded = &um_rpc_module;
	}
	if (loaded != NULL) {
		return loaded;
	}
	/* Never unloaded: Samba's libraries keep state until exit. */
	handle = dlopen(module_path(), module_dlopen_flags());
	m = handle != NULL ? dlsym(handle, UM_RPC_MODULE_SYMBOL) : NULL;
	if (m == NULL || m->version != UM_RPC_MODULE_VERSION) {
		const char *err = m == NULL ? dlerror() : NULL;

		if (err != NULL) { /* it names the file */
			snprintf(reason, sizeof(reason), "%s", err);
		} else {
			snprintf(reason, sizeof(reason), "%s: %s",
				 module_path(),
				 _("not this usrmgr's version"));
		}
		*why = reason;
		*st = um_local(UM_LOCAL_NO_RPC_MODULE);
		return NULL;
	}
	loaded = m;
	*st = um_ok();
	return loaded;
}
