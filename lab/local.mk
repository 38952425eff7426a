# The lab (issue 3): usrmgr-lab, a real domain pair in network namespaces,
# installed beside usrmgr; its integration tests and benchmark.
# Included by the top Makefile.am; paths are relative to the top directory.

sbin_SCRIPTS += lab/usrmgr-lab
EXTRA_DIST += lab/usrmgr-lab doc/lab.md bench/lab-up.sh

# Tests that use the run's shared labs (tests/integration/lab-fixture.sh):
# they come before zz-lab-down.sh, which waits for them and then takes the
# labs down.  A test of yours that uses the fixture goes here too, from your
# own fragment: LAB_TESTS += tests/integration/your-test.sh
LAB_TESTS += \
	tests/integration/lab-ad.sh \
	tests/integration/lab-nt4.sh \
	tests/integration/wizard-lab.sh \
	tests/integration/own-names-lab.sh

TESTS += \
	tests/integration/lab-cli.sh \
	tests/integration/lab-lifecycle.sh \
	$(LAB_TESTS) \
	tests/integration/zz-lab-down.sh

EXTRA_DIST += \
	tests/integration/lab-fixture.sh \
	tests/integration/lab-scenarios.inc \
	tests/integration/lab-cli.sh \
	tests/integration/lab-lifecycle.sh \
	tests/integration/lab-ad.sh \
	tests/integration/lab-nt4.sh \
	tests/integration/wizard-lab.sh \
	tests/integration/own-names-lab.sh \
	tests/integration/zz-lab-down.sh
