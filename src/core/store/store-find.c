/*
 * store-find.c — the tickets a ledger number typed by a person may mean:
 * the one with exactly that number, or those whose parts (station code,
 * year, sequence number) match what lookup_parse_number() read (lookup.h).
 *
 * The parts are matched through the counters table, one row per station
 * and year, so each candidate is a look-up in the tickets' unique (station,
 * year, seq) index: a ledger of a million tickets is never scanned.
 */
#include "store.h"

#include <stdlib.h>
#include <string.h>

#include "store-internal.h"
#include "u8.h"
#include "xmalloc.h"

void store_found_free(struct found_ticket *found, size_t n)
{
	for (size_t i = 0; found && i < n; i++)
		free(found[i].number);
	free(found);
}

/* Append a row unless its ticket is there already; returns 1 when appended. */
static int add_found(struct found_ticket **found, size_t *n, int64_t id, char *number)
{
	for (size_t i = 0; i < *n; i++) {
		if ((*found)[i].id == id) {
			free(number);
			return 0;
		}
	}
	*found = xreallocarray(*found, *n + 1, sizeof(**found));
	(*found)[*n].id = id;
	(*found)[*n].number = number;
	(*n)++;
	return 1;
}

int store_find_number(struct store *s, const char *number, struct found_ticket **found, size_t *n)
{
	static const char sql[] = "SELECT id, number FROM tickets WHERE number = ?1 COLLATE NOCASE";
	char *trimmed = u8_trim(number), *folded = u8_fold(trimmed);
	sqlite3_stmt *st = store_stmt(s, sql);
	int rc;

	free(trimmed);
	if (!st) {
		free(folded);
		return STORE_IO;
	}
	sqlite3_bind_text(st, 1, folded, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		add_found(found, n, sqlite3_column_int64(st, 0), store_col_str(st, 1));
	store_done(st);
	free(folded);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return store_fail(s, rc, "find a ticket by number");
	return STORE_OK;
}

int store_find_parts(struct store *s, const char *station, int year, int64_t seq,
		     struct found_ticket **found, size_t *n, size_t max)
{
	static const char sql[] =
		"SELECT t.id, t.number FROM counters c CROSS JOIN tickets t"
		" ON t.station = c.station AND t.year = c.year AND t.seq = ?3"
		" WHERE (?1 IS NULL OR c.station = ?1 COLLATE NOCASE) AND (?2 = 0 OR c.year = ?2)"
		" ORDER BY c.year, c.station";
	sqlite3_stmt *st = store_stmt(s, sql);
	int rc = SQLITE_DONE;

	if (!st)
		return STORE_IO;
	store_bind_text(st, 1, station && *station ? station : NULL);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_int64(st, 3, seq);
	while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW)
		add_found(found, n, sqlite3_column_int64(st, 0), store_col_str(st, 1));
	if (*n >= max)
		rc = SQLITE_DONE;
	store_done(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, "find tickets by number");
	return STORE_OK;
}
