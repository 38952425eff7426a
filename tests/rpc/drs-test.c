/*
 * drs-test: reading a trusted-domain object's passwords over DRSUAPI
 * (rpc_drs.c, drsblobs.c), without a DC.  The vectors were made with
 * python3-samba 4.17 (ndr_pack_in / ndr_pack_out of samba.dcerpc.drsuapi,
 * ndr_pack of drsblobs.trustAuthInOutBlob) and, for the encrypted value,
 * hashlib.md5 + samba.arcfour_encrypt + zlib.crc32 as MS-DRSR 4.1.10.6.11
 * says; they are kept here so that the test needs no Python:
 *  - our DsGetNCChanges request (umdrs.idl) is byte for byte Samba's;
 *  - Samba's reply 6 pulls with our NDR, and the trustAuthOutgoing in it
 *    decrypts to the blob; trustAuthIncoming without values is empty;
 *  - a wrong session key is refused (the CRC), a short value too;
 *  - the current clear password of a trustAuthInOutBlob, also behind a
 *    VERSION entry; none, and truncated blobs, refused;
 *  - the object's DN from its name and the domain's DNS name.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include "rpc_internal.h"
#include "rpc_drs.h"
#include "drsblobs.h"
#include "gen/ndr_umdrs.h"

static int passed, failed;

static void check(bool ok, const char *what)
{
	printf("%s - %s\n", ok ? "ok" : "FAIL", what);
	if (ok)
		passed++;
	else
		failed++;
}

static const char req_hex[] =
	"0000000067452301ab89efcd0123456789abcdef080000000800000000000000"
	"9cb9fa6a266e4a46975ff58f105218bc00000000000000000000000000000000"
	"f1aef1ae00000000000000000000000000000000000000000000000000000000"
	"000000001000000001000000c422060006000000000000000000000000000000"
	"000000000000000000000000000000002f000000960000000000000000000000"
	"0000000000000000000000000000000000000000000000000000000000000000"
	"00000000000000002e00000043004e003d007200650073006f00750072006300"
	"65002e0074006500730074002c0043004e003d00530079007300740065006d00"
	"2c00440043003d006100630063006f0075006e00740073002c00440043003d00"
	"74006500730074000000";

static const char reply_hex[] =
	"0600000006000000111111112222333344445555555555556666666677778888"
	"9999000000000000000002000000000000000000000000000000000000000000"
	"0000000000000000000000000000000000000000000000000000000000000000"
	"0000000002000000040002000100000001000000fb0200000800020000000000"
	"0000000000000000000000000000000000000000140000006000000000000000"
	"0000000000000000000000000000000000000000000000000000000000000000"
	"00000000000000000000000013000000440043003d006100630063006f007500"
	"6e00740073002c00440043003d00740065007300740000000200000000000000"
	"020000000c000200090000000800000010000200020000005504000008000000"
	"2a864886f7140104000000001400020001000000040000001800020000000000"
	"1c000200200002002f0000009600000000000000000000000000000000000000"
	"0000000000000000000000000000000000000000000000000000000000000000"
	"2e00000043004e003d007200650073006f0075007200630065002e0074006500"
	"730074002c0043004e003d00530079007300740065006d002c00440043003d00"
	"6100630063006f0075006e00740073002c00440043003d007400650073007400"
	"0000000004000000030000000100000024000200810009000000000000000000"
	"87000900010000002800020001000200010000002c0002000100000008000000"
	"3000020008000000636e2d76616c756501000000600000003400020060000000"
	"101112131415161718191a1b1c1d1e1f021ab41df259f9eaeb85072574106790"
	"fe2fd53d78c1944b8405008f526d1791f8f7dbb27856cd49e53722b853f85435"
	"f3e77d7f3cd0a7a77259b95579b8bfea68f0be53166c1df83d58bc469b2f647d"
	"0100000001000000380002000100000078000000aaaaaaaabbbbccccddddeeee"
	"eeeeeeee000000000000000000000000";

static const char enc_hex[] =
	"101112131415161718191a1b1c1d1e1f021ab41df259f9eaeb85072574106790"
	"fe2fd53d78c1944b8405008f526d1791f8f7dbb27856cd49e53722b853f85435"
	"f3e77d7f3cd0a7a77259b95579b8bfea68f0be53166c1df83d58bc469b2f647d";

static const char b1_hex[] =
	"010000000c0000002c00000000387cdf1b47da0102000000100000004b006500"
	"700074002e0070007700310000387cdf1b47da01020000000e0000004f006c00"
	"64002e007000770030000000";

static const char b2_hex[] =
	"020000000c0000003800000000387cdf1b47da01030000000400000007000000"
	"00387cdf1b47da0102000000060000006100620063000000";

static const uint8_t session_key[16] = {
	0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8,
	0xa9, 0xaa, 0xab, 0xac, 0xad, 0xae, 0xaf, 0xb0,
};

static DATA_BLOB unhex(TALLOC_CTX *mem, const char *h)
{
	size_t n = strlen(h) / 2;
	DATA_BLOB b = data_blob_talloc(mem, NULL, n);

	for (size_t i = 0; i < n; i++) {
		unsigned v = 0;

		sscanf(h + 2 * i, "%2x", &v);
		b.data[i] = (uint8_t)v;
	}
	return b;
}

static bool blob_is(const DATA_BLOB *b, const DATA_BLOB *want)
{
	return b->length == want->length &&
	       memcmp(b->data, want->data, b->length) == 0;
}

/* "abc" as UTF-16LE */
static bool utf16_is(const DATA_BLOB *b, const char *ascii)
{
	size_t n = strlen(ascii);

	if (b->length != 2 * n)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (b->data[2 * i] != (uint8_t)ascii[i] ||
		    b->data[2 * i + 1] != 0)
			return false;
	}
	return true;
}

static void test_request(TALLOC_CTX *mem)
{
	struct umdrs_DsGetNCChanges r = { 0 };
	union umdrs_DsGetNCChangesRequest req = { 0 };
	struct umdrs_DsReplicaObjectIdentifier nc = { 0 };
	struct policy_handle h = { 0 };
	struct ndr_push *push = ndr_push_init_ctx(mem);
	const struct ndr_interface_call *call =
		&ndr_table_umdrs.calls[NDR_UMDRS_DSGETNCCHANGES];
	DATA_BLOB want = unhex(mem, req_hex), got;
	bool ok;

	ok = NT_STATUS_IS_OK(GUID_from_string(
		"01234567-89ab-cdef-0123-456789abcdef", &h.uuid)) &&
	     NT_STATUS_IS_OK(GUID_from_string(
		"6afab99c-6e26-464a-975f-f58f105218bc",
		&req.req8.destination_dsa_guid));
	nc.dn = "CN=resource.test,CN=System,DC=accounts,DC=test";
	req.req8.naming_context = &nc;
	req.req8.replica_flags = 0x10;
	req.req8.max_object_count = 1;
	req.req8.max_ndr_size = 402116;
	req.req8.extended_op = 6;
	r.in.bind_handle = &h;
	r.in.level = 8;
	r.in.req = &req;
	ok = ok && push != NULL &&
	     call->ndr_push(push, NDR_IN, &r) == NDR_ERR_SUCCESS;
	got = ok ? ndr_push_blob(push) : data_blob_null;
	check(ok && blob_is(&got, &want),
	      "DsGetNCChanges request 8 (EXOP_REPL_OBJ) is Samba's, byte for "
	      "byte");
	check(strcmp(call->name, "umdrs_DsGetNCChanges") == 0 &&
	      NDR_UMDRS_DSGETNCCHANGES == 3 && NDR_UMDRS_DSBIND == 0 &&
	      NDR_UMDRS_DSUNBIND == 1, "DsBind 0, DsUnbind 1, "
	      "DsGetNCChanges 3 (MS-DRSR)");
}

static void test_reply(TALLOC_CTX *mem)
{
	struct umdrs_DsGetNCChanges r = { 0 };
	const struct ndr_interface_call *call =
		&ndr_table_umdrs.calls[NDR_UMDRS_DSGETNCCHANGES];
	DATA_BLOB in = unhex(mem, reply_hex), b1 = unhex(mem, b1_hex);
	DATA_BLOB key = data_blob_const(session_key, sizeof(session_key));
	struct ndr_pull *pull = ndr_pull_init_blob(&in, mem);
	struct rpc_drs_trust_auth found = { { 0 } };
	bool ok;

	r.out.level_out = talloc_zero(mem, uint32_t);
	r.out.ctr = talloc_zero(mem, union umdrs_DsGetNCChangesCtr);
	ok = pull != NULL &&
	     call->ndr_pull(pull, NDR_OUT, &r) == NDR_ERR_SUCCESS &&
	     pull->offset == in.length;
	check(ok && *r.out.level_out == 6 &&
	      r.out.ctr->ctr6.extended_ret == 1 &&
	      r.out.ctr->ctr6.object_count == 1 &&
	      W_ERROR_IS_OK(r.out.result),
	      "Samba's reply 6 pulls whole with our NDR");
	ok = ok && NT_STATUS_IS_OK(rpc_drs_trust_auth_from_ctr6(
			mem, &key, &r.out.ctr->ctr6, &found));
	check(ok && blob_is(&found.outgoing, &b1),
	      "trustAuthOutgoing (attid 9:135) decrypts to the blob");
	check(ok && found.incoming.length == 0,
	      "trustAuthIncoming without a value: nothing");
	r.out.ctr->ctr6.mapping_ctr.num_mappings = 1; /* prefix 9 gone */
	check(NT_STATUS_EQUAL(rpc_drs_trust_auth_from_ctr6(mem, &key,
				&r.out.ctr->ctr6, &found),
			      NT_STATUS_OBJECT_NAME_NOT_FOUND),
	      "no AD attribute prefix in the reply: not found");
}

static void test_decrypt(TALLOC_CTX *mem)
{
	DATA_BLOB enc = unhex(mem, enc_hex), b1 = unhex(mem, b1_hex), out;
	uint8_t other[16];
	DATA_BLOB key = data_blob_const(session_key, sizeof(session_key));
	DATA_BLOB bad = data_blob_const(other, sizeof(other));
	DATA_BLOB shortv = data_blob_const(enc.data, 19);

	memcpy(other, session_key, sizeof(other));
	other[15] ^= 1;
	check(NT_STATUS_IS_OK(rpc_drs_decrypt(mem, &key, &enc, &out)) &&
	      blob_is(&out, &b1), "decrypt: MD5(key, salt) RC4, CRC32 ok");
	check(NT_STATUS_EQUAL(rpc_drs_decrypt(mem, &bad, &enc, &out),
			      NT_STATUS_WRONG_PASSWORD) && out.length == 0,
	      "decrypt with another key: refused (CRC32)");
	check(NT_STATUS_EQUAL(rpc_drs_decrypt(mem, &key, &shortv, &out),
			      NT_STATUS_INVALID_PARAMETER),
	      "decrypt a value shorter than salt and CRC: refused");
}

static void test_current_clear(TALLOC_CTX *mem)
{
	DATA_BLOB b1 = unhex(mem, b1_hex), b2 = unhex(mem, b2_hex), pw;
	DATA_BLOB empty = unhex(mem, "000000000000000000000000");
	DATA_BLOB cut = data_blob_const(b1.data, 30);

	check(NT_STATUS_IS_OK(drsblobs_current_clear(&b1, &pw)) &&
	      utf16_is(&pw, "Kept.pw1"),
	      "current clear password, not the previous one");
	check(NT_STATUS_IS_OK(drsblobs_current_clear(&b2, &pw)) &&
	      utf16_is(&pw, "abc"), "the clear entry behind a VERSION entry");
	check(NT_STATUS_EQUAL(drsblobs_current_clear(&empty, &pw),
			      NT_STATUS_NOT_FOUND), "count 0: none");
	check(NT_STATUS_EQUAL(drsblobs_current_clear(&cut, &pw),
			      NT_STATUS_INVALID_PARAMETER),
	      "a truncated blob: refused");
	b1.data[12 + 12] = 0xff; /* the size beyond the blob */
	check(NT_STATUS_EQUAL(drsblobs_current_clear(&b1, &pw),
			      NT_STATUS_INVALID_PARAMETER),
	      "a size beyond the blob: refused");
}

static void test_dn(TALLOC_CTX *mem)
{
	const char *dn = rpc_drs_tdo_dn(mem, "resource.test", "accounts.test");

	check(dn != NULL && strcmp(dn, "CN=resource.test,CN=System,"
				   "DC=accounts,DC=test") == 0,
	      "the object's DN");
	dn = rpc_drs_tdo_dn(mem, "RESOURCE", "corp.example.org");
	check(dn != NULL && strcmp(dn, "CN=RESOURCE,CN=System,DC=corp,"
				   "DC=example,DC=org") == 0,
	      "a downlevel object (NetBIOS name), three labels");
	check(rpc_drs_tdo_dn(mem, "a,b", "accounts.test") == NULL &&
	      rpc_drs_tdo_dn(mem, "res", NULL) == NULL,
	      "no DN that would need escaping, none without a DNS name");
}

int main(void)
{
	TALLOC_CTX *mem = talloc_new(NULL);

	test_request(mem);
	test_reply(mem);
	test_decrypt(mem);
	test_current_clear(mem);
	test_dn(mem);
	printf("%d passed, %d failed\n", passed, failed);
	talloc_free(mem);
	return failed ? 1 : 0;
}
