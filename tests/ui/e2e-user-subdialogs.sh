#!/bin/sh
# User Properties' sub-dialogs in a real terminal (issue 19): the test
# binary opens each on NORTHWIND's mfuller (USRMGR_UI_SUBDIALOG), the
# keys change the expiry (Account), the workstations (Logon To) and the
# home directory (Profile), and `usrmgr user show --json` on the same
# state file judges what was stored.
. "$(dirname "$0")/lib.sh"
need_binary
need_tmux

USRMGR=${USRMGR_TEST_BIN:-$USRMGR}
STATE="$TMPD/state.ini"
SCEN="$UI_TESTS_DIR/screens/subdialogs.ini"
show() { "$USRMGR" --state "$STATE" -S NW-DC1 user show mfuller --json; }
has() { show | grep -q -F -- "$1"; }

open_on() { # open_on DIALOG TITLE
	tm_kill
	tm_new_server
	TM_ENV="export USRMGR_UI_SUBDIALOG=$1:mfuller"
	tm_start xterm-256color 80x24 --state "$STATE" -S NW-DC1
	tm_wait "$2" 15
}

leave() { tm_keys M-u && tm_wait "Exit" && tm_keys x &&
	tm_wait "EXITED rc=0"; }

"$USRMGR" --scenario "$SCEN" --state "$STATE" -S NW-DC1 user list \
	>/dev/null
check "Account Information opens" open_on account "Account Information"
check "a bad date refused, nothing stored" \
	eval 'tm_keys M-e C-u && tm_text 31.01.2033 && tm_keys Enter &&
	tm_wait "The date is not valid" && has "\"expires\":\"2031-03-31\""'
check "End of 2033-01-31, OK" \
	eval 'tm_keys Enter C-u && tm_text 2033-01-31 && tm_keys Enter &&
	tm_wait_gone "Account Information"'
check "stored: expires 2033-01-31" has '"expires":"2033-01-31"'
check "leave" leave

check "Logon Workstations opens" open_on logon-to "Logon Workstations"
check "All Workstations (Alt+A), OK" \
	eval 'tm_keys M-a Enter && tm_wait_gone "Logon Workstations"'
check "stored: no workstation list" has '"workstations":""'
check "leave" leave

check "User Environment Profile opens" open_on profile \
	"User Environment Profile"
check "Local Path (Alt+L) D:\\home\\mf, OK" \
	eval 'tm_keys M-l C-u && tm_text "D:\\home\\mf" && tm_keys Enter &&
	tm_wait_gone "User Environment Profile"'
check "stored: local home directory, no drive" \
	eval 'has "\"home_dir\":\"D:" && has "mf\",\"home_drive\":\"\""'
check "leave" leave
tm_kill
finish
