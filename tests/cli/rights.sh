#!/bin/bash
# `usrmgr policy rights ...` on simulated domains of our own (issue 20):
# NT's rights listed, granted and revoked (a trusted domain's user
# included), and the limits in words: an unknown right, an unknown
# account, a right the server does not keep, an operator without the
# rights to change them; both dialects.
set -u
. "$top_srcdir/tests/cli/lib.sh"

scenario() { # DIALECT ACCESS FILE
	cat >"$3" <<INI
[scenario]
name = rights-own
description = Two domains of our own; KELLERHOF trusts MUEHLTAL.

[domain KELLERHOF]
dialect = $1
pdc = KH-DC07
sid = S-1-5-21-1234-5678-9012

[user KELLERHOF hmaier]
full_name = Hanna Maier

[domain MUEHLTAL]
dialect = $1
pdc = MT-DC02
sid = S-1-5-21-4321-8765-2109

[user MUEHLTAL pweiss]
full_name = Paul Weiss

[trusted KELLERHOF MUEHLTAL]
nthash = 9fe0cd1671254282a0a8dca70aaa3c38

[rights KELLERHOF]
access = $2
SeBackupPrivilege = Administrators, Backup Operators
INI
}

holders() { # RIGHT: its grantees, one line, as --json lists them
	"${U[@]}" --json policy rights list "$1" 2>/dev/null | python3 -c '
import json, sys
r = json.load(sys.stdin)["rights"][0]
print(",".join(g["name"] for g in r["grantees"]))'
}
is() {
	if [ "$2" = "$3" ]; then ok "$1"
	else not_ok "$1 ('$3', wanted '$2')"; fi
}

B=SeBackupPrivilege
BOTH="Administrators,Backup Operators"
for d in ad nt4; do
	scenario "$d" full "$tmp/$d.ini"
	U=("$USRMGR" --scenario "$tmp/$d.ini" --state "$tmp/$d.state"
	   -S KH-DC07)
	R=("${U[@]}" policy rights)
	check "$d: list" 0 "${R[@]}" list
	expect "$d: a right by its NT name" \
		"^Back up files and directories ($B)" out
	expect "$d: an unkept right in words" \
		"does not keep the right \"Act as part" out
	is "$d: the scenario's holders" "$BOTH" "$(holders $B)"
	check "$d: grant to a trusted domain's user" 0 "${R[@]}" grant \
		"Back up files and directories" 'MUEHLTAL\pweiss'
	check "$d: grant to our own user" 0 "${R[@]}" grant $B HMAIER
	is "$d: both hold it" "$BOTH,hmaier,MUEHLTAL\\pweiss" \
		"$(holders $B)"
	check "$d: grant again changes nothing" 0 "${R[@]}" grant $B hmaier
	check "$d: revoke" 0 "${R[@]}" revoke $B 'MUEHLTAL\pweiss'
	is "$d: revoked" "$BOTH,hmaier" "$(holders $B)"
	check "$d: unknown right" 2 "${R[@]}" grant SeFlyPrivilege hmaier
	expect "$d: unknown right in words" "no such user right" err
	check "$d: unknown account" 2 "${R[@]}" grant $B nobody
	expect "$d: unknown account named" 'No account named "nobody"' err
	check "$d: unkept right" 1 "${R[@]}" grant SeTcbPrivilege hmaier
	expect "$d: unkept right in words" "does not keep the right" err
	is "$d: nothing changed" "$BOTH,hmaier" "$(holders $B)"
	check "$d: usage" 2 "${R[@]}" grant $B

	scenario "$d" read "$tmp/$d-ro.ini"
	U=("$USRMGR" --scenario "$tmp/$d-ro.ini" --state "$tmp/$d-ro.state"
	   -S KH-DC07)
	check "$d: no rights to change" 1 "${U[@]}" policy rights grant \
		$B hmaier
	expect "$d: denied in words" "Access is denied" err
	is "$d: read-only: nothing changed" "$BOTH" "$(holders $B)"
done
finish
