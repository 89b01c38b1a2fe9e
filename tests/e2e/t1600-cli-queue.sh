#!/bin/sh
test_description='jiedai queue: waiting for sign-off, then overdue'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'setup' '
	jiedai init --station-code LJ >/dev/null &&
	for n in 张三 李四 王五 赵六; do
		jiedai add --name $n --category 其他 --issue 路灯不亮 >/dev/null || return 1
	done &&
	jiedai add --name 钱七 --category 其他 --issue 现场 --on-the-spot 已解释 --rating 基本满意 >/dev/null &&
	jiedai handover LJ-2026-0002 --to 镇城建办 --days 2 >/dev/null &&
	jiedai handover LJ-2026-0003 --to 镇城建办 --days 1 >/dev/null &&
	jiedai answer LJ-2026-0004 --method 当面 --text 已解释 >/dev/null &&
	jiedai rate LJ-2026-0004 满意 >/dev/null
'

test_expect_success 'ready items first, then overdue ones by deadline' '
	JIEDAI_NOW=2026-03-20T09:00:00 jiedai queue --format tsv | tail -n +2 | cut -f1,2,3 >out &&
	printf "LJ-2026-0004\tready\t0\nLJ-2026-0005\tready\t0\nLJ-2026-0003\tassigned\t1\nLJ-2026-0002\tassigned\t1\n" >expect &&
	test_cmp expect out
'

test_expect_success 'the table has both sections; empty ones say so' '
	jiedai queue >out && test_grep "待销号" out && test_grep "超期" out &&
	jiedai queue --format json >out && test_grep "\"ready\":\[" out && test_grep "\"overdue\":\[\]" out
'

test_done
