/*
 * rpc-unit-test: the RPC backend's pieces that need no DC.
 *  - every opnum usrmgr hard-codes names the call Samba's own table has
 *    at that number (no ndr_lsa.h is installed to take them from);
 *  - SID text both ways; RC4 against a published test vector;
 *    "DOM\user" splitting.
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
	opnum(l, RPC_LSA_ENUMTRUSTDOM, "lsa_EnumTrustDom");
	opnum(l, RPC_LSA_OPENTRUSTEDDOMAIN, "lsa_OpenTrustedDomain");
	opnum(l, RPC_LSA_DELETEOBJECT, "lsa_DeleteObject");
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

int main(void)
{
	test_opnums();
	test_sids();
	test_rc4();
	test_split();
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
