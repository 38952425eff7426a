/*
 * usrmgr - the repair engine.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "repair.h"
#include "secret.h"
#include "names.h"
#include "i18n.h"
#include "test_hooks.h"

const struct um_step um_repair_steps[] = {
	{ "remove-trusted", UM_STEP_REMOVE_TRUSTED, UM_SIDE_RESOURCE,
	  N_("Policies -> Trust Relationships -> Trusted Domains -> Remove"),
	  N_("Remove %2$s from the Trusted Domains of %1$s."),
	  N_("The resource domain's half of the broken trust holds a "
	     "password the accounts domain no longer has; it must go before "
	     "the trust can be established again."),
	  N_("%2$s is no longer in the %1$s domain's Trusted Domains.") },
	{ "remove-trusting", UM_STEP_REMOVE_TRUSTING, UM_SIDE_ACCOUNTS,
	  N_("Policies -> Trust Relationships -> Trusting Domains -> Remove"),
	  N_("Remove %1$s from the Trusting Domains of %2$s."),
	  N_("Whatever is left of the trust account on the accounts domain "
	     "must go, so that both sides start again from nothing."),
	  N_("%1$s is no longer in the %2$s domain's Trusting Domains.") },
	{ "add-trusting", UM_STEP_ADD_TRUSTING, UM_SIDE_ACCOUNTS,
	  N_("Policies -> Trust Relationships -> Trusting Domains -> Add..."),
	  N_("Add %1$s to the Trusting Domains of %2$s, with a new "
	     "password."),
	  N_("The accounts domain permits the resource domain to trust it: "
	     "this creates the trust account the resource domain will log "
	     "on with."),
	  N_("%1$s is in the %2$s domain's Trusting Domains and its trust "
	     "account accepts the password.") },
	{ "add-trusted", UM_STEP_ADD_TRUSTED, UM_SIDE_RESOURCE,
	  N_("Policies -> Trust Relationships -> Trusted Domains -> Add..."),
	  N_("Add %2$s to the Trusted Domains of %1$s, with the same "
	     "password."),
	  N_("The resource domain trusts the accounts domain, using the "
	     "password just given to the accounts domain."),
	  N_("%2$s is in the %1$s domain's Trusted Domains.") },
	{ "reset", UM_STEP_RESET, UM_SIDE_RESOURCE,
	  N_("nltest /sc_reset (secure channel reset)"),
	  N_("Reset the secure channel from %1$s to %2$s."),
	  N_("The resource PDC may still hold a secure channel built with "
	     "the old password; a reset builds a new one."),
	  N_("The new secure channel is built.") },
	{ "verify", UM_STEP_VERIFY, UM_SIDE_RESOURCE,
	  N_("nltest /sc_verify (secure channel verify)"),
	  N_("Verify the secure channel from %1$s to %2$s."),
	  N_("Proves that both sides now hold the same trust password."),
	  N_("The secure channel verifies.") },
	{ "logon-test", UM_STEP_LOGON_TEST, UM_SIDE_RESOURCE,
	  N_("Log on to the resource domain as an accounts domain user"),
	  N_("Log a user of %2$s on through the PDC of %1$s."),
	  N_("The symptom of the broken trust was that this failed."),
	  N_("The logon succeeds.") },
};
const size_t um_repair_n_steps = sizeof(um_repair_steps) /
				 sizeof(um_repair_steps[0]);

#define N_STEPS (sizeof(um_repair_steps) / sizeof(um_repair_steps[0]))

struct um_repair {
	struct um_model *m;
	struct um_journal *j;
	char *id;
	char *resource_pdc, *accounts_pdc;
	char *resource, *accounts;
	struct um_pdc *res, *acc;
	struct um_diagnosis *diag;
	struct um_repair_options opt;
	enum um_step_state state[N_STEPS];
	struct um_status status[N_STEPS];
	struct um_secret *password;
	enum um_verdict verdict_before;
	bool healthy;
	bool two_way;    /* re-keyed two-way: both channels reset, checked */
	bool rekey;      /* both Adds re-create their object two-way */
	bool keep;       /* ... keeping the other direction's password */
	bool reusing;    /* um_model_reuse_reads() is on for this repair */
	size_t refused;  /* the step no server here can do, or N_STEPS */
	char *refusal;   /* and why, for the operator */
};

/* ---- the journal ------------------------------------------------------ */

static void journal(struct um_repair *r, const char *event, size_t step,
		    struct um_status st, const char *extra)
{
	struct um_journal_event e = {
		.repair = r->id,
		.event = (char *)event,
		.resource_pdc = r->resource_pdc,
		.accounts_pdc = r->accounts_pdc,
		.resource = r->resource,
		.accounts = r->accounts,
	};

	if (r->j == NULL) {
		return;
	}
	if (step < N_STEPS) {
		e.step = (char *)um_repair_steps[step].id;
		e.pdc = um_repair_steps[step].side == UM_SIDE_RESOURCE
				? r->resource_pdc : r->accounts_pdc;
		e.status = (char *)um_status_name(st);
	}
	if (strcmp(event, "repair-start") == 0 ||
	    strcmp(event, "repair-resume") == 0) {
		/* a name, not a secret: a resumed repair keeps the test */
		e.test_user = (char *)r->opt.user;
	}
	if (strcmp(event, "repair-start") == 0) {
		e.verdict = (char *)extra;
	} else if (strcmp(event, "repair-end") == 0) {
		e.outcome = (char *)extra;
		e.verdict = (char *)um_verdict_key(r->diag->verdict);
	}
	/* A journal that cannot be written stops nothing already begun,
	 * but the operator is told. */
	if (!um_is_ok(um_journal_append(r->j, &e))) {
		um_model_note(r->m, _("The journal could not be written."));
	}
}

/* ---- set-up ----------------------------------------------------------- */

/* A repair's id: random hex; IO when the random source fails. */
static struct um_status new_id(TALLOC_CTX *mem, char **out)
{
	unsigned char raw[8];
	char hex[17];
	int i;

	*out = NULL;
	if (!um_random_bytes(raw, sizeof(raw))) {
		return um_local(UM_LOCAL_IO);
	}
	for (i = 0; i < 8; i++) {
		snprintf(hex + 2 * i, 3, "%02x", raw[i]);
	}
	*out = talloc_strdup(mem, hex);
	return *out != NULL ? um_ok() : um_local(UM_LOCAL_NO_MEMORY);
}

static struct um_status open_sides(struct um_repair *r)
{
	struct um_status st = um_pdc_get(r->m, r->resource_pdc, &r->res);

	if (um_is_ok(st)) {
		st = um_pdc_get(r->m, r->accounts_pdc, &r->acc);
	}
	return st;
}

static struct um_status diagnose(struct um_repair *r)
{
	struct um_status st;

	talloc_free(r->diag);
	st = um_diagnose(r->m, r->resource_pdc, r->accounts_pdc, NULL, NULL,
			 r, &r->diag);
	if (um_is_ok(st) && r->diag->resource != NULL) {
		talloc_free(r->resource);
		r->resource = talloc_strdup(r, r->diag->resource);
	}
	if (um_is_ok(st) && r->diag->accounts != NULL) {
		talloc_free(r->accounts);
		r->accounts = talloc_strdup(r, r->diag->accounts);
	}
	return st;
}

void um_repair_plan(enum um_verdict verdict, bool logon_test,
		    enum um_step_state *state)
{
	size_t i;

	for (i = 0; i < N_STEPS; i++) {
		state[i] = UM_STEP_PENDING;
		/* Both halves agree: only the channel needed mending. */
		if (verdict == UM_VERDICT_STALE_CHANNEL &&
		    um_repair_steps[i].kind < UM_STEP_RESET) {
			state[i] = UM_STEP_NOT_NEEDED;
		}
	}
	if (!logon_test) {
		state[N_STEPS - 1] = UM_STEP_NOT_NEEDED;
	}
}

/* Which steps this repair needs, from the diagnosis. */
static void plan(struct um_repair *r)
{
	size_t i;

	um_repair_plan(r->diag->verdict, r->opt.user != NULL, r->state);
	for (i = 0; i < N_STEPS; i++) {
		r->status[i] = um_ok();
	}
}

static struct um_repair *repair_new(TALLOC_CTX *mem, struct um_model *m,
				    struct um_journal *j,
				    const char *resource_pdc,
				    const char *accounts_pdc,
				    const struct um_repair_options *opt)
{
	struct um_repair *r = talloc_zero(mem, struct um_repair);

	if (r == NULL) {
		return NULL;
	}
	r->m = m;
	r->j = j;
	r->refused = N_STEPS;
	r->resource_pdc = talloc_strdup(r, resource_pdc);
	r->accounts_pdc = talloc_strdup(r, accounts_pdc);
	if (opt != NULL) {
		r->opt = *opt;
	}
	return r;
}

static struct um_status refuse_unreachable(struct um_repair *r)
{
	if (!um_is_ok(r->diag->resource_reach)) {
		return r->diag->resource_reach;
	}
	if (!um_is_ok(r->diag->accounts_reach)) {
		return r->diag->accounts_reach;
	}
	/* both answered us, but the resource PDC reached no DC of the
	 * accounts domain: its verify after the reset says so */
	return !um_is_ok(r->diag->verify_after_reset)
		       ? r->diag->verify_after_reset
		       : um_werr(UM_WERR_NO_LOGON_SERVERS);
}

/* Both PDCs, asked afresh; a repair never starts with one out of reach. */
static struct um_status look_at_both_sides(struct um_repair *r)
{
	struct um_status st = open_sides(r);

	if (um_is_ok(st)) {
		st = diagnose(r);
	}
	if (um_is_ok(st)) {
		r->verdict_before = r->diag->verdict;
	}
	if (um_is_ok(st) &&
	    r->diag->verdict == UM_VERDICT_PARTNER_UNREACHABLE) {
		st = refuse_unreachable(r);
	}
	return st;
}

/* ---- reads kept --------------------------------------------------------- */

/* While the repair looks (its start, a step, its end) what it read is
 * kept until something changes it, so that a step's checks read each
 * list once; between steps an operator may act, so the next step asks
 * afresh -- unless the steps run back to back, then what was read
 * after the last change stays known until the finish. */
static void reads_begin(struct um_repair *r)
{
	if (!r->reusing || !r->opt.back_to_back) {
		um_model_reuse_reads(r->m, true);
		r->reusing = true;
	}
}

static void reads_end(struct um_repair *r, bool finished)
{
	if (finished || !r->opt.back_to_back) {
		um_model_reuse_reads(r->m, false);
		r->reusing = false;
	}
}

/* ---- the plan, checked whole ------------------------------------------ */

/* The Trust Relationships operation a step is, when it changes a
 * trusted-domain object. */
static bool step_changes(enum um_step_kind kind, enum um_op *op)
{
	switch (kind) {
	case UM_STEP_REMOVE_TRUSTED:
		*op = UM_OP_REMOVE_TRUSTED;
		return true;
	case UM_STEP_REMOVE_TRUSTING:
		*op = UM_OP_REMOVE_TRUSTING;
		return true;
	case UM_STEP_ADD_TRUSTING:
		*op = UM_OP_ADD_TRUSTING;
		return true;
	case UM_STEP_ADD_TRUSTED:
		*op = UM_OP_ADD_TRUSTED;
		return true;
	default:
		return false;
	}
}

/* The remove an Add does first when its direction is there already
 * (clear_leftover()). */
static enum um_op leftover_remove(enum um_op add)
{
	return add == UM_OP_ADD_TRUSTING ? UM_OP_REMOVE_TRUSTING
					 : UM_OP_REMOVE_TRUSTED;
}

/* What step I needs of a server with CAPS whose object holds *DIRS;
 * *DIRS becomes what the step leaves.  0, or the UM_CAP_* bit lacking. */
static uint32_t step_lacks(size_t i, uint32_t caps, uint32_t *dirs,
			   enum um_op *op)
{
	uint32_t lacks = 0;
	enum um_op rm;

	if (!step_changes(um_repair_steps[i].kind, op)) {
		return 0;
	}
	if ((*op == UM_OP_ADD_TRUSTING || *op == UM_OP_ADD_TRUSTED) &&
	    um_trust_change_result(*op, *dirs) == *dirs) {
		rm = leftover_remove(*op);
		lacks = um_trust_change_lacks(rm, caps, *dirs);
		*dirs = um_trust_change_result(rm, *dirs);
		if (lacks != 0) {
			*op = rm;
			return lacks;
		}
	}
	lacks = um_trust_change_lacks(*op, caps, *dirs);
	*dirs = um_trust_change_result(*op, *dirs);
	return lacks;
}

/* Tell the operator which step cannot be done, where, and why. */
static void refuse_step(struct um_repair *r, size_t i, enum um_op op,
			uint32_t lacks)
{
	bool res = um_repair_steps[i].side == UM_SIDE_RESOURCE;
	char *why = um_trust_refusal_text(r, res ? r->res : r->acc, op,
					  res ? r->accounts : r->resource,
					  lacks);
	char *text = talloc_asprintf(r, _("The repair was not begun: step "
					  "%zu of %zu cannot be done on %s.\n"
					  "%s: %s"),
				     um_repair_step_number(r, i),
				     um_repair_count_steps(r),
				     um_repair_step_pdc(r, i),
				     um_repair_step_title(i),
				     why != NULL ? why : "");

	/* no note: each front-end shows um_repair_refusal_text() whole
	 * (a status line would cut it short) */
	r->refused = i;
	talloc_free(r->refusal);
	r->refusal = text;
	talloc_free(why);
}

static bool step_ahead(const struct um_repair *r, enum um_step_kind kind)
{
	size_t i;

	for (i = 0; i < N_STEPS; i++) {
		if (um_repair_steps[i].kind == kind) {
			return r->state[i] == UM_STEP_PENDING ||
			       r->state[i] == UM_STEP_FAILED;
		}
	}
	return false;
}

/*
 * A two-way trust (ACCOUNTS trusts RESOURCE too, on either side) between
 * servers that cannot add a direction to an object but can re-create it
 * two-way (Samba AD, doc/two-way.md): both Adds re-create their object
 * with both directions and the one new password, so the kept direction
 * is re-keyed on both PDCs and works again once the second Add is done.
 * Both servers must be able to; the Adds re-key only while Add Trusted
 * (the resource's half, last) is still to run.
 */
static bool two_way_rekeyed(const uint32_t caps[2], const uint32_t dirs[2])
{
	bool other_way = (dirs[0] & UM_DIR_INBOUND) ||
			 (dirs[1] & UM_DIR_OUTBOUND);

	return (caps[0] & caps[1] & UM_CAP_REKEY_TWO_WAY) &&
	       !(caps[0] & caps[1] & UM_CAP_ADD_DIRECTION) && other_way;
}

/*
 * Before the first step: every step still to run, on the objects as
 * they will be when it runs -- can its PDC's server do it?  When one
 * cannot, the repair is refused now, with nothing changed on either
 * PDC, rather than half-way (issue 22).
 */
static struct um_status check_plan(struct um_repair *r)
{
	struct um_pdc *pdc[2] = { r->res, r->acc };
	const char *partner[2] = { r->accounts, r->resource };
	uint32_t caps[2], dirs[2], lacks;
	struct um_status st = um_ok();
	enum um_op op;
	size_t i, k;

	r->rekey = r->two_way = r->keep = false;
	for (k = 0; k < 2 && um_is_ok(st); k++) {
		st = um_pdc_caps(pdc[k], &caps[k]);
	}
	if (!um_is_ok(st) || ((caps[0] & caps[1] & UM_CAP_ALL) ==
			      UM_CAP_ALL)) {
		/* (every change possible: the lists need not be read) */
		return st;
	}
	for (k = 0; k < 2 && um_is_ok(st); k++) {
		st = um_trust_directions(pdc[k], partner[k], &dirs[k]);
	}
	r->two_way = um_is_ok(st) && two_way_rekeyed(caps, dirs);
	if (r->two_way && step_ahead(r, UM_STEP_ADD_TRUSTED)) {
		r->rekey = true;
		/* both servers read the kept direction's password back:
		 * each Add keeps it (doc/two-way.md) */
		r->keep = um_trust_keeps_password(pdc[0], partner[0]) &&
			  um_trust_keeps_password(pdc[1], partner[1]);
		caps[0] |= UM_CAP_ADD_DIRECTION;
		caps[1] |= UM_CAP_ADD_DIRECTION;
	}
	for (i = um_repair_next(r); um_is_ok(st) && i < N_STEPS; i++) {
		if (r->state[i] != UM_STEP_PENDING &&
		    r->state[i] != UM_STEP_FAILED) {
			continue;
		}
		k = um_repair_steps[i].side == UM_SIDE_RESOURCE ? 0 : 1;
		lacks = step_lacks(i, caps[k], &dirs[k], &op);
		if (lacks != 0) {
			refuse_step(r, i, op, lacks);
			return um_local(UM_LOCAL_NOT_SUPPORTED);
		}
	}
	return st;
}

static struct um_status start_body(TALLOC_CTX *mem, struct um_model *m,
				 struct um_journal *j,
				 const char *resource_pdc,
				 const char *accounts_pdc,
				 const struct um_repair_options *opt,
				 struct um_repair **out)
{
	struct um_repair *r = repair_new(mem, m, j, resource_pdc,
					 accounts_pdc, opt);
	struct um_status st;

	*out = r;
	if (r == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	st = look_at_both_sides(r);
	if (!um_is_ok(st)) {
		return st;
	}
	if (r->diag->verdict == UM_VERDICT_HEALTHY && !r->opt.reestablish) {
		r->healthy = true;
		return um_ok();
	}
	if (r->diag->verdict == UM_VERDICT_LOGON_FAILS) {
		/* The trust works; repairing it would change nothing. */
		return r->diag->logon;
	}
	st = new_id(r, &r->id);
	if (!um_is_ok(st)) {
		return st;
	}
	plan(r);
	st = check_plan(r);
	if (!um_is_ok(st)) {
		return st;
	}
	journal(r, "repair-start", N_STEPS, um_ok(),
		um_verdict_key(r->diag->verdict));
	return um_ok();
}

/* ---- resume ----------------------------------------------------------- */

static size_t step_index(const char *id)
{
	size_t i;

	for (i = 0; id != NULL && i < N_STEPS; i++) {
		if (strcmp(um_repair_steps[i].id, id) == 0) {
			return i;
		}
	}
	return N_STEPS;
}

/* Step ID journaled as done, or as already so (SKIPPED). */
static void note_step(struct um_unfinished *u, const char *id, bool skipped)
{
	size_t i = step_index(id);
	unsigned bit = i < N_STEPS ? 1u << i : 0;

	talloc_free(u->last_step);
	u->last_step = talloc_strdup(u, id);
	u->skipped = skipped ? u->skipped | bit : u->skipped & ~bit;
}

struct um_status um_repair_find_unfinished(TALLOC_CTX *mem,
					   const char *journal_path,
					   struct um_unfinished **out)
{
	TALLOC_CTX *tmp = talloc_new(mem);
	struct um_journal_event *ev;
	struct um_unfinished *u = NULL;
	size_t n, skipped, i;
	struct um_status st;

	*out = NULL;
	st = um_journal_read(tmp, journal_path, &ev, &n, &skipped);
	for (i = 0; um_is_ok(st) && i < n; i++) {
		if (strcmp(ev[i].event, "repair-start") == 0) {
			talloc_free(u);
			u = talloc_zero(mem, struct um_unfinished);
			u->repair = talloc_strdup(u, ev[i].repair);
			u->resource_pdc = talloc_strdup(u, ev[i].resource_pdc);
			u->accounts_pdc = talloc_strdup(u, ev[i].accounts_pdc);
			u->resource = talloc_strdup(u, ev[i].resource);
			u->accounts = talloc_strdup(u, ev[i].accounts);
			u->time = talloc_strdup(u, ev[i].time);
			u->user = talloc_strdup(u, ev[i].test_user);
		} else if (u != NULL && strcmp(u->repair, ev[i].repair) == 0) {
			if (strcmp(ev[i].event, "repair-end") == 0) {
				TALLOC_FREE(u);
			} else if (strcmp(ev[i].event, "repair-resume") == 0 &&
				   ev[i].test_user != NULL) {
				talloc_free(u->user);
				u->user = talloc_strdup(u, ev[i].test_user);
			} else if (strcmp(ev[i].event, "step-done") == 0) {
				note_step(u, ev[i].step, false);
			} else if (strcmp(ev[i].event, "step-skipped") == 0) {
				note_step(u, ev[i].step, true);
			}
		}
	}
	talloc_free(tmp);
	if (u != NULL && (u->resource_pdc == NULL || u->accounts_pdc == NULL)) {
		TALLOC_FREE(u);
	}
	*out = u;
	return st;
}

static struct um_status resume_body(TALLOC_CTX *mem, struct um_model *m,
				  struct um_journal *j,
				  const struct um_unfinished *u,
				  const struct um_repair_options *opt,
				  struct um_repair **out)
{
	struct um_repair *r = repair_new(mem, m, j, u->resource_pdc,
					 u->accounts_pdc, opt);
	size_t last = step_index(u->last_step), i;
	struct um_status st;

	*out = r;
	if (r == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	r->id = talloc_strdup(r, u->repair);
	r->resource = talloc_strdup(r, u->resource);
	r->accounts = talloc_strdup(r, u->accounts);
	if (r->opt.user == NULL && u->user != NULL &&
	    r->opt.user_password != NULL) {
		/* the logon test asked for when the repair began; its
		 * password, never journaled, was asked for again */
		r->opt.user = talloc_strdup(r, u->user);
	}
	st = look_at_both_sides(r);
	if (!um_is_ok(st)) {
		return st;
	}
	for (i = 0; i < N_STEPS; i++) {
		r->state[i] = UM_STEP_PENDING;
	}
	/* Steps journaled as done stay done; each is checked again on the
	 * wire when the engine comes to the step that depends on it. */
	for (i = 0; last < N_STEPS && i <= last; i++) {
		/* (shown as they were: done, or already so and skipped) */
		r->state[i] = u->skipped & (1u << i) ? UM_STEP_SATISFIED
						     : UM_STEP_DONE;
	}
	if (r->opt.user == NULL) {
		r->state[N_STEPS - 1] = UM_STEP_NOT_NEEDED;
	}
	st = check_plan(r);
	if (!um_is_ok(st)) {
		return st;
	}
	journal(r, "repair-resume", N_STEPS, um_ok(), NULL);
	return um_ok();
}

/* Can this model name PDC?  Simulated domains know their own PDCs; a
 * real PDC is not asked before the operator agrees to resume. */
static bool model_names(struct um_model *m, const char *pdc)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	const char **world = um_model_sim_domains(m, tmp);
	struct um_pdc *p;
	bool yes = world == NULL || um_is_ok(um_pdc_get(m, pdc, &p));

	talloc_free(tmp);
	return yes;
}

struct um_unfinished *um_repair_offer(TALLOC_CTX *mem, struct um_model *m,
				      const char *journal_path)
{
	struct um_unfinished *u = NULL;

	um_repair_find_unfinished(mem, journal_path, &u);
	if (u != NULL && (!model_names(m, u->resource_pdc) ||
			  !model_names(m, u->accounts_pdc))) {
		TALLOC_FREE(u);
	}
	return u;
}

void um_repair_resume_creds(struct um_model *m, const struct um_unfinished *u,
			    const char *given_resource_pdc,
			    const char *resource_authfile,
			    const char *given_accounts_pdc,
			    const char *accounts_authfile)
{
	/* A PDC named again got its authfile with its name already. */
	if (given_resource_pdc == NULL) {
		um_model_set_authfile(m, u->resource_pdc, resource_authfile);
	}
	if (given_accounts_pdc == NULL) {
		um_model_set_authfile(m, u->accounts_pdc, accounts_authfile);
	}
}

/* ---- reading the steps ------------------------------------------------ */

size_t um_repair_refused_step(const struct um_repair *r)
{
	return r->refused;
}

const char *um_repair_refusal_text(const struct um_repair *r)
{
	return r->refusal;
}

const struct um_diagnosis *um_repair_diagnosis(const struct um_repair *r)
{
	return r->diag;
}

const char *um_repair_id(const struct um_repair *r)
{
	return r->id;
}

/* A domain whose PDC never answered has no name yet: "?" */
const char *um_repair_resource(const struct um_repair *r)
{
	return r->resource ? r->resource : "?";
}

const char *um_repair_accounts(const struct um_repair *r)
{
	return r->accounts ? r->accounts : "?";
}

const char *um_repair_pdc(const struct um_repair *r, enum um_side side)
{
	return side == UM_SIDE_RESOURCE ? r->resource_pdc : r->accounts_pdc;
}

bool um_repair_healthy(const struct um_repair *r)
{
	return r->healthy;
}

enum um_verdict um_repair_verdict_before(const struct um_repair *r)
{
	return r->verdict_before;
}

enum um_step_state um_repair_step_state(const struct um_repair *r, size_t i)
{
	return r->state[i];
}

struct um_status um_repair_step_status(const struct um_repair *r, size_t i)
{
	return r->status[i];
}

/* The step texts come from a table so that translators can reorder the
 * two names (%1$s, %2$s): the format cannot be a literal here. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
char *um_repair_step_text(TALLOC_CTX *mem, const struct um_repair *r,
			  size_t i)
{
	const struct um_step *s = &um_repair_steps[i];
	char *action = talloc_asprintf(mem, _(s->action), r->resource,
				       r->accounts);
	char *text = talloc_asprintf(mem, "%s\n%s", action, _(s->why));

	if (r->keep && (s->kind == UM_STEP_ADD_TRUSTING ||
			s->kind == UM_STEP_ADD_TRUSTED)) {
		text = talloc_asprintf_append(text, "\n%s",
			_("The trust is two-way and this server keeps both "
			  "directions in one object: it is created again with "
			  "both, and the other direction keeps its password "
			  "and keeps working."));
	} else if (r->rekey && (s->kind == UM_STEP_ADD_TRUSTING ||
				s->kind == UM_STEP_ADD_TRUSTED)) {
		text = talloc_asprintf_append(text, "\n%s",
			_("The trust is two-way and this server keeps both "
			  "directions in one object: it is created again with "
			  "both, and the other direction gets the same new "
			  "password on both domains."));
	}
	return text;
}
#pragma GCC diagnostic pop

size_t um_repair_next(const struct um_repair *r)
{
	size_t i;

	for (i = 0; i < N_STEPS; i++) {
		if (r->state[i] == UM_STEP_PENDING ||
		    r->state[i] == UM_STEP_FAILED) {
			return i;
		}
	}
	return N_STEPS;
}

/* ---- the password ----------------------------------------------------- */

enum um_password_need um_repair_password_need(const struct um_repair *r,
					      size_t i)
{
	if (r->password != NULL || i >= N_STEPS) {
		return UM_PASSWORD_NONE;
	}
	switch (um_repair_steps[i].kind) {
	case UM_STEP_ADD_TRUSTING:
		return UM_PASSWORD_NEW;
	case UM_STEP_ADD_TRUSTED:
		/* Add Trusting is behind it: the accounts PDC holds one. */
		return UM_PASSWORD_HELD;
	default:
		return UM_PASSWORD_NONE;
	}
}

bool um_repair_needs_password(const struct um_repair *r, size_t i)
{
	return um_repair_password_need(r, i) != UM_PASSWORD_NONE;
}

enum um_password_need um_repair_password_needed_up_front(
	const struct um_repair *r, size_t *step)
{
	enum um_password_need need;
	size_t i;

	for (i = um_repair_next(r); i < N_STEPS; i++) {
		need = um_repair_password_need(r, i);
		if (r->state[i] == UM_STEP_PENDING &&
		    need != UM_PASSWORD_NONE) {
			*step = i;
			return need;
		}
	}
	*step = N_STEPS;
	return UM_PASSWORD_NONE;
}

static size_t index_of(enum um_step_kind kind)
{
	size_t i;

	for (i = 0; i < N_STEPS; i++) {
		if (um_repair_steps[i].kind == kind) {
			break;
		}
	}
	return i;
}

struct um_status um_repair_set_password(struct um_repair *r,
					const struct um_secret *pw)
{
	struct um_status st = um_secret_check(pw);

	if (!um_is_ok(st)) {
		return st;
	}
	if (um_secret_len(pw) == 0 &&
	    r->state[index_of(UM_STEP_ADD_TRUSTING)] != UM_STEP_DONE) {
		/* Both Add steps would store an empty trust password. */
		return um_local(UM_LOCAL_USAGE);
	}
	if (r->state[index_of(UM_STEP_ADD_TRUSTING)] == UM_STEP_DONE) {
		/* Given again after a restart: it must be the stored one. */
		st = um_trust_check_account(r->acc, r->resource, pw);
		if (!um_is_ok(st)) {
			return st;
		}
	}
	talloc_free(r->password);
	r->password = um_secret_new(r, um_secret_reveal(pw),
				    um_secret_len(pw));
	return r->password ? um_ok() : um_local(UM_LOCAL_NO_MEMORY);
}

struct um_status um_repair_generate_password(struct um_repair *r)
{
	if (r->state[index_of(UM_STEP_ADD_TRUSTING)] == UM_STEP_DONE) {
		/* The accounts side already holds a password we don't know. */
		return um_local(UM_LOCAL_NOT_SUPPORTED);
	}
	talloc_free(r->password);
	r->password = um_secret_random(r, 32);
	return r->password ? um_ok() : um_local(UM_LOCAL_NO_MEMORY);
}

void um_repair_rewind_trusting(struct um_repair *r)
{
	r->state[index_of(UM_STEP_REMOVE_TRUSTING)] = UM_STEP_PENDING;
	r->state[index_of(UM_STEP_ADD_TRUSTING)] = UM_STEP_PENDING;
	TALLOC_FREE(r->password);
	journal(r, "repair-rewind", index_of(UM_STEP_ADD_TRUSTING),
		um_ok(), NULL);
}

static struct um_password_answer rewound(struct um_repair *r,
					 const char *note)
{
	struct um_password_answer a = { UM_PASSWORD_REWOUND, um_ok(), note };

	um_repair_rewind_trusting(r);
	return a;
}

struct um_password_answer um_repair_give_password(
	struct um_repair *r, const struct um_secret *pw)
{
	struct um_password_answer a = { UM_PASSWORD_ACCEPTED, um_ok(), NULL };
	size_t step;
	bool held = um_repair_password_needed_up_front(r, &step) ==
		    UM_PASSWORD_HELD ||
		    um_repair_password_need(r, um_repair_next(r)) ==
		    UM_PASSWORD_HELD;

	if (held && (pw == NULL || um_secret_len(pw) == 0)) {
		/* Nobody knows it: the accounts side gets a new one. */
		return rewound(r, _("Add Trusting Domain will be done again "
				    "with a new password."));
	}
	a.status = um_repair_set_password(r, pw);
	if (held && !um_is_ok(a.status) && a.status.kind != UM_KIND_LOCAL) {
		/* The accounts PDC refused it: not the one it holds. */
		return rewound(r, _("That is not the password the accounts "
				    "domain holds; Add Trusting Domain will be "
				    "done again with a new password."));
	}
	if (!um_is_ok(a.status)) {
		a.outcome = UM_PASSWORD_REFUSED;
	}
	if (!held && um_status_is(a.status, UM_KIND_LOCAL, UM_LOCAL_USAGE)) {
		a.note = _("The trust password cannot be empty: give one, or "
			   "have a strong one generated.");
	}
	return a;
}

/* ---- running a step --------------------------------------------------- */

static struct um_status in_lists(struct um_repair *r, bool *res_trusts,
				 bool *acc_lists)
{
	TALLOC_CTX *tmp = talloc_new(r);
	struct um_trust *td, *tg;
	size_t ntd, ntg, i;
	struct um_status st;

	*res_trusts = *acc_lists = false;
	st = um_trust_list(r->res, tmp, &td, &ntd, &tg, &ntg);
	for (i = 0; um_is_ok(st) && i < ntd; i++) {
		*res_trusts |= um_name_equal(td[i].name, r->accounts);
	}
	if (um_is_ok(st)) {
		st = um_trust_list(r->acc, tmp, &td, &ntd, &tg, &ntg);
	}
	for (i = 0; um_is_ok(st) && i < ntg; i++) {
		*acc_lists |= um_name_equal(tg[i].name, r->resource);
	}
	talloc_free(tmp);
	return st;
}

/* Is step I's postcondition already true on the wire? */
static struct um_status satisfied(struct um_repair *r, size_t i, bool *yes)
{
	bool res_trusts, acc_lists;
	struct um_status st;

	*yes = false;
	switch (um_repair_steps[i].kind) {
	case UM_STEP_REMOVE_TRUSTED:
	case UM_STEP_REMOVE_TRUSTING:
		st = in_lists(r, &res_trusts, &acc_lists);
		*yes = um_repair_steps[i].kind == UM_STEP_REMOVE_TRUSTED
			       ? !res_trusts : !acc_lists;
		return st;
	default:
		/* Adds and checks are never skipped on a guess. */
		return um_ok();
	}
}

/* An Add interrupted after it reached the server but before it was
 * journaled leaves a half we hold no password for: remove it first, so
 * the step sets the password it is given. */
static struct um_status clear_leftover(struct um_repair *r, size_t i)
{
	bool res_trusts, acc_lists;
	struct um_status st = in_lists(r, &res_trusts, &acc_lists);

	if (!um_is_ok(st)) {
		return st;
	}
	if (um_repair_steps[i].kind == UM_STEP_ADD_TRUSTING && acc_lists) {
		return um_trust_remove_trusting(r->acc, r->resource);
	}
	if (um_repair_steps[i].kind == UM_STEP_ADD_TRUSTED && res_trusts) {
		return um_trust_remove_trusted(r->res, r->accounts);
	}
	return um_ok();
}

static struct um_status act(struct um_repair *r, size_t i)
{
	struct um_status st;

	if (um_repair_steps[i].kind == UM_STEP_ADD_TRUSTING ||
	    um_repair_steps[i].kind == UM_STEP_ADD_TRUSTED) {
		st = clear_leftover(r, i);
		if (!um_is_ok(st)) {
			return st;
		}
	}
	switch (um_repair_steps[i].kind) {
	case UM_STEP_REMOVE_TRUSTED:
		return um_trust_remove_trusted(r->res, r->accounts);
	case UM_STEP_REMOVE_TRUSTING:
		return um_trust_remove_trusting(r->acc, r->resource);
	case UM_STEP_ADD_TRUSTING:
		um_trust_set_rekey(r->acc, r->rekey, r->keep);
		st = um_trust_add_trusting(r->acc, r->resource, r->password,
					   r->password);
		um_trust_set_rekey(r->acc, false, false);
		return st;
	case UM_STEP_ADD_TRUSTED:
		um_trust_set_rekey(r->res, r->rekey, r->keep);
		/* the reset and verify steps that follow rebuild and check
		 * the channel: Add Trusted Domain leaves it to them */
		um_trust_set_channel_by_caller(r->res, true);
		st = um_trust_add_trusted(r->res, r->accounts,
					  r->accounts_pdc, r->password);
		um_trust_set_channel_by_caller(r->res, false);
		um_trust_set_rekey(r->res, false, false);
		return st;
	case UM_STEP_RESET:
		st = um_trust_reset(r->res, r->accounts);
		/* re-keyed: the other direction's channel is stale too */
		return um_is_ok(st) && r->two_way
			       ? um_trust_reset(r->acc, r->resource) : st;
	case UM_STEP_VERIFY:
		st = um_trust_verify(r->res, r->accounts);
		return um_is_ok(st) && r->two_way
			       ? um_trust_verify(r->acc, r->resource) : st;
	case UM_STEP_LOGON_TEST:
		return um_logon_test(r->res, r->opt.user,
				     r->opt.user_password);
	}
	return um_local(UM_LOCAL_NOT_SUPPORTED);
}

/* The postcondition, asked afresh on the wire. */
static struct um_status postcondition(struct um_repair *r, size_t i)
{
	bool res_trusts, acc_lists, ok;
	struct um_status st;

	switch (um_repair_steps[i].kind) {
	case UM_STEP_ADD_TRUSTING:
		st = in_lists(r, &res_trusts, &acc_lists);
		if (um_is_ok(st) && !acc_lists) {
			return um_local(UM_LOCAL_POSTCONDITION);
		}
		return um_is_ok(st) ? um_trust_check_account(r->acc,
							     r->resource,
							     r->password)
				    : st;
	case UM_STEP_REMOVE_TRUSTED:
	case UM_STEP_REMOVE_TRUSTING:
	case UM_STEP_ADD_TRUSTED:
		st = in_lists(r, &res_trusts, &acc_lists);
		ok = um_repair_steps[i].kind == UM_STEP_REMOVE_TRUSTED
			     ? !res_trusts
		     : um_repair_steps[i].kind == UM_STEP_REMOVE_TRUSTING
			     ? !acc_lists
			     : res_trusts;
		if (um_is_ok(st) && !ok) {
			return um_local(UM_LOCAL_POSTCONDITION);
		}
		return st;
	default:
		/* Reset, verify and the logon test are their own check. */
		return um_ok();
	}
}

/*
 * A test hook, not a feature (test_hooks.h): in the test binaries,
 * USRMGR_TEST_STOP_AT=before:STEP or after:STEP (STEP as journaled, e.g.
 * add-trusting) stops the process right before that step's action reaches
 * the PDC, or right after it returned and before its postcondition is
 * checked and journaled, so a fault test lands its fault at a known point
 * instead of a race.  The installed usrmgr links the hooks switched off.
 */
static void test_stop_at(const char *when, size_t i)
{
	um_test_hook_stop_at(when, um_repair_steps[i].id);
}

static struct um_status run_body(struct um_repair *r, size_t i)
{
	struct um_status st;
	bool yes;

	if (i >= N_STEPS || i != um_repair_next(r)) {
		return um_local(UM_LOCAL_USAGE);
	}
	if (um_repair_needs_password(r, i)) {
		return um_local(UM_LOCAL_PASSWORD_MISMATCH);
	}
	st = satisfied(r, i, &yes);
	if (um_is_ok(st) && yes) {
		r->state[i] = UM_STEP_SATISFIED;
		r->status[i] = um_ok();
		journal(r, "step-skipped", i, um_ok(), NULL);
		return um_ok();
	}
	if (um_is_ok(st)) {
		journal(r, "step-start", i, um_ok(), NULL);
		test_stop_at("before", i);
		st = act(r, i);
		test_stop_at("after", i);
	}
	if (um_is_ok(st)) {
		st = postcondition(r, i);
	}
	r->status[i] = st;
	r->state[i] = um_is_ok(st) ? UM_STEP_DONE : UM_STEP_FAILED;
	journal(r, um_is_ok(st) ? "step-done" : "step-failed", i, st, NULL);
	return st;
}

struct um_status um_repair_rediagnose(struct um_repair *r,
				      const struct um_diagnosis **out)
{
	struct um_status st;

	/* (asked afresh: whatever was kept is forgotten, the mode stays) */
	um_model_reuse_reads(r->m, r->reusing);
	st = diagnose(r);

	*out = r->diag;
	return st;
}

static struct um_status finish_body(struct um_repair *r, bool *healthy)
{
	struct um_status st = diagnose(r);
	size_t next = um_repair_next(r);

	*healthy = um_is_ok(st) && r->diag->verdict == UM_VERDICT_HEALTHY &&
		   next == N_STEPS;
	if (um_is_ok(st) && next == N_STEPS &&
	    r->diag->verdict == UM_VERDICT_PARTNER_UNREACHABLE) {
		/* Every step done, but the last look could not reach a PDC:
		 * not an end.  The journal keeps the repair open, so that a
		 * resume makes the final check once the PDC is back. */
		return refuse_unreachable(r);
	}
	journal(r, "repair-end", N_STEPS, st,
		*healthy ? "repaired" : next < N_STEPS ? "abandoned"
						       : "failed");
	TALLOC_FREE(r->password);
	return st;
}

/* ---- the public entry points, each with its reads kept -------------- */

/* After a start or resume that read with reuse on: R keeps its reads
 * (dropped when ST failed); without R, reuse ends here. */
static struct um_status reads_kept_after(struct um_model *m,
					 struct um_repair *r,
					 struct um_status st)
{
	if (r != NULL) {
		r->reusing = true;
		reads_end(r, !um_is_ok(st));
	} else {
		um_model_reuse_reads(m, false);
	}
	return st;
}

struct um_status um_repair_start(TALLOC_CTX *mem, struct um_model *m,
				 struct um_journal *j,
				 const char *resource_pdc,
				 const char *accounts_pdc,
				 const struct um_repair_options *opt,
				 struct um_repair **out)
{
	struct um_status st;

	um_model_reuse_reads(m, true);
	st = start_body(mem, m, j, resource_pdc, accounts_pdc, opt, out);
	return reads_kept_after(m, *out, st);
}

struct um_status um_repair_resume(TALLOC_CTX *mem, struct um_model *m,
				  struct um_journal *j,
				  const struct um_unfinished *u,
				  const struct um_repair_options *opt,
				  struct um_repair **out)
{
	struct um_status st;

	um_model_reuse_reads(m, true);
	st = resume_body(mem, m, j, u, opt, out);
	return reads_kept_after(m, *out, st);
}

struct um_status um_repair_run(struct um_repair *r, size_t i)
{
	struct um_status st;

	reads_begin(r);
	st = run_body(r, i);
	/* after a failure nothing read before is trusted: the report of
	 * where it stopped, and a retry, ask afresh */
	reads_end(r, !um_is_ok(st));
	return st;
}

struct um_status um_repair_finish(struct um_repair *r, bool *healthy)
{
	struct um_status st;

	/* (a test binary's stop between the last step and the final
	 * check: there is no round trip between them to kill it in) */
	um_test_hook_stop_at("before", "finish");
	reads_begin(r);
	st = finish_body(r, healthy);
	reads_end(r, true);
	return st;
}
