/*
 * usrmgr - small helpers of the RPC backend: statuses, SIDs, RC4.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/crypto.h>
#include "rpc_internal.h"
#include "secret.h"
#include "drsblobs.h"

struct um_status rpc_nt(NTSTATUS st)
{
	return um_nt(NT_STATUS_V(st));
}

struct um_status rpc_werr(WERROR w)
{
	return um_werr(W_ERROR_V(w));
}

bool rpc_is_disconnect(NTSTATUS st)
{
	static const NTSTATUS gone[] = {
		NT_STATUS_CONNECTION_DISCONNECTED,
		NT_STATUS_CONNECTION_RESET,
		NT_STATUS_PIPE_BROKEN,
		NT_STATUS_PIPE_DISCONNECTED,
		NT_STATUS_END_OF_FILE,
		NT_STATUS_IO_DEVICE_ERROR,
		NT_STATUS_DEVICE_NOT_CONNECTED,
		NT_STATUS_INVALID_CONNECTION,
		/* the server forgot our handles */
		NT_STATUS_INVALID_HANDLE,
		NT_STATUS_RPC_WRONG_KIND_OF_BINDING,
		NT_STATUS_RPC_SERVER_UNAVAILABLE,
		NT_STATUS_NETWORK_UNREACHABLE,
	};
	for (size_t i = 0; i < sizeof(gone) / sizeof(gone[0]); i++)
		if (NT_STATUS_EQUAL(st, gone[i]))
			return true;
	return false;
}

char *rpc_sid_string(TALLOC_CTX *mem, const struct dom_sid *sid)
{
	uint64_t auth = 0;
	char *s;

	if (sid == NULL || sid->num_auths < 0 || sid->num_auths > 15)
		return NULL;
	for (int i = 0; i < 6; i++)
		auth = (auth << 8) | sid->id_auth[i];
	s = talloc_asprintf(mem, "S-%u-%llu", (unsigned)sid->sid_rev_num,
			    (unsigned long long)auth);
	for (int i = 0; s != NULL && i < sid->num_auths; i++)
		s = talloc_asprintf_append_buffer(s, "-%u",
						  (unsigned)sid->sub_auths[i]);
	return s;
}

struct dom_sid *rpc_sid_parse(TALLOC_CTX *mem, const char *text)
{
	struct dom_sid *sid;
	unsigned long long v;
	const char *p = text;
	char *end;

	if (text == NULL || (p[0] != 'S' && p[0] != 's') || p[1] != '-')
		return NULL;
	sid = talloc_zero(mem, struct dom_sid);
	if (sid == NULL)
		return NULL;
	p += 2;
	errno = 0;
	v = strtoull(p, &end, 10);
	if (end == p || *end != '-' || v > 255 || errno)
		goto bad;
	sid->sid_rev_num = (uint8_t)v;
	p = end + 1;
	v = strtoull(p, &end, 10);
	if (end == p || v > 0xFFFFFFFFFFFFull || errno)
		goto bad;
	for (int i = 5; i >= 0; i--, v >>= 8)
		sid->id_auth[i] = (uint8_t)(v & 0xff);
	while (*end == '-') {
		p = end + 1;
		v = strtoull(p, &end, 10);
		if (end == p || v > 0xFFFFFFFFull || sid->num_auths >= 15 ||
		    errno)
			goto bad;
		sid->sub_auths[sid->num_auths++] = (uint32_t)v;
	}
	if (*end != '\0')
		goto bad;
	return sid;
bad:
	talloc_free(sid);
	return NULL;
}

const char *rpc_strip_unc(const char *unc)
{
	if (unc == NULL)
		return NULL;
	while (*unc == '\\')
		unc++;
	return unc;
}

NTSTATUS rpc_arcfour(const DATA_BLOB *key, DATA_BLOB *data)
{
	gnutls_cipher_hd_t h;
	gnutls_datum_t k = { .data = key->data, .size = (unsigned)key->length };
	int rc;

	rc = gnutls_cipher_init(&h, GNUTLS_CIPHER_ARCFOUR_128, &k, NULL);
	if (rc < 0)
		return NT_STATUS_CRYPTO_SYSTEM_INVALID;
	rc = gnutls_cipher_encrypt(h, data->data, data->length);
	gnutls_cipher_deinit(h);
	return rc < 0 ? NT_STATUS_CRYPTO_SYSTEM_INVALID : NT_STATUS_OK;
}

NTSTATUS rpc_random(uint8_t *buf, size_t len)
{
	if (gnutls_rnd(GNUTLS_RND_NONCE, buf, len) < 0)
		return NT_STATUS_CRYPTO_SYSTEM_INVALID;
	return NT_STATUS_OK;
}

bool rpc_split_user(TALLOC_CTX *mem, const char *full, char **domain,
		    char **user)
{
	const char *bs = strchr(full, '\\');
	const char *at = strrchr(full, '@');

	*domain = NULL;
	if (bs != NULL) {
		*domain = talloc_strndup(mem, full, (size_t)(bs - full));
		*user = talloc_strdup(mem, bs + 1);
	} else if (at != NULL) {
		*user = talloc_strndup(mem, full, (size_t)(at - full));
		*domain = talloc_strdup(mem, at + 1);
	} else {
		*user = talloc_strdup(mem, full);
	}
	return *user != NULL && (*domain != NULL || (bs == NULL && at == NULL));
}

char *rpc_upper(TALLOC_CTX *mem, const char *s, bool strip_dollar)
{
	char *u = talloc_strdup(mem, s ? s : "");
	size_t n = u ? strlen(u) : 0;

	if (strip_dollar && n > 0 && u[n - 1] == '$')
		u[n - 1] = '\0';
	for (char *p = u; p && *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return u;
}

bool rpc_more_entries(NTSTATUS st)
{
	return NT_STATUS_EQUAL(st, STATUS_MORE_ENTRIES);
}

bool rpc_no_more_entries(NTSTATUS st)
{
	return NT_STATUS_EQUAL(st, NT_STATUS_NO_MORE_ENTRIES);
}

NTSTATUS rpc_password_utf16(TALLOC_CTX *mem, const DATA_BLOB *session_key,
			    const struct um_secret *password, DATA_BLOB *out)
{
	*out = data_blob_null;
	if (session_key->length == 0)
		return NT_STATUS_NO_USER_SESSION_KEY;
	return drsblobs_utf16(mem, um_secret_reveal(password), out);
}

void rpc_wipe_blob(DATA_BLOB *blob)
{
	if (blob->data != NULL)
		um_secret_wipe(blob->data, blob->length);
	data_blob_free(blob);
}
