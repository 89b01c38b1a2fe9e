#!/bin/sh
# hub.sh — the county hub's rows of `make bench` (run.sh calls it; it also
# runs alone).  Each row against its baseline in the same run, as a ratio:
#
#  1. the first push of a made-up ledger (jiedai gen N --station BN) into an
#     empty hub, against COPY of the same rows into the same schema (a second
#     hub database), one transaction, through psql's \copy;
#  2. an incremental push of one reception day (40 tickets) onto it, against
#     COPY of the rows that push added;
#  3. report --hub for one month over a made-up province (S stations, 240
#     tickets a year each, in 2025) against report on a SQLite roll-up ledger
#     that holds the same data.  Both are filled straight by SQL, not through
#     jiedai (3.6 million tickets through jiedai gen would take hours): the
#     hub's tables by generate_series in PostgreSQL, and the roll-up from the
#     same rows exported as CSV.  The two reports must give the same figures,
#     or the row says so.
#
# PostgreSQL runs in a temporary directory as the tests start it
# (tests/e2e/lib-hub.sh): initdb, a Unix socket and no TCP, as the account
# postgres when run as root; but with its default durability settings.
# Without PostgreSQL's binaries the rows say they were skipped.
#
#   JIEDAI, JIEDAI_SRC  the binary and the source tree (the Makefile sets them)
#   BENCH_QUICK=1       small sizes, one repetition (tests/e2e/t8200)
#   BENCH_WORK          where the ledgers are kept between runs (tests/bench/work)
#   HUB_TICKETS         tickets of the pushed ledger (100000; quick 2000)
#   HUB_STATIONS        stations of the province (15000; quick 40)
#   HUB_REPEAT          repetitions of each timing, median taken (3; quick 1)
#   HUB_PG_BIN          where PostgreSQL's programs are (pg_config --bindir, else
#                       the newest /usr/lib/postgresql/*/bin)
#
# Prints the table's rows on standard output and keeps them in
# $BENCH_WORK/hub-rows.md; progress goes to standard error.
set -eu

: "${JIEDAI:?set JIEDAI to the jiedai binary}"
: "${JIEDAI_SRC:?set JIEDAI_SRC to the source tree}"
JIEDAI=$(cd "$(dirname "$JIEDAI")" && pwd)/$(basename "$JIEDAI")
QUICK=${BENCH_QUICK:-0}
WORK=${BENCH_WORK:-$JIEDAI_SRC/tests/bench/work}
if [ "$QUICK" = 1 ]; then
	TICKETS=${HUB_TICKETS:-2000} STATIONS=${HUB_STATIONS:-40} REPEAT=${HUB_REPEAT:-1}
else
	TICKETS=${HUB_TICKETS:-100000} STATIONS=${HUB_STATIONS:-15000} REPEAT=${HUB_REPEAT:-3}
fi
DAY_TICKETS=40
MONTH=2025-06
GEN_NOW=2026-03-10T09:30:00
mkdir -p "$WORK/home"
WORK=$(cd "$WORK" && pwd)
ROWS=$WORK/hub-rows.md
rm -f "$ROWS" "$WORK/hub-note.md"

export LC_ALL=C.UTF-8 TZ=Asia/Shanghai HOME="$WORK/home" JIEDAI_CONF=/nonexistent JIEDAI_NOW=$GEN_NOW
unset LANGUAGE JIEDAI_DB JIEDAI_SEARCH JIEDAI_ACTOR XDG_DATA_HOME XDG_CONFIG_HOME PGSERVICE PGHOST \
	PGDATABASE PGUSER PGPASSFILE 2>/dev/null || true

say() { printf '%s\n' "$*" >&2; }
ms_now() { date +%s%N | awk '{ printf("%.1f", $1 / 1e6) }'; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf("%.2f", (b - a) / 1000) }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print 0 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b <= 0) { print "n/a"; exit } r = a / b; printf(r < 10 ? "%.2f" : "%.0f", r) }'; }
per_s() { awk -v n="$1" -v s="$2" 'BEGIN { if (s <= 0) print "n/a"; else printf("%.0f", n / s) }'; }
le() { awk -v a="$1" -v b="$2" 'BEGIN { print (a <= b ? "met" : "missed") }'; }

rows_out() {
	cat >"$ROWS"
	cat "$ROWS"
}

# ---- PostgreSQL ------------------------------------------------------------
PG_BIN=${HUB_PG_BIN:-$(pg_config --bindir 2>/dev/null || true)}
if [ -z "${HUB_PG_BIN:-}" ] && { [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; }; then
	PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
fi
skip() {
	say "bench: the hub's rows are skipped: $1"
	rows_out <<-EOF
	| the county's hub: first push, incremental push, report --hub | skipped: $1 | | | ≤ 2× (first push) | skipped |
	EOF
	exit 0
}
[ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] && [ -x "$PG_BIN/pg_ctl" ] ||
	skip "PostgreSQL's binaries are missing (apt-get install postgresql)"
command -v psql >/dev/null || skip "psql is missing (apt-get install postgresql-client)"
command -v sqlite3 >/dev/null || skip "sqlite3 is missing (apt-get install sqlite3)"
OWNER=
if [ "$(id -u)" = 0 ]; then
	getent passwd postgres >/dev/null ||
		skip "PostgreSQL will not run as root, and there is no account postgres to run it"
	OWNER=postgres
fi
as_owner() {
	if [ -n "$OWNER" ]; then runuser -u "$OWNER" -- "$@"; else "$@"; fi
}

PGDIR=$(mktemp -d "${TMPDIR:-/tmp}/jiedai-bench-hub.XXXXXX")
SOCK=$PGDIR/sock
ADMIN=jdadmin
stop_pg() {
	[ -d "$PGDIR/data" ] && as_owner "$PG_BIN/pg_ctl" -D "$PGDIR/data" -m fast -w stop >/dev/null 2>&1
	rm -rf "$PGDIR"
}
trap stop_pg EXIT
trap 'exit 130' INT TERM
chmod 0711 "$PGDIR"
mkdir "$SOCK"
[ -z "$OWNER" ] || chown "$OWNER" "$PGDIR" "$SOCK"
say "bench: starting PostgreSQL in $PGDIR"
as_owner "$PG_BIN/initdb" -D "$PGDIR/data" -U "$ADMIN" -E UTF8 --locale=C.UTF-8 --auth-local=trust \
	>"$PGDIR/initdb.log" 2>&1 || { cat "$PGDIR/initdb.log" >&2; exit 1; }
as_owner sh -c "cat >>'$PGDIR/data/postgresql.conf'" <<EOF
listen_addresses = ''
unix_socket_directories = '$SOCK'
max_connections = 20
EOF
as_owner "$PG_BIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 120 start >/dev/null ||
	{ cat "$PGDIR/server.log" >&2; exit 1; }
PG_VERSION=$(psql -h "$SOCK" -U "$ADMIN" -d postgres -X -A -t -c "SHOW server_version" | cut -d' ' -f1)

# sql DB [psql arguments]: psql as the superuser on DB, stopping at the first error
sql() {
	sql_db=$1
	shift
	PGOPTIONS="-c client_min_messages=warning" \
		psql -h "$SOCK" -U "$ADMIN" -d "$sql_db" -X -q -A -t -v ON_ERROR_STOP=1 "$@"
}
url() { printf 'postgres:///%s?host=%s&user=%s' "$1" "$SOCK" "${2:-$ADMIN}"; }
# fresh_hub DB [--practice]: an empty hub database made by jiedai hub init
fresh_hub() {
	hub_db=$1
	shift
	sql postgres -c "DROP DATABASE IF EXISTS $hub_db" -c "CREATE DATABASE $hub_db ENCODING 'UTF8' TEMPLATE template0"
	"$JIEDAI" hub init "$(url "$hub_db")" "$@" >/dev/null
}

# ---- 1. the first push -------------------------------------------------------
key=$(cat "$JIEDAI_SRC/src/core/gen.c" "$JIEDAI_SRC/src/core/text/fts.c" "$JIEDAI_SRC/src/core/store/store.c" |
	cksum | cut -d' ' -f1)
LEDGER=$WORK/hub-ledger-$TICKETS-$key.db
if [ ! -f "$LEDGER" ]; then
	rm -f "$WORK"/hub-ledger-"$TICKETS"-*
	say "bench: making up a station's ledger of $TICKETS tickets (once; kept in $WORK)"
	rm -f "$LEDGER.tmp" "$LEDGER.tmp-wal" "$LEDGER.tmp-shm"
	JIEDAI_DB=$LEDGER.tmp "$JIEDAI" gen "$TICKETS" --station BN --years 10 --seed 1 >/dev/null 2>&1
	# The file must stand alone: everything out of the WAL into it.
	sqlite3 "$LEDGER.tmp" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
	rm -f "$LEDGER.tmp-wal" "$LEDGER.tmp-shm"
	mv "$LEDGER.tmp" "$LEDGER"
fi
STATION=$WORK/hub-station.db
fresh_ledger() {
	rm -f "$STATION" "$STATION-wal" "$STATION-shm"
	cp "$LEDGER" "$STATION"
}

fresh_hub hub --practice
sql hub -c "CREATE ROLE st_bn LOGIN IN ROLE jiedai_station"
# The county binds the station's code to its login before the first push.
bind_bn() { "$JIEDAI" hub station add BN --login st_bn --hub "$(url hub)" >/dev/null; }
bind_bn
TABLES="stations events tickets days people units pushes"
: >"$WORK/hub-push.ms"
: >"$WORK/hub-copy.ms"
i=0
while [ $i -lt "$REPEAT" ]; do
	say "bench: first push of $TICKETS tickets, and COPY of the same rows ($((i + 1)) of $REPEAT)"
	[ $i = 0 ] || { fresh_hub hub --practice && bind_bn; }
	fresh_ledger
	t0=$(ms_now)
	JIEDAI_DB=$STATION "$JIEDAI" push "$(url hub st_bn)" >"$WORK/hub-push.out" 2>"$WORK/hub-push.err" ||
		{ cat "$WORK/hub-push.err" >&2; exit 1; }
	t1=$(ms_now)
	echo "$t0 $t1" | awk '{ print $2 - $1 }' >>"$WORK/hub-push.ms"
	if [ $i = 0 ]; then
		for t in $TABLES; do
			sql hub -c "\\copy jiedai.$t TO '$WORK/hub-$t.copy'"
		done
	fi
	fresh_hub base --practice
	set --
	for t in $TABLES; do
		set -- "$@" -c "\\copy jiedai.$t FROM '$WORK/hub-$t.copy'"
	done
	t0=$(ms_now)
	sql base -c "BEGIN" "$@" -c "COMMIT"
	t1=$(ms_now)
	echo "$t0 $t1" | awk '{ print $2 - $1 }' >>"$WORK/hub-copy.ms"
	i=$((i + 1))
done
RECORDS=$(sql hub -c "SELECT count(*) FROM jiedai.events")
HELD=$(sql hub -c "SELECT count(*) FROM jiedai.tickets")
[ "$HELD" = "$TICKETS" ] || { say "bench: the hub holds $HELD tickets, not $TICKETS"; exit 1; }
push_s=$(median <"$WORK/hub-push.ms" | awk '{ printf("%.2f", $1 / 1000) }')
copy_s=$(median <"$WORK/hub-copy.ms" | awk '{ printf("%.2f", $1 / 1000) }')
first_ratio=$(ratio "$push_s" "$copy_s")

# ---- 2. an incremental push ------------------------------------------------------
: >"$WORK/hub-incr.ms"
: >"$WORK/hub-incr-copy.ms"
i=0
while [ $i -lt "$REPEAT" ]; do
	day=2026-04-$(printf '%02d' $((i + 1)))
	say "bench: an incremental push of one reception day ($day, $DAY_TICKETS tickets) ($((i + 1)) of $REPEAT)"
	before=$(sql hub -c "SELECT events FROM jiedai.stations WHERE code = 'BN'")
	(
		export JIEDAI_DB="$STATION" JIEDAI_NOW="${day}T09:00:00"
		"$JIEDAI" day open --deputies 王芳 --place 陵江镇便民服务中心 >/dev/null
		k=1
		while [ $k -le $DAY_TICKETS ]; do
			"$JIEDAI" add --name 张三明 --phone 13800138$(printf '%03d' $k) --category 农业农村 \
				--issue "三组水渠失修第${k}段" >/dev/null
			k=$((k + 1))
		done
		JIEDAI_NOW="${day}T17:00:00" "$JIEDAI" day close >/dev/null
	)
	t0=$(ms_now)
	JIEDAI_DB=$STATION JIEDAI_NOW="${day}T17:30:00" "$JIEDAI" push "$(url hub st_bn)" \
		>"$WORK/hub-incr.out" 2>"$WORK/hub-incr.err" || { cat "$WORK/hub-incr.err" >&2; exit 1; }
	t1=$(ms_now)
	echo "$t0 $t1" | awk '{ print $2 - $1 }' >>"$WORK/hub-incr.ms"
	# The same rows into the baseline's copy of the hub, one transaction.
	sql hub -c "\\copy (SELECT * FROM jiedai.events WHERE station = 'BN' AND id > $before) TO '$WORK/hub-incr-events.copy'"
	sql hub -c "\\copy (SELECT * FROM jiedai.tickets WHERE station = 'BN' AND number IN (SELECT ticket FROM jiedai.events WHERE station = 'BN' AND id > $before)) TO '$WORK/hub-incr-tickets.copy'"
	sql hub -c "\\copy (SELECT * FROM jiedai.days WHERE station = 'BN' AND date = '$day') TO '$WORK/hub-incr-days.copy'"
	t0=$(ms_now)
	sql base -c "BEGIN" -c "\\copy jiedai.events FROM '$WORK/hub-incr-events.copy'" \
		-c "\\copy jiedai.tickets FROM '$WORK/hub-incr-tickets.copy'" \
		-c "\\copy jiedai.days FROM '$WORK/hub-incr-days.copy'" -c "COMMIT"
	t1=$(ms_now)
	echo "$t0 $t1" | awk '{ print $2 - $1 }' >>"$WORK/hub-incr-copy.ms"
	i=$((i + 1))
done
incr_records=$(wc -l <"$WORK/hub-incr-events.copy")
incr_s=$(median <"$WORK/hub-incr.ms" | awk '{ printf("%.2f", $1 / 1000) }')
incr_copy_ms=$(median <"$WORK/hub-incr-copy.ms")
incr_ratio=$(ratio "$(awk -v s="$incr_s" 'BEGIN { print s * 1000 }')" "$incr_copy_ms")
sql postgres -c "DROP DATABASE base" -c "DROP DATABASE hub"

# ---- 3. report --hub over a province ------------------------------------------
PROV_TICKETS=$((STATIONS * 240))
say "bench: a province of $STATIONS stations and $PROV_TICKETS tickets, at the hub"
fresh_hub prov
t0=$(ms_now)
# The made-up province, once as SQL; the hub's tables and the roll-up are both
# filled from these views.  s is the station (0…), k its ticket of the year
# (0…239, twenty on each monthly reception day), g the ticket across the
# province; h a deterministic scramble of g that picks every other value.
sql prov <<EOF
CREATE SCHEMA bench;
CREATE FUNCTION bench.person(i bigint) RETURNS text LANGUAGE sql IMMUTABLE AS \$\$
  SELECT substr('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤', (i / 100 % 100)::int + 1, 1)
    || substr('伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红梅兰志宇峰建国文辉力斌波浩亮成俊鹏飞林海云凤琴丹玲燕雪琳晶莉婷慧颖佳欣悦蕾琪倩瑶婕宁彬鑫龙旭晨阳凯瑞祥福荣新春光德庆友宏万金永安和顺兴利生贵有才勤', (i % 100)::int + 1, 1) \$\$;
CREATE FUNCTION bench.pick(a text[], i bigint) RETURNS text LANGUAGE sql IMMUTABLE AS
  \$\$ SELECT a[1 + (i % array_length(a, 1))::int] \$\$;
-- Each station's three deputies: distinct names, shared across the province as real names are.
CREATE VIEW bench.g_stations AS
  SELECT s, 'S' || lpad((s + 1)::text, 5, '0') AS code,
    bench.pick(ARRAY['陵江','凤凰','白马','青龙','石桥','新华','太平','长乐','永兴','龙泉'], s)
      || (s + 1) || '镇人大代表联络站' AS name,
    bench.person((s * 7) % 10000) AS d0, bench.person((s * 7 + 3331) % 10000) AS d1,
    bench.person((s * 7 + 6662) % 10000) AS d2,
    ((s * 7) % 10000) AS i0, ((s * 7 + 3331) % 10000) AS i1, ((s * 7 + 6662) % 10000) AS i2
  FROM generate_series(0, $STATIONS - 1) AS s;
CREATE VIEW bench.g_days AS
  SELECT st.*, m, s * 12 + m + 1 AS day_id, make_date(2025, m + 1, 1 + s % 28) AS dd
  FROM bench.g_stations st, generate_series(0, 11) AS m;
CREATE VIEW bench.g_base AS
  SELECT d.*, k, d.s * 240 + k AS g, (d.s * 240 + k) * 2654435761 % 1000003 AS h,
    d.code || '-2025-' || lpad((k + 1)::text, 4, '0') AS number,
    d.code || '-2025-' || lpad((k - CASE WHEN k % 4 = 3 THEN 1 ELSE 0 END + 1)::text, 4, '0') AS voter,
    d.s * 240 + k + 1 - CASE WHEN k % 4 = 3 THEN 1 ELSE 0 END AS voter_id,
    to_char(d.dd, 'YYYY-MM-DD') || ' ' || to_char(time '09:00' + (k % 20) * interval '7 min', 'HH24:MI:SS') AS created_at
  FROM bench.g_days d, generate_series(0, 19) AS j, LATERAL (SELECT d.m * 20 + j AS k) kk;
CREATE VIEW bench.g_status AS
  SELECT b.*, CASE WHEN h % 100 < 4 THEN 'registered' WHEN h % 100 < 16 THEN 'assigned'
    WHEN h % 100 < 34 THEN 'answered' WHEN h % 100 < 46 THEN 'ready' WHEN h % 100 < 96 THEN 'closed'
    ELSE 'void' END AS status FROM bench.g_base b;
CREATE VIEW bench.g_tickets AS
  SELECT x.*, CASE WHEN x.answered THEN to_char(x.dd + (x.h % 29)::int, 'YYYY-MM-DD') END AS answer_date,
    CASE WHEN x.status = 'closed' THEN to_char(x.dd + (x.h % 29)::int + 5, 'YYYY-MM-DD') || ' 10:00:00' END AS closed_at
  FROM (SELECT t.s, t.k, t.g, t.voter_id, t.day_id, t.dd, t.h, t.number, t.code AS station, 2025 AS year,
    t.k + 1 AS seq, '' AS check_code, to_char(t.dd, 'YYYY-MM-DD') AS day_date, t.k % 20 + 1 AS position,
    t.voter, substr(bench.person(t.h % 10000), 1, 1) || '*' || substr(bench.person(t.h / 7 % 10000), 2, 1) AS name,
    '1' || (38 + t.h % 3) || '****' || lpad((t.h % 10000)::text, 4, '0') AS phone, '' AS address,
    bench.pick(ARRAY['农业农村','城建交通','民生事业','社会保障','环境保护','教科文卫','扶贫脱贫','营商环境','工业经济','其他'], t.h / 7) AS category,
    bench.pick(ARRAY['水渠失修','道路破损','低保申请','医保报销','垃圾清运','学校周边交通','危房改造','营业执照办理','企业用工','邻里纠纷','路灯不亮','饮水安全'], t.h / 11) AS issue,
    CASE t.k % 3 WHEN 0 THEN t.d0 WHEN 1 THEN t.d1 ELSE t.d2 END AS deputy, t.status,
    CASE WHEN t.status IN ('registered', 'void') THEN '' ELSE bench.pick(ARRAY['镇水利站','县水务局','镇民政办','县医保局','县住建局','县交通运输局','镇环保办','县教育局','镇社保所','县人社局','镇综治中心','县市场监管局'], t.h / 13) END AS unit,
    CASE WHEN t.status IN ('registered', 'void') THEN NULL ELSE to_char(t.dd + 15, 'YYYY-MM-DD') END AS due_date,
    t.status IN ('answered', 'ready', 'closed') AS answered,
    CASE WHEN t.status IN ('answered', 'ready', 'closed') THEN bench.pick(ARRAY['电话','当面','书面答复','入户回访'], t.h / 17) ELSE '' END AS answer_method,
    CASE WHEN t.status IN ('answered', 'ready', 'closed') THEN '已答复，正在办理' ELSE '' END AS answer_text,
    CASE WHEN t.status NOT IN ('ready', 'closed') THEN '' WHEN t.h / 3 % 10 < 7 THEN '满意'
      WHEN t.h / 3 % 10 < 9 THEN '基本满意' ELSE '不满意' END AS rating,
    CASE WHEN t.status = 'closed' THEN t.d0 ELSE '' END AS closed_by, '' AS close_note,
    CASE WHEN t.status = 'void' THEN '重复登记' ELSE '' END AS void_reason, '{}' AS extra, t.created_at
  FROM bench.g_status t) x;
INSERT INTO jiedai.stations(code, name, owner, personal, practice)
  SELECT code, name, '$ADMIN', 'masked', false FROM bench.g_stations;
INSERT INTO jiedai.people(station, name, role, active, created_at)
  SELECT code, d, 'deputy', true, '2025-01-01 08:00:00' FROM bench.g_stations, LATERAL (VALUES (d0), (d1), (d2)) v(d);
INSERT INTO jiedai.days(station, date, place, opened_at, opened_by, closed_at, closed_by, deputies)
  SELECT code, dd, '便民服务中心', to_char(dd, 'YYYY-MM-DD') || ' 08:30:00', d0,
    to_char(dd, 'YYYY-MM-DD') || ' 17:00:00', d0, ARRAY[d0, d1, d2] FROM bench.g_days;
-- The tickets' indexes and constraints are set aside while the rows go in,
-- and made again after as hub init made them: building them once is faster
-- than keeping them up row by row.
SET maintenance_work_mem = '512MB';
CREATE TABLE bench.saved AS
  SELECT 1 AS ord, format('ALTER TABLE jiedai.tickets ADD CONSTRAINT %I %s', conname,
    pg_get_constraintdef(oid)) AS def FROM pg_constraint
    WHERE conrelid = 'jiedai.tickets'::regclass AND contype IN ('p', 'u')
  UNION ALL SELECT 2, format('ALTER TABLE jiedai.tickets ADD CONSTRAINT %I %s', conname,
    pg_get_constraintdef(oid)) FROM pg_constraint
    WHERE conrelid = 'jiedai.tickets'::regclass AND contype = 'f'
  UNION ALL SELECT 3, pg_get_indexdef(i.indexrelid) FROM pg_index i
    WHERE i.indrelid = 'jiedai.tickets'::regclass
    AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid);
DO \$\$ DECLARE r record; BEGIN
  FOR r IN SELECT conname FROM pg_constraint WHERE conrelid = 'jiedai.tickets'::regclass
      AND contype IN ('p', 'u', 'f') ORDER BY contype = 'f' DESC LOOP
    EXECUTE format('ALTER TABLE jiedai.tickets DROP CONSTRAINT %I', r.conname);
  END LOOP;
  FOR r IN SELECT indexrelid::regclass::text AS name FROM pg_index
      WHERE indrelid = 'jiedai.tickets'::regclass LOOP
    EXECUTE format('DROP INDEX %s', r.name);
  END LOOP;
END \$\$;
INSERT INTO jiedai.tickets(number, station, year, seq, check_code, day_date, position, voter, name, phone,
    address, category, issue, deputy, status, unit, due_date, answer_method, answer_date, answer_text,
    rating, closed_at, closed_by, close_note, void_reason, extra, created_at, updated_at, created_day,
    answer_day, digest)
  SELECT number, station, year, seq, check_code, day_date, position, voter, name, phone, address,
    category, issue, deputy, status, unit, due_date, answer_method, answer_date, answer_text, rating,
    closed_at, closed_by, close_note, void_reason, extra, created_at,
    coalesce(closed_at, answer_date || ' 10:00:00', created_at), dd, answer_date::date,
    jiedai.row_digest(number, station, year, seq, check_code, day_date, position, voter, name, phone,
      address, category, issue, deputy, status, unit, due_date, answer_method, answer_date,
      answer_text, rating, closed_at, closed_by, close_note, void_reason, extra, created_at,
      coalesce(closed_at, answer_date || ' 10:00:00', created_at))
  FROM bench.g_tickets;
DO \$\$ DECLARE r record; BEGIN
  FOR r IN SELECT def FROM bench.saved ORDER BY ord LOOP EXECUTE r.def; END LOOP;
END \$\$;
DROP TABLE bench.saved;
EOF
sql prov -c "VACUUM ANALYZE"
t1=$(ms_now)
fill_pg=$(secs "$t0" "$t1")
HUB_MB=$(sql prov -c "SELECT pg_database_size('prov') / 1048576")

# The roll-up: a ledger made by jiedai init, its tables filled with the same
# rows (CSV out of PostgreSQL, \N for NULL).  Kept between runs.
rkey=$( (cat "$0" "$JIEDAI_SRC/src/core/store/store.c") | cksum | cut -d' ' -f1)
ROLLUP=$WORK/hub-rollup-$STATIONS-$rkey.db
if [ ! -f "$ROLLUP" ]; then
	rm -f "$WORK"/hub-rollup-"$STATIONS"-*
	say "bench: the same province into a SQLite roll-up (once; kept in $WORK)"
	t0=$(ms_now)
	R=$ROLLUP.tmp
	rm -f "$R" "$R-wal" "$R-shm"
	JIEDAI_DB=$R "$JIEDAI" init --station-code SHENG --station-name 省人大常委会汇总 >/dev/null
	csv() {
		sql prov -c "\\copy ($1) TO '$PGDIR/$2.csv' WITH (FORMAT csv, HEADER, NULL '\\N')"
	}
	csv "SELECT code, name FROM bench.g_stations" g_stations
	csv "SELECT DISTINCT i + 1 AS id, bench.person(i) AS name FROM bench.g_stations, LATERAL (VALUES (i0), (i1), (i2)) v(i)" g_deputies
	csv "SELECT day_id, code, to_char(dd, 'YYYY-MM-DD') AS date, to_char(dd, 'YYYY-MM-DD') || ' 08:30:00' AS opened_at, d0, to_char(dd, 'YYYY-MM-DD') || ' 17:00:00' AS closed_at, i0 + 1 AS p0, i1 + 1 AS p1, i2 + 1 AS p2 FROM bench.g_days" g_days
	csv "SELECT g + 1 AS id, station, year, seq, number, check_code, day_id, position, voter_id, name, phone, address, category, issue, deputy, status, unit, due_date, answer_method, answer_date, answer_text, rating, closed_at, closed_by, close_note, void_reason, extra, created_at, coalesce(closed_at, answer_date || ' 10:00:00', created_at) AS updated_at FROM bench.g_tickets" g_tickets
	# The search index is built once at the end, and the tickets' own
	# indexes made again after the rows are in, as for the hub.
	fts_sql=$(sqlite3 "$R" "SELECT sql FROM sqlite_master WHERE name = 'tickets_fts_insert'")
	idx_drop=$(sqlite3 "$R" "SELECT 'DROP INDEX ' || name || ';' FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tickets' AND sql IS NOT NULL")
	idx_make=$(sqlite3 "$R" "SELECT sql || ';' FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tickets' AND sql IS NOT NULL")
	sqlite3 -bail "$R" >/dev/null <<EOF
PRAGMA synchronous = OFF;
PRAGMA cache_size = -1048576;
.load $(dirname "$JIEDAI")/jiedai_fts
DROP TRIGGER tickets_fts_insert;
$idx_drop
.import --csv $PGDIR/g_stations.csv g_stations
.import --csv $PGDIR/g_deputies.csv g_deputies
.import --csv $PGDIR/g_days.csv g_days
.import --csv $PGDIR/g_tickets.csv g_tickets
BEGIN;
INSERT INTO stations(code, name) SELECT code, name FROM g_stations;
INSERT INTO deputies(id, name, role, created_at) SELECT CAST(id AS INTEGER), name, 'deputy', '2025-01-01 08:00:00' FROM g_deputies;
INSERT INTO reception_days(id, station, date, place, opened_at, opened_by, closed_at, closed_by, visitors)
  SELECT CAST(day_id AS INTEGER), code, date, '便民服务中心', opened_at, d0, closed_at, d0, 20 FROM g_days;
INSERT INTO day_deputies(day_id, deputy_id)
  SELECT CAST(day_id AS INTEGER), CAST(p AS INTEGER) FROM (SELECT day_id, p0 AS p FROM g_days
    UNION ALL SELECT day_id, p1 FROM g_days UNION ALL SELECT day_id, p2 FROM g_days);
INSERT INTO voters(id, name, phone, address, created_at)
  SELECT CAST(voter_id AS INTEGER), name, phone, address, created_at FROM g_tickets WHERE id = voter_id;
INSERT INTO tickets(id, station, year, seq, number, check_code, day_id, position, voter_id, name, phone,
    address, category, issue, deputy, status, unit, due_date, answer_method, answer_date, answer_text,
    rating, closed_at, closed_by, close_note, void_reason, extra, created_at, updated_at)
  SELECT CAST(id AS INTEGER), station, CAST(year AS INTEGER), CAST(seq AS INTEGER), number, check_code,
    CAST(day_id AS INTEGER), CAST(position AS INTEGER), CAST(voter_id AS INTEGER), name, phone, address,
    category, issue, deputy, status, unit, nullif(due_date, '\\N'), answer_method,
    nullif(answer_date, '\\N'), answer_text, rating, nullif(closed_at, '\\N'), closed_by, close_note,
    void_reason, extra, created_at, updated_at FROM g_tickets;
INSERT INTO counters(station, year, seq) SELECT code, 2025, 240 FROM g_stations;
DROP TABLE g_stations; DROP TABLE g_deputies; DROP TABLE g_days; DROP TABLE g_tickets;
$idx_make
$fts_sql;
INSERT INTO tickets_fts(tickets_fts) VALUES('rebuild');
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
EOF
	rm -f "$R-wal" "$R-shm" "$PGDIR"/g_*.csv
	mv "$R" "$ROLLUP"
	t1=$(ms_now)
	secs "$t0" "$t1" >"$ROLLUP.fill-seconds"
fi
fill_sq=$(cat "$ROLLUP.fill-seconds" 2>/dev/null || echo "?")
ROLLUP_MB=$(du -m "$ROLLUP" | cut -f1)

say "bench: report --hub --month $MONTH, and report on the roll-up"
: >"$WORK/hub-report.ms"
: >"$WORK/hub-report-sq.ms"
i=0
while [ $i -lt "$REPEAT" ]; do
	t0=$(ms_now)
	"$JIEDAI" report --hub "$(url prov)" --month "$MONTH" --format json >"$WORK/hub-report.json"
	t1=$(ms_now)
	JIEDAI_DB=$ROLLUP "$JIEDAI" report --month "$MONTH" --format json >"$WORK/hub-report-sq.json"
	t2=$(ms_now)
	echo "$t0 $t1" | awk '{ print $2 - $1 }' >>"$WORK/hub-report.ms"
	echo "$t1 $t2" | awk '{ print $2 - $1 }' >>"$WORK/hub-report-sq.ms"
	i=$((i + 1))
done
# The figures without the header that names the ledger or the hub (as t8100 compares them).
sed 's/"station":{"code":[^}]*},//' "$WORK/hub-report.json" >"$WORK/hub-report.fig"
sed 's/"station":{"code":[^}]*},//' "$WORK/hub-report-sq.json" >"$WORK/hub-report-sq.fig"
month_tickets=$(sql prov -c "SELECT count(*) FROM jiedai.tickets WHERE created_day BETWEEN '$MONTH-01' AND ('$MONTH-01'::date + interval '1 month' - interval '1 day')")
if cmp -s "$WORK/hub-report.fig" "$WORK/hub-report-sq.fig"; then
	same="figures equal"
else
	same="FIGURES DIFFER"
	say "bench: report --hub and the roll-up's report differ: diff $WORK/hub-report.fig $WORK/hub-report-sq.fig"
fi
rep_s=$(median <"$WORK/hub-report.ms" | awk '{ printf("%.2f", $1 / 1000) }')
rep_sq=$(median <"$WORK/hub-report-sq.ms" | awk '{ printf("%.2f", $1 / 1000) }')

rows_out <<EOF
| first push of a $TICKETS-ticket ledger (jiedai gen $TICKETS --station BN --years 10: $RECORDS records, masked), median of $REPEAT | $push_s s, $(per_s "$TICKETS" "$push_s") tickets/s | COPY of the same rows into the same schema, one transaction: $copy_s s, $(per_s "$TICKETS" "$copy_s") tickets/s | $first_ratio× | ≤ 2× | $(le "$first_ratio" 2) |
| incremental push of one reception day onto it ($DAY_TICKETS tickets, $incr_records records), median of $REPEAT | $incr_s s | COPY of the same rows: $(awk -v m="$incr_copy_ms" 'BEGIN { printf("%.1f", m) }') ms | $incr_ratio× | (not a goal) | info |
| report --hub --month $MONTH ($month_tickets of $PROV_TICKETS tickets, $STATIONS stations), median of $REPEAT | $rep_s s | report on the SQLite roll-up of the same data: $rep_sq s | $(ratio "$rep_s" "$rep_sq")× | the same figures | $( [ "$same" = "figures equal" ] && echo "met ($same)" || echo "missed ($same)") |
EOF
say "bench: hub: PostgreSQL $PG_VERSION; province filled in $fill_pg s at the hub ($HUB_MB MB), roll-up in $fill_sq s ($ROLLUP_MB MB)"
echo "PostgreSQL $PG_VERSION; the province: filled in $fill_pg s at the hub ($HUB_MB MB), roll-up made in $fill_sq s ($ROLLUP_MB MB)." >"$WORK/hub-note.md"
