#!/bin/sh
test_description='two screens on one ledger: each sees the other within a second, half-typed forms stay'
. "$(dirname "$0")/test-lib.sh"

OTHER="jd$$-other"

# Run a tmux helper against the second screen.
other() {
	(TMUX_SOCKET=$OTHER && "$@")
}

test_expect_success 'setup' '
	jiedai init --station-code LJ >/dev/null && jiedai day open --deputies 王芳,李强 >/dev/null &&
	jiedai add --name 张三 --category 农业农村 --issue 水渠失修 >/dev/null
'
test_at_exit "tmux -L $OTHER kill-server"

test_expect_success TMUX 'screen A shows the whole ledger; screen B has a half-typed intake' '
	tmux_start -e JIEDAI_ACTOR=王芳 && wait_for "接待日" && key 5 && wait_for "LJ-2026-0001" &&
	other tmux_start -e JIEDAI_ACTOR=李强 && other wait_for "接待日" && other key 1 &&
	other wait_for "姓名" && other type_text "钱七" && other key Tab && other type_text "1390013" &&
	other wait_for "1390013"
'

test_expect_success TMUX 'a ticket saved elsewhere appears in A within a second or so' '
	jiedai add --name 赵六 --category 城建交通 --issue 路灯不亮 >/dev/null &&
	wait_for "LJ-2026-0002" 3 && wait_for "赵六" 1
'

test_expect_success TMUX 'B keeps its half-typed form, and B saving shows up in A too' '
	other screen >b && test_grep "钱七" b && test_grep "1390013" b &&
	other type_text "9000" && other key Tab && other key Tab &&
	other type_text "其" && other key Enter && other type_text "噪音扰民" &&
	other key F2 && other wait_for "LJ-2026-0003" &&
	wait_for "钱七" 3 &&
	test "$(tsv_field LJ-2026-0003 8)" = 13900139000
'

test_expect_success TMUX 'A keeps its place in the list: the selected ticket stays selected' '
	key Down && key Down &&
	jiedai add --name 孙八 --category 其他 --issue 测试 >/dev/null &&
	wait_for "孙八" 3 && key Enter && wait_for "水渠失修" &&
	screen | head -n 1 | grep -q "LJ-2026-0001"
'

test_done
