/*
 * usrmgr - what both RPC dialects share besides NETLOGON: attaching to a
 * PDC and learning its dialect, the domain's information, and the SAMR
 * user and group lists.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rpc_internal.h"
#include "test_hooks.h"

/* ================= domain_info ================= */

struct info_state {
	struct rpc_op op;
};

static void info_step(struct tevent_req *req, struct rpc_op *op)
{
	const struct um_domain_info *i = &op->conn->info;

	op->reply.info = *i;
	op->reply.info.name = talloc_strdup(op, i->name);
	op->reply.info.dns_name = talloc_strdup(op, i->dns_name);
	op->reply.info.sid = talloc_strdup(op, i->sid);
	op->reply.info.pdc = talloc_strdup(op, i->pdc);
	rpc_op_finish(req, op,
		      op->reply.info.name != NULL &&
		      op->reply.info.pdc != NULL &&
		      (op->reply.info.dns_name != NULL) == (i->dns_name != NULL) &&
		      (op->reply.info.sid != NULL) == (i->sid != NULL) ?
		      um_ok() : um_local(UM_LOCAL_NO_MEMORY));
}

static const struct rpc_op_kind info_kind =
	RPC_OP_KIND(struct info_state, info_step, RPC_NEED_LSA, 0, 0, NULL);
RPC_OP_SENDER(rpc_domain_info_send, info_kind)

/* ================= SAMR: users and groups ================= */

/* op->variant: the display level */
#define DISPLAY_USERS  1
#define DISPLAY_GROUPS 3

/* A groups page's resume handle with this bit: the local groups' pages,
 * which follow the global groups' (the rest of the handle: the first
 * local group of the page). */
#define ALIAS_PAGES 0x80000000u

struct display_state {
	struct rpc_op op;
	struct samr_QueryDisplayInfo r;
	uint32_t total, returned;
	union samr_DispInfo info;
	/* the local groups: every alias's name and RID, then one page */
	struct samr_EnumDomainAliases aliases;
	struct samr_SamArray *sam;
	uint32_t n_aliases, alias_resume;
	char **names;
	uint32_t *rids;
	size_t n_rids;
	size_t from, end, at;     /* the page's aliases; the one read now */
	size_t first;             /* where the page's begin in the reply */
	/* each one's description: OpenAlias, QueryAliasInfo, Close */
	struct samr_OpenAlias open;
	struct samr_QueryAliasInfo query;
	union samr_AliasInfo *ainfo;
	struct samr_Close close;
	struct policy_handle handle;
};

static bool display_users(struct rpc_op *op, struct samr_DispInfoGeneral *g)
{
	struct um_user *u = talloc_zero_array(op, struct um_user,
					      g->count + 1);

	op->reply.users = u;
	op->reply.n_users = u ? g->count : 0;
	for (uint32_t i = 0; u != NULL && i < g->count; i++) {
		u[i].name = talloc_strdup(u, g->entries[i].account_name.string);
		u[i].full_name = talloc_strdup(u, g->entries[i].full_name.string);
		u[i].description = talloc_strdup(u,
				g->entries[i].description.string);
		if (u[i].name == NULL && g->entries[i].account_name.string)
			return false;
	}
	return u != NULL;
}

static bool display_groups(struct rpc_op *op,
			   struct samr_DispInfoFullGroups *g)
{
	struct um_group *gr = talloc_zero_array(op, struct um_group,
						g->count + 1);

	op->reply.groups = gr;
	op->reply.n_groups = gr ? g->count : 0;
	for (uint32_t i = 0; gr != NULL && i < g->count; i++) {
		gr[i].name = talloc_strdup(gr,
				g->entries[i].account_name.string);
		gr[i].description = talloc_strdup(gr,
				g->entries[i].description.string);
		if (gr[i].name == NULL && g->entries[i].account_name.string)
			return false;
	}
	return gr != NULL;
}

/*
 * The local groups (SAMR aliases of the account domain) in pages after
 * the global groups': QueryDisplayInfo's group level has only the
 * global ones, and without the aliases a local group made in the
 * screens was nowhere in the main window (Properties, Delete out of
 * reach) nor in Group Memberships' Not member of.  EnumDomainAliases
 * has no page size to keep to (Samba's servers read max_size each
 * their own way): every page reads them all (a domain has few) and
 * keeps its own.
 */
static void aliases_ask(struct tevent_req *req, struct display_state *s)
{
	s->aliases.in.domain_handle = &s->op.conn->samr_domain;
	s->aliases.in.max_size = 0xffff;
	s->aliases.in.resume_handle = &s->alias_resume;
	s->aliases.out.resume_handle = &s->alias_resume;
	s->aliases.out.sam = &s->sam;
	s->aliases.out.num_entries = &s->n_aliases;
	rpc_op_next(req, &s->op, 2, RPC_NEED_SAMR,
		    NDR_SAMR_ENUMDOMAINALIASES, &s->aliases, false);
}

/* From the first alias (a restarted operation too). */
static void aliases_start(struct tevent_req *req, struct display_state *s)
{
	s->n_rids = 0;
	s->alias_resume = 0;
	aliases_ask(req, s);
}

/* One answer's aliases, kept. */
static bool aliases_keep(struct display_state *s)
{
	struct rpc_op *op = &s->op;
	uint32_t n = s->sam != NULL ? s->sam->count : 0, i;
	char **names = talloc_realloc(op, s->names, char *,
				      s->n_rids + n + 1);
	uint32_t *rids = talloc_realloc(op, s->rids, uint32_t,
					s->n_rids + n + 1);

	if (names != NULL)
		s->names = names;
	if (rids != NULL)
		s->rids = rids;
	if (names == NULL || rids == NULL)
		return false;
	for (i = 0; i < n; i++) {
		names[s->n_rids] = talloc_strdup(names,
					s->sam->entries[i].name.string);
		if (names[s->n_rids] == NULL)
			return false;
		rids[s->n_rids++] = s->sam->entries[i].idx;
	}
	return true;
}

/* The page's aliases after what the reply holds (an empty last page of
 * global groups, or nothing). */
static bool aliases_page(struct display_state *s)
{
	struct rpc_op *op = &s->op;
	size_t have = op->reply.n_groups, i;
	struct um_group *gr;

	s->end = s->from + rpc_op_page_size(op);
	if (s->from > s->n_rids)
		s->from = s->n_rids;
	if (s->end > s->n_rids)
		s->end = s->n_rids;
	gr = talloc_realloc(op, op->reply.groups, struct um_group,
			    have + (s->end - s->from) + 1);
	if (gr == NULL)
		return false;
	op->reply.groups = gr;
	s->first = have;
	for (i = s->from; i < s->end; i++)
		gr[have + i - s->from] = (struct um_group){
			.name = talloc_steal(gr, s->names[i]), .local = true };
	op->reply.n_groups = have + (s->end - s->from);
	op->reply.page.more = s->end < s->n_rids;
	op->reply.page.resume = ALIAS_PAGES | (uint32_t)s->end;
	s->at = s->from;
	return true;
}

/* Each description: NT's list shows it, EnumDomainAliases has names
 * only.  One that cannot be read stays empty. */
static void desc_next(struct tevent_req *req, struct display_state *s)
{
	if (s->at >= s->end) {
		rpc_op_finish(req, &s->op, um_ok());
		return;
	}
	s->open.in.domain_handle = &s->op.conn->samr_domain;
	s->open.in.access_mask = SAMR_ALIAS_ACCESS_LOOKUP_INFO;
	s->open.in.rid = s->rids[s->at];
	s->open.out.alias_handle = &s->handle;
	rpc_op_next(req, &s->op, 3, RPC_NEED_SAMR, NDR_SAMR_OPENALIAS,
		    &s->open, false);
}

static void desc_opened(struct tevent_req *req, struct display_state *s)
{
	if (!NT_STATUS_IS_OK(s->open.out.result)) {
		s->at++;
		desc_next(req, s);
		return;
	}
	s->query.in.alias_handle = &s->handle;
	s->query.in.level = ALIASINFODESCRIPTION;
	s->query.out.info = &s->ainfo;
	rpc_op_next(req, &s->op, 4, RPC_NEED_SAMR, NDR_SAMR_QUERYALIASINFO,
		    &s->query, false);
}

static void desc_read(struct tevent_req *req, struct display_state *s)
{
	struct um_group *gr = s->op.reply.groups;
	struct um_group *g = &gr[s->first + s->at - s->from];

	if (NT_STATUS_IS_OK(s->query.out.result) && s->ainfo != NULL &&
	    s->ainfo->description.string != NULL)
		g->description = talloc_strdup(gr,
					       s->ainfo->description.string);
	s->ainfo = NULL;
	s->close.in.handle = &s->handle;
	s->close.out.handle = &s->handle;
	rpc_op_next(req, &s->op, 5, RPC_NEED_SAMR, NDR_SAMR_CLOSE,
		    &s->close, false);
}

static void aliases_step(struct tevent_req *req, struct display_state *s)
{
	NTSTATUS r = s->aliases.out.result;

	if (!NT_STATUS_IS_OK(r) && !rpc_more_entries(r)) {
		rpc_op_finish(req, &s->op, rpc_nt(r));
		return;
	}
	if (!aliases_keep(s)) {
		rpc_op_finish(req, &s->op, um_local(UM_LOCAL_NO_MEMORY));
		return;
	}
	s->sam = NULL;
	if (rpc_more_entries(r) && s->n_aliases > 0) {
		aliases_ask(req, s);
		return;
	}
	if (!aliases_page(s)) {
		rpc_op_finish(req, &s->op, um_local(UM_LOCAL_NO_MEMORY));
		return;
	}
	desc_next(req, s);
}

/* The global groups' last page: the local groups' pages follow; one
 * that came back empty is followed at once (an empty page ends a
 * list). */
static void groups_done(struct tevent_req *req, struct display_state *s,
			uint32_t n)
{
	if (n == 0) {
		s->from = 0;
		aliases_start(req, s);
		return;
	}
	s->op.reply.page.more = true;
	s->op.reply.page.resume = ALIAS_PAGES;
	rpc_op_finish(req, &s->op, um_ok());
}

static void display_step(struct tevent_req *req, struct rpc_op *op)
{
	struct display_state *s = (struct display_state *)op;
	NTSTATUS r;
	uint32_t n;
	bool kept;

	switch (op->stage) {
	case 0:
		if (op->variant == DISPLAY_GROUPS &&
		    (op->args.resume & ALIAS_PAGES) != 0) {
			s->from = op->args.resume & ~ALIAS_PAGES;
			aliases_start(req, s);
			return;
		}
		s->r.in.domain_handle = &op->conn->samr_domain;
		s->r.in.level = (uint16_t)op->variant;
		s->r.in.start_idx = op->args.resume;
		s->r.in.max_entries = rpc_op_page_size(op);
		s->r.in.buf_size = 0x10000;
		s->r.out.total_size = &s->total;
		s->r.out.returned_size = &s->returned;
		s->r.out.info = &s->info;
		rpc_op_next(req, op, 1, RPC_NEED_SAMR,
			    NDR_SAMR_QUERYDISPLAYINFO, &s->r, false);
		return;
	case 1:
		r = s->r.out.result;
		if (!NT_STATUS_IS_OK(r) && !rpc_more_entries(r) &&
		    !rpc_no_more_entries(r)) {
			rpc_op_finish(req, op, rpc_nt(r));
			return;
		}
		kept = op->variant == DISPLAY_USERS ?
			display_users(op, &s->info.info1) :
			display_groups(op, &s->info.info3);
		n = op->variant == DISPLAY_USERS ? s->info.info1.count :
						   s->info.info3.count;
		op->reply.page.more = rpc_more_entries(r);
		op->reply.page.resume = op->args.resume + n;
		if (kept && op->variant == DISPLAY_GROUPS &&
		    !op->reply.page.more) {
			groups_done(req, s, n);
			return;
		}
		rpc_op_finish(req, op, kept ? um_ok() :
			      um_local(UM_LOCAL_NO_MEMORY));
		return;
	case 2:
		aliases_step(req, s);
		return;
	case 3:
		desc_opened(req, s);
		return;
	case 4:
		desc_read(req, s);
		return;
	case 5:
		s->at++;
		desc_next(req, s);
		return;
	}
}

static const struct rpc_op_kind users_kind =
	RPC_OP_KIND(struct display_state, display_step,
		    RPC_NEED_LSA | RPC_NEED_SAMR, 0, DISPLAY_USERS, NULL);
static const struct rpc_op_kind groups_kind =
	RPC_OP_KIND(struct display_state, display_step,
		    RPC_NEED_LSA | RPC_NEED_SAMR, 0, DISPLAY_GROUPS, NULL);
RPC_OP_SENDER(rpc_list_users_send, users_kind)
RPC_OP_SENDER(rpc_list_groups_send, groups_kind)

/* ================= attach ================= */

/* USRMGR_RPC_STATS set (test_hooks.h; never in the installed usrmgr):
 * when the PDC goes (at exit), its connections, RPC round trips (requests
 * sent, the connection's own included) and model operations on standard
 * error, for bench/ (doc/performance.md). */
static int backend_stats(struct rpc_backend *be)
{
	const struct rpc_conn *c = be->conn;

	if (c != NULL)
		fprintf(stderr, "usrmgr-rpc-stats: pdc=%s connects=%u "
			"rpc_calls=%u operations=%u\n", c->host, c->connects,
			c->calls, c->pdc != NULL ? c->pdc->calls : 0u);
	return 0;
}

/* PDC's connection state: its smb.conf, its credentials, no wire yet. */
static struct um_status conn_new(struct rpc_backend *be, struct um_pdc *pdc,
				 const struct um_model_options *opt)
{
	struct rpc_conn *c = talloc_zero(be, struct rpc_conn);
	const struct um_creds *uc = pdc->creds;
	struct um_status st;

	if (c == NULL)
		return um_local(UM_LOCAL_NO_MEMORY);
	be->conn = c;
	c->pdc = pdc;
	c->opt = opt;
	c->host = talloc_strdup(c, pdc->name);
	c->unc = talloc_asprintf(c, "\\\\%s", pdc->name);
	if (c->host == NULL || c->unc == NULL)
		return um_local(UM_LOCAL_NO_MEMORY);
	st = rpc_lp_new(c, opt, &c->lp);
	if (!um_is_ok(st))
		return st;
	if (uc == NULL && opt != NULL)
		uc = opt->creds;
	c->creds = rpc_creds_new(c, c->lp, uc,
				 opt != NULL && opt->require_kerberos, &st);
	return st;
}

struct um_status um_backend_rpc_attach(struct um_pdc *pdc,
				       const struct um_model_options *opt)
{
	struct rpc_backend *be;
	struct um_status st;

	rpc_init_once();
	be = talloc_zero(pdc, struct rpc_backend);
	if (be == NULL)
		return um_local(UM_LOCAL_NO_MEMORY);
	/* the status is read before anything it came from is freed */
	st = conn_new(be, pdc, opt);
	if (!um_is_ok(st)) {
		talloc_free(be);
		return st;
	}
	if (um_test_rpc_stats())
		talloc_set_destructor(be, backend_stats);
	pdc->backend = be;
	return um_ok();
}

struct tevent_req *um_backend_rpc_connect_send(TALLOC_CTX *mem,
					       struct tevent_context *ev,
					       struct um_pdc *pdc,
					       const struct um_args *args)
{
	return rpc_domain_info_send(mem, ev, pdc, args);
}

struct um_status um_backend_rpc_connect_recv(struct tevent_req *req,
					     TALLOC_CTX *mem,
					     struct um_reply *reply)
{
	return rpc_op_recv(req, mem, reply);
}

const struct um_backend_ops *um_backend_rpc_ops(enum um_dialect dialect)
{
	return dialect == UM_DIALECT_AD ? &rpc_ops_ad : &rpc_ops_nt4;
}
