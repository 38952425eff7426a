#!/bin/bash
# lab-up.sh: how long usrmgr-lab takes from nothing to a healthy trust.
#
#   bench/lab-up.sh [-n RUNS] [--strict] [ad] [nt4]      (as root)
#
# For each flavour (both by default), RUNS times (default 3): down, then
# up + trust in a lab of the benchmark's own (bench-ad, bench-nt4), timed
# from outside; then down.  Prints each run's figures, the median, and the
# issue's targets on two cores (ad 40 s, nt4 15 s).  The machine's load and
# core count are printed too: figures from a busy machine say little.
# --strict: exit 1 when a median misses its target.
#
# Copyright (C) 2025 the usrmgr authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
LAB_SCRIPT=${USRMGR_LAB_SCRIPT:-$top/lab/usrmgr-lab}
runs=3
strict=0
flavours=()
while [ $# -gt 0 ]; do
	case $1 in
	-n) runs=$2; shift 2 ;;
	--strict) strict=1; shift ;;
	ad | nt4) flavours+=("$1"); shift ;;
	*) echo "usage: $0 [-n RUNS] [--strict] [ad] [nt4]" >&2; exit 2 ;;
	esac
done
[ ${#flavours[@]} -gt 0 ] || flavours=(ad nt4)
[ "$(id -u)" = 0 ] || { echo "lab-up.sh: run as root" >&2; exit 2; }

target_of() { case $1 in ad) echo 40 ;; nt4) echo 15 ;; esac; }
now_us() { local t=${EPOCHREALTIME/[.,]/}; echo "$t"; }
secs() { printf '%d.%d' $(($1 / 1000000)) $((($1 % 1000000) / 100000)); }
load() { cut -d' ' -f1 /proc/loadavg; }
median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2) }'; }

echo "usrmgr-lab up + trust; $(nproc) cores; $(samba --version 2>/dev/null || smbd --version)"
printf '%-7s %-4s %8s %8s %10s %7s\n' flavour run up trust up+trust load
rc=0
for flavour in "${flavours[@]}"; do
	name=bench-$flavour
	log=$(mktemp)
	totals=()
	for run in $(seq "$runs"); do
		"$LAB_SCRIPT" --name "$name" -q down >/dev/null
		l=$(load)
		t0=$(now_us)
		"$LAB_SCRIPT" --name "$name" up --flavour "$flavour" >"$log" 2>&1 || { cat "$log"; exit 1; }
		t1=$(now_us)
		"$LAB_SCRIPT" --name "$name" trust >>"$log" 2>&1 || { cat "$log"; exit 1; }
		t2=$(now_us)
		totals+=($((t2 - t0)))
		printf '%-7s %-4s %7ss %7ss %9ss %7s\n' "$flavour" "$run" \
			"$(secs $((t1 - t0)))" "$(secs $((t2 - t1)))" "$(secs $((t2 - t0)))" "$l"
	done
	# the phases of the last run, as usrmgr-lab reports them
	sed -n 's/^  \(.*[0-9]\.[0-9] s\)$/    \1/p' "$log"
	rm -f "$log"
	"$LAB_SCRIPT" --name "$name" -q down >/dev/null
	m=$(printf '%s\n' "${totals[@]}" | median)
	target=$(target_of "$flavour")
	verdict="within"
	if [ "$m" -gt $((target * 1000000)) ]; then
		verdict="OVER"
		[ "$strict" = 1 ] && rc=1
	fi
	printf '%-7s median up+trust %ss: %s the target of %d s\n' "$flavour" "$(secs "$m")" "$verdict" "$target"
done
exit "$rc"
