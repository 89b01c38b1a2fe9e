#!/bin/sh
# list.sh — the list screen's rows of `make bench` (run.sh calls it; it also
# runs alone, on the ledger run.sh made).  Each row against its baseline in
# the same run:
#
#  1. Down in the list after a search: the whole ledger's list (F5) at
#     100x30, 张 typed and settled, then Down pressed N times (24 rows fit,
#     the rest are read), newest first and by deadline; against Down in the
#     same list with no search.  Per press: processor time (the screen's own
#     count, JIEDAI_COST_LOG, paint included), SQLite's steps and pages (the
#     dearest press), bytes to the terminal, and writes (bursts of output
#     after 5 ms of silence: each is a round trip on a slow link).
#  2. The search line, per typed character, settled: words typed a character
#     at a time into the list's search line, each time until the screen has
#     been quiet for 300 ms; the time from the character to the last byte
#     before that quiet (rows and counts drawn), and the bytes.  Against the
#     same typing in a form field (the intake form's issue), which writes
#     the character alone.
#
#   JIEDAI, JIEDAI_SRC  the binary and the source tree (the Makefile sets them)
#   BENCH_LEDGER        the ledger (default: the one run.sh keeps in BENCH_WORK)
#   BENCH_WORK          tests/bench/work
#   BENCH_QUICK=1       fewer presses
#
# Prints the table's rows on standard output; progress on standard error.
set -eu

: "${JIEDAI:?set JIEDAI to the jiedai binary}"
: "${JIEDAI_SRC:?set JIEDAI_SRC to the source tree}"
BUILD=$(cd "$(dirname "$JIEDAI")" && pwd)
DRIVE=$BUILD/tests/helper/jd-drive
WORK=${BENCH_WORK:-$JIEDAI_SRC/tests/bench/work}
QUICK=${BENCH_QUICK:-0}
if [ "$QUICK" = 1 ]; then
	DOWNS=30 WORDS="王芳 张伟"
else
	DOWNS=60 WORDS="王芳 张伟 李娜 刘洋 陈静 凤凰村 灌溉水渠"
fi
if [ -z "${BENCH_LEDGER:-}" ]; then
	key=$(cat "$JIEDAI_SRC/src/core/gen.c" "$JIEDAI_SRC/src/core/text/fts.c" "$JIEDAI_SRC/src/core/store/store.c" |
		cksum | cut -d' ' -f1)
	BENCH_LEDGER=$(ls "$WORK"/ledger-*-1-"$key".db 2>/dev/null | head -n 1)
	[ -n "$BENCH_LEDGER" ] || { echo "list.sh: no ledger in $WORK: run make bench first" >&2; exit 1; }
fi
export LC_ALL=C.UTF-8 TZ=Asia/Shanghai HOME="$WORK/home" JIEDAI_CONF=/nonexistent \
	JIEDAI_NOW=${JIEDAI_NOW:-2026-03-10T09:30:00}
unset LANGUAGE JIEDAI_DB JIEDAI_SEARCH JIEDAI_ACTOR JIEDAI_IDLE_MS 2>/dev/null || true
mkdir -p "$HOME"
TICKETS=$(sqlite3 "$BENCH_LEDGER" "SELECT coalesce(sum(n), 0) FROM ticket_counts")
# Every Down must move (a Down at the end draws nothing, and the driver waits for it).
found=$(JIEDAI_DB=$BENCH_LEDGER "$JIEDAI" search 张 --limit $((DOWNS + 1)) --format tsv 2>/dev/null | tail -n +2 | wc -l)
[ "$found" -gt "$DOWNS" ] || DOWNS=$((found > 1 ? found - 1 : 1))

say() { printf '%s\n' "$*" >&2; }
value() { awk -v k="$1" '$1 == k { print $2; exit }' "$2"; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { print (a <= b ? "met" : "missed") }'; }
# downs LOG: per Down (its line and the idle work after it, up to the next
# key): "presses cpu_ms_per_press max_steps max_pages"
downs() {
	awk '
		function field(name,   i, kv) {
			for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == name) return kv[2] + 0 }
			return 0
		}
		function close_down() { if (steps > ms) ms = steps; if (pages > mp) mp = pages }
		/^key=/ { if (down) close_down(); down = 0 }
		/^key=KEY_DOWN / { down = 1; n++; steps = pages = 0 }
		down { steps += field("steps"); pages += field("pages"); cpu += field("cpu_us") }
		END { if (down) close_down(); printf("%d %.2f %d %d\n", n, n ? cpu / n / 1000 : 0, ms, mp) }' "$1"
}
# after LOG: the lines after the last key that was not a Down
after() {
	awk '/^key=/ && !/^key=KEY_DOWN / { n = NR } { l[NR] = $0 } END { for (i = n + 1; i <= NR; i++) print l[i] }' "$1"
}

# ---- 1. Down after a search ------------------------------------------------
# session NAME SEARCH F5S: the list, the search typed, F5 pressed F5S times, the Downs.
session() {
	name=$1 search=$2 f5=$3
	steps="wait:F10 quiet:300 key:F5 wait:返回 quiet:500"
	[ -z "$search" ] || steps="$steps settle:$search:300"
	i=0; while [ $i -lt "$f5" ]; do steps="$steps key:F5 quiet:500"; i=$((i + 1)); done
	rm -f "$WORK/list-$name.log"
	JIEDAI_COST_LOG="$WORK/list-$name.log" JIEDAI_DB=$BENCH_LEDGER "$DRIVE" -t 600 -x 100 -y 30 $steps \
		quiet:1000 "keys:Down:$DOWNS:100" kill -- "$JIEDAI" >"$WORK/list-$name.out" 2>"$WORK/list-$name.err" ||
		say "bench: the list session $name failed (see $WORK/list-$name.err)"
	after "$WORK/list-$name.log" >"$WORK/list-$name.downs"
	set -- $(downs "$WORK/list-$name.downs")
	eval "${name}_cpu=$2 ${name}_steps=$3 ${name}_pages=$4"
	eval "${name}_bytes=$(value bytes_per_key "$WORK/list-$name.out" | grep . || echo 0)"
	eval "${name}_writes=$(value bursts_per_key "$WORK/list-$name.out" | grep . || echo 0)"
}
say "bench: Down in the list, with no search and after searching 张 (newest first, by deadline)"
session plain "" 0
session newest 张 0
session due 张 1
worst() { awk 'BEGIN { m = 0 } { for (i = 1; i <= NF; i++) if ($i > m) m = $i } END { print m }'; }
d_cpu=$(echo "$newest_cpu $due_cpu" | worst)
d_bytes=$(echo "$newest_bytes $due_bytes" | worst)
d_writes=$(echo "$newest_writes $due_writes" | worst)
d_goal=$(awk -v c="$d_cpu" -v b="$d_bytes" -v w="$d_writes" 'BEGIN { print (c <= 5 && b <= 300 && w <= 1 ? "met" : "missed") }')

# ---- 2. the search line, per typed character, settled ------------------------
say "bench: the search line, a character at a time, settled; and a form field"
: >"$WORK/settle.list"
for w in $WORDS; do
	JIEDAI_DB=$BENCH_LEDGER "$DRIVE" -t 600 -x 100 -y 30 wait:F10 quiet:300 key:F5 wait:返回 quiet:1000 \
		"settle:$w:300" kill -- "$JIEDAI" >"$WORK/settle.out" 2>"$WORK/settle.err"
	echo "$(value settled_p50_ms "$WORK/settle.out") $(value settled_max_ms "$WORK/settle.out") $(value settle_bytes_per_char "$WORK/settle.out") $w" >>"$WORK/settle.list"
done
# the median of the words' medians, the largest maximum, the mean bytes
s50=$(cut -d' ' -f1 "$WORK/settle.list" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
smax=$(cut -d' ' -f2 "$WORK/settle.list" | sort -n | tail -n 1)
sbytes=$(awk '{ s += $3 } END { printf("%.0f", NR ? s / NR : 0) }' "$WORK/settle.list")
sworst=$(sort -k2 -n "$WORK/settle.list" | tail -n 1 | cut -d' ' -f4)
FORM_DB=$WORK/settle-form.db
rm -f "$FORM_DB" "$FORM_DB-wal" "$FORM_DB-shm"
JIEDAI_DB=$FORM_DB "$JIEDAI" init --station-code LJ >/dev/null
JIEDAI_DB=$FORM_DB "$JIEDAI" day open --deputies 王芳 >/dev/null 2>&1
JIEDAI_DB=$FORM_DB "$DRIVE" -x 100 -y 30 wait:F10 key:F2 wait:Esc quiet:200 \
	key:Tab key:Tab key:Tab key:Tab quiet:300 "settle:$(echo $WORDS | tr -d ' '):300" \
	kill -- "$JIEDAI" >"$WORK/settle-form.out" 2>"$WORK/settle-form.err"
f50=$(value settled_p50_ms "$WORK/settle-form.out") fmax=$(value settled_max_ms "$WORK/settle-form.out")
fbytes=$(value settle_bytes_per_char "$WORK/settle-form.out")
# one screen of bytes: 100x30 cells, Chinese at 3 bytes a cell pair
s_goal=$(awk -v p="$s50" -v b="$sbytes" 'BEGIN { print (p <= 60 && b <= 4500 ? "met" : "missed") }')

load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
echo "| Down in the list after a search (张 at 100×30, $DOWNS presses, 24 rows fit; newest first / by deadline; $TICKETS tickets; load $load) | CPU $newest_cpu / $due_cpu ms, $newest_bytes / $due_bytes B, $newest_writes / $due_writes writes per press; dearest press $newest_steps / $due_steps SQLite steps, $newest_pages / $due_pages pages | Down with no search: CPU $plain_cpu ms, $plain_bytes B, $plain_writes writes per press, dearest $plain_steps steps | $(awk -v a="$d_cpu" -v b="$plain_cpu" 'BEGIN { printf(b > 0 ? "%.2f×" : "n/a", a / b) }') CPU, $(awk -v a="$d_bytes" -v b="$plain_bytes" 'BEGIN { printf(b > 0 ? "%.2f×" : "n/a", a / b) }') bytes | ≤ 5 ms, one row's bytes (≤ 300 B), one write | $d_goal |"
echo "| search line, per typed character, settled ($(echo $WORDS | wc -w) words typed into the whole ledger's list; the slowest word $sworst; load $load) | p50 $s50 ms, max $smax ms, $sbytes B per character | a form field: p50 $f50 ms, max $fmax ms, $fbytes B | $(awk -v a="$s50" -v b="$f50" 'BEGIN { printf(b > 0 ? "%.1f×" : "n/a", a / b) }') | ≤ 60 ms settled when the query is cheap (p50), ≤ one screen of bytes (4,500) | $s_goal |"
