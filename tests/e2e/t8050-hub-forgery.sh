#!/bin/sh
test_description='the hub takes data only through one verified path: a station login with psql tries every forgery of issue 17 (ticket rows without events, an unbound code, another station'"'"'s code and figures, every function and table behind the entry point); each is refused and nothing is kept; honest pushes go on'
. "$(dirname "$0")/test-lib.sh"
. "$JIEDAI_SRC/tests/e2e/lib-hub.sh"

if ! hub_have_pg; then
	printf '1..0 # SKIP PostgreSQL is not installed (Debian: postgresql)\n'
	exit 0
fi

Q="'"
export LANGUAGE=en

# psql as a station login (its password from ~/.pgpass), stopping at the first error.
as_login() {
	as_login_name=$1
	shift
	psql "$(hub_url "$as_login_name")" -X -q -At -v ON_ERROR_STOP=1 "$@"
}

# Every table of the hub, each as its row count and a digest of its rows.
hub_fingerprint() {
	for t in $(hub_psql -c "SELECT relname FROM pg_class WHERE relnamespace = ${Q}jiedai${Q}::regnamespace AND relkind = ${Q}r${Q} ORDER BY relname"); do
		hub_psql -c "SELECT ${Q}$t ${Q} || count(*) || ${Q} ${Q} || md5(coalesce(string_agg(x::text, ${Q},${Q} ORDER BY x::text), ${Q}${Q})) FROM jiedai.$t x" || return 1
	done
}

# A station's real ledger: five tickets of March, one of them rated 满意.
make_station() {
	JIEDAI_DB=$1.db jiedai init --station-code "$2" --station-name "$3" >/dev/null &&
	JIEDAI_DB=$1.db jiedai day open --deputies 王芳 >/dev/null &&
	for k in 1 2 3 4 5; do
		JIEDAI_DB=$1.db jiedai add --name "选民$k" --phone 1380013800$k --category 农业农村 \
			--issue "第${k}件事" >/dev/null || return 1
	done &&
	n=$(JIEDAI_DB=$1.db jiedai list --format tsv | sed -n 2p | cut -f1) &&
	JIEDAI_DB=$1.db jiedai handover "$n" --to 镇水利站 --days 5 >/dev/null &&
	JIEDAI_DB=$1.db jiedai answer "$n" --method 电话 --text 已修 >/dev/null &&
	JIEDAI_DB=$1.db jiedai rate "$n" 满意 >/dev/null
}

test_expect_success_here 'a real hub, two stations bound to their logins, a county reader' '
	hub_start &&
	hub_login st_qs pw-qs QS &&
	hub_login st_xh pw-xh XH &&
	hub_reader rd_county pw-rd &&
	jiedai init --station-code XIAN --station-name 县联络中心 >/dev/null &&
	make_station qs QS 青松站 && make_station xh XH 新华站 &&
	JIEDAI_DB=qs.db jiedai push "$(hub_url st_qs)" >/dev/null &&
	JIEDAI_DB=xh.db jiedai push "$(hub_url st_xh)" >/dev/null &&
	jiedai report --hub "$(hub_url rd_county)" --month 2026-03 --format json >county.json &&
	test_grep "\"tickets\":10," county.json
'

test_expect_success 'hub init as the superuser leaves every object of the hub to jiedai_owner' '
	hub_psql -c "SELECT rolsuper FROM pg_roles WHERE rolname = current_user" >got &&
	echo t >expect && test_cmp expect got &&
	hub_psql >got <<-\SQL &&
	SELECT nspowner::regrole FROM pg_namespace WHERE nspname = $$jiedai$$
	UNION SELECT relowner::regrole FROM pg_class WHERE relnamespace = $$jiedai$$::regnamespace
	UNION SELECT proowner::regrole FROM pg_proc WHERE pronamespace = $$jiedai$$::regnamespace;
	SQL
	echo jiedai_owner >expect && test_cmp expect got &&
	hub_psql -c "SELECT rolsuper, rolcanlogin FROM pg_roles WHERE rolname = ${Q}jiedai_owner${Q}" >got &&
	echo "f|f" >expect && test_cmp expect got &&
	hub_psql >got <<-\SQL &&
	SELECT p.proname FROM pg_proc p WHERE p.pronamespace = $$jiedai$$::regnamespace AND p.prosecdef
	  AND NOT coalesce($$search_path=pg_catalog, pg_temp$$ = ANY (p.proconfig), false);
	SQL
	test ! -s got
'

test_expect_success 'the forgery of issue 17: no function takes ticket rows any more' '
	hub_fingerprint >before &&
	test_must_fail as_login st_qs >out 2>err <<-\SQL &&
	BEGIN;
	SELECT * FROM jiedai.push_begin($$QS$$, $$x$$, true, false);
	INSERT INTO pg_temp.jd_tickets(number) VALUES ($$QS-2026-0100$$);
	SQL
	test_grep "function jiedai.push_begin(.*) does not exist" err &&
	hub_fingerprint >after && test_cmp before after
'

test_expect_success 'fifty made-up tickets with no events (their voters alone): refused, nothing kept' '
	test_must_fail as_login st_qs >out 2>err <<-\SQL &&
	SELECT * FROM jiedai.push($$QS$$, $$青松站$$, true, false, $$[]$$,
	  (SELECT json_agg(json_build_object($$number$$, n, $$voter$$, n))
	     FROM (SELECT format($$QS-2026-%s$$, lpad(k::text, 4, $$0$$)) AS n
	           FROM generate_series(100, 149) k) x),
	  (SELECT events FROM jiedai.held($$QS$$)), (SELECT head FROM jiedai.held($$QS$$)),
	  repeat($$0$$, 64), $$ledger$$);
	SQL
	test_grep "malformed" err &&
	hub_fingerprint >after && test_cmp before after
'

# Fifty registrations of tickets QS-2026-0101…0150 as SQL: $1 their record's
# status and what else it says, $2 masked or not; seals made up.
forged_registrations() {
	cat <<-SQL
	SELECT * FROM jiedai.push(\$\$QS\$\$, \$\$青松站\$\$, true, false,
	  (SELECT json_agg(json_build_object(\$\$id\$\$, h.events + k,
	     \$\$ticket\$\$, format(\$\$QS-2026-%s\$\$, 100 + k), \$\$at\$\$, \$\$2026-03-10 10:00:00\$\$,
	     \$\$kind\$\$, \$\$register\$\$, \$\$actor\$\$, \$\$王芳\$\$, \$\$login\$\$, \$\$x\$\$,
	     \$\$client\$\$, \$\$\$\$, \$\$status_to\$\$, \$\$registered\$\$, \$\$data\$\$, \$\${}\$\$,
	     \$\$state\$\$, (json_build_object(\$\$number\$\$, format(\$\$QS-2026-%s\$\$, 100 + k),
	       \$\$station\$\$, \$\$QS\$\$, \$\$year\$\$, 2026, \$\$seq\$\$, 100 + k, \$\$check_code\$\$, \$\$\$\$,
	       \$\$day\$\$, \$\$2026-03-10\$\$, \$\$position\$\$, NULL, \$\$name\$\$, \$\$某*\$\$,
	       \$\$phone\$\$, \$\$\$\$, \$\$address\$\$, \$\$\$\$, \$\$category\$\$, \$\$农业农村\$\$,
	       \$\$issue\$\$, \$\$编的\$\$, \$\$deputy\$\$, \$\$王芳\$\$, \$\$extra\$\$, json_build_object(),
	       \$\$created_at\$\$, \$\$2026-03-10 10:00:00\$\$, \$\$updated_at\$\$, \$\$2026-03-10 10:00:00\$\$)::jsonb
	       || \$\$$1\$\$::jsonb)::text,
	     \$\$hash\$\$, \$\$\\x\$\$ || lpad(k::text, 64, \$\$0\$\$), \$\$masked\$\$, $2))
	   FROM generate_series(1, 50) k, jiedai.held(\$\$QS\$\$) h),
	  (SELECT json_agg(json_build_object(\$\$number\$\$, n, \$\$voter\$\$, n))
	     FROM (SELECT format(\$\$QS-2026-%s\$\$, 100 + k) AS n FROM generate_series(1, 50) k) x),
	  (SELECT events + 50 FROM jiedai.held(\$\$QS\$\$)), decode(lpad(\$\$50\$\$, 64, \$\$0\$\$), \$\$hex\$\$),
	  repeat(\$\$0\$\$, 64), \$\$ledger\$\$);
	SQL
}

test_expect_success 'fifty made-up registrations, closed and rated 满意, masked so no seal is checked: refused, nothing kept' '
	forged_registrations "{\"status\":\"closed\",\"rating\":\"满意\",\"unit\":\"\",\"due_date\":null,\"answer_method\":\"\",\"answer_date\":null,\"answer_text\":\"\",\"closed_at\":\"2026-03-10 11:00:00\",\"closed_by\":\"王芳\",\"close_note\":\"\",\"void_reason\":\"\"}" true >forge.sql &&
	test_must_fail as_login st_qs -f forge.sql >out 2>err &&
	test_grep "masked" err &&
	hub_fingerprint >after && test_cmp before after
'

test_expect_success 'the same registrations sent unmasked: their made-up seals are refused, nothing kept' '
	forged_registrations "{\"status\":\"registered\",\"rating\":\"\",\"unit\":\"\",\"due_date\":null,\"answer_method\":\"\",\"answer_date\":null,\"answer_text\":\"\",\"closed_at\":null,\"closed_by\":\"\",\"close_note\":\"\",\"void_reason\":\"\"}" false >forge.sql &&
	test_must_fail as_login st_qs -f forge.sql >out 2>err &&
	test_grep "seal" err &&
	hub_fingerprint >after && test_cmp before after
'

test_expect_success 'an unbound code: refused at the head and at the entry point, no station made' '
	test_must_fail as_login st_qs -c "SELECT * FROM jiedai.push_head(${Q}NEWX${Q}, true, false)" 2>err &&
	test_grep "not bound" err &&
	test_must_fail as_login st_qs -c "SELECT * FROM jiedai.push(${Q}NEWX${Q}, ${Q}x${Q}, true, false, ${Q}[]${Q}, ${Q}[]${Q}, 0, NULL, repeat(${Q}0${Q}, 64), ${Q}ledger${Q})" 2>err &&
	test_grep "not bound" err &&
	mkdir newx && JIEDAI_DB=newx/l.db jiedai init --station-code NEWX >/dev/null &&
	JIEDAI_DB=newx/l.db jiedai day open --deputies 王芳 >/dev/null &&
	JIEDAI_DB=newx/l.db jiedai add --name 某 --category 农业农村 --issue 一 >/dev/null &&
	test_exit_code 1 env JIEDAI_DB=newx/l.db "$JIEDAI" push "$(hub_url st_qs)" 2>err &&
	test_grep "station code NEWX is not bound to any hub login" err &&
	test_exit_code 1 env -u LANGUAGE JIEDAI_DB=newx/l.db "$JIEDAI" push "$(hub_url st_qs)" 2>err &&
	test_grep "jiedai hub station add NEWX --login st_qs" err &&
	hub_fingerprint >after && test_cmp before after
'

test_expect_success 'another station'"'"'s code (its ledger pushed with --from, or by hand): refused, nothing kept' '
	JIEDAI_DB=xh.db jiedai add --name 新人 --category 农业农村 --issue 二 >/dev/null &&
	JIEDAI_DB=xh.db jiedai export --format jsonl -o xh.jsonl >/dev/null &&
	test_exit_code 1 jiedai push "$(hub_url st_qs)" --from xh.jsonl 2>err &&
	test_grep "station code XH is bound to another hub login (st_xh)" err &&
	test_must_fail as_login st_qs -c "SELECT * FROM jiedai.push_head(${Q}XH${Q}, true, false)" 2>err &&
	test_grep "owner" err &&
	test_must_fail as_login st_qs -c "SELECT * FROM jiedai.push(${Q}XH${Q}, ${Q}x${Q}, true, false, ${Q}[]${Q}, ${Q}[]${Q}, 0, NULL, repeat(${Q}0${Q}, 64), ${Q}ledger${Q})" 2>err &&
	test_grep "owner" err &&
	hub_fingerprint >after && test_cmp before after
'

test_expect_success 'another station'"'"'s figures, rows and seals: refused or nothing; its own it may read' '
	test_must_fail as_login st_qs -c "SELECT * FROM jiedai.report(${Q}2026-03-01${Q}, ${Q}2026-03-31${Q}, ${Q}2026-03-10${Q}, ${Q}XH${Q})" 2>err &&
	test_grep "not yours" err &&
	as_login st_qs -c "SELECT DISTINCT key FROM jiedai.report(${Q}2026-03-01${Q}, ${Q}2026-03-31${Q}, ${Q}2026-03-10${Q}, NULL) WHERE grp IN (${Q}station${Q}, ${Q}station-name${Q})" >got &&
	echo QS >expect && test_cmp expect got &&
	for f in "held(${Q}XH${Q})" "seals(${Q}XH${Q}, 1, 1000)" "ticket_digests(${Q}XH${Q})"; do
		as_login st_qs -c "SELECT count(*) FROM jiedai.$f" >got && echo 0 >expect && test_cmp expect got || return 1
	done &&
	as_login st_qs -c "SELECT count(*) > 0 FROM jiedai.seals(${Q}QS${Q}, 1, 1000)" >got &&
	echo t >expect && test_cmp expect got &&
	test_exit_code 1 jiedai report --hub "$(hub_url st_qs)" --station XH --month 2026-03 2>err &&
	test_grep "may not read that" err &&
	test_exit_code 1 jiedai register --hub "$(hub_url st_qs)" --month 2026-03 2>err &&
	test_grep "may not read that" err &&
	jiedai report --hub "$(hub_url st_qs)" --month 2026-03 --format json >own.json &&
	test_grep "\"tickets\":5," own.json &&
	hub_fingerprint >after && test_cmp before after
'

test_expect_success 'every table: a station login may neither read nor write one (the schema version aside)' '
	hub_psql -c "SELECT c.relname || ${Q} ${Q} || a.attname FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = 1 WHERE c.relnamespace = ${Q}jiedai${Q}::regnamespace AND c.relkind = ${Q}r${Q}" >tables &&
	test $(wc -l <tables) -ge 10 &&
	while read -r t col; do
		for sql in "SELECT * FROM jiedai.$t LIMIT 1" "INSERT INTO jiedai.$t DEFAULT VALUES" \
			"UPDATE jiedai.$t SET $col = $col" "DELETE FROM jiedai.$t" "TRUNCATE jiedai.$t"; do
			case "$t:$sql" in meta:SELECT*) continue ;; esac
			if as_login st_qs -c "$sql" >out 2>err; then echo "allowed: $sql"; return 1; fi
			grep -q "permission denied" err || { echo "$sql:"; cat err; return 1; }
		done
	done <tables &&
	as_login st_qs -c "SELECT count(*) FROM jiedai.meta WHERE key = ${Q}schema_version${Q}" >got &&
	echo 1 >expect && test_cmp expect got &&
	hub_fingerprint >after && test_cmp before after
'

test_expect_success 'every function behind the entry point: permission denied to a station login' '
	hub_psql -c "SELECT p.proname || ${Q} ${Q} || p.pronargs FROM pg_proc p WHERE p.pronamespace = ${Q}jiedai${Q}::regnamespace ORDER BY 1" >functions &&
	test $(wc -l <functions) -ge 20 &&
	while read -r f nargs; do
		case "$f" in push|push_head|held|seals|ticket_digests|report) continue ;; esac
		args=$(i=0; while [ $i -lt "$nargs" ]; do printf "%sNULL" "$([ $i = 0 ] || echo ,)"; i=$((i + 1)); done)
		if as_login st_qs -c "SELECT * FROM jiedai.$f($args)" >out 2>err; then echo "allowed: $f"; exit 1; fi
		grep -q "permission denied for function $f" err || { echo "$f:"; cat err; exit 1; }
	done <functions &&
	test_must_fail as_login rd_county -c "SELECT * FROM jiedai.push(${Q}QS${Q}, ${Q}x${Q}, true, false, ${Q}[]${Q}, ${Q}[]${Q}, 0, NULL, NULL, NULL)" 2>err &&
	test_grep "permission denied for function push" err &&
	hub_fingerprint >after && test_cmp before after
'

test_expect_success 'the staging tables: the login can neither read, write nor drop them, nor put its own in their place' '
	test_must_fail as_login st_qs >out 2>err <<-\SQL &&
	BEGIN;
	SELECT * FROM jiedai.push($$QS$$, $$x$$, true, false, $$[]$$, $$[]$$, NULL, NULL, NULL, NULL);
	INSERT INTO pg_temp.jd_stage(code, id) VALUES ($$QS$$, 99);
	SQL
	test_grep "permission denied for table jd_stage" err &&
	for sql in "SELECT * FROM pg_temp.jd_stage" "DROP TABLE pg_temp.jd_stage" "DELETE FROM pg_temp.jd_voters"; do
		printf "BEGIN;\nSELECT * FROM jiedai.push(\$\$QS\$\$, \$\$x\$\$, true, false, \$\$[]\$\$, \$\$[]\$\$, NULL, NULL, NULL, NULL);\n%s;\n" "$sql" |
			as_login st_qs >out 2>err && return 1
		grep -q "permission denied\|must be owner" err || { cat err; return 1; }
	done &&
	test_must_fail as_login st_qs >out 2>err <<-\SQL &&
	CREATE TEMP TABLE jd_stage(code text, id bigint, ticket text, day text, subject text, at text,
	  kind text, actor text, login text, client text, status_from text, status_to text, unit text,
	  due_date text, method text, rating text, txt text, data text, state text, hash bytea,
	  masked boolean);
	SELECT * FROM jiedai.push($$QS$$, $$x$$, true, false, $$[]$$, $$[]$$, NULL, NULL, NULL, NULL);
	SQL
	test_grep "staging" err &&
	hub_fingerprint >after && test_cmp before after
'

test_expect_success 'after every attempt: the figures as the two stations made them, and honest pushes go on' '
	jiedai report --hub "$(hub_url rd_county)" --month 2026-03 --format json >after.json &&
	test_cmp county.json after.json &&
	JIEDAI_DB=qs.db jiedai add --name 选民6 --category 农业农村 --issue 第六件 >/dev/null &&
	JIEDAI_DB=qs.db jiedai push "$(hub_url st_qs)" >out && test_grep "^Pushed" out &&
	JIEDAI_DB=xh.db jiedai push "$(hub_url st_xh)" >out && test_grep "^Pushed" out &&
	jiedai report --hub "$(hub_url rd_county)" --month 2026-03 --format json >county.json &&
	test_grep "\"tickets\":12," county.json
'

# Hold the next push of station XH at the hub (a lock it must wait for), start
# it in the background (Chinese messages), and wait until it waits there.
held_push() {
	rm -f cut.rc &&
	{ echo "BEGIN; LOCK TABLE jiedai.units IN EXCLUSIVE MODE; SELECT pg_sleep(120);" | hub_psql >/dev/null 2>&1 & } &&
	n=0 && until [ "$(hub_psql -c "SELECT count(*) FROM pg_locks WHERE relation = ${Q}jiedai.units${Q}::regclass AND granted AND mode = ${Q}ExclusiveLock${Q}")" = 1 ]; do
		n=$((n + 1)); [ $n -lt 1500 ] || return 1; sleep 0.02; done &&
	{ (env -u LANGUAGE JIEDAI_DB=xh.db "$JIEDAI" push "$(hub_url st_xh)" >cut.out 2>cut.err; echo $? >cut.rc.tmp; mv cut.rc.tmp cut.rc) & } &&
	n=0 && until [ "$(hub_psql -c "SELECT count(*) FROM pg_stat_activity WHERE usename = ${Q}st_xh${Q} AND wait_event_type = ${Q}Lock${Q}")" = 1 ]; do
		n=$((n + 1)); [ $n -lt 1500 ] || return 1; sleep 0.02; done
}

# The push ended: exit 3, in Chinese that nothing was kept and to push again,
# never the server's words; the hub as it was.
cut_off_said() {
	n=0 && until [ -f cut.rc ]; do n=$((n + 1)); [ $n -lt 1500 ] || return 1; sleep 0.02; done &&
	echo 3 >expect && test_cmp expect cut.rc &&
	test_grep "一条也没有保存" cut.err && test_grep "重新推送" cut.err &&
	! grep -q "FATAL\|ERROR\|CONTEXT\|PL/pgSQL\|terminating\|server closed" cut.err
}

test_expect_success 'a push cut off by the server (its session ended): nothing kept, said in Chinese; pushed again, kept' '
	JIEDAI_DB=xh.db jiedai add --name 新人二 --category 农业农村 --issue 三 >/dev/null &&
	hub_fingerprint >before &&
	held_push &&
	hub_psql -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ${Q}st_xh${Q}" >/dev/null &&
	hub_psql -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE ${Q}%pg_sleep(120)%${Q} AND pid <> pg_backend_pid()" >/dev/null &&
	cut_off_said &&
	hub_fingerprint >after && test_cmp before after &&
	JIEDAI_DB=xh.db jiedai push "$(hub_url st_xh)" >out && test_grep "^Pushed" out
'

test_expect_success 'a push cut off by the server stopping: nothing kept, said in Chinese; pushed again, kept' '
	JIEDAI_DB=xh.db jiedai add --name 新人三 --category 农业农村 --issue 四 >/dev/null &&
	hub_fingerprint >before &&
	held_push &&
	hub_stop && cut_off_said &&
	hub_restart &&
	hub_fingerprint >after && test_cmp before after &&
	JIEDAI_DB=xh.db jiedai push "$(hub_url st_xh)" >out && test_grep "^Pushed" out
'

test_expect_success 'binding: add refuses a missing login, a non-station login, a code bound already; a station login binds nothing' '
	test_exit_code 1 jiedai hub station add ZZ --login nobody --hub "$HUB" 2>err &&
	test_grep "there is no login ${Q}nobody${Q}" err &&
	test_exit_code 1 jiedai hub station add ZZ --login rd_county --hub "$HUB" 2>err &&
	test_grep "not a member of jiedai_station" err &&
	test_exit_code 1 jiedai hub station add QS --login st_xh --hub "$HUB" 2>err &&
	test_grep "bound to the login ${Q}st_qs${Q} already" err &&
	test_exit_code 1 jiedai hub station add "Q S" --login st_xh --hub "$HUB" 2>err &&
	test_grep "not a station code" err &&
	test_exit_code 1 jiedai hub station add ZZ --login st_qs --hub "$(hub_url st_qs)" 2>err &&
	test_grep "only the hub${Q}s owner" err &&
	test_exit_code 1 jiedai hub station list --hub "$(hub_url st_qs)" 2>err &&
	test_grep "may not read that" err &&
	jiedai hub station list --hub "$(hub_url rd_county)" >list &&
	grep "^QS " list | test_grep "st_qs" &&
	grep "^XH " list | test_grep "st_xh"
'

test_expect_success 'a replaced laptop: the county re-binds the code, recorded; the old login is refused, the new one pushes' '
	hub_login st_qs2 pw-qs2 &&
	jiedai hub station rebind QS --login st_qs2 --note "新笔记本" --hub "$HUB" >out &&
	test_grep "bound to the hub login ${Q}st_qs2${Q} now" out &&
	hub_psql -c "SELECT coalesce(login_from, ${Q}-${Q}) || ${Q} ${Q} || login_to || ${Q} ${Q} || what || ${Q} ${Q} || note FROM jiedai.bindings WHERE station = ${Q}QS${Q} ORDER BY at" >got &&
	printf "%s\n" "- st_qs add " "st_qs st_qs2 rebind 新笔记本" >expect && test_cmp expect got &&
	JIEDAI_DB=qs.db jiedai add --name 选民7 --category 农业农村 --issue 第七件 >/dev/null &&
	test_exit_code 1 env JIEDAI_DB=qs.db "$JIEDAI" push "$(hub_url st_qs)" 2>err &&
	test_grep "bound to another hub login (st_qs2)" err &&
	JIEDAI_DB=qs.db jiedai push "$(hub_url st_qs2)" >out && test_grep "^Pushed" out &&
	jiedai hub station list --hub "$HUB" >list &&
	grep "^QS " list | test_grep "st_qs2"
'

test_done
