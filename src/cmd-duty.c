/*
 * cmd-duty.c — `jiedai duty`: the deputies' duty record (代表履职情况记实表)
 * for a year, one A4 page per deputy, as text, CSV or XLSX, or on the
 * receipt printer.  What each figure means is in src/core/model/duty.h
 * (and README.md); the pages are laid out by src/core/paper/dutysheet.h.
 *
 * A duty record holds counts and dates, no voter's personal data: every
 * role may make any deputy's, as every role reads the statistics by deputy
 * that hold the same figures.  Nothing is recorded in the ledger.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clock.h"
#include "dutysheet.h"
#include "error.h"
#include "i18n.h"
#include "outfile.h"
#include "strbuf.h"
#include "xmalloc.h"

/* The format asked for: --format, else the file's extension, else text. */
static int pick_format(const char *format, const char *path, enum duty_format *f)
{
	const char *dot;

	*f = DUTY_TEXT;
	if (format)
		return duty_format_parse(format, f);
	if (path && strcmp(path, "-") && (dot = strrchr(path, '.')) && !strchr(dot, '/'))
		duty_format_parse(dot + 1, f);
	return 0;
}

/* Each page on the receipt printer, one job (and one cut) per deputy. */
static int print_pages(struct jd *jd, const struct duty *d, const char *profile)
{
	struct paper_out o = { 1, NULL, profile, NULL, NULL };
	int r = 0;

	if (!d->n) {
		error(_("there is no duty record to print: no deputy attended a reception day or received a voter in this period"));
		return EXIT_REFUSED;
	}
	for (size_t i = 0; i < d->n && !r; i++) {
		struct paper p;
		char *where = NULL;

		dutysheet_paper(d, i, &p);
		r = cmd_paper_out(jd, &p, &o, &where);
		if (!r)
			printf(_("The duty record of %s went to %s.\n"), d->dep[i].name, where);
		free(where);
		paper_release(&p);
	}
	return r;
}

int cmd_duty(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "year", required_argument, NULL, 'y' },
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'T' },
		{ "deputy", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "print", no_argument, NULL, 'P' },
		{ "profile", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *year_opt = NULL, *from_opt = NULL, *to_opt = NULL, *deputy = NULL, *format = NULL;
	const char *path = NULL, *profile = NULL;
	char from[CLOCK_DATE_LEN], to[CLOCK_DATE_LEN];
	enum duty_format f;
	struct outfile out;
	struct duty d;
	int c, r, print = 0, year;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'y': year_opt = optarg; break;
		case 'F': from_opt = optarg; break;
		case 'T': to_opt = optarg; break;
		case 'd': deputy = optarg; break;
		case 'f': format = optarg; break;
		case 'o': path = optarg; break;
		case 'P': print = 1; break;
		case 'p': profile = optarg; break;
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind < argc)
		return cmd_usage_error(jd->cmd, _("unexpected argument '%s'"), argv[optind]);
	if (pick_format(format, path, &f) < 0)
		return cmd_usage_error(jd->cmd, _("the format is text, csv or xlsx"));
	if (print && (path || format))
		return cmd_usage_error(jd->cmd, _("--print sends it to the printer; -o and --format are for a file"));
	if (profile && !print)
		return cmd_usage_error(jd->cmd, _("--to and --profile go with --print (or --format escpos)"));
	if (!print && f == DUTY_XLSX && (!path || !strcmp(path, "-")) && isatty(STDOUT_FILENO))
		return cmd_usage_error(jd->cmd, _("an XLSX file is not for the terminal; give -o FILE.xlsx"));
	if (year_opt && (from_opt || to_opt))
		return cmd_usage_error(jd->cmd, _("give either --year or --from and --to, not both"));
	if (from_opt || to_opt) {
		r = cmd_period(jd, NULL, from_opt, to_opt, from, to);
		if (r)
			return r;
	} else {
		year = clock_year();
		if (year_opt && cmd_parse_year(year_opt, &year) < 0)
			return cmd_usage_error(jd->cmd, _("'%s' is not a year; use 2026"), year_opt);
		snprintf(from, sizeof(from), "%04d-01-01", year);
		snprintf(to, sizeof(to), "%04d-12-31", year);
	}
	if (deputy && !*deputy)
		return cmd_usage_error(jd->cmd, _("say which deputy: --deputy NAME"));

	r = store_duty_load(jd->store, from, to, deputy, &d);
	if (r != STORE_OK) {
		duty_release(&d);
		return store_exit_code(r);
	}
	if (print) {
		r = print_pages(jd, &d, profile);
		duty_release(&d);
		return r;
	}
	if (outfile_open(&out, path, f == DUTY_XLSX ? OUTFILE_NAMED : 0) < 0) {
		duty_release(&d);
		return EXIT_IO;
	}
	/* A form feed starts each deputy's page on a sheet of its own; on a terminal, a rule. */
	r = dutysheet_write(&d, f, &out, !(out.fd == STDOUT_FILENO && isatty(STDOUT_FILENO)));
	duty_release(&d);
	if (r < 0) {
		outfile_abort(&out);
		return EXIT_IO;
	}
	return outfile_commit(&out) < 0 ? EXIT_IO : 0;
}
