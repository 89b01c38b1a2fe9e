/*
 * cmd-import.c — `jiedai import FILE.jsonl`: merge another station's
 * export into this ledger (the county roll-up), all or nothing.  The rules
 * are in src/core/store/store.h (import).  A progress bar follows the bytes read.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "error.h"
#include "export.h"
#include "i18n.h"
#include "progress.h"
#include "textout.h"
#include "u8.h"

int cmd_import(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct import *im = NULL;
	struct import_stats st;
	struct progress *bar;
	struct stat sb;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long lineno = 0;
	uint64_t done = 0;
	FILE *f;
	int c, r;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind + 1 != argc)
		return cmd_usage_error(jd->cmd, _("give the file to import (made by 'jiedai export --format jsonl')"));
	if (ledger_may(jd->store, &jd->me, STEP_IMPORT) < 0)
		return EXIT_REFUSED;
	f = fopen(argv[optind], "r");
	if (!f) {
		error_errno(_("cannot open '%s'"), argv[optind]);
		return EXIT_IO;
	}
	r = ledger_import_begin(jd->store, &jd->me, &im);
	if (r != STORE_OK) {
		fclose(f);
		return store_exit_code(r);
	}
	bar = progress_start(_("Importing"), fstat(fileno(f), &sb) == 0 ? (uint64_t)sb.st_size : 0);
	while (r == STORE_OK && (len = getline(&line, &cap, f)) >= 0) {
		lineno++;
		done += (uint64_t)len;
		if (len && line[len - 1] == '\n')
			line[--len] = '\0';
		r = store_import_line(im, line, (size_t)len, lineno);
		progress_update(bar, done);
	}
	if (r == STORE_OK && ferror(f)) {
		error_errno(_("cannot read '%s'"), argv[optind]);
		r = STORE_IO;
	}
	progress_stop(bar);
	free(line);
	fclose(f);
	if (r != STORE_OK) {
		store_import_abort(im);
		return store_exit_code(r);
	}
	r = store_import_finish(im, &st);
	if (r != STORE_OK)
		return store_exit_code(r);
	textout_printf(stdout, _("Imported %s: %lld tickets added, %lld brought up to date, %lld unchanged; "
		 "%lld reception days added, %lld brought up to date; %lld voters and %lld deputies added.\n"),
	       argv[optind], (long long)st.tickets_added, (long long)st.tickets_updated,
	       (long long)st.tickets_unchanged, (long long)st.days_added, (long long)st.days_updated,
	       (long long)st.voters_added, (long long)st.deputies_added);
	return cmd_output_saved(_("the import of %s is saved in the ledger, but its summary could not be written out (importing it again changes nothing)"),
				argv[optind]);
}
