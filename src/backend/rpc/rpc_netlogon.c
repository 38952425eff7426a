/*
 * usrmgr - NETLOGON and logons, as both RPC dialects use them: the
 * LogonControl2Ex call and how its answer reads, a logon on a short-lived
 * session of its own (the trust account check, the logon test, the NT4
 * verify's probe), a located DC's name, and the operations built from
 * them alone (reset, check_trust_account, logon_test).
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <string.h>
#include "rpc_internal.h"

/* ================= LogonControl2Ex ================= */

void rpc_control_call(struct tevent_req *req, struct rpc_op *op,
		      struct rpc_control *c, uint32_t code,
		      const char *domain)
{
	c->r.in.logon_server = op->conn->unc;
	c->r.in.function_code = code;
	c->r.in.level = 2;
	c->data.domain = domain;
	c->r.in.data = &c->data;
	c->r.out.query = &c->query;
	/* TC_VERIFY reads; REDISCOVER changes only a cache: safe to repeat */
	rpc_op_call(req, op, RPC_NEED_NETLOGON,
		    RPC_NETR_LOGONCONTROL2EX, &c->r, false);
}

void rpc_control_answer(struct tevent_req *req, struct rpc_op *op,
			const struct rpc_control *c)
{
	const struct netr_NETLOGON_INFO_2 *i2 = c->query.info2;
	WERROR trust, channel;

	if (!W_ERROR_IS_OK(c->r.out.result) || i2 == NULL) {
		rpc_op_finish(req, op, rpc_werr(c->r.out.result));
		return;
	}
	channel = i2->tc_connection_status;
	op->reply.detail = rpc_werr(channel);
	/* as samba-tool domain trust validate reads it: TRUST is the
	 * verification (when the server returned one), CONNECTION the
	 * channel to the partner's DC */
	trust = (c->r.in.function_code == NETLOGON_CONTROL_TC_VERIFY &&
		 (i2->flags & NETLOGON_VERIFY_STATUS_RETURNED)) ?
		i2->pdc_connection_status : WERR_OK;
	rpc_op_finish(req, op, rpc_werr(W_ERROR_IS_OK(trust) ? channel :
					 trust));
}

/* ================= a logon of its own ================= */

/*
 * A logon as someone else than the operator: a short-lived SMB session
 * whose session-setup status is the answer.  The LSA pipe on top is only
 * there because the public API offers session setup as part of opening a
 * pipe.
 */
struct tevent_req *rpc_logon_send(TALLOC_CTX *mem, struct rpc_op *op,
				  const char *domain, const char *user,
				  const char *password)
{
	struct cli_credentials *c;

	c = rpc_creds_user(mem, op->conn->lp, domain, user, password);
	if (c == NULL)
		return NULL;
	op->calls++;
	op->conn->calls++; /* the session setup is the round trip */
	um_test_rpc_trace("%s logon as %s\\%s", op->conn->host, domain, user);
	return rpc_pipe_open_send(mem, op->ev, rpc_conn_target(op->conn),
				  &ndr_table_lsarpc, c, op->conn->lp);
}

NTSTATUS rpc_logon_recv(struct tevent_req *sub)
{
	struct dcerpc_pipe *p = NULL;
	NTSTATUS st = rpc_connect_status(rpc_pipe_open_recv(sub, sub, &p));

	TALLOC_FREE(p); /* closes the session */
	um_test_rpc_trace("logon done");
	return st;
}

/* ================= a located DC ================= */

void rpc_locate_answer(struct tevent_req *req, struct rpc_op *op,
		       WERROR result, const char *unc)
{
	if (!W_ERROR_IS_OK(result) || unc == NULL) {
		rpc_op_finish(req, op, rpc_werr(result));
		return;
	}
	op->reply.pdc = talloc_strdup(op, rpc_strip_unc(unc));
	rpc_op_finish(req, op, op->reply.pdc != NULL ? um_ok() :
		      um_local(UM_LOCAL_NO_MEMORY));
}

/* ============ verify (AD) and reset: LogonControl2Ex ============ */

/* op->variant: the function code, TC_VERIFY or REDISCOVER */
struct control_state {
	struct rpc_op op;
	struct rpc_control c;
};

static void control_step(struct tevent_req *req, struct rpc_op *op)
{
	struct control_state *s = (struct control_state *)op;
	const char *dns = op->args.partner_dns;

	if (op->stage == 0) {
		op->stage = 1;
		rpc_control_call(req, op, &s->c, op->variant,
				 dns && dns[0] ? dns : op->args.partner);
		return;
	}
	rpc_control_answer(req, op, &s->c);
}

static const struct rpc_op_kind verify_kind =
	RPC_OP_KIND(struct control_state, control_step,
		    RPC_NEED_LSA | RPC_NEED_NETLOGON, RPC_ARG_PARTNER,
		    NETLOGON_CONTROL_TC_VERIFY, NULL);
static const struct rpc_op_kind reset_kind =
	RPC_OP_KIND(struct control_state, control_step,
		    RPC_NEED_LSA | RPC_NEED_NETLOGON, RPC_ARG_PARTNER,
		    NETLOGON_CONTROL_REDISCOVER, NULL);
RPC_OP_SENDER(rpc_verify_send, verify_kind)
RPC_OP_SENDER(rpc_reset_send, reset_kind)

/* ========== check_trust_account and logon_test: a logon each ========== */

/* op->variant: check_trust_account (1), or logon_test (0) */
struct logon_state {
	struct rpc_op op;
	char *domain;
	char *user;
};

static void logon_done(struct tevent_req *sub);

static void logon_step(struct tevent_req *req, struct rpc_op *op)
{
	struct logon_state *s = (struct logon_state *)op;
	struct tevent_req *sub;

	if (s->domain == NULL || s->domain[0] == '\0')
		s->domain = talloc_strdup(s, op->conn->info.name);
	sub = s->domain == NULL ? NULL :
		rpc_logon_send(s, op, s->domain, s->user,
			       um_secret_reveal(op->args.password));
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
	struct logon_state *s = (struct logon_state *)rpc_op_of(req);
	NTSTATUS st = rpc_logon_recv(sub);

	TALLOC_FREE(sub);
	if (!s->op.variant) {
		rpc_op_finish(req, &s->op, rpc_nt(st));
		return;
	}
	/* NT's own test (FACTS 1): this refusal means "the account exists
	 * and the password is right" */
	if (NT_STATUS_EQUAL(st, NT_STATUS_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT))
		rpc_op_finish(req, &s->op, um_ok());
	else if (NT_STATUS_IS_OK(st))
		/* a logon that works is an ordinary account, not a trust */
		rpc_op_finish(req, &s->op,
			      rpc_nt(NT_STATUS_NO_TRUST_SAM_ACCOUNT));
	else
		rpc_op_finish(req, &s->op, rpc_nt(st));
}

/* check_trust_account: PARTNER$ in the accounts domain (this PDC's own) */
static struct um_status trust_account_prepare(struct rpc_op *op)
{
	struct logon_state *s = (struct logon_state *)op;

	s->user = talloc_asprintf(s, "%s$", op->args.partner);
	return s->user != NULL ? um_ok() : um_local(UM_LOCAL_NO_MEMORY);
}

/* logon_test: the user as typed, "DOM\\user", "user@dom" or "user" */
static struct um_status logon_test_prepare(struct rpc_op *op)
{
	struct logon_state *s = (struct logon_state *)op;

	return rpc_split_user(s, op->args.user, &s->domain, &s->user) ?
		um_ok() : um_local(UM_LOCAL_NO_MEMORY);
}

static const struct rpc_op_kind trust_account_kind =
	RPC_OP_KIND(struct logon_state, logon_step, RPC_NEED_LSA,
		    RPC_ARG_PARTNER | RPC_ARG_PASSWORD, 1,
		    trust_account_prepare);
static const struct rpc_op_kind logon_test_kind =
	RPC_OP_KIND(struct logon_state, logon_step, RPC_NEED_LSA,
		    RPC_ARG_USER | RPC_ARG_PASSWORD, 0, logon_test_prepare);
RPC_OP_SENDER(rpc_check_trust_account_send, trust_account_kind)
RPC_OP_SENDER(rpc_logon_test_send, logon_test_kind)
