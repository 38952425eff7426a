#!/bin/sh
# usrmgr screen-dump tests (tig's approach): the test binary ($USRMGR_TEST_BIN,
# usrmgr's objects with the test hooks on: src/include/test_hooks.h) reads
# scripted keys (USRMGR_UI_SCRIPT), draws into curses' own screen and writes it out
# as text at each ":dump NAME"; each dump is compared with the expected
# text in tests/ui/expected/SCRIPT-NAME.screen.
#
# The expected files change only through "make update-screens", which
# runs this script with the argument --update.  Nothing in the environment
# can turn that on (UPDATE_SCREENS, once the switch, is ignored): make
# check runs test scripts without arguments, so a test run always compares
# (tests/ui/update-guard.sh proves it).
#
# Each tests/ui/screens/*.keys script may start with settings:
#   #@ TERM=vt100        the terminal (default xterm-256color)
#   #@ SIZE=80x24        the size (default 80x24)
#   #@ SCENARIO=large    the simulated scenario (default kb207957), or
#                        a file in tests/ui/screens (lists.ini)
#   #@ ARGS=--ascii      more arguments for usrmgr
#   #@ ENV=NO_COLOR=1    one more environment variable
#
# UI_WRAPPER runs the binary under a tool, e.g.
#   UI_WRAPPER="valgrind -q --leak-check=full --error-exitcode=9
#     --suppressions=tests/ui/valgrind.supp" tests/ui/screens.sh
. "$(dirname "$0")/lib.sh"

USRMGR=$USRMGR_TEST_BIN
need_binary

SCREENS="$UI_TESTS_DIR/screens"
EXPECTED="$UI_TESTS_DIR/expected"
update=
case ${1:-} in
--update) update=yes ;;
"") ;;
*) echo "usage: $0 [--update]" >&2; exit 2 ;;
esac

setting() { # setting NAME DEFAULT FILE
	v=$(sed -n "s/^#@ $1=//p" "$3" | tail -n 1)
	echo "${v:-$2}"
}

run_script() { # run_script NAME FILE OUTDIR
	name=$1; keys=$2; out=$3
	term=$(setting TERM xterm-256color "$keys")
	size=$(setting SIZE 80x24 "$keys")
	scen=$(setting SCENARIO kb207957 "$keys")
	# a scenario of the tests' own, beside the scripts
	[ -f "$SCREENS/$scen" ] && scen=$SCREENS/$scen
	args=$(setting ARGS "" "$keys")
	extra=$(setting ENV "" "$keys")
	mkdir -p "$out"
	# each script its own journal: a repair one leaves unfinished
	# (wizard-down-long) is not offered to the next
	# shellcheck disable=SC2086
	env TERM="$term" COLUMNS="${size%x*}" LINES="${size#*x}" \
		XDG_STATE_HOME="$TMPD/state/$name" \
		USRMGR_UI_SCRIPT="$keys" USRMGR_UI_DUMP_DIR="$out" $extra \
		timeout 300 ${UI_WRAPPER:-} "$USRMGR" --scenario "$scen" \
		--state "$TMPD/$name.state" $args \
		>"$TMPD/$name.out" 2>"$TMPD/$name.err"
}

compare_dump() { # compare_dump NAME DUMPFILE
	base=$(basename "$2")
	exp="$EXPECTED/$1-$base"
	if [ -n "$update" ]; then
		cp "$2" "$exp"
		ok "$1: $base (updated)"
	elif [ ! -f "$exp" ]; then
		not_ok "$1: $base has no expected screen (make update-screens)"
	elif diff -u "$exp" "$2" > "$TMPD/diff"; then
		ok "$1: $base"
	else
		not_ok "$1: $base differs from the expected screen"
		sed 's/^/# /' "$TMPD/diff"
	fi
}

# The script an expected screen belongs to: the longest script name
# that prefixes it ("trust-dialog-x.screen" is trust-dialog's, not trust's).
owner_of() { # owner_of EXPECTED-FILE
	local f best= k n
	f=$(basename "$1")
	for k in "$SCREENS"/*.keys; do
		n=$(basename "$k" .keys)
		case $f in "$n-"*) [ ${#n} -gt ${#best} ] && best=$n ;; esac
	done
	echo "$best"
}

# Expected screens whose dump was not made any more.
missing_dumps() { # missing_dumps NAME OUTDIR
	for exp in "$EXPECTED/$1-"*.screen; do
		[ -f "$exp" ] || continue
		[ "$(owner_of "$exp")" = "$1" ] || continue
		dump="$2/${exp#"$EXPECTED/$1-"}"
		if [ ! -f "$dump" ]; then
			if [ -n "$update" ]; then
				rm -f "$exp"
			else
				not_ok "$1: ${dump##*/} expected but not dumped"
			fi
		fi
	done
}

for keys in "$SCREENS"/*.keys; do
	name=$(basename "$keys" .keys)
	out="$TMPD/out/$name"
	if run_script "$name" "$keys" "$out"; then
		ok "$name: usrmgr ran the script and exited 0"
	else
		not_ok "$name: usrmgr exited $? ($(head -c 300 "$TMPD/$name.err"))"
	fi
	for dump in "$out"/*.screen; do
		[ -f "$dump" ] && compare_dump "$name" "$dump"
	done
	missing_dumps "$name" "$out"
done

finish
