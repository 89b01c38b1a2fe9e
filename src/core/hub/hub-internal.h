/*
 * hub-internal.h — shared by the hub*.c files only: where libpq's handles
 * live.  Nothing outside the hub includes this.
 */
#ifndef JIEDAI_HUB_INTERNAL_H
#define JIEDAI_HUB_INTERNAL_H

#include <libpq-fe.h>

#include "hub.h"
#include "strbuf.h"

struct hub {
	PGconn *conn;
	int in_push;		/* a push's transaction is open */
	/* The push in the making: its station, and the batches not yet sent. */
	char *code, *name;
	int masked, practice;
	struct strbuf events, voters;	/* JSON objects, comma-separated */
	size_t nevents, nvoters;
	char last_state[8];	/* SQLSTATE of the last failed hub_query() */
	char last_detail[512];	/* its DETAIL */
	char last_message[512];	/* its message */
};

/* Run SQL that returns nothing useful; HUB_OK or HUB_IO after a message naming what. */
int hub_exec(struct hub *h, const char *sql, const char *what);
/*
 * Run SQL with text parameters; the result (PQclear it), or NULL when it
 * failed, with a message when what is not NULL, and SQLSTATE, DETAIL and
 * message kept in h->last_*.
 */
PGresult *hub_query(struct hub *h, const char *sql, int n, const char *const *params, const char *what);
/* Report a failed result (or the connection's error when res is NULL); HUB_IO. */
int hub_fail(struct hub *h, PGresult *res, const char *what);
/*
 * The connection broke (the server stopped, the link dropped): say so in
 * the user's language, that nothing of a push was kept and to push again
 * — never the server's own words (FATAL:, a PL/pgSQL context).  HUB_IO.
 */
int hub_broke(struct hub *h);
/* Did the last hub_query() fail because the connection broke or the server ended it?  1 or 0. */
int hub_cut_off(struct hub *h);
/*
 * A read of the hub (held, seals, digests, figures, the register) failed
 * in hub_query(..., NULL): say why for people (this login may not read
 * that; the link broke; the hub failed).  HUB_REFUSED or HUB_IO.
 */
int hub_read_refused(struct hub *h);
/* The schema version found (0: no hub here), or -1 after a message. */
int hub_schema_found(struct hub *h);
/* Strip trailing newlines and blanks in place. */
void hub_trim(char *s);

/*
 * The SQL of the push and of the figures: parts of migration 1 (hub-push.c,
 * hub-report.c), migration 2 (hub-push.c) and migration 3 (both).
 */
extern const char hub_push_sql_1[];
extern const char hub_push_sql_2[];
extern const char hub_push_sql_3[];
extern const char hub_rederive_3[];
extern const char hub_report_sql_1[];
extern const char hub_report_sql_3[];

#endif
