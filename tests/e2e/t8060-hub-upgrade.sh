#!/bin/sh
test_description='a hub of schema version 2, owned by the superuser and holding rows forged through the old staging tables, upgraded by hub init: owned by jiedai_owner, each pushed code bound to its login, every ticket worked out again from its history, the forged rows set aside'
. "$(dirname "$0")/test-lib.sh"
. "$JIEDAI_SRC/tests/e2e/lib-hub.sh"

if ! hub_have_pg; then
	printf '1..0 # SKIP PostgreSQL is not installed (Debian: postgresql)\n'
	exit 0
fi

Q="'"
export LANGUAGE=en
TABLES="stations events tickets days people units pushes"

old_psql() {
	psql -h "$HUB_SOCK" -U "$HUB_ADMIN" -d old -X -q -At -v ON_ERROR_STOP=1 "$@"
}
OLD="postgres:///old?host=$HUB_SOCK&user=$HUB_ADMIN"
old_url() {
	printf 'postgres:///old?host=%s&user=%s' "$HUB_SOCK" "$1"
}

test_expect_success_here 'a current hub, and a hub of schema version 2 owned by the superuser as an older jiedai left it' '
	hub_start --practice &&
	hub_login st_lj pw-lj LJ &&
	hub_login st_xc pw-xc &&
	hub_psql -c "CREATE DATABASE old ENCODING ${Q}UTF8${Q} TEMPLATE template0" &&
	JIEDAI_HUB_SCHEMA=2 jiedai hub init "$OLD" --practice --name 旧汇总库 >out &&
	test_grep "schema version 2" out &&
	old_psql -c "REASSIGN OWNED BY jiedai_owner TO $HUB_ADMIN" &&
	old_psql -c "SELECT DISTINCT proowner::regrole FROM pg_proc WHERE pronamespace = ${Q}jiedai${Q}::regnamespace" >got &&
	echo "$HUB_ADMIN" >expect && test_cmp expect got &&
	old_psql -c "SELECT count(*) FROM pg_proc WHERE proname = ${Q}push_commit${Q}" >got &&
	echo 1 >expect && test_cmp expect got
'

test_expect_success 'station LJ pushed to it (its rows as a push of version 2 kept them)' '
	jiedai init --station-code LJ --station-name 陵江镇 >/dev/null &&
	jiedai gen 80 --station LJ --years 1 --seed 6 >/dev/null 2>&1 &&
	jiedai push "$(hub_url st_lj)" >/dev/null &&
	for t in $TABLES; do
		hub_psql -c "\\copy jiedai.$t TO ${Q}$t.copy${Q}" &&
		old_psql -c "\\copy jiedai.$t FROM ${Q}$t.copy${Q}" || return 1
	done &&
	old_psql -c "SELECT count(*) FROM jiedai.tickets" >got &&
	echo 80 >expect && test_cmp expect got
'

test_expect_success 'the forgery of issue 17 at the old hub: fifty rows with no events rated 满意, one rating changed' '
	old_psql <<-\SQL &&
	INSERT INTO jiedai.tickets(number, station, year, seq, check_code, day_date, position, voter,
	  name, phone, address, category, issue, deputy, status, unit, due_date, answer_method,
	  answer_date, answer_text, rating, closed_at, closed_by, close_note, void_reason, extra,
	  created_at, updated_at, created_day, answer_day, digest)
	SELECT n, $$LJ$$, 2026, 1000 + k, $$$$, NULL, NULL, n, $$某*$$, $$$$, $$$$, $$农业农村$$, $$编的$$,
	  $$王芳$$, $$closed$$, $$$$, NULL, $$$$, NULL, $$$$, $$满意$$, NULL, $$$$, $$$$, $$$$, $${}$$,
	  $$2026-03-01 10:00:00$$, $$2026-03-01 10:00:00$$, $$2026-03-01$$, NULL, $$\x00$$
	FROM generate_series(1, 50) k, LATERAL (SELECT format($$LJ-2026-%s$$, 1000 + k) AS n) x;
	UPDATE jiedai.tickets SET rating = $$满意$$
	  WHERE number = (SELECT min(number) FROM jiedai.tickets WHERE rating = $$不满意$$);
	SQL
	old_psql -c "SELECT min(number) FROM jiedai.tickets WHERE rating = ${Q}不满意${Q}" >edited &&
	hub_psql -c "SELECT number FROM jiedai.tickets WHERE rating = ${Q}不满意${Q} ORDER BY number LIMIT 1" >was &&
	old_psql -c "SELECT count(*) FROM jiedai.tickets" >got &&
	echo 130 >expect && test_cmp expect got
'

test_expect_success 'hub init upgrades it: owned by jiedai_owner, LJ bound to st_lj, the forged rows set aside, the edited one replayed' '
	jiedai hub init "$OLD" >out &&
	test_grep "upgraded from schema version 2 to 3" out &&
	test_grep "; 51 row(s) that no history led to, or that differed from it, were set aside" out &&
	old_psql >got <<-\SQL &&
	SELECT nspowner::regrole FROM pg_namespace WHERE nspname = $$jiedai$$
	UNION SELECT relowner::regrole FROM pg_class WHERE relnamespace = $$jiedai$$::regnamespace
	UNION SELECT proowner::regrole FROM pg_proc WHERE pronamespace = $$jiedai$$::regnamespace;
	SQL
	echo jiedai_owner >expect && test_cmp expect got &&
	old_psql -c "SELECT station || ${Q} ${Q} || login_to || ${Q} ${Q} || what FROM jiedai.bindings" >got &&
	echo "LJ st_lj migrated" >expect && test_cmp expect got &&
	old_psql -c "SELECT reason, count(*) FROM jiedai.set_aside GROUP BY reason ORDER BY reason" >got &&
	printf "%s\n" "differs from its history|1" "no history|50" >expect && test_cmp expect got &&
	old_psql -c "SELECT count(*) FROM jiedai.tickets" >got &&
	echo 80 >expect && test_cmp expect got &&
	for t in tickets; do
		hub_psql -c "SELECT md5(string_agg(x::text, ${Q},${Q} ORDER BY number)) FROM jiedai.$t x" >expect &&
		old_psql -c "SELECT md5(string_agg(x::text, ${Q},${Q} ORDER BY number)) FROM jiedai.$t x" >got &&
		test_cmp expect got || return 1
	done &&
	old_psql -c "SELECT count(*) FROM pg_proc WHERE proname IN (${Q}push_commit${Q}, ${Q}push_begin${Q})" >got &&
	echo 0 >expect && test_cmp expect got
'

test_expect_success 'the upgraded hub takes the station'"'"'s next push, from its own login only' '
	jiedai day open --deputies 王芳 >/dev/null &&
	jiedai add --name 张三明 --category 农业农村 --issue 水渠 >/dev/null &&
	test_exit_code 1 jiedai push "$(old_url st_xc)" 2>err &&
	test_grep "bound to another hub login (st_lj)" err &&
	jiedai push "$(old_url st_lj)" >out &&
	test_grep "^Pushed .* 1 tickets new" out &&
	jiedai report --hub "$OLD" --from 2025-01-01 --to 2026-12-31 --format json >hub.json &&
	jiedai report --from 2025-01-01 --to 2026-12-31 --format json >own.json &&
	sed "s/\"station\":{\"code\":[^}]*},//" own.json >expect &&
	sed "s/\"station\":{\"code\":[^}]*},//" hub.json >got &&
	test_cmp expect got
'

test_done
