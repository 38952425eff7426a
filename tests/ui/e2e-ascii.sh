#!/bin/sh
# End to end, monochrome and ASCII: --ascii and NO_COLOR=1; the screens
# must draw no line graphics; keys by Tab order and Enter more than by
# mnemonics.
. "$(dirname "$0")/lib.sh"
need_binary
need_tmux

keys_enter() { tm_keys Enter; }
keys_open_select_domain() { tm_keys M-u && tm_wait "Select Domain..." && tm_keys s; }
# The list has the focus: Tab to the Domain field.
keys_type_domain() { tm_keys Tab C-u && tm_text "$1" && tm_keys Enter; }
# Policies: Up from the first item wraps to Repair Trust, Diagnose Trust,
# then Trust Relationships (the separator is skipped).
keys_open_trust() {
	tm_keys F10 && tm_wait "New User..." && tm_keys Right Right &&
	tm_wait "Trust Relationships..." && tm_keys Up Up Up Enter
}
keys_remove_trusted() { tm_keys Tab Tab Space; }
keys_yes() { tm_keys y; }
# Close is the default button: Alt+T to the Trusted Domains list, Enter.
keys_close() { tm_keys M-t Enter; }
# Trusting Domains' A&dd...: on ACCOUNTS both lists are empty, so Remove
# and Verify are greyed and skipped: Add..., the list, then A&dd...
keys_add_trusting() { tm_keys Tab Tab Tab Enter; }
keys_fill_trusting() {
	tm_text "$1" && tm_keys Tab && tm_text "$2" && tm_keys Tab &&
	tm_text "$3" && tm_keys Tab Enter
}
keys_add_trusted() { tm_keys Tab Enter; }
keys_fill_trusted() { tm_text "$1" && tm_keys Tab && tm_text "$2" && tm_keys Enter; }
keys_exit() { tm_keys M-u && tm_wait "Exit" && tm_keys Up Enter; }

no_line_graphics() {
	! tm_screen | grep -q '[─│┌┐└┘├┤]'
}

STATE="$TMPD/state.ini"
TM_ENV="export NO_COLOR=1"
tm_start xterm-256color 80x24 --ascii --state "$STATE"
kb_step "the main window opens" tm_wait "User Manager - " 15
kb_step "the trust dialog is drawn with + - |" \
	eval 'keys_open_trust && tm_wait "+---" && no_line_graphics && keys_close && tm_wait_gone "Trusted Domains:"'
kb_repair
check "no line graphics at any time on the last screen" no_line_graphics
kb_check_result "$STATE"
finish
