/*
 * usrmgr - the passwords a trusted-domain object holds, read over
 * DRSUAPI (issue 22, doc/two-way.md).
 *
 * LSA never returns a stored trust password; a domain administrator
 * reads trustAuthIncoming / trustAuthOutgoing by replicating the one
 * object: DsBind, DsGetNCChanges (request 8, EXOP_REPL_OBJ on the
 * object's DN), DsUnbind, over ncacn_ip_tcp with [seal].  Measured on
 * Samba 4.17 (doc/two-way.md): reply 6, extended_ret EXOP_ERR_SUCCESS,
 * the values encrypted with the connection's session key
 * (drs_session_key()) as MS-DRSR 4.1.10.6.11 says (Samba's
 * libcli/drsuapi/repl_decrypt.c): a 16-byte salt, then RC4 with key
 * MD5(session key, salt) over a CRC32 (little-endian) and the data.
 * The data is a trustAuthInOutBlob (drsblobs.c reads its password).
 *
 * The NDR is our own (src/backend/rpc/idl/umdrs.idl, made by pidl):
 * Samba's drsuapi NDR lives only in a private library.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <dlfcn.h>
#include <string.h>
#include <zlib.h>
#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>
#include "rpc_internal.h"
#include "rpc_drs.h"
#include "drsblobs.h"
#include "gen/ndr_umdrs.h"

/* MS-DRSR 5.39 DRS_EXTENSIONS: what we speak -- request 8, reply 6,
 * strong encryption -- and nothing compressed (no GETCHG_COMPRESS,
 * GETCHGREPLY_V7, XPRESS), for our NDR knows reply 6 only. */
#define DRS_EXT_BASE              0x00000001u
#define DRS_EXT_STRONG_ENCRYPTION 0x00008000u
#define DRS_EXT_GETCHGREQ_V8      0x01000000u
#define DRS_EXT_GETCHGREPLY_V6    0x04000000u
#define DRS_EXTENSIONS (DRS_EXT_BASE | DRS_EXT_STRONG_ENCRYPTION | \
			DRS_EXT_GETCHGREQ_V8 | DRS_EXT_GETCHGREPLY_V6)
#define DRS_BIND_INFO28_LEN 28u

#define DRS_WRIT_REP        0x00000010u
#define DRS_EXOP_REPL_OBJ   6u
#define DRS_EXOP_ERR_SUCCESS 1u
#define DRS_REQUEST_LEVEL   8u
#define DRS_REPLY_LEVEL     6u

/* trustAuthIncoming 1.2.840.113556.1.4.129, trustAuthOutgoing ...135:
 * prefix 1.2.840.113556.1.4 (BER below) and the attid's low half. */
static const uint8_t drs_prefix_ad_attr[] = {
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x14, 0x01, 0x04
};
#define DRS_LOW_TRUST_AUTH_INCOMING 129u
#define DRS_LOW_TRUST_AUTH_OUTGOING 135u

#define DRS_SALT_LEN 16u
#define DRS_CRC_LEN  4u

/* MS-DRSR 5.16 (DRSUAPI_DS_BIND_GUID): the GUID a client binds with. */
static const char drs_bind_guid[] = "e24d201a-4fd6-11d1-a3da-0000f875ae0d";
/* The destination of an administrator's replication ("6afab99c...":
 * drsuapi.idl's DRSUAPI_DS_BIND_GUID_W2K3) */
static const char drs_dest_guid[] = "6afab99c-6e26-464a-975f-f58f105218bc";

enum drs_stage {
	DRS_OPEN,
	DRS_BOUND,
	DRS_CHANGES,
	DRS_UNBOUND,
};

struct drs_state {
	struct tevent_context *ev;
	struct rpc_conn *conn;
	const char *dn;
	enum drs_stage stage;
	struct dcerpc_pipe *p;
	DATA_BLOB key;
	struct GUID bind_guid;
	uint8_t ext[DRS_BIND_INFO28_LEN];
	struct umdrs_DsBindInfoCtr bind_info;
	struct policy_handle handle;
	struct umdrs_DsBind bind;
	struct umdrs_DsReplicaObjectIdentifier nc;
	union umdrs_DsGetNCChangesRequest ncreq;
	struct umdrs_DsGetNCChanges changes;
	uint32_t level_out;
	union umdrs_DsGetNCChangesCtr ctr;
	struct umdrs_DsUnbind unbind;
	struct rpc_drs_trust_auth found;
	NTSTATUS result;
};

static void drs_pipe_done(struct tevent_req *sub);
static void drs_call_done(struct tevent_req *sub);

static int drs_state_destructor(struct drs_state *s)
{
	if (s->key.data != NULL)
		memset(s->key.data, 0, s->key.length);
	return 0;
}

struct tevent_req *rpc_drs_trust_auth_send(TALLOC_CTX *mem,
					   struct tevent_context *ev,
					   struct rpc_conn *conn,
					   const char *dn)
{
	struct drs_state *s;
	struct tevent_req *req = tevent_req_create(mem, &s, struct drs_state);
	struct tevent_req *sub;

	if (req == NULL)
		return NULL;
	talloc_set_destructor(s, drs_state_destructor);
	s->ev = ev;
	s->conn = conn;
	s->dn = talloc_strdup(s, dn);
	if (tevent_req_nomem(s->dn, req))
		return tevent_req_post(req, ev);
	conn->calls++; /* the connect and bind: a round trip */
	um_test_rpc_trace("%s drsuapi open", conn->host);
	sub = rpc_pipe_open_sealed_send(s, ev, rpc_conn_target(conn),
					&ndr_table_umdrs, conn->creds,
					conn->lp);
	if (tevent_req_nomem(sub, req))
		return tevent_req_post(req, ev);
	tevent_req_set_callback(sub, drs_pipe_done, req);
	return req;
}

static void drs_call(struct tevent_req *req, uint32_t opnum, void *r,
		     enum drs_stage stage)
{
	struct drs_state *s = tevent_req_data(req, struct drs_state);
	struct tevent_req *sub;

	s->stage = stage;
	s->conn->calls++;
	sub = dcerpc_binding_handle_call_send(s, s->ev, s->p->binding_handle,
					      NULL, &ndr_table_umdrs, opnum,
					      s, r);
	if (tevent_req_nomem(sub, req))
		return;
	tevent_req_set_callback(sub, drs_call_done, req);
}

/* DsBind with a DsBindInfo28: extensions, site GUID, pid, epoch. */
static void drs_bind(struct tevent_req *req, struct drs_state *s)
{
	NTSTATUS st = GUID_from_string(drs_bind_guid, &s->bind_guid);

	if (tevent_req_nterror(req, st))
		return;
	memset(s->ext, 0, sizeof(s->ext));
	drsblobs_put_le32(s->ext, DRS_EXTENSIONS);
	s->bind_info.length = DRS_BIND_INFO28_LEN;
	s->bind_info.data = s->ext;
	s->bind.in.bind_guid = &s->bind_guid;
	s->bind.in.bind_info = &s->bind_info;
	s->bind.out.bind_handle = &s->handle;
	drs_call(req, NDR_UMDRS_DSBIND, &s->bind, DRS_BOUND);
}

/*
 * The key the server encrypts the secrets with: that of the DCE/RPC
 * authentication (gensec), which DRSUAPI requires sealed.  Samba's
 * public dcerpc_fetch_session_key() answers only the transport's key
 * (LOCAL_USER_SESSION_KEY over TCP), and gensec_session_key() lives in
 * a private library (libgensec-samba4), which we must not link.  It is
 * loaded already -- libdcerpc.so needs it -- so it is looked up at run
 * time (RTLD_DEFAULT: glibc searches the caller's scope, which holds the
 * module's own dependencies even when usrmgr loads usrmgr-rpc.so
 * RTLD_LOCAL, and first with RTLD_DEEPBIND; measured with the build
 * tree's usrmgr on the lab); its
 * signature has not changed since Samba 4.0.  Without it the key is
 * NO_USER_SESSION_KEY, and the caller does without the read.
 */
typedef NTSTATUS (*drs_gensec_key_fn)(void *gensec, TALLOC_CTX *mem,
				      DATA_BLOB *key);

static NTSTATUS drs_session_key(struct drs_state *s)
{
	drs_gensec_key_fn fn;
	void *gensec = s->p->conn != NULL ?
		s->p->conn->security_state.generic_state : NULL;
	NTSTATUS st;

	*(void **)&fn = dlsym(RTLD_DEFAULT, "gensec_session_key");
	if (fn == NULL || gensec == NULL)
		return NT_STATUS_NO_USER_SESSION_KEY;
	st = fn(gensec, s, &s->key);
	if (NT_STATUS_IS_OK(st) && s->key.length == 0)
		st = NT_STATUS_NO_USER_SESSION_KEY;
	return st;
}

static void drs_pipe_done(struct tevent_req *sub)
{
	struct tevent_req *req = tevent_req_callback_data(sub,
							  struct tevent_req);
	struct drs_state *s = tevent_req_data(req, struct drs_state);
	NTSTATUS st = rpc_connect_status(rpc_pipe_open_recv(sub, s, &s->p));

	TALLOC_FREE(sub);
	if (tevent_req_nterror(req, st))
		return;
	st = drs_session_key(s);
	if (tevent_req_nterror(req, st))
		return;
	drs_bind(req, s);
}

/* GetNCChanges level 8: the one object, every attribute, as a writable
 * replica would ask (the measured request). */
static void drs_get_changes(struct tevent_req *req, struct drs_state *s)
{
	struct umdrs_DsGetNCChangesRequest8 *r8 = &s->ncreq.req8;
	NTSTATUS st = GUID_from_string(drs_dest_guid,
				       &r8->destination_dsa_guid);

	if (tevent_req_nterror(req, st))
		return;
	s->nc.dn = s->dn;
	r8->naming_context = &s->nc;
	r8->replica_flags = DRS_WRIT_REP;
	r8->max_object_count = 1;
	r8->max_ndr_size = 402116;
	r8->extended_op = DRS_EXOP_REPL_OBJ;
	s->changes.in.bind_handle = &s->handle;
	s->changes.in.level = DRS_REQUEST_LEVEL;
	s->changes.in.req = &s->ncreq;
	s->changes.out.level_out = &s->level_out;
	s->changes.out.ctr = &s->ctr;
	drs_call(req, NDR_UMDRS_DSGETNCCHANGES, &s->changes, DRS_CHANGES);
}

/* A decrypted password's memory, wiped when it is freed, wherever it was
 * moved to: no holder needs a destructor of its own. */
static int drs_wipe_on_free(uint8_t *data)
{
	explicit_bzero(data, talloc_get_size(data));
	return 0;
}

/* The attid prefix of AD's own attributes in this reply's table. */
static bool drs_prefix(const struct umdrs_DsReplicaOIDMapping_Ctr *m,
		       uint32_t *prefix)
{
	uint32_t i;

	for (i = 0; m->mappings != NULL && i < m->num_mappings; i++) {
		const struct umdrs_DsReplicaOID *oid = &m->mappings[i].oid;

		if (oid->length == sizeof(drs_prefix_ad_attr) &&
		    oid->binary_oid != NULL &&
		    memcmp(oid->binary_oid, drs_prefix_ad_attr,
			   oid->length) == 0) {
			*prefix = m->mappings[i].id_prefix;
			return true;
		}
	}
	return false;
}

NTSTATUS rpc_drs_decrypt(TALLOC_CTX *mem, const DATA_BLOB *key,
			 const DATA_BLOB *value, DATA_BLOB *out)
{
	uint8_t md5[16] = { 0 };
	DATA_BLOB rc4 = data_blob_const(md5, sizeof(md5));
	DATA_BLOB buf;
	uint8_t *salted;
	NTSTATUS st;
	int rc;

	*out = data_blob_null;
	if (value->length < DRS_SALT_LEN + DRS_CRC_LEN)
		return NT_STATUS_INVALID_PARAMETER;
	salted = talloc_size(mem, key->length + DRS_SALT_LEN);
	if (salted == NULL)
		return NT_STATUS_NO_MEMORY;
	memcpy(salted, key->data, key->length);
	memcpy(salted + key->length, value->data, DRS_SALT_LEN);
	rc = gnutls_hash_fast(GNUTLS_DIG_MD5, salted,
			      key->length + DRS_SALT_LEN, md5);
	memset(salted, 0, key->length + DRS_SALT_LEN);
	talloc_free(salted);
	if (rc < 0)
		return NT_STATUS_CRYPTO_SYSTEM_INVALID;
	buf = data_blob_talloc(mem, value->data + DRS_SALT_LEN,
			       value->length - DRS_SALT_LEN);
	if (buf.data == NULL)
		return NT_STATUS_NO_MEMORY;
	st = rpc_arcfour(&rc4, &buf);
	memset(md5, 0, sizeof(md5));
	if (NT_STATUS_IS_OK(st) &&
	    (uint32_t)crc32(0, buf.data + DRS_CRC_LEN,
			    (uInt)(buf.length - DRS_CRC_LEN)) !=
	    drsblobs_le32(buf.data))
		st = NT_STATUS_WRONG_PASSWORD; /* not our key: refuse */
	if (!NT_STATUS_IS_OK(st)) {
		rpc_wipe_blob(&buf);
		return st;
	}
	*out = data_blob_talloc(mem, buf.data + DRS_CRC_LEN,
				buf.length - DRS_CRC_LEN);
	if (out->data != NULL)
		talloc_set_destructor(out->data, drs_wipe_on_free);
	rpc_wipe_blob(&buf);
	return out->data != NULL || out->length == 0 ? NT_STATUS_OK :
						       NT_STATUS_NO_MEMORY;
}

/* The first value of one of the two attributes, decrypted. */
static NTSTATUS drs_take(TALLOC_CTX *mem, const DATA_BLOB *key,
			 const struct umdrs_DsReplicaAttribute *a,
			 DATA_BLOB *to)
{
	const struct umdrs_DsAttributeValueCtr *v = &a->value_ctr;

	if (v->num_values == 0 || v->values == NULL ||
	    v->values[0].blob == NULL) {
		return NT_STATUS_OK; /* that direction holds nothing */
	}
	return rpc_drs_decrypt(mem, key, v->values[0].blob, to);
}

NTSTATUS rpc_drs_trust_auth_from_ctr6(TALLOC_CTX *mem, const DATA_BLOB *key,
				      const struct umdrs_DsGetNCChangesCtr6 *c,
				      struct rpc_drs_trust_auth *found)
{
	const struct umdrs_DsReplicaObjectListItemEx *o = c->first_object;
	const struct umdrs_DsReplicaAttributeCtr *ac;
	uint32_t prefix, i, low;
	NTSTATUS st = NT_STATUS_OK;

	if (o == NULL || !drs_prefix(&c->mapping_ctr, &prefix))
		return NT_STATUS_OBJECT_NAME_NOT_FOUND;
	ac = &o->object.attribute_ctr;
	for (i = 0; NT_STATUS_IS_OK(st) && ac->attributes != NULL &&
		    i < ac->num_attributes; i++) {
		if ((ac->attributes[i].attid >> 16) != prefix)
			continue;
		low = ac->attributes[i].attid & 0xffffu;
		if (low == DRS_LOW_TRUST_AUTH_INCOMING)
			st = drs_take(mem, key, &ac->attributes[i],
				      &found->incoming);
		else if (low == DRS_LOW_TRUST_AUTH_OUTGOING)
			st = drs_take(mem, key, &ac->attributes[i],
				      &found->outgoing);
	}
	return st;
}

static void drs_changes_done(struct tevent_req *req, struct drs_state *s)
{
	const struct umdrs_DsGetNCChangesCtr6 *c = &s->ctr.ctr6;

	if (!W_ERROR_IS_OK(s->changes.out.result))
		s->result = werror_to_ntstatus(s->changes.out.result);
	else if (s->level_out != DRS_REPLY_LEVEL)
		s->result = NT_STATUS_INVALID_NETWORK_RESPONSE;
	else if (c->extended_ret != DRS_EXOP_ERR_SUCCESS)
		/* the exop refused: the object is not there for us */
		s->result = NT_STATUS_ACCESS_DENIED;
	else
		s->result = rpc_drs_trust_auth_from_ctr6(s, &s->key, c,
							  &s->found);
	s->unbind.in.bind_handle = &s->handle;
	s->unbind.out.bind_handle = &s->handle;
	drs_call(req, NDR_UMDRS_DSUNBIND, &s->unbind, DRS_UNBOUND);
}

static void drs_call_done(struct tevent_req *sub)
{
	struct tevent_req *req = tevent_req_callback_data(sub,
							  struct tevent_req);
	struct drs_state *s = tevent_req_data(req, struct drs_state);
	NTSTATUS st = dcerpc_binding_handle_call_recv(sub);

	TALLOC_FREE(sub);
	if (s->stage == DRS_UNBOUND) {
		/* the unbind's own fate does not matter */
		TALLOC_FREE(s->p);
		if (tevent_req_nterror(req, s->result))
			return;
		tevent_req_done(req);
		return;
	}
	if (tevent_req_nterror(req, st))
		return;
	if (s->stage == DRS_BOUND) {
		if (tevent_req_nterror(req,
			werror_to_ntstatus(s->bind.out.result)))
			return;
		drs_get_changes(req, s);
		return;
	}
	drs_changes_done(req, s);
}

NTSTATUS rpc_drs_trust_auth_recv(struct tevent_req *req, TALLOC_CTX *mem,
				 struct rpc_drs_trust_auth *out)
{
	struct drs_state *s = tevent_req_data(req, struct drs_state);
	NTSTATUS st;

	*out = (struct rpc_drs_trust_auth){ 0 };
	if (tevent_req_is_nterror(req, &st)) {
		tevent_req_received(req);
		return st;
	}
	out->incoming = s->found.incoming;
	out->outgoing = s->found.outgoing;
	talloc_steal(mem, out->incoming.data);
	talloc_steal(mem, out->outgoing.data);
	s->found = (struct rpc_drs_trust_auth){ 0 };
	tevent_req_received(req);
	return NT_STATUS_OK;
}

char *rpc_drs_tdo_dn(TALLOC_CTX *mem, const char *tdo_name,
		     const char *dns_domain)
{
	const char *bad = ",+\"\\<>;=#";
	char *dn, *dot;
	const char *part;

	if (tdo_name == NULL || dns_domain == NULL || dns_domain[0] == '\0' ||
	    strpbrk(tdo_name, bad) != NULL ||
	    strpbrk(dns_domain, bad) != NULL) {
		return NULL; /* no DN we would have to escape */
	}
	dn = talloc_asprintf(mem, "CN=%s,CN=System", tdo_name);
	for (part = dns_domain; dn != NULL && part != NULL && *part != '\0';
	     part = dot != NULL ? dot + 1 : NULL) {
		dot = strchr(part, '.');
		dn = talloc_asprintf_append(dn, ",DC=%.*s",
					    dot != NULL ? (int)(dot - part) :
							  (int)strlen(part),
					    part);
	}
	return dn;
}
