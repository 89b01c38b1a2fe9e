/*
 * cmd-chase.c — `jiedai chase UNIT`: the chase slip (督办单) of a unit, its
 * overdue items, printed on the receipt printer or written as A4 text or
 * XLSX, and recorded as a 督办 event on each item (chase.h).
 *
 * Staff and the head chase units (ledger.h): that is checked before the
 * slip is made, and the events are written through the gate once the slip
 * went out, so a printer that fails records nothing.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chase.h"
#include "error.h"
#include "i18n.h"
#include "textout.h"
#include "xmalloc.h"

int cmd_chase(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "print", no_argument, NULL, 'P' },
		{ "to", required_argument, NULL, 't' },
		{ "profile", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct paper_out o = { 0, NULL, NULL, NULL, NULL };
	struct ledger_step st = { .kind = STEP_CHASE };
	struct chase c;
	char *where = NULL, *what = NULL;
	int ch, r;

	optind = 0;
	while ((ch = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
		switch (ch) {
		case 'f': o.format = optarg; break;
		case 'o': o.path = optarg; break;
		case 'P': o.print = 1; break;
		case 't': o.dest = optarg; break;
		case 'p': o.profile = optarg; break;
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, ch, argv);
		}
	}
	if (optind + 1 != argc)
		return cmd_usage_error(jd->cmd, _("say which unit"));
	if ((r = cmd_paper_check(jd, &o)) != 0)
		return r;
	if (ledger_may(jd->store, &jd->me, STEP_CHASE) < 0)
		return EXIT_REFUSED;
	r = chase_build(jd->store, argv[optind], &c);
	if (r != STORE_OK)
		return store_exit_code(r);
	r = cmd_paper_out(jd, &c.paper, &o, &where);
	if (r) {
		chase_release(&c);
		return r;
	}
	/* Out on paper or in a file: now each item's history says it was chased. */
	what = xasprintf(Q_("chase slip of %s, %zu item → %s", "chase slip of %s, %zu items → %s", c.n), c.unit,
			 c.n, where);
	st.ticket_ids = c.ids;
	st.nticket_ids = c.n;
	st.what = what;
	r = cmd_apply(jd, &st, NULL);
	if (r) {
		error(_("the chase slip went out, but it could not be recorded in the items' history"));
	} else if (o.print || (o.path && *o.path && strcmp(o.path, "-"))) {
		textout_printf(stdout, Q_("The chase slip of %s (%zu overdue item) went to %s; 督办 is recorded on it.\n",
					  "The chase slip of %s (%zu overdue items) went to %s; 督办 is recorded on each.\n",
					  c.n),
			       c.unit, c.n, where);
		r = cmd_output_saved(_("the chase slip is recorded, but this could not be written out"));
	}
	free(what);
	free(where);
	chase_release(&c);
	return r;
}
