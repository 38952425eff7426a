/*
 * usrmgr - the RPC backend's operation engine.
 *
 * Each operation is a small state machine (its step function) on top of
 * one struct rpc_op: the engine readies the PDC's connection with the
 * pipes the operation needs, runs the steps, and reopens a dropped
 * connection once -- with a note to the operator in the reply -- when
 * nothing had been written yet, so a retry cannot do a change twice.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <string.h>
#include "rpc_internal.h"
#include "i18n.h"

static void op_ready_done(struct tevent_req *sub);
static void op_call_done(struct tevent_req *sub);

/* A copy of the N strings FROM (NULL for NULL); false without memory. */
static bool strings_copy(TALLOC_CTX *mem, const char *const **to,
			 const char *const *from, size_t n)
{
	const char **copy;
	size_t i;

	*to = NULL;
	if (from == NULL)
		return true;
	copy = talloc_zero_array(mem, const char *, n + 1);
	if (copy == NULL)
		return false;
	for (i = 0; i < n; i++) {
		copy[i] = talloc_strdup(copy, from[i]);
		if (copy[i] == NULL && from[i] != NULL)
			return false;
	}
	*to = copy;
	return true;
}

/* The rights ops' arguments: a right, names or SIDs, accounts. */
static bool rights_args_copy(TALLOC_CTX *mem, struct um_args *to,
			     const struct um_args *from)
{
	struct um_name *acct = NULL;
	size_t i;

	to->right = talloc_strdup(mem, from->right);
	to->n_names = from->n_names;
	to->n_accounts = from->n_accounts;
	if (from->accounts != NULL) {
		acct = talloc_zero_array(mem, struct um_name,
					 from->n_accounts + 1);
		if (acct == NULL)
			return false;
		for (i = 0; i < from->n_accounts; i++) {
			acct[i] = from->accounts[i];
			acct[i].name = talloc_strdup(acct,
						     from->accounts[i].name);
			acct[i].sid = talloc_strdup(acct,
						    from->accounts[i].sid);
			if ((acct[i].name == NULL) !=
			    (from->accounts[i].name == NULL) ||
			    (acct[i].sid == NULL) !=
			    (from->accounts[i].sid == NULL))
				return false;
		}
	}
	to->accounts = acct;
	return strings_copy(mem, &to->names, from->names, from->n_names) &&
	       strings_copy(mem, &to->sids, from->sids, from->n_names) &&
	       (to->right != NULL) == (from->right != NULL);
}

/* A deep copy of FROM that the op owns; false when memory ran out. */
static bool args_copy(TALLOC_CTX *mem, struct um_args *to,
		      const struct um_args *from)
{
	if (from == NULL)
		return true;
	to->partner = talloc_strdup(mem, from->partner);
	to->partner_dns = talloc_strdup(mem, from->partner_dns);
	to->partner_sid = talloc_strdup(mem, from->partner_sid);
	to->user = talloc_strdup(mem, from->user);
	to->resume = from->resume;
	to->max = from->max;
	to->two_way_rekey = from->two_way_rekey;
	to->keep_password = from->keep_password;
	to->known_absent = from->known_absent;
	to->new_name = talloc_strdup(mem, from->new_name);
	to->group = talloc_strdup(mem, from->group);
	to->member_sid = talloc_strdup(mem, from->member_sid);
	/* the caller's, alive until the op ends: the model waits for it */
	to->group_info = from->group_info;
	to->account = rpc_account_copy(mem, from->account);
	if (from->password != NULL)
		/* a copy the op owns; wiped when the op is freed */
		to->password = um_secret_new(mem,
					     um_secret_reveal(from->password),
					     um_secret_len(from->password));
	if (from->policy != NULL)
		to->policy = talloc_memdup(mem, from->policy,
					   sizeof(*from->policy));
	if (from->audit != NULL)
		to->audit = talloc_memdup(mem, from->audit,
					  sizeof(*from->audit));
	return rights_args_copy(mem, to, from) &&
	       (to->policy != NULL) == (from->policy != NULL) &&
	       (to->audit != NULL) == (from->audit != NULL) &&
	       (to->partner != NULL) == (from->partner != NULL) &&
	       (to->partner_dns != NULL) == (from->partner_dns != NULL) &&
	       (to->partner_sid != NULL) == (from->partner_sid != NULL) &&
	       (to->member_sid != NULL) == (from->member_sid != NULL) &&
	       (to->user != NULL) == (from->user != NULL) &&
	       (to->new_name != NULL) == (from->new_name != NULL) &&
	       (to->account != NULL) == (from->account != NULL) &&
	       (to->password != NULL) == (from->password != NULL);
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

static bool op_has_args(const struct rpc_op *op, unsigned required)
{
	if ((required & RPC_ARG_PARTNER) && op->args.partner == NULL)
		return false;
	if ((required & RPC_ARG_PASSWORD) && op->args.password == NULL)
		return false;
	return !((required & RPC_ARG_USER) && op->args.user == NULL);
}

struct tevent_req *rpc_op_send(TALLOC_CTX *mem, struct tevent_context *ev,
			       struct um_pdc *pdc, const struct um_args *args,
			       const struct rpc_op_kind *kind)
{
	struct rpc_backend *be = pdc->backend;
	struct tevent_req *req;
	struct rpc_op *op;
	void *state;

	req = _tevent_req_create(mem, &state, kind->size, kind->type,
				 __location__);
	if (req == NULL)
		return NULL;
	op = state;
	op->ev = ev;
	op->pdc = pdc;
	op->conn = be->conn;
	op->step = kind->step;
	op->needs = kind->needs;
	op->variant = kind->variant;
	op->st = um_ok();
	if (!args_copy(op, &op->args, args)) {
		talloc_free(req);
		return NULL;
	}
	if (!op_has_args(op, kind->required))
		op->st = um_local(UM_LOCAL_USAGE);
	else if (kind->prepare != NULL)
		op->st = kind->prepare(op);
	if (um_is_ok(op->st))
		op_ready(req, op);
	else
		tevent_req_done(req);
	if (!tevent_req_is_in_progress(req))
		return tevent_req_post(req, ev);
	return req;
}

void rpc_op_note(struct rpc_op *op, const char *text)
{
	char *note = op->reply.note == NULL ?
		talloc_strdup(op, text) :
		talloc_asprintf_append(op->reply.note, "\n%s", text);

	/* without memory the note is lost, never the operation's status */
	if (note != NULL)
		op->reply.note = note;
}

uint32_t rpc_op_page_size(const struct rpc_op *op)
{
	if (op->args.max != 0)
		return op->args.max;
	if (op->conn->opt != NULL && op->conn->opt->page_size != 0)
		return op->conn->opt->page_size;
	return RPC_DEFAULT_PAGE;
}

static void op_note_reopened(struct rpc_op *op)
{
	char *text = talloc_asprintf(op, _("The connection to %s was lost "
					   "and has been reopened."),
				     op->pdc->name);

	rpc_op_note(op, text ? text : op->pdc->name);
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
	op->stage = 0;
	op->step(req, op);
}

void rpc_op_call(struct tevent_req *req, struct rpc_op *op, unsigned pipe,
		 uint32_t opnum, void *r, bool writes)
{
	struct rpc_conn *c = op->conn;
	struct dcerpc_pipe *p = pipe == RPC_NEED_SAMR ? c->samr :
				pipe == RPC_NEED_NETLOGON ? c->netlogon :
							    c->lsa;
	const struct ndr_interface_table *t =
		pipe == RPC_NEED_SAMR ? &ndr_table_samr :
		pipe == RPC_NEED_NETLOGON ? &ndr_table_netlogon :
					    &ndr_table_lsarpc;
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
	um_test_rpc_trace("%s send %s opnum %u (%p)", c->host, t->name,
			  (unsigned)opnum, (void *)sub);
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
	bool to_step = op->step_on_fault;

	um_test_rpc_trace("%s done (%p)", op->conn->host, (void *)sub);

	TALLOC_FREE(sub);
	op->step_on_fault = false;
	op->fault = st;
	if (NT_STATUS_IS_OK(st) || (to_step && !rpc_is_disconnect(st))) {
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

void rpc_op_next(struct tevent_req *req, struct rpc_op *op, int stage,
		 unsigned pipe, uint32_t opnum, void *r, bool writes)
{
	op->stage = stage;
	rpc_op_call(req, op, pipe, opnum, r, writes);
}

void rpc_op_finish(struct tevent_req *req, struct rpc_op *op,
		   struct um_status st)
{
	op->st = st;
	tevent_req_done(req);
}

bool rpc_op_nterror(struct tevent_req *req, struct rpc_op *op, NTSTATUS st)
{
	if (NT_STATUS_IS_OK(st))
		return false;
	rpc_op_finish(req, op, rpc_nt(st));
	return true;
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
		talloc_steal(mem, op->reply.account);
		talloc_steal(mem, op->reply.group);
		talloc_steal(mem, op->reply.pdc);
		talloc_steal(mem, op->reply.note);
		talloc_steal(mem, op->reply.names);
	}
	tevent_req_received(req);
	return st;
}
