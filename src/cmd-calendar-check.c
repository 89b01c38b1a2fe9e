/*
 * cmd-calendar-check.c — `jiedai calendar-check [FILE...]`: check the
 * calendar of public holidays and make-up working days, reporting every
 * mistake with its line, and say which years it covers (a station adds the
 * next year each November).  Without FILE, the calendar jiedai uses
 * (jd_calendar_file() in jd.h).
 */
#include "cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "strbuf.h"
#include "textout.h"
#include "workdays.h"

/* Check one file; 0 or EXIT_REFUSED. */
static int check_one(const char *path)
{
	struct strbuf errs = STRBUF_INIT;
	struct calendar *cal = calendar_load(path, &errs);
	int first, last, off, work, year = clock_year();
	char today[CLOCK_DATE_LEN];

	if (!cal) {
		fputs(errs.buf, stderr);
		strbuf_release(&errs);
		return EXIT_REFUSED;
	}
	calendar_years(cal, &first, &last);
	if (first == last)
		textout_printf(stdout, _("%s: the calendar is correct (%d)\n"), path, first);
	else
		textout_printf(stdout, _("%s: the calendar is correct (%d to %d)\n"), path, first, last);
	for (int y = first; y <= last; y++) {
		if (!calendar_covers(cal, y))
			continue;
		calendar_count(cal, y, &off, &work);
		printf(_("  %d: %d days off, %d make-up working days\n"), y, off, work);
	}
	clock_today(today);
	if (!calendar_covers(cal, year))
		printf(_("  It has no %d (this year): deadlines then skip only Saturdays and Sundays. Add it.\n"),
		       year);
	else if (strcmp(today + 5, "11-01") >= 0 && !calendar_covers(cal, year + 1))
		printf(_("  Add %d when the State Council publishes its holidays (国务院办公厅关于%d年部分节假日安排的通知).\n"),
		       year + 1, year + 1);
	calendar_free(cal);
	strbuf_release(&errs);
	return 0;
}

int cmd_calendar_check(struct jd *jd, int argc, char **argv)
{
	int ret = 0;

	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		cmd_print_usage(jd->cmd, stdout);
		return 0;
	}
	if (argc < 2) {
		char *path = jd_calendar_file(jd);

		ret = check_one(path);
		free(path);
		return ret;
	}
	for (int i = 1; i < argc; i++)
		if (check_one(argv[i]))
			ret = EXIT_REFUSED;
	return ret;
}
