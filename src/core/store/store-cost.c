/*
 * store-cost.c — what the connection's statements cost, as SQLite counts it
 * (store_cost_watch, store.h): for the tests and benchmarks that hold a
 * screen to reading only what it shows.
 *
 * SQLite calls the profile callback (sqlite3_trace_v2, SQLITE_TRACE_PROFILE)
 * once per run of a statement, when it ends or is reset; the statement's
 * counters are read and cleared there, so a cached statement counts each run
 * once.  Pages come from the connection's cache counters, which see every
 * page fetched, by whatever statement.
 */
#include "store.h"

#include <string.h>

#include "store-internal.h"

static int on_profile(unsigned what, void *arg, void *p, void *x)
{
	struct store *s = arg;
	sqlite3_stmt *st = p;

	if (what != SQLITE_TRACE_PROFILE)
		return 0;
	s->cost.statements++;
	s->cost.vm_steps += sqlite3_stmt_status(st, SQLITE_STMTSTATUS_VM_STEP, 1);
	s->cost.fullscan_steps += sqlite3_stmt_status(st, SQLITE_STMTSTATUS_FULLSCAN_STEP, 1);
	s->cost.sorts += sqlite3_stmt_status(st, SQLITE_STMTSTATUS_SORT, 1);
	s->cost.ns += *(const sqlite3_int64 *)x;
	return 0;
}

void store_cost_watch(struct store *s, int on)
{
	s->cost_on = !!on;
	sqlite3_trace_v2(s->db, on ? SQLITE_TRACE_PROFILE : 0, on ? on_profile : NULL, s);
}

void store_cost_get(struct store *s, struct store_cost *c)
{
	int hit = 0, miss = 0, hi = 0;

	*c = s->cost;
	/* The connection's own counters, since it opened (they are ints: 2^31 pages is far). */
	sqlite3_db_status(s->db, SQLITE_DBSTATUS_CACHE_HIT, &hit, &hi, 0);
	sqlite3_db_status(s->db, SQLITE_DBSTATUS_CACHE_MISS, &miss, &hi, 0);
	c->pages = (int64_t)hit + miss;
	c->misses = miss;
}
