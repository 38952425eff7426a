/*
 * usrmgr - the curses front end's internals: the terminal, keys, the
 * screen stack and the widget layer (in the manner of mc's lib/widget).
 *
 * Nothing outside ui/ includes this header.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifndef USRMGR_UI_PRIV_H
#define USRMGR_UI_PRIV_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>
#include <curses.h>
#include <panel.h>
#include <form.h>
#include "ui.h"
#include "accounts.h"
#include "model.h"
#include "status.h"
#include "secret.h"
#include "i18n.h"

/* ---- keys (keys.c) ----------------------------------------------- */

/* One key as the screens see it: a character (wchar_t value), a curses
 * KEY_* code wrapped in UI_K(), Alt+letter wrapped in UI_ALT(), or
 * UI_QUIT once a signal asked us to leave (every loop unwinds as on Esc). */
#define UI_K(k)      (0x01000000 | (k))
#define UI_ALT(c)    (0x02000000 | (c))
#define UI_QUIT      0x04000000
#define UI_IS_ALT(k) (((k) & 0x02000000) != 0)
/* Alt+Down opens a drop-down list, Alt+Up closes it (Esc Down, Esc Up
 * on a vt100). */
#define UI_ALT_DOWN  UI_ALT(UI_K(KEY_DOWN))
#define UI_ALT_UP    UI_ALT(UI_K(KEY_UP))
#define UI_ESC       27
#define UI_ENTER     '\n'
#define UI_TAB       '\t'
#define UI_CTRL(c)   ((c) & 0x1f)

int ui_getkey(void);
/* The time usrmgr waited for the last key ui_getkey() gave, in ms: not
 * the time it was busy before (keys typed meanwhile waited 0 ms). */
long ui_key_idle_ms(void);
void ui_keys_init(void);
void ui_keys_fini(void);
/* Keys typed while the model works are kept for later; Esc cancels. */
void ui_keys_drain(void);
bool ui_keys_take_escape(void);
void ui_keys_flush(void);

/* ---- terminal (term.c) ------------------------------------------- */

enum ui_role {
	UI_R_NORMAL,
	UI_R_TITLE,
	UI_R_MENUBAR,
	UI_R_MENU,
	UI_R_MENU_SEL,
	UI_R_MENU_DISABLED,
	UI_R_DIALOG,
	UI_R_DIALOG_TITLE,
	UI_R_LIST,
	UI_R_LIST_SEL,
	UI_R_LIST_SEL_IDLE,
	UI_R_HEADER,
	UI_R_BUTTON,
	UI_R_BUTTON_FOCUS,
	UI_R_FIELD,
	UI_R_STATUS,
	UI_R_DISABLED,
	UI_R_ERROR,
	UI_R_OK,
	UI_R_COUNT
};

/* Line drawing: the terminal's (ACS) or plain ASCII. */
enum ui_line {
	UI_L_H, UI_L_V, UI_L_UL, UI_L_UR, UI_L_LL, UI_L_LR, UI_L_LT, UI_L_RT,
	UI_L_UP, UI_L_DOWN, UI_L_COUNT
};

#define UI_MIN_COLS 80
#define UI_MIN_LINES 24

struct ui_state {
	struct um_model *model;
	const struct um_ui_options *opt;
	bool script;            /* keys from USRMGR_UI_SCRIPT (test binary) */
	bool ascii;
	bool utf8;              /* the locale's: Unicode box drawing */
	bool color;
	bool esc_keys;          /* no F10 to be had: Esc 0, Esc 1, Esc letter */
	int sigpipe[2];         /* self-pipe: signals become bytes */
	volatile int quit_signal; /* the signal that asked us to leave */
	int busy_depth;
	int msg_depth;          /* message boxes open (the summary waits) */
	bool too_small;
	int cur_y, cur_x;       /* where the hardware cursor goes */
	char note[256];         /* the model's last note, for the status */
	SCREEN *screen;
	FILE *tty_in, *tty_out;
};

extern struct ui_state ui;

struct um_status ui_term_open(void);
void ui_term_close(void);
attr_t ui_attr(enum ui_role r);
chtype ui_line(enum ui_line l);
void ui_lines(WINDOW *w, int y, int x, enum ui_line l, int n, bool vertical);
void ui_box(WINDOW *w, int y, int x, int h, int wd);
/* Box a window with a title in its top edge. */
void ui_frame(WINDOW *w, const char *title, enum ui_role body,
	      enum ui_role title_role);
/* Where the focus is: the hardware cursor goes there at each refresh, so
 * screen readers and braille displays follow it. */
void ui_cursor(WINDOW *w, int y, int x);
void ui_refresh(void);
/* A signal byte arrived on the self-pipe: resize or leave. */
void ui_term_signal_ready(void);
void ui_term_resize(int lines, int cols);
bool ui_term_fits(void);

/* ---- the screen stack (term.c) ----------------------------------- */

/* Everything on screen is a stack of screens; after a resize each one
 * lays itself out again and repaints, bottom to top. */
struct ui_screen {
	void (*repaint)(struct ui_screen *s);
	struct ui_screen *below;
};

void ui_push(struct ui_screen *s);
void ui_pop(struct ui_screen *s);
/* Delete a panel and its window (either may be NULL); both become NULL. */
void ui_window_close(PANEL **pan, WINDOW **win);
void ui_repaint_all(void);

/* ---- script mode, screen dumps (script.c) ------------------------- */

bool ui_script_open(const char *path);
void ui_script_close(void);
/* The next scripted key; SAME_GROUP says whether it came on the same
 * line as the one before (an Esc prefix combines only then). */
bool ui_script_next(int *key, bool *same_group);
bool ui_script_peek_same_group(void);
void ui_dump_screen(const char *path, bool attrs);
/* A text did not fit the room it was given (the next dump says so). */
void ui_script_note_cut(const char *text);

/* ---- text (widget_text.c) ------------------------------------------ */

/* Labels carry an '&' before their mnemonic ("&Add..."), "&&" is '&'. */
int ui_text_width(const char *s);
int ui_label_width(const char *label);
wint_t ui_label_mnemonic(const char *label);
bool ui_key_is_mnemonic(int key, const char *label);
/* Draw at most MAXW columns; returns the columns drawn. */
int ui_text_put(WINDOW *w, int y, int x, int maxw, const char *s, attr_t a);
/* The same, ending in an ellipsis when S is wider than MAXW. */
int ui_text_put_cut(WINDOW *w, int y, int x, int maxw, const char *s,
		    attr_t a);
int ui_label_put(WINDOW *w, int y, int x, int maxw, const char *label,
		 attr_t a);
/* The same without the underline (disabled items). */
int ui_label_put_ex(WINDOW *w, int y, int x, int maxw, const char *label,
		    attr_t a, bool underline);
void ui_fill(WINDOW *w, int y, int x, int n, attr_t a);
/* Word-wrap TEXT to WIDTH; returns the line count, lines in LINES. */
int ui_wrap(const char *text, int width, char ***lines, TALLOC_CTX *mem);
/* One line of TEXT in at most MAXW columns; one that needs more is cut
 * short, and noted (ui_script_note_cut). */
int ui_text_line(WINDOW *w, int y, int x, int maxw, const char *text,
		 attr_t a);
/* TEXT word-wrapped to WIDTH, at most MAX_LINES lines from (Y, X); returns
 * the lines drawn.  A text that needs more is cut short, and noted. */
int ui_text_block(WINDOW *w, int y, int x, int width, int max_lines,
		  const char *text, attr_t a);

/* ---- list (widget_list.c): a virtual list ------------------------ */

#define UI_LIST_MAX_COLS 4

struct ui_list;
typedef const char *(*ui_list_cell_fn)(struct ui_list *l, size_t row,
				       int col);
/* Make rows up to ROW available (fetch pages); false when cancelled. */
typedef void (*ui_list_fetch_fn)(struct ui_list *l, size_t row);

struct ui_list {
	size_t n;        /* rows available now */
	bool more;       /* more rows can be fetched */
	size_t top, sel;
	int ncols;
	int col_w[UI_LIST_MAX_COLS];
	ui_list_cell_fn cell;
	ui_list_fetch_fn fetch;
	void *priv;
	const char *empty; /* shown when there is no row */
	bool plain;        /* text to scroll: no selected row */
	bool paused;       /* a fetch was cancelled: wait for a key */
	bool marks;        /* no frame: arrows in the last column show
			    * where there is more to see */
	/* Rows picked besides the selected one (Select Users): a '*'
	 * before the row; NULL when the list has none. */
	bool (*picked)(struct ui_list *l, size_t row);
};

/* Drawing shows the rows there are; it never fetches. */
void ui_list_draw(struct ui_list *l, WINDOW *w, int y, int x, int h,
		  int width, bool focused);
/* Fetch what the visible part needs (from the main loop, not drawing). */
void ui_list_prefetch(struct ui_list *l, int h);
/* Arrows, PgUp/PgDn, Home/End; true when the key was for the list. */
bool ui_list_key(struct ui_list *l, int key, int h);
void ui_list_set(struct ui_list *l, size_t n, bool more);
void ui_list_clamp(struct ui_list *l, int h);

/* ---- dialogs (widget_dialog.c, widget_button.c, widget_form.c) ---- */

enum ui_ctl_kind {
	UI_CTL_LABEL,
	UI_CTL_BUTTON,
	UI_CTL_LIST,
	UI_CTL_FIELD,
	UI_CTL_CHECK,      /* check box, or option button of a group */
	UI_CTL_CUSTOM,     /* drawn by its own function, keys to event */
	UI_CTL_COMBO,      /* drop-down list: its list's chosen row */
};

enum ui_help_topic {
	UI_HELP_MAIN,
	UI_HELP_MENU,
	UI_HELP_SELECT_DOMAIN,
	UI_HELP_TRUST,
	UI_HELP_ADD_TRUSTING,
	UI_HELP_ADD_TRUSTED,
	UI_HELP_CONFIRM,
	UI_HELP_MESSAGE,
	UI_HELP_PASSWORD,
	UI_HELP_HELP,
	UI_HELP_ABOUT,
	UI_HELP_DIAGNOSIS,
	UI_HELP_TRAINING,
	UI_HELP_REPAIR,    /* Repair Trust's first dialog: the pair */
	UI_HELP_ACCOUNT_POLICY,
	UI_HELP_AUDIT_POLICY,
	UI_HELP_NEW_USER,  /* New User and Copy */
	UI_HELP_USER_PROPERTIES,
	UI_HELP_RENAME_USER,
	UI_HELP_USER_GROUPS,   /* User Properties' sub-dialogs */
	UI_HELP_USER_PROFILE,
	UI_HELP_USER_HOURS,
	UI_HELP_USER_LOGON_TO,
	UI_HELP_USER_ACCOUNT,
	UI_HELP_USER_RIGHTS,
	UI_HELP_ADD_NAMES,  /* Add Users and Groups */
	UI_HELP_GROUP,      /* New Global/Local Group, group Properties */
	UI_HELP_CUSTOM,    /* the text given to ui_help_set_custom() */
};

struct ui_dialog;

struct ui_ctl {
	enum ui_ctl_kind kind;
	int id;
	int y, x, w, h;        /* inside the dialog window */
	const char *text;      /* label or button text, with '&' */
	bool disabled;
	struct ui_list *list;
	FIELD *field;
	bool secret;           /* a password field: shown as '*' */
	int secret_len;        /* characters typed into it */
	bool selected;         /* its text is selected: typing replaces it */
	int group;             /* UI_CTL_CHECK: 0 check box, else options */
	bool checked;
	/* UI_CTL_CUSTOM: draws the control (and, FOCUSED, the cursor). */
	void (*draw)(struct ui_dialog *d, struct ui_ctl *c, bool focused);
};

#define UI_MAX_CTL 48
#define UI_DLG_CONTINUE (-1)
/* A dialog's Help button: the dialog shows its own help topic, and its
 * event handler never sees the button (a custom topic aside). */
#define UI_ID_HELP 90
/* Pseudo key for a list whose selection moved. */
#define UI_EV_SELECT (-2)
/* A custom control's event handler: the key was not for the control (a
 * mnemonic, Enter for the default button). */
#define UI_DLG_UNUSED (-3)

struct ui_dialog;
typedef int (*ui_dialog_event_fn)(struct ui_dialog *d, int id, int key);

struct ui_dialog {
	struct ui_screen scr;
	const char *title;
	int h, w;
	WINDOW *win;
	PANEL *pan;
	struct ui_ctl ctl[UI_MAX_CTL];
	int nctl;
	int focus;
	FORM *form;
	FIELD *fields[UI_MAX_CTL + 1];
	int nfields;
	int default_id;    /* Enter in a field presses this button */
	int cancel_id;     /* Esc answers this */
	enum ui_help_topic help;
	void (*paint_extra)(struct ui_dialog *d);
	ui_dialog_event_fn event;
	/* When set, pressing the default button runs this instead of event:
	 * ID of the button to end the dialog with, or UI_DLG_CONTINUE. */
	int (*ok)(struct ui_dialog *d);
	void *priv;
};

void ui_dialog_init(struct ui_dialog *d, const char *title, int h, int w,
		    enum ui_help_topic help);
/* Who answers the dialog's events and paints its extras (either may be
 * NULL), with PRIV, and which buttons Enter and Esc press. */
void ui_dialog_handle(struct ui_dialog *d, ui_dialog_event_fn event,
		      void (*paint_extra)(struct ui_dialog *d), void *priv,
		      int default_id, int cancel_id);
struct ui_ctl *ui_dialog_label(struct ui_dialog *d, int y, int x,
			       const char *text);
struct ui_ctl *ui_dialog_button(struct ui_dialog *d, int id, int y, int x,
				const char *text);
/* A button at least MIN_W wide (its text decides beyond that); further
 * right than X when the button before it on its row, translated, would
 * reach it.  The dialog grows to hold its controls. */
struct ui_ctl *ui_dialog_button_w(struct ui_dialog *d, int id, int y, int x,
				  const char *text, int min_w);
/* The buttons at column X as wide as the widest of them. */
void ui_dialog_button_column(struct ui_dialog *d, int x);
struct ui_ctl *ui_dialog_list(struct ui_dialog *d, int id, int y, int x,
			      int h, int w, struct ui_list *l);
struct ui_ctl *ui_dialog_field(struct ui_dialog *d, int id, int y, int x,
			       int w, bool secret, int max);
/* A control of the dialog's own (the Hours grid): DRAW paints it, and
 * every key but Tab, Esc and F1 goes first to the event handler with
 * its ID, which answers UI_DLG_UNUSED for a key it leaves alone. */
struct ui_ctl *ui_dialog_custom(struct ui_dialog *d, int id, int y, int x,
				int h, int w,
				void (*draw)(struct ui_dialog *d,
					     struct ui_ctl *c, bool focused));
/* Run until the event handler answers something else than
 * UI_DLG_CONTINUE; Esc answers cancel_id, UI_QUIT likewise. */
int ui_dialog_run(struct ui_dialog *d);
void ui_dialog_free(struct ui_dialog *d);
void ui_dialog_focus(struct ui_dialog *d, int id);
/* The focus to the next control, as Tab moves it. */
void ui_dialog_focus_next(struct ui_dialog *d);
struct ui_ctl *ui_dialog_ctl(struct ui_dialog *d, int id);
void ui_dialog_paint(struct ui_dialog *d, bool full);

/* Buttons (widget_button.c). */
int ui_button_width(const char *text);
void ui_button_draw(WINDOW *w, const struct ui_ctl *c, bool focused);

/* Check boxes and option buttons (widget_check.c): GROUP 0 is a check
 * box; options of one GROUP exclude one another. */
struct ui_ctl *ui_dialog_check(struct ui_dialog *d, int id, int y, int x,
			       const char *text, int group);
bool ui_check_get(struct ui_dialog *d, int id);
void ui_check_set(struct ui_dialog *d, int id, bool on);
void ui_check_press(struct ui_dialog *d, struct ui_ctl *c);
void ui_check_draw(WINDOW *w, const struct ui_ctl *c, bool focused);
/* Drop-down lists (widget_combo.c): the chosen row (L's selection, its
 * first column) on one line W wide; Up, Down and letters change it in
 * place, Alt+Down, F4 or Enter opens the list.  A change of the choice is
 * the event UI_EV_SELECT. */
struct ui_ctl *ui_dialog_combo(struct ui_dialog *d, int id, int y, int x,
			       int w, struct ui_list *l);
void ui_combo_draw(WINDOW *w, const struct ui_ctl *c, bool focused);
/* A key for the focused drop-down list C; *USED when it was its. */
int ui_combo_key(struct ui_dialog *d, struct ui_ctl *c, int key,
		 bool *used);
/* Form fields (widget_form.c). */
FIELD *ui_field_new(int y, int x, int w, bool secret, int max);
/* The field's text, trailing blanks trimmed (talloc'd on MEM). */
char *ui_field_text(struct ui_dialog *d, struct ui_ctl *c, TALLOC_CTX *mem);
void ui_field_set(struct ui_dialog *d, struct ui_ctl *c, const char *text);
/* TEXT, selected as a text box selects what it is filled with: the first
 * character typed replaces it, a cursor key keeps it. */
void ui_field_set_selected(struct ui_dialog *d, struct ui_ctl *c,
			   const char *text);
/* A password field's contents as a secret; the buffer is wiped. */
struct um_secret *ui_field_secret(struct ui_dialog *d, struct ui_ctl *c,
				  TALLOC_CTX *mem);
/* Whether the two passwords typed agree; if not, the operator is told
 * and the focus goes back to the first of them (FIRST_ID). */
bool ui_passwords_match(struct ui_dialog *d, const struct um_secret *pw,
			const struct um_secret *confirm, int first_id);
void ui_field_wipe(struct ui_dialog *d, struct ui_ctl *c);
bool ui_field_key(struct ui_dialog *d, struct ui_ctl *c, int key);
void ui_field_draw_mask(struct ui_dialog *d, struct ui_ctl *c);
void ui_form_post(struct ui_dialog *d);
void ui_form_unpost(struct ui_dialog *d);

/* ---- message boxes (widget_msgbox.c) ------------------------------ */

enum ui_msg_kind { UI_MSG_INFO, UI_MSG_ERROR, UI_MSG_QUESTION };
enum { UI_ANSWER_OK = 1, UI_ANSWER_YES, UI_ANSWER_NO, UI_ANSWER_CANCEL };

/* OK box; returns when dismissed. */
void ui_message(enum ui_msg_kind kind, const char *text);
/* The operator's words for ST and its code's name. */
void ui_message_status(const char *intro, struct um_status st);
/* Yes/No; the focus starts on No: removing is not undone by Enter. */
int ui_confirm(const char *text);

/* ---- menu bar (widget_menubar.c) ---------------------------------- */

struct ui_menu_item {
	const char *label;    /* NULL: separator */
	const char *shortcut; /* shown on the right, or NULL */
	int id;               /* 0: disabled (out of this project's scope) */
};

struct ui_menu {
	const char *label;
	const struct ui_menu_item *items;
	int n;
	/* Whether item ID shows a check mark (View's sort); NULL: none. */
	bool (*checked)(int id);
};

void ui_menubar_draw(WINDOW *w, int y, const struct ui_menu *menus, int n);
/* Open menu FIRST (or the bar when FIRST < 0) and run it; returns the
 * chosen item's id, or 0. */
int ui_menubar_run(WINDOW *w, int y, const struct ui_menu *menus, int n,
		   int first, int first_item_key);
int ui_menubar_find(const struct ui_menu *menus, int n, int key);

/* ---- screens ------------------------------------------------------ */

struct ui_main;

void ui_help(enum ui_help_topic topic);
void ui_about(void);
void ui_busy_hooks(struct um_hooks *h);
void ui_busy_init(void);
void ui_busy_fini(void);
int ui_main_window_run(const char *first_pdc);
/* Select Domain: the new PDC, or NULL when cancelled. */
struct um_pdc *ui_select_domain(struct um_pdc *current);
/* The PDC of the domain the main window shows, or NULL. */
struct um_pdc *ui_main_pdc(void);
/* User > Select Users: marks members of a group among USERS (the main
 * window's list), the groups from GROUPS. */
struct um_view;
void ui_select_users(struct um_view *users, struct um_view *groups);

/* User -> New User, Properties and Copy (user_properties.c): the name
 * of the user last added or changed, talloc'd on MEM, or NULL when
 * nothing was. */
char *ui_user_new(struct um_pdc *p, TALLOC_CTX *mem);
char *ui_user_properties(struct um_pdc *p, const char *name,
			 TALLOC_CTX *mem);
char *ui_user_copy(struct um_pdc *p, const char *from, TALLOC_CTX *mem);
/* User -> Delete (NT's two warnings) and Rename (user_actions.c): true
 * when deleted; the new name, talloc'd on MEM, or NULL. */
bool ui_user_delete(struct um_pdc *p, const char *name);
char *ui_user_rename(struct um_pdc *p, const char *name, TALLOC_CTX *mem);

/* User Properties' sub-dialogs, one file each (user_groups.c,
 * user_profile.c, user_hours.c, user_logon_to.c, user_account.c): each
 * edits A, the pending change of the dialog below it (setting the
 * UM_FIELD_* it changes), and answers true on OK; nothing reaches the PDC
 * before that dialog's OK.  On Cancel A is left as it was.  A is talloc
 * memory: the strings and lists a dialog sets hang on it. */
bool ui_user_groups(struct um_pdc *p, struct um_account *a);
bool ui_user_profile(struct um_account *a);
bool ui_user_hours(struct um_account *a);
bool ui_user_logon_to(struct um_account *a);
bool ui_user_account(struct um_account *a);
/* "User: name (Full Name)", the line that heads each of them
 * (user_common.c). */
const char *ui_user_caption(TALLOC_CTX *mem, const struct um_account *a);
/* The test binary's entry to them (USRMGR_UI_SUBDIALOG, test_hooks.h;
 * nothing in the installed usrmgr): at start-up, one of them on a user
 * of the first domain, its OK stored as User Properties' OK would. */
void ui_user_subdialog_test(void);

/* Add Users and Groups (add_names.c): the names chosen, each as typed or
 * picked ("name" of this domain, "DOMAIN\\name" of another), talloc'd on
 * MEM; false when cancelled.  USERS: users may be chosen, not only
 * groups. */
bool ui_add_names(struct um_pdc *p, const char *title, bool users,
		  TALLOC_CTX *mem, char ***names, size_t *n);
/* The same, WHAT naming what the Names list offers besides the global
 * groups of each domain: users, and this domain's local groups (a local
 * group never holds one; a user right may be granted to one). */
#define UI_NAMES_USERS        0x1u
#define UI_NAMES_LOCAL_GROUPS 0x2u
bool ui_add_names_ex(struct um_pdc *p, const char *title, unsigned what,
		     TALLOC_CTX *mem, char ***names, size_t *n);
/* New Global Group, New Local Group, a group's Properties and Delete
 * (group_properties.c); true when the domain's groups changed. */
bool ui_group_new(struct um_pdc *p, bool local);
bool ui_group_properties(struct um_pdc *p, const char *name);
bool ui_group_delete(struct um_pdc *p, const char *name);
void ui_trust_dialog(struct um_pdc *p);
/* Add Trusting / Add Trusted: true when something changed. */
bool ui_add_trusting(struct um_pdc *p);
bool ui_add_trusted(struct um_pdc *p);
/* Before Add Trusting / Add Trusted Domain (OP) of NAME on P: where the
 * server can add the direction only by re-keying the other (Samba AD),
 * the engine's question; false when the operator said No.  On Yes the
 * Add re-creates the trust two-way (*REKEY true; the caller turns it off
 * with um_trust_set_rekey_by_hand() after the Add). */
bool ui_trust_rekey_asked(struct um_pdc *p, enum um_op op, const char *name,
			  bool *rekey);
/* Policies > Account (account_policy.c). */
void ui_account_policy(struct um_pdc *p);
/* Policies > User Rights (user_rights.c): OK sends what changed. */
void ui_user_rights(struct um_pdc *p);
/* Policies > Audit (audit_policy.c): read-only where the PDC says so. */
void ui_audit_policy(struct um_pdc *p);
/* Ask for a password (the model's ask_password hook). */
struct um_secret *ui_ask_password(TALLOC_CTX *mem, const char *prompt);
/* The domain name a PDC serves, for titles and messages. */
const char *ui_domain_name(struct um_pdc *p);
/* The PDC's own name, whatever name it was opened by. */
const char *ui_pdc_host(struct um_pdc *p);

/* Help whose text depends on where the operator is (the wizard's step). */
void ui_help_set_custom(const char *title, const char *text);

/* ---- diagnosis, guided repair, training (issue 8) ------------------ */

/* A domain pair: "the domain of the resource PDC trusts the domain of
 * the accounts PDC", and the logon test's user (optional). */
struct ui_pair {
	char *resource_pdc, *accounts_pdc;
	char *user;                     /* "DOM\\user" or NULL */
	struct um_secret *user_password;
};

/* The pair, asked in one dialog (each PDC with its own "Connect as");
 * false when cancelled.  Filled from the command line's options.  F1
 * there shows HELP: the help of what the pair is asked for. */
bool ui_pair_dialog(const char *title, enum ui_help_topic help,
		    TALLOC_CTX *mem, struct ui_pair *p);
/* Policies > Diagnose Trust... */
void ui_diagnosis(void);
/* Policies > Repair Trust (KB Q207957)...: an unfinished repair in the
 * journal is offered first. */
void ui_wizard_menu(void);
/* The guided repair of PAIR. */
void ui_wizard(const struct ui_pair *pair);
/* At start-up: an unfinished repair in the journal, offered. */
void ui_wizard_offer_resume(void);

/* Training (--training): the coach watches the ordinary screens. */
void ui_training_start(void);
void ui_training_stop(void);
bool ui_training_active(void);
void ui_training_hint(void);
void ui_training_name_cause(void);
/* ui_getkey()'s hook: shows the coach's messages before a key is waited
 * for (KEY 0), and takes F2 (the hint); true when it took KEY. */
bool ui_training_key_hook(int key);
/* After the main window's first domain: training, an unfinished repair. */
void ui_startup(void);
/* Exit chosen with the simulated domains changed and no --state file to
 * keep them: say so, and how to keep them next time. */
void ui_exit_note(void);

#endif
