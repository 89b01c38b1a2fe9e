#!/bin/sh
test_description='jiedai hub init and push: a real PostgreSQL, the seals recomputed there, refusals that keep nothing'
. "$(dirname "$0")/test-lib.sh"
. "$JIEDAI_SRC/tests/e2e/lib-hub.sh"

if ! hub_have_pg; then
	printf '1..0 # SKIP PostgreSQL is not installed (Debian: postgresql)\n'
	exit 0
fi

Q="'"
# Messages in English, to grep them; one test reads the Chinese.
export LANGUAGE=en

hub_count() {
	hub_psql -c "SELECT count(*) FROM jiedai.$1 ${2:-}"
}

test_expect_success_here 'a practice hub in a fresh PostgreSQL, two station logins' '
	hub_start --practice &&
	hub_login st_lj secret-lj LJ &&
	hub_login st_xc secret-xc XC &&
	hub_bind FK jdadmin &&
	jiedai hub init "$HUB" >out && test_grep "already at schema version 3" out
'

test_expect_success 'the hub recomputes the chain vectors of tests/unit/test-chain.c' '
	hub_psql >got <<-\SQL &&
	SELECT encode(jiedai.event_hash(NULL, 7, $$LJ-2026-0001$$, NULL, NULL, $$2026-03-10T09:30:00$$,
	  $$register$$, $$王芳$$, $$wangfang$$, $$$$, NULL, $$registered$$, NULL, NULL, NULL, NULL, NULL,
	  $${}$$, $${"name":"张三"}$$), $$hex$$);
	SELECT encode(jiedai.event_hash(decode($$0e2074ce6a9efb00add7edd1a3652c747cb5d0496db82cfb0a12390ce73ce28d$$, $$hex$$),
	  8, NULL, $$LJ 2026-03-10$$, NULL, $$2026-03-10T09:31:00$$, $$day-close$$, $$王芳$$, $$wangfang$$,
	  $$$$, NULL, NULL, NULL, NULL, NULL, NULL, NULL, $${}$$, NULL), $$hex$$);
	SQL
	printf "%s\n" 0e2074ce6a9efb00add7edd1a3652c747cb5d0496db82cfb0a12390ce73ce28d \
		933810c2494dee6a05c99f1339489ea3955e5eee970dd9b180c98fc904e58139 >expect &&
	test_cmp expect got
'

test_expect_success 'a first push sends the whole history; the hub holds it, seal for seal' '
	jiedai init --station-code LJ --station-name 陵江镇人大代表联络站 >/dev/null &&
	jiedai gen 60 --station LJ --years 1 --seed 4 >/dev/null 2>&1 &&
	jiedai push "$(hub_url st_lj)" >out &&
	test_grep "^Pushed .* records of station LJ" out &&
	sqlite3 "$JIEDAI_DB" "SELECT max(id) || \"|\" || lower(hex(hash)) FROM events WHERE id = (SELECT max(id) FROM events)" >expect &&
	hub_psql -c "SELECT events || ${Q}|${Q} || encode(head, ${Q}hex${Q}) FROM jiedai.stations WHERE code = ${Q}LJ${Q}" >got &&
	test_cmp expect got &&
	echo 60 >expect && hub_count tickets >got && test_cmp expect got &&
	sqlite3 "$JIEDAI_DB" "SELECT text FROM events ORDER BY id DESC LIMIT 1" >rec &&
	test_grep "records 1 to" rec
'

test_expect_success 'masked by default: no name, phone, address, check code or station field leaves' '
	sqlite3 "$JIEDAI_DB" "SELECT name FROM tickets ORDER BY id LIMIT 1" >name &&
	hub_psql -c "SELECT count(*) FROM jiedai.tickets WHERE name = ${Q}$(cat name)${Q} OR address <> ${Q}${Q} OR check_code <> ${Q}${Q} OR extra <> ${Q}{}${Q}" >got &&
	echo 0 >expect && test_cmp expect got &&
	hub_psql -c "SELECT count(*) FROM jiedai.events WHERE state LIKE ${Q}%$(cat name)%${Q}" >got &&
	test_cmp expect got &&
	hub_psql -c "SELECT count(*) FROM jiedai.tickets WHERE phone ~ ${Q}^1[0-9]{10}\$${Q}" >got &&
	test_cmp expect got &&
	hub_psql -c "SELECT count(*) FILTER (WHERE NOT verified), count(*) FILTER (WHERE NOT verified AND kind <> ${Q}register${Q}) FROM jiedai.events" >got &&
	echo "60|0" >expect && test_cmp expect got
'

test_expect_success 'pushed twice: nothing new, the hub unchanged' '
	hub_psql -c "SELECT events, pushes FROM jiedai.stations" >before &&
	jiedai push "$(hub_url st_lj)" >out &&
	test_grep "^Nothing new" out &&
	hub_psql -c "SELECT events, pushes FROM jiedai.stations" >after &&
	test_cmp before after
'

test_expect_success 'an incremental push: one new ticket and its step' '
	jiedai day open --deputies 王芳 >/dev/null &&
	n=$(jiedai add --name 张三明 --phone 13800138000 --category 农业农村 --issue 水渠失修) &&
	jiedai handover "$n" --to 镇水利站 --days 15 >/dev/null &&
	jiedai push "$(hub_url st_lj)" >out &&
	test_grep "1 tickets new" out &&
	hub_psql -c "SELECT name, phone, status, unit FROM jiedai.tickets WHERE number = ${Q}$n${Q}" >got &&
	echo "张*明|138****8000|assigned|镇水利站" >expect && test_cmp expect got &&
	hub_psql -c "SELECT count(*) FROM jiedai.units WHERE name = ${Q}镇水利站${Q}" >got &&
	echo 1 >expect && test_cmp expect got
'

test_expect_success 'a follow-up deputy (跟进代表) leaves as a sealed step of its own, verified at the hub' '
	n=$(jiedai search 水渠失修 --format tsv | tail -n 1 | cut -f1) &&
	jiedai follow "$n" --deputy 王芳 >/dev/null &&
	jiedai push "$(hub_url st_lj)" >out && test_grep "^Pushed .* records of station LJ" out &&
	hub_psql -c "SELECT kind, verified, state::jsonb->>${Q}follow_deputy${Q} FROM jiedai.events WHERE ticket = ${Q}$n${Q} ORDER BY id DESC LIMIT 1" >got &&
	echo "follow|t|王芳" >expect && test_cmp expect got &&
	hub_psql -c "SELECT status, unit FROM jiedai.tickets WHERE number = ${Q}$n${Q}" >got &&
	echo "assigned|镇水利站" >expect && test_cmp expect got
'

test_expect_success 'a paper record entered afterwards (补录) leaves masked like one registered' '
	jiedai day open --date 2026-03-03 --deputies 王芳 >/dev/null &&
	n=$(jiedai add --day 2026-03-03 --name 周小龙 --phone 13912345678 --address 青松村五组 \
		--category 农业农村 --issue 沟渠堵塞 --deputy 王芳) &&
	jiedai push "$(hub_url st_lj)" >out &&
	hub_psql -c "SELECT name FROM jiedai.tickets WHERE number = ${Q}$n${Q}" >got &&
	echo "周*龙" >expect && test_cmp expect got &&
	hub_psql -c "SELECT count(*) FROM jiedai.events WHERE state LIKE ${Q}%周小龙%${Q} OR state LIKE ${Q}%13912345678%${Q} OR state LIKE ${Q}%青松村%${Q}" >got &&
	echo 0 >expect && test_cmp expect got
'

test_expect_success 'a ticket edited in the SQLite file after a push: refused, the ticket named, nothing kept' '
	n=$(sqlite3 "$JIEDAI_DB" "SELECT number FROM tickets ORDER BY id LIMIT 1 OFFSET 5") &&
	sqlite3 "$JIEDAI_DB" "UPDATE tickets SET category = ${Q}城建交通${Q}, deputy = ${Q}某某${Q} WHERE number = ${Q}$n${Q}" &&
	hub_psql -c "SELECT events, pushes FROM jiedai.stations" >before &&
	test_exit_code 1 jiedai push "$(hub_url st_lj)" >out 2>err &&
	test_grep "rows no longer add up" err &&
	grep -F "$n" err | test_grep "城建交通" &&
	hub_psql -c "SELECT events, pushes FROM jiedai.stations" >after &&
	test_cmp before after
'

test_expect_success 'the same ledger put right pushes again' '
	n=$(sqlite3 "$JIEDAI_DB" "SELECT number FROM tickets ORDER BY id LIMIT 1 OFFSET 5") &&
	hub_psql -c "SELECT category FROM jiedai.tickets WHERE number = ${Q}$n${Q}" >cat &&
	hub_psql -c "SELECT deputy FROM jiedai.tickets WHERE number = ${Q}$n${Q}" >dep &&
	sqlite3 "$JIEDAI_DB" "UPDATE tickets SET category = ${Q}$(cat cat)${Q}, deputy = ${Q}$(cat dep)${Q} WHERE number = ${Q}$n${Q}" &&
	jiedai push "$(hub_url st_lj)" >out
'

test_expect_success 'a record changed before it was pushed: refused by its seal, named' '
	cp "$JIEDAI_DB" copy.db &&
	n=$(JIEDAI_DB=copy.db jiedai add --name 李四 --category 社会保障 --issue 低保怎么申请) &&
	sqlite3 copy.db "DROP TRIGGER events_no_update; UPDATE events SET text = ${Q}改过${Q} WHERE id = (SELECT max(id) FROM events)" &&
	test_exit_code 1 env JIEDAI_DB=copy.db "$JIEDAI" push "$(hub_url st_lj)" >out 2>err &&
	test_grep "record [0-9]* (register of ticket $n" err &&
	test_grep "Nothing was pushed" err
'

test_expect_success 'a history rewritten after a push: refused, the first record that differs named' '
	mkdir fork &&
	JIEDAI_DB=fork/a.db jiedai init --station-code FK >/dev/null &&
	JIEDAI_DB=fork/a.db jiedai config practice yes >/dev/null &&
	JIEDAI_DB=fork/a.db jiedai config hub_personal full >/dev/null &&
	JIEDAI_DB=fork/a.db jiedai day open --deputies 王芳 >/dev/null &&
	JIEDAI_DB=fork/a.db jiedai add --name 王五 --category 农业农村 --issue 一 >/dev/null &&
	cp fork/a.db fork/b.db &&
	JIEDAI_DB=fork/a.db jiedai push "$HUB" >/dev/null &&
	JIEDAI_DB=fork/b.db jiedai add --name 赵六 --category 农业农村 --issue 二 >/dev/null &&
	JIEDAI_DB=fork/b.db jiedai add --name 钱七 --category 农业农村 --issue 三 >/dev/null &&
	test_exit_code 1 env JIEDAI_DB=fork/b.db "$JIEDAI" push "$HUB" >out 2>err &&
	test_grep "history was rewritten after it was pushed, from record 6 on" err &&
	test_grep "here: register of ticket FK-2026-0002" err
'

test_expect_success 'an older copy (a restored backup) is refused' '
	cp fork/a.db fork/old.db &&
	JIEDAI_DB=fork/a.db jiedai add --name 孙八 --category 农业农村 --issue 四 >/dev/null &&
	JIEDAI_DB=fork/a.db jiedai push "$HUB" >/dev/null &&
	rm -f fork/old.db-wal fork/old.db-shm &&
	test_exit_code 1 env JIEDAI_DB=fork/old.db "$JIEDAI" push "$HUB" 2>err &&
	test_grep "older copy" err
'

test_expect_success 'a station code claimed by another station login, or by another history' '
	mkdir other && JIEDAI_DB=other/x.db jiedai init --station-code LJ --station-name 冒名站 >/dev/null &&
	JIEDAI_DB=other/x.db jiedai gen 3 --station LJ --seed 9 >/dev/null 2>&1 &&
	test_exit_code 1 env JIEDAI_DB=other/x.db "$JIEDAI" push "$(hub_url st_xc)" 2>err &&
	test_grep "is bound to another hub login (st_lj)" err &&
	JIEDAI_NOW=2026-03-11T10:00:00 JIEDAI_DB=other/y.db jiedai gen 3 --station LJ --seed 9 >/dev/null 2>&1 &&
	test_exit_code 1 env JIEDAI_DB=other/y.db "$JIEDAI" push "$(hub_url st_lj)" 2>err &&
	test_grep "held at the hub by another ledger" err
'

test_expect_success 'wrong password, no password, a password in the address, no hub: clear messages, exit 3' '
	test_exit_code 3 jiedai push "postgres:///hub?host=$HUB_SOCK&user=nobody_here" 2>err &&
	test_grep "refused the login" err &&
	cp "$HOME/.pgpass" pgpass.keep &&
	sed -i "s/secret-lj/wrong/" "$HOME/.pgpass" &&
	test_exit_code 3 jiedai push "$(hub_url st_lj)" 2>err &&
	test_grep "refused the login" err &&
	cp pgpass.keep "$HOME/.pgpass" &&
	test_exit_code 3 jiedai push "postgres://st_lj:pw@localhost/hub" 2>err &&
	test_grep "holds a password" err &&
	test_exit_code 3 jiedai push "postgres:///nohub?host=$TRASH/nowhere&user=st_lj" 2>err &&
	test_grep "cannot reach the hub" err &&
	test_exit_code 3 env -u LANGUAGE "$JIEDAI" push "postgres:///nohub?host=$TRASH/nowhere&user=st_lj" 2>err &&
	test_grep "无法连接汇总库" err
'

test_expect_success 'a hub of another schema version is refused, and nothing written' '
	hub_psql -c "SELECT events, pushes FROM jiedai.stations ORDER BY code" >before &&
	hub_psql -c "UPDATE jiedai.meta SET value = ${Q}4${Q} WHERE key = ${Q}schema_version${Q}" &&
	test_exit_code 3 jiedai push "$(hub_url st_lj)" 2>err &&
	test_grep "schema version 4, newer" err &&
	hub_psql -c "UPDATE jiedai.meta SET value = ${Q}2${Q} WHERE key = ${Q}schema_version${Q}" &&
	test_exit_code 3 jiedai push "$(hub_url st_lj)" 2>err &&
	test_grep "schema version 2, older" err &&
	hub_psql -c "UPDATE jiedai.meta SET value = ${Q}3${Q} WHERE key = ${Q}schema_version${Q}" &&
	hub_psql -c "SELECT events, pushes FROM jiedai.stations ORDER BY code" >after &&
	test_cmp before after
'

test_expect_success 'a real hub refuses a practice ledger' '
	hub_psql -c "UPDATE jiedai.meta SET value = ${Q}no${Q} WHERE key = ${Q}practice${Q}" &&
	test_exit_code 1 jiedai push "$(hub_url st_lj)" 2>err &&
	test_grep "practice" err &&
	hub_psql -c "UPDATE jiedai.meta SET value = ${Q}yes${Q} WHERE key = ${Q}practice${Q}"
'

test_expect_success 'a station login cannot write the tables, nor call the old push functions' '
	! PGPASSFILE="$HOME/.pgpass" psql "$(hub_url st_lj)" -X -q -c "DELETE FROM jiedai.events" 2>err &&
	test_grep "permission denied" err &&
	! psql "$(hub_url st_lj)" -X -q -v ON_ERROR_STOP=1 -c "SELECT * FROM jiedai.push_begin(\$\$LJ\$\$, \$\$x\$\$, true, true)" 2>err &&
	test_grep "does not exist" err
'

test_expect_success 'push --from an export (v2) sends what the ledger has not yet pushed; a v1 export is refused' '
	git_ok=1 &&
	jiedai list --limit 1 >/dev/null &&
	sqlite3 "$JIEDAI_DB" "DELETE FROM events WHERE 0" &&
	JIEDAI_DB=fork/a.db jiedai add --name 周九 --category 农业农村 --issue 五 >/dev/null &&
	JIEDAI_DB=fork/a.db jiedai export --format jsonl -o fk.jsonl >/dev/null &&
	jiedai push "$HUB" --from fk.jsonl >out &&
	test_grep "^Pushed" out &&
	hub_psql -c "SELECT count(*) FILTER (WHERE NOT verified) FROM jiedai.events WHERE station = ${Q}FK${Q}" >got &&
	echo 0 >expect && test_cmp expect got &&
	jiedai push "$HUB" --from fk.jsonl >out &&
	test_grep "^Nothing new" out &&
	sed "1s/\"version\":2/\"version\":1/" fk.jsonl >v1.jsonl &&
	test_exit_code 1 jiedai push "$HUB" --from v1.jsonl 2>err &&
	test_grep "format version 1" err
'

test_expect_success 'a doctored export: its rows no longer add up at the hub, the ticket named' '
	sed "s/\"issue\":\"五\"/\"issue\":\"五五\"/" fk.jsonl >bad.jsonl &&
	! cmp -s fk.jsonl bad.jsonl &&
	JIEDAI_DB=fork/a.db jiedai add --name 吴十 --category 农业农村 --issue 六 >/dev/null &&
	JIEDAI_DB=fork/a.db jiedai export --format jsonl -o fk2.jsonl >/dev/null &&
	sed "s/\"issue\":\"一\"/\"issue\":\"一一\"/" fk2.jsonl >bad2.jsonl &&
	test_exit_code 1 jiedai push "$HUB" --from bad2.jsonl 2>err &&
	test_grep "FK-2026-0001" err
'

test_expect_success 'without an address, the station hub of the setting hub_url; the address keeps no password' '
	test_exit_code 2 jiedai push 2>err &&
	test_grep "no hub" err &&
	jiedai config hub_url "$(hub_url st_lj)" >/dev/null &&
	jiedai push >out &&
	test_grep "records of station LJ" out &&
	test_must_fail jiedai config hub_url "postgres://st_lj:secret@localhost/hub" 2>err &&
	test_grep "password" err
'

test_done
