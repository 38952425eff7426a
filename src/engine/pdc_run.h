/*
 * usrmgr - the engine's own way to run a backend operation on a PDC, for
 * the modules beside the model (policy.c): not seen by ui/ or the CLI.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifndef USRMGR_PDC_RUN_H
#define USRMGR_PDC_RUN_H

#include "backend.h"

/* Which operation of a backend's table to run. */
typedef um_op_send_fn (*um_op_pick_fn)(const struct um_backend_ops *o);

/* Run it on P (connecting first, the first time), waiting on the
 * model's loop; WHAT is the busy text.  NULL in the table: the backend
 * cannot (UM_LOCAL_NOT_SUPPORTED). */
struct um_status um_pdc_run(struct um_pdc *p, um_op_pick_fn pick,
			    const struct um_args *args, TALLOC_CTX *mem,
			    struct um_reply *reply, const char *what);

/* Work of many operations on P under one busy notice WHAT (views.c
 * reads a whole list to sort it): the operations' own notices nest in
 * it, and Esc cancels the one under way.  Each begin needs its end. */
void um_pdc_busy_begin(struct um_pdc *p, const char *what);
void um_pdc_busy_end(struct um_pdc *p);

#endif
