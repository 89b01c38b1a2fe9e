/*
 * pushjob.h — push the station's ledger (or a JSON Lines export of it,
 * carried from a station without a network) to the county's hub, in one
 * transaction: everything the hub does not hold yet, from the newest
 * record it acknowledged on.  `jiedai push` and the close of a reception
 * day (on the command line and on the screen) come through here.  The
 * rules are in src/core/hub/hub.h; what leaves the station in
 * src/core/store/push.h.
 *
 * Before anything is sent the station's history is held against the hub's
 * copy: the hub's newest record must be the ledger's record of that number,
 * seal for seal (else the history was rewritten since, and the first record
 * that differs is named, found by halving).  The records to send must match
 * their own seals: each is checked in the pass that streams it, and one
 * that does not stops the push (the hub keeps nothing).  Then the push is
 * recorded in the ledger (a take, like an export, through the gate) and its
 * record sent too, before the rows and the hub's commit.
 */
#ifndef JIEDAI_PUSHJOB_H
#define JIEDAI_PUSHJOB_H

#include <stdint.h>
#include <stdio.h>

#include "jd.h"

/*
 * Push the ledger (from NULL) or the export file from to the hub at url,
 * saying what was pushed on out; progress (may be NULL) is called with a
 * label as records are read and sent.  0, or an EXIT_* code after a message.
 */
int pushjob_run(struct jd *jd, const char *url, const char *from, FILE *out,
		void (*progress)(const char *what, int64_t done, int64_t total));

/*
 * After a reception day is closed: push when the setting hub_url is set and
 * the person may push, saying on out what happened (a hub that cannot be
 * reached is said, never a failure of the close).  0, or the push's exit code.
 */
int pushjob_after_close(struct jd *jd, FILE *out,
			void (*progress)(const char *what, int64_t done, int64_t total));

#endif
