#!/bin/sh
test_description='the handover screen counts its days past holidays, and warns past the calendar'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'setup' '
	jiedai init --station-code LJ >/dev/null &&
	JIEDAI_NOW=2026-09-16T09:00 jiedai add --name 张三 --category 城建交通 --issue 路灯不亮 >/dev/null &&
	JIEDAI_NOW=2026-12-20T09:00 jiedai add --name 李四 --category 其他 --issue 年底的事 >/dev/null
'

test_expect_success TMUX '15 days from 16 September end on 1 October: the deadline is the 8th' '
	tmux_start -e JIEDAI_NOW=2026-09-16T10:00:00 && wait_for "接待日" &&
	type_text "LJ-2026-0001" && key Enter && wait_for "路灯不亮" &&
	key 1 && wait_for "承办单位" && type_text "镇建设办" && key F2 && wait_for "已交办" &&
	test "$(tsv_field LJ-2026-0001 14)" = 2026-10-08
'

test_expect_success TMUX 'a deadline past the last year of the calendar is saved, with a warning' '
	tmux_start -e JIEDAI_NOW=2026-12-20T10:00:00 && wait_for "接待日" &&
	type_text "LJ-2026-0002" && key Enter && wait_for "年底的事" &&
	key 1 && wait_for "承办单位" && type_text "镇政府" && key F2 && wait_for "已交办" &&
	wait_for "2027-01-04" && screen >s && test_grep "2027" s &&
	test "$(tsv_field LJ-2026-0002 14)" = 2027-01-04
'

test_done
