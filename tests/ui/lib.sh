# usrmgr UI tests: shared helpers (sourced).
#
# Every test prints "ok N - what" / "not ok N - what" lines and ends with
# "N passed, N failed"; exit 0 when nothing failed, 1 otherwise, 77 (skip)
# only when tmux is missing and CI is not set.

set -u

UI_TESTS_DIR=$(cd "$(dirname "$0")" && pwd)
# The binary: $USRMGR, or the build tree we are run from (make check runs
# tests from the top build directory).
USRMGR=${USRMGR:-$(pwd)/usrmgr}
case $USRMGR in /*) ;; *) USRMGR=$(pwd)/$USRMGR ;; esac
# The same with the test hooks on (src/include/test_hooks.h), for the
# tests that script the keys (screens.sh); the installed usrmgr ignores
# USRMGR_UI_SCRIPT.
USRMGR_TEST_BIN=${USRMGR_TEST_BIN:-$(pwd)/tests/usrmgr-test}
case $USRMGR_TEST_BIN in /*) ;; *) USRMGR_TEST_BIN=$(pwd)/$USRMGR_TEST_BIN ;; esac

# A stable terminal world: C.UTF-8, no translation, no colour override.
export LC_ALL=C.UTF-8 LANGUAGE= LANG=C.UTF-8
unset NO_COLOR ESCDELAY USRMGR_UI_SCRIPT 2>/dev/null || true

TMPD=$(mktemp -d "${TMPDIR:-/tmp}/usrmgr-ui.XXXXXX")
# Each test its own journal: an unfinished repair left by one test must not
# be offered for resumption in the next.
export XDG_STATE_HOME="$TMPD/state"
n_pass=0
n_fail=0
n_test=0

cleanup_hooks=""
ui_cleanup() {
	for h in $cleanup_hooks; do "$h"; done
	rm -rf "$TMPD"
}
trap ui_cleanup EXIT
trap 'exit 1' INT TERM HUP

ok() {
	n_test=$((n_test + 1)); n_pass=$((n_pass + 1))
	echo "ok $n_test - $*"
}

not_ok() {
	n_test=$((n_test + 1)); n_fail=$((n_fail + 1))
	echo "not ok $n_test - $*"
}

# check WHAT COMMAND...: ok when COMMAND succeeds.
check() {
	what=$1; shift
	if "$@"; then ok "$what"; else not_ok "$what"; fi
}

finish() {
	echo "$n_pass passed, $n_fail failed"
	[ "$n_fail" -eq 0 ] && exit 0
	exit 1
}

need_binary() {
	if [ ! -x "$USRMGR" ]; then
		echo "not ok 1 - usrmgr binary not found at $USRMGR"
		echo "0 passed, 1 failed"
		exit 1
	fi
}

# ---- tmux ---------------------------------------------------------------

need_tmux() {
	if ! command -v tmux >/dev/null 2>&1; then
		if [ "${CI:-}" = true ]; then
			echo "not ok 1 - tmux is not installed (CI=true: no skipping)"
			echo "0 passed, 1 failed"
			exit 1
		fi
		echo "# SKIP: tmux is not installed"
		echo "0 passed, 0 failed"
		exit 77
	fi
}

TM_SOCK="$TMPD/tmux.sock"
tm() {
	TERM=xterm tmux -S "$TM_SOCK" -f /dev/null "$@"
}

tm_kill() {
	for sock in "$TMPD"/tmux*.sock; do
		[ -S "$sock" ] || continue
		TERM=xterm tmux -S "$sock" kill-server >/dev/null 2>&1 || true
	done
}

# A fresh tmux server (its own socket: a server being killed may still
# hold the old one).
tm_new_server() {
	TM_SOCK="$TMPD/tmux.$$.$(date +%s%N).sock"
}
cleanup_hooks="$cleanup_hooks tm_kill"

# tm_start TERM COLSxROWS ARGS...: usrmgr in a fresh detached session.
# When it ends, the pane prints "EXITED rc=N" and the terminal's modes.
tm_start() {
	term=$1; size=$2; shift 2
	cols=${size%x*}; rows=${size#*x}
	cat > "$TMPD/run.sh" <<EOS
#!/bin/sh
export TERM=$term LC_ALL=C.UTF-8 LANGUAGE= USRMGR_ESC_TIMEOUT=${USRMGR_ESC_TIMEOUT:-300}
${TM_ENV:-}
# Ctrl-C goes to the whole foreground group: this script must live on to
# report (a handler, unlike an ignored signal, is not inherited).
trap 'echo' INT
"$USRMGR" $* 2>"$TMPD/stderr"
rc=\$?
stty -a > "$TMPD/stty.after" 2>&1
echo "EXITED rc=\$rc"
sleep 600
EOS
	chmod +x "$TMPD/run.sh"
	tm new-session -d -x "$cols" -y "$rows" -s ui "$TMPD/run.sh"
	tm set-option -t ui window-size manual >/dev/null 2>&1 || true
}

tm_screen() {
	tm capture-pane -p -t ui
}

# tm_wait TEXT [SECONDS]: until the screen shows TEXT.
tm_wait() {
	text=$1; limit=${2:-10}
	i=0
	while [ "$i" -lt $((limit * 20)) ]; do
		if tm_screen | grep -F -q -- "$text"; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	echo "# timed out waiting for: $text" >&2
	tm_screen | sed 's/^/# | /' >&2
	return 1
}

# tm_wait_gone TEXT [SECONDS]: until TEXT has left the screen.
tm_wait_gone() {
	text=$1; limit=${2:-10}
	i=0
	while [ "$i" -lt $((limit * 20)) ]; do
		if ! tm_screen | grep -F -q -- "$text"; then
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	echo "# timed out waiting for this to go: $text" >&2
	tm_screen | sed 's/^/# | /' >&2
	return 1
}

# Keys by tmux's names (xterm sequences), literal text, raw bytes.
tm_keys() { tm send-keys -t ui "$@"; }
tm_text() { tm send-keys -t ui -l -- "$1"; }
tm_hex() { tm send-keys -t ui -H "$@"; }

# The hardware cursor, as "x,y" (0-based).
tm_cursor() { tm display-message -p -t ui '#{cursor_x},#{cursor_y}'; }

# usrmgr's verdict on the simulated pair, through the model (CLI).
diagnose_json() {
	"$USRMGR" trust diagnose --resource-pdc DCB --accounts-pdc DCA \
		--state "$1" --json 2>&1
}

is_healthy() {
	diagnose_json "$1" | grep -q '"verdict": *"healthy"'
}

# ---- by hand, as a trainee does it ----------------------------------
coach() { # coach TEXT: the coach says TEXT; OK closes the box
	tm_wait "$1" && tm_keys Enter && tm_wait_gone "$1"
}
select_dom() { # select_dom NAME: User > Select Domain..., NAME, OK
	tm_keys M-u && tm_wait "Select Domain..." && tm_keys s &&
	tm_wait "Select Domain:" && tm_keys M-d C-u && tm_text "$1" &&
	tm_keys Enter && tm_wait "User Manager - $1" &&
	tm_wait_gone "Select Domain:"
}
open_trust() { # open_trust NAME: Policies > Trust Relationships on NAME
	tm_keys M-p && tm_wait "Trust Relationships..." && tm_keys t &&
	tm_wait "Domain:  $1"
}

# ---- the KB Q207957 repair, step by step ------------------------------
# A test defines how each step is typed (kb_* functions below call its
# keys_* functions); the checks on the screen are the same for all.

PW=${PW:-Trust.pw9}

# kb_step WHAT COMMAND...: run one step; on failure report and stop.
kb_step() {
	what=$1; shift
	if "$@"; then
		ok "$what"
	else
		not_ok "$what"
		tm_screen | sed 's/^/# | /'
		finish
	fi
}

select_domain() { # select_domain NAME (the test's keys_select_domain)
	keys_open_select_domain && tm_wait "Select Domain:" &&
	keys_type_domain "$1" && tm_wait "User Manager - $1" &&
	tm_wait_gone "Select Domain:"
}

kb_repair() {
	kb_step "the main window opens" tm_wait "User Manager - " 15
	kb_step "Select Domain RESOURCE" select_domain RESOURCE
	kb_step "Trust Relationships on RESOURCE lists ACCOUNTS as trusted" \
		eval 'keys_open_trust && tm_wait "Domain:  RESOURCE" && tm_wait "ACCOUNTS             unknown"'
	kb_step "Remove asks, naming ACCOUNTS and the PDC DCB" \
		eval 'keys_remove_trusted && tm_wait "Remove ACCOUNTS from the Trusted Domains of RESOURCE?" && tm_wait "deleted on DCB"'
	kb_step "Yes removes ACCOUNTS from the Trusted Domains" \
		eval 'keys_yes && tm_wait_gone "Remove ACCOUNTS from" && tm_wait_gone "ACCOUNTS             unknown"'
	kb_step "Close" eval 'keys_close && tm_wait_gone "Trusted Domains:"'
	kb_step "Select Domain ACCOUNTS" select_domain ACCOUNTS
	kb_step "Trust Relationships on ACCOUNTS: nothing to remove" \
		eval 'keys_open_trust && tm_wait "Domain:  ACCOUNTS" && ! tm_screen | grep -q "RESOURCE             "'
	kb_step "Add Trusting Domain opens" \
		eval 'keys_add_trusting && tm_wait "Add Trusting Domain"'
	kb_fill_trusting
	kb_step "RESOURCE is now in ACCOUNTS' Trusting Domains" \
		eval 'tm_wait_gone "Add Trusting Domain" && tm_wait "RESOURCE             unknown"'
	kb_step "Close" eval 'keys_close && tm_wait_gone "Trusting Domains:"'
	kb_step "Select Domain RESOURCE again" select_domain RESOURCE
	kb_step "Add Trusted Domain opens on RESOURCE" \
		eval 'keys_open_trust && tm_wait "Domain:  RESOURCE" && keys_add_trusted && tm_wait "Add Trusted Domain"'
	kb_step "the same password establishes the trust" \
		eval 'keys_fill_trusted ACCOUNTS "$PW" && tm_wait "Trust Relationship With ACCOUNTS Successfully Established"'
	kb_step "ACCOUNTS is back in RESOURCE's Trusted Domains" \
		eval 'keys_enter && tm_wait_gone "Successfully Established" && tm_wait "ACCOUNTS             unknown"'
	kb_step "Close and Exit" \
		eval 'keys_close && tm_wait_gone "Trusted Domains:" && keys_exit && tm_wait "EXITED rc=0"'
}

# The default: both passwords the same.
kb_fill_trusting() {
	kb_step "the trusting domain and its password, twice" \
		keys_fill_trusting RESOURCE "$PW" "$PW"
}

# After the run: the model's verdict and the terminal's state.
kb_check_result() { # kb_check_result STATEFILE
	if is_healthy "$1"; then
		ok "usrmgr trust diagnose --json says healthy"
	else
		not_ok "usrmgr trust diagnose --json says healthy"
		diagnose_json "$1" | sed 's/^/# /'
	fi
	check "the terminal is back in canonical mode" \
		grep -q -E '(^| )icanon( |$)' "$TMPD/stty.after"
	check "the terminal echoes again" \
		grep -q -E '(^| )echo( |$)' "$TMPD/stty.after"
	check "the terminal is back in its normal screen" \
		test "$(tm display-message -p -t ui '#{alternate_on}')" = 0
}
