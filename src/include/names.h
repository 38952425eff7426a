/*
 * usrmgr - domain names as NT knows them.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifndef USRMGR_NAMES_H
#define USRMGR_NAMES_H

#include <talloc.h>
#include "status.h"

/* NetBIOS domain names are at most 15 characters (KB Q163949). */
#define UM_NETBIOS_MAX 15

/*
 * Check a NetBIOS domain name as typed and return it normalised (spaces at
 * the ends trimmed, upper case).  Refuses empty names, names longer than 15
 * characters, non-ASCII, a space inside the name and the characters
 * NetBIOS forbids (\ / : * ? " < > | and control characters).
 */
struct um_status um_name_normalise(TALLOC_CTX *mem, const char *typed,
				   char **out);

/* Case-insensitive equality of two NetBIOS names. */
bool um_name_equal(const char *a, const char *b);

/* Split "DOM\user" (or "user@dom", or "user") into its parts. */
void um_name_split_user(TALLOC_CTX *mem, const char *full, char **domain,
			char **user);

#endif
