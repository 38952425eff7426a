#!/bin/bash
# lab-lifecycle.sh: a lab's life and death, in a lab of this test's own
# (flavour nt4, the quicker one): up clears a dead lab of the same name
# first (namespaces and a directory without processes, as a killed test
# leaves them); up refuses a live one; a lab whose processes were ended from
# outside counts as dead; down leaves no namespace, no process and no file
# behind, and is safe to run twice.  Skips (77) where no lab can run, fails
# under CI=true.  Ends with "N passed, N failed".
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
why=$("$LAB_SCRIPT" check --flavour nt4 2>&1) || lab_skip "$why"

LAB_NAME=$(lab_prefix)-life
DIR=$LAB_ROOT/$LAB_NAME
trap 'lab -q down >/dev/null 2>&1' EXIT

namespaces() { ip netns list | awk '{print $1}' | grep -c "^$LAB_NAME-" || true; }
processes() {
	local ns n=0
	for ns in console accounts resource; do
		[ -e "/run/netns/$LAB_NAME-$ns" ] || continue
		n=$((n + $(ip netns pids "$LAB_NAME-$ns" | wc -l)))
	done
	echo "$n"
}
# processes anywhere that still name the lab's directory (they would have
# escaped their namespace): how many, and who, on stderr (the test's log).
# ("[/]": the pattern does not match the command line of the grep itself)
strays() {
	local f n=0
	for f in $(grep -l -- "[/]${DIR#/}/" /proc/[0-9]*/cmdline 2>/dev/null); do
		[ "$f" = "/proc/$$/cmdline" ] && continue
		echo "# stray: ${f%/cmdline}: $(tr '\0' ' ' <"$f")" >&2
		n=$((n + 1))
	done
	echo "$n"
}

lab -q down >/dev/null 2>&1

# a dead lab: what a killed run leaves behind
ip netns add "$LAB_NAME-console"
ip netns add "$LAB_NAME-accounts"
mkdir -p "$DIR/accounts/private"
echo stale >"$DIR/accounts/private/secrets.tdb"
t_check "a dead lab: status says no lab is up" not_quiet lab status
out=$(lab up --flavour nt4 2>&1)
rc=$?
echo "$out" | sed 's/^/# /'
t_is "up over a dead lab of the same name works" 0 "$rc"
t_check "  after clearing it" grep -q "dead lab" <<<"$out"
t_check "  and the PDCs answer" quiet lab wait --timeout 30
t_is "  three namespaces" 3 "$(namespaces)"

out=$(lab up --flavour nt4 2>&1)
rc=$?
t_is "up again while it is up: refused" 1 "$rc"
t_check "  saying so" grep -q "already up" <<<"$out"
t_check "list shows it live" grep -q "^$LAB_NAME *live *nt4" <<<"$(lab list)"

# processes ended from outside, as a CI machine handing over would
for ns in console accounts resource; do
	ip netns pids "$LAB_NAME-$ns" | xargs -r kill -KILL
done
sleep 0.5
t_check "killed from outside: the lab counts as dead (list)" grep -q "^$LAB_NAME *dead" <<<"$(lab list)"
t_check "  and commands refuse it" not_quiet lab status

out=$(lab down 2>&1)
rc=$?
t_is "down of a dead lab works" 0 "$rc"
t_is "  no namespace left" 0 "$(namespaces)"
t_is "  no process left" 0 "$(strays)"
t_check "  no directory left" test ! -e "$DIR"
t_check "  no lock file left" test ! -e "$LAB_ROOT/.$LAB_NAME.lck"

# a live lab, then down: nothing of it remains
lab -q up --flavour nt4 >/dev/null 2>&1
t_check "up from nothing works" quiet lab wait --timeout 30
out=$(lab down 2>&1)
rc=$?
t_is "down of a live lab works" 0 "$rc"
t_is "  no namespace left" 0 "$(namespaces)"
t_is "  no process left in its namespaces" 0 "$(processes)"
t_is "  no process anywhere naming its directory" 0 "$(strays)"
t_check "  no directory left" test ! -e "$DIR"
t_check "  no lock file left" test ! -e "$LAB_ROOT/.$LAB_NAME.lck"
out=$(lab down 2>&1)
rc=$?
t_is "down twice: still fine" 0 "$rc"

t_done
