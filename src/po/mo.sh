#!/bin/sh
# mo.sh PO MO — build the message catalogue MO from PO (the Makefile's rule;
# tests/e2e/t0125 runs it on planted catalogues).
#
# A translation is a printf format: printf(_("…%s…"), x) hands it the
# arguments the compiler checked against the English msgid.  msgfmt --check
# compares the two, but only in entries flagged c-format, and a hand-edited
# catalogue (or a merge) can leave the flag out.  So every entry with a '%'
# in its msgid or msgstr is flagged c-format here, in a copy, before msgfmt
# checks it: a translation that asks for other arguments, or for %n, stops
# the build.  (At run time i18n.h checks again: fmtcheck.h.)
set -u
po=$1
mo=$2
copy=$mo.flagged.po

awk '
function has(flags, f,    k, parts, m) {
	m = split(flags, parts, /, */)
	for (k = 1; k <= m; k++) if (parts[k] == f) return 1
	return 0
}
function flush(    i, l, pct, flag, first, inctx, f) {
	pct = 0; flag = 0; first = 0; inctx = 0
	for (i = 1; i <= n; i++) {
		l = buf[i]
		if (l ~ /^#,/) { flag = i; continue }
		if (l ~ /^#/) continue
		if (!first) first = i
		if (l ~ /^msgctxt/) inctx = 1
		else if (l ~ /^msg/) inctx = 0
		if (!inctx && index(l, "%")) pct = 1
	}
	if (pct && first) {
		if (flag) {
			f = substr(buf[flag], 3)
			sub(/^ */, "", f)
			if (!has(f, "c-format")) {
				gsub(/(^|, *)no-c-format/, "", f)
				sub(/^, */, "", f)
				buf[flag] = "#, " (f == "" ? "" : f ", ") "c-format"
			}
		} else {
			for (i = n; i >= first; i--) buf[i + 1] = buf[i]
			buf[first] = "#, c-format"
			n++
		}
	}
	for (i = 1; i <= n; i++) print buf[i]
	n = 0
}
/^[ \t]*$/ { flush(); print; next }
{ buf[++n] = $0 }
END { flush() }
' "$po" >"$copy" || exit 1

if ! ${MSGFMT:-msgfmt} --check -o "$mo" "$copy"; then
	rm -f "$mo"
	echo "$po: the catalogue was not built: a translation above does not take the same printf arguments as its msgid (line numbers are those of $copy, where every entry with a % is flagged c-format)" >&2
	exit 1
fi
rm -f "$copy"
