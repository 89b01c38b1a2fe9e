/*
 * cmd-signoff.c — `jiedai signoff NUMBER… [--note TEXT]`: sign tickets off
 * the ledger (销号), one or several at once.
 *
 * Each ticket is its own step through the gate (one event each): a ticket
 * that cannot be signed off (not rated yet, voided meanwhile) is refused
 * with its number and the reason, and the others go on.  Who may sign off
 * is asked once, before any of them.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "error.h"
#include "i18n.h"
#include "xmalloc.h"

/* The worse of two exit codes: an I/O failure (3) outweighs a refusal (1). */
static int worse(int a, int b)
{
	return a > b ? a : b;
}

int cmd_signoff(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "note", required_argument, NULL, 'n' },
		{ "field", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const ids[] = { "note" };
	const char *note = NULL;
	char **fields = NULL;
	size_t nfields = 0;
	struct ledger_form lf;
	int c, ret = 0, done = 0, failed = 0;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'n': note = optarg; break;
		case 'f':
			fields = xreallocarray(fields, nfields + 1, sizeof(*fields));
			fields[nfields++] = optarg;
			break;
		case 'h': cmd_print_usage(jd->cmd, stdout); free(fields); return 0;
		default: free(fields); return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind >= argc) {
		free(fields);
		return cmd_usage_error(jd->cmd, _("say which ticket"));
	}
	if (ledger_may(jd->store, &jd->me, STEP_SIGNOFF) < 0) {
		free(fields);
		return EXIT_REFUSED;
	}
	ret = cmd_form_step(jd, STEP_SIGNOFF, forms_get(&jd->forms, "signoff"), ids, &note, 1, fields, nfields,
			    &lf);
	free(fields);
	if (ret)
		return ret;
	for (int i = optind; i < argc; i++) {
		int r = cmd_run_step(jd, argv[i], &lf.step);

		if (r) {
			failed++;
			ret = worse(ret, r);
		} else {
			done++;
		}
	}
	ledger_form_release(&lf);
	if (argc - optind > 1 && failed)
		fprintf(stderr, Q_("%d signed off, %d not (see above).\n", "%d signed off, %d not (see above).\n", done),
			done, failed);
	return ret;
}
