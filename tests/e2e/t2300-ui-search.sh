#!/bin/sh
test_description='search as you type, scanned receipts, and the list screens'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'setup' '
	jiedai init --station-code LJ >/dev/null &&
	jiedai add --name 张三 --phone 13800138000 --category 农业农村 --issue 灌溉水渠年久失修 >/dev/null &&
	jiedai add --name 李四 --phone 0827-5551234 --category 社会保障 --issue 低保申请 >/dev/null &&
	jiedai add --name 张小明 --category 城建交通 --issue 路灯不亮 >/dev/null &&
	jiedai handover LJ-2026-0002 --to 镇民政办 --days 1 >/dev/null
'

test_expect_success TMUX 'search by name as you type' '
	tmux_start && wait_for "接待日" && key 5 && wait_for "LJ-2026-0003" &&
	type_text "张" && wait_for "张小明" && wait_gone "李四" &&
	type_text "小" && wait_gone "LJ-2026-0001" && wait_for "张小明"
'

test_expect_success TMUX 'search by phone fragment and by words of the issue' '
	key C-u && type_text "5551234" && wait_for "李四" && wait_gone "张三" &&
	key C-u && type_text "路灯" && wait_for "张小明" && wait_gone "李四" &&
	key C-u && wait_for "李四"
'

test_expect_success TMUX 'Enter opens the selected ticket; Esc comes back to the list' '
	key Down && key Enter && wait_for "反映问题" && screen >d &&
	head -n 1 d | grep -q "LJ-2026-0002" &&
	key Escape && wait_for "LJ-2026-0001"
'

test_expect_success TMUX 'the overdue list marks overdue in text' '
	key Escape && wait_for "接待日" && tmux_stop &&
	JIEDAI_NOW=2026-03-20T09:00:00 && export JIEDAI_NOW &&
	tmux_start && wait_for "接待日" && key 3 && wait_for "李四" && screen >o &&
	test_grep "超期" o && ! grep -q "张三" o
'

test_expect_success TMUX,ZBAR 'a scanned receipt payload opens its ticket from the home screen' '
	check=$(jiedai show --format json LJ-2026-0001 | sed -n "s/.*\"check_code\":\"\([A-Z0-9]*\)\".*/\1/p") &&
	test -n "$check" &&
	key Escape && wait_for "接待日" &&
	type_text "JD:LJ-2026-0001:$check" && key Enter && wait_for "灌溉水渠年久失修"
'

test_expect_success TMUX 'a payload with a wrong check code opens nothing' '
	key Escape && wait_for "接待日" &&
	type_text "JD:LJ-2026-0001:XXXXX" && key Enter && wait_for "查询码" &&
	screen >s && ! grep -q "灌溉水渠年久失修" s
'

test_done
