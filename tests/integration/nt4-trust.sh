#!/bin/bash
# nt4-trust.sh: the NT4 dialect's operations one by one against two Samba
# classic PDCs (the run's nt4 lab), each judged by Samba's own tools: net
# rpc trustdom list on both PDCs, wbinfo --check-secret on the resource
# PDC, smbclient as the trust account and as ACCOUNTS\alice.  Skips (77)
# where no lab can run, fails under CI=true.  Ends "N passed, N failed".
#
# Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
set -u
# shellcheck source=tests/integration/nt4-lib.sh
. "$(dirname "$0")/nt4-lib.sh"

RES=(-S "$RESOURCE_PDC" -A "$RESOURCE_ADMIN_AUTHFILE")
ACC=(-S "$ACCOUNTS_PDC" -A "$ACCOUNTS_ADMIN_AUTHFILE")

# ---- the dialect, and both lists of the healthy trust ----
out=$(um console "${ACC[@]}" trust list)
t_check "list shows the dialect (NT 4.0 style)" grep -q 'NT 4.0 style' <<<"$out"
t_is "list --json: dialect nt4" nt4 "$(um console "${ACC[@]}" --json trust list | json_get domains.0.dialect)"
t_is "accounts PDC: RESOURCE in Trusting Domains (as net rpc trustdom list)" \
	"$RESOURCE_DOMAIN" "$(um console "${ACC[@]}" --json trust list | json_get domains.0.trusting_domains.0.name)"
t_check "  ... and the passdb of ACCOUNTS agrees (pdbedit)" accounts_lists_resource
t_is "resource PDC: ACCOUNTS in Trusted Domains" \
	"$ACCOUNTS_DOMAIN" "$(um console "${RES[@]}" --json trust list | json_get domains.0.trusted_domains.0.name)"
t_check "  ... and net rpc trustdom list agrees" resource_trusts_accounts
t_check "verify ACCOUNTS on the healthy trust" quiet um console "${RES[@]}" trust verify "$ACCOUNTS_DOMAIN"
t_check "reset ACCOUNTS (NETLOGON REDISCOVER)" quiet um console "${RES[@]}" trust reset "$ACCOUNTS_DOMAIN"
t_check "logon-test ACCOUNTS\\alice through the resource PDC" \
	quiet um console "${RES[@]}" --password-file "$ALICE_PASSWORD_FILE" trust logon-test --user "$ACCOUNTS_DOMAIN\\$ALICE_USER"

# ---- Remove / Add Trusting Domain on the accounts PDC (SAMR) ----
t_check "remove-trusting RESOURCE on the accounts PDC" \
	quiet um console "${ACC[@]}" trust remove-trusting "$RESOURCE_DOMAIN"
t_check "  passdb of ACCOUNTS (pdbedit): RESOURCE gone from the Trusting Domains" accounts_lacks_resource
t_is "remove-trusting again: not in the list" NT_STATUS_OBJECT_NAME_NOT_FOUND \
	"$(um console "${ACC[@]}" --json trust remove-trusting "$RESOURCE_DOMAIN" | json_get status)"
# the resource PDC's winbindd keeps its secure channel until something
# makes it authenticate again, as wbinfo --check-secret does (FACTS 4)
t_check "wbinfo --check-secret fails (the trust account is gone)" not check_secret
t_check "  verify fails too" not_quiet um console "${RES[@]}" trust verify "$ACCOUNTS_DOMAIN"
t_check "add-trusting RESOURCE with a new password" \
	quiet um console "${ACC[@]}" --password-file "$NT4_PW" trust add-trusting "$RESOURCE_DOMAIN"
t_check "  passdb of ACCOUNTS (pdbedit): RESOURCE in the Trusting Domains" accounts_lists_resource
t_check "  the trust account accepts the password (NOLOGON_INTERDOMAIN_TRUST_ACCOUNT)" \
	trust_account_accepts "$NT4_PW"
t_is "add-trusting again: already there" NT_STATUS_OBJECT_NAME_COLLISION \
	"$(um console "${ACC[@]}" --json --password-file "$NT4_PW" trust add-trusting "$RESOURCE_DOMAIN" | json_get status)"
t_check "remove-trusting refuses an ordinary account" \
	not_quiet um console "${ACC[@]}" trust remove-trusting "$ALICE_USER"

# ---- Remove / Add Trusted Domain on the resource PDC ----
t_check "remove-trusted ACCOUNTS from the console (LSA OpenTrustedDomain + DeleteObject)" \
	quiet um console "${RES[@]}" trust remove-trusted "$ACCOUNTS_DOMAIN"
t_check "  net rpc trustdom list: ACCOUNTS gone from the Trusted Domains" eventually resource_lacks_accounts
# Add Trusted Domain needs the accounts PDC too (its trust account is
# checked first: --partner-pdc, as its own admin with --partner-authfile)
# and, on a classic PDC, runs on the PDC itself (trust repair does the
# same in nt4-kb-repair.sh and nt4-wizard-lab.sh).
PARTNER=(--partner-pdc "$ACCOUNTS_PDC" --partner-authfile "$ACCOUNTS_ADMIN_AUTHFILE")
out=$(um console "${RES[@]}" --password-file "$NT4_PW" trust add-trusted \
	"$ACCOUNTS_DOMAIN" "${PARTNER[@]}" 2>&1)
t_is "add-trusted from the console: refused, exit 1" 1 "$?"
t_check "  it says the step must be run on $RESOURCE_PDC itself" \
	grep -q "must be run on $RESOURCE_PDC itself" <<<"$out"
t_check "  ... with trust repair --resume there" grep -q -- "trust repair --resume" <<<"$out"
t_is "  --json: USRMGR_RUN_ON_PDC" USRMGR_RUN_ON_PDC "$(um console "${RES[@]}" --json \
	--password-file "$NT4_PW" trust add-trusted "$ACCOUNTS_DOMAIN" "${PARTNER[@]}" 2>/dev/null | json_get status)"
t_check "  no change: net rpc trustdom list, nothing trusted at RESOURCE" resource_lacks_accounts
t_check "  no change: wbinfo --check-secret still fails" not check_secret

# on the resource PDC, as root with its smb.conf
RES_LOCAL=(-s /etc/samba/smb.conf "${RES[@]}")
(umask 077 && printf 'Not.The.%s\n' "$(head -n1 "$NT4_PW")" >"$NT4_TMP/wrong.pw")
t_is "add-trusted on $RESOURCE_PDC with a wrong password: LOGON_FAILURE at the accounts PDC" \
	NT_STATUS_LOGON_FAILURE "$(um resource "${RES_LOCAL[@]}" --json --password-file \
	"$NT4_TMP/wrong.pw" trust add-trusted "$ACCOUNTS_DOMAIN" "${PARTNER[@]}" 2>/dev/null | json_get status)"
t_check "  nothing stored: wbinfo --check-secret fails, nothing trusted" \
	eval 'not check_secret && resource_lacks_accounts'
out=$(um resource "${RES_LOCAL[@]}" --password-file "$NT4_PW" trust add-trusted \
	"$ACCOUNTS_DOMAIN" "${PARTNER[@]}" 2>&1)
t_is "add-trusted on $RESOURCE_PDC, as root: exit 0" 0 "$?"
t_check "  Trust Relationship With $ACCOUNTS_DOMAIN Successfully Established" \
	grep -q "Trust Relationship With $ACCOUNTS_DOMAIN Successfully Established" <<<"$out"
t_check "  net rpc trustdom list: ACCOUNTS in the Trusted Domains" eventually resource_trusts_accounts
t_check "  wbinfo --check-secret passes, ACCOUNTS\\alice lists //$RESOURCE_PDC/netlogon" trust_works
t_is "add-trusted again: already there" NT_STATUS_OBJECT_NAME_COLLISION "$(um resource \
	"${RES_LOCAL[@]}" --json --password-file "$NT4_PW" trust add-trusted "$ACCOUNTS_DOMAIN" \
	"${PARTNER[@]}" 2>/dev/null | json_get status)"
t_check "  and the trust still works" trust_works
# back to the healthy trust for what follows
lab_restore trusted || lab_fail "restore trusted"

# ---- verify and its fallback on a broken trust ----
lab -q break password-mismatch >/dev/null 2>&1 || lab_fail "break password-mismatch"
out=$(um console "${RES[@]}" --json trust verify "$ACCOUNTS_DOMAIN")
st=$(json_get status <<<"$out")
# TC_VERIFY answers WERR_ACCESS_DENIED where the server lets us ask it,
# the probe logon NT_STATUS_ACCESS_DENIED where not
case $st in *_ACCESS_DENIED) t_ok "verify on a password mismatch: $st" ;;
*) t_not_ok "verify on a password mismatch: expected ACCESS_DENIED, got '$st'" ;; esac
t_check "  wbinfo --check-secret agrees" not check_secret

t_done
