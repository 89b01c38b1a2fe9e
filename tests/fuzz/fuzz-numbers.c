/*
 * fuzz-numbers.c — ledger number formats and the numbers people type.
 *
 * The input is up to seven lines: a number format (the number_format
 * setting), a station code, a year, a sequence number, a typed value, and
 * the low and high end of a range.  The format is checked
 * (ticket_number_format_valid) and filled in (ticket_format_number); the
 * value goes through validate_field() as a number (with and without the
 * range) and as a deadline, through the check-code reader and the printer
 * destination reader (tcp:HOST:PORT); year and sequence also go through
 * the report's percentages and averages.
 */
#include "fuzz.h"

#include "formspec.h"
#include "printer.h"
#include "report.h"
#include "ticket.h"
#include "validate.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_init();
	return 0;
}

/* A whole number as strtoll reads it (0 when there is none). */
static int64_t num(const char *s)
{
	return (int64_t)strtoll(s, NULL, 10);
}

static void try_field(enum field_kind kind, const char *v, int has_range, long lo, long hi)
{
	struct form_field f = { .id = "n", .label = "n", .kind = kind, .width = 8, .maxlen = 40,
				.lines = 1, .has_range = has_range, .range_lo = lo, .range_hi = hi };
	char *out = NULL, *msg = NULL;

	if (validate_field(&f, v, &out, &msg) == 0) {
		if (kind == FIELD_NUMBER && has_range && *out &&
		    (strtol(out, NULL, 10) < lo || strtol(out, NULL, 10) > hi))
			abort();	/* a number outside its range got through */
	}
	free(out);
	free(msg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *fmt = fuzz_text(data, size), *station = fuzz_split(fmt), *year = fuzz_split(station);
	char *seq = fuzz_split(year), *value = fuzz_split(seq), *lo = fuzz_split(value);
	char *hi = fuzz_split(lo), *rest = fuzz_split(hi);
	int64_t y = num(year), n = num(seq), l = num(lo), h = num(hi);
	char *number, *code, pct[32];
	struct printer_dest d;

	(void)rest;
	(void)ticket_number_format_valid(fmt);
	number = ticket_format_number(fmt, station, (int)(y % 100000), n);
	free(number);

	try_field(FIELD_NUMBER, value, 0, 0, 0);
	if (l >= -1000000000L && h <= 1000000000L && l <= h)
		try_field(FIELD_NUMBER, value, 1, (long)l, (long)h);	/* what a form allows */
	try_field(FIELD_DEADLINE, value, 0, 0, 0);

	code = xstrdup(value);
	(void)ticket_check_code_normalize(code);
	free(code);

	if (printer_dest_parse(value, &d) == 0)
		printer_dest_release(&d);
	(void)printer_dest_check(value);

	report_pct(n, y, pct);
	report_avg(n, y, pct);
	free(fmt);
	return 0;
}
