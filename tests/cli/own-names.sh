#!/bin/bash
# A scenario of one's own (tests/cli/own-scenario.sh: generated names,
# none of the built-in scenarios'), by the CLI alone, both dialects: the
# trust list on each PDC, the diagnosis (broken-at-accounts, the logon
# test failing), the repair with --state so that each command sees the
# last one's changes, then healthy and the logon test passing.
set -u
. "$top_srcdir/tests/cli/lib.sh"
. "$top_srcdir/tests/cli/own-scenario.sh"

own_scenario "$tmp/own.ini"
if own_scenario_clean "$tmp/own.ini"; then
	ok "the scenario names no built-in domain or PDC"
else
	not_ok "the scenario names no built-in domain or PDC"
fi
if [ ${#OWN_RES} = 15 ] && [ ${#OWN_ACC} = 15 ] &&
   [ ${#OWN_RES_PDC} = 15 ] && [ ${#OWN_ACC_PDC} = 15 ]; then
	ok "15-character NetBIOS names: $OWN_RES ($OWN_RES_PDC), $OWN_ACC ($OWN_ACC_PDC)"
else
	not_ok "15-character NetBIOS names"
fi
printf '%s\n' "$OWN_USER_PW" >"$tmp/user-pw"
printf 'Own.Trust.pw6\n' >"$tmp/trust-pw"

# The same domains as NT 4.0 style domains.
sed 's/^dialect = ad/dialect = nt4/; /^dns_name/d' "$tmp/own.ini" >"$tmp/own-nt4.ini"

own() { # DIALECT-SUFFIX
	local sc="$tmp/own$1.ini" st="$tmp/own$1.state" j="$tmp/own$1.journal"
	local U=("$USRMGR" --scenario "$sc" --state "$st")
	local pair=(--resource-pdc "$OWN_RES_PDC" --accounts-pdc "$OWN_ACC_PDC")
	local user=(--user "$OWN_ACC\\$OWN_USER")
	local d=${1:-ad}

	check "$d: trust list on the resource PDC" 0 \
		"${U[@]}" -S "$OWN_RES_PDC" trust list
	expect "$d: it is the resource domain" "^Domain: $OWN_RES " out
	expect "$d: it trusts the accounts domain" "^    $OWN_ACC" out
	check "$d: trust list on the accounts PDC" 0 \
		"${U[@]}" -S "$OWN_ACC_PDC" trust list --json
	expect "$d: it is the accounts domain" "\"domain\":\"$OWN_ACC\"" out
	if grep -q "$OWN_RES" "$tmp/out"; then
		not_ok "$d: the accounts domain no longer lists the resource domain"
	else
		ok "$d: the accounts domain no longer lists the resource domain"
	fi

	check "$d: diagnose: not healthy (exit 1)" 1 \
		"${U[@]}" trust diagnose "${pair[@]}" "${user[@]}" \
		--password-file "$tmp/user-pw" --json
	expect "$d: verdict broken-at-accounts" '"verdict":"broken-at-accounts"' out
	expect "$d: the domains by their own names" "\"resource_domain\":\"$OWN_RES\",\"accounts_domain\":\"$OWN_ACC\"" out
	check "$d: the logon test fails" 1 \
		"${U[@]}" -S "$OWN_RES_PDC" trust logon-test "${user[@]}" \
		--password-file "$tmp/user-pw"

	check "$d: repair --yes (exit 0)" 0 \
		"${U[@]}" --journal "$j" trust repair "${pair[@]}" --yes \
		--password-file "$tmp/trust-pw" "${user[@]}" \
		--user-password-file "$tmp/user-pw" --json
	expect "$d: outcome repaired" '"outcome":"repaired"' out

	check "$d: diagnose in a new process: healthy (exit 0)" 0 \
		"${U[@]}" trust diagnose "${pair[@]}" "${user[@]}" \
		--password-file "$tmp/user-pw" --json
	expect "$d: verdict healthy" '"verdict":"healthy"' out
	check "$d: the logon test passes" 0 \
		"${U[@]}" -S "$OWN_RES_PDC" trust logon-test "${user[@]}" \
		--password-file "$tmp/user-pw"
	check "$d: the accounts domain lists the resource domain again" 0 \
		"${U[@]}" -S "$OWN_ACC_PDC" trust list
	expect "$d: ... under its own name" "^    $OWN_RES" out
	check "$d: a second repair finds it healthy (exit 3)" 3 \
		"${U[@]}" --journal "$j" trust repair "${pair[@]}" --yes \
		--password-file "$tmp/trust-pw"
	if grep -q -e 'Own.Trust.pw6' -e "$OWN_USER_PW" "$st" "$j"; then
		not_ok "$d: no password in the state file or the journal"
	else
		ok "$d: no password in the state file or the journal"
	fi
}

own ""
own "-nt4"
finish
