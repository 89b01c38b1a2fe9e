/* cmd-help.c — `jiedai help [COMMAND]` and `jiedai version`. */
#include "cmd.h"

#include <stdio.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "strbuf.h"
#include "u8.h"

int cmd_help(struct jd *jd, int argc, char **argv)
{
	(void)jd;
	if (argc > 1) {
		const struct cmd *c = cmd_find(argv[1]);

		if (!c) {
			error(_("'%s' is not a jiedai command"), argv[1]);
			return EXIT_USAGE;
		}
		printf("%s\n\n", _(c->summary));
		cmd_print_usage(c, stdout);
		return 0;
	}
	printf(_("jiedai — the ledger of a deputy station's reception day (接待选民日)\n\n"
		 "usage: jiedai [--db PATH] [--forms DIR] [--as NAME] [COMMAND [ARGS]]\n\n"
		 "Without a command jiedai opens the reception-day screen.\n\n"
		 "Commands:\n"));
	for (const struct cmd *c = cmd_table(); c->name; c++) {
		struct strbuf sb = STRBUF_INIT;

		u8_fit(&sb, c->name, 12, 0);
		printf("  %s %s\n", sb.buf, _(c->summary));
		strbuf_release(&sb);
	}
	printf(_("\nGlobal options:\n"
		 "  --db PATH     the ledger database (else $JIEDAI_DB, the 'db' line of /etc/jiedai.conf,\n"
		 "                else ~/.local/share/jiedai/jiedai.db)\n"
		 "  --forms DIR   the form files to use\n"
		 "  --as NAME     the person acting, on a shared account\n\n"
		 "'jiedai COMMAND --help' shows the options of a command.\n"
		 "Exit codes: 0 done, 1 refused, 2 wrong usage, 3 database busy or I/O error.\n"));
	return 0;
}

int cmd_version(struct jd *jd, int argc, char **argv)
{
	(void)jd;
	(void)argc;
	(void)argv;
	printf("jiedai %s (schema %d)\n", JIEDAI_VERSION, store_schema_version());
	return 0;
}
