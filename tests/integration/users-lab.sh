#!/bin/bash
# User accounts over SAMR on a real Samba AD DC and a Samba classic PDC
# (issue 19, step 2), Samba's own tools as judges: samba-tool user show
# (AD) and pdbedit -Lv (NT4) read back what `usrmgr user` wrote; the new
# user logs on with smbclient, and cannot once disabled, outside its
# logon hours or from a workstation outside its Logon To list.
set -u
. "$(dirname "$0")/lab-fixture.sh"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
printf 'Us3r.Lab.pw1\n' >"$tmp/pw"
printf 'Us3r.Lab.pw2\n' >"$tmp/pw2"
chmod 644 "$tmp/pw" "$tmp/pw2"

# the accounts PDC, as its admin
ua() { um accounts -S "$ACCOUNTS_PDC" "$@"; }
# logon USER PASSWORD: smbclient's answer at the accounts PDC
logon() {
	local out rc=0
	printf 'username=%s\npassword=%s\ndomain=%s\n' "$1" "$2" \
		"$ACCOUNTS_DOMAIN" >"$tmp/auth"
	chmod 644 "$tmp/auth"
	out=$(lab_exec console smbclient -A "$tmp/auth" \
		"//$ACCOUNTS_PDC/netlogon" -c ls 2>&1) || rc=$?
	if [ "$rc" = 0 ]; then echo NT_STATUS_OK; else
		grep -m1 -o 'NT_STATUS_[A-Z_]*' <<<"$out" || echo "rc=$rc"; fi
}
# judge USER: what Samba itself says about USER, one attribute a line
judge() {
	if [ "$LAB_FLAVOUR" = ad ]; then
		lab_exec accounts samba-tool user show "$1" \
			-s "$ACCOUNTS_SMB_CONF" 2>/dev/null
	else
		lab_exec accounts pdbedit -s "$ACCOUNTS_SMB_CONF" -Lv "$1" \
			2>/dev/null
	fi
}
said() { judge "$1" | grep -Eq -- "$2"; }

users() { # the same checks on either flavour
	local f=$1 u=lab$1user
	ua user delete "$u" --yes >/dev/null 2>&1
	ua user delete "${u}2" --yes >/dev/null 2>&1
	t_check "$f: user add" ua user add "$u" --full-name "Lab User" \
		--description "made by usrmgr" --password-file "$tmp/pw"
	if [ "$f" = ad ]; then
		t_check "$f: samba-tool: the user" said "$u" "^sAMAccountName: $u\$"
		t_check "$f: samba-tool: full name" said "$u" "^displayName: Lab User\$"
		t_check "$f: samba-tool: description" said "$u" \
			"^description: made by usrmgr\$"
	else
		t_check "$f: pdbedit: the user" said "$u" "^Unix username: +$u\$"
		t_check "$f: pdbedit: full name" said "$u" "^Full Name: +Lab User\$"
		t_check "$f: pdbedit: description" said "$u" \
			"^Account desc: +made by usrmgr\$"
	fi
	t_is "$f: the new user logs on" NT_STATUS_OK "$(logon "$u" Us3r.Lab.pw1)"
	# nothing but a password: enabled, as NT's New User with no box
	# ticked (Samba AD's CreateUser2 makes it disabled: usrmgr clears it)
	ua user delete "${u}p" --yes >/dev/null 2>&1
	t_check "$f: add with a password alone" ua user add "${u}p" \
		--password-file "$tmp/pw"
	t_is "$f: ... enabled: it logs on" NT_STATUS_OK \
		"$(logon "${u}p" Us3r.Lab.pw1)"
	ua user delete "${u}p" --yes >/dev/null 2>&1
	t_check "$f: read back" eval 'ua --json user show "$u" >"$tmp/out" &&
		grep -q "\"full_name\":\"Lab User\"" "$tmp/out"'
	t_check "$f: duplicate refused" eval '! ua user add "$u" \
		--password-file "$tmp/pw" 2>"$tmp/err" && grep -q USER_EXISTS "$tmp/err"'
	t_check "$f: disable" ua user set "$u" --disabled yes
	t_is "$f: a disabled user cannot log on" NT_STATUS_ACCOUNT_DISABLED \
		"$(logon "$u" Us3r.Lab.pw1)"
	if [ "$f" = ad ]; then
		t_check "$f: samba-tool: disabled (UF_ACCOUNTDISABLE)" eval \
			'judge "$u" | awk "/^userAccountControl:/ {exit !(\$2 % 4 >= 2)}"'
	else
		t_check "$f: pdbedit: disabled" said "$u" "^Account Flags: +\[[^]]*D"
	fi
	t_check "$f: enable, new password, profile, expiry" ua user set "$u" \
		--disabled no --profile '\\srv\profiles\x' --expires 2035-06-30
	t_check "$f: new password" ua user password "$u" --password-file "$tmp/pw2"
	t_is "$f: the new password logs on" NT_STATUS_OK "$(logon "$u" Us3r.Lab.pw2)"
	t_check "$f: profile and expiry read back" eval 'ua --json user show "$u" \
		>"$tmp/out" && grep -q "\"expires\":\"2035-06-30\"" "$tmp/out" &&
		grep -q "profiles" "$tmp/out"'
	if [ "$f" = ad ]; then
		t_check "$f: samba-tool: profile" said "$u" '^profilePath: \\\\srv\\profiles\\x$'
	else
		t_check "$f: pdbedit: profile" said "$u" '^Profile Path: +\\\\srv\\profiles\\x$'
	fi
	# the PDC enforces the Hours and Logon To usrmgr wrote: no hour
	# allowed, or another workstation only, and smbclient is refused
	t_check "$f: no logon hours at all" ua user set "$u" --hours none
	t_is "$f: outside the logon hours: refused" \
		NT_STATUS_INVALID_LOGON_HOURS "$(logon "$u" Us3r.Lab.pw2)"
	t_check "$f: every hour again" ua user set "$u" --hours all
	t_is "$f: within them: logs on" NT_STATUS_OK "$(logon "$u" Us3r.Lab.pw2)"
	t_check "$f: Logon To NOWHERE7 only" \
		ua user set "$u" --workstations NOWHERE7
	t_is "$f: from the console: refused" NT_STATUS_INVALID_WORKSTATION \
		"$(logon "$u" Us3r.Lab.pw2)"
	t_check "$f: all workstations again" ua user set "$u" --workstations ""
	t_is "$f: the console logs on" NT_STATUS_OK "$(logon "$u" Us3r.Lab.pw2)"
	if [ "$f" = ad ]; then # Hours and Local Account (issue 19, measured)
		t_check "$f: hours" ua user set "$u" --hours "Mon-Fri 08-18"
		t_check "$f: samba-tool: logonHours, UTC" said "$u" \
			'^logonHours:: AAAAAP8DAP8DAP8DAP8DAP8DAAAA$'
		t_check "$f: hours read back" eval 'ua --json user show "$u" \
			>"$tmp/out" && grep -q "\"logon_hours\":\"Mon-Fri 08-18\"" \
			"$tmp/out"'
		t_check "$f: Local Account refused in words" eval '! ua user set \
			"$u" --account local 2>"$tmp/err" &&
			grep -q USRMGR_NO_LOCAL_ACCOUNT "$tmp/err"'
		t_check "$f: samba-tool: no UF_TEMP_DUPLICATE_ACCOUNT" eval \
			'judge "$u" | awk "/^userAccountControl:/ \
			{exit !(int(\$2 / 256) % 2 == 0)}"'
	fi
	if [ "$f" = nt4 ]; then # the classic PDC keeps both (measured)
		t_check "$f: hours" ua user set "$u" --hours "Mon-Fri 08-18"
		t_check "$f: pdbedit: logon hours, UTC" said "$u" \
			'^Logon hours +: 00000000FF0300FF0300FF0300FF0300FF03000000$'
		t_check "$f: Local Account" ua user set "$u" --account local
		t_check "$f: pdbedit: T (temporary duplicate) flag" said "$u" \
			'^Account Flags: +\[[^]]*T'
		t_check "$f: account type read back" eval 'ua --json user show \
			"$u" >"$tmp/out" && grep -q "\"account\":\"local\"" "$tmp/out"'
	fi
	if [ "$f" = nt4 ]; then
		# smbd renames only through a "rename user script": without
		# one (a default classic PDC) refused, unchanged
		nt4_script_off "rename user script"
		t_check "$f: rename refused (no rename user script)" eval \
			'! ua user rename "$u" "${u}2" 2>"$tmp/err" &&
			 grep -q ACCESS_DENIED "$tmp/err"'
		t_check "$f: ... and the user keeps its name" said "$u" \
			"^Unix username: +$u\$"
		t_check "$f: ... no new name" not_quiet judge "${u}2"
		nt4_scripts_on
	fi
	t_check "$f: rename" ua user rename "$u" "${u}2"
	t_check "$f: the old name is gone" not_quiet judge "$u"
	if [ "$f" = nt4 ]; then
		t_check "$f: pdbedit: the new name" said "${u}2" \
			"^Unix username: +${u}2\$"
		t_check "$f: the PDC's Unix account renamed too" eval \
			'lab_exec accounts getent passwd "${u}2" >/dev/null &&
			 ! lab_exec accounts getent passwd "$u" >/dev/null'
		quiet ua user set "${u}2" --hours all
		t_is "$f: the renamed user logs on" NT_STATUS_OK \
			"$(logon "${u}2" Us3r.Lab.pw2)"
	fi
	last=${u}2
	t_check "$f: delete" ua user delete "$last" --yes
	t_check "$f: deleted (Samba's tool)" not_quiet judge "$last"
	if [ "$f" = nt4 ]; then # the "delete user script" ran
		t_check "$f: the PDC's Unix account deleted too" not_quiet \
			lab_exec accounts getent passwd "$last"
	fi
	t_check "$f: delete again: no such user" eval '! ua --json user delete \
		"$last" --yes >"$tmp/out"; grep -q NT_STATUS_NO_SUCH_USER "$tmp/out"'
}

lab_require ad
users ad
host=$(host_accounts_sum)
lab_require nt4
trap 'nt4_scripts_on >/dev/null 2>&1; rm -rf "$tmp"' EXIT
users nt4
t_is "nt4: the machine's /etc/passwd and /etc/group untouched" "$host" \
	"$(host_accounts_sum)"
t_done
