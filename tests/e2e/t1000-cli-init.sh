#!/bin/sh
test_description='jiedai init and jiedai config: the station'
. "$(dirname "$0")/test-lib.sh"

test_expect_success 'init creates the ledger and names the station' '
	jiedai init --station-code LJ --station-name 陵江镇人大代表联络站 --station-phone 0827-5551234 >out &&
	test_grep "陵江镇人大代表联络站" out && test_grep "LJ" out && test -f ledger.db
'

test_expect_success 'init again keeps the ledger and changes only what is given' '
	jiedai add --name 张三 --category 农业农村 --issue 水渠失修 >n &&
	jiedai init --station-name 陵江镇联络站 >out &&
	test_grep "陵江镇联络站" out &&
	jiedai config station_code >code && echo LJ >expect && test_cmp expect code &&
	jiedai list --format tsv >list && test_grep "张三" list
'

test_expect_success 'a bad station code is refused with a reason' '
	test_exit_code 1 jiedai init --station-code "l j" 2>err && test_grep "station_code" err &&
	jiedai config station_code >code && test_cmp expect code
'

test_expect_success 'config lists every setting with its meaning' '
	jiedai config >out && test_grep "deadline_days" out && test_grep "number_format" out &&
	test_grep "print_profile" out
'

test_expect_success 'config sets and checks values' '
	jiedai config deadline_days 20 >out &&
	jiedai config deadline_days >out && echo 20 >expect && test_cmp expect out &&
	test_exit_code 1 jiedai config deadline_days lots 2>err && test_grep "deadline_days" err &&
	test_exit_code 1 jiedai config no_such_thing 1 2>err && test_grep "no_such_thing" err &&
	test_exit_code 1 jiedai config number_format "{seq}" 2>err
'

test_expect_success 'the station code and number format shape the ledger numbers' '
	jiedai config number_format "{station}{year}-{seq:5}" &&
	jiedai add --name 李四 --category 其他 --issue 路灯不亮 >n2 &&
	echo LJ2026-00002 >expect && test_cmp expect n2
'

test_done
