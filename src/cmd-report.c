/*
 * cmd-report.c — `jiedai report`: the statistics a station reports upward
 * for a month or period, as text, CSV or JSON.  The definitions of every
 * figure are in src/core/model/report.h (and README.md).
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "error.h"
#include "hub.h"
#include "i18n.h"
#include "outfile.h"
#include "report.h"

static int out_width(void)
{
	struct winsize ws;

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 60)
		return ws.ws_col < 100 ? ws.ws_col : 100;
	return 80;
}

int cmd_report(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "month", required_argument, NULL, 'm' },
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'T' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "hub", required_argument, NULL, 'H' },
		{ "station", required_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *month = NULL, *from_opt = NULL, *to_opt = NULL, *format = "text", *path = NULL;
	const char *hub_url = NULL, *station = NULL;
	char from[11], to[11];
	struct report rep;
	struct outfile out;
	int c, r;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'm': month = optarg; break;
		case 'F': from_opt = optarg; break;
		case 'T': to_opt = optarg; break;
		case 'f': format = optarg; break;
		case 'o': path = optarg; break;
		case 'H': hub_url = optarg; break;
		case 'S': station = optarg; break;
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind < argc)
		return cmd_usage_error(jd->cmd, _("unexpected argument '%s'"), argv[optind]);
	if (strcmp(format, "text") && strcmp(format, "csv") && strcmp(format, "json"))
		return cmd_usage_error(jd->cmd, _("the format is text, csv or json"));
	r = cmd_period(jd, month, from_opt, to_opt, from, to);
	if (r)
		return r;
	if (hub_url) {
		/* The county's figures, computed at the hub (src/core/hub/hub-report.c). */
		struct hub *h = NULL;

		r = hub_connect(hub_url, 1, &h);
		if (r != HUB_OK)
			return hub_exit_code(r);
		r = hub_report_load(h, from, to, station, &rep);
		hub_close(h);
		if (r != HUB_OK) {
			report_release(&rep);
			return hub_exit_code(r);
		}
	} else {
		r = store_report_load(jd->store, from, to, station, &rep);
		if (r != STORE_OK) {
			report_release(&rep);
			return store_exit_code(r);
		}
	}
	/* Written as it is laid out: a long period's text is never held whole. */
	if (outfile_open(&out, path, 0) < 0) {
		report_release(&rep);
		return EXIT_IO;
	}
	r = report_write(&rep, format, path ? 80 : out_width(), out.f);
	report_release(&rep);
	if (r < 0) {
		error_errno(_("cannot write '%s'"), path ? path : "-");
		outfile_abort(&out);
		return EXIT_IO;
	}
	return outfile_commit(&out) < 0 ? EXIT_IO : 0;
}
