/*
 * chase.h — the chase slip (督办单) of a unit: its overdue items, for the
 * station to hand or send to the unit.
 *
 * The slip lists every item the unit has in hand (已交办) whose deadline
 * has passed, soonest deadline first, with the days each is overdue, under
 * the unit's name, contact person and phone; at its foot a request to
 * answer and lines to sign.  A unit is found by any of its names (the unit
 * directory, store.h), so items recorded under a merged spelling are on
 * its slip too.  Making a slip records nothing: the caller takes
 * STEP_CHASE through the gate (ledger.h) with the ids, which appends a 督办
 * event to each item once the slip was printed or written.  The slip is
 * one sheet whoever makes it: its rows are read from the ledger alone
 * (store_read_public()), never as the person making it may see them.
 */
#ifndef JIEDAI_CHASE_H
#define JIEDAI_CHASE_H

#include <stddef.h>
#include <stdint.h>

#include "paper.h"

struct store;

struct chase {
	struct paper paper;
	char *unit;		/* the unit's name now */
	int64_t *ids;		/* the tickets on the slip, in its order */
	size_t n;
};

/*
 * Build the slip of the unit called name (trimmed).  STORE_OK with *c
 * filled (release it); STORE_REFUSED with a message when the unit has no
 * overdue item (no slip to make); STORE_NOTFOUND when neither the
 * directory nor any ticket knows the name; STORE_IO.
 */
int chase_build(struct store *s, const char *name, struct chase *c);
void chase_release(struct chase *c);

/*
 * The slips made in from..to (dates, inclusive), made again from their 督办
 * events (store_chase_history()), for the archive: each the items of one
 * slip as it went out — the unit they were in hand with then and the
 * deadline in force then, the days overdue counted to the day it was
 * made — under the unit as the directory names it now (with its contact
 * now), with a line saying it was made again from whose record of when.
 * slip() gets each in the order they were made (at: the event's time,
 * actor: who made it); it returns 0 to go on, 1 to stop, -1 after an
 * error it reported.  STORE_OK, or an error (reported).
 */
int chase_history(struct store *s, const char *from, const char *to,
		  int (*slip)(const struct chase *c, const char *at, const char *actor, void *arg), void *arg);

#endif
