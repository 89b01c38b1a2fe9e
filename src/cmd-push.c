/*
 * cmd-push.c — `jiedai push [URL] [--from FILE.jsonl]`: send the station's
 * ledger (or a JSON Lines export of it, carried from a station without a
 * network) to the county's hub, in one transaction: everything the hub does
 * not hold yet, from the newest record it acknowledged on.  The rules are
 * in src/core/hub/hub.h; what leaves the station in src/core/store/push.h.
 *
 * The work is pushjob_run() (src/core/pushjob.h), shared with the close
 * of a reception day.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "pushjob.h"
#include "xmalloc.h"

int cmd_push(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *from = NULL;
	char *url = NULL, *setting;
	int c, r;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'f': from = optarg; break;
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind + 1 < argc)
		return cmd_usage_error(jd->cmd, _("unexpected argument '%s'"), argv[optind + 1]);
	if (ledger_may(jd->store, &jd->me, STEP_PUSH) < 0)
		return EXIT_REFUSED;
	setting = store_setting(jd->store, "hub_url");
	if (optind < argc) {
		/* Where the ledger goes is the administrator's setting; others push only there. */
		if (!from && !jd->me.admin && strcmp(argv[optind], setting)) {
			error(_("only the administrator may push to another address than the station's hub (%s); the address is the setting hub_url"),
			      *setting ? setting : _("none set"));
			free(setting);
			return EXIT_REFUSED;
		}
		url = xstrdup(argv[optind]);
		free(setting);
	} else if (*setting) {
		url = setting;
	} else {
		free(setting);
		return cmd_usage_error(jd->cmd, _("no hub: give its address, or ask the administrator to set it (sudo jiedai config hub_url postgres://HOST/DATABASE?user=LOGIN)"));
	}
	r = pushjob_run(jd, url, from, stdout, cmd_progress);
	free(url);
	return r ? r : cmd_output_saved(_("the push is kept at the hub, but its summary could not be written out (pushing again sends nothing new)"));
}

