#!/bin/sh
# End to end, xterm-256color, keys by name (tmux sends xterm's sequences):
# the KB Q207957 repair through the screens, a resize on the way, and the
# hardware cursor on the focused control.
. "$(dirname "$0")/lib.sh"
need_binary
need_tmux

keys_enter() { tm_keys Enter; }
keys_open_select_domain() { tm_keys F10 && tm_wait "Select Domain..." && tm_keys s; }
keys_type_domain() { tm_keys M-d C-u && tm_text "$1" && tm_keys Enter; }
keys_open_trust() { tm_keys M-p && tm_wait "Trust Relationships..." && tm_keys t; }
# The focus starts on the Trusted Domains list: Tab to Add..., to Remove.
keys_remove_trusted() { tm_keys Tab Tab Enter; }
keys_yes() { tm_keys Left Enter; }
keys_close() { tm_keys Escape; }
keys_add_trusting() { tm_keys M-d; }
keys_fill_trusting() {
	tm_text "$1" && tm_keys Tab && tm_text "$2" && tm_keys Tab &&
	tm_text "$3" && tm_keys Enter
}
keys_add_trusted() { tm_keys M-a; }
keys_fill_trusted() { tm_text "$1" && tm_keys Tab && tm_text "$2" && tm_keys Enter; }
keys_exit() { tm_keys F10 && tm_wait "Exit" && tm_keys x; }

STATE="$TMPD/state.ini"
tm_start xterm-256color 80x24 --state "$STATE"

# Before the repair: a resize to too small and back, inside the dialog.
kb_step "the main window opens" tm_wait "User Manager - " 15
kb_step "Trust Relationships opens" eval 'keys_open_trust && tm_wait "Trusted Domains:"'
kb_step "a UTF-8 terminal gets line drawing" \
	eval 'tm_screen | grep -q "┌─"'
kb_step "the cursor sits on the focused list's selected row" \
	eval 'test "$(tm_cursor)" = "9,7"'
kb_step "shrinking the terminal shows the too-small message" \
	eval 'tm resize-window -t ui -x 60 -y 20 && tm_wait "The terminal is too small (60x20)"'
kb_step "growing it redraws the dialog" \
	eval 'tm resize-window -t ui -x 100 -y 30 && tm_wait "Trust Relationships" && tm_wait_gone "too small"'
kb_step "back to 80x24" \
	eval 'tm resize-window -t ui -x 80 -y 24 && tm_wait "Trusted Domains:" && keys_close && tm_wait_gone "Trusted Domains:"'

kb_repair
kb_check_result "$STATE"
finish
