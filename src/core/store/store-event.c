/*
 * store-event.c — appending events to the ledger's history, each chained to
 * the one before by its hash (chain.h).
 *
 * What must stay true: every event is appended here, inside the write
 * transaction of the change it records, so a change and its event are
 * committed together or not at all; ids grow by one with no gaps, which
 * BEGIN IMMEDIATE makes safe with several writers: the head read at the
 * start of a transaction cannot move until it ends.
 */
#include "store.h"

#include <stdlib.h>
#include <string.h>

#include "chain.h"
#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "store-internal.h"
#include "store-write.h"
#include "xmalloc.h"

/* Read the newest event's id and hash into the store's cache. */
static int load_head(struct store *s)
{
	static const char sql[] = "SELECT id, hash FROM events ORDER BY id DESC LIMIT 1";
	sqlite3_stmt *st = store_stmt(s, sql);
	int rc;

	if (!st)
		return STORE_IO;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const void *h = sqlite3_column_blob(st, 1);

		s->chain_last_id = sqlite3_column_int64(st, 0);
		if (!h || sqlite3_column_bytes(st, 1) != CHAIN_HASH_LEN) {
			store_done(st);
			error("event %lld has no hash", (long long)s->chain_last_id);
			return STORE_IO;
		}
		memcpy(s->chain_head, h, CHAIN_HASH_LEN);
	} else if (rc == SQLITE_DONE) {
		s->chain_last_id = 0;
		memset(s->chain_head, 0, CHAIN_HASH_LEN);
	} else {
		store_done(st);
		return store_fail(s, rc, "chain head");
	}
	store_done(st);
	s->chain_known = 1;
	return STORE_OK;
}

int store_event_append(struct store *s, const struct event_rec *e, int64_t *id)
{
	static const char sql[] =
		"INSERT INTO events(id, ticket_id, day_id, subject, at, kind, actor, login, client,"
		" status_from, status_to, unit, due_date, method, rating, text, data, state, hash)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
		" ?18, ?19)";
	char now[CLOCK_STAMP_LEN];
	unsigned char hash[CHAIN_HASH_LEN];
	struct chain_event c;
	sqlite3_stmt *st;
	int r;

	if (!s->in_tx)
		BUG("event outside a transaction");
	if (s->chain_off) {
		/* The benchmark's baseline: the same row, no head read, no hash computed. */
		s->chain_known = 0;
		s->chain_last_id = sqlite3_last_insert_rowid(s->db);
	} else if (!s->chain_known && (r = load_head(s)) != STORE_OK) {
		return r;
	}
	if (!e->at)
		clock_stamp(now);
	memset(&c, 0, sizeof(c));
	c.id = s->chain_last_id + 1;
	c.ticket = e->ticket_id ? e->ticket : NULL;
	c.day = e->day_id ? e->day : NULL;
	c.subject = e->subject;
	c.at = e->at ? e->at : now;
	c.kind = e->kind;
	c.actor = e->who && e->who->name ? e->who->name : "";
	c.login = e->who && e->who->login ? e->who->login : "";
	c.client = e->who && e->who->client ? e->who->client : "";
	c.status_from = e->status_from;
	c.status_to = e->status_to;
	c.unit = e->unit;
	c.due_date = e->due_date;
	c.method = e->method;
	c.rating = e->rating;
	c.text = e->text;
	c.data = e->data ? e->data : "{}";
	c.state = e->state;
	if ((e->ticket_id && !e->ticket) || (e->day_id && !e->day))
		BUG("event without the ticket's number or the day's label");
	if (s->chain_off)
		memset(hash, 0, sizeof(hash));
	else
		chain_hash(s->chain_last_id ? s->chain_head : NULL, &c, hash);

	st = store_stmt(s, sql);
	if (!st)
		return STORE_IO;
	if (!s->chain_off)
		sqlite3_bind_int64(st, 1, c.id);
	if (e->ticket_id)
		sqlite3_bind_int64(st, 2, e->ticket_id);
	if (e->day_id)
		sqlite3_bind_int64(st, 3, e->day_id);
	store_bind_text(st, 4, c.subject);
	store_bind_text(st, 5, c.at);
	store_bind_text(st, 6, c.kind);
	store_bind_text(st, 7, c.actor);
	store_bind_text(st, 8, c.login);
	store_bind_text(st, 9, c.client);
	store_bind_text(st, 10, c.status_from);
	store_bind_text(st, 11, c.status_to);
	store_bind_text(st, 12, c.unit);
	store_bind_text(st, 13, c.due_date);
	store_bind_text(st, 14, c.method);
	store_bind_text(st, 15, c.rating);
	store_bind_text(st, 16, c.text);
	store_bind_text(st, 17, c.data);
	store_bind_text(st, 18, c.state);
	sqlite3_bind_blob(st, 19, hash, CHAIN_HASH_LEN, SQLITE_TRANSIENT);
	r = store_exec_stmt(s, st, "event");
	if (r != STORE_OK) {
		s->chain_known = 0;
		return r;
	}
	s->chain_last_id = c.id;
	memcpy(s->chain_head, hash, CHAIN_HASH_LEN);
	if (id)
		*id = c.id;
	return STORE_OK;
}

void store_chain_hashing(struct store *s, int on)
{
	s->chain_off = !on;
	s->chain_known = 0;
}

char *store_day_label(struct store *s, int64_t day_id)
{
	static const char sql[] = "SELECT station || ' ' || date FROM reception_days WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql);
	char *label = NULL;
	int r = STORE_OK;

	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, day_id);
	if (store_row(s, st, "reception day", &r))
		label = store_col_str(st, 0);
	store_done(st);
	return label;
}

/* The one text a query by ticket id (?1) gives, or NULL after an error (a missing row is one). */
static char *ticket_json(struct store *s, const char *sql, int64_t id)
{
	sqlite3_stmt *st = store_stmt(s, sql);
	char *json = NULL;
	int rc;

	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		json = store_col_str(st, 0);
	store_done(st);
	if (rc != SQLITE_ROW)
		store_fail(s, rc == SQLITE_DONE ? SQLITE_ERROR : rc, "snapshot");
	return json;
}

char *store_ticket_snapshot(struct store *s, int64_t id)
{
	static const char sql[] =
		"SELECT " STORE_TICKET_SNAPSHOT
		" FROM tickets t LEFT JOIN reception_days d ON d.id = t.day_id WHERE t.id = ?1";

	return ticket_json(s, sql, id);
}

int store_chain_head(struct store *s, int64_t *id, unsigned char hash[32])
{
	static const char sql[] = "SELECT id, hash FROM events ORDER BY id DESC LIMIT 1";
	sqlite3_stmt *st = store_stmt(s, sql);
	int rc;

	*id = 0;
	memset(hash, 0, CHAIN_HASH_LEN);
	if (!st)
		return STORE_IO;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		if (sqlite3_column_bytes(st, 1) == CHAIN_HASH_LEN)
			memcpy(hash, sqlite3_column_blob(st, 1), CHAIN_HASH_LEN);
	}
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, rc, "chain head");
	return STORE_OK;
}

/* ---- migration 3 ---- */

/* A register event's snapshot for a ticket made before the chain: the row as it was taken. */
#define REGISTER_SNAPSHOT_V2 \
	"json_object('number', t.number, 'station', t.station, 'year', t.year, 'seq', t.seq," \
	" 'check_code', t.check_code, 'day', d.date, 'position', t.position, 'name', t.name," \
	" 'phone', t.phone, 'address', t.address, 'category', t.category, 'issue', t.issue," \
	" 'deputy', t.deputy, 'status', 'registered', 'unit', '', 'due_date', NULL," \
	" 'answer_method', '', 'answer_date', NULL, 'answer_text', '', 'rating', ''," \
	" 'closed_at', NULL, 'closed_by', '', 'close_note', '', 'void_reason', ''," \
	" 'extra', json(t.extra), 'created_at', t.created_at, 'updated_at', t.created_at)"

char *store_ticket_register_state(struct store *s, int64_t id)
{
	static const char sql[] =
		"SELECT " REGISTER_SNAPSHOT_V2
		" FROM tickets t LEFT JOIN reception_days d ON d.id = t.day_id WHERE t.id = ?1";

	return ticket_json(s, sql, id);
}

static int copy_history(struct store *s)
{
	static const char count[] = "SELECT count(*) FROM events";
	static const char sel[] =
		"SELECT e.id, e.ticket_id, t.number, e.at, e.kind, e.actor, e.login, e.client,"
		" e.status_from, e.status_to, e.unit, e.due_date, e.method, e.rating, e.text, e.data,"
		" CASE e.kind WHEN 'register' THEN " REGISTER_SNAPSHOT_V2
		" WHEN 'answer' THEN json_object('answer_date', CASE WHEN e.id ="
		"  (SELECT max(x.id) FROM events x WHERE x.ticket_id = e.ticket_id AND x.kind = 'answer')"
		"  THEN t.answer_date ELSE substr(e.at, 1, 10) END) END"
		" FROM events e LEFT JOIN tickets t ON t.id = e.ticket_id"
		" LEFT JOIN reception_days d ON d.id = t.day_id ORDER BY e.id";
	static const char ins[] =
		"INSERT INTO events_v3(id, ticket_id, at, kind, actor, login, client, status_from,"
		" status_to, unit, due_date, method, rating, text, data, state, hash)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)";
	sqlite3_stmt *q = NULL, *w = NULL;
	unsigned char prev[CHAIN_HASH_LEN], hash[CHAIN_HASH_LEN];
	int64_t total = 0, done = 0, expect_id = 1;
	int rc, r = STORE_OK, first = 1;
	const char *what = _("Sealing the ledger's history (once, after an upgrade)");

	if (sqlite3_prepare_v2(s->db, count, -1, &q, NULL) == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW)
		total = sqlite3_column_int64(q, 0);
	sqlite3_finalize(q);
	q = NULL;
	if (sqlite3_prepare_v2(s->db, sel, -1, &q, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, ins, -1, &w, NULL) != SQLITE_OK) {
		r = store_fail(s, sqlite3_errcode(s->db), "migration 3");
		goto out;
	}
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct chain_event c;
		const char *v[16];

		for (int i = 0; i < 16; i++)
			v[i] = (const char *)sqlite3_column_text(q, i + 1);
		memset(&c, 0, sizeof(c));
		c.id = sqlite3_column_int64(q, 0);
		/*
		 * jiedai never removed events, so a gap means someone did.  The
		 * history is sealed as it is (ids kept) and `jiedai check` will
		 * go on naming the gap; refusing to open would stop the station.
		 */
		if (c.id != expect_id)
			warning(_("events %lld to %lld of the ledger's history were removed before it was sealed; 'jiedai check' will report them"),
				(long long)expect_id, (long long)c.id - 1);
		expect_id = c.id + 1;
		c.ticket = v[1];
		c.at = v[2];
		c.kind = v[3];
		c.actor = v[4];
		c.login = v[5];
		c.client = v[6];
		c.status_from = v[7];
		c.status_to = v[8];
		c.unit = v[9];
		c.due_date = v[10];
		c.method = v[11];
		c.rating = v[12];
		c.text = v[13];
		c.data = v[14];
		c.state = v[15];
		chain_hash(first ? NULL : prev, &c, hash);
		first = 0;
		memcpy(prev, hash, CHAIN_HASH_LEN);
		sqlite3_bind_int64(w, 1, c.id);
		sqlite3_bind_int64(w, 2, sqlite3_column_int64(q, 1));
		for (int i = 2; i < 16; i++)
			store_bind_text(w, i + 1, v[i]);
		sqlite3_bind_blob(w, 17, hash, CHAIN_HASH_LEN, SQLITE_STATIC);
		rc = sqlite3_step(w);
		sqlite3_reset(w);
		if (rc != SQLITE_DONE) {
			r = store_fail(s, rc, "migration 3");
			goto out;
		}
		if (++done % 4096 == 0)
			store_progress(what, done, total);
	}
	if (rc != SQLITE_DONE)
		r = store_fail(s, rc, "migration 3");
	else if (total)
		store_progress(what, total, total);
out:
	sqlite3_finalize(q);
	sqlite3_finalize(w);
	return r;
}

static int exec_sql(struct store *s, const char *sql)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? STORE_OK : store_fail(s, rc, "migration 3");
}

/*
 * Baselines: the settings, reception days and logins of a ledger made
 * before the chain, as they stand, each recorded as one event so that the
 * check can tell a later change made behind jiedai's back.
 */
static int record_baselines(struct store *s)
{
	static const char settings[] = "SELECT key, json_object('value', value) FROM settings ORDER BY key";
	static const char days[] =
		"SELECT d.id, d.station || ' ' || d.date, " STORE_DAY_SNAPSHOT
		" FROM reception_days d ORDER BY d.id";
	static const char users[] =
		"SELECT u.login, json_object('person', p.name, 'role', u.role) FROM users u"
		" JOIN deputies p ON p.id = u.deputy_id ORDER BY u.login";
	const struct actor who = { "jiedai", "", "" };
	const char *const queries[] = { settings, days, users };
	int r = STORE_OK;

	for (int q = 0; q < 3 && r == STORE_OK; q++) {
		sqlite3_stmt *st = NULL;
		int rc;

		if (sqlite3_prepare_v2(s->db, queries[q], -1, &st, NULL) != SQLITE_OK)
			return store_fail(s, sqlite3_errcode(s->db), "migration 3");
		while (r == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
			struct event_rec e;

			memset(&e, 0, sizeof(e));
			e.who = &who;
			if (q == 1) {
				e.kind = "baseline";
				e.day_id = sqlite3_column_int64(st, 0);
				e.day = (const char *)sqlite3_column_text(st, 1);
				e.state = (const char *)sqlite3_column_text(st, 2);
			} else {
				e.kind = q == 0 ? "setting" : "user";
				e.subject = (const char *)sqlite3_column_text(st, 0);
				e.state = (const char *)sqlite3_column_text(st, 1);
			}
			r = store_event_append(s, &e, NULL);
		}
		if (r == STORE_OK && rc != SQLITE_DONE)
			r = store_fail(s, rc, "migration 3");
		sqlite3_finalize(st);
	}
	return r;
}

int store_migrate_chain(struct store *s)
{
	int r = copy_history(s);

	if (r == STORE_OK)
		r = exec_sql(s,
			"DROP TABLE events;\n"
			"ALTER TABLE events_v3 RENAME TO events;\n"
			"CREATE INDEX events_ticket ON events(ticket_id, id);\n"
			"CREATE INDEX events_day ON events(day_id, id) WHERE day_id IS NOT NULL;\n"
			"CREATE INDEX events_subject ON events(subject, id) WHERE subject IS NOT NULL;\n"
			"CREATE TRIGGER events_no_update BEFORE UPDATE ON events\n"
			"  BEGIN SELECT RAISE(ABORT, 'ticket events are append-only'); END;\n"
			"CREATE TRIGGER events_no_delete BEFORE DELETE ON events\n"
			"  BEGIN SELECT RAISE(ABORT, 'ticket events are append-only'); END;\n");
	s->chain_known = 0;
	if (r == STORE_OK)
		r = record_baselines(s);
	/* Tickets whose row no longer follows from their history (a repair long ago …) get a baseline. */
	if (r == STORE_OK && store_check_tickets(s, 1, NULL) < 0)
		r = STORE_IO;
	return r;
}

int store_day_record(struct store *s, int64_t day_id, const char *kind, const struct actor *who,
		     const char *text, int only_if_changed)
{
	static const char sql[] =
		"SELECT d.station || ' ' || d.date, " STORE_DAY_SNAPSHOT ","
		" (SELECT e.state FROM events e WHERE e.day_id = d.id ORDER BY e.id DESC LIMIT 1)"
		" FROM reception_days d WHERE d.id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql);
	char *label = NULL, *snap = NULL, *last = NULL;
	int rc, r = STORE_OK;

	if (!st)
		return STORE_IO;
	sqlite3_bind_int64(st, 1, day_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		label = store_col_str(st, 0);
		snap = store_col_str(st, 1);
		last = store_col_text(st, 2);
	}
	store_done(st);
	if (rc != SQLITE_ROW)
		return store_fail(s, rc == SQLITE_DONE ? SQLITE_ERROR : rc, "day event");
	if (!only_if_changed || !last || strcmp(last, snap)) {
		struct event_rec e;

		memset(&e, 0, sizeof(e));
		e.day_id = day_id;
		e.day = label;
		e.kind = kind;
		e.who = who;
		e.text = text;
		e.state = snap;
		r = store_event_append(s, &e, NULL);
	}
	free(label);
	free(snap);
	free(last);
	return r;
}

int store_ticket_record(struct store *s, int64_t id, const char *kind, const struct actor *who,
			const char *text)
{
	static const char sql[] = "SELECT number FROM tickets WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql);
	char *number = NULL, *snap;
	struct event_rec e;
	int r;

	if (!st)
		return STORE_IO;
	sqlite3_bind_int64(st, 1, id);
	r = STORE_OK;
	if (store_row(s, st, "ticket", &r))
		number = store_col_str(st, 0);
	store_done(st);
	if (r != STORE_OK)
		return r;
	snap = number ? store_ticket_snapshot(s, id) : NULL;
	if (!snap) {
		free(number);
		return STORE_IO;
	}
	memset(&e, 0, sizeof(e));
	e.ticket_id = id;
	e.ticket = number;
	e.kind = kind;
	e.who = who;
	e.text = text;
	e.state = snap;
	r = store_event_append(s, &e, NULL);
	free(number);
	free(snap);
	return r;
}

int store_ledger_event(struct store *s, const char *kind, const char *subject, const struct actor *who,
		       const char *text, const char *state)
{
	struct event_rec e;

	memset(&e, 0, sizeof(e));
	e.kind = kind;
	e.subject = subject;
	e.who = who;
	e.text = text;
	e.state = state;
	return store_event_append(s, &e, NULL);
}

int store_anchor(struct store *s, char out[15])
{
	unsigned char hash[CHAIN_HASH_LEN];
	int64_t id;
	int r = store_chain_head(s, &id, hash);

	chain_anchor(hash, out);
	return r;
}

int store_note_take(struct store *s, const char *kind, const char *what, const struct actor *who)
{
	int r = store_begin(s);

	if (r != STORE_OK)
		return r;
	r = store_ledger_event(s, kind, NULL, who, what, NULL);
	if (r != STORE_OK) {
		store_rollback(s);
		return r;
	}
	return store_commit(s);
}

int store_events_scan(struct store *s, int (*fn)(const struct event_seen *e, void *arg), void *arg)
{
	static const char sql[] =
		"SELECT e.id, e.kind, e.subject, e.actor, e.login, t.number, e.at,"
		" CASE WHEN e.kind IN ('user', 'setting') THEN e.state END"
		" FROM events e LEFT JOIN tickets t ON t.id = e.ticket_id ORDER BY e.id";
	sqlite3_stmt *st = NULL;
	int rc;

	/* Its own statement, not the cache: fn may read the ledger meanwhile. */
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, sqlite3_errcode(s->db), "history");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct event_seen e;

		e.id = sqlite3_column_int64(st, 0);
		e.kind = (const char *)sqlite3_column_text(st, 1);
		e.subject = (const char *)sqlite3_column_text(st, 2);
		e.actor = (const char *)sqlite3_column_text(st, 3);
		e.login = (const char *)sqlite3_column_text(st, 4);
		e.ticket = (const char *)sqlite3_column_text(st, 5);
		e.at = (const char *)sqlite3_column_text(st, 6);
		e.state = (const char *)sqlite3_column_text(st, 7);
		if (!e.kind)
			e.kind = "";
		if (fn(&e, arg))
			break;
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		sqlite3_finalize(st);
		return store_fail(s, rc, "history");
	}
	sqlite3_finalize(st);
	return STORE_OK;
}
