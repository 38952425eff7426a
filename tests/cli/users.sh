#!/bin/bash
# `usrmgr user ...` on simulated domains of our own (names none of the
# built-in scenarios use), both dialects (issue 19, step 1): every verb,
# --json, the exit codes, NT's name rules, duplicates, a user that is
# not there, the password only from a file or descriptor, and the state
# file as the record of what changed.
set -u
. "$top_srcdir/tests/cli/lib.sh"

scenario() { # DIALECT FILE
	cat >"$2" <<INI
[scenario]
name = users-own
description = A domain of our own for the user verbs.

[domain NORTHWIND]
dialect = $1
pdc = NW-DC01
sid = S-1-5-21-3141-5926-5358

[user NORTHWIND kfuller]
full_name = Kim Fuller
description = Sales, Seattle
profile = \\\\nw-fs\\profiles\\kfuller
logon_script = sales.cmd
home_drive = H:
home_dir = \\\\nw-fs\\home\\kfuller
workstations = NW-WS01,NW-WS02
expires = 2031-12-31
password_never_expires = yes
cannot_change_password = yes
disabled = yes
locked = yes
logon_hours = Mon-Fri 07-19,Sat 08-12
account = local
primary_group = Vertrieb

[group NORTHWIND Vertrieb]
description = Sales

[group NORTHWIND Seattle]
description = Seattle office
members = kfuller

[domain SOUTHWIND]
dialect = $1
pdc = SW-DC01
sid = S-1-5-21-2718-2818-2845
generate_users = 30
INI
}

printf 'Nw.Secret.7\n' >"$tmp/pw"
printf 'Other.pw9\n' >"$tmp/pw2"

# json FILE KEY: the value of KEY in the one JSON object of FILE
json() {
	python3 -c 'import json,sys; v=json.load(open(sys.argv[1]))[sys.argv[2]]
print(json.dumps(v) if not isinstance(v, str) else v)' "$tmp/$1" "$2"
}
# is DESCRIPTION FILE KEY VALUE
is() {
	local got
	got=$(json "$2" "$3" 2>/dev/null)
	if [ "$got" = "$4" ]; then ok "$1"; else
		not_ok "$1 ($3: '$got', wanted '$4')"; fi
}

run_dialect() { # DIALECT
	local d=$1 sc="$tmp/$1.ini" st="$tmp/$1.state"
	scenario "$d" "$sc"
	local U=("$USRMGR" --scenario "$sc" --state "$st" -S NW-DC01)

	check "$d: user list" 0 "${U[@]}" user list
	expect "$d: the scenario's user is listed" "^kfuller  *Kim Fuller" out
	check "$d: user show --json" 0 "${U[@]}" --json user show KFULLER
	cp "$tmp/out" "$tmp/show.json"
	is "$d: full name read back" show.json full_name "Kim Fuller"
	is "$d: profile read back" show.json profile '\\nw-fs\profiles\kfuller'
	is "$d: workstations read back" show.json workstations \
		"NW-WS01,NW-WS02"
	is "$d: expiry read back" show.json expires 2031-12-31
	is "$d: disabled read back" show.json disabled true
	is "$d: locked read back" show.json locked true
	is "$d: hours read back" show.json logon_hours "Mon-Fri 07-19,Sat 08-12"
	is "$d: account type read back" show.json account local
	is "$d: groups read back" show.json groups '["Vertrieb", "Seattle"]'
	is "$d: primary group read back" show.json primary_group Vertrieb
	check "$d: user show (text)" 0 "${U[@]}" user show kfuller
	expect "$d: hours shown" "^Logon Hours (UTC): *Mon-Fri 07-19,Sat 08-12$" out
	expect "$d: type shown" "^Account Type: *Local Account$" out
	expect "$d: groups shown" "^Member Of: *Vertrieb, Seattle$" out
	check "$d: user set hours, type, groups" 0 "${U[@]}" user set kfuller \
		--hours "Sat 09-12" --account global --groups Seattle,Vertrieb \
		--primary-group Seattle
	check "$d: set read back" 0 "${U[@]}" --json user show kfuller
	cp "$tmp/out" "$tmp/set.json"
	is "$d: hours set" set.json logon_hours "Sat 09-12"
	is "$d: type set" set.json account global
	is "$d: primary group set" set.json primary_group Seattle
	check "$d: bad hours refused" 2 "${U[@]}" user set kfuller \
		--hours "8-18"
	expect "$d: bad hours said" "logon hours are not valid" err
	check "$d: unknown group refused" 1 "${U[@]}" user set kfuller \
		--groups Seattle,Nowhere
	expect "$d: unknown group said" "group name could not be found" err
	check "$d: primary not a member refused" 2 "${U[@]}" user set \
		kfuller --groups Vertrieb --primary-group Seattle
	check "$d: --account checked" 2 "${U[@]}" user set kfuller \
		--account roaming
	check "$d: nothing changed" 0 "${U[@]}" --json user show kfuller
	is "$d: still Seattle" out primary_group Seattle
	is "$d: still two groups" out groups '["Vertrieb", "Seattle"]'

	# New User, from a password file; the engine refuses NT's bad names
	check "$d: user add" 0 "${U[@]}" user add adunn --full-name "Ann Dunn" \
		--description "Sales" --must-change yes --password-file "$tmp/pw"
	expect "$d: add says so" "user account was created" out
	check "$d: the new user" 0 "${U[@]}" --json user show adunn
	cp "$tmp/out" "$tmp/adunn.json"
	is "$d: new user's full name" adunn.json full_name "Ann Dunn"
	is "$d: must change at next logon" adunn.json must_change_password true
	is "$d: not disabled" adunn.json disabled false
	# the NT hash of Trust.pw1 (scenarios/README.md): python's md4 may
	# be missing, so a known pair
	printf 'Trust.pw1\n' >"$tmp/known"
	check "$d: add with a known password" 0 "${U[@]}" user add hknown \
		--password-file "$tmp/known"
	if sed -n '/^\[user NORTHWIND hknown\]/,/^$/p' "$st" |
	   grep -q '^nthash = 9fe0cd1671254282a0a8dca70aaa3c38$'; then
		ok "$d: the password is kept as its NT hash"
	else
		not_ok "$d: the password is kept as its NT hash"
	fi
	if grep -q 'Nw.Secret.7' "$st"; then
		not_ok "$d: the password is not in the state file"
	else
		ok "$d: the password is not in the state file"
	fi
	check "$d: add from --password-fd" 0 "${U[@]}" user add bcole \
		--password-fd 3 3<"$tmp/pw"
	check "$d: duplicate (case ignored)" 1 "${U[@]}" user add ADUNN \
		--password-file "$tmp/pw"
	expect "$d: duplicate named" "NT_STATUS_USER_EXISTS" err
	check "$d: duplicate of a generated user" 1 \
		"$USRMGR" --state "$st" -S SW-DC01 user add user000007 \
		--password-file "$tmp/pw"
	check "$d: 21 characters" 2 "${U[@]}" user add abcdefghijklmnopqrstu \
		--password-file "$tmp/pw"
	expect "$d: 21 characters refused" "at most 20 characters" err
	check "$d: 20 characters" 0 "${U[@]}" user add abcdefghijklmnopqrst \
		--password-file "$tmp/pw"
	local bad
	for bad in '"' / '\' [ ] : ';' '|' , + '*' '?' '<' '>'; do
		check "$d: '$bad' refused" 2 "${U[@]}" user add "a${bad}b" \
			--password-file "$tmp/pw"
	done
	check "$d: only dots and spaces" 2 "${U[@]}" user add ' . .' \
		--password-file "$tmp/pw"
	check "$d: nine workstations" 2 "${U[@]}" user add cdoe \
		--workstations A,B,C,D,E,F,G,H,I --password-file "$tmp/pw"
	check "$d: no password from argv or a missing terminal" 2 \
		"${U[@]}" user add cdoe </dev/null
	check "$d: bad yes/no" 2 "${U[@]}" user set adunn --disabled maybe
	check "$d: bad date" 2 "${U[@]}" user set adunn --expires 31.12.2030
	check "$d: set with nothing to set" 2 "${U[@]}" user set adunn

	# Properties
	check "$d: user set" 0 "${U[@]}" user set adunn --disabled yes \
		--description "Sales, Tacoma" --expires never
	check "$d: read back" 0 "${U[@]}" --json user show adunn
	cp "$tmp/out" "$tmp/set.json"
	is "$d: disabled now" set.json disabled true
	is "$d: description changed" set.json description "Sales, Tacoma"
	is "$d: full name unchanged" set.json full_name "Ann Dunn"
	is "$d: must change unchanged" set.json must_change_password true

	# Copy: description, profile, password flags; never the name,
	# full name or Disabled
	check "$d: user copy" 0 "${U[@]}" user copy kfuller lpeac \
		--full-name "Laura Peacock" --password-file "$tmp/pw"
	check "$d: the copy" 0 "${U[@]}" --json user show lpeac
	cp "$tmp/out" "$tmp/copy.json"
	is "$d: copy: own full name" copy.json full_name "Laura Peacock"
	is "$d: copy: description carried" copy.json description \
		"Sales, Seattle"
	is "$d: copy: profile carried" copy.json profile \
		'\\nw-fs\profiles\kfuller'
	is "$d: copy: never expires carried" copy.json \
		password_never_expires true
	is "$d: copy: cannot change carried" copy.json \
		cannot_change_password true
	is "$d: copy: not disabled" copy.json disabled false
	is "$d: copy: not locked" copy.json locked false
	check "$d: copy of nobody" 1 "${U[@]}" user copy nobody xy \
		--password-file "$tmp/pw"

	# Unlock, password, rename, delete
	check "$d: unlock" 0 "${U[@]}" user unlock kfuller
	check "$d: unlocked" 0 "${U[@]}" --json user show kfuller
	cp "$tmp/out" "$tmp/unl.json"
	is "$d: no longer locked" unl.json locked false
	is "$d: still disabled" unl.json disabled true
	check "$d: password" 0 "${U[@]}" user password adunn \
		--password-file "$tmp/pw2"
	check "$d: password of nobody" 1 "${U[@]}" user password nobody \
		--password-file "$tmp/pw2"
	check "$d: rename" 0 "${U[@]}" user rename adunn adunn2
	check "$d: old name gone" 1 "${U[@]}" user show adunn
	check "$d: new name there" 0 "${U[@]}" user show adunn2
	check "$d: rename onto a user" 1 "${U[@]}" user rename adunn2 bcole
	check "$d: rename to a bad name" 2 "${U[@]}" user rename adunn2 'a*b'
	check "$d: delete without --yes or terminal" 2 "${U[@]}" \
		user delete adunn2 </dev/null
	check "$d: still there" 0 "${U[@]}" user show adunn2
	check "$d: delete" 0 "${U[@]}" user delete adunn2 --yes
	check "$d: gone" 1 "${U[@]}" user show adunn2
	expect "$d: gone, in NT's words" "could not be found" err
	check "$d: delete nobody" 1 "${U[@]}" --json user delete nobody --yes
	expect "$d: JSON status" '"status":"NT_STATUS_NO_SUCH_USER"' out

	# the generated users of a large domain: read, not changed
	check "$d: generated user shown" 0 "$USRMGR" --state "$st" \
		-S SW-DC01 user show user000030
	check "$d: generated user past the end" 1 "$USRMGR" --state "$st" \
		-S SW-DC01 user show user000031
	check "$d: list pages" 0 "$USRMGR" --state "$st" --page-size 7 \
		-S SW-DC01 --json user list
	expect "$d: all 30 across pages" '"name":"user000030"' out
}

run_dialect ad
run_dialect nt4
check "usage: user without a verb" 2 "$USRMGR" user
check "usage: unknown verb" 2 "$USRMGR" user frobnicate x
check "usage: copy needs two names" 2 "$USRMGR" -S DCA user copy alice
check "usage: no -S" 2 "$USRMGR" user list
finish
