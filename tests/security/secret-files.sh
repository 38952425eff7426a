#!/bin/bash
# Where usrmgr writes, a password never goes: the journal, the state file
# (NT hashes only, mode 0600), standard output and error at the highest
# debug level, in text and in JSON.  Every command that takes a password
# is run on the simulated domains with a distinctive one, then every file
# and stream is searched for it (as UTF-8 and as UTF-16LE).
# Ends with "N passed, N failed".
#
# Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
. "$top_srcdir/tests/security/lib.sh"

mkdir "$tmp/in" "$tmp/streams"
printf '%s\n' "$TRUST_PW" >"$tmp/in/trust"
printf '%s\n' "$USER_PW" >"$tmp/in/alice"
printf 'Wrong.%s\n' "$TRUST_PW" >"$tmp/in/wrong"
st="$tmp/state"
journal="$tmp/journal/usrmgr/journal.jsonl"
outs=()
n=0
U=("$USRMGR" --scenario kb207957 --state "$st" --journal "$journal" -d 10)

# run EXPECTED-EXIT ARGS...: one usrmgr command, its streams kept
run() {
	local want=$1 got=0
	shift
	n=$((n + 1))
	"${U[@]}" "$@" >"$tmp/streams/out.$n" 2>"$tmp/streams/err.$n" || got=$?
	outs+=("$tmp/streams/out.$n" "$tmp/streams/err.$n")
	if [ "$got" = "$want" ]; then
		ok "usrmgr $* (exit $got)"
	else
		not_ok "usrmgr $* (exit $got, wanted $want)"
		sed 's/^/#   /' "$tmp/streams/out.$n" "$tmp/streams/err.$n"
	fi
}

# The KB Q207957 repair with a chosen password, journaled, at -d 10.
run 1 trust logon-test -S DCB --user 'ACCOUNTS\alice' --password-file "$tmp/in/alice"
run 0 trust repair --resource-pdc DCB --accounts-pdc DCA --yes \
	--password-file "$tmp/in/trust" --json
run 0 trust logon-test -S DCB --user 'ACCOUNTS\alice' --password-fd 3 3<"$tmp/in/alice"
run 0 trust verify -S DCB ACCOUNTS --json
# The single commands, each password way: file, descriptor, JSON out.
run 0 trust remove-trusted -S DCB ACCOUNTS
run 0 trust remove-trusting -S DCA RESOURCE
run 0 trust add-trusting -S DCA RESOURCE --password-fd 3 3<"$tmp/in/trust"
run 0 trust add-trusted -S DCB ACCOUNTS --password-file "$tmp/in/trust" --json
run 0 trust verify -S DCB ACCOUNTS
# A wrong password: the error path says so without repeating it.
run 0 trust remove-trusted -S DCB ACCOUNTS
run 1 trust add-trusted -S DCB ACCOUNTS --password-file "$tmp/in/wrong"

check "the journal was written" test -s "$journal"
check "the state file was written" test -s "$st"

hash=$(state_hash "$st" 'trusting ACCOUNTS RESOURCE')
if [[ $hash =~ ^[0-9a-f]{32}$ ]]; then
	ok "the state file keeps the trust password as an NT hash ($hash)"
else
	not_ok "the state file keeps the trust password as an NT hash ('$hash')"
fi
check "the state file is mode 0600" test "$(stat -c %a "$st")" = 600
check "the journal is mode 0600" test "$(stat -c %a "$journal")" = 600
check "the journal's directory is mode 0700" \
	test "$(stat -c %a "$(dirname "$journal")")" = 700

for pw in "$TRUST_PW" "Wrong.$TRUST_PW" "$USER_PW"; do
	absent "no '$pw' in the state file" "$pw" "$st"
	absent "no '$pw' in the journal" "$pw" "$journal"
	absent "no '$pw' on stdout/stderr at -d 10" "$pw" "${outs[@]}"
	absent_utf16 "no '$pw' as UTF-16LE anywhere" "$pw" "$st" "$journal" \
		"${outs[@]}"
done
# The NT hash opens the trust as well as the password does: it stays in
# the state file and goes nowhere else.
if [ -n "$hash" ]; then
	absent "the trust's NT hash is not in the journal" "$hash" "$journal"
	absent "the trust's NT hash is not on stdout/stderr" "$hash" "${outs[@]}"
fi
# Nothing beside the state file and the journal was left behind.  (Every
# file is listed, not those "newer" than the inputs: the inputs themselves
# are written a clock tick apart now and then.)
left=$(find "$tmp" -type f ! -path "$tmp/in/*" ! -path "$tmp/streams/*" \
	! -path "$st" ! -path "$journal" ! -name '.needle*')
check "no other file was written (temporary state files removed)" test -z "$left"
[ -z "$left" ] || printf '#   left behind: %s\n' $left
finish
