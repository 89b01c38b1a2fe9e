#!/bin/sh
test_description='forty stations push at once (some twice, some cut off by kill -9 and pushed again); the hub holds exactly their union, and its figures equal a SQLite roll-up of the same exports'
. "$(dirname "$0")/test-lib.sh"
. "$JIEDAI_SRC/tests/e2e/lib-hub.sh"

if ! hub_have_pg; then
	printf '1..0 # SKIP PostgreSQL is not installed (Debian: postgresql)\n'
	exit 0
fi

# Small stations in make check (tickets each); make bench pushes the big ones.
TICKETS=${HUB_TEST_TICKETS:-100}
STATIONS=$(seq -w 1 40)
# Cut off mid-push with kill -9, then pushed again; pushed twice.
KILLED="03 11 19 27 35"
TWICE="05 13 21 29 37"
Q="'"
export LANGUAGE=en

code() { printf 'T%s' "$1"; }

test_expect_success_here 'a practice hub and forty station logins' '
	jiedai init --station-code XS >/dev/null &&
	hub_start --practice &&
	for i in $STATIONS; do
		printf "CREATE ROLE st_t%s LOGIN PASSWORD ${Q}pw-%s${Q} IN ROLE jiedai_station;\n" "$i" "$i"
		printf "*:*:*:st_t%s:pw-%s\n" "$i" "$i" >>"$HOME/.pgpass"
	done | hub_psql &&
	chmod 0600 "$HOME/.pgpass" &&
	for i in $STATIONS; do hub_bind T$i st_t$i || exit 1; done
'

# One station's practice ledger: jiedai gen under its own code, then its export.
make_station() {
	JIEDAI_DB=s$1.db "$JIEDAI" gen "$TICKETS" --station "$(code "$1")" --years 1 --seed "$1" >/dev/null 2>&1 &&
	JIEDAI_DB=s$1.db "$JIEDAI" export --format jsonl -o s$1.jsonl >/dev/null
}

test_expect_success 'forty station ledgers made with jiedai gen, each exported' '
	for i in $STATIONS; do
		make_station "$i" &
		[ $((1$i % 2)) -eq 0 ] && wait
	done; wait &&
	for i in $STATIONS; do test -s s$i.jsonl || exit 1; done
'

test_expect_success 'thirty-five push at the same time, five of them twice' '
	pids= &&
	for i in $STATIONS; do
		case " $KILLED " in *" $i "*) continue ;; esac
		(JIEDAI_DB=s$i.db "$JIEDAI" push "$(hub_url st_t$i)" >push$i.out 2>&1 || echo "$i failed" >>fail) &
		case " $TWICE " in *" $i "*)
			(JIEDAI_DB=s$i.db "$JIEDAI" push "$(hub_url st_t$i)" >push$i.again 2>&1 || echo "$i again failed" >>fail) & ;;
		esac
	done; wait &&
	test ! -e fail
'

test_expect_success 'five cut off with kill -9 while the hub holds their pushes half-done: nothing of them kept' '
	hub_psql -c "SELECT 1" &&
	( echo "BEGIN; LOCK TABLE jiedai.units IN EXCLUSIVE MODE; SELECT pg_sleep(120);" | hub_psql >/dev/null 2>&1 & echo $! >locker ) &&
	wait_lock=0 && while [ "$(hub_psql -c "SELECT count(*) FROM pg_locks WHERE relation = ${Q}jiedai.units${Q}::regclass AND granted AND mode = ${Q}ExclusiveLock${Q}")" != 1 ]; do
		wait_lock=$((wait_lock + 1)); [ $wait_lock -lt 500 ] || exit 1; sleep 0.02; done &&
	: >pids &&
	for i in $KILLED; do
		JIEDAI_DB=s$i.db "$JIEDAI" push "$(hub_url st_t$i)" >killed$i.out 2>&1 &
		echo $! >>pids
	done &&
	n=0 && while [ "$(hub_psql -c "SELECT count(*) FROM pg_stat_activity WHERE usename LIKE ${Q}st_t%${Q} AND wait_event_type = ${Q}Lock${Q}")" != 5 ]; do
		n=$((n + 1)); [ $n -lt 1500 ] || exit 1; sleep 0.02; done &&
	kill -9 $(cat pids) &&
	hub_psql -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE ${Q}%pg_sleep(120)%${Q} AND pid <> pg_backend_pid()" >/dev/null &&
	n=0 && while [ "$(hub_psql -c "SELECT count(*) FROM pg_stat_activity WHERE usename LIKE ${Q}st_t%${Q}")" != 0 ]; do
		n=$((n + 1)); [ $n -lt 1500 ] || exit 1; sleep 0.02; done &&
	killed="$(for i in $KILLED; do printf "${Q}T%s${Q}," $i; done) ${Q}-${Q}" &&
	hub_psql -c "SELECT count(*) FROM jiedai.stations WHERE code IN ($killed) AND (events > 0 OR pushes > 0 OR personal IS NOT NULL)" >got &&
	echo 0 >expect && test_cmp expect got &&
	hub_psql -c "SELECT count(*) FROM jiedai.events WHERE station IN ($killed)" >got &&
	test_cmp expect got &&
	hub_psql -c "SELECT count(*) FROM jiedai.tickets WHERE station IN ($killed)" >got &&
	test_cmp expect got
'

test_expect_success 'the five pushed again, at the same time' '
	for i in $KILLED; do
		(JIEDAI_DB=s$i.db "$JIEDAI" push "$(hub_url st_t$i)" >push$i.out 2>&1 || echo "$i failed" >>fail) &
	done; wait &&
	test ! -e fail
'

test_expect_success 'the hub holds exactly the union: every station, its every record, its head and its tickets' '
	for i in $STATIONS; do
		sqlite3 s$i.db "SELECT ${Q}T$i|${Q} || count(*) || ${Q}|${Q} || max(id) || ${Q}|${Q} || (SELECT lower(hex(hash)) FROM events ORDER BY id DESC LIMIT 1) || ${Q}|${Q} || (SELECT count(*) FROM tickets) FROM events"
	done >expect &&
	hub_psql -c "SELECT s.code || ${Q}|${Q} || (SELECT count(*) FROM jiedai.events e WHERE e.station = s.code) || ${Q}|${Q} || s.events || ${Q}|${Q} || encode(s.head, ${Q}hex${Q}) || ${Q}|${Q} || (SELECT count(*) FROM jiedai.tickets t WHERE t.station = s.code) FROM jiedai.stations s ORDER BY s.code" >got &&
	test_cmp expect got &&
	hub_psql -c "SELECT count(*) FROM jiedai.tickets" >got && echo $((40 * TICKETS)) >expect && test_cmp expect got
'

test_expect_success_here 'a SQLite roll-up of the same forty exports' '
	JIEDAI_DB=county.db "$JIEDAI" init --station-code XIAN --station-name 陵江县 >/dev/null &&
	for i in $STATIONS; do JIEDAI_DB=county.db "$JIEDAI" import s$i.jsonl >/dev/null || exit 1; done
'

# The figures of a report as JSON, without the header that names the ledger or the hub.
figures() {
	sed 's/"station":{"code":[^}]*},//' "$1"
}

test_expect_success 'report --hub equals report on the roll-up, figure by figure: a year, a month' '
	for period in "--from 2025-03-01 --to 2026-03-10" "--month 2026-01" "--month 2025-06"; do
		JIEDAI_DB=county.db "$JIEDAI" report $period --format json >roll.json &&
		"$JIEDAI" report --hub "$HUB" $period --format json >hub.json &&
		figures roll.json >expect && figures hub.json >got &&
		test_cmp expect got || exit 1
	done &&
	test_grep "\"by_station\":\[" got && test $(grep -c "\"station\":\"T" got) -ge 40 &&
	test_grep "\"by_unit\":\[" got
'

test_expect_success 'one station at the hub equals its own ledger; a station login may read the figures too' '
	JIEDAI_DB=s07.db "$JIEDAI" report --from 2025-03-01 --to 2026-03-10 --format json >own.json &&
	"$JIEDAI" report --hub "$(hub_url st_t07)" --station T07 --from 2025-03-01 --to 2026-03-10 --format json >hub7.json &&
	figures own.json >expect && figures hub7.json >got && test_cmp expect got
'

test_expect_success 'register --hub: the public register of the county equals the roll-up'"'"'s' '
	JIEDAI_DB=county.db "$JIEDAI" register --month 2026-01 --format csv >roll.csv &&
	"$JIEDAI" register --hub "$HUB" --month 2026-01 --format csv >hub.csv &&
	# the roll-up ends with the check code of its ledger; the hub has no one ledger to vouch for
	grep -q "^Ledger check code [0-9A-F-]*," roll.csv &&
	! grep -q "check code" hub.csv &&
	tail -n +3 roll.csv | grep -v "^Ledger check code" >expect &&
	tail -n +3 hub.csv >got && test_cmp expect got &&
	test $(wc -l <got) -gt 40
'

test_done
