#!/bin/bash
# groups-ui-lab.sh: the group dialogs and User -> Copy (issue 19) through
# the screens, in tmux at 80x24, on a Samba AD DC and then a Samba
# classic PDC, Samba's own tools judging each change (AD: samba-tool
# user show / group show / group listmembers; NT4: pdbedit -Lv, net rpc
# group members, net groupmap list):
#  - New Local Group on the resource PDC, a description, members through
#    Add... (Add Users and Groups): a user of the domain, a global group,
#    and on the classic PDC the trusted domain's alice; on AD the first
#    foreign member is refused in USRMGR_NO_FOREIGN_PRINCIPAL's words and
#    nothing changes;
#  - the main window's lower list shows it, with its description (the
#    local groups are SAMR aliases: QueryDisplayInfo has only the global
#    groups);
#  - its Properties: the description changed and a member removed; then
#    a change Cancelled: nothing changes;
#  - New Global Group with a member (AD; the classic PDC only when its
#    smb.conf has an "add group script");
#  - Del on each group, NT's warning, Yes: the judge no longer knows it;
#  - User -> Copy (F8) of a template with a description, two groups, a
#    profile path, a logon script and Password Never Expires (and a full
#    name, Account Disabled): the copy has the former, not the latter,
#    and logs on with the password typed.
# Its labs have names of their own: on AD own-names-lab.sh's lab
# (NORTHWINDTRADER trusted by CONTOSOPHARMACY; one provisioning for both
# tests, left up for zz-lab-down.sh), on NT4 ORCHARD trusted by
# CIDERPRESS, taken down after its half (kept with USRMGR_LAB_KEEP=1).  Skips (77) where no lab can run
# or USRMGR_LAB_TESTS=no, fails under CI=true.  Ends with
# "N passed, N failed".
#
# Copyright (C) 2026 the usrmgr authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
if [ "${USRMGR_LAB_TESTS:-}" = no ]; then
	echo "SKIP: USRMGR_LAB_TESTS=no"
	echo "0 passed, 0 failed"
	exit 77
fi
# shellcheck source=tests/integration/lab-fixture.sh
. "$(dirname "$0")/lab-fixture.sh"
command -v tmux >/dev/null 2>&1 || lab_skip "tmux is not installed"
REAL_USRMGR=${USRMGR:-$(pwd)/usrmgr}
case $REAL_USRMGR in /*) ;; *) REAL_USRMGR=$(pwd)/$REAL_USRMGR ;; esac
[ -x "$REAL_USRMGR" ] || lab_fail "no usrmgr binary at $REAL_USRMGR"
# shellcheck source=tests/ui/lib.sh
. "$LAB_TOP_SRCDIR/tests/ui/lib.sh"
chmod 755 "$TMPD"
export USRMGR_ESC_TIMEOUT=100
USRMGR=$TMPD/usrmgr-in-console

PW=Gu.Copy.pw1
printf 'Gu.Stage.pw1\n' >"$TMPD/pw"
chmod 644 "$TMPD/pw"
U1=gumem1        # a user of the resource domain, member of the groups
U2=gumem2        # the global group's member
TMPL=gutmpl      # Copy's template
COPY=gucopy
CREW=GuCrew      # a global group made by the CLI
DESK=GuDesk      # New Local Group
SHIFT=GuShift    # New Global Group
TLOC=GuTmplLoc   # the template's local groups
TLOC2=GuTmplLoc2
SCRIPT=gu-logon.cmd

is() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1 (expected '$2', got '$3')"
	fi
}
step() { if "${@:2}"; then ok "$1"; else not_ok "$1"; fi; }

# ---- the labs ---------------------------------------------------------------

# own_lab FLAVOUR ACC RES ACC_PDC RES_PDC TAG: this test's lab of FLAVOUR
# named after TAG, of these names, up with the trust (or restored when
# left up);
# holds the run's shared lab of FLAVOUR too, as own-names-lab.sh does,
# so that no third pair of PDCs starves another test on two cores.
own_lab() {
	local f=$1 env shared
	lab_disabled_skip
	[ "$(id -u)" = 0 ] ||
		lab_skip "the lab needs root (namespaces, Samba daemons)"
	why=$("$LAB_SCRIPT" check --flavour "$f" 2>&1) || lab_skip "$why"
	shared=$(lab_name_for "$f")
	lab_flock "$LAB_LOCK_DIR/usrmgr-lab-$shared.lock" ||
		lab_fail "cannot lock $LAB_LOCK_DIR/usrmgr-lab-$shared.lock"
	LAB_NAME=$(lab_name_for "$6")
	lab_flock "$LAB_LOCK_DIR/usrmgr-lab-$LAB_NAME.lock" ||
		lab_fail "cannot lock $LAB_LOCK_DIR/usrmgr-lab-$LAB_NAME.lock"
	env=$LAB_ROOT/$LAB_NAME/lab.env
	if lab_reusable "$f" && grep -qx "ACCOUNTS_DOMAIN=$2" "$env" &&
		grep -qx "RESOURCE_DOMAIN=$3" "$env"; then
		echo "# reusing lab $LAB_NAME"
		lab_restore trusted || lab_fail "restore $LAB_NAME"
	else
		echo "# bringing up lab $LAB_NAME: $2 ($4), $3 ($5)"
		lab -q down >/dev/null 2>&1
		lab -q up --flavour "$f" --accounts-domain "$2" \
			--resource-domain "$3" --accounts-pdc "$4" \
			--resource-pdc "$5" >/dev/null ||
			lab_fail "usrmgr-lab up --flavour $f ($LAB_NAME)"
		lab -q trust >/dev/null ||
			lab_fail "usrmgr-lab trust ($LAB_NAME)"
		lab -q snapshot trusted >/dev/null ||
			lab_fail "usrmgr-lab snapshot trusted ($LAB_NAME)"
	fi
	lab_env || lab_fail "no lab.env for $LAB_NAME"
	cat >"$USRMGR" <<EOF
#!/bin/sh
exec "$LAB_SCRIPT" --name "$LAB_NAME" exec console "$REAL_USRMGR" "\$@"
EOF
	chmod +x "$USRMGR"
}
lab_done() {
	tm_kill
	[ "${USRMGR_LAB_KEEP:-0}" = 1 ] && return 0
	[ "$LAB_NAME" = "$(lab_name_for own)" ] && return 0
	lab -q down >/dev/null 2>&1 || echo "# could not take $LAB_NAME down"
}

# ---- the judges (the resource PDC, where the groups are made) ---------------

# the CLI on the resource PDC, as its admin (to set the stage)
ur() {
	lab_exec console "$REAL_USRMGR" -s "$LAB_CONSOLE_SMB_CONF" \
		-A "$RESOURCE_ADMIN_AUTHFILE" -S "$RESOURCE_PDC" "$@"
}
ad() { [ "$LAB_FLAVOUR" = ad ]; }
# GROUP's members as Samba lists them, sorted, one line (NT4: net rpc
# gives DOMAIN\name; the resource domain's own prefix is dropped)
members() {
	if ad; then
		lab_exec resource samba-tool group listmembers "$1" \
			-s "$RESOURCE_SMB_CONF" 2>/dev/null
	else
		lab_exec console net rpc group members "$1" \
			-s "$LAB_CONSOLE_SMB_CONF" \
			-A "$RESOURCE_ADMIN_AUTHFILE" -S "$RESOURCE_PDC" \
			2>/dev/null | sed "s/^$RESOURCE_DOMAIN\\\\//I"
	fi | LC_ALL=C sort -f | tr '\n' ' ' | sed 's/ $//'
}
# does Samba know GROUP?  (NT4: its group mapping, read on the PDC;
# net rpc group list answers from SAMR's enumeration, which Samba keeps
# for seconds after a group is deleted)
group_known() {
	if ad; then
		lab_exec resource samba-tool group show "$1" \
			-s "$RESOURCE_SMB_CONF" >/dev/null 2>&1
	else
		lab_exec resource net groupmap list -s "$RESOURCE_SMB_CONF" \
			2>/dev/null | grep -qi -- "^$1 (S-"
	fi
}
group_desc() {
	if ad; then
		lab_exec resource samba-tool group show "$1" \
			-s "$RESOURCE_SMB_CONF" 2>/dev/null |
			sed -n 's/^description: //p'
	else
		lab_exec resource net groupmap list verbose \
			-s "$RESOURCE_SMB_CONF" 2>/dev/null |
			awk -v g="$1" '$0 == g { f = 1; next }
				/^[^\t]/ { f = 0 }
				f && /Comment/ { sub(/^[^:]*: ?/, ""); print }'
	fi
}
# USER's record as Samba shows it
user_rec() {
	if ad; then
		lab_exec resource samba-tool user show "$1" \
			-s "$RESOURCE_SMB_CONF" 2>/dev/null
	else
		lab_exec resource pdbedit -s "$RESOURCE_SMB_CONF" -Lv "$1" \
			2>/dev/null
	fi
}
# field USER KEY: one field of it (AD: an attribute; NT4: pdbedit's label)
field() {
	user_rec "$1" | sed -n "s/^$2: *//p" | head -1 | tr -d '\r'
}
# logon USER PASSWORD: smbclient's answer at the resource PDC
logon() {
	local out rc=0
	printf 'username=%s\npassword=%s\ndomain=%s\n' "$1" "$2" \
		"$RESOURCE_DOMAIN" >"$TMPD/auth"
	chmod 644 "$TMPD/auth"
	out=$(lab_exec console smbclient -A "$TMPD/auth" \
		"//$RESOURCE_PDC/netlogon" -c ls 2>&1) || rc=$?
	if [ "$rc" = 0 ]; then echo NT_STATUS_OK; else
		grep -m1 -o 'NT_STATUS_[A-Z_]*' <<<"$out" || echo "rc=$rc"; fi
}
# never_expires USER / disabled USER: Samba's flags say so
never_expires() {
	if ad; then
		field "$1" userAccountControl |
			awk '{ n++; e = !(int($1 / 65536) % 2) }
				END { exit !n || e }'
	else
		field "$1" "Account Flags" | grep -q '^\[[^]]*X'
	fi
}
disabled() {
	if ad; then
		field "$1" userAccountControl |
			awk '{ n++; e = !($1 % 4 >= 2) }
				END { exit !n || e }'
	else
		field "$1" "Account Flags" | grep -q '^\[[^]]*D'
	fi
}

# ---- the screens ------------------------------------------------------------

start_ui() {
	tm_new_server
	tm_start xterm-256color 80x24 -S "$RESOURCE_PDC" \
		-A "$RESOURCE_ADMIN_AUTHFILE"
	tm_wait "User Manager - $RESOURCE_DOMAIN" 30
}
leave() {
	tm_keys M-u && tm_wait "Exit" && tm_keys x && tm_wait "EXITED rc=0" 20
}
# focus_list 0|1: Tab until the upper (users) or lower (groups) list
# holds the cursor (the lower list's rows are below its " Groups" header)
focus_list() {
	local y gy i
	for i in 1 2 3; do
		y=$(tm_cursor | cut -d, -f2)
		gy=$(tm_screen | grep -n '^ Groups ' | head -1 | cut -d: -f1)
		[ -n "$gy" ] || return 1
		if [ "$1" = 1 ] && [ "$y" -ge "$gy" ]; then return 0; fi
		if [ "$1" = 0 ] && [ "$y" -lt "$gy" ]; then return 0; fi
		tm_keys Tab
		sleep 0.3
	done
	return 1
}
# the lower list, GROUP chosen by typing its name (the list jumps; the
# cursor sits on the row chosen once the list has it)
on_group() {
	focus_list 1 && type_to "$1"
}
# type_to NAME: typed in the focused list, until NAME's row is chosen
type_to() {
	local i
	tm_text "$1"
	for i in $(seq 40); do
		# (tmux drops a row's trailing blanks)
		row_at_cursor | sed 's/$/ /' | grep -qiF -- " $1 " && return 0
		sleep 0.25
	done
	echo "# the list did not go to $1" >&2
	return 1
}
# GROUP's Properties
open_group() {
	on_group "$1" && tm_keys Enter && tm_wait "Group Properties" 30 &&
		tm_wait "$1"
}
# Add... in a local group's dialog: NAMES typed in Add Names, OK
add_names() {
	tm_keys M-a && tm_wait "List Names From:" 30 && tm_keys M-d &&
		tm_text "$1" && tm_keys Enter &&
		tm_wait_gone "List Names From:" 30
}
# the description field: emptied (Ctrl-U), TEXT typed
new_desc() {
	tm_keys M-d C-u && tm_text "$1"
}
# list_pos NAME FIELD: NAME's row (0: the top) in a dialog's list, read
# off the screen: the list rows are lines 11-21, FIELD is the list's
# column between the box lines (3: Members; 5: a global group's Not
# Members)
list_pos() {
	tm_screen | sed -n '11,21p' | awk -F'│' -v f="$2" -v n="$1" '
		{ x = $f; gsub(/^ +| +$/, "", x) }
		tolower(x) == tolower(n) { print NR - 1; found = 1; exit }
		END { exit !found }'
}
# pick KEY NAME FIELD: KEY focuses the list, NAME's row chosen
pick() {
	local pos i
	if ! pos=$(list_pos "$2" "$3"); then
		echo "# $2 not in the list" >&2
		return 1
	fi
	# (Up to the top: Home from tmux closes the dialog, an Escape to it)
	tm_keys "$1" Up Up Up Up Up Up Up Up Up Up Up Up
	for ((i = 0; i < pos; i++)); do tm_keys Down; done
	sleep 0.3
}
# the Members list's row of NAME chosen, Remove
remove_member() {
	pick M-m "$1" 3 && tm_keys M-r && sleep 0.3
}
row_at_cursor() {
	local y
	y=$(tm_cursor | cut -d, -f2)
	tm_screen | sed -n "$((y + 1))p"
}
# Del on GROUP, NT's warning, Yes
delete_group() {
	on_group "$1" && tm_keys DC &&
		tm_wait "delete the group $1?" 20 && tm_keys M-y &&
		tm_wait_gone "delete the group" 30
}

# ---- the stage --------------------------------------------------------------

cleanup_stage() {
	local x
	for x in "$U1" "$U2" "$TMPL" "$COPY"; do
		ur user delete "$x" --yes >/dev/null 2>&1
	done
	for x in "$DESK" "$SHIFT" "$CREW" "$TLOC" "$TLOC2"; do
		ur group delete "$x" --yes >/dev/null 2>&1
	done
}
# can this PDC make global groups (AD; NT4 with an "add group script")?
globals() {
	ad || lab_exec resource testparm -s "$RESOURCE_SMB_CONF" \
		--parameter-name="add group script" 2>/dev/null | grep -q .
}

# the template (made before the screens start: the main window reads
# its lists once)
template() {
	local f=$1 p513 groups
	p513=$(ur --json user show "$U1" 2>/dev/null |
		sed 's/.*"primary_group":"\([^"]*\)".*/\1/')
	ur group add "$TLOC" --local >/dev/null 2>&1
	if globals; then
		groups="$p513,$CREW,$TLOC"
	else
		ur group add "$TLOC2" --local >/dev/null 2>&1
		groups="$p513,$TLOC,$TLOC2"
	fi
	step "$f: the template: description, groups, profile, script, flags" \
		eval 'ur user add "$TMPL" --password-file "$TMPD/pw" \
		--full-name "Template Person" --description "sawyer, template" \
		--profile "\\\\$RESOURCE_PDC\\profiles\\$TMPL" \
		--logon-script "$SCRIPT" --must-change no --never-expires yes \
		--disabled yes --groups "$groups" >/dev/null'
}

stage() {
	local f=$1
	cleanup_stage
	step "$f: the stage: two users" eval 'ur user add "$U1" \
		--password-file "$TMPD/pw" >/dev/null &&
		ur user add "$U2" --password-file "$TMPD/pw" >/dev/null'
	if globals; then
		step "$f: the stage: a global group with a member" eval \
			'ur group add "$CREW" >/dev/null &&
			ur group add-member "$CREW" "$U2" >/dev/null'
	fi
	template "$f"
}

# ---- New Local Group, Properties, Cancel ------------------------------------

local_group() {
	local f=$1 alice="$ACCOUNTS_DOMAIN\\$ALICE_USER" want names
	names="$U1"
	want="$U1"
	if globals; then
		names="$U1; $CREW"
		want="$CREW $U1"
	fi
	# the classic PDC takes the trusted domain's alice the first time
	if ! ad; then
		names="$names; $alice"
		want=$(printf '%s\n' $want "$alice" | LC_ALL=C sort -f |
			tr '\n' ' ' | sed 's/ $//')
	fi
	step "$f: the main window on $RESOURCE_DOMAIN" start_ui
	step "$f: User > New Local Group: $DESK, a description" eval \
		'tm_keys M-u && tm_wait "New Local Group..." && tm_keys l &&
		tm_wait "New Local Group" && tm_text "$DESK" &&
		tm_keys M-d && tm_text "the desk of the mill"'
	step "$f: Add...: $names" add_names "$names"
	step "$f: Members shows them" eval 'tm_wait "$U1" &&
		{ ! globals || tm_wait "$CREW"; } &&
		{ ad || tm_wait "$alice"; }'
	step "$f: OK (Enter in Members) creates it" eval \
		'tm_keys Enter && tm_wait_gone "New Local Group" 30'
	step "$f: the main window lists $DESK with its description" eval \
		'on_group "$DESK" &&
		row_at_cursor | grep -qF "the desk of the mill"'
	step "$f: the judge knows $DESK" group_known "$DESK"
	is "$f: the judge: its description" "the desk of the mill" \
		"$(group_desc "$DESK")"
	is "$f: the judge: its members" "$want" "$(members "$DESK")"
	if ad; then
		step "$f: Properties, Add... $alice, OK" eval \
			'open_group "$DESK" && add_names "$alice" &&
			tm_wait "$alice" && tm_keys Enter'
		step "$f: the dialog says why, in words" eval \
			'tm_wait "could not be added to $DESK" 30 &&
			tm_wait "USRMGR_NO_FOREIGN_PRINCIPAL" &&
			tm_wait "samba-tool group"'
		step "$f: OK on the message" eval 'tm_keys Enter &&
			tm_wait_gone "USRMGR_NO_FOREIGN_PRINCIPAL" &&
			tm_wait_gone "Group Properties" 30'
		is "$f: the judge: nothing changed" "$want" \
			"$(members "$DESK")"
	fi
	# Properties: a new description, $U1 removed, OK
	want=$(printf '%s\n' $want | grep -vx "$U1" | tr '\n' ' ' |
		sed 's/ $//')
	step "$f: Properties: a new description, $U1 removed, OK" eval \
		'open_group "$DESK" && new_desc "the mill desk, again" &&
		remove_member "$U1" && sleep 0.3 && tm_keys M-d Enter &&
		tm_wait_gone "Group Properties" 30'
	is "$f: the judge: the new description" "the mill desk, again" \
		"$(group_desc "$DESK")"
	is "$f: the judge: $U1 no longer a member" "$want" \
		"$(members "$DESK")"
	step "$f: Properties: a change, a member removed, Cancel" eval \
		'open_group "$DESK" && new_desc "never written" &&
		tm_keys M-m Up Up Up Up Up Up M-r && sleep 0.3 &&
		tm_keys Escape &&
		tm_wait_gone "Group Properties" 30'
	is "$f: the judge: the description unchanged" \
		"the mill desk, again" "$(group_desc "$DESK")"
	is "$f: the judge: the members unchanged" "$want" \
		"$(members "$DESK")"
}

# ---- New Global Group -------------------------------------------------------

global_group() {
	local f=$1
	step "$f: User > New Global Group: $SHIFT, $U1 added from Not Members" \
		eval 'tm_keys M-u && tm_wait "New Global Group..." &&
		tm_keys g && tm_wait "New Global Group" &&
		tm_text "$SHIFT" && tm_keys M-d && tm_text "the night shift" &&
		move_to_members "$U1" && tm_wait "$U1"'
	step "$f: OK creates it" eval 'tm_keys M-d Enter &&
		tm_wait_gone "New Global Group" 30'
	step "$f: the judge knows $SHIFT" group_known "$SHIFT"
	is "$f: the judge: its description" "the night shift" \
		"$(group_desc "$SHIFT")"
	is "$f: the judge: its member" "$U1" "$(members "$SHIFT")"
}
# Not Members: NAME's row chosen, Add
move_to_members() {
	pick M-o "$1" 5 && tm_keys M-a && sleep 0.3
}

# ---- Delete -----------------------------------------------------------------

delete_groups() {
	local f=$1 g
	shift
	for g in "$@"; do
		step "$f: Del on $g, NT's warning, Yes" delete_group "$g"
		step "$f: the judge no longer knows $g" not group_known "$g"
	done
}

# ---- User -> Copy -----------------------------------------------------------

copy_user() {
	local f=$1 g want_groups="$TLOC $TLOC2"
	globals && want_groups="$CREW $TLOC"
	step "$f: User > Copy (F8) of $TMPL: Username, Full Name, passwords" \
		eval 'focus_list 0 && type_to "$TMPL" &&
		tm_keys F8 && tm_wait "Copy of $TMPL" 30 &&
		tm_wait "sawyer, template" && tm_text "$COPY" && tm_keys Tab &&
		tm_text "Copy Person" && tm_keys Tab Tab && tm_text "$PW" &&
		tm_keys Tab && tm_text "$PW" && tm_keys Enter &&
		tm_wait "Close" 30 && tm_keys Escape &&
		tm_wait_gone "Copy of $TMPL" 30'
	step "$f: the judge knows $COPY" eval 'user_rec "$COPY" >/dev/null &&
		[ -n "$(user_rec "$COPY")" ]'
	if ad; then
		is "$f: the copy's description" "sawyer, template" \
			"$(field "$COPY" description)"
		is "$f: the copy's full name: the one typed" "Copy Person" \
			"$(field "$COPY" displayName)"
		is "$f: the copy's profile path" \
			"\\\\$RESOURCE_PDC\\profiles\\$TMPL" \
			"$(field "$COPY" profilePath)"
		is "$f: the copy's logon script" "$SCRIPT" \
			"$(field "$COPY" scriptPath)"
	else
		is "$f: the copy's description" "sawyer, template" \
			"$(field "$COPY" "Account desc")"
		is "$f: the copy's full name: the one typed" "Copy Person" \
			"$(field "$COPY" "Full Name")"
		is "$f: the copy's profile path" \
			"\\\\$RESOURCE_PDC\\profiles\\$TMPL" \
			"$(field "$COPY" "Profile Path")"
		is "$f: the copy's logon script" "$SCRIPT" \
			"$(field "$COPY" "Logon Script")"
	fi
	step "$f: the copy: Password Never Expires" never_expires "$COPY"
	step "$f: the copy: not disabled (the template is)" eval \
		'disabled "$TMPL" && not disabled "$COPY"'
	for g in $want_groups; do
		step "$f: the judge: the copy is in $g" eval \
			'[[ " $(members "$g") " == *" $COPY "* ]]'
	done
	is "$f: the copy logs on with the password typed" NT_STATUS_OK \
		"$(logon "$COPY" "$PW")"
}

# ---- the run ----------------------------------------------------------------

half() {
	local f=$1
	stage "$f"
	local_group "$f"
	if globals; then
		global_group "$f"
	else
		echo "# $f: no add group script on $RESOURCE_PDC:" \
			"no global group"
	fi
	copy_user "$f"
	if globals; then
		delete_groups "$f" "$DESK" "$SHIFT"
	else
		delete_groups "$f" "$DESK"
	fi
	step "$f: leave" leave
	cleanup_stage
}

# (GROUPS_UI_LAB=ad or nt4: one half only, by hand)
for f in ${GROUPS_UI_LAB:-ad nt4}; do
	case $f in
	# (AD: own-names-lab's lab and names, one provisioning for both)
	ad) own_lab ad NORTHWINDTRADER CONTOSOPHARMACY nwtraders-pdc01 \
		contosopharm-dc own ;;
	nt4) own_lab nt4 ORCHARD CIDERPRESS orchard-pdc press-pdc gui-nt4 ;;
	esac
	half "$f"
	lab_done
done
finish
