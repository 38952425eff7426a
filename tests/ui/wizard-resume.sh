#!/bin/sh
# End to end, xterm-256color: the guided repair of the simulated KB
# Q207957 trust, usrmgr killed (SIGKILL) mid-wizard after Add Trusting
# Domain; started again, it offers the unfinished repair from the journal,
# asks for the password ACCOUNTS already holds (checked there), and
# finishes the repair.
. "$(dirname "$0")/lib.sh"
need_binary
need_tmux

STATE="$TMPD/state.ini"
JOURNAL="$TMPD/journal.jsonl"
step() { kb_step "$@"; }

tm_start xterm-256color 80x24 --state "$STATE" --journal "$JOURNAL"
step "the main window opens" tm_wait "User Manager - " 15
step "nothing to resume at first" \
	eval '! tm_screen | grep -q "not finished"'
step "Repair Trust, the pair as offered" \
	eval 'tm_keys M-p && tm_wait "Repair Trust (KB Q207957)..." && tm_keys r && tm_wait "Resource PDC:" && tm_keys Enter'
step "the trust password, twice" \
	eval 'tm_wait "Confirm Password:" && tm_text "$PW" && tm_keys Tab && tm_text "$PW" && tm_keys Enter && tm_wait "Step 1 of 6"'
step "step 1 (Remove on DCB)" \
	eval 'tm_keys Enter && tm_wait "Step 2 of 6"'
step "step 2 (already so)" \
	eval 'tm_keys Enter && tm_wait "Step 3 of 6"'
step "step 3 (Add Trusting on DCA)" \
	eval 'tm_keys Enter && tm_wait "Step 4 of 6" && tm_wait "RESOURCE: listed"'

pane_pid=$(tm display-message -p -t ui '#{pane_pid}')
um_pid=$(pgrep -P "$pane_pid" | head -n 1)
step "usrmgr killed mid-wizard" \
	eval '[ -n "$um_pid" ] && kill -9 "$um_pid" && tm_wait "EXITED rc=137"'
check "the journal holds an unfinished repair" \
	sh -c "grep -q '\"step-done\".*add-trusting' '$JOURNAL' && ! grep -q repair-end '$JOURNAL'"
tm_kill
tm_new_server

tm_start xterm-256color 80x24 --state "$STATE" --journal "$JOURNAL"
step "at start-up the unfinished repair is offered" \
	eval 'tm_wait "A repair of the trust was begun" 15 && tm_wait "The last step done:" && tm_wait "RESOURCE trusts ACCOUNTS (PDCs DCB and DCA)"'
step "Yes: the password ACCOUNTS already holds is asked" \
	eval 'tm_keys M-y && tm_wait "already holds the trust password" && ! tm_screen | grep -q "Confirm Password:"'
step "the same password, checked on DCA: the wizard goes on at step 4" \
	eval 'tm_text "$PW" && tm_keys Enter && tm_wait "Step 4 of 6, on DCB (RESOURCE)" && tm_wait ">4 Trusted: Add..."'
step "the steps done before are shown done" \
	eval 'tm_screen | grep -q "3 Trusting: Add\.\.\. *done"'
step "Run All Remaining: repaired" \
	eval 'tm_keys M-a && tm_wait "The trust is repaired" 20'
step "OK, Close, Exit" \
	eval 'tm_keys Enter && tm_wait "[ Close ]" && tm_keys Escape && tm_wait_gone "Repair Trust (KB" && tm_keys M-u && tm_wait "Exit" && tm_keys x && tm_wait "EXITED rc=0"'
kb_check_result "$STATE"
check "the journal ends the repair as repaired" \
	grep -q '"event":"repair-end".*"outcome":"repaired"' "$JOURNAL"
check "one repair in the journal (resumed, not begun again)" \
	test "$(grep -c '"event":"repair-start"' "$JOURNAL")" -eq 1
finish
