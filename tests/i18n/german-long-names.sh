#!/bin/sh
# usrmgr i18n test: long names in German (issue 18).  Every step of
# Diagnose Trust and the guided repair at 80x24, in German, on two
# domains and PDCs with 15-character names (tests/ui/long-names.ini),
# the keys of tests/i18n/wizard-long-de.keys fed to the test binary
# (tests/ui/README.md: screen dumps); each dump is compared with
# tests/i18n/expected/de-wizard-long-NAME.screen.  No title, heading or
# line may cut a word or a name: besides the comparison, every line that
# names a domain or a PDC must name it whole.
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
KEYS=$top_srcdir/tests/i18n/wizard-long-de.keys
SCENARIO=$top_srcdir/tests/ui/long-names.ini
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

mkdir -p "$T/out"
if env "$@" USRMGR_TEST_LOCALEDIR="$T/locale" \
	LD_PRELOAD="$shim${LD_PRELOAD:+ $LD_PRELOAD}" \
	ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0" \
	TERM=xterm-256color COLUMNS=80 LINES=24 USRMGR_UI_SCRIPT="$KEYS" \
	USRMGR_UI_DUMP_DIR="$T/out" timeout 300 "$BIN" \
	--scenario "$SCENARIO" --state "$T/state.ini" \
	>"$T/stdout" 2>"$T/stderr"; then
	ok "usrmgr ran the German key script and exited 0"
else
	not_ok "usrmgr exited $? ($(head -c 300 "$T/stderr"))"
fi

# whole_names FILE: every domain and PDC name on the screen is whole
# (a name cut at a frame leaves a prefix of 8 or more of its letters).
whole_names() {
	for name in PAYROLLSERVICES HEADQUARTERSDOM PAYROLLPDC00001 \
		HQCONTROLLER015; do
		pre=$(echo "$name" | cut -c1-8)
		if grep -o "$pre[A-Z0-9]*" "$1" | grep -v -x -q "$name"; then
			echo "# $name cut: $(grep -o "$pre[A-Z0-9]*" "$1" |
				grep -v -x "$name" | head -n 1)"
			return 1
		fi
	done
}

n=0
for dump in "$T/out"/*.screen; do
	[ -f "$dump" ] || continue
	n=$((n + 1))
	base=de-wizard-long-$(basename "$dump")
	if [ -n "$update" ]; then
		cp "$dump" "$EXPECTED/$base"
		ok "$base (updated)"
		continue
	fi
	if whole_names "$dump"; then
		ok "$base: every domain and PDC name whole"
	else
		not_ok "$base: a name is cut"
	fi
	if [ ! -f "$EXPECTED/$base" ]; then
		not_ok "$base has no expected screen (make update-screens-de)"
	elif diff -u "$EXPECTED/$base" "$dump" >"$T/diff"; then
		ok "$base: the screen is as expected"
	else
		not_ok "$base differs from the expected screen"
		sed 's/^/#   /' "$T/diff"
	fi
done
if [ "$n" -eq 16 ]; then
	ok "16 screens dumped"
else
	not_ok "$n screens dumped, 16 expected"
fi
finish
