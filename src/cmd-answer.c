/* cmd-answer.c — `jiedai answer NUMBER --method M --text T [--date D]` (答复). */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "error.h"
#include "i18n.h"
#include "xmalloc.h"

int cmd_answer(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "method", required_argument, NULL, 'm' },
		{ "text", required_argument, NULL, 't' },
		{ "date", required_argument, NULL, 'd' },
		{ "field", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const ids[] = { "method", "text", "date" };
	const struct form_spec *form = jd->forms.answer;
	const char *vals[3] = { NULL, NULL, NULL };
	char **fields = NULL;
	size_t nfields = 0;
	struct ledger_form lf;
	int c, ret;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'm': vals[0] = optarg; break;
		case 't': vals[1] = optarg; break;
		case 'd': vals[2] = optarg; break;
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
	ret = cmd_form_step(jd, STEP_ANSWER, form, ids, vals, 3, fields, nfields, &lf);
	if (!ret) {
		ret = cmd_run_step(jd, argv[optind], &lf.step);
		ledger_form_release(&lf);
	}
	free(fields);
	return ret;
}
