/*
 * usrmgr - the test hooks switched off: the installed usrmgr links this.
 * No environment variable stops a repair, feeds the screens keys, turns
 * on counters or chooses the program that receives a trust password,
 * and a wiped secret's buffer is not looked at.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stddef.h>
#include "test_hooks.h"

void um_test_hook_stop_at(const char *when, const char *step_id)
{
	(void)when;
	(void)step_id;
}

const char *um_test_ui_script_path(void)
{
	return NULL;
}

const char *um_test_ui_subdialog(void)
{
	return NULL;
}

bool um_test_rpc_stats(void)
{
	return false;
}

void um_test_rpc_trace(const char *fmt, ...)
{
	(void)fmt;
}

const char *um_test_nt4_helper_path(void)
{
	return NULL;
}

void um_test_before_release(enum um_wipe_site site, const void *buf,
			    size_t len)
{
	(void)site;
	(void)buf;
	(void)len;
}
