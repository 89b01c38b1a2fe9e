/* clock.c — see clock.h. */
#include "clock.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "u8.h"
#include "xmalloc.h"

static int days_in_month(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

static int valid_ymd(int y, int m, int d)
{
	return y >= 1900 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

static long days_from_civil(int y, int m, int d);

/*
 * An ISO 8601 offset from UTC at s: "Z", "+08:00", "+0800" or "+08", in
 * seconds east of UTC (*off); returns the characters read, or -1.
 */
static int parse_offset(const char *s, long *off)
{
	int sign, h, m = 0, n = 3;

	if (*s == 'Z') {
		*off = 0;
		return 1;
	}
	if (*s != '+' && *s != '-')
		return -1;
	sign = *s == '-' ? -1 : 1;
	if (!isdigit((unsigned char)s[1]) || !isdigit((unsigned char)s[2]))
		return -1;
	h = (s[1] - '0') * 10 + (s[2] - '0');
	if (s[3] == ':')
		n++;
	if (isdigit((unsigned char)s[n]) && isdigit((unsigned char)s[n + 1])) {
		m = (s[n] - '0') * 10 + (s[n + 1] - '0');
		n += 2;
	} else if (n == 4) {
		return -1;	/* "+08:" */
	}
	if (h > 23 || m > 59)
		return -1;
	*off = sign * ((long)h * 3600 + (long)m * 60);
	return n;
}

/*
 * Parse JIEDAI_NOW: a date, a local date and time, or a date and time with
 * its offset from UTC (…Z, …+08:00), which is turned into local time (TZ).
 * Returns -1 when unreadable.
 */
static int parse_override(const char *s, time_t *out)
{
	struct tm tm;
	int y, mo, d, h = 0, mi = 0, se = 0, n = 0, has_off = 0;
	long off = 0;
	char sep;

	memset(&tm, 0, sizeof(tm));
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || !valid_ymd(y, mo, d))
		return -1;
	sep = s[n];
	if (sep == 'T' || sep == ' ') {
		int m2 = 0;

		if (!isdigit((unsigned char)s[n + 1]) || sscanf(s + n + 1, "%2d:%2d%n", &h, &mi, &m2) != 2)
			return -1;
		n += 1 + m2;
		if (s[n] == ':') {
			int m3 = 0;

			if (!isdigit((unsigned char)s[n + 1]) || sscanf(s + n + 1, "%2d%n", &se, &m3) != 1)
				return -1;
			n += 1 + m3;
			/* Fractions of a second (ISO 8601 allows them) are dropped. */
			if (s[n] == '.' && isdigit((unsigned char)s[n + 1]))
				for (n++; isdigit((unsigned char)s[n]); n++)
					;
		}
		if (s[n] == 'Z' || s[n] == '+' || s[n] == '-') {
			int k = parse_offset(s + n, &off);

			if (k < 0)
				return -1;
			n += k;
			has_off = 1;
		}
	}
	if (s[n] != '\0' || h > 23 || mi > 59 || se > 60)
		return -1;
	if (has_off) {
		*out = (time_t)days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - off;
		if (!localtime_r(out, &tm))
			return -1;
	} else {
		tm.tm_year = y - 1900;
		tm.tm_mon = mo - 1;
		tm.tm_mday = d;
		tm.tm_hour = h;
		tm.tm_min = mi;
		tm.tm_sec = se;
		tm.tm_isdst = -1;
		*out = mktime(&tm);
	}
	/* A leap second at the end of 9999 rolls over into a year stamps cannot hold. */
	if (tm.tm_year + 1900 > 9999 || tm.tm_year + 1900 < 1900)
		return -1;
	return 0;
}

int clock_check_override(void)
{
	const char *e = getenv("JIEDAI_NOW");
	time_t t;

	if (e && *e && parse_override(e, &t) < 0)
		return error(_("JIEDAI_NOW is not a date and time (use 2026-03-10T09:30:00): '%s'"), e);
	return 0;
}

static time_t fixed_now;

void clock_set(time_t t)
{
	fixed_now = t;
}

time_t clock_now(void)
{
	const char *e = getenv("JIEDAI_NOW");
	time_t t;

	if (fixed_now)
		return fixed_now;
	if (e && *e && parse_override(e, &t) == 0)
		return t;
	return time(NULL);
}

void clock_stamp(char out[CLOCK_STAMP_LEN])
{
	time_t t = clock_now();
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, CLOCK_STAMP_LEN, "%Y-%m-%d %H:%M:%S", &tm);
}

void clock_today(char out[CLOCK_DATE_LEN])
{
	time_t t = clock_now();
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, CLOCK_DATE_LEN, "%Y-%m-%d", &tm);
}

int clock_year(void)
{
	time_t t = clock_now();
	struct tm tm;

	localtime_r(&t, &tm);
	return tm.tm_year + 1900;
}

/* Read up to maxd ASCII digits at *p into *v; returns the count read. */
static int read_num(const char **p, int maxd, int *v)
{
	int n = 0;

	*v = 0;
	while (n < maxd && **p >= '0' && **p <= '9') {
		*v = *v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n;
}

static int skip_sep(const char **p, const char *const *seps)
{
	for (size_t i = 0; seps[i]; i++) {
		size_t l = strlen(seps[i]);

		if (!strncmp(*p, seps[i], l)) {
			*p += l;
			return 1;
		}
	}
	return 0;
}

int clock_parse_date(const char *s, char out[CLOCK_DATE_LEN])
{
	static const char *const seps1[] = { "-", "/", ".", "年", NULL };
	static const char *const seps2[] = { "-", "/", ".", "月", NULL };
	char *folded = u8_fold(s), *t = u8_trim(folded);
	const char *p = t;
	int y, m, d, ok = 0;

	if (strlen(t) == 8 && strspn(t, "0123456789") == 8) {
		y = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
		m = (t[4] - '0') * 10 + (t[5] - '0');
		d = (t[6] - '0') * 10 + (t[7] - '0');
		ok = 1;
	} else if (read_num(&p, 4, &y) == 4 && skip_sep(&p, seps1) && read_num(&p, 2, &m) >= 1 &&
		   skip_sep(&p, seps2) && read_num(&p, 2, &d) >= 1) {
		if (!strncmp(p, "日", 3) || !strncmp(p, "号", 3))
			p += 3;
		ok = *p == '\0';
	}
	free(folded);
	free(t);
	if (!ok || !valid_ymd(y, m, d))
		return -1;
	snprintf(out, CLOCK_DATE_LEN, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)d % 100u);
	return 0;
}

int clock_valid_month(const char *s)
{
	int y, m, n = 0;

	return strlen(s) == 7 && sscanf(s, "%4d-%2d%n", &y, &m, &n) == 2 && n == 7 && s[4] == '-' &&
	       y >= 1900 && m >= 1 && m <= 12;
}

/* Days since 1970-01-01 for a civil date (proleptic Gregorian). */
static long days_from_civil(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int split_date(const char *s, int *y, int *m, int *d)
{
	int n = 0;

	if (!s || sscanf(s, "%4d-%2d-%2d%n", y, m, d, &n) != 3 || n != 10 || !valid_ymd(*y, *m, *d))
		return -1;
	return 0;
}

int clock_add_days(const char *date, int days, char out[CLOCK_DATE_LEN])
{
	int y, m, d;

	if (split_date(date, &y, &m, &d) < 0)
		return -1;
	civil_from_days(days_from_civil(y, m, d) + days, &y, &m, &d);
	snprintf(out, CLOCK_DATE_LEN, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)d % 100u);
	return 0;
}

long clock_days_between(const char *a, const char *b)
{
	int y1, m1, d1, y2, m2, d2;

	if (split_date(a, &y1, &m1, &d1) < 0 || split_date(b, &y2, &m2, &d2) < 0)
		return 0;
	return days_from_civil(y2, m2, d2) - days_from_civil(y1, m1, d1);
}

int clock_month_range(const char *month, char first[CLOCK_DATE_LEN], char last[CLOCK_DATE_LEN])
{
	int y, m;

	if (!clock_valid_month(month) || sscanf(month, "%4d-%2d", &y, &m) != 2)
		return -1;
	snprintf(first, CLOCK_DATE_LEN, "%04u-%02u-01", (unsigned)y % 10000u, (unsigned)m % 100u);
	snprintf(last, CLOCK_DATE_LEN, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		 (unsigned)days_in_month(y, m) % 100u);
	return 0;
}
