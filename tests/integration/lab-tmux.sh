# lab-tmux.sh: tmux helpers for lab tests whose tmux server runs inside a
# lab namespace (sourced, not a test).  The caller sets SOCK, the server's
# socket; keys and screen go through it from the host.
#
# Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
tmx() { TERM=xterm tmux -S "$SOCK" -f /dev/null "$@"; }
screen() { tmx capture-pane -p -t ui 2>/dev/null; }
wait_for() { # TEXT [SECONDS]
	local i=0 limit=${2:-30}
	while [ "$i" -lt $((limit * 10)) ]; do
		screen | grep -F -q -- "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "# timed out waiting for: $1" >&2
	screen | sed 's/^/# | /' >&2
	return 1
}
wait_gone() { # TEXT [SECONDS]
	local i=0 limit=${2:-30}
	while [ "$i" -lt $((limit * 10)) ]; do
		screen | grep -F -q -- "$1" || return 0
		sleep 0.1
		i=$((i + 1))
	done
	echo "# timed out waiting for this to go: $1" >&2
	return 1
}
keys() { tmx send-keys -t ui "$@"; }
text() { tmx send-keys -t ui -l -- "$1"; }
