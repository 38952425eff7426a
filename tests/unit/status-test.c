/*
 * usrmgr - the status table: every name is Samba's own, every status has
 * the operator's words.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <string.h>
#include "unit.h"
#include "backend.h"
#include <core/ntstatus.h>
#include <core/werror.h>

/* The RPC backend, linked in (libusrmgr_rpc.a): the loader takes it as
 * it is instead of loading usrmgr-rpc.so. */
extern const struct um_rpc_module um_rpc_module;

static const uint32_t nt_codes[] = {
	UM_NT_ACCESS_DENIED, UM_NT_OBJECT_NAME_NOT_FOUND,
	UM_NT_OBJECT_NAME_COLLISION, UM_NT_LOGON_FAILURE,
	UM_NT_ACCOUNT_DISABLED, UM_NT_NO_LOGON_SERVERS, UM_NT_NO_SUCH_USER,
	UM_NT_USER_EXISTS, UM_NT_WRONG_PASSWORD, UM_NT_NO_SUCH_DOMAIN,
	UM_NT_INVALID_PARAMETER, UM_NT_HOST_UNREACHABLE,
	UM_NT_CONNECTION_REFUSED, UM_NT_IO_TIMEOUT,
	UM_NT_NO_TRUST_SAM_ACCOUNT, UM_NT_TRUSTED_DOMAIN_FAILURE,
	UM_NT_TRUSTED_RELATIONSHIP_FAILURE, UM_NT_NO_TRUST_LSA_SECRET,
	UM_NT_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT,
	UM_NT_DOMAIN_CONTROLLER_NOT_FOUND, UM_NT_NOT_SUPPORTED,
	UM_NT_INVALID_DOMAIN_ROLE,
	UM_NT_CONNECTION_DISCONNECTED, UM_NT_CONNECTION_RESET,
};

static const uint32_t werr_codes[] = {
	UM_WERR_ACCESS_DENIED, UM_WERR_NO_LOGON_SERVERS,
	UM_WERR_NO_SUCH_DOMAIN, UM_WERR_WRONG_PASSWORD,
	UM_WERR_CANT_ACCESS_DOMAIN_INFO,
	UM_WERR_ACCOUNT_DISABLED, UM_WERR_NO_TRUST_LSA_SECRET,
	UM_WERR_NO_TRUST_SAM_ACCOUNT, UM_WERR_TRUSTED_DOMAIN_FAILURE,
	UM_WERR_TRUSTED_RELATIONSHIP_FAILURE,
	UM_WERR_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT,
};

/* Our numbers and names must be exactly Samba's. */
static void test_nt_names_are_samba_names(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(nt_codes) / sizeof(nt_codes[0]); i++) {
		const char *ours = um_status_name(um_nt(nt_codes[i]));
		const char *samba = nt_errstr(NT_STATUS(nt_codes[i]));
		if (strcmp(ours, samba) != 0) {
			fail_msg("0x%08x: ours %s, Samba's %s", nt_codes[i],
				 ours, samba);
		}
	}
}

static void test_werr_names_are_samba_names(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(werr_codes) / sizeof(werr_codes[0]); i++) {
		const char *ours = um_status_name(um_werr(werr_codes[i]));
		const char *samba = win_errstr(W_ERROR(werr_codes[i]));
		if (strcmp(ours, samba) != 0) {
			fail_msg("%u: ours %s, Samba's %s", werr_codes[i], ours,
				 samba);
		}
	}
}

/* The KB's wording, word for word (FACTS.md section 1). */
static void test_kb_wording(void **state)
{
	(void)state;
	assert_string_equal(um_status_message(um_werr(1788)),
		"The trust relationship between the primary domain and the "
		"trusted domain failed.");
	assert_string_equal(um_status_message(um_werr(1311)),
		"There are currently no logon servers available to service "
		"the logon request.");
	assert_string_equal(um_status_message(um_werr(1355)),
		"The specified domain either does not exist or could not be "
		"contacted.");
	assert_string_equal(um_status_message(um_werr(1786)),
		"The workstation does not have a trust secret.");
	assert_string_equal(um_status_message(um_werr(1787)),
		"The security database on the server does not have a "
		"computer account for this workstation trust relationship.");
	assert_string_equal(um_status_message(um_werr(1789)),
		"The trust relationship between this workstation and the "
		"primary domain failed.");
	assert_string_equal(um_status_message(um_werr(1807)),
		"The account used is an interdomain trust account. Use your "
		"global user account or local user account to access this "
		"server.");
	/* NTSTATUS twins say the same. */
	assert_string_equal(um_status_message(um_nt(0xC000018B)),
			    um_status_message(um_werr(1787)));
}

static void test_unknown_codes_still_named(void **state)
{
	struct um_status st;
	const char *why;

	(void)state;
	assert_string_equal(um_status_name(um_nt(0xC0FFEE01)),
			    "NT_STATUS_0xC0FFEE01");
	assert_string_equal(um_status_name(um_werr(99999)), "WERR_99999");
	/* Not in our table: Samba's name once the RPC module is loaded
	 * (a real PDC answered), the number before (simulated domains). */
	assert_null(um_rpc_module_loaded());
	assert_string_equal(um_status_name(um_nt(0xC0000017)),
			    "NT_STATUS_0xC0000017");
	assert_ptr_equal(um_rpc_module_load(&st, &why), &um_rpc_module);
	assert_string_equal(um_status_name(um_nt(0xC0000017)),
			    "NT_STATUS_NO_MEMORY");
	assert_string_equal(um_status_name(um_werr(1722)),
			    "WERR_RPC_S_SERVER_UNAVAILABLE");
	assert_non_null(strstr(um_status_text(um_local(UM_LOCAL_BAD_NAME)),
			       "(USRMGR_BAD_NAME)"));
	assert_string_equal(um_status_name(um_ok()), "NT_STATUS_OK");
	assert_string_equal(um_status_name(um_werr(0)), "WERR_OK");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nt_names_are_samba_names),
		cmocka_unit_test(test_werr_names_are_samba_names),
		cmocka_unit_test(test_kb_wording),
		cmocka_unit_test(test_unknown_codes_still_named),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
