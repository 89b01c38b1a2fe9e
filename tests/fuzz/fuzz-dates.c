/*
 * fuzz-dates.c — dates, times and phone numbers as people type them, and
 * the clock override.
 *
 * The input is two lines, a and b (b may be empty).  Each goes through the
 * date reader (clock_parse_date), the month reader, the phone normaliser
 * (validate_phone) and validate_field() for date, deadline and phone
 * fields; a is also tried as JIEDAI_NOW (then as the clock, with the stamp,
 * today and the year derived from it), a and b as stored dates (days
 * between, adding days), as a report's period and as the times of a
 * ticket exported to Open311.
 */
#include "fuzz.h"

#include "clock.h"
#include "export.h"
#include "formspec.h"
#include "report.h"
#include "strbuf.h"
#include "ticket.h"
#include "validate.h"

/* JIEDAI_NOW's entry in the environment: putenv() keeps this buffer, so
 * each run rewrites it in place instead of growing the environment. */
static char now_env[4096] = "JIEDAI_NOW=2026-03-10T09:30:00";
#define NOW_PREFIX (sizeof("JIEDAI_NOW=") - 1)

static void set_now(const char *s)
{
	snprintf(now_env + NOW_PREFIX, sizeof(now_env) - NOW_PREFIX, "%s", s);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_init();
	putenv(now_env);
	return 0;
}

static void try_field(enum field_kind kind, int required, const char *v)
{
	struct form_field f = { .id = "f", .label = "f", .kind = kind, .required = required,
				.width = 20, .maxlen = 40, .lines = 1 };
	char *out = NULL, *msg = NULL;

	if (validate_field(&f, v, &out, &msg) == 0) {
		if (!out || msg)
			abort();	/* a verdict is one or the other */
		if (kind == FIELD_DATE && *out && strlen(out) != CLOCK_DATE_LEN - 1)
			abort();
	} else if (out || !msg) {
		abort();
	}
	free(out);
	free(msg);
}

static void one_value(const char *s)
{
	char date[CLOCK_DATE_LEN], first[CLOCK_DATE_LEN], last[CLOCK_DATE_LEN];
	char *msg = NULL, *phone;

	if (clock_parse_date(s, date) == 0 && strlen(date) != CLOCK_DATE_LEN - 1)
		abort();
	if (clock_valid_month(s))
		clock_month_range(s, first, last);
	phone = validate_phone(s, &msg);
	if (!phone == !msg)
		abort();
	free(phone);
	free(msg);
	try_field(FIELD_DATE, 0, s);
	try_field(FIELD_DEADLINE, 1, s);
	try_field(FIELD_PHONE, 0, s);
}

static void the_clock(const char *s)
{
	char stamp[CLOCK_STAMP_LEN], today[CLOCK_DATE_LEN];

	set_now(s);
	if (clock_check_override() < 0)
		set_now("2026-03-10T09:30:00");
	clock_stamp(stamp);
	clock_today(today);
	if (strlen(stamp) != CLOCK_STAMP_LEN - 1 || strlen(today) != CLOCK_DATE_LEN - 1)
		abort();
	(void)clock_year();
}

static void open311(char *a, char *b)
{
	struct ticket t = { .number = "LJ-2026-0001", .name = "张三", .issue = "路灯不亮",
			    .category = "城乡建设", .status = TS_ASSIGNED, .unit = "镇政府",
			    .created_at = a, .updated_at = a, .due_date = b };
	struct strbuf sb = STRBUF_INIT;

	export_open311(&sb, &t);
	strbuf_release(&sb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *a = fuzz_text(data, size), *b = fuzz_split(a);
	char out[CLOCK_DATE_LEN];
	long days = strtol(b, NULL, 10);

	the_clock(a);
	one_value(a);
	one_value(b);
	(void)clock_days_between(a, b);
	clock_add_days(a, (int)(days % 1000000), out);
	open311(a, b);
	free(report_period_label(a, b));
	free(a);
	return 0;
}
