/*
 * cmd-follow.c — `jiedai follow NUMBER --deputy NAME` and `jiedai follow
 * NUMBER --clear`: give an item to a deputy to follow up (跟进代表), move it
 * to another, or take it back.  The follow-up deputy sees the item's voter
 * in full, like the deputy who received them (ledger.h, (8)); staff and the
 * head decide who.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "i18n.h"
#include "u8.h"

int cmd_follow(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "deputy", required_argument, NULL, 'd' },
		{ "clear", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct ledger_step st = { .kind = STEP_FOLLOW };
	struct ledger_result res;
	const char *deputy = NULL;
	char *number = NULL, *name = NULL;
	int c, clear = 0, r;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': deputy = optarg; break;
		case 'c': clear = 1; break;
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind + 1 != argc)
		return cmd_usage_error(jd->cmd, _("say which ticket: jiedai follow NUMBER --deputy NAME"));
	if (!!deputy == clear)
		return cmd_usage_error(jd->cmd, _("give --deputy NAME (who follows the item up) or --clear (nobody does), one of them"));
	if (deputy) {
		name = u8_trim(deputy);
		if (!*name) {
			free(name);
			return cmd_usage_error(jd->cmd, _("--deputy needs the deputy's name"));
		}
	}
	if (ledger_may(jd->store, &jd->me, STEP_FOLLOW) < 0) {
		free(name);
		return EXIT_REFUSED;
	}
	if ((r = cmd_resolve_number(jd, argv[optind], &number)) != 0) {
		free(name);
		return r;
	}
	st.number = number;
	st.follow = name ? name : "";
	r = cmd_apply(jd, &st, &res);
	free(number);
	free(name);
	if (r)
		return r;
	if (*res.ticket.follow_deputy)
		printf(_("%s: followed up by %s, who now sees the voter in full\n"), res.ticket.number,
		       res.ticket.follow_deputy);
	else
		printf(_("%s: nobody follows it up now\n"), res.ticket.number);
	r = cmd_output_saved(_("%s: the follow-up deputy is saved in the ledger, but this could not be written out; do not repeat it"),
			     res.ticket.number);
	ledger_result_release(&res);
	return r;
}
