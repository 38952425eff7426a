#!/bin/bash
# nt4-wizard-lab.sh: the guided repair (Policies > Repair Trust) on two
# Samba classic PDCs (the run's nt4 lab) after `usrmgr-lab break
# kb207957`.  The wizard runs in tmux on the lab's console; a classic PDC
# cannot add a trusted domain over the network, so at Add Trusted Domain it
# must stop with "run this step on the resource PDC itself", keeping its
# place in the journal (--journal, a file both namespaces see).  Then:
#  1. `usrmgr trust repair --resume` inside the resource PDC's namespace,
#     as root with its smb.conf, the same trust password from a file (the
#     password is never journaled), finishes the repair; a fresh wizard on
#     the console finds nothing to resume and the trust healthy;
#  2. the wizard itself, started inside the resource PDC's namespace,
#     offers the unfinished repair, asks the password once, checks it on
#     the accounts PDC and finishes.
# Judged by Samba's own tools: wbinfo --check-secret on the resource PDC,
# net rpc trustdom list on both, smbclient as ACCOUNTS\alice at
# //RESOURCE-PDC/netlogon.  Skips (77) where no lab can run, fails under
# CI=true.  Ends "N passed, N failed".
#
# Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
set -u
if ! command -v tmux >/dev/null 2>&1; then
	# shellcheck source=tests/integration/lab-fixture.sh
	. "$(dirname "$0")/lab-fixture.sh"
	lab_skip "tmux is not installed"
fi
# shellcheck source=tests/integration/nt4-lib.sh
. "$(dirname "$0")/nt4-lib.sh"

chmod 755 "$NT4_TMP"
SOCK=$NT4_TMP/tmux.sock
PW=$(head -n1 "$NT4_PW")
# tmx, screen, wait_for, wait_gone, keys, text
# shellcheck source=tests/integration/lab-tmux.sh
. "$(dirname "$0")/lab-tmux.sh"
cleanup() {
	tmx kill-server >/dev/null 2>&1 || true
	rm -rf "$NT4_TMP"
}
trap cleanup EXIT

# journal_has EVENT STEP STATUS: a line of the journal with all three
journal_has() {
	grep "\"event\":\"$1\"" "$J" | grep "\"step\":\"$2\"" | grep -q "\"status\":\"$3\""
}
journal_ended() { grep -q '"event":"repair-end"' "$J"; }

# start_ui HOST [USRMGR ARGS...]: usrmgr in a fresh tmux session on HOST,
# with both PDCs' admins, the logon test's user and the journal
start_ui() {
	local host=$1
	shift
	tmx kill-server >/dev/null 2>&1
	cat >"$NT4_TMP/run.sh" <<EOS
#!/bin/sh
export TERM=xterm-256color LC_ALL=C.UTF-8 LANGUAGE= USRMGR_ESC_TIMEOUT=300
export USRMGR_NT4_HELPER="$NT4_HELPER"
"$UM" $* -S "$RESOURCE_PDC" -A "$RESOURCE_ADMIN_AUTHFILE" \\
	--resource-authfile "$RESOURCE_ADMIN_AUTHFILE" \\
	--accounts-authfile "$ACCOUNTS_ADMIN_AUTHFILE" \\
	--user "$ALICE_DOMAIN\\\\$ALICE_USER" \\
	--user-password-file "$ALICE_PASSWORD_FILE" \\
	--journal "$J" 2>"$NT4_TMP/stderr"
echo "EXITED rc=\$?"
sleep 600
EOS
	chmod 755 "$NT4_TMP/run.sh"
	# the tmux server lives in HOST's namespace; keys and screen go
	# through its socket from here
	lab_exec "$host" env TERM=xterm tmux -S "$SOCK" -f /dev/null \
		new-session -d -x 80 -y 24 -s ui "$NT4_TMP/run.sh"
}

exit_ui() { # from the main window
	keys M-u && wait_for "Exit" && keys x && wait_for "EXITED rc=0"
}

# The console's part, the same in both cases: the wizard runs the remote
# steps and stops at Add Trusted Domain, its place kept in the journal.
console_part() {
	local c=$1
	J=$NT4_TMP/$c.journal
	lab_restore trusted || lab_fail "restore trusted"
	lab -q break kb207957 >/dev/null 2>&1 || lab_fail "break kb207957"
	t_is "$c: after the break alice cannot log on" NT_STATUS_ACCESS_DENIED "$(lab_logon)"

	start_ui console --resource-pdc "$RESOURCE_PDC" --accounts-pdc "$ACCOUNTS_PDC"
	t_check "$c: the main window opens on RESOURCE (NT 4.0 style)" \
		wait_for "User Manager - $RESOURCE_DOMAIN" 60
	t_check "$c: Policies > Repair Trust, the pair from the command line, OK" \
		eval 'keys M-p && wait_for "Repair Trust (KB Q207957)..." && keys r && wait_for "Resource PDC:" && keys Enter'
	t_check "$c: the trust password, typed twice" \
		eval 'wait_for "Confirm Password:" 120 && text "$PW" && keys Tab && text "$PW" && keys Enter && wait_gone "Confirm Password:"'
	t_check "$c: Run All Remaining: it stops at Add Trusted, to be run on $RESOURCE_PDC itself" \
		eval 'wait_for "Step 1 of" 60 && keys M-a && wait_for "must be run on the domain controller $RESOURCE_PDC itself" 300'
	t_check "$c:   and says how: trust repair --resume with this journal" \
		eval 'wait_for "trust repair --resume" && wait_for "$J"'
	t_check "$c:   the password never reached the screen" eval '! screen | grep -q -F -- "$PW"'
	t_check "$c: OK, Close: the wizard keeps the stop" \
		eval 'keys Enter && wait_for "[ Close ]" && keys Escape && wait_gone "Repair Trust (KB"'
	t_check "$c: Exit" exit_ui
	t_check "$c: journal: add-trusting done" journal_has step-done add-trusting NT_STATUS_OK
	t_check "$c: journal: add-trusted step-failed USRMGR_RUN_ON_PDC" \
		journal_has step-failed add-trusted USRMGR_RUN_ON_PDC
	t_check "$c: journal: the repair not ended (its place kept)" not journal_ended
	t_check "$c: no password in the journal" not grep -q -F -- "$PW" "$J"
	t_check "$c: passdb of ACCOUNTS (pdbedit): RESOURCE trusting" accounts_lists_resource
	t_check "$c: the trust account holds the typed password" trust_account_accepts "$NT4_PW"
	t_check "$c: net rpc trustdom list: nothing trusted at RESOURCE yet" eventually resource_lacks_accounts
	t_check "$c: wbinfo --check-secret still fails" not check_secret
}

repaired_by_samba() {
	local c=$1
	t_check "$c: journal: add-trusted done" journal_has step-done add-trusted NT_STATUS_OK
	t_check "$c: journal: repair-end repaired" grep -q '"event":"repair-end".*"outcome":"repaired"' "$J"
	t_check "$c: net rpc trustdom list: ACCOUNTS trusted at RESOURCE" eventually resource_trusts_accounts
	t_check "$c: passdb of ACCOUNTS (pdbedit): RESOURCE trusting" accounts_lists_resource
	t_check "$c: wbinfo --check-secret passes, ACCOUNTS\\alice lists //$RESOURCE_PDC/netlogon" trust_works
	t_check "$c: no password in the journal" not grep -q -F -- "$PW" "$J"
}

# ---- 1: the CLI resumes on the resource PDC ------------------------------
console_part cli
out=$(um resource -s /etc/samba/smb.conf --json trust repair --resume \
	--resource-authfile "$RESOURCE_ADMIN_AUTHFILE" \
	--accounts-authfile "$ACCOUNTS_ADMIN_AUTHFILE" --yes \
	--password-file "$NT4_PW" --user "$ACCOUNTS_DOMAIN\\$ALICE_USER" \
	--user-password-file "$ALICE_PASSWORD_FILE" --journal "$J")
rc=$?
t_is "cli: trust repair --resume on $RESOURCE_PDC: exit 0" 0 "$rc"
t_is "cli:   outcome repaired" repaired "$(json_get outcome <<<"$out")"
t_check "cli:   journal: logon-test done" journal_has step-done logon-test NT_STATUS_OK
repaired_by_samba cli

# back on the console: nothing to resume, the trust healthy
start_ui console --resource-pdc "$RESOURCE_PDC" --accounts-pdc "$ACCOUNTS_PDC"
t_check "cli: a fresh start on the console offers no resume" \
	eval 'wait_for "User Manager - $RESOURCE_DOMAIN" 60 && ! screen | grep -q "Resume it now"'
t_check "cli: Policies > Repair Trust: the trust is healthy" \
	eval 'keys M-p && wait_for "Repair Trust (KB Q207957)..." && keys r && wait_for "Resource PDC:" && keys Enter && wait_for "The trust is healthy" 120'
t_check "cli: No (do not re-establish), Exit" \
	eval 'keys n && wait_gone "The trust is healthy" && exit_ui'
t_is "cli: the journal holds one repair, ended" 1 "$(grep -c '"event":"repair-end"' "$J")"

# ---- 2: the wizard resumes on the resource PDC ---------------------------
console_part wizard
start_ui resource -s /etc/samba/smb.conf
t_check "wizard on $RESOURCE_PDC: the unfinished repair is offered" \
	wait_for "Resume it now?" 60
t_check "wizard on $RESOURCE_PDC: Yes: the password ACCOUNTS holds is asked, once" \
	eval 'keys y && wait_for "already holds the trust password" 120 && ! screen | grep -q "Confirm Password:"'
t_check "wizard on $RESOURCE_PDC: typed, checked on $ACCOUNTS_PDC" \
	eval 'text "$PW" && keys Enter && wait_gone "already holds the trust password" 60'
t_check "wizard on $RESOURCE_PDC: Run All Remaining: repaired" \
	eval 'wait_for "Run All Remaining" 60 && keys M-a && wait_for "The trust is repaired" 300'
t_check "wizard on $RESOURCE_PDC:   the verify and the logon test pass" \
	eval 'wait_for "Secure channel verify: passes" && wait_for "Logon test: passes"'
t_check "wizard on $RESOURCE_PDC: OK, Close, Exit" \
	eval 'keys Enter && wait_for "[ Close ]" && keys Escape && wait_gone "Repair Trust (KB" && exit_ui'
repaired_by_samba wizard

lab_restore trusted || lab_fail "restore trusted"
t_done
