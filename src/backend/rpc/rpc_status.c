/*
 * usrmgr - Samba's names for the NTSTATUS and WERROR values usrmgr's own
 * table (src/engine/status.c) does not list.  (tests/unit/status-test
 * checks that the values status.h names are Samba's.)
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <string.h>
#include "rpc_internal.h"

const char *um_backend_status_name(struct um_status st)
{
	const char *name;

	/* Samba's fallback for a value it does not know is "NT code 0x..."
	 * or "WERR_ERROR..."-less text: only its real names are taken. */
	switch (st.kind) {
	case UM_KIND_NT:
		name = nt_errstr(NT_STATUS(st.code));
		return strncmp(name, "NT_STATUS_", 10) == 0 ? name : NULL;
	case UM_KIND_WERR:
		name = win_errstr(W_ERROR(st.code));
		return strncmp(name, "WERR_", 5) == 0 ? name : NULL;
	default:
		return NULL;
	}
}
