#!/bin/bash
# Issue 21: the repair's requests, counted.  The test binary's
# USRMGR_RPC_TRACE writes each backend operation the model sends; on a
# simulated KB Q207957 pair (names of our own) the verified repair must
# send exactly the operations doc/performance.md justifies, read no
# PDC's trust lists twice without a change on that PDC between, and
# send both PDCs' first reads before either answers (concurrent on the
# event loop).  A read added back makes this fail.
#
# Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
set -u
. "$(dirname "$0")/lib.sh"
BIN=$USRMGR_TEST_BIN
S=${USRMGR_SCENARIO_DIR:-$top_srcdir/scenarios}

names() {
	sed -e 's/\bACCOUNTS\b/NORTHWND/g' -e 's/\bRESOURCE\b/CONTOSO/g' \
		-e 's/\bDCA\b/NWPDC01/g' -e 's/\bDCB\b/CTDC7/g' "$1"
}
names "$S/domains.ini" >"$tmp/domains.ini"
names "$S/kb207957.ini" >"$tmp/kb.ini"
printf 'Req.Count.2026x\n' >"$tmp/pw"

# (latency: the sim answers on the loop, as a PDC does)
sed -i 's/^latency_ms = 0$/latency_ms = 20/' "$tmp/domains.ini"
check "the repair ends (exit 0)" 0 env USRMGR_RPC_TRACE=1 "$BIN" \
	--scenario "$tmp/kb.ini" --state "$tmp/st" --journal "$tmp/j" \
	trust repair --resource-pdc CTDC7 --accounts-pdc NWPDC01 --yes \
	--password-file "$tmp/pw"
expect "it says repaired" "^Diagnosis now: The trust is healthy.\$" out
grep '^usrmgr-rpc-trace: .* model ' "$tmp/err" |
	sed 's/^usrmgr-rpc-trace: *[0-9.]* ms model //' >"$tmp/ops"
sends() { grep -v ': end, ' "$tmp/ops" | grep -c "^$1: ${2:-}"; }

# the operations, per PDC (doc/performance.md, the request table):
# CTDC7: connect, lists, Remove Trusted, lists, Add Trusted, lists,
# reset, verify; NWPDC01: connect, lists, Add Trusting, lists, the
# trust account's logon
n=$(sends CTDC7); [ "$n" = 8 ] && ok "CTDC7: 8 operations" ||
	{ not_ok "CTDC7: 8 operations (got $n)"; sed 's/^/#   /' "$tmp/ops"; }
n=$(sends NWPDC01); [ "$n" = 5 ] && ok "NWPDC01: 5 operations" ||
	{ not_ok "NWPDC01: 5 operations (got $n)"; sed 's/^/#   /' "$tmp/ops"; }
n=$(sends NWPDC01 'Checking the trust account'); [ "$n" = 1 ] &&
	ok "the trust account is checked once" ||
	not_ok "the trust account is checked once (got $n)"
n=$(sends CTDC7 'Verifying'); [ "$n" = 1 ] && ok "one verify" ||
	not_ok "one verify (got $n)"
n=$(sends CTDC7 'Resetting'); [ "$n" = 1 ] && ok "one reset" ||
	not_ok "one reset (got $n)"

# no list read twice on a PDC without a change on it between
if grep -v ': end, ' "$tmp/ops" | awk -F': ' '
	$2 ~ /^Reading the trust/ { if (seen[$1]++) bad = 1; next }
	$2 ~ /^(Removing|Adding)/ { seen[$1] = 0 }
	END { exit bad }'; then
	ok "no PDC's lists read twice without a change between"
else
	not_ok "no PDC's lists read twice without a change between"
	sed 's/^/#   /' "$tmp/ops"
fi

# both PDCs' first reads under way at once
first=$(head -n 4 "$tmp/ops" | grep -c -v ': end, ')
[ "$first" -ge 2 ] && [ "$(sed -n 2p "$tmp/ops" | grep -c ': end, ')" = 0 ] &&
	ok "both PDCs asked before either answered" ||
	{ not_ok "both PDCs asked before either answered";
	  sed 's/^/#   /' "$tmp/ops"; }

check "diagnose: healthy afterwards" 0 "$BIN" --state "$tmp/st" \
	trust diagnose --resource-pdc CTDC7 --accounts-pdc NWPDC01
finish
