#!/bin/bash
# The installed usrmgr ignores the hooks meant for tests
# (src/include/test_hooks.h): with USRMGR_TEST_STOP_AT it is not stopped
# in a repair, with USRMGR_UI_SCRIPT it reads no key script, and neither
# hook's variable name is in the binary at all.  The test binary
# ($USRMGR_TEST_BIN) does obey them: the same runs show the hooks are
# real, so this test can fail.  Ends with "N passed, N failed".
#
# Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
. "$top_srcdir/tests/security/lib.sh"
: "${USRMGR_TEST_BIN:?run through make check (USRMGR_TEST_BIN names the test binary)}"
export XDG_STATE_HOME="$tmp/xdg"
printf 'Repair.pw5\n' >"$tmp/pw"

# state PID: its process state letter (T when stopped), empty when gone.
state() { ps -o stat= -p "$1" 2>/dev/null | cut -c1; }

# repair_bg BINARY NAME: a simulated KB Q207957 repair in the background
# with USRMGR_TEST_STOP_AT=before:remove-trusted; its pid in $pid.
repair_bg() {
	"$1" --scenario kb207957 --state "$tmp/$2.st" trust list >/dev/null
	USRMGR_TEST_STOP_AT=before:remove-trusted "$1" --state "$tmp/$2.st" \
		--journal "$tmp/$2.j" trust repair --resource-pdc DCB \
		--accounts-pdc DCA --yes --password-file "$tmp/pw" --json \
		>"$tmp/$2.out" 2>"$tmp/$2.err" &
	pid=$!
}

# wait_for PID WHAT: up to 30 s until PID is stopped (WHAT=stopped) or
# gone (WHAT=gone); true when it came to that.
wait_for() {
	local i s
	for i in $(seq 300); do
		s=$(state "$1")
		case $2 in
		stopped) [ "$s" = T ] && return 0 ;;
		gone) [ -z "$s" ] && return 0 ;;
		esac
		[ "$2" = gone ] && [ "$s" = T ] && return 1
		sleep 0.1
	done
	return 1
}

# --- USRMGR_TEST_STOP_AT -----------------------------------------------
repair_bg "$USRMGR" installed
if wait_for "$pid" gone; then
	ok "usrmgr: USRMGR_TEST_STOP_AT=before:remove-trusted does not stop the repair"
else
	not_ok "usrmgr: USRMGR_TEST_STOP_AT=before:remove-trusted does not stop the repair (state $(state "$pid"))"
	kill -CONT "$pid" 2>/dev/null
fi
wait "$pid"
check "usrmgr: the repair finished (exit 0)" test $? = 0
check "usrmgr: and repaired" grep -q '"outcome":"repaired"' "$tmp/installed.out"

repair_bg "$USRMGR_TEST_BIN" test
if wait_for "$pid" stopped; then
	ok "usrmgr-test: the same variable stops it before remove-trusted"
	grep -q '"step-start".*remove-trusted\|remove-trusted.*"step-start"' \
		"$tmp/test.j" && ok "usrmgr-test: stopped after journaling the step's start" ||
		not_ok "usrmgr-test: stopped after journaling the step's start"
else
	not_ok "usrmgr-test: the same variable stops it before remove-trusted"
fi
kill -CONT "$pid" 2>/dev/null
wait "$pid"
check "usrmgr-test: continued, the repair finished (exit 0)" test $? = 0

# --- USRMGR_UI_SCRIPT ---------------------------------------------------
printf ':dump main\n<M-u>x\n' >"$tmp/keys"
for bin in "$USRMGR" "$USRMGR_TEST_BIN"; do
	name=${bin##*/}
	mkdir -p "$tmp/dumps.$name"
	env TERM=xterm-256color LINES=24 COLUMNS=80 \
		USRMGR_UI_SCRIPT="$tmp/keys" USRMGR_UI_DUMP_DIR="$tmp/dumps.$name" \
		timeout 30 "$bin" --scenario kb207957 --state "$tmp/ui.$name.st" \
		</dev/null >"$tmp/ui.$name.out" 2>"$tmp/ui.$name.err"
	echo $? >"$tmp/ui.$name.rc"
done
check "usrmgr: USRMGR_UI_SCRIPT read no keys: no terminal, exit 2" \
	test "$(cat "$tmp/ui.usrmgr.rc")" = 2
check "usrmgr: and dumped no screen" \
	test ! -e "$tmp/dumps.usrmgr/main.screen"
check "usrmgr-test: USRMGR_UI_SCRIPT runs the key script (exit 0)" \
	test "$(cat "$tmp/ui.usrmgr-test.rc")" = 0
check "usrmgr-test: and dumps its screen" \
	test -s "$tmp/dumps.usrmgr-test/main.screen"

# --- no hook's name in the installed binary ------------------------------
for v in USRMGR_TEST_STOP_AT USRMGR_UI_SCRIPT USRMGR_RPC_STATS \
	USRMGR_RPC_TRACE USRMGR_NT4_HELPER; do
	if grep -a -q -F "$v" "$USRMGR"; then
		not_ok "usrmgr: $v is not in the binary"
	else
		ok "usrmgr: $v is not in the binary"
	fi
	check "usrmgr-test: $v is in the test binary" \
		grep -a -q -F "$v" "$USRMGR_TEST_BIN"
done
finish
