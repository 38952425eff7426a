#!/bin/bash
# run.sh checks every outcome keyword of a row and fails a row whose
# keyword it does not know: a tiny table with a good row and a row with a
# bogus keyword, run through run.sh, must fail that row by name (and only
# that row), and a row whose named outcome is false must fail too.
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${USRMGR:?run through make check}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0
ok() { passed=$((passed + 1)); echo "ok - $*"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $*"; }

cat >"$tmp/bogus.table" <<'TABLE'
good-row   | sim  | -S DCA trust add-trusting RESOURCE | Pw.1 | 0 | Added to the Trusting Domains | trusting:RESOURCE
bogus-row  | sim  | -S DCA trust add-trusting RESOURCE | Pw.1 | 0 | Added to the Trusting Domains | trusting:RESOURCE+sameish
false-row  | sim  | -S DCB trust list                  | -    | 0 | ACCOUNTS | trusted:NOSUCHDOM
TABLE
"$here/run.sh" "$tmp/bogus.table" >"$tmp/out" 2>&1
rc=$?
sed 's/^/#   /' "$tmp/out"
if [ "$rc" != 0 ]; then ok "run.sh fails the table (exit $rc)"; else not_ok "run.sh passed a table with an unknown outcome"; fi
if grep -q "^not ok - bogus-row: unknown outcome keyword 'sameish'" "$tmp/out"; then
	ok "the bogus keyword fails its row with a clear message"
else
	not_ok "no 'unknown outcome keyword' failure for bogus-row"
fi
if grep -q "^not ok - false-row: NOSUCHDOM is not in RESOURCE's Trusted Domains" "$tmp/out"; then
	ok "trusted:NAME is checked: a false one fails"
else
	not_ok "trusted:NOSUCHDOM did not fail false-row"
fi
if ! grep -q "^not ok - good-row" "$tmp/out" &&
	grep -q "^ok - good-row: RESOURCE is in ACCOUNTS' Trusting Domains" "$tmp/out" &&
	grep -q "^ok - bogus-row: RESOURCE is in ACCOUNTS' Trusting Domains" "$tmp/out"; then
	ok "the keywords it knows are still checked, the good row passes"
else
	not_ok "the good keywords were not checked as they should be"
fi
# 3 checks per row (exit, message, outcomes) and one more for bogus-row
if grep -q '^8 passed, 2 failed$' "$tmp/out"; then
	ok "exactly the two wrong rows' outcomes failed"
else
	not_ok "the wrong count of failures: $(tail -n 1 "$tmp/out")"
fi
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
