/*
 * usrmgr - Policies -> User Rights: NT 4.0's list of rights, who holds
 * each on a PDC, and granting or revoking them with the names looked up
 * first (nothing is sent while one name is unknown).
 *
 * A right the server does not keep is an answer, not a failure: Samba AD
 * keeps rights in privilege.ldb and answers NT_STATUS_NO_SUCH_PRIVILEGE
 * for those it has no place for (a classic PDC for more): the list shows
 * them with the words why, and a change to them sends nothing.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "rights.h"
#include "pdc_run.h"
#include "i18n.h"

/* In the order of the English names, as NT's sorted list shows them. */
static const struct {
	const char *key;
	const char *name;
	bool advanced;
} rights[UM_RIGHTS_N] = {
	{ "SeNetworkLogonRight", N_("Access this computer from network"),
	  false },
	{ "SeTcbPrivilege", N_("Act as part of the operating system"), true },
	{ "SeMachineAccountPrivilege", N_("Add workstations to domain"),
	  false },
	{ "SeBackupPrivilege", N_("Back up files and directories"), false },
	{ "SeChangeNotifyPrivilege", N_("Bypass traverse checking"), true },
	{ "SeSystemtimePrivilege", N_("Change the system time"), false },
	{ "SeCreatePagefilePrivilege", N_("Create a pagefile"), true },
	{ "SeCreateTokenPrivilege", N_("Create a token object"), true },
	{ "SeCreatePermanentPrivilege", N_("Create permanent shared objects"),
	  true },
	{ "SeDebugPrivilege", N_("Debug programs"), true },
	{ "SeRemoteShutdownPrivilege",
	  N_("Force shutdown from a remote system"), false },
	{ "SeAuditPrivilege", N_("Generate security audits"), true },
	{ "SeIncreaseQuotaPrivilege", N_("Increase quotas"), true },
	{ "SeIncreaseBasePriorityPrivilege",
	  N_("Increase scheduling priority"), true },
	{ "SeLoadDriverPrivilege", N_("Load and unload device drivers"),
	  false },
	{ "SeLockMemoryPrivilege", N_("Lock pages in memory"), true },
	{ "SeBatchLogonRight", N_("Log on as a batch job"), true },
	{ "SeServiceLogonRight", N_("Log on as a service"), true },
	{ "SeInteractiveLogonRight", N_("Log on locally"), false },
	{ "SeSecurityPrivilege", N_("Manage auditing and security log"),
	  false },
	{ "SeSystemEnvironmentPrivilege",
	  N_("Modify firmware environment values"), true },
	{ "SeProfileSingleProcessPrivilege", N_("Profile single process"),
	  true },
	{ "SeSystemProfilePrivilege", N_("Profile system performance"),
	  true },
	{ "SeAssignPrimaryTokenPrivilege",
	  N_("Replace a process level token"), true },
	{ "SeRestorePrivilege", N_("Restore files and directories"), false },
	{ "SeShutdownPrivilege", N_("Shut down the system"), false },
	{ "SeTakeOwnershipPrivilege",
	  N_("Take ownership of files or other objects"), false },
};

const char *um_right_key(size_t i)
{
	return i < UM_RIGHTS_N ? rights[i].key : NULL;
}

const char *um_right_name(size_t i)
{
	return i < UM_RIGHTS_N ? _(rights[i].name) : NULL;
}

bool um_right_advanced(size_t i)
{
	return i < UM_RIGHTS_N && rights[i].advanced;
}

bool um_right_find(const char *text, size_t *index)
{
	size_t i;

	for (i = 0; text != NULL && i < UM_RIGHTS_N; i++) {
		if (strcasecmp(text, rights[i].key) == 0 ||
		    strcasecmp(text, rights[i].name) == 0 ||
		    strcasecmp(text, _(rights[i].name)) == 0) {
			*index = i;
			return true;
		}
	}
	return false;
}

char *um_name_shown(TALLOC_CTX *mem, const char *qualified,
		    const char *own_domain)
{
	const char *sep = strchr(qualified, '\\');
	size_t len;

	if (sep == NULL) {
		return talloc_strdup(mem, qualified);
	}
	len = (size_t)(sep - qualified);
	if (len == 0 ||
	    (own_domain != NULL && strlen(own_domain) == len &&
	     strncasecmp(qualified, own_domain, len) == 0) ||
	    (len == 7 && strncasecmp(qualified, "BUILTIN", 7) == 0) ||
	    (len == 12 && strncasecmp(qualified, "NT AUTHORITY", 12) == 0)) {
		return talloc_strdup(mem, sep + 1);
	}
	return talloc_strdup(mem, qualified);
}

/* ---- running the backend's operations --------------------------------- */

static um_op_send_fn pick_lookup_names(const struct um_backend_ops *o)
{
	return o->lookup_names;
}

static um_op_send_fn pick_lookup_sids(const struct um_backend_ops *o)
{
	return o->lookup_sids;
}

static um_op_send_fn pick_list(const struct um_backend_ops *o)
{
	return o->list_rights;
}

static um_op_send_fn pick_grant(const struct um_backend_ops *o)
{
	return o->grant_right;
}

static um_op_send_fn pick_revoke(const struct um_backend_ops *o)
{
	return o->revoke_right;
}

static const char *own_domain(struct um_pdc *p)
{
	const struct um_domain_info *info = NULL;

	return um_is_ok(um_pdc_info(p, &info)) && info != NULL ? info->name
							       : NULL;
}

/* The backend's names (on MEM) as the Grant To list shows them. */
static void show_names(struct um_pdc *p, struct um_name *names, size_t n)
{
	const char *own = own_domain(p);
	size_t i;

	for (i = 0; i < n; i++) {
		/* a holder no lookup maps comes as its SID: that is its SID */
		if (names[i].sid == NULL && names[i].name != NULL &&
		    strncmp(names[i].name, "S-1-", 4) == 0) {
			names[i].sid = talloc_strdup(names, names[i].name);
		}
		if (names[i].name == NULL) {
			names[i].name = talloc_strdup(names, names[i].sid
							      ? names[i].sid
							      : "");
		} else if (names[i].kind != UM_NAME_UNKNOWN) {
			names[i].name = um_name_shown(names, names[i].name,
						      own);
		}
	}
}

/* LookupNames or LookupSids (PICK) of ARGS' N entries: *OUT as the
 * Grant To list shows them, filled even when some are not mapped. */
static struct um_status lookup(struct um_pdc *p, TALLOC_CTX *mem,
			       um_op_pick_fn pick, const struct um_args *args,
			       size_t n, struct um_name **out)
{
	struct um_reply reply;
	struct um_status st;

	*out = NULL;
	st = um_pdc_run(p, pick, args, mem, &reply,
			_("Looking up account names..."));
	if (reply.names == NULL || reply.n_names != n) {
		return um_is_ok(st) ? um_nt(UM_NT_UNSUCCESSFUL) : st;
	}
	show_names(p, reply.names, n);
	*out = reply.names;
	return st;
}

struct um_status um_name_lookup(struct um_pdc *p, TALLOC_CTX *mem,
				const char *const *names, size_t n,
				struct um_name **out)
{
	struct um_args args = { .names = names, .n_names = n };

	return lookup(p, mem, pick_lookup_names, &args, n, out);
}

struct um_status um_sid_lookup(struct um_pdc *p, TALLOC_CTX *mem,
			       const char *const *sids, size_t n,
			       struct um_name **out)
{
	struct um_args args = { .sids = sids, .n_names = n };

	return lookup(p, mem, pick_lookup_sids, &args, n, out);
}

static int by_name(const void *a, const void *b)
{
	return strcasecmp(((const struct um_name *)a)->name,
			  ((const struct um_name *)b)->name);
}

/* Right I of P into G (its names on MEM). */
static struct um_status grantees_of(struct um_pdc *p, size_t i,
				    TALLOC_CTX *mem,
				    struct um_right_grants *g)
{
	struct um_args args = { .right = rights[i].key };
	struct um_reply reply;
	struct um_status st;

	memset(g, 0, sizeof(*g));
	g->right = i;
	g->kept = true;
	st = um_pdc_run(p, pick_list, &args, mem, &reply,
			_("Reading the user rights..."));
	if (um_status_is(st, UM_KIND_NT, UM_NT_NO_SUCH_PRIVILEGE)) {
		g->kept = false;
		g->why_not = st;
		return um_ok();
	}
	/* no holder at all: some servers say so with NO_MORE_ENTRIES */
	if (um_status_is(st, UM_KIND_NT, UM_NT_NO_MORE_ENTRIES)) {
		return um_ok();
	}
	if (!um_is_ok(st)) {
		return st;
	}
	show_names(p, reply.names, reply.n_names);
	g->grantees = reply.names;
	g->n_grantees = reply.n_names;
	if (g->n_grantees > 1) {
		qsort(g->grantees, g->n_grantees, sizeof(*g->grantees),
		      by_name);
	}
	return um_ok();
}

struct um_status um_rights_list(struct um_pdc *p, TALLOC_CTX *mem,
				struct um_right_grants **out)
{
	struct um_right_grants *all;
	struct um_status st = um_ok();
	size_t i;

	*out = NULL;
	all = talloc_zero_array(mem, struct um_right_grants, UM_RIGHTS_N);
	if (all == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	for (i = 0; i < UM_RIGHTS_N && um_is_ok(st); i++) {
		st = grantees_of(p, i, all, &all[i]);
	}
	if (!um_is_ok(st)) {
		talloc_free(all);
		return st;
	}
	*out = all;
	return st;
}

struct um_status um_right_grantees(struct um_pdc *p, size_t right,
				   TALLOC_CTX *mem,
				   struct um_right_grants **out)
{
	struct um_right_grants *g;
	struct um_status st;

	*out = NULL;
	if (right >= UM_RIGHTS_N) {
		return um_local(UM_LOCAL_UNKNOWN_RIGHT);
	}
	g = talloc_zero(mem, struct um_right_grants);
	if (g == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	st = grantees_of(p, right, g, g);
	if (!um_is_ok(st)) {
		talloc_free(g);
		return st;
	}
	*out = g;
	return st;
}

char *um_right_why_not(TALLOC_CTX *mem, const struct um_right_grants *g)
{
	if (g->kept) {
		return NULL;
	}
	return talloc_asprintf(mem,
			       _("This server does not keep the right "
				 "\"%s\"."),
			       um_right_name(g->right));
}

/* ---- grant and revoke -------------------------------------------------- */

static bool held(const struct um_right_grants *g, const struct um_name *a)
{
	size_t i;

	for (i = 0; i < g->n_grantees; i++) {
		if (g->grantees[i].sid != NULL && a->sid != NULL &&
		    strcmp(g->grantees[i].sid, a->sid) == 0) {
			return true;
		}
	}
	return false;
}

/* The accounts of ACCT a change has to send: a grant those without the
 * right, a revoke those with it, each once. */
static size_t to_change(const struct um_right_grants *g, bool grant,
			struct um_name *acct, size_t n)
{
	size_t i, j, kept = 0;

	for (i = 0; i < n; i++) {
		bool dup = false;

		for (j = 0; j < kept; j++) {
			dup = dup || strcmp(acct[j].sid, acct[i].sid) == 0;
		}
		if (!dup && held(g, &acct[i]) != grant) {
			acct[kept++] = acct[i];
		}
	}
	return kept;
}

static char *unknown_name(TALLOC_CTX *mem, struct um_pdc *p,
			  const struct um_name *acct, size_t n)
{
	const char *own = own_domain(p);
	size_t i;

	for (i = 0; i < n && acct[i].sid != NULL; i++) {
	}
	return talloc_asprintf(mem,
			       _("No account named \"%s\" was found in %s "
				 "or its trusted domains."),
			       i < n ? acct[i].name : "", own ? own : "");
}

/* Is every name there?  Looked up and checked, nothing sent yet. */
/* The Grant To list's own entries, by the name it shows them under;
 * NULL for a name it does not hold. */
static const struct um_name *grantee_named(const struct um_right_grants *g,
					   const char *name)
{
	size_t i;

	for (i = 0; i < g->n_grantees; i++) {
		if (strcasecmp(g->grantees[i].name, name) == 0) {
			return &g->grantees[i];
		}
	}
	return NULL;
}

/* NAMES as um_name_lookup answers them, but a name the Grant To list
 * shows is taken from it: an account deleted since shows there as its
 * SID, which no lookup maps, and Remove must still reach it. */
static struct um_status grantees_or_lookup(struct um_pdc *p,
					   const struct um_right_grants *g,
					   TALLOC_CTX *mem,
					   const char *const *names, size_t n,
					   struct um_name **acct)
{
	struct um_name *out = talloc_zero_array(mem, struct um_name, n);
	struct um_name *found = NULL;
	const char **ask = talloc_array(out, const char *, n);
	size_t *at = talloc_array(out, size_t, n);
	size_t i, k = 0;
	struct um_status st = um_ok();

	*acct = out;
	if (out == NULL || ask == NULL || at == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	for (i = 0; i < n; i++) {
		const struct um_name *h = grantee_named(g, names[i]);
		const char *sid = h != NULL ? h->sid : NULL;

		if (sid == NULL) {
			at[k] = i;
			ask[k++] = names[i];
			continue;
		}
		out[i].name = talloc_strdup(out, h->name);
		out[i].sid = talloc_strdup(out, sid);
		out[i].kind = h->kind == UM_NAME_UNKNOWN ? UM_NAME_DELETED
							 : h->kind;
	}
	if (k > 0) {
		st = um_name_lookup(p, out, ask, k, &found);
		for (i = 0; i < k; i++) {
			/* unanswered: as typed, unmapped */
			out[at[i]] = found != NULL ? found[i] : (struct um_name){
				.name = talloc_strdup(out, ask[i]),
				.kind = UM_NAME_UNKNOWN };
		}
	}
	return st;
}

static struct um_status names_to_send(struct um_pdc *p,
				      const struct um_right_grants *g,
				      bool grant, const char *const *names,
				      size_t n, TALLOC_CTX *mem, char **why,
				      struct um_name **acct, size_t *n_acct)
{
	struct um_status st;

	if (!g->kept) {
		*why = um_right_why_not(mem, g);
		return g->why_not;
	}
	st = grantees_or_lookup(p, g, mem, names, n, acct);
	if (um_status_is(st, UM_KIND_NT, UM_NT_NONE_MAPPED) ||
	    um_status_is(st, UM_KIND_NT, UM_NT_SOME_NOT_MAPPED)) {
		if (*acct != NULL) {
			*why = unknown_name(mem, p, *acct, n);
		}
		return st;
	}
	if (!um_is_ok(st)) {
		return st;
	}
	*n_acct = to_change(g, grant, *acct, n);
	return st;
}

static struct um_status change(struct um_pdc *p, size_t right, bool grant,
			       const char *const *names, size_t n,
			       TALLOC_CTX *mem, char **why)
{
	TALLOC_CTX *tmp = talloc_new(mem);
	struct um_right_grants *g = NULL;
	struct um_name *acct = NULL;
	struct um_args args = { 0 };
	struct um_reply reply;
	char *said = NULL;
	struct um_status st;

	if (tmp == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	st = n == 0 || names == NULL ? um_local(UM_LOCAL_USAGE)
				     : um_right_grantees(p, right, tmp, &g);
	if (um_is_ok(st)) {
		st = names_to_send(p, g, grant, names, n, tmp, &said, &acct,
				   &args.n_accounts);
	}
	if (um_is_ok(st) && args.n_accounts > 0) {
		args.right = rights[right].key;
		args.accounts = acct;
		st = um_pdc_run(p, grant ? pick_grant : pick_revoke, &args,
				tmp, &reply,
				grant ? _("Granting the user right...")
				      : _("Revoking the user right..."));
	}
	if (why != NULL) {
		*why = um_is_ok(st) ? NULL
		       : said != NULL ? talloc_steal(mem, said)
		       : n == 0 ? talloc_strdup(mem,
				  _("No account names were given."))
				: talloc_strdup(mem, um_status_message(st));
	}
	talloc_free(tmp);
	return st;
}

struct um_status um_right_grant(struct um_pdc *p, size_t right,
				const char *const *names, size_t n,
				TALLOC_CTX *mem, char **why)
{
	return change(p, right, true, names, n, mem, why);
}

struct um_status um_right_revoke(struct um_pdc *p, size_t right,
				 const char *const *names, size_t n,
				 TALLOC_CTX *mem, char **why)
{
	return change(p, right, false, names, n, mem, why);
}

bool um_rights_read_only(struct um_status st)
{
	return um_status_is(st, UM_KIND_NT, UM_NT_ACCESS_DENIED);
}
