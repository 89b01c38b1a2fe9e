#!/bin/sh
# run.sh — `make bench`: jiedai against a baseline, row by row, in one run.
#
# Every row is measured against its baseline in the same run and printed as
# a ratio, because these machines are noisy.  The made-up ledger of a
# million tickets is generated once (jiedai gen) and kept in
# tests/bench/work/ (not in git); it is made again when the generator, the
# tokenizer or the schema change.  The table, with a line describing the
# machine, replaces the measured part of tests/bench/RESULTS.md.
#
#   JIEDAI         the jiedai binary (the Makefile sets it)
#   JIEDAI_SRC     the source tree
#   BENCH_QUICK=1  a smoke run: a small ledger, few repetitions, seconds
#   BENCH_WORK     where ledgers go (default tests/bench/work)
#   BENCH_RESULTS  the results file to update (default tests/bench/RESULTS.md;
#                  a quick run writes none unless this is set)
#   BENCH_HUB=0    leave out the county hub's rows (tests/bench/hub.sh, which
#                  starts a PostgreSQL of its own and says so when there is none)
set -eu

: "${JIEDAI:?set JIEDAI to the jiedai binary}"
: "${JIEDAI_SRC:?set JIEDAI_SRC to the source tree}"
BUILD=$(cd "$(dirname "$JIEDAI")" && pwd)
HELPERS=$BUILD/tests/helper
QUICK=${BENCH_QUICK:-0}
WORK=${BENCH_WORK:-$JIEDAI_SRC/tests/bench/work}
if [ "$QUICK" = 1 ]; then
	RESULTS=${BENCH_RESULTS:-}
	TICKETS=1500 REPEAT=1 STARTS=1 COMMITS=20 WRITES=5 TYPED=张三李
else
	RESULTS=${BENCH_RESULTS:-$JIEDAI_SRC/tests/bench/RESULTS.md}
	TICKETS=1000000 REPEAT=5 STARTS=5 COMMITS=200 WRITES=100 TYPED=张三李四王五赵六陈七周八吴九
fi
SEED=1
GEN_NOW=2026-03-10T09:30:00

for h in jd-drive jd-bench jd-writers; do
	if [ ! -x "$HELPERS/$h" ]; then
		echo "bench: $HELPERS/$h is missing (make builds it)" >&2
		exit 1
	fi
done
command -v sqlite3 >/dev/null || { echo "bench: needs sqlite3 (apt-get install sqlite3)" >&2; exit 1; }

mkdir -p "$WORK/home"
# The ledger's today is fixed, and every measurement lives on that day too,
# so overdue items and today's counts are what the made-up county would see.
export LC_ALL=C.UTF-8 TZ=Asia/Shanghai HOME="$WORK/home" JIEDAI_CONF=/nonexistent JIEDAI_NOW=$GEN_NOW
unset LANGUAGE JIEDAI_DB JIEDAI_SEARCH JIEDAI_ACTOR XDG_DATA_HOME XDG_CONFIG_HOME 2>/dev/null || true

say() { printf '%s\n' "$*" >&2; }
# value KEY FILE: the number after KEY in a helper's output
value() { awk -v k="$1" '$1 == k { print $2; exit }' "$2"; }
# median of numbers on stdin
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print 0 }'; }
# ratio A B: A / B with 1 decimal (or 2 below 10)
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) { print "n/a"; exit } r = a / b; printf(r < 10 ? "%.2f" : "%.0f", r) }'; }
# le A B: "met" when A <= B
le() { awk -v a="$1" -v b="$2" 'BEGIN { print (a <= b ? "met" : "missed") }'; }
ms_now() { date +%s%N | awk '{ printf("%.1f", $1 / 1e6) }'; }

# ---- the ledger ---------------------------------------------------------
key=$(cat "$JIEDAI_SRC/src/core/gen.c" "$JIEDAI_SRC/src/core/text/fts.c" "$JIEDAI_SRC/src/core/store/store.c" |
	cksum | cut -d' ' -f1)
LEDGER=$WORK/ledger-$TICKETS-$SEED-$key.db
if [ ! -f "$LEDGER" ]; then
	rm -f "$WORK"/ledger-"$TICKETS"-*
	say "bench: making up a ledger of $TICKETS tickets (once; kept in $WORK)"
	t0=$(ms_now)
	JIEDAI_DB=$LEDGER.tmp "$JIEDAI" gen "$TICKETS" --seed "$SEED" --years 3 >&2
	t1=$(ms_now)
	mv "$LEDGER.tmp" "$LEDGER"
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf("%.0f\n", (b - a) / 1000) }' >"$LEDGER.gen-seconds"
fi
GEN_SECONDS=$(cat "$LEDGER.gen-seconds" 2>/dev/null || echo "?")
DB_MB=$(du -m "$LEDGER" | cut -f1)

# ---- 1. search ----------------------------------------------------------
say "bench: search (index and LIKE scan, same queries)"
"$HELPERS/jd-bench" search "$LEDGER" "$REPEAT" >"$WORK/search.out" 2>"$WORK/search.log"
s50=$(value search_p50_ms "$WORK/search.out") s99=$(value search_p99_ms "$WORK/search.out")
l50=$(value like_p50_ms "$WORK/search.out") l99=$(value like_p99_ms "$WORK/search.out")
c50=$(value count_p50_ms "$WORK/search.out") c99=$(value count_p99_ms "$WORK/search.out")
cl50=$(value count_like_p50_ms "$WORK/search.out") cl99=$(value count_like_p99_ms "$WORK/search.out")
nq=$(value queries "$WORK/search.out")
search_goal=$(awk -v p="$s99" -v a="$l50" -v b="$s50" -v c="$l99" \
	'BEGIN { print (p <= 5 && b > 0 && p > 0 && a / b >= 50 && c / p >= 50 ? "met" : "missed") }')

# ---- 1b. the list's search line ----------------------------------------
# Every query typed a character at a time; after each, the first page of the
# tab shown and the capped counts of all four tabs (what the screen asks).
say "bench: the list's search line, a character at a time, on each tab"
"$HELPERS/jd-bench" line "$LEDGER" >"$WORK/line.out" 2>"$WORK/line.log"
lc50=$(value count_p50_ms "$WORK/line.out") lc99=$(value count_p99_ms "$WORK/line.out")
lk50=$(value key_p50_ms "$WORK/line.out") lk99=$(value key_p99_ms "$WORK/line.out")
lnp=$(value prefixes "$WORK/line.out") lcut=$(value counts_cut "$WORK/line.out")

# ---- 2. commit ----------------------------------------------------------
say "bench: commit of one ticket (on a copy of the ledger) and write+fdatasync"
COPY=$WORK/copy.db
rm -f "$COPY" "$COPY-wal" "$COPY-shm"
cp "$LEDGER" "$COPY"
"$HELPERS/jd-bench" commit "$COPY" "$COMMITS" >"$WORK/commit.out" 2>"$WORK/commit.log"
k50=$(value commit_p50_ms "$WORK/commit.out") k99=$(value commit_p99_ms "$WORK/commit.out")
f50=$(value fsync_p50_ms "$WORK/commit.out") f99=$(value fsync_p99_ms "$WORK/commit.out")
n50=$(value nochain_p50_ms "$WORK/commit.out") n99=$(value nochain_p99_ms "$WORK/commit.out")

# ---- 2b. check ------------------------------------------------------------
# The whole ledger against its history (chain, replay, records, index),
# against SQLite's own integrity_check of the same file, in the same run.
say "bench: jiedai check of the whole ledger, and sqlite3 PRAGMA integrity_check"
t0=$(ms_now)
JIEDAI_DB=$LEDGER "$JIEDAI" check >"$WORK/check.out" 2>&1 || say "bench: check found problems (see $WORK/check.out)"
t1=$(ms_now)
sqlite3 "$LEDGER" "PRAGMA integrity_check" >/dev/null
t2=$(ms_now)
ck_jd=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf("%.1f", (b - a) / 1000) }')
ck_sq=$(awk -v a="$t1" -v b="$t2" 'BEGIN { printf("%.1f", (b - a) / 1000) }')
ck_ok=$(grep -c "完好\|is sound" "$WORK/check.out" || true)

# ---- 2c. a month's report and register -----------------------------------
# The month before the ledger's today, on the whole ledger, against sqlite3
# reading the same month's tickets once (one grouping of the report; the
# register's rows in its order), started the same way.  A query that read
# the whole ledger instead of the month would show as a ratio in the tens.
say "bench: report and register of one month, and sqlite3 reading the month's tickets"
MONTH=2026-02 M_FROM=2026-02-01 M_NEXT=2026-03-01
month_n=$(sqlite3 "$LEDGER" "SELECT count(*) FROM tickets WHERE created_at >= '$M_FROM' AND created_at < '$M_NEXT'")
for f in rep.jd reg.jd rep.sq reg.sq rss3y.jd rss1m.jd; do : >"$WORK/$f"; done
i=0
while [ $i -lt "$REPEAT" ]; do
	JIEDAI_DB=$LEDGER "$HELPERS/jd-drive" -t 600 exit -- "$JIEDAI" report --month $MONTH -o /dev/null \
		>"$WORK/pty.out" 2>"$WORK/pty.log"
	value exit_ms "$WORK/pty.out" >>"$WORK/rep.jd"
	value maxrss_kb "$WORK/pty.out" >>"$WORK/rss1m.jd"
	"$HELPERS/jd-drive" -t 600 exit -- sqlite3 "$LEDGER" \
		"SELECT category, count(*), count(DISTINCT voter_id), sum(status IN ('answered', 'ready', 'closed')),
		 sum(rating <> ''), sum(status = 'assigned' AND due_date < '$M_NEXT')
		 FROM tickets WHERE created_at >= '$M_FROM' AND created_at < '$M_NEXT' AND status <> 'void'
		 GROUP BY category" >"$WORK/pty.out" 2>"$WORK/pty.log"
	value exit_ms "$WORK/pty.out" >>"$WORK/rep.sq"
	JIEDAI_DB=$LEDGER "$HELPERS/jd-drive" -t 600 exit -- "$JIEDAI" register --month $MONTH -o /dev/null \
		>"$WORK/pty.out" 2>"$WORK/pty.log"
	value exit_ms "$WORK/pty.out" >>"$WORK/reg.jd"
	"$HELPERS/jd-drive" -t 600 exit -- sqlite3 -cmd ".output /dev/null" "$LEDGER" \
		"SELECT t.*, d.date FROM tickets t LEFT JOIN reception_days d ON d.id = t.day_id
		 WHERE t.created_at >= '$M_FROM' AND t.created_at < '$M_NEXT' AND t.status <> 'void'
		 ORDER BY t.station, t.year, t.seq" >"$WORK/pty.out" 2>"$WORK/pty.log"
	value exit_ms "$WORK/pty.out" >>"$WORK/reg.sq"
	i=$((i + 1))
done
rp_jd=$(median <"$WORK/rep.jd") rp_sq=$(median <"$WORK/rep.sq")
rg_jd=$(median <"$WORK/reg.jd") rg_sq=$(median <"$WORK/reg.sq")
rss1m=$(median <"$WORK/rss1m.jd")
# The whole ledger's three years: what report holds beyond the month is the groups it prints.
JIEDAI_DB=$LEDGER "$HELPERS/jd-drive" -t 1200 exit -- "$JIEDAI" report --from 2023-03-10 --to 2026-03-10 \
	-o /dev/null >"$WORK/pty.out" 2>"$WORK/pty.log"
rss3y=$(value maxrss_kb "$WORK/pty.out")
ndays3y=$(sqlite3 "$LEDGER" "SELECT count(*) FROM reception_days WHERE date BETWEEN '2023-03-10' AND '2026-03-10'")

# ---- 3. start-up --------------------------------------------------------
say "bench: start-up to the home screen, and sqlite3 'select 1'"
: >"$WORK/start.jd"
: >"$WORK/start.sq"
i=0
while [ $i -lt "$STARTS" ]; do
	JIEDAI_DB=$LEDGER "$HELPERS/jd-drive" -x 100 -y 30 wait:F10 time:startup kill -- \
		"$JIEDAI" >"$WORK/pty.out" 2>"$WORK/pty.log"
	value startup "$WORK/pty.out" >>"$WORK/start.jd"
	"$HELPERS/jd-drive" exit -- sqlite3 "$LEDGER" 'select 1' >"$WORK/pty.out" 2>"$WORK/pty.log"
	value exit_ms "$WORK/pty.out" >>"$WORK/start.sq"
	i=$((i + 1))
done
st_jd=$(median <"$WORK/start.jd")
st_sq=$(median <"$WORK/start.sq")

# ---- 4. bytes per typed character ----------------------------------------
say "bench: bytes written per Chinese character typed"
TYPE_DB=$WORK/typing.db
rm -f "$TYPE_DB" "$TYPE_DB-wal" "$TYPE_DB-shm"
JIEDAI_DB=$TYPE_DB "$JIEDAI" init --station-code LJ >/dev/null
JIEDAI_DB=$TYPE_DB "$JIEDAI" day open --deputies 王芳 >/dev/null 2>&1
# The issue field (Tab four times): what a deputy types most, a wide box.
JIEDAI_DB=$TYPE_DB "$HELPERS/jd-drive" -x 100 -y 30 wait:F10 key:F2 wait:Esc quiet:200 \
	key:Tab key:Tab key:Tab key:Tab quiet:200 "type:$TYPED" \
	kill -- "$JIEDAI" >"$WORK/type.jd" 2>"$WORK/type.log"
b_jd=$(value bytes_per_char "$WORK/type.jd")
if command -v dialog >/dev/null; then
	"$HELPERS/jd-drive" -x 100 -y 30 wait:姓名 quiet:300 "type:$TYPED" kill -- \
		dialog --inputbox 姓名 10 40 >"$WORK/type.dialog" 2>>"$WORK/type.log"
	b_dialog=$(value bytes_per_char "$WORK/type.dialog")
else
	b_dialog=n/a
fi

# Moving the selection down the sign-off queue of the whole ledger, one row at a time.
JIEDAI_DB=$LEDGER "$HELPERS/jd-drive" -t 600 -x 100 -y 30 wait:F10 quiet:300 key:F4 wait:满意度 quiet:300 \
	keys:Down:20:30 kill -- "$JIEDAI" >"$WORK/down.jd" 2>"$WORK/down.log"
b_down=$(value bytes_per_key "$WORK/down.jd")

# ---- 5. peak RSS scrolling the sign-off queue ----------------------------
say "bench: peak RSS paging through the whole sign-off queue"
ROWS=60
ready=$(sqlite3 "$LEDGER" "SELECT count(*) FROM tickets WHERE status = 'ready'")
npages=$(( ready / (ROWS - 6) + 2 ))
JIEDAI_DB=$LEDGER "$HELPERS/jd-drive" -t 600 -x 100 -y $ROWS wait:F10 key:F4 quiet:300 \
	"pages:$npages:5" key:F10 quiet:100 key:F10 exit -- "$JIEDAI" >"$WORK/rss.jd" 2>"$WORK/rss.log"
r_jd=$(value maxrss_kb "$WORK/rss.jd")
"$HELPERS/jd-drive" -t 600 exit -- sqlite3 -cmd ".output /dev/null" "$LEDGER" \
	"SELECT t.id, t.number, t.check_code, t.station, t.year, t.seq, t.day_id, d.date, t.position,
	 t.voter_id, t.name, t.phone, t.address, t.category, t.issue, t.deputy, t.status, t.unit,
	 t.due_date, t.answer_method, t.answer_date, t.answer_text, t.rating, t.closed_at,
	 t.closed_by, t.close_note, t.void_reason, t.created_at, t.updated_at, t.extra
	 FROM tickets t LEFT JOIN reception_days d ON d.id = t.day_id
	 WHERE t.status = 'ready' ORDER BY t.id" >"$WORK/rss.sq" 2>>"$WORK/rss.log"
r_sq=$(value maxrss_kb "$WORK/rss.sq")

# ---- 5b. the list screen -----------------------------------------------------
# Its own script (tests/bench/list.sh): a Down after a search, and the search
# line settled per typed character, each against its baseline.
say "bench: the list screen (tests/bench/list.sh)"
BENCH_LEDGER=$LEDGER BENCH_WORK=$WORK sh "$JIEDAI_SRC/tests/bench/list.sh" >"$WORK/list-rows.md" || {
	say "bench: the list screen's rows failed (see above)"
	echo "| the list screen | failed: see the bench's output | | | | missed |" >"$WORK/list-rows.md"
}

# ---- 6. concurrent writers ------------------------------------------------
say "bench: 8 writers at once, and one writer, on the copy"
t0=$(ms_now)
"$HELPERS/jd-writers" "$COPY" 8 "$WRITES" >"$WORK/writers8.out" 2>&1 || true
t1=$(ms_now)
"$HELPERS/jd-writers" "$COPY" 1 $((8 * WRITES)) >"$WORK/writers1.out" 2>&1 || true
t2=$(ms_now)
err8=$(awk '{ for (i = 1; i <= NF; i++) if ($i == "errors") e += $(i + 1) } END { print e + 0 }' "$WORK/writers8.out")
err1=$(awk '{ for (i = 1; i <= NF; i++) if ($i == "errors") e += $(i + 1) } END { print e + 0 }' "$WORK/writers1.out")
ok8=$(grep -c "errors" "$WORK/writers8.out" || true)
tp8=$(awk -v n=$((8 * WRITES)) -v a="$t0" -v b="$t1" 'BEGIN { printf("%.0f", n / ((b - a) / 1000)) }')
tp1=$(awk -v n=$((8 * WRITES)) -v a="$t1" -v b="$t2" 'BEGIN { printf("%.0f", n / ((b - a) / 1000)) }')
rm -f "$COPY" "$COPY-wal" "$COPY-shm"

# ---- 7. the county's hub ----------------------------------------------------
# Its own script (PostgreSQL in a temporary directory, its own sizes); its
# rows join the table.
HUB_ROWS=
if [ "${BENCH_HUB:-1}" != 0 ]; then
	say "bench: the county's hub (tests/bench/hub.sh)"
	BENCH_WORK=$WORK sh "$JIEDAI_SRC/tests/bench/hub.sh" >"$WORK/hub.out" || {
		say "bench: the hub's rows failed (see above)"
		echo "| the county's hub | failed: see the bench's output | | | ≤ 2× (first push) | missed |" >"$WORK/hub.out"
	}
	HUB_ROWS=$WORK/hub.out
fi

# ---- the table -------------------------------------------------------------
machine() {
	cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
	mem=$(awk '/^MemTotal/ { printf("%.0f GiB", $2 / 1048576) }' /proc/meminfo 2>/dev/null)
	fs=$(df -T "$WORK" | awk 'NR == 2 { print $2 }')
	load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
	printf 'Machine: %s, %s cores, %s RAM, %s; Linux %s; SQLite %s; load average %s; %s\n' \
		"${cpu:-unknown CPU}" "$(nproc)" "${mem:-?}" "${fs:-?}" "$(uname -r)" \
		"$(sqlite3 -version | cut -d' ' -f1)" "$load" "$(date '+%Y-%m-%d %H:%M')"
}

table() {
	echo "| row | jiedai | baseline | ratio | goal | result |"
	echo "| --- | --- | --- | --- | --- | --- |"
	echo "| search p50 / p99, $nq queries, first page of 50 newest ($TICKETS tickets) | $s50 / $s99 ms | LIKE scan $l50 / $l99 ms | $(ratio "$l50" "$s50")× / $(ratio "$l99" "$s99")× faster | p99 ≤ 5 ms and ≥ 50× | $search_goal |"
	echo "| count beside the search line, p50 / p99 | $c50 / $c99 ms | LIKE scan $cl50 / $cl99 ms | $(ratio "$cl50" "$c50")× / $(ratio "$cl99" "$c99")× faster | (not a goal) | info |"
	echo "| the list's search line: the four tabs' counts per typed character, one walk, p50 / p99 ($lnp prefixes, $lcut walks stopped at the screen's budget and shown as N+; a whole keystroke, page and counts: $lk50 / $lk99 ms, drawn after the echo) | $lc50 / $lc99 ms | LIKE scan count $cl50 / $cl99 ms | $(ratio "$cl50" "$lc50")× / $(ratio "$cl99" "$lc99")× faster | count p99 ≤ 50 ms | $(le "$lc99" 50) |"
	echo "| commit of one ticket, synchronous=FULL, p50 / p99 | $k50 / $k99 ms | write + fdatasync $f50 / $f99 ms | $(ratio "$k50" "$f50")× / $(ratio "$k99" "$f99")× | ≤ 1.5× | $(le "$(ratio "$k50" "$f50")" 1.5) |"
	echo "| commit with the chained hash (SHA-256 of the event, the head read) against the same commit without it, p50 / p99 | $k50 / $k99 ms | no chain $n50 / $n99 ms | $(ratio "$k50" "$n50")× / $(ratio "$k99" "$n99")× | ≤ 1.05× | $(le "$(ratio "$k50" "$n50")" 1.05) |"
	echo "| jiedai check of the whole ledger ($TICKETS tickets: chain, replay, records, index) | $ck_jd s$( [ "$ck_ok" -ge 1 ] && echo ", sound" || echo ", PROBLEMS") | sqlite3 integrity_check $ck_sq s | $(ratio "$ck_jd" "$ck_sq")× | (not a goal) | info |"
	echo "| report --month $MONTH ($month_n tickets of $TICKETS), median of $REPEAT | $rp_jd ms | sqlite3 grouping the month's tickets once $rp_sq ms | $(ratio "$rp_jd" "$rp_sq")× | ≤ 10× | $(le "$(ratio "$rp_jd" "$rp_sq")" 10) |"
	echo "| register --month $MONTH, median of $REPEAT | $rg_jd ms | sqlite3 printing the month's rows in its order $rg_sq ms | $(ratio "$rg_jd" "$rg_sq")× | ≤ 5× | $(le "$(ratio "$rg_jd" "$rg_sq")" 5) |"
	echo "| peak RSS of report for the three years ($ndays3y reception days, a row each) | $(awk -v k="$rss3y" 'BEGIN { printf("%.1f", k / 1024) }') MB | report --month $MONTH $(awk -v k="$rss1m" 'BEGIN { printf("%.1f", k / 1024) }') MB | $(ratio "$rss3y" "$rss1m")× | (not a goal) | info |"
	echo "| start-up to the drawn home screen, median of $STARTS | $st_jd ms | sqlite3 DB 'select 1' $st_sq ms | $(ratio "$st_jd" "$st_sq")× | ≤ 2× | $(le "$(ratio "$st_jd" "$st_sq")" 2) |"
	echo "| bytes to the terminal per Chinese character typed (intake form) | $b_jd | 3 (UTF-8); dialog --inputbox $b_dialog | $(ratio "$b_jd" 3)× / $(ratio "$b_jd" "$b_dialog")× | ≤ 8 bytes | $(le "$b_jd" 8) |"
	echo "| bytes to the terminal per Down in the sign-off queue (100 columns, 20 rows moved) | $b_down | one row of the screen whole, 100 cells | $(ratio "$b_down" 100)× | ≤ 1 row | $(le "$b_down" 100) |"
	cat "$WORK/list-rows.md"
	echo "| peak RSS paging through the sign-off queue ($ready tickets, $npages pages) | $(awk -v k="$r_jd" 'BEGIN { printf("%.1f", k / 1024) }') MB | sqlite3, same query $(awk -v k="$r_sq" 'BEGIN { printf("%.1f", k / 1024) }') MB | $(ratio "$r_jd" "$r_sq")× | ≤ 8 MB | $(le "$r_jd" 8192) |"
	echo "| 8 writers × $WRITES tickets at once | $tp8 tickets/s, $err8 errors ($ok8 of 8 done) | one writer × $((8 * WRITES)): $tp1 tickets/s, $err1 errors | $(ratio "$tp8" "$tp1")× | 0 errors | $( [ "$err8" = 0 ] && [ "$ok8" = 8 ] && echo met || echo missed) |"
	[ -z "$HUB_ROWS" ] || cat "$HUB_ROWS"
}

{
	table
	echo
	machine
	echo "Ledger: $TICKETS made-up tickets (jiedai gen $TICKETS --seed $SEED --years 3), $DB_MB MB, made in $GEN_SECONDS s."
	[ -z "$HUB_ROWS" ] || [ ! -s "$WORK/hub-note.md" ] || echo "Hub: $(cat "$WORK/hub-note.md")"
} >"$WORK/table.md"
cat "$WORK/table.md"

if [ -n "$RESULTS" ]; then
	# Replace the measured part, keep the notes written by people.
	if [ -f "$RESULTS" ] && grep -q '<!-- bench:begin -->' "$RESULTS"; then
		awk -v table="$WORK/table.md" '
			/<!-- bench:begin -->/ { print; while ((getline l < table) > 0) print l; skip = 1; next }
			/<!-- bench:end -->/ { skip = 0 }
			!skip { print }' "$RESULTS" >"$RESULTS.tmp"
	else
		{
			echo "# Benchmark results"
			echo
			echo "<!-- bench:begin -->"
			cat "$WORK/table.md"
			echo "<!-- bench:end -->"
		} >"$RESULTS.tmp"
	fi
	mv "$RESULTS.tmp" "$RESULTS"
	say "bench: results written to $RESULTS"
fi
