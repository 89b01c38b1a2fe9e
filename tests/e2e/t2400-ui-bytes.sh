#!/bin/sh
test_description='slow links: typing a Chinese character in a field writes only a few bytes'
. "$(dirname "$0")/test-lib.sh"

TEXT="村里的灌溉水渠年久失修春耕用水困难希望镇里尽快安排维修"

test_expect_success 'setup' '
	jiedai init --station-code LJ >/dev/null && jiedai day open --deputies 王芳 >/dev/null
'

test_expect_success TMUX 'bytes written per typed Chinese character in the issue field' '
	tmux_start && wait_for "1" && key 1 && wait_for "姓名" &&
	key Tab Tab Tab Tab && wait_for "用选民自己的话" &&
	bytes_start "$TRASH/bytes" &&
	type_slowly "$TEXT" &&
	bytes_stop &&
	n=$(printf "%s" "$TEXT" | grep -o . | wc -l) &&
	b=$(wc -c <"$TRASH/bytes") &&
	echo "$b bytes for $n characters" >"$TRASH/figure" &&
	test "$b" -ge $((3 * n)) &&
	test "$b" -le $((4 * n))
'

say "$(cat "$TRASH/figure" 2>/dev/null) (the floor is 3 per character, the UTF-8 itself)"

test_done
