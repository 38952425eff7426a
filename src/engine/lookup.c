/*
 * usrmgr - a PDC's address, looked up while the RPC module loads.
 *
 * Samba's client resolves a name by forking a child that calls
 * getaddrinfo(), so as not to block its event loop: a fork of a process
 * that has just mapped Samba's hundred libraries costs about 5 ms before
 * the first packet (issue 21, doc/performance.md), and the lookup itself
 * waits until the module is there.  usrmgr asks the system's resolver
 * (nsswitch: /etc/hosts, DNS) on a thread of its own instead, started
 * when a real PDC is first named, before the module's 30 ms of loading,
 * and the backend connects to the address it gives.  The thread is the
 * whole of it: no cache, no retries; the backend falls back to handing
 * Samba the name whenever there is no single address to give.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#define _GNU_SOURCE /* pipe2 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <talloc.h>

#include "backend.h"

/* Shared by the thread and the handle: whichever lets go last frees it
 * (the handle may be freed while the resolver still waits on DNS). */
struct lookup_job {
	atomic_int refs;
	atomic_bool done;
	bool failed;             /* the resolver found no address at all */
	int fds[2];              /* the thread writes a byte when done */
	char *name;
	char address[INET6_ADDRSTRLEN];
};

struct um_lookup {
	struct lookup_job *job;
};

static void job_release(struct lookup_job *j)
{
	if (atomic_fetch_sub(&j->refs, 1) != 1)
		return;
	close(j->fds[0]);
	close(j->fds[1]);
	free(j->name);
	free(j);
}

/* The one address LIST names, as text in OUT; false when it names none
 * or several (then Samba tries each of them itself, from the name). */
bool um_lookup_pick(const struct addrinfo *list, char *out, size_t size)
{
	const struct addrinfo *a;
	char first[INET6_ADDRSTRLEN] = "";
	char text[INET6_ADDRSTRLEN];

	for (a = list; a != NULL; a = a->ai_next) {
		const void *bytes;

		if (a->ai_family == AF_INET)
			bytes = &((const struct sockaddr_in *)
				  (const void *)a->ai_addr)->sin_addr;
		else if (a->ai_family == AF_INET6)
			bytes = &((const struct sockaddr_in6 *)
				  (const void *)a->ai_addr)->sin6_addr;
		else
			continue;
		if (inet_ntop(a->ai_family, bytes, text, sizeof(text)) == NULL)
			continue;
		if (first[0] == '\0')
			memcpy(first, text, sizeof(first));
		else if (strcmp(first, text) != 0)
			return false;
	}
	if (first[0] == '\0' || strlen(first) >= size)
		return false;
	memcpy(out, first, strlen(first) + 1);
	return true;
}

static void *lookup_thread(void *arg)
{
	struct lookup_job *j = arg;
	struct addrinfo hints = {
		.ai_socktype = SOCK_STREAM,
		.ai_flags = AI_ADDRCONFIG,
	};
	struct addrinfo *list = NULL;
	char one = 1;

	j->failed = getaddrinfo(j->name, NULL, &hints, &list) != 0;
	if (j->failed ||
	    !um_lookup_pick(list, j->address, sizeof(j->address)))
		j->address[0] = '\0';
	if (list != NULL)
		freeaddrinfo(list);
	atomic_store(&j->done, true);
	/* a full pipe cannot happen: one byte, once */
	while (write(j->fds[1], &one, 1) < 0 && errno == EINTR)
		;
	job_release(j);
	return NULL;
}

static int lookup_destructor(struct um_lookup *l)
{
	job_release(l->job);
	return 0;
}

/* Signals blocked on the thread: the program's handlers (the screens'
 * SIGWINCH, SIGINT) run on the main thread only. */
static bool thread_start(struct lookup_job *j)
{
	pthread_attr_t attr;
	pthread_t t;
	sigset_t all, old;
	bool ok;

	if (pthread_attr_init(&attr) != 0)
		return false;
	(void)pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	ok = pthread_create(&t, &attr, lookup_thread, j) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	pthread_attr_destroy(&attr);
	return ok;
}

struct um_lookup *um_lookup_start(TALLOC_CTX *mem, const char *name)
{
	struct um_lookup *l = talloc_zero(mem, struct um_lookup);
	struct lookup_job *j = calloc(1, sizeof(*j));

	if (l == NULL || j == NULL || pipe2(j->fds, O_CLOEXEC) != 0) {
		talloc_free(l);
		free(j);
		return NULL;
	}
	j->name = strdup(name);
	atomic_init(&j->refs, 2);
	atomic_init(&j->done, false);
	if (j->name == NULL || !thread_start(j)) {
		atomic_init(&j->refs, 1);
		job_release(j);
		talloc_free(l);
		return NULL;
	}
	l->job = j;
	talloc_set_destructor(l, lookup_destructor);
	return l;
}

int um_lookup_fd(const struct um_lookup *l)
{
	return l->job->fds[0];
}

bool um_lookup_done(const struct um_lookup *l)
{
	return atomic_load(&l->job->done);
}

const char *um_lookup_address(const struct um_lookup *l)
{
	if (!um_lookup_done(l) || l->job->address[0] == '\0')
		return NULL;
	return l->job->address;
}

bool um_lookup_failed(const struct um_lookup *l)
{
	return um_lookup_done(l) && l->job->failed;
}
