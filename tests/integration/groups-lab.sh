#!/bin/bash
# Groups over SAMR on a real Samba AD DC and a Samba classic PDC (issue
# 19, step 3), Samba's own tools as judges: samba-tool group listmembers
# (AD) and net rpc group members (NT4) read back what `usrmgr group`
# wrote.  A classic PDC creates no global group without an "add group
# script" (ACCESS_DENIED, seen on the nt4 lab): checked as refused.
# On RESOURCE, which trusts ACCOUNTS, a local group takes ACCOUNTS\alice
# (looked up through LSA, added by SID) and shows her by name; a global
# group refuses her and nothing changes (net rpc group members judges).
# Samba AD 4.17 refuses the first time an account of ACCOUNTS joins one
# of its groups over SAMR (INTERNAL_DB_CORRUPTION, net rpc group addmem
# alike): usrmgr says so in words, changes nothing, and once samba-tool
# has made the ForeignSecurityPrincipal, adds and removes her as NT4's.
set -u
. "$(dirname "$0")/lab-fixture.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
printf 'Gr0up.Lab.pw1\n' >"$tmp/pw"
chmod 644 "$tmp/pw"

ua() { um accounts -S "$ACCOUNTS_PDC" "$@"; }
# members GROUP: Samba's own list of GROUP's members, sorted, one line
members() {
	if [ "$LAB_FLAVOUR" = ad ]; then
		lab_exec accounts samba-tool group listmembers "$1" \
			-s "$ACCOUNTS_SMB_CONF" 2>/dev/null
	else
		lab_exec console net rpc group members "$1" \
			-s "$LAB_CONSOLE_SMB_CONF" -A "$ACCOUNTS_ADMIN_AUTHFILE" \
			-S "$ACCOUNTS_PDC" 2>/dev/null | sed 's/^.*\\//'
	fi | sort | tr '\n' ' ' | sed 's/ $//'
}

ur() { um resource -S "$RESOURCE_PDC" "$@"; }
# rmembers GROUP: RESOURCE's PDC's members of GROUP, by net (SAMR and
# LSA: a trusted domain's member as DOMAIN\name), sorted, one line
rmembers() {
	lab_exec console net rpc group members "$1" \
		-s "$LAB_CONSOLE_SMB_CONF" -A "$RESOURCE_ADMIN_AUTHFILE" \
		-S "$RESOURCE_PDC" 2>/dev/null | sort | tr '\n' ' ' |
		sed 's/ $//'
}

lower() { tr '[:upper:]' '[:lower:]'; }

# alice's SID, from her own domain's PDC
alice_sid() {
	if [ "$LAB_FLAVOUR" = ad ]; then
		lab_exec accounts samba-tool user show "$ALICE_USER" \
			--attributes=objectSid -s "$ACCOUNTS_SMB_CONF" 2>/dev/null |
			sed -n 's/^objectSid: //p'
	else
		lab_exec console net rpc lookup name "$ALICE_USER" \
			-s "$LAB_CONSOLE_SMB_CONF" -A "$ACCOUNTS_ADMIN_AUTHFILE" \
			-S "$ACCOUNTS_PDC" 2>/dev/null | awk '{print $1}'
	fi
}

foreign() { # FLAVOUR
	local f=$1 alice="$ACCOUNTS_DOMAIN\\$ALICE_USER"
	local jalice="$ACCOUNTS_DOMAIN\\\\$ALICE_USER" # as JSON spells it
	ur group delete LabForeign --yes >/dev/null 2>&1
	t_check "$f: a local group on RESOURCE" ur group add LabForeign --local
	if [ "$f" = ad ]; then
		t_check "$f: the first time, refused in words" eval '! ur group \
			add-member LabForeign "$alice" 2>"$tmp/err" &&
			grep -q USRMGR_NO_FOREIGN_PRINCIPAL "$tmp/err" &&
			grep -q "samba-tool group" "$tmp/err"'
		t_is "$f: nothing changed" "" "$(rmembers LabForeign)"
		t_check "$f: samba-tool adds her by SID (the FSP)" \
			lab_exec resource samba-tool group addmembers LabForeign \
			"$(alice_sid)" -s "$RESOURCE_SMB_CONF"
		t_check "$f: usrmgr removes her" \
			ur group remove-member LabForeign "$alice"
		t_is "$f: net: gone" "" "$(rmembers LabForeign)"
	fi
	t_check "$f: ACCOUNTS' alice added (LSA, by SID)" \
		ur group add-member LabForeign "$alice"
	t_is "$f: net lists her as ACCOUNTS' user" "$(echo "$alice" | lower)" \
		"$(rmembers LabForeign | lower)"
	t_check "$f: usrmgr shows her by name, not by SID" eval 'ur --json \
		group show LabForeign >"$tmp/out" &&
		grep -qiF "\"members\":[\"$jalice\"]" "$tmp/out"'
	t_check "$f: an unknown ACCOUNTS name refused" eval '! ur group \
		add-member LabForeign "$ACCOUNTS_DOMAIN\\nosuchlabuser" \
		2>"$tmp/err" && grep -q NONE_MAPPED "$tmp/err"'
	t_check "$f: a global group refuses her" eval '! ur group \
		add-member "Domain Admins" "$alice" 2>"$tmp/err" &&
		grep -q NONE_MAPPED "$tmp/err"'
	t_is "$f: nothing changed" "$(echo "$alice" | lower)" \
		"$(rmembers LabForeign | lower)"
	t_check "$f: removed again" ur group remove-member LabForeign "$alice"
	t_is "$f: net: empty" "" "$(rmembers LabForeign)"
	t_check "$f: delete it" ur group delete LabForeign --yes
}

groups() { # FLAVOUR
	local f=$1
	ua user delete labgm1 --yes >/dev/null 2>&1
	ua group delete LabGlobal --yes >/dev/null 2>&1
	ua group delete LabLocal --yes >/dev/null 2>&1
	t_check "$f: a user to hold" ua user add labgm1 --password-file "$tmp/pw"
	t_check "$f: new local group" ua group add LabLocal --local \
		--description "made by usrmgr"
	t_check "$f: add the user" ua group add-member LabLocal labgm1
	t_is "$f: Samba lists the member" labgm1 "$(members LabLocal)"
	t_check "$f: twice: already a member" eval '! ua group add-member \
		LabLocal labgm1 2>"$tmp/err" &&
		grep -Eq "MEMBER_IN_(ALIAS|GROUP)" "$tmp/err"'
	t_check "$f: usrmgr reads it back" eval 'ua --json group show LabLocal \
		>"$tmp/out" && grep -q "\"members\":\[\"labgm1\"\]" "$tmp/out" &&
		grep -q "\"description\":\"made by usrmgr\"" "$tmp/out"'
	if [ "$f" = ad ]; then
		t_check "$f: new global group" ua group add LabGlobal
		t_check "$f: the user joins it" ua group add-member LabGlobal labgm1
		t_is "$f: Samba lists the global member" labgm1 \
			"$(members LabGlobal)"
		t_check "$f: the local group holds the global one" \
			ua group add-member LabLocal LabGlobal
		t_is "$f: Samba lists both" "LabGlobal labgm1" "$(members LabLocal)"
		t_check "$f: remove from the global group" \
			ua group remove-member LabGlobal labgm1
		t_is "$f: Samba: empty" "" "$(members LabGlobal)"
		t_check "$f: delete the global group" ua group delete LabGlobal --yes
	else
		t_check "$f: global group refused (no add group script)" eval \
			'! ua group add LabGlobal 2>"$tmp/err" &&
			 grep -q ACCESS_DENIED "$tmp/err"'
	fi
	t_check "$f: remove the member" ua group remove-member LabLocal labgm1
	t_check "$f: delete the local group" ua group delete LabLocal --yes
	t_check "$f: it is gone" eval '! ua group show LabLocal 2>"$tmp/err" &&
		grep -q NO_SUCH_GROUP "$tmp/err"'
	ua user delete labgm1 --yes >/dev/null 2>&1
}

lab_require ad
groups ad
foreign ad
lab_require nt4
groups nt4
foreign nt4
t_done
