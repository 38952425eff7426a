/*
 * usrmgr - the model: domains, their trusts, and the operations of the
 * Trust Relationships dialog.
 *
 * A screen or a CLI command asks the model; the model asks the backend of
 * one PDC.  The model never knows which backend it talks to, and nothing
 * here includes a Samba or curses header.
 *
 * Directions, once and for all: the resource domain trusts the accounts
 * domain.  The accounts domain is in the resource domain's Trusted
 * Domains list (outbound there); the resource domain is in the accounts
 * domain's Trusting Domains list (inbound there).
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifndef USRMGR_MODEL_H
#define USRMGR_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>
#include "status.h"
#include "secret.h"

struct tevent_context;

enum um_dialect {
	UM_DIALECT_UNKNOWN = 0,
	UM_DIALECT_AD,  /* Samba AD DC, Windows 2000 and later: LSA Ex2 */
	UM_DIALECT_NT4, /* NT 4.0 style: SAMR trust accounts, LSA */
};

/* Direction bits as LSA has them (lsa_TrustDirection). */
#define UM_DIR_INBOUND  0x1u /* partner trusts us: our Trusting Domains */
#define UM_DIR_OUTBOUND 0x2u /* we trust partner: our Trusted Domains */

/*
 * What a PDC's server can change on a partner's trusted-domain object
 * that already holds the other direction (backends report them, see
 * um_pdc_caps()).  An NT4-style PDC keeps each direction in its own
 * object, so it can always; an AD DC keeps one object per partner.
 */
#define UM_CAP_ADD_DIRECTION    0x1u /* make a one-way object two-way */
#define UM_CAP_REMOVE_DIRECTION 0x2u /* drop one direction, keep the other */
#define UM_CAP_ALL (UM_CAP_ADD_DIRECTION | UM_CAP_REMOVE_DIRECTION)
/* Re-create the object two-way, both directions with one new password:
 * what Samba AD 4.17 can do instead of adding a direction (it stores a
 * password only when an object is created, doc/two-way.md).  The kept
 * direction is re-keyed, so only a repair that re-keys both PDCs' halves
 * uses it (um_trust_set_rekey()). */
#define UM_CAP_REKEY_TWO_WAY    0x4u

/* Trust types as LSA has them (lsa_TrustType). */
#define UM_TYPE_DOWNLEVEL 1u
#define UM_TYPE_UPLEVEL   2u

enum um_trust_state {
	UM_TRUST_UNKNOWN = 0, /* not verified */
	UM_TRUST_OK,          /* the secure channel verified */
	UM_TRUST_BROKEN,      /* verified and failed: see last_error */
};

struct um_trust {
	char *name;             /* partner NetBIOS name, upper case */
	char *dns_name;         /* partner DNS name, or NULL */
	char *sid;              /* partner SID as text, or NULL */
	uint32_t direction;     /* UM_DIR_* bits */
	uint32_t type;          /* UM_TYPE_* */
	uint32_t attributes;    /* lsa_TrustAttributes */
	enum um_trust_state state;
	struct um_status last_error;
};

struct um_domain_info {
	char *name;     /* NetBIOS name */
	char *dns_name; /* NULL on NT4 */
	char *sid;
	char *pdc;      /* the PDC we talk to */
	enum um_dialect dialect;
	bool simulated;
	/* The server never changes a user's primary group (a simulated
	 * domain that keeps them; a classic PDC without a "set primary
	 * group script" is learned by the engine, um_user_primary_changeable) */
	bool primary_fixed;
};

struct um_user {
	char *name;
	char *full_name;
	char *description;
};

struct um_group {
	char *name;
	char *description;
	bool local;     /* a local group (SAMR alias), else global */
};

/* One page of a list, with the handle for the next page. */
struct um_page {
	uint32_t resume;
	bool more;
};

/* Credentials for one PDC (or the default for all). */
struct um_creds {
	char *domain;            /* NULL: the PDC's own */
	char *user;              /* NULL with anonymous */
	struct um_secret *password; /* NULL: from authfile or asked */
	char *authfile;          /* Samba's -A format */
	bool kerberos;
	bool anonymous;
};

/* How the model reaches its operator while it works.  All optional. */
struct um_hooks {
	/* Long work begins/ends: show "Connecting to <PDC>...". */
	void (*busy)(void *priv, const char *what);
	void (*idle)(void *priv);
	/* A note the operator should see ("connection reopened"). */
	void (*note)(void *priv, const char *text);
	/* Ask for a password (echo off) into *out; not ok when cancelled,
	 * or when there is no terminal to ask on (say which). */
	struct um_status (*ask_password)(void *priv, TALLOC_CTX *mem,
					 const char *prompt,
					 struct um_secret **out);
	void *priv;
};

struct um_model_options {
	const char *scenario;   /* simulated domains: a scenario name/file */
	const char *state_file; /* simulated domains: persistent state */
	const char *smb_conf;   /* -s */
	int debug_level;        /* -d */
	bool require_kerberos;
	struct um_creds *creds; /* default credentials for every PDC */
	unsigned page_size;     /* 0: the backend's default */
	bool screens;           /* the screens read a PDC's users as soon
				 * as it opens: a backend may make ready
				 * for them beside its connect (issue 21) */
};

struct um_model;
struct um_pdc;

/* The Trust Relationships operations, as an observer sees them. */
enum um_op {
	UM_OP_ADD_TRUSTING,
	UM_OP_ADD_TRUSTED,
	UM_OP_REMOVE_TRUSTED,
	UM_OP_REMOVE_TRUSTING,
	UM_OP_RESET,
	UM_OP_VERIFY,
	UM_OP_LOGON_TEST,
};

/* Told of every operation an operator asked for, once it has ended
 * (training watches the trainee through this). */
struct um_observer {
	void (*done)(void *priv, enum um_op op, struct um_pdc *p,
		     const char *partner, struct um_status st);
	void *priv;
};

/* On failure *WHY (when not NULL) explains it: "file:line: what". */
struct um_status um_model_new(TALLOC_CTX *mem, struct tevent_context *ev,
			      const struct um_model_options *opt,
			      struct um_model **out, char **why);
void um_model_set_hooks(struct um_model *m, const struct um_hooks *hooks);
/* NULL removes it.  Operations the model runs inside another (the reset
 * after Add Trusted Domain) are not reported on their own. */
void um_model_set_observer(struct um_model *m, const struct um_observer *o);
struct tevent_context *um_model_ev(struct um_model *m);
/* The scenario the simulated domains come from, for a banner; NULL for
 * real PDCs. */
const char *um_model_scenario(const struct um_model *m);
/* The simulated domains' names, in scenario order (NULL when real). */
const char **um_model_sim_domains(struct um_model *m, TALLOC_CTX *mem);

/* Whether the model finds the PDC of any of its domains from the
 * domain's name alone (simulated domains know one another's PDCs): then
 * a form need not ask the operator for a PDC. */
bool um_model_finds_pdcs(const struct um_model *m);
/* Where the domains come from, when the operator should be reminded: a
 * word for the status line and a sentence for About (translated), or
 * NULL for real PDCs. */
const char *um_model_origin_label(const struct um_model *m);
const char *um_model_origin_note(const struct um_model *m);

/* Whether the simulated domains were changed (a trust added or removed,
 * a channel reset) while no state file keeps them: the changes vanish
 * when usrmgr ends, and the operator must be told. */
bool um_model_changes_unkept(const struct um_model *m);
/* What to tell the operator then, translated, or NULL: ONE_LINE for the
 * command line, else for a message box on Exit. */
char *um_model_unkept_note(TALLOC_CTX *mem, const struct um_model *m,
			   bool one_line);

/* A domain pair: "the resource domain trusts the accounts domain", each
 * by its PDC, and (optional) a user of the accounts domain with its
 * password for the logon test. */
struct um_pair {
	char *resource_pdc;
	char *accounts_pdc;
	char *user;                      /* "DOM\\user", or NULL */
	struct um_secret *user_password; /* NULL: none */
};
/* The pair the domains name themselves (a scenario's [pair], else its
 * first trust between two of its domains), or NULL when there is none. */
struct um_pair *um_model_named_pair(struct um_model *m, TALLOC_CTX *mem);

/* Credentials for one PDC, overriding the default. */
void um_model_set_creds(struct um_model *m, const char *pdc,
			const struct um_creds *creds);
/* PDC's credentials from AUTHFILE (Samba's -A format): per-side options
 * such as --resource-authfile.  Nothing when either is NULL. */
void um_model_set_authfile(struct um_model *m, const char *pdc,
			   const char *authfile);

/*
 * Cancel the operation in progress: called from an event handler (the
 * UI's keyboard) while the model waits; the operation answers
 * UM_LOCAL_CANCELLED and its request is freed.
 */
void um_model_cancel(struct um_model *m);

/* Tell the operator something through the hooks ("connection reopened"). */
void um_model_note(struct um_model *m, const char *text);

/* The connection to one PDC, opened once and reused.  PDC is a host name,
 * an address, a simulated PDC's name or (simulated) a domain name. */
struct um_status um_pdc_get(struct um_model *m, const char *pdc,
			    struct um_pdc **out);
/* The domain that PDC serves; queried once, then cached. */
struct um_status um_pdc_info(struct um_pdc *p,
			     const struct um_domain_info **out);
const char *um_pdc_name(const struct um_pdc *p);
/* A PDC already open here that serves DOMAIN (NetBIOS or DNS name), or
 * NULL: reusing it beats locating one (its connection and credentials
 * are already there). */
struct um_pdc *um_model_pdc_of(struct um_model *m, const char *domain);
/* How many backend operations were sent to P so far. */
unsigned um_pdc_calls(const struct um_pdc *p);

/* What P's server can change (UM_CAP_* bits); connects first. */
struct um_status um_pdc_caps(struct um_pdc *p, uint32_t *caps);
/* While ON, Add Trusting / Add Trusted Domain on P re-create the object
 * two-way where the server can (UM_CAP_REKEY_TWO_WAY): the added
 * direction with the password given, the kept one with its own password
 * when KEEP (both servers read it back: um_trust_keeps_password()), else
 * re-keyed with the given one.  Only the repair, which does the
 * partner's half the same way, turns it on so; the screens use
 * um_trust_set_rekey_by_hand(). */
void um_trust_set_rekey(struct um_pdc *p, bool on, bool keep);
/* The screens' um_trust_set_rekey(), after the operator accepted
 * um_trust_add_rekey_text(), whose answer says whether the Add keeps the
 * other direction's password: a re-keying Add Trusted Domain also resets
 * and verifies the partner's channel of the other direction, and says how
 * it went in um_trust_rekey_outcome(). */
void um_trust_set_rekey_by_hand(struct um_pdc *p, bool on);
/* After a re-keying Add Trusted Domain by hand: whether the other
 * direction verified (translated), or NULL. */
const char *um_trust_rekey_outcome(const struct um_pdc *p);
/* Can P's server, re-creating its object for partner NAME two-way (an
 * Add with um_trust_set_rekey()), keep the password of the direction
 * the object holds, so that direction keeps working?  Asked on the wire
 * (Samba AD: the password read back over DRSUAPI), nothing changed;
 * false where it cannot, and then the Add re-keys that direction. */
bool um_trust_keeps_password(struct um_pdc *p, const char *name);
/* Add Trusting (OP UM_OP_ADD_TRUSTING) or Add Trusted Domain of TYPED
 * on P: when it can be done only by re-creating P's object two-way and
 * re-keying the other direction (Samba AD 4.17, doc/two-way.md), the
 * question to ask before it, saying so (translated); NULL when the Add
 * re-keys nothing (or is refused anyway). */
char *um_trust_add_rekey_text(TALLOC_CTX *mem, struct um_pdc *p,
			      enum um_op op, const char *typed);
/* For a command line that could not ask um_trust_add_rekey_text()'s
 * question: what its --yes does (translated). */
const char *um_trust_add_rekey_yes_note(const struct um_pdc *p);
/* The directions (UM_DIR_* bits) P's object for partner NAME holds now,
 * read from its lists; 0 when there is none. */
struct um_status um_trust_directions(struct um_pdc *p, const char *name,
				     uint32_t *dirs);
/*
 * Can operation OP (an Add or Remove) be done on a PDC with CAPS, when
 * its object for the partner holds the directions HAVE?  The UM_CAP_*
 * bit it lacks, or 0 when it can (or when there is nothing to change).
 */
uint32_t um_trust_change_lacks(enum um_op op, uint32_t caps, uint32_t have);
/* The directions after OP on an object that held HAVE. */
uint32_t um_trust_change_result(enum um_op op, uint32_t have);
/* Why OP on P for partner NAME cannot be done (LACKS: from
 * um_trust_change_lacks()), in the operator's words, translated. */
char *um_trust_refusal_text(TALLOC_CTX *mem, struct um_pdc *p,
			    enum um_op op, const char *name, uint32_t lacks);

/* Removing entry T of DOM's Trusted (TRUSTED) or Trusting Domains: when
 * T is two-way, the sentence that says only this direction goes and the
 * other stays (translated); NULL for a one-way entry. */
char *um_trust_remove_keeps_text(TALLOC_CTX *mem, const char *dom,
				 const struct um_trust *t, bool trusted);

/* Policies -> Trust Relationships: both lists, every page. */
struct um_status um_trust_list(struct um_pdc *p, TALLOC_CTX *mem,
			       struct um_trust **trusted, size_t *n_trusted,
			       struct um_trust **trusting,
			       size_t *n_trusting);

/* Both lists of each of N PDCs, every page; the PDCs connected and
 * their first pages read at once, on the loop.  A PDC's outcome in
 * ST[i]; its lists in LISTS[i] (allocated on MEM). */
struct um_trust_lists {
	struct um_trust *trusted, *trusting;
	size_t n_trusted, n_trusting;
};
void um_trust_lists(struct um_pdc **p, size_t n, TALLOC_CTX *mem,
		    struct um_trust_lists *lists, struct um_status *st);

/* Connect the N PDCs not yet connected, at once on the loop; ST[i]. */
void um_pdcs_connect(struct um_pdc **p, size_t n, struct um_status *st);

/* A repair running its steps back to back: while on, a PDC's trust
 * lists, a verify that passed and a trust account check that passed are
 * read once and kept until something changes that PDC's trusts or
 * channel; turned off (or on again), everything kept is forgotten, so
 * the next question goes to the wire. */
void um_model_reuse_reads(struct um_model *m, bool on);

/* The caller rebuilds and verifies P's secure channel itself (the
 * repair's own reset and verify steps): Add Trusted Domain leaves it. */
void um_trust_set_channel_by_caller(struct um_pdc *p, bool on);

/* User Manager's main window: one page of users or groups. */
struct um_status um_users_page(struct um_pdc *p, TALLOC_CTX *mem,
			       struct um_page *page, struct um_user **users,
			       size_t *n);
struct um_status um_groups_page(struct um_pdc *p, TALLOC_CTX *mem,
				struct um_page *page,
				struct um_group **groups, size_t *n);

/* Add Trusting Domain (on the accounts PDC): name, initial password and
 * its confirmation; a mismatch changes nothing. */
struct um_status um_trust_add_trusting(struct um_pdc *p, const char *name,
				       const struct um_secret *password,
				       const struct um_secret *confirm);

/* Add Trusted Domain (on the resource PDC): checked against the partner's
 * PDC (PARTNER_PDC, or found from P when NULL) before anything is stored;
 * then the secure channel is reset and verified. */
struct um_status um_trust_add_trusted(struct um_pdc *p, const char *name,
				      const char *partner_pdc,
				      const struct um_secret *password);

/* When Add Trusting Domain (TRUSTED false) or Add Trusted Domain (true)
 * of NAME failed with ST because usrmgr found no PDC of the partner (PDC:
 * the one the operator typed, or NULL): how the operator lets usrmgr find
 * it, in the screens' words.  NULL for any other failure, or where the
 * model finds every PDC itself. */
const char *um_trust_add_hint(TALLOC_CTX *mem, const struct um_model *m,
			      bool trusted, struct um_status st,
			      const char *name, const char *pdc);

/* On the accounts PDC P: does the trust account NAME$ accept PASSWORD?
 * (The check Add Trusted Domain makes before it stores anything.) */
struct um_status um_trust_check_account(struct um_pdc *p, const char *name,
					const struct um_secret *password);

struct um_status um_trust_remove_trusted(struct um_pdc *p, const char *name);
struct um_status um_trust_remove_trusting(struct um_pdc *p,
					  const char *name);

/* Does the secure channel from P (the trusting side) to NAME work?
 * CONNECTION gets the channel's own status where the server tells it. */
struct um_status um_trust_verify(struct um_pdc *p, const char *name);
/* When a trust of P's domain (either side) is known to be broken, from
 * a verification or a trust list already made: a sentence for the main
 * window saying so and what to do; else NULL.  Makes no round trip. */
char *um_pdc_trust_alert(struct um_pdc *p, TALLOC_CTX *mem);
/* Rebuild the secure channel (nltest /sc_reset). */
struct um_status um_trust_reset(struct um_pdc *p, const char *name);

/* Log USER ("DOM\\user") on through P, the resource PDC. */
struct um_status um_logon_test(struct um_pdc *p, const char *user,
			       const struct um_secret *password);

/* Find a PDC of domain NAME as seen from P (its name only). */
struct um_status um_pdc_locate(struct um_pdc *p, const char *name,
			       TALLOC_CTX *mem, char **pdc);

/*
 * The name of a PDC of domain NAME: one already open here that serves it
 * (the pair's other side, a domain selected before: its connection and
 * credentials are there, and FROM may no longer know a former partner),
 * else the one FROM locates (UM_LOCAL_UNKNOWN_PDC when FROM is NULL).
 */
struct um_status um_partner_pdc_name(struct um_model *m, struct um_pdc *from,
				     const char *name, TALLOC_CTX *mem,
				     char **pdc);
/*
 * The PDC of partner domain NAME, opened and its domain read: GIVEN when
 * not NULL, else the one um_partner_pdc_name() names from P.  On failure
 * the status of the step that failed, and *OUT is NULL.
 */
struct um_status um_partner_pdc(struct um_pdc *p, const char *name,
				const char *given, struct um_pdc **out);

#endif
