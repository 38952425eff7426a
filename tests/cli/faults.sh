#!/bin/bash
# Faults of the simulated PDCs (scenarios/README.md: noop_ops, down_after,
# latency_ms) and what `usrmgr trust repair` and `trust diagnose` make of
# them: a PDC that lies fails its step with the postcondition's message; a
# partner gone mid-diagnosis is partner-unreachable; a PDC that stops
# answering between two steps loses nothing and the journal resumes to
# healthy; a slow PDC still ends healthy.
set -u
USRMGR=${USRMGR_TEST_BIN:-$USRMGR}
. "$top_srcdir/tests/cli/lib.sh"
S="$top_srcdir/scenarios"
printf 'Repair.pw5\n' >"$tmp/pw"
printf 'Alice.pw1\n' >"$tmp/alice"
POSTCONDITION='The domain controller accepted the change, but it could not be verified. (USRMGR_NOT_VERIFIED)'

# faulty SCENARIO DOMAIN KEY=VALUE: $tmp/f/SCENARIO.ini, the built-in
# scenario with the fault on DOMAIN (in the shared domains.ini).
faulty() {
	rm -rf "$tmp/f"; mkdir "$tmp/f"
	cp "$S/$1.ini" "$tmp/f/"
	sed "/^\[domain $2\]/a ${3%%=*} = ${3#*=}" "$S/domains.ini" \
		>"$tmp/f/domains.ini"
}

# repair STATE JOURNAL ARGS...: on the pair, the password and logon test
repair() {
	local st=$1 j=$2
	shift 2
	"$USRMGR" --state "$st" --journal "$j" trust repair --yes \
		--password-file "$tmp/pw" --user 'ACCOUNTS\alice' \
		--user-password-file "$tmp/alice" "$@"
}
resume() { # STATE JOURNAL
	repair "$1" "$2" --resume
}
start() { # SCENARIO-FILE STATE JOURNAL ARGS...
	local sc=$1 st=$2 j=$3
	shift 3
	repair "$st" "$j" --scenario "$sc" --resource-pdc DCB \
		--accounts-pdc DCA "$@"
}
diagnose() { # STATE
	"$USRMGR" --state "$1" trust diagnose --resource-pdc DCB \
		--accounts-pdc DCA --json
}
bring_back() { # STATE: every PDC answers again
	sed -i 's/^reachable = no/reachable = yes/' "$1"
}
# the journal's events of one kind, as "event step" lines
events() { # JOURNAL
	sed -n 's/.*"event":"\([a-z-]*\)"\(,"step":"\([a-z-]*\)"\)\{0,1\}.*/\1 \3/p' "$1"
}

# --- a PDC that answers success and changes nothing ----------------------
# Each lie is told by the PDC the step runs on: the step's own check on
# the wire (the postcondition) must catch it.
for lie in "kb207957 RESOURCE remove_trusted remove-trusted 1" \
	   "password-mismatch ACCOUNTS remove_trusting remove-trusting 2" \
	   "kb207957 ACCOUNTS add_trusting add-trusting 3"; do
	set -- $lie
	sc=$1 dom=$2 op=$3 step=$4 n=$5
	st="$tmp/lie-$op.st"; j="$tmp/lie-$op.j"
	faulty "$sc" "$dom" "noop_ops=$op"
	check "$op lies: the repair fails" 1 start "$tmp/f/$sc.ini" "$st" "$j"
	expect "$op lies: step $n failed with the postcondition's message" \
		"^  Step $n failed: $POSTCONDITION\$" out
	expect "$op lies: the repair stopped there" \
		"^The repair stopped at step $n of 7" out
	if grep -q "\"event\":\"step-failed\",\"step\":\"$step\".*\"status\":\"USRMGR_NOT_VERIFIED\"" "$j" &&
	   ! grep -q '"event":"repair-end"' "$j"; then
		ok "$op lies: journaled as failed, the repair left open"
	else
		not_ok "$op lies: journaled as failed, the repair left open"
		sed 's/^/#   /' "$j"
	fi
	# The fault lives in this process only: the state file has none.
	check "$op lies: without the fault, the journal resumes" 0 \
		resume "$st" "$j"
	expect "$op lies: resumed to healthy" "^Diagnosis now: The trust is healthy.\$" out
	check "$op lies: diagnose exits 0" 0 diagnose "$st"
	expect "$op lies: diagnose says healthy" '"verdict":"healthy"' out
done

# Add Trusted's lie is caught inside the operation (its own verify).
faulty kb207957 RESOURCE noop_ops=add_trusted
check "add_trusted lies: the repair fails" 1 \
	start "$tmp/f/kb207957.ini" "$tmp/lie-at.st" "$tmp/lie-at.j"
expect "add_trusted lies: step 4 failed" '^  Step 4 failed: ' out
check "add_trusted lies: resumed" 0 resume "$tmp/lie-at.st" "$tmp/lie-at.j"
check "add_trusted lies: healthy" 0 diagnose "$tmp/lie-at.st"

# --- a partner that goes away mid-diagnosis ------------------------------
# ACCOUNTS answers its two calls (domain info, trust lists) and is gone
# when RESOURCE's PDC relays the verify to it, and after the reset.
for sc in healthy password-mismatch stale-channel; do
	faulty "$sc" ACCOUNTS down_after=2
	rm -f "$tmp/gone.st"
	check "$sc, partner gone mid-diagnosis: exit 1" 1 \
		"$USRMGR" --scenario "$tmp/f/$sc.ini" --state "$tmp/gone.st" \
		trust diagnose --resource-pdc DCB --accounts-pdc DCA --json
	expect "$sc, partner gone: ACCOUNTS answered the lists" \
		'"accounts_reach":{"ok":true' out
	expect "$sc, partner gone: verify after the reset: no logon servers" \
		'"verify_after_reset":{"ok":false,"status":"WERR_NO_LOGON_SERVERS"' out
	expect "$sc, partner gone: verdict partner-unreachable" \
		'"verdict":"partner-unreachable"' out
done
# ...and a repair started then refuses to touch anything.
faulty password-mismatch ACCOUNTS down_after=2
check "partner gone mid-diagnosis: the repair is refused" 1 \
	start "$tmp/f/password-mismatch.ini" "$tmp/gr.st" "$tmp/gr.j"
if grep -q '"event":"step-start"' "$tmp/gr.j" 2>/dev/null; then
	not_ok "partner gone mid-diagnosis: no step started"
else
	ok "partner gone mid-diagnosis: no step started"
fi

# --- a PDC that stops answering between two calls of the repair ----------
# Every N: the PDC answers N operations, then no more.  A repair either
# is refused up front or fails a step; the journal keeps what was done,
# and once the PDC is back, a resume ends healthy.
for dom in RESOURCE ACCOUNTS; do
	failed_steps=""
	for n in $(seq 1 40); do
		st="$tmp/down-$dom-$n.st"; j="$tmp/down-$dom-$n.j"
		faulty password-mismatch "$dom" "down_after=$n"
		rc=0
		start "$tmp/f/password-mismatch.ini" "$st" "$j" >"$tmp/out" 2>&1 || rc=$?
		[ "$rc" = 0 ] && break
		step=$(sed -n 's/.*"event":"step-failed","step":"\([a-z-]*\)".*/\1/p' "$j")
		[ -n "$step" ] || continue # refused before any step: nothing to resume
		failed_steps="$failed_steps $step"
		done_before=$(events "$j" | sed -n 's/^step-done //p')
		bring_back "$st"
		rc=0
		resume "$st" "$j" >"$tmp/out" 2>&1 || rc=$?
		resumed_again=""
		for d in $done_before; do
			if events "$j" | sed '1,/^repair-resume/d' | grep -qx "step-start $d"; then
				resumed_again="$resumed_again $d"
			fi
		done
		if [ "$rc" = 0 ] && [ -z "$resumed_again" ] &&
		   grep -q '"outcome":"repaired"' "$j" &&
		   diagnose "$st" >/dev/null; then
			ok "$dom down after $n operations: $step failed, resumed to healthy"
		else
			not_ok "$dom down after $n operations: $step failed, resumed to healthy (rc $rc, done again:$resumed_again)"
			sed 's/^/#   /' "$tmp/out"
		fi
	done
	if [ "$rc" = 0 ]; then
		ok "$dom: enough operations and the repair succeeds"
	else
		not_ok "$dom: enough operations and the repair succeeds"
	fi
	# Every step on that PDC's side was hit at least once.
	case $dom in
	RESOURCE) want="remove-trusted add-trusted reset verify logon-test" ;;
	ACCOUNTS) want="remove-trusting add-trusting" ;;
	esac
	for w in $want; do
		case " $failed_steps " in
		*" $w "*) ok "$dom gone during $w: seen" ;;
		*) not_ok "$dom gone during $w: seen (failed:$failed_steps)" ;;
		esac
	done
done

# --- a slow answer --------------------------------------------------------
faulty kb207957 ACCOUNTS latency_ms=150
sed -i '/^\[domain RESOURCE\]/a latency_ms = 150' "$tmp/f/domains.ini"
sed -i '/^latency_ms = 0$/d' "$tmp/f/domains.ini"
t0=$(date +%s%N)
check "slow PDCs: the repair ends" 0 \
	start "$tmp/f/kb207957.ini" "$tmp/slow.st" "$tmp/slow.j" --json
ms=$(( ($(date +%s%N) - t0) / 1000000 ))
expect "slow PDCs: repaired" '"outcome":"repaired"' out
# about 12 waits of 150 ms (both PDCs' reads at once, nothing read
# twice): the latency was really there
if [ "$ms" -ge 1500 ]; then ok "slow PDCs: took ${ms} ms (>= 1500)"; else not_ok "slow PDCs: took ${ms} ms (>= 1500)"; fi
check "slow PDCs: healthy" 0 diagnose "$tmp/slow.st"

# --- bad values -----------------------------------------------------------
for bad in "noop_ops=verify" "noop_ops=" "noop_ops=add_trusted,bogus" \
	   "stale_after_add=maybe" "down_after=-1" "latency_ms=soon"; do
	faulty kb207957 RESOURCE "$bad"
	check "bad value ${bad}: refused" 2 "$USRMGR" --scenario "$tmp/f/kb207957.ini" trust list
	expect "bad value ${bad}: says which key" "domains.ini:[0-9]*: ${bad%%=*}" err
done
finish
