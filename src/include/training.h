/*
 * usrmgr - training: the trainee repairs a broken trust in the ordinary
 * screens while usrmgr watches every operation through the model, gives
 * hints on request, explains mistakes (a step out of order, on the wrong
 * PDC) and sums up at the end.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifndef USRMGR_TRAINING_H
#define USRMGR_TRAINING_H

#include <time.h>
#include "model.h"
#include "diagnosis.h"

struct um_training;

struct um_training_options {
	const char *resource_pdc;
	const char *accounts_pdc;
	const char *user;                   /* logon test, "DOM\\user" */
	const struct um_secret *user_password;
};

/* Diagnose the pair and begin watching.  A healthy pair has nothing to
 * train on: UM_LOCAL_USAGE. */
struct um_status um_training_start(TALLOC_CTX *mem, struct um_model *m,
				   const struct um_training_options *opt,
				   struct um_training **out);

enum um_verdict um_training_verdict(const struct um_training *t);

/* What to do next, in the operator's words (counts as a hint). */
char *um_training_hint(struct um_training *t, TALLOC_CTX *mem);

/* pdc-unreachable ends when the trainee names the cause. */
bool um_training_name_cause(struct um_training *t, enum um_verdict v);

/* Messages since the last call: explanations of mistakes and progress,
 * in the operator's words; NULL when there are none. */
char *um_training_take_messages(struct um_training *t, TALLOC_CTX *mem);

bool um_training_finished(const struct um_training *t);

struct um_training_summary {
	unsigned steps;     /* steps of the procedure done */
	unsigned needed;    /* steps the procedure needed */
	unsigned mistakes;
	unsigned hints;
	unsigned seconds;
	bool repaired;
};
void um_training_summary(const struct um_training *t,
			 struct um_training_summary *s);
char *um_training_summary_text(const struct um_training *t,
			       TALLOC_CTX *mem);

#endif
