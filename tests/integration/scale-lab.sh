#!/bin/bash
# scale-lab.sh: lists at scale on a real Samba AD DC (issue 7).  A few
# hundred trusted-domain objects go into RESOURCE's directory (python3-samba
# in its namespace: one ldb transaction, under a second; partners that do
# not exist, directions mixed: inbound, outbound, both), then:
#  - the CLI (trust list --json) with pages forced small (--page-size 1 and
#    7) and with the default page: every trust exactly once, in the right
#    list(s), and as many round trips as the pages need (USRMGR_RPC_STATS);
#  - the screens (script mode, --page-size 7): Trust Relationships, Down
#    through both lists to the end: every entry selected exactly once;
#  - and they are removed again.
# Uses the run's shared ad lab (lab-fixture.sh); skips (77) where no lab can
# run or USRMGR_LAB_TESTS=no, fails under CI=true.  SCALE_N: how many
# (default 300).  Ends with "N passed, N failed".
#
# Copyright (C) 2026 the usrmgr authors
# SPDX-License-Identifier: GPL-3.0-or-later
set -u
if [ "${USRMGR_LAB_TESTS:-}" = no ]; then
	echo "SKIP: USRMGR_LAB_TESTS=no"
	echo "0 passed, 0 failed"
	exit 77
fi
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/integration/lab-fixture.sh
. "$HERE/lab-fixture.sh"
USRMGR=${USRMGR:-$(pwd)/usrmgr}
case $USRMGR in /*) ;; *) USRMGR=$(pwd)/$USRMGR ;; esac
[ -x "$USRMGR" ] || lab_fail "no usrmgr binary at $USRMGR"
# The hooks (USRMGR_RPC_STATS, USRMGR_UI_SCRIPT) work in the test binary
# only (src/include/test_hooks.h): the same objects as usrmgr.
USRMGR_TEST_BIN=${USRMGR_TEST_BIN:-$(pwd)/tests/usrmgr-test}
case $USRMGR_TEST_BIN in /*) ;; *) USRMGR_TEST_BIN=$(pwd)/$USRMGR_TEST_BIN ;; esac
[ -x "$USRMGR_TEST_BIN" ] || lab_fail "no test binary at $USRMGR_TEST_BIN"
N=${SCALE_N:-300}
PY=/usr/bin/python3

lab_require ad

T=$(mktemp -d "${TMPDIR:-/tmp}/usrmgr-scale.XXXXXX")
chmod 755 "$T"
trap 'rm -rf "$T"' EXIT

# trusts.py CONF add|del N PREFIX: N trusted-domain objects PREFIX0000...,
# direction i % 3 + 1 (1 inbound, 2 outbound, 3 both), in one transaction
cat >"$T/trusts.py" <<'EOF'
import sys, time
import ldb
from samba.param import LoadParm
from samba.samdb import SamDB
from samba.auth import system_session
from samba.ndr import ndr_pack
from samba.dcerpc import security
conf, action, n, prefix = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
lp = LoadParm()
lp.load(conf)
db = SamDB(url=lp.samdb_url(), session_info=system_session(), lp=lp)
base = "CN=System,%s" % db.domain_dn()
t0 = time.time()
db.transaction_start()
try:
    for i in range(n):
        name = "%s%04d" % (prefix, i)
        dn = "CN=%s.scale.test,%s" % (name.lower(), base)
        if action == "add":
            m = ldb.Message()
            m.dn = ldb.Dn(db, dn)
            m["objectClass"] = "trustedDomain"
            m["flatName"] = name
            m["trustPartner"] = "%s.scale.test" % name.lower()
            m["securityIdentifier"] = ndr_pack(
                security.dom_sid("S-1-5-21-1000-2000-%d" % (3000 + i)))
            m["trustDirection"] = str(i % 3 + 1)
            m["trustType"] = "2"
            m["trustAttributes"] = "4"
            db.add(m)
        else:
            try:
                db.delete(dn)
            except ldb.LdbError:
                pass
    db.transaction_commit()
except Exception:
    db.transaction_cancel()
    raise
print("%s %d trusted-domain objects in %.2f s" % (action, n, time.time() - t0))
EOF

trusts() { lab_exec resource "$PY" "$T/trusts.py" "$RESOURCE_SMB_CONF" "$@"; }

# check.py FILE N: the JSON of trust list has ACCOUNTS + the N partners in
# the right lists, each exactly once; prints what is wrong
cat >"$T/check.py" <<'EOF'
import json, sys
from collections import Counter
d = json.load(open(sys.argv[1]))["domains"][0]
n = int(sys.argv[2])
want_out = ["ACCOUNTS"] + ["SCALE%04d" % i for i in range(n) if (i % 3 + 1) & 2]
want_in = ["SCALE%04d" % i for i in range(n) if (i % 3 + 1) & 1]
bad = []
for what, got, want in (("trusted", [t["name"] for t in d["trusted_domains"]], want_out),
                        ("trusting", [t["name"] for t in d["trusting_domains"]], want_in)):
    c = Counter(got)
    dup = [k for k, v in c.items() if v > 1]
    missing = sorted(set(want) - set(got))
    extra = sorted(set(got) - set(want))
    if dup or missing or extra:
        bad.append("%s: %d got, %d wanted, twice: %s, missing: %s, extra: %s"
                   % (what, len(got), len(want), dup[:5], missing[:5], extra[:5]))
print("; ".join(bad) if bad else "ok %d trusted, %d trusting" % (len(want_out), len(want_in)))
sys.exit(1 if bad else 0)
EOF

# screens.py DIR PREFIX N: the selected row of each dump DIR/PREFIXnnn (the
# cursor's line), consecutive repeats (the end of the list) folded; every
# wanted name exactly once
cat >"$T/screens.py" <<'EOF'
import glob, re, sys
from collections import Counter
d, prefix, which, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
seq = []
for f in sorted(glob.glob("%s/%s[0-9][0-9][0-9].screen" % (d, prefix))):
    lines = open(f, encoding="utf-8").read().split("\n")
    m = re.search(r"cursor at line (\d+)", lines[-2] if lines[-1] == "" else lines[-1])
    row = lines[int(m.group(1)) - 1]
    name = re.search(r"[│|] [│|] (\S+)", row)
    name = name.group(1) if name else "?"
    if not seq or seq[-1] != name:
        seq.append(name)
if which == "trusted":
    want = ["ACCOUNTS"] + ["SCALE%04d" % i for i in range(n) if (i % 3 + 1) & 2]
else:
    want = ["SCALE%04d" % i for i in range(n) if (i % 3 + 1) & 1]
c = Counter(seq)
dup = [k for k, v in c.items() if v > 1]
missing = sorted(set(want) - set(seq))
extra = sorted(set(seq) - set(want))
if dup or missing or extra:
    print("%s: %d selected, %d wanted, twice: %s, missing: %s, extra: %s"
          % (which, len(seq), len(want), dup[:5], missing[:5], extra[:5]))
    sys.exit(1)
print("ok %d %s, each selected once" % (len(seq), which))
EOF

out=$(trusts add "$N" SCALE 2>&1)
rc=$?
echo "# $out"
t_is "$N trusted-domain objects added on RESOURCE" 0 "$rc"
[ "$rc" = 0 ] || t_done

n_out=$((1 + $(seq 0 $((N - 1)) | awk '($1 % 3 + 1) >= 2' | wc -l)))
n_in=$(seq 0 $((N - 1)) | awk '($1 % 3 + 1) % 2 == 1' | wc -l)
total=$((N + 1))

# ---- the CLI ---------------------------------------------------------------
list_cli() { # list_cli PAGE_SIZE|default -> $T/list-P.json, stats
	local p=$1 args=()
	[ "$p" = default ] || args=(--page-size "$p")
	USRMGR_RPC_STATS=1 lab_exec console "$USRMGR_TEST_BIN" -S "$RESOURCE_PDC" \
		-A "$RESOURCE_ADMIN_AUTHFILE" "${args[@]}" trust list --json \
		>"$T/list-$p.json" 2>"$T/list-$p.err"
}
ops_of() { sed -n 's/.*operations=\([0-9]*\).*/\1/p' "$T/list-$1.err" | head -1; }

for p in 1 7 default; do
	t0=$(date +%s%N)
	if list_cli "$p"; then
		t1=$(date +%s%N)
		res=$("$PY" "$T/check.py" "$T/list-$p.json" "$N" 2>&1)
		t_check "CLI, page size $p: every trust exactly once ($res; $(( (t1 - t0) / 1000000 )) ms)" \
			test "${res%% *}" = ok
		ops=$(ops_of "$p")
		case $p in
		default) want_ops=1 ;;
		*) want_ops=$(( (total + p - 1) / p )) ;;
		esac
		t_check "CLI, page size $p: $ops list operations for $total entries (at least $want_ops)" \
			test "${ops:-0}" -ge "$want_ops"
	else
		t_not_ok "CLI, page size $p: trust list failed: $(head -3 "$T/list-$p.err")"
	fi
done
t_check "CLI, page size 7: the JSON has $n_out trusted, $n_in trusting" \
	"$PY" -c "import json,sys; d=json.load(open('$T/list-7.json'))['domains'][0]; sys.exit(not (len(d['trusted_domains'])==$n_out and len(d['trusting_domains'])==$n_in))"

# ---- the screens -------------------------------------------------------------
{
	echo "<M-p>t"
	printf ':dump t%03d\n' 0
	for i in $(seq 1 $((n_out + 3))); do echo "<Down>"; printf ':dump t%03d\n' "$i"; done
	echo "<M-u>"
	printf ':dump g%03d\n' 0
	for i in $(seq 1 $((n_in + 3))); do echo "<Down>"; printf ':dump g%03d\n' "$i"; done
	echo "<Esc>"
	echo "<M-u>x"
} >"$T/scale.keys"
mkdir -p "$T/dumps"
chmod 777 "$T/dumps"
t0=$(date +%s%N)
rc=0
LC_ALL=C.UTF-8 TERM=xterm-256color COLUMNS=80 LINES=24 \
	USRMGR_UI_SCRIPT="$T/scale.keys" USRMGR_UI_DUMP_DIR="$T/dumps" \
	lab_exec console "$USRMGR_TEST_BIN" -S "$RESOURCE_PDC" -A "$RESOURCE_ADMIN_AUTHFILE" \
	--page-size 7 >/dev/null 2>"$T/ui.err" || rc=$?
t1=$(date +%s%N)
t_is "screens: the script ran to Exit ($(( (t1 - t0) / 1000000 )) ms for $((n_out + n_in + 8)) keys)" 0 "$rc"
for which in trusted trusting; do
	case $which in trusted) pre=t ;; *) pre=g ;; esac
	res=$("$PY" "$T/screens.py" "$T/dumps" "$pre" "$which" "$N" 2>&1)
	t_check "screens, page size 7: $res" test "${res%% *}" = ok
done

# ---- and away again ----------------------------------------------------------
out=$(trusts del "$N" SCALE 2>&1)
echo "# $out"
list_cli default
t_check "removed: RESOURCE trusts ACCOUNTS only again" \
	"$PY" -c "import json,sys; d=json.load(open('$T/list-default.json'))['domains'][0]; sys.exit(not ([t['name'] for t in d['trusted_domains']]==['ACCOUNTS'] and d['trusting_domains']==[]))"
t_done
