#!/bin/sh
# usrmgr i18n test: ./usrmgr run from its build tree, not installed,
# speaks German with LANG=de_DE.UTF-8: it finds the catalogue make built
# beside it (po/locale) -- no shim, no variable pointing anywhere.
#
# And where it must not: the same binary copied out of the build tree (as
# `make install` copies it) reads LOCALEDIR only; the build tree's
# catalogue directory, once others may write to it, is not read.
# Prints "ok"/"not ok" lines and ends with "N passed, N failed".
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
top_builddir=${top_builddir:-$(pwd)}
USRMGR=${USRMGR:-$top_builddir/usrmgr}
BUILD_LOCALE=$top_builddir/po/locale
T=$(mktemp -d "${TMPDIR:-/tmp}/usrmgr-de-tree.XXXXXX")
SOCK=$T/tmux.sock
tm() { TERM=xterm tmux -S "$SOCK" -f /dev/null "$@"; }
mode=
cleanup() {
	[ -n "$mode" ] && chmod "$mode" "$BUILD_LOCALE"
	tm kill-server >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
# shellcheck source=tests/i18n/lib.sh
. "$top_srcdir/tests/i18n/lib.sh"

[ -x "$USRMGR" ] || { not_ok "usrmgr binary not found at $USRMGR"; finish; }
unset LC_ALL LC_MESSAGES LANGUAGE USRMGR_TEST_LOCALEDIR TEXTDOMAINDIR \
	LD_PRELOAD NO_COLOR USRMGR_UI_SCRIPT 2>/dev/null || true
export XDG_STATE_HOME=$T/state
if locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
	export LANG=de_DE.UTF-8
elif [ "${CI:-}" = true ]; then
	not_ok "the de_DE.UTF-8 locale is not installed"
	finish
else
	export LANG=C.UTF-8 LANGUAGE=de
	echo "# de_DE.UTF-8 is not installed: LANGUAGE=de over C.UTF-8 instead"
fi

# first_line PROGRAM: the first line of PROGRAM --help
first_line() { "$1" --help 2>&1 | head -n 1; }

# ---- the build tree's usrmgr ------------------------------------------------
line=$(first_line "$USRMGR")
case $line in
"Aufruf: usrmgr"*) ok "./usrmgr --help from the build tree is in German" ;;
*) not_ok "./usrmgr --help from the build tree is not in German: $line" ;;
esac

"$USRMGR" --state "$T/cli.ini" trust diagnose --resource-pdc DCB \
	--accounts-pdc DCA >"$T/diag" 2>&1
if grep -q '^Der Kontenseite fehlt die Vertrauensstellung\.$' "$T/diag"; then
	ok "./usrmgr trust diagnose from the build tree speaks German"
else
	not_ok "./usrmgr trust diagnose:"
	sed 's/^/#   /' "$T/diag"
fi

if command -v tmux >/dev/null 2>&1; then
	tm new-session -d -s de -x 80 -y 24 \
		"env TERM=xterm-256color '$USRMGR' -S DCB \
		--state '$T/ui.ini'; sleep 60"
	i=0
	while [ $i -lt 100 ]; do
		tm capture-pane -t de -p >"$T/screen" 2>/dev/null
		grep -q 'Richtlinien' "$T/screen" && break
		sleep 0.1
		i=$((i + 1))
	done
	if grep -q 'Benutzer-Manager - RESOURCE' "$T/screen" &&
		grep -q 'Richtlinien' "$T/screen"; then
		ok "./usrmgr's screens from the build tree are in German"
	else
		not_ok "./usrmgr's screens from the build tree:"
		sed 's/^/#   /' "$T/screen"
	fi
	tm kill-server >/dev/null 2>&1
else
	echo "# tmux is not installed: the screens are not tried"
fi

# ---- the same binary out of the tree: LOCALEDIR only -------------------------
mkdir -p "$T/bin"
cp "$USRMGR" "$T/bin/usrmgr"
line=$(first_line "$T/bin/usrmgr")
if [ -n "${localedir:-}" ] && [ -f "$localedir/de/LC_MESSAGES/usrmgr.mo" ]; then
	echo "# $localedir holds a German catalogue: the copy may use it"
else
	case $line in
	"Usage: usrmgr"*)
		ok "a copy out of the build tree ignores its catalogue" ;;
	*) not_ok "a copy out of the build tree read a catalogue: $line" ;;
	esac
fi

# ---- a catalogue others could have written is not read -----------------------
if [ -d "$BUILD_LOCALE" ]; then
	mode=$(stat -c %a "$BUILD_LOCALE")
	chmod go+w "$BUILD_LOCALE"
	line=$(first_line "$USRMGR")
	chmod "$mode" "$BUILD_LOCALE"
	mode=
	case $line in
	"Usage: usrmgr"*)
		ok "po/locale writable by others: the catalogue is not read" ;;
	*) not_ok "po/locale writable by others, yet read: $line" ;;
	esac
else
	not_ok "$BUILD_LOCALE: no catalogue directory in the build tree"
fi
finish
