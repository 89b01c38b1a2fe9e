/*
 * store-export.c — the ledger as JSON Lines (see export.h for the format),
 * and tickets in ledger order for the CSV, XLSX and Open311 exports.
 *
 * The JSON is made by SQLite's json_object(), so quoting is SQLite's and
 * the same ledger always gives the same bytes.  Events are fetched ticket by
 * ticket (not through an aggregate, whose order SQLite does not promise) and
 * appended to the ticket's object in id order.  Reading happens inside one
 * read transaction, so an export is a consistent snapshot even while
 * deputies keep saving.
 */
#include "export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "store-internal.h"
#include "strbuf.h"
#include "ticket.h"
#include "u8.h"
#include "xmalloc.h"

int store_export_count(struct store *s, int64_t *tickets)
{
	static const char sql[] = "SELECT count(*) FROM tickets";
	sqlite3_stmt *st = store_stmt(s, sql);
	int rc;

	*tickets = 0;
	if (!st)
		return STORE_IO;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*tickets = sqlite3_column_int64(st, 0);
	store_done(st);
	return rc == SQLITE_ROW ? STORE_OK : store_fail(s, rc, "count");
}

/* Every station of the tickets and days: ?1 this ledger's code, ?2 its name. */
static const char sql_stations[] =
	"SELECT json_object('type', 'station', 'code', c.code, 'name', CASE WHEN c.code = ?1 THEN ?2"
	"  ELSE coalesce((SELECT s.name FROM stations s WHERE s.code = c.code), '') END)"
	" FROM (SELECT DISTINCT station AS code FROM tickets"
	"  UNION SELECT station FROM reception_days) c ORDER BY c.code";

static const char sql_deputies[] =
	"SELECT json_object('type', 'deputy', 'name', name, 'role', role, 'phone', phone,"
	" 'active', json(CASE WHEN active THEN 'true' ELSE 'false' END), 'created_at', created_at)"
	" FROM deputies ORDER BY name";

static const char sql_days[] =
	"SELECT json_object('type', 'day', 'station', d.station, 'date', d.date, 'place', d.place,"
	" 'opened_at', d.opened_at, 'opened_by', d.opened_by, 'closed_at', d.closed_at,"
	" 'closed_by', d.closed_by, 'visitors', d.visitors, 'deputies',"
	" (SELECT json_group_array(name) FROM (SELECT p.name AS name FROM day_deputies dd"
	"   JOIN deputies p ON p.id = dd.deputy_id WHERE dd.day_id = d.id ORDER BY p.name)))"
	" FROM reception_days d ORDER BY d.station, d.date";

/* Column 0: 1 when this is the voter's first ticket; 1: the voter line; 2: the ticket line. */
static const char sql_tickets[] =
	"SELECT NOT EXISTS (SELECT 1 FROM tickets t2 WHERE t2.voter_id = t.voter_id"
	"   AND (t2.station, t2.year, t2.seq) < (t.station, t.year, t.seq)),"
	" json_object('type', 'voter', 'key', t.number, 'name', v.name, 'phone', v.phone,"
	"   'address', v.address, 'created_at', v.created_at),"
	" json_object('type', 'ticket', 'number', t.number, 'station', t.station, 'year', t.year,"
	"   'seq', t.seq, 'check_code', t.check_code, 'day_station', d.station, 'day_date', d.date,"
	"   'position', t.position,"
	"   'voter', (SELECT t3.number FROM tickets t3 WHERE t3.voter_id = t.voter_id"
	"     ORDER BY t3.station, t3.year, t3.seq LIMIT 1),"
	"   'name', t.name, 'phone', t.phone, 'address', t.address, 'category', t.category,"
	"   'issue', t.issue, 'deputy', t.deputy, 'status', t.status, 'unit', t.unit,"
	"   'due_date', t.due_date, 'answer_method', t.answer_method, 'answer_date', t.answer_date,"
	"   'answer_text', t.answer_text, 'rating', t.rating, 'closed_at', t.closed_at,"
	"   'closed_by', t.closed_by, 'close_note', t.close_note, 'void_reason', t.void_reason,"
	"   'extra', json(t.extra), 'created_at', t.created_at, 'updated_at', t.updated_at,"
	"   'follow_deputy', t.follow_deputy),"
	" t.id"
	" FROM tickets t JOIN voters v ON v.id = t.voter_id"
	" LEFT JOIN reception_days d ON d.id = t.day_id"
	" ORDER BY t.station, t.year, t.seq";

static const char sql_events[] =
	"SELECT json_object('id', id, 'at', at, 'kind', kind, 'actor', actor, 'login', login, 'client', client,"
	" 'status_from', status_from, 'status_to', status_to, 'unit', unit, 'due_date', due_date,"
	" 'method', method, 'rating', rating, 'text', text, 'data', json(data), 'state', json(state),"
	" 'hash', lower(hex(hash)))"
	" FROM events WHERE ticket_id = ?1 ORDER BY id";

/* The events of the ledger and its reception days (not of a ticket), in id order. */
static const char sql_other_events[] =
	"SELECT json_object('type', 'event', 'id', e.id, 'day', d.station || ' ' || d.date,"
	" 'subject', e.subject, 'at', e.at, 'kind', e.kind, 'actor', e.actor, 'login', e.login,"
	" 'client', e.client, 'status_from', e.status_from, 'status_to', e.status_to, 'unit', e.unit,"
	" 'due_date', e.due_date, 'method', e.method, 'rating', e.rating, 'text', e.text,"
	" 'data', json(e.data), 'state', json(e.state), 'hash', lower(hex(e.hash)))"
	" FROM events e LEFT JOIN reception_days d ON d.id = e.day_id"
	" WHERE e.ticket_id IS NULL ORDER BY e.id";

static const char sql_count_events[] = "SELECT count(*) FROM events";

/* Emit every row of a one-column query of JSON objects; *count gets the rows. */
static int emit_simple(struct store *s, const char *sql, int (*line)(void *, const char *, size_t),
		       void *arg, int64_t *count)
{
	sqlite3_stmt *st = store_stmt(s, sql);
	int rc;

	*count = 0;
	if (!st)
		return STORE_IO;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *j = (const char *)sqlite3_column_text(st, 0);

		if (line(arg, j, (size_t)sqlite3_column_bytes(st, 0)) < 0) {
			store_done(st);
			return STORE_IO;
		}
		(*count)++;
	}
	store_done(st);
	return rc == SQLITE_DONE ? STORE_OK : store_fail(s, rc, "export");
}

static int emit_stations(struct store *s, int (*line)(void *, const char *, size_t), void *arg)
{
	sqlite3_stmt *st = store_stmt(s, sql_stations);
	char *code = store_setting(s, "station_code"), *name = store_own_station_name(s);
	int rc, r = STORE_OK;

	if (!st) {
		free(code);
		free(name);
		return STORE_IO;
	}
	sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (line(arg, (const char *)sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0)) < 0) {
			r = STORE_IO;
			break;
		}
	store_done(st);
	free(code);
	free(name);
	if (r == STORE_OK && rc != SQLITE_DONE)
		r = store_fail(s, rc, "export");
	return r;
}

/* The ticket's object with its events appended as "events":[…]. */
static int ticket_line(struct store *s, int64_t id, const char *obj, struct strbuf *sb)
{
	sqlite3_stmt *st = store_stmt(s, sql_events);
	size_t n = strlen(obj);
	int rc, first = 1;

	strbuf_reset(sb);
	if (!st)
		return STORE_IO;
	if (n < 2 || obj[n - 1] != '}')
		BUG("ticket JSON is not an object");
	strbuf_add(sb, obj, n - 1);
	strbuf_adds(sb, ",\"events\":[");
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (!first)
			strbuf_addch(sb, ',');
		first = 0;
		strbuf_add(sb, sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0));
	}
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, "export events");
	strbuf_adds(sb, "]}");
	return STORE_OK;
}

int store_export_jsonl(struct store *s, int (*line)(void *arg, const char *json, size_t len),
		       void (*tick)(void *arg, int64_t done), void *arg)
{
	struct strbuf sb = STRBUF_INIT;
	int64_t ndeputies = 0, ndays = 0, nvoters = 0, ntickets = 0, nother = 0, nevents = 0;
	sqlite3_stmt *st = NULL;
	int r, rc;

	/* One read transaction: a consistent snapshot. */
	if ((r = store_read_begin(s, "export")) != STORE_OK)
		return r;
	{
		char *code = store_setting(s, "station_code");

		strbuf_adds(&sb, "{\"type\":\"header\",\"format\":\"" EXPORT_FORMAT "\",\"version\":");
		strbuf_addf(&sb, "%d,\"station\":", EXPORT_VERSION);
		strbuf_add_json(&sb, code);
		strbuf_addch(&sb, '}');
		free(code);
	}
	if (line(arg, sb.buf, sb.len) < 0) {
		r = STORE_IO;
		goto out;
	}
	st = store_stmt(s, sql_count_events);
	if (!st) {
		r = STORE_IO;
		goto out;
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		nevents = sqlite3_column_int64(st, 0);
	store_done(st);
	st = NULL;
	r = emit_simple(s, sql_deputies, line, arg, &ndeputies);
	if (r == STORE_OK)
		r = emit_simple(s, sql_days, line, arg, &ndays);
	if (r != STORE_OK)
		goto out;
	st = store_stmt(s, sql_tickets);
	if (!st) {
		r = STORE_IO;
		goto out;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (sqlite3_column_int(st, 0)) {
			if (line(arg, (const char *)sqlite3_column_text(st, 1),
				 (size_t)sqlite3_column_bytes(st, 1)) < 0) {
				r = STORE_IO;
				break;
			}
			nvoters++;
		}
		r = ticket_line(s, sqlite3_column_int64(st, 3), (const char *)sqlite3_column_text(st, 2), &sb);
		if (r != STORE_OK)
			break;
		if (line(arg, sb.buf, sb.len) < 0) {
			r = STORE_IO;
			break;
		}
		ntickets++;
		if (tick)
			tick(arg, ntickets);
	}
	if (r == STORE_OK && rc != SQLITE_DONE)
		r = store_fail(s, rc, "export");
	store_done(st);
	/* Last, so the lines before are where a version 1 file had them. */
	if (r == STORE_OK)
		r = emit_simple(s, sql_other_events, line, arg, &nother);
	if (r == STORE_OK)
		r = emit_stations(s, line, arg);
	if (r == STORE_OK) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "{\"type\":\"end\",\"deputies\":%lld,\"days\":%lld,\"voters\":%lld,\"tickets\":%lld,"
			    "\"events\":%lld}",
			    (long long)ndeputies, (long long)ndays, (long long)nvoters, (long long)ntickets,
			    (long long)nevents);
		if (line(arg, sb.buf, sb.len) < 0)
			r = STORE_IO;
	}
out:
	strbuf_release(&sb);
	store_read_end(s);
	return r;
}

/* The extra fields of t as pairs, in the JSON object's order; STORE_OK or an error (reported). */
static int load_pairs(struct store *s, struct ticket *t)
{
	static const char sql[] = "SELECT key, value FROM json_each(?1)";
	sqlite3_stmt *st = store_stmt(s, sql);
	int r = STORE_OK;

	if (!st)
		return STORE_IO;
	sqlite3_bind_text(st, 1, t->extra, -1, SQLITE_STATIC);
	while (store_row(s, st, "extra fields", &r)) {
		t->extra_keys = xreallocarray(t->extra_keys, t->nextra + 1, sizeof(char *));
		t->extra_vals = xreallocarray(t->extra_vals, t->nextra + 1, sizeof(char *));
		t->extra_keys[t->nextra] = store_col_str(st, 0);
		t->extra_vals[t->nextra] = store_col_str(st, 1);
		t->nextra++;
	}
	store_done(st);
	return r;
}

int store_export_tickets(struct store *s, int include_void,
			 int (*fn)(const struct ticket *t, void *arg), void *arg)
{
	static char all[2048], live[2048];
	sqlite3_stmt *st;
	int rc, r = STORE_OK;

	if (!all[0]) {
		/* The column list is a constant well under 2048 bytes. */
		if (strlen(STORE_TICKET_COLUMNS) > sizeof(all) - 160)
			BUG("ticket columns too long");
		snprintf(all, sizeof(all), "%s ORDER BY t.station, t.year, t.seq", STORE_TICKET_COLUMNS);
		snprintf(live, sizeof(live), "%s WHERE t.status <> 'void' ORDER BY t.station, t.year, t.seq",
			 STORE_TICKET_COLUMNS);
	}
	/* Not the statement cache: the extra-field statement runs while this one steps. */
	rc = sqlite3_prepare_v2(s->db, include_void ? all : live, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, "export");
	if ((r = store_read_begin(s, "export")) != STORE_OK) {
		sqlite3_finalize(st);
		return r;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ticket t;
		int stop;

		store_ticket_from_row(st, &t);
		r = load_pairs(s, &t);
		if (r != STORE_OK) {
			ticket_release(&t);
			rc = SQLITE_DONE;	/* said by load_pairs */
			break;
		}
		stop = fn(&t, arg);
		ticket_release(&t);
		if (stop) {
			rc = SQLITE_DONE;
			r = stop < 0 ? STORE_IO : STORE_OK;
			break;
		}
	}
	sqlite3_finalize(st);
	store_read_end(s);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, "export");
	return r;
}

char **store_extra_keys(struct store *s)
{
	static const char sql[] =
		"SELECT j.key, min(t.id) AS first FROM tickets t, json_each(t.extra) j"
		" GROUP BY j.key ORDER BY first, j.key";
	sqlite3_stmt *st = store_stmt(s, sql);
	char **keys = xcalloc(1, sizeof(*keys));
	size_t n = 0;
	int r = STORE_OK;

	while (st && store_row(s, st, "extra fields", &r)) {
		keys = xreallocarray(keys, n + 2, sizeof(*keys));
		keys[n++] = store_col_str(st, 0);
		keys[n] = NULL;
	}
	store_done(st);
	if (!st || r != STORE_OK) {
		/* Columns missing from an export would lose data silently. */
		u8_lines_free(keys);
		return NULL;
	}
	return keys;
}
