# The manuals (doc/): man pages for usrmgr and usrmgr-lab, the operator's
# and the trainer's guides.  Their tests are in tests/i18n.mk.
dist_man8_MANS = doc/usrmgr.8 doc/usrmgr-lab.8
dist_doc_DATA = doc/operator-guide.md doc/training-guide.md doc/nt4.md \
	doc/security.md doc/reliability.md doc/two-way.md \
	doc/rights.md doc/users.md

# The Debian packaging (debian/) and its check, so that a release tarball
# builds the packages too.
EXTRA_DIST += build-aux/check-package \
	debian/changelog debian/control debian/copyright debian/rules \
	debian/source/format debian/usrmgr.install debian/usrmgr-lab.install \
	debian/usrmgr.docs
