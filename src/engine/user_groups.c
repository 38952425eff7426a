/*
 * usrmgr - a user's group membership made a wanted list: the Groups
 * dialog's OK, `user set --groups`, and what Copy carries.
 *
 * Nothing changes until every group to join has been found and the
 * primary group is known to be a global group in the list.  Then the
 * order is the one a PDC allows: join first, set the primary group
 * (SAMR wants the user a member already), leave last (SAMR refuses to
 * take a user out of the primary group).
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "backend.h"
#include "i18n.h"
#include "user_groups.h"

static bool filled(const char *s)
{
	return s != NULL && *s != '\0';
}

static bool in_list(char *const *list, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (strcasecmp(list[i], name) == 0) {
			return true;
		}
	}
	return false;
}

/* NAMES without repeats (SAMR names are case-insensitive), plus EXTRA. */
static char **wanted_list(TALLOC_CTX *mem, const struct um_account *a,
			  const char *extra, size_t *n)
{
	char **w = talloc_zero_array(mem, char *, a->n_groups + 2);
	size_t i;

	*n = 0;
	for (i = 0; w != NULL && i < a->n_groups; i++) {
		if (filled(a->groups[i]) && !in_list(w, *n, a->groups[i])) {
			w[(*n)++] = a->groups[i];
		}
	}
	if (w != NULL && filled(extra) && !in_list(w, *n, extra)) {
		w[(*n)++] = (char *)extra;
	}
	return w;
}

/* The names of FROM not in NOT. */
static const char **difference(TALLOC_CTX *mem, char *const *from,
			       size_t n_from, char *const *not, size_t n_not,
			       size_t *n)
{
	const char **d = talloc_zero_array(mem, const char *, n_from + 1);
	size_t i;

	*n = 0;
	for (i = 0; d != NULL && i < n_from; i++) {
		if (!in_list(not, n_not, from[i])) {
			d[(*n)++] = from[i];
		}
	}
	return d;
}

/* GROUP exists; *LOCAL says which kind it is. */
static struct um_status group_kind(struct um_pdc *p, const char *group,
				   bool *local)
{
	TALLOC_CTX *tmp = talloc_new(p);
	struct um_group_info *g;
	struct um_status st = um_group_query(p, group, tmp, &g);

	*local = um_is_ok(st) && g->local;
	talloc_free(tmp);
	return st;
}

static struct um_status check_joins(struct um_pdc *p,
				    const struct um_groups_plan *plan,
				    const char *primary, bool *primary_local)
{
	struct um_status st = um_ok();
	size_t i;
	bool local;

	for (i = 0; um_is_ok(st) && i < plan->n_join; i++) {
		st = group_kind(p, plan->join[i], &local);
		if (um_is_ok(st) && filled(primary) &&
		    strcasecmp(primary, plan->join[i]) == 0) {
			*primary_local = local;
		}
	}
	return st;
}

struct um_status um_user_primary_changeable(struct um_pdc *p)
{
	const struct um_domain_info *info;
	struct um_status st = um_pdc_info(p, &info);

	if (!um_is_ok(st)) {
		return st;
	}
	/* the backend says (a simulated domain that keeps them), or the
	 * PDC said so this session (set_primary) */
	if (info->primary_fixed || p->primary_refused) {
		return um_local(UM_LOCAL_PRIMARY_FIXED);
	}
	return um_ok();
}

struct um_status um_user_groups_plan(struct um_pdc *p,
				     const struct um_account *a,
				     const struct um_account *cur,
				     bool keep_primary, TALLOC_CTX *mem,
				     struct um_groups_plan **out)
{
	struct um_account none = { 0 };
	const struct um_account *c = cur != NULL ? cur : &none;
	const char *primary = filled(a->primary_group) ? a->primary_group
						       : c->primary_group;
	struct um_groups_plan *plan = talloc_zero(mem, struct um_groups_plan);
	bool primary_local = false, changed;
	char **want;
	size_t n_want;
	struct um_status st;

	*out = plan;
	if (plan == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	want = wanted_list(plan, a, keep_primary && !filled(a->primary_group)
					    ? c->primary_group : NULL,
			   &n_want);
	if (want == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	if (filled(primary) && !in_list(want, n_want, primary)) {
		return um_local(UM_LOCAL_PRIMARY_NOT_MEMBER);
	}
	plan->join = difference(plan, want, n_want, c->groups, c->n_groups,
				&plan->n_join);
	plan->leave = difference(plan, c->groups, c->n_groups, want, n_want,
				 &plan->n_leave);
	changed = filled(primary) && (!filled(c->primary_group) ||
				      strcasecmp(primary, c->primary_group));
	st = check_joins(p, plan, primary, &primary_local);
	if (um_is_ok(st) && changed &&
	    !in_list((char *const *)plan->join, plan->n_join,
		     primary)) {
		st = group_kind(p, primary, &primary_local);
	}
	if (um_is_ok(st) && changed && primary_local) {
		st = um_local(UM_LOCAL_PRIMARY_NOT_GLOBAL);
	}
	/* before anything is sent: a server that keeps primary groups */
	if (um_is_ok(st) && changed && cur != NULL) {
		st = um_user_primary_changeable(p);
	}
	plan->primary = changed ? primary : NULL;
	plan->old_primary = c->primary_group;
	return st;
}

/* Measured on the nt4 lab (Samba 4.17): a classic PDC answers a new
 * primary_gid with ACCESS_DENIED unless smb.conf has a "set primary group
 * script", and changes it with one; Samba AD always changes it.  So a
 * classic PDC is asked, and its refusal, said in USRMGR_PRIMARY_FIXED's
 * words, is remembered: from then on nothing is sent, and the Groups
 * dialog greys Set Primary Group (um_user_primary_changeable). */
static struct um_status primary_refusal_learned(struct um_pdc *p,
						struct um_status st)
{
	const struct um_domain_info *info;

	if (!um_status_is(st, UM_KIND_NT, UM_NT_ACCESS_DENIED) ||
	    !um_is_ok(um_pdc_info(p, &info)) ||
	    info->dialect != UM_DIALECT_NT4) {
		return st;
	}
	p->primary_refused = true;
	return um_local(UM_LOCAL_PRIMARY_FIXED);
}

static struct um_status set_primary(struct um_pdc *p, const char *user,
				    const char *primary)
{
	struct um_account a = { .name = (char *)user,
				.fields = UM_FIELD_GROUPS,
				.primary_group = (char *)primary };
	struct um_args args = { .user = user, .account = &a };
	TALLOC_CTX *tmp = talloc_new(p);
	struct um_reply reply;
	struct um_status st;

	st = um_pdc_call(p, offsetof(struct um_backend_ops, set_user), &args,
			 tmp, &reply, _("Setting the primary group..."));
	talloc_free(tmp);
	return primary_refusal_learned(p, st);
}

/* Back to where the membership was: leaves N_LEFT re-joined, the old
 * primary group again (when PRIMARY_SET), joins N_JOINED left.  Best
 * effort: the first refusal stands for the operator, not these. */
static void undo(struct um_pdc *p, const char *user,
		 const struct um_groups_plan *plan, size_t n_joined,
		 bool primary_set, size_t n_left)
{
	size_t i;

	for (i = n_left; i > 0; i--) {
		um_group_add_member(p, plan->leave[i - 1], user);
	}
	if (primary_set && plan->old_primary != NULL &&
	    *plan->old_primary != '\0') {
		set_primary(p, user, plan->old_primary);
	}
	for (i = n_joined; i > 0; i--) {
		um_group_remove_member(p, plan->join[i - 1], user);
	}
}

/* Measured on the nt4 lab: a classic PDC holds the membership of the
 * old primary group in the Unix primary gid alone, so once the primary
 * group has moved the user is no longer in it (RID 513 unmapped: "None"
 * is not even a group to leave); AD keeps it as a plain membership.  So
 * the old primary group is left only when the PDC still lists it. */
static bool gone_with_primary(struct um_pdc *p, const char *user,
			      const struct um_groups_plan *plan, size_t i)
{
	TALLOC_CTX *tmp;
	struct um_account *now;
	bool gone = false;

	if (plan->old_primary == NULL ||
	    strcasecmp(plan->leave[i], plan->old_primary) != 0) {
		return false;
	}
	tmp = talloc_new(p);
	if (tmp != NULL && um_is_ok(um_user_query(p, user, tmp, &now))) {
		gone = !in_list(now->groups, now->n_groups, plan->leave[i]);
	}
	talloc_free(tmp);
	return gone;
}

struct um_status um_user_groups_apply(struct um_pdc *p, const char *user,
				      const struct um_groups_plan *plan)
{
	struct um_status st = um_ok();
	size_t joined = 0, left = 0;
	bool primary_set = false;

	while (um_is_ok(st) && joined < plan->n_join) {
		st = um_group_add_member(p, plan->join[joined], user);
		joined += um_is_ok(st);
	}
	if (um_is_ok(st) && plan->primary != NULL) {
		st = set_primary(p, user, plan->primary);
		primary_set = um_is_ok(st);
	}
	while (um_is_ok(st) && left < plan->n_leave) {
		if (primary_set && gone_with_primary(p, user, plan, left)) {
			left++;
			continue;
		}
		st = um_group_remove_member(p, plan->leave[left], user);
		left += um_is_ok(st);
	}
	if (!um_is_ok(st)) {
		undo(p, user, plan, joined, primary_set, left);
	}
	return st;
}
