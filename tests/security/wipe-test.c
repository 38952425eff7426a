/*
 * wipe-test: every buffer src/engine/secret.c wipes is all zero at the
 * moment it is released.  secret.c hands each one to the test hook
 * um_test_before_release (src/include/test_hooks.h) right after wiping
 * it, before it is freed or its frame is left; hooks_on.c, linked here,
 * counts per site the buffers seen and those with a byte not zero.  So a
 * wipe that is left out shows where it happens, not after the fact (a
 * scan of the stack later finds it overwritten by the scanner's own
 * calls, tests/security/secret-memory-test.c).
 *
 * Each test runs one function of secret.c on each of its paths, then
 * asserts that exactly the sites that path wipes reported, each with the
 * size of its buffer, and none unwiped.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "unit.h"
#include "secret.h"
#include "test_hooks.h"

#define PW "Wipe.Me-Pl3ase!"

/* Sizes of the buffers as secret.c declares them. */
#define UTF16_BUF ((UM_SECRET_MAX_UTF16 + 1) * 2)
#define FROM_FD_BUF (UM_SECRET_MAX_UTF16 * 4 + 2)

static const char *const site_name[UM_WIPE_SITE_COUNT] = {
	[UM_WIPE_SECRET_BYTES] = "secret bytes",
	[UM_WIPE_RANDOM_RAW] = "random: raw bytes",
	[UM_WIPE_RANDOM_TEXT] = "random: text",
	[UM_WIPE_CHECK_UTF16] = "check: UTF-16 copy",
	[UM_WIPE_NTHASH_UTF16] = "nthash: UTF-16 copy",
	[UM_WIPE_NTHASH_MD4] = "nthash: MD4 state",
	[UM_WIPE_NTHASH_DIGEST] = "nthash: digest",
	[UM_WIPE_STACK_BELOW] = "nthash: stack below",
	[UM_WIPE_FROM_FD] = "from_fd: line buffer",
};

/* What a path is expected to have wiped: the sites (SITES, ended by
 * UM_WIPE_SITE_COUNT) each released at least once, with its size (0: any),
 * none with a byte left; every other site not at all. */
struct expect {
	enum um_wipe_site site;
	size_t len;
};

static void assert_wiped(const struct expect *want)
{
	bool expected[UM_WIPE_SITE_COUNT] = { false };
	const struct expect *e;
	int s;

	for (e = want; e->site != UM_WIPE_SITE_COUNT; e++) {
		struct um_wipe_seen seen = um_test_wipe_seen(e->site);

		expected[e->site] = true;
		if (seen.calls == 0) {
			fail_msg("%s: never released through the hook",
				 site_name[e->site]);
		}
		if (seen.unwiped != 0) {
			fail_msg("%s: %u of %u buffers released NOT wiped",
				 site_name[e->site], seen.unwiped, seen.calls);
		}
		if (e->len != 0 && seen.last_len != e->len) {
			fail_msg("%s: released %zu bytes, the buffer has %zu",
				 site_name[e->site], seen.last_len, e->len);
		}
	}
	for (s = 0; s < UM_WIPE_SITE_COUNT; s++) {
		if (!expected[s] && um_test_wipe_seen(s).calls != 0) {
			fail_msg("%s: released on a path that should not "
				 "touch it", site_name[s]);
		}
	}
}

static int reset(void **state)
{
	(void)state;
	um_test_wipe_reset();
	return 0;
}

/* The one wipe itself, on every length up to a few words and at every
 * alignment, so no tail or head is left. */
static void test_um_secret_wipe(void **state)
{
	unsigned char buf[80];
	size_t off, n, i;

	(void)state;
	for (off = 0; off < 8; off++) {
		for (n = 0; n + off <= 64; n++) {
			memset(buf, 0xa5, sizeof(buf));
			um_secret_wipe(buf + off, n);
			for (i = 0; i < sizeof(buf); i++) {
				bool inside = i >= off && i < off + n;
				if (buf[i] != (inside ? 0 : 0xa5)) {
					fail_msg("um_secret_wipe(+%zu, %zu): "
						 "byte %zu is 0x%02x", off, n,
						 i, buf[i]);
				}
			}
		}
	}
}

static void test_secret_freed(void **state)
{
	TALLOC_CTX *parent = talloc_new(NULL);
	struct um_secret *s = um_secret_new(NULL, PW, strlen(PW));
	const struct expect want[] = {
		{ UM_WIPE_SECRET_BYTES, strlen(PW) + 1 },
		{ UM_WIPE_SITE_COUNT, 0 },
	};

	(void)state;
	talloc_free(s);
	assert_int_equal(um_test_wipe_seen(UM_WIPE_SECRET_BYTES).calls, 1);
	/* freed with its parent, not by itself */
	um_secret_new(parent, PW, strlen(PW));
	talloc_free(parent);
	assert_int_equal(um_test_wipe_seen(UM_WIPE_SECRET_BYTES).calls, 2);
	assert_wiped(want);
}

static void test_random(void **state)
{
	struct um_secret *s = um_secret_random(NULL, 24);
	const struct expect want[] = {
		{ UM_WIPE_RANDOM_RAW, 128 },
		{ UM_WIPE_RANDOM_TEXT, 129 },
		{ UM_WIPE_SECRET_BYTES, 25 },
		{ UM_WIPE_SITE_COUNT, 0 },
	};

	(void)state;
	assert_non_null(s);
	talloc_free(s);
	assert_wiped(want);
}

static void test_check(void **state)
{
	char longest[UM_SECRET_MAX_UTF16 + 2];
	struct um_secret *ok, *too_long, *not_utf8;
	const struct expect want[] = {
		{ UM_WIPE_CHECK_UTF16, UTF16_BUF },
		{ UM_WIPE_SECRET_BYTES, 0 },
		{ UM_WIPE_SITE_COUNT, 0 },
	};

	(void)state;
	memset(longest, 'p', sizeof(longest) - 1);
	longest[sizeof(longest) - 1] = '\0';
	ok = um_secret_new(NULL, PW, strlen(PW));
	too_long = um_secret_new(NULL, longest, strlen(longest));
	not_utf8 = um_secret_new(NULL, PW "\xff", strlen(PW) + 1);
	assert_ok(um_secret_check(ok));
	assert_status(um_secret_check(too_long), UM_KIND_LOCAL,
		      UM_LOCAL_PASSWORD_TOO_LONG);
	assert_status(um_secret_check(not_utf8), UM_KIND_LOCAL,
		      UM_LOCAL_PASSWORD_TOO_LONG);
	assert_int_equal(um_test_wipe_seen(UM_WIPE_CHECK_UTF16).calls, 3);
	talloc_free(ok);
	talloc_free(too_long);
	talloc_free(not_utf8);
	assert_wiped(want);
}

/* The issue-17 case: the UTF-16LE copy the NT hash is made from. */
static void test_nthash(void **state)
{
	struct um_secret *s = um_secret_new(NULL, PW, strlen(PW));
	char hex[33];
	const struct expect want[] = {
		{ UM_WIPE_NTHASH_UTF16, UTF16_BUF },
		{ UM_WIPE_NTHASH_MD4, 0 },
		{ UM_WIPE_NTHASH_DIGEST, 16 },
		{ UM_WIPE_STACK_BELOW, 0 },
		{ UM_WIPE_SECRET_BYTES, 0 },
		{ UM_WIPE_SITE_COUNT, 0 },
	};

	(void)state;
	assert_ok(um_secret_nthash(s, hex));
	assert_int_equal(strlen(hex), 32);
	talloc_free(s);
	assert_wiped(want);
}

/* Refused (not UTF-8): the copy made so far is wiped all the same. */
static void test_nthash_refused(void **state)
{
	struct um_secret *s = um_secret_new(NULL, PW "\xc3", strlen(PW) + 1);
	char hex[33];
	const struct expect want[] = {
		{ UM_WIPE_NTHASH_UTF16, UTF16_BUF },
		{ UM_WIPE_SECRET_BYTES, 0 },
		{ UM_WIPE_SITE_COUNT, 0 },
	};

	(void)state;
	assert_status(um_secret_nthash(s, hex), UM_KIND_LOCAL,
		      UM_LOCAL_PASSWORD_TOO_LONG);
	talloc_free(s);
	assert_wiped(want);
}

/* A pipe holding TEXT (LEN bytes), its writing end closed. */
static int pipe_of(const char *text, size_t len)
{
	int fds[2];

	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], text, len), (ssize_t)len);
	close(fds[1]);
	return fds[0];
}

static void test_from_fd(void **state)
{
	static char too_long[FROM_FD_BUF + 10];
	struct um_secret *s = NULL;
	int fd;
	const struct expect want[] = {
		{ UM_WIPE_FROM_FD, FROM_FD_BUF },
		{ UM_WIPE_CHECK_UTF16, 0 },
		{ UM_WIPE_SECRET_BYTES, 0 },
		{ UM_WIPE_SITE_COUNT, 0 },
	};

	(void)state;
	/* read */
	fd = pipe_of(PW "\r\nnext line\n", strlen(PW) + 12);
	assert_ok(um_secret_from_fd(NULL, fd, &s));
	close(fd);
	assert_string_equal(um_secret_reveal(s), PW);
	talloc_free(s);
	/* too long */
	memset(too_long, 'q', sizeof(too_long));
	fd = pipe_of(too_long, sizeof(too_long));
	s = NULL;
	assert_status(um_secret_from_fd(NULL, fd, &s), UM_KIND_LOCAL,
		      UM_LOCAL_PASSWORD_TOO_LONG);
	close(fd);
	talloc_free(s);
	/* a descriptor that cannot be read */
	assert_status(um_secret_from_fd(NULL, -1, &s), UM_KIND_LOCAL,
		      UM_LOCAL_IO);
	assert_int_equal(um_test_wipe_seen(UM_WIPE_FROM_FD).calls, 3);
	assert_wiped(want);
}

/* Control: the hook does see a buffer left as it was, so the tests above
 * can fail. */
static void test_control_unwiped_is_seen(void **state)
{
	char buf[16] = PW;

	(void)state;
	um_test_before_release(UM_WIPE_FROM_FD, buf, sizeof(buf));
	assert_int_equal(um_test_wipe_seen(UM_WIPE_FROM_FD).calls, 1);
	assert_int_equal(um_test_wipe_seen(UM_WIPE_FROM_FD).unwiped, 1);
	um_secret_wipe(buf, sizeof(buf));
	um_test_before_release(UM_WIPE_FROM_FD, buf, sizeof(buf));
	assert_int_equal(um_test_wipe_seen(UM_WIPE_FROM_FD).unwiped, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_um_secret_wipe, reset),
		cmocka_unit_test_setup(test_secret_freed, reset),
		cmocka_unit_test_setup(test_random, reset),
		cmocka_unit_test_setup(test_check, reset),
		cmocka_unit_test_setup(test_nthash, reset),
		cmocka_unit_test_setup(test_nthash_refused, reset),
		cmocka_unit_test_setup(test_from_fd, reset),
		cmocka_unit_test_setup(test_control_unwiped_is_seen, reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
