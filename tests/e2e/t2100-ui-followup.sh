#!/bin/sh
test_description='follow-up on the screen: find a ticket, hand over, answer, rate, sign off (销号)'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'setup: two tickets from the command line' '
	jiedai init --station-code LJ >/dev/null &&
	jiedai add --name 张三 --phone 13800138000 --category 农业农村 --issue 水渠年久失修 >/dev/null &&
	jiedai add --name 李四 --category 社会保障 --issue 低保申请 >/dev/null
'

test_expect_success TMUX 'open a ticket by typing its number on the home screen' '
	tmux_start && wait_for "接待日" &&
	type_text "LJ-2026-0001" && key Enter && wait_for "水渠年久失修" && wait_for "已登记"
'

test_expect_success TMUX 'an illegal step is refused with the reason, nothing changes' '
	key 4 && wait_for "销号" && screen >s &&
	test_grep "答复" s &&
	test "$(tsv_field LJ-2026-0001 2)" = registered
'

test_expect_success TMUX 'hand over (交办) with the form from forms/handover.form' '
	key 1 && wait_for "承办单位" && type_text "镇水利站" && key F2 &&
	wait_for "已交办" &&
	test "$(tsv_field LJ-2026-0001 2)" = assigned &&
	test "$(tsv_field LJ-2026-0001 13)" = 镇水利站 &&
	test "$(tsv_field LJ-2026-0001 14)" = 2026-03-25
'

test_expect_success TMUX 'an answer dated before the ticket or after today is refused, nothing saved' '
	key 2 && wait_for "答复方式" && type_text "电" && wait_for "电话" && key Enter &&
	type_text "2020-01-01" && key Tab && type_text "已答复" && key F2 &&
	wait_for "答复日期 2020-01-01 早于事项登记的日期（2026-03-10）" &&
	key BTab && key C-u && type_text "2026-03-11" && key F2 && wait_for "答复日期 2026-03-11 晚于今天" &&
	test "$(tsv_field LJ-2026-0001 2)" = assigned &&
	key Escape && wait_for "不保存就离开吗" && key 1 && wait_for "已交办"
'

test_expect_success TMUX 'answer, with the method from the pick list' '
	key 2 && wait_for "答复方式" && type_text "电" && wait_for "电话" && key Enter &&
	key Tab && type_text "已安排春耕前维修" && key F2 && wait_for "已答复" &&
	test "$(tsv_field LJ-2026-0001 2)" = answered &&
	test "$(tsv_field LJ-2026-0001 15)" = 电话
'

test_expect_success TMUX 'rate 满意 and sign off' '
	key 3 && wait_for "满意度" && key Enter && wait_for "基本满意" && key Enter && key F2 &&
	wait_for "待销号" &&
	key 4 && wait_for "销号意见" && type_text "已办结" && key F2 && wait_for "已销号" &&
	test "$(tsv_field LJ-2026-0001 2)" = closed &&
	jiedai show LJ-2026-0001 >out && test_grep "已办结" out
'

test_expect_success TMUX 'void asks for a reason and a confirmation' '
	key Escape && wait_for "接待日" &&
	type_text "LJ-2026-0002" && key Enter && wait_for "低保申请" &&
	key 6 && wait_for "作废原因" && key F2 && wait_for "!" &&
	test "$(tsv_field LJ-2026-0002 2)" = registered &&
	type_text "重复登记" && key F2 && wait_for "作废" && key 1 && wait_for "已作废" &&
	test "$(tsv_field LJ-2026-0002 2)" = void
'

test_expect_success TMUX 'the sign-off queue lists what is waiting' '
	jiedai add --name 王五 --category 其他 --issue 现场 --on-the-spot 已解释 --rating 满意 >/dev/null &&
	key Escape && key Escape && wait_for "接待日" &&
	key F4 && wait_for "王五" && screen >q && ! grep -q "张三" q
'

test_done
