/*
 * printjob.h — printing a ticket's receipt: the station's print settings,
 * the receipt rendered for the destination, the bytes sent, and the print
 * recorded in the ticket's history.
 *
 * What must stay true:
 *  - only a committed ticket is printed: the job reads the ticket back from
 *    the store by its id, so a receipt never shows a number that a power
 *    cut could take back;
 *  - what a receipt says is gathered in one place, print_receipt_build():
 *    the screen's preview, the paper (ESC/POS or text) and the files (text,
 *    ESC/POS, PNG, PBM) differ only in how it is laid out, never in what it
 *    says;
 *  - printing never changes the ticket.  A successful print appends one
 *    event, "print" the first time and "reprint" after that; a reprint says
 *    补打 on the paper.  A failed print records nothing, and the caller may
 *    simply try again;
 *  - a void ticket gets no receipt (the voter must not hold a receipt for an
 *    item that is not on the ledger any more);
 *  - characters the printer cannot print come out as □ or ? (see
 *    gb18030.h) and a warning names them; they are never sent as garbage.
 *
 * Writing a receipt to a file (print_render, `jiedai receipt`) is not a print
 * and records nothing; its 补打 line follows the ticket's print history, so
 * paper made from the file later is marked the way a reprint would be.
 *
 * What a person typed or scanned is resolved to a ticket once, where it
 * comes in (lookup_ticket()); from there on the ticket goes by its id.
 * The screen prints like this (CLI: print_ticket() does all of it):
 *
 *	struct print_request rq = PRINT_REQUEST_INIT;
 *	struct print_job job;
 *
 *	if (print_job_ticket(store, id, &rq, &job) != PRINT_OK)
 *		show error_last(); stop;
 *	if (job.dest.kind == PRINTER_TERMINAL) {
 *		refresh the screen first (doupdate), then
 *		use = print_terminal_use_mcprint(setting print_terminal,
 *						 tigetstr("mc5") and tigetstr("mc4") are strings);
 *		if (use < 0)
 *			ok = 0;		(error_last() says what to set)
 *		else if (use) {
 *			printer_tty_rawout_begin(fd, &tty);
 *			ok = mcprint(job.data.buf, (int)job.data.len) != ERR;
 *			printer_tty_rawout_end(&tty);
 *		} else
 *			ok = print_job_send(&job, fd) == 0;	(fd: the terminal, e.g. STDOUT_FILENO)
 *		then redraw everything (a terminal without a printer shows the bytes)
 *	} else {
 *		ok = print_job_send(&job, -1) == 0;	(says what failed: offer to try again)
 *	}
 *	if (ok) print_job_record(store, &job, &who);
 *	print_job_release(&job);
 */
#ifndef JIEDAI_PRINTJOB_H
#define JIEDAI_PRINTJOB_H

#include <stdint.h>

#include "printer.h"
#include "strbuf.h"

struct actor;
struct calendar;
struct escpos_profile;
struct receipt;
struct store;
struct ticket;

enum print_result {
	PRINT_OK = 0,
	PRINT_REFUSED = 1,	/* no such ticket, a void one, a bad destination or profile */
	PRINT_FAILED = 2,	/* the printer failed: nothing was recorded, try again */
	PRINT_IO = 3,		/* the ledger could not be read or written */
};

/* Exit code for a result: 0, 1 (refused or the printer failed) or 3. */
int print_exit_code(enum print_result r);

enum print_format {
	PRINT_TEXT,		/* plain UTF-8 text */
	PRINT_ESCPOS,		/* ESC/POS bytes for a thermal printer (.bin) */
	PRINT_PBM,		/* the QR code alone, as a PBM image */
	PRINT_PNG,		/* the QR code alone, as a PNG image */
};
/* "text", "escpos", "pbm", "png": 0, or -1. */
int print_format_parse(const char *s, enum print_format *f);
/* The format a file name asks for by its extension (.txt .bin .pbm .png): 0, or -1. */
int print_format_from_path(const char *path, enum print_format *f);
/* 1 for formats that are not text (escpos, pbm, png). */
int print_format_binary(enum print_format f);

/* What to print and how; anything left unset comes from the station's settings. */
struct print_request {
	const char *dest;	/* NULL: print_dest */
	const char *profile;	/* "58mm"/"80mm", NULL: print_profile */
	int stub;		/* add the stub part (存根联); -1: receipt_stub */
	int qr_native;		/* GS ( k instead of a raster image; -1: print_qr */
	int cut;		/* -1: print_cut */
	int text;		/* plain text instead of ESC/POS; -1: print_format */
	/* The holiday calendar the promised answer date is counted with (NULL: weekends only). */
	const struct calendar *calendar;
};
#define PRINT_REQUEST_INIT { NULL, NULL, -1, -1, -1, -1, NULL }

struct print_job {
	struct printer_dest dest;
	const struct escpos_profile *profile;
	struct strbuf data;	/* the bytes to send */
	int64_t ticket_id;	/* 0 for the test page */
	char *number;		/* the ticket's ledger number, or NULL */
	int reprint;		/* 补打 on the paper; recorded as "reprint" */
	char *unprintable;	/* characters printed as markers ("" when none) */
};

/* How a receipt is laid out: what differs between the preview, the paper and the files. */
struct receipt_layout {
	int cols;		/* columns of the paper, or of the preview */
	int printer;		/* 1: the character widths of a Chinese receipt printer; 0: a terminal's */
	int stub;		/* with the station's stub part (存根联) */
	int reprint;		/* marked 补打; -1: when the ticket's receipt was printed before */
	const struct calendar *calendar;	/* the promised answer date counts with it (NULL: weekends only) */
};

/*
 * The receipt of ticket t (read from the store), laid out as lo says: its
 * lines and QR code, with what the ledger says about it gathered here and
 * nowhere else — the station's name, phone and qr_url, the promised answer
 * date (answer_days, deadline_unit), whether t was corrected (更正) or
 * entered afterwards (补录), and printed before.  Returns PRINT_OK with
 * *out filled (receipt_release() it); PRINT_REFUSED when the QR code cannot
 * be made (qr_url too long) or PRINT_IO when the ledger could not be read,
 * with a message, and *out empty.
 */
int print_receipt_build(struct store *s, const struct ticket *t, const struct receipt_layout *lo,
			struct receipt *out);

/*
 * Make the job for the ticket with this id (read back from the store): the
 * destination parsed, the receipt rendered for it.  For
 * a terminal the bytes are checked (and the QR image moved if need be) so
 * that nothing in them ends terminal printing early.  Returns PRINT_OK with
 * *job filled (release it), or another result with a message.
 */
int print_job_ticket(struct store *s, int64_t id, const struct print_request *rq, struct print_job *job);
/*
 * The test page: the station's name, Chinese and ASCII text, a column ruler
 * for the profile and a QR code, so a station can check a printer or
 * terminal pass-through before reception day.  No ticket, nothing recorded.
 */
int print_job_test(struct store *s, const struct print_request *rq, struct print_job *job);
/*
 * Send the job's bytes.  For a terminal destination they go through tty_fd
 * (the terminal, with the media-copy framing); other destinations ignore
 * tty_fd.  Returns 0, or -1 with a message saying what failed.
 */
int print_job_send(struct print_job *job, int tty_fd);
/*
 * Record a successful print in the ticket's history ("print" or "reprint",
 * with the destination and profile).  Nothing for the test page.
 */
struct identity;
int print_job_record(struct store *s, const struct print_job *job, const struct identity *who);
void print_job_release(struct print_job *job);

/*
 * A paper (paper.h: a chase slip, the day's list) for the receipt printer:
 * laid out for the profile's columns, rendered as the destination wants
 * (ESC/POS, or text with print_format text).  No ticket: print_job_record()
 * records nothing for it; the caller records what the paper is for.
 */
struct paper;
int print_job_paper(struct store *s, const struct paper *p, const struct print_request *rq,
		    struct print_job *job);
/* The paper's ESC/POS bytes for the profile, appended to out (a file, not a print). */
int print_render_paper(struct store *s, const struct paper *p, const struct print_request *rq,
		       struct strbuf *out);

/* Prepare, send and record in one go (tty_fd as for print_job_send). */
int print_ticket(struct store *s, int64_t id, const struct print_request *rq, const struct identity *who,
		 int tty_fd);

/*
 * For a terminal destination: 1 to use the terminal's own mc5/mc4 (curses
 * mcprint()), 0 to send CSI 5 i / CSI 4 i ourselves, by the print_terminal
 * setting ("auto", "raw", "mcprint") and whether terminfo has mc5 and mc4.
 * -1 with a message when the setting asks for mcprint and terminfo lacks it.
 */
int print_terminal_use_mcprint(const char *setting, int terminfo_has_mc);

/*
 * The receipt of the ticket with this id in format fmt, appended to out
 * (text and escpos for the profile; pbm and png: the QR code alone, 8 pixels
 * per module with a 4-module quiet zone).  Records nothing.
 */
int print_render(struct store *s, int64_t id, const struct print_request *rq, enum print_format fmt,
		 struct strbuf *out);

#endif
