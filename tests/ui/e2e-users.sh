#!/bin/sh
# End to end in tmux: the user dialogs (issue 19) at 80x24 on a simulated
# domain of the test's own (FABRIKAM, PDC FABDC07: tests/ui/screens/
# users.ini), xterm-256color then vt100 (raw Esc-letter bytes), judged
# through the model by `usrmgr user show --json` on the same state file:
#   - User -> New User creates the user with the fields typed, nothing
#     before Add; a mismatched confirmation adds nothing;
#   - Properties (Enter) changes the description, keeps the password;
#   - Rename gives the user a new name, the old one is gone;
#   - Delete, after NT's two warnings, deletes it;
#   - a sub-dialog's change (Logon To) is sent only at Properties' OK;
#   - on a vt100, a disabled user created with Esc-letter keys.
. "$(dirname "$0")/lib.sh"
need_binary
need_tmux

STATE="$TMPD/state.ini"
show() { "$USRMGR" --state "$STATE" -S FABDC07 user show "$1" --json; }
has() { show "$1" | grep -q -F -- "$2"; }
gone() { show "$1" | grep -q -F '"status":"NT_STATUS_NO_SUCH_USER"'; }
# the user's NT hash in the state file: a password was set
hash_of() {
	sed -n "/^\[user FABRIKAM $1\]/,/^\[/s/^nthash = //p" "$STATE"
}

"$USRMGR" --scenario "$UI_TESTS_DIR/screens/users.ini" --state "$STATE" \
	-S FABDC07 user list >/dev/null
tm_start xterm-256color 80x24 --state "$STATE" -S FABDC07
check "the main window on FABRIKAM" tm_wait "User Manager - FABRIKAM" 15
check "User > New User opens NT's dialog" \
	eval 'tm_keys M-u && tm_wait "New User..." && tm_keys Enter &&
	tm_wait "Confirm Password:" && tm_wait "Logon To"'
check "a mismatched confirmation: refused, nothing added" \
	eval 'tm_text rbauer && tm_keys Tab && tm_text "Renate Bauer" &&
	tm_keys Tab && tm_text "Payroll, 2nd floor" && tm_keys Tab &&
	tm_text "Pay.roll7" && tm_keys Tab && tm_text "Pay.roll8" &&
	tm_keys Enter && tm_wait "do not match" && gone rbauer'
check "typed again, Password Never Expires, not Must Change: Add" \
	eval 'tm_keys Enter && tm_wait_gone "do not match" &&
	tm_text "Pay.roll7" && tm_keys Tab && tm_text "Pay.roll7" &&
	tm_keys M-m M-w Enter && tm_wait "Close"'
check "created with the fields typed" \
	eval 'has rbauer "\"full_name\":\"Renate Bauer\"" &&
	has rbauer "\"description\":\"Payroll, 2nd floor\"" &&
	has rbauer "\"password_never_expires\":true" &&
	has rbauer "\"must_change_password\":false" &&
	has rbauer "\"disabled\":false" && [ -n "$(hash_of rbauer)" ]'
hash=$(hash_of rbauer)
check "Close: the list shows the new user" \
	eval 'tm_keys Escape && tm_wait_gone "Confirm Password:" &&
	tm_wait "Renate Bauer"'
check "Enter: Properties of the selected user, the password as asterisks" \
	eval 'tm_keys Enter && tm_wait "User Properties" &&
	tm_wait "rbauer" && tm_wait "[**************]"'
check "a new description, OK: changed, the password kept" \
	eval 'tm_keys M-d C-u && tm_text "Payroll, Hamburg" && tm_keys Enter &&
	tm_wait_gone "User Properties" &&
	has rbauer "\"description\":\"Payroll, Hamburg\"" &&
	[ "$(hash_of rbauer)" = "$hash" ]'
check "User > Rename: rbauer becomes rbauer2" \
	eval 'tm_keys M-u && tm_wait "Rename..." && tm_keys m &&
	tm_wait "Change To:" && tm_text rbauer2 && tm_keys Enter &&
	tm_wait_gone "Change To:" && tm_wait "rbauer2" &&
	has rbauer2 "\"full_name\":\"Renate Bauer\"" && gone rbauer'
check "Del: NT's first warning (the unique identifier)" \
	eval 'tm_keys DC && tm_wait "unique identifier"'
check "Yes: the second (are you sure), Yes: deleted" \
	eval 'tm_keys M-y && tm_wait "delete the user account rbauer2?" &&
	tm_keys M-y && tm_wait_gone "rbauer2" && gone rbauer2'
check "Properties of the next user (tnguyen), Logon To: WS01, OK" \
	eval 'tm_keys Enter && tm_wait "User Properties" &&
	tm_wait "tnguyen" && tm_keys M-l && tm_wait "Logon Workstations" &&
	tm_keys M-t && tm_text WS01 && tm_keys Enter &&
	tm_wait_gone "Logon Workstations"'
check "nothing sent before User Properties' OK" \
	eval 'has tnguyen "\"workstations\":\"\""'
check "OK: the workstation stored" \
	eval 'tm_keys M-f Enter && tm_wait_gone "User Properties" &&
	has tnguyen "\"workstations\":\"WS01\""'
check "the others are still there" \
	eval 'has kmeier "\"full_name\":\"Karin Meier\"" &&
	has tnguyen "\"full_name\":\"Thanh Nguyen\""'
check "leave" eval 'tm_keys M-u && tm_wait "Exit" && tm_keys x &&
	tm_wait "EXITED rc=0"'
tm_kill

# vt100: Esc letter for Alt
tm_new_server
tm_start vt100 80x24 --state "$STATE" -S FABDC07
check "vt100: the main window" tm_wait "User Manager - FABRIKAM" 15
check "vt100: Esc u, Enter opens New User" \
	eval 'tm_hex 1b 75 && tm_wait "New User..." && tm_keys Enter &&
	tm_wait "Confirm Password:"'
check "vt100: a disabled user (Esc b), Add, Esc" \
	eval 'tm_text vtemp && tm_keys Tab && tm_text "Vera Temp" &&
	tm_keys Tab Tab && tm_text "Temp.pw9" && tm_keys Tab &&
	tm_text "Temp.pw9" && tm_hex 1b 62 && tm_keys Enter &&
	tm_wait "Close" && tm_hex 1b && tm_wait_gone "Confirm Password:"'
check "vt100: created disabled, must change the password" \
	eval 'has vtemp "\"full_name\":\"Vera Temp\"" &&
	has vtemp "\"disabled\":true" &&
	has vtemp "\"must_change_password\":true"'
finish
