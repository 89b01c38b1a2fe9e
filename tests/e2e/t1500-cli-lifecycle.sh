#!/bin/sh
test_description='the 销号 life cycle through the CLI: handover, answer, rate, signoff, reopen, void'
. "$(dirname "$0")/test-lib.sh"

status() {
	tsv_field "$1" 2
}

test_expect_success 'setup' '
	jiedai init --station-code LJ >/dev/null &&
	jiedai day open --deputies 王芳 >/dev/null &&
	jiedai add --name 张三 --phone 13800138000 --category 农业农村 --issue 水渠失修 >/dev/null &&
	jiedai add --name 李四 --category 社会保障 --issue 低保 >/dev/null &&
	jiedai add --name 王五 --category 其他 --issue 重复登记的事项 >/dev/null
'

test_expect_success 'illegal steps are refused with the reason, and change nothing' '
	test_exit_code 1 jiedai signoff LJ-2026-0001 2>err && test_grep "销号" err &&
	test_exit_code 1 jiedai rate LJ-2026-0001 满意 2>err && test_grep "答复" err &&
	test_exit_code 1 jiedai reopen LJ-2026-0001 --reason 再办 2>err &&
	test "$(status LJ-2026-0001)" = registered
'

test_expect_success 'hand over with a deadline in days or a date' '
	jiedai handover LJ-2026-0001 --to 镇水利站 --days 15 >out &&
	test "$(status LJ-2026-0001)" = assigned &&
	test "$(tsv_field LJ-2026-0001 13)" = 镇水利站 &&
	test "$(tsv_field LJ-2026-0001 14)" = 2026-03-25 &&
	jiedai handover LJ-2026-0002 --to 镇民政办 --due 2026年4月1日 >out &&
	test "$(tsv_field LJ-2026-0002 14)" = 2026-04-01 &&
	test_exit_code 1 jiedai handover LJ-2026-0002 --to 镇民政办 --due 2026-03-01 2>err &&
	test_exit_code 2 jiedai handover LJ-2026-0002 --to 镇民政办 2>err &&
	test_exit_code 1 jiedai handover LJ-2026-0002 --to "" --days 5 2>err && test_grep "承办单位" err
'

test_expect_success 'answer: the method must be one of the form choices' '
	test_exit_code 1 jiedai answer LJ-2026-0001 --method 微信 --text 已修 2>err &&
	test_grep "入户回访" err &&
	test_exit_code 1 jiedai answer LJ-2026-0001 --method 电话 2>err &&
	jiedai answer LJ-2026-0001 --method 电话 --text "已安排春耕前维修" >out &&
	test "$(status LJ-2026-0001)" = answered
'

test_expect_success '不满意 sends the item back to its unit with a fresh deadline' '
	test_exit_code 1 jiedai rate LJ-2026-0001 很好 2>err &&
	JIEDAI_NOW=2026-03-20T10:00:00 jiedai rate LJ-2026-0001 不满意 --note 还没修 >out &&
	test "$(status LJ-2026-0001)" = assigned &&
	test "$(tsv_field LJ-2026-0001 13)" = 镇水利站 &&
	test "$(tsv_field LJ-2026-0001 14)" = 2026-04-07	# 04-04 is 清明 (calendar.txt): the next working day
'

test_expect_success 'answered again, rated 满意, signed off (销号)' '
	test_exit_code 1 jiedai answer LJ-2026-0001 --method 入户回访 --text 水渠已修好 --date 2026-03-28 2>err &&
	test_grep "2026-03-28" err &&
	test_exit_code 1 jiedai answer LJ-2026-0001 --method 入户回访 --text 水渠已修好 --date 2020-01-01 2>err &&
	test_grep "2020-01-01" err &&
	JIEDAI_NOW=2026-03-28T16:00:00 jiedai answer LJ-2026-0001 --method 入户回访 --text 水渠已修好 \
		--date 2026-03-27 >out &&
	jiedai rate LJ-2026-0001 满意 >out &&
	test "$(status LJ-2026-0001)" = ready &&
	jiedai signoff LJ-2026-0001 --note 已办结 >out &&
	test "$(status LJ-2026-0001)" = closed
'

test_expect_success 'every step is in jiedai show, in order' '
	jiedai show LJ-2026-0001 >out &&
	sed -n "/办理记录/,\$p" out >hist &&
	test "$(wc -l <hist)" -eq 8 &&	# the heading and seven steps
	test_grep "登记" hist && test_grep "交办.*镇水利站" hist && test_grep "不满意.*还没修" hist &&
	test_grep "水渠已修好" hist && test_grep "已办结" hist
'

test_expect_success 'a signed-off item cannot be voided or answered, but can be reopened' '
	test_exit_code 1 jiedai void LJ-2026-0001 --reason 错了 2>err &&
	test_exit_code 1 jiedai answer LJ-2026-0001 --method 电话 --text x 2>err &&
	test_exit_code 1 jiedai reopen LJ-2026-0001 2>err &&
	jiedai reopen LJ-2026-0001 --reason 选民再次反映 >out &&
	test "$(status LJ-2026-0001)" = assigned
'

test_expect_success 'void needs a reason; a void item keeps its number and takes no more steps' '
	test_exit_code 1 jiedai void LJ-2026-0003 2>err && test_grep "作废原因" err &&
	jiedai void LJ-2026-0003 --reason 与LJ-2026-0001重复 >out &&
	test "$(status LJ-2026-0003)" = void &&
	test_exit_code 1 jiedai answer LJ-2026-0003 --method 电话 --text x 2>err &&
	test_grep "作废" err &&
	jiedai list --format tsv | cut -f1 | grep -c LJ-2026 >n && echo 3 >expect && test_cmp expect n
'

test_expect_success 'unknown numbers and missing arguments' '
	test_exit_code 1 jiedai handover LJ-2026-0404 --to 镇政府 --days 3 2>err &&
	test_exit_code 2 jiedai rate LJ-2026-0002 2>err &&
	test_exit_code 2 jiedai signoff 2>err
'

test_done
