#!/bin/sh
test_description='the hub is the chain'"'"'s witness: day close pushes; a history rewritten with every seal recomputed passes check but not check --hub, which names the first record that differs, and the records cut off the end; a 销号 moved to a deputy is named by plain check'
. "$(dirname "$0")/test-lib.sh"
. "$JIEDAI_SRC/tests/e2e/lib-hub.sh"

if ! hub_have_pg; then
	printf '1..0 # SKIP PostgreSQL is not installed (Debian: postgresql)\n'
	exit 0
fi

Q="'"
FTS="$JIEDAI_BUILD/jiedai_fts"
export LANGUAGE=en

# sqlite3 on a ledger the way a person with the file would (the search
# index's tokenizer loaded, so tickets can be edited).
edit_ledger() {
	sqlite3 -cmd ".load $FTS" "$@"
}

# Every seal of ledger $1 recomputed as an attacker would: chain.c's
# encoding in a few lines of SQL (PostgreSQL's sha256(); nothing of the
# hub's), the new seals written back with the trigger that forbids it dropped.
reseal() {
	edit_ledger "$1" "SELECT json_group_array(json_array(e.id, t.number, d.station || ' ' || d.date,
		e.subject, e.at, e.kind, e.actor, e.login, e.client, e.status_from, e.status_to, e.unit,
		e.due_date, e.method, e.rating, e.text, e.data, e.state))
		FROM (SELECT * FROM events ORDER BY id) e LEFT JOIN tickets t ON t.id = e.ticket_id
		LEFT JOIN reception_days d ON d.id = e.day_id" >events.json &&
	hub_psql -v ev="$(cat events.json)" >reseal.sql <<-\SQL &&
	CREATE FUNCTION pg_temp.c(v text) RETURNS bytea LANGUAGE sql AS
	$$ SELECT CASE WHEN v IS NULL THEN '\x00'::bytea
	   ELSE '\x01'::bytea || int4send(octet_length(v)) || convert_to(v, 'UTF8') END $$;
	WITH RECURSIVE e AS (SELECT (x ->> 0)::bigint AS id, x FROM json_array_elements(:'ev'::json) x),
	ch AS (SELECT 0::bigint AS id, decode(repeat('00', 32), 'hex') AS h
	  UNION ALL SELECT e.id, sha256(ch.h || pg_temp.c('jiedai-event-1') || pg_temp.c(e.id::text)
	    || (SELECT string_agg(pg_temp.c(e.x ->> i), ''::bytea ORDER BY i) FROM generate_series(1, 17) i))
	  FROM ch JOIN e ON e.id = ch.id + 1)
	SELECT format('UPDATE events SET hash = x%L WHERE id = %s;', encode(h, 'hex'), id) FROM ch WHERE id > 0;
	SQL
	edit_ledger "$1" "DROP TRIGGER IF EXISTS events_no_update; $(cat reseal.sql)"
}

test_expect_success_here 'a station whose hub_url is set: its reception day, a step by each person' '
	hub_start &&
	hub_login st_lj pw-lj LJ &&
	jiedai init --station-code LJ --station-name 陵江镇 >/dev/null &&
	jiedai config hub_url "$(hub_url st_lj)" >/dev/null &&
	jiedai user add wangfang --deputy 王芳 --role deputy >/dev/null &&
	jiedai user add liqiang --deputy 李强 --role head >/dev/null &&
	jiedai day open --deputies 王芳,李强 >/dev/null &&
	for k in 1 2 3; do
		jiedai add --name 选民$k --phone 1380013800$k --category 农业农村 --issue 第${k}件事 --deputy 王芳 >/dev/null || return 1
	done &&
	jiedai handover LJ-2026-0001 --to 镇水利站 --days 5 >/dev/null &&
	jiedai answer LJ-2026-0001 --method 电话 --text 已修 >/dev/null &&
	jiedai rate LJ-2026-0001 满意 >/dev/null &&
	jiedai signoff LJ-2026-0001 >/dev/null
'

test_expect_success 'day close pushes the day to the hub, saying so apart from the day'"'"'s list' '
	jiedai day close >list 2>err &&
	test_grep "LJ-2026-0003" list && ! grep -q "Pushed" list &&
	test_grep "^Pushed .* records of station LJ" err &&
	sqlite3 "$JIEDAI_DB" "SELECT max(id) FROM events" >expect &&
	hub_psql -c "SELECT events FROM jiedai.stations WHERE code = ${Q}LJ${Q}" >got &&
	test_cmp expect got &&
	jiedai check --hub >out && test_grep "agrees with the hub .* up to record $(cat expect)" out
'

test_expect_success 'day close when the hub cannot be reached: the day is closed all the same, and it says so' '
	jiedai --db away.db init --station-code AW >/dev/null &&
	JIEDAI_DB=away.db jiedai config hub_url "postgres:///hub?host=$TRASH/nowhere&user=st_lj" >/dev/null &&
	JIEDAI_DB=away.db jiedai day open --deputies 王芳 >/dev/null &&
	JIEDAI_DB=away.db jiedai day close >list 2>err &&
	test_grep "cannot reach the hub" err &&
	test_grep "closed all the same" err &&
	JIEDAI_DB=away.db jiedai day show 2026-03-10 >out && test_grep "(closed)" out
'

test_expect_success TMUX 'closing the day on the screen pushes it too, and says so on the status line' '
	hub_bind UI st_lj &&
	jiedai --db ui.db init --station-code UI >/dev/null &&
	JIEDAI_DB=ui.db jiedai config hub_url "$(hub_url st_lj)" >/dev/null &&
	JIEDAI_DB=ui.db jiedai day open --deputies 王芳 >/dev/null &&
	JIEDAI_DB=ui.db jiedai add --name 张三明 --category 农业农村 --issue 水渠 >/dev/null &&
	tmux_start -e JIEDAI_DB="$TRASH/ui.db" -e JIEDAI_NOW=2026-03-11T09:00:00 -x 100 -y 30 &&
	wait_for "未结束" && key 6 && wait_for "结束 2026-03-10 的接待日吗" && key 1 &&
	wait_for "当日接待登记表" && key F2 && wait_for "结束 2026-03-10 的接待日吗" && key 1 &&
	wait_for "推送到汇总库" &&
	sqlite3 ui.db "SELECT max(id) FROM events" >expect &&
	hub_psql -c "SELECT events FROM jiedai.stations WHERE code = ${Q}UI${Q}" >got &&
	test_cmp expect got
'

test_expect_success 'three receipts printed and pushed: the history the hub witnesses' '
	for k in 1 2 3; do jiedai print LJ-2026-000$k --to ./r$k.bin >/dev/null || return 1; done &&
	jiedai push >out && test_grep "^Pushed 4 records" out &&
	jiedai check --hub >out && test_grep "is sound" out
'

test_expect_success 'a rating rewritten with every seal recomputed: check passes, check --hub names the rate' '
	cp_ledger "$JIEDAI_DB" rw.db &&
	edit_ledger rw.db "DROP TRIGGER events_no_update;
		UPDATE events SET rating = ${Q}基本满意${Q} WHERE kind = ${Q}rate${Q};
		UPDATE tickets SET rating = ${Q}基本满意${Q} WHERE number = ${Q}LJ-2026-0001${Q}" &&
	test_exit_code 1 jiedai --db rw.db check >out &&
	reseal rw.db &&
	jiedai --db rw.db check >out && test_grep "is sound" out &&
	n=$(sqlite3 rw.db "SELECT id FROM events WHERE kind = ${Q}rate${Q}") &&
	test_exit_code 1 jiedai --db rw.db check --hub >out 2>err &&
	test_grep "differs from the copy at the hub .* from record $n on (here: rate of ticket LJ-2026-0001" out &&
	test_exit_code 1 env LANGUAGE= "$JIEDAI" --db rw.db check --hub >out 2>err &&
	test_grep "$n" out && test_grep "汇总库" out
'

test_expect_success 'the last records cut off the end: check passes, check --hub names what the ledger no longer has' '
	cp_ledger "$JIEDAI_DB" cut.db &&
	edit_ledger cut.db "DROP TRIGGER events_no_delete; DELETE FROM events WHERE id > (SELECT max(id) - 4 FROM events)" &&
	jiedai --db cut.db check >out && test_grep "is sound" out &&
	last=$(sqlite3 "$JIEDAI_DB" "SELECT max(id) FROM events") &&
	test_exit_code 1 jiedai --db cut.db check --hub >out 2>err &&
	test_grep "holds records $((last - 3)) to $last of station LJ, which the ledger no longer has (the first: print of ticket LJ-2026-0001" out
'

test_expect_success 'a 销号 moved to a deputy, seals recomputed: plain check names the step and the rights' '
	cp_ledger "$JIEDAI_DB" forged.db &&
	edit_ledger forged.db "DROP TRIGGER events_no_update;
		UPDATE events SET actor = ${Q}王芳${Q}, login = ${Q}wangfang${Q} WHERE kind = ${Q}signoff${Q};
		UPDATE tickets SET closed_by = ${Q}王芳${Q} WHERE number = ${Q}LJ-2026-0001${Q}" &&
	reseal forged.db &&
	n=$(sqlite3 forged.db "SELECT id FROM events WHERE kind = ${Q}signoff${Q}") &&
	test_exit_code 1 jiedai --db forged.db check >out 2>err &&
	test_grep "event $n (signoff of ticket LJ-2026-0001, .*) was taken by 王芳 (login wangfang, .* at that moment), who may not" out &&
	test $(grep -c "^history: \|^ticket " out) = 1 &&
	test_exit_code 1 env LANGUAGE= "$JIEDAI" --db forged.db check >out 2>err &&
	test_grep "王芳" out && test_grep "站长" out
'

test_expect_success 'the same step by the head passes; a deputy'"'"'s own steps pass' '
	cp_ledger "$JIEDAI_DB" head.db &&
	edit_ledger head.db "DROP TRIGGER events_no_update;
		UPDATE events SET actor = ${Q}李强${Q}, login = ${Q}liqiang${Q} WHERE kind = ${Q}signoff${Q};
		UPDATE events SET actor = ${Q}王芳${Q}, login = ${Q}wangfang${Q} WHERE kind IN (${Q}register${Q}, ${Q}answer${Q});
		UPDATE tickets SET closed_by = ${Q}李强${Q} WHERE number = ${Q}LJ-2026-0001${Q}" &&
	reseal head.db &&
	jiedai --db head.db check >out && test_grep "is sound" out
'

test_expect_success 'check --hub without a hub: a usage error; an unreachable hub: exit 3 after the ledger'"'"'s own verdict' '
	jiedai --db plain.db init --station-code PL >/dev/null &&
	test_exit_code 2 jiedai --db plain.db check --hub 2>err &&
	test_grep "no hub" err &&
	test_exit_code 3 jiedai check --hub "postgres:///hub?host=$TRASH/nowhere&user=st_lj" >out 2>err &&
	test_grep "is sound" out && test_grep "cannot reach the hub" err
'

test_done
