/*
 * usrmgr - the drsblobs trust-password structures, by hand.
 *
 * Layout (MS-LSAD 2.2.7.16 LSAPR_AUTH_INFORMATION, 2.2.7.17
 * trustAuthInOutBlob), all little-endian, every structure 4-aligned:
 *
 *   AuthenticationInformation: NTTIME LastUpdateTime; uint32 AuthType;
 *       uint32 size; uint8 password[size]; zero padding to 4.
 *   trustAuthInOutBlob: uint32 count; uint32 current_offset (12, or 0
 *       when count is 0); uint32 previous_offset (12 + the size of the
 *       current array, or 0); the current array; the previous array
 *       (empty here: Samba treats a missing previous as "same as current").
 *   trustDomainPasswords: uint8 confounder[512]; outgoing blob; incoming
 *       blob; uint32 outgoing_size; uint32 incoming_size.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <string.h>
#include <stdbool.h>
#include <ndr.h>
#include <charset.h>
#include "drsblobs.h"

#define TRUST_AUTH_TYPE_CLEAR_VALUE 2u
#define INOUT_HEADER_LEN 12u

static NTSTATUS ndr_status(enum ndr_err_code err)
{
	return ndr_map_error2ntstatus(err);
}

#define PUSH(call) do {                                  \
		enum ndr_err_code _e = (call);           \
		if (_e != NDR_ERR_SUCCESS) {             \
			talloc_free(ndr);                \
			return ndr_status(_e);           \
		}                                        \
	} while (0)

/* One AuthenticationInformation entry of type CLEAR. */
static enum ndr_err_code push_clear_entry(struct ndr_push *ndr,
					  const DATA_BLOB *secret,
					  NTTIME when)
{
	enum ndr_err_code e;

	e = ndr_push_align(ndr, 4);
	if (e == NDR_ERR_SUCCESS)
		e = ndr_push_NTTIME(ndr, NDR_SCALARS, when);
	if (e == NDR_ERR_SUCCESS)
		e = ndr_push_uint32(ndr, NDR_SCALARS,
				    TRUST_AUTH_TYPE_CLEAR_VALUE);
	if (e == NDR_ERR_SUCCESS)
		e = ndr_push_uint32(ndr, NDR_SCALARS, (uint32_t)secret->length);
	if (e == NDR_ERR_SUCCESS)
		e = ndr_push_array_uint8(ndr, NDR_SCALARS, secret->data,
					 (uint32_t)secret->length);
	if (e == NDR_ERR_SUCCESS)
		e = ndr_push_align(ndr, 4);
	return e;
}

NTSTATUS drsblobs_auth_inout(TALLOC_CTX *mem, const DATA_BLOB *secret,
			     NTTIME when, DATA_BLOB *out)
{
	struct ndr_push *ndr = ndr_push_init_ctx(mem);
	uint32_t entry_len;

	if (ndr == NULL)
		return NT_STATUS_NO_MEMORY;
	if (secret == NULL) {
		PUSH(ndr_push_zero(ndr, INOUT_HEADER_LEN));
	} else {
		if (secret->length > UINT32_MAX - 32) {
			talloc_free(ndr);
			return NT_STATUS_INVALID_PARAMETER;
		}
		/* NTTIME + type + size + bytes, padded to 4 */
		entry_len = 16 + (((uint32_t)secret->length + 3u) & ~3u);
		PUSH(ndr_push_uint32(ndr, NDR_SCALARS, 1));
		PUSH(ndr_push_uint32(ndr, NDR_SCALARS, INOUT_HEADER_LEN));
		PUSH(ndr_push_uint32(ndr, NDR_SCALARS,
				     INOUT_HEADER_LEN + entry_len));
		PUSH(push_clear_entry(ndr, secret, when));
	}
	*out = ndr_push_blob(ndr);
	talloc_steal(mem, out->data);
	talloc_free(ndr);
	return NT_STATUS_OK;
}

NTSTATUS drsblobs_trust_passwords(TALLOC_CTX *mem,
				  const uint8_t confounder[DRSBLOBS_CONFOUNDER_LEN],
				  const DATA_BLOB *outgoing,
				  const DATA_BLOB *incoming, NTTIME when,
				  DATA_BLOB *out)
{
	TALLOC_CTX *tmp = talloc_new(mem);
	struct ndr_push *ndr;
	DATA_BLOB ob, ib;
	NTSTATUS status;

	if (tmp == NULL)
		return NT_STATUS_NO_MEMORY;
	status = drsblobs_auth_inout(tmp, outgoing, when, &ob);
	if (NT_STATUS_IS_OK(status))
		status = drsblobs_auth_inout(tmp, incoming, when, &ib);
	if (!NT_STATUS_IS_OK(status)) {
		talloc_free(tmp);
		return status;
	}
	ndr = ndr_push_init_ctx(tmp);
	if (ndr == NULL) {
		talloc_free(tmp);
		return NT_STATUS_NO_MEMORY;
	}
	PUSH(ndr_push_array_uint8(ndr, NDR_SCALARS, confounder,
				  DRSBLOBS_CONFOUNDER_LEN));
	PUSH(ndr_push_array_uint8(ndr, NDR_SCALARS, ob.data,
				  (uint32_t)ob.length));
	PUSH(ndr_push_array_uint8(ndr, NDR_SCALARS, ib.data,
				  (uint32_t)ib.length));
	PUSH(ndr_push_uint32(ndr, NDR_SCALARS, (uint32_t)ob.length));
	PUSH(ndr_push_uint32(ndr, NDR_SCALARS, (uint32_t)ib.length));
	*out = ndr_push_blob(ndr);
	talloc_steal(mem, out->data);
	talloc_free(tmp);
	return NT_STATUS_OK;
}

/* Every entry: NTTIME, type, size, SIZE bytes, padding to 4. */
#define ENTRY_HEAD_LEN 16u

NTSTATUS drsblobs_current_clear(const DATA_BLOB *blob, DATA_BLOB *secret)
{
	size_t at, end = blob->length;
	uint32_t count, i, type, size;

	*secret = data_blob_null;
	if (end < INOUT_HEADER_LEN)
		return NT_STATUS_INVALID_PARAMETER;
	count = drsblobs_le32(blob->data);
	at = drsblobs_le32(blob->data + 4);
	if (count == 0)
		return NT_STATUS_NOT_FOUND;
	if (at < INOUT_HEADER_LEN || at > end)
		return NT_STATUS_INVALID_PARAMETER;
	for (i = 0; i < count; i++) {
		if (end - at < ENTRY_HEAD_LEN)
			return NT_STATUS_INVALID_PARAMETER;
		type = drsblobs_le32(blob->data + at + 8);
		size = drsblobs_le32(blob->data + at + 12);
		at += ENTRY_HEAD_LEN;
		if (size > end - at)
			return NT_STATUS_INVALID_PARAMETER;
		if (type == TRUST_AUTH_TYPE_CLEAR_VALUE) {
			*secret = data_blob_const(blob->data + at, size);
			return NT_STATUS_OK;
		}
		at += ((size_t)size + 3u) & ~(size_t)3u;
		if (at > end)
			return NT_STATUS_INVALID_PARAMETER;
	}
	return NT_STATUS_NOT_FOUND;
}

NTSTATUS drsblobs_utf16(TALLOC_CTX *mem, const char *password,
			DATA_BLOB *out)
{
	void *buf = NULL;
	size_t len = 0;

	if (password[0] == '\0') {
		/* a blank initial password is allowed (KB Q102650) */
		*out = data_blob_talloc(mem, NULL, 0);
		return NT_STATUS_OK;
	}
	if (!convert_string_talloc(mem, CH_UTF8, CH_UTF16LE, password,
				   strlen(password), &buf, &len))
		return NT_STATUS_ILLEGAL_CHARACTER;
	*out = data_blob_const(buf, len);
	return NT_STATUS_OK;
}
