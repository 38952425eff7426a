/*
 * usrmgr - user accounts: the NT rules, checked before any PDC is asked,
 * and the operations of the User menu over the backend's table.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#define _GNU_SOURCE /* strptime, timegm, strtok_r */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "accounts.h"
#include "backend.h"
#include "names.h"
#include "i18n.h"
#include "user_groups.h"

/* User Manager's list (the Username field refuses these). */
static const char user_forbidden[] = "\"/\\[]:;|,+*?<>";

/* Characters, not bytes: a name may hold accented letters. */
static size_t utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++) {
		if (((unsigned char)*s & 0xC0) != 0x80) {
			n++;
		}
	}
	return n;
}

struct um_status um_user_name_check(const char *name)
{
	bool only_dots_spaces = true;
	const char *c;

	if (name == NULL || *name == '\0') {
		return um_local(UM_LOCAL_BAD_USER_NAME);
	}
	for (c = name; *c != '\0'; c++) {
		unsigned char u = (unsigned char)*c;

		if (u < 0x20 || u == 0x7f || strchr(user_forbidden, u)) {
			return um_local(UM_LOCAL_BAD_USER_NAME);
		}
		if (u != '.' && u != ' ') {
			only_dots_spaces = false;
		}
	}
	if (only_dots_spaces) {
		return um_local(UM_LOCAL_BAD_USER_NAME);
	}
	if (utf8_chars(name) > UM_USER_NAME_MAX) {
		return um_local(UM_LOCAL_USER_NAME_TOO_LONG);
	}
	return um_ok();
}

/* Logon To holds at most 8 names (NT's dialog has eight fields). */
struct um_status um_user_workstations_check(const char *list)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	char *copy = talloc_strdup(tmp, list != NULL ? list : "");
	char *save = NULL, *w, *norm;
	unsigned n = 0;
	struct um_status st = copy != NULL ? um_ok()
					   : um_local(UM_LOCAL_NO_MEMORY);

	for (w = copy ? strtok_r(copy, ",", &save) : NULL;
	     w != NULL && um_is_ok(st); w = strtok_r(NULL, ",", &save)) {
		if (++n > 8 ||
		    !um_is_ok(um_name_normalise(tmp, w, &norm))) {
			st = um_local(UM_LOCAL_TOO_MANY_WORKSTATIONS);
		}
	}
	talloc_free(tmp);
	return st;
}

struct um_status um_user_expires_parse(const char *text, int64_t *out)
{
	struct tm tm = { 0 };
	char *end;

	if (strcmp(text, "never") == 0) {
		*out = 0;
		return um_ok();
	}
	end = strptime(text, "%Y-%m-%d", &tm);
	if (end == NULL || *end != '\0' || tm.tm_year < 70) {
		return um_local(UM_LOCAL_BAD_DATE);
	}
	*out = (int64_t)timegm(&tm) + 86400;
	return um_ok();
}

const char *um_user_expires_text(int64_t expires, char buf[16])
{
	time_t t = (time_t)(expires - 86400);
	struct tm tm;

	if (expires == 0 || gmtime_r(&t, &tm) == NULL) {
		return "never";
	}
	strftime(buf, 16, "%Y-%m-%d", &tm);
	return buf;
}

/* ---- User Properties' sub-dialogs: their rules (Hours: hours.c) ---- */

/* NT's Connect list: the letters A: to Z:, either case. */
struct um_status um_user_home_drive_check(const char *drive)
{
	char letter = drive != NULL ? (char)(drive[0] & ~0x20) : '\0';

	if (strlen(drive != NULL ? drive : "") != 2 || drive[1] != ':' ||
	    letter < 'A' || letter > 'Z') {
		return um_local(UM_LOCAL_BAD_HOME_DRIVE);
	}
	return um_ok();
}

/* One part of a UNC path: not empty, no characters a share or a file
 * name cannot hold. */
static bool unc_part_ok(const char *s, size_t n)
{
	size_t i;

	if (n == 0) {
		return false;
	}
	for (i = 0; i < n; i++) {
		unsigned char u = (unsigned char)s[i];

		if (u < 0x20 || strchr("/:*?\"<>|", u) != NULL) {
			return false;
		}
	}
	return true;
}

/* \\server\share, then any number of \directory. */
struct um_status um_user_unc_check(const char *path)
{
	const char *p, *sep;
	int parts = 0;

	if (path == NULL || strncmp(path, "\\\\", 2) != 0) {
		return um_local(UM_LOCAL_BAD_HOME_PATH);
	}
	for (p = path + 2; ; p = sep + 1) {
		sep = strchr(p, '\\');
		if (sep == NULL) {
			sep = p + strlen(p);
		}
		/* a trailing backslash after the share is harmless */
		if (sep == p && *sep == '\0' && parts >= 2) {
			break;
		}
		if (!unc_part_ok(p, (size_t)(sep - p))) {
			return um_local(UM_LOCAL_BAD_HOME_PATH);
		}
		parts++;
		if (*sep == '\0') {
			break;
		}
	}
	return parts >= 2 ? um_ok() : um_local(UM_LOCAL_BAD_HOME_PATH);
}

struct um_status um_user_home_check(const char *drive, const char *dir)
{
	struct um_status st;

	if (drive == NULL || *drive == '\0') {
		return um_ok(); /* a local path: the server's to judge */
	}
	st = um_user_home_drive_check(drive);
	return um_is_ok(st) ? um_user_unc_check(dir) : st;
}

static bool has_group(const struct um_account *a, const char *group)
{
	size_t i;

	for (i = 0; i < a->n_groups; i++) {
		if (strcasecmp(a->groups[i], group) == 0) {
			return true;
		}
	}
	return false;
}

struct um_status um_user_group_remove_check(const struct um_account *a,
					    const char *group)
{
	if (a->primary_group != NULL &&
	    strcasecmp(a->primary_group, group) == 0) {
		return um_nt(UM_NT_MEMBERS_PRIMARY_GROUP);
	}
	return um_ok();
}

struct um_status um_user_primary_check(const struct um_account *a,
				       const char *group, bool local)
{
	if (group == NULL || !has_group(a, group)) {
		return um_local(UM_LOCAL_PRIMARY_NOT_MEMBER);
	}
	return local ? um_local(UM_LOCAL_PRIMARY_NOT_GLOBAL) : um_ok();
}

struct um_status um_user_flags_check(uint32_t flags)
{
	const uint32_t excludes = UM_ACCT_CANNOT_CHANGE |
				  UM_ACCT_NEVER_EXPIRES;

	if ((flags & UM_ACCT_MUST_CHANGE) != 0 && (flags & excludes) != 0) {
		return um_local(UM_LOCAL_PASSWORD_FLAGS);
	}
	return um_ok();
}

/* Everything a change or a new user carries that an NT rule covers. */
static struct um_status account_check(const struct um_account *a)
{
	struct um_status st = um_user_name_check(a->name);

	if (um_is_ok(st)) { /* a new user has every flag it names */
		st = um_user_flags_check(a->flags);
	}
	if (um_is_ok(st) && (a->fields & UM_FIELD_WORKSTATIONS) != 0) {
		st = um_user_workstations_check(a->workstations);
	}
	return st;
}

static struct um_status password_check(const struct um_secret *password,
				       const struct um_secret *confirm)
{
	if (password == NULL) {
		return um_ok();
	}
	if (confirm != NULL && !um_secret_equal(password, confirm)) {
		return um_local(UM_LOCAL_PASSWORD_MISMATCH);
	}
	return um_secret_check(password);
}

static struct um_status run(struct um_pdc *p, size_t slot,
			    const struct um_args *args, TALLOC_CTX *mem,
			    struct um_reply *reply, const char *what)
{
	TALLOC_CTX *tmp = mem != NULL ? NULL : talloc_new(p);
	struct um_reply scratch;
	struct um_status st;

	st = um_pdc_call(p, slot, args, mem != NULL ? mem : tmp,
			 reply != NULL ? reply : &scratch, what);
	talloc_free(tmp);
	return st;
}

#define SLOT(name) offsetof(struct um_backend_ops, name)

struct um_status um_user_query(struct um_pdc *p, const char *name,
			       TALLOC_CTX *mem, struct um_account **out)
{
	struct um_args args = { .user = name };
	struct um_reply reply;
	struct um_status st;

	*out = NULL;
	st = run(p, SLOT(query_user), &args, mem, &reply,
		 _("Reading the user account..."));
	if (um_is_ok(st)) {
		*out = reply.account;
	}
	return st;
}

/* A without its group membership: what one SetUserInfo carries. */
static struct um_account without_groups(const struct um_account *a)
{
	struct um_account b = *a;

	b.fields &= ~(uint32_t)UM_FIELD_GROUPS;
	return b;
}

static bool has_groups(const struct um_account *a)
{
	return (a->fields & UM_FIELD_GROUPS) != 0;
}

/* The membership A asks for, onto the user as the PDC now has it. */
static struct um_status change_groups(struct um_pdc *p,
				      const struct um_account *a,
				      bool keep_primary)
{
	TALLOC_CTX *tmp = talloc_new(p);
	struct um_account *cur;
	struct um_groups_plan *plan;
	struct um_status st = um_user_query(p, a->name, tmp, &cur);

	if (um_is_ok(st)) {
		st = um_user_groups_plan(p, a, cur, keep_primary, tmp, &plan);
	}
	if (um_is_ok(st)) {
		st = um_user_groups_apply(p, cur->name, plan);
	}
	talloc_free(tmp);
	return st;
}

/* Before a user is created: its groups exist, the primary is global. */
static struct um_status new_groups_check(struct um_pdc *p,
					 const struct um_account *a)
{
	TALLOC_CTX *tmp = talloc_new(p);
	struct um_groups_plan *plan;
	struct um_status st = um_user_groups_plan(p, a, NULL, true, tmp,
						  &plan);

	talloc_free(tmp);
	return st;
}

struct um_status um_user_add(struct um_pdc *p, const struct um_account *a,
			     const struct um_secret *password,
			     const struct um_secret *confirm)
{
	struct um_account plain = without_groups(a);
	struct um_args args = { .user = a->name, .account = &plain,
				.password = password };
	struct um_status st = account_check(a);

	if (um_is_ok(st)) {
		st = password_check(password, confirm);
	}
	if (um_is_ok(st) && has_groups(a)) {
		st = new_groups_check(p, a);
	}
	if (um_is_ok(st)) {
		st = run(p, SLOT(add_user), &args, NULL, NULL,
			 _("Creating the user account..."));
	}
	if (um_is_ok(st) && has_groups(a)) {
		st = change_groups(p, a, true);
		/* the groups refused (their steps undone): no half-made
		 * user either, as the backend leaves none when its own
		 * steps fail (the delete is best effort) */
		if (!um_is_ok(st)) {
			um_user_delete(p, a->name);
		}
	}
	return st;
}

/* Measured on the lab: Samba AD 4.17 answers NT_STATUS_UNSUCCESSFUL to
 * a level-21 change that sets ACB_TEMPDUP, and changes nothing. */
static struct um_status refused_type(const struct um_account *a,
				     struct um_status st)
{
	if ((a->fields & UM_FIELD_ACCOUNT_TYPE) && a->local_account &&
	    um_status_is(st, UM_KIND_NT, UM_NT_UNSUCCESSFUL)) {
		return um_local(UM_LOCAL_NO_LOCAL_ACCOUNT);
	}
	return st;
}

struct um_status um_user_set(struct um_pdc *p, const struct um_account *a)
{
	struct um_account plain = without_groups(a);
	struct um_args args = { .user = a->name, .account = &plain };
	TALLOC_CTX *tmp = talloc_new(p);
	struct um_account *cur;
	struct um_groups_plan *plan = NULL;
	struct um_status st = um_ok();

	/* a name already on the PDC may predate NT's rules: not checked;
	 * the flags this change sets are */
	if ((a->fields & UM_FIELD_FLAGS) != 0) {
		st = um_user_flags_check(a->flags & a->flags_mask);
	}
	if (um_is_ok(st) && (a->fields & UM_FIELD_WORKSTATIONS) != 0) {
		st = um_user_workstations_check(a->workstations);
	}
	if (um_is_ok(st) && has_groups(a)) {
		st = um_user_query(p, a->name, tmp, &cur);
		if (um_is_ok(st)) {
			st = um_user_groups_plan(p, a, cur, false, tmp,
						 &plan);
		}
	}
	if (um_is_ok(st) && (plain.fields != 0 || plain.flags_mask != 0)) {
		st = refused_type(a, run(p, SLOT(set_user), &args, NULL, NULL,
					 _("Changing the user account...")));
	}
	if (um_is_ok(st) && plan != NULL) {
		st = um_user_groups_apply(p, cur->name, plan);
	}
	talloc_free(tmp);
	return st;
}

/* Copy also carries the Hours, the account type and the groups with
 * the primary group, unless the new user gives its own. */
static void copy_more(struct um_account *to, const struct um_account *t)
{
	if ((to->fields & UM_FIELD_LOGON_HOURS) == 0) {
		memcpy(to->logon_hours, t->logon_hours, UM_HOURS_BYTES);
	}
	if ((to->fields & UM_FIELD_ACCOUNT_TYPE) == 0) {
		to->local_account = t->local_account;
	}
	if ((to->fields & UM_FIELD_GROUPS) == 0) {
		to->groups = t->groups;
		to->n_groups = t->n_groups;
		to->primary_group = t->primary_group;
	}
	to->fields |= UM_FIELD_LOGON_HOURS | UM_FIELD_ACCOUNT_TYPE |
		      UM_FIELD_GROUPS;
}

/* What User -> Copy carries over from the template (NT 4.0: the
 * description, profile settings, password flags; not the name, full
 * name or Account Disabled). */
static void copy_template(struct um_account *to, const struct um_account *t)
{
	const uint32_t carried = UM_ACCT_MUST_CHANGE | UM_ACCT_CANNOT_CHANGE |
				 UM_ACCT_NEVER_EXPIRES;

	if ((to->fields & UM_FIELD_DESCRIPTION) == 0) {
		to->description = t->description;
		to->fields |= UM_FIELD_DESCRIPTION;
	}
	to->flags = (to->flags & to->flags_mask) |
		    (t->flags & carried & ~to->flags_mask);
	to->flags_mask |= carried;
	to->profile = t->profile;
	to->script = t->script;
	to->home_dir = t->home_dir;
	to->home_drive = t->home_drive;
	to->workstations = t->workstations;
	to->expires = t->expires;
	to->fields |= UM_FIELD_PROFILE | UM_FIELD_SCRIPT | UM_FIELD_HOME_DIR |
		      UM_FIELD_HOME_DRIVE | UM_FIELD_WORKSTATIONS |
		      UM_FIELD_EXPIRES | UM_FIELD_FLAGS;
	copy_more(to, t);
}

struct um_status um_user_copy(struct um_pdc *p, const char *from,
			      const struct um_account *new_user,
			      const struct um_secret *password,
			      const struct um_secret *confirm)
{
	TALLOC_CTX *tmp = talloc_new(p);
	struct um_account *t, *to;
	struct um_status st = account_check(new_user);

	if (um_is_ok(st)) {
		st = password_check(password, confirm);
	}
	if (um_is_ok(st)) {
		st = um_user_query(p, from, tmp, &t);
	}
	if (um_is_ok(st)) {
		to = talloc_memdup(tmp, new_user, sizeof(*new_user));
		if (to == NULL) {
			st = um_local(UM_LOCAL_NO_MEMORY);
		} else {
			copy_template(to, t);
			st = um_user_add(p, to, password, NULL);
		}
	}
	talloc_free(tmp);
	return st;
}

struct um_status um_user_rename(struct um_pdc *p, const char *name,
				const char *new_name)
{
	struct um_args args = { .user = name, .new_name = new_name };
	struct um_status st = um_user_name_check(new_name);

	if (!um_is_ok(st)) {
		return st;
	}
	return run(p, SLOT(rename_user), &args, NULL, NULL,
		   _("Renaming the user account..."));
}

struct um_status um_user_delete(struct um_pdc *p, const char *name)
{
	struct um_args args = { .user = name };

	return run(p, SLOT(delete_user), &args, NULL, NULL,
		   _("Deleting the user account..."));
}

struct um_status um_user_unlock(struct um_pdc *p, const char *name)
{
	struct um_account a = { .name = (char *)name,
				.flags_mask = UM_ACCT_LOCKED,
				.fields = UM_FIELD_FLAGS };

	return um_user_set(p, &a);
}

struct um_status um_user_password(struct um_pdc *p, const char *name,
				  const struct um_secret *password,
				  const struct um_secret *confirm)
{
	struct um_account a = { .name = (char *)name };
	struct um_args args = { .user = name, .account = &a,
				.password = password };
	struct um_status st = password != NULL
		? password_check(password, confirm)
		: um_local(UM_LOCAL_USAGE);

	if (!um_is_ok(st)) {
		return st;
	}
	return run(p, SLOT(set_user), &args, NULL, NULL,
		   _("Changing the password..."));
}
