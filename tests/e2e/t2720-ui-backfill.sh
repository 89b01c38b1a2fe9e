#!/bin/sh
test_description='补录 on the screen: an earlier day from the day screen, then its paper records'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'setup: today'"'"'s day is open' '
	jiedai init --station-code LJ --station-name 陵江镇人大代表联络站 >/dev/null &&
	jiedai day open --deputies 王芳,李强 --place 便民服务中心 >/dev/null
'

# One voter: name, category 其他, issue; then 接待代表 from the pick list by its first character.
paper_voter() {
	wait_for "补录 2026-03-03 的纸质登记" && wait_for "姓名" &&
	type_text "$1" && key Tab && key Tab && key Tab &&
	type_text "其" && wait_for "其他" && key Enter && type_text "$2" &&
	key Tab && key Tab && key Tab && key Tab && type_text "$3" && wait_for "$4" && key Enter
}

test_expect_success TMUX 'the day screen offers 补录 beside closing the open day' '
	tmux_start && wait_for "接待选民日 2026-03-10" &&
	key 6 && wait_for "补录以前接待日的纸质登记" && key 2 &&
	wait_for "补录：纸质登记的接待日" && wait_for "纸质登记是哪一天的"
'

test_expect_success TMUX 'today is refused for 补录' '
	type_text "2026-03-10" && key F2 && wait_for "补录只用于今天以前的纸质登记"
'

test_expect_success TMUX 'the earlier day with its deputies and place, then its first paper record' '
	key C-u && type_text "2026-03-03" && key Tab && key C-u && type_text "赵敏、钱七" && key Tab &&
	key C-u && type_text "陵江镇二村" && key F2 &&
	paper_voter 张三 水渠失修 赵 赵敏 && key F2 && wait_for "LJ-2026-0001" && wait_for "第1位" &&
	wait_for "补录："
'

test_expect_success TMUX 'next voter stays on that day, with the deputy last chosen' '
	key 2 && wait_for "补录 2026-03-03 的纸质登记" && wait_for "赵敏" &&
	type_text "李四" && key Tab && key Tab && key Tab &&
	type_text "其" && wait_for "其他" && key Enter && type_text "路灯" &&
	key F2 && wait_for "LJ-2026-0002" && wait_for "第2位"
'

test_expect_success TMUX 'back home, today'"'"'s day is still the open one' '
	key Escape && wait_for "接待选民日 2026-03-10" && wait_for "接待选民 0 人"
'

test_expect_success 'the paper records carry their day, its 第N位 and the 补录 mark' '
	jiedai list --format tsv | tail -n +2 | cut -f1,4,5,6,7,12 >actual &&
	printf "%s\n" \
		"LJ-2026-0001	2026-03-03 00:00:00	2026-03-03	1	张三	赵敏" \
		"LJ-2026-0002	2026-03-03 00:00:00	2026-03-03	2	李四	赵敏" >expect &&
	test_cmp expect actual &&
	jiedai day show 2026-03-03 >d && test_grep "已结束" d && test_grep "陵江镇二村" d &&
	jiedai show LJ-2026-0002 >s && test_grep "补录" s &&
	jiedai check >/dev/null
'

test_expect_success TMUX 'with no day open, an earlier date typed in the day form goes to 补录 too' '
	key 6 && wait_for "结束接待日" && key 1 && wait_for "当日接待登记表" &&
	key F2 && wait_for "接待日吗" && key 1 && wait_for "已结束" && key Escape &&
	wait_for "没有进行中的接待日" && key 1 && wait_for "到场代表" && key BTab && key C-u && type_text "2026-03-05" && key F2 &&
	wait_for "补录 2026-03-05 的纸质登记" && key Escape && wait_for "登记来访选民" &&
	jiedai day show 2026-03-05 >d && test_grep "已结束" d
'

test_done
