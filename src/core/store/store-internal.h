/*
 * store-internal.h — shared by the store*.c files only.  Nothing outside the
 * store includes this: it is where SQLite handles live.
 */
#ifndef JIEDAI_STORE_INTERNAL_H
#define JIEDAI_STORE_INTERNAL_H

#include <sqlite3.h>

#include "store.h"

#define STMT_CACHE 128

struct stmt_slot {
	const char *sql;	/* key: the address of a static SQL string */
	sqlite3_stmt *stmt;
};

struct store {
	sqlite3 *db;
	char *path;
	int created;
	int in_tx;
	int batch;		/* inside store_batch_begin(): steps share its transaction */
	int batch_failed;	/* a step of the batch failed: it can only be rolled back */
	int batch_warned;	/* the batch said once that the holiday calendar lacks a year */
	int64_t batch_first;	/* the first ticket id of the batch */
	int version;		/* schema version (PRAGMA user_version) */
	int shared;		/* in a setgid directory: several Unix users share it */
	int search_index;	/* search through tickets_fts (schema 2 and not forced off) */
	const struct calendar *calendar;	/* lent by store_set_calendar() */
	char *viewer;		/* store_set_viewer(): whose tickets show in full, NULL: all */
	int public_read;	/* store_read_public(): every ticket in full, for a public output */
	int readonly;		/* enum store_readonly: why it can be read but not written */
	int wal_pending;	/* unwritable, with changes in its -wal: cannot be read either */
	int damaged;		/* SQLite found the file damaged: nothing more is written */
	int checking;		/* store_check() is running: damage is its finding, said by it */
#define STORE_CHECKING_OPEN 2	/* ... or store_open() for it (STORE_CHECK): damage met there is said so */
	int tx_failed;		/* an error was reported inside this write transaction: no commit */
	int read_depth;		/* store_read_begin() nesting: >0 inside one read transaction */
	/* store_set_interrupt(), and the deadline of a read with a budget (0: none). */
	int (*interrupt)(void *arg);
	void *interrupt_arg;
	double deadline_ms, checked_ms;
	/* store_phase_begin(): the long statement running, and when it was last shown. */
	const char *phase;
	int64_t phase_ticks;
	double phase_shown_ms;
	int stopped;		/* why the last read was stopped: STOP_KEY or STOP_TIME */
	/* store_cost_watch(): the statements' costs so far (store-cost.c). */
	int cost_on;
	struct store_cost cost;
	int busy_limit_ms;
	int busy_waited_ms;
	int busy_notified;
	void (*busy_notify)(void *arg, int waiting);
	void *busy_arg;
	/*
	 * The chain's head (id and hash of the newest event), read once per
	 * write transaction and kept up to date while it lasts; chain_known is
	 * cleared at every BEGIN and ROLLBACK.
	 */
	int chain_known;
	int chain_off;		/* benchmarks only (store_chain_hashing()): events without hashes */
	int64_t chain_last_id;
	unsigned char chain_head[32];
	struct stmt_slot cache[STMT_CACHE];
};

/*
 * A prepared statement for a static SQL string, cached by its address.  The
 * statement comes back reset with its bindings cleared; callers reset it
 * again when done (store_done) so no statement stays open while idle.
 * Returns NULL after reporting an error.
 */
sqlite3_stmt *store_stmt(struct store *s, const char *sql);
/* Reset a statement from store_stmt() after use. */
void store_done(sqlite3_stmt *st);
/* Map an SQLite result code to a store result, reporting it with context. */
int store_fail(struct store *s, int rc, const char *what);
/* Run a statement that returns no rows (bindings done); STORE_OK or an error. */
int store_exec_stmt(struct store *s, sqlite3_stmt *st, const char *what);
/*
 * Step a read: 1 with a row, 0 at the end or after an error, which is
 * reported (store_fail, with what) and left in *r (STORE_BUSY, STORE_IO …;
 * *r is untouched otherwise, so it starts as STORE_OK).  Never an error
 * taken for "no more rows":
 *
 *	int r = STORE_OK;
 *	while (store_row(s, st, "events", &r))
 *		…
 *	store_done(st);
 *	return r;
 *
 * An error reported inside a write transaction stops it from committing.
 */
int store_row(struct store *s, sqlite3_stmt *st, const char *what, int *r);

/* Why a read stopped (struct store's stopped). */
#define STOP_KEY 1
#define STOP_TIME 2
/*
 * A read given until ms milliseconds from now (0: no limit); SQLITE_INTERRUPT
 * with s->stopped == STOP_TIME when it runs out.  The monotonic clock in ms.
 */
void store_deadline_set(struct store *s, int ms);
double store_now_ms(void);

/* Bind text, or NULL when v is NULL. */
int store_bind_text(sqlite3_stmt *st, int i, const char *v);
/* A copy of column i as a string (NULL for SQL NULL). */
char *store_col_text(sqlite3_stmt *st, int i);
/* A copy of column i, "" for SQL NULL. */
char *store_col_str(sqlite3_stmt *st, int i);

/*
 * The deadline n days after from ("YYYY-MM-DD"), counted by the station's
 * deadline_unit with the store's calendar; a year the calendar lacks gives
 * a warning (through warning()).  0, or -1 with a message.
 */
int store_deadline(struct store *s, const char *from, int n, char out[11]);

/* Begin and end the busy-wait notification around a write. */
void store_busy_reset(struct store *s);

/* For tests: open applying migrations only up to version (an old database). */
int store_open_version(const char *path, int version, struct store **out);
/* The raw connection, for tests that try to break the rules. */
sqlite3 *store_db(struct store *s);

/* ---- opening (store-open.c) ---- */

/* The mark of a jiedai ledger in its SQLite header (PRAGMA application_id): "JIED", 0x4A494544. */
#define STORE_APPLICATION_ID 1246315844
#define STORE_APPLICATION_ID_TEXT "1246315844"

enum store_kind {
	STORE_KIND_LEDGER,	/* marked as a jiedai ledger */
	STORE_KIND_UNMARKED,	/* a ledger made before the mark: schema and tables, no mark */
	STORE_KIND_EMPTY,	/* no schema at all (an empty file) */
	STORE_KIND_FOREIGN,	/* another program's database */
};
/* What s->db holds, and its schema version; an SQLite result code (reports nothing). */
int store_identify(struct store *s, enum store_kind *kind, int *version);
/* Mark s->db as a jiedai ledger (inside a migration's transaction, or on its own). */
int store_mark(struct store *s);

/* Why a ledger can be read but not written. */
enum store_readonly {
	STORE_RO_NO,
	STORE_RO_ASKED,		/* opened with STORE_READONLY */
	STORE_RO_FS,		/* a read-only file system */
	STORE_RO_FULL,		/* a full disk */
	STORE_RO_PERM,		/* the file or its directory is not writable for this person */
};
/*
 * After the first read of s->path failed with rc: the reason the file
 * cannot be written when that is the cause (and then s->readonly is set),
 * or STORE_RO_NO.  Also STORE_RO_NO, with s->wal_pending, when its -wal
 * holds changes that could not be read without writing.
 */
enum store_readonly store_unwritable(struct store *s, int rc);
/*
 * After the ledger opened: when SQLite could open the file only read-only
 * (a read-only mount where its -shm and -wal were already there, no
 * permission), note why in s->readonly, so reads go on (the index check
 * too) and writes say exactly why they cannot.
 */
void store_note_readonly(struct store *s);
/* The URI that opens path immutable (caller frees). */
char *store_immutable_uri(const char *path);
/* Say why s cannot be written (s->readonly); returns STORE_IO. */
int store_readonly_error(struct store *s);
/* Say the file is damaged, and what to do; later writes refuse (s->damaged).  STORE_IO. */
int store_damaged_error(struct store *s);

/* 1 when some tickets come out masked for the reader (a viewer is set, not store_read_public()). */
int store_viewer_masks(const struct store *s);
/* Fill a ticket from the standard ticket query columns (TICKET_COLUMNS). */
void store_ticket_from_row(sqlite3_stmt *st, struct ticket *t);
/*
 * 1 when the person reading (store_set_viewer()) may see ticket t's voter in
 * full: everyone may when there is no viewer (or while store_read_public()
 * is on); a deputy sees the voters they received (t.deputy) and those of
 * the items they were given to follow up (t.follow_deputy), and no others —
 * printing, answering or rating an item does not make its voter theirs.
 */
#define STORE_TICKET_SEEN \
	"(jd_viewer() IS NULL OR t.deputy = jd_viewer() OR t.follow_deputy = jd_viewer())"
/*
 * The select list of a ticket row (t: tickets, d: reception_days), without
 * FROM.  Its last column says whether the voter may be seen in full;
 * store_ticket_from_row() masks the voter when not.
 */
#define STORE_TICKET_SELECT \
	"SELECT t.id, t.number, t.check_code, t.station, t.year, t.seq, t.day_id, d.date," \
	" t.position, t.voter_id, t.name, t.phone, t.address, t.category, t.issue, t.deputy," \
	" t.status, t.unit, t.due_date, t.answer_method, t.answer_date, t.answer_text, t.rating," \
	" t.closed_at, t.closed_by, t.close_note, t.void_reason, t.created_at, t.updated_at, t.extra," \
	" t.follow_deputy, " STORE_TICKET_SEEN
/* The column of STORE_TICKET_SELECT with the follow-up deputy (from schema 6). */
#define STORE_TICKET_FOLLOW_COLUMN 30
/* The column of STORE_TICKET_SELECT that says whether the voter may be seen. */
#define STORE_TICKET_SEEN_COLUMN 31
/* STORE_TICKET_SELECT with its FROM clause. */
extern const char STORE_TICKET_COLUMNS[];

/* ---- events and the hash chain (store-event.c) ---- */

/*
 * One event to append.  Ticket events name the ticket (id and number),
 * day events the reception day (id and "STATION DATE"), ledger events
 * (settings, users, backups …) a subject such as the setting's key.
 * NULL strings are stored as NULL; data NULL is stored as "{}".
 */
struct event_rec {
	int64_t ticket_id;
	const char *ticket;
	int64_t day_id;
	const char *day;
	const char *subject;
	const char *at;		/* NULL: now */
	const char *kind;
	const struct actor *who;
	const char *status_from, *status_to;
	const char *unit, *due_date, *method, *rating, *text;
	const char *data, *state;
};

/*
 * Append an event inside the caller's write transaction: it gets the next
 * id and its hash, chained to the newest event.  This is the only INSERT
 * into events.  *id (may be NULL) gets the new event's id.
 */
int store_event_append(struct store *s, const struct event_rec *e, int64_t *id);
/*
 * For `make bench` only: on 0, events are appended with an empty hash and
 * no read of the chain's head, to measure what the chain costs a commit.
 * A ledger written so fails `jiedai check`; never use it on a real one.
 */
void store_chain_hashing(struct store *s, int on);

/*
 * Record a reception day as it now stands (kind "day-open", "day-close",
 * "import" …) in the caller's transaction; with only_if_changed, nothing
 * when its newest event already says the same.
 */
int store_day_record(struct store *s, int64_t day_id, const char *kind, const struct actor *who,
		     const char *text, int only_if_changed);
/* Record ticket id's whole row (a snapshot event: "import", "baseline"). */
int store_ticket_record(struct store *s, int64_t id, const char *kind, const struct actor *who,
			const char *text);
/* Append an event of the ledger as a whole (a setting, a login, a backup …). */
int store_ledger_event(struct store *s, const char *kind, const char *subject, const struct actor *who,
		       const char *text, const char *state);

/*
 * The parts of store_check() (store-check.c); each returns the number of
 * problems (lines added to report, which may be NULL), or -1 when the
 * ledger could not be read.  store_check_chain() recomputes every hash
 * and sets *anchor_event to the first event whose hash begins with anchor
 * (6 bytes, may be NULL) while the chain is still sound.
 * store_check_tickets() with fix appends a baseline event for each ticket
 * that does not match (migration 3 only) instead of reporting it.
 */
int store_check_chain(struct store *s, const unsigned char *anchor, int64_t *anchor_event,
		      struct strbuf *report);
int store_check_tickets(struct store *s, int fix, struct strbuf *report);
/* The same for one ticket (only > 0), as an import checks what it stored. */
int store_check_ticket_range(struct store *s, int64_t only, int fix, struct strbuf *report);
int store_check_records(struct store *s, struct strbuf *report);
/*
 * The columns the replay reads of an event (e: events, or a copy of it),
 * without FROM: id, ticket_id, kind, at, actor, status_from, status_to,
 * unit, due_date, method, rating, text, the answer's date, the snapshot.
 */
#define STORE_REPLAY_EVENT_SELECT \
	"SELECT e.id, e.ticket_id, e.kind, e.at, e.actor, e.status_from, e.status_to, e.unit," \
	" e.due_date, e.method, e.rating, e.text, json_extract(e.state, '$.answer_date')," \
	" CASE WHEN e.kind IN ('register', 'backfill', 'import', 'baseline', 'correct', 'follow')" \
	" THEN e.state END"
/*
 * Replay the events events steps through (STORE_REPLAY_EVENT_SELECT rows of
 * one ticket, in order, bound): *out gets the row they lead to, *n how many
 * there were.  1 when every event followed from those before it; 0 when
 * one did not (*out is then the row before it, all zero when the history
 * does not begin with a snapshot); -1 after an error.  Release *out.
 */
int store_replay_events(struct store *s, sqlite3_stmt *events, struct ticket *out, int64_t *n);

/* Migration 3: rebuild events with their state and hashes (store.c's table). */
int store_migrate_chain(struct store *s);

/* ---- the unit directory (store-unit.c) ---- */

/*
 * A unit as it stands (unit events carry it): u is units; the names it
 * goes by, sorted.  merged_into is the id of the unit it went into.
 */
#define STORE_UNIT_SNAPSHOT \
	"json_object('id', u.id, 'name', u.name, 'contact', u.contact, 'phone', u.phone," \
	" 'merged_into', u.merged_into, 'names', (SELECT json_group_array(name) FROM" \
	" (SELECT n.name AS name FROM unit_names n WHERE n.unit_id = u.id ORDER BY n.name)))"

/*
 * This ledger's own station name: the station_name setting when it was
 * set, else the name a restored export gave it (the stations table), else
 * the setting's default.  Caller frees.
 */
char *store_own_station_name(struct store *s);

/* Migration 4: the directory begins with the units tickets were handed to. */
int store_units_seed(struct store *s);
/*
 * Inside the caller's write transaction: the unit a handover names.  A
 * name of the directory (a former or merged one too) gives the unit's
 * current name in *canonical; a new one is added to the directory, with
 * its event (text says why).  *canonical is a new string.
 */
int store_unit_ensure(struct store *s, const char *name, const struct actor *who, const char *why,
		      char **canonical);

/* Record unit id as it now stands: a ledger event of kind (unit-add …) whose state is its snapshot. */
int store_unit_record(struct store *s, int64_t id, const char *kind, const struct actor *who, const char *text);

/* "STATION DATE" of a reception day, for day events (caller frees); NULL if none. */
char *store_day_label(struct store *s, int64_t day_id);

/*
 * The JSON object of a ticket's whole row as a snapshot (register, import
 * and baseline events carry it; replay starts from it).  t is the tickets
 * table, d its reception day.
 */
#define STORE_TICKET_SNAPSHOT \
	"json_object('number', t.number, 'station', t.station, 'year', t.year, 'seq', t.seq," \
	" 'check_code', t.check_code, 'day', d.date, 'position', t.position, 'name', t.name," \
	" 'phone', t.phone, 'address', t.address, 'category', t.category, 'issue', t.issue," \
	" 'deputy', t.deputy, 'status', t.status, 'unit', t.unit, 'due_date', t.due_date," \
	" 'answer_method', t.answer_method, 'answer_date', t.answer_date," \
	" 'answer_text', t.answer_text, 'rating', t.rating, 'closed_at', t.closed_at," \
	" 'closed_by', t.closed_by, 'close_note', t.close_note, 'void_reason', t.void_reason," \
	" 'extra', json(t.extra), 'created_at', t.created_at, 'updated_at', t.updated_at," \
	" 'follow_deputy', t.follow_deputy)"

/*
 * A reception day as it stands (day events carry it): t is not used, d is
 * reception_days; deputies sorted by name.
 */
#define STORE_DAY_SNAPSHOT \
	"json_object('station', d.station, 'date', d.date, 'place', d.place," \
	" 'opened_at', d.opened_at, 'opened_by', d.opened_by, 'closed_at', d.closed_at," \
	" 'closed_by', d.closed_by, 'deputies', (SELECT json_group_array(name) FROM" \
	" (SELECT p.name AS name FROM day_deputies dd JOIN deputies p ON p.id = dd.deputy_id" \
	" WHERE dd.day_id = d.id ORDER BY p.name)))"

/* The snapshot of ticket id as JSON text (caller frees), or NULL after an error. */
char *store_ticket_snapshot(struct store *s, int64_t id);
/*
 * What a registration made before the chain is sealed with (migration 3,
 * and an import of an export made before it): ticket id's row as it was
 * registered — its status registered, the later steps' fields empty.
 */
char *store_ticket_register_state(struct store *s, int64_t id);

/* ---- the file layer (store-vfs.c) ---- */

/*
 * The name of the VFS ledgers are opened with (registered at the first
 * call): SQLite's default one, except that a WAL file that already exists
 * is not opened as if it were being created (no directory fsync).  NULL
 * when it cannot be set up: then SQLite's default is used as it is.
 */
const char *store_vfs(void);

/* ---- the search index (store-fts.c) ---- */

/*
 * The trigger that indexes each new ticket (migration 2).  Kept here because
 * bulk loads drop it for the length of a batch (store_fts_hold) and put it
 * back: a later migration that changes it must change this too.
 */
#define STORE_FTS_INSERT_TRIGGER \
	"CREATE TRIGGER tickets_fts_insert AFTER INSERT ON tickets BEGIN\n" \
	"  INSERT INTO tickets_fts(rowid, number, name, phone, issue, address)\n" \
	"  VALUES(new.id, new.number, new.name, replace(new.phone, '-', ''), new.issue, new.address);\n" \
	"END;\n"

/*
 * For a batch (inside its transaction): stop indexing each insert and say
 * where the batch's tickets start (*first); store_fts_resume() indexes them
 * all at once and puts the trigger back.  FTS5 flushes its pending index at
 * every statement that writes it through a trigger, which made bulk loads
 * several times slower than indexing the rows together.
 */
int store_fts_hold(struct store *s, int64_t *first);
int store_fts_resume(struct store *s, int64_t first);

/* Register the jiedai tokenizer on the connection; STORE_OK or STORE_IO. */
int store_fts_register(struct store *s);
/* Migration 2: fill tickets_fts from the tickets already there, with progress. */
int store_fts_build(struct store *s);
/* 1 when JIEDAI_SEARCH=scan asks every search to use the LIKE scan. */
int store_search_scan_forced(void);
/* Report progress of long work through the routine set with store_set_progress(). */
void store_progress(const char *what, int64_t done, int64_t total);
/*
 * Long work in one statement whose amount is not known in advance (PRAGMA
 * integrity_check, say): between begin and end, SQLite's progress handler
 * reports it every quarter of a second as store_progress(what, n, 0), n
 * counting up; end reports it done (what, 1, 1).  what is lent until end.
 */
void store_phase_begin(struct store *s, const char *what);
void store_phase_end(struct store *s);

/*
 * A read transaction: every read between the two sees one state of the
 * ledger.  They nest: inside store_snapshot_begin() (or another
 * store_read_begin()) they do nothing but count, so a reader that opens its
 * own transaction (the report, the export) joins a snapshot its caller holds.
 */
int store_read_begin(struct store *s, const char *what);
void store_read_end(struct store *s);

#endif
