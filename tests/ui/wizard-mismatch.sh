#!/bin/sh
# End to end, xterm-256color: Policies > Diagnose Trust on the simulated
# password-mismatch pair (both sides hold the trust, the channel does not
# verify), then Repair... from the diagnosis: the guided repair with a
# generated password (never shown), all steps at once.  Judged by the
# model afterwards.
. "$(dirname "$0")/lib.sh"
need_binary
need_tmux

STATE="$TMPD/state.ini"
JOURNAL="$TMPD/journal.jsonl"
step() { kb_step "$@"; }

tm_start xterm-256color 80x24 --scenario password-mismatch --state "$STATE" --journal "$JOURNAL"
step "the main window opens" tm_wait "User Manager - " 15
step "Policies > Diagnose Trust: the pair dialog" \
	eval 'tm_keys M-p && tm_wait "Diagnose Trust..." && tm_keys d && tm_wait "Resource PDC:"'
step "OK: one screen with both sides" \
	eval 'tm_keys Enter && tm_wait "Resource side: RESOURCE" && tm_wait "Accounts side: ACCOUNTS"'
step "each side holds its half" \
	eval 'tm_wait "ACCOUNTS: listed" && tm_wait "RESOURCE: listed"'
step "the secure channel does not verify" \
	eval 'tm_wait "Secure channel verify: FAILS"'
step "the verdict and the cause in plain words" \
	eval 'tm_wait "Verdict: The two sides hold different trust passwords." && tm_wait "with one password"'
step "Repair... opens the guided repair of the same pair" \
	eval 'tm_keys M-r && tm_wait "Trust Password" && tm_wait "Generate"'
step "Generate: a strong password, shown to nobody" \
	eval 'tm_keys M-g && tm_wait "A strong random password was generated" && tm_keys Enter && tm_wait_gone "Trust Password"'
step "Step 1 of 6: remove on DCB" \
	eval 'tm_wait "Step 1 of 6, on DCB (RESOURCE)"'
step "Run All Remaining: repaired" \
	eval 'tm_keys M-a && tm_wait "The trust is repaired" 20 && tm_wait "Secure channel verify: passes"'
step "the summary: both removes, both adds, reset, verify" \
	eval 'tm_wait "Steps done: 6, already so: 0, of 6."'
step "OK, Close, Exit" \
	eval 'tm_keys Enter && tm_wait "[ Close ]" && tm_keys Escape && tm_wait_gone "Repair Trust (KB" && tm_keys M-u && tm_wait "Exit" && tm_keys x && tm_wait "EXITED rc=0"'
kb_check_result "$STATE"
check "the journal ends the repair as repaired" \
	grep -q '"event":"repair-end".*"outcome":"repaired"' "$JOURNAL"
finish
