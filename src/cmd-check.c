/*
 * cmd-check.c — `jiedai check`: is the ledger sound?  SQLite's own
 * integrity check, gapless numbers, every ticket with its history, and the
 * search index's own check.
 */
#include "cmd.h"

#include <stdio.h>

#include "error.h"
#include "i18n.h"
#include "strbuf.h"

int cmd_check(struct jd *jd, int argc, char **argv)
{
	struct strbuf report = STRBUF_INIT;
	int n;

	(void)argv;
	if (argc > 1)
		return cmd_usage_error(jd->cmd, _("check takes no arguments"));
	n = store_check(jd->store, &report);
	if (n) {
		fputs(report.buf, stdout);
		error(_("the ledger has %d problem(s); restore the last good backup (see README) or ask for help"), n);
	} else {
		printf(_("The ledger %s is sound.\n"), store_path(jd->store));
	}
	strbuf_release(&report);
	return n ? EXIT_REFUSED : 0;
}
