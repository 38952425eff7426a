#!/bin/sh
# End to end, xterm-256color: the KB Q207957 repair with a password
# mismatch in Add Trusting Domain, corrected midway; nothing is added
# until both passwords agree.
. "$(dirname "$0")/lib.sh"
need_binary
need_tmux

keys_enter() { tm_keys Enter; }
keys_open_select_domain() { tm_keys M-u && tm_wait "Select Domain..." && tm_keys s; }
keys_type_domain() { tm_keys M-d C-u && tm_text "$1" && tm_keys Enter; }
keys_open_trust() { tm_keys M-p && tm_wait "Trust Relationships..." && tm_keys t; }
keys_remove_trusted() { tm_keys M-r; }
keys_yes() { tm_keys M-y; }
keys_close() { tm_keys Escape; }
keys_add_trusting() { tm_keys M-d; }
keys_fill_trusting() {
	tm_text "$1" && tm_keys Tab && tm_text "$2" && tm_keys Tab &&
	tm_text "$3" && tm_keys Enter
}
keys_add_trusted() { tm_keys M-a; }
keys_fill_trusted() { tm_text "$1" && tm_keys Tab && tm_text "$2" && tm_keys Enter; }
keys_exit() { tm_keys M-u && tm_wait "Exit" && tm_keys x; }

kb_fill_trusting() {
	kb_step "a mismatched confirmation is refused" \
		eval 'keys_fill_trusting RESOURCE "$PW" "${PW}x" && tm_wait "do not match"'
	kb_step "the passwords are masked and never on screen" \
		eval '! tm_screen | grep -q -F "$PW"'
	kb_step "nothing was added on ACCOUNTS" \
		eval '! "$USRMGR" --state "$STATE" -S DCA trust list | grep -q RESOURCE'
	kb_step "after OK, both passwords are typed again (with a Backspace)" \
		eval 'tm_keys Enter && tm_wait_gone "do not match" && tm_text "${PW}z" && tm_keys BSpace Tab && tm_text "$PW" && tm_keys Enter'
}

STATE="$TMPD/state.ini"
tm_start xterm-256color 80x24 --state "$STATE"
kb_repair
kb_check_result "$STATE"
finish
