# The bad-input tables' format (sourced by the runners and render.sh): a
# row a line, fields separated by " | " (a bare | may stand in a
# pattern), blank lines and "#" comments skipped.
#
# Copyright (C) 2026 The usrmgr authors.  GPL-3.0-or-later.

trim() { local v=$1; v=${v#"${v%%[![:space:]]*}"}; echo "${v%"${v##*[![:space:]]}"}"; }

# table_row LINE: its fields, trimmed, into the array F; fails for a line
# that is not a row (blank or a comment)
table_row() {
	local line=$1
	F=()
	case $line in ''|'#'*) return 1 ;; esac
	while [[ $line == *" | "* ]]; do
		F+=("$(trim "${line%%" | "*}")")
		line=${line#*" | "}
	done
	F+=("$(trim "$line")")
}
