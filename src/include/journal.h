/*
 * usrmgr - the journal: the audit trail of every repair, one JSON object
 * per line, appended and fsync'd before the step it announces runs.
 * Never a secret in it.  Default $XDG_STATE_HOME/usrmgr/journal.jsonl.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifndef USRMGR_JOURNAL_H
#define USRMGR_JOURNAL_H

#include <stdbool.h>
#include <talloc.h>
#include "status.h"

struct um_journal;

/* One event as written and as read back. */
struct um_journal_event {
	char *time;       /* ISO 8601, UTC */
	char *user;       /* who ran usrmgr */
	char *host;
	char *repair;     /* the repair's id */
	char *event;      /* "repair-start", "step-start", "step-done",
			   * "step-skipped", "step-failed", "repair-end" */
	char *step;       /* the step's id, or NULL */
	char *pdc;        /* the PDC the step works on */
	char *resource_pdc;
	char *accounts_pdc;
	char *resource;   /* domain names */
	char *accounts;
	char *status;     /* the status's name */
	char *message;    /* the operator's words (English) */
	char *verdict;    /* repair-start/-end: the diagnosis */
	char *outcome;    /* repair-end: "repaired", "failed", ... */
	char *test_user;  /* repair-start: the logon test's user ("DOM\\user"),
			   * never its password */
};

/* PATH NULL: the default.  Directories are made with mode 0700. */
struct um_status um_journal_open(TALLOC_CTX *mem, const char *path,
				 struct um_journal **out);
const char *um_journal_path(const struct um_journal *j);

/* Append one event (fills time, user, host) and fsync. */
struct um_status um_journal_append(struct um_journal *j,
				   const struct um_journal_event *e);

/* Every event in the file, oldest first; lines that are not a journal
 * object (a torn last line after a crash, garbage) are skipped and
 * counted in *SKIPPED. */
struct um_status um_journal_read(TALLOC_CTX *mem, const char *path,
				 struct um_journal_event **events, size_t *n,
				 size_t *skipped);

/* Parse one line; false when it is not a journal event. */
bool um_journal_parse_line(TALLOC_CTX *mem, const char *line, size_t len,
			   struct um_journal_event *e);

#endif
