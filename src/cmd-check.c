/*
 * cmd-check.c — `jiedai check [--anchor CODE]`: is the ledger what its
 * history says?  SQLite's own checks, gapless numbers, the hash chain, every
 * ticket, day, setting and login against its history, and the search index;
 * with --anchor, whether the ledger still holds the state a printed register
 * or day summary pinned.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>

#include "box.h"
#include "error.h"
#include "i18n.h"
#include "strbuf.h"

int cmd_check(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "anchor", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct strbuf report = STRBUF_INIT;
	struct check_result res;
	const char *anchor = NULL;
	int c, r;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'a': anchor = optarg; break;
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind < argc)
		return cmd_usage_error(jd->cmd, _("unexpected argument '%s'"), argv[optind]);
	r = store_check(jd->store, anchor, &res, &report) == STORE_OK ? 0 : -1;
	/* On a shared box, also the box: the group, the directory and files, the program. */
	if (r == 0 && store_is_shared(jd->store))
		res.problems += box_check(jd->db_path, &report);
	if (r < 0) {
		strbuf_release(&report);
		return anchor && !res.anchor_given ? EXIT_USAGE : EXIT_IO;
	}
	r = 0;
	if (res.problems || report.len) {
		fputs(report.buf, stdout);
		if (res.problems)
			error(_("the ledger has %d problem(s); restore the last good backup (see README) or ask for help"),
			      res.problems);
		r = EXIT_REFUSED;
	}
	if (!res.problems)
		printf(_("The ledger %s is sound.\n"), store_path(jd->store));
	printf(_("Ledger check code %s (%lld records in its history)\n"), res.anchor, (long long)res.events);
	if (anchor) {
		if (res.anchor_found && !res.problems) {
			printf(_("The check code %s is in this ledger's history (record %lld): the ledger still holds the state it was printed from.\n"),
			       anchor, (long long)res.anchor_event);
		} else {
			error(_("the check code %s is not in this ledger's sound history: the ledger was changed after it was printed, or it is another ledger"),
			      anchor);
			r = EXIT_REFUSED;
		}
	}
	strbuf_release(&report);
	return r;
}
