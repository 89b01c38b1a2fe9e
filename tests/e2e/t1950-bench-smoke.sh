#!/bin/sh
test_description='make bench, quickly: a small ledger, every row of the table measured'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'the quick bench prints every row with a ratio and a machine line' '
	BENCH_QUICK=1 BENCH_HUB=0 BENCH_WORK="$TRASH/work" BENCH_RESULTS="$TRASH/RESULTS.md" \
		sh "$JIEDAI_SRC/tests/bench/run.sh" >table 2>log &&
	for row in "search p50" "count beside" "commit of one ticket" "start-up" "bytes to the terminal" \
		"peak RSS" "8 writers" "Down in the list after a search" "search line, per typed character"; do
		grep "^| $row" table >line || { cat log; return 1; }
		# a measured number and a ratio in every row, never an empty cell
		grep -q "[0-9]×" line && ! grep -q "| |" line && ! grep -q "||" line || return 1
	done &&
	test_grep "^Machine: " table &&
	test_grep "0 errors (8 of 8 done)" table &&
	test_grep "<!-- bench:begin -->" RESULTS.md
'

test_expect_success 'a second run reuses the ledger and keeps the notes' '
	echo "Notes written by people." >>RESULTS.md &&
	ls work/ledger-*.db >before &&
	BENCH_QUICK=1 BENCH_HUB=0 BENCH_WORK="$TRASH/work" BENCH_RESULTS="$TRASH/RESULTS.md" \
		sh "$JIEDAI_SRC/tests/bench/run.sh" >table 2>log &&
	! grep -q "making up" log &&
	ls work/ledger-*.db >after && test_cmp before after &&
	test_grep "Notes written by people." RESULTS.md &&
	test "$(grep -c "^| search p50" RESULTS.md)" -eq 1
'

test_done
