#!/bin/bash
# lab-cli.sh: usrmgr-lab's command line and its refusals, without a lab:
# help, usage errors (exit 2), not root, Samba's packages missing (naming
# the Debian packages), commands on a lab that is not up, down on nothing.
# Runs as root or not (some checks need one or the other); no namespaces,
# no daemons, nothing under /var/lib.  Ends with "N passed, N failed".
#
# Copyright (C) 2025 the usrmgr authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
LAB_FIXTURE_NO_RUN_LOCK=1
# shellcheck source=tests/integration/lab-fixture.sh
. "$(dirname "$0")/lab-fixture.sh"

[ -x "$LAB_SCRIPT" ] || lab_skip "no lab script at $LAB_SCRIPT"

TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# a lab root of this test's own: nothing it does reaches /var/lib
export USRMGR_LAB_ROOT=$TMP/labs
NAME=ut-cli-$$

# run ARGS...: usrmgr-lab's output in $out, its exit status in $rc
run() {
	rc=0
	out=$("$LAB_SCRIPT" "$@" 2>&1) || rc=$?
}

has() { grep -q -- "$1" <<<"$out"; }

run --help
t_check "--help exits 0" test "$rc" = 0
t_check "--help shows the usage line" has "Usage: usrmgr-lab"
for c in up trust break status exec shell snapshot restore wait stop start down; do
	has "^  $c" || t_not_ok "--help lists $c"
done
t_check "--help lists every command" has "^  down"

run
t_is "no command: usage error" 2 "$rc"
run frobnicate
t_is "unknown command: usage error" 2 "$rc"
t_check "  and says which" has "unknown command 'frobnicate'"
run --name 'Bad_Name' status
t_is "a bad lab name: usage error" 2 "$rc"
run --name "$NAME" break nosuchscenario
t_is "an unknown break scenario: usage error" 2 "$rc"
t_check "  and lists the scenarios" has "kb207957, broken-at-resource or password-mismatch"
run --name "$NAME" up --flavour nt5
t_is "an unknown flavour: usage error" 2 "$rc"
# up's names of one's own: refused before anything is made
run --name "$NAME" up --accounts-domain 'NORTH_WIND'
t_is "up: a domain name with an underscore: usage error" 2 "$rc"
t_check "  and says which" has "bad name 'NORTH_WIND'"
run --name "$NAME" up --resource-pdc abcdefghijklmnop
t_is "up: a PDC name of 16 characters: usage error" 2 "$rc"
run --name "$NAME" up --accounts-pdc north --resource-pdc NORTH
t_is "up: the same PDC name twice (case aside): usage error" 2 "$rc"
t_check "  and says which" has "the name 'north' is given twice"
run --name "$NAME" up --resource-domain dcb
t_is "up: a domain named like the other's PDC: usage error" 2 "$rc"
run --name "$NAME" up --accounts-pdc
t_is "up: --accounts-pdc without a name: usage error" 2 "$rc"
t_check "  and says which option" has "^usrmgr-lab: --accounts-pdc needs a name"
t_check "no lab was made by any of them" test ! -e "${USRMGR_LAB_ROOT:-/var/lib/usrmgr-lab}/$NAME"
run --help
t_check "--help names up's four name options" \
	eval 'has "--accounts-domain NAME" && has "--resource-domain NAME" && has "--accounts-pdc HOST" && has "--resource-pdc HOST"'
run --name "$NAME" exec console
t_is "exec without a command: usage error" 2 "$rc"
run --name "$NAME" stop --frob
t_is "stop with an unknown option: usage error" 2 "$rc"

if [ "$(id -u)" = 0 ]; then
	# not root: the same commands as an unprivileged user
	if command -v setpriv >/dev/null 2>&1 &&
		setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$LAB_SCRIPT" 2>/dev/null; then
		rc=0
		out=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$LAB_SCRIPT" --name "$NAME" up 2>&1) || rc=$?
		t_is "up as an ordinary user: refused" 1 "$rc"
		t_check "  because it needs root" has "must run as root"
	else
		t_ok "# skip: the lab script is not reachable by an ordinary user here"
	fi

	# Samba's server packages missing: dpkg-query says samba-ad-dc is not
	# installed (a stand-in on PATH)
	mkdir -p "$TMP/bin"
	cat >"$TMP/bin/dpkg-query" <<'EOF'
#!/bin/sh
echo not-installed
EOF
	chmod +x "$TMP/bin/dpkg-query"
	if unshare --net --mount true 2>/dev/null; then
		rc=0
		out=$(PATH=$TMP/bin:$PATH "$LAB_SCRIPT" --name "$NAME" up --flavour ad 2>&1) || rc=$?
		t_is "up without samba-ad-dc: refused" 1 "$rc"
		t_check "  naming the Debian packages to install" has "samba-ad-dc.*apt-get install samba samba-ad-dc"
		t_check "  and nothing was made" test ! -e "$USRMGR_LAB_ROOT/$NAME"
	fi

	run --name "$NAME" status
	t_is "status of a lab that is not up: refused" 1 "$rc"
	t_check "  saying there is no such lab" has "no lab named '$NAME' is up"
	run --name "$NAME" break kb207957
	t_is "break on a lab that is not up: refused" 1 "$rc"
	run --name "$NAME" down
	t_is "down of a lab that is not there: fine" 0 "$rc"
	t_check "  and leaves nothing behind" test ! -e "$USRMGR_LAB_ROOT"
	run --name "$NAME" down
	t_is "down twice: still fine" 0 "$rc"
else
	run --name "$NAME" up
	t_is "up as an ordinary user: refused" 1 "$rc"
	t_check "  because it needs root" has "must run as root"
	run check
	t_is "check as an ordinary user: cannot run a lab" 1 "$rc"
fi

t_done
