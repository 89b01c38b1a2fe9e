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
	static const char *const ids[] = { "unit", "due", "note" };
	const struct form_spec *form = jd->forms.handover;
	const char *vals[3] = { NULL, NULL, NULL }, *days = NULL, *due = NULL;
	char **fields = NULL;
	size_t nfields = 0;
	struct ledger_form lf;
	int c, ret;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 't': vals[0] = optarg; break;
		case 'd': days = optarg; break;
		case 'D': due = optarg; break;
		case 'n': vals[2] = optarg; break;
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
	/* The form's deadline field takes a date or a number of days. */
	vals[1] = days ? days : due;
	ret = cmd_form_step(jd, STEP_HANDOVER, form, ids, vals, 3, fields, nfields, &lf);
	if (!ret) {
		ret = cmd_run_step(jd, argv[optind], &lf.step);
		ledger_form_release(&lf);
	}
	free(fields);
	return ret;
}
