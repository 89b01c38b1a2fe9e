/*
 * cmd-register.c — `jiedai register`: the register of voters received
 * (登记簿) for a month or period, public (公示, masked) unless --internal,
 * as text, CSV or XLSX.  The versions are described in src/core/model/register.h.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "clock.h"
#include "error.h"
#include "hub.h"
#include "i18n.h"
#include "outfile.h"
#include "register.h"
#include "report.h"
#include "strbuf.h"
#include "xmalloc.h"

static int out_width(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
		return ws.ws_col < 120 ? ws.ws_col : 120;
	return 80;
}

int cmd_register(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "month", required_argument, NULL, 'm' },
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'T' },
		{ "internal", no_argument, NULL, 'i' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "hub", required_argument, NULL, 'H' },
		{ "station", required_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *month = NULL, *from_opt = NULL, *to_opt = NULL, *format = "text", *path = NULL;
	char from[11], to[11];
	struct register_writer w;
	struct outfile out;
	char *station = NULL;
	const char *hub_url = NULL, *only = NULL;
	struct hub *h = NULL;
	int c, r, xlsx, internal = 0;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'm': month = optarg; break;
		case 'F': from_opt = optarg; break;
		case 'T': to_opt = optarg; break;
		case 'i': internal = 1; break;
		case 'f': format = optarg; break;
		case 'o': path = optarg; break;
		case 'H': hub_url = optarg; break;
		case 'S': only = optarg; break;
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind < argc)
		return cmd_usage_error(jd->cmd, _("unexpected argument '%s'"), argv[optind]);
	if (strcmp(format, "text") && strcmp(format, "csv") && strcmp(format, "xlsx"))
		return cmd_usage_error(jd->cmd, _("the format is text, csv or xlsx"));
	xlsx = !strcmp(format, "xlsx");
	if (xlsx && (!path || !strcmp(path, "-")) && isatty(STDOUT_FILENO))
		return cmd_usage_error(jd->cmd, _("an XLSX file is not for the terminal; give -o FILE.xlsx"));
	if (hub_url && internal)
		return cmd_usage_error(jd->cmd, _("the hub gives the public register only; the internal one is each station's own"));
	r = cmd_period(jd, month, from_opt, to_opt, from, to);
	if (r)
		return r;
	if (hub_url) {
		r = hub_connect(hub_url, 1, &h);
		if (r != HUB_OK)
			return hub_exit_code(r);
	}
	if (internal) {
		char *what = xasprintf("%s..%s %s → %s", from, to, format,
				       path && strcmp(path, "-") ? path : "stdout");

		r = cmd_take(jd, STEP_REGISTER_INTERNAL, what);
		free(what);
		if (r)
			return r;
	}

	/* One station of a county ledger: the register is that station's. */
	if (h)
		station = hub_name(h);
	else
		station = only ? store_station_name(jd->store, only) : store_setting(jd->store, "station_name");
	if (only && !*station) {
		free(station);
		station = xstrdup(only);
	}
	/* The internal register names voters in full: private whatever the umask. */
	if (outfile_open(&out, path, (xlsx ? OUTFILE_NAMED : 0) | (internal ? OUTFILE_PRIVATE : 0)) < 0) {
		r = EXIT_IO;
		goto done;
	}
	if (register_writer_open(&w, xlsx ? REGISTER_XLSX : !strcmp(format, "csv") ? REGISTER_CSV : REGISTER_TEXT,
				 &out, station, from, to, internal, path ? 80 : out_width()) < 0) {
		register_writer_close(&w, NULL, 0);
		outfile_abort(&out);
		r = EXIT_IO;
		goto done;
	}
	w.masked = h != NULL;
	if (h) {
		int hr = hub_register_list(h, from, to, only, register_writer_row, &w);

		r = hr == HUB_OK ? STORE_OK : hr == HUB_REFUSED ? STORE_REFUSED : STORE_IO;
	}
	else
		r = store_register_list(jd->store, from, to, internal, only, register_writer_row, &w);
	/*
	 * At the foot, the ledger's check code as it stands: the paper copy pins
	 * the ledger's state (jiedai check --anchor proves it is still there).
	 * A county register from the hub pins no one station's ledger.
	 */
	{
		char anchor[15];

		if (r == STORE_OK && !h)
			r = store_anchor(jd->store, anchor);
		if (register_writer_close(&w, h ? NULL : anchor, r == STORE_OK) < 0 && r == STORE_OK)
			r = STORE_IO;
	}
	if (r != STORE_OK) {
		outfile_abort(&out);
		r = store_exit_code(r);
		goto done;
	}
	r = outfile_commit(&out) < 0 ? EXIT_IO : 0;
done:
	hub_close(h);
	free(station);
	return r;
}
