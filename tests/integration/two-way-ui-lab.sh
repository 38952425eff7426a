#!/bin/bash
# two-way-ui-lab.sh: a two-way trust with one direction broken the KB
# Q207957 way, repaired by hand through the trust screens (issue 22), on
# the run's AD lab and NT4 lab.  usrmgr runs in tmux: on AD on the lab's
# console; on NT4 in the namespace of the broken direction's trusting
# (resource) PDC, where Add Trusted Domain is local.  The four KB steps:
#  1. Remove the trusted domain on the resource side's Trusted Domains;
#  2. Remove it on the accounts side's Trusting Domains where shown;
#  3. Add Trusting on the accounts side, with a password twice;
#  4. Add Trusted on the resource side, with the same password.
# On Samba AD an object holds both directions and stores a password only
# when it is created (doc/two-way.md): steps 3 and 4 ask first, saying the
# other direction keeps its password and keeps working (usrmgr reads it
# back over DRSUAPI, issue 22); between them that direction still passes
# its check, and after step 4 both directions work.  Judged by Samba: samba-tool domain trust validate on
# each DC (AD), wbinfo --check-secret on each PDC (NT4), a logon each way
# (ACCOUNTS\alice at RESOURCE, RESOURCE\Administrator at ACCOUNTS) and
# `usrmgr-lab status`.  Also: Remove on one list of a healthy two-way
# trust leaves the other direction checking and logging on; and the
# wizard (Policies > Repair Trust) run once (AD: on the console; NT4: on
# the resource PDC) repairs the broken direction, both healthy after.
# Skips (77) where no lab can run, fails under CI=true.  Ends "N passed,
# N failed".
#
# Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
set -u
# shellcheck source=tests/integration/lab-fixture.sh
. "$(dirname "$0")/lab-fixture.sh"
command -v tmux >/dev/null 2>&1 || lab_skip "tmux is not installed"
TOP_BUILDDIR=${top_builddir:-$LAB_TOP_SRCDIR}
# the test binary: it takes $USRMGR_NT4_HELPER, the source tree's helper
UM=${USRMGR_TEST_BIN:-$TOP_BUILDDIR/tests/usrmgr-test}
case $UM in /*) ;; *) UM=$(pwd)/$UM ;; esac
NT4_HELPER=${USRMGR_NT4_HELPER:-$LAB_TOP_SRCDIR/helpers/usrmgr-nt4-trust}
[ -x "$UM" ] || lab_skip "usrmgr is not built ($UM)"

lab_require ad
lab_require nt4

TMP=$(mktemp -d "${TMPDIR:-/tmp}/usrmgr-two-way-ui.XXXXXX")
chmod 755 "$TMP"
SOCK=$TMP/tmux.sock
# tmx, screen, wait_for, wait_gone, keys, text
# shellcheck source=tests/integration/lab-tmux.sh
. "$(dirname "$0")/lab-tmux.sh"
cleanup() {
	tmx kill-server >/dev/null 2>&1 || true
	rm -rf "$TMP"
}
trap cleanup EXIT
# TEXT on the screen, which a message box may have wrapped: of each line
# its widest part between box borders (the message box's text where it
# is on top), the lines joined, runs of blanks as one
joined_on_screen() {
	screen | awk -F'│' '{ w = ""; for (i = 1; i <= NF; i++)
		if (length($i) > length(w)) w = $i; print w }' |
		tr '\n' ' ' | tr -s ' ' | grep -F -q -- "$1"
}
wait_for_joined() { # TEXT [SECONDS]
	wait_until "${2:-30}" joined_on_screen "$1" && return 0
	echo "# timed out waiting for: $1" >&2
	screen | sed 's/^/# | /' >&2
	return 1
}
# the trust password typed on both sides (our own, not the lab's)
PW="Tw.Ui.$(od -An -N4 -tx1 /dev/urandom | tr -d ' \n').pw"

# ---- Samba's judges, each direction ------------------------------------------
# RTA: RESOURCE trusts ACCOUNTS (ACCOUNTS\alice at RESOURCE);
# ATR: ACCOUNTS trusts RESOURCE (RESOURCE\Administrator at ACCOUNTS)
judge() { # SIDE PARTNER-DNS PARTNER-NETBIOS: the check on SIDE's PDC
	local conf=$ACCOUNTS_SMB_CONF
	[ "$1" = resource ] && conf=$RESOURCE_SMB_CONF
	if [ "$LAB_FLAVOUR" = ad ]; then
		lab_exec "$1" samba-tool domain trust validate "$2" \
			--validate-location=local -s "$conf" 2>&1 |
			grep -q '^OK: LocalValidation'
	else
		lab_exec "$1" wbinfo --check-secret --domain="$3" >/dev/null 2>&1
	fi
}
logon() { # AUTHFILE PDC: NT_STATUS_OK or the failure
	local out rc=0
	out=$(lab_exec console smbclient -A "$1" "//$2/netlogon" -c ls 2>&1) || rc=$?
	if [ "$rc" = 0 ]; then echo NT_STATUS_OK
	else grep -m1 -o 'NT_STATUS_[A-Z_]*' <<<"$out" || echo "rc=$rc"; fi
}
# (winbindd may need a moment after a change: a few tries)
eventually() {
	local i
	for i in 1 2 3 4 5 6 7 8 9 10; do
		"$@" && return 0
		sleep 1
	done
	return 1
}
rta_judge() { judge resource "$ACCOUNTS_DNS_DOMAIN" "$ACCOUNTS_DOMAIN"; }
atr_judge() { judge accounts "$RESOURCE_DNS_DOMAIN" "$RESOURCE_DOMAIN"; }
rta_logon() { [ "$(logon "$ALICE_AUTHFILE" "$RESOURCE_PDC")" = NT_STATUS_OK ]; }
atr_logon() { [ "$(logon "$RESOURCE_ADMIN_AUTHFILE" "$ACCOUNTS_PDC")" = NT_STATUS_OK ]; }
rta_works() { rta_judge && rta_logon; }
atr_works() { atr_judge && atr_logon; }
both_work() { # WHAT
	t_check "$1: RESOURCE trusts ACCOUNTS: Samba's check" eventually rta_judge
	t_check "$1:   ACCOUNTS\\alice logs on at RESOURCE" eventually rta_logon
	t_check "$1: ACCOUNTS trusts RESOURCE: Samba's check" eventually atr_judge
	t_check "$1:   RESOURCE\\Administrator logs on at ACCOUNTS" eventually atr_logon
	t_check "$1: usrmgr-lab status: every direction healthy" eventually quiet lab status
}

# ---- usrmgr in tmux ------------------------------------------------------------
# start_ui HOST ARGS...: usrmgr in a fresh tmux session in HOST's namespace
start_ui() {
	local host=$1
	shift
	tmx kill-server >/dev/null 2>&1
	cat >"$TMP/run.sh" <<EOS
#!/bin/sh
export TERM=xterm-256color LC_ALL=C.UTF-8 LANGUAGE= USRMGR_ESC_TIMEOUT=300
export USRMGR_NT4_HELPER="$NT4_HELPER"
"$UM" $* 2>"$TMP/stderr"
echo "EXITED rc=\$?"
sleep 600
EOS
	chmod 755 "$TMP/run.sh"
	lab_exec "$host" env TERM=xterm tmux -S "$SOCK" -f /dev/null \
		new-session -d -x 80 -y 24 -s ui "$TMP/run.sh"
}
open_trust() { keys M-p && wait_for "Trust Relationships..." && keys t; }
close_trust() { keys Escape && wait_gone "Trusted Domains:"; }
exit_ui() { keys M-u && wait_for "Exit" && keys x && wait_for "EXITED rc=0"; }
# select_domain DOMAIN PDC [ACCOUNT PASSWORD]
select_domain() {
	keys M-u && wait_for "Select Domain..." && keys s &&
		wait_for "Account:" && keys M-d C-u && text "$1" &&
		keys M-p C-u && text "$2" && keys M-a C-u &&
		{ [ -z "${3:-}" ] || text "$3"; } && keys Enter || return 1
	[ -z "${3:-}" ] && return 0
	wait_for "Password for $3 on $2" 30 && text "$4" && keys Enter
}
# NAME on a line of its own in the Trusting Domains list (the screen's
# lower list), or in the Trusted Domains list
in_trusting() { screen | sed -n '/Trusting Domains:/,$p' | grep -q "│ $1  "; }
in_trusted() { screen | sed -n '/Trusted Domains:/,/Trusting Domains:/p' | grep -q "│ $1  "; }
# (a Remove's question goes before the Remove is done: wait for these)
not_in_trusting() { ! in_trusting "$1"; }
not_in_trusted() { ! in_trusted "$1"; }
# the trust dialog of DOMAIN shows (the lists read)
dialog_of() { wait_for "Domain:  $1" 30 && wait_gone "Please Wait" 30; }

# ---- the KB steps by hand ------------------------------------------------------
# kb_by_hand WHAT RES ACC: the broken direction is RES trusts ACC (domain
# prefixes RESOURCE or ACCOUNTS of lab.env's variables)
kb_by_hand() {
	local what=$1 r=$2 a=$3 host=console conf=() rekey=no
	# (apw is typed by a step's eval string)
	# shellcheck disable=SC2034
	local rdom rpdc rauth adom apdc apw
	eval "rdom=\$${r}_DOMAIN rpdc=\$${r}_PDC rauth=\$${r}_ADMIN_AUTHFILE"
	eval "adom=\$${a}_DOMAIN apdc=\$${a}_PDC"
	eval "apw=\$(cat \"\$${a}_ADMIN_PASSWORD_FILE\")"
	if [ "$LAB_FLAVOUR" = nt4 ]; then
		# (a classic PDC adds a trusted domain only locally)
		host=$(tr '[:upper:]' '[:lower:]' <<<"$r")
		conf=(-s /etc/samba/smb.conf)
	else
		rekey=yes
	fi
	start_ui "$host" "${conf[@]}" -S "$rpdc" -A "$rauth"
	t_check "$what: the main window opens on $rdom" \
		wait_for "User Manager - $rdom" 60
	# 1.
	t_check "$what: 1. $rdom's Trusted Domains list $adom" \
		eval 'open_trust && dialog_of "$rdom" && in_trusted "$adom"'
	t_check "$what: 1. Remove asks, saying the other direction stays" \
		eval 'keys M-r && wait_for "Remove $adom from the Trusted Domains of $rdom?" && wait_for "only this" && keys M-y'
	t_check "$what: 1. $adom is gone from the Trusted Domains, kept in the Trusting" \
		eval 'wait_gone "Remove $adom from" 30 && dialog_of "$rdom" && wait_until 60 not_in_trusted "$adom" && in_trusting "$adom"'
	t_check "$what: 1. Close" close_trust
	# 2.
	t_check "$what: 2. Select Domain $adom (its administrator)" \
		eval 'select_domain "$adom" "$apdc" "$adom\\Administrator" "$apw" && wait_for "User Manager - $adom" 60'
	t_check "$what: 2. $adom's trust dialog" eval 'open_trust && dialog_of "$adom"'
	if in_trusting "$rdom"; then
		t_check "$what: 2. Remove $rdom from $adom's Trusting Domains" \
			eval 'keys M-m && wait_for "Remove $rdom from the Trusting" && keys M-y && wait_gone "Remove $rdom from" 30 && dialog_of "$adom" && wait_until 60 not_in_trusting "$rdom"'
	else
		t_ok "$what: 2. $rdom not in $adom's Trusting Domains: nothing to remove"
	fi
	t_check "$what: 2. $adom still lists $rdom as trusted (the other direction)" \
		in_trusted "$rdom"
	# 3.
	t_check "$what: 3. Add Trusting Domain $rdom, the password twice" \
		eval 'keys M-d && wait_for "Add Trusting Domain" && text "$rdom" && keys Tab && text "$PW" && keys Tab && text "$PW" && keys Enter'
	if [ "$rekey" = yes ]; then
		t_check "$what: 3. asked first: the other direction keeps its password and keeps working" \
			eval 'wait_for "already trusts $rdom" 60 && wait_for_joined "$adom in $rdom keeps its password and keeps working" 1'
		t_check "$what: 3. Yes" keys M-y
	fi
	t_check "$what: 3. $rdom is in $adom's Trusting Domains" \
		eval 'wait_gone "Add Trusting Domain" 60 && dialog_of "$adom" && in_trusting "$rdom"'
	t_check "$what: 3. Close" close_trust
	if [ "$rekey" = yes ]; then
		# issue 22: the kept direction never stops working (with
		# the old re-key it failed its check here on the issue's site)
		if [ "$r" = RESOURCE ]; then
			t_check "$what: between the Adds: the kept direction ($adom trusts $rdom) still passes its check" atr_judge
		else
			t_check "$what: between the Adds: the kept direction ($adom trusts $rdom) still passes its check" rta_judge
		fi
	fi
	# 4.
	t_check "$what: 4. Select Domain $rdom (open already)" \
		eval 'select_domain "$rdom" "$rpdc" && wait_for "User Manager - $rdom" 60'
	t_check "$what: 4. Add Trusted Domain $adom, the same password, PDC $apdc" \
		eval 'open_trust && dialog_of "$rdom" && keys M-a && wait_for "Add Trusted Domain" && text "$adom" && keys Tab && text "$PW" && keys Tab && text "$apdc" && keys Enter'
	if [ "$rekey" = yes ]; then
		t_check "$what: 4. asked first: the other direction keeps its password and keeps working" \
			eval 'wait_for "already trusts $rdom" 60 && wait_for_joined "$adom in $rdom keeps its password and keeps working" 1'
		t_check "$what: 4. Yes" keys M-y
	fi
	t_check "$what: 4. Trust Relationship With $adom Successfully Established" \
		wait_for "Trust Relationship With $adom Successfully Established" 120
	if [ "$rekey" = yes ]; then
		t_check "$what: 4. and the other direction kept its password and verified" \
			eval 'wait_for "The other direction ($adom trusts $rdom) kept its" 5 && wait_for_joined "kept its password and was verified" 1'
	fi
	screen | sed -n '/Successfully/,+4p' | sed 's/^/#   /'
	t_check "$what: 4. OK: $adom in both lists of $rdom" \
		eval 'keys Enter && wait_gone "Successfully Established" && dialog_of "$rdom" && in_trusted "$adom" && in_trusting "$adom"'
	t_check "$what: Close and Exit" eval 'close_trust && exit_ui'
	tmx kill-server >/dev/null 2>&1
	both_work "$what: after the KB steps"
}

# remove_one WHAT: Remove on RESOURCE's Trusted Domains of a healthy
# two-way trust; ACCOUNTS trusts RESOURCE goes on
remove_one() {
	local what=$1 host=console conf=()
	if [ "$LAB_FLAVOUR" = nt4 ]; then
		host=resource
		conf=(-s /etc/samba/smb.conf)
	fi
	start_ui "$host" "${conf[@]}" -S "$RESOURCE_PDC" -A "$RESOURCE_ADMIN_AUTHFILE"
	t_check "$what: Remove ACCOUNTS on RESOURCE's Trusted Domains, Yes" \
		eval 'wait_for "User Manager - RESOURCE" 60 && open_trust && dialog_of RESOURCE && keys M-r && wait_for "only this" && keys M-y && wait_gone "Remove ACCOUNTS from" 30 && dialog_of RESOURCE'
	t_check "$what:   ACCOUNTS only in the Trusting Domains" \
		eval 'wait_until 60 not_in_trusted ACCOUNTS && in_trusting ACCOUNTS'
	t_check "$what:   Close and Exit" eval 'close_trust && exit_ui'
	tmx kill-server >/dev/null 2>&1
	t_check "$what:   RESOURCE trusts ACCOUNTS fails Samba's check" \
		eval '! rta_judge'
	# (Samba AD kept the old channel, alice logging on, until usrmgr
	# dropped it after the Remove: doc/two-way.md)
	t_check "$what:   ACCOUNTS\\alice no longer logs on at RESOURCE" \
		not rta_logon
	t_check "$what:   ACCOUNTS trusts RESOURCE: Samba's check" eventually atr_judge
	t_check "$what:   RESOURCE\\Administrator logs on at ACCOUNTS" eventually atr_logon
}

# wizard: Policies > Repair Trust, one run from break kb207957 of a
# two-way trust, on the console (AD: both objects re-created two-way) or
# on the resource PDC itself (NT4: Add Trusted Domain is local on a
# classic PDC): that direction repaired, both directions healthy
wizard() {
	local f=$LAB_FLAVOUR j=$TMP/wizard-$LAB_FLAVOUR.journal
	local host=console conf=()
	if [ "$f" = nt4 ]; then
		host=resource
		conf=(-s /etc/samba/smb.conf)
	fi
	t_check "$f wizard: trust --two-way, break kb207957" \
		eval 'quiet lab trust --two-way && quiet lab break kb207957 && ! rta_works && atr_works'
	start_ui "$host" "${conf[@]}" -S "$RESOURCE_PDC" \
		-A "$RESOURCE_ADMIN_AUTHFILE" --resource-pdc "$RESOURCE_PDC" \
		--accounts-pdc "$ACCOUNTS_PDC" \
		--resource-authfile "$RESOURCE_ADMIN_AUTHFILE" \
		--accounts-authfile "$ACCOUNTS_ADMIN_AUTHFILE" \
		--user "$ALICE_DOMAIN\\\\$ALICE_USER" \
		--user-password-file "$ALICE_PASSWORD_FILE" --journal "$j"
	t_check "$f wizard: Policies > Repair Trust on $RESOURCE_PDC, the pair, OK" \
		eval 'wait_for "User Manager - RESOURCE" 60 && keys M-p && wait_for "Repair Trust (KB Q207957)..." && keys r && wait_for "Resource PDC:" && keys Enter'
	t_check "$f wizard: the trust password, twice" \
		eval 'wait_for "Confirm Password:" 120 && text "$PW" && keys Tab && text "$PW" && keys Enter && wait_gone "Confirm Password:"'
	t_check "$f wizard: Run All Remaining: repaired" \
		eval 'wait_for "Step 1 of" 60 && keys M-a && wait_for "The trust is repaired" 300'
	t_check "$f wizard:   the verify and the logon test pass" \
		eval 'wait_for "Secure channel verify: passes" && wait_for "Logon test: passes"'
	t_check "$f wizard: OK, Close, Exit" \
		eval 'keys Enter && wait_for "[ Close ]" && keys Escape && wait_gone "Repair Trust (KB" && exit_ui'
	tmx kill-server >/dev/null 2>&1
	t_check "$f wizard: journal: repair-end repaired" \
		grep -q '"event":"repair-end".*"outcome":"repaired"' "$j"
	t_check "$f wizard: no password in the journal" not grep -q -F -- "$PW" "$j"
	both_work "$f wizard: after the repair"
}

for flavour in ad nt4; do
	lab_use "$flavour"
	lab_restore trusted || lab_fail "restore trusted ($flavour)"
	t_check "$flavour: usrmgr-lab trust --two-way" quiet lab trust --two-way
	t_check "$flavour: break kb207957" quiet lab break kb207957
	t_check "$flavour:   RESOURCE trusts ACCOUNTS broken" not rta_works
	t_check "$flavour:   ACCOUNTS trusts RESOURCE works" atr_works
	kb_by_hand "$flavour" RESOURCE ACCOUNTS

	t_check "$flavour: break kb207957 --reverse" quiet lab break kb207957 --reverse
	t_check "$flavour:   ACCOUNTS trusts RESOURCE broken" not atr_works
	t_check "$flavour:   RESOURCE trusts ACCOUNTS works" rta_works
	kb_by_hand "$flavour --reverse" ACCOUNTS RESOURCE

	remove_one "$flavour: one direction"
	lab_restore trusted || lab_fail "restore trusted ($flavour)"
	wizard
	lab_restore trusted || lab_fail "restore trusted ($flavour)"
done
t_done
