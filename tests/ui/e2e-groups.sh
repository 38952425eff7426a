#!/bin/sh
# End to end in tmux: the group dialogs (issue 19) on HARBOUR (PDC QUAY1),
# which trusts FLEET (tests/ui/screens/groups.ini), judged through the
# model by `usrmgr group show --json`:
#   - xterm-256color: New Global Group with a user moved to Members; New
#     Local Group with a HARBOUR user and FLEET's global group picked in
#     Add Users and Groups, and a FLEET user typed as FLEET\name;
#   - vt100 (raw Esc-letter bytes): a global group's Properties, a member
#     removed and the description changed; User > Delete on a group (a
#     vt100 has no Delete key), NT's warning, Yes.
. "$(dirname "$0")/lib.sh"
need_binary
need_tmux

STATE="$TMPD/state.ini"
SCEN="$UI_TESTS_DIR/screens/groups.ini"
show() { "$USRMGR" --state "$STATE" -S QUAY1 group show "$1" --json; }
has() { show "$1" | grep -q -F -- "$2"; }

"$USRMGR" --scenario "$SCEN" --state "$STATE" -S QUAY1 group list \
	>/dev/null
tm_start xterm-256color 80x24 --state "$STATE" -S QUAY1
check "the main window on HARBOUR" tm_wait "User Manager - HARBOUR" 15
check "User > New Global Group opens NT's dialog" \
	eval 'tm_keys M-u && tm_wait "New Global Group..." && tm_keys g &&
	tm_wait "Not Members:"'
check "Pilots, a description, wanda moved to Members (Enter), OK" \
	eval 'tm_text Pilots && tm_keys M-d && tm_text "Harbour pilots" &&
	tm_keys M-o Down Down Enter && tm_keys M-d Enter &&
	tm_wait_gone "Not Members:"'
check "Pilots is a global group of HARBOUR holding wanda" \
	eval 'has Pilots "\"local\":false" &&
	has Pilots "\"description\":\"Harbour pilots\"" &&
	has Pilots "\"members\":[\"wanda\"]"'
check "User > New Local Group, Ferries, Add... opens Add Users and Groups" \
	eval 'tm_keys M-u && tm_wait "New Local Group..." && tm_keys l &&
	tm_wait "New Local Group" && tm_text Ferries && tm_keys M-d &&
	tm_text "Ferry crews" && tm_keys M-a &&
	tm_wait "List Names From:"'
check "ines from HARBOUR's names, FLEET\\Crew from FLEET's" \
	eval 'tm_keys M-n Down Down Enter && tm_wait "[ines" &&
	tm_keys M-l Down && tm_wait "FLEET\\captain" &&
	tm_keys M-n Enter && tm_wait "ines; FLEET\\Crew"'
check "captain typed as FLEET-backslash-name; OK looks them up and closes" \
	eval 'tm_keys M-d && tm_text "; FLEET\\captain" &&
	tm_keys Enter && tm_wait_gone "List Names From:"'
check "the members listed; OK (Enter in Members)" \
	eval 'tm_wait "FLEET\\Crew" && tm_keys Enter &&
	tm_wait_gone "New Local Group"'
check "Ferries is a local group holding ines and FLEET's Crew and captain" \
	eval 'has Ferries "\"local\":true" && has Ferries "\"ines\"" &&
	has Ferries "\"FLEET\\\\Crew\"" && has Ferries "\"FLEET\\\\captain\""'
check "leave" eval 'tm_keys M-u && tm_wait "Exit" && tm_keys x &&
	tm_wait "EXITED rc=0"'
tm_kill

tm_new_server
tm_start vt100 80x24 --state "$STATE" -S QUAY1
check "vt100: the main window" tm_wait "User Manager - HARBOUR" 15
check "vt100: Tab, D (jumps to Dockers), Enter: its Properties" \
	eval 'tm_keys Tab && tm_text D && tm_keys Enter &&
	tm_wait "Global Group Properties" &&
	tm_wait "otto"'
check "vt100: Esc m, Enter moves otto out; Esc d, new description, Enter" \
	eval 'tm_hex 1b 6d && tm_keys Enter && tm_hex 1b 64 &&
	tm_text " and the fleet" && tm_keys Enter &&
	tm_wait_gone "Global Group Properties"'
check "Dockers: no member, the new description" \
	eval 'has Dockers "\"members\":[]" &&
	has Dockers "Everyone on the quay and the fleet"'
check "vt100: User > Delete (Esc u, d) on Dockers: NT's warning" \
	eval 'tm_hex 1b 75 && tm_wait "Select Domain..." && tm_keys d &&
	tm_wait "unique identifier" &&
	tm_wait "delete the group Dockers?"'
check "vt100: Yes deletes it" \
	eval 'tm_keys y && tm_wait_gone "unique identifier" &&
	! show Dockers >/dev/null 2>&1'
check "the others are still there" \
	eval 'show Cranes >/dev/null && show Pilots >/dev/null'
finish
