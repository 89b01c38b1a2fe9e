/*
 * cmd-export.c — `jiedai export --format csv|xlsx|jsonl|open311`: the
 * whole ledger for spreadsheets, for a lossless backup or the county
 * roll-up (jsonl, read back by `jiedai import`), or as Open311 GeoReport v2
 * service requests without personal data.  Formats are described in
 * src/core/model/export.h and src/core/sys/sheet.h.  A progress bar on stderr shows
 * how far it got when stderr is a terminal.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "export.h"
#include "i18n.h"
#include "outfile.h"
#include "progress.h"
#include "strbuf.h"
#include "textout.h"
#include "u8.h"
#include "xmalloc.h"

struct ex_state {
	struct outfile *out;
	struct progress *bar;
	struct sheet *sheet;
	char **keys;
	size_t ncols;
	int64_t done, written;
	struct strbuf sb;
};

static int put_line(void *arg, const char *json, size_t len)
{
	struct ex_state *es = arg;

	return export_jsonl_put(es->out->f, json, len);
}

static void tick(void *arg, int64_t done)
{
	struct ex_state *es = arg;

	progress_update(es->bar, (uint64_t)done);
}

static int sheet_ticket(const struct ticket *t, void *arg)
{
	struct ex_state *es = arg;
	char **cells = export_cells(t, es->keys, es->ncols);
	int r = sheet_row(es->sheet, (const char *const *)cells);

	export_cells_free(cells, es->ncols);
	progress_update(es->bar, (uint64_t)++es->done);
	return r < 0 ? -1 : 0;
}

/* Void tickets are not service requests: counted for the bar, not written. */
static int open311_ticket(const struct ticket *t, void *arg)
{
	struct ex_state *es = arg;

	progress_update(es->bar, (uint64_t)++es->done);
	if (t->status == TS_VOID)
		return 0;
	strbuf_reset(&es->sb);
	strbuf_adds(&es->sb, es->written++ ? ",\n" : "[\n");
	export_open311(&es->sb, t);
	if (fwrite(es->sb.buf, 1, es->sb.len, es->out->f) != es->sb.len) {
		error_errno(_("cannot write the export"));
		return -1;
	}
	return 0;
}

int cmd_export(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *format = NULL, *path = NULL;
	struct ex_state es;
	struct outfile out;
	struct sheet_column *cols = NULL;
	struct sheet_spec spec;
	int64_t total = 0;
	int c, r, xlsx;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'f': format = optarg; break;
		case 'o': path = optarg; break;
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind < argc)
		return cmd_usage_error(jd->cmd, _("unexpected argument '%s'"), argv[optind]);
	if (!format)
		return cmd_usage_error(jd->cmd, _("say which format: --format csv, xlsx, jsonl or open311"));
	if (strcmp(format, "csv") && strcmp(format, "xlsx") && strcmp(format, "jsonl") &&
	    strcmp(format, "open311"))
		return cmd_usage_error(jd->cmd, _("the format is csv, xlsx, jsonl or open311"));
	xlsx = !strcmp(format, "xlsx");
	if (xlsx && (!path || !strcmp(path, "-")) && isatty(STDOUT_FILENO))
		return cmd_usage_error(jd->cmd, _("an XLSX file is not for the terminal; give -o FILE.xlsx"));
	/* Everything but Open311 carries names and phone numbers. */
	if (strcmp(format, "open311")) {
		char *what = xasprintf("%s → %s", format, path && strcmp(path, "-") ? path : "stdout");

		r = cmd_take(jd, STEP_EXPORT, what);
		free(what);
		if (r)
			return r;
	}

	memset(&es, 0, sizeof(es));
	strbuf_init(&es.sb);
	r = store_export_count(jd->store, &total);
	if (r != STORE_OK)
		return store_exit_code(r);
	/* Only Open311 is free of personal data; the rest is private whatever the umask. */
	if (outfile_open(&out, path,
			 (xlsx ? OUTFILE_NAMED : 0) | (strcmp(format, "open311") ? OUTFILE_PRIVATE : 0)) < 0)
		return EXIT_IO;
	es.out = &out;
	es.bar = progress_start(_("Exporting"), (uint64_t)total);

	if (!strcmp(format, "jsonl")) {
		r = store_export_jsonl(jd->store, put_line, tick, &es);
	} else if (!strcmp(format, "open311")) {
		/*
		 * A public output, one file whoever makes it: read from the ledger
		 * alone (store_read_public()), so that export_open311() finds the
		 * voter's name in the issue to mask it, for every ticket.
		 */
		int was = store_read_public(jd->store, 1);

		r = store_export_tickets(jd->store, 1, open311_ticket, &es);
		store_read_public(jd->store, was);
		if (r == STORE_OK && fputs(es.written ? "\n]\n" : "[]\n", out.f) == EOF)
			r = STORE_IO;
	} else {
		char *name = store_setting(jd->store, "station_name");
		char *title = xasprintf(_("%s — the ledger"), name);

		/* NULL when they could not be read (said): then nothing is written. */
		es.keys = store_extra_keys(jd->store);
		cols = es.keys ? export_columns(es.keys, &es.ncols) : NULL;
		memset(&spec, 0, sizeof(spec));
		spec.title = title;
		spec.sheet_name = C_("sheet", "Ledger");
		spec.cols = cols;
		spec.ncols = es.ncols;
		spec.landscape = 1;
		spec.large = total > 50000;
		es.sheet = es.keys ? sheet_open(xlsx ? SHEET_XLSX : SHEET_CSV, &out, &spec) : NULL;
		if (!es.sheet) {
			r = STORE_IO;
		} else {
			r = store_export_tickets(jd->store, 1, sheet_ticket, &es);
			if (sheet_close(es.sheet) < 0 && r == STORE_OK)
				r = STORE_IO;
		}
		free(name);
		free(title);
	}
	progress_stop(es.bar);
	if (r != STORE_OK) {
		outfile_abort(&out);
	} else if (outfile_commit(&out) < 0) {
		r = STORE_IO;
	} else if (path && strcmp(path, "-")) {
		textout_printf(stdout, _("Exported %lld tickets to %s\n"), (long long)total, path);
	}
	free(cols);
	u8_lines_free(es.keys);
	strbuf_release(&es.sb);
	return store_exit_code(r);
}
