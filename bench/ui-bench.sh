#!/bin/sh
# usrmgr UI benchmark (not a test): time to first screen, time per
# keystroke redraw, peak memory; on kb207957 and on large (100,000 users,
# 5,000 trusts).  Medians of RUNS runs (default 5).
#
# Two ways of measuring:
#  - script mode (USRMGR_UI_SCRIPT): the test binary (usrmgr's objects with
#    the test hooks on, src/include/test_hooks.h), keys from a script,
#    curses drawing into its own screen; no terminal in the way;
#  - tmux: the real binary in a real terminal, time until the first screen
#    shows (includes tmux's own start).
#
# Usage: bench/ui-bench.sh  (USRMGR=path/to/usrmgr,
#   USRMGR_TEST_BIN=path/to/tests/usrmgr-test for script mode, RUNS=N)
#
# With --lab: the same figures against the real RESOURCE PDC of a lab
# (usrmgr in its console namespace, -S and -A from its lab.env): the lab
# LAB_NAME when set (bench/lab-bench.sh sets it, with many trusts made),
# else the tests' shared ad lab (tests/integration/lab-fixture.sh).  The
# namespace's own start (usrmgr-lab exec console true, its median) is
# taken off the first-screen times; per-keystroke times are differences.
# And, timed inside the namespace from the moment each process is started
# (usrmgr's own profile, USRMGR_RPC_TRACE=<start ns>), in rounds with the
# floor client (bench/floor-client, FLOOR=path; BENCH_T0=<start ns>):
# until the first screen is on the terminal (the users' first page), until
# the whole screen is (the groups' too), and until the floor client has
# its page (FIRST_RUNS rounds, default 21: the lab's times vary by more
# than the differences measured).  On the simulated scenarios the first
# screen is timed that way too (FIRST_RUNS runs), beside script mode's
# whole process.
set -u
USRMGR=${USRMGR:-./usrmgr}
case $USRMGR in /*) ;; *) USRMGR=$(pwd)/$USRMGR ;; esac
USRMGR_TEST_BIN=${USRMGR_TEST_BIN:-./tests/usrmgr-test}
case $USRMGR_TEST_BIN in /*) ;; *) USRMGR_TEST_BIN=$(pwd)/$USRMGR_TEST_BIN ;; esac
FLOOR=${FLOOR:-./bench/floor-client}
case $FLOOR in /*) ;; *) FLOOR=$(pwd)/$FLOOR ;; esac
LAB_MODE=
if [ "${1:-}" = --lab ]; then
	LAB_MODE=1
	if [ -z "${LAB_NAME:-}" ]; then
		# shellcheck source=tests/integration/lab-fixture.sh
		. "$(cd "$(dirname "$0")/.." && pwd)/tests/integration/lab-fixture.sh"
		lab_require ad >/dev/null
	fi
	. "${USRMGR_LAB_ROOT:-/var/lib/usrmgr-lab}/$LAB_NAME/lab.env"
	LAB_EXEC="${USRMGR_LAB_SCRIPT:-$(cd "$(dirname "$0")/.." && pwd)/lab/usrmgr-lab} --name $LAB_NAME exec console"
fi
RUNS=${RUNS:-5}
FIRST_RUNS=${FIRST_RUNS:-21}
. "$(dirname "$0")/idle.sh"
KEYS=${KEYS:-2000}
T=$(mktemp -d "${TMPDIR:-/tmp}/usrmgr-bench.XXXXXX")
trap 'TERM=xterm tmux -S "$T/tmux.sock" kill-server 2>/dev/null; rm -rf "$T"' EXIT
export LC_ALL=C.UTF-8 TERM=xterm-256color COLUMNS=80 LINES=24

now() { date +%s%N; }

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# run_script SCENARIO KEYSFILE: prints "nanoseconds peak_kib"
run_script() {
	rm -f "$T/state"
	t0=$(now)
	if [ -n "$LAB_MODE" ]; then
		USRMGR_UI_SCRIPT="$2" $LAB_EXEC /usr/bin/time -f %M -o "$T/mem" \
			"$USRMGR_TEST_BIN" -S "$RESOURCE_PDC" -A "$RESOURCE_ADMIN_AUTHFILE" >/dev/null 2>&1
	else
		USRMGR_UI_SCRIPT="$2" /usr/bin/time -f %M -o "$T/mem" \
			"$USRMGR_TEST_BIN" --scenario "$1" --state "$T/state" -S DCB >/dev/null 2>&1
	fi
	t1=$(now)
	echo "$((t1 - t0)) $(tail -1 "$T/mem")"
}

# the lab's namespace start, to take off first-screen times (0 otherwise)
ns_overhead() {
	[ -n "$LAB_MODE" ] || { echo 0; return; }
	i=0
	: > "$T/oruns"
	while [ "$i" -lt "$RUNS" ]; do
		t0=$(now); $LAB_EXEC true; t1=$(now)
		echo $((t1 - t0)) >> "$T/oruns"
		i=$((i + 1))
	done
	median < "$T/oruns"
}

measure() { # measure SCENARIO KEYSFILE -> "median_ns median_kib"
	i=0
	: > "$T/runs"
	while [ "$i" -lt "$RUNS" ]; do
		run_script "$1" "$2" >> "$T/runs"
		i=$((i + 1))
	done
	echo "$(cut -d' ' -f1 "$T/runs" | median) $(cut -d' ' -f2 "$T/runs" | median)"
}

keys_file() { # keys_file NAME PREFIX KEY COUNT
	{
		printf '%s\n' "$2"
		i=0
		while [ "$i" -lt "$4" ]; do printf '%s\n' "$3"; i=$((i + 1)); done
	} > "$T/$1.keys"
	echo "$T/$1.keys"
}

tmux_first_screen() { # tmux_first_screen SCENARIO -> median ns
	i=0
	: > "$T/truns"
	while [ "$i" -lt "$RUNS" ]; do
		rm -f "$T/state"
		t0=$(now)
		if [ -n "$LAB_MODE" ]; then
			cmd="$LAB_EXEC env TERM=xterm-256color $USRMGR -S $RESOURCE_PDC -A $RESOURCE_ADMIN_AUTHFILE"
			want="Administrator"
		else
			cmd="TERM=xterm-256color $USRMGR --scenario $1 --state $T/state -S DCB"
			want="User Manager - "
		fi
		TERM=xterm tmux -S "$T/tmux.sock" -f /dev/null new-session -d \
			-x 80 -y 24 "$cmd"
		until TERM=xterm tmux -S "$T/tmux.sock" capture-pane -p 2>/dev/null |
			grep -q "$want"; do
			sleep 0.005
		done
		t1=$(now)
		TERM=xterm tmux -S "$T/tmux.sock" kill-server 2>/dev/null
		sleep 0.2
		echo $((t1 - t0)) >> "$T/truns"
		i=$((i + 1))
	done
	median < "$T/truns"
}

# first_vs_floor: FIRST_RUNS rounds, each the floor client and usrmgr's first
# screen (which goes first alternates), timed in the namespace from each
# start -> "floor first whole" (medians, ms)
first_vs_floor() {
	cat >"$T/first.sh" <<'EOS'
#!/bin/sh
# first.sh FLOOR TESTBIN HOST AUTHFILE KEYS TRACE ORDER: one round, the
# floor client first when ORDER is 0, usrmgr first when 1
floor() {
	t=$(date +%s%N)
	f=$(BENCH_T0=$t "$1" "$3" "$4" 2>&1 >/dev/null |
		sed -n 's/^floor-client: last page at \([0-9.]*\) ms$/\1/p')
}
first() {
	t=$(date +%s%N)
	USRMGR_RPC_TRACE=$t USRMGR_UI_SCRIPT=$5 "$2" -S "$3" -A "$4" >/dev/null 2>"$6"
}
if [ "$7" = 0 ]; then floor "$@"; first "$@"; else first "$@"; floor "$@"; fi
u=$(sed -n 's/^usrmgr-rpc-trace: *\([0-9.]*\) ms ui: first screen drawn.*/\1/p' "$6")
w=$(sed -n 's/^usrmgr-rpc-trace: *\([0-9.]*\) ms ui: whole screen drawn.*/\1/p' "$6")
echo "${f:-0} ${u:-0} ${w:-0}"
EOS
	chmod 755 "$T/first.sh"
	: > "$T/fruns"
	i=0
	while [ "$i" -lt "$FIRST_RUNS" ]; do
		$LAB_EXEC "$T/first.sh" "$FLOOR" "$USRMGR_TEST_BIN" "$RESOURCE_PDC" \
			"$RESOURCE_ADMIN_AUTHFILE" "$1" "$T/trace" $((i % 2)) >> "$T/fruns"
		i=$((i + 1))
	done
	for c in 1 2 3; do
		cut -d' ' -f"$c" "$T/fruns" | sort -n |
			awk '{ a[NR] = $1 } END { printf "%s ", a[int((NR + 1) / 2)] }'
	done
	echo
}

# first_sim SCENARIO KEYSFILE: usrmgr's own profile (USRMGR_RPC_TRACE=<start ns>,
# taken as the shell execs it), FIRST_RUNS runs -> "first whole" (medians,
# ms): the first screen as the lab's is timed, from the process's start
# to the users' first page on the terminal; the script-mode figure times
# the whole process under /usr/bin/time, its start and exit and the
# harness's own date(1) with it
first_sim() {
	: > "$T/sruns"
	i=0
	while [ "$i" -lt "$FIRST_RUNS" ]; do
		rm -f "$T/state"
		sh -c 'USRMGR_RPC_TRACE=$(date +%s%N) USRMGR_UI_SCRIPT="$1" exec "$2" --scenario "$3" --state "$4" -S DCB' \
			sh "$2" "$USRMGR_TEST_BIN" "$1" "$T/state" >/dev/null 2>"$T/strace"
		u=$(sed -n 's/^usrmgr-rpc-trace: *\([0-9.]*\) ms ui: first screen drawn.*/\1/p' "$T/strace")
		w=$(sed -n 's/^usrmgr-rpc-trace: *\([0-9.]*\) ms ui: whole screen drawn.*/\1/p' "$T/strace")
		echo "${u:-0} ${w:-0}" >> "$T/sruns"
		i=$((i + 1))
	done
	echo "$(cut -d' ' -f1 "$T/sruns" | median) $(cut -d' ' -f2 "$T/sruns" | median)"
}

ms() { awk -v n="$1" 'BEGIN { printf "%.1f ms", n / 1e6 }'; }
us() { awk -v n="$1" 'BEGIN { printf "%.0f us", n / 1e3 }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }

report() { # report SCENARIO
	s=$1
	first=$(keys_file first ":dump $T/first" "" 0)
	main=$(keys_file main "" "<Down>" "$KEYS")
	pg=$(keys_file pg "" "<PgDn>" "$KEYS")
	trust0=$(keys_file trust0 "<M-p>t" "" 0)
	trust=$(keys_file trust "<M-p>t" "<Down>" "$KEYS")
	set -- $(measure "$s" "$first"); f_ns=$1; f_kib=$2
	set -- $(measure "$s" "$main"); m_ns=$1; m_kib=$2
	set -- $(measure "$s" "$pg"); p_ns=$1; p_kib=$2
	set -- $(measure "$s" "$trust0"); t0_ns=$1
	set -- $(measure "$s" "$trust"); t_ns=$1; t_kib=$2
	tm=$(tmux_first_screen "$s")
	ov=$(ns_overhead)
	f_ns=$((f_ns - ov))
	tm=$((tm - ov))
	peak=$m_kib
	for k in $f_kib $p_kib $t_kib; do [ "$k" -gt "$peak" ] && peak=$k; done
	if [ -n "$LAB_MODE" ]; then
		echo "lab $LAB_NAME (RESOURCE on $RESOURCE_PDC, real PDC, 80x24, medians of $RUNS;"
		echo "  $(ms "$ov") of namespace start taken off the first screens):"
	else
		echo "scenario $s (RESOURCE on DCB, 80x24, medians of $RUNS):"
	fi
	if [ -n "$LAB_MODE" ]; then
		set -- $(first_vs_floor "$first")
		echo "  from each process's start, in $FIRST_RUNS rounds with the floor client:"
		echo "    first screen (users' first page): $2 ms"
		echo "    whole screen (groups' page too):  $3 ms"
		echo "    floor client's page:              $1 ms"
	fi
	if [ -z "$LAB_MODE" ]; then
		set -- $(first_sim "$s" "$first")
		echo "  from the process's start, medians of $FIRST_RUNS:"
		echo "    first screen (users' first page): $1 ms"
		echo "    whole screen (groups' page too):  $2 ms"
	fi
	echo "  first screen, script mode:        $(ms "$f_ns")"
	echo "  first screen, in tmux:            $(ms "$tm")"
	echo "  per keystroke, users list Down:   $(us $(((m_ns - f_ns) / KEYS)))"
	echo "  per keystroke, users list PgDn:   $(us $(((p_ns - f_ns) / KEYS)))"
	echo "  per keystroke, trust list Down:   $(us $(((t_ns - t0_ns) / KEYS)))"
	echo "  peak memory (max RSS):            $(mib "$peak")"
}

if [ ! -x "$USRMGR" ]; then
	echo "usrmgr not found at $USRMGR (set USRMGR)" >&2
	exit 2
fi
if [ ! -x "$USRMGR_TEST_BIN" ]; then
	echo "the test binary not found at $USRMGR_TEST_BIN (make tests/usrmgr-test; set USRMGR_TEST_BIN)" >&2
	exit 2
fi
if [ -n "$LAB_MODE" ]; then
	report lab
else
	report kb207957
	report large
fi
