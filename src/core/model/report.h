/*
 * report.h — the statistics a station reports upward, for a period.
 *
 * The figures are loaded by store_report_load() (SQL in store-report.c) and
 * laid out here as text, CSV or JSON, free of curses so the screen and the
 * command line show the same numbers.  The definitions, which README.md
 * repeats for stations:
 *
 *  - A ticket belongs to the period when its intake date (the date it was
 *    registered, tickets.created_at) falls within it, both ends included.
 *    What happened to it later counts as it stands now ("as of" today).
 *  - Void tickets (作废) are mistaken entries: they are not opinions
 *    collected and count in no figure, only in `voided`.
 *  - tickets (意见建议): the tickets of the period that are not void.
 *  - days (接待日场次): reception days whose date falls in the period; per
 *    deputy, the days at which that deputy was present; per station, that
 *    station's days; not applicable per category or unit (-1).
 *  - per unit (交办单位): tickets grouped by the unit they are handed to now;
 *    those never handed over form the row "(not handed over)".
 *  - voters (接待选民): distinct voters among those tickets (one voter with
 *    three issues counts once; voters whose only ticket was voided do not
 *    count).
 *  - answered (已答复): tickets whose answer stands now: answered, waiting
 *    for sign-off, or signed off.  A ticket sent back after 不满意 or
 *    reopened is not answered until it is answered again.
 *  - resolved (已解决/基本解决): tickets the voter rated 满意 or 基本满意 and
 *    that were not sent back since (waiting for sign-off, or signed off).
 *    resolved_pct = resolved / tickets.
 *  - rated (已评价): tickets with a rating; the latest rating counts (a
 *    reopened ticket keeps its last rating until it is rated again).
 *    satisfied = rated 满意 or 基本满意; satisfaction (满意率) = satisfied / rated.
 *  - overdue (超期): handed over, deadline (办结时限) before today, not yet
 *    answered — the same flag as in every list.
 *  - average days to answer: over the answered tickets, days from the
 *    intake date to the date of the (latest) answer; 0 for an answer on the
 *    spot.
 *  - on_time (按时答复): answered tickets whose (latest) answer is dated on
 *    or before their deadline in force (办结时限; after 不满意 or a reopen,
 *    the fresh one), and those answered without a deadline (on the spot,
 *    before any handover); on_time_pct = on_time / answered.
 *  - by unit (承办单位) — the figures 12345 hotlines rank their units by:
 *    the tickets of the period that have a unit now (handed over), grouped
 *    by the unit as the unit directory names it today (a former name, or a
 *    spelling merged into another unit, counts for the unit it means now;
 *    tickets keep the name their events recorded).  Per unit: items (交办
 *    件, its tickets), answered, on time and on_time_pct, overdue now,
 *    resolved and resolved_pct (resolved / items), satisfaction.  Units
 *    come most items first, then by name.
 *  - A rate with nothing to count (no tickets, nothing rated, nothing
 *    answered) is not applicable: "-" in text, empty in CSV, null in JSON —
 *    never 0 % or 100 %.  Rates are percentages rounded half away from zero
 *    to two decimals: 136 of 204 is 66.67 %.  Averages are rounded the same
 *    way to two decimals.
 */
#ifndef JIEDAI_REPORT_H
#define JIEDAI_REPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "clock.h"

struct strbuf;

struct report_row {
	char *key;		/* category, deputy name, date or station ("" when none) */
	char *station;		/* by day: the day's station (NULL elsewhere) */
	int64_t day_id;		/* by day: the day (0: tickets not taken on a reception day) */
	int64_t days;		/* reception days held; -1 where it does not apply */
	int64_t voters, tickets, answered, resolved;
	int64_t rated, good, fair, bad;	/* good 满意, fair 基本满意, bad 不满意 */
	int64_t overdue;
	int64_t answer_days, answer_n;	/* days to answer, summed over answer_n tickets */
	int64_t on_time;		/* answered on or before the deadline */
};

struct report {
	char from[CLOCK_DATE_LEN], to[CLOCK_DATE_LEN], today[CLOCK_DATE_LEN];
	char *station_code, *station_name;
	char *only_station;	/* the station counted alone (--station), or NULL for all */
	struct report_row total;
	int64_t voided;
	/* Groups, in display order (see store_report_load). */
	struct report_row *by_category, *by_deputy, *by_day, *by_station, *by_unit;
	size_t ncategory, ndeputy, nday, nstation, nunit;
	/* The name of each station of by_station, in its order ("" when not known). */
	char **station_names;
};

void report_release(struct report *r);

/* satisfied = good + fair */
int64_t report_satisfied(const struct report_row *row);

/*
 * num/den as a percentage with two decimals ("66.67"), rounded half away
 * from zero, into buf.  Returns 0, or -1 with buf "" when den is 0.
 */
int report_pct(int64_t num, int64_t den, char buf[32]);
/* sum/n with two decimals ("3.25"); 0, or -1 with buf "" when n is 0. */
int report_avg(int64_t sum, int64_t n, char buf[32]);

/*
 * The period for people: "2026-03" when from..to is one whole month, else
 * "2026-03-01 to 2026-03-10" (translated).  Caller frees.
 */
char *report_period_label(const char *from, const char *to);

/* The key of a row for people ("(not on a reception day)" and the like).  Lent or static. */
const char *report_row_label(const struct report *r, const struct report_row *row, int group);
enum report_group { RG_TOTAL, RG_CATEGORY, RG_DEPUTY, RG_DAY, RG_STATION, RG_UNIT };

/* The overall figures, one per line ("  Label   value   note"). */
void report_format_summary(const struct report *r, struct strbuf *sb);
/* The table of one group (enum report_group), with its title line first. */
void report_format_table(const struct report *r, int group, struct strbuf *sb, int width);
/*
 * A bar chart of issues per member of a group: one line each, the name, the
 * number in text, then the bar (report_bar) scaled to the largest.
 */
void report_chart(const struct report *r, int group, struct strbuf *sb, int width);
/*
 * Where a whole report goes: appended to sb, and when f is set written to f
 * a few kilobytes at a time (sb is left empty at the end), so the text of a
 * long period is never held whole.  A failed write sets failed and err (the
 * errno) and stops writing.  With f NULL, sb receives the whole report.
 */
struct report_out {
	struct strbuf *sb;
	FILE *f;
	int failed, err;
};
/* The whole report as text for a terminal of width columns. */
void report_format_text(const struct report *r, struct report_out *o, int width);
/* As one JSON object (with a final newline). */
void report_format_json(const struct report *r, struct report_out *o);
/* As CSV (BOM, header row, then the total and one row per group member). */
void report_format_csv(const struct report *r, struct report_out *o);
/*
 * The whole report to f as "text" (width columns), "csv" or "json", written
 * as it is laid out.  Returns 0, or -1 with errno set when a write failed.
 */
int report_write(const struct report *r, const char *format, int width, FILE *f);

/*
 * A horizontal bar for a chart: value/max of width cells, in full blocks
 * (U+2588), at least one block for any value above 0.  Appended to sb.
 * The number is always written beside it by the caller: meaning never rides
 * on colour or length alone.
 */
void report_bar(struct strbuf *sb, int64_t value, int64_t max, int width);

#endif
