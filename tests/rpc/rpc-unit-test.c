/*
 * rpc-unit-test: the RPC backend's pieces that need no DC.
 *  - every opnum usrmgr hard-codes names the call Samba's own table has
 *    at that number (no ndr_lsa.h is installed to take them from);
 *  - SID text both ways; RC4 against a published test vector;
 *    "DOM\user" splitting;
 *  - the account policy to and from SAMR's levels 1, 3 and 12, as a
 *    Samba AD DC and a classic PDC answer them;
 *  - where a connection goes (rpc_conn_target): the address the model
 *    looked up, unless Kerberos or smb.conf's name resolve order want
 *    the name; the lookup's choice of one address.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include "rpc_internal.h"

/* libsamba-util's (dynconfig.h is not installed): where lmhosts is */
const char *set_dyn_LMHOSTSFILE(const char *newpath);

static int passed, failed;

static void check(bool ok, const char *what)
{
	printf("%s - %s\n", ok ? "ok" : "FAIL", what);
	if (ok)
		passed++;
	else
		failed++;
}

static void opnum(const struct ndr_interface_table *t, uint32_t n,
		  const char *name)
{
	char what[128];

	snprintf(what, sizeof(what), "%s is opnum %u", name, n);
	check(n < t->num_calls && strcmp(t->calls[n].name, name) == 0, what);
}

static void test_opnums(void)
{
	const struct ndr_interface_table *l = &ndr_table_lsarpc;
	const struct ndr_interface_table *n = &ndr_table_netlogon;

	opnum(l, RPC_LSA_CLOSE, "lsa_Close");
	opnum(l, RPC_LSA_QUERYINFOPOLICY, "lsa_QueryInfoPolicy");
	opnum(l, RPC_LSA_SETINFOPOLICY, "lsa_SetInfoPolicy");
	opnum(l, RPC_LSA_ENUMTRUSTDOM, "lsa_EnumTrustDom");
	opnum(l, RPC_LSA_OPENTRUSTEDDOMAIN, "lsa_OpenTrustedDomain");
	opnum(l, RPC_LSA_DELETEOBJECT, "lsa_DeleteObject");
	opnum(l, RPC_LSA_LOOKUPSIDS, "lsa_LookupSids");
	opnum(l, RPC_LSA_ENUMACCOUNTSWITHUSERRIGHT,
	      "lsa_EnumAccountsWithUserRight");
	opnum(l, RPC_LSA_ADDACCOUNTRIGHTS, "lsa_AddAccountRights");
	opnum(l, RPC_LSA_REMOVEACCOUNTRIGHTS, "lsa_RemoveAccountRights");
	opnum(l, RPC_LSA_LOOKUPNAMES3, "lsa_LookupNames3");
	opnum(l, RPC_LSA_SETINFORMATIONTRUSTEDDOMAIN,
	      "lsa_SetInformationTrustedDomain");
	opnum(l, RPC_LSA_DELETETRUSTEDDOMAIN, "lsa_DeleteTrustedDomain");
	opnum(l, RPC_LSA_OPENPOLICY2, "lsa_OpenPolicy2");
	opnum(l, RPC_LSA_QUERYINFOPOLICY2, "lsa_QueryInfoPolicy2");
	opnum(l, RPC_LSA_QUERYTRUSTEDDOMAININFOBYNAME,
	      "lsa_QueryTrustedDomainInfoByName");
	opnum(l, RPC_LSA_ENUMTRUSTEDDOMAINSEX, "lsa_EnumTrustedDomainsEx");
	opnum(l, RPC_LSA_OPENTRUSTEDDOMAINBYNAME,
	      "lsa_OpenTrustedDomainByName");
	opnum(l, RPC_LSA_CREATETRUSTEDDOMAINEX2,
	      "lsa_CreateTrustedDomainEx2");
	opnum(n, RPC_NETR_GETDCNAME, "netr_GetDcName");
	opnum(n, RPC_NETR_LOGONCONTROL2EX, "netr_LogonControl2Ex");
	opnum(n, RPC_NETR_DSRGETDCNAMEEX2, "netr_DsRGetDCNameEx2");
}

static void test_sids(void)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	const char *text = "S-1-5-21-3597172051-3990278108-2512604521";
	struct dom_sid *sid = rpc_sid_parse(mem, text);

	check(sid != NULL && sid->num_auths == 4 && sid->id_auth[5] == 5 &&
	      sid->sub_auths[3] == 2512604521u, "SID parses");
	check(sid && strcmp(rpc_sid_string(mem, sid), text) == 0,
	      "SID prints back the same");
	check(rpc_sid_parse(mem, "S-1-5-x") == NULL, "bad SID refused");
	check(rpc_sid_parse(mem, "S-1-5-21-1-2-3-4-5-6-7-8-9-10-11-12-13-14-15-16")
	      == NULL, "more than 15 sub-authorities refused");
	talloc_free(mem);
}

static void test_rc4(void)
{
	/* RFC 6229-style vector: key "Key", plaintext "Plaintext" */
	uint8_t key[] = "Key", data[] = "Plaintext";
	const uint8_t want[] = { 0xbb, 0xf3, 0x16, 0xe8, 0xd9, 0x40, 0xaf,
				 0x0a, 0xd3 };
	DATA_BLOB k = { key, 3 }, d = { data, 9 };

	check(NT_STATUS_IS_OK(rpc_arcfour(&k, &d)) &&
	      memcmp(data, want, 9) == 0, "RC4 (gnutls ARCFOUR_128) vector");
}

static void test_split(void)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	char *d, *u;

	rpc_split_user(mem, "ACCOUNTS\\alice", &d, &u);
	check(d && u && !strcmp(d, "ACCOUNTS") && !strcmp(u, "alice"),
	      "DOM\\user splits");
	rpc_split_user(mem, "alice@accounts.test", &d, &u);
	check(d && u && !strcmp(d, "accounts.test") && !strcmp(u, "alice"),
	      "user@dom splits");
	rpc_split_user(mem, "alice", &d, &u);
	check(d == NULL && u && !strcmp(u, "alice"), "bare user");
	talloc_free(mem);
}

/* A fresh Samba AD domain's levels 1, 3 and 12 (samba-tool domain
 * passwordsettings show: 42 days, 1 day, 7, 24, no lockout, 30/30). */
static void test_policy_from_ad(void)
{
	struct samr_DomInfo1 i1 = { 7, 24, DOMAIN_PASSWORD_COMPLEX,
				    -36288000000000LL, -864000000000LL };
	struct samr_DomInfo3 i3 = { 0x8000000000000000ull };
	struct samr_DomInfo12 i12 = { (uint64_t)-18000000000LL,
				      (uint64_t)-18000000000LL, 0 };
	struct um_account_policy p;

	rpc_policy_from_samr(&i1, &i3, &i12, &p);
	check(p.max_age_days == 42 && p.min_age_days == 1 &&
	      p.min_length == 7 && p.history == 24, "AD levels 1: days");
	check(!p.force_logoff && !p.must_logon_to_change,
	      "AD level 3 never: no forced logoff");
	check(p.lockout_threshold == 0 && p.reset_minutes == 30 &&
	      p.duration_minutes == 30, "AD level 12: minutes");
}

/* A classic PDC's "never" (-1 in pdbedit) comes as NTTIME_INFINITY;
 * AD's "never" is the same bits (samba-tool's 0); both read as 0. */
static void test_policy_never(void)
{
	struct samr_DomInfo1 i1 = { 5, 0, DOMAIN_PASSWORD_NO_ANON_CHANGE,
				    INT64_MIN, 0 };
	struct samr_DomInfo3 i3 = { 0 };
	struct samr_DomInfo12 i12 = { 0x8000000000000000ull,
				      (uint64_t)-18000000000LL, 3 };
	struct um_account_policy p;

	rpc_policy_from_samr(&i1, &i3, &i12, &p);
	check(p.max_age_days == 0 && p.min_age_days == 0,
	      "never expires, changes at once");
	check(p.must_logon_to_change && p.force_logoff,
	      "NO_ANON_CHANGE and logoff time 0");
	check(p.lockout_threshold == 3 && p.duration_minutes == 0,
	      "lockout duration forever");
}

/* A classic PDC keeps "never" as -1 in an unsigned policy value
 * (pdbedit -P shows 4294967295) and answers it as 2^32-1 seconds for
 * the maximum age, 2^32-1 minutes for the lockout duration (measured on
 * the nt4 lab): both are NT's never, not 49710 days. */
static void test_policy_classic_never(void)
{
	/* classic negates with ~, after a double's rounding: not exact */
	struct samr_DomInfo1 i1 = { 5, 0, 0,
				    ~(int64_t)(0xFFFFFFFFll * 10000000ll), 0 };
	struct samr_DomInfo3 i3 = { 0x8000000000000000ull };
	struct samr_DomInfo12 i12 = {
		(uint64_t)~(int64_t)(0xFFFFFFFFll * 600000000ll),
		(uint64_t)-18000000000LL, 4 };
	struct um_account_policy p;

	rpc_policy_from_samr(&i1, &i3, &i12, &p);
	check(p.max_age_days == 0, "classic's -1 seconds: never expires");
	check(p.duration_minutes == 0, "classic's -1 minutes: forever");
	check(um_is_ok(um_policy_check(&p, NULL)),
	      "classic's defaults pass NT's rules");
}

/* The dialog's policy written as SAMR has it and read back unchanged;
 * the password properties usrmgr does not show are kept. */
static void test_policy_round_trip(void)
{
	/* static: its padding is zero, so that memcmp compares fields only */
	static const struct um_account_policy init = { 90, 2, 8, 12, 5, 15, 0,
						       true, false };
	struct um_account_policy want, got;
	struct samr_DomInfo1 i1 = { 0, 0, DOMAIN_PASSWORD_COMPLEX |
					  DOMAIN_PASSWORD_NO_ANON_CHANGE,
				    0, 0 };
	struct samr_DomInfo3 i3;
	struct samr_DomInfo12 i12;

	memcpy(&want, &init, sizeof(want));
	memset(&got, 0, sizeof(got));
	rpc_policy_to_samr(&want, &i1, &i3, &i12);
	check(i1.max_password_age == -77760000000000LL,
	      "90 days as a negative interval");
	check(i12.lockout_duration == 0x8000000000000000ull,
	      "duration forever as NT's never");
	check(i3.force_logoff_time == 0, "forced logoff as time 0");
	check(i1.password_properties == DOMAIN_PASSWORD_COMPLEX,
	      "complexity kept, NO_ANON_CHANGE cleared");
	rpc_policy_from_samr(&i1, &i3, &i12, &got);
	check(memcmp(&want, &got, sizeof(want)) == 0, "policy round trip");
	want.max_age_days = 0;
	rpc_policy_to_samr(&want, &i1, &i3, &i12);
	check(i1.max_password_age == INT64_MIN, "never expires as NT's never");
}

/* A file of TEXT in a fresh temporary path (on MEM). */
static char *temp_file(TALLOC_CTX *mem, const char *text)
{
	char *path = talloc_strdup(mem, "/tmp/usrmgr-rpc-unit.XXXXXX");
	int fd = path != NULL ? mkstemp(path) : -1;
	size_t n = strlen(text);
	bool ok = fd >= 0 && write(fd, text, n) == (ssize_t)n;

	if (fd >= 0)
		close(fd);
	return ok ? path : NULL;
}

/* Where a connection to PDC "pdc-name", whose lookup gave 192.0.2.7,
 * goes under smb.conf's GLOBALS (and LMHOSTS as the lmhosts file when
 * not NULL), with Kerberos required or not. */
static const char *target(TALLOC_CTX *mem, const char *globals,
			  const char *lmhosts, bool kerberos)
{
	struct rpc_conn *c = talloc_zero(mem, struct rpc_conn);
	struct um_pdc *p = talloc_zero(mem, struct um_pdc);
	char *conf = temp_file(mem, talloc_asprintf(mem, "[global]\n%s\n",
							globals));
	char *lm = lmhosts != NULL ? temp_file(mem, lmhosts) : NULL;
	struct pollfd done = { .events = POLLIN };
	const char *to;

	c->pdc = p;
	c->host = talloc_strdup(c, "pdc-name");
	c->lp = loadparm_init(c);
	if (conf == NULL || !lpcfg_load(c->lp, conf))
		return "(smb.conf not loaded)";
	c->creds = cli_credentials_init(c);
	cli_credentials_set_kerberos_state(c->creds, kerberos ?
					   CRED_USE_KERBEROS_REQUIRED :
					   CRED_USE_KERBEROS_DISABLED,
					   CRED_SPECIFIED);
	p->lookup = um_lookup_start(p, "192.0.2.7");
	if (p->lookup == NULL)
		return "(no lookup)";
	done.fd = um_lookup_fd(p->lookup);
	if (poll(&done, 1, 10000) != 1 || !um_lookup_done(p->lookup))
		return "(lookup not done)";
	set_dyn_LMHOSTSFILE(lm != NULL ? lm : "/nonexistent/lmhosts");
	to = talloc_strdup(mem, rpc_conn_target(c));
	unlink(conf);
	if (lm != NULL)
		unlink(lm);
	return to;
}

static void target_is(const char *globals, const char *lmhosts,
		      bool kerberos, const char *want, const char *what)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	const char *got = target(mem, globals, lmhosts, kerberos);

	check(strcmp(got, want) == 0, what);
	if (strcmp(got, want) != 0)
		printf("#   got %s, want %s\n", got, want);
	talloc_free(mem);
}

static void test_target(void)
{
	target_is("", NULL, false, "192.0.2.7",
		  "default order: the looked-up address");
	target_is("name resolve order = lmhosts host bcast", NULL, false,
		  "192.0.2.7", "lmhosts (none) before host: the address");
	target_is("name resolve order = lmhosts host bcast",
		  "192.0.2.99 OTHER\n", false, "pdc-name",
		  "lmhosts with entries before host: the name, Samba's");
	target_is("name resolve order = lmhosts host", "# only a comment\n",
		  false, "192.0.2.7", "lmhosts of comments: the address");
	target_is("name resolve order = wins host", NULL, false, "192.0.2.7",
		  "wins without a WINS server: the address");
	target_is("name resolve order = wins host\nwins server = 192.0.2.1",
		  NULL, false, "pdc-name",
		  "a WINS server before host: the name, Samba's");
	target_is("name resolve order = bcast host", NULL, false, "pdc-name",
		  "bcast before host: the name, Samba's");
	target_is("name resolve order = lmhosts bcast", NULL, false,
		  "pdc-name", "no host in the order: the name, Samba's");
	target_is("", NULL, true, "pdc-name",
		  "Kerberos required: the name (its principal)");
}

/* The order left once the system's resolver had no address. */
static void without_host_is(const char *order, NTSTATUS want_st,
			    const char *want, const char *what)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct loadparm_context *lp = loadparm_init(mem);
	char *left = NULL;
	size_t len = 0;
	FILE *f;
	NTSTATUS st;

	lpcfg_set_cmdline(lp, "name resolve order", order);
	st = rpc_lp_without_host(lp);
	f = open_memstream(&left, &len);
	if (f != NULL) {
		lpcfg_dump_a_parameter(lp, NULL, "name resolve order", f);
		fclose(f);
	}
	check(NT_STATUS_EQUAL(st, want_st) && left != NULL &&
	      strncmp(left, want, strlen(want)) == 0 &&
	      left[strlen(want)] == '\n', what);
	free(left);
	talloc_free(mem);
}

static void test_without_host(void)
{
	without_host_is("lmhosts wins host bcast", NT_STATUS_OK,
			"lmhosts wins bcast",
			"no address: Samba's order without host");
	without_host_is("host", NT_STATUS_OBJECT_NAME_NOT_FOUND, "host",
			"no address and host alone: not found, order kept");
	without_host_is("bcast", NT_STATUS_OK, "bcast",
			"no host in the order: unchanged");
}

/* An addrinfo list of the addresses TEXTS (IPv4 or IPv6). */
static struct addrinfo *addrs(TALLOC_CTX *mem, const char **texts, int n)
{
	struct addrinfo *head = NULL;

	for (int i = n - 1; i >= 0; i--) {
		struct addrinfo *a = talloc_zero(mem, struct addrinfo);
		struct sockaddr_in6 *s6 = talloc_zero(mem,
						      struct sockaddr_in6);
		struct sockaddr_in *s4 = (struct sockaddr_in *)(void *)s6;

		if (inet_pton(AF_INET, texts[i], &s4->sin_addr) == 1) {
			a->ai_family = s4->sin_family = AF_INET;
		} else {
			a->ai_family = s6->sin6_family = AF_INET6;
			inet_pton(AF_INET6, texts[i], &s6->sin6_addr);
		}
		a->ai_addr = (struct sockaddr *)(void *)s6;
		a->ai_next = head;
		head = a;
	}
	return head;
}

static void test_lookup_pick(void)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	const char *one[] = { "10.1.2.3", "10.1.2.3" };
	const char *two[] = { "10.1.2.3", "10.1.2.4" };
	const char *six[] = { "2001:db8::5" };
	char out[64] = "";
	struct um_lookup *l;
	struct pollfd done = { .events = POLLIN };

	check(um_lookup_pick(addrs(mem, one, 2), out, sizeof(out)) &&
	      strcmp(out, "10.1.2.3") == 0,
	      "one address (twice, once per socket type): taken");
	check(!um_lookup_pick(addrs(mem, two, 2), out, sizeof(out)),
	      "two addresses: none taken (Samba tries each)");
	check(um_lookup_pick(addrs(mem, six, 1), out, sizeof(out)) &&
	      strcmp(out, "2001:db8::5") == 0, "an IPv6 address: taken");
	check(!um_lookup_pick(NULL, out, sizeof(out)), "no address: none");
	check(!um_lookup_pick(addrs(mem, six, 1), out, 4),
	      "no room for it: none");
	/* a name the resolver refuses at once: no address, the name */
	l = um_lookup_start(mem, "");
	done.fd = l != NULL ? um_lookup_fd(l) : -1;
	check(l != NULL && poll(&done, 1, 10000) == 1 &&
	      um_lookup_address(l) == NULL, "an empty name: no address");
	/* freed before its thread ends: the thread frees the rest */
	talloc_free(um_lookup_start(mem, "192.0.2.8"));
	talloc_free(mem);
}

int main(void)
{
	test_opnums();
	test_sids();
	test_rc4();
	test_split();
	test_policy_from_ad();
	test_policy_never();
	test_policy_classic_never();
	test_policy_round_trip();
	test_target();
	test_lookup_pick();
	test_without_host();
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
