#!/bin/bash
# policies-ui-lab.sh: the Policies dialogs (issue 20) in tmux on the real
# labs, usrmgr in the lab's console namespace, Samba's own tools as
# judges, on the Samba AD DC and on the Samba classic PDC:
#  - Account: At Least N characters typed in the dialog, OK: samba-tool
#    domain passwordsettings show (AD) or pdbedit -P (NT4) has N;
#  - User Rights on RESOURCE: Back up files and directories, Add...
#    ACCOUNTS\alice typed (a trusted domain's user, looked up through
#    LSA), OK: net rpc rights list accounts lists her with
#    SeBackupPrivilege; Cancel after another Add sends nothing;
#  - Audit: the server cannot change it (AD faults, the classic PDC
#    answers NOT_IMPLEMENTED, measured): the dialog says so in words.
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

step() { if "${@:2}"; then ok "$1"; else not_ok "$1"; fi; }
# the CLI, as an admin of SIDE (accounts or resource), to set the stage
cli() {
	local auth=$ACCOUNTS_ADMIN_AUTHFILE pdc=$ACCOUNTS_PDC
	if [ "$1" = resource ]; then
		auth=$RESOURCE_ADMIN_AUTHFILE pdc=$RESOURCE_PDC
	fi
	shift
	lab_exec console "$REAL_USRMGR" -s "$LAB_CONSOLE_SMB_CONF" \
		-A "$auth" -S "$pdc" "$@"
}
# Samba's own minimum password length on ACCOUNTS' PDC
min_length() {
	if [ "$LAB_FLAVOUR" = ad ]; then
		lab_exec accounts samba-tool domain passwordsettings show \
			-s "$ACCOUNTS_SMB_CONF" 2>/dev/null |
			sed -n 's/^Minimum password length: *//p'
	else
		lab_exec accounts pdbedit -s "$ACCOUNTS_SMB_CONF" \
			-P "min password length" 2>/dev/null |
			sed -n 's/.* value is: *//p'
	fi
}
# net's holders of SeBackupPrivilege on RESOURCE's PDC, lower case,
# sorted, one line
backup_holders() {
	lab_exec console net rpc rights list accounts \
		-s "$LAB_CONSOLE_SMB_CONF" -S "$RESOURCE_PDC" \
		-A "$RESOURCE_ADMIN_AUTHFILE" 2>/dev/null |
		awk '/^$/ { a = ""; next } a == "" { a = $0; next }
			$0 == "SeBackupPrivilege" { print a }' |
		tr '[:upper:]' '[:lower:]' | sort | tr '\n' ' ' | sed 's/ $//'
}
has_alice() { grep -qi "\\\\$ALICE_USER\( \|\$\)" <<<"$(backup_holders)"; }
# usrmgr in the console namespace of the lab now required
wrap() {
	cat >"$USRMGR" <<EOF
#!/bin/sh
exec "$LAB_SCRIPT" --name "$LAB_NAME" exec console "$REAL_USRMGR" "\$@"
EOF
}
main_window() { # SIDE: usrmgr on that PDC, as its admin
	local auth=$ACCOUNTS_ADMIN_AUTHFILE pdc=$ACCOUNTS_PDC
	local dom=$ACCOUNTS_DOMAIN
	if [ "$1" = resource ]; then
		auth=$RESOURCE_ADMIN_AUTHFILE pdc=$RESOURCE_PDC
		dom=$RESOURCE_DOMAIN
	fi
	tm_new_server
	tm_start xterm-256color 80x24 -S "$pdc" -A "$auth"
	tm_wait "User Manager - $dom" 30
}
open_rights() { # Alt+P, U (User Rights; Audit has U too), Enter
	tm_keys M-p && tm_wait "User Rights..." && tm_keys u Enter &&
		tm_wait "User Rights Policy" 30 && tm_wait "Grant To:" 30 &&
		tm_keys Down Down &&
		tm_wait "Back up files and directories" 30
}
leave() {
	tm_keys M-u && tm_wait "Exit" && tm_keys x && tm_wait "EXITED rc=0" 20
}

policies() { # FLAVOUR
	local f=$1 was n alice="$ACCOUNTS_DOMAIN\\$ALICE_USER"

	# ---- Account ----
	was=$(min_length)
	n=$((was == 11 ? 12 : 11))
	step "$f: the main window on ACCOUNTS' PDC" main_window accounts
	step "$f: Policies > Account: NT's dialog, the PDC's length" \
		eval 'tm_keys M-p && tm_wait "Trust Relationships..." &&
		tm_keys a && tm_wait "Password Uniqueness" 30'
	step "$f: At Least $n characters, OK" \
		eval 'tm_keys M-l Tab C-u && tm_text "$n" &&
		tm_keys Enter && tm_wait_gone "Password Uniqueness" 30'
	is "$f: Samba's minimum password length" "$n" "$(min_length)"
	cli accounts policy account --min-length "$was" >/dev/null 2>&1

	# ---- Audit: read-only, the server's answer in words ----
	step "$f: Policies > Audit: greyed, with the server's answer" \
		eval 'tm_keys M-p && tm_wait "Audit..." && tm_keys u u Enter &&
		tm_wait "does not let the audit policy be changed" 30'
	step "$f: OK closes it" \
		eval 'tm_keys Space && tm_wait_gone "Audit These Events" 20'
	step "$f: leave" leave

	# ---- User Rights on RESOURCE, a trusted domain's user ----
	cli resource policy rights revoke SeBackupPrivilege "$alice" \
		>/dev/null 2>&1
	step "$f: the main window on RESOURCE's PDC" main_window resource
	step "$f: Policies > User Rights: Back up files and directories" \
		open_rights
	step "$f: Add... $alice typed, OK: in Grant To" \
		eval 'tm_keys M-a && tm_wait "Add Users and Groups" 30 &&
		tm_keys M-d && tm_text "$alice" && tm_keys Enter &&
		tm_wait_gone "List Names From:" 30 &&
		tm_wait "$ACCOUNTS_DOMAIN\\$ALICE_USER" 30'
	step "$f: Cancel" eval 'tm_keys Escape && tm_wait_gone "Grant To:" 30'
	step "$f: net: Cancel sent nothing" not has_alice
	step "$f: again, Add... $alice, OK in both dialogs" \
		eval 'open_rights && tm_keys M-a &&
		tm_wait "Add Users and Groups" 30 && tm_keys M-d &&
		tm_text "$alice" && tm_keys Enter &&
		tm_wait_gone "List Names From:" 30 &&
		tm_wait "$ACCOUNTS_DOMAIN\\$ALICE_USER" 30 && tm_keys Enter &&
		tm_wait_gone "Grant To:" 30'
	step "$f: net rpc rights: she holds SeBackupPrivilege" has_alice
	step "$f: reopened, the dialog lists her from the PDC" \
		eval 'open_rights && tm_wait "$ACCOUNTS_DOMAIN\\$ALICE_USER" 30 &&
		tm_keys Escape && tm_wait_gone "Grant To:" 30'
	step "$f: leave" leave
	cli resource policy rights revoke SeBackupPrivilege "$alice" \
		>/dev/null 2>&1
	step "$f: net: revoked again (the CLI)" not has_alice
}

policies ad
lab_require nt4
wrap
policies nt4
finish
