/*
 * usrmgr - the project's result type.
 *
 * Every operation answers a struct um_status: the NTSTATUS or WERROR a
 * server (or the simulation) gave, or one of usrmgr's own local codes for
 * input and I/O problems.  One table in status.c turns any of them into the
 * operator's words and the code's name.  ui/ sees only this header, never
 * Samba's.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifndef USRMGR_STATUS_H
#define USRMGR_STATUS_H

#include <stdbool.h>
#include <stdint.h>

enum um_status_kind {
	UM_KIND_NT = 0,    /* an NTSTATUS value */
	UM_KIND_WERR = 1,  /* a Win32 error / WERROR value */
	UM_KIND_LOCAL = 2, /* one of enum um_local below */
};

/* usrmgr's own failures: bad input, files, the terminal. */
enum um_local {
	UM_LOCAL_OK = 0,
	UM_LOCAL_CANCELLED,
	UM_LOCAL_BAD_NAME,
	UM_LOCAL_NAME_TOO_LONG,
	UM_LOCAL_OWN_DOMAIN,
	UM_LOCAL_PASSWORD_MISMATCH,
	UM_LOCAL_PASSWORD_TOO_LONG,
	UM_LOCAL_BAD_FILE,
	UM_LOCAL_IO,
	UM_LOCAL_NO_MEMORY,
	UM_LOCAL_UNKNOWN_PDC,
	UM_LOCAL_NOT_SUPPORTED,
	UM_LOCAL_NO_TERMINAL,
	UM_LOCAL_ALREADY_TRUSTED,
	UM_LOCAL_NOT_TRUSTED,
	UM_LOCAL_RUN_ON_PDC,
	UM_LOCAL_POSTCONDITION,
	UM_LOCAL_USAGE,
	UM_LOCAL_NO_RPC_MODULE,
	UM_LOCAL_PASSWORD_EMPTY,  /* a password file or fd gave nothing */
	UM_LOCAL_SAME_DOMAIN,     /* one domain on both sides of a pair */
	UM_LOCAL_POLICY_INVALID,
	/* user accounts (issue 19) */
	UM_LOCAL_BAD_USER_NAME,
	UM_LOCAL_USER_NAME_TOO_LONG,
	UM_LOCAL_TOO_MANY_WORKSTATIONS,
	UM_LOCAL_BAD_GROUP_NAME,
	UM_LOCAL_GROUP_NAME_TOO_LONG,
	/* User Properties' sub-dialogs (issue 19) */
	UM_LOCAL_BAD_DATE,
	UM_LOCAL_BAD_HOME_DRIVE,
	UM_LOCAL_BAD_HOME_PATH,
	/* User Must Change Password with Cannot Change or Never Expires */
	UM_LOCAL_PASSWORD_FLAGS,
	UM_LOCAL_BAD_HOURS,             /* a logon hours text */
	UM_LOCAL_PRIMARY_NOT_MEMBER,    /* primary group not in the list */
	UM_LOCAL_PRIMARY_NOT_GLOBAL,    /* a local group made primary */
	/* user rights (issue 20) */
	UM_LOCAL_UNKNOWN_RIGHT,
	UM_LOCAL_NO_LOCAL_ACCOUNT,      /* the PDC refuses ACB_TEMPDUP */
	UM_LOCAL_NO_FOREIGN_PRINCIPAL,  /* Samba AD: a first foreign member */
	UM_LOCAL_PRIMARY_FIXED,         /* the PDC keeps primary groups */
};

struct um_status {
	enum um_status_kind kind;
	uint32_t code;
};

/* Well-known values, named as Samba names them. */
#define UM_NT_OK                                 0x00000000u
#define UM_NT_ACCESS_DENIED                      0xC0000022u
#define UM_NT_OBJECT_NAME_NOT_FOUND              0xC0000034u
#define UM_NT_OBJECT_NAME_COLLISION              0xC0000035u
#define UM_NT_LOGON_FAILURE                      0xC000006Du
#define UM_NT_ACCOUNT_DISABLED                   0xC0000072u
#define UM_NT_NO_LOGON_SERVERS                   0xC000005Eu
#define UM_NT_NO_SUCH_USER                       0xC0000064u
#define UM_NT_USER_EXISTS                        0xC0000063u
#define UM_NT_WRONG_PASSWORD                     0xC000006Au
#define UM_NT_NO_SUCH_DOMAIN                     0xC00000DFu
#define UM_NT_INVALID_PARAMETER                  0xC000000Du
#define UM_NT_HOST_UNREACHABLE                   0xC000023Du
#define UM_NT_CONNECTION_REFUSED                 0xC0000236u
#define UM_NT_IO_TIMEOUT                         0xC00000B5u
#define UM_NT_NO_TRUST_SAM_ACCOUNT               0xC000018Bu
#define UM_NT_TRUSTED_DOMAIN_FAILURE             0xC000018Cu
#define UM_NT_TRUSTED_RELATIONSHIP_FAILURE       0xC000018Du
#define UM_NT_NO_TRUST_LSA_SECRET                0xC000018Au
#define UM_NT_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT  0xC0000198u
#define UM_NT_DOMAIN_CONTROLLER_NOT_FOUND        0xC0000233u
#define UM_NT_NOT_SUPPORTED                      0xC00000BBu
#define UM_NT_INVALID_DOMAIN_ROLE                0xC00000DEu
#define UM_NT_NOT_IMPLEMENTED                    0xC0000002u
#define UM_NT_CONNECTION_DISCONNECTED            0xC000020Cu
#define UM_NT_CONNECTION_RESET                   0xC000020Du
#define UM_NT_UNSUCCESSFUL                       0xC0000001u
#define UM_NT_RPC_PROCNUM_OUT_OF_RANGE           0xC002002Eu
#define UM_NT_PASSWORD_RESTRICTION               0xC000006Cu
#define UM_NT_GROUP_EXISTS                       0xC0000065u
#define UM_NT_NO_SUCH_GROUP                      0xC0000066u
#define UM_NT_MEMBER_IN_GROUP                    0xC0000067u
#define UM_NT_MEMBER_NOT_IN_GROUP                0xC0000068u
#define UM_NT_NO_SUCH_ALIAS                      0xC0000151u
#define UM_NT_MEMBER_NOT_IN_ALIAS                0xC0000152u
#define UM_NT_MEMBER_IN_ALIAS                    0xC0000153u
#define UM_NT_ALIAS_EXISTS                       0xC0000154u
#define UM_NT_NONE_MAPPED                        0xC0000073u
#define UM_NT_MEMBERS_PRIMARY_GROUP              0xC0000127u
#define UM_NT_SOME_NOT_MAPPED                    0x00000107u
#define UM_NT_NO_SUCH_PRIVILEGE                  0xC0000060u
#define UM_NT_NO_MORE_ENTRIES                    0x8000001Au

#define UM_WERR_OK                        0u
#define UM_WERR_ACCESS_DENIED             5u
#define UM_WERR_NO_LOGON_SERVERS          1311u
#define UM_WERR_NO_SUCH_DOMAIN            1355u
#define UM_WERR_CANT_ACCESS_DOMAIN_INFO   1351u
#define UM_WERR_WRONG_PASSWORD            1323u
#define UM_WERR_ACCOUNT_DISABLED          1331u
#define UM_WERR_NO_TRUST_LSA_SECRET       1786u
#define UM_WERR_NO_TRUST_SAM_ACCOUNT      1787u
#define UM_WERR_TRUSTED_DOMAIN_FAILURE    1788u
#define UM_WERR_TRUSTED_RELATIONSHIP_FAILURE 1789u
#define UM_WERR_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT 1807u
#define UM_WERR_DOMAIN_CONTROLLER_NOT_FOUND 1908u

static inline struct um_status um_ok(void)
{
	return (struct um_status){ UM_KIND_NT, UM_NT_OK };
}
static inline struct um_status um_nt(uint32_t code)
{
	return (struct um_status){ UM_KIND_NT, code };
}
static inline struct um_status um_werr(uint32_t code)
{
	return (struct um_status){ UM_KIND_WERR, code };
}
static inline struct um_status um_local(enum um_local code)
{
	return (struct um_status){ UM_KIND_LOCAL, (uint32_t)code };
}
static inline bool um_is_ok(struct um_status st)
{
	return st.code == 0;
}
static inline bool um_status_is(struct um_status st, enum um_status_kind kind,
				uint32_t code)
{
	return st.kind == kind && st.code == code;
}

/* The operator's words for a status, translated ("The trust relationship
 * between the primary domain and the trusted domain failed."). */
const char *um_status_message(struct um_status st);

/* The code's name as Samba spells it ("NT_STATUS_NO_TRUST_SAM_ACCOUNT",
 * "WERR_ACCESS_DENIED"); never translated, stable for JSON. */
const char *um_status_name(struct um_status st);

/* "message (NAME)" in a static buffer, for one-line reports. */
const char *um_status_text(struct um_status st);

#endif
