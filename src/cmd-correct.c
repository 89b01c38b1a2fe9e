/*
 * cmd-correct.c — `jiedai correct NUMBER --phone … --issue …`: put right what
 * was mistyped in a saved ticket (更正).  Only the fields given change, each
 * checked by forms/intake.form as `add` checks it; the number and the history
 * stay, and the old and new values go into the history as one event.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "textout.h"
#include "validate.h"
#include "xmalloc.h"

int cmd_correct(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "phone", required_argument, NULL, 'p' },
		{ "address", required_argument, NULL, 'a' },
		{ "category", required_argument, NULL, 'c' },
		{ "issue", required_argument, NULL, 'i' },
		{ "deputy", required_argument, NULL, 'd' },
		{ "field", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const ids[] = { "name", "phone", "address", "category", "issue", "deputy" };
	const struct form_spec *form = jd->forms.intake;
	const char *vals[6] = { NULL };
	int deputy_in_form = formspec_field(form, "deputy") != NULL, given = 0;
	char **fields = NULL, *number = NULL, *dep = NULL, *msg = NULL;
	size_t nfields = 0;
	struct ledger_form lf;
	struct ledger_result res;
	int c, ret;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'n': vals[0] = optarg; given++; break;
		case 'p': vals[1] = optarg; given++; break;
		case 'a': vals[2] = optarg; given++; break;
		case 'c': vals[3] = optarg; given++; break;
		case 'i': vals[4] = optarg; given++; break;
		case 'd': vals[5] = optarg; given++; break;
		case 'f':
			fields = xreallocarray(fields, nfields + 1, sizeof(*fields));
			fields[nfields++] = optarg;
			given++;
			break;
		case 'h': cmd_print_usage(jd->cmd, stdout); free(fields); return 0;
		default: free(fields); return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind + 1 != argc) {
		free(fields);
		return cmd_usage_error(jd->cmd, optind < argc ? _("give one ticket number") : _("say which ticket"));
	}
	if (!given) {
		free(fields);
		return cmd_usage_error(jd->cmd, _("say what to correct (--name, --phone, --address, --category, --issue, --deputy or --field)"));
	}
	/* A station's form without the deputy field: --deputy is still taken, as plain text. */
	if (!deputy_in_form && vals[5]) {
		if (validate_text(vals[5], 0, 20, &dep, &msg) < 0) {
			error(_("deputy: %s"), msg);
			free(msg);
			free(fields);
			return EXIT_REFUSED;
		}
		vals[5] = NULL;
	}
	if ((ret = cmd_resolve_number(jd, argv[optind], &number)) != 0) {
		free(dep);
		free(fields);
		return ret;
	}
	ret = cmd_form_step(jd, STEP_CORRECT, form, ids, vals, 6, fields, nfields, &lf);
	if (!ret) {
		lf.step.number = number;
		if (dep)
			lf.step.intake.deputy = dep;
		ret = cmd_apply(jd, &lf.step, &res);
		ledger_form_release(&lf);
		if (!ret) {
			textout_printf(stdout, _("%s: corrected %s\n"), res.ticket.number, res.corrected);
			ret = cmd_output_saved(_("%s: the correction is saved in the ledger, but this could not be written out"),
					       res.ticket.number);
			ledger_result_release(&res);
		}
	}
	free(number);
	free(dep);
	free(fields);
	return ret;
}
