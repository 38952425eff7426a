#!/bin/bash
# Bad input, end to end: every row of cases.table runs usrmgr for real and
# asserts its exit code, its message, and what the domains look like
# afterwards.  (The rows that need real DCs are in the lab's own table.)
# run.sh TABLE runs another table of the same format (outcome-guard.sh:
# an unknown outcome keyword must fail its row).
set -u
here=$(cd "$(dirname "$0")" && pwd)
table=${1:-$here/cases.table}
: "${USRMGR:?run through make check}"
# The screen tests' tmux helpers (tm_start, tm_wait, tm_keys...); our own
# ok/not_ok below replace theirs.
. "$here/../ui/lib.sh"
need_tmux
tmp=$TMPD
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok - $*"; }
not_ok() { failed=$((failed + 1)); echo "not ok - $*"; }

# ---- the state a row starts from, and what it looks like after ----------

seed() { # KIND STATE
	local scenario
	case $1 in
	sim|tty|file) scenario=kb207957 ;;
	simh) scenario=healthy ;;
	sim4) scenario=kb207957-nt4 ;;
	simh4) scenario=healthy-nt4 ;;
	simu) scenario=pdc-unreachable ;;
	simr) scenario=broken-at-resource ;;
	simw) scenario=two-way-kb207957 ;;
	simk) scenario=two-way-rekey ;;
	simd) scenario=kb207957 ;;
	*) echo "unknown kind $1" >&2; return 1 ;;
	esac
	rm -f "$2"
	"$USRMGR" --scenario "$scenario" --state "$2" trust list >/dev/null 2>&1
	if [ "$1" = simd ]; then
		# the operator may read ACCOUNTS' policy, not change it
		printf '\n[policy ACCOUNTS]\nread_only = yes\n' >>"$2"
		# nor its user rights (a non-administrator)
		printf '\n[rights ACCOUNTS]\naccess = read\n' >>"$2"
	fi
}

# The judge of "nothing changed": the same program, but not under the
# tool that may wrap $USRMGR (check-variants runs the rows under
# valgrind; the judge's reads would only multiply the run's time).
JUDGE=${USRMGR_JUDGE:-$USRMGR}

lists() { # STATE: both domains' lists, policies, users and groups, as the CLI says
	"$JUDGE" --state "$1" trust list 2>&1
	"$JUDGE" --state "$1" -S DCA policy account --json 2>&1
	"$JUDGE" --state "$1" -S DCB policy account --json 2>&1
	local dc
	for dc in DCA DCB; do
		"$JUDGE" --state "$1" -S $dc --json user list 2>&1
		"$JUDGE" --state "$1" -S $dc --json group list 2>&1
		"$JUDGE" --state "$1" -S $dc --json policy rights list 2>&1
	done
}

# ---- crafted files ------------------------------------------------------

craft() { # WHAT PATH
	case $1 in
	truncated) printf '[scenario]\nname = x\n\n[domain ACCOUNTS]\npdc = DCA\n[doma' >"$2" ;;
	binary) head -c 3000 "$USRMGR" >"$2" ;;
	huge) truncate -s 20M "$2" ;;
	empty) : >"$2" ;;
	fifo) mkfifo "$2" ;;
	badhash) printf '[domain A]\npdc = X\n[trusting A B]\nnthash = 1234\n' >"$2" ;;
	truncated-journal)
		printf '{"repair":"1","event":"repair-start","resource_pdc":"DCB","accounts_pdc":"DCA"}\n{"repair":"1","eve' >"$2" ;;
	esac
}

password_file() { # TEXT PATH
	case $1 in
	@256) printf 'x%.0s' $(seq 256) >"$2" ;;
	@257) printf 'x%.0s' $(seq 257) >"$2" ;;
	*) printf '%b' "$1" >"$2" ;;
	esac
}

# ---- the terminal rows (tmux) -------------------------------------------

tty_mismatch() {
	tm_start xterm-256color 80x24 --state "$STATE" &&
	tm_wait "User Manager - " 15 &&
	tm_keys M-p && tm_wait "Trust Relationships..." && tm_keys t &&
	tm_wait "Trusting Domains" && tm_keys M-d && tm_wait "Initial Password" &&
	tm_text RESOURCE && tm_keys Tab && tm_text "One.pw1" && tm_keys Tab &&
	tm_text "Two.pw1" && tm_keys Enter && tm_wait "do not match" &&
	tm_screen >"$tmp/screen" &&
	tm_keys Enter && tm_keys Escape && tm_keys Escape
}

tty_too_small() {
	tm_start xterm-256color 60x15 --state "$STATE" &&
	tm_wait "too small" 15 && tm_screen >"$tmp/screen"
}

# tm_wait_width COLS: until usrmgr has redrawn for COLS columns (its status
# line ends with "Simulated" one column before the right edge)
tm_wait_width() {
	local i=0
	while [ $i -lt 200 ]; do
		tm_screen | grep -Eq "^.{$(($1 - 10))}Simulated\$" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	echo "# timed out waiting for a redraw at $1 columns" >&2
	return 1
}

tty_resize_form() {
	tm_start xterm-256color 80x24 --state "$STATE" &&
	tm_wait "User Manager - " 15 &&
	tm_keys M-p && tm_wait "Trust Relationships..." && tm_keys t &&
	tm_wait "Trusting Domains" && tm_keys M-d && tm_wait "Initial Password" &&
	tm_text RESOURCE &&
	tm resize-window -t ui -x 100 -y 30 && tm_wait_width 100 &&
	tm resize-window -t ui -x 80 -y 24 && tm_wait_width 80 &&
	tm_wait "Initial Password" && tm_wait "RESOURCE" &&
	tm_screen >"$tmp/screen" && tm_keys Escape && tm_keys Escape
}

tty_unknown_term() {
	tm_start no-such-terminal 80x24 --state "$STATE" &&
	tm_wait "EXITED rc=2" 15 && cat "$TMPD/stderr" >"$tmp/screen"
}

# ---- one row ------------------------------------------------------------

run_row() { # ID KIND ARGS PW EXIT PATTERN AFTER
	local id=$1 kind=$2 args=$3 pw=$4 want=$5 pattern=$6 after=$7
	local got=0 out="$tmp/$id.out" before="$tmp/$id.before"
	STATE="$tmp/$id.state"
	local BAD="$tmp/$id.bad" DIR="$tmp/$id.dir" PW="$tmp/$id.pw"
	mkdir -p "$DIR"
	seed "$kind" "$STATE"
	lists "$STATE" >"$before"
	[ "$kind" = file ] && craft "$pw" "$BAD"
	args=${args//@STATE@/$STATE}
	args=${args//@BAD@/$BAD}
	args=${args//@DIR@/$DIR}
	pattern=${pattern//@BAD@/$BAD}
	if [ "$kind" = tty ]; then
		tm_new_server
		if ! "$args"; then
			not_ok "$id: the screens did not get there"
			tm_screen | sed 's/^/#   /'
			tm_kill
			return
		fi
		tm_kill
		cp "$tmp/screen" "$out"
	else
		local pwargs=()
		if [ "$kind" != file ] && [ "$pw" != - ]; then
			password_file "$pw" "$PW"
			pwargs=(--password-file "$PW")
		fi
		eval "set -- $args"
		# Every row works on simulated domains: never a real host.
		case " $* " in
		*" --state "*|*" --scenario "*) ;;
		*) set -- --state "$STATE" "$@" ;;
		esac
		case " $* " in
		*" --journal "*) ;;
		*) set -- --journal "$tmp/$id.j" "$@" ;;
		esac
		timeout 30 "$USRMGR" "$@" "${pwargs[@]}" >"$out" 2>&1 \
			</dev/null || got=$?
		if [ "$got" = "$want" ]; then
			ok "$id: exit $want"
		else
			not_ok "$id: exit $got, wanted $want"
			sed 's/^/#   /' "$out"
		fi
	fi
	if grep -Eq -- "$pattern" "$out"; then
		ok "$id: says /$pattern/"
	else
		not_ok "$id: does not say /$pattern/"
		sed 's/^/#   /' "$out"
	fi
	judge_after "$id" "$after" "$before"
}

# in_list DC LIST NAME: NAME is one of the entries of DC's LIST
# (trusted_domains or trusting_domains) in trust list --json
in_list() {
	"$USRMGR" --state "$STATE" -S "$1" trust list --json |
		grep -q "\"$2\":\[[^]]*{\"name\":\"$3\""
}

# judge_after ID AFTER BEFORE: each outcome keyword of AFTER (joined by
# "+"); a keyword this runner does not know fails the row, so that no
# outcome written in the table is ever left unchecked.
judge_after() {
	local id=$1 before=$3 tok
	local IFS=+
	for tok in $2; do
		case $tok in
		-) ;;
		same)
			if lists "$STATE" | cmp -s - "$before"; then
				ok "$id: nothing changed"
			else
				not_ok "$id: the domains changed"
				lists "$STATE" | diff "$before" - | sed 's/^/#   /'
			fi ;;
		trusting:?*)
			if in_list DCA trusting_domains "${tok#trusting:}"; then
				ok "$id: ${tok#trusting:} is in ACCOUNTS' Trusting Domains"
			else
				not_ok "$id: ${tok#trusting:} is not in ACCOUNTS' Trusting Domains"
			fi ;;
		trusted:?*)
			if in_list DCB trusted_domains "${tok#trusted:}"; then
				ok "$id: ${tok#trusted:} is in RESOURCE's Trusted Domains"
			else
				not_ok "$id: ${tok#trusted:} is not in RESOURCE's Trusted Domains"
			fi ;;
		policy:?*=?*)
			local kv=${tok#policy:}
			if "$USRMGR" --state "$STATE" -S DCA policy account --json |
				grep -q "[{,]\"${kv%%=*}\":${kv#*=}[,}]"; then
				ok "$id: ACCOUNTS' policy has $kv"
			else
				not_ok "$id: ACCOUNTS' policy does not have $kv"
			fi ;;
		user:?*|nouser:?*)
			local u=${tok#*user:} has=yes
			"$USRMGR" --state "$STATE" -S DCA user show "$u" \
				>/dev/null 2>&1 || has=no
			if [ "$has" = "$([ "${tok%%:*}" = user ] && echo yes ||
					 echo no)" ]; then
				ok "$id: ACCOUNTS has user $u: $has"
			else
				not_ok "$id: ACCOUNTS has user $u: $has"
			fi ;;
		*)
			not_ok "$id: unknown outcome keyword '$tok' (same, trusting:NAME, trusted:NAME, policy:KEY=VALUE, user:NAME, nouser:NAME or -)" ;;
		esac
	done
}

# shellcheck source=tests/bad-input/table.sh
. "$here/table.sh"
n_rows=0
# The table on its own descriptor: nothing a row runs may eat its lines.
while IFS= read -r -u 3 line; do
	table_row "$line" || continue
	run_row "${F[@]}"
	n_rows=$((n_rows + 1))
done 3<"$table"
echo "# $n_rows rows"
if [ "$table" = "$here/cases.table" ] && [ "$n_rows" -lt 40 ]; then
	not_ok "the table has at least 40 rows"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
