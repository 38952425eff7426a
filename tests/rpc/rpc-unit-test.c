/*
 * rpc-unit-test: the RPC backend's pieces that need no DC.
 *  - every opnum usrmgr hard-codes names the call Samba's own table has
 *    at that number (no ndr_lsa.h is installed to take them from);
 *  - SID text both ways; RC4 against a published test vector;
 *    "DOM\user" splitting;
 *  - the account policy to and from SAMR's levels 1, 3 and 12, as a
 *    Samba AD DC and a classic PDC answer them.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include "rpc_internal.h"

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
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
