#!/bin/sh
test_description='closing the day on the screen: a day left open says 未结束, its list, the close, print and save'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'setup: the reception day of the 10th, left open' '
	jiedai init --station-code LJ --station-name 陵江镇人大代表联络站 >/dev/null &&
	jiedai day open --deputies 王芳,李强 --place 陵江镇便民服务中心 >/dev/null &&
	jiedai add --name 张三明 --category 农业农村 --issue 水渠年久失修 >/dev/null &&
	jiedai add --name 欧阳娜娜 --category 社会保障 --issue 低保怎么申请 >/dev/null &&
	jiedai config print_dest ./spool.bin >/dev/null
'

test_expect_success TMUX 'on the day itself the home screen says it is going on' '
	tmux_start && wait_for "接待日" && wait_for "进行中" && screen >s && ! grep "未结束" s
'

test_expect_success TMUX 'a day later it says 未结束 with its date, and offers to close it' '
	tmux_start -e JIEDAI_NOW=2026-03-11T09:00:00 && wait_for "未结束" &&
	screen >s && test_grep "接待日 2026-03-10 未结束" s && ! grep "进行中" s &&
	test_grep "结束 2026-03-10 的接待日" s
'

test_expect_success TMUX '6 shows the day'"'"'s list: 第N位, masked names, category, issue, status' '
	key 6 && wait_for "结束 2026-03-10 的接待日吗？（接待选民 2 人，" &&
	wait_for "补录以前接待日的纸质登记" && key 1 && wait_for "当日接待登记表" && wait_for "张*明" &&
	screen >s && test_grep "第1位 *LJ-2026-0001 *张\*明 *农业农村 *水渠年久失修" s &&
	test_grep "欧\*\*娜" s && ! grep "张三明" s && test_grep "台账校验码" s && test_grep "未结束" s
'

test_expect_success TMUX 'F2 closes the day after one confirmation; P prints the list' '
	key F2 && wait_for "结束 2026-03-10 的接待日吗" && key 1 && wait_for "已结束" &&
	jiedai day show 2026-03-10 >shown && test_grep "已结束" shown &&
	key p && wait_for "登记表已打印" && test -s spool.bin
'

test_expect_success TMUX 'S saves the list, with the check code of the ledger as it stands' '
	key s && wait_for ".xlsx" && key C-u && type_text "day.txt" && key Enter &&
	wait_for "已存为 day.txt" && test_grep "欧\*\*娜" day.txt &&
	code=$(grep -o "台账校验码 [0-9A-F-]*" day.txt | cut -d" " -f2) &&
	jiedai check --anchor "$code" >chk
'

test_expect_success TMUX 'back home: no day is open' '
	key Escape && wait_for "没有进行中的接待日" && screen >s && ! grep "未结束" s
'

test_done
