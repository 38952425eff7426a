#!/bin/bash
# security-lab.sh: usrmgr's traffic to real PDCs (the shared AD lab, from
# its console namespace) is encrypted, and -k means Kerberos or nothing.
#
# A capture (tcpdump) of everything between the console and both PDCs,
# while usrmgr lists, verifies, re-adds a trust with a new password and
# tests a logon, must show SMB3-encrypted traffic (transform headers) and
# none of: the LSA, NETLOGON or SAMR interface in clear (a DCE/RPC bind
# names it), a cleartext SMB2 command after the session is set up, any
# password (trust, administrator, user) as UTF-8 or UTF-16LE.  A control
# proves the check can fail: rpcclient with encryption off does show LSA.
# Then -k: by name it works through the KDC and without NTLM; by address
# (no Kerberos possible) it fails rather than fall back to NTLM; without
# -k usrmgr speaks NTLM (the control).  Debug output at level 10 holds no
# password.
#
# Skips (77) where no lab can run (the fixture's rule; FAIL when CI=true).
# Ends with "N passed, N failed".
#
# Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
set -u
. "$(dirname "$0")/lab-fixture.sh"

USRMGR=${USRMGR:-$(pwd)/usrmgr}
[ -x "$USRMGR" ] || lab_skip "no usrmgr binary at $USRMGR"
command -v tcpdump >/dev/null 2>&1 || lab_skip "tcpdump is not installed (apt-get install tcpdump)"
PY=/usr/bin/python3
lab_require ad

TMP=$(mktemp -d /tmp/usrmgr-seclab.XXXXXX)
chmod 700 "$TMP"
cap_pid=""
cleanup() {
	[ -n "$cap_pid" ] && kill "$cap_pid" 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT

NEW_PW='Sec.Lab-Trust!9zq'
printf '%s\n' "$NEW_PW" >"$TMP/trust"
ADMIN_PW=$(head -n 1 "$ACCOUNTS_ADMIN_PASSWORD_FILE")
ADMIN_PW_R=$(head -n 1 "$RESOURCE_ADMIN_PASSWORD_FILE")
ALICE_PW=$(head -n 1 "$ALICE_PASSWORD_FILE")
# For -k, a Kerberos principal (user@REALM): with the lab's authfiles
# (domain = RESOURCE) Samba's clients, smbclient as well, ask the KDC of a
# realm named RESOURCE, which no krb5.conf knows.
printf 'username = %s@%s\npassword = %s\n' "$RESOURCE_ADMIN_USER" \
	"$RESOURCE_REALM" "$ADMIN_PW_R" >"$TMP/krb.auth"
chmod 600 "$TMP/krb.auth"

# u SIDE ARGS...: usrmgr from the console against SIDE's PDC (by name)
u() {
	local side=$1 pdc auth
	shift
	case $side in
	accounts) pdc=$ACCOUNTS_PDC_FQDN auth=$ACCOUNTS_ADMIN_AUTHFILE ;;
	resource) pdc=$RESOURCE_PDC_FQDN auth=$RESOURCE_ADMIN_AUTHFILE ;;
	kerberos) pdc=$RESOURCE_PDC_FQDN auth=$TMP/krb.auth ;;
	kerberos-ip) pdc=$RESOURCE_PDC_IP auth=$TMP/krb.auth ;;
	esac
	lab_exec console env KRB5_CONFIG="$LAB_KRB5_CONFIG" "$USRMGR" \
		-S "$pdc" -A "$auth" -s "$LAB_CONSOLE_SMB_CONF" "$@"
}

# capture_start NAME / capture_stop: everything between the console (where
# usrmgr runs) and either PDC; not the PDCs' own traffic with each other
# (their NETLOGON secure channel), which the console's bridge also sees.
capture_start() {
	cap=$TMP/$1.pcap
	# --immediate-mode: without it libpcap hands packets over in blocks
	# (up to a second late), and a short capture stopped by SIGINT can
	# lose its last block, or all of it
	lab_exec console tcpdump --immediate-mode -i any -s 0 -U -n -w "$cap" \
		"host $LAB_CONSOLE_IP and (host $ACCOUNTS_PDC_IP or host $RESOURCE_PDC_IP)" \
		>"$TMP/$1.tcpdump.log" 2>&1 &
	cap_pid=$!
	local i
	for i in $(seq 1 100); do
		grep -q 'listening on' "$TMP/$1.tcpdump.log" && return 0
		sleep 0.1
	done
	return 1
}
capture_stop() {
	sleep 1
	pkill -INT -f "tcpdump --immediate-mode -i any -s 0 -U -n -w $cap" 2>/dev/null
	wait "$cap_pid" 2>/dev/null
	cap_pid=""
}

# What a capture holds, by raw bytes (any link type): counts of SMB2
# headers in clear (by command), SMB3 transform headers, DCE/RPC binds to
# LSA/NETLOGON/SAMR, NTLMSSP messages, Kerberos (port 88) packets; and
# whether any given needle occurs as UTF-8 or UTF-16LE.
analyse() { # analyse PCAP NEEDLE... -> key=value lines
	"$PY" - "$@" <<'EOF'
import struct, sys
data = open(sys.argv[1], 'rb').read()
needles = sys.argv[2:]
magic = data[:4]
le = magic in (b'\xd4\xc3\xb2\xa1', b'\x4d\x3c\xb2\xa1')
fmt = '<' if le else '>'
link = struct.unpack(fmt + 'I', data[20:24])[0]
off, pkts = 24, []
while off + 16 <= len(data):
    _, _, incl, _ = struct.unpack(fmt + 'IIII', data[off:off + 16])
    pkts.append(data[off + 16:off + 16 + incl])
    off += 16 + incl
def ip_payload(p):
    # linux cooked v2 (276), v1 (113), ethernet (1), raw (101)
    skip = {276: 20, 113: 16, 1: 14, 101: 0}.get(link)
    if skip is None:
        return None
    return p[skip:]
uuids = {
    'lsa': bytes.fromhex('785734123412cdabef000123456789ab'),
    'netlogon': bytes.fromhex('785634123412cdabef0001234567cffb'),
    'samr': bytes.fromhex('785734123412cdabef000123456789ac'),
}
count = {'packets': len(pkts), 'smb2_clear': 0, 'smb2_clear_after_setup': 0,
         'smb3_transform': 0, 'kerberos': 0, 'ntlmssp': 0}
for k in uuids:
    count['rpc_' + k] = 0
for p in pkts:
    ip = ip_payload(p)
    if ip is None or len(ip) < 20:
        continue
    if ip[0] >> 4 == 4:
        ihl = (ip[0] & 15) * 4
        proto = ip[9]
        l4 = ip[ihl:]
    elif ip[0] >> 4 == 6:
        proto = ip[6]
        l4 = ip[40:]
    else:
        continue
    if proto == 6 and len(l4) >= 20:
        sport, dport = struct.unpack('>HH', l4[:4])
        body = l4[(l4[12] >> 4) * 4:]
    elif proto == 17 and len(l4) >= 8:
        sport, dport = struct.unpack('>HH', l4[:4])
        body = l4[8:]
    else:
        continue
    if 88 in (sport, dport) and body:
        count['kerberos'] += 1
    if b'NTLMSSP\0' in body:
        count['ntlmssp'] += 1
    i = body.find(b'\xfeSMB')
    while i >= 0:
        count['smb2_clear'] += 1
        cmd = struct.unpack('<H', body[i + 12:i + 14])[0] if len(body) >= i + 14 else 0
        if cmd > 1:       # not NEGOTIATE (0), SESSION_SETUP (1)
            count['smb2_clear_after_setup'] += 1
        i = body.find(b'\xfeSMB', i + 4)
    count['smb3_transform'] += body.count(b'\xfdSMB')
    for k, u in uuids.items():
        count['rpc_' + k] += body.count(u)
for k, v in count.items():
    print('%s=%d' % (k, v))
for n in needles:
    hit = n.encode() in data or n.encode('utf-16-le') in data
    print('needle_%s=%d' % (n.encode().hex()[:12], int(hit)))
EOF
}
val() { sed -n "s/^$1=//p" "$2"; }

# ---- the encrypted link ----------------------------------------------
if ! capture_start default; then
	lab_fail "tcpdump in the console namespace (see $TMP/default.tcpdump.log)"
fi
rc=0
{
	u resource -d 10 trust list
	u resource -d 10 trust verify ACCOUNTS
	u accounts -d 10 trust remove-trusting RESOURCE
	# the accounts PDC cannot locate a domain it no longer knows: the
	# partner's SID comes from its own PDC, opened as its admin
	u accounts -d 10 trust add-trusting RESOURCE --password-file "$TMP/trust" \
		--partner-pdc "$RESOURCE_PDC_FQDN" --partner-authfile "$RESOURCE_ADMIN_AUTHFILE"
	u resource -d 10 trust logon-test --user "ACCOUNTS\\$ALICE_USER" \
		--password-file "$ALICE_PASSWORD_FILE"
} >"$TMP/default.out" 2>&1 || rc=$?
capture_stop
analyse "$cap" "$NEW_PW" "$ADMIN_PW" "$ADMIN_PW_R" "$ALICE_PW" >"$TMP/default.facts"
sed 's/^/# /' "$TMP/default.facts"
t_check "usrmgr list, verify, remove + add trusting, logon test ran" \
	grep -q -i 'Added to the Trusting Domains' "$TMP/default.out"
grep -q -i 'Added to the Trusting Domains' "$TMP/default.out" ||
	grep -E '^usrmgr' "$TMP/default.out" | sed 's/^/#   /' | tail -n 5
t_check "the capture saw usrmgr's traffic" test "$(val packets "$TMP/default.facts")" -gt 20
t_check "SMB3 encryption: transform headers on the wire" \
	test "$(val smb3_transform "$TMP/default.facts")" -gt 0
t_is "no cleartext SMB2 command after the session setup" 0 \
	"$(val smb2_clear_after_setup "$TMP/default.facts")"
t_is "no cleartext LSA (no DCE/RPC bind to lsarpc in clear)" 0 "$(val rpc_lsa "$TMP/default.facts")"
t_is "no cleartext SAMR" 0 "$(val rpc_samr "$TMP/default.facts")"
t_is "no cleartext NETLOGON" 0 "$(val rpc_netlogon "$TMP/default.facts")"
n=$(grep -c '^needle_.*=1' "$TMP/default.facts")
t_is "no password (trust, admins', alice's) on the wire, UTF-8 or UTF-16LE" 0 "$n"
hit=""
for pw in "$NEW_PW" "$ADMIN_PW" "$ADMIN_PW_R" "$ALICE_PW"; do
	grep -a -q -F -- "$pw" "$TMP/default.out" && hit="$hit x"
done
t_is "no password in usrmgr's output at -d 10" "" "$hit"

# The control: the same check on a client told not to encrypt finds LSA.
if capture_start control; then
	lab_exec console rpcclient -A "$RESOURCE_ADMIN_AUTHFILE" \
		-s "$LAB_CONSOLE_SMB_CONF" --option='client smb encrypt=off' \
		-c lsaquery \
		"$RESOURCE_PDC_FQDN" >"$TMP/control.out" 2>&1
	capture_stop
	analyse "$cap" >"$TMP/control.facts"
sed 's/^/# control: /' "$TMP/control.facts" | grep -E 'packets|kerberos|ntlmssp|rpc_lsa'
	t_check "control: rpcclient without encryption shows LSA in clear" \
		test "$(val rpc_lsa "$TMP/control.facts")" -gt 0
fi

# ---- -k: Kerberos required -------------------------------------------
capture_start kerberos
u kerberos -k trust list >"$TMP/krb.out" 2>&1
krc=$?
capture_stop
analyse "$cap" >"$TMP/krb.facts"
sed 's/^/# krb: /' "$TMP/krb.facts" | grep -E 'packets|kerberos|ntlmssp|rpc_lsa'
t_is "-k by name: the list works" 0 "$krc"
[ "$krc" = 0 ] || sed 's/^/#   /' "$TMP/krb.out"
t_check "-k by name: it went through the KDC (port 88)" \
	test "$(val kerberos "$TMP/krb.facts")" -gt 0
t_is "-k by name: no NTLMSSP on the wire" 0 "$(val ntlmssp "$TMP/krb.facts")"

capture_start kerberos-ip
u kerberos-ip -k trust list >"$TMP/krb-ip.out" 2>&1
kirc=$?
capture_stop
analyse "$cap" >"$TMP/krb-ip.facts"
sed 's/^/# krb-ip: /' "$TMP/krb-ip.facts" | grep -E 'packets|kerberos|ntlmssp|rpc_lsa'
t_check "-k by address (no Kerberos possible): refused (exit $kirc)" test "$kirc" != 0
# (a capture that saw nothing would show no NTLM either)
t_check "-k by address: the capture saw its attempt" \
	test "$(val packets "$TMP/krb-ip.facts")" -gt 0
t_is "-k by address: no fall back to NTLM" 0 "$(val ntlmssp "$TMP/krb-ip.facts")"

capture_start ntlm
u resource trust list >"$TMP/ntlm.out" 2>&1
capture_stop
analyse "$cap" >"$TMP/ntlm.facts"
sed 's/^/# ntlm: /' "$TMP/ntlm.facts" | grep -E 'packets|kerberos|ntlmssp|rpc_lsa'
t_check "control: without -k usrmgr speaks NTLM (NTLMSSP on the wire)" \
	test "$(val ntlmssp "$TMP/ntlm.facts")" -gt 0

lab_restore trusted >/dev/null 2>&1
t_done
