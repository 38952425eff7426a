#!/bin/sh
# End to end, xterm-256color: which unfinished repair User Manager offers
# to resume, on simulated domains and the default journal (no --journal).
# The engine decides (um_repair_offer): only a repair whose PDCs this
# world has.  A journaled repair of other domains is offered neither at
# start-up nor by Policies > Repair Trust; one of this world's PDCs is.
. "$(dirname "$0")/lib.sh"
need_binary
need_tmux

STATE="$TMPD/state.ini"
JOURNAL="$XDG_STATE_HOME/usrmgr/journal.jsonl"
step() { kb_step "$@"; }

# An unfinished repair (begun, one step done, never ended) of RES_PDC and
# ACC_PDC, as the engine journals it.
unfinished() { # RES_PDC ACC_PDC RESOURCE ACCOUNTS
	mkdir -p "$(dirname "$JOURNAL")"
	cat >"$JOURNAL" <<EOF
{"time":"2026-12-01T10:00:00Z","user":"op","host":"console","repair":"00112233445566aa","event":"repair-start","resource_pdc":"$1","accounts_pdc":"$2","resource":"$3","accounts":"$4","verdict":"broken-at-accounts"}
{"time":"2026-12-01T10:00:05Z","user":"op","host":"console","repair":"00112233445566aa","event":"step-done","resource_pdc":"$1","accounts_pdc":"$2","resource":"$3","accounts":"$4","step":"remove-trusted","pdc":"$1","status":"NT_STATUS_OK"}
EOF
}

"$USRMGR" --scenario kb207957 --state "$STATE" trust list >/dev/null

# ---- a repair of other domains: never offered ---------------------------
unfinished PAYROLLPDC00001 HQCONTROLLER015 PAYROLLSERVICES HEADQUARTERSDOM
tm_start xterm-256color 80x24 --state "$STATE"
step "the main window opens" tm_wait "User Manager - " 15
# The offer comes, modal, before the first key is read (ui_startup): once
# Alt+P has opened the Policies menu, start-up is over, and no offer.
step "other domains' repair: not offered at start-up" \
	eval 'tm_keys M-p && tm_wait "Repair Trust (KB Q207957)..." && ! tm_screen | grep -q "A repair of the trust was begun"'
step "nor by Policies > Repair Trust: the pair is asked" \
	eval 'tm_keys r && tm_wait "Resource PDC:" && ! tm_screen | grep -q "was begun"'
step "Cancel, Exit" \
	eval 'tm_keys Escape && tm_wait_gone "Resource PDC:" && tm_keys M-u && tm_wait "Exit" && tm_keys x && tm_wait "EXITED rc=0"'
tm_kill
tm_new_server

# ---- a repair of this world's PDCs: offered -----------------------------
unfinished DCB DCA RESOURCE ACCOUNTS
tm_start xterm-256color 80x24 --state "$STATE"
step "this world's repair: offered at start-up" \
	eval 'tm_wait "A repair of the trust was begun" 15 && tm_wait "RESOURCE trusts ACCOUNTS (PDCs DCB and DCA)" && tm_wait "Remove ACCOUNTS from the Trusted Domains of"'
step "No: the main window, the repair left in the journal" \
	eval 'tm_keys M-n && tm_wait_gone "was begun" && tm_wait "User Manager - "'
step "Policies > Repair Trust offers it again" \
	eval 'tm_keys M-p && tm_wait "Repair Trust (KB Q207957)..." && tm_keys r && tm_wait "A repair of the trust was begun"'
step "No, Cancel, Exit" \
	eval 'tm_keys M-n && tm_wait "Resource PDC:" && tm_keys Escape && tm_wait_gone "Resource PDC:" && tm_keys M-u && tm_wait "Exit" && tm_keys x && tm_wait "EXITED rc=0"'
check "the journal still holds the one unfinished repair" \
	sh -c "test \$(grep -c repair-start '$JOURNAL') -eq 1 && ! grep -q repair-end '$JOURNAL'"
finish
