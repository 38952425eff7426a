/*
 * usrmgr - the `trust` verbs: each a thin layer over one model call,
 * printing for people or, with --json, one object for scripts.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <json-c/json.h>

#include "cli.h"
#include "out.h"
#include "diagnosis.h"
#include "journal.h"
#include "names.h"
#include "prompt.h"
#include "i18n.h"

/* ---- output ----------------------------------------------------------- */

static void json_print(struct json_object *o)
{
	printf("%s\n", json_object_to_json_string_ext(
			       o, JSON_C_TO_STRING_PLAIN |
					  JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}

static void json_add_str(struct json_object *o, const char *key,
			 const char *v)
{
	json_object_object_add(o, key, v ? json_object_new_string(v) : NULL);
}

static struct json_object *json_status(struct um_status st)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "ok", json_object_new_boolean(um_is_ok(st)));
	json_add_str(o, "status", um_status_name(st));
	json_add_str(o, "message", um_status_message(st));
	return o;
}

/* Bad input is the caller's to fix: exit 2; anything else failed. */
static int exit_code(struct um_status st)
{
	if (um_is_ok(st)) {
		return UM_EXIT_OK;
	}
	if (st.kind != UM_KIND_LOCAL) {
		return UM_EXIT_FAILED;
	}
	switch ((enum um_local)st.code) {
	case UM_LOCAL_BAD_NAME:
	case UM_LOCAL_NAME_TOO_LONG:
	case UM_LOCAL_OWN_DOMAIN:
	case UM_LOCAL_PASSWORD_MISMATCH:
	case UM_LOCAL_PASSWORD_TOO_LONG:
	case UM_LOCAL_BAD_FILE:
	case UM_LOCAL_NO_TERMINAL:
	case UM_LOCAL_UNKNOWN_PDC:
	case UM_LOCAL_USAGE:
	case UM_LOCAL_PASSWORD_EMPTY:
	case UM_LOCAL_SAME_DOMAIN:
	case UM_LOCAL_BAD_USER_NAME:
	case UM_LOCAL_USER_NAME_TOO_LONG:
	case UM_LOCAL_TOO_MANY_WORKSTATIONS:
	case UM_LOCAL_BAD_GROUP_NAME:
	case UM_LOCAL_GROUP_NAME_TOO_LONG:
	case UM_LOCAL_BAD_DATE:
	case UM_LOCAL_BAD_HOME_DRIVE:
	case UM_LOCAL_BAD_HOME_PATH:
	case UM_LOCAL_PASSWORD_FLAGS:
	case UM_LOCAL_BAD_HOURS:
	case UM_LOCAL_PRIMARY_NOT_MEMBER:
	case UM_LOCAL_PRIMARY_NOT_GLOBAL:
		return UM_EXIT_USAGE;
	default:
		return UM_EXIT_FAILED;
	}
}

/* Report an operation's outcome; SUCCESS is what to say when it worked. */
static int report(const struct um_cli *c, struct um_status st,
		  const char *success)
{
	if (c->json) {
		json_print(json_status(st));
	} else if (um_is_ok(st)) {
		um_out_printf(stdout, "%s\n", success);
	} else {
		um_out_printf(stderr, "usrmgr: %s\n", um_status_text(st));
	}
	return exit_code(st);
}

/* ---- passwords -------------------------------------------------------- */

struct um_status um_cli_given_password(TALLOC_CTX *mem, const char *path,
					int fd, struct um_secret **out)
{
	struct um_status st = um_secret_given(mem, path, fd, out);

	if (!um_status_is(st, UM_KIND_LOCAL, UM_LOCAL_IO)) {
		return st;
	}
	/* A file named on the command line: bad input. */
	if (path != NULL) {
		um_out_printf(stderr, "usrmgr: %s: %s\n", path,
			      strerror(errno));
	} else {
		um_out_printf(stderr, _("usrmgr: file descriptor %d cannot "
					"be read: %s\n"), fd, strerror(errno));
	}
	return um_local(UM_LOCAL_USAGE);
}

/* The trust or user password: --password-file, --password-fd, or asked
 * on the terminal (twice when CONFIRM, as Add Trusting Domain does). */
static struct um_status read_password(const struct um_cli *c,
				      TALLOC_CTX *mem, const char *prompt,
				      bool confirm, struct um_secret **out)
{
	if (c->password_file != NULL || c->password_fd >= 0) {
		return um_cli_given_password(mem, c->password_file,
					     c->password_fd, out);
	}
	if (confirm) {
		return um_prompt_new_password(mem, prompt,
					      _("Confirm Password: "), out);
	}
	return um_prompt_password(mem, prompt, out);
}

/* ---- verbs on one domain ---------------------------------------------- */

static struct json_object *json_trusts(const struct um_trust *t, size_t n)
{
	struct json_object *a = json_object_new_array();
	size_t i;

	for (i = 0; i < n; i++) {
		struct json_object *o = json_object_new_object();
		json_add_str(o, "name", t[i].name);
		json_add_str(o, "dns_name", t[i].dns_name);
		json_add_str(o, "sid", t[i].sid);
		json_object_object_add(o, "two_way",
			json_object_new_boolean(t[i].direction ==
				(UM_DIR_INBOUND | UM_DIR_OUTBOUND)));
		json_object_array_add(a, o);
	}
	return a;
}

static const char *dialect_key(enum um_dialect d)
{
	return d == UM_DIALECT_AD ? "ad" : d == UM_DIALECT_NT4 ? "nt4"
							       : "unknown";
}

static const char *dialect_text(enum um_dialect d)
{
	return d == UM_DIALECT_AD    ? _("Active Directory")
	       : d == UM_DIALECT_NT4 ? _("NT 4.0 style")
				     : _("unknown");
}

static void print_list(const char *title, const struct um_trust *t,
		       size_t n)
{
	size_t i;

	um_out_printf(stdout, "%s\n", title);
	if (n == 0) {
		um_out_printf(stdout, "    %s\n", _("(none)"));
	}
	for (i = 0; i < n; i++) {
		um_out_printf(stdout, "    %-15s  %s\n", t[i].name,
			      t[i].direction == (UM_DIR_INBOUND |
						 UM_DIR_OUTBOUND)
				      ? _("(two-way)") : "");
	}
}

static struct um_status list_one(const struct um_cli *c, struct um_model *m,
				 const char *pdc_name, struct json_object *arr)
{
	TALLOC_CTX *tmp = talloc_new(m);
	const struct um_domain_info *info;
	struct um_trust *trusted, *trusting;
	size_t n_trusted, n_trusting;
	struct um_pdc *p;
	struct um_status st = um_pdc_get(m, pdc_name, &p);

	if (um_is_ok(st)) {
		st = um_pdc_info(p, &info);
	}
	if (um_is_ok(st)) {
		st = um_trust_list(p, tmp, &trusted, &n_trusted, &trusting,
				   &n_trusting);
	}
	if (!um_is_ok(st)) {
		talloc_free(tmp);
		return st;
	}
	if (c->json) {
		struct json_object *o = json_object_new_object();
		json_add_str(o, "domain", info->name);
		json_add_str(o, "dns_name", info->dns_name);
		json_add_str(o, "sid", info->sid);
		json_add_str(o, "pdc", info->pdc);
		json_add_str(o, "dialect", dialect_key(info->dialect));
		json_object_object_add(o, "simulated",
				       json_object_new_boolean(info->simulated));
		json_object_object_add(o, "trusted_domains",
				       json_trusts(trusted, n_trusted));
		json_object_object_add(o, "trusting_domains",
				       json_trusts(trusting, n_trusting));
		json_object_array_add(arr, o);
	} else {
		um_out_printf(stdout, _("Domain: %s    (PDC %s, %s%s)\n"),
			      info->name, info->pdc,
			      dialect_text(info->dialect),
		       info->simulated ? _(", simulated") : "");
		print_list(_("  Trusted Domains:"), trusted, n_trusted);
		print_list(_("  Trusting Domains:"), trusting, n_trusting);
	}
	talloc_free(tmp);
	return um_ok();
}

static int verb_list(const struct um_cli *c, struct um_model *m)
{
	struct json_object *arr = c->json ? json_object_new_array() : NULL;
	const char **names = NULL;
	struct um_status st = um_ok();
	size_t i;

	if (c->pdc != NULL) {
		st = list_one(c, m, c->pdc, arr);
	} else {
		/* Simulated and no PDC named: every simulated domain. */
		names = um_model_sim_domains(m, m);
		if (!c->json) {
			um_out_printf(stdout, "%s\n\n",
				      _("These domains are simulated (no "
					"real PDC is contacted)."));
		}
		for (i = 0; names && names[i] && um_is_ok(st); i++) {
			if (i > 0 && !c->json) {
				um_out_printf(stdout, "\n");
			}
			st = list_one(c, m, names[i], arr);
		}
		talloc_free(names);
	}
	if (c->json && um_is_ok(st)) {
		struct json_object *o = json_object_new_object();
		json_object_object_add(o, "ok", json_object_new_boolean(1));
		json_object_object_add(o, "domains", arr);
		json_print(o);
		return UM_EXIT_OK;
	}
	json_object_put(arr);
	if (!um_is_ok(st)) {
		return report(c, st, NULL);
	}
	return UM_EXIT_OK;
}

static struct um_status need_pdc(const struct um_cli *c, struct um_model *m,
				 struct um_pdc **p)
{
	if (c->pdc == NULL) {
		um_out_printf(stderr, "usrmgr: %s\n",
			_("name the domain controller to work on with -S PDC"));
		return um_local(UM_LOCAL_USAGE);
	}
	return um_pdc_get(m, c->pdc, p);
}

/* --partner-pdc: open it first, so the model knows the partner's SID and
 * names (its own PDC may not find a domain it no longer trusts).  The
 * partner is another domain: its admin comes from --partner-authfile. */
static void open_partner(const struct um_cli *c, struct um_model *m)
{
	const struct um_domain_info *info;
	struct um_pdc *partner;
	struct um_status st;

	if (c->partner_pdc == NULL) {
		return;
	}
	um_model_set_authfile(m, c->partner_pdc, c->partner_authfile);
	st = um_pdc_get(m, c->partner_pdc, &partner);
	if (um_is_ok(st)) {
		st = um_pdc_info(partner, &info);
	}
	if (!um_is_ok(st)) {
		/* not fatal: this PDC may still know the partner */
		um_out_printf(stderr,
			      _("usrmgr: note: the partner's PDC %s: %s\n"),
			c->partner_pdc, um_status_text(st));
	}
}

/* The verbs that name a partner and need nothing else. */
static const struct {
	const char *verb;
	struct um_status (*op)(struct um_pdc *p, const char *partner);
	const char *done;
} simple_verbs[] = {
	{ "verify", um_trust_verify, N_("The trust relationship verified.") },
	{ "reset", um_trust_reset,
	  N_("The secure channel was reset and works.") },
	{ "remove-trusted", um_trust_remove_trusted,
	  N_("Removed from the Trusted Domains.") },
	{ "remove-trusting", um_trust_remove_trusting,
	  N_("Removed from the Trusting Domains.") },
};

/* On Samba AD an Add of the other direction of a trust can only
 * re-create the trust two-way, re-keying the direction that works: the
 * engine refuses it (nothing changed) unless asked to.  After that
 * refusal, the engine's question, as the screens ask it, answered by
 * --yes or on the terminal: whether to add again, re-keying.  Without
 * either the refusal stands, so a script never re-keys by surprise. */
static bool rekey_accepted(const struct um_cli *c, struct um_pdc *p,
			   TALLOC_CTX *tmp, bool trusting)
{
	char *q = um_trust_add_rekey_text(tmp, p, trusting ?
					  UM_OP_ADD_TRUSTING :
					  UM_OP_ADD_TRUSTED, c->partner);
	int answer = 'y';

	if (q == NULL) {
		return false;
	}
	if (c->yes) {
		um_out_printf(stderr, "usrmgr: %s\n", q);
	} else {
		answer = um_prompt_choice(talloc_asprintf(tmp, "%s [y/N] ",
							  q));
	}
	if (answer < 0) {
		um_out_printf(stderr, "usrmgr: %s\n",
			      um_trust_add_rekey_yes_note(p));
	}
	if (answer != 'y') {
		return false;
	}
	um_trust_set_rekey_by_hand(p, true);
	return true;
}

/* One Add Trusting or Add Trusted Domain with the password PW. */
static struct um_status add_once(const struct um_cli *c, struct um_pdc *p,
				 struct um_secret *pw, bool trusting)
{
	const char *outcome;
	struct um_status st;

	if (!trusting) {
		st = um_trust_add_trusted(p, c->partner, c->partner_pdc, pw);
		outcome = um_trust_rekey_outcome(p);
		if (um_is_ok(st) && outcome != NULL) {
			um_out_printf(stdout, "%s\n", outcome);
		}
		return st;
	}
	st = um_trust_add_trusting(p, c->partner, pw, pw);
	if (um_status_is(st, UM_KIND_NT, UM_NT_NO_SUCH_DOMAIN) &&
	    c->partner_pdc == NULL) {
		/* a PDC cannot locate a domain it no longer knows */
		um_out_printf(stderr, "usrmgr: %s\n",
			_("note: name the partner's PDC with "
			  "--partner-pdc (and its admin with "
			  "--partner-authfile)"));
	}
	return st;
}

/* Add Trusting Domain (TRUSTING: the initial password, twice) or Add
 * Trusted Domain (the password the partner was given). */
static struct um_status add_partner(const struct um_cli *c,
				    struct um_model *m, struct um_pdc *p,
				    TALLOC_CTX *tmp, bool trusting)
{
	struct um_secret *pw = NULL;
	struct um_status st;

	open_partner(c, m);
	st = read_password(c, tmp, trusting ? _("Initial Password: ")
					    : _("Password: "),
			   trusting, &pw);
	if (!um_is_ok(st)) {
		return st;
	}
	st = add_once(c, p, pw, trusting);
	if (um_status_is(st, UM_KIND_LOCAL, UM_LOCAL_NOT_SUPPORTED) &&
	    rekey_accepted(c, p, tmp, trusting)) {
		st = add_once(c, p, pw, trusting);
		um_trust_set_rekey_by_hand(p, false);
	}
	return st;
}

static int verb_partner(const struct um_cli *c, struct um_model *m)
{
	TALLOC_CTX *tmp = talloc_new(m);
	struct um_pdc *p;
	struct um_status st = need_pdc(c, m, &p);
	const char *done = "";
	char *name = NULL;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(simple_verbs) / sizeof(simple_verbs[0]); i++) {
		if (strcmp(c->verb, simple_verbs[i].verb) == 0) {
			break;
		}
	}
	if (!um_is_ok(st)) {
		/* fall through to the report */
	} else if (i < sizeof(simple_verbs) / sizeof(simple_verbs[0])) {
		st = simple_verbs[i].op(p, c->partner);
		done = _(simple_verbs[i].done);
	} else if (strcmp(c->verb, "add-trusting") == 0) {
		st = add_partner(c, m, p, tmp, true);
		done = _("Added to the Trusting Domains.");
	} else {
		st = add_partner(c, m, p, tmp, false);
		um_name_normalise(tmp, c->partner, &name);
		done = talloc_asprintf(tmp, _("Trust Relationship With %s "
					      "Successfully Established"),
				       name ? name : c->partner);
	}
	rc = report(c, st, done);
	talloc_free(tmp);
	return rc;
}

static int verb_logon_test(const struct um_cli *c, struct um_model *m)
{
	TALLOC_CTX *tmp = talloc_new(m);
	struct um_secret *pw = NULL;
	struct um_pdc *p;
	struct um_status st = need_pdc(c, m, &p);
	char *prompt = talloc_asprintf(tmp, _("Password for %s: "),
				       c->test_user);
	int rc;

	if (um_is_ok(st)) {
		st = read_password(c, tmp, prompt, false, &pw);
	}
	if (um_is_ok(st)) {
		st = um_logon_test(p, c->test_user, pw);
	}
	rc = report(c, st, _("The logon succeeded."));
	talloc_free(tmp);
	return rc;
}

/* ---- verbs on a pair -------------------------------------------------- */

static const char *yes_no(bool b)
{
	return b ? _("yes") : _("no");
}

static const char *reach_text(struct um_status reach)
{
	return um_is_ok(reach) ? _("reachable") : um_status_text(reach);
}

static void print_diagnosis(const struct um_diagnosis *d)
{
	const char *res = d->resource ? d->resource : "?";
	const char *acc = d->accounts ? d->accounts : "?";

	um_out_printf(stdout, _("Resource domain %s (PDC %s): %s\n"), res,
		      d->resource_pdc, reach_text(d->resource_reach));
	um_out_printf(stdout, _("Accounts domain %s (PDC %s): %s\n"), acc,
		      d->accounts_pdc, reach_text(d->accounts_reach));
	um_out_printf(stdout, _("  %s in the %s domain's Trusted Domains:  "
				"%s\n"), acc, res, yes_no(d->resource_trusts));
	um_out_printf(stdout, _("  %s in the %s domain's Trusting Domains: "
				"%s\n"), res, acc, yes_no(d->accounts_lists));
	if (d->verified) {
		um_out_printf(stdout, _("  Secure channel:  %s\n"),
			      um_status_text(d->verify));
	}
	if (d->reset) {
		um_out_printf(stdout, _("  After a reset:   %s\n"),
			      um_status_text(d->verify_after_reset));
	}
	if (d->logon_tested) {
		um_out_printf(stdout, _("  Logon test:      %s\n"),
			      um_status_text(d->logon));
	}
	um_out_printf(stdout, "\n%s\n%s\n", um_verdict_text(d->verdict),
		      um_verdict_advice(d->verdict));
}

static void json_side_status(struct json_object *o, const char *key,
			     bool ran, struct um_status st)
{
	json_object_object_add(o, key, ran ? json_status(st) : NULL);
}

static void json_diagnosis(const struct um_diagnosis *d)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "ok", json_object_new_boolean(1));
	json_add_str(o, "verdict", um_verdict_key(d->verdict));
	json_object_object_add(o, "healthy",
		json_object_new_boolean(d->verdict == UM_VERDICT_HEALTHY));
	json_add_str(o, "resource_domain", d->resource);
	json_add_str(o, "accounts_domain", d->accounts);
	json_add_str(o, "resource_pdc", d->resource_pdc);
	json_add_str(o, "accounts_pdc", d->accounts_pdc);
	json_side_status(o, "resource_reach", true, d->resource_reach);
	json_side_status(o, "accounts_reach", true, d->accounts_reach);
	json_object_object_add(o, "resource_trusts_accounts",
			       json_object_new_boolean(d->resource_trusts));
	json_object_object_add(o, "accounts_lists_resource",
			       json_object_new_boolean(d->accounts_lists));
	json_side_status(o, "verify", d->verified, d->verify);
	json_side_status(o, "verify_after_reset", d->reset,
			 d->verify_after_reset);
	json_side_status(o, "logon_test", d->logon_tested, d->logon);
	json_add_str(o, "advice", um_verdict_advice(d->verdict));
	json_print(o);
}

static int verb_diagnose(const struct um_cli *c, struct um_model *m)
{
	TALLOC_CTX *tmp = talloc_new(m);
	struct um_secret *pw = NULL;
	struct um_diagnosis *d;
	struct um_status st = um_ok();
	int rc;

	um_model_set_authfile(m, c->resource_pdc, c->resource_authfile);
	um_model_set_authfile(m, c->accounts_pdc, c->accounts_authfile);
	if (c->test_user != NULL) {
		char *prompt = talloc_asprintf(tmp, _("Password for %s: "),
					       c->test_user);
		st = read_password(c, tmp, prompt, false, &pw);
	}
	if (um_is_ok(st)) {
		st = um_diagnose(m, c->resource_pdc, c->accounts_pdc,
				 c->test_user, pw, tmp, &d);
	}
	if (!um_is_ok(st)) {
		rc = report(c, st, NULL);
	} else {
		if (c->json) {
			json_diagnosis(d);
		} else {
			print_diagnosis(d);
		}
		rc = d->verdict == UM_VERDICT_HEALTHY ? UM_EXIT_OK
						      : UM_EXIT_FAILED;
	}
	talloc_free(tmp);
	return rc;
}

static int verb_repair(const struct um_cli *c, struct um_model *m)
{
	struct um_journal *j;
	struct um_status st = um_journal_open(m, c->journal, &j);
	int rc;

	if (!um_is_ok(st)) {
		um_out_printf(stderr, _("usrmgr: the journal %s cannot be "
					"written: %s\n"),
			c->journal ? c->journal : "", um_status_text(st));
		return UM_EXIT_USAGE;
	}
	um_model_set_authfile(m, c->resource_pdc, c->resource_authfile);
	um_model_set_authfile(m, c->accounts_pdc, c->accounts_authfile);
	rc = um_cli_repair(c, m, j);
	talloc_free(j);
	return rc;
}

int um_cli_report(const struct um_cli *c, struct um_status st,
		  const char *success)
{
	return report(c, st, success);
}

struct um_status um_cli_read_password(const struct um_cli *c,
				      TALLOC_CTX *mem, const char *prompt,
				      bool confirm, struct um_secret **out)
{
	return read_password(c, mem, prompt, confirm, out);
}

static int run_verb(struct um_cli *c, struct um_model *m)
{
	if (strcmp(c->noun, "policy") == 0) {
		return um_cli_policy(c, m);
	}
	if (strcmp(c->noun, "user") == 0) {
		return um_cli_user(c, m);
	}
	if (strcmp(c->noun, "group") == 0) {
		return um_cli_group(c, m);
	}
	if (strcmp(c->verb, "list") == 0) {
		return verb_list(c, m);
	}
	if (strcmp(c->verb, "logon-test") == 0) {
		return verb_logon_test(c, m);
	}
	if (strcmp(c->verb, "diagnose") == 0) {
		return verb_diagnose(c, m);
	}
	if (strcmp(c->verb, "repair") == 0) {
		return verb_repair(c, m);
	}
	return verb_partner(c, m);
}

int um_cli_run(struct um_cli *c, struct um_model *m)
{
	int rc = run_verb(c, m);
	char *note = um_model_unkept_note(m, m, true);

	/* Simulated changes without --state end with this process: one
	 * line on stderr (stdout may be the JSON document). */
	if (note != NULL) {
		um_out_printf(stderr, "usrmgr: %s\n", note);
		talloc_free(note);
	}
	return rc;
}
