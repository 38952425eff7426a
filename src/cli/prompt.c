/*
 * usrmgr - password prompts with echo off, on the controlling terminal
 * (never stdin, which a script may be feeding).
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "prompt.h"
#include "i18n.h"

struct um_status um_prompt_password(TALLOC_CTX *mem, const char *prompt,
				    struct um_secret **out)
{
	struct termios old, quiet;
	struct um_status st;
	int fd = open("/dev/tty", O_RDWR | O_CLOEXEC | O_NOCTTY);

	*out = NULL;
	if (fd < 0 || tcgetattr(fd, &old) != 0) {
		if (fd >= 0) {
			close(fd);
		}
		return um_local(UM_LOCAL_NO_TERMINAL);
	}
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHONL);
	quiet.c_lflag |= ICANON;
	/* Echo off before the prompt shows: what is typed as soon as it
	 * appears must not be echoed in the gap. */
	if (tcsetattr(fd, TCSAFLUSH, &quiet) != 0 ||
	    write(fd, prompt, strlen(prompt)) < 0) {
		tcsetattr(fd, TCSAFLUSH, &old);
		close(fd);
		return um_local(UM_LOCAL_NO_TERMINAL);
	}
	st = um_secret_from_fd(mem, fd, out);
	tcsetattr(fd, TCSAFLUSH, &old);
	if (write(fd, "\n", 1) < 0) {
		/* Only cosmetic: the next line starts after the prompt. */
	}
	close(fd);
	return st;
}

struct um_status um_prompt_new_password(TALLOC_CTX *mem, const char *prompt,
					const char *confirm_prompt,
					struct um_secret **out)
{
	struct um_secret *again = NULL;
	struct um_status st = um_prompt_password(mem, prompt, out);

	if (um_is_ok(st)) {
		st = um_prompt_password(mem, confirm_prompt, &again);
	}
	if (um_is_ok(st) && !um_secret_equal(*out, again)) {
		st = um_local(UM_LOCAL_PASSWORD_MISMATCH);
	}
	talloc_free(again);
	if (!um_is_ok(st)) {
		TALLOC_FREE(*out);
	}
	return st;
}

void um_prompt_say(const char *text)
{
	FILE *tty = fopen("/dev/tty", "we");

	if (tty != NULL) {
		fprintf(tty, "%s\n", text);
		fclose(tty);
	}
}

int um_prompt_choice(const char *question)
{
	char answer[64];
	FILE *tty = fopen("/dev/tty", "r+e");
	int c;

	if (tty == NULL) {
		return -1;
	}
	fputs(question, tty);
	fflush(tty);
	if (fgets(answer, sizeof(answer), tty) == NULL) {
		fclose(tty);
		return -1;
	}
	fclose(tty);
	c = (unsigned char)answer[0];
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}
