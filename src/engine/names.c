/*
 * usrmgr - NetBIOS domain names.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>
#include "names.h"

/* Characters NetBIOS names may not hold (KB Q188997, Q163949), and a
 * space inside a name: usrmgr refuses it (issue 18) as a typo, a name
 * that net and nltest cannot take as one word.  (Spaces at the ends are
 * trimmed before the check.) */
static const char forbidden[] = "\\/:*?\"<>| ";

struct um_status um_name_normalise(TALLOC_CTX *mem, const char *typed,
				   char **out)
{
	const char *start = typed, *end;
	size_t len, i;
	char *name;

	*out = NULL;
	if (typed == NULL) {
		return um_local(UM_LOCAL_BAD_NAME);
	}
	while (*start == ' ') {
		start++;
	}
	end = start + strlen(start);
	while (end > start && end[-1] == ' ') {
		end--;
	}
	len = (size_t)(end - start);
	if (len == 0) {
		return um_local(UM_LOCAL_BAD_NAME);
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)start[i];
		if (c < 0x20 || c >= 0x7f || strchr(forbidden, c) != NULL) {
			return um_local(UM_LOCAL_BAD_NAME);
		}
	}
	if (len > UM_NETBIOS_MAX) {
		return um_local(UM_LOCAL_NAME_TOO_LONG);
	}
	name = talloc_strndup(mem, start, len);
	if (name == NULL) {
		return um_local(UM_LOCAL_NO_MEMORY);
	}
	for (i = 0; i < len; i++) {
		name[i] = (char)toupper((unsigned char)name[i]);
	}
	*out = name;
	return um_ok();
}

bool um_name_equal(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcasecmp(a, b) == 0;
}

void um_name_split_user(TALLOC_CTX *mem, const char *full, char **domain,
			char **user)
{
	const char *sep = strchr(full, '\\');

	if (sep == NULL) {
		sep = strchr(full, '/');
	}
	if (sep != NULL) {
		*domain = talloc_strndup(mem, full, (size_t)(sep - full));
		*user = talloc_strdup(mem, sep + 1);
		return;
	}
	sep = strchr(full, '@');
	if (sep != NULL) {
		*user = talloc_strndup(mem, full, (size_t)(sep - full));
		*domain = talloc_strdup(mem, sep + 1);
		return;
	}
	*domain = NULL;
	*user = talloc_strdup(mem, full);
}
