#!/bin/bash
# training-lab.sh: training (issue 8) on the lab's real Samba AD DCs.  After
# "usrmgr-lab break kb207957" a trainee at the lab's console runs
# "usrmgr --training" with the lab's pair and repairs the trust in the
# ordinary screens (in tmux), with one deliberate mistake and one hint:
#  - Select Domain RESOURCE, Policies > Trust Relationships, Remove ACCOUNTS
#    from the Trusted Domains (the coach agrees; samba-tool on RESOURCE
#    lists nothing any more);
#  - Add Trusted ACCOUNTS before Add Trusting: the coach explains that the
#    trust account does not exist yet on ACCOUNTS, and samba-tool on both
#    DCs shows that nothing changed;
#  - F2: the hint names ACCOUNTS' PDC and Add Trusting Domain;
#  - Select Domain ACCOUNTS (the PDC and admin of the command line), Add
#    Trusting RESOURCE with a password; Select Domain RESOURCE, Add Trusted
#    ACCOUNTS with the same password;
#  - the summary: steps, 1 mistake, 1 hint, the time;
# then Samba's judges: samba-tool domain trust list on both DCs (one
# direction each), samba-tool domain trust validate on the resource DC,
# and ACCOUNTS\alice's smbclient logon at the resource PDC.
# Uses the run's shared ad lab (lab-fixture.sh); skips (77) where no lab can
# run, fails under CI=true.  Ends with "N passed, N failed".
#
# Copyright (C) 2026 the usrmgr authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
# the AD lab, and the screens' tmux helpers with usrmgr in its console
# shellcheck source=tests/integration/ui-lab-lib.sh
. "$(dirname "$0")/ui-lab-lib.sh"
export USRMGR_ESC_TIMEOUT=100
PW=Training.Lab.pw3

# coach TEXT: the coach (or any message box) says TEXT; OK closes it
coach() { tm_wait "$1" 30 && tm_keys Enter && tm_wait_gone "$1" 30; }
# select_domain DOMAIN: User > Select Domain, the domain's name alone
select_domain() {
	tm_keys M-u && tm_wait "Select Domain..." && tm_keys s &&
	tm_wait "Account:" && tm_keys M-d C-u && tm_text "$1" &&
	tm_keys Enter && tm_wait "User Manager - $1" 30 &&
	tm_wait_gone "Select Domain:" 30
}
open_trust() {
	tm_keys M-p && tm_wait "Trust Relationships..." && tm_keys t &&
	tm_wait "Domain:  $1" 30
}
close_trust() { tm_keys Escape && tm_wait_gone "Trusted Domains:"; }
add_trusted() {
	tm_keys M-a && tm_wait "Add Trusted Domain" && tm_text ACCOUNTS &&
	tm_keys Tab && tm_text "$PW" && tm_keys Enter
}

# ---- the break ------------------------------------------------------------
started=$(date +%s)
lab break kb207957 >/dev/null || lab_fail "usrmgr-lab break kb207957"
is "after the break alice cannot log on (the KB's symptom)" \
	NT_STATUS_NO_TRUST_SAM_ACCOUNT "$(lab_logon)"

# ---- the trainee ------------------------------------------------------------
tm_start xterm-256color 80x24 -s "$LAB_CONSOLE_SMB_CONF" \
	-S "$RESOURCE_PDC" -A "$RESOURCE_ADMIN_AUTHFILE" --training \
	--resource-pdc "$RESOURCE_PDC" --accounts-pdc "$ACCOUNTS_PDC" \
	--resource-authfile "$RESOURCE_ADMIN_AUTHFILE" \
	--accounts-authfile "$ACCOUNTS_ADMIN_AUTHFILE" \
	--user "'$ALICE_DOMAIN\\$ALICE_USER'" \
	--user-password-file "$ALICE_PASSWORD_FILE" \
	--journal "$TMPD/journal.jsonl"
kb_step "the brief: the symptom, and the lab's two PDCs" \
	eval 'tm_wait "Training." 60 && tm_wait "cannot log you on to" && tm_wait "(PDC $ACCOUNTS_PDC)"'
kb_step "the training banner" \
	eval 'tm_keys Enter && tm_wait "Training: lab  F2 Hint"'
kb_step "Select Domain RESOURCE" select_domain RESOURCE
kb_step "Trust Relationships on RESOURCE lists ACCOUNTS as trusted" \
	eval 'open_trust RESOURCE && tm_wait "ACCOUNTS             "'
kb_step "Remove ACCOUNTS from the Trusted Domains: the coach agrees" \
	eval 'tm_keys M-r && tm_wait "Remove ACCOUNTS from the Trusted Domains of RESOURCE?" && tm_keys M-y && tm_wait "Coach:" 30 && coach "Done: Policies -> Trust Relationships -> Trusted Domains"'
is "samba-tool: RESOURCE trusts nothing now, ACCOUNTS lists nothing" \
	"$(printf 'R: \nA: ')" "$(lab_both_lists)"

# The deliberate mistake: Add Trusted Domain before Add Trusting Domain.
kb_step "the mistake: Add Trusted ACCOUNTS on RESOURCE before Add Trusting" \
	add_trusted
kb_step "the coach explains: the trust account does not exist yet on ACCOUNTS" \
	eval 'tm_wait "Add Trusted Domain came too early" 60 && tm_wait "exist yet on ACCOUNTS" && tm_keys Enter && tm_wait_gone "came too early"'
kb_step "the PDC's own refusal, then out of the dialogs" \
	eval 'tm_wait "Status:" && tm_keys Enter && tm_wait_gone "Status:" && tm_keys Escape && tm_wait_gone "Add Trusted Domain" && close_trust'
is "samba-tool: the mistake changed nothing on either DC" \
	"$(printf 'R: \nA: ')" "$(lab_both_lists)"

kb_step "F2: the hint names ACCOUNTS' PDC and Add Trusting Domain" \
	eval 'tm_keys F2 && tm_wait "Hint: on $ACCOUNTS_PDC (ACCOUNTS)" && tm_wait "Trusting Domains -> Add..." && coach "Add RESOURCE to the Trusting Domains of ACCOUNTS"'
kb_step "Select Domain ACCOUNTS (the PDC named on the command line)" \
	select_domain ACCOUNTS
kb_step "Add Trusting Domain RESOURCE on ACCOUNTS: the coach agrees" \
	eval 'open_trust ACCOUNTS && tm_keys M-d && tm_wait "Add Trusting Domain" && tm_text RESOURCE && tm_keys Tab && tm_text "$PW" && tm_keys Tab && tm_text "$PW" && tm_keys Enter && coach "Done: Policies -> Trust Relationships -> Trusting Domains"'
kb_step "RESOURCE is in ACCOUNTS' Trusting Domains; Close" \
	eval 'tm_wait "RESOURCE             " 30 && tm_keys Escape && tm_wait_gone "Trusting Domains:"'
kb_step "Select Domain RESOURCE again" select_domain RESOURCE
kb_step "Add Trusted Domain ACCOUNTS with the same password" \
	eval 'open_trust RESOURCE && add_trusted'
kb_step "the coach: the logon test passes, training complete" \
	eval 'tm_wait "the logon test passes" 120 && coach "Training complete."'
kb_step "then the trust dialog's own message, the summary not yet" \
	eval 'tm_wait "Successfully Established" && ! tm_screen | grep -q "Training summary"'
kb_step "the summary after it: steps, one mistake, one hint, the time" \
	eval 'tm_keys Enter && tm_wait_gone "Successfully Established" && tm_wait "Training summary" && tm_wait "Steps done: 6 of 6" && tm_wait "Mistakes: 1" && tm_wait "Hints used: 1" && tm_wait "Time: " && tm_wait "The trust was repaired."'
minutes=$(tm_screen | sed -n 's/.*Time: \([0-9]*\) min \([0-9]*\) s.*/\1 \2/p')
elapsed=$(($(date +%s) - started))
check "the summary's time is the training's (${minutes% *} min ${minutes#* } s; ${elapsed} s since the break)" \
	eval '[ -n "$minutes" ] && set -- $minutes && [ $(($1 * 60 + 10#$2)) -le "$elapsed" ]'
kb_step "OK closes the summary" \
	eval 'tm_keys Enter && tm_wait_gone "Training summary"'
check "the password never reached the screen" eval '! tm_screen | grep -q -F "$PW"'
kb_step "Close and Exit" \
	eval 'close_trust && tm_keys M-u && tm_wait "Exit" && tm_keys x && tm_wait "EXITED rc=0" 20'

# ---- Samba's own judges ------------------------------------------------------
# (the trusted domain object is named by the partner's NetBIOS or DNS name)
one_direction_each() {
	lab_both_lists | tr -d '\n' | grep -q -i -x -E \
		"R: ($ACCOUNTS_DOMAIN|$ACCOUNTS_DNS_DOMAIN) OUTGOINGA: ($RESOURCE_DOMAIN|$RESOURCE_DNS_DOMAIN) INCOMING"
}
check "samba-tool sees exactly the one direction on each DC" one_direction_each
check "samba-tool domain trust validate on the resource DC: OK" lab_validate
is "alice logs on again at the resource PDC (smbclient)" NT_STATUS_OK "$(lab_logon)"
check "no password in the journal" \
	eval '[ ! -e "$TMPD/journal.jsonl" ] || ! grep -q -F "$PW" "$TMPD/journal.jsonl"'
echo "# training-lab: $(($(date +%s) - started)) s from the break to the judges"

lab_restore trusted
finish
