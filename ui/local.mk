# The screens (ui/): one file per screen or dialog, plus the widget layer.
# They see the engine's public headers and curses, nothing else.
noinst_LIBRARIES += libusrmgr_ui.a
libusrmgr_ui_a_CFLAGS = $(AM_CFLAGS) $(CURSES_CFLAGS)
libusrmgr_ui_a_SOURCES = \
	ui/ui.h \
	ui/ui_priv.h \
	ui/ui.c \
	ui/term.c \
	ui/keys.c \
	ui/script.c \
	ui/busy.c \
	ui/help.c \
	ui/widget_text.c \
	ui/widget_list.c \
	ui/widget_button.c \
	ui/widget_check.c \
	ui/widget_combo.c \
	ui/widget_dialog.c \
	ui/widget_form.c \
	ui/widget_msgbox.c \
	ui/widget_menubar.c \
	ui/main_window.c \
	ui/select_domain.c \
	ui/select_users.c \
	ui/trust_dialog.c \
	ui/add_trusting.c \
	ui/add_trusted.c \
	ui/account_policy.c \
	ui/audit_policy.c \
	ui/user_rights.c \
	ui/user_properties.c \
	ui/user_actions.c \
	ui/user_common.c \
	ui/user_groups.c \
	ui/user_profile.c \
	ui/user_hours.c \
	ui/user_logon_to.c \
	ui/user_account.c \
	ui/user_subdialog_test.c \
	ui/add_names.c \
	ui/group_properties.c \
	ui/ask_password.c \
	ui/diagnosis.c \
	ui/wizard.c \
	ui/training.c

# Tests of the screens (tests/ui/README.md): screen dumps compared with
# the expected text, and end-to-end runs in tmux.
UI_TESTS = \
	tests/ui/screens.sh \
	tests/ui/e2e-xterm.sh \
	tests/ui/e2e-vt100.sh \
	tests/ui/e2e-ascii.sh \
	tests/ui/e2e-mismatch.sh \
	tests/ui/e2e-signals.sh \
	tests/ui/e2e-signals-all.sh \
	tests/ui/e2e-busy.sh \
	tests/ui/e2e-first-screen.sh \
	tests/ui/e2e-unsaved.sh \
	tests/ui/e2e-policy.sh \
	tests/ui/e2e-rights.sh \
	tests/ui/e2e-users.sh \
	tests/ui/e2e-groups.sh \
	tests/ui/e2e-jump.sh \
	tests/ui/e2e-user-subdialogs.sh \
	tests/ui/wizard-kb207957.sh \
	tests/ui/wizard-mismatch.sh \
	tests/ui/wizard-resume.sh \
	tests/ui/wizard-offer.sh \
	tests/ui/wizard-dialogs.sh \
	tests/ui/wizard-resume-start.sh \
	tests/ui/training-kb207957.sh \
	tests/ui/training-unreachable.sh \
	tests/ui/training-coach.sh \
	tests/ui/own-names.sh \
	tests/ui/update-guard.sh
TESTS += $(UI_TESTS)
EXTRA_DIST += $(UI_TESTS) tests/ui/lib.sh tests/ui/README.md \
	tests/ui/valgrind.supp \
	tests/ui/screens tests/ui/expected bench/ui-bench.sh

# The expected screens change only here, deliberately, never in a test
# run: review the diff before committing it.  The switch is the script's
# argument --update, never an environment variable, so nothing exported
# in the shell can make `make check` rewrite them.
update-screens: usrmgr$(EXEEXT) tests/usrmgr-test$(EXEEXT)
	USRMGR=$(abs_top_builddir)/usrmgr$(EXEEXT) \
	USRMGR_TEST_BIN=$(abs_top_builddir)/tests/usrmgr-test$(EXEEXT) \
		$(SHELL) $(srcdir)/tests/ui/screens.sh --update

# Time to first screen, time per keystroke, peak memory (not a test).
ui-bench: usrmgr$(EXEEXT) tests/usrmgr-test$(EXEEXT)
	USRMGR=$(abs_top_builddir)/usrmgr$(EXEEXT) \
	USRMGR_TEST_BIN=$(abs_top_builddir)/tests/usrmgr-test$(EXEEXT) \
		$(SHELL) $(srcdir)/bench/ui-bench.sh

.PHONY: update-screens ui-bench
