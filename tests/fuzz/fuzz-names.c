/*
 * fuzz-names: name and password validation on hostile input.
 *
 * Names (src/engine/names.c): um_name_normalise either refuses or returns 1-15
 * characters of printable ASCII, upper case, none that NetBIOS forbids,
 * and normalising its own answer changes nothing; um_name_split_user
 * never loses a character.
 *
 * Passwords (src/engine/secret.c): um_secret_check accepts exactly what is valid
 * UTF-8 without NUL of at most 256 UTF-16 units, judged against glibc's
 * iconv; the NT hash is MD4 over iconv's UTF-16LE, computed here apart.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <ctype.h>
#include <iconv.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <nettle/md4.h>

#include "names.h"
#include "secret.h"
#include "fuzz.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static void names(TALLOC_CTX *mem, const char *typed)
{
	char *out = NULL, *again = NULL, *dom = NULL, *user = NULL;
	size_t i, len;

	if (um_is_ok(um_name_normalise(mem, typed, &out))) {
		len = strlen(out);
		FUZZ_ASSERT(len >= 1 && len <= UM_NETBIOS_MAX);
		FUZZ_ASSERT(out[0] != ' ' && out[len - 1] != ' ');
		for (i = 0; i < len; i++) {
			unsigned char c = (unsigned char)out[i];
			FUZZ_ASSERT(c >= 0x20 && c < 0x7f);
			FUZZ_ASSERT(strchr("\\/:*?\"<>|", c) == NULL);
			FUZZ_ASSERT(!islower(c));
		}
		FUZZ_ASSERT(um_is_ok(um_name_normalise(mem, out, &again)));
		FUZZ_ASSERT(strcmp(out, again) == 0);
		FUZZ_ASSERT(um_name_equal(out, again));
	} else {
		FUZZ_ASSERT(out == NULL);
	}
	um_name_split_user(mem, typed, &dom, &user);
	FUZZ_ASSERT(user != NULL);
	len = strlen(user) + (dom != NULL ? strlen(dom) + 1 : 0);
	FUZZ_ASSERT(len == strlen(typed));
}

/* The reference: iconv's UTF-16LE, or -1. */
static ssize_t ref_utf16(const uint8_t *in, size_t len, char *out,
			 size_t size)
{
	iconv_t cd = iconv_open("UTF-16LE", "UTF-8");
	char *ip = (char *)in, *op = out;
	size_t il = len, ol = size, r;

	FUZZ_ASSERT(cd != (iconv_t)-1);
	r = iconv(cd, &ip, &il, &op, &ol);
	iconv_close(cd);
	if (r == (size_t)-1 || il != 0)
		return -1;
	return (ssize_t)(size - ol);
}

static void passwords(TALLOC_CTX *mem, const uint8_t *data, size_t size)
{
	struct um_secret *s = um_secret_new(mem, (const char *)data, size);
	char utf16[(UM_SECRET_MAX_UTF16 + 1) * 2], hex[33], want[33];
	bool valid;
	ssize_t n;

	FUZZ_ASSERT(s != NULL && um_secret_len(s) == size);
	FUZZ_ASSERT(memcmp(um_secret_reveal(s), data, size) == 0);
	n = ref_utf16(data, size, utf16, sizeof(utf16));
	valid = memchr(data, '\0', size) == NULL && n >= 0 &&
		n <= UM_SECRET_MAX_UTF16 * 2;
	FUZZ_ASSERT(um_is_ok(um_secret_check(s)) == valid);
	if (valid) {
		struct md4_ctx ctx;
		uint8_t d[16];
		int i;

		md4_init(&ctx);
		md4_update(&ctx, (size_t)n, (const uint8_t *)utf16);
		md4_digest(&ctx, sizeof(d), d);
		for (i = 0; i < 16; i++)
			snprintf(want + 2 * i, 3, "%02x", d[i]);
		FUZZ_ASSERT(um_is_ok(um_secret_nthash(s, hex)));
		FUZZ_ASSERT(strcmp(hex, want) == 0);
	}
	{
		struct um_secret *t = um_secret_new(mem, (const char *)data,
						    size);
		FUZZ_ASSERT(um_secret_equal(s, t));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	char *typed = talloc_strndup(mem, (const char *)data, size);

	names(mem, typed);
	passwords(mem, data, size);
	talloc_free(mem);
	return 0;
}
