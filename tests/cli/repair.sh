#!/bin/bash
# `usrmgr trust repair` from the command line on simulated domains:
# exit codes, the journal, and a repair killed (SIGKILL) after each step
# and resumed by a new process.
set -u
. "$top_srcdir/tests/cli/lib.sh"
printf 'Repair.pw5\n' >"$tmp/pw"
printf 'Alice.pw1\n' >"$tmp/alice"

# A copy of a scenario whose PDCs answer slowly, so a repair can be
# caught between two steps.
slow_scenario() {
	sed 's/^latency_ms = 0/latency_ms = 600/' \
		"$top_srcdir/scenarios/domains.ini" >"$tmp/domains.ini"
	sed 's/^include = domains.ini/include = domains.ini/' \
		"$top_srcdir/scenarios/$1.ini" >"$tmp/$1.ini"
}

repair() { # STATE JOURNAL ARGS...
	local st=$1 j=$2
	shift 2
	"$USRMGR" --state "$st" --journal "$j" trust repair \
		--resource-pdc DCB --accounts-pdc DCA "$@"
}

# The same in the background: exec, so that $! is usrmgr itself and a
# kill stops the repair (a function run with & is a subshell that would
# leave usrmgr running on).
repair_bg() { # STATE JOURNAL ARGS...
	local st=$1 j=$2
	shift 2
	exec "$USRMGR" --state "$st" --journal "$j" trust repair \
		--resource-pdc DCB --accounts-pdc DCA "$@"
}

healthy() { # STATE
	"$USRMGR" --state "$1" trust diagnose --resource-pdc DCB \
		--accounts-pdc DCA >/dev/null
}

# --- whole repairs, both dialects ---------------------------------------
for s in kb207957 kb207957-nt4 password-mismatch broken-at-resource-nt4; do
	"$USRMGR" --scenario "$s" --state "$tmp/$s.st" trust list >/dev/null
	check "$s: repair --yes" 0 repair "$tmp/$s.st" "$tmp/$s.j" --yes \
		--password-file "$tmp/pw" --user 'ACCOUNTS\alice' \
		--user-password-file "$tmp/alice" --json
	expect "$s: outcome repaired" '"outcome":"repaired"' out
	if healthy "$tmp/$s.st"; then ok "$s: diagnosis healthy"; else not_ok "$s: diagnosis healthy"; fi
	if grep -q 'Repair.pw5\|Alice.pw1' "$tmp/$s.j" "$tmp/$s.st"; then
		not_ok "$s: no password in journal or state"
	else
		ok "$s: no password in journal or state"
	fi
	check "$s: a second repair finds it healthy" 3 \
		repair "$tmp/$s.st" "$tmp/$s.j" --yes --password-file "$tmp/pw"
done

# --- issue 22: a step the server cannot do refuses the repair at once ----
st="$tmp/tw.st"; j="$tmp/tw.j"
"$USRMGR" --scenario two-way-kb207957 --state "$st" trust list >/dev/null
cp "$st" "$tmp/tw.before"
check "two-way, AD cannot add a direction: refused before step 1" 2 \
	repair "$st" "$j" --yes --generate-password
expect "  says which step cannot be done, and where" \
	"step 3 of 6 cannot be done on DCA" err
if cmp -s "$st" "$tmp/tw.before"; then ok "  nothing changed on either PDC"
else not_ok "  nothing changed on either PDC"; fi
if grep -q '"step-' "$j" 2>/dev/null; then not_ok "  no step journaled"
else ok "  no step journaled"; fi
s=two-way-kb207957-nt4
"$USRMGR" --scenario "$s" --state "$tmp/$s.st" trust list >/dev/null
check "two-way on NT4 (two one-way trusts): repaired" 0 \
	repair "$tmp/$s.st" "$tmp/$s.j" --yes --generate-password
if "$USRMGR" --state "$tmp/$s.st" trust diagnose --resource-pdc DCA \
	--accounts-pdc DCB >/dev/null; then ok "  the other direction still healthy"
else not_ok "  the other direction still healthy"; fi
# Samba AD as measured: no direction added, but an object re-created
# two-way; the repair re-keys both objects and both directions work.
s=two-way-rekey
"$USRMGR" --scenario "$s" --state "$tmp/$s.st" trust list >/dev/null
if ! "$USRMGR" --state "$tmp/$s.st" trust diagnose --resource-pdc DCA \
	--accounts-pdc DCB >/dev/null; then
	not_ok "$s: the other direction healthy before"
fi
check "two-way on AD (re-created two-way, re-keyed): repaired" 0 \
	repair "$tmp/$s.st" "$tmp/$s.j" --yes --generate-password \
	--user 'ACCOUNTS\alice' --user-password-file "$tmp/alice"
expect "  says the other direction is re-keyed" \
	"the other direction gets the same new password" out
if "$USRMGR" --state "$tmp/$s.st" trust diagnose --resource-pdc DCA \
	--accounts-pdc DCB >/dev/null; then ok "  the other direction healthy after"
else not_ok "  the other direction healthy after"; fi
for pdc in DCA DCB; do
	n=$("$USRMGR" --state "$tmp/$s.st" -S $pdc trust list | grep -c '(two-way)')
	if [ "$n" = 2 ]; then ok "  $pdc: two-way in both lists"
	else not_ok "  $pdc: two-way in both lists ($n)"; fi
done

# The same site by hand with the CLI (issue 22): the Add of the other
# direction re-keys the working one, so it needs --yes (or a terminal's
# yes); refused without, nothing changed; with --yes on both sides and one
# password, both directions healthy.
h=$tmp/hand.st
"$USRMGR" --scenario two-way-rekey --state "$h" trust list >/dev/null
check "by hand: remove-trusted ACCOUNTS on RESOURCE" 0 \
	"$USRMGR" --state "$h" -S DCB trust remove-trusted ACCOUNTS
"$USRMGR" --state "$h" -S DCA trust list >"$tmp/hand.before"
check "by hand: add-trusting, no --yes, no terminal: refused" 1 \
	setsid "$USRMGR" --state "$h" -S DCA trust add-trusting RESOURCE \
	--password-file "$tmp/pw" </dev/null
expect "  says what --yes does" "--yes re-creates the trust in both" err
"$USRMGR" --state "$h" -S DCA trust list >"$tmp/hand.after"
if cmp -s "$tmp/hand.before" "$tmp/hand.after"; then ok "  nothing changed"
else not_ok "  nothing changed"; fi
check "by hand: add-trusting RESOURCE on ACCOUNTS --yes" 0 \
	"$USRMGR" --state "$h" -S DCA trust add-trusting RESOURCE \
	--password-file "$tmp/pw" --yes
expect "  says the other direction is re-keyed" "re-keyed with it too" err
check "by hand: add-trusted ACCOUNTS on RESOURCE --yes, same password" 0 \
	"$USRMGR" --state "$h" -S DCB trust add-trusted ACCOUNTS \
	--partner-pdc DCA --password-file "$tmp/pw" --yes
expect "  the other direction verified" "was verified with the new password" out
for d in "DCB DCA" "DCA DCB"; do
	set -- $d
	if "$USRMGR" --state "$h" trust diagnose --resource-pdc "$1" \
		--accounts-pdc "$2" >/dev/null; then
		ok "  by hand: healthy with $1 as the resource PDC"
	else
		not_ok "  by hand: healthy with $1 as the resource PDC"
	fi
done

"$USRMGR" --scenario healthy --state "$tmp/h.st" trust list >/dev/null
check "re-establish a healthy trust" 0 repair "$tmp/h.st" "$tmp/h.j" --yes \
	--re-establish --generate-password
"$USRMGR" --scenario pdc-unreachable --state "$tmp/u.st" trust list >/dev/null
check "unreachable PDC: refused" 1 repair "$tmp/u.st" "$tmp/u.j" --yes \
	--password-file "$tmp/pw"
expect "unreachable PDC: says the repair cannot go on" \
	'^The repair cannot go on: The domain controller cannot be reached' out
expect "unreachable PDC: names the PDC that does not answer" \
	'^  The PDC DCA (?) cannot be reached now' out
expect "unreachable PDC: neither side guessed" \
	'RESOURCE (PDC DCB): ? in its Trusted Domains: cannot tell' out
expect "unreachable PDC: nothing to resume, so run it again" \
	'run the repair again' out
check "resume with nothing to resume" 2 \
	"$USRMGR" --state "$tmp/u.st" --journal "$tmp/none.j" trust repair --resume --yes
"$USRMGR" --scenario kb207957 --state "$tmp/t.st" trust list >/dev/null
check "no terminal and no password: refused" 2 \
	setsid "$USRMGR" --state "$tmp/t.st" --journal "$tmp/t.j" trust repair \
	--resource-pdc DCB --accounts-pdc DCA --yes </dev/null
expect "says how to give a password" "password-file" err
check "nothing changed" 1 "$USRMGR" --state "$tmp/t.st" trust diagnose \
	--resource-pdc DCB --accounts-pdc DCA --json
expect "still broken at the accounts side" '"verdict":"broken-at-accounts"' out

# --- killed after each step, resumed ------------------------------------
slow_scenario kb207957
for step in remove-trusted add-trusting add-trusted reset verify; do
	st="$tmp/k-$step.st"; j="$tmp/k-$step.j"
	"$USRMGR" --scenario "$tmp/kb207957.ini" --state "$st" trust list >/dev/null
	# after the verify step the final check asks nothing new of the
	# PDCs (what it needs was read after the last change): no round trip
	# to be killed in, so the test binary stops itself there
	stop= bin=$USRMGR
	[ "$step" = verify ] && stop=before:finish bin=$USRMGR_TEST_BIN
	USRMGR=$bin USRMGR_TEST_STOP_AT=$stop \
	repair_bg "$st" "$j" --yes --password-file "$tmp/pw" >/dev/null 2>&1 &
	pid=$!
	for _ in $(seq 1 3000); do
		grep -q "\"event\":\"step-done\",\"step\":\"$step\"" "$j" 2>/dev/null && break
		sleep 0.01
	done
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
	if grep -q '"event":"repair-end"' "$j"; then
		not_ok "killed after $step: the repair was unfinished"
	else
		ok "killed after $step: the repair was unfinished"
	fi
	check "killed after $step: resume finishes it" 0 \
		"$USRMGR" --state "$st" --journal "$j" trust repair --resume --yes \
		--password-file "$tmp/pw"
	if healthy "$st"; then ok "killed after $step: healthy"; else not_ok "killed after $step: healthy"; fi
done

# --- issue 22: one direction of a two-way trust between NT4 PDCs (two
# one-way trusts), the repair killed after each step that changes a
# direction and resumed: both directions healthy in the end ---------------
sed -e 's/^dialect = ad/dialect = nt4/' -e '/^cannot = /d' -e '/^dns_name = /d' \
	-e 's/^\(pdc = DC[AB]\)$/\1\nlatency_ms = 600/' \
	"$top_srcdir/scenarios/two-way-kb207957.ini" >"$tmp/two-way-nt4.ini"
# the same on servers as Samba AD (two-way-rekey): killed between the two
# Adds, the other direction is re-keyed on ACCOUNTS only until the resume
sed -e 's/^\(pdc = DC[AB]\)$/\1\nlatency_ms = 600/' \
	"$top_srcdir/scenarios/two-way-rekey.ini" >"$tmp/two-way-ad.ini"
for kind in nt4 ad; do
for step in remove-trusted add-trusting add-trusted; do
	st="$tmp/w-$kind-$step.st"; j="$tmp/w-$kind-$step.j"
	"$USRMGR" --scenario "$tmp/two-way-$kind.ini" --state "$st" trust list >/dev/null
	repair_bg "$st" "$j" --yes --password-file "$tmp/pw" >/dev/null 2>&1 &
	pid=$!
	for _ in $(seq 1 3000); do
		grep -q "\"event\":\"step-done\",\"step\":\"$step\"" "$j" 2>/dev/null && break
		sleep 0.01
	done
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
	check "two-way ($kind), killed after $step: resume finishes it" 0 \
		"$USRMGR" --state "$st" --journal "$j" trust repair --resume --yes \
		--password-file "$tmp/pw"
	if healthy "$st"; then ok "two-way ($kind), killed after $step: healthy"
	else not_ok "two-way ($kind), killed after $step: healthy"; fi
	if "$USRMGR" --state "$st" trust diagnose --resource-pdc DCA \
		--accounts-pdc DCB >/dev/null; then
		ok "two-way ($kind), killed after $step: the other direction healthy"
	else
		not_ok "two-way ($kind), killed after $step: the other direction healthy"
	fi
done
done

# --- resumed without the password: Add Trusting is done again -----------
st="$tmp/lost.st"; j="$tmp/lost.j"
"$USRMGR" --scenario "$tmp/kb207957.ini" --state "$st" trust list >/dev/null
repair_bg "$st" "$j" --yes --password-file "$tmp/pw" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 3000); do
	grep -q '"step-done","step":"add-trusting"' "$j" 2>/dev/null && break
	sleep 0.02
done
kill -KILL $pid; wait $pid 2>/dev/null
printf 'Another.pw6\n' >"$tmp/pw2"
check "lost password: resume with another one" 0 \
	"$USRMGR" --state "$st" --journal "$j" trust repair --resume --yes \
	--password-file "$tmp/pw2"
expect "lost password: says it adds the trusting domain again" "done again" out
if healthy "$st"; then ok "lost password: healthy"; else not_ok "lost password: healthy"; fi

# --- resumed: the logon test --user asked for stays in the plan ---------
# (the journal records the test user; its password is asked again, here
# from --user-password-file, since no password is ever journaled)
st="$tmp/user.st"; j="$tmp/user.j"
"$USRMGR" --scenario "$tmp/kb207957.ini" --state "$st" trust list >/dev/null
repair_bg "$st" "$j" --yes --password-file "$tmp/pw" --user 'ACCOUNTS\alice' \
	--user-password-file "$tmp/alice" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 3000); do
	grep -q '"step-done","step":"add-trusting"' "$j" 2>/dev/null && break
	sleep 0.02
done
kill -KILL $pid; wait $pid 2>/dev/null
if grep -q 'Alice.pw1' "$j"; then not_ok "user: no password in the journal"
else ok "user: no password in the journal"; fi
check "user: resume without --user" 0 \
	"$USRMGR" --state "$st" --journal "$j" trust repair --resume --yes \
	--password-file "$tmp/pw" --user-password-file "$tmp/alice" --json
expect "user: the resumed plan keeps the logon test" \
	'"step":"logon-test","pdc":"DCB","state":"done"' out
printf 'Wrong.pw1\n' >"$tmp/wrong"
"$USRMGR" --scenario "$tmp/kb207957.ini" --state "$tmp/user2.st" trust list \
	>/dev/null 2>&1
repair_bg "$tmp/user2.st" "$tmp/user2.j" --yes --password-file "$tmp/pw" \
	--user 'ACCOUNTS\alice' --user-password-file "$tmp/alice" \
	>/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 3000); do
	grep -q '"step-done","step":"add-trusting"' "$tmp/user2.j" 2>/dev/null &&
		break
	sleep 0.02
done
kill -KILL $pid; wait $pid 2>/dev/null
check "user: resumed without a terminal for its password: refused" 2 \
	setsid "$USRMGR" --state "$tmp/user2.st" --journal "$tmp/user2.j" trust \
	repair --resume --yes --password-file "$tmp/pw" </dev/null
expect "user: says how to give it" "password-file" err
check "user: resumed with a wrong user password: the logon test fails" 1 \
	"$USRMGR" --state "$tmp/user2.st" --journal "$tmp/user2.j" trust repair \
	--resume --yes --password-file "$tmp/pw" --user-password-file "$tmp/wrong" \
	--json
expect "user: the logon test ran and failed" \
	'"step":"logon-test","pdc":"DCB","state":"failed"' out
finish
