#!/bin/bash
# ui-lab.sh: the screens against the lab's real Samba AD DCs (issue 7), in
# tmux, with usrmgr running in the lab's console namespace:
#  - on the healthy trust: the main window's users and groups come from
#    RESOURCE's SAMR; Policies > Trust Relationships on the resource PDC
#    lists ACCOUNTS in the Trusted Domains;
#  - on a slow link (tc on the resource PDC's own link: netem, or tbf where
#    the kernel has no netem): F5 shows
#    "Please Wait" with Esc to cancel, and Esc cancels; a Remove shows
#    the seconds counting, Esc cancels it, and samba-tool on both DCs then
#    shows the old state or the new, never half, as the dialog does;
#  - on "usrmgr-lab break kb207957": the four KB Q207957 steps through the
#    screens (Remove ACCOUNTS on RESOURCE; Select Domain ACCOUNTS with its
#    PDC and account, password asked; Add Trusting RESOURCE; Select Domain
#    RESOURCE, Add Trusted ACCOUNTS with the same password), then Samba's
#    judges: samba-tool domain trust validate and ACCOUNTS\alice's logon at
#    RESOURCE with smbclient; before them, Add Trusting on ACCOUNTS with
#    no PDC of RESOURCE open says how to open it, and adds nothing (and
#    Add Trusted of a domain whose PDC is unknown says to type it).
# Uses the run's shared ad lab (lab-fixture.sh); skips (77) where no lab can
# run or USRMGR_LAB_TESTS=no, fails under CI=true.  USRMGR: the binary
# (default ./usrmgr of the build tree).  Ends with "N passed, N failed".
#
# Copyright (C) 2026 the usrmgr authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
if [ "${USRMGR_LAB_TESTS:-}" = no ]; then
	echo "SKIP: USRMGR_LAB_TESTS=no"
	echo "0 passed, 0 failed"
	exit 77
fi
# the AD lab, and the screens' tmux helpers with usrmgr in its console
# shellcheck source=tests/integration/ui-lab-lib.sh
. "$(dirname "$0")/ui-lab-lib.sh"
export USRMGR_ESC_TIMEOUT=100

# (both are typed by the steps' eval strings)
# shellcheck disable=SC2034
ACC_PW=$(cat "$ACCOUNTS_ADMIN_PASSWORD_FILE")
# shellcheck disable=SC2034
TRUST_PW=$(cat "$TRUST_PASSWORD_FILE")

# the resource PDC's link (in its namespace): slow it down and back
res_if() { lab_exec resource ip -o link show | awk -F': ' '$2 != "lo" { sub(/@.*/, "", $2); print $2; exit }'; }
# netem's delay where the kernel has it, else a token bucket (a slow line)
slow_on() {
	local dev
	dev=$(res_if)
	if lab_exec resource tc qdisc replace dev "$dev" root netem delay 400ms 2>/dev/null; then
		SLOW_HOW="tc netem delay 400ms"
	else
		SLOW_HOW="tc tbf rate 8kbit (no netem in this kernel)"
		lab_exec resource tc qdisc replace dev "$dev" root tbf rate 8kbit burst 1600 latency 30s
	fi
}
netem_off() { lab_exec resource tc qdisc del dev "$(res_if)" root 2>/dev/null || true; }
cleanup_hooks="$cleanup_hooks netem_off"

# samba-tool's own list on a DC: "NAME DIRECTION" lines
open_trust() { tm_keys M-p && tm_wait "Trust Relationships..." && tm_keys t; }
close_dialog() { tm_keys Escape; }
# select_domain DOMAIN PDC [ACCOUNT]: User > Select Domain, domain, PDC,
# and the account to connect as (then its password is asked)
select_domain() {
	tm_keys M-u && tm_wait "Select Domain..." && tm_keys s &&
	tm_wait "Account:" && tm_keys M-d C-u && tm_text "$1" &&
	tm_keys M-p C-u && tm_text "$2" &&
	tm_keys M-a C-u && { [ -z "${3:-}" ] || tm_text "$3"; } && tm_keys Enter
}
exit_usrmgr() { tm_keys M-u && tm_wait "Exit" && tm_keys x && tm_wait "EXITED rc=0" 20; }

# ---- the healthy trust ----------------------------------------------------
tm_start xterm-256color 80x24 -S "$RESOURCE_PDC" -A "$RESOURCE_ADMIN_AUTHFILE"
kb_step "the main window opens on RESOURCE's PDC" tm_wait "User Manager - RESOURCE" 30
kb_step "its users come from SAMR (Administrator, krbtgt)" \
	eval 'tm_wait "Administrator" && tm_wait "krbtgt"'
# (which of them show first depends on the provisioning: any of five)
some_domain_group() { tm_screen | grep -q -E ' Domain (Users|Guests|Computers|Admins|Controllers) '; }
kb_step "its groups come from SAMR (Domain Users, Guests, ...)" \
	eval 'tm_wait " Groups " && some_domain_group' 
# The first screen's order (issue 21), from the test binary's profile of
# the same start in script mode: SAMR's pipe and Connect2 go out while
# LSA's connect is under way, and the users' page is on the terminal
# before the groups' page is asked for.
first_screen_order() {
	local bin=${USRMGR_TEST_BIN:-$(pwd)/tests/usrmgr-test} tr=$TMPD/first.trace
	case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
	printf ':dump %s\n' "$TMPD/first.dump" >"$TMPD/first.keys"
	lab_exec console env USRMGR_UI_SCRIPT="$TMPD/first.keys" \
		USRMGR_RPC_TRACE=1 "$bin" -S "$RESOURCE_PDC" \
		-A "$RESOURCE_ADMIN_AUTHFILE" >/dev/null 2>"$tr" || return 1
	awk -v pdc="$RESOURCE_PDC" '
		/send samr opnum 57 .*\[early\]/ && !early { early = NR }
		$0 ~ "model " pdc ": end" && !connected { connected = NR }
		/ui: first screen drawn/ && !users { users = NR }
		/Reading the groups/ && !groups { groups = NR }
		END { exit !(early && early < connected && connected < users &&
			     users < groups) }' "$tr"
}
check "the first screen: SAMR opened beside LSA, users drawn before the groups are read" \
	first_screen_order
# The same start: the PDC's name was looked up on usrmgr's own thread
# while the module loaded (src/engine/lookup.c), and the connection went
# to that address, not to the name for Samba's forked resolver.
check "the first screen: the connection goes to the PDC's address ($RESOURCE_PDC_IP), looked up beside the module" \
	grep -q "^usrmgr-rpc-trace: .* $RESOURCE_PDC connecting to $RESOURCE_PDC_IP\$" \
	"$TMPD/first.trace"
kb_step "Trust Relationships on the resource PDC" \
	eval 'open_trust && tm_wait "Domain:  RESOURCE" 20'
kb_step "ACCOUNTS is in its Trusted Domains" tm_wait "ACCOUNTS             "
kb_step "Close" eval 'close_dialog && tm_wait_gone "Trusted Domains:"'

# ---- a slow server: progress and cancel ------------------------------------
if slow_on; then
	ok "the resource PDC's link is slowed: $SLOW_HOW"
	kb_step "F5 on a slow PDC shows Please Wait, with Esc to cancel" \
		eval 'tm_keys F5 && tm_wait "Please Wait" 20 && tm_wait "Press Esc to cancel"'
	kb_step "Esc cancels: the list says it is incomplete" \
		eval 'tm_keys Escape && tm_wait_gone "Please Wait" 20 && tm_wait "Cancelled" 20'
	netem_off
	kb_step "back to normal speed, F5 reads the lists again" \
		eval 'tm_keys F5 && tm_wait_gone "Cancelled" 30 && tm_wait "Administrator" 30'
	# a change, not a read: Remove on the slow link, cancelled mid-way;
	# the DCs must hold the old state or the new, never half of it, and
	# the dialog must show what they hold
	kb_step "Trust Relationships on RESOURCE (normal speed)" \
		eval 'open_trust && tm_wait "Domain:  RESOURCE" 20 && tm_wait "ACCOUNTS             "'
	slow_on
	# (a Remove's few answers fit in the token bucket's burst: a bulk
	# transfer queued ahead of them makes the link congested, some 8 s)
	congest() { lab_exec resource bash -c 'head -c 9000 /dev/zero >"/dev/udp/$1/9"' sh "$LAB_CONSOLE_IP"; }
	kb_step "Remove ACCOUNTS on the congested PDC: Please Wait, the seconds count on" \
		eval 'tm_keys Tab Tab Enter && tm_wait "Remove ACCOUNTS from the Trusted Domains of RESOURCE?" && congest && tm_keys Left Enter && tm_wait "Please Wait" 20 && tm_wait "Press Esc to cancel. (" 20'
	kb_step "Esc cancels the Remove, and usrmgr says so" \
		eval 'tm_keys Escape && tm_wait "Cancelled. The domain controller" 30'
	netem_off
	kb_step "the lists are read again" \
		eval 'tm_keys Enter && tm_wait_gone "Cancelled. The domain" 30 && tm_wait_gone "Please Wait" 60 && tm_wait "Domain:  RESOURCE" 20'
	res_t=$(lab_trusts resource)
	acc_t=$(lab_trusts accounts)
	echo "# after the cancelled Remove: RESOURCE: '$res_t', ACCOUNTS: '$acc_t'"
	check "ACCOUNTS is untouched (samba-tool: RESOURCE incoming)" \
		test "$acc_t" = "$RESOURCE_DNS_DOMAIN INCOMING"
	check "RESOURCE holds the old trust or none, nothing between (samba-tool)" \
		eval 'test "$res_t" = "$ACCOUNTS_DNS_DOMAIN OUTGOING" || test -z "$res_t"'
	if [ -n "$res_t" ]; then
		check "the dialog shows ACCOUNTS, as samba-tool does" tm_wait "ACCOUNTS             "
	else
		check "the dialog shows no ACCOUNTS, as samba-tool does" tm_wait_gone "ACCOUNTS             "
	fi
	kb_step "Close" eval 'close_dialog && tm_wait_gone "Trusted Domains:"'
else
	not_ok "slowing the resource PDC's link (tc)"
fi
kb_step "Exit" exit_usrmgr
tm_kill
tm_new_server

# ---- KB Q207957 through the screens -----------------------------------------
# (the cancelled Remove may have gone through: from the healthy trust)
lab_restore trusted || not_ok "usrmgr-lab restore trusted"
if lab break kb207957 >/dev/null 2>&1; then
	ok "usrmgr-lab break kb207957"
else
	not_ok "usrmgr-lab break kb207957"
	finish
fi
check "broken: the logon fails" not test "$(lab_logon)" = NT_STATUS_OK

# Add Trusting Domain on ACCOUNTS with no PDC of RESOURCE open: NT's bare
# "does not exist" would leave the operator stuck; usrmgr says how to let
# it find RESOURCE's PDC, and adds nothing.
tm_start xterm-256color 80x24 -S "$ACCOUNTS_PDC" -A "$ACCOUNTS_ADMIN_AUTHFILE"
kb_step "ACCOUNTS alone: Add Trusting Domain RESOURCE" \
	eval 'tm_wait "User Manager - ACCOUNTS" 30 && open_trust && tm_wait "Domain:  ACCOUNTS" 20 && tm_keys M-d && tm_wait "Add Trusting Domain" && tm_text RESOURCE && tm_keys Tab && tm_text "$TRUST_PW" && tm_keys Tab && tm_text "$TRUST_PW" && tm_keys Enter'
kb_step "ACCOUNTS alone: usrmgr says to open RESOURCE with Select Domain" \
	eval 'tm_wait "usrmgr found no PDC of RESOURCE" 60 && tm_screen | tr -s " \n" " " | grep -q -F "Open RESOURCE with User > Select Domain..."'
tm_screen | sed -n '/found no PDC/,+8p' | sed 's/^/#   /'
kb_step "ACCOUNTS alone: OK, Cancel" \
	eval 'tm_keys Enter && tm_wait_gone "found no PDC" && tm_keys Escape && tm_wait_gone "Initial Password"'
# the same for Add Trusted Domain of a domain no PDC is known for, the PDC
# field left empty: usrmgr says to type it there
kb_step "ACCOUNTS alone: Add Trusted Domain NOSUCHDOM, no PDC: usrmgr says to type one" \
	eval 'tm_keys M-a && tm_wait "Add Trusted Domain" && tm_text NOSUCHDOM && tm_keys Tab && tm_text "$TRUST_PW" && tm_keys Enter && tm_wait "usrmgr found no PDC of NOSUCHDOM.  Type its name in the PDC" 60'
kb_step "ACCOUNTS alone: OK, Cancel, Close and Exit" \
	eval 'tm_keys Enter && tm_wait_gone "found no PDC" && tm_keys Escape && tm_wait_gone "Add Trusted Domain" && close_dialog && tm_wait_gone "Trusting Domains:" && exit_usrmgr'
check "ACCOUNTS alone: nothing was added (samba-tool)" test -z "$(lab_trusts accounts)"
tm_kill
tm_new_server

tm_start xterm-256color 80x24 -S "$RESOURCE_PDC" -A "$RESOURCE_ADMIN_AUTHFILE"
kb_step "the main window opens on RESOURCE" tm_wait "User Manager - RESOURCE" 30
# 1. RESOURCE: Trusted Domains > Remove ACCOUNTS
kb_step "1. Trust Relationships on RESOURCE lists ACCOUNTS as trusted" \
	eval 'open_trust && tm_wait "Domain:  RESOURCE" 20 && tm_wait "ACCOUNTS             "'
kb_step "1. Remove asks, naming ACCOUNTS and the PDC" \
	eval 'tm_keys Tab Tab Enter && tm_wait "Remove ACCOUNTS from the Trusted Domains of RESOURCE?" && tm_wait "deleted on $RESOURCE_PDC"'
kb_step "1. Yes removes ACCOUNTS from the Trusted Domains" \
	eval 'tm_keys Left Enter && tm_wait_gone "Remove ACCOUNTS from" 20 && tm_wait_gone "ACCOUNTS             " 20'
kb_step "1. Close" eval 'close_dialog && tm_wait_gone "Trusted Domains:"'
# 2. Select Domain ACCOUNTS: its PDC and its administrator
kb_step "2. Select Domain ACCOUNTS, PDC $ACCOUNTS_PDC, as ACCOUNTS\\Administrator" \
	eval 'select_domain ACCOUNTS "$ACCOUNTS_PDC" "ACCOUNTS\\Administrator" && tm_wait "Password for ACCOUNTS\\Administrator on $ACCOUNTS_PDC" 20'
kb_step "2. its password opens ACCOUNTS (alice among its users)" \
	eval 'tm_text "$ACC_PW" && tm_keys Enter && tm_wait "User Manager - ACCOUNTS" 30 && tm_wait "alice" 20'
# 3. ACCOUNTS: Trusting Domains > Add RESOURCE, password twice
kb_step "3. Trust Relationships on ACCOUNTS, Add Trusting Domain" \
	eval 'open_trust && tm_wait "Domain:  ACCOUNTS" 20 && tm_keys M-d && tm_wait "Add Trusting Domain"'
kb_step "3. RESOURCE with the trust password, twice" \
	eval 'tm_text RESOURCE && tm_keys Tab && tm_text "$TRUST_PW" && tm_keys Tab && tm_text "$TRUST_PW" && tm_keys Enter'
kb_step "3. RESOURCE is in ACCOUNTS' Trusting Domains" \
	eval 'tm_wait_gone "Add Trusting Domain" 30 && tm_wait "RESOURCE             " 20'
kb_step "3. Close" eval 'close_dialog && tm_wait_gone "Trusting Domains:"'
# 4. RESOURCE: Trusted Domains > Add ACCOUNTS, the same password, its PDC
kb_step "4. Select Domain RESOURCE (its PDC already open)" \
	eval 'select_domain RESOURCE "$RESOURCE_PDC" && tm_wait "User Manager - RESOURCE" 30'
kb_step "4. Trust Relationships on RESOURCE, Add Trusted Domain" \
	eval 'open_trust && tm_wait "Domain:  RESOURCE" 20 && tm_keys M-a && tm_wait "Add Trusted Domain"'
# (Tab to the PDC field: its mnemonic is the Domain field's too)
kb_step "4. ACCOUNTS, the same password, PDC $ACCOUNTS_PDC: established" \
	eval 'tm_text ACCOUNTS && tm_keys Tab && tm_text "$TRUST_PW" && tm_keys Tab && tm_text "$ACCOUNTS_PDC" && tm_keys Enter && tm_wait "Trust Relationship With ACCOUNTS Successfully Established" 60'
kb_step "4. ACCOUNTS is back in RESOURCE's Trusted Domains" \
	eval 'tm_keys Enter && tm_wait_gone "Successfully Established" && tm_wait "ACCOUNTS             " 20'
kb_step "Close and Exit" eval 'close_dialog && tm_wait_gone "Trusted Domains:" && exit_usrmgr'

# ---- Samba's judges ----------------------------------------------------------
check "samba-tool domain trust validate on RESOURCE: OK" lab_validate
logon=$(lab_logon)
if [ "$logon" = NT_STATUS_OK ]; then
	ok "ACCOUNTS\\alice logs on at RESOURCE (smbclient)"
else
	not_ok "ACCOUNTS\\alice logs on at RESOURCE (smbclient): $logon"
fi
check "the terminal is back in canonical mode" \
	grep -q -E '(^| )icanon( |$)' "$TMPD/stty.after"
finish
