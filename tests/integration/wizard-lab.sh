#!/bin/bash
# The guided repair (issue 8) on the lab's broken trust: an operator at
# the lab's console opens usrmgr (curses, in tmux) against the two Samba
# AD DCs after `usrmgr-lab break kb207957`, chooses Policies > Repair
# Trust (KB Q207957)..., gives a trust password twice and runs the steps.
# Judged afterwards by Samba's own tools: samba-tool on each DC (one
# direction each, validate OK) and an smbclient logon of ACCOUNTS\alice at
# the resource PDC.  Also: the journal ends as repaired, and no password
# reached the screen or the journal.
#
# Copyright (C) 2026 the usrmgr authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
. "$(dirname "$0")/lab-fixture.sh"
if ! command -v tmux >/dev/null 2>&1; then
	lab_skip "tmux is not installed"
fi
lab_require ad

USRMGR=${USRMGR:-$LAB_TOP_SRCDIR/usrmgr}
tmp=$(mktemp -d)
chmod 755 "$tmp"
SOCK=$tmp/tmux.sock
PW=Wizard.Lab.pw7
# tmx, screen, wait_for, wait_gone, keys, text
# shellcheck source=tests/integration/lab-tmux.sh
. "$(dirname "$0")/lab-tmux.sh"
cleanup() {
	tmx kill-server >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap cleanup EXIT


# ---- the break ---------------------------------------------------------
lab_restore trusted
lab break kb207957 >/dev/null
t_is "after the break alice cannot log on (the KB's symptom)" \
	NT_STATUS_NO_TRUST_SAM_ACCOUNT "$(lab_logon)"

# ---- usrmgr on the console, in tmux ---------------------------------------
cat >"$tmp/run.sh" <<EOS
#!/bin/sh
export TERM=xterm-256color LC_ALL=C.UTF-8 LANGUAGE= USRMGR_ESC_TIMEOUT=300
"$USRMGR" -s "$LAB_CONSOLE_SMB_CONF" -S "$RESOURCE_PDC" \\
	-A "$RESOURCE_ADMIN_AUTHFILE" \\
	--resource-pdc "$RESOURCE_PDC" --accounts-pdc "$ACCOUNTS_PDC" \\
	--resource-authfile "$RESOURCE_ADMIN_AUTHFILE" \\
	--accounts-authfile "$ACCOUNTS_ADMIN_AUTHFILE" \\
	--user "$ALICE_DOMAIN\\\\$ALICE_USER" \\
	--user-password-file "$ALICE_PASSWORD_FILE" \\
	--journal "$tmp/journal.jsonl" 2>"$tmp/stderr"
echo "EXITED rc=\$?"
sleep 600
EOS
chmod 755 "$tmp/run.sh"
# The tmux server lives in the console's namespace; the keys and the
# screen go through its socket from here.
lab_exec console env TERM=xterm tmux -S "$SOCK" -f /dev/null \
	new-session -d -x 80 -y 24 -s ui "$tmp/run.sh"

t_check "the main window opens on RESOURCE" wait_for "User Manager - RESOURCE" 60
t_check "Policies > Repair Trust: the pair from the command line" \
	eval 'keys M-p && wait_for "Repair Trust (KB Q207957)..." && keys r && wait_for "Resource PDC:" && wait_for "$ACCOUNTS_PDC"'
t_check "OK: the trust password is asked, twice" \
	eval 'keys Enter && wait_for "Confirm Password:" 120'
t_check "typed twice, masked" \
	eval 'text "$PW" && keys Tab && text "$PW" && keys Enter && wait_gone "Confirm Password:"'
t_check "the split view of both PDCs, Step 1 of 7 on the resource PDC" \
	eval 'wait_for "Step 1 of 7, on $RESOURCE_PDC (RESOURCE)" && wait_for "PDC $ACCOUNTS_PDC"'
t_check "Run Step: step 1 done" \
	eval 'keys Enter && wait_for "Step 1 (Trusted: Remove): done and checked" 120'
t_check "Run All Remaining: the trust is repaired" \
	eval 'keys M-a && wait_for "The trust is repaired" 300'
t_check "the verify and the logon test pass" \
	eval 'wait_for "Secure channel verify: passes" && wait_for "Logon test: passes"'
t_check "the password never reached the screen" \
	eval '! screen | grep -q -F "$PW"'
t_check "OK, Close, Exit" \
	eval 'keys Enter && wait_for "[ Close ]" && keys Escape && wait_gone "Repair Trust (KB" && keys M-u && wait_for "Exit" && keys x && wait_for "EXITED rc=0"'

# ---- Samba's own judges ----------------------------------------------
# The trusted domain object is named by the partner's NetBIOS or DNS name.
one_direction_each() {
	lab_both_lists | tr -d '\n' | grep -q -i -x -E \
		"R: ($ACCOUNTS_DOMAIN|$ACCOUNTS_DNS_DOMAIN) OUTGOINGA: ($RESOURCE_DOMAIN|$RESOURCE_DNS_DOMAIN) INCOMING"
}
t_check "samba-tool sees exactly the one direction on each DC" \
	one_direction_each
t_check "samba-tool domain trust validate: OK" lab_validate
t_is "alice logs on again (smbclient)" NT_STATUS_OK "$(lab_logon)"
t_check "the journal ends the repair as repaired" \
	grep -q '"event":"repair-end".*"outcome":"repaired"' "$tmp/journal.jsonl"
t_check "no password in the journal" \
	eval '! grep -q -F "$PW" "$tmp/journal.jsonl"'

lab_restore trusted
t_done
