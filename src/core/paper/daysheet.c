/* daysheet.c — see daysheet.h. */
#include "daysheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "store.h"
#include "strbuf.h"
#include "u8.h"
#include "xmalloc.h"

/* An issue "in short" on the list. */
#define ISSUE_SHORT 40

enum { D_POS, D_NUMBER, D_VOTER, D_CATEGORY, D_ISSUE, D_STATUS, D_N };

static const struct sheet_column *columns(void)
{
	static struct sheet_column cols[D_N];
	static const struct {
		const char *title;	/* NC_("daysheet", …) */
		double width;
	} spec[D_N] = {
		{ NC_("daysheet", "No."), 6 },
		{ NC_("daysheet", "Number"), 14 },
		{ NC_("daysheet", "Voter"), 9 },
		{ NC_("daysheet", "Category"), 9 },
		{ NC_("daysheet", "Issue"), 40 },
		{ NC_("daysheet", "Status"), 9 },
	};

	for (int i = 0; i < D_N; i++) {
		cols[i].title = i18n_cgettext(spec[i].title);
		cols[i].width = spec[i].width;
	}
	return cols;
}

/* s cut to n characters, with "…" when it was longer; one line. */
static char *in_short(const char *s, size_t n)
{
	char *clean = u8_sanitize(s, 0), *out;

	if (u8_chars(clean) <= n)
		return clean;
	out = xasprintf("%.*s…", (int)u8_offset(clean, n), clean);
	free(clean);
	return out;
}

struct rows {
	struct paper *p;
	int answered;
};

static int add_row(const struct ticket *t, void *arg)
{
	struct rows *rw = arg;
	char pos[32], *voter = u8_mask_name(t->name), *issue = in_short(t->issue, ISSUE_SHORT), *block;
	const char *cells[D_N];

	if (t->position)
		snprintf(pos, sizeof(pos), _("No. %d"), t->position);
	else
		pos[0] = '\0';
	cells[D_POS] = pos;
	cells[D_NUMBER] = t->number;
	cells[D_VOTER] = voter;
	cells[D_CATEGORY] = t->category;
	cells[D_ISSUE] = issue;
	cells[D_STATUS] = ticket_status_label(t->status);
	block = xasprintf("%s  %s  %s\n%s  %s\n%s", pos, voter, t->number, t->category,
			  ticket_status_label(t->status), issue);
	paper_row(rw->p, cells, block);
	free(block);
	free(voter);
	free(issue);
	return 0;
}

int daysheet_build(struct store *s, const char *date, struct paper *p)
{
	struct ticket_filter f = TICKET_FILTER_INIT;
	struct reception_day d;
	struct strbuf who = STRBUF_INIT;
	struct rows rw = { p, 0 };
	char anchor[15], *station;
	unsigned char hash[32];
	int64_t events = 0;
	int r, was;

	memset(p, 0, sizeof(*p));
	r = date ? store_day_get(s, date, &d) : store_day_current(s, &d);
	if (r == STORE_NOTFOUND) {
		if (date)
			error(_("no reception day was held on %s"), date);
		else
			error(_("no reception day is open"));
		return r;
	}
	if (r != STORE_OK)
		return r;
	station = store_setting(s, "station_name");
	paper_init(p, _("Register of the reception day (当日接待登记表)"), columns(), D_N, D_ISSUE);
	paper_head(p, "%s", station);
	if (*d.place)
		paper_head(p, _("Reception day %s   Place: %s"), d.date, d.place);
	else
		paper_head(p, _("Reception day %s"), d.date);
	for (char **q = d.deputies; *q; q++) {
		if (who.len)
			strbuf_adds(&who, i18n_is_chinese() ? "、" : ", ");
		strbuf_adds(&who, *q);
	}
	paper_head(p, _("Deputies present: %s"), who.len ? who.buf : _("(none recorded)"));
	if (d.closed_at)
		paper_head(p, _("Closed %.16s by %s"), d.closed_at, d.closed_by ? d.closed_by : "");
	else
		paper_head(p, "%s", _("Not closed yet"));
	p->empty = xstrdup(_("(no voter was registered on this day)"));
	f.day_id = d.id;
	f.order = ORDER_NUMBER;
	/* One sheet whoever makes it: read from the ledger alone, masked by add_row. */
	was = store_read_public(s, 1);
	r = store_ticket_list(s, &f, add_row, &rw);
	store_read_public(s, was);
	if (r == STORE_OK) {
		paper_foot(p, _("Voters received: %d, issues registered: %d"), d.visitors, d.tickets);
		r = store_chain_head(s, &events, hash);
	}
	if (r == STORE_OK && (r = store_anchor(s, anchor)) == STORE_OK) {
		paper_foot(p, _("Ledger check code %s (%lld records in its history)"), anchor, (long long)events);
		paper_foot(p, "%s", _("The check code pins the ledger as it stood when this list was made: 'jiedai check --anchor CODE' tells whether the ledger still holds it."));
	}
	if (r != STORE_OK)
		paper_release(p);
	strbuf_release(&who);
	free(station);
	reception_day_release(&d);
	return r;
}
