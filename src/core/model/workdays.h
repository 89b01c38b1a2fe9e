/*
 * workdays.h — working days and deadlines, counted as Chinese law counts
 * periods, with a calendar of public holidays and make-up working days (调休)
 * read from a file the station can update.
 *
 * The calendar file (forms/calendar.txt; see forms/README.md) has one block
 * per year, each with two lists: the days off (放假, weekdays and weekend
 * days alike) and the make-up working days (a Saturday or Sunday that is
 * worked):
 *
 *	year 2026
 *	off  01-01..01-03	# 元旦
 *	work 01-04		# 周日上班
 *	off  02-15..02-23	# 春节
 *	work 02-14 02-28
 *
 * Every other Saturday and Sunday is a day off and every other weekday a
 * working day.  A date is MM-DD in the block's year, 2月15日, or a whole
 * YYYY-MM-DD (a holiday may begin in the last days of the year before); a
 * range is A..B (or A至B); dates are separated by spaces or commas; `work
 * none` says a year has no make-up day.  `#` starts a comment.
 *
 * Counting (Civil Code arts. 201 and 203):
 *  - the day of the handover does not count: a period of N days starts on
 *    the day after;
 *  - by calendar days, the deadline is that day + N; when it falls on a day
 *    off (a holiday or a weekend day that is not a make-up day) it moves to
 *    the first working day after;
 *  - by working days, the deadline is the Nth working day after that day;
 *  - a deadline is always a date.
 * A year the calendar does not cover is never guessed at: only its Saturdays
 * and Sundays count as days off, and the caller gets a warning to pass on.
 */
#ifndef JIEDAI_WORKDAYS_H
#define JIEDAI_WORKDAYS_H

struct strbuf;
struct calendar;

/* The file a station keeps the calendar in, inside its forms directory. */
#define CALENDAR_FILE "calendar.txt"

/*
 * Read a calendar file.  Returns the calendar (free with calendar_free()),
 * or NULL after appending every mistake to errs, one line each, as
 * "FILE:LINE: message" (or "FILE: message"): a bad or repeated date, a
 * weekday listed as a make-up working day, a date outside its year, a year
 * given twice or missing one of its two lists, an unknown instruction.
 */
struct calendar *calendar_load(const char *path, struct strbuf *errs);
/* The same from text in memory; name is used in the messages. */
struct calendar *calendar_parse(const char *text, const char *name, struct strbuf *errs);
void calendar_free(struct calendar *cal);

/* The file the calendar was read from (lent, as long as cal lives). */
const char *calendar_path(const struct calendar *cal);
/* Number of years the calendar covers; *first and *last (may be NULL) get the range. */
int calendar_years(const struct calendar *cal, int *first, int *last);
/* 1 when cal (may be NULL) has a block for year. */
int calendar_covers(const struct calendar *cal, int year);
/* Days off and make-up working days listed for year (counts; 0 for an absent year). */
void calendar_count(const struct calendar *cal, int year, int *off, int *work);

enum workday_kind {
	WD_WORKDAY,		/* Monday to Friday, not a holiday */
	WD_WEEKEND,		/* a Saturday or Sunday off */
	WD_HOLIDAY,		/* listed as a day off */
	WD_MAKEUP,		/* a Saturday or Sunday listed as a working day */
};

/*
 * What kind of day date ("YYYY-MM-DD") is.  cal may be NULL.  *known (may be
 * NULL) is set to 0 when cal does not cover the date's year (then only
 * weekends are days off).  Returns the kind, or -1 when date is not a date.
 */
int workdays_kind(const struct calendar *cal, const char *date, int *known);
/* 1 for WD_WORKDAY and WD_MAKEUP. */
int workdays_is_working(enum workday_kind k);

/*
 * The deadline n days (1 to 366) after the date from ("YYYY-MM-DD", or a
 * stored time "YYYY-MM-DD hh:mm:ss", whose date is taken), counted by
 * calendar days (unit_workdays 0) or by working days (1), as above, into
 * out.  cal may be NULL (no calendar could be read).  *warning (may be
 * NULL) is set to NULL, or to a translated sentence to show the person when
 * a day of the period lies in a year the calendar does not cover (caller
 * frees).  Returns 0, or -1 with a message when from or n is not usable.
 */
int workdays_due(const struct calendar *cal, const char *from, int n, int unit_workdays,
		 char out[11], char **warning);

/*
 * The deadline_unit setting: "calendar" gives 0, "workdays" 1; anything
 * else -1 (for the settings check).
 */
int workdays_parse_unit(const char *value);

#endif
