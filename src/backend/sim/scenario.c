/*
 * usrmgr - scenario and state files: one INI schema (inih), read and
 * written here.  See scenarios/README.md for the schema.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/stat.h>
#include <ini.h>

#include "sim_world.h"
#include "files.h"
#include "names.h"
#include "i18n.h"

/* Scenario and state files are small; anything bigger is not one. */
#define SCENARIO_MAX_BYTES (16u * 1024 * 1024)

struct parse_ctx {
	struct um_sim_world *w;
	const char *path;
	char *section;     /* the section being filled */
	char *error;       /* first problem found */
	int depth;         /* include nesting */
	/* what the current section is */
	enum { S_NONE, S_SCENARIO, S_PAIR, S_DOMAIN, S_USER, S_GROUP,
	       S_TRUSTED, S_TRUSTING, S_CHANNEL, S_POLICY, S_RIGHTS } kind;
	size_t dom, idx;
};

struct sim_domain *sim_world_domain(struct um_sim_world *w, const char *name)
{
	size_t i;

	for (i = 0; i < w->n_domains; i++) {
		if (um_name_equal(w->domains[i].name, name)) {
			return &w->domains[i];
		}
	}
	return NULL;
}

struct sim_domain *sim_world_by_pdc(struct um_sim_world *w, const char *pdc)
{
	size_t i;

	for (i = 0; i < w->n_domains; i++) {
		if (um_name_equal(w->domains[i].pdc, pdc)) {
			return &w->domains[i];
		}
	}
	return sim_world_domain(w, pdc);
}

struct sim_entry *sim_find_entry(struct sim_entry *list, size_t n,
				 const char *partner, size_t *index)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (um_name_equal(list[i].partner, partner)) {
			if (index != NULL) {
				*index = i;
			}
			return &list[i];
		}
	}
	return NULL;
}

bool sim_domain_add_entry(struct um_sim_world *w, struct sim_domain *d,
			  bool trusted, const char *partner, const char *sid,
			  const char *nthash)
{
	struct sim_entry **list = trusted ? &d->trusted : &d->trusting;
	size_t *n = trusted ? &d->n_trusted : &d->n_trusting;
	struct sim_entry *grown, *e;

	/* Lists grow by doubling: one realloc per entry made a scenario
	 * that generates 5,000 trusts take seconds (quadratic copying). */
	if (talloc_array_length(*list) <= *n) {
		size_t room = *n < 8 ? 8 : 2 * *n;

		grown = talloc_realloc(w, *list, struct sim_entry, room);
		if (grown == NULL) {
			return false;
		}
		*list = grown;
	}
	grown = *list;
	if (trusted) {
		/* channel[i] belongs to trusted[i]: the same room */
		if (talloc_array_length(d->channel) <= *n) {
			enum sim_channel *ch = talloc_realloc(
				w, d->channel, enum sim_channel,
				talloc_array_length(grown));
			if (ch == NULL) {
				return false;
			}
			d->channel = ch;
		}
		d->channel[*n] = SIM_CHANNEL_NONE;
	}
	e = &grown[*n];
	memset(e, 0, sizeof(*e));
	e->partner = talloc_strdup(grown, partner);
	e->sid = sid != NULL ? talloc_strdup(grown, sid) : NULL;
	snprintf(e->nthash, sizeof(e->nthash), "%s", nthash ? nthash : "");
	(*n)++;
	return e->partner != NULL;
}

void sim_domain_remove_entry(struct sim_domain *d, bool trusted, size_t index)
{
	struct sim_entry *list = trusted ? d->trusted : d->trusting;
	size_t *n = trusted ? &d->n_trusted : &d->n_trusting;
	size_t rest = *n - index - 1;

	talloc_free(list[index].partner);
	talloc_free(list[index].sid);
	memmove(&list[index], &list[index + 1], rest * sizeof(*list));
	if (trusted) {
		memmove(&d->channel[index], &d->channel[index + 1],
			rest * sizeof(*d->channel));
	}
	(*n)--;
}

unsigned sim_op_bit(const char *name)
{
	static const struct {
		const char *name;
		unsigned bit;
	} ops[] = {
		{ "add_trusting", SIM_OP_ADD_TRUSTING },
		{ "add_trusted", SIM_OP_ADD_TRUSTED },
		{ "remove_trusting", SIM_OP_REMOVE_TRUSTING },
		{ "remove_trusted", SIM_OP_REMOVE_TRUSTED },
		{ "reset", SIM_OP_RESET },
	};
	size_t i;

	for (i = 0; name != NULL && i < sizeof(ops) / sizeof(ops[0]); i++) {
		if (strcmp(ops[i].name, name) == 0) {
			return ops[i].bit;
		}
	}
	return 0;
}

unsigned sim_cap_bit(const char *name)
{
	if (name != NULL && strcmp(name, "add_direction") == 0) {
		return UM_CAP_ADD_DIRECTION;
	}
	if (name != NULL && strcmp(name, "remove_direction") == 0) {
		return UM_CAP_REMOVE_DIRECTION;
	}
	if (name != NULL && strcmp(name, "rekey_two_way") == 0) {
		return UM_CAP_REKEY_TWO_WAY;
	}
	return 0;
}

/* ---- reading ---------------------------------------------------------- */

static int fail(struct parse_ctx *c, const char *what)
{
	if (c->error == NULL) {
		c->error = talloc_strdup(c->w, what);
	}
	return 0;
}

static bool parse_bool(const char *v, bool *out)
{
	if (strcasecmp(v, "yes") == 0 || strcasecmp(v, "true") == 0 ||
	    strcmp(v, "1") == 0) {
		*out = true;
		return true;
	}
	if (strcasecmp(v, "no") == 0 || strcasecmp(v, "false") == 0 ||
	    strcmp(v, "0") == 0) {
		*out = false;
		return true;
	}
	return false;
}

static bool parse_uint(const char *v, unsigned max, unsigned *out)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0' || v[0] == '-' || n > max) {
		return false;
	}
	*out = (unsigned)n;
	return true;
}

/* "add_trusted, reset": operation names, at least one, into bits. */
static bool parse_words(TALLOC_CTX *mem, const char *v, unsigned *out,
			unsigned (*bit_of)(const char *))
{
	char *list = talloc_strdup(mem, v), *save = NULL, *word;
	unsigned bits = 0, bit;

	for (word = list ? strtok_r(list, ", \t", &save) : NULL;
	     word != NULL; word = strtok_r(NULL, ", \t", &save)) {
		bit = bit_of(word);
		if (bit == 0) {
			bits = 0;
			break;
		}
		bits |= bit;
	}
	talloc_free(list);
	*out = bits;
	return bits != 0;
}

static bool parse_ops(TALLOC_CTX *mem, const char *v, unsigned *out)
{
	return parse_words(mem, v, out, sim_op_bit);
}

static bool valid_nthash(const char *v)
{
	size_t i;

	if (strlen(v) != 32) {
		return false;
	}
	for (i = 0; i < 32; i++) {
		if (strchr("0123456789abcdefABCDEF", v[i]) == NULL) {
			return false;
		}
	}
	return true;
}

static bool valid_sid(const char *v)
{
	return strncmp(v, "S-1-", 4) == 0 &&
	       strspn(v + 4, "0123456789-") == strlen(v + 4);
}

/* "KIND A B..." into its words: A and the rest. */
static bool split_section(TALLOC_CTX *mem, const char *s, const char *kind,
			  char **a, char **rest)
{
	size_t k = strlen(kind);
	const char *p, *sp;

	if (strncmp(s, kind, k) != 0 || s[k] != ' ') {
		return false;
	}
	p = s + k + 1;
	sp = strchr(p, ' ');
	if (sp == NULL) {
		*a = talloc_strdup(mem, p);
		*rest = NULL;
	} else {
		*a = talloc_strndup(mem, p, (size_t)(sp - p));
		*rest = talloc_strdup(mem, sp + 1);
	}
	return true;
}

static struct sim_domain *need_domain(struct parse_ctx *c, const char *name)
{
	struct sim_domain *d = sim_world_domain(c->w, name);

	if (d == NULL) {
		fail(c, talloc_asprintf(c->w,
			_("domain %s is not defined before this section"),
			name));
		return NULL;
	}
	c->dom = (size_t)(d - c->w->domains);
	return d;
}

static int begin_domain(struct parse_ctx *c, const char *name)
{
	struct sim_domain *grown, *d;
	char *norm;

	if (!um_is_ok(um_name_normalise(c->w, name, &norm))) {
		return fail(c, _("not a valid NetBIOS domain name"));
	}
	if (sim_world_domain(c->w, norm) != NULL) {
		return fail(c, _("this domain is defined twice"));
	}
	grown = talloc_realloc(c->w, c->w->domains, struct sim_domain,
			       c->w->n_domains + 1);
	if (grown == NULL) {
		return fail(c, _("out of memory"));
	}
	c->w->domains = grown;
	d = &grown[c->w->n_domains];
	memset(d, 0, sizeof(*d));
	d->name = talloc_steal(grown, norm);
	d->pdc = talloc_asprintf(grown, "PDC-%s", norm);
	d->sid = talloc_strdup(grown, "S-1-5-21-0-0-0");
	d->dialect = UM_DIALECT_AD;
	d->reachable = true;
	sim_policy_default(d);
	c->dom = c->w->n_domains++;
	c->kind = S_DOMAIN;
	return 1;
}

static int begin_named(struct parse_ctx *c, const char *section, bool user)
{
	char *dom, *name;
	struct sim_domain *d;

	split_section(c->w, section, user ? "user" : "group", &dom, &name);
	if (dom == NULL || name == NULL || *name == '\0') {
		return fail(c, _("the section needs a domain and a name"));
	}
	d = need_domain(c, dom);
	if (d == NULL) {
		return 0;
	}
	if (user) {
		struct sim_user *u = talloc_realloc(c->w, d->users,
						    struct sim_user,
						    d->n_users + 1);
		if (u == NULL) {
			return fail(c, _("out of memory"));
		}
		d->users = u;
		memset(&u[d->n_users], 0, sizeof(*u));
		u[d->n_users].name = talloc_strdup(u, name);
		c->idx = d->n_users++;
		c->kind = S_USER;
	} else {
		struct sim_group *g = talloc_realloc(c->w, d->groups,
						     struct sim_group,
						     d->n_groups + 1);
		if (g == NULL) {
			return fail(c, _("out of memory"));
		}
		d->groups = g;
		memset(&g[d->n_groups], 0, sizeof(*g));
		g[d->n_groups].name = talloc_strdup(g, name);
		c->idx = d->n_groups++;
		c->kind = S_GROUP;
	}
	return 1;
}

static int begin_trust(struct parse_ctx *c, const char *section,
		       const char *kind)
{
	bool trusted = strcmp(kind, "trusted") == 0;
	char *dom, *partner, *norm;
	struct sim_domain *d;
	size_t idx;

	split_section(c->w, section, kind, &dom, &partner);
	if (dom == NULL || partner == NULL) {
		return fail(c, _("the section needs a domain and a partner"));
	}
	if (!um_is_ok(um_name_normalise(c->w, partner, &norm))) {
		return fail(c, _("not a valid NetBIOS domain name"));
	}
	d = need_domain(c, dom);
	if (d == NULL) {
		return 0;
	}
	if (strcmp(kind, "channel") == 0) {
		if (sim_find_entry(d->trusted, d->n_trusted, norm, &idx) ==
		    NULL) {
			return fail(c, _("a channel needs its trusted section "
					 "first"));
		}
		c->idx = idx;
		c->kind = S_CHANNEL;
		return 1;
	}
	if (sim_find_entry(trusted ? d->trusted : d->trusting,
			   trusted ? d->n_trusted : d->n_trusting, norm,
			   NULL) != NULL) {
		return fail(c, _("this trust is defined twice"));
	}
	if (!sim_domain_add_entry(c->w, d, trusted, norm, NULL, NULL)) {
		return fail(c, _("out of memory"));
	}
	c->idx = (trusted ? d->n_trusted : d->n_trusting) - 1;
	c->kind = trusted ? S_TRUSTED : S_TRUSTING;
	return 1;
}

/* [policy DOMAIN]: the account policy of a domain defined before. */
static int begin_policy(struct parse_ctx *c, const char *name,
			const char *rest)
{
	char *norm;

	if (rest != NULL) {
		return fail(c, _("a policy section names one domain"));
	}
	if (!um_is_ok(um_name_normalise(c->w, name, &norm))) {
		return fail(c, _("not a valid NetBIOS domain name"));
	}
	if (need_domain(c, norm) == NULL) {
		return 0;
	}
	c->kind = S_POLICY;
	return 1;
}

/* [rights DOMAIN]: the user rights of a domain defined before (its
 * dialect chooses the rights it keeps unless the section says). */
static int begin_rights(struct parse_ctx *c, const char *name,
			const char *rest)
{
	struct sim_domain *d;
	char *norm;

	if (rest != NULL) {
		return fail(c, _("a rights section names one domain"));
	}
	if (!um_is_ok(um_name_normalise(c->w, name, &norm))) {
		return fail(c, _("not a valid NetBIOS domain name"));
	}
	d = need_domain(c, norm);
	if (d == NULL) {
		return 0;
	}
	if (d->rights_defined) {
		return fail(c, _("this rights section is there twice"));
	}
	sim_rights_begin(c->w, d);
	c->kind = S_RIGHTS;
	return 1;
}

static int policy_key(struct parse_ctx *c, struct sim_domain *d,
		      const char *key, const char *v)
{
	const char *wrong = c->kind == S_RIGHTS
				    ? sim_rights_key(c->w, d, key, v)
				    : sim_policy_key(d, key, v);

	if (wrong == NULL) {
		return 1;
	}
	if (*wrong == '\0') {
		return fail(c, talloc_asprintf(c->w, _("unknown key %s"), key));
	}
	return fail(c, talloc_asprintf(c->w, "%s: %s", key, wrong));
}

static int begin_section(struct parse_ctx *c, const char *section)
{
	char *a, *rest;

	talloc_free(c->section);
	c->section = talloc_strdup(c->w, section);
	if (strcmp(section, "scenario") == 0) {
		c->kind = S_SCENARIO;
		return 1;
	}
	if (strcmp(section, "pair") == 0) {
		c->kind = S_PAIR;
		return 1;
	}
	if (split_section(c->w, section, "domain", &a, &rest)) {
		if (rest != NULL) {
			return fail(c, _("a domain section names one domain"));
		}
		return begin_domain(c, a);
	}
	if (strncmp(section, "user ", 5) == 0) {
		return begin_named(c, section, true);
	}
	if (strncmp(section, "group ", 6) == 0) {
		return begin_named(c, section, false);
	}
	if (strncmp(section, "trusted ", 8) == 0) {
		return begin_trust(c, section, "trusted");
	}
	if (strncmp(section, "trusting ", 9) == 0) {
		return begin_trust(c, section, "trusting");
	}
	if (strncmp(section, "channel ", 8) == 0) {
		return begin_trust(c, section, "channel");
	}
	if (split_section(c->w, section, "policy", &a, &rest)) {
		return begin_policy(c, a, rest);
	}
	if (split_section(c->w, section, "rights", &a, &rest)) {
		return begin_rights(c, a, rest);
	}
	c->kind = S_NONE;
	return fail(c, talloc_asprintf(c->w, _("unknown section [%s]"),
				       section));
}

static int domain_key(struct parse_ctx *c, struct sim_domain *d,
		      const char *key, const char *v)
{
	if (strcmp(key, "dialect") == 0) {
		if (strcmp(v, "ad") == 0) {
			d->dialect = UM_DIALECT_AD;
		} else if (strcmp(v, "nt4") == 0) {
			d->dialect = UM_DIALECT_NT4;
		} else {
			return fail(c, _("dialect must be ad or nt4"));
		}
	} else if (strcmp(key, "dns_name") == 0) {
		d->dns_name = talloc_strdup(c->w->domains, v);
	} else if (strcmp(key, "sid") == 0) {
		if (!valid_sid(v)) {
			return fail(c, _("not a valid SID"));
		}
		d->sid = talloc_strdup(c->w->domains, v);
	} else if (strcmp(key, "pdc") == 0) {
		if (*v == '\0' || strlen(v) > 63) {
			return fail(c, _("not a valid PDC name"));
		}
		d->pdc = talloc_strdup(c->w->domains, v);
	} else if (strcmp(key, "reachable") == 0) {
		if (!parse_bool(v, &d->reachable)) {
			return fail(c, _("reachable must be yes or no"));
		}
	} else if (strcmp(key, "latency_ms") == 0) {
		if (!parse_uint(v, 600000, &d->latency_ms)) {
			return fail(c, _("latency_ms must be a number of "
					 "milliseconds"));
		}
	} else if (strcmp(key, "down_after") == 0) {
		/* A PDC that goes away mid-procedure (training, tests); the
		 * fault is this process's only: it is not written back. */
		if (!parse_uint(v, 1000000, &d->down_after)) {
			return fail(c, _("down_after must be a number of "
					 "operations"));
		}
	} else if (strcmp(key, "noop_ops") == 0) {
		/* A PDC that answers success and changes nothing; this
		 * process's only, like down_after. */
		if (!parse_ops(c->w, v, &d->noop_ops)) {
			return fail(c, _("noop_ops must list operations that "
					 "change a domain: add_trusting, "
					 "add_trusted, remove_trusting, "
					 "remove_trusted, reset"));
		}
	} else if (strcmp(key, "cannot") == 0) {
		/* What the server cannot do; unlike a fault it stays (the
		 * state file keeps it). */
		if (!parse_words(c->w, v, &d->lacks, sim_cap_bit)) {
			return fail(c, _("cannot must list add_direction, "
					 "remove_direction, rekey_two_way"));
		}
	} else if (strcmp(key, "keeps_primary_groups") == 0) {
		if (!parse_bool(v, &d->keeps_primary)) {
			return fail(c, _("keeps_primary_groups must be yes or "
					 "no"));
		}
	} else if (strcmp(key, "refuses_primary_groups") == 0) {
		if (!parse_bool(v, &d->refuses_primary)) {
			return fail(c, _("refuses_primary_groups must be yes "
					 "or no"));
		}
	} else if (strcmp(key, "reads_kept_password") == 0) {
		if (!parse_bool(v, &d->reads_kept)) {
			return fail(c, _("reads_kept_password must be yes or "
					 "no"));
		}
	} else if (strcmp(key, "stale_after_add") == 0) {
		if (!parse_bool(v, &d->stale_after_add)) {
			return fail(c, _("stale_after_add must be yes or no"));
		}
	} else if (strcmp(key, "generate_users") == 0) {
		if (!parse_uint(v, 10000000, &d->generate_users)) {
			return fail(c, _("generate_users must be a number"));
		}
	} else if (strcmp(key, "generate_trusts") == 0) {
		unsigned n, i;
		char name[16];
		if (!parse_uint(v, 100000, &n)) {
			return fail(c, _("generate_trusts must be a number"));
		}
		/* Partners that exist only as entries: far-away domains. */
		for (i = 1; i <= n; i++) {
			snprintf(name, sizeof(name), "T%05u", i);
			if (!sim_domain_add_entry(c->w, d, i % 2 == 1, name, NULL,
						  NULL)) {
				return fail(c, _("out of memory"));
			}
		}
	} else {
		return fail(c, talloc_asprintf(c->w, _("unknown key %s"), key));
	}
	return 1;
}

static int entry_key(struct parse_ctx *c, struct sim_entry *e,
		     const char *key, const char *v)
{
	if (strcmp(key, "nthash") == 0) {
		if (*v != '\0' && !valid_nthash(v)) {
			return fail(c, _("nthash must be 32 hex digits"));
		}
		snprintf(e->nthash, sizeof(e->nthash), "%s", v);
	} else if (strcmp(key, "sid") == 0) {
		if (!valid_sid(v)) {
			return fail(c, _("not a valid SID"));
		}
		e->sid = talloc_strdup(c->w, v);
	} else {
		return fail(c, talloc_asprintf(c->w, _("unknown key %s"), key));
	}
	return 1;
}

static int user_key(struct parse_ctx *c, struct sim_user *u, const char *key,
		    const char *v)
{
	bool bad = false;

	if (strcmp(key, "full_name") == 0) {
		u->full_name = talloc_strdup(c->w, v);
	} else if (strcmp(key, "description") == 0) {
		u->description = talloc_strdup(c->w, v);
	} else if (strcmp(key, "nthash") == 0) {
		if (!valid_nthash(v)) {
			return fail(c, _("nthash must be 32 hex digits"));
		}
		snprintf(u->nthash, sizeof(u->nthash), "%s", v);
	} else if (sim_user_key(c->w, u, key, v, &bad)) {
		if (bad) {
			return fail(c, talloc_asprintf(
				c->w, _("%s: not a valid value: %s"), key, v));
		}
	} else {
		return fail(c, talloc_asprintf(c->w, _("unknown key %s"), key));
	}
	return 1;
}

static int group_key(struct parse_ctx *c, struct sim_group *g,
		     const char *key, const char *v)
{
	bool bad = false;

	if (strcmp(key, "description") == 0) {
		g->description = talloc_strdup(c->w, v);
		return 1;
	}
	if (sim_group_key(c->w, g, key, v, &bad)) {
		return bad ? fail(c, talloc_asprintf(c->w,
			_("%s: not a valid value: %s"), key, v)) : 1;
	}
	return fail(c, talloc_asprintf(c->w, _("unknown key %s"), key));
}

static int channel_key(struct parse_ctx *c, struct sim_domain *d,
		       const char *key, const char *v)
{
	enum sim_channel *ch = &d->channel[c->idx];

	if (strcmp(key, "state") != 0) {
		return fail(c, talloc_asprintf(c->w, _("unknown key %s"), key));
	}
	if (strcmp(v, "ok") == 0) {
		*ch = SIM_CHANNEL_OK;
	} else if (strcmp(v, "stale") == 0) {
		*ch = SIM_CHANNEL_STALE;
	} else if (strcmp(v, "none") == 0) {
		*ch = SIM_CHANNEL_NONE;
	} else {
		return fail(c, _("state must be ok, stale or none"));
	}
	return 1;
}

/* [pair]: resource and accounts name domains (checked once all are
 * read); user and password are the logon test's. */
static int pair_key(struct parse_ctx *c, const char *key, const char *v)
{
	struct sim_pair *p = &c->w->pair;
	char **slot = strcmp(key, "resource") == 0   ? &p->resource
		      : strcmp(key, "accounts") == 0 ? &p->accounts
		      : strcmp(key, "user") == 0     ? &p->user
		      : strcmp(key, "password") == 0 ? &p->password
						     : NULL;

	if (slot == NULL) {
		return fail(c, talloc_asprintf(c->w, _("unknown key %s"),
					       key));
	}
	talloc_free(*slot);
	*slot = talloc_strdup(c->w, v);
	return *slot != NULL ? 1 : fail(c, _("out of memory"));
}

static int on_key(void *priv, const char *section, const char *key,
		  const char *v);

/* [scenario] include = FILE: shared domains, relative to this file. */
static int include_file(struct parse_ctx *c, const char *name)
{
	char *dir = talloc_strdup(c->w, c->path);
	char *slash = strrchr(dir, '/');
	char *path, *section = c->section;
	const char *outer = c->path;
	int line;

	if (c->depth >= 4 || strchr(name, '/') != NULL || name[0] == '.') {
		return fail(c, _("include names a file beside this one"));
	}
	if (slash != NULL) {
		*slash = '\0';
	}
	path = slash ? talloc_asprintf(c->w, "%s/%s", dir, name)
		     : talloc_strdup(c->w, name);
	c->path = path;
	c->section = NULL;
	c->depth++;
	line = ini_parse(path, on_key, c);
	c->depth--;
	talloc_free(c->section);
	c->section = section;
	c->kind = S_SCENARIO;
	c->path = outer;
	if (line != 0 && c->error == NULL) {
		fail(c, talloc_asprintf(c->w, _("%s: line %d is not valid"),
					path, line));
	} else if (line != 0 || c->error != NULL) {
		char *inner = talloc_asprintf(c->w, "%s:%d: %s", path, line,
					      c->error);
		c->error = inner;
	}
	return c->error == NULL;
}

static int on_key(void *priv, const char *section, const char *key,
		  const char *v)
{
	struct parse_ctx *c = priv;
	struct sim_domain *d;

	if (c->error != NULL) {
		return 1; /* report the first problem only */
	}
	if (c->section == NULL || strcmp(c->section, section) != 0) {
		if (!begin_section(c, section)) {
			return 0;
		}
	}
	d = c->w->n_domains > 0 ? &c->w->domains[c->dom] : NULL;
	switch (c->kind) {
	case S_SCENARIO:
		if (strcmp(key, "name") == 0) {
			c->w->name = talloc_strdup(c->w, v);
		} else if (strcmp(key, "description") == 0) {
			c->w->description = talloc_strdup(c->w, v);
		} else if (strcmp(key, "include") == 0) {
			return include_file(c, v);
		} else {
			return fail(c, talloc_asprintf(c->w,
				_("unknown key %s"), key));
		}
		return 1;
	case S_PAIR:
		return pair_key(c, key, v);
	case S_DOMAIN:
		return domain_key(c, d, key, v);
	case S_USER:
		return user_key(c, &d->users[c->idx], key, v);
	case S_GROUP:
		return group_key(c, &d->groups[c->idx], key, v);
	case S_TRUSTED:
		return entry_key(c, &d->trusted[c->idx], key, v);
	case S_TRUSTING:
		return entry_key(c, &d->trusting[c->idx], key, v);
	case S_CHANNEL:
		return channel_key(c, d, key, v);
	case S_POLICY:
	case S_RIGHTS:
		return policy_key(c, d, key, v);
	case S_NONE:
		break;
	}
	return 0;
}

/* The pair names two different domains of this world, both or none. */
static bool pair_valid(struct parse_ctx *c)
{
	const struct sim_pair *p = &c->w->pair;

	if (p->resource == NULL && p->accounts == NULL &&
	    p->user == NULL && p->password == NULL) {
		return true;
	}
	if (p->resource == NULL || p->accounts == NULL) {
		fail(c, _("[pair] needs resource and accounts"));
		return false;
	}
	if (sim_world_domain(c->w, p->resource) == NULL ||
	    sim_world_domain(c->w, p->accounts) == NULL ||
	    um_name_equal(p->resource, p->accounts)) {
		fail(c, _("[pair] names two domains of this scenario"));
		return false;
	}
	if (p->password != NULL && p->user == NULL) {
		fail(c, _("[pair] has a password but no user"));
		return false;
	}
	return true;
}

static struct um_status check_world(struct parse_ctx *c)
{
	size_t i, j;

	if (c->w->n_domains == 0) {
		fail(c, _("no [domain NAME] section"));
		return um_local(UM_LOCAL_BAD_FILE);
	}
	for (i = 0; i < c->w->n_domains; i++) {
		for (j = i + 1; j < c->w->n_domains; j++) {
			if (um_name_equal(c->w->domains[i].pdc,
					  c->w->domains[j].pdc)) {
				fail(c, _("two domains have the same pdc"));
				return um_local(UM_LOCAL_BAD_FILE);
			}
		}
	}
	if (!pair_valid(c)) {
		return um_local(UM_LOCAL_BAD_FILE);
	}
	return um_ok();
}

struct um_status sim_world_parse(TALLOC_CTX *mem, const char *path,
				 struct um_sim_world **out, char **why)
{
	struct parse_ctx c = { 0 };
	struct stat sb;
	FILE *f;
	int line;

	*out = NULL;
	*why = NULL;
	f = um_file_open_regular(path, SCENARIO_MAX_BYTES, &sb);
	if (f == NULL && errno != EINVAL) {
		*why = talloc_asprintf(mem, "%s: %s", path, strerror(errno));
		return um_local(UM_LOCAL_IO);
	}
	if (f == NULL) {
		*why = talloc_asprintf(mem, _("%s: not a regular file of at "
					      "most 16 MiB"), path);
		return um_local(UM_LOCAL_BAD_FILE);
	}
	c.w = talloc_zero(mem, struct um_sim_world);
	c.path = path;
	line = ini_parse_file(f, on_key, &c);
	fclose(f);
	if (line == 0 && c.error == NULL) {
		check_world(&c);
	}
	if (line != 0 || c.error != NULL) {
		*why = talloc_asprintf(mem, "%s:%d: %s", path, line,
				       c.error ? c.error
					       : _("not an INI line"));
		talloc_free(c.w);
		return um_local(UM_LOCAL_BAD_FILE);
	}
	talloc_free(c.section);
	*out = c.w;
	return um_ok();
}

/* ---- writing ---------------------------------------------------------- */

static void write_entry(FILE *f, const char *kind, const char *dom,
			const struct sim_entry *e)
{
	fprintf(f, "\n[%s %s %s]\nnthash = %s\n", kind, dom, e->partner,
		e->nthash);
	if (e->sid != NULL) {
		fprintf(f, "sid = %s\n", e->sid);
	}
}


/* "cannot = add_direction,rekey_two_way": the names sim_cap_bit() reads */
static void write_cannot(FILE *f, unsigned lacks)
{
	static const char *names[] = { "add_direction", "remove_direction",
				       "rekey_two_way" };
	const char *sep = "";
	size_t i;

	fputs("cannot = ", f);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (lacks & sim_cap_bit(names[i])) {
			fprintf(f, "%s%s", sep, names[i]);
			sep = ",";
		}
	}
	fputs("\n", f);
}

static void write_domain(FILE *f, const struct sim_domain *d)
{
	static const char *channel_names[] = { "none", "ok", "stale" };
	size_t i;

	fprintf(f, "\n[domain %s]\ndialect = %s\nsid = %s\npdc = %s\n"
		   "reachable = %s\nlatency_ms = %u\n",
		d->name, d->dialect == UM_DIALECT_NT4 ? "nt4" : "ad", d->sid,
		d->pdc, d->reachable ? "yes" : "no", d->latency_ms);
	if (d->dns_name != NULL) {
		fprintf(f, "dns_name = %s\n", d->dns_name);
	}
	if (d->generate_users > 0) {
		fprintf(f, "generate_users = %u\n", d->generate_users);
	}
	if (d->stale_after_add) {
		fprintf(f, "stale_after_add = %s\n", "yes");
	}
	if (d->reads_kept) {
		fprintf(f, "reads_kept_password = %s\n", "yes");
	}
	if (d->keeps_primary) {
		fprintf(f, "keeps_primary_groups = %s\n", "yes");
	}
	if (d->refuses_primary) {
		fprintf(f, "refuses_primary_groups = %s\n", "yes");
	}
	if (d->lacks != 0) {
		write_cannot(f, d->lacks);
	}
	for (i = 0; i < d->n_users; i++) {
		const struct sim_user *u = &d->users[i];
		fprintf(f, "\n[user %s %s]\n", d->name, u->name);
		/* A user without a password has no nthash line: the reader
		 * refuses an empty one. */
		if (u->nthash[0] != '\0') {
			fprintf(f, "nthash = %s\n", u->nthash);
		}
		if (u->full_name != NULL) {
			fprintf(f, "full_name = %s\n", u->full_name);
		}
		if (u->description != NULL) {
			fprintf(f, "description = %s\n", u->description);
		}
		sim_user_write(f, u);
	}
	for (i = 0; i < d->n_groups; i++) {
		fprintf(f, "\n[group %s %s]\ndescription = %s\n", d->name,
			d->groups[i].name,
			d->groups[i].description ? d->groups[i].description
						 : "");
		sim_group_write(f, &d->groups[i]);
	}
	for (i = 0; i < d->n_trusted; i++) {
		write_entry(f, "trusted", d->name, &d->trusted[i]);
		fprintf(f, "\n[channel %s %s]\nstate = %s\n", d->name,
			d->trusted[i].partner, channel_names[d->channel[i]]);
	}
	for (i = 0; i < d->n_trusting; i++) {
		write_entry(f, "trusting", d->name, &d->trusting[i]);
	}
	sim_policy_write(f, d);
	sim_rights_write(f, d);
}

static void write_pair(FILE *f, const struct sim_pair *p)
{
	if (p->resource == NULL) {
		return;
	}
	fprintf(f, "\n[pair]\nresource = %s\naccounts = %s\n", p->resource,
		p->accounts);
	/* the user, but never its password: state files hold no password */
	if (p->user != NULL) {
		fprintf(f, "user = %s\n", p->user);
	}
}

static struct um_status sync_dir_of(const char *path)
{
	char *dir = talloc_strdup(NULL, path);
	char *slash = dir ? strrchr(dir, '/') : NULL;
	int fd;

	if (dir == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	if (slash == NULL) {
		strcpy(dir, ".");
	} else if (slash == dir) {
		dir[1] = '\0';
	} else {
		*slash = '\0';
	}
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	talloc_free(dir);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	return um_ok();
}

struct um_status sim_world_save(struct um_sim_world *w)
{
	char *tmp;
	FILE *f;
	int fd;
	size_t i;
	bool ok;

	if (w->state_file == NULL) {
		return um_ok();
	}
	/* write, fsync, rename: a crash leaves the old or the new state. */
	tmp = talloc_asprintf(w, "%s.tmp.%ld", w->state_file, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0 || (f = fdopen(fd, "w")) == NULL) {
		if (fd >= 0) {
			close(fd);
		}
		talloc_free(tmp);
		return um_local(UM_LOCAL_IO);
	}
	fprintf(f, "# usrmgr state: simulated domains.  Trust passwords are "
		   "kept as NT hashes.\n[scenario]\nname = %s\n",
		w->name ? w->name : "custom");
	if (w->description != NULL) {
		fprintf(f, "description = %s\n", w->description);
	}
	write_pair(f, &w->pair);
	for (i = 0; i < w->n_domains; i++) {
		write_domain(f, &w->domains[i]);
	}
	ok = fflush(f) == 0 && fsync(fileno(f)) == 0;
	ok = (fclose(f) == 0) && ok;
	if (!ok || rename(tmp, w->state_file) != 0) {
		unlink(tmp);
		talloc_free(tmp);
		return um_local(UM_LOCAL_IO);
	}
	talloc_free(tmp);
	return sync_dir_of(w->state_file);
}
