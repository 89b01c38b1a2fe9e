/*
 * test-workdays.c — the holiday calendar file and deadlines counted as the
 * Civil Code counts them (arts. 201, 203), on the shipped 2026 calendar:
 * Spring Festival, National Day, make-up Saturdays and Sundays, a deadline
 * landing on 1 October, the end of the year past the last year in the file,
 * and each mistake the check reports with its line.
 */
#include "unit.h"

#include "clock.h"
#include "strbuf.h"
#include "workdays.h"

static struct calendar *shipped(void)
{
	const char *src = getenv("JIEDAI_SRC");
	char path[512];
	struct strbuf errs = STRBUF_INIT;
	struct calendar *cal;

	snprintf(path, sizeof(path), "%s/forms/%s", src && *src ? src : ".", CALENDAR_FILE);
	cal = calendar_load(path, &errs);
	if (!cal)
		fail_msg("the shipped calendar does not load: %s", errs.buf);
	strbuf_release(&errs);
	return cal;
}

/* The deadline by calendar days (w = 0) or working days (w = 1), with no warning expected. */
static void due_is(const struct calendar *cal, const char *from, int n, int w, const char *want)
{
	char out[CLOCK_DATE_LEN];
	char *warn = (char *)"unset";

	assert_int_equal(workdays_due(cal, from, n, w, out, &warn), 0);
	if (strcmp(out, want))
		fail_msg("%s + %d %s: got %s, want %s", from, n, w ? "working days" : "days", out, want);
	if (warn)
		fail_msg("%s + %d: unexpected warning: %s", from, n, warn);
}

static void test_shipped_2026(void **state)
{
	struct calendar *cal = shipped();
	int first, last, off, work, known;

	(void)state;
	assert_int_equal(calendar_years(cal, &first, &last), 1);
	assert_int_equal(first, 2026);
	assert_int_equal(last, 2026);
	calendar_count(cal, 2026, &off, &work);
	/* 3 + 9 + 3 + 5 + 3 + 3 + 7 days off; six make-up days. */
	assert_int_equal(off, 33);
	assert_int_equal(work, 6);
	assert_int_equal(workdays_kind(cal, "2026-02-17", &known), WD_HOLIDAY);
	assert_true(known);
	assert_int_equal(workdays_kind(cal, "2026-02-14", NULL), WD_MAKEUP);
	assert_int_equal(workdays_kind(cal, "2026-01-04", NULL), WD_MAKEUP);	/* a Sunday */
	assert_int_equal(workdays_kind(cal, "2026-03-14", NULL), WD_WEEKEND);
	assert_int_equal(workdays_kind(cal, "2026-03-10", NULL), WD_WORKDAY);
	assert_int_equal(workdays_kind(cal, "2027-01-01", &known), WD_WORKDAY);	/* not guessed */
	assert_false(known);
	assert_int_equal(workdays_kind(cal, "2026-02-30", NULL), -1);
	calendar_free(cal);
}

static void test_calendar_days(void **state)
{
	struct calendar *cal = shipped();

	(void)state;
	/* An ordinary period: the handover day does not count. */
	due_is(cal, "2026-03-10", 15, 0, "2026-03-25");
	due_is(cal, "2026-03-10 09:30:00", 1, 0, "2026-03-11");
	/* Landing on a Saturday or Sunday moves to Monday. */
	due_is(cal, "2026-03-10", 4, 0, "2026-03-16");
	/* Spring Festival: 2026-02-17 is a holiday; the next working day is the 24th. */
	due_is(cal, "2026-02-12", 5, 0, "2026-02-24");
	due_is(cal, "2026-02-08", 15, 0, "2026-02-24");
	/* A deadline on 1 October moves past National Day to the 8th. */
	due_is(cal, "2026-09-16", 15, 0, "2026-10-08");
	/* A make-up Saturday or Sunday is a working day: the deadline stays on it. */
	due_is(cal, "2026-02-13", 1, 0, "2026-02-14");
	due_is(cal, "2026-10-09", 1, 0, "2026-10-10");
	due_is(cal, "2025-12-31", 4, 0, "2026-01-04");
	/* New Year's Day: 1 to 3 January off, the 4th (a Sunday) worked. */
	due_is(cal, "2025-12-29", 3, 0, "2026-01-04");
	calendar_free(cal);
}

static void test_working_days(void **state)
{
	struct calendar *cal = shipped();

	(void)state;
	/* Tue 10 March + 5 working days: 11, 12, 13, 16, 17. */
	due_is(cal, "2026-03-10", 5, 1, "2026-03-17");
	due_is(cal, "2026-03-10", 15, 1, "2026-03-31");
	/* Spring Festival: Fri 13, Sat 14 (worked), then 24, 25, 26. */
	due_is(cal, "2026-02-12", 5, 1, "2026-02-26");
	/* National Day: 29, 30 September, 8, 9 October and Saturday the 10th (worked). */
	due_is(cal, "2026-09-28", 5, 1, "2026-10-10");
	/* Labour Day: 30 April, then 6, 7, 8, and Saturday 9 May (worked). */
	due_is(cal, "2026-04-29", 5, 1, "2026-05-09");
	/* Mid-Autumn: Sunday 20 September is worked. */
	due_is(cal, "2026-09-18", 1, 1, "2026-09-20");
	calendar_free(cal);
}

static void test_past_the_last_year(void **state)
{
	struct calendar *cal = shipped();
	char out[CLOCK_DATE_LEN];
	char *warn = NULL;

	(void)state;
	/* 20 December + 15 days is 4 January 2027: the date is kept, with a warning. */
	assert_int_equal(workdays_due(cal, "2026-12-20", 15, 0, out, &warn), 0);
	assert_string_equal(out, "2027-01-04");
	assert_non_null(warn);
	assert_non_null(strstr(warn, "2027"));
	assert_non_null(strstr(warn, "2027-01-04"));
	free(warn);
	/* Working days run on over the weekends of 2027 only; 1 January is not guessed at. */
	assert_int_equal(workdays_due(cal, "2026-12-24", 10, 1, out, &warn), 0);
	assert_string_equal(out, "2027-01-07");
	assert_non_null(warn);
	free(warn);
	/* A period ending on 31 December stays inside the calendar: no warning. */
	due_is(cal, "2026-12-16", 15, 0, "2026-12-31");
	/* Before the first year too. */
	assert_int_equal(workdays_due(cal, "2025-06-01", 10, 0, out, &warn), 0);
	assert_non_null(warn);
	free(warn);
	/* No calendar at all: weekends only, and a warning. */
	assert_int_equal(workdays_due(NULL, "2026-02-12", 5, 0, out, &warn), 0);
	assert_string_equal(out, "2026-02-17");
	assert_non_null(warn);
	free(warn);
	/* Bad input. */
	assert_int_equal(workdays_due(cal, "2026-02-30", 5, 0, out, &warn), -1);
	assert_int_equal(workdays_due(cal, "2026-03-10", 0, 0, out, &warn), -1);
	assert_int_equal(workdays_due(cal, "2026-03-10", 367, 1, out, &warn), -1);
	assert_int_equal(workdays_parse_unit("workdays"), 1);
	assert_int_equal(workdays_parse_unit("calendar"), 0);
	assert_int_equal(workdays_parse_unit("workday"), -1);
	calendar_free(cal);
}

/* Parse text; expect it refused with a message on line (0: any) containing what. */
static void refused(const char *text, int line, const char *what)
{
	struct strbuf errs = STRBUF_INIT;
	struct calendar *cal = calendar_parse(text, "cal.txt", &errs);
	char where[32];

	if (cal)
		fail_msg("accepted: %s", text);
	snprintf(where, sizeof(where), line ? "cal.txt:%d: " : "cal.txt:", line);
	if (!strstr(errs.buf, where) || !strstr(errs.buf, what))
		fail_msg("for %s: wanted '%s' … '%s', got: %s", text, where, what, errs.buf);
	strbuf_release(&errs);
}

static void test_mistakes(void **state)
{
	struct strbuf errs = STRBUF_INIT;
	struct calendar *cal;
	int off, work;

	(void)state;
	/* What a station may write: Chinese dates, commas, 至, whole dates, work none. */
	cal = calendar_parse("# 2027\nyear 2027\noff 2026-12-31, 1月1日 2月5日至2月11日  # 春节\n"
			     "work none\n", "cal.txt", &errs);
	if (!cal)
		fail_msg("refused: %s", errs.buf);
	calendar_count(cal, 2027, &off, &work);
	assert_int_equal(off, 9);
	assert_int_equal(work, 0);
	assert_int_equal(workdays_kind(cal, "2026-12-31", NULL), WD_HOLIDAY);
	calendar_free(cal);

	refused("year 2026\noff 01-01\nwork 01-05\n", 3, "Monday");
	refused("year 2026\noff 01-01..01-03\nwork 01-04\noff 01-02\n", 4, "listed twice (also on line 2)");
	refused("year 2026\noff 01-01 01-01\nwork none\n", 2, "twice");
	refused("year 2026\noff 02-30\nwork none\n", 2, "'02-30' is not a date");
	refused("year 2026\noff 02-23..02-15\nwork none\n", 2, "ends before it begins");
	refused("year 2026\noff 01-01..12-31\nwork none\n", 2, "longer than a month");
	refused("year 2026\noff 2024-05-01\nwork none\n", 2, "not in or next to the year 2026");
	refused("year 2026\noff 01-01\n", 1, "no 'work' list");
	refused("year 2026\nwork none\n", 1, "no 'off' list");
	refused("year 2026\noff 01-01\nwork none\nyear 2026\noff 01-02\nwork none\n", 4,
		"year 2026 is given twice");
	refused("year 26\noff 01-01\nwork none\n", 1, "'26' is not a year");
	refused("off 01-01\n", 1, "before any 'year' line");
	refused("year 2026\nholiday 01-01\n", 2, "unknown instruction 'holiday'");
	refused("year 2026\noff\nwork none\n", 2, "no dates after 'off'");
	refused("year 2026\noff 01-01\nwork none 01-04\n", 3, "'work none' takes no dates");
	refused("# nothing\n", 0, "no year");
	/* Every mistake is listed, not only the first. */
	cal = calendar_parse("year 2026\noff 02-30\nwork 01-05\n", "cal.txt", &errs);
	assert_null(cal);
	assert_non_null(strstr(errs.buf, "cal.txt:2:"));
	assert_non_null(strstr(errs.buf, "cal.txt:3:"));
	strbuf_release(&errs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_2026),
		cmocka_unit_test(test_calendar_days),
		cmocka_unit_test(test_working_days),
		cmocka_unit_test(test_past_the_last_year),
		cmocka_unit_test(test_mistakes),
	};

	unit_init();
	return cmocka_run_group_tests_name("workdays", tests, NULL, NULL);
}
