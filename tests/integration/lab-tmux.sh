# lab-tmux.sh: tmux helpers for lab tests whose tmux server runs inside a
# lab namespace (sourced, not a test).  The caller sets SOCK, the server's
# socket; keys and screen go through it from the host.
#
# Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
tmx() { TERM=xterm tmux -S "$SOCK" -f /dev/null "$@"; }
screen() { tmx capture-pane -p -t ui 2>/dev/null; }
# wait_until SECONDS CMD...: CMD succeeds within SECONDS (polled)
wait_until() {
	local i=0 limit=$1
	shift
	while [ "$i" -lt $((limit * 10)) ]; do
		"$@" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
on_screen() { screen | grep -F -q -- "$1"; }
off_screen() { ! on_screen "$1"; }
wait_for() { # TEXT [SECONDS]
	wait_until "${2:-30}" on_screen "$1" && return 0
	echo "# timed out waiting for: $1" >&2
	screen | sed 's/^/# | /' >&2
	return 1
}
wait_gone() { # TEXT [SECONDS]
	wait_until "${2:-30}" off_screen "$1" && return 0
	echo "# timed out waiting for this to go: $1" >&2
	return 1
}
keys() { tmx send-keys -t ui "$@"; }
text() { tmx send-keys -t ui -l -- "$1"; }
