/*
 * store-check.c — `jiedai check`: is the ledger what its history says?
 *
 * Three kinds of evidence, each read in one pass:
 *  - the hash chain (chain.h): every event's hash recomputed in id order;
 *    ids run 1, 2, 3 … with no gap;
 *  - replay (replay.h): every ticket's row equals the replay of its events;
 *    every reception day, setting and login equals what its newest event
 *    recorded;
 *  - counts kept beside the rows: counters against the numbers given out,
 *    the tickets per status, the voters per day.
 * Each problem is one line naming the ticket, event, day or setting.
 */
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chain.h"
#include "error.h"
#include "i18n.h"
#include "replay.h"
#include "store-internal.h"
#include "store-write.h"
#include "strbuf.h"
#include "u8.h"
#include "xmalloc.h"

/* Add a problem line; values are cleaned of control characters first. */
__attribute__((format(printf, 2, 3)))
static void problem(struct strbuf *report, const char *fmt, ...)
{
	va_list ap;
	struct strbuf line = STRBUF_INIT;
	char *clean;

	if (!report)
		return;
	va_start(ap, fmt);
	strbuf_vaddf(&line, fmt, ap);
	va_end(ap);
	clean = u8_sanitize(line.buf, 0);
	strbuf_adds(report, clean);
	strbuf_addch(report, '\n');
	free(clean);
	strbuf_release(&line);
}

/* ---- the chain ---- */

int store_check_chain(struct store *s, const unsigned char *anchor, int64_t *anchor_event,
		      struct strbuf *report)
{
	static const char count[] = "SELECT count(*) FROM events";
	static const char sql[] =
		"SELECT e.id, e.ticket_id, t.number, e.day_id, d.station || ' ' || d.date, e.subject,"
		" e.at, e.kind, e.actor, e.login, e.client, e.status_from, e.status_to, e.unit,"
		" e.due_date, e.method, e.rating, e.text, e.data, e.state, e.hash"
		" FROM events e LEFT JOIN tickets t ON t.id = e.ticket_id"
		" LEFT JOIN reception_days d ON d.id = e.day_id ORDER BY e.id";
	const char *what = _("Checking the history's seal");
	sqlite3_stmt *st = NULL;
	unsigned char prev[CHAIN_HASH_LEN], h[CHAIN_HASH_LEN];
	int64_t expect = 1, total = 0, done = 0;
	int rc, n = 0, have_prev = 0;

	if (anchor_event)
		*anchor_event = 0;
	if (sqlite3_prepare_v2(s->db, count, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		total = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		store_fail(s, sqlite3_errcode(s->db), "check");
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct chain_event c;
		const char *v[21];
		int64_t ticket_id = sqlite3_column_int64(st, 1);

		for (int i = 0; i < 20; i++)
			v[i] = (const char *)sqlite3_column_text(st, i);
		memset(&c, 0, sizeof(c));
		c.id = sqlite3_column_int64(st, 0);
		c.ticket = v[2];
		c.day = v[4];
		c.subject = v[5];
		c.at = v[6];
		c.kind = v[7];
		c.actor = v[8];
		c.login = v[9];
		c.client = v[10];
		c.status_from = v[11];
		c.status_to = v[12];
		c.unit = v[13];
		c.due_date = v[14];
		c.method = v[15];
		c.rating = v[16];
		c.text = v[17];
		c.data = v[18];
		c.state = v[19];
		if (c.id != expect) {
			if (!n++)
				problem(report, _("history: event %lld to %lld are missing (removed from the ledger)"),
					(long long)expect, (long long)c.id - 1);
			/* Go on from here so later damage is named too. */
			expect = c.id;
		}
		expect++;
		if (ticket_id && !c.ticket) {
			n++;
			problem(report, _("history: event %lld (%s) belongs to ticket #%lld, which is no longer in the ledger"),
				(long long)c.id, c.kind, (long long)ticket_id);
		}
		chain_hash(have_prev ? prev : NULL, &c, h);
		if (sqlite3_column_bytes(st, 20) != CHAIN_HASH_LEN ||
		    memcmp(h, sqlite3_column_blob(st, 20), CHAIN_HASH_LEN)) {
			n++;
			if (c.ticket)
				problem(report, _("history: event %lld (%s of ticket %s, %s) does not match its seal: it was changed, or an event before it was removed or moved"),
					(long long)c.id, c.kind, c.ticket, c.at);
			else
				problem(report, _("history: event %lld (%s, %s) does not match its seal: it was changed, or an event before it was removed or moved"),
					(long long)c.id, c.kind, c.at);
			/* Carry on with the stored hash: each break is reported once. */
			if (sqlite3_column_bytes(st, 20) == CHAIN_HASH_LEN)
				memcpy(h, sqlite3_column_blob(st, 20), CHAIN_HASH_LEN);
		}
		memcpy(prev, h, CHAIN_HASH_LEN);
		have_prev = 1;
		if (anchor && anchor_event && !*anchor_event && !n &&
		    !memcmp(h, anchor, CHAIN_ANCHOR_BYTES))
			*anchor_event = c.id;
		if (++done % 8192 == 0)
			store_progress(what, done, total);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_fail(s, rc, "check");
		return -1;
	}
	if (total)
		store_progress(what, total, total);
	return n;
}

/* ---- tickets against their replay ---- */

/* The snapshot (or corrected fields) of an event's state, under path ("$" or "$.new"). */
static int read_snapshot(struct store *s, const char *state, const char *path, struct ticket *t)
{
	static const char sql[] =
		"SELECT json_extract(?1, ?2 || '.number'), json_extract(?1, ?2 || '.check_code'),"
		" json_extract(?1, ?2 || '.station'), json_extract(?1, ?2 || '.year'),"
		" json_extract(?1, ?2 || '.seq'), json_extract(?1, ?2 || '.day'),"
		" json_extract(?1, ?2 || '.position'), json_extract(?1, ?2 || '.name'),"
		" json_extract(?1, ?2 || '.phone'), json_extract(?1, ?2 || '.address'),"
		" json_extract(?1, ?2 || '.category'), json_extract(?1, ?2 || '.issue'),"
		" json_extract(?1, ?2 || '.deputy'), json_extract(?1, ?2 || '.status'),"
		" json_extract(?1, ?2 || '.unit'), json_extract(?1, ?2 || '.due_date'),"
		" json_extract(?1, ?2 || '.answer_method'), json_extract(?1, ?2 || '.answer_date'),"
		" json_extract(?1, ?2 || '.answer_text'), json_extract(?1, ?2 || '.rating'),"
		" json_extract(?1, ?2 || '.closed_at'), json_extract(?1, ?2 || '.closed_by'),"
		" json_extract(?1, ?2 || '.close_note'), json_extract(?1, ?2 || '.void_reason'),"
		" json(json_extract(?1, ?2 || '.extra')), json_extract(?1, ?2 || '.created_at'),"
		" json_extract(?1, ?2 || '.updated_at'), json_extract(?1, ?2 || '.follow_deputy')";
	sqlite3_stmt *st = store_stmt(s, sql);
	char **const slots[] = {
		&t->number, &t->check_code, &t->station, NULL, NULL, &t->day_date, NULL, &t->name,
		&t->phone, &t->address, &t->category, &t->issue, &t->deputy, NULL, &t->unit,
		&t->due_date, &t->answer_method, &t->answer_date, &t->answer_text, &t->rating,
		&t->closed_at, &t->closed_by, &t->close_note, &t->void_reason, &t->extra,
		&t->created_at, &t->updated_at, &t->follow_deputy,
	};
	int rc;

	memset(t, 0, sizeof(*t));
	if (!st)
		return STORE_IO;
	sqlite3_bind_text(st, 1, state, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, path, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		store_done(st);
		return store_fail(s, rc, "check");
	}
	for (int i = 0; i < 28; i++)
		if (slots[i])
			*slots[i] = store_col_text(st, i);
	t->year = sqlite3_column_int(st, 3);
	t->seq = sqlite3_column_int64(st, 4);
	t->position = sqlite3_column_int(st, 6);
	t->status = TS_REGISTERED;
	if (sqlite3_column_type(st, 13) != SQLITE_NULL)
		ticket_status_parse((const char *)sqlite3_column_text(st, 13), &t->status);
	store_done(st);
	return STORE_OK;
}

/* One ticket event as the replay reads it. */
struct replay_row {
	struct ticket_event e;
	char *answer_date, *state;
	int64_t ticket_id;
};

static void replay_row_release(struct replay_row *r)
{
	ticket_event_release(&r->e);
	free(r->answer_date);
	free(r->state);
	memset(r, 0, sizeof(*r));
}

static void read_event(sqlite3_stmt *st, struct replay_row *r)
{
	memset(r, 0, sizeof(*r));
	r->e.id = sqlite3_column_int64(st, 0);
	r->ticket_id = sqlite3_column_int64(st, 1);
	r->e.kind = store_col_str(st, 2);
	r->e.at = store_col_str(st, 3);
	r->e.actor = store_col_str(st, 4);
	r->e.status_from = store_col_text(st, 5);
	r->e.status_to = store_col_text(st, 6);
	r->e.unit = store_col_text(st, 7);
	r->e.due_date = store_col_text(st, 8);
	r->e.method = store_col_text(st, 9);
	r->e.rating = store_col_text(st, 10);
	r->e.text = store_col_text(st, 11);
	r->answer_date = store_col_text(st, 12);
	r->state = store_col_text(st, 13);
}

int store_replay_events(struct store *s, sqlite3_stmt *events, struct ticket *out, int64_t *n)
{
	struct replay_row ev;
	int rc, ok = 1;

	memset(out, 0, sizeof(*out));
	*n = 0;
	while ((rc = sqlite3_step(events)) == SQLITE_ROW) {
		read_event(events, &ev);
		(*n)++;
		if (ok) {
			struct ticket snap;
			const char *why = NULL;
			int has_snap = 0;

			if (ev.state) {
				const char *path = strcmp(ev.e.kind, "correct") ? "$" : "$.new";

				if (read_snapshot(s, ev.state, path, &snap) != STORE_OK) {
					replay_row_release(&ev);
					return -1;
				}
				has_snap = 1;
			}
			if (replay_apply(out, &ev.e, has_snap ? &snap : NULL, ev.answer_date, &why) < 0)
				ok = 0;
			if (has_snap)
				ticket_release(&snap);
		}
		replay_row_release(&ev);
	}
	if (rc != SQLITE_DONE) {
		store_fail(s, rc, "replay");
		return -1;
	}
	return ok;
}

#define CHECK_TICKET_COLUMNS \
	"SELECT t.id, t.number, t.check_code, t.station, t.year, t.seq, t.day_id, d.date," \
	" t.position, t.voter_id, t.name, t.phone, t.address, t.category, t.issue, t.deputy," \
	" t.status, t.unit, t.due_date, t.answer_method, t.answer_date, t.answer_text, t.rating," \
	" t.closed_at, t.closed_by, t.close_note, t.void_reason, t.created_at, t.updated_at," \
	" json(t.extra), t.follow_deputy FROM tickets t LEFT JOIN reception_days d ON d.id = t.day_id"
#define CHECK_EVENT_COLUMNS STORE_REPLAY_EVENT_SELECT " FROM events e"

int store_check_tickets(struct store *s, int fix, struct strbuf *report)
{
	return store_check_ticket_range(s, 0, fix, report);
}

int store_check_ticket_range(struct store *s, int64_t only, int fix, struct strbuf *report)
{
	static const char all_tickets[] = CHECK_TICKET_COLUMNS " ORDER BY t.id";
	static const char all_events[] =
		CHECK_EVENT_COLUMNS " WHERE e.ticket_id IS NOT NULL ORDER BY e.ticket_id, e.id";
	static const char one_ticket[] = CHECK_TICKET_COLUMNS " WHERE t.id = ?1";
	static const char one_events[] = CHECK_EVENT_COLUMNS " WHERE e.ticket_id = ?1 ORDER BY e.id";
	const char *tickets = only ? one_ticket : all_tickets, *events = only ? one_events : all_events;
	static const char count[] = "SELECT count(*) FROM tickets";
	const char *what = _("Checking every ticket against its history");
	sqlite3_stmt *tq = NULL, *eq = NULL;
	struct replay_row ev;
	int have_ev = 0, rc_t, rc_e = SQLITE_ROW, n = 0, failed = 0;
	int64_t total = 0, done = 0, *fixes = NULL;
	size_t nfixes = 0;

	memset(&ev, 0, sizeof(ev));
	if (!only && sqlite3_prepare_v2(s->db, count, -1, &tq, NULL) == SQLITE_OK &&
	    sqlite3_step(tq) == SQLITE_ROW)
		total = sqlite3_column_int64(tq, 0);
	sqlite3_finalize(tq);
	tq = NULL;
	if (sqlite3_prepare_v2(s->db, tickets, -1, &tq, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, events, -1, &eq, NULL) != SQLITE_OK) {
		store_fail(s, sqlite3_errcode(s->db), "check");
		failed = 1;
		goto out;
	}
	if (only) {
		sqlite3_bind_int64(tq, 1, only);
		sqlite3_bind_int64(eq, 1, only);
	}
	/* Fetch the next event row into ev (have_ev = 0 at the end). */
#define NEXT_EVENT() do { \
		replay_row_release(&ev); \
		rc_e = sqlite3_step(eq); \
		have_ev = rc_e == SQLITE_ROW; \
		if (have_ev) \
			read_event(eq, &ev); \
	} while (0)
	NEXT_EVENT();
	while ((rc_t = sqlite3_step(tq)) == SQLITE_ROW) {
		struct ticket row, rep;
		int64_t id = sqlite3_column_int64(tq, 0);
		const char *why = NULL;
		int bad = 0, events_seen = 0;

		store_ticket_from_row(tq, &row);
		memset(&rep, 0, sizeof(rep));
		/* Events of tickets that are not in the ledger (ids below this one). */
		while (have_ev && ev.ticket_id < id) {
			n++;
			problem(report, _("ticket #%lld: event %lld (%s) has no ticket in the ledger: the ticket was removed"),
				(long long)ev.ticket_id, (long long)ev.e.id, ev.e.kind);
			NEXT_EVENT();
		}
		while (have_ev && ev.ticket_id == id) {
			struct ticket snap;
			int has_snap = 0;

			events_seen++;
			if (!bad && ev.state) {
				const char *path = strcmp(ev.e.kind, "correct") ? "$" : "$.new";

				if (read_snapshot(s, ev.state, path, &snap) != STORE_OK) {
					failed = 1;
					ticket_release(&row);
					ticket_release(&rep);
					goto out;
				}
				has_snap = 1;
			}
			if (!bad && replay_apply(&rep, &ev.e, has_snap ? &snap : NULL, ev.answer_date, &why) < 0) {
				bad = 1;
				if (!fix) {
					n++;
					problem(report, _("ticket %s: event %lld (%s, %s) does not follow from the events before it: %s"),
						row.number, (long long)ev.e.id, ev.e.kind, ev.e.at, why);
				}
			}
			if (has_snap)
				ticket_release(&snap);
			NEXT_EVENT();
		}
		if (!bad && !events_seen) {
			bad = 1;
			if (!fix) {
				n++;
				problem(report, _("ticket %s has no history: it was put into the ledger behind jiedai's back"),
					row.number);
			}
		}
		if (!bad) {
			const char *a, *b, *field = replay_compare(&row, &rep, &a, &b);

			if (field) {
				bad = 1;
				if (!fix) {
					n++;
					problem(report, _("ticket %s: %s is '%s' in the ledger but '%s' in its history: it was changed behind jiedai's back"),
						row.number, field, a, b);
				}
			}
		}
		if (bad && fix) {
			fixes = xreallocarray(fixes, nfixes + 1, sizeof(*fixes));
			fixes[nfixes++] = id;
		}
		ticket_release(&row);
		ticket_release(&rep);
		if (++done % 4096 == 0)
			store_progress(what, done, total);
	}
	if (rc_t != SQLITE_DONE) {
		store_fail(s, rc_t, "check");
		failed = 1;
		goto out;
	}
	while (have_ev) {
		n++;
		problem(report, _("ticket #%lld: event %lld (%s) has no ticket in the ledger: the ticket was removed"),
			(long long)ev.ticket_id, (long long)ev.e.id, ev.e.kind);
		NEXT_EVENT();
	}
#undef NEXT_EVENT
	if (rc_e != SQLITE_DONE) {
		store_fail(s, rc_e, "check");
		failed = 1;
		goto out;
	}
	if (total)
		store_progress(what, total, total);
out:
	replay_row_release(&ev);
	sqlite3_finalize(tq);
	sqlite3_finalize(eq);
	/* Baselines for the migration: after the scan, so it never reads its own writes. */
	for (size_t i = 0; i < nfixes && !failed; i++) {
		const struct actor who = { "jiedai", "", "" };
		struct event_rec e;
		char *snap = store_ticket_snapshot(s, fixes[i]);
		struct ticket t;

		if (!snap || store_ticket_get_id(s, fixes[i], &t) != STORE_OK) {
			free(snap);
			failed = 1;
			break;
		}
		memset(&e, 0, sizeof(e));
		e.ticket_id = fixes[i];
		e.ticket = t.number;
		e.kind = "baseline";
		e.who = &who;
		e.state = snap;
		e.text = _("recorded as it stood when the ledger's history was sealed");
		if (store_event_append(s, &e, NULL) != STORE_OK)
			failed = 1;
		ticket_release(&t);
		free(snap);
	}
	free(fixes);
	return failed ? -1 : n;
}

/* ---- days, settings, logins and counts ---- */

/* Run a query whose rows are problems, formatting each with fmt over its text columns. */
static int rows(struct store *s, const char *sql, const char *fmt, struct strbuf *report)
{
	sqlite3_stmt *st = NULL;
	int rc, n = 0;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		store_fail(s, sqlite3_errcode(s->db), "check");
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *v[4] = { "", "", "", "" };

		for (int i = 0; i < 4 && i < sqlite3_column_count(st); i++)
			if (sqlite3_column_text(st, i))
				v[i] = (const char *)sqlite3_column_text(st, i);
		n++;
		problem(report, fmt, v[0], v[1], v[2], v[3]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_fail(s, rc, "check");
		return -1;
	}
	return n;
}

int store_check_records(struct store *s, struct strbuf *report)
{
	/* Each reception day as its newest event left it. */
	static const char days[] =
		"SELECT d.station, d.date FROM reception_days d WHERE coalesce((SELECT e.state FROM events e"
		" WHERE e.day_id = d.id ORDER BY e.id DESC LIMIT 1), '') <> " STORE_DAY_SNAPSHOT;
	static const char visitors[] =
		"SELECT d.station, d.date, d.visitors, coalesce((SELECT max(t.position) FROM tickets t"
		" WHERE t.day_id = d.id), 0) AS n FROM reception_days d WHERE d.visitors <> n";
	/*
	 * Ledger events (subject set) are few beside tickets' and have a partial
	 * index of their own: each query below reads them once through it
	 * ("subject IS NOT NULL"), never the whole history per row.
	 */
	/* Settings: the newest 'setting' event of each key holds its value. */
	static const char settings[] =
		"WITH ev AS (SELECT subject, state, id FROM events WHERE subject IS NOT NULL AND kind = 'setting'),"
		" last AS (SELECT subject AS key, state FROM ev WHERE id IN (SELECT max(id) FROM ev GROUP BY subject)),"
		" k AS (SELECT key, state FROM last UNION ALL"
		"  SELECT key, NULL FROM settings WHERE key NOT IN (SELECT key FROM last))"
		" SELECT k.key, coalesce(s.value, '(none)'), coalesce(json_extract(k.state, '$.value'), '(none)')"
		" FROM k LEFT JOIN settings s ON s.key = k.key"
		" WHERE s.value IS NOT json_extract(k.state, '$.value')";
	/* Logins: the newest 'user' event of each login names its person and role. */
	static const char users[] =
		"WITH ev AS (SELECT subject, state, id FROM events WHERE subject IS NOT NULL AND kind = 'user'),"
		" last AS (SELECT subject AS login, state FROM ev WHERE id IN (SELECT max(id) FROM ev GROUP BY subject)),"
		" k AS (SELECT login, state FROM last UNION ALL"
		"  SELECT login, NULL FROM users WHERE login NOT IN (SELECT login FROM last))"
		" SELECT k.login, coalesce(p.name || ' ' || u.role, '(none)'),"
		" coalesce(json_extract(k.state, '$.person') || ' ' || json_extract(k.state, '$.role'), '(none)')"
		" FROM k LEFT JOIN users u ON u.login = k.login LEFT JOIN deputies p ON p.id = u.deputy_id"
		" WHERE (p.name || ' ' || u.role) IS NOT"
		" (json_extract(k.state, '$.person') || ' ' || json_extract(k.state, '$.role'))";
	/* A person's role comes from the newest login mapped to them. */
	static const char roles[] =
		"WITH ev AS (SELECT json_extract(state, '$.person') AS person, json_extract(state, '$.role') AS role, id"
		"  FROM events WHERE subject IS NOT NULL AND kind = 'user'),"
		" last AS (SELECT person, role FROM ev WHERE id IN (SELECT max(id) FROM ev GROUP BY person))"
		" SELECT p.name, p.role FROM deputies p LEFT JOIN last ON last.person = p.name"
		" WHERE p.role <> coalesce(last.role, 'deputy')";
	/* Numbers given out: each counter equals the highest number of its station and year. */
	static const char counters[] =
		"SELECT c.station, c.year, c.seq, coalesce((SELECT max(t.seq) FROM tickets t"
		" WHERE t.station = c.station AND t.year = c.year), 0) AS m FROM counters c WHERE c.seq <> m"
		" UNION ALL SELECT t.station, t.year, '(none)', max(t.seq) FROM tickets t"
		" WHERE NOT EXISTS (SELECT 1 FROM counters c WHERE c.station = t.station AND c.year = t.year)"
		" GROUP BY t.station, t.year";
	static const char counts[] =
		"SELECT c.status, c.n, (SELECT count(*) FROM tickets t WHERE t.status = c.status) AS m"
		" FROM ticket_counts c WHERE c.n <> m";
	/* Units: the newest unit event of each unit holds it as it stands (store-unit.c). */
#define LAST_UNIT_EVENTS \
	"WITH last AS (SELECT json_extract(e.state, '$.id') AS uid, e.state AS state, max(e.id)" \
	" FROM events e WHERE e.kind IN ('unit-add', 'unit-edit', 'unit-rename', 'unit-merge')" \
	" GROUP BY uid) "
	static const char units[] =
		LAST_UNIT_EVENTS "SELECT u.name FROM units u LEFT JOIN last l ON l.uid = u.id"
		" WHERE l.state IS NOT " STORE_UNIT_SNAPSHOT;
	static const char units_gone[] =
		LAST_UNIT_EVENTS "SELECT json_extract(l.state, '$.name') FROM last l"
		" WHERE NOT EXISTS (SELECT 1 FROM units u WHERE u.id = l.uid)";
#undef LAST_UNIT_EVENTS
	int n = 0, k;

	if (s->version >= 4) {
		if ((k = rows(s, units, _("unit %s in the directory differs from what its history recorded: it was changed behind jiedai's back"), report)) < 0)
			return -1;
		n += k;
		if ((k = rows(s, units_gone, _("unit %s is in the history but no longer in the directory: it was removed behind jiedai's back"), report)) < 0)
			return -1;
		n += k;
	}
	if ((k = rows(s, days, _("reception day %s %s differs from what its history recorded: it was changed behind jiedai's back"), report)) < 0)
		return -1;
	n += k;
	if ((k = rows(s, visitors, _("reception day %s %s counts %s voters but its tickets have %s"), report)) < 0)
		return -1;
	n += k;
	if ((k = rows(s, settings, _("setting %s is '%s' but its history says '%s': it was changed behind jiedai's back"), report)) < 0)
		return -1;
	n += k;
	if ((k = rows(s, users, _("login %s is mapped to '%s' but its history says '%s': it was changed behind jiedai's back"), report)) < 0)
		return -1;
	n += k;
	if ((k = rows(s, roles, _("%s has the role '%s', which no mapping in the history gave: it was changed behind jiedai's back"), report)) < 0)
		return -1;
	n += k;
	if ((k = rows(s, counters, _("numbers of %s in %s: the counter says %s numbers were given out, the tickets go up to %s"), report)) < 0)
		return -1;
	n += k;
	if ((k = rows(s, counts, _("the count of tickets in status %s says %s but there are %s"), report)) < 0)
		return -1;
	n += k;
	return n;
}
