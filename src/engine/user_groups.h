/*
 * usrmgr - a user's group membership made a wanted list (accounts.c's
 * User -> Properties, New User and Copy): checked first, then applied.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifndef USRMGR_USER_GROUPS_H
#define USRMGR_USER_GROUPS_H

#include "accounts.h"

struct um_groups_plan {
	const char **join;
	size_t n_join;
	const char **leave;
	size_t n_leave;
	const char *primary;  /* the new primary group, NULL: unchanged */
	const char *old_primary; /* the current one (to go back to) */
};

/* What making A's groups (UM_FIELD_GROUPS) the membership of the user
 * whose account now is CUR (NULL: not created yet) takes, checked: every
 * group to join exists, the primary group is a global group in the list.
 * KEEP_PRIMARY: without A->primary_group, CUR's primary stays a member
 * (a new user's server-given primary group). */
struct um_status um_user_groups_plan(struct um_pdc *p,
				     const struct um_account *a,
				     const struct um_account *cur,
				     bool keep_primary, TALLOC_CTX *mem,
				     struct um_groups_plan **out);
/* Join, set the primary group (the user is then its member), leave.
 * A step the PDC refuses undoes the steps before it (best effort), so
 * a refusal leaves the membership as it was; the refusal is answered. */
struct um_status um_user_groups_apply(struct um_pdc *p, const char *user,
				      const struct um_groups_plan *plan);

#endif
