#!/bin/sh
# usrmgr i18n test: every string a person reads goes through gettext.
#
# xgettext -a lists every string literal in ui/ and src/ (every .c file); the strings
# marked with _() or N_() (as po/Makevars extracts them) are taken away;
# what is left must be "not for people": format-only strings (nothing but
# conversions, spaces and punctuation) are dropped here, the rest must match
# a line of tests/i18n/allowlist (a literal string, C-escaped as in the
# source, or "re:" and an extended regular expression over that form).
#
# Prints "ok"/"not ok" lines and ends with "N passed, N failed".
set -u
LC_ALL=C
export LC_ALL
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
ALLOW=${ALLOWLIST:-$top_srcdir/tests/i18n/allowlist}
SOURCES=${SOURCES:-}
T=$(mktemp -d "${TMPDIR:-/tmp}/usrmgr-i18n.XXXXXX")
trap 'rm -rf "$T"' EXIT
# shellcheck source=tests/i18n/lib.sh
. "$top_srcdir/tests/i18n/lib.sh"
need xgettext "package gettext"
need msgcomm "package gettext"

cd "$top_srcdir" || exit 1
# (not pidl's output under src/backend/rpc/gen: NDR names, never shown)
[ -n "$SOURCES" ] || SOURCES=$(find src ui -name "*.c" \
	-not -path "src/backend/rpc/gen/*" | sort)

# one line per string, C-escaped as in the source
strings_of() { # strings_of PO
	msgcat --no-location --stringtable-output "$1" 2>/dev/null |
		sed -n 's/^"\(.*\)";$/\1/p' |
		awk '{ n = (length($0) - 5) / 2; print substr($0, 1, n) }' |
		sort -u
}

# shellcheck disable=SC2086
xgettext -a --language=C --from-code=UTF-8 --no-wrap -o "$T/all.po" \
	$SOURCES 2>"$T/xgettext.err"
# shellcheck disable=SC2086
xgettext --language=C --from-code=UTF-8 --keyword=_ --keyword=N_ --no-wrap \
	-o "$T/marked.po" $SOURCES 2>>"$T/xgettext.err"
sed -i 's/charset=CHARSET/charset=UTF-8/' "$T/all.po" "$T/marked.po" 2>/dev/null
if [ ! -s "$T/all.po" ]; then
	not_ok "xgettext found no strings in ui/ and src/"
	sed 's/^/# /' "$T/xgettext.err"
	finish
fi
strings_of "$T/all.po" | grep -v '^$' >"$T/all"
strings_of "$T/marked.po" >"$T/marked"
comm -23 "$T/all" "$T/marked" >"$T/unmarked"
ok "xgettext: $(wc -l <"$T/all") strings, $(wc -l <"$T/marked") marked for translation"

# format-only: without conversions (%-15s, %1$s, %zu) and escapes (\n) no
# two letters in a row remain
awk '{ s = $0
	gsub(/%([0-9]+\$)?[-+ #0]*[0-9*]*(\.[0-9*]+)?(hh|h|ll|l|z|j|t|L)?[a-zA-Z%]/, "", s)
	gsub(/\\./, "", s)
	if (s !~ /[A-Za-z][A-Za-z]/) next
	print }' "$T/unmarked" >"$T/wordy"

grep -v '^#' "$ALLOW" | grep -v '^$' >"$T/allow.all"
sed -n 's/^re://p' "$T/allow.all" >"$T/allow.re"
grep -v '^re:' "$T/allow.all" | sort -u >"$T/allow.lit"
comm -23 "$T/wordy" "$T/allow.lit" >"$T/left"
if [ -s "$T/allow.re" ]; then
	grep -v -E -f "$T/allow.re" "$T/left" >"$T/left2" || true
else
	cp "$T/left" "$T/left2"
fi

if [ -s "$T/left2" ]; then
	not_ok "$(wc -l <"$T/left2") user-visible string(s) not marked for translation with _() or N_() (or add to tests/i18n/allowlist if not for people):"
	while IFS= read -r s; do
		# where: the first source line holding it
		where=$(grep -n -F "\"$s\"" $SOURCES 2>/dev/null | head -n 1 | cut -d: -f1,2)
		printf '#   "%s"  (%s)\n' "$s" "${where:-?}"
	done <"$T/left2"
else
	ok "every user-visible string in ui/ and src/ is marked for translation"
fi

# allowlist entries that match nothing any more: keep the list short
stale=$(comm -13 "$T/unmarked" "$T/allow.lit")
if [ -n "$stale" ]; then
	not_ok "allowlist entries no longer in the sources (remove them):"
	printf '%s\n' "$stale" | sed 's/^/#   /'
else
	ok "every literal allowlist entry is still used"
fi

# marked strings belong in the catalogue: their files are in po/POTFILES.in
missing=""
for f in $SOURCES; do
	if grep -q '\b_(\|\bN_(' "$f" && ! grep -qx "$f" po/POTFILES.in; then
		missing="$missing $f"
	fi
done
if [ -n "$missing" ]; then
	not_ok "files with translatable strings missing from po/POTFILES.in:$missing"
else
	ok "every file with translatable strings is in po/POTFILES.in"
fi
finish
