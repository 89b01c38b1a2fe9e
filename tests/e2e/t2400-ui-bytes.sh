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

# The home screen's look-up line is one row 40 columns wide: 27 characters
# fill it and scroll it.  Scrolling by half a width at a time redraws it
# once here, not at each of the last seven characters.
test_expect_success TMUX 'bytes per typed Chinese character in the home look-up line' '
	tmux_stop && JIEDAI_DB=look.db jiedai init --station-code LJ >/dev/null &&
	tmux_start -e JIEDAI_DB="$TRASH/look.db" && wait_for "退出" &&
	bytes_start "$TRASH/bytes" &&
	typed= &&
	for ch in $(printf "%s" "$TEXT" | grep -o .); do
		typed="$typed$ch" &&
		type_text "$ch" &&
		wait_for "$(printf "%s" "$typed" | grep -o . | tail -n 4 | tr -d "\n")" 5 || return 1
	done &&
	bytes_stop &&
	n=$(printf "%s" "$TEXT" | grep -o . | wc -l) &&
	b=$(wc -c <"$TRASH/bytes") &&
	echo "$b bytes for $n characters" >"$TRASH/figure" &&
	test "$b" -le $((5 * n))
'

say "$(cat "$TRASH/figure" 2>/dev/null) in the look-up line"

# Moving the selection in a list rewrites the selected mark (the number in
# reverse video) of two rows, not the two rows whole (some 220 bytes at 80
# columns, 290 at 100).
test_expect_success 'bytes per Down and Up in the list of tickets' '
	JIEDAI_DB=list.db jiedai gen 200 --seed 2 >/dev/null 2>&1 &&
	JIEDAI_DB=list.db "$JIEDAI_BUILD/tests/helper/jd-drive" -x 80 -y 24 wait:F10 quiet:300 \
		key:F5 wait:AA- quiet:300 keys:Down:8:100 keys:Up:4:100 kill -- "$JIEDAI" >drive &&
	grep bytes_per_key drive | cut -d" " -f2 >per_key &&
	echo "$(tr "\n" " " <per_key)bytes per Down, per Up" >"$TRASH/figure" &&
	test "$(wc -l <per_key)" -eq 2 &&
	while read b; do
		awk -v b="$b" "BEGIN { exit !(b > 0 && b <= 100) }" || return 1
	done <per_key
'

say "$(cat "$TRASH/figure" 2>/dev/null) in the list (80 columns)"

# Saving an intake (F2) until the receipt screen is complete: each write is
# a packet of its own over SSH.  One paint is one write, and one more when
# the cursor is hidden (the form shows it, the receipt does not); ncurses
# 6.4 made it some forty until the screen had been left and resumed once.
# The key after the save (x, which the receipt screen ignores) ends the count.
test_expect_success STRACE 'saving an intake writes the receipt screen in at most two writes' '
	JIEDAI_DB=save.db jiedai init --station-code LJ >/dev/null &&
	JIEDAI_DB=save.db jiedai day open --deputies 王芳 >/dev/null 2>&1 &&
	JIEDAI_DB=save.db ASAN_OPTIONS=detect_leaks=0 "$JIEDAI_BUILD/tests/helper/jd-drive" -x 100 -y 30 \
		wait:F10 quiet:300 key:F2 wait:Esc quiet:300 type:张三 key:Tab quiet:100 \
		type:13800138000 key:Tab quiet:100 key:Tab quiet:100 type:农 quiet:300 key:Enter quiet:200 \
		type:水渠失修 quiet:300 key:F2 wait:LJ-2026-0001 quiet:300 key:x quiet:300 key:F10 quiet:300 \
		key:F10 exit -- strace -qq -e trace=read,write -o trace "$JIEDAI" >drive &&
	JIEDAI_DB=save.db jiedai list --format tsv | cut -f1 | tail -n 1 >n &&
	echo LJ-2026-0001 >expect && test_cmp expect n &&
	awk "/^read\\(0, \"Q\"/ { n = 0; on = 1; next }
	     /^read\\(0, \"x\"/ { if (on) print n; on = 0 }
	     on && /^write\\(1,/ { n++ }" trace >writes &&
	echo "$(cat writes) writes" >"$TRASH/figure" &&
	test -s writes && test "$(cat writes)" -le 2
'

say "$(cat "$TRASH/figure" 2>/dev/null) from F2 to the complete receipt screen"

# A key that changes nothing does nothing: no paint, no doupdate, no read
# of the ledger, no byte to the terminal.  From the key's last byte to the
# loop's next wait for a key (a poll of a quarter second) there is not one
# system call.  F12 (ESC [ 2 4 ~) is bound on no screen; Up (ESC O A) on a
# ticket that fits the screen has nothing to scroll.  The report's paint
# reads the ledger and every doupdate blocks SIGTSTP, so a paint would show
# here either way.  The awk prints the count after each such key.
cat >"$TRASH/calls.awk" <<\EOF
/^read\(0, / {
	c = $0
	sub(/^read\(0, "/, "", c)
	sub(/".*/, "", c)
	if ((c == "~" && last == "4") || (c == "A" && last == "O")) {
		on = 1
		n = 0
	}
	last = c
	next
}
on && /^poll\(\[\{fd=0, events=POLLIN\}\], 1, 250\)/ { print n; on = 0; next }
on { n++ }
EOF

test_expect_success STRACE 'a key that changes nothing makes no system call at all' '
	JIEDAI_DB=none.db jiedai init --station-code LJ >/dev/null &&
	JIEDAI_DB=none.db jiedai day open --deputies 王芳 >/dev/null 2>&1 &&
	JIEDAI_DB=none.db jiedai add --name 张三 --phone 13800138000 --category 农业农村 \
		--issue 水渠失修 >/dev/null 2>&1 &&
	JIEDAI_DB=none.db ASAN_OPTIONS=detect_leaks=0 "$JIEDAI_BUILD/tests/helper/jd-drive" -x 100 -y 30 \
		wait:F10 quiet:300 key:F12 quiet:300 key:F7 wait:Esc quiet:300 key:F12 quiet:300 \
		key:Esc quiet:300 type:LJ-2026-0001 key:Enter wait:水渠失修 quiet:300 key:F12 quiet:300 \
		key:Up quiet:300 key:Esc quiet:300 key:F10 exit -- strace -qq -o trace "$JIEDAI" >drive &&
	awk -f "$TRASH/calls.awk" trace >calls &&
	echo "$(tr "\n" " " <calls)system calls after each" >"$TRASH/figure" &&
	printf "0\n0\n0\n0\n" >expect && test_cmp expect calls
'

say "$(cat "$TRASH/figure" 2>/dev/null) of F12 on the home, report and ticket screens and Up on the ticket"

test_done
