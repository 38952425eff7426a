#!/bin/sh
# usrmgr i18n test: the program, its screens and the lab speak German.
#
# Under LANG=de_DE.UTF-8 (or, where that locale is not installed and CI is
# not "true", LANGUAGE=de over C.UTF-8): the CLI's help, a diagnosis and an
# error in German, --json still in English; then, in a real terminal (tmux,
# 80x24), the trust dialog, one error (Add Trusted Domain with a wrong
# password), the Account Policy, Audit Policy and User Rights Policy dialogs
# compared with tests/i18n/expected/de-*.screen; the lab's help.
#
# The catalogue: in the build tree, po/de.po compiled here and found through
# tests/i18n/localedir.so (preloaded; it redirects bindtextdomain); with
# USRMGR_I18N_INSTALLED=yes (make installcheck), the installed one.
# With the argument --update (make update-screens-de, only) it rewrites the
# expected screens instead of comparing; the environment cannot ask for
# that (UPDATE_SCREENS is ignored): make check passes no arguments.
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
USRMGR=${USRMGR:-$top_builddir/usrmgr}
EXPECTED=$top_srcdir/tests/i18n/expected
export USRMGR_SCENARIO_DIR=${USRMGR_SCENARIO_DIR:-$top_srcdir/scenarios}
T=$(mktemp -d "${TMPDIR:-/tmp}/usrmgr-de.XXXXXX")
# a journal of its own: another run's unfinished repair would be offered
export XDG_STATE_HOME=$T/state
SOCK=$T/tmux.sock
tm() { TERM=xterm tmux -S "$SOCK" -f /dev/null "$@"; }
cleanup() {
	tm kill-server >/dev/null 2>&1
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
# shellcheck source=tests/i18n/lib.sh
. "$top_srcdir/tests/i18n/lib.sh"

[ -x "$USRMGR" ] || { not_ok "usrmgr binary not found at $USRMGR"; finish; }

# ---- the catalogue -------------------------------------------------------
unset LC_ALL LC_MESSAGES LANGUAGE USRMGR_TEST_LOCALEDIR NO_COLOR \
	USRMGR_UI_SCRIPT 2>/dev/null || true
if [ "${USRMGR_I18N_INSTALLED:-no}" != yes ]; then
	command -v msgfmt >/dev/null 2>&1 || skip "msgfmt is not installed (package gettext)"
	shim=$top_builddir/tests/i18n/localedir.so
	[ -f "$shim" ] || { not_ok "$shim is not built (make check builds it)"; finish; }
	mkdir -p "$T/locale/de/LC_MESSAGES"
	if msgfmt -c -o "$T/locale/de/LC_MESSAGES/usrmgr.mo" "$top_srcdir/po/de.po" 2>"$T/msgfmt.err"; then
		ok "po/de.po compiles (msgfmt -c)"
	else
		not_ok "po/de.po does not compile:"
		sed 's/^/#   /' "$T/msgfmt.err"
		finish
	fi
	# an AddressSanitizer build wants its runtime first in the list
	USRMGR_TEST_LOCALEDIR=$T/locale
	LD_PRELOAD=$shim${LD_PRELOAD:+ $LD_PRELOAD}
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0
	TEXTDOMAINDIR=$T/locale
	export USRMGR_TEST_LOCALEDIR LD_PRELOAD ASAN_OPTIONS TEXTDOMAINDIR
fi

# ---- the locale ----------------------------------------------------------
if locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$'; then
	export LANG=de_DE.UTF-8
	ok "the de_DE.UTF-8 locale is installed"
elif [ "${CI:-}" = true ]; then
	not_ok "the de_DE.UTF-8 locale is not installed (build-aux/quickstart deps installs it)"
	finish
else
	export LANG=C.UTF-8 LANGUAGE=de
	echo "# de_DE.UTF-8 is not installed: LANGUAGE=de over C.UTF-8 instead"
fi

# ---- the command line ----------------------------------------------------
"$USRMGR" --help >"$T/help" 2>&1
if head -n 1 "$T/help" | grep -q '^Aufruf: usrmgr'; then
	ok "usrmgr --help is in German"
else
	not_ok "usrmgr --help is not in German: $(head -n 1 "$T/help")"
fi

"$USRMGR" --state "$T/cli.ini" trust diagnose --resource-pdc DCB \
	--accounts-pdc DCA >"$T/diag" 2>&1
rc=$?
if [ "$rc" = 1 ] && grep -q '^Der Kontenseite fehlt die Vertrauensstellung\.$' "$T/diag" &&
	grep -q '^Ressourcendomäne RESOURCE (PDC DCB): erreichbar$' "$T/diag"; then
	ok "trust diagnose speaks German (exit 1, the accounts side lacks the trust)"
else
	not_ok "trust diagnose (exit $rc):"
	sed 's/^/#   /' "$T/diag"
fi

"$USRMGR" --state "$T/cli.ini" -S DCB trust verify ACCOUNTS >"$T/verify" 2>&1
if grep -q 'Die Sicherheitsdatenbank auf dem Server verfügt über kein Computerkonto für diese Arbeitsstations-Vertrauensstellung\. (WERR_NO_TRUST_SAM_ACCOUNT)' "$T/verify"; then
	ok "an error from the operator's table in German, with the code's name"
else
	not_ok "trust verify's error: $(cat "$T/verify")"
fi

"$USRMGR" --state "$T/cli.ini" --json trust diagnose --resource-pdc DCB \
	--accounts-pdc DCA >"$T/json" 2>&1
if grep -q '"verdict":"broken-at-accounts"' "$T/json" &&
	grep -q '"resource_trusts_accounts":true' "$T/json" &&
	grep -q '"advice":"Die Kontendomäne' "$T/json"; then
	ok "--json: keys and verdicts in English, the advice in German"
else
	not_ok "--json: $(cat "$T/json")"
fi

# ---- the screens, in a real terminal -------------------------------------
command -v tmux >/dev/null 2>&1 || skip "tmux is not installed"

screen() { tm capture-pane -t de -p; }
# wait_for TEXT: up to 10 s
wait_for() {
	i=0
	while [ $i -lt 100 ]; do
		screen 2>/dev/null | grep -q -F -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
# wait_gone TEXT: up to 10 s
wait_gone() {
	i=0
	while [ $i -lt 100 ]; do
		screen 2>/dev/null | grep -q -F -- "$1" || return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
keys() { tm send-keys -t de "$@"; }
# compare_screen NAME: the screen, once it stops changing (two captures
# 0.2 s apart alike, 4 s at most; the caller has waited for its text),
# against tests/i18n/expected/NAME.screen
compare_screen() {
	exp=$EXPECTED/$1.screen
	screen >"$T/$1.screen"
	prev=$(cksum <"$T/$1.screen")
	i=0
	while [ $i -lt 20 ]; do
		sleep 0.2
		screen >"$T/$1.screen"
		cur=$(cksum <"$T/$1.screen")
		[ "$cur" = "$prev" ] && break
		prev=$cur
		i=$((i + 1))
	done
	if [ -n "$update" ]; then
		cp "$T/$1.screen" "$exp"
		ok "$1: expected screen updated"
	elif diff -u "$exp" "$T/$1.screen" >"$T/diff" 2>&1; then
		ok "$1: the screen is as expected"
	else
		not_ok "$1: the screen differs from $exp"
		sed 's/^/#   /' "$T/diff"
	fi
}

tm new-session -d -s de -x 80 -y 24 \
	"env TERM=xterm-256color USRMGR_ESC_TIMEOUT=100 '$USRMGR' -S DCB --state '$T/ui.ini'; echo EXITED rc=\$?; sleep 60"
if wait_for "Benutzer-Manager - RESOURCE" && wait_for "Simuliert"; then
	ok "the main window opens in German"
else
	not_ok "the main window did not open in German:"
	screen | sed 's/^/#   /'
	finish
fi

# Richtlinien > Vertrauensstellungen... (Alt+R, V: the German mnemonics)
keys M-r
if wait_for "Vertrauensstellungen..." && keys v && wait_for "Vertraute Domänen:" &&
	wait_for "ACCOUNTS             unbekannt"; then
	compare_screen de-trust-dialog
else
	not_ok "Richtlinien > Vertrauensstellungen did not open the trust dialog:"
	screen | sed 's/^/#   /'
fi

# Hinzufügen (Alt+Z) beside Vertraute Domänen, a wrong password
keys M-z
if wait_for "Vertraute Domäne hinzufügen"; then
	tm send-keys -t de -l ACCOUNTS
	keys Tab
	tm send-keys -t de -l falsch
	keys Enter
	if wait_for "Anmeldung fehlgeschlagen"; then
		compare_screen de-add-trusted-failed
	else
		not_ok "no German error after a wrong password:"
		screen | sed 's/^/#   /'
	fi
else
	not_ok "Hinzufügen (Alt+Z) did not open Vertraute Domäne hinzufügen"
fi

# close everything and leave through Benutzer > Beenden; each key once the
# one before has shown its effect (a dialog gone: its Escape was read)
keys Enter
wait_gone "Anmeldung fehlgeschlagen"
if screen | grep -q -F "Vertraute Domäne hinzufügen"; then
	keys Escape
	wait_gone "Vertraute Domäne hinzufügen"
fi
keys Escape
wait_gone "Vertraute Domänen:"

# Richtlinien > Konten... (Alt+R, K): the Account Policy dialog in German
keys M-r
if wait_for "Konten..." && keys k && wait_for "Kontenrichtlinien" &&
	wait_for "Kennworteindeutigkeit"; then
	compare_screen de-account-policy
else
	not_ok "Richtlinien > Konten did not open the Account Policy dialog:"
	screen | sed 's/^/#   /'
fi
keys Escape
wait_gone "Kennworteindeutigkeit"

# Richtlinien > Überwachung... (Alt+R, W): read-only, the PDC's answer
keys M-r
if wait_for "Konten..." && keys w &&
	wait_for "Überwachungsrichtlinien" &&
	wait_for "NT_STATUS_RPC_PROCNUM_OUT_OF_RANGE"; then
	compare_screen de-audit-policy
else
	not_ok "Richtlinien > Überwachung did not open the Audit Policy dialog:"
	screen | sed 's/^/#   /'
fi
keys Escape
wait_gone "NT_STATUS_RPC_PROCNUM_OUT_OF_RANGE"

# Richtlinien > Benutzerrechte... (Alt+R, B): the User Rights Policy
# dialog in German, its Right list opened (Alt+Ab)
keys M-r
if wait_for "Konten..." && keys b &&
	wait_for "Richtlinien für Benutzerrechte" &&
	wait_for "Zuweisen an:" && keys M-Down &&
	wait_for "Sichern von Dateien und Verzeichnissen"; then
	compare_screen de-user-rights
else
	not_ok "Richtlinien > Benutzerrechte did not open the User Rights Policy dialog:"
	screen | sed 's/^/#   /'
fi
keys Escape
wait_gone "Sichern von Dateien und Verzeichnissen"
keys Escape
wait_gone "Zuweisen an:"
keys F10
if wait_for "Beenden" && keys n && wait_for "EXITED rc=0"; then
	ok "Benutzer > Beenden leaves with exit status 0"
else
	not_ok "leaving through Benutzer > Beenden:"
	screen | sed 's/^/#   /'
fi

# ---- the lab's help -------------------------------------------------------
lab=$top_srcdir/lab/usrmgr-lab
if [ -f "$lab" ] && command -v bash >/dev/null 2>&1 && command -v gettext.sh >/dev/null 2>&1; then
	bash "$lab" --help >"$T/labhelp" 2>&1
	if head -n 1 "$T/labhelp" | grep -q '^Aufruf: usrmgr-lab' && grep -q '^Befehle:' "$T/labhelp"; then
		ok "usrmgr-lab --help is in German"
	else
		not_ok "usrmgr-lab --help is not in German: $(head -n 1 "$T/labhelp")"
	fi
fi
finish
