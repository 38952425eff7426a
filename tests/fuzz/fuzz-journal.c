/*
 * fuzz-journal: the journal reader (src/engine/journal.c, json-c) on hostile
 * lines.  Each input is parsed as one line, then written as a whole file
 * and read with um_journal_read (torn lines, garbage, NULs).  Every event
 * that parses is appended to a fresh journal with um_journal_append and
 * read back: the same event, field by field.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "journal.h"
#include "fuzz.h"

static char *dir, *input, *copy;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	dir = fuzz_tmpdir("journal");
	input = talloc_asprintf(NULL, "%s/input.jsonl", dir);
	copy = talloc_asprintf(NULL, "%s/copy/journal.jsonl", dir);
	return 0;
}

static bool same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	       (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* The fields um_journal_append keeps as given (it fills time, user, host). */
static void same_event(const struct um_journal_event *a,
		       const struct um_journal_event *b)
{
	FUZZ_ASSERT(same(a->repair, b->repair));
	FUZZ_ASSERT(same(a->event, b->event));
	FUZZ_ASSERT(same(a->step, b->step));
	FUZZ_ASSERT(same(a->pdc, b->pdc));
	FUZZ_ASSERT(same(a->resource_pdc, b->resource_pdc));
	FUZZ_ASSERT(same(a->accounts_pdc, b->accounts_pdc));
	FUZZ_ASSERT(same(a->resource, b->resource));
	FUZZ_ASSERT(same(a->accounts, b->accounts));
	FUZZ_ASSERT(same(a->status, b->status));
	FUZZ_ASSERT(same(a->message, b->message));
	FUZZ_ASSERT(same(a->verdict, b->verdict));
	FUZZ_ASSERT(same(a->outcome, b->outcome));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct um_journal_event e, *events = NULL, *back = NULL;
	struct um_journal *j = NULL;
	size_t n = 0, skipped = 0, n_back = 0, skipped_back = 0, i;

	if (um_journal_parse_line(mem, (const char *)data, size, &e)) {
		FUZZ_ASSERT(e.repair != NULL && e.event != NULL);
	}

	/* The whole input as a journal file: every line counted once. */
	fuzz_write_file(input, data, size);
	FUZZ_ASSERT(um_is_ok(um_journal_read(mem, input, &events, &n,
					     &skipped)));
	{
		size_t lines = 0;
		for (i = 0; i < size; i++)
			lines += data[i] == '\n';
		if (size > 0 && data[size - 1] != '\n')
			lines++;
		FUZZ_ASSERT(n + skipped <= lines);
	}

	/* What was read, written again and read back: the same events. */
	unlink(copy);
	FUZZ_ASSERT(um_is_ok(um_journal_open(mem, copy, &j)));
	for (i = 0; i < n; i++) {
		FUZZ_ASSERT(um_is_ok(um_journal_append(j, &events[i])));
	}
	FUZZ_ASSERT(um_is_ok(um_journal_read(mem, copy, &back, &n_back,
					     &skipped_back)));
	FUZZ_ASSERT(n_back == n && skipped_back == 0);
	for (i = 0; i < n; i++) {
		same_event(&events[i], &back[i]);
	}
	talloc_free(mem);
	return 0;
}
