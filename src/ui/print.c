/*
 * print.c — printing a receipt from the screen.
 *
 * The job is made from the ticket as committed (printjob.h), sent, and only
 * then recorded.  For the terminal destination (a printer beside the
 * deputy's own computer, over SSH) the screen is flushed first, the bytes go
 * through curses' mcprint() when terminfo has mc5/mc4 or through our own
 * CSI 5 i … CSI 4 i otherwise, and everything is redrawn afterwards: a
 * terminal with no printer set shows the bytes instead.
 */
#include "ui.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "i18n.h"
#include "jd.h"
#include "outfile.h"
#include "paper.h"
#include "printjob.h"
#include "strbuf.h"
#include "store.h"

/* Last: term.h defines macros (lines, columns …) that clash with ordinary names. */
#include <term.h>

/* 1 when terminfo describes media copy for this terminal. */
static int has_mc(void)
{
	char *on = tigetstr("mc5"), *off = tigetstr("mc4");

	return on && on != (char *)-1 && off && off != (char *)-1;
}

static int send_to_terminal(struct ui *ui, struct print_job *job)
{
	char *setting = store_setting(ui_jd(ui)->store, "print_terminal");
	int use = print_terminal_use_mcprint(setting, has_mc()), ok = 0;
	struct printer_tty tty;

	free(setting);
	refresh();
	if (use > 0) {
		if (printer_tty_rawout_begin(STDOUT_FILENO, &tty) == 0) {
			ok = mcprint(job->data.buf, (int)job->data.len) != ERR;
			printer_tty_rawout_end(&tty);
		}
		if (!ok)
			error(_("the terminal did not take the receipt for its printer"));
	} else if (use == 0) {
		ok = print_job_send(job, STDOUT_FILENO) == 0;
	}
	ui_repaint_all(ui);
	return ok;
}

int ui_print_paper(struct ui *ui, const struct paper *p)
{
	struct jd *jd = ui_jd(ui);
	struct print_request rq = PRINT_REQUEST_INIT;
	struct print_job job;
	int ok;

	error_clear();
	rq.calendar = jd_calendar(jd);
	if (print_job_paper(jd->store, p, &rq, &job) != PRINT_OK) {
		ui_error(ui, _("Not printed: %s"), error_last());
		return -1;
	}
	if (job.dest.kind == PRINTER_TERMINAL)
		ok = send_to_terminal(ui, &job);
	else
		ok = print_job_send(&job, -1) == 0;
	if (!ok)
		ui_error(ui, _("Not printed: %s"), error_last());
	print_job_release(&job);
	return ok ? 0 : -1;
}

int ui_save_paper(struct ui *ui, const struct paper *p, const char *name, char **path)
{
	struct outfile out;
	enum paper_format f = PAPER_TEXT;
	char *to;
	int r = 0;

	*path = NULL;
	to = ui_ask(ui, _("Save to a file"),
		    _("File name: .xlsx for a spreadsheet (A4), anything else for A4 text. Enter saves, Esc gives up."),
		    name);
	if (!to || !*to) {
		free(to);
		return -1;
	}
	if (paper_format_from_path(to, &f) < 0 || f == PAPER_ESCPOS)
		f = PAPER_TEXT;
	error_clear();
	if (outfile_open(&out, to, f == PAPER_XLSX ? OUTFILE_NAMED : 0) < 0) {
		ui_error(ui, _("Not saved: %s"), error_last());
		free(to);
		return -1;
	}
	r = paper_write(p, f, &out, C_("sheet", "Sheet"));
	if (r < 0) {
		outfile_abort(&out);
	} else {
		r = outfile_commit(&out);
	}
	if (r < 0) {
		ui_error(ui, _("Not saved: %s"), error_last());
		free(to);
		return -1;
	}
	*path = to;
	return 0;
}

void ui_print_ticket(struct ui *ui, int64_t id)
{
	struct jd *jd = ui_jd(ui);
	struct print_request rq = PRINT_REQUEST_INIT;
	struct print_job job;
	int ok;

	error_clear();
	rq.calendar = jd_calendar(jd);
	if (print_job_ticket(jd->store, id, &rq, &job) != PRINT_OK) {
		ui_error(ui, _("Not printed: %s"), error_last());
		return;
	}
	if (job.dest.kind == PRINTER_TERMINAL)
		ok = send_to_terminal(ui, &job);
	else
		ok = print_job_send(&job, -1) == 0;
	if (!ok) {
		ui_error(ui, _("Not printed (the ticket is saved; 4 prints again): %s"), error_last());
		print_job_release(&job);
		return;
	}
	if (print_job_record(jd->store, &job, &jd->me) != PRINT_OK)
		ui_error(ui, "%s", error_last());	/* printed, but not in its history */
	else if (job.unprintable && *job.unprintable)
		ui_message(ui, _("Printed. The printer has no glyph for %s: marked with a square on the paper."),
			   job.unprintable);
	else
		ui_message(ui, job.reprint ? _("The receipt was printed again (补打).") : _("The receipt was printed."));
	print_job_release(&job);
}
