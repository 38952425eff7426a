/*
 * usrmgr - the simulated PDCs' user rights: the [rights DOMAIN] section of
 * a scenario or state file, and LSA's LookupNames, LookupSids,
 * EnumAccountsWithUserRight, AddAccountRights and RemoveAccountRights
 * answered from it, as a Samba DC answers them.
 *
 *   [rights DOMAIN]
 *   access = full | read | none   (read: changes ACCESS_DENIED, as
 *                                  a non-administrator on Samba AD and
 *                                  classic PDCs, measured; none: the
 *                                  list too)
 *   unkept = SeTcbPrivilege, ...  (NO_SUCH_PRIVILEGE; "none": all kept)
 *   SeNetworkLogonRight = Everyone, Administrators, OTHER\alice
 *
 * Without the section a domain has what a fresh Samba DC of its dialect
 * has (the lab's measurements: BUILTIN's groups on AD, Administrators
 * alone on a classic PDC).  The simulation's SIDs are made up: the
 * domain's SID and a number from the name, stable across runs.
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
#include "names.h"
#include "i18n.h"

/* BUILTIN's local groups and the well-known names LSA maps anywhere. */
static const struct {
	const char *domain;
	const char *name;
	const char *sid;
	enum um_name_kind kind;
} well_known[] = {
	{ "", "Everyone", "S-1-1-0", UM_NAME_WELL_KNOWN },
	{ "NT AUTHORITY", "NETWORK", "S-1-5-2", UM_NAME_WELL_KNOWN },
	{ "NT AUTHORITY", "INTERACTIVE", "S-1-5-4", UM_NAME_WELL_KNOWN },
	{ "NT AUTHORITY", "Authenticated Users", "S-1-5-11",
	  UM_NAME_WELL_KNOWN },
	{ "NT AUTHORITY", "SYSTEM", "S-1-5-18", UM_NAME_WELL_KNOWN },
	{ "BUILTIN", "Administrators", "S-1-5-32-544", UM_NAME_ALIAS },
	{ "BUILTIN", "Users", "S-1-5-32-545", UM_NAME_ALIAS },
	{ "BUILTIN", "Guests", "S-1-5-32-546", UM_NAME_ALIAS },
	{ "BUILTIN", "Power Users", "S-1-5-32-547", UM_NAME_ALIAS },
	{ "BUILTIN", "Account Operators", "S-1-5-32-548", UM_NAME_ALIAS },
	{ "BUILTIN", "Server Operators", "S-1-5-32-549", UM_NAME_ALIAS },
	{ "BUILTIN", "Print Operators", "S-1-5-32-550", UM_NAME_ALIAS },
	{ "BUILTIN", "Backup Operators", "S-1-5-32-551", UM_NAME_ALIAS },
	{ "BUILTIN", "Replicator", "S-1-5-32-552", UM_NAME_ALIAS },
	{ "BUILTIN", "Pre-Windows 2000 Compatible Access", "S-1-5-32-554",
	  UM_NAME_ALIAS },
};
#define N_WELL_KNOWN (sizeof(well_known) / sizeof(well_known[0]))

/* Every domain's own groups, with their fixed RIDs. */
static const struct {
	const char *name;
	unsigned rid;
} domain_groups[] = {
	{ "Domain Admins", 512 },
	{ "Domain Users", 513 },
	{ "Domain Guests", 514 },
};
#define N_DOMAIN_GROUPS (sizeof(domain_groups) / sizeof(domain_groups[0]))

/* ---- the defaults ------------------------------------------------------ */

/* What Samba answers NO_SUCH_PRIVILEGE for (measured on the lab): an AD
 * DC's privilege.ldb keeps none of these; a classic PDC not the two
 * logon rights either. */
static const char *const unkept_ad[] = {
	"SeTcbPrivilege", "SeCreateTokenPrivilege",
	"SeCreatePermanentPrivilege", "SeAuditPrivilege",
	"SeLockMemoryPrivilege", "SeBatchLogonRight", "SeServiceLogonRight",
	"SeAssignPrimaryTokenPrivilege",
};

/* A fresh Samba AD DC's holders of NT's rights (4.17, measured on the
 * lab with net rpc rights list accounts, 2026-12-06); the kept rights
 * not named here only Administrators hold. */
static const struct {
	const char *right;
	const char *holders;
} default_holders[] = {
	{ "SeMachineAccountPrivilege", "" },
	{ "SeInteractiveLogonRight", "Administrators,Account Operators,"
				     "Backup Operators,Print Operators,"
				     "Server Operators" },
	{ "SeBackupPrivilege", "Administrators,Backup Operators,"
			       "Server Operators" },
	{ "SeRestorePrivilege", "Administrators,Backup Operators,"
				"Server Operators" },
	{ "SeShutdownPrivilege", "Administrators,Backup Operators,"
				 "Print Operators,Server Operators" },
	{ "SeSystemtimePrivilege", "Administrators,Server Operators" },
	{ "SeRemoteShutdownPrivilege", "Administrators,Server Operators" },
	{ "SeLoadDriverPrivilege", "Administrators,Print Operators" },
	{ "SeChangeNotifyPrivilege", "Administrators,"
				     "Pre-Windows 2000 Compatible Access" },
};

static int right_index(const char *key)
{
	size_t i;

	for (i = 0; key != NULL && i < UM_RIGHTS_N; i++) {
		if (strcasecmp(um_right_key(i), key) == 0) {
			return (int)i;
		}
	}
	return -1;
}

static uint32_t unkept_default(enum um_dialect dialect)
{
	uint32_t bits = 0;
	size_t i;

	for (i = 0; i < sizeof(unkept_ad) / sizeof(unkept_ad[0]); i++) {
		bits |= 1u << right_index(unkept_ad[i]);
	}
	if (dialect == UM_DIALECT_NT4) {
		bits |= 1u << right_index("SeNetworkLogonRight");
		bits |= 1u << right_index("SeInteractiveLogonRight");
	}
	return bits;
}

/* "a, b ,c" into right I's holders (replacing them, or after them with
 * APPEND). */
static bool add_holders(TALLOC_CTX *mem, struct sim_domain *d, size_t i,
			const char *list, bool append)
{
	char *copy = talloc_strdup(mem, list), *tok, *save = NULL;

	if (copy == NULL) {
		return false;
	}
	if (!append) {
		talloc_free(d->rights[i]);
		d->rights[i] = talloc_zero_array(mem, char *, 1);
		d->n_rights[i] = 0;
	}
	for (tok = strtok_r(copy, ",", &save); tok != NULL;
	     tok = strtok_r(NULL, ",", &save)) {
		char *end = tok + strlen(tok);
		char **grown;

		while (*tok == ' ' || *tok == '\t') {
			tok++;
		}
		while (end > tok && (end[-1] == ' ' || end[-1] == '\t')) {
			*--end = '\0';
		}
		if (*tok == '\0') {
			continue;
		}
		grown = talloc_realloc(mem, d->rights[i], char *,
				       d->n_rights[i] + 1);
		if (grown == NULL) {
			return false;
		}
		d->rights[i] = grown;
		grown[d->n_rights[i]++] = talloc_strdup(grown, tok);
	}
	talloc_free(copy);
	return true;
}

static bool set_holders(TALLOC_CTX *mem, struct sim_domain *d, size_t i,
			const char *list)
{
	return add_holders(mem, d, i, list, false);
}

void sim_rights_begin(TALLOC_CTX *mem, struct sim_domain *d)
{
	size_t i;

	for (i = 0; i < UM_RIGHTS_N; i++) {
		set_holders(mem, d, i, "");
	}
	d->rights_unkept = unkept_default(d->dialect);
	d->rights_access = SIM_RIGHTS_FULL;
	d->rights_defined = true;
}

/* A domain without [rights]: a fresh Samba DC's, once its dialect is
 * known (the section may come before or after nothing: ops call this). */
static void ensure_rights(TALLOC_CTX *mem, struct sim_domain *d)
{
	size_t i;

	if (d->rights_defined) {
		return;
	}
	sim_rights_begin(mem, d);
	/* every kept right: BUILTIN\Administrators (a classic PDC grants
	 * them all when it creates the alias; its other groups nothing) */
	for (i = 0; i < UM_RIGHTS_N; i++) {
		if ((d->rights_unkept & (1u << i)) == 0) {
			set_holders(mem, d, i, "Administrators");
		}
	}
	if (d->dialect == UM_DIALECT_NT4) {
		return;
	}
	for (i = 0; i < sizeof(default_holders) / sizeof(default_holders[0]);
	     i++) {
		int r = right_index(default_holders[i].right);

		if ((d->rights_unkept & (1u << r)) == 0) {
			set_holders(mem, d, (size_t)r,
				    default_holders[i].holders);
		}
	}
}

/* ---- the scenario section ---------------------------------------------- */

static const char *const access_words[] = { "full", "read", "none" };

static const char *unkept_key(struct sim_domain *d, const char *v,
			      bool append)
{
	char *copy = talloc_strdup(NULL, v), *tok, *save = NULL;
	const char *wrong = NULL;

	if (!append) {
		d->rights_unkept = 0;
	}
	if (copy == NULL || strcasecmp(v, "none") == 0) {
		talloc_free(copy);
		return NULL;
	}
	for (tok = strtok_r(copy, ", ", &save); tok != NULL;
	     tok = strtok_r(NULL, ", ", &save)) {
		int r = right_index(tok);

		if (r < 0) {
			wrong = _("must name NT's rights (SeTcbPrivilege...) "
				  "or be none");
			break;
		}
		d->rights_unkept |= 1u << r;
	}
	talloc_free(copy);
	return wrong;
}

/* "KEY +": KEY's list goes on (a state file's long lists, one name a
 * line: the INI reader takes lines of at most 200 characters). */
static bool append_key(char *key)
{
	size_t len = strlen(key);

	if (len == 0 || key[len - 1] != '+') {
		return false;
	}
	key[--len] = '\0';
	while (len > 0 && key[len - 1] == ' ') {
		key[--len] = '\0';
	}
	return true;
}

const char *sim_rights_key(TALLOC_CTX *mem, struct sim_domain *d,
			   const char *key_as_read, const char *v)
{
	char key[64];
	bool append;
	int r;
	size_t i;

	snprintf(key, sizeof(key), "%s", key_as_read);
	append = append_key(key);
	r = right_index(key);

	if (strcmp(key, "access") == 0) {
		for (i = 0; i < 3; i++) {
			if (strcmp(v, access_words[i]) == 0) {
				d->rights_access = (enum sim_rights_access)i;
				return NULL;
			}
		}
		return _("must be full, read or none");
	}
	if (strcmp(key, "unkept") == 0) {
		return unkept_key(d, v, append);
	}
	if (r < 0) {
		return "";
	}
	return add_holders(mem, d, (size_t)r, v, append) ? NULL
							  : _("out of memory");
}

void sim_rights_write(FILE *f, const struct sim_domain *d)
{
	size_t i, j;

	if (!d->rights_defined) {
		return;
	}
	/* one entry a line: lists may be longer than the reader's line */
	fprintf(f, "\n[rights %s]\naccess = %s\nunkept = none\n", d->name,
		access_words[d->rights_access]);
	for (i = 0; i < UM_RIGHTS_N; i++) {
		if (d->rights_unkept & (1u << i)) {
			fprintf(f, "unkept + = %s\n", um_right_key(i));
		}
	}
	for (i = 0; i < UM_RIGHTS_N; i++) {
		for (j = 0; j < d->n_rights[i]; j++) {
			fprintf(f, "%s%s = %s\n", um_right_key(i),
				j > 0 ? " +" : "", d->rights[i][j]);
		}
	}
}

/* ---- names and SIDs ---------------------------------------------------- */

/* A made-up RID for an account of the simulation: from its name (FNV-1a,
 * any case), above the well-known RIDs. */
static unsigned name_rid(const char *name)
{
	uint32_t h = 2166136261u;

	for (; *name != '\0'; name++) {
		h = (h ^ (uint8_t)((*name >= 'A' && *name <= 'Z')
					   ? *name + 32 : *name)) * 16777619u;
	}
	return 1100u + (h % 1000000000u);
}

static bool set_name(TALLOC_CTX *mem, struct um_name *out, const char *dom,
		     const char *name, const char *sid,
		     enum um_name_kind kind)
{
	out->name = *dom == '\0' ? talloc_strdup(mem, name)
				 : talloc_asprintf(mem, "%s\\%s", dom, name);
	out->sid = talloc_strdup(mem, sid);
	out->kind = kind;
	return out->name != NULL && out->sid != NULL;
}

static bool account_of(TALLOC_CTX *mem, struct sim_domain *x,
		       const char *name, struct um_name *out)
{
	const char *user = sim_user_name(x, name);
	char sid[160];
	size_t i;

	for (i = 0; i < N_DOMAIN_GROUPS; i++) {
		if (strcasecmp(domain_groups[i].name, name) == 0) {
			snprintf(sid, sizeof(sid), "%s-%u", x->sid,
				 domain_groups[i].rid);
			return set_name(mem, out, x->name,
					domain_groups[i].name, sid,
					UM_NAME_GROUP);
		}
	}
	for (i = 0; i < x->n_groups; i++) {
		const struct sim_group *g = &x->groups[i];

		if (strcasecmp(g->name, name) == 0) {
			snprintf(sid, sizeof(sid), "%s-%u", x->sid,
				 name_rid(g->name));
			return set_name(mem, out, x->name, g->name, sid,
					g->local ? UM_NAME_ALIAS
						 : UM_NAME_GROUP);
		}
	}
	if (user == NULL) {
		return false;
	}
	snprintf(sid, sizeof(sid), "%s-%u", x->sid, name_rid(user));
	return set_name(mem, out, x->name, user, sid, UM_NAME_USER);
}

static bool well_known_of(TALLOC_CTX *mem, const char *dom,
			  const char *name, struct um_name *out)
{
	size_t i;

	for (i = 0; i < N_WELL_KNOWN; i++) {
		if (strcasecmp(well_known[i].name, name) == 0 &&
		    (dom == NULL ||
		     strcasecmp(well_known[i].domain, dom) == 0)) {
			return set_name(mem, out, well_known[i].domain,
					well_known[i].name, well_known[i].sid,
					well_known[i].kind);
		}
	}
	return false;
}

/* TYPED as D's LSA maps it: well-known and BUILTIN names, D's accounts,
 * and the accounts of a domain D trusts (DOMAIN\name). */
static bool lookup_one(struct um_sim_world *w, struct sim_domain *d,
		       TALLOC_CTX *mem, const char *typed, struct um_name *out)
{
	char *dom, *name;
	struct sim_domain *x;
	bool found;

	um_name_split_user(mem, typed, &dom, &name);
	if (dom == NULL) {
		found = well_known_of(mem, NULL, name, out) ||
			account_of(mem, d, name, out);
	} else if (um_name_equal(dom, d->name)) {
		found = account_of(mem, d, name, out);
	} else if (strcasecmp(dom, "BUILTIN") == 0 ||
		   strcasecmp(dom, "NT AUTHORITY") == 0) {
		found = well_known_of(mem, dom, name, out);
	} else {
		x = sim_world_domain(w, dom);
		found = x != NULL &&
			sim_find_entry(d->trusted, d->n_trusted, x->name,
				       NULL) != NULL &&
			account_of(mem, x, name, out);
	}
	talloc_free(dom);
	talloc_free(name);
	if (!found) {
		out->name = talloc_strdup(mem, typed);
		out->sid = NULL;
		out->kind = UM_NAME_UNKNOWN;
	}
	return found;
}

/* What LSA answers for a list: all, some or none mapped. */
static struct um_status mapped(size_t found, size_t n)
{
	return found == n ? um_ok()
	       : found == 0 ? um_nt(UM_NT_NONE_MAPPED)
			    : um_nt(UM_NT_SOME_NOT_MAPPED);
}

SIM_GROUP_OP(lookup_names)
{
	size_t i, found = 0;

	out->names = talloc_zero_array(mem, struct um_name, a->n_names + 1);
	if (out->names == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	out->n_names = a->n_names;
	for (i = 0; i < a->n_names; i++) {
		found += lookup_one(w, d, out->names, a->names[i],
				    &out->names[i]);
	}
	return mapped(found, a->n_names);
}

/* SID of a stored account of domain X (its users and groups, never the
 * generated users), or of a well-known name. */
static bool sid_of_domain(TALLOC_CTX *mem, struct sim_domain *x,
			  const char *sid, struct um_name *out)
{
	struct um_name n;
	size_t i;

	for (i = 0; i < N_DOMAIN_GROUPS + x->n_groups + x->n_users; i++) {
		const char *name = i < N_DOMAIN_GROUPS ? domain_groups[i].name
			: i < N_DOMAIN_GROUPS + x->n_groups
				? x->groups[i - N_DOMAIN_GROUPS].name
				: x->users[i - N_DOMAIN_GROUPS -
					   x->n_groups].name;

		if (account_of(mem, x, name, &n) && strcmp(n.sid, sid) == 0) {
			*out = n;
			return true;
		}
	}
	return false;
}

static bool lookup_sid(struct um_sim_world *w, TALLOC_CTX *mem,
		       const char *sid, struct um_name *out)
{
	size_t i;

	for (i = 0; i < N_WELL_KNOWN; i++) {
		if (strcmp(well_known[i].sid, sid) == 0) {
			return set_name(mem, out, well_known[i].domain,
					well_known[i].name, sid,
					well_known[i].kind);
		}
	}
	for (i = 0; i < w->n_domains; i++) {
		size_t len = strlen(w->domains[i].sid);

		if (strncmp(w->domains[i].sid, sid, len) == 0 &&
		    sid[len] == '-' &&
		    sid_of_domain(mem, &w->domains[i], sid, out)) {
			return true;
		}
	}
	out->name = talloc_strdup(mem, sid);
	out->sid = talloc_strdup(mem, sid);
	out->kind = UM_NAME_UNKNOWN;
	return false;
}

SIM_GROUP_OP(lookup_sids)
{
	size_t i, found = 0;

	(void)d;
	out->names = talloc_zero_array(mem, struct um_name, a->n_names + 1);
	if (out->names == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	out->n_names = a->n_names;
	for (i = 0; i < a->n_names; i++) {
		found += lookup_sid(w, out->names, a->sids[i], &out->names[i]);
	}
	return mapped(found, a->n_names);
}

/* ---- the rights -------------------------------------------------------- */

/* The right A names, as the PDC keeps it, or why not. */
static struct um_status kept_right(struct um_sim_world *w,
				   struct sim_domain *d,
				   const struct um_args *a, int *r)
{
	ensure_rights(w, d);
	*r = right_index(a->right);
	if (*r < 0 || (d->rights_unkept & (1u << *r)) != 0) {
		return um_nt(UM_NT_NO_SUCH_PRIVILEGE);
	}
	return um_ok();
}

SIM_GROUP_OP(list_rights)
{
	struct um_status st;
	size_t i, n;
	int r;

	if (d->rights_access == SIM_RIGHTS_NONE) {
		return um_nt(UM_NT_ACCESS_DENIED);
	}
	st = kept_right(w, d, a, &r);
	if (!um_is_ok(st)) {
		return st;
	}
	n = d->n_rights[r];
	out->names = talloc_zero_array(mem, struct um_name, n + 1);
	if (out->names == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	out->n_names = n;
	for (i = 0; i < n; i++) {
		lookup_one(w, d, out->names, d->rights[r][i],
			   &out->names[i]);
	}
	return um_ok();
}

/* Does D's stored holder H name account A?  By SID, else by name. */
static bool holds(struct um_sim_world *w, struct sim_domain *d,
		  const char *h, const struct um_name *acct)
{
	struct um_name n;
	bool same;
	TALLOC_CTX *tmp = talloc_new(NULL);

	lookup_one(w, d, tmp, h, &n);
	same = (n.sid != NULL && acct->sid != NULL &&
		strcmp(n.sid, acct->sid) == 0) ||
	       strcasecmp(h, acct->name) == 0 ||
	       (n.name != NULL && strcasecmp(n.name, acct->name) == 0);
	talloc_free(tmp);
	return same;
}

static struct um_status may_change(struct um_sim_world *w,
				   struct sim_domain *d,
				   const struct um_args *a, int *r)
{
	if (d->rights_access != SIM_RIGHTS_FULL) {
		return um_nt(UM_NT_ACCESS_DENIED);
	}
	if (a->accounts == NULL && a->n_accounts > 0) {
		return um_nt(UM_NT_INVALID_PARAMETER);
	}
	return kept_right(w, d, a, r);
}

static struct um_status saved(struct um_sim_world *w, struct um_status st)
{
	return um_is_ok(st) ? sim_world_save(w) : st;
}

SIM_GROUP_OP(grant_right)
{
	struct um_status st;
	size_t i, j;
	int r;

	(void)mem;
	(void)out;
	st = may_change(w, d, a, &r);
	if (!um_is_ok(st)) {
		return st;
	}
	for (i = 0; i < a->n_accounts; i++) {
		const struct um_name *acct = &a->accounts[i];
		char **grown;

		for (j = 0; j < d->n_rights[r]; j++) {
			if (holds(w, d, d->rights[r][j], acct)) {
				break;
			}
		}
		if (j < d->n_rights[r]) {
			continue; /* held already: LSA changes nothing */
		}
		grown = talloc_realloc(w, d->rights[r], char *,
				       d->n_rights[r] + 1);
		if (grown == NULL) {
			return um_local(UM_LOCAL_NO_MEMORY);
		}
		d->rights[r] = grown;
		grown[d->n_rights[r]++] = um_name_shown(grown, acct->name,
							d->name);
	}
	return saved(w, um_ok());
}

SIM_GROUP_OP(revoke_right)
{
	struct um_status st;
	size_t i, j;
	int r;

	(void)mem;
	(void)out;
	st = may_change(w, d, a, &r);
	if (!um_is_ok(st)) {
		return st;
	}
	for (i = 0; i < a->n_accounts; i++) {
		for (j = 0; j < d->n_rights[r]; j++) {
			if (!holds(w, d, d->rights[r][j], &a->accounts[i])) {
				continue;
			}
			talloc_free(d->rights[r][j]);
			memmove(&d->rights[r][j], &d->rights[r][j + 1],
				(d->n_rights[r] - j - 1) * sizeof(char *));
			d->n_rights[r]--;
			j--;
		}
	}
	return saved(w, um_ok());
}
