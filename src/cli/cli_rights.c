/*
 * usrmgr - `policy rights list [RIGHT]`, `policy rights grant RIGHT
 * ACCOUNT`, `policy rights revoke RIGHT ACCOUNT`: Policies -> User
 * Rights for scripts.  The engine (rights.h) decides; this prints.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#include "config.h"
#include <stdio.h>
#include <string.h>
#include <json-c/json.h>
#include "cli.h"
#include "rights.h"
#include "i18n.h"

static void json_print(struct json_object *o)
{
	printf("%s\n", json_object_to_json_string_ext(
			       o, JSON_C_TO_STRING_PLAIN |
					  JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}

static struct json_object *json_right(const struct um_right_grants *g)
{
	struct json_object *o = json_object_new_object();
	struct json_object *list = json_object_new_array();
	size_t i;

	json_object_object_add(o, "right",
			       json_object_new_string(um_right_key(g->right)));
	json_object_object_add(o, "advanced",
			       json_object_new_boolean(
				       um_right_advanced(g->right)));
	json_object_object_add(o, "kept", json_object_new_boolean(g->kept));
	if (!g->kept) {
		json_object_object_add(o, "why_not", json_object_new_string(
					       um_status_name(g->why_not)));
	}
	for (i = 0; i < g->n_grantees; i++) {
		struct json_object *n = json_object_new_object();

		json_object_object_add(n, "name", json_object_new_string(
					       g->grantees[i].name));
		if (g->grantees[i].sid != NULL) {
			json_object_object_add(n, "sid",
					       json_object_new_string(
						       g->grantees[i].sid));
		}
		json_object_array_add(list, n);
	}
	json_object_object_add(o, "grantees", list);
	return o;
}

static void print_right(const struct um_right_grants *g)
{
	char *why = um_right_why_not(NULL, g);
	size_t i;

	printf("%s (%s)%s\n", um_right_name(g->right), um_right_key(g->right),
	       um_right_advanced(g->right) ? _(" [advanced]") : "");
	if (why != NULL) {
		printf("  %s\n", why);
	}
	for (i = 0; i < g->n_grantees; i++) {
		printf("  %s\n", g->grantees[i].name);
	}
	talloc_free(why);
}

/* Unknown right or account: the caller's input, exit 2. */
static int rights_exit(struct um_status st)
{
	if (um_is_ok(st)) {
		return UM_EXIT_OK;
	}
	if (st.kind == UM_KIND_LOCAL ||
	    um_status_is(st, UM_KIND_NT, UM_NT_NONE_MAPPED) ||
	    um_status_is(st, UM_KIND_NT, UM_NT_SOME_NOT_MAPPED)) {
		return um_status_is(st, UM_KIND_LOCAL, UM_LOCAL_NO_MEMORY)
			       ? UM_EXIT_FAILED : UM_EXIT_USAGE;
	}
	return UM_EXIT_FAILED;
}

static int fail(const struct um_cli *c, struct um_status st,
		const char *why)
{
	if (c->json) {
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "ok", json_object_new_boolean(0));
		json_object_object_add(o, "status", json_object_new_string(
					       um_status_name(st)));
		json_object_object_add(o, "message", json_object_new_string(
					       why ? why
						   : um_status_message(st)));
		json_print(o);
	} else {
		fprintf(stderr, "usrmgr: %s\n", why ? why
						    : um_status_text(st));
	}
	return rights_exit(st);
}

static int list(const struct um_cli *c, struct um_pdc *p, TALLOC_CTX *mem,
		bool one, size_t right)
{
	struct um_right_grants *g;
	struct um_status st = one ? um_right_grantees(p, right, mem, &g)
				  : um_rights_list(p, mem, &g);
	struct json_object *o, *all;
	size_t i, n = one ? 1 : UM_RIGHTS_N;

	if (!um_is_ok(st)) {
		return fail(c, st, NULL);
	}
	if (!c->json) {
		for (i = 0; i < n; i++) {
			print_right(&g[i]);
		}
		return UM_EXIT_OK;
	}
	o = json_object_new_object();
	all = json_object_new_array();
	json_object_object_add(o, "ok", json_object_new_boolean(1));
	for (i = 0; i < n; i++) {
		json_object_array_add(all, json_right(&g[i]));
	}
	json_object_object_add(o, "rights", all);
	json_print(o);
	return UM_EXIT_OK;
}

static int change(const struct um_cli *c, struct um_pdc *p,
		  TALLOC_CTX *mem, size_t right, bool grant)
{
	const char *names[] = { c->account };
	char *why = NULL;
	struct um_status st = grant
		? um_right_grant(p, right, names, 1, mem, &why)
		: um_right_revoke(p, right, names, 1, mem, &why);

	if (!um_is_ok(st)) {
		return fail(c, st, why);
	}
	if (c->json) {
		struct json_object *o = json_object_new_object();

		json_object_object_add(o, "ok", json_object_new_boolean(1));
		json_print(o);
	}
	return UM_EXIT_OK;
}

int um_cli_rights(const struct um_cli *c, struct um_model *m)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	size_t right = 0;
	struct um_pdc *p;
	struct um_status st;
	int rc;

	if (c->pdc == NULL) {
		fprintf(stderr, "usrmgr: %s\n",
			_("name the domain controller to work on with -S PDC"));
		return UM_EXIT_USAGE;
	}
	if (c->right != NULL && !um_right_find(c->right, &right)) {
		rc = fail(c, um_local(UM_LOCAL_UNKNOWN_RIGHT), NULL);
		talloc_free(mem);
		return rc;
	}
	st = um_pdc_get(m, c->pdc, &p);
	if (!um_is_ok(st)) {
		rc = fail(c, st, NULL);
	} else if (strcmp(c->rights_action, "list") == 0) {
		rc = list(c, p, mem, c->right != NULL, right);
	} else {
		rc = change(c, p, mem, right,
			    strcmp(c->rights_action, "grant") == 0);
	}
	talloc_free(mem);
	return rc;
}
