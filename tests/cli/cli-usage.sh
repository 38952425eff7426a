#!/bin/bash
# The command line: exit codes, messages and JSON for good and bad input.
set -u
. "$top_srcdir/tests/cli/lib.sh"
st="$tmp/state"
U=("$USRMGR" --state "$st" --scenario healthy)
printf 'Some.pw1\n' >"$tmp/pw"
printf 'Other.pw1\n' >"$tmp/pw2"

check "no verb but trust: usage error" 2 "$USRMGR" frobnicate
check "unknown verb" 2 "$USRMGR" trust frobnicate
check "unknown option" 2 "$USRMGR" --frobnicate trust list
check "verify needs a partner" 2 "${U[@]}" -S DCB trust verify
check "logon-test needs --user" 2 "${U[@]}" -S DCB trust logon-test
check "diagnose needs both PDCs" 2 "${U[@]}" trust diagnose --resource-pdc DCB
check "password file and fd exclude each other" 2 \
	"${U[@]}" -S DCA trust add-trusting X --password-file "$tmp/pw" --password-fd 0
check "--help" 0 "$USRMGR" --help
expect "--help names the verbs" "add-trusting PARTNER" out
check "--version" 0 "$USRMGR" --version

check "list, simulated" 0 "${U[@]}" trust list
expect "says the domains are simulated" "simulated" out
check "list --json on DCB" 0 "${U[@]}" -S DCB trust list --json
expect "json: ACCOUNTS trusted" '"trusted_domains":\[{"name":"ACCOUNTS"' out
expect "json: dialect key in English" '"dialect":"ad"' out
check "unknown simulated PDC is bad input" 2 "${U[@]}" -S NOPE trust list
check "verify healthy" 0 "${U[@]}" -S DCB trust verify accounts
check "name of 16 characters" 2 \
	"${U[@]}" -S DCA trust add-trusting SIXTEEN-CHARSXXX --password-file "$tmp/pw"
expect "says at most 15" "at most 15" err
check "name with a forbidden character" 2 \
	"${U[@]}" -S DCA trust add-trusting 'BAD|NAME' --password-file "$tmp/pw"
check "trusting itself" 2 \
	"${U[@]}" -S DCA trust add-trusting accounts --password-file "$tmp/pw"
check "second add of an existing trust" 1 \
	"${U[@]}" -S DCA trust add-trusting RESOURCE --password-file "$tmp/pw"
expect "says it is already there" "OBJECT_NAME_COLLISION" err
check "add trusted with the wrong password is refused" 1 \
	"${U[@]}" -S DCB trust add-trusted NEWDOM --password-file "$tmp/pw"
check "missing password file" 2 \
	"${U[@]}" -S DCA trust add-trusting NEWDOM --password-file "$tmp/none"
check "no terminal for a prompt" 2 \
	setsid "${U[@]}" -S DCA trust add-trusting NEWDOM </dev/null
expect "says how to give a password" "password-file" err
check "remove a trust that is gone" 1 "${U[@]}" -S DCB trust remove-trusting GONE
check "json error object" 1 "${U[@]}" -S DCB trust remove-trusting GONE --json
expect "json: status name" '"ok":false,"status":"NT_STATUS_OBJECT_NAME_NOT_FOUND"' out
check "a malformed state file is bad input" 2 \
	"$USRMGR" --state "$top_srcdir/tests/cli/lib.sh" trust list
expect "says file and line" "lib.sh:[0-9]*:" err
check "password-fd" 0 \
	"${U[@]}" -S DCA trust add-trusting NEWDOM --password-fd 3 3<"$tmp/pw"

# Possessives: "the RESOURCE domain's", never "RESOURCE's" (issue 18).
"$USRMGR" --state "$tmp/kb.st" --scenario kb207957 trust list >/dev/null
check "diagnose kb207957" 1 "$USRMGR" --state "$tmp/kb.st" trust diagnose \
	--resource-pdc DCB --accounts-pdc DCA
expect "diagnose: the RESOURCE domain's Trusted Domains" \
	"ACCOUNTS in the RESOURCE domain's Trusted Domains: " out
expect "diagnose: the ACCOUNTS domain's Trusting Domains" \
	"RESOURCE in the ACCOUNTS domain's Trusting Domains: " out

# Without --state, simulated changes live in memory only: a changing
# command says so on stderr, once; with --state, or a command that
# changes nothing, it does not (issue 18, Journal).
unkept="the change is not kept: no --state FILE"
check "no --state: a change" 0 "$USRMGR" --scenario kb207957 -S DCA trust add-trusting NEWDOM \
	--password-file "$tmp/pw"
expect "no --state: says the change is not kept" "$unkept" err
expect "no --state: says how to keep it" "--scenario kb207957 --state FILE" err
if [ "$(grep -c . "$tmp/err")" = 1 ]; then ok "no --state: one line on stderr"
else not_ok "no --state: one line on stderr"; sed 's/^/#   /' "$tmp/err"; fi
check "no --state, json: a change" 0 "$USRMGR" --scenario kb207957 -S DCB trust remove-trusted \
	ACCOUNTS --json
expect "no --state, json: says it on stderr" "$unkept" err
check "no --state, a repair" 0 "$USRMGR" --scenario kb207957 --journal "$tmp/nostate.j" trust \
	repair --resource-pdc DCB --accounts-pdc DCA --yes --password-file "$tmp/pw"
expect "no --state, a repair: says it" "$unkept" err
check "no --state: a list changes nothing" 0 "$USRMGR" trust list
if grep -q "not kept" "$tmp/err"; then not_ok "no --state: list says nothing"
else ok "no --state: list says nothing"; fi
check "no --state: a refused change" 2 "$USRMGR" --scenario kb207957 -S DCA trust add-trusting \
	'BAD|NAME' --password-file "$tmp/pw"
if grep -q "not kept" "$tmp/err"; then not_ok "refused: says nothing of keeping"
else ok "refused: says nothing of keeping"; fi
check "--state: a change" 0 "${U[@]}" -S DCA trust add-trusting OTHERDOM \
	--password-file "$tmp/pw"
if grep -q "not kept" "$tmp/err"; then not_ok "--state: says nothing of keeping"
else ok "--state: says nothing of keeping"; fi
finish
