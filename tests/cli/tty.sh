#!/bin/bash
# The command line on a terminal (tmux), issue 18: the repair's "Run this
# step?" asks again after an answer it does not know (EOF still stops),
# and prose is wrapped at the terminal's width, at words (COLUMNS first,
# as POSIX has it, else the terminal's size), never --json nor what goes
# to a pipe.
set -u
. "$top_srcdir/tests/ui/lib.sh"
need_tmux
need_binary

# run_cli COLSxROWS ENV COMMAND: COMMAND (a shell line; $U is usrmgr) in a
# fresh pane; "EXITED rc=N" when it ends.
run_cli() {
	local cols=${1%x*} rows=${1#*x}
	cat >"$TMPD/cli.sh" <<EOS
#!/bin/bash
export TERM=xterm LC_ALL=C.UTF-8 LANGUAGE= $2
U=$USRMGR
$3
echo "EXITED rc=\$?"
sleep 600
EOS
	chmod +x "$TMPD/cli.sh"
	tm_kill
	tm_new_server
	tm new-session -d -x "$cols" -y "$rows" -s ui "$TMPD/cli.sh"
}

# The pane's text with the lines the terminal wrapped joined again: what
# usrmgr itself wrote as lines.
joined() { tm capture-pane -p -J -t ui -S - | sed 's/ *$//'; }
widest() { joined | awk '{ if (length($0) > w) w = length($0) } END { print w + 0 }'; }

printf 'Tty.pw1\n' >"$TMPD/pw"
seed() { rm -f "$1"; "$USRMGR" --scenario "${2:-kb207957}" --state "$1" trust list >/dev/null; }
DIAG='$U --state '$TMPD'/d.st trust diagnose --resource-pdc DCB --accounts-pdc DCA'

# ---- wrapping -----------------------------------------------------------
seed "$TMPD/d.st" password-mismatch
run_cli 50x40 "COLUMNS=" "$DIAG"
check "diagnose at 50 columns: ends" tm_wait "EXITED rc=1"
w=$(widest)
check "diagnose at 50 columns: no line wider than 50 ($w)" [ "$w" -le 50 ]
check "diagnose at 50 columns: the advice is there" \
	eval 'joined | tr "\n" " " | grep -q "password"'
# wrapped at words: the same words as the unwrapped text, none cut
words() { tr -s ' \n' '\n\n' | grep -v '^EXITED\|^rc=' | grep .; }
"$USRMGR" --state "$TMPD/d.st" trust diagnose --resource-pdc DCB \
	--accounts-pdc DCA 2>&1 | words >"$TMPD/words.pipe"
joined | words >"$TMPD/words.tty"
check "diagnose at 50 columns: wrapped at words, none cut" \
	cmp -s "$TMPD/words.pipe" "$TMPD/words.tty"
run_cli 80x40 "COLUMNS=40" "$DIAG"
check "COLUMNS=40 on an 80-column terminal: ends" tm_wait "EXITED rc=1"
w=$(widest)
check "COLUMNS=40: no line wider than 40 ($w)" [ "$w" -le 40 ]
run_cli 50x40 "COLUMNS=" "$DIAG --json"
check "--json at 50 columns: ends" tm_wait "EXITED rc=1"
check "--json is one line, never wrapped" \
	eval 'joined | grep -q "^{\"ok\":true,\"verdict\":\"password-mismatch\".*}\$"'
run_cli 50x40 "COLUMNS=" "$DIAG | cat"
check "to a pipe at 50 columns: ends" tm_wait "EXITED rc=0"
w=$(widest)
check "to a pipe: left as it is, not wrapped ($w)" [ "$w" -gt 50 ]
# the repair's plan at 60 columns, the continuation lines indented
seed "$TMPD/r.st"
run_cli 60x60 "COLUMNS=" "\$U --state $TMPD/r.st --journal $TMPD/r.j trust repair --resource-pdc DCB --accounts-pdc DCA --yes --password-file $TMPD/pw"
check "repair at 60 columns: ends" tm_wait "EXITED rc=0" 20
w=$(widest)
check "repair at 60 columns: no line wider than 60 ($w)" [ "$w" -le 60 ]
check "repair: a step's text keeps its indentation when wrapped" \
	eval 'joined | grep -A1 "^  Remove ACCOUNTS from the Trusted" | tail -1 | grep -q "^  [^ ]"'

# ---- Run this step? -----------------------------------------------------
seed "$TMPD/q.st"
REPAIR="\$U --state $TMPD/q.st --journal $TMPD/q.j trust repair --resource-pdc DCB --accounts-pdc DCA --password-file $TMPD/pw"
run_cli 80x40 "" "$REPAIR"
check "asks before step 1" tm_wait "Run this step?"
tm_text "x"; tm_keys Enter
check "an unknown answer: asked again" \
	eval 'tm_wait "Answer y, a or q." && [ "$(tm_screen | grep -c "Run this step?")" = 2 ]'
check "an unknown answer: nothing ran, usrmgr still there" \
	eval '! tm_screen | grep -q "EXITED\|done and checked"'
tm_text "no"; tm_keys Enter
check "\"no\": asked again too" \
	eval 'sleep 0.3; [ "$(tm_screen | grep -c "Run this step?")" = 3 ]'
tm_text "y"; tm_keys Enter
check "y runs step 1 and asks before step 2" \
	eval 'tm_wait "Step 1 (" && [ "$(tm_screen | grep -c "Run this step?")" = 4 ]'
tm_text "q"; tm_keys Enter
check "q stops" tm_wait "EXITED rc=1"
check "q: says how to go on" eval 'joined | grep -q -- "--resume"'
seed "$TMPD/q.st"
rm -f "$TMPD/q.j"
run_cli 80x40 "" "$REPAIR"
check "again: asks before step 1" tm_wait "Run this step?"
tm_keys C-d
check "EOF at the question stops cleanly" tm_wait "EXITED rc=1"
check "EOF: nothing ran" \
	eval '"$USRMGR" --state "$TMPD/q.st" -S DCB trust list | grep -q ACCOUNTS'
finish
