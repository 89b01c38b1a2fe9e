/*
 * store.c — opening the ledger database, migrations, transactions and the
 * statement cache.  See store.h for what must stay true.
 *
 * Migrations are a list of SQL scripts; PRAGMA user_version says how many
 * have run.  They are applied together in one BEGIN IMMEDIATE transaction at
 * open, so a database is never left half-upgraded, and two programs opening
 * an old database at once do not both upgrade it.
 */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "i18n.h"
#include "paths.h"
#include "workdays.h"
#include "store-internal.h"
#include "store-write.h"
#include "xmalloc.h"

/*
 * A migration: SQL, then (optionally) work in C in the same transaction,
 * such as building an index with a progress bar.
 */
struct migration {
	const char *sql;
	int (*after)(struct store *s);
};

static int exec(struct store *s, const char *sql, const char *what);

/*
 * Migration 6's column, added when the ledger lacks it.  The C work of the
 * earlier migrations (3: sealing the history, which replays every ticket)
 * runs today's code, which reads it: migrate() adds it before them too.
 */
static int follow_column(struct store *s)
{
	sqlite3_stmt *st = NULL;
	int have = 0;

	if (sqlite3_prepare_v2(s->db, "SELECT 1 FROM pragma_table_info('tickets') WHERE name = 'follow_deputy'",
			       -1, &st, NULL) != SQLITE_OK)
		return store_fail(s, sqlite3_errcode(s->db), "migration");
	have = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	if (have)
		return STORE_OK;
	return exec(s, "ALTER TABLE tickets ADD COLUMN follow_deputy TEXT NOT NULL DEFAULT '';", "migration");
}

static const struct migration migrations[] = {
	/* 1: the ledger. */
	{ "CREATE TABLE settings(\n"
	"  key TEXT PRIMARY KEY,\n"
	"  value TEXT NOT NULL\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE deputies(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL UNIQUE,\n"
	"  role TEXT NOT NULL DEFAULT 'deputy' CHECK(role IN ('deputy','staff','head')),\n"
	"  phone TEXT NOT NULL DEFAULT '',\n"
	"  active INTEGER NOT NULL DEFAULT 1,\n"
	"  created_at TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE users(\n"
	"  login TEXT PRIMARY KEY,\n"
	"  deputy_id INTEGER NOT NULL REFERENCES deputies(id),\n"
	"  role TEXT NOT NULL CHECK(role IN ('deputy','staff','head')),\n"
	"  created_at TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE reception_days(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  station TEXT NOT NULL,\n"
	"  date TEXT NOT NULL,\n"
	"  place TEXT NOT NULL DEFAULT '',\n"
	"  opened_at TEXT NOT NULL,\n"
	"  opened_by TEXT NOT NULL DEFAULT '',\n"
	"  closed_at TEXT,\n"
	"  closed_by TEXT,\n"
	"  visitors INTEGER NOT NULL DEFAULT 0,\n"
	"  UNIQUE(station, date)\n"
	");\n"
	"CREATE TABLE day_deputies(\n"
	"  day_id INTEGER NOT NULL REFERENCES reception_days(id),\n"
	"  deputy_id INTEGER NOT NULL REFERENCES deputies(id),\n"
	"  PRIMARY KEY(day_id, deputy_id)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE voters(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL,\n"
	"  phone TEXT NOT NULL DEFAULT '',\n"
	"  address TEXT NOT NULL DEFAULT '',\n"
	"  created_at TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX voters_phone ON voters(phone) WHERE phone <> '';\n"
	"CREATE TABLE counters(\n"
	"  station TEXT NOT NULL,\n"
	"  year INTEGER NOT NULL,\n"
	"  seq INTEGER NOT NULL,\n"
	"  PRIMARY KEY(station, year)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE tickets(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  station TEXT NOT NULL,\n"
	"  year INTEGER NOT NULL,\n"
	"  seq INTEGER NOT NULL,\n"
	"  number TEXT NOT NULL UNIQUE COLLATE NOCASE,\n"
	"  check_code TEXT NOT NULL,\n"
	"  day_id INTEGER REFERENCES reception_days(id),\n"
	"  position INTEGER,\n"
	"  voter_id INTEGER NOT NULL REFERENCES voters(id),\n"
	"  name TEXT NOT NULL,\n"
	"  phone TEXT NOT NULL DEFAULT '',\n"
	"  address TEXT NOT NULL DEFAULT '',\n"
	"  category TEXT NOT NULL,\n"
	"  issue TEXT NOT NULL,\n"
	"  deputy TEXT NOT NULL DEFAULT '',\n"
	"  status TEXT NOT NULL DEFAULT 'registered'\n"
	"    CHECK(status IN ('registered','assigned','answered','ready','closed','void')),\n"
	"  unit TEXT NOT NULL DEFAULT '',\n"
	"  due_date TEXT,\n"
	"  answer_method TEXT NOT NULL DEFAULT '',\n"
	"  answer_date TEXT,\n"
	"  answer_text TEXT NOT NULL DEFAULT '',\n"
	"  rating TEXT NOT NULL DEFAULT '',\n"
	"  closed_at TEXT,\n"
	"  closed_by TEXT NOT NULL DEFAULT '',\n"
	"  close_note TEXT NOT NULL DEFAULT '',\n"
	"  void_reason TEXT NOT NULL DEFAULT '',\n"
	"  extra TEXT NOT NULL DEFAULT '{}' CHECK(json_valid(extra)),\n"
	"  created_at TEXT NOT NULL,\n"
	"  updated_at TEXT NOT NULL,\n"
	"  UNIQUE(station, year, seq)\n"
	");\n"
	"CREATE INDEX tickets_status ON tickets(status, due_date);\n"
	"CREATE INDEX tickets_voter ON tickets(voter_id);\n"
	"CREATE INDEX tickets_phone ON tickets(phone);\n"
	"CREATE INDEX tickets_created ON tickets(created_at);\n"
	"CREATE INDEX tickets_category ON tickets(category);\n"
	"CREATE INDEX tickets_day ON tickets(day_id);\n"
	"CREATE TABLE events(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  ticket_id INTEGER NOT NULL REFERENCES tickets(id),\n"
	"  at TEXT NOT NULL,\n"
	"  kind TEXT NOT NULL,\n"
	"  actor TEXT NOT NULL,\n"
	"  login TEXT NOT NULL DEFAULT '',\n"
	"  client TEXT NOT NULL DEFAULT '',\n"
	"  status_from TEXT,\n"
	"  status_to TEXT,\n"
	"  unit TEXT,\n"
	"  due_date TEXT,\n"
	"  method TEXT,\n"
	"  rating TEXT,\n"
	"  text TEXT,\n"
	"  data TEXT NOT NULL DEFAULT '{}' CHECK(json_valid(data))\n"
	");\n"
	"CREATE INDEX events_ticket ON events(ticket_id, id);\n"
	"CREATE TRIGGER events_no_update BEFORE UPDATE ON events\n"
	"  BEGIN SELECT RAISE(ABORT, 'ticket events are append-only'); END;\n"
	"CREATE TRIGGER events_no_delete BEFORE DELETE ON events\n"
	"  BEGIN SELECT RAISE(ABORT, 'ticket events are append-only'); END;\n"
	"CREATE TRIGGER tickets_no_delete BEFORE DELETE ON tickets\n"
	"  BEGIN SELECT RAISE(ABORT, 'tickets are never deleted: void them with a reason'); END;\n"
	"CREATE TRIGGER tickets_number_fixed\n"
	"  BEFORE UPDATE OF station, year, seq, number, check_code ON tickets\n"
	"  BEGIN SELECT RAISE(ABORT, 'ledger numbers never change'); END;\n"
	"CREATE TABLE drafts(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  login TEXT NOT NULL,\n"
	"  form TEXT NOT NULL,\n"
	"  ticket TEXT,\n"
	"  saved_at TEXT NOT NULL,\n"
	"  data TEXT NOT NULL CHECK(json_valid(data))\n"
	");\n"
	"CREATE INDEX drafts_login ON drafts(login);\n", NULL },
	/*
	 * 2: the search index (store-fts.c, fts.h), and counts per state.
	 * The index reads the ticket columns LIKE searches, the phone
	 * without its dashes, through a view so that 'rebuild' indexes
	 * exactly what the triggers do.  Tickets are never deleted, so there
	 * is no delete trigger; updates of other columns (the life cycle)
	 * leave the index alone.
	 */
	{ "CREATE VIEW tickets_fts_source AS\n"
	"  SELECT id, number, name, replace(phone, '-', '') AS phone, issue, address FROM tickets;\n"
	"CREATE VIRTUAL TABLE tickets_fts USING fts5(number, name, phone, issue, address,\n"
	"  content='tickets_fts_source', content_rowid='id', columnsize=0, tokenize='jiedai');\n"
	STORE_FTS_INSERT_TRIGGER
	"CREATE TRIGGER tickets_fts_update AFTER UPDATE OF number, name, phone, issue, address\n"
	"  ON tickets BEGIN\n"
	"  INSERT INTO tickets_fts(tickets_fts, rowid, number, name, phone, issue, address)\n"
	"  VALUES('delete', old.id, old.number, old.name, replace(old.phone, '-', ''), old.issue,\n"
	"    old.address);\n"
	"  INSERT INTO tickets_fts(rowid, number, name, phone, issue, address)\n"
	"  VALUES(new.id, new.number, new.name, replace(new.phone, '-', ''), new.issue, new.address);\n"
	"END;\n"
	/*
	 * Counts at a million tickets: how many tickets are in each state,
	 * kept by triggers, so the home screen and the list tabs need not
	 * count a million rows; and the tickets of a state in ledger order,
	 * so a page of the sign-off queue is a seek, not a sort.
	 */
	"CREATE TABLE ticket_counts(\n"
	"  status TEXT PRIMARY KEY,\n"
	"  n INTEGER NOT NULL\n"
	") WITHOUT ROWID;\n"
	"INSERT INTO ticket_counts(status, n) VALUES('registered', 0), ('assigned', 0),\n"
	"  ('answered', 0), ('ready', 0), ('closed', 0), ('void', 0);\n"
	"UPDATE ticket_counts SET n = (SELECT count(*) FROM tickets t WHERE t.status = ticket_counts.status);\n"
	"CREATE TRIGGER ticket_counts_insert AFTER INSERT ON tickets BEGIN\n"
	"  UPDATE ticket_counts SET n = n + 1 WHERE status = new.status;\n"
	"END;\n"
	"CREATE TRIGGER ticket_counts_update AFTER UPDATE OF status ON tickets\n"
	"  WHEN old.status IS NOT new.status BEGIN\n"
	"  UPDATE ticket_counts SET n = n - 1 WHERE status = old.status;\n"
	"  UPDATE ticket_counts SET n = n + 1 WHERE status = new.status;\n"
	"END;\n"
	"CREATE INDEX tickets_state ON tickets(status);\n", store_fts_build },
	/*
	 * 3: the hash chain (chain.h, store-event.c).  Events may belong to a
	 * ticket, a reception day or the ledger as a whole (settings, users,
	 * backups); each carries the state it leaves where the columns do not
	 * say it (a ticket's snapshot at registration, an answer's date, a
	 * day's deputies) and its hash.  SQLite cannot make ticket_id
	 * nullable in place, so the table is rebuilt by store_migrate_chain(),
	 * which also hashes the existing history in order and records the
	 * settings, days and users as they stand.  Drafts get the person who
	 * typed them: on a shared login each person sees only their own.
	 */
	{ "CREATE TABLE events_v3(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  ticket_id INTEGER REFERENCES tickets(id),\n"
	"  day_id INTEGER REFERENCES reception_days(id),\n"
	"  subject TEXT,\n"
	"  at TEXT NOT NULL,\n"
	"  kind TEXT NOT NULL,\n"
	"  actor TEXT NOT NULL,\n"
	"  login TEXT NOT NULL DEFAULT '',\n"
	"  client TEXT NOT NULL DEFAULT '',\n"
	"  status_from TEXT,\n"
	"  status_to TEXT,\n"
	"  unit TEXT,\n"
	"  due_date TEXT,\n"
	"  method TEXT,\n"
	"  rating TEXT,\n"
	"  text TEXT,\n"
	"  data TEXT NOT NULL DEFAULT '{}' CHECK(json_valid(data)),\n"
	"  state TEXT CHECK(state IS NULL OR json_valid(state)),\n"
	"  hash BLOB NOT NULL CHECK(length(hash) = 32)\n"
	");\n"
	"ALTER TABLE drafts ADD COLUMN person TEXT NOT NULL DEFAULT '';\n", store_migrate_chain },
	/*
	 * 4: the directory of units (承办单位, store-unit.c) and of stations.
	 * A unit has one current name and may go by others (a former name,
	 * a spelling merged into it): unit_names maps every name a ticket
	 * may carry to the unit it means now, so lists and figures read a
	 * ticket's recorded unit through it while the ticket keeps what its
	 * events say.  A merged unit stays, pointing at the one it went
	 * into.  Each change is a ledger event whose state is the unit's
	 * snapshot (STORE_UNIT_SNAPSHOT), which `jiedai check` compares.
	 * The directory starts with the units tickets were handed to so far.
	 * Stations: the names of the stations whose tickets a county ledger
	 * holds (filled by import).
	 */
	{ "CREATE TABLE units(\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  name TEXT NOT NULL,\n"
	"  contact TEXT NOT NULL DEFAULT '',\n"
	"  phone TEXT NOT NULL DEFAULT '',\n"
	"  merged_into INTEGER REFERENCES units(id),\n"
	"  created_at TEXT NOT NULL\n"
	");\n"
	"CREATE TABLE unit_names(\n"
	"  name TEXT PRIMARY KEY,\n"
	"  unit_id INTEGER NOT NULL REFERENCES units(id)\n"
	") WITHOUT ROWID;\n"
	"CREATE INDEX unit_names_unit ON unit_names(unit_id);\n"
	"CREATE INDEX tickets_unit ON tickets(unit, status);\n"
	"CREATE TABLE stations(\n"
	"  code TEXT PRIMARY KEY,\n"
	"  name TEXT NOT NULL DEFAULT ''\n"
	") WITHOUT ROWID;\n", store_units_seed },
	/*
	 * 5: reception days by date.  The figures of a period (store-report.c)
	 * read the days held in it; UNIQUE(station, date) serves one station,
	 * so without this a month's report read every day the ledger holds.
	 * With the station, the days come in the order the report lists them.
	 */
	{ "CREATE INDEX reception_days_date ON reception_days(date, station);\n", NULL },
	/*
	 * 6: the follow-up deputy (跟进代表): the deputy staff or the head gave
	 * a ticket to follow up, who sees its voter in full like the deputy who
	 * received them (store_set_viewer()).  Set, moved and cleared by a
	 * "follow" event (ledger.h, STEP_FOLLOW), which `jiedai check` replays.
	 */
	{ "", follow_column },
};

#define NMIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

int store_schema_version(void)
{
	return NMIGRATIONS;
}

int store_exit_code(int result)
{
	switch (result) {
	case STORE_OK: return 0;
	case STORE_REFUSED:
	case STORE_NOTFOUND: return 1;
	default: return 3;
	}
}

sqlite3 *store_db(struct store *s)
{
	return s->db;
}

const char *store_path(const struct store *s)
{
	return s->path;
}

int store_created(const struct store *s)
{
	return s->created;
}

int store_is_shared(const struct store *s)
{
	return s->shared;
}

void store_set_calendar(struct store *s, const struct calendar *cal)
{
	s->calendar = cal;
}

/* jd_viewer(): the reader set with store_set_viewer(), or NULL (none, or store_read_public()). */
static void viewer_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct store *s = sqlite3_user_data(ctx);

	(void)argc;
	(void)argv;
	if (s->viewer && !s->public_read)
		sqlite3_result_text(ctx, s->viewer, -1, SQLITE_STATIC);
	else
		sqlite3_result_null(ctx);
}

void store_set_viewer(struct store *s, const char *name)
{
	free(s->viewer);
	s->viewer = name ? xstrdup(name) : NULL;
}

int store_read_public(struct store *s, int public)
{
	int was = s->public_read;

	s->public_read = !!public;
	return was;
}

int store_viewer_masks(const struct store *s)
{
	return s->viewer && !s->public_read;
}

int store_deadline(struct store *s, const char *from, int n, char out[11])
{
	char *unit = store_setting(s, "deadline_unit"), *warn = NULL;
	int r = workdays_due(s->calendar, from, n, workdays_parse_unit(unit) > 0, out, &warn);

	free(unit);
	/* A bulk load (gen, import) says it once, not for each of its tickets. */
	if (warn && s->batch && s->batch_warned)
		free(warn), warn = NULL;
	if (warn) {
		s->batch_warned = s->batch;
		/* One sentence: the screen shows one warning on its status line. */
		warning(_("%s Add the year to the holiday calendar %s and check it with jiedai calendar-check."),
			warn, s->calendar ? calendar_path(s->calendar) : CALENDAR_FILE);
		free(warn);
	}
	return r;
}

int store_fail(struct store *s, int rc, const char *what)
{
	int base = rc & 0xff, sys = s->db ? sqlite3_system_errno(s->db) : 0;

	/* Stopped on purpose (store_set_interrupt, a count's budget): nothing to say. */
	if (base == SQLITE_INTERRUPT && s->stopped)
		return STORE_INTERRUPTED;

	/* A read that failed inside a write transaction: it may not commit (store_commit). */
	if (s->in_tx && base != SQLITE_CONSTRAINT)
		s->tx_failed = 1;

	if (base == SQLITE_CORRUPT || base == SQLITE_NOTADB)
		return store_damaged_error(s);
	if (s->readonly && (base == SQLITE_READONLY || base == SQLITE_CANTOPEN || base == SQLITE_IOERR))
		return store_readonly_error(s);
	/* Said exactly: a file system mounted read-only, or a full disk. */
	if ((base == SQLITE_READONLY || base == SQLITE_CANTOPEN || base == SQLITE_IOERR) && sys == EROFS) {
		s->readonly = STORE_RO_FS;
		return store_readonly_error(s);
	}
	if (base == SQLITE_IOERR && sys == ENOSPC)
		base = SQLITE_FULL;
	if (base == SQLITE_BUSY || base == SQLITE_LOCKED) {
		error(_("the ledger database stayed busy (others are saving); nothing was changed, please try again"));
		return STORE_BUSY;
	}
	if (base == SQLITE_CONSTRAINT) {
		error("%s: %s", what, sqlite3_errmsg(s->db));
		return STORE_REFUSED;
	}
	if (base == SQLITE_READONLY || base == SQLITE_PERM || base == SQLITE_CANTOPEN) {
		error(_("cannot write the ledger database '%s' (%s); ask the administrator to check its permissions"),
		      s->path, sqlite3_errmsg(s->db));
		return STORE_IO;
	}
	if (base == SQLITE_FULL) {
		error(_("the disk holding the ledger '%s' is full; nothing was saved. Free some space and try again"),
		      s->path);
		return STORE_IO;
	}
	error("%s: %s", what, sqlite3_errmsg(s->db));
	return STORE_IO;
}

/*
 * Our busy handler: the same waits as busy_timeout, but it can tell the screen
 * that we are waiting, and it can wait without limit.
 */
static int busy_cb(void *arg, int count)
{
	static const int delays[] = { 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100 };
	struct store *s = arg;
	int d = count < 12 ? delays[count] : 100;
	struct timespec ts;

	if (s->busy_limit_ms >= 0 && s->busy_waited_ms >= s->busy_limit_ms)
		return 0;
	if (s->busy_notify && !s->busy_notified && s->busy_waited_ms >= 150) {
		s->busy_notified = 1;
		s->busy_notify(s->busy_arg, 1);
	}
	ts.tv_sec = d / 1000;
	ts.tv_nsec = (long)(d % 1000) * 1000000L;
	nanosleep(&ts, NULL);
	s->busy_waited_ms += d;
	return 1;
}

double store_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/*
 * SQLite's progress handler, while an interrupt check, a deadline or a long
 * phase is set: the clock is read every PROGRESS_OPS steps, the check called
 * at most every 2 ms (it may be a system call), the phase shown every 250 ms.
 */
#define PROGRESS_OPS 2000

static int progress_cb(void *arg)
{
	struct store *s = arg;
	double now = store_now_ms();

	if (s->phase && now - s->phase_shown_ms >= 250) {
		s->phase_shown_ms = now;
		store_progress(s->phase, ++s->phase_ticks, 0);
	}

	if (s->deadline_ms > 0 && now >= s->deadline_ms) {
		s->stopped = STOP_TIME;
		return 1;
	}
	if (s->interrupt && now - s->checked_ms >= 2) {
		s->checked_ms = now;
		if (s->interrupt(s->interrupt_arg)) {
			s->stopped = STOP_KEY;
			return 1;
		}
	}
	return 0;
}

static void progress_update(struct store *s)
{
	if (s->interrupt || s->deadline_ms > 0 || s->phase)
		sqlite3_progress_handler(s->db, PROGRESS_OPS, progress_cb, s);
	else
		sqlite3_progress_handler(s->db, 0, NULL, NULL);
}

void store_set_interrupt(struct store *s, int (*check)(void *arg), void *arg)
{
	s->interrupt = check;
	s->interrupt_arg = arg;
	s->checked_ms = 0;
	s->stopped = 0;
	progress_update(s);
}

void store_deadline_set(struct store *s, int ms)
{
	s->deadline_ms = ms > 0 ? store_now_ms() + ms : 0;
	s->stopped = 0;
	progress_update(s);
}

void store_busy_reset(struct store *s)
{
	if (s->busy_notified && s->busy_notify)
		s->busy_notify(s->busy_arg, 0);
	s->busy_notified = 0;
	s->busy_waited_ms = 0;
}

void store_set_busy(struct store *s, int limit_ms, void (*notify)(void *, int), void *arg)
{
	s->busy_limit_ms = limit_ms;
	s->busy_notify = notify;
	s->busy_arg = arg;
	sqlite3_busy_handler(s->db, busy_cb, s);
}

sqlite3_stmt *store_stmt(struct store *s, const char *sql)
{
	size_t h = ((uintptr_t)sql >> 3) % STMT_CACHE;
	sqlite3_stmt *st = NULL;
	int rc;

	for (size_t i = 0; i < STMT_CACHE; i++) {
		struct stmt_slot *slot = &s->cache[(h + i) % STMT_CACHE];

		if (slot->sql == sql) {
			sqlite3_reset(slot->stmt);
			sqlite3_clear_bindings(slot->stmt);
			return slot->stmt;
		}
		if (!slot->sql) {
			rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
			if (rc != SQLITE_OK) {
				store_fail(s, rc, "prepare");
				return NULL;
			}
			slot->sql = sql;
			slot->stmt = st;
			return st;
		}
	}
	/* Cache full: should not happen with a fixed set of statements. */
	BUG("statement cache full");
}

void store_done(sqlite3_stmt *st)
{
	if (st) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	}
}

int store_exec_stmt(struct store *s, sqlite3_stmt *st, const char *what)
{
	int rc;

	if (!st)
		return STORE_IO;
	rc = sqlite3_step(st);
	store_done(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return store_fail(s, rc, what);
	return STORE_OK;
}

int store_row(struct store *s, sqlite3_stmt *st, const char *what, int *r)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE)
		*r = store_fail(s, rc, what);
	return 0;
}

int store_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (!v)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

char *store_col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? xstrdup((const char *)t) : NULL;
}

char *store_col_str(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return xstrdup(t ? (const char *)t : "");
}

static int exec(struct store *s, const char *sql, const char *what)
{
	char *msg = NULL;
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg);

	if (rc != SQLITE_OK) {
		int r = store_fail(s, rc, what);

		sqlite3_free(msg);
		return r;
	}
	return STORE_OK;
}

int store_begin(struct store *s)
{
	int r;

	if (s->in_tx)
		BUG("nested transaction");
	if (s->batch) {
		/* Inside a batch a step is part of the batch's transaction (and its chain). */
		if (s->batch_failed)
			return STORE_IO;
		s->in_tx = 1;
		s->tx_failed = 0;
		return STORE_OK;
	}
	if (s->readonly)
		return store_readonly_error(s);
	if (s->damaged)
		return store_damaged_error(s);
	store_busy_reset(s);
	s->chain_known = 0;
	r = exec(s, "BEGIN IMMEDIATE", "begin");
	s->tx_failed = 0;
	if (r == STORE_OK)
		s->in_tx = 1;
	else
		store_busy_reset(s);
	return r;
}

int store_commit(struct store *s)
{
	int r;

	if (s->tx_failed) {
		/* Reported when it happened; what was read wrong must not be saved. */
		store_rollback(s);
		return STORE_IO;
	}
	if (s->batch) {
		s->in_tx = 0;
		return STORE_OK;
	}
	r = exec(s, "COMMIT", "commit");

	if (r != STORE_OK) {
		store_rollback(s);
		return r;
	}
	s->in_tx = 0;
	store_busy_reset(s);
	return STORE_OK;
}

void store_rollback(struct store *s)
{
	if (s->batch) {
		/*
		 * A step failed half-way: its writes are mixed into the batch's
		 * transaction, so the whole batch must go (store_batch_end).
		 */
		if (s->in_tx)
			s->batch_failed = 1;
	} else if (!sqlite3_get_autocommit(s->db)) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	}
	s->chain_known = 0;
	s->in_tx = 0;
	s->tx_failed = 0;
	store_busy_reset(s);
}

int store_read_begin(struct store *s, const char *what)
{
	if (s->read_depth++ > 0)
		return STORE_OK;
	if (s->in_tx)
		BUG("a read transaction inside a write");
	if (sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK) {
		s->read_depth = 0;
		return store_fail(s, sqlite3_errcode(s->db), what);
	}
	return STORE_OK;
}

void store_read_end(struct store *s)
{
	if (s->read_depth <= 0)
		BUG("a read transaction ended twice");
	if (--s->read_depth == 0)
		sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
}

int store_snapshot_begin(struct store *s)
{
	int r = store_read_begin(s, "snapshot");

	/* A snapshot begins when its first read does: read now, so it is the state of this moment. */
	if (r == STORE_OK && sqlite3_exec(s->db, "SELECT count(*) FROM events", NULL, NULL, NULL) != SQLITE_OK) {
		r = store_fail(s, sqlite3_errcode(s->db), "snapshot");
		store_read_end(s);
	}
	return r;
}

void store_snapshot_end(struct store *s)
{
	store_read_end(s);
}

/* Back to the settings of every connection (see open_at) after a batch. */
static const char batch_done[] = "PRAGMA synchronous = FULL; PRAGMA cache_size = -2000";

int store_batch_begin(struct store *s)
{
	int r;

	if (s->in_tx || s->batch)
		BUG("batch inside a transaction");
	exec(s, "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144", "batch");
	r = store_begin(s);
	if (r == STORE_OK && s->version >= 2)
		r = store_fts_hold(s, &s->batch_first);
	if (r != STORE_OK) {
		store_rollback(s);
		exec(s, batch_done, "batch");
		return r;
	}
	s->in_tx = 0;
	s->batch = 1;
	s->batch_warned = 0;
	return STORE_OK;
}

int store_batch_end(struct store *s, int keep)
{
	int r;

	if (!s->batch || s->in_tx)
		BUG("no batch to end");
	s->batch = 0;
	s->in_tx = 1;
	if (keep && !s->batch_failed) {
		r = s->version >= 2 ? store_fts_resume(s, s->batch_first) : STORE_OK;
		if (r == STORE_OK)
			r = store_commit(s);
		else
			store_rollback(s);
	} else {
		store_rollback(s);
		r = keep ? STORE_IO : STORE_OK;
	}
	s->batch_failed = 0;
	exec(s, batch_done, "batch");
	return r;
}

static void (*progress_routine)(const char *what, int64_t done, int64_t total);

void store_set_progress(void (*fn)(const char *what, int64_t done, int64_t total))
{
	progress_routine = fn;
}

void store_progress(const char *what, int64_t done, int64_t total)
{
	if (progress_routine)
		progress_routine(what, done, total);
}

void store_phase_begin(struct store *s, const char *what)
{
	s->phase = what;
	s->phase_ticks = 0;
	s->phase_shown_ms = store_now_ms();
	store_progress(what, 0, 0);
	progress_update(s);
}

void store_phase_end(struct store *s)
{
	const char *what = s->phase;

	if (!what)
		return;
	s->phase = NULL;
	progress_update(s);
	store_progress(what, 1, 1);
}

int64_t store_data_version(struct store *s)
{
	static const char sql[] = "PRAGMA data_version";
	sqlite3_stmt *st = store_stmt(s, sql);
	int64_t v = -1;
	int r = STORE_OK;

	if (st && store_row(s, st, "data_version", &r))
		v = sqlite3_column_int64(st, 0);
	store_done(st);
	return v;
}

/* The schema version (PRAGMA user_version). */
static int read_version(struct store *s);

static int migrate(struct store *s, int target)
{
	sqlite3_stmt *st = NULL;
	int version = read_version(s), r;

	/*
	 * Already current: no write lock, so opening the ledger never waits for
	 * another deputy who is saving (and start-up stays quick).
	 */
	if (version >= target && version <= NMIGRATIONS) {
		s->version = version;
		return STORE_OK;
	}
	r = store_begin(s);
	if (r != STORE_OK)
		return r;
	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (version > NMIGRATIONS) {
		store_rollback(s);
		error(_("the ledger '%s' was made by a newer jiedai (schema %d, this program knows %d); please upgrade jiedai"),
		      s->path, version, NMIGRATIONS);
		return STORE_IO;
	}
	for (int v = version; v < target; v++) {
		char pragma[64];

		r = exec(s, migrations[v].sql, "migration");
		if (r == STORE_OK && migrations[v].after && v > 0)
			r = follow_column(s);
		if (r == STORE_OK && migrations[v].after)
			r = migrations[v].after(s);
		if (r != STORE_OK) {
			store_rollback(s);
			error(_("upgrading the ledger to schema %d failed; it was left as it was"), v + 1);
			return r;
		}
		snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %d", v + 1);
		r = exec(s, pragma, "migration");
		if (r != STORE_OK) {
			store_rollback(s);
			return r;
		}
	}
	/* Made or upgraded by jiedai: marked as its ledger in the same transaction. */
	r = store_mark(s);
	if (r != STORE_OK) {
		store_rollback(s);
		return r;
	}
	r = store_commit(s);
	if (r == STORE_OK)
		s->version = version > target ? version : target;
	return r;
}

static int read_version(struct store *s)
{
	sqlite3_stmt *st = NULL;
	int version = 0;

	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return version;
}

/* Create the file ourselves so its mode does not depend on the umask. */
static int create_file(const char *path)
{
	char *dir = paths_dirname(path);
	struct stat st;
	mode_t mode = 0600;
	int fd;

	if (paths_mkdir_p(dir, 0700) < 0) {
		free(dir);
		return -1;
	}
	if (stat(dir, &st) == 0 && (st.st_mode & S_ISGID))
		mode = 0660;	/* a shared directory (jiedai init --shared) */
	free(dir);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (fd < 0)
		return errno == EEXIST ? 0 : error_errno(_("cannot create the ledger database '%s'"), path);
	if (fchmod(fd, mode) < 0) {
		close(fd);
		return error_errno(_("cannot set the mode of '%s'"), path);
	}
	close(fd);
	return 1;
}

static int explain_open_failure(const char *path)
{
	char *dir = paths_dirname(path);
	int r;

	if (access(dir, X_OK) < 0 || (access(path, F_OK) == 0 && access(path, R_OK) < 0)) {
		r = error(_("you may not open the ledger '%s' with your own rights. A shared ledger is opened by the installed jiedai alone (run it without --db); if that fails too, ask the administrator to run 'sudo jiedai check'"),
			  path);
	} else if (access(path, F_OK) < 0) {
		r = error(_("there is no ledger at '%s'; create it with 'jiedai init'"), path);
	} else {
		r = error_errno(_("cannot open the ledger '%s'"), path);
	}
	free(dir);
	return r;
}

/*
 * The WAL file is kept between runs (SQLITE_FCNTL_PERSIST_WAL, set at open,
 * and store-vfs.c opens an existing one without syncing its directory), but
 * not its contents: the last program to close the ledger checkpoints it, as
 * SQLite does by default, so the ledger file always stands alone once nobody
 * has it open.  A station that copies jiedai.db with a file manager (and not
 * with jiedai backup) must not get a file without the day's tickets; that is
 * worth two syncs at the close of a command run on a ledger nobody else has
 * open.  On a ledger in use (a screen open, other deputies working) SQLite
 * cannot checkpoint at close and does not try, so `jiedai add` syncs once,
 * its commit; checkpoints then come when due (wal_autocheckpoint).
 */
void store_close(struct store *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < STMT_CACHE; i++)
		if (s->cache[i].stmt)
			sqlite3_finalize(s->cache[i].stmt);
	if (s->db)
		sqlite3_close(s->db);
	free(s->path);
	free(s->viewer);
	free(s);
}

static int open_at(const char *path, int flags, int target, struct store **out);

int store_open(const char *path, int flags, struct store **out)
{
	return open_at(path, flags, NMIGRATIONS, out);
}

int store_open_version(const char *path, int version, struct store **out)
{
	return open_at(path, STORE_CREATE, version, out);
}

/*
 * A ledger in a setgid directory is shared by several Unix users.  SQLite
 * makes its -wal and -shm files with the ledger's mode (0660), but it opens
 * them first under the process umask and widens the mode a moment later: a
 * deputy whose umask is 077 leaves a window in which another deputy's
 * program cannot open them ("attempt to write a readonly database").  So
 * in a shared directory the group bits are never masked, and the WAL files
 * are kept between sessions (made once, by jiedai init --shared) instead of
 * being deleted by the last program to close.
 */
static int shared_dir(const char *path)
{
	char *dir = paths_dirname(path);
	struct stat st;
	int shared = stat(dir, &st) == 0 && (st.st_mode & S_ISGID);

	free(dir);
	return shared;
}

/*
 * Open s->db on s->path and set the connection up: read-write, or with
 * immutable the file as it is, read-only (store-open.c).  Returns an SQLite
 * result code and reports nothing: the caller decides what a failure means.
 */
static int connect(struct store *s, int readonly, int immutable)
{
	/* A WAL that is kept between sessions is cut back to 16 MB after a checkpoint. */
	const char *setup =
		"PRAGMA foreign_keys = ON;"
		"PRAGMA synchronous = FULL;"
		"PRAGMA journal_size_limit = 16777216;"
		/* Damaged pages found when read, not only when they break a lookup. */
		"PRAGMA cell_size_check = ON;";
	int oflags = (readonly || immutable ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX;
	char *uri = immutable ? store_immutable_uri(s->path) : NULL;
	int rc;

	for (size_t i = 0; i < STMT_CACHE; i++)
		if (s->cache[i].stmt) {
			sqlite3_finalize(s->cache[i].stmt);
			s->cache[i].stmt = NULL;
			s->cache[i].sql = NULL;
		}
	if (s->db)
		sqlite3_close(s->db);
	s->db = NULL;
	rc = sqlite3_open_v2(uri ? uri : s->path, &s->db, oflags | (uri ? SQLITE_OPEN_URI : 0), store_vfs());
	free(uri);
	if (rc != SQLITE_OK)
		return rc;
	/* Every ledger keeps its WAL file between runs (see store_close()). */
	if (!immutable) {
		int keep = 1;

		sqlite3_file_control(s->db, "main", SQLITE_FCNTL_PERSIST_WAL, &keep);
	}
	sqlite3_extended_result_codes(s->db, 1);
	/*
	 * The busy handler (the 10 s of busy_timeout, done our way) before any
	 * statement: even the first one reads the schema, and with others
	 * saving that read can find the ledger locked for a moment.
	 */
	store_set_busy(s, 10000, NULL, NULL);
	rc = sqlite3_exec(s->db, setup, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_create_function(s->db, "jd_viewer", 0, SQLITE_UTF8, s, viewer_fn, NULL, NULL);
	return rc;
}

/* Say why the ledger at s->path could not be opened, after rc; returns the store result. */
static int open_failed(struct store *s, int rc)
{
	int base = rc & 0xff;

	if (base == SQLITE_NOTADB) {
		error(_("'%s' is not a jiedai ledger (not an SQLite database); jiedai leaves it as it is"), s->path);
		return STORE_REFUSED;
	}
	if (s->wal_pending) {
		error(_("the ledger '%s' cannot be opened here (%s), and its newest changes are still in '%s-wal', "
			"which can only be read where the ledger can be written; ask the administrator"),
		      s->path, sqlite3_errstr(rc), s->path);
		return STORE_IO;
	}
	if (base == SQLITE_CANTOPEN && (!s->db || sqlite3_system_errno(s->db) != EROFS)) {
		explain_open_failure(s->path);
		return STORE_IO;
	}
	return s->db ? store_fail(s, rc, "open") : STORE_IO;
}

static int open_at(const char *path, int flags, int target, struct store **out)
{
	struct store *s = xcalloc(1, sizeof(*s));
	mode_t old_umask = 0;
	struct stat sb;
	enum store_kind kind = STORE_KIND_FOREIGN;
	int rc, r = STORE_IO, masked = 0, version = 0;

	*out = NULL;
	s->path = xstrdup(path);
	s->busy_limit_ms = 10000;
	if (flags & STORE_CHECK)
		s->checking = STORE_CHECKING_OPEN;
	/* stat(), not access(): a set-ID program opens the shared ledger with its effective group. */
	if (stat(path, &sb) < 0) {
		if (errno != ENOENT || !(flags & STORE_CREATE)) {
			explain_open_failure(path);
			store_close(s);
			return STORE_NOTFOUND;
		}
		r = create_file(path);
		if (r < 0) {
			store_close(s);
			return STORE_IO;
		}
		s->created = r == 1;
		r = STORE_IO;
	}
	if (flags & STORE_READONLY)
		s->readonly = STORE_RO_ASKED;
	s->shared = shared_dir(path);
	if (s->shared) {
		/* Only while SQLite makes its files: the umask is the person's again after (below). */
		old_umask = umask(0);
		umask(old_umask & ~(mode_t)070);
		masked = 1;
	}
	/*
	 * The first statements read the file.  Where it cannot be written (a
	 * read-only mount, a full disk, no permission) SQLite cannot make the
	 * -shm it reads through in WAL mode: then it is read as it is.
	 */
	rc = connect(s, flags & STORE_READONLY, 0);
	if (rc == SQLITE_OK)
		rc = store_identify(s, &kind, &version);
	if (rc != SQLITE_OK && !s->created && store_unwritable(s, rc) != STORE_RO_NO) {
		rc = connect(s, 1, 1);
		if (rc == SQLITE_OK)
			rc = store_identify(s, &kind, &version);
	}
	if (rc != SQLITE_OK) {
		r = open_failed(s, rc);
		goto fail;
	}
	store_note_readonly(s);
	/* Only a ledger is opened; only init (or the first use of the default ledger) makes an empty file one. */
	if (kind == STORE_KIND_FOREIGN) {
		error(_("'%s' is not a jiedai ledger but another program's database; jiedai leaves it as it is"), path);
		r = STORE_REFUSED;
		goto fail;
	}
	if (kind == STORE_KIND_EMPTY && !s->created && !(flags & STORE_INIT)) {
		error(_("'%s' is empty, not a jiedai ledger. To make a new ledger there, run: jiedai --db '%s' init"),
		      path, path);
		r = STORE_REFUSED;
		goto fail;
	}
	/* Before any migration: building the index needs the tokenizer. */
	if (store_fts_register(s) != STORE_OK)
		goto fail;
	if (s->readonly) {
		if (kind == STORE_KIND_EMPTY || (version < target && !(flags & STORE_READONLY))) {
			/* Making or upgrading a ledger is writing. */
			r = store_readonly_error(s);
			goto fail;
		}
		if (version > NMIGRATIONS && !(flags & STORE_READONLY)) {
			error(_("the ledger '%s' was made by a newer jiedai (schema %d, this program knows %d); please upgrade jiedai"),
			      path, version, NMIGRATIONS);
			goto fail;
		}
		s->version = version;
	} else {
		sqlite3_stmt *st = NULL;
		const unsigned char *mode = NULL;

		/* journal_mode cannot change inside a transaction; it sticks to the file. */
		rc = sqlite3_prepare_v2(s->db, "PRAGMA journal_mode = WAL", -1, &st, NULL);
		if (rc == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
			mode = sqlite3_column_text(st, 0);
		if (!mode) {
			rc = sqlite3_errcode(s->db);
			sqlite3_finalize(st);
			r = open_failed(s, rc);
			goto fail;
		}
		sqlite3_finalize(st);
		r = migrate(s, target);
		if (r != STORE_OK)
			goto fail;
		/* A ledger made before the mark gets it now; if it cannot yet, at a later open. */
		if (kind == STORE_KIND_UNMARKED && s->version == version)
			sqlite3_exec(s->db, "PRAGMA application_id = " STORE_APPLICATION_ID_TEXT, NULL, NULL, NULL);
	}
	s->search_index = s->version >= 2 && !store_search_scan_forced();
	if (masked)
		umask(old_umask);
	*out = s;
	return STORE_OK;
fail:
	if (masked)
		umask(old_umask);
	store_close(s);
	return r == STORE_OK || r == STORE_NOTFOUND ? STORE_IO : r;
}
