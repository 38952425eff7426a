/*
 * usrmgr - training: watching the trainee through the model.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "training.h"
#include "repair.h"
#include "names.h"
#include "i18n.h"

#define MAX_STEPS 7

struct um_training {
	struct um_model *m;
	struct um_training_options opt;
	char *resource, *accounts;
	struct um_pdc *res, *acc;
	enum um_verdict verdict;
	enum um_step_state state[MAX_STEPS];
	unsigned mistakes, hints;
	time_t started, ended;
	bool finished, repaired, checking;
	char *messages; /* pending, newline separated */
	char **disturbed; /* unrelated trusts removed: "A B", A < B */
	size_t n_disturbed;
	bool mis_added[2]; /* Add Trusted / Add Trusting done mirrored */
};

static void say(struct um_training *t, const char *text)
{
	t->messages = t->messages
			      ? talloc_asprintf_append(t->messages, "\n%s", text)
			      : talloc_strdup(t, text);
}

static void mistake(struct um_training *t, const char *text)
{
	t->mistakes++;
	say(t, text);
}

/* The PDC's refusal in the operator's words (no mistake by itself). */
static void say_failed(struct um_training *t, struct um_status st)
{
	char *msg = talloc_asprintf(t, _("That failed: %s"),
				    um_status_text(st));

	say(t, msg);
	talloc_free(msg);
}

/* ---- which step an operation was ------------------------------------- */

static enum um_step_kind step_of(enum um_op op)
{
	switch (op) {
	case UM_OP_REMOVE_TRUSTED: return UM_STEP_REMOVE_TRUSTED;
	case UM_OP_REMOVE_TRUSTING: return UM_STEP_REMOVE_TRUSTING;
	case UM_OP_ADD_TRUSTING: return UM_STEP_ADD_TRUSTING;
	case UM_OP_ADD_TRUSTED: return UM_STEP_ADD_TRUSTED;
	case UM_OP_RESET: return UM_STEP_RESET;
	case UM_OP_VERIFY: return UM_STEP_VERIFY;
	case UM_OP_LOGON_TEST: return UM_STEP_LOGON_TEST;
	}
	return UM_STEP_VERIFY;
}

/* OP's step in the procedure's table. */
static size_t step_index(enum um_op op)
{
	size_t s;

	for (s = 0; s < um_repair_n_steps; s++) {
		if (um_repair_steps[s].kind == step_of(op)) {
			break;
		}
	}
	return s < um_repair_n_steps ? s : um_repair_n_steps - 1;
}

static size_t first_pending(const struct um_training *t)
{
	size_t i;

	for (i = 0; i < um_repair_n_steps; i++) {
		if (t->state[i] == UM_STEP_PENDING) {
			return i;
		}
	}
	return um_repair_n_steps;
}

/* P serves the domain WANT (the PDC may have been opened by its domain's
 * name in Select Domain, by its own name here: two handles). */
static bool same_pdc(struct um_pdc *p, struct um_pdc *want,
		     const char *domain)
{
	const struct um_domain_info *info = NULL;

	if (p == want) {
		return true;
	}
	return um_is_ok(um_pdc_info(p, &info)) && info != NULL &&
	       um_name_equal(info->name, domain);
}

/* The name of the domain P serves (its PDC's name when unknown). */
static const char *domain_of(struct um_pdc *p)
{
	const struct um_domain_info *info = NULL;

	if (um_is_ok(um_pdc_info(p, &info)) && info != NULL &&
	    info->name != NULL) {
		return info->name;
	}
	return um_pdc_name(p);
}

/* The name of P's PDC (P may be a handle opened by its domain's name). */
static const char *pdc_of(struct um_pdc *p)
{
	const struct um_domain_info *info = NULL;

	if (um_is_ok(um_pdc_info(p, &info)) && info != NULL &&
	    info->pdc != NULL) {
		return info->pdc;
	}
	return um_pdc_name(p);
}

/* Right PDC and right partner for step S? */
static bool right_place(struct um_training *t, size_t s, struct um_pdc *p,
			const char *partner)
{
	bool want_res = um_repair_steps[s].side == UM_SIDE_RESOURCE;

	if (um_repair_steps[s].kind == UM_STEP_LOGON_TEST) {
		return same_pdc(p, t->res, t->resource);
	}
	return same_pdc(p, want_res ? t->res : t->acc,
			want_res ? t->resource : t->accounts) &&
	       um_name_equal(partner, want_res ? t->accounts : t->resource);
}

/* Step S done the other way round: on the other domain of the pair, for
 * the domain whose PDC it belongs on (Add Trusted on the accounts PDC for
 * the resource domain). */
static bool mirrored(struct um_training *t, size_t s, struct um_pdc *p,
		     const char *partner)
{
	bool want_res = um_repair_steps[s].side == UM_SIDE_RESOURCE;

	if (um_repair_steps[s].kind >= UM_STEP_RESET) {
		return false;
	}
	return same_pdc(p, want_res ? t->acc : t->res,
			want_res ? t->accounts : t->resource) &&
	       um_name_equal(partner, want_res ? t->resource : t->accounts);
}

/* A mirrored Add that worked left a trust the other way round; its
 * Remove undoes that mistake (no new one).  Index: 0 Trusted, 1 Trusting. */
static bool undo_mirrored(struct um_training *t, enum um_op op,
			  struct um_pdc *p, const char *partner)
{
	int i = op == UM_OP_REMOVE_TRUSTED ? 0
		: op == UM_OP_REMOVE_TRUSTING ? 1 : -1;
	char *msg;

	if (i < 0 || !t->mis_added[i]) {
		return false;
	}
	t->mis_added[i] = false;
	msg = talloc_asprintf(t, _("Done: %s (undoing what was done on the "
				   "wrong PDC: %s no longer lists %s)."),
			      _(um_repair_steps[step_index(op)].screen),
			      domain_of(p), partner);
	say(t, msg);
	talloc_free(msg);
	return true;
}

/* The side is the mistake, not the order: say where the step belongs,
 * and which list the partner belongs in on the PDC that was used. */
static void wrong_side(struct um_training *t, size_t s, struct um_pdc *p,
		       const char *partner)
{
	bool want_res = um_repair_steps[s].side == UM_SIDE_RESOURCE;
	char *msg;

	msg = talloc_asprintf(t, _("Wrong PDC, wrong list: that was done on "
		"%s, the PDC of %s, for %s. %s trusts %s, not the other way "
		"round: \"%s\" belongs on %s, the PDC of %s, for %s. On %s, %s "
		"belongs in the %s list."),
		pdc_of(p), domain_of(p), partner, t->resource,
		t->accounts, _(um_repair_steps[s].screen),
		pdc_of(want_res ? t->res : t->acc),
		want_res ? t->resource : t->accounts,
		want_res ? t->accounts : t->resource, pdc_of(p), partner,
		want_res ? _("Trusting Domains") : _("Trusted Domains"));
	mistake(t, msg);
	talloc_free(msg);
}

/* Right PDC and right partner for step S? Explain when not. */
static bool on_the_right_pdc(struct um_training *t, size_t s,
			     struct um_pdc *p, const char *partner)
{
	bool want_res = um_repair_steps[s].side == UM_SIDE_RESOURCE;
	char *msg;

	if (right_place(t, s, p, partner)) {
		return true;
	}
	if (mirrored(t, s, p, partner)) {
		wrong_side(t, s, p, partner);
		return false;
	}
	msg = talloc_asprintf(t, _("That was done on %s for %s. This step "
				   "belongs on the PDC of %s, for %s: %s"),
			      pdc_of(p), partner ? partner : "?",
			      want_res ? t->resource : t->accounts,
			      want_res ? t->accounts : t->resource,
			      _(um_repair_steps[s].screen));
	mistake(t, msg);
	talloc_free(msg);
	return false;
}

/* The two domains of a trust, one way round whichever side P is. */
static char *trust_key(TALLOC_CTX *mem, struct um_pdc *p, const char *partner)
{
	const char *a = domain_of(p), *b = partner ? partner : "?";
	char *ua = NULL, *ub = NULL, *key;

	if (!um_is_ok(um_name_normalise(mem, a, &ua)) ||
	    !um_is_ok(um_name_normalise(mem, b, &ub))) {
		return NULL;
	}
	key = strcmp(ua, ub) < 0 ? talloc_asprintf(mem, "%s %s", ua, ub)
				 : talloc_asprintf(mem, "%s %s", ub, ua);
	talloc_free(ua);
	talloc_free(ub);
	return key;
}

/* Was the trust between P's domain and PARTNER removed by mistake, so
 * that what is done to it now is putting it back? */
static bool disturbed(struct um_training *t, struct um_pdc *p,
		      const char *partner)
{
	char *key = trust_key(t, p, partner);
	bool found = false;
	size_t i;

	for (i = 0; key != NULL && i < t->n_disturbed && !found; i++) {
		found = strcmp(t->disturbed[i], key) == 0;
	}
	talloc_free(key);
	return found;
}

/* Remember an unrelated trust removed (not the pair's own, whichever
 * way: every operation on that one belongs to the repair). */
static void disturb(struct um_training *t, struct um_pdc *p,
		    const char *partner)
{
	char *key;
	char **grown;

	if (disturbed(t, p, partner) ||
	    (um_name_equal(domain_of(p), t->resource) &&
	     um_name_equal(partner, t->accounts)) ||
	    (um_name_equal(domain_of(p), t->accounts) &&
	     um_name_equal(partner, t->resource))) {
		return;
	}
	key = trust_key(t, p, partner);
	grown = talloc_realloc(t, t->disturbed, char *, t->n_disturbed + 1);
	if (key == NULL || grown == NULL) {
		talloc_free(key);
		return; /* only the coach's words suffer */
	}
	t->disturbed = grown;
	t->disturbed[t->n_disturbed++] = talloc_steal(grown, key);
}

/* A step of putting back what was removed by mistake: no mistake. */
static void putting_back(struct um_training *t, enum um_op op,
			 struct um_pdc *p, const char *partner)
{
	char *msg = talloc_asprintf(t, _("Done: %s (putting back the trust "
					 "between %s and %s)."),
				    _(um_repair_steps[step_index(op)].screen),
				    domain_of(p), partner);

	say(t, msg);
	talloc_free(msg);
}

/* A trust the repair does not touch was removed: say so, and how the
 * trainee puts it back (NT's two halves, in NT's order). */
static void unrelated_removed(struct um_training *t, enum um_op op,
			      struct um_pdc *p, const char *partner)
{
	const char *dom = domain_of(p);
	char *msg;

	if (op == UM_OP_REMOVE_TRUSTED) {
		msg = talloc_asprintf(t, _("Removing %s from the Trusted "
			"Domains of %s is not part of the repair: the repair "
			"is about %s trusting %s only. Put it back: on %s "
			"(%s), Trusted Domains > Add... %s, with the password "
			"%s holds for it (if nobody knows it: on the PDC of "
			"%s, remove %s from the Trusting Domains and add it "
			"again with a new password, then type that one "
			"here)."),
			partner, dom, t->resource, t->accounts,
			pdc_of(p), dom, partner, partner, partner, dom);
	} else {
		msg = talloc_asprintf(t, _("Removing %s from the Trusting "
			"Domains of %s is not part of the repair: the repair "
			"is about %s trusting %s only. Put it back: on %s "
			"(%s), Trusting Domains > Add... %s with a new "
			"password, typed twice; then on the PDC of %s, remove "
			"%s from the Trusted Domains and add it again with "
			"that password."),
			partner, dom, t->resource, t->accounts,
			pdc_of(p), dom, partner, partner, dom);
	}
	mistake(t, msg);
	talloc_free(msg);
	disturb(t, p, partner);
}

/* Add Trusted Domain refused the password: the one wanted is the one the
 * accounts domain was given in Add Trusting Domain. */
static bool wrong_password(struct um_training *t, enum um_op op,
			   struct um_status st)
{
	char *msg;

	if (op != UM_OP_ADD_TRUSTED ||
	    !(um_status_is(st, UM_KIND_NT, UM_NT_LOGON_FAILURE) ||
	      um_status_is(st, UM_KIND_NT, UM_NT_WRONG_PASSWORD) ||
	      um_status_is(st, UM_KIND_WERR, UM_WERR_WRONG_PASSWORD))) {
		return false;
	}
	say_failed(t, st);
	msg = talloc_asprintf(t, _("The password must be the one typed on %s "
		"(PDC %s) in Add Trusting Domain for %s. Type that one again; "
		"if nobody knows it, remove %s from the Trusting Domains of %s "
		"and add it again with a new password."),
		t->accounts, t->opt.accounts_pdc, t->resource, t->resource,
		t->accounts);
	mistake(t, msg);
	talloc_free(msg);
	return true;
}

/* Why the KB's order matters for the step the trainee jumped to. */
static void explain_order(struct um_training *t, size_t s, size_t expected)
{
	char *msg;

	switch (um_repair_steps[s].kind) {
	case UM_STEP_ADD_TRUSTED:
		msg = talloc_asprintf(t, _("Add Trusted Domain came too early: "
			"the trust account does not exist yet on %s. Add "
			"Trusting Domain %s on %s first."), t->accounts,
			t->resource, t->accounts);
		break;
	case UM_STEP_ADD_TRUSTING:
		msg = talloc_asprintf(t, _("Add Trusting Domain came too early: "
			"remove what is left of the old trust on both sides "
			"first, so both start again from nothing."));
		break;
	default:
		msg = talloc_asprintf(t, _("Out of order: the KB's next step "
			"is \"%s\"."), _(um_repair_steps[expected].screen));
		break;
	}
	mistake(t, msg);
	talloc_free(msg);
}

static void check_repaired(struct um_training *t)
{
	struct um_diagnosis *d;
	TALLOC_CTX *tmp = talloc_new(t);

	t->checking = true;
	if (um_is_ok(um_diagnose(t->m, t->opt.resource_pdc,
				 t->opt.accounts_pdc, t->opt.user,
				 t->opt.user_password, tmp, &d)) &&
	    d->verdict == UM_VERDICT_HEALTHY &&
	    (t->opt.user == NULL || um_is_ok(d->logon))) {
		size_t i;

		/* The checks left (the logon test) have just passed. */
		for (i = 0; i < um_repair_n_steps; i++) {
			if (t->state[i] == UM_STEP_PENDING &&
			    um_repair_steps[i].kind >= UM_STEP_RESET) {
				t->state[i] = UM_STEP_DONE;
			}
		}
		t->finished = t->repaired = true;
		t->ended = time(NULL);
		say(t, t->opt.user != NULL
			       ? _("The trust works again: the logon test "
				   "passes. Training complete.")
			       : _("The trust works again: the secure channel "
				   "verifies. Training complete."));
	}
	t->checking = false;
	talloc_free(tmp);
}

/* What was done off the repair's own steps: a trust put back or removed
 * by mistake, a mirrored step undone, a step done the other way round.
 * Said here; true when there is nothing more to say. */
static bool outside_the_steps(struct um_training *t, enum um_op op,
			      size_t s, struct um_pdc *p, const char *partner,
			      struct um_status st)
{
	bool ok = um_is_ok(st);
	bool removal = op == UM_OP_REMOVE_TRUSTED ||
		       op == UM_OP_REMOVE_TRUSTING;

	if (ok && disturbed(t, p, partner)) {
		putting_back(t, op, p, partner);
		return true;
	}
	if (ok && mirrored(t, s, p, partner) &&
	    undo_mirrored(t, op, p, partner)) {
		return true;
	}
	if (ok && removal && !right_place(t, s, p, partner)) {
		unrelated_removed(t, op, p, partner);
		return true;
	}
	if (!mirrored(t, s, p, partner)) {
		return false;
	}
	if (!ok) {
		say_failed(t, st);
	} else if (!removal) {
		/* it worked: a trust the other way round, to undo */
		t->mis_added[op == UM_OP_ADD_TRUSTING] = true;
	}
	wrong_side(t, s, p, partner);
	return true;
}

static void observed(void *priv, enum um_op op, struct um_pdc *p,
		     const char *partner, struct um_status st)
{
	struct um_training *t = priv;
	size_t expected = first_pending(t), s;
	char *msg;

	if (t->checking || t->finished) {
		return;
	}
	s = step_index(op);
	if (outside_the_steps(t, op, s, p, partner, st)) {
		return;
	}
	if (!um_is_ok(st) && s > expected &&
	    expected < um_repair_n_steps && t->state[s] == UM_STEP_PENDING &&
	    um_repair_steps[s].kind < UM_STEP_RESET) {
		/* Failed because it came too early (Add Trusted before Add
		 * Trusting): the PDC's refusal, and why (one mistake). */
		say_failed(t, st);
		explain_order(t, s, expected);
		return;
	}
	if (!um_is_ok(st) && right_place(t, s, p, partner) &&
	    wrong_password(t, op, st)) {
		return;
	}
	if (!um_is_ok(st)) {
		msg = talloc_asprintf(t, _("That failed: %s"),
				      um_status_text(st));
		mistake(t, msg);
		talloc_free(msg);
		return;
	}
	if (!on_the_right_pdc(t, s, p, partner)) {
		return;
	}
	if (t->state[s] != UM_STEP_PENDING) {
		return; /* checks may be repeated at will */
	}
	if (s > expected && um_repair_steps[s].kind < UM_STEP_RESET) {
		explain_order(t, s, expected);
	}
	t->state[s] = UM_STEP_DONE;
	if (op == UM_OP_ADD_TRUSTED) {
		/* Add Trusted Domain resets and verifies by itself. */
		t->state[s + 1] = t->state[s + 2] = UM_STEP_DONE;
	}
	msg = talloc_asprintf(t, _("Done: %s"),
			      _(um_repair_steps[s].screen));
	say(t, msg);
	talloc_free(msg);
	if (first_pending(t) >= um_repair_n_steps ||
	    um_repair_steps[first_pending(t)].kind >= UM_STEP_RESET) {
		check_repaired(t);
	}
}

/* ---- the public side -------------------------------------------------- */

static int training_destructor(struct um_training *t)
{
	um_model_set_observer(t->m, NULL);
	return 0;
}

struct um_status um_training_start(TALLOC_CTX *mem, struct um_model *m,
				   const struct um_training_options *opt,
				   struct um_training **out)
{
	struct um_training *t = talloc_zero(mem, struct um_training);
	struct um_observer watch = { .done = observed, .priv = t };
	struct um_diagnosis *d;
	struct um_status st;

	*out = NULL;
	if (t == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	t->m = m;
	/* the caller's strings need not outlive the training */
	t->opt.resource_pdc = talloc_strdup(t, opt->resource_pdc);
	t->opt.accounts_pdc = talloc_strdup(t, opt->accounts_pdc);
	t->opt.user = talloc_strdup(t, opt->user);
	t->opt.user_password = opt->user_password == NULL ? NULL
		: um_secret_new(t, um_secret_reveal(opt->user_password),
				um_secret_len(opt->user_password));
	if (opt->resource_pdc == NULL || opt->accounts_pdc == NULL) {
		talloc_free(t);
		return um_local(UM_LOCAL_UNKNOWN_PDC);
	}
	st = um_diagnose(m, opt->resource_pdc, opt->accounts_pdc, NULL, NULL,
			 t, &d);
	if (um_is_ok(st) && d->verdict == UM_VERDICT_HEALTHY) {
		st = um_local(UM_LOCAL_USAGE);
	}
	if (um_is_ok(st)) {
		st = um_pdc_get(m, opt->resource_pdc, &t->res);
	}
	if (um_is_ok(st)) {
		st = um_pdc_get(m, opt->accounts_pdc, &t->acc);
	}
	if (!um_is_ok(st)) {
		talloc_free(t);
		return st;
	}
	t->verdict = d->verdict;
	t->resource = talloc_strdup(t, d->resource ? d->resource : "?");
	t->accounts = talloc_strdup(t, d->accounts ? d->accounts : "?");
	um_repair_plan(d->verdict, opt->user != NULL, t->state);
	/* What is already so need not be done again. */
	t->state[0] = d->resource_trusts ? t->state[0] : UM_STEP_SATISFIED;
	t->state[1] = d->accounts_lists ? t->state[1] : UM_STEP_SATISFIED;
	t->started = time(NULL);
	talloc_set_destructor(t, training_destructor);
	um_model_set_observer(m, &watch);
	*out = t;
	return um_ok();
}

enum um_verdict um_training_verdict(const struct um_training *t)
{
	return t->verdict;
}

char *um_training_hint(struct um_training *t, TALLOC_CTX *mem)
{
	size_t s = first_pending(t);
	const struct um_step *step;
	const char *pdc;
	char *what;

	t->hints++;
	if (t->verdict == UM_VERDICT_PARTNER_UNREACHABLE) {
		return talloc_strdup(mem, _("Hint: before changing anything, "
			"find out why one of the two PDCs does not answer."));
	}
	if (s >= um_repair_n_steps) {
		return talloc_strdup(mem, _("Hint: run the logon test."));
	}
	step = &um_repair_steps[s];
	pdc = step->side == UM_SIDE_RESOURCE ? t->opt.resource_pdc
					     : t->opt.accounts_pdc;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	/* The step texts reorder two names: see repair.c. */
	what = talloc_asprintf(mem, _(step->action), t->resource, t->accounts);
#pragma GCC diagnostic pop
	return talloc_asprintf(mem, _("Hint: on %s (%s): %s\n%s"), pdc,
			       step->side == UM_SIDE_RESOURCE ? t->resource
							      : t->accounts,
			       _(step->screen), what);
}

bool um_training_name_cause(struct um_training *t, enum um_verdict v)
{
	if (v != t->verdict) {
		mistake(t, _("That is not the cause. Look again at what each "
			     "PDC answers."));
		return false;
	}
	if (t->verdict == UM_VERDICT_PARTNER_UNREACHABLE) {
		t->finished = true;
		t->ended = time(NULL);
		say(t, _("Right: a PDC is unreachable, and nothing can be "
			 "repaired until it answers again. Training "
			 "complete."));
	} else {
		say(t, _("Right. Now repair it."));
	}
	return true;
}

char *um_training_take_messages(struct um_training *t, TALLOC_CTX *mem)
{
	char *m = t->messages;

	t->messages = NULL;
	return m ? talloc_steal(mem, m) : NULL;
}

bool um_training_finished(const struct um_training *t)
{
	return t->finished;
}

void um_training_summary(const struct um_training *t,
			 struct um_training_summary *s)
{
	size_t i;

	memset(s, 0, sizeof(*s));
	for (i = 0; i < um_repair_n_steps; i++) {
		s->steps += t->state[i] == UM_STEP_DONE;
		s->needed += t->state[i] == UM_STEP_DONE ||
			     t->state[i] == UM_STEP_PENDING;
	}
	s->mistakes = t->mistakes;
	s->hints = t->hints;
	s->seconds = (unsigned)((t->finished ? t->ended : time(NULL)) -
				t->started);
	s->repaired = t->repaired;
}

char *um_training_summary_text(const struct um_training *t, TALLOC_CTX *mem)
{
	struct um_training_summary s;

	um_training_summary(t, &s);
	return talloc_asprintf(mem, _("Steps done: %u of %u\nMistakes: %u\n"
				      "Hints used: %u\nTime: %u min %02u s\n"
				      "%s"),
			       s.steps, s.needed, s.mistakes, s.hints,
			       s.seconds / 60, s.seconds % 60,
			       s.repaired ? _("The trust was repaired.")
					  : t->finished
						    ? _("The cause was named.")
						    : _("Not finished."));
}
