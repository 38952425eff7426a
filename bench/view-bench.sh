#!/bin/sh
# usrmgr View benchmark (issue 19; not a test): at 100,000 users
# (tests/ui/screens/view.ini), script mode, medians of RUNS runs: the
# first screen by username, a jump typed to a name near the end
# (user099990), and View > Sort by Full Name (every user read and
# sorted).  Each figure is a run's time minus the first screen's.
# Usage: bench/view-bench.sh  (USRMGR_TEST_BIN=..., RUNS=N)
set -u
BIN=${USRMGR_TEST_BIN:-./tests/usrmgr-test}
RUNS=${RUNS:-5}
SCEN=$(cd "$(dirname "$0")/.." && pwd)/tests/ui/screens/view.ini
T=$(mktemp -d "${TMPDIR:-/tmp}/usrmgr-view-bench.XXXXXX")
trap 'rm -rf "$T"' EXIT
export LC_ALL=C.UTF-8 TERM=xterm-256color COLUMNS=80 LINES=24
printf ':dump a\n' > "$T/first.keys"
printf 'user09999\n:dump a\n' > "$T/jump.keys"
printf '<M-v>f\n:dump a\n' > "$T/sort.keys"
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
run() { # run KEYS: milliseconds
	rm -f "$T/state"
	t0=$(date +%s%N)
	USRMGR_UI_SCRIPT="$T/$1.keys" USRMGR_UI_DUMP_DIR="$T" "$BIN" \
		--scenario "$SCEN" --state "$T/state" -S WDC4 >/dev/null 2>&1
	echo $(( ($(date +%s%N) - t0) / 1000000 ))
}
for k in first jump sort; do
	i=0
	while [ $i -lt "$RUNS" ]; do run $k; i=$((i + 1)); done | median > "$T/$k.ms"
done
first=$(cat "$T/first.ms")
echo "100,000 users, script mode, median of $RUNS runs:"
echo "  first screen (by username):   $first ms"
echo "  jump to user09999x:         +$(( $(cat "$T/jump.ms") - first )) ms"
echo "  Sort by Full Name (all):    +$(( $(cat "$T/sort.ms") - first )) ms"
