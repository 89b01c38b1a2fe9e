/*
 * cmd-queue.c — `jiedai queue`: what the station head works through: items
 * answered and rated, waiting for sign-off (待销号), then overdue items.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "strbuf.h"
#include "u8.h"

/*
 * The 销号 queue as a table: what the head decides on — the rating and how
 * the voter was answered, and when — beside the number and the issue.
 */
static int ready_row(const struct ticket *t, void *arg)
{
	struct strbuf sb = STRBUF_INIT;
	char *issue = u8_sanitize(t->issue, 0);
	long *n = arg;

	u8_fit(&sb, t->number, 14, 1);
	strbuf_addch(&sb, ' ');
	u8_fit(&sb, t->rating, 8, 1);
	strbuf_addch(&sb, ' ');
	u8_fit(&sb, t->answer_method, 8, 1);
	strbuf_addch(&sb, ' ');
	u8_fit(&sb, t->answer_date ? t->answer_date : "", 10, 0);
	strbuf_addch(&sb, ' ');
	u8_fit(&sb, t->name, 8, 1);
	strbuf_addch(&sb, ' ');
	u8_cut(&sb, issue, 30, 1);
	strbuf_rtrim(&sb);
	printf("%s\n", sb.buf);	/* u8_fit() and u8_cut() clean each cell */
	strbuf_release(&sb);
	free(issue);
	(*n)++;
	return 0;
}

static int print_ready(struct jd *jd, const struct ticket_filter *f, long *n)
{
	struct strbuf sb = STRBUF_INIT;

	u8_fit(&sb, _("Number"), 14, 0);
	strbuf_addch(&sb, ' ');
	u8_fit(&sb, _("Rating"), 8, 0);
	strbuf_addch(&sb, ' ');
	u8_fit(&sb, _("Answered by"), 8, 0);
	strbuf_addch(&sb, ' ');
	u8_fit(&sb, _("Answered on"), 10, 0);
	strbuf_addch(&sb, ' ');
	u8_fit(&sb, _("Name"), 8, 0);
	strbuf_addch(&sb, ' ');
	strbuf_adds(&sb, _("Issue"));
	strbuf_rtrim(&sb);
	printf("%s\n", sb.buf);
	strbuf_release(&sb);
	return store_ticket_list(jd->store, f, ready_row, n);
}

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
		r = print_ready(jd, &ready, &n1);
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
