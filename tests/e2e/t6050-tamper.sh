#!/bin/sh
test_description='tampering shows: direct edits of the SQLite file make check fail and name what changed; anchors'
. "$(dirname "$0")/test-lib.sh"

FTS="$JIEDAI_BUILD/jiedai_fts"

# edit NAME SQL: a copy of the sound ledger changed with sqlite3, the way a
# person with the file would; then check must fail (exit 1) and say what.
edit() {
	cp_ledger base.db "$1.db" &&
	sqlite3 -cmd ".load $FTS" "$1.db" "$2" &&
	test_exit_code 1 jiedai --db "$1.db" check >"$1.out" 2>"$1.err"
}

test_expect_success SQLITE3 'setup: a month of a station, sound; its register pins the state' '
	jiedai --db base.db init --station-code LJ >/dev/null &&
	JIEDAI_DB=base.db jiedai day open --deputies 王芳,李强 >/dev/null &&
	for i in 1 2 3 4 5; do
		JIEDAI_DB=base.db jiedai add --name 张三$i --phone 1380013800$i --category 农业农村 --issue 水渠失修$i >/dev/null || return 1
	done &&
	JIEDAI_DB=base.db jiedai handover LJ-2026-0001 --to 镇水利站 --days 10 >/dev/null &&
	JIEDAI_DB=base.db jiedai answer LJ-2026-0001 --method 电话 --text 已修好 >/dev/null &&
	JIEDAI_DB=base.db jiedai rate LJ-2026-0001 满意 >/dev/null &&
	JIEDAI_DB=base.db jiedai signoff LJ-2026-0001 >/dev/null &&
	JIEDAI_DB=base.db jiedai day close >/dev/null &&
	JIEDAI_DB=base.db jiedai user add liqiang --deputy 李强 --role deputy >/dev/null &&
	JIEDAI_NOW=2026-03-31T17:00:00 jiedai --db base.db register --month 2026-03 >march.txt &&
	sed -n "s/^台账校验码 \([0-9A-F-]*\)$/\1/p" march.txt >anchor && test -s anchor &&
	jiedai --db base.db check >out && test_grep "完好" out && test_grep "$(cat anchor)" out
'

test_expect_success SQLITE3 'a later month: the ledger grew, the March register'"'"'s code still verifies' '
	JIEDAI_NOW=2026-04-07T09:00:00 jiedai --db base.db add --name 李四 --category 其他 --issue 路灯 >/dev/null &&
	jiedai --db base.db check --anchor "$(cat anchor)" >out && test_grep "$(cat anchor)" out &&
	! tail -n 2 out | head -n 1 | grep -q "$(cat anchor)" &&
	test_exit_code 1 jiedai --db base.db check --anchor 0000-0000-0000 >out 2>err &&
	test_exit_code 2 jiedai --db base.db check --anchor 3F9A 2>err
'

test_expect_success SQLITE3 '1: a voter'"'"'s name changed in the row' '
	edit name "UPDATE tickets SET name = \"张五\" WHERE number = \"LJ-2026-0002\"" &&
	test_grep "LJ-2026-0002" name.out && test_grep "姓名" name.out && test_grep "张五" name.out
'

test_expect_success SQLITE3 '2: an issue changed' '
	edit issue "UPDATE tickets SET issue = \"别的事\" WHERE number = \"LJ-2026-0003\"" &&
	test_grep "LJ-2026-0003" issue.out && test_grep "反映问题" issue.out
'

test_expect_success SQLITE3 '3: a status changed (an item crossed off behind the gate)' '
	edit status "UPDATE tickets SET status = \"closed\" WHERE number = \"LJ-2026-0004\"" &&
	test_grep "LJ-2026-0004" status.out && test_grep "状态" status.out
'

test_expect_success SQLITE3 '4: an event'"'"'s text changed, after dropping the trigger that forbids it' '
	edit evtext "DROP TRIGGER events_no_update; UPDATE events SET text = \"没修\" WHERE kind = \"answer\"" &&
	test_grep "与封存不符" evtext.out && test_grep "LJ-2026-0001" evtext.out
'

test_expect_success SQLITE3 '5: an event'"'"'s time changed' '
	edit evtime "DROP TRIGGER events_no_update; UPDATE events SET at = \"2026-01-01 08:00:00\" WHERE kind = \"signoff\"" &&
	test_grep "与封存不符" evtime.out && test_grep "signoff" evtime.out
'

test_expect_success SQLITE3 '6: an event deleted' '
	edit evdel "DROP TRIGGER events_no_delete; DELETE FROM events WHERE kind = \"rate\"" &&
	test_grep "不见了" evdel.out
'

test_expect_success SQLITE3 '7: an event moved to the end of the history' '
	edit evmove "DROP TRIGGER events_no_update;
		UPDATE events SET id = (SELECT max(id) + 1 FROM events) WHERE kind = \"handover\"" &&
	test_grep "不见了" evmove.out && test_grep "与封存不符" evmove.out
'

test_expect_success SQLITE3 '8: the newest ticket deleted and the search index rebuilt' '
	edit newest "DROP TRIGGER tickets_no_delete; DELETE FROM tickets WHERE number = \"LJ-2026-0006\";
		INSERT INTO tickets_fts(tickets_fts) VALUES(\"rebuild\")" &&
	test_grep "不在台账中\|找不到它的事项" newest.out && test_grep "计数器" newest.out
'

test_expect_success SQLITE3 '9: a counter lowered' '
	edit counter "UPDATE counters SET seq = seq - 1" &&
	test_grep "计数器" counter.out && test_grep "LJ" counter.out
'

test_expect_success SQLITE3 '10: a setting changed (deputies given the right to void)' '
	edit setting "INSERT OR REPLACE INTO settings(key, value) VALUES(\"void_roles\", \"head,deputy\")" &&
	test_grep "void_roles" setting.out
'

test_expect_success SQLITE3 '11: a reception day'"'"'s place changed' '
	edit day "UPDATE reception_days SET place = \"别处\"" &&
	test_grep "接待日" day.out
'

test_expect_success SQLITE3 '12: a ticket put in with no history' '
	edit nohist "INSERT INTO counters(station, year, seq) VALUES(\"LJ\", 2026, 7) ON CONFLICT DO UPDATE SET seq = 7;
		INSERT INTO tickets(station, year, seq, number, check_code, voter_id, name, category, issue, created_at, updated_at)
		VALUES(\"LJ\", 2026, 7, \"LJ-2026-0007\", \"ACEFH\", 1, \"假人\", \"其他\", \"假事\", \"2026-03-10 10:00:00\", \"2026-03-10 10:00:00\")" &&
	test_grep "LJ-2026-0007" nohist.out && test_grep "没有办理记录" nohist.out
'

test_expect_success SQLITE3 '13: a login given the head'"'"'s role' '
	edit role "UPDATE users SET role = \"head\"; UPDATE deputies SET role = \"head\" WHERE name = \"李强\"" &&
	test_grep "liqiang" role.out
'

test_expect_success SQLITE3 'after any of these, the March code no longer verifies where the history broke' '
	test_exit_code 1 jiedai --db evdel.db check --anchor "$(cat anchor)" >out 2>err
'

test_done
