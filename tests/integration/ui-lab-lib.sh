# ui-lab-lib.sh: for tmux tests of the screens on the AD lab (sourced,
# not a test).  Brings the shared AD lab up or restores it (lab-fixture.sh),
# then loads the screens' tmux helpers (tests/ui/lib.sh: tm_*, ok,
# finish) with $USRMGR a wrapper that runs the real usrmgr in the lab's
# console namespace; $REAL_USRMGR is the binary itself.
#
# Copyright (C) 2026 the usrmgr authors
# SPDX-License-Identifier: GPL-3.0-or-later
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/integration/lab-fixture.sh
. "$HERE/lab-fixture.sh"
command -v tmux >/dev/null 2>&1 || lab_skip "tmux is not installed"
REAL_USRMGR=${USRMGR:-$(pwd)/usrmgr}
case $REAL_USRMGR in /*) ;; *) REAL_USRMGR=$(pwd)/$REAL_USRMGR ;; esac
[ -x "$REAL_USRMGR" ] || lab_fail "no usrmgr binary at $REAL_USRMGR"

lab_require ad

# the screens' tmux helpers (tm_*, kb_step, ok, finish); usrmgr runs in
# the console namespace through a wrapper
# shellcheck source=tests/ui/lib.sh
. "$LAB_TOP_SRCDIR/tests/ui/lib.sh"
chmod 755 "$TMPD"
USRMGR=$TMPD/usrmgr-in-console
cat >"$USRMGR" <<EOF
#!/bin/sh
exec "$LAB_SCRIPT" --name "$LAB_NAME" exec console "$REAL_USRMGR" "\$@"
EOF
chmod +x "$USRMGR"

# is DESCRIPTION EXPECTED ACTUAL (lib.sh's counters, like check)
is() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (expected '$2', got '$3')"; fi
}
