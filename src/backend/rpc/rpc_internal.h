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
#include <core/ntstatus.h>
#include <core/werror.h>
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
#define RPC_LSA_ENUMTRUSTDOM                13
#define RPC_LSA_OPENTRUSTEDDOMAIN           25
#define RPC_LSA_DELETEOBJECT                34
#define RPC_LSA_SETINFORMATIONTRUSTEDDOMAIN 27
#define RPC_LSA_DELETETRUSTEDDOMAIN         41
#define RPC_LSA_OPENPOLICY2                 44
#define RPC_LSA_QUERYINFOPOLICY2            46
#define RPC_LSA_QUERYTRUSTEDDOMAININFOBYNAME 48
#define RPC_LSA_ENUMTRUSTEDDOMAINSEX        50
#define RPC_LSA_OPENTRUSTEDDOMAINBYNAME     55
#define RPC_LSA_CREATETRUSTEDDOMAINEX2      59
#define RPC_NETR_GETDCNAME                  11
#define RPC_NETR_LOGONCONTROL2EX            18
#define RPC_NETR_DSRGETDCNAMEEX2            34

/* Which pipes an operation needs on the PDC's connection. */
#define RPC_NEED_LSA      0x1u
#define RPC_NEED_NETLOGON 0x2u
#define RPC_NEED_SAMR     0x4u

/* The one connection to one PDC, opened on the first operation and kept
 * (a talloc child of the PDC's backend state). */
struct rpc_conn {
	struct um_pdc *pdc;
	char *host;
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

	struct um_domain_info info;   /* what LSA said at connect time */
	bool ever_connected;          /* a later connect is a reopen */
	unsigned connects;            /* for tests: how many times */
	unsigned calls;               /* for tests: round trips so far */
};

/* Per-PDC state hung off pdc->backend. */
struct rpc_backend {
	struct rpc_conn *conn;
};

/* ---- rpc_util.c ---- */
/* tevent_req_nterror() and friends live in libtevent-util, which has no
 * pkg-config file; these two are all we need of it. */
bool rpc_req_nterror(struct tevent_req *req, NTSTATUS st);
bool rpc_req_is_nterror(struct tevent_req *req, NTSTATUS *st);
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
/* Split "DOM\\user", "user@dom" or "user". */
void rpc_split_user(TALLOC_CTX *mem, const char *full, char **domain,
		    char **user);

/* ---- rpc_conn.c ---- */
void rpc_init_once(void);
struct loadparm_context *rpc_lp_new(TALLOC_CTX *mem,
				    const struct um_model_options *opt);
/* Credentials from the model's (asking for a missing password through
 * PDC's model), or NULL with *ST set. */
struct cli_credentials *rpc_creds_new(TALLOC_CTX *mem,
				      struct loadparm_context *lp,
				      const struct um_creds *uc,
				      bool require_kerberos,
				      struct um_pdc *pdc,
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
 * issues one call with rpc_op_call() (setting op->stage for when it
 * answers) or finishes with rpc_op_finish().  A dropped connection before
 * anything was written is reopened once and the operation restarted.
 */
struct rpc_op {
	struct tevent_context *ev;
	struct um_pdc *pdc;
	struct rpc_conn *conn;
	unsigned needs;
	bool generic;       /* works on every dialect */
	bool nt4_only;      /* the NT4 dialect's own (backend_rpc_nt4.c) */
	rpc_step_fn step;
	int stage;
	bool wrote;         /* a modifying call was sent: never restart */
	bool retried;
	unsigned calls;     /* round trips, for the measurements */
	struct um_args args; /* deep copy, owned by the op */
	struct um_status st;
	struct um_reply reply;
};

/* The rpc_op at the head of any operation's state (whose talloc type is
 * the operation's own struct, so tevent_req_data() would refuse it). */
#define rpc_op_of(req) ((struct rpc_op *)_tevent_req_data(req))

#define RPC_OP_CREATE(mem, ev, pdc, args, type, state, stepfn, needs_)   \
	rpc_op_create((mem), (ev), (pdc), (args), (void **)&(state),     \
		      sizeof(type), #type, (stepfn), (needs_))

struct tevent_req *rpc_op_create(TALLOC_CTX *mem, struct tevent_context *ev,
				 struct um_pdc *pdc,
				 const struct um_args *args, void **state,
				 size_t size, const char *type,
				 rpc_step_fn step, unsigned needs);
/* Start (after filling the op's own fields); returns REQ, posted if done. */
struct tevent_req *rpc_op_start(struct tevent_req *req, struct rpc_op *op);
/* Issue one call; the step runs again when it answers.  WRITES marks a
 * call that changes the server. */
void rpc_op_call(struct tevent_req *req, struct rpc_op *op,
		 struct dcerpc_pipe *p, const struct ndr_interface_table *t,
		 uint32_t opnum, void *r, bool writes);
void rpc_op_finish(struct tevent_req *req, struct rpc_op *op,
		   struct um_status st);
struct um_status rpc_op_recv(struct tevent_req *req, TALLOC_CTX *mem,
			     struct um_reply *reply);
/* An operation this dialect cannot do yet. */
struct tevent_req *rpc_op_not_supported(TALLOC_CTX *mem,
					struct tevent_context *ev,
					struct um_pdc *pdc,
					const struct um_args *args);

/* ---- the operations every dialect shares (backend_rpc.c) ---- */
struct tevent_req *rpc_domain_info_send(TALLOC_CTX *, struct tevent_context *,
					struct um_pdc *, const struct um_args *);
/* EnumTrustedDomainsEx on AD, EnumTrustDom (outbound only) on NT4 */
struct tevent_req *rpc_list_trusts_send(TALLOC_CTX *, struct tevent_context *,
					struct um_pdc *, const struct um_args *);
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
struct tevent_req *rpc_locate_dc_send(TALLOC_CTX *, struct tevent_context *,
				      struct um_pdc *, const struct um_args *);
struct tevent_req *rpc_list_users_send(TALLOC_CTX *, struct tevent_context *,
				       struct um_pdc *,
				       const struct um_args *);
struct tevent_req *rpc_list_groups_send(TALLOC_CTX *,
					struct tevent_context *,
					struct um_pdc *,
					const struct um_args *);

extern const struct um_backend_ops rpc_ops_ad;
extern const struct um_backend_ops rpc_ops_nt4;
/* Until the first connection: connect, then run the dialect's own. */
extern const struct um_backend_ops rpc_ops_undecided;

#endif
