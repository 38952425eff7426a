# Secrets, fuzzing and sanitizers (issue 11).  Included by the top
# Makefile.am; doc/security.md says what each check proves.

# ---- secret-leak tests, in every build's make check -------------------
SECURITY_TESTS = \
	tests/security/secret-memory-test \
	tests/security/secret-process.sh \
	tests/security/secret-files.sh \
	tests/security/secret-screens.sh \
	tests/security/secret-prompt.sh \
	tests/security/uaf-nonexistent-smbconf.sh \
	tests/security/hooks-off-test \
	tests/security/hooks-off.sh \
	tests/security/wipe-test \
	tests/security/journal-fsync.sh
check_PROGRAMS += tests/security/secret-memory-test
TESTS += $(SECURITY_TESTS)
tests_security_secret_memory_test_SOURCES = tests/security/secret-memory-test.c
tests_security_secret_memory_test_CFLAGS = $(AM_CFLAGS)
tests_security_secret_memory_test_LDADD = $(USRMGR_LIBS)

# Each buffer secret.c wipes, looked at as it is released (the test hook
# um_test_before_release, on here).
check_PROGRAMS += tests/security/wipe-test
tests_security_wipe_test_SOURCES = tests/security/wipe-test.c \
	tests/unit/unit.h
tests_security_wipe_test_CFLAGS = $(AM_CFLAGS) $(CMOCKA_CFLAGS) \
	-I$(top_srcdir)/tests/unit
tests_security_wipe_test_LDADD = $(USRMGR_LIBS) $(CMOCKA_LIBS)

# journal-fsync.sh preloads this shared object (LD_PRELOAD) to log the
# journal's writes and fsyncs in order.  Built as a program linked
# -shared (no libtool here), with flags of its own: position-independent,
# and no sanitizer (AM_CFLAGS' SAN_CFLAGS), whose runtime it must not need.
check_PROGRAMS += tests/security/journal-shim.so
tests_security_journal_shim_so_SOURCES = tests/security/journal-shim.c
tests_security_journal_shim_so_CFLAGS = -fPIC $(WARN_CFLAGS)
tests_security_journal_shim_so_LDFLAGS = -shared -fPIC
tests_security_journal_shim_so_LDADD = -ldl
EXTRA_DIST += tests/security/journal-fsync.sh

# The installed usrmgr's hooks (src/include/test_hooks.h) read no
# environment: linked as usrmgr links them, with the hooks off.
check_PROGRAMS += tests/security/hooks-off-test
tests_security_hooks_off_test_SOURCES = tests/security/hooks-off-test.c
tests_security_hooks_off_test_CPPFLAGS = $(RPC_CPPFLAGS) \
	-DUM_NT4_HELPER='"$(pkglibexecdir)/usrmgr-nt4-trust"'
tests_security_hooks_off_test_CFLAGS = $(AM_CFLAGS) $(SAMBA_CFLAGS)
tests_security_hooks_off_test_LDADD = $(USRMGR_CORE_LIBS) libusrmgr_rpc.a \
	libusrmgr.a libusrmgr_hooks_off.a $(SAMBA_LIBS) $(USRMGR_SYS_LIBS)
EXTRA_DIST += tests/security/hooks-off.sh

# Against the lab: the link to the PDCs is encrypted, -k means Kerberos.
LAB_TESTS += tests/integration/security-lab.sh
EXTRA_DIST += tests/security/lib.sh tests/security/secret-process.sh \
	tests/security/secret-files.sh tests/security/secret-screens.sh \
	tests/security/secret-prompt.sh tests/integration/security-lab.sh \
	tests/security/uaf-nonexistent-smbconf.sh

# ---- libFuzzer harnesses (configure --enable-sanitizers CC=clang) -----
# They link the same objects as the tests; configure builds those for
# coverage when the compiler has libFuzzer.  "make fuzz" runs each for
# FUZZ_RUNS inputs (at most FUZZ_TIME seconds) on its corpus in
# tests/fuzz/corpus/NAME; new inputs go to a scratch directory, never
# into the repository (tests/sanitize/run-fuzzers says how to keep one).
FUZZ_NAMES = scenario journal names drsblobs form
FUZZ_RUNS = 20000
FUZZ_TIME = 120
EXTRA_DIST += tests/fuzz/fuzz.h tests/fuzz/corpus tests/fuzz/README.md \
	tests/sanitize/run-fuzzers tests/sanitize/valgrind-run \
	tests/sanitize/valgrind.supp tests/sanitize/lsan.supp \
	build-aux/check-variants doc/security.md
EXTRA_DIST += tests/fuzz/fuzz-scenario.c tests/fuzz/fuzz-journal.c \
	tests/fuzz/fuzz-names.c tests/fuzz/fuzz-drsblobs.c \
	tests/fuzz/fuzz-form.c

if FUZZERS
FUZZERS = tests/fuzz/fuzz-scenario tests/fuzz/fuzz-journal \
	tests/fuzz/fuzz-names tests/fuzz/fuzz-drsblobs tests/fuzz/fuzz-form
noinst_PROGRAMS += $(FUZZERS)
FUZZ_CFLAGS = $(AM_CFLAGS) -I$(top_srcdir)/tests/fuzz
FUZZ_LIBS = $(USRMGR_LIBS) -lnettle

tests_fuzz_fuzz_scenario_SOURCES = tests/fuzz/fuzz-scenario.c
tests_fuzz_fuzz_scenario_CPPFLAGS = $(BACKEND_CPPFLAGS) -I$(top_srcdir)/src/backend/sim
tests_fuzz_fuzz_scenario_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_scenario_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_scenario_LDADD = $(FUZZ_LIBS)

tests_fuzz_fuzz_journal_SOURCES = tests/fuzz/fuzz-journal.c
tests_fuzz_fuzz_journal_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_journal_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_journal_LDADD = $(FUZZ_LIBS)

tests_fuzz_fuzz_names_SOURCES = tests/fuzz/fuzz-names.c
tests_fuzz_fuzz_names_CFLAGS = $(FUZZ_CFLAGS)
tests_fuzz_fuzz_names_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_names_LDADD = $(FUZZ_LIBS)

tests_fuzz_fuzz_drsblobs_SOURCES = tests/fuzz/fuzz-drsblobs.c
tests_fuzz_fuzz_drsblobs_CPPFLAGS = $(RPC_CPPFLAGS)
tests_fuzz_fuzz_drsblobs_CFLAGS = $(FUZZ_CFLAGS) $(SAMBA_CFLAGS)
tests_fuzz_fuzz_drsblobs_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_drsblobs_LDADD = $(FUZZ_LIBS)

# The screens' objects as usrmgr has them, without its main(); the
# test hooks on (USRMGR_UI_SCRIPT feeds the keys).
tests_fuzz_fuzz_form_SOURCES = tests/fuzz/fuzz-form.c
tests_fuzz_fuzz_form_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/ui
tests_fuzz_fuzz_form_CFLAGS = $(FUZZ_CFLAGS) $(CURSES_CFLAGS)
tests_fuzz_fuzz_form_LDFLAGS = $(AM_LDFLAGS) $(FUZZ_LDFLAGS)
tests_fuzz_fuzz_form_LDADD = \
	libusrmgr_ui.a $(FUZZ_LIBS) $(CURSES_LIBS)

fuzz: $(FUZZERS)
	$(AM_V_at)$(top_srcdir)/tests/sanitize/run-fuzzers \
		--runs $(FUZZ_RUNS) --time $(FUZZ_TIME) \
		--corpus $(top_srcdir)/tests/fuzz/corpus \
		--bin $(top_builddir)/tests/fuzz $(FUZZ_NAMES)
else
fuzz:
	@echo "make fuzz: configure with --enable-sanitizers CC=clang" \
		"(libFuzzer: libclang-rt-14-dev)" >&2; exit 2
endif
.PHONY: fuzz print-variant-tests

# What build-aux/check-variants runs under the sanitizers and valgrind:
# the unit, screen-dump, CLI, secret-leak and bad-input suites.  Not the
# lab's (they run once, in the main build), not the tmux end-to-end and
# translation tests (the same code paths, at many times the cost).
VARIANT_TESTS = $(filter tests/unit/% tests/rpc/%-test tests/cli/% \
	tests/security/% tests/bad-input/% tests/ui/screens.sh,$(TESTS))
print-variant-tests:
	@echo $(VARIANT_TESTS)
