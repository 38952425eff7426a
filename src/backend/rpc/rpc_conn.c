/*
 * usrmgr - the one connection to one PDC.
 *
 * The LSA pipe is the primary pipe: ncacn_np on a plain binding (so the
 * SMB session key stays available for the trust auth blob) with the SMB
 * layer required to encrypt ("client smb encrypt = required"), since a
 * [seal] binding hides that key (FACTS 2).  NETLOGON and SAMR are opened
 * as secondary pipes on the same SMB session when an operation first needs
 * them.  Everything runs on the model's event context: nothing here blocks.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
/* tevent_loop_allow_nesting() is "deprecated", but what Samba's own
 * tools call: see rpc_pipe_open_send(). */
#define TEVENT_DEPRECATED 1
#define _DEPRECATED_
#include <tevent.h>
#include "rpc_internal.h"

/* Seconds before a connection attempt gives up: a PDC that is down but
 * routed must not hang the console for the kernel's SYN retries. */
#define RPC_CONNECT_TIMEOUT 20

/* Seconds one request may wait for its answer.  A link cut mid-call
 * leaves TCP retransmitting for a quarter of an hour; this bounds it
 * (Samba's own default, said here so that no library change can lift
 * it).  Not shorter: a TC_VERIFY or REDISCOVER makes the resource PDC
 * look for the accounts PDC, which takes its own time when that one is
 * down. */
#define RPC_REQUEST_TIMEOUT 60

/*
 * The composite API's context, as the public composite functions in
 * dcerpc.h hand it out; its header (libcli/composite/composite.h) is not
 * installed.  Only the state and the completion callback are used, and
 * pipe_wait_attach() checks the layout against the event context it set
 * before trusting it.
 */
enum rpc_composite_state {
	RPC_COMPOSITE_INIT,
	RPC_COMPOSITE_IN_PROGRESS,
	RPC_COMPOSITE_DONE,
	RPC_COMPOSITE_ERROR,
};
struct composite_context {
	enum rpc_composite_state state;
	void *private_data;
	NTSTATUS status;
	struct tevent_context *event_ctx;
	struct {
		void (*fn)(struct composite_context *);
		void *private_data;
	} async;
	bool used_wait;
};

typedef NTSTATUS (*rpc_pipe_recv_fn)(struct composite_context *,
				     TALLOC_CTX *, struct dcerpc_pipe **);

void rpc_init_once(void)
{
	static bool done;

	if (!done) {
		/* without it pipe_connect fails: INVALID_PARAMETER (FACTS 2) */
		dcerpc_init();
		done = true;
	}
}

struct um_status rpc_lp_new(TALLOC_CTX *mem,
			    const struct um_model_options *opt,
			    struct loadparm_context **out)
{
	struct loadparm_context *lp = loadparm_init(mem);
	char level[16];

	*out = NULL;
	if (lp == NULL)
		return um_local(UM_LOCAL_NO_MEMORY);
	if (opt != NULL && opt->smb_conf != NULL) {
		if (!lpcfg_load(lp, opt->smb_conf)) {
			talloc_free(lp);
			return um_local(UM_LOCAL_BAD_FILE);
		}
	} else {
		/* as Samba's own tools: the system smb.conf when there is one */
		(void)lpcfg_load_default(lp);
	}
	snprintf(level, sizeof(level), "%d",
		 opt != NULL ? opt->debug_level : 0);
	if (!lpcfg_set_cmdline(lp, "log level", level) ||
	    !lpcfg_set_cmdline(lp, "client smb encrypt", "required") ||
	    /* encryption needs a signed session: a PDC's own smb.conf (-s,
	     * on a classic PDC) may say "client ipc signing = auto", and
	     * then the connect fails with INVALID_PARAMETER_MIX (measured,
	     * 4.17) */
	    !lpcfg_set_cmdline(lp, "client ipc signing", "required") ||
	    /* Samba 4.17's client refuses SMB1 by default; say so */
	    !lpcfg_set_cmdline(lp, "client min protocol", "SMB2_02")) {
		talloc_free(lp);
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	*out = lp;
	return um_ok();
}

static void creds_kerberos(struct cli_credentials *c, bool kerberos)
{
	/* -k means Kerberos only; otherwise NTLM, so that an address given
	 * as -S never waits on a KDC it cannot name */
	cli_credentials_set_kerberos_state(c, kerberos ?
					   CRED_USE_KERBEROS_REQUIRED :
					   CRED_USE_KERBEROS_DISABLED,
					   CRED_SPECIFIED);
}

struct cli_credentials *rpc_creds_new(TALLOC_CTX *mem,
				      struct loadparm_context *lp,
				      const struct um_creds *uc,
				      bool require_kerberos,
				      struct um_status *st)
{
	struct cli_credentials *c = cli_credentials_init(mem);
	bool kerberos = require_kerberos || (uc != NULL && uc->kerberos);

	*st = um_ok();
	if (c == NULL) {
		*st = um_local(UM_LOCAL_NO_MEMORY);
		return NULL;
	}
	cli_credentials_set_conf(c, lp);
	if (uc == NULL || uc->anonymous) {
		cli_credentials_set_anonymous(c);
		return c;
	}
	if (uc->authfile != NULL &&
	    !cli_credentials_parse_file(c, uc->authfile, CRED_SPECIFIED)) {
		*st = um_local(UM_LOCAL_BAD_FILE);
		talloc_free(c);
		return NULL;
	}
	if (uc->user != NULL)
		cli_credentials_parse_string(c, uc->user, CRED_SPECIFIED);
	if ((uc->domain != NULL &&
	     !cli_credentials_set_domain(c, uc->domain, CRED_SPECIFIED)) ||
	    (uc->password != NULL &&
	     !cli_credentials_set_password(c, um_secret_reveal(uc->password),
					   CRED_SPECIFIED))) {
		*st = um_local(UM_LOCAL_NO_MEMORY);
		talloc_free(c);
		return NULL;
	}
	creds_kerberos(c, kerberos);
	return c;
}

struct cli_credentials *rpc_creds_user(TALLOC_CTX *mem,
				       struct loadparm_context *lp,
				       const char *domain, const char *user,
				       const char *password)
{
	struct cli_credentials *c = cli_credentials_init(mem);

	if (c == NULL)
		return NULL;
	cli_credentials_set_conf(c, lp);
	if (!cli_credentials_set_username(c, user, CRED_SPECIFIED) ||
	    (domain != NULL &&
	     !cli_credentials_set_domain(c, domain, CRED_SPECIFIED)) ||
	    !cli_credentials_set_password(c, password, CRED_SPECIFIED)) {
		talloc_free(c);
		return NULL;
	}
	/* these checks are about NTLM pass-through and trust accounts */
	creds_kerberos(c, false);
	return c;
}

/* ---- a composite that yields a pipe, as a tevent request ---- */

struct pipe_wait_state {
	struct composite_context *c;
	rpc_pipe_recv_fn recv;
	struct dcerpc_pipe *p;
};

static void pipe_wait_done(struct composite_context *c);

static int pipe_wait_destructor(struct pipe_wait_state *s)
{
	/* cancelled: the composite must not call back into freed memory */
	if (s->c != NULL) {
		s->c->async.fn = NULL;
		talloc_free(s->c);
		s->c = NULL;
	}
	return 0;
}

/* Wait for composite C (created with S, or S's descendant, as parent)
 * as request REQ; without C, REQ fails with ST, why there is none. */
static struct tevent_req *pipe_wait_attach(struct tevent_req *req,
					   struct tevent_context *ev,
					   struct composite_context *c,
					   NTSTATUS st, rpc_pipe_recv_fn recv)
{
	struct pipe_wait_state *s = tevent_req_data(req,
						    struct pipe_wait_state);

	if (c == NULL) {
		tevent_req_nterror(req, NT_STATUS_IS_OK(st) ?
				   NT_STATUS_NO_MEMORY : st);
		return tevent_req_post(req, ev);
	}
	if (c->event_ctx != ev || c->state > RPC_COMPOSITE_ERROR) {
		/* not the layout we know: refuse rather than guess */
		talloc_free(c);
		tevent_req_nterror(req, NT_STATUS_NOT_SUPPORTED);
		return tevent_req_post(req, ev);
	}
	s->c = c;
	s->recv = recv;
	talloc_set_destructor(s, pipe_wait_destructor);
	/* an error found inside _send() is reported through a zero timer,
	 * so setting the callback now is early enough */
	c->async.fn = pipe_wait_done;
	c->async.private_data = req;
	tevent_req_set_endtime(req, ev,
			       tevent_timeval_current_ofs(RPC_CONNECT_TIMEOUT, 0));
	return req;
}

static void pipe_wait_done(struct composite_context *c)
{
	struct tevent_req *req = talloc_get_type_abort(c->async.private_data,
						       struct tevent_req);
	struct pipe_wait_state *s = tevent_req_data(req,
						    struct pipe_wait_state);
	NTSTATUS st;

	s->c = NULL; /* the recv function frees it */
	st = s->recv(c, s, &s->p);
	if (!tevent_req_is_in_progress(req))
		return; /* timed out meanwhile */
	if (tevent_req_nterror(req, st))
		return;
	tevent_req_done(req);
}

static NTSTATUS pipe_wait_recv(struct tevent_req *req, TALLOC_CTX *mem,
			       struct dcerpc_pipe **p)
{
	struct pipe_wait_state *s = tevent_req_data(req,
						    struct pipe_wait_state);
	NTSTATUS st;

	if (tevent_req_is_nterror(req, &st)) {
		tevent_req_received(req);
		return st;
	}
	*p = talloc_steal(mem, s->p);
	dcerpc_binding_handle_set_timeout((*p)->binding_handle,
					  RPC_REQUEST_TIMEOUT);
	tevent_req_received(req);
	return NT_STATUS_OK;
}

/* A request that will wait for a pipe to HOST over TRANSPORT (with
 * OPTIONS: an endpoint, "seal"; NULL: the interface's own), and *B, its
 * binding, parsed on BINDING_MEM (NULL: the request's state); *ST says
 * why there is none. */
static struct tevent_req *pipe_wait_new(TALLOC_CTX *mem,
					TALLOC_CTX *binding_mem,
					const char *transport,
					const char *host, const char *options,
					struct dcerpc_binding **b,
					NTSTATUS *st)
{
	struct pipe_wait_state *s;
	struct tevent_req *req = tevent_req_create(mem, &s,
						   struct pipe_wait_state);
	char *text;

	*b = NULL;
	*st = NT_STATUS_NO_MEMORY;
	if (req == NULL)
		return NULL;
	text = options != NULL ?
		talloc_asprintf(s, "%s:%s[%s]", transport, host, options) :
		talloc_asprintf(s, "%s:%s", transport, host);
	if (text != NULL)
		*st = dcerpc_parse_binding(binding_mem ? binding_mem : s, text,
					   b);
	return req;
}

/* A pipe of its own to HOST (TRANSPORT, OPTIONS as pipe_wait_new()). */
static struct tevent_req *pipe_open(TALLOC_CTX *mem,
				    struct tevent_context *ev,
				    const char *transport, const char *host,
				    const char *options,
				    const struct ndr_interface_table *table,
				    struct cli_credentials *creds,
				    struct loadparm_context *lp)
{
	struct dcerpc_binding *b;
	struct composite_context *c = NULL;
	NTSTATUS st;
	struct tevent_req *req = pipe_wait_new(mem, NULL, transport, host,
					       options, &b, &st);

	if (req == NULL)
		return NULL;
	/* With -k, Heimdal's KDC exchange inside the SMB session setup runs
	 * a nested loop on EV (composite_wait); tevent aborts the process on
	 * nesting unless it is allowed. */
	tevent_loop_allow_nesting(ev);
	if (NT_STATUS_IS_OK(st))
		/* NULL only without memory */
		c = dcerpc_pipe_connect_b_send(tevent_req_data(req,
						struct pipe_wait_state),
					       b, table, creds, ev, lp);
	return pipe_wait_attach(req, ev, c, st, dcerpc_pipe_connect_b_recv);
}

struct tevent_req *rpc_pipe_open_send(TALLOC_CTX *mem,
				      struct tevent_context *ev,
				      const char *host,
				      const struct ndr_interface_table *table,
				      struct cli_credentials *creds,
				      struct loadparm_context *lp)
{
	return pipe_open(mem, ev, "ncacn_np", host, NULL, table, creds, lp);
}

/* DRSUAPI is not offered on a named pipe by Samba AD: TCP, sealed (the
 * secrets it returns are encrypted with this connection's key). */
struct tevent_req *rpc_pipe_open_sealed_send(TALLOC_CTX *mem,
					     struct tevent_context *ev,
					     const char *host,
					     const struct ndr_interface_table *t,
					     struct cli_credentials *creds,
					     struct loadparm_context *lp)
{
	return pipe_open(mem, ev, "ncacn_ip_tcp", host, "seal", t, creds, lp);
}

NTSTATUS rpc_connect_status(NTSTATUS st)
{
	/* measured on Samba 4.17: its ncacn_np connect answers NO_MEMORY
	 * for a refused or unreachable host ("this PDC cannot be reached"),
	 * and OBJECT_NAME_NOT_FOUND for a name that does not resolve (NT's
	 * "Could not find domain controller": the operator checks the
	 * name, not the wire) */
	if (NT_STATUS_EQUAL(st, NT_STATUS_NO_MEMORY))
		return NT_STATUS_HOST_UNREACHABLE;
	if (NT_STATUS_EQUAL(st, NT_STATUS_OBJECT_NAME_NOT_FOUND))
		return NT_STATUS_DOMAIN_CONTROLLER_NOT_FOUND;
	/* Samba's lmhosts method, the last left to ask (the system's
	 * resolver had no address: rpc_lp_without_host), on a host without
	 * an lmhosts file: that name is not found either (measured, 4.17) */
	if (NT_STATUS_EQUAL(st, NT_STATUS_NO_SUCH_FILE))
		return NT_STATUS_DOMAIN_CONTROLLER_NOT_FOUND;
	return st;
}

NTSTATUS rpc_pipe_open_recv(struct tevent_req *req, TALLOC_CTX *mem,
			    struct dcerpc_pipe **p)
{
	return pipe_wait_recv(req, mem, p);
}

/* smb.conf's PARAM as its text ("lmhosts host bcast"), on MEM. */
static char *lp_text(TALLOC_CTX *mem, struct loadparm_context *lp,
		     const char *param)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	bool ok;
	char *text;

	if (f == NULL)
		return NULL;
	ok = lpcfg_dump_a_parameter(lp, NULL, param, f);
	text = fclose(f) == 0 && ok && buf != NULL ?
		talloc_strdup(mem, buf) : NULL;
	free(buf);
	return text;
}

/* Has Samba's lmhosts file any entry? (libsamba-util's; its header,
 * dynconfig.h, is not installed) */
const char *get_dyn_LMHOSTSFILE(void);

static bool lmhosts_has_entries(void)
{
	FILE *f = fopen(get_dyn_LMHOSTSFILE(), "r");
	char line[512];
	bool any = false;

	if (f == NULL)
		return false;
	while (!any && fgets(line, sizeof(line), f) != NULL) {
		const char *c = line + strspn(line, " \t\r\n");

		any = *c != '\0' && *c != '#';
	}
	fclose(f);
	return any;
}

/* Would Samba's own "name resolve order" ask the system's resolver
 * ("host") before any method that could answer otherwise: an lmhosts
 * file with entries, a WINS server, a broadcast? */
static bool order_asks_system_first(struct loadparm_context *lp)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	char *order = lp_text(tmp, lp, "name resolve order");
	char *wins = lp_text(tmp, lp, "wins server");
	char *method, *save = NULL;
	bool first = false;

	for (method = order != NULL ? strtok_r(order, " ,\t\n", &save) : NULL;
	     method != NULL; method = strtok_r(NULL, " ,\t\n", &save)) {
		if (strcmp(method, "host") == 0) {
			first = true;
			break;
		}
		if (strcmp(method, "lmhosts") == 0 && !lmhosts_has_entries())
			continue;
		if (strcmp(method, "wins") == 0 &&
		    (wins == NULL || wins[strspn(wins, " \t\n")] == '\0'))
			continue;
		break; /* bcast, or a method that may answer: Samba's */
	}
	talloc_free(tmp);
	return first;
}

NTSTATUS rpc_lp_without_host(struct loadparm_context *lp)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	char *order = lp_text(tmp, lp, "name resolve order");
	char *kept = talloc_strdup(tmp, "");
	char *method, *save = NULL;
	NTSTATUS st = NT_STATUS_NO_MEMORY;

	for (method = order != NULL ? strtok_r(order, " ,\t\n", &save) : NULL;
	     method != NULL && kept != NULL;
	     method = strtok_r(NULL, " ,\t\n", &save))
		if (strcmp(method, "host") != 0)
			kept = talloc_asprintf_append(kept, "%s%s",
						      kept[0] ? " " : "",
						      method);
	if (order != NULL && kept != NULL && kept[0] == '\0')
		/* no method left: what Samba says when none finds it */
		st = NT_STATUS_OBJECT_NAME_NOT_FOUND;
	else if (order != NULL && kept != NULL &&
		 lpcfg_set_cmdline(lp, "name resolve order", kept))
		st = NT_STATUS_OK;
	talloc_free(tmp);
	return st;
}

/* Where to connect to CONN's PDC: the address the model looked up while
 * the module loaded (src/engine/lookup.c), else the name, for Samba to
 * look up itself.  The name too when Kerberos needs it (the server's
 * principal is made of it), and when smb.conf's "name resolve order"
 * would have Samba answer before the system's resolver (lmhosts, WINS,
 * broadcast): the operator's order decides, as without usrmgr's lookup. */
const char *rpc_conn_target(const struct rpc_conn *conn)
{
	const char *address = conn->pdc != NULL && conn->pdc->lookup != NULL ?
		um_lookup_address(conn->pdc->lookup) : NULL;

	if (address == NULL ||
	    cli_credentials_get_kerberos_state(conn->creds) ==
	    CRED_USE_KERBEROS_REQUIRED ||
	    !order_asks_system_first(conn->lp))
		return conn->host;
	return address;
}

/* A second pipe on the SMB session of CONN's LSA pipe.  The composite
 * hangs off the LSA pipe, not off us: cancelling frees it explicitly. */
static struct tevent_req *secondary_send(TALLOC_CTX *mem,
					 struct tevent_context *ev,
					 struct rpc_conn *conn,
					 const struct ndr_interface_table *t,
					 const char *endpoint)
{
	struct dcerpc_binding *b;
	struct composite_context *c = NULL;
	NTSTATUS st;
	struct tevent_req *req = pipe_wait_new(mem, conn, "ncacn_np",
					       conn->host, endpoint, &b, &st);

	if (req == NULL)
		return NULL;
	if (NT_STATUS_IS_OK(st)) {
		c = dcerpc_secondary_auth_connection_send(conn->lsa, b, t,
							  conn->creds,
							  conn->lp);
		/* the composite keeps a pointer to the binding */
		if (c != NULL)
			talloc_steal(c, b);
		else
			talloc_free(b);
	}
	return pipe_wait_attach(req, ev, c, st,
				dcerpc_secondary_auth_connection_recv);
}

void rpc_conn_drop(struct rpc_conn *conn)
{
	/* secondaries are the LSA pipe's children (the SMB session) */
	TALLOC_FREE(conn->early);
	TALLOC_FREE(conn->netlogon);
	TALLOC_FREE(conn->samr);
	TALLOC_FREE(conn->lsa);
	data_blob_free(&conn->session_key);
}

/* ---- SAMR opened beside LSA, for the screens (issue 21) ----
 *
 * The main window reads the users' first page as soon as a PDC is open.
 * With opt->screens the SAMR pipe is opened, and SamrConnect2 asked,
 * while LSA's OpenPolicy2 and queries are under way, instead of after
 * them; OpenDomain needs LSA's SID and waits for the ready request that
 * needs SAMR (ready_take_early).  A failure here only means the ready
 * request opens SAMR itself, as without the option, and reports. */

struct samr_early {
	struct rpc_conn *conn;
	struct tevent_context *ev;
	struct tevent_req *sub;    /* the pipe's open, then Connect2 */
	struct dcerpc_pipe *p;     /* set when both went well */
	struct samr_Connect2 sconn;
	bool done;
	struct tevent_req *waiter; /* the ready request waiting for it */
};

static void ready_take_early(struct tevent_req *req);
static void ready_lose_early(struct tevent_req *req);

/* Freed with the connection (rpc_conn_drop) under a waiting request: that
 * request ends, with the connection lost, instead of waiting for ever. */
static int early_destructor(struct samr_early *e)
{
	if (e->waiter != NULL)
		ready_lose_early(e->waiter);
	return 0;
}

static void early_end(struct samr_early *e)
{
	struct tevent_req *waiter = e->waiter;

	e->done = true;
	e->waiter = NULL;
	if (waiter != NULL)
		ready_take_early(waiter);
}

static void early_connect_done(struct tevent_req *sub)
{
	struct samr_early *e = tevent_req_callback_data(sub,
							struct samr_early);
	NTSTATUS st = dcerpc_binding_handle_call_recv(sub);

	um_test_rpc_trace("%s done (%p)", e->conn->host, (void *)sub);
	TALLOC_FREE(e->sub);
	if (NT_STATUS_IS_OK(st))
		st = e->sconn.out.result;
	if (!NT_STATUS_IS_OK(st))
		TALLOC_FREE(e->p);
	early_end(e);
}

static void early_pipe_done(struct tevent_req *sub)
{
	struct samr_early *e = tevent_req_callback_data(sub,
							struct samr_early);
	NTSTATUS st = pipe_wait_recv(sub, e, &e->p);

	um_test_rpc_trace("%s done (%p)", e->conn->host, (void *)sub);
	TALLOC_FREE(e->sub);
	if (!NT_STATUS_IS_OK(st)) {
		early_end(e);
		return;
	}
	e->sconn.in.system_name = NULL;
	e->sconn.in.access_mask = SEC_FLAG_MAXIMUM_ALLOWED;
	e->sconn.out.connect_handle = &e->conn->samr_connect;
	e->sub = dcerpc_binding_handle_call_send(e, e->ev,
						 e->p->binding_handle, NULL,
						 &ndr_table_samr,
						 NDR_SAMR_CONNECT2, e,
						 &e->sconn);
	e->conn->calls++;
	um_test_rpc_trace("%s send samr opnum %u (%p) [early]", e->conn->host,
			  (unsigned)NDR_SAMR_CONNECT2, (void *)e->sub);
	if (e->sub == NULL) {
		TALLOC_FREE(e->p);
		early_end(e);
		return;
	}
	tevent_req_set_callback(e->sub, early_connect_done, e);
}

static void early_start(struct rpc_conn *c, struct tevent_context *ev)
{
	struct samr_early *e;

	if (c->opt == NULL || !c->opt->screens || c->samr != NULL ||
	    c->early != NULL)
		return;
	e = talloc_zero(c, struct samr_early);
	if (e == NULL)
		return;
	e->conn = c;
	e->ev = ev;
	talloc_set_destructor(e, early_destructor);
	e->sub = secondary_send(e, ev, c, &ndr_table_samr, "\\pipe\\samr");
	um_test_rpc_trace("%s pipe open, early samr (%p)", c->host,
			  (void *)e->sub);
	if (e->sub == NULL) {
		talloc_free(e);
		return;
	}
	tevent_req_set_callback(e->sub, early_pipe_done, e);
	c->early = e;
}

/* ---- making the connection ready ---- */

enum ready_stage {
	READY_LSA_OPEN,
	READY_POLICY,
	READY_POLICY_RO,
	READY_INFO_DNS,
	READY_INFO_ACCOUNT,
	READY_INFO_ROLE,
	READY_NETLOGON,
	READY_SAMR_OPEN,
	READY_SAMR_CONNECT,
	READY_SAMR_DOMAIN,
	READY_DONE,
};

struct ready_state {
	struct tevent_context *ev;
	struct rpc_conn *conn;
	unsigned needs;
	enum ready_stage stage;
	bool reopened;
	struct dcerpc_pipe *p;
	struct lsa_ObjectAttribute attr;
	struct lsa_QosInfo qos;
	struct lsa_OpenPolicy2 open;
	struct lsa_QueryInfoPolicy2 query;
	union lsa_PolicyInformation *pinfo;
	struct samr_Connect2 sconn;
	struct samr_OpenDomain sdom;
	struct dom_sid *sid;
	bool waiting;        /* on conn->early (ready_take_early) */
};

static int ready_state_destructor(struct ready_state *s)
{
	if (s->waiting && s->conn->early != NULL)
		s->conn->early->waiter = NULL;
	return 0;
}

/* The early SAMR it waited for is gone with the connection: it no longer
 * reaches back into that, and ends from the event loop (not from inside
 * the talloc_free that got here). */
static void ready_lose_early(struct tevent_req *req)
{
	struct ready_state *s = tevent_req_data(req, struct ready_state);

	s->waiting = false;
	tevent_req_defer_callback(req, s->ev);
	tevent_req_nterror(req, NT_STATUS_CONNECTION_DISCONNECTED);
}

static void ready_next(struct tevent_req *req);
static void ready_pipe_done(struct tevent_req *subreq);
static void ready_call_done(struct tevent_req *subreq);

struct tevent_req *rpc_conn_ready_send(TALLOC_CTX *mem,
				       struct tevent_context *ev,
				       struct rpc_conn *conn, unsigned needs)
{
	struct ready_state *s;
	struct tevent_req *req = tevent_req_create(mem, &s,
						   struct ready_state);

	if (req == NULL)
		return NULL;
	s->ev = ev;
	s->conn = conn;
	talloc_set_destructor(s, ready_state_destructor);
	s->needs = needs | RPC_NEED_LSA;
	if (conn->lsa != NULL &&
	    !dcerpc_binding_handle_is_connected(conn->lsa->binding_handle))
		rpc_conn_drop(conn);
	s->stage = conn->lsa == NULL ? READY_LSA_OPEN : READY_NETLOGON;
	ready_next(req);
	if (!tevent_req_is_in_progress(req))
		return tevent_req_post(req, ev);
	return req;
}

static void ready_wait_pipe(struct tevent_req *req, struct tevent_req *sub)
{
	struct ready_state *s = tevent_req_data(req, struct ready_state);

	um_test_rpc_trace("%s pipe open, stage %d (%p)", s->conn->host,
			  (int)s->stage, (void *)sub);
	if (tevent_req_nomem(sub, req))
		return;
	tevent_req_set_callback(sub, ready_pipe_done, req);
}

static void ready_call(struct tevent_req *req, struct dcerpc_pipe *p,
		       const struct ndr_interface_table *t, uint32_t opnum,
		       void *r)
{
	struct ready_state *s = tevent_req_data(req, struct ready_state);
	struct tevent_req *sub;

	sub = dcerpc_binding_handle_call_send(s, s->ev, p->binding_handle,
					      NULL, t, opnum, s->conn, r);
	s->conn->calls++;
	um_test_rpc_trace("%s send %s opnum %u (%p) [ready]", s->conn->host,
			  t->name, (unsigned)opnum, (void *)sub);
	if (tevent_req_nomem(sub, req))
		return;
	tevent_req_set_callback(sub, ready_call_done, req);
}

/* First with the rights a trust change needs (as samba-tool asks), so a
 * non-admin is told ACCESS_DENIED before anything is attempted; then, for
 * an operator who may only look, whatever the server grants. */
static void ready_open_policy(struct tevent_req *req, bool admin)
{
	struct ready_state *s = tevent_req_data(req, struct ready_state);

	s->qos.len = sizeof(s->qos);
	s->qos.impersonation_level = 2;
	s->attr.len = 0;
	s->attr.sec_qos = &s->qos;
	s->open.in.system_name = "\\";
	s->open.in.attr = &s->attr;
	s->open.in.access_mask = admin ? (LSA_POLICY_VIEW_LOCAL_INFORMATION |
					  LSA_POLICY_TRUST_ADMIN |
					  LSA_POLICY_CREATE_SECRET) :
					 SEC_FLAG_MAXIMUM_ALLOWED;
	s->open.out.handle = &s->conn->policy;
	s->conn->trust_admin = admin;
	s->stage = admin ? READY_POLICY : READY_POLICY_RO;
	ready_call(req, s->conn->lsa, &ndr_table_lsarpc, RPC_LSA_OPENPOLICY2,
		   &s->open);
}

static void ready_query(struct tevent_req *req, enum lsa_PolicyInfo level,
			bool v2)
{
	struct ready_state *s = tevent_req_data(req, struct ready_state);

	/* QueryInfoPolicy and QueryInfoPolicy2 have the same layout */
	memset(&s->query, 0, sizeof(s->query));
	s->query.in.handle = &s->conn->policy;
	s->query.in.level = level;
	s->query.out.info = &s->pinfo;
	ready_call(req, s->conn->lsa, &ndr_table_lsarpc,
		   v2 ? RPC_LSA_QUERYINFOPOLICY2 : RPC_LSA_QUERYINFOPOLICY,
		   &s->query);
}

/* What LSA says of the domain; false when memory ran out. */
static bool ready_set_info(struct ready_state *s, const char *name,
			   const char *dns, const struct dom_sid *sid)
{
	struct rpc_conn *c = s->conn;

	talloc_free(c->info.name);
	talloc_free(c->info.dns_name);
	talloc_free(c->info.sid);
	talloc_free(c->info.pdc);
	c->info.name = talloc_strdup(c, name ? name : "");
	c->info.dns_name = dns && dns[0] ? talloc_strdup(c, dns) : NULL;
	c->info.sid = rpc_sid_string(c, sid);
	c->info.pdc = talloc_strdup(c, c->pdc->name);
	/* the model picks the dialect's table from this, once, at attach */
	c->info.dialect = dns && dns[0] ? UM_DIALECT_AD : UM_DIALECT_NT4;
	c->info.simulated = false;
	/* a classic PDC may or may not change primary groups (its "set
	 * primary group script"): the engine asks and learns (user_groups.c) */
	c->info.primary_fixed = false;
	/* (a SID that makes no text is the SAMR step's INVALID_SID) */
	return c->info.name != NULL && c->info.pdc != NULL &&
	       (c->info.dns_name != NULL) == (dns && dns[0]);
}

/* Keep what LSA said of the domain, then ask at LEVEL what tells its
 * role (ready_is_dc). */
static void ready_info_then_role(struct tevent_req *req, const char *name,
				 const char *dns, const struct dom_sid *sid,
				 enum lsa_PolicyInfo level)
{
	struct ready_state *s = tevent_req_data(req, struct ready_state);

	if (!ready_set_info(s, name, dns, sid)) {
		tevent_req_nterror(req, NT_STATUS_NO_MEMORY);
		return;
	}
	s->stage = READY_INFO_ROLE;
	ready_query(req, level, false);
}

/* Only a domain controller's own SAM is its domain: a member server's or
 * a standalone server's is the machine's (a standalone one is in no
 * domain at all).  Such a host would otherwise pass for an NT4-style PDC
 * of a domain named after itself.  ST and s->pinfo answer the query made
 * after ready_set_info(), at the level not asked before. */
static bool ready_is_dc(struct ready_state *s, NTSTATUS st)
{
	const union lsa_PolicyInformation *i = s->pinfo;
	const struct dom_sid *other;
	char *sid;
	bool same;

	if (NT_STATUS_EQUAL(st, NT_STATUS_ACCESS_DENIED))
		return true; /* cannot tell: the operations will say */
	if (!NT_STATUS_IS_OK(st) || i == NULL)
		return false;
	other = s->conn->info.dns_name != NULL ? i->account_domain.sid
					       : i->domain.sid;
	sid = rpc_sid_string(s, other);
	same = sid != NULL && s->conn->info.sid != NULL &&
	       strcmp(sid, s->conn->info.sid) == 0;
	talloc_free(sid);
	return same;
}

static void ready_samr_connect(struct tevent_req *req)
{
	struct ready_state *s = tevent_req_data(req, struct ready_state);

	s->sconn.in.system_name = NULL;
	s->sconn.in.access_mask = SEC_FLAG_MAXIMUM_ALLOWED;
	s->sconn.out.connect_handle = &s->conn->samr_connect;
	s->stage = READY_SAMR_CONNECT;
	ready_call(req, s->conn->samr, &ndr_table_samr, NDR_SAMR_CONNECT2,
		   &s->sconn);
}

static void ready_samr_domain(struct tevent_req *req)
{
	struct ready_state *s = tevent_req_data(req, struct ready_state);

	s->sid = rpc_sid_parse(s, s->conn->info.sid);
	if (s->sid == NULL) {
		tevent_req_nterror(req, NT_STATUS_INVALID_SID);
		return;
	}
	s->sdom.in.connect_handle = &s->conn->samr_connect;
	s->sdom.in.access_mask = SEC_FLAG_MAXIMUM_ALLOWED;
	s->sdom.in.sid = s->sid;
	s->sdom.out.domain_handle = &s->conn->samr_domain;
	s->stage = READY_SAMR_DOMAIN;
	ready_call(req, s->conn->samr, &ndr_table_samr, NDR_SAMR_OPENDOMAIN,
		   &s->sdom);
}

/* SAMR as early_start() left it: waited for while under way; taken when
 * it went well (OpenDomain next, with LSA's SID); else opened here. */
static void ready_take_early(struct tevent_req *req)
{
	struct ready_state *s = tevent_req_data(req, struct ready_state);
	struct rpc_conn *c = s->conn;
	struct samr_early *e = c->early;

	s->waiting = !e->done;
	if (s->waiting) {
		e->waiter = req;
		return;
	}
	c->early = NULL;
	if (e->p == NULL) {
		talloc_free(e);
		ready_wait_pipe(req, secondary_send(s, s->ev, c,
				&ndr_table_samr, "\\pipe\\samr"));
		return;
	}
	c->samr = talloc_steal(c, e->p);
	talloc_free(e);
	ready_samr_domain(req);
}

/* ---- waiting for the PDC's address (src/engine/lookup.c) ---- */

struct lookup_wait_state {
	struct tevent_fd *fde;
};

static void lookup_wait_readable(struct tevent_context *ev,
				 struct tevent_fd *fde, uint16_t flags,
				 void *private_data)
{
	struct tevent_req *req = talloc_get_type_abort(private_data,
						       struct tevent_req);
	struct lookup_wait_state *s = tevent_req_data(req,
						      struct lookup_wait_state);

	(void)ev;
	(void)fde;
	(void)flags;
	TALLOC_FREE(s->fde);
	tevent_req_done(req);
}

/* Done once L is; NT_STATUS_IO_TIMEOUT after the connect's own limit, as
 * a pipe's open (a resolver that never answers must not hang the console
 * either).  NULL without memory. */
static struct tevent_req *lookup_wait_send(TALLOC_CTX *mem,
					   struct tevent_context *ev,
					   const struct um_lookup *l)
{
	struct lookup_wait_state *s;
	struct tevent_req *req = tevent_req_create(mem, &s,
						   struct lookup_wait_state);

	if (req == NULL)
		return NULL;
	s->fde = tevent_add_fd(ev, s, um_lookup_fd(l), TEVENT_FD_READ,
			       lookup_wait_readable, req);
	if (s->fde == NULL ||
	    !tevent_req_set_endtime(req, ev, tevent_timeval_current_ofs(
					    RPC_CONNECT_TIMEOUT, 0))) {
		talloc_free(req);
		return NULL;
	}
	return req;
}

static void ready_looked_up(struct tevent_req *sub)
{
	struct tevent_req *req = tevent_req_callback_data(sub,
							  struct tevent_req);
	struct ready_state *s = tevent_req_data(req, struct ready_state);
	NTSTATUS st;

	if (tevent_req_is_nterror(sub, &st)) {
		TALLOC_FREE(sub);
		um_test_rpc_trace("%s lookup: no answer in %d s",
				  s->conn->host, RPC_CONNECT_TIMEOUT);
		tevent_req_nterror(req, st);
		return;
	}
	TALLOC_FREE(sub);
	ready_next(req);
}

/* True when the PDC's address is still being looked up: ready_next()
 * runs again once it is there (or found not to be). */
static bool ready_wait_lookup(struct tevent_req *req)
{
	struct ready_state *s = tevent_req_data(req, struct ready_state);
	const struct um_lookup *l = s->conn->pdc != NULL ?
		s->conn->pdc->lookup : NULL;
	struct tevent_req *sub;

	if (l == NULL || um_lookup_done(l))
		return false;
	sub = lookup_wait_send(s, s->ev, l);
	if (sub == NULL)
		return false; /* without memory for the wait: Samba looks */
	tevent_req_set_callback(sub, ready_looked_up, req);
	return true;
}

/* Go on from s->stage, skipping what is there or not needed. */
static void ready_next(struct tevent_req *req)
{
	struct ready_state *s = tevent_req_data(req, struct ready_state);
	struct rpc_conn *c = s->conn;
	const char *to;

	switch (s->stage) {
	case READY_LSA_OPEN:
		if (ready_wait_lookup(req))
			return;
		/* the system's resolver has no address for the name: Samba's
		 * "host" would ask it again (and wait again for a DNS server
		 * that does not answer); its other methods (lmhosts, WINS,
		 * broadcast) may still know a NetBIOS name */
		if (c->pdc != NULL && c->pdc->lookup != NULL &&
		    um_lookup_failed(c->pdc->lookup) &&
		    tevent_req_nterror(req, rpc_lp_without_host(c->lp)))
			return;
		s->reopened = c->ever_connected;
		to = rpc_conn_target(c);
		um_test_rpc_trace("%s connecting to %s", c->host, to);
		ready_wait_pipe(req, rpc_pipe_open_send(s, s->ev, to,
							&ndr_table_lsarpc,
							c->creds, c->lp));
		return;
	case READY_NETLOGON:
		if ((s->needs & RPC_NEED_NETLOGON) && c->netlogon == NULL) {
			ready_wait_pipe(req, secondary_send(s, s->ev, c,
					&ndr_table_netlogon, "\\pipe\\netlogon"));
			return;
		}
		s->stage = READY_SAMR_OPEN;
		/* fall through */
	case READY_SAMR_OPEN:
		if ((s->needs & RPC_NEED_SAMR) && c->samr == NULL &&
		    c->early != NULL) {
			ready_take_early(req);
			return;
		}
		if ((s->needs & RPC_NEED_SAMR) && c->samr == NULL) {
			ready_wait_pipe(req, secondary_send(s, s->ev, c,
					&ndr_table_samr, "\\pipe\\samr"));
			return;
		}
		tevent_req_done(req);
		return;
	default:
		tevent_req_nterror(req, NT_STATUS_INTERNAL_ERROR);
		return;
	}
}

static void ready_pipe_done(struct tevent_req *sub)
{
	struct tevent_req *req = tevent_req_callback_data(sub,
							  struct tevent_req);
	struct ready_state *s = tevent_req_data(req, struct ready_state);
	struct rpc_conn *c = s->conn;
	struct dcerpc_pipe *p = NULL;
	NTSTATUS st;

	st = pipe_wait_recv(sub, c, &p);
	um_test_rpc_trace("%s done (%p)", c->host, (void *)sub);
	TALLOC_FREE(sub);
	if (tevent_req_nterror(req, st))
		return;
	switch (s->stage) {
	case READY_LSA_OPEN:
		c->lsa = p;
		c->connects++;
		early_start(c, s->ev);
		st = dcerpc_fetch_session_key(p, &c->session_key);
		if (NT_STATUS_IS_OK(st))
			talloc_steal(c, c->session_key.data);
		else
			c->session_key = data_blob_null;
		ready_open_policy(req, true);
		return;
	case READY_NETLOGON:
		c->netlogon = p;
		s->stage = READY_SAMR_OPEN;
		ready_next(req);
		return;
	case READY_SAMR_OPEN:
		c->samr = p;
		ready_samr_connect(req);
		return;
	default:
		tevent_req_nterror(req, NT_STATUS_INTERNAL_ERROR);
	}
}

static void ready_call_done(struct tevent_req *sub)
{
	struct tevent_req *req = tevent_req_callback_data(sub,
							  struct tevent_req);
	struct ready_state *s = tevent_req_data(req, struct ready_state);
	NTSTATUS st = dcerpc_binding_handle_call_recv(sub);
	union lsa_PolicyInformation *i;

	um_test_rpc_trace("%s done (%p)", s->conn->host, (void *)sub);

	TALLOC_FREE(sub);
	switch (s->stage) {
	case READY_POLICY:
		if (NT_STATUS_IS_OK(st) &&
		    NT_STATUS_EQUAL(s->open.out.result, NT_STATUS_ACCESS_DENIED)) {
			ready_open_policy(req, false);
			return;
		}
		/* fall through */
	case READY_POLICY_RO:
		if (NT_STATUS_IS_OK(st))
			st = s->open.out.result;
		if (tevent_req_nterror(req, st))
			return;
		s->stage = READY_INFO_DNS;
		ready_query(req, LSA_POLICY_INFO_DNS, true);
		return;
	case READY_INFO_DNS:
		if (NT_STATUS_IS_OK(st))
			st = s->query.out.result;
		if (!NT_STATUS_IS_OK(st) || s->pinfo == NULL) {
			/* an NT4-style server has no DNS information */
			s->stage = READY_INFO_ACCOUNT;
			ready_query(req, LSA_POLICY_INFO_ACCOUNT_DOMAIN, false);
			return;
		}
		i = s->pinfo;
		/* the domain it is in; now its own SAM's, to compare */
		ready_info_then_role(req, i->dns.name.string,
				     i->dns.dns_domain.string, i->dns.sid,
				     LSA_POLICY_INFO_ACCOUNT_DOMAIN);
		return;
	case READY_INFO_ACCOUNT:
		if (NT_STATUS_IS_OK(st))
			st = s->query.out.result;
		if (tevent_req_nterror(req, st))
			return;
		i = s->pinfo;
		/* its own SAM's domain; now the domain it is in */
		ready_info_then_role(req, i->account_domain.name.string, NULL,
				     i->account_domain.sid,
				     LSA_POLICY_INFO_DOMAIN);
		return;
	case READY_INFO_ROLE:
		if (NT_STATUS_IS_OK(st))
			st = s->query.out.result;
		if (!ready_is_dc(s, st)) {
			tevent_req_nterror(req, NT_STATUS_INVALID_DOMAIN_ROLE);
			return;
		}
		break;
	case READY_SAMR_CONNECT:
	case READY_SAMR_DOMAIN:
		if (NT_STATUS_IS_OK(st))
			st = s->stage == READY_SAMR_CONNECT ?
				s->sconn.out.result : s->sdom.out.result;
		if (tevent_req_nterror(req, st))
			/* no half-opened SAMR: the next operation retries */
			TALLOC_FREE(s->conn->samr);
		else if (s->stage == READY_SAMR_CONNECT)
			ready_samr_domain(req);
		else
			tevent_req_done(req);
		return;
	default:
		tevent_req_nterror(req, NT_STATUS_INTERNAL_ERROR);
		return;
	}
	/* LSA is up and the domain known */
	s->conn->ever_connected = true;
	s->stage = READY_NETLOGON;
	ready_next(req);
}

NTSTATUS rpc_conn_ready_recv(struct tevent_req *req, bool *reopened)
{
	struct ready_state *s = tevent_req_data(req, struct ready_state);
	NTSTATUS st;

	*reopened = s->reopened;
	if (tevent_req_is_nterror(req, &st)) {
		/* a half-made connection is worth nothing */
		if (s->stage <= READY_INFO_ACCOUNT)
			rpc_conn_drop(s->conn);
		if (s->stage == READY_LSA_OPEN)
			st = rpc_connect_status(st);
		tevent_req_received(req);
		return st;
	}
	tevent_req_received(req);
	return NT_STATUS_OK;
}
