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
extern const char STORE_TICKET_COLUMNS[];

#endif
