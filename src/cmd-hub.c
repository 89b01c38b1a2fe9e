/*
 * cmd-hub.c — `jiedai hub init URL [--name NAME] [--practice]`: make (or
 * upgrade) the county's hub in a PostgreSQL database: the schema jiedai,
 * its functions and the roles jiedai_station and jiedai_reader.  Run by the
 * county as the database's owner; it needs no ledger.  See src/core/hub/hub.h.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "hub.h"
#include "i18n.h"

static int hub_init_cmd(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "practice", no_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *name = NULL;
	struct hub *h = NULL;
	int c, r, practice = 0, from = 0;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'n': name = optarg; break;
		case 'p': practice = 1; break;
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind + 1 != argc)
		return cmd_usage_error(jd->cmd, _("give the hub's address: jiedai hub init postgres://HOST/DATABASE"));
	r = hub_connect(argv[optind], 0, &h);
	if (r != HUB_OK)
		return hub_exit_code(r);
	r = hub_init(h, name, practice, &from);
	hub_close(h);
	if (r != HUB_OK)
		return hub_exit_code(r);
	if (from == HUB_SCHEMA_VERSION)
		printf(_("The hub is already at schema version %d.\n"), from);
	else if (from)
		printf(_("The hub was upgraded from schema version %d to %d.\n"), from, HUB_SCHEMA_VERSION);
	else
		printf(_("The hub was made (schema version %d%s). Give each station a login that is a member of jiedai_station, and county readers jiedai_reader.\n"),
		       HUB_SCHEMA_VERSION, practice ? _(", a practice hub") : "");
	return 0;
}

int cmd_hub(struct jd *jd, int argc, char **argv)
{
	if (argc < 2)
		return cmd_usage_error(jd->cmd, _("say what to do: jiedai hub init URL"));
	if (!strcmp(argv[1], "init"))
		return hub_init_cmd(jd, argc - 1, argv + 1);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		cmd_print_usage(jd->cmd, stdout);
		return 0;
	}
	return cmd_usage_error(jd->cmd, _("unknown hub command '%s'"), argv[1]);
}
