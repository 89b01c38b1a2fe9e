/*
 * export.h — the ledger leaving the station, and coming into a county one.
 *
 * JSON Lines (store-export.c, store-import.c): the whole ledger, lossless,
 * one JSON object per line, in this order:
 *
 *   {"type":"header","format":"jiedai-ledger","version":2,"station":CODE}
 *   {"type":"deputy", name, role, phone, active, created_at}       by name
 *   {"type":"day", station, date, place, opened_at, opened_by,
 *                  closed_at, closed_by, visitors, deputies:[names]}  by station, date
 *   {"type":"voter", key, name, phone, address, created_at}
 *   {"type":"ticket", number, station, year, seq, check_code, day_station,
 *                  day_date, position, voter, name, phone, address, category,
 *                  issue, deputy, status, unit, due_date, answer_method,
 *                  answer_date, answer_text, rating, closed_at, closed_by,
 *                  close_note, void_reason, extra:{…}, created_at, updated_at,
 *                  follow_deputy,
 *                  events:[{id, at, kind, actor, login, client, status_from,
 *                  status_to, unit, due_date, method, rating, text, data:{…},
 *                  state:{…}, hash}]}
 *   {"type":"event", id, day, subject, at, kind, actor, login, client,
 *                  status_from, status_to, unit, due_date, method, rating,
 *                  text, data:{…}, state:{…}, hash}               by id
 *   {"type":"station", code, name}                                 by code
 *   {"type":"end", deputies, days, voters, tickets, events}        the counts
 *
 * The station lines name every station whose tickets or reception days
 * the export holds (version 2; a version 1 export has none, and an older
 * jiedai refuses a version 2 one): a county ledger shows the names beside
 * the codes.  Tickets come in ledger order (station, year, seq).  A voter is known by
 * the number of its first ticket (its key): the voter line comes right
 * before that ticket, and later tickets of the same voter name the key.
 * Missing values are null, never left out (follow_deputy, added with
 * schema 6, is "" when none; an import reads a file without it as "").
 * Internal row ids are not
 * exported: a ledger imported elsewhere gets its own.
 *
 * Version 2 carries the ledger's whole history with its seals (chain.h):
 * every event with its id and hash (hex), ticket events inside their
 * ticket, the others (reception days, settings, logins, takes, pushes) as
 * "event" lines, so a hub can check the chain from a file alone (jiedai push
 * --from).  A ticket's events never belong to a day or a subject.  The ids
 * and hashes are the exporting ledger's: an import re-seals what it takes
 * into the importing ledger's own chain and skips the "event" lines (they
 * are the other ledger's own business), so export → import → export is the
 * same apart from ids, hashes and those lines.  Version 1 files (no ids, no
 * hashes, no "event" lines) still import.  Not exported, because
 * they belong to one installation: settings, the users table (which login
 * acts as whom) and unsaved drafts.  The same ledger always exports to the
 * same bytes.
 *
 * Import (county roll-up) merges another station's export in one
 * transaction; see store_import_begin().
 */
#ifndef JIEDAI_EXPORT_H
#define JIEDAI_EXPORT_H

#include <stddef.h>
#include <stdint.h>

#include "sheet.h"

struct store;
struct strbuf;
struct ticket;

#define EXPORT_FORMAT "jiedai-ledger"
#define EXPORT_VERSION 2

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

/*
 * The columns of the whole-ledger CSV/XLSX export: the ticket's fields, then
 * one column per extra key (titled by the key).  Returns a new array of
 * *n columns; titles of extra columns are lent from extra_keys.
 */
struct sheet_column *export_columns(char *const *extra_keys, size_t *n);
/* The cells of t for those columns (new strings; free with export_cells_free). */
char **export_cells(const struct ticket *t, char *const *extra_keys, size_t n);
void export_cells_free(char **cells, size_t n);

/*
 * Open311 GeoReport v2: one service request object for t (void tickets are
 * not service requests: callers skip them).  No personal data: no name,
 * phone or check code; in the description the voter's name is masked and
 * any run of 7 or more digits (a phone number, in ASCII or full-width
 * digits, with spaces or dashes between its groups) is replaced by
 * asterisks (u8_mask_digits()).  The voter's address, masked to its first
 * two characters (the village: u8_mask_address()), is `address`, as in a
 * GeoReport v2 response (address_string is only what a client POSTs).
 * Made from the ticket in full (store_read_public()), it is the same
 * whoever exports it.
 * Times are ISO 8601 with the local UTC offset; expected_datetime is the end
 * of the deadline day.
 */
void export_open311(struct strbuf *sb, const struct ticket *t);

/* ---- import (store-import.c) ---- */

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

#endif
