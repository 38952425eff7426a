/*
 * usrmgr - User -> New User, User -> Properties and User -> Copy: NT 4.0's
 * user dialog.  Username, Full Name, Description, the password twice,
 * the four check boxes (and in Properties Account Locked Out, which can
 * only be cleared), the sub-dialogs' buttons along the bottom.
 *
 * Nothing reaches the PDC before Add or OK: the sub-dialogs edit a
 * pending change, and the engine checks NT's rules before it sends it.
 * New User and Copy stay open after Add for the next user, as NT's did,
 * Cancel turning into Close.  Properties shows the password as a
 * placeholder and sends a password only when the operator typed one.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include "ui_priv.h"

enum {
	ID_NAME = 1, ID_FULL, ID_DESC, ID_PW, ID_CONFIRM,
	ID_MUST, ID_CANNOT, ID_NEVER, ID_DISABLED, ID_LOCKED,
	ID_GROUPS, ID_PROFILE, ID_HOURS, ID_LOGON_TO, ID_ACCOUNT,
	ID_OK, ID_CANCEL,
};

enum user_kind { UK_NEW, UK_PROPERTIES, UK_COPY };

/* The placeholder's length: NT showed 14 asterisks. */
#define PLACEHOLDER_LEN 14

/* The check boxes and the flags they show. */
static const struct {
	int id;
	uint32_t flag;
} checks[] = {
	{ ID_MUST, UM_ACCT_MUST_CHANGE },
	{ ID_CANNOT, UM_ACCT_CANNOT_CHANGE },
	{ ID_NEVER, UM_ACCT_NEVER_EXPIRES },
	{ ID_DISABLED, UM_ACCT_DISABLED },
	{ ID_LOCKED, UM_ACCT_LOCKED },
};
#define N_CHECKS (sizeof(checks) / sizeof(checks[0]))

/* The flags New User and Copy set (Locked Out is never set). */
#define NEW_USER_FLAGS (UM_ACCT_MUST_CHANGE | UM_ACCT_CANNOT_CHANGE | \
			UM_ACCT_NEVER_EXPIRES | UM_ACCT_DISABLED)

struct user_dialog {
	enum user_kind kind;
	struct um_pdc *pdc;
	TALLOC_CTX *mem;
	const char *name;            /* Properties: the user; Copy: the
				      * template */
	struct um_account *orig;     /* as read (Properties, Copy) */
	struct um_account *pending;  /* the sub-dialogs' changes */
	struct um_secret *placeholder; /* Properties: the password shown */
	char *done;                  /* the user last added or changed */
	TALLOC_CTX *done_mem;
};

static struct ui_ctl *ctl(struct ui_dialog *d, int id)
{
	return ui_dialog_ctl(d, id);
}

static void set_text(struct ui_dialog *d, int id, const char *text)
{
	ui_field_set(d, ctl(d, id), text != NULL ? text : "");
}

static char *text_of(struct ui_dialog *d, int id, TALLOC_CTX *mem)
{
	return ui_field_text(d, ctl(d, id), mem);
}

static uint32_t checked_flags(struct ui_dialog *d)
{
	uint32_t flags = 0;
	size_t i;

	for (i = 0; i < N_CHECKS; i++)
		if (ui_check_get(d, checks[i].id))
			flags |= checks[i].flag;
	return flags;
}

static void show_flags(struct ui_dialog *d, uint32_t flags)
{
	size_t i;

	for (i = 0; i < N_CHECKS; i++)
		ui_check_set(d, checks[i].id, (flags & checks[i].flag) != 0);
}

/* ---- the pending change --------------------------------------------- */

/* A new user's starting point: logons at any hour, nothing else set. */
static struct um_account *pending_new(TALLOC_CTX *mem)
{
	struct um_account *a = talloc_zero(mem, struct um_account);

	if (a != NULL)
		memset(a->logon_hours, 0xff, sizeof(a->logon_hours));
	return a;
}

/* What the sub-dialogs start from: the account as read (Properties), or
 * what Copy carries over from the template; nothing marked as changed. */
static struct um_account *pending_from(TALLOC_CTX *mem,
				       const struct um_account *from)
{
	struct um_account *a;

	if (from == NULL)
		return pending_new(mem);
	a = talloc_memdup(mem, from, sizeof(*from));
	if (a != NULL) {
		a->fields = 0;
		a->flags_mask = 0;
	}
	return a;
}

static bool pending_reset(struct user_dialog *u)
{
	TALLOC_FREE(u->pending);
	u->pending = pending_from(u->mem, u->orig);
	return u->pending != NULL;
}

/* ---- filling the dialog ---------------------------------------------- */

/* Properties: a placeholder password, selected: typing replaces it. */
static void show_placeholder(struct ui_dialog *d, struct user_dialog *u)
{
	static const int ids[] = { ID_PW, ID_CONFIRM };
	size_t i;

	for (i = 0; i < 2; i++) {
		struct ui_ctl *c = ctl(d, ids[i]);

		ui_field_set_selected(d, c,
				      um_secret_reveal(u->placeholder));
		c->secret_len = (int)um_secret_len(u->placeholder);
	}
}

/* New User: empty, User Must Change Password ticked (NT's default).
 * Copy: the template's description and password flags, never its name,
 * full name or Account Disabled.  Properties: the account. */
static void fill(struct ui_dialog *d, struct user_dialog *u)
{
	const struct um_account *o = u->orig;

	if (u->kind != UK_PROPERTIES) {
		set_text(d, ID_NAME, "");
		set_text(d, ID_FULL, "");
	} else {
		set_text(d, ID_FULL, o->full_name);
	}
	set_text(d, ID_DESC, o != NULL ? o->description : "");
	ui_field_wipe(d, ctl(d, ID_PW));
	ui_field_wipe(d, ctl(d, ID_CONFIRM));
	if (u->kind == UK_NEW)
		show_flags(d, UM_ACCT_MUST_CHANGE);
	else if (u->kind == UK_COPY)
		show_flags(d, o->flags & (NEW_USER_FLAGS & ~UM_ACCT_DISABLED));
	else
		show_flags(d, o->flags);
	if (u->kind == UK_PROPERTIES) {
		show_placeholder(d, u);
		/* Locked Out can only be cleared: greyed unless set */
		ctl(d, ID_LOCKED)->disabled =
			(o->flags & UM_ACCT_LOCKED) == 0;
	}
}

/* ---- Add / OK ----------------------------------------------------------- */

/* The password typed, or NULL when Properties' placeholder is still
 * there (nothing to send).  The fields are wiped. */
static struct um_secret *typed_password(struct ui_dialog *d,
					struct user_dialog *u, int id,
					TALLOC_CTX *mem)
{
	struct um_secret *s = ui_field_secret(d, ctl(d, id), mem);

	if (s != NULL && u->placeholder != NULL &&
	    um_secret_equal(s, u->placeholder)) {
		talloc_free(s);
		return NULL;
	}
	return s;
}

/* The dialog's fields onto the pending change, as a new user has them. */
static struct um_account *new_account(struct ui_dialog *d,
				      struct user_dialog *u, TALLOC_CTX *t)
{
	struct um_account *a = talloc_memdup(t, u->pending, sizeof(*a));

	if (a == NULL)
		return NULL;
	a->name = text_of(d, ID_NAME, t);
	a->full_name = text_of(d, ID_FULL, t);
	a->description = text_of(d, ID_DESC, t);
	a->flags = checked_flags(d) & NEW_USER_FLAGS;
	a->flags_mask = NEW_USER_FLAGS;
	a->fields |= UM_FIELD_FULL_NAME | UM_FIELD_DESCRIPTION |
		     UM_FIELD_FLAGS;
	return a;
}

/* What Properties changed: the fields that differ from the account as
 * read, the flags that were flipped, and the sub-dialogs' fields. */
static struct um_account *changed_account(struct ui_dialog *d,
					  struct user_dialog *u,
					  TALLOC_CTX *t)
{
	struct um_account *a = talloc_memdup(t, u->pending, sizeof(*a));
	const struct um_account *o = u->orig;

	if (a == NULL)
		return NULL;
	a->name = o->name;
	a->full_name = text_of(d, ID_FULL, t);
	a->description = text_of(d, ID_DESC, t);
	a->flags = checked_flags(d);
	a->flags_mask = (a->flags ^ o->flags) &
			(NEW_USER_FLAGS | UM_ACCT_LOCKED);
	if (strcmp(a->full_name, o->full_name) != 0)
		a->fields |= UM_FIELD_FULL_NAME;
	if (strcmp(a->description, o->description) != 0)
		a->fields |= UM_FIELD_DESCRIPTION;
	if (a->flags_mask != 0)
		a->fields |= UM_FIELD_FLAGS;
	return a;
}

static void remember_done(struct user_dialog *u, const char *name)
{
	talloc_free(u->done);
	u->done = talloc_strdup(u->done_mem, name);
}

/* Copy: the engine carries the template's settings over; what the
 * operator changed in the sub-dialogs goes after it, still within OK. */
static struct um_status copy_user(struct user_dialog *u,
				  struct um_account *a,
				  const struct um_secret *pw,
				  const struct um_secret *cf)
{
	struct um_account extra = *a;
	struct um_status st = um_user_copy(u->pdc, u->name, a, pw, cf);

	extra.fields &= ~(uint32_t)(UM_FIELD_FULL_NAME |
				    UM_FIELD_DESCRIPTION | UM_FIELD_FLAGS);
	extra.flags_mask = 0;
	if (um_is_ok(st) && extra.fields != 0)
		st = um_user_set(u->pdc, &extra);
	return st;
}

/* Refused: a name goes back to the Username field, anything else to
 * the password (typed again: the fields were wiped). */
static void refused(struct ui_dialog *d, const char *intro,
		    struct um_status st)
{
	bool name = um_status_is(st, UM_KIND_LOCAL, UM_LOCAL_BAD_USER_NAME) ||
		    um_status_is(st, UM_KIND_LOCAL,
				 UM_LOCAL_USER_NAME_TOO_LONG) ||
		    um_status_is(st, UM_KIND_NT, UM_NT_USER_EXISTS);

	ui_message_status(intro, st);
	ui_dialog_focus(d, name ? ID_NAME : ID_PW);
}

/* The check boxes as the engine takes them (NT refuses User Must Change
 * Password with Cannot Change or Never Expires); checked before the
 * passwords are taken, so that they need not be typed again. */
static bool flags_acceptable(struct ui_dialog *d, const char *intro)
{
	struct um_status st = um_user_flags_check(checked_flags(d));

	if (um_is_ok(st))
		return true;
	ui_message_status(intro, st);
	ui_dialog_focus(d, ID_MUST);
	return false;
}

/* Both passwords typed alike, or (Properties) both left as shown. */
static bool passwords_agree(struct ui_dialog *d, const struct um_secret *pw,
			    const struct um_secret *cf)
{
	if (pw != NULL && cf != NULL)
		return ui_passwords_match(d, pw, cf, ID_PW);
	if (pw == NULL && cf == NULL)
		return true;
	ui_message(UI_MSG_ERROR,
		   um_status_message(um_local(UM_LOCAL_PASSWORD_MISMATCH)));
	ui_dialog_focus(d, ID_PW);
	return false;
}

/* New User and Copy: add, then clear the dialog for the next user. */
static int add_ok(struct ui_dialog *d)
{
	struct user_dialog *u = d->priv;
	TALLOC_CTX *t;
	struct um_secret *pw, *cf;
	struct um_account *a;
	struct um_status st;

	if (!flags_acceptable(d, _("The user account was not created.")))
		return UI_DLG_CONTINUE;
	t = talloc_new(NULL);
	pw = typed_password(d, u, ID_PW, t);
	cf = typed_password(d, u, ID_CONFIRM, t);
	a = new_account(d, u, t);
	if (!passwords_agree(d, pw, cf)) {
		talloc_free(t);
		return UI_DLG_CONTINUE;
	}
	st = a == NULL ? um_local(UM_LOCAL_NO_MEMORY)
	     : u->kind == UK_COPY ? copy_user(u, a, pw, cf)
				  : um_user_add(u->pdc, a, pw, cf);
	if (!um_is_ok(st)) {
		refused(d, _("The user account was not created."), st);
		talloc_free(t); /* the secrets are wiped as they are freed */
		return UI_DLG_CONTINUE;
	}
	remember_done(u, a->name);
	talloc_free(t);
	pending_reset(u);
	fill(d, u);
	ctl(d, ID_CANCEL)->text = _("Close");
	ui_dialog_focus(d, ID_NAME);
	ui_dialog_paint(d, true);
	return UI_DLG_CONTINUE;
}

/* Properties: the password first (the domain's policy may refuse it,
 * and then nothing has changed), then the fields. */
static int properties_ok(struct ui_dialog *d)
{
	struct user_dialog *u = d->priv;
	TALLOC_CTX *t;
	struct um_secret *pw, *cf;
	struct um_account *a;
	struct um_status st = um_ok();

	if (!flags_acceptable(d, _("The user account was not changed.")))
		return UI_DLG_CONTINUE;
	t = talloc_new(NULL);
	pw = typed_password(d, u, ID_PW, t);
	cf = typed_password(d, u, ID_CONFIRM, t);
	a = changed_account(d, u, t);
	if (!passwords_agree(d, pw, cf)) {
		show_placeholder(d, u);
		talloc_free(t);
		return UI_DLG_CONTINUE;
	}
	if (a == NULL)
		st = um_local(UM_LOCAL_NO_MEMORY);
	if (um_is_ok(st) && pw != NULL)
		st = um_user_password(u->pdc, u->name, pw, cf);
	if (um_is_ok(st) && a->fields != 0)
		st = um_user_set(u->pdc, a);
	if (!um_is_ok(st)) {
		ui_message_status(_("The user account was not changed."), st);
		show_placeholder(d, u);
		talloc_free(t);
		return UI_DLG_CONTINUE;
	}
	if (pw != NULL || a->fields != 0)
		remember_done(u, u->name);
	talloc_free(t);
	return ID_OK;
}

/* ---- the sub-dialogs ---------------------------------------------------- */

static void sub_dialog(struct ui_dialog *d, struct user_dialog *u, int id)
{
	struct um_account *a = u->pending;

	/* the sub-dialogs' titles name the user being edited */
	if (u->kind != UK_PROPERTIES)
		a->name = text_of(d, ID_NAME, a);
	switch (id) {
	case ID_GROUPS:
		ui_user_groups(u->pdc, a);
		break;
	case ID_PROFILE:
		ui_user_profile(a);
		break;
	case ID_HOURS:
		ui_user_hours(a);
		break;
	case ID_LOGON_TO:
		ui_user_logon_to(a);
		break;
	case ID_ACCOUNT:
		ui_user_account(a);
		break;
	}
}

static int user_event(struct ui_dialog *d, int id, int key)
{
	struct user_dialog *u = d->priv;

	(void)key;
	if (id >= ID_GROUPS && id <= ID_ACCOUNT) {
		sub_dialog(d, u, id);
		return UI_DLG_CONTINUE;
	}
	if (id == ID_CANCEL || id == ID_OK)
		return id;
	return UI_DLG_CONTINUE;
}

/* ---- layout -------------------------------------------------------------- */

static int widest(const char *const *labels, size_t n)
{
	int w = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (ui_label_width(labels[i]) > w)
			w = ui_label_width(labels[i]);
	return w;
}

/* The labels and fields; in Properties the name is only shown. */
static void fields_part(struct ui_dialog *d, struct user_dialog *u)
{
	const char *labels[] = { _("&Username:"), _("&Full Name:"),
				 _("&Description:"), _("&Password:"),
				 _("&Confirm Password:") };
	int x = 2 + widest(labels, 5) + 2;

	if (u->kind == UK_PROPERTIES) {
		/* shown, not edited: no mnemonic (Rename changes it) */
		ui_dialog_label(d, 1, 2, _("Username:"));
		ui_dialog_label(d, 1, x, u->orig->name);
	} else {
		ui_dialog_label(d, 1, 2, labels[0]);
		ui_dialog_field(d, ID_NAME, 1, x, UM_USER_NAME_MAX, false,
				UM_USER_NAME_MAX * 4);
	}
	ui_dialog_label(d, 3, 2, labels[1]);
	ui_dialog_field(d, ID_FULL, 3, x, 32, false, 256);
	ui_dialog_label(d, 5, 2, labels[2]);
	ui_dialog_field(d, ID_DESC, 5, x, 36, false, 256);
	ui_dialog_label(d, 7, 2, labels[3]);
	ui_dialog_field(d, ID_PW, 7, x, PLACEHOLDER_LEN, true,
			UM_SECRET_MAX_UTF16);
	ui_dialog_label(d, 9, 2, labels[4]);
	ui_dialog_field(d, ID_CONFIRM, 9, x, PLACEHOLDER_LEN, true,
			UM_SECRET_MAX_UTF16);
}

static void checks_part(struct ui_dialog *d, struct user_dialog *u)
{
	ui_dialog_check(d, ID_MUST, 11, 2,
			_("User &Must Change Password at Next Logon"), 0);
	ui_dialog_check(d, ID_CANNOT, 12, 2,
			_("U&ser Cannot Change Password"), 0);
	ui_dialog_check(d, ID_NEVER, 13, 2, _("Pass&word Never Expires"),
			0);
	ui_dialog_check(d, ID_DISABLED, 14, 2, _("Account Disa&bled"), 0);
	if (u->kind == UK_PROPERTIES)
		ui_dialog_check(d, ID_LOCKED, 15, 2,
				_("Account Loc&ked Out"), 0);
}

/* Add (or OK), Cancel, Help on the right; the sub-dialogs' buttons
 * in a row at the bottom, as NT has them. */
static void buttons_part(struct ui_dialog *d, struct user_dialog *u)
{
	static const struct { int id; const char *label; } row[] = {
		{ ID_GROUPS, N_("&Groups") },
		{ ID_PROFILE, N_("P&rofile") },
		{ ID_HOURS, N_("H&ours") },
		{ ID_LOGON_TO, N_("&Logon To") },
		{ ID_ACCOUNT, N_("Accou&nt") },
	};
	size_t i;

	ui_dialog_button_w(d, ID_OK, 1, 62, u->kind == UK_PROPERTIES
			   ? _("OK") : _("&Add"), 12);
	ui_dialog_button_w(d, ID_CANCEL, 3, 62, _("Cancel"), 12);
	ui_dialog_button_w(d, UI_ID_HELP, 5, 62, _("&Help"), 12);
	ui_dialog_button_column(d, 62);
	/* each after the one before: a longer translation pushes them on */
	for (i = 0; i < sizeof(row) / sizeof(row[0]); i++)
		ui_dialog_button_w(d, row[i].id, d->h - 2, 2 + 13 * (int)i,
				   _(row[i].label), 11);
}

static char *title_of(struct user_dialog *u, TALLOC_CTX *mem)
{
	switch (u->kind) {
	case UK_NEW:
		return talloc_strdup(mem, _("New User"));
	case UK_COPY:
		return talloc_asprintf(mem, _("Copy of %s"), u->name);
	default:
		return talloc_strdup(mem, _("User Properties"));
	}
}

static void run(struct user_dialog *u)
{
	struct ui_dialog d;
	char *title = title_of(u, u->mem);

	ui_dialog_init(&d, title, u->kind == UK_PROPERTIES ? 19 : 18, 78,
		       u->kind == UK_PROPERTIES ? UI_HELP_USER_PROPERTIES
						: UI_HELP_NEW_USER);
	ui_dialog_handle(&d, user_event, NULL, u, ID_OK, ID_CANCEL);
	d.ok = u->kind == UK_PROPERTIES ? properties_ok : add_ok;
	fields_part(&d, u);
	checks_part(&d, u);
	buttons_part(&d, u);
	fill(&d, u);
	ui_dialog_focus(&d, u->kind == UK_PROPERTIES ? ID_FULL : ID_NAME);
	ui_dialog_run(&d);
	ui_dialog_free(&d);
}

/* Read the account (Properties, Copy's template); false when it cannot
 * be read, the operator told why. */
static bool read_account(struct user_dialog *u)
{
	struct um_status st;

	if (u->name == NULL)
		return true;
	st = um_user_query(u->pdc, u->name, u->mem, &u->orig);
	if (!um_is_ok(st)) {
		ui_message_status(_("The user account could not be read."),
				  st);
		return false;
	}
	return true;
}

static char *user_dialog(enum user_kind kind, struct um_pdc *p,
			 const char *name, TALLOC_CTX *mem)
{
	struct user_dialog u = { .kind = kind, .pdc = p, .name = name,
				 .done_mem = mem };
	char *done;

	u.mem = talloc_new(NULL);
	if (u.mem == NULL)
		return NULL;
	if (read_account(&u) && pending_reset(&u)) {
		if (kind == UK_PROPERTIES)
			u.placeholder = um_secret_random(u.mem,
							 PLACEHOLDER_LEN);
		if (kind != UK_PROPERTIES || u.placeholder != NULL)
			run(&u);
	}
	done = u.done;
	talloc_free(u.mem);
	return done;
}

char *ui_user_new(struct um_pdc *p, TALLOC_CTX *mem)
{
	return user_dialog(UK_NEW, p, NULL, mem);
}

char *ui_user_properties(struct um_pdc *p, const char *name,
			 TALLOC_CTX *mem)
{
	return user_dialog(UK_PROPERTIES, p, name, mem);
}

char *ui_user_copy(struct um_pdc *p, const char *from, TALLOC_CTX *mem)
{
	return user_dialog(UK_COPY, p, from, mem);
}
