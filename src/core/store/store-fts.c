/*
 * store-fts.c — the search index in the database: the jiedai tokenizer on
 * each connection, building the index of a ledger made before it
 * (migration 2), and the loadable extension for the sqlite3 shell.
 *
 * Built with -DJIEDAI_FTS_EXTENSION (and fts.c beside it) this file is
 * jiedai_fts.so: `.load jiedai_fts` in the sqlite3 shell registers the same
 * tokenizer, so an administrator can write to a ledger whose triggers keep
 * tickets_fts in step (without it, writes fail with "no such tokenizer",
 * which is safe).
 */
#ifdef JIEDAI_FTS_EXTENSION
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1
#else
#include "store.h"

#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "store-internal.h"
#include "store-write.h"
#endif
#include "fts.h"

/*
 * FTS5 hands out its API through a pointer bound to SELECT fts5(?1): the
 * documented way, which works in an extension as well as in the program.
 */
static fts5_api *find_fts5(sqlite3 *db)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	return api;
}

#ifdef JIEDAI_FTS_EXTENSION

/* The only symbols the shared object exports (it is built with hidden visibility). */
#define EXPORT __attribute__((visibility("default")))

/* The entry point the sqlite3 shell looks for in jiedai_fts.so. */
EXPORT int sqlite3_jiedaifts_init(sqlite3 *db, char **err, const sqlite3_api_routines *api);

int sqlite3_jiedaifts_init(sqlite3 *db, char **err, const sqlite3_api_routines *api)
{
	fts5_api *fts;

	SQLITE_EXTENSION_INIT2(api);
	fts = find_fts5(db);
	if (!fts) {
		*err = sqlite3_mprintf("this SQLite has no FTS5");
		return SQLITE_ERROR;
	}
	return fts_register(fts);
}

/* The generic name, for loaders that do not derive one from the file name. */
EXPORT int sqlite3_extension_init(sqlite3 *db, char **err, const sqlite3_api_routines *api);

int sqlite3_extension_init(sqlite3 *db, char **err, const sqlite3_api_routines *api)
{
	return sqlite3_jiedaifts_init(db, err, api);
}

#else

int store_search_scan_forced(void)
{
	const char *e = getenv("JIEDAI_SEARCH");

	return e && !strcmp(e, "scan");
}

int store_fts_register(struct store *s)
{
	fts5_api *api = find_fts5(s->db);

	if (!api || fts_register(api) != SQLITE_OK) {
		error(_("this SQLite library has no full-text search (FTS5); jiedai needs it to search the ledger"));
		return STORE_IO;
	}
	return STORE_OK;
}

static int64_t max_ticket_id(struct store *s)
{
	static const char sql[] = "SELECT coalesce(max(id), 0) FROM tickets";
	sqlite3_stmt *st = store_stmt(s, sql);
	int64_t max = -1;
	int r = STORE_OK;

	if (!st)
		return -1;
	if (store_row(s, st, "tickets", &r))
		max = sqlite3_column_int64(st, 0);
	store_done(st);
	return max;
}

/*
 * Index the tickets with ids in (from, to], a slice at a time; what: the
 * progress text, or NULL (the caller reports the end).
 */
static int fill(struct store *s, int64_t from, int64_t to, const char *what)
{
	static const char sql[] =
		"INSERT INTO tickets_fts(rowid, number, name, phone, issue, address)"
		" SELECT id, number, name, phone, issue, address FROM tickets_fts_source"
		" WHERE id > ?1 AND id <= ?2";
	const int64_t slice = 20000;
	int r = STORE_OK;

	for (int64_t lo = from; lo < to && r == STORE_OK; lo += slice) {
		sqlite3_stmt *st;

		if (what)
			store_progress(what, lo - from, to - from);
		st = store_stmt(s, sql);
		if (!st)
			return STORE_IO;
		sqlite3_bind_int64(st, 1, lo);
		sqlite3_bind_int64(st, 2, lo + slice < to ? lo + slice : to);
		r = store_exec_stmt(s, st, "search index");
	}
	return r;
}

/*
 * Merge the index into one segment.  Filled in slices, it is left in many
 * segments of all sizes, and FTS5 would merge them, bit by bit, during the
 * next few thousand intakes: a few of those commits then take tens of
 * milliseconds (measured at a million tickets), and searches read more
 * segments until it is done.
 */
static int merge(struct store *s)
{
	static const char sql[] = "INSERT INTO tickets_fts(tickets_fts) VALUES('optimize')";

	return store_exec_stmt(s, store_stmt(s, sql), "search index");
}

/*
 * Fill the index from the tickets in id order, a slice at a time so the
 * progress bar moves; all inside the migration's transaction, so an
 * interrupted build leaves the ledger at schema 1, to be built next time.
 */
int store_fts_build(struct store *s)
{
	const char *what = _("Building the search index of this ledger (once)");
	int64_t max = max_ticket_id(s);
	int r;

	if (max < 0)
		return STORE_IO;
	r = fill(s, 0, max, what);
	if (r == STORE_OK && max > 0)
		r = merge(s);
	if (r == STORE_OK && max > 0)
		store_progress(what, max, max);
	return r;
}

int store_optimize(struct store *s)
{
	int r;

	if (s->version < 2)
		return STORE_OK;
	r = store_begin(s);
	if (r != STORE_OK)
		return r;
	r = merge(s);
	if (r != STORE_OK) {
		store_rollback(s);
		return r;
	}
	return store_commit(s);
}

int store_fts_hold(struct store *s, int64_t *first)
{
	static const char drop[] = "DROP TRIGGER tickets_fts_insert";
	int64_t max = max_ticket_id(s);

	if (max < 0)
		return STORE_IO;
	*first = max + 1;
	return store_exec_stmt(s, store_stmt(s, drop), "batch");
}

int store_fts_resume(struct store *s, int64_t first)
{
	int64_t max = max_ticket_id(s);
	int r;

	if (max < 0)
		return STORE_IO;
	r = fill(s, first - 1, max, NULL);
	if (r == STORE_OK) {
		char *msg = NULL;
		int rc = sqlite3_exec(s->db, STORE_FTS_INSERT_TRIGGER, NULL, NULL, &msg);

		sqlite3_free(msg);
		if (rc != SQLITE_OK)
			r = store_fail(s, rc, "batch");
	}
	return r;
}

#endif
