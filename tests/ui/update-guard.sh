#!/bin/sh
# The expected screens change only through make update-screens and
# update-screens-de (the scripts' argument --update), never because of the
# environment: with every variable that ever asked for an update set, a
# wrong screen still fails screens.sh and german.sh, and neither their
# expected files nor the tree's tests/ui/expected and tests/i18n/expected
# change.
#
# The two scripts run on copies: screens.sh from a directory of its own
# (it finds screens/ and expected/ beside itself) with one keys script,
# german.sh with a top_srcdir whose tests/i18n/expected is a copy; in each
# copy one expected screen is made wrong (a line that no dump shows), as a
# broken screen would make it.
. "$(dirname "$0")/lib.sh"

USRMGR_TEST_BIN=${USRMGR_TEST_BIN:-$(pwd)/tests/usrmgr-test}
need_binary
top_srcdir=${top_srcdir:-$(cd "$UI_TESTS_DIR/../.." && pwd)}

# Every switch that asked, or might be thought to ask, for an update.
asked() {
	env UPDATE_SCREENS=1 UPDATE_SCREENS_DE=1 UPDATE=1 UPDATE_EXPECTED=1 "$@"
}

not() { ! "$@"; }
sums() { (cd "$1" && cksum ./*.screen); }
real_ui=$(sums "$top_srcdir/tests/ui/expected")
real_de=$(sums "$top_srcdir/tests/i18n/expected")

# ---- screens.sh --------------------------------------------------------
copy=$TMPD/ui
mkdir -p "$copy/screens" "$copy/expected"
cp "$UI_TESTS_DIR/screens.sh" "$UI_TESTS_DIR/lib.sh" "$copy/"
cp "$UI_TESTS_DIR/screens/add-trusting.keys" "$copy/screens/"
cp "$UI_TESTS_DIR/expected/add-trusting-"*.screen "$copy/expected/"
echo "a line no trust dialog shows" >>"$copy/expected/add-trusting-filled.screen"
before=$(sums "$copy/expected")

asked sh "$copy/screens.sh" >"$TMPD/ui.out" 2>&1
rc=$?
check "screens.sh with UPDATE_SCREENS=1 in the environment fails (exit $rc)" \
	[ "$rc" = 1 ]
check "it says the wrong screen differs" \
	grep -q '^not ok .*add-trusting: filled.screen differs from the expected screen' "$TMPD/ui.out"
check "it updated nothing" \
	not grep -q '(updated)' "$TMPD/ui.out"
check "its expected screens are byte for byte as before" \
	[ "$before" = "$(sums "$copy/expected")" ]
if [ "$rc" != 1 ] || [ "$before" != "$(sums "$copy/expected")" ]; then
	sed 's/^/#   /' "$TMPD/ui.out"
fi
# The switch that does work, to show the copy was a fair test: --update
# rewrites the wrong screen.
sh "$copy/screens.sh" --update >/dev/null 2>&1
check "screens.sh --update (make update-screens) does rewrite it" \
	not grep -q "a line no trust dialog shows" "$copy/expected/add-trusting-filled.screen"

# A script whose name extends another's (add-trusting-x beside
# add-trusting) keeps its expected screens: they are not the shorter
# name's "screens no longer dumped", neither in a run nor in an update.
cp "$UI_TESTS_DIR/screens/add-trusting.keys" "$copy/screens/add-trusting-x.keys"
sh "$copy/screens.sh" --update >/dev/null 2>&1
sh "$copy/screens.sh" >"$TMPD/ext.out" 2>&1
check "a script named add-trusting-x passes beside add-trusting" \
	not grep -q '^not ok' "$TMPD/ext.out"
check "and its expected screens stay after an update" \
	[ -f "$copy/expected/add-trusting-x-filled.screen" ]

# ---- german.sh ---------------------------------------------------------
if command -v tmux >/dev/null 2>&1 && command -v msgfmt >/dev/null 2>&1 &&
	[ -f "$(pwd)/tests/i18n/localedir.so" ]; then
	de=$TMPD/de
	mkdir -p "$de/tests/i18n/expected"
	cp "$top_srcdir/tests/i18n/german.sh" "$top_srcdir/tests/i18n/lib.sh" "$de/tests/i18n/"
	cp "$top_srcdir/tests/i18n/expected/"*.screen "$de/tests/i18n/expected/"
	ln -s "$top_srcdir/po" "$de/po"
	echo "eine Zeile, die kein Dialog zeigt" >>"$de/tests/i18n/expected/de-trust-dialog.screen"
	before=$(sums "$de/tests/i18n/expected")
	asked top_srcdir="$de" top_builddir="$(pwd)" USRMGR="$USRMGR" \
		USRMGR_SCENARIO_DIR="$top_srcdir/scenarios" \
		sh "$de/tests/i18n/german.sh" >"$TMPD/de.out" 2>&1
	rc=$?
	check "german.sh with UPDATE_SCREENS=1 in the environment fails (exit $rc)" \
		[ "$rc" = 1 ]
	check "it says the wrong German screen differs" \
		grep -q '^not ok .*de-trust-dialog: the screen differs' "$TMPD/de.out"
	check "its expected screens are byte for byte as before" \
		[ "$before" = "$(sums "$de/tests/i18n/expected")" ]
	[ "$rc" = 1 ] || sed 's/^/#   /' "$TMPD/de.out"
else
	echo "# german.sh not tried: tmux, msgfmt or tests/i18n/localedir.so missing"
	[ "${CI:-}" = true ] && not_ok "german.sh's guard needs tmux, msgfmt and localedir.so (CI=true)"
fi

check "the tree's tests/ui/expected is unchanged" \
	[ "$real_ui" = "$(sums "$top_srcdir/tests/ui/expected")" ]
check "the tree's tests/i18n/expected is unchanged" \
	[ "$real_de" = "$(sums "$top_srcdir/tests/i18n/expected")" ]
finish
