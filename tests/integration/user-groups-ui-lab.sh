#!/bin/bash
# user-groups-ui-lab.sh: User Properties > Groups (NT's Group
# Memberships) in tmux on the real labs, Samba's own tools as judges:
#  - AD: the dialog lists the user's groups and primary group as the PDC
#    has them; Set on another global group, OK, OK: samba-tool user show
#    has its RID as primaryGroupID;
#  - NT4 with the lab's scripts: the same, judged by pdbedit's Primary
#    Group SID; without a "set primary group script" (ACCESS_DENIED,
#    measured) the refusal comes in USRMGR_PRIMARY_FIXED's words at OK,
#    nothing changes, and from then on Set is greyed, the reason in the
#    status line.
# Uses the run's shared labs (lab-fixture.sh); skips (77) where no lab can
# run or USRMGR_LAB_TESTS=no, fails under CI=true.  Ends with
# "N passed, N failed".
#
# Copyright (C) 2026 the usrmgr authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
if [ "${USRMGR_LAB_TESTS:-}" = no ]; then
	echo "SKIP: USRMGR_LAB_TESTS=no"
	echo "0 passed, 0 failed"
	exit 77
fi
# shellcheck source=tests/integration/ui-lab-lib.sh
. "$(dirname "$0")/ui-lab-lib.sh"
export USRMGR_ESC_TIMEOUT=100

U=rguigrp1
printf 'Ui.Grp.pw1\n' >"$TMPD/pw"
chmod 644 "$TMPD/pw"

# the CLI on the accounts PDC, as its admin (to set the stage)
ua() {
	lab_exec console "$REAL_USRMGR" -s "$LAB_CONSOLE_SMB_CONF" \
		-A "$ACCOUNTS_ADMIN_AUTHFILE" -S "$ACCOUNTS_PDC" "$@"
}
step() { if "${@:2}"; then ok "$1"; else not_ok "$1"; fi; }
primary_rid() {
	if [ "$LAB_FLAVOUR" = ad ]; then
		lab_exec accounts samba-tool user show "$1" \
			-s "$ACCOUNTS_SMB_CONF" 2>/dev/null |
			sed -n 's/^primaryGroupID: //p'
	else
		lab_exec accounts pdbedit -s "$ACCOUNTS_SMB_CONF" -Lv "$1" \
			2>/dev/null | sed -n 's/^Primary Group SID: *S-.*-//p'
	fi
}
# the screen's "Primary Group:" line, as shown
primary_shown() {
	tm_screen | sed -n 's/.*Primary Group: \([^│|]*[^ │|]\).*/\1/p'
}
# Member of:'s rows, each Set in turn, until the primary line says NAME
# (GetGroupsForUser's order is the server's)
set_primary_to() {
	local i
	tm_keys M-m
	for i in 1 2 3 4 5; do
		tm_keys M-s && sleep 0.5
		[ "$(primary_shown)" = "$1" ] && return 0
		tm_keys M-m Down
	done
	return 1
}
# usrmgr in the console namespace of the lab now required
wrap() {
	cat >"$USRMGR" <<EOF
#!/bin/sh
exec "$LAB_SCRIPT" --name "$LAB_NAME" exec console "$REAL_USRMGR" "\$@"
EOF
}
# the main window, USER chosen by typing its name, Properties, Groups
open_groups() {
	tm_new_server
	tm_start xterm-256color 80x24 -S "$ACCOUNTS_PDC" \
		-A "$ACCOUNTS_ADMIN_AUTHFILE"
	tm_wait "User Manager - $ACCOUNTS_DOMAIN" 30 && tm_text "$1" &&
		tm_keys Enter && tm_wait "User Properties" 30 &&
		tm_keys M-g && tm_wait "Group Memberships" 30
}

# ---- AD: the groups shown, Set on another global group ----
ua user delete "$U" --yes >/dev/null 2>&1
ua group delete RgUiTeam --yes >/dev/null 2>&1
step "ad: a user in Domain Users and RgUiTeam" eval 'ua group add RgUiTeam \
	>/dev/null && ua user add "$U" --password-file "$TMPD/pw" \
	--groups "Domain Users,RgUiTeam" >/dev/null'
team=$(lab_exec accounts samba-tool group show RgUiTeam \
	-s "$ACCOUNTS_SMB_CONF" 2>/dev/null | sed -n 's/^objectSid: S-.*-//p')
step "ad: Properties > Groups" open_groups "$U"
is "ad: the primary group the PDC has" "Domain Users" "$(primary_shown)"
step "ad: Member of: both groups" eval 'tm_screen | grep -q "│ RgUiTeam " &&
	tm_screen | grep -q "│ Domain Users "'
step "ad: Set is not greyed: no reason in the status line" \
	eval '! tm_screen | grep -q "Set is unavailable"'
# Set on RgUiTeam's row, then OK (Tab from Set), then Properties' OK
step "ad: Set RgUiTeam" set_primary_to RgUiTeam
step "ad: OK, OK" eval 'tm_keys Tab Enter && tm_wait_gone "Group Memberships" &&
	tm_keys M-f Enter && tm_wait_gone "User Properties" 30'
is "ad: samba-tool: primaryGroupID is RgUiTeam's" "$team" "$(primary_rid "$U")"
step "ad: leave" eval 'tm_keys M-u && tm_wait "Exit" && tm_keys x &&
	tm_wait "EXITED rc=0" 20'
ua user delete "$U" --yes >/dev/null 2>&1
ua group delete RgUiTeam --yes >/dev/null 2>&1

# ---- NT4 with the lab's scripts: Set works as on AD ----
lab_require nt4
wrap
# (a stop midway leaves no script out; lib.sh's EXIT trap runs the hooks)
cleanup_hooks="$cleanup_hooks nt4_scripts_on"
# a group's RID from the classic PDC's group mapping
map_rid() {
	lab_exec accounts net groupmap list -s "$ACCOUNTS_SMB_CONF" \
		2>/dev/null | sed -n "s/^$1 (S-.*-\([0-9]*\)) -> .*/\1/p"
}
ua user delete "$U" --yes >/dev/null 2>&1
for g in RgUiDesk RgUiTeam RgUiSpare; do
	ua group delete "$g" --yes >/dev/null 2>&1; done
step "nt4: a user in a local and two global groups" eval 'ua group add \
	RgUiDesk --local >/dev/null && ua group add RgUiTeam >/dev/null &&
	ua group add RgUiSpare >/dev/null &&
	ua user add "$U" --password-file "$TMPD/pw" >/dev/null &&
	p=$(ua --json user show "$U" |
	sed "s/.*\"primary_group\":\"\([^\"]*\)\".*/\1/") &&
	ua user set "$U" --groups "$p,RgUiDesk,RgUiTeam,RgUiSpare" >/dev/null'
team=$(map_rid RgUiTeam)
step "nt4: Properties > Groups" open_groups "$U"
step "nt4: a primary group shown" test -n "$(primary_shown)"
step "nt4: Set is not greyed: no reason in the status line" \
	eval '! tm_screen | grep -q "Set is unavailable"'
step "nt4: Set RgUiTeam" set_primary_to RgUiTeam
step "nt4: OK, OK" eval 'tm_keys Tab Enter &&
	tm_wait_gone "Group Memberships" && tm_keys M-f Enter &&
	tm_wait_gone "User Properties" 30'
is "nt4: pdbedit: Primary Group SID is RgUiTeam's" "$team" \
	"$(primary_rid "$U")"
step "nt4: leave" eval 'tm_keys M-u && tm_wait "Exit" && tm_keys x &&
	tm_wait "EXITED rc=0" 20'

# ---- NT4 without a "set primary group script": refused in words, then
# learned: Set greyed, the reason in the status line ----
nt4_script_off "set primary group script"
step "nt4 (no script): Properties > Groups" open_groups "$U"
step "nt4 (no script): Set not greyed yet (the PDC is asked first)" \
	eval '! tm_screen | grep -q "Set is unavailable"'
step "nt4 (no script): Set RgUiSpare" set_primary_to RgUiSpare
step "nt4 (no script): OK, OK: the PDC's refusal in words" eval 'tm_keys \
	Tab Enter && tm_wait_gone "Group Memberships" && tm_keys M-f Enter &&
	tm_wait "USRMGR_PRIMARY_FIXED" 30 &&
	tm_screen | grep -q "without a \"set primary group"'
is "nt4 (no script): pdbedit: Primary Group SID unchanged" "$team" \
	"$(primary_rid "$U")"
step "nt4 (no script): the message closed, Properties still up" eval \
	'tm_keys Enter && tm_wait_gone "USRMGR_PRIMARY_FIXED" &&
	tm_wait "User Properties"'
step "nt4 (no script): Groups again" eval 'tm_keys M-g &&
	tm_wait "Group Memberships" 30'
step "nt4 (no script): learned: the reason in the status line" \
	tm_wait "Set is unavailable: this PDC does not change primary groups."
shown=$(primary_shown)
step "nt4 (no script): Set on either row: nothing changes" eval 'tm_keys \
	M-m M-s && sleep 1 && [ "$(primary_shown)" = "$shown" ] &&
	tm_keys M-m Down M-s && sleep 1 && [ "$(primary_shown)" = "$shown" ]'
step "nt4 (no script): Cancel: the reason leaves with the dialog" eval \
	'tm_keys Escape && tm_wait_gone "Group Memberships" &&
	tm_wait_gone "Set is unavailable"'
step "nt4 (no script): Cancel, leave" eval 'tm_keys Escape &&
	tm_wait_gone "User Properties" && tm_keys M-u && tm_wait "Exit" &&
	tm_keys x && tm_wait "EXITED rc=0" 20'
is "nt4 (no script): pdbedit: still RgUiTeam's" "$team" "$(primary_rid "$U")"
nt4_scripts_on
ua user delete "$U" --yes >/dev/null 2>&1
for g in RgUiDesk RgUiTeam RgUiSpare; do
	ua group delete "$g" --yes >/dev/null 2>&1; done
finish
