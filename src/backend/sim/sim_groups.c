/*
 * usrmgr - the simulated PDCs' groups: global groups (SAMR groups) hold
 * users of their own domain; local groups (SAMR aliases) also hold the
 * domain's global groups and the users and global groups of a trusted
 * domain, named DOMAIN\name.  Answers as a Samba DC's SAMR does.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "backend.h"
#include "sim_world.h"

static struct sim_group *find_group(struct sim_domain *d, const char *name,
				    size_t *index)
{
	size_t i;

	for (i = 0; name != NULL && i < d->n_groups; i++) {
		if (strcasecmp(d->groups[i].name, name) == 0) {
			if (index != NULL) {
				*index = i;
			}
			return &d->groups[i];
		}
	}
	return NULL;
}

static struct um_status no_group(struct sim_domain *d, const char *name)
{
	(void)d;
	(void)name;
	return um_nt(UM_NT_NO_SUCH_GROUP);
}

static struct um_status saved(struct um_sim_world *w, struct um_status st)
{
	return um_is_ok(st) ? sim_world_save(w) : st;
}

SIM_GROUP_OP(query_group)
{
	struct sim_group *g = find_group(d, a->group, NULL);
	struct um_group_info *o;
	size_t i;

	(void)w;
	if (g == NULL) {
		return no_group(d, a->group);
	}
	o = talloc_zero(mem, struct um_group_info);
	if (o == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	o->name = talloc_strdup(o, g->name);
	o->description = talloc_strdup(o, g->description ? g->description
							 : "");
	o->local = g->local;
	o->members = talloc_zero_array(o, char *, g->n_members + 1);
	for (i = 0; o->members != NULL && i < g->n_members; i++) {
		o->members[i] = talloc_strdup(o->members, g->members[i]);
	}
	o->n_members = g->n_members;
	out->group = o;
	return um_ok();
}

SIM_GROUP_OP(add_group)
{
	const struct um_group_info *in = a->group_info;
	struct sim_group *g;

	(void)mem;
	(void)out;
	if (find_group(d, in->name, NULL) != NULL) {
		return um_nt(in->local ? UM_NT_ALIAS_EXISTS
				       : UM_NT_GROUP_EXISTS);
	}
	/* users and groups share one name space */
	if (sim_user_name(d, in->name) != NULL) {
		return um_nt(UM_NT_USER_EXISTS);
	}
	g = talloc_realloc(w, d->groups, struct sim_group, d->n_groups + 1);
	if (g == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	d->groups = g;
	g = &d->groups[d->n_groups++];
	memset(g, 0, sizeof(*g));
	g->name = talloc_strdup(w, in->name);
	g->description = talloc_strdup(w, in->description ? in->description
							   : "");
	g->local = in->local;
	return saved(w, um_ok());
}

SIM_GROUP_OP(delete_group)
{
	size_t i;

	(void)mem;
	(void)out;
	if (find_group(d, a->group, &i) == NULL) {
		return no_group(d, a->group);
	}
	/* a global group leaves the local groups that held it */
	sim_groups_forget(d, d->groups[i].name);
	memmove(&d->groups[i], &d->groups[i + 1],
		(d->n_groups - i - 1) * sizeof(d->groups[0]));
	d->n_groups--;
	return saved(w, um_ok());
}

/* NAME as G may hold it (its stored spelling), or NULL: a user of D; for
 * a local group also a global group of D, or DOMAIN\name of a domain D
 * trusts. */
static const char *member_name(struct um_sim_world *w, struct sim_domain *d,
			       const struct sim_group *g, const char *name,
			       TALLOC_CTX *mem)
{
	const char *bs = strchr(name, '\\');
	struct sim_group *other;
	struct sim_domain *t;
	char *dom;
	const char *found;

	if (bs == NULL) {
		other = g->local ? find_group(d, name, NULL) : NULL;
		if (other != NULL && !other->local) {
			return other->name;
		}
		return sim_user_name(d, name);
	}
	dom = talloc_strndup(mem, name, (size_t)(bs - name));
	if (!g->local || dom == NULL ||
	    sim_find_entry(d->trusted, d->n_trusted, dom, NULL) == NULL ||
	    (t = sim_world_domain(w, dom)) == NULL) {
		return strcasecmp(dom ? dom : "", d->name) == 0
			? member_name(w, d, g, bs + 1, mem) : NULL;
	}
	found = sim_user_name(t, bs + 1);
	other = find_group(t, bs + 1, NULL);
	if (found == NULL && other != NULL && !other->local) {
		found = other->name;
	}
	return found != NULL ? talloc_asprintf(mem, "%s\\%s", t->name, found)
			     : NULL;
}

static bool is_member(const struct sim_group *g, const char *name,
		      size_t *index)
{
	size_t i;

	for (i = 0; i < g->n_members; i++) {
		if (strcasecmp(g->members[i], name) == 0) {
			*index = i;
			return true;
		}
	}
	return false;
}

SIM_GROUP_OP(add_member)
{
	struct sim_group *g = find_group(d, a->group, NULL);
	const char *m;
	char **list;
	size_t i;

	(void)out;
	if (g == NULL) {
		return no_group(d, a->group);
	}
	m = member_name(w, d, g, a->user, mem);
	if (m == NULL) {
		return um_nt(UM_NT_NONE_MAPPED);
	}
	if (is_member(g, m, &i)) {
		return um_nt(g->local ? UM_NT_MEMBER_IN_ALIAS
				      : UM_NT_MEMBER_IN_GROUP);
	}
	list = talloc_realloc(w, g->members, char *, g->n_members + 1);
	if (list == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	g->members = list;
	g->members[g->n_members++] = talloc_strdup(w, m);
	return saved(w, um_ok());
}

SIM_GROUP_OP(remove_member)
{
	struct sim_group *g = find_group(d, a->group, NULL);
	const char *m;
	size_t i;

	(void)out;
	if (g == NULL) {
		return no_group(d, a->group);
	}
	m = member_name(w, d, g, a->user, mem);
	if (m == NULL) {
		return um_nt(UM_NT_NONE_MAPPED);
	}
	if (sim_user_primary(d, m) != NULL &&
	    strcasecmp(sim_user_primary(d, m), g->name) == 0) {
		return um_nt(UM_NT_MEMBERS_PRIMARY_GROUP);
	}
	if (!is_member(g, m, &i)) {
		return um_nt(g->local ? UM_NT_MEMBER_NOT_IN_ALIAS
				      : UM_NT_MEMBER_NOT_IN_GROUP);
	}
	memmove(&g->members[i], &g->members[i + 1],
		(g->n_members - i - 1) * sizeof(g->members[0]));
	g->n_members--;
	return saved(w, um_ok());
}

void sim_groups_forget(struct sim_domain *d, const char *name)
{
	size_t i, k;

	for (i = 0; i < d->n_groups; i++) {
		if (is_member(&d->groups[i], name, &k)) {
			struct sim_group *g = &d->groups[i];

			memmove(&g->members[k], &g->members[k + 1],
				(g->n_members - k - 1) * sizeof(char *));
			g->n_members--;
		}
	}
}

void sim_groups_rename(struct um_sim_world *w, struct sim_domain *d,
		       const char *name, const char *new_name)
{
	size_t i, k;

	for (i = 0; i < d->n_groups; i++) {
		if (is_member(&d->groups[i], name, &k)) {
			d->groups[i].members[k] = talloc_strdup(w, new_name);
		}
	}
}

static void drop_member(struct sim_group *g, size_t k)
{
	memmove(&g->members[k], &g->members[k + 1],
		(g->n_members - k - 1) * sizeof(char *));
	g->n_members--;
}

void sim_groups_swap_primary(struct um_sim_world *w, struct sim_domain *d,
			     const char *name, const char *old,
			     const char *new)
{
	struct sim_group *o = old != NULL ? find_group(d, old, NULL) : NULL;
	struct sim_group *n = find_group(d, new, NULL);
	char **list;
	size_t k;

	if (n != NULL && is_member(n, name, &k)) {
		drop_member(n, k);
	}
	if (o == NULL || o == n || is_member(o, name, &k)) {
		return;
	}
	list = talloc_realloc(w, o->members, char *, o->n_members + 1);
	if (list != NULL) {
		o->members = list;
		o->members[o->n_members++] = talloc_strdup(w, name);
	}
}

char **sim_groups_of(TALLOC_CTX *mem, struct sim_domain *d,
		     const char *name, const char *primary, size_t *n)
{
	char **list = talloc_zero_array(mem, char *, d->n_groups + 1);
	size_t i, k;

	*n = 0;
	for (i = 0; list != NULL && i < d->n_groups; i++) {
		const struct sim_group *g = &d->groups[i];

		if (is_member(g, name, &k) ||
		    (primary != NULL && strcasecmp(primary, g->name) == 0)) {
			list[(*n)++] = talloc_strdup(list, g->name);
		}
	}
	return list;
}

const char *sim_group_name(struct sim_domain *d, const char *group,
			   bool *local)
{
	struct sim_group *g = find_group(d, group, NULL);

	*local = g != NULL && g->local;
	return g != NULL ? g->name : NULL;
}

bool sim_group_key(TALLOC_CTX *mem, struct sim_group *g, const char *key,
		   const char *v, bool *bad)
{
	char *copy, *save = NULL, *m;

	*bad = false;
	if (strcmp(key, "local") == 0) {
		*bad = strcmp(v, "yes") != 0 && strcmp(v, "no") != 0;
		g->local = strcmp(v, "yes") == 0;
		return true;
	}
	if (strcmp(key, "members") != 0) {
		return false;
	}
	copy = talloc_strdup(mem, v);
	for (m = copy ? strtok_r(copy, ",", &save) : NULL; m != NULL;
	     m = strtok_r(NULL, ",", &save)) {
		char **list = talloc_realloc(mem, g->members, char *,
					     g->n_members + 1);

		if (list == NULL) {
			*bad = true;
			return true;
		}
		g->members = list;
		g->members[g->n_members++] = talloc_strdup(mem, m);
	}
	return true;
}

void sim_group_write(FILE *f, const struct sim_group *g)
{
	size_t i;

	if (g->local) {
		fprintf(f, "local = yes\n");
	}
	if (g->n_members == 0) {
		return;
	}
	fprintf(f, "members = ");
	for (i = 0; i < g->n_members; i++) {
		fprintf(f, i > 0 ? ",%s" : "%s", g->members[i]);
	}
	fprintf(f, "\n");
}
