/*
 * usrmgr - the NDR pidl made from src/backend/rpc/idl/umdrs.idl
 * (build-aux/gen-umdrs), compiled here: generated code leaves some
 * parameters unused, which our warnings would refuse.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "gen/ndr_umdrs.c"
