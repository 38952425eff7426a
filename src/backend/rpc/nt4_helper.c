/*
 * usrmgr - running usrmgr-nt4-trust as a tevent request.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <netdb.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>

#include "nt4_helper.h"
#include "test_hooks.h"

#ifndef UM_NT4_HELPER
#define UM_NT4_HELPER "/usr/libexec/usrmgr/usrmgr-nt4-trust"
#endif

/* Seconds before a helper that hangs is killed. */
#define HELPER_TIMEOUT 60
/* Enough for its few lines; more is cut. */
#define HELPER_OUTPUT_MAX 8192

/* The installed usrmgr always runs the installed helper: no environment
 * chooses the program that receives a trust password.  The test binaries
 * take $USRMGR_NT4_HELPER (test_hooks.h) for a stand-in or the build
 * tree's copy. */
const char *nt4_helper_path(void)
{
	const char *p = um_test_nt4_helper_path();

	return p != NULL ? p : UM_NT4_HELPER;
}

struct helper_state;

struct helper_stream {
	struct helper_state *owner;
	int fd;
	struct tevent_fd *fde;
	char *buf;
	size_t len;
};

struct helper_state {
	pid_t pid;
	int status;
	struct helper_stream out, err;
	struct tevent_req *req;
};

static int helper_destructor(struct helper_state *s)
{
	if (s->out.fd >= 0)
		close(s->out.fd);
	if (s->err.fd >= 0)
		close(s->err.fd);
	if (s->pid > 0) {
		/* cancelled or timed out: it must not outlive us */
		kill(s->pid, SIGKILL);
		while (waitpid(s->pid, NULL, 0) < 0 && errno == EINTR)
			;
	}
	return 0;
}

static void helper_read(struct tevent_context *ev, struct tevent_fd *fde,
			uint16_t flags, void *priv);

static bool helper_stream_start(struct helper_state *s,
				struct tevent_context *ev,
				struct helper_stream *st, int fd)
{
	st->owner = s;
	st->fd = fd;
	st->buf = talloc_zero_size(s, 1);
	st->fde = tevent_add_fd(ev, s, fd, TEVENT_FD_READ, helper_read, st);
	return st->buf != NULL && st->fde != NULL;
}

/* In the child: the pipes on 0, 1, 2; nothing else open; a plain env. */
static void helper_exec(const char *path, const char *const *args,
			int in, int out, int err)
{
	static char *const env[] = { "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
				     "LC_ALL=C.UTF-8", NULL };
	const char *argv[16];
	size_t n = 0;

	if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
		_exit(NT4_HELPER_NOT_RUN);
	closefrom(3);
	argv[n++] = path;
	while (args[n - 1] != NULL && n < 15) {
		argv[n] = args[n - 1];
		n++;
	}
	argv[n] = NULL;
	execve(path, (char *const *)argv, env);
	_exit(NT4_HELPER_NOT_RUN);
}

/* A helper that exits without reading must not kill us with SIGPIPE:
 * block it for the write, and take back one that came meanwhile. */
static bool write_all(int fd, const char *p, size_t len)
{
	sigset_t pipe_set, old;
	struct timespec zero = { 0, 0 };
	bool ok = true;

	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
	while (len > 0) {
		ssize_t w = write(fd, p, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			ok = false;
			break;
		}
		p += w;
		len -= (size_t)w;
	}
	while (sigtimedwait(&pipe_set, NULL, &zero) > 0)
		;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return ok;
}

struct tevent_req *nt4_helper_send(TALLOC_CTX *mem, struct tevent_context *ev,
				   const char *const *args,
				   const struct um_secret *input)
{
	struct helper_state *s;
	struct tevent_req *req = tevent_req_create(mem, &s,
						   struct helper_state);
	int in[2] = { -1, -1 }, out[2] = { -1, -1 }, err[2] = { -1, -1 };
	const char *path = nt4_helper_path();
	bool ok;

	if (req == NULL)
		return NULL;
	s->req = req;
	s->out.fd = s->err.fd = -1;
	s->status = NT4_HELPER_NOT_RUN;
	talloc_set_destructor(s, helper_destructor);
	if (pipe2(in, O_CLOEXEC) < 0 || pipe2(out, O_CLOEXEC) < 0 ||
	    pipe2(err, O_CLOEXEC) < 0)
		goto fail;
	s->pid = fork();
	if (s->pid < 0) {
		s->pid = 0;
		goto fail;
	}
	if (s->pid == 0)
		helper_exec(path, args, in[0], out[1], err[1]);
	close(in[0]);
	close(out[1]);
	close(err[1]);
	in[0] = out[1] = err[1] = -1;
	/* a password is a few hundred bytes: the pipe takes it at once */
	ok = input == NULL ||
	     write_all(in[1], um_secret_reveal(input), um_secret_len(input));
	close(in[1]);
	in[1] = -1;
	if (!helper_stream_start(s, ev, &s->out, out[0])) {
		close(err[0]);
		goto nomem;
	}
	if (!helper_stream_start(s, ev, &s->err, err[0]))
		goto nomem;
	(void)ok; /* a helper that did not read its input fails by itself */
	tevent_req_set_endtime(req, ev,
			       tevent_timeval_current_ofs(HELPER_TIMEOUT, 0));
	return req;
fail:
	for (int i = 0; i < 2; i++) {
		if (in[i] >= 0)
			close(in[i]);
		if (out[i] >= 0)
			close(out[i]);
		if (err[i] >= 0)
			close(err[i]);
	}
	tevent_req_done(req);
	return tevent_req_post(req, ev);
nomem:
	tevent_req_oom(req);
	return tevent_req_post(req, ev);
}

static void helper_read(struct tevent_context *ev, struct tevent_fd *fde,
			uint16_t flags, void *priv)
{
	struct helper_stream *st = priv;
	struct helper_state *s = st->owner;
	char chunk[1024];
	ssize_t n;
	char *grown;

	(void)ev;
	(void)fde;
	(void)flags;
	n = read(st->fd, chunk, sizeof(chunk));
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n > 0) {
		size_t keep = st->len + (size_t)n > HELPER_OUTPUT_MAX ?
			HELPER_OUTPUT_MAX - st->len : (size_t)n;
		grown = talloc_realloc(s, st->buf, char, st->len + keep + 1);
		if (grown == NULL) {
			tevent_req_oom(s->req);
			return;
		}
		memcpy(grown + st->len, chunk, keep);
		st->len += keep;
		grown[st->len] = '\0';
		st->buf = grown;
		return;
	}
	/* end of this stream */
	TALLOC_FREE(st->fde);
	close(st->fd);
	st->fd = -1;
	if (s->out.fde != NULL || s->err.fde != NULL)
		return;
	while (waitpid(s->pid, &s->status, 0) < 0) {
		if (errno != EINTR) {
			s->status = NT4_HELPER_NOT_RUN << 8;
			break;
		}
	}
	s->pid = 0;
	s->status = WIFEXITED(s->status) ? WEXITSTATUS(s->status)
					 : NT4_HELPER_NOT_RUN;
	tevent_req_done(s->req);
}

int nt4_helper_recv(struct tevent_req *req, TALLOC_CTX *mem, char **out,
		    char **err)
{
	struct helper_state *s = tevent_req_data(req, struct helper_state);
	enum tevent_req_state state;
	uint64_t e;
	int status = s->status;

	if (tevent_req_is_error(req, &state, &e))
		status = NT4_HELPER_NOT_RUN;
	*out = talloc_strdup(mem, s->out.buf ? s->out.buf : "");
	*err = talloc_strdup(mem, s->err.buf ? s->err.buf : "");
	tevent_req_received(req);
	return status;
}

char *nt4_helper_value(TALLOC_CTX *mem, const char *out, const char *key)
{
	size_t klen = strlen(key);
	const char *line = out;

	while (line != NULL && *line != '\0') {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);

		if (len > klen && strncmp(line, key, klen) == 0 &&
		    line[klen] == ' ')
			return talloc_strndup(mem, line + klen + 1,
					      len - klen - 1);
		line = end ? end + 1 : NULL;
	}
	return NULL;
}

static bool same_addr(const struct sockaddr *a, const struct sockaddr *b)
{
	if (a == NULL || b == NULL || a->sa_family != b->sa_family)
		return false;
	if (a->sa_family == AF_INET)
		return ((const struct sockaddr_in *)a)->sin_addr.s_addr ==
		       ((const struct sockaddr_in *)b)->sin_addr.s_addr;
	if (a->sa_family == AF_INET6)
		return memcmp(&((const struct sockaddr_in6 *)a)->sin6_addr,
			      &((const struct sockaddr_in6 *)b)->sin6_addr,
			      sizeof(struct in6_addr)) == 0;
	return false;
}

bool nt4_host_is_local(const char *host)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM };
	struct addrinfo *ai = NULL, *a;
	struct ifaddrs *ifs = NULL, *i;
	bool local = false;

	if (host == NULL || getaddrinfo(host, NULL, &hints, &ai) != 0)
		return false;
	if (getifaddrs(&ifs) != 0) {
		freeaddrinfo(ai);
		return false;
	}
	/* every address the name has must be ours: a name that also points
	 * elsewhere is not proof that the PDC is this machine */
	for (a = ai; a != NULL; a = a->ai_next) {
		bool mine = false;

		for (i = ifs; i != NULL && !mine; i = i->ifa_next)
			mine = same_addr(a->ai_addr, i->ifa_addr);
		local = mine;
		if (!mine)
			break;
	}
	freeifaddrs(ifs);
	freeaddrinfo(ai);
	return local;
}
