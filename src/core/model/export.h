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
 * transaction; see store_import_begin().  The store's functions that write
 * and read this format are declared in store.h and store-write.h; this
 * header holds the format and the outside shapes of a ticket (CSV/XLSX
 * columns, Open311).
 */
#ifndef JIEDAI_EXPORT_H
#define JIEDAI_EXPORT_H

#include <stddef.h>
#include <stdint.h>

#include "sheet.h"

struct strbuf;
struct ticket;

#define EXPORT_FORMAT "jiedai-ledger"

/*
 * The line writer of a JSON Lines export (store_export_jsonl()'s line
 * callback) when arg is the FILE to write: the line and a newline.  0, or
 * -1 with a message.
 */
int export_jsonl_put(void *file, const char *json, size_t len);
#define EXPORT_VERSION 2

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

#endif
