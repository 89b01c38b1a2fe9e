/*
 * workdays.c — see workdays.h.
 *
 * Days are held as numbers (days since 1970-01-01, through clock.h), so a
 * weekday is a remainder and a period is a loop of at most a year and a
 * bit.  The calendar is a sorted array of the listed days, each marked off
 * or work, and the list of years it covers.
 */
#include "workdays.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "strbuf.h"
#include "u8.h"
#include "xmalloc.h"

#define EPOCH "1970-01-01"
#define MAX_RANGE 31		/* a holiday longer than a month is a typing mistake */

struct cal_day {
	long day;
	int line;
	int work;		/* 1: a make-up working day; 0: a day off */
};

struct cal_year {
	int year, line;
	int has_off, has_work;
	int off, work;		/* how many days each list holds */
};

struct calendar {
	char *path;
	struct cal_year *years;
	size_t nyears;
	struct cal_day *days;	/* sorted by day once parsed */
	size_t ndays;
};

/* Day number and year of a "YYYY-MM-DD" date (a stored time's date part is read too). */
static int day_of(const char *date, long *day, int *year)
{
	char d[CLOCK_DATE_LEN], canon[CLOCK_DATE_LEN];

	if (!date || strlen(date) < 10 || (date[10] && date[10] != ' '))
		return -1;
	memcpy(d, date, 10);
	d[10] = '\0';
	if (clock_parse_date(d, canon) < 0 || strcmp(d, canon))
		return -1;
	*day = clock_days_between(EPOCH, canon);
	if (year)
		*year = atoi(canon);
	return 0;
}

static void date_of(long day, char out[CLOCK_DATE_LEN])
{
	clock_add_days(EPOCH, (int)day, out);
}

/* 0 for Sunday … 6 for Saturday (1970-01-01 was a Thursday). */
static int weekday(long day)
{
	return (int)(((day % 7) + 7 + 4) % 7);
}

static int year_of(long day)
{
	char d[CLOCK_DATE_LEN];

	date_of(day, d);
	return atoi(d);
}

static const char *weekday_name(int wd)
{
	static const char *const names[] = {
		N_("Sunday"), N_("Monday"), N_("Tuesday"), N_("Wednesday"),
		N_("Thursday"), N_("Friday"), N_("Saturday"),
	};

	return _(names[wd]);
}

static void add_err(struct strbuf *errs, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void add_err(struct strbuf *errs, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	if (line > 0)
		strbuf_addf(errs, "%s:%d: ", file, line);
	else
		strbuf_addf(errs, "%s: ", file);
	va_start(ap, fmt);
	strbuf_vaddf(errs, fmt, ap);
	va_end(ap);
	strbuf_addch(errs, '\n');
}

void calendar_free(struct calendar *cal)
{
	if (!cal)
		return;
	free(cal->path);
	free(cal->years);
	free(cal->days);
	free(cal);
}

const char *calendar_path(const struct calendar *cal)
{
	return cal ? cal->path : "";
}

static const struct cal_year *find_year(const struct calendar *cal, int year)
{
	for (size_t i = 0; cal && i < cal->nyears; i++)
		if (cal->years[i].year == year)
			return &cal->years[i];
	return NULL;
}

int calendar_years(const struct calendar *cal, int *first, int *last)
{
	int lo = 0, hi = 0;

	for (size_t i = 0; cal && i < cal->nyears; i++) {
		if (!lo || cal->years[i].year < lo)
			lo = cal->years[i].year;
		if (cal->years[i].year > hi)
			hi = cal->years[i].year;
	}
	if (first)
		*first = lo;
	if (last)
		*last = hi;
	return cal ? (int)cal->nyears : 0;
}

int calendar_covers(const struct calendar *cal, int year)
{
	return find_year(cal, year) != NULL;
}

void calendar_count(const struct calendar *cal, int year, int *off, int *work)
{
	const struct cal_year *y = find_year(cal, year);

	*off = y ? y->off : 0;
	*work = y ? y->work : 0;
}

/* ---- reading the file ---- */

struct parser {
	struct calendar *cal;
	const char *file;
	struct strbuf *errs;
	int line;
	struct cal_year *cur;	/* the block being read, or NULL */
	int bad_year;		/* the last year line was refused: skip its lists quietly */
};

/*
 * A date as written inside the block of year: MM-DD, M/D, 2月15日, or a
 * whole date with its year.  0 with *day set, or -1.
 */
static int read_date(const char *tok, int year, long *day, int *its_year)
{
	char canon[CLOCK_DATE_LEN];
	char *full;
	int r;

	if (strspn(tok, "0123456789") >= 4 || strstr(tok, "年"))
		full = xstrdup(tok);
	else if (strstr(tok, "月"))
		full = xasprintf("%d年%s", year, tok);
	else
		full = xasprintf("%d-%s", year, tok);
	r = clock_parse_date(full, canon);
	free(full);
	if (r < 0)
		return -1;
	return day_of(canon, day, its_year);
}

/* Record one listed day, refusing a day listed before and a weekday as make-up day. */
static void add_day(struct parser *ps, long day, int work)
{
	struct calendar *cal = ps->cal;
	char d[CLOCK_DATE_LEN];
	int wd = weekday(day);

	date_of(day, d);
	for (size_t i = 0; i < cal->ndays; i++) {
		if (cal->days[i].day == day) {
			add_err(ps->errs, ps->file, ps->line, _("%s is listed twice (also on line %d)"), d,
				cal->days[i].line);
			return;
		}
	}
	if (work && wd != 0 && wd != 6) {
		add_err(ps->errs, ps->file, ps->line,
			_("%s is a %s: a make-up working day (work) is a Saturday or Sunday that is worked"), d,
			weekday_name(wd));
		return;
	}
	cal->days = xreallocarray(cal->days, cal->ndays + 1, sizeof(*cal->days));
	cal->days[cal->ndays].day = day;
	cal->days[cal->ndays].line = ps->line;
	cal->days[cal->ndays].work = work;
	cal->ndays++;
	if (work)
		ps->cur->work++;
	else
		ps->cur->off++;
}

/* Where a range token splits ("02-15..02-23", "02-15至02-23", "02-15~02-23"), or NULL. */
static char *range_sep(char *tok, size_t *seplen)
{
	static const char *const seps[] = { "..", "至", "~", NULL };

	for (size_t i = 0; seps[i]; i++) {
		char *p = strstr(tok, seps[i]);

		if (p) {
			*seplen = strlen(seps[i]);
			return p;
		}
	}
	return NULL;
}

/* One word of an off or work line: a date or a range. */
static void read_item(struct parser *ps, char *tok, int work)
{
	int year = ps->cur->year, y1, y2;
	size_t seplen = 0;
	char *whole = xstrdup(tok), *sep = range_sep(tok, &seplen);
	long a, b;

	if (sep) {
		*sep = '\0';
		if (read_date(tok, year, &a, &y1) < 0 || read_date(sep + seplen, year, &b, &y2) < 0) {
			add_err(ps->errs, ps->file, ps->line,
				_("'%s' is not a range of dates (write 02-15..02-23)"), whole);
			goto out;
		}
		if (b < a) {
			add_err(ps->errs, ps->file, ps->line, _("the range %s ends before it begins"), whole);
			goto out;
		}
		if (b - a >= MAX_RANGE) {
			add_err(ps->errs, ps->file, ps->line, _("the range %s is longer than a month; check it"),
				whole);
			goto out;
		}
	} else {
		if (read_date(tok, year, &a, &y1) < 0) {
			add_err(ps->errs, ps->file, ps->line,
				_("'%s' is not a date (write 02-15, or 2026-02-15)"), whole);
			goto out;
		}
		b = a;
		y2 = y1;
	}
	if (y1 < year - 1 || y1 > year + 1 || y2 < year - 1 || y2 > year + 1) {
		add_err(ps->errs, ps->file, ps->line, _("'%s' is not in or next to the year %d of this block"),
			whole, year);
		goto out;
	}
	for (long d = a; d <= b; d++)
		add_day(ps, d, work);
out:
	free(whole);
}

/* An off or work line: its words after the keyword. */
static void read_list(struct parser *ps, const char *key, char *val, int work)
{
	char *save = NULL;
	int n = 0;

	if (ps->bad_year)
		return;
	if (!ps->cur) {
		add_err(ps->errs, ps->file, ps->line, _("'%s' before any 'year' line: start the block with year YYYY"),
			key);
		return;
	}
	/* Commas and the enumeration comma separate dates like spaces. */
	for (char *p = val; *p; p++)
		if (*p == ',' || *p == '\t')
			*p = ' ';
	for (char *p = strstr(val, "、"); p; p = strstr(p, "、"))
		memset(p, ' ', strlen("、"));
	if (work)
		ps->cur->has_work = 1;
	else
		ps->cur->has_off = 1;
	for (char *tok = strtok_r(val, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		if (work && !strcmp(tok, "none")) {
			if (n || strtok_r(NULL, " ", &save))
				add_err(ps->errs, ps->file, ps->line, _("'work none' takes no dates"));
			return;
		}
		read_item(ps, tok, work);
		n++;
	}
	if (!n)
		add_err(ps->errs, ps->file, ps->line, _("no dates after '%s'"), key);
}

static void read_year(struct parser *ps, const char *val)
{
	struct calendar *cal = ps->cal;
	const struct cal_year *dup;
	int year;

	if (strlen(val) != 4 || strspn(val, "0123456789") != 4 || (year = atoi(val)) < 1949) {
		add_err(ps->errs, ps->file, ps->line, _("'%s' is not a year (write year 2026)"), val);
		ps->cur = NULL;
		ps->bad_year = 1;
		return;
	}
	dup = find_year(cal, year);
	if (dup) {
		add_err(ps->errs, ps->file, ps->line, _("year %d is given twice (also on line %d)"), year,
			dup->line);
		ps->cur = NULL;
		ps->bad_year = 1;
		return;
	}
	ps->bad_year = 0;
	cal->years = xreallocarray(cal->years, cal->nyears + 1, sizeof(*cal->years));
	ps->cur = &cal->years[cal->nyears++];
	memset(ps->cur, 0, sizeof(*ps->cur));
	ps->cur->year = year;
	ps->cur->line = ps->line;
}

static int by_day(const void *a, const void *b)
{
	const struct cal_day *x = a, *y = b;

	return x->day < y->day ? -1 : x->day > y->day;
}

struct calendar *calendar_parse(const char *text, const char *name, struct strbuf *errs)
{
	struct calendar *cal = xcalloc(1, sizeof(*cal));
	struct parser ps = { cal, name, errs, 0, NULL, 0 };
	size_t errs_before = errs->len;
	const char *p = text;

	cal->path = xstrdup(name);
	if (!u8_valid(text, strlen(text)))
		add_err(errs, name, 0, _("the file is not valid UTF-8 (save it as UTF-8)"));
	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		char *raw = xstrndup(p, len), *hash = strchr(raw, '#');
		char *folded, *line, *key, *val;

		p += len + (eol ? 1 : 0);
		ps.line++;
		if (hash)
			*hash = '\0';
		folded = u8_fold(raw);
		line = u8_trim(folded);
		free(raw);
		free(folded);
		if (!*line) {
			free(line);
			continue;
		}
		key = line;
		val = line + strcspn(line, " \t");
		if (*val) {
			*val++ = '\0';
			while (*val == ' ' || *val == '\t')
				val++;
		}
		if (!strcmp(key, "year")) {
			read_year(&ps, val);
		} else if (!strcmp(key, "off") || !strcmp(key, "work")) {
			read_list(&ps, key, val, !strcmp(key, "work"));
		} else {
			add_err(errs, name, ps.line, _("unknown instruction '%s' (use year, off or work)"), key);
		}
		free(line);
	}
	if (!cal->nyears && errs->len == errs_before)
		add_err(errs, name, 0, _("the calendar has no year in it (start with: year 2026)"));
	for (size_t i = 0; i < cal->nyears; i++) {
		const struct cal_year *y = &cal->years[i];

		if (!y->has_off)
			add_err(errs, name, y->line, _("year %d has no 'off' list (its days off)"), y->year);
		if (!y->has_work)
			add_err(errs, name, y->line,
				_("year %d has no 'work' list (its make-up working days; write 'work none' if it has none)"),
				y->year);
	}
	if (errs->len != errs_before) {
		calendar_free(cal);
		return NULL;
	}
	if (cal->ndays)
		qsort(cal->days, cal->ndays, sizeof(*cal->days), by_day);
	return cal;
}

struct calendar *calendar_load(const char *path, struct strbuf *errs)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	struct calendar *cal;
	char buf[4096];
	size_t n;

	if (!f) {
		strbuf_addf(errs, _("%s: cannot read the calendar file: %s\n"), path, strerror(errno));
		return NULL;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	if (memchr(sb.buf, '\0', sb.len)) {
		strbuf_addf(errs, _("%s: the file is not text\n"), path);
		strbuf_release(&sb);
		return NULL;
	}
	cal = calendar_parse(sb.buf, path, errs);
	strbuf_release(&sb);
	return cal;
}

/* ---- counting ---- */

static const struct cal_day *listed(const struct calendar *cal, long day)
{
	struct cal_day key = { day, 0, 0 };

	if (!cal || !cal->ndays)
		return NULL;
	return bsearch(&key, cal->days, cal->ndays, sizeof(*cal->days), by_day);
}

static enum workday_kind kind_of(const struct calendar *cal, long day, int *known)
{
	int wd = weekday(day), weekend = wd == 0 || wd == 6;
	const struct cal_day *l;

	*known = calendar_covers(cal, year_of(day));
	l = listed(cal, day);	/* a day listed in the block of the next year counts too */
	if (l)
		return l->work ? WD_MAKEUP : WD_HOLIDAY;
	return weekend ? WD_WEEKEND : WD_WORKDAY;
}

int workdays_kind(const struct calendar *cal, const char *date, int *known)
{
	long day;
	int k;

	if (day_of(date, &day, NULL) < 0)
		return -1;
	return (int)kind_of(cal, day, known ? known : &k);
}

int workdays_is_working(enum workday_kind k)
{
	return k == WD_WORKDAY || k == WD_MAKEUP;
}

static int working(const struct calendar *cal, long day)
{
	int known;

	return workdays_is_working(kind_of(cal, day, &known));
}

int workdays_due(const struct calendar *cal, const char *from, int n, int unit_workdays,
		 char out[CLOCK_DATE_LEN], char **warning)
{
	long start, d;
	int first = 0, last = 0;

	if (warning)
		*warning = NULL;
	if (day_of(from, &start, NULL) < 0)
		return error(_("'%s' is not a date"), from ? from : "");
	if (n < 1 || n > 366)
		return error(_("a deadline in days must be from 1 to 366"));
	if (unit_workdays) {
		int counted = 0;

		for (d = start; counted < n; )
			if (working(cal, ++d))
				counted++;
	} else {
		/* Art. 203: the last day a day off, the period ends on the next working day. */
		for (d = start + n; !working(cal, d); d++)
			;
	}
	date_of(d, out);
	/*
	 * The days that decided the date: every day counted, or by calendar
	 * days only those from the nominal last day on.
	 */
	for (int y = year_of(unit_workdays ? start + 1 : start + n); y <= year_of(d); y++) {
		if (!calendar_covers(cal, y)) {
			if (!first)
				first = y;
			last = y;
		}
	}
	if (first && warning) {
		/* Short enough for the screen's status line in Chinese. */
		if (!cal)
			*warning = xasprintf(_("Deadline %s: no holiday calendar could be read, so only weekends were skipped; check it."),
					     out);
		else if (first == last)
			*warning = xasprintf(_("Deadline %s: the holiday calendar has no %d yet, so only weekends were skipped; check it."),
					     out, first);
		else
			*warning = xasprintf(_("Deadline %s: the holiday calendar has no %d to %d yet, so only weekends were skipped; check it."),
					     out, first, last);
	}
	return 0;
}

int workdays_parse_unit(const char *value)
{
	if (value && !strcmp(value, "calendar"))
		return 0;
	if (value && !strcmp(value, "workdays"))
		return 1;
	return -1;
}
