#!/bin/bash
# Groups over SAMR on a real Samba AD DC and a Samba classic PDC (issue
# 19, step 3), Samba's own tools as judges: samba-tool group listmembers
# (AD) and net rpc group members (NT4) read back what `usrmgr group`
# wrote.  A classic PDC takes global groups, joins, leaves and a new
# primary group through its scripts (the lab gives it the whole set of a
# Samba tdbsam site), and refuses them without (ACCESS_DENIED, checked
# with the scripts taken out of its smb.conf).
# On RESOURCE, which trusts ACCOUNTS, a local group takes ACCOUNTS\alice
# (looked up through LSA, added by SID) and shows her by name; a global
# group refuses her and nothing changes (net rpc group members judges).
# Samba AD 4.17 refuses the first time an account of ACCOUNTS joins one
# of its groups over SAMR (INTERNAL_DB_CORRUPTION, net rpc group addmem
# alike): usrmgr says so in words, changes nothing, and once samba-tool
# has made the ForeignSecurityPrincipal, adds and removes her as NT4's.
#
# A user's groups and primary group (memberships): read back by `user
# show --json`, written by `user add|set|copy --groups --primary-group`,
# judged by samba-tool user show (primaryGroupID, memberOf) on AD and
# pdbedit -Lv (Primary Group SID) and net rpc group members on NT4.
# Measured there: Samba AD changes primaryGroupID; the classic PDC
# changes the Unix primary gid through its "set primary group script"
# and without one answers ACCESS_DENIED (usrmgr: USRMGR_PRIMARY_FIXED),
# as it refuses joins of a global group without its "add user to group
# script"; a refused step undoes the steps before it.  Group
# Properties' description (`group set`): samba-tool group show (AD) and
# net groupmap list verbose (NT4).
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
	t_check "$f: new global group" ua group add LabGlobal
	t_check "$f: the user joins it" ua group add-member LabGlobal labgm1
	t_is "$f: Samba lists the global member" labgm1 "$(members LabGlobal)"
	if [ "$f" = nt4 ]; then # the add group / add user to group scripts
		t_check "$f: net groupmap: LabGlobal, a domain group" eval \
			'groupmap | grep -q "^LabGlobal (S-.*) -> LabGlobal\$"'
		t_check "$f: its Unix group, the user in it" eval \
			'lab_exec accounts getent group LabGlobal |
			 grep -q ":labgm1\$"'
	fi
	t_check "$f: the local group holds the global one" \
		ua group add-member LabLocal LabGlobal
	t_is "$f: Samba lists both" "LabGlobal labgm1" "$(members LabLocal)"
	t_check "$f: remove from the global group" \
		ua group remove-member LabGlobal labgm1
	t_is "$f: Samba: empty" "" "$(members LabGlobal)"
	t_check "$f: delete the global group" ua group delete LabGlobal --yes
	if [ "$f" = nt4 ]; then # the delete group script
		t_check "$f: net groupmap: gone" eval '! groupmap |
			grep -q "^LabGlobal "'
		t_check "$f: its Unix group gone" not_quiet \
			lab_exec accounts getent group LabGlobal
	fi
	t_check "$f: remove the member" ua group remove-member LabLocal labgm1
	t_check "$f: delete the local group" ua group delete LabLocal --yes
	t_check "$f: it is gone" eval '! ua group show LabLocal 2>"$tmp/err" &&
		grep -q NO_SUCH_GROUP "$tmp/err"'
	ua user delete labgm1 --yes >/dev/null 2>&1
}

# ufield USER KEY: KEY of `user show --json` (a list: sorted, commas)
ufield() {
	ua --json user show "$1" 2>/dev/null | python3 -c '
import json, sys
v = json.load(sys.stdin).get(sys.argv[1])
print(",".join(sorted(v)) if isinstance(v, list) else v)' "$2"
}
# refused WHAT STATUS CMD...: CMD fails, naming STATUS on stderr
refused() {
	local what=$1 status=$2
	shift 2
	if ! "$@" >/dev/null 2>"$tmp/err" && grep -q "$status" "$tmp/err"; then
		t_ok "$what"
	else
		t_not_ok "$what ($(head -c 200 "$tmp/err"))"
	fi
}
# Samba's own view: a user's primary group RID, a group's RID and
# description (AD: samba-tool; NT4: pdbedit, net groupmap)
primary_rid() {
	if [ "$LAB_FLAVOUR" = ad ]; then
		lab_exec accounts samba-tool user show "$1" \
			-s "$ACCOUNTS_SMB_CONF" 2>/dev/null |
			sed -n 's/^primaryGroupID: //p'
	else
		lab_exec accounts pdbedit -s "$ACCOUNTS_SMB_CONF" -Lv "$1" \
			2>/dev/null | sed -n 's/^Primary Group SID: *S-.*-//p'
	fi
}
group_rid() {
	lab_exec accounts samba-tool group show "$1" -s "$ACCOUNTS_SMB_CONF" \
		2>/dev/null | sed -n 's/^objectSid: S-.*-//p'
}
group_desc() {
	if [ "$LAB_FLAVOUR" = ad ]; then
		lab_exec accounts samba-tool group show "$1" \
			-s "$ACCOUNTS_SMB_CONF" 2>/dev/null |
			sed -n 's/^description: //p'
	else
		lab_exec accounts net groupmap list verbose \
			-s "$ACCOUNTS_SMB_CONF" 2>/dev/null |
			awk -v g="$1" '$0 == g { f = 1; next }
				/^[^\t]/ { f = 0 }
				f && /Comment/ { sub(/^[^:]*: ?/, ""); print }'
	fi
}
# the accounts PDC's group mapping (NT4): "NAME (SID) -> UNIX" lines
groupmap() {
	lab_exec accounts net groupmap list -s "$ACCOUNTS_SMB_CONF" 2>/dev/null
}
# a group's RID from the group mapping (NT4)
groupmap_rid() {
	groupmap | sed -n "s/^$1 (S-.*-\([0-9]*\)) -> .*/\1/p"
}
member_of() { # GROUP USER: Samba lists USER among GROUP's members
	[[ " $(members "$1") " == *" $2 "* ]]
}

memberships_ad() {
	local team
	for u in rgmem1 rgmem2; do ua user delete $u --yes >/dev/null 2>&1; done
	for g in RgTeam RgSpare RgDesk; do
		ua group delete $g --yes >/dev/null 2>&1; done
	t_check "ad: groups to hold" eval 'ua group add RgTeam >/dev/null &&
		ua group add RgSpare >/dev/null &&
		ua group add RgDesk --local --description desk >/dev/null'
	team=$(group_rid RgTeam)
	t_check "ad: add with --groups" ua user add rgmem1 \
		--password-file "$tmp/pw" --groups "Domain Users,RgTeam,RgDesk"
	t_check "ad: samba-tool: member of RgTeam" member_of RgTeam rgmem1
	t_check "ad: samba-tool: member of RgDesk (local)" \
		member_of RgDesk rgmem1
	t_is "ad: usrmgr reads the groups back" "Domain Users,RgDesk,RgTeam" \
		"$(ufield rgmem1 groups)"
	t_is "ad: ... and the primary group" "Domain Users" \
		"$(ufield rgmem1 primary_group)"
	t_check "ad: set the primary group" ua user set rgmem1 \
		--groups "Domain Users,RgTeam,RgDesk" --primary-group RgTeam
	t_is "ad: samba-tool: primaryGroupID is RgTeam's" "$team" \
		"$(primary_rid rgmem1)"
	t_check "ad: samba-tool: still listed in RgTeam" member_of RgTeam rgmem1
	t_check "ad: samba-tool: Domain Users now through memberOf" eval \
		'lab_exec accounts samba-tool user show rgmem1 \
			-s "$ACCOUNTS_SMB_CONF" |
		 grep -q "^memberOf: CN=Domain Users,"'
	t_is "ad: usrmgr reads the new primary group" RgTeam \
		"$(ufield rgmem1 primary_group)"
	refused "ad: a primary group the user is not in" PRIMARY_NOT_MEMBER \
		ua user set rgmem1 --groups "Domain Users,RgTeam,RgDesk" \
		--primary-group RgSpare
	refused "ad: a local group as primary" PRIMARY_NOT_GLOBAL \
		ua user set rgmem1 --groups "Domain Users,RgTeam,RgDesk" \
		--primary-group RgDesk
	refused "ad: leaving the primary group (--groups)" PRIMARY_NOT_MEMBER \
		ua user set rgmem1 --groups "Domain Users,RgDesk"
	refused "ad: leaving the primary group (remove-member)" \
		MEMBERS_PRIMARY_GROUP ua group remove-member RgTeam rgmem1
	refused "ad: an unknown group" NO_SUCH_GROUP ua user set rgmem1 \
		--groups "Domain Users,RgTeam,RgDesk,RgNoSuch"
	t_is "ad: ... primaryGroupID unchanged" "$team" "$(primary_rid rgmem1)"
	t_check "ad: ... still in RgDesk" member_of RgDesk rgmem1
	t_check "ad: ... not in RgSpare" not member_of RgSpare rgmem1
	t_check "ad: copy carries groups and primary group" ua user copy \
		rgmem1 rgmem2 --password-file "$tmp/pw"
	t_is "ad: samba-tool: the copy's primaryGroupID" "$team" \
		"$(primary_rid rgmem2)"
	t_check "ad: samba-tool: the copy is in RgDesk" member_of RgDesk rgmem2
	t_check "ad: leave all but the primary group" ua user set rgmem1 \
		--groups RgTeam
	t_check "ad: samba-tool: out of RgDesk" not member_of RgDesk rgmem1
	t_check "ad: samba-tool: out of Domain Users" not member_of \
		"Domain Users" rgmem1
	t_check "ad: back to Domain Users" ua user set rgmem1 \
		--groups "Domain Users,RgSpare" --primary-group "Domain Users"
	t_is "ad: samba-tool: primaryGroupID 513" 513 "$(primary_rid rgmem1)"
	t_check "ad: samba-tool: out of RgTeam" not member_of RgTeam rgmem1
	t_check "ad: samba-tool: in RgSpare" member_of RgSpare rgmem1
	t_check "ad: Properties: a global group's description" ua group set \
		RgTeam --description "rg team"
	t_is "ad: samba-tool: its description" "rg team" "$(group_desc RgTeam)"
	t_check "ad: Properties: a local group's description" ua group set \
		RgDesk --description "rg desk"
	t_is "ad: samba-tool: the local one's" "rg desk" "$(group_desc RgDesk)"
	refused "ad: Properties of no such group" NO_SUCH_GROUP \
		ua group set RgNoSuch --description x
	for u in rgmem1 rgmem2; do ua user delete $u --yes >/dev/null 2>&1; done
	for g in RgTeam RgSpare RgDesk; do
		ua group delete $g --yes >/dev/null 2>&1; done
}

# A classic PDC with the whole script set of a Samba tdbsam site (the
# lab's): global groups take joins and leaves, a new primary group moves
# the Unix primary gid (pdbedit's Primary Group SID).  RID 513 is "None"
# on the lab (Domain Users unmapped): it cannot be joined again once the
# primary group has moved, so the test moves between its own groups.
memberships_nt4() {
	local p513 team spare
	for u in rgmem1 rgmem2 rgmem3; do
		ua user delete $u --yes >/dev/null 2>&1; done
	for g in RgDesk RgDesk2 RgTeam RgSpare; do
		ua group delete $g --yes >/dev/null 2>&1; done
	t_check "nt4: groups to hold" eval 'ua group add RgDesk --local \
		>/dev/null && ua group add RgDesk2 --local >/dev/null &&
		ua group add RgTeam >/dev/null && ua group add RgSpare >/dev/null'
	team=$(groupmap_rid RgTeam) spare=$(groupmap_rid RgSpare)
	t_check "nt4: a user" ua user add rgmem1 --password-file "$tmp/pw"
	# the classic PDC's RID 513 ("Domain Users" or, unmapped, "None")
	p513=$(ufield rgmem1 primary_group)
	t_is "nt4: pdbedit: primary group RID 513" 513 "$(primary_rid rgmem1)"
	t_check "nt4: usrmgr reads a primary group" test -n "$p513"
	t_check "nt4: join a local and a global group" ua user set rgmem1 \
		--groups "$p513,RgDesk,RgTeam"
	t_check "nt4: net rpc: member of RgDesk" member_of RgDesk rgmem1
	t_check "nt4: net rpc: member of RgTeam" member_of RgTeam rgmem1
	t_is "nt4: usrmgr reads the groups back" "$(printf '%s\n' "$p513" \
		RgDesk RgTeam | LC_ALL=C sort | paste -sd,)" \
		"$(ufield rgmem1 groups)"
	refused "nt4: a primary group the user is not in" PRIMARY_NOT_MEMBER \
		ua user set rgmem1 --groups "$p513,RgDesk,RgTeam" \
		--primary-group RgSpare
	refused "nt4: a local group as primary" PRIMARY_NOT_GLOBAL \
		ua user set rgmem1 --groups "$p513,RgDesk,RgTeam" \
		--primary-group RgDesk
	t_is "nt4: pdbedit: primary group unchanged" 513 "$(primary_rid rgmem1)"
	t_check "nt4: a new primary group (set primary group script)" \
		ua user set rgmem1 --groups "$p513,RgDesk,RgTeam" \
		--primary-group RgTeam
	t_is "nt4: pdbedit: Primary Group SID is RgTeam's" "$team" \
		"$(primary_rid rgmem1)"
	t_is "nt4: usrmgr reads the new primary group" RgTeam \
		"$(ufield rgmem1 primary_group)"
	refused "nt4: leaving the primary group (--groups)" PRIMARY_NOT_MEMBER \
		ua user set rgmem1 --groups "RgDesk"
	refused "nt4: leaving the primary group (remove-member)" \
		MEMBERS_PRIMARY_GROUP ua group remove-member RgTeam rgmem1
	t_is "nt4: ... Primary Group SID unchanged" "$team" \
		"$(primary_rid rgmem1)"
	t_check "nt4: ... still in RgTeam" member_of RgTeam rgmem1
	t_check "nt4: copy carries groups and primary group" ua user copy \
		rgmem1 rgmem2 --password-file "$tmp/pw"
	t_is "nt4: pdbedit: the copy's Primary Group SID" "$team" \
		"$(primary_rid rgmem2)"
	t_check "nt4: net rpc: the copy is in RgDesk" member_of RgDesk rgmem2
	t_check "nt4: another primary group, the old one left" ua user set \
		rgmem1 --groups "RgDesk,RgSpare" --primary-group RgSpare
	t_is "nt4: pdbedit: Primary Group SID is RgSpare's" "$spare" \
		"$(primary_rid rgmem1)"
	t_check "nt4: net rpc: out of RgTeam" not member_of RgTeam rgmem1
	t_check "nt4: leave the local group" ua user set rgmem1 \
		--groups RgSpare
	t_check "nt4: net rpc: out of RgDesk" not member_of RgDesk rgmem1
	t_check "nt4: Properties: a local group's description" ua group set \
		RgDesk --description "rg desk"
	t_is "nt4: groupmap: its description" "rg desk" "$(group_desc RgDesk)"
	t_check "nt4: Properties: a global group's description" ua group set \
		RgTeam --description "rg team"
	t_is "nt4: groupmap: the global one's" "rg team" "$(group_desc RgTeam)"
	refused "nt4: Properties of no such group" NO_SUCH_GROUP \
		ua group set RgNoSuch --description x
	without_scripts_nt4 "$p513"
	for u in rgmem1 rgmem2 rgmem3; do
		ua user delete $u --yes >/dev/null 2>&1; done
	for g in RgDesk RgDesk2 RgTeam RgSpare RgNoScript; do
		ua group delete $g --yes >/dev/null 2>&1; done
}

# The same classic PDC without its group scripts (a default one): the
# server refuses, usrmgr says so in words, nothing changes.
without_scripts_nt4() {
	local p513=$1 gid
	t_check "nt4: the copy joins RgSpare too" \
		ua group add-member RgSpare rgmem2
	nt4_script_off "add group script" "add user to group script" \
		"delete user from group script" "set primary group script"
	refused "nt4 (no scripts): new global group refused" ACCESS_DENIED \
		ua group add RgNoScript
	t_check "nt4 (no scripts): net groupmap: no RgNoScript" eval \
		'! groupmap | grep -q "^RgNoScript "'
	ua user add rgmem3 --password-file "$tmp/pw" >/dev/null 2>&1
	# joins RgDesk2, then the PDC refuses RgTeam: RgDesk2 undone
	refused "nt4 (no scripts): joining a global group refused" \
		ACCESS_DENIED ua user set rgmem3 \
		--groups "$p513,RgDesk2,RgTeam"
	t_is "nt4 (no scripts): net rpc: RgDesk2 undone, empty" "" \
		"$(members RgDesk2)"
	t_check "nt4 (no scripts): not in RgTeam" not member_of RgTeam rgmem3
	gid=$(lab_exec accounts getent passwd rgmem2 | cut -d: -f4)
	refused "nt4 (no scripts): a new primary group: the PDC's refusal in words" \
		USRMGR_PRIMARY_FIXED ua user set rgmem2 \
		--groups "RgTeam,RgDesk,RgSpare" --primary-group RgSpare
	t_is "nt4 (no scripts): pdbedit: Primary Group SID unchanged" \
		"$(groupmap_rid RgTeam)" "$(primary_rid rgmem2)"
	t_is "nt4 (no scripts): the Unix primary gid unchanged" "$gid" \
		"$(lab_exec accounts getent passwd rgmem2 | cut -d: -f4)"
	refused "nt4 (no scripts): a new user in a global group: refused" \
		ACCESS_DENIED ua user add rgmem4 --password-file "$tmp/pw" \
		--groups "$p513,RgDesk2,RgTeam"
	t_check "nt4 (no scripts): pdbedit: ... and no user left" not_quiet \
		lab_exec accounts pdbedit -s "$ACCOUNTS_SMB_CONF" -Lv rgmem4
	t_is "nt4 (no scripts): net rpc: ... nor in RgDesk2" "" \
		"$(members RgDesk2)"
	nt4_scripts_on
}

lab_require ad
groups ad
foreign ad
memberships_ad
lab_require nt4
trap 'nt4_scripts_on >/dev/null 2>&1; rm -rf "$tmp"' EXIT
groups nt4
foreign nt4
memberships_nt4
t_done
