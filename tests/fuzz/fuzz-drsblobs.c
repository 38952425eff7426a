/*
 * fuzz-drsblobs: the trust auth blob encoder (src/backend/rpc/drsblobs.c) round trip.
 * The input gives a confounder seed, a timestamp and two passwords (either
 * may be absent); the blob is encoded, then decoded here by an independent
 * reader of MS-LSAD 2.2.7.16/17, which must find every field as given:
 * confounder, each direction's count, offsets, NTTIME, AuthType CLEAR,
 * size, the password's UTF-16LE bytes, padding, and the trailing sizes.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <iconv.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "drsblobs.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

struct reader {
	const uint8_t *p;
	size_t len, off;
};

static uint32_t u32(struct reader *r)
{
	uint32_t v;

	FUZZ_ASSERT(r->off + 4 <= r->len);
	v = (uint32_t)r->p[r->off] | (uint32_t)r->p[r->off + 1] << 8 |
	    (uint32_t)r->p[r->off + 2] << 16 | (uint32_t)r->p[r->off + 3] << 24;
	r->off += 4;
	return v;
}

/* One trustAuthInOutBlob at R's offset, LEN bytes; SECRET NULL: empty. */
static void check_inout(const uint8_t *blob, size_t len, const DATA_BLOB *secret,
			NTTIME when)
{
	struct reader r = { blob, len, 0 };
	uint32_t count = u32(&r), cur = u32(&r), prev = u32(&r);

	if (secret == NULL) {
		FUZZ_ASSERT(count == 0 && cur == 0 && prev == 0 && len == 12);
		return;
	}
	FUZZ_ASSERT(count == 1 && cur == 12);
	{
		uint32_t lo = u32(&r), hi = u32(&r);
		uint32_t type = u32(&r), size = u32(&r);
		size_t pad = (4 - size % 4) % 4, i;

		FUZZ_ASSERT(((uint64_t)hi << 32 | lo) == when);
		FUZZ_ASSERT(type == 2); /* TRUST_AUTH_TYPE_CLEAR */
		FUZZ_ASSERT(size == secret->length);
		FUZZ_ASSERT(r.off + size + pad == len);
		FUZZ_ASSERT(size == 0 ||
			    memcmp(blob + r.off, secret->data, size) == 0);
		for (i = 0; i < pad; i++)
			FUZZ_ASSERT(blob[r.off + size + i] == 0);
		FUZZ_ASSERT(prev == len);
	}
}

/* Split the input at the first two NULs: outgoing, incoming. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	uint8_t confounder[DRSBLOBS_CONFOUNDER_LEN];
	DATA_BLOB out16, in16, blob;
	const DATA_BLOB *po = NULL, *pi = NULL;
	NTTIME when = 0;
	uint8_t flags = 0;
	char *pw_out = NULL, *pw_in = NULL;
	const uint8_t *nul;
	size_t i;
	NTSTATUS st;

	if (size < 9)
		goto done;
	flags = data[0];
	memcpy(&when, data + 1, 8);
	data += 9;
	size -= 9;
	for (i = 0; i < sizeof(confounder); i++)
		confounder[i] = (uint8_t)(i * 31 + flags);
	nul = memchr(data, '\0', size);
	pw_out = talloc_strndup(mem, (const char *)data,
				nul ? (size_t)(nul - data) : size);
	pw_in = nul ? talloc_strndup(mem, (const char *)nul + 1,
				     size - (size_t)(nul - data) - 1)
		    : talloc_strdup(mem, "");

	/* The encoder takes what drsblobs_utf16 makes of a password. */
	if (flags & 1) {
		if (!NT_STATUS_IS_OK(drsblobs_utf16(mem, pw_out, &out16)))
			goto done;
		po = &out16;
	}
	if (flags & 2) {
		if (!NT_STATUS_IS_OK(drsblobs_utf16(mem, pw_in, &in16)))
			goto done;
		pi = &in16;
	}
	if (po != NULL) {
		/* the UTF-16LE form is iconv's */
		char ref[8192];
		iconv_t cd = iconv_open("UTF-16LE", "UTF-8");
		char *ip = pw_out, *op = ref;
		size_t il = strlen(pw_out), ol = sizeof(ref);

		if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1) {
			FUZZ_ASSERT(sizeof(ref) - ol == po->length);
			FUZZ_ASSERT(po->length == 0 ||
				    memcmp(ref, po->data, po->length) == 0);
		}
		iconv_close(cd);
	}

	st = drsblobs_trust_passwords(mem, confounder, po, pi, when, &blob);
	FUZZ_ASSERT(NT_STATUS_IS_OK(st));
	{
		struct reader r = { blob.data, blob.length, 0 };
		uint32_t osize, isize;

		FUZZ_ASSERT(blob.length >= DRSBLOBS_CONFOUNDER_LEN + 8);
		FUZZ_ASSERT(memcmp(blob.data, confounder,
				   DRSBLOBS_CONFOUNDER_LEN) == 0);
		r.off = blob.length - 8;
		osize = u32(&r);
		isize = u32(&r);
		FUZZ_ASSERT(DRSBLOBS_CONFOUNDER_LEN + (size_t)osize + isize + 8 ==
			    blob.length);
		check_inout(blob.data + DRSBLOBS_CONFOUNDER_LEN, osize, po,
			    when);
		check_inout(blob.data + DRSBLOBS_CONFOUNDER_LEN + osize, isize,
			    pi, when);
	}
done:
	talloc_free(mem);
	return 0;
}
