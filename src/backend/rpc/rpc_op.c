/*
 * usrmgr - the RPC backend's operation engine.
 *
 * Each operation is a small state machine (its step function) on top of
 * one struct rpc_op: the engine readies the PDC's connection with the
 * pipes the operation needs, runs the steps, and reopens a dropped
 * connection once -- with a note to the operator -- when nothing had been
 * written yet, so a retry cannot do a change twice.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <string.h>
#include "rpc_internal.h"
#include "i18n.h"

static void op_ready_done(struct tevent_req *sub);
static void op_call_done(struct tevent_req *sub);

static void args_copy(TALLOC_CTX *mem, struct um_args *to,
		      const struct um_args *from)
{
	if (from == NULL)
		return;
	to->partner = talloc_strdup(mem, from->partner);
	to->partner_dns = talloc_strdup(mem, from->partner_dns);
	to->partner_sid = talloc_strdup(mem, from->partner_sid);
	to->user = talloc_strdup(mem, from->user);
	to->resume = from->resume;
	to->max = from->max;
	if (from->password != NULL)
		/* a copy the op owns; wiped when the op is freed */
		to->password = um_secret_new(mem,
					     um_secret_reveal(from->password),
					     um_secret_len(from->password));
}

struct tevent_req *rpc_op_create(TALLOC_CTX *mem, struct tevent_context *ev,
				 struct um_pdc *pdc,
				 const struct um_args *args, void **state,
				 size_t size, const char *type,
				 rpc_step_fn step, unsigned needs)
{
	struct tevent_req *req;
	struct rpc_op *op;
	struct rpc_backend *be = pdc->backend;

	req = _tevent_req_create(mem, state, size, type, __location__);
	if (req == NULL)
		return NULL;
	op = *state;
	op->ev = ev;
	op->pdc = pdc;
	op->conn = be->conn;
	op->step = step;
	op->needs = needs;
	op->st = um_ok();
	args_copy(op, &op->args, args);
	return req;
}

static void op_ready(struct tevent_req *req, struct rpc_op *op)
{
	struct tevent_req *sub;

	sub = rpc_conn_ready_send(op, op->ev, op->conn, op->needs);
	if (sub == NULL) {
		rpc_op_finish(req, op, um_local(UM_LOCAL_NO_MEMORY));
		return;
	}
	tevent_req_set_callback(sub, op_ready_done, req);
}

struct tevent_req *rpc_op_start(struct tevent_req *req, struct rpc_op *op)
{
	op_ready(req, op);
	if (!tevent_req_is_in_progress(req))
		return tevent_req_post(req, op->ev);
	return req;
}

static void op_note_reopened(struct rpc_op *op)
{
	char *text = talloc_asprintf(op, _("The connection to %s was lost "
					   "and has been reopened."),
				     op->pdc->name);

	um_model_note(op->pdc->model, text ? text : op->pdc->name);
	talloc_free(text);
}

static void op_ready_done(struct tevent_req *sub)
{
	struct tevent_req *req = tevent_req_callback_data(sub,
							  struct tevent_req);
	struct rpc_op *op = rpc_op_of(req);
	bool reopened = false;
	NTSTATUS st = rpc_conn_ready_recv(sub, &reopened);

	TALLOC_FREE(sub);
	if (!NT_STATUS_IS_OK(st)) {
		rpc_op_finish(req, op, rpc_nt(st));
		return;
	}
	if (reopened)
		op_note_reopened(op);
	if (op->nt4_only ? op->conn->info.dialect != UM_DIALECT_NT4 :
	    (!op->generic && op->conn->info.dialect != UM_DIALECT_AD)) {
		/* an operation of the other dialect's table, sent before
		 * the first connection told the dialect */
		rpc_op_finish(req, op, um_local(UM_LOCAL_NOT_SUPPORTED));
		return;
	}
	op->stage = 0;
	op->step(req, op);
}

void rpc_op_call(struct tevent_req *req, struct rpc_op *op,
		 struct dcerpc_pipe *p, const struct ndr_interface_table *t,
		 uint32_t opnum, void *r, bool writes)
{
	struct tevent_req *sub;

	if (p == NULL) {
		rpc_op_finish(req, op, um_nt(UM_NT_CONNECTION_DISCONNECTED));
		return;
	}
	sub = dcerpc_binding_handle_call_send(op, op->ev, p->binding_handle,
					      NULL, t, opnum, op, r);
	if (sub == NULL) {
		rpc_op_finish(req, op, um_local(UM_LOCAL_NO_MEMORY));
		return;
	}
	op->calls++;
	op->conn->calls++;
	if (writes)
		op->wrote = true;
	tevent_req_set_callback(sub, op_call_done, req);
}

static void op_call_done(struct tevent_req *sub)
{
	struct tevent_req *req = tevent_req_callback_data(sub,
							  struct tevent_req);
	struct rpc_op *op = rpc_op_of(req);
	NTSTATUS st = dcerpc_binding_handle_call_recv(sub);

	TALLOC_FREE(sub);
	if (NT_STATUS_IS_OK(st)) {
		op->step(req, op);
		return;
	}
	if (rpc_is_disconnect(st))
		rpc_conn_drop(op->conn);
	if (rpc_is_disconnect(st) && !op->wrote && !op->retried) {
		/* nothing changed on the server yet: once more, from the top */
		op->retried = true;
		op_ready(req, op);
		return;
	}
	rpc_op_finish(req, op, rpc_nt(st));
}

void rpc_op_finish(struct tevent_req *req, struct rpc_op *op,
		   struct um_status st)
{
	op->st = st;
	tevent_req_done(req);
}

struct um_status rpc_op_recv(struct tevent_req *req, TALLOC_CTX *mem,
			     struct um_reply *reply)
{
	struct rpc_op *op = rpc_op_of(req);
	enum tevent_req_state state;
	uint64_t err;
	struct um_status st;

	if (tevent_req_is_error(req, &state, &err)) {
		st = state == TEVENT_REQ_TIMED_OUT ?
			um_nt(UM_NT_IO_TIMEOUT) : um_local(UM_LOCAL_NO_MEMORY);
		tevent_req_received(req);
		return st;
	}
	st = op->st;
	if (reply != NULL) {
		*reply = op->reply;
		/* everything the reply points to hangs off one context */
		talloc_steal(mem, op->reply.info.name);
		talloc_steal(mem, op->reply.info.dns_name);
		talloc_steal(mem, op->reply.info.sid);
		talloc_steal(mem, op->reply.info.pdc);
		talloc_steal(mem, op->reply.trusts);
		talloc_steal(mem, op->reply.users);
		talloc_steal(mem, op->reply.groups);
		talloc_steal(mem, op->reply.pdc);
	}
	tevent_req_received(req);
	return st;
}

/* ---- for the dialects that cannot do an operation yet ---- */

struct not_supported_state {
	struct rpc_op op;
};

static void not_supported_step(struct tevent_req *req, struct rpc_op *op)
{
	rpc_op_finish(req, op, um_local(UM_LOCAL_NOT_SUPPORTED));
}

struct tevent_req *rpc_op_not_supported(TALLOC_CTX *mem,
					struct tevent_context *ev,
					struct um_pdc *pdc,
					const struct um_args *args)
{
	struct not_supported_state *s;
	struct tevent_req *req = RPC_OP_CREATE(mem, ev, pdc, args,
					       struct not_supported_state, s,
					       not_supported_step, 0);

	if (req == NULL)
		return NULL;
	s->op.generic = true;
	return rpc_op_start(req, &s->op);
}
