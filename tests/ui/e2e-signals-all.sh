#!/bin/sh
# SIGHUP (an SSH session dropping) and SIGTERM on every screen and dialog
# of ui/: each time usrmgr exits 128+N (129, 143: as a shell reports a
# signal), the terminal is given back (normal screen, canonical mode, echo,
# cursor shown), and the journal stays consistent.  A guided repair killed
# at a step leaves JSON lines that end unfinished, and the next start offers
# to resume it (a signal at that offer leaves it offered still).
# tests/ui/e2e-signals.sh has Exit and Ctrl-C.
. "$(dirname "$0")/lib.sh"
need_binary
need_tmux

PW=Sig.Trust.pw1

# The usrmgr process of the pane (a child of the pane's shell script).
ui_pid() {
	pgrep -P "$(tm display-message -p -t ui '#{pane_pid}')" -x usrmgr |
		head -n 1
}

# The terminal after usrmgr: exit status, normal screen, cooked, echoing,
# cursor visible (tmux's cursor_flag), and the shell's own output drawn.
restored() { # restored RC
	tm_wait "EXITED rc=$1" 10 &&
	test "$(tm display-message -p -t ui '#{alternate_on}')" = 0 &&
	test "$(tm display-message -p -t ui '#{cursor_flag}')" = 1 &&
	grep -q -E '(^| )icanon( |$)' "$TMPD/stty.after" &&
	grep -q -E '(^| )echo( |$)' "$TMPD/stty.after" &&
	grep -q -E '(^| )isig( |$)' "$TMPD/stty.after"
}

# Every line of the journal is one JSON object (python3 when there is one,
# else the shape of each line).
journal_lines_ok() { # FILE
	[ -s "$1" ] || return 1
	if command -v python3 >/dev/null 2>&1; then
		python3 -c 'import json, sys
for line in open(sys.argv[1]):
    assert isinstance(json.loads(line), dict)' "$1"
	else
		! grep -v -q -E '^\{.*\}$' "$1"
	fi
}

# The repair in FILE was begun and has not ended.
journal_unfinished() { # FILE
	journal_lines_ok "$1" &&
	grep -q '"event":"repair-start"' "$1" &&
	! grep -q '"event":"repair-end"' "$1"
}

# No repair at all in FILE (screens that do not repair write nothing).
journal_empty() { # FILE
	! grep -q '"event":"repair' "$1" 2>/dev/null
}

# A repair begun and abandoned before its first step: closed, not offered.
journal_closed() { # FILE
	journal_lines_ok "$1" &&
	grep -q '"event":"repair-end".*"outcome":"abandoned"' "$1"
}

# One case: start usrmgr with ARGS, get to the screen, send SIG, judge.
run_case() { # run_case SCREEN SIG ARGS SETUP JOURNAL-CHECK
	what="$2 on $1"; args=$4; setup=$3; jcheck=$5
	case $2 in HUP) rc=129 ;; TERM) rc=143 ;; esac
	tm_kill
	tm_new_server
	rm -f "$TMPD/stty.after"
	tm_start xterm-256color 80x24 $args
	if ! eval "$setup"; then
		not_ok "$what: the screen did not open"
		tm_screen | sed 's/^/# | /'
		return
	fi
	kill "-$2" "$(ui_pid)"
	if restored "$rc"; then
		ok "$what: exit $rc, terminal restored"
	else
		not_ok "$what: exit $rc, terminal restored"
		tm_screen | sed 's/^/# | /'
		sed 's/^/# stty: /' "$TMPD/stty.after" 2>/dev/null
	fi
	if eval "$jcheck"; then
		ok "$what: journal ${jcheck%% *}"
	else
		not_ok "$what: journal ${jcheck%% *}"
		sed 's/^/# journal: /' "$J" 2>/dev/null
	fi
}

# ---- how to reach each screen (kb207957, -S DCB: RESOURCE at start) -----

main='tm_wait "User Manager - " 15'
select_domain="$main"' && tm_keys F10 && tm_wait "Select Domain..." && tm_keys s && tm_wait "Select Domain:"'
help="$main"' && tm_keys F1 && tm_wait "Help - User Manager"'
trust="$main"' && tm_keys M-p && tm_wait "Trust Relationships..." && tm_keys t && tm_wait "Trusted Domains:"'
add_trusting="$trust"' && tm_keys M-d && tm_wait "Add Trusting Domain" && tm_text RES'
add_trusted="$trust"' && tm_keys M-a && tm_wait "Add Trusted Domain" && tm_text ACC'
remove="$trust"' && tm_keys Tab Tab Enter && tm_wait "Remove ACCOUNTS from the Trusted Domains"'
verify="$trust"' && tm_keys M-v && tm_wait "RESOURCE trusts ACCOUNTS:"'
pair="$main"' && tm_keys M-p && tm_wait "Diagnose Trust..." && tm_keys d && tm_wait "Resource PDC:"'
diagnosis="$pair"' && tm_keys Enter && tm_wait "Verdict:"'
wizard_pw="$main"' && tm_keys M-p && tm_wait "Repair Trust (KB Q207957)..." && tm_keys r && tm_wait "Resource PDC:" && tm_keys Enter && tm_wait "Confirm Password:"'
wizard_step="$wizard_pw"' && tm_text "$PW" && tm_keys Tab && tm_text "$PW" && tm_keys Enter && tm_wait "Step 1 of 6" && tm_keys Enter && tm_wait "Step 2 of 6"'
user_rights="$main"' && tm_keys M-p && tm_wait "User Rights..." && tm_keys u Enter && tm_wait "Grant To:"'
rights_list="$user_rights"' && tm_keys M-Down && tm_wait "Add workstations to domain"'
resume_offer='tm_wait "A repair of the trust was begun" 15'
training='tm_wait "Training: kb207957." 15'

# RESOURCE still trusts ACCOUNTS in STATE (the model's own list)
still_trusted() { # STATE
	"$USRMGR" --state "$1" -S DCB trust list --json |
		grep -q '"trusted_domains":\[{"name":"ACCOUNTS"'
}

# fresh STATE and J for a case
fresh() { n=$((${n:-0} + 1)); STATE="$TMPD/s$n.ini"; J="$TMPD/j$n.jsonl"; }
plain() { echo "-S DCB --state $STATE --journal $J"; }

for sig in HUP TERM; do
	for screen in main select_domain help trust add_trusting add_trusted \
		      remove verify pair diagnosis user_rights rights_list; do
		fresh
		eval "setup=\$$screen"
		run_case "$screen" "$sig" "$setup" "$(plain)" 'journal_empty "$J"'
		if [ "$screen" = remove ]; then
			check "$sig on the Remove question: ACCOUNTS still trusted" \
				still_trusted "$STATE"
		fi
	done

	# The repair's password form: the repair ends "abandoned" (no step
	# was run), nothing to offer.
	fresh
	run_case "the repair's password form" "$sig" "$wizard_pw" "$(plain)" \
		'journal_closed "$J"'

	fresh
	run_case training "$sig" "$training" \
		"--training kb207957 $(plain)" 'journal_empty "$J"'

	# The wizard between steps: step 1 done, the repair unfinished...
	fresh
	run_case "the wizard at step 2" "$sig" "$wizard_step" "$(plain)" \
		'journal_unfinished "$J"'
	check "$sig at step 2: step 1 is done in the journal" \
		grep -q '"event":"step-done","step":"remove-trusted"' "$J"
	# ... offered at the next start; a signal there keeps it offered.
	run_case "the resume offer" "$sig" "$resume_offer" "$(plain)" \
		'journal_unfinished "$J"'
	tm_kill
	tm_new_server
	tm_start xterm-256color 80x24 $(plain)
	check "$sig: the repair is still offered at the next start" \
		eval "$resume_offer"
done
tm_kill
finish
