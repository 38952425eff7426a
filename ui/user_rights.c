/*
 * usrmgr - Policies > User Rights: NT 4.0's User Rights Policy dialog.
 * "Domain: NAME", the Right (a drop-down list; Show Advanced User Rights
 * adds the advanced ones), its Grant To list with Add... (Add Users and
 * Groups) and Remove, OK, Cancel and Help.
 *
 * As in NT, Add and Remove only edit the lists: OK sends what changed,
 * right by right, and Cancel sends nothing.  Which rights there are,
 * who holds them, whether the server keeps a right and the words for
 * it are the engine's (rights.h); this screen renders them.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include <strings.h>
#include "ui_priv.h"
#include "rights.h"

enum {
	ID_OK = 1, ID_CANCEL, ID_RIGHT, ID_GRANTEES, ID_ADD, ID_REMOVE,
	ID_ADVANCED,
};

#define DLG_W 76
#define DLG_H 21
#define LIST_W 54
#define BTN_X 60
#define BTN_W 12
#define RIGHT_Y 5       /* the Right drop-down, below the buttons: the
			 * longest right (German) needs the whole width */
#define NOTE_Y 18       /* the words under the list: a right not kept */

/* One right's Grant To list as the operator has edited it. */
struct grant_to {
	struct um_name *names;
	size_t n;
};

struct rights_dlg {
	struct um_pdc *pdc;
	TALLOC_CTX *mem;
	const char *domain;
	struct um_right_grants *held;   /* as the PDC holds them */
	struct grant_to now[UM_RIGHTS_N];
	size_t shown[UM_RIGHTS_N];      /* the Right list: right indexes */
	size_t n_shown;
	struct ui_list rights, grantees;
	/* The PDC refused a change in a way that leaves no right to
	 * change (um_rights_read_only): the dialog says why. */
	bool read_only;
	struct um_status why_read_only;
};

static size_t current(struct rights_dlg *r)
{
	return r->shown[r->rights.sel];
}

static const char *right_cell(struct ui_list *l, size_t row, int col)
{
	struct rights_dlg *r = l->priv;

	(void)col;
	return um_right_name(r->shown[row]);
}

static const char *grantee_cell(struct ui_list *l, size_t row, int col)
{
	struct rights_dlg *r = l->priv;

	(void)col;
	return r->now[current(r)].names[row].name;
}

/* ---- the lists ------------------------------------------------------ */

static void copy_names(TALLOC_CTX *mem, struct grant_to *to,
		       const struct um_name *from, size_t n)
{
	size_t i;

	TALLOC_FREE(to->names);
	to->names = talloc_zero_array(mem, struct um_name, n ? n : 1);
	for (i = 0; i < n; i++) {
		to->names[i].name = talloc_strdup(to->names, from[i].name);
		to->names[i].sid = talloc_strdup(to->names, from[i].sid);
		to->names[i].kind = from[i].kind;
	}
	to->n = n;
}

/* The Right list: the rights shown, advanced ones only when asked;
 * the right chosen stays chosen when it is still listed. */
static void fill_rights(struct rights_dlg *r, bool advanced)
{
	size_t was = r->n_shown > 0 ? current(r) : 0, i;

	r->n_shown = 0;
	r->rights.sel = 0;
	for (i = 0; i < UM_RIGHTS_N; i++) {
		if (um_right_advanced(i) && !advanced)
			continue;
		if (i == was)
			r->rights.sel = r->n_shown;
		r->shown[r->n_shown++] = i;
	}
	ui_list_set(&r->rights, r->n_shown, false);
	ui_list_clamp(&r->rights, 1);
}

static void show_grantees(struct rights_dlg *r)
{
	r->grantees.sel = r->grantees.top = 0;
	ui_list_set(&r->grantees, r->now[current(r)].n, false);
}

static void buttons_enable(struct ui_dialog *d, struct rights_dlg *r)
{
	bool kept = r->held[current(r)].kept && !r->read_only;

	ui_dialog_ctl(d, ID_ADD)->disabled = !kept;
	ui_dialog_ctl(d, ID_REMOVE)->disabled = !kept || r->grantees.n == 0;
}

static bool same_name(const struct um_name *a, const struct um_name *b)
{
	if (a->sid != NULL && b->sid != NULL)
		return strcmp(a->sid, b->sid) == 0;
	return strcasecmp(a->name, b->name) == 0;
}

static bool holds(const struct grant_to *g, const struct um_name *n)
{
	size_t i;

	for (i = 0; i < g->n; i++)
		if (same_name(&g->names[i], n))
			return true;
	return false;
}

/* ---- Add and Remove ------------------------------------------------- */

/* N into G, sorted by name as the engine sorts the lists; the new row's
 * index. */
static size_t insert_name(struct grant_to *g, const struct um_name *n)
{
	size_t at = 0;

	while (at < g->n && strcasecmp(g->names[at].name, n->name) < 0)
		at++;
	g->names = talloc_realloc(NULL, g->names, struct um_name, g->n + 1);
	memmove(&g->names[at + 1], &g->names[at],
		(g->n - at) * sizeof(g->names[0]));
	g->names[at].name = talloc_strdup(g->names, n->name);
	g->names[at].sid = talloc_strdup(g->names, n->sid);
	g->names[at].kind = n->kind;
	g->n++;
	return at;
}

/* Add Users and Groups has had the engine look every name up: each
 * comes as the Grant To list spells it ("name" of this domain,
 * "DOMAIN\\name" of another); one listed already is not listed twice. */
static void add_grantees(struct ui_dialog *d, struct rights_dlg *r)
{
	TALLOC_CTX *t = talloc_new(NULL);
	struct grant_to *g = &r->now[current(r)];
	char **names = NULL;
	size_t n = 0, i, row = r->grantees.sel;

	if (!ui_add_names_ex(r->pdc, _("Add Users and Groups"),
			     UI_NAMES_USERS | UI_NAMES_LOCAL_GROUPS, t,
			     &names, &n)) {
		talloc_free(t);
		return;
	}
	for (i = 0; i < n; i++) {
		struct um_name one = { .name = names[i] };

		row = holds(g, &one) ? row : insert_name(g, &one);
	}
	ui_list_set(&r->grantees, g->n, false);
	r->grantees.sel = row < g->n ? row : 0;
	buttons_enable(d, r);
	ui_dialog_focus(d, ID_GRANTEES);
	talloc_free(t);
}

static void remove_grantee(struct ui_dialog *d, struct rights_dlg *r)
{
	struct grant_to *g = &r->now[current(r)];
	size_t at = r->grantees.sel;

	if (at >= g->n)
		return;
	talloc_free(g->names[at].name);
	talloc_free(g->names[at].sid);
	memmove(&g->names[at], &g->names[at + 1],
		(g->n - at - 1) * sizeof(g->names[0]));
	g->n--;
	ui_list_set(&r->grantees, g->n, false);
	buttons_enable(d, r);
	if (g->n == 0)
		ui_dialog_focus(d, ID_ADD);
}

/* ---- OK: what changed, right by right ------------------------------- */

/* The names of FROM that TO does not hold, on MEM. */
static const char **missing(TALLOC_CTX *mem, const struct grant_to *from,
			    const struct grant_to *to, size_t *n)
{
	const char **out = talloc_array(mem, const char *, from->n + 1);
	size_t i;

	*n = 0;
	for (i = 0; i < from->n; i++)
		if (!holds(to, &from->names[i]))
			out[(*n)++] = from->names[i].name;
	return out;
}

/* Send right I's changes; false (the operator told) when refused. */
static bool send_right(struct rights_dlg *r, size_t i, TALLOC_CTX *t)
{
	struct grant_to held = { r->held[i].grantees, r->held[i].n_grantees };
	const char **add, **del;
	size_t n_add, n_del;
	struct um_status st = um_ok();
	char *why = NULL, *intro;

	add = missing(t, &r->now[i], &held, &n_add);
	del = missing(t, &held, &r->now[i], &n_del);
	if (n_del > 0)
		st = um_right_revoke(r->pdc, i, del, n_del, t, &why);
	if (um_is_ok(st) && n_add > 0)
		st = um_right_grant(r->pdc, i, add, n_add, t, &why);
	if (um_is_ok(st))
		return true;
	/* the engine's words, unless they are the status's own, which
	 * the message box says anyway */
	if (why != NULL && strcmp(why, um_status_message(st)) == 0)
		why = NULL;
	intro = talloc_asprintf(t, _("The right \"%s\" was not changed."),
				um_right_name(i));
	if (why != NULL)
		intro = talloc_asprintf_append(intro, "\n\n%s", why);
	ui_message_status(intro, st);
	if (um_rights_read_only(st)) {
		r->read_only = true;
		r->why_read_only = st;
	}
	return false;
}

/* What the PDC holds now, after a refusal of right I: only what is left
 * is sent again.  Read-only, every list goes back to what the PDC holds
 * (rights sent before the refusal included). */
static void reread(struct ui_dialog *d, struct rights_dlg *r, size_t i)
{
	struct um_right_grants *all = NULL, *one = NULL;
	size_t j;

	if (!r->read_only) {
		if (um_is_ok(um_right_grantees(r->pdc, i, r->mem, &one)))
			r->held[i] = *one;
	} else if (um_is_ok(um_rights_list(r->pdc, r->mem, &all))) {
		r->held = all;
	}
	if (r->read_only)
		for (j = 0; j < UM_RIGHTS_N; j++)
			copy_names(r->mem, &r->now[j], r->held[j].grantees,
				   r->held[j].n_grantees);
	show_grantees(r);
	buttons_enable(d, r);
	if (r->read_only)
		ui_dialog_focus(d, ID_OK); /* nothing to do but read, close */
}

static int rights_ok(struct ui_dialog *d)
{
	struct rights_dlg *r = d->priv;
	TALLOC_CTX *t;
	size_t i;

	if (r->read_only)
		return ID_OK; /* nothing to send */
	t = talloc_new(NULL);
	for (i = 0; i < UM_RIGHTS_N; i++) {
		if (!send_right(r, i, t)) {
			reread(d, r, i);
			talloc_free(t);
			return UI_DLG_CONTINUE;
		}
	}
	talloc_free(t);
	return ID_OK;
}

/* ---- the dialog ------------------------------------------------------- */

static void rights_paint(struct ui_dialog *d)
{
	struct rights_dlg *r = d->priv;
	TALLOC_CTX *t = talloc_new(NULL);
	attr_t a = ui_attr(UI_R_DIALOG);
	const char *note = um_right_why_not(t, &r->held[current(r)]);
	int y;

	for (y = NOTE_Y; y < DLG_H - 1; y++)
		ui_fill(d->win, y, 2, d->w - 4, a);
	if (r->read_only)
		note = talloc_asprintf(t, "%s %s (%s)",
			_("The user rights of this domain cannot be changed:"),
			um_status_message(r->why_read_only),
			um_status_name(r->why_read_only));
	if (note != NULL)
		ui_text_block(d->win, NOTE_Y, 2, d->w - 4, DLG_H - 1 - NOTE_Y,
			      note, a);
	talloc_free(t);
}

static int rights_event(struct ui_dialog *d, int id, int key)
{
	struct rights_dlg *r = d->priv;

	switch (id) {
	case ID_RIGHT:
		if (key == UI_EV_SELECT) {
			show_grantees(r);
			buttons_enable(d, r);
		}
		break;
	case ID_ADVANCED:
		fill_rights(r, ui_check_get(d, ID_ADVANCED));
		show_grantees(r);
		buttons_enable(d, r);
		break;
	case ID_ADD:
		add_grantees(d, r);
		break;
	case ID_REMOVE:
		remove_grantee(d, r);
		break;
	case ID_GRANTEES:
		break;
	default:
		return id;
	}
	return UI_DLG_CONTINUE;
}

/* Where the domain's name and the Right list start: right of the
 * wider of their labels, as translated. */
static int value_x(void)
{
	int a = ui_label_width(_("Domain:")), b = ui_label_width(_("&Right:"));

	return 2 + (a > b ? a : b) + 2;
}

static void rights_build(struct ui_dialog *d, struct rights_dlg *r)
{
	int x = value_x();
	struct ui_ctl *ok;

	ui_dialog_init(d, _("User Rights Policy"), DLG_H, DLG_W,
		       UI_HELP_USER_RIGHTS);
	ui_dialog_handle(d, rights_event, rights_paint, r, ID_OK, ID_CANCEL);
	d->ok = rights_ok;
	ui_dialog_label(d, 1, 2, _("Domain:"));
	ui_dialog_label(d, 1, x, r->domain);
	ui_dialog_label(d, RIGHT_Y, 2, _("&Right:"));
	ui_dialog_combo(d, ID_RIGHT, RIGHT_Y, x, DLG_W - 3 - x, &r->rights);
	ui_dialog_label(d, RIGHT_Y + 2, 2, _("&Grant To:"));
	ui_dialog_list(d, ID_GRANTEES, RIGHT_Y + 3, 2, 9, LIST_W,
		       &r->grantees);
	ui_dialog_button_w(d, ID_ADD, RIGHT_Y + 4, BTN_X, _("&Add..."),
			   BTN_W);
	ui_dialog_button_w(d, ID_REMOVE, RIGHT_Y + 6, BTN_X, _("Re&move"),
			   BTN_W);
	ui_dialog_check(d, ID_ADVANCED, RIGHT_Y + 12, 2,
			_("&Show Advanced User Rights"), 0);
	/* after the lists: Tab goes from the Right list down to them */
	ui_dialog_button_w(d, ID_OK, 1, BTN_X, _("OK"), BTN_W);
	ui_dialog_button_w(d, ID_CANCEL, 2, BTN_X, _("Cancel"), BTN_W);
	ui_dialog_button_w(d, UI_ID_HELP, 3, BTN_X, _("&Help"), BTN_W);
	ui_dialog_button_column(d, BTN_X);
	/* wider buttons (a translation's) widen the dialog: the list too,
	 * to the buttons' right edge */
	ok = ui_dialog_ctl(d, ID_OK);
	if (ok->x + ok->w - x > DLG_W - 3 - x)
		ui_dialog_ctl(d, ID_RIGHT)->w = ok->x + ok->w - x;
	ui_dialog_focus(d, ID_RIGHT);
}

void ui_user_rights(struct um_pdc *p)
{
	struct rights_dlg *r = talloc_zero(NULL, struct rights_dlg);
	struct um_status st;
	struct ui_dialog d;
	size_t i;

	r->pdc = p;
	r->mem = r;
	r->domain = talloc_strdup(r, ui_domain_name(p));
	st = um_rights_list(p, r, &r->held);
	if (!um_is_ok(st)) {
		ui_message_status(_("The user rights could not be read."), st);
		talloc_free(r);
		return;
	}
	for (i = 0; i < UM_RIGHTS_N; i++)
		copy_names(r, &r->now[i], r->held[i].grantees,
			   r->held[i].n_grantees);
	r->rights = (struct ui_list){ .ncols = 1, .cell = right_cell,
				      .priv = r };
	r->grantees = (struct ui_list){ .ncols = 1, .cell = grantee_cell,
					.priv = r };
	fill_rights(r, false);
	show_grantees(r);
	rights_build(&d, r);
	buttons_enable(&d, r);
	ui_dialog_run(&d);
	ui_dialog_free(&d);
	talloc_free(r);
}
