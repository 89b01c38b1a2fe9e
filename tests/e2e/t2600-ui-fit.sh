#!/bin/sh
test_description='screen text stays inside 80 columns: cut with "…", wrapped, or moved, in Chinese and English'
. "$(dirname "$0")/test-lib.sh"

# Row N (1-based) of the screen.
row() {
	screen | sed -n "${1}p"
}

test_expect_success 'setup: a ticket with a long issue and a long history' '
	jiedai init --station-code LJ --station-name "青山县白石镇人民代表大会代表联络站第一片区代表之家" >/dev/null &&
	jiedai day open --deputies 张三明,李四光,王五一,赵六二,钱七三,孙八四,周九五,吴十六,郑十七,冯十八,陈十九,褚二十 >/dev/null &&
	issue= && i=0 &&
	while [ $i -lt 36 ]; do issue="${issue}水渠年久失修"; i=$((i + 1)); done &&
	jiedai add --name 张三 --phone 13800138000 --category 农业农村 --issue "$issue" >/dev/null 2>&1 &&
	jiedai handover LJ-2026-0001 --to 镇水利站 --days 15 >/dev/null &&
	jiedai answer LJ-2026-0001 --method 电话 --text 已安排 >/dev/null &&
	jiedai rate LJ-2026-0001 不满意 >/dev/null &&
	jiedai answer LJ-2026-0001 --method 电话 --text 已安排 >/dev/null &&
	jiedai rate LJ-2026-0001 满意 >/dev/null &&
	jiedai signoff LJ-2026-0001 >/dev/null
'

test_expect_success TMUX 'ticket screen: "（下面还有）" stays on its row, the status line is intact' '
	tmux_start && wait_for "接待日" &&
	type_text "LJ-2026-0001" && key Enter && wait_for "（下面还有）" &&
	row 22 >more && row 23 >status &&
	test_grep "（下面还有）\$" more &&
	test_grep "^ 按数字键" status
'

test_expect_success TMUX 'the same in English' '
	tmux_stop && tmux_start -e LANGUAGE=en && wait_for "Reception day" &&
	type_text "LJ-2026-0001" && key Enter && wait_for "(more below)" &&
	row 22 >more && row 23 >status &&
	test_grep "(more below)\$" more &&
	test_grep "^ Press a number" status
'

test_expect_success TMUX 'home: twelve deputies wrap onto a second row, no name split' '
	tmux_stop && tmux_start && wait_for "到场代表" &&
	screen >h &&
	test_grep "到场代表：张三明、" h &&
	test_grep "褚二十" h &&
	! grep -q "吴\$" h
'

test_expect_success TMUX 'home: more deputies than two rows hold end in "…"' '
	JIEDAI_DB=$TRASH/many.db && export JIEDAI_DB &&
	jiedai init --station-code DZ >/dev/null &&
	names= && i=10 &&
	while [ $i -lt 50 ]; do names="${names}${names:+,}代表$i"; i=$((i + 1)); done &&
	jiedai day open --deputies "$names" >/dev/null &&
	tmux_stop && tmux_start && wait_for "代表10" &&
	screen >h &&
	grep "代表" h | grep -q "…\$" &&
	! grep -q "代表49" h
'

test_expect_success TMUX 'the on-screen receipt wraps a long station name as the paper does' '
	tmux_stop && tmux_start && wait_for "接待日" &&
	type_text "LJ-2026-0001" && key Enter && wait_for "LJ-2026-0001" &&
	key 7 && wait_for "查询码" &&
	screen >r &&
	test_grep "青山县白石镇人民代表大会代表联络站第" r &&
	test_grep "一片区代表之家" r
'

test_expect_success TMUX 'intake: the message of 反映问题 is readable beside a box that leaves no room' '
	key Escape && key Escape && wait_for "接待日" &&
	key 1 && wait_for "姓名" && key F2 && wait_for "!反映问题" &&
	screen >err &&
	grep -A1 "!反映问题" err | tail -n 1 >below &&
	test_grep "这一项必须" below
'

test_expect_success TMUX 'the key bar shows ^J for a new line while 反映问题 has the focus' '
	key Escape && wait_for "接待日" && key 1 && wait_for "姓名" &&
	screen >k0 && ! grep -q "\\^J" k0 &&
	key Tab && key Tab && key Tab && key Tab && wait_for "^J 换行" &&
	type_text "第一行" && key C-j && type_text "第二行" && wait_for "第二行" &&
	screen >k1 && grep -q "第一行 *\\]\$" k1 &&
	key C-u && key Tab && wait_gone "^J 换行"
'

test_expect_success TMUX 'English: long labels wrap or end in "…", the message of Issue is readable, ^J is named' '
	tmux_stop && tmux_start -e LANGUAGE=en && wait_for "Reception day" &&
	key 1 && wait_for "Name" && key F2 && wait_for "!Issue" &&
	screen >en &&
	test_grep -x " On-the-spot" en &&
	test_grep -x " answer" en &&
	test_grep "^ Rating on the sp…" en &&
	grep -A1 "!Issue" en | tail -n 1 >below &&
	test_grep "This field is" below &&
	key Tab && key Tab && key Tab && key Tab && wait_for "^J New line"
'

test_expect_success TMUX 'English lists: status and OVERDUE are as wide as their words' '
	jiedai add --name 李四 --category 社会保障 --issue 低保申请 >/dev/null 2>&1 &&
	jiedai handover LJ-2026-0002 --to 镇民政办 --days 1 >/dev/null &&
	JIEDAI_NOW=2026-03-20T09:00:00 && export JIEDAI_NOW &&
	tmux_stop && tmux_start -e LANGUAGE=en && wait_for "Reception day" &&
	key 5 && wait_for "LJ-2026-0002" && screen >l &&
	grep "LJ-2026-0002" l | grep -q "OVERDUE " &&
	grep "LJ-2026-0001" l | grep -q "Signed off "
'

test_expect_success TMUX 'English ticket screen: label and step columns take the width of their words' '
	jiedai add --name 王五 --category 其他 --issue 重复 >/dev/null 2>&1 &&
	jiedai void LJ-2026-0003 --reason 重复登记 >/dev/null &&
	key Escape && wait_for "Reception day" &&
	type_text "LJ-2026-0003" && key Enter && wait_for "Void because" && screen >v &&
	test_grep "^  Void because  重复登记" v &&
	test_grep "  Registered  *[a-z]" v
'

test_expect_success TMUX 'English dialogs wrap their question at words' '
	key Escape && wait_for "Reception day" &&
	type_text "LJ-2026-0002" && key Enter && wait_for "低保申请" &&
	key 6 && wait_for "Reason" && type_text "重复登记" && key F2 &&
	wait_for "Void this item?" && screen >d &&
	test_grep "| history but is no longer handled\." d &&
	key Escape && wait_gone "Void this item?" &&
	test "$(tsv_field LJ-2026-0002 2)" = assigned
'

test_done
