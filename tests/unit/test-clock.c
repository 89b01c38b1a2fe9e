/* test-clock.c — the clock override, dates typed by people, deadlines. */
#include "unit.h"

#include "clock.h"
#include "xmalloc.h"

static void test_override(void **state)
{
	char buf[CLOCK_STAMP_LEN], d[CLOCK_DATE_LEN];

	(void)state;
	setenv("JIEDAI_NOW", "2026-03-10T09:30:05", 1);
	clock_stamp(buf);
	assert_string_equal(buf, "2026-03-10 09:30:05");
	clock_today(d);
	assert_string_equal(d, "2026-03-10");
	assert_int_equal(clock_year(), 2026);
	setenv("JIEDAI_NOW", "2026-12-31", 1);
	clock_stamp(buf);
	assert_string_equal(buf, "2026-12-31 00:00:00");
	setenv("JIEDAI_NOW", "yesterday", 1);
	assert_int_equal(clock_check_override(), -1);
	setenv("JIEDAI_NOW", "2026-02-30", 1);
	assert_int_equal(clock_check_override(), -1);
	/* A leap second at the end of 9999 rolls over into a year of five digits. */
	setenv("JIEDAI_NOW", "9999-12-31T23:59:60", 1);
	assert_int_equal(clock_check_override(), -1);
	clock_stamp(buf);
	assert_int_equal(strlen(buf), CLOCK_STAMP_LEN - 1);
	setenv("JIEDAI_NOW", "9999-12-31T23:59:59", 1);
	assert_int_equal(clock_check_override(), 0);
	clock_stamp(buf);
	assert_string_equal(buf, "9999-12-31 23:59:59");
	setenv("JIEDAI_NOW", "2026-03-10T09:30:00", 1);
	assert_int_equal(clock_check_override(), 0);
}

/* JIEDAI_NOW with an offset from UTC is ISO 8601 too: turned into local time. */
static void test_override_offset(void **state)
{
	static const struct {
		const char *now, *tz, *stamp;
	} ok[] = {
		{ "2026-11-03T09:00:00+08:00", "Asia/Shanghai", "2026-11-03 09:00:00" },
		{ "2026-11-03T01:00:00Z", "Asia/Shanghai", "2026-11-03 09:00:00" },
		{ "2026-11-03T01:00Z", "Asia/Shanghai", "2026-11-03 09:00:00" },
		{ "2026-11-03T09:00:00+0800", "Asia/Shanghai", "2026-11-03 09:00:00" },
		{ "2026-11-03T09:00:00+08", "Asia/Shanghai", "2026-11-03 09:00:00" },
		{ "2026-11-03T09:00:00.250+08:00", "Asia/Shanghai", "2026-11-03 09:00:00" },
		{ "2026-11-02T20:00:00-05:00", "Asia/Shanghai", "2026-11-03 09:00:00" },
		/* The station's TZ decides the local time, and the date. */
		{ "2026-11-03T09:00:00+08:00", "UTC", "2026-11-03 01:00:00" },
		{ "2026-12-31T20:00:00Z", "Asia/Shanghai", "2027-01-01 04:00:00" },
		{ "2026-11-03T09:00:00", "UTC", "2026-11-03 09:00:00" },
	};
	static const char *const bad[] = {
		"2026-11-03T09:00:00+8", "2026-11-03T09:00:00+08:", "2026-11-03T09:00:00+24:00",
		"2026-11-03T09:00:00+08:60", "2026-11-03Z", "2026-11-03T09:00:00 +08:00",
		"2026-11-03T09:00:00ZZ", "2026-11-03T09:00:00+08:00x", "2026-11-03T09:00:00.+08:00",
	};
	char buf[CLOCK_STAMP_LEN];
	char *tz = getenv("TZ") ? xstrdup(getenv("TZ")) : NULL;

	(void)state;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		setenv("TZ", ok[i].tz, 1);
		tzset();
		setenv("JIEDAI_NOW", ok[i].now, 1);
		if (clock_check_override() != 0)
			fail_msg("'%s' refused", ok[i].now);
		clock_stamp(buf);
		if (strcmp(buf, ok[i].stamp))
			fail_msg("'%s' in %s: %s, not %s", ok[i].now, ok[i].tz, buf, ok[i].stamp);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		setenv("JIEDAI_NOW", bad[i], 1);
		if (clock_check_override() != -1)
			fail_msg("'%s' taken", bad[i]);
	}
	if (tz)
		setenv("TZ", tz, 1);
	else
		unsetenv("TZ");
	tzset();
	free(tz);
	setenv("JIEDAI_NOW", "2026-03-10T09:30:00", 1);
}

static void test_parse_date(void **state)
{
	char d[CLOCK_DATE_LEN];

	(void)state;
	assert_int_equal(clock_parse_date("2026-03-10", d), 0);
	assert_string_equal(d, "2026-03-10");
	assert_int_equal(clock_parse_date("2026/3/5", d), 0);
	assert_string_equal(d, "2026-03-05");
	assert_int_equal(clock_parse_date("2026年3月5日", d), 0);
	assert_string_equal(d, "2026-03-05");
	assert_int_equal(clock_parse_date("２０２６－０３－０５", d), 0);
	assert_string_equal(d, "2026-03-05");
	assert_int_equal(clock_parse_date("20260229", d), -1);	/* not a leap year */
	assert_int_equal(clock_parse_date("20240229", d), 0);
	assert_int_equal(clock_parse_date("2026-13-01", d), -1);
	assert_int_equal(clock_parse_date("明天", d), -1);
	assert_int_equal(clock_parse_date("", d), -1);
}

static void test_arithmetic(void **state)
{
	char d[CLOCK_DATE_LEN], a[CLOCK_DATE_LEN], b[CLOCK_DATE_LEN];

	(void)state;
	assert_int_equal(clock_add_days("2026-03-10", 15, d), 0);
	assert_string_equal(d, "2026-03-25");
	assert_int_equal(clock_add_days("2026-12-25", 10, d), 0);
	assert_string_equal(d, "2027-01-04");
	assert_int_equal(clock_add_days("2024-02-28", 1, d), 0);
	assert_string_equal(d, "2024-02-29");
	assert_int_equal(clock_days_between("2026-03-10", "2026-03-25"), 15);
	assert_int_equal(clock_days_between("2026-03-25", "2026-03-10"), -15);
	assert_int_equal(clock_month_range("2026-02", a, b), 0);
	assert_string_equal(a, "2026-02-01");
	assert_string_equal(b, "2026-02-28");
	assert_int_equal(clock_month_range("2026-2", a, b), -1);
	assert_true(clock_valid_month("2026-11"));
	assert_false(clock_valid_month("2026-00"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_override),
		cmocka_unit_test(test_override_offset),
		cmocka_unit_test(test_parse_date),
		cmocka_unit_test(test_arithmetic),
	};

	unit_init();
	return cmocka_run_group_tests_name("clock", tests, NULL, NULL);
}
