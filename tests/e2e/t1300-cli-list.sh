#!/bin/sh
test_description='jiedai list: filters, formats, and the overdue flag'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'setup: a small ledger' '
	jiedai init --station-code LJ >/dev/null &&
	jiedai day open --deputies 王芳 >/dev/null &&
	jiedai add --name 张三 --phone 13800138000 --category 农业农村 --issue 水渠失修 >/dev/null &&
	jiedai add --name 李四 --phone 0827-5551234 --category 社会保障 --issue 低保申请 >/dev/null &&
	jiedai add --name 王五 --category 农业农村 --issue 道路硬化 >/dev/null &&
	jiedai handover LJ-2026-0002 --to 镇民政办 --days 3 >/dev/null &&
	JIEDAI_NOW=2026-03-11T10:00:00 jiedai add --name 赵六 --category 城建交通 --issue 路灯 >/dev/null
'

test_expect_success 'TSV: a header row, the ledger number first, one row per ticket' '
	jiedai list --format tsv >out &&
	head -n 1 out | cut -f1-3 >h && printf "number\tstatus\toverdue\n" >expect && test_cmp expect h &&
	tail -n +2 out | cut -f1,7 >rows &&
	printf "LJ-2026-0001\t张三\nLJ-2026-0002\t李四\nLJ-2026-0003\t王五\nLJ-2026-0004\t赵六\n" >expect &&
	test_cmp expect rows
'

test_expect_success 'filters: status, category, day, month, search' '
	jiedai list --format tsv --status assigned | tail -n +2 | cut -f1 >out &&
	echo LJ-2026-0002 >expect && test_cmp expect out &&
	jiedai list --format tsv --category 农业农村 | tail -n +2 | cut -f1 >out &&
	printf "LJ-2026-0001\nLJ-2026-0003\n" >expect && test_cmp expect out &&
	jiedai list --format tsv --day 2026-03-11 | tail -n +2 | cut -f1 >out &&
	echo LJ-2026-0004 >expect && test_cmp expect out &&
	jiedai list --format tsv --month 2026-03 | tail -n +2 | wc -l >out && echo 4 >expect && test_cmp expect out &&
	jiedai list --format tsv --month 2026-04 | tail -n +2 | wc -l >out && echo 0 >expect && test_cmp expect out &&
	jiedai list --format tsv --search 5551234 | tail -n +2 | cut -f1 >out &&
	echo LJ-2026-0002 >expect && test_cmp expect out &&
	jiedai list --format tsv --search "张" | tail -n +2 | cut -f1 >out &&
	echo LJ-2026-0001 >expect && test_cmp expect out &&
	jiedai list --format tsv --status 已交办 | tail -n +2 | cut -f1 >out &&
	echo LJ-2026-0002 >expect && test_cmp expect out
'

test_expect_success 'overdue is a flag everywhere once the deadline has passed' '
	JIEDAI_NOW=2026-03-14T09:00:00 jiedai list --format tsv --overdue | tail -n +2 | cut -f1,3 >out &&
	printf "LJ-2026-0002\t1\n" >expect && test_cmp expect out &&
	jiedai list --format tsv --overdue | tail -n +2 | wc -l >out && echo 0 >expect && test_cmp expect out &&
	JIEDAI_NOW=2026-03-14T09:00:00 jiedai list >out && test_grep "超期" out &&
	JIEDAI_NOW=2026-03-14T09:00:00 jiedai list --format json >out && test_grep "\"overdue\":true" out
'

test_expect_success 'sort, limit, and JSON that parses' '
	jiedai list --format tsv --sort newest --limit 2 | tail -n +2 | cut -f1 >out &&
	printf "LJ-2026-0004\nLJ-2026-0003\n" >expect && test_cmp expect out &&
	jiedai list --format json >out &&
	sqlite3 :memory: "select json_array_length(readfile(\"out\"))" >n 2>/dev/null || true &&
	{ ! command -v sqlite3 >/dev/null || { echo 4 >expect && test_cmp expect n; }; }
'

test_expect_success 'a table for people, and usage errors' '
	jiedai list >out && test_grep "张三" out && test_grep "编号" out &&
	test_exit_code 2 jiedai list --status nonsense 2>err &&
	test_exit_code 2 jiedai list --format xml 2>err &&
	test_exit_code 2 jiedai list --month 2026-3 2>err
'

test_done
