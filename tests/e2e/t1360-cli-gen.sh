#!/bin/sh
test_description='jiedai gen: made-up ledgers, the same for the same seed, every state, gapless numbers'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'gen adds exactly N tickets, and again to the practice ledger it made' '
	jiedai init --station-code LJ >/dev/null &&
	jiedai gen 1 --seed 4 >/dev/null &&
	jiedai config practice >p && echo yes >expect && test_cmp expect p &&
	jiedai gen 1500 --seed 5 >out &&
	test_grep 1501 out &&
	jiedai list --format tsv | tail -n +2 | wc -l >n && echo 1501 >expect && test_cmp expect n &&
	jiedai config station_code >code && echo LJ >expect && test_cmp expect code &&
	jiedai check >out && test_grep 完好 out
'

test_expect_success 'never on a ledger with real tickets: they would mix for good' '
	jiedai --db real.db init --station-code LJ >/dev/null &&
	jiedai --db real.db add --name 张三 --category 其他 --issue 路灯 >/dev/null 2>&1 &&
	test_exit_code 1 jiedai --db real.db gen 3 2>err && test_grep "练习台账" err &&
	jiedai --db real.db list --format tsv | tail -n +2 | wc -l >n && echo 1 >expect && test_cmp expect n
'

test_expect_success 'every state of the life cycle, and overdue items' '
	jiedai add --name 张三 --category 其他 --issue 路灯 >/dev/null 2>&1 &&
	jiedai list --format tsv | tail -n +2 | cut -f2 | sort -u >states &&
	printf "answered\nassigned\nclosed\nready\nregistered\nvoid\n" >expect && test_cmp expect states &&
	jiedai list --format tsv --overdue | tail -n +2 | wc -l >n && test "$(cat n)" -gt 0
'

test_expect_success 'numbers are gapless per station and year, dates spread over years' '
	jiedai list --format tsv | tail -n +2 | cut -f1 | grep -v "^LJ-" >numbers &&
	sed "s/-[0-9]*$//" numbers | sort | uniq -c | while read n prefix; do
		grep "^$prefix-" numbers | sed "s/.*-0*//" | sort -n | tail -n 1 >last &&
		test "$(cat last)" -eq "$n" || return 1
	done &&
	jiedai list --format tsv | tail -n +2 | cut -f4 | cut -c1-4 | sort -u | wc -l >years &&
	test "$(cat years)" -ge 3
'

test_expect_success 'made-up voters look real: names, 11-digit phones, villages' '
	jiedai list --format tsv | tail -n +2 | cut -f7,8,9 >people &&
	awk -F"\t" "length(\$2) == 11" people | wc -l >mobiles && test "$(cat mobiles)" -gt 1000 &&
	grep -c "村[0-9]*组" people >villages && test "$(cat villages)" -gt 1000 &&
	jiedai show "$(jiedai list --format tsv --status closed --limit 1 | tail -n 1 | cut -f1)" >show &&
	test_grep 销号 show
'

test_expect_success 'the same seed gives the same ledger, another seed another' '
	JIEDAI_DB=a.db jiedai gen 300 --seed 9 --years 2 >/dev/null &&
	JIEDAI_DB=b.db jiedai gen 300 --seed 9 --years 2 >/dev/null &&
	JIEDAI_DB=c.db jiedai gen 300 --seed 10 --years 2 >/dev/null &&
	# Check codes are random by design: everything else must match.
	JIEDAI_DB=a.db jiedai list --format json | sed "s/\"check_code\":\"[A-Z0-9]*\",//" >a.json &&
	JIEDAI_DB=b.db jiedai list --format json | sed "s/\"check_code\":\"[A-Z0-9]*\",//" >b.json &&
	JIEDAI_DB=c.db jiedai list --format json | sed "s/\"check_code\":\"[A-Z0-9]*\",//" >c.json &&
	! grep -q check_code a.json &&
	test_cmp a.json b.json &&
	! cmp -s a.json c.json
'

test_expect_success 'usage errors' '
	test_exit_code 2 jiedai gen 2>err &&
	test_exit_code 2 jiedai gen 0 2>err &&
	test_exit_code 2 jiedai gen many 2>err &&
	test_exit_code 2 jiedai gen 10 --years 0 2>err &&
	test_exit_code 2 jiedai gen 10 --seed -1 2>err
'

test_expect_success 'years the holiday calendar lacks are said once, not for every made-up deadline' '
	JIEDAI_DB=years.db jiedai gen 200 --seed 3 --years 3 2>err >/dev/null &&
	test $(grep -c "节假日日历还没有" err) -eq 1
'

test_done
