#!/bin/sh
# End to end, vt100 (raw bytes): training on the simulated pdc-unreachable
# scenario ends when the trainee names the cause: the hint by Esc 2, a
# wrong cause named first (a mistake), then the right one through Help >
# Name the Cause...; the summary says the cause was named.
. "$(dirname "$0")/lib.sh"
need_binary
need_tmux

STATE="$TMPD/state.ini"
step() { kb_step "$@"; }
coach() { tm_wait "$1" && tm_hex 0d && tm_wait_gone "$1"; }
name_cause() { # name_cause DOWNS: Help (Esc h) > Name the Cause (n)
	tm_hex 1b 68 && tm_wait "Name the Cause..." && tm_text n &&
	tm_wait "What is wrong with the trust?" &&
	i=0 && while [ "$i" -lt "$1" ]; do tm_keys Down; i=$((i + 1)); done &&
	tm_hex 0d
}

tm_start vt100 80x24 --training pdc-unreachable --state "$STATE"
step "the first domain (ACCOUNTS) does not answer" \
	eval 'tm_wait "cannot be reached" 15 && tm_hex 0d && tm_wait_gone "cannot be reached"'
step "the brief" eval 'tm_wait "Training: pdc-unreachable." 15 && tm_hex 0d && tm_wait "Training: pdc-unreachable  F2 Hint"'
step "Esc 2: the hint (find out why a PDC does not answer)" \
	eval 'tm_hex 1b 32 && coach "find out why one of the two"'
step "a wrong cause is a mistake" \
	eval 'name_cause 0 && coach "That is not the cause."'
step "the right cause ends the training" \
	eval 'name_cause 4 && coach "Right: a PDC is unreachable"'
step "the summary: the cause was named, one mistake, one hint" \
	eval 'tm_wait "Training summary" && tm_wait "Mistakes: 1" && tm_wait "Hints used: 1" && tm_wait "The cause was named." && tm_hex 0d && tm_wait_gone "Training summary"'
step "Exit" eval 'tm_hex 1b 75 && tm_wait "Exit" && tm_text x && tm_wait "EXITED rc=0"'
finish
