/*
 * push.h — what a push takes out of a ledger, or out of a JSON Lines export
 * (version 2) carried on a USB stick: the station's settings that decide
 * the push, its history from an event on, the voter's key of each ticket
 * that history touches, and the digests of all its ticket rows (the hub
 * derives the rows themselves from the history).
 * The SQL is SQLite's (store-push.c); hub.h sends it.
 *
 * What leaves the station goes through one place, here: with hub_personal
 * = masked (the default) a voter's name and phone leave as on the public
 * register (张*明, 138****8000), and the address, the receipt's check code
 * and the station's own fields (a ticket's extra fields, a step's data) do
 * not leave at all, in the snapshots events carry (and so in the rows the
 * hub derives from them, and in the rows digested here).
 * An event changed that way is marked masked: the hub cannot recompute its
 * seal and keeps the station's.
 */
#ifndef JIEDAI_PUSH_H
#define JIEDAI_PUSH_H

#include <stddef.h>
#include <stdint.h>

#include "hub.h"

struct store;
struct strbuf;

struct push_source;

/* The ledger s (lent: it must outlive the source) as what is pushed. */
int push_source_ledger(struct store *s, struct push_source **out);
/*
 * A JSON Lines export (version 2) as what is pushed, loaded into a scratch
 * database; progress (may be NULL) follows the bytes read.  Returns
 * STORE_OK, or STORE_REFUSED after a message naming the line (not an
 * export, version 1 without seals, cut short).
 */
int push_source_file(const char *path, void (*progress)(const char *what, int64_t done, int64_t total),
		     struct push_source **out);
void push_source_free(struct push_source *ps);

/* What the source says about its station; strings lent until the source is freed. */
struct push_info {
	const char *code, *name;
	int masked, practice;
	int64_t events;			/* the newest event's id */
	unsigned char head[32];		/* and its seal */
	const char *other;		/* a ticket or day of another station, or NULL */
};
int push_source_info(struct push_source *ps, struct push_info *info);

/* Event id's seal and what it was (kind, ticket or "", at); 0, or -1 when there is none. */
int push_source_event(struct push_source *ps, int64_t id, struct hub_event_info *out);

/*
 * Send events from..to to the hub (hub_push_event(); masked as the
 * station's setting says), holding each against its seal on the way: the
 * seal recomputed from the record as the ledger holds it, chained from the
 * one before.  tick (may be NULL) gets the events sent so far.  Returns
 * HUB_OK; HUB_REFUSED when records do not match their seals (*broken of
 * them, each named in report; the caller aborts the push, and nothing
 * after the first was sent); or another result after a message.
 */
int push_source_send_events(struct push_source *ps, struct hub *h, int64_t from, int64_t to,
			    struct strbuf *report, int *broken, void (*tick)(int64_t done, int64_t total));

/*
 * Then the voter's key of every ticket events from..to touch (the hub
 * derives the rest of each row from the events).  rows_xor gets what
 * push_source_rows_xor() gives, read in the same pass over the tickets.
 */
int push_source_send_rows(struct push_source *ps, struct hub *h, int64_t from, int64_t to,
			  unsigned char rows_xor[32]);

/* The XOR of the digests of all the station's ticket rows, as they leave (hub_row_digest). */
int push_source_rows_xor(struct push_source *ps, unsigned char out[32]);

/*
 * After the hub said the rows do not add up: name (in report) the tickets
 * whose row differs from the hub's copy, field by field where the ledger
 * can say, leaving out those touched by events from `from` on (the ones the
 * refused push carried).  Returns the number named, or -1.
 */
int push_source_diff_rows(struct push_source *ps, struct hub *h, int64_t from, struct strbuf *report);

/* "answer of ticket LJ-2026-0311, 2026-03-10 09:30:00" (caller frees). */
char *push_event_label(const struct hub_event_info *e);

/*
 * The hub's copy of station code as a witness of the source's history:
 * records 1..upto (both hold them) compared seal by seal.  Returns 0 when
 * they agree, 1 with *first the first record whose seal differs (found by
 * halving: a seal chains every record before it), or -1 after a message.
 */
int push_source_first_difference(struct push_source *ps, struct hub *h, const char *code, int64_t upto,
				 int64_t *first);

#endif
