# Issue 7: the benchmarks against the peers and the lab tests of the
# screens and of lists at scale.  Included by the top Makefile.am; paths are
# relative to the top directory.  Nothing here is installed; the benchmarks
# are not tests (run them by hand: doc/performance.md).

# The floor: connect + OpenPolicy2 + EnumTrustedDomainsEx and nothing else
# ("make bench/floor-client"; make lab-bench builds it for bench/lab-bench.sh).
EXTRA_PROGRAMS = bench/floor-client
bench_floor_client_SOURCES = bench/floor-client.c
bench_floor_client_CFLAGS = $(AM_CFLAGS) $(SAMBA_CFLAGS)
bench_floor_client_LDADD = $(SAMBA_LIBS) $(TALLOC_LIBS) $(TEVENT_LIBS)
CLEANFILES += bench/floor-client

# on the run's shared ad lab (tests/integration/lab-fixture.sh)
LAB_TESTS += \
	tests/integration/ui-lab.sh \
	tests/integration/scale-lab.sh

EXTRA_DIST += \
	tests/integration/ui-lab.sh \
	tests/integration/scale-lab.sh \
	bench/lab-bench.sh bench/idle.sh bench/view-bench.sh \
	doc/performance.md

# the whole comparison on the lab, one run (doc/performance.md)
lab-bench: usrmgr$(EXEEXT) tests/usrmgr-test$(EXEEXT) bench/floor-client$(EXEEXT)
	USRMGR=$(abs_top_builddir)/usrmgr \
	USRMGR_TEST_BIN=$(abs_top_builddir)/tests/usrmgr-test FLOOR=$(abs_top_builddir)/bench/floor-client \
		bash $(srcdir)/bench/lab-bench.sh
.PHONY: lab-bench
