#!/bin/bash
# Two-way trusts on real Samba AD DCs (issue 22), judged by samba-tool on
# each DC and a logon each way (ACCOUNTS\alice at RESOURCE, RESOURCE's
# administrator at ACCOUNTS):
#   - usrmgr-lab trust --two-way, break kb207957 of one direction (and
#     --reverse), status reporting each direction;
#   - the issue's site (and --reverse): the repair re-creates both DCs'
#     objects two-way (Samba 4.17 stores no password for an added
#     direction, doc/two-way.md), the repaired direction with a new
#     password, the working one with the password it had, read back over
#     DRSUAPI (issue 22: its stored password is the same before and
#     after); both directions validate and a user logs on each way
#     afterwards;
#   - Remove on one list removes that direction only; Add of the missing
#     direction without --yes is refused up front (Samba stores no
#     password for it: doc/two-way.md);
#   - the KB steps by hand with the CLI: the two Adds with --yes and one
#     password re-create both objects two-way, both directions healthy;
#     between the two Adds the working direction still validates and
#     logs on (the old re-key failed it there: WRONG_PASSWORD).
set -u
. "$(dirname "$0")/lab-fixture.sh"
lab_require ad

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
printf 'Two.Way.pw1\n' >"$tmp/pw"
chmod 644 "$tmp/pw"

# the other direction, ACCOUNTS trusts RESOURCE: judged on ACCOUNTS
validate_reverse() {
	lab_exec accounts samba-tool domain trust validate \
		"$RESOURCE_DNS_DOMAIN" --validate-location=local \
		-s "$ACCOUNTS_SMB_CONF" 2>&1 | grep -q '^OK: LocalValidation'
}
logon_reverse() {
	local out rc=0
	out=$(lab_exec console smbclient -A "$RESOURCE_ADMIN_AUTHFILE" "//$ACCOUNTS_PDC/netlogon" -c ls 2>&1) || rc=$?
	if [ "$rc" = 0 ]; then echo NT_STATUS_OK
	else grep -m1 -o 'NT_STATUS_[A-Z_]*' <<<"$out" || echo "rc=$rc"; fi
}
reset_channel() { um resource -S "$RESOURCE_PDC" trust reset ACCOUNTS >/dev/null 2>&1; }
# the current password a DC's object for PARTNER holds in ATTR
# (trustAuthIncoming/Outgoing), as a short hash, read from sam.ldb on the
# DC itself; "-" when it holds none
stored_pw() { # HOST SMB_CONF PARTNER ATTR
	lab_exec "$1" /usr/bin/python3 -c '
import sys, hashlib
from samba.param import LoadParm
from samba.samdb import SamDB
from samba.auth import system_session
from samba.ndr import ndr_unpack
from samba.dcerpc import drsblobs
lp = LoadParm(); lp.load(sys.argv[1])
db = SamDB(lp=lp, session_info=system_session(), url=lp.samdb_url())
r = db.search(expression="(&(objectClass=trustedDomain)(flatName=%s))"
              % sys.argv[2], attrs=[sys.argv[3]])
v = r[0].get(sys.argv[3], idx=0) if len(r) else None
if v is None:
    print("-"); sys.exit(0)
b = ndr_unpack(drsblobs.trustAuthInOutBlob, bytes(v))
pw = b.current.array[0].AuthInfo.password if b.count else []
print(hashlib.sha256(bytes(pw)).hexdigest()[:16])' "$2" "$3" "$4" 2>&1
}
# ACCOUNTS trusts RESOURCE: ACCOUNTS' outgoing and RESOURCE's incoming
kept_pws() {
	printf '%s %s' \
		"$(stored_pw accounts "$ACCOUNTS_SMB_CONF" "$RESOURCE_DOMAIN" trustAuthOutgoing)" \
		"$(stored_pw resource "$RESOURCE_SMB_CONF" "$ACCOUNTS_DOMAIN" trustAuthIncoming)"
}
both() { printf 'R: %s BOTH\nA: %s BOTH' "$ACCOUNTS_DNS_DOMAIN" "$RESOURCE_DNS_DOMAIN"; }

# ---- the lab: two-way, status per direction --------------------------------
t_check "usrmgr-lab trust --two-way" quiet lab trust --two-way
t_is "samba-tool: each DC's object is two-way" "$(both)" "$(lab_both_lists)"
t_check "status --json: healthy, the other direction too" \
	eval 'lab status --json >"$tmp/st" && grep -q "\"reverse\": {\"healthy\": true" "$tmp/st"'
lab break kb207957 >/dev/null
t_is "break kb207957: ACCOUNTS keeps only its outbound side" \
	"$(printf 'R: %s BOTH\nA: %s OUTGOING' "$ACCOUNTS_DNS_DOMAIN" "$RESOURCE_DNS_DOMAIN")" "$(lab_both_lists)"
t_is "  alice cannot log on at RESOURCE" NT_STATUS_NO_TRUST_SAM_ACCOUNT "$(lab_logon)"
t_check "  the other direction still validates" validate_reverse
t_is "  RESOURCE's administrator still logs on at ACCOUNTS" NT_STATUS_OK "$(logon_reverse)"
t_check "status: not healthy, and says the other direction is" \
	eval '! lab status >"$tmp/st" && grep -q "ACCOUNTS trusts RESOURCE: *healthy" "$tmp/st"'

# ---- the issue's repair: both objects re-created two-way -------------------
# Samba 4.17 stores no password for a direction added to an object, but
# one created two-way stores both (doc/two-way.md): the repair re-creates
# both DCs' objects, the working direction with the password it had (read
# over DRSUAPI), the repaired one with the new password, and resets and
# verifies both directions.
kept_before=$(kept_pws)
t_check "  the working direction holds one password on both sides" \
	eval '[ "${kept_before% *}" = "${kept_before#* }" ] && [ "${kept_before% *}" != - ]'
t_check "trust repair: repaired (exit 0), with the logon test" \
	eval 'pair trust repair --yes --generate-password --journal "$tmp/j" --user "$ALICE_DOMAIN\\$ALICE_USER" --user-password-file "$ALICE_PASSWORD_FILE" >"$tmp/out" 2>&1'
t_check "  it said the other direction keeps its password" \
	grep -q "other direction keeps its password" "$tmp/out"
t_is "  the working direction kept its password on both DCs" \
	"$kept_before" "$(kept_pws)"
t_is "  each DC's object is two-way (samba-tool)" "$(both)" "$(lab_both_lists)"
t_check "  RESOURCE -> ACCOUNTS validates" lab_validate
t_is "  alice logs on at RESOURCE" NT_STATUS_OK "$(lab_logon)"
t_check "  the other direction validates" validate_reverse
t_is "  RESOURCE's administrator logs on at ACCOUNTS" NT_STATUS_OK "$(logon_reverse)"
t_check "  usrmgr-lab status: every direction healthy" quiet lab status

# the same servers, refused before anything changes when a step cannot be
# done: Add Trusting of one direction alone (below) still is

# ---- each direction on its own ---------------------------------------------
lab trust --two-way >/dev/null
t_check "Remove on RESOURCE's Trusting Domains (one direction of two)" \
	um resource -S "$RESOURCE_PDC" trust remove-trusting ACCOUNTS
t_is "  RESOURCE keeps the outbound direction" \
	"$(printf 'R: %s OUTGOING\nA: %s BOTH' "$ACCOUNTS_DNS_DOMAIN" "$RESOURCE_DNS_DOMAIN")" "$(lab_both_lists)"
reset_channel
t_check "  RESOURCE -> ACCOUNTS still validates" lab_validate
t_is "  alice still logs on at RESOURCE" NT_STATUS_OK "$(lab_logon)"
before=$(lab_both_lists)
t_check "Add Trusting ACCOUNTS back on RESOURCE: refused up front, with a note" \
	eval '! um resource -S "$RESOURCE_PDC" trust add-trusting ACCOUNTS --partner-pdc "$ACCOUNTS_PDC" --partner-authfile "$ACCOUNTS_ADMIN_AUTHFILE" --password-file "$tmp/pw" 2>"$tmp/err" && grep -q "cannot add the other direction" "$tmp/err"'
t_is "  nothing changed (samba-tool)" "$before" "$(lab_both_lists)"
t_check "  RESOURCE -> ACCOUNTS still validates" lab_validate

# ---- the other direction broken the KB way ---------------------------------
lab trust --two-way >/dev/null
lab break kb207957 --reverse >/dev/null
t_is "break kb207957 --reverse: RESOURCE keeps only its outbound side" \
	"$(printf 'R: %s OUTGOING\nA: %s BOTH' "$ACCOUNTS_DNS_DOMAIN" "$RESOURCE_DNS_DOMAIN")" "$(lab_both_lists)"
t_check "  RESOURCE -> ACCOUNTS still validates" lab_validate
t_is "  alice still logs on at RESOURCE" NT_STATUS_OK "$(lab_logon)"
t_check "  the broken direction fails its check on ACCOUNTS" not validate_reverse
t_check "trust repair of that direction (ACCOUNTS the resource side): repaired" \
	eval 'lab_exec console "$USRMGR" -s "$LAB_CONSOLE_SMB_CONF" trust repair --yes --generate-password --journal "$tmp/j2" --resource-pdc "$ACCOUNTS_PDC" --accounts-pdc "$RESOURCE_PDC" --resource-authfile "$ACCOUNTS_ADMIN_AUTHFILE" --accounts-authfile "$RESOURCE_ADMIN_AUTHFILE" >/dev/null 2>&1'
t_check "  ACCOUNTS -> RESOURCE validates" validate_reverse
t_is "  RESOURCE's administrator logs on at ACCOUNTS" NT_STATUS_OK "$(logon_reverse)"
t_check "  RESOURCE -> ACCOUNTS still validates" lab_validate
t_is "  alice still logs on at RESOURCE" NT_STATUS_OK "$(lab_logon)"

# ---- the KB steps by hand with the CLI (AD re-creates the trust two-way) ----
lab trust --two-way >/dev/null
lab break kb207957 >/dev/null
t_check "by hand: 1. remove-trusted ACCOUNTS on RESOURCE" \
	um resource -S "$RESOURCE_PDC" trust remove-trusted ACCOUNTS
before=$(lab_both_lists)
# (no terminal to ask on: setsid)
t_check "by hand: 3. add-trusting without --yes: refused, saying what --yes does" \
	eval '! lab_exec console setsid -w "$USRMGR" -s "$LAB_CONSOLE_SMB_CONF" -A "$ACCOUNTS_ADMIN_AUTHFILE" -S "$ACCOUNTS_PDC" trust add-trusting RESOURCE --password-file "$tmp/pw" </dev/null 2>"$tmp/err" && grep -q -- "--yes re-creates the trust" "$tmp/err"'
t_is "  nothing changed (samba-tool)" "$before" "$(lab_both_lists)"
kept_before=$(kept_pws)
t_check "by hand: 3. add-trusting RESOURCE on ACCOUNTS --yes" \
	um accounts -S "$ACCOUNTS_PDC" trust add-trusting RESOURCE --password-file "$tmp/pw" --yes
# issue 22: the working direction never stops working -- with the old
# re-key its check failed here (WERR_WRONG_PASSWORD) until the second Add
t_check "  between the Adds: ACCOUNTS -> RESOURCE still validates" validate_reverse
t_is "  between the Adds: RESOURCE's administrator still logs on at ACCOUNTS" \
	NT_STATUS_OK "$(logon_reverse)"
t_check "by hand: 4. add-trusted ACCOUNTS on RESOURCE --yes, the same password: the other direction kept its password and verified" \
	eval 'um resource -S "$RESOURCE_PDC" trust add-trusted ACCOUNTS --partner-pdc "$ACCOUNTS_PDC" --partner-authfile "$ACCOUNTS_ADMIN_AUTHFILE" --password-file "$tmp/pw" --yes 2>/dev/null | grep -q "kept its password and was verified"'
t_is "  the working direction kept its password on both DCs" \
	"$kept_before" "$(kept_pws)"
t_is "  both objects two-way (samba-tool)" "$(both)" "$(lab_both_lists)"
t_check "  RESOURCE -> ACCOUNTS validates" lab_validate
t_is "  alice logs on at RESOURCE" NT_STATUS_OK "$(lab_logon)"
t_check "  ACCOUNTS -> RESOURCE validates" validate_reverse
t_is "  RESOURCE's administrator logs on at ACCOUNTS" NT_STATUS_OK "$(logon_reverse)"

lab_restore trusted
t_done
