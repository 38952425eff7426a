/*
 * usrmgr - user accounts over SAMR, the same on a Samba AD DC and a
 * classic PDC:
 *
 *   query_user   LookupNames + OpenUser + QueryUserInfo level 21, then
 *                the groups: GetGroupsForUser (global), GetAliasMembership
 *                (the domain's local groups holding the user's own SID),
 *                LookupRids for their names and primary_gid's
 *   add_user     CreateUser2 (ACB_NORMAL), SetUserInfo2 level 24 (the
 *                password, RC4 with the session key: never in clear),
 *                SetUserInfo2 level 21 with fields_present; a failure
 *                after CreateUser2 deletes the half-made account
 *   set_user     open, QueryUserInfo 21 (the flags to merge into),
 *                level 24 when a password is given, level 21; a new
 *                primary group (UM_FIELD_GROUPS) is looked up with the
 *                user and goes as level 21's primary_gid
 *                (SAMR_FIELD_PRIMARY_GID), as NT's User Manager sets it
 *   rename_user  open, SetUserInfo2 level 7
 *   delete_user  open, DeleteUser
 *
 * User Cannot Change Password is not an account flag but an ACE in the
 * user's security descriptor: not written here (NOT_SUPPORTED).
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rpc_internal.h"

/* op->variant */
enum { U_QUERY, U_ADD, U_SET, U_RENAME, U_DELETE };

enum {
	U_LOOKED_UP = 1, U_OPENED, U_CREATED, U_QUERIED, U_PASSWORD_SET,
	U_INFO_SET, U_RENAMED, U_DELETED, U_UNDONE, U_CLOSED, U_GROUPS,
	U_ALIASES, U_GROUP_NAMES,
};

struct user_state {
	struct rpc_op op;
	struct lsa_String account, names[2];
	struct policy_handle user;
	uint32_t granted, rid;
	struct samr_LookupNames lookup;
	struct samr_Ids rids, types;
	struct samr_OpenUser open;
	struct samr_CreateUser2 create;
	struct samr_QueryUserInfo query;
	union samr_UserInfo *queried;
	struct samr_SetUserInfo2 set;
	union samr_UserInfo info;
	struct samr_DeleteUser del;
	struct samr_Close close;
	struct um_status result;
	/* the user's groups (query) and the new primary group (set) */
	struct dom_sid *domain, user_sid;
	struct lsa_SidPtr sid_ptr;
	struct lsa_SidArray sids;
	struct samr_GetGroupsForUser ggroups;
	struct samr_RidWithAttributeArray *grids;
	struct samr_GetAliasMembership amember;
	struct samr_Ids arids;
	struct samr_LookupRids lrids;
	uint32_t *group_rids;
	uint32_t n_global;   /* of group_rids, the global groups first */
	struct lsa_Strings gnames;
	struct samr_Ids gtypes;
	uint32_t primary_rid; /* set: the new primary group's, else 0 */
};

static char *dup0(TALLOC_CTX *mem, const char *s)
{
	return s != NULL ? talloc_strdup(mem, s) : NULL;
}

struct um_account *rpc_account_copy(TALLOC_CTX *mem,
				    const struct um_account *a)
{
	struct um_account *c;

	if (a == NULL || (c = talloc_memdup(mem, a, sizeof(*a))) == NULL)
		return NULL;
	c->name = dup0(c, a->name);
	c->full_name = dup0(c, a->full_name);
	c->description = dup0(c, a->description);
	c->profile = dup0(c, a->profile);
	c->script = dup0(c, a->script);
	c->home_dir = dup0(c, a->home_dir);
	c->home_drive = dup0(c, a->home_drive);
	c->workstations = dup0(c, a->workstations);
	/* set_user carries the primary group alone (the engine joins and
	 * leaves groups through the group operations) */
	c->primary_group = dup0(c, a->primary_group);
	c->groups = NULL;
	c->n_groups = 0;
	return c;
}

/* ---- level 21, both ways ---- */

static const struct {
	uint32_t um, acb;
} acb_flags[] = {
	{ UM_ACCT_DISABLED, ACB_DISABLED },
	{ UM_ACCT_NEVER_EXPIRES, ACB_PWNOEXP },
	{ UM_ACCT_LOCKED, ACB_AUTOLOCK },
};

static int64_t expiry_of(NTTIME t)
{
	/* 0 and the largest value both mean Never */
	if (t == 0 || t >= 0x7FFFFFFFFFFFFFFFULL)
		return 0;
	return (int64_t)nt_time_to_unix(t);
}

static struct um_account *account_of(TALLOC_CTX *mem,
				     const struct samr_UserInfo21 *i)
{
	struct um_account *a = talloc_zero(mem, struct um_account);
	size_t k;

	if (a == NULL)
		return NULL;
	a->name = talloc_strdup(a, i->account_name.string ?: "");
	a->full_name = talloc_strdup(a, i->full_name.string ?: "");
	a->description = talloc_strdup(a, i->description.string ?: "");
	a->profile = talloc_strdup(a, i->profile_path.string ?: "");
	a->script = talloc_strdup(a, i->logon_script.string ?: "");
	a->home_dir = talloc_strdup(a, i->home_directory.string ?: "");
	a->home_drive = talloc_strdup(a, i->home_drive.string ?: "");
	a->workstations = talloc_strdup(a, i->workstations.string ?: "");
	a->expires = expiry_of(i->acct_expiry);
	for (k = 0; k < sizeof(acb_flags) / sizeof(acb_flags[0]); k++)
		if (i->acct_flags & acb_flags[k].acb)
			a->flags |= acb_flags[k].um;
	if (i->password_expired)
		a->flags |= UM_ACCT_MUST_CHANGE;
	a->has_password = i->nt_password_set != 0;
	a->local_account = (i->acct_flags & ACB_TEMPDUP) != 0;
	/* 168 units a week: one bit an hour (both Samba AD 4.17 and the
	 * classic PDC store and answer it so); anything else: "any time" */
	if (i->logon_hours.units_per_week == 168 &&
	    i->logon_hours.bits != NULL)
		memcpy(a->logon_hours, i->logon_hours.bits, UM_HOURS_BYTES);
	else
		memset(a->logon_hours, 0xff, UM_HOURS_BYTES);
	/* named with the groups, after GetGroupsForUser */
	a->primary_group = talloc_strdup(a, "");
	return a->primary_group != NULL ? a : NULL;
}

static void put(struct lsa_String *to, uint32_t *present, uint32_t bit,
		const char *v)
{
	to->string = v != NULL ? v : "";
	*present |= bit;
}

/* The level-21 change A asks for; CURRENT: the account's flags now. */
static void info21_of(const struct um_account *a, uint32_t current,
		      struct samr_UserInfo21 *i)
{
	uint32_t f = a->fields, acb = current | ACB_NORMAL;
	size_t k;

	memset(i, 0, sizeof(*i));
	if (f & UM_FIELD_FULL_NAME)
		put(&i->full_name, &i->fields_present, SAMR_FIELD_FULL_NAME,
		    a->full_name);
	if (f & UM_FIELD_DESCRIPTION)
		put(&i->description, &i->fields_present,
		    SAMR_FIELD_DESCRIPTION, a->description);
	if (f & UM_FIELD_PROFILE)
		put(&i->profile_path, &i->fields_present,
		    SAMR_FIELD_PROFILE_PATH, a->profile);
	if (f & UM_FIELD_SCRIPT)
		put(&i->logon_script, &i->fields_present,
		    SAMR_FIELD_LOGON_SCRIPT, a->script);
	if (f & UM_FIELD_HOME_DIR)
		put(&i->home_directory, &i->fields_present,
		    SAMR_FIELD_HOME_DIRECTORY, a->home_dir);
	if (f & UM_FIELD_HOME_DRIVE)
		put(&i->home_drive, &i->fields_present,
		    SAMR_FIELD_HOME_DRIVE, a->home_drive);
	if (f & UM_FIELD_WORKSTATIONS)
		put(&i->workstations, &i->fields_present,
		    SAMR_FIELD_WORKSTATIONS, a->workstations);
	if (f & UM_FIELD_EXPIRES) {
		if (a->expires == 0)
			i->acct_expiry = 0x7FFFFFFFFFFFFFFFULL;
		else
			unix_to_nt_time(&i->acct_expiry, (time_t)a->expires);
		i->fields_present |= SAMR_FIELD_ACCT_EXPIRY;
	}
	if (f & UM_FIELD_LOGON_HOURS) {
		i->logon_hours.units_per_week = 168;
		i->logon_hours.bits = discard_const_p(uint8_t, a->logon_hours);
		i->fields_present |= SAMR_FIELD_LOGON_HOURS;
	}
	if (f & UM_FIELD_ACCOUNT_TYPE) {
		acb = a->local_account ? acb | ACB_TEMPDUP
				       : acb & ~(uint32_t)ACB_TEMPDUP;
		i->acct_flags = acb;
		i->fields_present |= SAMR_FIELD_ACCT_FLAGS;
	}
	if (!(f & UM_FIELD_FLAGS))
		return;
	for (k = 0; k < sizeof(acb_flags) / sizeof(acb_flags[0]); k++) {
		if (!(a->flags_mask & acb_flags[k].um))
			continue;
		/* Locked Out can only be cleared */
		if ((a->flags & acb_flags[k].um) &&
		    acb_flags[k].um != UM_ACCT_LOCKED)
			acb |= acb_flags[k].acb;
		else
			acb &= ~acb_flags[k].acb;
	}
	i->acct_flags = acb;
	i->fields_present |= SAMR_FIELD_ACCT_FLAGS;
	if (a->flags_mask & UM_ACCT_MUST_CHANGE) {
		i->password_expired = (a->flags & UM_ACCT_MUST_CHANGE) ? 1 : 0;
		i->fields_present |= SAMR_FIELD_EXPIRED_FLAG;
	}
}

/* ---- the calls ---- */

static void user_close(struct tevent_req *req, struct user_state *s,
		       struct um_status result)
{
	s->result = result;
	s->close.in.handle = &s->user;
	s->close.out.handle = &s->user;
	rpc_op_next(req, &s->op, U_CLOSED, RPC_NEED_SAMR, NDR_SAMR_CLOSE,
		    &s->close, false);
}

/* After CreateUser2 a failure leaves no half-made account. */
static void user_fail(struct tevent_req *req, struct user_state *s,
		      NTSTATUS why)
{
	if (s->op.variant != U_ADD) {
		user_close(req, s, rpc_nt(why));
		return;
	}
	s->result = rpc_nt(why);
	s->del.in.user_handle = &s->user;
	s->del.out.user_handle = &s->user;
	rpc_op_next(req, &s->op, U_UNDONE, RPC_NEED_SAMR,
		    NDR_SAMR_DELETEUSER, &s->del, true);
}

/* A new primary group to set: its name, else NULL. */
static const char *new_primary(const struct user_state *s)
{
	const struct um_account *a = s->op.args.account;

	if (s->op.variant != U_SET || a == NULL ||
	    !(a->fields & UM_FIELD_GROUPS) || a->primary_group == NULL ||
	    *a->primary_group == '\0')
		return NULL;
	return a->primary_group;
}

/* The user and (for a new primary group) the group, in one call. */
static void lookup(struct tevent_req *req, struct user_state *s)
{
	uint32_t n = 1;

	s->names[0].string = s->op.args.user;
	if (new_primary(s) != NULL)
		s->names[n++].string = new_primary(s);
	s->lookup.in.domain_handle = &s->op.conn->samr_domain;
	s->lookup.in.num_names = n;
	s->lookup.in.names = s->names;
	s->lookup.out.rids = &s->rids;
	s->lookup.out.types = &s->types;
	rpc_op_next(req, &s->op, U_LOOKED_UP, RPC_NEED_SAMR,
		    NDR_SAMR_LOOKUPNAMES, &s->lookup, false);
}

/* What the names turned out to be: a user, and a global group. */
static struct um_status looked_up(const struct user_state *s)
{
	NTSTATUS r = s->lookup.out.result;
	uint32_t n = s->lookup.in.num_names;

	if (!NT_STATUS_IS_OK(r) && !NT_STATUS_EQUAL(r, STATUS_SOME_UNMAPPED)
	    && !NT_STATUS_EQUAL(r, NT_STATUS_NONE_MAPPED))
		return rpc_nt(r);
	if (s->rids.count != n || s->types.count != n ||
	    s->types.ids[0] != SID_NAME_USER)
		return um_nt(UM_NT_NO_SUCH_USER);
	/* a local group cannot be primary: SAMR would say no such group */
	if (n == 2 && s->types.ids[1] != SID_NAME_DOM_GRP)
		return um_nt(UM_NT_NO_SUCH_GROUP);
	return um_ok();
}

static void open_user(struct tevent_req *req, struct user_state *s)
{
	struct um_status st = looked_up(s);

	if (!um_is_ok(st)) {
		rpc_op_finish(req, &s->op, st);
		return;
	}
	if (s->lookup.in.num_names == 2)
		s->primary_rid = s->rids.ids[1];
	s->open.in.domain_handle = &s->op.conn->samr_domain;
	s->open.in.access_mask = s->op.variant == U_DELETE
		? SEC_STD_DELETE : SEC_FLAG_MAXIMUM_ALLOWED;
	s->open.in.rid = s->rids.ids[0];
	s->open.out.user_handle = &s->user;
	rpc_op_next(req, &s->op, U_OPENED, RPC_NEED_SAMR, NDR_SAMR_OPENUSER,
		    &s->open, false);
}

static void create_user(struct tevent_req *req, struct user_state *s)
{
	s->account.string = s->op.args.account->name;
	s->create.in.domain_handle = &s->op.conn->samr_domain;
	s->create.in.account_name = &s->account;
	s->create.in.acct_flags = ACB_NORMAL;
	s->create.in.access_mask = SEC_FLAG_MAXIMUM_ALLOWED;
	s->create.out.user_handle = &s->user;
	s->create.out.access_granted = &s->granted;
	s->create.out.rid = &s->rid;
	rpc_op_next(req, &s->op, U_CREATED, RPC_NEED_SAMR,
		    NDR_SAMR_CREATEUSER2, &s->create, true);
}

static void query(struct tevent_req *req, struct user_state *s)
{
	s->query.in.user_handle = &s->user;
	s->query.in.level = 21;
	s->query.out.info = &s->queried;
	rpc_op_next(req, &s->op, U_QUERIED, RPC_NEED_SAMR,
		    NDR_SAMR_QUERYUSERINFO, &s->query, false);
}

static void set_level(struct tevent_req *req, struct user_state *s,
		      uint16_t level, int stage)
{
	s->set.in.user_handle = &s->user;
	s->set.in.level = level;
	s->set.in.info = &s->info;
	rpc_op_next(req, &s->op, stage, RPC_NEED_SAMR,
		    NDR_SAMR_SETUSERINFO2, &s->set, true);
}

/* The password first (level 24 leaves it unexpired), then level 21,
 * whose expired flag then says what the operator asked. */
static void set_password(struct tevent_req *req, struct user_state *s)
{
	NTSTATUS st;

	memset(&s->info, 0, sizeof(s->info));
	st = rpc_crypt_password(&s->op, &s->info.info24.password);
	if (!NT_STATUS_IS_OK(st)) {
		user_fail(req, s, st);
		return;
	}
	set_level(req, s, 24, U_PASSWORD_SET);
}

static void set_info(struct tevent_req *req, struct user_state *s)
{
	const struct um_account *a = s->op.args.account;
	uint32_t current = s->queried != NULL
		? s->queried->info21.acct_flags : ACB_NORMAL;

	/* (a new user always: Samba creates it disabled, measured on the
	 * ad lab -- userAccountControl 546 -- and NT's New User with no
	 * box ticked makes an enabled account) */
	if (s->op.variant != U_ADD && a->fields == 0 &&
	    s->primary_rid == 0) {
		user_close(req, s, um_ok());
		return;
	}
	/* a new user: every flag the dialog shows, set or clear */
	if (s->op.variant == U_ADD) {
		struct um_account all = *a;

		all.fields |= UM_FIELD_FLAGS;
		all.flags_mask = ~0u;
		info21_of(&all, ACB_NORMAL, &s->info.info21);
	} else {
		info21_of(a, current, &s->info.info21);
	}
	if (s->primary_rid != 0) {
		s->info.info21.primary_gid = s->primary_rid;
		s->info.info21.fields_present |= SAMR_FIELD_PRIMARY_GID;
	}
	/* nothing to set (SAMR refuses an empty fields_present) */
	if (s->info.info21.fields_present == 0) {
		user_close(req, s, um_ok());
		return;
	}
	set_level(req, s, 21, U_INFO_SET);
}

static void after_open(struct tevent_req *req, struct user_state *s)
{
	switch (s->op.variant) {
	case U_QUERY:
	case U_SET:
		query(req, s);
		return;
	case U_RENAME:
		memset(&s->info, 0, sizeof(s->info));
		s->info.info7.account_name.string = s->op.args.new_name;
		set_level(req, s, 7, U_RENAMED);
		return;
	case U_DELETE:
		s->del.in.user_handle = &s->user;
		s->del.out.user_handle = &s->user;
		rpc_op_next(req, &s->op, U_DELETED, RPC_NEED_SAMR,
			    NDR_SAMR_DELETEUSER, &s->del, true);
		return;
	}
}

/* ---- the user's groups (query) ---- */

static void query_groups(struct tevent_req *req, struct user_state *s)
{
	s->ggroups.in.user_handle = &s->user;
	s->ggroups.out.rids = &s->grids;
	rpc_op_next(req, &s->op, U_GROUPS, RPC_NEED_SAMR,
		    NDR_SAMR_GETGROUPSFORUSER, &s->ggroups, false);
}

/* The domain's local groups that hold the user's SID itself (NT's
 * Group Memberships shows these; not those held through a group). */
static void query_aliases(struct tevent_req *req, struct user_state *s)
{
	NTSTATUS r = s->ggroups.out.result;

	if (!NT_STATUS_IS_OK(r)) {
		user_close(req, s, rpc_nt(r));
		return;
	}
	s->domain = rpc_sid_parse(s, s->op.conn->info.sid);
	if (s->domain == NULL || s->domain->num_auths >= 15) {
		user_close(req, s, um_local(UM_LOCAL_NO_MEMORY));
		return;
	}
	s->user_sid = *s->domain;
	s->user_sid.sub_auths[s->user_sid.num_auths++] = s->rids.ids[0];
	s->sid_ptr.sid = &s->user_sid;
	s->sids.num_sids = 1;
	s->sids.sids = &s->sid_ptr;
	s->amember.in.domain_handle = &s->op.conn->samr_domain;
	s->amember.in.sids = &s->sids;
	s->amember.out.rids = &s->arids;
	rpc_op_next(req, &s->op, U_ALIASES, RPC_NEED_SAMR,
		    NDR_SAMR_GETALIASMEMBERSHIP, &s->amember, false);
}

/* Every group's RID to name: the global groups, the primary group
 * (held through primary_gid alone on AD), the local groups. */
static bool collect_rids(struct user_state *s)
{
	uint32_t ng = s->grids != NULL ? s->grids->count : 0;
	uint32_t na = s->arids.count, primary = s->queried->info21.primary_gid;
	uint32_t i, n = 0;
	bool seen = false;

	s->group_rids = talloc_zero_array(s, uint32_t, ng + na + 1);
	if (s->group_rids == NULL)
		return false;
	for (i = 0; i < ng; i++) {
		s->group_rids[n++] = s->grids->rids[i].rid;
		seen = seen || s->grids->rids[i].rid == primary;
	}
	if (!seen && primary != 0)
		s->group_rids[n++] = primary;
	s->n_global = n;
	for (i = 0; i < na; i++)
		s->group_rids[n++] = s->arids.ids[i];
	s->lrids.in.num_rids = n;
	return true;
}

static void name_groups(struct tevent_req *req, struct user_state *s)
{
	NTSTATUS r = s->amember.out.result;

	if (!NT_STATUS_IS_OK(r)) {
		user_close(req, s, rpc_nt(r));
		return;
	}
	if (!collect_rids(s)) {
		user_close(req, s, um_local(UM_LOCAL_NO_MEMORY));
		return;
	}
	if (s->lrids.in.num_rids == 0) {
		user_close(req, s, um_ok());
		return;
	}
	s->lrids.in.domain_handle = &s->op.conn->samr_domain;
	s->lrids.in.rids = s->group_rids;
	s->lrids.out.names = &s->gnames;
	s->lrids.out.types = &s->gtypes;
	rpc_op_next(req, &s->op, U_GROUP_NAMES, RPC_NEED_SAMR,
		    NDR_SAMR_LOOKUPRIDS, &s->lrids, false);
}

/* The names onto the account read back; a RID without a name (a group
 * deleted meanwhile) is left out. */
static struct um_status named_groups(struct user_state *s)
{
	struct um_account *a = s->op.reply.account;
	NTSTATUS r = s->lrids.out.result;
	uint32_t i, primary = s->queried->info21.primary_gid;

	if (!NT_STATUS_IS_OK(r) && !NT_STATUS_EQUAL(r, STATUS_SOME_UNMAPPED))
		return rpc_nt(r);
	a->groups = talloc_zero_array(a, char *, s->gnames.count + 1);
	if (a->groups == NULL)
		return um_local(UM_LOCAL_NO_MEMORY);
	for (i = 0; i < s->gnames.count && i < s->lrids.in.num_rids; i++) {
		const char *name = s->gnames.names[i].string;

		if (name == NULL || *name == '\0')
			continue;
		a->groups[a->n_groups] = talloc_strdup(a->groups, name);
		if (a->groups[a->n_groups++] == NULL)
			return um_local(UM_LOCAL_NO_MEMORY);
		if (i < s->n_global && s->group_rids[i] == primary) {
			talloc_free(a->primary_group);
			a->primary_group = talloc_strdup(a, name);
		}
	}
	return a->primary_group != NULL ? um_ok()
					 : um_local(UM_LOCAL_NO_MEMORY);
}

static void after_query(struct tevent_req *req, struct user_state *s)
{
	if (!NT_STATUS_IS_OK(s->query.out.result) || s->queried == NULL) {
		user_close(req, s, rpc_nt(s->query.out.result));
		return;
	}
	if (s->op.variant == U_QUERY) {
		s->op.reply.account = account_of(&s->op,
						 &s->queried->info21);
		if (s->op.reply.account == NULL)
			user_close(req, s, um_local(UM_LOCAL_NO_MEMORY));
		else
			query_groups(req, s);
		return;
	}
	if (s->op.args.password != NULL)
		set_password(req, s);
	else
		set_info(req, s);
}

/* A change the PDC refused (its reason, in the operator's words). */
static bool refused(struct tevent_req *req, struct user_state *s,
		    NTSTATUS r)
{
	if (NT_STATUS_IS_OK(r))
		return false;
	user_fail(req, s, r);
	return true;
}

static void user_step(struct tevent_req *req, struct rpc_op *op)
{
	struct user_state *s = (struct user_state *)op;

	switch (op->stage) {
	case 0:
		if (op->variant == U_ADD)
			create_user(req, s);
		else
			lookup(req, s);
		return;
	case U_LOOKED_UP:
		open_user(req, s);
		return;
	case U_OPENED:
		if (!rpc_op_nterror(req, op, s->open.out.result))
			after_open(req, s);
		return;
	case U_CREATED:
		if (rpc_op_nterror(req, op, s->create.out.result))
			return;
		if (op->args.password != NULL)
			set_password(req, s);
		else
			set_info(req, s);
		return;
	case U_QUERIED:
		after_query(req, s);
		return;
	case U_PASSWORD_SET:
		memset(&s->info, 0, sizeof(s->info));
		if (!refused(req, s, s->set.out.result))
			set_info(req, s);
		return;
	case U_INFO_SET:
	case U_RENAMED:
		if (!refused(req, s, s->set.out.result))
			user_close(req, s, um_ok());
		return;
	case U_DELETED:
		if (!NT_STATUS_IS_OK(s->del.out.result)) {
			user_close(req, s, rpc_nt(s->del.out.result));
			return;
		}
		rpc_op_finish(req, op, um_ok());
		return;
	case U_GROUPS:
		query_aliases(req, s);
		return;
	case U_ALIASES:
		name_groups(req, s);
		return;
	case U_GROUP_NAMES:
		user_close(req, s, named_groups(s));
		return;
	case U_UNDONE:
	case U_CLOSED:
		rpc_op_finish(req, op, s->result);
		return;
	}
}

/* What usrmgr cannot write over SAMR is refused before anything is. */
static struct um_status user_prepare(struct rpc_op *op)
{
	const struct um_account *a = op->args.account;

	if (a != NULL && (a->fields & UM_FIELD_FLAGS) &&
	    (a->flags_mask & UM_ACCT_CANNOT_CHANGE) &&
	    (a->flags & UM_ACCT_CANNOT_CHANGE))
		return um_nt(UM_NT_NOT_SUPPORTED);
	if ((op->variant == U_ADD || op->variant == U_SET) && a == NULL)
		return um_local(UM_LOCAL_USAGE);
	if (op->variant == U_RENAME && op->args.new_name == NULL)
		return um_local(UM_LOCAL_USAGE);
	return um_ok();
}

#define USER_KIND(name, variant)                                           \
	static const struct rpc_op_kind name =                             \
		RPC_OP_KIND(struct user_state, user_step,                  \
			    RPC_NEED_LSA | RPC_NEED_SAMR, RPC_ARG_USER,    \
			    variant, user_prepare);
USER_KIND(query_kind, U_QUERY)
USER_KIND(add_kind, U_ADD)
USER_KIND(set_kind, U_SET)
USER_KIND(rename_kind, U_RENAME)
USER_KIND(delete_kind, U_DELETE)
RPC_OP_SENDER(rpc_query_user_send, query_kind)
RPC_OP_SENDER(rpc_add_user_send, add_kind)
RPC_OP_SENDER(rpc_set_user_send, set_kind)
RPC_OP_SENDER(rpc_rename_user_send, rename_kind)
RPC_OP_SENDER(rpc_delete_user_send, delete_kind)
