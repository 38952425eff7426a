# nt4-lib.sh: what the nt4-*.sh tests share (issue 9): the run's nt4 lab
# from lab-fixture.sh, usrmgr run on the console or inside the resource
# PDC's namespace, and Samba's own tools as judges.  Sourced, not a test.
#
# Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.

if [ "${USRMGR_LAB_TESTS:-}" = no ]; then
	echo "SKIP: lab tests disabled (configure --disable-lab-tests)"
	echo "0 passed, 0 failed"
	exit 77
fi

# shellcheck source=tests/integration/lab-fixture.sh
. "$(dirname "${BASH_SOURCE[0]}")/lab-fixture.sh"

NT4_SRCDIR=${top_srcdir:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
NT4_BUILDDIR=${top_builddir:-$NT4_SRCDIR}
# The test binary: only it takes $USRMGR_NT4_HELPER (the installed usrmgr
# always runs the installed helper, src/include/test_hooks.h), and the
# helper here is the source tree's.
UM=${USRMGR_TEST_BIN:-$NT4_BUILDDIR/tests/usrmgr-test}
NT4_HELPER=${USRMGR_NT4_HELPER:-$NT4_SRCDIR/helpers/usrmgr-nt4-trust}
PY=/usr/bin/python3

[ -x "$UM" ] || lab_skip "usrmgr is not built ($UM)"

lab_require nt4

NT4_TMP=$(mktemp -d "${TMPDIR:-/tmp}/usrmgr-nt4-test.XXXXXX")
trap 'rm -rf "$NT4_TMP"' EXIT
# a trust password of our own: never in argv, only in a file
NT4_PW=$NT4_TMP/trust.pw
(umask 077 && printf 'Nt4.%s.pw\n' "$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')" >"$NT4_PW")

# um HOST ARGS...: usrmgr on the console, or on the resource PDC itself
um() {
	local host=$1
	shift
	lab_exec "$host" env USRMGR_NT4_HELPER="$NT4_HELPER" "$UM" "$@"
}

# JSON field of usrmgr's output: json_get KEY < output
json_get() {
	"$PY" -c 'import json, sys
d = json.loads(sys.stdin.read().strip().splitlines()[-1])
for k in sys.argv[1].split("."):
    d = d[int(k)] if isinstance(d, list) else d.get(k)
print(d if not isinstance(d, bool) else str(d).lower())' "$1" 2>/dev/null
}

# Samba's own judges ------------------------------------------------------

# net rpc trustdom list on PDC (as its admin): "trusted NAME" /
# "trusting NAME" lines
trustdom_list() {
	local pdc=$1 auth=$2
	lab_exec console net rpc trustdom list -S "$pdc" -A "$auth" 2>/dev/null |
		awk '/^Trusted domains list/ {s="trusted"; next}
		     /^Trusting domains list/ {s="trusting"; next}
		     s && NF && $1 != "none" {print s, toupper($1)}'
}

# LIST_HAS PDC AUTHFILE LINE WANT: net rpc trustdom list answered, and
# LINE is in it (WANT=yes) or not (WANT=no).  A failed listing is never
# taken for "gone".
list_has() {
	local out
	out=$(set -o pipefail; trustdom_list "$1" "$2") || return 1
	if grep -qx "$3" <<<"$out"; then [ "$4" = yes ]; else [ "$4" = no ]; fi
}

resource_trusts_accounts() {
	list_has "$RESOURCE_PDC" "$RESOURCE_ADMIN_AUTHFILE" "trusted $ACCOUNTS_DOMAIN" yes
}
resource_lacks_accounts() {
	list_has "$RESOURCE_PDC" "$RESOURCE_ADMIN_AUTHFILE" "trusted $ACCOUNTS_DOMAIN" no
}

# The Trusting Domains of the accounts PDC are judged in its passdb, by
# pdbedit on the PDC itself: net rpc trustdom list reads them through
# SAMR, whose server keeps each enumeration for 10 s per worker process
# and re-arms that on every read, so polling it may never see a change.
# "I" in the account flags is an interdomain trust account.
passdb_has_trust_account() { # WANT (yes|no)
	local out
	out=$(lab_exec accounts pdbedit -s "$ACCOUNTS_SMB_CONF" -L -v 2>/dev/null) || return 1
	grep -q '^Unix username:' <<<"$out" || return 1
	if awk -v u="$RESOURCE_DOMAIN\$" '
		/^Unix username:/ {name = toupper($3)}
		/^Account Flags:/ && name == toupper(u) && /\[[^]]*I/ {hit = 1}
		END {exit !hit}' <<<"$out"; then
		[ "$1" = yes ]
	else
		[ "$1" = no ]
	fi
}
accounts_lists_resource() { passdb_has_trust_account yes; }
accounts_lacks_resource() { passdb_has_trust_account no; }

# wbinfo --check-secret on the resource PDC
check_secret() {
	lab_exec resource wbinfo --check-secret --domain="$ACCOUNTS_DOMAIN" >/dev/null 2>&1
}

# the trust account RESOURCE$ on the accounts PDC accepts PASSWORD_FILE:
# NT_STATUS_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT is "right password"
trust_account_accepts() {
	local auth=$NT4_TMP/trust-account.auth out
	(umask 077 && printf 'username=%s$\npassword=%s\ndomain=%s\n' \
		"$RESOURCE_DOMAIN" "$(head -n1 "$1")" "$RESOURCE_DOMAIN" >"$auth")
	out=$(lab_exec console smbclient -A "$auth" "//$ACCOUNTS_PDC/IPC\$" -c exit 2>&1)
	rm -f "$auth"
	grep -q NT_STATUS_NOLOGON_INTERDOMAIN_TRUST_ACCOUNT <<<"$out"
}

# the logon through the trust works (and so says winbindd); winbindd may
# need a moment after its reload
trust_works() {
	local i
	for i in 1 2 3 4 5 6 7 8 9 10; do
		check_secret && [ "$(lab_logon)" = NT_STATUS_OK ] && return 0
		sleep 0.5
	done
	return 1
}
