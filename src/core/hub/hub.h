/*
 * hub.h — the county's hub: a PostgreSQL database that stations push their
 * ledgers to, and that county figures are read from.
 *
 * Every statement the hub runs is here and in hub-*.c (SQLite's stay in
 * store*.c); nothing here draws on a screen.  The hub holds, per station
 * (keyed by station code): its history (every event, with the hash the
 * station sealed it with, chain.h), its tickets (keyed by number), its
 * reception days, its people (deputies) and the units it hands items to,
 * and a record of each push.  What must stay true:
 *
 *  - a push is one PostgreSQL transaction: it is kept whole or not at all,
 *    whether it is refused, cut off (kill -9, a dropped link) or sent again;
 *  - a station's events at the hub run 1, 2, 3 … with no gap, each pushed
 *    event chains from the one before it (the hub recomputes the hash from
 *    the event's fields with PostgreSQL's sha256(), the same canonical
 *    encoding as chain.c), and the first event of a push chains from the
 *    hash the hub already holds: a station whose history was rewritten
 *    after an earlier push is refused;
 *  - events the station masked (hub_personal = masked: voters' names,
 *    phones, addresses and the station's own fields never leave it) cannot
 *    be recomputed; the hub keeps the station's seal for them and marks
 *    them unverified, and only a masked station may send such events;
 *  - the hub's ticket rows are derived from the events, at the hub (a
 *    station never sends a row): each is the replay of its history, and a
 *    history that does not replay (a step from a status the ticket did not
 *    have, a ticket registered twice …) is refused;
 *  - after each push the hub's ticket rows of the station, digested field
 *    by field, add up (XOR of SHA-256) to what the station's own rows add up
 *    to: a row edited behind jiedai's back, even one no event touched since
 *    the last push, is refused;
 *  - a station code is bound to one PostgreSQL login by the county before
 *    its first push, and only that login may push it; a station's login
 *    reads its own station's copy and figures and nothing else, a county
 *    reader (jiedai_reader) reads everything, and no login writes a table
 *    or calls a function behind the one entry point (hub-push.c).
 *
 * Credentials come only from libpq's usual places (~/.pgpass, PGSERVICE,
 * PGPASSFILE): an address with a password in it is refused.
 */
#ifndef JIEDAI_HUB_H
#define JIEDAI_HUB_H

#include <stddef.h>
#include <stdint.h>

struct report;
struct strbuf;
struct ticket;

/* The hub's schema version this program knows (migrations in hub.c). */
#define HUB_SCHEMA_VERSION 3

/* Results: HUB_OK, or why not (a message was given through error()). */
enum hub_result {
	HUB_OK = 0,
	HUB_REFUSED,	/* the hub or the station's history said no: nothing was kept */
	HUB_CONNECT,	/* no connection, wrong credentials, another schema version */
	HUB_IO,		/* the connection broke, or the hub failed */
};

/* The exit code for a hub result (README: 0, 1 refused, 3 no hub or I/O). */
int hub_exit_code(int result);

struct hub;

/*
 * Connect to the hub at url (a libpq URI or key=value string; the password
 * comes from ~/.pgpass or the service file, never from url) and check its
 * schema: need_schema 1 asks for a hub made by `jiedai hub init` at this
 * program's version; 0 only connects (for hub init).  Returns HUB_OK with
 * *out set, or HUB_CONNECT after a message in the user's language.
 */
int hub_connect(const char *url, int need_schema, struct hub **out);
void hub_close(struct hub *h);

/*
 * The address as it may be shown and recorded: the database, host and
 * user, never a password.  Caller frees.
 */
char *hub_describe(const char *url);

/*
 * Create or upgrade the hub's schema (jiedai) in the connected database,
 * in one transaction; name is the hub's name for reports (NULL keeps it),
 * practice makes a hub that takes only practice ledgers; upto (0: this
 * program's version) stops at an older version (tests make old hubs with
 * it).  The schema and everything in it belong to the role jiedai_owner
 * (made NOLOGIN when missing, as are jiedai_station and jiedai_reader),
 * whoever runs it: a superuser, or a member of jiedai_owner.  *from gets
 * the version found.  HUB_OK, or HUB_REFUSED (a newer schema, not UTF-8,
 * not allowed to create it) after a message.
 */
int hub_init(struct hub *h, const char *name, int practice, int upto, int *from);
/* How many ticket rows an upgrade set aside in jiedai.set_aside (no history led to them). */
int hub_set_aside_count(struct hub *h, int64_t *n);

/* ---- stations and their logins (hub-station.c) ---- */

/*
 * The county binds each station code to the PostgreSQL login that pushes
 * it, before the first push; a push for a code bound to no login, or to
 * another, is refused.  Run by the hub's owner (or a superuser); every
 * binding is recorded in jiedai.bindings (who, when, from which login).
 *
 * hub_station_add: bind code (new at the hub) to login, a member of
 * jiedai_station that exists; name (may be NULL) is the station's name in
 * reports.  hub_station_rebind: the code to another login (a replaced
 * laptop, a leaked password), with a note (may be NULL).  Both HUB_OK, or
 * HUB_REFUSED after a message (a bad code, no such login, bound already,
 * not bound, not the owner).
 */
int hub_station_add(struct hub *h, const char *code, const char *login, const char *name);
int hub_station_rebind(struct hub *h, const char *code, const char *login, const char *note);

struct hub_station_row {
	char *code, *name, *login, *bound_at, *last_push;
	int64_t events, rebinds;
};
/* Every station, by code; free with hub_station_rows_free(). */
int hub_station_list(struct hub *h, struct hub_station_row **rows, size_t *n);
void hub_station_rows_free(struct hub_station_row *rows, size_t n);

/* ---- push (hub-push.c) ---- */

/* What a station says about itself when it pushes. */
struct hub_station {
	const char *code, *name;
	int masked;		/* hub_personal = masked */
	int practice;		/* a practice ledger (jiedai gen) */
};

/* The hub's view of a station when a push begins. */
struct hub_head {
	int64_t events;				/* how many it holds (0: new) */
	unsigned char hash[32];			/* the newest one's seal */
	unsigned char first[32];		/* event 1's seal (a history's identity) */
};

/*
 * Begin a push: one transaction that locks the station at the hub (a second
 * push of the same station waits for the first), and refuses a code bound
 * to no login or to another, a practice ledger on a real hub (and the
 * reverse) and a change of hub_personal.  Fills *head.  The station's
 * values are kept for the calls below.
 */
int hub_push_begin(struct hub *h, const struct hub_station *st, struct hub_head *head);

/*
 * What the hub holds of station code, as far as this login may see (its
 * own station, or any for a reader), read only: HUB_OK with *head, or
 * HUB_REFUSED when it holds nothing the login may see (no message), or
 * another result after a message.
 */
int hub_held(struct hub *h, const char *code, struct hub_head *head);

/* Event id's seal and what it was, as the hub holds it (for naming a rewrite). */
struct hub_event_info {
	unsigned char hash[32];
	char kind[32], ticket[64], at[32];
};
/* All zero when the hub holds no such event. */
int hub_event_at(struct hub *h, const char *code, int64_t id, struct hub_event_info *out);

/*
 * What a push sends, batched (a batch goes to the hub's staging tables when
 * it is large, the rest with hub_push_commit()): an event (the canonical
 * fields in chain.h's order — id as text first —, its seal, and whether the
 * station masked it); and for each ticket those events touch, its voter's
 * key (the number of the voter's first ticket), the one field of a ticket's
 * row its history does not carry.  The hub derives the ticket rows from the
 * events itself.  HUB_OK, or a refusal/failure after a message.
 */
int hub_push_event(struct hub *h, const char *const fields[18], const unsigned char hash[32], int masked);
int hub_push_voter(struct hub *h, const char *number, const char *voter);

struct hub_push_stats {
	int64_t events, verified, unverified, tickets_new, tickets_updated;
};

/*
 * Check everything sent and keep it, or refuse: rows_xor is the XOR of
 * the station's ticket digests (hub_row_digest), last/last_hash its newest
 * event; from_file says where it came from (recorded).  On HUB_OK the
 * transaction is committed.  On a refusal the transaction is rolled back
 * and the message names the event or ticket; *why (may be NULL) gets the
 * kind of refusal (HUB_WHY_*).
 */
enum hub_why { HUB_WHY_NONE, HUB_WHY_ROWS, HUB_WHY_CHAIN, HUB_WHY_OTHER };
int hub_push_commit(struct hub *h, const unsigned char rows_xor[32], int64_t last,
		    const unsigned char last_hash[32], int from_file, struct hub_push_stats *stats,
		    enum hub_why *why);
/* Give up a push (rolls back); safe after any failure. */
void hub_push_abort(struct hub *h);

/*
 * The hub's digest of each of the station's tickets, for naming the rows
 * that differ after HUB_WHY_ROWS: fn(number, digest, arg) for each; fn
 * returns 0 to go on.
 */
int hub_ticket_digests(struct hub *h, const char *code,
		       int (*fn)(const char *number, const unsigned char digest[32], void *arg), void *arg);

/*
 * The fields of a ticket row in the order the digest takes them: number,
 * station, year, seq, check_code, day_date, position, voter, name, phone,
 * address, category, issue, deputy, status, unit, due_date, answer_method,
 * answer_date, answer_text, rating, closed_at, closed_by, close_note,
 * void_reason, extra, created_at, updated_at.  The digest is SHA-256 over
 * "jiedai-row-1" and the fields, each encoded as chain.h encodes an event's.
 */
#define HUB_ROW_FIELDS 28
void hub_row_digest(const char *const fields[HUB_ROW_FIELDS], unsigned char out[32]);

/* ---- county figures (hub-report.c) ---- */

/*
 * The statistics of report.h, computed in PostgreSQL over every station's
 * tickets at the hub (or station's alone when station is not NULL), with
 * the same definitions as store_report_load(), plus the table by unit.
 */
int hub_report_load(struct hub *h, const char *from, const char *to, const char *station,
		    struct report *r);

/*
 * The register (register.h) from the hub: fn for each ticket taken from..to
 * (void ones left out), in order of station and number, with the voter's
 * name and phone already masked as on the public register (stations that
 * push masked send them so; the others are masked here) and no address:
 * fill the register's rows as given (register_row_fill(…, 1)).
 */
int hub_register_list(struct hub *h, const char *from, const char *to, const char *station,
		      int (*fn)(const struct ticket *t, void *arg), void *arg);

/* The hub's name (for titles); caller frees. */
char *hub_name(struct hub *h);

#endif
