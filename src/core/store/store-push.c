/*
 * store-push.c — the SQLite side of a push (push.h): what leaves a ledger,
 * or a JSON Lines export, for the county's hub.
 *
 * Both sources are read through the same temporary views, so one set of
 * queries serves both: jd_raw_events (every event with its ticket's number
 * and its day's label, as chain.h hashes it), jd_raw_tickets (each row with
 * its voter's key, the number of the voter's first ticket, as exports name
 * voters) and jd_raw_people; jd_out_events and jd_out_tickets are the same
 * masked as the station's hub_personal says.  For a ledger the raw views
 * sit over its tables (temporary views write nothing to the ledger); for a
 * file they are tables of a scratch database filled from the file's lines
 * by SQLite's JSON functions.
 */
#include "push.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "chain.h"
#include "error.h"
#include "export.h"
#include "i18n.h"
#include "store-internal.h"
#include "strbuf.h"
#include "u8.h"
#include "xmalloc.h"

struct push_source {
	sqlite3 *db;
	struct store *store;	/* the ledger (NULL for a file) */
	char *code, *name, *other;
	int masked, practice;
	int64_t events;
	unsigned char head[32];
};

/* ---- masking, as SQL functions on the connection ---- */

static void fn_mask_name(sqlite3_context *c, int n, sqlite3_value **v)
{
	const unsigned char *s = sqlite3_value_text(v[0]);
	char *m;

	(void)n;
	if (!s) {
		sqlite3_result_null(c);
		return;
	}
	m = u8_mask_name((const char *)s);
	sqlite3_result_text(c, m, -1, free);
}

static void fn_mask_phone(sqlite3_context *c, int n, sqlite3_value **v)
{
	const unsigned char *s = sqlite3_value_text(v[0]);
	char *m;

	(void)n;
	if (!s) {
		sqlite3_result_null(c);
		return;
	}
	m = u8_mask_phone((const char *)s);
	sqlite3_result_text(c, m, -1, free);
}

static void fn_masked(sqlite3_context *c, int n, sqlite3_value **v)
{
	const struct push_source *ps = sqlite3_user_data(c);

	(void)n;
	(void)v;
	sqlite3_result_int(c, ps->masked);
}

/* Snapshot fields a voter can be found by, masked (the same for a correction's old and new). */
#define MASK_SNAP(p) \
	"'" p ".name', jd_mask_name(json_extract(state, '" p ".name')), '" p ".phone'," \
	" jd_mask_phone(json_extract(state, '" p ".phone')), '" p ".address', '', '" p ".check_code', ''," \
	" '" p ".extra', json('{}')"

static const char out_views[] =
	"CREATE TEMP VIEW jd_out_events AS SELECT id, ticket, day, subject, at, kind, actor, login,"
	" client, status_from, status_to, unit, due_date, method, rating, text,"
	" CASE WHEN jd_masked() AND ticket IS NOT NULL THEN '{}' ELSE data END AS data,"
	" CASE WHEN NOT jd_masked() OR state IS NULL THEN state"
	"  WHEN kind IN ('register', 'backfill', 'import', 'baseline')"
	"   THEN json_replace(state, " MASK_SNAP("$") ")"
	"  WHEN kind = 'correct' THEN json_replace(state, " MASK_SNAP("$.new") ", " MASK_SNAP("$.old") ")"
	"  ELSE state END AS state, hash, data AS raw_data, state AS raw_state FROM jd_raw_events;\n"
	"CREATE TEMP VIEW jd_out_tickets AS SELECT number, station, year, seq,"
	" CASE WHEN jd_masked() THEN '' ELSE check_code END AS check_code, day_date, position, voter,"
	" CASE WHEN jd_masked() THEN jd_mask_name(name) ELSE name END AS name,"
	" CASE WHEN jd_masked() THEN jd_mask_phone(phone) ELSE phone END AS phone,"
	" CASE WHEN jd_masked() THEN '' ELSE address END AS address, category, issue, deputy, status,"
	" unit, due_date, answer_method, answer_date, answer_text, rating, closed_at, closed_by,"
	" close_note, void_reason, CASE WHEN jd_masked() THEN '{}' ELSE extra END AS extra,"
	" created_at, updated_at FROM jd_raw_tickets;\n";

static const char ledger_views[] =
	"CREATE TEMP VIEW jd_raw_events AS SELECT e.id AS id, t.number AS ticket,"
	" d.station || ' ' || d.date AS day, e.subject AS subject, e.at AS at, e.kind AS kind,"
	" e.actor AS actor, e.login AS login, e.client AS client, e.status_from AS status_from,"
	" e.status_to AS status_to, e.unit AS unit, e.due_date AS due_date, e.method AS method,"
	" e.rating AS rating, e.text AS text, e.data AS data, e.state AS state, e.hash AS hash"
	" FROM main.events e LEFT JOIN main.tickets t ON t.id = e.ticket_id"
	" LEFT JOIN main.reception_days d ON d.id = e.day_id;\n"
	"CREATE TEMP VIEW jd_raw_tickets AS SELECT t.number AS number, t.station AS station,"
	" t.year AS year, t.seq AS seq, t.check_code AS check_code, d.date AS day_date,"
	" t.position AS position, (SELECT t3.number FROM main.tickets t3 WHERE t3.voter_id = t.voter_id"
	"  ORDER BY t3.station, t3.year, t3.seq LIMIT 1) AS voter, t.name AS name, t.phone AS phone,"
	" t.address AS address, t.category AS category, t.issue AS issue, t.deputy AS deputy,"
	" t.status AS status, t.unit AS unit, t.due_date AS due_date, t.answer_method AS answer_method,"
	" t.answer_date AS answer_date, t.answer_text AS answer_text, t.rating AS rating,"
	" t.closed_at AS closed_at, t.closed_by AS closed_by, t.close_note AS close_note,"
	" t.void_reason AS void_reason, json(t.extra) AS extra, t.created_at AS created_at,"
	" t.updated_at AS updated_at FROM main.tickets t LEFT JOIN main.reception_days d"
	" ON d.id = t.day_id;\n"
	"CREATE TEMP VIEW jd_raw_people AS SELECT name, role, active, created_at FROM main.deputies;\n";

static const char file_tables[] =
	"CREATE TABLE jd_lines(n INTEGER PRIMARY KEY, j TEXT NOT NULL);\n"
	"CREATE TABLE jd_raw_events(id INTEGER PRIMARY KEY, ticket, day, subject, at, kind, actor,"
	" login, client, status_from, status_to, unit, due_date, method, rating, text, data, state,"
	" hash);\n"
	"CREATE TABLE jd_raw_tickets(number TEXT PRIMARY KEY, station, year, seq, check_code,"
	" day_date, position, voter, name, phone, address, category, issue, deputy, status, unit,"
	" due_date, answer_method, answer_date, answer_text, rating, closed_at, closed_by,"
	" close_note, void_reason, extra, created_at, updated_at);\n"
	"CREATE TABLE jd_raw_people(name, role, active, created_at);\n";

/* The file's lines into the scratch tables (json_extract of objects gives their minified text). */
#define EV_FIELDS(src) \
	"json_extract(" src ", '$.at'), json_extract(" src ", '$.kind'), json_extract(" src ", '$.actor')," \
	" json_extract(" src ", '$.login'), json_extract(" src ", '$.client')," \
	" json_extract(" src ", '$.status_from'), json_extract(" src ", '$.status_to')," \
	" json_extract(" src ", '$.unit'), json_extract(" src ", '$.due_date')," \
	" json_extract(" src ", '$.method'), json_extract(" src ", '$.rating')," \
	" json_extract(" src ", '$.text'), coalesce(json_extract(" src ", '$.data'), '{}')," \
	" json_extract(" src ", '$.state'), json_extract(" src ", '$.hash')"
static const char file_fill[] =
	"INSERT INTO jd_raw_events SELECT json_extract(e.value, '$.id'), json_extract(l.j, '$.number'),"
	" NULL, NULL, " EV_FIELDS("e.value") " FROM jd_lines l, json_each(l.j, '$.events') e"
	" WHERE json_extract(l.j, '$.type') = 'ticket';\n"
	"INSERT INTO jd_raw_events SELECT json_extract(l.j, '$.id'), NULL, json_extract(l.j, '$.day'),"
	" json_extract(l.j, '$.subject'), " EV_FIELDS("l.j") " FROM jd_lines l"
	" WHERE json_extract(l.j, '$.type') = 'event';\n"
	"INSERT INTO jd_raw_tickets SELECT json_extract(j, '$.number'), json_extract(j, '$.station'),"
	" json_extract(j, '$.year'), json_extract(j, '$.seq'), json_extract(j, '$.check_code'),"
	" json_extract(j, '$.day_date'), json_extract(j, '$.position'), json_extract(j, '$.voter'),"
	" json_extract(j, '$.name'), json_extract(j, '$.phone'), json_extract(j, '$.address'),"
	" json_extract(j, '$.category'), json_extract(j, '$.issue'), json_extract(j, '$.deputy'),"
	" json_extract(j, '$.status'), json_extract(j, '$.unit'), json_extract(j, '$.due_date'),"
	" json_extract(j, '$.answer_method'), json_extract(j, '$.answer_date'),"
	" json_extract(j, '$.answer_text'), json_extract(j, '$.rating'), json_extract(j, '$.closed_at'),"
	" json_extract(j, '$.closed_by'), json_extract(j, '$.close_note'),"
	" json_extract(j, '$.void_reason'), json_extract(j, '$.extra'), json_extract(j, '$.created_at'),"
	" json_extract(j, '$.updated_at') FROM jd_lines WHERE json_extract(j, '$.type') = 'ticket';\n"
	"INSERT INTO jd_raw_people SELECT json_extract(j, '$.name'), json_extract(j, '$.role'),"
	" json_extract(j, '$.active'), json_extract(j, '$.created_at') FROM jd_lines"
	" WHERE json_extract(j, '$.type') = 'deputy';\n";

static int db_fail(sqlite3 *db, const char *what)
{
	error("%s: %s", what, sqlite3_errmsg(db));
	return STORE_IO;
}

static int exec_all(sqlite3 *db, const char *sql, const char *what)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK ? STORE_OK : db_fail(db, what);
}

/* One text value of a one-row query with up to two text parameters; NULL when none. */
static char *scalar_text(sqlite3 *db, const char *sql, const char *a, const char *b)
{
	sqlite3_stmt *st = NULL;
	char *v = NULL;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	if (a)
		sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	if (b)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return v;
}

/* A seal read from a column: a 32-byte blob (a ledger) or 64 hex digits (a file). */
static int column_hash(sqlite3_stmt *st, int i, unsigned char out[32])
{
	memset(out, 0, 32);
	if (sqlite3_column_type(st, i) == SQLITE_BLOB) {
		if (sqlite3_column_bytes(st, i) != 32)
			return -1;
		memcpy(out, sqlite3_column_blob(st, i), 32);
		return 0;
	}
	if (sqlite3_column_type(st, i) == SQLITE_TEXT) {
		const char *h = (const char *)sqlite3_column_text(st, i);

		if (strlen(h) != 64)
			return -1;
		for (int k = 0; k < 32; k++) {
			unsigned int b;

			if (sscanf(h + 2 * k, "%2x", &b) != 1)
				return -1;
			out[k] = (unsigned char)b;
		}
		return 0;
	}
	return -1;
}

static int setup(struct push_source *ps)
{
	sqlite3_create_function(ps->db, "jd_mask_name", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				fn_mask_name, NULL, NULL);
	sqlite3_create_function(ps->db, "jd_mask_phone", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
				fn_mask_phone, NULL, NULL);
	sqlite3_create_function(ps->db, "jd_masked", 0, SQLITE_UTF8, ps, fn_masked, NULL, NULL);
	sqlite3_exec(ps->db, "DROP VIEW IF EXISTS temp.jd_out_events; DROP VIEW IF EXISTS temp.jd_out_tickets",
		     NULL, NULL, NULL);
	return exec_all(ps->db, out_views, "push views");
}

/* The newest event, and the first ticket or day of another station. */
static int read_head(struct push_source *ps)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(ps->db, "SELECT id, hash FROM jd_raw_events ORDER BY id DESC LIMIT 1", -1,
			       &st, NULL) != SQLITE_OK)
		return db_fail(ps->db, "push");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		ps->events = sqlite3_column_int64(st, 0);
		column_hash(st, 1, ps->head);
	}
	sqlite3_finalize(st);
	ps->other = scalar_text(ps->db,
		"SELECT number FROM jd_raw_tickets WHERE station <> ?1 UNION ALL"
		" SELECT day FROM jd_raw_events WHERE day IS NOT NULL"
		"  AND substr(day, 1, instr(day, ' ') - 1) <> ?1 LIMIT 1", ps->code, NULL);
	return STORE_OK;
}

int push_source_ledger(struct store *s, struct push_source **out)
{
	struct push_source *ps = xcalloc(1, sizeof(*ps));
	char *personal, *practice;

	*out = NULL;
	ps->db = s->db;
	ps->store = s;
	ps->code = store_setting(s, "station_code");
	ps->name = store_setting(s, "station_name");
	personal = store_setting(s, "hub_personal");
	practice = store_setting(s, "practice");
	ps->masked = strcmp(personal, "full") != 0;
	ps->practice = !strcmp(practice, "yes");
	free(personal);
	free(practice);
	sqlite3_exec(ps->db, "DROP VIEW IF EXISTS temp.jd_raw_events; DROP VIEW IF EXISTS temp.jd_raw_tickets;"
		     " DROP VIEW IF EXISTS temp.jd_raw_people", NULL, NULL, NULL);
	if (exec_all(ps->db, ledger_views, "push views") != STORE_OK || setup(ps) != STORE_OK ||
	    read_head(ps) != STORE_OK) {
		push_source_free(ps);
		return STORE_IO;
	}
	*out = ps;
	return STORE_OK;
}

void push_source_free(struct push_source *ps)
{
	if (!ps)
		return;
	if (ps->store)
		sqlite3_exec(ps->db, "DROP VIEW IF EXISTS temp.jd_out_events; DROP VIEW IF EXISTS temp.jd_out_tickets;"
			     " DROP VIEW IF EXISTS temp.jd_raw_events; DROP VIEW IF EXISTS temp.jd_raw_tickets;"
			     " DROP VIEW IF EXISTS temp.jd_raw_people", NULL, NULL, NULL);
	else if (ps->db)
		sqlite3_close(ps->db);
	free(ps->code);
	free(ps->name);
	free(ps->other);
	free(ps);
}

/* The newest value the file's history recorded for a setting, or its default. */
static char *file_setting(struct push_source *ps, const char *key)
{
	char *v = scalar_text(ps->db,
		"SELECT json_extract(state, '$.value') FROM jd_raw_events WHERE kind = 'setting'"
		" AND subject = ?1 ORDER BY id DESC LIMIT 1", key, NULL);

	if (!v)
		for (const struct setting_info *k = store_settings_known(); k->key; k++)
			if (!strcmp(k->key, key))
				v = xstrdup(k->defval);
	return v ? v : xstrdup("");
}

__attribute__((format(printf, 2, 3)))
static int bad_file(const char *path, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	error(_("%s: %s; nothing was pushed"), path, msg);
	return STORE_REFUSED;
}

int push_source_file(const char *path, void (*progress)(const char *what, int64_t done, int64_t total),
		     struct push_source **out)
{
	struct push_source *ps = xcalloc(1, sizeof(*ps));
	sqlite3_stmt *ins = NULL, *st = NULL;
	FILE *f = NULL;
	char *line = NULL, *v, *last = NULL;
	size_t cap = 0;
	ssize_t len;
	long n = 0;
	int64_t done = 0, size = 0, end_tickets = -1, end_events = -1;
	struct stat sb;
	int r = STORE_IO;

	*out = NULL;
	f = fopen(path, "r");
	if (!f) {
		error_errno(_("cannot open '%s'"), path);
		goto fail;
	}
	if (fstat(fileno(f), &sb) == 0)
		size = (int64_t)sb.st_size;
	/* "": a private scratch file SQLite deletes on close, so a large export needs no memory. */
	if (sqlite3_open_v2("", &ps->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		error(_("cannot make a scratch database for '%s'"), path);
		goto fail;
	}
	if (exec_all(ps->db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN", "scratch") != STORE_OK ||
	    exec_all(ps->db, file_tables, "scratch") != STORE_OK)
		goto fail;
	if (sqlite3_prepare_v2(ps->db, "INSERT INTO jd_lines(n, j) VALUES(?1, ?2)", -1, &ins, NULL) != SQLITE_OK) {
		db_fail(ps->db, "scratch");
		goto fail;
	}
	while ((len = getline(&line, &cap, f)) >= 0) {
		n++;
		done += len;
		if (len && line[len - 1] == '\n')
			line[--len] = '\0';
		if (!len)
			continue;
		if (!u8_valid(line, (size_t)len)) {
			r = bad_file(path, _("line %ld is not valid UTF-8 text"), n);
			goto fail;
		}
		sqlite3_bind_int64(ins, 1, n);
		sqlite3_bind_text(ins, 2, line, (int)len, SQLITE_STATIC);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			db_fail(ps->db, "scratch");
			goto fail;
		}
		sqlite3_reset(ins);
		if (progress && n % 2048 == 0)
			progress(_("Reading the export"), done, size);
	}
	if (progress)
		progress(_("Reading the export"), size, size);
	if (n == 0) {
		r = bad_file(path, _("the file is empty"));
		goto fail;
	}
	if (scalar_text(ps->db, "SELECT n FROM jd_lines WHERE NOT json_valid(j) LIMIT 1", NULL, NULL)) {
		v = scalar_text(ps->db, "SELECT n FROM jd_lines WHERE NOT json_valid(j) LIMIT 1", NULL, NULL);
		r = bad_file(path, _("line %s is not a JSON object (the file is damaged or cut short)"), v);
		free(v);
		goto fail;
	}
	v = scalar_text(ps->db, "SELECT json_extract(j, '$.format') || ' ' || json_extract(j, '$.version')"
			" FROM jd_lines ORDER BY n LIMIT 1", NULL, NULL);
	if (!v || strncmp(v, EXPORT_FORMAT " ", strlen(EXPORT_FORMAT) + 1)) {
		free(v);
		r = bad_file(path, _("this is not a jiedai ledger export (it should begin with its header line)"));
		goto fail;
	}
	if (atoi(v + strlen(EXPORT_FORMAT) + 1) < 2) {
		free(v);
		r = bad_file(path, _("the export was made by an older jiedai (format version 1), without the seals of its history; export it again with this jiedai"));
		goto fail;
	}
	if (atoi(v + strlen(EXPORT_FORMAT) + 1) > EXPORT_VERSION) {
		free(v);
		r = bad_file(path, _("the export was made by a newer jiedai; upgrade jiedai first"));
		goto fail;
	}
	free(v);
	ps->code = scalar_text(ps->db, "SELECT json_extract(j, '$.station') FROM jd_lines ORDER BY n LIMIT 1",
			       NULL, NULL);
	last = scalar_text(ps->db, "SELECT json_extract(j, '$.type') FROM jd_lines ORDER BY n DESC LIMIT 1",
			   NULL, NULL);
	if (!last || strcmp(last, "end")) {
		r = bad_file(path, _("the file ends without the export's last line: it was cut short"));
		goto fail;
	}
	if (sqlite3_prepare_v2(ps->db, "SELECT json_extract(j, '$.tickets'), json_extract(j, '$.events')"
			       " FROM jd_lines ORDER BY n DESC LIMIT 1", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		end_tickets = sqlite3_column_int64(st, 0);
		end_events = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	st = NULL;
	if (exec_all(ps->db, file_fill, "scratch") != STORE_OK)
		goto fail;
	if (sqlite3_prepare_v2(ps->db, "SELECT (SELECT count(*) FROM jd_raw_tickets),"
			       " (SELECT count(*) FROM jd_raw_events), (SELECT min(id) FROM jd_raw_events),"
			       " (SELECT max(id) FROM jd_raw_events)", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW) {
		db_fail(ps->db, "scratch");
		goto fail;
	}
	if (sqlite3_column_int64(st, 0) != end_tickets || sqlite3_column_int64(st, 1) != end_events ||
	    (end_events > 0 && (sqlite3_column_int64(st, 2) != 1 ||
				sqlite3_column_int64(st, 3) != end_events))) {
		r = bad_file(path, _("its history is incomplete (records missing or numbered twice): the file was damaged or altered"));
		goto fail;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (!ps->code || !*ps->code) {
		r = bad_file(path, _("the header does not name the station"));
		goto fail;
	}
	exec_all(ps->db, "COMMIT", "scratch");
	ps->name = file_setting(ps, "station_name");
	v = file_setting(ps, "hub_personal");
	ps->masked = strcmp(v, "full") != 0;
	free(v);
	v = file_setting(ps, "practice");
	ps->practice = !strcmp(v, "yes");
	free(v);
	if (setup(ps) != STORE_OK || read_head(ps) != STORE_OK)
		goto fail;
	sqlite3_finalize(ins);
	free(line);
	free(last);
	fclose(f);
	*out = ps;
	return STORE_OK;
fail:
	sqlite3_finalize(ins);
	sqlite3_finalize(st);
	free(line);
	free(last);
	if (f)
		fclose(f);
	push_source_free(ps);
	return r;
}

int push_source_info(struct push_source *ps, struct push_info *info)
{
	info->code = ps->code;
	info->name = ps->name;
	info->masked = ps->masked;
	info->practice = ps->practice;
	info->events = ps->events;
	memcpy(info->head, ps->head, 32);
	info->other = ps->other;
	return STORE_OK;
}

int push_source_event(struct push_source *ps, int64_t id, struct hub_event_info *out)
{
	sqlite3_stmt *st = NULL;
	int r = -1;

	memset(out, 0, sizeof(*out));
	if (sqlite3_prepare_v2(ps->db, "SELECT hash, kind, coalesce(ticket, ''), at FROM jd_raw_events WHERE id = ?1",
			       -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW && column_hash(st, 0, out->hash) == 0) {
		snprintf(out->kind, sizeof(out->kind), "%s", sqlite3_column_text(st, 1));
		snprintf(out->ticket, sizeof(out->ticket), "%s", sqlite3_column_text(st, 2));
		snprintf(out->at, sizeof(out->at), "%s", sqlite3_column_text(st, 3));
		r = 0;
	}
	sqlite3_finalize(st);
	return r;
}

#define EVENT_COLS \
	"id, ticket, day, subject, at, kind, actor, login, client, status_from, status_to, unit," \
	" due_date, method, rating, text, data, state, hash"

/* A record's report line when it does not match its seal. */
static void broken_line(struct strbuf *report, int64_t id, const char *kind, const char *ticket, const char *at)
{
	if (ticket)
		strbuf_addf(report, _("record %lld (%s of ticket %s, %s) does not match its seal: it was changed after it was written\n"),
			    (long long)id, kind, ticket, at);
	else
		strbuf_addf(report, _("record %lld (%s, %s) does not match its seal: it was changed after it was written\n"),
			    (long long)id, kind, at);
}

int push_source_send_events(struct push_source *ps, struct hub *h, int64_t from, int64_t to,
			    struct strbuf *report, int *broken, void (*tick)(int64_t done, int64_t total))
{
	sqlite3_stmt *st = NULL;
	unsigned char prev[32], seal[32], stored[32];
	int64_t done = 0, total = to - from + 1;
	int have_prev = 0, r = HUB_OK, rc = SQLITE_DONE;

	*broken = 0;
	if (from > to)
		return HUB_OK;
	if (sqlite3_exec(ps->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(ps->db, "push"), HUB_IO;
	/* The record before from too, for the seal the first one chains from. */
	if (sqlite3_prepare_v2(ps->db, "SELECT " EVENT_COLS ", raw_data, raw_state,"
			       " data IS NOT raw_data OR state IS NOT raw_state FROM jd_out_events"
			       " WHERE id BETWEEN ?1 AND ?2 ORDER BY id", -1, &st, NULL) != SQLITE_OK) {
		db_fail(ps->db, "push");
		r = HUB_IO;
		goto out;
	}
	sqlite3_bind_int64(st, 1, from > 1 ? from - 1 : 1);
	sqlite3_bind_int64(st, 2, to);
	while (r == HUB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		struct chain_event c;
		const char *f[18];
		char ids[24];

		for (int i = 1; i < 18; i++)
			f[i] = (const char *)sqlite3_column_text(st, i);
		if (column_hash(st, 18, stored) < 0)
			memset(stored, 0xff, 32);
		if (id < from) {
			memcpy(prev, stored, 32);
			have_prev = 1;
			continue;
		}
		/* The seal is over the record as the ledger holds it, before any masking. */
		memset(&c, 0, sizeof(c));
		c.id = id;
		c.ticket = f[1];
		c.day = f[2];
		c.subject = f[3];
		c.at = f[4];
		c.kind = f[5];
		c.actor = f[6];
		c.login = f[7];
		c.client = f[8];
		c.status_from = f[9];
		c.status_to = f[10];
		c.unit = f[11];
		c.due_date = f[12];
		c.method = f[13];
		c.rating = f[14];
		c.text = f[15];
		c.data = (const char *)sqlite3_column_text(st, 19);
		c.state = (const char *)sqlite3_column_text(st, 20);
		chain_hash(have_prev ? prev : NULL, &c, seal);
		if (memcmp(seal, stored, 32)) {
			(*broken)++;
			broken_line(report, id, f[5], f[1], f[4]);
		}
		memcpy(prev, stored, 32);
		have_prev = 1;
		/* After a broken one, only checked: the push will not be kept. */
		if (!*broken) {
			snprintf(ids, sizeof(ids), "%lld", (long long)id);
			f[0] = ids;
			r = hub_push_event(h, f, stored, sqlite3_column_int(st, 21));
		}
		if (tick && ++done % 4096 == 0)
			tick(done, total);
	}
	sqlite3_finalize(st);
	st = NULL;
	if (r == HUB_OK && rc != SQLITE_DONE) {
		db_fail(ps->db, "push");
		r = HUB_IO;
	}
	if (r == HUB_OK && *broken)
		r = HUB_REFUSED;
	if (r == HUB_OK && tick)
		tick(total, total);
out:
	sqlite3_finalize(st);
	sqlite3_exec(ps->db, "COMMIT", NULL, NULL, NULL);
	return r;
}

/* The 28 fields of a ticket row, in hub.h's order, from column 0 on. */
#define TICKET_OUT_COLS \
	"number, station, year, seq, check_code, day_date, position, voter, name, phone, address," \
	" category, issue, deputy, status, unit, due_date, answer_method, answer_date, answer_text," \
	" rating, closed_at, closed_by, close_note, void_reason, extra, created_at, updated_at"

static void row_fields(sqlite3_stmt *st, const char *f[HUB_ROW_FIELDS])
{
	for (int i = 0; i < HUB_ROW_FIELDS; i++)
		f[i] = (const char *)sqlite3_column_text(st, i);
}

int push_source_send_rows(struct push_source *ps, struct hub *h, int64_t from, int64_t to,
			  unsigned char rows_xor[32])
{
	sqlite3_stmt *st = NULL;
	int r = HUB_OK, rc = SQLITE_DONE;

	if (sqlite3_exec(ps->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(ps->db, "push"), HUB_IO;
	/*
	 * The voter's key of every ticket those events touch (the hub derives
	 * the rest of the row from the events); every row is digested on the
	 * way, in the same read, for the sum the hub checks.
	 */
	if (sqlite3_prepare_v2(ps->db, "SELECT " TICKET_OUT_COLS ", number IN (SELECT ticket FROM jd_raw_events"
			       " WHERE id BETWEEN ?1 AND ?2 AND ticket IS NOT NULL) FROM jd_out_tickets",
			       -1, &st, NULL) != SQLITE_OK) {
		db_fail(ps->db, "push");
		r = HUB_IO;
		goto out;
	}
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, to);
	memset(rows_xor, 0, 32);
	while (r == HUB_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *f[HUB_ROW_FIELDS];
		unsigned char d[32];

		row_fields(st, f);
		hub_row_digest(f, d);
		for (int i = 0; i < 32; i++)
			rows_xor[i] ^= d[i];
		if (sqlite3_column_int(st, HUB_ROW_FIELDS))
			r = hub_push_voter(h, f[0], f[7]);
	}
	sqlite3_finalize(st);
	st = NULL;
	if (r == HUB_OK && rc != SQLITE_DONE) {
		db_fail(ps->db, "push");
		r = HUB_IO;
	}
out:
	sqlite3_finalize(st);
	sqlite3_exec(ps->db, "COMMIT", NULL, NULL, NULL);
	return r;
}

int push_source_rows_xor(struct push_source *ps, unsigned char out[32])
{
	sqlite3_stmt *st = NULL;
	int rc;

	memset(out, 0, 32);
	if (sqlite3_prepare_v2(ps->db, "SELECT " TICKET_OUT_COLS " FROM jd_out_tickets", -1, &st, NULL) != SQLITE_OK)
		return db_fail(ps->db, "push");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *f[HUB_ROW_FIELDS];
		unsigned char d[32];

		row_fields(st, f);
		hub_row_digest(f, d);
		for (int i = 0; i < 32; i++)
			out[i] ^= d[i];
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? STORE_OK : db_fail(ps->db, "push");
}

/* ---- naming the rows that differ ---- */

struct digest_pair {
	char *number;
	unsigned char d[32];
	int touched;		/* by events the hub does not have yet: it may differ */
};

struct diff {
	struct digest_pair *mine;
	size_t n;
	struct strbuf *report;
	struct push_source *ps;
	int named;
};

static int cmp_pair(const void *a, const void *b)
{
	return strcmp(((const struct digest_pair *)a)->number, ((const struct digest_pair *)b)->number);
}

/* Why ticket number's row differs: the ledger's own check of it, or a plain line. */
static void explain(struct diff *df, const char *number)
{
	struct strbuf why = STRBUF_INIT;
	char *id = NULL;

	if (df->ps->store)
		id = scalar_text(df->ps->db, "SELECT id FROM main.tickets WHERE number = ?1", number, NULL);
	if (id && store_check_ticket_range(df->ps->store, atoll(id), 0, &why) > 0)
		strbuf_add(df->report, why.buf, why.len);
	else
		strbuf_addf(df->report, _("ticket %s: its row differs from the hub's copy of its history\n"), number);
	free(id);
	strbuf_release(&why);
	df->named++;
}

static int hub_digest(const char *number, const unsigned char digest[32], void *arg)
{
	struct diff *df = arg;
	struct digest_pair key = { (char *)number, { 0 }, 0 };
	struct digest_pair *p = bsearch(&key, df->mine, df->n, sizeof(*df->mine), cmp_pair);

	if (!p) {
		strbuf_addf(df->report, _("ticket %s is at the hub but no longer in the ledger\n"), number);
		df->named++;
	} else if (!p->touched && memcmp(p->d, digest, 32)) {
		explain(df, number);
	}
	return df->named >= 20;
}

int push_source_diff_rows(struct push_source *ps, struct hub *h, int64_t from, struct strbuf *report)
{
	struct diff df = { NULL, 0, report, ps, 0 };
	sqlite3_stmt *st = NULL;
	int r = -1;

	if (sqlite3_prepare_v2(ps->db, "SELECT " TICKET_OUT_COLS ", number IN (SELECT ticket FROM jd_raw_events"
			       " WHERE id >= ?1 AND ticket IS NOT NULL) FROM jd_out_tickets", -1, &st, NULL) != SQLITE_OK)
		return db_fail(ps->db, "push"), -1;
	sqlite3_bind_int64(st, 1, from);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *f[HUB_ROW_FIELDS];

		row_fields(st, f);
		df.mine = xreallocarray(df.mine, df.n + 1, sizeof(*df.mine));
		df.mine[df.n].number = xstrdup(f[0]);
		df.mine[df.n].touched = sqlite3_column_int(st, HUB_ROW_FIELDS);
		hub_row_digest(f, df.mine[df.n].d);
		df.n++;
	}
	sqlite3_finalize(st);
	if (df.n)
		qsort(df.mine, df.n, sizeof(*df.mine), cmp_pair);
	if (hub_ticket_digests(h, ps->code, hub_digest, &df) == HUB_OK)
		r = df.named;
	for (size_t i = 0; i < df.n; i++)
		free(df.mine[i].number);
	free(df.mine);
	return r;
}

/* ---- the hub's copy as the chain's witness ---- */

int push_source_first_difference(struct push_source *ps, struct hub *h, const char *code, int64_t upto,
				 int64_t *first)
{
	struct hub_event_info mine, theirs;
	int64_t lo, hi;

	*first = 0;
	if (upto < 1)
		return 0;
	if (hub_event_at(h, code, upto, &theirs) != HUB_OK)
		return -1;
	if (push_source_event(ps, upto, &mine) == 0 && !memcmp(mine.hash, theirs.hash, 32))
		return 0;
	/*
	 * Each seal chains every record before it: the first record whose seal
	 * differs is found by halving, with a look-up at the hub for each step.
	 */
	if (hub_event_at(h, code, 1, &theirs) != HUB_OK)
		return -1;
	if (push_source_event(ps, 1, &mine) < 0 || memcmp(mine.hash, theirs.hash, 32)) {
		*first = 1;
		return 1;
	}
	lo = 1;
	hi = upto;
	while (hi - lo > 1) {
		int64_t mid = lo + (hi - lo) / 2;

		if (hub_event_at(h, code, mid, &theirs) != HUB_OK)
			return -1;
		if (push_source_event(ps, mid, &mine) == 0 && !memcmp(mine.hash, theirs.hash, 32))
			lo = mid;
		else
			hi = mid;
	}
	*first = hi;
	return 1;
}

char *push_event_label(const struct hub_event_info *e)
{
	if (*e->ticket)
		return xasprintf(_("%s of ticket %s, %s"), e->kind, e->ticket, e->at);
	return xasprintf("%s, %s", e->kind, e->at);
}
