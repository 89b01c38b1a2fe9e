/*
 * store-duty.c — the SQL behind the deputies' duty record (duty.h).
 *
 * The figures the record shares with the statistics are the report's own
 * (store_report_load(), read in the same transaction), so the two cannot
 * drift apart.  Here are only what the report does not hold: the dates of
 * the days each deputy attended, and the items each followed through to
 * 销号.  Both reach the period's rows through their date indexes
 * (reception_days_date, tickets_created), as the report does.
 */
#include "duty.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chain.h"
#include "error.h"
#include "i18n.h"
#include "store-internal.h"
#include "ticket.h"
#include "xmalloc.h"

/*
 * Who follows which ticket of the period through (?1 from, ?2 the day
 * after to): one row (name, ticket_id) per deputy and ticket.  Today the
 * receiving deputy alone.  This is the one place the rule lives: the
 * follow-up deputy (跟进代表) joins it here, as one more SELECT after a
 * UNION, and every figure of following through follows.
 */
#define DUTY_FOLLOWS \
	"SELECT t.deputy AS name, t.id AS ticket_id FROM tickets t" \
	" WHERE t.created_at >= ?1 AND t.created_at < ?2 AND t.deputy <> ''" \
	" UNION SELECT t.follow_deputy, t.id FROM tickets t" \
	" WHERE t.created_at >= ?1 AND t.created_at < ?2 AND t.follow_deputy <> ''"

static const char sql_signed[] =
	"WITH f AS (" DUTY_FOLLOWS ")"
	" SELECT f.name, count(*), sum(t.rating = '" RATING_GOOD "'), sum(t.rating = '" RATING_FAIR "')"
	" FROM f JOIN tickets t ON t.id = f.ticket_id WHERE t.status = 'closed' GROUP BY f.name";

/* The days each deputy was on the list of (?1 from, ?2 to: dates, inclusive). */
static const char sql_days[] =
	"SELECT p.name, d.date, d.station FROM reception_days d"
	" JOIN day_deputies dd ON dd.day_id = d.id JOIN deputies p ON p.id = dd.deputy_id"
	" WHERE d.date BETWEEN ?1 AND ?2 ORDER BY p.name, d.date, d.station";

static int by_name(const void *a, const void *b)
{
	const struct duty_deputy *x = a, *y = b;

	return strcmp(x->name, y->name);
}

/* The record of name, added (all zero) when there is none yet. */
static struct duty_deputy *record(struct duty *d, const char *name, size_t sorted)
{
	struct duty_deputy probe = { .name = (char *)name }, *dep = NULL;

	if (sorted)
		dep = bsearch(&probe, d->dep, sorted, sizeof(*d->dep), by_name);
	for (size_t i = sorted; !dep && i < d->n; i++)
		if (!strcmp(d->dep[i].name, name))
			dep = &d->dep[i];
	if (dep)
		return dep;
	d->dep = xreallocarray(d->dep, d->n + 1, sizeof(*d->dep));
	dep = &d->dep[d->n++];
	memset(dep, 0, sizeof(*dep));
	dep->name = xstrdup(name);
	dep->fig.key = NULL;
	return dep;
}

static int load(struct store *s, struct duty *d, const char *next)
{
	struct report rep;
	unsigned char hash[CHAIN_HASH_LEN];
	sqlite3_stmt *st;
	size_t sorted;
	int r;

	r = store_report_load(s, d->from, d->to, NULL, &rep);
	if (r != STORE_OK) {
		report_release(&rep);
		return r;
	}
	for (size_t i = 0; i < rep.ndeputy; i++) {
		struct duty_deputy *dep;

		/* Tickets without a receiving deputy (an old ledger's) have nobody's record. */
		if (!*rep.by_deputy[i].key)
			continue;
		dep = record(d, rep.by_deputy[i].key, 0);
		dep->fig = rep.by_deputy[i];
		dep->fig.key = NULL;
		dep->fig.station = NULL;
	}
	report_release(&rep);
	if (d->n)
		qsort(d->dep, d->n, sizeof(*d->dep), by_name);
	sorted = d->n;

	st = store_stmt(s, sql_signed);
	if (!st)
		return STORE_IO;
	sqlite3_bind_text(st, 1, d->from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, next, -1, SQLITE_STATIC);
	while (store_row(s, st, "duty", &r)) {
		struct duty_deputy *dep = record(d, (const char *)sqlite3_column_text(st, 0), sorted);

		dep->signed_off = sqlite3_column_int64(st, 1);
		dep->signed_good = sqlite3_column_int64(st, 2);
		dep->signed_fair = sqlite3_column_int64(st, 3);
	}
	store_done(st);
	if (r != STORE_OK)
		return r;
	if (d->n > sorted) {
		qsort(d->dep, d->n, sizeof(*d->dep), by_name);
		sorted = d->n;
	}

	st = store_stmt(s, sql_days);
	if (!st)
		return STORE_IO;
	sqlite3_bind_text(st, 1, d->from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, d->to, -1, SQLITE_STATIC);
	while (store_row(s, st, "duty", &r)) {
		struct duty_deputy *dep = record(d, (const char *)sqlite3_column_text(st, 0), sorted);

		dep->days = xreallocarray(dep->days, dep->ndays + 1, sizeof(*dep->days));
		dep->days[dep->ndays].date = store_col_str(st, 1);
		dep->days[dep->ndays].station = store_col_str(st, 2);
		dep->ndays++;
	}
	store_done(st);
	if (r != STORE_OK)
		return r;
	if (d->n > sorted)
		qsort(d->dep, d->n, sizeof(*d->dep), by_name);

	r = store_chain_head(s, &d->events, hash);
	if (r == STORE_OK)
		chain_anchor(hash, d->anchor);
	return r;
}

/* Keep only the record of name (the others released). */
static void keep_only(struct duty *d, const char *name)
{
	size_t k = 0;

	for (size_t i = 0; i < d->n; i++) {
		if (!strcmp(d->dep[i].name, name)) {
			d->dep[k++] = d->dep[i];
			continue;
		}
		for (size_t j = 0; j < d->dep[i].ndays; j++) {
			free(d->dep[i].days[j].date);
			free(d->dep[i].days[j].station);
		}
		free(d->dep[i].days);
		free(d->dep[i].name);
	}
	d->n = k;
}

int store_duty_load(struct store *s, const char *from, const char *to, const char *deputy, struct duty *d)
{
	char next[CLOCK_DATE_LEN];
	int r;

	memset(d, 0, sizeof(*d));
	snprintf(d->from, sizeof(d->from), "%s", from);
	snprintf(d->to, sizeof(d->to), "%s", to);
	clock_today(d->today);
	if (clock_add_days(to, 1, next) < 0)
		return STORE_REFUSED;
	if (deputy) {
		enum role role;

		r = store_person_role(s, deputy, &role);
		if (r == STORE_NOTFOUND)
			error(_("there is no deputy '%s' in the ledger"), deputy);
		if (r != STORE_OK)
			return r;
	}
	d->station_name = store_own_station_name(s);
	/* One read transaction: the dates, the figures and the check code of one state. */
	r = store_read_begin(s, "duty");
	if (r != STORE_OK)
		return r;
	r = load(s, d, next);
	store_read_end(s);
	if (r == STORE_OK && deputy) {
		keep_only(d, deputy);
		if (!d->n)
			record(d, deputy, 0);
	}
	return r;
}
