/*
 * usrmgr - New Global Group, New Local Group, a group's Properties and
 * Delete (group_properties.c).
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "ui_priv.h"

bool ui_group_new(struct um_pdc *p, bool local)
{
	(void)p;
	(void)local;
	return false;
}

bool ui_group_properties(struct um_pdc *p, const char *name)
{
	(void)p;
	(void)name;
	return false;
}

bool ui_group_delete(struct um_pdc *p, const char *name)
{
	(void)p;
	(void)name;
	return false;
}
