/*
 * receipt.h — what a ticket receipt (回执) says, laid out for a width, and
 * the QR code that lets the voter follow the item up.  No curses, no
 * printer: the screen, the text printer and the ESC/POS backend are thin
 * consumers of the lines and the module matrix made here.
 *
 * The QR payload is ASCII only (USB scanners in keyboard mode cannot type
 * Chinese) and short enough for QR version 3 at level M, so the code fits an
 * 80x24 screen.  The default payload is
 *
 *	JD:<ledger number>:<check code>		e.g. JD:LJ-2026-0153:K7MPX
 *
 * or, when the station sets qr_url, that template with {number} and {check}
 * filled in.  receipt_parse_payload() reads both back.
 */
#ifndef JIEDAI_RECEIPT_H
#define JIEDAI_RECEIPT_H

#include <stddef.h>

struct calendar;
struct ticket;

#define PAYLOAD_PREFIX "JD:"
#define QR_MAX_VERSION 3

enum receipt_style {
	RS_NORMAL = 0,
	RS_CENTER = 1,		/* centred */
	RS_BIG = 2,		/* double size on printers that can */
	RS_BOLD = 4,
	RS_RULE = 8,		/* a separator line (text is empty) */
	RS_QR = 16,		/* the QR code goes here (text is empty) */
	RS_CUT = 32,		/* the stub is parted from the voter's part here: a partial
				   cut on a printer that cuts, a dashed tear line otherwise
				   (text is empty) */
};

struct receipt_line {
	char *text;		/* UTF-8, fits the width (at its style) */
	int style;
};

struct receipt {
	struct receipt_line *lines;
	size_t n;
	char *payload;		/* what the QR code holds */
	unsigned char *qr;	/* width*width modules, 1 = dark */
	int qr_width;
	int qr_version;
};

struct receipt_info {
	const char *station_name, *station_phone;
	const char *url_template;	/* qr_url setting, or "" */
	int answer_days;		/* promised answer within this many days */
	int stub;			/* add the station's stub part (存根联) */
	int reprint;			/* this is a reprint (补打) */
	/*
	 * Columns of a character where the receipt is shown: NULL for the
	 * terminal's (wcwidth); gb_cp_columns for a Chinese receipt printer,
	 * which prints “ ” … · full-width.
	 */
	int (*cp_width)(long cp);
	/*
	 * How answer_days count (workdays.h): the holiday calendar (NULL: none
	 * could be read, weekends only) and the deadline_unit setting (1 for
	 * working days).  The promised date is never before a working day.
	 */
	const struct calendar *calendar;
	int workdays;
	int corrected;			/* the ticket was corrected (更正) after it was saved */
	/* A paper record entered afterwards (补录): when ("YYYY-MM-DD HH:MM:SS"), or NULL. */
	const char *backfilled_at;
};

/*
 * Lay out the receipt of t for a width of cols columns (a 58 mm printer has
 * 32, an 80 mm one 48; the screen uses what it has).  Returns 0, or -1 when
 * the QR code cannot be made (the payload is too long) with a message.
 */
int receipt_build(struct receipt *r, const struct ticket *t, const struct receipt_info *info, int cols);
void receipt_release(struct receipt *r);

/* The payload for a ticket (caller frees). */
char *receipt_payload(const char *number, const char *check, const char *url_template);
/*
 * Read a payload back: the JD: form, or the station's URL template.  Text
 * typed by a scanner may carry full-width characters or trailing blanks.
 * Returns 0 with *number and *check set (caller frees), or -1.
 */
int receipt_parse_payload(const char *text, const char *url_template, char **number, char **check);
/*
 * Encode a payload as QR level M.  Returns the module matrix (width*width
 * bytes, 1 = dark; caller frees) and its width and version, or NULL when it
 * needs more than QR_MAX_VERSION.
 */
unsigned char *receipt_qr(const char *payload, int *width, int *version);
/*
 * Draw the matrix with half blocks: rows of UTF-8 text, two modules per
 * character row, with a quiet zone of `quiet` modules.  Returns a
 * NULL-terminated array (free with u8_lines_free).  Dark modules are drawn as
 * the foreground, so show it dark on light.
 */
char **receipt_qr_halfblocks(const unsigned char *qr, int width, int quiet);

#endif
