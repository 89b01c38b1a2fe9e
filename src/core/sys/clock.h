/*
 * clock.h — "now", dates and deadlines.
 *
 * Times are local wall-clock time, stored as "YYYY-MM-DD HH:MM:SS"; dates as
 * "YYYY-MM-DD".  Both sort as text.  JIEDAI_NOW (ISO 8601: "2026-03-10",
 * "2026-03-10T09:30" or "2026-03-10 09:30:00" in local time, or with an
 * offset from UTC, "2026-11-03T09:00:00+08:00" or "2026-11-03T01:00:00Z",
 * which is turned into local time by TZ) fixes the clock so that tests,
 * receipts and deadlines compare exactly.
 */
#ifndef JIEDAI_CLOCK_H
#define JIEDAI_CLOCK_H

#include <time.h>

#define CLOCK_STAMP_LEN 20	/* "YYYY-MM-DD HH:MM:SS" + NUL */
#define CLOCK_DATE_LEN 11	/* "YYYY-MM-DD" + NUL */

/* Seconds since the epoch, or the clock_set() or JIEDAI_NOW override. */
time_t clock_now(void);
/*
 * Fix the clock at t for this process (0: back to JIEDAI_NOW or the real
 * time).  For bulk generation of made-up ledgers (jiedai gen), which records
 * each step at its own made-up date.
 */
void clock_set(time_t t);
/* 0, or -1 with a message when JIEDAI_NOW is set but unreadable. */
int clock_check_override(void);
void clock_stamp(char out[CLOCK_STAMP_LEN]);
void clock_today(char out[CLOCK_DATE_LEN]);
int clock_year(void);

/*
 * Read a date typed by a person: 2026-03-10, 2026/3/10, 2026.3.10, 20260310,
 * 2026年3月10日, with full-width digits.  Writes "YYYY-MM-DD".  Returns 0, or
 * -1 when it is not a real calendar date.
 */
int clock_parse_date(const char *s, char out[CLOCK_DATE_LEN]);
/* 1 when s is exactly a valid "YYYY-MM" month. */
int clock_valid_month(const char *s);
/* date + days (may be negative) into out; -1 if date is not valid. */
int clock_add_days(const char *date, int days, char out[CLOCK_DATE_LEN]);
/* Whole days from a to b (b - a); both "YYYY-MM-DD". */
long clock_days_between(const char *a, const char *b);
/* The first and last day of month "YYYY-MM". */
int clock_month_range(const char *month, char first[CLOCK_DATE_LEN], char last[CLOCK_DATE_LEN]);

#endif
