/*
 * usrmgr - groups over SAMR, both dialects alike:
 *
 *   query_group    LookupNames, OpenGroup/OpenAlias, QueryGroupInfo/
 *                  QueryAliasInfo (ALL), QueryGroupMember/
 *                  GetMembersInAlias, LookupRids for the domain's own
 *   add_group      CreateDomainGroup/CreateDomAlias, the description
 *                  with SetGroupInfo/SetAliasInfo
 *   delete_group   DeleteDomainGroup/DeleteDomAlias
 *   add_member     AddGroupMember (flags 7: mandatory, default,
 *                  enabled)/AddAliasMember (the member's SID: the
 *                  domain's and its RID)
 *   remove_member  DeleteGroupMember/DeleteAliasMember
 *   set_group      SetGroupInfo/SetAliasInfo (the description)
 *
 * Members are the domain's own, by name (SAMR LookupNames), or a
 * trusted domain's, by the SID the engine looked up through LSA
 * (args.member_sid): only a local group can hold those.  A local
 * group's foreign members are shown by SID.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "rpc_internal.h"

enum { G_QUERY, G_ADD, G_DELETE, G_ADD_MEMBER, G_REMOVE_MEMBER, G_SET };

enum {
	G_LOOKED_UP = 1, G_OPENED, G_INFO, G_MEMBERS, G_NAMES, G_CREATED,
	G_DESCRIBED, G_DELETED, G_CHANGED, G_CLOSED,
};

struct group_state {
	struct rpc_op op;
	bool local;
	struct lsa_String names[2];
	struct samr_LookupNames lookup;
	struct samr_Ids rids, types;
	struct policy_handle handle;
	uint32_t rid;
	struct dom_sid *domain, member_sid;
	bool foreign;      /* member_sid is another domain's, given */
	union {
		struct samr_OpenGroup group;
		struct samr_OpenAlias alias;
	} open;
	union {
		struct samr_QueryGroupInfo group;
		struct samr_QueryAliasInfo alias;
	} query;
	union samr_GroupInfo *ginfo, gset;
	union samr_AliasInfo *ainfo, aset;
	struct samr_QueryGroupMember gmembers;
	struct samr_RidAttrArray *ridattr;
	struct samr_GetMembersInAlias amembers;
	struct lsa_SidArray sids;
	uint32_t *own_rids;
	size_t n_own;
	struct samr_LookupRids lookup_rids;
	struct lsa_Strings rid_names;
	struct samr_Ids rid_types;
	struct samr_CreateDomainGroup cgroup;
	struct samr_CreateDomAlias calias;
	struct samr_SetGroupInfo setg;
	struct samr_SetAliasInfo seta;
	struct samr_DeleteDomainGroup delg;
	struct samr_DeleteDomAlias dela;
	struct samr_AddGroupMember addg;
	struct samr_DeleteGroupMember remg;
	struct samr_AddAliasMember adda;
	struct samr_DeleteAliasMember rema;
	struct samr_Close close;
	struct um_status result;
};

static void call(struct tevent_req *req, struct group_state *s, int stage,
		 uint32_t opnum, void *r, bool writes)
{
	rpc_op_next(req, &s->op, stage, RPC_NEED_SAMR, opnum, r, writes);
}

static void group_close(struct tevent_req *req, struct group_state *s,
			struct um_status result)
{
	s->result = result;
	s->close.in.handle = &s->handle;
	s->close.out.handle = &s->handle;
	call(req, s, G_CLOSED, NDR_SAMR_CLOSE, &s->close, false);
}

/* The group and (for a member change) the member, in one LookupNames. */
static void lookup(struct tevent_req *req, struct group_state *s)
{
	const char *member = s->op.args.user;
	size_t n = 1;

	s->names[0].string = s->op.args.group;
	if ((s->op.variant == G_ADD_MEMBER ||
	     s->op.variant == G_REMOVE_MEMBER) && !s->foreign) {
		s->names[n++].string = member;
	}
	s->lookup.in.domain_handle = &s->op.conn->samr_domain;
	s->lookup.in.num_names = n;
	s->lookup.in.names = s->names;
	s->lookup.out.rids = &s->rids;
	s->lookup.out.types = &s->types;
	call(req, s, G_LOOKED_UP, NDR_SAMR_LOOKUPNAMES, &s->lookup, false);
}

static void open_group(struct tevent_req *req, struct group_state *s)
{
	uint32_t access = s->op.variant == G_DELETE ? SEC_STD_DELETE
						    : SEC_FLAG_MAXIMUM_ALLOWED;

	if (s->local) {
		s->open.alias.in.domain_handle = &s->op.conn->samr_domain;
		s->open.alias.in.access_mask = access;
		s->open.alias.in.rid = s->rids.ids[0];
		s->open.alias.out.alias_handle = &s->handle;
		call(req, s, G_OPENED, NDR_SAMR_OPENALIAS, &s->open.alias,
		     false);
		return;
	}
	s->open.group.in.domain_handle = &s->op.conn->samr_domain;
	s->open.group.in.access_mask = access;
	s->open.group.in.rid = s->rids.ids[0];
	s->open.group.out.group_handle = &s->handle;
	call(req, s, G_OPENED, NDR_SAMR_OPENGROUP, &s->open.group, false);
}

/* The names looked up: which kind of group, and the member's RID. */
static void looked_up(struct tevent_req *req, struct group_state *s)
{
	NTSTATUS r = s->lookup.out.result;
	bool member = s->lookup.in.num_names == 2;

	if ((!NT_STATUS_IS_OK(r) && !NT_STATUS_EQUAL(r, STATUS_SOME_UNMAPPED)
	     && !NT_STATUS_EQUAL(r, NT_STATUS_NONE_MAPPED)) ||
	    s->types.count < 1) {
		rpc_op_finish(req, &s->op, rpc_nt(r));
		return;
	}
	if (s->types.ids[0] != SID_NAME_DOM_GRP &&
	    s->types.ids[0] != SID_NAME_ALIAS) {
		rpc_op_finish(req, &s->op, um_nt(UM_NT_NO_SUCH_GROUP));
		return;
	}
	s->local = s->types.ids[0] == SID_NAME_ALIAS;
	if (s->foreign && !s->local) {
		/* a global group holds its own domain's users only */
		rpc_op_finish(req, &s->op, um_nt(UM_NT_NONE_MAPPED));
		return;
	}
	if (member && (s->types.ids[1] == SID_NAME_UNKNOWN ||
		       (!s->local && s->types.ids[1] != SID_NAME_USER) ||
		       (s->local && s->types.ids[1] != SID_NAME_USER &&
			s->types.ids[1] != SID_NAME_DOM_GRP))) {
		rpc_op_finish(req, &s->op, um_nt(UM_NT_NONE_MAPPED));
		return;
	}
	if (member) {
		s->rid = s->rids.ids[1];
		s->member_sid = *s->domain;
		s->member_sid.sub_auths[s->member_sid.num_auths++] = s->rid;
	}
	open_group(req, s);
}

static void query_info(struct tevent_req *req, struct group_state *s)
{
	if (s->local) {
		s->query.alias.in.alias_handle = &s->handle;
		s->query.alias.in.level = ALIASINFOALL;
		s->query.alias.out.info = &s->ainfo;
		call(req, s, G_INFO, NDR_SAMR_QUERYALIASINFO,
		     &s->query.alias, false);
		return;
	}
	s->query.group.in.group_handle = &s->handle;
	s->query.group.in.level = GROUPINFOALL;
	s->query.group.out.info = &s->ginfo;
	call(req, s, G_INFO, NDR_SAMR_QUERYGROUPINFO, &s->query.group, false);
}

static void query_members(struct tevent_req *req, struct group_state *s)
{
	struct um_group_info *g = talloc_zero(&s->op, struct um_group_info);
	const struct lsa_String *name = s->local ? &s->ainfo->all.name
						 : &s->ginfo->all.name;
	const struct lsa_String *desc = s->local ? &s->ainfo->all.description
						 : &s->ginfo->all.description;

	if (g == NULL) {
		group_close(req, s, um_local(UM_LOCAL_NO_MEMORY));
		return;
	}
	g->name = talloc_strdup(g, name->string ?: s->op.args.group);
	g->description = talloc_strdup(g, desc->string ?: "");
	g->local = s->local;
	s->op.reply.group = g;
	if (s->local) {
		s->amembers.in.alias_handle = &s->handle;
		s->amembers.out.sids = &s->sids;
		call(req, s, G_MEMBERS, NDR_SAMR_GETMEMBERSINALIAS,
		     &s->amembers, false);
		return;
	}
	s->gmembers.in.group_handle = &s->handle;
	s->gmembers.out.rids = &s->ridattr;
	call(req, s, G_MEMBERS, NDR_SAMR_QUERYGROUPMEMBER, &s->gmembers,
	     false);
}

/* A SID of this domain: its RID; else false. */
static bool own_rid(const struct dom_sid *domain, const struct dom_sid *sid,
		    uint32_t *rid)
{
	if (sid == NULL || sid->num_auths != domain->num_auths + 1 ||
	    memcmp(sid->id_auth, domain->id_auth, sizeof(sid->id_auth)) != 0 ||
	    memcmp(sid->sub_auths, domain->sub_auths,
		   domain->num_auths * sizeof(uint32_t)) != 0)
		return false;
	*rid = sid->sub_auths[domain->num_auths];
	return true;
}

static bool add_name(struct um_group_info *g, const char *name)
{
	char **m = talloc_realloc(g, g->members, char *, g->n_members + 2);

	if (m == NULL)
		return false;
	g->members = m;
	m[g->n_members] = talloc_strdup(m, name);
	m[++g->n_members] = NULL;
	return m[g->n_members - 1] != NULL;
}

/* The members' RIDs to name; foreign SIDs named by their text now. */
static void name_members(struct tevent_req *req, struct group_state *s)
{
	struct um_group_info *g = s->op.reply.group;
	uint32_t i, n = s->local ? s->sids.num_sids
				 : (s->ridattr ? s->ridattr->count : 0);

	s->own_rids = talloc_zero_array(s, uint32_t, n + 1);
	for (i = 0; s->own_rids != NULL && i < n; i++) {
		uint32_t rid;

		if (!s->local) {
			s->own_rids[s->n_own++] = s->ridattr->rids[i];
		} else if (own_rid(s->domain, s->sids.sids[i].sid, &rid)) {
			s->own_rids[s->n_own++] = rid;
		} else if (!add_name(g, rpc_sid_string(s,
					     s->sids.sids[i].sid))) {
			break;
		}
	}
	if (s->own_rids == NULL || i < n) {
		group_close(req, s, um_local(UM_LOCAL_NO_MEMORY));
		return;
	}
	if (s->n_own == 0) {
		group_close(req, s, um_ok());
		return;
	}
	s->lookup_rids.in.domain_handle = &s->op.conn->samr_domain;
	s->lookup_rids.in.num_rids = s->n_own;
	s->lookup_rids.in.rids = s->own_rids;
	s->lookup_rids.out.names = &s->rid_names;
	s->lookup_rids.out.types = &s->rid_types;
	call(req, s, G_NAMES, NDR_SAMR_LOOKUPRIDS, &s->lookup_rids, false);
}

static void named(struct tevent_req *req, struct group_state *s)
{
	NTSTATUS r = s->lookup_rids.out.result;
	uint32_t i;

	if (!NT_STATUS_IS_OK(r) && !NT_STATUS_EQUAL(r, STATUS_SOME_UNMAPPED)) {
		group_close(req, s, rpc_nt(r));
		return;
	}
	for (i = 0; i < s->rid_names.count; i++) {
		if (s->rid_names.names[i].string != NULL &&
		    !add_name(s->op.reply.group,
			      s->rid_names.names[i].string)) {
			group_close(req, s, um_local(UM_LOCAL_NO_MEMORY));
			return;
		}
	}
	group_close(req, s, um_ok());
}

static void create(struct tevent_req *req, struct group_state *s)
{
	s->local = s->op.args.group_info->local;
	s->names[0].string = s->op.args.group_info->name;
	if (s->local) {
		s->calias.in.domain_handle = &s->op.conn->samr_domain;
		s->calias.in.alias_name = &s->names[0];
		s->calias.in.access_mask = SEC_FLAG_MAXIMUM_ALLOWED;
		s->calias.out.alias_handle = &s->handle;
		s->calias.out.rid = &s->rid;
		call(req, s, G_CREATED, NDR_SAMR_CREATEDOMALIAS, &s->calias,
		     true);
		return;
	}
	s->cgroup.in.domain_handle = &s->op.conn->samr_domain;
	s->cgroup.in.name = &s->names[0];
	s->cgroup.in.access_mask = SEC_FLAG_MAXIMUM_ALLOWED;
	s->cgroup.out.group_handle = &s->handle;
	s->cgroup.out.rid = &s->rid;
	call(req, s, G_CREATED, NDR_SAMR_CREATEDOMAINGROUP, &s->cgroup, true);
}

static void describe(struct tevent_req *req, struct group_state *s)
{
	const char *d = s->op.args.group_info->description;
	NTSTATUS r = s->local ? s->calias.out.result : s->cgroup.out.result;

	if (rpc_op_nterror(req, &s->op, r))
		return;
	if (d == NULL || *d == '\0') {
		group_close(req, s, um_ok());
		return;
	}
	if (s->local) {
		s->aset.description.string = d;
		s->seta.in.alias_handle = &s->handle;
		s->seta.in.level = ALIASINFODESCRIPTION;
		s->seta.in.info = &s->aset;
		call(req, s, G_DESCRIBED, NDR_SAMR_SETALIASINFO, &s->seta,
		     true);
		return;
	}
	s->gset.description.string = d;
	s->setg.in.group_handle = &s->handle;
	s->setg.in.level = GROUPINFODESCRIPTION;
	s->setg.in.info = &s->gset;
	call(req, s, G_DESCRIBED, NDR_SAMR_SETGROUPINFO, &s->setg, true);
}

/* Properties: the description, on the group just opened. */
static void set_description(struct tevent_req *req, struct group_state *s)
{
	const char *d = s->op.args.group_info->description;

	if (s->local) {
		s->aset.description.string = d != NULL ? d : "";
		s->seta.in.alias_handle = &s->handle;
		s->seta.in.level = ALIASINFODESCRIPTION;
		s->seta.in.info = &s->aset;
		call(req, s, G_DESCRIBED, NDR_SAMR_SETALIASINFO, &s->seta,
		     true);
		return;
	}
	s->gset.description.string = d != NULL ? d : "";
	s->setg.in.group_handle = &s->handle;
	s->setg.in.level = GROUPINFODESCRIPTION;
	s->setg.in.info = &s->gset;
	call(req, s, G_DESCRIBED, NDR_SAMR_SETGROUPINFO, &s->setg, true);
}

static void delete_group(struct tevent_req *req, struct group_state *s)
{
	if (s->local) {
		s->dela.in.alias_handle = &s->handle;
		s->dela.out.alias_handle = &s->handle;
		call(req, s, G_DELETED, NDR_SAMR_DELETEDOMALIAS, &s->dela,
		     true);
		return;
	}
	s->delg.in.group_handle = &s->handle;
	s->delg.out.group_handle = &s->handle;
	call(req, s, G_DELETED, NDR_SAMR_DELETEDOMAINGROUP, &s->delg, true);
}

static void change_member(struct tevent_req *req, struct group_state *s)
{
	bool add = s->op.variant == G_ADD_MEMBER;

	if (s->local) {
		s->adda.in.alias_handle = &s->handle;
		s->adda.in.sid = &s->member_sid;
		s->rema.in.alias_handle = &s->handle;
		s->rema.in.sid = &s->member_sid;
		call(req, s, G_CHANGED, add ? NDR_SAMR_ADDALIASMEMBER
					    : NDR_SAMR_DELETEALIASMEMBER,
		     add ? (void *)&s->adda : (void *)&s->rema, true);
		return;
	}
	s->addg.in.group_handle = &s->handle;
	s->addg.in.rid = s->rid;
	/* SE_GROUP_MANDATORY | ENABLED_BY_DEFAULT | ENABLED, as NT sets */
	s->addg.in.flags = 7;
	s->remg.in.group_handle = &s->handle;
	s->remg.in.rid = s->rid;
	call(req, s, G_CHANGED, add ? NDR_SAMR_ADDGROUPMEMBER
				    : NDR_SAMR_DELETEGROUPMEMBER,
	     add ? (void *)&s->addg : (void *)&s->remg, true);
}

static NTSTATUS changed_status(const struct group_state *s)
{
	bool add = s->op.variant == G_ADD_MEMBER;

	if (s->local)
		return add ? s->adda.out.result : s->rema.out.result;
	/* measured, Samba AD 4.17: DeleteGroupMember on a group with no
	 * members at all answers NOT_FOUND; group and user were found
	 * already, so it means what NT says: not a member */
	if (!add && NT_STATUS_EQUAL(s->remg.out.result, NT_STATUS_NOT_FOUND))
		return NT_STATUS_MEMBER_NOT_IN_GROUP;
	return add ? s->addg.out.result : s->remg.out.result;
}

/* Samba AD 4.17 makes no ForeignSecurityPrincipal over SAMR: the first
 * time a trusted domain's account joins one of its groups,
 * AddAliasMember answers INTERNAL_DB_CORRUPTION (net rpc group addmem
 * too, measured on the lab); once the DC has one (samba-tool made it),
 * the member comes and goes as any other.  Said in words. */
static struct um_status changed_result(const struct group_state *s)
{
	NTSTATUS r = changed_status(s);

	if (s->foreign && s->op.variant == G_ADD_MEMBER &&
	    NT_STATUS_EQUAL(r, NT_STATUS_INTERNAL_DB_CORRUPTION))
		return um_local(UM_LOCAL_NO_FOREIGN_PRINCIPAL);
	return rpc_nt(r);
}

static void opened(struct tevent_req *req, struct group_state *s)
{
	NTSTATUS r = s->local ? s->open.alias.out.result
			      : s->open.group.out.result;

	if (rpc_op_nterror(req, &s->op, r))
		return;
	switch (s->op.variant) {
	case G_QUERY:
		query_info(req, s);
		return;
	case G_DELETE:
		delete_group(req, s);
		return;
	case G_SET:
		set_description(req, s);
		return;
	default:
		change_member(req, s);
		return;
	}
}

static void group_step(struct tevent_req *req, struct rpc_op *op)
{
	struct group_state *s = (struct group_state *)op;
	NTSTATUS r;

	switch (op->stage) {
	case 0:
		if (op->variant == G_ADD)
			create(req, s);
		else
			lookup(req, s);
		return;
	case G_LOOKED_UP: looked_up(req, s); return;
	case G_OPENED: opened(req, s); return;
	case G_INFO:
		r = s->local ? s->query.alias.out.result
			     : s->query.group.out.result;
		if (!NT_STATUS_IS_OK(r))
			group_close(req, s, rpc_nt(r));
		else
			query_members(req, s);
		return;
	case G_MEMBERS:
		r = s->local ? s->amembers.out.result
			     : s->gmembers.out.result;
		if (!NT_STATUS_IS_OK(r))
			group_close(req, s, rpc_nt(r));
		else
			name_members(req, s);
		return;
	case G_NAMES: named(req, s); return;
	case G_CREATED: describe(req, s); return;
	case G_DESCRIBED:
		r = s->local ? s->seta.out.result : s->setg.out.result;
		group_close(req, s, rpc_nt(r));
		return;
	case G_DELETED:
		r = s->local ? s->dela.out.result : s->delg.out.result;
		if (!NT_STATUS_IS_OK(r))
			group_close(req, s, rpc_nt(r));
		else
			rpc_op_finish(req, op, um_ok());
		return;
	case G_CHANGED:
		group_close(req, s, changed_result(s));
		return;
	case G_CLOSED:
		rpc_op_finish(req, op, s->result);
		return;
	}
}

static struct um_status group_prepare(struct rpc_op *op)
{
	struct group_state *s = (struct group_state *)op;
	const char *m = op->args.user;
	const char *bs = m != NULL ? strchr(m, '\\') : NULL;
	struct dom_sid *foreign;

	if (op->args.group == NULL ||
	    ((op->variant == G_ADD || op->variant == G_SET) &&
	     op->args.group_info == NULL))
		return um_local(UM_LOCAL_USAGE);
	s->domain = rpc_sid_parse(s, op->conn->info.sid);
	if (s->domain == NULL)
		return um_local(UM_LOCAL_NO_MEMORY);
	if (op->args.member_sid != NULL) {
		/* another domain's: by its SID, to a local group only */
		foreign = rpc_sid_parse(s, op->args.member_sid);
		if (foreign == NULL)
			return um_nt(UM_NT_NONE_MAPPED);
		s->member_sid = *foreign;
		s->foreign = true;
		return um_ok();
	}
	if (bs != NULL) {
		/* DOMAIN\name of this domain: by SAMR, by its name */
		if (strncasecmp(m, op->conn->info.name ?: "",
				(size_t)(bs - m)) != 0 ||
		    strlen(op->conn->info.name ?: "") != (size_t)(bs - m))
			return um_nt(UM_NT_NONE_MAPPED);
		op->args.user = bs + 1;
	}
	return um_ok();
}

#define GROUP_KIND(name, variant)                                          \
	static const struct rpc_op_kind name =                             \
		RPC_OP_KIND(struct group_state, group_step,                \
			    RPC_NEED_LSA | RPC_NEED_SAMR, 0, variant,      \
			    group_prepare);
GROUP_KIND(query_kind, G_QUERY)
GROUP_KIND(add_kind, G_ADD)
GROUP_KIND(delete_kind, G_DELETE)
GROUP_KIND(add_member_kind, G_ADD_MEMBER)
GROUP_KIND(remove_member_kind, G_REMOVE_MEMBER)
GROUP_KIND(set_kind, G_SET)
RPC_OP_SENDER(rpc_query_group_send, query_kind)
RPC_OP_SENDER(rpc_add_group_send, add_kind)
RPC_OP_SENDER(rpc_delete_group_send, delete_kind)
RPC_OP_SENDER(rpc_add_member_send, add_member_kind)
RPC_OP_SENDER(rpc_remove_member_send, remove_member_kind)
RPC_OP_SENDER(rpc_set_group_send, set_kind)
