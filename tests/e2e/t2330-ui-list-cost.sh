#!/bin/sh
test_description='a Down in the list after a search reads a row, not the result: 100,000 tickets, through a pty and in tmux'
. "$(dirname "$0")/test-lib.sh"

# What every Down costs is read from the screen's own log (JIEDAI_COST_LOG):
# SQLite's counts for the statements run from that key to the next one
# (virtual-machine steps, sorts, pages fetched), its idle work included, so
# counts started again or a search run again would show there too.  A Down
# that read the whole result of 张 (3,006 tickets here) cost 18,000 to
# 61,000 steps when sorted, and a Down that arrived as ESC [ B 1,800,000
# (a scan of the ledger for "[B"); reading one row costs some tens to a few
# hundred, a few more when the tab's filter skips rows.
MAX_STEPS=2000 MAX_PAGES=300 MAX_STATEMENTS=4
# Bytes to the terminal per Down: one row of 100 columns, Chinese at 3 bytes
# a cell pair, with its cursor movement.
MAX_BYTES=300

DRIVE="$JIEDAI_BUILD/tests/helper/jd-drive"

# The ledger is made once per build (a few minutes with the sanitizers) and
# kept in the build directory, made again when the generator, the tokenizer
# or the schema change, as tests/bench/run.sh does with its own.
key=$(cat "$JIEDAI_SRC/src/core/gen.c" "$JIEDAI_SRC/src/core/text/fts.c" \
	"$JIEDAI_SRC/src/core/store/store.c" | cksum | cut -d" " -f1)
CACHE="$JIEDAI_BUILD/tests/cache"
BIG="$CACHE/ledger-100000-1-$key-$(echo "$JIEDAI_NOW" | tr -cd "0-9").db"

test_expect_success 'setup: a made-up ledger of 100,000 tickets' '
	if [ ! -f "$BIG" ]; then
		mkdir -p "$CACHE" && rm -f "$CACHE"/ledger-100000-* &&
		JIEDAI_DB="$BIG.$$" jiedai gen 100000 --seed 1 --years 3 >/dev/null 2>gen.err &&
		mv "$BIG.$$" "$BIG" && rm -f "$BIG.$$-wal" "$BIG.$$-shm"
	fi &&
	cp "$BIG" ledger.db &&
	test "$(jiedai list --search 张 --format tsv | wc -l)" -gt 1000
'

# check_downs LOG: every Down's cost (its line and the idle lines after it)
# within the bounds; prints the largest.
check_downs() {
	awk -v ms="$MAX_STEPS" -v mp="$MAX_PAGES" -v mst="$MAX_STATEMENTS" '
		function field(name,   i, kv) {
			for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == name) return kv[2] + 0 }
			return 0
		}
		function close_down() {
			if (!down) return
			if (steps > top_steps) top_steps = steps
			if (pages > top_pages) top_pages = pages
			if (steps > ms || pages > mp || stmts > mst || sorts > 0) {
				printf("Down %d cost %d steps, %d pages, %d statements, %d sorts\n",
					downs, steps, pages, stmts, sorts); bad = 1
			}
			down = 0
		}
		/^key=/ { close_down() }
		/^key=KEY_DOWN / { down = 1; downs++; steps = pages = stmts = sorts = 0 }
		down { steps += field("steps"); pages += field("pages"); stmts += field("statements"); sorts += field("sorts") }
		END {
			close_down()
			printf("%d Downs, the dearest %d steps and %d pages\n", downs, top_steps, top_pages)
			exit bad || downs < 20
		}' "$1"
}

# The cost log of a session: open the whole ledger (F5), search 张, then
# TAB (Right presses: 0 the whole ledger, 1 the sign-off queue), then ORDER
# (F5 presses from the tab's own order: the whole ledger newest first, the
# queue in ledger order; both cycle ledger order, newest first, by
# deadline), then 30 Downs (24 rows fit, the rest read rows).
drive() {
	name=$1 tab=$2 order=$3 down=$4
	steps="wait:F10 quiet:300 key:F5 wait:返回 quiet:300 settle:张:300"
	i=0; while [ $i -lt "$tab" ]; do steps="$steps key:Right quiet:300"; i=$((i + 1)); done
	i=0; while [ $i -lt "$order" ]; do steps="$steps key:F5 quiet:300"; i=$((i + 1)); done
	rm -f "$name.log" &&
	JIEDAI_COST_LOG="$TRASH/$name.log" "$DRIVE" -t 120 -x 100 -y 30 $steps \
		"keys:$down:30:100" kill -- "$JIEDAI" >"$name.out" 2>"$name.err" &&
	# keep only what came after the last key that was not a Down
	awk "/^key=/ && !/^key=KEY_DOWN / { n = NR } { l[NR] = \$0 } END { for (i = n + 1; i <= NR; i++) print l[i] }" \
		"$name.log" >"$name.downs" &&
	check_downs "$name.downs" >"$name.figure" &&
	b=$(awk "\$1 == \"bytes_per_key\" { print \$2 }" "$name.out") &&
	r=$(awk "\$1 == \"bursts_per_key\" { print \$2 }" "$name.out") &&
	echo "$b bytes and $r writes per Down" >>"$name.figure" &&
	awk -v b="$b" -v r="$r" -v mb="$MAX_BYTES" "BEGIN { exit !(b > 0 && b <= mb && r <= 1.5) }"
}

test_expect_success 'pty: newest first, the whole ledger' '
	drive newest 0 0 Down
'
say "newest first: $(tr "\n" ";" <newest.figure 2>/dev/null)"

test_expect_success 'pty: by deadline (a sort: the screen holds the places)' '
	drive due 0 1 Down
'
say "by deadline: $(tr "\n" ";" <due.figure 2>/dev/null)"

test_expect_success 'pty: the sign-off queue by deadline' '
	drive ready-due 1 2 Down
'
say "sign-off queue by deadline: $(tr "\n" ";" <ready-due.figure 2>/dev/null)"

test_expect_success 'pty: the sign-off queue in ledger order (the walk skips other states)' '
	drive ready 1 0 Down
'
say "sign-off queue: $(tr "\n" ";" <ready.figure 2>/dev/null)"

# A terminal that ignores keypad mode sends ESC [ B: it must be a Down too,
# not Esc (clearing the search) and "[B" (a new search of every ticket).
test_expect_success 'pty: Down as ESC [ B, by deadline' '
	drive ansi 0 1 AnsiDown &&
	! grep -q "^key=\\^\\[" ansi.log
'
say "ESC [ B: $(tr "\n" ";" <ansi.figure 2>/dev/null)"

test_expect_success TMUX 'tmux: by deadline, the Downs sent at once' '
	rm -f tmux.log &&
	tmux_start -x 100 -y 30 -e JIEDAI_COST_LOG="$TRASH/tmux.log" &&
	wait_for "0  退出" && key F5 && wait_for "全部 100000" &&
	type_text 张 && wait_for "张" && key F5 && wait_for "按期限" &&
	sleep 1 && bytes_start "$TRASH/tmux.bytes" &&
	i=0 && while [ $i -lt 30 ]; do key Down; i=$((i + 1)); done &&
	# the selection on the 30th row: 24 fit, so the window moved by 6
	n=0 && while [ "$(grep -c "^key=KEY_DOWN " tmux.log)" -lt 30 ] && [ $n -lt 600 ]; do
		sleep 0.05; n=$((n + 1)); done &&
	sleep 1 && bytes_stop &&
	awk "/^key=/ && !/^key=KEY_DOWN / { n = NR } { l[NR] = \$0 } END { for (i = n + 1; i <= NR; i++) print l[i] }" \
		tmux.log >tmux.downs &&
	check_downs tmux.downs >tmux.figure &&
	b=$(wc -c <tmux.bytes) &&
	echo "$((b / 30)) bytes per Down" >>tmux.figure &&
	test $((b / 30)) -le "$MAX_BYTES"
'
say "tmux: $(tr "\n" ";" <tmux.figure 2>/dev/null)"

test_done
