#!/bin/sh
# End to end, TERM=vt100 with raw bytes as a vt100 sends them: no F10 or
# Alt of its own, so Esc 0 opens the menus and Esc then a letter follows
# a mnemonic; arrows in keypad mode (ESC O A..D), Backspace ^H.
. "$(dirname "$0")/lib.sh"
need_binary
need_tmux

ESC=1b
keys_enter() { tm_hex 0d; }
keys_open_select_domain() { tm_hex $ESC 30 && tm_wait "Select Domain..." && tm_hex 73; }
# Esc d: the Domain field; ^U clears it; a typo fixed with Backspace.
keys_type_domain() {
	tm_hex $ESC 64 15 && tm_text "${1}X" && tm_hex 08 && tm_hex 0d
}
# Esc 0, Right arrow twice (ESC O C), Down three times (ESC O B) from
# Account over User Rights and Audit to Trust Relationships, Enter.
keys_open_trust() {
	tm_hex $ESC 30 && tm_wait "New User..." &&
	tm_hex $ESC 4f 43 && tm_hex $ESC 4f 43 && tm_wait "Trust Relationships..." &&
	tm_hex $ESC 4f 42 $ESC 4f 42 $ESC 4f 42 && tm_hex 0d
}
keys_remove_trusted() { tm_hex $ESC 72; }     # Esc r: &Remove
keys_yes() { tm_hex $ESC 79; }                 # Esc y: &Yes
keys_close() { tm_hex $ESC $ESC; }             # Esc Esc: at once
keys_add_trusting() { tm_hex $ESC 64; }        # Esc d: A&dd...
keys_fill_trusting() {
	tm_text "$1" && tm_hex 09 && tm_text "$2" && tm_hex 09 &&
	tm_text "$3" && tm_hex 0d
}
keys_add_trusted() { tm_hex $ESC 61; }         # Esc a: &Add...
# Esc Tab is Shift-Tab: from Password back to Domain, then forward.
keys_fill_trusted() {
	tm_hex 09 && tm_text "$2" && tm_hex $ESC 09 && tm_text "$1" &&
	tm_hex 0d
}
keys_exit() { tm_hex $ESC 75 && tm_wait "Exit" && tm_hex 78; }

STATE="$TMPD/state.ini"
tm_start vt100 80x24 --state "$STATE"
kb_step "Esc 1 opens Help (F1)" \
	eval 'tm_wait "User Manager - " 15 && tm_hex $ESC 31 && tm_wait "Help - User Manager" && tm_hex $ESC $ESC && tm_wait_gone "Help - User Manager"'
kb_repair
kb_check_result "$STATE"
finish
