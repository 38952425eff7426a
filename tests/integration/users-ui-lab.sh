#!/bin/bash
# users-ui-lab.sh: the user dialogs (issue 19) against the lab's real
# Samba AD DC, then its Samba classic PDC (with the lab's scripts), in
# tmux, usrmgr in the lab's console namespace, Samba's own tools as judges
# (samba-tool user show on AD, pdbedit -Lv on NT4):
#  - User > New User on the accounts PDC: Samba reads back the name, full
#    name and description typed; the user logs on with smbclient, with
#    the password typed twice in the dialog;
#  - Properties (Enter): Full Name and Description changed, Account
#    Disabled ticked, OK: Samba shows them and the logon is refused
#    (NT_STATUS_ACCOUNT_DISABLED); unticked, OK: the logon works again;
#  - Rename: Samba knows the new name, not the old one;
#  - Delete, after NT's two warnings: Samba knows neither.
# Uses the run's shared ad and nt4 labs (lab-fixture.sh); skips (77)
# where no lab can run or USRMGR_LAB_TESTS=no, fails under CI=true.
# Ends with "N passed, N failed".
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

PW=Ui.Dlg.pw1

# judge USER: Samba's own view of USER on the accounts PDC (samba-tool
# user show on AD, pdbedit -Lv on NT4)
judge() {
	if [ "$LAB_FLAVOUR" = ad ]; then
		lab_exec accounts samba-tool user show "$1" \
			-s "$ACCOUNTS_SMB_CONF" 2>/dev/null
	else
		lab_exec accounts pdbedit -s "$ACCOUNTS_SMB_CONF" -Lv "$1" \
			2>/dev/null
	fi
}
said() { judge "$1" | grep -Eq -- "$2"; }
unknown() { ! judge "$1" >/dev/null; }
# the attribute lines each judge prints: KEY VALUE-REGEX
has() { # USER WHAT VALUE: name, full, desc
	local k
	case $LAB_FLAVOUR:$2 in
	ad:name) k='sAMAccountName: ' ;;
	ad:full) k='displayName: ' ;;
	ad:desc) k='description: ' ;;
	nt4:name) k='Unix username: +' ;;
	nt4:full) k='Full Name: +' ;;
	nt4:desc) k='Account desc: +' ;;
	esac
	said "$1" "^$k$3\$"
}
disabled() {
	if [ "$LAB_FLAVOUR" = ad ]; then
		judge "$1" | awk '/^userAccountControl:/ {exit !($2 % 4 >= 2)}'
	else
		said "$1" '^Account Flags: +\[[^]]*D'
	fi
}
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
# usrmgr in the console namespace of the lab now required
wrap() {
	cat >"$USRMGR" <<EOF
#!/bin/sh
exec "$LAB_SCRIPT" --name "$LAB_NAME" exec console "$REAL_USRMGR" "\$@"
EOF
}

dialogs() { # FLAVOUR USER: the user dialogs on that lab's accounts PDC
	local f=$1 U=$2 u
	# leftovers of an earlier run
	for u in "$U" "${U}2"; do
		lab_exec console "$REAL_USRMGR" -s "$LAB_CONSOLE_SMB_CONF" \
			-A "$ACCOUNTS_ADMIN_AUTHFILE" -S "$ACCOUNTS_PDC" \
			user delete "$u" --yes >/dev/null 2>&1
	done
	tm_new_server
	tm_start xterm-256color 80x24 -S "$ACCOUNTS_PDC" \
		-A "$ACCOUNTS_ADMIN_AUTHFILE"
	step "$f: the main window on ACCOUNTS' PDC" \
		tm_wait "User Manager - $ACCOUNTS_DOMAIN" 30
	step "$f: User > New User: name, full name, description, password twice" \
		eval 'tm_keys M-u && tm_wait "New User..." && tm_keys Enter &&
		tm_wait "Confirm Password:" && tm_text "$U" && tm_keys Tab &&
		tm_text "Ui Dialog" && tm_keys Tab &&
		tm_text "made in the dialog" && tm_keys Tab && tm_text "$PW" &&
		tm_keys Tab && tm_text "$PW" && tm_keys M-m Enter &&
		tm_wait "Close" 30 && tm_keys Escape &&
		tm_wait_gone "Confirm Password:"'
	step "$f: Samba: the user, full name, description" \
		eval 'has "$U" name "$U" && has "$U" full "Ui Dialog" &&
		has "$U" desc "made in the dialog"'
	is "$f: the new user logs on with the password typed" NT_STATUS_OK \
		"$(logon "$U" "$PW")"
	step "$f: Properties: Full Name, Description, Account Disabled, OK" \
		eval 'tm_wait "$U" 30 && tm_keys Enter &&
		tm_wait "User Properties" 30 && tm_keys C-u &&
		tm_text "Ui Changed" && tm_keys Tab C-u &&
		tm_text "changed in the dialog" && tm_keys M-b M-f Enter &&
		tm_wait_gone "User Properties" 30'
	step "$f: Samba: the new full name and description" \
		eval 'has "$U" full "Ui Changed" &&
		has "$U" desc "changed in the dialog"'
	step "$f: Samba: disabled" disabled "$U"
	is "$f: a disabled user cannot log on" NT_STATUS_ACCOUNT_DISABLED \
		"$(logon "$U" "$PW")"
	step "$f: Properties: Account Disabled cleared, OK" \
		eval 'tm_keys Enter && tm_wait "User Properties" 30 &&
		tm_keys M-b M-f Enter && tm_wait_gone "User Properties" 30'
	step "$f: Samba: enabled again" not disabled "$U"
	is "$f: the user logs on again" NT_STATUS_OK "$(logon "$U" "$PW")"
	step "$f: User > Rename: ${U}2" \
		eval 'tm_keys M-u && tm_wait "Rename..." && tm_keys m &&
		tm_wait "Change To:" && tm_text "${U}2" && tm_keys Enter &&
		tm_wait_gone "Change To:" 30'
	step "$f: Samba: the new name, not the old" \
		eval 'has "${U}2" name "${U}2" && unknown "$U"'
	step "$f: Del: NT's two warnings, Yes, Yes" \
		eval 'tm_keys DC && tm_wait "unique identifier" && tm_keys M-y &&
		tm_wait "delete the user account ${U}2?" && tm_keys M-y &&
		tm_wait_gone "delete the user account" 30'
	step "$f: Samba: deleted" eval 'unknown "${U}2" && unknown "$U"'
	step "$f: leave" exit_usrmgr
}

dialogs ad uidlguser
lab_require nt4
wrap
host=$(host_accounts_sum)
dialogs nt4 uidlg4user
is "nt4: the machine's /etc/passwd and /etc/group untouched" "$host" \
	"$(host_accounts_sum)"
finish
