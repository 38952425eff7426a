#!/bin/bash
# nt4-kb-repair.sh: the KB Q207957 repair with `usrmgr trust repair` on two
# Samba classic PDCs (the run's nt4 lab).  The remote steps run from the
# console; Add Trusted Domain cannot be done over RPC on a classic PDC, so
# the console's run stops there with USRMGR_RUN_ON_PDC, journaled, and
# `usrmgr trust repair --resume` run inside the resource PDC's namespace,
# as root with its smb.conf, finishes from the journal.  Judged by Samba's
# tools: wbinfo --check-secret on the resource PDC, net rpc trustdom list,
# smbclient -U 'ACCOUNTS\alice' //RESOURCE-PDC/netlogon.  For kb207957,
# password-mismatch and broken-at-resource.  Skips (77) where no lab can
# run, fails under CI=true.  Ends "N passed, N failed".
#
# Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
set -u
# shellcheck source=tests/integration/nt4-lib.sh
. "$(dirname "$0")/nt4-lib.sh"

SIDES=(--resource-authfile "$RESOURCE_ADMIN_AUTHFILE" --accounts-authfile "$ACCOUNTS_ADMIN_AUTHFILE")

# journal_has EVENT STEP STATUS: a line of the journal with all three
journal_has() {
	grep "\"event\":\"$1\"" "$J" | grep "\"step\":\"$2\"" | grep -q "\"status\":\"$3\""
}

repair_case() {
	local scenario=$1 verdict=$2 out rc
	J=$NT4_TMP/$scenario.journal
	lab_restore trusted || lab_fail "restore trusted"
	lab -q break "$scenario" >/dev/null 2>&1 || lab_fail "break $scenario"
	t_check "$scenario: broken, by wbinfo --check-secret" not check_secret
	t_is "$scenario: diagnose says $verdict" "$verdict" "$(um console \
		--resource-pdc "$RESOURCE_PDC" --accounts-pdc "$ACCOUNTS_PDC" "${SIDES[@]}" \
		--json trust diagnose | json_get verdict)"

	# the remote steps, from the console
	out=$(um console --json trust repair --resource-pdc "$RESOURCE_PDC" \
		--accounts-pdc "$ACCOUNTS_PDC" "${SIDES[@]}" --yes \
		--password-file "$NT4_PW" --journal "$J")
	rc=$?
	t_is "$scenario: console run stops, exit 1" 1 "$rc"
	t_is "$scenario:   outcome run-on-pdc" run-on-pdc "$(json_get outcome <<<"$out")"
	t_is "$scenario:   at add-trusted" add-trusted "$(json_get stopped_at <<<"$out")"
	t_is "$scenario:   to be run on the resource PDC" "$RESOURCE_PDC" "$(json_get run_on <<<"$out")"
	t_check "$scenario:   journal: add-trusted step-failed USRMGR_RUN_ON_PDC" \
		journal_has step-failed add-trusted USRMGR_RUN_ON_PDC
	t_check "$scenario:   journal: add-trusting done before it" \
		journal_has step-done add-trusting NT_STATUS_OK
	t_check "$scenario:   passdb of ACCOUNTS (pdbedit): RESOURCE trusting" accounts_lists_resource
	t_check "$scenario:   the new password is the trust account's" trust_account_accepts "$NT4_PW"
	t_check "$scenario:   net rpc trustdom list: nothing trusted at RESOURCE yet" eventually resource_lacks_accounts

	# the local step and the rest, on the resource PDC from the journal
	out=$(um resource -s /etc/samba/smb.conf --json trust repair --resume \
		"${SIDES[@]}" --yes --password-file "$NT4_PW" --journal "$J")
	rc=$?
	t_is "$scenario: resumed on the resource PDC, exit 0" 0 "$rc"
	t_is "$scenario:   outcome repaired" repaired "$(json_get outcome <<<"$out")"
	t_check "$scenario:   journal: add-trusted done" journal_has step-done add-trusted NT_STATUS_OK
	t_check "$scenario:   journal: verify done" journal_has step-done verify NT_STATUS_OK
	t_check "$scenario:   journal: repair-end repaired" grep -q '"outcome":"repaired"' "$J"
	t_check "$scenario:   net rpc trustdom list: ACCOUNTS trusted at RESOURCE" eventually resource_trusts_accounts
	t_check "$scenario:   wbinfo --check-secret passes, ACCOUNTS\\alice lists //$RESOURCE_PDC/netlogon" trust_works
	t_check "$scenario:   usrmgr diagnose: healthy" quiet um console \
		--resource-pdc "$RESOURCE_PDC" --accounts-pdc "$ACCOUNTS_PDC" "${SIDES[@]}" trust diagnose
}

repair_case kb207957 broken-at-accounts
repair_case password-mismatch password-mismatch
repair_case broken-at-resource broken-at-resource

# with the logon test as the last step, all on the resource PDC at once
J=$NT4_TMP/local.journal
lab_restore trusted || lab_fail "restore trusted"
lab -q break kb207957 >/dev/null 2>&1 || lab_fail "break kb207957"
out=$(um resource -s /etc/samba/smb.conf --json trust repair --resource-pdc "$RESOURCE_PDC" \
	--accounts-pdc "$ACCOUNTS_PDC" "${SIDES[@]}" --yes --password-file "$NT4_PW" \
	--user "$ACCOUNTS_DOMAIN\\$ALICE_USER" --user-password-file "$ALICE_PASSWORD_FILE" --journal "$J")
t_is "kb207957 on the resource PDC in one run, with the logon test: repaired" \
	repaired "$(json_get outcome <<<"$out")"
t_check "  journal: logon-test done" journal_has step-done logon-test NT_STATUS_OK
t_check "  wbinfo --check-secret passes, ACCOUNTS\\alice logs on" trust_works

# The installed usrmgr, as root on the resource PDC with USRMGR_NT4_HELPER
# naming another program: that program never receives the trust password;
# the installed helper's path is the one tried (src/include/test_hooks.h).
INSTALLED_UM=$NT4_BUILDDIR/usrmgr
# (the RPC backend, which runs the helper, is the module usrmgr-rpc.so)
default_helper=$(grep -a -o '/[[:alnum:]/._-]*/usrmgr-nt4-trust' \
	"$NT4_BUILDDIR/usrmgr-rpc.so" | head -n 1)
J=$NT4_TMP/installed.journal
lab_restore trusted || lab_fail "restore trusted"
lab -q break kb207957 >/dev/null 2>&1 || lab_fail "break kb207957"
um console --json trust repair --resource-pdc "$RESOURCE_PDC" \
	--accounts-pdc "$ACCOUNTS_PDC" "${SIDES[@]}" --yes \
	--password-file "$NT4_PW" --journal "$J" >/dev/null
cat >"$NT4_TMP/stand-in" <<EOS
#!/bin/sh
cat >"$NT4_TMP/stand-in.stdin"
exit 0
EOS
chmod 755 "$NT4_TMP/stand-in"
out=$(lab_exec resource env USRMGR_NT4_HELPER="$NT4_TMP/stand-in" "$INSTALLED_UM" \
	-s /etc/samba/smb.conf --json trust repair --resume "${SIDES[@]}" --yes \
	--password-file "$NT4_PW" --journal "$J" 2>&1)
t_check "installed usrmgr as root: the program USRMGR_NT4_HELPER names never ran" \
	test ! -e "$NT4_TMP/stand-in.stdin"
t_check "  the installed helper ($default_helper) is the one it tried" \
	eval '[ -n "$default_helper" ] && grep -q -F -- "$default_helper" <<<"$out"'
t_check "  and the test binary then finishes the repair on the resource PDC" \
	eval 'um resource -s /etc/samba/smb.conf --json trust repair --resume "${SIDES[@]}" --yes --password-file "$NT4_PW" --journal "$J" | grep -q "\"outcome\":\"repaired\""'
t_check "  wbinfo --check-secret passes, ACCOUNTS\\alice logs on" trust_works

t_done
