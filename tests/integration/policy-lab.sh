#!/bin/bash
# Policies -> Account on a real Samba AD DC (issue 20), from the lab's
# console, judged by samba-tool domain passwordsettings show on the DC:
#   - usrmgr reads what samba-tool shows;
#   - each change usrmgr makes is what samba-tool shows afterwards;
#   - a policy NT refuses (lockout shorter than the window, a number out
#     of range) changes nothing, and an operator who is no admin is told
#     so in words, nothing changed;
#   - ACCOUNTS\alice is locked out after the bad smbclient logons the
#     policy allows and can log on again once the duration has passed;
#   - Policies -> Audit read as net rpc audit list reads it, and shown
#     as not changeable with the server's answer (SetInfoPolicy faults).
set -u
. "$(dirname "$0")/lab-fixture.sh"
lab_require ad

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"

# samba-tool's view of ACCOUNTS' policy, "key=value" a line
judge() {
	lab_exec accounts samba-tool domain passwordsettings show \
		-s "$ACCOUNTS_SMB_CONF" 2>/dev/null |
		sed -n 's/^Password history length: */history=/p
			s/^Minimum password length: */min_length=/p
			s/^Minimum password age (days): */min_age=/p
			s/^Maximum password age (days): */max_age=/p
			s/^Account lockout duration (mins): */duration=/p
			s/^Account lockout threshold (attempts): */threshold=/p
			s/^Reset account lockout after (mins): */reset=/p'
}
# usrmgr's view, the same keys
ours() {
	um accounts -S "$ACCOUNTS_PDC" policy account --json >"$tmp/json" ||
		return 1
	python3 - "$tmp/json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))["policy"]
for ours, key in (("history", "history"), ("min_length", "min_length"),
                  ("min_age", "min_age"), ("max_age", "max_age"),
                  ("duration_minutes", "duration"),
                  ("lockout_threshold", "threshold"),
                  ("reset_minutes", "reset")):
    print("%s=%s" % (key, p[ours]))
PY
}
# samba-tool shows "never" as 0 days, like usrmgr's JSON
sorted() { sort <<<"$1"; }
agree() { [ "$(sorted "$(judge)")" = "$(sorted "$(ours)")" ]; }
has() { judge | grep -qx "$1"; }

lab_restore trusted
echo "# samba-tool before:"; judge | sed 's/^/#   /'
t_check "usrmgr reads what samba-tool shows" agree

t_check "set max age 90, min age 2, length 10, history 12" \
	um accounts -S "$ACCOUNTS_PDC" policy account --max-age 90 \
	--min-age 2 --min-length 10 --history 12
t_check "  samba-tool: maximum password age 90 days" has max_age=90
t_check "  samba-tool: minimum password age 2 days" has min_age=2
t_check "  samba-tool: minimum password length 10" has min_length=10
t_check "  samba-tool: history 12" has history=12
t_check "  usrmgr and samba-tool agree" agree

t_check "set lockout after 3, reset 20, duration 45" \
	um accounts -S "$ACCOUNTS_PDC" policy account --lockout 3 \
	--reset-after 20 --lockout-duration 45
t_check "  samba-tool: threshold 3" has threshold=3
t_check "  samba-tool: reset after 20 minutes" has reset=20
t_check "  samba-tool: duration 45 minutes" has duration=45
t_check "  usrmgr and samba-tool agree" agree

t_check "passwords never expire" \
	um accounts -S "$ACCOUNTS_PDC" policy account --max-age never
t_check "  samba-tool: maximum password age 0 (never)" has max_age=0
t_check "  usrmgr and samba-tool agree" agree

# ---- refused: nothing changes -------------------------------------------
before=$(judge)
rc=0
um accounts -S "$ACCOUNTS_PDC" policy account --lockout-duration 10 \
	>"$tmp/out" 2>&1 || rc=$?
t_check "lockout shorter than the window: exit 2" [ "$rc" = 2 ]
t_check "  says the rule" grep -q "at least the Reset count after" "$tmp/out"
t_check "  samba-tool: nothing changed" [ "$before" = "$(judge)" ]
rc=0
um accounts -S "$ACCOUNTS_PDC" policy account --history 25 \
	>"$tmp/out" 2>&1 || rc=$?
t_check "history 25: exit 2, the range said" \
	eval '[ "$rc" = 2 ] && grep -q "remember 1 to 24" "$tmp/out"'
t_check "  samba-tool: nothing changed" [ "$before" = "$(judge)" ]
rc=0
lab_exec console "$USRMGR" -s "$LAB_CONSOLE_SMB_CONF" -A "$ALICE_AUTHFILE" \
	-S "$ACCOUNTS_PDC" policy account --history 5 --json \
	>"$tmp/out" 2>&1 || rc=$?
t_check "alice, no admin: exit 1, access denied in words" \
	eval '[ "$rc" = 1 ] && grep -q "NT_STATUS_ACCESS_DENIED" "$tmp/out" && grep -q "Access is denied" "$tmp/out"'
t_check "  samba-tool: nothing changed" [ "$before" = "$(judge)" ]

# ---- lockout, for real ---------------------------------------------------
alice_logon() { # PASSWORD: smbclient's status for alice at ACCOUNTS' PDC
	local out
	out=$(lab_exec console smbclient -U "ACCOUNTS\\alice%$1" \
		"//$ACCOUNTS_PDC/netlogon" -c ls 2>&1) && { echo OK; return; }
	grep -m1 -o 'NT_STATUS_[A-Z_]*' <<<"$out" || echo failed
}
t_check "lockout after 3, reset 1, duration 1 minute" \
	um accounts -S "$ACCOUNTS_PDC" policy account --lockout 3 \
	--reset-after 1 --lockout-duration 1
alice_pw=$(sed -n 's/^password=//p' "$ALICE_AUTHFILE")
for i in 1 2 3; do alice_logon "Not.Alice.$i" >/dev/null; done
t_is "after 3 bad logons alice is locked out" \
	NT_STATUS_ACCOUNT_LOCKED_OUT "$(alice_logon "$alice_pw")"
sleep 70
t_is "after the duration alice logs on again" OK "$(alice_logon "$alice_pw")"

# ---- Policies -> Audit: read as net rpc audit list reads it; Samba does
# not implement SetInfoPolicy, and usrmgr says so with the server's answer
net_audit() {
	lab_exec console net rpc audit list -s "$LAB_CONSOLE_SMB_CONF" \
		-S "$ACCOUNTS_PDC" -A "$ACCOUNTS_ADMIN_AUTHFILE" 2>/dev/null
}
# net's "Logon events   Success, Failure" as usrmgr's key and JSON
net_events() {
	net_audit | sed -n 's/^[[:space:]]*\(System Events\|Logon events\|Object Access\|Privilege Use\|Process Tracking\|Policy Change\|Account Management\)[[:space:]]*\(.*\)$/\1|\2/p' |
	while IFS='|' read -r name what; do
		case $name in
		"System Events") key=system ;; "Logon events") key=logon ;;
		"Object Access") key=object_access ;;
		"Privilege Use") key=privilege_use ;;
		"Process Tracking") key=process_tracking ;;
		"Policy Change") key=policy_change ;;
		*) key=account_management ;;
		esac
		s=false f=false
		case $what in *Success*) s=true ;; esac
		case $what in *Failure*) f=true ;; esac
		printf '"%s":{"success":%s,"failure":%s}\n' "$key" "$s" "$f"
	done
}
um accounts -S "$ACCOUNTS_PDC" policy audit --json >"$tmp/audit" 2>&1
echo "# net rpc audit list:"; net_audit | sed 's/^/#   /'
t_check "audit: usrmgr reads the audit policy" grep -q '"ok":true' "$tmp/audit"
if net_audit | grep -q "Auditing:.*Enabled"; then on=true; else on=false; fi
t_check "audit: auditing $on, as net rpc audit list says" \
	grep -q "\"auditing\":$on" "$tmp/audit"
ev_ok=true
for e in $(net_events); do grep -q -F "$e" "$tmp/audit" || ev_ok=false; done
t_check "audit: every category as net rpc audit list says" $ev_ok
t_check "audit: not changeable, with the server's answer" \
	grep -q '"changeable":false,"reason":{"status":"NT_STATUS_RPC_PROCNUM_OUT_OF_RANGE"' "$tmp/audit"

lab_restore trusted
t_done
