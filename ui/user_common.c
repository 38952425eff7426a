/*
 * usrmgr - what User Properties' sub-dialogs share: the line that heads
 * each of them, as NT 4.0 has it.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include "ui_priv.h"

const char *ui_user_caption(TALLOC_CTX *mem, const struct um_account *a)
{
	const char *name = a->name != NULL ? a->name : "";

	if (a->full_name == NULL || a->full_name[0] == '\0')
		return talloc_asprintf(mem, _("User: %s"), name);
	return talloc_asprintf(mem, _("User: %s (%s)"), name, a->full_name);
}
