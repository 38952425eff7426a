/*
 * usrmgr - the secret type: one place where passwords are kept and wiped.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/random.h>
#include <sys/resource.h>
#ifdef HAVE_SYS_PRCTL_H
#include <sys/prctl.h>
#endif
#include <nettle/md4.h>

#include "secret.h"
#include "test_hooks.h"

struct um_secret {
	char *bytes; /* NUL-terminated UTF-8 */
	size_t len;
};

void um_secret_wipe(void *p, size_t n)
{
#ifdef HAVE_EXPLICIT_BZERO
	explicit_bzero(p, n);
#else
	volatile unsigned char *v = p;
	while (n-- > 0) {
		*v++ = 0;
	}
#endif
}

/*
 * Libraries we hand a password to keep their own copies on the stack
 * (nettle's md4_compress converts each block into a local array) and do
 * not wipe them: clear the stack below our frame once they have returned.
 * Not instrumented by ASan, whose redzones would leave the array's top
 * (where those copies are) unwiped.
 */
static void __attribute__((noinline, no_sanitize_address))
wipe_stack_below(void)
{
	unsigned char pad[16384];

	um_secret_wipe(pad, sizeof(pad));
	um_test_before_release(UM_WIPE_STACK_BELOW, pad, sizeof(pad));
	/* keep the array (and its wiping) from being optimised away */
	__asm__ __volatile__("" : : "r"(pad) : "memory");
}

static int secret_destructor(struct um_secret *s)
{
	um_secret_wipe(s->bytes, s->len + 1);
	um_test_before_release(UM_WIPE_SECRET_BYTES, s->bytes, s->len + 1);
	return 0;
}

struct um_secret *um_secret_new(TALLOC_CTX *mem, const char *utf8, size_t len)
{
	struct um_secret *s = talloc_zero(mem, struct um_secret);

	if (s == NULL) {
		return NULL;
	}
	s->bytes = talloc_size(s, len + 1);
	if (s->bytes == NULL) {
		talloc_free(s);
		return NULL;
	}
	memcpy(s->bytes, utf8, len);
	s->bytes[len] = '\0';
	s->len = len;
	talloc_set_destructor(s, secret_destructor);
	return s;
}

const char *um_secret_reveal(const struct um_secret *s)
{
	return s->bytes;
}

size_t um_secret_len(const struct um_secret *s)
{
	return s->len;
}

bool um_secret_equal(const struct um_secret *a, const struct um_secret *b)
{
	unsigned char diff = 0;
	size_t i;

	if (a->len != b->len) {
		return false;
	}
	/* Constant time: a typo's position must not show in timing. */
	for (i = 0; i < a->len; i++) {
		diff |= (unsigned char)(a->bytes[i] ^ b->bytes[i]);
	}
	return diff == 0;
}

/* The kernel's CSPRNG: no library of ours needs loading for it (gnutls
 * would bring seven more into every start, issue 21). */
bool um_random_bytes(void *buf, size_t len)
{
	unsigned char *p = buf;

	while (len > 0) {
		ssize_t n = getrandom(p, len, 0);

		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n <= 0) {
			return false;
		}
		p += n;
		len -= (size_t)n;
	}
	return true;
}

struct um_secret *um_secret_random(TALLOC_CTX *mem, size_t len)
{
	static const char alphabet[] =
		"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
		"!#%+-.=?@_";
	unsigned char raw[128];
	char out[129];
	struct um_secret *s;
	size_t i;

	if (len == 0 || len > 128 ||
	    !um_random_bytes(raw, len)) {
		return NULL;
	}
	/* 67 symbols: the small modulo bias costs far less than one bit. */
	for (i = 0; i < len; i++) {
		out[i] = alphabet[raw[i] % (sizeof(alphabet) - 1)];
	}
	s = um_secret_new(mem, out, len);
	um_secret_wipe(raw, sizeof(raw));
	um_secret_wipe(out, sizeof(out));
	um_test_before_release(UM_WIPE_RANDOM_RAW, raw, sizeof(raw));
	um_test_before_release(UM_WIPE_RANDOM_TEXT, out, sizeof(out));
	return s;
}

/*
 * UTF-8 to UTF-16LE by hand; returns bytes written or -1 (not UTF-8, or
 * OUT too small).  Not iconv: glibc's iconv converts through UCS-4 in
 * buffers of its own and frees them unwiped, leaving the password in the
 * heap (tests/security/secret-memory-test.c finds it there).
 */
static ssize_t to_utf16le(const char *in, size_t in_len, char *out,
			  size_t out_size)
{
	const unsigned char *p = (const unsigned char *)in;
	const unsigned char *end = p + in_len;
	size_t o = 0;

	while (p < end) {
		uint32_t c;
		size_t n, i;

		if (p[0] < 0x80) {
			c = p[0];
			n = 1;
		} else if (p[0] >= 0xc2 && p[0] <= 0xdf) {
			c = p[0] & 0x1fu;
			n = 2;
		} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
			c = p[0] & 0x0fu;
			n = 3;
		} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
			c = p[0] & 0x07u;
			n = 4;
		} else {
			return -1;
		}
		if ((size_t)(end - p) < n) {
			return -1;
		}
		for (i = 1; i < n; i++) {
			if ((p[i] & 0xc0u) != 0x80u) {
				return -1;
			}
			c = (c << 6) | (p[i] & 0x3fu);
		}
		/* overlong forms, surrogates, beyond U+10FFFF */
		if ((n == 3 && c < 0x800) || (n == 4 && c < 0x10000) ||
		    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff) {
			return -1;
		}
		p += n;
		if (c >= 0x10000) {
			uint32_t v = c - 0x10000;
			uint32_t hi = 0xd800 + (v >> 10), lo = 0xdc00 + (v & 0x3ff);
			if (out_size - o < 4) {
				return -1;
			}
			out[o++] = (char)(hi & 0xff);
			out[o++] = (char)(hi >> 8);
			out[o++] = (char)(lo & 0xff);
			out[o++] = (char)(lo >> 8);
		} else {
			if (out_size - o < 2) {
				return -1;
			}
			out[o++] = (char)(c & 0xff);
			out[o++] = (char)(c >> 8);
		}
	}
	return (ssize_t)o;
}

struct um_status um_secret_check(const struct um_secret *s)
{
	char buf[(UM_SECRET_MAX_UTF16 + 1) * 2];
	ssize_t n;

	if (memchr(s->bytes, '\0', s->len) != NULL) {
		return um_local(UM_LOCAL_PASSWORD_TOO_LONG);
	}
	n = to_utf16le(s->bytes, s->len, buf, sizeof(buf));
	um_secret_wipe(buf, sizeof(buf));
	um_test_before_release(UM_WIPE_CHECK_UTF16, buf, sizeof(buf));
	if (n < 0 || n > UM_SECRET_MAX_UTF16 * 2) {
		return um_local(UM_LOCAL_PASSWORD_TOO_LONG);
	}
	return um_ok();
}

struct um_status um_secret_nthash(const struct um_secret *s, char hex[33])
{
	char buf[(UM_SECRET_MAX_UTF16 + 1) * 2];
	unsigned char digest[16];
	ssize_t n;
	int i;

	n = to_utf16le(s->bytes, s->len, buf, sizeof(buf));
	if (n < 0 || n > UM_SECRET_MAX_UTF16 * 2) {
		um_secret_wipe(buf, sizeof(buf));
		um_test_before_release(UM_WIPE_NTHASH_UTF16, buf, sizeof(buf));
		return um_local(UM_LOCAL_PASSWORD_TOO_LONG);
	}
	/* MD4 from nettle (gnutls, built on it, has none). */
	{
		struct md4_ctx ctx;
		md4_init(&ctx);
		md4_update(&ctx, (size_t)n, (const uint8_t *)buf);
		md4_digest(&ctx, sizeof(digest), digest);
		um_secret_wipe(&ctx, sizeof(ctx));
		um_test_before_release(UM_WIPE_NTHASH_MD4, &ctx, sizeof(ctx));
	}
	um_secret_wipe(buf, sizeof(buf));
	um_test_before_release(UM_WIPE_NTHASH_UTF16, buf, sizeof(buf));
	wipe_stack_below();
	for (i = 0; i < 16; i++) {
		snprintf(hex + 2 * i, 3, "%02x", digest[i]);
	}
	um_secret_wipe(digest, sizeof(digest));
	um_test_before_release(UM_WIPE_NTHASH_DIGEST, digest, sizeof(digest));
	return um_ok();
}

struct um_status um_secret_from_fd(TALLOC_CTX *mem, int fd,
				   struct um_secret **out)
{
	/* Longest valid password: 256 UTF-16 units, at most 4 bytes each. */
	char buf[UM_SECRET_MAX_UTF16 * 4 + 2];
	size_t len = 0;
	ssize_t n;

	while (len < sizeof(buf)) {
		n = read(fd, buf + len, 1);
		if (n < 0 && errno == EINTR) {
			continue;
		}
		if (n < 0) {
			/* A descriptor that cannot be read is no password,
			 * not an empty one. */
			um_secret_wipe(buf, sizeof(buf));
			um_test_before_release(UM_WIPE_FROM_FD, buf, sizeof(buf));
			return um_local(UM_LOCAL_IO);
		}
		if (n == 0 || buf[len] == '\n') {
			break;
		}
		len++;
	}
	if (len == sizeof(buf)) {
		um_secret_wipe(buf, sizeof(buf));
		um_test_before_release(UM_WIPE_FROM_FD, buf, sizeof(buf));
		return um_local(UM_LOCAL_PASSWORD_TOO_LONG);
	}
	if (len > 0 && buf[len - 1] == '\r') {
		len--;
	}
	*out = um_secret_new(mem, buf, len);
	um_secret_wipe(buf, sizeof(buf));
	um_test_before_release(UM_WIPE_FROM_FD, buf, sizeof(buf));
	if (*out == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	return um_secret_check(*out);
}

struct um_status um_secret_from_file(TALLOC_CTX *mem, const char *path,
				     struct um_secret **out)
{
	struct um_status st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		return um_local(UM_LOCAL_IO);
	}
	st = um_secret_from_fd(mem, fd, out);
	close(fd);
	return st;
}

struct um_status um_secret_given(TALLOC_CTX *mem, const char *path, int fd,
				 struct um_secret **out)
{
	struct um_status st = path != NULL
				      ? um_secret_from_file(mem, path, out)
				      : um_secret_from_fd(mem, fd, out);

	if (um_is_ok(st) && um_secret_len(*out) == 0) {
		TALLOC_FREE(*out);
		return um_local(UM_LOCAL_PASSWORD_EMPTY);
	}
	return st;
}

void um_secret_protect_process(void)
{
	struct rlimit none = { 0, 0 };

	setrlimit(RLIMIT_CORE, &none);
#ifdef HAVE_SYS_PRCTL_H
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
}
