#!/bin/sh
test_description='the unit directory (承办单位), list --unit, chase slips (督办单) and the figures by unit'
. "$(dirname "$0")/test-lib.sh"
. "$JIEDAI_SRC/tests/e2e/lib-report-ledger.sh"

export LANGUAGE=en

test_expect_success 'setup: four items handed to three spellings of two units' '
	jiedai init --station-code LJ --station-name 陵江镇人大代表联络站 >/dev/null &&
	for i in 1 2 3 4; do
		jiedai add --name 张三$i --category 农业农村 --issue "水渠第$i段年久失修" >/dev/null 2>&1 || return 1
	done &&
	jiedai handover LJ-2026-0001 --to 水利站 --due 2026-03-12 >/dev/null &&
	jiedai handover LJ-2026-0002 --to 镇水利站 --due 2026-03-15 >/dev/null &&
	jiedai handover LJ-2026-0003 --to 镇建设办 --due 2026-03-30 >/dev/null &&
	jiedai handover LJ-2026-0004 --to 镇水利站 --due 2026-03-31 >/dev/null
'

test_expect_success 'a handover adds its unit to the directory, once' '
	jiedai unit list --format tsv | cut -f1,4,5 >got &&
	printf "name\tin_hand\toverdue\n水利站\t1\t0\n镇建设办\t1\t0\n镇水利站\t2\t0\n" >expect &&
	test_cmp expect got &&
	jiedai check >/dev/null
'

test_expect_success 'unit add sets the contact person and phone' '
	jiedai unit add 镇水利站 --contact 王工 --phone "139 0000 1111" >out &&
	test_grep "镇水利站" out &&
	jiedai unit add 县交通局 --contact 李科长 >/dev/null &&
	jiedai unit list --format tsv | grep "^镇水利站" | cut -f2,3 >got &&
	printf "王工\t13900001111\n" >expect && test_cmp expect got &&
	jiedai unit add 镇水利站 >out && test_grep "nothing changed" out &&
	test_must_fail jiedai unit add "  " 2>err && test_grep "unit" err
'

test_expect_success 'merge two spellings: the directory changes, the tickets do not' '
	jiedai list --format tsv >before &&
	jiedai unit merge 水利站 --into 镇水利站 >out &&
	test_grep "merged into 镇水利站" out &&
	jiedai list --format tsv >after &&
	test_cmp before after &&
	jiedai unit list --format tsv | cut -f1,4,6 >got &&
	printf "name\tin_hand\tother_names\n县交通局\t0\t\n镇建设办\t1\t\n镇水利站\t3\t水利站\n" >expect &&
	test_cmp expect got &&
	jiedai unit list --all --format tsv | grep "^水利站" | cut -f7 >got &&
	echo 镇水利站 >expect && test_cmp expect got &&
	jiedai check >/dev/null
'

test_expect_success 'a merged name is not a unit of its own any more' '
	test_must_fail jiedai unit add 水利站 2>err && test_grep "another name of the unit 镇水利站" err &&
	test_must_fail jiedai unit merge 水利站 --into 镇建设办 2>err && test_grep "镇水利站" err &&
	test_must_fail jiedai unit merge 镇水利站 --into 水利站 2>err && test_grep "one unit already" err &&
	test_must_fail jiedai unit rename 镇水利站 镇建设办 2>err && test_grep "merge them" err
'

test_expect_success 'a handover to a merged spelling goes to the unit it means now' '
	jiedai add --name 李四 --category 农业农村 --issue 机耕道 >/dev/null 2>&1 &&
	jiedai handover LJ-2026-0005 --to 水利站 --days 10 >/dev/null &&
	test "$(tsv_field LJ-2026-0005 13)" = 镇水利站 &&
	test "$(tsv_field LJ-2026-0001 13)" = 水利站
'

test_expect_success 'rename: the old name keeps counting for the unit' '
	jiedai unit rename 镇水利站 陵江镇水利站 >/dev/null &&
	jiedai unit list --format tsv | grep "^陵江镇水利站" | cut -f4,6 >got &&
	printf "4\t水利站, 镇水利站\n" >expect && test_cmp expect got &&
	jiedai check >/dev/null
'

test_expect_success 'list --unit: the unit'"'"'s items in hand, by deadline, with the days overdue' '
	JIEDAI_NOW=2026-03-20T09:00:00 jiedai list --unit 水利站 --format tsv | cut -f1,13,14,19 >got &&
	printf "number\tunit\tdue_date\tdays_overdue\n" >expect &&
	printf "LJ-2026-0001\t水利站\t2026-03-12\t8\nLJ-2026-0002\t镇水利站\t2026-03-15\t5\n" >>expect &&
	printf "LJ-2026-0005\t镇水利站\t2026-03-20\t\nLJ-2026-0004\t镇水利站\t2026-03-31\t\n" >>expect &&
	test_cmp expect got &&
	JIEDAI_NOW=2026-03-20T09:00:00 jiedai list --unit 陵江镇水利站 >out &&
	test_grep "in hand 4, overdue 2" out &&
	test_grep "LJ-2026-0001 .*2026-03-12 8 days overdue" out &&
	jiedai list --unit 镇建设办 --overdue --format tsv | tail -n +2 >none && test ! -s none
'

export JIEDAI_NOW=2026-03-20T09:00:00

test_expect_success 'chase: the slip lists the overdue items and records 督办 on each' '
	jiedai chase 水利站 >slip &&
	test_grep "Chase slip" slip && test_grep "To: 陵江镇水利站" slip &&
	test_grep "Contact: 王工  Phone: 13900001111" slip &&
	test_grep "^LJ-2026-0001 .*2026-03-12 *8\$" slip &&
	test_grep "^LJ-2026-0002 .*2026-03-15 *5\$" slip &&
	! grep "LJ-2026-0004" slip && ! grep "LJ-2026-0005" slip &&
	jiedai show LJ-2026-0001 >show && test_grep "Chased" show && test_grep "→ stdout" show &&
	jiedai show LJ-2026-0004 >show && ! grep "Chased" show &&
	jiedai check >/dev/null
'

test_expect_success 'chase as XLSX and ESC/POS files, and on the receipt printer' '
	jiedai chase 陵江镇水利站 -o slip.xlsx >out && test_grep "slip.xlsx" out &&
	xlsx_cells slip.xlsx >cells && test_grep "LJ-2026-0002" cells && test_grep "王工" cells &&
	jiedai chase 陵江镇水利站 -o slip.bin >/dev/null &&
	printf "\033@" >esc && head -c 2 slip.bin | cmp - esc &&
	jiedai config print_dest ./spool.bin >/dev/null &&
	jiedai chase 陵江镇水利站 --print >out && test_grep "printer ./spool.bin" out && test -s spool.bin &&
	test $(jiedai list --format json | grep -c "\"number\"") -eq 5 &&
	jiedai show LJ-2026-0002 >show && test $(grep -c "Chased" show) -eq 4
'

test_expect_success 'a printer that fails records nothing; a unit with nothing overdue has no slip' '
	jiedai show LJ-2026-0002 >before &&
	test_must_fail jiedai chase 陵江镇水利站 --print --to /dev/nonexistent-printer 2>err &&
	jiedai show LJ-2026-0002 >after && test_cmp before after &&
	test_exit_code 1 jiedai chase 镇建设办 2>err && test_grep "nothing to chase" err &&
	test_exit_code 1 jiedai chase 没有这个单位 2>err && test_grep "no unit" err
'

test_expect_success SQLITE3 'a slip'"'"'s file name goes into the history clean' '
	jiedai chase 陵江镇水利站 -o "$(printf "slip\033[2J.txt")" >/dev/null &&
	sqlite3 "$JIEDAI_DB" "SELECT text FROM events WHERE kind = '"'"'chase'"'"' ORDER BY id DESC LIMIT 1" >got &&
	test_grep "slip" got && test_grep "\.txt" got &&
	! grep "$(printf "\033")" got
'

test_expect_success SQLITE3 'check finds a directory changed behind jiedai'"'"'s back' '
	cp_ledger "$JIEDAI_DB" tampered.db &&
	sqlite3 tampered.db "UPDATE units SET phone = '"'"'110'"'"' WHERE name = '"'"'县交通局'"'"'" &&
	test_exit_code 1 jiedai --db tampered.db check >out 2>&1 &&
	test_grep "unit 县交通局 in the directory differs" out &&
	cp_ledger "$JIEDAI_DB" tampered2.db &&
	sqlite3 tampered2.db "UPDATE unit_names SET unit_id = (SELECT id FROM units WHERE name = '"'"'镇建设办'"'"') WHERE name = '"'"'水利站'"'"'" &&
	test_exit_code 1 jiedai --db tampered2.db check >out 2>&1 &&
	test_grep "unit 镇建设办 in the directory differs" out
'

test_expect_success 'the report counts every name of a unit for it: items, on time, overdue' '
	JIEDAI_NOW=2026-03-21T10:00:00 jiedai answer LJ-2026-0001 --method 电话 --text 已修 --date 2026-03-21 >/dev/null &&
	JIEDAI_NOW=2026-03-21T10:00:00 jiedai answer LJ-2026-0003 --method 电话 --text 已修 --date 2026-03-21 >/dev/null &&
	JIEDAI_NOW=2026-03-22T10:00:00 jiedai rate LJ-2026-0003 满意 >/dev/null &&
	JIEDAI_NOW=2026-04-01T10:00:00 jiedai report --month 2026-03 --format csv | tr -d "\r" | grep "^Unit," >got &&
	cat >expect <<-\EOF &&
	Unit,陵江镇水利站,,,4,4,1,0,0.00,0,0,0,0,0,,3,,0,0.00
	Unit,镇建设办,,,1,1,1,1,100.00,1,1,1,0,0,100.00,0,,1,100.00
	EOF
	sed "s/,[0-9.]*,\([0-9]*\),\([0-9.]*\)\$/,,\1,\2/" got >norm &&
	test_cmp expect norm &&
	JIEDAI_NOW=2026-04-01T10:00:00 jiedai report --month 2026-03 >text &&
	test_grep "By unit" text && test_grep "^陵江镇水利站 *4 *1 *0 *0.00 *3 *0.00 *-\$" text
'

test_done
