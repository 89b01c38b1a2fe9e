/* test-clock.c — the clock override, dates typed by people, deadlines. */
#include "unit.h"

#include "clock.h"

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
		cmocka_unit_test(test_parse_date),
		cmocka_unit_test(test_arithmetic),
	};

	unit_init();
	return cmocka_run_group_tests_name("clock", tests, NULL, NULL);
}
