#!/bin/sh
# usrmgr i18n test: every text that names the direction of the trust says
# it the KB's way (issue 18): the resource domain trusts, the accounts
# domain is trusted; the repair adds the accounts domain's half first (Add
# Trusting Domain on the accounts PDC), then the resource domain's (Add
# Trusted Domain on the resource PDC).
#
# 1. The help of the Trust Relationships dialog and of Repair Trust (the
#    wizard's, and F1 in its first dialog), in
#    English (the strings as the sources mark them: xgettext) and in German
#    (their msgstr in po/de.po): after "KB Q207957" each names the accounts
#    domain before the resource domain, and the Trusting Domains list
#    before the Trusted Domains list.
# 2. No source, manual, README or German translation holds a wording that
#    turns the direction round ("Trusting side first": the trusting side is
#    the resource domain, so it reads as "the resource domain first").
# Prints "ok"/"not ok" lines and ends with "N passed, N failed".
set -u
LC_ALL=C.UTF-8
export LC_ALL
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
T=$(mktemp -d "${TMPDIR:-/tmp}/usrmgr-dir.XXXXXX")
trap 'rm -rf "$T"' EXIT
# shellcheck source=tests/i18n/lib.sh
. "$top_srcdir/tests/i18n/lib.sh"
need xgettext "package gettext"
need msggrep "package gettext"
cd "$top_srcdir" || exit 1

# field FILE FIELD TEXT: FIELD (msgid or msgstr) of the entry of the .po or
# .pot FILE whose msgid holds TEXT, on one line.
field() {
	msggrep --no-wrap --msgid -F -e "$3" "$1" 2>/dev/null |
		awk -v f="$2" '
			/^msgid / { on = (f == "msgid") }
			/^msgstr / { on = (f == "msgstr") }
			/^(msgid|msgstr) / { sub(/^[a-z]+ /, "") }
			/^"/ && on { s = substr($0, 2, length($0) - 2)
				gsub(/\\n/, " ", s); gsub(/\\"/, "\"", s)
				out = out s }
			END { print out }'
}

# after_kb TEXT: TEXT from "KB Q207957" on.
after_kb() { printf '%s\n' "$1" | sed -n 's/.*Q207957//p'; }

# first TEXT A B: true when A occurs in TEXT, and before B (or B not at all
# is a failure too: the order must be said).
first() {
	awk -v t="$1" -v a="$2" -v b="$3" 'BEGIN {
		i = index(t, a); j = index(t, b)
		exit !(i > 0 && j > 0 && i < j) }'
}

# order WHAT TEXT ACC RES TRUSTING TRUSTED
order() {
	name=$1 rest=$(after_kb "$2")
	if [ -z "$rest" ]; then
		not_ok "$name: not found, or no \"KB Q207957\" in it"
		return
	fi
	if first "$rest" "$3" "$4"; then
		ok "$name: the accounts domain ($3) before the resource domain"
	else
		not_ok "$name: the accounts domain ($3) must come first:"
		echo "#   $rest"
	fi
	if first "$rest" "$5" "$6"; then
		ok "$name: $5 before $6"
	else
		not_ok "$name: $5 must come before $6:"
		echo "#   $rest"
	fi
}

opts=$(sed -n '/^XGETTEXT_OPTIONS *=/,/[^\\]$/p' po/Makevars |
	sed 's/^XGETTEXT_OPTIONS *=//; s/\\$//' | tr '\n' ' ')
# shellcheck disable=SC2086
if ! xgettext --directory=. --files-from=po/POTFILES.in $opts \
	-o "$T/usrmgr.pot" 2>"$T/xgettext.err"; then
	not_ok "xgettext over po/POTFILES.in failed:"
	sed 's/^/#   /' "$T/xgettext.err"
	finish
fi
# the template's header names no charset yet: the sources' is UTF-8
sed -i 's/charset=CHARSET/charset=UTF-8/' "$T/usrmgr.pot"

# ---- 1. the two help texts that give the repair's order -------------------
TRUST_HELP="Remove deletes one side only"
REPAIR_HELP="The repair removes both halves of the trust"
PAIR_HELP="Repair Trust repairs the trust"
for key in "$TRUST_HELP" "$REPAIR_HELP" "$PAIR_HELP"; do
	case $key in
	"$TRUST_HELP") what="Trust Relationships help" ;;
	"$PAIR_HELP") what="Repair Trust's first dialog's help (F1)" ;;
	*) what="Repair Trust help" ;;
	esac
	order "$what (English)" "$(field "$T/usrmgr.pot" msgid "$key")" \
		"accounts domain" "resource domain" \
		"Trusting Domains" "Trusted Domains"
	order "$what (German)" "$(field po/de.po msgstr "$key")" \
		"Kontendomäne" "Ressourcendomäne" \
		"Vertrauende Domänen" "Vertraute Domänen"
done

# ---- 2. wordings that turn the direction round ---------------------------
# One a line: a phrase (case ignored) that says the accounts domain trusts,
# or the resource domain is trusted, or "the trusting side first".
cat >"$T/wrong" <<'EOF'
trusting side first
trusting side (the accounts
trusting (accounts
accounts domain (trusting)
accounts (trusting)
resource domain (trusted)
resource (trusted)
the accounts domain trusts the resource
the resource domain is trusted
the trusted side (the resource
vertrauende Seite zuerst
vertrauende Seite (die Kontendomäne
Kontendomäne (die vertrauende
Ressourcendomäne (die vertraute
Kontendomäne vertraut der Ressourcendomäne
EOF
# the German as it is shown: msgstr only (msgids are checked in the sources)
msgattrib --no-wrap --no-obsolete po/de.po 2>/dev/null |
	sed -n '/^msgstr/,/^$/p' >"$T/de.msgstr"
files=$(ls ui/*.c src/*.c src/*/*.c src/*/*/*.c src/include/*.h \
	doc/*.md doc/*.8 README.md scenarios/README.md 2>/dev/null)
# shellcheck disable=SC2086
if grep -n -i -F -f "$T/wrong" $files "$T/de.msgstr" >"$T/hits"; then
	not_ok "a wording turns the trust's direction round:"
	sed "s|$T/de.msgstr|po/de.po (msgstr)|; s/^/#   /" "$T/hits"
else
	ok "no source, manual or German text turns the direction round"
fi
finish
