/*
 * usrmgr - asking the operator for a password on the terminal.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifndef USRMGR_PROMPT_H
#define USRMGR_PROMPT_H

#include "secret.h"

/* Ask on /dev/tty with echo off; UM_LOCAL_NO_TERMINAL without one. */
struct um_status um_prompt_password(TALLOC_CTX *mem, const char *prompt,
				    struct um_secret **out);

/* Ask twice; UM_LOCAL_PASSWORD_MISMATCH when the two differ. */
struct um_status um_prompt_new_password(TALLOC_CTX *mem, const char *prompt,
					const char *confirm_prompt,
					struct um_secret **out);

/* Ask a question on /dev/tty and return the first character of the
 * answer, lower case ('\n' for a bare Enter); -1 without a terminal. */
int um_prompt_choice(const char *question);

/* Say TEXT on /dev/tty, where the question was asked (a line). */
void um_prompt_say(const char *text);

#endif
