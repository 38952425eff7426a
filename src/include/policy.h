/*
 * usrmgr - Policies -> Account: the domain's password and lockout policy
 * as NT 4.0's Account Policy dialog shows it (SAMR domain information
 * levels 1, 3 and 12).
 *
 * The engine owns the rules: a policy is checked here before anything is
 * sent, and a screen or the CLI only renders what comes back.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifndef USRMGR_POLICY_H
#define USRMGR_POLICY_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>
#include "status.h"

struct um_pdc;

/*
 * In the dialog's units (days, characters, passwords, attempts,
 * minutes).  0 is the dialog's first choice for every number:
 * Password Never Expires, Allow Changes Immediately, Permit Blank
 * Password, Do Not Keep Password History, No account lockout, and a
 * Lockout Duration of Forever (until an admin unlocks).
 */
struct um_account_policy {
	uint32_t max_age_days;
	uint32_t min_age_days;
	uint32_t min_length;
	uint32_t history;
	uint32_t lockout_threshold;  /* bad logon attempts; 0: no lockout */
	uint32_t reset_minutes;      /* Reset count after (the window) */
	uint32_t duration_minutes;   /* 0: forever */
	bool force_logoff;           /* when logon hours expire */
	bool must_logon_to_change;   /* to change an expired password */
};

/* NT 4.0's limits, the dialog's spin boxes. */
#define UM_POLICY_MAX_AGE_MAX    999u
#define UM_POLICY_MIN_AGE_MAX    998u
#define UM_POLICY_LENGTH_MAX     14u
#define UM_POLICY_HISTORY_MAX    24u
#define UM_POLICY_THRESHOLD_MAX  999u
#define UM_POLICY_MINUTES_MAX    99999u

/* The fields by name, for the CLI's options, scenario keys and JSON. */
enum um_policy_field {
	UM_POLICY_MAX_AGE,
	UM_POLICY_MIN_AGE,
	UM_POLICY_MIN_LENGTH,
	UM_POLICY_HISTORY,
	UM_POLICY_THRESHOLD,
	UM_POLICY_RESET,
	UM_POLICY_DURATION,
	UM_POLICY_N_NUMBERS,
};

/* The key of FIELD ("max_age"...): stable, never translated. */
const char *um_policy_field_key(enum um_policy_field f);
/* FIELD of POL, to read or write. */
uint32_t *um_policy_field(struct um_account_policy *pol,
			  enum um_policy_field f);

/* A number as the operator typed it: digits, or the word for the
 * dialog's first choice ("never", "now", "none", "no", "forever"...) or
 * nothing, which are 0.  Anything else (a sign, letters, too big) is
 * UINT32_MAX, outside every field's range: um_policy_check() then tells
 * the field's range in words. */
uint32_t um_policy_parse_number(const char *text);
/* One of the dialog's option pairs: its first choice (FIRST: 0), or N
 * as typed, where nothing or 0 is out of range, as NT's spin boxes are. */
uint32_t um_policy_choice(bool first, const char *typed);

/*
 * Is POL one NT 4.0 accepts?  Each number in its range, the minimum
 * age below the maximum, and (with lockout) the duration at least the
 * reset window.  Not ok: UM_LOCAL_POLICY_INVALID, and *WHY (when not
 * NULL) the rule broken, in the operator's words.
 */
struct um_status um_policy_check(const struct um_account_policy *pol,
				 const char **why);

/* The domain's account policy, from P. */
struct um_status um_policy_account_get(struct um_pdc *p,
				       struct um_account_policy *out);
/* Store POL on P, once um_policy_check() accepts it (*WHY as there);
 * when it does not, nothing is sent.  A number P holds already passes
 * as it is, even beyond NT's range (Samba AD's maximum password age may
 * be above 999 days): only what changes is NT's to judge. */
struct um_status um_policy_account_set(struct um_pdc *p,
				       const struct um_account_policy *pol,
				       const char **why);

/*
 * Policies -> Audit: Do Not Audit, or Audit These Events with Success
 * and Failure for NT's seven categories (LSA QueryInfoPolicy,
 * AUDIT_EVENTS; the categories in lsa_PolicyAuditEventType's order).
 */
enum um_audit_category {
	UM_AUDIT_SYSTEM,             /* Restart, Shutdown, and System */
	UM_AUDIT_LOGON,              /* Logon and Logoff */
	UM_AUDIT_OBJECT_ACCESS,      /* File and Object Access */
	UM_AUDIT_PRIVILEGE_USE,      /* Use of User Rights */
	UM_AUDIT_PROCESS_TRACKING,   /* Process Tracking */
	UM_AUDIT_POLICY_CHANGE,      /* Security Policy Changes */
	UM_AUDIT_ACCOUNT_MANAGEMENT, /* User and Group Management */
	UM_AUDIT_N,
};
#define UM_AUDIT_SUCCESS 0x1u
#define UM_AUDIT_FAILURE 0x2u

struct um_audit_policy {
	bool auditing;                /* Audit These Events */
	uint32_t events[UM_AUDIT_N];  /* UM_AUDIT_SUCCESS | UM_AUDIT_FAILURE */
	/* Whether the PDC lets it be changed; when not, what it answered
	 * (Samba's AD and classic PDCs do not implement SetInfoPolicy). */
	bool changeable;
	struct um_status why_not;
};

/* "logon"...: stable, never translated; and NT's name, translated. */
const char *um_audit_category_key(enum um_audit_category c);
const char *um_audit_category_name(enum um_audit_category c);

/* The domain's audit policy from P, and whether P lets it be changed:
 * found by writing back what P answered, which changes nothing. */
struct um_status um_policy_audit_get(struct um_pdc *p,
				     struct um_audit_policy *out);
/* Store A on P (only where um_policy_audit_get() found it changeable;
 * elsewhere the PDC's refusal, nothing sent). */
struct um_status um_policy_audit_set(struct um_pdc *p,
				     const struct um_audit_policy *a);

#endif
