#!/bin/bash
# The usrmgr CLI against real Samba AD DCs (issues 5 and 6), from the lab's
# console, with Samba's own tools as the judges: samba-tool on each DC,
# smbclient logons of ACCOUNTS\alice at the resource PDC.
#   - lists, verify and the errors of a real server, nothing changed;
#   - the four KB Q207957 steps one by one on `break kb207957`;
#   - `trust repair --yes` on `break password-mismatch`, journal clean;
#   - a repair killed after Add Trusting Domain and resumed.
set -u
. "$(dirname "$0")/lab-fixture.sh"
lab_require ad

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
printf 'Kb.Repair.pw1\n' >"$tmp/pw"
chmod 644 "$tmp/pw"

# usrmgr on the console, as an admin of SIDE's domain
# um SIDE ARGS..., pair ARGS...: lab-fixture.sh

reset_channel() { um resource -S "$RESOURCE_PDC" trust reset ACCOUNTS >/dev/null 2>&1; }
json_has() { grep -q -- "$1" "$tmp/out"; }

# ---- lists, verify, errors: nothing changes -------------------------------
lab_restore trusted
t_check "list on the resource PDC: ACCOUNTS trusted" \
	eval 'um resource -S "$RESOURCE_PDC" trust list --json >"$tmp/out" && json_has "\"trusted_domains\":\[{\"name\":\"ACCOUNTS\""'
t_check "the dialect is detected as AD" json_has '"dialect":"ad"'
t_check "list on the accounts PDC: RESOURCE trusting" \
	eval 'um accounts -S "$ACCOUNTS_PDC" trust list --json >"$tmp/out" && json_has "\"trusting_domains\":\[{\"name\":\"RESOURCE\""'
t_check "verify agrees with samba-tool validate (both OK)" \
	eval 'um resource -S "$RESOURCE_PDC" trust verify ACCOUNTS >/dev/null && lab_validate'
t_check "diagnose: healthy" \
	eval 'pair trust diagnose --json >"$tmp/out"; json_has "\"verdict\":\"healthy\""'
before=$(lab_both_lists)
printf 'username=Administrator\npassword=Not.The.Password9\ndomain=RESOURCE\n' >"$tmp/wrong.auth"
chmod 644 "$tmp/wrong.auth"
t_check "wrong admin password: LOGON_FAILURE" \
	eval 'lab_exec console "$USRMGR" -s "$LAB_CONSOLE_SMB_CONF" -A "$tmp/wrong.auth" -S "$RESOURCE_PDC" trust remove-trusted ACCOUNTS --json >"$tmp/out"; json_has NT_STATUS_LOGON_FAILURE'
t_check "a partner that does not exist: not in the list" \
	eval 'um resource -S "$RESOURCE_PDC" trust remove-trusted NOSUCHDOM --json >"$tmp/out"; json_has NT_STATUS_OBJECT_NAME_NOT_FOUND'
t_check "an add that exists: already in the list" \
	eval 'um accounts -S "$ACCOUNTS_PDC" trust add-trusting RESOURCE --password-file "$tmp/pw" --json >"$tmp/out" 2>&1; json_has NT_STATUS_OBJECT_NAME_COLLISION || { sed "s/^/#   /" "$tmp/out"; false; }'
t_is "nothing changed on either DC (samba-tool)" "$before" "$(lab_both_lists)"

# ---- KB Q207957, the four steps one by one --------------------------------
lab break kb207957 >/dev/null
t_is "after the break alice cannot log on" NT_STATUS_NO_TRUST_SAM_ACCOUNT "$(lab_logon)"
t_check "diagnose: broken at the accounts side" \
	eval 'pair trust diagnose --json >"$tmp/out"; json_has "\"verdict\":\"broken-at-accounts\""'
t_check "1. remove ACCOUNTS from RESOURCE's Trusted Domains" \
	um resource -S "$RESOURCE_PDC" trust remove-trusted ACCOUNTS
t_check "2. RESOURCE is already gone from ACCOUNTS' Trusting Domains" \
	eval '! um accounts -S "$ACCOUNTS_PDC" trust remove-trusting RESOURCE --json >"$tmp/out" && json_has NOT_FOUND'
t_is "no trust left on either DC (samba-tool)" "$(printf 'R: \nA: ')" "$(lab_both_lists)"
t_check "3. without the partner's admin: refused, and the note says why" \
	eval '! um accounts -S "$ACCOUNTS_PDC" trust add-trusting RESOURCE --partner-pdc "$RESOURCE_PDC" --password-file "$tmp/pw" 2>"$tmp/err" && grep -q "partner.s PDC $RESOURCE_PDC" "$tmp/err"'
t_is "   ... and nothing was added (samba-tool)" "$(printf 'R: \nA: ')" "$(lab_both_lists)"
t_check "3. Add Trusting Domain RESOURCE on ACCOUNTS" \
	um accounts -S "$ACCOUNTS_PDC" trust add-trusting RESOURCE --partner-pdc "$RESOURCE_PDC" --partner-authfile "$RESOURCE_ADMIN_AUTHFILE" --password-file "$tmp/pw"
t_check "4. Add Trusted Domain ACCOUNTS on RESOURCE (checked, reset, verified)" \
	um resource -S "$RESOURCE_PDC" trust add-trusted ACCOUNTS --partner-pdc "$ACCOUNTS_PDC" --partner-authfile "$ACCOUNTS_ADMIN_AUTHFILE" --password-file "$tmp/pw"
t_is "samba-tool sees exactly the one direction on each DC" \
	"$(printf 'R: %s OUTGOING\nA: %s INCOMING' "$ACCOUNTS_DNS_DOMAIN" "$RESOURCE_DNS_DOMAIN")" "$(lab_both_lists)"
t_check "samba-tool domain trust validate: OK" lab_validate
t_is "alice logs on again" NT_STATUS_OK "$(lab_logon)"

# ---- trust repair --yes on password-mismatch ------------------------------
lab_restore trusted
lab break password-mismatch >/dev/null 2>&1
reset_channel
t_is "mismatch: alice cannot log on" NT_STATUS_ACCESS_DENIED "$(lab_logon)"
t_check "trust repair --yes: repaired" \
	eval 'pair trust repair --yes --password-file "$tmp/pw" --journal "$tmp/j1" --json >"$tmp/out" && json_has "\"outcome\":\"repaired\""'
t_check "samba-tool domain trust validate: OK" lab_validate
t_is "alice logs on" NT_STATUS_OK "$(lab_logon)"
t_check "the journal tells every step, with no password" \
	eval 'grep -q "\"step-done\",\"step\":\"add-trusted\"" "$tmp/j1" && ! grep -q "Kb.Repair" "$tmp/j1"'

# ---- killed after Add Trusting Domain, resumed ----------------------------
lab_restore trusted
lab break kb207957 >/dev/null
pair trust repair --yes --password-file "$tmp/pw" --journal "$tmp/j2" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 600); do
	grep -q '"step-done","step":"add-trusting"' "$tmp/j2" 2>/dev/null && break
	sleep 0.05
done
# the repair runs in the console's namespace: kill it there
pkill -KILL -f -- "--journal $tmp/j2" ; wait $pid 2>/dev/null
t_check "killed after add-trusting: unfinished in the journal" \
	eval '! grep -q repair-end "$tmp/j2"'
t_check "resumed: repaired" \
	eval 'lab_exec console "$USRMGR" -s "$LAB_CONSOLE_SMB_CONF" --resource-authfile "$RESOURCE_ADMIN_AUTHFILE" --accounts-authfile "$ACCOUNTS_ADMIN_AUTHFILE" trust repair --resume --yes --password-file "$tmp/pw" --journal "$tmp/j2" >"$tmp/out" 2>&1'
t_check "samba-tool domain trust validate: OK" lab_validate
t_is "alice logs on" NT_STATUS_OK "$(lab_logon)"
t_done
