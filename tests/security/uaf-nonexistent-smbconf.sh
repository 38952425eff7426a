#!/bin/bash
# An smb.conf that cannot be loaded is a status, not a crash: attaching to
# a real PDC with -s naming a missing file once read the connection's
# loadparm context after freeing it (issue 16; AddressSanitizer reported a
# heap-use-after-free).  This runs exactly that command: in every build it
# checks the exit code and the message, and build-aux/check-variants runs
# it under ASan, UBSan and LSan (make print-variant-tests lists it), where
# any report fails it.  No network: the file is refused before a
# connection is tried.  Ends with "N passed, N failed".
#
# Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
. "$top_srcdir/tests/security/lib.sh"

LC_ALL=C LANGUAGE= "$USRMGR" -s /nonexistent/smb.conf -S 127.0.0.1 \
	-A /dev/null trust list >"$tmp/out" 2>"$tmp/err"
rc=$?

check "exit code 2 (a bad file), not a crash (got $rc)" test "$rc" -eq 2
check "says the file is not valid" \
	grep -qx 'usrmgr: The file is not valid. (USRMGR_BAD_FILE)' "$tmp/err"
check "nothing on standard output" test ! -s "$tmp/out"
check "no sanitizer report on standard error" \
	bash -c '! grep -Eq "AddressSanitizer|LeakSanitizer|runtime error" "$1"' _ "$tmp/err"
finish
