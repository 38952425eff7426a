/*
 * floor-client: the least a client can do to list a PDC's trusts, as the
 * floor for bench/trust-list-bench.sh: connect (ncacn_np, the same
 * transport settings as usrmgr: SMB3 encryption, signing, NTLM), LSA
 * OpenPolicy2, EnumTrustedDomainsEx until the server says no more, and
 * nothing else (no QueryInfoPolicy, no Close, no SAMR, no NETLOGON).
 * Prints one line per trusted-domain object: NAME DIRECTION.  Not
 * installed; built by "make bench/floor-client".
 *
 * Usage: floor-client HOST AUTHFILE [PAGE_BYTES]
 *
 * With BENCH_T0=$(date +%s%N) (the moment the harness started it), it
 * also says how long after that it had its last page, for comparing with
 * usrmgr's first screen (bench/ui-bench.sh --lab).
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <talloc.h>
#include <tevent.h>
#include <util/data_blob.h>
#include <util/time.h>
#include <core/ntstatus.h>
#include <dcerpc.h>
#include <credentials.h>
#include <param.h>
#include <gen_ndr/lsa.h>

extern const struct ndr_interface_table ndr_table_lsarpc;

#define LSA_OPENPOLICY2          44
#define LSA_ENUMTRUSTEDDOMAINSEX 50
#define MORE_ENTRIES             0x00000105u
#define NO_MORE_ENTRIES          0x8000001Au

static unsigned calls;

/* Milliseconds since BENCH_T0 (nanoseconds since the epoch); -1 without. */
static double since_t0(void)
{
	const char *t0 = getenv("BENCH_T0");
	struct timespec now;
	long long ns;

	if (t0 == NULL || t0[0] == '\0')
		return -1;
	clock_gettime(CLOCK_REALTIME, &now);
	ns = (long long)now.tv_sec * 1000000000LL + now.tv_nsec;
	return (double)(ns - atoll(t0)) / 1e6;
}

static NTSTATUS call(struct dcerpc_pipe *p, uint32_t opnum, void *r,
		     TALLOC_CTX *mem)
{
	calls++;
	return dcerpc_binding_handle_call(p->binding_handle, NULL,
					  &ndr_table_lsarpc, opnum, mem, r);
}

int main(int argc, char **argv)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct tevent_context *ev = tevent_context_init(mem);
	struct loadparm_context *lp = loadparm_init(mem);
	struct cli_credentials *creds = cli_credentials_init(mem);
	struct dcerpc_pipe *p = NULL;
	struct lsa_ObjectAttribute attr = { .len = 0 };
	struct lsa_QosInfo qos = { .len = 0 };
	struct policy_handle pol;
	struct lsa_OpenPolicy2 op = { .in = { 0 } };
	uint32_t page = argc > 3 ? (uint32_t)strtoul(argv[3], NULL, 0) : 0;
	uint32_t resume = 0;
	unsigned n = 0;
	double at;
	char *binding;
	NTSTATUS st;

	if (argc < 3) {
		fprintf(stderr, "usage: %s HOST AUTHFILE [PAGE_BYTES]\n",
			argv[0]);
		return 2;
	}
	if (page == 0)
		page = 512u * 82u; /* usrmgr's default page, in bytes */
	dcerpc_init();
	(void)lpcfg_load_default(lp);
	lpcfg_set_cmdline(lp, "client smb encrypt", "required");
	lpcfg_set_cmdline(lp, "client ipc signing", "required");
	lpcfg_set_cmdline(lp, "client min protocol", "SMB2_02");
	cli_credentials_set_conf(creds, lp);
	if (!cli_credentials_parse_file(creds, argv[2], CRED_SPECIFIED)) {
		fprintf(stderr, "cannot read %s\n", argv[2]);
		return 2;
	}
	cli_credentials_set_kerberos_state(creds, CRED_USE_KERBEROS_DISABLED,
					   CRED_SPECIFIED);
	binding = talloc_asprintf(mem, "ncacn_np:%s", argv[1]);
	st = dcerpc_pipe_connect(mem, &p, binding, &ndr_table_lsarpc, creds,
				 ev, lp);
	if (!NT_STATUS_IS_OK(st)) {
		fprintf(stderr, "connect: %s\n", nt_errstr(st));
		return 1;
	}

	qos.len = sizeof(qos);
	qos.impersonation_level = 2;
	qos.context_mode = 1;
	attr.len = sizeof(attr);
	attr.sec_qos = &qos;
	op.in.system_name = talloc_asprintf(mem, "\\\\%s", argv[1]);
	op.in.attr = &attr;
	op.in.access_mask = LSA_POLICY_VIEW_LOCAL_INFORMATION;
	op.out.handle = &pol;
	st = call(p, LSA_OPENPOLICY2, &op, mem);
	if (NT_STATUS_IS_OK(st))
		st = op.out.result;
	if (!NT_STATUS_IS_OK(st)) {
		fprintf(stderr, "OpenPolicy2: %s\n", nt_errstr(st));
		return 1;
	}

	for (;;) {
		struct lsa_EnumTrustedDomainsEx r = { .in = { 0 } };
		struct lsa_DomainListEx list = { 0 };
		uint32_t next = resume;

		r.in.handle = &pol;
		r.in.resume_handle = &resume;
		r.in.max_size = page;
		r.out.resume_handle = &next;
		r.out.domains = &list;
		st = call(p, LSA_ENUMTRUSTEDDOMAINSEX, &r, mem);
		if (NT_STATUS_IS_OK(st))
			st = r.out.result;
		if (NT_STATUS_V(st) == NO_MORE_ENTRIES)
			break;
		if (!NT_STATUS_IS_OK(st) && NT_STATUS_V(st) != MORE_ENTRIES) {
			fprintf(stderr, "EnumTrustedDomainsEx: %s\n",
				nt_errstr(st));
			return 1;
		}
		for (uint32_t i = 0; i < list.count; i++, n++)
			printf("%s %u\n", list.domains[i].netbios_name.string,
			       (unsigned)list.domains[i].trust_direction);
		if (NT_STATUS_V(st) != MORE_ENTRIES || list.count == 0)
			break;
		resume = next;
	}
	at = since_t0();
	if (at >= 0)
		fprintf(stderr, "floor-client: last page at %.1f ms\n", at);
	fprintf(stderr, "floor-client: %u trusts, %u RPC calls\n", n, calls);
	talloc_free(mem);
	return 0;
}
