#!/bin/bash
# The order of a repair's steps is KB Q207957's, on every scenario a
# repair applies to (both dialects): the journal's step-start and
# step-skipped events, in order, are the KB's steps the plan runs.  The
# order is written out here, not taken from src/engine/repair.c, so that
# a change of the step table turns this red.
set -u
USRMGR=${USRMGR_TEST_BIN:-$USRMGR}
. "$top_srcdir/tests/cli/lib.sh"
printf 'Repair.pw5\n' >"$tmp/pw"
printf 'Alice.pw1\n' >"$tmp/alice"

# KB Q207957: resource Remove Trusted, accounts Remove Trusting, accounts
# Add Trusting, resource Add Trusted, then reset before verify (the
# resource PDC may hold a channel built with the old password), verify,
# and the logon test.
KB="remove-trusted remove-trusting add-trusting add-trusted reset verify logon-test"
# A stale channel needs only the channel's steps.
KB_CHANNEL="reset verify logon-test"

steps_of() { # JOURNAL EVENT-REGEX: the steps of those events, in order
	sed -n "s/.*\"event\":\"\\($2\\)\",\"step\":\"\\([a-z-]*\\)\".*/\\2/p" "$1" | tr '\n' ' ' | sed 's/ $//'
}

repaired=0
seen_stale_after_add=no
for f in "$top_srcdir"/scenarios/*.ini; do
	base=$(basename "$f" .ini)
	for sc in "$base" "$base-nt4"; do
		st="$tmp/$sc.st"; j="$tmp/$sc.j"
		verdict=$(USRMGR_SCENARIO_DIR="$top_srcdir/scenarios" "$USRMGR" \
			--scenario "$sc" trust diagnose \
			--resource-pdc DCB --accounts-pdc DCA --json 2>/dev/null |
			sed -n 's/.*"verdict":"\([a-z-]*\)".*/\1/p')
		case $verdict in
		healthy | partner-unreachable | logon-fails | "")
			echo "# $sc: $verdict, no repair"
			continue ;;
		stale-channel) want=$KB_CHANNEL ;;
		*) want=$KB ;;
		esac
		if [ "$sc" = "$base" ] && grep -q "^cannot = .*rekey_two_way" "$f"; then
			# a server that cannot do a step: refused before any
			# step starts (issue 22), so there is no order to check
			check "$sc ($verdict): refused up front" 2 \
				env USRMGR_SCENARIO_DIR="$top_srcdir/scenarios" \
				"$USRMGR" --scenario "$sc" --state "$st" \
				--journal "$j" trust repair --resource-pdc DCB \
				--accounts-pdc DCA --yes --password-file "$tmp/pw"
			if [ -z "$(steps_of "$j" 'step-[a-z]*')" ]; then
				ok "$sc: no step journaled"
			else
				not_ok "$sc: no step journaled"
			fi
			continue
		fi
		# (the diagnosis above changed nothing: no state file)
		check "$sc ($verdict): trust repair" 0 \
			env USRMGR_SCENARIO_DIR="$top_srcdir/scenarios" \
			"$USRMGR" --scenario "$sc" --state "$st" --journal "$j" \
			trust repair \
			--resource-pdc DCB --accounts-pdc DCA --yes \
			--password-file "$tmp/pw" --user 'ACCOUNTS\alice' \
			--user-password-file "$tmp/alice"
		got=$(steps_of "$j" 'step-start\|step-skipped')
		if [ "$got" = "$want" ]; then
			ok "$sc: steps in the KB's order"
		else
			not_ok "$sc: steps in the KB's order (got '$got', wanted '$want')"
		fi
		# the steps started, alone, keep the KB's order too
		started=$(steps_of "$j" 'step-start')
		kb_started=$(for s in $want; do
			case " $started " in *" $s "*) printf '%s ' "$s" ;; esac
		done | sed 's/ $//')
		if [ -n "$started" ] && [ "$started" = "$kb_started" ]; then
			ok "$sc: step-start events in the KB's order"
		else
			not_ok "$sc: step-start events in the KB's order (got '$started')"
		fi
		repaired=$((repaired + 1))
		[ "$base" = stale-after-add ] && seen_stale_after_add=yes
	done
done
if [ "$seen_stale_after_add" = yes ]; then
	ok "stale-after-add (channel stale after Add Trusted until reset) was repaired"
else
	not_ok "stale-after-add (channel stale after Add Trusted until reset) was repaired"
fi
if [ "$repaired" -ge 10 ]; then ok "$repaired repairs checked"; else not_ok "$repaired repairs checked (wanted >= 10)"; fi
finish
