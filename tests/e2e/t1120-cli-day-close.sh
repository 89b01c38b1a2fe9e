#!/bin/sh
test_description='closing the day: the day'"'"'s list (当日接待登记表) as text, XLSX, ESC/POS or on the printer, with the check code'
. "$(dirname "$0")/test-lib.sh"
. "$JIEDAI_SRC/tests/e2e/lib-report-ledger.sh"

test_expect_success 'setup: a reception day with three voters, one answered on the spot' '
	jiedai init --station-code LJ --station-name 陵江镇人大代表联络站 >/dev/null &&
	jiedai day open --deputies 王芳,李强 --place 陵江镇便民服务中心 >/dev/null &&
	jiedai add --name 张三明 --phone 13800138000 --category 农业农村 \
		--issue "村里的灌溉水渠年久失修，春耕用水困难，希望镇里尽快安排人员维修，最好在三月底以前修好，不要耽误今年的春耕生产" >/dev/null &&
	jiedai add --name 张三明 --phone 13800138000 --category 城建交通 --issue 路灯不亮 >/dev/null &&
	jiedai add --name 欧阳娜娜 --category 社会保障 --issue 低保怎么申请 --on-the-spot 已解释 >/dev/null &&
	jiedai add --name 李四 --category 其他 --issue 别的事 >/dev/null
'

test_expect_success 'day close closes the day and lists it: 第N位, masked names, category, issue in short, status' '
	jiedai day close >out &&
	jiedai day show 2026-03-10 >shown && test_grep "已结束" shown &&
	test_grep "当日接待登记表" out && test_grep "陵江镇便民服务中心" out && test_grep "王芳、李强" out &&
	test_grep "^第1位 *LJ-2026-0001 *张\*明 *农业农村 *村里的灌溉水渠" out &&
	test_grep "^第1位 *LJ-2026-0002 *张\*明 *城建交通 *路灯不亮 *已登记\$" out &&
	test_grep "^第2位 *LJ-2026-0003 *欧\*\*娜 *社会保障 *低保怎么申请 *已答复\$" out &&
	! grep "张三明\|欧阳娜娜\|13800138000" out &&
	test_grep "…" out &&
	test_grep "接待选民 3 人，登记事项 4 件" out
'

test_expect_success 'the foot carries the ledger check code: check --anchor finds it' '
	code=$(grep -o "台账校验码 [0-9A-F-]*" out | cut -d" " -f2) && test -n "$code" &&
	jiedai check --anchor "$code" >chk && test_grep "$code" chk &&
	jiedai check >chk && test_grep "$code" chk
'

test_expect_success 'a closed day is not closed again: its list comes out once more' '
	jiedai day close --date 2026-03-10 >again 2>err &&
	test_grep "已经结束\|closed already" err &&
	grep -v "台账校验码\|校验码" again >a && grep -v "台账校验码\|校验码" out >b && test_cmp b a &&
	test_exit_code 1 jiedai day close 2>err && test_grep "没有进行中的接待日" err &&
	test_exit_code 1 jiedai day close --date 2026-03-11 2>err && test_grep "2026-03-11" err
'

test_expect_success 'the list as XLSX and ESC/POS, and on the receipt printer' '
	jiedai day close --date 2026-03-10 -o day.xlsx >msg 2>/dev/null && test_grep "day.xlsx" msg &&
	xlsx_cells day.xlsx >cells && test_grep "欧\*\*娜" cells && test_grep "台账校验码" cells &&
	! grep "欧阳娜娜" cells &&
	jiedai day close --date 2026-03-10 --format escpos -o day.bin 2>/dev/null >/dev/null &&
	printf "\033@" >esc && head -c 2 day.bin | cmp - esc &&
	jiedai config print_dest ./spool.bin >/dev/null &&
	jiedai day close --date 2026-03-10 --print >msg 2>/dev/null && test_grep "spool.bin" msg && test -s spool.bin
'

test_expect_success 'an open day of an earlier date is closed by its date, and its list names it' '
	JIEDAI_NOW=2026-03-17T09:00:00 jiedai day open --deputies 王芳 >/dev/null &&
	JIEDAI_NOW=2026-03-17T09:10:00 jiedai add --name 赵六 --category 其他 --issue 十七号的事 >/dev/null &&
	JIEDAI_NOW=2026-03-18T08:00:00 jiedai day close --date 2026-03-17 >out &&
	test_grep "2026-03-17" out && test_grep "第1位 *LJ-2026-0005 *赵\*" out && ! grep "LJ-2026-0001" out
'

test_expect_success 'a full disk after closing: exit 4, the day is closed, and how to get the list again' '
	JIEDAI_NOW=2026-03-24T09:00:00 jiedai day open --deputies 王芳 >/dev/null &&
	JIEDAI_NOW=2026-03-24T12:00:00 test_exit_code 4 jiedai day close >/dev/full 2>err &&
	test_grep "day close --date 2026-03-24" err &&
	jiedai day show 2026-03-24 >shown && test_grep "已结束" shown
'

test_done
