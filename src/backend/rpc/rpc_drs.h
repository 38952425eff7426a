/*
 * usrmgr - the passwords a trusted-domain object holds, over DRSUAPI
 * (rpc_drs.c).  Only the RPC backend includes this.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifndef USRMGR_RPC_DRS_H
#define USRMGR_RPC_DRS_H

#include "rpc_internal.h"

/* What one object holds: each a trustAuthInOutBlob in clear, empty
 * when that direction holds no password; its memory is wiped when it is
 * freed (a talloc destructor of its own). */
struct rpc_drs_trust_auth {
	DATA_BLOB incoming;
	DATA_BLOB outgoing;
};

/* Replicate the object DN from CONN's PDC (its own TCP connection,
 * sealed, as CONN's operator) and decrypt its trustAuth attributes. */
struct tevent_req *rpc_drs_trust_auth_send(TALLOC_CTX *mem,
					   struct tevent_context *ev,
					   struct rpc_conn *conn,
					   const char *dn);
NTSTATUS rpc_drs_trust_auth_recv(struct tevent_req *req, TALLOC_CTX *mem,
				 struct rpc_drs_trust_auth *out);

/* MS-DRSR 4.1.10.6.11: a secret attribute's VALUE (salt, then RC4 of
 * CRC32 and data) decrypted with session KEY into *OUT; a CRC that does
 * not match (another key) is WRONG_PASSWORD. */
NTSTATUS rpc_drs_decrypt(TALLOC_CTX *mem, const DATA_BLOB *key,
			 const DATA_BLOB *value, DATA_BLOB *out);

/* The two attributes of the object in reply C (MS-DRSR
 * DRS_MSG_GETCHGREPLY_V6), decrypted with session KEY into FOUND (talloc
 * children of MEM); OBJECT_NAME_NOT_FOUND when it holds no object. */
struct umdrs_DsGetNCChangesCtr6;
NTSTATUS rpc_drs_trust_auth_from_ctr6(TALLOC_CTX *mem, const DATA_BLOB *key,
				      const struct umdrs_DsGetNCChangesCtr6 *c,
				      struct rpc_drs_trust_auth *found);

/* "CN=TDO_NAME,CN=System,DC=...": the object of a domain whose DNS name
 * is DNS_DOMAIN; NULL for a name that would need escaping. */
char *rpc_drs_tdo_dn(TALLOC_CTX *mem, const char *tdo_name,
		     const char *dns_domain);

#endif
