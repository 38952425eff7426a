#!/bin/sh
# End to end, xterm-256color: one full training run on the simulated KB
# Q207957 scenario (usrmgr --training kb207957): the brief, a hint (F2),
# the repair done by the trainee in the ordinary screens with a deliberate
# mistake (Add Trusted Domain before Add Trusting Domain, explained by the
# coach), and, once the trust dialog's "Successfully Established" box is
# closed, the summary (the logon test, ACCOUNTS\alice, passed).
. "$(dirname "$0")/lib.sh"
need_binary
need_tmux

STATE="$TMPD/state.ini"
step() { kb_step "$@"; }

tm_start xterm-256color 80x24 --training kb207957 --state "$STATE"
step "the brief: the symptom, and where to work" \
	eval 'tm_wait "Training: kb207957." 15 && tm_wait "cannot log you on to"'
step "the training banner" \
	eval 'tm_keys Enter && tm_wait "Training: kb207957  F2 Hint"'
step "F2: a hint names the PDC and the screen" \
	eval 'tm_keys F2 && tm_wait "Hint: on DCB (RESOURCE)" && coach "Remove ACCOUNTS from the Trusted Domains of RESOURCE."'
step "Select Domain RESOURCE" select_dom RESOURCE
step "Trust Relationships on RESOURCE" open_trust RESOURCE
step "Remove ACCOUNTS from the Trusted Domains: the coach agrees" \
	eval 'tm_keys M-r && tm_wait "Remove ACCOUNTS from the Trusted Domains of RESOURCE?" && tm_keys M-y && tm_wait "Coach:" && coach "Done: Policies -> Trust Relationships -> Trusted Domains"'
step "the deliberate mistake: Add Trusted Domain before Add Trusting" \
	eval 'tm_keys M-a && tm_wait "Add Trusted Domain" && tm_text ACCOUNTS && tm_keys Tab && tm_text "$PW" && tm_keys Enter'
step "the coach explains: the trust account does not exist yet on ACCOUNTS" \
	eval 'tm_wait "Add Trusted Domain came too early" && tm_wait "exist yet on ACCOUNTS" && tm_keys Enter && tm_wait_gone "came too early"'
step "the PDC's own refusal, then back to the trust dialog" \
	eval 'tm_wait "Status:" && tm_keys Enter && tm_wait_gone "Status:" && tm_keys Escape && tm_wait_gone "Add Trusted Domain" && tm_keys Escape && tm_wait_gone "Trusted Domains:"'
step "Select Domain ACCOUNTS" select_dom ACCOUNTS
step "Add Trusting Domain RESOURCE on ACCOUNTS: the coach agrees" \
	eval 'open_trust ACCOUNTS && tm_keys M-d && tm_wait "Add Trusting Domain" && tm_text RESOURCE && tm_keys Tab && tm_text "$PW" && tm_keys Tab && tm_text "$PW" && tm_keys Enter && coach "Done: Policies -> Trust Relationships -> Trusting Domains"'
step "Close" eval 'tm_keys Escape && tm_wait_gone "Trusting Domains:"'
step "Select Domain RESOURCE again" select_dom RESOURCE
step "Add Trusted Domain ACCOUNTS with the same password" \
	eval 'open_trust RESOURCE && tm_keys M-a && tm_wait "Add Trusted Domain" && tm_text ACCOUNTS && tm_keys Tab && tm_text "$PW" && tm_keys Enter'
step "the coach: the logon test passes, training complete" \
	eval 'tm_wait "the logon test passes" 15 && coach "Training complete."'
step "then the trust dialog's own message, the summary not yet" \
	eval 'tm_wait "Successfully Established" && ! tm_screen | grep -q "Training summary"'
step "the summary after it: steps, one mistake, one hint, time" \
	eval 'tm_keys Enter && tm_wait_gone "Successfully Established" && tm_wait "Training summary" && tm_wait "Steps done: 6 of 6" && tm_wait "Mistakes: 1" && tm_wait "Hints used: 1" && tm_wait "Time: " && tm_wait "The trust was repaired." && tm_keys Enter && tm_wait_gone "Training summary"'
step "the password never appeared" eval '! tm_screen | grep -q -F "$PW"'
step "Close and Exit" \
	eval 'tm_keys Escape && tm_wait_gone "Trusted Domains:" && tm_keys M-u && tm_wait "Exit" && tm_keys x && tm_wait "EXITED rc=0"'
kb_check_result "$STATE"
finish
