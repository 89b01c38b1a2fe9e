/*
 * store-recover.c — a ledger SQLite finds damaged: what can still be read
 * of it (`jiedai check`), and a new ledger made of that (`jiedai recover`).
 *
 * Reading around damage.  A table is read in rowid order; where a read
 * meets a damaged page (SQLITE_CORRUPT), the reader looks for the first
 * rowid a read can start from again — doubling a step past the last row
 * read until a read gets through, then halving back — and goes on from
 * there, so only the rows on the damaged pages are lost.  A table without
 * rowids (the settings …) is read forwards and backwards by its key.  This
 * does what SQLite's own `.recover` does for the ledger's tables, without
 * the sqlite_dbpage table it needs, which Debian's SQLite does not have.
 *
 * The new ledger.  Nothing is written to the damaged file.  What could be
 * read is copied into a scratch database beside the new ledger's
 * connection, then the new ledger is made from it in one batch, as `jiedai
 * check` will see it:
 *  - settings, logins, deputies, reception days, voters and the unit
 *    directory as they stood, each with an event of its own in the new
 *    ledger's chain (the old ledger's events about them go, as data, into
 *    the one "recover" event that ends the batch);
 *  - a ticket whose history can be read whole and leads to its row keeps
 *    that history, event by event, in the order it happened (re-sealed in
 *    the new chain); one whose row was lost is rebuilt from its history;
 *  - a ticket whose history can be read only in part keeps its row, as an
 *    "import" snapshot event that carries the records that could be read;
 *  - a number whose ticket was lost altogether stays on the ledger, void,
 *    with a reason that says so: numbers never vanish.
 */
#include "store.h"

#include <limits.h>
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
#include "xmalloc.h"

/* The tables a ledger's records live in. */
static const struct table {
	const char *name;
	const char *label;	/* N_(): for people */
	const char *asc, *desc;	/* a table without rowid: its key in order and in reverse; NULL: by rowid */
} tables[] = {
	{ "settings", N_("settings"), "key", "key DESC" },
	{ "deputies", N_("deputies and staff"), NULL, NULL },
	{ "users", N_("logins"), NULL, NULL },
	{ "reception_days", N_("reception days"), NULL, NULL },
	{ "day_deputies", N_("the deputies present on each day"), "day_id, deputy_id",
	  "day_id DESC, deputy_id DESC" },
	{ "voters", N_("voters"), NULL, NULL },
	{ "counters", N_("numbers given out"), "station, year", "station DESC, year DESC" },
	{ "tickets", N_("tickets"), NULL, NULL },
	{ "events", N_("the history of every step (办理记录)"), NULL, NULL },
	{ "units", N_("the unit directory"), NULL, NULL },
	{ "unit_names", N_("the names of units"), "name", "name DESC" },
	{ "stations", N_("stations"), "code", "code DESC" },
};
#define NTABLES (sizeof(tables) / sizeof(tables[0]))

static const struct table *table_named(const char *name)
{
	for (size_t i = 0; i < NTABLES; i++)
		if (!strcmp(tables[i].name, name))
			return &tables[i];
	return NULL;
}

/* A read that met damage (not a lock, a full disk …, which are errors of their own). */
static int is_damage(int rc)
{
	rc &= 0xff;
	return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB;
}

/* ---- reading around damage ---- */

struct salvage {
	sqlite3 *db;
	const struct table *t;
	/* Each row read, its columns those of SELECT * (and the rowid after them); 0 goes on. */
	int (*row)(void *arg, sqlite3_stmt *st);
	void *arg;
	int64_t rows;		/* rows read */
	int64_t gaps;		/* damaged stretches gone round */
};

/* 1 when a read of the table from rowid `from` on gets past the pages it meets, 0 when one is damaged, -1 on another error. */
static int reads_from(struct salvage *sv, sqlite3_stmt *probe, sqlite3_int64 from)
{
	int rc;

	sqlite3_reset(probe);
	sqlite3_bind_int64(probe, 1, from);
	rc = sqlite3_step(probe);
	sqlite3_reset(probe);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return 1;
	if (is_damage(rc))
		return 0;
	error(_("cannot read the ledger's %s: %s"), sv->t->name, sqlite3_errstr(rc));
	return -1;
}

static int salvage_by_rowid(struct salvage *sv)
{
	char *sql = sqlite3_mprintf("SELECT *, rowid FROM main.\"%w\" WHERE rowid >= ?1 ORDER BY rowid", sv->t->name);
	char *psql = sqlite3_mprintf("SELECT rowid FROM main.\"%w\" WHERE rowid >= ?1 ORDER BY rowid LIMIT 1",
				     sv->t->name);
	sqlite3_stmt *st = NULL, *probe = NULL;
	sqlite3_int64 from = LLONG_MIN;
	int rc, r = 0;

	if (sqlite3_prepare_v2(sv->db, sql, -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(sv->db, psql, -1, &probe, NULL) != SQLITE_OK) {
		rc = sqlite3_errcode(sv->db);
		if (is_damage(rc)) {
			sv->gaps++;	/* the table of contents itself: nothing of it can be read */
		} else {
			error(_("cannot read the ledger's %s: %s"), sv->t->name, sqlite3_errmsg(sv->db));
			r = -1;
		}
		goto out;
	}
	for (;;) {
		int ncol = sqlite3_column_count(st);
		sqlite3_int64 lo, d, a, b;
		int found = 0;

		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, from);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			sqlite3_int64 id = sqlite3_column_int64(st, ncol - 1);

			sv->rows++;
			if (sv->row && sv->row(sv->arg, st) < 0) {
				r = -1;
				goto out;
			}
			if (id == LLONG_MAX)
				goto out;
			from = id + 1;
		}
		if (rc == SQLITE_DONE)
			break;
		if (!is_damage(rc)) {
			error(_("cannot read the ledger's %s: %s"), sv->t->name, sqlite3_errstr(rc));
			r = -1;
			break;
		}
		sv->gaps++;
		/* Where can a read start again?  Step past the damage by doubling, then halve back. */
		lo = from;
		for (d = 1; d > 0 && d <= (LLONG_MAX >> 1) && lo <= LLONG_MAX - d; d <<= 1) {
			int k = reads_from(sv, probe, lo + d);

			if (k < 0) {
				r = -1;
				goto out;
			}
			if (k) {
				found = 1;
				break;
			}
		}
		if (!found)
			break;	/* nothing past the damage can be reached */
		a = d == 1 ? lo : lo + d / 2;	/* fails (lo itself did) */
		b = lo + d;			/* reads */
		while (b - a > 1) {
			sqlite3_int64 m = a + (b - a) / 2;
			int k = reads_from(sv, probe, m);

			if (k < 0) {
				r = -1;
				goto out;
			}
			if (k)
				b = m;
			else
				a = m;
		}
		from = b;
	}
out:
	sqlite3_finalize(st);
	sqlite3_finalize(probe);
	sqlite3_free(sql);
	sqlite3_free(psql);
	return r;
}

/* A table without rowids: from its first key on, then from its last key back, each until damage. */
static int salvage_by_key(struct salvage *sv)
{
	for (int pass = 0; pass < 2; pass++) {
		char *sql = sqlite3_mprintf("SELECT * FROM main.\"%w\" ORDER BY %s", sv->t->name,
					    pass ? sv->t->desc : sv->t->asc);
		sqlite3_stmt *st = NULL;
		int rc = sqlite3_prepare_v2(sv->db, sql, -1, &st, NULL);

		sqlite3_free(sql);
		if (rc != SQLITE_OK) {
			rc = sqlite3_errcode(sv->db);
			sqlite3_finalize(st);
			if (is_damage(rc)) {
				sv->gaps++;
				return 0;
			}
			return error(_("cannot read the ledger's %s: %s"), sv->t->name, sqlite3_errmsg(sv->db));
		}
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			sv->rows++;
			if (sv->row && sv->row(sv->arg, st) < 0) {
				sqlite3_finalize(st);
				return -1;
			}
		}
		sqlite3_finalize(st);
		if (rc == SQLITE_DONE)
			return 0;	/* read to its end: nothing to read backwards */
		if (!is_damage(rc))
			return error(_("cannot read the ledger's %s: %s"), sv->t->name, sqlite3_errstr(rc));
		sv->gaps++;
	}
	return 0;
}

static int salvage(struct salvage *sv)
{
	return sv->t->asc ? salvage_by_key(sv) : salvage_by_rowid(sv);
}

/* ---- what check says of a damaged ledger ---- */

/* One number from a query, or -1 when it cannot be read. */
static int64_t one_number(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int64_t v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

struct highest {
	int64_t max;
};

static int note_highest(void *arg, sqlite3_stmt *st)
{
	struct highest *h = arg;
	int64_t id = sqlite3_column_int64(st, sqlite3_column_count(st) - 1);

	if (id > h->max)
		h->max = id;
	return 0;
}

static int sum_counters(void *arg, sqlite3_stmt *st)
{
	int64_t *n = arg;

	*n += sqlite3_column_int64(st, 2);	/* station, year, seq */
	return 0;
}

/*
 * What each damaged page belonged to, from SQLite's own page map (the dbstat
 * table, when this SQLite has it): "pages" gets one line per table or index.
 */
static void damaged_pages(struct store *s, struct strbuf *report)
{
	static const char sql[] =
		"SELECT d.name, m.type, m.tbl_name, group_concat(d.pageno, ', ') FROM dbstat d"
		" LEFT JOIN sqlite_schema m ON m.name = d.name WHERE d.pagetype = 'corrupted'"
		" GROUP BY d.name ORDER BY min(d.pageno)";
	sqlite3_stmt *st = NULL;

	if (!sqlite3_compileoption_used("ENABLE_DBSTAT_VTAB") ||
	    sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		return;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		const char *type = (const char *)sqlite3_column_text(st, 1);
		const char *tbl = (const char *)sqlite3_column_text(st, 2);
		const char *pages = (const char *)sqlite3_column_text(st, 3);
		const struct table *t = name ? table_named(name) : NULL;

		if (!name || !pages)
			continue;
		if (t)
			strbuf_addf(report, _("  the table %s (%s): page %s is damaged\n"), name, _(t->label), pages);
		else if (type && !strcmp(type, "index"))
			strbuf_addf(report, _("  the index %s of the table %s: page %s is damaged (an index is rebuilt from its table; nothing is lost)\n"),
				    name, tbl ? tbl : "?", pages);
		else if (!strncmp(name, "tickets_fts", 11))
			strbuf_addf(report, _("  the search index (%s): page %s is damaged (it is rebuilt from the tickets; nothing is lost)\n"),
				    name, pages);
		else
			strbuf_addf(report, _("  %s: page %s is damaged\n"), name, pages);
	}
	sqlite3_finalize(st);
}

int store_damage(struct store *s, struct strbuf *report, struct damage *d)
{
	struct highest ev = { -1 };
	int64_t given = 0;
	struct salvage sv;

	memset(d, 0, sizeof(*d));
	d->tickets_given = d->events_last = -1;
	store_phase_begin(s, _("Reading what can still be read of the damaged ledger"));
	damaged_pages(s, report);
	for (size_t i = 0; i < NTABLES; i++) {
		memset(&sv, 0, sizeof(sv));
		sv.db = s->db;
		sv.t = &tables[i];
		if (!strcmp(tables[i].name, "events")) {
			sv.row = note_highest;
			sv.arg = &ev;
		} else if (!strcmp(tables[i].name, "counters")) {
			sv.row = sum_counters;
			sv.arg = &given;
		}
		if (salvage(&sv) < 0) {
			store_phase_end(s);
			return STORE_IO;
		}
		if (!strcmp(tables[i].name, "tickets"))
			d->tickets_read = sv.rows;
		if (!strcmp(tables[i].name, "events"))
			d->events_read = sv.rows;
		if (!strcmp(tables[i].name, "counters") && !sv.gaps)
			d->tickets_given = given;
		if (sv.gaps) {
			d->tables_damaged++;
			strbuf_addf(report, _("  the table %s (%s) cannot be read whole: %lld rows were read around the damage\n"),
				    tables[i].name, _(tables[i].label), (long long)sv.rows);
		}
	}
	store_phase_end(s);
	d->events_last = ev.max;
	/* When the counters were damaged, the highest number read still says how many at least. */
	if (d->tickets_given < 0) {
		int64_t n = one_number(s->db, "SELECT sum(m) FROM (SELECT max(seq) AS m FROM tickets GROUP BY station, year)");

		if (n >= 0)
			d->tickets_given = n;
	}
	return STORE_OK;
}

/* ---- the new ledger ---- */

/* Copy each row read into the scratch table (rec.TABLE), as read. */
struct copy {
	sqlite3_stmt *ins;
	int ncol;
};

static int copy_row(void *arg, sqlite3_stmt *st)
{
	struct copy *c = arg;
	int rc;

	sqlite3_reset(c->ins);
	for (int i = 0; i < c->ncol; i++)
		sqlite3_bind_value(c->ins, i + 1, sqlite3_column_value(st, i));
	rc = sqlite3_step(c->ins);
	sqlite3_reset(c->ins);
	return rc == SQLITE_DONE || rc == SQLITE_CONSTRAINT ? 0 : -1;
}

/*
 * Make rec.TABLE with src's columns of the table (read from its schema), and
 * copy what can be read.  STORE_OK; STORE_REFUSED when its schema cannot be
 * read at all; STORE_IO.
 */
static int read_table(struct store *s, sqlite3 *src, const struct table *t, struct recover_stats *stats)
{
	struct strbuf cols = STRBUF_INIT, sql = STRBUF_INIT, marks = STRBUF_INIT;
	char *info = sqlite3_mprintf("PRAGMA main.table_info(\"%w\")", t->name);
	struct salvage sv;
	struct copy c = { NULL, 0 };
	sqlite3_stmt *st = NULL;
	int r = STORE_IO;

	if (sqlite3_prepare_v2(src, info, -1, &st, NULL) != SQLITE_OK) {
		error(_("the ledger's table of contents is damaged (SQLite says: %s): nothing of it can be read; restore the latest good backup"),
		      sqlite3_errmsg(src));
		r = STORE_REFUSED;
		goto out;
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		strbuf_addf(&cols, "%s\"%s\"", c.ncol ? ", " : "", (const char *)sqlite3_column_text(st, 1));
		strbuf_addf(&marks, "%s?", c.ncol ? ", " : "");
		c.ncol++;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (!c.ncol) {
		/* Not even its columns can be read: the ledger's table of contents is damaged. */
		error(_("the ledger's table of contents is damaged: its table %s cannot be found; restore the latest good backup"), t->name);
		r = STORE_REFUSED;
		goto out;
	}
	strbuf_addf(&sql, "CREATE TABLE rec.\"%s\"(%s);", t->name, cols.buf);
	if (t->asc)
		strbuf_addf(&sql, "CREATE UNIQUE INDEX rec.\"%s_key\" ON \"%s\"(%s);", t->name, t->name, t->asc);
	if (sqlite3_exec(s->db, sql.buf, NULL, NULL, NULL) != SQLITE_OK) {
		store_fail(s, sqlite3_errcode(s->db), "recover");
		goto out;
	}
	strbuf_reset(&sql);
	strbuf_addf(&sql, "INSERT OR IGNORE INTO rec.\"%s\" VALUES(%s)", t->name, marks.buf);
	if (sqlite3_prepare_v2(s->db, sql.buf, -1, &c.ins, NULL) != SQLITE_OK) {
		store_fail(s, sqlite3_errcode(s->db), "recover");
		goto out;
	}
	memset(&sv, 0, sizeof(sv));
	sv.db = src;
	sv.t = t;
	sv.row = copy_row;
	sv.arg = &c;
	if (salvage(&sv) < 0)
		goto out;
	if (!strcmp(t->name, "tickets"))
		stats->tickets_read = sv.rows;
	if (!strcmp(t->name, "events"))
		stats->events_read = sv.rows;
	if (sv.gaps)
		stats->tables_damaged++;
	r = STORE_OK;
out:
	sqlite3_finalize(st);
	sqlite3_finalize(c.ins);
	sqlite3_free(info);
	strbuf_release(&cols);
	strbuf_release(&sql);
	strbuf_release(&marks);
	return r;
}

/* Run SQL on the new ledger's connection; STORE_OK or an error reported. */
static int run(struct store *s, const char *sql)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return store_fail(s, sqlite3_errcode(s->db), "recover");
	return STORE_OK;
}

/* The settings, station code and number format first (the numbers below are given under them). */
static int recover_settings(struct store *s, const struct actor *who)
{
	static const char sql[] =
		"SELECT key, value FROM rec.settings ORDER BY key <> 'station_code', key <> 'number_format', key";
	sqlite3_stmt *st = NULL;
	int rc, r = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, sqlite3_errcode(s->db), "recover");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(st, 0);
		const char *value = (const char *)sqlite3_column_text(st, 1);
		int k;

		if (!key || !value)
			continue;
		k = store_setting_set(s, key, value, who);
		if (k == STORE_REFUSED)
			warning(_("the setting %s could not be taken over as it was; set it again with jiedai config"), key);
		else if (k != STORE_OK) {
			r = k;
			break;
		}
	}
	sqlite3_finalize(st);
	return r;
}

static int recover_users(struct store *s, const struct actor *who)
{
	static const char sql[] =
		"SELECT u.login, d.name, u.role FROM rec.users u JOIN rec.deputies d ON d.id = u.deputy_id"
		" ORDER BY u.login";
	sqlite3_stmt *st = NULL;
	int rc, r = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, sqlite3_errcode(s->db), "recover");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *login = (const char *)sqlite3_column_text(st, 0);
		const char *name = (const char *)sqlite3_column_text(st, 1);
		const char *role_s = (const char *)sqlite3_column_text(st, 2);
		enum role role;

		if (!login || !name || !role_s || role_parse(role_s, &role) < 0)
			continue;
		r = store_user_set(s, login, name, role, who);
		if (r != STORE_OK)
			break;
	}
	sqlite3_finalize(st);
	return r;
}

/* Each unit as it stood, with its event. */
static int recover_units(struct store *s, const struct actor *who)
{
	static const char copy[] =
		"INSERT OR IGNORE INTO main.units(id, name, contact, phone, merged_into, created_at)"
		" SELECT id, name, contact, phone, NULL, created_at FROM rec.units"
		" WHERE typeof(id) = 'integer' AND coalesce(name, '') <> '' AND created_at IS NOT NULL;"
		"UPDATE main.units SET merged_into = (SELECT r.merged_into FROM rec.units r WHERE r.id = units.id"
		" AND r.merged_into IN (SELECT id FROM main.units));"
		"INSERT OR IGNORE INTO main.unit_names(name, unit_id) SELECT name, unit_id FROM rec.unit_names"
		" WHERE unit_id IN (SELECT id FROM main.units);"
		"INSERT OR IGNORE INTO main.unit_names(name, unit_id) SELECT name, id FROM main.units;";
	sqlite3_stmt *st = NULL;
	int rc, r = run(s, copy);

	if (r != STORE_OK)
		return r;
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM main.units ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, sqlite3_errcode(s->db), "recover");
	while (r == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		r = store_unit_record(s, sqlite3_column_int64(st, 0), "unit-add", who,
				      _("recovered from a damaged ledger"));
	sqlite3_finalize(st);
	return r;
}

/*
 * The reception day of station on date: found, or made (closed, under its
 * old id when it is free, so the deputies present can follow) when the
 * damage took it.  0 on error.
 */
static int64_t day_of(struct store *s, const char *station, const char *date, int64_t old_id)
{
	static const char find[] = "SELECT id FROM main.reception_days WHERE station = ?1 AND date = ?2";
	static const char make[] =
		"INSERT INTO main.reception_days(id, station, date, opened_at, closed_at) VALUES(CASE WHEN ?3 > 0"
		" AND NOT EXISTS (SELECT 1 FROM main.reception_days WHERE id = ?3) THEN ?3 END, ?1, ?2,"
		" ?2 || ' 00:00:00', ?2 || ' 00:00:00')";
	sqlite3_stmt *st = store_stmt(s, find);
	int64_t id = 0;
	int r = STORE_OK;

	if (!st)
		return 0;
	sqlite3_bind_text(st, 1, station, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, date, -1, SQLITE_TRANSIENT);
	if (store_row(s, st, "day", &r))
		id = sqlite3_column_int64(st, 0);
	store_done(st);
	if (id || r != STORE_OK)
		return id;
	st = store_stmt(s, make);
	if (!st)
		return 0;
	sqlite3_bind_text(st, 1, station, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, date, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 3, old_id);
	if (store_exec_stmt(s, st, "day") != STORE_OK)
		return 0;
	return sqlite3_last_insert_rowid(s->db);
}

/*
 * The voter of a ticket: voter_id when the ledger has it; for a ticket whose
 * row was lost, the voter of the same name and phone (a voter's later
 * tickets repeat them); else a voter made from the ticket.  0 on error.
 */
static int64_t voter_of(struct store *s, int64_t voter_id, const struct ticket *t)
{
	static const char find[] = "SELECT 1 FROM main.voters WHERE id = ?1";
	static const char same[] =
		"SELECT id FROM main.voters WHERE name = ?1 AND phone = ?2 AND ?2 <> '' ORDER BY id LIMIT 1";
	static const char make[] =
		"INSERT INTO main.voters(name, phone, address, created_at) VALUES(?1, ?2, ?3, ?4)";
	sqlite3_stmt *st;
	int r = STORE_OK, have = 0;

	if (voter_id) {
		st = store_stmt(s, find);
		if (!st)
			return 0;
		sqlite3_bind_int64(st, 1, voter_id);
		have = store_row(s, st, "voter", &r);
		store_done(st);
		if (have)
			return voter_id;
		if (r != STORE_OK)
			return 0;
	} else {
		st = store_stmt(s, same);
		if (!st)
			return 0;
		store_bind_text(st, 1, t->name ? t->name : "");
		store_bind_text(st, 2, t->phone ? t->phone : "");
		if (store_row(s, st, "voter", &r))
			voter_id = sqlite3_column_int64(st, 0);
		store_done(st);
		if (voter_id)
			return voter_id;
		if (r != STORE_OK)
			return 0;
	}
	st = store_stmt(s, make);
	if (!st)
		return 0;
	store_bind_text(st, 1, t->name ? t->name : "");
	store_bind_text(st, 2, t->phone ? t->phone : "");
	store_bind_text(st, 3, t->address ? t->address : "");
	store_bind_text(st, 4, t->created_at ? t->created_at : "");
	if (store_exec_stmt(s, st, "voter") != STORE_OK)
		return 0;
	return sqlite3_last_insert_rowid(s->db);
}

/*
 * Put ticket t into the new ledger under id.  STORE_OK; STORE_REFUSED when
 * its values break a rule of the table (what a damaged page made of it),
 * with nothing written and nothing said; else an error.
 */
static int put_ticket(struct store *s, int64_t id, const struct ticket *t, int64_t voter_hint)
{
	static const char ins[] =
		"INSERT INTO main.tickets(id, station, year, seq, number, check_code, day_id, position, voter_id,"
		" name, phone, address, category, issue, deputy, status, unit, due_date, answer_method,"
		" answer_date, answer_text, rating, closed_at, closed_by, close_note, void_reason, extra,"
		" created_at, updated_at, follow_deputy) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
		" ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30)";
	const char *text[] = {
		t->name, t->phone, t->address, t->category, t->issue, t->deputy, ticket_status_name(t->status),
		t->unit, t->due_date, t->answer_method, t->answer_date, t->answer_text, t->rating, t->closed_at,
		t->closed_by, t->close_note, t->void_reason, t->extra ? t->extra : "{}", t->created_at,
		t->updated_at, t->follow_deputy ? t->follow_deputy : "",
	};
	int64_t day = 0, voter;
	sqlite3_stmt *st;
	int rc;

	if (!t->number || !t->station || !t->check_code || !t->name || !t->category || !t->issue ||
	    !t->created_at || !t->updated_at || !ticket_number_agrees(t->number, t->station, t->year, t->seq))
		return STORE_REFUSED;
	if (t->day_date && !(day = day_of(s, t->station, t->day_date, t->day_id)))
		return STORE_IO;
	voter = voter_of(s, voter_hint, t);
	if (!voter)
		return STORE_IO;
	st = store_stmt(s, ins);
	if (!st)
		return STORE_IO;
	sqlite3_bind_int64(st, 1, id);
	store_bind_text(st, 2, t->station);
	sqlite3_bind_int(st, 3, t->year);
	sqlite3_bind_int64(st, 4, t->seq);
	store_bind_text(st, 5, t->number);
	store_bind_text(st, 6, t->check_code);
	if (day)
		sqlite3_bind_int64(st, 7, day);
	if (day && t->position > 0)
		sqlite3_bind_int(st, 8, t->position);
	sqlite3_bind_int64(st, 9, voter);
	for (size_t i = 0; i < sizeof(text) / sizeof(text[0]); i++)
		store_bind_text(st, 10 + (int)i, text[i]);
	rc = sqlite3_step(st);
	store_done(st);
	if (rc == SQLITE_DONE)
		return STORE_OK;
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		return STORE_REFUSED;
	return store_fail(s, rc, "recover");
}

/* An event read whole: what the events table requires of it (else it is kept only as data). */
#define EVENT_SOUND \
	"typeof(e.at) = 'text' AND typeof(e.kind) = 'text' AND typeof(e.actor) = 'text'" \
	" AND json_valid(e.data) AND (e.state IS NULL OR json_valid(e.state))"

/* How each ticket came back (the scratch table rec.plan). */
enum way {
	WAY_WHOLE = 1,		/* row and history, the history leading to the row */
	WAY_HISTORY = 2,	/* the row lost, rebuilt from its whole history */
	WAY_ROW = 3,		/* the history in part: the row, with what could be read of the history */
	WAY_PART = 4,		/* row lost and history in part: as far as the history goes */
};

/* The ticket of rec.tickets with this id (1), none (0), or -1 after an error. */
static int read_row(struct store *s, sqlite3_stmt *rows, int64_t id, struct ticket *t, int64_t *voter)
{
	int rc;

	sqlite3_reset(rows);
	sqlite3_bind_int64(rows, 1, id);
	rc = sqlite3_step(rows);
	if (rc == SQLITE_ROW) {
		store_ticket_from_row(rows, t);
		*voter = sqlite3_column_int64(rows, 9);
	}
	sqlite3_reset(rows);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	store_fail(s, rc, "recover");
	return -1;
}

static int recover_tickets(struct store *s, struct recover_stats *stats)
{
	static const char plan_sql[] =
		"CREATE TABLE rec.plan(id INTEGER PRIMARY KEY, way INTEGER NOT NULL);"
		"CREATE TABLE rec.ids AS SELECT id FROM rec.tickets WHERE typeof(id) = 'integer'"
		" UNION SELECT ticket_id FROM rec.events WHERE typeof(ticket_id) = 'integer' ORDER BY 1;";
	static const char rows_sql[] =
		STORE_TICKET_SELECT " FROM rec.tickets t LEFT JOIN rec.reception_days d ON d.id = t.day_id"
		" WHERE t.id = ?1";
	static const char events_sql[] =
		STORE_REPLAY_EVENT_SELECT " FROM rec.events e WHERE e.ticket_id = ?1 AND " EVENT_SOUND
		" ORDER BY e.id";
	sqlite3_stmt *ids = NULL, *rows = NULL, *evs = NULL, *plan = NULL;
	int rc, r = run(s, plan_sql);

	if (r != STORE_OK)
		return r;
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM rec.ids", -1, &ids, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, rows_sql, -1, &rows, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, events_sql, -1, &evs, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(s->db, "INSERT INTO rec.plan(id, way) VALUES(?1, ?2)", -1, &plan, NULL) != SQLITE_OK) {
		r = store_fail(s, sqlite3_errcode(s->db), "recover");
		goto out;
	}
	while (r == STORE_OK && (rc = sqlite3_step(ids)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(ids, 0), voter = 0, n = 0;
		struct ticket row, rep;
		int have_row, whole, way = 0;

		memset(&row, 0, sizeof(row));
		have_row = read_row(s, rows, id, &row, &voter);
		if (have_row < 0) {
			r = STORE_IO;
			break;
		}
		sqlite3_reset(evs);
		sqlite3_bind_int64(evs, 1, id);
		whole = store_replay_events(s, evs, &rep, &n);
		sqlite3_reset(evs);
		if (whole < 0) {
			ticket_release(&row);
			r = STORE_IO;
			break;
		}
		whole = whole && n > 0 && rep.number;
		/* A row whose reception day the damage took: its history still says which day it was. */
		if (have_row && row.day_id && !row.day_date && rep.day_date)
			row.day_date = xstrdup(rep.day_date);
		rep.day_id = row.day_id;
		if (have_row && whole) {
			const char *a, *b;

			way = replay_compare(&row, &rep, &a, &b) ? WAY_ROW : WAY_WHOLE;
		} else if (whole) {
			way = WAY_HISTORY;
		} else if (have_row) {
			way = WAY_ROW;
		} else if (rep.number) {
			way = WAY_PART;
		}
		if (way) {
			int k = put_ticket(s, id, way == WAY_WHOLE || way == WAY_ROW ? &row : &rep, voter);

			/* A row a damaged page garbled: its history may still say what it was. */
			if (k == STORE_REFUSED && (way == WAY_WHOLE || way == WAY_ROW) && rep.number) {
				way = whole ? WAY_HISTORY : WAY_PART;
				k = put_ticket(s, id, &rep, voter);
			}
			if (k == STORE_REFUSED)
				way = 0;
			else if (k != STORE_OK)
				r = k;
		}
		if (r == STORE_OK && way) {
			sqlite3_reset(plan);
			sqlite3_bind_int64(plan, 1, id);
			sqlite3_bind_int(plan, 2, way);
			if (sqlite3_step(plan) != SQLITE_DONE)
				r = store_fail(s, sqlite3_errcode(s->db), "recover");
			sqlite3_reset(plan);
			if (way == WAY_WHOLE)
				stats->tickets_whole++;
			else if (way == WAY_HISTORY)
				stats->tickets_from_history++;
			else
				stats->tickets_in_part++;
		}
		ticket_release(&row);
		ticket_release(&rep);
	}
out:
	sqlite3_finalize(ids);
	sqlite3_finalize(rows);
	sqlite3_finalize(evs);
	sqlite3_finalize(plan);
	return r;
}

/* The histories read whole, event by event in the order they happened, re-sealed in the new chain. */
static int recover_histories(struct store *s)
{
	static const char sql[] =
		"SELECT e.ticket_id, t.number, e.at, e.kind, e.actor, e.login, e.client, e.status_from, e.status_to,"
		" e.unit, e.due_date, e.method, e.rating, e.text, e.data, e.state FROM rec.events e"
		" JOIN rec.plan p ON p.id = e.ticket_id JOIN main.tickets t ON t.id = e.ticket_id"
		" WHERE p.way IN (1, 2) AND " EVENT_SOUND " ORDER BY e.id";
	sqlite3_stmt *st = NULL;
	int rc, r = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, sqlite3_errcode(s->db), "recover");
	while (r == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct actor who;
		struct event_rec e;
		const char *v[16];

		for (int i = 1; i < 16; i++)
			v[i] = (const char *)sqlite3_column_text(st, i);
		who.name = v[4] ? v[4] : "";
		who.login = v[5] ? v[5] : "";
		who.client = v[6] ? v[6] : "";
		memset(&e, 0, sizeof(e));
		e.ticket_id = sqlite3_column_int64(st, 0);
		e.ticket = v[1];
		e.at = v[2];
		e.kind = v[3] ? v[3] : "";
		e.who = &who;
		e.status_from = v[7];
		e.status_to = v[8];
		e.unit = v[9];
		e.due_date = v[10];
		e.method = v[11];
		e.rating = v[12];
		e.text = v[13];
		e.data = v[14];
		e.state = v[15];
		r = store_event_append(s, &e, NULL);
	}
	sqlite3_finalize(st);
	return r;
}

/* The records of the old history a query by ticket id (?1) gives, as a JSON array (caller frees). */
#define OLD_EVENTS(where) \
	"SELECT json_group_array(json_object('id', id, 'at', at, 'kind', kind, 'actor', actor," \
	" 'login', login, 'client', client, 'status_from', status_from, 'status_to', status_to," \
	" 'unit', unit, 'due_date', due_date, 'method', method, 'rating', rating, 'text', text," \
	" 'data', CASE WHEN json_valid(data) THEN json(data) ELSE data END," \
	" 'state', CASE WHEN json_valid(state) THEN json(state) ELSE state END," \
	" 'hash', hex(hash))) FROM (SELECT * FROM rec.events WHERE " where " ORDER BY id)"

/* A snapshot event of ticket id as it now stands in the new ledger, with data. */
static int snapshot(struct store *s, int64_t id, const struct actor *who, const char *text, const char *data)
{
	struct event_rec e;
	char *snap = store_ticket_snapshot(s, id);
	char *number = NULL;
	sqlite3_stmt *st = store_stmt(s, "SELECT number FROM main.tickets WHERE id = ?1");
	int r = STORE_OK;

	if (!snap || !st) {
		free(snap);
		return STORE_IO;
	}
	sqlite3_bind_int64(st, 1, id);
	if (store_row(s, st, "ticket", &r))
		number = store_col_str(st, 0);
	store_done(st);
	if (r == STORE_OK) {
		memset(&e, 0, sizeof(e));
		e.ticket_id = id;
		e.ticket = number;
		e.kind = "import";
		e.who = who;
		e.text = text;
		e.data = data;
		e.state = snap;
		r = store_event_append(s, &e, NULL);
	}
	free(number);
	free(snap);
	return r;
}

/* The tickets whose history could be read only in part: their row, with the records read. */
static int recover_in_part(struct store *s, const char *from, const struct actor *who)
{
	static const char sql[] =
		"SELECT p.id, json_object('recovered_from', ?1, 'events', json((" OLD_EVENTS("ticket_id = p.id") ")))"
		" FROM rec.plan p WHERE p.way IN (3, 4) ORDER BY p.id";
	sqlite3_stmt *st = NULL;
	int rc, r = STORE_OK;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, sqlite3_errcode(s->db), "recover");
	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	while (r == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		r = snapshot(s, sqlite3_column_int64(st, 0), who,
			     _("recovered from a damaged ledger: its history could be read only in part; the records that could be read are kept with this one"),
			     (const char *)sqlite3_column_text(st, 1));
	sqlite3_finalize(st);
	return r;
}

/*
 * Every number lost with its ticket stays on the ledger, void: for each
 * station and year, from 1 to the highest number given (the counters that
 * could be read, or the highest ticket).
 */
static int recover_lost(struct store *s, const char *from, const struct actor *who, struct recover_stats *stats)
{
	static const char years[] =
		"SELECT station, year, max(seq) FROM (SELECT station, year, seq FROM main.tickets UNION ALL"
		" SELECT station, year, seq FROM rec.counters WHERE typeof(seq) = 'integer' AND typeof(year) = 'integer'"
		" AND station IS NOT NULL) GROUP BY station, year ORDER BY station, year";
	static const char have[] = "SELECT 1 FROM main.tickets WHERE station = ?1 AND year = ?2 AND seq = ?3";
	/* The ticket registered just before it (numbers are given in order), or just after. */
	static const char when[] =
		"SELECT coalesce((SELECT created_at FROM main.tickets WHERE station = ?1 AND year = ?2 AND seq < ?3"
		" ORDER BY seq DESC LIMIT 1), (SELECT created_at FROM main.tickets WHERE station = ?1 AND year = ?2"
		" AND seq > ?3 ORDER BY seq LIMIT 1), printf('%04d-01-01 00:00:00', ?2))";
	sqlite3_stmt *ys = NULL;
	char *fmt = store_setting(s, "number_format"), now[CLOCK_STAMP_LEN], today[CLOCK_DATE_LEN];
	struct strbuf data = STRBUF_INIT;
	char *reason;
	int rc, r = STORE_OK;

	clock_stamp(now);
	clock_today(today);
	strbuf_adds(&data, "{\"recovered_from\":");
	strbuf_add_json(&data, from);
	strbuf_addch(&data, '}');
	reason = xasprintf(_("lost when the ledger was damaged (recovered on %s): the number is kept, void"), today);
	if (sqlite3_prepare_v2(s->db, years, -1, &ys, NULL) != SQLITE_OK) {
		r = store_fail(s, sqlite3_errcode(s->db), "recover");
		goto out;
	}
	while (r == STORE_OK && (rc = sqlite3_step(ys)) == SQLITE_ROW) {
		const char *station = (const char *)sqlite3_column_text(ys, 0);
		int year = sqlite3_column_int(ys, 1);
		int64_t top = sqlite3_column_int64(ys, 2);

		if (!station || top > TICKET_SEQ_MAX)
			continue;
		for (int64_t seq = 1; seq <= top && r == STORE_OK; seq++) {
			sqlite3_stmt *st = store_stmt(s, have);
			struct ticket t;
			char code[CHECK_CODE_LEN + 1], *created = NULL;
			int there = 0;
			int64_t id;

			if (!st) {
				r = STORE_IO;
				break;
			}
			sqlite3_bind_text(st, 1, station, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int(st, 2, year);
			sqlite3_bind_int64(st, 3, seq);
			there = store_row(s, st, "ticket", &r);
			store_done(st);
			if (there || r != STORE_OK)
				continue;
			st = store_stmt(s, when);
			if (!st) {
				r = STORE_IO;
				break;
			}
			sqlite3_bind_text(st, 1, station, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int(st, 2, year);
			sqlite3_bind_int64(st, 3, seq);
			if (store_row(s, st, "ticket", &r))
				created = store_col_str(st, 0);
			store_done(st);
			if (r != STORE_OK)
				break;
			ticket_make_check_code(code);
			memset(&t, 0, sizeof(t));
			t.number = ticket_format_number(fmt, station, year, seq);
			t.station = (char *)station;
			t.year = year;
			t.seq = seq;
			t.check_code = code;
			t.name = (char *)_("(lost)");
			t.phone = t.address = t.deputy = t.unit = (char *)"";
			t.answer_method = t.answer_text = t.rating = t.closed_by = t.close_note = (char *)"";
			t.category = (char *)_("(lost)");
			t.issue = (char *)_("this ticket was lost when the ledger was damaged");
			t.status = TS_VOID;
			t.void_reason = reason;
			t.created_at = created;
			t.updated_at = now;
			if (strcmp(now, created) < 0)
				t.updated_at = created;
			id = 1 + one_number(s->db, "SELECT coalesce(max(id), 0) FROM main.tickets");
			r = put_ticket(s, id, &t, 0);
			if (r == STORE_REFUSED)
				r = STORE_OK;	/* the format gives a number another ticket has: leave it */
			else if (r == STORE_OK)
				r = snapshot(s, id, who, reason, data.buf);
			if (r == STORE_OK)
				stats->tickets_lost++;
			free(t.number);
			free(created);
		}
	}
out:
	sqlite3_finalize(ys);
	free(fmt);
	strbuf_release(&data);
	free(reason);
	return r;
}

/* The counters, the days' voters and each day as it now stands, with its event. */
static int recover_days(struct store *s, const struct actor *who)
{
	static const char fix[] =
		"INSERT INTO main.counters(station, year, seq) SELECT station, year, max(seq) FROM main.tickets"
		" GROUP BY station, year;"
		"INSERT OR IGNORE INTO main.day_deputies(day_id, deputy_id) SELECT day_id, deputy_id"
		" FROM rec.day_deputies WHERE day_id IN (SELECT id FROM main.reception_days)"
		" AND deputy_id IN (SELECT id FROM main.deputies);"
		"UPDATE main.reception_days SET visitors = coalesce((SELECT max(position) FROM main.tickets t"
		" WHERE t.day_id = reception_days.id), 0);";
	sqlite3_stmt *st = NULL;
	int rc, r = run(s, fix);

	if (r != STORE_OK)
		return r;
	if (sqlite3_prepare_v2(s->db, "SELECT id FROM main.reception_days ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, sqlite3_errcode(s->db), "recover");
	while (r == STORE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
		r = store_day_record(s, sqlite3_column_int64(st, 0), "import", who,
				     _("recovered from a damaged ledger"), 0);
	sqlite3_finalize(st);
	return r;
}

/* The event that says what was recovered, carrying the old ledger's own events and what fits nowhere. */
static int recover_event(struct store *s, const char *from, const struct actor *who,
			 const struct recover_stats *stats)
{
	static const char sql[] =
		"SELECT json_object('recovered_from', ?1, 'ledger_events', json((" OLD_EVENTS("ticket_id IS NULL") ")),"
		" 'events_without_ticket', json((" OLD_EVENTS("ticket_id IS NOT NULL AND ticket_id NOT IN"
		" (SELECT id FROM rec.plan WHERE way IN (1, 2, 3, 4))") ")))";
	struct strbuf text = STRBUF_INIT;
	struct event_rec e;
	sqlite3_stmt *st = NULL;
	int r;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, sqlite3_errcode(s->db), "recover");
	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		r = store_fail(s, sqlite3_errcode(s->db), "recover");
		sqlite3_finalize(st);
		return r;
	}
	strbuf_addf(&text, _("recovered from the damaged ledger %s: %lld tickets whole, %lld rebuilt from their history, %lld with part of their history, %lld lost (kept void); %lld of its history records read"),
		    from, (long long)stats->tickets_whole, (long long)stats->tickets_from_history,
		    (long long)stats->tickets_in_part, (long long)stats->tickets_lost, (long long)stats->events_read);
	memset(&e, 0, sizeof(e));
	e.kind = "recover";
	e.subject = "ledger";
	e.who = who;
	e.text = text.buf;
	e.data = (const char *)sqlite3_column_text(st, 0);
	r = store_event_append(s, &e, NULL);
	sqlite3_finalize(st);
	strbuf_release(&text);
	return r;
}

int store_recover(struct store *s, const char *from, const struct actor *who, struct recover_stats *stats)
{
	sqlite3 *src = NULL;
	char *real_from = NULL, *real_to = NULL;
	int64_t used;
	int r = STORE_IO, rc, attached = 0;

	memset(stats, 0, sizeof(*stats));
	used = one_number(s->db, "SELECT (SELECT count(*) FROM tickets) + (SELECT count(*) FROM reception_days)"
			  " + (SELECT count(*) FROM events)");
	if (used != 0) {
		error(_("recover makes a new ledger: give --db the name of a file that does not exist yet"));
		return STORE_REFUSED;
	}
	real_from = realpath(from, NULL);
	real_to = realpath(s->path, NULL);
	if (!real_from) {
		error_errno(_("cannot read '%s'"), from);
		r = STORE_REFUSED;
		goto out;
	}
	if (real_to && !strcmp(real_from, real_to)) {
		error(_("recover reads the damaged ledger and writes a new one: give --db another file"));
		r = STORE_REFUSED;
		goto out;
	}
	/* Read only: nothing is ever written to the damaged file. */
	rc = sqlite3_open_v2(from, &src, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK)
		sqlite3_busy_timeout(src, 10000);
	if (rc == SQLITE_OK) {
		int64_t app = one_number(src, "PRAGMA application_id");
		int64_t version = one_number(src, "PRAGMA user_version");

		if (app != STORE_APPLICATION_ID || version != store_schema_version()) {
			error(_("'%s' is not a ledger of this jiedai (schema %d) that can be read: restore the latest good backup"),
			      from, store_schema_version());
			r = STORE_REFUSED;
			goto out;
		}
	} else {
		error(_("cannot open '%s': %s"), from, sqlite3_errstr(rc));
		goto out;
	}
	/* A scratch database beside the new ledger, on disk, removed when the connection closes. */
	if (run(s, "ATTACH '' AS rec") != STORE_OK)
		goto out;
	attached = 1;
	store_phase_begin(s, _("Reading what can still be read of the damaged ledger"));
	for (size_t i = 0; i < NTABLES; i++)
		if ((r = read_table(s, src, &tables[i], stats)) != STORE_OK) {
			store_phase_end(s);
			goto out;
		}
	r = STORE_IO;
	store_phase_end(s);
	sqlite3_close(src);
	src = NULL;
	/* What the rebuild looks up: each record by id, each ticket's history in order. */
	if (run(s, "CREATE INDEX rec.tickets_id ON tickets(id); CREATE INDEX rec.events_ticket ON events(ticket_id, id);"
		" CREATE INDEX rec.days_id ON reception_days(id); CREATE INDEX rec.deputies_id ON deputies(id);") != STORE_OK)
		goto out;

	r = store_batch_begin(s);
	if (r != STORE_OK)
		goto out;
	r = recover_settings(s, who);
	if (r == STORE_OK)
		r = run(s, "INSERT OR IGNORE INTO main.deputies(id, name, role, phone, active, created_at)"
			" SELECT id, name, 'deputy', coalesce(phone, ''), coalesce(active, 1), created_at"
			" FROM rec.deputies WHERE typeof(id) = 'integer' AND coalesce(name, '') <> ''"
			" AND created_at IS NOT NULL ORDER BY id;"
			"INSERT OR IGNORE INTO main.voters(id, name, phone, address, created_at)"
			" SELECT id, name, coalesce(phone, ''), coalesce(address, ''), created_at FROM rec.voters"
			" WHERE typeof(id) = 'integer' AND name IS NOT NULL AND created_at IS NOT NULL;"
			"INSERT OR IGNORE INTO main.reception_days(id, station, date, place, opened_at, opened_by,"
			" closed_at, closed_by, visitors) SELECT id, station, date, coalesce(place, ''), opened_at,"
			" coalesce(opened_by, ''), closed_at, closed_by, 0 FROM rec.reception_days"
			" WHERE typeof(id) = 'integer' AND station IS NOT NULL AND date IS NOT NULL"
			" AND opened_at IS NOT NULL;"
			"INSERT OR IGNORE INTO main.day_deputies(day_id, deputy_id) SELECT day_id, deputy_id"
			" FROM rec.day_deputies WHERE day_id IN (SELECT id FROM main.reception_days)"
			" AND deputy_id IN (SELECT id FROM main.deputies);"
			"INSERT OR IGNORE INTO main.stations(code, name) SELECT code, coalesce(name, '')"
			" FROM rec.stations WHERE code IS NOT NULL;");
	if (r == STORE_OK)
		r = recover_users(s, who);
	/* The rest writes events itself: one step of the batch (store_setting_set() and store_user_set() are steps of their own). */
	if (r == STORE_OK)
		r = store_begin(s);
	if (r == STORE_OK) {
		r = recover_units(s, who);
		if (r == STORE_OK)
			r = recover_tickets(s, stats);
		if (r == STORE_OK)
			r = recover_histories(s);
		if (r == STORE_OK)
			r = recover_in_part(s, real_from, who);
		if (r == STORE_OK)
			r = recover_lost(s, real_from, who, stats);
		if (r == STORE_OK)
			r = recover_days(s, who);
		if (r == STORE_OK)
			r = recover_event(s, real_from, who, stats);
		if (r == STORE_OK)
			r = store_commit(s);
		else
			store_rollback(s);
	}
	{
		int end = store_batch_end(s, r == STORE_OK);

		if (r == STORE_OK)
			r = end;
	}
out:
	sqlite3_close(src);
	if (attached)
		sqlite3_exec(s->db, "DETACH rec", NULL, NULL, NULL);
	free(real_from);
	free(real_to);
	return r;
}
