#!/bin/sh
test_description='更正 on the screen: key 8 on a ticket opens the intake form filled in'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'setup: 李强 registers a ticket with a typo, 王芳 another' '
	jiedai init --station-code LJ --station-name 陵江镇人大代表联络站 >/dev/null &&
	jiedai day open --deputies 王芳,李强 >/dev/null &&
	jiedai --as 李强 add --name 张山 --phone 13800138000 --category 其他 --issue 路灯不亮 \
		--field request=尽快修好 >/dev/null &&
	jiedai --as 王芳 add --name 李四 --category 其他 --issue 水渠失修 >/dev/null
'

test_expect_success TMUX 'key 8 opens the form with what was saved, on-the-spot fields left out' '
	tmux_start -e JIEDAI_ACTOR=李强 && wait_for "接待选民日 2026-03-10" &&
	type_text "LJ-2026-0001" && key Enter && wait_for "张山  13800138000" &&
	key 8 && wait_for "更正 LJ-2026-0001" &&
	wait_for "[张山" && wait_for "路灯不亮" && wait_for "尽快修好" && wait_for "李强" &&
	screen >form && ! grep -q "现场答复" form
'

test_expect_success TMUX 'F2 with nothing changed saves nothing' '
	key F2 && wait_for "没有改动" &&
	test "$(jiedai show LJ-2026-0001 | grep -c 更正)" -eq 0
'

test_expect_success TMUX 'the corrected name and phone are saved; back on the ticket, the history says 更正' '
	key C-u && type_text "张三" && key Tab && key C-u && type_text "13900139000" &&
	key F2 && wait_for "LJ-2026-0001 已更正：姓名、联系电话" &&
	wait_for "张三  13900139000" && wait_for "更正" &&
	test "$(tsv_field LJ-2026-0001 7)" = 张三 && test "$(tsv_field LJ-2026-0001 8)" = 13900139000 &&
	jiedai check >/dev/null
'

test_expect_success TMUX 'the receipt shown again says 更正' '
	key 7 && wait_for "选民来访登记回执" && wait_for "更正" && key Escape && wait_for "张三  13900139000"
'

test_expect_success TMUX 'a void ticket is refused before any form opens' '
	jiedai void LJ-2026-0002 --reason 重复登记 >/dev/null &&
	key Escape && wait_for "接待选民日" &&
	type_text "LJ-2026-0002" && key Enter && wait_for "水渠失修" &&
	key 8 && wait_for "作废的事项不能更正" &&
	screen >s && ! grep -q "更正 LJ-2026-0002" s &&
	key F10 && wait_for "接待选民日" && key F10 && wait_for "[exited 0]"
'

# Who may correct (a deputy only their own tickets, the same day) is the gate's
# rule, tested with people of a shared ledger in tests/unit/test-ledger.c: here
# the tests run as the ledger's owner, who may do everything.

test_done
