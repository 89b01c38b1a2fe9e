#!/bin/sh
# tests/layout.sh — the source tree's layout against its rules: every arrow
# (an #include, or a call read off the built objects) that runs where the
# folder rules of src/core/README.md do not allow, and every circle that
# crosses folders.  `make layout` runs it; t0115 holds the tree to it.
#
#   sh tests/layout.sh [--src DIR] [--rules FILE] [--objs DIR] [--quiet]
#
# --src    the source tree (default: the src/ beside this script)
# --rules  the rules table (default: SRC/core/README.md)
# --objs   a build directory (build/san): its src/**/*.o give the calls
#          (`nm`); without it only includes are read
# --quiet  only the counts
#
# A file's folder: core/X/… is X, a file at core/ top is "core", ui/… is
# "ui", a file at src/ top is "cmd" (the commands and main), any other
# src/Y/… is Y.  A header is found as the compiler finds it: beside the
# file, then src/, src/core/, src/core/*/.  A module is a .c and its .h.
# The rules are the rows of the table whose first cell is a folder in
# backquotes; its last cell names, in backquotes, the folders it may
# include ("—": none).  A folder outside core/ with no row may include
# every folder of the core.  Besides, a header named *-internal.h belongs
# to its folder alone.
#
# Prints one line per arrow against the rules and per circle, then the
# counts; exits 1 when there is any.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src=$here/../src
rules=
objs=
quiet=0
while [ $# -gt 0 ]; do
	case $1 in
	--src) src=$2; shift 2 ;;
	--rules) rules=$2; shift 2 ;;
	--objs) objs=$2; shift 2 ;;
	--quiet) quiet=1; shift ;;
	*) echo "usage: sh tests/layout.sh [--src DIR] [--rules FILE] [--objs DIR] [--quiet]" >&2; exit 2 ;;
	esac
done
src=$(cd "$src" && pwd)
: "${rules:=$src/core/README.md}"
[ -r "$rules" ] || { echo "layout.sh: no rules table $rules" >&2; exit 2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

(cd "$src" && find . -name '*.[ch]' | sed 's|^\./||' | LC_ALL=C sort) >"$tmp/files"

# Arrows, one "from-file to-file" per line.  Includes:
(cd "$src" && grep -H '^#include "' $(cat "$tmp/files") || :) |
awk -v files="$tmp/files" '
BEGIN {
	while ((getline f < files) > 0) {
		have[f] = 1
		if (f ~ /^core\/[^\/]+\/[^\/]+$/) {
			d = f; sub(/\/[^\/]+$/, "", d)
			if (!(d in isdir)) { isdir[d] = 1; dirs[++nd] = d }
		}
	}
}
{
	file = $0; sub(/:.*/, "", file)
	name = $0; sub(/^[^"]*"/, "", name); sub(/".*/, "", name)
	dir = file; if (dir ~ /\//) sub(/\/[^\/]+$/, "", dir); else dir = ""
	to = ""
	if (dir != "" && ((dir "/" name) in have)) to = dir "/" name
	else if (name in have) to = name
	else if (("core/" name) in have) to = "core/" name
	else for (i = 1; i <= nd && to == ""; i++)
		if ((dirs[i] "/" name) in have) to = dirs[i] "/" name
	if (to != "") print file, to
}' >"$tmp/includes"

# Calls: who uses a symbol another object defines.
: >"$tmp/calls"
if [ -n "$objs" ]; then
	[ -d "$objs/src" ] || { echo "layout.sh: no objects under $objs/src" >&2; exit 2; }
	(cd "$objs/src" && find . -name '*.o' | sed 's|^\./||' | LC_ALL=C sort) | while read -r o; do
		m=${o%.o}
		# Objects left behind by a file that moved or went are not the tree's.
		[ -e "$src/$m.c" ] || continue
		nm -P -g "$objs/src/$o" | awk -v m="$m.c" '$1 !~ /^__/ { print ($2 == "U" ? "U" : "D"), $1, m }'
	done >"$tmp/syms"
	awk '$1 == "D" { def[$2] = $3 } $1 == "U" { use[++n] = $3 " " $2 }
	END { for (i = 1; i <= n; i++) { split(use[i], u, " "); if (u[2] in def && def[u[2]] != u[1]) print u[1], def[u[2]] } }' \
		"$tmp/syms" | LC_ALL=C sort -u >"$tmp/calls"
fi

awk -v rulesfile="$rules" -v quiet="$quiet" -v calls_read="$([ -n "$objs" ] && echo 1 || echo 0)" '
function folder(f) {
	if (f ~ /^core\/[^\/]+\//) { sub(/^core\//, "", f); sub(/\/.*/, "", f); return f }
	if (f ~ /^core\//) return "core"
	if (f !~ /\//) return "cmd"
	sub(/\/.*/, "", f); return f
}
function module(f) { sub(/\.[ch]$/, "", f); return f }
function allowed(a, b) {
	if (a == b) return 1
	if (a in hasrule) return ((a, b) in may)
	if (a in corefolder) return 0
	return (b in corefolder)
}
# Tarjan: the strongly connected components of the graph of kind (nodes node[kind, i]).
function scc(kind, v,    i, w) {
	idx[kind, v] = low[kind, v] = ++counter
	stack[++sp] = v; onstack[kind, v] = 1
	for (i = 1; i <= adjn[kind, v]; i++) {
		w = adj[kind, v, i]
		if (!((kind, w) in idx)) {
			scc(kind, w)
			if (low[kind, w] < low[kind, v]) low[kind, v] = low[kind, w]
		} else if ((kind, w) in onstack && idx[kind, w] < low[kind, v])
			low[kind, v] = idx[kind, w]
	}
	if (low[kind, v] == idx[kind, v]) {
		ncomp++; compn[ncomp] = 0
		do {
			w = stack[sp--]; delete onstack[kind, w]
			comp[ncomp, ++compn[ncomp]] = w
		} while (w != v)
	}
}
function edge(kind, a, b) {
	if (a == b || (kind, a, b) in seen) return
	seen[kind, a, b] = 1
	if (!((kind, a) in isnode)) { isnode[kind, a] = 1; node[kind, ++nnode[kind]] = a }
	if (!((kind, b) in isnode)) { isnode[kind, b] = 1; node[kind, ++nnode[kind]] = b }
	adj[kind, a, ++adjn[kind, a]] = b
}
# Circles of kind ("include", "call") that cross folders: of modules, then of
# folders (A includes B and B includes A, through any of their files); counted
# in circ[kind, 1] and circ[kind, 2].
function circles(kind,    i, j, k, c, f, list, fl, nf, seenf) {
	for (k = 1; k <= 2; k++) {
		circ[kind, k] = 0
		c = (k == 1 ? kind : kind "-folder")
		ncomp = 0; counter = 0; sp = 0
		for (i = 1; i <= nnode[c]; i++)
			if (!((c, node[c, i]) in idx)) scc(c, node[c, i])
		for (i = 1; i <= ncomp; i++) {
			if (compn[i] < 2) continue
			list = ""; fl = ""; nf = 0
			split("", seenf)
			for (j = compn[i]; j >= 1; j--) {
				list = list (list == "" ? "" : " ") comp[i, j]
				f = (k == 1 ? folder(comp[i, j]) : comp[i, j])
				if (!(f in seenf)) { seenf[f] = 1; nf++; fl = fl (fl == "" ? "" : " ") f }
			}
			if (nf < 2) continue
			circ[kind, k]++
			if (!quiet) {
				if (k == 1) print kind " circle: " list " (folders " fl ")"
				else print kind " circle of folders: " list
			}
		}
	}
}
BEGIN {
	while ((getline line < rulesfile) > 0) {
		if (line !~ /^\|[ \t]*`[^`]+`[ \t]*\|/) continue
		n = split(line, cell, "|")
		name = cell[2]; gsub(/[` \t]/, "", name); sub(/\/$/, "", name)
		last = cell[n - 1]
		hasrule[name] = 1; nrules++
		while (match(last, /`[^`]+`/)) {
			to = substr(last, RSTART + 1, RLENGTH - 2); sub(/\/$/, "", to)
			may[name, to] = 1
			last = substr(last, RSTART + RLENGTH)
		}
	}
	if (!nrules) { print "layout.sh: no rules in " rulesfile > "/dev/stderr"; exit 2 }
}
FNR == 1 { kind = (FILENAME ~ /includes$/ ? "include" : "call") }
{
	a = $1; b = $2
	fa = folder(a); fb = folder(b)
	if (a ~ /^core\//) corefolder[fa] = 1
	if (b ~ /^core\//) corefolder[fb] = 1
	arrow[kind, ++narrow[kind]] = a " " b
}
END {
	for (name in hasrule) if (!(name in corefolder) && name != "ui" && name != "cmd") corefolder[name] = 1
	for (k = 1; k <= 2; k++) {
		kind = (k == 1 ? "include" : "call")
		for (i = 1; i <= narrow[kind]; i++) {
			split(arrow[kind, i], e, " ")
			a = e[1]; b = e[2]; fa = folder(a); fb = folder(b)
			edge(kind, module(a), module(b))
			if (fa != fb) edge(kind "-folder", fa, fb)
			why = ""
			if (fa != fb && b ~ /-internal\.h$/)
				why = b " belongs to " fb "/ alone"
			else if (a ~ /^core\// && !(fa in hasrule))
				why = "folder " fa "/ has no rule in the table"
			else if (!allowed(fa, fb))
				why = fa " may not " kind " " fb
			if (why == "") continue
			# One arrow per pair of modules (a .c and its .h including the same header count once).
			key = kind SUBSEP module(a) SUBSEP module(b)
			if (key in told) continue
			told[key] = 1
			up[kind]++
			if (fa == "ui" && fb == "cmd") uicmd[kind]++
			if (!quiet) print kind ": " (kind == "call" ? module(a) : a) " -> " (kind == "call" ? module(b) : b) " (" why ")"
		}
	}
	circles("include")
	circles("call")
	printf "upward includes: %d (ui -> cmd: %d)\n", up["include"], uicmd["include"]
	if (calls_read)
		printf "upward calls: %d (ui -> cmd: %d)\n", up["call"], uicmd["call"]
	else
		print "upward calls: not read (no --objs)"
	printf "include circles across folders: %d of modules, %d of folders\n", circ["include", 1], circ["include", 2]
	if (calls_read)
		printf "call circles across folders: %d of modules, %d of folders\n", circ["call", 1], circ["call", 2]
	exit (up["include"] + up["call"] + circ["include", 2] + circ["call", 2] > 0)
}' "$tmp/includes" "$tmp/calls"
