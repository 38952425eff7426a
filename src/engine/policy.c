/*
 * usrmgr - Policies -> Account: NT 4.0's rules for a password and lockout
 * policy, checked before anything goes to a PDC.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "policy.h"
#include "pdc_run.h"
#include "i18n.h"

/* Each number of the dialog: its key, its range when it is not 0 (the
 * dialog's first choice), and what the operator is told otherwise. */
static const struct {
	const char *key;
	uint32_t max;
	const char *range;
} numbers[UM_POLICY_N_NUMBERS] = {
	[UM_POLICY_MAX_AGE] = { "max_age", UM_POLICY_MAX_AGE_MAX,
		N_("Maximum Password Age: a password expires in 1 to 999 "
		   "days, or never.") },
	[UM_POLICY_MIN_AGE] = { "min_age", UM_POLICY_MIN_AGE_MAX,
		N_("Minimum Password Age: changes are allowed in 1 to 998 "
		   "days, or immediately.") },
	[UM_POLICY_MIN_LENGTH] = { "min_length", UM_POLICY_LENGTH_MAX,
		N_("Minimum Password Length: at least 1 to 14 characters, or "
		   "a blank password permitted.") },
	[UM_POLICY_HISTORY] = { "history", UM_POLICY_HISTORY_MAX,
		N_("Password Uniqueness: remember 1 to 24 passwords, or keep "
		   "no history.") },
	[UM_POLICY_THRESHOLD] = { "lockout_threshold",
		UM_POLICY_THRESHOLD_MAX,
		N_("Lockout after 1 to 999 bad logon attempts, or no account "
		   "lockout.") },
	[UM_POLICY_RESET] = { "reset_minutes", UM_POLICY_MINUTES_MAX,
		N_("Reset count after 1 to 99999 minutes.") },
	[UM_POLICY_DURATION] = { "duration_minutes", UM_POLICY_MINUTES_MAX,
		N_("Lockout Duration: 1 to 99999 minutes, or forever (until "
		   "an administrator unlocks the account).") },
};

const char *um_policy_field_key(enum um_policy_field f)
{
	return f < UM_POLICY_N_NUMBERS ? numbers[f].key : NULL;
}

uint32_t *um_policy_field(struct um_account_policy *pol,
			  enum um_policy_field f)
{
	switch (f) {
	case UM_POLICY_MAX_AGE: return &pol->max_age_days;
	case UM_POLICY_MIN_AGE: return &pol->min_age_days;
	case UM_POLICY_MIN_LENGTH: return &pol->min_length;
	case UM_POLICY_HISTORY: return &pol->history;
	case UM_POLICY_THRESHOLD: return &pol->lockout_threshold;
	case UM_POLICY_RESET: return &pol->reset_minutes;
	case UM_POLICY_DURATION: return &pol->duration_minutes;
	case UM_POLICY_N_NUMBERS: break;
	}
	return NULL;
}

/* The dialog's first choice, by the word that names it. */
static const char *const zero_words[] = {
	"never", "now", "immediately", "blank", "none", "no", "forever",
	NULL,
};

uint32_t um_policy_parse_number(const char *text)
{
	unsigned long long n;
	char *end;
	size_t i;

	while (text != NULL && *text == ' ') {
		text++;
	}
	if (text == NULL || *text == '\0') {
		return 0;
	}
	for (i = 0; zero_words[i] != NULL; i++) {
		if (strcasecmp(text, zero_words[i]) == 0) {
			return 0;
		}
	}
	errno = 0;
	n = strtoull(text, &end, 10);
	while (*end == ' ') {
		end++;
	}
	if (errno != 0 || end == text || *end != '\0' || text[0] == '-' ||
	    n >= UINT32_MAX) {
		return UINT32_MAX;
	}
	return (uint32_t)n;
}

uint32_t um_policy_choice(bool first, const char *typed)
{
	uint32_t n;

	if (first) {
		return 0;
	}
	n = um_policy_parse_number(typed);
	return n == 0 ? UINT32_MAX : n;
}

static struct um_status invalid(const char **why, const char *text)
{
	if (why != NULL) {
		*why = _(text);
	}
	return um_local(UM_LOCAL_POLICY_INVALID);
}

/* With lockout on, the reset window must be there: 0 is out of range. */
static bool in_range(const struct um_account_policy *pol,
		     enum um_policy_field f)
{
	uint32_t v = *um_policy_field((struct um_account_policy *)pol, f);

	if (f == UM_POLICY_RESET && pol->lockout_threshold > 0 && v == 0) {
		return false;
	}
	return v <= numbers[f].max;
}

/* The number F of POL is what KEPT (the PDC's policy) holds already:
 * a PDC may hold more than NT's dialog lets be typed (Samba AD a maximum
 * password age above 999 days), and what the operator leaves alone is
 * not the operator's to answer for. */
static bool unchanged(const struct um_account_policy *pol,
		      const struct um_account_policy *kept,
		      enum um_policy_field f)
{
	return kept != NULL &&
	       *um_policy_field((struct um_account_policy *)pol, f) ==
		       *um_policy_field((struct um_account_policy *)kept, f);
}

static struct um_status check_kept(const struct um_account_policy *pol,
				   const struct um_account_policy *kept,
				   const char **why)
{
	enum um_policy_field f;

	if (why != NULL) {
		*why = NULL;
	}
	for (f = 0; f < UM_POLICY_N_NUMBERS; f++) {
		if (!in_range(pol, f) && !unchanged(pol, kept, f)) {
			return invalid(why, numbers[f].range);
		}
	}
	/* NT's rules between the numbers, as its dialog enforces them. */
	if (pol->max_age_days > 0 && pol->min_age_days >= pol->max_age_days) {
		return invalid(why, N_("The Minimum Password Age must be "
				       "less than the Maximum Password Age."));
	}
	if (pol->lockout_threshold > 0 && pol->duration_minutes > 0 &&
	    pol->duration_minutes < pol->reset_minutes) {
		return invalid(why, N_("The Lockout Duration must be at least "
				       "the Reset count after time."));
	}
	return um_ok();
}

struct um_status um_policy_check(const struct um_account_policy *pol,
				 const char **why)
{
	return check_kept(pol, NULL, why);
}

static bool out_of_range(const struct um_account_policy *pol)
{
	enum um_policy_field f;

	for (f = 0; f < UM_POLICY_N_NUMBERS; f++) {
		if (!in_range(pol, f)) {
			return true;
		}
	}
	return false;
}

static um_op_send_fn pick_query(const struct um_backend_ops *o)
{
	return o->query_account_policy;
}

static um_op_send_fn pick_set(const struct um_backend_ops *o)
{
	return o->set_account_policy;
}

struct um_status um_policy_account_get(struct um_pdc *p,
				       struct um_account_policy *out)
{
	TALLOC_CTX *tmp = talloc_new(p);
	struct um_args args = { 0 };
	struct um_reply reply;
	struct um_status st;

	memset(out, 0, sizeof(*out));
	if (tmp == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	st = um_pdc_run(p, pick_query, &args, tmp, &reply,
			_("Reading the account policy..."));
	if (um_is_ok(st)) {
		*out = reply.policy;
	}
	talloc_free(tmp);
	return st;
}

struct um_status um_policy_account_set(struct um_pdc *p,
				       const struct um_account_policy *pol,
				       const char **why)
{
	struct um_args args = { .policy = pol };
	struct um_account_policy kept;
	struct um_status st;
	TALLOC_CTX *tmp;
	struct um_reply reply;

	st = um_policy_check(pol, why);
	if (!um_is_ok(st) && out_of_range(pol) &&
	    um_is_ok(um_policy_account_get(p, &kept))) {
		/* a read, never a change: is it the PDC's own number? */
		st = check_kept(pol, &kept, why);
	}
	if (!um_is_ok(st)) {
		return st;
	}
	tmp = talloc_new(p);
	if (tmp == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	st = um_pdc_run(p, pick_set, &args, tmp, &reply,
			_("Changing the account policy..."));
	talloc_free(tmp);
	return st;
}
