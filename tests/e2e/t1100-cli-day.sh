#!/bin/sh
test_description='jiedai day: opening and closing reception days'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'setup' 'jiedai init --station-code LJ >/dev/null'

test_expect_success 'no day open at first' '
	jiedai day show >out && test_grep "day open" out
'

test_expect_success 'open a day with deputies (Chinese separators too) and a place' '
	jiedai day open --deputies "王芳，李强、赵敏" --place 陵江镇便民服务中心 >out &&
	test_grep "2026-03-10" out && test_grep "王芳、李强、赵敏" out &&
	test_grep "陵江镇便民服务中心" out
'

test_expect_success 'voters get their position; a second issue keeps it' '
	jiedai add --name 张三 --phone 13800138000 --category 农业农村 --issue 水渠失修 >a &&
	jiedai add --name 李四 --phone 13900139000 --category 社会保障 --issue 低保 >b &&
	jiedai add --name 张三 --phone 13800138000 --category 城建交通 --issue 路灯 >c &&
	test "$(tsv_field "$(cat a)" 6)" = 1 &&
	test "$(tsv_field "$(cat b)" 6)" = 2 &&
	test "$(tsv_field "$(cat c)" 6)" = 1 &&
	jiedai day show >out && test_grep "接待选民 2 人" out
'

test_expect_success 'close the day; it stays on record' '
	jiedai day close >out && test_grep "2026-03-10" out &&
	jiedai day show 2026-03-10 >out && test_grep "王芳" out &&
	test_exit_code 1 jiedai day close 2>err
'

test_expect_success 'a ticket taken with no day open has no position' '
	jiedai add --name 王五 --category 其他 --issue 来信反映 >d 2>err &&
	test_grep "接待日" err &&
	test -z "$(tsv_field "$(cat d)" 6)"
'

test_expect_success 'a forgotten open day is closed when the next one opens' '
	jiedai day open --deputies 王芳 >/dev/null &&
	JIEDAI_NOW=2026-04-07T09:00:00 jiedai day open --deputies 李强 >out 2>err &&
	test_grep "2026-03-10" err &&
	JIEDAI_NOW=2026-04-07T09:00:00 jiedai day show >out && test_grep "2026-04-07" out
'

test_expect_success 'bad dates and usage are refused' '
	test_exit_code 1 jiedai day open --date 2026-02-30 2>err &&
	test_exit_code 2 jiedai day sideways 2>err &&
	test_exit_code 2 jiedai day 2>err
'

test_done
