#!/bin/sh
test_description='numbers as people type them: 0001, 2026-1, lj 2026 0001, full-width digits'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'setup: one ticket in 2025, two in 2026' '
	jiedai init --station-code LJ >/dev/null &&
	JIEDAI_NOW=2025-06-01T09:00 jiedai add --name 王五 --phone 13900001111 --category 其他 --issue 去年的事 >/dev/null &&
	jiedai add --name 张三 --phone 13800138000 --category 农业农村 --issue 水渠失修 >/dev/null &&
	jiedai add --name 李四 --category 社会保障 --issue 低保 >/dev/null &&
	jiedai list --format tsv | cut -f1 | tail -n +2 >numbers &&
	printf "LJ-2025-0001\nLJ-2026-0001\nLJ-2026-0002\n" >expect && test_cmp expect numbers
'

test_expect_success 'show takes the short forms when one ticket fits' '
	for n in 0002 2 2026-2 "lj 2026 0002" LJ20260002 "０００２" "ｌｊ－２０２６－２"; do
		jiedai show "$n" >out && test_grep "LJ-2026-0002" out && test_grep 低保 out || return 1
	done &&
	jiedai show 2025-1 >out && test_grep 去年的事 out
'

test_expect_success 'several fit: nothing opens, and the message names them' '
	test_exit_code 1 jiedai show 0001 2>err &&
	test_grep "LJ-2025-0001" err && test_grep "LJ-2026-0001" err &&
	test_exit_code 1 jiedai show 9 2>err && test_grep "9" err
'

test_expect_success 'steps, receipts and prints take them too' '
	jiedai handover 2026-1 --to 镇水利站 --days 15 >out &&
	test "$(tsv_field LJ-2026-0001 13)" = 镇水利站 &&
	jiedai receipt "lj 2026 2" >r.txt && test_grep "LJ-2026-0002" r.txt &&
	jiedai print 2 --to ./r.bin >out && test -s r.bin &&
	test_exit_code 1 jiedai answer 1 --method 电话 --text x 2>err && test_grep "LJ-2025-0001" err &&
	test "$(tsv_field LJ-2025-0001 2)" = registered
'

test_expect_success 'the voter look-up forgives the number but still wants the digits or code' '
	test_exit_code 1 jiedai lookup 0002 2>err &&
	jiedai lookup 0001 --phone4 1111 >out && test_grep "LJ-2025-0001" out &&
	jiedai lookup 0001 --phone4 8000 >out && test_grep "LJ-2026-0001" out &&
	test_exit_code 1 jiedai lookup 0001 --phone4 4321 2>err &&
	! grep -q "LJ-20" err
'

test_done
