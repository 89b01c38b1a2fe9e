/* cmd-ui.c — `jiedai` / `jiedai ui`: the reception-day screen. */
#include "cmd.h"

#include <stdio.h>
#include <unistd.h>

#include "error.h"
#include "i18n.h"

int cmd_ui(struct jd *jd, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		error(_("the screen needs a terminal; see 'jiedai help' for the commands"));
		return EXIT_USAGE;
	}
	printf(_("The ledger is %s\n"), store_path(jd->store));
	return cmd_help(jd, 1, argv);
}
