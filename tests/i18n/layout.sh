#!/bin/sh
# usrmgr i18n test: every screen in German fits 80x24, no text crosses a
# frame.
#
# The screen-dump machinery (tests/ui/screens.sh: the test binary reads
# scripted keys, dumps the screen as text) with LANG=de_DE.UTF-8 and
# po/de.po compiled on the spot (tests/i18n/localedir.so, as german.sh).
# The keys: tests/i18n/screens/*.keys, one German twin (German mnemonics)
# of every tests/ui/screens/*.keys -- a script there without its twin is
# a failure -- and the wizard's steps, the diagnosis, training, the help
# and the about box.  Each dump is checked by tests/i18n/frames.py (a box
# edge overwritten, a title or a word cut at the edge, a button unclosed,
# overlapping, or unpadded); the test binary reports a text block cut
# short (lines dropped at the bottom of its room) as DUMP.cut beside the
# dump.  Also: each label ending in "..." keeps it in po/de.po.
#
# Nothing is compared with expected screens: the check is the geometry.
# Prints "ok"/"not ok" lines and ends with "N passed, N failed".
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-$(pwd)}
USRMGR_TEST_BIN=${USRMGR_TEST_BIN:-$top_builddir/tests/usrmgr-test}
SCRIPTS=$top_srcdir/tests/i18n/screens
T=$(mktemp -d "${TMPDIR:-/tmp}/usrmgr-de-layout.XXXXXX")
trap 'rm -rf "$T"' EXIT
trap 'exit 1' INT TERM HUP
# shellcheck source=tests/i18n/lib.sh
. "$top_srcdir/tests/i18n/lib.sh"

if [ ! -x "$USRMGR_TEST_BIN" ]; then
	not_ok "no test binary at $USRMGR_TEST_BIN"
	finish
fi
need msgfmt "package gettext"
need python3 "package python3"
shim=$top_builddir/tests/i18n/localedir.so
if [ ! -f "$shim" ]; then
	not_ok "$shim is not built (make check builds it)"
	finish
fi

unset LC_ALL LC_MESSAGES LANGUAGE NO_COLOR USRMGR_UI_SCRIPT ESCDELAY \
	2>/dev/null || true
mkdir -p "$T/locale/de/LC_MESSAGES"
if ! msgfmt -c -o "$T/locale/de/LC_MESSAGES/usrmgr.mo" \
	"$top_srcdir/po/de.po" 2>"$T/msgfmt.err"; then
	not_ok "po/de.po does not compile:"
	sed 's/^/#   /' "$T/msgfmt.err"
	finish
fi
USRMGR_TEST_LOCALEDIR=$T/locale
LD_PRELOAD=$shim${LD_PRELOAD:+ $LD_PRELOAD}
ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
export USRMGR_TEST_LOCALEDIR LD_PRELOAD ASAN_OPTIONS
if locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
	export LANG=de_DE.UTF-8
elif [ "${CI:-}" = true ]; then
	not_ok "the de_DE.UTF-8 locale is not installed"
	finish
else
	export LANG=C.UTF-8 LANGUAGE=de
	echo "# de_DE.UTF-8 is not installed: LANGUAGE=de over C.UTF-8 instead"
fi

# ---- "..." kept ------------------------------------------------------------
# A label (a menu entry, a button: it has a "&" mnemonic) "X..." with a
# msgstr not ending in "...": it opens a dialog and no longer says so.
python3 - "$top_srcdir/po/de.po" >"$T/dots" <<'EOF'
import re, sys
po = open(sys.argv[1], encoding="utf-8").read()
for m in re.finditer(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', po, re.M):
    i = "".join(re.findall(r'"(.*)"', m.group(1)))
    s = "".join(re.findall(r'"(.*)"', m.group(2)))
    if s and "&" in i and i.endswith("...") and not s.endswith("..."):
        print("%r -> %r" % (i, s))
EOF
if [ -s "$T/dots" ]; then
	not_ok "po/de.po drops the \"...\" of a label:"
	sed 's/^/#   /' "$T/dots"
else
	ok "po/de.po keeps every label's \"...\""
fi

# ---- a German twin for every screen script ----------------------------------
for keys in "$top_srcdir"/tests/ui/screens/*.keys; do
	name=$(basename "$keys")
	[ -f "$SCRIPTS/$name" ] ||
		not_ok "tests/ui/screens/$name: no German twin in $SCRIPTS"
done

# ---- every script, every dump ------------------------------------------------
setting() { # setting NAME DEFAULT FILE
	v=$(sed -n "s/^#@ $1=//p" "$3" | tail -n 1)
	echo "${v:-$2}"
}

for keys in "$SCRIPTS"/*.keys; do
	name=$(basename "$keys" .keys)
	out=$T/out/$name
	mkdir -p "$out"
	term=$(setting TERM xterm-256color "$keys")
	size=$(setting SIZE 80x24 "$keys")
	scen=$(setting SCENARIO kb207957 "$keys")
	# a scenario of the screen tests' own (tests/ui/screens/lists.ini)
	for dir in "$SCRIPTS" "$top_srcdir/tests/ui/screens"; do
		[ -f "$dir/$scen" ] && scen=$dir/$scen && break
	done
	args=$(setting ARGS "" "$keys")
	extra=$(setting ENV "" "$keys")
	# shellcheck disable=SC2086
	if ! env TERM="$term" COLUMNS="${size%x*}" LINES="${size#*x}" \
		XDG_STATE_HOME="$T/state/$name" \
		USRMGR_UI_SCRIPT="$keys" USRMGR_UI_DUMP_DIR="$out" $extra \
		timeout 300 "$USRMGR_TEST_BIN" --scenario "$scen" \
		--state "$T/$name.state" $args >"$T/$name.log" 2>&1; then
		not_ok "$name: usrmgr-test failed:"
		sed 's/^/#   /' "$T/$name.log"
		continue
	fi
	n=0
	for dump in "$out"/*.screen; do
		[ -f "$dump" ] || continue
		n=$((n + 1))
		d=$(basename "$dump" .screen)
		python3 "$top_srcdir/tests/i18n/frames.py" "$dump" \
			>"$T/frames" 2>&1
		rc=$?
		if [ -f "$out/$d.cut" ]; then
			sort -u "$out/$d.cut" |
				sed 's/^/text cut short: /' >>"$T/frames"
			rc=1
		fi
		if [ "$rc" = 0 ]; then
			ok "$name: $d fits"
		else
			not_ok "$name: $d does not fit:"
			sed "s|^$out/||; s/^/#   /" "$T/frames"
			sed 's/^/#   | /' "$dump"
		fi
	done
	[ "$n" -gt 0 ] || not_ok "$name: no screen was dumped"
done
finish
