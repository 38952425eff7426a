# Tests of the manuals and the translations (tests/i18n/): the man pages
# render without warnings and name every option; every user-visible string
# is marked for translation; every catalogue is complete and current; the
# texts that give the trust's direction say it the KB's way; the
# program, its screens (in tmux) and the lab speak German.
I18N_TESTS = \
	tests/i18n/man.sh \
	tests/i18n/untranslated.sh \
	tests/i18n/catalogue.sh \
	tests/i18n/direction.sh \
	tests/i18n/german.sh \
	tests/i18n/german-long-names.sh \
	tests/i18n/layout.sh \
	tests/i18n/build-tree.sh
TESTS += $(I18N_TESTS)
# build-tree.sh: where the installed catalogue would be
AM_TESTS_ENVIRONMENT += localedir='$(localedir)'; export localedir;
EXTRA_DIST += $(I18N_TESTS) tests/i18n/allowlist tests/i18n/localedir.c tests/i18n/lib.sh \
	tests/i18n/frames.py tests/i18n/screens \
	tests/i18n/expected/de-trust-dialog.screen \
	tests/i18n/expected/de-add-trusted-failed.screen \
	tests/i18n/expected/de-user-rights.screen \
	po/usrmgr-lab.sh tests/i18n/wizard-long-de.keys \
	tests/i18n/wizard-down-long-de.keys \
	$(wildcard $(srcdir)/tests/i18n/expected/de-wizard-*long-*.screen)

# german.sh runs the built usrmgr with po/de.po compiled on the spot: this
# preloaded shim points bindtextdomain() there (never installed).
check_SCRIPTS += tests/i18n/localedir.so
CLEANFILES += tests/i18n/localedir.so
tests/i18n/localedir.so: tests/i18n/localedir.c
	$(AM_V_CC)$(MKDIR_P) tests/i18n && \
	$(CC) $(CFLAGS) -shared -fPIC -o $@ $(srcdir)/tests/i18n/localedir.c -ldl

# After `make install`: the installed usrmgr with the installed catalogue
# (make distcheck runs this too).
installcheck-local: installcheck-i18n
installcheck-i18n:
	USRMGR_I18N_INSTALLED=yes USRMGR='$(bindir)/usrmgr$(EXEEXT)' \
	TEXTDOMAINDIR='$(localedir)' \
	USRMGR_SCENARIO_DIR='$(pkgdatadir)/scenarios' \
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
		$(SHELL) $(srcdir)/tests/i18n/german.sh

# The expected German screens change only here, deliberately (the
# script's argument --update: no environment variable can ask for it).
update-screens-de: usrmgr$(EXEEXT) tests/usrmgr-test$(EXEEXT) \
		tests/i18n/localedir.so
	USRMGR='$(abs_top_builddir)/usrmgr$(EXEEXT)' \
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
		$(SHELL) $(srcdir)/tests/i18n/german.sh --update
	top_srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
		$(SHELL) $(srcdir)/tests/i18n/german-long-names.sh --update

.PHONY: installcheck-i18n update-screens-de

# `make update-po`: the template from the sources, every catalogue merged
# with it (then translate what is new; tests/i18n/catalogue.sh tells).
update-po:
	cd po && $(MAKE) $(AM_MAKEFLAGS) update-po
.PHONY: update-po
