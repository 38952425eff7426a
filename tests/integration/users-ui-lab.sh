#!/bin/bash
# users-ui-lab.sh: the user dialogs (issue 19) against the lab's real
# Samba AD DC, in tmux, usrmgr in the lab's console namespace, Samba's own
# tools as judges:
#  - User > New User on the accounts PDC: samba-tool user show reads back
#    the name, full name and description typed; the user logs on with
#    smbclient, with the password typed twice in the dialog;
#  - Properties (Enter): Account Disabled ticked, OK: samba-tool shows
#    UF_ACCOUNTDISABLE and the logon is refused (NT_STATUS_ACCOUNT_DISABLED);
#  - Rename: samba-tool knows the new name, not the old one;
#  - Delete, after NT's two warnings: samba-tool knows neither.
# Uses the run's shared ad lab (lab-fixture.sh); skips (77) where no lab can
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

U=uidlguser
PW=Ui.Dlg.pw1

# judge USER: samba-tool's view of USER on the accounts DC
judge() {
	lab_exec accounts samba-tool user show "$1" -s "$ACCOUNTS_SMB_CONF" \
		2>/dev/null
}
said() { judge "$1" | grep -Eq -- "$2"; }
unknown() { ! judge "$1" >/dev/null; }
# logon USER PASSWORD: smbclient's answer at the accounts PDC
logon() {
	local out rc=0
	printf 'username=%s\npassword=%s\ndomain=%s\n' "$1" "$2" \
		"$ACCOUNTS_DOMAIN" >"$TMPD/auth"
	chmod 644 "$TMPD/auth"
	out=$(lab_exec console smbclient -A "$TMPD/auth" \
		"//$ACCOUNTS_PDC/netlogon" -c ls 2>&1) || rc=$?
	if [ "$rc" = 0 ]; then echo NT_STATUS_OK; else
		grep -m1 -o 'NT_STATUS_[A-Z_]*' <<<"$out" || echo "rc=$rc"; fi
}
exit_usrmgr() {
	tm_keys M-u && tm_wait "Exit" && tm_keys x && tm_wait "EXITED rc=0" 20
}
step() { if "${@:2}"; then ok "$1"; else not_ok "$1"; fi; }

# leftovers of an earlier run
for u in "$U" "${U}2"; do
	lab_exec accounts samba-tool user delete "$u" \
		-s "$ACCOUNTS_SMB_CONF" >/dev/null 2>&1
done

tm_start xterm-256color 80x24 -S "$ACCOUNTS_PDC" -A "$ACCOUNTS_ADMIN_AUTHFILE"
step "the main window on ACCOUNTS' PDC" tm_wait "User Manager - ACCOUNTS" 30
step "User > New User: name, full name, description, password twice" \
	eval 'tm_keys M-u && tm_wait "New User..." && tm_keys Enter &&
	tm_wait "Confirm Password:" && tm_text "$U" && tm_keys Tab &&
	tm_text "Ui Dialog" && tm_keys Tab && tm_text "made in the dialog" &&
	tm_keys Tab && tm_text "$PW" && tm_keys Tab && tm_text "$PW" &&
	tm_keys M-m Enter && tm_wait "Close" 30 && tm_keys Escape &&
	tm_wait_gone "Confirm Password:"'
step "samba-tool: the user, full name, description" \
	eval 'said "$U" "^sAMAccountName: $U\$" &&
	said "$U" "^displayName: Ui Dialog\$" &&
	said "$U" "^description: made in the dialog\$"'
is "the new user logs on with the password typed" NT_STATUS_OK \
	"$(logon "$U" "$PW")"
step "Properties (Enter on the user): Account Disabled, OK" \
	eval 'tm_wait "$U" 30 && tm_keys Enter && tm_wait "User Properties" 30 &&
	tm_keys M-b M-f Enter && tm_wait_gone "User Properties" 30'
step "samba-tool: disabled (UF_ACCOUNTDISABLE)" \
	eval 'judge "$U" | awk "/^userAccountControl:/ {exit !(\$2 % 4 >= 2)}"'
is "a disabled user cannot log on" NT_STATUS_ACCOUNT_DISABLED \
	"$(logon "$U" "$PW")"
step "User > Rename: ${U}2" \
	eval 'tm_keys M-u && tm_wait "Rename..." && tm_keys m &&
	tm_wait "Change To:" && tm_text "${U}2" && tm_keys Enter &&
	tm_wait_gone "Change To:" 30'
step "samba-tool: the new name, not the old" \
	eval 'said "${U}2" "^sAMAccountName: ${U}2\$" && unknown "$U"'
step "Del: NT's two warnings, Yes, Yes" \
	eval 'tm_keys DC && tm_wait "unique identifier" && tm_keys M-y &&
	tm_wait "delete the user account ${U}2?" && tm_keys M-y &&
	tm_wait_gone "delete the user account" 30'
step "samba-tool: deleted" unknown "${U}2"
step "leave" exit_usrmgr
finish
