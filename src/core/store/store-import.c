/*
 * store-import.c — merging another station's JSON Lines export into this
 * ledger (the county roll-up).  The rules are in export.h.
 *
 * SQLite parses the JSON: json_valid() judges a line and json_each() hands
 * over its members one row each (key, type, value), so no JSON parser of our
 * own is needed.  The whole file is one BEGIN IMMEDIATE transaction; the
 * first bad line stops the import with its line number and everything is
 * rolled back.  The schema needs no record of earlier imports: a ticket is
 * recognised by its number, station, year, seq and check code, a voter by
 * the number of its first ticket, a reception day by station and date.
 */
#include "export.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "replay.h"
#include "store-internal.h"
#include "store-write.h"
#include "strbuf.h"
#include "ticket.h"
#include "u8.h"
#include "validate.h"
#include "xmalloc.h"

/* One member of a JSON object: its SQLite json type and value. */
struct jmember {
	char *key;
	char type;		/* t text, i integer, r real, n null, T true, F false, o object, a array */
	char *text;		/* text, or the JSON of an object/array */
	int64_t num;
};

struct jobj {
	struct jmember *m;
	size_t n;
};

struct import {
	struct store *s;
	struct actor who;	/* who imports (strings lent by the caller until finish): events record it */
	char *own_station, *own_format;
	int ledger_empty;
	int seen_header, seen_end;
	int version;		/* of the file's format (export.h) */
	long lineno;
	int64_t n_deputies, n_days, n_voters, n_tickets, n_events;
	/* After a voter line: its key, which the next line (its ticket) must have. */
	char *expect_key;
	int64_t expect_voter;	/* the voter's id here */
	char ctx[128];		/* "event 2 of ticket X: " while reading an event */
	struct import_stats stats;
};

static void jobj_release(struct jobj *o)
{
	for (size_t i = 0; i < o->n; i++) {
		free(o->m[i].key);
		free(o->m[i].text);
	}
	free(o->m);
	o->m = NULL;
	o->n = 0;
}

/* Report a problem with the current line; returns STORE_REFUSED. */
__attribute__((format(printf, 2, 3)))
static int bad(struct import *im, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	error(_("line %ld: %s%s; nothing was imported"), im->lineno, im->ctx, msg);
	return STORE_REFUSED;
}

static char type_code(const char *t)
{
	if (!t)
		return 'n';
	if (!strcmp(t, "text")) return 't';
	if (!strcmp(t, "integer")) return 'i';
	if (!strcmp(t, "real")) return 'r';
	if (!strcmp(t, "true")) return 'T';
	if (!strcmp(t, "false")) return 'F';
	if (!strcmp(t, "object")) return 'o';
	if (!strcmp(t, "array")) return 'a';
	return 'n';
}

/* The members of a JSON object or array (text known to be valid JSON). */
static int jparse(struct store *s, const char *json, struct jobj *o)
{
	static const char sql[] = "SELECT key, type, value FROM json_each(?1)";
	sqlite3_stmt *st = store_stmt(s, sql);
	int rc;

	o->m = NULL;
	o->n = 0;
	if (!st)
		return STORE_IO;
	sqlite3_bind_text(st, 1, json, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct jmember *m;

		o->m = xreallocarray(o->m, o->n + 1, sizeof(*o->m));
		m = &o->m[o->n++];
		m->key = store_col_str(st, 0);
		m->type = type_code((const char *)sqlite3_column_text(st, 1));
		m->text = store_col_text(st, 2);
		m->num = sqlite3_column_int64(st, 2);
	}
	store_done(st);
	return rc == SQLITE_DONE ? STORE_OK : store_fail(s, rc, "import");
}

/* "object", "array" … for a whole JSON text, or NULL when it is not JSON (*r STORE_OK) or after an error (*r). */
static char *json_kind(struct store *s, const char *json, size_t len, int *r)
{
	static const char sql[] = "SELECT CASE WHEN json_valid(?1) THEN json_type(?1) END";
	sqlite3_stmt *st = store_stmt(s, sql);
	char *kind = NULL;

	*r = st ? STORE_OK : STORE_IO;
	if (!st)
		return NULL;
	sqlite3_bind_text(st, 1, json, (int)len, SQLITE_STATIC);
	if (store_row(s, st, "import", r))
		kind = store_col_text(st, 0);
	store_done(st);
	return kind;
}

static const struct jmember *jget(const struct jobj *o, const char *key)
{
	for (size_t i = 0; i < o->n; i++)
		if (!strcmp(o->m[i].key, key))
			return &o->m[i];
	return NULL;
}

/*
 * The text rule of u8.h, as for typed input: -1 (reported) when s breaks it.
 * Only the free-text fields may hold several lines.
 */
static int check_text(struct import *im, const char *what, const char *s, int allow_newline)
{
	long cp = 0;
	size_t pos = 0;
	enum u8_class c = u8_check(s, allow_newline, &cp, &pos);

	if (c == U8_OK)
		return 0;
	if (c == U8_MALFORMED)
		bad(im, _("the field '%s' is not valid UTF-8 text"), what);
	else
		bad(im, _("the field '%s' holds, at character %zu, U+%04lX (%s), which a ledger does not accept"),
		    what, pos, cp, validate_class_label(c));
	return -1;
}

static int multiline_key(const char *key)
{
	return !strcmp(key, "issue") || !strcmp(key, "answer_text") || !strcmp(key, "close_note") ||
	       !strcmp(key, "void_reason") || !strcmp(key, "text");
}

/* What a text value must be, beyond the text rule (export.h). */
enum vkind {
	V_TEXT,		/* what a person typed: at most IMPORT_TEXT_MAX characters */
	V_PERSON,	/* a person's name or login: at most IMPORT_PERSON_MAX */
	V_PHONE,	/* "" or a phone number as validate_phone() stores it */
	V_DATE,		/* YYYY-MM-DD, a real day */
	V_STAMP,	/* YYYY-MM-DD HH:MM:SS, a real time */
	V_RATING,	/* "" or one of the ratings */
	V_STATION,	/* a station code */
	V_NUMBER,	/* a ledger number: at most TICKET_NUMBER_MAX bytes, no '{' */
	V_KIND,		/* an event's kind: 1 to 32 of a–z and '-' */
};

static int is_date(const char *s);

/* 1 when s is a time as jiedai stores one: "YYYY-MM-DD HH:MM:SS". */
static int is_stamp(const char *s)
{
	char date[CLOCK_DATE_LEN];
	static const int digit_at[] = { 11, 12, 14, 15, 17, 18 };

	if (strlen(s) != 19 || s[10] != ' ' || s[13] != ':' || s[16] != ':')
		return 0;
	for (size_t i = 0; i < sizeof(digit_at) / sizeof(digit_at[0]); i++)
		if (s[digit_at[i]] < '0' || s[digit_at[i]] > '9')
			return 0;
	memcpy(date, s, 10);
	date[10] = '\0';
	return is_date(date) && (s[11] - '0') * 10 + (s[12] - '0') <= 23 && s[14] <= '5' && s[17] <= '5';
}

/* The rule of kind k for v (not NULL); -1 (reported) when v breaks it. */
static int check_kind(struct import *im, const char *key, const char *v, enum vkind k)
{
	size_t max = k == V_PERSON ? IMPORT_PERSON_MAX : IMPORT_TEXT_MAX;

	switch (k) {
	case V_TEXT:
	case V_PERSON:
		if (u8_chars(v) > max) {
			bad(im, _("the field '%s' is longer than %zu characters"), key, max);
			return -1;
		}
		return 0;
	case V_PHONE: {
		char *msg = NULL, *norm = *v ? validate_phone(v, &msg) : NULL;
		int ok = !*v || (norm && !strcmp(norm, v));

		free(norm);
		free(msg);
		if (!ok)
			bad(im, _("the field '%s' is not a phone number as jiedai stores one: '%.40s'"), key, v);
		return ok ? 0 : -1;
	}
	case V_DATE:
		if (is_date(v))
			return 0;
		bad(im, _("the field '%s' is not a date (YYYY-MM-DD): '%.40s'"), key, v);
		return -1;
	case V_STAMP:
		if (is_stamp(v))
			return 0;
		bad(im, _("the field '%s' is not a date and time (YYYY-MM-DD HH:MM:SS): '%.40s'"), key, v);
		return -1;
	case V_RATING:
		if (!*v || ticket_rating_valid(v))
			return 0;
		bad(im, _("the field '%s' is not a rating (满意, 基本满意 or 不满意): '%.40s'"), key, v);
		return -1;
	case V_STATION:
		if (ticket_station_code_valid(v))
			return 0;
		bad(im, _("the field '%s' is not a station code (1 to 8 capital letters or digits): '%.40s'"), key, v);
		return -1;
	case V_NUMBER:
		if (strlen(v) <= TICKET_NUMBER_MAX && !strchr(v, '{'))
			return 0;
		bad(im, _("the field '%s' is not a ledger number: '%.40s'"), key, v);
		return -1;
	case V_KIND:
		if (strlen(v) <= 32 && strspn(v, "abcdefghijklmnopqrstuvwxyz-") == strlen(v))
			return 0;
		bad(im, _("the field '%s' is not a kind of event: '%.40s'"), key, v);
		return -1;
	}
	return 0;
}

/*
 * Every key and text value of a stored JSON object (a ticket's or an event's
 * station fields), nested ones included, under the rule; values may hold
 * several lines, as the station's own fields may be multiline.
 */
static int check_json_texts(struct import *im, const char *what, const char *json, int depth)
{
	struct jobj o;
	int r;

	if (!strcmp(json, "{}"))
		return 0;
	if (depth > 8) {
		bad(im, _("the field '%s' is nested too deep"), what);
		return -1;
	}
	r = jparse(im->s, json, &o);
	for (size_t i = 0; r == STORE_OK && i < o.n; i++) {
		const struct jmember *m = &o.m[i];

		if (check_text(im, what, m->key, 0) < 0 || check_kind(im, what, m->key, V_PERSON) < 0 ||
		    (m->type == 't' && (check_text(im, what, m->text, 1) < 0 ||
					check_kind(im, what, m->text, V_TEXT) < 0)) ||
		    ((m->type == 'o' || m->type == 'a') && check_json_texts(im, what, m->text, depth + 1) < 0))
			r = STORE_REFUSED;
	}
	jobj_release(&o);
	return r == STORE_OK ? 0 : -1;
}

/* 1 when a JSON text writes U+0000 in a string (\u0000): SQLite would cut the text there. */
static int has_nul_escape(const char *s, size_t len)
{
	int in_string = 0;

	for (size_t i = 0; i < len; i++) {
		if (!in_string) {
			in_string = s[i] == '"';
		} else if (s[i] == '"') {
			in_string = 0;
		} else if (s[i] == '\\') {
			if (i + 5 < len && s[i + 1] == 'u' && !strncmp(s + i + 2, "0000", 4))
				return 1;
			i++;	/* the escaped character */
		}
	}
	return 0;
}

/*
 * Typed access.  Each reports "field 'x' …" through bad() and returns -1 when
 * the member is missing or of the wrong type, or when its text breaks the
 * text rule of u8.h (a value that must not be empty must not be blank either)
 * or the rule of its kind.
 */
static int want_text(struct import *im, const struct jobj *o, const char *key, int nullable,
		     int nonempty, enum vkind kind, const char **out)
{
	const struct jmember *m = jget(o, key);

	*out = NULL;
	if (m && m->type == 'n' && nullable)
		return 0;
	if (!m || m->type != 't' || !m->text) {
		bad(im, _("the field '%s' is missing or is not text"), key);
		return -1;
	}
	if (check_text(im, key, m->text, multiline_key(key)) < 0)
		return -1;
	if (nonempty && u8_is_blank(m->text)) {
		bad(im, _("the field '%s' is empty"), key);
		return -1;
	}
	if (check_kind(im, key, m->text, kind) < 0)
		return -1;
	*out = m->text;
	return 0;
}

static int want_int(struct import *im, const struct jobj *o, const char *key, int nullable,
		    int64_t min, int64_t max, int64_t *out, int *is_null)
{
	const struct jmember *m = jget(o, key);

	*out = 0;
	if (is_null)
		*is_null = 0;
	if (m && m->type == 'n' && nullable) {
		if (is_null)
			*is_null = 1;
		return 0;
	}
	if (!m || m->type != 'i' || m->num < min || m->num > max) {
		bad(im, _("the field '%s' is missing or is not a number in range"), key);
		return -1;
	}
	*out = m->num;
	return 0;
}

/* An object or array member's JSON text; missing → def (may be NULL: required). */
static int want_json(struct import *im, const struct jobj *o, const char *key, char type,
		     const char *def, const char **out)
{
	const struct jmember *m = jget(o, key);

	if (!m && def) {
		*out = def;
		return 0;
	}
	if (!m || m->type != type || !m->text) {
		bad(im, type == 'o' ? _("the field '%s' is missing or is not an object")
				    : _("the field '%s' is missing or is not a list"), key);
		return -1;
	}
	*out = m->text;
	return 0;
}

static int is_date(const char *s)
{
	char norm[CLOCK_DATE_LEN];

	return s && strlen(s) == 10 && clock_parse_date(s, norm) == 0 && !strcmp(norm, s);
}

static const char touched_sql[] =
	"CREATE TEMP TABLE IF NOT EXISTS import_numbers(station TEXT NOT NULL, year INTEGER NOT NULL,"
	" PRIMARY KEY(station, year)) WITHOUT ROWID;"
	"CREATE TEMP TABLE IF NOT EXISTS import_days(id INTEGER PRIMARY KEY);"
	"DELETE FROM temp.import_numbers; DELETE FROM temp.import_days;";

/* Note that the numbers of station's year were touched. */
static int track_number(struct import *im, const char *station, int64_t year)
{
	static const char sql[] = "INSERT OR IGNORE INTO temp.import_numbers(station, year) VALUES(?1, ?2)";
	sqlite3_stmt *st = store_stmt(im->s, sql);

	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, station, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, year);
	return store_exec_stmt(im->s, st, "import") == STORE_OK ? 0 : -1;
}

/* Note that reception day id (or its tickets) was touched. */
static int track_day(struct import *im, int64_t id)
{
	static const char sql[] = "INSERT OR IGNORE INTO temp.import_days(id) VALUES(?1)";
	sqlite3_stmt *st = store_stmt(im->s, sql);

	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return store_exec_stmt(im->s, st, "import") == STORE_OK ? 0 : -1;
}

int store_import_begin(struct store *s, const struct actor *who, struct import **out)
{
	static const char empty[] =
		"SELECT NOT EXISTS (SELECT 1 FROM tickets) AND NOT EXISTS (SELECT 1 FROM reception_days)";
	struct import *im;
	sqlite3_stmt *st;
	int r;

	*out = NULL;
	r = store_begin(s);
	if (r != STORE_OK)
		return r;
	im = xcalloc(1, sizeof(*im));
	im->s = s;
	im->who = *who;
	im->own_station = store_setting(s, "station_code");
	im->own_format = store_setting(s, "number_format");
	/* What the file touched, checked as a whole at its end (store_import_finish). */
	if (sqlite3_exec(s->db, touched_sql, NULL, NULL, NULL) != SQLITE_OK) {
		r = store_fail(s, sqlite3_errcode(s->db), "import");
		store_import_abort(im);
		return r;
	}
	st = store_stmt(s, empty);
	if (!st) {
		store_import_abort(im);
		return STORE_IO;
	}
	if (store_row(s, st, "import", &r))
		im->ledger_empty = sqlite3_column_int(st, 0);
	store_done(st);
	if (r != STORE_OK) {
		store_import_abort(im);
		return r;
	}
	*out = im;
	return STORE_OK;
}

void store_import_abort(struct import *im)
{
	if (!im)
		return;
	store_rollback(im->s);
	free(im->own_station);
	free(im->own_format);
	free(im->expect_key);
	free(im);
}

/* ---- deputies ---- */

static int import_deputy(struct import *im, const struct jobj *o)
{
	static const char ins[] =
		"INSERT INTO deputies(name, role, phone, active, created_at) VALUES(?1, ?2, ?3, ?4, ?5)"
		" ON CONFLICT(name) DO NOTHING";
	const char *name, *role, *phone, *created;
	const struct jmember *active = jget(o, "active");
	sqlite3_stmt *st;
	int r;

	if (want_text(im, o, "name", 0, 1, V_PERSON, &name) < 0 ||
	    want_text(im, o, "role", 0, 1, V_PERSON, &role) < 0 ||
	    want_text(im, o, "phone", 0, 0, V_PHONE, &phone) < 0 ||
	    want_text(im, o, "created_at", 0, 1, V_STAMP, &created) < 0)
		return STORE_REFUSED;
	if (!active || (active->type != 'T' && active->type != 'F'))
		return bad(im, _("the field '%s' is missing or is not true or false"), "active");
	if (strcmp(role, "deputy") && strcmp(role, "staff") && strcmp(role, "head"))
		return bad(im, _("'%s' is not a role (deputy, staff or head)"), role);
	st = store_stmt(im->s, ins);
	if (!st)
		return STORE_IO;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
	/* Roles here come from this ledger's own logins (the check holds them to it). */
	sqlite3_bind_text(st, 2, "deputy", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, phone, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 4, active->type == 'T');
	sqlite3_bind_text(st, 5, created, -1, SQLITE_TRANSIENT);
	r = store_exec_stmt(im->s, st, "deputy");
	if (r == STORE_OK && sqlite3_changes(im->s->db) > 0)
		im->stats.deputies_added++;
	im->n_deputies++;
	return r;
}

/* ---- stations ---- */

/*
 * A station's name (format version 2): kept in the stations table for the
 * figures of a county ledger.  This ledger's own station is named by its
 * settings, except in a restore (an empty ledger) where the export names
 * it; a name already known is only replaced by one that is not empty.
 */
static int import_station(struct import *im, const struct jobj *o)
{
	static const char ins[] =
		"INSERT INTO stations(code, name) VALUES(?1, ?2)"
		" ON CONFLICT(code) DO UPDATE SET name = excluded.name WHERE excluded.name <> ''";
	const char *code, *name;
	sqlite3_stmt *st;

	if (want_text(im, o, "code", 0, 1, V_STATION, &code) < 0 || want_text(im, o, "name", 0, 0, V_TEXT, &name) < 0)
		return STORE_REFUSED;
	if (!strcmp(code, im->own_station) && !im->ledger_empty)
		return STORE_OK;
	st = store_stmt(im->s, ins);
	if (!st)
		return STORE_IO;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
	return store_exec_stmt(im->s, st, "station");
}

/* ---- reception days ---- */

static int link_deputies(struct import *im, int64_t day_id, const char *names_json, const char *when)
{
	static const char ensure[] =
		"INSERT INTO deputies(name, created_at) VALUES(?1, ?2) ON CONFLICT(name) DO NOTHING";
	static const char find[] = "SELECT id FROM deputies WHERE name = ?1";
	static const char link[] = "INSERT OR IGNORE INTO day_deputies(day_id, deputy_id) VALUES(?1, ?2)";
	struct jobj names;
	int r = jparse(im->s, names_json, &names);

	for (size_t i = 0; r == STORE_OK && i < names.n; i++) {
		sqlite3_stmt *st;
		int64_t dep = 0;

		if (names.m[i].type != 't' || !names.m[i].text || u8_is_blank(names.m[i].text)) {
			r = bad(im, _("the list '%s' must hold names"), "deputies");
			break;
		}
		if (check_text(im, "deputies", names.m[i].text, 0) < 0 ||
		    check_kind(im, "deputies", names.m[i].text, V_PERSON) < 0) {
			r = STORE_REFUSED;
			break;
		}
		st = store_stmt(im->s, ensure);
		if (!st) {
			r = STORE_IO;
			break;
		}
		sqlite3_bind_text(st, 1, names.m[i].text, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, when, -1, SQLITE_TRANSIENT);
		r = store_exec_stmt(im->s, st, "deputy");
		if (r != STORE_OK)
			break;
		if (sqlite3_changes(im->s->db) > 0)
			im->stats.deputies_added++;
		st = store_stmt(im->s, find);
		if (!st) {
			r = STORE_IO;
			break;
		}
		sqlite3_bind_text(st, 1, names.m[i].text, -1, SQLITE_TRANSIENT);
		if (store_row(im->s, st, "deputy", &r))
			dep = sqlite3_column_int64(st, 0);
		store_done(st);
		if (r != STORE_OK)
			break;
		st = store_stmt(im->s, link);
		if (!st) {
			r = STORE_IO;
			break;
		}
		sqlite3_bind_int64(st, 1, day_id);
		sqlite3_bind_int64(st, 2, dep);
		r = store_exec_stmt(im->s, st, "day deputies");
	}
	jobj_release(&names);
	return r;
}

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static int import_day(struct import *im, const struct jobj *o)
{
	static const char find[] =
		"SELECT id, place, opened_at, opened_by, closed_at, closed_by, visitors"
		" FROM reception_days WHERE station = ?1 AND date = ?2";
	static const char ins[] =
		"INSERT INTO reception_days(station, date, place, opened_at, opened_by, closed_at,"
		" closed_by, visitors) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
	static const char upd[] =
		"UPDATE reception_days SET place = ?2, opened_at = ?3, opened_by = ?4, closed_at = ?5,"
		" closed_by = ?6, visitors = ?7 WHERE id = ?1";
	const char *station, *date, *place, *opened_at, *opened_by, *closed_at, *closed_by, *deps;
	int64_t visitors, id = 0;
	char *cur[5] = { NULL };
	int64_t cur_visitors = 0;
	sqlite3_stmt *st;
	int own, r = STORE_OK;

	if (want_text(im, o, "station", 0, 1, V_STATION, &station) < 0 ||
	    want_text(im, o, "date", 0, 1, V_DATE, &date) < 0 ||
	    want_text(im, o, "place", 0, 0, V_TEXT, &place) < 0 ||
	    want_text(im, o, "opened_at", 0, 1, V_STAMP, &opened_at) < 0 ||
	    want_text(im, o, "opened_by", 0, 0, V_PERSON, &opened_by) < 0 ||
	    want_text(im, o, "closed_at", 1, 0, V_STAMP, &closed_at) < 0 ||
	    want_text(im, o, "closed_by", 1, 0, V_PERSON, &closed_by) < 0 ||
	    want_int(im, o, "visitors", 0, 0, INT32_MAX, &visitors, NULL) < 0 ||
	    want_json(im, o, "deputies", 'a', NULL, &deps) < 0)
		return STORE_REFUSED;
	if (!is_date(date))
		return bad(im, _("'%s' is not a date (YYYY-MM-DD)"), date);
	im->n_days++;
	own = !strcmp(station, im->own_station);

	st = store_stmt(im->s, find);
	if (!st)
		return STORE_IO;
	sqlite3_bind_text(st, 1, station, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, date, -1, SQLITE_TRANSIENT);
	if (store_row(im->s, st, "day", &r)) {
		id = sqlite3_column_int64(st, 0);
		for (int i = 0; i < 5; i++)
			cur[i] = store_col_text(st, i + 1);
		cur_visitors = sqlite3_column_int64(st, 6);
	}
	store_done(st);
	if (r != STORE_OK)
		goto out;

	if (id && own)
		goto out;	/* this ledger's own days are its own business */
	if (!id && own && !im->ledger_empty) {
		r = bad(im, _("the reception day %s %s has this ledger's own station code '%s'; "
			      "give this ledger a code of its own (jiedai init --station-code) before importing"),
			station, date, station);
		goto out;
	}
	if (!id) {
		st = store_stmt(im->s, ins);
		if (!st) {
			r = STORE_IO;
			goto out;
		}
		sqlite3_bind_text(st, 1, station, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, date, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, place, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, opened_at, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 5, opened_by, -1, SQLITE_TRANSIENT);
		store_bind_text(st, 6, closed_at);
		store_bind_text(st, 7, closed_by);
		sqlite3_bind_int64(st, 8, visitors);
		r = store_exec_stmt(im->s, st, "day");
		if (r != STORE_OK)
			goto out;
		id = sqlite3_last_insert_rowid(im->s->db);
		im->stats.days_added++;
	} else if ((!same(cur[0], place) || !same(cur[1], opened_at) || !same(cur[2], opened_by) ||
		    !same(cur[3], closed_at) || !same(cur[4], closed_by) || cur_visitors != visitors) &&
		   visitors >= cur_visitors && !(cur[3] && !closed_at)) {
		/* The file's copy is at least as far along: take it. */
		st = store_stmt(im->s, upd);
		if (!st) {
			r = STORE_IO;
			goto out;
		}
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, place, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, opened_at, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, opened_by, -1, SQLITE_TRANSIENT);
		store_bind_text(st, 5, closed_at);
		store_bind_text(st, 6, closed_by);
		sqlite3_bind_int64(st, 7, visitors);
		r = store_exec_stmt(im->s, st, "day");
		if (r != STORE_OK)
			goto out;
		im->stats.days_updated++;
	}
	r = link_deputies(im, id, deps, opened_at);
	if (r == STORE_OK)
		r = store_day_record(im->s, id, "import", &im->who, NULL, 1);
	if (r == STORE_OK && track_day(im, id) < 0)
		r = STORE_IO;
out:
	for (int i = 0; i < 5; i++)
		free(cur[i]);
	return r;
}

/* ---- voters ---- */

/* The voter of the ticket numbered key here, or 0; *own set when that ticket is this station's. */
static int64_t voter_of_ticket(struct import *im, const char *key, int *own)
{
	static const char sql[] = "SELECT voter_id, station FROM tickets WHERE number = ?1";
	sqlite3_stmt *st = store_stmt(im->s, sql);
	int64_t id = 0;
	int r = STORE_OK;

	if (own)
		*own = 0;
	if (!st)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
	if (store_row(im->s, st, "voter", &r)) {
		id = sqlite3_column_int64(st, 0);
		if (own)
			*own = !strcmp((const char *)sqlite3_column_text(st, 1), im->own_station);
	}
	store_done(st);
	return r == STORE_OK ? id : -1;
}

static int import_voter(struct import *im, const struct jobj *o)
{
	static const char get[] = "SELECT name, phone, address FROM voters WHERE id = ?1";
	static const char upd[] = "UPDATE voters SET name = ?2, phone = ?3, address = ?4 WHERE id = ?1";
	static const char ins[] =
		"INSERT INTO voters(name, phone, address, created_at) VALUES(?1, ?2, ?3, ?4)";
	const char *key, *name, *phone, *address, *created;
	sqlite3_stmt *st;
	int64_t id;
	int own = 0, r = STORE_OK;

	if (want_text(im, o, "key", 0, 1, V_NUMBER, &key) < 0 ||
	    want_text(im, o, "name", 0, 1, V_TEXT, &name) < 0 ||
	    want_text(im, o, "phone", 0, 0, V_PHONE, &phone) < 0 ||
	    want_text(im, o, "address", 0, 0, V_TEXT, &address) < 0 ||
	    want_text(im, o, "created_at", 0, 1, V_STAMP, &created) < 0)
		return STORE_REFUSED;
	im->n_voters++;
	id = voter_of_ticket(im, key, &own);
	if (id < 0)
		return STORE_IO;
	if (id && !own) {
		int differs = 0;

		st = store_stmt(im->s, get);
		if (!st)
			return STORE_IO;
		sqlite3_bind_int64(st, 1, id);
		if (store_row(im->s, st, "voter", &r))
			differs = strcmp((const char *)sqlite3_column_text(st, 0), name) ||
				  strcmp((const char *)sqlite3_column_text(st, 1), phone) ||
				  strcmp((const char *)sqlite3_column_text(st, 2), address);
		store_done(st);
		if (r != STORE_OK)
			return r;
		if (differs) {
			st = store_stmt(im->s, upd);
			if (!st)
				return STORE_IO;
			sqlite3_bind_int64(st, 1, id);
			sqlite3_bind_text(st, 2, name, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 3, phone, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(st, 4, address, -1, SQLITE_TRANSIENT);
			r = store_exec_stmt(im->s, st, "voter");
		}
	} else if (!id) {
		st = store_stmt(im->s, ins);
		if (!st)
			return STORE_IO;
		sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, phone, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, address, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, created, -1, SQLITE_TRANSIENT);
		r = store_exec_stmt(im->s, st, "voter");
		id = sqlite3_last_insert_rowid(im->s->db);
		im->stats.voters_added++;
	}
	free(im->expect_key);
	im->expect_key = xstrdup(key);
	im->expect_voter = id;
	return r;
}

/* ---- tickets ---- */

/* The values of an event, typed. */
struct ev {
	const char *at, *kind, *actor, *login, *client, *status_from, *status_to;
	const char *unit, *due_date, *method, *rating, *text, *data, *state;
};

static int parse_event(struct import *im, const char *json, struct jobj *o, struct ev *e, size_t i,
		       const char *number)
{
	const char *names[] = { "status_from", "status_to", "unit", "due_date", "method", "rating", "text" };
	const enum vkind kinds[] = { V_TEXT, V_TEXT, V_TEXT, V_DATE, V_TEXT, V_RATING, V_TEXT };
	const char **slots[] = { &e->status_from, &e->status_to, &e->unit, &e->due_date, &e->method,
				 &e->rating, &e->text };
	int r = jparse(im->s, json, o);

	memset(e, 0, sizeof(*e));
	if (r != STORE_OK)
		return r;
	snprintf(im->ctx, sizeof(im->ctx), _("event %zu of ticket %s: "), i + 1, number);
	r = STORE_REFUSED;
	if (want_text(im, o, "at", 0, 1, V_STAMP, &e->at) < 0 ||
	    want_text(im, o, "kind", 0, 1, V_KIND, &e->kind) < 0 ||
	    want_text(im, o, "actor", 0, 0, V_PERSON, &e->actor) < 0 ||
	    want_text(im, o, "login", 0, 0, V_PERSON, &e->login) < 0 ||
	    want_text(im, o, "client", 0, 0, V_PERSON, &e->client) < 0 ||
	    want_json(im, o, "data", 'o', "{}", &e->data) < 0)
		goto out;
	/* Exports made before the chain have no state. */
	if (jget(o, "state") && jget(o, "state")->type != 'n' &&
	    want_json(im, o, "state", 'o', NULL, &e->state) < 0)
		goto out;
	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++)
		if (want_text(im, o, names[k], 1, 0, kinds[k], slots[k]) < 0)
			goto out;
	for (int k = 0; k < 2; k++) {
		const char *st = k ? e->status_to : e->status_from;
		enum ticket_status ts;

		if (st && (ticket_status_parse(st, &ts) < 0 || strcmp(st, ticket_status_name(ts)))) {
			bad(im, _("'%s' is not a ticket status"), st);
			goto out;
		}
	}
	if (*e->client) {
		/* The same check as the address taken from SSH_CONNECTION. */
		char *addr = validate_ssh_address(e->client);
		int ok = !strcmp(addr, e->client);

		free(addr);
		if (!ok) {
			bad(im, _("the field '%s' is not an IP address"), "client");
			goto out;
		}
	}
	if (check_json_texts(im, "data", e->data, 0) < 0)
		goto out;
	r = STORE_OK;
out:
	im->ctx[0] = '\0';
	return r;
}

static int insert_event(struct import *im, int64_t ticket, const char *number, const struct ev *e)
{
	const struct actor who = { e->actor, e->login, e->client };
	struct event_rec r;

	memset(&r, 0, sizeof(r));
	r.ticket_id = ticket;
	r.ticket = number;
	r.at = e->at;
	r.kind = e->kind;
	r.who = &who;
	r.status_from = e->status_from;
	r.status_to = e->status_to;
	r.unit = e->unit;
	r.due_date = e->due_date;
	r.method = e->method;
	r.rating = e->rating;
	r.text = e->text;
	r.data = e->data;
	r.state = e->state;
	im->stats.events_added++;
	return store_event_append(im->s, &r, NULL);
}

/*
 * Compare this ledger's events of ticket id with the file's first ones;
 * *have gets how many it has.  -1 (reported) when they differ.
 */
static int check_history(struct import *im, int64_t id, const char *number, struct jobj *evs,
			 size_t *have)
{
	static const char sql[] =
		"SELECT at, kind, actor, status_to FROM events WHERE ticket_id = ?1 AND kind <> 'import'"
		" ORDER BY id";
	sqlite3_stmt *st;
	struct {
		char *at, *kind, *actor, *to;
	} *mine = NULL;
	size_t n = 0;
	int r = 0, rr = STORE_OK;

	st = store_stmt(im->s, sql);
	if (!st)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	while (store_row(im->s, st, "events", &rr)) {
		mine = xreallocarray(mine, n + 1, sizeof(*mine));
		mine[n].at = store_col_str(st, 0);
		mine[n].kind = store_col_str(st, 1);
		mine[n].actor = store_col_str(st, 2);
		mine[n].to = store_col_text(st, 3);
		n++;
	}
	store_done(st);
	if (rr != STORE_OK)
		r = -1;
	for (size_t i = 0; i < n && i < evs->n && !r; i++) {
		struct jobj o = { NULL, 0 };
		struct ev e;

		/* Every member is an object: import_ticket checked. */
		if (parse_event(im, evs->m[i].text, &o, &e, i, number) != STORE_OK) {
			jobj_release(&o);
			r = -1;
			break;
		}
		if (strcmp(mine[i].at, e.at) || strcmp(mine[i].kind, e.kind) ||
		    strcmp(mine[i].actor, e.actor) || !same(mine[i].to, e.status_to))
			r = -1;
		jobj_release(&o);
		if (r)
			bad(im, _("the history of ticket %s in this ledger differs from the file's at step %zu "
				  "(it was changed here after an earlier import)"), number, i + 1);
	}
	for (size_t i = 0; i < n; i++) {
		free(mine[i].at);
		free(mine[i].kind);
		free(mine[i].actor);
		free(mine[i].to);
	}
	free(mine);
	*have = n;
	return r;
}

/*
 * An event of an export made before the chain, which carries no state:
 * sealed as migration 3 sealed the history of such a ledger.  A
 * registration gets the row as it was registered; an answer its date (the
 * ticket's answer date for its last answer, the day it was recorded for an
 * earlier one).  Snapshots of other kinds never existed without their
 * state.  *state (caller frees) holds what e->state now points to.
 */
static int seal_old_event(struct import *im, int64_t id, const char *number, const struct jobj *evs,
			  size_t i, struct ev *e, char **state)
{
	static const char answer_date[] = "SELECT answer_date FROM tickets WHERE id = ?1";
	struct strbuf sb = STRBUF_INIT;

	*state = NULL;
	if (e->state)
		return STORE_OK;
	if (!strcmp(e->kind, "register")) {
		*state = store_ticket_register_state(im->s, id);
		if (!*state)
			return STORE_IO;
	} else if (!strcmp(e->kind, "answer")) {
		int last = 1;
		char *date = NULL;

		for (size_t k = i + 1; k < evs->n && last; k++) {
			struct jobj eo;
			const struct jmember *m;

			if (jparse(im->s, evs->m[k].text, &eo) != STORE_OK)
				return STORE_IO;
			m = jget(&eo, "kind");
			last = !(m && m->type == 't' && !strcmp(m->text, "answer"));
			jobj_release(&eo);
		}
		if (last) {
			sqlite3_stmt *st = store_stmt(im->s, answer_date);
			int rc;

			if (!st)
				return STORE_IO;
			sqlite3_bind_int64(st, 1, id);
			rc = sqlite3_step(st);
			if (rc == SQLITE_ROW)
				date = store_col_text(st, 0);
			store_done(st);
			if (rc != SQLITE_ROW)
				return store_fail(im->s, rc == SQLITE_DONE ? SQLITE_ERROR : rc, "import");
		} else {
			date = xstrndup(e->at, 10);
		}
		strbuf_adds(&sb, "{\"answer_date\":");
		if (date)
			strbuf_add_json(&sb, date);
		else
			strbuf_adds(&sb, "null");
		strbuf_addch(&sb, '}');
		free(date);
		*state = strbuf_detach(&sb);
	} else if (replay_is_snapshot(e->kind) || !strcmp(e->kind, "correct")) {
		return bad(im, _("event %zu of ticket %s (%s) carries no record of the ticket"), i + 1, number,
			   e->kind);
	}
	if (*state)
		e->state = *state;
	return STORE_OK;
}

/* The ticket's own fields, in the order of the UPDATE/INSERT statements below. */
static const char *const tfields[] = {
	"name", "phone", "address", "category", "issue", "deputy", "status", "unit", "due_date",
	"answer_method", "answer_date", "answer_text", "rating", "closed_at", "closed_by",
	"close_note", "void_reason", "created_at", "updated_at",
};
#define NTFIELDS (sizeof(tfields) / sizeof(tfields[0]))
/* Which may be null, which must not be empty, and what each must be. */
static const char tnullable[NTFIELDS] = { [8] = 1, [10] = 1, [13] = 1 };
static const char tnonempty[NTFIELDS] = { [0] = 1, [3] = 1, [4] = 1, [6] = 1, [17] = 1, [18] = 1 };
static const enum vkind tkind[NTFIELDS] = {
	[1] = V_PHONE, [5] = V_PERSON, [8] = V_DATE, [10] = V_DATE, [12] = V_RATING, [13] = V_STAMP,
	[14] = V_PERSON, [17] = V_STAMP, [18] = V_STAMP,
};

static int import_ticket(struct import *im, const struct jobj *o)
{
	static const char find[] =
		"SELECT id, station, year, seq, check_code, updated_at FROM tickets WHERE number = ?1";
	static const char find_day[] = "SELECT id FROM reception_days WHERE station = ?1 AND date = ?2";
	static const char ins[] =
		"INSERT INTO tickets(name, phone, address, category, issue, deputy, status, unit, due_date,"
		" answer_method, answer_date, answer_text, rating, closed_at, closed_by, close_note,"
		" void_reason, created_at, updated_at, extra, day_id, position,"
		" number, station, year, seq, check_code, voter_id, follow_deputy)"
		" VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
		" ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29)";
	static const char upd[] =
		"UPDATE tickets SET name = ?1, phone = ?2, address = ?3, category = ?4, issue = ?5,"
		" deputy = ?6, status = ?7, unit = ?8, due_date = ?9, answer_method = ?10,"
		" answer_date = ?11, answer_text = ?12, rating = ?13, closed_at = ?14, closed_by = ?15,"
		" close_note = ?16, void_reason = ?17, created_at = ?18, updated_at = ?19, extra = ?20,"
		" day_id = ?21, position = ?22, follow_deputy = ?29 WHERE id = ?23";
	static const char counter[] =
		"INSERT INTO counters(station, year, seq) VALUES(?1, ?2, ?3)"
		" ON CONFLICT(station, year) DO UPDATE SET seq = excluded.seq WHERE excluded.seq > seq";
	const char *v[NTFIELDS], *number, *station, *check, *voter_key, *day_station, *day_date;
	const char *extra, *events_json, *follow = NULL;
	int64_t year, seq, position, day_id = 0, voter = 0, id = 0;
	int pos_null, r = STORE_OK;
	enum ticket_status status;
	struct jobj evs = { NULL, 0 };
	char *cur_station = NULL, *cur_check = NULL, *cur_updated = NULL;
	int64_t cur_year = 0, cur_seq = 0;
	int has_states = 0;
	size_t have = 0;
	sqlite3_stmt *st;
	char ybuf[16];

	if (want_text(im, o, "number", 0, 1, V_NUMBER, &number) < 0 ||
	    want_text(im, o, "station", 0, 1, V_STATION, &station) < 0 ||
	    want_int(im, o, "year", 0, 1900, 9999, &year, NULL) < 0 ||
	    want_int(im, o, "seq", 0, 1, TICKET_SEQ_MAX, &seq, NULL) < 0 ||
	    want_text(im, o, "check_code", 0, 1, V_TEXT, &check) < 0 ||
	    want_text(im, o, "voter", 0, 1, V_NUMBER, &voter_key) < 0 ||
	    want_text(im, o, "day_station", 1, 1, V_STATION, &day_station) < 0 ||
	    want_text(im, o, "day_date", 1, 1, V_DATE, &day_date) < 0 ||
	    want_int(im, o, "position", 1, 1, INT32_MAX, &position, &pos_null) < 0 ||
	    want_json(im, o, "extra", 'o', NULL, &extra) < 0 ||
	    want_json(im, o, "events", 'a', NULL, &events_json) < 0)
		return STORE_REFUSED;
	for (size_t i = 0; i < NTFIELDS; i++)
		if (want_text(im, o, tfields[i], tnullable[i], tnonempty[i], tkind[i], &v[i]) < 0)
			return STORE_REFUSED;
	/* The follow-up deputy (schema 6): an export made before it has none. */
	if (jget(o, "follow_deputy") && want_text(im, o, "follow_deputy", 1, 0, V_PERSON, &follow) < 0)
		return STORE_REFUSED;
	if (check_json_texts(im, "extra", extra, 0) < 0)
		return STORE_REFUSED;
	if (ticket_status_parse(v[6], &status) < 0 || strcmp(v[6], ticket_status_name(status)))
		return bad(im, _("'%s' is not a ticket status"), v[6]);
	if (!day_station != !day_date)
		return bad(im, _("'day_station' and 'day_date' go together"));
	/* The same rules as a ticket this ledger makes itself (ticket.h). */
	if (!ticket_check_code_valid(check))
		return bad(im, _("ticket %s: '%.40s' is not a check code"), number, check);
	if (!ticket_number_agrees(number, station, (int)year, seq))
		return bad(im, _("the number %s does not agree with its station %s, year %lld and sequence %lld"),
			   number, station, (long long)year, (long long)seq);
	snprintf(ybuf, sizeof(ybuf), "%04lld", (long long)year);
	if (strncmp(v[17], ybuf, 4))
		return bad(im, _("ticket %s is numbered in %lld but was registered on %.10s"), number,
			   (long long)year, v[17]);
	if ((day_date == NULL) != (pos_null != 0))
		return bad(im, _("ticket %s: a place in the queue (position) goes with a reception day, and only with one"),
			   number);
	if (strcmp(station, im->own_station) && ticket_number_fits(im->own_format, im->own_station, number))
		return bad(im, _("ticket %s of station %s has a number this ledger gives its own tickets; "
				 "it would stop this ledger numbering them"), number, station);
	if (im->expect_key && strcmp(im->expect_key, number))
		return bad(im, _("the voter line before this one belongs to ticket %s, which should come next"),
			   im->expect_key);
	im->n_tickets++;
	r = jparse(im->s, events_json, &evs);
	if (r != STORE_OK)
		return r;
	im->n_events += (int64_t)evs.n;
	if (!evs.n) {
		r = bad(im, _("ticket %s has no history (no events): a ticket cannot come into a ledger without one"),
			number);
		goto out;
	}
	for (size_t i = 0; i < evs.n; i++)
		if (evs.m[i].type != 'o') {
			r = bad(im, _("event %zu of ticket %s is not an object"), i + 1, number);
			goto out;
		}
	/* An export made before the chain has no state in any event. */
	for (size_t i = 0; i < evs.n && !has_states; i++) {
		struct jobj eo;
		const struct jmember *m;

		if (jparse(im->s, evs.m[i].text, &eo) != STORE_OK) {
			r = STORE_IO;
			goto out;
		}
		m = jget(&eo, "state");
		has_states = m && m->type != 'n';
		jobj_release(&eo);
	}

	st = store_stmt(im->s, find);
	if (!st) {
		r = STORE_IO;
		goto out;
	}
	sqlite3_bind_text(st, 1, number, -1, SQLITE_TRANSIENT);
	if (store_row(im->s, st, "ticket", &r)) {
		id = sqlite3_column_int64(st, 0);
		cur_station = store_col_str(st, 1);
		cur_year = sqlite3_column_int64(st, 2);
		cur_seq = sqlite3_column_int64(st, 3);
		cur_check = store_col_str(st, 4);
		cur_updated = store_col_str(st, 5);
	}
	store_done(st);
	if (r != STORE_OK)
		goto out;

	if (id && (strcmp(cur_station, station) || cur_year != year || cur_seq != seq ||
		   strcmp(cur_check, check))) {
		r = bad(im, _("the number %s already belongs to another ticket in this ledger; "
			      "every station needs a station code of its own"), number);
		goto out;
	}
	if (!id && !strcmp(station, im->own_station) && !im->ledger_empty) {
		r = bad(im, _("ticket %s has this ledger's own station code '%s'; give this ledger a code of "
			      "its own (jiedai init --station-code) before importing other stations"),
			number, station);
		goto out;
	}
	if (id && check_history(im, id, number, &evs, &have) < 0) {
		r = STORE_REFUSED;
		goto out;
	}
	if (id && (!strcmp(station, im->own_station) ||
		   (evs.n <= have && strcmp(v[18], cur_updated) <= 0))) {
		im->stats.tickets_unchanged++;
		goto done;
	}

	if (day_date) {
		st = store_stmt(im->s, find_day);
		if (!st) {
			r = STORE_IO;
			goto out;
		}
		sqlite3_bind_text(st, 1, day_station, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, day_date, -1, SQLITE_TRANSIENT);
		if (store_row(im->s, st, "day", &r))
			day_id = sqlite3_column_int64(st, 0);
		store_done(st);
		if (r != STORE_OK)
			goto out;
		if (!day_id) {
			r = bad(im, _("ticket %s was taken on reception day %s %s, which is neither in the file nor in this ledger"),
				number, day_station, day_date);
			goto out;
		}
	}
	if (!id) {
		if (!strcmp(voter_key, number)) {
			if (!im->expect_key) {
				r = bad(im, _("the voter line of ticket %s is missing before it"), number);
				goto out;
			}
			voter = im->expect_voter;
		} else {
			voter = voter_of_ticket(im, voter_key, NULL);
			if (voter < 0) {
				r = STORE_IO;
				goto out;
			}
			if (!voter) {
				r = bad(im, _("ticket %s names the voter of ticket %s, which is neither earlier in the file nor in this ledger"),
					number, voter_key);
				goto out;
			}
		}
	}

	st = store_stmt(im->s, id ? upd : ins);
	if (!st) {
		r = STORE_IO;
		goto out;
	}
	for (size_t i = 0; i < NTFIELDS; i++)
		store_bind_text(st, (int)i + 1, v[i]);
	sqlite3_bind_text(st, 20, extra, -1, SQLITE_TRANSIENT);
	if (day_id)
		sqlite3_bind_int64(st, 21, day_id);
	if (!pos_null)
		sqlite3_bind_int64(st, 22, position);
	if (id) {
		sqlite3_bind_int64(st, 23, id);
	} else {
		sqlite3_bind_text(st, 23, number, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 24, station, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 25, year);
		sqlite3_bind_int64(st, 26, seq);
		sqlite3_bind_text(st, 27, check, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 28, voter);
	}
	sqlite3_bind_text(st, 29, follow ? follow : "", -1, SQLITE_TRANSIENT);
	r = store_exec_stmt(im->s, st, "ticket");
	if (r != STORE_OK) {
		bad(im, _("ticket %s could not be stored"), number);
		goto out;
	}
	if (!id) {
		id = sqlite3_last_insert_rowid(im->s->db);
		st = store_stmt(im->s, counter);
		if (!st) {
			r = STORE_IO;
			goto out;
		}
		sqlite3_bind_text(st, 1, station, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 2, year);
		sqlite3_bind_int64(st, 3, seq);
		r = store_exec_stmt(im->s, st, "counter");
		if (r != STORE_OK)
			goto out;
		im->stats.tickets_added++;
	} else {
		im->stats.tickets_updated++;
	}
	for (size_t i = have; i < evs.n; i++) {
		struct jobj eo = { NULL, 0 };
		struct ev e;
		char *state = NULL;

		r = parse_event(im, evs.m[i].text, &eo, &e, i, number);
		if (r == STORE_OK && !has_states)
			r = seal_old_event(im, id, number, &evs, i, &e, &state);
		if (r == STORE_OK)
			r = insert_event(im, id, number, &e);
		jobj_release(&eo);
		free(state);
		if (r != STORE_OK) {
			if (r == STORE_REFUSED)
				break;
			bad(im, _("event %zu of ticket %s could not be stored"), i + 1, number);
			goto out;
		}
	}
	if (r != STORE_OK)
		goto out;
	/*
	 * The file's history must lead to the file's row, as `jiedai check`
	 * will replay it.  An export made before the chain had no states in
	 * its events: they were sealed as migration 3 sealed such a ledger
	 * (seal_old_event), and where that history does not lead to the row
	 * the row as imported is recorded (an import snapshot), after which it
	 * must.  A newer export whose history does not lead to its row was
	 * altered.
	 */
	{
		struct strbuf why = STRBUF_INIT;
		int k = store_check_ticket_range(im->s, id, 0, &why);

		if (k > 0 && !has_states) {
			strbuf_reset(&why);
			r = store_ticket_record(im->s, id, "import", &im->who, NULL);
			k = r == STORE_OK ? store_check_ticket_range(im->s, id, 0, &why) : -1;
		}
		strbuf_rtrim(&why);
		if (k < 0 && r == STORE_OK)
			r = STORE_IO;
		else if (k > 0 && has_states)
			r = bad(im, _("the history of ticket %s in the file does not lead to its row (%s): the file was altered"),
				number, why.buf);
		else if (k > 0)
			r = bad(im, _("the history of ticket %s in the file does not hold together (%s)"), number,
				why.buf);
		strbuf_release(&why);
		if (r != STORE_OK)
			goto out;
	}
	if (track_number(im, station, year) < 0 || (day_id && track_day(im, day_id) < 0)) {
		r = STORE_IO;
		goto out;
	}
done:
	free(im->expect_key);
	im->expect_key = NULL;
out:
	jobj_release(&evs);
	free(cur_station);
	free(cur_check);
	free(cur_updated);
	return r;
}

int store_import_line(struct import *im, const char *line, size_t len, long lineno)
{
	struct jobj o = { NULL, 0 };
	const struct jmember *type;
	char *kind;
	int r;

	im->lineno = lineno;
	if (len == 0 || (len == 1 && line[0] == '\r'))
		return STORE_OK;	/* blank lines carry nothing */
	if (im->seen_end)
		return bad(im, _("there is more after the end of the export"));
	if (!u8_valid(line, len))
		return bad(im, _("the line is not valid UTF-8 text"));
	if (has_nul_escape(line, len))
		return bad(im, _("the line holds U+0000 (\\u0000), which a ledger does not accept"));
	kind = json_kind(im->s, line, len, &r);
	if (r != STORE_OK)
		return r;
	if (!kind || strcmp(kind, "object")) {
		free(kind);
		return bad(im, _("the line is not a JSON object (the file is damaged or cut short)"));
	}
	free(kind);
	{
		char *copy = xstrndup(line, len);

		r = jparse(im->s, copy, &o);
		free(copy);
	}
	if (r != STORE_OK)
		return r;
	type = jget(&o, "type");
	if (!type || type->type != 't') {
		r = bad(im, _("the line has no 'type'"));
		goto out;
	}
	if (!im->seen_header) {
		const struct jmember *fmt = jget(&o, "format"), *ver = jget(&o, "version");

		if (strcmp(type->text, "header") || !fmt || fmt->type != 't' || strcmp(fmt->text, EXPORT_FORMAT)) {
			r = bad(im, _("this is not a jiedai ledger export (it should begin with its header line)"));
		} else if (!ver || ver->type != 'i' || ver->num < 1) {
			r = bad(im, _("the header has no version"));
		} else if (ver->num > EXPORT_VERSION) {
			r = bad(im, _("the export was made by a newer jiedai (format version %lld); upgrade jiedai first"),
				(long long)ver->num);
		} else {
			im->seen_header = 1;
			im->version = (int)ver->num;
		}
		goto out;
	}
	if (im->expect_key && strcmp(type->text, "ticket")) {
		r = bad(im, _("the voter line before this one belongs to ticket %s, which should come next"),
			im->expect_key);
		goto out;
	}
	if (!strcmp(type->text, "station")) {
		r = import_station(im, &o);
	} else if (!strcmp(type->text, "deputy")) {
		r = import_deputy(im, &o);
	} else if (!strcmp(type->text, "day")) {
		r = import_day(im, &o);
	} else if (!strcmp(type->text, "voter")) {
		r = import_voter(im, &o);
	} else if (!strcmp(type->text, "ticket")) {
		r = import_ticket(im, &o);
	} else if (!strcmp(type->text, "event") && im->version >= 2) {
		/*
		 * The exporting ledger's own history of its days, settings and
		 * logins: counted, not taken (the days themselves come in their
		 * own lines, and this ledger records its import of them).
		 */
		im->n_events++;
		r = STORE_OK;
	} else if (!strcmp(type->text, "end")) {
		const char *keys[] = { "deputies", "days", "voters", "tickets", "events" };
		int64_t seen[] = { im->n_deputies, im->n_days, im->n_voters, im->n_tickets, im->n_events };
		int nkeys = im->version >= 2 ? 5 : 4;

		for (int i = 0; i < nkeys; i++) {
			const struct jmember *m = jget(&o, keys[i]);

			if (!m || m->type != 'i' || m->num != seen[i]) {
				r = bad(im, _("the export should hold %lld %s lines but has %lld; lines are missing"),
					m && m->type == 'i' ? (long long)m->num : -1LL, keys[i], (long long)seen[i]);
				goto out;
			}
		}
		im->seen_end = 1;
		r = STORE_OK;
	} else if (!strcmp(type->text, "header")) {
		r = bad(im, _("a second header: two exports were joined into one file"));
	} else {
		r = bad(im, _("unknown line type '%s'"), type->text);
	}
out:
	jobj_release(&o);
	return r;
}

/*
 * What no single line can show: the numbers of each station and year the
 * file brought are gapless (1 to the highest), and each reception day it
 * touched counts as many voters as its tickets' places, as `jiedai check`
 * will find them.  STORE_OK, or STORE_REFUSED after a message.
 */
static int check_touched(struct import *im)
{
	static const char gaps[] =
		"SELECT t.station, t.year, count(*), max(t.seq) FROM tickets t"
		" JOIN temp.import_numbers n ON n.station = t.station AND n.year = t.year"
		" GROUP BY t.station, t.year HAVING count(*) <> max(t.seq) OR min(t.seq) <> 1";
	static const char visitors[] =
		"SELECT d.station, d.date, d.visitors, coalesce((SELECT max(t.position) FROM tickets t"
		" WHERE t.day_id = d.id), 0) AS n FROM reception_days d JOIN temp.import_days i ON i.id = d.id"
		" WHERE d.visitors <> n";
	sqlite3_stmt *st = store_stmt(im->s, gaps);
	int rc, r = STORE_OK;

	if (!st)
		return STORE_IO;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		error(_("the numbers of station %s in %lld have gaps: %lld tickets, the highest numbered %lld. "
			"Import the station's whole export; nothing was imported"),
		      (const char *)sqlite3_column_text(st, 0), (long long)sqlite3_column_int64(st, 1),
		      (long long)sqlite3_column_int64(st, 2), (long long)sqlite3_column_int64(st, 3));
		r = STORE_REFUSED;
	} else if (rc != SQLITE_DONE) {
		r = store_fail(im->s, rc, "import");
	}
	store_done(st);
	if (r != STORE_OK)
		return r;
	st = store_stmt(im->s, visitors);
	if (!st)
		return STORE_IO;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		error(_("the reception day %s %s counts %lld voters but its tickets have %lld; nothing was imported"),
		      (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
		      (long long)sqlite3_column_int64(st, 2), (long long)sqlite3_column_int64(st, 3));
		r = STORE_REFUSED;
	} else if (rc != SQLITE_DONE) {
		r = store_fail(im->s, rc, "import");
	}
	store_done(st);
	return r;
}

int store_import_finish(struct import *im, struct import_stats *stats)
{
	int r;

	if (!im->seen_end) {
		error(im->seen_header ? _("the file ends after line %ld without the export's last line: it was cut short; nothing was imported")
				      : _("the file is empty (line %ld); nothing was imported"),
		      im->lineno);
		store_import_abort(im);
		return STORE_REFUSED;
	}
	r = check_touched(im);
	if (r != STORE_OK) {
		store_import_abort(im);
		return r;
	}
	r = store_commit(im->s);
	if (stats)
		*stats = im->stats;
	free(im->own_station);
	free(im->own_format);
	free(im->expect_key);
	free(im);
	return r;
}
