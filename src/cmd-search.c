/*
 * cmd-search.c — `jiedai search QUERY`: every ticket whose number, name,
 * phone, issue or address contains all the words, newest first.  The same
 * search as the screen's search line and `jiedai list --search`: through the
 * search index when the ledger has one, with exactly the LIKE scan's answer.
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

int cmd_search(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "limit", required_argument, NULL, 'l' },
		{ "station", required_argument, NULL, 'A' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct ticket_filter f = TICKET_FILTER_INIT;
	struct strbuf words = STRBUF_INIT;
	enum out_format fmt = OUT_TABLE;
	long rows = 0;
	int c, r;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (cmd_parse_format(optarg, &fmt) < 0)
				return cmd_usage_error(jd->cmd, _("the format is table, tsv or json"));
			break;
		case 'l':
			f.limit = atoi(optarg);
			if (f.limit <= 0)
				return cmd_usage_error(jd->cmd, _("--limit takes a positive number"));
			break;
		case 'A': f.station = optarg; break;
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	/* QUERY may be one argument with spaces or several words. */
	for (int i = optind; i < argc; i++) {
		if (words.len)
			strbuf_addch(&words, ' ');
		strbuf_adds(&words, argv[i]);
	}
	{
		char *trimmed = u8_trim(words.buf);
		int empty = !*trimmed;

		free(trimmed);
		if (empty) {
			strbuf_release(&words);
			return cmd_usage_error(jd->cmd, _("say what to search for"));
		}
	}
	f.text = words.buf;
	f.order = ORDER_NEWEST;
	r = cmd_list_print(jd, &f, fmt, 1, &rows);
	if (r == STORE_OK && fmt == OUT_TABLE && rows == 0)
		printf(_("(no tickets)\n"));
	strbuf_release(&words);
	return store_exit_code(r);
}
