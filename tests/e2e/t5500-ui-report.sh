#!/bin/sh
test_description='the statistics screen: months, figures, bar charts and the public register, driven in tmux'
. "$(dirname "$0")/test-lib.sh"
. "$JIEDAI_SRC/tests/e2e/lib-report-ledger.sh"

# The screen with runs of spaces squeezed, for matching figures.
squeezed() {
	screen | sed "s/  */ /g; s/^ //"
}

# wait_squeezed LINE: poll until the squeezed screen has LINE, whole: a header
# drawn first can match while the lines below are still on their way.
wait_squeezed() {
	i=0
	while [ $i -lt 200 ]; do
		squeezed | grep -qx -- "$1" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	echo "wait_squeezed: '$1' did not appear" >&2
	squeezed >&2
	return 1
}

# blocks TEXT: the number of full blocks on the screen line that starts with TEXT.
blocks() {
	screen | sed "s/^ *//" | grep "^$1 " | head -n 1 | grep -o "█" | wc -l
}

test_expect_success 'setup: the hand-built ledger' '
	build_report_ledger
'
export JIEDAI_NOW=2026-04-01T10:00:00

# Started here, in the script's own shell (test-lib stops it however the script ends).
if test_have_prereq TMUX; then
	test_expect_success_here 'start the screen alone (jiedai ui --report)' '
		tmux_start -e LANGUAGE=en -- "$JIEDAI" ui --report
	'
fi

test_expect_success TMUX 'opens on this month' '
	wait_for "2026-04: 2026-04-01 to 2026-04-30" &&
	squeezed >s && test_grep -x "Issues registered 1" s && test_grep -x "Reception days held 0" s
'

test_expect_success TMUX 'the previous month: every figure of the hand count' '
	key Left &&
	wait_for "2026-03: 2026-03-01 to 2026-03-31" &&
	wait_squeezed "Average days to answer 3.25" &&
	squeezed >s &&
	test_grep -x "Reception days held 2" s &&
	test_grep -x "Voters received 6" s &&
	test_grep -x "Issues registered 7 1 voided, not counted" s &&
	test_grep -x "Answered 4" s &&
	test_grep -x "Resolved (满意/基本满意) 3 42.86 % of issues" s &&
	test_grep -x "Satisfaction 75.00 %" s &&
	test_grep -x "Overdue now 2" s &&
	test_grep -x "Average days to answer 3.25" s
'

test_expect_success TMUX 'the category chart: numbers written beside bars of full blocks' '
	type_text 2 &&
	wait_for "[2 By category]" &&
	wait_squeezed "农业农村 - 2 2 1 1 50.00 1 5.00" &&
	squeezed >s &&
	test_grep "^农业农村 2 █" s && test_grep "^城建交通 2 █" s &&
	test_grep "^社会保障 2 █" s && test_grep "^教科文卫 1 █" s &&
	test $(blocks 农业农村) -eq 40 && test $(blocks 城建交通) -eq 40 &&
	test $(blocks 教科文卫) -eq 20 &&
	test_grep "^农业农村 - 2 2 1 1 50.00 1 5.00$" s &&
	! grep "环境保护" s
'

test_expect_success TMUX 'by deputy and by reception day' '
	type_text 3 &&
	wait_for "[3 By deputy]" && wait_for "李强" &&
	test $(blocks 王芳) -eq 40 && test $(blocks 李强) -eq 30 &&
	squeezed >s && test_grep "^王芳 4 █" s && test_grep "^李强 3 █" s &&
	key Tab &&
	wait_for "[4 By reception day]" &&
	wait_squeezed "2026-03-03 1 3 4 2 2 66.67 2 2.50" &&
	test $(blocks 2026-03-03) -eq 40 && test $(blocks 2026-03-17) -eq 20 &&
	test $(blocks "(other days)") -eq 10 &&
	squeezed >s && test_grep "^2026-03-03 1 3 4 2 2 66.67 2 2.50$" s
'

test_expect_success TMUX 'the public register, masked, scrolled with PgDn' '
	type_text 5 &&
	wait_for "LJ-2026-0002" &&
	screen >s1 &&
	test_grep -F "张*明" s1 && test_grep -F "138****8000" s1 &&
	for w in 张三明 13800138000 李四 5551234 钱七; do ! grep -F "$w" s1 || exit 1; done &&
	! grep -F "LJ-2026-0009" s1 &&
	key NPage &&
	wait_for "LJ-2026-0009" && wait_for "Lines 18" &&
	screen >s2 &&
	! grep -F "LJ-2026-0007" s2 &&
	test_grep "Lines 18" s2 &&
	key Home &&
	wait_for "Lines 1–"
'

test_expect_success TMUX 'the next month again; Esc goes back to the home screen' '
	key Right &&
	wait_for "LJ-2026-0010" && wait_for "郑*一" &&
	screen >s3 && test_grep -F "郑*一" s3 && ! grep -F "郑十一" s3 &&
	key Escape && wait_for "Statistics and the register" &&
	key 7 && wait_for "as of 2026-04-01" &&
	key Escape && key F10 && wait_for "[exited 0]"
'

test_done
