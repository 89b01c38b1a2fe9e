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

#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "textout.h"
#include "validate.h"
#include "xmalloc.h"

/*
 * Without --deputy on a day several deputies attend, say who the ticket was
 * put down to, so a script does not count every voter for the first one.
 * (A day that cannot be read now is said by the store; the ticket is saved.)
 */
static void note_deputy(struct jd *jd, const struct ticket *t)
{
	int n = 0;

	if (store_day_has_deputy(jd->store, t->day_id, t->deputy, &n) == 1 && n > 1 &&
	    strcmp(t->deputy, jd->me.name))
		textout_printf(stderr, _("Note: %s is recorded as the deputy who received the voter; give --deputy NAME when it was another.\n"),
			       t->deputy);
}

int cmd_add(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "phone", required_argument, NULL, 'p' },
		{ "address", required_argument, NULL, 'a' },
		{ "category", required_argument, NULL, 'c' },
		{ "issue", required_argument, NULL, 'i' },
		{ "deputy", required_argument, NULL, 'd' },
		{ "day", required_argument, NULL, 'D' },
		{ "field", required_argument, NULL, 'f' },
		{ "on-the-spot", required_argument, NULL, 's' },
		{ "method", required_argument, NULL, 'm' },
		{ "rating", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const ids[] = { "name", "phone", "address", "category", "issue", "spot",
					   "spot_rating", "deputy" };
	const struct form_spec *form = jd->forms.intake;
	const char *vals[8] = { NULL }, *deputy = NULL, *method = NULL, *day_arg = NULL;
	char day[CLOCK_DATE_LEN];
	/* A station's form without the deputy field: --deputy is still taken, as plain text. */
	int deputy_in_form = formspec_field(form, "deputy") != NULL;
	char *dep = NULL, *method_clean = NULL, *msg = NULL;
	char **fields = NULL;
	size_t nfields = 0;
	struct ledger_form lf;
	struct ledger_result res;
	int c, ret = 0, made = 0;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'n': vals[0] = optarg; break;
		case 'p': vals[1] = optarg; break;
		case 'a': vals[2] = optarg; break;
		case 'c': vals[3] = optarg; break;
		case 'i': vals[4] = optarg; break;
		case 's': vals[5] = optarg; break;
		case 'r': vals[6] = optarg; break;
		case 'd': deputy = optarg; break;
		case 'D': day_arg = optarg; break;
		case 'm': method = optarg; break;
		case 'f':
			fields = xreallocarray(fields, nfields + 1, sizeof(*fields));
			fields[nfields++] = optarg;
			break;
		case 'h': cmd_print_usage(jd->cmd, stdout); free(fields); return 0;
		default: free(fields); return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind < argc) {
		free(fields);
		return cmd_usage_error(jd->cmd, _("unexpected argument '%s'"), argv[optind]);
	}
	if ((method || vals[6]) && !vals[5]) {
		free(fields);
		return cmd_usage_error(jd->cmd, _("--method and --rating go with --on-the-spot"));
	}
	if (vals[5] && !*vals[5]) {
		free(fields);
		error(_("answer on the spot: write down what the voter was told"));
		return EXIT_REFUSED;
	}
	if (day_arg && clock_parse_date(day_arg, day) < 0) {
		free(fields);
		error(_("'%s' is not a date; use 2026-03-10"), day_arg);
		return EXIT_REFUSED;
	}
	if (deputy_in_form)
		vals[7] = deputy;
	else if (deputy && validate_text(deputy, 0, 20, &dep, &msg) < 0) {
		error(_("deputy: %s"), msg);
		ret = EXIT_REFUSED;
	}
	if (!ret && method) {
		const struct form_field *mf = jd->forms.answer ? formspec_field(jd->forms.answer, "method") : NULL;

		if (mf ? validate_field(mf, method, &method_clean, &msg) < 0 :
			 validate_text(method, 0, 20, &method_clean, &msg) < 0) {
			error(_("method: %s"), msg);
			ret = EXIT_REFUSED;
		}
	}
	if (!ret)
		ret = cmd_form_step(jd, STEP_ADD, form, ids, vals, 8, fields, nfields, &lf);
	if (!ret) {
		made = 1;
		if (!deputy_in_form)
			lf.step.intake.deputy = dep && *dep ? dep : NULL;
		lf.step.intake.spot_method = method_clean;
		lf.step.intake.day = day_arg ? day : NULL;
		ret = cmd_apply(jd, &lf.step, &res);
	}
	if (made && !ret) {
		printf("%s\n", res.ticket.number);
		if (!res.ticket.day_id)
			fprintf(stderr, _("Note: no reception day is open today, so this ticket is not counted in one.\n"));
		else if (!deputy)
			note_deputy(jd, &res.ticket);
		/* A history that cannot be read now is said by the store; the ticket is saved all the same. */
		if (store_ticket_count_events(jd->store, res.ticket.id, "backfill") > 0)
			textout_printf(stderr, _("Entered as a paper record (补录) of the reception day of %s, voter no. %d.\n"),
				       res.ticket.day_date, res.ticket.position);
		ret = cmd_output_saved(_("ticket %s is saved in the ledger, but its number could not be written out; do not add it again (see 'jiedai show %s')"),
				       res.ticket.number, res.ticket.number);
		ledger_result_release(&res);
	}
	if (made)
		ledger_form_release(&lf);
	free(dep);
	free(method_clean);
	free(msg);
	free(fields);
	return ret;
}
