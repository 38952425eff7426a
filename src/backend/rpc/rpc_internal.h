/*
 * usrmgr - the RPC backend's insides, shared by backend_rpc.c (the AD
 * dialect), backend_rpc_nt4.c (the NT4 dialect), rpc_conn.c (the one
 * connection per PDC) and rpc_op.c (the operation engine).
 *
 * Only these files include Samba's headers.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifndef USRMGR_RPC_INTERNAL_H
#define USRMGR_RPC_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>
#include <tevent.h>
#include <util/data_blob.h>
#include <util/time.h>
#include <util/tevent_ntstatus.h>
#include <core/ntstatus.h>
#include <core/werror.h>
#include "test_hooks.h"
#include <dcerpc.h>
#include <credentials.h>
#include <param.h>
#include <gen_ndr/lsa.h>
#include <gen_ndr/netlogon.h>
#include <gen_ndr/samr.h>
#include <gen_ndr/security.h>
#include <gen_ndr/ndr_samr.h>
#include "backend.h"

/* Exported by libndr-standard, but declared only in headers Samba does
 * not install (gen_ndr/ndr_lsa.h, ndr_netlogon.h). */
extern const struct ndr_interface_table ndr_table_lsarpc;
extern const struct ndr_interface_table ndr_table_netlogon;

/* LSA and NETLOGON opnums (MS-LSAD 3.1.4, MS-NRPC 3.5.4); no ndr_lsa.h is
 * installed.  tests/rpc/rpc-unit-test.c checks each against the names in
 * ndr_table_lsarpc / ndr_table_netlogon. */
#define RPC_LSA_CLOSE                        0
#define RPC_LSA_QUERYINFOPOLICY              7
#define RPC_LSA_SETINFOPOLICY                8
#define RPC_LSA_ENUMTRUSTDOM                13
#define RPC_LSA_LOOKUPSIDS                  15
#define RPC_LSA_OPENTRUSTEDDOMAIN           25
#define RPC_LSA_DELETEOBJECT                34
#define RPC_LSA_ENUMACCOUNTSWITHUSERRIGHT   35
#define RPC_LSA_ADDACCOUNTRIGHTS            37
#define RPC_LSA_REMOVEACCOUNTRIGHTS         38
#define RPC_LSA_SETINFORMATIONTRUSTEDDOMAIN 27
#define RPC_LSA_DELETETRUSTEDDOMAIN         41
#define RPC_LSA_OPENPOLICY2                 44
#define RPC_LSA_QUERYINFOPOLICY2            46
#define RPC_LSA_QUERYTRUSTEDDOMAININFOBYNAME 48
#define RPC_LSA_ENUMTRUSTEDDOMAINSEX        50
#define RPC_LSA_OPENTRUSTEDDOMAINBYNAME     55
#define RPC_LSA_CREATETRUSTEDDOMAINEX2      59
#define RPC_LSA_LOOKUPNAMES3                68
#define RPC_NETR_GETDCNAME                  11
#define RPC_NETR_LOGONCONTROL2EX            18
#define RPC_NETR_DSRGETDCNAMEEX2            34

/* Entries a page has when neither the operation nor --page-size says. */
#define RPC_DEFAULT_PAGE 512u

/* Which pipes an operation needs on the PDC's connection. */
#define RPC_NEED_LSA      0x1u
#define RPC_NEED_NETLOGON 0x2u
#define RPC_NEED_SAMR     0x4u

/* The one connection to one PDC, opened on the first operation and kept
 * (a talloc child of the PDC's backend state). */
struct rpc_conn {
	struct um_pdc *pdc;
	char *host;
	char *unc;                    /* "\\host", as NETLOGON names it */
	struct loadparm_context *lp;
	struct cli_credentials *creds;
	const struct um_model_options *opt;

	struct dcerpc_pipe *lsa;      /* the primary pipe: owns the SMB session */
	struct policy_handle policy;
	bool trust_admin;             /* policy opened with TRUST_ADMIN */
	DATA_BLOB session_key;        /* SMB session key, for the auth blob */
	struct dcerpc_pipe *netlogon; /* secondary pipes on the same session */
	struct dcerpc_pipe *samr;
	struct policy_handle samr_connect;
	struct policy_handle samr_domain;
	struct samr_early *early;     /* SAMR opening beside LSA (opt->screens) */

	struct um_domain_info info;   /* what LSA said at connect time */
	bool ever_connected;          /* a later connect is a reopen */
	unsigned connects;            /* for tests: how many times */
	unsigned calls;               /* for tests: round trips so far */
};

/* The host to connect CONN to: its PDC's address, or its name. */
const char *rpc_conn_target(const struct rpc_conn *conn);
/* LP's "name resolve order" without "host" (the system's resolver);
 * OBJECT_NAME_NOT_FOUND when no method is left. */
NTSTATUS rpc_lp_without_host(struct loadparm_context *lp);

/* Per-PDC state hung off pdc->backend. */
struct rpc_backend {
	struct rpc_conn *conn;
};

/* ---- rpc_util.c ---- */
struct um_status rpc_nt(NTSTATUS st);
struct um_status rpc_werr(WERROR w);
/* A status that means the transport went away (retry on a new one). */
bool rpc_is_disconnect(NTSTATUS st);
char *rpc_sid_string(TALLOC_CTX *mem, const struct dom_sid *sid);
struct dom_sid *rpc_sid_parse(TALLOC_CTX *mem, const char *text);
/* "\\\\host" -> "host" */
const char *rpc_strip_unc(const char *unc);
/* RC4 DATA in place with KEY (gnutls ARCFOUR_128). */
NTSTATUS rpc_arcfour(const DATA_BLOB *key, DATA_BLOB *data);
/* Fill BUF with random bytes from gnutls. */
NTSTATUS rpc_random(uint8_t *buf, size_t len);
/* Split "DOM\\user", "user@dom" or "user"; false without memory. */
bool rpc_split_user(TALLOC_CTX *mem, const char *full, char **domain,
		    char **user);
/* S in capitals (ASCII), without a trailing '$' when STRIP_DOLLAR. */
char *rpc_upper(TALLOC_CTX *mem, const char *s, bool strip_dollar);
/* An enumeration's answer: another page to come, or the end. */
bool rpc_more_entries(NTSTATUS st);
bool rpc_no_more_entries(NTSTATUS st);
/* PASSWORD as UTF-16LE, for a blob that the
 * session key encrypts: NO_USER_SESSION_KEY without that key.  The
 * caller wipes it with rpc_wipe_blob(). */
NTSTATUS rpc_password_utf16(TALLOC_CTX *mem, const DATA_BLOB *session_key,
			    const struct um_secret *password, DATA_BLOB *out);
/* Wipe and free BLOB (the engine's wipe: um_secret_wipe). */
void rpc_wipe_blob(DATA_BLOB *blob);

/* ---- rpc_conn.c ---- */
void rpc_init_once(void);
/* Samba's settings: OPT's smb.conf (BAD_FILE when it cannot be loaded)
 * or the system's, with what an encrypted connection needs. */
struct um_status rpc_lp_new(TALLOC_CTX *mem,
			    const struct um_model_options *opt,
			    struct loadparm_context **out);
/* Cli credentials from the model's UC, which are complete: the model has
 * asked for any missing password before attaching.  NULL with *ST set. */
struct cli_credentials *rpc_creds_new(TALLOC_CTX *mem,
				      struct loadparm_context *lp,
				      const struct um_creds *uc,
				      bool require_kerberos,
				      struct um_status *st);
/* Plain (sessionless) credentials for a short-lived logon: NTLM. */
struct cli_credentials *rpc_creds_user(TALLOC_CTX *mem,
				       struct loadparm_context *lp,
				       const char *domain, const char *user,
				       const char *password);

/* Open a pipe to HOST: ncacn_np, SMB3 encryption required by LP. */
struct tevent_req *rpc_pipe_open_send(TALLOC_CTX *mem,
				      struct tevent_context *ev,
				      const char *host,
				      const struct ndr_interface_table *table,
				      struct cli_credentials *creds,
				      struct loadparm_context *lp);
/* The same over ncacn_ip_tcp with [seal] (DRSUAPI); rpc_pipe_open_recv. */
struct tevent_req *rpc_pipe_open_sealed_send(TALLOC_CTX *mem,
					     struct tevent_context *ev,
					     const char *host,
					     const struct ndr_interface_table *t,
					     struct cli_credentials *creds,
					     struct loadparm_context *lp);
/* A pipe connect's failure, in the words of a connection: see there. */
NTSTATUS rpc_connect_status(NTSTATUS st);
NTSTATUS rpc_pipe_open_recv(struct tevent_req *req, TALLOC_CTX *mem,
			    struct dcerpc_pipe **p);

/* Make sure CONN has the pipes in NEEDS (reopening a dead connection);
 * NOTE tells whether a dropped connection was reopened. */
struct tevent_req *rpc_conn_ready_send(TALLOC_CTX *mem,
				       struct tevent_context *ev,
				       struct rpc_conn *conn, unsigned needs);
NTSTATUS rpc_conn_ready_recv(struct tevent_req *req, bool *reopened);
/* Forget every pipe (the next operation reconnects). */
void rpc_conn_drop(struct rpc_conn *conn);

/* ---- rpc_op.c: the operation engine ---- */

struct rpc_op;
typedef void (*rpc_step_fn)(struct tevent_req *req, struct rpc_op *op);

/*
 * Every operation's state begins with a struct rpc_op.  The engine
 * readies the connection, then calls STEP with stage 0; each step either
 * issues one call with rpc_op_next() (with the stage for when it
 * answers) or finishes with rpc_op_finish().  A dropped connection before
 * anything was written is reopened once and the operation restarted.
 */
struct rpc_op {
	struct tevent_context *ev;
	struct um_pdc *pdc;
	struct rpc_conn *conn;
	unsigned needs;
	rpc_step_fn step;
	uint32_t variant;   /* the kind's flavour */
	int stage;
	bool wrote;         /* a modifying call was sent: never restart */
	bool retried;
	unsigned calls;     /* round trips, for the measurements */
	/* Set before a call: its failure (a DCE/RPC fault, not a lost
	 * connection) goes to the step in FAULT instead of ending the op. */
	bool step_on_fault;
	NTSTATUS fault;
	struct um_args args; /* deep copy, owned by the op */
	struct um_status st;
	struct um_reply reply;
};

/* The rpc_op at the head of any operation's state (whose talloc type is
 * the operation's own struct, so tevent_req_data() would refuse it). */
#define rpc_op_of(req) ((struct rpc_op *)_tevent_req_data(req))

/* The arguments an operation cannot do without. */
#define RPC_ARG_PARTNER  0x1u
#define RPC_ARG_PASSWORD 0x2u
#define RPC_ARG_USER     0x4u

/*
 * One kind of operation: its state (a struct that begins with a struct
 * rpc_op), its step function, the pipes it needs, the arguments it cannot
 * do without (else USRMGR_USAGE), a flavour the step reads as op->variant
 * (a direction, a level, a function code), and what to check or fill in
 * before the first step (NULL: nothing; a status other than OK finishes
 * the operation with it).
 */
struct rpc_op_kind {
	const char *type;
	size_t size;
	rpc_step_fn step;
	unsigned needs;
	unsigned required;
	uint32_t variant;
	struct um_status (*prepare)(struct rpc_op *op);
};

#define RPC_OP_KIND(type_, step_, needs_, required_, variant_, prepare_) \
	{ #type_, sizeof(type_), (step_), (needs_), (required_),         \
	  (variant_), (prepare_) }

/* Start an operation of KIND on PDC; NULL without memory. */
struct tevent_req *rpc_op_send(TALLOC_CTX *mem, struct tevent_context *ev,
			       struct um_pdc *pdc, const struct um_args *args,
			       const struct rpc_op_kind *kind);

/* The um_op_send_fn NAME, which starts an operation of KIND. */
#define RPC_OP_SENDER(name, kind)                                         \
	struct tevent_req *name(TALLOC_CTX *mem, struct tevent_context *ev,\
				struct um_pdc *pdc,                       \
				const struct um_args *args)               \
	{                                                                 \
		return rpc_op_send(mem, ev, pdc, args, &(kind));          \
	}

/* Issue one call; the step runs again when it answers.  WRITES marks a
 * call that changes the server. */
void rpc_op_call(struct tevent_req *req, struct rpc_op *op, unsigned pipe,
		 uint32_t opnum, void *r, bool writes);
/* The same, with STAGE as the step's stage when it answers.  PIPE: one
 * of RPC_NEED_LSA, RPC_NEED_SAMR, RPC_NEED_NETLOGON. */
void rpc_op_next(struct tevent_req *req, struct rpc_op *op, int stage,
		 unsigned pipe, uint32_t opnum, void *r, bool writes);
void rpc_op_finish(struct tevent_req *req, struct rpc_op *op,
		   struct um_status st);
/* A failed NTSTATUS finishes the operation with it: true then. */
bool rpc_op_nterror(struct tevent_req *req, struct rpc_op *op, NTSTATUS st);
/* A note for the operator, carried in the reply (the model shows it). */
void rpc_op_note(struct rpc_op *op, const char *text);
struct um_status rpc_op_recv(struct tevent_req *req, TALLOC_CTX *mem,
			     struct um_reply *reply);
/* The page size an operation asks for: its argument, --page-size, or
 * the backend's default. */
uint32_t rpc_op_page_size(const struct rpc_op *op);

/* ---- rpc_netlogon.c: NETLOGON and logons, as both dialects use them ---- */

/* LogonControl2Ex at level 2: what one call needs. */
struct rpc_control {
	struct netr_LogonControl2Ex r;
	union netr_CONTROL_DATA_INFORMATION data;
	union netr_CONTROL_QUERY_INFORMATION query;
};
/* Ask OP's PDC CODE (TC_VERIFY, REDISCOVER) about DOMAIN. */
void rpc_control_call(struct tevent_req *req, struct rpc_op *op,
		      struct rpc_control *c, uint32_t code,
		      const char *domain);
/* Finish OP with the answer, as samba-tool domain trust validate reads
 * it; the channel's own status goes to op->reply.detail. */
void rpc_control_answer(struct tevent_req *req, struct rpc_op *op,
			const struct rpc_control *c);

/* A logon as DOMAIN\USER with PASSWORD on a short-lived SMB session of
 * its own (the operation's round trip); its recv gives the session
 * setup's status, the session already closed. */
struct tevent_req *rpc_logon_send(TALLOC_CTX *mem, struct rpc_op *op,
				  const char *domain, const char *user,
				  const char *password);
NTSTATUS rpc_logon_recv(struct tevent_req *sub);

/* Finish a locate_dc with a DC's UNC name or address (RESULT failed, or
 * none found: that status). */
void rpc_locate_answer(struct tevent_req *req, struct rpc_op *op,
		       WERROR result, const char *unc);

/* MS-SAMR 2.2.6.21: OP's args.password in a SamprEncryptedUserPassword
 * for SetUserInfo2 levels 23 and 24 (backend_rpc_nt4.c). */
NTSTATUS rpc_crypt_password(struct rpc_op *op, struct samr_CryptPassword *cp);

/* ---- user accounts (rpc_users.c), both dialects alike ---- */
/* A deep copy of A (NULL for NULL, or without memory). */
struct um_account *rpc_account_copy(TALLOC_CTX *mem,
				    const struct um_account *a);
struct tevent_req *rpc_query_user_send(TALLOC_CTX *, struct tevent_context *,
				       struct um_pdc *,
				       const struct um_args *);
struct tevent_req *rpc_add_user_send(TALLOC_CTX *, struct tevent_context *,
				     struct um_pdc *, const struct um_args *);
struct tevent_req *rpc_set_user_send(TALLOC_CTX *, struct tevent_context *,
				     struct um_pdc *, const struct um_args *);
struct tevent_req *rpc_rename_user_send(TALLOC_CTX *,
					struct tevent_context *,
					struct um_pdc *,
					const struct um_args *);
struct tevent_req *rpc_delete_user_send(TALLOC_CTX *,
					struct tevent_context *,
					struct um_pdc *,
					const struct um_args *);

/* ---- groups (rpc_groups.c), both dialects alike ---- */
#define RPC_GROUP_SEND(name)                                              \
	struct tevent_req *name(TALLOC_CTX *, struct tevent_context *,    \
				struct um_pdc *, const struct um_args *)
RPC_GROUP_SEND(rpc_query_group_send);
RPC_GROUP_SEND(rpc_add_group_send);
RPC_GROUP_SEND(rpc_delete_group_send);
RPC_GROUP_SEND(rpc_add_member_send);
RPC_GROUP_SEND(rpc_remove_member_send);
RPC_GROUP_SEND(rpc_set_group_send);

/* ---- the operations both dialects share (rpc_netlogon.c, rpc_shared.c) --- */
struct tevent_req *rpc_domain_info_send(TALLOC_CTX *, struct tevent_context *,
					struct um_pdc *, const struct um_args *);
/* NETLOGON TC_VERIFY (the AD dialect's verify) and REDISCOVER */
struct tevent_req *rpc_verify_send(TALLOC_CTX *, struct tevent_context *,
				   struct um_pdc *, const struct um_args *);
struct tevent_req *rpc_reset_send(TALLOC_CTX *, struct tevent_context *,
				  struct um_pdc *, const struct um_args *);
struct tevent_req *rpc_check_trust_account_send(TALLOC_CTX *,
						struct tevent_context *,
						struct um_pdc *,
						const struct um_args *);
struct tevent_req *rpc_logon_test_send(TALLOC_CTX *, struct tevent_context *,
				       struct um_pdc *,
				       const struct um_args *);
struct tevent_req *rpc_list_users_send(TALLOC_CTX *, struct tevent_context *,
				       struct um_pdc *,
				       const struct um_args *);
struct tevent_req *rpc_list_groups_send(TALLOC_CTX *,
					struct tevent_context *,
					struct um_pdc *,
					const struct um_args *);

/* ---- rpc_policy.c: Policies -> Account over SAMR (levels 1, 3, 12) ---- */
struct tevent_req *rpc_query_account_policy_send(TALLOC_CTX *,
						 struct tevent_context *,
						 struct um_pdc *,
						 const struct um_args *);
struct tevent_req *rpc_set_account_policy_send(TALLOC_CTX *,
					       struct tevent_context *,
					       struct um_pdc *,
					       const struct um_args *);
/* The three levels as the dialog's policy, and back (I1 as the server
 * had it: its other password properties are kept). */
void rpc_policy_from_samr(const struct samr_DomInfo1 *i1,
			  const struct samr_DomInfo3 *i3,
			  const struct samr_DomInfo12 *i12,
			  struct um_account_policy *pol);
void rpc_policy_to_samr(const struct um_account_policy *pol,
			struct samr_DomInfo1 *i1, struct samr_DomInfo3 *i3,
			struct samr_DomInfo12 *i12);

/* ---- rpc_audit.c: Policies -> Audit over LSA (AUDIT_EVENTS) ---- */
struct tevent_req *rpc_query_audit_policy_send(TALLOC_CTX *,
					       struct tevent_context *,
					       struct um_pdc *,
					       const struct um_args *);
struct tevent_req *rpc_set_audit_policy_send(TALLOC_CTX *,
					     struct tevent_context *,
					     struct um_pdc *,
					     const struct um_args *);

/* ---- rpc_rights.c: Policies -> User Rights over LSA ---- */
RPC_GROUP_SEND(rpc_lookup_names_send);
RPC_GROUP_SEND(rpc_lookup_sids_send);
RPC_GROUP_SEND(rpc_list_rights_send);
RPC_GROUP_SEND(rpc_grant_right_send);
RPC_GROUP_SEND(rpc_revoke_right_send);

/* The operations both dialects' tables have alike. */
#define RPC_SHARED_OPS                                                   \
	.query_audit_policy = rpc_query_audit_policy_send,               \
	.set_audit_policy = rpc_set_audit_policy_send,                   \
	.query_account_policy = rpc_query_account_policy_send,           \
	.set_account_policy = rpc_set_account_policy_send,               \
	.domain_info = rpc_domain_info_send,                             \
	.list_users = rpc_list_users_send,                               \
	.list_groups = rpc_list_groups_send,                             \
	.check_trust_account = rpc_check_trust_account_send,             \
	.reset = rpc_reset_send,                                         \
	.logon_test = rpc_logon_test_send,                               \
	.query_user = rpc_query_user_send,                               \
	.add_user = rpc_add_user_send,                                   \
	.set_user = rpc_set_user_send,                                   \
	.rename_user = rpc_rename_user_send,                             \
	.delete_user = rpc_delete_user_send,                             \
	.query_group = rpc_query_group_send,                             \
	.add_group = rpc_add_group_send,                                 \
	.delete_group = rpc_delete_group_send,                           \
	.add_member = rpc_add_member_send,                               \
	.remove_member = rpc_remove_member_send,                         \
	.set_group = rpc_set_group_send,                                 \
	.lookup_names = rpc_lookup_names_send,                           \
	.lookup_sids = rpc_lookup_sids_send,                             \
	.list_rights = rpc_list_rights_send,                             \
	.grant_right = rpc_grant_right_send,                             \
	.revoke_right = rpc_revoke_right_send,                           \
	.recv = rpc_op_recv

/* The dialects' tables (backend_rpc.c, backend_rpc_nt4.c). */
extern const struct um_backend_ops rpc_ops_ad;
extern const struct um_backend_ops rpc_ops_nt4;

#endif
