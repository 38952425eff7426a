#!/bin/bash
# Bad input on real Samba AD DCs (issue 10): every row of
# tests/bad-input/lab-cases.table runs usrmgr on the lab's console and is
# judged end to end: usrmgr's exit status, its --json status and message,
# and Samba's own view afterwards (samba-tool domain trust list on both DCs,
# taken before the row and compared after it, or the change the row
# expects).  Only the lab's own names and addresses are ever targets.
# bad-input-lab-nt4.sh runs lab-cases-nt4.table the same way on the
# classic PDCs (BAD_INPUT_FLAVOUR=nt4).
set -u
. "$(dirname "$0")/lab-fixture.sh"
flavour=${BAD_INPUT_FLAVOUR:-ad}
table=$LAB_TOP_SRCDIR/tests/bad-input/lab-cases.table
[ "$flavour" = nt4 ] && table=$LAB_TOP_SRCDIR/tests/bad-input/lab-cases-nt4.table
lab_require "$flavour"
judge="samba-tool domain trust list"
[ "$flavour" = nt4 ] && judge="net rpc trustdom list, pdbedit"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"

# ---- Samba's view -------------------------------------------------------

# A judge that fails says so: an empty answer would pass for "no trust".
trusts_of() { lab_trusts "$1" | paste -sd, -; } # SIDE: one line, joined by ","
# Classic PDCs: RESOURCE's Trusted Domains from LSA (net rpc trustdom
# list's first half: no SAMR cache there), ACCOUNTS' trust accounts from
# its SAM itself (pdbedit: its SAMR enumeration is cached for 10 s)
nt4_trusted() {
	local out
	out=$(lab_exec resource net rpc trustdom list -S "$RESOURCE_PDC" -A "$RESOURCE_ADMIN_AUTHFILE" 2>/dev/null) ||
		{ echo "(net rpc trustdom list failed)"; return; }
	awk '/^Trusted domains list/ {s = 1; next} /^Trusting domains list/ {s = 0}
	     s && NF && $1 != "none" {print toupper($1)}' <<<"$out" | sort | paste -sd, -
}
nt4_trust_accounts() {
	local out
	out=$(lab_exec accounts pdbedit -L 2>/dev/null) || { echo "(pdbedit failed)"; return; }
	cut -d: -f1 <<<"$out" | grep '\$$' | sort | paste -sd, -
}
both_lists() { # both DCs at once (samba-tool takes a second each)
	if [ "$flavour" = nt4 ]; then
		nt4_trust_accounts >"$tmp/lists.a" &
		nt4_trusted >"$tmp/lists.r"
	else
		trusts_of accounts >"$tmp/lists.a" &
		trusts_of resource >"$tmp/lists.r"
	fi
	wait $!
	echo "R=$(cat "$tmp/lists.r");A=$(cat "$tmp/lists.a")"
}
netbios_of() { # SIDE DNSNAME: the NetBIOS name samba-tool shows for it
	local conf=$ACCOUNTS_SMB_CONF
	[ "$1" = resource ] && conf=$RESOURCE_SMB_CONF
	lab_exec "$1" samba-tool domain trust show "$2" -s "$conf" 2>/dev/null |
		sed -n 's/^NetbiosName: *//p'
}

# ---- the lab state a row starts from --------------------------------------

state=trusted   # lab_require left it so
dirty=false
before=
to_state() { # STATE ("-": as the row before left it)
	if [ "$1" != - ] && { [ "$state" != "$1" ] || $dirty; }; then
		lab_restore trusted || lab_fail "restore trusted"
		if [ "$1" != trusted ]; then
			lab -q break "$1" >/dev/null || lab_fail "break $1"
		fi
		state=$1
		dirty=false
		before=
	fi
	[ -z "$before" ] || return 0
	before=$(both_lists)
	# a judge that failed would make every "unchanged" true
	[ "$state" != trusted ] || [[ $before == R=?*";A="?* ]] ||
		lab_fail "the judges ($judge) did not list the healthy trust: $before"
}

# ---- credentials ----------------------------------------------------------

# ACCOUNTS\carol, a disabled account (the next restore removes her too)
CAROL_PW=Carol.Lab.pw1
if [ "$flavour" = ad ]; then
	lab_exec accounts samba-tool user add carol "$CAROL_PW" -s "$ACCOUNTS_SMB_CONF" >/dev/null &&
		lab_exec accounts samba-tool user disable carol -s "$ACCOUNTS_SMB_CONF" >/dev/null ||
		lab_fail "create and disable ACCOUNTS\\carol"
fi
printf 'username=carol\npassword=%s\ndomain=%s\n' "$CAROL_PW" "$ACCOUNTS_DOMAIN" >"$tmp/disabled.auth"
printf 'username=Administrator\npassword=Not.The.Password9\ndomain=%s\n' "$RESOURCE_DOMAIN" >"$tmp/wrong.auth"
chmod 644 "$tmp"/*.auth

# A host that is not a DC: a standalone Samba server on the console, on a
# second address of the lab's subnet (the console's own address stays the
# host where nothing listens), with a local account root of its own.
PLAIN_IP=${LAB_CONSOLE_IP%.*}.2
plain=$tmp/plain
plain_up() {
	mkdir -p "$plain"/{private,state,cache,lock,pid,ncalrpc,log}
	cat >"$plain/smb.conf" <<-EOF
	[global]
	server role = standalone server
	workgroup = LONELY
	netbios name = PLAIN
	interfaces = $PLAIN_IP/24
	bind interfaces only = yes
	smb ports = 445
	disable netbios = yes
	load printers = no
	disable spoolss = yes
	passdb backend = tdbsam:$plain/private/passdb.tdb
	private dir = $plain/private
	binddns dir = $plain/private
	state directory = $plain/state
	cache directory = $plain/cache
	lock directory = $plain/lock
	pid directory = $plain/pid
	ncalrpc dir = $plain/ncalrpc
	log file = $plain/log/%m.log
	EOF
	printf 'username=root\npassword=Plain.pw1\ndomain=PLAIN\n' >"$tmp/plain.auth"
	lab_exec console ip addr add "$PLAIN_IP/24" dev br0 &&
	printf 'Plain.pw1\nPlain.pw1\n' |
		lab_exec console smbpasswd -c "$plain/smb.conf" -s -a root >/dev/null &&
	lab_exec console smbd -D -s "$plain/smb.conf" &&
	eventually quiet lab_exec console smbclient -N -L "//$PLAIN_IP" -s "$plain/smb.conf"
}
plain_down() {
	local f
	for f in "$plain"/pid/smbd.pid "$plain"/pid/samba-dcerpcd.pid; do
		[ -s "$f" ] && kill "$(cat "$f")" 2>/dev/null
	done
	lab_exec console ip addr del "$PLAIN_IP/24" dev br0 2>/dev/null
}
# the standalone server's SAM: its users, one a line
plain_users() { lab_exec console pdbedit -s "$plain/smb.conf" -L 2>/dev/null | cut -d: -f1 | sort | paste -sd, -; }
if [ "$flavour" = ad ]; then
	trap 'plain_down; rm -rf "$tmp"' EXIT
	plain_up || lab_fail "a standalone Samba server at $PLAIN_IP on the console"
	chmod 644 "$tmp/plain.auth"
fi

authfile() { # AS
	case $1 in
	accounts-admin) echo "$ACCOUNTS_ADMIN_AUTHFILE" ;;
	resource-admin) echo "$RESOURCE_ADMIN_AUTHFILE" ;;
	alice) echo "$ALICE_AUTHFILE" ;;
	wrong) echo "$tmp/wrong.auth" ;;
	disabled) echo "$tmp/disabled.auth" ;;
	plain-root) echo "$tmp/plain.auth" ;;
	esac
}

# an address of the lab's subnet that no lab host holds
NOWHERE_IP=${LAB_CONSOLE_IP%.*}.99

password_file() { # TEXT PATH
	case $1 in
	@257) printf 'x%.0s' $(seq 257) >"$2" ;;
	*) printf '%b' "$1" >"$2" ;;
	esac
	chmod 644 "$2"
}

# ---- one row --------------------------------------------------------------

# Samba's view of RESOURCE's user rights (every account's, as net lists them)
rights_list() {
	lab_exec console net rpc rights list accounts -s "$LAB_CONSOLE_SMB_CONF" \
		-S "$RESOURCE_PDC" -A "$RESOURCE_ADMIN_AUTHFILE" 2>&1
}

judge_after() { # ID AFTER OUT
	local id=$1 out=$3 tok now
	local IFS=+
	for tok in $2; do
		case $tok in
		same)
			t_is "$id: $judge: both PDCs unchanged" "$before" "$(both_lists)" ;;
		rights-same)
			t_is "$id: net rpc rights list accounts: RESOURCE's rights unchanged" \
				"$rights_before" "$(rights_list)" ;;
		plain-unchanged)
			t_is "$id: the standalone server's SAM unchanged (pdbedit)" root "$(plain_users)" ;;
		no-rpc)
			t_check "$id: refused before any connection or RPC" \
				not grep -Eq 'usrmgr-rpc-stats:.*(connects|rpc_calls)=[1-9]' "$out" ;;
		R=*)
			# the lab has changed: the next "same" compares with this
			dirty=true
			before=$(both_lists)
			t_is "$id: $judge afterwards" "$tok" "$before" ;;
		netbios:*)
			now=${tok#netbios:}
			t_is "$id: samba-tool shows the NetBIOS name ${now#*=}" "${now#*=}" \
				"$(netbios_of "${now%%:*}" "$(sed 's/^[^:]*:\([^=]*\)=.*/\1/' <<<"$now")")" ;;
		*)
			t_not_ok "$id: unknown afterwards token '$tok'" ;;
		esac
	done
}

run_row() { # ID STATE AS ARGS PW EXIT STATUS PATTERN AFTER
	local id=$1 st=$2 as=$3 args=$4 pw=$5 want=$6 status=$7 pattern=$8 after=$9
	local out="$tmp/$id.out" got=0 auth pwargs=()
	to_state "$st"
	eval "set -- $args"
	auth=$(authfile "$as")
	[ -n "$auth" ] && set -- -A "$auth" "$@"
	case +$after+ in *+rights-same+*) rights_before=$(rights_list) ;; esac
	if [ "$pw" != - ]; then
		password_file "$pw" "$tmp/$id.pw"
		pwargs=(--password-file "$tmp/$id.pw")
	fi
	# the test binary: only it counts RPCs (src/include/test_hooks.h)
	lab_exec console env USRMGR_RPC_STATS=1 timeout 60 "$USRMGR_TEST_BIN" \
		-s "$LAB_CONSOLE_SMB_CONF" "$@" "${pwargs[@]}" --json \
		</dev/null >"$out" 2>&1 || got=$?
	if [ "$got" = "$want" ] && grep -q "\"status\":\"$status\"" "$out" &&
		grep -Eq -- "$pattern" "$out"; then
		t_ok "$id: exit $want, $status, says /$pattern/"
	else
		t_not_ok "$id: exit $got (wanted $want), $status, /$pattern/"
		sed 's/^/#   /' "$out"
	fi
	judge_after "$id" "$after" "$out"
}

# shellcheck source=tests/bad-input/table.sh
. "$LAB_TOP_SRCDIR/tests/bad-input/table.sh"
n_rows=0
started=$SECONDS
while IFS= read -r -u 3 line; do
	table_row "$line" || continue
	# BAD_INPUT_ONLY=ERE: only the rows whose id matches (by hand)
	[ -z "${BAD_INPUT_ONLY:-}" ] || [[ ${F[0]} =~ $BAD_INPUT_ONLY ]] || continue
	if [ "${#F[@]}" != 9 ]; then
		t_not_ok "a row with ${#F[@]} fields, not 9: ${F[0]}"
		continue
	fi
	run_row "${F[@]}"
	n_rows=$((n_rows + 1))
done 3<"$table"
echo "# $n_rows rows in $((SECONDS - started)) s"

# the lab as the fixture expects it for the next test (carol gone too)
lab_restore trusted
if [ "$flavour" = ad ]; then
	t_check "ACCOUNTS\\carol is gone with the restore" \
		not_quiet lab_exec accounts samba-tool user show carol -s "$ACCOUNTS_SMB_CONF"
fi
t_done
