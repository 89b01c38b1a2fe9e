/*
 * hub-report.c — county figures and the public register from the hub,
 * computed in PostgreSQL.
 *
 * The measures are the definitions of report.h, written a second time in
 * PostgreSQL's dialect: the one in store-report.c (SQLite) is the model,
 * and tests/e2e/t8100-hub-county.sh compares the two figure by figure over
 * the same forty stations.  Change both or neither.  jiedai.report()
 * returns one row per member of each group; laying them out (the order of
 * rows, the rows of deputies and stations with days but no tickets, the
 * row of tickets taken on no reception day) is done here exactly as
 * store_report_load() does it.
 */
#include "hub.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "error.h"
#include "hub-internal.h"
#include "i18n.h"
#include "report.h"
#include "ticket.h"
#include "u8.h"
#include "xmalloc.h"

#define ANSWERED "t.status IN ('answered', 'ready', 'closed')"
#define MEASURES \
	" count(*), count(DISTINCT t.station || ' ' || t.voter)," \
	" count(*) FILTER (WHERE " ANSWERED ")," \
	" count(*) FILTER (WHERE t.status IN ('ready', 'closed'))," \
	" count(*) FILTER (WHERE t.rating <> ''), count(*) FILTER (WHERE t.rating = '" RATING_GOOD "')," \
	" count(*) FILTER (WHERE t.rating = '" RATING_FAIR "')," \
	" count(*) FILTER (WHERE t.rating = '" RATING_BAD "')," \
	" count(*) FILTER (WHERE t.status = 'assigned' AND t.due_date COLLATE \"C\" < to_char(p_today, 'YYYY-MM-DD'))," \
	" coalesce(sum(t.answer_day - t.created_day) FILTER (WHERE " ANSWERED " AND t.answer_day IS NOT NULL), 0)::bigint," \
	" count(*) FILTER (WHERE " ANSWERED " AND t.answer_day IS NOT NULL)," \
	" count(*) FILTER (WHERE " ANSWERED " AND (t.due_date IS NULL" \
	"  OR t.answer_date COLLATE \"C\" <= t.due_date COLLATE \"C\"))"
#define ZEROS11 " 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint," \
	" 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint"
#define ZEROS10 " 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint, 0::bigint," \
	" 0::bigint, 0::bigint, 0::bigint, 0::bigint"

const char hub_report_sql_1[] =
	"CREATE FUNCTION jiedai.report(p_from date, p_to date, p_today date, p_station text)\n"
	"  RETURNS TABLE(grp text, key text, day_station text, days bigint, tickets bigint,\n"
	"    voters bigint, answered bigint, resolved bigint, rated bigint, good bigint, fair bigint,\n"
	"    bad bigint, overdue bigint, answer_days bigint, answer_n bigint, on_time bigint)\n"
	"  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$\n"
	"WITH period AS (SELECT * FROM jiedai.tickets t WHERE t.created_day BETWEEN p_from AND p_to\n"
	"    AND (p_station IS NULL OR t.station = p_station)),\n"
	"  live AS (SELECT * FROM period t WHERE t.status <> 'void'),\n"
	"  d AS (SELECT * FROM jiedai.days d WHERE d.date BETWEEN p_from AND p_to\n"
	"    AND (p_station IS NULL OR d.station = p_station))\n"
	"SELECT 'total', '', NULL::text, (SELECT count(*) FROM d)," MEASURES " FROM live t\n"
	"UNION ALL SELECT 'voided', '', NULL, 0::bigint, count(*)," ZEROS10 " FROM period t\n"
	"  WHERE t.status = 'void'\n"
	"UNION ALL SELECT 'category', t.category, NULL, -1::bigint," MEASURES " FROM live t\n"
	"  GROUP BY t.category\n"
	"UNION ALL SELECT 'deputy', t.deputy, NULL, 0::bigint," MEASURES " FROM live t GROUP BY t.deputy\n"
	"UNION ALL SELECT 'deputy-days', x.name, NULL, count(*)," ZEROS11 "\n"
	"  FROM d, unnest(d.deputies) AS x(name) GROUP BY x.name\n"
	"UNION ALL SELECT 'station', t.station, NULL, 0::bigint," MEASURES " FROM live t\n"
	"  GROUP BY t.station\n"
	"UNION ALL SELECT 'station-days', d.station, NULL, count(*)," ZEROS11 " FROM d GROUP BY d.station\n"
	"UNION ALL SELECT 'day', coalesce(t.day_date, ''), t.station, 1::bigint," MEASURES " FROM live t\n"
	"  GROUP BY t.station, t.day_date\n"
	"UNION ALL SELECT 'day-list', to_char(d.date, 'YYYY-MM-DD'), d.station, 1::bigint," ZEROS11 "\n"
	"  FROM d\n"
	"UNION ALL SELECT 'unit', t.unit, NULL, -1::bigint," MEASURES " FROM live t WHERE t.unit <> ''\n"
	"  GROUP BY t.unit\n"
	"UNION ALL SELECT 'station-name', s.code, s.name, 0::bigint," ZEROS11 " FROM jiedai.stations s\n"
	"  WHERE p_station IS NULL OR s.code = p_station\n"
	"$$;\n";

/*
 * Migration 3: the figures as before, now report_all() (callable by no
 * login), behind report(), which lets a county reader (or the owner) see
 * any station's and the county's, and a station's login its own station's
 * alone — the one its login is bound to when it names none; another
 * station's code is refused (JD013).
 */
const char hub_report_sql_3[] =
	/*
	 * The figures as before (report_all), for whom may see them: a reader any station's and the
	 * county's; a station's login its own station's alone (the one it is bound to, when it names
	 * none).
	 */
	"ALTER FUNCTION jiedai.report(date, date, date, text) RENAME TO report_all;\n"
	"CREATE FUNCTION jiedai.report(p_from date, p_to date, p_today date, p_station text)\n"
	"  RETURNS TABLE(grp text, key text, day_station text, days bigint, tickets bigint,\n"
	"    voters bigint, answered bigint, resolved bigint, rated bigint, good bigint, fair bigint,\n"
	"    bad bigint, overdue bigint, answer_days bigint, answer_n bigint, on_time bigint)\n"
	"  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$\n"
	"DECLARE\n"
	"  code text := p_station;\n"
	"BEGIN\n"
	"  IF NOT jiedai.reads_all() THEN\n"
	"    IF code IS NULL THEN\n"
	"      SELECT min(s.code) INTO code FROM jiedai.stations s WHERE s.owner = session_user\n"
	"        HAVING count(*) = 1;\n"
	"    END IF;\n"
	"    IF code IS NULL OR NOT jiedai.may_see(code) THEN\n"
	"      RAISE EXCEPTION 'not yours' USING ERRCODE = 'JD013', DETAIL = coalesce(p_station, '');\n"
	"    END IF;\n"
	"  END IF;\n"
	"  RETURN QUERY SELECT * FROM jiedai.report_all(p_from, p_to, p_today, code);\n"
	"END $$;\n";

static struct report_row *add_row(struct report_row **rows, size_t *n, const char *key)
{
	struct report_row *row;

	*rows = xreallocarray(*rows, *n + 1, sizeof(**rows));
	row = &(*rows)[(*n)++];
	memset(row, 0, sizeof(*row));
	row->key = xstrdup(key ? key : "");
	return row;
}

static struct report_row *find_row(struct report_row *rows, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(rows[i].key, key))
			return &rows[i];
	return NULL;
}

static void row_from(PGresult *res, int i, struct report_row *row)
{
	int64_t *const v[] = {
		&row->tickets, &row->voters, &row->answered, &row->resolved, &row->rated, &row->good,
		&row->fair, &row->bad, &row->overdue, &row->answer_days, &row->answer_n, &row->on_time,
	};

	row->days = atoll(PQgetvalue(res, i, 3));
	for (int k = 0; k < 12; k++)
		*v[k] = atoll(PQgetvalue(res, i, 4 + k));
}

/* The same orders as store-report.c: most tickets first, then by name in byte order. */
static int cmp_count_desc(const void *a, const void *b)
{
	const struct report_row *x = a, *y = b;

	if (x->tickets != y->tickets)
		return x->tickets > y->tickets ? -1 : 1;
	return strcmp(x->key, y->key);
}

static int cmp_key(const void *a, const void *b)
{
	const struct report_row *x = a, *y = b;

	return strcmp(x->key, y->key);
}

/* Days: by date, then station, in byte order (as SQLite's ORDER BY date, station). */
static int cmp_day(const void *a, const void *b)
{
	const struct report_row *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : strcmp(x->station, y->station);
}

int hub_report_load(struct hub *h, const char *from, const char *to, const char *station, struct report *r)
{
	const char *p[4];
	struct report_row *measured = NULL, *list = NULL, *names = NULL;
	size_t nmeasured = 0, nlist = 0, nnames = 0;
	PGresult *res;
	int n;

	memset(r, 0, sizeof(*r));
	snprintf(r->from, sizeof(r->from), "%s", from);
	snprintf(r->to, sizeof(r->to), "%s", to);
	clock_today(r->today);
	r->station_code = xstrdup(station ? station : "");
	r->station_name = hub_name(h);
	p[0] = from;
	p[1] = to;
	p[2] = r->today;
	p[3] = station;
	res = hub_query(h, "SELECT * FROM jiedai.report($1, $2, $3, $4)", 4, p, NULL);
	if (!res)
		return hub_read_refused(h);
	n = PQntuples(res);
	r->total.key = xstrdup("");
	for (int i = 0; i < n; i++) {
		const char *grp = PQgetvalue(res, i, 0), *key = PQgetvalue(res, i, 1);
		struct report_row *row;

		if (!strcmp(grp, "total")) {
			row_from(res, i, &r->total);
		} else if (!strcmp(grp, "voided")) {
			r->voided = atoll(PQgetvalue(res, i, 4));
		} else if (!strcmp(grp, "category")) {
			row_from(res, i, add_row(&r->by_category, &r->ncategory, key));
		} else if (!strcmp(grp, "unit")) {
			row_from(res, i, add_row(&r->by_unit, &r->nunit, key));
		} else if (!strcmp(grp, "deputy") || !strcmp(grp, "station")) {
			struct report_row **rows = grp[0] == 'd' ? &r->by_deputy : &r->by_station;
			size_t *nrows = grp[0] == 'd' ? &r->ndeputy : &r->nstation;
			int64_t days;

			row = find_row(*rows, *nrows, key);
			days = row ? row->days : 0;
			if (!row)
				row = add_row(rows, nrows, key);
			row_from(res, i, row);
			row->days = days;
		} else if (!strcmp(grp, "deputy-days") || !strcmp(grp, "station-days")) {
			struct report_row **rows = grp[0] == 'd' ? &r->by_deputy : &r->by_station;
			size_t *nrows = grp[0] == 'd' ? &r->ndeputy : &r->nstation;

			row = find_row(*rows, *nrows, key);
			if (!row)
				row = add_row(rows, nrows, key);
			row->days = atoll(PQgetvalue(res, i, 3));
		} else if (!strcmp(grp, "day")) {
			row = add_row(&measured, &nmeasured, key);
			row_from(res, i, row);
			row->station = xstrdup(PQgetvalue(res, i, 2));
		} else if (!strcmp(grp, "station-name")) {
			row = add_row(&names, &nnames, key);
			row->station = xstrdup(PQgetvalue(res, i, 2));
		} else if (!strcmp(grp, "day-list")) {
			row = add_row(&list, &nlist, key);
			row->station = xstrdup(PQgetvalue(res, i, 2));
			row->days = 1;
		}
	}
	PQclear(res);
	/* Every day of the period in order, its measures if it had tickets, then the other days. */
	if (nlist)
		qsort(list, nlist, sizeof(*list), cmp_day);
	for (size_t i = 0; i < nlist; i++) {
		struct report_row *row = add_row(&r->by_day, &r->nday, list[i].key);

		row->station = list[i].station;
		row->day_id = (int64_t)i + 1;
		row->days = 1;
		for (size_t k = 0; k < nmeasured; k++)
			if (measured[k].key && *measured[k].key && !strcmp(measured[k].key, row->key) &&
			    !strcmp(measured[k].station, row->station)) {
				char *key = row->key, *st = row->station;
				int64_t id = row->day_id;

				free(measured[k].station);
				free(measured[k].key);
				*row = measured[k];
				measured[k].key = NULL;
				measured[k].station = NULL;
				row->key = key;
				row->station = st;
				row->day_id = id;
				row->days = 1;
			}
		free(list[i].key);
	}
	for (size_t k = 0; k < nmeasured; k++) {
		if (measured[k].key && !*measured[k].key) {
			struct report_row *none = add_row(&r->by_day, &r->nday, "");

			*none = measured[k];
			free(none->station);
			none->station = NULL;
			none->day_id = 0;
			none->days = 0;
			measured[k].key = NULL;
			measured[k].station = NULL;
			continue;
		}
		free(measured[k].key);
		free(measured[k].station);
	}
	free(measured);
	free(list);
	if (r->ncategory)
		qsort(r->by_category, r->ncategory, sizeof(*r->by_category), cmp_count_desc);
	if (r->ndeputy)
		qsort(r->by_deputy, r->ndeputy, sizeof(*r->by_deputy), cmp_count_desc);
	if (r->nunit)
		qsort(r->by_unit, r->nunit, sizeof(*r->by_unit), cmp_count_desc);
	if (r->nstation)
		qsort(r->by_station, r->nstation, sizeof(*r->by_station), cmp_key);
	/* Each station's name beside its code, as the roll-up has them. */
	r->station_names = xcalloc(r->nstation + 1, sizeof(*r->station_names));
	for (size_t i = 0; i < r->nstation; i++) {
		r->station_names[i] = xstrdup("");
		for (size_t k = 0; k < nnames; k++)
			if (!strcmp(names[k].key, r->by_station[i].key)) {
				free(r->station_names[i]);
				r->station_names[i] = xstrdup(names[k].station);
			}
	}
	for (size_t k = 0; k < nnames; k++) {
		free(names[k].key);
		free(names[k].station);
	}
	free(names);
	return HUB_OK;
}

int hub_register_list(struct hub *h, const char *from, const char *to, const char *station,
		      int (*fn)(const struct ticket *t, void *arg), void *arg)
{
	const char *p[3] = { from, to, station };
	PGresult *res = hub_query(h,
		"SELECT t.number, t.station, t.year, t.seq, t.day_date, t.position, t.name, t.phone, '',"
		" t.category, t.issue, t.deputy, t.status, t.unit, t.due_date, t.answer_method, t.answer_date,"
		" t.answer_text, t.rating, t.closed_at, t.closed_by, t.close_note, t.void_reason, t.created_at,"
		" t.updated_at, t.extra, s.personal FROM jiedai.tickets t JOIN jiedai.stations s ON s.code = t.station"
		" WHERE t.created_day BETWEEN $1::date AND $2::date AND t.status <> 'void'"
		" AND ($3::text IS NULL OR t.station = $3) ORDER BY t.station COLLATE \"C\", t.year, t.seq",
		3, p, NULL);
	int n, r = HUB_OK;

	if (!res)
		return hub_read_refused(h);
	n = PQntuples(res);
	for (int i = 0; i < n && r == HUB_OK; i++) {
		struct ticket t;
		char **const s[] = {
			&t.number, &t.station, NULL, NULL, &t.day_date, NULL, &t.name, &t.phone, &t.address,
			&t.category, &t.issue, &t.deputy, NULL, &t.unit, &t.due_date, &t.answer_method,
			&t.answer_date, &t.answer_text, &t.rating, &t.closed_at, &t.closed_by, &t.close_note,
			&t.void_reason, &t.created_at, &t.updated_at, &t.extra,
		};
		int stop;

		memset(&t, 0, sizeof(t));
		for (int k = 0; k < 26; k++)
			if (s[k])
				*s[k] = PQgetisnull(res, i, k) ? NULL : xstrdup(PQgetvalue(res, i, k));
		t.check_code = xstrdup("");
		t.year = atoi(PQgetvalue(res, i, 2));
		t.seq = atoll(PQgetvalue(res, i, 3));
		t.position = atoi(PQgetvalue(res, i, 5));
		ticket_status_parse(PQgetvalue(res, i, 12), &t.status);
		if (!strcmp(PQgetvalue(res, i, 26), "full")) {
			/* Masked here, once: a masked station's came masked already. */
			char *name = u8_mask_name(t.name), *phone = u8_mask_phone(t.phone);

			free(t.name);
			free(t.phone);
			t.name = name;
			t.phone = phone;
		}
		stop = fn(&t, arg);
		ticket_release(&t);
		if (stop)
			r = stop < 0 ? HUB_IO : HUB_OK;
		if (stop)
			break;
	}
	PQclear(res);
	return r;
}
