/*
 * usrmgr - diagnosis of a domain pair: what is wrong with the trust
 * "the resource domain trusts the accounts domain", read from both PDCs;
 * which pair that is; and what a status says of a trust.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifndef USRMGR_DIAGNOSIS_H
#define USRMGR_DIAGNOSIS_H

#include "model.h"

enum um_verdict {
	UM_VERDICT_HEALTHY = 0,
	UM_VERDICT_BROKEN_AT_ACCOUNTS, /* KB Q207957 */
	UM_VERDICT_BROKEN_AT_RESOURCE,
	UM_VERDICT_PASSWORD_MISMATCH,
	UM_VERDICT_STALE_CHANNEL,
	UM_VERDICT_PARTNER_UNREACHABLE,
	UM_VERDICT_NO_TRUST,
	UM_VERDICT_LOGON_FAILS,        /* objects and channel fine, logon not */
};

struct um_diagnosis {
	enum um_verdict verdict;
	char *resource;          /* domain names as the PDCs tell them */
	char *accounts;
	char *resource_pdc;
	char *accounts_pdc;
	struct um_status resource_reach; /* OK when the PDC answered */
	struct um_status accounts_reach;
	bool resource_trusts;    /* accounts in resource's Trusted Domains */
	bool accounts_lists;     /* resource in accounts' Trusting Domains */
	bool verified;           /* a verify ran */
	struct um_status verify;
	bool reset;              /* the channel was reset to tell apart */
	struct um_status verify_after_reset;
	bool logon_tested;
	struct um_status logon;
};

/*
 * Diagnose the pair.  Read-only on the trust objects; when both halves
 * exist but the channel does not verify, the channel is reset once (as
 * nltest /sc_reset would) to tell a stale channel from a password
 * mismatch.  USER and PASSWORD (optional) run the logon test last.
 * UM_LOCAL_SAME_DOMAIN when both PDCs serve one domain.
 */
struct um_status um_diagnose(struct um_model *m, const char *resource_pdc,
			     const char *accounts_pdc, const char *user,
			     const struct um_secret *password, TALLOC_CTX *mem,
			     struct um_diagnosis **out);

/* "healthy", "broken-at-accounts"...: stable, for JSON and scripts. */
const char *um_verdict_key(enum um_verdict v);
/* The verdict in the operator's words, translated. */
const char *um_verdict_text(enum um_verdict v);
/* The cause in plain words and what to do, translated. */
const char *um_verdict_advice(enum um_verdict v);

/*
 * The pair the operator most likely means, for training and for the
 * fields Diagnose and Repair offer: GIVEN's fields (the command line's;
 * any may be NULL) as they are, the rest found: from the pair the
 * domains name themselves (a scenario's [pair]), else from the side
 * known, or from NEAR (the domain on screen; may be NULL), by locating
 * the PDC of its one partner.  Whatever is not found stays NULL; the
 * status is not OK only when memory ran out.
 */
struct um_status um_pair_find(struct um_model *m, TALLOC_CTX *mem,
			      const struct um_pair *given,
			      struct um_pdc *near, struct um_pair **out);

/* What a verify's status says of the trust: OK, BROKEN, or UNKNOWN when
 * it only says that the answer could not be had (a PDC out of reach,
 * usrmgr's own failure). */
enum um_trust_state um_trust_state_of(struct um_status verify);

/* Verify, from the PDC of PARTNER, that PARTNER trusts the domain of P
 * (an entry of P's Trusting Domains); *STATE says what that tells of the
 * trust: UNKNOWN when the partner's PDC cannot be found or reached. */
struct um_status um_trust_verify_trusting(struct um_pdc *p,
					  const char *partner,
					  enum um_trust_state *state);

/* Whether ST says that a domain's PDC was not found or did not answer,
 * rather than what a PDC answered: naming that PDC may then help. */
bool um_status_pdc_not_found(struct um_status st);

#endif
