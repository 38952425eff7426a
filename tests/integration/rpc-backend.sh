#!/bin/bash
# rpc-backend.sh: the RPC backend against a real Samba AD DC pair, with
# Samba's own tools as judge (samba-tool domain trust list/validate,
# smbclient).  Drives the backend through tests/rpc/rpc-driver from the
# lab's console, on the run's shared AD lab (lab-fixture.sh).
#
# Skips (77) when it cannot run a lab (not root, no namespaces, no Samba);
# fails instead when CI=true.  Ends with "N passed, N failed".
#
# Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
set -u

srcdir=${srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
DRIVER=$(readlink -f "${RPC_DRIVER:-./tests/rpc/rpc-driver}" 2>/dev/null)
passed=0 failed=0

# The run's shared AD lab (tests/integration/lab-fixture.sh): brought up
# once, restored from its "trusted" snapshot here.
. "$(dirname "$0")/lab-fixture.sh"
[ -x "$DRIVER" ] || lab_fail "no rpc-driver (make check builds it)"
lab_require ad
lab_restore trusted

ok() { passed=$((passed + 1)); echo "ok - $*"; }
not_ok() { failed=$((failed + 1)); echo "FAIL - $*"; }
# check DESCRIPTION COMMAND...: the command's success is the test
check() { local d=$1; shift; if "$@"; then ok "$d"; else not_ok "$d"; fi; }

TMP=$(mktemp -d)
chmod 700 "$TMP"
printf 'NewTrust.1\n' > "$TMP/trust1"
printf 'NewTrust.2\n' > "$TMP/trust2"
printf 'Wrong.Pw.9\n' > "$TMP/wrong"

A=$ACCOUNTS_PDC_FQDN
R=$RESOURCE_PDC_FQDN

# rpc_on SIDE [driver options]: commands from stdin, answers on stdout
rpc_on() {
	local side=$1; shift
	local auth
	case $side in
	accounts) auth=$ACCOUNTS_ADMIN_AUTHFILE; set -- -S "$A" "$@" ;;
	resource) auth=$RESOURCE_ADMIN_AUTHFILE; set -- -S "$R" "$@" ;;
	esac
	case " $* " in *" -A "* | *" -U "*) ;; *) set -- "$@" -A "$auth" ;; esac
	lab exec console "$DRIVER" -s "$LAB_CONSOLE_SMB_CONF" "$@"
}
samba_tool() { # SIDE args...
	local side=$1; shift
	local conf=$ACCOUNTS_SMB_CONF
	[ "$side" = resource ] && conf=$RESOURCE_SMB_CONF
	lab exec "$side" samba-tool "$@" -s "$conf" 2>&1
}
# what samba-tool says about the trust with the other domain on SIDE
direction_on() { # SIDE PARTNER_DNS -> INCOMING|OUTGOING|BOTH|NONE
	local d
	d=$(samba_tool "$1" domain trust list | grep -i "Name\[$2\]" |
		sed -n 's/.*Direction\[\([A-Z]*\)\].*/\1/p')
	echo "${d:-NONE}"
}
validate() { # on RESOURCE (or SIDE) for PARTNER_DNS: 0 when OK
	samba_tool "${2:-resource}" domain trust validate "$1" \
		--validate-location=local | grep -q '^OK: LocalValidation'
}
alice_logon() {
	lab exec console smbclient "//$R/netlogon" -A "$ALICE_AUTHFILE" \
		--use-kerberos=off -c ls >/dev/null 2>&1
}
sid_of() { rpc_on "$1" <<<"info" | sed -n 's/.* sid=\([^ ]*\).*/\1/p'; }
answer() { grep -E "^(OK|ERR) $1" | head -1; }
has() { grep -q -- "$1" <<<"$2"; }

SID_A=$(sid_of accounts)
SID_R=$(sid_of resource)

# ---- domain_info, lists ----
out=$(rpc_on accounts <<<"info")
check "domain_info on ACCOUNTS: name, DNS, dialect ad" \
	has "name=ACCOUNTS dns=$ACCOUNTS_DNS_DOMAIN sid=S-1-5-21-.* dialect=ad" "$out"
out=$(rpc_on resource <<<"list")
check "RESOURCE lists ACCOUNTS outbound (Trusted Domains)" has "trust ACCOUNTS .*dir=2 " "$out"
out=$(rpc_on accounts <<<"list")
check "ACCOUNTS lists RESOURCE inbound (Trusting Domains)" has "trust RESOURCE .*dir=1 " "$out"
out=$(rpc_on accounts <<<"users 2")
check "SAMR users, pages of 2" has "user alice" "$out"
check "  more than one page" has "pages=[2-9]" "$out"
out=$(rpc_on accounts <<<"groups 3")
check "SAMR groups, pages of 3" has "group Domain Admins" "$out"
# the local groups (aliases: Samba AD's Cert Publishers, DnsAdmins)
# follow the global ones, in pages of their own
check "  the local groups after them" has "group Cert Publishers" "$out"
check "  in pages of 3 too" not has "page too big" "$out"

# ---- verify agrees with samba-tool validate ----
out=$(printf 'reset ACCOUNTS\nverify ACCOUNTS\n' | rpc_on resource)
if validate "$ACCOUNTS_DNS_DOMAIN"; then v=0; else v=1; fi
check "verify OK on a healthy trust, as samba-tool validate" \
	test "$(answer verify <<<"$out" | cut -d' ' -f1)$v" = OK0
# A DC that has just started (the snapshot restarts both) may not locate
# the trusted domain's DC yet (its DNS and CLDAP lookups of the partner
# come up after it answers RPC): ask again for up to a minute.
for _ in $(seq 12); do
	out=$(rpc_on resource <<<"locate ACCOUNTS")
	has "dc=$ACCOUNTS_PDC_IP" "$out" && break
	sleep 5
done
check "locate_dc ACCOUNTS from RESOURCE: $ACCOUNTS_PDC_IP" has "dc=$ACCOUNTS_PDC_IP" "$out"

# ---- the logons on their own connections ----
out=$(rpc_on resource <<<"logon ACCOUNTS\\$ALICE_USER $ALICE_PASSWORD_FILE")
check "logon test ACCOUNTS\\alice through RESOURCE" has "^OK logon" "$out"
out=$(rpc_on resource <<<"logon ACCOUNTS\\$ALICE_USER $TMP/wrong")
check "logon test, wrong password: LOGON_FAILURE" has "NT_STATUS_LOGON_FAILURE" "$out"
out=$(rpc_on accounts <<<"check RESOURCE $TMP/wrong")
check "check_trust_account, wrong password: LOGON_FAILURE" has "NT_STATUS_LOGON_FAILURE" "$out"

# ---- KB Q207957, step by step ----
# repair STATE: the four steps, each judged by samba-tool on both DCs
repair() {
	local what=$1 out
	out=$(rpc_on resource <<<"remove-trusted ACCOUNTS")
	check "$what 1 remove trusted on RESOURCE" has "^OK" "$out"
	check "$what   RESOURCE no longer trusts ACCOUNTS" \
		test "$(direction_on resource "$ACCOUNTS_DNS_DOMAIN")" = NONE
	out=$(rpc_on accounts <<<"remove-trusting RESOURCE")
	check "$what 2 remove trusting on ACCOUNTS (or already gone)" \
		grep -qE "^OK|OBJECT_NAME_NOT_FOUND" <<<"$out"
	check "$what   ACCOUNTS has no trust with RESOURCE" \
		test "$(direction_on accounts "$RESOURCE_DNS_DOMAIN")" = NONE
	out=$(rpc_on accounts <<<"add-trusting RESOURCE $RESOURCE_DNS_DOMAIN $SID_R $TMP/trust1")
	check "$what 3 add trusting on ACCOUNTS" has "^OK" "$out"
	check "$what   samba-tool on ACCOUNTS: INCOMING" \
		test "$(direction_on accounts "$RESOURCE_DNS_DOMAIN")" = INCOMING
	out=$(rpc_on accounts <<<"check RESOURCE $TMP/trust1")
	check "$what   RESOURCE\$ answers NOLOGON_INTERDOMAIN_TRUST_ACCOUNT" has "^OK check" "$out"
	out=$(printf 'add-trusted ACCOUNTS %s %s %s\nreset ACCOUNTS\nverify ACCOUNTS\n' \
		"$ACCOUNTS_DNS_DOMAIN" "$SID_A" "$TMP/trust1" | rpc_on resource)
	check "$what 4 add trusted on RESOURCE" has "^OK add-trusted" "$out"
	check "$what   samba-tool on RESOURCE: OUTGOING" \
		test "$(direction_on resource "$ACCOUNTS_DNS_DOMAIN")" = OUTGOING
	check "$what   usrmgr verify OK" has "^OK verify" "$out"
	check "$what   samba-tool domain trust validate OK" validate "$ACCOUNTS_DNS_DOMAIN"
	check "$what   smbclient ACCOUNTS\\alice //RESOURCE/netlogon" alice_logon
}

out=$(lab break kb207957 2>&1) ||
	{ not_ok "usrmgr-lab break kb207957"; echo "$out" | tail -3; }
out=$(printf 'reset ACCOUNTS\nverify ACCOUNTS\n' | rpc_on resource)
if validate "$ACCOUNTS_DNS_DOMAIN"; then v=OK; else v=ERR; fi
check "kb207957: verify fails, as samba-tool validate does" \
	test "$(answer verify <<<"$out" | cut -d' ' -f1)$v" = ERRERR
repair kb207957

lab restore trusted >/dev/null 2>&1
out=$(lab break password-mismatch 2>&1) ||
	{ not_ok "usrmgr-lab break password-mismatch"; echo "$out" | tail -3; }
out=$(printf 'reset ACCOUNTS\nverify ACCOUNTS\n' | rpc_on resource)
if validate "$ACCOUNTS_DNS_DOMAIN"; then v=OK; else v=ERR; fi
check "password-mismatch: verify fails, as samba-tool validate does" \
	test "$(answer verify <<<"$out" | cut -d' ' -f1)$v" = ERRERR
repair password-mismatch

# ---- errors: a clear status, nothing changed ----
lab restore trusted >/dev/null 2>&1
before="$(direction_on accounts "$RESOURCE_DNS_DOMAIN")/$(direction_on resource "$ACCOUNTS_DNS_DOMAIN")"
out=$(rpc_on resource -U "RESOURCE\\Administrator" --password-file "$TMP/wrong" <<<"remove-trusted ACCOUNTS")
check "wrong admin password: LOGON_FAILURE" has "NT_STATUS_LOGON_FAILURE" "$out"
out=$(rpc_on accounts -A "$ALICE_AUTHFILE" <<<"remove-trusting RESOURCE")
check "non-admin user: ACCESS_DENIED" has "NT_STATUS_ACCESS_DENIED" "$out"
out=$(rpc_on accounts -A "$ALICE_AUTHFILE" <<<"add-trusting OTHER other.test S-1-5-21-1-2-3 $TMP/trust1")
check "non-admin user, add: ACCESS_DENIED" has "NT_STATUS_ACCESS_DENIED" "$out"
out=$(lab exec console "$DRIVER" -s "$LAB_CONSOLE_SMB_CONF" -S "${ACCOUNTS_PDC_IP%.*}.250" \
	-A "$ACCOUNTS_ADMIN_AUTHFILE" <<<"list")
check "PDC down: HOST_UNREACHABLE" has "NT_STATUS_HOST_UNREACHABLE" "$out"
out=$(printf 'verify NOSUCHDOM\nremove-trusted NOSUCHDOM\n' | rpc_on resource)
check "partner that does not exist: verify WERR_NO_SUCH_DOMAIN" has "ERR verify WERR:0x0000054b" "$out"
check "partner that does not exist: remove OBJECT_NAME_NOT_FOUND" has "ERR remove-trusted NT:NT_STATUS_OBJECT_NAME_NOT_FOUND" "$out"
out=$(rpc_on resource <<<"add-trusted ACCOUNTS $ACCOUNTS_DNS_DOMAIN $SID_A $TMP/trust1")
check "add that already exists: OBJECT_NAME_COLLISION" has "NT_STATUS_OBJECT_NAME_COLLISION" "$out"
out=$(rpc_on resource <<<"add-trusting ACCOUNTS $ACCOUNTS_DNS_DOMAIN $SID_A $TMP/trust1")
check "add the other direction: refused (Samba cannot), with a note" \
	grep -q "^NOTE .*other direction" <<<"$out"
after="$(direction_on accounts "$RESOURCE_DNS_DOMAIN")/$(direction_on resource "$ACCOUNTS_DNS_DOMAIN")"
check "after the errors nothing changed ($before)" test "$before" = "$after"
check "  and the trust still validates" validate "$ACCOUNTS_DNS_DOMAIN"

# ---- two-way, then reduced: the other direction stays ----
printf 'remove-trusted ACCOUNTS\n' | rpc_on resource >/dev/null
printf 'remove-trusting RESOURCE\n' | rpc_on accounts >/dev/null
# samba-tool takes the remote admin's password from PASSWD, not argv
out=$(PASSWD=$(cat "$ACCOUNTS_ADMIN_PASSWORD_FILE") lab exec resource samba-tool \
	domain trust create "$ACCOUNTS_DNS_DOMAIN" --type=external --direction=both \
	-U "ACCOUNTS\\$ACCOUNTS_ADMIN_USER" --ipaddress="$ACCOUNTS_PDC_IP" \
	-s "$RESOURCE_SMB_CONF" 2>&1) || echo "$out" | tail -3
check "two-way trust made by samba-tool" \
	test "$(direction_on resource "$ACCOUNTS_DNS_DOMAIN")" = BOTH
out=$(rpc_on resource <<<"remove-trusting ACCOUNTS")
check "remove trusting ACCOUNTS on RESOURCE" has "^OK" "$out"
check "  RESOURCE keeps OUTGOING" test "$(direction_on resource "$ACCOUNTS_DNS_DOMAIN")" = OUTGOING
out=$(rpc_on accounts <<<"remove-trusted RESOURCE")
check "remove trusted RESOURCE on ACCOUNTS" has "^OK" "$out"
check "  ACCOUNTS keeps INCOMING" test "$(direction_on accounts "$RESOURCE_DNS_DOMAIN")" = INCOMING
# the resource DC's cached channel is stale after the change (FACTS 3)
printf 'reset ACCOUNTS\n' | rpc_on resource >/dev/null
check "  RESOURCE -> ACCOUNTS still validates" validate "$ACCOUNTS_DNS_DOMAIN"
check "  ACCOUNTS\\alice still logs on at RESOURCE" alice_logon

# ---- one connection, reopened once when dropped ----
lab restore trusted >/dev/null 2>&1
rm -f "$TMP/go"
printf 'list\nwaitfile %s\nlist\nstats\n' "$TMP/go" > "$TMP/cmds"
rpc_on resource < "$TMP/cmds" > "$TMP/out" &
pid=$!
# the first list is done (the driver then waits for $TMP/go)
for _ in $(seq 600); do
	grep -q '^OK list' "$TMP/out" 2>/dev/null && break
	sleep 0.1
done
lab restore trusted >/dev/null 2>&1   # restarts both DCs: every session dies
lab wait >/dev/null 2>&1
touch "$TMP/go"
wait $pid
out=$(cat "$TMP/out")
check "dropped connection: a note, then the list" has "^NOTE .*reopened" "$out"
check "  second list OK" test "$(grep -c '^OK list' <<<"$out")" = 2
check "  two connections in all" has "OK connects=2" "$out"
out=$(printf 'info\nlist\nverify ACCOUNTS\nstats\n' | rpc_on resource)
check "several operations share one connection" has "OK connects=1" "$out"

rm -rf "$TMP"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
