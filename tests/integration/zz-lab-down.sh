#!/bin/bash
# zz-lab-down.sh: the last lab test of a run.  It waits until every test
# that uses the shared labs (LAB_TESTS) has finished, then takes this run's
# labs down (ut-XXXX-ad, ut-XXXX-nt4, and the own-names and groups-ui
# tests' ut-XXXX-own, ut-XXXX-gui-ad, ut-XXXX-gui-nt4) and checks that nothing of them is
# left: no namespace, no process, no file.  With USRMGR_LAB_KEEP=1 it keeps
# them for the next run, which reuses them.  Skips (77) when not root, fails
# then under CI=true.  Ends with "N passed, N failed".
#
# Copyright (C) 2025 the usrmgr authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
LAB_FIXTURE_NO_RUN_LOCK=1
# shellcheck source=tests/integration/lab-fixture.sh
. "$(dirname "$0")/lab-fixture.sh"

lab_disabled_skip
[ "$(id -u)" = 0 ] || lab_skip "the lab needs root (network namespaces, Samba daemons)"
[ -x "$LAB_SCRIPT" ] || lab_skip "no lab script at $LAB_SCRIPT"

# The harness starts this test after every lab test before it in TESTS; one
# started a moment ago may not hold its run lock yet.
sleep "${USRMGR_LAB_DOWN_GRACE:-2}"
RUN_LOCK=$(lab_run_lock_file)
lab_flock "$RUN_LOCK" -x || lab_fail "cannot lock $RUN_LOCK"

if [ "${USRMGR_LAB_KEEP:-0}" = 1 ]; then
	for flavour in ad nt4 own gui-ad gui-nt4; do
		name=$(lab_name_for "$flavour")
		[ -e "$LAB_ROOT/$name" ] && echo "# keeping lab $name (USRMGR_LAB_KEEP=1)"
	done
	t_ok "labs kept for the next run (USRMGR_LAB_KEEP=1)"
	t_done
fi

# (own: own-names-lab.sh's lab of its own names, left by a test killed
# before it took it down)
for flavour in ad nt4 own gui-ad gui-nt4; do
	LAB_NAME=$(lab_name_for "$flavour")
	lock=$LAB_LOCK_DIR/usrmgr-lab-$LAB_NAME.lock
	lab_flock "$lock" || lab_fail "cannot lock $lock"
	if [ ! -e "$LAB_ROOT/$LAB_NAME" ] && ! ip netns list | grep -q "^$LAB_NAME-"; then
		t_ok "no $flavour lab to take down ($LAB_NAME)"
	else
		t_check "down $LAB_NAME" lab down
		t_is "  no namespace of it left" "" "$(ip netns list | awk '{print $1}' | grep "^$LAB_NAME-")"
		t_is "  no process naming its directory left" "" \
			"$(grep -l -- "[/]${LAB_ROOT#/}/$LAB_NAME/" /proc/[0-9]*/cmdline 2>/dev/null | grep -v "^/proc/$$/")"
		t_check "  no directory left" test ! -e "$LAB_ROOT/$LAB_NAME"
		t_check "  no lock file left" test ! -e "$LAB_ROOT/.$LAB_NAME.lck"
		t_check "  down again is fine" quiet lab down
	fi
	# nobody waits on the lock now: remove it while holding it (a late
	# comer would find the file replaced and lock the new one)
	rm -f "$lock"
done
rm -f "$RUN_LOCK"

t_done
