/*
 * cmd-recover.c — `jiedai --db NEW recover DAMAGED`: a new ledger made of
 * what a damaged one still holds.  The damaged file is only read; `jiedai
 * check` on it prints this command (store-recover.c says how it works).
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>

#include "error.h"
#include "i18n.h"
#include "textout.h"

int cmd_recover(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct recover_stats st;
	int c, r;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind + 1 != argc)
		return cmd_usage_error(jd->cmd, _("name the damaged ledger to recover from"));
	r = ledger_recover(jd->store, &jd->me, argv[optind], &st);
	if (r != STORE_OK)
		return store_exit_code(r);
	textout_printf(stdout, _("The new ledger %s holds what could be read of %s:\n"), store_path(jd->store),
		       argv[optind]);
	printf(_("  %lld tickets with their whole history\n"), (long long)st.tickets_whole);
	printf(_("  %lld tickets rebuilt from their history (their rows were damaged)\n"),
	       (long long)st.tickets_from_history);
	printf(_("  %lld tickets with the part of their history that could be read (kept with each)\n"),
	       (long long)st.tickets_in_part);
	printf(_("  %lld numbers whose tickets were lost: kept on the ledger, void, saying so\n"),
	       (long long)st.tickets_lost);
	printf(_("  %lld records of the history read\n"), (long long)st.events_read);
	textout_printf(stdout, _("Check it with: jiedai --db %s check\n"), store_path(jd->store));
	return cmd_output_saved(_("the new ledger is made, but this could not be written out; running recover again needs another new file"));
}
