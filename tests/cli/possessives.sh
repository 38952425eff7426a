#!/bin/bash
# Possessives of names filled in at run time (issue 18): "the ACCOUNTS
# domain's", never "%s's" (which makes "ACCOUNTS's").  Every string of
# src/ and ui/, and every msgid of po/de.po.
set -u
. "$top_srcdir/tests/cli/lib.sh"
# %s's, %1$s's, also with a typographic apostrophe
pattern="%([0-9]+\\$)?s['’]s"
for f in "$top_srcdir"/src/*/*.c "$top_srcdir"/src/*/*/*.c \
	"$top_srcdir"/src/*.c "$top_srcdir"/ui/*.c; do
	[ -f "$f" ] || continue
	if grep -nE -- "$pattern" "$f" >"$tmp/hits"; then
		not_ok "${f#"$top_srcdir"/}: %s's"
		sed 's/^/#   /' "$tmp/hits"
	fi
done
ok "src/ and ui/ checked"
# msgids of de.po, each joined into one line first (a msgid may wrap)
awk '/^msgid /{on = 1; s = ""} /^msgstr/{if (on) print s; on = 0}
	on {sub(/^msgid /, ""); gsub(/^"|"$/, ""); s = s $0}' \
	"$top_srcdir/po/de.po" >"$tmp/msgids"
if [ "$(wc -l <"$tmp/msgids")" -gt 100 ]; then ok "de.po: the msgids read"
else not_ok "de.po: the msgids read"; fi
if grep -nE -- "$pattern" "$tmp/msgids" >"$tmp/hits"; then
	not_ok "po/de.po: a msgid with %s's"
	sed 's/^/#   /' "$tmp/hits"
else
	ok "po/de.po: no msgid with %s's"
fi
finish
