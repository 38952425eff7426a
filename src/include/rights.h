/*
 * usrmgr - Policies -> User Rights: NT 4.0's 27 rights, who holds each,
 * and granting or revoking them (LSA account rights), with the names
 * looked up through LSA (trusted domains' accounts included).
 *
 * The engine owns the list and the rules; a screen or the CLI only
 * renders what comes back.  A right the server does not keep (Samba AD
 * answers NT_STATUS_NO_SUCH_PRIVILEGE for eight of them) is not a
 * failure: it is listed with kept = false and the words why.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifndef USRMGR_RIGHTS_H
#define USRMGR_RIGHTS_H

#include <stdbool.h>
#include <stddef.h>
#include <talloc.h>
#include "status.h"

struct um_pdc;

/* NT 4.0's User Rights Policy list: 11 rights, and 16 more shown only
 * with Show Advanced User Rights.  Indexes 0 .. UM_RIGHTS_N - 1, in the
 * order of their English display names (NT's list is sorted). */
#define UM_RIGHTS_N 27

/* LSA's name of right I ("SeNetworkLogonRight"): stable, never
 * translated (the CLI's argument, JSON, scenario keys); NULL past the
 * end. */
const char *um_right_key(size_t i);
/* NT's display name of right I, translated ("Access this computer from
 * network"). */
const char *um_right_name(size_t i);
/* Shown only with Show Advanced User Rights. */
bool um_right_advanced(size_t i);
/* The right TEXT names: its key or its display name (English or
 * translated), any case.  False when none. */
bool um_right_find(const char *text, size_t *index);

/* What an account name is, as LSA's lookups answer (lsa_SidType). */
enum um_name_kind {
	UM_NAME_UNKNOWN = 0,  /* not mapped */
	UM_NAME_USER,
	UM_NAME_GROUP,        /* a global group */
	UM_NAME_DOMAIN,
	UM_NAME_ALIAS,        /* a local group, BUILTIN's included */
	UM_NAME_WELL_KNOWN,   /* Everyone, INTERACTIVE, NETWORK... */
	UM_NAME_DELETED,
	UM_NAME_COMPUTER,
};

/*
 * An account as the operator sees it: NAME is "Administrators" for the
 * PDC's own domain, BUILTIN and well-known names, "DOMAIN\\name" for
 * another (trusted) domain's, or the SID itself when it maps to no name
 * (an account deleted since).  SID: "S-1-5-...", NULL when not mapped.
 */
struct um_name {
	char *name;
	char *sid;
	enum um_name_kind kind;
};

/* QUALIFIED ("DOMAIN\\name", as LSA answers) as the Grant To list of
 * OWN_DOMAIN's PDC shows it: without the domain for OWN_DOMAIN, BUILTIN
 * and NT AUTHORITY, else whole; on MEM. */
char *um_name_shown(TALLOC_CTX *mem, const char *qualified,
		    const char *own_domain);

/* Look NAMES (as typed: "name", "DOMAIN\\name") up on P through LSA:
 * *OUT (on MEM) has N entries in the same order, each with its SID and
 * its name as the Grant To list shows it.  Ok when every name is mapped;
 * else NT_STATUS_NONE_MAPPED or NT_STATUS_SOME_NOT_MAPPED, *OUT still
 * filled (an unmapped entry: the name as typed, sid NULL, UM_NAME_UNKNOWN)
 * so a screen can say which. */
struct um_status um_name_lookup(struct um_pdc *p, TALLOC_CTX *mem,
				const char *const *names, size_t n,
				struct um_name **out);

/* The other way: SIDS ("S-1-5-...") to their names, as um_name_lookup
 * answers (an unmapped SID: its name is the SID, UM_NAME_UNKNOWN). */
struct um_status um_sid_lookup(struct um_pdc *p, TALLOC_CTX *mem,
			       const char *const *sids, size_t n,
			       struct um_name **out);

/* One right on one PDC: who holds it, or why the server keeps none. */
struct um_right_grants {
	size_t right;                 /* index, as um_right_key() */
	struct um_name *grantees;     /* the Grant To list, sorted by name */
	size_t n_grantees;
	/* False: this server does not keep the right (NO_SUCH_PRIVILEGE):
	 * um_right_why_not() says so in words; it cannot be granted. */
	bool kept;
	struct um_status why_not;
};

/* Every right of P: *OUT (on MEM) has UM_RIGHTS_N entries, index I for
 * right I.  A right the server does not keep is no failure (kept false);
 * a failure is what stops the whole list (ACCESS_DENIED for an operator
 * who may not read the policy, an unreachable PDC). */
struct um_status um_rights_list(struct um_pdc *p, TALLOC_CTX *mem,
				struct um_right_grants **out);
/* One right of P (RIGHT an index), as one entry of um_rights_list(). */
struct um_status um_right_grantees(struct um_pdc *p, size_t right,
				   TALLOC_CTX *mem,
				   struct um_right_grants **out);

/* "This server does not keep the right Log on as a service." for G,
 * translated, on MEM; NULL when G is kept. */
char *um_right_why_not(TALLOC_CTX *mem, const struct um_right_grants *g);

/*
 * Grant RIGHT to NAMES on P, or revoke it from them: every name is
 * looked up first, and when one is not mapped (or RIGHT is not one the
 * server keeps) nothing is sent.  Granting a right an account holds, or
 * revoking one it does not, changes nothing and is ok.  Not ok: *WHY
 * (when not NULL, on MEM) says in the operator's words what is wrong
 * ("No account named X was found in DOMAIN or its trusted domains.").
 */
struct um_status um_right_grant(struct um_pdc *p, size_t right,
				const char *const *names, size_t n,
				TALLOC_CTX *mem, char **why);
struct um_status um_right_revoke(struct um_pdc *p, size_t right,
				 const char *const *names, size_t n,
				 TALLOC_CTX *mem, char **why);

/* A grant or revoke refused with ST: true when it says the operator may
 * change no right of this PDC at all (ACCESS_DENIED: not an
 * administrator, as Samba answers), so that a screen shows the rights
 * read-only with ST's words; false for a refusal of one name or one
 * right (an unknown account, a right not kept), and for ok. */
bool um_rights_read_only(struct um_status st);

#endif
