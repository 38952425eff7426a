/*
 * usrmgr - groups: New Global Group, New Local Group, a group's members,
 * checked by NT's rules before the backend is asked.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "accounts.h"
#include "backend.h"
#include "i18n.h"
#include "rights.h"

/* The user rules, with a group's words and its own length limit. */
struct um_status um_group_name_check(const char *name, bool local)
{
	struct um_status st = um_user_name_check(name);
	size_t max = local ? UM_LOCAL_GROUP_NAME_MAX
			   : UM_GLOBAL_GROUP_NAME_MAX;
	size_t n = 0;
	const char *c;

	if (um_status_is(st, UM_KIND_LOCAL, UM_LOCAL_BAD_USER_NAME)) {
		return um_local(UM_LOCAL_BAD_GROUP_NAME);
	}
	for (c = name; c != NULL && *c != '\0'; c++) {
		n += ((unsigned char)*c & 0xC0) != 0x80;
	}
	return n > max ? um_local(UM_LOCAL_GROUP_NAME_TOO_LONG) : um_ok();
}

static struct um_status group_run(struct um_pdc *p, size_t slot,
				  const struct um_args *args,
				  TALLOC_CTX *mem, struct um_reply *reply,
				  const char *what)
{
	TALLOC_CTX *tmp = talloc_new(p);
	struct um_reply scratch;
	struct um_status st = um_pdc_call(p, slot, args,
					  mem != NULL ? mem : tmp,
					  reply != NULL ? reply : &scratch,
					  what);

	talloc_free(tmp);
	return st;
}

#define SLOT(name) offsetof(struct um_backend_ops, name)

struct um_status um_group_query(struct um_pdc *p, const char *name,
				TALLOC_CTX *mem, struct um_group_info **out)
{
	struct um_args args = { .group = name };
	struct um_reply reply;
	struct um_status st = group_run(p, SLOT(query_group), &args, mem,
					&reply, _("Reading the group..."));

	*out = um_is_ok(st) ? reply.group : NULL;
	return st;
}

struct um_status um_group_add(struct um_pdc *p,
			      const struct um_group_info *g)
{
	struct um_args args = { .group = g->name, .group_info = g };
	struct um_status st = um_group_name_check(g->name, g->local);

	if (!um_is_ok(st)) {
		return st;
	}
	return group_run(p, SLOT(add_group), &args, NULL, NULL,
			 _("Creating the group..."));
}

struct um_status um_group_delete(struct um_pdc *p, const char *name)
{
	struct um_args args = { .group = name };

	return group_run(p, SLOT(delete_group), &args, NULL, NULL,
			 _("Deleting the group..."));
}

struct um_status um_group_set(struct um_pdc *p,
			      const struct um_group_info *g)
{
	struct um_args args = { .group = g->name, .group_info = g };

	return group_run(p, SLOT(set_group), &args, NULL, NULL,
			 _("Changing the group..."));
}

struct um_status um_group_add_member(struct um_pdc *p, const char *group,
				     const char *member)
{
	struct um_args args = { .group = group, .user = member };

	return group_run(p, SLOT(add_member), &args, NULL, NULL,
			 _("Adding the member..."));
}

/* Measured on the ad lab (Samba 4.17): DeleteGroupMember of a user's
 * primary group answers MEMBER_NOT_IN_GROUP (AD holds that membership
 * in primaryGroupID, not in the group's member list).  NT answers
 * MEMBERS_PRIMARY_GROUP, whose words say what to do: so when MEMBER's
 * primary group is GROUP, that is the answer. */
static struct um_status primary_refusal(struct um_pdc *p, const char *group,
					const char *member,
					struct um_status st)
{
	TALLOC_CTX *tmp;
	struct um_account *a;

	if (!um_status_is(st, UM_KIND_NT, UM_NT_MEMBER_NOT_IN_GROUP)) {
		return st;
	}
	tmp = talloc_new(p);
	if (tmp != NULL && um_is_ok(um_user_query(p, member, tmp, &a)) &&
	    a->primary_group != NULL &&
	    strcasecmp(a->primary_group, group) == 0) {
		st = um_nt(UM_NT_MEMBERS_PRIMARY_GROUP);
	}
	talloc_free(tmp);
	return st;
}

struct um_status um_group_remove_member(struct um_pdc *p, const char *group,
					const char *member)
{
	struct um_args args = { .group = group, .user = member };

	return primary_refusal(p, group, member,
			       group_run(p, SLOT(remove_member), &args, NULL,
					 NULL, _("Removing the member...")));
}

/* Whether a name the PDC mapped can be a group's member: a user or a
 * group, and of another domain never a local group (not its to lend). */
static bool member_kind(const struct um_name *n)
{
	switch (n->kind) {
	case UM_NAME_USER:
	case UM_NAME_GROUP:
	case UM_NAME_WELL_KNOWN:
		return true;
	case UM_NAME_ALIAS:
		return strchr(n->name, '\\') == NULL;
	default:
		return false;
	}
}

struct um_status um_member_lookup(struct um_pdc *p, const char *name,
				  TALLOC_CTX *mem, char **out)
{
	struct um_name *found = NULL;
	struct um_status st;

	*out = NULL;
	if (name == NULL || name[0] == '\0') {
		return um_nt(UM_NT_NONE_MAPPED);
	}
	st = um_name_lookup(p, mem, &name, 1, &found);
	if (um_is_ok(st) && !member_kind(&found[0])) {
		st = um_nt(UM_NT_NONE_MAPPED);
	}
	if (um_is_ok(st)) {
		*out = talloc_steal(mem, found[0].name);
	}
	talloc_free(found);
	return st;
}
