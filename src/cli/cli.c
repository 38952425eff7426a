/*
 * usrmgr - parsing the command line.
 *
 * One grammar for every backend (DESIGN.md): GLOBAL options, then
 * `trust VERB [ARGS]`.  Options may stand anywhere; passwords never come
 * from argv.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "out.h"
#include "names.h"
#include "i18n.h"

enum {
	OPT_SCENARIO = 256, OPT_STATE, OPT_JSON, OPT_JOURNAL,
	OPT_PASSWORD_FILE, OPT_PASSWORD_FD, OPT_PAGE_SIZE, OPT_TRAINING,
	OPT_ASCII, OPT_NO_COLOR, OPT_PARTNER_PDC, OPT_PARTNER_AUTHFILE,
	OPT_USER, OPT_RESOURCE_PDC,
	OPT_ACCOUNTS_PDC, OPT_RESOURCE_AUTHFILE, OPT_ACCOUNTS_AUTHFILE,
	OPT_YES, OPT_RESUME, OPT_REESTABLISH, OPT_GENERATE, OPT_HELP,
	OPT_VERSION, OPT_USER_PASSWORD_FILE,
	OPT_FORCE_LOGOFF, OPT_MUST_LOGON,
	/* policy account's numbers: OPT_POLICY + enum um_policy_field */
	OPT_POLICY,
	/* user properties: OPT_UPROP + enum um_cli_user_opt */
	OPT_UPROP = OPT_POLICY + 32,
	OPT_LOCAL = OPT_UPROP + 64,
};

static const struct option options[] = {
	{ "server", required_argument, NULL, 'S' },
	{ "scenario", required_argument, NULL, OPT_SCENARIO },
	{ "state", required_argument, NULL, OPT_STATE },
	{ "operator", required_argument, NULL, 'U' },
	{ "authentication-file", required_argument, NULL, 'A' },
	{ "use-kerberos", no_argument, NULL, 'k' },
	{ "configfile", required_argument, NULL, 's' },
	{ "debuglevel", required_argument, NULL, 'd' },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "journal", required_argument, NULL, OPT_JOURNAL },
	{ "password-file", required_argument, NULL, OPT_PASSWORD_FILE },
	{ "password-fd", required_argument, NULL, OPT_PASSWORD_FD },
	{ "page-size", required_argument, NULL, OPT_PAGE_SIZE },
	{ "training", optional_argument, NULL, OPT_TRAINING },
	{ "ascii", no_argument, NULL, OPT_ASCII },
	{ "no-color", no_argument, NULL, OPT_NO_COLOR },
	{ "partner-pdc", required_argument, NULL, OPT_PARTNER_PDC },
	{ "partner-authfile", required_argument, NULL,
	  OPT_PARTNER_AUTHFILE },
	{ "user", required_argument, NULL, OPT_USER },
	{ "resource-pdc", required_argument, NULL, OPT_RESOURCE_PDC },
	{ "accounts-pdc", required_argument, NULL, OPT_ACCOUNTS_PDC },
	{ "resource-authfile", required_argument, NULL,
	  OPT_RESOURCE_AUTHFILE },
	{ "accounts-authfile", required_argument, NULL,
	  OPT_ACCOUNTS_AUTHFILE },
	{ "yes", no_argument, NULL, OPT_YES },
	{ "resume", no_argument, NULL, OPT_RESUME },
	{ "re-establish", no_argument, NULL, OPT_REESTABLISH },
	{ "generate-password", no_argument, NULL, OPT_GENERATE },
	{ "user-password-file", required_argument, NULL,
	  OPT_USER_PASSWORD_FILE },
	{ "max-age", required_argument, NULL, OPT_POLICY + UM_POLICY_MAX_AGE },
	{ "min-age", required_argument, NULL, OPT_POLICY + UM_POLICY_MIN_AGE },
	{ "min-length", required_argument, NULL,
	  OPT_POLICY + UM_POLICY_MIN_LENGTH },
	{ "history", required_argument, NULL, OPT_POLICY + UM_POLICY_HISTORY },
	{ "lockout", required_argument, NULL,
	  OPT_POLICY + UM_POLICY_THRESHOLD },
	{ "reset-after", required_argument, NULL,
	  OPT_POLICY + UM_POLICY_RESET },
	{ "lockout-duration", required_argument, NULL,
	  OPT_POLICY + UM_POLICY_DURATION },
	{ "force-logoff", required_argument, NULL, OPT_FORCE_LOGOFF },
	{ "must-logon", required_argument, NULL, OPT_MUST_LOGON },
	{ "full-name", required_argument, NULL,
	  OPT_UPROP + UM_UOPT_FULL_NAME },
	{ "description", required_argument, NULL,
	  OPT_UPROP + UM_UOPT_DESCRIPTION },
	{ "must-change", required_argument, NULL,
	  OPT_UPROP + UM_UOPT_MUST_CHANGE },
	{ "cannot-change", required_argument, NULL,
	  OPT_UPROP + UM_UOPT_CANNOT_CHANGE },
	{ "never-expires", required_argument, NULL,
	  OPT_UPROP + UM_UOPT_NEVER_EXPIRES },
	{ "disabled", required_argument, NULL, OPT_UPROP + UM_UOPT_DISABLED },
	{ "profile", required_argument, NULL, OPT_UPROP + UM_UOPT_PROFILE },
	{ "logon-script", required_argument, NULL,
	  OPT_UPROP + UM_UOPT_SCRIPT },
	{ "home-dir", required_argument, NULL, OPT_UPROP + UM_UOPT_HOME_DIR },
	{ "home-drive", required_argument, NULL,
	  OPT_UPROP + UM_UOPT_HOME_DRIVE },
	{ "workstations", required_argument, NULL,
	  OPT_UPROP + UM_UOPT_WORKSTATIONS },
	{ "expires", required_argument, NULL, OPT_UPROP + UM_UOPT_EXPIRES },
	{ "hours", required_argument, NULL, OPT_UPROP + UM_UOPT_HOURS },
	{ "account", required_argument, NULL, OPT_UPROP + UM_UOPT_ACCOUNT },
	{ "groups", required_argument, NULL, OPT_UPROP + UM_UOPT_GROUPS },
	{ "primary-group", required_argument, NULL,
	  OPT_UPROP + UM_UOPT_PRIMARY_GROUP },
	{ "local", no_argument, NULL, OPT_LOCAL },
	{ "help", no_argument, NULL, OPT_HELP },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

void um_cli_usage(FILE *out)
{
	fprintf(out, "%s", _(
"Usage: usrmgr [OPTION...]                    open the screens\n"
"       usrmgr [OPTION...] trust VERB [ARGS]  run one command\n"
"\n"
"Verbs on one domain (-S PDC):\n"
"  list                      the Trusted and Trusting Domains lists\n"
"  verify PARTNER            does the secure channel to PARTNER work?\n"
"  reset PARTNER             rebuild the secure channel to PARTNER\n"
"  add-trusting PARTNER      Add Trusting Domain (on the accounts PDC)\n"
"  add-trusted PARTNER       Add Trusted Domain (on the resource PDC)\n"
"  remove-trusted PARTNER    remove PARTNER from the Trusted Domains\n"
"  remove-trusting PARTNER   remove PARTNER from the Trusting Domains\n"
"  logon-test --user DOM\\USER log a user on through this PDC\n"
"Verbs on a pair (--resource-pdc PDC --accounts-pdc PDC):\n"
"  diagnose                  what is wrong with the trust\n"
"  repair [--yes] [--resume] the KB Q207957 repair, step by step\n"
"         [--generate-password] [--re-establish]\n"
"         [--user DOM\\USER --user-password-file FILE]\n"
"\n"
"Options:\n"
"  -S, --server PDC          the primary domain controller to work on\n"
"      --scenario NAME       simulated domains from scenario NAME\n"
"      --state FILE          simulated domains kept in FILE (seeded from\n"
"                            --scenario when FILE does not exist)\n"
"  -U, --operator [DOM\\]USER connect as USER\n"
"  -A, --authentication-file FILE  credentials in Samba's format\n"
"  -k, --use-kerberos        use Kerberos\n"
"  -s, --configfile FILE     Samba client configuration\n"
"  -d, --debuglevel N        Samba debug level\n"
"      --json                one JSON object on standard output\n"
"      --password-file FILE  the trust or user password: FILE's first line\n"
"      --password-fd N       the same, from file descriptor N\n"
"      --partner-pdc PDC     add-trusted, add-trusting: the partner's PDC\n"
"      --partner-authfile FILE  an admin of the partner domain (-A format)\n"
"      --user DOM\\USER       the user for the logon test\n"
"      --journal FILE        the repair journal (default\n"
"                            $XDG_STATE_HOME/usrmgr/journal.jsonl)\n"
"      --training[=SCENARIO] open the screens in training mode\n"
"      --ascii, --no-color   for terminals without line graphics/colour\n"
"      --help, --version\n"
"\n"
"Without -S or --scenario, usrmgr works on simulated domains (scenario\n"
"kb207957). Exit status: 0 ok or healthy, 1 failed or not healthy,\n"
"2 usage or bad input.\n"));
	fprintf(out, "%s", _(
"\n"
"       usrmgr [OPTION...] policy account [CHANGES]\n"
"  -S PDC: show the domain's account policy, or change it:\n"
"    --max-age DAYS|never    --min-age DAYS|now   --min-length N\n"
"    --history N             --lockout ATTEMPTS|no\n"
"    --reset-after MINUTES   --lockout-duration MINUTES|forever\n"
"    --force-logoff yes|no   --must-logon yes|no\n"
"       usrmgr [OPTION...] policy audit\n"
"  -S PDC: the domain's audit policy, and whether its PDC lets it be\n"
"  changed (Samba's do not: the server's answer is shown)\n"));
	fprintf(out, "%s", _(
"\n"
"       usrmgr [OPTION...] user VERB [USER [NEWNAME]]  (-S PDC)\n"
"  list | show USER | add USER | set USER | copy USER NEWUSER |\n"
"  rename USER NEWNAME | delete USER [--yes] | unlock USER | password USER\n"
"  add, set and copy take: --full-name TEXT  --description TEXT\n"
"    --must-change, --cannot-change, --never-expires, --disabled yes|no\n"
"    --profile PATH  --logon-script NAME  --home-dir PATH\n"
"    --home-drive X:  --workstations NAME,...  --expires YYYY-MM-DD|never\n"
"  Passwords (add, copy, password): asked twice, or --password-file,\n"
"  --password-fd.\n"));
	fprintf(out, "%s", _(
"\n"
"       usrmgr [OPTION...] group VERB [GROUP [MEMBER]]  (-S PDC)\n"
"  list | show GROUP | add GROUP [--local] [--description TEXT] |\n"
"  set GROUP --description TEXT | delete GROUP [--yes] |\n"
"  add-member GROUP MEMBER |\n"
"  remove-member GROUP MEMBER  (a local group's MEMBER may be\n"
"  DOMAIN\\NAME)\n"));
}

static bool parse_number(const char *text, long max, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(text, &end, 10);
	return errno == 0 && end != text && *end == '\0' && *out >= 0 &&
	       *out <= max;
}

bool um_cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	char *why;

	va_start(ap, fmt);
	why = talloc_vasprintf(NULL, fmt, ap);
	va_end(ap);
	um_out_printf(stderr, "usrmgr: %s\n%s\n", why ? why : "",
		      _("Try 'usrmgr --help' for more information."));
	talloc_free(why);
	return false;
}

static bool parse_option(struct um_cli *c, int opt)
{
	long n;

	switch (opt) {
	case 'S': c->pdc = optarg; break;
	case OPT_SCENARIO: c->scenario = optarg; break;
	case OPT_STATE: c->state_file = optarg; break;
	case 'U': c->operator_user = optarg; break;
	case 'A': c->authfile = optarg; break;
	case 'k': c->kerberos = true; break;
	case 's': c->smb_conf = optarg; break;
	case 'd':
		if (!parse_number(optarg, 10, &n)) {
			return um_cli_usage_error(_("not a debug level (0-10): %s"),
					   optarg);
		}
		c->debug_level = (int)n;
		break;
	case OPT_JSON: c->json = true; break;
	case OPT_JOURNAL: c->journal = optarg; break;
	case OPT_PASSWORD_FILE: c->password_file = optarg; break;
	case OPT_PASSWORD_FD:
		if (!parse_number(optarg, 65535, &n)) {
			return um_cli_usage_error(_("not a file descriptor: %s"),
					   optarg);
		}
		c->password_fd = (int)n;
		break;
	case OPT_PAGE_SIZE:
		if (!parse_number(optarg, 100000, &n) || n == 0) {
			return um_cli_usage_error(_("not a page size: %s"), optarg);
		}
		c->page_size = (unsigned)n;
		break;
	case OPT_TRAINING:
		c->training = true;
		c->training_scenario = optarg;
		break;
	case OPT_ASCII: c->ascii = true; break;
	case OPT_NO_COLOR: c->no_color = true; break;
	case OPT_PARTNER_PDC: c->partner_pdc = optarg; break;
	case OPT_PARTNER_AUTHFILE: c->partner_authfile = optarg; break;
	case OPT_USER: c->test_user = optarg; break;
	case OPT_USER_PASSWORD_FILE: c->user_password_file = optarg; break;
	case OPT_RESOURCE_PDC: c->resource_pdc = optarg; break;
	case OPT_ACCOUNTS_PDC: c->accounts_pdc = optarg; break;
	case OPT_RESOURCE_AUTHFILE: c->resource_authfile = optarg; break;
	case OPT_ACCOUNTS_AUTHFILE: c->accounts_authfile = optarg; break;
	case OPT_YES: c->yes = true; break;
	case OPT_RESUME: c->resume = true; break;
	case OPT_REESTABLISH: c->reestablish = true; break;
	case OPT_GENERATE: c->generate_password = true; break;
	case OPT_LOCAL: c->group_local = true; break;
	case OPT_HELP:
		um_cli_usage(stdout);
		exit(UM_EXIT_OK);
	case OPT_VERSION:
		printf("usrmgr %s\n", PACKAGE_VERSION);
		exit(UM_EXIT_OK);
	case OPT_FORCE_LOGOFF: c->force_logoff = optarg; break;
	case OPT_MUST_LOGON: c->must_logon = optarg; break;
	default:
		if (opt >= OPT_POLICY &&
		    opt < OPT_POLICY + UM_POLICY_N_NUMBERS) {
			/* checked by the engine, with the dialog's words */
			c->policy_number[opt - OPT_POLICY] = optarg;
			break;
		}
		if (opt >= OPT_UPROP && opt < OPT_UPROP + (int)(
			    sizeof(c->user_opt) / sizeof(c->user_opt[0]))) {
			/* checked by the engine and cli_user.c */
			c->user_opt[opt - OPT_UPROP] = optarg;
			break;
		}
		return um_cli_usage_error("%s", _("unknown option"));
	}
	return true;
}

/* Verbs that name a partner domain as their one argument. */
static bool verb_takes_partner(const char *verb)
{
	static const char *const with_partner[] = {
		"verify", "reset", "add-trusting", "add-trusted",
		"remove-trusted", "remove-trusting", NULL,
	};
	size_t i;

	for (i = 0; with_partner[i] != NULL; i++) {
		if (strcmp(verb, with_partner[i]) == 0) {
			return true;
		}
	}
	return false;
}

static bool known_verb(const char *verb)
{
	return verb_takes_partner(verb) || strcmp(verb, "list") == 0 ||
	       strcmp(verb, "logon-test") == 0 ||
	       strcmp(verb, "diagnose") == 0 || strcmp(verb, "repair") == 0;
}

/* `policy account`, `policy audit`: one verb, no arguments. */
/* policy rights list [RIGHT] | grant RIGHT ACCOUNT | revoke RIGHT ACCOUNT */
static bool parse_rights_words(struct um_cli *c, int n, char **words)
{
	bool is_list;

	if (n < 3) {
		return um_cli_usage_error("%s",
					  _("policy rights: list, grant or "
					    "revoke is missing"));
	}
	c->rights_action = words[2];
	is_list = strcmp(words[2], "list") == 0;
	if (!is_list && strcmp(words[2], "grant") != 0 &&
	    strcmp(words[2], "revoke") != 0) {
		return um_cli_usage_error(_("unknown verb: %s"), words[2]);
	}
	if (is_list ? n > 4 : n != 5) {
		return um_cli_usage_error("%s",
					  is_list ? _("policy rights list "
						      "[RIGHT]")
						  : _("policy rights grant|"
						      "revoke RIGHT ACCOUNT"));
	}
	c->right = n > 3 ? words[3] : NULL;
	c->account = n > 4 ? words[4] : NULL;
	return true;
}

static bool parse_policy_words(struct um_cli *c, int n, char **words)
{
	c->noun = words[0];
	if (n < 2) {
		return um_cli_usage_error("%s", _("policy: a verb is missing"));
	}
	c->verb = words[1];
	if (strcmp(c->verb, "rights") == 0) {
		return parse_rights_words(c, n, words);
	}
	if (strcmp(c->verb, "account") != 0 &&
	    strcmp(c->verb, "audit") != 0) {
		return um_cli_usage_error(_("unknown verb: %s"), c->verb);
	}
	if (n != 2) {
		return um_cli_usage_error(_("%s: too many arguments"), c->verb);
	}
	return true;
}

static bool parse_words(struct um_cli *c, int n, char **words)
{
	if (n == 0) {
		return true;
	}
	/* "usrmgr --training SCENARIO": the scenario as a word. */
	if (c->training && c->training_scenario == NULL && n == 1 &&
	    strcmp(words[0], "trust") != 0) {
		c->training_scenario = words[0];
		return true;
	}
	if (strcmp(words[0], "policy") == 0) {
		return parse_policy_words(c, n, words);
	}
	if (strcmp(words[0], "user") == 0) {
		return um_cli_user_words(c, n, words);
	}
	if (strcmp(words[0], "group") == 0) {
		return um_cli_group_words(c, n, words);
	}
	if (strcmp(words[0], "trust") != 0) {
		return um_cli_usage_error(_("unknown command: %s"), words[0]);
	}
	c->noun = words[0];
	if (n < 2) {
		return um_cli_usage_error("%s", _("trust: a verb is missing"));
	}
	c->verb = words[1];
	if (!known_verb(c->verb)) {
		return um_cli_usage_error(_("unknown verb: %s"), c->verb);
	}
	if (verb_takes_partner(c->verb)) {
		if (n != 3) {
			return um_cli_usage_error(_("%s: name one partner domain"),
					   c->verb);
		}
		c->partner = words[2];
	} else if (n != 2) {
		return um_cli_usage_error(_("%s: too many arguments"), c->verb);
	}
	if (strcmp(c->verb, "logon-test") == 0 && c->test_user == NULL) {
		return um_cli_usage_error("%s", _("logon-test: --user DOM\\USER is "
					   "missing"));
	}
	if ((strcmp(c->verb, "diagnose") == 0 ||
	     (strcmp(c->verb, "repair") == 0 && !c->resume)) &&
	    (c->resource_pdc == NULL || c->accounts_pdc == NULL)) {
		return um_cli_usage_error(_("%s: --resource-pdc and --accounts-pdc "
				     "are needed"), c->verb);
	}
	if (c->generate_password &&
	    (c->password_file != NULL || c->password_fd >= 0)) {
		return um_cli_usage_error("%s", _("--generate-password and a password "
					   "file exclude each other"));
	}
	return true;
}

bool um_cli_parse(struct um_cli *c, int argc, char **argv)
{
	int opt;

	memset(c, 0, sizeof(*c));
	c->password_fd = -1;
	opterr = 0;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "S:U:A:ks:d:", options,
				  NULL)) != -1) {
		if (opt == '?' || opt == ':') {
			return um_cli_usage_error(_("unknown or incomplete option: "
					     "%s"),
					   argv[optind - 1]);
		}
		if (!parse_option(c, opt)) {
			return false;
		}
	}
	if (c->password_file != NULL && c->password_fd >= 0) {
		return um_cli_usage_error("%s", _("--password-file and --password-fd "
					   "exclude each other"));
	}
	return parse_words(c, argc - optind, argv + optind);
}

/* A real PDC is named and no simulation asked for: talk RPC. */
static bool wants_real(const struct um_cli *c)
{
	/* --training without a scenario but with real PDCs: the lab's. */
	return c->scenario == NULL && c->state_file == NULL &&
	       c->training_scenario == NULL &&
	       (c->pdc != NULL || c->resource_pdc != NULL ||
		c->accounts_pdc != NULL || c->resume);
}

void um_cli_model_options(const struct um_cli *c, TALLOC_CTX *mem,
			  struct um_model_options *opt)
{
	struct um_creds *creds = talloc_zero(mem, struct um_creds);

	memset(opt, 0, sizeof(*opt));
	if (!wants_real(c)) {
		opt->scenario = c->training_scenario ? c->training_scenario
			      : c->scenario ? c->scenario : "kb207957";
		opt->state_file = c->state_file;
	}
	opt->smb_conf = c->smb_conf;
	opt->debug_level = c->debug_level;
	opt->page_size = c->page_size;
	if (creds != NULL) {
		if (c->operator_user != NULL) {
			um_name_split_user(creds, c->operator_user,
					   &creds->domain, &creds->user);
		}
		creds->authfile = talloc_strdup(creds, c->authfile);
		creds->kerberos = c->kerberos;
		opt->require_kerberos = c->kerberos;
	}
	opt->creds = creds;
}
