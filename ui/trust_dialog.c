/*
 * usrmgr - Policies > Trust Relationships: "Domain: NAME", the Trusted
 * Domains (upper) and Trusting Domains (lower) lists, each with Add...
 * and Remove, and Close and Help, as in NT 4.0.  Beyond the original,
 * each entry shows whether its trust verified (OK, broken, unknown) and
 * Verify checks the selected one.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include "ui_priv.h"
#include "diagnosis.h"

enum {
	ID_CLOSE = 1,
	ID_TRUSTED, ID_ADD_TRUSTED, ID_REMOVE_TRUSTED, ID_VERIFY_TRUSTED,
	ID_TRUSTING, ID_ADD_TRUSTING, ID_REMOVE_TRUSTING, ID_VERIFY_TRUSTING,
};

#define DLG_W 70
#define DLG_H 22
#define LIST_W 52
#define BTN_X 56
#define BTN_W 12

/* A verification done in this dialog: kept across reloads. */
struct verified {
	char *name;
	bool trusted;
	enum um_trust_state state;
};

struct trust_dlg {
	struct um_pdc *pdc;
	const char *domain;     /* its name: painting never asks the model */
	const char *pdc_name;   /* and its PDC's */
	TALLOC_CTX *mem;        /* the lists, reloaded after a change */
	TALLOC_CTX *keep;       /* verifications */
	struct um_trust *trusted, *trusting;
	size_t n_trusted, n_trusting;
	struct ui_list tl, gl;
	struct verified *ver;
	size_t n_ver;
};

static const char *state_text(enum um_trust_state s)
{
	switch (s) {
	case UM_TRUST_OK: return _("OK");
	case UM_TRUST_BROKEN: return _("broken");
	default: return _("unknown");
	}
}

static enum um_trust_state entry_state(struct trust_dlg *t,
				       const struct um_trust *e, bool trusted)
{
	size_t i;

	for (i = 0; i < t->n_ver; i++)
		if (t->ver[i].trusted == trusted &&
		    strcmp(t->ver[i].name, e->name) == 0)
			return t->ver[i].state;
	return e->state;
}

static const char *trusted_cell(struct ui_list *l, size_t row, int col)
{
	struct trust_dlg *t = l->priv;
	const struct um_trust *e = &t->trusted[row];

	return col == 0 ? e->name : state_text(entry_state(t, e, true));
}

static const char *trusting_cell(struct ui_list *l, size_t row, int col)
{
	struct trust_dlg *t = l->priv;
	const struct um_trust *e = &t->trusting[row];

	return col == 0 ? e->name : state_text(entry_state(t, e, false));
}

/* Both lists, again from the PDC. */
static void reload(struct trust_dlg *t)
{
	struct um_status st;

	TALLOC_FREE(t->mem);
	t->mem = talloc_new(t->keep);
	t->trusted = t->trusting = NULL;
	t->n_trusted = t->n_trusting = 0;
	st = um_trust_list(t->pdc, t->mem, &t->trusted, &t->n_trusted,
			   &t->trusting, &t->n_trusting);
	if (!um_is_ok(st)) {
		t->n_trusted = t->n_trusting = 0;
		ui_message_status(NULL, st);
	}
	ui_list_set(&t->tl, t->n_trusted, false);
	ui_list_set(&t->gl, t->n_trusting, false);
}

static void buttons_enable(struct ui_dialog *d, struct trust_dlg *t)
{
	ui_dialog_ctl(d, ID_REMOVE_TRUSTED)->disabled = t->n_trusted == 0;
	ui_dialog_ctl(d, ID_VERIFY_TRUSTED)->disabled = t->n_trusted == 0;
	ui_dialog_ctl(d, ID_REMOVE_TRUSTING)->disabled = t->n_trusting == 0;
	ui_dialog_ctl(d, ID_VERIFY_TRUSTING)->disabled = t->n_trusting == 0;
}

/* ---- Remove ------------------------------------------------------------ */

static void remove_entry(struct ui_dialog *d, struct trust_dlg *t,
			 bool trusted)
{
	const char *dom = ui_domain_name(t->pdc);
	const char *pdc = ui_pdc_host(t->pdc);
	struct ui_list *l = trusted ? &t->tl : &t->gl;
	const struct um_trust *e;
	const char *name;
	char *q, *keeps;
	struct um_status st;

	if (l->n == 0)
		return;
	e = trusted ? &t->trusted[l->sel] : &t->trusting[l->sel];
	name = e->name;
	if (trusted)
		q = talloc_asprintf(t->mem,
			_("Remove %s from the Trusted Domains of %s?\n\n"
			  "The trust is deleted on %s, the PDC of %s: %s will "
			  "no longer trust %s."),
			name, dom, pdc, dom, dom, name);
	else
		q = talloc_asprintf(t->mem,
			_("Remove %s from the Trusting Domains of %s?\n\n"
			  "The trust account %s$ is deleted on %s, the PDC of "
			  "%s: %s will no longer be permitted to trust %s."),
			name, dom, name, pdc, dom, name, dom);
	keeps = um_trust_remove_keeps_text(t->mem, dom, e, trusted);
	if (keeps != NULL)
		q = talloc_asprintf(t->mem, "%s\n\n%s", q, keeps);
	if (ui_confirm(q) != UI_ANSWER_YES)
		return;
	name = talloc_strdup(t->keep, name);
	st = trusted ? um_trust_remove_trusted(t->pdc, name)
		     : um_trust_remove_trusting(t->pdc, name);
	if (um_status_is(st, UM_KIND_LOCAL, UM_LOCAL_CANCELLED))
		/* The request may have reached the PDC before the cancel:
		 * only the lists, read again, can tell. */
		ui_message(UI_MSG_INFO, _("Cancelled. The domain controller "
					  "may have made the change before "
					  "the cancel; the lists are read "
					  "again and show what it holds."));
	else if (!um_is_ok(st))
		ui_message_status(NULL, st);
	reload(t);
	buttons_enable(d, t);
	if (l->n == 0)
		ui_dialog_focus(d, trusted ? ID_TRUSTED : ID_TRUSTING);
}

/* ---- an Add that re-keys the other direction ---------------------------- */

bool ui_trust_rekey_asked(struct um_pdc *p, enum um_op op, const char *name,
			  bool *rekey)
{
	char *q = um_trust_add_rekey_text(NULL, p, op, name);
	bool yes = q == NULL || ui_confirm(q) == UI_ANSWER_YES;

	*rekey = q != NULL && yes;
	um_trust_set_rekey_by_hand(p, *rekey);
	talloc_free(q);
	return yes;
}

/* ---- Verify ------------------------------------------------------------ */

static void remember(struct trust_dlg *t, const char *name, bool trusted,
		     enum um_trust_state s)
{
	size_t i;

	for (i = 0; i < t->n_ver; i++)
		if (t->ver[i].trusted == trusted &&
		    strcmp(t->ver[i].name, name) == 0)
			break;
	if (i == t->n_ver) {
		t->ver = talloc_realloc(t->keep, t->ver, struct verified,
					t->n_ver + 1);
		t->ver[t->n_ver].name = talloc_strdup(t->ver, name);
		t->ver[t->n_ver].trusted = trusted;
		t->n_ver++;
	}
	t->ver[i].state = s;
}

static void verify_entry(struct trust_dlg *t, bool trusted)
{
	struct ui_list *l = trusted ? &t->tl : &t->gl;
	const char *dom = ui_domain_name(t->pdc);
	const char *name;
	struct um_status st;
	enum um_trust_state s;
	char *msg;

	if (l->n == 0)
		return;
	name = talloc_strdup(t->keep,
		trusted ? t->trusted[l->sel].name : t->trusting[l->sel].name);
	/* a trusting entry is checked from its own side: the trusting
	 * domain's PDC is asked about us */
	if (trusted) {
		st = um_trust_verify(t->pdc, name);
		s = um_trust_state_of(st);
	} else {
		st = um_trust_verify_trusting(t->pdc, name, &s);
	}
	if (um_status_is(st, UM_KIND_LOCAL, UM_LOCAL_CANCELLED))
		return;
	remember(t, name, trusted, s);
	msg = talloc_asprintf(t->keep, _("%s trusts %s: %s."),
			      trusted ? dom : name, trusted ? name : dom,
			      s == UM_TRUST_OK ? _("the trust relationship "
						   "is working")
			      : s == UM_TRUST_BROKEN ? _("the trust relationship "
						     "is broken")
			      : _("the trust could not be checked"));
	if (s == UM_TRUST_OK)
		ui_message(UI_MSG_INFO, msg);
	else
		ui_message_status(msg, st);
}

/* ---- Add ---------------------------------------------------------------- */

static bool listed(const struct um_trust *list, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i].name, name) == 0)
			return true;
	return false;
}

/* The list stays in the engine's order; the entry just added is the one
 * selected, scrolled into view, with the focus on its list. */
static void add_entry(struct ui_dialog *d, struct trust_dlg *t, bool trusted)
{
	TALLOC_CTX *before = t->mem;
	struct um_trust *old = trusted ? t->trusted : t->trusting;
	size_t n_old = trusted ? t->n_trusted : t->n_trusting, i;
	struct ui_list *l = trusted ? &t->tl : &t->gl;
	struct um_trust *now;

	if (!(trusted ? ui_add_trusted(t->pdc) : ui_add_trusting(t->pdc)))
		return;
	t->mem = NULL;          /* keep the old lists to compare */
	reload(t);
	buttons_enable(d, t);
	now = trusted ? t->trusted : t->trusting;
	for (i = 0; i < l->n; i++) {
		if (!listed(old, n_old, now[i].name)) {
			l->sel = i;
			ui_dialog_focus(d, trusted ? ID_TRUSTED : ID_TRUSTING);
			break;
		}
	}
	talloc_free(before);
}

/* ---- the dialog ------------------------------------------------------- */

static void trust_paint(struct ui_dialog *d)
{
	struct trust_dlg *t = d->priv;
	char *s = talloc_asprintf(NULL, _("Domain:  %s"), t->domain);
	char *p = talloc_asprintf(s, _("PDC:     %s"), t->pdc_name);

	ui_fill(d->win, 2, 2, LIST_W, ui_attr(UI_R_DIALOG));
	ui_text_put(d->win, 2, 2, LIST_W, s, ui_attr(UI_R_DIALOG));
	ui_fill(d->win, 3, 2, LIST_W, ui_attr(UI_R_DIALOG));
	ui_text_put_cut(d->win, 3, 2, LIST_W, p, ui_attr(UI_R_DIALOG));
	talloc_free(s);
}

static int trust_event(struct ui_dialog *d, int id, int key)
{
	struct trust_dlg *t = d->priv;

	(void)key;
	switch (id) {
	case ID_ADD_TRUSTED:
	case ID_ADD_TRUSTING:
		add_entry(d, t, id == ID_ADD_TRUSTED);
		break;
	case ID_REMOVE_TRUSTED:
	case ID_REMOVE_TRUSTING:
		remove_entry(d, t, id == ID_REMOVE_TRUSTED);
		break;
	case ID_VERIFY_TRUSTED:
	case ID_VERIFY_TRUSTING:
		verify_entry(t, id == ID_VERIFY_TRUSTED);
		break;
	case ID_TRUSTED:
	case ID_TRUSTING:
		break;
	default:
		return id;
	}
	return UI_DLG_CONTINUE;
}

static void column_buttons(struct ui_dialog *d, int y, int add, int rem,
			   int ver, const char *a, const char *r,
			   const char *v)
{
	ui_dialog_button_w(d, add, y, BTN_X, a, BTN_W);
	ui_dialog_button_w(d, rem, y + 1, BTN_X, r, BTN_W);
	ui_dialog_button_w(d, ver, y + 2, BTN_X, v, BTN_W);
}

static void trust_build(struct ui_dialog *d, struct trust_dlg *t)
{
	ui_dialog_init(d, _("Trust Relationships"), DLG_H, DLG_W,
		       UI_HELP_TRUST);
	ui_dialog_handle(d, trust_event, trust_paint, t, ID_CLOSE, ID_CLOSE);
	ui_dialog_label(d, 4, 2, _("&Trusted Domains:"));
	ui_dialog_list(d, ID_TRUSTED, 5, 2, 7, LIST_W, &t->tl);
	column_buttons(d, 5, ID_ADD_TRUSTED, ID_REMOVE_TRUSTED,
		       ID_VERIFY_TRUSTED, _("&Add..."), _("&Remove"),
		       _("&Verify"));
	ui_dialog_label(d, 13, 2, _("Tr&usting Domains:"));
	ui_dialog_list(d, ID_TRUSTING, 14, 2, 7, LIST_W, &t->gl);
	column_buttons(d, 14, ID_ADD_TRUSTING, ID_REMOVE_TRUSTING,
		       ID_VERIFY_TRUSTING, _("A&dd..."), _("Re&move"),
		       _("Ver&ify"));
	ui_dialog_button_w(d, ID_CLOSE, 2, BTN_X, _("Close"), BTN_W);
	ui_dialog_button_w(d, UI_ID_HELP, 3, BTN_X, _("&Help"), BTN_W);
	ui_dialog_button_column(d, BTN_X);
}

void ui_trust_dialog(struct um_pdc *p)
{
	struct trust_dlg *t = talloc_zero(NULL, struct trust_dlg);
	struct ui_dialog d;

	t->keep = t;
	t->pdc = p;
	t->domain = talloc_strdup(t, ui_domain_name(p));
	t->pdc_name = talloc_strdup(t, ui_pdc_host(p));
	t->tl = (struct ui_list){ .ncols = 2, .cell = trusted_cell,
				  .priv = t, .col_w = { 20 } };
	t->gl = (struct ui_list){ .ncols = 2, .cell = trusting_cell,
				  .priv = t, .col_w = { 20 } };
	reload(t);
	trust_build(&d, t);
	buttons_enable(&d, t);
	ui_dialog_run(&d);
	ui_dialog_free(&d);
	talloc_free(t);
}
