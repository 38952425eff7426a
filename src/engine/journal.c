/*
 * usrmgr - the journal, with json-c.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <json-c/json.h>

#include "journal.h"
#include "files.h"

/* Journals bigger than this are not read whole (a repair's story is a few
 * kilobytes; an operator's years of repairs fit easily). */
#define JOURNAL_MAX_BYTES (64u * 1024 * 1024)

struct um_journal {
	char *path;
	char *user;
	char *host;
};

/* mkdir -p with mode 0700 for every directory made. */
static int make_dirs(char *path)
{
	char *p;

	for (p = path + 1; *p != '\0'; p++) {
		if (*p != '/') {
			continue;
		}
		*p = '\0';
		if (mkdir(path, 0700) != 0 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return 0;
}

static char *default_path(TALLOC_CTX *mem)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	struct passwd *pw;

	if (state != NULL && state[0] == '/') {
		return talloc_asprintf(mem, "%s/usrmgr/journal.jsonl", state);
	}
	if (home == NULL || home[0] != '/') {
		pw = getpwuid(getuid());
		home = pw ? pw->pw_dir : "/";
	}
	return talloc_asprintf(mem, "%s/.local/state/usrmgr/journal.jsonl",
			       home);
}

static char *who(TALLOC_CTX *mem)
{
	struct passwd *pw = getpwuid(getuid());

	return talloc_strdup(mem, pw ? pw->pw_name : "?");
}

/* For appending; only a regular file will do (a FIFO would block). */
static int open_journal(const char *path)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NONBLOCK |
				    O_CLOEXEC, 0600);
	struct stat sb;

	if (fd >= 0 && (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode))) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	return fd;
}

struct um_status um_journal_open(TALLOC_CTX *mem, const char *path,
				 struct um_journal **out)
{
	struct um_journal *j = talloc_zero(mem, struct um_journal);
	char host[256] = "?";
	int fd;

	*out = NULL;
	if (j == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	j->path = path ? talloc_strdup(j, path) : default_path(j);
	gethostname(host, sizeof(host) - 1);
	j->host = talloc_strdup(j, host);
	j->user = who(j);
	if (make_dirs(j->path) != 0) {
		talloc_free(j);
		return um_local(UM_LOCAL_IO);
	}
	fd = open_journal(j->path);
	if (fd < 0) {
		talloc_free(j);
		return um_local(UM_LOCAL_IO);
	}
	close(fd);
	*out = j;
	return um_ok();
}

const char *um_journal_path(const struct um_journal *j)
{
	return j->path;
}

static void add(struct json_object *o, const char *key, const char *v)
{
	if (v != NULL) {
		json_object_object_add(o, key, json_object_new_string(v));
	}
}

static void now_iso(char buf[32])
{
	struct timespec ts;
	struct tm tm;

	clock_gettime(CLOCK_REALTIME, &ts);
	gmtime_r(&ts.tv_sec, &tm);
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

struct um_status um_journal_append(struct um_journal *j,
				   const struct um_journal_event *e)
{
	struct json_object *o = json_object_new_object();
	const char *line;
	char when[32];
	size_t len;
	ssize_t w;
	int fd;

	now_iso(when);
	add(o, "time", when);
	add(o, "user", j->user);
	add(o, "host", j->host);
	add(o, "repair", e->repair);
	add(o, "event", e->event);
	add(o, "step", e->step);
	add(o, "pdc", e->pdc);
	add(o, "resource_pdc", e->resource_pdc);
	add(o, "accounts_pdc", e->accounts_pdc);
	add(o, "resource", e->resource);
	add(o, "accounts", e->accounts);
	add(o, "status", e->status);
	add(o, "message", e->message);
	add(o, "verdict", e->verdict);
	add(o, "outcome", e->outcome);
	add(o, "test_user", e->test_user);
	line = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
					      JSON_C_TO_STRING_NOSLASHESCAPE);
	len = strlen(line);
	fd = open_journal(j->path);
	if (fd < 0) {
		json_object_put(o);
		return um_local(UM_LOCAL_IO);
	}
	/* One write per line: O_APPEND keeps concurrent writers whole. */
	{
		char *buf = talloc_asprintf(NULL, "%s\n", line);
		w = write(fd, buf, len + 1);
		talloc_free(buf);
	}
	json_object_put(o);
	if (w != (ssize_t)(len + 1) || fsync(fd) != 0) {
		close(fd);
		return um_local(UM_LOCAL_IO);
	}
	close(fd);
	return um_ok();
}

static char *get(TALLOC_CTX *mem, struct json_object *o, const char *key)
{
	struct json_object *v;

	if (!json_object_object_get_ex(o, key, &v) ||
	    !json_object_is_type(v, json_type_string)) {
		return NULL;
	}
	return talloc_strdup(mem, json_object_get_string(v));
}

bool um_journal_parse_line(TALLOC_CTX *mem, const char *line, size_t len,
			   struct um_journal_event *e)
{
	struct json_tokener *tok = json_tokener_new();
	struct json_object *o;
	bool ok;

	memset(e, 0, sizeof(*e));
	/* The event's strings live in one child of MEM, gone on failure. */
	mem = talloc_new(mem);
	if (tok == NULL || len > (size_t)INT32_MAX) {
		json_tokener_free(tok);
		talloc_free(mem);
		return false;
	}
	o = json_tokener_parse_ex(tok, line, (int)len);
	ok = o != NULL && json_tokener_get_error(tok) == json_tokener_success &&
	     json_object_is_type(o, json_type_object);
	if (ok) {
		e->time = get(mem, o, "time");
		e->user = get(mem, o, "user");
		e->host = get(mem, o, "host");
		e->repair = get(mem, o, "repair");
		e->event = get(mem, o, "event");
		e->step = get(mem, o, "step");
		e->pdc = get(mem, o, "pdc");
		e->resource_pdc = get(mem, o, "resource_pdc");
		e->accounts_pdc = get(mem, o, "accounts_pdc");
		e->resource = get(mem, o, "resource");
		e->accounts = get(mem, o, "accounts");
		e->status = get(mem, o, "status");
		e->message = get(mem, o, "message");
		e->verdict = get(mem, o, "verdict");
		e->outcome = get(mem, o, "outcome");
		e->test_user = get(mem, o, "test_user");
		/* Without these two it is not one of ours. */
		ok = e->repair != NULL && e->event != NULL;
	}
	json_object_put(o);
	json_tokener_free(tok);
	if (!ok) {
		talloc_free(mem);
		memset(e, 0, sizeof(*e));
	}
	return ok;
}

struct um_status um_journal_read(TALLOC_CTX *mem, const char *path,
				 struct um_journal_event **events, size_t *n,
				 size_t *skipped)
{
	struct um_journal_event *list = NULL, e;
	struct stat sb;
	FILE *f = um_file_open_regular(path, JOURNAL_MAX_BYTES, &sb);
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;

	*events = NULL;
	*n = *skipped = 0;
	if (f == NULL) {
		return errno == ENOENT ? um_ok()
		       : errno == EINVAL ? um_local(UM_LOCAL_BAD_FILE)
					 : um_local(UM_LOCAL_IO);
	}
	while ((len = getline(&line, &cap, f)) >= 0) {
		struct um_journal_event *grown;
		if (!um_journal_parse_line(mem, line, (size_t)len, &e)) {
			(*skipped)++;
			continue;
		}
		grown = talloc_realloc(mem, list, struct um_journal_event,
				       *n + 1);
		if (grown == NULL) {
			break;
		}
		list = grown;
		list[(*n)++] = e;
	}
	free(line);
	fclose(f);
	*events = list;
	return um_ok();
}
