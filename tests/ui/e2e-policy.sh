#!/bin/sh
# End to end in tmux: Policies > Account (issue 20) at 80x24, xterm-256color
# then vt100 (raw Esc-letter bytes), judged through the model by
# `usrmgr policy account --json`:
#   - a lockout shorter than the reset window is refused in words and
#     nothing is stored; the corrected one is stored;
#   - an operator who may not change the policy (read_only) is told the
#     server's reason and nothing changes;
#   - Policies > Audit is greyed where the PDC does not let it be changed,
#     with the server's answer, and nothing is sent.
. "$(dirname "$0")/lib.sh"
need_binary
need_tmux

STATE="$TMPD/state.ini"
policy() { "$USRMGR" --state "$STATE" -S DCA policy account --json; }
has() { policy | grep -q -F -- "$1"; }

open_policy() { # xterm: Alt+P, A
	tm_keys M-p && tm_wait "Trust Relationships..." && tm_keys a &&
		tm_wait "Account Policy" && tm_wait "Password Uniqueness"
}

"$USRMGR" --scenario kb207957 --state "$STATE" trust list >/dev/null
before=$(policy)
tm_start xterm-256color 80x24 --state "$STATE" -S DCA
check "the main window on ACCOUNTS" tm_wait "User Manager - ACCOUNTS" 15
check "Policies > Account opens NT's dialog" open_policy
check "Account lockout (Alt+T), 3 attempts, reset 30, duration 10" \
	eval 'tm_keys M-t Tab && tm_text 3 && tm_keys Tab BSpace BSpace &&
	tm_text 30 && tm_keys Tab Tab Space Tab BSpace BSpace && tm_text 10 &&
	tm_keys Enter'
check "refused: the duration must be at least the reset time" \
	tm_wait "must be at least the Reset count after"
check "nothing was stored" eval '[ "$(policy)" = "$before" ]'
check "OK, duration 45, OK: the dialog closes" \
	eval 'tm_keys Enter && tm_wait_gone "must be at least" &&
	tm_keys BSpace BSpace && tm_text 45 && tm_keys Enter &&
	tm_wait_gone "Password Uniqueness"'
check "stored: lockout after 3, reset 30, duration 45" \
	eval 'has "\"lockout_threshold\":3," && has "\"reset_minutes\":30," &&
	has "\"duration_minutes\":45,"'
# Policies > Audit: read-only, the simulated PDC answering as Samba does
check "Policies > Audit: greyed, with the server's answer" \
	eval 'tm_keys M-p && tm_wait "Audit..." && tm_keys u u Enter &&
	tm_wait "does not let the audit policy be changed" &&
	tm_wait "NT_STATUS_RPC_PROCNUM_OUT_OF_RANGE"'
# the options greyed, the focus is on OK: Space presses it (an Enter
# after it would reach the main window, where it opens User Properties)
check "Space on the greyed options changes nothing; OK closes" \
	eval 'tm_keys M-a Space &&
	tm_wait_gone "NT_STATUS_RPC_PROCNUM_OUT_OF_RANGE" &&
	"$USRMGR" --state "$STATE" -S DCA policy audit --json |
	grep -q "\"auditing\":false"'
check "leave" eval 'tm_keys M-u && tm_wait "Exit" && tm_keys x &&
	tm_wait "EXITED rc=0"'
tm_kill

# vt100, and an operator who may not change the policy
printf '\n[policy ACCOUNTS]\nread_only = yes\n' >>"$STATE"
before=$(policy)
tm_new_server
tm_start vt100 80x24 --state "$STATE" -S DCA
check "vt100: the main window" tm_wait "User Manager - ACCOUNTS" 15
check "vt100: Esc p, a opens the dialog" \
	eval 'tm_hex 1b 70 && tm_wait "Trust Relationships..." && tm_keys a &&
	tm_wait "Password Uniqueness"'
check "vt100: Esc r (Remember), Tab, 5, Enter" \
	eval 'tm_hex 1b 72 && tm_keys Tab BSpace BSpace && tm_text 5 &&
	tm_keys Enter'
check "the server's reason, in words: access is denied" \
	eval 'tm_wait "The account policy was not changed." &&
	tm_wait "Access is denied"'
check "nothing changed" eval '[ "$(policy)" = "$before" ]'
check "vt100: Enter, Esc close the box and the dialog" \
	eval 'tm_keys Enter && tm_wait_gone "Access is denied" &&
	tm_hex 1b && tm_wait_gone "Password Uniqueness"'
finish
