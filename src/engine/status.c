/*
 * usrmgr - the one table that turns a status into the operator's words.
 *
 * Wording follows User Manager for Domains and the KB articles (FACTS.md
 * section 1); where they have none, the same plain register.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "status.h"
#include "backend.h"
#include "i18n.h"

struct status_words {
	enum um_status_kind kind;
	uint32_t code;
	const char *name;
	const char *message;
};

/* NTSTATUS values and their WERROR twins share the operator's words. */
static const struct status_words table[] = {
	{ UM_KIND_NT, UM_NT_OK, "NT_STATUS_OK",
	  N_("The command completed successfully.") },
	{ UM_KIND_WERR, UM_WERR_OK, "WERR_OK",
	  N_("The command completed successfully.") },
	{ UM_KIND_NT, UM_NT_ACCESS_DENIED, "NT_STATUS_ACCESS_DENIED",
	  N_("Access is denied.") },
	{ UM_KIND_WERR, UM_WERR_ACCESS_DENIED, "WERR_ACCESS_DENIED",
	  N_("Access is denied.") },
	{ UM_KIND_NT, UM_NT_OBJECT_NAME_NOT_FOUND,
	  "NT_STATUS_OBJECT_NAME_NOT_FOUND",
	  N_("The domain is not in this list on this domain controller.") },
	{ UM_KIND_NT, UM_NT_OBJECT_NAME_COLLISION,
	  "NT_STATUS_OBJECT_NAME_COLLISION",
	  N_("This domain is already in the list.") },
	{ UM_KIND_NT, UM_NT_USER_EXISTS, "NT_STATUS_USER_EXISTS",
	  N_("The account already exists.") },
	{ UM_KIND_NT, UM_NT_NO_SUCH_USER, "NT_STATUS_NO_SUCH_USER",
	  N_("The user name could not be found.") },
	{ UM_KIND_NT, UM_NT_LOGON_FAILURE, "NT_STATUS_LOGON_FAILURE",
	  N_("Logon failure: unknown user name or bad password.") },
	{ UM_KIND_NT, UM_NT_WRONG_PASSWORD, "NT_STATUS_WRONG_PASSWORD",
	  N_("The specified network password is not correct.") },
	{ UM_KIND_WERR, UM_WERR_WRONG_PASSWORD, "WERR_WRONG_PASSWORD",
	  N_("The specified network password is not correct.") },
	{ UM_KIND_NT, UM_NT_ACCOUNT_DISABLED, "NT_STATUS_ACCOUNT_DISABLED",
	  N_("Logon failure: account currently disabled.") },
	{ UM_KIND_WERR, UM_WERR_ACCOUNT_DISABLED, "WERR_ACCOUNT_DISABLED",
	  N_("Logon failure: account currently disabled.") },
	{ UM_KIND_NT, UM_NT_NO_LOGON_SERVERS, "NT_STATUS_NO_LOGON_SERVERS",
	  N_("There are currently no logon servers available to service the "
	     "logon request.") },
	{ UM_KIND_WERR, UM_WERR_NO_LOGON_SERVERS, "WERR_NO_LOGON_SERVERS",
	  N_("There are currently no logon servers available to service the "
	     "logon request.") },
	{ UM_KIND_NT, UM_NT_NO_SUCH_DOMAIN, "NT_STATUS_NO_SUCH_DOMAIN",
	  N_("The specified domain either does not exist or could not be "
	     "contacted.") },
	{ UM_KIND_WERR, UM_WERR_CANT_ACCESS_DOMAIN_INFO,
	  "WERR_CANT_ACCESS_DOMAIN_INFO",
	  N_("Configuration information could not be read from the domain "
	     "controller, either because the machine is unavailable, or "
	     "access has been denied.") },
	{ UM_KIND_WERR, UM_WERR_NO_SUCH_DOMAIN, "WERR_NO_SUCH_DOMAIN",
	  N_("The specified domain either does not exist or could not be "
	     "contacted.") },
	{ UM_KIND_NT, UM_NT_DOMAIN_CONTROLLER_NOT_FOUND,
	  "NT_STATUS_DOMAIN_CONTROLLER_NOT_FOUND",
	  N_("Could not find domain controller for this domain.") },
	{ UM_KIND_NT, UM_NT_NO_TRUST_LSA_SECRET, "NT_STATUS_NO_TRUST_LSA_SECRET",
	  N_("The workstation does not have a trust secret.") },
	{ UM_KIND_WERR, UM_WERR_NO_TRUST_LSA_SECRET, "WERR_NO_TRUST_LSA_SECRET",
	  N_("The workstation does not have a trust secret.") },
	{ UM_KIND_NT, UM_NT_NO_TRUST_SAM_ACCOUNT, "NT_STATUS_NO_TRUST_SAM_ACCOUNT",
	  N_("The security database on the server does not have a computer "
	     "account for this workstation trust relationship.") },
	{ UM_KIND_WERR, UM_WERR_NO_TRUST_SAM_ACCOUNT, "WERR_NO_TRUST_SAM_ACCOUNT",
	  N_("The security database on the server does not have a computer "
	     "account for this workstation trust relationship.") },
	{ UM_KIND_NT, UM_NT_TRUSTED_DOMAIN_FAILURE,
	  "NT_STATUS_TRUSTED_DOMAIN_FAILURE",
	  N_("The trust relationship between the primary domain and the "
	     "trusted domain failed.") },
	{ UM_KIND_WERR, UM_WERR_TRUSTED_DOMAIN_FAILURE,
	  "WERR_TRUSTED_DOMAIN_FAILURE",
	  N_("The trust relationship between the primary domain and the "
	     "trusted domain failed.") },
	{ UM_KIND_NT, UM_NT_TRUSTED_RELATIONSHIP_FAILURE,
	  "NT_STATUS_TRUSTED_RELATIONSHIP_FAILURE",
	  N_("The trust relationship between this workstation and the primary "
	     "domain failed.") },
	{ UM_KIND_WERR, UM_WERR_TRUSTED_RELATIONSHIP_FAILURE,
	  "WERR_TRUSTED_RELATIONSHIP_FAILURE",
	  N_("The trust relationship between this workstation and the primary "
	     "domain failed.") },
	{ UM_KIND_NT, UM_NT_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT,
	  "NT_STATUS_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT",
	  N_("The account used is an interdomain trust account. Use your "
	     "global user account or local user account to access this "
	     "server.") },
	{ UM_KIND_WERR, UM_WERR_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT,
	  "WERR_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT",
	  N_("The account used is an interdomain trust account. Use your "
	     "global user account or local user account to access this "
	     "server.") },
	{ UM_KIND_NT, UM_NT_HOST_UNREACHABLE, "NT_STATUS_HOST_UNREACHABLE",
	  N_("The domain controller cannot be reached on the network.") },
	{ UM_KIND_NT, UM_NT_CONNECTION_REFUSED, "NT_STATUS_CONNECTION_REFUSED",
	  N_("The domain controller refused the connection.") },
	{ UM_KIND_NT, UM_NT_IO_TIMEOUT, "NT_STATUS_IO_TIMEOUT",
	  N_("The domain controller did not answer in time.") },
	{ UM_KIND_NT, UM_NT_CONNECTION_DISCONNECTED,
	  "NT_STATUS_CONNECTION_DISCONNECTED",
	  N_("The connection to the domain controller was lost.") },
	{ UM_KIND_NT, UM_NT_CONNECTION_RESET, "NT_STATUS_CONNECTION_RESET",
	  N_("The connection to the domain controller was lost.") },
	{ UM_KIND_NT, UM_NT_INVALID_PARAMETER, "NT_STATUS_INVALID_PARAMETER",
	  N_("The parameter is incorrect.") },
	{ UM_KIND_NT, UM_NT_INVALID_DOMAIN_ROLE, "NT_STATUS_INVALID_DOMAIN_ROLE",
	  N_("This operation is only allowed for the Primary Domain Controller "
	     "of the domain.") },
	{ UM_KIND_NT, UM_NT_NOT_SUPPORTED, "NT_STATUS_NOT_SUPPORTED",
	  N_("The domain controller does not support this operation.") },
	{ UM_KIND_NT, UM_NT_NOT_IMPLEMENTED, "NT_STATUS_NOT_IMPLEMENTED",
	  N_("The domain controller does not support this operation.") },
	{ UM_KIND_NT, UM_NT_RPC_PROCNUM_OUT_OF_RANGE,
	  "NT_STATUS_RPC_PROCNUM_OUT_OF_RANGE",
	  N_("The domain controller does not support this operation.") },
	{ UM_KIND_NT, UM_NT_PASSWORD_RESTRICTION,
	  "NT_STATUS_PASSWORD_RESTRICTION",
	  N_("Unable to update the password. The value provided for the new "
	     "password does not meet the length, complexity, or history "
	     "requirements of the domain.") },
	{ UM_KIND_NT, UM_NT_GROUP_EXISTS, "NT_STATUS_GROUP_EXISTS",
	  N_("The group already exists.") },
	{ UM_KIND_NT, UM_NT_ALIAS_EXISTS, "NT_STATUS_ALIAS_EXISTS",
	  N_("The group already exists.") },
	{ UM_KIND_NT, UM_NT_NO_SUCH_GROUP, "NT_STATUS_NO_SUCH_GROUP",
	  N_("The group name could not be found.") },
	{ UM_KIND_NT, UM_NT_NO_SUCH_ALIAS, "NT_STATUS_NO_SUCH_ALIAS",
	  N_("The group name could not be found.") },
	{ UM_KIND_NT, UM_NT_MEMBER_IN_GROUP, "NT_STATUS_MEMBER_IN_GROUP",
	  N_("The account is already a member of the group.") },
	{ UM_KIND_NT, UM_NT_MEMBER_IN_ALIAS, "NT_STATUS_MEMBER_IN_ALIAS",
	  N_("The account is already a member of the group.") },
	{ UM_KIND_NT, UM_NT_MEMBER_NOT_IN_GROUP,
	  "NT_STATUS_MEMBER_NOT_IN_GROUP",
	  N_("The account is not a member of the group.") },
	{ UM_KIND_NT, UM_NT_MEMBER_NOT_IN_ALIAS,
	  "NT_STATUS_MEMBER_NOT_IN_ALIAS",
	  N_("The account is not a member of the group.") },
	{ UM_KIND_NT, UM_NT_NONE_MAPPED, "NT_STATUS_NONE_MAPPED",
	  N_("No mapping between account names and security IDs was "
	     "done.") },
	{ UM_KIND_NT, UM_NT_MEMBERS_PRIMARY_GROUP,
	  "NT_STATUS_MEMBERS_PRIMARY_GROUP",
	  N_("The group is the user's primary group: the user cannot be "
	     "removed from it. Set another primary group first.") },
	{ UM_KIND_NT, UM_NT_SOME_NOT_MAPPED, "STATUS_SOME_NOT_MAPPED",
	  N_("Some of the account names were not found.") },
	{ UM_KIND_NT, UM_NT_NO_SUCH_PRIVILEGE, "NT_STATUS_NO_SUCH_PRIVILEGE",
	  N_("This server does not keep that user right.") },
	{ UM_KIND_NT, UM_NT_NO_MORE_ENTRIES, "NT_STATUS_NO_MORE_ENTRIES",
	  N_("There are no more entries.") },
	{ UM_KIND_NT, UM_NT_UNSUCCESSFUL, "NT_STATUS_UNSUCCESSFUL",
	  N_("The operation failed.") },

	{ UM_KIND_LOCAL, UM_LOCAL_CANCELLED, "USRMGR_CANCELLED",
	  N_("The operation was cancelled.") },
	{ UM_KIND_LOCAL, UM_LOCAL_BAD_NAME, "USRMGR_BAD_NAME",
	  N_("The domain name is not valid. A domain name may not be empty "
	     "or contain a space or any of these characters: "
	     "\\ / : * ? \" < > |") },
	{ UM_KIND_LOCAL, UM_LOCAL_NAME_TOO_LONG, "USRMGR_NAME_TOO_LONG",
	  N_("The domain name is too long. A domain name can have at most 15 "
	     "characters.") },
	{ UM_KIND_LOCAL, UM_LOCAL_BAD_USER_NAME, "USRMGR_BAD_USER_NAME",
	  N_("The user name is not valid. A user name may not be empty, "
	     "consist only of periods and spaces, or contain any of these "
	     "characters: \" / \\ [ ] : ; | , + * ? < >") },
	{ UM_KIND_LOCAL, UM_LOCAL_USER_NAME_TOO_LONG,
	  "USRMGR_USER_NAME_TOO_LONG",
	  N_("The user name is too long. A user name can have at most 20 "
	     "characters.") },
	{ UM_KIND_LOCAL, UM_LOCAL_TOO_MANY_WORKSTATIONS,
	  "USRMGR_TOO_MANY_WORKSTATIONS",
	  N_("A user can be limited to at most 8 workstations, each a valid "
	     "computer name.") },
	{ UM_KIND_LOCAL, UM_LOCAL_BAD_GROUP_NAME, "USRMGR_BAD_GROUP_NAME",
	  N_("The group name is not valid. A group name may not be empty, "
	     "consist only of periods and spaces, or contain any of these "
	     "characters: \" / \\ [ ] : ; | , + * ? < >") },
	{ UM_KIND_LOCAL, UM_LOCAL_GROUP_NAME_TOO_LONG,
	  "USRMGR_GROUP_NAME_TOO_LONG",
	  N_("The group name is too long. A global group name can have at "
	     "most 20 characters, a local group name 256.") },
	{ UM_KIND_LOCAL, UM_LOCAL_BAD_DATE, "USRMGR_BAD_DATE",
	  N_("The date is not valid. Type the last day the account works "
	     "as YYYY-MM-DD, 1970 or later.") },
	{ UM_KIND_LOCAL, UM_LOCAL_BAD_HOME_DRIVE, "USRMGR_BAD_HOME_DRIVE",
	  N_("The drive is not valid. Type a drive letter from A: to Z:.") },
	{ UM_KIND_LOCAL, UM_LOCAL_BAD_HOME_PATH, "USRMGR_BAD_HOME_PATH",
	  N_("The home directory is not valid. A home directory on a "
	     "network drive is a path such as \\\\server\\share or "
	     "\\\\server\\share\\directory.") },
	{ UM_KIND_LOCAL, UM_LOCAL_PASSWORD_FLAGS, "USRMGR_PASSWORD_FLAGS",
	  N_("You cannot select User Must Change Password at Next Logon "
	     "together with User Cannot Change Password or Password Never "
	     "Expires for the same user.") },
	{ UM_KIND_LOCAL, UM_LOCAL_BAD_HOURS, "USRMGR_BAD_HOURS",
	  N_("The logon hours are not valid. Give all, none, or days and "
	     "hours such as Mon-Fri 08-18 (UTC).") },
	{ UM_KIND_LOCAL, UM_LOCAL_PRIMARY_NOT_MEMBER,
	  "USRMGR_PRIMARY_NOT_MEMBER",
	  N_("The primary group must be one of the groups the user is a "
	     "member of.") },
	{ UM_KIND_LOCAL, UM_LOCAL_PRIMARY_NOT_GLOBAL,
	  "USRMGR_PRIMARY_NOT_GLOBAL",
	  N_("Only a global group can be set as the primary group.") },
	{ UM_KIND_LOCAL, UM_LOCAL_NO_LOCAL_ACCOUNT,
	  "USRMGR_NO_LOCAL_ACCOUNT",
	  N_("This domain controller does not accept Local Accounts (Samba "
	     "AD refuses the account type); nothing was changed.") },
	{ UM_KIND_LOCAL, UM_LOCAL_NO_FOREIGN_PRINCIPAL,
	  "USRMGR_NO_FOREIGN_PRINCIPAL",
	  N_("This domain controller cannot make an account of another "
	     "domain a member of a group here the first time (Samba AD "
	     "answers NT_STATUS_INTERNAL_DB_CORRUPTION, and so does "
	     "Samba's own net rpc group addmem); nothing was changed. "
	     "Add it once on the domain controller with samba-tool group "
	     "addmembers GROUP SID; after that it can be added and removed "
	     "here.") },
	{ UM_KIND_LOCAL, UM_LOCAL_PRIMARY_FIXED, "USRMGR_PRIMARY_FIXED",
	  N_("This domain controller does not change a user's primary "
	     "group (a Samba classic PDC refuses it without a \"set "
	     "primary group script\"); nothing was changed.") },
	{ UM_KIND_LOCAL, UM_LOCAL_OWN_DOMAIN, "USRMGR_OWN_DOMAIN",
	  N_("A domain cannot trust itself.") },
	{ UM_KIND_LOCAL, UM_LOCAL_PASSWORD_MISMATCH, "USRMGR_PASSWORD_MISMATCH",
	  N_("The password and confirmation password do not match.") },
	{ UM_KIND_LOCAL, UM_LOCAL_PASSWORD_TOO_LONG, "USRMGR_PASSWORD_INVALID",
	  N_("The password is not valid. A password can have at most 256 "
	     "characters of valid UTF-8.") },
	{ UM_KIND_LOCAL, UM_LOCAL_BAD_FILE, "USRMGR_BAD_FILE",
	  N_("The file is not valid.") },
	{ UM_KIND_LOCAL, UM_LOCAL_IO, "USRMGR_IO_ERROR",
	  N_("The file could not be read or written.") },
	{ UM_KIND_LOCAL, UM_LOCAL_NO_MEMORY, "USRMGR_NO_MEMORY",
	  N_("Not enough memory.") },
	{ UM_KIND_LOCAL, UM_LOCAL_UNKNOWN_PDC, "USRMGR_UNKNOWN_PDC",
	  N_("Could not find domain controller for this domain.") },
	{ UM_KIND_LOCAL, UM_LOCAL_NOT_SUPPORTED, "USRMGR_NOT_SUPPORTED",
	  N_("This operation is not available for this domain controller.") },
	{ UM_KIND_LOCAL, UM_LOCAL_NO_TERMINAL, "USRMGR_NO_TERMINAL",
	  N_("A password is needed, but there is no terminal to ask on. "
	     "Give an account's password in an authfile (-A FILE), a trust "
	     "or test password with --password-file or --password-fd.") },
	{ UM_KIND_LOCAL, UM_LOCAL_ALREADY_TRUSTED, "USRMGR_ALREADY_TRUSTED",
	  N_("This domain is already in the list.") },
	{ UM_KIND_LOCAL, UM_LOCAL_NOT_TRUSTED, "USRMGR_NOT_IN_LIST",
	  N_("The domain is not in this list on this domain controller.") },
	{ UM_KIND_LOCAL, UM_LOCAL_RUN_ON_PDC, "USRMGR_RUN_ON_PDC",
	  N_("This step must be run on the domain controller itself.") },
	{ UM_KIND_LOCAL, UM_LOCAL_POSTCONDITION, "USRMGR_NOT_VERIFIED",
	  N_("The domain controller accepted the change, but it could not be "
	     "verified.") },
	{ UM_KIND_LOCAL, UM_LOCAL_USAGE, "USRMGR_USAGE",
	  N_("The command line is not valid.") },
	{ UM_KIND_LOCAL, UM_LOCAL_NO_RPC_MODULE, "USRMGR_NO_RPC_MODULE",
	  N_("usrmgr's module for real domain controllers could not be "
	     "loaded: reinstall usrmgr.") },
	{ UM_KIND_LOCAL, UM_LOCAL_PASSWORD_EMPTY, "USRMGR_PASSWORD_EMPTY",
	  N_("The password file or descriptor gave no password: it is empty, "
	     "or so is its first line.") },
	{ UM_KIND_LOCAL, UM_LOCAL_SAME_DOMAIN, "USRMGR_SAME_DOMAIN",
	  N_("The same domain on both sides: the resource PDC and the "
	     "accounts PDC must be PDCs of two different domains.") },
	{ UM_KIND_LOCAL, UM_LOCAL_POLICY_INVALID, "USRMGR_POLICY_INVALID",
	  N_("The account policy is not valid; nothing was changed.") },
	{ UM_KIND_LOCAL, UM_LOCAL_UNKNOWN_RIGHT, "USRMGR_UNKNOWN_RIGHT",
	  N_("There is no such user right.") },
};

static const struct status_words *lookup(struct um_status st)
{
	size_t i;

	if (st.code == 0) {
		return &table[st.kind == UM_KIND_WERR ? 1 : 0];
	}
	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		if (table[i].kind == st.kind && table[i].code == st.code) {
			return &table[i];
		}
	}
	return NULL;
}

/* Only a real PDC answers statuses usrmgr's table lacks, and then the
 * RPC module, which knows Samba's names, is loaded. */
static const char *samba_name(struct um_status st)
{
	const struct um_rpc_module *rpc = um_rpc_module_loaded();

	return rpc != NULL ? rpc->status_name(st) : NULL;
}

const char *um_status_name(struct um_status st)
{
	static char buf[32];
	const struct status_words *w = lookup(st);

	if (w != NULL) {
		return w->name;
	}
	if (st.kind != UM_KIND_LOCAL && samba_name(st) != NULL) {
		return samba_name(st);
	}
	switch (st.kind) {
	case UM_KIND_NT:
		snprintf(buf, sizeof(buf), "NT_STATUS_0x%08X", st.code);
		break;
	case UM_KIND_WERR:
		snprintf(buf, sizeof(buf), "WERR_%u", st.code);
		break;
	default:
		snprintf(buf, sizeof(buf), "USRMGR_%u", st.code);
		break;
	}
	return buf;
}

const char *um_status_message(struct um_status st)
{
	const struct status_words *w = lookup(st);

	if (w != NULL) {
		return _(w->message);
	}
	return _("The operation failed.");
}

const char *um_status_text(struct um_status st)
{
	static char buf[512];

	snprintf(buf, sizeof(buf), "%s (%s)", um_status_message(st),
		 um_status_name(st));
	return buf;
}
