#!/bin/sh
test_description='make bench, the county hub rows, quickly: a small push, a small province, the same figures at the hub and in the roll-up'
. "$(dirname "$0")/test-lib.sh"
. "$JIEDAI_SRC/tests/e2e/lib-hub.sh"

if ! hub_have_pg; then
	printf '1..0 # SKIP PostgreSQL is not installed (Debian: postgresql)\n'
	exit 0
fi

# PostgreSQL runs as postgres when the tests run as root: it must reach its
# directory inside the trash.
chmod 0711 "$TRASH"
mkdir tmp
export TMPDIR="$TRASH/tmp"
Q="'"

test_expect_success 'the quick hub bench prints its three rows, each measured against its baseline' '
	BENCH_QUICK=1 BENCH_WORK="$TRASH/work" HUB_TICKETS=300 HUB_STATIONS=12 \
		sh "$JIEDAI_SRC/tests/bench/hub.sh" >rows 2>log || { cat log; exit 1; } &&
	test $(wc -l <rows) -eq 3 &&
	for row in "first push of a 300-ticket ledger" "incremental push of one reception day" \
		"report --hub --month 2025-06"; do
		grep "^| $row" rows >line || { cat rows log; return 1; }
		# a measured number and a ratio in every row, never an empty cell
		grep -q "[0-9]× |" line && ! grep -q "| |" line || return 1
	done &&
	test_grep "(240 of 2880 tickets, 12 stations)" rows &&
	test_grep "met (figures equal)" rows &&
	test_grep "^PostgreSQL [0-9]" work/hub-note.md &&
	ls work/hub-rollup-12-*.db work/hub-ledger-300-*.db &&
	test -z "$(ls tmp)"
'

test_expect_success 'a roll-up that differs from the hub is found out' '
	sqlite3 work/hub-rollup-12-*.db "UPDATE tickets SET category = ${Q}别的类别${Q} WHERE number = ${Q}S00003-2025-0101${Q}" &&
	BENCH_QUICK=1 BENCH_WORK="$TRASH/work" HUB_TICKETS=300 HUB_STATIONS=12 \
		sh "$JIEDAI_SRC/tests/bench/hub.sh" >rows 2>log &&
	test_grep "missed (FIGURES DIFFER)" rows &&
	test_grep "differ: diff" log
'

test_expect_success 'without PostgreSQL the rows say they were skipped' '
	HUB_PG_BIN="$TRASH/nowhere" BENCH_QUICK=1 BENCH_WORK="$TRASH/work2" \
		sh "$JIEDAI_SRC/tests/bench/hub.sh" >rows 2>log &&
	test $(wc -l <rows) -eq 1 &&
	test_grep "skipped: PostgreSQL${Q}s binaries are missing" rows &&
	test_grep "skipped" log
'

test_done
