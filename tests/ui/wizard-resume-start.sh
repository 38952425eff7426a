#!/bin/sh
# End to end, xterm-256color: a repair interrupted right after its first
# step (the test binary stops itself there: USRMGR_TEST_STOP_AT, and is
# killed), so that the resource domain's half of the trust is gone; the
# next start's first screen is the offer to resume it, before any key
# (doc/operator-guide.md: "usrmgr offers to resume it the next time it
# starts"), not the main window with the trust half removed.  The engine
# decides that the repair is unfinished (um_repair_offer); the screen
# renders the offer.  Yes resumes it, and it is finished.
. "$(dirname "$0")/lib.sh"
need_binary
need_tmux
if [ ! -x "$USRMGR_TEST_BIN" ]; then
	not_ok "the test binary is not built: $USRMGR_TEST_BIN"
	finish
fi

STATE="$TMPD/state.ini"
JOURNAL="$TMPD/journal.jsonl"
step() { kb_step "$@"; }

# ---- begun, stopped after step 1 (Remove on DCB), killed ---------------
REAL_USRMGR=$USRMGR
USRMGR=$USRMGR_TEST_BIN
TM_ENV="export USRMGR_TEST_STOP_AT=after:remove-trusted"
tm_start xterm-256color 80x24 --state "$STATE" --journal "$JOURNAL"
TM_ENV=
USRMGR=$REAL_USRMGR
step "the main window opens" tm_wait "User Manager - " 15
step "no offer at first" eval '! tm_screen | grep -q "not finished"'
step "Repair Trust, the pair as offered, the trust password twice" \
	eval 'tm_keys M-p && tm_wait "Repair Trust (KB Q207957)..." && tm_keys r && tm_wait "Resource PDC:" && tm_keys Enter && tm_wait "Confirm Password:" && tm_text "$PW" && tm_keys Tab && tm_text "$PW" && tm_keys Enter && tm_wait "Step 1 of 6"'
step "Run Step: step 1 is done on DCB, and usrmgr stops there" \
	eval 'tm_keys Enter && sleep 1 && grep -q "\"step-start\".*remove-trusted" "$JOURNAL"'
pane_pid=$(tm display-message -p -t ui '#{pane_pid}')
um_pid=$(pgrep -P "$pane_pid" | head -n 1)
step "usrmgr killed where it stopped" \
	eval '[ -n "$um_pid" ] && kill -9 "$um_pid" && tm_wait "EXITED rc=137"'
check "the journal holds the repair, unfinished" \
	sh -c "grep -q repair-start '$JOURNAL' && ! grep -q repair-end '$JOURNAL'"
check "the resource domain's half is gone (no trust either way now)" \
	eval '! diagnose_json "$STATE" | grep -q -e "\"verdict\": *\"healthy\"" -e broken-at-accounts'
tm_kill
tm_new_server

# ---- the restart: the offer first ---------------------------------------
tm_start xterm-256color 80x24 --state "$STATE" --journal "$JOURNAL"
step "the first screen is the offer, with no key typed" \
	eval 'tm_wait "A repair of the trust was begun" 15 && tm_wait "RESOURCE trusts ACCOUNTS (PDCs DCB and DCA)" && tm_wait "Resume it now?"'
step "nothing else is open over it (no menu, no dialog)" \
	eval '! tm_screen | grep -q -e "Trust Relationships..." -e "Resource PDC:"'
# Stopped before its outcome was journaled, step 1 is checked again on
# the wire: already so, it will be skipped.
step "Yes: the wizard, the resource side's half shown missing" \
	eval 'tm_keys M-y && tm_wait "Confirm Password:" && tm_text "$PW" && tm_keys Tab && tm_text "$PW" && tm_keys Enter && tm_wait "Step 1 of 6" && tm_wait "ACCOUNTS: missing"'
step "Run All Remaining: repaired" \
	eval 'tm_keys M-a && tm_wait "The trust is repaired" 20'
step "OK, Close, Exit" \
	eval 'tm_keys Enter && tm_wait "[ Close ]" && tm_keys Escape && tm_wait_gone "Repair Trust (KB" && tm_keys M-u && tm_wait "Exit" && tm_keys x && tm_wait "EXITED rc=0"'
kb_check_result "$STATE"
check "one repair in the journal (resumed, not begun again)" \
	test "$(grep -c '"event":"repair-start"' "$JOURNAL")" -eq 1
finish
