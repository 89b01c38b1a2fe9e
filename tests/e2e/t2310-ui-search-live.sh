#!/bin/sh
test_description='a searched list under live updates, and scanned receipts typed into search lines'
. "$(dirname "$0")/test-lib.sh"

# The check code of a ticket, as its receipt's QR code carries it.
check_of() {
	jiedai show --format json "$1" | sed -n 's/.*"check_code":"\([A-Z0-9]*\)".*/\1/p'
}

test_expect_success 'setup' '
	jiedai init --station-code LJ >/dev/null &&
	jiedai add --name 张三 --phone 13800138000 --category 农业农村 --issue 灌溉水渠年久失修 >/dev/null &&
	jiedai add --name 李四 --category 社会保障 --issue 低保申请 >/dev/null &&
	jiedai add --name 张小明 --category 城建交通 --issue 路灯不亮 >/dev/null &&
	# More than a screenful of matches for 张, so that the list keeps a window.
	i=1 &&
	while [ $i -le 20 ]; do
		jiedai add --name "张村民$i" --category 其他 --issue "村民反映第${i}件事" >/dev/null || return 1
		i=$((i + 1))
	done
'

test_expect_success TMUX 'a new ticket above the kept place in a newest-first search is announced' '
	tmux_start && wait_for "接待日" && key 5 && wait_for "LJ-2026-0023" &&
	type_text "张" && wait_for "共 22 件" &&
	key Down &&
	jiedai add --name 张大山 --category 其他 --issue 村道破损 >/dev/null &&
	wait_for "共 23 件" && wait_for "↑ 有 1 条新记录" && screen >s &&
	! grep -q "张大山" s
'

test_expect_success TMUX 'the sign stays until the new row is scrolled into view' '
	key Up && screen >s && test_grep "↑ 有 1 条新记录" s &&
	key Up && wait_for "张大山" && wait_gone "条新记录"
'

test_expect_success TMUX 'a ticket added below the place (oldest first) is not announced' '
	key Escape && key Escape && wait_for "接待日" && key 4 && wait_for "在办 24" &&
	jiedai add --name 王五 --category 其他 --issue 噪音 >/dev/null &&
	wait_for "在办 25" && screen >s && ! grep -q "新记录" s
'

test_expect_success TMUX 'a receipt scanned into the list search line: back from its ticket, the box is empty' '
	check=$(check_of LJ-2026-0001) && test -n "$check" &&
	key Escape && wait_for "接待日" && key 5 && wait_for "LJ-2026-0025" &&
	type_text "JD:LJ-2026-0001:$check" && key Enter && wait_for "灌溉水渠年久失修" &&
	key Escape && wait_for "LJ-2026-0025" && screen >s &&
	grep "查找" s | grep -q "\\[ *\\]" &&
	test_grep "王五" s
'

test_expect_success TMUX 'a refused receipt (wrong code) is taken out of the search line too' '
	type_text "JD:LJ-2026-0001:XXXXX" && key Enter && wait_for "查询码" &&
	screen >s && grep "查找" s | grep -q "\\[ *\\]" &&
	test_grep "王五" s
'

test_expect_success TMUX 'a receipt scanned on the home screen leaves the look-up line empty' '
	key Escape && wait_for "接待日" &&
	type_text "JD:LJ-2026-0002:$(check_of LJ-2026-0002)" && key Enter && wait_for "低保申请" &&
	key Escape && wait_for "接待日" && screen >s &&
	grep "编号或扫描回执" s | grep -q "\\[ *\\]"
'

test_expect_success TMUX 'a typed ledger number stays in the search line (it is a search too)' '
	key 5 && wait_for "LJ-2026-0025" &&
	type_text "LJ-2026-0003" && key Enter && wait_for "路灯不亮" &&
	key Escape && wait_for "查找" && screen >s &&
	grep "查找" s | grep -q "LJ-2026-0003"
'

test_done
