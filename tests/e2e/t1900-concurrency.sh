#!/bin/sh
test_description='8 processes x 500 tickets at once: distinct, gapless numbers, zero errors'
. "$(dirname "$0")/test-lib.sh"

WRITERS="$JIEDAI_BUILD/tests/helper/jd-writers"

test_expect_success 'setup' '
	test -x "$WRITERS" && jiedai init --station-code LJ >/dev/null
'

test_expect_success '8 writers x 500 tickets, zero errors' '
	"$WRITERS" "$JIEDAI_DB" 8 500 >out 2>err;
	cat out err;
	test "$(grep -c "errors 0" out)" -eq 8
'

test_expect_success 'the 4000 numbers are distinct and gapless' '
	jiedai list --format tsv | tail -n +2 | cut -f1 >numbers &&
	test "$(wc -l <numbers)" -eq 4000 &&
	test "$(sort -u numbers | wc -l)" -eq 4000 &&
	sed "s/^LJ-2026-//" numbers | sort -n >seqs &&
	seq -f "%04g" 1 4000 >expect && test_cmp expect seqs
'

test_done
