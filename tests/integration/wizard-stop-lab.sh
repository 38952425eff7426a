#!/bin/bash
# wizard-stop-lab.sh: the guided repair (issue 8) on the lab's real Samba
# AD DCs when things go wrong, after "usrmgr-lab break kb207957":
#  - a step fails for real: the accounts DC is stopped (usrmgr-lab stop
#    accounts) right before a step on ACCOUNTS; the wizard stops with the
#    PDC's message, each side's state (RESOURCE: no; ACCOUNTS: no answer)
#    and what to do; nothing changed on the resource DC (samba-tool);
#  - the DC is started again: Run Step tries the step again and goes on
#    (and the ACCOUNTS panel no longer says "no answer");
#  - usrmgr is killed (SIGKILL) right after Add Trusting on ACCOUNTS
#    (samba-tool: ACCOUNTS lists RESOURCE, RESOURCE nothing); started
#    again with the same journal it offers the unfinished repair, asks for
#    the password ACCOUNTS holds, and finishes;
# judged by samba-tool domain trust list on both DCs, samba-tool domain
# trust validate on the resource DC and ACCOUNTS\alice's smbclient logon.
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
PW=Wizard.Stop.pw8
JOURNAL=$TMPD/journal.jsonl

# The accounts DC: stopped and started again with the lab's own commands
# (start returns once both PDCs answer, the other one's cache flushed).
accounts_stop() { lab -q stop accounts >/dev/null; }
accounts_start() { lab -q start accounts >/dev/null; }
# if this test stops early, the DC must not stay down for the next one
accounts_ensure_up() { lab -q start >/dev/null 2>&1 || true; }
cleanup_hooks="accounts_ensure_up $cleanup_hooks"

# usrmgr's own process (the pane runs a shell, a wrapper, nsenter...)
usrmgr_pid() {
	local p=$1 c
	for c in $(pgrep -P "$p"); do
		if [ "$(cat "/proc/$c/comm" 2>/dev/null)" = usrmgr ]; then
			echo "$c"
			return 0
		fi
		usrmgr_pid "$c" && return 0
	done
	return 1
}
start_usrmgr() {
	tm_start xterm-256color 80x24 -s "$LAB_CONSOLE_SMB_CONF" \
		-S "$RESOURCE_PDC" -A "$RESOURCE_ADMIN_AUTHFILE" \
		--resource-pdc "$RESOURCE_PDC" --accounts-pdc "$ACCOUNTS_PDC" \
		--resource-authfile "$RESOURCE_ADMIN_AUTHFILE" \
		--accounts-authfile "$ACCOUNTS_ADMIN_AUTHFILE" \
		--user "'$ALICE_DOMAIN\\$ALICE_USER'" \
		--user-password-file "$ALICE_PASSWORD_FILE" \
		--journal "$JOURNAL"
}

# ---- the break ------------------------------------------------------------
started=$(date +%s)
lab break kb207957 >/dev/null || lab_fail "usrmgr-lab break kb207957"
is "after the break alice cannot log on (the KB's symptom)" \
	NT_STATUS_NO_TRUST_SAM_ACCOUNT "$(lab_logon)"

# ---- a step fails: the accounts DC goes down ------------------------------
start_usrmgr
kb_step "the main window opens on RESOURCE" tm_wait "User Manager - RESOURCE" 60
kb_step "Policies > Repair Trust, the pair of the command line" \
	eval 'tm_keys M-p && tm_wait "Repair Trust (KB Q207957)..." && tm_keys r && tm_wait "Resource PDC:" && tm_keys Enter'
kb_step "a new trust password, twice" \
	eval 'tm_wait "Confirm Password:" 120 && tm_text "$PW" && tm_keys Tab && tm_text "$PW" && tm_keys Enter && tm_wait "Step 1 of 7, on $RESOURCE_PDC (RESOURCE)" 60'
kb_step "Run Step: step 1 (Remove on RESOURCE) done" \
	eval 'tm_keys Enter && tm_wait "Step 1 (Trusted: Remove): done and checked" 120 && tm_wait "Step 2 of 7, on $ACCOUNTS_PDC (ACCOUNTS)"'
check "the accounts DC's samba is stopped" accounts_stop
kb_step "Run Step on ACCOUNTS: the wizard stops, with the PDC's message" \
	eval 'tm_keys Enter && tm_wait "The repair stopped at step 2 of 7, on $ACCOUNTS_PDC" 120 && tm_wait "$ACCOUNTS_PDC (ACCOUNTS):" && tm_wait "(NT_STATUS_"'
kb_step "the stop shows each side's state" \
	eval 'tm_wait "RESOURCE (PDC $RESOURCE_PDC): ACCOUNTS in its Trusted Domains: no" && tm_wait "ACCOUNTS (PDC $ACCOUNTS_PDC): RESOURCE in its Trusting Domains: cannot"'
kb_step "the stop says what to do" \
	eval 'tm_wait "What to do: mend the cause" && tm_wait "choose Run Step to try this step again"'
is "samba-tool on the resource DC: step 1 done, nothing else" "" "$(lab_trusts resource)"
check "the journal has the failed step" \
	grep -q '"event":"step-failed".*"step":"remove-trusting"' "$JOURNAL"
check "the accounts DC started again, both answer" accounts_start
kb_step "OK: the wizard shows the failure and ACCOUNTS without an answer" \
	eval 'tm_keys Enter && tm_wait_gone "The repair stopped" && tm_wait "Step 2 failed:" && tm_wait "RESOURCE: (no answer)"'
kb_step "Run Step again: step 2 goes on (already so), ACCOUNTS answers again" \
	eval 'tm_keys Enter && tm_wait "Step 2 (Trusting: Remove): already so, skipped" 120 && tm_wait "RESOURCE: missing" && tm_wait "Step 3 of 7, on $ACCOUNTS_PDC (ACCOUNTS)"'
kb_step "Run Step: step 3 (Add Trusting on ACCOUNTS) done" \
	eval 'tm_keys Enter && tm_wait "Step 3 (Trusting: Add...): done and checked" 120 && tm_wait "RESOURCE: listed" && tm_wait "Step 4 of 7"'

# ---- usrmgr killed mid-wizard -----------------------------------------------
um_pid=$(usrmgr_pid "$(tm display-message -p -t ui '#{pane_pid}')")
kb_step "usrmgr killed (SIGKILL) before step 4" \
	eval '[ -n "$um_pid" ] && kill -9 "$um_pid" && tm_wait "EXITED rc=" 20'
is "samba-tool: half a trust, ACCOUNTS lists RESOURCE, RESOURCE nothing" \
	"R: |A: RESOURCE INCOMING" \
	"R: $(lab_trusts resource)|A: $(lab_trusts accounts | sed 's/^resource\.test /RESOURCE /I')"
check "the journal holds the unfinished repair" \
	eval 'grep -q "\"step-done\".*add-trusting" "$JOURNAL" && ! grep -q repair-end "$JOURNAL"'
tm_kill
tm_new_server

start_usrmgr
kb_step "at start-up the unfinished repair is offered" \
	eval 'tm_wait "A repair of the trust was begun" 60 && tm_wait "RESOURCE trusts ACCOUNTS (PDCs $RESOURCE_PDC and $ACCOUNTS_PDC)" && tm_wait "The last step done:"'
kb_step "Yes: the password ACCOUNTS already holds is asked (once)" \
	eval 'tm_keys M-y && tm_wait "already holds the trust password" 60 && ! tm_screen | grep -q "Confirm Password:"'
kb_step "the same password, checked on ACCOUNTS: the wizard goes on at step 4" \
	eval 'tm_text "$PW" && tm_keys Enter && tm_wait "Step 4 of 7, on $RESOURCE_PDC (RESOURCE)" 120 && tm_wait "3 Trusting: Add...     done"'
kb_step "Run All Remaining: repaired, verify and logon test pass" \
	eval 'tm_keys M-a && tm_wait "The trust is repaired" 300 && tm_wait "Secure channel verify: passes" && tm_wait "Logon test: passes"'
check "the password never reached the screen" eval '! tm_screen | grep -q -F "$PW"'
kb_step "OK, Close, Exit" \
	eval 'tm_keys Enter && tm_wait "[ Close ]" && tm_keys Escape && tm_wait_gone "Repair Trust (KB" && tm_keys M-u && tm_wait "Exit" && tm_keys x && tm_wait "EXITED rc=0" 20'

# ---- Samba's own judges ------------------------------------------------------
# (the trusted domain object is named by the partner's NetBIOS or DNS name)
one_direction_each() {
	printf 'R: %s A: %s' "$(lab_trusts resource)" "$(lab_trusts accounts)" | grep -q -i -x -E \
		"R: ($ACCOUNTS_DOMAIN|$ACCOUNTS_DNS_DOMAIN) OUTGOING A: ($RESOURCE_DOMAIN|$RESOURCE_DNS_DOMAIN) INCOMING"
}
check "samba-tool sees exactly the one direction on each DC" one_direction_each
check "samba-tool domain trust validate on the resource DC: OK" lab_validate
is "alice logs on again at the resource PDC (smbclient)" NT_STATUS_OK "$(lab_logon)"
check "the journal: one repair, resumed and ended as repaired" \
	eval '[ "$(grep -c "\"event\":\"repair-start\"" "$JOURNAL")" = 1 ] && grep -q "\"event\":\"repair-end\".*\"outcome\":\"repaired\"" "$JOURNAL"'
check "no password in the journal" eval '! grep -q -F "$PW" "$JOURNAL"'
echo "# wizard-stop-lab: $(($(date +%s) - started)) s from the break to the judges"

lab_restore trusted
finish
