#!/bin/sh
test_description='the receipt on the screen says what the paper says: one builder for both'
. "$(dirname "$0")/test-lib.sh"

# A ticket whose receipt has every part that is read from the ledger: a
# paper record entered afterwards (补录), corrected since (更正), printed
# once (so the next print is 补打), and the station's phone.
test_expect_success 'setup: a 补录 ticket, corrected and printed once' '
	jiedai init --station-code LJ --station-name 陵江镇人大代表联络站 >/dev/null &&
	jiedai config station_phone 023-12345678 >/dev/null &&
	jiedai day open --date 2026-03-03 --deputies 赵敏 >/dev/null &&
	jiedai add --day 2026-03-03 --name 张三明 --phone 13800138000 --category 农业农村 \
		--issue 水渠失修 --deputy 赵敏 >/dev/null &&
	jiedai correct LJ-2026-0001 --phone 13900139000 >/dev/null &&
	jiedai print LJ-2026-0001 --to ./paper.bin >/dev/null &&
	jiedai receipt LJ-2026-0001 --no-stub --format text >paper &&
	test_grep "补打" paper && test_grep "更正" paper && test_grep "023-12345678" paper
'

# The preview is 36 columns wide and the 58 mm paper 32, so the lines wrap
# at other places: both are compared as one string without blanks, rules
# and (on the screen) the QR code's half blocks, or (on paper, which cannot
# draw it) the QR code's text.
test_expect_success TMUX 'the preview from the ticket screen is the text receipt, 补打 and all' '
	tmux_start -x 100 -y 40 && wait_for "退出" && type_text LJ-2026-0001 && key Enter &&
	wait_for "水渠失修" && key 7 && wait_for "查询码" && wait_for "补打" &&
	screen >shown &&
	sed -n "4,37p" shown | sed "s/▀//g; s/▄//g; s/█//g; s/ //g" | grep -v "^-*\$" | tr -d "\n" >on-screen &&
	grep -v "^ *JD:" paper | sed "s/ //g" | grep -v "^-*\$" | tr -d "\n" >on-paper &&
	test -s on-paper && test_cmp on-paper on-screen
'

test_done
