# Shared by the secret-leak tests (sourced): ok/not ok lines, the closing
# summary, a temporary directory, and the simulated domains made slow so
# that a usrmgr process lives long enough to be looked at from outside.
set -u
: "${USRMGR:?run through make check (USRMGR names the binary)}"
: "${top_srcdir:?run through make check (top_srcdir names the source tree)}"
# usrmgr with the test hooks on (src/include/test_hooks.h): the tests
# that script the screens run it; the installed usrmgr ignores the hooks.
USRMGR_TEST_BIN=${USRMGR_TEST_BIN:-${top_builddir:-.}/tests/usrmgr-test}
SCENARIOS=${USRMGR_SCENARIO_DIR:-$top_srcdir/scenarios}
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $*"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $*"; }
# check DESCRIPTION COMMAND...: the command's success is the test
check() { local d=$1; shift; if "$@"; then ok "$d"; else not_ok "$d"; fi; }
finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit $?
}
skip() {
	echo "SKIP: $*"
	if [ "${CI:-}" = true ]; then
		echo "0 passed, 1 failed"
		exit 1
	fi
	echo "0 passed, 0 failed"
	exit 77
}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/usrmgr-sec.XXXXXX")
chmod 755 "$tmp"
trap 'rm -rf "$tmp"' EXIT

# The passwords every test types: distinctive, so that any copy of them
# in a file, a screen or a process table is found by grep.
TRUST_PW='Zq7.Trust-Secret!kx'
USER_PW='Alice.pw1'

# absent DESCRIPTION NEEDLE FILE...: NEEDLE occurs in none of the FILEs
# (as bytes, text or binary).
absent() {
	local d=$1 needle=$2 f hit=""
	shift 2
	for f in "$@"; do
		[ -e "$f" ] || continue
		if grep -a -F -q -- "$needle" "$f"; then
			hit="$hit $f"
		fi
	done
	if [ -z "$hit" ]; then
		ok "$d"
	else
		not_ok "$d (found in:$hit)"
	fi
}

# absent_utf16 DESCRIPTION TEXT FILE...: TEXT's UTF-16LE form occurs in
# none of the FILEs (the form Samba's structures and the wire carry).
absent_utf16() {
	local d=$1 text=$2 f hit="" pat
	shift 2
	pat=$(printf '%s' "$text" | iconv -f UTF-8 -t UTF-16LE |
		od -An -v -tx1 | tr -s ' \n' ' ' | sed 's/ *$//; s/^ */\\x/; s/ /\\x/g')
	for f in "$@"; do
		[ -e "$f" ] || continue
		if LC_ALL=C grep -a -q -P -- "$pat" "$f"; then
			hit="$hit $f"
		fi
	done
	if [ -z "$hit" ]; then
		ok "$d"
	else
		not_ok "$d (found in:$hit)"
	fi
}

# A copy of the kb207957 scenario whose PDCs answer after LATENCY ms.
slow_scenario() { # slow_scenario LATENCY -> prints the scenario's path
	local dir="$tmp/slow.$1"
	mkdir -p "$dir"
	sed "s/^latency_ms = .*/latency_ms = $1/" "$SCENARIOS/domains.ini" \
		>"$dir/domains.ini"
	cp "$SCENARIOS/kb207957.ini" "$dir/kb207957.ini"
	chmod -R a+rX "$dir"
	echo "$dir/kb207957.ini"
}

# The NT hash a state file holds for ENTRY ("trusting ACCOUNTS RESOURCE").
state_hash() { # state_hash FILE ENTRY
	sed -n "/^\[$2\]/,/^\[/s/^nthash = //p" "$1" | head -n 1
}
