#!/bin/sh
# End to end, xterm-256color: the guided repair (Policies > Repair Trust)
# of the simulated KB Q207957 broken trust, with a logon test as
# ACCOUNTS\alice: the pair, the trust password twice (masked), Step 1 run
# on its own, F1 (the KB's cause and the step's purpose), then Run All
# Remaining; at the end the verify and logon-test results.  Judged
# afterwards by the model (trust diagnose --json) and the journal.
. "$(dirname "$0")/lib.sh"
need_binary
need_tmux

STATE="$TMPD/state.ini"
JOURNAL="$TMPD/journal.jsonl"
step() { kb_step "$@"; }

tm_start xterm-256color 80x24 --state "$STATE" --journal "$JOURNAL"
step "the main window opens" tm_wait "User Manager - " 15
step "Policies offers Repair Trust" \
	eval 'tm_keys M-p && tm_wait "Repair Trust (KB Q207957)..."'
step "the pair dialog, DCB and DCA offered" \
	eval 'tm_keys r && tm_wait "Resource PDC:" && tm_wait "DCB" && tm_wait "DCA"'
step "the logon test user and password" \
	eval 'tm_keys M-u && tm_text "ACCOUNTS\\alice" && tm_keys Tab && tm_text "Alice.pw1" && tm_keys Enter'
step "the trust password is asked once, with confirmation" \
	eval 'tm_wait "Trust Password" && tm_wait "Confirm Password:"'
step "typed twice" \
	eval 'tm_text "$PW" && tm_keys Tab && tm_text "$PW" && tm_keys Enter && tm_wait_gone "Confirm Password:"'
step "the split view: both PDCs" \
	eval 'tm_wait "RESOURCE - PDC DCB" && tm_wait "ACCOUNTS - PDC DCA"'
step "Step 1 of 7, on DCB, highlighted" \
	eval 'tm_wait "Step 1 of 7, on DCB (RESOURCE)" && tm_wait ">1 Trusted: Remove"'
step "what it does and why" \
	eval 'tm_wait "Remove ACCOUNTS from the Trusted Domains of RESOURCE."'
step "F1: the KB's cause and the step's purpose" \
	eval 'tm_keys F1 && tm_wait "The cause (KB Q207957)" && tm_wait "Step 1 of 7, on DCB (RESOURCE):" && tm_wait "Checked afterwards:"'
step "Help closes" eval 'tm_keys Escape && tm_wait_gone "The cause (KB"'
step "Run Step: step 1 done, its outcome shown" \
	eval 'tm_keys Enter && tm_wait "Step 1 (Trusted: Remove): done and checked"'
step "the resource side no longer holds the trust" \
	eval 'tm_wait "ACCOUNTS: missing" && tm_wait "Step 2 of 7, on DCA (ACCOUNTS)"'
step "Run All Remaining: repaired, verify and logon test pass" \
	eval 'tm_keys M-a && tm_wait "The trust is repaired" 20 && tm_wait "Secure channel verify: passes" && tm_wait "Logon test: passes"'
step "the summary counts the steps" \
	eval 'tm_wait "Steps done: 6, already so: 1, of 7."'
step "the password never appeared" eval '! tm_screen | grep -q -F "$PW"'
step "OK, Close, Exit" \
	eval 'tm_keys Enter && tm_wait "[ Close ]" && tm_keys Escape && tm_wait_gone "Repair Trust (KB" && tm_keys M-u && tm_wait "Exit" && tm_keys x && tm_wait "EXITED rc=0"'
kb_check_result "$STATE"
check "the journal ends the repair as repaired" \
	grep -q '"event":"repair-end".*"outcome":"repaired"' "$JOURNAL"
check "no secret in the journal" \
	sh -c "! grep -q -e '$PW' -e Alice.pw1 '$JOURNAL'"
finish
