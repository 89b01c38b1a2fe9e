#!/bin/sh
test_description='jiedai correct: a mistyped ticket put right, the number and history kept'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'setup: a ticket with a mistyped name, phone and category' '
	jiedai init --station-code LJ >/dev/null &&
	jiedai day open --deputies 王芳,李强 >/dev/null &&
	jiedai add --name 张山 --phone 13800138000 --address 陵江镇二村 --category 其他 \
		--issue "路灯不良" --field request=尽快修好 --deputy 王芳 >n &&
	echo LJ-2026-0001 >expect && test_cmp expect n &&
	jiedai handover LJ-2026-0001 --to 镇供电所 --days 10 >/dev/null
'

test_expect_success 'correct names the fields it changed and keeps the number and the status' '
	jiedai correct 0001 --name 张三 --phone "139 0013 9000" --category 城建交通 \
		--issue "村口路灯不亮" >out &&
	test_grep "LJ-2026-0001" out && test_grep "姓名、联系电话、类别、反映问题" out &&
	jiedai list --format tsv | tail -n +2 | cut -f1,2,7,8,10,11 >actual &&
	printf "LJ-2026-0001\tassigned\t张三\t13900139000\t城建交通\t村口路灯不亮\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'search follows the new values, not the old ones' '
	jiedai search 张三 --format tsv | cut -f1 | tail -n +2 >found && echo LJ-2026-0001 >expect &&
	test_cmp expect found &&
	jiedai search 0013 9000 --format tsv | cut -f1 | tail -n +2 >found && test_cmp expect found &&
	jiedai search 路灯不亮 --format tsv | cut -f1 | tail -n +2 >found && test_cmp expect found &&
	test "$(jiedai search 张山 --format tsv | wc -l)" -eq 1 &&
	test "$(jiedai search 13800138000 --format tsv | wc -l)" -eq 1 &&
	test "$(JIEDAI_SEARCH=scan jiedai search 张山 --format tsv | wc -l)" -eq 1
'

test_expect_success 'lists and statistics follow the new category' '
	test "$(jiedai list --category 城建交通 --format tsv | wc -l)" -eq 2 &&
	test "$(jiedai list --category 其他 --format tsv | wc -l)" -eq 1 &&
	jiedai report --format csv | grep "^类别," | cut -d, -f2,6 >actual &&
	echo "城建交通,1" >expect && test_cmp expect actual
'

test_expect_success 'the history keeps the old and the new values, and the ledger checks sound' '
	jiedai show LJ-2026-0001 >out && test_grep "更正" out &&
	jiedai show --format json LJ-2026-0001 >j && test_grep "\"phone\":\"13900139000\"" j &&
	jiedai check >/dev/null
'

test_expect_success 'the returning-voter look-up finds the voter by the corrected phone' '
	jiedai add --name 张三 --phone 13900139000 --category 其他 --issue 低保 --deputy 王芳 >n &&
	jiedai list --format tsv | tail -n +2 | cut -f6 | sort -u >pos && echo 1 >expect && test_cmp expect pos
'

test_expect_success 'station fields: --field ID= clears one, and the deputy must be present' '
	jiedai correct LJ-2026-0001 --field request= --address "" >out &&
	jiedai show --format json LJ-2026-0001 >j && test_grep "\"extra\":{}" j &&
	test_grep "\"address\":\"\"" j &&
	jiedai correct LJ-2026-0001 --deputy 李强 >out && test "$(tsv_field LJ-2026-0001 12)" = 李强 &&
	test_exit_code 1 jiedai correct LJ-2026-0001 --deputy 钱七 2>err && test_grep "王芳、李强" err &&
	jiedai check >/dev/null
'

test_expect_success 'bad input is refused as add refuses it, and nothing changes' '
	jiedai show --format json LJ-2026-0001 >before &&
	test_exit_code 2 jiedai correct LJ-2026-0001 2>err &&
	test_exit_code 1 jiedai correct LJ-2026-0001 --phone 12345 2>err && test_grep "联系电话" err &&
	test_exit_code 1 jiedai correct LJ-2026-0001 --category 工业 2>err && test_grep "农业农村" err &&
	test_exit_code 1 jiedai correct LJ-2026-0001 --name "" 2>err && test_grep "姓名" err &&
	test_exit_code 1 jiedai correct LJ-2026-0001 --name 张三 2>err && test_grep "没有要更正" err &&
	test_exit_code 1 jiedai correct LJ-2026-0001 --field village=二组 2>err &&
	test_exit_code 1 jiedai correct LJ-2026-0009 --name 张三 2>err &&
	jiedai show --format json LJ-2026-0001 >after && test_cmp before after
'

test_expect_success 'a receipt of a corrected ticket says 更正; one never corrected does not' '
	jiedai receipt LJ-2026-0001 >r1 && test_grep "更正" r1 &&
	jiedai receipt LJ-2026-0002 >r2 && ! grep -q "更正" r2
'

test_expect_success 'a void ticket is not corrected' '
	jiedai void LJ-2026-0002 --reason 重复登记 >/dev/null &&
	test_exit_code 1 jiedai correct LJ-2026-0002 --issue 低保申请 2>err && test_grep "作废" err
'

test_expect_success SQLITE3 'a correction undone behind jiedai'"'"'s back is found by check' '
	cp_ledger ledger.db tampered.db &&
	sqlite3 tampered.db "DROP TRIGGER IF EXISTS tickets_fts_update; UPDATE tickets SET phone = '"'"'13800138000'"'"' WHERE id = 1" &&
	test_exit_code 1 jiedai --db tampered.db check >out 2>&1 && test_grep "LJ-2026-0001" out &&
	test_grep "13900139000" out
'

test_done
