#!/bin/bash
# Policies -> User Rights over LSA on a real Samba AD DC and a Samba
# classic PDC (issue 20), from the lab's console, on RESOURCE's PDC (the
# side that trusts ACCOUNTS), judged by `net rpc rights list accounts`:
#   - usrmgr's list of NT's 27 rights agrees with net's, holder by holder,
#     and the rights the server does not keep are the ones measured;
#   - a right granted to one of RESOURCE's users and to a trusted
#     domain's user (ACCOUNTS\alice) is what net lists afterwards, and
#     revoking takes it away again;
#   - a right the server does not keep is refused in words (exit 1),
#     nothing changed; an unknown account (own or trusted domain) is
#     refused in words (exit 2), nothing changed;
#   - alice, no administrator of RESOURCE, may list but is refused a
#     grant (ACCESS_DENIED in words, exit 1), nothing changed.
# The lab's domains keep their names from lab.env: run it on a lab of
# other names (usrmgr-lab up --accounts-domain ...) as well.
set -u
. "$(dirname "$0")/lab-fixture.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
printf 'R1ghts.Lab.pw1\n' >"$tmp/pw"
chmod 644 "$tmp/pw"

# NT's 27 rights, as usrmgr lists them (LSA names)
NT_RIGHTS="SeNetworkLogonRight SeTcbPrivilege SeMachineAccountPrivilege
SeBackupPrivilege SeChangeNotifyPrivilege SeSystemtimePrivilege
SeCreatePagefilePrivilege SeCreateTokenPrivilege SeCreatePermanentPrivilege
SeDebugPrivilege SeRemoteShutdownPrivilege SeAuditPrivilege
SeIncreaseQuotaPrivilege SeIncreaseBasePriorityPrivilege
SeLoadDriverPrivilege SeLockMemoryPrivilege SeBatchLogonRight
SeServiceLogonRight SeInteractiveLogonRight SeSecurityPrivilege
SeSystemEnvironmentPrivilege SeProfileSingleProcessPrivilege
SeSystemProfilePrivilege SeAssignPrimaryTokenPrivilege SeRestorePrivilege
SeShutdownPrivilege SeTakeOwnershipPrivilege"
# What the lab measured: rights Samba answers NO_SUCH_PRIVILEGE for
UNKEPT_AD="SeAssignPrimaryTokenPrivilege SeAuditPrivilege SeBatchLogonRight
SeCreatePermanentPrivilege SeCreateTokenPrivilege SeLockMemoryPrivilege
SeServiceLogonRight SeTcbPrivilege"
UNKEPT_NT4="$UNKEPT_AD SeInteractiveLogonRight SeNetworkLogonRight"

ur() { um resource -S "$RESOURCE_PDC" "$@"; }
# the backend's own lookups, below the engine (tests/rpc/rpc-driver)
DRIVER=$(readlink -f "${RPC_DRIVER:-./tests/rpc/rpc-driver}" 2>/dev/null)
drv() {
	lab_exec console "$DRIVER" -s "$LAB_CONSOLE_SMB_CONF" \
		-A "$RESOURCE_ADMIN_AUTHFILE" -S "$RESOURCE_PDC"
}
# alice (ACCOUNTS' user, no admin of RESOURCE) at RESOURCE's PDC
alice() {
	lab_exec console "$USRMGR" -s "$LAB_CONSOLE_SMB_CONF" \
		-A "$ALICE_AUTHFILE" -S "$RESOURCE_PDC" "$@"
}

# net's view: "RIGHT|ACCOUNT" a line for NT's rights, sorted, ACCOUNT as
# the Grant To list shows it (RESOURCE's, BUILTIN's and NT AUTHORITY's
# without the domain).  Fails, saying so, when net fails.
judge() {
	local out
	if ! out=$(lab_exec console net rpc rights list accounts \
		-s "$LAB_CONSOLE_SMB_CONF" -S "$RESOURCE_PDC" \
		-A "$RESOURCE_ADMIN_AUTHFILE" 2>/dev/null); then
		echo "(net rpc rights list accounts failed)"
		return 1
	fi
	awk -v own="$RESOURCE_DOMAIN" -v rights="$NT_RIGHTS" '
		BEGIN { n = split(rights, r); for (i = 1; i <= n; i++) nt[r[i]] = 1
			own = toupper(own) }
		/^$/ { acct = ""; next }
		acct == "" { acct = $0
			d = toupper(acct); sub(/\\.*/, "", d)
			if (index(acct, "\\") && (d == own || d == "BUILTIN" ||
			    d == "NT AUTHORITY"))
				sub(/^[^\\]*\\/, "", acct)
			next }
		($0 in nt) { print $0 "|" acct }' <<<"$out" | sort
}
# usrmgr's view, the same lines, from `policy rights list --json`
ours() {
	ur policy rights list --json >"$tmp/json" || return 1
	python3 - "$tmp/json" <<'PY' | sort
import json, sys
for r in json.load(open(sys.argv[1]))["rights"]:
    for g in r["grantees"]:
        print("%s|%s" % (r["right"], g["name"]))
PY
}
# the rights usrmgr lists as not kept, sorted, one line
unkept() {
	python3 - "$tmp/json" <<'PY'
import json, sys
print(" ".join(sorted(r["right"] for r in json.load(open(sys.argv[1]))
                      ["rights"] if not r["kept"])))
PY
}
agree() {
	local j o
	j=$(judge) || return 1
	o=$(ours) || return 1
	[ "$j" = "$o" ] && return 0
	diff <(echo "$j") <(echo "$o") | sed 's/^/#   /'
	return 1
}
# net lists ACCOUNT (as the Grant To list shows it) holding RIGHT
net_has() { judge | grep -qxF "$1|$2"; }
words() { tr -s ' \n' '\n' <<<"$1" | sed '/^$/d' | LC_ALL=C sort | tr '\n' ' ' |
	sed 's/ $//'; }

# Samba AD asks ACCOUNTS' DC itself for ACCOUNTS' names and SIDs (a
# classic PDC answers from winbind's cache, or NONE_MAPPED after 20 s):
# with that DC down a holder of ACCOUNTS is listed by SID, and a name
# never seen is refused as a trust that failed, nothing changed.
dc_down() { # FLAVOUR ACCOUNTS-DOMAIN
	local f=$1 acc=$2 was rc
	t_check "$f: grant SeBackupPrivilege to $acc\\alice" \
		ur policy rights grant SeBackupPrivilege "$acc\\alice"
	was=$(judge)
	lab -q stop "$ACCOUNTS_PDC"
	t_check "$f: $acc's DC down: the list, alice by her SID" eval \
		'ur policy rights list SeBackupPrivilege --json >"$tmp/out" &&
		 grep -q "\"name\":\"S-1-5-21-[0-9-]*\",\"sid\"" "$tmp/out"'
	rc=0
	ur policy rights grant SeRestorePrivilege "$acc\\rrgone" \
		>"$tmp/out" 2>&1 || rc=$?
	t_check "$f: $acc's DC down: a new name: exit 1, the trust failed" \
		eval '[ "$rc" = 1 ] && grep -q "trust relationship between the primary domain and the trusted domain failed" "$tmp/out"'
	lab -q start "$ACCOUNTS_PDC"
	t_check "$f:   net: nothing changed" [ "$was" = "$(judge)" ]
	t_check "$f: revoke it again" \
		ur policy rights revoke SeBackupPrivilege "$acc\\alice"
	t_check "$f:   net: $acc\\alice does not hold it" \
		not net_has SeBackupPrivilege "$acc\\alice"
}

rights() { # FLAVOUR
	local f=$1 acc=$ACCOUNTS_DOMAIN before rc unkept_measured
	lab_restore trusted
	ur user delete rrlab1 --yes >/dev/null 2>&1
	t_check "$f: a user of $RESOURCE_DOMAIN to grant to" \
		ur user add rrlab1 --password-file "$tmp/pw"
	echo "# $f: net rpc rights list accounts, NT's rights:"
	judge | sed 's/^/#   /'
	t_check "$f: usrmgr lists what net rpc rights lists" agree
	unkept_measured=$UNKEPT_AD
	[ "$f" = nt4 ] && unkept_measured=$UNKEPT_NT4
	t_is "$f: the rights not kept are the measured ones" \
		"$(words "$unkept_measured")" "$(unkept)"
	t_check "$f: an unkept right is listed in words" eval \
		'ur policy rights list SeTcbPrivilege | grep -q "This server does not keep the right"'

	# ---- grant and revoke: own domain's user, trusted domain's user
	t_check "$f: grant SeBackupPrivilege to rrlab1" \
		ur policy rights grant SeBackupPrivilege rrlab1
	t_check "$f:   net: rrlab1 holds it" \
		net_has SeBackupPrivilege rrlab1
	t_check "$f: grant it to $acc\\alice (trusted domain)" \
		ur policy rights grant SeBackupPrivilege "$acc\\alice"
	t_check "$f:   net: $acc\\alice holds it" \
		net_has SeBackupPrivilege "$acc\\alice"
	t_check "$f: grant SeShutdownPrivilege to ${acc,,}\\ALICE (any case)" \
		ur policy rights grant SeShutdownPrivilege "${acc,,}\\ALICE"
	t_check "$f:   net: $acc\\alice holds it" \
		net_has SeShutdownPrivilege "$acc\\alice"
	t_check "$f: granting a held right again: ok" \
		ur policy rights grant SeBackupPrivilege rrlab1
	t_check "$f:   usrmgr and net agree" agree
	t_check "$f:   usrmgr names the trusted user $acc\\alice" \
		grep -qF "\"name\":\"$acc\\\\alice\"" "$tmp/json"
	t_check "$f: revoke SeBackupPrivilege from $acc\\alice" \
		ur policy rights revoke SeBackupPrivilege "$acc\\alice"
	t_check "$f:   net: $acc\\alice does not hold it" \
		not net_has SeBackupPrivilege "$acc\\alice"
	t_check "$f:   net: rrlab1 still does" \
		net_has SeBackupPrivilege rrlab1
	t_check "$f: revoke it from rrlab1, SeShutdown from alice" eval \
		'ur policy rights revoke SeBackupPrivilege rrlab1 &&
		 ur policy rights revoke SeShutdownPrivilege "$acc\\alice"'
	t_check "$f:   net: neither holds them" eval \
		'! net_has SeBackupPrivilege rrlab1 &&
		 ! net_has SeShutdownPrivilege "$acc\\alice"'
	t_check "$f:   usrmgr and net agree" agree
	t_check "$f: revoking a right not held: ok" \
		ur policy rights revoke SeBackupPrivilege rrlab1

	# ---- the backend's lookups: several names in one, mapped or not
	printf 'lookup %s\\alice %s\\rrnosuch Administrators rrlab1\n' \
		"$acc" "$acc" | drv >"$tmp/drv" 2>&1
	sed 's/^/#   /' "$tmp/drv"
	t_check "$f: lookup: $acc\\alice mapped, a user, by the trust" \
		grep -q "^NAME $acc\\\\alice|S-1-5-21-[0-9-]*|1\$" "$tmp/drv"
	t_check "$f: lookup: $acc\\rrnosuch not mapped" \
		grep -qF "NAME $acc\\rrnosuch|-|0" "$tmp/drv"
	t_check "$f: lookup: Administrators, BUILTIN's alias" \
		grep -q '^NAME \(BUILTIN\\\)\{0,1\}Administrators|S-1-5-32-544|4$' \
		"$tmp/drv"
	t_check "$f: lookup: rrlab1 as the server spells it" \
		grep -q "^NAME $RESOURCE_DOMAIN\\\\rrlab1|S-1-5-21-[0-9-]*|1\$" \
		"$tmp/drv"
	t_check "$f: lookup: some not mapped" \
		grep -q '^ERR lookup NT:STATUS_SOME_UNMAPPED' "$tmp/drv"
	printf 'holders SeTcbPrivilege\n' | drv >"$tmp/drv" 2>&1
	t_check "$f: holders of an unkept right: NO_SUCH_PRIVILEGE" \
		grep -q '^ERR holders NT:NT_STATUS_NO_SUCH_PRIVILEGE' "$tmp/drv"

	# ---- refused: nothing changes
	before=$(judge)
	rc=0
	ur policy rights grant SeTcbPrivilege rrlab1 >"$tmp/out" 2>&1 || rc=$?
	t_check "$f: unkept right: exit 1, in words" eval \
		'[ "$rc" = 1 ] && grep -q "This server does not keep the right \"Act as part of the operating system\"" "$tmp/out"'
	t_check "$f:   net: nothing changed" [ "$before" = "$(judge)" ]
	rc=0
	ur policy rights grant SeBackupPrivilege rrnosuch >"$tmp/out" 2>&1 ||
		rc=$?
	t_check "$f: unknown account: exit 2, in words" eval \
		'[ "$rc" = 2 ] && grep -q "No account named \"rrnosuch\" was found in $RESOURCE_DOMAIN or its trusted domains" "$tmp/out"'
	t_check "$f:   net: nothing changed" [ "$before" = "$(judge)" ]
	rc=0
	ur policy rights grant SeBackupPrivilege "$acc\\rrnosuch" --json \
		>"$tmp/out" 2>&1 || rc=$?
	t_check "$f: unknown trusted account: exit 2, NONE_MAPPED" eval \
		'[ "$rc" = 2 ] && grep -q "\"status\":\"NT_STATUS_NONE_MAPPED\"" "$tmp/out"'
	t_check "$f:   net: nothing changed" [ "$before" = "$(judge)" ]
	if [ "$f" = ad ]; then
		dc_down "$f" "$acc"
	fi
	t_check "$f: alice, no admin, may list" eval \
		'alice policy rights list --json | grep -q "\"ok\":true"'
	rc=0
	alice policy rights grant SeBackupPrivilege "$acc\\alice" \
		>"$tmp/out" 2>&1 || rc=$?
	t_check "$f: alice may not grant: exit 1, access denied in words" \
		eval '[ "$rc" = 1 ] && grep -q "Access is denied" "$tmp/out"'
	t_check "$f:   net: nothing changed" [ "$before" = "$(judge)" ]
	rc=0
	alice policy rights revoke SeBackupPrivilege Administrators --json \
		>"$tmp/out" 2>&1 || rc=$?
	t_check "$f: alice may not revoke: exit 1, ACCESS_DENIED" eval \
		'[ "$rc" = 1 ] && grep -q "NT_STATUS_ACCESS_DENIED" "$tmp/out"'
	t_check "$f:   net: nothing changed" [ "$before" = "$(judge)" ]
	ur user delete rrlab1 --yes >/dev/null 2>&1
}

lab_require ad
rights ad
lab_require nt4
rights nt4
lab_use ad
lab_restore trusted
lab_use nt4
lab_restore trusted
t_done
