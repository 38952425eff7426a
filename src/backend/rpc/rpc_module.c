/*
 * usrmgr - the RPC backend's one exported symbol: the table the model
 * calls it through once it has loaded usrmgr-rpc.so (src/backend/backend.h).
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include "rpc_internal.h"

const struct um_rpc_module um_rpc_module
	__attribute__((visibility("default"))) = {
	.version = UM_RPC_MODULE_VERSION,
	.attach = um_backend_rpc_attach,
	.connect_send = um_backend_rpc_connect_send,
	.connect_recv = um_backend_rpc_connect_recv,
	.ops = um_backend_rpc_ops,
	.status_name = um_backend_status_name,
};
