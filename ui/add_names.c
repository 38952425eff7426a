/*
 * usrmgr - Add Users and Groups, as NT 4.0 has it: List Names From (this
 * domain and the domains it trusts), the Names of that domain (groups
 * first, then users when asked for), Add, Members..., the Add Names typed
 * or picked ("name" of this domain, "DOMAIN\name" of another, separated
 * by ';'), OK and Cancel.  OK asks the engine to look every name up
 * (LSA, on this domain's PDC) before the caller sees it.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include "ui_priv.h"

enum {
	ID_OK = 1, ID_CANCEL, ID_FROM, ID_NAMES, ID_ADD, ID_MEMBERS,
	ID_TYPED,
};

#define DLG_W 76
#define DLG_H 21
#define BTN_W 12

struct name_row {
	const char *name;      /* as the Add Names field takes it */
	const char *desc;
	bool group;
};

struct add_names {
	struct um_pdc *pdc;
	unsigned what;         /* UI_NAMES_* */
	TALLOC_CTX *keep;
	TALLOC_CTX *rows_mem;  /* the shown domain's names */
	char **domains;        /* [0] this domain, then the trusted ones */
	size_t n_domains;
	struct um_pdc *shown;  /* the PDC of the domain listed, or NULL */
	struct name_row *rows;
	size_t n_rows;
	struct ui_list dl, nl;
	bool enter_added;      /* Enter in Names added: OK is not meant */
	TALLOC_CTX *mem;       /* the caller's */
	char **names;
	size_t n_names;
};

static const char *domain_cell(struct ui_list *l, size_t row, int col)
{
	struct add_names *a = l->priv;

	(void)col;
	return a->domains[row];
}

static const char *name_cell(struct ui_list *l, size_t row, int col)
{
	struct add_names *a = l->priv;

	return col == 0 ? a->rows[row].name : a->rows[row].desc;
}

/* ---- the names of one domain ------------------------------------------ */

static void row_add(struct add_names *a, const char *dom, const char *name,
		    const char *desc, bool group)
{
	struct name_row *r = talloc_realloc(a->rows_mem, a->rows,
					    struct name_row, a->n_rows + 1);

	if (r == NULL)
		return;
	a->rows = r;
	r = &a->rows[a->n_rows++];
	r->name = dom != NULL ? talloc_asprintf(a->rows_mem, "%s\\%s", dom,
						name)
			      : talloc_strdup(a->rows_mem, name);
	r->desc = talloc_strdup(a->rows_mem, desc != NULL ? desc : "");
	r->group = group;
}

/* Every page of P's groups (DOM: their domain prefix, or NULL); local
 * groups only of this domain, and only when asked for. */
static struct um_status load_groups(struct add_names *a, struct um_pdc *p,
				    const char *dom)
{
	struct um_page page = { 0 };
	struct um_status st;

	do {
		struct um_group *g = NULL;
		size_t n = 0, i;

		st = um_groups_page(p, a->rows_mem, &page, &g, &n);
		for (i = 0; um_is_ok(st) && i < n; i++)
			if (!g[i].local || (dom == NULL &&
			    (a->what & UI_NAMES_LOCAL_GROUPS)))
				row_add(a, dom, g[i].name, g[i].description,
					true);
		if (n == 0)
			break;
	} while (um_is_ok(st) && page.more);
	return st;
}

static struct um_status load_users(struct add_names *a, struct um_pdc *p,
				   const char *dom)
{
	struct um_page page = { 0 };
	struct um_status st;

	do {
		struct um_user *u = NULL;
		size_t n = 0, i;

		st = um_users_page(p, a->rows_mem, &page, &u, &n);
		for (i = 0; um_is_ok(st) && i < n; i++)
			row_add(a, dom, u[i].name, u[i].description, false);
		if (n == 0)
			break;
	} while (um_is_ok(st) && page.more);
	return st;
}

/* The Names list for the domain chosen in List Names From: this one's
 * from its PDC, a trusted one's from that domain's PDC. */
static void load_names(struct add_names *a)
{
	size_t i = a->dl.sel;
	const char *dom = i == 0 ? NULL : a->domains[i];
	struct um_status st = um_ok();

	TALLOC_FREE(a->rows_mem);
	a->rows_mem = talloc_new(a->keep);
	a->rows = NULL;
	a->n_rows = 0;
	a->shown = a->pdc;
	if (dom != NULL)
		st = um_partner_pdc(a->pdc, dom, NULL, &a->shown);
	if (um_is_ok(st))
		st = load_groups(a, a->shown, dom);
	if (um_is_ok(st) && (a->what & UI_NAMES_USERS))
		st = load_users(a, a->shown, dom);
	if (!um_is_ok(st)) {
		a->shown = NULL;
		ui_message_status(NULL, st);
	}
	a->nl.sel = a->nl.top = 0;
	ui_list_set(&a->nl, a->n_rows, false);
}

static void load_domains(struct add_names *a)
{
	struct um_trust *trusted = NULL, *trusting = NULL;
	size_t n_trusted = 0, n_trusting = 0, i;
	struct um_status st = um_trust_list(a->pdc, a->keep, &trusted,
					    &n_trusted, &trusting,
					    &n_trusting);

	if (!um_is_ok(st))
		n_trusted = 0; /* this domain's names still serve */
	a->domains = talloc_array(a->keep, char *, n_trusted + 1);
	a->domains[0] = talloc_strdup(a->domains, ui_domain_name(a->pdc));
	for (i = 0; i < n_trusted; i++)
		a->domains[i + 1] = talloc_strdup(a->domains,
						  trusted[i].name);
	a->n_domains = n_trusted + 1;
	ui_list_set(&a->dl, a->n_domains, false);
}

/* ---- Add, Members... ---------------------------------------------------- */

/* The selected name at the end of Add Names, after a "; ". */
static void add_selected(struct ui_dialog *d, struct add_names *a)
{
	struct ui_ctl *f = ui_dialog_ctl(d, ID_TYPED);
	char *typed, *now;

	if (a->n_rows == 0)
		return;
	typed = ui_field_text(d, f, a->keep);
	now = typed[0] != '\0'
		? talloc_asprintf(a->keep, "%s; %s", typed,
				  a->rows[a->nl.sel].name)
		: talloc_strdup(a->keep, a->rows[a->nl.sel].name);
	ui_field_set(d, f, now);
}

/* Members...: the selected group's members, in a message. */
static void show_members(struct add_names *a)
{
	TALLOC_CTX *t = talloc_new(a->keep);
	const struct name_row *r;
	struct um_group_info *g = NULL;
	const char *bs;
	char *text;
	size_t i;
	struct um_status st;

	if (a->n_rows == 0 || a->shown == NULL || !a->rows[a->nl.sel].group) {
		ui_message(UI_MSG_INFO, _("Select a group to see its "
					  "members."));
		talloc_free(t);
		return;
	}
	r = &a->rows[a->nl.sel];
	bs = strchr(r->name, '\\');
	st = um_group_query(a->shown, bs != NULL ? bs + 1 : r->name, t, &g);
	if (!um_is_ok(st)) {
		ui_message_status(NULL, st);
		talloc_free(t);
		return;
	}
	text = talloc_asprintf(t, _("Members of %s:"), r->name);
	for (i = 0; i < g->n_members; i++)
		text = talloc_asprintf_append(text, "\n  %s", g->members[i]);
	if (g->n_members == 0)
		text = talloc_asprintf_append(text, "\n  %s", _("(none)"));
	ui_message(UI_MSG_INFO, text);
	talloc_free(t);
}

/* ---- OK ----------------------------------------------------------------- */

/* Add Names split at ';', blanks trimmed, each looked up on this
 * domain's PDC; the first that is not there keeps the dialog open. */
static int names_ok(struct ui_dialog *d)
{
	struct add_names *a = d->priv;
	TALLOC_CTX *t = talloc_new(a->keep);
	char *typed = ui_field_text(d, ui_dialog_ctl(d, ID_TYPED), t);
	char *save = NULL, *one;
	char **out = talloc_array(t, char *, 1);
	size_t n = 0;

	if (a->enter_added) {
		a->enter_added = false;
		talloc_free(t);
		return UI_DLG_CONTINUE;
	}
	for (one = strtok_r(typed, ";", &save); one != NULL;
	     one = strtok_r(NULL, ";", &save)) {
		char *end = one + strlen(one), *found = NULL;
		enum um_name_kind kind;
		struct um_status st;

		while (*one == ' ')
			one++;
		while (end > one && end[-1] == ' ')
			*--end = '\0';
		if (*one == '\0')
			continue;
		st = um_name_lookup(a->pdc, one, t, &found, &kind);
		if (um_status_is(st, UM_KIND_LOCAL, UM_LOCAL_NOT_SUPPORTED))
			found = one; /* the PDC will judge it */
		else if (!um_is_ok(st)) {
			ui_message_status(talloc_asprintf(t, "%s:", one), st);
			talloc_free(t);
			ui_dialog_focus(d, ID_TYPED);
			return UI_DLG_CONTINUE;
		}
		out = talloc_realloc(t, out, char *, n + 2);
		out[n++] = found;
	}
	if (n == 0) {
		ui_message(UI_MSG_INFO, _("Type or add at least one name."));
		talloc_free(t);
		ui_dialog_focus(d, ID_TYPED);
		return UI_DLG_CONTINUE;
	}
	out[n] = NULL;
	a->names = talloc_steal(a->mem, out);
	for (size_t i = 0; i < n; i++)
		talloc_steal(a->names, out[i]);
	a->n_names = n;
	talloc_free(t);
	return ID_OK;
}

static int names_event(struct ui_dialog *d, int id, int key)
{
	struct add_names *a = d->priv;

	switch (id) {
	case ID_FROM:
		if (key == UI_EV_SELECT)
			load_names(a);
		return UI_DLG_CONTINUE;
	case ID_NAMES:
		/* Enter in Names adds the name, as a double click does */
		if (key == UI_ENTER) {
			add_selected(d, a);
			a->enter_added = true;
		}
		return UI_DLG_CONTINUE;
	case ID_ADD:
		add_selected(d, a);
		return UI_DLG_CONTINUE;
	case ID_MEMBERS:
		show_members(a);
		return UI_DLG_CONTINUE;
	default:
		return id;
	}
}

/* The widest of the buttons, as translated. */
static int buttons_width(void)
{
	const char *b[] = { _("&Add"), _("&Members..."), _("OK"),
			    _("Cancel"), _("&Help") };
	int w = BTN_W;
	size_t i;

	for (i = 0; i < sizeof(b) / sizeof(b[0]); i++)
		if (ui_button_width(b[i]) > w)
			w = ui_button_width(b[i]);
	return w;
}

/* The buttons' column at the right edge, the lists in the room left of
 * it, whatever the translation's widths. */
static void names_build(struct ui_dialog *d, struct add_names *a,
			const char *title)
{
	int bx = DLG_W - 3 - buttons_width();
	int list_w = bx - 4;
	int from_x = ui_label_width(_("&List Names From:")) + 4;

	ui_dialog_init(d, title, DLG_H, DLG_W, UI_HELP_ADD_NAMES);
	ui_dialog_handle(d, names_event, NULL, a, ID_OK, ID_CANCEL);
	d->ok = names_ok;
	ui_dialog_label(d, 2, 2, _("&List Names From:"));
	ui_dialog_list(d, ID_FROM, 1, from_x < 22 ? 22 : from_x, 3, 30,
		       &a->dl);
	ui_dialog_label(d, 4, 2, _("&Names:"));
	ui_dialog_list(d, ID_NAMES, 5, 2, 11, list_w, &a->nl);
	ui_dialog_button_w(d, ID_ADD, 5, bx, _("&Add"), BTN_W);
	ui_dialog_button_w(d, ID_MEMBERS, 6, bx, _("&Members..."), BTN_W);
	ui_dialog_label(d, 17, 2, _("A&dd Names:"));
	ui_dialog_field(d, ID_TYPED, 18, 3, list_w - 2, false, 1024);
	ui_dialog_button_w(d, ID_OK, 12, bx, _("OK"), BTN_W);
	ui_dialog_button_w(d, ID_CANCEL, 13, bx, _("Cancel"), BTN_W);
	ui_dialog_button_w(d, UI_ID_HELP, 14, bx, _("&Help"), BTN_W);
	ui_dialog_button_column(d, bx);
}

bool ui_add_names_ex(struct um_pdc *p, const char *title, unsigned what,
		     TALLOC_CTX *mem, char ***names, size_t *n)
{
	struct add_names *a = talloc_zero(NULL, struct add_names);
	struct ui_dialog d;
	int r;

	a->keep = a;
	a->pdc = p;
	a->what = what;
	a->mem = mem;
	a->dl = (struct ui_list){ .ncols = 1, .cell = domain_cell,
				  .priv = a };
	a->nl = (struct ui_list){ .ncols = 2, .cell = name_cell, .priv = a,
				  .col_w = { 24 }, .empty = _("(no names)") };
	load_domains(a);
	load_names(a);
	names_build(&d, a, title);
	ui_dialog_focus(&d, ID_NAMES);
	r = ui_dialog_run(&d);
	ui_dialog_free(&d);
	*names = r == ID_OK ? a->names : NULL;
	*n = r == ID_OK ? a->n_names : 0;
	talloc_free(a);
	return r == ID_OK;
}

bool ui_add_names(struct um_pdc *p, const char *title, bool users,
		  TALLOC_CTX *mem, char ***names, size_t *n)
{
	return ui_add_names_ex(p, title, users ? UI_NAMES_USERS : 0, mem,
			       names, n);
}
