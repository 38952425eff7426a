#!/bin/sh
# usrmgr documentation test: the man pages render without a warning, have a
# NAME section man-db can index, and name every option and command the
# programs have (src/cli/cli.c's option table, `usrmgr --help`, `usrmgr-lab
# --help`).
#
# Prints "ok"/"not ok" lines and ends with "N passed, N failed".
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-$(pwd)}
USRMGR=${USRMGR:-$top_builddir/usrmgr}
LAB=$top_srcdir/lab/usrmgr-lab
DOC=$top_srcdir/doc
T=$(mktemp -d "${TMPDIR:-/tmp}/usrmgr-man.XXXXXX")
trap 'rm -rf "$T"' EXIT
export LC_ALL=C.UTF-8 LANGUAGE=
# shellcheck source=tests/i18n/lib.sh
. "$top_srcdir/tests/i18n/lib.sh"
need groff "package groff-base"

for page in usrmgr.8 usrmgr-lab.8; do
	f=$DOC/$page
	if [ ! -f "$f" ]; then
		not_ok "$page: missing"
		continue
	fi
	# -ww: every warning; -t: the tables (tbl); -z: no output but warnings
	groff -ww -t -man -Tutf8 -z "$f" >"$T/groff.out" 2>&1
	rc=$?
	if [ "$rc" -eq 0 ] && [ ! -s "$T/groff.out" ]; then
		ok "$page: groff -ww -man renders it without a warning"
	else
		not_ok "$page: groff -ww -man says (exit $rc):"
		sed 's/^/#   /' "$T/groff.out"
	fi
	# man -l (man-db) as a reader would: preprocessors from the first line
	if command -v man >/dev/null 2>&1; then
		MANWIDTH=80 MAN_KEEP_STDERR=1 man -l "$f" >"$T/man.out" 2>"$T/man.err"
		if [ -s "$T/man.out" ] && [ ! -s "$T/man.err" ]; then
			ok "$page: man -l renders it, nothing on stderr"
		else
			not_ok "$page: man -l:"
			sed 's/^/#   /' "$T/man.err"
		fi
	fi
	if command -v lexgrog >/dev/null 2>&1; then
		name=${page%.8}
		if lexgrog "$f" 2>&1 | grep -q "\"$name - "; then
			ok "$page: lexgrog finds the NAME line ($name - ...)"
		else
			not_ok "$page: lexgrog cannot parse the NAME section: $(lexgrog "$f" 2>&1)"
		fi
	fi
done

# usrmgr.8 names every long option of src/cli/cli.c
man_text=$T/usrmgr.txt
sed 's/\\-/-/g' "$DOC/usrmgr.8" >"$man_text"
missing=""
for o in $(sed -n 's/^[[:space:]]*{ "\([a-z][a-z-]*\)",.*/\1/p' "$top_srcdir/src/cli/cli.c"); do
	grep -q -- "--$o\b" "$man_text" || missing="$missing --$o"
done
if [ -z "$missing" ]; then
	ok "usrmgr.8 documents every option in src/cli/cli.c"
else
	not_ok "usrmgr.8 lacks options:$missing"
fi

# ... every verb of `usrmgr --help` and the exit codes
if [ -x "$USRMGR" ]; then
	"$USRMGR" --help >"$T/help" 2>&1
	missing=""
	for v in $(awk '/^Verbs/ { on = 1; next } /^$/ { on = 0 } on && /^  [a-z]/ { print $1 }' "$T/help"); do
		grep -q "^\.B[IR]* $v\b" "$man_text" || missing="$missing $v"
	done
	if [ -z "$missing" ] && grep -q '^Verbs' "$T/help"; then
		ok "usrmgr.8 documents every verb of usrmgr --help"
	else
		not_ok "usrmgr.8 lacks verbs:$missing"
	fi
else
	not_ok "usrmgr binary not found at $USRMGR"
fi
missing=""
for code in 0 1 2 3; do
	sed -n '/^\.SH EXIT STATUS/,/^\.SH/p' "$man_text" | grep -q "^\.B $code\$" ||
		missing="$missing $code"
done
if [ -z "$missing" ]; then
	ok "usrmgr.8 explains exit codes 0, 1, 2 and 3"
else
	not_ok "usrmgr.8 lacks exit codes:$missing"
fi

# usrmgr-lab.8 names every command and option of usrmgr-lab --help
if [ -f "$LAB" ] && command -v bash >/dev/null 2>&1; then
	LANGUAGE=C bash "$LAB" --help >"$T/labhelp" 2>&1
	sed 's/\\-/-/g' "$DOC/usrmgr-lab.8" >"$T/lab.txt"
	missing=""
	for c in $(awk '/^Commands:/ { on = 1; next } /^$/ { on = 0 } on && /^  [a-z]/ { print $1 }' "$T/labhelp"); do
		grep -q "^\.B[IR]* $c\b" "$T/lab.txt" || missing="$missing $c"
	done
	for o in $(grep -o -- '--[a-z][a-z-]*' "$T/labhelp" | sort -u); do
		grep -q -- "$o\b" "$T/lab.txt" || missing="$missing $o"
	done
	if [ -z "$missing" ] && grep -q '^Commands:' "$T/labhelp"; then
		ok "usrmgr-lab.8 documents every command and option of usrmgr-lab --help"
	else
		not_ok "usrmgr-lab.8 lacks:$missing"
	fi
fi
finish
