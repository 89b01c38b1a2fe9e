/*
 * cmd-add.c — `jiedai add`: register one issue of one voter.  Every value is
 * checked against forms/intake.form, as on the screen; the new ledger number
 * is the only thing printed on standard output, so scripts can take it.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "validate.h"
#include "xmalloc.h"

int cmd_add(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "phone", required_argument, NULL, 'p' },
		{ "address", required_argument, NULL, 'a' },
		{ "category", required_argument, NULL, 'c' },
		{ "issue", required_argument, NULL, 'i' },
		{ "deputy", required_argument, NULL, 'd' },
		{ "field", required_argument, NULL, 'f' },
		{ "on-the-spot", required_argument, NULL, 's' },
		{ "method", required_argument, NULL, 'm' },
		{ "rating", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct form_spec *form = jd->forms.intake;
	const char *raw[5] = { NULL, NULL, NULL, NULL, NULL };	/* name phone address category issue */
	static const char *const ids[5] = { "name", "phone", "address", "category", "issue" };
	const char *deputy = NULL, *spot = NULL, *method = NULL, *rating = NULL;
	char *val[5] = { NULL, NULL, NULL, NULL, NULL };
	char *dep = NULL, *spot_clean = NULL, *method_clean = NULL, *extra = NULL, *msg = NULL;
	char **fields = NULL;
	size_t nfields = 0;
	struct intake in;
	struct actor who = cmd_actor(jd);
	struct ticket t;
	int c, ret = 0, r;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'n': raw[0] = optarg; break;
		case 'p': raw[1] = optarg; break;
		case 'a': raw[2] = optarg; break;
		case 'c': raw[3] = optarg; break;
		case 'i': raw[4] = optarg; break;
		case 'd': deputy = optarg; break;
		case 'f':
			fields = xreallocarray(fields, nfields + 1, sizeof(*fields));
			fields[nfields++] = optarg;
			break;
		case 's': spot = optarg; break;
		case 'm': method = optarg; break;
		case 'r': rating = optarg; break;
		case 'h': cmd_print_usage(jd->cmd, stdout); free(fields); return 0;
		default: free(fields); return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind < argc) {
		free(fields);
		return cmd_usage_error(jd->cmd, _("unexpected argument '%s'"), argv[optind]);
	}
	if ((method || rating) && !spot) {
		free(fields);
		return cmd_usage_error(jd->cmd, _("--method and --rating go with --on-the-spot"));
	}

	if (identity_require_person(&jd->me) < 0)
		ret = EXIT_REFUSED;
	for (int i = 0; i < 5 && !ret; i++)
		ret = cmd_check_field(form, ids[i], raw[i], &val[i]);
	if (!ret && deputy && validate_text(deputy, 0, 20, &dep, &msg) < 0) {
		error(_("deputy: %s"), msg);
		ret = EXIT_REFUSED;
	}
	if (!ret && spot) {
		const struct form_field *sf = formspec_field(form, "spot");

		if (sf)
			ret = cmd_check_field(form, "spot", spot, &spot_clean);
		else if (validate_text(spot, 1, 500, &spot_clean, &msg) < 0) {
			error(_("answer on the spot: %s"), msg);
			ret = EXIT_REFUSED;
		}
		if (!ret && !*spot_clean) {
			error(_("answer on the spot: write down what the voter was told"));
			ret = EXIT_REFUSED;
		}
	}
	if (!ret && method) {
		if (jd->forms.answer)
			ret = cmd_check_field(jd->forms.answer, "method", method, &method_clean);
	}
	if (!ret && rating && !ticket_rating_valid(rating)) {
		error(_("the rating is one of 满意, 基本满意, 不满意"));
		ret = EXIT_REFUSED;
	}
	if (!ret)
		ret = cmd_extra_json(form, fields, nfields, &extra);
	if (!ret) {
		memset(&in, 0, sizeof(in));
		in.name = val[0];
		in.phone = val[1];
		in.address = val[2];
		in.category = val[3];
		in.issue = val[4];
		in.deputy = dep;
		in.extra_json = extra;
		in.spot_text = spot_clean;
		in.spot_method = method_clean;
		in.spot_rating = rating;
		r = store_ticket_add(jd->store, &in, &who, &t);
		if (r != STORE_OK) {
			ret = store_exit_code(r);
		} else {
			printf("%s\n", t.number);
			if (!t.day_id)
				fprintf(stderr, _("Note: no reception day is open today, so this ticket is not counted in one.\n"));
			ret = cmd_output_saved(_("ticket %s is saved in the ledger, but its number could not be written out; do not add it again (see 'jiedai show %s')"),
					       t.number, t.number);
			ticket_release(&t);
		}
	}
	for (int i = 0; i < 5; i++)
		free(val[i]);
	free(dep);
	free(spot_clean);
	free(method_clean);
	free(extra);
	free(msg);
	free(fields);
	return ret;
}
