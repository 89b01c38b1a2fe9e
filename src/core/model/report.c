/*
 * report.c — laying out the statistics (definitions in report.h).
 *
 * Rates and averages are computed in integers, so 2/3 is always 66.67 and
 * never 66.66 through a binary fraction: round(100 * 100 * num / den) by
 * (2·100·100·num + den) / (2·den), then split into whole and hundredths.
 */
#include "report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "sheet.h"
#include "strbuf.h"
#include "ticket.h"
#include "u8.h"
#include "xmalloc.h"

/*
 * Text held before it is written out, when there is a file (report_write):
 * a report of three years lists thousands of reception days, and its text
 * is never held whole.
 */
#define SPILL_AT 8192

/* Write what o holds once it passes SPILL_AT (everything with all). */
static void spill(struct report_out *o, int all)
{
	struct strbuf *sb = o->sb;

	if (!o->f || o->failed || !sb->len || (!all && sb->len < SPILL_AT))
		return;
	if (fwrite(sb->buf, 1, sb->len, o->f) != sb->len) {
		o->failed = 1;
		o->err = errno;
	}
	strbuf_reset(sb);
}

static void row_release(struct report_row *row)
{
	free(row->key);
	free(row->station);
}

static void rows_free(struct report_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		row_release(&rows[i]);
	free(rows);
}

void report_release(struct report *r)
{
	if (!r)
		return;
	row_release(&r->total);
	rows_free(r->by_category, r->ncategory);
	rows_free(r->by_deputy, r->ndeputy);
	rows_free(r->by_day, r->nday);
	rows_free(r->by_station, r->nstation);
	rows_free(r->by_unit, r->nunit);
	if (r->station_names)
		u8_lines_free(r->station_names);
	free(r->station_code);
	free(r->station_name);
	free(r->only_station);
	memset(r, 0, sizeof(*r));
}

int64_t report_satisfied(const struct report_row *row)
{
	return row->good + row->fair;
}

/*
 * num/den in hundredths, rounded half away from zero.  Exact while
 * scale * |num| fits in 64 bits (counts up to about 10^14); beyond that
 * the digits are wrong but nothing overflows a signed type or divides by 0.
 */
static void hundredths(int64_t num, int64_t den, int scale, char buf[32])
{
	int neg = (num < 0) != (den < 0);
	uint64_t n = num < 0 ? 0 - (uint64_t)num : (uint64_t)num;
	uint64_t d = den < 0 ? 0 - (uint64_t)den : (uint64_t)den;
	uint64_t h = ((uint64_t)scale * n + d / 2) / d;

	snprintf(buf, 32, "%s%llu.%02llu", neg && h ? "-" : "", (unsigned long long)(h / 100),
		 (unsigned long long)(h % 100));
}

int report_pct(int64_t num, int64_t den, char buf[32])
{
	buf[0] = '\0';
	if (den == 0)
		return -1;
	hundredths(num, den, 10000, buf);
	return 0;
}

int report_avg(int64_t sum, int64_t n, char buf[32])
{
	buf[0] = '\0';
	if (n == 0)
		return -1;
	hundredths(sum, n, 100, buf);
	return 0;
}

char *report_period_label(const char *from, const char *to)
{
	char first[CLOCK_DATE_LEN], last[CLOCK_DATE_LEN], month[8];

	snprintf(month, sizeof(month), "%.7s", from);
	if (clock_month_range(month, first, last) == 0 && !strcmp(first, from) && !strcmp(last, to)) {
		int y = atoi(month), m = atoi(month + 5);

		/* TRANSLATORS: a month, year then month: 2026-03 */
		return xasprintf(_("%d-%02d"), y, m);
	}
	if (!strcmp(from, to))
		return xstrdup(from);
	/* TRANSLATORS: a period of dates */
	return xasprintf(_("%s to %s"), from, to);
}

const char *report_row_label(const struct report *r, const struct report_row *row, int group)
{
	static char buf[64];

	switch (group) {
	case RG_TOTAL: return _("All");
	case RG_DEPUTY:
		return *row->key ? row->key : _("(no deputy recorded)");
	case RG_UNIT:
		return *row->key ? row->key : _("(not handed over)");
	case RG_STATION: {
		size_t i = (size_t)(row - r->by_station);

		/* The code, with the station's name when the ledger knows it. */
		if (r->station_names && i < r->nstation && *r->station_names[i]) {
			snprintf(buf, sizeof(buf), "%s %s", row->key, r->station_names[i]);
			return buf;
		}
		return *row->key ? row->key : "-";
	}
	case RG_DAY:
		if (!row->day_id)
			return _("(other days)");
		if (row->station && strcmp(row->station, r->station_code)) {
			snprintf(buf, sizeof(buf), "%s %s", row->station, row->key);
			return buf;
		}
		return row->key;
	default:
		return *row->key ? row->key : "-";
	}
}

void report_bar(struct strbuf *sb, int64_t value, int64_t max, int width)
{
	int64_t n;

	if (value <= 0 || max <= 0 || width <= 0)
		return;
	n = (value * width + max / 2) / max;
	if (n < 1)
		n = 1;
	if (n > width)
		n = width;
	for (int64_t i = 0; i < n; i++)
		strbuf_adds(sb, "\xe2\x96\x88");	/* U+2588 FULL BLOCK */
}

/* ---- text ---- */

enum col { C_DAYS, C_VOTERS, C_TICKETS, C_ANSWERED, C_RESOLVED, C_SATISF, C_OVERDUE, C_AVG, C_N };

static const char *col_title(int c)
{
	switch (c) {
	case C_DAYS: return _("Days");
	case C_VOTERS: return _("Voters");
	case C_TICKETS: return _("Issues");
	case C_ANSWERED: return _("Answered");
	case C_RESOLVED: return _("Resolved");
	case C_SATISF: return _("Satisf. %");
	case C_OVERDUE: return _("Overdue");
	default: return _("Avg days");
	}
}

static void cell_value(const struct report_row *row, int c, char buf[32])
{
	switch (c) {
	case C_DAYS:
		if (row->days < 0)
			snprintf(buf, 32, "-");
		else
			snprintf(buf, 32, "%lld", (long long)row->days);
		return;
	case C_VOTERS: snprintf(buf, 32, "%lld", (long long)row->voters); return;
	case C_TICKETS: snprintf(buf, 32, "%lld", (long long)row->tickets); return;
	case C_ANSWERED: snprintf(buf, 32, "%lld", (long long)row->answered); return;
	case C_RESOLVED: snprintf(buf, 32, "%lld", (long long)row->resolved); return;
	case C_SATISF:
		if (report_pct(report_satisfied(row), row->rated, buf) < 0)
			snprintf(buf, 32, "-");
		return;
	case C_OVERDUE: snprintf(buf, 32, "%lld", (long long)row->overdue); return;
	default:
		if (report_avg(row->answer_days, row->answer_n, buf) < 0)
			snprintf(buf, 32, "-");
		return;
	}
}

static int col_width(int c)
{
	int w = u8_width(col_title(c));

	return w < 6 ? 6 : w;
}

static void table_line(struct strbuf *sb, const char *key, int keyw, const char *const *cells)
{
	struct strbuf line = STRBUF_INIT;

	u8_fit(&line, key, keyw, 1);
	for (int c = 0; c < C_N; c++) {
		strbuf_addch(&line, ' ');
		u8_rjust(&line, cells[c], col_width(c));
	}
	strbuf_rtrim(&line);
	strbuf_add(sb, line.buf, line.len);
	strbuf_addch(sb, '\n');
	strbuf_release(&line);
}

static void table(struct report_out *o, const struct report *r, const char *title, const char *keytitle,
		  const struct report_row *rows, size_t n, int group, int width)
{
	struct strbuf *sb = o->sb;
	const char *heads[C_N];
	int keyw = width;

	for (int c = 0; c < C_N; c++) {
		heads[c] = col_title(c);
		keyw -= col_width(c) + 1;
	}
	if (keyw > 16)
		keyw = 16;
	if (keyw < 8)
		keyw = 8;
	strbuf_addf(sb, "\n%s\n", title);
	table_line(sb, keytitle, keyw, heads);
	if (!n) {
		strbuf_addf(sb, "%s\n", _("(none)"));
		return;
	}
	for (size_t i = 0; i < n; i++) {
		char vals[C_N][32];
		const char *cells[C_N];

		for (int c = 0; c < C_N; c++) {
			cell_value(&rows[i], c, vals[c]);
			cells[c] = vals[c];
		}
		/* A station by its code; the names follow the table, whole. */
		table_line(sb, group == RG_STATION ? rows[i].key : report_row_label(r, &rows[i], group), keyw,
			   cells);
		spill(o, 0);
	}
	for (size_t i = 0; group == RG_STATION && r->station_names && i < n && i < r->nstation; i++)
		if (*r->station_names[i]) {
			char *name = u8_sanitize(r->station_names[i], 0), *code = u8_sanitize(rows[i].key, 0);

			strbuf_addf(sb, _("%s: %s"), code, name);
			strbuf_addch(sb, '\n');
			free(name);
			free(code);
		}
}

/* By unit: the figures units are ranked by, in columns of their own. */
enum ucol { U_ITEMS, U_ANSWERED, U_ONTIME, U_ONTIME_PCT, U_OVERDUE, U_RESOLVED_PCT, U_SATISF, U_N };

static const char *ucol_title(int c)
{
	switch (c) {
	case U_ITEMS: return _("Items");
	case U_ANSWERED: return _("Answered");
	case U_ONTIME: return _("On time");
	case U_ONTIME_PCT: return _("On time %");
	case U_OVERDUE: return _("Overdue");
	case U_RESOLVED_PCT: return _("Resolved %");
	default: return _("Satisf. %");
	}
}

static void ucell(const struct report_row *row, int c, char buf[32])
{
	switch (c) {
	case U_ITEMS: snprintf(buf, 32, "%lld", (long long)row->tickets); return;
	case U_ANSWERED: snprintf(buf, 32, "%lld", (long long)row->answered); return;
	case U_ONTIME: snprintf(buf, 32, "%lld", (long long)row->on_time); return;
	case U_ONTIME_PCT:
		if (report_pct(row->on_time, row->answered, buf) < 0)
			snprintf(buf, 32, "-");
		return;
	case U_OVERDUE: snprintf(buf, 32, "%lld", (long long)row->overdue); return;
	case U_RESOLVED_PCT:
		if (report_pct(row->resolved, row->tickets, buf) < 0)
			snprintf(buf, 32, "-");
		return;
	default:
		if (report_pct(report_satisfied(row), row->rated, buf) < 0)
			snprintf(buf, 32, "-");
		return;
	}
}

static int ucol_width(int c)
{
	int w = u8_width(ucol_title(c));

	return w < 6 ? 6 : w;
}

static void unit_line(struct strbuf *sb, const char *key, int keyw, const char *const *cells)
{
	struct strbuf line = STRBUF_INIT;

	u8_fit(&line, key, keyw, 1);
	for (int c = 0; c < U_N; c++) {
		strbuf_addch(&line, ' ');
		u8_rjust(&line, cells[c], ucol_width(c));
	}
	strbuf_rtrim(&line);
	strbuf_add(sb, line.buf, line.len);
	strbuf_addch(sb, '\n');
	strbuf_release(&line);
}

static void unit_table(struct report_out *o, const struct report *r, int width)
{
	struct strbuf *sb = o->sb;
	const char *heads[U_N];
	int keyw = width;

	for (int c = 0; c < U_N; c++) {
		heads[c] = ucol_title(c);
		keyw -= ucol_width(c) + 1;
	}
	if (keyw > 20)
		keyw = 20;
	if (keyw < 8)
		keyw = 8;
	strbuf_addf(sb, "\n%s\n", _("By unit (承办单位)"));
	unit_line(sb, _("Unit"), keyw, heads);
	if (!r->nunit) {
		strbuf_addf(sb, "%s\n", _("(none)"));
		return;
	}
	for (size_t i = 0; i < r->nunit; i++) {
		char vals[U_N][32];
		const char *cells[U_N];

		for (int c = 0; c < U_N; c++) {
			ucell(&r->by_unit[i], c, vals[c]);
			cells[c] = vals[c];
		}
		unit_line(sb, report_row_label(r, &r->by_unit[i], RG_UNIT), keyw, cells);
		spill(o, 0);
	}
}

static void figure(struct strbuf *sb, const char *label, const char *value, const char *note)
{
	struct strbuf line = STRBUF_INIT;

	strbuf_adds(&line, "  ");
	u8_fit(&line, label, 26, 0);
	strbuf_addch(&line, ' ');
	u8_rjust(&line, value, 8);
	if (note && *note) {
		strbuf_adds(&line, "   ");
		strbuf_adds(&line, note);
	}
	strbuf_add(sb, line.buf, line.len);
	strbuf_addch(sb, '\n');
	strbuf_release(&line);
}

void report_format_summary(const struct report *r, struct strbuf *sb)
{
	const struct report_row *t = &r->total;
	char v[32], p[32], note[160];

	snprintf(v, sizeof(v), "%lld", (long long)t->days);
	figure(sb, _("Reception days held"), v, NULL);
	snprintf(v, sizeof(v), "%lld", (long long)t->voters);
	figure(sb, _("Voters received"), v, NULL);
	snprintf(v, sizeof(v), "%lld", (long long)t->tickets);
	note[0] = '\0';
	if (r->voided)
		snprintf(note, sizeof(note), _("%lld voided, not counted"), (long long)r->voided);
	figure(sb, _("Issues registered"), v, note);
	snprintf(v, sizeof(v), "%lld", (long long)t->answered);
	figure(sb, _("Answered"), v, NULL);
	snprintf(v, sizeof(v), "%lld", (long long)t->on_time);
	if (report_pct(t->on_time, t->answered, p) == 0)
		snprintf(note, sizeof(note), _("%s %% of answered"), p);
	else
		note[0] = '\0';
	figure(sb, _("Answered on time"), v, note);
	snprintf(v, sizeof(v), "%lld", (long long)t->resolved);
	if (report_pct(t->resolved, t->tickets, p) == 0)
		snprintf(note, sizeof(note), _("%s %% of issues"), p);
	else
		note[0] = '\0';
	figure(sb, _("Resolved (满意/基本满意)"), v, note);
	snprintf(v, sizeof(v), "%lld", (long long)t->rated);
	snprintf(note, sizeof(note), "%s %lld, %s %lld, %s %lld", RATING_GOOD, (long long)t->good,
		 RATING_FAIR, (long long)t->fair, RATING_BAD, (long long)t->bad);
	figure(sb, _("Rated"), v, note);
	if (report_pct(report_satisfied(t), t->rated, p) == 0)
		snprintf(v, sizeof(v), "%s %%", p);
	else
		snprintf(v, sizeof(v), "-");
	figure(sb, _("Satisfaction"), v, NULL);
	snprintf(v, sizeof(v), "%lld", (long long)t->overdue);
	figure(sb, _("Overdue now"), v, NULL);
	if (report_avg(t->answer_days, t->answer_n, v) < 0)
		snprintf(v, sizeof(v), "-");
	figure(sb, _("Average days to answer"), v, NULL);
}

/* The rows and titles of a group. */
static const struct report_row *group_rows(const struct report *r, int group, size_t *n,
					   const char **title, const char **keytitle)
{
	switch (group) {
	case RG_CATEGORY:
		*n = r->ncategory, *title = _("By category"), *keytitle = _("Category");
		return r->by_category;
	case RG_DEPUTY:
		*n = r->ndeputy, *title = _("By deputy"), *keytitle = _("Deputy");
		return r->by_deputy;
	case RG_DAY:
		*n = r->nday, *title = _("By reception day"), *keytitle = _("Day");
		return r->by_day;
	case RG_STATION:
		*n = r->nstation, *title = _("By station"), *keytitle = _("Station");
		return r->by_station;
	case RG_UNIT:
		*n = r->nunit, *title = _("By unit (承办单位)"), *keytitle = _("Unit");
		return r->by_unit;
	default:
		*n = 1, *title = _("All"), *keytitle = "";
		return &r->total;
	}
}

static void format_table(const struct report *r, int group, struct report_out *o, int width)
{
	const char *title, *keytitle;
	size_t n;
	const struct report_row *rows = group_rows(r, group, &n, &title, &keytitle);

	if (group == RG_UNIT)
		unit_table(o, r, width);
	else
		table(o, r, title, keytitle, rows, n, group, width);
}

void report_format_table(const struct report *r, int group, struct strbuf *sb, int width)
{
	struct report_out o = { .sb = sb };

	format_table(r, group, &o, width);
}

void report_chart(const struct report *r, int group, struct strbuf *sb, int width)
{
	const char *title, *keytitle;
	size_t n;
	const struct report_row *rows = group_rows(r, group, &n, &title, &keytitle);
	int64_t max = 0;
	int keyw = 12, numw = 5, barw;

	for (size_t i = 0; i < n; i++)
		if (rows[i].tickets > max)
			max = rows[i].tickets;
	barw = width - keyw - 1 - numw - 2;
	if (barw > 40)
		barw = 40;
	if (barw < 10)
		barw = 10;
	for (size_t i = 0; i < n; i++) {
		char num[32];

		snprintf(num, sizeof(num), "%lld", (long long)rows[i].tickets);
		u8_fit(sb, report_row_label(r, &rows[i], group), keyw, 1);
		strbuf_addch(sb, ' ');
		u8_rjust(sb, num, numw);
		strbuf_adds(sb, "  ");
		report_bar(sb, rows[i].tickets, max, barw);
		strbuf_rtrim(sb);
		strbuf_addch(sb, '\n');
	}
}

void report_format_text(const struct report *r, struct report_out *o, int width)
{
	struct strbuf *sb = o->sb;
	char *period = report_period_label(r->from, r->to), *station = u8_sanitize(r->station_name, 0);

	if (width < 60)
		width = 60;
	strbuf_addf(sb, _("%s — statistics for %s"), station, period);
	free(station);
	strbuf_addch(sb, '\n');
	if (r->only_station) {
		strbuf_addf(sb, _("Station %s only"), r->only_station);
		strbuf_addch(sb, '\n');
	}
	strbuf_addf(sb, _("Issues registered %s to %s, counted as of %s"), r->from, r->to, r->today);
	strbuf_adds(sb, "\n\n");
	free(period);
	report_format_summary(r, sb);
	format_table(r, RG_CATEGORY, o, width);
	format_table(r, RG_DEPUTY, o, width);
	format_table(r, RG_DAY, o, width);
	if (r->nstation > 1)
		format_table(r, RG_STATION, o, width);
	format_table(r, RG_UNIT, o, width);
	strbuf_addch(sb, '\n');
	{
		char **lines = u8_wrap(_("Satisfaction = (满意 + 基本满意) / rated; resolved = rated 满意 or 基本满意 and not sent back; \"-\": nothing to count. Void tickets are not counted."),
				       width);

		for (size_t i = 0; lines[i]; i++)
			strbuf_addf(sb, "%s\n", lines[i]);
		u8_lines_free(lines);
	}
	spill(o, 1);
}

/* ---- JSON ---- */

static void json_num_or_null(struct strbuf *sb, int ok, const char *v)
{
	strbuf_adds(sb, ok ? v : "null");
}

static void json_row(struct strbuf *sb, const struct report *r, const struct report_row *row, int group)
{
	char p[32];
	int ok;

	strbuf_addch(sb, '{');
	switch (group) {
	case RG_CATEGORY:
		strbuf_adds(sb, "\"category\":");
		strbuf_add_json(sb, row->key);
		strbuf_addch(sb, ',');
		break;
	case RG_DEPUTY:
		strbuf_adds(sb, "\"deputy\":");
		strbuf_add_json(sb, row->key);
		strbuf_addch(sb, ',');
		break;
	case RG_STATION: {
		size_t i = (size_t)(row - r->by_station);

		strbuf_adds(sb, "\"station\":");
		strbuf_add_json(sb, row->key);
		strbuf_adds(sb, ",\"name\":");
		strbuf_add_json(sb, r->station_names && i < r->nstation ? r->station_names[i] : "");
		strbuf_addch(sb, ',');
		break;
	}
	case RG_UNIT:
		strbuf_adds(sb, "\"unit\":");
		strbuf_add_json(sb, row->key);
		strbuf_addch(sb, ',');
		break;
	case RG_DAY:
		if (row->day_id) {
			strbuf_adds(sb, "\"station\":");
			strbuf_add_json(sb, row->station);
			strbuf_adds(sb, ",\"date\":");
			strbuf_add_json(sb, row->key);
			strbuf_addch(sb, ',');
		} else {
			strbuf_adds(sb, "\"station\":null,\"date\":null,");
		}
		break;
	default:
		break;
	}
	strbuf_adds(sb, "\"days\":");
	if (row->days < 0)
		strbuf_adds(sb, "null");
	else
		strbuf_addf(sb, "%lld", (long long)row->days);
	strbuf_addf(sb, ",\"voters\":%lld,\"tickets\":%lld,\"answered\":%lld,\"resolved\":%lld",
		    (long long)row->voters, (long long)row->tickets, (long long)row->answered,
		    (long long)row->resolved);
	ok = report_pct(row->resolved, row->tickets, p) == 0;
	strbuf_adds(sb, ",\"resolved_pct\":");
	json_num_or_null(sb, ok, p);
	strbuf_addf(sb, ",\"rated\":%lld,\"satisfied\":%lld,\"good\":%lld,\"fair\":%lld,\"bad\":%lld",
		    (long long)row->rated, (long long)report_satisfied(row), (long long)row->good,
		    (long long)row->fair, (long long)row->bad);
	ok = report_pct(report_satisfied(row), row->rated, p) == 0;
	strbuf_adds(sb, ",\"satisfaction_pct\":");
	json_num_or_null(sb, ok, p);
	strbuf_addf(sb, ",\"overdue\":%lld", (long long)row->overdue);
	ok = report_avg(row->answer_days, row->answer_n, p) == 0;
	strbuf_adds(sb, ",\"avg_answer_days\":");
	json_num_or_null(sb, ok, p);
	strbuf_addf(sb, ",\"on_time\":%lld", (long long)row->on_time);
	ok = report_pct(row->on_time, row->answered, p) == 0;
	strbuf_adds(sb, ",\"on_time_pct\":");
	json_num_or_null(sb, ok, p);
	strbuf_addch(sb, '}');
}

static void json_group(struct report_out *o, const struct report *r, const char *name,
		       const struct report_row *rows, size_t n, int group)
{
	struct strbuf *sb = o->sb;

	strbuf_addf(sb, ",\n\"%s\":[", name);
	for (size_t i = 0; i < n; i++) {
		strbuf_adds(sb, i ? ",\n " : "\n ");
		json_row(sb, r, &rows[i], group);
		spill(o, 0);
	}
	strbuf_adds(sb, n ? "\n]" : "]");
}

void report_format_json(const struct report *r, struct report_out *o)
{
	struct strbuf *sb = o->sb;

	strbuf_adds(sb, "{\"from\":");
	strbuf_add_json(sb, r->from);
	strbuf_adds(sb, ",\"to\":");
	strbuf_add_json(sb, r->to);
	strbuf_adds(sb, ",\"as_of\":");
	strbuf_add_json(sb, r->today);
	strbuf_adds(sb, ",\"station\":{\"code\":");
	strbuf_add_json(sb, r->station_code);
	strbuf_adds(sb, ",\"name\":");
	strbuf_add_json(sb, r->station_name);
	strbuf_addch(sb, '}');
	if (r->only_station) {
		strbuf_adds(sb, ",\"only_station\":");
		strbuf_add_json(sb, r->only_station);
	}
	strbuf_addf(sb, ",\"voided\":%lld,\n\"total\":", (long long)r->voided);
	json_row(sb, r, &r->total, RG_TOTAL);
	json_group(o, r, "by_category", r->by_category, r->ncategory, RG_CATEGORY);
	json_group(o, r, "by_deputy", r->by_deputy, r->ndeputy, RG_DEPUTY);
	json_group(o, r, "by_day", r->by_day, r->nday, RG_DAY);
	json_group(o, r, "by_station", r->by_station, r->nstation, RG_STATION);
	json_group(o, r, "by_unit", r->by_unit, r->nunit, RG_UNIT);
	strbuf_adds(sb, "}\n");
	spill(o, 1);
}

/* ---- CSV ---- */

#define CSV_NCOLS 19

static void csv_row(struct strbuf *sb, const struct report *r, const char *group_name,
		    const struct report_row *row, int group)
{
	char v[CSV_NCOLS][32];
	const char *cells[CSV_NCOLS];
	int i = 0;

	cells[i++] = group_name;
	cells[i++] = group == RG_TOTAL ? "" : report_row_label(r, row, group);
	cells[i++] = group == RG_DAY && row->station ? row->station : "";
	if (row->days < 0)
		v[i][0] = '\0';
	else
		snprintf(v[i], 32, "%lld", (long long)row->days);
	cells[i] = v[i];
	i++;
#define NUM(x) do { snprintf(v[i], 32, "%lld", (long long)(x)); cells[i] = v[i]; i++; } while (0)
	NUM(row->voters);
	NUM(row->tickets);
	NUM(row->answered);
	NUM(row->resolved);
	report_pct(row->resolved, row->tickets, v[i]);
	cells[i] = v[i];
	i++;
	NUM(row->rated);
	NUM(report_satisfied(row));
	NUM(row->good);
	NUM(row->fair);
	NUM(row->bad);
	report_pct(report_satisfied(row), row->rated, v[i]);
	cells[i] = v[i];
	i++;
	NUM(row->overdue);
	report_avg(row->answer_days, row->answer_n, v[i]);
	cells[i] = v[i];
	i++;
	NUM(row->on_time);
	report_pct(row->on_time, row->answered, v[i]);
	cells[i] = v[i];
#undef NUM
	csv_add_row(sb, cells, CSV_NCOLS);
}

/* The rows of one group as CSV, written out as they grow. */
static void csv_group(struct report_out *o, const struct report *r, const char *group_name,
		      const struct report_row *rows, size_t n, int group)
{
	for (size_t i = 0; i < n; i++) {
		csv_row(o->sb, r, group_name, &rows[i], group);
		spill(o, 0);
	}
}

void report_format_csv(const struct report *r, struct report_out *o)
{
	struct strbuf *sb = o->sb;
	const char *head[CSV_NCOLS] = {
		_("Group"), _("Name"), _("Station"), _("Reception days"), _("Voters"), _("Issues"),
		_("Answered"), _("Resolved"), _("Resolved %"), _("Rated"), _("Satisfied"),
		RATING_GOOD, RATING_FAIR, RATING_BAD, _("Satisfaction %"),
		_("Overdue"), _("Average days to answer"), _("Answered on time"), _("On time %"),
	};

	strbuf_adds(sb, CSV_BOM);
	csv_add_row(sb, head, CSV_NCOLS);
	csv_row(sb, r, _("Total"), &r->total, RG_TOTAL);
	csv_group(o, r, _("Category"), r->by_category, r->ncategory, RG_CATEGORY);
	csv_group(o, r, _("Deputy"), r->by_deputy, r->ndeputy, RG_DEPUTY);
	csv_group(o, r, _("Reception day"), r->by_day, r->nday, RG_DAY);
	csv_group(o, r, _("Station"), r->by_station, r->nstation, RG_STATION);
	csv_group(o, r, _("Unit"), r->by_unit, r->nunit, RG_UNIT);
	spill(o, 1);
}

int report_write(const struct report *r, const char *format, int width, FILE *f)
{
	struct strbuf sb = STRBUF_INIT;
	struct report_out o = { .sb = &sb, .f = f };

	if (!strcmp(format, "json"))
		report_format_json(r, &o);
	else if (!strcmp(format, "csv"))
		report_format_csv(r, &o);
	else
		report_format_text(r, &o, width);
	strbuf_release(&sb);
	if (o.failed) {
		errno = o.err;
		return -1;
	}
	return 0;
}
