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
	jiedai --db fmt.db init --station-code BF >/dev/null &&
	jiedai --db fmt.db config number_format "{station}{year}-{seq:5}" &&
	jiedai --db fmt.db add --name 李四 --category 其他 --issue 路灯不亮 >n2 &&
	echo BF2026-00001 >expect && test_cmp expect n2
'

test_expect_success 'once a number of the year is given, code and format stay until the year ends' '
	test_exit_code 1 jiedai --db fmt.db config number_format "{station}-{year}-{seq:4}" 2>err &&
	test_grep "2026" err &&
	test_exit_code 1 jiedai --db fmt.db init --station-code ZZ 2>err && test_grep station_code err &&
	jiedai --db fmt.db add --name 王五 --category 其他 --issue 水渠 >n3 &&
	echo BF2026-00002 >expect && test_cmp expect n3 &&
	JIEDAI_NOW=2027-01-04T09:00:00 jiedai --db fmt.db config number_format "{station}-{year}-{seq:4}" &&
	JIEDAI_NOW=2027-01-04T09:00:00 jiedai --db fmt.db add --name 王五 --category 其他 --issue 水渠 >n4 &&
	echo BF-2027-0001 >expect && test_cmp expect n4
'

test_expect_success SQLITE3 'settings changes are part of the history, and check sees one made behind its back' '
	jiedai --db fmt.db check >out && test_grep 完好 out &&
	sqlite3 fmt.db "UPDATE settings SET value = \"head,staff,deputy\" WHERE key = \"void_roles\";
		INSERT OR REPLACE INTO settings(key, value) VALUES(\"void_roles\", \"deputy\")" &&
	test_exit_code 1 jiedai --db fmt.db check >out &&
	test_grep "void_roles" out
'

test_done
