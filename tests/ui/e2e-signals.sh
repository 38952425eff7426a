#!/bin/sh
# The terminal is always given back: a normal exit, Ctrl-C, SIGTERM and
# SIGHUP (an SSH session dropping), also from inside a dialog and a form.
. "$(dirname "$0")/lib.sh"
need_binary
need_tmux

# The usrmgr process of the pane (a child of the pane's shell script).
ui_pid() {
	pgrep -P "$(tm display-message -p -t ui '#{pane_pid}')" -x usrmgr |
		head -n 1
}

restored() { # restored RC
	tm_wait "EXITED rc=$1" 10 &&
	test "$(tm display-message -p -t ui '#{alternate_on}')" = 0 &&
	grep -q -E '(^| )icanon( |$)' "$TMPD/stty.after" &&
	grep -q -E '(^| )echo( |$)' "$TMPD/stty.after"
}

run_case() { # run_case WHAT RC SETUP-KEYS... -- how to end it
	what=$1; rc=$2; setup=$3; ending=$4
	tm_kill
	tm_new_server
	rm -f "$TMPD/stty.after"
	tm_start xterm-256color 80x24 --state "$TMPD/state.ini"
	if ! tm_wait "User Manager - " 15; then
		not_ok "$what: the main window did not open"
		return
	fi
	eval "$setup"
	eval "$ending"
	if restored "$rc"; then
		ok "$what: exit $rc, terminal restored"
	else
		not_ok "$what: exit $rc, terminal restored"
		tm_screen | sed 's/^/# | /'
	fi
}

in_form='tm_keys M-p && tm_wait "Trust Relationships..." && tm_keys t && tm_wait "Trusted Domains:" && tm_keys M-d && tm_wait "Add Trusting Domain" && tm_text RES'

run_case "User > Exit" 0 'true' 'tm_keys M-u && tm_wait "Exit" && tm_keys x'
run_case "Ctrl-C in the main window" 130 'true' 'tm_keys C-c'
run_case "Ctrl-C in a form" 130 "$in_form" 'tm_keys C-c'
run_case "SIGTERM in the main window" 143 'true' 'kill -TERM "$(ui_pid)"'
run_case "SIGTERM in a form" 143 "$in_form" 'kill -TERM "$(ui_pid)"'
run_case "SIGHUP in the trust dialog" 129 \
	'tm_keys M-p && tm_wait "Trust Relationships..." && tm_keys t && tm_wait "Trusted Domains:"' \
	'kill -HUP "$(ui_pid)"'
finish
