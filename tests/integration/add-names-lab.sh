#!/bin/bash
# add-names-lab.sh: Add Users and Groups (ui/add_names.c) on the lab's real
# Samba AD DC, in tmux: its typed names are looked up through LSA
# (um_member_lookup -> the RPC backend's lookup_names, issue 20), on
# RESOURCE's PDC, which trusts ACCOUNTS:
#  - a trusted domain's name that does not exist (ACCOUNTS\rrnosuch) is
#    refused in the dialog with the server's NONE_MAPPED, in words;
#  - names that exist (a RESOURCE user typed in another case, and
#    Administrator) are looked up, shown as the server spells them, and
#    the new local group holds them: samba-tool group listmembers judges.
# Uses the run's shared ad lab (lab-fixture.sh); skips (77) where no lab
# can run, fails under CI=true.  Ends with "N passed, N failed".
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

G=RrAddNames
U=rrui1
acc=$ACCOUNTS_DOMAIN

# samba-tool's members of G on RESOURCE's DC, sorted, one line
members() {
	lab_exec resource samba-tool group listmembers "$G" \
		-s "$RESOURCE_SMB_CONF" 2>/dev/null | sort | tr '\n' ' ' |
		sed 's/ $//'
}
step() { if "${@:2}"; then ok "$1"; else not_ok "$1"; fi; }

lab_restore trusted
lab_exec resource samba-tool user create "$U" 'Rr.Ui.pw1' \
	-s "$RESOURCE_SMB_CONF" >/dev/null 2>&1 ||
	lab_fail "samba-tool user create $U on $RESOURCE_DOMAIN"

tm_start xterm-256color 80x24 -S "$RESOURCE_PDC" \
	-A "$RESOURCE_ADMIN_AUTHFILE"
step "the main window on $RESOURCE_DOMAIN" \
	tm_wait "User Manager - $RESOURCE_DOMAIN" 30
step "User > New Local Group, $G, Add... opens Add Users and Groups" \
	eval 'tm_keys M-u && tm_wait "New Local Group..." && tm_keys l &&
	tm_wait "New Local Group" && tm_text "$G" && tm_keys M-a &&
	tm_wait "List Names From:" 20'
step "$acc\\rrnosuch typed, Enter: refused, NONE_MAPPED in words" \
	eval 'tm_keys M-d && tm_text "$acc\\rrnosuch" && tm_keys Enter &&
	tm_wait "$acc\\rrnosuch:" 30 &&
	tm_wait "No mapping between account names and security IDs" &&
	tm_wait "NT_STATUS_NONE_MAPPED"'
step "OK on the message, Esc leaves Add Users and Groups" \
	eval 'tm_keys Enter && tm_wait_gone "NT_STATUS_NONE_MAPPED" &&
	tm_keys Escape && tm_wait_gone "List Names From:"'
step "Add... again: ${U^^} and Administrator typed, looked up, closed" \
	eval 'tm_keys M-a && tm_wait "List Names From:" 20 &&
	tm_keys M-d && tm_text "${U^^}; Administrator" && tm_keys Enter &&
	tm_wait_gone "List Names From:" 30'
step "Members: $U as the server spells it, and Administrator" \
	eval 'tm_wait "$U" && tm_wait "Administrator"'
step "OK (Enter in Members) creates the group" \
	eval 'tm_keys Enter && tm_wait_gone "New Local Group" 30'
is "samba-tool: $G holds Administrator and $U" "Administrator $U" \
	"$(members)"
step "leave" eval 'tm_keys M-u && tm_wait "Exit" && tm_keys x &&
	tm_wait "EXITED rc=0" 20'
tm_kill
lab_restore trusted
finish
