/*
 * store-write.h — the store's functions that change the ledger.
 *
 * Only the gate (ledger.c), the store itself, and the bulk loader behind the
 * gate (gen.c) include this file: every change goes through ledger_apply(),
 * which checks who may and records the event (ledger.h).  A test greps the
 * tree to keep it so (tests/e2e/t0100-gate.sh).  Unit tests of the store
 * may include it too.
 */
#ifndef JIEDAI_STORE_WRITE_H
#define JIEDAI_STORE_WRITE_H

#include "export.h"
#include "role.h"
#include "store.h"

/*
 * Make this ledger, which must be new (no ticket, day or event yet), of what
 * can still be read of the damaged ledger at from (store-recover.c says
 * how); from is only read.  One batch: all or nothing.  *stats says what
 * came back.  STORE_OK, STORE_REFUSED (this ledger is not new, from is not
 * a ledger of this schema) or an error.
 */
int store_recover(struct store *s, const char *from, const struct actor *who, struct recover_stats *stats);

/*
 * Batches, for bulk loads only (jiedai gen), never for intake: one BEGIN
 * IMMEDIATE transaction around many calls that would each commit on their
 * own, with synchronous=OFF and a large page cache while it lasts.  (Not
 * savepoints: FTS5 flushes its pending index at every savepoint, which made
 * a bulk load ten times slower.)  The first call that fails spoils the batch:
 * later calls return STORE_IO, and store_batch_end(s, 1) rolls everything
 * back and returns STORE_IO, so numbering stays gapless.  Otherwise
 * store_batch_end(s, 1) commits and store_batch_end(s, 0) rolls back.
 */
int store_batch_begin(struct store *s);
int store_batch_end(struct store *s, int keep);

/*
 * Merge the search index into one piece, as after a bulk load (jiedai gen
 * does it at the end).  Takes seconds at a million tickets; holds the write
 * lock meanwhile.
 */
int store_optimize(struct store *s);

/*
 * Set a known key after checking the value; STORE_REFUSED with a message
 * otherwise.  The change is an event of the ledger (old and new value) in
 * the same transaction; setting a key to the value it has does nothing.
 */
int store_setting_set(struct store *s, const char *key, const char *value, const struct actor *who);

/* Find or create a deputy by name (within a transaction or alone); *id set. */
int store_deputy_ensure(struct store *s, const char *name, int64_t *id);

/*
 * Open the reception day for date (today if NULL) with the deputies present
 * (names; created when new) and the place.  A day already open for that date
 * gains the deputies; a closed one is reopened; an open day of an earlier
 * date is closed first (*closed_other is set to its date, caller frees).
 * A date before today is an earlier day entered for its paper records
 * (补录): it is created closed (or, when the ledger has it, gains the
 * deputies and place as it stands), and the day open today stays open.
 */
int store_day_open(struct store *s, const char *date, char *const *deputies, const char *place,
		   const struct actor *who, char **closed_other);
/* Close the open day; STORE_NOTFOUND when none is open. */
int store_day_close(struct store *s, const struct actor *who, struct reception_day *closed);
/*
 * Close the day held on date (NULL: the open one); STORE_NOTFOUND when there
 * is none, STORE_REFUSED when it is closed already.
 */
int store_day_close_on(struct store *s, const char *date, const struct actor *who,
		       struct reception_day *closed);

/*
 * Store a new ticket: number, check code and position are allocated in the
 * same transaction.  Values must already be validated.  On STORE_OK *out is
 * filled from the database (caller releases).
 */
int store_ticket_add(struct store *s, const struct intake *in, const struct actor *who,
		     struct ticket *out);

/*
 * Apply a step to the ticket with this id: checks the life cycle inside
 * the transaction (STORE_REFUSED with the reason when illegal), updates the
 * ticket and appends the event.  *out (may be NULL) gets the new state.
 * STORE_NOTFOUND with a message when there is no such ticket.
 */
int store_ticket_step_id(struct store *s, int64_t id, const struct step *st, const struct actor *who,
			 struct ticket *out);
/* The same for the ticket with this number (as stored) or "#ID". */
int store_ticket_step(struct store *s, const char *number, const struct step *st,
		      const struct actor *who, struct ticket *out);

/*
 * Correct (更正) the ticket with this number: the members of fix that are
 * not NULL replace the ticket's name, phone, address, category, issue and
 * receiving deputy ("" clears phone or address; an empty name, category or
 * issue, or a deputy not present on the ticket's reception day, is
 * refused), and fix->extra_json is merged into its station fields (RFC 7396:
 * a null removes one).  The number, the life cycle and the history stay;
 * the voter's record follows the new name, phone and address.  One
 * "correct" event keeps the old and the new values ({"old":{…},"new":{…}},
 * the new one as replay.h reads it).  Nothing changed is STORE_REFUSED.
 * *out gets the ticket afterwards, *what (caller frees) the fields
 * corrected, for people.
 */
int store_ticket_correct(struct store *s, const char *number, const struct intake *fix,
			 const struct actor *who, struct ticket *out, char **what);

/*
 * Give the ticket with this number to deputy to follow up (跟进代表), move
 * it to another, or take it back (deputy ""): the ticket's follow_deputy
 * changes, and one "follow" event keeps the new one and the one before
 * ({"follow_deputy":"…","before":"…"}, as replay.h reads it); the life
 * cycle and updated_at stay.  STORE_REFUSED with the reason: nothing
 * changes; a name that is not an active deputy of the ledger (staff and
 * the head see every voter already); giving a void or signed-off item.
 * Taking it back is allowed in any state.  *out gets the ticket afterwards.
 */
int store_ticket_follow(struct store *s, const char *number, const char *deputy, const struct actor *who,
			struct ticket *out);

/* Append a non-state event (print, reprint …) to a ticket. */
int store_ticket_note_event(struct store *s, int64_t ticket_id, const char *kind, const char *text,
			    const struct actor *who);

/*
 * Save a half-typed form for a login and the person working on it (replaces
 * their draft of the same form): on a shared login each person's drafts are
 * their own.
 */
int store_draft_save(struct store *s, const char *login, const char *person, const char *form,
		     const char *ticket, const char *data_json);
int store_draft_delete(struct store *s, int64_t id);

/*
 * Record that personal data was taken out of the ledger (a backup, an
 * export, the internal register): kind is the step's name, what says what
 * and where.
 */
int store_note_take(struct store *s, const char *kind, const char *what, const struct actor *who);

/* ---- the unit directory (store-unit.c) ---- */

/*
 * Add a unit (name trimmed and checked by the gate).  A unit already in the
 * directory under that name gets the contact and phone given (non-NULL);
 * *changed (may be NULL) says whether anything was written.  A name that is
 * another unit's former or merged name is refused.  Each change is a ledger
 * event with the unit's state.
 */
int store_unit_add(struct store *s, const char *name, const char *contact, const char *phone,
		   const struct actor *who, int *changed);
/* Give unit `from` (any of its names) the name `to`; its old name stays one of its names. */
int store_unit_rename(struct store *s, const char *from, const char *to, const struct actor *who);
/*
 * Merge unit `from` into unit `into`: every name of `from` now means
 * `into`; `from` stays, marked as merged.  Tickets are not changed.
 */
int store_unit_merge(struct store *s, const char *from, const char *into, const struct actor *who);
/*
 * A chase slip (督办单) was made for these tickets: a "chase" event on each
 * (text says where it went), in one transaction.  It changes no ticket.
 */
int store_chase_record(struct store *s, const int64_t *ids, size_t n, const char *text,
		       const struct actor *who);

/* ---- logins (store-people.c) ---- */
int store_user_set(struct store *s, const char *login, const char *deputy, enum role role,
		   const struct actor *who);
int store_shared_login_add(struct store *s, const char *login, const struct actor *who);

/* ---- import (store-import.c): begun only through ledger_import_begin() ---- */
int store_import_begin(struct store *s, const struct actor *who, struct import **out);

#endif
