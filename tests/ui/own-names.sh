#!/bin/sh
# End to end, xterm-256color, on a scenario of one's own
# (tests/cli/own-scenario.sh: generated 15-character names, none of the
# built-in scenarios'), in the KB Q207957 state:
#  1. the Trust Relationships dialog lists and verifies it;
#  2. Diagnose Trust offers the scenario's own PDCs and finds the break;
#     the guided repair (Repair...) takes it to its "repaired" summary;
#  3. a whole training session (--training=FILE) done by hand in the
#     ordinary screens: the coach names the scenario's PDCs, the trainee
#     removes, adds trusting, adds trusted, and the summary ends it (the
#     [pair]'s test user's logon passes);
#  4. the same without a test user: training ends when the trust verifies.
. "$(dirname "$0")/lib.sh"
. "$UI_TESTS_DIR/../cli/own-scenario.sh"
need_binary
need_tmux

SC="$TMPD/own.ini"
own_scenario "$SC"
check "the scenario names no built-in domain or PDC" own_scenario_clean "$SC"
step() { kb_step "$@"; }
quit() {
	tm_keys M-u && tm_wait "Exit" && tm_keys x && tm_wait "EXITED rc=0"
}
# own_diagnose STATE VERDICT: the CLI's verdict on the pair, as JSON.
own_verdict() {
	"$USRMGR" --state "$1" trust diagnose --resource-pdc "$OWN_RES_PDC" \
		--accounts-pdc "$OWN_ACC_PDC" --json 2>&1 |
		grep -q "\"verdict\": *\"$2\""
}

# ---- 1. the trust dialog ------------------------------------------------
STATE="$TMPD/dialog.state"
tm_start xterm-256color 80x24 --scenario "$SC" --state "$STATE"
step "the main window opens on a domain of the scenario" \
	tm_wait "User Manager - " 15
step "Select Domain: the resource domain by its own name" select_dom "$OWN_RES"
step "Trust Relationships lists the accounts domain as trusted" \
	eval 'open_trust "$OWN_RES" && tm_wait "$OWN_ACC      unknown"'
step "nothing in its Trusting Domains" \
	eval '! tm_screen | grep -q "$OWN_RES      unknown"'
step "Verify: the trust relationship is broken" \
	eval 'tm_keys M-v && tm_wait "$OWN_RES trusts $OWN_ACC: the trust" && tm_wait "is broken." && tm_wait "Status: WERR_NO_TRUST_SAM_ACCOUNT" && tm_keys Enter && tm_wait_gone "is broken." && tm_wait "$OWN_ACC      broken"'
step "Remove asks, naming the scenario's resource PDC" \
	eval 'tm_keys M-r && tm_wait "Remove $OWN_ACC from the Trusted Domains of" && tm_wait "deleted on $OWN_RES_PDC"'
step "No keeps it" eval 'tm_keys M-n && tm_wait_gone "Remove $OWN_ACC from"'
step "Close and Exit" \
	eval 'tm_keys Escape && tm_wait_gone "Trusted Domains:" && quit'
check "the trust is still broken at the accounts side" \
	own_verdict "$STATE" broken-at-accounts

# ---- 2. Diagnose Trust, then the guided repair ---------------------------
tm_kill; tm_new_server
STATE="$TMPD/wizard.state"
JOURNAL="$TMPD/wizard.journal"
tm_start xterm-256color 80x24 --scenario "$SC" --state "$STATE" \
	--journal "$JOURNAL"
step "the main window opens" tm_wait "User Manager - " 15
step "Diagnose Trust offers the scenario's own PDCs" \
	eval 'tm_keys M-p && tm_wait "Diagnose Trust..." && tm_keys d && tm_wait "Resource PDC:" && tm_wait "$OWN_RES_PDC" && tm_wait "$OWN_ACC_PDC"'
step "OK: broken at the accounts side, not a PDC out of reach" \
	eval 'tm_keys Enter && tm_wait "The trust is broken at the accounts side." 15 && ! tm_screen | grep -q "cannot be reached"'
step "Repair...: the trust password, twice" \
	eval 'tm_keys M-r && tm_wait "Confirm Password:" 15 && tm_text "$PW" && tm_keys Tab && tm_text "$PW" && tm_keys Enter && tm_wait_gone "Confirm Password:"'
step "the split view names both domains and their PDCs" \
	eval 'tm_wait "The trust is broken at the accounts side." && tm_wait "─ $OWN_RES ─" && tm_wait "─ $OWN_ACC ─" && tm_wait "PDC $OWN_RES_PDC" && tm_wait "PDC $OWN_ACC_PDC" && tm_wait "$OWN_RES: missing"'
step "Step 1 of 6 (no logon test asked for) on the resource PDC" \
	eval 'tm_wait "Step 1 of 6, on $OWN_RES_PDC ($OWN_RES)"'
step "Run All Remaining: the trust is repaired, the channel verifies" \
	eval 'tm_keys M-a && tm_wait "The trust is repaired" 20 && tm_wait "Secure channel verify: passes"'
step "OK, Close, Exit" \
	eval 'tm_keys Enter && tm_wait "[ Close ]" && tm_keys Escape && tm_wait_gone "Repair Trust" && quit'
check "the CLI now finds the trust healthy" own_verdict "$STATE" healthy
check "the journal ends the repair as repaired" \
	grep -q '"event":"repair-end".*"outcome":"repaired"' "$JOURNAL"

# ---- 3. and 4. training, done by hand ----------------------------------
# train SCENARIO STATE ENDING STEPS WHY: a whole session to its summary
# (ENDING: how the brief says it ends; WHY: the coach's last words).
train() {
	T_SC=$1 T_STATE=$2 T_END=$3 T_STEPS=$4 T_WHY=$5
	tm_kill; tm_new_server
	tm_start xterm-256color 80x24 --training="$T_SC" --state "$T_STATE"
	step "the brief names the scenario's own PDCs" \
		eval 'tm_wait "Training: " 15 && tm_wait "(PDC $OWN_ACC_PDC)" && tm_wait "(PDC $OWN_RES_PDC)"'
	step "the brief says how it ends" eval 'tm_wait "$T_END"'
	step "the training banner" \
		eval 'tm_keys Enter && tm_wait "F2 Hint"'
	step "F2: the hint names the resource PDC and domain" \
		eval 'tm_keys F2 && tm_wait "Hint: on $OWN_RES_PDC ($OWN_RES)" && coach "Remove $OWN_ACC from the Trusted Domains"'
	step "Select Domain: the resource domain" select_dom "$OWN_RES"
	step "Remove the trusted accounts domain: the coach agrees" \
		eval 'open_trust "$OWN_RES" && tm_keys M-r && tm_wait "Remove $OWN_ACC from the Trusted Domains" && tm_keys M-y && tm_wait "Coach:" && coach "Done: Policies -> Trust Relationships -> Trusted Domains"'
	step "Close" eval 'tm_keys Escape && tm_wait_gone "Trusted Domains:"'
	step "Select Domain: the accounts domain" select_dom "$OWN_ACC"
	step "its Trusting Domains hold nothing to remove" \
		eval 'open_trust "$OWN_ACC" && ! tm_screen | grep -q "$OWN_RES      unknown"'
	step "Add Trusting Domain with a password: the coach agrees" \
		eval 'tm_keys M-d && tm_wait "Add Trusting Domain" && tm_text "$OWN_RES" && tm_keys Tab && tm_text "$PW" && tm_keys Tab && tm_text "$PW" && tm_keys Enter && coach "Done: Policies -> Trust Relationships -> Trusting Domains"'
	step "Close" eval 'tm_keys Escape && tm_wait_gone "Trusting Domains:"'
	step "Select Domain: the resource domain again" select_dom "$OWN_RES"
	step "Add Trusted Domain with the same password" \
		eval 'open_trust "$OWN_RES" && tm_keys M-a && tm_wait "Add Trusted Domain" && tm_text "$OWN_ACC" && tm_keys Tab && tm_text "$PW" && tm_keys Enter'
	step "the coach: the trust works again, training complete" \
		eval 'tm_wait "The trust works again" 15 && tm_wait "$T_WHY" && tm_wait "complete." && coach "Coach:"'
	step "then the trust dialog's own message, the summary not yet" \
		eval 'tm_wait "Trust Relationship With $OWN_ACC Successfully Established" && ! tm_screen | grep -q "Training summary"'
	step "the summary after it: $T_STEPS steps, no mistake, repaired" \
		eval 'tm_keys Enter && tm_wait_gone "Successfully Established" && tm_wait "Training summary" && tm_wait "Steps done: $T_STEPS of $T_STEPS" && tm_wait "Mistakes: 0" && tm_wait "Hints used: 1" && tm_wait "The trust was repaired." && tm_keys Enter && tm_wait_gone "Training summary"'
	step "the password never appeared" eval '! tm_screen | grep -q -F "$PW"'
	step "Close and Exit" \
		eval 'tm_keys Escape && tm_wait_gone "Trusted Domains:" && quit'
	check "the CLI finds the trust healthy" own_verdict "$T_STATE" healthy
}

train "$SC" "$TMPD/train.state" "logon test passes." 6 \
	"the logon test passes"
sed '/^user = /d; /^password = /d' "$SC" >"$TMPD/own-nouser.ini"
train "$TMPD/own-nouser.ini" "$TMPD/train-nouser.state" \
	"trust verifies." 5 "the secure channel verifies"
finish
