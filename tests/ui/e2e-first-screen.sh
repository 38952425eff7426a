#!/bin/sh
# The first screen on a slow PDC (issue 21): the users' first page goes on
# the screen as soon as it is read, while the groups' is still being read
# (on a real PDC those take as long again), and the groups follow.  On a
# scenario of the tests' own (tests/cli/own-scenario.sh) whose resource
# PDC takes 1.5 s over every answer.
. "$(dirname "$0")/lib.sh"
. "$UI_TESTS_DIR/../cli/own-scenario.sh"
need_binary
need_tmux

SC="$TMPD/own.ini"
own_scenario "$SC"
check "the scenario names no built-in domain or PDC" own_scenario_clean "$SC"
RES_USER=$(own_name 8 | tr 'A-Z' 'a-z')
awk -v d="[domain $OWN_RES]" '{ print } $0 == d { print "latency_ms = 1500" }' \
	"$SC" >"$SC.new" && mv "$SC.new" "$SC"
printf '\n[user %s %s]\nfull_name = An operator of our own\n' \
	"$OWN_RES" "$RES_USER" >>"$SC"
check "the resource PDC answers slowly" grep -q "latency_ms = 1500" "$SC"

# users_without_groups: the users' list is drawn, the groups' is not yet
users_without_groups() {
	tm_screen >"$TMPD/screen"
	grep -q "$RES_USER" "$TMPD/screen" &&
		! grep -q "Domain Users" "$TMPD/screen"
}

tm_start xterm-256color 80x24 --scenario "$SC" --state "$TMPD/state" \
	-S "$OWN_RES_PDC"
kb_step "the main window opens on the resource domain" \
	tm_wait "User Manager - $OWN_RES" 20
kb_step "the users' first page is on the screen before the groups are read" \
	eval 'tm_wait "$RES_USER" 20 && users_without_groups'
kb_step "then the groups' page follows" tm_wait "Domain Users" 20
kb_step "Exit" eval 'tm_keys M-u && tm_wait "Exit" && tm_keys x && tm_wait "EXITED rc=0" 20'
finish
