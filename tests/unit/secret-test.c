/*
 * usrmgr - the secret type: wiped when freed, hashed as Samba hashes,
 * length counted in UTF-16 units, read from files and descriptors.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "unit.h"
#include "secret.h"

/* The secret lives in a talloc pool, so its bytes stay addressable after
 * it is freed and we can look at what it left behind. */
static void test_wiped_when_freed(void **state)
{
	TALLOC_CTX *pool = talloc_pool(NULL, 4096);
	const char *pw = "Corr3ct-Horse-Battery";
	struct um_secret *s = um_secret_new(pool, pw, strlen(pw));
	const char *bytes = um_secret_reveal(s);
	size_t i;

	(void)state;
	assert_string_equal(bytes, pw);
	talloc_free(s);
	for (i = 0; i < strlen(pw); i++) {
		assert_int_equal(bytes[i], 0);
	}
	talloc_free(pool);
}

/* Known answers from Samba's own md4 (samba.crypto.md4_hash_blob). */
static void test_nthash_matches_samba(void **state)
{
	static const struct {
		const char *pw, *hash;
	} v[] = {
		{ "Alice.pw1", "8e2b8ed4cc877d216431b246ca053f1a" },
		{ "Trust.pw1", "9fe0cd1671254282a0a8dca70aaa3c38" },
		{ "Other.pw2", "82492d1238ba0e140b58ea465ff65320" },
		{ "", "31d6cfe0d16ae931b73c59d7e0c089c0" },
	};
	char hex[33];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		struct um_secret *s = um_secret_new(NULL, v[i].pw,
						    strlen(v[i].pw));
		assert_ok(um_secret_nthash(s, hex));
		assert_string_equal(hex, v[i].hash);
		talloc_free(s);
	}
}

static struct um_status check_len(size_t n, const char *unit)
{
	char buf[2048] = "";
	struct um_secret *s;
	struct um_status st;
	size_t i;

	for (i = 0; i < n; i++) {
		strcat(buf, unit);
	}
	s = um_secret_new(NULL, buf, strlen(buf));
	st = um_secret_check(s);
	talloc_free(s);
	return st;
}

static void test_length_in_utf16_units(void **state)
{
	(void)state;
	assert_ok(check_len(0, "a"));        /* blank: allowed (Q102650) */
	assert_ok(check_len(256, "a"));
	assert_status(check_len(257, "a"), UM_KIND_LOCAL,
		      UM_LOCAL_PASSWORD_TOO_LONG);
	assert_ok(check_len(256, "\xc3\xa4"));  /* ä: one unit each */
	assert_status(check_len(129, "\xf0\x9f\x94\x91"), UM_KIND_LOCAL,
		      UM_LOCAL_PASSWORD_TOO_LONG); /* surrogate pairs */
	assert_ok(check_len(128, "\xf0\x9f\x94\x91"));
	assert_status(check_len(1, "\xff\xfe"), UM_KIND_LOCAL,
		      UM_LOCAL_PASSWORD_TOO_LONG); /* not UTF-8 */
}

static void test_random_is_strong_and_different(void **state)
{
	struct um_secret *a = um_secret_random(NULL, 32);
	struct um_secret *b = um_secret_random(NULL, 32);
	const char *t;
	bool upper = false, lower = false, digit = false;

	(void)state;
	assert_non_null(a);
	assert_int_equal(um_secret_len(a), 32);
	assert_false(um_secret_equal(a, b));
	for (t = um_secret_reveal(a); *t; t++) {
		upper |= (*t >= 'A' && *t <= 'Z');
		lower |= (*t >= 'a' && *t <= 'z');
		digit |= (*t >= '0' && *t <= '9');
		assert_true(*t > ' ' && *t < 0x7f);
	}
	assert_true(upper && lower);
	(void)digit;
	talloc_free(a);
	talloc_free(b);
}

static void test_from_fd_reads_first_line(void **state)
{
	int p[2];
	struct um_secret *s = NULL;

	(void)state;
	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], "s3cret\r\nnext\n", 13), 13);
	close(p[1]);
	assert_ok(um_secret_from_fd(NULL, p[0], &s));
	assert_string_equal(um_secret_reveal(s), "s3cret");
	close(p[0]);
	talloc_free(s);
	assert_status(um_secret_from_file(NULL, "/nonexistent/pw", &s),
		      UM_KIND_LOCAL, UM_LOCAL_IO);
}

static void test_equal(void **state)
{
	struct um_secret *a = um_secret_new(NULL, "abc", 3);
	struct um_secret *b = um_secret_new(a, "abd", 3);
	struct um_secret *c = um_secret_new(a, "abc", 3);
	struct um_secret *d = um_secret_new(a, "ab", 2);

	(void)state;
	assert_false(um_secret_equal(a, b));
	assert_true(um_secret_equal(a, c));
	assert_false(um_secret_equal(a, d));
	talloc_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wiped_when_freed),
		cmocka_unit_test(test_nthash_matches_samba),
		cmocka_unit_test(test_length_in_utf16_units),
		cmocka_unit_test(test_random_is_strong_and_different),
		cmocka_unit_test(test_from_fd_reads_first_line),
		cmocka_unit_test(test_equal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
