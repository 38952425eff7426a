# Shared by the CLI tests: ok/not ok lines and the closing summary.
: "${USRMGR:?run through make check (USRMGR names the binary)}"
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok - $*"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $*"; }
# check DESCRIPTION EXPECTED-EXIT COMMAND...: run it, compare the exit code
check() {
	local what=$1 want=$2 got=0
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err" || got=$?
	if [ "$got" = "$want" ]; then
		ok "$what"
	else
		not_ok "$what (exit $got, wanted $want)"
		sed 's/^/#   /' "$tmp/out" "$tmp/err"
	fi
}
# expect DESCRIPTION PATTERN FILE: FILE (out or err) holds PATTERN
expect() {
	if grep -q -- "$2" "$tmp/$3"; then
		ok "$1"
	else
		not_ok "$1 (no '$2' in $3)"
		sed 's/^/#   /' "$tmp/$3"
	fi
}
finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
