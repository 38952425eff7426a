/*
 * usrmgr - the model: bad input changes nothing, cancel leaves the state
 * as it was, lists page completely, state files are safe, scenario files
 * with faults are refused with file, line and reason.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "unit.h"
#include "diagnosis.h"

/* Select Domain by a domain's name reuses the PDC already open for it
 * (its connection and credentials), by NetBIOS or DNS name; a domain
 * whose PDC is not open yet has none. */
static void test_pdc_of_open_domain(void **state)
{
	struct unit_world w;
	const struct um_domain_info *info;
	struct um_pdc *dca;

	(void)state;
	unit_world_open(&w, "kb207957");
	assert_null(um_model_pdc_of(w.m, "ACCOUNTS"));
	dca = unit_pdc(&w, "DCA");
	assert_ok(um_pdc_info(dca, &info));
	assert_ptr_equal(um_model_pdc_of(w.m, "ACCOUNTS"), dca);
	assert_ptr_equal(um_model_pdc_of(w.m, "accounts.test"), dca);
	assert_null(um_model_pdc_of(w.m, "RESOURCE"));
	assert_null(um_model_pdc_of(w.m, NULL));
	unit_world_close(&w);
}

static void test_bad_input_changes_nothing(void **state)
{
	struct unit_world w;
	struct um_pdc *dca;
	struct um_secret *a, *b;

	(void)state;
	unit_world_open(&w, "kb207957");
	dca = unit_pdc(&w, "DCA");
	a = unit_secret(&w, "One.pw1");
	b = unit_secret(&w, "Two.pw1");
	assert_status(um_trust_add_trusting(dca, "RESOURCE", a, b),
		      UM_KIND_LOCAL, UM_LOCAL_PASSWORD_MISMATCH);
	assert_status(um_trust_add_trusting(dca, "accounts", a, a),
		      UM_KIND_LOCAL, UM_LOCAL_OWN_DOMAIN);
	assert_status(um_trust_add_trusting(dca, "RESOURCE-TOO-LONG", a, a),
		      UM_KIND_LOCAL, UM_LOCAL_NAME_TOO_LONG);
	assert_status(um_trust_add_trusting(dca, "RES*URCE", a, a),
		      UM_KIND_LOCAL, UM_LOCAL_BAD_NAME);
	assert_status(um_trust_add_trusted(unit_pdc(&w, "DCB"), "", NULL, a),
		      UM_KIND_LOCAL, UM_LOCAL_BAD_NAME);
	assert_int_equal(unit_n_trusting(&w, "DCA"), 0);
	assert_int_equal(unit_n_trusted(&w, "DCB"), 1);
	/* Lower case is normalised, a blank initial password accepted. */
	assert_ok(um_trust_add_trusting(dca, " resource ",
					unit_secret(&w, ""),
					unit_secret(&w, "")));
	assert_int_equal(unit_n_trusting(&w, "DCA"), 1);
	unit_world_close(&w);
}

/* ---- cancel ----------------------------------------------------------- */

static void cancel_soon(struct tevent_context *ev, struct tevent_timer *te,
			struct timeval now, void *priv)
{
	(void)ev;
	(void)te;
	(void)now;
	um_model_cancel(priv);
}

static void wait_ms(struct tevent_context *ev, unsigned ms)
{
	struct timeval end = tevent_timeval_current_ofs(0, ms * 1000);

	while (tevent_timeval_compare(&end, &(struct timeval){ 0 }) > 0 &&
	       tevent_timeval_compare(&end,
				      &(struct timeval){ 0 }) != 0) {
		struct timeval now = tevent_timeval_current();
		if (tevent_timeval_compare(&now, &end) >= 0) {
			break;
		}
		tevent_loop_once(ev);
	}
}

static char *write_temp(const char *text)
{
	char *path = strdup("/tmp/usrmgr-scenario-XXXXXX");
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return path;
}

static const char slow_world[] =
	"[scenario]\nname = slow\n"
	"[domain ACCOUNTS]\npdc = DCA\nsid = S-1-5-21-1-2-3\n"
	"[domain RESOURCE]\npdc = DCB\nsid = S-1-5-21-4-5-6\n"
	"latency_ms = 300\n"
	"[trusted RESOURCE ACCOUNTS]\n"
	"nthash = 9fe0cd1671254282a0a8dca70aaa3c38\n";

static void test_cancel_changes_nothing(void **state)
{
	struct unit_world w;
	char *path = write_temp(slow_world);
	struct um_pdc *dcb;

	(void)state;
	unit_world_open(&w, path);
	dcb = unit_pdc(&w, "DCB");
	assert_int_equal(unit_n_trusted(&w, "DCB"), 1); /* also warms the cache */
	tevent_add_timer(w.ev, w.mem, tevent_timeval_current_ofs(0, 50000),
			 cancel_soon, w.m);
	assert_status(um_trust_remove_trusted(dcb, "ACCOUNTS"), UM_KIND_LOCAL,
		      UM_LOCAL_CANCELLED);
	wait_ms(w.ev, 400); /* past the latency: the timer must be gone */
	unit_world_reopen(&w);
	assert_int_equal(unit_n_trusted(&w, "DCB"), 1);
	unit_world_close(&w);
	unlink(path);
	free(path);
}

/* ---- paging ----------------------------------------------------------- */

static void test_small_pages_show_everything_once(void **state)
{
	struct um_model_options opt = { .scenario = "large", .page_size = 7 };
	TALLOC_CTX *mem = talloc_new(NULL);
	struct tevent_context *ev = tevent_context_init(mem);
	struct um_model *m;
	struct um_pdc *p;
	struct um_trust *td, *tg;
	struct um_user *users;
	struct um_page page = { 0 };
	size_t ntd, ntg, i, n, total = 0;

	(void)state;
	assert_ok(um_model_new(mem, ev, &opt, &m, NULL));
	assert_ok(um_pdc_get(m, "DCB", &p));
	assert_ok(um_trust_list(p, mem, &td, &ntd, &tg, &ntg));
	assert_int_equal(ntd, 2501); /* ACCOUNTS + odd generated ones */
	assert_int_equal(ntg, 2500);
	for (i = 1; i < ntd; i++) {
		assert_true(strcmp(td[i - 1].name, td[i].name) < 0);
	}
	do {
		assert_ok(um_users_page(p, mem, &page, &users, &n));
		assert_true(n <= 7);
		total += n;
	} while (page.more && total < 70);
	assert_int_equal(total, 70);
	talloc_free(mem);
}

/* ---- the partner's PDC and the pair ----------------------------------- */

/* One function finds a partner's PDC, and says why when it cannot. */
static void test_partner_pdc_status(void **state)
{
	struct unit_world w;
	struct um_pdc *dcb, *p = (struct um_pdc *)&w;
	char *name = NULL;

	(void)state;
	unit_world_open(&w, "kb207957");
	dcb = unit_pdc(&w, "DCB");
	assert_status(um_partner_pdc(dcb, "NOSUCHDOM", NULL, &p),
		      UM_KIND_WERR, UM_WERR_NO_SUCH_DOMAIN);
	assert_null(p);
	assert_ok(um_partner_pdc(dcb, "ACCOUNTS", NULL, &p));
	assert_string_equal(um_pdc_name(p), "DCA");
	/* open now: named without asking anyone */
	assert_ok(um_partner_pdc_name(w.m, NULL, "accounts.test", w.mem,
				      &name));
	assert_string_equal(name, "DCA");
	assert_status(um_partner_pdc_name(w.m, NULL, "NOSUCHDOM", w.mem,
					  &name),
		      UM_KIND_LOCAL, UM_LOCAL_UNKNOWN_PDC);
	assert_null(name);
	/* a PDC given by name that does not exist: its own status */
	assert_false(um_is_ok(um_partner_pdc(dcb, "ACCOUNTS", "NOSUCHPDC",
					     &p)));
	assert_null(p);
	/* Add Trusted Domain passes that status on, changing nothing */
	assert_status(um_trust_add_trusted(dcb, "NOSUCHDOM", NULL,
					   unit_secret(&w, "Any.pw1")),
		      UM_KIND_WERR, UM_WERR_NO_SUCH_DOMAIN);
	assert_int_equal(unit_n_trusted(&w, "DCB"), 1);
	unit_world_close(&w);
}

/* Three domains of their own: the [pair] names BRANCH and HQ; OUTPOST
 * trusts HQ too. */
static const char three_domains[] =
	"[pair]\nresource = BRANCH\naccounts = HQ\nuser = mw\n"
	"password = Mw.pw1\n"
	"[domain HQ]\npdc = HQ-PDC\nsid = S-1-5-21-1-2-3\n"
	"[domain BRANCH]\npdc = BR-PDC\nsid = S-1-5-21-4-5-6\n"
	"[domain OUTPOST]\npdc = OP-PDC\nsid = S-1-5-21-7-8-9\n"
	"[trusted OUTPOST HQ]\nnthash = 9fe0cd1671254282a0a8dca70aaa3c38\n";

static void test_pair_find(void **state)
{
	struct unit_world w;
	char *path = write_temp(three_domains);
	struct um_pair given = { 0 }, *p;

	(void)state;
	unit_world_open(&w, path);
	/* nothing given: the scenario's pair, its user a user of HQ */
	assert_ok(um_pair_find(w.m, w.mem, NULL, NULL, &p));
	assert_string_equal(p->resource_pdc, "BR-PDC");
	assert_string_equal(p->accounts_pdc, "HQ-PDC");
	assert_string_equal(p->user, "HQ\\mw");
	assert_int_equal(um_secret_len(p->user_password), 6);
	/* another resource PDC: its one trusted domain's PDC, not the
	 * scenario's pair; the user given is kept */
	given.resource_pdc = "OP-PDC";
	given.user = "HQ\\other";
	assert_ok(um_pair_find(w.m, w.mem, &given, NULL, &p));
	assert_string_equal(p->resource_pdc, "OP-PDC");
	assert_string_equal(p->accounts_pdc, "HQ-PDC");
	assert_string_equal(p->user, "HQ\\other");
	assert_null(p->user_password);
	/* a PDC without a partner: the other side stays unknown */
	given.resource_pdc = "HQ-PDC";
	assert_ok(um_pair_find(w.m, w.mem, &given, NULL, &p));
	assert_null(p->accounts_pdc);
	unit_world_close(&w);
	unlink(path);
	free(path);
}

/* The progress text of work on both PDCs of a pair names both. */
static void record_busy(void *priv, const char *what)
{
	char **seen = priv;

	if (*seen == NULL && what != NULL) {
		*seen = talloc_strdup(NULL, what);
	}
}

static void test_pair_progress_names_both(void **state)
{
	struct unit_world w;
	char *path = write_temp(three_domains);
	struct um_hooks hooks = { .busy = record_busy };
	struct um_pdc *p[2];
	struct um_trust_lists lists[2];
	struct um_status st[2];
	char *seen = NULL;

	(void)state;
	unit_world_open(&w, path);
	hooks.priv = &seen;
	um_model_set_hooks(w.m, &hooks);
	assert_ok(um_pdc_get(w.m, "OP-PDC", &p[0]));
	assert_ok(um_pdc_get(w.m, "HQ-PDC", &p[1]));
	um_trust_lists(p, 2, w.mem, lists, st);
	assert_ok(st[0]);
	assert_ok(st[1]);
	assert_non_null(seen);
	assert_non_null(strstr(seen, "OP-PDC"));
	assert_non_null(strstr(seen, "HQ-PDC"));
	talloc_free(seen);
	unit_world_close(&w);
	unlink(path);
	free(path);
}

/* A scenario without [pair]: its first trust between two of its own
 * domains (what a half-broken trust has left on either side). */
static void test_pair_from_first_trust(void **state)
{
	struct unit_world w;
	char *path = write_temp("[domain HQ]\npdc = HQ-PDC\n"
				"sid = S-1-5-21-1-2-3\n"
				"[domain BRANCH]\npdc = BR-PDC\n"
				"sid = S-1-5-21-4-5-6\n"
				"[trusting HQ BRANCH]\n"
				"nthash = 9fe0cd1671254282a0a8dca70aaa3c38\n");
	struct um_pair *p;

	(void)state;
	unit_world_open(&w, path);
	assert_ok(um_pair_find(w.m, w.mem, NULL, NULL, &p));
	assert_string_equal(p->resource_pdc, "BR-PDC");
	assert_string_equal(p->accounts_pdc, "HQ-PDC");
	assert_null(p->user);
	unit_world_close(&w);
	unlink(path);
	free(path);
}

/* What a verify's status says of the trust (the trust dialog's column). */
static void test_trust_state_of(void **state)
{
	(void)state;
	assert_int_equal(um_trust_state_of(um_ok()), UM_TRUST_OK);
	assert_int_equal(um_trust_state_of(um_nt(UM_NT_HOST_UNREACHABLE)),
			 UM_TRUST_UNKNOWN);
	assert_int_equal(um_trust_state_of(um_local(UM_LOCAL_NO_MEMORY)),
			 UM_TRUST_UNKNOWN);
	assert_int_equal(um_trust_state_of(
				 um_werr(UM_WERR_NO_TRUST_SAM_ACCOUNT)),
			 UM_TRUST_BROKEN);
	assert_true(um_status_pdc_not_found(um_werr(UM_WERR_NO_SUCH_DOMAIN)));
	assert_false(um_status_pdc_not_found(um_nt(UM_NT_LOGON_FAILURE)));
}

/* ---- state files ------------------------------------------------------ */

static void test_state_file_safe(void **state)
{
	struct unit_world w;
	struct um_pair *pair;
	struct stat sb;
	char buf[8192];
	FILE *f;
	size_t n;

	(void)state;
	unit_world_open(&w, "kb207957");
	assert_ok(um_trust_add_trusting(unit_pdc(&w, "DCA"), "RESOURCE",
					unit_secret(&w, "Visible.pw7"),
					unit_secret(&w, "Visible.pw7")));
	assert_int_equal(stat(w.state, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	f = fopen(w.state, "r");
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	assert_null(strstr(buf, "Visible.pw7"));
	assert_non_null(strstr(buf, "[trusting ACCOUNTS RESOURCE]"));
	/* the scenario's pair and its test user, not the user's password */
	assert_non_null(strstr(buf, "[pair]\nresource = RESOURCE\n"
				    "accounts = ACCOUNTS\nuser = alice\n"));
	assert_null(strstr(buf, "Alice.pw1"));
	/* A new process sees the change. */
	unit_world_reopen(&w);
	assert_int_equal(unit_n_trusting(&w, "DCA"), 1);
	pair = um_model_named_pair(w.m, w.mem);
	assert_non_null(pair);
	assert_string_equal(pair->resource_pdc, "DCB");
	assert_string_equal(pair->user, "ACCOUNTS\\alice");
	assert_null(pair->user_password);
	unit_world_close(&w);
}

/* ---- faulty scenario files -------------------------------------------- */

static const struct {
	const char *text;
	const char *why; /* part of the message */
} bad_files[] = {
	{ "[domain ACCOUNTS]\ndialect = nt5\n", ":2: dialect must be" },
	{ "[domain ACCOUNTS]\ncolour = blue\n", ":2: unknown key colour" },
	{ "[domain ACCOUNTS]\nsid = banana\n", ":2: not a valid SID" },
	{ "[domain ACCOUNTS]\npdc=A\n[domain accounts]\npdc=B\n",
	  ":4: this domain is defined twice" },
	{ "[trusted RESOURCE ACCOUNTS]\nnthash = 00\n",
	  ":2: domain RESOURCE is not defined" },
	{ "[domain A]\npdc=X\n[trusting A B]\nnthash = xyz\n",
	  ":4: nthash must be 32 hex digits" },
	{ "[domain A]\npdc=X\n[unicorn A]\nk = v\n", ":4: unknown section" },
	{ "[domain A]\npdc=X\nthis is not ini\n", ":3:" },
	{ "[domain A]\npdc=X\n[domain B]\npdc=x\n", "same pdc" },
	{ "[scenario]\nname = empty\n", "no [domain NAME] section" },
	{ "\x7f" "ELF\x02\x01\x01\0\0\0binary", ":1:" },
	{ "[domain A]\npdc=X\nlatency_ms = -5\n", ":3: latency_ms" },
	{ "[domain A]\npdc=X\n[channel A B]\nstate = ok\n",
	  "channel needs its trusted section" },
	{ "[domain A]\npdc=X\n[scenario]\ninclude = ../etc/passwd\n",
	  "include names a file beside this one" },
	{ "[pair]\nresource = A\n[domain A]\npdc=X\n",
	  "[pair] needs resource and accounts" },
	{ "[pair]\nresource = A\naccounts = B\n[domain A]\npdc=X\n",
	  "[pair] names two domains of this scenario" },
	{ "[pair]\nresource = A\naccounts = a\n[domain A]\npdc=X\n",
	  "[pair] names two domains of this scenario" },
	{ "[pair]\nresource = A\naccounts = B\npassword = x\n"
	  "[domain A]\npdc=X\n[domain B]\npdc=Y\n",
	  "[pair] has a password but no user" },
	{ "[pair]\nresource = A\ncolour = blue\n", ":3: unknown key colour" },
};

static void test_bad_files_refused(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct tevent_context *ev = tevent_context_init(mem);
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad_files) / sizeof(bad_files[0]); i++) {
		char *path = write_temp(bad_files[i].text);
		struct um_model_options opt = { .state_file = path };
		struct um_model *m = NULL;
		char *why = NULL;
		struct um_status st = um_model_new(mem, ev, &opt, &m, &why);

		assert_status(st, UM_KIND_LOCAL, UM_LOCAL_BAD_FILE);
		assert_non_null(why);
		if (strstr(why, bad_files[i].why) == NULL ||
		    strncmp(why, path, strlen(path)) != 0) {
			fail_msg("case %zu: '%s'", i, why);
		}
		unlink(path);
		free(path);
	}
	talloc_free(mem);
}

static void test_huge_file_refused(void **state)
{
	char path[] = "/tmp/usrmgr-huge-XXXXXX";
	int fd = mkstemp(path);
	TALLOC_CTX *mem = talloc_new(NULL);
	struct um_model_options opt = { .state_file = path };
	struct um_model *m;
	char *why = NULL;

	(void)state;
	assert_int_equal(ftruncate(fd, 17 * 1024 * 1024), 0);
	close(fd);
	assert_status(um_model_new(mem, tevent_context_init(mem), &opt, &m,
				   &why),
		      UM_KIND_LOCAL, UM_LOCAL_BAD_FILE);
	assert_non_null(strstr(why, "16 MiB"));
	unlink(path);
	talloc_free(mem);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdc_of_open_domain),
		cmocka_unit_test(test_bad_input_changes_nothing),
		cmocka_unit_test(test_cancel_changes_nothing),
		cmocka_unit_test(test_small_pages_show_everything_once),
		cmocka_unit_test(test_partner_pdc_status),
		cmocka_unit_test(test_pair_find),
		cmocka_unit_test(test_pair_progress_names_both),
		cmocka_unit_test(test_pair_from_first_trust),
		cmocka_unit_test(test_trust_state_of),
		cmocka_unit_test(test_state_file_safe),
		cmocka_unit_test(test_bad_files_refused),
		cmocka_unit_test(test_huge_file_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
