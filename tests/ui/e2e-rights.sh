#!/bin/sh
# End to end in tmux: Policies > User Rights (issue 20) at 80x24 on a
# simulated domain of the test's own (LAGOON, PDC REEF7, trusting ATOLL:
# tests/ui/screens/rights.ini), xterm-256color then vt100 (raw Esc-letter
# bytes), judged through the model by `usrmgr policy rights list --json`
# on the same state file:
#   - Cancel after an Add sends nothing;
#   - Back up files and directories granted to a user of LAGOON (coral)
#     and to a trusted domain's global group (ATOLL\Divers, picked in Add
#     Users and Groups' list of ATOLL), and revoked from Backup
#     Operators: all of it sent at OK, nothing else changed;
#   - on a vt100, a right Samba AD does not keep (Log on as a service):
#     the engine's words, Add greyed; Shut down the system revoked from
#     nemo and granted to ATOLL\marlin (typed).
. "$(dirname "$0")/lib.sh"
need_binary
need_tmux

STATE="$TMPD/state.ini"
rights() { "$USRMGR" --state "$STATE" -S REEF7 policy rights list --json; }
# holders RIGHT: the names the PDC grants RIGHT to, one a line, sorted
holders() {
	rights | grep -o "{\"right\":\"$1\"[^]]*]" |
		grep -o '"name":"[^"]*"' | sed 's/^"name":"//; s/"$//' |
		sed 's/\\\\/\\/g' | LC_ALL=C sort
}
is() { # is RIGHT NAME,NAME,...: exactly those hold RIGHT
	[ "$(holders "$1" | tr '\n' ',')" = "$2," ]
}
open_rights() { # xterm: Alt+P, U (to User Rights: Audit has U too), Enter
	tm_keys M-p && tm_wait "User Rights..." && tm_keys u Enter &&
		tm_wait "User Rights Policy" && tm_wait "Grant To:"
}

"$USRMGR" --scenario "$UI_TESTS_DIR/screens/rights.ini" --state "$STATE" \
	-S REEF7 user list >/dev/null
before=$(rights)
check "the scenario: Back up held by Administrators and Backup Operators" \
	is SeBackupPrivilege "Administrators,Backup Operators"
tm_start xterm-256color 80x24 --state "$STATE" -S REEF7
check "the main window on LAGOON" tm_wait "User Manager - LAGOON" 15
check "Policies > User Rights opens NT's dialog" open_rights
check "Back up files and directories (Down, Down): its Grant To list" \
	eval 'tm_keys Down Down && tm_wait "Back up files and directories" &&
	tm_wait "Backup Operators"'
check "Add... coral (typed), OK: listed in Grant To" \
	eval 'tm_keys M-a && tm_wait "Add Users and Groups" &&
	tm_keys M-d && tm_text coral && tm_keys Enter &&
	tm_wait_gone "List Names From:" && tm_wait "coral"'
check "Cancel: the dialog closes" \
	eval 'tm_keys Escape && tm_wait_gone "Grant To:"'
check "Cancel sent nothing" eval '[ "$(rights)" = "$before" ]'
check "reopened: coral is not listed" \
	eval 'open_rights && tm_keys Down Down &&
	tm_wait "Back up files and directories" &&
	tm_wait "Backup Operators" && ! tm_screen | grep -q coral'
check "Add...: ATOLL in List Names From, its group Divers added (Enter)" \
	eval 'tm_keys M-a && tm_wait "Add Users and Groups" &&
	tm_keys M-l Down && tm_wait "The dive team" &&
	tm_keys M-n Enter && tm_wait "ATOLL\\Divers"'
check "and coral typed after it; OK: both listed in Grant To" \
	eval 'tm_keys M-d && tm_text "; coral" && tm_keys Enter &&
	tm_wait_gone "List Names From:" && tm_wait "ATOLL\\Divers" &&
	tm_wait "coral"'
check "nothing sent before OK" eval '[ "$(rights)" = "$before" ]'
# sorted: Administrators, ATOLL\Divers, Backup Operators, coral
# (no Home or End here: tmux sends them as its own terminal does)
check "Backup Operators selected (Up to the top, Down, Down), Alt+M" \
	eval 'tm_keys Up Up Up Up Down Down M-m &&
	tm_wait_gone "Backup Operators"'
check "OK (Tab, Tab, Enter): the dialog closes" \
	eval 'tm_keys Tab Tab Enter && tm_wait_gone "Grant To:"'
check "sent: Back up held by Administrators, ATOLL\\Divers and coral" \
	is SeBackupPrivilege 'ATOLL\Divers,Administrators,coral'
check "the other rights unchanged (Shut down the system)" \
	is SeShutdownPrivilege "Administrators,nemo"
check "leave" eval 'tm_keys M-u && tm_wait "Exit" && tm_keys x &&
	tm_wait "EXITED rc=0"'
tm_kill

# vt100: Esc letter for Alt
tm_new_server
tm_start vt100 80x24 --state "$STATE" -S REEF7
check "vt100: the main window" tm_wait "User Manager - LAGOON" 15
check "vt100: Esc p, u (User Rights, Audit share it), Enter opens it" \
	eval 'tm_hex 1b 70 && tm_wait "User Rights..." && tm_keys u Enter &&
	tm_wait "Grant To:"'
check "vt100: Esc s shows the advanced rights; Log on as a service: not kept" \
	eval 'tm_hex 1b 73 && tm_wait "[X] Show Advanced" && tm_hex 1b 72 &&
	tm_keys Down Down Down Down Down Down Down Down Down Down Down Down \
		Down Down Down Down Down &&
	tm_wait "Log on as a service" &&
	tm_wait "This server does not keep the right \"Log on as a service\"."'
check "vt100: Add greyed there (Esc a opens nothing)" \
	eval 'tm_hex 1b 61 && sleep 1 && ! tm_screen | grep -q "List Names From"'
check "vt100: Shut down the system (8 rights down): Administrators, nemo" \
	eval 'tm_keys Down Down Down Down Down Down Down Down &&
	tm_wait "Shut down the system" &&
	tm_wait "nemo"'
check "vt100: nemo selected in Grant To (Tab, Down), Esc m removes it" \
	eval 'tm_keys Tab Down && tm_hex 1b 6d && tm_wait_gone "nemo"'
check "vt100: Esc a, Esc d, ATOLL\\marlin typed, Enter: listed" \
	eval 'tm_hex 1b 61 && tm_wait "List Names From:" && tm_hex 1b 64 &&
	tm_text "ATOLL\\marlin" && tm_keys Enter &&
	tm_wait_gone "List Names From:" && tm_wait "ATOLL\\marlin"'
check "vt100: OK (Tab to it, Enter): the dialog closes" \
	eval 'tm_keys Tab Tab Tab Tab Enter && tm_wait_gone "Grant To:"'
check "sent: Shut down the system held by Administrators and ATOLL\\marlin" \
	is SeShutdownPrivilege 'ATOLL\marlin,Administrators'
check "Back up as the xterm run left it" \
	is SeBackupPrivilege 'ATOLL\Divers,Administrators,coral'
finish
