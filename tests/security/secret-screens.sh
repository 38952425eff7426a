#!/bin/bash
# A password typed into the screens shows as '*' only: not in a screen
# dump (curses' own idea of the screen, every cell and attribute), and not
# in the bytes usrmgr sends to a real terminal (recorded with tmux
# pipe-pane), where an invisible attribute or a later overwrite would hide
# it from a screenshot but not from a terminal log.
# Ends with "N passed, N failed".
#
# Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
. "$top_srcdir/tests/security/lib.sh"
export LC_ALL=C.UTF-8 LANGUAGE= LANG=C.UTF-8
unset NO_COLOR ESCDELAY USRMGR_UI_SCRIPT 2>/dev/null || true

# The KB Q207957 repair through the dialogs, the passwords typed in the
# masked fields (once wrongly, so the mismatch path runs too), with a dump
# at every point where a field holds one.
cat >"$tmp/repair.keys" <<EOF
<M-u>s<M-d><C-u>RESOURCE<Enter>
<M-p>t<M-r><M-y>
<Esc>
<M-u>s<M-d><C-u>ACCOUNTS<Enter>
<M-p>t<M-d>RESOURCE<Tab>$TRUST_PW<Tab>Other.$TRUST_PW
:dump-attrs trusting-typed
<Enter>
:dump-attrs mismatch
<Enter>
$TRUST_PW<Tab>$TRUST_PW
:dump-attrs trusting-retyped
<Enter>
:dump-attrs trusting-added
<Esc>
<M-u>s<M-d><C-u>RESOURCE<Enter>
<M-p>t<M-a>ACCOUNTS<Tab>$TRUST_PW
:dump-attrs trusted-typed
<Enter>
:dump-attrs established
<Enter>
:dump-attrs after
<Esc>
<M-u>x
EOF

mkdir -p "$tmp/dumps"
for term in xterm-256color vt100; do
	# the test binary: the installed usrmgr reads no key script
	env TERM=$term COLUMNS=80 LINES=24 USRMGR_UI_SCRIPT="$tmp/repair.keys" \
		USRMGR_UI_DUMP_DIR="$tmp/dumps" timeout 60 "$USRMGR_TEST_BIN" \
		--scenario kb207957 --state "$tmp/ui-$term.state" \
		>"$tmp/ui-$term.out" 2>"$tmp/ui-$term.err"
	rc=$?
	check "$term: the scripted repair ran (exit $rc)" test "$rc" = 0
	dumps=("$tmp"/dumps/*.screen)
	check "$term: it made its 7 screen dumps" test "${#dumps[@]}" = 7
	if grep -q '\*\*\*\*' "$tmp/dumps/trusting-typed.screen" 2>/dev/null; then
		ok "$term: the typed password shows as stars"
	else
		not_ok "$term: the typed password shows as stars"
	fi
	absent "$term: no password in any screen dump" "$TRUST_PW" "${dumps[@]}"
	absent "$term: no part of it either (its first 6 characters)" \
		"${TRUST_PW:0:6}" "${dumps[@]}"
	absent "$term: no password on usrmgr's stdout/stderr" "$TRUST_PW" \
		"$tmp/ui-$term.out" "$tmp/ui-$term.err"
	hash=$(state_hash "$tmp/ui-$term.state" 'trusting ACCOUNTS RESOURCE')
	check "$term: the password reached the model (state has its NT hash)" \
		test -n "$hash"
	absent "$term: no password in the state file" "$TRUST_PW" \
		"$tmp/ui-$term.state"
	rm -f "$tmp"/dumps/*.screen
done

# ---- the bytes on a real terminal ---------------------------------------
if ! command -v tmux >/dev/null 2>&1; then
	if [ "${CI:-}" = true ]; then
		not_ok "tmux is installed (CI=true: no skipping)"
	else
		ok "# SKIP the terminal recording: tmux is not installed"
	fi
	finish
fi
sock="$tmp/tmux.sock"
tm() { TERM=xterm tmux -S "$sock" -f /dev/null "$@"; }
# Every step waits for the screen it expects (never a fixed sleep): the
# text it looks for is there, or gone, before the next key or capture.
screen_has() { # screen_has TEXT [SECONDS]
	local i
	for i in $(seq 1 $((${2:-10} * 20))); do
		tm capture-pane -p -t sec 2>/dev/null | grep -F -q -- "$1" && return 0
		sleep 0.05
	done
	echo "# timed out waiting for: $1" >&2
	return 1
}
screen_gone() { # screen_gone TEXT [SECONDS]
	local i
	for i in $(seq 1 $((${2:-10} * 20))); do
		tm capture-pane -p -t sec 2>/dev/null | grep -F -q -- "$1" || return 0
		sleep 0.05
	done
	echo "# timed out waiting for this to go: $1" >&2
	return 1
}
# the masked password as the field shows it: one '*' a character
STARS=$(printf '%*s' "${#TRUST_PW}" '' | tr ' ' '*')
typed_drawn() {
	screen_has "Initial Password:  [$STARS" && screen_has "Confirm Password:  [$STARS"
}
cat >"$tmp/run.sh" <<EOF
#!/bin/sh
export TERM=xterm-256color LC_ALL=C.UTF-8 LANGUAGE=
"$USRMGR" --scenario kb207957 --state "$tmp/tmux.state" -S DCA 2>"$tmp/tmux.err"
echo "EXITED rc=\$?"
sleep 60
EOF
chmod +x "$tmp/run.sh"
tm new-session -d -x 80 -y 24 -s sec "$tmp/run.sh"
tm pipe-pane -o -t sec "cat >>'$tmp/terminal.raw'"
trap 'tm kill-server >/dev/null 2>&1; rm -rf "$tmp"' EXIT
keys() { tm send-keys -t sec "$@"; }
text() { tm send-keys -t sec -l -- "$1"; }
if screen_has "User Manager - ACCOUNTS" 15; then
	ok "tmux: the main window opened"
	keys M-p; keys t
	screen_has "Trusting Domains" && keys M-d
	screen_has "Add Trusting Domain" &&
		{ text RESOURCE; keys Tab; text "$TRUST_PW"; keys Tab; text "$TRUST_PW"; }
	# both password fields full of stars: everything typed has been drawn
	check "tmux: both password fields show the password as stars" typed_drawn
	tm capture-pane -p -t sec >"$tmp/tmux-typed.screen"
	keys Enter
	# the dialog gone, RESOURCE listed among the Trusting Domains
	screen_gone "Add Trusting Domain" && screen_has "RESOURCE             unknown"
	keys Escape
	screen_gone "Trust Relationships" && keys F10 && screen_has "Exit" && keys x
	screen_has "EXITED rc=" 10
	tm capture-pane -p -t sec >"$tmp/tmux-end.screen"
	if grep -q "EXITED rc=0" "$tmp/tmux-end.screen"; then
		ok "tmux: usrmgr exited 0"
	else
		not_ok "tmux: usrmgr exited 0"
		sed "s/^/# | /" "$tmp/tmux-end.screen"
	fi
	check "tmux: the recording holds what usrmgr drew" \
		grep -a -q "Add Trusting Domain" "$tmp/terminal.raw"
	hash=$(state_hash "$tmp/tmux.state" 'trusting ACCOUNTS RESOURCE')
	check "tmux: the password reached the model" test -n "$hash"
	absent "tmux: no password on the visible screen" "$TRUST_PW" \
		"$tmp/tmux-typed.screen" "$tmp/tmux-end.screen"
	absent "tmux: no password in the bytes sent to the terminal" \
		"$TRUST_PW" "$tmp/terminal.raw"
	absent "tmux: not even its first 6 characters" "${TRUST_PW:0:6}" \
		"$tmp/terminal.raw"
else
	not_ok "tmux: the main window opened"
	tm capture-pane -p -t sec | sed 's/^/# | /'
fi
tm kill-server >/dev/null 2>&1
finish
