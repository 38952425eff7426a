#!/bin/bash
# Issue 21: usrmgr looks a real PDC's name up on a thread of its own while
# the RPC module loads (src/engine/lookup.c), and the connection waits for
# that answer.  A resolver that never answers must not hang the console:
# the wait counts against the connect's own limit (20 s,
# src/backend/rpc/rpc_conn.c), as Samba's forked lookup did before.
#
# The silent resolver: usrmgr in network and mount namespaces of its own,
# whose /etc/resolv.conf names a DNS server (timeout:30) on a veth link
# where nothing answers (its neighbour entry fixed: no ARP to fail on, the
# queries go out and nothing comes back), and a PDC name
# no hosts file has.  Needs root (unshare); CI runs as root, and there a
# skip is a failure.
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
	>"$tmp/resolv.conf"
printf 'username = nobody\npassword = x\ndomain = NOWHERE\n' >"$tmp/auth"
chmod 600 "$tmp/auth"
start=$(date +%s)
unshare -n -m sh -c '
	ip link set lo up &&
	ip link add silent0 type veth peer name silent1 &&
	ip addr add 192.0.2.1/24 dev silent0 &&
	ip link set silent0 up && ip link set silent1 up &&
	ip neigh add 192.0.2.53 lladdr 02:00:00:00:00:53 dev silent0 \
		nud permanent &&
	mount --bind "$1/resolv.conf" /etc/resolv.conf &&
	exec timeout 120 "$2" -S silent-pdc.example -A "$1/auth" trust list
' sh "$tmp" "$USRMGR" >"$tmp/out" 2>"$tmp/err"
rc=$?
elapsed=$(($(date +%s) - start))

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
finish
