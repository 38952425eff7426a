#!/bin/sh
# Long work shows that it is working and can be cancelled: ACCOUNTS' PDC
# answers slowly; connecting to it shows "Please Wait" with Esc to cancel,
# Esc cancels (nothing changes, no error), a resize meanwhile redraws, and
# left alone the connection completes.
. "$(dirname "$0")/lib.sh"
need_binary
need_tmux

STATE="$TMPD/state.ini"
# Seed the state from kb207957, then slow ACCOUNTS down.
"$USRMGR" --state "$STATE" -S DCB trust list >/dev/null 2>&1
awk '/^\[domain ACCOUNTS\]/ { acc = 1 } /^\[domain RESOURCE\]/ { acc = 0 }
     acc && /^latency_ms/ { $0 = "latency_ms = 2000" } { print }' \
	"$STATE" > "$STATE.new" && mv "$STATE.new" "$STATE" && chmod 600 "$STATE"
check "the state file has a slow ACCOUNTS" grep -q "latency_ms = 2000" "$STATE"

open_accounts() {
	tm_keys M-u && tm_wait "Select Domain..." && tm_keys s &&
	tm_wait "Select Domain:" && tm_keys M-d C-u && tm_text ACCOUNTS &&
	tm_keys Enter
}

# Esc as soon as the box shows: the connection is cancelled, or (on a
# loaded machine, when it was already through) the reading of the lists.
cancelled_somewhere() {
	tm_wait_gone "Please Wait" 30 && ! tm_screen | grep -q "Status:" &&
	{ tm_screen | grep -q "Select Domain:" ||
	  tm_screen | grep -q "Cancelled: the list is incomplete"; }
}

tm_start xterm-256color 80x24 -S DCB --state "$STATE"
kb_step "the main window opens on RESOURCE" tm_wait "User Manager - RESOURCE" 15
kb_step "connecting to the slow PDC says so, with Esc to cancel" \
	eval 'open_accounts && tm_wait "Please Wait" && tm_wait "Press Esc to cancel"'
kb_step "Esc cancels, with no error" eval 'tm_keys Escape && cancelled_somewhere'
if tm_screen | grep -q "Select Domain:"; then
	kb_step "Cancel in Select Domain leaves RESOURCE shown" \
		eval 'tm_keys Escape && tm_wait_gone "Select Domain:" && tm_wait "User Manager - RESOURCE"'
	kb_step "connecting again" eval 'open_accounts && tm_wait "Please Wait"'
else
	ok "cancelled while the lists were read (the connection was through)"
	kb_step "reading again (F5)" eval 'tm_keys F5 && tm_wait "Please Wait"'
fi
kb_step "a resize while it works redraws the busy box" \
	eval 'tm resize-window -t ui -x 100 -y 30 && tm_wait "Press Esc to cancel" && tm resize-window -t ui -x 80 -y 24 && tm_wait "Please Wait"'
kb_step "left alone, the work completes" \
	eval 'tm_wait "User Manager - ACCOUNTS" 30 && tm_wait_gone "Please Wait" 30'
kb_step "Esc while the users are read (F5): incomplete, and it says so" \
	eval 'tm_keys F5 && tm_wait "Please Wait" && tm_keys Escape && tm_wait "Cancelled: the list is incomplete" 30 && tm_wait_gone "Please Wait" 30'
# Alt+P arrives as Esc and P together: typed ahead, not a cancel
kb_step "Alt+P while the users are read: no cancel, the list completes, then the Policies menu" \
	eval 'tm_keys F5 && tm_wait "Please Wait" && tm_keys M-p && tm_wait_gone "Please Wait" 30 && tm_wait "Trust Relationships..." && ! tm_screen | grep -q "Cancelled: the list is incomplete"'
kb_step "Esc closes the menu" eval 'tm_keys Escape && tm_wait_gone "Trust Relationships..."'
kb_step "Exit" eval 'tm_keys M-u && tm_wait "Exit" && tm_keys x && tm_wait "EXITED rc=0" 20'
finish
