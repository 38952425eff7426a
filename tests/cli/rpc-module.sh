#!/bin/bash
# Issue 21: Samba's client libraries load only when a real PDC is named.
# usrmgr on simulated domains starts without them (not linked, not
# loaded); the first real PDC loads usrmgr-rpc.so, which works (it
# reaches the network: an address where nothing listens answers with a
# network status, not USRMGR_NO_RPC_MODULE); a copy of the program
# outside its build tree does not take the tree's module.
. "$(dirname "$0")/lib.sh"

loaded() { # FILE: the dynamic loader's log names the RPC module / Samba
	cat "$@" 2>/dev/null | grep -q "usrmgr-rpc.so"
}

if ldd "$USRMGR" | grep -q -E "libdcerpc|libsamba|libsmbclient"; then
	not_ok "usrmgr links no Samba library"
	ldd "$USRMGR" | grep -E "libdcerpc|libsamba|libsmbclient" | sed 's/^/#   /'
else
	ok "usrmgr links no Samba library"
fi

LD_DEBUG=files LD_DEBUG_OUTPUT="$tmp/sim" \
	"$USRMGR" --scenario healthy -S DCB trust list >"$tmp/out" 2>&1 || true
if grep -q ACCOUNTS "$tmp/out" && ! loaded "$tmp/sim".*; then
	ok "a simulated trust list works without loading the RPC module"
else
	not_ok "a simulated trust list works without loading the RPC module"
	sed 's/^/#   /' "$tmp/out"
fi

printf 'username = nobody\npassword = x\ndomain = NOWHERE\n' >"$tmp/auth"
chmod 600 "$tmp/auth"
LD_DEBUG=files LD_DEBUG_OUTPUT="$tmp/real" timeout 60 \
	"$USRMGR" -S 127.0.0.1 -A "$tmp/auth" trust list >"$tmp/out" 2>&1 || true
if loaded "$tmp/real".* && ! grep -q USRMGR_NO_RPC_MODULE "$tmp/out" &&
	grep -q -E "NT_STATUS_|WERR_" "$tmp/out"; then
	ok "a real PDC loads the RPC module, which answers from the network"
else
	not_ok "a real PDC loads the RPC module, which answers from the network"
	sed 's/^/#   /' "$tmp/out"
fi

# A copy elsewhere is not the build tree's program: it looks only under
# the install prefix (a test hook-free path nobody can redirect).
cp "$USRMGR" "$tmp/usrmgr"
timeout 60 "$tmp/usrmgr" -S 127.0.0.1 -A "$tmp/auth" trust list \
	>"$tmp/out" 2>&1 || true
if [ -e "$(sed -n 's/^pkglibdir = //p' "$top_builddir/Makefile" 2>/dev/null)/usrmgr-rpc.so" ]; then
	ok "# SKIP usrmgr is installed here: a copy finds the installed module"
elif grep -q USRMGR_NO_RPC_MODULE "$tmp/out"; then
	ok "a copy outside the build tree does not load the tree's module"
else
	not_ok "a copy outside the build tree does not load the tree's module"
	sed 's/^/#   /' "$tmp/out"
fi
finish
