/*
 * usrmgr - Policies -> Account over SAMR: QueryDomainInfo and
 * SetDomainInfo at levels 1 (passwords), 3 (forced logoff) and 12
 * (lockout), on the domain handle the connection opened.  Both dialects
 * alike: a Samba AD DC keeps the policy in the domain object
 * (samba-tool domain passwordsettings), a classic PDC in its account
 * policy (pdbedit -P).
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <string.h>
#include "rpc_internal.h"

/* NT's "never" for an interval (NTTIME_INFINITY in Samba's sources, not
 * in its installed headers): maximum age, lockout duration, logoff. */
#define RPC_NEVER ((uint64_t)0x8000000000000000ull)
/* Intervals are negative 100 ns counts. */
#define TICKS_PER_MINUTE (60ull * 1000 * 1000 * 10)
#define TICKS_PER_DAY (24ull * 60 * TICKS_PER_MINUTE)

/* A classic PDC keeps "never" as -1 in an unsigned policy value (pdbedit
 * -P shows 4294967295) and answers it as that many seconds (maximum age)
 * or minutes (lockout duration). */
#define CLASSIC_NEVER 0xFFFFFFFFull
#define TICKS_PER_SECOND (1000ull * 1000 * 10)

/* An interval as whole UNITs (rounded); 0 for "never" or none. */
static uint32_t interval_units(uint64_t v, uint64_t unit)
{
	uint64_t ticks;

	if (v == 0 || v == RPC_NEVER || v == UINT64_MAX) {
		return 0;
	}
	/* negative on the wire; a positive one is read as it stands */
	ticks = (v & RPC_NEVER) ? (uint64_t)0 - v : v;
	/* (it converts through a double: compare whole seconds, minutes) */
	if ((ticks + TICKS_PER_SECOND / 2) / TICKS_PER_SECOND ==
		    CLASSIC_NEVER ||
	    (ticks + TICKS_PER_MINUTE / 2) / TICKS_PER_MINUTE ==
		    CLASSIC_NEVER) {
		return 0;
	}
	ticks = (ticks + unit / 2) / unit;
	return ticks > UINT32_MAX ? UINT32_MAX : (uint32_t)ticks;
}

/* N UNITs as an interval; 0 is "never" where NEVER_ON_ZERO. */
static uint64_t units_interval(uint32_t n, uint64_t unit, bool never_on_zero)
{
	if (n == 0) {
		return never_on_zero ? RPC_NEVER : 0;
	}
	return (uint64_t)0 - (uint64_t)n * unit;
}

void rpc_policy_from_samr(const struct samr_DomInfo1 *i1,
			  const struct samr_DomInfo3 *i3,
			  const struct samr_DomInfo12 *i12,
			  struct um_account_policy *pol)
{
	memset(pol, 0, sizeof(*pol));
	pol->max_age_days = interval_units((uint64_t)i1->max_password_age,
					   TICKS_PER_DAY);
	pol->min_age_days = interval_units((uint64_t)i1->min_password_age,
					   TICKS_PER_DAY);
	pol->min_length = i1->min_password_length;
	pol->history = i1->password_history_length;
	pol->must_logon_to_change =
		(i1->password_properties & DOMAIN_PASSWORD_NO_ANON_CHANGE) != 0;
	/* 0 is "disconnect at once"; never is NT's "do not disconnect" */
	pol->force_logoff = i3->force_logoff_time == 0;
	pol->lockout_threshold = i12->lockout_threshold;
	pol->reset_minutes = interval_units(i12->lockout_window,
					    TICKS_PER_MINUTE);
	pol->duration_minutes = interval_units(i12->lockout_duration,
					       TICKS_PER_MINUTE);
}

void rpc_policy_to_samr(const struct um_account_policy *pol,
			struct samr_DomInfo1 *i1, struct samr_DomInfo3 *i3,
			struct samr_DomInfo12 *i12)
{
	/* i1 comes as the server has it: its other properties stay */
	i1->min_password_length = (uint16_t)pol->min_length;
	i1->password_history_length = (uint16_t)pol->history;
	if (pol->must_logon_to_change) {
		i1->password_properties |= DOMAIN_PASSWORD_NO_ANON_CHANGE;
	} else {
		i1->password_properties &= ~DOMAIN_PASSWORD_NO_ANON_CHANGE;
	}
	i1->max_password_age = (int64_t)units_interval(pol->max_age_days,
						       TICKS_PER_DAY, true);
	i1->min_password_age = (int64_t)units_interval(pol->min_age_days,
						       TICKS_PER_DAY, false);
	i3->force_logoff_time = pol->force_logoff ? 0 : RPC_NEVER;
	i12->lockout_threshold = (uint16_t)pol->lockout_threshold;
	i12->lockout_window = units_interval(pol->reset_minutes,
					     TICKS_PER_MINUTE, false);
	i12->lockout_duration = units_interval(pol->duration_minutes,
					       TICKS_PER_MINUTE, true);
}

/* ================= query_account_policy ================= */

struct policy_state {
	struct rpc_op op;
	struct samr_QueryDomainInfo q;
	union samr_DomainInfo *answer;
	struct samr_SetDomainInfo set;
	union samr_DomainInfo info;
	struct samr_DomInfo1 i1;
	struct samr_DomInfo3 i3;
	struct samr_DomInfo12 i12;
};

static void query_level(struct tevent_req *req, struct policy_state *s,
			int stage, uint16_t level)
{
	s->answer = NULL;
	s->q.in.domain_handle = &s->op.conn->samr_domain;
	s->q.in.level = level;
	s->q.out.info = &s->answer;
	rpc_op_next(req, &s->op, stage, RPC_NEED_SAMR,
		    NDR_SAMR_QUERYDOMAININFO, &s->q, false);
}

/* The answer to the last query, or false with the operation finished. */
static bool query_answered(struct tevent_req *req, struct policy_state *s)
{
	if (rpc_op_nterror(req, &s->op, s->q.out.result)) {
		return false;
	}
	if (s->answer == NULL) {
		rpc_op_finish(req, &s->op, um_nt(UM_NT_UNSUCCESSFUL));
		return false;
	}
	return true;
}

static void query_step(struct tevent_req *req, struct rpc_op *op)
{
	struct policy_state *s = (struct policy_state *)op;

	switch (op->stage) {
	case 0:
		query_level(req, s, 1, DomainPasswordInformation);
		return;
	case 1:
		if (query_answered(req, s)) {
			s->i1 = s->answer->info1;
			query_level(req, s, 2, DomainLogoffInformation);
		}
		return;
	case 2:
		if (query_answered(req, s)) {
			s->i3 = s->answer->info3;
			query_level(req, s, 3, DomainLockoutInformation);
		}
		return;
	case 3:
		if (query_answered(req, s)) {
			s->i12 = s->answer->info12;
			rpc_policy_from_samr(&s->i1, &s->i3, &s->i12,
					     &op->reply.policy);
			rpc_op_finish(req, op, um_ok());
		}
		return;
	}
}

static const struct rpc_op_kind query_kind =
	RPC_OP_KIND(struct policy_state, query_step, RPC_NEED_SAMR, 0, 0,
		    NULL);
RPC_OP_SENDER(rpc_query_account_policy_send, query_kind)

/* ================= set_account_policy ================= */

static void set_level(struct tevent_req *req, struct policy_state *s,
		      int stage, uint16_t level)
{
	switch (level) {
	case DomainPasswordInformation:
		s->info.info1 = s->i1;
		break;
	case DomainLogoffInformation:
		s->info.info3 = s->i3;
		break;
	default:
		s->info.info12 = s->i12;
		break;
	}
	s->set.in.domain_handle = &s->op.conn->samr_domain;
	s->set.in.level = level;
	s->set.in.info = &s->info;
	rpc_op_next(req, &s->op, stage, RPC_NEED_SAMR,
		    NDR_SAMR_SETDOMAININFO, &s->set, true);
}

/* Level 1 is read first: the password properties usrmgr does not show
 * (complexity...) are written back as the server has them. */
static void set_step(struct tevent_req *req, struct rpc_op *op)
{
	struct policy_state *s = (struct policy_state *)op;

	switch (op->stage) {
	case 0:
		query_level(req, s, 1, DomainPasswordInformation);
		return;
	case 1:
		if (!query_answered(req, s)) {
			return;
		}
		s->i1 = s->answer->info1;
		rpc_policy_to_samr(op->args.policy, &s->i1, &s->i3, &s->i12);
		set_level(req, s, 2, DomainPasswordInformation);
		return;
	case 2:
	case 3:
		if (!rpc_op_nterror(req, op, s->set.out.result)) {
			set_level(req, s, op->stage + 1,
				  op->stage == 2 ? DomainLogoffInformation
						 : DomainLockoutInformation);
		}
		return;
	case 4:
		if (!rpc_op_nterror(req, op, s->set.out.result)) {
			rpc_op_finish(req, op, um_ok());
		}
		return;
	}
}

/* The policy to store is the one argument set_account_policy needs. */
static struct um_status set_prepare(struct rpc_op *op)
{
	return op->args.policy != NULL ? um_ok() : um_local(UM_LOCAL_USAGE);
}

static const struct rpc_op_kind set_kind =
	RPC_OP_KIND(struct policy_state, set_step, RPC_NEED_SAMR, 0, 0,
		    set_prepare);
RPC_OP_SENDER(rpc_set_account_policy_send, set_kind)
