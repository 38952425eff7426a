/*
 * usrmgr - Help (F1 on every screen): what the screen does, and for the
 * trust dialog which way a trust goes, in one plain sentence.
 *
 * Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <string.h>
#include "ui_priv.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "0.1.0"
#endif

static const char *keys_text(void)
{
	return _("Keys: Tab and Shift-Tab (or Esc then Tab) move between "
		 "controls. Arrows move in lists. Enter chooses, Esc cancels. "
		 "Alt+letter (or Esc then the letter) follows an underlined "
		 "letter. F1 (or Esc then 1) is help, F10 (or Esc then 0) "
		 "opens the menus. Ctrl-L redraws the screen.");
}

static const char *topic_title(enum ui_help_topic t)
{
	switch (t) {
	case UI_HELP_MAIN: return _("Help - User Manager");
	case UI_HELP_MENU: return _("Help - Menus");
	case UI_HELP_SELECT_DOMAIN: return _("Help - Select Domain");
	case UI_HELP_TRUST: return _("Help - Trust Relationships");
	case UI_HELP_ADD_TRUSTING: return _("Help - Add Trusting Domain");
	case UI_HELP_ADD_TRUSTED: return _("Help - Add Trusted Domain");
	case UI_HELP_CONFIRM: return _("Help - Confirm");
	case UI_HELP_PASSWORD: return _("Help - Password");
	case UI_HELP_ABOUT: return _("About User Manager");
	case UI_HELP_DIAGNOSIS: return _("Help - Diagnose Trust");
	case UI_HELP_TRAINING: return _("Help - Training");
	case UI_HELP_REPAIR: return _("Help - Repair Trust");
	case UI_HELP_ACCOUNT_POLICY: return _("Help - Account Policy");
	case UI_HELP_AUDIT_POLICY: return _("Help - Audit Policy");
	case UI_HELP_NEW_USER: return _("Help - New User");
	case UI_HELP_USER_PROPERTIES: return _("Help - User Properties");
	case UI_HELP_RENAME_USER: return _("Help - Rename");
	case UI_HELP_USER_GROUPS: return _("Help - Group Memberships");
	case UI_HELP_USER_PROFILE:
		return _("Help - User Environment Profile");
	case UI_HELP_USER_HOURS: return _("Help - Logon Hours");
	case UI_HELP_USER_LOGON_TO: return _("Help - Logon Workstations");
	case UI_HELP_USER_ACCOUNT: return _("Help - Account Information");
	case UI_HELP_USER_RIGHTS: return _("Help - User Rights Policy");
	case UI_HELP_ADD_NAMES: return _("Help - Add Users and Groups");
	case UI_HELP_GROUP: return _("Help - Groups");
	default: return _("Help");
	}
}

static const char *topic_text(enum ui_help_topic t)
{
	switch (t) {
	case UI_HELP_MAIN:
		return _("User Manager shows the users (upper list) and groups "
			 "(lower list) of one domain, read from its primary "
			 "domain controller (PDC). Tab moves between the two "
			 "lists.\n\n"
			 "User > New User... creates a user; Enter (User > "
			 "Properties...) changes the selected one, F8 (User > "
			 "Copy...) copies it, Del (User > Delete) deletes it, "
			 "User > Rename... renames it. Windows NT cannot rename "
			 "groups: Rename is greyed while the groups list has "
			 "the focus.\n\n"
			 "User > Select Domain... opens another domain. "
			 "Policies > Trust Relationships... shows and changes "
			 "which domains this domain trusts, and which trust it.");
	case UI_HELP_MENU:
		return _("Left and Right move between menus, Up and Down "
			 "between items, Enter or the underlined letter chooses "
			 "an item, Esc closes the menu. Greyed items are not part "
			 "of this program.");
	case UI_HELP_SELECT_DOMAIN:
		return _("Pick a domain from the list or type its name, then "
			 "choose OK: User Manager connects to that domain's "
			 "primary domain controller and shows its users and "
			 "groups. Where asked, type the PDC's name or address "
			 "too; leave it empty to have it found.");
	case UI_HELP_TRUST:
		return _("If the resource domain trusts the accounts domain, "
			 "users of the accounts domain can log on to the "
			 "resource domain: the accounts domain is in the "
			 "resource domain's Trusted Domains list, and the "
			 "resource domain is in the accounts domain's Trusting "
			 "Domains list.\n\n"
			 "Trusted Domains: the domains whose users this domain "
			 "accepts. Add... needs the password the other domain "
			 "chose when it added this one to its Trusting Domains.\n"
			 "Trusting Domains: the domains permitted to trust this "
			 "one. Add... sets the initial password, which the other "
			 "domain then types in its Add Trusted Domain.\n\n"
			 "Remove deletes one side only; a broken trust (KB "
			 "Q207957) is repaired by removing both sides and adding "
			 "both again, the accounts domain (the trusted one) "
			 "first: on its PDC, Trusting Domains, Add... the "
			 "resource domain; then, on the resource domain's "
			 "PDC, Trusted Domains, Add... the accounts domain, "
			 "with the same password. Verify checks the secure "
			 "channel: OK, broken, or unknown until checked.");
	case UI_HELP_ADD_TRUSTING:
		return _("Permits another domain to trust this one. Type the "
			 "trusting domain's name (15 characters at most) and an "
			 "initial password twice; the password may be blank. "
			 "Then, on the trusting domain, add this domain to its "
			 "Trusted Domains with the same password.\n\n"
			 "When this domain already trusts the other one and its "
			 "server (Samba AD) can only create the trust again, "
			 "usrmgr asks first: both directions then get this "
			 "password.");
	case UI_HELP_ADD_TRUSTED:
		return _("Makes this domain trust another one, so that the "
			 "other domain's users can log on here. The other "
			 "domain must already list this one in its Trusting "
			 "Domains; type the password chosen there. The trust is "
			 "checked before anything is stored.\n\n"
			 "When the other domain already trusts this one and this "
			 "server (Samba AD) can only create the trust again, "
			 "usrmgr asks first: both directions then get this "
			 "password.");
	case UI_HELP_CONFIRM:
		return _("Yes goes ahead, No (or Esc) leaves everything as it "
			 "was.");
	case UI_HELP_PASSWORD:
		return _("Type the password; it is not shown. Esc cancels.");
	case UI_HELP_DIAGNOSIS:
		return _("Diagnose Trust reads both sides of the trust "
			 "\"the resource domain trusts the accounts domain\" from "
			 "their own PDCs: the accounts domain must be in the "
			 "resource domain's Trusted Domains, and the resource "
			 "domain in the accounts domain's Trusting Domains. "
			 "Then it verifies the secure channel and, with a test "
			 "user of the accounts domain, tries a logon through "
			 "the resource PDC.\n\n"
			 "Type each PDC's name; \"Connect as\" (DOMAIN\\user) "
			 "is that PDC's administrator, asked for a password "
			 "when needed; leave it empty for the default "
			 "credentials. Nothing is changed, except that a secure "
			 "channel which does not verify is reset once, as "
			 "nltest /sc_reset would, to tell a stale channel from "
			 "a password mismatch.\n\n"
			 "Repair... starts the guided repair (KB Q207957) of "
			 "the same pair.");
	case UI_HELP_REPAIR:
		return _("Repair Trust repairs the trust \"the resource domain "
			 "trusts the accounts domain\": the resource domain "
			 "trusts, the accounts domain is trusted.\n\n"
			 "Type each PDC's name; \"Connect as\" (DOMAIN\\user) "
			 "is that PDC's administrator, asked for a password "
			 "when needed; leave it empty for the default "
			 "credentials. A user of the accounts domain "
			 "(optional) adds a logon test at the end.\n\n"
			 "OK reads both sides first. Then one new trust "
			 "password is asked for, twice (or generated), and "
			 "each step is shown with its PDC before it runs, in "
			 "the order of KB Q207957: both halves removed, the "
			 "trust added on the accounts domain's PDC (Trusting "
			 "Domains) first, then on the resource domain's PDC "
			 "(Trusted Domains), the secure channel reset and "
			 "verified. Every step is journaled: a repair left "
			 "unfinished is offered again when User Manager "
			 "starts.");
	case UI_HELP_ACCOUNT_POLICY:
		return _("Account Policy: how long passwords last, how long "
			 "and how varied they must be, and when an account is "
			 "locked out after bad logon attempts, for every user "
			 "of this domain. Space chooses an option or ticks a "
			 "box, Tab moves on.\n\n"
			 "OK checks the policy by NT 4.0's rules (the minimum "
			 "age below the maximum, the lockout duration at least "
			 "the reset time) before anything is sent to the PDC. "
			 "When the PDC does not let you change it, the dialog "
			 "says why and nothing changes.");
	case UI_HELP_AUDIT_POLICY:
		return _("Audit Policy: which events the domain's controllers "
			 "record in their security log, success and failure "
			 "for each kind.\n\n"
			 "Where the PDC does not let the audit policy be "
			 "changed (Samba's PDCs do not), the dialog shows it "
			 "greyed, with the PDC's answer.");
	case UI_HELP_NEW_USER:
		return _("New User (and Copy): type the Username (20 "
			 "characters at most, none of \" / \\ [ ] : ; | , + * "
			 "? < >), the Full Name and Description, and the "
			 "password twice. The boxes say whether the user must "
			 "change the password at the next logon, may not "
			 "change it, whether it never expires, and whether the "
			 "account is disabled. Groups, Profile, Hours, Logon To "
			 "and Account set the rest.\n\n"
			 "Nothing is sent to the PDC before Add. Add creates "
			 "the user and clears the dialog for the next one; "
			 "Close ends. Copy starts from another user's "
			 "description, password settings, groups and profile, "
			 "never its name, full name or Account Disabled.");
	case UI_HELP_USER_PROPERTIES:
		return _("User Properties: change the Full Name, Description, "
			 "password and the boxes; Groups, Profile, Hours, "
			 "Logon To and Account change the rest. The password "
			 "is shown as asterisks: type a new one in both fields "
			 "to set it, leave them alone to keep it. Account "
			 "Locked Out can only be cleared.\n\n"
			 "Nothing is sent to the PDC before OK; OK sends only "
			 "what you changed. User > Rename... changes the "
			 "username.");
	case UI_HELP_RENAME_USER:
		return _("Rename: type the new username (20 characters at "
			 "most, none of \" / \\ [ ] : ; | , + * ? < >). The "
			 "user keeps its identifier, groups, rights and "
			 "password. Windows NT cannot rename groups.");
	case UI_HELP_USER_GROUPS:
		return _("Group Memberships: the groups of this domain the "
			 "user is a member of, and those the user is not in. "
			 "<- Add puts the user into the group selected on the "
			 "right, Remove -> takes the user out of the group "
			 "selected on the left.\n\n"
			 "Set makes the selected group the user's primary "
			 "group: it must be a global group the user is a "
			 "member of. The primary group cannot be removed; set "
			 "another one first. Nothing is changed on the PDC "
			 "before OK in User Properties.\n\n"
			 "A Samba classic PDC never changes a primary group "
			 "(without a \"set primary group script\"): there Set "
			 "is greyed, and the status line says why.");
	case UI_HELP_USER_PROFILE:
		return _("User Environment Profile: where the user's roaming "
			 "profile is kept (\\\\server\\share\\path), the "
			 "logon script run at each logon (a name in the "
			 "domain controllers' NETLOGON share), and the home "
			 "directory.\n\n"
			 "Local Path is a directory on the computer the user "
			 "logs on to. Connect maps a drive letter (A: to Z:) "
			 "to a network path, \\\\server\\share or "
			 "\\\\server\\share\\directory. Nothing is changed on "
			 "the PDC before OK in User Properties.");
	case UI_HELP_USER_HOURS:
		return _("Logon Hours: when the user may log on, hour by hour "
			 "over the week. The hours are UTC (Coordinated "
			 "Universal Time), as the domain controllers keep "
			 "them: an hour of 08:00 to 09:00 UTC is 09:00 to "
			 "10:00 in Central European Time.\n\n"
			 "The arrows move in the grid; Home and End go to the "
			 "first and last hour of the day, Page Up and Page "
			 "Down to Sunday and Saturday. Space allows or "
			 "disallows one hour. Shift with the arrows selects a "
			 "block; where the terminal has no Shift+arrows, M "
			 "marks a corner, the arrows stretch the block and M "
			 "again drops it. Allow and Disallow act on the block. "
			 "The line under the grid tells the hour or the block "
			 "selected. Nothing is changed on the PDC before OK "
			 "in User Properties.");
	case UI_HELP_USER_LOGON_TO:
		return _("Logon Workstations: the user may log on to every "
			 "workstation of the domain, or only to the ones "
			 "named here, eight at most, each a computer name of "
			 "15 characters or fewer. With no name typed, the user "
			 "may log on anywhere. Nothing is changed on the PDC "
			 "before OK in User Properties.");
	case UI_HELP_USER_ACCOUNT:
		return _("Account Information: Account Expires: Never, or End "
			 "of a day, typed as YYYY-MM-DD: the account works "
			 "through that day (UTC) and not after it.\n\n"
			 "Account Type: a Global Account is a regular user of "
			 "this domain. A Local Account is for a user of a "
			 "domain this one does not trust; it can be used to "
			 "reach this domain's servers over the network but "
			 "not to log on interactively. Nothing is changed on "
			 "the PDC before OK in User Properties.");
	case UI_HELP_ADD_NAMES:
		return _("Add Users and Groups: List Names From chooses the "
			 "domain whose names are listed: this domain, or a "
			 "domain it trusts (Up and Down). Names lists its "
			 "groups, then its users. Add (or Enter on a name) "
			 "puts the selected name into Add Names; Members... "
			 "shows a group's members.\n\nNames can be typed into "
			 "Add Names too, separated by semicolons: a name of "
			 "this domain as it is, a name of another domain as "
			 "DOMAIN\\name. OK looks every name up on this "
			 "domain's PDC; a name it does not know keeps the "
			 "dialog open.");
	case UI_HELP_GROUP:
		return _("A global group holds users of its own domain; it "
			 "can be given rights and be a member of local groups "
			 "here and in the domains that trust this one. A "
			 "local group holds users and global groups of this "
			 "domain and of the domains it trusts, and is used "
			 "only in this domain.\n\nGlobal group: Add and "
			 "Remove move the selected user between Not Members "
			 "and Members. Local group: Add... opens Add Users "
			 "and Groups, Remove takes the selected member out. "
			 "Nothing reaches the PDC before OK.");
	case UI_HELP_USER_RIGHTS:
		return _("User Rights Policy: who may do what on this domain's "
			 "controllers. Right chooses a right (Up and Down, or "
			 "Alt+Down (Esc then Down) or Enter to open the list); "
			 "Grant To lists the users and groups it is granted "
			 "to. Show Advanced User Rights lists the advanced "
			 "rights too.\n\n"
			 "Add... grants the right to users and groups chosen in "
			 "Add Users and Groups, of this domain or a domain it "
			 "trusts; Remove takes the selected one off the list. "
			 "Nothing reaches the PDC before OK, which sends every "
			 "change; Cancel sends none.\n\n"
			 "A right the PDC does not keep (Samba's AD DCs keep "
			 "some of NT's rights only) cannot be granted: the "
			 "dialog says so under the list. When the PDC does not "
			 "let you change the rights, the dialog says why and "
			 "shows them as the PDC holds them.");
	case UI_HELP_TRAINING:
		return _("Training: the users of one domain cannot log on to "
			 "another. Find out why and repair the trust yourself, "
			 "in the ordinary screens: User > Select Domain..., "
			 "Policies > Trust Relationships..., Remove, Add....\n\n"
			 "F2 (or Esc then 2, or Help > Training Hint) gives a "
			 "hint. A step out of order or on the wrong PDC is "
			 "explained as soon as it is done. When a PDC does not "
			 "answer, Help > Name the Cause... says what is wrong. "
			 "Training ends when the trust works again (and the "
			 "logon test passes, when there is a test user), with a "
			 "summary: steps, mistakes, hints used, time.");
	default:
		return _("The message says what happened. Enter or Esc closes "
			 "it.");
	}
}

struct help_view {
	char **lines;
	int n;
};

static const char *help_cell(struct ui_list *l, size_t row, int col)
{
	struct help_view *v = l->priv;

	(void)col;
	return row < (size_t)v->n ? v->lines[row] : NULL;
}

/* The text's id: not UI_ANSWER_OK, or focusing it would focus OK. */
#define ID_TEXT 2

static void help_show(const char *title, const char *text)
{
	TALLOC_CTX *t = talloc_new(NULL);
	struct help_view v;
	struct ui_list l = { .ncols = 1, .cell = help_cell, .plain = true };
	struct ui_dialog d;
	int w = 72, h = 20;

	v.n = ui_wrap(text, w - 6, &v.lines, t);
	if (v.n < h - 6)
		h = v.n + 6;
	l.priv = &v;
	ui_list_set(&l, (size_t)v.n, false);
	ui_dialog_init(&d, title, h, w, UI_HELP_HELP);
	ui_dialog_list(&d, ID_TEXT, 1, 1, h - 4, w - 2, &l);
	d.default_id = UI_ANSWER_OK;
	d.cancel_id = UI_ANSWER_OK;
	ui_dialog_button(&d, UI_ANSWER_OK, h - 2, (w - 6) / 2, _("OK"));
	/* The text has the focus: arrows scroll it, Enter closes. */
	ui_dialog_focus(&d, ID_TEXT);
	ui_dialog_run(&d);
	ui_dialog_free(&d);
	talloc_free(t);
}

static const char *custom_title, *custom_text;

void ui_help_set_custom(const char *title, const char *text)
{
	custom_title = title;
	custom_text = text;
}

void ui_help(enum ui_help_topic topic)
{
	char *text;

	if (topic == UI_HELP_CUSTOM && custom_text != NULL) {
		help_show(custom_title, custom_text);
		return;
	}

	if (topic == UI_HELP_HELP) {
		help_show(_("How to Use Help"),
			  _("Up, Down, PgUp and PgDn scroll the text; Enter or "
			    "Esc closes help."));
		return;
	}
	text = talloc_asprintf(NULL, "%s\n\n%s", topic_text(topic),
			       keys_text());
	help_show(topic_title(topic), text);
	talloc_free(text);
}

void ui_about(void)
{
	char *text = talloc_asprintf(
		NULL, "%s\nusrmgr %s\n\n%s%s%s", _("User Manager for Domains"),
		PACKAGE_VERSION,
		_("Trust relationships of Windows NT 4.0 style domains, for "
		  "the console."),
		um_model_origin_note(ui.model) ? "\n\n" : "",
		um_model_origin_note(ui.model) ? um_model_origin_note(ui.model)
					       : "");

	help_show(_("About User Manager"), text);
	talloc_free(text);
}
