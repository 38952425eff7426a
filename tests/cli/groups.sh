#!/bin/bash
# `usrmgr group ...` on simulated domains of our own (issue 19, step 3):
# global and local groups, their members (a local group also holds the
# domain's global groups and a trusted domain's users), NT's name rules,
# duplicates and members that are not there, both dialects.
set -u
. "$top_srcdir/tests/cli/lib.sh"

scenario() { # DIALECT FILE
	cat >"$2" <<INI
[scenario]
name = groups-own
description = Two domains of our own; NORTHWIND trusts SOUTHWIND.

[domain NORTHWIND]
dialect = $1
pdc = NW-DC01
sid = S-1-5-21-3141-5926-5358

[user NORTHWIND kfuller]
full_name = Kim Fuller

[user NORTHWIND adunn]
full_name = Ann Dunn

[group NORTHWIND Sales]
description = Sales people
members = kfuller

[domain SOUTHWIND]
dialect = $1
pdc = SW-DC01
sid = S-1-5-21-2718-2818-2845

[user SOUTHWIND bcole]
full_name = Bo Cole

[trusted NORTHWIND SOUTHWIND]
nthash = 9fe0cd1671254282a0a8dca70aaa3c38
INI
}

members() { # GROUP: its members, one line, as --json lists them
	"${U[@]}" --json group show "$1" 2>/dev/null |
		python3 -c 'import json,sys; print(",".join(json.load(sys.stdin)["members"]))'
}
is() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 ('$3', wanted '$2')"; fi; }

for d in ad nt4; do
	scenario "$d" "$tmp/$d.ini"
	U=("$USRMGR" --scenario "$tmp/$d.ini" --state "$tmp/$d.state" -S NW-DC01)
	check "$d: group list" 0 "${U[@]}" group list
	expect "$d: the scenario's group" "^Sales  *Sales people" out
	is "$d: its members" kfuller "$(members sales)"
	check "$d: new global group" 0 "${U[@]}" group add Buyers \
		--description "Purchasing"
	check "$d: new local group" 0 "${U[@]}" group add Printers --local
	check "$d: Properties: a new description" 0 "${U[@]}" group set \
		Buyers --description "Purchasing dept"
	check "$d: read back" 0 "${U[@]}" --json group show buyers
	expect "$d: the new description" '"description":"Purchasing dept"' out
	check "$d: a local group's description" 0 "${U[@]}" group set \
		Printers --description "Print queues"
	check "$d: read back (local)" 0 "${U[@]}" --json group show Printers
	expect "$d: the local group's description" \
		'"description":"Print queues"' out
	check "$d: set without --description" 2 "${U[@]}" group set Buyers
	check "$d: set on no such group" 1 "${U[@]}" group set Nobody \
		--description x
	expect "$d: no such group (set)" NO_SUCH_GROUP err
	check "$d: duplicate (case ignored)" 1 "${U[@]}" group add SALES
	expect "$d: duplicate named" GROUP_EXISTS err
	check "$d: a user's name" 1 "${U[@]}" group add kfuller
	check "$d: global group name of 21" 2 "${U[@]}" group add \
		abcdefghijklmnopqrstu
	expect "$d: too long" "at most 20 characters" err
	check "$d: local group name of 21" 0 "${U[@]}" group add \
		abcdefghijklmnopqrstu --local
	check "$d: bad group name" 2 "${U[@]}" group add 'a*b'
	expect "$d: bad name in the group's words" "group name is not valid" err
	check "$d: add a user to a global group" 0 "${U[@]}" group add-member \
		Sales adunn
	is "$d: now two members" "kfuller,adunn" "$(members Sales)"
	check "$d: twice" 1 "${U[@]}" group add-member Sales ADUNN
	expect "$d: already a member" MEMBER_IN_GROUP err
	check "$d: a global group cannot hold a group" 1 "${U[@]}" \
		group add-member Sales Buyers
	check "$d: nor a trusted domain's user" 1 "${U[@]}" \
		group add-member Sales 'SOUTHWIND\bcole'
	check "$d: a local group holds a global group" 0 "${U[@]}" \
		group add-member Printers sales
	check "$d: ... and a trusted domain's user" 0 "${U[@]}" \
		group add-member Printers 'southwind\BCOLE'
	is "$d: local group's members" 'Sales,SOUTHWIND\bcole' \
		"$(members printers)"
	check "$d: nobody in a trusted domain" 1 "${U[@]}" \
		group add-member Printers 'SOUTHWIND\nobody'
	expect "$d: not mapped" NONE_MAPPED err
	check "$d: a local group on SOUTHWIND" 0 "$USRMGR" --state "$tmp/$d.state" \
		-S SW-DC01 group add Local2 --local
	check "$d: ... cannot hold NORTHWIND (not trusted)" 1 "$USRMGR" \
		--state "$tmp/$d.state" -S SW-DC01 group add-member Local2 \
		'NORTHWIND\kfuller'
	check "$d: remove a member" 0 "${U[@]}" group remove-member Sales adunn
	check "$d: remove again" 1 "${U[@]}" group remove-member Sales adunn
	expect "$d: not a member" MEMBER_NOT_IN_GROUP err
	check "$d: deleting a user takes it out of its groups" 0 \
		"${U[@]}" user delete kfuller --yes
	is "$d: Sales is empty" "" "$(members Sales)"
	check "$d: delete without --yes or terminal" 2 "${U[@]}" \
		group delete Sales </dev/null
	check "$d: delete a group" 0 "${U[@]}" group delete Sales --yes
	is "$d: and out of the local group" 'SOUTHWIND\bcole' \
		"$(members Printers)"
	check "$d: delete a group that is not there" 1 "${U[@]}" \
		group delete Sales --yes
	expect "$d: no such group" NO_SUCH_GROUP err
	check "$d: show JSON" 0 "${U[@]}" --json group show Printers
	expect "$d: local in JSON" '"local":true' out
done
check "usage: group without a verb" 2 "$USRMGR" group
check "usage: add-member needs two names" 2 "$USRMGR" -S DCA group \
	add-member Sales
finish
