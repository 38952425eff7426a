/*
 * usrmgr - the command line: `usrmgr [GLOBAL] trust VERB [ARGS]`.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifndef USRMGR_CLI_H
#define USRMGR_CLI_H

#include <stdbool.h>
#include <stdio.h>
#include "model.h"
#include "policy.h"

/* Exit codes (DESIGN.md). */
enum {
	UM_EXIT_OK = 0,       /* ok / healthy */
	UM_EXIT_FAILED = 1,   /* operation failed / not healthy */
	UM_EXIT_USAGE = 2,    /* usage or bad input */
	UM_EXIT_HEALTHY = 3,  /* repair only: already healthy */
};

struct um_cli {
	/* GLOBAL */
	const char *pdc;            /* -S */
	const char *scenario;       /* --scenario */
	const char *state_file;     /* --state */
	const char *operator_user;  /* -U [DOM\]user */
	const char *authfile;       /* -A */
	bool kerberos;              /* -k */
	const char *smb_conf;       /* -s */
	int debug_level;            /* -d */
	bool json;                  /* --json */
	const char *journal;        /* --journal */
	const char *password_file;  /* --password-file */
	int password_fd;            /* --password-fd, -1 if none */
	unsigned page_size;         /* --page-size (tests: small pages) */
	/* the UI */
	bool training;
	const char *training_scenario;
	bool ascii;
	bool no_color;
	/* VERB and its arguments */
	const char *noun;           /* "trust" */
	const char *verb;
	const char *partner;
	const char *partner_pdc;    /* --partner-pdc */
	const char *partner_authfile; /* --partner-authfile */
	const char *test_user;      /* --user DOM\user */
	const char *user_password_file; /* repair: the test user's */
	const char *resource_pdc;
	const char *accounts_pdc;
	const char *resource_authfile;
	const char *accounts_authfile;
	bool yes;
	bool resume;
	bool reestablish;
	bool generate_password;
	/* `policy account`: each number as typed (NULL: unchanged), the
	 * two check boxes ("yes"/"no", NULL: unchanged) */
	const char *policy_number[UM_POLICY_N_NUMBERS];
	const char *force_logoff;
	const char *must_logon;
	/* `user VERB USER [NEW]` (cli_user.c): NEW for copy and rename;
	 * each property as typed, NULL: unchanged */
	const char *account;
	const char *new_account;
	const char *user_opt[16];
	/* `group add --local`: a local group, not a global one */
	bool group_local;
	/* `policy rights ACTION [RIGHT [ACCOUNT]]` (cli_rights.c); the
	 * account in ACCOUNT */
	const char *rights_action;
	const char *right;
};

/* The properties `user add|set|copy` take, as user_opt[] holds them. */
enum um_cli_user_opt {
	UM_UOPT_FULL_NAME, UM_UOPT_DESCRIPTION, UM_UOPT_MUST_CHANGE,
	UM_UOPT_CANNOT_CHANGE, UM_UOPT_NEVER_EXPIRES, UM_UOPT_DISABLED,
	UM_UOPT_PROFILE, UM_UOPT_SCRIPT, UM_UOPT_HOME_DIR, UM_UOPT_HOME_DRIVE,
	UM_UOPT_WORKSTATIONS, UM_UOPT_EXPIRES, UM_UOPT_HOURS, UM_UOPT_ACCOUNT,
	UM_UOPT_GROUPS, UM_UOPT_PRIMARY_GROUP,
};

/* Parse argv; on a usage error print why and return false. */
bool um_cli_parse(struct um_cli *cli, int argc, char **argv);

/* Run the verb; returns the exit code. */
int um_cli_run(struct um_cli *cli, struct um_model *m);

/* Build the model's options from the command line. */
void um_cli_model_options(const struct um_cli *cli, TALLOC_CTX *mem,
			  struct um_model_options *opt);

void um_cli_usage(FILE *out);

/* --password-file PATH or (PATH NULL) --password-fd FD: the password,
 * never empty; a file or descriptor that cannot be read is bad input
 * (said on stderr). */
struct um_status um_cli_given_password(TALLOC_CTX *mem, const char *path,
				       int fd, struct um_secret **out);
/* `user VERB` (cli_user.c); its words, checked (cli_user.c). */
int um_cli_user(const struct um_cli *c, struct um_model *m);
bool um_cli_user_words(struct um_cli *c, int n, char **words);
/* `group VERB` (cli_group.c) and its words. */
int um_cli_group(const struct um_cli *c, struct um_model *m);
bool um_cli_group_words(struct um_cli *c, int n, char **words);
/* Shared with the trust verbs (cli_trust.c). */
int um_cli_report(const struct um_cli *c, struct um_status st,
		  const char *success);
struct um_status um_cli_read_password(const struct um_cli *c,
				      TALLOC_CTX *mem, const char *prompt,
				      bool confirm, struct um_secret **out);

struct um_journal;
/* `policy VERB` (cli_policy.c). */
int um_cli_policy(const struct um_cli *c, struct um_model *m);
int um_cli_rights(const struct um_cli *c, struct um_model *m);

/* `trust repair` (cli_repair.c). */
int um_cli_repair(const struct um_cli *c, struct um_model *m,
		  struct um_journal *j);

/* "usrmgr: WHY" and the pointer to --help on stderr; false, always. */
bool um_cli_usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

#endif
