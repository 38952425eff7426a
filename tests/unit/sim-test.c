/*
 * usrmgr - the simulated PDCs answer what real Samba answers, from the
 * simulated state alone; and every scenario diagnoses as it should.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "unit.h"
#include "diagnosis.h"
#include "accounts.h"
#include <unistd.h>

#define ALICE "ACCOUNTS\\alice"

static struct um_status logon(struct unit_world *w, const char *pw)
{
	return um_logon_test(unit_pdc(w, "DCB"), ALICE, unit_secret(w, pw));
}

static enum um_verdict verdict(struct unit_world *w)
{
	struct um_diagnosis *d;

	assert_ok(um_diagnose(w->m, "DCB", "DCA", NULL, NULL, w->mem, &d));
	return d->verdict;
}

/* ---- every scenario, both dialects ------------------------------------ */

static const struct {
	const char *scenario;
	enum um_verdict want;
	uint32_t ad_logon, nt4_logon; /* ACCOUNTS\alice via DCB */
} scenarios[] = {
	{ "healthy", UM_VERDICT_HEALTHY, 0, 0 },
	{ "kb207957", UM_VERDICT_BROKEN_AT_ACCOUNTS,
	  UM_NT_NO_TRUST_SAM_ACCOUNT, UM_NT_ACCESS_DENIED },
	{ "broken-at-resource", UM_VERDICT_BROKEN_AT_RESOURCE,
	  UM_NT_LOGON_FAILURE, UM_NT_NO_LOGON_SERVERS },
	{ "password-mismatch", UM_VERDICT_PASSWORD_MISMATCH,
	  UM_NT_ACCESS_DENIED, UM_NT_ACCESS_DENIED },
	{ "stale-channel", UM_VERDICT_STALE_CHANNEL,
	  UM_NT_ACCESS_DENIED, UM_NT_ACCESS_DENIED },
	{ "no-trust", UM_VERDICT_NO_TRUST,
	  UM_NT_LOGON_FAILURE, UM_NT_NO_LOGON_SERVERS },
	{ "pdc-unreachable", UM_VERDICT_PARTNER_UNREACHABLE,
	  UM_NT_NO_LOGON_SERVERS, UM_NT_NO_LOGON_SERVERS },
	{ "large", UM_VERDICT_HEALTHY, 0, 0 },
	{ "stale-after-add", UM_VERDICT_BROKEN_AT_ACCOUNTS,
	  UM_NT_ACCESS_DENIED, UM_NT_ACCESS_DENIED },
};

/* Every shipped scenario names its pair and a test user, whose logon
 * gives what the table says. */
static void pair_is_the_scenarios(struct unit_world *w, const char *name,
				  size_t i)
{
	struct um_pair *p = um_model_named_pair(w->m, w->mem);
	bool nt4 = strstr(name, "-nt4") != NULL;

	if (p == NULL) {
		fail_msg("%s: no [pair]", name);
	}
	assert_string_equal(p->resource_pdc, "DCB");
	assert_string_equal(p->accounts_pdc, "DCA");
	assert_string_equal(p->user, ALICE);
	assert_non_null(p->user_password);
	assert_status(um_logon_test(unit_pdc(w, p->resource_pdc), p->user,
				    p->user_password),
		      UM_KIND_NT,
		      nt4 ? scenarios[i].nt4_logon : scenarios[i].ad_logon);
}

static void check_scenario(size_t i, bool nt4)
{
	struct unit_world w;
	char name[64];

	snprintf(name, sizeof(name), "%s%s", scenarios[i].scenario,
		 nt4 ? "-nt4" : "");
	/* The logon first: the diagnosis may reset a stale channel. */
	unit_world_open(&w, name);
	assert_status(logon(&w, "Alice.pw1"), UM_KIND_NT,
		      nt4 ? scenarios[i].nt4_logon : scenarios[i].ad_logon);
	unit_world_close(&w);
	unit_world_open(&w, name);
	pair_is_the_scenarios(&w, name, i);
	if (verdict(&w) != scenarios[i].want) {
		fail_msg("%s: verdict %s", name,
			 um_verdict_key(verdict(&w)));
	}
	unit_world_close(&w);
}

static void test_every_scenario(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++) {
		check_scenario(i, false);
		check_scenario(i, true);
	}
}

/* ---- add trusted is checked against the partner ------------------------ */

static void test_add_trusted_refused_without_account(void **state)
{
	struct unit_world w;
	struct um_trust *td, *tg;
	size_t ntd, ntg;

	(void)state;
	unit_world_open(&w, "no-trust");
	assert_status(um_trust_add_trusted(unit_pdc(&w, "DCB"), "ACCOUNTS",
					   NULL, unit_secret(&w, "x")),
		      UM_KIND_NT, UM_NT_LOGON_FAILURE);
	/* nothing was stored */
	assert_ok(um_trust_list(unit_pdc(&w, "DCB"), w.mem, &td, &ntd, &tg,
				&ntg));
	assert_int_equal(ntd, 0);
	unit_world_close(&w);
}

static void test_add_trusted_refused_on_wrong_password(void **state)
{
	struct unit_world w;
	struct um_secret *pw;

	(void)state;
	unit_world_open(&w, "no-trust");
	pw = unit_secret(&w, "Right.pw1");
	assert_ok(um_trust_add_trusting(unit_pdc(&w, "DCA"), "RESOURCE", pw,
					pw));
	assert_status(um_trust_add_trusted(unit_pdc(&w, "DCB"), "ACCOUNTS",
					   NULL, unit_secret(&w, "Wrong.pw1")),
		      UM_KIND_NT, UM_NT_LOGON_FAILURE);
	assert_int_equal(verdict(&w), UM_VERDICT_BROKEN_AT_RESOURCE);
	/* The right one establishes the trust, verified. */
	assert_ok_any(um_trust_add_trusted(unit_pdc(&w, "DCB"), "accounts",
					   NULL, pw));
	assert_int_equal(verdict(&w), UM_VERDICT_HEALTHY);
	assert_ok(logon(&w, "Alice.pw1"));
	assert_status(logon(&w, "wrong"), UM_KIND_NT, UM_NT_LOGON_FAILURE);
	unit_world_close(&w);
}

/* ---- the cached channel hides a break until reset (AD) ----------------- */

static void test_cached_channel_hides_break_ad(void **state)
{
	struct unit_world w;
	struct um_pdc *dcb;

	(void)state;
	unit_world_open(&w, "healthy");
	dcb = unit_pdc(&w, "DCB");
	assert_ok(um_trust_remove_trusting(unit_pdc(&w, "DCA"), "RESOURCE"));
	assert_ok(logon(&w, "Alice.pw1"));              /* still works */
	assert_status(um_trust_verify(dcb, "ACCOUNTS"), UM_KIND_WERR,
		      UM_WERR_ACCOUNT_DISABLED);
	assert_ok(logon(&w, "Alice.pw1"));              /* verify kept it */
	assert_status(um_trust_reset(dcb, "ACCOUNTS"), UM_KIND_WERR,
		      UM_WERR_NO_TRUST_SAM_ACCOUNT);
	assert_status(logon(&w, "Alice.pw1"), UM_KIND_NT,
		      UM_NT_NO_TRUST_SAM_ACCOUNT);
	unit_world_close(&w);
}

/* NT4: the check itself drops the cached channel (FACTS.md 4). */
static void test_cached_channel_nt4_dropped_by_verify(void **state)
{
	struct unit_world w;

	(void)state;
	unit_world_open(&w, "healthy-nt4");
	assert_ok(um_trust_remove_trusting(unit_pdc(&w, "DCA"), "RESOURCE"));
	assert_ok(logon(&w, "Alice.pw1"));
	assert_status(um_trust_verify(unit_pdc(&w, "DCB"), "ACCOUNTS"),
		      UM_KIND_WERR, UM_WERR_ACCESS_DENIED);
	assert_status(logon(&w, "Alice.pw1"), UM_KIND_NT,
		      UM_NT_ACCESS_DENIED);
	unit_world_close(&w);
}

static void test_duplicates_and_missing(void **state)
{
	struct unit_world w;
	struct um_secret *pw;

	(void)state;
	unit_world_open(&w, "healthy");
	pw = unit_secret(&w, "p");
	assert_status(um_trust_add_trusting(unit_pdc(&w, "DCA"), "RESOURCE",
					    pw, pw),
		      UM_KIND_NT, UM_NT_OBJECT_NAME_COLLISION);
	assert_status(um_trust_remove_trusted(unit_pdc(&w, "DCA"),
					      "RESOURCE"),
		      UM_KIND_NT, UM_NT_OBJECT_NAME_NOT_FOUND);
	unit_world_close(&w);
	unit_world_open(&w, "healthy-nt4");
	pw = unit_secret(&w, "p");
	assert_status(um_trust_add_trusting(unit_pdc(&w, "DCA"), "RESOURCE",
					    pw, pw),
		      UM_KIND_NT, UM_NT_USER_EXISTS);
	assert_status(um_trust_remove_trusting(unit_pdc(&w, "DCB"),
					       "ACCOUNTS"),
		      UM_KIND_NT, UM_NT_NO_SUCH_USER);
	unit_world_close(&w);
}

static void test_unreachable_pdc(void **state)
{
	struct unit_world w;
	struct um_trust *td, *tg;
	size_t ntd, ntg;

	(void)state;
	unit_world_open(&w, "pdc-unreachable");
	assert_status(um_trust_list(unit_pdc(&w, "DCA"), w.mem, &td, &ntd,
				    &tg, &ntg),
		      UM_KIND_NT, UM_NT_HOST_UNREACHABLE);
	assert_status(um_trust_verify(unit_pdc(&w, "DCB"), "ACCOUNTS"),
		      UM_KIND_WERR, UM_WERR_NO_LOGON_SERVERS);
	unit_world_close(&w);
}

/* ---- two-way trusts ----------------------------------------------------- */

static void test_two_way(void **state)
{
	struct unit_world w;
	struct um_trust *td, *tg;
	size_t ntd, ntg;
	struct um_secret *pw;

	(void)state;
	unit_world_open(&w, "healthy");
	pw = unit_secret(&w, "Back.pw1");
	/* ACCOUNTS trusts RESOURCE too. */
	assert_ok(um_trust_add_trusting(unit_pdc(&w, "DCB"), "ACCOUNTS", pw,
					pw));
	assert_ok_any(um_trust_add_trusted(unit_pdc(&w, "DCA"), "RESOURCE",
					   NULL, pw));
	assert_ok(um_trust_list(unit_pdc(&w, "DCB"), w.mem, &td, &ntd, &tg,
				&ntg));
	assert_int_equal(ntd, 1);
	assert_int_equal(ntg, 1);
	assert_int_equal(td[0].direction, UM_DIR_INBOUND | UM_DIR_OUTBOUND);
	/* Removing one direction keeps the other. */
	assert_ok(um_trust_remove_trusted(unit_pdc(&w, "DCA"), "RESOURCE"));
	assert_ok(um_trust_remove_trusting(unit_pdc(&w, "DCB"), "ACCOUNTS"));
	assert_int_equal(verdict(&w), UM_VERDICT_HEALTHY);
	unit_world_close(&w);
}

/* ---- faults (scenarios/README.md) ------------------------------------- */

/* KEY = VALUE into DOMAIN's section of the state file, read afresh. */
static void add_key(struct unit_world *w, const char *domain,
		    const char *line)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "sed -i '/^\\[domain %s\\]/a %s' %s",
		 domain, line, w->state);
	assert_int_equal(system(cmd), 0);
	unit_world_reopen(w);
}

static bool state_has(struct unit_world *w, const char *text)
{
	char buf[16384];
	FILE *f = fopen(w->state, "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	return strstr(buf, text) != NULL;
}

/* A lying PDC: success, nothing changed; the lie is not written back. */
static void test_noop_ops(void **state)
{
	struct unit_world w;

	(void)state;
	unit_world_open(&w, "healthy");
	add_key(&w, "RESOURCE", "noop_ops = remove_trusted, reset");
	assert_ok(um_trust_remove_trusted(unit_pdc(&w, "DCB"), "ACCOUNTS"));
	assert_int_equal(unit_n_trusted(&w, "DCB"), 1);
	/* another change saves the state: without the fault */
	assert_ok(um_trust_remove_trusting(unit_pdc(&w, "DCA"), "RESOURCE"));
	assert_false(state_has(&w, "noop_ops"));
	unit_world_reopen(&w);
	assert_ok(um_trust_remove_trusted(unit_pdc(&w, "DCB"), "ACCOUNTS"));
	assert_int_equal(unit_n_trusted(&w, "DCB"), 0);
	unit_world_close(&w);
}

/* Add Trusted keeps the stale channel: only a reset mends it, so a
 * reset that lies leaves Add Trusted's own verify refused. */
static void test_stale_after_add(void **state)
{
	struct unit_world w;
	struct um_secret *pw;

	(void)state;
	unit_world_open(&w, "no-trust");
	add_key(&w, "RESOURCE", "stale_after_add = yes");
	add_key(&w, "RESOURCE", "noop_ops = reset");
	pw = unit_secret(&w, "Trust.pw9");
	assert_ok(um_trust_add_trusting(unit_pdc(&w, "DCA"), "RESOURCE", pw,
					pw));
	assert_status(um_trust_add_trusted(unit_pdc(&w, "DCB"), "ACCOUNTS",
					   NULL, pw),
		      UM_KIND_WERR, UM_WERR_ACCESS_DENIED);
	assert_true(state_has(&w, "stale_after_add = yes"));
	/* a new process, no lie: the reset builds the channel */
	unit_world_reopen(&w);
	assert_status(um_trust_verify(unit_pdc(&w, "DCB"), "ACCOUNTS"),
		      UM_KIND_WERR, UM_WERR_ACCESS_DENIED);
	assert_ok_any(um_trust_reset(unit_pdc(&w, "DCB"), "ACCOUNTS"));
	assert_ok_any(um_trust_verify(unit_pdc(&w, "DCB"), "ACCOUNTS"));
	unit_world_close(&w);
}

/* The partner answers Diagnose's two calls, then is gone when the
 * resource PDC relays the verify: no logon servers, before and after the
 * reset, is partner-unreachable, never password-mismatch. */
static void test_partner_gone_mid_diagnosis(void **state)
{
	static const char *const names[] = { "healthy", "password-mismatch",
					     "stale-channel",
					     "password-mismatch-nt4" };
	struct unit_world w;
	struct um_diagnosis *d;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		unit_world_open(&w, names[i]);
		add_key(&w, "ACCOUNTS", "down_after = 2");
		assert_ok(um_diagnose(w.m, "DCB", "DCA", NULL, NULL, w.mem,
				      &d));
		assert_ok(d->accounts_reach);
		assert_true(d->reset);
		assert_status(d->verify_after_reset, UM_KIND_WERR,
			      UM_WERR_NO_LOGON_SERVERS);
		if (d->verdict != UM_VERDICT_PARTNER_UNREACHABLE) {
			fail_msg("%s: verdict %s", names[i],
				 um_verdict_key(d->verdict));
		}
		/* the PDC stays gone, for the next process too */
		assert_true(state_has(&w, "reachable = no"));
		unit_world_close(&w);
	}
}

/* ---- users' Hours, account type, primary group in the state file ----- */

static void test_user_keys_kept(void **state)
{
	struct unit_world w;
	char *groups[] = { "Domain Users", "Domain Admins" };
	struct um_account a = { .name = "alice",
				.fields = UM_FIELD_LOGON_HOURS |
					  UM_FIELD_ACCOUNT_TYPE |
					  UM_FIELD_GROUPS,
				.local_account = true, .groups = groups,
				.n_groups = 2,
				.primary_group = "Domain Users" };

	(void)state;
	unit_world_open(&w, "healthy");
	assert_ok(um_user_hours_parse("Mon-Fri 08-18", a.logon_hours));
	assert_ok(um_user_set(unit_pdc(&w, "DCA"), &a));
	assert_true(state_has(&w, "logon_hours = Mon-Fri 08-18\n"));
	assert_true(state_has(&w, "account = local\n"));
	assert_true(state_has(&w, "primary_group = Domain Users\n"));
	assert_true(state_has(&w, "members = alice\n"));
	unit_world_close(&w);
}

static void test_user_keys_refused(void **state)
{
	static const char *const bad[] = { "logon_hours = sometimes",
					   "account = roaming" };
	TALLOC_CTX *mem = talloc_new(NULL);
	struct tevent_context *ev = tevent_context_init(mem);
	char path[] = "/tmp/usrmgr-keys-XXXXXX.ini";
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct um_model_options opt = { .scenario = path };
		struct um_model *m = NULL;
		char *why = NULL;
		int fd = mkstemps(path, 4);
		FILE *f = fdopen(fd, "w");

		assert_non_null(f);
		fprintf(f, "[domain WESTMARK]\ndialect = nt4\npdc = WM-DC\n"
			   "[user WESTMARK ohnezeit]\n%s\n", bad[i]);
		fclose(f);
		assert_false(um_is_ok(um_model_new(mem, ev, &opt, &m, &why)));
		assert_non_null(why);
		assert_non_null(strstr(why, "not a valid value"));
		unlink(path);
		strcpy(path, "/tmp/usrmgr-keys-XXXXXX.ini");
	}
	talloc_free(mem);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_scenario),
		cmocka_unit_test(test_add_trusted_refused_without_account),
		cmocka_unit_test(test_add_trusted_refused_on_wrong_password),
		cmocka_unit_test(test_cached_channel_hides_break_ad),
		cmocka_unit_test(test_cached_channel_nt4_dropped_by_verify),
		cmocka_unit_test(test_duplicates_and_missing),
		cmocka_unit_test(test_unreachable_pdc),
		cmocka_unit_test(test_two_way),
		cmocka_unit_test(test_noop_ops),
		cmocka_unit_test(test_stale_after_add),
		cmocka_unit_test(test_partner_gone_mid_diagnosis),
		cmocka_unit_test(test_user_keys_kept),
		cmocka_unit_test(test_user_keys_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
