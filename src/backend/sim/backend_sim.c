/*
 * usrmgr - the simulated backend: PDCs that exist only in a scenario.
 *
 * Every answer follows from the simulated state, the way a real Samba DC
 * of that dialect answers (FACTS.md sections 3 and 4): a trust works only
 * when the trusting side's Trusted Domains entry and the trusted side's
 * Trusting Domains entry both exist with the same password, and the
 * resource PDC's cached secure channel can hide a break until it is reset.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "backend.h"
#include "sim_world.h"
#include "names.h"
#include "i18n.h"

struct sim_pdc {
	struct um_sim_world *world;
	char *domain; /* the domain's name; looked up afresh every time */
};

typedef struct um_status (*sim_fn)(struct sim_pdc *p, struct sim_domain *d,
				   const struct um_args *a, TALLOC_CTX *mem,
				   struct um_reply *out);
/* Add or remove the partner on one side: Trusted (TRUSTED) or Trusting. */
typedef struct um_status (*sim_entry_fn)(struct sim_pdc *p,
					 struct sim_domain *d,
					 const struct um_args *a, bool trusted);

struct sim_state {
	struct sim_pdc *pdc;
	const char *op; /* the operation's name, for noop_ops */
	struct um_args args;
	sim_fn fn;             /* or: */
	sim_entry_fn entry_fn; /* with */
	bool trusted;
	struct um_status status;
	struct um_reply reply;
	TALLOC_CTX *out; /* owns what reply points to; recv hands it over */
};

/* ---- trust semantics -------------------------------------------------- */

enum sim_eval {
	EVAL_OK,
	EVAL_NO_OUTBOUND,  /* the resource side has no Trusted entry */
	EVAL_UNREACHABLE,  /* the accounts PDC does not answer */
	EVAL_NO_ACCOUNT,   /* the accounts side has no Trusting entry */
	EVAL_MISMATCH,     /* both exist, passwords differ */
};

static enum sim_eval eval_trust(struct um_sim_world *w, struct sim_domain *r,
				const char *partner, size_t *idx)
{
	struct sim_entry *out = sim_find_entry(r->trusted, r->n_trusted,
					       partner, idx);
	struct sim_domain *a;
	struct sim_entry *in;

	if (out == NULL) {
		return EVAL_NO_OUTBOUND;
	}
	a = sim_world_domain(w, partner);
	if (a == NULL || !a->reachable) {
		return EVAL_UNREACHABLE;
	}
	in = sim_find_entry(a->trusting, a->n_trusting, r->name, NULL);
	if (in == NULL) {
		return EVAL_NO_ACCOUNT;
	}
	if (strcasecmp(in->nthash, out->nthash) != 0) {
		return EVAL_MISMATCH;
	}
	return EVAL_OK;
}

/* What TC_VERIFY/REDISCOVER answer when they build a new channel. */
static struct um_status fresh_channel_status(enum sim_eval e, bool nt4)
{
	switch (e) {
	case EVAL_OK:
		return um_werr(UM_WERR_OK);
	case EVAL_NO_OUTBOUND:
		return um_werr(UM_WERR_NO_SUCH_DOMAIN);
	case EVAL_UNREACHABLE:
		return um_werr(UM_WERR_NO_LOGON_SERVERS);
	case EVAL_NO_ACCOUNT:
		return um_werr(nt4 ? UM_WERR_ACCESS_DENIED
				   : UM_WERR_NO_TRUST_SAM_ACCOUNT);
	case EVAL_MISMATCH:
		return um_werr(nt4 ? UM_WERR_ACCESS_DENIED
				   : UM_WERR_WRONG_PASSWORD);
	}
	return um_werr(UM_WERR_ACCESS_DENIED);
}

/* What a logon through the resource PDC answers on a new channel. */
static struct um_status fresh_logon_status(enum sim_eval e, bool nt4)
{
	switch (e) {
	case EVAL_OK:
		return um_ok();
	case EVAL_NO_OUTBOUND:
		return um_nt(nt4 ? UM_NT_NO_LOGON_SERVERS : UM_NT_LOGON_FAILURE);
	case EVAL_UNREACHABLE:
		return um_nt(UM_NT_NO_LOGON_SERVERS);
	case EVAL_NO_ACCOUNT:
		return um_nt(nt4 ? UM_NT_ACCESS_DENIED
				 : UM_NT_NO_TRUST_SAM_ACCOUNT);
	case EVAL_MISMATCH:
		return um_nt(UM_NT_ACCESS_DENIED);
	}
	return um_nt(UM_NT_ACCESS_DENIED);
}

static struct um_status rebuild_channel(struct sim_pdc *p,
					struct sim_domain *d,
					const char *partner)
{
	size_t idx;
	enum sim_eval e = eval_trust(p->world, d, partner, &idx);

	if (e != EVAL_NO_OUTBOUND) {
		d->channel[idx] = e == EVAL_OK ? SIM_CHANNEL_OK
					       : SIM_CHANNEL_NONE;
	}
	return fresh_channel_status(e, d->dialect == UM_DIALECT_NT4);
}

/* ---- operations ------------------------------------------------------- */

static struct um_status saved(struct sim_pdc *p, struct um_status st)
{
	struct um_status s = sim_world_save(p->world);

	return um_is_ok(s) ? st : s;
}

static struct um_status op_domain_info(struct sim_pdc *p,
				       struct sim_domain *d,
				       const struct um_args *a,
				       TALLOC_CTX *mem, struct um_reply *out)
{
	(void)p;
	(void)a;
	out->info.name = talloc_strdup(mem, d->name);
	out->info.dns_name = d->dialect == UM_DIALECT_AD && d->dns_name
				     ? talloc_strdup(mem, d->dns_name) : NULL;
	out->info.sid = talloc_strdup(mem, d->sid);
	out->info.pdc = talloc_strdup(mem, d->pdc);
	out->info.dialect = d->dialect;
	out->info.simulated = true;
	out->info.primary_fixed = d->keeps_primary;
	return um_ok();
}

static int by_name(const void *x, const void *y)
{
	const struct um_trust *a = x, *b = y;

	return strcasecmp(a->name, b->name);
}

static void fill_trust(struct um_sim_world *w, TALLOC_CTX *mem,
		       struct um_trust *t, const struct sim_entry *e,
		       uint32_t dir)
{
	struct sim_domain *partner = sim_world_domain(w, e->partner);

	t->name = talloc_strdup(mem, e->partner);
	t->direction = dir;
	t->sid = talloc_strdup(mem, partner ? partner->sid : e->sid);
	if (partner != NULL && partner->dialect == UM_DIALECT_AD &&
	    partner->dns_name != NULL) {
		t->dns_name = talloc_strdup(mem, partner->dns_name);
		t->type = UM_TYPE_UPLEVEL;
	} else {
		t->type = UM_TYPE_DOWNLEVEL;
	}
}

/* Both lists as one, sorted by name, each partner once with its
 * directions: what LSA EnumTrustedDomainsEx shows. */
static size_t merge_trusts(struct um_sim_world *w, struct sim_domain *d,
			   TALLOC_CTX *mem, struct um_trust **out)
{
	size_t n = d->n_trusted + d->n_trusting, i, j, m = 0;
	struct um_trust *all = talloc_zero_array(mem, struct um_trust, n + 1);

	for (i = 0; i < d->n_trusted; i++) {
		fill_trust(w, all, &all[m++], &d->trusted[i], UM_DIR_OUTBOUND);
	}
	for (i = 0; i < d->n_trusting; i++) {
		fill_trust(w, all, &all[m++], &d->trusting[i], UM_DIR_INBOUND);
	}
	qsort(all, m, sizeof(*all), by_name);
	/* Fold the two halves of a two-way trust into one entry. */
	for (i = 0, j = 0; i < m; i++) {
		if (j > 0 && by_name(&all[j - 1], &all[i]) == 0) {
			all[j - 1].direction |= all[i].direction;
			continue;
		}
		all[j++] = all[i];
	}
	*out = all;
	return j;
}

/* The page A asks for out of N entries: [a->resume, *END), and where the
 * next one starts.  A resume point past the end is the caller's error. */
static struct um_status page_of(const struct um_args *a, size_t n,
				uint32_t *end, struct um_page *page)
{
	size_t max = a->max == 0 ? n : a->max;
	size_t e = a->resume + max;

	if (a->resume > n) {
		return um_nt(UM_NT_INVALID_PARAMETER);
	}
	*end = (uint32_t)(e > n ? n : e);
	page->resume = *end;
	page->more = *end < n;
	return um_ok();
}

static struct um_status op_list_trusts(struct sim_pdc *p,
				       struct sim_domain *d,
				       const struct um_args *a,
				       TALLOC_CTX *mem, struct um_reply *out)
{
	struct um_trust *all;
	size_t n = merge_trusts(p->world, d, mem, &all);
	uint32_t end;
	struct um_status st;

	st = page_of(a, n, &end, &out->page);
	if (!um_is_ok(st)) {
		return st;
	}
	out->trusts = all + a->resume;
	out->n_trusts = end - a->resume;
	return um_ok();
}

/* ---- users, by name as NT lists them ------------------------------------
 *
 * SAMR's display information comes sorted by account name, case
 * ignored; pages follow that order.  The generated users (userNNNNNN,
 * sorted among themselves) are merged with the scenario's by rank, so a
 * page costs logarithms, not a walk from the first user. */

static int user_cmp(const char *a, const char *b)
{
	int c = strcasecmp(a, b);

	return c != 0 ? c : strcmp(a, b);
}

static void generated_name(char *buf, size_t n, size_t k)
{
	snprintf(buf, n, "user%06zu", k);
}

/* How many generated users sort before NAME. */
static size_t generated_before(const struct sim_domain *d, const char *name)
{
	size_t lo = 0, hi = d->generate_users;
	char buf[32];

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		generated_name(buf, sizeof(buf), mid + 1);
		if (user_cmp(buf, name) < 0) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	return lo;
}

static int sorted_user_cmp(const void *a, const void *b)
{
	const struct sim_user *const *x = a, *const *y = b;

	return user_cmp((*x)->name, (*y)->name);
}

/* The scenario's users in order, each with its place among all. */
static const struct sim_user **sorted_users(const struct sim_domain *d,
					    TALLOC_CTX *mem, size_t **rank)
{
	const struct sim_user **u = talloc_array(mem, const struct sim_user *,
						 d->n_users + 1);
	size_t i;

	*rank = talloc_array(mem, size_t, d->n_users + 1);
	if (u == NULL || *rank == NULL) {
		return NULL;
	}
	for (i = 0; i < d->n_users; i++) {
		u[i] = &d->users[i];
	}
	qsort(u, d->n_users, sizeof(*u), sorted_user_cmp);
	for (i = 0; i < d->n_users; i++) {
		(*rank)[i] = i + generated_before(d, u[i]->name);
	}
	return u;
}

/* User number POS of the merged order, into OUT. */
static void user_at(const struct sim_domain *d,
		    const struct sim_user **sorted, const size_t *rank,
		    size_t pos, TALLOC_CTX *mem, struct um_user *out)
{
	size_t lo = 0, hi = d->n_users, k;

	while (lo < hi) { /* the first scenario user at or after POS */
		size_t mid = lo + (hi - lo) / 2;

		if (rank[mid] < pos) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	if (lo < d->n_users && rank[lo] == pos) {
		out->name = talloc_strdup(mem, sorted[lo]->name);
		out->full_name = talloc_strdup(mem, sorted[lo]->full_name);
		out->description = talloc_strdup(mem, sorted[lo]->description);
		return;
	}
	k = pos - lo + 1;
	out->name = talloc_asprintf(mem, "user%06zu", k);
	out->full_name = talloc_asprintf(mem, "Generated User %zu", k);
	out->description = talloc_strdup(mem, "");
}

static struct um_status op_list_users(struct sim_pdc *p,
				      struct sim_domain *d,
				      const struct um_args *a,
				      TALLOC_CTX *mem, struct um_reply *out)
{
	size_t n = d->n_users + d->generate_users, i, *rank;
	const struct sim_user **sorted;
	TALLOC_CTX *tmp;
	uint32_t end;
	struct um_status st;

	(void)p;
	st = page_of(a, n, &end, &out->page);
	if (!um_is_ok(st)) {
		return st;
	}
	out->users = talloc_zero_array(mem, struct um_user,
				       end - a->resume + 1);
	tmp = talloc_new(mem);
	sorted = tmp != NULL ? sorted_users(d, tmp, &rank) : NULL;
	if (out->users == NULL || sorted == NULL) {
		talloc_free(tmp);
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	for (i = a->resume; i < end; i++) {
		user_at(d, sorted, rank, i, out->users,
			&out->users[i - a->resume]);
	}
	talloc_free(tmp);
	out->n_users = end - a->resume;
	return um_ok();
}

static struct um_status op_list_groups(struct sim_pdc *p,
				       struct sim_domain *d,
				       const struct um_args *a,
				       TALLOC_CTX *mem, struct um_reply *out)
{
	uint32_t end;
	struct um_status st;
	size_t i;

	(void)p;
	st = page_of(a, d->n_groups, &end, &out->page);
	if (!um_is_ok(st)) {
		return st;
	}
	out->groups = talloc_zero_array(mem, struct um_group,
					end - a->resume + 1);
	if (out->groups == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	for (i = a->resume; i < end; i++) {
		struct um_group *g = &out->groups[i - a->resume];
		g->name = talloc_strdup(out->groups, d->groups[i].name);
		g->description = talloc_strdup(out->groups,
					       d->groups[i].description);
		g->local = d->groups[i].local;
	}
	out->n_groups = end - a->resume;
	return um_ok();
}

/* The server refuses what it cannot do (a scenario's "cannot"): change
 * one direction of an object that also holds the other. */
static bool cannot_change(struct sim_domain *d, const char *partner,
			  bool trusted, unsigned cap)
{
	bool other = sim_find_entry(trusted ? d->trusting : d->trusted,
				    trusted ? d->n_trusting : d->n_trusted,
				    partner, NULL) != NULL;

	return other && (d->lacks & cap) != 0;
}

/* The repair's re-key (UM_CAP_REKEY_TWO_WAY), as Samba AD re-creates
 * the object two-way: the other direction gets the same password, and a
 * channel built with the old one is stale until a reset (measured). */
static struct um_status rekey_other(struct sim_pdc *p, struct sim_domain *d,
				    const struct um_args *a, bool trusted,
				    const char *hash)
{
	struct sim_domain *partner = sim_world_domain(p->world, a->partner);
	bool other = !trusted;
	size_t idx;
	struct sim_entry *e = sim_find_entry(other ? d->trusted : d->trusting,
					     other ? d->n_trusted
						   : d->n_trusting,
					     a->partner, &idx);

	if (e == NULL) {
		return sim_domain_add_entry(p->world, d, other, a->partner,
					    partner ? NULL : a->partner_sid,
					    hash)
			       ? um_ok() : um_local(UM_LOCAL_NO_MEMORY);
	}
	snprintf(e->nthash, sizeof(e->nthash), "%s", hash);
	if (other) {
		d->channel[idx] = SIM_CHANNEL_STALE;
	}
	return um_ok();
}

/* The same keeping the other direction's password (args.keep_password,
 * the server reads it back): that direction goes on working; only when
 * the resource side's object is re-created, the partner's channel of
 * that direction is stale until a reset, as measured on Samba AD (the
 * trust account it logs on with is a new object). */
static struct um_status keep_other(struct sim_pdc *p, struct sim_domain *d,
				   const struct um_args *a, bool trusted)
{
	struct sim_domain *partner = sim_world_domain(p->world, a->partner);
	size_t idx;

	if (trusted && partner != NULL &&
	    sim_find_entry(partner->trusted, partner->n_trusted, d->name,
			   &idx) != NULL) {
		partner->channel[idx] = SIM_CHANNEL_STALE;
	}
	return um_ok();
}

/* Where the server gives the passwords back, does the object for
 * PARTNER hold the other direction, whose password a re-creating Add
 * keeps? */
static struct um_status kept_readable(const struct sim_domain *d,
				      const char *partner)
{
	if (!d->reads_kept || d->dialect == UM_DIALECT_NT4) {
		return um_local(UM_LOCAL_NOT_SUPPORTED);
	}
	if (sim_find_entry(d->trusted, d->n_trusted, partner, NULL) == NULL &&
	    sim_find_entry(d->trusting, d->n_trusting, partner, NULL) ==
	    NULL) {
		return um_nt(UM_NT_OBJECT_NAME_NOT_FOUND);
	}
	return um_ok();
}

static struct um_status store_entry(struct sim_pdc *p, struct sim_domain *d,
				    const struct um_args *a, bool trusted)
{
	bool rekey = a->two_way_rekey;
	struct sim_domain *partner = sim_world_domain(p->world, a->partner);
	char hash[33];
	struct um_status st;

	if (sim_find_entry(trusted ? d->trusted : d->trusting,
			   trusted ? d->n_trusted : d->n_trusting,
			   a->partner, NULL) != NULL) {
		/* NT4 keeps the trusting side as a SAM user: USER_EXISTS. */
		return um_nt(!trusted && d->dialect == UM_DIALECT_NT4
				     ? UM_NT_USER_EXISTS
				     : UM_NT_OBJECT_NAME_COLLISION);
	}
	if (rekey ? (d->lacks & UM_CAP_REKEY_TWO_WAY) != 0 ||
			    d->dialect == UM_DIALECT_NT4
		  : cannot_change(d, a->partner, trusted,
				  UM_CAP_ADD_DIRECTION)) {
		return um_local(UM_LOCAL_NOT_SUPPORTED);
	}
	st = rekey && a->keep_password ? kept_readable(d, a->partner) : um_ok();
	if (um_is_ok(st)) {
		st = um_secret_nthash(a->password, hash);
	}
	if (!um_is_ok(st)) {
		return st;
	}
	if (!sim_domain_add_entry(p->world, d, trusted, a->partner,
				  partner ? NULL : a->partner_sid, hash)) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	if (trusted && d->stale_after_add) {
		/* The PDC still holds its channel from the old password. */
		d->channel[d->n_trusted - 1] = SIM_CHANNEL_STALE;
	}
	st = !rekey ? um_ok() : a->keep_password
		? keep_other(p, d, a, trusted)
		: rekey_other(p, d, a, trusted, hash);
	return saved(p, st);
}

static struct um_status remove_entry(struct sim_pdc *p, struct sim_domain *d,
				     const struct um_args *a, bool trusted)
{
	size_t idx;

	if (sim_find_entry(trusted ? d->trusted : d->trusting,
			   trusted ? d->n_trusted : d->n_trusting,
			   a->partner, &idx) == NULL) {
		return um_nt(!trusted && d->dialect == UM_DIALECT_NT4
				     ? UM_NT_NO_SUCH_USER
				     : UM_NT_OBJECT_NAME_NOT_FOUND);
	}
	if (cannot_change(d, a->partner, trusted, UM_CAP_REMOVE_DIRECTION)) {
		return um_local(UM_LOCAL_NOT_SUPPORTED);
	}
	sim_domain_remove_entry(d, trusted, idx);
	return saved(p, um_ok());
}

/* Samba AD's DRSUAPI read of the object's passwords (doc/two-way.md),
 * where the scenario says the server gives them back. */
static struct um_status op_read_kept_password(struct sim_pdc *p,
					      struct sim_domain *d,
					      const struct um_args *a,
					      TALLOC_CTX *mem,
					      struct um_reply *out)
{
	(void)p;
	(void)mem;
	(void)out;
	return kept_readable(d, a->partner);
}

/* An SMB session setup as PARTNER$: the trust account's answer. */
static struct um_status op_check_trust_account(struct sim_pdc *p,
					       struct sim_domain *d,
					       const struct um_args *a,
					       TALLOC_CTX *mem,
					       struct um_reply *out)
{
	struct sim_entry *in = sim_find_entry(d->trusting, d->n_trusting,
					      a->partner, NULL);
	char hash[33];

	(void)p;
	(void)mem;
	(void)out;
	if (in == NULL || !um_is_ok(um_secret_nthash(a->password, hash)) ||
	    strcasecmp(hash, in->nthash) != 0) {
		return um_nt(UM_NT_LOGON_FAILURE);
	}
	return um_ok();
}

static struct um_status op_verify(struct sim_pdc *p, struct sim_domain *d,
				  const struct um_args *a, TALLOC_CTX *mem,
				  struct um_reply *out)
{
	bool nt4 = d->dialect == UM_DIALECT_NT4;
	size_t idx;
	enum sim_eval e = eval_trust(p->world, d, a->partner, &idx);

	(void)mem;
	if (e == EVAL_NO_OUTBOUND || e == EVAL_UNREACHABLE) {
		/* No domain to verify, or nobody answers: no channel helps. */
		out->detail = fresh_channel_status(e, nt4);
		return out->detail;
	}
	switch (d->channel[idx]) {
	case SIM_CHANNEL_STALE:
		out->detail = um_werr(UM_WERR_ACCESS_DENIED);
		return out->detail;
	case SIM_CHANNEL_OK:
		if (e == EVAL_OK) {
			out->detail = um_werr(UM_WERR_OK);
			return out->detail;
		}
		if (!nt4) {
			/* AD keeps the cached channel: logons still work. */
			out->detail = um_werr(UM_WERR_ACCOUNT_DISABLED);
			return out->detail;
		}
		/* NT4's check drops the cached channel (FACTS.md 4). */
		d->channel[idx] = SIM_CHANNEL_NONE;
		out->detail = fresh_channel_status(e, nt4);
		return saved(p, out->detail);
	case SIM_CHANNEL_NONE:
		break;
	}
	out->detail = rebuild_channel(p, d, a->partner);
	return saved(p, out->detail);
}

static struct um_status op_reset(struct sim_pdc *p, struct sim_domain *d,
				 const struct um_args *a, TALLOC_CTX *mem,
				 struct um_reply *out)
{
	(void)mem;
	out->detail = rebuild_channel(p, d, a->partner);
	return saved(p, out->detail);
}

static struct um_status check_user(struct sim_domain *d, const char *user,
				   const struct um_secret *pw)
{
	char hash[33];
	size_t i;

	if (!d->reachable) {
		return um_nt(UM_NT_NO_LOGON_SERVERS);
	}
	for (i = 0; i < d->n_users; i++) {
		if (strcasecmp(d->users[i].name, user) != 0) {
			continue;
		}
		if (pw != NULL && um_is_ok(um_secret_nthash(pw, hash)) &&
		    strcasecmp(hash, d->users[i].nthash) == 0) {
			return um_ok();
		}
		break;
	}
	return um_nt(UM_NT_LOGON_FAILURE);
}

static struct um_status op_logon_test(struct sim_pdc *p,
				      struct sim_domain *r,
				      const struct um_args *a,
				      TALLOC_CTX *mem, struct um_reply *out)
{
	bool nt4 = r->dialect == UM_DIALECT_NT4;
	char *dom, *user;
	struct sim_domain *acc;
	enum sim_eval e;
	size_t idx;

	(void)out;
	um_name_split_user(mem, a->user, &dom, &user);
	if (dom == NULL || um_name_equal(dom, r->name)) {
		return check_user(r, user, a->password);
	}
	e = eval_trust(p->world, r, dom, &idx);
	if (e == EVAL_NO_OUTBOUND) {
		return fresh_logon_status(e, nt4);
	}
	acc = sim_world_domain(p->world, dom);
	if (r->channel[idx] == SIM_CHANNEL_STALE) {
		return um_nt(UM_NT_ACCESS_DENIED);
	}
	if (r->channel[idx] == SIM_CHANNEL_NONE) {
		if (e != EVAL_OK) {
			return fresh_logon_status(e, nt4);
		}
		r->channel[idx] = SIM_CHANNEL_OK;
		sim_world_save(p->world);
	}
	/* A cached channel carries the logon even when a side is gone. */
	if (acc == NULL) {
		return um_nt(UM_NT_NO_LOGON_SERVERS);
	}
	return check_user(acc, user, a->password);
}

static struct um_status op_locate_dc(struct sim_pdc *p, struct sim_domain *d,
				     const struct um_args *a, TALLOC_CTX *mem,
				     struct um_reply *out)
{
	struct sim_domain *partner = sim_world_domain(p->world, a->partner);

	(void)d;
	if (partner == NULL) {
		/* what a PDC's DsGetDcName answers for a domain it cannot
		 * find: "does not exist or could not be contacted" */
		return um_werr(UM_WERR_NO_SUCH_DOMAIN);
	}
	out->pdc = talloc_strdup(mem, partner->pdc);
	return um_ok();
}

/* Policies -> Account (sim_policy.c). */
static struct um_status op_query_account_policy(struct sim_pdc *p,
						struct sim_domain *d,
						const struct um_args *a,
						TALLOC_CTX *mem,
						struct um_reply *out)
{
	(void)p;
	(void)a;
	return sim_policy_query(d, mem, out);
}

static struct um_status op_set_account_policy(struct sim_pdc *p,
					      struct sim_domain *d,
					      const struct um_args *a,
					      TALLOC_CTX *mem,
					      struct um_reply *out)
{
	struct um_status st = sim_policy_set(d, a->policy);

	(void)mem;
	(void)out;
	return um_is_ok(st) ? saved(p, st) : st;
}

/* Policies -> Audit (sim_policy.c). */
static struct um_status op_query_audit_policy(struct sim_pdc *p,
					      struct sim_domain *d,
					      const struct um_args *a,
					      TALLOC_CTX *mem,
					      struct um_reply *out)
{
	(void)p;
	(void)a;
	(void)mem;
	return sim_audit_query(d, out);
}

static struct um_status op_set_audit_policy(struct sim_pdc *p,
					    struct sim_domain *d,
					    const struct um_args *a,
					    TALLOC_CTX *mem,
					    struct um_reply *out)
{
	struct um_status st = sim_audit_set(d, a->audit);

	(void)mem;
	(void)out;
	return um_is_ok(st) ? saved(p, st) : st;
}
/* ---- user accounts (sim_users.c) --------------------------------------- */

#define SIM_USER_OP(name)                                                  \
	static struct um_status op_##name(struct sim_pdc *p,               \
					  struct sim_domain *d,            \
					  const struct um_args *a,         \
					  TALLOC_CTX *mem,                 \
					  struct um_reply *out)            \
	{                                                                  \
		return sim_users_##name(p->world, d, a, mem, out);         \
	}
SIM_USER_OP(query_user)
SIM_USER_OP(add_user)
SIM_USER_OP(set_user)
SIM_USER_OP(rename_user)
SIM_USER_OP(delete_user)
SIM_USER_OP(query_group)
SIM_USER_OP(add_group)
SIM_USER_OP(delete_group)
SIM_USER_OP(add_member)
SIM_USER_OP(remove_member)
SIM_USER_OP(set_group)
SIM_USER_OP(lookup_names)
SIM_USER_OP(lookup_sids)
SIM_USER_OP(list_rights)
SIM_USER_OP(grant_right)
SIM_USER_OP(revoke_right)

/* ---- the tevent plumbing ---------------------------------------------- */

/* After its DOWN_AFTER-th operation a PDC stops answering, at once:
 * a verify its partner relays to it then finds it gone too. */
static void count_served(struct um_sim_world *w, struct sim_domain *d)
{
	if (d->down_after > 0 && ++d->ops_served >= d->down_after) {
		d->reachable = false;
		d->down_after = 0;
		sim_world_save(w);
	}
}

static void sim_run(struct sim_state *s)
{
	struct sim_domain *d = sim_world_domain(s->pdc->world,
						s->pdc->domain);

	if (d == NULL || !d->reachable) {
		s->status = um_nt(UM_NT_HOST_UNREACHABLE);
		return;
	}
	if ((d->noop_ops & sim_op_bit(s->op)) != 0) {
		/* The lying PDC: success, and nothing changed. */
		s->status = um_ok();
	} else {
		s->status = s->fn != NULL
			? s->fn(s->pdc, d, &s->args, s->out, &s->reply)
			: s->entry_fn(s->pdc, d, &s->args, s->trusted);
	}
	count_served(s->pdc->world, d);
}

static void sim_latency_done(struct tevent_context *ev,
			     struct tevent_timer *te, struct timeval now,
			     void *priv)
{
	struct tevent_req *req = talloc_get_type_abort(priv,
						       struct tevent_req);

	(void)ev;
	(void)te;
	(void)now;
	/* The change happens only now: a cancelled request changes nothing. */
	sim_run(tevent_req_data(req, struct sim_state));
	tevent_req_done(req);
}

static struct tevent_req *sim_send(TALLOC_CTX *mem, struct tevent_context *ev,
				   struct um_pdc *pdc, const char *op,
				   const struct um_args *args, sim_fn fn,
				   sim_entry_fn entry_fn, bool trusted)
{
	struct sim_state *s;
	struct tevent_req *req = tevent_req_create(mem, &s, struct sim_state);
	struct sim_domain *d;

	if (req == NULL) {
		return NULL;
	}
	s->pdc = pdc->backend;
	s->op = op;
	s->out = talloc_new(s);
	s->args = *args;
	s->fn = fn;
	s->entry_fn = entry_fn;
	s->trusted = trusted;
	d = sim_world_domain(s->pdc->world, s->pdc->domain);
	if (d != NULL && d->latency_ms > 0) {
		if (tevent_add_timer(ev, s,
				     tevent_timeval_current_ofs(
					     d->latency_ms / 1000,
					     (d->latency_ms % 1000) * 1000),
				     sim_latency_done, req) == NULL) {
			tevent_req_oom(req);
			return tevent_req_post(req, ev);
		}
		return req;
	}
	sim_run(s);
	tevent_req_done(req);
	return tevent_req_post(req, ev);
}

static struct um_status sim_recv(struct tevent_req *req, TALLOC_CTX *mem,
				 struct um_reply *reply)
{
	struct sim_state *s = tevent_req_data(req, struct sim_state);
	enum tevent_req_state state;
	uint64_t err;

	if (tevent_req_is_error(req, &state, &err)) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	*reply = s->reply;
	talloc_steal(mem, s->out);
	return s->status;
}

/* Every operation of the simulated PDC: its own function (OP), or the
 * one that stores or removes an entry on a side of the trust (ENTRY). */
#define SIM_OPS(OP, ENTRY)                                                 \
	OP(domain_info) OP(list_trusts) OP(list_users) OP(list_groups)     \
	ENTRY(add_trusting, store_entry, false)                            \
	ENTRY(add_trusted, store_entry, true)                              \
	ENTRY(remove_trusting, remove_entry, false)                        \
	ENTRY(remove_trusted, remove_entry, true)                          \
	OP(check_trust_account) OP(verify) OP(reset) OP(logon_test)        \
	OP(locate_dc) OP(query_account_policy) OP(set_account_policy)     \
	OP(query_audit_policy) OP(set_audit_policy)                        \
	OP(query_user) OP(add_user) OP(set_user)                           \
	OP(rename_user) OP(delete_user) OP(query_group) OP(add_group)      \
	OP(delete_group) OP(add_member) OP(remove_member)                  \
	OP(set_group)                                                      \
	OP(lookup_names) OP(lookup_sids) OP(list_rights)                   \
	OP(grant_right) OP(revoke_right) OP(read_kept_password)

#define SIM_SEND(name)                                                     \
	static struct tevent_req *sim_##name(TALLOC_CTX *mem,              \
					     struct tevent_context *ev,    \
					     struct um_pdc *pdc,           \
					     const struct um_args *args)   \
	{                                                                  \
		return sim_send(mem, ev, pdc, #name, args, op_##name,      \
				NULL, false);                              \
	}
#define SIM_ENTRY_SEND(name, fn, trusted)                                  \
	static struct tevent_req *sim_##name(TALLOC_CTX *mem,              \
					     struct tevent_context *ev,    \
					     struct um_pdc *pdc,           \
					     const struct um_args *args)   \
	{                                                                  \
		return sim_send(mem, ev, pdc, #name, args, NULL, fn,       \
				trusted);                                  \
	}
SIM_OPS(SIM_SEND, SIM_ENTRY_SEND)

/* What the scenario says this PDC's server can change; re-creating an
 * object two-way is AD's (an NT4 PDC keeps each direction apart, and
 * the NT4 backend does not re-key). */
static uint32_t sim_caps(struct um_pdc *pdc)
{
	struct sim_pdc *p = pdc->backend;
	struct sim_domain *d = sim_world_domain(p->world, p->domain);
	uint32_t all = UM_CAP_ALL;

	if (d == NULL) {
		return all;
	}
	if (d->dialect != UM_DIALECT_NT4) {
		all |= UM_CAP_REKEY_TWO_WAY;
	}
	return all & ~d->lacks;
}

#define SIM_SLOT(name) .name = sim_##name,
#define SIM_ENTRY_SLOT(name, fn, trusted) .name = sim_##name,
static const struct um_backend_ops sim_ops = {
	.name = "sim",
	SIM_OPS(SIM_SLOT, SIM_ENTRY_SLOT)
	.recv = sim_recv,
	.caps = sim_caps,
};

struct um_status um_backend_sim_attach(struct um_pdc *pdc,
				       struct um_sim_world *w)
{
	struct sim_domain *d = sim_world_by_pdc(w, pdc->name);
	struct sim_pdc *p;

	if (d == NULL) {
		return um_local(UM_LOCAL_UNKNOWN_PDC);
	}
	p = talloc_zero(pdc, struct sim_pdc);
	if (p == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	p->world = w;
	p->domain = talloc_strdup(p, d->name);
	pdc->backend = p;
	pdc->ops = &sim_ops;
	return um_ok();
}

/* ---- opening a world -------------------------------------------------- */

const char **um_sim_world_domains(struct um_sim_world *w, TALLOC_CTX *mem)
{
	const char **names = talloc_zero_array(mem, const char *,
					       w->n_domains + 1);
	size_t i;

	for (i = 0; names != NULL && i < w->n_domains; i++) {
		names[i] = w->domains[i].name;
	}
	return names;
}

/* Without a [pair]: the first trust between two of the world's domains
 * (the resource domain's Trusted Domains, else the accounts domain's
 * Trusting Domains, which is all a half-broken trust may have left). */
static void first_trust(struct um_sim_world *w, struct sim_domain **res,
			struct sim_domain **acc)
{
	size_t i, j;

	for (i = 0; i < w->n_domains; i++) {
		struct sim_domain *d = &w->domains[i];

		for (j = 0; j < d->n_trusted; j++) {
			*acc = sim_world_domain(w, d->trusted[j].partner);
			if (*acc != NULL) {
				*res = d;
				return;
			}
		}
		for (j = 0; j < d->n_trusting; j++) {
			*res = sim_world_domain(w, d->trusting[j].partner);
			if (*res != NULL) {
				*acc = d;
				return;
			}
		}
	}
	*res = *acc = NULL;
}

struct um_pair *um_sim_world_pair(struct um_sim_world *w, TALLOC_CTX *mem)
{
	const struct sim_pair *sp = &w->pair;
	struct sim_domain *res, *acc;
	struct um_pair *p;

	res = sp->resource ? sim_world_domain(w, sp->resource) : NULL;
	acc = sp->accounts ? sim_world_domain(w, sp->accounts) : NULL;
	if (sp->resource == NULL) {
		first_trust(w, &res, &acc);
	}
	if (res == NULL || acc == NULL) {
		return NULL;
	}
	p = talloc_zero(mem, struct um_pair);
	if (p == NULL) {
		return NULL;
	}
	p->resource_pdc = talloc_strdup(p, res->pdc);
	p->accounts_pdc = talloc_strdup(p, acc->pdc);
	if (sp->user != NULL) {
		/* a bare name is a user of the accounts domain */
		p->user = strchr(sp->user, '\\') != NULL
				  ? talloc_strdup(p, sp->user)
				  : talloc_asprintf(p, "%s\\%s", acc->name,
						    sp->user);
	}
	if (sp->password != NULL) {
		p->user_password = um_secret_new(p, sp->password,
						 strlen(sp->password));
	}
	if (p->resource_pdc == NULL || p->accounts_pdc == NULL ||
	    (sp->user != NULL && p->user == NULL) ||
	    (sp->password != NULL && p->user_password == NULL)) {
		talloc_free(p);
		return NULL;
	}
	return p;
}

static bool file_exists(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0;
}

/* NAME, NAME.ini, or NAME.ini in the scenario directories. */
static char *scenario_path(TALLOC_CTX *mem, const char *name)
{
	const char *dirs[] = { getenv("USRMGR_SCENARIO_DIR"), SCENARIODIR,
			       SRC_SCENARIODIR };
	size_t i;

	if (strchr(name, '/') != NULL) {
		return talloc_strdup(mem, name);
	}
	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		char *p;
		if (dirs[i] == NULL || dirs[i][0] == '\0') {
			continue;
		}
		p = talloc_asprintf(mem, "%s/%s.ini", dirs[i], name);
		if (p != NULL && file_exists(p)) {
			return p;
		}
		talloc_free(p);
	}
	return NULL;
}

/* The "-nt4" variant of a scenario: the same situation between NT 4.0
 * style domains (no DNS names, SAMR trust accounts). */
static void make_nt4(struct um_sim_world *w)
{
	size_t i;

	for (i = 0; i < w->n_domains; i++) {
		w->domains[i].dialect = UM_DIALECT_NT4;
		/* each direction is an object of its own on NT4 */
		w->domains[i].lacks = 0;
		talloc_free(w->domains[i].dns_name);
		w->domains[i].dns_name = NULL;
	}
	w->name = talloc_asprintf(w, "%s-nt4", w->name ? w->name : "custom");
}

static struct um_status load_scenario(TALLOC_CTX *mem, const char *name,
				      struct um_sim_world **out, char **why)
{
	size_t len = strlen(name);
	bool nt4 = len > 4 && strcmp(name + len - 4, "-nt4") == 0;
	char *path = scenario_path(mem, name);
	struct um_status st;

	if (path == NULL && nt4) {
		char *base = talloc_strndup(mem, name, len - 4);
		path = scenario_path(mem, base);
	} else {
		nt4 = false;
	}
	if (path == NULL) {
		*why = talloc_asprintf(mem, _("%s: no such scenario"), name);
		return um_local(UM_LOCAL_BAD_FILE);
	}
	st = sim_world_parse(mem, path, out, why);
	if (um_is_ok(st) && nt4) {
		make_nt4(*out);
	}
	return st;
}

struct um_status um_sim_world_open(TALLOC_CTX *mem, const char *scenario,
				   const char *state_file,
				   struct um_sim_world **out, char **why)
{
	struct um_status st;

	*why = NULL;
	if (state_file != NULL && file_exists(state_file)) {
		st = sim_world_parse(mem, state_file, out, why);
	} else {
		st = load_scenario(mem, scenario ? scenario : "kb207957", out,
				   why);
	}
	if (!um_is_ok(st)) {
		return st;
	}
	if (state_file != NULL) {
		(*out)->state_file = talloc_strdup(*out, state_file);
		st = sim_world_save(*out);
		if (!um_is_ok(st)) {
			*why = talloc_asprintf(mem, _("%s: cannot write the "
						      "state file"),
					       state_file);
		}
	}
	return st;
}
