/*
 * usrmgr - user accounts: User -> New User, Properties, Copy, Rename,
 * Delete, and the account's flags, as User Manager for Domains has them.
 *
 * The engine checks every NT rule (the name's length and characters, the
 * password's confirmation) before a backend is asked; the backend answers
 * what the PDC says (a duplicate, a user that is not there).
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifndef USRMGR_ACCOUNTS_H
#define USRMGR_ACCOUNTS_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>
#include "model.h"

/* NT 4.0's limit on a user name (User Manager refuses a 21st character). */
#define UM_USER_NAME_MAX 20

/* The New User dialog's check boxes, and the locked-out state. */
enum {
	UM_ACCT_MUST_CHANGE = 1u << 0,    /* User Must Change Password... */
	UM_ACCT_CANNOT_CHANGE = 1u << 1,  /* User Cannot Change Password */
	UM_ACCT_NEVER_EXPIRES = 1u << 2,  /* Password Never Expires */
	UM_ACCT_DISABLED = 1u << 3,       /* Account Disabled */
	UM_ACCT_LOCKED = 1u << 4,         /* Account Locked Out */
};

/* Which fields of a struct um_account a change sets (SAMR's
 * fields_present, in usrmgr's terms). */
enum {
	UM_FIELD_FULL_NAME = 1u << 0,
	UM_FIELD_DESCRIPTION = 1u << 1,
	UM_FIELD_FLAGS = 1u << 2,         /* FLAGS under FLAGS_MASK */
	UM_FIELD_PROFILE = 1u << 3,
	UM_FIELD_SCRIPT = 1u << 4,
	UM_FIELD_HOME_DIR = 1u << 5,
	UM_FIELD_HOME_DRIVE = 1u << 6,
	UM_FIELD_WORKSTATIONS = 1u << 7,
	UM_FIELD_EXPIRES = 1u << 8,
	UM_FIELD_LOGON_HOURS = 1u << 9,   /* LOGON_HOURS */
	UM_FIELD_ACCOUNT_TYPE = 1u << 10, /* LOCAL_ACCOUNT */
	UM_FIELD_GROUPS = 1u << 11,       /* GROUPS and PRIMARY_GROUP */
};

/* Hours: the week hour by hour, Sunday 00:00-01:00 UTC first, as SAMR's
 * logon_hours holds it with 168 units per week: hour H of day D
 * (0 = Sunday) is bit (D * 24 + H) % 8 of byte (D * 24 + H) / 8.  A set
 * bit allows logons in that hour; all set is "any time". */
#define UM_HOURS_BYTES 21

struct um_account {
	char *name;
	char *full_name;
	char *description;
	uint32_t flags;       /* UM_ACCT_* */
	uint32_t flags_mask;  /* a change: the flags it sets or clears */
	uint32_t fields;      /* a change: UM_FIELD_* it sets */
	char *profile;        /* Profile: user profile path */
	char *script;         /* Profile: logon script name */
	char *home_dir;       /* local path, or UNC path with HOME_DRIVE */
	char *home_drive;     /* "H:" or NULL */
	char *workstations;   /* Logon To: comma-separated, "" = all */
	int64_t expires;      /* Account: 0 never, else end of (Unix time) */
	bool has_password;    /* read back: a password is set */
	uint8_t logon_hours[UM_HOURS_BYTES]; /* Hours */
	bool local_account;   /* Account: Local (ACB_TEMPDUP), else Global */
	/* Groups: the groups the user is a member of (global and local),
	 * and the primary one (a global group among them).  A change with
	 * UM_FIELD_GROUPS makes the membership exactly this list. */
	char **groups;
	size_t n_groups;
	char *primary_group;
};

/* The name rules of User -> New User and Rename: not empty, at most
 * UM_USER_NAME_MAX characters, none of " / \ [ ] : ; | , + * ? < >,
 * not only dots and spaces. */
struct um_status um_user_name_check(const char *name);
/* The password check boxes, as NT 4.0's dialog takes them: User Must
 * Change Password at Next Logon together with User Cannot Change
 * Password, or with Password Never Expires, is refused. */
struct um_status um_user_flags_check(uint32_t flags);
/* Logon To: at most 8 workstations, each a valid computer name. */
struct um_status um_user_workstations_check(const char *list);

/* Account -> Expires: "never" or End of YYYY-MM-DD (the account works
 * through that day, UTC): *OUT 0 or the first second after it. */
struct um_status um_user_expires_parse(const char *text, int64_t *out);
/* "never" or the YYYY-MM-DD, in BUF. */
const char *um_user_expires_text(int64_t expires, char buf[16]);

/* ---- the rules of User Properties' sub-dialogs ---- */

/* Profile: a home directory's drive, "A:" to "Z:". */
struct um_status um_user_home_drive_check(const char *drive);
/* Profile: a network home directory, \\server\share[\dir...]. */
struct um_status um_user_unc_check(const char *path);
/* Profile: Local Path (DRIVE NULL or empty: DIR is the server's to
 * judge) or Connect DRIVE To DIR (both checked). */
struct um_status um_user_home_check(const char *drive, const char *dir);
/* Group Memberships: GROUP may leave A's groups unless it is the
 * primary group (NT refuses that, as SAMR does:
 * NT_STATUS_MEMBERS_PRIMARY_GROUP). */
struct um_status um_user_group_remove_check(const struct um_account *a,
					    const char *group);
/* Group Memberships -> Set: GROUP may be A's primary group only when it
 * is a global group (LOCAL false) among A's groups. */
struct um_status um_user_primary_check(const struct um_account *a,
				       const char *group, bool local);

/* Group Memberships -> Set: whether P's server lets a user's primary
 * group change at all (OK), else why not (USRMGR_PRIMARY_FIXED).
 * Measured: Samba AD 4.17 changes primaryGroupID; a Samba classic PDC
 * changes the primary group with a "set primary group script" and
 * answers ACCESS_DENIED without one, so it is asked, and a refusal is
 * remembered for the session; a simulated domain keeps them when its
 * scenario says keeps_primary_groups = yes (um_domain_info's
 * primary_fixed). */
struct um_status um_user_primary_changeable(struct um_pdc *p);

/* Hours, as text: "all", "none", or items separated by commas, each a
 * day or a range of days (Mon Tue Wed Thu Fri Sat Sun, Mon first) and,
 * optionally, hour ranges HH-HH (00-24, end after start; none: the whole
 * day): "Mon-Fri 08-18,Sat 09-12 13-15".  Hours are UTC, as SAMR keeps
 * them.  Parse into OUT (nothing allowed that the text does not name);
 * the text of HOURS is the shortest such form, parsed back to the same. */
struct um_status um_user_hours_parse(const char *text,
				     uint8_t out[UM_HOURS_BYTES]);
char *um_user_hours_text(TALLOC_CTX *mem,
			 const uint8_t hours[UM_HOURS_BYTES]);
/* One hour of the grid: DAY 0 = Sunday (SAMR's order), HOUR 0-23. */
bool um_user_hours_get(const uint8_t hours[UM_HOURS_BYTES], unsigned day,
		       unsigned hour);
void um_user_hours_put(uint8_t hours[UM_HOURS_BYTES], unsigned day,
		       unsigned hour, bool allowed);

/* One user's properties (with its groups and primary group). */
struct um_status um_user_query(struct um_pdc *p, const char *name,
			       TALLOC_CTX *mem, struct um_account **out);
/* User -> New User: A (with FLAGS and the fields it sets), its password
 * and confirmation (a mismatch changes nothing).  With UM_FIELD_GROUPS
 * the groups are checked before the user is created; without a primary
 * group the server's own choice for a new user (Domain Users) stays,
 * and the user stays its member. */
struct um_status um_user_add(struct um_pdc *p, const struct um_account *a,
			     const struct um_secret *password,
			     const struct um_secret *confirm);
/* User -> Properties: the fields and flags A's masks name.  With
 * UM_FIELD_GROUPS: the membership becomes A's groups and the primary
 * group A's primary_group (NULL or "": the current one, which must then
 * be in the list).  Every group to join is looked up, and the primary
 * must be a global group among them, before anything changes; then the
 * user joins, the primary group is set, and the user leaves the rest. */
struct um_status um_user_set(struct um_pdc *p, const struct um_account *a);
/* User -> Copy: a new user NEW (its name, full name, flags it sets)
 * carrying FROM's description, groups and primary group, profile
 * settings, hours, Logon To, expiry, account type and password flags,
 * never its disabled flag (nor anything NEW sets itself). */
struct um_status um_user_copy(struct um_pdc *p, const char *from,
			      const struct um_account *new_user,
			      const struct um_secret *password,
			      const struct um_secret *confirm);
struct um_status um_user_rename(struct um_pdc *p, const char *name,
				const char *new_name);
struct um_status um_user_delete(struct um_pdc *p, const char *name);
/* Account Locked Out can only be cleared. */
struct um_status um_user_unlock(struct um_pdc *p, const char *name);
/* Set a new password (an administrator's reset: no old password). */
struct um_status um_user_password(struct um_pdc *p, const char *name,
				  const struct um_secret *password,
				  const struct um_secret *confirm);

/* ---- groups (groups.c) ---- */

/* NT 4.0: a global group's name has at most 20 characters, a local
 * group's at most 256; the characters are a user name's. */
#define UM_GLOBAL_GROUP_NAME_MAX 20
#define UM_LOCAL_GROUP_NAME_MAX 256

struct um_group_info {
	char *name;
	char *description;
	bool local;        /* a local group (SAMR alias), else global */
	char **members;    /* names; a local group's may be DOMAIN\name */
	size_t n_members;
};

struct um_status um_group_name_check(const char *name, bool local);
struct um_status um_group_query(struct um_pdc *p, const char *name,
				TALLOC_CTX *mem, struct um_group_info **out);
/* New Global Group / New Local Group (G's name, description, kind). */
struct um_status um_group_add(struct um_pdc *p,
			      const struct um_group_info *g);
struct um_status um_group_delete(struct um_pdc *p, const char *name);
/* Properties: G's description on the group G names. */
struct um_status um_group_set(struct um_pdc *p,
			      const struct um_group_info *g);
/* A global group holds users of its domain; a local group also global
 * groups, and users and groups of trusted domains (DOMAIN\name). */
struct um_status um_group_add_member(struct um_pdc *p, const char *group,
				     const char *member);
struct um_status um_group_remove_member(struct um_pdc *p, const char *group,
					const char *member);

/* Add Users and Groups: NAME as typed ("name" of P's domain, or
 * "DOMAIN\name" of P's domain or a domain it trusts) looked up on P
 * (LSA LookupNames there: the PDC asks a trusted domain itself), as a
 * member of a group can be: a user or a group, and no other domain's
 * local group.  *OUT: the name as the PDC spells it ("name" of P's
 * domain, else "DOMAIN\name").  UM_NT_NONE_MAPPED: no such name. */
struct um_status um_member_lookup(struct um_pdc *p, const char *name,
				  TALLOC_CTX *mem, char **out);

#endif
