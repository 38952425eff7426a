#!/bin/bash
# Policies -> Account on a real Samba classic (NT4-style) PDC (issue 20),
# from the lab's console, judged by pdbedit -P on the PDC itself:
#   - usrmgr reads what pdbedit shows (seconds, -1 for never);
#   - each change usrmgr makes is what pdbedit shows afterwards;
#   - a policy NT refuses changes nothing;
#   - Policies -> Audit read as net rpc audit list reads it, and shown
#     as not changeable with the server's answer (SetInfoPolicy faults).
set -u
. "$(dirname "$0")/lab-fixture.sh"
lab_require nt4

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# pdbedit -P NAME on ACCOUNTS' PDC: the policy's value as stored; its
# -1 (never, forever) is kept unsigned and shown as 4294967295
pdb() {
	lab_exec accounts pdbedit -s "$ACCOUNTS_SMB_CONF" -P "$1" 2>/dev/null |
		sed -n 's/.* value is: *//p' | sed 's/^4294967295$/-1/'
}
ours() { # KEY: usrmgr's JSON value
	um accounts -S "$ACCOUNTS_PDC" policy account --json >"$tmp/json" &&
		python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["policy"][sys.argv[2]])' \
			"$tmp/json" "$1"
}
# the judge in the dialog's units: days from seconds, -1 as 0 (never)
days() { local s; s=$(pdb "$1"); [ "$s" = -1 ] && echo 0 || echo $((s / 86400)); }
minutes() { local m; m=$(pdb "$1"); [ "$m" = -1 ] && echo 0 || echo "$m"; }

lab_restore trusted
echo "# pdbedit before: max age $(pdb 'maximum password age'), min length $(pdb 'min password length'), lockout $(pdb 'bad lockout attempt')"
t_is "usrmgr reads the maximum age pdbedit has" "$(days 'maximum password age')" "$(ours max_age)"
t_is "usrmgr reads the minimum length pdbedit has" "$(pdb 'min password length')" "$(ours min_length)"
t_is "usrmgr reads the lockout pdbedit has" "$(pdb 'bad lockout attempt')" "$(ours lockout_threshold)"

t_check "set max age 60, min age 1, length 8, history 5" \
	um accounts -S "$ACCOUNTS_PDC" policy account --max-age 60 \
	--min-age 1 --min-length 8 --history 5
t_is "  pdbedit: maximum password age 60 days" 5184000 "$(pdb 'maximum password age')"
t_is "  pdbedit: minimum password age 1 day" 86400 "$(pdb 'minimum password age')"
t_is "  pdbedit: min password length 8" 8 "$(pdb 'min password length')"
t_is "  pdbedit: password history 5" 5 "$(pdb 'password history')"

t_check "set lockout after 4, reset 15, duration forever, must log on" \
	um accounts -S "$ACCOUNTS_PDC" policy account --lockout 4 \
	--reset-after 15 --lockout-duration forever --must-logon yes
t_is "  pdbedit: bad lockout attempt 4" 4 "$(pdb 'bad lockout attempt')"
t_is "  pdbedit: reset count minutes 15" 15 "$(pdb 'reset count minutes')"
t_is "  pdbedit: lockout duration -1 (forever)" -1 "$(pdb 'lockout duration')"
t_is "  pdbedit: user must logon to change password 2" 2 \
	"$(pdb 'user must logon to change password')"
t_is "  usrmgr reads the duration back as forever" 0 "$(ours duration_minutes)"

t_check "passwords never expire" \
	um accounts -S "$ACCOUNTS_PDC" policy account --max-age never
t_is "  pdbedit: maximum password age -1" -1 "$(pdb 'maximum password age')"

before=$(pdb 'lockout duration')
rc=0
um accounts -S "$ACCOUNTS_PDC" policy account --lockout-duration 5 \
	>"$tmp/out" 2>&1 || rc=$?
t_check "lockout shorter than the window: exit 2, the rule said" \
	eval '[ "$rc" = 2 ] && grep -q "at least the Reset count after" "$tmp/out"'
t_is "  pdbedit: nothing changed" "$before" "$(pdb 'lockout duration')"

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
