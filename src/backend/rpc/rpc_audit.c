/*
 * usrmgr - Policies -> Audit over LSA: QueryInfoPolicy and SetInfoPolicy
 * at AUDIT_EVENTS, on a policy handle of their own (opened with the
 * rights the operator has: the connection's handle is for trusts).
 * Samba's AD and classic PDCs answer the set with a DCE/RPC fault
 * (NT_STATUS_RPC_PROCNUM_OUT_OF_RANGE, measured on the lab): the engine
 * tells the operator so.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <string.h>
#include "rpc_internal.h"

struct audit_state {
	struct rpc_op op;
	struct policy_handle handle;
	struct lsa_ObjectAttribute attr;
	struct lsa_OpenPolicy2 open;
	struct lsa_QueryInfoPolicy q;
	union lsa_PolicyInformation *answer;
	struct lsa_SetInfoPolicy set;
	union lsa_PolicyInformation info;
	enum lsa_PolicyAuditPolicy settings[UM_AUDIT_N];
	struct lsa_Close close;
	struct um_status result;
};

static void audit_open(struct tevent_req *req, struct audit_state *s)
{
	s->open.in.system_name = "\\";
	s->open.in.attr = &s->attr;
	s->open.in.access_mask = SEC_FLAG_MAXIMUM_ALLOWED;
	s->open.out.handle = &s->handle;
	rpc_op_next(req, &s->op, 1, RPC_NEED_LSA, RPC_LSA_OPENPOLICY2,
		    &s->open, false);
}

/* Close the handle; the operation ends with s->result afterwards. */
static void audit_close(struct tevent_req *req, struct audit_state *s)
{
	s->close.in.handle = &s->handle;
	s->close.out.handle = &s->handle;
	rpc_op_next(req, &s->op, 9, RPC_NEED_LSA, RPC_LSA_CLOSE, &s->close,
		    false);
}

static void audit_keep(struct rpc_op *op, const struct lsa_AuditEventsInfo *e)
{
	struct um_audit_policy *a = &op->reply.audit;
	uint32_t i;

	memset(a, 0, sizeof(*a));
	a->auditing = e->auditing_mode != 0;
	for (i = 0; i < e->count && i < UM_AUDIT_N && e->settings; i++)
		a->events[i] = (uint32_t)e->settings[i] &
			       (UM_AUDIT_SUCCESS | UM_AUDIT_FAILURE);
}

static void query_step(struct tevent_req *req, struct rpc_op *op)
{
	struct audit_state *s = (struct audit_state *)op;

	switch (op->stage) {
	case 0:
		audit_open(req, s);
		return;
	case 1:
		if (rpc_op_nterror(req, op, s->open.out.result))
			return;
		s->q.in.handle = &s->handle;
		s->q.in.level = LSA_POLICY_INFO_AUDIT_EVENTS;
		s->q.out.info = &s->answer;
		rpc_op_next(req, op, 2, RPC_NEED_LSA, RPC_LSA_QUERYINFOPOLICY,
			    &s->q, false);
		return;
	case 2:
		s->result = rpc_nt(s->q.out.result);
		if (um_is_ok(s->result) && s->answer != NULL)
			audit_keep(op, &s->answer->audit_events);
		else if (um_is_ok(s->result))
			s->result = um_nt(UM_NT_UNSUCCESSFUL);
		audit_close(req, s);
		return;
	case 9:
		rpc_op_finish(req, op, s->result);
		return;
	}
}

static void set_step(struct tevent_req *req, struct rpc_op *op)
{
	struct audit_state *s = (struct audit_state *)op;
	uint32_t i;

	switch (op->stage) {
	case 0:
		audit_open(req, s);
		return;
	case 1:
		if (rpc_op_nterror(req, op, s->open.out.result))
			return;
		for (i = 0; i < UM_AUDIT_N; i++)
			s->settings[i] = op->args.audit->events[i];
		s->info.audit_events.auditing_mode = op->args.audit->auditing;
		s->info.audit_events.count = UM_AUDIT_N;
		s->info.audit_events.settings = s->settings;
		s->set.in.handle = &s->handle;
		s->set.in.level = LSA_POLICY_INFO_AUDIT_EVENTS;
		s->set.in.info = &s->info;
		rpc_op_next(req, op, 2, RPC_NEED_LSA, RPC_LSA_SETINFOPOLICY,
			    &s->set, true);
		return;
	case 2:
		s->result = rpc_nt(s->set.out.result);
		audit_close(req, s);
		return;
	case 9:
		rpc_op_finish(req, op, s->result);
		return;
	}
}

static struct um_status set_prepare(struct rpc_op *op)
{
	return op->args.audit != NULL ? um_ok() : um_local(UM_LOCAL_USAGE);
}

static const struct rpc_op_kind query_kind =
	RPC_OP_KIND(struct audit_state, query_step, RPC_NEED_LSA, 0, 0, NULL);
RPC_OP_SENDER(rpc_query_audit_policy_send, query_kind)

static const struct rpc_op_kind set_kind =
	RPC_OP_KIND(struct audit_state, set_step, RPC_NEED_LSA, 0, 0,
		    set_prepare);
RPC_OP_SENDER(rpc_set_audit_policy_send, set_kind)
