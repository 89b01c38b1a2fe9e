#!/bin/sh
test_description='接待代表 on the intake screen: the day'"'"'s deputies, the default, the choice kept'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'setup: a day with three deputies (钱七 was present on an earlier one)' '
	jiedai init --station-code LJ --station-name 陵江镇人大代表联络站 >/dev/null &&
	jiedai day open --date 2026-03-03 --deputies 钱七 >/dev/null &&
	jiedai day open --deputies 王芳,李强,赵敏 >/dev/null
'

# wait_deputy NAME: poll until the 接待代表 box holds NAME ("" for empty).
wait_deputy() {
	i=0
	while [ $i -lt 200 ]; do
		screen | grep -E -q "接待代表 +\[?$1 *\]? *v" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	echo "wait_deputy: 接待代表 is not '$1'; the screen was:" >&2
	screen >&2
	return 1
}

# One voter through the intake form: name, category 其他, issue; the deputy as the screen leaves it.
voter() {
	wait_for "选民来访登记" && wait_for "姓名" &&
	type_text "$1" && key Tab && key Tab && key Tab &&
	type_text "其" && wait_for "其他" && key Enter &&
	type_text "$2"
}

test_expect_success TMUX 'a deputy present who logs in is the default 接待代表' '
	tmux_start -e JIEDAI_ACTOR=李强 && wait_for "接待选民日 2026-03-10" &&
	key 1 && voter 张三 路灯不亮 && wait_deputy "李强" &&
	key F2 && wait_for "LJ-2026-0001"
'

test_expect_success TMUX 'another deputy is picked from the list of those present, and kept' '
	key 2 && voter 李四 水渠失修 &&
	key Tab && key Tab && key Tab && key Tab && key Space && wait_for "赵敏" &&
	screen >picker && ! grep -q "钱七" picker &&
	type_text "王" && wait_for "王芳" && key Enter && wait_deputy "王芳" &&
	key F2 && wait_for "LJ-2026-0002" &&
	key 2 && voter 王五 低保申请 && wait_deputy "王芳"
'

test_expect_success TMUX 'the next choice lands in the ticket too' '
	key Tab && key Tab && key Tab && key Tab &&
	type_text "赵" && wait_for "赵敏" && key Enter && key F2 && wait_for "LJ-2026-0003" &&
	key Escape && wait_for "接待选民日" && key F10 && wait_for "[exited 0]"
'

test_expect_success 'each ticket went to the deputy chosen: the statistics say 1, 1, 1 (and 0 for 钱七, present on the 3rd)' '
	jiedai list --format tsv | tail -n +2 | cut -f1,12 >actual &&
	printf "%s\n" "LJ-2026-0001	李强" "LJ-2026-0002	王芳" "LJ-2026-0003	赵敏" >expect &&
	test_cmp expect actual &&
	jiedai report --format csv | grep "^接待代表," | cut -d, -f2,6 | sort >actual &&
	# 钱七 was present on 3 March, in the same month, and received nobody.
	printf "%s\n" "李强,1" "王芳,1" "赵敏,1" "钱七,0" | sort >expect && test_cmp expect actual
'

test_expect_success TMUX 'staff not present with nothing chosen yet: the screen asks, nothing is saved' '
	tmux_start -e JIEDAI_ACTOR=刘工作人员 && wait_for "接待选民日" &&
	key 1 && voter 赵六 路面坑洼 && wait_deputy "" &&
	key F2 && wait_for "请从列表中选出接待这位选民的代表" &&
	test "$(jiedai list --format tsv | wc -l)" -eq 4 &&
	key Space && wait_for "李强" && key Down && key Enter && key F2 && wait_for "LJ-2026-0004" &&
	test "$(tsv_field LJ-2026-0004 12)" = 李强
'

test_expect_success TMUX 'a deputy who came later is added to the open day from 6, and receives the next voter' '
	key Escape && wait_for "接待选民日" && key 6 && wait_for "加上后到的代表" && key 3 &&
	wait_for "今天还有哪些代表来接待选民" && wait_for "王芳、李强、赵敏" &&
	type_text "、钱七" && key F2 && wait_for "今天的到场代表：" &&
	screen | grep "今天的到场代表：" | test_grep "钱七" &&
	jiedai day show >d && grep "到场代表" d | test_grep "钱七" && test_grep "进行中" d &&
	key 1 && voter 孙八 村道破损 && key Tab && key Tab && key Tab && key Tab &&
	type_text "钱" && wait_for "钱七" && key Enter && wait_deputy "钱七" &&
	key F2 && wait_for "LJ-2026-0005" && test "$(tsv_field LJ-2026-0005 12)" = 钱七
'

test_expect_success TMUX 'started again on this terminal, the intake form starts at the deputy last chosen' '
	key Escape && wait_for "接待选民日" && key F10 && wait_for "[exited 0]" &&
	tmux_start -e JIEDAI_ACTOR=刘工作人员 && wait_for "接待选民日" &&
	key 1 && voter 周九 噪音扰民 && wait_deputy "钱七" &&
	key F2 && wait_for "LJ-2026-0006" && test "$(tsv_field LJ-2026-0006 12)" = 钱七 &&
	jiedai check >/dev/null
'

test_done
