/*
 * usrmgr - the drsblobs trust-password structures (MS-LSAD 2.2.7.16/17),
 * encoded with the public libndr primitives.
 *
 * Samba declares ndr_push_trustDomainPasswords() in its installed headers
 * but implements it only in a private library, which usrmgr must not
 * link.  These few little-endian structures are simple enough to encode
 * here; tests/rpc/drsblobs-test.c checks the bytes against python3-samba's
 * ndr_pack() of the same structure.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifndef USRMGR_DRSBLOBS_H
#define USRMGR_DRSBLOBS_H

#include <stdint.h>
#include <talloc.h>
#include <util/data_blob.h>
#include <util/time.h>
#include <core/ntstatus.h>

#define DRSBLOBS_CONFOUNDER_LEN 512

/* NDR's byte order, little-endian, 32 bits: read at B, write V at B. */
static inline uint32_t drsblobs_le32(const uint8_t *b)
{
	return (uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	       (uint32_t)b[3] << 24;
}

static inline void drsblobs_put_le32(uint8_t *b, uint32_t v)
{
	b[0] = (uint8_t)v;
	b[1] = (uint8_t)(v >> 8);
	b[2] = (uint8_t)(v >> 16);
	b[3] = (uint8_t)(v >> 24);
}

/*
 * trustAuthInOutBlob for one direction: SECRET (the password as UTF-16LE
 * bytes) as the one current TRUST_AUTH_TYPE_CLEAR entry stamped WHEN, or,
 * with SECRET NULL, the empty blob (count 0) for a direction that carries
 * no password.
 */
NTSTATUS drsblobs_auth_inout(TALLOC_CTX *mem, const DATA_BLOB *secret,
			     NTTIME when, DATA_BLOB *out);

/*
 * trustDomainPasswords: CONFOUNDER (512 bytes), the outgoing and incoming
 * trustAuthInOutBlobs and their sizes.  This is what CreateTrustedDomainEx2
 * takes, RC4-encrypted with the session key.
 */
NTSTATUS drsblobs_trust_passwords(TALLOC_CTX *mem,
				  const uint8_t confounder[DRSBLOBS_CONFOUNDER_LEN],
				  const DATA_BLOB *outgoing,
				  const DATA_BLOB *incoming, NTTIME when,
				  DATA_BLOB *out);

/*
 * The current TRUST_AUTH_TYPE_CLEAR password of trustAuthInOutBlob BLOB
 * (what DRSUAPI reads from trustAuthIncoming/Outgoing), as *SECRET
 * pointing into BLOB; NOT_FOUND when it holds none, INVALID_PARAMETER
 * when it is not such a blob.
 */
NTSTATUS drsblobs_current_clear(const DATA_BLOB *blob, DATA_BLOB *secret);

/* PASSWORD (UTF-8) as the UTF-16LE bytes the structures carry. */
NTSTATUS drsblobs_utf16(TALLOC_CTX *mem, const char *password,
			DATA_BLOB *out);

#endif
