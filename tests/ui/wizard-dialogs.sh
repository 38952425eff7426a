#!/bin/sh
# End to end, xterm-256color (and vt100 for Esc letter): the dialogs of
# Diagnose and Repair Trust as a new operator meets them (issue 18).
#  - F1 in Repair Trust's first dialog is the Repair help, not Diagnose's;
#  - the Trust Password dialog refuses an empty password, says why, and
#    starts nothing;
#  - Diagnose's Close has an accelerator (Alt+C);
#  - in a dialog with a text field, plain letters never press a button:
#    typed in a field they go to the field, whatever accelerator letters
#    the word holds; only Alt+letter (Esc letter on vt100) presses one,
#    even when a button has the focus.
. "$(dirname "$0")/lib.sh"
need_binary
need_tmux

STATE="$TMPD/state.ini"
JOURNAL="$TMPD/journal.jsonl"
step() { kb_step "$@"; }
quit() {
	tm_keys M-u && tm_wait "Exit" && tm_keys x && tm_wait "EXITED rc=0"
}
# field_holds TEXT: the focused dialog's field shows TEXT in brackets.
field_holds() { tm_screen | grep -q -F "[$1"; }
# confirm_star: Confirm Password's field shows one star: the keys typed
# before it have all been read (keys are read in order).
confirm_star() {
	i=0
	while [ "$i" -lt 200 ]; do
		tm_screen | grep -q -E 'Confirm Password: *\[\* ' && return 0
		sleep 0.05
		i=$((i + 1))
	done
	tm_screen | sed 's/^/# | /' >&2
	return 1
}
no_repair() { ! grep -q '"event":"step-' "$JOURNAL" 2>/dev/null; }

tm_start xterm-256color 80x24 --state "$STATE" --journal "$JOURNAL"
step "the main window opens" tm_wait "User Manager - " 15

# ---- Repair Trust: its own help -----------------------------------------
step "Policies > Repair Trust: the pair dialog" \
	eval 'tm_keys M-p && tm_wait "Repair Trust (KB Q207957)..." && tm_keys r && tm_wait "Resource PDC:"'
step "F1 there is the Repair help" \
	eval 'tm_keys F1 && tm_wait "Help - Repair Trust" && tm_wait "KB Q207957" && ! tm_screen | grep -q "Help - Diagnose Trust"'
step "its help closes" \
	eval 'tm_keys Escape && tm_wait_gone "Help - Repair Trust"'

# ---- the pair dialog: a word with every accelerator letter -------------
# Help (H), Resource PDC (R), Accounts PDC (A), User (U), Password (P)
step "typed into Resource PDC, HRAUP stays in the field" \
	eval 'tm_keys C-u && tm_text "HRAUP" && tm_wait "[HRAUP" && ! tm_screen | grep -q "Help - Repair"'
step "the field is put back to DCB" \
	eval 'tm_keys C-u && tm_text DCB && tm_wait "[DCB "'

# ---- the Trust Password dialog ------------------------------------------
step "OK: the Trust Password dialog" \
	eval 'tm_keys Enter && tm_wait "Confirm Password:"'
step "F1 there: the password help" \
	eval 'tm_keys F1 && tm_wait "Help - Password" && tm_keys Escape && tm_wait_gone "Help - Password"'
step "two empty fields: refused, with a clear message" \
	eval 'tm_keys Enter && tm_wait "The trust password cannot be empty"'
step "OK on the message: still the Trust Password dialog, nothing started" \
	eval 'tm_keys Enter && tm_wait_gone "cannot be empty" && tm_wait "Confirm Password:" && ! tm_screen | grep -q "Step 1 of" && no_repair'
# Generate (G), Help (H), New Password (N), Confirm Password (C)
step "typed into New Password, GHNC is four stars" \
	eval 'tm_text "GHNC" && tm_wait "[****  " && tm_wait "Confirm Password:" && ! tm_screen | grep -q "Help - Password" && no_repair'
step "Tab twice to OK, then GHNC: no button pressed" \
	eval 'tm_keys Tab Tab && tm_text "GHNC" && tm_keys BTab && tm_text x && confirm_star && ! tm_screen | grep -q "Help - Password" && ! tm_screen | grep -q "Step 1 of" && no_repair'
step "Alt+H still opens the help from the OK button" \
	eval 'tm_keys Tab M-h && tm_wait "Help - Password" && tm_keys Escape && tm_wait_gone "Help - Password"'
step "Cancel: nothing was changed" \
	eval 'tm_keys Escape && tm_wait_gone "Confirm Password:" && no_repair'

# ---- Diagnose: Close has an accelerator ---------------------------------
step "Policies > Diagnose Trust, OK: the diagnosis" \
	eval 'tm_keys M-p && tm_wait "Diagnose Trust..." && tm_keys d && tm_wait "Resource PDC:" && tm_keys Enter && tm_wait "Verdict:"'
step "Close is underlined: Alt+C closes the diagnosis" \
	eval 'tm_keys M-c && tm_wait_gone "Verdict:"'

# ---- Add Trusting, Add Trusted, Select Domain ---------------------------
step "Trust Relationships on ACCOUNTS, Add Trusting Domain" \
	eval 'open_trust ACCOUNTS && tm_keys M-d && tm_wait "Add Trusting Domain"'
# Help (H), Trusting Domain (T), Initial Password (I), Confirm (C)
step "typed into Trusting Domain, HTIC stays in the field" \
	eval 'tm_text "HTIC" && tm_wait "[HTIC" && tm_wait "Initial Password:" && ! tm_screen | grep -q "Help - Add"'
step "Tab three times to OK, then HTIC: no button pressed" \
	eval 'tm_keys Tab Tab Tab && tm_text "HTIC" && tm_keys BTab && tm_text x && confirm_star && field_holds HTIC && ! tm_screen | grep -q "Help - Add"'
step "Cancel Add Trusting; Add Trusted Domain" \
	eval 'tm_keys Escape && tm_wait_gone "Initial Password:" && tm_keys M-a && tm_wait "Add Trusted Domain"'
# Help (H), Domain (D), Password (P)
step "typed into Domain, HDP stays in the field" \
	eval 'tm_text "HDP" && tm_wait "[HDP" && ! tm_screen | grep -q "Help - Add"'
step "Cancel Add Trusted, Close" \
	eval 'tm_keys Escape && tm_wait_gone "Add Trusted Domain" && tm_keys Escape && tm_wait_gone "Trusting Domains:"'
step "Select Domain, its Domain field" \
	eval 'tm_keys M-u && tm_wait "Select Domain..." && tm_keys s && tm_wait "Select Domain:" && tm_keys M-d C-u'
# Help (H), Select Domain (S), Domain (D)
step "typed into Domain, HSD stays in the field" \
	eval 'tm_text "HSD" && tm_wait "[HSD" && ! tm_screen | grep -q "Help - Select"'
step "Cancel, Exit" eval 'tm_keys Escape && tm_wait_gone "Select Domain:" && quit'
check "the trust was not touched (still broken at the accounts side)" \
	eval 'diagnose_json "$STATE" | grep -q broken-at-accounts'

# ---- vt100: Esc then the letter is Alt+letter ---------------------------
tm_kill; tm_new_server
tm_start vt100 80x24 --state "$STATE" --journal "$JOURNAL"
step "vt100: the main window opens" tm_wait "User Manager - " 15
step "vt100: Repair Trust, OK: the Trust Password dialog" \
	eval 'tm_hex 1b 70 && tm_wait "Repair Trust (KB Q207957)..." && tm_hex 72 && tm_wait "Resource PDC:" && tm_hex 0d && tm_wait "Confirm Password:"'
step "vt100: Tab twice to OK, then g: no button pressed" \
	eval 'tm_hex 09 09 67 && tm_hex 1b 09 && tm_hex 78 && confirm_star && ! tm_screen | grep -q "Step 1 of" && no_repair'
step "vt100: Esc h opens the help" \
	eval 'tm_hex 1b 68 && tm_wait "Help - Password" && tm_hex 1b && tm_wait_gone "Help - Password"'
step "vt100: Cancel, Exit" \
	eval 'tm_hex 1b && tm_wait_gone "Confirm Password:" && tm_hex 1b 75 && tm_wait "Exit" && tm_hex 78 && tm_wait "EXITED rc=0"'
check "the journal holds no step" no_repair
finish
