#!/bin/sh
test_description='jiedai search: the index answers like the LIKE scan; formats, limit; sqlite3 with the loadable tokenizer'
. "$(dirname "$0")/test-lib.sh"

JDPTY="$JIEDAI_BUILD/tests/helper/jd-drive"
EXT="$JIEDAI_BUILD/jiedai_fts.so"

# Take what migrations 2 to 5 added out of a ledger: one made by an older
# jiedai (ticket events only, numbered 1, 2, 3 …, no states or hashes).
to_schema_1() {
	sqlite3 -cmd ".load $EXT" "$1" "DROP INDEX reception_days_date;
		DROP TABLE unit_names; DROP TABLE units; DROP TABLE stations;
		DROP INDEX tickets_unit; DROP TRIGGER tickets_fts_insert; DROP TRIGGER tickets_fts_update;
		DROP TABLE tickets_fts; DROP VIEW tickets_fts_source; DROP TRIGGER ticket_counts_insert;
		DROP TRIGGER ticket_counts_update; DROP TABLE ticket_counts; DROP INDEX tickets_state;
		CREATE TABLE old_events AS SELECT * FROM events WHERE ticket_id IS NOT NULL ORDER BY id;
		DROP TABLE events;
		CREATE TABLE events(id INTEGER PRIMARY KEY, ticket_id INTEGER NOT NULL REFERENCES tickets(id),
		  at TEXT NOT NULL, kind TEXT NOT NULL, actor TEXT NOT NULL, login TEXT NOT NULL DEFAULT '',
		  client TEXT NOT NULL DEFAULT '', status_from TEXT, status_to TEXT, unit TEXT, due_date TEXT,
		  method TEXT, rating TEXT, text TEXT, data TEXT NOT NULL DEFAULT '{}' CHECK(json_valid(data)));
		INSERT INTO events(ticket_id, at, kind, actor, login, client, status_from, status_to, unit,
		  due_date, method, rating, text, data) SELECT ticket_id, at, kind, actor, login, client,
		  status_from, status_to, unit, due_date, method, rating, text, data FROM old_events ORDER BY id;
		DROP TABLE old_events;
		CREATE INDEX events_ticket ON events(ticket_id, id);
		ALTER TABLE drafts DROP COLUMN person;
		PRAGMA user_version = 1"
}

test_expect_success 'setup: a small ledger' '
	jiedai init --station-code LJ >/dev/null &&
	jiedai day open --deputies 王芳 >/dev/null &&
	jiedai add --name 张三 --phone 13800138000 --category 农业农村 --address 青松村3组 \
		--issue "村里的灌溉水渠年久失修" >/dev/null &&
	jiedai add --name 李四 --phone 0827-5551234 --category 社会保障 --issue "低保申请" >/dev/null &&
	jiedai add --name 张三丰 --category 城建交通 --address 青松村13组 --issue "路灯不亮，涉及12户" >/dev/null &&
	jiedai add --name 欧阳娜娜 --phone 13912345678 --category 其他 --issue "ABC公司拖欠工资" >/dev/null
'

test_expect_success 'TSV: header, ledger number first, newest first, every match' '
	jiedai search 张三 --format tsv >out &&
	head -n 1 out | cut -f1 >h && echo number >expect && test_cmp expect h &&
	tail -n +2 out | cut -f1,7 >rows &&
	printf "LJ-2026-0003\t张三丰\nLJ-2026-0001\t张三\n" >expect && test_cmp expect rows
'

test_expect_success '--limit, several words, and a table by default' '
	jiedai search 张三 --format tsv --limit 1 | tail -n +2 | cut -f1 >out &&
	echo LJ-2026-0003 >expect && test_cmp expect out &&
	jiedai search 青松村 路灯 --format tsv | tail -n +2 | cut -f1 >out &&
	echo LJ-2026-0003 >expect && test_cmp expect out &&
	jiedai search "青松村 水渠" >out && test_grep 张三 out &&
	jiedai search 不存在 --format tsv | wc -l >out && echo 1 >expect && test_cmp expect out
'

test_expect_success 'phone fragments with and without dashes, letters in either case' '
	jiedai search 08275551234 --format tsv | tail -n +2 | cut -f1 >out &&
	echo LJ-2026-0002 >expect && test_cmp expect out &&
	jiedai search 0827-555 --format tsv | tail -n +2 | cut -f1 >out && test_cmp expect out &&
	jiedai search 75551 --format tsv | tail -n +2 | cut -f1 >out && test_cmp expect out &&
	jiedai search abc --format tsv | tail -n +2 | cut -f1 >out &&
	echo LJ-2026-0004 >expect && test_cmp expect out &&
	jiedai search lj-2026-0002 --format tsv | tail -n +2 | cut -f1 >out &&
	echo LJ-2026-0002 >expect && test_cmp expect out &&
	jiedai search "１３８" --format tsv | tail -n +2 | cut -f1 >out &&
	echo LJ-2026-0001 >expect && test_cmp expect out
'

test_expect_success 'mixed Chinese and digits: 3组 is not 13组' '
	jiedai search 村3组 --format tsv | tail -n +2 | cut -f1 >out &&
	echo LJ-2026-0001 >expect && test_cmp expect out &&
	jiedai search 3组 --format tsv | tail -n +2 | cut -f1 >out &&
	printf "LJ-2026-0003\nLJ-2026-0001\n" >expect && test_cmp expect out &&
	jiedai search 12户 --format tsv | tail -n +2 | cut -f1 >out &&
	echo LJ-2026-0003 >expect && test_cmp expect out
'

test_expect_success 'the index and JIEDAI_SEARCH=scan give the same answers' '
	for q in 张 张三 三丰 青松 3组 13 1 a 138 0827- "张 路灯" % _ "\"" OR "NEAR(张" 欧阳 娜; do
		jiedai search "$q" --format tsv >index.out &&
		JIEDAI_SEARCH=scan jiedai search "$q" --format tsv >scan.out &&
		test_cmp scan.out index.out &&
		jiedai list --search "$q" --format tsv >list.out &&
		JIEDAI_SEARCH=scan jiedai list --search "$q" --format tsv >list-scan.out &&
		test_cmp list-scan.out list.out || return 1
	done
'

test_expect_success 'JSON that parses' '
	jiedai search 张 --format json >out &&
	test_grep "\"name\":\"张三丰\"" out &&
	{ ! command -v sqlite3 >/dev/null ||
	  { sqlite3 :memory: "select json_array_length(readfile(\"out\"))" >n && echo 2 >expect && test_cmp expect n; }; }
'

test_expect_success 'usage errors' '
	test_exit_code 2 jiedai search 2>err &&
	test_exit_code 2 jiedai search "　 " 2>err &&
	test_exit_code 2 jiedai search 张 --limit 0 2>err &&
	test_exit_code 2 jiedai search 张 --format xml 2>err
'

test_expect_success SQLITE3 'sqlite3 cannot write without the tokenizer, and can with it' '
	test_must_fail sqlite3 "$JIEDAI_DB" "UPDATE tickets SET name = \"赵六\" WHERE id = 2" 2>err &&
	test_grep "jiedai" err &&
	test -f "$EXT" &&
	sqlite3 -cmd ".load $EXT" "$JIEDAI_DB" "UPDATE tickets SET name = \"赵六\" WHERE id = 2" &&
	jiedai search 赵六 --format tsv | tail -n +2 | cut -f1 >out &&
	echo LJ-2026-0002 >expect && test_cmp expect out &&
	jiedai search 李四 --format tsv | tail -n +2 | wc -l >out && echo 0 >expect && test_cmp expect out &&
	sqlite3 -cmd ".load $EXT" "$JIEDAI_DB" "INSERT INTO tickets_fts(tickets_fts) VALUES(\"integrity-check\")"
'

test_expect_success SQLITE3 'a ledger made before the index gets it built, quietly off a terminal' '
	cp_ledger "$JIEDAI_DB" old.db &&
	to_schema_1 old.db &&
	JIEDAI_DB=old.db "$JIEDAI" search 张三 --format tsv >out 2>err &&
	! test -s err &&
	tail -n +2 out | cut -f1 >rows &&
	printf "LJ-2026-0003\nLJ-2026-0001\n" >expect && test_cmp expect rows &&
	sqlite3 old.db "PRAGMA user_version" >v &&
	"$JIEDAI" --version | sed -n "s/.*(schema \([0-9]*\)).*/\1/p" >expect && test_cmp expect v &&
	JIEDAI_DB=old.db "$JIEDAI" check >out && test_grep "完好" out
'

test_expect_success SQLITE3 'and with a progress bar on a terminal' '
	cp_ledger "$JIEDAI_DB" old2.db &&
	to_schema_1 old2.db &&
	"$JDPTY" -t 20 "wait:100%" exit -- env JIEDAI_DB=old2.db "$JIEDAI" search 张三 >out &&
	test_grep maxrss_kb out
'

# A word held by hundreds of tickets: the first 200 and a word on how many
# more (standard error, so a script reading the output gets the rows alone);
# --all prints them all, --limit N that many.
test_expect_success 'without --limit the first 200, and how many more; --all prints all' '
	JIEDAI_DB=many.db jiedai gen 600 --seed 3 >/dev/null 2>&1 &&
	JIEDAI_DB=many.db jiedai list --search 村 --format tsv | tail -n +2 | wc -l >n &&
	total=$(cat n) && test "$total" -gt 300 &&
	JIEDAI_DB=many.db jiedai search 村 --format tsv >out 2>err &&
	test "$(tail -n +2 out | wc -l)" -eq 200 &&
	test_grep "前 200 件，另外还有 $((total - 200)) 件符合" err &&
	test_grep -- "--all" err &&
	JIEDAI_DB=many.db "$JIEDAI" search 村 --all --format tsv >all 2>err &&
	! test -s err && test "$(tail -n +2 all | wc -l)" -eq "$total" &&
	head -n 201 all >first && test_cmp first out &&
	JIEDAI_DB=many.db "$JIEDAI" search 村 --limit 250 --format tsv >out 2>err &&
	! test -s err && test "$(tail -n +2 out | wc -l)" -eq 250 &&
	test_must_fail jiedai search 村 --all --limit 3 2>err &&
	test_grep "不能同时使用" err
'

test_expect_success 'a search found by fewer than 200 says nothing more' '
	JIEDAI_DB=many.db "$JIEDAI" search 查无此人 >out 2>err && ! test -s err &&
	JIEDAI_DB=many.db "$JIEDAI" search 村 --limit 5 >out 2>err && ! test -s err
'

test_done
