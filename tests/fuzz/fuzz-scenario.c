/*
 * fuzz-scenario: the scenario/state reader (src/backend/sim/scenario.c, inih) on
 * hostile text.  Each input is written as a scenario file beside a copy
 * of scenarios/domains.ini (so "include = domains.ini" works) and parsed.
 * When it parses, the world is saved as a state file and read back: what
 * usrmgr writes it must read again, with the same domains and trusts.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <talloc.h>

#include "sim_world.h"
#include "fuzz.h"

static char *dir, *input, *state;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	dir = fuzz_tmpdir("scenario");
	input = talloc_asprintf(NULL, "%s/input.ini", dir);
	state = talloc_asprintf(NULL, "%s/state.ini", dir);
	fuzz_copy_file(SRC_SCENARIODIR "/domains.ini", dir, "domains.ini");
	return 0;
}

static void same_world(const struct um_sim_world *a,
		       const struct um_sim_world *b)
{
	size_t i, j;

	FUZZ_ASSERT(a->n_domains == b->n_domains);
	for (i = 0; i < a->n_domains; i++) {
		const struct sim_domain *x = &a->domains[i], *y = &b->domains[i];
		FUZZ_ASSERT(strcmp(x->name, y->name) == 0);
		FUZZ_ASSERT(strcmp(x->pdc, y->pdc) == 0);
		FUZZ_ASSERT(x->dialect == y->dialect);
		FUZZ_ASSERT(x->reachable == y->reachable);
		FUZZ_ASSERT(x->n_trusted == y->n_trusted);
		FUZZ_ASSERT(x->n_trusting == y->n_trusting);
		for (j = 0; j < x->n_trusted; j++) {
			FUZZ_ASSERT(strcmp(x->trusted[j].partner,
					   y->trusted[j].partner) == 0);
			FUZZ_ASSERT(strcmp(x->trusted[j].nthash,
					   y->trusted[j].nthash) == 0);
			FUZZ_ASSERT(x->channel[j] == y->channel[j]);
		}
		for (j = 0; j < x->n_trusting; j++) {
			FUZZ_ASSERT(strcmp(x->trusting[j].partner,
					   y->trusting[j].partner) == 0);
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct um_sim_world *w = NULL, *back = NULL;
	char *why = NULL;

	fuzz_write_file(input, data, size);
	if (um_is_ok(sim_world_parse(mem, input, &w, &why))) {
		FUZZ_ASSERT(w != NULL && w->n_domains > 0);
		w->state_file = state;
		if (um_is_ok(sim_world_save(w))) {
			char *why2 = NULL;
			struct um_status st = sim_world_parse(mem, state, &back,
							      &why2);
			if (!um_is_ok(st)) {
				fprintf(stderr, "state not read back: %s\n",
					why2 ? why2 : "?");
				FUZZ_ASSERT(!"a saved state reads back");
			}
			same_world(w, back);
		}
	} else {
		FUZZ_ASSERT(w == NULL && why != NULL);
	}
	talloc_free(mem);
	return 0;
}
