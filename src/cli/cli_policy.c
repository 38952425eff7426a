/*
 * usrmgr - `policy account`: the Account Policy dialog on the command
 * line.  Without options it shows the domain's policy; with them it
 * changes those fields, which the engine checks before anything is sent.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <json-c/json.h>

#include "cli.h"
#include "i18n.h"

/* "yes" or "no" into *OUT; anything else is a usage error. */
static bool policy_flag(const char *option, const char *text, bool *out)
{
	if (text == NULL) {
		return true;
	}
	if (strcasecmp(text, "yes") == 0 || strcasecmp(text, "no") == 0) {
		*out = strcasecmp(text, "yes") == 0;
		return true;
	}
	fprintf(stderr, _("usrmgr: --%s takes yes or no, not %s\n"), option,
		text);
	return false;
}

static bool wants_change(const struct um_cli *c)
{
	size_t i;

	for (i = 0; i < UM_POLICY_N_NUMBERS; i++) {
		if (c->policy_number[i] != NULL) {
			return true;
		}
	}
	return c->force_logoff != NULL || c->must_logon != NULL;
}

/* The command line's changes on top of the policy read from the PDC. */
static bool apply_options(const struct um_cli *c,
			  struct um_account_policy *pol)
{
	enum um_policy_field f;

	for (f = 0; f < UM_POLICY_N_NUMBERS; f++) {
		if (c->policy_number[f] != NULL) {
			*um_policy_field(pol, f) =
				um_policy_parse_number(c->policy_number[f]);
		}
	}
	return policy_flag("force-logoff", c->force_logoff,
			   &pol->force_logoff) &&
	       policy_flag("must-logon", c->must_logon,
			   &pol->must_logon_to_change);
}

/* ---- output ----------------------------------------------------------- */

static void json_print(struct json_object *o)
{
	printf("%s\n", json_object_to_json_string_ext(
			       o, JSON_C_TO_STRING_PLAIN |
					  JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}

static struct json_object *json_policy(const struct um_account_policy *pol)
{
	struct json_object *o = json_object_new_object();
	struct um_account_policy copy = *pol;
	enum um_policy_field f;

	for (f = 0; f < UM_POLICY_N_NUMBERS; f++) {
		json_object_object_add(o, um_policy_field_key(f),
			json_object_new_int64(*um_policy_field(&copy, f)));
	}
	json_object_object_add(o, "force_logoff",
			       json_object_new_boolean(pol->force_logoff));
	json_object_object_add(o, "must_logon_to_change",
			       json_object_new_boolean(
				       pol->must_logon_to_change));
	return o;
}

static void json_report(const struct um_domain_info *info,
			const struct um_account_policy *pol,
			struct um_status st, const char *why)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "ok", json_object_new_boolean(um_is_ok(st)));
	json_object_object_add(o, "status",
			       json_object_new_string(um_status_name(st)));
	json_object_object_add(o, "message",
			       json_object_new_string(um_status_message(st)));
	if (why != NULL) {
		json_object_object_add(o, "reason",
				       json_object_new_string(why));
	}
	if (info != NULL) {
		json_object_object_add(o, "domain",
				       json_object_new_string(info->name));
		json_object_object_add(o, "pdc",
				       json_object_new_string(info->pdc));
	}
	json_object_object_add(o, "policy",
			       pol != NULL ? json_policy(pol) : NULL);
	json_print(o);
}

/* One number: the dialog's first choice (ZERO) or N in UNIT. */
static void print_number(const char *label, uint32_t n, const char *zero,
			 const char *unit_one, const char *unit_many)
{
	printf("  %-34s ", label);
	if (n == 0 && zero != NULL) {
		printf("%s\n", zero);
	} else {
		printf("%u %s\n", n, n == 1 ? unit_one : unit_many);
	}
}

static void print_policy(const struct um_domain_info *info,
			 const struct um_account_policy *p)
{
	bool lockout = p->lockout_threshold > 0;

	printf(_("Account Policy for %s (PDC %s)\n"), info->name, info->pdc);
	print_number(_("Maximum Password Age:"), p->max_age_days,
		     _("Password Never Expires"), _("day"), _("days"));
	print_number(_("Minimum Password Age:"), p->min_age_days,
		     _("Allow Changes Immediately"), _("day"), _("days"));
	print_number(_("Minimum Password Length:"), p->min_length,
		     _("Permit Blank Password"), _("character"),
		     _("characters"));
	print_number(_("Password Uniqueness:"), p->history,
		     _("Do Not Keep Password History"), _("password"),
		     _("passwords"));
	print_number(_("Account lockout after:"), p->lockout_threshold,
		     _("No account lockout"), _("bad logon attempt"),
		     _("bad logon attempts"));
	if (lockout) {
		print_number(_("Reset count after:"), p->reset_minutes, NULL,
			     _("minute"), _("minutes"));
		print_number(_("Lockout Duration:"), p->duration_minutes,
			     _("Forever (until admin unlocks)"), _("minute"),
			     _("minutes"));
	}
	printf("  %-34s %s\n", _("Forcibly disconnect remote users:"),
	       p->force_logoff ? _("yes") : _("no"));
	printf("  %-34s %s\n", _("Users must log on to change:"),
	       p->must_logon_to_change ? _("yes") : _("no"));
}

/* Bad input (a policy NT refuses) is the caller's to fix: exit 2. */
static int policy_exit(struct um_status st)
{
	if (um_is_ok(st)) {
		return UM_EXIT_OK;
	}
	if (um_status_is(st, UM_KIND_LOCAL, UM_LOCAL_POLICY_INVALID) ||
	    um_status_is(st, UM_KIND_LOCAL, UM_LOCAL_UNKNOWN_PDC) ||
	    um_status_is(st, UM_KIND_LOCAL, UM_LOCAL_USAGE)) {
		return UM_EXIT_USAGE;
	}
	return UM_EXIT_FAILED;
}

static int report(const struct um_cli *c, const struct um_domain_info *info,
		  const struct um_account_policy *pol, struct um_status st,
		  const char *why)
{
	if (c->json) {
		json_report(info, um_is_ok(st) ? pol : NULL, st, why);
	} else if (um_is_ok(st)) {
		print_policy(info, pol);
	} else {
		fprintf(stderr, "usrmgr: %s\n", um_status_text(st));
		if (why != NULL) {
			fprintf(stderr, "usrmgr: %s\n", why);
		}
	}
	return policy_exit(st);
}

/* ---- the verb --------------------------------------------------------- */

static int policy_account(const struct um_cli *c, struct um_model *m)
{
	const struct um_domain_info *info = NULL;
	struct um_account_policy pol;
	const char *why = NULL;
	struct um_pdc *p;
	struct um_status st;

	if (c->pdc == NULL) {
		fprintf(stderr, "usrmgr: %s\n",
			_("name the domain controller to work on with -S PDC"));
		return UM_EXIT_USAGE;
	}
	st = um_pdc_get(m, c->pdc, &p);
	if (um_is_ok(st)) {
		st = um_pdc_info(p, &info);
	}
	if (um_is_ok(st)) {
		st = um_policy_account_get(p, &pol);
	}
	if (um_is_ok(st) && wants_change(c)) {
		if (!apply_options(c, &pol)) {
			return UM_EXIT_USAGE;
		}
		st = um_policy_account_set(p, &pol, &why);
		/* show what the PDC holds now, not what was asked */
		if (um_is_ok(st)) {
			st = um_policy_account_get(p, &pol);
		}
	}
	return report(c, info, &pol, st, why);
}

/* ---- policy audit ----------------------------------------------------- */

static struct json_object *json_audit(const struct um_audit_policy *a)
{
	struct json_object *o = json_object_new_object();
	struct json_object *ev = json_object_new_object();
	unsigned i;

	json_object_object_add(o, "auditing",
			       json_object_new_boolean(a->auditing));
	for (i = 0; i < UM_AUDIT_N; i++) {
		struct json_object *e = json_object_new_object();
		json_object_object_add(e, "success", json_object_new_boolean(
			(a->events[i] & UM_AUDIT_SUCCESS) != 0));
		json_object_object_add(e, "failure", json_object_new_boolean(
			(a->events[i] & UM_AUDIT_FAILURE) != 0));
		json_object_object_add(ev, um_audit_category_key(i), e);
	}
	json_object_object_add(o, "events", ev);
	json_object_object_add(o, "changeable",
			       json_object_new_boolean(a->changeable));
	if (!a->changeable) {
		struct json_object *r = json_object_new_object();
		json_object_object_add(r, "status", json_object_new_string(
			um_status_name(a->why_not)));
		json_object_object_add(r, "message", json_object_new_string(
			um_status_message(a->why_not)));
		json_object_object_add(o, "reason", r);
	}
	return o;
}

static void print_audit(const struct um_domain_info *info,
			const struct um_audit_policy *a)
{
	unsigned i;

	printf(_("Audit Policy for %s (PDC %s)\n"), info->name, info->pdc);
	printf("  %s\n", a->auditing ? _("Audit These Events")
				     : _("Do Not Audit"));
	for (i = 0; i < UM_AUDIT_N; i++) {
		const char *ok = (a->events[i] & UM_AUDIT_SUCCESS)
					 ? _("Success") : "-";
		printf("  %-34s %s%s%s\n", um_audit_category_name(i), ok,
		       (a->events[i] & UM_AUDIT_FAILURE) ? ", " : "",
		       (a->events[i] & UM_AUDIT_FAILURE) ? _("Failure") : "");
	}
	if (!a->changeable) {
		printf(_("  This domain controller does not let the audit "
			 "policy be changed: %s\n"),
		       um_status_text(a->why_not));
	}
}

static int policy_audit(const struct um_cli *c, struct um_model *m)
{
	const struct um_domain_info *info = NULL;
	struct um_audit_policy a;
	struct um_pdc *p;
	struct um_status st;

	if (c->pdc == NULL) {
		fprintf(stderr, "usrmgr: %s\n",
			_("name the domain controller to work on with -S PDC"));
		return UM_EXIT_USAGE;
	}
	st = um_pdc_get(m, c->pdc, &p);
	if (um_is_ok(st)) {
		st = um_pdc_info(p, &info);
	}
	if (um_is_ok(st)) {
		st = um_policy_audit_get(p, &a);
	}
	if (!um_is_ok(st)) {
		return report(c, info, NULL, st, NULL);
	}
	if (c->json) {
		struct json_object *o = json_audit(&a);
		json_object_object_add(o, "ok", json_object_new_boolean(1));
		json_object_object_add(o, "domain",
				       json_object_new_string(info->name));
		json_object_object_add(o, "pdc",
				       json_object_new_string(info->pdc));
		json_print(o);
	} else {
		print_audit(info, &a);
	}
	return UM_EXIT_OK;
}

int um_cli_policy(const struct um_cli *c, struct um_model *m)
{
	/* parse_policy_words() lets only these verbs through */
	if (strcmp(c->verb, "audit") == 0) {
		return policy_audit(c, m);
	}
	if (strcmp(c->verb, "rights") == 0) {
		return um_cli_rights(c, m);
	}
	return policy_account(c, m);
}
