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
};
struct um_status um_repair_find_unfinished(TALLOC_CTX *mem,
					   const char *journal_path,
					   struct um_unfinished **out);

/* Continue an unfinished repair: each side asked afresh on the wire. */
struct um_status um_repair_resume(TALLOC_CTX *mem, struct um_model *m,
				  struct um_journal *j,
				  const struct um_unfinished *u,
				  const struct um_repair_options *opt,
				  struct um_repair **out);

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
 * LOGON_FAILURE when it is not the one stored there. */
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

#endif
