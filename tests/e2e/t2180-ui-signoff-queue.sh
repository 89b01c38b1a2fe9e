#!/bin/sh
test_description='the 销号 queue on the screen: rating and answer method shown, several items marked and signed off with one confirmation'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'setup: four items waiting for sign-off' '
	jiedai init --station-code LJ >/dev/null &&
	for i in 1 2 3 4; do
		jiedai add --name 张三$i --category 其他 --issue 事项$i >/dev/null 2>&1 &&
		jiedai answer LJ-2026-000$i --method 入户回访 --text 已答复 >/dev/null || return 1
	done &&
	jiedai rate LJ-2026-0001 满意 >/dev/null && jiedai rate LJ-2026-0002 基本满意 >/dev/null &&
	jiedai rate LJ-2026-0003 满意 >/dev/null && jiedai rate LJ-2026-0004 满意 >/dev/null
'

test_expect_success TMUX 'the queue shows each item'"'"'s rating and answer method' '
	tmux_start && wait_for "接待日" &&
	key 2 && wait_for "张三4" && wait_for "答复方式" &&
	screen >s && test_grep "LJ-2026-0002 *基本满意 *入户回访" s
'

test_expect_success TMUX 'F6 marks; one that is voided meanwhile is named with the reason, the others are signed off' '
	key F6 && key F6 && key F6 && wait_for "已标记 3 件" &&
	screen >s && test_grep "^ \*LJ-2026-0001" s && test_grep "^ \*LJ-2026-0003" s && ! grep "\*LJ-2026-0004" s &&
	jiedai void LJ-2026-0002 --reason 重复登记 >/dev/null &&
	key F2 && wait_for "给这 3 件事项销号吗" && key 1 &&
	wait_for "已销号 2 件" && wait_for "LJ-2026-0002" && screen >s && test_grep "已作废" s &&
	test "$(tsv_field LJ-2026-0001 2)" = closed && test "$(tsv_field LJ-2026-0003 2)" = closed &&
	test "$(tsv_field LJ-2026-0002 2)" = void && test "$(tsv_field LJ-2026-0004 2)" = ready &&
	for n in 1 3; do
		jiedai show LJ-2026-000$n --format json >show &&
		test $(grep -o "\"kind\":\"signoff\"" show | wc -l) -eq 1 || return 1
	done &&
	jiedai check >/dev/null
'

test_expect_success TMUX 'with nothing marked, F2 signs off the selected item' '
	wait_for "张三4" && key F2 && wait_for "给这 1 件事项销号吗" && key 1 && wait_for "已销号 1 件" &&
	test "$(tsv_field LJ-2026-0004 2)" = closed
'

# The marks go by id, and each marked item is read again before the
# confirmation: one voided in another session meanwhile is named with its
# state, one that cannot be read (its station fields broken behind the
# program's back, with the checks switched off) is named as such and left
# alone, and the result names both while the rest are signed off.
test_expect_success TMUX,SQLITE3 'the confirmation and the result name a marked item voided or unreadable meanwhile' '
	for i in 5 6 7 8; do
		jiedai add --name 李四$i --category 其他 --issue 事项$i >/dev/null 2>&1 &&
		jiedai answer LJ-2026-000$i --method 电话 --text 已答复 >/dev/null &&
		jiedai rate LJ-2026-000$i 满意 >/dev/null || return 1
	done &&
	wait_for "李四8" && key F6 && key F6 && key F6 && wait_for "已标记 3 件" &&
	jiedai void LJ-2026-0006 --reason 重复登记 >/dev/null &&
	sqlite3 "$JIEDAI_DB" "PRAGMA ignore_check_constraints = ON;
		UPDATE tickets SET extra = '"'"'not json'"'"' WHERE number = '"'"'LJ-2026-0007'"'"'" &&
	key F2 && wait_for "给这 3 件事项销号吗" && screen >s &&
	test_grep "LJ-2026-0006（现在：已作废）" s && test_grep "LJ-2026-0007（读" s &&
	key 1 && wait_for "已销号 1 件" && screen >s &&
	sed -n 23p s >status && test_grep "未能销号：LJ-2026-0006（现在：已作废）、LJ-2026-0007（读不出来）" status &&
	test "$(tsv_field LJ-2026-0005 2)" = closed && test "$(tsv_field LJ-2026-0006 2)" = void &&
	test "$(tsv_field LJ-2026-0007 2)" = ready
'

test_done
