#!/bin/sh
test_description='jiedai receipt: text, ESC/POS read back to the same text and QR, QR images'
. "$(dirname "$0")/test-lib.sh"

DECODE="$JIEDAI_BUILD/tests/helper/escpos-decode"
PTY="$JIEDAI_BUILD/tests/helper/jd-pty"

# The text receipt with its payload line standing for the image, blanks trimmed.
normalise_text() {
	sed -e 's/^ *//' -e 's/ *$//' -e "s/^$1\$/[image]/" "$2"
}

test_expect_success 'setup' '
	test -x "$DECODE" &&
	jiedai init --station-code LJ --station-name 陵江镇人大代表联络站 --station-phone 0817-1234567 >/dev/null &&
	jiedai add --name 张三明 --phone 13800138000 --address 陵江镇二村三组 --category 农业农村 \
		--issue "村里的灌溉水渠年久失修春耕用水困难希望尽快修好" >/dev/null &&
	jiedai show LJ-2026-0001 | awk "NR==2 {print \$NF}" >check &&
	test -s check
'
check=$(cat check 2>/dev/null)
payload="JD:LJ-2026-0001:$check"

test_expect_success 'the text receipt masks the voter and carries the payload' '
	jiedai receipt LJ-2026-0001 >r.txt &&
	test_grep "张\*明" r.txt && test_grep "138\*\*\*\*8000" r.txt &&
	test_grep "$payload" r.txt &&
	! grep -q "张三明" r.txt && ! grep -q 13800138000 r.txt && ! grep -q 二村三组 r.txt
'

test_expect_success ZBAR 'escpos at 58 mm decodes back to the same text and QR payload' '
	jiedai receipt LJ-2026-0001 --format escpos --profile 58mm -o r.bin &&
	"$DECODE" r.bin --pbm qr.pbm --max-cols 32 >decoded &&
	sed "s/^\[image 384x[0-9]*\]\$/[image]/" decoded >actual &&
	jiedai receipt LJ-2026-0001 --format text --profile 58mm >r58.txt &&
	normalise_text "$payload" r58.txt >expect &&
	test_cmp expect actual &&
	zbarimg --nodbus -q --raw qr.pbm >qr.out &&
	echo "$payload" >expect && test_cmp expect qr.out
'

test_expect_success ZBAR 'escpos at 80 mm: the image spans 576 dots and decodes' '
	jiedai receipt LJ-2026-0001 --format escpos --profile 80mm --stub -o r80.bin &&
	"$DECODE" r80.bin --pbm qr80.pbm --max-cols 48 >decoded &&
	test_grep "^\[image 576x" decoded &&
	test_grep "张三明" decoded && test_grep "陵江镇二村三组" decoded &&
	zbarimg --nodbus -q --raw qr80.pbm >qr.out &&
	echo "$payload" >expect && test_cmp expect qr.out
'

test_expect_success 'the native QR (GS ( k) holds the payload' '
	jiedai receipt LJ-2026-0001 --format escpos --qr native -o n.bin &&
	"$DECODE" n.bin >decoded &&
	echo "[qr $payload]" >expect && grep "^\[qr" decoded >actual && test_cmp expect actual &&
	! grep -q "^\[image" decoded
'

test_expect_success ZBAR 'the QR alone as PBM and PNG (extension decides) decodes' '
	jiedai receipt LJ-2026-0001 -o q.pbm && head -c 2 q.pbm | grep -q P4 &&
	zbarimg --nodbus -q --raw q.pbm >out && echo "$payload" >expect && test_cmp expect out &&
	jiedai receipt LJ-2026-0001 -o q.png &&
	zbarimg --nodbus -q --raw q.png >out && test_cmp expect out &&
	jiedai receipt LJ-2026-0001 --format pbm >piped.pbm && cmp q.pbm piped.pbm
'

test_expect_success 'a station URL template goes into the QR, and is read back by show' '
	jiedai config qr_url "https://rd.cn/q/{number}/{check}" >/dev/null &&
	jiedai receipt LJ-2026-0001 >u.txt &&
	test_grep "https://rd.cn/q/LJ-2026-0001/$check" u.txt &&
	jiedai show "https://rd.cn/q/LJ-2026-0001/$check" >out && test_grep 张三明 out &&
	jiedai config qr_url "" >/dev/null
'

test_expect_success 'Chinese punctuation and rare characters stay inside 58 mm, with a warning' '
	jiedai add --name 王𠮷 --category 其他 \
		--issue "“春耕”用水……村口的路灯坏了·已经三个月·晚上出行很不方便（急）" >/dev/null &&
	LANGUAGE=en jiedai receipt LJ-2026-0002 --format escpos --stub -o w.bin 2>err &&
	test_grep "𠮷" err && test_grep "□" err &&
	"$DECODE" w.bin --max-cols 32 >decoded &&
	test_grep "王\*" decoded && test_grep "王□" decoded && ! grep -q "𠮷" decoded &&
	jiedai receipt LJ-2026-0002 --format escpos -o w2.bin 2>err && ! grep -q "□" err
'

test_expect_success 'binary output is not written to a terminal' '
	test_exit_code 1 "$PTY" pty.out "$JIEDAI" receipt LJ-2026-0001 --format escpos &&
	! grep -q "$(printf "\033@")" pty.out &&
	"$PTY" pty.out "$JIEDAI" receipt LJ-2026-0001 >/dev/null && grep -q "$payload" pty.out
'

test_expect_success 'writing a receipt is not a print: nothing is recorded' '
	jiedai show --format json LJ-2026-0001 >out &&
	! grep -q "\"kind\":\"print\"" out && ! grep -q "\"kind\":\"reprint\"" out
'

test_expect_success 'unknown and void tickets get no receipt' '
	test_exit_code 1 jiedai receipt LJ-2026-0099 2>err &&
	jiedai void LJ-2026-0002 --reason 登记重复 >/dev/null &&
	test_exit_code 1 jiedai receipt LJ-2026-0002 -o v.txt 2>err && test_grep LJ-2026-0002 err &&
	test_exit_code 2 jiedai receipt LJ-2026-0001 --format pdf 2>err
'

test_done
