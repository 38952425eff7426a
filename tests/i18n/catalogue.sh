#!/bin/sh
# usrmgr i18n test: every catalogue in po/LINGUAS is complete and current.
#
# For each language: msgfmt --check (formats, header) with no fuzzy and no
# untranslated message; and every string the sources mark today (xgettext
# over po/POTFILES.in, as po/Makevars extracts them) has a translation.
# When a string is added or changed: `make update-po`, translate the new
# ones in po/LANG.po, run this again.
# Prints "ok"/"not ok" lines and ends with "N passed, N failed".
set -u
LC_ALL=C.UTF-8
export LC_ALL
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
T=$(mktemp -d "${TMPDIR:-/tmp}/usrmgr-po.XXXXXX")
trap 'rm -rf "$T"' EXIT
# shellcheck source=tests/i18n/lib.sh
. "$top_srcdir/tests/i18n/lib.sh"
need xgettext "package gettext"

cd "$top_srcdir" || exit 1
langs=$(sed 's/#.*//' po/LINGUAS)
if [ -n "$langs" ]; then
	ok "po/LINGUAS: $(echo $langs)"
else
	not_ok "po/LINGUAS names no language"
fi

# the strings as the sources mark them today
opts=$(sed -n '/^XGETTEXT_OPTIONS *=/,/[^\\]$/p' po/Makevars |
	sed 's/^XGETTEXT_OPTIONS *=//; s/\\$//' | tr '\n' ' ')
# shellcheck disable=SC2086
if xgettext --directory=. --files-from=po/POTFILES.in $opts \
	-o "$T/usrmgr.pot" 2>"$T/xgettext.err"; then
	ok "xgettext extracts $(grep -c '^msgid ' "$T/usrmgr.pot") messages from po/POTFILES.in"
else
	not_ok "xgettext over po/POTFILES.in failed:"
	sed 's/^/#   /' "$T/xgettext.err"
	finish
fi

for lang in $langs; do
	po=po/$lang.po
	if [ ! -f "$po" ]; then
		not_ok "$po is missing"
		continue
	fi
	if msgfmt --check --statistics -o /dev/null "$po" >"$T/stats" 2>&1; then
		stats=$(cat "$T/stats")
		case $stats in
		*fuzzy* | *untranslated*)
			not_ok "$po: $stats" ;;
		*)
			ok "$po: $stats" ;;
		esac
	else
		not_ok "$po: msgfmt --check fails:"
		sed 's/^/#   /' "$T/stats"
	fi
	if msgcmp "$po" "$T/usrmgr.pot" >"$T/cmp" 2>&1; then
		ok "$po translates every string the sources mark today"
	else
		not_ok "$po lacks translations of strings in the sources (make update-po, then translate):"
		grep 'this message is used but not defined' "$T/cmp" | sed 's/^[^:]*:\([0-9]*\):.*/\1/' |
			while read -r line; do
				awk -v l="$line" 'NR <= l && /^$/ { buf = ""; next }
					NR <= l { buf = buf $0 "\n" }
					NR == l { printf "%s", buf; exit }' "$T/usrmgr.pot" |
					grep -v '^#' | sed 's/^/#   /'
			done | head -n 80
	fi
done
finish
