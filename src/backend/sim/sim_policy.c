/*
 * usrmgr - the simulated PDCs' account policy: the [policy DOMAIN]
 * section of a scenario or state file, and SAMR's Query/SetDomainInfo
 * (levels 1, 3 and 12) answered from it.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "backend.h"
#include "sim_world.h"
#include "i18n.h"

/* A fresh Samba AD domain's policy (samba-tool domain passwordsettings
 * show after provisioning): what a domain without [policy] has. */
void sim_policy_default(struct sim_domain *d)
{
	d->policy = (struct um_account_policy){
		.max_age_days = 42,
		.min_age_days = 1,
		.min_length = 7,
		.history = 24,
		.lockout_threshold = 0,
		.reset_minutes = 30,
		.duration_minutes = 30,
	};
	d->policy_read_only = false;
	memset(&d->audit, 0, sizeof(d->audit));
	d->audit_settable = false;
}

/* A scenario may hold what NT would refuse (a server's odd answer), up
 * to this much: the engine's check is what the tests exercise. */
#define SIM_POLICY_NUMBER_MAX 1000000u

static bool number(const char *v, uint32_t *out)
{
	char *end;
	unsigned long n;

	errno = 0;
	n = strtoul(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0' || v[0] == '-' ||
	    n > SIM_POLICY_NUMBER_MAX) {
		return false;
	}
	*out = (uint32_t)n;
	return true;
}

static bool yes_no(const char *v, bool *out)
{
	if (strcasecmp(v, "yes") == 0 || strcasecmp(v, "no") == 0) {
		*out = strcasecmp(v, "yes") == 0;
		return true;
	}
	return false;
}

/* What an audit category records, as the key's value names it. */
static const char *const audit_words[] = {
	"none", "success", "failure", "both",
};

/* audit_CATEGORY = none|success|failure|both */
static const char *audit_key(struct sim_domain *d, const char *key,
			     const char *v)
{
	enum um_audit_category c;
	uint32_t i;

	for (c = 0; c < UM_AUDIT_N; c++) {
		if (strncmp(key, "audit_", 6) != 0 ||
		    strcmp(key + 6, um_audit_category_key(c)) != 0) {
			continue;
		}
		for (i = 0; i < 4; i++) {
			if (strcmp(v, audit_words[i]) == 0) {
				d->audit.events[c] = i;
				return NULL;
			}
		}
		return _("must be none, success, failure or both");
	}
	return "";
}

static const char *bool_key(struct sim_domain *d, const char *key,
			    const char *v)
{
	bool *b = strcmp(key, "force_logoff") == 0 ? &d->policy.force_logoff
		: strcmp(key, "must_logon_to_change") == 0
			? &d->policy.must_logon_to_change
		: strcmp(key, "read_only") == 0 ? &d->policy_read_only
		: strcmp(key, "auditing") == 0 ? &d->audit.auditing
		: strcmp(key, "audit_settable") == 0 ? &d->audit_settable
						: NULL;

	if (b == NULL) {
		return "";
	}
	return yes_no(v, b) ? NULL : _("must be yes or no");
}

const char *sim_policy_key(struct sim_domain *d, const char *key,
			   const char *v)
{
	enum um_policy_field f;

	for (f = 0; f < UM_POLICY_N_NUMBERS; f++) {
		if (strcmp(key, um_policy_field_key(f)) == 0) {
			return number(v, um_policy_field(&d->policy, f))
				       ? NULL
				       : _("must be a number (0 to 1000000)");
		}
	}
	return strncmp(key, "audit_", 6) == 0 &&
			       strcmp(key, "audit_settable") != 0
		       ? audit_key(d, key, v)
		       : bool_key(d, key, v);
}

void sim_policy_write(FILE *f, const struct sim_domain *d)
{
	struct um_account_policy pol = d->policy;
	unsigned i;

	fprintf(f, "\n[policy %s]\n", d->name);
	for (i = 0; i < UM_POLICY_N_NUMBERS; i++) {
		fprintf(f, "%s = %u\n", um_policy_field_key(i),
			*um_policy_field(&pol, i));
	}
	fprintf(f, "force_logoff = %s\n", pol.force_logoff ? "yes" : "no");
	fprintf(f, "must_logon_to_change = %s\n",
		pol.must_logon_to_change ? "yes" : "no");
	if (d->policy_read_only) {
		fprintf(f, "read_only = %s\n", "yes");
	}
	fprintf(f, "auditing = %s\n", d->audit.auditing ? "yes" : "no");
	for (i = 0; i < UM_AUDIT_N; i++) {
		fprintf(f, "audit_%s = %s\n", um_audit_category_key(i),
			audit_words[d->audit.events[i] & 3]);
	}
	if (d->audit_settable) {
		fprintf(f, "audit_settable = %s\n", "yes");
	}
}

struct um_status sim_policy_query(struct sim_domain *d, TALLOC_CTX *mem,
				  struct um_reply *out)
{
	(void)mem;
	out->policy = d->policy;
	return um_ok();
}

/* What Samba answers an operator who may not change the domain:
 * SetDomainInfo needs DOMAIN_WRITE_PASSWORD_PARAMS. */
struct um_status sim_policy_set(struct sim_domain *d,
				const struct um_account_policy *pol)
{
	if (d->policy_read_only) {
		return um_nt(UM_NT_ACCESS_DENIED);
	}
	if (pol == NULL) {
		return um_nt(UM_NT_INVALID_PARAMETER);
	}
	d->policy = *pol;
	return um_ok();
}

struct um_status sim_audit_query(struct sim_domain *d, struct um_reply *out)
{
	out->audit = d->audit;
	return um_ok();
}

/* What Samba's AD and classic PDCs answer SetInfoPolicy (measured on
 * the lab: a DCE/RPC fault, "procedure number out of range"). */

struct um_status sim_audit_set(struct sim_domain *d,
			       const struct um_audit_policy *audit)
{
	if (!d->audit_settable) {
		return um_nt(UM_NT_RPC_PROCNUM_OUT_OF_RANGE);
	}
	if (d->policy_read_only) {
		return um_nt(UM_NT_ACCESS_DENIED);
	}
	if (audit == NULL) {
		return um_nt(UM_NT_INVALID_PARAMETER);
	}
	d->audit.auditing = audit->auditing;
	memcpy(d->audit.events, audit->events, sizeof(d->audit.events));
	return um_ok();
}
