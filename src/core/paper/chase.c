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

struct collect {
	struct chase *c;
	char today[CLOCK_DATE_LEN];
};

static int add_item(const struct ticket *t, void *arg)
{
	struct collect *k = arg;
	struct chase *c = k->c;
	char date[CLOCK_DATE_LEN], late[24], *issue = in_short(t->issue, ISSUE_SHORT), *block;
	long days = t->due_date ? clock_days_between(t->due_date, k->today) : 0;
	const char *cells[C_N];

	snprintf(date, sizeof(date), "%.10s", t->created_at);
	snprintf(late, sizeof(late), "%ld", days);
	cells[C_NUMBER] = t->number;
	cells[C_DATE] = date;
	cells[C_CATEGORY] = t->category;
	cells[C_ISSUE] = issue;
	cells[C_DUE] = t->due_date ? t->due_date : "";
	cells[C_LATE] = late;
	block = xasprintf(_("%zu. %s  %ld days overdue\nDeadline %s  %s\n%s"), c->n + 1, t->number, days,
			  t->due_date ? t->due_date : "", t->category, issue);
	paper_row(&c->paper, cells, block);
	free(block);
	free(issue);
	c->ids = xreallocarray(c->ids, c->n + 1, sizeof(*c->ids));
	c->ids[c->n++] = t->id;
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
	clock_today(k.today);
	r = store_unit_get(s, trimmed, &u);
	if (r != STORE_OK && r != STORE_NOTFOUND)
		goto out;
	have_unit = r == STORE_OK;
	c->unit = xstrdup(have_unit ? u.name : trimmed);
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
	paper_init(&c->paper, _("Chase slip (督办单)"), columns(), C_N, C_ISSUE);
	paper_head(&c->paper, "%s", station);
	paper_head(&c->paper, _("To: %s"), c->unit);
	if (have_unit && (*u.contact || *u.phone))
		paper_head(&c->paper, _("Contact: %s  Phone: %s"), *u.contact ? u.contact : "-",
			   *u.phone ? u.phone : "-");
	paper_head(&c->paper, _("Date: %s"), k.today);
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
	paper_head(&c->paper, Q_("%zu item is past its deadline:", "%zu items are past their deadline:", c->n),
		   c->n);
	paper_foot(&c->paper, "%s", _("The items above are past the deadline they were handed over with. Please deal with them at once, answer the voters, and tell the station what was done."));
	paper_foot(&c->paper, "%s", _("Chased by: __________    Received by the unit: __________"));
	paper_foot(&c->paper, "%s", _("Date: ____-__-__"));
out:
	if (r != STORE_OK)
		chase_release(c);
	unit_release(&u);
	free(trimmed);
	free(station);
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
