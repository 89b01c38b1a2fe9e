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
	int64_t batch_first;	/* the first ticket id of the batch */
	int version;		/* schema version (PRAGMA user_version) */
	int shared;		/* in a setgid directory: several Unix users share it */
	int search_index;	/* search through tickets_fts (schema 2 and not forced off) */
	int busy_limit_ms;
	int busy_waited_ms;
	int busy_notified;
	void (*busy_notify)(void *arg, int waiting);
	void *busy_arg;
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

/* Bind text, or NULL when v is NULL. */
int store_bind_text(sqlite3_stmt *st, int i, const char *v);
/* A copy of column i as a string (NULL for SQL NULL). */
char *store_col_text(sqlite3_stmt *st, int i);
/* A copy of column i, "" for SQL NULL. */
char *store_col_str(sqlite3_stmt *st, int i);

/* Begin and end the busy-wait notification around a write. */
void store_busy_reset(struct store *s);

/* For tests: open applying migrations only up to version (an old database). */
int store_open_version(const char *path, int version, struct store **out);
/* The raw connection, for tests that try to break the rules. */
sqlite3 *store_db(struct store *s);

/* Fill a ticket from the standard ticket query columns (TICKET_COLUMNS). */
void store_ticket_from_row(sqlite3_stmt *st, struct ticket *t);
/* The select list of a ticket row (t: tickets, d: reception_days), without FROM. */
#define STORE_TICKET_SELECT \
	"SELECT t.id, t.number, t.check_code, t.station, t.year, t.seq, t.day_id, d.date," \
	" t.position, t.voter_id, t.name, t.phone, t.address, t.category, t.issue, t.deputy," \
	" t.status, t.unit, t.due_date, t.answer_method, t.answer_date, t.answer_text, t.rating," \
	" t.closed_at, t.closed_by, t.close_note, t.void_reason, t.created_at, t.updated_at, t.extra"
/* STORE_TICKET_SELECT with its FROM clause. */
extern const char STORE_TICKET_COLUMNS[];

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

#endif
