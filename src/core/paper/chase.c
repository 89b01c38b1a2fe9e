/* chase.c — see chase.h. */
#include "chase.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "store.h"
#include "strbuf.h"
#include "u8.h"
#include "xmalloc.h"

/* An issue "in short" on the slip: what fits a line or two of paper. */
#define ISSUE_SHORT 60

enum { C_NUMBER, C_DATE, C_CATEGORY, C_ISSUE, C_DUE, C_LATE, C_N };

static const struct sheet_column *columns(void)
{
	static struct sheet_column cols[C_N];
	static const struct {
		const char *title;	/* NC_("chase", …) */
		double width;
	} spec[C_N] = {
		{ NC_("chase", "Number"), 14 },
		{ NC_("chase", "Registered"), 11 },
		{ NC_("chase", "Category"), 9 },
		{ NC_("chase", "Issue"), 40 },
		{ NC_("chase", "Deadline"), 11 },
		{ NC_("chase", "Days overdue"), 9 },
	};

	for (int i = 0; i < C_N; i++) {
		cols[i].title = i18n_cgettext(spec[i].title);
		cols[i].width = spec[i].width;
	}
	return cols;
}

/* s cut to n characters, with "…" when it was longer; one line. */
static char *in_short(const char *s, size_t n)
{
	char *clean = u8_sanitize(s, 0), *out;
	size_t len = u8_chars(clean);

	if (len <= n)
		return clean;
	out = xasprintf("%.*s…", (int)u8_offset(clean, n), clean);
	free(clean);
	return out;
}

/* One item on the slip: days overdue counted to today, the slip's date. */
static void add_line(struct chase *c, int64_t id, const char *number, const char *created_at,
		     const char *category, const char *issue_text, const char *due, const char *today)
{
	char date[CLOCK_DATE_LEN], late[24], *issue = in_short(issue_text, ISSUE_SHORT), *block;
	long days = due ? clock_days_between(due, today) : 0;
	const char *cells[C_N];

	snprintf(date, sizeof(date), "%.10s", created_at);
	snprintf(late, sizeof(late), "%ld", days);
	cells[C_NUMBER] = number;
	cells[C_DATE] = date;
	cells[C_CATEGORY] = category;
	cells[C_ISSUE] = issue;
	cells[C_DUE] = due ? due : "";
	cells[C_LATE] = late;
	block = xasprintf(_("%zu. %s  %ld days overdue\nDeadline %s  %s\n%s"), c->n + 1, number, days,
			  due ? due : "", category, issue);
	paper_row(&c->paper, cells, block);
	free(block);
	free(issue);
	c->ids = xreallocarray(c->ids, c->n + 1, sizeof(*c->ids));
	c->ids[c->n++] = id;
}

/* The slip's head: the station, the unit (with its contact when the directory has one), the date. */
static void slip_head(struct chase *c, const char *station, const char *unit, const struct unit *u,
		      const char *date)
{
	c->unit = xstrdup(u ? u->name : unit);
	paper_init(&c->paper, _("Chase slip (督办单)"), columns(), C_N, C_ISSUE);
	paper_head(&c->paper, "%s", station);
	paper_head(&c->paper, _("To: %s"), c->unit);
	if (u && (*u->contact || *u->phone))
		paper_head(&c->paper, _("Contact: %s  Phone: %s"), *u->contact ? u->contact : "-",
			   *u->phone ? u->phone : "-");
	paper_head(&c->paper, _("Date: %s"), date);
}

/* The count above the items, the request and the lines to sign. */
static void slip_foot(struct chase *c)
{
	paper_head(&c->paper, Q_("%zu item is past its deadline:", "%zu items are past their deadline:", c->n),
		   c->n);
	paper_foot(&c->paper, "%s", _("The items above are past the deadline they were handed over with. Please deal with them at once, answer the voters, and tell the station what was done."));
	paper_foot(&c->paper, "%s", _("Chased by: __________    Received by the unit: __________"));
	paper_foot(&c->paper, "%s", _("Date: ____-__-__"));
}

struct collect {
	struct chase *c;
	char today[CLOCK_DATE_LEN];
};

static int add_item(const struct ticket *t, void *arg)
{
	struct collect *k = arg;

	add_line(k->c, t->id, t->number, t->created_at, t->category, t->issue, t->due_date, k->today);
	return 0;
}

int chase_build(struct store *s, const char *name, struct chase *c)
{
	struct ticket_filter f = TICKET_FILTER_INIT;
	struct collect k = { c, "" };
	struct unit u;
	char *trimmed = u8_trim(name), *station = store_setting(s, "station_name");
	int64_t any = 0;
	int have_unit = 0, r, was;

	memset(c, 0, sizeof(*c));
	memset(&u, 0, sizeof(u));
	clock_today(k.today);
	r = store_unit_get(s, trimmed, &u);
	if (r != STORE_OK && r != STORE_NOTFOUND)
		goto out;
	have_unit = r == STORE_OK;
	f.unit = trimmed;
	if (!have_unit) {
		/* Not in the directory: a name tickets were recorded with still has a slip. */
		f.limit = 1;
		r = store_ticket_count(s, &f, &any);
		if (r != STORE_OK)
			goto out;
		if (!any) {
			error(_("there is no unit '%s' in the directory, and no item was handed to it"), trimmed);
			r = STORE_NOTFOUND;
			goto out;
		}
		f.limit = 0;
	}
	slip_head(c, station, trimmed, have_unit ? &u : NULL, k.today);
	f.overdue = 1;
	f.order = ORDER_DUE;
	/* One slip whoever makes it: read from the ledger alone (store_read_public()). */
	was = store_read_public(s, 1);
	r = store_ticket_list(s, &f, add_item, &k);
	store_read_public(s, was);
	if (r != STORE_OK)
		goto out;
	if (!c->n) {
		error(_("%s has no overdue item: there is nothing to chase"), c->unit);
		r = STORE_REFUSED;
		goto out;
	}
	slip_foot(c);
out:
	if (r != STORE_OK)
		chase_release(c);
	unit_release(&u);
	free(trimmed);
	free(station);
	return r;
}

/* ---- slips made again from the 督办 events ---- */

struct history {
	struct store *s;
	char *station;
	struct chase c;
	int open;		/* c holds a slip being filled */
	char *at, *actor, *what, *unit;	/* its event's */
	int (*slip)(const struct chase *c, const char *at, const char *actor, void *arg);
	void *arg;
	int r;
};

/* Hand the slip being filled to the caller and forget it. */
static int flush(struct history *h)
{
	int stop = 0;

	if (h->open) {
		slip_foot(&h->c);
		stop = h->slip(&h->c, h->at, h->actor, h->arg);
		chase_release(&h->c);
		h->open = 0;
	}
	free(h->at);
	free(h->actor);
	free(h->what);
	free(h->unit);
	h->at = h->actor = h->what = h->unit = NULL;
	return stop;
}

static int history_row(const struct chase_record *rec, void *arg)
{
	struct history *h = arg;
	char date[CLOCK_DATE_LEN];

	/* One slip went out as one step: one time, one person, one "where", one unit. */
	if (h->open && (strcmp(h->at, rec->at) || strcmp(h->actor, rec->actor) || strcmp(h->what, rec->what) ||
			strcmp(h->unit, rec->unit))) {
		int stop = flush(h);

		if (stop)
			return stop;
	}
	if (!h->open) {
		struct unit u;
		int r;

		memset(&u, 0, sizeof(u));
		r = store_unit_get(h->s, rec->unit, &u);
		if (r != STORE_OK && r != STORE_NOTFOUND) {
			h->r = r;
			return -1;
		}
		snprintf(date, sizeof(date), "%.10s", rec->at);
		memset(&h->c, 0, sizeof(h->c));
		slip_head(&h->c, h->station, *rec->unit ? rec->unit : _("(no unit recorded)"),
			  r == STORE_OK ? &u : NULL, date);
		paper_head(&h->c.paper, _("Made again from the 督办 record of %.16s by %s (%s)."), rec->at, rec->actor,
			   rec->what);
		unit_release(&u);
		h->open = 1;
		h->at = xstrdup(rec->at);
		h->actor = xstrdup(rec->actor);
		h->what = xstrdup(rec->what);
		h->unit = xstrdup(rec->unit);
	}
	snprintf(date, sizeof(date), "%.10s", rec->at);
	add_line(&h->c, rec->ticket_id, rec->number, rec->created_at, rec->category, rec->issue, rec->due, date);
	return 0;
}

int chase_history(struct store *s, const char *from, const char *to,
		  int (*slip)(const struct chase *c, const char *at, const char *actor, void *arg), void *arg)
{
	struct history h;
	int r, stop;

	memset(&h, 0, sizeof(h));
	h.s = s;
	h.station = store_setting(s, "station_name");
	h.slip = slip;
	h.arg = arg;
	h.r = STORE_OK;
	r = store_chase_history(s, from, to, history_row, &h);
	stop = flush(&h);
	if (r == STORE_OK && stop < 0)
		r = STORE_IO;
	if (h.r != STORE_OK)
		r = h.r;
	free(h.station);
	return r;
}

void chase_release(struct chase *c)
{
	if (!c)
		return;
	paper_release(&c->paper);
	free(c->unit);
	free(c->ids);
	memset(c, 0, sizeof(*c));
}
