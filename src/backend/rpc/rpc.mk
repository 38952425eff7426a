# The RPC backend (issue 5): real PDCs over DCE/RPC with Samba's public
# client libraries.  Included by the top Makefile.am.
# The only library built with Samba's flags.
noinst_LIBRARIES += libusrmgr_rpc.a
RPC_CPPFLAGS = $(BACKEND_CPPFLAGS) -I$(top_srcdir)/src/backend/rpc
libusrmgr_rpc_a_CPPFLAGS = $(RPC_CPPFLAGS)
# Position-independent: the same objects make usrmgr-rpc.so.
libusrmgr_rpc_a_CFLAGS = $(AM_CFLAGS) $(SAMBA_CFLAGS) $(GNUTLS_CFLAGS) -fPIC
libusrmgr_rpc_a_SOURCES = \
	src/backend/rpc/rpc_internal.h \
	src/backend/rpc/backend_rpc.c src/backend/rpc/backend_rpc_nt4.c \
	src/backend/rpc/rpc_conn.c src/backend/rpc/rpc_op.c \
	src/backend/rpc/rpc_shared.c src/backend/rpc/rpc_netlogon.c \
	src/backend/rpc/rpc_util.c src/backend/rpc/rpc_status.c \
	src/backend/rpc/drsblobs.c src/backend/rpc/drsblobs.h \
	src/backend/rpc/rpc_drs.c src/backend/rpc/rpc_drs.h \
	src/backend/rpc/umdrs_ndr.c src/backend/rpc/gen/umdrs.h \
	src/backend/rpc/gen/ndr_umdrs.h \
	src/backend/rpc/nt4_helper.c src/backend/rpc/nt4_helper.h \
	src/backend/rpc/rpc_module.c \
	src/backend/rpc/rpc_policy.c src/backend/rpc/rpc_audit.c \
	src/backend/rpc/rpc_users.c \
	src/backend/rpc/rpc_groups.c src/backend/rpc/rpc_rights.c

# usrmgr-rpc.so (issue 21): the backend as a module the model loads at the
# first real PDC (src/engine/rpc_loader.c), so that usrmgr on simulated
# domains starts without Samba's hundred libraries.  Its only export is
# the um_rpc_module table; what it calls back (secrets, test hooks) the
# program exports (exports.list).  Built as a program for want of libtool.
# (automake allows programs in pkglibdir only by another name)
rpcmoduledir = $(pkglibdir)
rpcmodule_PROGRAMS = usrmgr-rpc.so
usrmgr_rpc_so_SOURCES =
usrmgr_rpc_so_LDFLAGS = $(AM_LDFLAGS) -shared \
	-Wl,--version-script=$(top_srcdir)/src/backend/rpc/module.map \
	-Wl,--whole-archive,libusrmgr_rpc.a,--no-whole-archive
# libc, talloc and tevent first among its needs: loaded RTLD_DEEPBIND,
# the module's libraries look their symbols up in its needs in this order,
# and most of what they look up is libc's and talloc's (callgrind, to a
# refused connect: 77.8 million instructions instead of 78.7; the floor
# client 71.4).
usrmgr_rpc_so_LDADD = -lc $(TALLOC_LIBS) $(TEVENT_LIBS) $(SAMBA_LIBS) \
	$(GNUTLS_LIBS) $(ZLIB_LIBS) $(LTLIBINTL)
EXTRA_usrmgr_rpc_so_DEPENDENCIES = libusrmgr_rpc.a \
	src/backend/rpc/module.map
EXTRA_DIST += src/backend/rpc/module.map src/backend/rpc/exports.list
# The DRSUAPI NDR: the IDL, and pidl's output kept in the repository
# (build-aux/gen-umdrs remakes it), compiled through umdrs_ndr.c.
EXTRA_DIST += src/backend/rpc/idl/umdrs.idl src/backend/rpc/gen/ndr_umdrs.c \
	build-aux/gen-umdrs

# The NT4 dialect's local step (issue 9): usrmgr-nt4-trust, on Samba's
# Python bindings, run by usrmgr on a Samba classic PDC itself.
pkglibexec_SCRIPTS = helpers/usrmgr-nt4-trust
EXTRA_DIST += helpers/usrmgr-nt4-trust
libusrmgr_rpc_a_CFLAGS += -DUM_NT4_HELPER='"$(pkglibexecdir)/usrmgr-nt4-trust"'

# drsblobs-test: the hand-made trust auth blob against python3-samba's
# ndr_pack(), byte for byte.  rpc-unit-test: opnums against Samba's
# tables, SID text, RC4.  Both without a DC.
check_PROGRAMS += tests/rpc/drsblobs-test tests/rpc/rpc-unit-test
TESTS += tests/rpc/drsblobs-test tests/rpc/rpc-unit-test
tests_rpc_drsblobs_test_SOURCES = tests/rpc/drsblobs-test.c
tests_rpc_drsblobs_test_CPPFLAGS = $(RPC_CPPFLAGS)
tests_rpc_drsblobs_test_CFLAGS = $(AM_CFLAGS) $(SAMBA_CFLAGS)
tests_rpc_drsblobs_test_LDADD = $(USRMGR_LIBS)
tests_rpc_rpc_unit_test_SOURCES = tests/rpc/rpc-unit-test.c
tests_rpc_rpc_unit_test_CPPFLAGS = $(RPC_CPPFLAGS)
tests_rpc_rpc_unit_test_CFLAGS = $(AM_CFLAGS) $(SAMBA_CFLAGS)
tests_rpc_rpc_unit_test_LDADD = $(USRMGR_LIBS)

# drs-test: the DRSUAPI read of a trusted-domain object's passwords
# (issue 22) against vectors made with python3-samba: our request, Samba's
# reply, the decryption, the blob; no DC.
check_PROGRAMS += tests/rpc/drs-test
TESTS += tests/rpc/drs-test
tests_rpc_drs_test_SOURCES = tests/rpc/drs-test.c
tests_rpc_drs_test_CPPFLAGS = $(RPC_CPPFLAGS)
tests_rpc_drs_test_CFLAGS = $(AM_CFLAGS) $(SAMBA_CFLAGS)
tests_rpc_drs_test_LDADD = $(USRMGR_LIBS)

# nt4-helper-test: running usrmgr-nt4-trust (password on stdin, never in
# argv; exit codes; local addresses), with a stand-in helper; no DC.
check_PROGRAMS += tests/rpc/nt4-helper-test
TESTS += tests/rpc/nt4-helper-test
tests_rpc_nt4_helper_test_SOURCES = tests/rpc/nt4-helper-test.c
tests_rpc_nt4_helper_test_CPPFLAGS = $(RPC_CPPFLAGS)
tests_rpc_nt4_helper_test_CFLAGS = $(AM_CFLAGS) $(SAMBA_CFLAGS)
tests_rpc_nt4_helper_test_LDADD = $(USRMGR_LIBS)

# rpc-driver: the backend's operations one by one against a real PDC,
# below the model; tests/integration/rpc-*.sh drive it (they need root and
# a lab: they skip with exit 77, and fail under CI=true).
check_PROGRAMS += tests/rpc/rpc-driver
tests_rpc_rpc_driver_SOURCES = tests/rpc/rpc-driver.c
tests_rpc_rpc_driver_CPPFLAGS = $(RPC_CPPFLAGS)
tests_rpc_rpc_driver_CFLAGS = $(AM_CFLAGS) $(SAMBA_CFLAGS)
tests_rpc_rpc_driver_LDADD = $(USRMGR_LIBS)

# Against a real DC pair (a usrmgr-lab of its own): every operation with
# samba-tool and smbclient as judge, the KB Q207957 repair step by step.
LAB_TESTS += tests/integration/rpc-backend.sh
EXTRA_DIST += tests/integration/rpc-backend.sh

# The NT4 dialect against two Samba classic PDCs (the run's nt4 lab, from
# tests/integration/lab-fixture.sh): every operation, and the KB Q207957
# repair with its step on the resource PDC itself, Samba's tools as judge.
# nt4-wizard-lab.sh: the guided repair in tmux, stopped at that step on
# the console and finished on the resource PDC from the journal.
LAB_TESTS += tests/integration/nt4-trust.sh tests/integration/nt4-kb-repair.sh \
	tests/integration/nt4-wizard-lab.sh
EXTRA_DIST += tests/integration/nt4-trust.sh \
	tests/integration/nt4-kb-repair.sh tests/integration/nt4-lib.sh \
	tests/integration/nt4-wizard-lab.sh \
	doc/nt4.md
