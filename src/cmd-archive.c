/*
 * cmd-archive.c — `jiedai archive --year Y -o DIR`: the year's archive
 * (资料归档) in a new folder; `jiedai archive --verify DIR`: is a folder
 * still what was written.  What goes in, and why, is in
 * src/core/archive.h.
 *
 * Writing needs the ledger and is a take (staff and head, recorded);
 * checking needs only the folder, so --verify opens no ledger: a records
 * office checks a folder on a machine that has none.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive.h"
#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "outfile.h"
#include "progress.h"
#include "strbuf.h"
#include "textout.h"

static void on_progress(void *arg, size_t done, size_t total, const char *path)
{
	struct progress **bar = arg;

	(void)path;
	if (!*bar)
		*bar = progress_start(_("Archiving"), (uint64_t)total);
	progress_update(*bar, (uint64_t)done);
}

static int verify(const char *dir)
{
	struct strbuf problems = STRBUF_INIT, head = STRBUF_INIT;
	char sha[65];
	size_t nfiles = 0;
	int n = archive_verify(dir, &problems, &nfiles, sha, &head);

	if (n < 0) {
		strbuf_release(&problems);
		strbuf_release(&head);
		return EXIT_IO;
	}
	textout_printf(stdout, "%s", head.buf);
	textout_printf(stdout, _("index.txt SHA-256: %s\n"), sha);
	if (n) {
		/* Each problem names its file, on standard output; the verdict on standard error. */
		textout_printf(stdout, "%s", problems.buf);
		fflush(stdout);
		error(Q_("%d problem in the archive '%s' (%zu files listed): the folder is not as it was written",
			 "%d problems in the archive '%s' (%zu files listed): the folder is not as it was written",
			 (unsigned long)n),
		      n, dir, nfiles);
	} else {
		textout_printf(stdout, Q_("The archive is as it was written: %zu file, each with its SHA-256, and nothing else.\n",
					  "The archive is as it was written: %zu files, each with its SHA-256, and nothing else.\n",
					  nfiles),
			       nfiles);
	}
	strbuf_release(&problems);
	strbuf_release(&head);
	if (n)
		return EXIT_REFUSED;
	return outfile_stdout_flush() < 0 ? EXIT_IO : 0;
}

int cmd_archive(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "year", required_argument, NULL, 'y' },
		{ "output", required_argument, NULL, 'o' },
		{ "verify", required_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *year_opt = NULL, *dir = NULL, *check = NULL;
	struct archive_opts o = { 0 };
	struct archive_result res;
	struct progress *bar = NULL;
	int c, r, year;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'y': year_opt = optarg; break;
		case 'o': dir = optarg; break;
		case 'v': check = optarg; break;
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind < argc)
		return cmd_usage_error(jd->cmd, _("unexpected argument '%s'"), argv[optind]);
	if (check) {
		if (year_opt || dir)
			return cmd_usage_error(jd->cmd, _("--verify checks a folder; --year and -o make one"));
		return verify(check);
	}
	if (!year_opt || !dir || !*dir)
		return cmd_usage_error(jd->cmd, _("say which year and which new folder: --year 2026 -o FOLDER"));
	if (cmd_parse_year(year_opt, &year) < 0)
		return cmd_usage_error(jd->cmd, _("'%s' is not a year; use 2026"), year_opt);
	r = cmd_open_ledger(jd, CMD_STORE);
	if (r)
		return r;

	o.year = year;
	o.dir = dir;
	o.progress = on_progress;
	o.arg = &bar;
	r = archive_write(jd->store, &jd->me, &o, &res);
	progress_stop(bar);
	if (r != STORE_OK)
		return store_exit_code(r);
	textout_printf(stdout, Q_("The archive of %d is in %s: %zu file and index.txt.\n",
				  "The archive of %d is in %s: %zu files and index.txt.\n", res.n),
		       res.year, res.dir, res.n);
	textout_printf(stdout, _("Ledger check code %s (%lld records in its history)\n"), res.anchor,
		       (long long)res.events);
	textout_printf(stdout, _("index.txt SHA-256: %s\n"), res.index_sha256);
	archive_result_release(&res);
	/* The take is recorded: a failed write now is not to be repeated blindly. */
	return cmd_output_saved(_("the archive is written and recorded, but this could not be written out"));
}
