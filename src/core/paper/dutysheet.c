/* dutysheet.c — see dutysheet.h. */
#include "dutysheet.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "outfile.h"
#include "sheet.h"
#include "strbuf.h"
#include "ticket.h"
#include "u8.h"
#include "xmalloc.h"

enum { C_ITEM, C_RECORD, C_N };

/* Between two pages on a terminal: a rule across 80 columns. */
#define DUTY_RULE "\n================================================================================\n\n"

static const struct sheet_column *columns(void)
{
	static struct sheet_column cols[C_N];

	cols[C_ITEM].title = C_("duty", "Item");
	cols[C_ITEM].width = 18;
	cols[C_RECORD].title = C_("duty", "Record");
	cols[C_RECORD].width = 66;
	return cols;
}

/* "42.86 %", or "-" when there is nothing to count. */
static void pct(int64_t num, int64_t den, char out[40])
{
	char buf[32];

	if (report_pct(num, den, buf) < 0)
		snprintf(out, 40, "-");
	else
		snprintf(out, 40, "%s %%", buf);
}

/* The dates of the days attended ("2026-03-03、2026-03-17"). */
static char *dates(const struct duty_deputy *dep)
{
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < dep->ndays; i++) {
		if (i)
			strbuf_adds(&sb, i18n_is_chinese() ? "、" : ", ");
		strbuf_adds(&sb, dep->days[i].date);
	}
	if (!sb.len)
		strbuf_adds(&sb, _("(none)"));
	return strbuf_detach(&sb);
}

static void row(struct paper *p, const char *item, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void row(struct paper *p, const char *item, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	const char *cells[C_N];
	char *block;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	cells[C_ITEM] = item;
	cells[C_RECORD] = sb.buf;
	block = xasprintf("%s: %s", item, sb.buf);
	paper_row(p, cells, block);
	free(block);
	strbuf_release(&sb);
}

void dutysheet_paper(const struct duty *d, size_t i, struct paper *p)
{
	const struct duty_deputy *dep = &d->dep[i];
	const struct report_row *f = &dep->fig;
	char resolved[40], satisfaction[40], *list;
	int year = duty_whole_year(d);

	paper_init(p, _("Deputy's duty record (代表履职情况记实表)"), columns(), C_N, C_RECORD);
	p->portrait = 1;
	if (d->station_name && *d->station_name)
		paper_head(p, "%s", d->station_name);
	paper_head(p, _("Deputy: %s"), dep->name);
	if (year)
		paper_head(p, _("Year %d (%s to %s), as of %s"), year, d->from, d->to, d->today);
	else
		paper_head(p, _("Period %s to %s, as of %s"), d->from, d->to, d->today);

	list = dates(dep);
	row(p, C_("duty", "Days attended"),
	    Q_("%lld day", "%lld days", (unsigned long)dep->fig.days), (long long)dep->fig.days);
	row(p, C_("duty", "Their dates"), "%s", list);
	free(list);
	row(p, C_("duty", "Voters received"), Q_("%lld voter", "%lld voters", (unsigned long)f->voters),
	    (long long)f->voters);
	row(p, C_("duty", "Issues registered"), Q_("%lld issue", "%lld issues", (unsigned long)f->tickets),
	    (long long)f->tickets);
	row(p, C_("duty", "Answered"), Q_("%lld issue", "%lld issues", (unsigned long)f->answered),
	    (long long)f->answered);
	pct(f->resolved, f->tickets, resolved);
	row(p, C_("duty", "Resolved"), _("%lld (%s of the issues)"),
	    (long long)f->resolved, resolved);
	row(p, C_("duty", "Followed to 销号"), _("%lld (满意 %lld, 基本满意 %lld)"),
	    (long long)dep->signed_off, (long long)dep->signed_good, (long long)dep->signed_fair);
	pct(report_satisfied(f), f->rated, satisfaction);
	row(p, C_("duty", "Voters' ratings"), _("%lld rated: 满意 %lld, 基本满意 %lld, 不满意 %lld; satisfaction %s"),
	    (long long)f->rated, (long long)f->good, (long long)f->fair, (long long)f->bad, satisfaction);
	row(p, C_("duty", "Overdue now"), Q_("%lld issue", "%lld issues", (unsigned long)f->overdue),
	    (long long)f->overdue);

	paper_foot(p, "%s", _("Counted as the statistics by deputy count them for the same period (jiedai report): the issues this deputy received, by the date registered, void ones not counted; the days are those the deputy is on the list of deputies present."));
	paper_foot(p, "%s", _("Deputy's signature: __________    Filled in by: __________    Date: ____-__-__"));
	paper_foot(p, _("Ledger check code %s (%lld records in its history)"), d->anchor, (long long)d->events);
}

int duty_format_parse(const char *s, enum duty_format *f)
{
	if (!strcmp(s, "text") || !strcmp(s, "txt"))
		*f = DUTY_TEXT;
	else if (!strcmp(s, "csv"))
		*f = DUTY_CSV;
	else if (!strcmp(s, "xlsx"))
		*f = DUTY_XLSX;
	else
		return -1;
	return 0;
}

void dutysheet_text(const struct duty *d, int width, const char *sep, struct strbuf *sb)
{
	if (!d->n) {
		strbuf_addf(sb, "%s\n", _("(no deputy attended a reception day or received a voter in this period)"));
		return;
	}
	for (size_t i = 0; i < d->n; i++) {
		struct paper p;

		if (i)
			strbuf_adds(sb, sep);
		dutysheet_paper(d, i, &p);
		paper_text(&p, width, sb);
		paper_release(&p);
	}
}

char *dutysheet_sheet_name(const char *name, char *const *used, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	char *base;
	size_t chars = 0;

	for (const char *q = name; *q && chars < 31; chars++) {
		size_t len = u8_offset(q, 1);

		if (!len)
			break;
		if (len == 1 && strchr(":\\/?*[]'", *q))
			strbuf_addch(&sb, '_');
		else
			strbuf_add(&sb, q, len);
		q += len;
	}
	if (!sb.len)
		strbuf_adds(&sb, "_");
	base = strbuf_detach(&sb);
	for (int k = 1;; k++) {
		/* "~k" after at most 31 - 4 characters of the name. */
		char *cand = k == 1 ? xstrdup(base)
				    : xasprintf("%.*s~%d", (int)u8_offset(base, u8_chars(base) > 27 ? 27 : u8_chars(base)),
						base, k);
		int taken = 0;

		for (size_t i = 0; i < n && !taken; i++)
			taken = used[i] && !strcmp(used[i], cand);
		if (!taken) {
			free(base);
			return cand;
		}
		free(cand);
	}
}

static int write_csv(const struct duty *d, struct outfile *out)
{
	enum {
		K_NAME, K_FROM, K_TO, K_DAYS, K_DATES, K_VOTERS, K_ISSUES, K_ANSWERED, K_RESOLVED, K_RESOLVED_PCT,
		K_RATED, K_GOOD, K_FAIR, K_BAD, K_SAT, K_OVERDUE, K_SIGNED, K_SIGNED_GOOD, K_SIGNED_FAIR, K_N
	};
	struct sheet_column cols[K_N];
	const char *titles[K_N] = {
		C_("duty", "Deputy"), _("From"), _("To"), _("Reception days"), C_("duty", "Dates attended"),
		_("Voters"), _("Issues"), _("Answered"), _("Resolved"), _("Resolved %"), _("Rated"),
		RATING_GOOD, RATING_FAIR, RATING_BAD, _("Satisfaction %"), _("Overdue"),
		C_("duty", "Signed off"), C_("duty", "Signed off 满意"), C_("duty", "Signed off 基本满意"),
	};
	struct sheet_spec spec;
	struct sheet *sh;
	int r = 0;

	memset(cols, 0, sizeof(cols));
	for (int k = 0; k < K_N; k++)
		cols[k].title = titles[k];
	memset(&spec, 0, sizeof(spec));
	spec.cols = cols;
	spec.ncols = K_N;
	sh = sheet_open(SHEET_CSV, out, &spec);
	if (!sh)
		return -1;
	for (size_t i = 0; i < d->n && r == 0; i++) {
		const struct duty_deputy *dep = &d->dep[i];
		const struct report_row *f = &dep->fig;
		char num[K_N][32], *list = dates(dep);
		const char *cells[K_N];
		int64_t v[K_N] = { 0 };

		v[K_DAYS] = f->days;
		v[K_VOTERS] = f->voters;
		v[K_ISSUES] = f->tickets;
		v[K_ANSWERED] = f->answered;
		v[K_RESOLVED] = f->resolved;
		v[K_RATED] = f->rated;
		v[K_GOOD] = f->good;
		v[K_FAIR] = f->fair;
		v[K_BAD] = f->bad;
		v[K_OVERDUE] = f->overdue;
		v[K_SIGNED] = dep->signed_off;
		v[K_SIGNED_GOOD] = dep->signed_good;
		v[K_SIGNED_FAIR] = dep->signed_fair;
		for (int k = 0; k < K_N; k++) {
			snprintf(num[k], sizeof(num[k]), "%lld", (long long)v[k]);
			cells[k] = num[k];
		}
		cells[K_NAME] = dep->name;
		cells[K_FROM] = d->from;
		cells[K_TO] = d->to;
		cells[K_DATES] = dep->ndays ? list : "";
		/* As in the report's CSV: empty where nothing counts. */
		if (report_pct(f->resolved, f->tickets, num[K_RESOLVED_PCT]) < 0)
			num[K_RESOLVED_PCT][0] = '\0';
		if (report_pct(report_satisfied(f), f->rated, num[K_SAT]) < 0)
			num[K_SAT][0] = '\0';
		r = sheet_row(sh, cells);
		free(list);
	}
	if (r < 0) {
		sheet_abort(sh);
		return -1;
	}
	return sheet_close(sh);
}

static int write_xlsx(const struct duty *d, struct outfile *out)
{
	struct paper *pages;
	const struct paper **pp;
	char **names;
	size_t n = d->n ? d->n : 1;
	int r;

	pages = xcalloc(n, sizeof(*pages));
	pp = xcalloc(n, sizeof(*pp));
	names = xcalloc(n, sizeof(*names));
	for (size_t i = 0; i < d->n; i++) {
		dutysheet_paper(d, i, &pages[i]);
		names[i] = dutysheet_sheet_name(d->dep[i].name, names, i);
		pp[i] = &pages[i];
	}
	if (!d->n) {
		/* A workbook says there is no record rather than being empty. */
		paper_init(&pages[0], _("Deputy's duty record (代表履职情况记实表)"), columns(), C_N, C_RECORD);
		pages[0].portrait = 1;
		pages[0].empty = xstrdup(_("(no deputy attended a reception day or received a voter in this period)"));
		names[0] = xstrdup(C_("sheet", "Sheet"));
		pp[0] = &pages[0];
	}
	r = paper_sheets(pp, n, out, (const char *const *)names);
	for (size_t i = 0; i < n; i++) {
		paper_release(&pages[i]);
		free(names[i]);
	}
	free(pages);
	free(pp);
	free(names);
	return r;
}

int dutysheet_write(const struct duty *d, enum duty_format f, struct outfile *out, int form_feed)
{
	struct strbuf sb = STRBUF_INIT;
	int r = 0;

	switch (f) {
	case DUTY_CSV:
		return write_csv(d, out);
	case DUTY_XLSX:
		return write_xlsx(d, out);
	case DUTY_TEXT:
		dutysheet_text(d, 80, form_feed ? "\f" : DUTY_RULE, &sb);
		if (fwrite(sb.buf, 1, sb.len, out->f) != sb.len)
			r = error_errno(_("cannot write '%s'"), out->path ? out->path : "-");
		break;
	}
	strbuf_release(&sb);
	return r;
}
