/*
 * store-report.c — the SQL behind the statistics (report.h) and the
 * register (register.h).
 *
 * Every figure of a group comes from one GROUP BY query over the tickets of
 * the period: the WHERE clause and the list of measures are the same
 * constant fragments for every grouping, so the groups always add up the
 * way the definitions in report.h say.  The period is bound as intake date
 * from (inclusive) and the day after to (exclusive) on tickets.created_at,
 * which the tickets_created index serves.
 *
 * A period's figures cost what the period holds, not what the ledger holds:
 * every query reaches tickets through tickets_created (or, for the days of
 * the period, tickets_day) and reception days through reception_days_date,
 * never by a scan or through an index that spans the whole ledger such as
 * the status (tests/unit/test-report.c checks the plans and counts the
 * work).  The register streams its rows; the figures hold only the groups
 * they print.
 */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "register.h"
#include "store-internal.h"
#include "ticket.h"
#include "xmalloc.h"

/* ?1 from, ?2 the day after to, ?3 today, ?4 the one station counted (NULL: all). */
/* count(t.id), not count(*): a reception day without tickets counts none (sql_days_measured). */
#define MEASURES \
	" count(t.id), count(DISTINCT t.voter_id)," \
	" sum(t.status IN ('answered', 'ready', 'closed'))," \
	" sum(t.status IN ('ready', 'closed'))," \
	" sum(t.rating <> ''), sum(t.rating = '" RATING_GOOD "')," \
	" sum(t.rating = '" RATING_FAIR "'), sum(t.rating = '" RATING_BAD "')," \
	" sum(t.status = 'assigned' AND t.due_date < ?3)," \
	" sum(CASE WHEN t.status IN ('answered', 'ready', 'closed')" \
	"  AND julianday(t.answer_date) IS NOT NULL" \
	"  THEN CAST(round(julianday(t.answer_date) - julianday(substr(t.created_at, 1, 10))) AS INTEGER) END)," \
	" sum(t.status IN ('answered', 'ready', 'closed') AND julianday(t.answer_date) IS NOT NULL)," \
	" sum(t.status IN ('answered', 'ready', 'closed')" \
	"  AND (t.due_date IS NULL OR t.answer_date <= t.due_date))"
#define PERIOD_WHERE \
	" WHERE t.created_at >= ?1 AND t.created_at < ?2 AND t.status <> 'void'" \
	" AND (?4 IS NULL OR t.station = ?4 COLLATE NOCASE)"
#define PERIOD " FROM tickets t" PERIOD_WHERE

/* The same definitions are written for PostgreSQL in hub-report.c: change both. */
static const char sql_total[] = "SELECT ''," MEASURES PERIOD;
static const char sql_category[] = "SELECT t.category," MEASURES PERIOD " GROUP BY t.category";
static const char sql_deputy[] = "SELECT t.deputy," MEASURES PERIOD " GROUP BY t.deputy";
static const char sql_station[] = "SELECT t.station," MEASURES PERIOD " GROUP BY t.station";
/*
 * By day: every reception day of the period (?5 its last date) with the
 * figures of its tickets, in date order; the tickets of each day found
 * through tickets_day; a day is one (date, station), and reception_days_date
 * gives them in that order.  Then those of the period taken on no day: "+" keeps
 * SQLite from reading every such ticket of the ledger through tickets_day.
 */
static const char sql_days_measured[] =
	"SELECT d.date," MEASURES ", d.id, d.station FROM reception_days d"
	" LEFT JOIN tickets t ON t.day_id = d.id AND t.created_at >= ?1 AND t.created_at < ?2"
	" AND t.status <> 'void' AND (?4 IS NULL OR t.station = ?4 COLLATE NOCASE)"
	" WHERE d.date BETWEEN ?1 AND ?5 AND (?4 IS NULL OR d.station = ?4 COLLATE NOCASE)"
	" GROUP BY d.date, d.station ORDER BY d.date, d.station";
static const char sql_no_day[] = "SELECT ''," MEASURES PERIOD " AND +t.day_id IS NULL";
/* By unit: the unit each ticket's recorded name means now (store-unit.c), or that name. */
static const char sql_unit[] =
	"SELECT coalesce(u.name, t.unit)," MEASURES " FROM tickets t"
	" LEFT JOIN unit_names n ON n.name = t.unit LEFT JOIN units u ON u.id = n.unit_id"
	PERIOD_WHERE " AND t.unit <> '' GROUP BY 1";

/* "+status": the period's tickets through tickets_created, not every void one through tickets_state. */
static const char sql_voided[] =
	"SELECT count(*) FROM tickets WHERE created_at >= ?1 AND created_at < ?2 AND +status = 'void'"
	" AND (?3 IS NULL OR station = ?3 COLLATE NOCASE)";
/* Reception days: ?1 from, ?2 to (dates, inclusive), ?3 the one station (NULL: all). */
#define DAYS_OF_STATION " AND (?3 IS NULL OR station = ?3 COLLATE NOCASE)"
static const char sql_days_total[] =
	"SELECT count(*) FROM reception_days WHERE date BETWEEN ?1 AND ?2" DAYS_OF_STATION;
static const char sql_days_station[] =
	"SELECT station, count(*) FROM reception_days WHERE date BETWEEN ?1 AND ?2" DAYS_OF_STATION
	" GROUP BY station";
static const char sql_days_deputy[] =
	"SELECT p.name, count(*) FROM reception_days d JOIN day_deputies dd ON dd.day_id = d.id"
	" JOIN deputies p ON p.id = dd.deputy_id WHERE d.date BETWEEN ?1 AND ?2"
	" AND (?3 IS NULL OR d.station = ?3 COLLATE NOCASE) GROUP BY p.name";

static void row_from(sqlite3_stmt *st, struct report_row *row)
{
	row->tickets = sqlite3_column_int64(st, 1);
	row->voters = sqlite3_column_int64(st, 2);
	row->answered = sqlite3_column_int64(st, 3);
	row->resolved = sqlite3_column_int64(st, 4);
	row->rated = sqlite3_column_int64(st, 5);
	row->good = sqlite3_column_int64(st, 6);
	row->fair = sqlite3_column_int64(st, 7);
	row->bad = sqlite3_column_int64(st, 8);
	row->overdue = sqlite3_column_int64(st, 9);
	row->answer_days = sqlite3_column_int64(st, 10);
	row->answer_n = sqlite3_column_int64(st, 11);
	row->on_time = sqlite3_column_int64(st, 12);
}

static void bind_period(sqlite3_stmt *st, const struct report *r, const char *next)
{
	sqlite3_bind_text(st, 1, r->from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, next, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, r->today, -1, SQLITE_STATIC);
	store_bind_text(st, 4, r->only_station);
}

/* The period's dates (?1, ?2) and the one station (?3) of the other queries. */
static void bind_dates(sqlite3_stmt *st, const struct report *r, const char *a, const char *b)
{
	sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	store_bind_text(st, 3, r->only_station);
}

static struct report_row *add_row(struct report_row **rows, size_t *n, const char *key)
{
	struct report_row *row;

	*rows = xreallocarray(*rows, *n + 1, sizeof(**rows));
	row = &(*rows)[(*n)++];
	memset(row, 0, sizeof(*row));
	row->key = xstrdup(key ? key : "");
	return row;
}

/* Run a grouped measure query into rows (days = dflt_days). */
static int grouped(struct store *s, const char *sql, const struct report *r, const char *next,
		   struct report_row **rows, size_t *n, int64_t dflt_days)
{
	sqlite3_stmt *st = store_stmt(s, sql);
	int rc;

	if (!st)
		return STORE_IO;
	bind_period(st, r, next);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct report_row *row = add_row(rows, n, (const char *)sqlite3_column_text(st, 0));

		row_from(st, row);
		row->days = dflt_days;
	}
	store_done(st);
	return rc == SQLITE_DONE ? STORE_OK : store_fail(s, rc, "report");
}

static int cmp_key(const void *a, const void *b)
{
	const struct report_row *x = a, *y = b;

	return strcmp(x->key, y->key);
}

/*
 * Days held per key (station or deputy), adding rows for keys without
 * tickets.  The rows are sorted by key first and looked up by halves: a
 * county has thousands of deputies.
 */
static int days_per(struct store *s, const char *sql, const struct report *r, struct report_row **rows,
		    size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, sql);
	size_t nsorted = *n;
	int rc;

	if (!st)
		return STORE_IO;
	if (nsorted)
		qsort(*rows, nsorted, sizeof(**rows), cmp_key);
	bind_dates(st, r, r->from, r->to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(st, 0);
		struct report_row probe = { .key = (char *)(key ? key : "") }, *row = NULL;

		if (nsorted)
			row = bsearch(&probe, *rows, nsorted, sizeof(**rows), cmp_key);
		if (!row)
			row = add_row(rows, n, key);
		row->days = sqlite3_column_int64(st, 1);
	}
	store_done(st);
	return rc == SQLITE_DONE ? STORE_OK : store_fail(s, rc, "report");
}

/* One number, or -1 when it could not be read (reported). */
static int64_t scalar(struct store *s, const struct report *rep, const char *sql, const char *a,
		      const char *b)
{
	sqlite3_stmt *st = store_stmt(s, sql);
	int64_t v = 0;
	int r = STORE_OK;

	if (!st)
		return -1;
	bind_dates(st, rep, a, b);
	if (store_row(s, st, "report", &r))
		v = sqlite3_column_int64(st, 0);
	store_done(st);
	return r == STORE_OK ? v : -1;
}

/*
 * By day: every day of the period in date order, each with its figures,
 * then the tickets taken on no day (when there are any).  Tickets of the
 * period taken on a day outside it (paper records entered later) count in
 * the total but in no row here.
 */
static int by_day(struct store *s, struct report *r, const char *next)
{
	sqlite3_stmt *st = store_stmt(s, sql_days_measured);
	struct report_row none = { 0 };
	int rc, ret = STORE_OK;

	if (!st)
		return STORE_IO;
	bind_period(st, r, next);
	sqlite3_bind_text(st, 5, r->to, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct report_row *row = add_row(&r->by_day, &r->nday, (const char *)sqlite3_column_text(st, 0));

		row_from(st, row);
		row->day_id = sqlite3_column_int64(st, 13);
		row->station = store_col_str(st, 14);
		row->days = 1;
	}
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, "report");

	st = store_stmt(s, sql_no_day);
	if (!st)
		return STORE_IO;
	bind_period(st, r, next);
	if (store_row(s, st, "report", &ret))
		row_from(st, &none);
	store_done(st);
	if (ret == STORE_OK && none.tickets > 0) {
		struct report_row *row = add_row(&r->by_day, &r->nday, "");
		char *key = row->key;

		*row = none;
		row->key = key;
	}
	return ret;
}

static int cmp_count_desc(const void *a, const void *b)
{
	const struct report_row *x = a, *y = b;

	if (x->tickets != y->tickets)
		return x->tickets > y->tickets ? -1 : 1;
	return strcmp(x->key, y->key);
}

int store_report_load(struct store *s, const char *from, const char *to, const char *station,
		      struct report *r)
{
	char next[CLOCK_DATE_LEN];
	sqlite3_stmt *st;
	int ret, rc;

	memset(r, 0, sizeof(*r));
	snprintf(r->from, sizeof(r->from), "%s", from);
	snprintf(r->to, sizeof(r->to), "%s", to);
	clock_today(r->today);
	if (clock_add_days(to, 1, next) < 0)
		return STORE_REFUSED;
	r->station_code = store_setting(s, "station_code");
	r->station_name = store_setting(s, "station_name");
	r->only_station = station && *station ? xstrdup(station) : NULL;

	/* One read transaction: every figure from the same state of the ledger. */
	if ((ret = store_read_begin(s, "report")) != STORE_OK)
		return ret;
	st = store_stmt(s, sql_total);
	if (!st) {
		ret = STORE_IO;
		goto out;
	}
	bind_period(st, r, next);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		row_from(st, &r->total);
	store_done(st);
	if (rc != SQLITE_ROW) {
		ret = store_fail(s, rc, "report");
		goto out;
	}
	r->total.key = xstrdup("");
	r->total.days = scalar(s, r, sql_days_total, from, to);
	r->voided = scalar(s, r, sql_voided, from, next);
	if (r->total.days < 0 || r->voided < 0) {
		ret = STORE_IO;
		goto out;
	}

	ret = grouped(s, sql_category, r, next, &r->by_category, &r->ncategory, -1);
	if (ret == STORE_OK)
		ret = grouped(s, sql_deputy, r, next, &r->by_deputy, &r->ndeputy, 0);
	if (ret == STORE_OK)
		ret = days_per(s, sql_days_deputy, r, &r->by_deputy, &r->ndeputy);
	if (ret == STORE_OK)
		ret = grouped(s, sql_station, r, next, &r->by_station, &r->nstation, 0);
	if (ret == STORE_OK)
		ret = days_per(s, sql_days_station, r, &r->by_station, &r->nstation);
	if (ret == STORE_OK)
		ret = by_day(s, r, next);
	if (ret == STORE_OK && s->version >= 4)
		ret = grouped(s, sql_unit, r, next, &r->by_unit, &r->nunit, -1);
	if (ret == STORE_OK) {
		if (r->ncategory)
			qsort(r->by_category, r->ncategory, sizeof(*r->by_category), cmp_count_desc);
		if (r->ndeputy)
			qsort(r->by_deputy, r->ndeputy, sizeof(*r->by_deputy), cmp_count_desc);
		if (r->nstation)
			qsort(r->by_station, r->nstation, sizeof(*r->by_station), cmp_key);
		if (r->nunit)
			qsort(r->by_unit, r->nunit, sizeof(*r->by_unit), cmp_count_desc);
		r->station_names = xcalloc(r->nstation + 1, sizeof(*r->station_names));
		for (size_t i = 0; i < r->nstation; i++)
			r->station_names[i] = store_station_name(s, r->by_station[i].key);
	}
out:
	store_read_end(s);
	return ret;
}

int store_register_list(struct store *s, const char *from, const char *to, int internal,
			const char *station, int (*fn)(const struct ticket *t, void *arg), void *arg)
{
	static char all[2048], live[2048];
	char next[CLOCK_DATE_LEN];
	sqlite3_stmt *st;
	int rc, was = 0, stop = 0;

	if (!all[0]) {
		/* The column list is a constant well under 2048 bytes. */
		if (strlen(STORE_TICKET_COLUMNS) > sizeof(all) - 160)
			BUG("ticket columns too long");
		snprintf(all, sizeof(all), "%s WHERE t.created_at >= ?1 AND t.created_at < ?2"
			 " AND (?3 IS NULL OR t.station = ?3 COLLATE NOCASE)"
			 " ORDER BY t.station, t.year, t.seq", STORE_TICKET_COLUMNS);
		snprintf(live, sizeof(live), "%s WHERE t.created_at >= ?1 AND t.created_at < ?2"
			 " AND (?3 IS NULL OR t.station = ?3 COLLATE NOCASE)"
			 " AND t.status <> 'void' ORDER BY t.station, t.year, t.seq", STORE_TICKET_COLUMNS);
	}
	if (clock_add_days(to, 1, next) < 0)
		return STORE_REFUSED;
	st = store_stmt(s, internal ? all : live);
	if (!st)
		return STORE_IO;
	/* The public register: the same sheet whoever makes it (store_read_public()). */
	if (!internal)
		was = store_read_public(s, 1);
	sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, next, -1, SQLITE_TRANSIENT);
	store_bind_text(st, 3, station && *station ? station : NULL);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ticket t;

		store_ticket_from_row(st, &t);
		stop = fn(&t, arg);
		ticket_release(&t);
		if (stop)
			break;
	}
	store_done(st);
	if (!internal)
		store_read_public(s, was);
	if (rc == SQLITE_ROW)
		return stop < 0 ? STORE_IO : STORE_OK;
	return rc == SQLITE_DONE ? STORE_OK : store_fail(s, rc, "register");
}
