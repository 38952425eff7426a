/*
 * usrmgr - the simulated PDCs' user accounts: what a Samba DC's SAMR
 * answers to QueryUserInfo, CreateUser2 + SetUserInfo2, a rename and
 * DeleteUser, on the scenario's users.
 *
 * The generated users (generate_users) exist only as names: they can be
 * read, and a new user may not take one of their names, but changing
 * them answers NT_STATUS_NOT_SUPPORTED (a scenario that needs to change
 * a user names it).
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

/* N when NAME is generated user N (user000001...), else 0. */
static size_t generated_index(const struct sim_domain *d, const char *name)
{
	char *end;
	unsigned long k;

	if (strncasecmp(name, "user", 4) != 0 || strlen(name) != 10) {
		return 0;
	}
	k = strtoul(name + 4, &end, 10);
	return *end == '\0' && k >= 1 && k <= d->generate_users ? k : 0;
}

/* SAMR looks names up without regard to case. */
static struct sim_user *find_user(struct sim_domain *d, const char *name,
				  size_t *index)
{
	size_t i;

	for (i = 0; name != NULL && i < d->n_users; i++) {
		if (strcasecmp(d->users[i].name, name) == 0) {
			if (index != NULL) {
				*index = i;
			}
			return &d->users[i];
		}
	}
	return NULL;
}

const char *sim_user_primary(struct sim_domain *d, const char *name)
{
	struct sim_user *u = find_user(d, name, NULL);

	return u != NULL ? u->primary_group : NULL;
}

const char *sim_user_name(struct sim_domain *d, const char *name)
{
	struct sim_user *u = find_user(d, name, NULL);

	return u != NULL ? u->name : generated_index(d, name) != 0 ? name
								 : NULL;
}

static bool user_exists(struct sim_domain *d, const char *name)
{
	return find_user(d, name, NULL) != NULL ||
	       generated_index(d, name) != 0;
}

static struct um_status saved(struct um_sim_world *w, struct um_status st)
{
	return um_is_ok(st) ? sim_world_save(w) : st;
}

/* The Hours as accounts.h keeps them (sim_user holds them inverted). */
static void hours_of(const struct sim_user *u, uint8_t out[UM_HOURS_BYTES])
{
	size_t i;

	for (i = 0; i < UM_HOURS_BYTES; i++) {
		out[i] = (uint8_t)~u->denied_hours[i];
	}
}

static void hours_onto(struct sim_user *u, const uint8_t in[UM_HOURS_BYTES])
{
	size_t i;

	for (i = 0; i < UM_HOURS_BYTES; i++) {
		u->denied_hours[i] = (uint8_t)~in[i];
	}
}

static struct um_account *account_of(TALLOC_CTX *mem, struct sim_domain *d,
				     const struct sim_user *u)
{
	struct um_account *a = talloc_zero(mem, struct um_account);

	if (a == NULL) {
		return NULL;
	}
	a->name = talloc_strdup(a, u->name);
	a->full_name = talloc_strdup(a, u->full_name ? u->full_name : "");
	a->description = talloc_strdup(a, u->description ? u->description
							 : "");
	a->flags = u->flags;
	a->profile = talloc_strdup(a, u->profile ? u->profile : "");
	a->script = talloc_strdup(a, u->script ? u->script : "");
	a->home_dir = talloc_strdup(a, u->home_dir ? u->home_dir : "");
	a->home_drive = talloc_strdup(a, u->home_drive ? u->home_drive : "");
	a->workstations = talloc_strdup(a, u->workstations ? u->workstations
							   : "");
	a->expires = u->expires;
	a->has_password = u->nthash[0] != '\0';
	hours_of(u, a->logon_hours);
	a->local_account = u->local_account;
	a->primary_group = talloc_strdup(a, u->primary_group ? u->primary_group
							     : "");
	a->groups = sim_groups_of(a, d, u->name, u->primary_group,
				  &a->n_groups);
	return a->groups != NULL ? a : NULL;
}

struct um_status sim_users_query_user(struct um_sim_world *w,
				 struct sim_domain *d,
				const struct um_args *a, TALLOC_CTX *mem,
				struct um_reply *out)
{
	struct sim_user *u = find_user(d, a->user, NULL);
	struct sim_user gen = { 0 };
	size_t k = generated_index(d, a->user);

	(void)w;
	if (u == NULL && k == 0) {
		return um_nt(UM_NT_NO_SUCH_USER);
	}
	if (u == NULL) {
		gen.name = talloc_asprintf(mem, "user%06zu", k);
		gen.full_name = talloc_asprintf(mem, "Generated User %zu", k);
		u = &gen;
	}
	out->account = account_of(mem, d, u);
	return out->account != NULL ? um_ok() : um_local(UM_LOCAL_NO_MEMORY);
}

static char *field(TALLOC_CTX *mem, const char *v)
{
	return talloc_strdup(mem, v != NULL ? v : "");
}

/* Samba's SetUserInfo with primary_gid: a global group the user is
 * already a member of. */
static struct um_status set_primary(struct um_sim_world *w,
				    struct sim_domain *d, struct sim_user *u,
				    const char *group)
{
	bool local = false;
	const char *g = sim_group_name(d, group, &local);
	size_t n, i;
	char **of;

	if (g == NULL || local) {
		return um_nt(UM_NT_NO_SUCH_GROUP);
	}
	/* a classic PDC without a "set primary group script": the current
	 * one again is fine, any other refused (measured on the nt4 lab) */
	if (d->keeps_primary || d->refuses_primary) {
		return u->primary_group != NULL &&
		       strcasecmp(u->primary_group, g) == 0
			? um_ok() : um_nt(UM_NT_ACCESS_DENIED);
	}
	of = sim_groups_of(w, d, u->name, u->primary_group, &n);
	for (i = 0; of != NULL && i < n && strcasecmp(of[i], g) != 0; i++) {
	}
	if (of == NULL || i == n) {
		talloc_free(of);
		return um_nt(UM_NT_MEMBER_NOT_IN_GROUP);
	}
	talloc_free(of);
	/* as AD does: the old primary group becomes a plain membership,
	 * the new one is held through the primary group alone */
	sim_groups_swap_primary(w, d, u->name, u->primary_group, g);
	u->primary_group = talloc_strdup(w, g);
	return um_ok();
}

/* The fields and flags A names, onto U (the strings owned by W). */
static struct um_status apply(struct um_sim_world *w, struct sim_domain *d,
			      struct sim_user *u, const struct um_account *a)
{
	uint32_t f = a->fields;

	if (f & UM_FIELD_GROUPS) {
		struct um_status st = set_primary(w, d, u, a->primary_group);

		if (!um_is_ok(st)) {
			return st;
		}
	}
	if (f & UM_FIELD_LOGON_HOURS) hours_onto(u, a->logon_hours);
	if (f & UM_FIELD_ACCOUNT_TYPE) u->local_account = a->local_account;

	if (f & UM_FIELD_FULL_NAME) u->full_name = field(w, a->full_name);
	if (f & UM_FIELD_DESCRIPTION) {
		u->description = field(w, a->description);
	}
	if (f & UM_FIELD_PROFILE) u->profile = field(w, a->profile);
	if (f & UM_FIELD_SCRIPT) u->script = field(w, a->script);
	if (f & UM_FIELD_HOME_DIR) u->home_dir = field(w, a->home_dir);
	if (f & UM_FIELD_HOME_DRIVE) u->home_drive = field(w, a->home_drive);
	if (f & UM_FIELD_WORKSTATIONS) {
		u->workstations = field(w, a->workstations);
	}
	if (f & UM_FIELD_EXPIRES) u->expires = a->expires;
	if (f & UM_FIELD_FLAGS) {
		/* Locked Out can only be cleared, as in the dialog */
		uint32_t mask = a->flags_mask;
		uint32_t v = a->flags & ~(uint32_t)UM_ACCT_LOCKED;

		u->flags = (u->flags & ~mask) | (v & mask);
	}
	return um_ok();
}

static struct um_status set_password(struct sim_user *u,
				     const struct um_secret *pw)
{
	return pw != NULL ? um_secret_nthash(pw, u->nthash) : um_ok();
}

struct um_status sim_users_add_user(struct um_sim_world *w,
				 struct sim_domain *d,
			      const struct um_args *a, TALLOC_CTX *mem,
			      struct um_reply *out)
{
	struct sim_user *u;
	struct um_account acct = *a->account;
	struct um_status st;

	(void)mem;
	(void)out;
	if (user_exists(d, a->account->name)) {
		return um_nt(UM_NT_USER_EXISTS);
	}
	u = talloc_realloc(w, d->users, struct sim_user, d->n_users + 1);
	if (u == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	d->users = u;
	u = &d->users[d->n_users];
	memset(u, 0, sizeof(*u));
	u->name = talloc_strdup(w, acct.name);
	/* a new user has every flag the dialog shows, set or clear */
	acct.fields |= UM_FIELD_FLAGS;
	acct.flags_mask = ~0u;
	st = apply(w, d, u, &acct);
	if (um_is_ok(st)) {
		st = set_password(u, a->password);
	}
	if (!um_is_ok(st)) {
		return st;
	}
	d->n_users++;
	return saved(w, st);
}

static struct um_status changeable(struct sim_domain *d, const char *name,
				   struct sim_user **u, size_t *index)
{
	*u = find_user(d, name, index);
	if (*u != NULL) {
		return um_ok();
	}
	return generated_index(d, name) != 0 ? um_nt(UM_NT_NOT_SUPPORTED)
					     : um_nt(UM_NT_NO_SUCH_USER);
}

struct um_status sim_users_set_user(struct um_sim_world *w,
				 struct sim_domain *d,
			      const struct um_args *a, TALLOC_CTX *mem,
			      struct um_reply *out)
{
	struct sim_user *u;
	struct um_status st = changeable(d, a->user, &u, NULL);

	(void)mem;
	(void)out;
	if (um_is_ok(st)) {
		st = apply(w, d, u, a->account);
	}
	if (um_is_ok(st)) {
		st = set_password(u, a->password);
	}
	return saved(w, st);
}

struct um_status sim_users_rename_user(struct um_sim_world *w,
				 struct sim_domain *d,
				 const struct um_args *a, TALLOC_CTX *mem,
				 struct um_reply *out)
{
	struct sim_user *u;
	struct sim_user *other = find_user(d, a->new_name, NULL);
	struct um_status st = changeable(d, a->user, &u, NULL);

	(void)mem;
	(void)out;
	if (!um_is_ok(st)) {
		return st;
	}
	/* a change of case only is no collision */
	if ((other != NULL && other != u) ||
	    generated_index(d, a->new_name) != 0) {
		return um_nt(UM_NT_USER_EXISTS);
	}
	sim_groups_rename(w, d, u->name, a->new_name);
	u->name = talloc_strdup(w, a->new_name);
	return saved(w, u->name != NULL ? um_ok()
					: um_local(UM_LOCAL_NO_MEMORY));
}

struct um_status sim_users_delete_user(struct um_sim_world *w,
				 struct sim_domain *d,
				 const struct um_args *a, TALLOC_CTX *mem,
				 struct um_reply *out)
{
	struct sim_user *u;
	size_t i;
	struct um_status st = changeable(d, a->user, &u, &i);

	(void)mem;
	(void)out;
	if (!um_is_ok(st)) {
		return st;
	}
	sim_groups_forget(d, u->name);
	memmove(&d->users[i], &d->users[i + 1],
		(d->n_users - i - 1) * sizeof(d->users[0]));
	d->n_users--;
	return saved(w, st);
}

/* ---- scenario keys ---------------------------------------------------- */

static const struct {
	const char *key;
	uint32_t flag;
} flag_keys[] = {
	{ "must_change_password", UM_ACCT_MUST_CHANGE },
	{ "cannot_change_password", UM_ACCT_CANNOT_CHANGE },
	{ "password_never_expires", UM_ACCT_NEVER_EXPIRES },
	{ "disabled", UM_ACCT_DISABLED },
	{ "locked", UM_ACCT_LOCKED },
};
#define N_FLAG_KEYS (sizeof(flag_keys) / sizeof(flag_keys[0]))

static char **string_key(struct sim_user *u, const char *key)
{
	return strcmp(key, "profile") == 0        ? &u->profile
	       : strcmp(key, "primary_group") == 0 ? &u->primary_group
	       : strcmp(key, "logon_script") == 0 ? &u->script
	       : strcmp(key, "home_dir") == 0     ? &u->home_dir
	       : strcmp(key, "home_drive") == 0   ? &u->home_drive
	       : strcmp(key, "workstations") == 0 ? &u->workstations
						  : NULL;
}

bool sim_user_key(TALLOC_CTX *mem, struct sim_user *u, const char *key,
		  const char *v, bool *bad)
{
	char **s = string_key(u, key);
	size_t i;

	*bad = false;
	if (s != NULL) {
		*s = talloc_strdup(mem, v);
		return true;
	}
	if (strcmp(key, "expires") == 0) {
		*bad = !um_is_ok(um_user_expires_parse(v, &u->expires));
		return true;
	}
	if (strcmp(key, "logon_hours") == 0) {
		uint8_t h[UM_HOURS_BYTES];

		*bad = !um_is_ok(um_user_hours_parse(v, h));
		hours_onto(u, h);
		return true;
	}
	if (strcmp(key, "account") == 0) {
		*bad = strcmp(v, "local") != 0 && strcmp(v, "global") != 0;
		u->local_account = strcmp(v, "local") == 0;
		return true;
	}
	for (i = 0; i < N_FLAG_KEYS; i++) {
		if (strcmp(key, flag_keys[i].key) == 0) {
			bool yes = strcmp(v, "yes") == 0;

			*bad = !yes && strcmp(v, "no") != 0;
			u->flags = yes ? u->flags | flag_keys[i].flag
				       : u->flags & ~flag_keys[i].flag;
			return true;
		}
	}
	return false;
}

void sim_user_write(FILE *f, const struct sim_user *u)
{
	static const char *const keys[] = { "profile", "logon_script",
					    "home_dir", "home_drive",
					    "workstations", "primary_group" };
	uint8_t h[UM_HOURS_BYTES];
	char buf[16], *text;
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		char **s = string_key((struct sim_user *)u, keys[i]);

		if (*s != NULL && **s != '\0') {
			fprintf(f, "%s = %s\n", keys[i], *s);
		}
	}
	if (u->expires != 0) {
		fprintf(f, "expires = %s\n",
			um_user_expires_text(u->expires, buf));
	}
	hours_of(u, h);
	text = um_user_hours_text(NULL, h);
	if (text != NULL && strcmp(text, "all") != 0) {
		fprintf(f, "logon_hours = %s\n", text);
	}
	talloc_free(text);
	if (u->local_account) {
		fprintf(f, "account = local\n");
	}
	for (i = 0; i < N_FLAG_KEYS; i++) {
		if (u->flags & flag_keys[i].flag) {
			fprintf(f, "%s = yes\n", flag_keys[i].key);
		}
	}
}
