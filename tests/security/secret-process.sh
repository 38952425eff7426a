#!/bin/bash
# A trust password handed to usrmgr never shows in its process: not in
# argv (ps, /proc/PID/cmdline), not in its environment, and no core file
# can hold it (RLIMIT_CORE 0 and PR_SET_DUMPABLE 0 while it runs).
#
# usrmgr works on a copy of the kb207957 scenario whose PDCs answer
# slowly, so the process lives for seconds; meanwhile this script looks at
# it from outside.  As root, usrmgr runs as nobody: a process that is not
# dumpable has its /proc/PID owned by root, which is how we see
# PR_SET_DUMPABLE 0 from outside.  Ends with "N passed, N failed".
#
# Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
. "$top_srcdir/tests/security/lib.sh"

scenario=$(slow_scenario 700)
work="$tmp/work"
mkdir -p "$work"
printf '%s\n' "$TRUST_PW" >"$tmp/trust"
chmod 600 "$tmp/trust"

as_other=()
if [ "$(id -u)" = 0 ]; then
	chown 65534:65534 "$work"
	as_other=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
fi

# A usrmgr that cannot be the reader: as root, nobody; otherwise ourselves.
start_usrmgr() { # start_usrmgr VERB ARGS... (password on fd 3)
	(
		cd "$work" || exit 1
		ulimit -S -c unlimited 2>/dev/null
		exec "${as_other[@]}" "$USRMGR" --scenario "$scenario" \
			--state "$work/state" -S DCA -d 10 trust "$@" \
			--password-fd 3 3<"$tmp/trust" >"$tmp/out" 2>"$tmp/err"
	) &
	pid=$!
}

# until_ready: usrmgr has exec'd and is past its first lines of main().
until_ready() {
	local i
	for i in $(seq 1 100); do
		if [ "$(readlink "/proc/$pid/exe" 2>/dev/null)" != "" ] &&
			! readlink "/proc/$pid/exe" | grep -q -E '/(bash|setpriv)$'; then
			sleep 0.3
			return 0
		fi
		sleep 0.05
	done
	return 1
}

# ---- while it holds the password ---------------------------------------
start_usrmgr add-trusting RESOURCE
if ! until_ready; then
	not_ok "usrmgr started"
	finish
fi
ok "usrmgr started (pid $pid)"

tr '\0' ' ' <"/proc/$pid/cmdline" >"$tmp/cmdline" 2>/dev/null
ps -ww -o args= -p "$pid" >"$tmp/ps" 2>/dev/null
check "its command line was readable" test -s "$tmp/cmdline"
absent "no password in /proc/PID/cmdline" "$TRUST_PW" "$tmp/cmdline"
absent "no password in ps's view of argv" "$TRUST_PW" "$tmp/ps"

if cat "/proc/$pid/environ" >"$tmp/environ" 2>/dev/null; then
	check "its environment was readable (as root)" test -s "$tmp/environ"
	absent "no password in /proc/PID/environ" "$TRUST_PW" "$tmp/environ"
else
	# Not root: only a dumpable process lets its owner read this.
	ok "its environment is not readable: the process is not dumpable"
fi

grep '^Max core file size' "/proc/$pid/limits" >"$tmp/limits" 2>/dev/null
if grep -q -E '^Max core file size +0 +0 ' "$tmp/limits"; then
	ok "RLIMIT_CORE is 0, soft and hard (the shell allowed unlimited)"
else
	not_ok "RLIMIT_CORE is 0, soft and hard: $(cat "$tmp/limits")"
fi

# The kernel gives a process's /proc/PID/fd and environ to root when it
# is not dumpable, and to the process's owner otherwise.
proc_uid=$(awk '/^Uid:/ { print $2 }' "/proc/$pid/status")
fd_uid=$(stat -c %u "/proc/$pid/fd")
if [ "$proc_uid" != 0 ] && [ "$fd_uid" = 0 ]; then
	ok "not dumpable: /proc/PID/fd is root's though usrmgr runs as uid $proc_uid"
else
	not_ok "not dumpable: /proc/PID/fd is owned by $fd_uid, usrmgr runs as $proc_uid"
fi

# A signal that would dump core: nothing may be written.
kill -ABRT "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
rc=$?
check "SIGABRT ended it (exit $rc)" test "$rc" -ge 128
pattern=$(cat /proc/sys/kernel/core_pattern 2>/dev/null)
cores=$(find "$work" -maxdepth 1 -name 'core*' | wc -l)
check "no core file was written" test "$cores" = 0
case $pattern in
"|"*)
	ok "# core_pattern pipes to a helper: the control below is skipped"
	;;
*)
	# The control: the same shell and signal do dump a dumpable process,
	# so the check above could have failed.
	(cd "$work" && ulimit -S -c unlimited 2>/dev/null &&
		exec "${as_other[@]}" sleep 30) &
	spid=$!
	sleep 0.3
	if [ "$proc_uid" != 0 ] &&
		[ "$(stat -c %u "/proc/$spid/fd")" = "$proc_uid" ]; then
		ok "control: a dumpable process keeps its own /proc/PID/fd"
	else
		not_ok "control: a dumpable process keeps its own /proc/PID/fd"
	fi
	kill -ABRT "$spid"
	wait "$spid" 2>/dev/null
	if [ "$(ulimit -H -c)" = 0 ]; then
		ok "# control skipped: this shell's hard core limit is 0"
	elif find "$work" -maxdepth 1 -name 'core*' | grep -q .; then
		ok "control: a dumpable process in the same place leaves a core"
	else
		ok "# control made no core here (core_pattern '$pattern')"
	fi
	find "$work" -maxdepth 1 -name 'core*' -delete
	;;
esac

# ---- a whole run --------------------------------------------------------
rm -f "$work/state"
start_usrmgr add-trusting RESOURCE
wait "$pid"
check "add-trusting with --password-fd succeeded" test $? = 0
absent "no password in the output at debug level 10" "$TRUST_PW" \
	"$tmp/out" "$tmp/err"
absent_utf16 "nor its UTF-16 form" "$TRUST_PW" "$tmp/out" "$tmp/err"

# A password on the command line is refused, not used.
"$USRMGR" --scenario kb207957 --state "$tmp/argv.state" -S DCA trust \
	add-trusting RESOURCE --password "$TRUST_PW" >/dev/null 2>&1
check "--password on the command line is a usage error (exit 2)" test $? = 2
if [ -e "$tmp/argv.state" ] &&
	[ -n "$(state_hash "$tmp/argv.state" 'trusting ACCOUNTS RESOURCE')" ]; then
	not_ok "and nothing was added"
else
	ok "and nothing was added"
fi
finish
