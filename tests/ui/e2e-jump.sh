#!/bin/sh
# Typing a name jumps to it (issue 19), in a real terminal, in a domain
# of 100,000 users (tests/ui/screens/view.ini), on xterm and on vt100 at
# 80x24: End and Home as tmux sends them (ESC [ 4 ~, ESC [ 1 ~) select
# the last and the first user; the letters typed together select the
# first user whose name starts with them; after a pause a new name
# begins; View > Sort by Full Name reads every user once (the busy box),
# keeps the selected user and then jumps by full name.  The selected
# row is the one under the cursor.
. "$(dirname "$0")/lib.sh"
need_binary
need_tmux

selected() { # the screen line under the cursor
	y=$(tm_cursor | cut -d, -f2)
	tm_screen | sed -n "$((y + 1))p"
}

selected_is() { # selected_is NAME: the selected row is NAME's
	selected | grep -q "^.$1 "
}

# Screen line N (1-based) is NAME's row, within a minute: the sort has
# drawn its order (the busy box may not have come up yet when a test
# first looks, so its going is no sign).
row_is() { # row_is N NAME
	i=0
	while [ $i -lt 600 ]; do
		tm_screen | sed -n "$1p" | grep -q "^.$2 " && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# The letters of one name arrive together; a new name after a pause
# longer than the list's (a second).
pause() { sleep 1.5; }

for term in xterm-256color vt100; do
	tm_new_server
	tm_start "$term" 80x24 --scenario "$UI_TESTS_DIR/screens/view.ini" \
		--state "$TMPD/$term.state" -S WDC4
	kb_step "$term: the first screen of 100,000 users" \
		tm_wait "user000008" 15
	# tmux sends ESC [ 4 ~ and ESC [ 1 ~, which neither terminal's
	# description binds: usrmgr knows them as End and Home
	kb_step "$term: End selects the last user (xaver)" \
		eval 'tm_keys End && tm_wait xaver 15 && selected_is xaver'
	kb_step "$term: Home selects the first user (anton)" \
		eval 'tm_keys Home && tm_wait anton 15 && selected_is anton'
	kb_step "$term: typing user0876 selects user087600" \
		eval 'tm_text user0876 && tm_wait user087600 15 &&
		      selected_is user087600'
	kb_step "$term: after a pause 'BE' selects berta (case ignored)" \
		eval 'pause && tm_text BE && tm_wait berta && selected_is berta'
	kb_step "$term: Sort by Full Name reads them all, berta stays" \
		eval 'tm_keys M-v && tm_wait "Sort by Full Name" &&
		      tm_keys f && row_is 4 Quentin && row_is 5 berta &&
		      tm_wait_gone "Please Wait" 60 && selected_is berta'
	kb_step "$term: by full name, 'zol' selects anton (Zoltan Anton)" \
		eval 'pause && tm_text zol && tm_wait "Zoltan Anton" &&
		      selected_is anton'
	kb_step "$term: Exit" \
		eval 'tm_keys M-u && tm_wait "Exit" && tm_keys x &&
		      tm_wait "EXITED rc=0" 20'
	tm_kill
done
finish
