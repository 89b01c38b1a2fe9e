/*
 * cmd-search.c — `jiedai search QUERY`: every ticket whose number, name,
 * phone, issue or address contains all the words, newest first.  The same
 * search as the screen's search line and `jiedai list --search`: through the
 * search index when the ledger has one, with exactly the LIKE scan's answer.
 *
 * Without --limit it prints the first SEARCH_DEFAULT_LIMIT and says on
 * standard error how many more there are (counted up to SEARCH_COUNT_MORE):
 * a common word on a county's ledger matches tens of thousands of tickets,
 * which nobody reads on a terminal.  --all prints them all, for scripts.
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

#define SEARCH_DEFAULT_LIMIT 200
#define SEARCH_COUNT_MORE 100000

/* After the first page: how many more there are, on standard error (the output stays the data). */
static int say_more(struct jd *jd, struct ticket_filter *f)
{
	int64_t n = 0;
	int r;

	fflush(stdout);
	f->limit = SEARCH_DEFAULT_LIMIT + SEARCH_COUNT_MORE;
	r = store_ticket_count(jd->store, f, &n);
	if (r != STORE_OK)
		return r;
	if (n <= SEARCH_DEFAULT_LIMIT)
		return STORE_OK;
	if (n >= f->limit)
		fprintf(stderr, _("Note: these are the first %d tickets found; more than %d others match. "
				  "Add words to find fewer, or give --all to print them all (--limit N: that many).\n"),
			SEARCH_DEFAULT_LIMIT, SEARCH_COUNT_MORE);
	else
		fprintf(stderr, Q_("Note: these are the first %d tickets found; %lld more matches. "
				   "Add words to find fewer, or give --all to print them all (--limit N: that many).\n",
				   "Note: these are the first %d tickets found; %lld more match. "
				   "Add words to find fewer, or give --all to print them all (--limit N: that many).\n",
				   n - SEARCH_DEFAULT_LIMIT),
			SEARCH_DEFAULT_LIMIT, (long long)(n - SEARCH_DEFAULT_LIMIT));
	return STORE_OK;
}

int cmd_search(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "limit", required_argument, NULL, 'l' },
		{ "all", no_argument, NULL, 'a' },
		{ "station", required_argument, NULL, 'A' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct ticket_filter f = TICKET_FILTER_INIT;
	struct strbuf words = STRBUF_INIT;
	enum out_format fmt = OUT_TABLE;
	long rows = 0;
	int c, r, all = 0;

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
		case 'a': all = 1; break;
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
	if (all && f.limit) {
		strbuf_release(&words);
		return cmd_usage_error(jd->cmd, _("--all and --limit cannot go together: --all prints every ticket found"));
	}
	f.text = words.buf;
	f.order = ORDER_NEWEST;
	if (!all && !f.limit)
		f.limit = SEARCH_DEFAULT_LIMIT;
	r = cmd_list_print(jd, &f, fmt, 1, &rows);
	if (r == STORE_OK && fmt == OUT_TABLE && rows == 0)
		printf(_("(no tickets)\n"));
	if (r == STORE_OK && !all && rows == SEARCH_DEFAULT_LIMIT && f.limit == SEARCH_DEFAULT_LIMIT)
		r = say_more(jd, &f);
	strbuf_release(&words);
	return store_exit_code(r);
}
