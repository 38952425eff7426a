/*
 * usrmgr - the KB Q207957 repair as data, and the one engine that runs it
 * for the CLI, the guided repair and training alike.
 *
 * Each step names its PDC, where an operator would do it in User Manager,
 * what it does and why, and the postcondition checked on the wire before
 * the next step may start.  Every step's start and outcome goes to the
 * journal first, so an interrupted repair can be resumed.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifndef USRMGR_REPAIR_H
#define USRMGR_REPAIR_H

#include "model.h"
#include "diagnosis.h"
#include "journal.h"

enum um_side { UM_SIDE_RESOURCE, UM_SIDE_ACCOUNTS };

enum um_step_kind {
	UM_STEP_REMOVE_TRUSTED,  /* resource: Trusted Domains, Remove */
	UM_STEP_REMOVE_TRUSTING, /* accounts: Trusting Domains, Remove */
	UM_STEP_ADD_TRUSTING,    /* accounts: Trusting Domains, Add... */
	UM_STEP_ADD_TRUSTED,     /* resource: Trusted Domains, Add... */
	UM_STEP_RESET,           /* resource: reset the secure channel */
	UM_STEP_VERIFY,          /* resource: verify the secure channel */
	UM_STEP_LOGON_TEST,      /* resource: log an accounts user on */
};

struct um_step {
	const char *id;      /* stable, for the journal: "remove-trusted" */
	enum um_step_kind kind;
	enum um_side side;
	const char *screen;  /* where in User Manager (N_) */
	const char *action;  /* what it does (N_, %1$s resource, %2$s accounts) */
	const char *why;     /* its purpose in the KB's repair (N_) */
	const char *check;   /* the postcondition (N_) */
};

/* The procedure: KB Q207957's resolution, in its order. */
extern const struct um_step um_repair_steps[];
extern const size_t um_repair_n_steps;

enum um_step_state {
	UM_STEP_PENDING = 0,
	UM_STEP_SATISFIED,  /* already so on the wire: skipped */
	UM_STEP_NOT_NEEDED, /* not part of this repair (e.g. no test user) */
	UM_STEP_DONE,       /* done here, postcondition verified */
	UM_STEP_FAILED,
};

struct um_repair_options {
	bool reestablish;            /* repair even a healthy trust */
	const char *user;            /* logon test user, "DOM\\user" */
	const struct um_secret *user_password;
	bool back_to_back;           /* steps run one after the other, no
				      * operator in between (--yes): what
				      * a step read stays known to the next
				      * until something changes it */
};

struct um_repair;

/* The steps a trust with VERDICT needs (STATE: um_repair_n_steps). */
void um_repair_plan(enum um_verdict verdict, bool logon_test,
		    enum um_step_state *state);

/*
 * Begin a repair of "the domain of RESOURCE_PDC trusts the domain of
 * ACCOUNTS_PDC": diagnose, refuse a healthy trust (UM_REPAIR_HEALTHY in
 * *verdict) unless re-establishing, plan the steps, journal the start.
 */
struct um_status um_repair_start(TALLOC_CTX *mem, struct um_model *m,
				 struct um_journal *j,
				 const char *resource_pdc,
				 const char *accounts_pdc,
				 const struct um_repair_options *opt,
				 struct um_repair **out);

/* An unfinished repair in the journal: the newest start without an end. */
struct um_unfinished {
	char *repair;
	char *resource_pdc;
	char *accounts_pdc;
	char *resource;
	char *accounts;
	char *last_step;   /* the last step journaled as done, or NULL */
	unsigned skipped;  /* bit i: step i journaled as already so */
	char *time;
	char *user;        /* the logon test's user, or NULL: its password
			    * is not journaled, ask for it again */
};
struct um_status um_repair_find_unfinished(TALLOC_CTX *mem,
					   const char *journal_path,
					   struct um_unfinished **out);

/* Continue an unfinished repair: each side asked afresh on the wire.
 * The logon test the repair began with stays in the plan: OPT's user
 * when it names one, else U's (the journal's), with OPT's password; a
 * front-end asks for U->user's password again (none: no logon test). */
struct um_status um_repair_resume(TALLOC_CTX *mem, struct um_model *m,
				  struct um_journal *j,
				  const struct um_unfinished *u,
				  const struct um_repair_options *opt,
				  struct um_repair **out);

/* The first step the plan found a PDC's server cannot do, for which
 * start or resume refused before anything changed; um_repair_n_steps
 * when none. */
size_t um_repair_refused_step(const struct um_repair *r);
/* Then: which step, where and why, in the operator's words; else NULL. */
const char *um_repair_refusal_text(const struct um_repair *r);

const struct um_diagnosis *um_repair_diagnosis(const struct um_repair *r);
const char *um_repair_id(const struct um_repair *r);
const char *um_repair_resource(const struct um_repair *r);
const char *um_repair_accounts(const struct um_repair *r);
const char *um_repair_pdc(const struct um_repair *r, enum um_side side);
/* True when the trust was healthy and not to be re-established. */
bool um_repair_healthy(const struct um_repair *r);

enum um_step_state um_repair_step_state(const struct um_repair *r,
					size_t i);
struct um_status um_repair_step_status(const struct um_repair *r, size_t i);
/* The step's action and why in the operator's words, names filled in. */
char *um_repair_step_text(TALLOC_CTX *mem, const struct um_repair *r,
			  size_t i);

/* The next step to run, or um_repair_n_steps when none is left. */
size_t um_repair_next(const struct um_repair *r);

/* The trust password for both Add steps. */
bool um_repair_needs_password(const struct um_repair *r, size_t i);
/* Given by the operator (confirmed by the caller).  After Add Trusting
 * ran in another process, the password is checked on the accounts PDC:
 * LOGON_FAILURE when it is not the one stored there.  A new one cannot
 * be empty (UM_LOCAL_USAGE): both Add steps would store it. */
struct um_status um_repair_set_password(struct um_repair *r,
					const struct um_secret *pw);
/* Strong and random; only while both Add steps are still to run here. */
struct um_status um_repair_generate_password(struct um_repair *r);
/* The operator cannot give the password: redo Add Trusting with a new
 * one (remove it on the accounts PDC first). */
void um_repair_rewind_trusting(struct um_repair *r);

/* Run step I (must be um_repair_next()): journal, act, check. */
struct um_status um_repair_run(struct um_repair *r, size_t i);

/* Journal the end: a last diagnosis and the outcome.  *HEALTHY tells. */
struct um_status um_repair_finish(struct um_repair *r, bool *healthy);

/* Each side's view now, for a report after a failure. */
struct um_status um_repair_rediagnose(struct um_repair *r,
				      const struct um_diagnosis **out);

/* ---- the trust password, planned once for every front-end ------------- */

enum um_password_need {
	UM_PASSWORD_NONE,  /* no step ahead needs one, or it is known */
	UM_PASSWORD_NEW,   /* Add Trusting is ahead: a new one, typed twice
			    * or generated */
	UM_PASSWORD_HELD,  /* Add Trusting ran in another process: the one
			    * the accounts domain holds, typed once */
};

/* What step I needs before it runs. */
enum um_password_need um_repair_password_need(const struct um_repair *r,
					      size_t i);
/* Asked before the first step, so that an operator who cannot give one
 * has changed nothing: the need of the first step still to run that has
 * one (*STEP: that step, or um_repair_n_steps). */
enum um_password_need um_repair_password_needed_up_front(
	const struct um_repair *r, size_t *step);

enum um_password_outcome {
	UM_PASSWORD_ACCEPTED,
	UM_PASSWORD_REWOUND,  /* Add Trusting will be done again: tell NOTE */
	UM_PASSWORD_REFUSED,  /* STATUS says why; ask again or stop */
};
struct um_password_answer {
	enum um_password_outcome outcome;
	struct um_status status;
	const char *note;     /* translated, for the operator; or NULL */
};
/*
 * The operator's answer for the password the repair needs now.  Where
 * it is the one the accounts domain holds, an empty answer (nobody knows
 * it) or one the accounts PDC refuses rewinds the repair to Add Trusting
 * with a new password.  An empty new one is REFUSED, NOTE saying why.
 */
struct um_password_answer um_repair_give_password(
	struct um_repair *r, const struct um_secret *pw);
/* What the operator is asked for NEED, names filled in. */
char *um_repair_password_text(TALLOC_CTX *mem, const struct um_repair *r,
			      enum um_password_need need);

/* ---- what the front-ends show --------------------------------------- */

/* Steps in this repair (not-needed ones are not counted). */
size_t um_repair_count_steps(const struct um_repair *r);
/* Step I's number among them, from 1 (I = um_repair_n_steps: the
 * count, for "stopped after the last step"). */
size_t um_repair_step_number(const struct um_repair *r, size_t i);
/* Stable, for JSON: "pending", "skipped", "not-needed", "done",
 * "failed". */
const char *um_repair_state_key(enum um_step_state s);
/* The operator's word for a state; at most 11 columns (a screen shows it
 * in a column of that width). */
const char *um_repair_state_text(enum um_step_state s);
/* Step I's short name: "Trusted: Add...". */
const char *um_repair_step_title(size_t i);
/* The PDC step I runs on, and the domain it serves. */
const char *um_repair_step_pdc(const struct um_repair *r, size_t i);
const char *um_repair_step_domain(const struct um_repair *r, size_t i);
/* "Step 3 of 6, on <PDC> (<domain>)". */
char *um_repair_step_heading(TALLOC_CTX *mem, const struct um_repair *r,
			     size_t i);
/* Step I's postcondition, names filled in. */
char *um_repair_step_check(TALLOC_CTX *mem, const struct um_repair *r,
			   size_t i);
/* After um_repair_run(I): "Step 1 (Trusted: Remove): done and checked."
 * or "Step 2 failed: <why>". */
char *um_repair_outcome_text(TALLOC_CTX *mem, const struct um_repair *r,
			     size_t i);
/* Step I answered UM_LOCAL_RUN_ON_PDC (a Samba classic PDC): where and
 * how to run it, with the journal at JOURNAL_PATH. */
char *um_repair_run_on_pdc_text(TALLOC_CTX *mem, const struct um_repair *r,
				size_t i, const char *journal_path);
/* The repair stopped at step I (um_repair_n_steps: at the final check)
 * with ST: that line, then each side as NOW (may be NULL) sees it. */
char *um_repair_failure_text(TALLOC_CTX *mem, const struct um_repair *r,
			     size_t i, struct um_status st,
			     const struct um_diagnosis *now);
/* Each side's half of the trust as NOW sees it, one line each, and a
 * line for each PDC that does not answer. */
char *um_repair_side_report(TALLOC_CTX *mem, const struct um_repair *r,
			    const struct um_diagnosis *now);
/* After um_repair_finish(): the outcome, the verify and logon test, the
 * steps done and the diagnosis before and now (ST: finish's status). */
char *um_repair_summary_text(TALLOC_CTX *mem, const struct um_repair *r,
			     bool healthy, struct um_status st);
/* The diagnosis the repair began (or resumed) with. */
enum um_verdict um_repair_verdict_before(const struct um_repair *r);

/* ---- resuming ---------------------------------------------------------- */

/* The unfinished repair this model may offer to resume: only one whose
 * PDCs it can name (for simulated domains, PDCs of that world), so that
 * a journal entry of other domains is never offered.  NULL: none. */
struct um_unfinished *um_repair_offer(TALLOC_CTX *mem, struct um_model *m,
				      const char *journal_path);
/* U's last step done, in the operator's words, or NULL. */
char *um_repair_last_step_text(TALLOC_CTX *mem, const struct um_unfinished *u);
/* --resource-authfile/--accounts-authfile on a resume are for the PDCs
 * the journal names, unless the operator named the PDCs again
 * (GIVEN_*: the PDCs named on the command line, or NULL). */
void um_repair_resume_creds(struct um_model *m, const struct um_unfinished *u,
			    const char *given_resource_pdc,
			    const char *resource_authfile,
			    const char *given_accounts_pdc,
			    const char *accounts_authfile);

#endif
