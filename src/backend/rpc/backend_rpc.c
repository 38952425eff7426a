/*
 * usrmgr - the RPC backend: real PDCs over DCE/RPC with Samba's public
 * client libraries.  This file has the AD dialect's own operations (LSA
 * EnumTrustedDomainsEx, CreateTrustedDomainEx2 and friends, as FACTS 3
 * measured them on a Samba AD DC; NETLOGON DsRGetDCNameEx2) and its table.
 * What both dialects share is in rpc_shared.c and rpc_netlogon.c; the NT4
 * dialect is in backend_rpc_nt4.c.
 *
 * Directions: the resource domain trusts the accounts domain.  Add
 * Trusting Domain runs on the accounts PDC and makes an INBOUND
 * trusted-domain object (which also creates the resource domain's trust
 * account, NAME$); Add Trusted Domain runs on the resource PDC and makes
 * an OUTBOUND one.  Both carry the same password.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <string.h>
#include <time.h>
#include "rpc_internal.h"
#include "drsblobs.h"
#include "rpc_drs.h"
#include "i18n.h"

/* MS-LSAD's multiplier: Samba answers 1 + max_size / 82 entries of
 * EnumTrustedDomainsEx. */
#define ENUM_EX_MULTIPLIER 82u

/* What samba-tool domain trust create --type=external sets: an uplevel
 * (or, without a DNS name, downlevel) trust, quarantined (SID filtering),
 * not forest-transitive, with RC4 declared as the supported Kerberos
 * encryption type (CVE-2022-37966). */
#define EXTERNAL_TRUST_ATTRIBUTES LSA_TRUST_ATTRIBUTE_QUARANTINED_DOMAIN
#define EXTERNAL_TRUST_ENCTYPES   0x00000004u /* KERB_ENCTYPE_RC4_HMAC_MD5 */

/* ================= list_trusts ================= */

struct list_state {
	struct rpc_op op;
	uint32_t resume;
	struct lsa_EnumTrustedDomainsEx ex;
	struct lsa_DomainListEx list;
};

/* One page of EnumTrustedDomainsEx as the reply's trusts; false without
 * memory. */
static bool list_keep(struct rpc_op *op, struct list_state *s)
{
	struct lsa_DomainListEx *l = &s->list;
	uint32_t max = rpc_op_page_size(op);
	bool trimmed = l->count > max;
	struct um_trust *t;

	op->reply.n_trusts = trimmed ? max : l->count;
	op->reply.page.more = trimmed || rpc_more_entries(s->ex.out.result);
	/* the resume handle is an index on Samba and Windows alike */
	op->reply.page.resume = trimmed ? s->resume + max :
					  *s->ex.out.resume_handle;
	t = talloc_zero_array(op, struct um_trust, op->reply.n_trusts + 1);
	op->reply.trusts = t;
	for (size_t i = 0; t != NULL && i < op->reply.n_trusts; i++) {
		struct lsa_TrustDomainInfoInfoEx *d = &l->domains[i];

		t[i].name = rpc_upper(t, d->netbios_name.string, false);
		if (d->domain_name.string != NULL &&
		    d->trust_type == LSA_TRUST_TYPE_UPLEVEL)
			t[i].dns_name = talloc_strdup(t, d->domain_name.string);
		t[i].sid = rpc_sid_string(t, d->sid);
		t[i].direction = d->trust_direction;
		t[i].type = d->trust_type;
		t[i].attributes = d->trust_attributes;
		if (t[i].name == NULL)
			return false;
	}
	return t != NULL;
}

static void list_step(struct tevent_req *req, struct rpc_op *op)
{
	struct list_state *s = (struct list_state *)op;
	NTSTATUS r;

	switch (op->stage) {
	case 0:
		s->resume = op->args.resume;
		s->ex.in.handle = &op->conn->policy;
		s->ex.in.resume_handle = &s->resume;
		s->ex.in.max_size = (rpc_op_page_size(op) - 1) *
				    ENUM_EX_MULTIPLIER;
		s->ex.out.resume_handle = talloc_zero(op, uint32_t);
		s->ex.out.domains = &s->list;
		if (s->ex.out.resume_handle == NULL) {
			rpc_op_finish(req, op, um_local(UM_LOCAL_NO_MEMORY));
			return;
		}
		rpc_op_next(req, op, 1, RPC_NEED_LSA,
			    RPC_LSA_ENUMTRUSTEDDOMAINSEX, &s->ex, false);
		return;
	case 1:
		r = s->ex.out.result;
		if (rpc_no_more_entries(r)) {
			op->reply.trusts = talloc_zero_array(op, struct um_trust, 1);
			rpc_op_finish(req, op, op->reply.trusts ? um_ok() :
				      um_local(UM_LOCAL_NO_MEMORY));
			return;
		}
		if (!NT_STATUS_IS_OK(r) && !rpc_more_entries(r)) {
			rpc_op_finish(req, op, rpc_nt(r));
			return;
		}
		rpc_op_finish(req, op, list_keep(op, s) ? um_ok() :
			      um_local(UM_LOCAL_NO_MEMORY));
		return;
	}
}

static const struct rpc_op_kind list_kind =
	RPC_OP_KIND(struct list_state, list_step, RPC_NEED_LSA, 0, 0, NULL);
static RPC_OP_SENDER(list_trusts_send, list_kind)

/* ================= a trusted-domain object by name ================= */

/* Both of one direction's changes first read PARTNER's object. */
struct tdo_query {
	struct lsa_String name;
	union lsa_TrustedDomainInfo *existing;
	struct lsa_QueryTrustedDomainInfoByName r;
};

static void tdo_query(struct tevent_req *req, struct rpc_op *op,
		      struct tdo_query *q, enum lsa_TrustDomInfoEnum level,
		      int stage)
{
	if (!op->conn->trust_admin) {
		/* Samba would answer INVALID_HANDLE from its delete */
		rpc_op_finish(req, op, rpc_nt(NT_STATUS_ACCESS_DENIED));
		return;
	}
	q->name.string = op->args.partner;
	q->r.in.handle = &op->conn->policy;
	q->r.in.trusted_domain = &q->name;
	q->r.in.level = level;
	q->r.out.info = &q->existing;
	rpc_op_next(req, op, stage, RPC_NEED_LSA,
		    RPC_LSA_QUERYTRUSTEDDOMAININFOBYNAME, &q->r, false);
}

static void tdo_close(struct tevent_req *req, struct rpc_op *op,
		      struct lsa_Close *c, struct policy_handle *h, int stage)
{
	c->in.handle = h;
	c->out.handle = h;
	rpc_op_next(req, op, stage, RPC_NEED_LSA, RPC_LSA_CLOSE, c, false);
}

/* ================= add a direction (AD) ================= */

/* op->variant: the direction, UM_DIR_INBOUND or UM_DIR_OUTBOUND */
enum add_stage {
	ADD_QUERY,
	ADD_QUERIED,
	ADD_KEPT_READ,
	ADD_REKEY_DELETED,
	ADD_CREATED,
	ADD_ENCTYPES_SET,
	ADD_CLOSED,
};

struct add_state {
	struct rpc_op op;
	struct dom_sid *sid;
	struct tdo_query query;
	struct lsa_TrustDomainInfoInfoEx info;
	struct lsa_TrustDomainInfoAuthInfoInternal auth;
	struct lsa_CreateTrustedDomainEx2 create;
	struct lsa_DeleteTrustedDomain del;
	uint32_t direction;  /* what the created object holds */
	struct lsa_TrustDomainInfoInfoEx *recreate; /* deleted to re-key */
	struct rpc_drs_trust_auth stored; /* what the object held */
	uint32_t kept;               /* the direction keeping its password */
	DATA_BLOB kept_pw;           /* its password (into stored) */
	struct lsa_SetInformationTrustedDomain set;
	union lsa_TrustedDomainInfo setinfo;
	struct lsa_Close close;
	struct policy_handle tdo;
	struct um_status result;
};

/* The password DIR is created with: none when it is not created, the
 * one it held when it keeps it, else the new one, PW. */
static const DATA_BLOB *add_secret(const struct add_state *s, uint32_t dir,
				   const DATA_BLOB *pw)
{
	if (!(s->direction & dir))
		return NULL;
	return s->kept & dir ? &s->kept_pw : pw;
}

/* The encrypted auth blob: the password for each direction created. */
static NTSTATUS add_auth_blob(struct add_state *s)
{
	struct rpc_op *op = &s->op;
	uint8_t confounder[DRSBLOBS_CONFOUNDER_LEN];
	DATA_BLOB pw, blob;
	NTTIME now;
	NTSTATUS st;

	st = rpc_password_utf16(op, &op->conn->session_key,
				op->args.password, &pw);
	if (!NT_STATUS_IS_OK(st))
		return st;
	unix_to_nt_time(&now, time(NULL));
	st = rpc_random(confounder, sizeof(confounder));
	if (NT_STATUS_IS_OK(st))
		st = drsblobs_trust_passwords(op, confounder,
				add_secret(s, UM_DIR_OUTBOUND, &pw),
				add_secret(s, UM_DIR_INBOUND, &pw),
				now, &blob);
	rpc_wipe_blob(&pw);
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

	if (s->sid == NULL) {
		/* no partner domain answered: nothing to create with */
		rpc_op_finish(req, op, rpc_nt(NT_STATUS_NO_SUCH_DOMAIN));
		return;
	}
	s->info.netbios_name.string = op->args.partner;
	s->info.domain_name.string = dns && dns[0] ? dns : op->args.partner;
	s->info.sid = s->sid;
	s->info.trust_direction = s->direction;
	s->info.trust_type = dns && dns[0] ? LSA_TRUST_TYPE_UPLEVEL :
					     LSA_TRUST_TYPE_DOWNLEVEL;
	s->info.trust_attributes = EXTERNAL_TRUST_ATTRIBUTES;
	if (s->recreate != NULL) {
		/* the same object again, only its directions change */
		s->info.domain_name = s->recreate->domain_name;
		s->info.netbios_name = s->recreate->netbios_name;
		s->info.trust_type = s->recreate->trust_type;
		s->info.trust_attributes = s->recreate->trust_attributes;
	}
	st = add_auth_blob(s);
	if (rpc_op_nterror(req, op, st))
		return;
	s->create.in.policy_handle = &op->conn->policy;
	s->create.in.info = &s->info;
	s->create.in.auth_info_internal = &s->auth;
	s->create.in.access_mask = LSA_TRUSTED_DOMAIN_ALL_ACCESS;
	s->create.out.trustdom_handle = &s->tdo;
	rpc_op_next(req, op, ADD_CREATED, RPC_NEED_LSA,
		    RPC_LSA_CREATETRUSTEDDOMAINEX2, &s->create, true);
}

static void add_set_enctypes(struct tevent_req *req, struct add_state *s)
{
	s->setinfo.enc_types.enc_types = EXTERNAL_TRUST_ENCTYPES;
	s->set.in.trustdom_handle = &s->tdo;
	s->set.in.level = LSA_TRUSTED_DOMAIN_SUPPORTED_ENCRYPTION_TYPES;
	s->set.in.info = &s->setinfo;
	rpc_op_next(req, &s->op, ADD_ENCTYPES_SET, RPC_NEED_LSA,
		    RPC_LSA_SETINFORMATIONTRUSTEDDOMAIN, &s->set, true);
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

	rpc_op_note(op, text ? text : op->args.partner);
	talloc_free(text);
	rpc_op_finish(req, op, um_local(UM_LOCAL_NOT_SUPPORTED));
}

/*
 * The repair re-keys both PDCs' halves (args.two_way_rekey): the object
 * is deleted and created again two-way, both directions with the new
 * password -- the one way Samba 4.17 stores a password (doc/two-way.md).
 * The kept direction works again once the partner's half is re-keyed
 * the same way.
 */
static void add_rekey_delete(struct tevent_req *req, struct add_state *s)
{
	struct rpc_op *op = &s->op;
	struct lsa_TrustDomainInfoInfoEx *ex =
		&s->query.existing->full_info.info_ex;

	if (s->sid == NULL) {
		s->sid = ex->sid;
	}
	s->recreate = ex;
	s->del.in.handle = &op->conn->policy;
	s->del.in.dom_sid = ex->sid;
	rpc_op_next(req, op, ADD_REKEY_DELETED, RPC_NEED_LSA,
		    RPC_LSA_DELETETRUSTEDDOMAIN, &s->del, true);
}

static void add_kept_done(struct tevent_req *sub);

/*
 * Before the object is re-created: the password of the direction it
 * holds (HAVE), read over DRSUAPI, so that the new object keeps it and
 * that direction keeps working (issue 22).  Nothing has changed yet:
 * when it cannot be read, the Add ends with why.
 */
static void add_read_kept(struct tevent_req *req, struct add_state *s,
			  uint32_t have)
{
	struct rpc_op *op = &s->op;
	const char *tdo = s->query.existing->full_info.info_ex.domain_name.string;
	char *dn = rpc_drs_tdo_dn(s, tdo, op->conn->info.dns_name);
	struct tevent_req *sub;

	if (dn == NULL) {
		rpc_op_finish(req, op, um_local(UM_LOCAL_NOT_SUPPORTED));
		return;
	}
	s->kept = have;
	op->stage = ADD_KEPT_READ;
	op->calls++;
	sub = rpc_drs_trust_auth_send(s, op->ev, op->conn, dn);
	if (sub == NULL) {
		rpc_op_finish(req, op, um_local(UM_LOCAL_NO_MEMORY));
		return;
	}
	tevent_req_set_callback(sub, add_kept_done, req);
}

static void add_kept_done(struct tevent_req *sub)
{
	struct tevent_req *req = tevent_req_callback_data(sub,
							  struct tevent_req);
	struct add_state *s = (struct add_state *)rpc_op_of(req);
	NTSTATUS st = rpc_drs_trust_auth_recv(sub, s, &s->stored);

	TALLOC_FREE(sub);
	if (NT_STATUS_IS_OK(st))
		st = drsblobs_current_clear(s->kept & UM_DIR_OUTBOUND ?
					    &s->stored.outgoing :
					    &s->stored.incoming, &s->kept_pw);
	if (rpc_op_nterror(req, &s->op, st))
		return;
	add_rekey_delete(req, s);
}

static void add_queried(struct tevent_req *req, struct add_state *s)
{
	struct rpc_op *op = &s->op;
	NTSTATUS r = s->query.r.out.result;
	uint32_t have;

	s->direction = op->args.two_way_rekey
		? UM_DIR_INBOUND | UM_DIR_OUTBOUND : op->variant;
	if (NT_STATUS_EQUAL(r, NT_STATUS_OBJECT_NAME_NOT_FOUND)) {
		add_create(req, s);
		return;
	}
	if (rpc_op_nterror(req, op, r))
		return;
	have = s->query.existing->full_info.info_ex.trust_direction;
	if (have & op->variant) {
		/* "add that already exists": nothing changes */
		rpc_op_finish(req, op,
			      rpc_nt(NT_STATUS_OBJECT_NAME_COLLISION));
		return;
	}
	if (op->args.two_way_rekey && op->args.keep_password) {
		add_read_kept(req, s, have);
		return;
	}
	if (op->args.two_way_rekey) {
		add_rekey_delete(req, s);
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
		if (op->args.known_absent && op->conn->trust_admin) {
			/* the model read the lists since the last change:
			 * there is no object to add a direction to */
			s->query.r.out.result = NT_STATUS_OBJECT_NAME_NOT_FOUND;
			add_queried(req, s);
			return;
		}
		tdo_query(req, op, &s->query, LSA_TRUSTED_DOMAIN_INFO_FULL_INFO,
			  ADD_QUERIED);
		return;
	case ADD_QUERIED:
		add_queried(req, s);
		return;
	case ADD_KEPT_READ:
		return; /* (add_kept_done() goes on) */
	case ADD_REKEY_DELETED:
		if (rpc_op_nterror(req, op, s->del.out.result))
			return;
		add_create(req, s);
		return;
	case ADD_CREATED:
		r = s->create.out.result;
		if (rpc_op_nterror(req, op, r))
			return;
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

/* The model looks the partner up on its PDC first (issue 5): no SID, no
 * partner domain that answered.  That is said only when there is
 * something to create (add_create): an add that exists is "already in
 * the list" whether the partner answers or not. */
static struct um_status add_prepare(struct rpc_op *op)
{
	struct add_state *s = (struct add_state *)op;

	if (op->args.partner_sid == NULL)
		return um_ok();
	s->sid = rpc_sid_parse(s, op->args.partner_sid);
	return s->sid != NULL ? um_ok() : rpc_nt(NT_STATUS_INVALID_SID);
}

static const struct rpc_op_kind add_trusting_kind =
	RPC_OP_KIND(struct add_state, add_step, RPC_NEED_LSA,
		    RPC_ARG_PARTNER | RPC_ARG_PASSWORD, UM_DIR_INBOUND,
		    add_prepare);
static const struct rpc_op_kind add_trusted_kind =
	RPC_OP_KIND(struct add_state, add_step, RPC_NEED_LSA,
		    RPC_ARG_PARTNER | RPC_ARG_PASSWORD, UM_DIR_OUTBOUND,
		    add_prepare);
static RPC_OP_SENDER(add_trusting_send, add_trusting_kind)
static RPC_OP_SENDER(add_trusted_send, add_trusted_kind)

/* ================= can the kept passwords be read? ================= */

enum kept_stage {
	KEPT_QUERY,
	KEPT_QUERIED,
	KEPT_READ,
};

struct kept_state {
	struct rpc_op op;
	struct tdo_query query;
	uint32_t have;
	struct rpc_drs_trust_auth stored;
};

static void kept_read_done(struct tevent_req *sub)
{
	struct tevent_req *req = tevent_req_callback_data(sub,
							  struct tevent_req);
	struct kept_state *s = (struct kept_state *)rpc_op_of(req);
	NTSTATUS st = rpc_drs_trust_auth_recv(sub, s, &s->stored);
	DATA_BLOB pw;

	TALLOC_FREE(sub);
	if (NT_STATUS_IS_OK(st) && (s->have & UM_DIR_OUTBOUND))
		st = drsblobs_current_clear(&s->stored.outgoing, &pw);
	if (NT_STATUS_IS_OK(st) && (s->have & UM_DIR_INBOUND))
		st = drsblobs_current_clear(&s->stored.incoming, &pw);
	rpc_op_finish(req, &s->op, rpc_nt(st));
}

static void kept_queried(struct tevent_req *req, struct kept_state *s)
{
	struct rpc_op *op = &s->op;
	struct lsa_TrustDomainInfoInfoEx *ex;
	struct tevent_req *sub;
	char *dn;

	if (rpc_op_nterror(req, op, s->query.r.out.result))
		return;
	ex = &s->query.existing->info_ex;
	s->have = ex->trust_direction;
	dn = rpc_drs_tdo_dn(s, ex->domain_name.string,
			    op->conn->info.dns_name);
	if (dn == NULL) {
		rpc_op_finish(req, op, um_local(UM_LOCAL_NOT_SUPPORTED));
		return;
	}
	op->stage = KEPT_READ;
	op->calls++;
	sub = rpc_drs_trust_auth_send(s, op->ev, op->conn, dn);
	if (sub == NULL) {
		rpc_op_finish(req, op, um_local(UM_LOCAL_NO_MEMORY));
		return;
	}
	tevent_req_set_callback(sub, kept_read_done, req);
}

static void kept_step(struct tevent_req *req, struct rpc_op *op)
{
	struct kept_state *s = (struct kept_state *)op;

	switch ((enum kept_stage)op->stage) {
	case KEPT_QUERY:
		tdo_query(req, op, &s->query, LSA_TRUSTED_DOMAIN_INFO_INFO_EX,
			  KEPT_QUERIED);
		return;
	case KEPT_QUERIED:
		kept_queried(req, s);
		return;
	case KEPT_READ:
		return; /* (kept_read_done() answers) */
	}
}

static const struct rpc_op_kind kept_kind =
	RPC_OP_KIND(struct kept_state, kept_step, RPC_NEED_LSA,
		    RPC_ARG_PARTNER, 0, NULL);
static RPC_OP_SENDER(read_kept_send, kept_kind)

/* ================= remove a direction (AD) ================= */

enum remove_stage {
	RM_QUERY,
	RM_QUERIED,
	RM_DELETED,
	RM_OPENED,
	RM_SET,
	RM_CLOSED,
};

/* op->variant: the direction */
struct remove_state {
	struct rpc_op op;
	struct tdo_query query;
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
	NTSTATUS r = s->query.r.out.result;
	struct lsa_TrustDomainInfoInfoEx *ex;

	if (rpc_op_nterror(req, op, r))
		return;
	ex = &s->query.existing->info_ex;
	if (!(ex->trust_direction & op->variant)) {
		/* not in this list: the same answer as no object at all */
		rpc_op_finish(req, op, rpc_nt(NT_STATUS_OBJECT_NAME_NOT_FOUND));
		return;
	}
	if ((ex->trust_direction & ~op->variant) == 0) {
		/* when inbound, deletes the trusting domain's NAME$ too */
		s->del.in.handle = &op->conn->policy;
		s->del.in.dom_sid = ex->sid;
		rpc_op_next(req, op, RM_DELETED, RPC_NEED_LSA,
			    RPC_LSA_DELETETRUSTEDDOMAIN, &s->del, true);
		return;
	}
	/* two-way: keep the other direction */
	s->open.in.handle = &op->conn->policy;
	s->open.in.name = s->query.name;
	s->open.in.access_mask = LSA_TRUSTED_DOMAIN_ALL_ACCESS;
	s->open.out.trustdom_handle = &s->tdo;
	rpc_op_next(req, op, RM_OPENED, RPC_NEED_LSA,
		    RPC_LSA_OPENTRUSTEDDOMAINBYNAME, &s->open, false);
}

static void remove_step(struct tevent_req *req, struct rpc_op *op)
{
	struct remove_state *s = (struct remove_state *)op;
	NTSTATUS r;

	switch ((enum remove_stage)op->stage) {
	case RM_QUERY:
		tdo_query(req, op, &s->query, LSA_TRUSTED_DOMAIN_INFO_INFO_EX,
			  RM_QUERIED);
		return;
	case RM_QUERIED:
		remove_queried(req, s);
		return;
	case RM_DELETED:
		rpc_op_finish(req, op, rpc_nt(s->del.out.result));
		return;
	case RM_OPENED:
		r = s->open.out.result;
		if (rpc_op_nterror(req, op, r))
			return;
		s->setinfo.info_ex = s->query.existing->info_ex;
		s->setinfo.info_ex.trust_direction &= ~op->variant;
		s->set.in.trustdom_handle = &s->tdo;
		s->set.in.level = LSA_TRUSTED_DOMAIN_INFO_INFO_EX;
		s->set.in.info = &s->setinfo;
		rpc_op_next(req, op, RM_SET, RPC_NEED_LSA,
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

static const struct rpc_op_kind remove_trusting_kind =
	RPC_OP_KIND(struct remove_state, remove_step, RPC_NEED_LSA,
		    RPC_ARG_PARTNER, UM_DIR_INBOUND, NULL);
static const struct rpc_op_kind remove_trusted_kind =
	RPC_OP_KIND(struct remove_state, remove_step, RPC_NEED_LSA,
		    RPC_ARG_PARTNER, UM_DIR_OUTBOUND, NULL);
static RPC_OP_SENDER(remove_trusting_send, remove_trusting_kind)
static RPC_OP_SENDER(remove_trusted_send, remove_trusted_kind)

/* ================= locate_dc: NETLOGON DsRGetDCNameEx2 ================= */

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

	if (op->stage == 0) {
		s->r.in.server_unc = op->conn->unc;
		s->r.in.domain_name = dns && dns[0] ? dns : op->args.partner;
		s->r.in.flags = DS_RETURN_DNS_NAME |
				(dns && dns[0] ? 0 : DS_IS_FLAT_NAME);
		s->r.out.info = &s->info;
		rpc_op_next(req, op, 1, RPC_NEED_NETLOGON,
			    RPC_NETR_DSRGETDCNAMEEX2, &s->r, false);
		return;
	}
	/* Kerberos needs the DC's name; otherwise its address is what the
	 * console reaches without the domains' DNS */
	rpc_locate_answer(req, op, s->r.out.result, s->info == NULL ? NULL :
			  by_name || s->info->dc_address == NULL ?
			  s->info->dc_unc : s->info->dc_address);
}

static const struct rpc_op_kind locate_kind =
	RPC_OP_KIND(struct locate_state, locate_step,
		    RPC_NEED_LSA | RPC_NEED_NETLOGON, RPC_ARG_PARTNER, 0, NULL);
static RPC_OP_SENDER(locate_dc_send, locate_kind)

/* ================= what Samba AD can change ================= */

/* Measured on Samba 4.17 (tests/integration/rpc-backend.sh): dropping
 * one direction of a two-way object with SetInformationTrustedDomain
 * (INFO_EX) keeps the other working; adding a direction stores no
 * password (add_refuse_two_way() above), but an object created two-way
 * stores both (add_rekey_delete(), doc/two-way.md). */
static uint32_t caps_ad(struct um_pdc *pdc)
{
	(void)pdc;
	return UM_CAP_REMOVE_DIRECTION | UM_CAP_REKEY_TWO_WAY;
}

/* ================= the table ================= */

const struct um_backend_ops rpc_ops_ad = {
	.name = "rpc-ad",
	.list_trusts = list_trusts_send,
	.add_trusting = add_trusting_send,
	.read_kept_password = read_kept_send,
	.remove_trusting = remove_trusting_send,
	.add_trusted = add_trusted_send,
	.remove_trusted = remove_trusted_send,
	.verify = rpc_verify_send,
	.locate_dc = locate_dc_send,
	.caps = caps_ad,
	RPC_SHARED_OPS,
};
