/*
 * usrmgr - the RPC backend: real PDCs over DCE/RPC with Samba's public
 * client libraries.  This file has the attach function, the operations
 * every dialect shares, and the AD dialect's trust operations (LSA
 * CreateTrustedDomainEx2 and friends, as FACTS 3 measured them on a Samba
 * AD DC).  The NT4 dialect's table is in backend_rpc_nt4.c.
 *
 * Directions: RESOURCE trusts ACCOUNTS.  Add Trusting Domain runs on the
 * accounts PDC and makes an INBOUND trusted-domain object (which also
 * creates the RESOURCE$ trust account); Add Trusted Domain runs on the
 * resource PDC and makes an OUTBOUND one.  Both carry the same password.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "rpc_internal.h"
#include "drsblobs.h"
#include "i18n.h"
#include "test_hooks.h"

/* MS-LSAD's multiplier: Samba answers 1 + max_size / 82 entries of
 * EnumTrustedDomainsEx, and 1 + max_size / 60 of EnumTrustDom. */
#define ENUM_EX_MULTIPLIER 82u
#define ENUM_MULTIPLIER    60u
#define DEFAULT_PAGE       512u

#define STATUS_MORE_ENTRIES_V   0x00000105u
#define STATUS_NO_MORE_ENTRIES_V 0x8000001Au

/* What samba-tool domain trust create --type=external sets: an uplevel
 * (or, without a DNS name, downlevel) trust, quarantined (SID filtering),
 * not forest-transitive, with RC4 declared as the supported Kerberos
 * encryption type (CVE-2022-37966). */
#define EXTERNAL_TRUST_ATTRIBUTES LSA_TRUST_ATTRIBUTE_QUARANTINED_DOMAIN
#define EXTERNAL_TRUST_ENCTYPES   0x00000004u /* KERB_ENCTYPE_RC4_HMAC_MD5 */

static uint32_t page_size(const struct rpc_op *op)
{
	if (op->args.max != 0)
		return op->args.max;
	if (op->conn->opt != NULL && op->conn->opt->page_size != 0)
		return op->conn->opt->page_size;
	return DEFAULT_PAGE;
}

static bool more_entries(NTSTATUS st)
{
	return NT_STATUS_V(st) == STATUS_MORE_ENTRIES_V;
}

static bool no_more_entries(NTSTATUS st)
{
	return NT_STATUS_V(st) == STATUS_NO_MORE_ENTRIES_V;
}

static char *upper_dup(TALLOC_CTX *mem, const char *s)
{
	char *u = talloc_strdup(mem, s ? s : "");

	for (char *p = u; p && *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return u;
}

/* ================= domain_info ================= */

struct info_state {
	struct rpc_op op;
};

static void info_step(struct tevent_req *req, struct rpc_op *op)
{
	const struct um_domain_info *i = &op->conn->info;

	op->reply.info = *i;
	op->reply.info.name = talloc_strdup(op, i->name);
	op->reply.info.dns_name = talloc_strdup(op, i->dns_name);
	op->reply.info.sid = talloc_strdup(op, i->sid);
	op->reply.info.pdc = talloc_strdup(op, i->pdc);
	rpc_op_finish(req, op, um_ok());
}

struct tevent_req *rpc_domain_info_send(TALLOC_CTX *mem,
					struct tevent_context *ev,
					struct um_pdc *pdc,
					const struct um_args *args)
{
	struct info_state *s;
	struct tevent_req *req = RPC_OP_CREATE(mem, ev, pdc, args,
					       struct info_state, s,
					       info_step, RPC_NEED_LSA);

	if (req == NULL)
		return NULL;
	s->op.generic = true;
	return rpc_op_start(req, &s->op);
}

/* ================= list_trusts ================= */

struct list_state {
	struct rpc_op op;
	uint32_t resume;
	struct lsa_EnumTrustedDomainsEx ex;
	struct lsa_DomainListEx list_ex;
	struct lsa_EnumTrustDom nt4;
	struct lsa_DomainList list;
};

static void list_keep(struct rpc_op *op, size_t n, uint32_t in_resume,
		      uint32_t out_resume, NTSTATUS result)
{
	uint32_t max = page_size(op);
	bool trimmed = n > max;

	op->reply.n_trusts = trimmed ? max : n;
	op->reply.page.more = trimmed || more_entries(result);
	/* the resume handle is an index on Samba and Windows alike */
	op->reply.page.resume = trimmed ? in_resume + max : out_resume;
}

static void list_from_ex(struct rpc_op *op, struct list_state *s)
{
	struct lsa_DomainListEx *l = &s->list_ex;
	struct um_trust *t;

	list_keep(op, l->count, s->resume, *s->ex.out.resume_handle,
		  s->ex.out.result);
	t = talloc_zero_array(op, struct um_trust, op->reply.n_trusts + 1);
	op->reply.trusts = t;
	for (size_t i = 0; t != NULL && i < op->reply.n_trusts; i++) {
		struct lsa_TrustDomainInfoInfoEx *d = &l->domains[i];

		t[i].name = upper_dup(t, d->netbios_name.string);
		if (d->domain_name.string != NULL &&
		    d->trust_type == LSA_TRUST_TYPE_UPLEVEL)
			t[i].dns_name = talloc_strdup(t, d->domain_name.string);
		t[i].sid = rpc_sid_string(t, d->sid);
		t[i].direction = d->trust_direction;
		t[i].type = d->trust_type;
		t[i].attributes = d->trust_attributes;
	}
}

/* NT4 servers have only EnumTrustDom: their trusted (outbound) list. */
static void list_from_nt4(struct rpc_op *op, struct list_state *s)
{
	struct lsa_DomainList *l = &s->list;
	struct um_trust *t;

	list_keep(op, l->count, s->resume, *s->nt4.out.resume_handle,
		  s->nt4.out.result);
	t = talloc_zero_array(op, struct um_trust, op->reply.n_trusts + 1);
	op->reply.trusts = t;
	for (size_t i = 0; t != NULL && i < op->reply.n_trusts; i++) {
		t[i].name = upper_dup(t, l->domains[i].name.string);
		t[i].sid = rpc_sid_string(t, l->domains[i].sid);
		t[i].direction = UM_DIR_OUTBOUND;
		t[i].type = UM_TYPE_DOWNLEVEL;
	}
}

static void list_step(struct tevent_req *req, struct rpc_op *op)
{
	struct list_state *s = (struct list_state *)op;
	bool ad = op->conn->info.dialect == UM_DIALECT_AD;
	uint32_t max = page_size(op);
	NTSTATUS r;

	switch (op->stage) {
	case 0:
		s->resume = op->args.resume;
		op->stage = 1;
		if (ad) {
			s->ex.in.handle = &op->conn->policy;
			s->ex.in.resume_handle = &s->resume;
			s->ex.in.max_size = (max - 1) * ENUM_EX_MULTIPLIER;
			s->ex.out.resume_handle = talloc_zero(op, uint32_t);
			s->ex.out.domains = &s->list_ex;
			rpc_op_call(req, op, op->conn->lsa, &ndr_table_lsarpc,
				    RPC_LSA_ENUMTRUSTEDDOMAINSEX, &s->ex, false);
		} else {
			s->nt4.in.handle = &op->conn->policy;
			s->nt4.in.resume_handle = &s->resume;
			s->nt4.in.max_size = (max - 1) * ENUM_MULTIPLIER;
			s->nt4.out.resume_handle = talloc_zero(op, uint32_t);
			s->nt4.out.domains = &s->list;
			rpc_op_call(req, op, op->conn->lsa, &ndr_table_lsarpc,
				    RPC_LSA_ENUMTRUSTDOM, &s->nt4, false);
		}
		return;
	case 1:
		r = ad ? s->ex.out.result : s->nt4.out.result;
		if (no_more_entries(r)) {
			op->reply.trusts = talloc_zero_array(op, struct um_trust, 1);
			rpc_op_finish(req, op, um_ok());
			return;
		}
		if (!NT_STATUS_IS_OK(r) && !more_entries(r)) {
			rpc_op_finish(req, op, rpc_nt(r));
			return;
		}
		if (ad)
			list_from_ex(op, s);
		else
			list_from_nt4(op, s);
		rpc_op_finish(req, op, op->reply.trusts ? um_ok() :
			      um_local(UM_LOCAL_NO_MEMORY));
		return;
	}
}

struct tevent_req *rpc_list_trusts_send(TALLOC_CTX *mem,
					struct tevent_context *ev,
					struct um_pdc *pdc,
					const struct um_args *args)
{
	struct list_state *s;
	struct tevent_req *req = RPC_OP_CREATE(mem, ev, pdc, args,
					       struct list_state, s,
					       list_step, RPC_NEED_LSA);

	if (req == NULL)
		return NULL;
	s->op.generic = true;
	return rpc_op_start(req, &s->op);
}

/* ================= add a direction (AD) ================= */

enum add_stage {
	ADD_QUERY,
	ADD_QUERIED,
	ADD_CREATED,
	ADD_ENCTYPES_SET,
	ADD_CLOSED,
};

struct add_state {
	struct rpc_op op;
	uint32_t dir;
	struct dom_sid *sid;
	struct lsa_String name;
	union lsa_TrustedDomainInfo *existing;
	struct lsa_QueryTrustedDomainInfoByName query;
	struct lsa_TrustDomainInfoInfoEx info;
	struct lsa_TrustDomainInfoAuthInfoInternal auth;
	struct lsa_CreateTrustedDomainEx2 create;
	struct lsa_SetInformationTrustedDomain set;
	union lsa_TrustedDomainInfo setinfo;
	struct lsa_Close close;
	struct policy_handle tdo;
	struct um_status result;
};

/* The encrypted auth blob: the password for our direction only. */
static NTSTATUS add_auth_blob(struct add_state *s)
{
	struct rpc_op *op = &s->op;
	uint8_t confounder[DRSBLOBS_CONFOUNDER_LEN];
	DATA_BLOB pw, blob;
	NTTIME now;
	NTSTATUS st;

	if (op->conn->session_key.length == 0)
		return NT_STATUS_NO_USER_SESSION_KEY;
	st = drsblobs_utf16(op, um_secret_reveal(op->args.password), &pw);
	if (!NT_STATUS_IS_OK(st))
		return st;
	unix_to_nt_time(&now, time(NULL));
	st = rpc_random(confounder, sizeof(confounder));
	if (NT_STATUS_IS_OK(st))
		st = drsblobs_trust_passwords(op, confounder,
				s->dir == UM_DIR_OUTBOUND ? &pw : NULL,
				s->dir == UM_DIR_INBOUND ? &pw : NULL,
				now, &blob);
	memset(pw.data, 0, pw.length);
	if (!NT_STATUS_IS_OK(st))
		return st;
	st = rpc_arcfour(&op->conn->session_key, &blob);
	s->auth.auth_blob.size = (uint32_t)blob.length;
	s->auth.auth_blob.data = blob.data;
	return st;
}

static void add_create(struct tevent_req *req, struct add_state *s)
{
	struct rpc_op *op = &s->op;
	const char *dns = op->args.partner_dns;
	NTSTATUS st;

	s->info.netbios_name.string = op->args.partner;
	s->info.domain_name.string = dns && dns[0] ? dns : op->args.partner;
	s->info.sid = s->sid;
	s->info.trust_direction = s->dir;
	s->info.trust_type = dns && dns[0] ? LSA_TRUST_TYPE_UPLEVEL :
					     LSA_TRUST_TYPE_DOWNLEVEL;
	s->info.trust_attributes = EXTERNAL_TRUST_ATTRIBUTES;
	st = add_auth_blob(s);
	if (!NT_STATUS_IS_OK(st)) {
		rpc_op_finish(req, op, rpc_nt(st));
		return;
	}
	s->create.in.policy_handle = &op->conn->policy;
	s->create.in.info = &s->info;
	s->create.in.auth_info_internal = &s->auth;
	s->create.in.access_mask = LSA_TRUSTED_DOMAIN_ALL_ACCESS;
	s->create.out.trustdom_handle = &s->tdo;
	op->stage = ADD_CREATED;
	rpc_op_call(req, op, op->conn->lsa, &ndr_table_lsarpc,
		    RPC_LSA_CREATETRUSTEDDOMAINEX2, &s->create, true);
}

static void add_set_enctypes(struct tevent_req *req, struct add_state *s)
{
	s->setinfo.enc_types.enc_types = EXTERNAL_TRUST_ENCTYPES;
	s->set.in.trustdom_handle = &s->tdo;
	s->set.in.level = LSA_TRUSTED_DOMAIN_SUPPORTED_ENCRYPTION_TYPES;
	s->set.in.info = &s->setinfo;
	s->op.stage = ADD_ENCTYPES_SET;
	rpc_op_call(req, &s->op, s->op.conn->lsa, &ndr_table_lsarpc,
		    RPC_LSA_SETINFORMATIONTRUSTEDDOMAIN, &s->set, true);
}

static void tdo_close(struct tevent_req *req, struct rpc_op *op,
		      struct lsa_Close *c, struct policy_handle *h, int stage)
{
	c->in.handle = h;
	c->out.handle = h;
	op->stage = stage;
	rpc_op_call(req, op, op->conn->lsa, &ndr_table_lsarpc, RPC_LSA_CLOSE,
		    c, false);
}

/*
 * The other direction exists.  MS-LSAD makes this two-way with
 * SetInformationTrustedDomain (FULL_INFO: info_ex with both directions +
 * the new direction's password), but Samba (4.17, and master alike) never
 * stores a password that way: measured, FULL_INFO and FULL_INFO_INTERNAL
 * both answer OK, change the direction and store no password -- leaving a
 * two-way object whose new half cannot work.  Re-creating the object with
 * both passwords needs the other direction's password, which LSA never
 * returns.  So: refuse, change nothing, and say what to do instead.
 */
static void add_refuse_two_way(struct tevent_req *req, struct add_state *s)
{
	struct rpc_op *op = &s->op;
	char *text = talloc_asprintf(op,
		_("%s already has a one-way trust with %s in the other "
		  "direction, and this server cannot add a password to an "
		  "existing trust.  Remove that trust on both domains, then "
		  "add both directions again."),
		op->conn->info.name, op->args.partner);

	um_model_note(op->pdc->model, text ? text : op->args.partner);
	talloc_free(text);
	rpc_op_finish(req, op, um_local(UM_LOCAL_NOT_SUPPORTED));
}

static void add_queried(struct tevent_req *req, struct add_state *s)
{
	struct rpc_op *op = &s->op;
	NTSTATUS r = s->query.out.result;
	uint32_t have;

	if (NT_STATUS_EQUAL(r, NT_STATUS_OBJECT_NAME_NOT_FOUND)) {
		add_create(req, s);
		return;
	}
	if (!NT_STATUS_IS_OK(r)) {
		rpc_op_finish(req, op, rpc_nt(r));
		return;
	}
	have = s->existing->full_info.info_ex.trust_direction;
	if (have & s->dir) {
		/* "add that already exists": nothing changes */
		rpc_op_finish(req, op, um_nt(UM_NT_OBJECT_NAME_COLLISION));
		return;
	}
	add_refuse_two_way(req, s);
}

static void add_step(struct tevent_req *req, struct rpc_op *op)
{
	struct add_state *s = (struct add_state *)op;
	NTSTATUS r;

	switch ((enum add_stage)op->stage) {
	case ADD_QUERY:
		if (!op->conn->trust_admin) {
			rpc_op_finish(req, op, um_nt(UM_NT_ACCESS_DENIED));
			return;
		}
		s->name.string = op->args.partner;
		s->query.in.handle = &op->conn->policy;
		s->query.in.trusted_domain = &s->name;
		s->query.in.level = LSA_TRUSTED_DOMAIN_INFO_FULL_INFO;
		s->query.out.info = &s->existing;
		op->stage = ADD_QUERIED;
		rpc_op_call(req, op, op->conn->lsa, &ndr_table_lsarpc,
			    RPC_LSA_QUERYTRUSTEDDOMAININFOBYNAME, &s->query,
			    false);
		return;
	case ADD_QUERIED:
		add_queried(req, s);
		return;
	case ADD_CREATED:
		r = s->create.out.result;
		if (!NT_STATUS_IS_OK(r)) {
			rpc_op_finish(req, op, rpc_nt(r));
			return;
		}
		add_set_enctypes(req, s);
		return;
	case ADD_ENCTYPES_SET:
		s->result = rpc_nt(s->set.out.result);
		tdo_close(req, op, &s->close, &s->tdo, ADD_CLOSED);
		return;
	case ADD_CLOSED:
		rpc_op_finish(req, op, s->result);
		return;
	}
}

static struct tevent_req *add_send(TALLOC_CTX *mem, struct tevent_context *ev,
				   struct um_pdc *pdc,
				   const struct um_args *args, uint32_t dir)
{
	struct add_state *s;
	struct tevent_req *req = RPC_OP_CREATE(mem, ev, pdc, args,
					       struct add_state, s, add_step,
					       RPC_NEED_LSA);

	if (req == NULL)
		return NULL;
	s->dir = dir;
	if (s->op.args.partner == NULL || s->op.args.password == NULL) {
		rpc_op_finish(req, &s->op, um_local(UM_LOCAL_USAGE));
		return tevent_req_post(req, ev);
	}
	/* the model looks the partner up on its PDC first (issue 5) */
	s->sid = rpc_sid_parse(s, s->op.args.partner_sid);
	if (s->sid == NULL) {
		rpc_op_finish(req, &s->op, um_nt(UM_NT_NO_SUCH_DOMAIN));
		return tevent_req_post(req, ev);
	}
	return rpc_op_start(req, &s->op);
}

static struct tevent_req *add_trusting_send(TALLOC_CTX *mem,
					    struct tevent_context *ev,
					    struct um_pdc *pdc,
					    const struct um_args *args)
{
	return add_send(mem, ev, pdc, args, UM_DIR_INBOUND);
}

static struct tevent_req *add_trusted_send(TALLOC_CTX *mem,
					   struct tevent_context *ev,
					   struct um_pdc *pdc,
					   const struct um_args *args)
{
	return add_send(mem, ev, pdc, args, UM_DIR_OUTBOUND);
}

/* ================= remove a direction (AD) ================= */

enum remove_stage {
	RM_QUERY,
	RM_QUERIED,
	RM_DELETED,
	RM_OPENED,
	RM_SET,
	RM_CLOSED,
};

struct remove_state {
	struct rpc_op op;
	uint32_t dir;
	struct lsa_String name;
	union lsa_TrustedDomainInfo *existing;
	struct lsa_QueryTrustedDomainInfoByName query;
	struct lsa_DeleteTrustedDomain del;
	struct lsa_OpenTrustedDomainByName open;
	struct lsa_SetInformationTrustedDomain set;
	union lsa_TrustedDomainInfo setinfo;
	struct lsa_Close close;
	struct policy_handle tdo;
	struct um_status result;
};

static void remove_queried(struct tevent_req *req, struct remove_state *s)
{
	struct rpc_op *op = &s->op;
	NTSTATUS r = s->query.out.result;
	struct lsa_TrustDomainInfoInfoEx *ex;

	if (!NT_STATUS_IS_OK(r)) {
		rpc_op_finish(req, op, rpc_nt(r));
		return;
	}
	ex = &s->existing->info_ex;
	if (!(ex->trust_direction & s->dir)) {
		/* not in this list: the same answer as no object at all */
		rpc_op_finish(req, op, um_nt(UM_NT_OBJECT_NAME_NOT_FOUND));
		return;
	}
	if ((ex->trust_direction & ~s->dir) == 0) {
		/* deletes the RESOURCE$ account too, when inbound */
		s->del.in.handle = &op->conn->policy;
		s->del.in.dom_sid = ex->sid;
		op->stage = RM_DELETED;
		rpc_op_call(req, op, op->conn->lsa, &ndr_table_lsarpc,
			    RPC_LSA_DELETETRUSTEDDOMAIN, &s->del, true);
		return;
	}
	/* two-way: keep the other direction */
	s->open.in.handle = &op->conn->policy;
	s->open.in.name = s->name;
	s->open.in.access_mask = LSA_TRUSTED_DOMAIN_ALL_ACCESS;
	s->open.out.trustdom_handle = &s->tdo;
	op->stage = RM_OPENED;
	rpc_op_call(req, op, op->conn->lsa, &ndr_table_lsarpc,
		    RPC_LSA_OPENTRUSTEDDOMAINBYNAME, &s->open, false);
}

static void remove_step(struct tevent_req *req, struct rpc_op *op)
{
	struct remove_state *s = (struct remove_state *)op;
	NTSTATUS r;

	switch ((enum remove_stage)op->stage) {
	case RM_QUERY:
		if (!op->conn->trust_admin) {
			/* Samba would answer INVALID_HANDLE from its delete */
			rpc_op_finish(req, op, um_nt(UM_NT_ACCESS_DENIED));
			return;
		}
		s->name.string = op->args.partner;
		s->query.in.handle = &op->conn->policy;
		s->query.in.trusted_domain = &s->name;
		s->query.in.level = LSA_TRUSTED_DOMAIN_INFO_INFO_EX;
		s->query.out.info = &s->existing;
		op->stage = RM_QUERIED;
		rpc_op_call(req, op, op->conn->lsa, &ndr_table_lsarpc,
			    RPC_LSA_QUERYTRUSTEDDOMAININFOBYNAME, &s->query,
			    false);
		return;
	case RM_QUERIED:
		remove_queried(req, s);
		return;
	case RM_DELETED:
		rpc_op_finish(req, op, rpc_nt(s->del.out.result));
		return;
	case RM_OPENED:
		r = s->open.out.result;
		if (!NT_STATUS_IS_OK(r)) {
			rpc_op_finish(req, op, rpc_nt(r));
			return;
		}
		s->setinfo.info_ex = s->existing->info_ex;
		s->setinfo.info_ex.trust_direction &= ~s->dir;
		s->set.in.trustdom_handle = &s->tdo;
		s->set.in.level = LSA_TRUSTED_DOMAIN_INFO_INFO_EX;
		s->set.in.info = &s->setinfo;
		op->stage = RM_SET;
		rpc_op_call(req, op, op->conn->lsa, &ndr_table_lsarpc,
			    RPC_LSA_SETINFORMATIONTRUSTEDDOMAIN, &s->set, true);
		return;
	case RM_SET:
		s->result = rpc_nt(s->set.out.result);
		tdo_close(req, op, &s->close, &s->tdo, RM_CLOSED);
		return;
	case RM_CLOSED:
		rpc_op_finish(req, op, s->result);
		return;
	}
}

static struct tevent_req *remove_send(TALLOC_CTX *mem,
				      struct tevent_context *ev,
				      struct um_pdc *pdc,
				      const struct um_args *args,
				      uint32_t dir)
{
	struct remove_state *s;
	struct tevent_req *req = RPC_OP_CREATE(mem, ev, pdc, args,
					       struct remove_state, s,
					       remove_step, RPC_NEED_LSA);

	if (req == NULL)
		return NULL;
	s->dir = dir;
	if (s->op.args.partner == NULL) {
		rpc_op_finish(req, &s->op, um_local(UM_LOCAL_USAGE));
		return tevent_req_post(req, ev);
	}
	return rpc_op_start(req, &s->op);
}

static struct tevent_req *remove_trusting_send(TALLOC_CTX *mem,
					       struct tevent_context *ev,
					       struct um_pdc *pdc,
					       const struct um_args *args)
{
	return remove_send(mem, ev, pdc, args, UM_DIR_INBOUND);
}

static struct tevent_req *remove_trusted_send(TALLOC_CTX *mem,
					      struct tevent_context *ev,
					      struct um_pdc *pdc,
					      const struct um_args *args)
{
	return remove_send(mem, ev, pdc, args, UM_DIR_OUTBOUND);
}

/* ================= logons on their own connection ================= */

/*
 * check_trust_account and logon_test log on as someone else than the
 * operator: a short-lived SMB session of their own, whose session-setup
 * status is the answer.  The LSA pipe on top is only there because the
 * public API offers session setup as part of opening a pipe.
 */
struct logon_state {
	struct rpc_op op;
	bool trust_account; /* check_trust_account, else logon_test */
	char *domain;
	char *user;
};

static void logon_done(struct tevent_req *sub);

static void logon_step(struct tevent_req *req, struct rpc_op *op)
{
	struct logon_state *s = (struct logon_state *)op;
	struct cli_credentials *c;
	struct tevent_req *sub;

	if (s->domain == NULL || s->domain[0] == '\0')
		s->domain = talloc_strdup(s, op->conn->info.name);
	c = rpc_creds_user(s, op->conn->lp, s->domain, s->user,
			   um_secret_reveal(op->args.password));
	if (c == NULL) {
		rpc_op_finish(req, op, um_local(UM_LOCAL_NO_MEMORY));
		return;
	}
	op->calls++;
	op->conn->calls++; /* the session setup is the round trip */
	sub = rpc_pipe_open_send(s, op->ev, op->conn->host, &ndr_table_lsarpc,
				 c, op->conn->lp);
	if (sub == NULL) {
		rpc_op_finish(req, op, um_local(UM_LOCAL_NO_MEMORY));
		return;
	}
	tevent_req_set_callback(sub, logon_done, req);
}

static void logon_done(struct tevent_req *sub)
{
	struct tevent_req *req = tevent_req_callback_data(sub,
							  struct tevent_req);
	struct logon_state *s = tevent_req_data(req, struct logon_state);
	struct dcerpc_pipe *p = NULL;
	NTSTATUS st = rpc_connect_status(rpc_pipe_open_recv(sub, s, &p));

	TALLOC_FREE(sub);
	TALLOC_FREE(p); /* closes the session */
	if (!s->trust_account) {
		rpc_op_finish(req, &s->op, rpc_nt(st));
		return;
	}
	/* NT's own test (FACTS 1): this refusal means "the account exists
	 * and the password is right" */
	if (NT_STATUS_V(st) == UM_NT_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT)
		rpc_op_finish(req, &s->op, um_ok());
	else if (NT_STATUS_IS_OK(st))
		/* a logon that works is an ordinary account, not a trust */
		rpc_op_finish(req, &s->op, um_nt(UM_NT_NO_TRUST_SAM_ACCOUNT));
	else
		rpc_op_finish(req, &s->op, rpc_nt(st));
}

static struct tevent_req *logon_send(TALLOC_CTX *mem,
				     struct tevent_context *ev,
				     struct um_pdc *pdc,
				     const struct um_args *args,
				     bool trust_account)
{
	struct logon_state *s;
	struct tevent_req *req = RPC_OP_CREATE(mem, ev, pdc, args,
					       struct logon_state, s,
					       logon_step, RPC_NEED_LSA);

	if (req == NULL)
		return NULL;
	s->op.generic = true;
	s->trust_account = trust_account;
	if (s->op.args.password == NULL ||
	    (trust_account ? s->op.args.partner : s->op.args.user) == NULL) {
		rpc_op_finish(req, &s->op, um_local(UM_LOCAL_USAGE));
		return tevent_req_post(req, ev);
	}
	if (trust_account)
		/* RESOURCE$ in the accounts domain (this PDC's own) */
		s->user = talloc_asprintf(s, "%s$", s->op.args.partner);
	else
		rpc_split_user(s, s->op.args.user, &s->domain, &s->user);
	return rpc_op_start(req, &s->op);
}

struct tevent_req *rpc_check_trust_account_send(TALLOC_CTX *mem,
						struct tevent_context *ev,
						struct um_pdc *pdc,
						const struct um_args *args)
{
	return logon_send(mem, ev, pdc, args, true);
}

struct tevent_req *rpc_logon_test_send(TALLOC_CTX *mem,
				       struct tevent_context *ev,
				       struct um_pdc *pdc,
				       const struct um_args *args)
{
	return logon_send(mem, ev, pdc, args, false);
}

/* ================= NETLOGON: verify, reset ================= */

struct control_state {
	struct rpc_op op;
	uint32_t code;
	struct netr_LogonControl2Ex r;
	union netr_CONTROL_DATA_INFORMATION data;
	union netr_CONTROL_QUERY_INFORMATION query;
};

static void control_answer(struct tevent_req *req, struct control_state *s)
{
	struct rpc_op *op = &s->op;
	struct netr_NETLOGON_INFO_2 *i2 = s->query.info2;
	WERROR trust, channel;

	if (!W_ERROR_IS_OK(s->r.out.result) || i2 == NULL) {
		rpc_op_finish(req, op, rpc_werr(s->r.out.result));
		return;
	}
	channel = i2->tc_connection_status;
	op->reply.detail = rpc_werr(channel);
	/* as samba-tool domain trust validate reads it: TRUST is the
	 * verification (when the server returned one), CONNECTION the
	 * channel to the partner's DC */
	trust = (s->code == NETLOGON_CONTROL_TC_VERIFY &&
		 (i2->flags & NETLOGON_VERIFY_STATUS_RETURNED)) ?
		i2->pdc_connection_status : WERR_OK;
	if (!W_ERROR_IS_OK(trust))
		rpc_op_finish(req, op, rpc_werr(trust));
	else
		rpc_op_finish(req, op, rpc_werr(channel));
}

static void control_step(struct tevent_req *req, struct rpc_op *op)
{
	struct control_state *s = (struct control_state *)op;
	const char *dom = op->args.partner_dns && op->args.partner_dns[0] ?
		op->args.partner_dns : op->args.partner;

	switch (op->stage) {
	case 0:
		s->r.in.logon_server = talloc_asprintf(s, "\\\\%s",
						       op->conn->host);
		s->r.in.function_code = s->code;
		s->r.in.level = 2;
		s->data.domain = dom;
		s->r.in.data = &s->data;
		s->r.out.query = &s->query;
		op->stage = 1;
		/* REDISCOVER changes only a cache: safe to repeat */
		rpc_op_call(req, op, op->conn->netlogon, &ndr_table_netlogon,
			    RPC_NETR_LOGONCONTROL2EX, &s->r, false);
		return;
	case 1:
		control_answer(req, s);
		return;
	}
}

static struct tevent_req *control_send(TALLOC_CTX *mem,
				       struct tevent_context *ev,
				       struct um_pdc *pdc,
				       const struct um_args *args,
				       uint32_t code)
{
	struct control_state *s;
	struct tevent_req *req = RPC_OP_CREATE(mem, ev, pdc, args,
					       struct control_state, s,
					       control_step,
					       RPC_NEED_LSA | RPC_NEED_NETLOGON);

	if (req == NULL)
		return NULL;
	s->op.generic = true;
	s->code = code;
	if (s->op.args.partner == NULL) {
		rpc_op_finish(req, &s->op, um_local(UM_LOCAL_USAGE));
		return tevent_req_post(req, ev);
	}
	return rpc_op_start(req, &s->op);
}

struct tevent_req *rpc_verify_send(TALLOC_CTX *mem, struct tevent_context *ev,
				   struct um_pdc *pdc,
				   const struct um_args *args)
{
	return control_send(mem, ev, pdc, args, NETLOGON_CONTROL_TC_VERIFY);
}

struct tevent_req *rpc_reset_send(TALLOC_CTX *mem, struct tevent_context *ev,
				  struct um_pdc *pdc,
				  const struct um_args *args)
{
	return control_send(mem, ev, pdc, args, NETLOGON_CONTROL_REDISCOVER);
}

/* ================= locate_dc ================= */

struct locate_state {
	struct rpc_op op;
	struct netr_DsRGetDCNameEx2 r;
	struct netr_DsRGetDCNameInfo *info;
};

static void locate_step(struct tevent_req *req, struct rpc_op *op)
{
	struct locate_state *s = (struct locate_state *)op;
	const char *dns = op->args.partner_dns;
	const struct um_model_options *o = op->conn->opt;
	bool by_name = o != NULL && o->require_kerberos;

	switch (op->stage) {
	case 0:
		s->r.in.server_unc = talloc_asprintf(s, "\\\\%s",
						     op->conn->host);
		s->r.in.domain_name = dns && dns[0] ? dns : op->args.partner;
		s->r.in.flags = DS_RETURN_DNS_NAME |
				(dns && dns[0] ? 0 : DS_IS_FLAT_NAME);
		s->r.out.info = &s->info;
		op->stage = 1;
		rpc_op_call(req, op, op->conn->netlogon, &ndr_table_netlogon,
			    RPC_NETR_DSRGETDCNAMEEX2, &s->r, false);
		return;
	case 1:
		if (!W_ERROR_IS_OK(s->r.out.result) || s->info == NULL) {
			rpc_op_finish(req, op, rpc_werr(s->r.out.result));
			return;
		}
		/* Kerberos needs the DC's name; otherwise its address is
		 * what the console reaches without the domains' DNS */
		op->reply.pdc = talloc_strdup(op, rpc_strip_unc(
			by_name || s->info->dc_address == NULL ?
			s->info->dc_unc : s->info->dc_address));
		rpc_op_finish(req, op, um_ok());
		return;
	}
}

struct tevent_req *rpc_locate_dc_send(TALLOC_CTX *mem,
				      struct tevent_context *ev,
				      struct um_pdc *pdc,
				      const struct um_args *args)
{
	struct locate_state *s;
	struct tevent_req *req = RPC_OP_CREATE(mem, ev, pdc, args,
					       struct locate_state, s,
					       locate_step,
					       RPC_NEED_LSA | RPC_NEED_NETLOGON);

	if (req == NULL)
		return NULL;
	s->op.generic = true;
	if (s->op.args.partner == NULL) {
		rpc_op_finish(req, &s->op, um_local(UM_LOCAL_USAGE));
		return tevent_req_post(req, ev);
	}
	return rpc_op_start(req, &s->op);
}

/* ================= SAMR: users and groups ================= */

struct display_state {
	struct rpc_op op;
	uint16_t level; /* 1 users, 3 groups */
	struct samr_QueryDisplayInfo r;
	uint32_t total, returned;
	union samr_DispInfo info;
};

static void display_users(struct rpc_op *op, struct samr_DispInfoGeneral *g)
{
	struct um_user *u = talloc_zero_array(op, struct um_user,
					      g->count + 1);

	op->reply.users = u;
	op->reply.n_users = u ? g->count : 0;
	for (uint32_t i = 0; u != NULL && i < g->count; i++) {
		u[i].name = talloc_strdup(u, g->entries[i].account_name.string);
		u[i].full_name = talloc_strdup(u, g->entries[i].full_name.string);
		u[i].description = talloc_strdup(u,
				g->entries[i].description.string);
	}
}

static void display_groups(struct rpc_op *op,
			   struct samr_DispInfoFullGroups *g)
{
	struct um_group *gr = talloc_zero_array(op, struct um_group,
						g->count + 1);

	op->reply.groups = gr;
	op->reply.n_groups = gr ? g->count : 0;
	for (uint32_t i = 0; gr != NULL && i < g->count; i++) {
		gr[i].name = talloc_strdup(gr,
				g->entries[i].account_name.string);
		gr[i].description = talloc_strdup(gr,
				g->entries[i].description.string);
	}
}

static void display_step(struct tevent_req *req, struct rpc_op *op)
{
	struct display_state *s = (struct display_state *)op;
	NTSTATUS r;
	uint32_t n;

	switch (op->stage) {
	case 0:
		s->r.in.domain_handle = &op->conn->samr_domain;
		s->r.in.level = s->level;
		s->r.in.start_idx = op->args.resume;
		s->r.in.max_entries = page_size(op);
		s->r.in.buf_size = 0x10000;
		s->r.out.total_size = &s->total;
		s->r.out.returned_size = &s->returned;
		s->r.out.info = &s->info;
		op->stage = 1;
		rpc_op_call(req, op, op->conn->samr, &ndr_table_samr,
			    NDR_SAMR_QUERYDISPLAYINFO, &s->r, false);
		return;
	case 1:
		r = s->r.out.result;
		if (!NT_STATUS_IS_OK(r) && !more_entries(r) &&
		    !no_more_entries(r)) {
			rpc_op_finish(req, op, rpc_nt(r));
			return;
		}
		if (s->level == 1)
			display_users(op, &s->info.info1);
		else
			display_groups(op, &s->info.info3);
		n = s->level == 1 ? s->info.info1.count : s->info.info3.count;
		op->reply.page.more = more_entries(r);
		op->reply.page.resume = op->args.resume + n;
		rpc_op_finish(req, op, um_ok());
		return;
	}
}

static struct tevent_req *display_send(TALLOC_CTX *mem,
				       struct tevent_context *ev,
				       struct um_pdc *pdc,
				       const struct um_args *args,
				       uint16_t level)
{
	struct display_state *s;
	struct tevent_req *req = RPC_OP_CREATE(mem, ev, pdc, args,
					       struct display_state, s,
					       display_step,
					       RPC_NEED_LSA | RPC_NEED_SAMR);

	if (req == NULL)
		return NULL;
	s->op.generic = true;
	s->level = level;
	return rpc_op_start(req, &s->op);
}

struct tevent_req *rpc_list_users_send(TALLOC_CTX *mem,
				       struct tevent_context *ev,
				       struct um_pdc *pdc,
				       const struct um_args *args)
{
	return display_send(mem, ev, pdc, args, 1);
}

struct tevent_req *rpc_list_groups_send(TALLOC_CTX *mem,
					struct tevent_context *ev,
					struct um_pdc *pdc,
					const struct um_args *args)
{
	return display_send(mem, ev, pdc, args, 3);
}

/* ================= the table and attach ================= */

const struct um_backend_ops rpc_ops_ad = {
	.name = "rpc-ad",
	.domain_info = rpc_domain_info_send,
	.list_trusts = rpc_list_trusts_send,
	.list_users = rpc_list_users_send,
	.list_groups = rpc_list_groups_send,
	.add_trusting = add_trusting_send,
	.remove_trusting = remove_trusting_send,
	.add_trusted = add_trusted_send,
	.remove_trusted = remove_trusted_send,
	.check_trust_account = rpc_check_trust_account_send,
	.verify = rpc_verify_send,
	.reset = rpc_reset_send,
	.logon_test = rpc_logon_test_send,
	.locate_dc = rpc_locate_dc_send,
	.recv = rpc_op_recv,
};

/* ================= before the dialect is known ================= */

/*
 * The dialect is known after the first connection (ready_set_info then
 * sets pdc->ops).  An operation sent before that -- a verify as the first
 * thing a CLI does -- connects first and then runs as the dialect's own
 * table has it.
 */
struct dispatch_state {
	struct rpc_op op;
	size_t slot; /* offsetof(struct um_backend_ops, the operation) */
	struct tevent_req *sub;
};

static void dispatch_done(struct tevent_req *sub);

static void dispatch_step(struct tevent_req *req, struct rpc_op *op)
{
	struct dispatch_state *s = (struct dispatch_state *)op;
	um_op_send_fn fn = *(const um_op_send_fn *)(const void *)
		((const char *)op->pdc->ops + s->slot);

	if (op->pdc->ops == &rpc_ops_undecided || fn == NULL) {
		rpc_op_finish(req, op, um_local(UM_LOCAL_NOT_SUPPORTED));
		return;
	}
	s->sub = fn(s, op->ev, op->pdc, &op->args);
	if (s->sub == NULL) {
		rpc_op_finish(req, op, um_local(UM_LOCAL_NO_MEMORY));
		return;
	}
	tevent_req_set_callback(s->sub, dispatch_done, req);
}

static void dispatch_done(struct tevent_req *sub)
{
	struct tevent_req *req = tevent_req_callback_data(sub,
							  struct tevent_req);
	struct dispatch_state *s = (struct dispatch_state *)rpc_op_of(req);
	struct um_status st;

	s->sub = NULL;
	st = s->op.pdc->ops->recv(sub, &s->op, &s->op.reply);
	TALLOC_FREE(sub);
	rpc_op_finish(req, &s->op, st);
}

static struct tevent_req *dispatch_send(TALLOC_CTX *mem,
					struct tevent_context *ev,
					struct um_pdc *pdc,
					const struct um_args *args,
					size_t slot)
{
	struct dispatch_state *s;
	struct tevent_req *req = RPC_OP_CREATE(mem, ev, pdc, args,
					       struct dispatch_state, s,
					       dispatch_step, RPC_NEED_LSA);

	if (req == NULL)
		return NULL;
	s->op.generic = true;
	s->slot = slot;
	return rpc_op_start(req, &s->op);
}

#define DISPATCH(op_)                                                      \
	static struct tevent_req *dispatch_##op_(TALLOC_CTX *mem,          \
			struct tevent_context *ev, struct um_pdc *pdc,     \
			const struct um_args *args)                        \
	{                                                                  \
		return dispatch_send(mem, ev, pdc, args,                   \
				     offsetof(struct um_backend_ops, op_)); \
	}
DISPATCH(list_trusts)
DISPATCH(list_users)
DISPATCH(list_groups)
DISPATCH(add_trusting)
DISPATCH(remove_trusting)
DISPATCH(add_trusted)
DISPATCH(remove_trusted)
DISPATCH(check_trust_account)
DISPATCH(verify)
DISPATCH(reset)
DISPATCH(logon_test)
DISPATCH(locate_dc)

const struct um_backend_ops rpc_ops_undecided = {
	.name = "rpc",
	.domain_info = rpc_domain_info_send,
	.list_trusts = dispatch_list_trusts,
	.list_users = dispatch_list_users,
	.list_groups = dispatch_list_groups,
	.add_trusting = dispatch_add_trusting,
	.remove_trusting = dispatch_remove_trusting,
	.add_trusted = dispatch_add_trusted,
	.remove_trusted = dispatch_remove_trusted,
	.check_trust_account = dispatch_check_trust_account,
	.verify = dispatch_verify,
	.reset = dispatch_reset,
	.logon_test = dispatch_logon_test,
	.locate_dc = dispatch_locate_dc,
	.recv = rpc_op_recv,
};

/* USRMGR_RPC_STATS set (test_hooks.h; not in the installed usrmgr): when the PDC goes (at exit), its connections, RPC
 * round trips (requests sent, the connection's own included) and model
 * operations on standard error, for bench/ (doc/performance.md). */
static int backend_stats(struct rpc_backend *be)
{
	const struct rpc_conn *c = be->conn;

	if (c != NULL)
		fprintf(stderr, "usrmgr-rpc-stats: pdc=%s connects=%u "
			"rpc_calls=%u operations=%u\n", c->host, c->connects,
			c->calls, c->pdc != NULL ? c->pdc->calls : 0u);
	return 0;
}

struct um_status um_backend_rpc_attach(struct um_pdc *pdc,
				       const struct um_model_options *opt)
{
	struct rpc_backend *be;
	struct rpc_conn *c;
	struct um_status st;
	const struct um_creds *uc = pdc->creds;

	rpc_init_once();
	be = talloc_zero(pdc, struct rpc_backend);
	c = be ? talloc_zero(be, struct rpc_conn) : NULL;
	if (c == NULL) {
		talloc_free(be);
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	be->conn = c;
	if (um_test_rpc_stats())
		talloc_set_destructor(be, backend_stats);
	c->pdc = pdc;
	c->opt = opt;
	c->host = talloc_strdup(c, pdc->name);
	c->lp = rpc_lp_new(c, opt);
	if (c->host == NULL || c->lp == NULL) {
		talloc_free(be);
		return um_local(c->lp == NULL ? UM_LOCAL_BAD_FILE :
						UM_LOCAL_NO_MEMORY);
	}
	if (uc == NULL && opt != NULL)
		uc = opt->creds;
	c->creds = rpc_creds_new(c, c->lp, uc,
				 opt != NULL && opt->require_kerberos, pdc, &st);
	if (c->creds == NULL) {
		talloc_free(be);
		return st;
	}
	pdc->backend = be;
	/* until the first connection tells the dialect */
	pdc->ops = &rpc_ops_undecided;
	return um_ok();
}
