/*
 * usrmgr - User Properties > Profile: NT 4.0's User Environment Profile
 * dialog.  User Profiles: the profile path and the logon script name;
 * Home Directory: a Local Path, or Connect a drive To a network path
 * (\\server\share\...), both checked by the engine
 * (um_user_home_drive_check, um_user_unc_check) before the dialog
 * closes.  It edits the pending change of the dialog below it; nothing
 * reaches the PDC from here.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <ctype.h>
#include <string.h>
#include "ui_priv.h"

enum {
	ID_PROFILE = 1, ID_SCRIPT, ID_LOCAL, ID_LOCAL_PATH,
	ID_CONNECT, ID_DRIVE, ID_UNC, ID_OK, ID_CANCEL,
};

enum { G_HOME = 1 };

/* NT's default drive for a new home directory on the network. */
#define DEFAULT_DRIVE "Z:"
#define PATH_MAX_CHARS 256

static const char *or_empty(const char *s)
{
	return s != NULL ? s : "";
}

/* Set FIELD of A to V when it differs, noting BIT. */
static void set_text(struct um_account *a, char **field, uint32_t bit,
		     const char *v)
{
	if (strcmp(or_empty(*field), v) == 0)
		return;
	*field = talloc_strdup(a, v);
	a->fields |= bit;
}

static char *text_of(struct ui_dialog *d, int id, TALLOC_CTX *mem)
{
	return ui_field_text(d, ui_dialog_ctl(d, id), mem);
}

static int profile_ok(struct ui_dialog *d)
{
	struct um_account *a = d->priv;
	TALLOC_CTX *t = talloc_new(NULL);
	bool connect = ui_check_get(d, ID_CONNECT);
	char *drive = connect ? text_of(d, ID_DRIVE, t) : talloc_strdup(t, "");
	const char *dir = text_of(d, connect ? ID_UNC : ID_LOCAL_PATH, t);
	struct um_status st = connect ? um_user_home_drive_check(drive)
				      : um_ok();

	if (connect && um_is_ok(st))
		st = um_user_unc_check(dir);
	if (!um_is_ok(st)) {
		ui_message(UI_MSG_ERROR, um_status_message(st));
		ui_dialog_focus(d, um_status_is(st, UM_KIND_LOCAL,
						UM_LOCAL_BAD_HOME_DRIVE)
				   ? ID_DRIVE : connect ? ID_UNC
							: ID_LOCAL_PATH);
		talloc_free(t);
		return UI_DLG_CONTINUE;
	}
	drive[0] = (char)toupper((unsigned char)drive[0]);
	set_text(a, &a->profile, UM_FIELD_PROFILE, text_of(d, ID_PROFILE, t));
	set_text(a, &a->script, UM_FIELD_SCRIPT, text_of(d, ID_SCRIPT, t));
	set_text(a, &a->home_dir, UM_FIELD_HOME_DIR, dir);
	set_text(a, &a->home_drive, UM_FIELD_HOME_DRIVE, drive);
	talloc_free(t);
	return ID_OK;
}

static int profile_event(struct ui_dialog *d, int id, int key)
{
	(void)key;
	if (id == ID_LOCAL)
		ui_dialog_focus(d, ID_LOCAL_PATH);
	else if (id == ID_CONNECT)
		ui_dialog_focus(d, ID_DRIVE);
	return id == ID_OK || id == ID_CANCEL ? id : UI_DLG_CONTINUE;
}

static void show_profile(struct ui_dialog *d, const struct um_account *a)
{
	bool connect = or_empty(a->home_drive)[0] != '\0';

	ui_field_set(d, ui_dialog_ctl(d, ID_PROFILE), or_empty(a->profile));
	ui_field_set(d, ui_dialog_ctl(d, ID_SCRIPT), or_empty(a->script));
	ui_field_set(d, ui_dialog_ctl(d, connect ? ID_UNC : ID_LOCAL_PATH),
		     or_empty(a->home_dir));
	ui_field_set(d, ui_dialog_ctl(d, ID_DRIVE),
		     connect ? a->home_drive : DEFAULT_DRIVE);
	ui_check_set(d, connect ? ID_CONNECT : ID_LOCAL, true);
}

/* The paths' column: right of the longest label, translated. */
static int fields_x(void)
{
	int x = 25, need;

	need = 4 + ui_label_width(_("User &Profile Path:")) + 2;
	x = need > x ? need : x;
	need = 4 + ui_label_width(_("Logon S&cript Name:")) + 2;
	x = need > x ? need : x;
	need = 4 + 4 + ui_label_width(_("&Local Path:")) + 2;
	x = need > x ? need : x;
	need = 4 + 4 + ui_label_width(_("C&onnect")) + 2 + 5 +
	       ui_label_width(_("&To")) + 2;
	return need > x ? need : x;
}

static void layout(struct ui_dialog *d, TALLOC_CTX *t,
		   const struct um_account *a)
{
	int fx = fields_x();
	int drive_x = 4 + 4 + ui_label_width(_("C&onnect")) + 2;

	ui_dialog_label(d, 1, 2, ui_user_caption(t, a));
	ui_dialog_label(d, 3, 2, _("User Profiles"));
	ui_dialog_label(d, 4, 4, _("User &Profile Path:"));
	ui_dialog_field(d, ID_PROFILE, 4, fx, 44, false, PATH_MAX_CHARS);
	ui_dialog_label(d, 5, 4, _("Logon S&cript Name:"));
	ui_dialog_field(d, ID_SCRIPT, 5, fx, 44, false, PATH_MAX_CHARS);
	ui_dialog_label(d, 7, 2, _("Home Directory"));
	ui_dialog_check(d, ID_LOCAL, 8, 4, _("&Local Path:"), G_HOME);
	ui_dialog_field(d, ID_LOCAL_PATH, 8, fx, 44, false, PATH_MAX_CHARS);
	ui_dialog_check(d, ID_CONNECT, 9, 4, _("C&onnect"), G_HOME);
	/* a blank after the letter: "[H: ]" is no button */
	ui_dialog_field(d, ID_DRIVE, 9, drive_x, 3, false, 2);
	ui_dialog_label(d, 9, drive_x + 5, _("&To"));
	ui_dialog_field(d, ID_UNC, 9, fx, 44, false, PATH_MAX_CHARS);
	ui_dialog_button_w(d, ID_OK, 11, 16, _("OK"), 10);
	ui_dialog_button_w(d, ID_CANCEL, 11, 30, _("Cancel"), 10);
	ui_dialog_button_w(d, UI_ID_HELP, 11, 44, _("&Help"), 10);
}

bool ui_user_profile(struct um_account *a)
{
	TALLOC_CTX *t = talloc_new(NULL);
	struct ui_dialog d;
	int r;

	/* the fields' closing brackets keep a blank before the frame */
	ui_dialog_init(&d, _("User Environment Profile"), 13,
		       fields_x() + 44 + 3, UI_HELP_USER_PROFILE);
	ui_dialog_handle(&d, profile_event, NULL, a, ID_OK, ID_CANCEL);
	d.ok = profile_ok;
	layout(&d, t, a);
	show_profile(&d, a);
	r = ui_dialog_run(&d);
	ui_dialog_free(&d);
	talloc_free(t);
	return r == ID_OK;
}
