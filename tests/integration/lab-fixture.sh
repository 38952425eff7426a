# lab-fixture.sh: the shared real-PDC lab for integration tests.  Source it
# from a bash test script (it is not a test itself):
#
#   . "$(dirname "$0")/lab-fixture.sh"
#   lab_require ad                 # or nt4: skip/fail rule, then the lab
#   lab_restore trusted            # back to the healthy trust
#   lab break kb207957             # any usrmgr-lab command on this lab
#   lab_exec console smbclient -A "$ALICE_AUTHFILE" "//$RESOURCE_PDC/netlogon" -c ls
#   t_check "description" command args...
#   t_done                         # "N passed, N failed", exit 0 or 1
#
# One lab per flavour per test run, shared by every test that uses this
# fixture: the first test brings it up (up, trust, snapshot "trusted") and
# later ones reuse it, restoring the snapshot instead of provisioning again.
# Its name comes from this source tree (ut-XXXX-ad, ut-XXXX-nt4), so it
# never meets an operator's lab or another tree's test run.  A test holds its
# lab exclusively from lab_require until it exits (flock), so parallel
# "make -j check" jobs take turns.  zz-lab-down.sh, the last lab test of the
# run, takes the labs down (unless USRMGR_LAB_KEEP=1).
#
# Skip rule: when this machine cannot run a lab (not root, no network
# namespaces, Samba's server packages missing) the test skips, exit 77,
# saying why; with CI=true it fails instead.  A lab that can run but does not
# come up is a failure.
#
# Tests that use the fixture belong in LAB_TESTS (lab/local.mk): that puts
# them before zz-lab-down.sh in TESTS.  Require several flavours in the
# order ad, then nt4.
#
# Copyright (C) 2025 the usrmgr authors
# SPDX-License-Identifier: GPL-3.0-or-later

LAB_FIXTURE_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
LAB_TOP_SRCDIR=${top_srcdir:-$(cd "$LAB_FIXTURE_DIR/../.." && pwd)}
LAB_SCRIPT=${USRMGR_LAB_SCRIPT:-$LAB_TOP_SRCDIR/lab/usrmgr-lab}
LAB_ROOT=${USRMGR_LAB_ROOT:-/var/lib/usrmgr-lab}
LAB_LOCK_DIR=${USRMGR_LAB_LOCK_DIR:-${TMPDIR:-/tmp}}

t_passed=0
t_failed=0
t_count=0

t_ok() {
	t_count=$((t_count + 1))
	t_passed=$((t_passed + 1))
	echo "ok $t_count - $*"
}

t_not_ok() {
	t_count=$((t_count + 1))
	t_failed=$((t_failed + 1))
	echo "not ok $t_count - $*"
}

# t_check DESCRIPTION COMMAND...: the command's success is the check
t_check() {
	local d=$1
	shift
	if "$@"; then t_ok "$d"; else t_not_ok "$d"; fi
}

# t_is DESCRIPTION EXPECTED ACTUAL
t_is() {
	if [ "$2" = "$3" ]; then
		t_ok "$1"
	else
		t_not_ok "$1 (expected '$2', got '$3')"
	fi
}

# helpers for checks: quiet COMMAND (no output), not COMMAND (negation)
quiet() { "$@" >/dev/null 2>&1; }
not() { ! "$@"; }
not_quiet() { ! "$@" >/dev/null 2>&1; }

# eventually CMD...: CMD succeeds within 15 s.  For judges that read a
# server cache: Samba's SAMR server (samba-dcerpcd's workers) keeps each
# account enumeration for 10 s per worker process, so net rpc trustdom
# list on a fresh connection may answer from before the change.
eventually() {
	local i
	for i in $(seq 30); do
		"$@" && return 0
		sleep 0.5
	done
	return 1
}

t_done() {
	echo "$t_passed passed, $t_failed failed"
	[ "$t_failed" = 0 ] && exit 0
	exit 1
}

# the test cannot run here: skip, or fail when CI=true
lab_skip() {
	if [ "${CI:-}" = true ]; then
		echo "not ok - cannot run a lab, and CI=true: $*"
		echo "$t_passed passed, $((t_failed + 1)) failed"
		exit 1
	fi
	echo "SKIP: $*"
	echo "$t_passed passed, $t_failed failed"
	exit 77
}

# configure --disable-lab-tests (distcheck, package builds): lab tests skip
# on purpose, not because the lab cannot run, so CI=true changes nothing
lab_disabled_skip() {
	if [ "${USRMGR_LAB_TESTS:-}" = no ]; then
		echo "SKIP: lab tests disabled (configure --disable-lab-tests)"
		echo "$t_passed passed, $t_failed failed"
		exit 77
	fi
}

# the lab could run but did not do its part
lab_fail() {
	t_not_ok "$*"
	t_done
}

# this tree's prefix for its test labs: ut-XXXX, from the source path
lab_prefix() {
	local h
	if [ -n "${USRMGR_TEST_LAB_PREFIX:-}" ]; then
		printf '%s' "$USRMGR_TEST_LAB_PREFIX"
		return
	fi
	h=$(printf '%s' "$(readlink -f "$LAB_TOP_SRCDIR")" | cksum)
	printf 'ut-%04x' $((${h%% *} % 65536))
}

# USRMGR_TEST_LAB_NAME: an engineer's own lab, for a test that needs one
# flavour, run by hand (never the shared labs of a test run)
lab_name_for() {
	if [ -n "${USRMGR_TEST_LAB_NAME:-}" ]; then
		printf '%s' "$USRMGR_TEST_LAB_NAME"
		return
	fi
	printf '%s-%s' "$(lab_prefix)" "$1"
}

# lab_flock FILE [-s]: a lock on FILE (exclusive, or shared with -s), held
# until this shell exits; its descriptor goes to LAB_FLOCK_FD (not printed:
# a lock taken in a $(...) subshell would end with it).  Lock files may be
# removed by zz-lab-down.sh, so after locking check that the file is still
# the one on disk.
lab_flock() {
	local file=$1 mode=${2:--x} fd
	while :; do
		# (another user's lock file, say: no lock, and the caller decides)
		exec {fd}>>"$file" || return 1
		flock "$mode" "$fd" || return 1
		if [ "$(stat -c %d:%i "$file" 2>/dev/null)" = "$(stat -L -c %d:%i "/proc/$$/fd/$fd")" ]; then
			LAB_FLOCK_FD=$fd
			return 0
		fi
		exec {fd}>&-
	done
}

# Every test that uses the fixture holds the run lock shared from the moment
# it sources this file; zz-lab-down.sh takes it exclusively, so it waits for
# every lab test of the run that has started.
lab_run_lock_file() {
	printf '%s/usrmgr-lab-%s.run.lock' "$LAB_LOCK_DIR" "$(lab_prefix)"
}

if [ "${LAB_FIXTURE_NO_RUN_LOCK:-}" != 1 ] && [ -w "$LAB_LOCK_DIR" ]; then
	lab_flock "$(lab_run_lock_file)" -s 2>/dev/null || true
fi

lab() {
	"$LAB_SCRIPT" --name "$LAB_NAME" "$@"
}

lab_exec() {
	"$LAB_SCRIPT" --name "$LAB_NAME" exec "$@"
}

# um SIDE ARGS...: $USRMGR on the console, as an admin of SIDE's domain
# (accounts or resource); pair ARGS...: a verb on the pair, each side with
# its own admin
um() {
	local auth=$ACCOUNTS_ADMIN_AUTHFILE
	[ "$1" = resource ] && auth=$RESOURCE_ADMIN_AUTHFILE
	shift
	lab_exec console "$USRMGR" -s "$LAB_CONSOLE_SMB_CONF" -A "$auth" "$@"
}
pair() {
	lab_exec console "$USRMGR" -s "$LAB_CONSOLE_SMB_CONF" "$@" \
		--resource-pdc "$RESOURCE_PDC" --accounts-pdc "$ACCOUNTS_PDC" \
		--resource-authfile "$RESOURCE_ADMIN_AUTHFILE" \
		--accounts-authfile "$ACCOUNTS_ADMIN_AUTHFILE"
}

lab_env() {
	# shellcheck source=/dev/null
	. "$LAB_ROOT/$LAB_NAME/lab.env"
}

lab_restore() {
	lab -q restore "$1"
}

# the lab of this flavour is up, healthy-trust snapshot included, and made
# by this very usrmgr-lab
lab_reusable() {
	local env=$LAB_ROOT/$LAB_NAME/lab.env sum
	[ -r "$env" ] && [ -f "$LAB_ROOT/$LAB_NAME/snapshots/trusted.tar" ] || return 1
	sum=$(cksum <"$LAB_SCRIPT" | cut -d' ' -f1)
	grep -qx "LAB_FLAVOUR=$1" "$env" && grep -qx "LAB_SCRIPT_SUM=$sum" "$env" || return 1
	lab -q wait --timeout 60 >/dev/null 2>&1
}

# lab_require FLAVOUR: this test needs the shared lab of FLAVOUR, in the
# healthy-trust state; sets LAB_NAME and loads lab.env
lab_require() {
	local flavour=$1 why
	lab_disabled_skip
	[ "$(id -u)" = 0 ] || lab_skip "the lab needs root (network namespaces, Samba daemons)"
	[ -x "$LAB_SCRIPT" ] || lab_skip "no lab script at $LAB_SCRIPT"
	why=$("$LAB_SCRIPT" check --flavour "$flavour" 2>&1) || lab_skip "$why"
	LAB_NAME=$(lab_name_for "$flavour")
	lab_flock "$LAB_LOCK_DIR/usrmgr-lab-$LAB_NAME.lock" ||
		lab_fail "cannot lock $LAB_LOCK_DIR/usrmgr-lab-$LAB_NAME.lock"
	if lab_reusable "$flavour"; then
		echo "# reusing lab $LAB_NAME"
		lab_restore trusted || lab_fail "restore the shared $flavour lab to its trusted snapshot"
	else
		echo "# bringing up lab $LAB_NAME"
		lab -q down >/dev/null 2>&1
		lab up --flavour "$flavour" || lab_fail "usrmgr-lab up --flavour $flavour"
		lab trust || lab_fail "usrmgr-lab trust ($flavour)"
		# (the snapshot restarts the PDCs: they come back in the state saved)
		lab snapshot trusted || lab_fail "usrmgr-lab snapshot trusted ($flavour)"
	fi
	lab_env || lab_fail "no lab.env for $LAB_NAME"
	# (a test stopped while a script was off: the whole set again)
	if [ "$flavour" = nt4 ]; then nt4_scripts_on; fi
}

# lab_use FLAVOUR: switch to another lab this test already required
lab_use() {
	LAB_NAME=$(lab_name_for "$1")
	lab_env
}

# the logon test from the console: ACCOUNTS\alice lists RESOURCE's netlogon
# share; prints NT_STATUS_OK or the failure status
lab_logon() {
	local out rc=0
	out=$(lab_exec console smbclient -A "$ALICE_AUTHFILE" "//$RESOURCE_PDC/netlogon" -c ls 2>&1) || rc=$?
	if [ "$rc" = 0 ]; then
		echo NT_STATUS_OK
	else
		grep -m1 -o 'NT_STATUS_[A-Z_]*' <<<"$out" || echo "rc=$rc"
	fi
}

# Samba's own judges on an AD lab.
# lab_trusts SIDE: samba-tool's trust list on that DC (accounts|resource),
# "NAME DIRECTION" a line, sorted.  When samba-tool fails it says so and
# fails: a list that could not be read never passes for an empty one.
lab_trusts() {
	local conf=$ACCOUNTS_SMB_CONF out
	[ "$1" = resource ] && conf=$RESOURCE_SMB_CONF
	if ! out=$(lab_exec "$1" samba-tool domain trust list -s "$conf" 2>/dev/null); then
		echo "(samba-tool failed)"
		return 1
	fi
	sed -n 's/.*Direction\[\([^]]*\)\].*Name\[\([^]]*\)\].*/\2 \1/p' <<<"$out" | sort
}
# lab_both_lists: both DCs' lists, "R: ..." and "A: ..."
lab_both_lists() { echo "R: $(lab_trusts resource)"; echo "A: $(lab_trusts accounts)"; }
# lab_validate: samba-tool domain trust validate of ACCOUNTS on RESOURCE
lab_validate() {
	lab_exec resource samba-tool domain trust validate \
		"$ACCOUNTS_DNS_DOMAIN" --validate-location=local \
		-s "$RESOURCE_SMB_CONF" 2>&1 | grep -q '^OK: LocalValidation'
}

# A classic PDC's scripts (usrmgr-lab gives the accounts PDC the whole set
# of a Samba tdbsam site): nt4_script_off KEY... takes those lines ("set
# primary group script") out of its smb.conf and restarts it (the rpcd
# workers serving SAMR do not reload on smbcontrol reload-config,
# measured); nt4_scripts_on puts the smb.conf back and restarts it.
nt4_script_off() {
	local key
	cp "$ACCOUNTS_SMB_CONF" "$ACCOUNTS_SMB_CONF.scripts"
	for key in "$@"; do
		grep -v "^[[:space:]]*$key = " "$ACCOUNTS_SMB_CONF" \
			>"$ACCOUNTS_SMB_CONF.new"
		mv -f "$ACCOUNTS_SMB_CONF.new" "$ACCOUNTS_SMB_CONF"
	done
	lab -q stop accounts && lab -q start accounts
}
nt4_scripts_on() {
	[ -f "$ACCOUNTS_SMB_CONF.scripts" ] || return 0
	mv -f "$ACCOUNTS_SMB_CONF.scripts" "$ACCOUNTS_SMB_CONF"
	lab -q stop accounts && lab -q start accounts
}
# the machine's own /etc/passwd and /etc/group: the lab's scripts must
# never touch them (host_accounts_sum before, compared after)
host_accounts_sum() { cat /etc/passwd /etc/group | cksum; }
