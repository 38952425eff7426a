/*
 * usrmgr - Hours: the week's grid of logon hours as SAMR keeps it, and
 * the text the CLI and scenario files give it ("Mon-Fri 08-18").
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "accounts.h"

/* The text's days, Monday first (as people write a week); SAMR's day
 * of each is (index + 1) % 7, Sunday being its day 0. */
static const char *const day_names[7] = { "Mon", "Tue", "Wed", "Thu",
					  "Fri", "Sat", "Sun" };

static unsigned samr_day(unsigned text_day)
{
	return (text_day + 1) % 7;
}

bool um_user_hours_get(const uint8_t hours[UM_HOURS_BYTES], unsigned day,
		       unsigned hour)
{
	unsigned bit = day * 24 + hour;

	return day < 7 && hour < 24 && (hours[bit / 8] >> (bit % 8)) & 1;
}

void um_user_hours_put(uint8_t hours[UM_HOURS_BYTES], unsigned day,
		       unsigned hour, bool allowed)
{
	unsigned bit = day * 24 + hour;

	if (day >= 7 || hour >= 24) {
		return;
	}
	if (allowed) {
		hours[bit / 8] |= (uint8_t)(1u << (bit % 8));
	} else {
		hours[bit / 8] &= (uint8_t)~(1u << (bit % 8));
	}
}

/* ---- parsing ---------------------------------------------------------- */

static bool day_of(const char *s, size_t len, unsigned *out)
{
	unsigned i;

	for (i = 0; i < 7; i++) {
		if (len == 3 && strncasecmp(s, day_names[i], 3) == 0) {
			*out = i;
			return true;
		}
	}
	return false;
}

/* "Mon" or "Mon-Fri" (a range may wrap: "Sat-Mon"). */
static bool days_of(const char *w, bool days[7])
{
	const char *dash = strchr(w, '-');
	unsigned from, to, d;

	if (dash == NULL) {
		if (!day_of(w, strlen(w), &from)) {
			return false;
		}
		to = from;
	} else if (!day_of(w, (size_t)(dash - w), &from) ||
		   !day_of(dash + 1, strlen(dash + 1), &to)) {
		return false;
	}
	for (d = from;; d = (d + 1) % 7) {
		days[d] = true;
		if (d == to) {
			return true;
		}
	}
}

static bool two_digits(const char *s, unsigned *out)
{
	if (strlen(s) != 2 || s[0] < '0' || s[0] > '9' || s[1] < '0' ||
	    s[1] > '9') {
		return false;
	}
	*out = (unsigned)(s[0] - '0') * 10 + (unsigned)(s[1] - '0');
	return true;
}

/* "08-18": hours 8 to 17 (the end is when logons stop). */
static bool range_of(char *w, bool hours[24])
{
	char *dash = strchr(w, '-');
	unsigned from, to, h;

	if (dash == NULL) {
		return false;
	}
	*dash = '\0';
	if (!two_digits(w, &from) || !two_digits(dash + 1, &to) ||
	    to > 24 || from >= to) {
		return false;
	}
	for (h = from; h < to; h++) {
		hours[h] = true;
	}
	return true;
}

/* One item: days, then hour ranges (none: the whole day). */
static bool item_of(char *item, uint8_t out[UM_HOURS_BYTES])
{
	bool days[7] = { false }, hours[24] = { false };
	char *save = NULL, *w = strtok_r(item, " \t", &save);
	bool any_range = false;
	unsigned d, h;

	if (w == NULL || !days_of(w, days)) {
		return false;
	}
	while ((w = strtok_r(NULL, " \t", &save)) != NULL) {
		if (!range_of(w, hours)) {
			return false;
		}
		any_range = true;
	}
	for (d = 0; d < 7; d++) {
		for (h = 0; days[d] && h < 24; h++) {
			if (hours[h] || !any_range) {
				um_user_hours_put(out, samr_day(d), h, true);
			}
		}
	}
	return true;
}

struct um_status um_user_hours_parse(const char *text,
				     uint8_t out[UM_HOURS_BYTES])
{
	uint8_t h[UM_HOURS_BYTES] = { 0 };
	char copy[512], *save = NULL, *item;
	bool ok = true;

	if (text == NULL || strlen(text) >= sizeof(copy)) {
		return um_local(UM_LOCAL_BAD_HOURS);
	}
	if (strcasecmp(text, "all") == 0) {
		memset(out, 0xff, UM_HOURS_BYTES);
		return um_ok();
	}
	if (strcasecmp(text, "none") == 0) {
		memset(out, 0, UM_HOURS_BYTES);
		return um_ok();
	}
	snprintf(copy, sizeof(copy), "%s", text);
	item = strtok_r(copy, ",", &save);
	if (item == NULL) {
		return um_local(UM_LOCAL_BAD_HOURS);
	}
	for (; ok && item != NULL; item = strtok_r(NULL, ",", &save)) {
		ok = item_of(item, h);
	}
	if (!ok) {
		return um_local(UM_LOCAL_BAD_HOURS);
	}
	memcpy(out, h, UM_HOURS_BYTES);
	return um_ok();
}

/* ---- text ------------------------------------------------------------- */

/* Text day D's hour ranges ("08-12 13-18"; "" the whole day; NULL none). */
static char *day_text(TALLOC_CTX *mem, const uint8_t hours[UM_HOURS_BYTES],
		      unsigned d)
{
	char *s = talloc_strdup(mem, "");
	unsigned h = 0, from, n = 0;

	while (s != NULL && h < 24) {
		if (!um_user_hours_get(hours, samr_day(d), h)) {
			h++;
			continue;
		}
		for (from = h; h < 24 && um_user_hours_get(hours, samr_day(d),
							   h); h++) {
			n++;
		}
		s = talloc_asprintf_append(s, "%s%02u-%02u", *s ? " " : "",
					   from, h);
	}
	if (s == NULL || n == 24) {
		return s == NULL ? NULL : talloc_strdup(mem, "");
	}
	return n == 0 ? NULL : s;
}

static bool same(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcmp(a, b) == 0;
}

char *um_user_hours_text(TALLOC_CTX *mem,
			 const uint8_t hours[UM_HOURS_BYTES])
{
	char *days[7], *out;
	unsigned d, end, n_all = 0, n_none = 0;

	for (d = 0; d < UM_HOURS_BYTES; d++) {
		n_all += hours[d] == 0xff;
		n_none += hours[d] == 0;
	}
	if (n_all == UM_HOURS_BYTES || n_none == UM_HOURS_BYTES) {
		return talloc_strdup(mem, n_none ? "none" : "all");
	}
	out = talloc_strdup(mem, "");
	for (d = 0; d < 7; d++) {
		days[d] = day_text(out, hours, d);
	}
	for (d = 0; out != NULL && d < 7; d = end + 1) {
		for (end = d; end + 1 < 7 && same(days[d], days[end + 1]);
		     end++) {
		}
		if (days[d] == NULL) {
			continue;
		}
		out = talloc_asprintf_append(out, "%s%s%s%s%s%s",
					     *out ? "," : "", day_names[d],
					     end > d ? "-" : "",
					     end > d ? day_names[end] : "",
					     *days[d] ? " " : "", days[d]);
	}
	return out;
}
