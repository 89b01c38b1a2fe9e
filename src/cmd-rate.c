/* cmd-rate.c — `jiedai rate NUMBER 满意|基本满意|不满意 [--note T]` (评价). */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "error.h"
#include "i18n.h"
#include "xmalloc.h"

int cmd_rate(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "note", required_argument, NULL, 'n' },
		{ "field", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const ids[] = { "rating", "note" };
	const struct form_spec *form = jd->forms.rate;
	const char *vals[2] = { NULL, NULL };
	char **fields = NULL;
	size_t nfields = 0;
	struct ledger_form lf;
	int c, ret;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'n': vals[1] = optarg; break;
		case 'f':
			fields = xreallocarray(fields, nfields + 1, sizeof(*fields));
			fields[nfields++] = optarg;
			break;
		case 'h': cmd_print_usage(jd->cmd, stdout); free(fields); return 0;
		default: free(fields); return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind + 2 != argc) {
		free(fields);
		return cmd_usage_error(jd->cmd, _("say which ticket and the rating"));
	}
	vals[0] = argv[optind + 1];
	ret = cmd_form_step(jd, STEP_RATE, form, ids, vals, 2, fields, nfields, &lf);
	if (!ret) {
		ret = cmd_run_step(jd, argv[optind], &lf.step);
		ledger_form_release(&lf);
	}
	free(fields);
	return ret;
}
