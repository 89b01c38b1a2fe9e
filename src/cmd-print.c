/*
 * cmd-print.c — `jiedai print NUMBER [--to DEST] …`: print a ticket's
 * receipt on the station's printer (or another), and record the print;
 * `jiedai print --test` prints a test page.
 *
 * Terminal printing from the command line always sends CSI 5 i / CSI 4 i
 * itself (the same as terminfo's mc5/mc4 wherever they exist), to standard
 * output when it is the terminal, else to /dev/tty.
 */
#include "cmd.h"

#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "i18n.h"
#include "printjob.h"
#include "textout.h"

/* The terminal to print through, or -1; *opened says whether to close it. */
static int terminal_fd(int *opened)
{
	int fd;

	*opened = 0;
	if (isatty(STDOUT_FILENO))
		return STDOUT_FILENO;
	fd = open("/dev/tty", O_WRONLY | O_NOCTTY | O_CLOEXEC);
	if (fd >= 0)
		*opened = 1;
	return fd;
}

static int print_test(struct jd *jd, const struct print_request *rq)
{
	struct print_job job;
	int r = print_job_test(jd->store, rq, &job), fd = -1, opened = 0;

	if (r != PRINT_OK)
		return print_exit_code(r);
	if (job.dest.kind == PRINTER_TERMINAL)
		fd = terminal_fd(&opened);
	if (print_job_send(&job, fd) < 0) {
		r = PRINT_FAILED;
	} else {
		fflush(stdout);
		textout_printf(stdout, _("The test page went to %s.\n"), job.dest.spec);
		if (job.dest.kind == PRINTER_TERMINAL)
			printf(_("If it did not come out of the printer but odd characters appeared on the screen, the terminal has no printer set: in PuTTY, choose the printer under Terminal > Printer (\"Printer to send ANSI printer output to\").\n"));
	}
	if (opened)
		close(fd);
	print_job_release(&job);
	return print_exit_code(r);
}

int cmd_print(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "to", required_argument, NULL, 't' },
		{ "profile", required_argument, NULL, 'p' },
		{ "stub", no_argument, NULL, 's' },
		{ "no-stub", no_argument, NULL, 'S' },
		{ "qr", required_argument, NULL, 'q' },
		{ "format", required_argument, NULL, 'f' },
		{ "cut", no_argument, NULL, 'c' },
		{ "no-cut", no_argument, NULL, 'C' },
		{ "test", no_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct print_request rq = PRINT_REQUEST_INIT;
	struct print_job job;
	int64_t id;
	int c, r, test = 0, fd = -1, opened = 0, unwritten = 0;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 't': rq.dest = optarg; break;
		case 'p': case 's': case 'S': case 'q': case 'c': case 'C':
			if ((r = cmd_print_option(jd, c, optarg, &rq)) != 0)
				return r;
			break;
		case 'f':
			if (strcmp(optarg, "escpos") && strcmp(optarg, "text"))
				return cmd_usage_error(jd->cmd, _("a printer takes escpos or text"));
			rq.text = !strcmp(optarg, "text");
			break;
		case 'T': test = 1; break;
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (test) {
		if (optind != argc)
			return cmd_usage_error(jd->cmd, _("a test page is for no ticket: leave out the number"));
		return print_test(jd, &rq);
	}
	if (optind + 1 != argc)
		return cmd_usage_error(jd->cmd, _("say which ticket: jiedai print NUMBER"));

	{
		struct ticket t;

		if ((r = cmd_find_ticket(jd, argv[optind], &t)) != 0)
			return r;
		id = t.id;
		ticket_release(&t);
	}
	rq.calendar = jd_calendar(jd);
	r = print_job_ticket(jd->store, id, &rq, &job);
	if (r != PRINT_OK)
		return print_exit_code(r);
	if (job.dest.kind == PRINTER_TERMINAL)
		fd = terminal_fd(&opened);
	if (print_job_send(&job, fd) < 0) {
		error(_("nothing was recorded for %s; print again with 'jiedai print %s' when the printer is ready"),
		      job.number, job.number);
		r = PRINT_FAILED;
	} else {
		r = print_job_record(jd->store, &job, &jd->me);
		fflush(stdout);
		if (job.reprint)
			textout_printf(stdout, _("Reprinted (补打) the receipt of %s on %s.\n"), job.number, job.dest.spec);
		else
			textout_printf(stdout, _("Printed the receipt of %s on %s.\n"), job.number, job.dest.spec);
		if (r == PRINT_OK)
			unwritten = cmd_output_saved(_("the receipt of %s was printed and recorded, but this could not be written out; printing it again makes a reprint (补打)"),
						     job.number);
	}
	if (opened)
		close(fd);
	print_job_release(&job);
	return unwritten ? unwritten : print_exit_code(r);
}
