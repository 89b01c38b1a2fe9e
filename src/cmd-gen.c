/*
 * cmd-gen.c — `jiedai gen N`: add N made-up tickets to the ledger, for a
 * station's training ledger, for tests and for benchmarks (see gen.h).
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "gen.h"
#include "i18n.h"

/* A whole positive number in s, or -1. */
static long long positive(const char *s, long long max)
{
	char *end;
	long long v = strtoll(s, &end, 10);

	if (!*s || *end || v <= 0 || v > max)
		return -1;
	return v;
}

int cmd_gen(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "years", required_argument, NULL, 'y' },
		{ "station", required_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct gen_opts o = { .seed = 1, .years = 3, .progress = cmd_progress };
	long long v;
	int64_t before = 0, after = 0;
	struct ticket_filter all = TICKET_FILTER_INIT;
	int c, r;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 's':
			v = positive(optarg, 0x7fffffffffffffffLL);
			if (v < 0)
				return cmd_usage_error(jd->cmd, _("--seed takes a positive whole number"));
			o.seed = (uint64_t)v;
			break;
		case 'y':
			v = positive(optarg, 50);
			if (v < 0)
				return cmd_usage_error(jd->cmd, _("--years takes a number from 1 to 50"));
			o.years = (int)v;
			break;
		case 'S': {
			size_t n = strlen(optarg);
			const char *p = optarg;

			while (*p && ((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')))
				p++;
			if (n < 1 || n > 8 || *p)
				return cmd_usage_error(jd->cmd, _("the station code must be 1 to 8 capital letters or digits, such as LJ"));
			o.station = optarg;
			break;
		}
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind + 1 != argc)
		return cmd_usage_error(jd->cmd, _("say how many tickets to make up"));
	v = positive(argv[optind], 100000000);
	if (v < 0)
		return cmd_usage_error(jd->cmd, _("the number of tickets is a whole number from 1 to 100000000"));
	o.tickets = v;
	o.forms = &jd->forms;
	r = store_ticket_count(jd->store, &all, &before);
	if (r == STORE_OK)
		r = ledger_gen(jd->store, &jd->me, &o);
	if (r == STORE_OK)
		r = store_ticket_count(jd->store, &all, &after);
	if (r != STORE_OK)
		return store_exit_code(r);
	printf(_("Added %lld made-up tickets; the ledger now has %lld.\n"), (long long)(after - before),
	       (long long)after);
	return cmd_output_saved(_("the made-up tickets are saved in the ledger, but this could not be written out; running 'jiedai gen' again adds more"));
}
