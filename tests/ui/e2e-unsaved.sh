#!/bin/sh
# Without --state, simulated changes live in memory only (issue 18,
# Journal): Exit after a change says so in a message box, with how to
# keep them next time; a signal (Ctrl-C, SIGTERM) waits for nothing and
# says it on stderr; Exit without a change, or with --state, says nothing.
. "$(dirname "$0")/lib.sh"
need_binary
need_tmux

keys_exit() { tm_keys F10 && tm_wait "Exit" && tm_keys x; }
remove_accounts() { # on RESOURCE: Trusted Domains > Remove ACCOUNTS, Yes
	tm_keys F10 && tm_wait "Select Domain..." && tm_keys s &&
	tm_wait "Select Domain:" && tm_keys M-d C-u && tm_text RESOURCE &&
	tm_keys Enter && tm_wait "User Manager - RESOURCE" &&
	tm_wait_gone "Select Domain:" &&
	tm_keys M-p && tm_wait "Trust Relationships..." && tm_keys t &&
	tm_wait "Domain:  RESOURCE" && tm_wait "ACCOUNTS             unknown" &&
	tm_keys Tab Tab Enter && tm_wait "Remove ACCOUNTS from the Trusted" &&
	tm_keys Left Enter && tm_wait_gone "ACCOUNTS             unknown" &&
	tm_keys Escape && tm_wait_gone "Trusted Domains:"
}
NOTE="are not kept"

start() { # start ARGS...: a fresh usrmgr, its main window open
	tm_kill
	tm_new_server
	tm_start xterm-256color 80x24 "$@" && tm_wait "User Manager - " 15
}

# ---- a change, no --state: told on Exit ---------------------------------
check "no --state: the main window opens" start
check "no --state: ACCOUNTS removed from RESOURCE's Trusted Domains" \
	remove_accounts
check "Exit: a message box says the changes are not kept" \
	eval 'keys_exit && tm_wait "$NOTE"'
check "the box says how to keep them next time" \
	eval 'tm_screen | grep -q -- "--state FILE"'
tm_screen >"$TMPD/box"
check "the box is still up: usrmgr waits for OK" \
	eval '! grep -q EXITED "$TMPD/box"'
check "OK ends usrmgr, exit 0" eval 'tm_keys Enter && tm_wait "EXITED rc=0"'
# Ctrl-C (SIGINT) leaves at once, as any signal: no box to wait on, the
# note on stderr once the terminal is given back
check "Ctrl-C after a change: the start" start
check "Ctrl-C after a change: removed" remove_accounts
check "Ctrl-C after a change: ends at once, 130" \
	eval 'tm_keys C-c && tm_wait "EXITED rc=130"'
check "Ctrl-C after a change: the note on stderr" \
	grep -q -- "change is not kept" "$TMPD/stderr"

# ---- no change, or --state: nothing said -----------------------------------
check "no change: the start" start
check "no change: Exit ends at once" \
	eval 'keys_exit && tm_wait "EXITED rc=0" && ! tm_screen | grep -q "$NOTE"'
check "--state: the start" start --state "$TMPD/kept.ini"
check "--state: removed" remove_accounts
check "--state: Exit ends at once" \
	eval 'keys_exit && tm_wait "EXITED rc=0" && ! tm_screen | grep -q "$NOTE"'
check "--state: the change was kept" \
	eval '! "$USRMGR" --state "$TMPD/kept.ini" -S DCB trust list | grep -q "ACCOUNTS"'
# ---- a signal: no box to wait on ----------------------------------------
check "SIGTERM after a change: the start" start
check "SIGTERM after a change: removed" remove_accounts
pid=$(pgrep -P "$(tm display-message -p -t ui '#{pane_pid}')" -x usrmgr |
	head -n 1)
check "SIGTERM after a change: ends at once, 143" \
	eval 'kill -TERM "$pid" && tm_wait "EXITED rc=143"'
check "SIGTERM after a change: the note on stderr" \
	grep -q -- "change is not kept" "$TMPD/stderr"
check "Exit, no change: nothing on stderr" eval 'start && keys_exit &&
	tm_wait "EXITED rc=0" && ! grep -q -- "change is not kept" "$TMPD/stderr"'
finish
