/*
 * usrmgr - diagnosis of a domain pair, and finding the pair.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <string.h>

#include "backend.h"
#include "diagnosis.h"
#include "names.h"
#include "i18n.h"

static const struct {
	const char *key;
	const char *text;
	const char *advice;
} verdicts[] = {
	[UM_VERDICT_HEALTHY] = { "healthy", N_("The trust is healthy."),
		N_("Both sides hold the trust with the same password and the "
		   "secure channel verifies.") },
	[UM_VERDICT_BROKEN_AT_ACCOUNTS] = { "broken-at-accounts",
		N_("The trust is broken at the accounts side."),
		N_("The accounts domain no longer lists the resource domain "
		   "as a trusting domain, while the resource domain still "
		   "trusts it (KB Q207957). Remove the trust on both sides, "
		   "then add it again: Add Trusting Domain on the accounts "
		   "PDC, then Add Trusted Domain with the same password on "
		   "the resource PDC.") },
	[UM_VERDICT_BROKEN_AT_RESOURCE] = { "broken-at-resource",
		N_("The trust is broken at the resource side."),
		N_("The accounts domain still lists the resource domain as "
		   "trusting, but the resource domain no longer trusts it. "
		   "Remove the trusting domain on the accounts PDC and "
		   "establish the trust again from both sides.") },
	[UM_VERDICT_PASSWORD_MISMATCH] = { "password-mismatch",
		N_("The two sides hold different trust passwords."),
		N_("Each side has the trust, but with a different password. "
		   "Remove it on both sides and add it again with one "
		   "password.") },
	[UM_VERDICT_STALE_CHANNEL] = { "stale-channel",
		N_("The secure channel was stale."),
		N_("Both sides agree, but the resource PDC still used an old "
		   "secure channel. It has been reset and now verifies.") },
	[UM_VERDICT_PARTNER_UNREACHABLE] = { "partner-unreachable",
		N_("A domain controller cannot be reached."),
		N_("usrmgr could not reach one of the primary domain "
		   "controllers. Check that it is running and reachable on "
		   "the network before changing the trust.") },
	[UM_VERDICT_NO_TRUST] = { "no-trust",
		N_("There is no trust between these domains."),
		N_("Neither side holds the trust. Add Trusting Domain on the "
		   "accounts PDC, then Add Trusted Domain with the same "
		   "password on the resource PDC.") },
	[UM_VERDICT_LOGON_FAILS] = { "logon-fails",
		N_("The trust verifies, but the logon test fails."),
		N_("The trust itself works; check the test user's name, "
		   "password and account.") },
};

const char *um_verdict_key(enum um_verdict v)
{
	return verdicts[v].key;
}

const char *um_verdict_text(enum um_verdict v)
{
	return _(verdicts[v].text);
}

const char *um_verdict_advice(enum um_verdict v)
{
	return _(verdicts[v].advice);
}

static bool in_list(const struct um_trust *list, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (um_name_equal(list[i].name, name)) {
			return true;
		}
	}
	return false;
}

/* What one side's read found. */
struct side {
	struct um_pdc *pdc;
	char *domain;
	struct um_trust *list; /* the list that matters on this side */
	size_t n;
};

/* Open both PDCs, learn their domains and lists, both at once on the
 * loop (neither waits for the other's round trips); REACH[i] says
 * whether side I was reached.  Side 0, the resource side, wants its
 * Trusted Domains, side 1 its Trusting Domains. */
static void read_sides(struct um_model *m, const char *const name[2],
		       TALLOC_CTX *mem, struct side s[2],
		       struct um_status reach[2])
{
	const struct um_domain_info *info;
	struct um_trust_lists l[2];
	struct um_status st[2];
	struct um_pdc *both[2];
	size_t i, n = 0, at[2];

	for (i = 0; i < 2; i++) {
		memset(&s[i], 0, sizeof(s[i]));
		reach[i] = um_pdc_get(m, name[i], &s[i].pdc);
		at[i] = n;
		if (um_is_ok(reach[i])) {
			both[n++] = s[i].pdc;
		}
	}
	um_trust_lists(both, n, mem, l, st);
	for (i = 0; i < 2; i++) {
		if (!um_is_ok(reach[i])) {
			continue;
		}
		reach[i] = st[at[i]];
		/* the domain of a PDC that answered before, even when its
		 * lists get no answer now (no new connection is tried) */
		if (um_is_ok(reach[i]) || s[i].pdc->info != NULL) {
			struct um_status known = um_pdc_info(s[i].pdc, &info);

			if (um_is_ok(known)) {
				s[i].domain = talloc_strdup(mem, info->name);
			} else if (um_is_ok(reach[i])) {
				reach[i] = known;
			}
		}
		if (um_is_ok(reach[i])) {
			s[i].list = i == 0 ? l[at[i]].trusted
					   : l[at[i]].trusting;
			s[i].n = i == 0 ? l[at[i]].n_trusted
					: l[at[i]].n_trusting;
		}
	}
}

static enum um_verdict channel_verdict(struct um_pdc *res,
				       struct um_diagnosis *d)
{
	d->verified = true;
	d->verify = um_trust_verify(res, d->accounts);
	if (um_is_ok(d->verify)) {
		return UM_VERDICT_HEALTHY;
	}
	d->reset = true;
	um_trust_reset(res, d->accounts);
	d->verify_after_reset = um_trust_verify(res, d->accounts);
	if (um_is_ok(d->verify_after_reset)) {
		return UM_VERDICT_STALE_CHANNEL;
	}
	if (um_status_is(d->verify_after_reset, UM_KIND_WERR,
			 UM_WERR_NO_LOGON_SERVERS)) {
		return UM_VERDICT_PARTNER_UNREACHABLE;
	}
	return UM_VERDICT_PASSWORD_MISMATCH;
}

struct um_status um_diagnose(struct um_model *m, const char *resource_pdc,
			     const char *accounts_pdc, const char *user,
			     const struct um_secret *password, TALLOC_CTX *mem,
			     struct um_diagnosis **out)
{
	struct um_diagnosis *d = talloc_zero(mem, struct um_diagnosis);
	const char *names[2] = { resource_pdc, accounts_pdc };
	struct um_status reach[2];
	struct side side[2];
	struct um_pdc *res;
	struct um_trust *res_trusted, *acc_trusting;
	size_t n_res, n_acc;
	bool res_ok, acc_ok;

	*out = d;
	if (d == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	d->resource_pdc = talloc_strdup(d, resource_pdc);
	d->accounts_pdc = talloc_strdup(d, accounts_pdc);
	/* One domain cannot trust itself: a pair of one PDC, or of two
	 * names of one domain, is the operator's mistake, not a verdict. */
	if (um_name_equal(resource_pdc, accounts_pdc)) {
		return um_local(UM_LOCAL_SAME_DOMAIN);
	}
	read_sides(m, names, d, side, reach);
	d->resource_reach = reach[0];
	d->accounts_reach = reach[1];
	res_ok = um_is_ok(reach[0]);
	acc_ok = um_is_ok(reach[1]);
	res = side[0].pdc;
	d->resource = side[0].domain;
	d->accounts = side[1].domain;
	res_trusted = side[0].list;
	n_res = side[0].n;
	acc_trusting = side[1].list;
	n_acc = side[1].n;
	if (res_ok && acc_ok && um_name_equal(d->resource, d->accounts)) {
		return um_local(UM_LOCAL_SAME_DOMAIN);
	}
	if (res_ok && acc_ok) {
		d->resource_trusts = in_list(res_trusted, n_res, d->accounts);
		d->accounts_lists = in_list(acc_trusting, n_acc, d->resource);
	}
	if (!res_ok || !acc_ok) {
		d->verdict = UM_VERDICT_PARTNER_UNREACHABLE;
	} else if (!d->resource_trusts && !d->accounts_lists) {
		d->verdict = UM_VERDICT_NO_TRUST;
	} else if (!d->accounts_lists) {
		d->verdict = UM_VERDICT_BROKEN_AT_ACCOUNTS;
	} else if (!d->resource_trusts) {
		d->verdict = UM_VERDICT_BROKEN_AT_RESOURCE;
	} else {
		d->verdict = channel_verdict(res, d);
	}
	if (res_ok && user != NULL) {
		d->logon_tested = true;
		d->logon = um_logon_test(res, user, password);
		if (!um_is_ok(d->logon) && (d->verdict == UM_VERDICT_HEALTHY ||
					    d->verdict ==
						    UM_VERDICT_STALE_CHANNEL)) {
			d->verdict = UM_VERDICT_LOGON_FAILS;
		}
	}
	return um_ok();
}

/* ---- what a status says ------------------------------------------------ */

static bool out_of_reach(struct um_status st)
{
	return um_status_is(st, UM_KIND_NT, UM_NT_HOST_UNREACHABLE) ||
	       um_status_is(st, UM_KIND_NT, UM_NT_CONNECTION_REFUSED) ||
	       um_status_is(st, UM_KIND_NT, UM_NT_IO_TIMEOUT) ||
	       um_status_is(st, UM_KIND_NT, UM_NT_DOMAIN_CONTROLLER_NOT_FOUND);
}

enum um_trust_state um_trust_state_of(struct um_status verify)
{
	if (um_is_ok(verify)) {
		return UM_TRUST_OK;
	}
	if (verify.kind == UM_KIND_LOCAL || out_of_reach(verify)) {
		return UM_TRUST_UNKNOWN;
	}
	return UM_TRUST_BROKEN;
}

bool um_status_pdc_not_found(struct um_status st)
{
	return out_of_reach(st) ||
	       um_status_is(st, UM_KIND_NT, UM_NT_NO_SUCH_DOMAIN) ||
	       um_status_is(st, UM_KIND_WERR, UM_WERR_NO_SUCH_DOMAIN) ||
	       um_status_is(st, UM_KIND_WERR,
			    UM_WERR_DOMAIN_CONTROLLER_NOT_FOUND) ||
	       um_status_is(st, UM_KIND_WERR, UM_WERR_NO_LOGON_SERVERS) ||
	       um_status_is(st, UM_KIND_LOCAL, UM_LOCAL_UNKNOWN_PDC);
}

struct um_status um_trust_verify_trusting(struct um_pdc *p,
					  const char *partner,
					  enum um_trust_state *state)
{
	const struct um_domain_info *me;
	struct um_pdc *theirs;
	struct um_status st = um_pdc_info(p, &me);

	if (um_is_ok(st)) {
		st = um_partner_pdc(p, partner, NULL, &theirs);
	}
	if (!um_is_ok(st)) {
		*state = UM_TRUST_UNKNOWN;
		return st;
	}
	st = um_trust_verify(theirs, me->name);
	*state = um_trust_state_of(st);
	return st;
}

/* ---- which pair -------------------------------------------------------- */

/* The one domain in P's Trusted (or Trusting) Domains, or NULL when
 * there is none or more than one to choose from. */
static char *only_partner(struct um_pdc *p, bool trusted, TALLOC_CTX *mem)
{
	TALLOC_CTX *tmp = talloc_new(mem);
	struct um_trust *out, *in;
	size_t n_out, n_in;
	char *name = NULL;

	if (tmp != NULL &&
	    um_is_ok(um_trust_list(p, tmp, &out, &n_out, &in, &n_in)) &&
	    (trusted ? n_out : n_in) == 1) {
		name = talloc_strdup(mem, trusted ? out[0].name : in[0].name);
	}
	talloc_free(tmp);
	return name;
}

/* The PDC of the one partner of the PDC named KNOWN (or of NEAR): its
 * name only, so that nothing connects to it (nor asks for a password)
 * before the operator has seen the pair. */
static char *partner_of(struct um_model *m, const char *known,
			struct um_pdc *near, bool known_trusts,
			TALLOC_CTX *mem)
{
	struct um_pdc *p = near;
	char *name, *pdc = NULL;

	if (known != NULL && !um_is_ok(um_pdc_get(m, known, &p))) {
		return NULL;
	}
	if (p == NULL) {
		return NULL;
	}
	name = only_partner(p, known_trusts, mem);
	if (name != NULL) {
		um_partner_pdc_name(m, p, name, mem, &pdc);
	}
	talloc_free(name);
	return pdc;
}

static void pair_fill(struct um_pair *p, const struct um_pair *from)
{
	if (p->resource_pdc == NULL && p->accounts_pdc == NULL) {
		p->resource_pdc = talloc_strdup(p, from->resource_pdc);
		p->accounts_pdc = talloc_strdup(p, from->accounts_pdc);
	} else if (p->resource_pdc == NULL) {
		/* half given: the named pair only if it is that pair */
		if (um_name_equal(p->accounts_pdc, from->accounts_pdc)) {
			p->resource_pdc = talloc_strdup(p, from->resource_pdc);
		}
	} else if (p->accounts_pdc == NULL) {
		if (um_name_equal(p->resource_pdc, from->resource_pdc)) {
			p->accounts_pdc = talloc_strdup(p, from->accounts_pdc);
		}
	}
	if (p->user == NULL && from->user != NULL) {
		p->user = talloc_strdup(p, from->user);
		p->user_password = from->user_password == NULL ? NULL
			: um_secret_new(p, um_secret_reveal(from->user_password),
					um_secret_len(from->user_password));
	}
}

/* The side not given, from the one given or the domain on screen. */
static void pair_locate(struct um_model *m, struct um_pair *p,
			struct um_pdc *near)
{
	if (p->resource_pdc != NULL && p->accounts_pdc == NULL) {
		p->accounts_pdc = partner_of(m, p->resource_pdc, NULL, true, p);
	} else if (p->accounts_pdc != NULL && p->resource_pdc == NULL) {
		p->resource_pdc = partner_of(m, p->accounts_pdc, NULL, false,
					     p);
	} else if (p->resource_pdc == NULL && near != NULL) {
		p->accounts_pdc = partner_of(m, NULL, near, true, p);
		if (p->accounts_pdc != NULL) {
			p->resource_pdc = talloc_strdup(p, um_pdc_name(near));
			return;
		}
		p->resource_pdc = partner_of(m, NULL, near, false, p);
		if (p->resource_pdc != NULL) {
			p->accounts_pdc = talloc_strdup(p, um_pdc_name(near));
		}
	}
}

struct um_status um_pair_find(struct um_model *m, TALLOC_CTX *mem,
			      const struct um_pair *given,
			      struct um_pdc *near, struct um_pair **out)
{
	struct um_pair *p = talloc_zero(mem, struct um_pair);
	struct um_pair *named;

	*out = NULL;
	if (p == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	if (given != NULL) {
		p->resource_pdc = talloc_strdup(p, given->resource_pdc);
		p->accounts_pdc = talloc_strdup(p, given->accounts_pdc);
		p->user = talloc_strdup(p, given->user);
		p->user_password = given->user_password == NULL ? NULL
			: um_secret_new(p,
					um_secret_reveal(given->user_password),
					um_secret_len(given->user_password));
	}
	named = um_model_named_pair(m, p);
	if (named != NULL) {
		pair_fill(p, named);
		talloc_free(named);
	}
	if (p->resource_pdc == NULL || p->accounts_pdc == NULL) {
		pair_locate(m, p, near);
	}
	*out = p;
	return um_ok();
}
