/*
 * store-day.c — reception days (接待选民日): one per station and date, with
 * the deputies present.  At most one is open at a time; tickets taken while
 * it is open on its own date belong to it and get their 第N位 from it.  A
 * day before today is entered closed, for the paper records written on it
 * (补录): tickets go to it only when they say so (struct intake's day).
 */
#include "store.h"

#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "store-internal.h"
#include "store-write.h"
#include "u8.h"
#include "xmalloc.h"

void reception_day_release(struct reception_day *d)
{
	if (!d)
		return;
	free(d->date); free(d->place); free(d->opened_at); free(d->opened_by);
	free(d->closed_at); free(d->closed_by);
	if (d->deputies)
		for (char **p = d->deputies; *p; p++)
			free(*p);
	free(d->deputies);
	memset(d, 0, sizeof(*d));
}

static int fill_day(struct store *s, sqlite3_stmt *st, struct reception_day *d)
{
	static const char deps[] =
		"SELECT p.name FROM day_deputies dd JOIN deputies p ON p.id = dd.deputy_id"
		" WHERE dd.day_id = ?1 ORDER BY p.id";
	sqlite3_stmt *q;
	size_t n = 0;
	int r = STORE_OK;

	memset(d, 0, sizeof(*d));
	d->id = sqlite3_column_int64(st, 0);
	d->date = store_col_str(st, 1);
	d->place = store_col_str(st, 2);
	d->opened_at = store_col_str(st, 3);
	d->opened_by = store_col_str(st, 4);
	d->closed_at = store_col_text(st, 5);
	d->closed_by = store_col_text(st, 6);
	d->visitors = sqlite3_column_int(st, 7);
	d->tickets = sqlite3_column_int(st, 8);
	store_done(st);

	d->deputies = xcalloc(1, sizeof(*d->deputies));
	q = store_stmt(s, deps);
	if (!q)
		return STORE_IO;
	sqlite3_bind_int64(q, 1, d->id);
	while (store_row(s, q, "day deputies", &r)) {
		d->deputies = xreallocarray(d->deputies, n + 2, sizeof(*d->deputies));
		d->deputies[n++] = store_col_str(q, 0);
		d->deputies[n] = NULL;
	}
	store_done(q);
	if (r != STORE_OK)
		reception_day_release(d);
	return r;
}

#define DAY_COLUMNS \
	"SELECT d.id, d.date, d.place, d.opened_at, d.opened_by, d.closed_at, d.closed_by," \
	" d.visitors, (SELECT count(*) FROM tickets t WHERE t.day_id = d.id)" \
	" FROM reception_days d"

/* Run one of the day queries: ?1 is this station, ?2 (when given) a date. */
static int day_query(struct store *s, const char *sql, const char *date, struct reception_day *d)
{
	char *station = store_setting(s, "station_code");
	sqlite3_stmt *st = store_stmt(s, sql);
	int r = STORE_OK;

	if (!st) {
		free(station);
		return STORE_IO;
	}
	sqlite3_bind_text(st, 1, station, -1, SQLITE_TRANSIENT);
	if (date)
		sqlite3_bind_text(st, 2, date, -1, SQLITE_STATIC);
	free(station);
	if (!store_row(s, st, "reception day", &r)) {
		store_done(st);
		return r != STORE_OK ? r : STORE_NOTFOUND;
	}
	return fill_day(s, st, d);
}

/* The open day's id and date for this station, 0 when none, or -1 (reported). */
static int64_t open_day(struct store *s, const char *station, char **date)
{
	static const char sql[] =
		"SELECT id, date FROM reception_days WHERE station = ?1 AND closed_at IS NULL"
		" ORDER BY date DESC LIMIT 1";
	sqlite3_stmt *st = store_stmt(s, sql);
	int64_t id = 0;
	int r = STORE_OK;

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, station, -1, SQLITE_STATIC);
	if (store_row(s, st, "reception day", &r)) {
		id = sqlite3_column_int64(st, 0);
		if (date)
			*date = store_col_str(st, 1);
	}
	store_done(st);
	return r == STORE_OK ? id : -1;
}

static int close_day(struct store *s, int64_t id, const char *actor, const char *now)
{
	static const char sql[] =
		"UPDATE reception_days SET closed_at = ?2, closed_by = ?3 WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql);

	if (!st)
		return STORE_IO;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, actor, -1, SQLITE_STATIC);
	return store_exec_stmt(s, st, "close day");
}

int store_day_open(struct store *s, const char *date, char *const *deputies, const char *place,
		   const struct actor *who, char **closed_other)
{
	static const char upsert[] =
		"INSERT INTO reception_days(station, date, place, opened_at, opened_by)"
		" VALUES(?1, ?2, ?3, ?4, ?5)"
		" ON CONFLICT(station, date) DO UPDATE SET closed_at = NULL, closed_by = NULL,"
		"  place = CASE WHEN excluded.place <> '' THEN excluded.place ELSE place END"
		" RETURNING id";
	/* An earlier day: entered closed, and left as it is when the ledger has it already. */
	static const char upsert_past[] =
		"INSERT INTO reception_days(station, date, place, opened_at, opened_by, closed_at, closed_by)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?4, ?5)"
		" ON CONFLICT(station, date) DO UPDATE SET"
		"  place = CASE WHEN excluded.place <> '' THEN excluded.place ELSE place END"
		" RETURNING id";
	static const char link[] =
		"INSERT OR IGNORE INTO day_deputies(day_id, deputy_id) VALUES(?1, ?2)";
	char today[CLOCK_DATE_LEN], now[CLOCK_STAMP_LEN];
	char *station = NULL, *other_date = NULL, *def_place = NULL;
	int64_t other = 0, day_id = 0;
	sqlite3_stmt *st;
	int r, rc, past;

	if (closed_other)
		*closed_other = NULL;
	clock_today(today);
	clock_stamp(now);
	if (!date)
		date = today;
	past = strcmp(date, today) < 0;
	r = store_begin(s);
	if (r != STORE_OK)
		return r;
	station = store_setting(s, "station_code");
	if (!place || !*place)
		place = def_place = store_setting(s, "station_place");
	/* Entering an earlier day leaves today's open day open. */
	if (!past) {
		other = open_day(s, station, &other_date);
		if (other < 0) {
			r = STORE_IO;
			goto fail;
		}
	}
	if (other && strcmp(other_date, date)) {
		r = close_day(s, other, who->name, now);
		if (r == STORE_OK)
			r = store_day_record(s, other, "day-close", who, NULL, 0);
		if (r != STORE_OK)
			goto fail;
		if (closed_other) {
			*closed_other = other_date;
			other_date = NULL;
		}
	}
	st = store_stmt(s, past ? upsert_past : upsert);
	if (!st) {
		r = STORE_IO;
		goto fail;
	}
	sqlite3_bind_text(st, 1, station, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, date, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, place ? place : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, who->name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		day_id = sqlite3_column_int64(st, 0);
	store_done(st);
	if (rc != SQLITE_ROW) {
		r = store_fail(s, rc, "open day");
		goto fail;
	}
	for (char *const *d = deputies; d && *d; d++) {
		int64_t dep;

		r = store_deputy_ensure(s, *d, &dep);
		if (r != STORE_OK)
			goto fail;
		st = store_stmt(s, link);
		if (!st) {
			r = STORE_IO;
			goto fail;
		}
		sqlite3_bind_int64(st, 1, day_id);
		sqlite3_bind_int64(st, 2, dep);
		r = store_exec_stmt(s, st, "day deputies");
		if (r != STORE_OK)
			goto fail;
	}
	/* An earlier day entered again with nothing new records nothing. */
	r = store_day_record(s, day_id, "day-open", who,
			     past ? _("an earlier day, entered for its paper records (补录)") : NULL, past);
	if (r != STORE_OK)
		goto fail;
	free(station);
	free(other_date);
	free(def_place);
	return store_commit(s);
fail:
	store_rollback(s);
	free(station);
	free(other_date);
	free(def_place);
	if (closed_other) {
		free(*closed_other);
		*closed_other = NULL;
	}
	return r;
}

/* The day of this station on date, open or not: its id (0 when none, -1 when it could not be read) and whether it is closed. */
static int64_t day_on(struct store *s, const char *station, const char *date, int *is_closed)
{
	static const char sql[] =
		"SELECT id, closed_at IS NOT NULL FROM reception_days WHERE station = ?1 AND date = ?2";
	sqlite3_stmt *st = store_stmt(s, sql);
	int64_t id = 0;
	int r = STORE_OK;

	*is_closed = 0;
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, station, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, date, -1, SQLITE_STATIC);
	if (store_row(s, st, "reception day", &r)) {
		id = sqlite3_column_int64(st, 0);
		*is_closed = sqlite3_column_int(st, 1);
	}
	store_done(st);
	return r == STORE_OK ? id : -1;
}

int store_day_close(struct store *s, const struct actor *who, struct reception_day *closed)
{
	return store_day_close_on(s, NULL, who, closed);
}

int store_day_close_on(struct store *s, const char *on, const struct actor *who, struct reception_day *closed)
{
	char now[CLOCK_STAMP_LEN];
	char *station, *date = NULL;
	int64_t id;
	int r, is_closed = 0;

	clock_stamp(now);
	r = store_begin(s);
	if (r != STORE_OK)
		return r;
	station = store_setting(s, "station_code");
	if (on) {
		id = day_on(s, station, on, &is_closed);
		date = xstrdup(on);
	} else {
		id = open_day(s, station, &date);
	}
	free(station);
	if (id < 0) {
		store_rollback(s);
		free(date);
		return STORE_IO;
	}
	if (!id || is_closed) {
		store_rollback(s);
		if (!on)
			error(_("no reception day is open"));
		else if (!id)
			error(_("no reception day was held on %s"), on);
		else
			error(_("the reception day of %s is closed already"), on);
		free(date);
		return id ? STORE_REFUSED : STORE_NOTFOUND;
	}
	r = close_day(s, id, who->name, now);
	if (r == STORE_OK)
		r = store_day_record(s, id, "day-close", who, NULL, 0);
	if (r != STORE_OK) {
		store_rollback(s);
		free(date);
		return r;
	}
	r = store_commit(s);
	if (r == STORE_OK && closed)
		r = store_day_get(s, date, closed);
	free(date);
	return r;
}

int store_day_current(struct store *s, struct reception_day *d)
{
	static const char sql[] = DAY_COLUMNS
		" WHERE d.station = ?1 AND d.closed_at IS NULL ORDER BY d.date DESC LIMIT 1";

	return day_query(s, sql, NULL, d);
}

int store_day_get(struct store *s, const char *date, struct reception_day *d)
{
	static const char sql[] = DAY_COLUMNS " WHERE d.station = ?1 AND d.date = ?2";

	return day_query(s, sql, date, d);
}

char **store_day_recent(struct store *s, int n)
{
	static const char sql[] =
		"SELECT date FROM reception_days WHERE station = ?1 ORDER BY date DESC LIMIT ?2";
	char *station = store_setting(s, "station_code");
	sqlite3_stmt *st = store_stmt(s, sql);
	char **dates = xcalloc((size_t)n + 1, sizeof(*dates));
	int k = 0;

	if (st) {
		int r = STORE_OK;

		sqlite3_bind_text(st, 1, station, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 2, n);
		/* A suggestion list: what could be read, the error said. */
		while (k < n && store_row(s, st, "reception days", &r))
			dates[k++] = store_col_str(st, 0);
		store_done(st);
	}
	free(station);
	return dates;
}

char **store_day_dates(struct store *s, const char *from, const char *to)
{
	static const char sql[] =
		"SELECT date FROM reception_days WHERE station = ?1 AND date BETWEEN ?2 AND ?3 ORDER BY date";
	char *station = store_setting(s, "station_code");
	sqlite3_stmt *st = store_stmt(s, sql);
	char **dates = xcalloc(1, sizeof(*dates));
	size_t n = 0;
	int r = STORE_OK;

	if (st) {
		sqlite3_bind_text(st, 1, station, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, from, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, to, -1, SQLITE_TRANSIENT);
		while (store_row(s, st, "reception days", &r)) {
			dates = xreallocarray(dates, n + 2, sizeof(*dates));
			dates[n++] = store_col_str(st, 0);
			dates[n] = NULL;
		}
		store_done(st);
	}
	free(station);
	if (!st || r != STORE_OK) {
		u8_lines_free(dates);
		return NULL;
	}
	return dates;
}

int store_day_has_deputy(struct store *s, int64_t day_id, const char *name, int *ndeputies)
{
	static const char sql[] =
		"SELECT count(*), coalesce(sum(p.name = ?2), 0) FROM day_deputies dd"
		" JOIN deputies p ON p.id = dd.deputy_id WHERE dd.day_id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql);
	int rc, present = 0;

	if (ndeputies)
		*ndeputies = 0;
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, day_id);
	store_bind_text(st, 2, name ? name : "");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		if (ndeputies)
			*ndeputies = sqlite3_column_int(st, 0);
		present = sqlite3_column_int(st, 1) > 0;
	}
	store_done(st);
	if (rc != SQLITE_ROW) {
		store_fail(s, rc, "day deputies");
		return -1;
	}
	return present;
}

char *store_day_default_deputy(struct store *s, int64_t day_id, const struct actor *who)
{
	/* The newest ticket of the day from this terminal, whose deputy is still present. */
	static const char last[] =
		"SELECT t.deputy FROM tickets t JOIN events e ON e.ticket_id = t.id"
		" AND e.kind IN ('register', 'backfill')"
		" WHERE t.day_id = ?1 AND e.login = ?2 AND e.client = ?3 AND e.actor = ?4"
		" AND t.deputy IN (SELECT p.name FROM day_deputies dd JOIN deputies p ON p.id = dd.deputy_id"
		"  WHERE dd.day_id = ?1) ORDER BY t.id DESC LIMIT 1";
	static const char only[] =
		"SELECT min(p.name), count(*) FROM day_deputies dd JOIN deputies p ON p.id = dd.deputy_id"
		" WHERE dd.day_id = ?1";
	sqlite3_stmt *st;
	char *name = NULL;
	int r = STORE_OK;

	/* A suggestion: none when the ledger cannot be read, the error said. */
	if (!day_id)
		return NULL;
	if (who && (st = store_stmt(s, last))) {
		sqlite3_bind_int64(st, 1, day_id);
		store_bind_text(st, 2, who->login ? who->login : "");
		store_bind_text(st, 3, who->client ? who->client : "");
		store_bind_text(st, 4, who->name ? who->name : "");
		if (store_row(s, st, "day deputies", &r))
			name = store_col_str(st, 0);
		store_done(st);
		if (name || r != STORE_OK)
			return name;
	}
	if (who && who->name && store_day_has_deputy(s, day_id, who->name, NULL) == 1)
		return xstrdup(who->name);
	if ((st = store_stmt(s, only))) {
		sqlite3_bind_int64(st, 1, day_id);
		if (store_row(s, st, "day deputies", &r) && sqlite3_column_int(st, 1) == 1)
			name = store_col_str(st, 0);
		store_done(st);
	}
	return name;
}

int store_day_refs(struct store *s, int max, struct day_ref **days, size_t *n)
{
	static const char sql[] =
		"SELECT id, station, date FROM reception_days ORDER BY date DESC, station LIMIT ?1";
	sqlite3_stmt *st = store_stmt(s, sql);
	struct day_ref *out = NULL;
	size_t k = 0;
	int rc;

	*days = NULL;
	*n = 0;
	if (!st)
		return STORE_IO;
	sqlite3_bind_int(st, 1, max);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out = xreallocarray(out, k + 1, sizeof(*out));
		out[k].id = sqlite3_column_int64(st, 0);
		out[k].station = store_col_str(st, 1);
		out[k].date = store_col_str(st, 2);
		k++;
	}
	store_done(st);
	if (rc != SQLITE_DONE) {
		day_refs_free(out, k);
		return store_fail(s, rc, "days");
	}
	*days = out;
	*n = k;
	return STORE_OK;
}

void day_refs_free(struct day_ref *days, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(days[i].station);
		free(days[i].date);
	}
	free(days);
}
