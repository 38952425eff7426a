/*
 * secret-memory-test: once a password has been used and its secret freed,
 * no copy of it is left anywhere in the process's writable memory: not in
 * the freed secret, not on the stack below us (buffers of the functions
 * that converted, hashed or read it), not in the heap (a library's
 * scratch buffers), in any of the forms code handles it in: UTF-8,
 * UTF-16LE (Samba, the NT hash) and UCS-4 (iconv's internal form).
 *
 * The scan reads /proc/self/mem page by page, so it sees freed and
 * unmapped-for-ASan memory without touching it through the program (no
 * sanitizer or valgrind report for reading the dead), and skips its own
 * buffer.  The needles are kept masked so they do not find themselves.
 * The stack below the NT hash's frame is also copied the moment it
 * returns, before the scan's own calls overwrite it (issue 17: its UTF-16
 * copy left unwiped was missed); tests/security/wipe-test looks at each
 * wiped buffer as it is released.
 *
 * Ends with "N passed, N failed".
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <fcntl.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <talloc.h>

#include "secret.h"

#define MASK 0x5a
#define MAX_NEEDLE 256

static int passed, failed;

static void result(bool good, const char *what)
{
	if (good) {
		passed++;
		printf("ok - %s\n", what);
	} else {
		failed++;
		printf("not ok - %s\n", what);
	}
	fflush(stdout);
}

/* The passwords are written here shifted by one (each character + 1): the
 * clear text exists only where the code under test puts it, never as a
 * literal or a buffer of the test's own. */
#define PW_LIVE "Xr9w[/mjwf.Usvtu\"qx"
#define PW_POOL "Xr9w[/qppm.Usvtu\"qx"
#define PW_HASH "Xr9w[/ibti.Usvtu\"qx"
#define PW_FD   "Xr9w[/ge.Usvtu\"qx"
#define PW_EQ   "Xr9w[/fr.Usvtu\"qx"

/* A needle, masked: its clear bytes never sit in memory as such. */
struct needle {
	const char *form;
	unsigned char m[MAX_NEEDLE];
	size_t len;
};

/* SHIFTED's password in three encodings, masked as they are made. */
static size_t make_needles(const char *shifted, int shift, struct needle n[3])
{
	size_t i, k = strlen(shifted);

	n[0].form = "UTF-8";
	n[1].form = "UTF-16LE";
	n[2].form = "UCS-4";
	for (i = 0; i < k; i++) {
		/* the test passwords are ASCII */
		unsigned char c = (unsigned char)((shifted[i] - shift) ^ MASK);
		n[0].m[i] = c;
		n[1].m[2 * i] = c;
		n[1].m[2 * i + 1] = 0 ^ MASK;
		n[2].m[4 * i] = c;
		n[2].m[4 * i + 1] = n[2].m[4 * i + 2] = n[2].m[4 * i + 3] =
			0 ^ MASK;
	}
	n[0].len = k;
	n[1].len = 2 * k;
	n[2].len = 4 * k;
	return 3;
}

/* The clear password into a fresh secret, by hand (no stdio buffers). */
static struct um_secret *secret_of(TALLOC_CTX *mem, const char *shifted)
{
	char *clear = talloc_size(NULL, strlen(shifted) + 1);
	struct um_secret *s;
	size_t i;

	for (i = 0; shifted[i] != '\0'; i++)
		clear[i] = (char)(shifted[i] - 1);
	clear[i] = '\0';
	s = um_secret_new(mem, clear, i);
	explicit_bzero(clear, i);
	talloc_free(clear);
	return s;
}

static bool match_at(const unsigned char *p, const struct needle *n)
{
	size_t j;

	for (j = 0; j < n->len; j++) {
		if ((p[j] ^ MASK) != n->m[j])
			return false;
	}
	return true;
}

/* The scanner's own pages, read by mmap so no malloc holds copies. */
static unsigned char *scan_buf;
static size_t scan_cap = 1u << 20;

struct hit {
	char where[160];
	uintptr_t addr;
	const char *form;
};

/* Search every private writable mapping for the needles. */
static bool scan(const struct needle *nd, size_t n_nd, struct hit *h)
{
	FILE *maps = fopen("/proc/self/maps", "re");
	int mem = open("/proc/self/mem", O_RDONLY | O_CLOEXEC);
	char line[512];
	bool found = false;

	if (maps == NULL || mem < 0) {
		fprintf(stderr, "cannot read /proc/self/maps or mem\n");
		exit(99);
	}
	while (!found && fgets(line, sizeof(line), maps) != NULL) {
		uintptr_t lo, hi, a;
		char perms[8], path[256] = "";

		if (sscanf(line, "%" SCNxPTR "-%" SCNxPTR " %7s %*s %*s %*s %255s",
			   &lo, &hi, perms, path) < 3)
			continue;
		/* Not the sanitizers' shadow and reserved spaces: terabytes
		 * of address space that hold no data of the program. */
		if (hi - lo > ((uintptr_t)1 << 30))
			continue;
		if (perms[0] != 'r' || perms[1] != 'w' ||
		    (lo <= (uintptr_t)scan_buf &&
		     (uintptr_t)scan_buf < hi) ||
		    strcmp(path, "[vvar]") == 0 || strcmp(path, "[vsyscall]") == 0)
			continue;
		/* Overlapping chunks, so a needle on a boundary is seen. */
		for (a = lo; a < hi && !found; a += scan_cap - MAX_NEEDLE * 4) {
			size_t want = hi - a < scan_cap ? hi - a : scan_cap;
			ssize_t got = pread(mem, scan_buf, want, (off_t)a);
			size_t i, k;

			if (got <= 0) {
				/* a hole (guard page, ASan shadow): next page */
				a = (a & ~(uintptr_t)4095) + 4096 -
				    (scan_cap - MAX_NEEDLE * 4);
				continue;
			}
			/* every form starts with the same first byte: find
			 * those with memchr, then compare the rest */
			unsigned char first = nd[0].m[0] ^ MASK;
			const unsigned char *q = scan_buf;

			while (!found &&
			       (q = memchr(q, first, (size_t)got -
						     (size_t)(q - scan_buf))) != NULL) {
				i = (size_t)(q - scan_buf);
				q++;
				for (k = 0; k < n_nd; k++) {
					if (i + nd[k].len <= (size_t)got &&
					    match_at(scan_buf + i, &nd[k])) {
						h->addr = a + i;
						h->form = nd[k].form;
						snprintf(h->where, sizeof(h->where),
							 "%s %s", perms,
							 path[0] ? path : "(anon)");
						found = true;
						break;
					}
				}
			}
			if ((size_t)got < want)
				break;
		}
	}
	fclose(maps);
	close(mem);
	return found;
}

static void expect(bool present, const char *shifted, int shift,
		   const char *what)
{
	struct needle nd[3];
	struct hit h;
	char msg[400];
	size_t n = make_needles(shifted, shift, nd);
	bool found = scan(nd, n, &h);

	if (found && !present) {
		snprintf(msg, sizeof(msg), "%s (a %s copy at 0x%" PRIxPTR
			 " in %s)", what, h.form, h.addr, h.where);
		result(false, msg);
	} else {
		result(found == present, what);
	}
}

/*
 * The dead stack right below a frame, copied the moment a call into
 * secret.c has returned: a buffer it left unwiped there (the NT hash's
 * UTF-16 copy) is overwritten by whatever runs next, the scan's own
 * fopen, fgets and sscanf among it, so the scan of the whole process can
 * come too late to see it.  One pread of /proc/self/mem, the call that
 * takes the least stack, into pages of our own.
 */
#define SNAP_SIZE (32u * 1024)
static unsigned char *snap_buf;
static int snap_mem = -1;
static ssize_t snap_got;

/* Map the stack SNAP_SIZE deep and more below main's frame (Linux grows
 * it on first touch), so the snapshot never reads a hole. */
static void __attribute__((noinline)) grow_stack(void)
{
	unsigned char deep[2 * SNAP_SIZE];

	explicit_bzero(deep, sizeof(deep));
	__asm__ __volatile__("" : : "r"(deep) : "memory");
}

/* Search the snapshot for NEEDLES; then wipe it, so the scan of the
 * whole process does not find the copy in it. */
static bool snapshot_holds(const char *shifted, int shift)
{
	struct needle nd[3];
	size_t n = make_needles(shifted, shift, nd), i, k;
	bool found = false;

	for (i = 0; snap_got > 0 && i < (size_t)snap_got && !found; i++) {
		for (k = 0; k < n && !found; k++) {
			found = i + nd[k].len <= (size_t)snap_got &&
				match_at(snap_buf + i, &nd[k]);
		}
	}
	explicit_bzero(snap_buf, SNAP_SIZE);
	return found;
}

/* The pieces of the test: each leaves its frame before the scan. */
static void __attribute__((noinline)) use_check_and_hash(void)
{
	struct um_secret *s = secret_of(NULL, PW_HASH);
	char hex[33];
	uintptr_t top;

	if (!um_is_ok(um_secret_check(s)) ||
	    !um_is_ok(um_secret_nthash(s, hex)))
		result(false, "check and hash a password");
	/* nothing called between the hash and the copy */
	top = (uintptr_t)__builtin_frame_address(0);
	snap_got = pread(snap_mem, snap_buf, SNAP_SIZE, (off_t)(top - SNAP_SIZE));
	talloc_free(s);
}

static void __attribute__((noinline)) use_from_fd(void)
{
	struct um_secret *s = NULL;
	const char *p = PW_FD;
	int fds[2];
	char c;

	if (pipe(fds) != 0)
		exit(99);
	for (; *p != '\0'; p++) {
		c = (char)(*p - 1);
		if (write(fds[1], &c, 1) != 1)
			exit(99);
	}
	c = '\n';
	if (write(fds[1], &c, 1) != 1)
		exit(99);
	close(fds[1]);
	if (!um_is_ok(um_secret_from_fd(NULL, fds[0], &s)))
		result(false, "read a password from a descriptor");
	close(fds[0]);
	talloc_free(s);
}

static void __attribute__((noinline)) use_equal(void)
{
	TALLOC_CTX *parent = talloc_new(NULL);
	struct um_secret *a = secret_of(parent, PW_EQ);
	struct um_secret *b = secret_of(parent, PW_EQ);

	if (!um_secret_equal(a, b))
		result(false, "compare two secrets");
	/* freeing the parent, not the secrets, must wipe them too */
	talloc_free(parent);
}

/* A random password, remembered shifted by one, then freed. */
static void __attribute__((noinline)) use_random(char shifted[25])
{
	struct um_secret *s = um_secret_random(NULL, 24);
	size_t i;

	for (i = 0; i < 24; i++)
		shifted[i] = (char)(um_secret_reveal(s)[i] + 1);
	shifted[24] = '\0';
	talloc_free(s);
}

int main(void)
{
	TALLOC_CTX *pool;
	struct um_secret *s;
	char rnd[25];
	const char *bytes;
	size_t i, len;
	bool zero = true;

	scan_buf = mmap(NULL, scan_cap, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (scan_buf == MAP_FAILED)
		return 99;
	snap_buf = mmap(NULL, SNAP_SIZE, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	snap_mem = open("/proc/self/mem", O_RDONLY | O_CLOEXEC);
	if (snap_buf == MAP_FAILED || snap_mem < 0)
		return 99;
	grow_stack();

	/* Controls: the scan finds a live secret, and does not find the
	 * shifted literals (so it cannot fail on its own data). */
	s = secret_of(NULL, PW_LIVE);
	expect(true, PW_LIVE, 1, "control: the scan finds a live secret");
	talloc_free(s);
	expect(false, PW_LIVE, 1, "the same secret, freed: no copy left");

	/* A freed secret's bytes are zero (they stay addressable in a pool). */
	pool = talloc_pool(NULL, 4096);
	s = secret_of(pool, PW_POOL);
	len = um_secret_len(s);
	bytes = um_secret_reveal(s);
	talloc_free(s);
	for (i = 0; i < len + 1; i++)
		zero = zero && bytes[i] == 0;
	result(zero, "a freed secret's bytes are all zero");
	talloc_free(pool);

	/* Used, then freed: nothing of it anywhere. */
	use_check_and_hash();
	result(snap_got == (ssize_t)SNAP_SIZE,
	       "the stack below the hashing frame copied right after it");
	result(!snapshot_holds(PW_HASH, 1), "checked + NT hash: no copy "
	       "left on the stack the moment it returned (any encoding)");
	expect(false, PW_HASH, 1, "checked + NT hash, freed: no copy left "
	       "(stack, heap, any encoding)");
	use_from_fd();
	expect(false, PW_FD, 1, "read from a descriptor, freed: no copy left");
	use_equal();
	expect(false, PW_EQ, 1, "compared, parent freed: no copy left");
	use_random(rnd);
	expect(false, rnd, 1, "a random password, freed: no copy left");

	printf("%d passed, %d failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}
