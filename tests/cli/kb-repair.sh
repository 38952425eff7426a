#!/bin/bash
# The KB Q207957 repair through the CLI alone, on the simulated kb207957
# scenario, both dialects: the diagnosis turns from broken-at-accounts to
# healthy, the logon test from failure to success.
set -u
. "$top_srcdir/tests/cli/lib.sh"

repair() {
	local scenario=$1 logon_error=$2
	local st="$tmp/$scenario.state"
	local U=("$USRMGR" --scenario "$scenario" --state "$st")
	printf 'Alice.pw1\n' >"$tmp/alice"
	printf 'New.Trust.pw4\n' >"$tmp/trust"

	check "$scenario: diagnosis is not healthy" 1 \
		"${U[@]}" trust diagnose --resource-pdc DCB --accounts-pdc DCA --json
	expect "$scenario: verdict broken-at-accounts" '"verdict":"broken-at-accounts"' out
	check "$scenario: logon fails" 1 \
		"${U[@]}" -S DCB trust logon-test --user 'ACCOUNTS\alice' --password-file "$tmp/alice" --json
	expect "$scenario: with $logon_error" "\"status\":\"$logon_error\"" out

	check "$scenario: 1. remove ACCOUNTS from RESOURCE's Trusted Domains" 0 \
		"${U[@]}" -S DCB trust remove-trusted ACCOUNTS
	check "$scenario: 2. RESOURCE is already gone from ACCOUNTS' Trusting Domains" 1 \
		"${U[@]}" -S DCA trust remove-trusting RESOURCE
	expect "$scenario: 2. says it is not in the list" NOT_FOUND\\\|NO_SUCH_USER err
	check "$scenario: 3. Add Trusting Domain RESOURCE on ACCOUNTS" 0 \
		"${U[@]}" -S DCA trust add-trusting RESOURCE --password-file "$tmp/trust"
	check "$scenario: 4. Add Trusted Domain ACCOUNTS on RESOURCE" 0 \
		"${U[@]}" -S DCB trust add-trusted ACCOUNTS --password-file "$tmp/trust"
	expect "$scenario: 4. says it in the KB's words" "Trust Relationship With ACCOUNTS Successfully Established" out

	check "$scenario: diagnosis is healthy" 0 \
		"${U[@]}" trust diagnose --resource-pdc DCB --accounts-pdc DCA --json
	expect "$scenario: verdict healthy" '"verdict":"healthy"' out
	check "$scenario: logon succeeds" 0 \
		"${U[@]}" -S DCB trust logon-test --user 'ACCOUNTS\alice' --password-file "$tmp/alice"
	if grep -q 'New.Trust.pw4' "$st"; then
		not_ok "$scenario: the state file holds no password"
	else
		ok "$scenario: the state file holds no password"
	fi
}

repair kb207957 NT_STATUS_NO_TRUST_SAM_ACCOUNT
repair kb207957-nt4 NT_STATUS_ACCESS_DENIED
finish
