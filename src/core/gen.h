/*
 * gen.h — made-up ledgers for training, tests and benchmarks.
 *
 * gen_ledger() fills a ledger with tickets as a county's stations would
 * have taken them over several years of monthly reception days: made-up
 * voters (common surnames, given names from common characters — no real
 * people), 11-digit mobile phones and some landlines, villages (X村Y组),
 * issues in the words stations use, the station's categories, and every
 * step of the life cycle up to today, each recorded at its own made-up date
 * through the store, so numbers, events and positions are what real use
 * would have left.  With a station code, the ledger is that one station's.  The same seed gives the same ledger (check codes
 * aside, which are random by design).
 */
#ifndef JIEDAI_GEN_H
#define JIEDAI_GEN_H

#include <stdint.h>

struct store;
struct forms;
struct actor;

struct gen_opts {
	int64_t tickets;		/* how many to add */
	uint64_t seed;
	int years;			/* spread over this many years, ending today */
	/*
	 * NULL: a county of stations AA, AB … as the number asks; a code: one
	 * station's ledger, every ticket under that code, which becomes the
	 * ledger's station code (a practice station for a hub, say).
	 */
	const char *station;
	const struct forms *forms;	/* categories and answer methods; NULL: the shipped ones */
	const struct actor *who;	/* who runs it: the settings it changes record them */
	/* Progress (may be NULL): what, done of total, a last call with done == total. */
	void (*progress)(const char *what, int64_t done, int64_t total);
};

/*
 * Add o->tickets tickets to the ledger, many per transaction (a bulk load,
 * never an intake path: nothing is durable until each batch commits).  The
 * station code setting is left as it was, or set to o->station when given.
 * Returns a store result.
 */
int gen_ledger(struct store *s, const struct gen_opts *o);

#endif
