#!/bin/sh
test_description='the list search line: a typed character is echoed at once, the rows and counts follow when typing pauses'
. "$(dirname "$0")/test-lib.sh"

DRIVE="$JIEDAI_BUILD/tests/helper/jd-drive"

test_expect_success 'setup: tickets the search tells apart' '
	jiedai init --station-code LJ >/dev/null && jiedai day open --deputies 王芳 >/dev/null &&
	for n in 张三 张伟 李四 李娜 王五 赵六 孙七 周八; do
		jiedai add --name $n --category 其他 --issue "路灯不亮$n" >/dev/null || return 1
	done
'

# A long pause before the rows follow (JIEDAI_IDLE_MS), so that "typed at
# once" and "drawn later" cannot run together on a busy machine.
test_expect_success 'each character costs its echo alone; the rows come after the pause' '
	JIEDAI_IDLE_MS=1500 "$DRIVE" -t 30 -x 100 -y 30 wait:F10 key:F5 wait:周八 quiet:300 \
		type:查无此人 wait:没有事项 kill -- "$JIEDAI" >out 2>err &&
	awk "\$1 == \"bytes_per_char\" { print \$2 }" out >b && test -s b &&
	echo "$(cat b) bytes per typed character in the search line" >"$TRASH/figure" &&
	awk "{ exit !(\$1 <= 8) }" b
'

say "$(cat "$TRASH/figure" 2>/dev/null) (3 is the UTF-8 itself)"

test_expect_success TMUX 'the counts of the four tabs follow the words' '
	tmux_start && wait_for "0  退出" && key F5 && wait_for "全部 8" &&
	type_text "路灯不亮张" && wait_for "全部 2" && wait_for "待销号 0" && wait_for "在办 2" &&
	key BSpace BSpace BSpace BSpace BSpace && wait_for "全部 8" && wait_for "在办 8" &&
	tmux_stop
'

test_expect_success 'Enter right after typing opens the ticket the words find, not the row shown before' '
	JIEDAI_IDLE_MS=1500 "$DRIVE" -t 30 -x 100 -y 30 wait:F10 key:F5 wait:周八 quiet:300 \
		type:李四 key:Enter wait:第3位选民 kill -- "$JIEDAI" >out 2>err
'

# The pause adapts to the search (10 ms here), so the rows may come while
# the words are still being typed: the last character must bring its own
# (the first row becomes 李娜's, LJ-2026-0004, shown selected).
test_expect_success 'with the pause as it adapts: typed words find their rows' '
	"$DRIVE" -t 30 -x 100 -y 30 wait:F10 key:F5 wait:周八 quiet:300 \
		type:路灯不亮李 wait:LJ-2026-0004 kill -- "$JIEDAI" >out 2>err
'

test_done
