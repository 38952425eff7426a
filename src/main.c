/*
 * usrmgr - User Manager for Domains' trust relationships, for the console.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <tevent.h>

#include "cli.h"
#include "prompt.h"
#include "i18n.h"
#include "test_hooks.h"
#include "ui.h"

void um_i18n_init(void)
{
	setlocale(LC_ALL, "");
	bindtextdomain(PACKAGE, um_i18n_localedir());
	textdomain(PACKAGE);
}

static int open_screens(const struct um_cli *c, struct um_model *m)
{
	struct um_ui_options ui = {
		.pdc = c->pdc,
		.ascii = c->ascii,
		.no_color = c->no_color || getenv("NO_COLOR") != NULL,
		.training = c->training,
		.scenario = um_model_scenario(m),
		.journal = c->journal,
		.resource_pdc = c->resource_pdc,
		.accounts_pdc = c->accounts_pdc,
		.resource_authfile = c->resource_authfile,
		.accounts_authfile = c->accounts_authfile,
		.user = c->test_user,
		.user_password_file = c->user_password_file,
	};

	return um_ui_run(m, &ui);
}

/* The command line's side of the model: notes on stderr, passwords asked
 * on the terminal (the screens set their own). */
static void cli_note(void *priv, const char *text)
{
	(void)priv;
	fprintf(stderr, "usrmgr: %s\n", text);
}

static struct um_status cli_ask_password(void *priv, TALLOC_CTX *mem,
					 const char *prompt,
					 struct um_secret **out)
{
	(void)priv;
	return um_prompt_password(mem, prompt, out);
}

static void set_cli_hooks(struct um_model *m)
{
	struct um_hooks hooks = { .note = cli_note,
				  .ask_password = cli_ask_password };

	um_model_set_hooks(m, &hooks);
}

int main(int argc, char **argv)
{
	TALLOC_CTX *mem;
	struct tevent_context *ev;
	struct um_model_options opt;
	struct um_model *m;
	struct um_status st;
	struct um_cli cli;
	char *why = NULL;
	int rc;

	um_test_rpc_trace("usrmgr: main() entered");
	um_i18n_init();
	um_secret_protect_process();
	if (!um_cli_parse(&cli, argc, argv)) {
		return UM_EXIT_USAGE;
	}
	mem = talloc_new(NULL);
	ev = tevent_context_init(mem);
	um_cli_model_options(&cli, mem, &opt);
	opt.screens = cli.verb == NULL;
	st = um_model_new(mem, ev, &opt, &m, &why);
	if (!um_is_ok(st)) {
		fprintf(stderr, "usrmgr: %s\n",
			why ? why : um_status_text(st));
		talloc_free(mem);
		return UM_EXIT_USAGE;
	}
	if (cli.verb != NULL) {
		set_cli_hooks(m);
		rc = um_cli_run(&cli, m);
	} else {
		rc = open_screens(&cli, m);
	}
	talloc_free(mem);
	um_test_rpc_trace("usrmgr: exit");
	return rc;
}
