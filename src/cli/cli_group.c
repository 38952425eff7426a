/*
 * usrmgr - the `group` verbs: New Global Group, New Local Group, a
 * group's Properties (members), Delete, from a shell; each a thin layer
 * over one engine call (accounts.h).
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <json-c/json.h>

#include "cli.h"
#include "out.h"
#include "accounts.h"
#include "prompt.h"
#include "i18n.h"

static const struct {
	const char *verb;
	int names;
} group_verbs[] = {
	{ "list", 0 }, { "show", 1 }, { "add", 1 }, { "set", 1 },
	{ "delete", 1 },
	{ "add-member", 2 }, { "remove-member", 2 },
};

bool um_cli_group_words(struct um_cli *c, int n, char **words)
{
	size_t i, n_verbs = sizeof(group_verbs) / sizeof(group_verbs[0]);

	c->noun = words[0];
	if (n < 2) {
		return um_cli_usage_error("%s", _("group: a verb is missing"));
	}
	c->verb = words[1];
	for (i = 0; i < n_verbs; i++) {
		if (strcmp(c->verb, group_verbs[i].verb) == 0) {
			break;
		}
	}
	if (i == n_verbs) {
		return um_cli_usage_error(_("unknown verb: %s"), c->verb);
	}
	if (n - 2 != group_verbs[i].names) {
		return um_cli_usage_error(group_verbs[i].names == 2
				   ? _("group %s: name the group and the "
				       "member")
				   : group_verbs[i].names == 1
				   ? _("group %s: name one group")
				   : _("group %s: too many arguments"),
				   c->verb);
	}
	c->account = n > 2 ? words[2] : NULL;
	c->new_account = n > 3 ? words[3] : NULL;
	return true;
}

static void json_print(struct json_object *o)
{
	printf("%s\n", json_object_to_json_string_ext(
			       o, JSON_C_TO_STRING_PLAIN |
					  JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}

static int verb_list(const struct um_cli *c, struct um_pdc *p)
{
	TALLOC_CTX *tmp = talloc_new(p);
	struct json_object *arr = json_object_new_array();
	struct um_page page = { 0 };
	struct um_status st;

	do {
		struct um_group *g;
		size_t n, i;

		st = um_groups_page(p, tmp, &page, &g, &n);
		for (i = 0; um_is_ok(st) && i < n; i++) {
			struct json_object *o = json_object_new_object();

			json_object_object_add(o, "name",
				json_object_new_string(g[i].name));
			json_object_array_add(arr, o);
			if (!c->json) {
				printf("%-24s  %s\n", g[i].name,
				       g[i].description ? g[i].description
							: "");
			}
		}
	} while (um_is_ok(st) && page.more);
	talloc_free(tmp);
	if (um_is_ok(st) && c->json) {
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "ok", json_object_new_boolean(1));
		json_object_object_add(o, "groups", arr);
		json_print(o);
		return UM_EXIT_OK;
	}
	json_object_put(arr);
	return um_is_ok(st) ? UM_EXIT_OK : um_cli_report(c, st, NULL);
}

static void print_group(const struct um_cli *c, const struct um_group_info *g)
{
	struct json_object *o, *arr;
	size_t i;

	if (!c->json) {
		printf("%-14s %s\n", _("Group Name:"), g->name);
		printf("%-14s %s\n", _("Description:"), g->description);
		printf("%-14s %s\n", _("Kind:"), g->local ? _("Local Group")
							  : _("Global Group"));
		printf("%s\n", _("Members:"));
		for (i = 0; i < g->n_members; i++) {
			printf("    %s\n", g->members[i]);
		}
		return;
	}
	o = json_object_new_object();
	arr = json_object_new_array();
	json_object_object_add(o, "ok", json_object_new_boolean(1));
	json_object_object_add(o, "name", json_object_new_string(g->name));
	json_object_object_add(o, "description",
			       json_object_new_string(g->description));
	json_object_object_add(o, "local", json_object_new_boolean(g->local));
	for (i = 0; i < g->n_members; i++) {
		json_object_array_add(arr,
				      json_object_new_string(g->members[i]));
	}
	json_object_object_add(o, "members", arr);
	json_print(o);
}

static int verb_show(const struct um_cli *c, struct um_pdc *p)
{
	TALLOC_CTX *tmp = talloc_new(p);
	struct um_group_info *g;
	struct um_status st = um_group_query(p, c->account, tmp, &g);
	int rc = UM_EXIT_OK;

	if (um_is_ok(st)) {
		print_group(c, g);
	} else {
		rc = um_cli_report(c, st, NULL);
	}
	talloc_free(tmp);
	return rc;
}

/* NT's warning before a group is deleted; --yes answers it. */
static struct um_status delete_group(const struct um_cli *c,
				     struct um_pdc *p)
{
	int answer;

	if (!c->yes) {
		answer = um_prompt_choice(
			_("Each group is represented by a unique identifier "
			  "which is independent of the group name. Once this "
			  "group is deleted, even creating an identically "
			  "named group in the future will not restore access "
			  "to resources which currently include this group in "
			  "their access control lists. Delete the group? "
			  "[y/N] "));
		if (answer < 0) {
			fprintf(stderr, "usrmgr: %s\n",
				_("no terminal to confirm on: pass --yes"));
			return um_local(UM_LOCAL_USAGE);
		}
		if (answer != 'y') {
			return um_local(UM_LOCAL_CANCELLED);
		}
	}
	return um_group_delete(p, c->account);
}

/* Properties: the description (the one thing NT lets change there
 * besides the members). */
static struct um_status set_group(const struct um_cli *c, struct um_pdc *p)
{
	struct um_group_info g = {
		.name = (char *)c->account,
		.description = (char *)c->user_opt[UM_UOPT_DESCRIPTION],
	};

	if (g.description == NULL) {
		um_cli_usage_error("%s", _("group set: give --description"));
		return um_local(UM_LOCAL_USAGE);
	}
	return um_group_set(p, &g);
}

static struct um_status change(const struct um_cli *c, struct um_pdc *p,
			       const char **done)
{
	if (strcmp(c->verb, "add") == 0) {
		struct um_group_info g = {
			.name = (char *)c->account,
			.description = (char *)c->user_opt[UM_UOPT_DESCRIPTION],
			.local = c->group_local,
		};

		*done = _("The group was created.");
		return um_group_add(p, &g);
	}
	if (strcmp(c->verb, "set") == 0) {
		*done = _("The group was changed.");
		return set_group(c, p);
	}
	if (strcmp(c->verb, "delete") == 0) {
		*done = _("The group was deleted.");
		return delete_group(c, p);
	}
	if (strcmp(c->verb, "add-member") == 0) {
		*done = _("The member was added to the group.");
		return um_group_add_member(p, c->account, c->new_account);
	}
	*done = _("The member was removed from the group.");
	return um_group_remove_member(p, c->account, c->new_account);
}

int um_cli_group(const struct um_cli *c, struct um_model *m)
{
	struct um_pdc *p;
	struct um_status st;
	const char *done = NULL;

	if (c->pdc == NULL) {
		fprintf(stderr, "usrmgr: %s\n",
			_("name the domain controller to work on with -S PDC"));
		return UM_EXIT_USAGE;
	}
	st = um_pdc_get(m, c->pdc, &p);
	if (!um_is_ok(st)) {
		return um_cli_report(c, st, NULL);
	}
	if (strcmp(c->verb, "list") == 0) {
		return verb_list(c, p);
	}
	if (strcmp(c->verb, "show") == 0) {
		return verb_show(c, p);
	}
	st = change(c, p, &done);
	return um_cli_report(c, st, done);
}
