#!/bin/sh
test_description='补录: paper records of an earlier reception day entered afterwards'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'setup: today'"'"'s day is open with one ticket' '
	jiedai init --station-code LJ >/dev/null &&
	jiedai day open --deputies 王芳,李强 >/dev/null &&
	jiedai add --name 甲 --category 其他 --issue 今天的 --deputy 王芳 >n &&
	echo LJ-2026-0001 >expect && test_cmp expect n
'

test_expect_success 'day open --date <past> enters that day closed; today stays open' '
	jiedai day open --date 2026-03-03 --deputies 赵敏,钱七 --place 陵江镇二村 >out &&
	test_grep "2026-03-03（已结束）" out && test_grep "赵敏、钱七" out &&
	test_grep "jiedai add --day 2026-03-03" out &&
	jiedai day show >today && test_grep "2026-03-10（进行中）" today &&
	jiedai add --name 乙 --category 其他 --issue 今天的第二位 --deputy 李强 >n &&
	test "$(tsv_field "$(cat n)" 5)" = 2026-03-10 && test "$(tsv_field "$(cat n)" 6)" = 2
'

test_expect_success 'add --day: that day'"'"'s date and 第N位, numbers in order of entry, marked 补录' '
	jiedai add --day 2026-03-03 --name 张三 --phone 13800138000 --category 农业农村 \
		--issue 水渠 --deputy 赵敏 >n1 2>err &&
	test_grep "补录" err && test_grep "2026-03-03" err &&
	jiedai add --day 2026-03-03 --name 张三 --phone 13800138000 --category 城建交通 \
		--issue 路灯 --deputy 赵敏 >n2 &&
	jiedai add --day 2026-03-03 --name 李四 --category 社会保障 --issue 低保 --deputy 钱七 >n3 &&
	cat n1 n2 n3 >actual && printf "%s\n" LJ-2026-0003 LJ-2026-0004 LJ-2026-0005 >expect &&
	test_cmp expect actual &&
	jiedai list --day 2026-03-03 --format tsv | tail -n +2 | cut -f1,4,5,6,7,12 >actual &&
	printf "%s\n" \
		"LJ-2026-0003	2026-03-03 00:00:00	2026-03-03	1	张三	赵敏" \
		"LJ-2026-0004	2026-03-03 00:00:00	2026-03-03	1	张三	赵敏" \
		"LJ-2026-0005	2026-03-03 00:00:00	2026-03-03	2	李四	钱七" >expect &&
	test_cmp expect actual
'

test_expect_success 'who entered it and when: show, the history, the receipt' '
	jiedai show LJ-2026-0003 >out &&
	test_grep "登记时间 *2026-03-03$" out && test_grep "补录 *2026-03-10 09:30:00，root 录入" out &&
	test_grep "2026-03-03 接待日的纸质登记" out &&
	jiedai show --format json LJ-2026-0003 >j && test_grep "\"kind\":\"backfill\"" j &&
	jiedai receipt LJ-2026-0003 >r && test_grep "补录：2026-03-10 09:30" r &&
	test_grep "登记时间：2026-03-03" r &&
	jiedai show LJ-2026-0001 >out && ! grep -q "补录" out
'

test_expect_success 'the day counts its paper records; today'"'"'s counts do not' '
	jiedai day show 2026-03-03 >d && test_grep "接待选民 2 人，登记事项 3 件" d &&
	jiedai day show >d && test_grep "接待选民 2 人，登记事项 2 件" d &&
	jiedai report --month 2026-03 --format csv | grep "^接待日," | cut -d, -f2,5,6 >actual &&
	printf "%s\n" "2026-03-03,2,3" "2026-03-10,2,2" >expect && test_cmp expect actual &&
	jiedai check >/dev/null
'

test_expect_success 'a deputy not present that day, a day the ledger lacks, a day to come: refused, no number used' '
	test_exit_code 1 jiedai add --day 2026-03-03 --name 王五 --category 其他 --issue x --deputy 王芳 2>err &&
	test_grep "赵敏、钱七" err &&
	test_exit_code 1 jiedai add --day 2026-03-04 --name 王五 --category 其他 --issue x 2>err &&
	test_grep "jiedai day open --date 2026-03-04" err &&
	test_exit_code 1 jiedai add --day 2026-03-11 --name 王五 --category 其他 --issue x 2>err &&
	test_grep "2026-03-11" err &&
	test_exit_code 1 jiedai add --day 2026-02-30 --name 王五 --category 其他 --issue x 2>err &&
	jiedai add --day 2026-03-03 --name 王五 --category 其他 --issue x --deputy 钱七 >n &&
	echo LJ-2026-0006 >expect && test_cmp expect n
'

test_expect_success 'answered on the spot on paper: answered on that day' '
	jiedai add --day 2026-03-03 --name 赵六 --category 社会保障 --issue 医保 --deputy 钱七 \
		--on-the-spot 已当场解释 --rating 满意 >n &&
	test "$(tsv_field "$(cat n)" 16)" = 2026-03-03 && test "$(tsv_field "$(cat n)" 2)" = ready
'

test_expect_success '--day of today'"'"'s open day is an ordinary ticket' '
	jiedai add --day 2026-03-10 --name 孙七 --category 其他 --issue y --deputy 王芳 >n 2>err &&
	! grep -q "补录" err && test "$(tsv_field "$(cat n)" 6)" = 3 &&
	jiedai show "$(cat n)" >out && ! grep -q "补录" out
'

test_expect_success 'an earlier day gains deputies and stays closed; its deputy is then taken' '
	jiedai day open --date 2026-03-03 --deputies 周八 >out &&
	test_grep "已结束" out && test_grep "赵敏、钱七、周八" out &&
	jiedai add --day 2026-03-03 --name 吴九 --category 其他 --issue z --deputy 周八 >n &&
	jiedai day show >d && test_grep "2026-03-10（进行中）" d &&
	jiedai check >/dev/null
'

test_expect_success 'a corrected paper record still replays' '
	jiedai correct LJ-2026-0005 --issue 低保申请 >/dev/null &&
	jiedai check >/dev/null
'

test_done
