/*
 * usrmgr - the RPC backend's NT4 dialect (a PDC whose LSA policy has no
 * DNS domain: NT 4.0, or Samba as a classic PDC).
 *
 * How an NT4 trust is stored (FACTS 1 and 4): on the accounts PDC, a SAM
 * user PARTNER$ with the interdomain-trust flag (its Trusting Domains); on
 * the resource PDC, a trusted domain with its password and SID (its
 * Trusted Domains, LSA EnumTrustDom).  So, against a Samba classic PDC:
 *
 *   list             LSA EnumTrustDom (outbound) + SAMR EnumDomainUsers
 *                    (ACB_DOMTRUST, inbound)
 *   add trusting     SAMR CreateUser2(PARTNER$, ACB_DOMTRUST), the password
 *                    (level 24, RC4 with the session key), the flags
 *   remove trusting  SAMR LookupNames + OpenUser + DeleteUser (only an
 *                    interdomain trust account)
 *   remove trusted   LSA OpenTrustedDomain(sid) + DeleteObject
 *   add trusted      not possible over RPC (Samba implements none of the
 *                    LSA calls that would store it): on the resource PDC
 *                    itself, as root, the helper usrmgr-nt4-trust stores it
 *                    and makes winbindd reload; elsewhere the step answers
 *                    UM_LOCAL_RUN_ON_PDC and says where to run it
 *   verify           NETLOGON TC_VERIFY; where the server cannot answer it
 *                    for us, a probe logon through the resource PDC
 *   reset            NETLOGON REDISCOVER (shared)
 *
 * Real NT 4.0 servers speak only SMB1, which this client refuses: they are
 * out of scope (doc/nt4.md).
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include "rpc_internal.h"
#include "nt4_helper.h"
#include "drsblobs.h"
#include "i18n.h"

/* An account name is at most 20 characters; PARTNER$ fits. */
#define ENUM_MAX_SIZE 0xFFFFu

/* ================= shared pieces ================= */

static bool same_name(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcasecmp(a, b) == 0;
}

/* The smb.conf this process loaded: the one a local step works on. */
static const char *nt4_conf(const struct rpc_op *op)
{
	const char *c = lpcfg_configfile(op->conn->lp);

	return c != NULL ? c : "/etc/samba/smb.conf";
}

/*
 * LSA EnumTrustDom, every page, as a sub-machine of an operation: start
 * with enumdom_start(); when op->stage comes back as the stage given,
 * call enumdom_answer(): 1 = another page asked (return), 0 = complete,
 * -1 = failed (the operation is finished).
 */
struct enumdom {
	int stage;
	uint32_t resume;
	uint32_t out_resume;
	struct lsa_EnumTrustDom r;
	struct lsa_DomainList page;
	char **names;
	char **sids;
	size_t n;
};

static void enumdom_call(struct tevent_req *req, struct rpc_op *op,
			 struct enumdom *e)
{
	memset(&e->r, 0, sizeof(e->r));
	memset(&e->page, 0, sizeof(e->page));
	e->r.in.handle = &op->conn->policy;
	e->r.in.resume_handle = &e->resume;
	e->r.in.max_size = ENUM_MAX_SIZE;
	e->r.out.resume_handle = &e->out_resume;
	e->r.out.domains = &e->page;
	op->stage = e->stage;
	rpc_op_call(req, op, RPC_NEED_LSA,
		    RPC_LSA_ENUMTRUSTDOM, &e->r, false);
}

static void enumdom_start(struct tevent_req *req, struct rpc_op *op,
			  struct enumdom *e, int stage)
{
	e->stage = stage;
	e->resume = 0;
	e->n = 0;
	e->names = talloc_zero_array(op, char *, 1);
	e->sids = talloc_zero_array(op, char *, 1);
	if (e->names == NULL || e->sids == NULL) {
		rpc_op_finish(req, op, um_local(UM_LOCAL_NO_MEMORY));
		return;
	}
	enumdom_call(req, op, e);
}

static int enumdom_answer(struct tevent_req *req, struct rpc_op *op,
			  struct enumdom *e)
{
	NTSTATUS r = e->r.out.result;
	char **names, **sids;

	if (rpc_no_more_entries(r))
		return 0;
	if (!NT_STATUS_IS_OK(r) && !rpc_more_entries(r)) {
		rpc_op_finish(req, op, rpc_nt(r));
		return -1;
	}
	/* (a failed realloc leaves the old arrays to the op) */
	names = talloc_realloc(op, e->names, char *, e->n + e->page.count + 1);
	if (names != NULL)
		e->names = names;
	sids = talloc_realloc(op, e->sids, char *, e->n + e->page.count + 1);
	if (sids != NULL)
		e->sids = sids;
	if (names == NULL || sids == NULL) {
		rpc_op_finish(req, op, um_local(UM_LOCAL_NO_MEMORY));
		return -1;
	}
	for (uint32_t i = 0; i < e->page.count; i++, e->n++) {
		e->names[e->n] = rpc_upper(e->names,
					   e->page.domains[i].name.string,
					   false);
		e->sids[e->n] = rpc_sid_string(e->sids,
					       e->page.domains[i].sid);
		if (e->names[e->n] == NULL) {
			rpc_op_finish(req, op, um_local(UM_LOCAL_NO_MEMORY));
			return -1;
		}
	}
	if (rpc_more_entries(r) && e->page.count > 0) {
		e->resume = e->out_resume;
		enumdom_call(req, op, e);
		return 1;
	}
	return 0;
}

static const char *enumdom_sid(const struct enumdom *e, const char *name)
{
	for (size_t i = 0; i < e->n; i++)
		if (same_name(e->names[i], name))
			return e->sids[i];
	return NULL;
}

static bool enumdom_has(const struct enumdom *e, const char *name)
{
	for (size_t i = 0; i < e->n; i++)
		if (same_name(e->names[i], name))
			return true;
	return false;
}

/* ================= list: both directions ================= */

struct list_state {
	struct rpc_op op;
	struct enumdom e;
	uint32_t resume;
	uint32_t out_resume;
	uint32_t count;
	struct samr_SamArray *sam;
	struct samr_EnumDomainUsers users;
	struct um_trust *t;
	size_t n;
};

enum { LIST_DOMS = 1, LIST_PRIMED, LIST_USERS };

/*
 * Samba's SAMR server keeps one enumeration per domain and account mask,
 * per server process, and does not always forget it when an account is
 * added (measured, 4.17: a trust account just created by SAMR stays
 * missing from EnumDomainUsers(ACB_DOMTRUST) on the same connection).
 * It starts afresh when the mask changes: so ask once with another mask
 * (for one entry), then with ours.
 */
#define LIST_PRIME_MASK (ACB_DOMTRUST | ACB_DISABLED)

static bool list_add(struct list_state *s, const char *name, const char *sid,
		     uint32_t dir)
{
	struct um_trust *grown;

	for (size_t i = 0; i < s->n; i++) {
		if (same_name(s->t[i].name, name)) {
			s->t[i].direction |= dir;
			return true;
		}
	}
	grown = talloc_realloc(&s->op, s->t, struct um_trust, s->n + 2);
	if (grown == NULL)
		return false;
	s->t = grown;
	memset(&grown[s->n], 0, 2 * sizeof(*grown));
	grown[s->n].name = talloc_strdup(grown, name);
	grown[s->n].sid = sid ? talloc_strdup(grown, sid) : NULL;
	grown[s->n].direction = dir;
	grown[s->n].type = UM_TYPE_DOWNLEVEL;
	if (grown[s->n].name == NULL || (sid != NULL && grown[s->n].sid == NULL))
		return false;
	s->n++;
	return true;
}

static void list_users_call(struct tevent_req *req, struct list_state *s,
			    bool prime)
{
	struct rpc_op *op = &s->op;

	memset(&s->users, 0, sizeof(s->users));
	s->sam = NULL;
	s->users.in.domain_handle = &op->conn->samr_domain;
	s->users.in.acct_flags = prime ? LIST_PRIME_MASK : ACB_DOMTRUST;
	s->users.in.max_size = prime ? 1 : ENUM_MAX_SIZE;
	s->users.in.resume_handle = &s->resume;
	s->users.out.resume_handle = &s->out_resume;
	s->users.out.sam = &s->sam;
	s->users.out.num_entries = &s->count;
	op->stage = prime ? LIST_PRIMED : LIST_USERS;
	rpc_op_call(req, op, RPC_NEED_SAMR,
		    NDR_SAMR_ENUMDOMAINUSERS, &s->users, false);
}

static void list_users_answer(struct tevent_req *req, struct list_state *s)
{
	struct rpc_op *op = &s->op;
	NTSTATUS r = s->users.out.result;
	bool more = rpc_more_entries(r);

	if (!NT_STATUS_IS_OK(r) && !more && !rpc_no_more_entries(r)) {
		rpc_op_finish(req, op, rpc_nt(r));
		return;
	}
	for (uint32_t i = 0; s->sam != NULL && i < s->sam->count; i++) {
		char *name = rpc_upper(s, s->sam->entries[i].name.string,
				       true);

		if (name == NULL || !list_add(s, name, NULL, UM_DIR_INBOUND)) {
			rpc_op_finish(req, op, um_local(UM_LOCAL_NO_MEMORY));
			return;
		}
	}
	if (more && s->sam != NULL && s->sam->count > 0) {
		s->resume = s->out_resume;
		list_users_call(req, s, false);
		return;
	}
	if (s->t == NULL)
		s->t = talloc_zero_array(op, struct um_trust, 1);
	op->reply.trusts = s->t;
	op->reply.n_trusts = s->n;
	op->reply.page.more = false;
	rpc_op_finish(req, op, s->t ? um_ok() : um_local(UM_LOCAL_NO_MEMORY));
}

static void list_step(struct tevent_req *req, struct rpc_op *op)
{
	struct list_state *s = (struct list_state *)op;

	switch (op->stage) {
	case 0:
		enumdom_start(req, op, &s->e, LIST_DOMS);
		return;
	case LIST_DOMS:
		if (enumdom_answer(req, op, &s->e) != 0)
			return;
		for (size_t i = 0; i < s->e.n; i++) {
			if (!list_add(s, s->e.names[i], s->e.sids[i],
				      UM_DIR_OUTBOUND)) {
				rpc_op_finish(req, op,
					      um_local(UM_LOCAL_NO_MEMORY));
				return;
			}
		}
		s->resume = 0;
		list_users_call(req, s, true);
		return;
	case LIST_PRIMED:
		/* whatever it answered: only the mask change mattered */
		s->resume = 0;
		list_users_call(req, s, false);
		return;
	case LIST_USERS:
		list_users_answer(req, s);
		return;
	}
}

static const struct rpc_op_kind list_kind =
	RPC_OP_KIND(struct list_state, list_step, RPC_NEED_LSA | RPC_NEED_SAMR,
		    0, 0, NULL);
static RPC_OP_SENDER(nt4_list_trusts_send, list_kind)

/* ================= Add Trusting Domain (accounts PDC) ================= */

struct trusting_state {
	struct rpc_op op;
	struct lsa_String account;
	struct policy_handle user;
	uint32_t granted, rid;
	struct samr_CreateUser2 create;
	union samr_UserInfo info;
	struct samr_SetUserInfo2 setpw;
	struct samr_SetUserInfo setflags;
	struct samr_DeleteUser del;
	struct samr_Close close;
	struct samr_LookupNames lookup;
	struct samr_Ids rids, types;
	struct samr_OpenUser open;
	struct samr_QueryUserInfo query;
	union samr_UserInfo *queried;
	struct um_status result;
};

enum {
	TG_CREATED = 1, TG_PASSWORD_SET, TG_FLAGS_SET, TG_UNDONE, TG_CLOSED,
	TG_LOOKED_UP, TG_OPENED, TG_QUERIED, TG_DELETED,
};

/* MS-SAMR 2.2.6.21: 512 bytes of which the password fills the end, its
 * length in bytes last; RC4 with the session key. */
NTSTATUS rpc_crypt_password(struct rpc_op *op,
			   struct samr_CryptPassword *cp)
{
	DATA_BLOB utf16, blob;
	NTSTATUS st;
	size_t len;

	st = rpc_password_utf16(op, &op->conn->session_key,
				op->args.password, &utf16);
	if (!NT_STATUS_IS_OK(st))
		return st;
	len = utf16.length;
	if (len > 512) {
		st = NT_STATUS_INVALID_PARAMETER;
	} else {
		st = rpc_random(cp->data, 512 - len);
	}
	if (NT_STATUS_IS_OK(st)) {
		memcpy(cp->data + 512 - len, utf16.data, len);
		cp->data[512] = (uint8_t)(len & 0xff);
		cp->data[513] = (uint8_t)((len >> 8) & 0xff);
		cp->data[514] = 0;
		cp->data[515] = 0;
		blob = data_blob_const(cp->data, sizeof(cp->data));
		st = rpc_arcfour(&op->conn->session_key, &blob);
	}
	rpc_wipe_blob(&utf16);
	return st;
}

/* Something after CreateUser2 failed: leave no half-made account. */
static void trusting_undo(struct tevent_req *req, struct trusting_state *s,
			  struct um_status why)
{
	s->result = why;
	s->del.in.user_handle = &s->user;
	s->del.out.user_handle = &s->user;
	rpc_op_next(req, &s->op, TG_UNDONE, RPC_NEED_SAMR,
		    NDR_SAMR_DELETEUSER, &s->del, true);
}

/* Undo when ST failed: true then. */
static bool trusting_undo_if(struct tevent_req *req, struct trusting_state *s,
			     NTSTATUS st)
{
	if (NT_STATUS_IS_OK(st))
		return false;
	trusting_undo(req, s, rpc_nt(st));
	return true;
}

static void trusting_close(struct tevent_req *req, struct trusting_state *s,
			   struct um_status result)
{
	s->result = result;
	s->close.in.handle = &s->user;
	s->close.out.handle = &s->user;
	rpc_op_next(req, &s->op, TG_CLOSED, RPC_NEED_SAMR,
		    NDR_SAMR_CLOSE, &s->close, false);
}

static void add_trusting_step(struct tevent_req *req, struct rpc_op *op)
{
	struct trusting_state *s = (struct trusting_state *)op;
	NTSTATUS r;

	switch (op->stage) {
	case 0:
		s->create.in.domain_handle = &op->conn->samr_domain;
		s->create.in.account_name = &s->account;
		s->create.in.acct_flags = ACB_DOMTRUST;
		s->create.in.access_mask = SEC_FLAG_MAXIMUM_ALLOWED;
		s->create.out.user_handle = &s->user;
		s->create.out.access_granted = &s->granted;
		s->create.out.rid = &s->rid;
		rpc_op_next(req, op, TG_CREATED, RPC_NEED_SAMR,
			    NDR_SAMR_CREATEUSER2, &s->create, true);
		return;
	case TG_CREATED:
		r = s->create.out.result;
		if (NT_STATUS_EQUAL(r, NT_STATUS_USER_EXISTS)) {
			/* as the AD dialect says "add that already exists" */
			rpc_op_finish(req, op,
				      um_nt(UM_NT_OBJECT_NAME_COLLISION));
			return;
		}
		if (rpc_op_nterror(req, op, r))
			return;
		if (trusting_undo_if(req, s, rpc_crypt_password(
				op, &s->info.info24.password)))
			return;
		s->info.info24.password_expired = 0;
		s->setpw.in.user_handle = &s->user;
		s->setpw.in.level = 24;
		s->setpw.in.info = &s->info;
		rpc_op_next(req, op, TG_PASSWORD_SET, RPC_NEED_SAMR,
			    NDR_SAMR_SETUSERINFO2, &s->setpw, true);
		return;
	case TG_PASSWORD_SET:
		memset(&s->info, 0, sizeof(s->info));
		if (trusting_undo_if(req, s, s->setpw.out.result))
			return;
		/* created disabled; an enabled interdomain trust account */
		s->info.info16.acct_flags = ACB_DOMTRUST;
		s->setflags.in.user_handle = &s->user;
		s->setflags.in.level = 16;
		s->setflags.in.info = &s->info;
		rpc_op_next(req, op, TG_FLAGS_SET, RPC_NEED_SAMR,
			    NDR_SAMR_SETUSERINFO, &s->setflags, true);
		return;
	case TG_FLAGS_SET:
		if (trusting_undo_if(req, s, s->setflags.out.result))
			return;
		trusting_close(req, s, um_ok());
		return;
	case TG_UNDONE:
	case TG_CLOSED:
	case TG_DELETED:
		if (op->stage == TG_DELETED)
			s->result = rpc_nt(s->del.out.result);
		rpc_op_finish(req, op, s->result);
		return;
	}
}

/* ================= Remove Trusting Domain (accounts PDC) ================= */

static void remove_trusting_step(struct tevent_req *req, struct rpc_op *op)
{
	struct trusting_state *s = (struct trusting_state *)op;
	NTSTATUS r;

	switch (op->stage) {
	case 0:
		s->lookup.in.domain_handle = &op->conn->samr_domain;
		s->lookup.in.num_names = 1;
		s->lookup.in.names = &s->account;
		s->lookup.out.rids = &s->rids;
		s->lookup.out.types = &s->types;
		rpc_op_next(req, op, TG_LOOKED_UP, RPC_NEED_SAMR,
			    NDR_SAMR_LOOKUPNAMES, &s->lookup, false);
		return;
	case TG_LOOKED_UP:
		r = s->lookup.out.result;
		if (NT_STATUS_EQUAL(r, NT_STATUS_NONE_MAPPED)) {
			rpc_op_finish(req, op,
				      um_nt(UM_NT_OBJECT_NAME_NOT_FOUND));
			return;
		}
		if (!NT_STATUS_IS_OK(r) || s->rids.count != 1) {
			rpc_op_finish(req, op, NT_STATUS_IS_OK(r) ?
				      um_nt(UM_NT_OBJECT_NAME_NOT_FOUND) :
				      rpc_nt(r));
			return;
		}
		s->open.in.domain_handle = &op->conn->samr_domain;
		s->open.in.access_mask = SEC_FLAG_MAXIMUM_ALLOWED;
		s->open.in.rid = s->rids.ids[0];
		s->open.out.user_handle = &s->user;
		rpc_op_next(req, op, TG_OPENED, RPC_NEED_SAMR,
			    NDR_SAMR_OPENUSER, &s->open, false);
		return;
	case TG_OPENED:
		if (rpc_op_nterror(req, op, s->open.out.result))
			return;
		s->query.in.user_handle = &s->user;
		s->query.in.level = 16;
		s->query.out.info = &s->queried;
		rpc_op_next(req, op, TG_QUERIED, RPC_NEED_SAMR,
			    NDR_SAMR_QUERYUSERINFO, &s->query, false);
		return;
	case TG_QUERIED:
		r = s->query.out.result;
		if (!NT_STATUS_IS_OK(r) || s->queried == NULL ||
		    !(s->queried->info16.acct_flags & ACB_DOMTRUST)) {
			/* an ordinary account called PARTNER$ is not ours
			 * to delete */
			trusting_close(req, s, NT_STATUS_IS_OK(r) ?
				       um_nt(UM_NT_OBJECT_NAME_NOT_FOUND) :
				       rpc_nt(r));
			return;
		}
		s->del.in.user_handle = &s->user;
		s->del.out.user_handle = &s->user;
		rpc_op_next(req, op, TG_DELETED, RPC_NEED_SAMR,
			    NDR_SAMR_DELETEUSER, &s->del, true);
		return;
	case TG_DELETED:
		if (!NT_STATUS_IS_OK(s->del.out.result)) {
			trusting_close(req, s, rpc_nt(s->del.out.result));
			return;
		}
		rpc_op_finish(req, op, um_ok());
		return;
	case TG_CLOSED:
		rpc_op_finish(req, op, s->result);
		return;
	}
}

/* The interdomain trust account: PARTNER$. */
static struct um_status trusting_prepare(struct rpc_op *op)
{
	struct trusting_state *s = (struct trusting_state *)op;

	s->account.string = talloc_asprintf(s, "%s$", op->args.partner);
	return s->account.string != NULL ? um_ok() :
		um_local(UM_LOCAL_NO_MEMORY);
}

static const struct rpc_op_kind add_trusting_kind =
	RPC_OP_KIND(struct trusting_state, add_trusting_step,
		    RPC_NEED_LSA | RPC_NEED_SAMR,
		    RPC_ARG_PARTNER | RPC_ARG_PASSWORD, 0, trusting_prepare);
static const struct rpc_op_kind remove_trusting_kind =
	RPC_OP_KIND(struct trusting_state, remove_trusting_step,
		    RPC_NEED_LSA | RPC_NEED_SAMR, RPC_ARG_PARTNER, 0,
		    trusting_prepare);
static RPC_OP_SENDER(nt4_add_trusting_send, add_trusting_kind)
static RPC_OP_SENDER(nt4_remove_trusting_send, remove_trusting_kind)

/* ================= the local step (resource PDC) ================= */

/*
 * Does this process run on the PDC it is connected to, able to change its
 * secrets?  All of: root; the PDC's name (as we reach it) is one of this
 * machine's addresses; and the smb.conf we loaded (-s, or the default)
 * describes a classic PDC of the same domain, by name and SID.  Anything
 * less is not proof, and the step is then left to be run on the PDC.
 */
static const char *local_refusal(struct rpc_op *op)
{
	if (geteuid() != 0)
		return _("usrmgr does not run as root");
	if (!nt4_host_is_local(op->conn->host))
		return _("usrmgr does not run on that domain controller");
	return NULL;
}

static const char *identity_refusal(struct rpc_op *op, const char *out)
{
	char *role = nt4_helper_value(op, out, "role");
	char *wg = nt4_helper_value(op, out, "workgroup");
	char *sid = nt4_helper_value(op, out, "sid");

	if (role == NULL || (strcmp(role, "classic primary domain controller")
			     != 0 && strcmp(role, "ROLE_DOMAIN_PDC") != 0))
		return _("its smb.conf does not describe a classic primary "
			 "domain controller");
	if (!same_name(wg, op->conn->info.name) || sid == NULL ||
	    op->conn->info.sid == NULL ||
	    strcasecmp(sid, op->conn->info.sid) != 0)
		return _("its smb.conf describes another domain");
	return NULL;
}

static void note_run_on_pdc(struct rpc_op *op, const char *why)
{
	char *text = talloc_asprintf(op,
		_("A Samba classic domain controller cannot add a trusted "
		  "domain over the network; this step must be run on %s "
		  "itself, as root, with its smb.conf (-s) (here: %s).  There: "
		  "usrmgr -s SMB.CONF trust repair --resume (or trust "
		  "add-trusted %s)."),
		op->pdc->name, why, op->args.partner);

	rpc_op_note(op, text ? text : why);
	talloc_free(text);
}

static void note_helper(struct rpc_op *op, const char *what, const char *err)
{
	char *text = talloc_asprintf(op, "%s: %s", what,
				     err && err[0] ? err : _("it failed"));
	size_t n = text ? strlen(text) : 0;

	while (n > 0 && text[n - 1] == '\n')
		text[--n] = '\0';
	rpc_op_note(op, text ? text : what);
	talloc_free(text);
}

/* The helper's answer as a status: the step's own postcondition (stored,
 * read back, winbindd told) is checked by the helper. */
static struct um_status helper_status(struct rpc_op *op, int rc,
				      const char *err)
{
	switch (rc) {
	case NT4_HELPER_OK:
		return um_ok();
	case NT4_HELPER_NO_WINBINDD:
		note_helper(op, _("The trust is stored, but winbindd on this "
				  "domain controller did not answer; start "
				  "it"), err);
		return um_werr(UM_WERR_NO_LOGON_SERVERS);
	case NT4_HELPER_NOT_RUN:
		note_helper(op, nt4_helper_path(), _("could not be run"));
		return um_local(UM_LOCAL_NOT_SUPPORTED);
	default:
		note_helper(op, "usrmgr-nt4-trust", err);
		return um_local(UM_LOCAL_IO);
	}
}

/* op->variant: add or remove */
enum { TRUSTED_REMOVE, TRUSTED_ADD };

struct trusted_state {
	struct rpc_op op;
	struct enumdom e;
	struct tevent_req *helper;
	struct lsa_OpenTrustedDomain open;
	struct lsa_DeleteObject del;
	struct policy_handle tdo;
	struct dom_sid *sid;
	struct um_status result;
};

enum {
	TD_IDENTITY = 1, TD_LISTED, TD_STORED, TD_FOUND, TD_OPENED,
	TD_DELETED, TD_RELOADED,
};

static void trusted_helper_done(struct tevent_req *sub);

static void trusted_helper(struct tevent_req *req, struct trusted_state *s,
			   const char *const *args,
			   const struct um_secret *input, int stage)
{
	s->op.stage = stage;
	s->helper = nt4_helper_send(s, s->op.ev, args, input);
	if (s->helper == NULL) {
		rpc_op_finish(req, &s->op, um_local(UM_LOCAL_NO_MEMORY));
		return;
	}
	tevent_req_set_callback(s->helper, trusted_helper_done, req);
}

static void add_trusted_identity(struct tevent_req *req,
				 struct trusted_state *s)
{
	const char *args[] = { "identity", nt4_conf(&s->op), NULL };
	const char *why = local_refusal(&s->op);

	if (why != NULL) {
		note_run_on_pdc(&s->op, why);
		rpc_op_finish(req, &s->op, um_local(UM_LOCAL_RUN_ON_PDC));
		return;
	}
	trusted_helper(req, s, args, NULL, TD_IDENTITY);
}

static void add_trusted_store(struct tevent_req *req, struct trusted_state *s)
{
	struct rpc_op *op = &s->op;
	const char *args[] = { "set", nt4_conf(op), op->args.partner,
			       op->args.partner_sid, NULL };

	if (enumdom_has(&s->e, op->args.partner)) {
		rpc_op_finish(req, op, um_nt(UM_NT_OBJECT_NAME_COLLISION));
		return;
	}
	trusted_helper(req, s, args, op->args.password, TD_STORED);
}

static void trusted_helper_done(struct tevent_req *sub)
{
	struct tevent_req *req = tevent_req_callback_data(sub,
							  struct tevent_req);
	struct trusted_state *s = (struct trusted_state *)rpc_op_of(req);
	struct rpc_op *op = &s->op;
	char *out = NULL, *err = NULL;
	const char *why;
	int rc = nt4_helper_recv(sub, op, &out, &err);

	s->helper = NULL;
	TALLOC_FREE(sub);
	switch (op->stage) {
	case TD_IDENTITY:
		if (rc == NT4_HELPER_NOT_RUN) {
			rpc_op_finish(req, op, helper_status(op, rc, err));
			return;
		}
		why = rc == 0 ? identity_refusal(op, out) :
			_("its smb.conf could not be read");
		if (why != NULL) {
			note_run_on_pdc(op, why);
			rpc_op_finish(req, op, um_local(UM_LOCAL_RUN_ON_PDC));
			return;
		}
		enumdom_start(req, op, &s->e, TD_LISTED);
		return;
	case TD_STORED:
		rpc_op_finish(req, op, helper_status(op, rc, err));
		return;
	case TD_RELOADED:
		/* best effort: the object is gone either way */
		rpc_op_finish(req, op, s->result);
		return;
	}
}

static void remove_trusted_found(struct tevent_req *req,
				 struct trusted_state *s)
{
	struct rpc_op *op = &s->op;
	const char *sid = enumdom_sid(&s->e, op->args.partner);

	if (sid == NULL) {
		rpc_op_finish(req, op, um_nt(UM_NT_OBJECT_NAME_NOT_FOUND));
		return;
	}
	s->sid = rpc_sid_parse(s, sid);
	if (s->sid == NULL) {
		rpc_op_finish(req, op, um_nt(UM_NT_INVALID_PARAMETER));
		return;
	}
	s->open.in.handle = &op->conn->policy;
	s->open.in.sid = s->sid;
	s->open.in.access_mask = SEC_STD_DELETE;
	s->open.out.trustdom_handle = &s->tdo;
	rpc_op_next(req, op, TD_OPENED, RPC_NEED_LSA,
		    RPC_LSA_OPENTRUSTEDDOMAIN, &s->open, false);
}

/* Removed over RPC: when we are on that PDC as root, its winbindd is told
 * too (it keeps a domain it read at start until then). */
static void remove_trusted_deleted(struct tevent_req *req,
				   struct trusted_state *s)
{
	const char *args[] = { "reload", nt4_conf(&s->op), NULL };

	s->result = rpc_nt(s->del.out.result);
	if (!um_is_ok(s->result) || local_refusal(&s->op) != NULL) {
		rpc_op_finish(req, &s->op, s->result);
		return;
	}
	trusted_helper(req, s, args, NULL, TD_RELOADED);
}

static void trusted_step(struct tevent_req *req, struct rpc_op *op)
{
	struct trusted_state *s = (struct trusted_state *)op;

	switch (op->stage) {
	case 0:
		if (op->variant == TRUSTED_ADD)
			add_trusted_identity(req, s);
		else
			enumdom_start(req, op, &s->e, TD_FOUND);
		return;
	case TD_LISTED:
		if (enumdom_answer(req, op, &s->e) == 0)
			add_trusted_store(req, s);
		return;
	case TD_FOUND:
		if (enumdom_answer(req, op, &s->e) == 0)
			remove_trusted_found(req, s);
		return;
	case TD_OPENED:
		if (rpc_op_nterror(req, op, s->open.out.result))
			return;
		s->del.in.handle = &s->tdo;
		s->del.out.handle = &s->tdo;
		rpc_op_next(req, op, TD_DELETED, RPC_NEED_LSA,
			    RPC_LSA_DELETEOBJECT, &s->del, true);
		return;
	case TD_DELETED:
		remove_trusted_deleted(req, s);
		return;
	}
}

/* No SID: the model found no PDC of the partner to ask. */
static struct um_status add_trusted_prepare(struct rpc_op *op)
{
	return op->args.partner_sid != NULL ? um_ok() :
		um_local(UM_LOCAL_UNKNOWN_PDC);
}

static const struct rpc_op_kind add_trusted_kind =
	RPC_OP_KIND(struct trusted_state, trusted_step, RPC_NEED_LSA,
		    RPC_ARG_PARTNER | RPC_ARG_PASSWORD, TRUSTED_ADD,
		    add_trusted_prepare);
static const struct rpc_op_kind remove_trusted_kind =
	RPC_OP_KIND(struct trusted_state, trusted_step, RPC_NEED_LSA,
		    RPC_ARG_PARTNER, TRUSTED_REMOVE, NULL);
static RPC_OP_SENDER(nt4_add_trusted_send, add_trusted_kind)
static RPC_OP_SENDER(nt4_remove_trusted_send, remove_trusted_kind)

/* ================= verify (resource PDC) ================= */

/*
 * NETLOGON TC_VERIFY first.  A Samba classic PDC answers it by asking its
 * winbindd on the privileged pipe, which works only for a caller the
 * server runs as root: for another admin it answers WERR_NOT_SUPPORTED
 * (measured, 4.17).  Then a probe logon through the resource PDC: a user
 * of the partner domain that does not exist, with a random password.  The
 * resource PDC passes it on over the secure channel: the partner's
 * verdict (LOGON_FAILURE, NO_SUCH_USER) proves the channel works; a
 * broken channel answers ACCESS_DENIED, NO_TRUST_SAM_ACCOUNT,
 * NO_LOGON_SERVERS or TRUSTED_DOMAIN_FAILURE.  Since a PDC that does not
 * trust the partner at all would also say LOGON_FAILURE, the probe counts
 * only when the partner is in its Trusted Domains.
 */
#define PROBE_USER "usrmgr-trust-probe"

/* A resource PDC whose winbindd has just started (or just reloaded its
 * trusted domains) may not have found the partner's DC yet: it answers
 * NO_LOGON_SERVERS for a moment (measured, 4.17).  One more probe, after
 * this long, tells that from a PDC that cannot reach the partner. */
#define PROBE_RETRY_SECONDS 2

struct verify_state {
	struct rpc_op op;
	bool probe_retried;
	struct enumdom e;
	struct rpc_control c;
	struct tevent_req *probe;
};

enum { VF_CONTROLLED = 1, VF_LISTED, VF_PROBED };

static void verify_probe_done(struct tevent_req *sub);
static void verify_probe_again(struct tevent_req *sub);

static void verify_probe(struct tevent_req *req, struct verify_state *s)
{
	struct rpc_op *op = &s->op;
	struct um_secret *pw;

	if (!enumdom_has(&s->e, op->args.partner)) {
		rpc_op_finish(req, op, rpc_werr(WERR_NO_SUCH_DOMAIN));
		return;
	}
	pw = um_secret_random(s, 24);
	op->stage = VF_PROBED;
	s->probe = pw == NULL ? NULL :
		rpc_logon_send(s, op, op->args.partner, PROBE_USER,
			       um_secret_reveal(pw));
	if (s->probe == NULL) {
		rpc_op_finish(req, op, um_local(UM_LOCAL_NO_MEMORY));
		return;
	}
	tevent_req_set_callback(s->probe, verify_probe_done, req);
}

/* The partner's own verdict on a user it does not have: the channel works. */
static bool probe_reached_partner(NTSTATUS st)
{
	return NT_STATUS_EQUAL(st, NT_STATUS_LOGON_FAILURE) ||
	       NT_STATUS_EQUAL(st, NT_STATUS_NO_SUCH_USER) ||
	       NT_STATUS_EQUAL(st, NT_STATUS_WRONG_PASSWORD);
}

static void verify_probe_done(struct tevent_req *sub)
{
	struct tevent_req *req = tevent_req_callback_data(sub,
							  struct tevent_req);
	struct verify_state *s = (struct verify_state *)rpc_op_of(req);
	NTSTATUS st = rpc_logon_recv(sub);

	s->probe = NULL;
	TALLOC_FREE(sub);
	if (NT_STATUS_EQUAL(st, NT_STATUS_NO_LOGON_SERVERS) &&
	    !s->probe_retried) {
		s->probe_retried = true;
		sub = tevent_wakeup_send(s, s->op.ev, tevent_timeval_current_ofs(
						 PROBE_RETRY_SECONDS, 0));
		if (sub != NULL) {
			tevent_req_set_callback(sub, verify_probe_again, req);
			return;
		}
	}
	s->op.reply.detail = rpc_nt(st);
	if (probe_reached_partner(st))
		rpc_op_finish(req, &s->op, um_ok());
	else if (NT_STATUS_IS_OK(st))
		/* a guest logon proves nothing */
		rpc_op_finish(req, &s->op, um_local(UM_LOCAL_NOT_SUPPORTED));
	else
		rpc_op_finish(req, &s->op, rpc_nt(st));
}

static void verify_probe_again(struct tevent_req *sub)
{
	struct tevent_req *req = tevent_req_callback_data(sub,
							  struct tevent_req);
	struct verify_state *s = (struct verify_state *)rpc_op_of(req);

	tevent_wakeup_recv(sub);
	TALLOC_FREE(sub);
	verify_probe(req, s);
}

static void verify_step(struct tevent_req *req, struct rpc_op *op)
{
	struct verify_state *s = (struct verify_state *)op;
	WERROR w;

	switch (op->stage) {
	case 0:
		op->stage = VF_CONTROLLED;
		rpc_control_call(req, op, &s->c, NETLOGON_CONTROL_TC_VERIFY,
				 op->args.partner);
		return;
	case VF_CONTROLLED:
		w = s->c.r.out.result;
		if (W_ERROR_EQUAL(w, WERR_NOT_SUPPORTED) ||
		    W_ERROR_EQUAL(w, WERR_ACCESS_DENIED))
			/* not for us to ask: the probe instead */
			enumdom_start(req, op, &s->e, VF_LISTED);
		else
			rpc_control_answer(req, op, &s->c);
		return;
	case VF_LISTED:
		if (enumdom_answer(req, op, &s->e) == 0)
			verify_probe(req, s);
		return;
	}
}

static const struct rpc_op_kind verify_kind =
	RPC_OP_KIND(struct verify_state, verify_step,
		    RPC_NEED_LSA | RPC_NEED_NETLOGON, RPC_ARG_PARTNER, 0, NULL);
static RPC_OP_SENDER(nt4_verify_send, verify_kind)

/* ================= locate_dc: NETLOGON GetDcName ================= */

struct locate_state {
	struct rpc_op op;
	struct netr_GetDcName r;
	const char *dcname;
};

static void locate_step(struct tevent_req *req, struct rpc_op *op)
{
	struct locate_state *s = (struct locate_state *)op;

	if (op->stage == 0) {
		s->r.in.logon_server = op->conn->unc;
		s->r.in.domainname = op->args.partner;
		s->r.out.dcname = &s->dcname;
		rpc_op_next(req, op, 1, RPC_NEED_NETLOGON,
			    RPC_NETR_GETDCNAME, &s->r, false);
		return;
	}
	rpc_locate_answer(req, op, s->r.out.result, s->dcname);
}

static const struct rpc_op_kind locate_kind =
	RPC_OP_KIND(struct locate_state, locate_step,
		    RPC_NEED_LSA | RPC_NEED_NETLOGON, RPC_ARG_PARTNER, 0, NULL);
static RPC_OP_SENDER(nt4_locate_dc_send, locate_kind)

/* Each direction is its own object (a SAM trust account, a trusted
 * domain in secrets): one never touches the other. */
static uint32_t nt4_caps(struct um_pdc *pdc)
{
	(void)pdc;
	return UM_CAP_ALL;
}

const struct um_backend_ops rpc_ops_nt4 = {
	.name = "rpc-nt4",
	.list_trusts = nt4_list_trusts_send,
	.add_trusting = nt4_add_trusting_send,
	.remove_trusting = nt4_remove_trusting_send,
	.add_trusted = nt4_add_trusted_send,
	.remove_trusted = nt4_remove_trusted_send,
	.verify = nt4_verify_send,
	.locate_dc = nt4_locate_dc_send,
	.caps = nt4_caps,
	RPC_SHARED_OPS,
};
