#!/bin/bash
# own-names-lab.sh: usrmgr on an AD lab of names of its own (issue 16):
# 15-character NetBIOS names for both domains and both PDCs, none of the
# lab's defaults (no ACCOUNTS, RESOURCE, DCA, DCB).  After the trust is
# broken the KB Q207957 way (usrmgr-lab break kb207957):
#  - the CLI: trust list on both PDCs, trust diagnose (broken-at-accounts),
#    trust repair --yes --generate-password with per-side authfiles;
#  - broken again, the guided repair (the wizard) in the screens, in tmux;
#  - broken again, a whole training session by hand in the ordinary
#    screens (--training with the pair given), to its summary;
# each repair judged by Samba's own tools: samba-tool on both DCs (one
# direction each, validate OK), wbinfo on the resource DC and an
# smbclient logon of the accounts domain's alice at the resource PDC.
#
# Its lab is its own (usrmgr-lab up --accounts-domain ... on the name
# ut-XXXX-own, beside the run's shared ad lab: the fixture's shared lab has
# the default names), brought up here or restored when left up (by an
# earlier run, or by groups-ui-lab.sh, which shares it); zz-lab-down.sh
# takes it down at the run's end.  Skips (77) where no
# lab can run, fails under CI=true.  Ends with "N passed, N failed".
#
# Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
set -u
. "$(dirname "$0")/lab-fixture.sh"
command -v tmux >/dev/null 2>&1 || lab_skip "tmux is not installed"

ACC=NORTHWINDTRADER        # 15 characters each
RES=CONTOSOPHARMACY
ACC_PDC=nwtraders-pdc01
RES_PDC=contosopharm-dc
OWN_NAMES=(--accounts-domain "$ACC" --resource-domain "$RES"
	--accounts-pdc "$ACC_PDC" --resource-pdc "$RES_PDC")

USRMGR=${USRMGR:-$LAB_TOP_SRCDIR/usrmgr}
case $USRMGR in /*) ;; *) USRMGR=$(pwd)/$USRMGR ;; esac
[ -x "$USRMGR" ] || lab_fail "no usrmgr binary at $USRMGR"

# ---- the lab of its own -----------------------------------------------------
# As lab_require, for a lab of our names: up, trust, snapshot "trusted";
# reused (restored) when a run left it up, made by this usrmgr-lab.
own_lab_reusable() {
	local env=$LAB_ROOT/$LAB_NAME/lab.env
	lab_reusable ad && grep -qx "ACCOUNTS_DOMAIN=$ACC" "$env" &&
		grep -qx "RESOURCE_DOMAIN=$RES" "$env" &&
		grep -qx "ACCOUNTS_PDC=$ACC_PDC" "$env" &&
		grep -qx "RESOURCE_PDC=$RES_PDC" "$env"
}
lab_disabled_skip
[ "$(id -u)" = 0 ] || lab_skip "the lab needs root (network namespaces, Samba daemons)"
why=$("$LAB_SCRIPT" check --flavour ad 2>&1) || lab_skip "$why"
# Provisioning two more DCs beside the shared AD lab starved that lab's
# tests on two cores (a resource PDC that did not settle in CI): this test
# holds the shared AD lab too, as a test of it would, and runs alone beside
# the NT4 tests.
SHARED_AD=$(lab_name_for ad)
lab_flock "$LAB_LOCK_DIR/usrmgr-lab-$SHARED_AD.lock" ||
	lab_fail "cannot lock $LAB_LOCK_DIR/usrmgr-lab-$SHARED_AD.lock"
LAB_NAME=$(lab_name_for own)
lab_flock "$LAB_LOCK_DIR/usrmgr-lab-$LAB_NAME.lock" ||
	lab_fail "cannot lock $LAB_LOCK_DIR/usrmgr-lab-$LAB_NAME.lock"
t_start=$SECONDS
if own_lab_reusable; then
	echo "# reusing lab $LAB_NAME"
	lab_restore trusted || lab_fail "restore $LAB_NAME to its trusted snapshot"
else
	echo "# bringing up lab $LAB_NAME: $ACC ($ACC_PDC), $RES ($RES_PDC)"
	lab -q down >/dev/null 2>&1
	t_check "usrmgr-lab up with names of its own" \
		quiet lab up --flavour ad "${OWN_NAMES[@]}"
	[ "$t_failed" = 0 ] || t_done
	lab trust >/dev/null || lab_fail "usrmgr-lab trust"
	lab snapshot trusted >/dev/null || lab_fail "usrmgr-lab snapshot trusted"
fi
lab_env || lab_fail "no lab.env for $LAB_NAME"
echo "# lab ready in $((SECONDS - t_start)) s"

tmp=$(mktemp -d)
chmod 755 "$tmp"
SOCK=$tmp/tmux.sock
# tmx, screen, wait_for, wait_gone, keys, text
# shellcheck source=tests/integration/lab-tmux.sh
. "$(dirname "$0")/lab-tmux.sh"
# every screen a wait saw, for the last check: no default name on any
eval "lab_tmux_$(declare -f wait_for)"
wait_for() { lab_tmux_wait_for "$@" && { screen >>"$tmp/screens.txt"; }; }
cleanup() {
	tmx kill-server >/dev/null 2>&1 || true
	rm -rf "$tmp"
	# (the lab stays up: groups-ui-lab.sh restores and uses it too;
	# zz-lab-down.sh takes it down at the run's end)
}
trap cleanup EXIT

# ---- the names are the lab's: nothing of the defaults -----------------------
t_is "lab.env: the accounts domain" "$ACC" "$ACCOUNTS_DOMAIN"
t_is "lab.env: the resource domain" "$RES" "$RESOURCE_DOMAIN"
t_is "lab.env: the DNS domain derives from the NetBIOS name" \
	"${ACC,,}.test" "$ACCOUNTS_DNS_DOMAIN"
t_is "lab.env: the realm derives from it" "${RES^^}.TEST" "$RESOURCE_REALM"
t_is "lab.env: the accounts PDC's FQDN" "$ACC_PDC.${ACC,,}.test" "$ACCOUNTS_PDC_FQDN"
t_check "lab.env: no default name left (ACCOUNTS, RESOURCE, dca, dcb)" \
	not grep -E -i '=(ACCOUNTS|RESOURCE|dca|dcb)(\.|$)' "$LAB_ROOT/$LAB_NAME/lab.env"
t_check "exec by the PDC's own name reaches the accounts side" \
	eval 'lab_exec "$ACC_PDC" ip -4 addr | grep -q -F " $ACCOUNTS_PDC_IP/"'
t_check "status: healthy, under the lab's names" \
	eval 'lab status --json >"$tmp/status" && grep -q "\"healthy\": true" "$tmp/status" && grep -q "\"$ACC\"" "$tmp/status"'

# um SIDE ARGS..., pair ARGS...: lab-fixture.sh
out_has() { grep -q -- "$1" "$tmp/out"; }

# Samba's judges on a repaired trust (the trusted domain object is named by
# the partner's NetBIOS or DNS name)
one_direction_each() {
	lab_both_lists | tr -d '\n' | grep -q -i -x -E \
		"R: ($ACCOUNTS_DOMAIN|$ACCOUNTS_DNS_DOMAIN) OUTGOINGA: ($RESOURCE_DOMAIN|$RESOURCE_DNS_DOMAIN) INCOMING"
}
wbinfo_ok() {
	lab_exec resource wbinfo --check-secret --domain="$ACCOUNTS_DOMAIN" 2>&1 |
		grep -q 'succeeded'
}
judges() { # WHAT
	t_check "$1: samba-tool sees exactly the one direction on each DC" one_direction_each
	t_check "$1: samba-tool domain trust validate on $RES_PDC: OK" lab_validate
	t_check "$1: wbinfo --check-secret on $RES_PDC for $ACC: OK" eventually wbinfo_ok
	t_is "$1: $ACC\\alice logs on at //$RES_PDC/netlogon (smbclient)" \
		NT_STATUS_OK "$(lab_logon)"
}
break_kb() { # WHAT
	lab -q break kb207957 >/dev/null 2>&1 || lab_fail "$1: usrmgr-lab break kb207957"
	t_is "$1: after the break $ACC\\alice cannot log on (the KB's symptom)" \
		NT_STATUS_NO_TRUST_SAM_ACCOUNT "$(lab_logon)"
}

# ---- 1. the CLI ---------------------------------------------------------------
t0=$SECONDS
break_kb cli
t_check "cli: trust list on $RES_PDC: $ACC still trusted (the KB's half trust)" \
	eval 'um resource -S "$RESOURCE_PDC" trust list --json >"$tmp/out" && out_has "\"trusted_domains\":\[{\"name\":\"$ACC\""'
t_check "cli: trust list on $ACC_PDC: $RES is not among its trusting domains" \
	eval 'um accounts -S "$ACCOUNTS_PDC" trust list --json >"$tmp/out" && ! out_has "\"name\":\"$RES\""'
t_check "cli: trust diagnose: broken-at-accounts" \
	eval 'pair trust diagnose --json >"$tmp/out"; out_has "\"verdict\":\"broken-at-accounts\""'
t_check "cli: trust repair --yes --generate-password: repaired" \
	eval 'pair trust repair --yes --generate-password --user "$ALICE_DOMAIN\\$ALICE_USER" --user-password-file "$ALICE_PASSWORD_FILE" --journal "$tmp/cli.j" --json >"$tmp/out" 2>"$tmp/err" && out_has "\"outcome\":\"repaired\""' ||
	sed 's/^/#   /' "$tmp/out" "$tmp/err"
t_check "cli: trust diagnose afterwards: healthy" \
	eval 'pair trust diagnose --json >"$tmp/out"; out_has "\"verdict\":\"healthy\""'
judges cli
t_check "cli: trust list on $ACC_PDC: $RES is trusting again" \
	eval 'um accounts -S "$ACCOUNTS_PDC" trust list --json >"$tmp/out" && out_has "\"trusting_domains\":\[{\"name\":\"$RES\""'
echo "# cli: $((SECONDS - t0)) s"

# ---- 2. the wizard, in tmux on the console ----------------------------------
# start_ui ARGS...: usrmgr in a fresh tmux session in the console
start_ui() {
	tmx kill-server >/dev/null 2>&1
	{
		echo '#!/bin/sh'
		echo 'export TERM=xterm-256color LC_ALL=C.UTF-8 LANGUAGE= USRMGR_ESC_TIMEOUT=300'
		printf '"%s" -s "%s" -S "%s" -A "%s"' "$USRMGR" "$LAB_CONSOLE_SMB_CONF" \
			"$RESOURCE_PDC" "$RESOURCE_ADMIN_AUTHFILE"
		printf ' "%s"' "$@"
		printf ' 2>"%s/stderr"\n' "$tmp"
		echo 'echo "EXITED rc=$?"'
		echo 'sleep 600'
	} >"$tmp/run.sh"
	chmod 755 "$tmp/run.sh"
	lab_exec console env TERM=xterm tmux -S "$SOCK" -f /dev/null \
		new-session -d -x 80 -y 24 -s ui "$tmp/run.sh"
}
UI_PAIR=(--resource-pdc "$RESOURCE_PDC" --accounts-pdc "$ACCOUNTS_PDC"
	--resource-authfile "$RESOURCE_ADMIN_AUTHFILE"
	--accounts-authfile "$ACCOUNTS_ADMIN_AUTHFILE"
	--user "$ALICE_DOMAIN\\$ALICE_USER"
	--user-password-file "$ALICE_PASSWORD_FILE")

t0=$SECONDS
lab_restore trusted || lab_fail "restore trusted"
break_kb wizard
PW=Own.Names.Wizard7
start_ui "${UI_PAIR[@]}" --journal "$tmp/wizard.j"
t_check "wizard: the main window opens on $RES" wait_for "User Manager - $RES" 60
t_check "wizard: Policies > Repair Trust, the pair from the command line" \
	eval 'keys M-p && wait_for "Repair Trust (KB Q207957)..." && keys r && wait_for "Resource PDC:" && wait_for "$ACC_PDC"'
t_check "wizard: OK: the trust password, twice" \
	eval 'keys Enter && wait_for "Confirm Password:" 120 && text "$PW" && keys Tab && text "$PW" && keys Enter && wait_gone "Confirm Password:"'
t_check "wizard: Step 1 on the resource PDC, under its own name" \
	eval 'wait_for "Step 1 of 7, on $RES_PDC ($RES)" 60'
t_check "wizard: Run All Remaining: the trust is repaired" \
	eval 'keys M-a && wait_for "The trust is repaired" 300'
t_check "wizard: the verify and the logon test pass" \
	eval 'wait_for "Secure channel verify: passes" && wait_for "Logon test: passes"'
t_check "wizard: the password never reached the screen" eval '! screen | grep -q -F "$PW"'
t_check "wizard: OK, Close, Exit" \
	eval 'keys Enter && wait_for "[ Close ]" && keys Escape && wait_gone "Repair Trust (KB" && keys M-u && wait_for "Exit" && keys x && wait_for "EXITED rc=0"'
judges wizard
t_check "wizard: the journal ends the repair as repaired" \
	grep -q '"event":"repair-end".*"outcome":"repaired"' "$tmp/wizard.j"
echo "# wizard: $((SECONDS - t0)) s"

# ---- 3. a training session, by hand in the ordinary screens ------------------
PW=Own.Names.Train3
# coach TEXT: the coach (or any message box) says TEXT; OK closes it.
# (Names of 15 characters wrap the coach's sentences sooner than the
# default names do: each TEXT here is a part that stays on one line.)
coach() { wait_for "$1" 30 && keys Enter && wait_gone "$1" 30; }
# select_domain DOMAIN: User > Select Domain, the domain's name alone
select_domain() {
	keys M-u && wait_for "Select Domain..." && keys s &&
	wait_for "Account:" && keys M-d C-u && text "$1" &&
	keys Enter && wait_for "User Manager - $1" 30 &&
	wait_gone "Select Domain:" 30
}
open_trust() {
	keys M-p && wait_for "Trust Relationships..." && keys t &&
	wait_for "Domain:  $1" 30
}
close_trust() { keys Escape && wait_gone "Trusted Domains:"; }

t0=$SECONDS
lab_restore trusted || lab_fail "restore trusted"
break_kb training
start_ui --training "${UI_PAIR[@]}" --journal "$tmp/training.j"
t_check "training: the brief names the symptom and the accounts PDC" \
	eval 'wait_for "Training." 60 && wait_for "(PDC $ACC_PDC)"'
t_check "training: the banner" \
	eval 'keys Enter && wait_for "Training: lab  F2 Hint"'
t_check "training: Select Domain $RES" select_domain "$RES"
t_check "training: Remove $ACC from $RES' Trusted Domains: the coach agrees" \
	eval 'open_trust "$RES" && wait_for "$ACC" && keys M-r && wait_for "Remove $ACC from the Trusted Domains of" && keys M-y && wait_for "Coach:" 30 && coach "Done: Policies -> Trust Relationships -> Trusted Domains" && close_trust'
t_check "training: F2: the hint names $ACC_PDC and Add Trusting Domain" \
	eval 'keys F2 && wait_for "Hint: on $ACC_PDC ($ACC)" && wait_for "Trusting Domains -> Add..." && coach "Add $RES to the Trusting Domains of"'
t_check "training: Select Domain $ACC" select_domain "$ACC"
t_check "training: Add Trusting Domain $RES on $ACC: the coach agrees" \
	eval 'open_trust "$ACC" && keys M-d && wait_for "Add Trusting Domain" && text "$RES" && keys Tab && text "$PW" && keys Tab && text "$PW" && keys Enter && coach "Done: Policies -> Trust Relationships -> Trusting Domains"'
t_check "training: $RES is in $ACC's Trusting Domains; Close" \
	eval 'wait_for "$RES" 30 && keys Escape && wait_gone "Trusting Domains:"'
t_check "training: Select Domain $RES again" select_domain "$RES"
t_check "training: Add Trusted Domain $ACC with the same password" \
	eval 'open_trust "$RES" && keys M-a && wait_for "Add Trusted Domain" && text "$ACC" && keys Tab && text "$PW" && keys Enter'
t_check "training: the coach: the logon test passes, training complete" \
	eval 'wait_for "the logon test passes" 120 && coach "Training complete."'
t_check "training: then the trust dialog's own message, the summary not yet" \
	eval 'wait_for "Successfully Established" && ! screen | grep -q "Training summary"'
t_check "training: the summary after it: every step, no mistake, one hint" \
	eval 'keys Enter && wait_gone "Successfully Established" && wait_for "Training summary" && wait_for "Steps done: 6 of 6" && wait_for "Mistakes: 0" && wait_for "Hints used: 1" && wait_for "The trust was repaired." && keys Enter && wait_gone "Training summary"'
t_check "training: the password never reached the screen" eval '! screen | grep -q -F "$PW"'
t_check "training: Close and Exit" \
	eval 'close_trust && keys M-u && wait_for "Exit" && keys x && wait_for "EXITED rc=0" 20'
judges training
echo "# training: $((SECONDS - t0)) s"

# (training writes no journal of its own: the trainee's actions are plain)
t_check "no default name (ACCOUNTS, RESOURCE, DCA, DCB) on any screen seen or in a journal" \
	not grep -l -E 'ACCOUNTS|RESOURCE|\b(DCA|DCB|dca|dcb)\b' "$tmp/screens.txt" "$tmp/cli.j" "$tmp/wizard.j"
t_check "  (the screens seen were kept: $(grep -c 'User Manager' "$tmp/screens.txt" 2>/dev/null) of them)" \
	test -s "$tmp/screens.txt"
echo "# own-names-lab: $((SECONDS - t_start)) s in all"
t_done
