/*
 * usrmgr - the model: PDC connections, and the Trust Relationships
 * operations built from backend calls.
 *
 * The model waits for a backend request on its own tevent loop, so
 * whatever else is registered there (the screens' keyboard, signals) goes
 * on being served, and um_model_cancel() can end the wait.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "backend.h"
#include "names.h"
#include "diagnosis.h"
#include "i18n.h"
#include "pdc_run.h"
#include "test_hooks.h"

struct pdc_creds {
	char *pdc;
	struct um_creds *creds;
};

/* "TRUSTING trusts TRUSTED", as the last verification found it. */
struct known_trust {
	char *trusting, *trusted;
	enum um_trust_state state;
};

static void trust_learn(struct um_pdc *p, const char *partner,
			enum um_trust_state state);
static void trust_forget(struct um_pdc *p, const char *partner);
static int trust_cmp(const void *a, const void *b);

struct um_model {
	struct tevent_context *ev;
	struct um_model_options opt;
	struct um_hooks hooks;
	struct um_sim_world *world; /* simulated domains, or NULL */
	struct um_pdc **pdcs;
	size_t n_pdcs;
	struct pdc_creds *creds;
	size_t n_creds;
	bool cancelled;
	struct um_observer observer;
	unsigned depth; /* nesting of public operations */
	struct known_trust *known; /* what verifications found, so far */
	size_t n_known;
	bool unkept;    /* simulated domains changed, no state file */
	bool reuse;     /* um_model_reuse_reads() */
};

static struct um_creds *copy_creds(TALLOC_CTX *mem, const struct um_creds *c)
{
	struct um_creds *n;

	if (c == NULL) {
		return NULL;
	}
	n = talloc_zero(mem, struct um_creds);
	if (n == NULL) {
		return NULL;
	}
	*n = *c;
	n->domain = talloc_strdup(n, c->domain);
	n->user = talloc_strdup(n, c->user);
	n->authfile = talloc_strdup(n, c->authfile);
	n->password = c->password == NULL
			      ? NULL
			      : um_secret_new(n, um_secret_reveal(c->password),
					      um_secret_len(c->password));
	if ((c->domain != NULL && n->domain == NULL) ||
	    (c->user != NULL && n->user == NULL) ||
	    (c->authfile != NULL && n->authfile == NULL) ||
	    (c->password != NULL && n->password == NULL)) {
		talloc_free(n);
		return NULL;
	}
	return n;
}

struct um_status um_model_new(TALLOC_CTX *mem, struct tevent_context *ev,
			      const struct um_model_options *opt,
			      struct um_model **out, char **why)
{
	struct um_model *m = talloc_zero(mem, struct um_model);
	char *reason = NULL;
	struct um_status st;

	*out = NULL;
	if (m == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	m->ev = ev;
	m->opt = *opt;
	m->opt.scenario = talloc_strdup(m, opt->scenario);
	m->opt.state_file = talloc_strdup(m, opt->state_file);
	m->opt.smb_conf = talloc_strdup(m, opt->smb_conf);
	m->opt.creds = copy_creds(m, opt->creds);
	if ((opt->scenario != NULL && m->opt.scenario == NULL) ||
	    (opt->state_file != NULL && m->opt.state_file == NULL) ||
	    (opt->smb_conf != NULL && m->opt.smb_conf == NULL) ||
	    (opt->creds != NULL && m->opt.creds == NULL)) {
		talloc_free(m);
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	if (opt->scenario != NULL || opt->state_file != NULL) {
		st = um_sim_world_open(m, opt->scenario, opt->state_file,
				       &m->world, &reason);
		if (!um_is_ok(st)) {
			if (why != NULL) {
				*why = talloc_steal(mem, reason);
			}
			talloc_free(m);
			return st;
		}
	}
	*out = m;
	return um_ok();
}

void um_model_set_hooks(struct um_model *m, const struct um_hooks *hooks)
{
	m->hooks = *hooks;
}

void um_model_set_observer(struct um_model *m, const struct um_observer *o)
{
	if (o == NULL) {
		memset(&m->observer, 0, sizeof(m->observer));
	} else {
		m->observer = *o;
	}
}

/* Public operations bracket themselves with these two. */
static void op_begin(struct um_pdc *p)
{
	p->model->depth++;
}

/* The operations that change a domain's trusts or its channel. */
static bool op_changes(enum um_op op)
{
	return op != UM_OP_VERIFY && op != UM_OP_LOGON_TEST;
}

static struct um_status op_end(struct um_pdc *p, enum um_op op,
			       const char *partner, struct um_status st)
{
	struct um_model *m = p->model;

	if (m->world != NULL && m->opt.state_file == NULL && um_is_ok(st) &&
	    op_changes(op)) {
		m->unkept = true;
	}
	if (--m->depth == 0 && m->observer.done != NULL) {
		m->observer.done(m->observer.priv, op, p, partner, st);
	}
	return st;
}

struct tevent_context *um_model_ev(struct um_model *m)
{
	return m->ev;
}

const char *um_model_scenario(const struct um_model *m)
{
	return m->world != NULL ? m->opt.scenario : NULL;
}

bool um_model_finds_pdcs(const struct um_model *m)
{
	return m->world != NULL;
}

const char *um_model_origin_label(const struct um_model *m)
{
	return m->world != NULL ? _("Simulated") : NULL;
}

const char *um_model_origin_note(const struct um_model *m)
{
	return m->world != NULL ? _("The domains shown are simulated.")
				: NULL;
}

bool um_model_changes_unkept(const struct um_model *m)
{
	return m->unkept;
}

char *um_model_unkept_note(TALLOC_CTX *mem, const struct um_model *m,
			   bool one_line)
{
	/* (a world without a state file comes from a scenario) */
	const char *scenario = m->opt.scenario;

	if (!m->unkept || scenario == NULL) {
		return NULL;
	}
	if (one_line) {
		return talloc_asprintf(mem, _("note: the change is not kept: "
					      "no --state FILE holds the "
					      "simulated domains; give "
					      "--scenario %s --state FILE to "
					      "keep changes."), scenario);
	}
	return talloc_asprintf(mem, _("The changes to the simulated domains "
				      "are not kept: no --state FILE holds "
				      "them, and they are gone when User "
				      "Manager ends.\n\nTo keep them next "
				      "time, start it with\n  usrmgr "
				      "--scenario %s --state FILE"),
			       scenario);
}

struct um_pair *um_model_named_pair(struct um_model *m, TALLOC_CTX *mem)
{
	return m->world != NULL ? um_sim_world_pair(m->world, mem) : NULL;
}

const char **um_model_sim_domains(struct um_model *m, TALLOC_CTX *mem)
{
	return m->world ? um_sim_world_domains(m->world, mem) : NULL;
}

void um_model_note(struct um_model *m, const char *text)
{
	if (m->hooks.note != NULL) {
		m->hooks.note(m->hooks.priv, text);
	}
}

void um_model_set_authfile(struct um_model *m, const char *pdc,
			   const char *authfile)
{
	struct um_creds creds = { .authfile = (char *)authfile };

	if (pdc != NULL && authfile != NULL) {
		um_model_set_creds(m, pdc, &creds);
	}
}

void um_model_set_creds(struct um_model *m, const char *pdc,
			const struct um_creds *creds)
{
	struct pdc_creds *grown;
	size_t i;

	for (i = 0; i < m->n_creds; i++) {
		if (um_name_equal(m->creds[i].pdc, pdc)) {
			struct um_creds *old = m->creds[i].creds;
			struct um_creds *n = copy_creds(m->creds, creds);

			if (n == NULL) {
				return;
			}
			/* a PDC already open keeps pointing at its creds:
			 * point it at the new ones (used on a reconnect) */
			for (size_t j = 0; j < m->n_pdcs; j++) {
				if (m->pdcs[j]->creds == old) {
					m->pdcs[j]->creds = n;
				}
			}
			m->creds[i].creds = n;
			talloc_free(old);
			return;
		}
	}
	grown = talloc_realloc(m, m->creds, struct pdc_creds, m->n_creds + 1);
	if (grown == NULL) {
		return;
	}
	m->creds = grown;
	grown[m->n_creds].pdc = talloc_strdup(grown, pdc);
	grown[m->n_creds].creds = copy_creds(grown, creds);
	if (grown[m->n_creds].pdc == NULL ||
	    (creds != NULL && grown[m->n_creds].creds == NULL)) {
		/* no half entry: the PDC keeps the default credentials */
		talloc_free(grown[m->n_creds].pdc);
		talloc_free(grown[m->n_creds].creds);
		return;
	}
	m->n_creds++;
}

void um_model_cancel(struct um_model *m)
{
	m->cancelled = true;
}

/* The operator's password for PROMPT, through the hooks: cancelled, or
 * no terminal to ask on, when it cannot be had. */
static struct um_status ask_password(struct um_model *m, TALLOC_CTX *mem,
				     const char *prompt, struct um_secret **out)
{
	*out = NULL;
	if (m->hooks.ask_password == NULL) {
		return um_local(UM_LOCAL_CANCELLED);
	}
	return m->hooks.ask_password(m->hooks.priv, mem, prompt, out);
}

/* ---- connections ------------------------------------------------------ */

static const struct um_creds *creds_for(struct um_model *m, const char *pdc)
{
	size_t i;

	for (i = 0; i < m->n_creds; i++) {
		if (um_name_equal(m->creds[i].pdc, pdc)) {
			return m->creds[i].creds;
		}
	}
	return m->opt.creds;
}

/* Nothing gives the password: not the options, not an authfile, not
 * Kerberos (a ticket will do), and the logon is not anonymous. */
static bool creds_lack_password(const struct um_model *m,
				const struct um_creds *c)
{
	return c != NULL && c->password == NULL && c->authfile == NULL &&
	       !c->kerberos && !c->anonymous && !m->opt.require_kerberos;
}

/* PDC's credentials, complete before a backend sees them: a missing
 * password is asked for through the hooks (echo off) and kept for PDC. */
static struct um_status creds_complete(struct um_model *m, const char *pdc,
				       const struct um_creds **out)
{
	const struct um_creds *c = creds_for(m, pdc);
	TALLOC_CTX *tmp;
	struct um_creds done;
	struct um_status st;
	char *prompt;

	*out = c;
	/* simulated PDCs take anyone */
	if (m->world != NULL || !creds_lack_password(m, c)) {
		return um_ok();
	}
	tmp = talloc_new(m);
	prompt = tmp == NULL ? NULL :
		talloc_asprintf(tmp, _("Password for %s%s%s on %s: "),
				c->domain != NULL ? c->domain : "",
				c->domain != NULL ? "\\" : "",
				c->user != NULL ? c->user : "", pdc);
	done = *c;
	st = prompt == NULL ? um_local(UM_LOCAL_NO_MEMORY) :
		ask_password(m, tmp, prompt, &done.password);
	if (um_is_ok(st)) {
		um_model_set_creds(m, pdc, &done);
		*out = creds_for(m, pdc);
		if ((*out)->password == NULL) {
			st = um_local(UM_LOCAL_NO_MEMORY);
		}
	}
	talloc_free(tmp);
	return st;
}

/* A real PDC: the RPC module, loaded now if this is the first. */
static struct um_status rpc_attach(struct um_model *m, struct um_pdc *p)
{
	const struct um_rpc_module *rpc;
	const char *why;
	struct um_status st;

	um_test_rpc_trace("model: loading the rpc module");
	rpc = um_rpc_module_load(&st, &why);
	um_test_rpc_trace("model: rpc module loaded");
	if (rpc == NULL) {
		if (why != NULL) {
			um_model_note(m, why);
		}
		return st;
	}
	return rpc->attach(p, &m->opt);
}

struct um_status um_pdc_get(struct um_model *m, const char *name,
			    struct um_pdc **out)
{
	struct um_pdc *p, **grown;
	struct um_status st;
	size_t i;

	*out = NULL;
	for (i = 0; i < m->n_pdcs; i++) {
		if (um_name_equal(m->pdcs[i]->name, name)) {
			*out = m->pdcs[i];
			return um_ok();
		}
	}
	if (name == NULL || name[0] == '\0') {
		return um_local(UM_LOCAL_UNKNOWN_PDC);
	}
	p = talloc_zero(m, struct um_pdc);
	grown = talloc_realloc(m, m->pdcs, struct um_pdc *, m->n_pdcs + 1);
	if (p == NULL || grown == NULL) {
		talloc_free(p);
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	m->pdcs = grown;
	p->model = m;
	p->name = talloc_strdup(p, name);
	st = p->name != NULL ? creds_complete(m, name, &p->creds)
			     : um_local(UM_LOCAL_NO_MEMORY);
	if (um_is_ok(st) && m->world == NULL) {
		/* its address while the module loads (lookup.c); without a
		 * thread, Samba looks the name up itself */
		p->lookup = um_lookup_start(p, name);
	}
	if (um_is_ok(st)) {
		/* a real PDC: its backend state; no wire before the first
		 * operation (a name refused needs no connection) */
		st = m->world != NULL ? um_backend_sim_attach(p, m->world)
				      : rpc_attach(m, p);
	}
	if (!um_is_ok(st)) {
		talloc_free(p);
		return st;
	}
	m->pdcs[m->n_pdcs++] = p;
	*out = p;
	return um_ok();
}

const char *um_pdc_name(const struct um_pdc *p)
{
	return p->name;
}

unsigned um_pdc_calls(const struct um_pdc *p)
{
	return p->calls;
}

/* The reply's note, a line at a time, to the operator. */
static void pass_note(struct um_model *m, const char *note)
{
	const char *line = note;

	while (line != NULL && *line != '\0') {
		const char *end = strchr(line, '\n');
		char *one = talloc_strndup(m, line, end != NULL
						? (size_t)(end - line)
						: strlen(line));

		/* without memory the whole text, rather than nothing */
		um_model_note(m, one != NULL ? one : note);
		talloc_free(one);
		line = end != NULL && one != NULL ? end + 1 : NULL;
	}
}

/* One backend request of a batch that runs at once on the loop. */
struct job {
	struct um_pdc *p;
	um_op_send_fn send;
	um_op_recv_fn recv;
	const struct um_args *args;
	TALLOC_CTX *mem;
	struct um_reply *reply;
	struct um_status st;
	struct tevent_req *req;
};

static bool jobs_in_progress(const struct job *j, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (j[i].req != NULL && tevent_req_is_in_progress(j[i].req)) {
			return true;
		}
	}
	return false;
}

static void job_send(struct um_model *m, struct job *j, const char *what)
{
	memset(j->reply, 0, sizeof(*j->reply));
	j->req = NULL;
	j->st = um_ok();
	if (j->send == NULL) {
		j->st = um_local(UM_LOCAL_NOT_SUPPORTED);
		return;
	}
	j->req = j->send(j->mem, m->ev, j->p, j->args);
	um_test_rpc_trace("model %s: %s", j->p->name, what);
	if (j->req == NULL) {
		j->st = um_local(UM_LOCAL_NO_MEMORY);
	}
}

static void job_recv(struct um_model *m, struct job *j)
{
	if (j->req == NULL) {
		return;
	}
	if (tevent_req_is_in_progress(j->req)) {
		/* Freeing the request is how tevent cancels it. */
		talloc_free(j->req);
		j->st = um_local(UM_LOCAL_CANCELLED);
		return;
	}
	j->st = j->recv(j->req, j->mem, j->reply);
	talloc_free(j->req);
	j->req = NULL;
	um_test_rpc_trace("model %s: end, %s", j->p->name,
			  um_status_name(j->st));
	pass_note(m, j->reply->note);
}

/* The PDCs a batch of jobs goes to, for its progress text: "dcb", or
 * "dcb and dca" (a batch is one PDC or a pair). */
static char *jobs_pdcs(TALLOC_CTX *mem, const struct job *j, size_t n)
{
	if (n >= 2) {
		return talloc_asprintf(mem, _("%s and %s"), j[0].p->name,
				       j[1].p->name);
	}
	return talloc_strdup(mem, j[0].p->name);
}

/* Run the N requests to their ends, all under way at once (each PDC's
 * own connection: no request waits for another PDC's), or until
 * cancelled; each job's status in its st. */
static void call_many(struct um_model *m, struct job *j, size_t n,
		      const char *what)
{
	size_t i;

	if (m->hooks.busy != NULL) {
		m->hooks.busy(m->hooks.priv, what);
	}
	m->cancelled = false;
	for (i = 0; i < n; i++) {
		job_send(m, &j[i], what);
	}
	while (jobs_in_progress(j, n) && !m->cancelled) {
		if (tevent_loop_once(m->ev) != 0) {
			break;
		}
	}
	for (i = 0; i < n; i++) {
		job_recv(m, &j[i]);
	}
	m->cancelled = false;
	if (m->hooks.idle != NULL) {
		m->hooks.idle(m->hooks.priv);
	}
}

/* Run one backend request to its end, or until cancelled. */
static struct um_status call_with(struct um_pdc *p, um_op_send_fn send,
				  um_op_recv_fn recv,
				  const struct um_args *args, TALLOC_CTX *mem,
				  struct um_reply *reply, const char *what)
{
	struct job j = { .p = p, .send = send, .recv = recv, .args = args,
			 .mem = mem, .reply = reply };

	call_many(p->model, &j, 1, what);
	return j.st;
}

/* Ask P for its domain (through SEND and RECV) and keep the answer. */
static struct um_status fetch_info(struct um_pdc *p, um_op_send_fn send,
				   um_op_recv_fn recv)
{
	struct um_args args = { 0 };
	struct um_reply reply;
	char *what = talloc_asprintf(p, _("Connecting to %s..."), p->name);
	struct um_status st;

	if (what == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	st = call_with(p, send, recv, &args, p, &reply, what);
	talloc_free(what);
	if (!um_is_ok(st)) {
		return st;
	}
	p->info = talloc_memdup(p, &reply.info, sizeof(reply.info));
	return p->info != NULL ? um_ok() : um_local(UM_LOCAL_NO_MEMORY);
}

/* A real PDC's first operation connects first: the domain and its
 * dialect, whose table P keeps from then on (a dropped connection is
 * reopened by the operations themselves).  Until that succeeds P has no
 * table, and every operation tries again. */
static struct um_status learn_dialect(struct um_pdc *p)
{
	const struct um_rpc_module *rpc;
	struct um_status st;

	if (p->ops != NULL) {
		return um_ok();
	}
	/* attached, so loaded */
	rpc = um_rpc_module_loaded();
	st = fetch_info(p, rpc->connect_send, rpc->connect_recv);
	if (um_is_ok(st)) {
		p->ops = rpc->ops(p->info->dialect);
	}
	return st;
}

/* Keep what a connection told of P's domain; pick its table. */
static struct um_status keep_info(struct um_pdc *p, const struct um_reply *r)
{
	p->info = talloc_memdup(p, &r->info, sizeof(r->info));
	if (p->info == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	p->ops = um_rpc_module_loaded()->ops(p->info->dialect);
	return um_ok();
}

void um_pdcs_connect(struct um_pdc **p, size_t n, struct um_status *st)
{
	TALLOC_CTX *tmp;
	struct job *j;
	struct um_reply *r;
	struct um_args args = { 0 };
	const struct um_rpc_module *rpc = um_rpc_module_loaded();
	size_t i, k = 0;
	char *what;

	for (i = 0; i < n; i++) {
		st[i] = um_ok();
	}
	tmp = talloc_new(NULL);
	j = talloc_zero_array(tmp, struct job, n);
	r = talloc_zero_array(tmp, struct um_reply, n);
	if (tmp == NULL || j == NULL || r == NULL) {
		for (i = 0; i < n; i++) {
			st[i] = um_local(UM_LOCAL_NO_MEMORY);
		}
		talloc_free(tmp);
		return;
	}
	for (i = 0; i < n; i++) {
		/* (a simulated PDC is connected when attached) */
		if (p[i]->ops == NULL && rpc != NULL) {
			j[k] = (struct job){ .p = p[i],
				.send = rpc->connect_send,
				.recv = rpc->connect_recv, .args = &args,
				/* the domain's names live as long as P */
				.mem = p[i], .reply = &r[k] };
			k++;
		}
	}
	if (k > 0) {
		what = talloc_asprintf(tmp, _("Connecting to %s..."),
				       jobs_pdcs(tmp, j, k));
		call_many(p[0]->model, j, k, what);
	}
	for (i = 0, k = 0; i < n; i++) {
		if (p[i]->ops == NULL && rpc != NULL) {
			st[i] = um_is_ok(j[k].st) ? keep_info(p[i], &r[k])
						  : j[k].st;
			k++;
		}
	}
	talloc_free(tmp);
}

/* The backend operations, as the model names them. */
enum op_slot {
	SLOT_DOMAIN_INFO,
	SLOT_LIST_TRUSTS,
	SLOT_LIST_USERS,
	SLOT_LIST_GROUPS,
	SLOT_ADD_TRUSTING,
	SLOT_REMOVE_TRUSTING,
	SLOT_ADD_TRUSTED,
	SLOT_REMOVE_TRUSTED,
	SLOT_CHECK_TRUST_ACCOUNT,
	SLOT_VERIFY,
	SLOT_RESET,
	SLOT_LOGON_TEST,
	SLOT_LOCATE_DC,
	SLOT_READ_KEPT_PASSWORD,
};

static um_op_send_fn op_send(const struct um_backend_ops *o,
			     enum op_slot slot)
{
	switch (slot) {
	case SLOT_DOMAIN_INFO:
		return o->domain_info;
	case SLOT_LIST_TRUSTS:
		return o->list_trusts;
	case SLOT_LIST_USERS:
		return o->list_users;
	case SLOT_LIST_GROUPS:
		return o->list_groups;
	case SLOT_ADD_TRUSTING:
		return o->add_trusting;
	case SLOT_REMOVE_TRUSTING:
		return o->remove_trusting;
	case SLOT_ADD_TRUSTED:
		return o->add_trusted;
	case SLOT_REMOVE_TRUSTED:
		return o->remove_trusted;
	case SLOT_CHECK_TRUST_ACCOUNT:
		return o->check_trust_account;
	case SLOT_VERIFY:
		return o->verify;
	case SLOT_RESET:
		return o->reset;
	case SLOT_LOGON_TEST:
		return o->logon_test;
	case SLOT_LOCATE_DC:
		return o->locate_dc;
	case SLOT_READ_KEPT_PASSWORD:
		return o->read_kept_password;
	}
	return NULL;
}

/* ---- what um_model_reuse_reads() keeps -------------------------------- */

static void forget_verified(struct um_model *m)
{
	size_t i;

	for (i = 0; i < m->n_pdcs; i++) {
		TALLOC_FREE(m->pdcs[i]->verified);
	}
}

/* Everything kept of P, and every PDC's verify (a trust password
 * changed on one side changes what the other side verifies). */
static void forget_all(struct um_pdc *p)
{
	TALLOC_FREE(p->kept);
	TALLOC_FREE(p->checked);
	TALLOC_FREE(p->checked_pw);
	forget_verified(p->model);
}

/* Before SLOT is sent to P: what it may change is no longer known. */
static void forget_after(struct um_pdc *p, enum op_slot slot)
{
	switch (slot) {
	case SLOT_DOMAIN_INFO:
	case SLOT_LIST_TRUSTS:
	case SLOT_LIST_USERS:
	case SLOT_LIST_GROUPS:
	case SLOT_CHECK_TRUST_ACCOUNT:
	case SLOT_VERIFY:
	case SLOT_LOGON_TEST:
	case SLOT_LOCATE_DC:
	case SLOT_READ_KEPT_PASSWORD:
		return;
	case SLOT_RESET:
		TALLOC_FREE(p->verified);
		return;
	default:
		forget_all(p);
	}
}

void um_model_reuse_reads(struct um_model *m, bool on)
{
	size_t i;

	for (i = 0; i < m->n_pdcs; i++) {
		forget_all(m->pdcs[i]);
	}
	m->reuse = on;
}

void um_trust_set_channel_by_caller(struct um_pdc *p, bool on)
{
	p->channel_by_caller = on;
}

/* Run one of P's operations (connecting first, the first time). */
static struct um_status call(struct um_pdc *p, enum op_slot slot,
			     const struct um_args *args, TALLOC_CTX *mem,
			     struct um_reply *reply, const char *what)
{
	struct um_status st = learn_dialect(p);

	if (!um_is_ok(st)) {
		memset(reply, 0, sizeof(*reply));
		return st;
	}
	forget_after(p, slot);
	p->calls++;
	return call_with(p, op_send(p->ops, slot), p->ops->recv, args, mem,
			 reply, what);
}

/* An operation the rest of the engine adds (policy.c): the one PICK
 * chooses from P's table, once P's dialect names that table. */
struct um_status um_pdc_run(struct um_pdc *p, um_op_pick_fn pick,
			    const struct um_args *args, TALLOC_CTX *mem,
			    struct um_reply *reply, const char *what)
{
	struct um_status st = learn_dialect(p);

	if (!um_is_ok(st)) {
		memset(reply, 0, sizeof(*reply));
		return st;
	}
	forget_all(p);
	p->calls++;
	return call_with(p, pick(p->ops), p->ops->recv, args, mem, reply,
			 what);
}

void um_pdc_busy_begin(struct um_pdc *p, const char *what)
{
	if (p->model->hooks.busy != NULL) {
		p->model->hooks.busy(p->model->hooks.priv, what);
	}
}

void um_pdc_busy_end(struct um_pdc *p)
{
	if (p->model->hooks.idle != NULL) {
		p->model->hooks.idle(p->model->hooks.priv);
	}
}

struct um_status um_pdc_call(struct um_pdc *p, size_t offset,
			     const struct um_args *args, TALLOC_CTX *mem,
			     struct um_reply *reply, const char *what)
{
	struct um_status st = learn_dialect(p);
	um_op_send_fn send;

	if (!um_is_ok(st)) {
		memset(reply, 0, sizeof(*reply));
		return st;
	}
	/* a table without the slot (an older dialect) has it NULL */
	memcpy(&send, (const char *)p->ops + offset, sizeof(send));
	forget_all(p);
	p->calls++;
	return call_with(p, send, p->ops->recv, args, mem, reply, what);
}

struct um_status um_pdc_info(struct um_pdc *p,
			     const struct um_domain_info **out)
{
	struct um_status st;

	*out = NULL;
	/* a real PDC's connection tells the domain */
	st = learn_dialect(p);
	if (um_is_ok(st) && p->info == NULL) {
		p->calls++;
		st = fetch_info(p, op_send(p->ops, SLOT_DOMAIN_INFO),
				p->ops->recv);
	}
	if (um_is_ok(st)) {
		*out = p->info;
	}
	return st;
}

/* ---- lists ------------------------------------------------------------ */

static bool append_trust(TALLOC_CTX *mem, struct um_trust **list, size_t *n,
			 const struct um_trust *t)
{
	struct um_trust *grown = talloc_realloc(mem, *list, struct um_trust,
						*n + 1);

	if (grown == NULL) {
		return false;
	}
	grown[*n] = *t;
	grown[*n].name = talloc_strdup(grown, t->name);
	grown[*n].dns_name = talloc_strdup(grown, t->dns_name);
	grown[*n].sid = talloc_strdup(grown, t->sid);
	*list = grown;
	if ((t->name != NULL && grown[*n].name == NULL) ||
	    (t->dns_name != NULL && grown[*n].dns_name == NULL) ||
	    (t->sid != NULL && grown[*n].sid == NULL)) {
		return false;
	}
	(*n)++;
	return true;
}

/* A page's entries into L's two lists; false without memory. */
static bool absorb_page(TALLOC_CTX *mem, struct um_trust_lists *l,
			const struct um_reply *reply)
{
	size_t i;

	for (i = 0; i < reply->n_trusts; i++) {
		const struct um_trust *t = &reply->trusts[i];

		if ((t->direction & UM_DIR_OUTBOUND) &&
		    !append_trust(mem, &l->trusted, &l->n_trusted, t)) {
			return false;
		}
		if ((t->direction & UM_DIR_INBOUND) &&
		    !append_trust(mem, &l->trusting, &l->n_trusting, t)) {
			return false;
		}
	}
	return true;
}

static bool copy_list(TALLOC_CTX *mem, struct um_trust **to, size_t *n,
		      const struct um_trust *from, size_t n_from)
{
	size_t i;

	for (i = 0; i < n_from; i++) {
		if (!append_trust(mem, to, n, &from[i])) {
			return false;
		}
	}
	return true;
}

static bool copy_lists(TALLOC_CTX *mem, struct um_trust_lists *to,
		       const struct um_trust_lists *from)
{
	memset(to, 0, sizeof(*to));
	return copy_list(mem, &to->trusted, &to->n_trusted, from->trusted,
			 from->n_trusted) &&
	       copy_list(mem, &to->trusting, &to->n_trusting, from->trusting,
			 from->n_trusting);
}

/* The pages after the first, one after the other. */
static struct um_status read_rest(struct um_pdc *p, TALLOC_CTX *mem,
				  struct um_trust_lists *l,
				  const struct um_page *first)
{
	struct um_args args = { .max = p->model->opt.page_size,
				.resume = first->resume };
	TALLOC_CTX *tmp = talloc_new(mem);
	struct um_reply reply = { .page = *first };
	struct um_status st = um_ok();
	char *what = talloc_asprintf(tmp, _("Reading the trust relationships "
					    "of %s..."), p->name);

	while (um_is_ok(st) && reply.page.more) {
		st = call(p, SLOT_LIST_TRUSTS, &args, tmp, &reply, what);
		if (um_is_ok(st) && !absorb_page(mem, l, &reply)) {
			st = um_local(UM_LOCAL_NO_MEMORY);
		}
		args.resume = reply.page.resume;
	}
	talloc_free(tmp);
	return st;
}

/* Learn, keep (when reusing) and sort what was read of P. */
static void lists_done(struct um_pdc *p, struct um_trust_lists *l)
{
	size_t i;

	for (i = 0; i < l->n_trusted; i++) {
		trust_learn(p, l->trusted[i].name, l->trusted[i].state);
	}
	/* As NT lists them: by name; an entry added lands in its place. */
	if (l->n_trusted > 1) {
		qsort(l->trusted, l->n_trusted, sizeof(*l->trusted),
		      trust_cmp);
	}
	if (l->n_trusting > 1) {
		qsort(l->trusting, l->n_trusting, sizeof(*l->trusting),
		      trust_cmp);
	}
	if (p->model->reuse) {
		TALLOC_FREE(p->kept);
		p->kept = talloc_zero(p, struct um_trust_lists);
		if (p->kept != NULL && !copy_lists(p->kept, p->kept, l)) {
			TALLOC_FREE(p->kept);
		}
	}
}

/* The first page of each PDC in J (K of them) at once. */
static void first_pages(struct um_model *m, struct job *j, size_t k,
			struct um_args *args, TALLOC_CTX *tmp)
{
	char *what;
	size_t i;

	if (k == 0) {
		return;
	}
	what = talloc_asprintf(tmp, _("Reading the trust relationships "
				      "of %s..."), jobs_pdcs(tmp, j, k));
	for (i = 0; i < k; i++) {
		j[i].send = op_send(j[i].p->ops, SLOT_LIST_TRUSTS);
		j[i].recv = j[i].p->ops->recv;
		j[i].args = args;
		j[i].mem = tmp;
		j[i].p->calls++;
	}
	call_many(m, j, k, what);
}

void um_trust_lists(struct um_pdc **p, size_t n, TALLOC_CTX *mem,
		    struct um_trust_lists *lists, struct um_status *st)
{
	TALLOC_CTX *tmp = talloc_new(mem);
	struct um_args args = { 0 };
	struct job *j = talloc_zero_array(tmp, struct job, n);
	struct um_reply *r = talloc_zero_array(tmp, struct um_reply, n);
	size_t i, k = 0;

	memset(lists, 0, n * sizeof(*lists));
	if (tmp == NULL || j == NULL || r == NULL) {
		for (i = 0; i < n; i++) {
			st[i] = um_local(UM_LOCAL_NO_MEMORY);
		}
		talloc_free(tmp);
		return;
	}
	args.max = n > 0 ? p[0]->model->opt.page_size : 0;
	um_pdcs_connect(p, n, st);
	for (i = 0; i < n; i++) {
		if (!um_is_ok(st[i])) {
			continue;
		}
		if (p[i]->model->reuse && p[i]->kept != NULL) {
			/* read since the last change: the same answer */
			if (!copy_lists(mem, &lists[i], p[i]->kept)) {
				st[i] = um_local(UM_LOCAL_NO_MEMORY);
			}
			continue;
		}
		j[k].p = p[i];
		j[k].reply = &r[i];
		k++;
	}
	first_pages(n > 0 ? p[0]->model : NULL, j, k, &args, tmp);
	for (i = 0, k = 0; i < n; i++) {
		if (k >= n || j[k].p != p[i]) {
			continue;
		}
		st[i] = j[k++].st;
		if (um_is_ok(st[i]) && !absorb_page(mem, &lists[i], &r[i])) {
			st[i] = um_local(UM_LOCAL_NO_MEMORY);
		}
		if (um_is_ok(st[i])) {
			st[i] = read_rest(p[i], mem, &lists[i], &r[i].page);
		}
		if (um_is_ok(st[i])) {
			lists_done(p[i], &lists[i]);
		}
	}
	talloc_free(tmp);
}

struct um_status um_trust_list(struct um_pdc *p, TALLOC_CTX *mem,
			       struct um_trust **trusted, size_t *n_trusted,
			       struct um_trust **trusting,
			       size_t *n_trusting)
{
	struct um_trust_lists l;
	struct um_status st;

	um_trust_lists(&p, 1, mem, &l, &st);
	*trusted = l.trusted;
	*n_trusted = l.n_trusted;
	*trusting = l.trusting;
	*n_trusting = l.n_trusting;
	return st;
}

/* ---- what a server can change ---------------------------------------- */

void um_trust_set_rekey(struct um_pdc *p, bool on, bool keep)
{
	p->rekey_two_way = on;
	p->keep = on && keep;
	p->rekey_by_hand = false;
}

void um_trust_set_rekey_by_hand(struct um_pdc *p, bool on)
{
	p->rekey_two_way = p->rekey_by_hand = on;
	if (!on) {
		p->keep = false;
	} else {
		/* (kept after the Add, for the screen to show) */
		TALLOC_FREE(p->rekey_outcome);
	}
}

const char *um_trust_rekey_outcome(const struct um_pdc *p)
{
	return p->rekey_outcome;
}

struct um_status um_pdc_caps(struct um_pdc *p, uint32_t *caps)
{
	struct um_status st = learn_dialect(p);

	*caps = 0;
	if (um_is_ok(st) && p->ops->caps != NULL) {
		*caps = p->ops->caps(p);
	}
	return st;
}

static uint32_t direction_in(const struct um_trust *list, size_t n,
			     const char *name, uint32_t dir)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (um_name_equal(list[i].name, name)) {
			return dir;
		}
	}
	return 0;
}

struct um_status um_trust_directions(struct um_pdc *p, const char *name,
				     uint32_t *dirs)
{
	TALLOC_CTX *tmp = talloc_new(p);
	struct um_trust *td, *tg;
	size_t ntd, ntg;
	struct um_status st = um_trust_list(p, tmp, &td, &ntd, &tg, &ntg);

	*dirs = 0;
	if (um_is_ok(st)) {
		*dirs = direction_in(td, ntd, name, UM_DIR_OUTBOUND) |
			direction_in(tg, ntg, name, UM_DIR_INBOUND);
	}
	talloc_free(tmp);
	return st;
}

/* The direction OP adds or removes; 0 for the operations that change no
 * trusted-domain object. */
static uint32_t op_direction(enum um_op op)
{
	switch (op) {
	case UM_OP_ADD_TRUSTING:
	case UM_OP_REMOVE_TRUSTING:
		return UM_DIR_INBOUND;
	case UM_OP_ADD_TRUSTED:
	case UM_OP_REMOVE_TRUSTED:
		return UM_DIR_OUTBOUND;
	default:
		return 0;
	}
}

static bool op_adds(enum um_op op)
{
	return op == UM_OP_ADD_TRUSTING || op == UM_OP_ADD_TRUSTED;
}

uint32_t um_trust_change_lacks(enum um_op op, uint32_t caps, uint32_t have)
{
	uint32_t dir = op_direction(op);
	uint32_t other = have & ~dir;

	if (dir == 0 || other == 0) {
		/* nothing else on the object: created or deleted whole */
		return 0;
	}
	if (op_adds(op)) {
		return (have & dir) == 0 && !(caps & UM_CAP_ADD_DIRECTION)
			       ? UM_CAP_ADD_DIRECTION : 0;
	}
	return (have & dir) != 0 && !(caps & UM_CAP_REMOVE_DIRECTION)
		       ? UM_CAP_REMOVE_DIRECTION : 0;
}

uint32_t um_trust_change_result(enum um_op op, uint32_t have)
{
	uint32_t dir = op_direction(op);

	return op_adds(op) ? have | dir : have & ~dir;
}

char *um_trust_refusal_text(TALLOC_CTX *mem, struct um_pdc *p,
			    enum um_op op, const char *name, uint32_t lacks)
{
	const struct um_domain_info *me = p->info;
	const char *dom = me != NULL && me->name != NULL ? me->name : p->name;

	if (lacks & UM_CAP_ADD_DIRECTION) {
		return talloc_asprintf(mem,
			op == UM_OP_ADD_TRUSTING
			? _("%s (on %s) already trusts %s, and this server "
			    "cannot add the other direction to an existing "
			    "trust.  Nothing was changed.")
			: _("%s (on %s) is already trusted by %s, and this "
			    "server cannot add the other direction to an "
			    "existing trust.  Nothing was changed."),
			dom, p->name, name);
	}
	return talloc_asprintf(mem,
		_("%s (on %s) trusts %s both ways, and this server cannot "
		  "remove one direction of a two-way trust.  Nothing was "
		  "changed."), dom, p->name, name);
}

char *um_trust_remove_keeps_text(TALLOC_CTX *mem, const char *dom,
				 const struct um_trust *t, bool trusted)
{
	if ((t->direction & (UM_DIR_INBOUND | UM_DIR_OUTBOUND)) !=
	    (UM_DIR_INBOUND | UM_DIR_OUTBOUND)) {
		return NULL;
	}
	return trusted
		? talloc_asprintf(mem, _("The trust is two-way: only this "
					 "direction is removed.  %s stays in "
					 "the Trusting Domains of %s (%s "
					 "still trusts %s)."),
				  t->name, dom, t->name, dom)
		: talloc_asprintf(mem, _("The trust is two-way: only this "
					 "direction is removed.  %s stays in "
					 "the Trusted Domains of %s (%s still "
					 "trusts %s)."),
				  t->name, dom, dom, t->name);
}

static struct um_status partner_name(struct um_pdc *p, TALLOC_CTX *mem,
				     const char *typed, char **out);

/* Would Add OP on P of partner NAME re-create P's object two-way, the
 * server able to re-key but not to add a direction (Samba AD 4.17)? */
static bool add_rekeys(struct um_pdc *p, enum um_op op, const char *name)
{
	uint32_t caps, have;

	if (!um_is_ok(um_pdc_caps(p, &caps)) ||
	    !(caps & UM_CAP_REKEY_TWO_WAY) ||
	    !um_is_ok(um_trust_directions(p, name, &have))) {
		return false;
	}
	return um_trust_change_lacks(op, caps, have) == UM_CAP_ADD_DIRECTION;
}

/*
 * Can P's server, re-creating its object for NAME two-way, keep the
 * password of the direction the object holds?  Yes when the backend
 * reads it back (Samba AD: DRSUAPI replication of the object, which a
 * domain administrator may do; doc/two-way.md); asked on the wire, with
 * nothing changed.  Otherwise the Add re-keys that direction.
 */
static struct um_status simple_op(struct um_pdc *p, enum op_slot send,
				  const struct um_args *args,
				  const char *what);

bool um_trust_keeps_password(struct um_pdc *p, const char *name)
{
	struct um_args args = { .partner = name };

	if (!um_is_ok(learn_dialect(p)) ||
	    p->ops->read_kept_password == NULL) {
		return false; /* (no round trip for a backend that cannot) */
	}
	return um_is_ok(simple_op(p, SLOT_READ_KEPT_PASSWORD, &args,
				  _("Reading the trust's passwords...")));
}

/* The sentence before an Add that re-creates the object two-way and
 * keeps the other direction's password: that direction goes on working.
 * DOM is P's domain. */
static char *keep_text(TALLOC_CTX *mem, enum um_op op, const char *dom,
		       const char *name)
{
	if (op == UM_OP_ADD_TRUSTING) {
		return talloc_asprintf(mem,
			_("%1$s already trusts %2$s.  This server can add "
			  "the other direction only by creating the trust "
			  "again, both directions at once: the trust of "
			  "%1$s in %2$s keeps its password and keeps "
			  "working.  The new direction works once the "
			  "administrator of %2$s adds %1$s to the Trusted "
			  "Domains of %2$s with this password.\n\nDo you "
			  "want to continue?"),
			dom, name);
	}
	return talloc_asprintf(mem,
		_("%2$s already trusts %1$s.  This server can add the "
		  "other direction only by creating the trust again, both "
		  "directions at once: the trust of %2$s in %1$s keeps its "
		  "password and keeps working (usrmgr resets its secure "
		  "channel on the PDC of %2$s afterwards).\n\nDo you want "
		  "to continue?"),
		dom, name);
}

/* The sentence before an Add that re-keys: the other direction changes
 * password too, and when it works again.  DOM is P's domain. */
static char *rekey_text(TALLOC_CTX *mem, enum um_op op, const char *dom,
			const char *name)
{
	if (op == UM_OP_ADD_TRUSTING) {
		return talloc_asprintf(mem,
			_("%1$s already trusts %2$s.  This server can add "
			  "the other direction only by creating the trust "
			  "again, both directions with this password: the "
			  "trust of %1$s in %2$s is re-keyed with it too, "
			  "and stops working until the administrator of "
			  "%2$s adds %1$s to the Trusted Domains of %2$s "
			  "with the same password.  After that both "
			  "directions work again (usrmgr resets the secure "
			  "channels then).\n\nDo you want to continue?"),
			dom, name);
	}
	return talloc_asprintf(mem,
		_("%2$s already trusts %1$s.  This server can add the "
		  "other direction only by creating the trust again, both "
		  "directions with this password: the trust of %2$s in "
		  "%1$s is re-keyed with it too.  It works only when %2$s "
		  "holds the same password (its administrator added %1$s "
		  "to the Trusting Domains of %2$s with it); until then it "
		  "stops working.  usrmgr then resets the secure channels "
		  "of both PDCs.\n\nDo you want to continue?"),
		dom, name);
}

char *um_trust_add_rekey_text(TALLOC_CTX *mem, struct um_pdc *p,
			      enum um_op op, const char *typed)
{
	const struct um_domain_info *me;
	TALLOC_CTX *tmp = talloc_new(mem);
	char *name, *text = NULL;

	if (tmp != NULL &&
	    um_is_ok(partner_name(p, tmp, typed, &name)) &&
	    um_is_ok(um_pdc_info(p, &me)) && add_rekeys(p, op, name)) {
		/* the answer shown is the Add's: it does not ask again */
		p->keep = um_trust_keeps_password(p, name);
		text = p->keep ? keep_text(mem, op, me->name, name)
			       : rekey_text(mem, op, me->name, name);
	}
	talloc_free(tmp);
	return text;
}

const char *um_trust_add_rekey_yes_note(const struct um_pdc *p)
{
	return p->keep
		? _("note: --yes re-creates the trust in both directions, "
		    "the working one with its own password")
		: _("note: --yes re-creates the trust in both directions "
		    "with this password");
}

/* Refused at once, before anything is changed, when P's server cannot
 * do OP with the object it holds for NAME; the operator is told why. */
static struct um_status change_check(struct um_pdc *p, enum um_op op,
				     const char *name)
{
	uint32_t caps, have, lacks;
	struct um_status st = um_pdc_caps(p, &caps);
	char *why;

	if (p->rekey_two_way && (caps & UM_CAP_REKEY_TWO_WAY)) {
		/* the repair re-keys both halves: re-created two-way */
		caps |= UM_CAP_ADD_DIRECTION;
	}
	if (!um_is_ok(st) || (caps & UM_CAP_ALL) == UM_CAP_ALL) {
		/* (every change possible: no need to read the lists) */
		return st;
	}
	st = um_trust_directions(p, name, &have);
	lacks = um_is_ok(st) ? um_trust_change_lacks(op, caps, have) : 0;
	if (lacks == 0) {
		return st;
	}
	why = um_trust_refusal_text(p, p, op, name, lacks);
	um_model_note(p->model, why != NULL ? why : name);
	talloc_free(why);
	return um_local(UM_LOCAL_NOT_SUPPORTED);
}

/* Users and groups come a screenful at a time (or --page-size). */
static struct um_status list_page(struct um_pdc *p, enum op_slot slot,
				  const char *busy, TALLOC_CTX *mem,
				  struct um_page *page, struct um_reply *reply)
{
	struct um_args args = { .resume = page->resume,
				.max = p->model->opt.page_size
					       ? p->model->opt.page_size
					       : 512 };
	struct um_status st = call(p, slot, &args, mem, reply, busy);

	*page = reply->page;
	return st;
}

struct um_status um_users_page(struct um_pdc *p, TALLOC_CTX *mem,
			       struct um_page *page, struct um_user **users,
			       size_t *n)
{
	struct um_reply reply;
	struct um_status st = list_page(p, SLOT_LIST_USERS,
					_("Reading the user accounts..."),
					mem, page, &reply);

	*users = reply.users;
	*n = reply.n_users;
	return st;
}

struct um_status um_groups_page(struct um_pdc *p, TALLOC_CTX *mem,
				struct um_page *page,
				struct um_group **groups, size_t *n)
{
	struct um_reply reply;
	struct um_status st = list_page(p, SLOT_LIST_GROUPS,
					_("Reading the groups..."), mem, page,
					&reply);

	*groups = reply.groups;
	*n = reply.n_groups;
	return st;
}

/* ---- the dialog's operations ------------------------------------------ */

/* The partner's name as typed, checked and normalised; never ours. */
static struct um_status partner_name(struct um_pdc *p, TALLOC_CTX *mem,
				     const char *typed, char **out)
{
	const struct um_domain_info *info;
	struct um_status st = um_name_normalise(mem, typed, out);

	if (!um_is_ok(st)) {
		return st;
	}
	st = um_pdc_info(p, &info);
	if (!um_is_ok(st)) {
		return st;
	}
	if (um_name_equal(info->name, *out)) {
		return um_local(UM_LOCAL_OWN_DOMAIN);
	}
	return um_ok();
}

struct um_status um_pdc_locate(struct um_pdc *p, const char *name,
			       TALLOC_CTX *mem, char **pdc)
{
	struct um_args args = { .partner = name };
	struct um_reply reply;
	struct um_status st;
	char *what = talloc_asprintf(mem, _("Looking for a domain controller "
					    "of %s..."), name);

	st = call(p, SLOT_LOCATE_DC, &args, mem, &reply, what);
	*pdc = um_is_ok(st) ? reply.pdc : NULL;
	return st;
}

struct um_pdc *um_model_pdc_of(struct um_model *m, const char *domain)
{
	const struct um_domain_info *info;
	size_t i;

	for (i = 0; i < m->n_pdcs; i++) {
		info = m->pdcs[i]->info;
		if (info != NULL &&
		    (um_name_equal(info->name, domain) ||
		     (info->dns_name != NULL &&
		      um_name_equal(info->dns_name, domain)))) {
			return m->pdcs[i];
		}
	}
	return NULL;
}

struct um_status um_partner_pdc_name(struct um_model *m, struct um_pdc *from,
				     const char *name, TALLOC_CTX *mem,
				     char **pdc)
{
	struct um_pdc *open = um_model_pdc_of(m, name);

	*pdc = NULL;
	if (open != NULL) {
		*pdc = talloc_strdup(mem, open->name);
		return *pdc != NULL ? um_ok() : um_local(UM_LOCAL_NO_MEMORY);
	}
	if (from == NULL) {
		return um_local(UM_LOCAL_UNKNOWN_PDC);
	}
	return um_pdc_locate(from, name, mem, pdc);
}

struct um_status um_partner_pdc(struct um_pdc *p, const char *name,
				const char *given, struct um_pdc **out)
{
	const struct um_domain_info *info;
	struct um_pdc *partner = NULL;
	struct um_status st = um_ok();
	char *found = NULL;

	*out = NULL;
	if (given == NULL) {
		st = um_partner_pdc_name(p->model, p, name, p, &found);
	}
	if (um_is_ok(st)) {
		st = um_pdc_get(p->model, given ? given : found, &partner);
	}
	if (um_is_ok(st)) {
		st = um_pdc_info(partner, &info);
	}
	talloc_free(found);
	if (um_is_ok(st)) {
		*out = partner;
	}
	return st;
}

static struct um_status simple_op(struct um_pdc *p, enum op_slot send,
				  const struct um_args *args,
				  const char *what)
{
	TALLOC_CTX *tmp = talloc_new(p);
	struct um_reply reply;
	struct um_status st = tmp == NULL ? um_local(UM_LOCAL_NO_MEMORY) :
		call(p, send, args, tmp, &reply, what);

	talloc_free(tmp);
	return st;
}

static bool kept_names(const struct um_trust *t, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (um_name_equal(t[i].name, name) ||
		    (t[i].dns_name != NULL && um_name_equal(t[i].dns_name,
							    name))) {
			return true;
		}
	}
	return false;
}

/* P's lists, read since the last change on P, hold no object for NAME
 * (then an Add need not ask the PDC for it again). */
static bool kept_absent(const struct um_pdc *p, const char *name)
{
	const struct um_trust_lists *k = p->kept;

	return p->model->reuse && k != NULL &&
	       !kept_names(k->trusted, k->n_trusted, name) &&
	       !kept_names(k->trusting, k->n_trusting, name);
}

static struct um_status add_trusting(struct um_pdc *p, const char *typed,
				     const struct um_secret *password,
				     const struct um_secret *confirm)
{
	TALLOC_CTX *tmp = talloc_new(p);
	const struct um_domain_info *partner_info = NULL;
	struct um_args args = { .password = password };
	struct um_status st;
	char *name;

	st = partner_name(p, tmp, typed, &name);
	if (um_is_ok(st) && !um_secret_equal(password, confirm)) {
		st = um_local(UM_LOCAL_PASSWORD_MISMATCH);
	}
	if (um_is_ok(st)) {
		st = um_secret_check(password);
	}
	if (um_is_ok(st)) {
		st = change_check(p, UM_OP_ADD_TRUSTING, name);
	}
	if (um_is_ok(st)) {
		/* The partner's SID and DNS name, if its PDC answers. */
		args.two_way_rekey = p->rekey_two_way;
		args.keep_password = p->rekey_two_way && p->keep;
		struct um_pdc *partner;

		if (um_is_ok(um_partner_pdc(p, name, NULL, &partner))) {
			partner_info = partner->info;
		}
		args.partner = name;
		args.known_absent = kept_absent(p, name);
		args.partner_sid = partner_info ? partner_info->sid : NULL;
		args.partner_dns = partner_info ? partner_info->dns_name
						: NULL;
		st = simple_op(p, SLOT_ADD_TRUSTING, &args,
			       talloc_asprintf(tmp, _("Adding %s to the "
						      "Trusting Domains..."),
					       name));
	}
	talloc_free(tmp);
	return st;
}

struct um_status um_trust_check_account(struct um_pdc *p, const char *name,
					const struct um_secret *password)
{
	TALLOC_CTX *tmp = talloc_new(p);
	struct um_args args = { .partner = name, .password = password };
	struct um_status st;

	if (p->model->reuse && p->checked != NULL &&
	    um_name_equal(p->checked, name) &&
	    um_secret_equal(p->checked_pw, password)) {
		/* the same logon passed since the last change on P */
		talloc_free(tmp);
		return um_ok();
	}
	st = simple_op(p, SLOT_CHECK_TRUST_ACCOUNT, &args,
		       talloc_asprintf(tmp, _("Checking the trust account "
					      "%s$ on %s..."), name, p->name));
	talloc_free(tmp);
	if (um_is_ok(st) && p->model->reuse) {
		TALLOC_FREE(p->checked);
		TALLOC_FREE(p->checked_pw);
		p->checked = talloc_strdup(p, name);
		p->checked_pw = um_secret_new(p, um_secret_reveal(password),
					      um_secret_len(password));
	}
	return st;
}

struct um_status um_trust_add_trusting(struct um_pdc *p, const char *typed,
				       const struct um_secret *password,
				       const struct um_secret *confirm)
{
	op_begin(p);
	return op_end(p, UM_OP_ADD_TRUSTING, typed,
		      add_trusting(p, typed, password, confirm));
}

/* After a re-keying Add Trusted by hand (P serving DOM): the partner
 * (PARTNER) trusts DOM again with the new password once its channel is
 * rebuilt (measured: WERR_ACCOUNT_DISABLED until a reset); its check's
 * outcome is kept for the screen, not the Add's.  (The repair has reset
 * and verify steps of its own for both directions.) */
static void rekeyed_other_reset(struct um_pdc *p, struct um_pdc *partner,
				const char *dom)
{
	struct um_status st;

	um_trust_reset(partner, dom);
	st = um_trust_verify(partner, dom);
	TALLOC_FREE(p->rekey_outcome);
	if (p->keep) {
		p->rekey_outcome = um_is_ok(st)
			? talloc_asprintf(p, _("The other direction (%s "
					       "trusts %s) kept its password "
					       "and was verified."),
					  partner->info->name, dom)
			: talloc_asprintf(p, _("The other direction (%s "
					       "trusts %s) kept its password "
					       "but did not verify: %s"),
					  partner->info->name, dom,
					  um_status_text(st));
		return;
	}
	p->rekey_outcome = um_is_ok(st)
		? talloc_asprintf(p, _("The other direction (%s trusts %s) "
				       "was verified with the new "
				       "password."), partner->info->name, dom)
		: talloc_asprintf(p, _("The other direction (%s trusts %s) "
				       "did not verify with the new "
				       "password: %s"), partner->info->name,
				  dom, um_status_text(st));
}

static struct um_status add_trusted(struct um_pdc *p, const char *typed,
				    const char *given_pdc,
				    const struct um_secret *password)
{
	TALLOC_CTX *tmp = talloc_new(p);
	const struct um_domain_info *me, *partner_info;
	struct um_pdc *partner;
	struct um_args args = { .password = password };
	struct um_status st;
	char *name;

	st = partner_name(p, tmp, typed, &name);
	if (um_is_ok(st)) {
		st = um_secret_check(password);
	}
	if (um_is_ok(st)) {
		st = change_check(p, UM_OP_ADD_TRUSTED, name);
	}
	if (!um_is_ok(st)) {
		goto done;
	}
	st = um_pdc_info(p, &me);
	if (um_is_ok(st)) {
		st = um_partner_pdc(p, name, given_pdc, &partner);
	}
	if (!um_is_ok(st)) {
		goto done;
	}
	partner_info = partner->info;
	/* NT's check: log on as OURS$ on the partner before storing. */
	st = um_trust_check_account(partner, me->name, password);
	if (!um_is_ok(st)) {
		goto done;
	}
	args.partner = name;
	args.known_absent = kept_absent(p, name);
	args.two_way_rekey = p->rekey_two_way;
	args.keep_password = p->rekey_two_way && p->keep;
	args.partner_sid = partner_info->sid;
	args.partner_dns = partner_info->dns_name;
	st = simple_op(p, SLOT_ADD_TRUSTED, &args,
		       talloc_asprintf(tmp, _("Adding %s to the Trusted "
					      "Domains..."), name));
	if (um_is_ok(st) && !p->channel_by_caller) {
		/* The resource PDC's cached channel is stale: rebuild it. */
		um_trust_reset(p, name);
		st = um_trust_verify(p, name);
	}
	if (um_is_ok(st) && p->rekey_by_hand) {
		rekeyed_other_reset(p, partner, me->name);
	}
done:
	talloc_free(tmp);
	return st;
}

/* On an AD PDC, Add Trusting Domain reads the trusting domain's SID and
 * DNS name from its own PDC, and Add Trusted Domain logs on to the
 * trusted domain's PDC before storing the trust.  When usrmgr found none,
 * NT's bare "does not exist or could not be contacted" leaves the
 * operator stuck: say how to name it. */
const char *um_trust_add_hint(TALLOC_CTX *mem, const struct um_model *m,
			      bool trusted, struct um_status st,
			      const char *name, const char *pdc)
{
	char *up = NULL;

	if (um_model_finds_pdcs(m) || !um_status_pdc_not_found(st) ||
	    !um_is_ok(um_name_normalise(mem, name, &up)))
		return NULL;
	if (!trusted)
		return talloc_asprintf(mem, _("usrmgr found no PDC of %s to "
					      "read the domain's identity "
					      "from.  Open %s with User > "
					      "Select Domain... (its PDC and "
					      "administrator), come back here "
					      "and add it again."), up, up);
	if (pdc != NULL)
		return talloc_asprintf(mem, _("usrmgr could not open %s as "
					      "a PDC of %s.  Check the name, "
					      "or open %s with User > Select "
					      "Domain... (its PDC and "
					      "administrator) first."),
				       pdc, up, up);
	return talloc_asprintf(mem, _("usrmgr found no PDC of %s.  Type "
				      "its name in the PDC field, or open %s "
				      "with User > Select Domain... (its PDC "
				      "and administrator) first."), up, up);
}

struct um_status um_trust_add_trusted(struct um_pdc *p, const char *typed,
				      const char *given_pdc,
				      const struct um_secret *password)
{
	op_begin(p);
	return op_end(p, UM_OP_ADD_TRUSTED, typed,
		      add_trusted(p, typed, given_pdc, password));
}

enum named_op_kind { OP_REMOVE_TRUSTED, OP_REMOVE_TRUSTING, OP_VERIFY,
		    OP_RESET };

static char *describe(TALLOC_CTX *mem, enum named_op_kind kind,
		      const char *name, const char *pdc)
{
	switch (kind) {
	case OP_REMOVE_TRUSTED:
		return talloc_asprintf(mem, _("Removing %s from the Trusted "
					      "Domains on %s..."), name, pdc);
	case OP_REMOVE_TRUSTING:
		return talloc_asprintf(mem, _("Removing %s from the Trusting "
					      "Domains on %s..."), name, pdc);
	case OP_VERIFY:
		return talloc_asprintf(mem, _("Verifying the trust with %s "
					      "from %s..."), name, pdc);
	case OP_RESET:
		return talloc_asprintf(mem, _("Resetting the secure channel "
					      "to %s on %s..."), name, pdc);
	}
	return NULL;
}

static struct um_status named_op(struct um_pdc *p, const char *typed,
				 enum op_slot send, enum named_op_kind kind)
{
	TALLOC_CTX *tmp = talloc_new(p);
	struct um_args args = { 0 };
	struct um_status st;
	char *name;

	st = um_name_normalise(tmp, typed, &name);
	if (um_is_ok(st) && (kind == OP_REMOVE_TRUSTED ||
			     kind == OP_REMOVE_TRUSTING)) {
		st = change_check(p, kind == OP_REMOVE_TRUSTED
				  ? UM_OP_REMOVE_TRUSTED
				  : UM_OP_REMOVE_TRUSTING, name);
	}
	if (um_is_ok(st)) {
		args.partner = name;
		st = simple_op(p, send, &args,
			       describe(tmp, kind, name, p->name));
	}
	talloc_free(tmp);
	return st;
}

/*
 * Samba AD keeps its secure channel to a domain it no longer trusts:
 * after Remove from the Trusted Domains of a two-way object (direction
 * both -> inbound), the partner's users still logged on until winbindd
 * restarted (measured, doc/two-way.md).  A reset (REDISCOVER) drops the
 * channel; it answers WERR_CANT_ACCESS_DOMAIN_INFO then, as it should.
 */
static void drop_removed_channel(struct um_pdc *p, const char *typed)
{
	TALLOC_CTX *tmp = talloc_new(p);
	uint32_t have = 0;
	char *name;

	if (tmp != NULL && p->info != NULL &&
	    p->info->dialect == UM_DIALECT_AD &&
	    um_is_ok(um_name_normalise(tmp, typed, &name)) &&
	    um_is_ok(um_trust_directions(p, name, &have)) &&
	    (have & UM_DIR_INBOUND) != 0) {
		um_trust_reset(p, name);
	}
	talloc_free(tmp);
}

struct um_status um_trust_remove_trusted(struct um_pdc *p, const char *name)
{
	struct um_status st;

	op_begin(p);
	st = named_op(p, name, SLOT_REMOVE_TRUSTED, OP_REMOVE_TRUSTED);
	if (um_is_ok(st)) {
		trust_forget(p, name);
		drop_removed_channel(p, name);
	}
	return op_end(p, UM_OP_REMOVE_TRUSTED, name, st);
}

struct um_status um_trust_remove_trusting(struct um_pdc *p, const char *name)
{
	op_begin(p);
	return op_end(p, UM_OP_REMOVE_TRUSTING, name,
		      named_op(p, name, SLOT_REMOVE_TRUSTING,
			       OP_REMOVE_TRUSTING));
}

struct um_status um_trust_verify(struct um_pdc *p, const char *name)
{
	struct um_status st;

	op_begin(p);
	if (p->model->reuse && p->verified != NULL &&
	    um_name_equal(p->verified, name)) {
		/* passed, and nothing changed since on either side */
		return op_end(p, UM_OP_VERIFY, name, um_ok());
	}
	st = named_op(p, name, SLOT_VERIFY, OP_VERIFY);
	trust_learn(p, name, um_trust_state_of(st));
	if (um_is_ok(st) && p->model->reuse) {
		TALLOC_FREE(p->verified);
		p->verified = talloc_strdup(p, name);
	}
	return op_end(p, UM_OP_VERIFY, name, st);
}

struct um_status um_trust_reset(struct um_pdc *p, const char *name)
{
	op_begin(p);
	return op_end(p, UM_OP_RESET, name,
		      named_op(p, name, SLOT_RESET, OP_RESET));
}

struct um_status um_logon_test(struct um_pdc *p, const char *user,
			       const struct um_secret *password)
{
	struct um_args args = { .user = user, .password = password };
	TALLOC_CTX *tmp = talloc_new(p);
	struct um_status st;

	op_begin(p);
	st = simple_op(p, SLOT_LOGON_TEST, &args,
		       talloc_asprintf(tmp, _("Logging %s on through %s..."),
				       user, p->name));
	talloc_free(tmp);
	return op_end(p, UM_OP_LOGON_TEST, user, st);
}

/* ---- what is known of the trusts -------------------------------------- */

static int trust_cmp(const void *a, const void *b)
{
	const struct um_trust *x = a, *y = b;

	return strcasecmp(x->name != NULL ? x->name : "",
			  y->name != NULL ? y->name : "");
}

static struct known_trust *known_find(struct um_model *m,
				      const char *trusting,
				      const char *trusted)
{
	size_t i;

	for (i = 0; i < m->n_known; i++) {
		if (um_name_equal(m->known[i].trusting, trusting) &&
		    um_name_equal(m->known[i].trusted, trusted)) {
			return &m->known[i];
		}
	}
	return NULL;
}

/* P's domain trusts PARTNER, and a verification (or the PDC's list)
 * found STATE; a check that could not tell changes nothing.  Known only
 * once P's domain is: no round trip is spent to learn it. */
static void trust_learn(struct um_pdc *p, const char *partner,
			enum um_trust_state state)
{
	struct um_model *m = p->model;
	struct known_trust *k, *grown;

	if (state == UM_TRUST_UNKNOWN || p->info == NULL || partner == NULL) {
		return;
	}
	k = known_find(m, p->info->name, partner);
	if (k == NULL) {
		grown = talloc_realloc(m, m->known, struct known_trust,
				       m->n_known + 1);
		if (grown == NULL) {
			return;
		}
		m->known = grown;
		k = &m->known[m->n_known++];
		k->trusting = talloc_strdup(m->known, p->info->name);
		k->trusted = talloc_strdup(m->known, partner);
	}
	k->state = state;
}

/* The trust is gone from P's Trusted Domains: nothing left to know. */
static void trust_forget(struct um_pdc *p, const char *partner)
{
	struct known_trust *k;

	if (p->info == NULL) {
		return;
	}
	k = known_find(p->model, p->info->name, partner);
	if (k != NULL) {
		k->state = UM_TRUST_UNKNOWN;
	}
}

char *um_pdc_trust_alert(struct um_pdc *p, TALLOC_CTX *mem)
{
	struct um_model *m = p->model;
	size_t i;

	if (p->info == NULL) {
		return NULL;
	}
	for (i = 0; i < m->n_known; i++) {
		const struct known_trust *k = &m->known[i];

		if (k->state == UM_TRUST_BROKEN &&
		    (um_name_equal(k->trusting, p->info->name) ||
		     um_name_equal(k->trusted, p->info->name))) {
			return talloc_asprintf(mem, _("Broken trust: %s trusts "
						      "%s, and the trust does "
						      "not work. Repair it "
						      "with Policies > Repair "
						      "Trust."),
					       k->trusting, k->trusted);
		}
	}
	return NULL;
}
