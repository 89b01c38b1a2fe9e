/*
 * replay.h — a ticket's row worked out again from its history.
 *
 * The ledger keeps each ticket twice: as a row (what lists, searches and
 * registers read) and as its events (what happened, in order, chained by
 * hash).  `jiedai check` replays the events and compares: a row changed
 * behind jiedai's back no longer equals its replay.  This module is the
 * rule of replay, pure C with no database:
 *
 *  - a snapshot event (register, backfill — a paper record entered
 *    afterwards, 补录 —, import, baseline) sets every field from the
 *    snapshot it carries;
 *  - a life-cycle event sets the fields its step changes (ticket.h):
 *      handover   unit, due_date                  status_to
 *      answer     answer_method, answer_text, answer_date (its state)
 *      rate       rating, due_date when given (不满意)
 *      signoff    closed_at = at, closed_by = actor, close_note = text
 *      reopen     due_date, closed_at = NULL, closed_by = ""
 *      void       void_reason = text
 *      correct    the corrected fields (its state's "new" object)
 *    and updated_at = at; its status_from must be the status so far;
 *  - a follow event sets follow_deputy from its state (its "follow_deputy",
 *    "" when taken back) and nothing else, updated_at included;
 *  - any other event (print, reprint, chase …) changes nothing.
 */
#ifndef JIEDAI_REPLAY_H
#define JIEDAI_REPLAY_H

#include "ticket.h"

/* 1 when events of this kind carry a whole-row snapshot. */
int replay_is_snapshot(const char *kind);

/*
 * Apply event e to t.  snap is the event's snapshot (snapshot kinds) or
 * its corrected fields (correct, with unchanged fields NULL) or its state
 * read as a snapshot (follow: only follow_deputy is read), else NULL;
 * answer_date is the answer event's date.  Returns 0, or -1 with *why (a
 * translated sentence, static) when the event cannot follow the state so
 * far (no register first, a status_from that is not the status).
 */
int replay_apply(struct ticket *t, const struct ticket_event *e, const struct ticket *snap,
		 const char *answer_date, const char **why);

/*
 * Compare a row with its replay.  Returns NULL when equal, else the
 * translated label of the first field that differs (static), with *row_val
 * and *replay_val pointing at the two values ("" for NULL).
 */
const char *replay_compare(const struct ticket *row, const struct ticket *replayed,
			   const char **row_val, const char **replay_val);

#endif
