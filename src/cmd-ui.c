/* cmd-ui.c — `jiedai` / `jiedai ui`: the reception-day screen. */
#include "cmd.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "i18n.h"
#include "ui/ui.h"

int cmd_ui(struct jd *jd, int argc, char **argv)
{
	int report = 0;

	/* --report opens on the statistics screen (Esc goes to the home screen). */
	if (argc > 1 && !strcmp(argv[1], "--report")) {
		report = 1;
		argc--;
		argv++;
	}
	if (argc > 1 && argv[1][0] != '-')
		return cmd_usage_error(jd->cmd, _("unexpected argument '%s'"), argv[1]);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		error(_("the screen needs a terminal; see 'jiedai help' for the commands"));
		return EXIT_USAGE;
	}
	return ui_run(jd, report ? UI_START_REPORT : UI_START_HOME);
}
