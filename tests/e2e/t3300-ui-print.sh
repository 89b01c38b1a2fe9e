#!/bin/sh
test_description='printing receipts from the screen: after saving, reprints, a printer that fails'
. "$(dirname "$0")/test-lib.sh"

DECODE="$JIEDAI_BUILD/tests/helper/escpos-decode"

test_expect_success 'setup: a station with a receipt printer (here a file)' '
	jiedai init --station-code LJ --station-name 陵江镇人大代表联络站 >/dev/null &&
	jiedai day open --deputies 王芳 >/dev/null &&
	jiedai config print_dest "$TRASH/printer.bin" >/dev/null
'

test_expect_success TMUX 'saving an intake prints its receipt at once' '
	tmux_start && wait_for "接待日" && key 1 && wait_for "姓名" &&
	type_text "张三明" && key Tab && type_text "13800138000" && key Tab && key Tab &&
	type_text "农" && key Enter && type_text "水渠失修" && key F2 &&
	wait_for "LJ-2026-0001" && wait_for "回执" &&
	test -s "$TRASH/printer.bin" &&
	jiedai show LJ-2026-0001 >s && test_grep "打印回执" s
'

test_expect_success TMUX,ZBAR 'what reached the printer decodes to the receipt and its QR code' '
	"$DECODE" "$TRASH/printer.bin" --pbm "$TRASH/qr.pbm" >text &&
	test_grep "LJ-2026-0001" text && test_grep "张\*明" text && ! grep -q "张三明" text &&
	zbarimg --nodbus -q --raw "$TRASH/qr.pbm" >payload &&
	grep -q "^JD:LJ-2026-0001:" payload
'

test_expect_success TMUX 'pressing 4 prints again, marked 补打 and recorded as a reprint' '
	rm -f "$TRASH/printer.bin" && key 4 && wait_for "补打" &&
	"$DECODE" "$TRASH/printer.bin" >text && test_grep "补打" text &&
	jiedai show LJ-2026-0001 >s && test_grep "补打回执" s
'

test_expect_success TMUX 'a printer that fails: the ticket stays, no print recorded, offered again' '
	jiedai config print_dest /dev/full >/dev/null &&
	key Escape && wait_for "接待日" && key 1 && wait_for "姓名" &&
	type_text "李四" && key Tab && key Tab && key Tab && type_text "社" && key Enter &&
	type_text "低保申请" && key F2 && wait_for "LJ-2026-0002" && wait_for "4" &&
	screen >s && test_grep "未打印\|没有打印\|打印失败" s &&
	test "$(tsv_field LJ-2026-0002 2)" = registered &&
	jiedai show LJ-2026-0002 >h && ! grep -q "打印回执" h
'

test_done
