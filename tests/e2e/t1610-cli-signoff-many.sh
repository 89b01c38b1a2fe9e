#!/bin/sh
test_description='the 销号 queue worked through quickly: rating and answer method in the queue, several items signed off at once'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'setup: three items rated, one only answered' '
	jiedai init --station-code LJ >/dev/null &&
	for i in 1 2 3 4; do
		jiedai add --name 张三$i --category 其他 --issue 事项$i >/dev/null 2>&1 || return 1
	done &&
	jiedai answer LJ-2026-0001 --method 电话 --text 已答复 >/dev/null &&
	jiedai answer LJ-2026-0002 --method 入户回访 --text 已答复 >/dev/null &&
	jiedai answer LJ-2026-0003 --method 书面答复 --text 已答复 >/dev/null &&
	jiedai answer LJ-2026-0004 --method 电话 --text 已答复 >/dev/null &&
	jiedai rate LJ-2026-0001 满意 >/dev/null &&
	jiedai rate LJ-2026-0002 基本满意 >/dev/null &&
	jiedai rate LJ-2026-0003 满意 >/dev/null
'

test_expect_success 'the queue shows each item'"'"'s rating and how it was answered' '
	jiedai queue >q &&
	test_grep "^LJ-2026-0001 *满意 *电话 *2026-03-10 *张三1" q &&
	test_grep "^LJ-2026-0002 *基本满意 *入户回访" q &&
	! grep "LJ-2026-0004" q
'

test_expect_success 'several numbers: each signed off, one event each; the one not rated is named with the reason' '
	test_exit_code 1 jiedai signoff LJ-2026-0001 2026-2 0003 LJ-2026-0004 --note 一并销号 >out 2>err &&
	test $(grep -c "已销号" out) -eq 3 &&
	test_grep "LJ-2026-0004" err && test_grep "评价" err &&
	for n in 1 2 3; do
		test "$(tsv_field LJ-2026-000$n 2)" = closed || return 1
		jiedai show LJ-2026-000$n --format json >show && test $(grep -o "\"kind\":\"signoff\"" show | wc -l) -eq 1 && test_grep "一并销号" show || return 1
	done &&
	test "$(tsv_field LJ-2026-0004 2)" = answered &&
	jiedai check >/dev/null
'

test_expect_success 'one number works as before' '
	jiedai rate LJ-2026-0004 满意 >/dev/null &&
	jiedai signoff LJ-2026-0004 >out && test_grep "LJ-2026-0004" out &&
	test "$(tsv_field LJ-2026-0004 2)" = closed
'

test_done
