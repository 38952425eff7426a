#!/bin/sh
# End to end, xterm-256color: what the coach says about the mistakes a new
# operator makes (issue 18), on the built-in names and on names of its own.
#  1. kb207957 and a generated scenario (tests/cli/own-scenario.sh): Add
#     Trusted Domain on the accounts PDC for the resource domain is the
#     wrong PDC and the wrong list, not "too early"; a wrong password in
#     Add Trusted Domain on the resource PDC must be the one typed on the
#     accounts domain (named); the "Successfully Established" box comes
#     before the summary.
#  2. tests/unit/coach-third.ini and coach-names.ini: removing an unrelated
#     trust is not part of the repair, the coach says how to put it back,
#     and putting it back so is no mistake.
. "$(dirname "$0")/lib.sh"
. "$UI_TESTS_DIR/../cli/own-scenario.sh"
need_binary
need_tmux

step() { kb_step "$@"; }
# The text of the boxes on screen, one line: what lies between the first
# and the last frame line of each row, joined (the coach's text wraps).
flat() {
	tm_screen | sed -n 's/^[^│]*│\(.*\)│[^│]*$/\1/p' | tr -d '│' |
		tr -s ' \n' '  '
}
# says TEXT: the coach's box shows TEXT (10 s at most).
says() {
	i=0
	while [ "$i" -lt 200 ]; do
		flat | grep -F -q -- "$1" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	echo "# timed out waiting for the words: $1" >&2
	tm_screen | sed 's/^/# | /' >&2
	return 1
}
quit() {
	tm_keys M-u && tm_wait "Exit" && tm_keys x && tm_wait "EXITED rc=0"
}

# mistakes TRAINING RES ACC RES_PDC ACC_PDC: part 1 on one scenario.
mistakes() {
	R=$2 A=$3 RP=$4 AP=$5
	tm_kill; tm_new_server
	tm_start xterm-256color 80x24 --training="$1" --state "$TMPD/$R.state"
	step "$R/$A: the brief" eval 'tm_wait "Training: " 15 && tm_keys Enter && tm_wait "F2 Hint"'
	step "$R/$A: after the Remove, Add Trusted on the PDC of $A for $R" \
		eval 'select_dom "$R" && open_trust "$R" && tm_keys M-r && tm_wait "Remove $A from the Trusted Domains" && tm_keys M-y && coach "Done:" && tm_keys Escape && tm_wait_gone "Trusted Domains:" && select_dom "$A" && open_trust "$A" && tm_keys M-a && tm_wait "Add Trusted Domain" && tm_text "$R" && tm_keys Tab && tm_text "$PW" && tm_keys Enter'
	step "$R/$A: the coach: wrong PDC, wrong list" \
		eval 'says "Wrong PDC, wrong list: that was done on $AP, the PDC of $A, for $R."'
	step "$R/$A: where it belongs, and the list $R belongs in on $AP" \
		eval 'says "belongs on $RP, the PDC of $R, for $A. On $AP, $R belongs in the Trusting Domains list."'
	step "$R/$A: not coached as an order mistake" \
		eval '! flat | grep -q "came too early"'
	step "$R/$A: then the PDC's refusal; back to the main window" \
		eval 'tm_keys Enter && tm_wait "Status:" && tm_keys Enter && tm_wait_gone "Status:" && tm_keys Escape && tm_wait_gone "Add Trusted Domain" && tm_keys Escape && tm_wait_gone "Trusted Domains:"'
	step "$R/$A: Add Trusting Domain on $A: the coach agrees" \
		eval 'open_trust "$A" && tm_keys M-d && tm_wait "Add Trusting Domain" && tm_text "$R" && tm_keys Tab && tm_text "$PW" && tm_keys Tab && tm_text "$PW" && tm_keys Enter && coach "Done:" && tm_keys Escape && tm_wait_gone "Trusting Domains:"'
	step "$R/$A: Add Trusted Domain on $R with a wrong password" \
		eval 'select_dom "$R" && open_trust "$R" && tm_keys M-a && tm_wait "Add Trusted Domain" && tm_text "$A" && tm_keys Tab && tm_text "Not.$PW" && tm_keys Enter'
	step "$R/$A: the coach: the password typed on $A" \
		eval 'says "The password must be the one typed on $A (PDC $AP) in Add Trusting Domain for $R."'
	step "$R/$A: the same password again ends the repair" \
		eval 'tm_keys Enter && tm_wait "Status:" && tm_keys Enter && tm_wait_gone "Status:" && tm_keys C-u && tm_text "$PW" && tm_keys Enter && tm_wait "Training complete." 15 && tm_keys Enter'
	step "$R/$A: first the trust dialog's own box, the summary not yet" \
		eval 'tm_wait "Trust Relationship With $A Successfully Established" && ! tm_screen | grep -q "Training summary"'
	step "$R/$A: then the summary: two mistakes" \
		eval 'tm_keys Enter && tm_wait_gone "Successfully Established" && tm_wait "Training summary" && tm_wait "Mistakes: 2" && tm_wait "The trust was repaired." && tm_keys Enter && tm_wait_gone "Training summary"'
	step "$R/$A: Close and Exit" \
		eval 'tm_keys Escape && tm_wait_gone "Trusted Domains:" && quit'
}

# unrelated TRAINING RES ACC RES_PDC THIRD: part 2 on one scenario.
unrelated() {
	R=$2 A=$3 RP=$4 X=$5
	tm_kill; tm_new_server
	tm_start xterm-256color 80x24 --training="$1" --state "$TMPD/x$R.state"
	step "$R/$X: the brief" eval 'tm_wait "Training: " 15 && tm_keys Enter && tm_wait "F2 Hint"'
	step "$R/$X: $X removed from the Trusted Domains of $R" \
		eval 'select_dom "$R" && open_trust "$R" && tm_wait "$X " && tm_keys Down && tm_keys M-r && tm_wait "Remove $X from the Trusted Domains of $R?" && tm_keys M-y'
	step "$R/$X: the coach: not part of the repair" \
		eval 'says "Removing $X from the Trusted Domains of $R is not part of the repair: the repair is about $R trusting $A only."'
	step "$R/$X: and how to put it back" \
		eval 'says "Put it back: on $RP ($R), Trusted Domains > Add... $X, with the password $X holds for it"'
	step "$R/$X: Add Trusted Domain $X with its password: putting back" \
		eval 'tm_keys Enter && tm_wait_gone "not part of" && tm_keys M-a && tm_wait "Add Trusted Domain" && tm_text "$X" && tm_keys Tab && tm_text "Trust.pw1" && tm_keys Enter && says "(putting back the trust between $R and $X)." && tm_keys Enter'
	step "$R/$X: $X is back" \
		eval 'tm_wait "Trust Relationship With $X Successfully Established" && tm_keys Enter && tm_wait_gone "Successfully" && tm_wait "$X "'
	step "$R/$X: Close and Exit" \
		eval 'tm_keys Escape && tm_wait_gone "Trusted Domains:" && quit'
}

mistakes kb207957 RESOURCE ACCOUNTS DCB DCA
SC="$TMPD/own.ini"
own_scenario "$SC"
mistakes "$SC" "$OWN_RES" "$OWN_ACC" "$OWN_RES_PDC" "$OWN_ACC_PDC"
# (copied: a short path leaves room for "F2 Hint" in the status line)
cp "$UI_TESTS_DIR/../unit/coach-third.ini" "$TMPD/third.ini"
cp "$UI_TESTS_DIR/../unit/coach-names.ini" "$TMPD/names.ini"
unrelated "$TMPD/third.ini" RESOURCE ACCOUNTS DCB THIRDPARTY
unrelated "$TMPD/names.ini" BRANCHOFFICE HEADQUARTERS BRPDC1 PARTNERNET
finish
