/* cmd-handover.c — `jiedai handover NUMBER --to UNIT (--days N | --due DATE)` (交办). */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "validate.h"
#include "workdays.h"
#include "xmalloc.h"

int cmd_handover(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 't' },
		{ "days", required_argument, NULL, 'd' },
		{ "due", required_argument, NULL, 'D' },
		{ "note", required_argument, NULL, 'n' },
		{ "field", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct form_spec *form = jd->forms.handover;
	const char *unit = NULL, *days = NULL, *due = NULL, *note = NULL;
	char *unit_c = NULL, *due_c = NULL, *note_c = NULL, *extra = NULL;
	char **fields = NULL;
	size_t nfields = 0;
	struct step st = { .action = TA_HANDOVER };
	int c, ret;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 't': unit = optarg; break;
		case 'd': days = optarg; break;
		case 'D': due = optarg; break;
		case 'n': note = optarg; break;
		case 'f':
			fields = xreallocarray(fields, nfields + 1, sizeof(*fields));
			fields[nfields++] = optarg;
			break;
		case 'h': cmd_print_usage(jd->cmd, stdout); free(fields); return 0;
		default: free(fields); return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind + 1 != argc) {
		free(fields);
		return cmd_usage_error(jd->cmd, _("say which ticket"));
	}
	if ((days && due) || (!days && !due)) {
		free(fields);
		return cmd_usage_error(jd->cmd, _("give the deadline as --days N or --due DATE (one of them)"));
	}
	ret = cmd_check_field(form, "unit", unit, &unit_c);
	if (!ret)
		ret = cmd_check_field(form, "due", days ? days : due, &due_c);
	if (!ret && validate_deadline_days(days ? days : due) > 0) {
		/* N days from today, counted by the station's deadline_unit and holiday calendar. */
		char today[CLOCK_DATE_LEN], date[CLOCK_DATE_LEN], *warn = NULL;

		clock_today(today);
		if (cmd_deadline(jd, today, validate_deadline_days(days ? days : due), date, &warn) < 0) {
			ret = EXIT_REFUSED;
		} else {
			free(due_c);
			due_c = xstrdup(date);
		}
		if (warn) {
			warning("%s", warn);
			warning(_("add the year to the holiday calendar %s, and check it with jiedai calendar-check"),
				cmd_calendar(jd) ? calendar_path(cmd_calendar(jd)) : CALENDAR_FILE);
		}
		free(warn);
	}
	if (!ret && formspec_field(form, "note"))
		ret = cmd_check_field(form, "note", note, &note_c);
	if (!ret)
		ret = cmd_extra_json(form, fields, nfields, &extra);
	if (!ret) {
		st.unit = unit_c;
		st.due_date = due_c;
		st.text = note_c && *note_c ? note_c : NULL;
		st.extra_json = extra;
		ret = cmd_run_step(jd, argv[optind], &st);
	}
	free(unit_c);
	free(due_c);
	free(note_c);
	free(extra);
	free(fields);
	return ret;
}
