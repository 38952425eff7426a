#!/bin/bash
# The repair journal is durable line by line: each line journal.c appends
# is fsync'd before the next line is written (the next step's start is a
# line), before any simulated PDC changes anything, and before the
# program ends.  A crash at any point then leaves a journal that tells
# the truth about every step that reached a PDC.
#
# tests/security/journal-shim.so (LD_PRELOAD) logs, in order, each write
# to the journal, each fsync of it and each change of the simulated PDCs'
# state; the checker below walks that log.  Controls: the shim saw every
# line the journal holds, the PDCs did change between journal lines, and
# with the fsyncs hidden from the log the checker does report them
# missing (so it can fail).
#
# Skips (77) only where LD_PRELOAD cannot reach the program: a binary
# linked with a sanitizer runtime that keeps the shim out.
# Ends with "N passed, N failed".
#
# Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
. "$top_srcdir/tests/security/lib.sh"
: "${USRMGR_TEST_BIN:?run through make check (USRMGR_TEST_BIN names the test binary)}"
SHIM=${JOURNAL_SHIM:-${top_builddir:-.}/tests/security/journal-shim.so}
export XDG_STATE_HOME="$tmp/xdg"
printf 'Repair.pw5\n' >"$tmp/pw"
printf 'Alice.pw1\n' >"$tmp/alice"

[ -f "$SHIM" ] || { echo "no $SHIM: build it with make check" >&2; exit 99; }
case $SHIM in /*) ;; *) SHIM=$PWD/$SHIM ;; esac

# repair_logged NAME SCENARIO [ENV...]: a whole repair of SCENARIO with
# the shim preloaded; its journal $tmp/NAME.j, the shim's log $tmp/NAME.log.
repair_logged() {
	local name=$1 scenario=$2
	shift 2
	"$USRMGR_TEST_BIN" --scenario "$scenario" --state "$tmp/$name.st" \
		trust list >/dev/null || return 1
	env "$@" LD_PRELOAD="$SHIM" JOURNAL_SHIM_LOG="$tmp/$name.log" \
		JOURNAL_SHIM_JOURNAL="$tmp/$name.j" \
		JOURNAL_SHIM_STATE="$tmp/$name.st" \
		"$USRMGR_TEST_BIN" --state "$tmp/$name.st" --journal "$tmp/$name.j" \
		trust repair --resource-pdc DCB --accounts-pdc DCA --yes \
		--password-file "$tmp/pw" --user 'ACCOUNTS\alice' \
		--user-password-file "$tmp/alice" --json \
		>"$tmp/$name.out" 2>"$tmp/$name.err"
}

# unsynced LOG: one line per journal line that was not fsync'd in time
# (the event that came first), nothing when every line was.
unsynced() {
	awk '
	$2 == "write" {
		if (pending > 0)
			printf "journal line %d written before line %d was fsync'"'"'d\n", lines + 1, lines
		lines += $3
		pending = $4 == 1 ? 0 : pending + $3
	}
	$2 == "sync" { pending = 0 }
	$2 == "pdc" && pending > 0 {
		printf "a PDC changed while journal line %d was not fsync'"'"'d\n", lines
	}
	END { if (pending > 0) printf "the program ended with journal line %d not fsync'"'"'d\n", lines }
	' "$1"
}

# --- does the shim reach the program? ------------------------------------
repair_logged probe kb207957
if ! grep -q ' load$' "$tmp/probe.log" 2>/dev/null ||
	! grep -q ' write ' "$tmp/probe.log"; then
	if grep -a -q -E '__asan_init|__ubsan_handle|__tsan_init' "$USRMGR_TEST_BIN" ||
		ldd "$USRMGR_TEST_BIN" 2>/dev/null | grep -q -E 'lib(a|ub|t)san'; then
		skip "a sanitizer runtime in $USRMGR_TEST_BIN keeps the LD_PRELOAD shim from its write/fsync calls"
	fi
	not_ok "the shim logs the journal's writes (log: $(head -c 300 "$tmp/probe.log" 2>/dev/null))"
	sed 's/^/# /' "$tmp/probe.err" | head -n 20
	finish
fi

# --- whole repairs: every line fsync'd in time -------------------------------
for s in kb207957 kb207957-nt4 password-mismatch; do
	if repair_logged "$s" "$s"; then
		ok "$s: repaired under the shim (exit 0)"
	else
		not_ok "$s: repaired under the shim (exit $?)"
		sed 's/^/# /' "$tmp/$s.err" | head -n 20
	fi
	check "$s: outcome repaired" grep -q '"outcome":"repaired"' "$tmp/$s.out"
	lines=$(wc -l <"$tmp/$s.j")
	logged=$(awk '$2 == "write" { n += $3 } END { print n + 0 }' "$tmp/$s.log")
	if [ "$lines" -ge 4 ] && [ "$logged" = "$lines" ]; then
		ok "$s: the shim saw every journal line written ($lines)"
	else
		not_ok "$s: the shim saw every journal line written (journal $lines, logged $logged)"
	fi
	# the PDCs changed between journal lines: the order matters here
	between=$(awk '$2 == "write" { w++ } $2 == "pdc" && w > 0 { p = w } END { print (p > 0 && p < w) ? "yes" : "no" }' "$tmp/$s.log")
	check "$s: the PDCs changed between two journal lines" test "$between" = yes
	bad=$(unsynced "$tmp/$s.log")
	if [ -z "$bad" ]; then
		ok "$s: each journal line fsync'd before the next line, the next PDC change and the end"
	else
		not_ok "$s: each journal line fsync'd before the next line, the next PDC change and the end"
		printf '%s\n' "$bad" | head -n 5 | sed 's/^/#   /'
	fi
done

# --- control: the checker sees a missing fsync --------------------------------
repair_logged hidden kb207957 JOURNAL_SHIM_HIDE_SYNC=1
bad=$(unsynced "$tmp/hidden.log")
check "control: with the fsyncs hidden from the log, the checker reports lines not fsync'd" \
	test -n "$bad"
finish
