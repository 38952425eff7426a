/*
 * usrmgr - User > Select Domain...: pick a domain from the list or type
 * one (and, with real PDCs, the PDC to talk to and, when its administrator
 * is not the one usrmgr was started with, the account to connect as: the
 * password is then asked for); the main window then shows that domain.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include "ui_priv.h"

enum { ID_LIST = 1, ID_DOMAIN, ID_PDC, ID_ACCOUNT, ID_OK, ID_CANCEL };

struct select {
	const char **names;
	size_t n;
	struct um_pdc *current;
	struct um_pdc *chosen;
	TALLOC_CTX *mem;
};

static const char *name_cell(struct ui_list *l, size_t row, int col)
{
	struct select *s = l->priv;

	(void)col;
	return s->names[row];
}

/* The simulated domains, or (real PDCs) the current one. */
static void names_load(struct select *s)
{
	const char **sim = um_model_sim_domains(ui.model, s->mem);

	if (sim != NULL) {
		s->names = sim;
		while (sim[s->n] != NULL)
			s->n++;
		return;
	}
	s->names = talloc_array(s->mem, const char *, 1);
	if (s->current != NULL)
		s->names[s->n++] = ui_domain_name(s->current);
}

/* No PDC typed: the engine's (one already open for that domain, with its
 * own credentials, else the one the current PDC locates); none at all
 * before a domain is on screen: the name is tried as it is. */
static struct um_status find_pdc(struct select *s, const char *name,
				 char **pdc)
{
	struct um_status st = um_partner_pdc_name(ui.model, s->current, name,
						  s->mem, pdc);

	if (s->current == NULL &&
	    um_status_is(st, UM_KIND_LOCAL, UM_LOCAL_UNKNOWN_PDC))
		return um_ok();
	return st;
}

/* OK: connect, and stay in the dialog when that fails. */
static int select_ok(struct ui_dialog *d)
{
	struct select *s = d->priv;
	char *name = ui_field_text(d, ui_dialog_ctl(d, ID_DOMAIN), s->mem);
	struct ui_ctl *pc = ui_dialog_ctl(d, ID_PDC);
	char *pdc = pc != NULL ? ui_field_text(d, pc, s->mem) : NULL;
	struct ui_ctl *ac = ui_dialog_ctl(d, ID_ACCOUNT);
	char *account = ac != NULL ? ui_field_text(d, ac, s->mem) : NULL;
	struct um_status st = um_ok();
	const struct um_domain_info *info;

	if (name[0] == '\0') {
		ui_message(UI_MSG_ERROR, _("Type the name of a domain."));
		return UI_DLG_CONTINUE;
	}
	if ((pdc == NULL || pdc[0] == '\0') && !um_model_finds_pdcs(ui.model))
		st = find_pdc(s, name, &pdc);
	if (pdc == NULL || pdc[0] == '\0')
		pdc = name;
	/* per-PDC credentials: DOM\user, its password asked on connecting
	 * (a PDC already open keeps its connection) */
	if (um_is_ok(st) && account != NULL && account[0] != '\0') {
		struct um_creds c = { .user = account };

		um_model_set_creds(ui.model, pdc, &c);
	}
	if (um_is_ok(st))
		st = um_pdc_get(ui.model, pdc, &s->chosen);
	if (um_is_ok(st))
		st = um_pdc_info(s->chosen, &info);
	if (!um_is_ok(st)) {
		s->chosen = NULL;
		ui_message_status(talloc_asprintf(s->mem, _("The domain %s "
							   "cannot be opened."),
						  name), st);
		return UI_DLG_CONTINUE;
	}
	return ID_OK;
}

static int select_event(struct ui_dialog *d, int id, int key)
{
	struct select *s = d->priv;
	struct ui_ctl *lc = ui_dialog_ctl(d, ID_LIST);

	switch (id) {
	case ID_LIST:
		if (key == UI_EV_SELECT && lc->list->n > 0)
			ui_field_set_selected(d, ui_dialog_ctl(d, ID_DOMAIN),
					      s->names[lc->list->sel]);
		return UI_DLG_CONTINUE;
	case ID_OK:
		return select_ok(d);
	default:
		return id;
	}
}

static void select_build(struct ui_dialog *d, struct ui_list *l,
			 bool with_pdc)
{
	int h = with_pdc ? 19 : 15;

	ui_dialog_init(d, _("Select Domain"), h, 56, UI_HELP_SELECT_DOMAIN);
	ui_dialog_label(d, 2, 2, _("&Select Domain:"));
	ui_dialog_list(d, ID_LIST, 3, 2, 8, 34, l);
	ui_dialog_label(d, 12, 2, _("&Domain:"));
	ui_dialog_field(d, ID_DOMAIN, 12, 12, 24, false, 0);
	if (with_pdc) {
		ui_dialog_label(d, 14, 2, _("&PDC:"));
		ui_dialog_field(d, ID_PDC, 14, 12, 24, false, 255);
		ui_dialog_label(d, 16, 2, _("&Account:"));
		ui_dialog_field(d, ID_ACCOUNT, 16, 12, 24, false, 255);
	}
	ui_dialog_button_w(d, ID_OK, 2, 40, _("OK"), 12);
	ui_dialog_button_w(d, ID_CANCEL, 4, 40, _("Cancel"), 12);
	ui_dialog_button_w(d, UI_ID_HELP, 6, 40, _("&Help"), 12);
	ui_dialog_button_column(d, 40);
	d->default_id = ID_OK;
	d->cancel_id = ID_CANCEL;
	d->event = select_event;
}

struct um_pdc *ui_select_domain(struct um_pdc *current)
{
	struct select s = { .current = current, .mem = talloc_new(NULL) };
	struct ui_list l = { .ncols = 1, .cell = name_cell, .priv = &s };
	struct ui_dialog d;
	const char *cur = current != NULL ? ui_domain_name(current) : "";
	size_t i;

	names_load(&s);
	ui_list_set(&l, s.n, false);
	for (i = 0; i < s.n; i++)
		if (strcmp(s.names[i], cur) == 0)
			l.sel = i;
	d.priv = NULL;
	select_build(&d, &l, !um_model_finds_pdcs(ui.model));
	d.priv = &s;
	ui_field_set_selected(&d, ui_dialog_ctl(&d, ID_DOMAIN), cur);
	if (ui_dialog_run(&d) != ID_OK)
		s.chosen = NULL;
	ui_dialog_free(&d);
	talloc_free(s.mem);
	return s.chosen;
}
