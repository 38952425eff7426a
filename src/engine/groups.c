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

/* A local group's members of other domains come as SIDs from some
 * backends (SAMR knows only its own domain's names): their names, as
 * LSA gives them, where it can; a SID it cannot name stays a SID. */
static void name_foreign_members(struct um_pdc *p, struct um_group_info *g)
{
	const char **sids;
	size_t *at, i, n = 0;
	struct um_name *names;

	sids = talloc_array(g, const char *, g->n_members);
	at = talloc_array(sids, size_t, g->n_members);
	if (sids == NULL || at == NULL) {
		talloc_free(sids);
		return;
	}
	for (i = 0; i < g->n_members; i++) {
		if (strncmp(g->members[i], "S-1-", 4) == 0) {
			at[n] = i;
			sids[n++] = g->members[i];
		}
	}
	names = NULL;
	if (n > 0) {
		/* a SID nobody maps fails the whole lookup's status, not
		 * the others' names */
		(void)um_sid_lookup(p, sids, sids, n, &names);
	}
	if (names != NULL) {
		for (i = 0; i < n; i++) {
			if (names[i].kind != UM_NAME_UNKNOWN) {
				g->members[at[i]] = talloc_steal(
					g->members, names[i].name);
			}
		}
	}
	talloc_free(sids);
}

struct um_status um_group_query(struct um_pdc *p, const char *name,
				TALLOC_CTX *mem, struct um_group_info **out)
{
	struct um_args args = { .group = name };
	struct um_reply reply;
	struct um_status st = group_run(p, SLOT(query_group), &args, mem,
					&reply, _("Reading the group..."));

	*out = um_is_ok(st) ? reply.group : NULL;
	if (*out != NULL && (*out)->local) {
		name_foreign_members(p, *out);
	}
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

/* Whether MEMBER ("DOMAIN\\name") names another domain than P's. */
static bool is_foreign(struct um_pdc *p, const char *member)
{
	const struct um_domain_info *info;
	const char *bs = strchr(member, '\\');

	if (bs == NULL) {
		return false;
	}
	if (!um_is_ok(um_pdc_info(p, &info)) || info == NULL) {
		return true;
	}
	return strlen(info->name) != (size_t)(bs - member) ||
	       strncasecmp(member, info->name, (size_t)(bs - member)) != 0;
}

/* A member change: a member of another domain is looked up on P
 * through LSA first (the PDC asks the trusted domain), and the backend
 * is given its SID; P's own are the backend's to look up.  A SID typed
 * as it is ("S-1-5-21-..."), as a local group shows a member nobody can
 * name, goes as it is. */
static struct um_status member_change(struct um_pdc *p, const char *group,
				      const char *member, bool add)
{
	struct um_args args = { .group = group, .user = member };
	TALLOC_CTX *t = talloc_new(NULL);
	struct um_name *found = NULL;
	struct um_status st = um_ok();

	if (member != NULL && strncasecmp(member, "S-1-", 4) == 0) {
		args.member_sid = member;
	} else if (member != NULL && is_foreign(p, member)) {
		st = um_name_lookup(p, t, &member, 1, &found);
		if (um_is_ok(st) && !member_kind(&found[0])) {
			st = um_nt(UM_NT_NONE_MAPPED);
		}
		if (um_is_ok(st)) {
			args.member_sid = found[0].sid;
		} else if (um_status_is(st, UM_KIND_LOCAL,
					UM_LOCAL_NOT_SUPPORTED)) {
			st = um_ok(); /* the backend knows names itself */
		}
	}
	if (um_is_ok(st)) {
		st = add ? group_run(p, SLOT(add_member), &args, NULL, NULL,
				     _("Adding the member..."))
			 : group_run(p, SLOT(remove_member), &args, NULL,
				     NULL, _("Removing the member..."));
	}
	talloc_free(t);
	return st;
}

/* Measured on the ad lab (Samba 4.17): DeleteGroupMember of a user's
 * primary group answers MEMBER_NOT_IN_GROUP (AD holds that membership
 * in primaryGroupID, not in the group's member list); a classic PDC with
 * a "delete user from group script" answers ACCESS_DENIED (the Unix
 * primary gid keeps the user in).  NT answers MEMBERS_PRIMARY_GROUP,
 * whose words say what to do: so when MEMBER's primary group is GROUP,
 * that is the answer. */
static struct um_status primary_refusal(struct um_pdc *p, const char *group,
					const char *member,
					struct um_status st)
{
	TALLOC_CTX *tmp;
	struct um_account *a;

	if (!um_status_is(st, UM_KIND_NT, UM_NT_MEMBER_NOT_IN_GROUP) &&
	    !um_status_is(st, UM_KIND_NT, UM_NT_ACCESS_DENIED)) {
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

struct um_status um_group_add_member(struct um_pdc *p, const char *group,
				     const char *member)
{
	return member_change(p, group, member, true);
}

struct um_status um_group_remove_member(struct um_pdc *p, const char *group,
					const char *member)
{
	return primary_refusal(p, group, member,
			       member_change(p, group, member, false));
}
