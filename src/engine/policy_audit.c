/*
 * usrmgr - Policies -> Audit: the domain's audit policy, and whether its
 * PDC lets it be changed.  Samba implements LSA's QueryInfoPolicy for
 * AUDIT_EVENTS but not SetInfoPolicy (a Samba AD DC and a classic PDC
 * both answer a DCE/RPC fault, NT_STATUS_RPC_PROCNUM_OUT_OF_RANGE, on the
 * lab): the engine finds out by writing back what the PDC answered, which
 * changes nothing, and keeps the PDC's answer for the operator.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <string.h>

#include "policy.h"
#include "pdc_run.h"
#include "i18n.h"

static const struct {
	const char *key;
	const char *name;
} categories[UM_AUDIT_N] = {
	[UM_AUDIT_SYSTEM] = { "system", N_("Restart, Shutdown, and System") },
	[UM_AUDIT_LOGON] = { "logon", N_("Logon and Logoff") },
	[UM_AUDIT_OBJECT_ACCESS] = { "object_access",
				     N_("File and Object Access") },
	[UM_AUDIT_PRIVILEGE_USE] = { "privilege_use",
				     N_("Use of User Rights") },
	[UM_AUDIT_PROCESS_TRACKING] = { "process_tracking",
					N_("Process Tracking") },
	[UM_AUDIT_POLICY_CHANGE] = { "policy_change",
				     N_("Security Policy Changes") },
	[UM_AUDIT_ACCOUNT_MANAGEMENT] = { "account_management",
					  N_("User and Group Management") },
};

const char *um_audit_category_key(enum um_audit_category c)
{
	return c < UM_AUDIT_N ? categories[c].key : NULL;
}

const char *um_audit_category_name(enum um_audit_category c)
{
	return c < UM_AUDIT_N ? _(categories[c].name) : NULL;
}

static um_op_send_fn pick_query(const struct um_backend_ops *o)
{
	return o->query_audit_policy;
}

static um_op_send_fn pick_set(const struct um_backend_ops *o)
{
	return o->set_audit_policy;
}

struct um_status um_policy_audit_get(struct um_pdc *p,
				     struct um_audit_policy *out)
{
	TALLOC_CTX *tmp = talloc_new(p);
	struct um_args args = { 0 };
	struct um_reply reply;
	struct um_status st;

	memset(out, 0, sizeof(*out));
	if (tmp == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	st = um_pdc_run(p, pick_query, &args, tmp, &reply,
			_("Reading the audit policy..."));
	if (um_is_ok(st)) {
		*out = reply.audit;
		/* the same policy back: a change only where it is allowed */
		args.audit = out;
		out->why_not = um_pdc_run(p, pick_set, &args, tmp, &reply,
					  _("Reading the audit policy..."));
		out->changeable = um_is_ok(out->why_not);
	}
	talloc_free(tmp);
	return st;
}

struct um_status um_policy_audit_set(struct um_pdc *p,
				     const struct um_audit_policy *a)
{
	struct um_args args = { .audit = a };
	TALLOC_CTX *tmp;
	struct um_reply reply;
	struct um_status st;

	if (!a->changeable) {
		return um_is_ok(a->why_not) ? um_local(UM_LOCAL_NOT_SUPPORTED)
					    : a->why_not;
	}
	tmp = talloc_new(p);
	if (tmp == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	st = um_pdc_run(p, pick_set, &args, tmp, &reply,
			_("Changing the audit policy..."));
	talloc_free(tmp);
	return st;
}
