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

struct um_status rpc_nt(NTSTATUS st)
{
	return um_nt(NT_STATUS_V(st));
}

struct um_status rpc_werr(WERROR w)
{
	return um_werr(W_ERROR_V(w));
}

bool rpc_req_nterror(struct tevent_req *req, NTSTATUS st)
{
	if (NT_STATUS_IS_OK(st))
		return false;
	tevent_req_error(req, NT_STATUS_V(st));
	return true;
}

bool rpc_req_is_nterror(struct tevent_req *req, NTSTATUS *st)
{
	enum tevent_req_state state;
	uint64_t err;

	if (!tevent_req_is_error(req, &state, &err))
		return false;
	switch (state) {
	case TEVENT_REQ_USER_ERROR:
		*st = NT_STATUS((uint32_t)err);
		break;
	case TEVENT_REQ_TIMED_OUT:
		*st = NT_STATUS_IO_TIMEOUT;
		break;
	case TEVENT_REQ_NO_MEMORY:
		*st = NT_STATUS_NO_MEMORY;
		break;
	default:
		*st = NT_STATUS_INTERNAL_ERROR;
		break;
	}
	return true;
}

bool rpc_is_disconnect(NTSTATUS st)
{
	static const uint32_t gone[] = {
		0xC000020Cu, /* CONNECTION_DISCONNECTED */
		0xC000020Du, /* CONNECTION_RESET */
		0xC000014Bu, /* PIPE_BROKEN */
		0xC00000B0u, /* PIPE_DISCONNECTED */
		0xC0000011u, /* END_OF_FILE */
		0xC0000185u, /* IO_DEVICE_ERROR */
		0xC000009Du, /* DEVICE_NOT_CONNECTED */
		0xC0000140u, /* INVALID_CONNECTION */
		0xC0000008u, /* INVALID_HANDLE: the server forgot our handles */
		0xC0020002u, /* RPC_NT_INVALID_BINDING */
		0xC0020017u, /* RPC_NT_SERVER_UNAVAILABLE */
		0xC000023Cu, /* NETWORK_UNREACHABLE */
	};
	for (size_t i = 0; i < sizeof(gone) / sizeof(gone[0]); i++)
		if (NT_STATUS_V(st) == gone[i])
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

void rpc_split_user(TALLOC_CTX *mem, const char *full, char **domain,
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
}
