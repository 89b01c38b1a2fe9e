/*
 * cmd-queue.c — `jiedai queue`: what the station head works through: items
 * answered and rated, waiting for sign-off (待销号), then overdue items.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "i18n.h"

int cmd_queue(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct ticket_filter ready = TICKET_FILTER_INIT, overdue = TICKET_FILTER_INIT;
	enum out_format fmt = OUT_TABLE;
	long n1 = 0, n2 = 0;
	int c, r;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (cmd_parse_format(optarg, &fmt) < 0)
				return cmd_usage_error(jd->cmd, _("the format is table, tsv or json"));
			break;
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind < argc)
		return cmd_usage_error(jd->cmd, _("unexpected argument '%s'"), argv[optind]);
	ready.status = TS_READY;
	overdue.overdue = 1;
	overdue.order = ORDER_DUE;

	switch (fmt) {
	case OUT_TSV:
		cmd_list_header(fmt, stdout);
		r = cmd_list_print(jd, &ready, fmt, 0, NULL);
		if (r == STORE_OK)
			r = cmd_list_print(jd, &overdue, fmt, 0, NULL);
		break;
	case OUT_JSON:
		fputs("{\"ready\":", stdout);
		r = cmd_list_print(jd, &ready, fmt, 1, NULL);
		fputs(",\"overdue\":", stdout);
		if (r == STORE_OK)
			r = cmd_list_print(jd, &overdue, fmt, 1, NULL);
		fputs("}\n", stdout);
		break;
	default:
		printf(_("== Waiting for sign-off (销号) ==\n"));
		r = cmd_list_print(jd, &ready, fmt, 1, &n1);
		if (r == STORE_OK && !n1)
			printf(_("(none)\n"));
		printf(_("\n== Overdue ==\n"));
		if (r == STORE_OK)
			r = cmd_list_print(jd, &overdue, fmt, 1, &n2);
		if (r == STORE_OK && !n2)
			printf(_("(none)\n"));
		break;
	}
	return store_exit_code(r);
}
