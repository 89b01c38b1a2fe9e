/*
 * store.h — the ledger database (SQLite).  Every SQLite statement of
 * jiedai lives in store/ (store*.c); the county hub's PostgreSQL statements
 * live in hub/ (hub.h).  t0115 finds SQL anywhere else.
 *
 * What must stay true:
 *  - a ticket is never deleted and its number never changes or vanishes;
 *    mistakes are voided with a reason (triggers enforce it);
 *  - ticket events are append-only (triggers reject UPDATE and DELETE);
 *  - numbers are gapless per station and year: allocated from a counter row
 *    in the same BEGIN IMMEDIATE transaction that stores the ticket;
 *  - every write runs inside BEGIN IMMEDIATE, so concurrent writers wait for
 *    the lock instead of failing half-way;
 *  - the connection runs WAL with synchronous=FULL: once a call that stores a
 *    ticket returns STORE_OK, the ticket survives a power cut, and only then
 *    may a receipt be printed.
 *
 * Functions return enum store_result; messages go through error().
 */
#ifndef JIEDAI_STORE_H
#define JIEDAI_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "role.h"
#include "ticket.h"

struct store;
struct strbuf;
struct actor;

enum store_result {
	STORE_OK = 0,
	STORE_REFUSED = 1,	/* bad input or an illegal step: exit code 1 */
	STORE_NOTFOUND = 2,	/* no such ticket/day: exit code 1 */
	STORE_BUSY = 3,		/* the database stayed locked: exit code 3 */
	STORE_IO = 4,		/* disk, permissions, corruption: exit code 3 */
	STORE_INTERRUPTED = 5,	/* a read stopped by store_set_interrupt()'s check (no message) */
};

/* Exit code of a command for a store result (0, 1 or 3). */
int store_exit_code(int result);

#define STORE_CREATE 1		/* create the file (and its directory) if missing */
#define STORE_READONLY 2
#define STORE_INIT 4		/* an existing empty file may become a ledger (jiedai init) */
#define STORE_CHECK 8		/* opened for jiedai check: damage met while opening is said for it */

/* The schema version this program writes (PRAGMA user_version). */
int store_schema_version(void);

/*
 * Open (and migrate) the database at path.  Migrations run in one
 * transaction.  A missing file is an error unless STORE_CREATE is given.
 * A new file gets mode 0660 in a setgid (shared) directory, 0600 otherwise.
 * Only a jiedai ledger is opened (marked by PRAGMA application_id, or made
 * by a jiedai before the mark): another program's database is refused, and
 * so is an empty file unless this open created it or STORE_INIT is given.
 * A ledger that cannot be written (a read-only file system, a full disk, a
 * file or directory this person may not write) is opened for reading;
 * every write then fails saying which of these it is (store-open.c).
 * A ledger found damaged (SQLITE_CORRUPT) takes no more writes.
 */
int store_open(const char *path, int flags, struct store **out);
void store_close(struct store *s);
const char *store_path(const struct store *s);
/* 1 when the file was created by this open. */
int store_created(const struct store *s);
/* 1 when the ledger is shared: it lives in a set-group-ID directory (jiedai init --shared). */
int store_is_shared(const struct store *s);

/*
 * Busy handling.  By default a locked database is waited on for 10 s
 * (busy_timeout), then STORE_BUSY.  The screen sets limit_ms < 0 to wait for
 * as long as it takes, and a notify callback that says "saving…" (waiting=1)
 * and clears it (waiting=0).
 */
void store_set_busy(struct store *s, int limit_ms, void (*notify)(void *arg, int waiting), void *arg);

/*
 * The calendar of public holidays the store counts deadlines with
 * (workdays.h; lent, may be NULL: then only weekends are days off, with a
 * warning).  Deadlines given in days — a handover of N days, the fresh
 * deadline after 不满意 or a reopen — are counted with it and the station's
 * deadline_unit; a deadline is always stored as a date.
 */
struct calendar;
void store_set_calendar(struct store *s, const struct calendar *cal);

/*
 * Who is reading: name (copied) sees in full only the voters of the tickets
 * they received (the ticket's deputy) or were given to follow up (its
 * follow_deputy, STEP_FOLLOW in ledger.h) — printing a receipt, answering
 * or rating an item grants nothing; every other ticket comes out of the
 * store with the voter's name, phone and address masked (张*明,
 * 138****8000, 青松**; struct ticket's masked is set), and searches and
 * phone look-ups match those tickets only by number and issue.  NULL:
 * everything in full (staff, the head, the administrator).  Who is which
 * is identity_viewer().
 */
void store_set_viewer(struct store *s, const char *name);
/*
 * A public output — the public register, the day's list, a chase slip, the
 * Open311 export — is one sheet whoever makes it: it is made from the
 * ledger alone and masks every voter by its own rule, never from what this
 * reader may see (a voter the store masked already would be masked a
 * second time, differently: 138****8000 became *******8000).  While public
 * is 1, every ticket is read in full whatever store_set_viewer() said.
 * Returns what it was, to be set back.  Only code that masks every voter
 * it writes reads so: register.h (store_register_list(), public), daysheet.h,
 * chase.h and export_open311()'s caller.
 */
int store_read_public(struct store *s, int public);

/*
 * Reads that give way (the screen, while a person types): while check is
 * set, a long query calls it every few milliseconds, and when it returns
 * non-zero the query stops and its function returns STORE_INTERRUPTED
 * without a message.  Set it only around reads: a write interrupted half
 * way is rolled back like any failed write, and is not what a key asks.
 * NULL: queries run to their end (the default).
 */
void store_set_interrupt(struct store *s, int (*check)(void *arg), void *arg);

/* PRAGMA data_version: changes when another connection commits. */
int64_t store_data_version(struct store *s);

/*
 * What this connection's statements cost, counted by SQLite itself, for
 * tests and benchmarks (store-cost.c): after store_cost_watch(s, 1) every
 * statement that runs to its end or is reset adds its virtual-machine
 * steps, full-scan steps and sorts (sqlite3_stmt_status) and its time; the
 * pages are every page the connection fetched, from its cache or from the
 * file (SQLITE_DBSTATUS_CACHE_HIT + _MISS), the statements' own or not.
 * The counts only grow; a caller takes two and subtracts.  Off by default
 * (it costs a callback per statement).
 */
struct store_cost {
	int64_t statements;
	int64_t vm_steps;	/* SQLITE_STMTSTATUS_VM_STEP */
	int64_t fullscan_steps;	/* SQLITE_STMTSTATUS_FULLSCAN_STEP: rows walked by a full scan */
	int64_t sorts;		/* SQLITE_STMTSTATUS_SORT */
	int64_t pages;		/* pages fetched */
	int64_t misses;		/* of them, read from the file (not in the cache) */
	int64_t ns;		/* the statements' time, as SQLite measures it */
};
void store_cost_watch(struct store *s, int on);
void store_cost_get(struct store *s, struct store_cost *c);

/* Transactions for multi-step work (BEGIN IMMEDIATE / COMMIT / ROLLBACK). */
int store_begin(struct store *s);
int store_commit(struct store *s);
void store_rollback(struct store *s);
/*
 * One snapshot for several reads (the papers of an archive): between the
 * two calls every read sees the ledger as it stood at the first, while
 * others keep saving.  Nothing may be written in between.  Returns
 * STORE_OK or an error (reported); store_snapshot_end() always ends it.
 */
int store_snapshot_begin(struct store *s);
void store_snapshot_end(struct store *s);



/*
 * Long work inside store_open() (building the search index of a ledger made
 * before it) and bulk loads report progress to this routine: what is a
 * translated sentence, done counts up to total, and a last call has
 * done == total.  The default (NULL) is silent; the CLI draws a bar on a
 * terminal.
 */
void store_set_progress(void (*fn)(const char *what, int64_t done, int64_t total));

/* ---- settings (store-settings.c) ---- */

struct setting_info {
	const char *key;
	const char *defval;
	const char *help;	/* N_() text */
};
/* The known settings, NULL-terminated (key == NULL). */
const struct setting_info *store_settings_known(void);
/*
 * Value of a setting, its default when unset, or "" for unknown keys.
 * Caller frees.  When the ledger cannot be read the error is reported and
 * the default comes back; inside a write transaction that write then
 * fails (store_row).
 */
char *store_setting(struct store *s, const char *key);
int store_setting_int(struct store *s, const char *key);
/*
 * A check of a setting's value that needs a module above the store: where
 * receipts go (print_dest, printer.c), whether the receipt's QR code still
 * holds the URL (qr_url, receipt.c).  It returns a translated complaint,
 * or NULL when the value is good; s is the ledger, to read other settings.
 * store_setting_set() calls it after the store's own checks, for a value
 * that is not empty.  Each such module registers its checks itself when it
 * is linked in (a constructor), so no program that prints can forget them
 * and the store includes nothing of printing.
 */
typedef const char *(*setting_check)(struct store *s, const char *value);
void store_setting_check_register(const char *key, setting_check fn);

/* ---- people (store-people.c) ---- */

/* Names of all active deputies, NULL-terminated; free with u8_lines_free(). */
char **store_deputy_names(struct store *s);

/* ---- the users table: which login acts as whom (store-people.c) ---- */
/* STORE_OK with *deputy and *role, or STORE_NOTFOUND. */
int store_user_get(struct store *s, const char *login, char **deputy, enum role *role);
struct user_row {
	char *login, *deputy;
	enum role role;
};
int store_user_list(struct store *s, struct user_row **rows, size_t *n);
/* The role recorded for a deputy or staff member: STORE_OK or STORE_NOTFOUND. */
int store_person_role(struct store *s, const char *name, enum role *role);
/* Is login one of the shared accounts?  Add one. */
int store_shared_login(struct store *s, const char *login);
void store_user_rows_free(struct user_row *rows, size_t n);

/* ---- the unit directory (承办单位, store-unit.c) ---- */

/*
 * A unit that items are handed to, with its contact person and phone.  A
 * unit has one current name and may go by others: a former name (after a
 * rename) or another spelling merged into it (水利站 into 镇水利站).  A
 * ticket keeps the unit its events recorded; lists and figures read that
 * name through the directory, so every name of a unit counts for it.
 */
struct unit {
	int64_t id;
	char *name, *contact, *phone;
	char *merged_into;	/* the unit it was merged into (its name now), or NULL */
	char **names;		/* the other names it goes by, sorted, NULL-terminated */
	int64_t in_hand;	/* its tickets handed over and not answered yet (已交办) */
	int64_t overdue;	/* of those, past their deadline today */
};
void unit_release(struct unit *u);
void units_free(struct unit *units, size_t n);
/*
 * The unit a name means now (any of its names; a merged one gives the unit
 * it went into): STORE_OK with *u filled, or STORE_NOTFOUND (no message).
 */
int store_unit_get(struct store *s, const char *name, struct unit *u);
/*
 * The directory in name order, with counts; merged units too when merged
 * is set.  *units is an array of *n (units_free).
 */
int store_unit_list(struct store *s, int merged, struct unit **units, size_t *n);
/* The current names of the directory, sorted, NULL-terminated (u8_lines_free). */
char **store_unit_names(struct store *s);

/*
 * A 督办 event as the archive reads it back (store_chase_history()): the
 * item, the unit it was in hand with then (the name its handover recorded)
 * and the deadline in force then.  Strings are lent until fn returns.
 */
struct chase_record {
	int64_t event_id, ticket_id;
	const char *at, *actor, *what;	/* the event: when, who, where the slip went */
	const char *unit;		/* "" when the history names none */
	const char *due;		/* NULL when there was no deadline */
	const char *number, *created_at, *category, *issue;
};
/*
 * Every 督办 event on this station's tickets dated from..to (dates,
 * inclusive), in the order the slips were made (time, person, what, id),
 * to fn (0 to go on, 1 to stop, -1 to stop after an error it reported).
 * Reads every event of the ledger: there is no index by kind.
 */
int store_chase_history(struct store *s, const char *from, const char *to,
			int (*fn)(const struct chase_record *c, void *arg), void *arg);

/* ---- stations of a county ledger (store-unit.c) ---- */

/* The name of the station with this code ("" when not known; caller frees). */
char *store_station_name(struct store *s, const char *code);

/* ---- reception days (store-day.c) ---- */

struct reception_day {
	int64_t id;
	char *date, *place, *opened_at, *opened_by, *closed_at, *closed_by;
	int visitors;		/* distinct voters received */
	int tickets;		/* tickets taken that day */
	char **deputies;	/* NULL-terminated names */
};
void reception_day_release(struct reception_day *d);

/* The open reception day, if any: STORE_OK with *d filled, or STORE_NOTFOUND. */
int store_day_current(struct store *s, struct reception_day *d);
/* Dates of the most recent reception days, newest first, NULL-terminated (u8_lines_free). */
char **store_day_recent(struct store *s, int n);
/*
 * The dates of this station's reception days from..to (inclusive), in
 * order, NULL-terminated (u8_lines_free); NULL after a message when they
 * could not be read.
 */
char **store_day_dates(struct store *s, const char *from, const char *to);
/* The reception day held on date. */
int store_day_get(struct store *s, const char *date, struct reception_day *d);
/*
 * Is name among the deputies present on reception day day_id?  1 or 0, and
 * *ndeputies (may be NULL) the number present; -1 after a message.
 */
int store_day_has_deputy(struct store *s, int64_t day_id, const char *name, int *ndeputies);
/*
 * The receiving deputy to offer for a ticket of reception day day_id taken
 * by who (caller frees), or NULL when none stands out:
 *   1. the one last chosen on this terminal: the deputy of the newest ticket
 *      of that day registered from the same login, by the same person, from
 *      the same client address (the SSH client's, "" on the machine itself);
 *   2. the person acting, when present that day;
 *   3. the only deputy present, when there is just one.
 * Nothing is kept for this but the ledger itself.
 */
char *store_day_default_deputy(struct store *s, int64_t day_id, const struct actor *who);

/*
 * The most recent reception days of every station (a county ledger holds
 * several), newest first: id, station code and date.  *days is an array of
 * *n (day_refs_free).
 */
struct day_ref {
	int64_t id;
	char *station, *date;
};
int store_day_refs(struct store *s, int max, struct day_ref **days, size_t *n);
void day_refs_free(struct day_ref *days, size_t n);

/* ---- tickets (store-ticket.c) ---- */

/* Who does something: recorded with every event. */
struct actor {
	const char *name;	/* the person (deputy or staff name) */
	const char *login;	/* Unix login */
	const char *client;	/* SSH client address, or "" */
};

struct intake {
	const char *name, *phone, *address, *category, *issue;
	const char *deputy;		/* receiving deputy; NULL: the actor */
	/*
	 * 补录: the earlier reception day (YYYY-MM-DD, in the ledger) whose paper
	 * record this is; NULL: today's open day.  The ticket gets that day's
	 * date and its 第N位, a number in order of entry, and a first event of
	 * kind "backfill" (who entered it, and when) instead of "register".
	 */
	const char *day;
	int64_t voter_id;		/* > 0: the same voter as an earlier ticket */
	const char *extra_json;		/* JSON object of station fields, or NULL */
	const char *spot_text;		/* answered on the spot (现场答复), or NULL */
	const char *spot_method;	/* how (当面 by default) */
	const char *spot_rating;	/* rated at once, or NULL */
};


/*
 * Find a ticket by ledger number (case-insensitive), or by its database id
 * when the text is "#ID".  STORE_NOTFOUND with a message.  A scanned QR
 * payload is not read here: lookup_payload() (lookup.h) checks its check
 * code first.
 */
int store_ticket_get(struct store *s, const char *number, struct ticket *out);
int store_ticket_get_id(struct store *s, int64_t id, struct ticket *out);
/*
 * The id of the ticket with this number, or 0 when there is none (reports
 * nothing then); -1 when the ledger could not be read (reported).
 */
int64_t store_ticket_find(struct store *s, const char *number);
/* How many numbers of station's year were given out (*n, 0 when none). */
int store_numbers_given(struct store *s, const char *station, int year, int64_t *n);

struct step {
	enum ticket_action action;
	const char *unit;		/* handover */
	const char *due_date;		/* handover: YYYY-MM-DD */
	int due_days;			/* handover: N days from today instead (counted by deadline_unit) */
	const char *method;		/* answer */
	const char *date;		/* answer: when it was answered (today if NULL) */
	const char *text;		/* answer text, or the note/reason */
	const char *rating;		/* rate */
	const char *extra_json;		/* station fields of the follow-up form */
};

/*
 * Who registered ticket id and when: the person and time of its first
 * register (or import) event (caller frees both).  STORE_OK, or
 * STORE_NOTFOUND when it has none.
 */
int store_ticket_registration(struct store *s, int64_t id, char **actor, char **at);
/*
 * Was ticket id a paper record entered afterwards (补录)?  STORE_OK with
 * who entered it and when (*actor, *at; caller frees), or STORE_NOTFOUND.
 */
int store_ticket_backfilled(struct store *s, int64_t id, char **actor, char **at);

/* Count events of a kind for a ticket (e.g. how many prints); -1 when they could not be read (reported). */
int store_ticket_count_events(struct store *s, int64_t ticket_id, const char *kind);

/* Events of a ticket in order; *events is an array of *n (free with store_events_free). */
int store_ticket_events(struct store *s, int64_t ticket_id, struct ticket_event **events, size_t *n);
void store_events_free(struct ticket_event *events, size_t n);

enum ticket_order {
	ORDER_NUMBER,		/* ledger order (oldest first) */
	ORDER_NEWEST,		/* newest first */
	ORDER_DUE,		/* by deadline, soonest first; none last */
};

struct ticket_filter {
	int status;		/* enum ticket_status, or -1 for any */
	int open_only;		/* not closed or void */
	const char *category;
	int overdue;
	const char *day;	/* taken on this date (YYYY-MM-DD) */
	const char *from, *to;	/* taken between these dates (inclusive) */
	const char *phone;	/* exact normalised phone */
	int64_t voter_id;
	/*
	 * Handed to this unit: the unit's recorded name is any name the
	 * directory gives that unit (or exactly this text when the directory
	 * does not know it).
	 */
	const char *unit;
	const char *station;	/* of this station (its code, letters in any case) */
	int64_t day_id;		/* taken on this reception day */
	/*
	 * Words, all of which must appear in the number, name, phone (dashes
	 * ignored), issue or address; letters match in either case.  Answered
	 * through the search index when the ledger has one, with exactly the
	 * result of the LIKE scan (the reference); at most STORE_SEARCH_WORDS
	 * words count.
	 */
	const char *text;
	int scan;		/* 1: answer text with the LIKE scan, never the index */
	enum ticket_order order;
	/* keyset pagination: continue after this row (0: from the start) */
	int64_t after_id;
	const char *after_key;	/* for ORDER_DUE: the due date of that row ("" for none) */
	int inclusive;		/* include the after row itself */
	int reverse;		/* walk backwards from the after row (for paging up) */
	int limit;		/* 0: no limit */
	/*
	 * Exactly these tickets (nids of them), in the filter's order, and no
	 * other condition: the ids come from store_ticket_keys() with the same
	 * filter, which applied them.  A screen reads a row it scrolls to so.
	 */
	const int64_t *ids;
	int nids;
};
#define TICKET_FILTER_INIT { .status = -1 }
#define STORE_SEARCH_WORDS 16

/*
 * Call fn for each matching ticket in order, one at a time (the whole ledger
 * is never held in memory).  fn returns 0 to go on, non-zero to stop.  The
 * ticket passed is released after fn returns.
 */
int store_ticket_list(struct store *s, const struct ticket_filter *f,
		      int (*fn)(const struct ticket *t, void *arg), void *arg);
/*
 * Number of matching tickets.  With f->limit > 0, counting stops there
 * (*count is then at most the limit: "that many or more").
 */
int store_ticket_count(struct store *s, const struct ticket_filter *f, int64_t *count);
/*
 * The same count, given at most budget_ms milliseconds: *complete is 1 when
 * *count is the count (up to f->limit), 0 when time ran out first and
 * *count is what was counted by then (a lower bound: "that many or more").
 * The screen counts its tabs this way at every pause in typing, so a word
 * only a scan can answer costs it a few milliseconds, not a second.
 */
int store_ticket_count_within(struct store *s, const struct ticket_filter *f, int budget_ms,
			      int64_t *count, int *complete);

/*
 * A ticket's place in a list's order: its id, and its deadline ("" for
 * none), which ORDER_DUE sorts by.  What keyset pagination continues from
 * (after_id, after_key).
 */
struct ticket_key {
	int64_t id;
	char due[11];
};
/*
 * The places of up to max matching tickets in f's order (keyset and
 * reverse as for store_ticket_list, f->limit ignored) into keys; *n of them.
 * No row is read whole: a screen keeps a window of the result this way and
 * reads the rows it shows by id (f->ids).  STORE_INTERRUPTED as any read.
 */
int store_ticket_keys(struct store *s, const struct ticket_filter *f, struct ticket_key *keys, int max, int *n);
/*
 * 1 when SQLite must sort the matching tickets to give them in f's order
 * (its plan says so: every page then costs the whole result), 0 when it
 * walks an index in that order (a page costs its rows), -1 on an error.
 */
int store_ticket_sorts(struct store *s, const struct ticket_filter *f);

/*
 * The counts of the list screen's four tabs for f's words, category and
 * day (its status, open_only and overdue are not looked at), in one walk
 * over the matching tickets in id order, which can stop and go on.
 */
struct ticket_tally {
	int64_t ready, overdue, open, all;	/* counted so far */
	int64_t after;		/* the last ticket counted (0: none yet) */
	int done;		/* 1: the walk is over: every count is whole, unless capped */
	int capped;		/* it stopped because every count reached cap ("that many or more") */
};
/*
 * Count on from where t is (zero it to begin) for at most budget_ms
 * milliseconds (0: no limit), until every count is at least cap (0: no cap)
 * or the walk ends (t->done).  STORE_OK with t->done 0 when time ran out
 * (the counts are what was counted: "that many or more"); STORE_INTERRUPTED
 * when the interrupt check stopped it (t is kept: the next call goes on).
 * Without words, category or day the counts come from the ledger's counts
 * per state and an index, whole at once.
 */
int store_ticket_tally(struct store *s, const struct ticket_filter *f, int cap, int budget_ms,
		       struct ticket_tally *t);

struct ledger_counts {
	int64_t today;		/* tickets taken today */
	int64_t visitors_today;	/* voters received today */
	int64_t open;		/* not closed or void */
	int64_t overdue;
	int64_t ready;		/* waiting for sign-off */
	int64_t total;
};
int store_counts(struct store *s, struct ledger_counts *c);

/* ---- numbers typed by people (store-find.c; lookup_resolve() in lookup.h reads them) ---- */

struct found_ticket {
	int64_t id;
	char *number;		/* the ledger number as stored */
};
void store_found_free(struct found_ticket *found, size_t n);
/*
 * The ticket numbered number exactly (letters in any case, full-width
 * forms and blanks around allowed), appended to *found (*n of them; an
 * array the caller frees with store_found_free).  STORE_OK whether or not
 * it was found; STORE_IO and the like after a message.
 */
int store_find_number(struct store *s, const char *number, struct found_ticket **found, size_t *n);
/*
 * Tickets with sequence number seq, of station (any case; NULL: any) and
 * year (0: any), appended to *found as above while *n < max, oldest year
 * first; a ticket already in *found is not added twice.
 */
int store_find_parts(struct store *s, const char *station, int year, int64_t seq,
		     struct found_ticket **found, size_t *n, size_t max);

/* ---- voters ---- */

struct voter {
	int64_t id;
	char *name, *phone, *address;
	int tickets;
	int masked;		/* the reader may not see this voter in full (store_set_viewer()) */
};
void voter_release(struct voter *v);
/* The voter most recently seen with this phone: STORE_OK or STORE_NOTFOUND. */
int store_voter_by_phone(struct store *s, const char *phone, struct voter *v);

/* ---- registers and reports (store-report.c; register.h and report.h lay them out) ---- */
/*
 * Call fn for each ticket taken from..to (dates, inclusive), in ledger order,
 * for the internal register (void tickets too, each as the reader may see
 * it) or the public one (internal 0: no void tickets, every voter in full
 * whoever reads, for register_row_fill() to mask); only station's (a code;
 * NULL: every station's).  fn returns 0 to go on, 1 to stop, -1 to stop
 * after an error it reported (then STORE_IO).  (SQL in store-report.c.)
 */
int store_register_list(struct store *s, const char *from, const char *to, int internal,
			const char *station, int (*fn)(const struct ticket *t, void *arg), void *arg);
struct report;
/*
 * Load the figures for the period from..to (dates, inclusive) as of today.
 * Categories and deputies come most tickets first (then by name), days by
 * date, stations by code, units most items first.  With station (a code,
 * or NULL for all), only that station's tickets and days count.  Every
 * reception day of the period is listed, and
 * every deputy present at one, even with no tickets; tickets taken outside
 * a reception day are one more row of by_day (day_id 0, key "", shown as
 * "(other days)").
 */
int store_report_load(struct store *s, const char *from, const char *to, const char *station,
		      struct report *r);
struct duty;
/*
 * The deputies' duty records (duty.h, which defines every figure) for the
 * period from..to (dates, inclusive) as of today, by name: every deputy
 * with a ticket of the period, a day attended or an item followed through;
 * with deputy, that one only (all zero when they did nothing in the
 * period; STORE_NOTFOUND with a message when the ledger has no such
 * person).  Release with duty_release().  (SQL in store-duty.c.)
 */
int store_duty_load(struct store *s, const char *from, const char *to, const char *deputy, struct duty *d);

/* ---- export and import (store-export.c, store-import.c; the format is in export.h) ---- */

/* Number of tickets in the ledger (void ones too), for progress bars. */
int store_export_count(struct store *s, int64_t *tickets);

/*
 * Write the whole ledger as JSON Lines: line() gets each line without its
 * newline (returns 0 to go on, -1 to stop with an error it reported);
 * tick() (may be NULL) gets the number of tickets written so far.
 */
int store_export_jsonl(struct store *s, int (*line)(void *arg, const char *json, size_t len),
		       void (*tick)(void *arg, int64_t done), void *arg);

/*
 * Every ticket in ledger order (void ones when include_void), with its
 * extra fields loaded as pairs, read in one snapshot.  fn returns 0 to go
 * on, 1 to stop, -1 to stop after an error it reported (then STORE_IO).
 */
int store_export_tickets(struct store *s, int include_void,
			 int (*fn)(const struct ticket *t, void *arg), void *arg);
/*
 * The keys of the station's own fields used by any ticket, in order of first
 * use (u8_lines_free); NULL when they could not be read (reported).
 */
char **store_extra_keys(struct store *s);

struct import_stats {
	int64_t tickets_added, tickets_updated, tickets_unchanged;
	int64_t events_added, voters_added, days_added, days_updated, deputies_added;
};

struct import;

/*
 * The longest texts an import takes, in characters: anything a person typed
 * into a form field, at most what any form may allow (FORM_MAXLEN_MAX);
 * a person's name (20 as typed) or, for someone not set up, their login.
 */
#define IMPORT_TEXT_MAX 5000
#define IMPORT_PERSON_MAX 64

/*
 * Start an import: one BEGIN IMMEDIATE transaction for the whole file, so
 * nothing is half-imported.  The rules:
 *  - a ticket keeps its station, year, number, check code, times and the
 *    actors of its events; it is the same ticket when number, station, year,
 *    seq and check code all match;
 *  - a ticket already here is brought up to date when the file has more of
 *    its history (or a later update); its history here must be the start of
 *    the file's, otherwise the import is refused; this ledger's own tickets
 *    (its own station code) are never changed by an import;
 *  - a number already used here by another ticket is refused (give each
 *    station its own code);
 *  - a new ticket with this ledger's own station code is refused, unless the
 *    ledger was empty (no tickets, no reception days: restoring a backup),
 *    so this station's numbering is never disturbed; for other stations the
 *    counter is raised to the highest number imported, never lowered;
 *  - reception days of other stations are added, or brought forward when
 *    the file's copy is at least as far along (as many voters, closed if
 *    closed here); this ledger's own days are never changed;
 *  - deputies are added by name, as deputies (roles here come from this
 *    ledger's own logins); ones already here are kept as they are;
 *  - importing the same file again changes nothing;
 *  - every value is held to the rules of typed input: the text rule of
 *    u8.h and the lengths above; phones as validate_phone() stores them;
 *    real dates (YYYY-MM-DD) and times (YYYY-MM-DD HH:MM:SS); station
 *    codes as the setting takes them; check codes of the alphabet; a
 *    number that agrees with its station, year and sequence
 *    (ticket_number_agrees()), registered in its year, a sequence of 1 to
 *    TICKET_SEQ_MAX, and for another station's ticket not a number this
 *    ledger's own number format could give (ticket_number_fits());
 *  - every ticket has a history, and its history leads to its row as
 *    `jiedai check` replays it (an export made before the chain is sealed
 *    as migration 3 sealed such a ledger, the row recorded where needed);
 *  - at the end, the numbers of every station and year the file brought
 *    are gapless, and every reception day it touched counts as many voters
 *    as its tickets' places: after an accepted import `jiedai check` finds
 *    nothing wrong.
 */
/* One line (without its newline); lineno counts from 1.  STORE_OK, or an error "line N: …". */
int store_import_line(struct import *im, const char *line, size_t len, long lineno);
/*
 * Check the file was complete (its end line seen, the counts right) and
 * commit; *stats says what changed.  Frees im whatever the result (a
 * refusal rolls everything back).
 */
int store_import_finish(struct import *im, struct import_stats *stats);
/* Roll back everything and free im (after a refused line). */
void store_import_abort(struct import *im);

/* ---- the hash chain (store-event.c) ---- */

/* The newest event's id and hash (id 0 and zeros for a ledger without events). */
int store_chain_head(struct store *s, int64_t *id, unsigned char hash[32]);

/*
 * Every event of the history in order, as who took which step: fn(e, arg)
 * for each (its strings lent for the call; state only for the kinds that
 * set up people and settings, 'user' and 'setting', else NULL), until fn
 * returns non-zero.  STORE_OK, or STORE_IO after a message.
 */
struct event_seen {
	int64_t id;
	const char *kind, *subject, *actor, *login, *ticket, *at, *state;
};
int store_events_scan(struct store *s, int (*fn)(const struct event_seen *e, void *arg), void *arg);

/* ---- backups and checks (store-admin.c) ---- */

/*
 * Copy the ledger to a new file dest (mode 0600) while others keep working,
 * then check the copy.  *tickets (may be NULL) gets the number of tickets in
 * it.  Refuses to overwrite an existing file.
 */
int store_backup(struct store *s, const char *dest, int64_t *tickets);
/*
 * Check the ledger: SQLite's integrity and foreign keys, gapless numbering,
 * the hash chain of its history, every ticket against the replay of its
 * events, every reception day, setting and login against its newest event,
 * the counters against the numbers given out, and the search index.
 * Appends one line per problem to report.  With anchor (a 台账校验码 as
 * printed, e.g. "3F9A-C21E-77B0"), also says whether the history still
 * holds the state it was printed from.  Returns STORE_OK with *res filled
 * (problems found, the chain's head as an anchor), STORE_REFUSED for an
 * anchor that cannot be one, STORE_IO when the ledger could not be read.
 */
struct check_result {
	int problems;
	int64_t events;		/* the newest event's id */
	char anchor[15];	/* the chain's head, "3F9A-C21E-77B0" */
	int anchor_given, anchor_found;
	int64_t anchor_event;	/* the event the given anchor names */
	/*
	 * SQLite finds the file itself damaged (its integrity check, or a
	 * damaged page met on the way): the checks of the history are not run,
	 * and report holds what is damaged and what can still be read
	 * (store_damage()) instead.
	 */
	int damaged;
	struct damage {
		int64_t tickets_read;	/* tickets whose rows can still be read */
		int64_t tickets_given;	/* numbers given out (the counters), -1 when unknown */
		int64_t events_read;	/* history records that can still be read */
		int64_t events_last;	/* the highest of their ids, -1 when none */
		int tables_damaged;	/* tables that cannot be read whole (not indexes: those are rebuilt) */
	} damage;
};
struct strbuf;
int store_check(struct store *s, const char *anchor, struct check_result *res, struct strbuf *report);

/*
 * What a damaged ledger still holds (store-recover.c), read without
 * writing: one line for people per damaged table or index (from SQLite's
 * page map, when it has one) and per table that cannot be read whole, and
 * the counts in *d.  STORE_OK, or STORE_IO when even that cannot be read.
 */
int store_damage(struct store *s, struct strbuf *report, struct damage *d);

/* What `jiedai recover` brought back (store_recover() in store-write.h, through ledger_recover()). */
struct recover_stats {
	int64_t tickets_whole;		/* row and whole history */
	int64_t tickets_from_history;	/* the row lost, rebuilt from the whole history */
	int64_t tickets_in_part;	/* with the part of their history that could be read */
	int64_t tickets_lost;		/* numbers whose ticket was lost: kept, void */
	int64_t tickets_read, events_read;	/* rows read of the damaged ledger */
	int tables_damaged;		/* its tables that could not be read whole */
};
/* The chain's head as a 台账校验码 (out: 15 bytes); STORE_OK or an error. */
int store_anchor(struct store *s, char out[15]);
/* Checks of parts added later (the search index); called by store_check. */
int store_check_extra(struct store *s, struct strbuf *report);

/* ---- drafts (store-draft.c) ---- */

/*
 * The newest draft of this login and person: STORE_OK with *form, *ticket
 * (may be NULL), *data and *saved_at set (caller frees), or STORE_NOTFOUND.
 */
int store_draft_get(struct store *s, const char *login, const char *person, int64_t *id, char **form,
		    char **ticket, char **data, char **saved_at);
/* Value of key in a JSON object (caller frees), or NULL. */
char *store_json_get(struct store *s, const char *json, const char *key);

#endif
