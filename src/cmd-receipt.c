/*
 * cmd-receipt.c — `jiedai receipt NUMBER [--format F] [-o FILE]`: a ticket's
 * receipt as text, ESC/POS bytes, or its QR code as a PBM or PNG image, to
 * standard output or a file.  This is not a print: nothing is recorded.
 * Without --format the file's extension decides (.txt .bin .pbm .png), else
 * text.  Binary output is never written to a terminal.
 */
#include "cmd.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "i18n.h"
#include "outfile.h"
#include "printjob.h"
#include "strbuf.h"

/*
 * Write the receipt through an outfile: a file is replaced only when complete
 * and is private (0600) whatever the umask, since a receipt with its stub
 * names the voter; a device (/dev/usb/lp0) is written in place.
 */
static int write_out(const char *path, const struct strbuf *sb)
{
	struct outfile out;

	if (outfile_open(&out, path, OUTFILE_PRIVATE) < 0)
		return -1;
	if (fwrite(sb->buf, 1, sb->len, out.f) != sb->len) {
		if (path)
			error_errno(_("cannot write '%s'"), path);
		else
			error_errno(_("cannot write to standard output"));
		outfile_abort(&out);
		return -1;
	}
	return outfile_commit(&out);
}

int cmd_receipt(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "profile", required_argument, NULL, 'p' },
		{ "stub", no_argument, NULL, 's' },
		{ "no-stub", no_argument, NULL, 'S' },
		{ "qr", required_argument, NULL, 'q' },
		{ "no-cut", no_argument, NULL, 'C' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct print_request rq = PRINT_REQUEST_INIT;
	struct strbuf out = STRBUF_INIT;
	enum print_format fmt = PRINT_TEXT;
	const char *path = NULL;
	int64_t id;
	int c, r, have_fmt = 0;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (print_format_parse(optarg, &fmt) < 0)
				return cmd_usage_error(jd->cmd, _("the format is text, escpos, pbm or png"));
			have_fmt = 1;
			break;
		case 'p': case 's': case 'S': case 'q': case 'C':
			if ((r = cmd_print_option(jd, c, optarg, &rq)) != 0)
				return r;
			break;
		case 'o': path = optarg; break;
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind + 1 != argc)
		return cmd_usage_error(jd->cmd, _("say which ticket: jiedai receipt NUMBER"));
	if (path && !strcmp(path, "-"))
		path = NULL;
	if (!have_fmt && path && print_format_from_path(path, &fmt) < 0)
		fmt = PRINT_TEXT;
	if (!path && print_format_binary(fmt) && isatty(STDOUT_FILENO)) {
		error(_("this format is binary and would garble the terminal; write it to a file with -o FILE"));
		return EXIT_REFUSED;
	}
	{
		struct ticket t;

		if ((r = cmd_find_ticket(jd, argv[optind], &t)) != 0)
			return r;
		id = t.id;
		ticket_release(&t);
	}
	rq.calendar = jd_calendar(jd);
	r = print_render(jd->store, id, &rq, fmt, &out);
	if (r == PRINT_OK && write_out(path, &out) < 0)
		r = PRINT_IO;
	strbuf_release(&out);
	return print_exit_code(r);
}
