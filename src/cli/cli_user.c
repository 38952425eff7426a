/*
 * usrmgr - the `user` verbs: User Manager's User menu from a shell, each
 * a thin layer over one engine call (accounts.h), printing for people
 * or, with --json, one object for scripts.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <json-c/json.h>

#include "cli.h"
#include "out.h"
#include "accounts.h"
#include "prompt.h"
#include "i18n.h"

/* ---- the words -------------------------------------------------------- */

/* Each verb and how many names it takes after `user VERB`. */
static const struct {
	const char *verb;
	int names;
} user_verbs[] = {
	{ "list", 0 }, { "show", 1 }, { "add", 1 }, { "set", 1 },
	{ "copy", 2 }, { "rename", 2 }, { "delete", 1 }, { "unlock", 1 },
	{ "password", 1 },
};

bool um_cli_user_words(struct um_cli *c, int n, char **words)
{
	size_t i;

	c->noun = words[0];
	if (n < 2) {
		return um_cli_usage_error("%s", _("user: a verb is missing"));
	}
	c->verb = words[1];
	for (i = 0; i < sizeof(user_verbs) / sizeof(user_verbs[0]); i++) {
		if (strcmp(c->verb, user_verbs[i].verb) == 0) {
			break;
		}
	}
	if (i == sizeof(user_verbs) / sizeof(user_verbs[0])) {
		return um_cli_usage_error(_("unknown verb: %s"), c->verb);
	}
	if (n - 2 != user_verbs[i].names) {
		return um_cli_usage_error(user_verbs[i].names == 2
				  ? _("user %s: name the user and the new "
				      "name")
				  : user_verbs[i].names == 1
				  ? _("user %s: name one user")
				  : _("user %s: too many arguments"),
				  c->verb);
	}
	c->account = n > 2 ? words[2] : NULL;
	c->new_account = n > 3 ? words[3] : NULL;
	return true;
}

/* ---- properties from the options -------------------------------------- */

static const struct {
	enum um_cli_user_opt opt;
	uint32_t flag;
} flag_opts[] = {
	{ UM_UOPT_MUST_CHANGE, UM_ACCT_MUST_CHANGE },
	{ UM_UOPT_CANNOT_CHANGE, UM_ACCT_CANNOT_CHANGE },
	{ UM_UOPT_NEVER_EXPIRES, UM_ACCT_NEVER_EXPIRES },
	{ UM_UOPT_DISABLED, UM_ACCT_DISABLED },
};

static const struct {
	enum um_cli_user_opt opt;
	uint32_t field;
	size_t offset;
} text_opts[] = {
	{ UM_UOPT_FULL_NAME, UM_FIELD_FULL_NAME,
	  offsetof(struct um_account, full_name) },
	{ UM_UOPT_DESCRIPTION, UM_FIELD_DESCRIPTION,
	  offsetof(struct um_account, description) },
	{ UM_UOPT_PROFILE, UM_FIELD_PROFILE,
	  offsetof(struct um_account, profile) },
	{ UM_UOPT_SCRIPT, UM_FIELD_SCRIPT,
	  offsetof(struct um_account, script) },
	{ UM_UOPT_HOME_DIR, UM_FIELD_HOME_DIR,
	  offsetof(struct um_account, home_dir) },
	{ UM_UOPT_HOME_DRIVE, UM_FIELD_HOME_DRIVE,
	  offsetof(struct um_account, home_drive) },
	{ UM_UOPT_WORKSTATIONS, UM_FIELD_WORKSTATIONS,
	  offsetof(struct um_account, workstations) },
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

static struct um_status yes_no(const char *opt, const char *v, bool *out)
{
	if (strcmp(v, "yes") == 0 || strcmp(v, "no") == 0) {
		*out = v[0] == 'y';
		return um_ok();
	}
	um_cli_usage_error(_("--%s: yes or no, not %s"), opt, v);
	return um_local(UM_LOCAL_USAGE);
}

static const char *const flag_names[] = {
	"must-change", "cannot-change", "never-expires", "disabled",
};

/* "G1,G2" as a list in A (owned by A's name's context: the CLI's). */
static struct um_status groups_from(const char *v, struct um_account *a)
{
	char *copy, *save = NULL, *g;

	/* the list owns the names: free_groups() frees both */
	a->groups = talloc_zero_array(NULL, char *, strlen(v) + 1);
	copy = talloc_strdup(a->groups, v);
	if (copy == NULL || a->groups == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	for (g = strtok_r(copy, ",", &save); g != NULL;
	     g = strtok_r(NULL, ",", &save)) {
		a->groups[a->n_groups++] = g;
	}
	a->fields |= UM_FIELD_GROUPS;
	return um_ok();
}

static struct um_status free_groups(struct um_account *a,
				   struct um_status st)
{
	talloc_free(a->groups);
	a->groups = NULL;
	return st;
}

/* --hours, --account, --groups, --primary-group. */
static struct um_status more_from(const struct um_cli *c,
				  struct um_account *a)
{
	const char *hours = c->user_opt[UM_UOPT_HOURS];
	const char *type = c->user_opt[UM_UOPT_ACCOUNT];
	const char *groups = c->user_opt[UM_UOPT_GROUPS];
	const char *primary = c->user_opt[UM_UOPT_PRIMARY_GROUP];
	struct um_status st = um_ok();

	if (hours != NULL) {
		st = um_user_hours_parse(hours, a->logon_hours);
		a->fields |= UM_FIELD_LOGON_HOURS;
	}
	if (um_is_ok(st) && type != NULL) {
		if (strcmp(type, "local") != 0 && strcmp(type, "global") != 0) {
			um_cli_usage_error(_("--account: local or global, "
					     "not %s"), type);
			return um_local(UM_LOCAL_USAGE);
		}
		a->local_account = strcmp(type, "local") == 0;
		a->fields |= UM_FIELD_ACCOUNT_TYPE;
	}
	if (um_is_ok(st) && (groups != NULL || primary != NULL)) {
		/* --primary-group alone: the membership as it is */
		st = groups != NULL ? groups_from(groups, a)
				    : um_local(UM_LOCAL_USAGE);
		if (groups == NULL) {
			um_cli_usage_error(_("--primary-group needs --groups "
					     "(the whole list)"));
		}
		a->primary_group = (char *)primary;
	}
	return st;
}

/* The account NAME with the properties the options name. */
static struct um_status account_from(const struct um_cli *c,
				     const char *name, struct um_account *a)
{
	struct um_status st = um_ok();
	size_t i;
	bool yes = false;

	memset(a, 0, sizeof(*a));
	a->name = (char *)name;
	for (i = 0; i < N_OF(text_opts); i++) {
		const char *v = c->user_opt[text_opts[i].opt];

		if (v != NULL) {
			memcpy((char *)a + text_opts[i].offset, &v, sizeof(v));
			a->fields |= text_opts[i].field;
		}
	}
	for (i = 0; i < N_OF(flag_opts) && um_is_ok(st); i++) {
		const char *v = c->user_opt[flag_opts[i].opt];

		if (v == NULL) {
			continue;
		}
		st = yes_no(flag_names[i], v, &yes);
		a->fields |= UM_FIELD_FLAGS;
		a->flags_mask |= flag_opts[i].flag;
		a->flags |= yes ? flag_opts[i].flag : 0;
	}
	if (um_is_ok(st) && c->user_opt[UM_UOPT_EXPIRES] != NULL) {
		st = um_user_expires_parse(c->user_opt[UM_UOPT_EXPIRES],
					   &a->expires);
		a->fields |= UM_FIELD_EXPIRES;
		if (!um_is_ok(st)) {
			um_cli_usage_error(_("--expires: YYYY-MM-DD or never, not %s"),
				   c->user_opt[UM_UOPT_EXPIRES]);
		}
	}
	if (um_is_ok(st)) {
		st = more_from(c, a);
	}
	return st;
}

/* ---- output ----------------------------------------------------------- */

static void json_put(struct json_object *o, const char *key, const char *v)
{
	json_object_object_add(o, key, v ? json_object_new_string(v) : NULL);
}

static void json_print(struct json_object *o)
{
	printf("%s\n", json_object_to_json_string_ext(
			       o, JSON_C_TO_STRING_PLAIN |
					  JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}

/* JSON keys, as the scenario files name the flags. */
static const char *const flag_keys[] = {
	"must_change_password", "cannot_change_password",
	"password_never_expires", "disabled", "locked",
};

/* Hours, account type and groups (the keys are English, as DESIGN). */
static void json_add_more(struct json_object *o, const struct um_account *a)
{
	struct json_object *groups = json_object_new_array();
	char *hours = um_user_hours_text(NULL, a->logon_hours);
	size_t i;

	json_put(o, "logon_hours", hours);
	talloc_free(hours);
	json_put(o, "account", a->local_account ? "local" : "global");
	for (i = 0; i < a->n_groups; i++) {
		json_object_array_add(groups,
				      json_object_new_string(a->groups[i]));
	}
	json_object_object_add(o, "groups", groups);
	json_put(o, "primary_group", a->primary_group);
}

static struct json_object *json_account(const struct um_account *a)
{
	struct json_object *o = json_object_new_object();
	char buf[16];
	size_t i;

	json_object_object_add(o, "ok", json_object_new_boolean(1));
	json_put(o, "name", a->name);
	json_put(o, "full_name", a->full_name);
	json_put(o, "description", a->description);
	for (i = 0; i < N_OF(flag_keys); i++) {
		json_object_object_add(o, flag_keys[i],
			json_object_new_boolean((a->flags >> i) & 1u));
	}
	json_put(o, "profile", a->profile);
	json_put(o, "logon_script", a->script);
	json_put(o, "home_dir", a->home_dir);
	json_put(o, "home_drive", a->home_drive);
	json_put(o, "workstations", a->workstations);
	json_put(o, "expires", um_user_expires_text(a->expires, buf));
	json_add_more(o, a);
	return o;
}

/* Hours (in the --hours grammar, UTC), account type, groups. */
static void print_more(const struct um_account *a)
{
	char *hours = um_user_hours_text(NULL, a->logon_hours);
	size_t i;

	printf("%-40s %s\n", _("Logon Hours (UTC):"), hours ? hours : "");
	talloc_free(hours);
	printf("%-40s %s\n", _("Account Type:"), a->local_account
		? _("Local Account") : _("Global Account"));
	printf("%-40s", _("Member Of:"));
	for (i = 0; i < a->n_groups; i++) {
		printf("%s%s", i > 0 ? ", " : " ", a->groups[i]);
	}
	printf("\n%-40s %s\n", _("Primary Group:"),
	       a->primary_group != NULL ? a->primary_group : "");
}

static void print_account(const struct um_account *a)
{
	const char *yes = _("yes"), *no = _("no");
	char buf[16];
	const char *words[] = {
		_("User Must Change Password at Next Logon"),
		_("User Cannot Change Password"),
		_("Password Never Expires"),
		_("Account Disabled"),
		_("Account Locked Out"),
	};
	size_t i;

	printf("%-40s %s\n", _("Username:"), a->name);
	printf("%-40s %s\n", _("Full Name:"), a->full_name);
	printf("%-40s %s\n", _("Description:"), a->description);
	for (i = 0; i < N_OF(words); i++) {
		printf("%-40s %s\n", words[i], (a->flags >> i) & 1u ? yes : no);
	}
	printf("%-40s %s\n", _("User Profile Path:"), a->profile);
	printf("%-40s %s\n", _("Logon Script Name:"), a->script);
	printf("%-40s %s %s\n", _("Home Directory:"), a->home_drive,
	       a->home_dir);
	printf("%-40s %s\n", _("Logon To:"), *a->workstations != '\0'
		? a->workstations : _("All Workstations"));
	printf("%-40s %s\n", _("Account Expires:"), a->expires == 0
		? _("Never") : um_user_expires_text(a->expires, buf));
	print_more(a);
}

/* ---- the verbs -------------------------------------------------------- */

static int verb_list(const struct um_cli *c, struct um_pdc *p)
{
	TALLOC_CTX *tmp = talloc_new(p);
	struct json_object *arr = json_object_new_array();
	struct um_page page = { 0 };
	struct um_status st;

	do {
		struct um_user *u;
		size_t n, i;

		st = um_users_page(p, tmp, &page, &u, &n);
		for (i = 0; um_is_ok(st) && i < n; i++) {
			struct json_object *o = json_object_new_object();

			json_put(o, "name", u[i].name);
			json_put(o, "full_name", u[i].full_name);
			json_put(o, "description", u[i].description);
			json_object_array_add(arr, o);
			if (!c->json) {
				printf("%-20s  %-24s  %s\n", u[i].name,
				       u[i].full_name ? u[i].full_name : "",
				       u[i].description ? u[i].description
							: "");
			}
		}
	} while (um_is_ok(st) && page.more);
	talloc_free(tmp);
	if (um_is_ok(st) && c->json) {
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "ok", json_object_new_boolean(1));
		json_object_object_add(o, "users", arr);
		json_print(o);
		return UM_EXIT_OK;
	}
	json_object_put(arr);
	return um_is_ok(st) ? UM_EXIT_OK : um_cli_report(c, st, NULL);
}

static int verb_show(const struct um_cli *c, struct um_pdc *p)
{
	TALLOC_CTX *tmp = talloc_new(p);
	struct um_account *a;
	struct um_status st = um_user_query(p, c->account, tmp, &a);
	int rc = UM_EXIT_OK;

	if (!um_is_ok(st)) {
		rc = um_cli_report(c, st, NULL);
	} else if (c->json) {
		json_print(json_account(a));
	} else {
		print_account(a);
	}
	talloc_free(tmp);
	return rc;
}

/* add, copy: a new user, its password asked twice (or from a file). */
static struct um_status new_user(const struct um_cli *c, struct um_pdc *p,
				 TALLOC_CTX *tmp, bool copy)
{
	const char *name = copy ? c->new_account : c->account;
	struct um_secret *pw = NULL;
	struct um_account a;
	struct um_status st = account_from(c, name, &a);

	/* the name first: no password asked for a user that cannot be */
	if (um_is_ok(st)) {
		st = um_user_name_check(name);
	}
	if (um_is_ok(st)) {
		st = um_cli_read_password(c, tmp, _("Password: "), true, &pw);
	}
	if (!um_is_ok(st)) {
		return free_groups(&a, st);
	}
	return free_groups(&a, copy ? um_user_copy(p, c->account, &a, pw, pw)
				    : um_user_add(p, &a, pw, pw));
}

static struct um_status set_user(const struct um_cli *c, struct um_pdc *p)
{
	struct um_account a;
	struct um_status st = account_from(c, c->account, &a);

	if (um_is_ok(st) && a.fields == 0) {
		um_cli_usage_error("%s", _("user set: name a property to change"));
		st = um_local(UM_LOCAL_USAGE);
	}
	return free_groups(&a, um_is_ok(st) ? um_user_set(p, &a) : st);
}

/* NT's warning before Delete; --yes answers it. */
static struct um_status delete_user(const struct um_cli *c, struct um_pdc *p)
{
	int answer;

	if (!c->yes) {
		answer = um_prompt_choice(
			_("Each user account is represented by a unique "
			  "identifier which is independent of the user "
			  "name. Once this user account is deleted, even "
			  "creating an identically named user account in the "
			  "future will not restore access to resources which "
			  "currently include this user account in their "
			  "access control lists. Delete the account? [y/N] "));
		if (answer < 0) {
			fprintf(stderr, "usrmgr: %s\n",
				_("no terminal to confirm on: pass --yes"));
			return um_local(UM_LOCAL_USAGE);
		}
		if (answer != 'y') {
			return um_local(UM_LOCAL_CANCELLED);
		}
	}
	return um_user_delete(p, c->account);
}

static struct um_status password_user(const struct um_cli *c,
				      struct um_pdc *p, TALLOC_CTX *tmp)
{
	struct um_secret *pw = NULL;
	struct um_status st = um_cli_read_password(c, tmp, _("Password: "),
						   true, &pw);

	return um_is_ok(st) ? um_user_password(p, c->account, pw, pw) : st;
}

static struct um_status change(const struct um_cli *c, struct um_pdc *p,
			       TALLOC_CTX *tmp, const char **done)
{
	const char *v = c->verb;

	if (strcmp(v, "add") == 0 || strcmp(v, "copy") == 0) {
		*done = _("The user account was created.");
		return new_user(c, p, tmp, v[0] == 'c');
	}
	if (strcmp(v, "set") == 0) {
		*done = _("The user account was changed.");
		return set_user(c, p);
	}
	if (strcmp(v, "rename") == 0) {
		*done = _("The user account was renamed.");
		return um_user_rename(p, c->account, c->new_account);
	}
	if (strcmp(v, "delete") == 0) {
		*done = _("The user account was deleted.");
		return delete_user(c, p);
	}
	if (strcmp(v, "unlock") == 0) {
		*done = _("The user account is no longer locked out.");
		return um_user_unlock(p, c->account);
	}
	*done = _("The password was changed.");
	return password_user(c, p, tmp);
}

int um_cli_user(const struct um_cli *c, struct um_model *m)
{
	TALLOC_CTX *tmp;
	struct um_pdc *p;
	struct um_status st;
	const char *done = NULL;
	int rc;

	if (c->pdc == NULL) {
		fprintf(stderr, "usrmgr: %s\n",
			_("name the domain controller to work on with -S PDC"));
		return UM_EXIT_USAGE;
	}
	st = um_pdc_get(m, c->pdc, &p);
	if (!um_is_ok(st)) {
		return um_cli_report(c, st, NULL);
	}
	if (strcmp(c->verb, "list") == 0) {
		return verb_list(c, p);
	}
	if (strcmp(c->verb, "show") == 0) {
		return verb_show(c, p);
	}
	tmp = talloc_new(p);
	st = change(c, p, tmp, &done);
	rc = um_cli_report(c, st, done);
	talloc_free(tmp);
	return rc;
}
