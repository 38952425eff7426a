# Shared by the i18n tests (sourced, POSIX sh): numbered "ok"/"not ok"
# lines, the closing "N passed, N failed", and skip, which exits 77 (0
# under make installcheck, which has no "skipped") but fails under CI=true,
# so that a green CI never hides a test that did not run.
#
# Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
n_pass=0
n_fail=0
ok() { n_pass=$((n_pass + 1)); echo "ok $((n_pass + n_fail)) - $*"; }
not_ok() { n_fail=$((n_fail + 1)); echo "not ok $((n_pass + n_fail)) - $*"; }
finish() {
	echo "$n_pass passed, $n_fail failed"
	[ "$n_fail" -eq 0 ]
	exit $?
}
skip() {
	if [ "${CI:-}" = true ]; then
		not_ok "$* (CI=true: no skipping)"
		finish
	fi
	echo "# SKIP: $*"
	echo "$n_pass passed, $n_fail failed"
	[ "${USRMGR_I18N_INSTALLED:-no}" = yes ] && exit 0
	exit 77
}
# need TOOL WHY: skip without TOOL on the PATH (WHY names its package)
need() { command -v "$1" >/dev/null 2>&1 || skip "$1 is not installed ($2)"; }
