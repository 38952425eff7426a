/*
 * usrmgr - Policies -> User Rights over LSA, both dialects alike, on a
 * policy handle of their own (opened with what the operator may do: the
 * connection's handle is for trusts):
 *
 *   lookup_names   LookupNames3 at level ALL (the PDC asks its trusted
 *                  domains), then LookupSids for the names as the server
 *                  spells them
 *   lookup_sids    LookupSids at level ALL
 *   list_rights    EnumAccountsWithUserRight, then LookupSids
 *   grant_right    AddAccountRights, one call per account
 *   revoke_right   RemoveAccountRights, one call per account
 *
 * Measured on Samba AD 4.17 and a classic PDC: both answer LookupNames3
 * and EnumAccountsWithUserRight over ncacn_np; a right the server has no
 * place for answers NT_STATUS_NO_SUCH_PRIVILEGE, passed on as it is (the
 * engine shows it as a right the server does not keep).
 *
 * Samba AD forwards a trusted domain's names to that domain's DC, and
 * when one of them is not found there the whole call answers
 * NT_STATUS_EPT_CANT_PERFORM_OP -- as it does when that DC cannot be
 * reached.  So the names are then looked up one by one, and for each
 * that still gets that answer the trusted domain is asked for its Domain
 * Users (its SID and RID 513, no name to translate): answered, the name
 * is simply unknown (NONE_MAPPED, in words); not, the trust failed
 * (NT_STATUS_TRUSTED_DOMAIN_FAILURE).  That answer comes as a DCE/RPC
 * fault, not as the call's status (rpc_op's step_on_fault).  LookupSids
 * of a list with that domain's SIDs faults alike: then SID by SID, and
 * that domain's accounts stay SIDs.  A trusted domain's user by UPN
 * (alice@accounts.test) is no name to Samba AD: NT_STATUS_NO_SUCH_USER
 * for the whole call, that name then unknown like any other.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <string.h>
#include "rpc_internal.h"

enum { R_NAMES, R_SIDS, R_LIST, R_GRANT, R_REVOKE };

enum {
	R_OPENED = 1, R_LOOKED_UP, R_ONE_LOOKED_UP, R_PROBED_DOMAIN,
	R_PROBED_SID, R_TRANSLATED, R_ENUMERATED, R_CHANGED, R_CLOSED,
};

struct rights_state {
	struct rpc_op op;
	struct policy_handle handle;
	struct lsa_ObjectAttribute attr;
	struct lsa_OpenPolicy2 open;
	/* LookupNames3 */
	struct lsa_String *names;
	struct lsa_LookupNames3 ln;
	struct lsa_TransSidArray3 sids3;
	uint32_t count;
	struct lsa_RefDomainList *domains;
	size_t one;                   /* one by one: the name asked */
	size_t found;
	struct lsa_String probe_name;
	struct dom_sid probe_sid;
	/* LookupSids: the SIDs of reply.names[at[i]], all at once or (when
	 * a trusted domain's DC does not answer) one by one */
	struct lsa_SidArray ask;
	struct lsa_SidPtr *all_sids;
	size_t *at, n_all, sid_at;
	bool singly;
	struct lsa_LookupSids ls;
	struct lsa_TransNameArray tnames;
	/* EnumAccountsWithUserRight */
	struct lsa_String right;
	struct lsa_EnumAccountsWithUserRight en;
	struct lsa_SidArray held;
	/* Add/RemoveAccountRights, account by account */
	struct lsa_StringLarge right_large;
	struct lsa_RightSet set;
	struct dom_sid *sid;
	size_t next;
	struct lsa_AddAccountRights add;
	struct lsa_RemoveAccountRights rem;
	struct lsa_Close close;
	struct um_status result;
};

static void call(struct tevent_req *req, struct rights_state *s, int stage,
		 uint32_t opnum, void *r, bool writes)
{
	rpc_op_next(req, &s->op, stage, RPC_NEED_LSA, opnum, r, writes);
}

static void rights_open(struct tevent_req *req, struct rights_state *s)
{
	s->open.in.system_name = "\\";
	s->open.in.attr = &s->attr;
	s->open.in.access_mask = SEC_FLAG_MAXIMUM_ALLOWED;
	s->open.out.handle = &s->handle;
	call(req, s, R_OPENED, RPC_LSA_OPENPOLICY2, &s->open, false);
}

/* Close the handle; the operation ends with RESULT afterwards. */
static void rights_close(struct tevent_req *req, struct rights_state *s,
			 struct um_status result)
{
	s->result = result;
	s->close.in.handle = &s->handle;
	s->close.out.handle = &s->handle;
	call(req, s, R_CLOSED, RPC_LSA_CLOSE, &s->close, false);
}

static enum um_name_kind kind_of(enum lsa_SidType t)
{
	switch (t) {
	case SID_NAME_USER:     return UM_NAME_USER;
	case SID_NAME_DOM_GRP:  return UM_NAME_GROUP;
	case SID_NAME_DOMAIN:   return UM_NAME_DOMAIN;
	case SID_NAME_ALIAS:    return UM_NAME_ALIAS;
	case SID_NAME_WKN_GRP:  return UM_NAME_WELL_KNOWN;
	case SID_NAME_DELETED:  return UM_NAME_DELETED;
	case SID_NAME_COMPUTER: return UM_NAME_COMPUTER;
	default:                return UM_NAME_UNKNOWN;
	}
}

/* A lookup's status: its call's fault, else what LSA answered. */
static NTSTATUS answer_of(const struct rights_state *s, NTSTATUS result)
{
	return NT_STATUS_IS_OK(s->op.fault) ? result : s->op.fault;
}

/* What LSA answers for a list: all, some or none mapped. */
static struct um_status mapped(size_t found, size_t n)
{
	return found == n ? um_ok()
	       : found == 0 ? um_nt(UM_NT_NONE_MAPPED)
			    : um_nt(UM_NT_SOME_NOT_MAPPED);
}

/* A lookup's answer, mapped or not: anything else ends it. */
static bool lookup_answered(NTSTATUS st)
{
	return NT_STATUS_IS_OK(st) || NT_STATUS_EQUAL(st, STATUS_SOME_UNMAPPED)
	       || NT_STATUS_EQUAL(st, NT_STATUS_NONE_MAPPED);
}

/* Samba AD's answer when a trusted domain's DC did not map a name, or
 * could not be asked (see the top of this file). */
static bool forward_failed(NTSTATUS st)
{
	return NT_STATUS_EQUAL(st, NT_STATUS_EPT_CANT_PERFORM_OP);
}

/* reply.names for N entries; false without memory. */
static bool reply_names(struct rpc_op *op, size_t n)
{
	op->reply.names = talloc_zero_array(op, struct um_name, n + 1);
	op->reply.n_names = n;
	return op->reply.names != NULL;
}

/* ---- LookupSids: the names of reply.names' SIDs ------------------------ */

/* LookupSids of s->ask at level ALL; the answer comes at STAGE. */
static void sids_call(struct tevent_req *req, struct rights_state *s,
		      int stage)
{
	memset(&s->tnames, 0, sizeof(s->tnames));
	s->count = 0;
	s->domains = NULL;
	s->ls.in.handle = &s->handle;
	s->ls.in.sids = &s->ask;
	s->ls.in.level = LSA_LOOKUP_NAMES_ALL;
	s->ls.in.names = &s->tnames;
	s->ls.in.count = &s->count;
	s->ls.out.domains = &s->domains;
	s->ls.out.names = &s->tnames;
	s->ls.out.count = &s->count;
	s->op.step_on_fault = true;
	call(req, s, stage, RPC_LSA_LOOKUPSIDS, &s->ls, false);
}

/* Ask for the SIDs of the reply's entries that have one (the server's
 * spelling of a looked-up name, or a right's holders). */
static void translate(struct tevent_req *req, struct rights_state *s)
{
	struct um_reply *r = &s->op.reply;
	size_t i, n = 0;

	s->all_sids = talloc_zero_array(s, struct lsa_SidPtr,
					r->n_names + 1);
	s->at = talloc_zero_array(s, size_t, r->n_names + 1);
	if (s->all_sids == NULL || s->at == NULL) {
		rights_close(req, s, um_local(UM_LOCAL_NO_MEMORY));
		return;
	}
	for (i = 0; i < r->n_names; i++) {
		struct dom_sid *sid = rpc_sid_parse(s, r->names[i].sid);

		if (sid == NULL)
			continue;
		s->all_sids[n].sid = sid;
		s->at[n++] = i;
	}
	if (n == 0) {
		rights_close(req, s, s->result);
		return;
	}
	s->n_all = n;
	s->singly = false;
	s->ask.sids = s->all_sids;
	s->ask.num_sids = (uint32_t)n;
	sids_call(req, s, R_TRANSLATED);
}

/* One by one: SID s->sid_at, or the close after the last. */
static void translate_one(struct tevent_req *req, struct rights_state *s)
{
	if (s->sid_at >= s->n_all) {
		rights_close(req, s, s->result);
		return;
	}
	s->ask.sids = &s->all_sids[s->sid_at];
	s->ask.num_sids = 1;
	sids_call(req, s, R_TRANSLATED);
}

/* "DOMAIN\\name", or "name" when LSA gives no domain. */
static char *qualified(TALLOC_CTX *mem, const struct lsa_RefDomainList *d,
		       uint32_t index, const char *name)
{
	const char *dom = NULL;

	if (d != NULL && index < d->count && d->domains != NULL)
		dom = d->domains[index].name.string;
	if (dom == NULL || *dom == '\0')
		return talloc_strdup(mem, name);
	return talloc_asprintf(mem, "%s\\%s", dom, name);
}

/* The names LookupSids gave, into the reply from entry BASE of s->at;
 * an unmapped SID keeps what the entry had (the name as typed, or the
 * SID itself).  False without memory. */
static bool translated_names(struct rights_state *s, size_t base)
{
	struct um_reply *r = &s->op.reply;
	uint32_t i;

	for (i = 0; i < s->tnames.count && i < s->ask.num_sids &&
		    s->tnames.names != NULL; i++) {
		const struct lsa_TranslatedName *t = &s->tnames.names[i];
		struct um_name *n = &r->names[s->at[base + i]];
		enum um_name_kind kind = kind_of(t->sid_type);
		char *name;

		if (kind == UM_NAME_UNKNOWN || t->name.string == NULL)
			continue;
		name = qualified(r->names, s->domains, t->sid_index,
				 t->name.string);
		if (name == NULL)
			return false;
		talloc_free(n->name);
		n->name = name;
		n->kind = kind;
	}
	return true;
}

/* A trusted domain's DC that does not answer fails the whole list on
 * Samba AD: then SID by SID, and those of that domain stay SIDs (or the
 * names as typed: a lookup's names were mapped already). */
static void translated(struct tevent_req *req, struct rights_state *s)
{
	NTSTATUS st = answer_of(s, s->ls.out.result);

	if (forward_failed(st) && !s->singly && s->n_all > 1) {
		s->singly = true;
		s->sid_at = 0;
		translate_one(req, s);
		return;
	}
	if (!forward_failed(st) && !lookup_answered(st)) {
		rights_close(req, s, rpc_nt(st));
		return;
	}
	if (!forward_failed(st) &&
	    !translated_names(s, s->singly ? s->sid_at : 0)) {
		rights_close(req, s, um_local(UM_LOCAL_NO_MEMORY));
		return;
	}
	if (!s->singly) {
		rights_close(req, s, s->result);
		return;
	}
	s->sid_at++;
	translate_one(req, s);
}

/* ---- lookup_names ------------------------------------------------------ */

/* LookupNames3 of the N names at NAMES; the answer comes at STAGE. */
static void lookup_call(struct tevent_req *req, struct rights_state *s,
			struct lsa_String *names, size_t n, int stage)
{
	memset(&s->sids3, 0, sizeof(s->sids3));
	s->count = 0;
	s->domains = NULL;
	s->ln.in.handle = &s->handle;
	s->ln.in.num_names = (uint32_t)n;
	s->ln.in.names = names;
	s->ln.in.level = LSA_LOOKUP_NAMES_ALL;
	s->ln.in.lookup_options = LSA_LOOKUP_OPTION_SEARCH_ISOLATED_NAMES;
	s->ln.in.client_revision = LSA_CLIENT_REVISION_2;
	s->ln.in.sids = &s->sids3;
	s->ln.in.count = &s->count;
	s->ln.out.domains = &s->domains;
	s->ln.out.sids = &s->sids3;
	s->ln.out.count = &s->count;
	/* Samba AD's forwarding failure is a fault: see the top */
	s->op.step_on_fault = true;
	call(req, s, stage, RPC_LSA_LOOKUPNAMES3, &s->ln, false);
}

static void lookup_names(struct tevent_req *req, struct rights_state *s)
{
	const struct um_args *a = &s->op.args;
	size_t i;

	s->names = talloc_zero_array(s, struct lsa_String, a->n_names);
	if (s->names == NULL || !reply_names(&s->op, a->n_names)) {
		rights_close(req, s, um_local(UM_LOCAL_NO_MEMORY));
		return;
	}
	for (i = 0; i < a->n_names; i++) {
		s->names[i].string = a->names[i];
		s->op.reply.names[i].name = talloc_strdup(s->op.reply.names,
							  a->names[i]);
	}
	lookup_call(req, s, s->names, a->n_names, R_LOOKED_UP);
}

/* Entry I from answer J of the last lookup: its SID and kind; false when
 * not mapped (the entry keeps the name as typed). */
static bool looked_up_one(struct rights_state *s, size_t i, size_t j)
{
	struct um_name *n = &s->op.reply.names[i];
	const struct lsa_TranslatedSid3 *t;

	if (j >= s->sids3.count || s->sids3.sids == NULL)
		return false;
	t = &s->sids3.sids[j];
	if (kind_of(t->sid_type) == UM_NAME_UNKNOWN || t->sid == NULL)
		return false;
	n->sid = rpc_sid_string(s->op.reply.names, t->sid);
	n->kind = n->sid != NULL ? kind_of(t->sid_type) : UM_NAME_UNKNOWN;
	return n->sid != NULL;
}

/* Samba AD's answer for a list with a name it does not take at all. */
static bool name_refused(NTSTATUS st)
{
	return NT_STATUS_EQUAL(st, NT_STATUS_NO_SUCH_USER);
}

static void lookup_next_one(struct tevent_req *req, struct rights_state *s)
{
	if (s->one >= s->op.args.n_names) {
		s->result = mapped(s->found, s->op.args.n_names);
		translate(req, s);
		return;
	}
	lookup_call(req, s, &s->names[s->one], 1, R_ONE_LOOKED_UP);
}

/* Name s->one could not be looked up through its domain's DC: ask the
 * PDC for that domain (answered from its own trust), then its DC. */
static void probe_domain(struct tevent_req *req, struct rights_state *s)
{
	char *dom = NULL, *user = NULL;

	if (!rpc_split_user(s, s->op.args.names[s->one], &dom, &user) ||
	    dom == NULL) {
		rights_close(req, s, um_nt(UM_NT_TRUSTED_DOMAIN_FAILURE));
		return;
	}
	s->probe_name.string = dom;
	lookup_call(req, s, &s->probe_name, 1, R_PROBED_DOMAIN);
}

static void one_looked_up(struct tevent_req *req, struct rights_state *s)
{
	NTSTATUS st = answer_of(s, s->ln.out.result);

	if (forward_failed(st)) {
		probe_domain(req, s);
		return;
	}
	if (!lookup_answered(st) && !name_refused(st)) {
		rights_close(req, s, rpc_nt(st));
		return;
	}
	if (!name_refused(st))
		s->found += looked_up_one(s, s->one, 0);
	s->one++;
	lookup_next_one(req, s);
}

/* The domain's SID known: its Domain Users (RID 513), through its DC. */
static void probed_domain(struct tevent_req *req, struct rights_state *s)
{
	const struct lsa_TranslatedSid3 *t = s->sids3.sids;

	if (!NT_STATUS_IS_OK(answer_of(s, s->ln.out.result)) ||
	    t == NULL ||
	    s->sids3.count != 1 || t->sid_type != SID_NAME_DOMAIN ||
	    t->sid == NULL || t->sid->num_auths >= 15) {
		/* no such domain here: the name is unknown */
		s->one++;
		lookup_next_one(req, s);
		return;
	}
	s->probe_sid = *t->sid;
	s->probe_sid.sub_auths[s->probe_sid.num_auths++] = 513;
	s->ask.num_sids = 1;
	s->ask.sids = talloc_zero(s, struct lsa_SidPtr);
	if (s->ask.sids == NULL) {
		rights_close(req, s, um_local(UM_LOCAL_NO_MEMORY));
		return;
	}
	s->ask.sids[0].sid = &s->probe_sid;
	sids_call(req, s, R_PROBED_SID);
}

/* The trusted domain's DC answered: the name is not there.  Else the
 * trust did not carry the question. */
static void probed_sid(struct tevent_req *req, struct rights_state *s)
{
	NTSTATUS st = answer_of(s, s->ls.out.result);

	if (!NT_STATUS_IS_OK(st) || s->tnames.count != 1 ||
	    s->tnames.names == NULL ||
	    kind_of(s->tnames.names[0].sid_type) == UM_NAME_UNKNOWN) {
		rights_close(req, s, um_nt(UM_NT_TRUSTED_DOMAIN_FAILURE));
		return;
	}
	s->one++;
	lookup_next_one(req, s);
}

static void looked_up(struct tevent_req *req, struct rights_state *s)
{
	NTSTATUS st = answer_of(s, s->ln.out.result);
	size_t i, n = s->op.args.n_names;

	if (forward_failed(st) || name_refused(st)) {
		s->one = 0;
		if (n > 1)
			lookup_next_one(req, s);
		else if (forward_failed(st))
			probe_domain(req, s);
		else
			one_looked_up(req, s);
		return;
	}
	if (!lookup_answered(st)) {
		rights_close(req, s, rpc_nt(st));
		return;
	}
	for (i = 0; i < n; i++)
		s->found += looked_up_one(s, i, i);
	s->result = mapped(s->found, n);
	translate(req, s);
}

/* ---- lookup_sids ------------------------------------------------------- */

static void lookup_sids(struct tevent_req *req, struct rights_state *s)
{
	const struct um_args *a = &s->op.args;
	size_t i;

	if (!reply_names(&s->op, a->n_names)) {
		rights_close(req, s, um_local(UM_LOCAL_NO_MEMORY));
		return;
	}
	for (i = 0; i < a->n_names; i++) {
		struct um_name *n = &s->op.reply.names[i];

		n->name = talloc_strdup(s->op.reply.names, a->sids[i]);
		n->sid = talloc_strdup(s->op.reply.names, a->sids[i]);
	}
	s->result = um_ok();
	translate(req, s);
}

/* The answer for the SIDs asked: all, some or none mapped. */
static struct um_status sids_mapped(const struct rights_state *s)
{
	size_t i, found = 0;

	for (i = 0; i < s->op.reply.n_names; i++)
		found += s->op.reply.names[i].kind != UM_NAME_UNKNOWN;
	return mapped(found, s->op.reply.n_names);
}

/* ---- list_rights ------------------------------------------------------- */

static void enumerate(struct tevent_req *req, struct rights_state *s)
{
	s->right.string = s->op.args.right;
	s->en.in.handle = &s->handle;
	s->en.in.name = &s->right;
	s->en.out.sids = &s->held;
	call(req, s, R_ENUMERATED, RPC_LSA_ENUMACCOUNTSWITHUSERRIGHT, &s->en,
	     false);
}

/* The holders' SIDs into the reply, their names to follow. */
static void enumerated(struct tevent_req *req, struct rights_state *s)
{
	NTSTATUS st = s->en.out.result;
	uint32_t i, n = s->held.num_sids;

	/* nobody holds it: Samba says so with NO_MORE_ENTRIES */
	if (NT_STATUS_EQUAL(st, NT_STATUS_NO_MORE_ENTRIES))
		n = 0;
	else if (!NT_STATUS_IS_OK(st)) {
		rights_close(req, s, rpc_nt(st));
		return;
	}
	if (s->held.sids == NULL)
		n = 0;
	if (!reply_names(&s->op, n)) {
		rights_close(req, s, um_local(UM_LOCAL_NO_MEMORY));
		return;
	}
	for (i = 0; i < n; i++) {
		struct um_name *u = &s->op.reply.names[i];

		u->sid = rpc_sid_string(s->op.reply.names,
					s->held.sids[i].sid);
		u->name = talloc_strdup(s->op.reply.names, u->sid);
		if (u->sid == NULL || u->name == NULL) {
			rights_close(req, s, um_local(UM_LOCAL_NO_MEMORY));
			return;
		}
	}
	s->result = um_ok();
	translate(req, s);
}

/* ---- grant_right, revoke_right ----------------------------------------- */

/* The next account's change, or the close after the last one. */
static void change_next(struct tevent_req *req, struct rights_state *s)
{
	const struct um_args *a = &s->op.args;

	if (s->next >= a->n_accounts) {
		rights_close(req, s, um_ok());
		return;
	}
	TALLOC_FREE(s->sid);
	s->sid = rpc_sid_parse(s, a->accounts[s->next].sid);
	if (s->sid == NULL) {
		rights_close(req, s, um_nt(UM_NT_INVALID_PARAMETER));
		return;
	}
	s->next++;
	s->right_large.string = a->right;
	s->set.count = 1;
	s->set.names = &s->right_large;
	if (s->op.variant == R_GRANT) {
		s->add.in.handle = &s->handle;
		s->add.in.sid = s->sid;
		s->add.in.rights = &s->set;
		call(req, s, R_CHANGED, RPC_LSA_ADDACCOUNTRIGHTS, &s->add,
		     true);
		return;
	}
	s->rem.in.handle = &s->handle;
	s->rem.in.sid = s->sid;
	s->rem.in.remove_all = 0;
	s->rem.in.rights = &s->set;
	call(req, s, R_CHANGED, RPC_LSA_REMOVEACCOUNTRIGHTS, &s->rem, true);
}

static void changed(struct tevent_req *req, struct rights_state *s)
{
	NTSTATUS st = s->op.variant == R_GRANT ? s->add.out.result
					       : s->rem.out.result;

	if (!NT_STATUS_IS_OK(st)) {
		rights_close(req, s, rpc_nt(st));
		return;
	}
	change_next(req, s);
}

/* ---- the steps ---------------------------------------------------------- */

static void opened(struct tevent_req *req, struct rights_state *s)
{
	switch (s->op.variant) {
	case R_NAMES:
		lookup_names(req, s);
		return;
	case R_SIDS:
		lookup_sids(req, s);
		return;
	case R_LIST:
		enumerate(req, s);
		return;
	default:
		change_next(req, s);
		return;
	}
}

static void rights_step(struct tevent_req *req, struct rpc_op *op)
{
	struct rights_state *s = (struct rights_state *)op;

	switch (op->stage) {
	case 0:
		if ((op->variant == R_NAMES || op->variant == R_SIDS) &&
		    op->args.n_names == 0) {
			rpc_op_finish(req, op, reply_names(op, 0) ? um_ok()
				      : um_local(UM_LOCAL_NO_MEMORY));
			return;
		}
		rights_open(req, s);
		return;
	case R_OPENED:
		if (!rpc_op_nterror(req, op, s->open.out.result))
			opened(req, s);
		return;
	case R_LOOKED_UP:
		looked_up(req, s);
		return;
	case R_ONE_LOOKED_UP:
		one_looked_up(req, s);
		return;
	case R_PROBED_DOMAIN:
		probed_domain(req, s);
		return;
	case R_PROBED_SID:
		probed_sid(req, s);
		return;
	case R_TRANSLATED:
		translated(req, s);
		return;
	case R_ENUMERATED:
		enumerated(req, s);
		return;
	case R_CHANGED:
		changed(req, s);
		return;
	case R_CLOSED:
		if (op->variant == R_SIDS && um_is_ok(s->result))
			s->result = sids_mapped(s);
		rpc_op_finish(req, op, s->result);
		return;
	}
}

/* What each kind cannot do without (else USRMGR_USAGE).  An empty
 * lookup answers an empty list without a call. */
static struct um_status rights_prepare(struct rpc_op *op)
{
	const struct um_args *a = &op->args;

	switch (op->variant) {
	case R_NAMES:
		if (a->n_names > 1000 || (a->n_names > 0 && a->names == NULL))
			return um_local(UM_LOCAL_USAGE);
		return um_ok();
	case R_SIDS:
		return a->n_names > 0 && a->sids == NULL
			? um_local(UM_LOCAL_USAGE) : um_ok();
	case R_LIST:
		return a->right != NULL ? um_ok() : um_local(UM_LOCAL_USAGE);
	default:
		return a->right != NULL &&
		       (a->accounts != NULL || a->n_accounts == 0)
			? um_ok() : um_local(UM_LOCAL_USAGE);
	}
}

#define RIGHTS_KIND(variant)                                            \
	RPC_OP_KIND(struct rights_state, rights_step, RPC_NEED_LSA, 0,   \
		    (variant), rights_prepare)

static const struct rpc_op_kind names_kind = RIGHTS_KIND(R_NAMES);
static const struct rpc_op_kind sids_kind = RIGHTS_KIND(R_SIDS);
static const struct rpc_op_kind list_kind = RIGHTS_KIND(R_LIST);
static const struct rpc_op_kind grant_kind = RIGHTS_KIND(R_GRANT);
static const struct rpc_op_kind revoke_kind = RIGHTS_KIND(R_REVOKE);

RPC_OP_SENDER(rpc_lookup_names_send, names_kind)
RPC_OP_SENDER(rpc_lookup_sids_send, sids_kind)
RPC_OP_SENDER(rpc_list_rights_send, list_kind)
RPC_OP_SENDER(rpc_grant_right_send, grant_kind)
RPC_OP_SENDER(rpc_revoke_right_send, revoke_kind)
