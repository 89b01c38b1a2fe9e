#!/bin/sh
test_description='the home screen look-up line forgives how a number is typed'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'setup: LJ-2025-0001, LJ-2026-0001 and LJ-2026-0002' '
	jiedai init --station-code LJ >/dev/null &&
	JIEDAI_NOW=2025-06-01T09:00 jiedai add --name 王五 --category 其他 --issue 去年的事 >/dev/null &&
	jiedai add --name 张三 --category 农业农村 --issue 水渠失修 >/dev/null &&
	jiedai add --name 李四 --category 社会保障 --issue 低保申请 >/dev/null
'

test_expect_success TMUX 'lj2026-2 opens LJ-2026-0002' '
	tmux_start && wait_for "接待日" &&
	type_text "lj2026-2" && key Enter && wait_for "低保申请" && screen >s &&
	test_grep "LJ-2026-0002" s
'

test_expect_success TMUX 'full-width letters and digits from an input method' '
	key Escape && wait_for "接待日" &&
	type_text "ＬＪ２０２５－１" && key Enter && wait_for "去年的事"
'

test_expect_success TMUX 'when several fit, the status line names them and nothing opens' '
	key Escape && wait_for "接待日" &&
	type_text "lj1" && key Enter && wait_for "LJ-2025-0001" && screen >s &&
	test_grep "LJ-2026-0001" s && ! grep -q "水渠失修" s && ! grep -q "去年的事" s
'

test_done
