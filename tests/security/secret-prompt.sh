#!/bin/bash
# A password typed at usrmgr's terminal prompt is not echoed: usrmgr runs
# on a pseudo-terminal (its controlling terminal, as over SSH), the test
# types the trust password at "Initial Password:" and "Confirm Password:"
# and records every byte the terminal shows; the password must not be
# among them.  A control types into a program that leaves echo on, so
# the recording can show a typed password.  Ends with "N passed, N failed".
#
# Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
. "$top_srcdir/tests/security/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

# on_pty TRANSCRIPT PASSWORD COMMAND...: run COMMAND on a pty; at each
# prompt ending in ": " type PASSWORD; the terminal's output to TRANSCRIPT.
on_pty() {
	"$PY" - "$@" <<'PYEOF'
import os, pty, sys, time, select
out, pw, argv = sys.argv[1], sys.argv[2].encode(), sys.argv[3:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(argv[0], argv)
seen, typed, deadline = b'', 0, time.time() + 60
while time.time() < deadline:
    r, _, _ = select.select([fd], [], [], 0.2)
    if r:
        try:
            data = os.read(fd, 4096)
        except OSError:
            break
        if not data:
            break
        seen += data
        # a prompt we have not answered yet: type at once, as a fast
        # typist or a paste would (echo must be off before it shows)
        if seen.count(b': ') > typed and seen.rstrip(b' \r\n').endswith(b':'):
            os.write(fd, pw + b'\n')
            typed += 1
else:
    os.kill(pid, 9)
_, status = os.waitpid(pid, 0)
open(out, 'wb').write(seen)
sys.exit(os.waitstatus_to_exitcode(status))
PYEOF
}

on_pty "$tmp/control.out" "$TRUST_PW" sh -c 'printf "Type: "; head -n 1 >/dev/null'
if grep -a -q -F -- "$TRUST_PW" "$tmp/control.out"; then
	ok "control: with echo on, the recording shows what was typed"
else
	not_ok "control: with echo on, the recording shows what was typed"
fi

on_pty "$tmp/add.out" "$TRUST_PW" "$USRMGR" --scenario kb207957 \
	--state "$tmp/state" -S DCA trust add-trusting RESOURCE
rc=$?
check "add-trusting with the password typed at the prompt (exit $rc)" test "$rc" = 0
check "it asked for the password and its confirmation" \
	grep -a -q 'Confirm' "$tmp/add.out"
hash=$(state_hash "$tmp/state" 'trusting ACCOUNTS RESOURCE')
check "the typed password reached the model (state has its NT hash)" \
	test -n "$hash"
absent "the terminal never showed the password" "$TRUST_PW" "$tmp/add.out"
absent "not even its first 6 characters" "${TRUST_PW:0:6}" "$tmp/add.out"

on_pty "$tmp/logon.out" "$USER_PW" "$USRMGR" --scenario kb207957 \
	--state "$tmp/state" -S DCB trust logon-test --user 'ACCOUNTS\alice'
check "logon-test asked for alice's password" grep -a -q ':' "$tmp/logon.out"
absent "the terminal never showed alice's password" "$USER_PW" "$tmp/logon.out"
finish
