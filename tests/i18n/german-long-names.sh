#!/bin/sh
# usrmgr i18n test: long names in German (issue 18).  Every step of
# Diagnose Trust and the guided repair at 80x24, in German, on two
# domains and PDCs with 15-character names (long-names.ini in
# tests/ui/screens, and long-names-down.ini there, whose accounts PDC
# goes down at step 3), the keys
# of tests/i18n/wizard-long-de.keys and wizard-down-long-de.keys fed to
# the test binary (tests/ui/README.md: screen dumps); each dump is
# compared with tests/i18n/expected/de-wizard-long-NAME.screen (and
# de-wizard-down-long-NAME.screen).  No title, heading or line may cut a
# word or a name: besides the comparison, every domain and PDC name on
# every screen must be whole.
#
# The catalogue as tests/i18n/german.sh has it: po/de.po compiled here
# and found through tests/i18n/localedir.so.  With the argument --update
# (make update-screens-de, only) it rewrites the expected screens.
# Prints "ok"/"not ok" lines and ends with "N passed, N failed".
set -u
update=
case ${1:-} in
--update) update=yes ;;
"") ;;
*) echo "usage: $0 [--update]" >&2; exit 2 ;;
esac
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-$(pwd)}
BIN=${USRMGR_TEST_BIN:-$top_builddir/tests/usrmgr-test}
EXPECTED=$top_srcdir/tests/i18n/expected
T=$(mktemp -d "${TMPDIR:-/tmp}/usrmgr-de-long.XXXXXX")
export XDG_STATE_HOME=$T/state
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM HUP
# shellcheck source=tests/i18n/lib.sh
. "$top_srcdir/tests/i18n/lib.sh"

[ -x "$BIN" ] || { not_ok "the test binary is not built: $BIN"; finish; }
unset LC_ALL LC_MESSAGES LANGUAGE NO_COLOR USRMGR_UI_SCRIPT 2>/dev/null || true
need msgfmt "package gettext"
shim=$top_builddir/tests/i18n/localedir.so
[ -f "$shim" ] || { not_ok "$shim is not built (make check builds it)"; finish; }
mkdir -p "$T/locale/de/LC_MESSAGES"
if ! msgfmt -c -o "$T/locale/de/LC_MESSAGES/usrmgr.mo" \
	"$top_srcdir/po/de.po" 2>"$T/msgfmt.err"; then
	not_ok "po/de.po does not compile:"
	sed 's/^/#   /' "$T/msgfmt.err"
	finish
fi
if locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
	set -- LANG=de_DE.UTF-8
elif [ "${CI:-}" = true ]; then
	not_ok "the de_DE.UTF-8 locale is not installed"
	finish
else
	set -- LANG=C.UTF-8 LANGUAGE=de
fi

# whole_names FILE: every domain and PDC name on the screen is whole
# (a name cut at a frame leaves a prefix of 8 or more of its letters).
whole_names() {
	for nm in PAYROLLSERVICES HEADQUARTERSDOM PAYROLLPDC00001 \
		HQCONTROLLER015; do
		pre=$(echo "$nm" | cut -c1-8)
		if grep -o "$pre[A-Z0-9]*" "$1" | grep -v -x -q "$nm"; then
			echo "# $nm cut: $(grep -o "$pre[A-Z0-9]*" "$1" |
				grep -v -x "$nm" | head -n 1)"
			return 1
		fi
	done
}

# run KEYS SCENARIO NAME LOCALE...: the German key script (tests/i18n)
# on the scenario (tests/ui/screens), its dumps in $T/out/NAME, each compared
# with de-NAME-*.screen; every expected one must have been dumped.
run() {
	keys=$1 scen=$2 name=$3
	shift 3
	mkdir -p "$T/out/$name" "$T/state/$name"
	if env "$@" USRMGR_TEST_LOCALEDIR="$T/locale" \
		LD_PRELOAD="$shim${LD_PRELOAD:+ $LD_PRELOAD}" \
		ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
		TERM=xterm-256color COLUMNS=80 LINES=24 \
		XDG_STATE_HOME="$T/state/$name" \
		USRMGR_UI_SCRIPT="$top_srcdir/tests/i18n/$keys" \
		USRMGR_UI_DUMP_DIR="$T/out/$name" timeout 300 "$BIN" \
		--scenario "$top_srcdir/tests/ui/screens/$scen" --state "$T/$name.ini" \
		>"$T/stdout" 2>"$T/stderr"; then
		ok "$name: usrmgr ran the German key script and exited 0"
	else
		not_ok "$name: usrmgr exited $? ($(head -c 300 "$T/stderr"))"
	fi
	for dump in "$T/out/$name"/*.screen; do
		[ -f "$dump" ] && compare "de-$name-${dump##*/}" "$dump"
	done
	for exp in "$EXPECTED/de-$name-"*.screen; do
		[ -f "$exp" ] || continue
		[ -f "$T/out/$name/${exp##*/de-$name-}" ] && continue
		if [ -n "$update" ]; then
			rm -f "$exp"
		else
			not_ok "${exp##*/}: expected but not dumped"
		fi
	done
}

# compare BASE DUMP
compare() {
	if [ -n "$update" ]; then
		cp "$2" "$EXPECTED/$1"
		ok "$1 (updated)"
		return
	fi
	if whole_names "$2"; then
		ok "$1: every domain and PDC name whole"
	else
		not_ok "$1: a name is cut"
	fi
	if [ ! -f "$EXPECTED/$1" ]; then
		not_ok "$1 has no expected screen (make update-screens-de)"
	elif diff -u "$EXPECTED/$1" "$2" >"$T/diff"; then
		ok "$1: the screen is as expected"
	else
		not_ok "$1 differs from the expected screen"
		sed 's/^/#   /' "$T/diff"
	fi
}

run wizard-long-de.keys long-names.ini wizard-long "$@"
run wizard-down-long-de.keys long-names-down.ini wizard-down-long "$@"
finish
