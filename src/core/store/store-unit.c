/*
 * store-unit.c — the directory of units (承办单位) and of stations.
 *
 * What must stay true:
 *  - every name a ticket's unit may carry is in unit_names at most once,
 *    and means exactly one unit that is not merged (a merge moves the names
 *    of the unit merged away to the unit it went into);
 *  - tickets are never changed here: a ticket keeps the unit its events
 *    recorded, and readers go through unit_names to the unit it means now;
 *  - every change to a unit is a ledger event in the same transaction whose
 *    state is the unit's snapshot (STORE_UNIT_SNAPSHOT), so `jiedai check`
 *    can tell a directory changed behind jiedai's back.
 */
#include "store.h"

#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "store-internal.h"
#include "store-write.h"
#include "xmalloc.h"

void unit_release(struct unit *u)
{
	if (!u)
		return;
	free(u->name);
	free(u->contact);
	free(u->phone);
	free(u->merged_into);
	if (u->names)
		for (char **p = u->names; *p; p++)
			free(*p);
	free(u->names);
	memset(u, 0, sizeof(*u));
}

void units_free(struct unit *units, size_t n)
{
	for (size_t i = 0; i < n; i++)
		unit_release(&units[i]);
	free(units);
}

/* The unit a name means now, 0 when none, or -1 when the directory could not be read (reported). */
static int64_t unit_of_name(struct store *s, const char *name)
{
	static const char sql[] = "SELECT unit_id FROM unit_names WHERE name = ?1";
	sqlite3_stmt *st = store_stmt(s, sql);
	int64_t id = 0;
	int r = STORE_OK;

	if (!st)
		return -1;
	store_bind_text(st, 1, name);
	if (store_row(s, st, "unit name", &r))
		id = sqlite3_column_int64(st, 0);
	store_done(st);
	return r == STORE_OK ? id : -1;
}

/* The current name of unit id (caller frees), or NULL (an error reported, if it was one). */
static char *unit_name(struct store *s, int64_t id)
{
	static const char sql[] = "SELECT name FROM units WHERE id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql);
	char *name = NULL;
	int r = STORE_OK;

	if (!st)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	if (store_row(s, st, "unit", &r))
		name = store_col_str(st, 0);
	store_done(st);
	return name;
}

/* Record unit id as it now stands: a ledger event whose subject is its name. */
static int record(struct store *s, int64_t id, const char *kind, const struct actor *who, const char *text)
{
	static const char sql[] = "SELECT u.name, " STORE_UNIT_SNAPSHOT " FROM units u WHERE u.id = ?1";
	sqlite3_stmt *st = store_stmt(s, sql);
	char *name = NULL, *snap = NULL;
	int rc, r;

	if (!st)
		return STORE_IO;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		name = store_col_str(st, 0);
		snap = store_col_str(st, 1);
	}
	store_done(st);
	if (rc != SQLITE_ROW)
		return store_fail(s, rc == SQLITE_DONE ? SQLITE_ERROR : rc, "unit event");
	r = store_ledger_event(s, kind, name, who, text, snap);
	free(name);
	free(snap);
	return r;
}

int store_unit_record(struct store *s, int64_t id, const char *kind, const struct actor *who, const char *text)
{
	return record(s, id, kind, who, text);
}

/* A new unit with its name (inside a transaction); *id set. */
static int insert_unit(struct store *s, const char *name, const char *contact, const char *phone,
		       int64_t *id)
{
	static const char ins[] =
		"INSERT INTO units(name, contact, phone, created_at) VALUES(?1, ?2, ?3, ?4)";
	static const char add_name[] = "INSERT INTO unit_names(name, unit_id) VALUES(?1, ?2)";
	char now[CLOCK_STAMP_LEN];
	sqlite3_stmt *st = store_stmt(s, ins);
	int r;

	if (!st)
		return STORE_IO;
	clock_stamp(now);
	store_bind_text(st, 1, name);
	store_bind_text(st, 2, contact ? contact : "");
	store_bind_text(st, 3, phone ? phone : "");
	store_bind_text(st, 4, now);
	r = store_exec_stmt(s, st, "unit");
	if (r != STORE_OK)
		return r;
	*id = sqlite3_last_insert_rowid(s->db);
	st = store_stmt(s, add_name);
	if (!st)
		return STORE_IO;
	store_bind_text(st, 1, name);
	sqlite3_bind_int64(st, 2, *id);
	return store_exec_stmt(s, st, "unit name");
}

int store_units_seed(struct store *s)
{
	static const char sql[] = "SELECT DISTINCT unit FROM tickets WHERE unit <> '' ORDER BY unit";
	const struct actor who = { "jiedai", "", "" };
	sqlite3_stmt *st = NULL;
	char **names = NULL;
	size_t n = 0;
	int rc, r = STORE_OK;

	/* Read first, write after: the query must not see its own inserts. */
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, sqlite3_errcode(s->db), "migration 4");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		names = xreallocarray(names, n + 1, sizeof(*names));
		names[n++] = store_col_str(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		r = store_fail(s, rc, "migration 4");
	for (size_t i = 0; i < n && r == STORE_OK; i++) {
		int64_t id;

		r = insert_unit(s, names[i], NULL, NULL, &id);
		if (r == STORE_OK)
			r = record(s, id, "unit-add", &who,
				   _("recorded from the tickets handed to it when the directory began"));
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	return r;
}

int store_unit_ensure(struct store *s, const char *name, const struct actor *who, const char *why,
		      char **canonical)
{
	int64_t id = unit_of_name(s, name);
	int r;

	*canonical = NULL;
	if (id < 0)
		return STORE_IO;
	if (!id) {
		r = insert_unit(s, name, NULL, NULL, &id);
		if (r == STORE_OK)
			r = record(s, id, "unit-add", who, why);
		if (r != STORE_OK)
			return r;
	}
	*canonical = unit_name(s, id);
	return *canonical ? STORE_OK : STORE_IO;
}

/* Refuse a name that is not the current name of its unit; 0 when it is (or is unknown). */
static int current_name(struct store *s, const char *name, int64_t id)
{
	char *cur;
	int r = 0;

	if (id <= 0)
		return 0;
	cur = unit_name(s, id);
	if (cur && strcmp(cur, name))
		r = error(_("'%s' is another name of the unit %s (a former name or a spelling merged into it); use %s"),
			  name, cur, cur);
	free(cur);
	return r;
}

/* Run body between BEGIN and COMMIT, rolling back when it fails. */
static int finish(struct store *s, int r)
{
	if (r != STORE_OK) {
		store_rollback(s);
		return r;
	}
	return store_commit(s);
}

int store_unit_add(struct store *s, const char *name, const char *contact, const char *phone,
		   const struct actor *who, int *changed)
{
	static const char get[] = "SELECT contact, phone FROM units WHERE id = ?1";
	static const char upd[] =
		"UPDATE units SET contact = coalesce(?2, contact), phone = coalesce(?3, phone) WHERE id = ?1";
	int64_t id;
	int r;

	if (changed)
		*changed = 0;
	r = store_begin(s);
	if (r != STORE_OK)
		return r;
	id = unit_of_name(s, name);
	if (id < 0)
		return finish(s, STORE_IO);
	if (current_name(s, name, id) < 0)
		return finish(s, STORE_REFUSED);
	if (!id) {
		r = insert_unit(s, name, contact, phone, &id);
		if (r == STORE_OK)
			r = record(s, id, "unit-add", who, NULL);
		if (r == STORE_OK && changed)
			*changed = 1;
		return finish(s, r);
	}
	{
		sqlite3_stmt *st = store_stmt(s, get);
		int same = 1;

		if (!st)
			return finish(s, STORE_IO);
		sqlite3_bind_int64(st, 1, id);
		if (store_row(s, st, "unit", &r))
			same = (!contact || !strcmp(contact, (const char *)sqlite3_column_text(st, 0))) &&
			       (!phone || !strcmp(phone, (const char *)sqlite3_column_text(st, 1)));
		store_done(st);
		if (r != STORE_OK)
			return finish(s, r);
		if (same)
			return finish(s, STORE_OK);
		st = store_stmt(s, upd);
		if (!st)
			return finish(s, STORE_IO);
		sqlite3_bind_int64(st, 1, id);
		store_bind_text(st, 2, contact);
		store_bind_text(st, 3, phone);
		r = store_exec_stmt(s, st, "unit");
	}
	if (r == STORE_OK)
		r = record(s, id, "unit-edit", who, NULL);
	if (r == STORE_OK && changed)
		*changed = 1;
	return finish(s, r);
}

int store_unit_rename(struct store *s, const char *from, const char *to, const struct actor *who)
{
	static const char upd[] = "UPDATE units SET name = ?2 WHERE id = ?1";
	static const char add_name[] = "INSERT OR IGNORE INTO unit_names(name, unit_id) VALUES(?1, ?2)";
	int64_t id, other;
	sqlite3_stmt *st;
	char *text;
	int r = store_begin(s);

	if (r != STORE_OK)
		return r;
	id = unit_of_name(s, from);
	if (id < 0)
		return finish(s, STORE_IO);
	if (!id) {
		error(_("there is no unit '%s' in the directory"), from);
		return finish(s, STORE_NOTFOUND);
	}
	if (current_name(s, from, id) < 0)
		return finish(s, STORE_REFUSED);
	if (!strcmp(from, to)) {
		error(_("the unit is called %s already"), to);
		return finish(s, STORE_REFUSED);
	}
	other = unit_of_name(s, to);
	if (other < 0)
		return finish(s, STORE_IO);
	if (other && other != id) {
		char *name = unit_name(s, other);

		error(_("'%s' is a name of another unit (%s); to make the two one unit, merge them: jiedai unit merge %s --into %s"),
		      to, name ? name : "?", from, name ? name : to);
		free(name);
		return finish(s, STORE_REFUSED);
	}
	st = store_stmt(s, upd);
	if (!st)
		return finish(s, STORE_IO);
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, to);
	r = store_exec_stmt(s, st, "unit");
	if (r == STORE_OK && (st = store_stmt(s, add_name))) {
		store_bind_text(st, 1, to);
		sqlite3_bind_int64(st, 2, id);
		r = store_exec_stmt(s, st, "unit name");
	} else if (r == STORE_OK) {
		r = STORE_IO;
	}
	text = xasprintf("%s → %s", from, to);
	if (r == STORE_OK)
		r = record(s, id, "unit-rename", who, text);
	free(text);
	return finish(s, r);
}

int store_unit_merge(struct store *s, const char *from, const char *into, const struct actor *who)
{
	static const char mark[] = "UPDATE units SET merged_into = ?2 WHERE id = ?1";
	static const char move[] = "UPDATE unit_names SET unit_id = ?2 WHERE unit_id = ?1";
	int64_t a, b;
	sqlite3_stmt *st;
	char *text = NULL, *kept = NULL;
	int r = store_begin(s);

	if (r != STORE_OK)
		return r;
	a = unit_of_name(s, from);
	b = unit_of_name(s, into);
	if (a < 0 || b < 0)
		return finish(s, STORE_IO);
	if (!a || !b) {
		error(_("there is no unit '%s' in the directory"), a ? into : from);
		return finish(s, STORE_NOTFOUND);
	}
	if (current_name(s, from, a) < 0)
		return finish(s, STORE_REFUSED);
	kept = unit_name(s, b);
	if (a == b) {
		error(_("'%s' and '%s' are one unit already (%s)"), from, into, kept ? kept : into);
		free(kept);
		return finish(s, STORE_REFUSED);
	}
	st = store_stmt(s, mark);
	if (!st) {
		free(kept);
		return finish(s, STORE_IO);
	}
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	r = store_exec_stmt(s, st, "unit");
	if (r == STORE_OK && (st = store_stmt(s, move))) {
		sqlite3_bind_int64(st, 1, a);
		sqlite3_bind_int64(st, 2, b);
		r = store_exec_stmt(s, st, "unit names");
	} else if (r == STORE_OK) {
		r = STORE_IO;
	}
	text = xasprintf("%s → %s", from, kept ? kept : into);
	/* Both units change: the one merged away, and the one that now has its names. */
	if (r == STORE_OK)
		r = record(s, a, "unit-merge", who, text);
	if (r == STORE_OK)
		r = record(s, b, "unit-merge", who, text);
	free(text);
	free(kept);
	return finish(s, r);
}

int store_chase_record(struct store *s, const int64_t *ids, size_t n, const char *text,
		       const struct actor *who)
{
	static const char sql[] = "SELECT number FROM tickets WHERE id = ?1";
	char now[CLOCK_STAMP_LEN];
	int r = store_begin(s);

	if (r != STORE_OK)
		return r;
	clock_stamp(now);
	for (size_t i = 0; i < n && r == STORE_OK; i++) {
		sqlite3_stmt *st = store_stmt(s, sql);
		char *number = NULL;
		struct event_rec e;

		if (!st) {
			r = STORE_IO;
			break;
		}
		sqlite3_bind_int64(st, 1, ids[i]);
		if (store_row(s, st, "ticket", &r))
			number = store_col_str(st, 0);
		store_done(st);
		if (r != STORE_OK)
			break;
		if (!number) {
			error(_("there is no ticket #%lld"), (long long)ids[i]);
			r = STORE_NOTFOUND;
			break;
		}
		memset(&e, 0, sizeof(e));
		e.ticket_id = ids[i];
		e.ticket = number;
		e.at = now;
		e.kind = "chase";
		e.who = who;
		e.text = text;
		r = store_event_append(s, &e, NULL);
		free(number);
	}
	return finish(s, r);
}

/* ?1 from, ?2 the day after to, ?3 this ledger's station code. */
static const char sql_chase_history[] =
	"SELECT e.id, e.at, e.actor, coalesce(e.text, ''), t.id, t.number, t.created_at, t.category, t.issue,"
	" coalesce((SELECT h.unit FROM events h WHERE h.ticket_id = e.ticket_id AND h.id < e.id"
	"   AND h.unit IS NOT NULL AND h.unit <> '' ORDER BY h.id DESC LIMIT 1), t.unit, ''),"
	" (SELECT h.due_date FROM events h WHERE h.ticket_id = e.ticket_id AND h.id < e.id"
	"   AND h.due_date IS NOT NULL ORDER BY h.id DESC LIMIT 1)"
	" FROM events e JOIN tickets t ON t.id = e.ticket_id"
	" WHERE e.kind = 'chase' AND e.at >= ?1 AND e.at < ?2 AND t.station = ?3"
	" ORDER BY e.at, e.actor, 4, e.id";

/* Column i lent until the next step, "" for SQL NULL. */
static const char *lent(sqlite3_stmt *st, int i)
{
	const char *v = (const char *)sqlite3_column_text(st, i);

	return v ? v : "";
}

int store_chase_history(struct store *s, const char *from, const char *to,
			int (*fn)(const struct chase_record *c, void *arg), void *arg)
{
	char next[CLOCK_DATE_LEN], *code;
	sqlite3_stmt *st;
	int rc, stop = 0;

	if (clock_add_days(to, 1, next) < 0)
		return STORE_REFUSED;
	/* Not the statement cache: fn reads the ledger while this one steps. */
	rc = sqlite3_prepare_v2(s->db, sql_chase_history, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, "chase");
	code = store_setting(s, "station_code");
	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, next, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, code, -1, SQLITE_STATIC);
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct chase_record c;

		c.event_id = sqlite3_column_int64(st, 0);
		c.at = lent(st, 1);
		c.actor = lent(st, 2);
		c.what = lent(st, 3);
		c.ticket_id = sqlite3_column_int64(st, 4);
		c.number = lent(st, 5);
		c.created_at = lent(st, 6);
		c.category = lent(st, 7);
		c.issue = lent(st, 8);
		c.unit = lent(st, 9);
		c.due = (const char *)sqlite3_column_text(st, 10);
		stop = fn(&c, arg);
	}
	sqlite3_finalize(st);
	free(code);
	if (stop)
		return stop < 0 ? STORE_IO : STORE_OK;
	return rc == SQLITE_DONE ? STORE_OK : store_fail(s, rc, "chase");
}

/* ---- reading ---- */

/* Columns of a unit with its counts; ?1 is today. */
#define UNIT_COLUMNS \
	"SELECT u.id, u.name, u.contact, u.phone," \
	" CASE WHEN u.merged_into IS NOT NULL THEN (SELECT c.name FROM unit_names n" \
	"  JOIN units c ON c.id = n.unit_id WHERE n.name = u.name) END," \
	" (SELECT count(*) FROM unit_names n JOIN tickets t ON t.unit = n.name" \
	"  WHERE n.unit_id = u.id AND t.status = 'assigned')," \
	" (SELECT count(*) FROM unit_names n JOIN tickets t ON t.unit = n.name" \
	"  WHERE n.unit_id = u.id AND t.status = 'assigned' AND t.due_date < ?1)" \
	" FROM units u"

static int fill_unit(struct store *s, sqlite3_stmt *st, struct unit *u)
{
	static const char names[] =
		"SELECT name FROM unit_names WHERE unit_id = ?1 AND name <> ?2 ORDER BY name";
	sqlite3_stmt *q;
	size_t n = 0;
	int r = STORE_OK;

	memset(u, 0, sizeof(*u));
	u->id = sqlite3_column_int64(st, 0);
	u->name = store_col_str(st, 1);
	u->contact = store_col_str(st, 2);
	u->phone = store_col_str(st, 3);
	u->merged_into = store_col_text(st, 4);
	u->in_hand = sqlite3_column_int64(st, 5);
	u->overdue = sqlite3_column_int64(st, 6);
	u->names = xcalloc(1, sizeof(*u->names));
	q = store_stmt(s, names);
	if (!q)
		return STORE_IO;
	sqlite3_bind_int64(q, 1, u->id);
	store_bind_text(q, 2, u->name);
	while (store_row(s, q, "unit names", &r)) {
		u->names = xreallocarray(u->names, n + 2, sizeof(*u->names));
		u->names[n++] = store_col_str(q, 0);
		u->names[n] = NULL;
	}
	store_done(q);
	return r;
}

int store_unit_get(struct store *s, const char *name, struct unit *u)
{
	static const char sql[] = UNIT_COLUMNS " WHERE u.id = ?2";
	char today[CLOCK_DATE_LEN];
	int64_t id = unit_of_name(s, name);
	sqlite3_stmt *st;
	int rc, r;

	memset(u, 0, sizeof(*u));
	if (id < 0)
		return STORE_IO;
	if (!id)
		return STORE_NOTFOUND;
	st = store_stmt(s, sql);
	if (!st)
		return STORE_IO;
	clock_today(today);
	sqlite3_bind_text(st, 1, today, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		store_done(st);
		return rc == SQLITE_DONE ? STORE_NOTFOUND : store_fail(s, rc, "unit");
	}
	r = fill_unit(s, st, u);
	store_done(st);
	if (r != STORE_OK)
		unit_release(u);
	return r;
}

int store_unit_list(struct store *s, int merged, struct unit **units, size_t *n)
{
	static const char sql[] = UNIT_COLUMNS " WHERE ?2 OR u.merged_into IS NULL ORDER BY u.name, u.id";
	char today[CLOCK_DATE_LEN];
	sqlite3_stmt *st = store_stmt(s, sql);
	struct unit *out = NULL;
	size_t k = 0;
	int rc, r = STORE_OK;

	*units = NULL;
	*n = 0;
	if (!st)
		return STORE_IO;
	clock_today(today);
	sqlite3_bind_text(st, 1, today, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 2, merged);
	while (r == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		out = xreallocarray(out, k + 1, sizeof(*out));
		r = fill_unit(s, st, &out[k++]);
	}
	store_done(st);
	if (r == STORE_OK && rc != SQLITE_DONE)
		r = store_fail(s, rc, "units");
	if (r != STORE_OK) {
		units_free(out, k);
		return r;
	}
	*units = out;
	*n = k;
	return STORE_OK;
}

char **store_unit_names(struct store *s)
{
	static const char sql[] = "SELECT name FROM units WHERE merged_into IS NULL ORDER BY name";
	sqlite3_stmt *st = store_stmt(s, sql);
	char **names = xcalloc(1, sizeof(*names));
	size_t n = 0;
	int r = STORE_OK;

	/* A suggestion list: what could be read, the error said. */
	while (st && store_row(s, st, "units", &r)) {
		names = xreallocarray(names, n + 2, sizeof(*names));
		names[n++] = store_col_str(st, 0);
		names[n] = NULL;
	}
	store_done(st);
	return names;
}

/* The stations table's name for code, or NULL. */
static char *listed_name(struct store *s, const char *code)
{
	static const char sql[] = "SELECT name FROM stations WHERE code = ?1 AND name <> ''";
	sqlite3_stmt *st = store_stmt(s, sql);
	char *name = NULL;

	if (st) {
		int r = STORE_OK;

		store_bind_text(st, 1, code);
		if (store_row(s, st, "stations", &r))
			name = store_col_str(st, 0);
		store_done(st);
	}
	return name;
}

char *store_own_station_name(struct store *s)
{
	static const char sql[] = "SELECT value FROM settings WHERE key = 'station_name'";
	sqlite3_stmt *st = store_stmt(s, sql);
	char *name = NULL, *code;

	if (st) {
		int r = STORE_OK;

		if (store_row(s, st, "settings", &r))
			name = store_col_str(st, 0);
		store_done(st);
	}
	if (name)
		return name;
	code = store_setting(s, "station_code");
	name = listed_name(s, code);
	free(code);
	return name ? name : store_setting(s, "station_name");
}

char *store_station_name(struct store *s, const char *code)
{
	char *own = store_setting(s, "station_code"), *name;

	if (!strcmp(own, code)) {
		free(own);
		return store_own_station_name(s);
	}
	free(own);
	name = listed_name(s, code);
	return name ? name : xstrdup("");
}
