#!/bin/bash
# Groups over SAMR on a real Samba AD DC and a Samba classic PDC (issue
# 19, step 3), Samba's own tools as judges: samba-tool group listmembers
# (AD) and net rpc group members (NT4) read back what `usrmgr group`
# wrote.  A classic PDC creates no global group without an "add group
# script" (ACCESS_DENIED, seen on the nt4 lab): checked as refused.
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
lab_require nt4
groups nt4
t_done
