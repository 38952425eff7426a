#!/bin/bash
# Issue 21: usrmgr looks a real PDC's name up on a thread of its own while
# the RPC module loads (src/engine/lookup.c), and the connection waits for
# that answer.  A resolver that never answers must not hang the console:
# the wait has the connect's own limit (20 s,
# src/backend/rpc/rpc_conn.c), as Samba's forked lookup did before.
#
# The silent resolver: usrmgr in network and mount namespaces of its own,
# whose /etc/resolv.conf names a DNS server (timeout:30) on a veth link
# where nothing answers (its neighbour entry fixed: no ARP to fail on, the
# queries go out and nothing comes back), and a PDC name
# no hosts file has.  Needs root (unshare); CI runs as root, and there a
# skip is a failure.
#
# And a resolver that says "no" only after its timeout (2 s): the name is
# not asked of it a second time by Samba's own lookup ("host" leaves
# Samba's order for that PDC; lmhosts, WINS and broadcast stay): usrmgr
# says "Could not find domain controller" after one timeout, not two.
. "$(dirname "$0")/lib.sh"

if [ "$(id -u)" != 0 ] || ! unshare -n -m true 2>/dev/null; then
	if [ "${CI:-}" = true ]; then
		not_ok "a resolver that never answers: needs root and unshare(1)"
	else
		ok "# SKIP a resolver that never answers: needs root and unshare(1)"
	fi
	finish
	exit
fi

printf 'nameserver 192.0.2.53\noptions timeout:30 attempts:1\n' \
	>"$tmp/never.conf"
printf 'nameserver 192.0.2.53\noptions timeout:2 attempts:1\n' \
	>"$tmp/slow.conf"
printf '[global]\n\tworkgroup = NOWHERE\n' >"$tmp/smb.conf"
printf 'username = nobody\npassword = x\ndomain = NOWHERE\n' >"$tmp/auth"
chmod 600 "$tmp/auth"
# silent RESOLV_CONF [USRMGR_ARGS...]: usrmgr's trust list of
# silent-pdc.example there (out, err, $rc, $elapsed_ms)
silent() {
	local start
	cp "$1" "$tmp/resolv.conf"
	shift
	start=$(date +%s%N)
	unshare -n -m sh -c '
		ip link set lo up &&
		ip link add silent0 type veth peer name silent1 &&
		ip addr add 192.0.2.1/24 dev silent0 &&
		ip link set silent0 up && ip link set silent1 up &&
		ip neigh add 192.0.2.53 lladdr 02:00:00:00:00:53 \
			dev silent0 nud permanent &&
		mount --bind "$1/resolv.conf" /etc/resolv.conf &&
		t=$1 u=$2 && shift 2 &&
		exec timeout 120 "$u" -S silent-pdc.example -A "$t/auth" \
			"$@" trust list
	' sh "$tmp" "$USRMGR" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	elapsed_ms=$((($(date +%s%N) - start) / 1000000))
}

silent "$tmp/never.conf"
elapsed=$((elapsed_ms / 1000))

if [ "$rc" = 1 ]; then
	ok "a PDC whose name gets no answer: usrmgr gives up (exit 1)"
else
	not_ok "a PDC whose name gets no answer: usrmgr gives up (exit $rc, wanted 1)"
	sed 's/^/#   /' "$tmp/out" "$tmp/err"
fi
expect "... as a connect that timed out says (NT_STATUS_IO_TIMEOUT)" \
	NT_STATUS_IO_TIMEOUT err
# the resolver alone would keep it 30 s, and Samba's own lookup after it
# up to 20 s more
if [ "$elapsed" -ge 19 ] && [ "$elapsed" -le 27 ]; then
	ok "... after the connect's limit, 20 s (took ${elapsed} s)"
else
	not_ok "... after the connect's limit, 20 s (took ${elapsed} s)"
fi

# Samba's default order (lmhosts wins host bcast), no lmhosts entry, no
# WINS server: without usrmgr's lookup, the name's "no" took one 2 s
# timeout; asking the resolver twice took two.
silent "$tmp/slow.conf" -s "$tmp/smb.conf"
if [ "$rc" = 1 ] && grep -q NT_STATUS_DOMAIN_CONTROLLER_NOT_FOUND "$tmp/err"
then
	ok "a resolver that says no after 2 s: Could not find domain controller"
else
	not_ok "a resolver that says no after 2 s: Could not find domain controller (exit $rc)"
	sed 's/^/#   /' "$tmp/out" "$tmp/err"
fi
if [ "$elapsed_ms" -ge 1900 ] && [ "$elapsed_ms" -lt 3600 ]; then
	ok "... after one resolver timeout, not two (took $elapsed_ms ms)"
else
	not_ok "... after one resolver timeout, not two (took $elapsed_ms ms)"
fi
finish
