/*
 * paper.h — a sheet of paper a station hands over or files: a title, a few
 * lines about it, a table, and lines at its foot (counts, a check code,
 * signature lines).  The chase slip (督办单, chase.h) and the day's list
 * (当日接待登记表, daysheet.h) are papers.
 *
 * One paper, three layouts, so the receipt printer, an A4 printout and a
 * spreadsheet always say the same:
 *  - A4 text (paper_text): the title centred, the table in columns (the
 *    widest column takes the room that is left and wraps), lines of at most
 *    `width` columns;
 *  - the receipt printer (paper_receipt): a narrow strip cannot hold the
 *    table, so each row is printed as its block (a few short lines the
 *    builder writes), between rules, wrapped to the printer's columns;
 *  - XLSX (paper_sheet, sheet.h): laid out for A4 with the title and the
 *    head lines as the title rows, then the table, then the foot lines in
 *    the first column.
 * No curses and no SQL: builders fill a paper from what the store read.
 */
#ifndef JIEDAI_PAPER_H
#define JIEDAI_PAPER_H

#include <stddef.h>

#include "sheet.h"

struct outfile;
struct receipt;
struct strbuf;

struct paper_row {
	char **cells;		/* ncols cells */
	char *block;		/* the row on a receipt: short lines joined by '\n' */
};

struct paper {
	char *title;
	char **head, **foot;	/* NULL-terminated lines */
	const struct sheet_column *cols;	/* lent, static */
	size_t ncols;
	size_t wide;		/* the column that takes the rest of the width (the issue) */
	struct paper_row *rows;
	size_t nrows;
	char *empty;		/* said instead of the table when it has no rows */
	int portrait;		/* XLSX: printed down the page (a form), not across (a table) */
};

void paper_init(struct paper *p, const char *title, const struct sheet_column *cols, size_t ncols,
		size_t wide);
void paper_release(struct paper *p);
void paper_head(struct paper *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void paper_foot(struct paper *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A row: ncols cells (copied; NULL is empty) and its receipt block (copied). */
void paper_row(struct paper *p, const char *const *cells, const char *block);

/* A4 text, lines of at most width columns (80 for a file), cleaned. */
void paper_text(const struct paper *p, int width, struct strbuf *sb);
/*
 * The paper as receipt lines for a printer of cols columns, measured with
 * cp_width (gb_cp_columns for a receipt printer, NULL: wcwidth).  Ends
 * with a cut.  Release r with receipt_release().
 */
void paper_receipt(const struct paper *p, int cols, int (*cp_width)(long cp), struct receipt *r);
/* The paper as an XLSX sheet on out (opened with OUTFILE_NAMED); 0, or -1 with a message. */
int paper_sheet(const struct paper *p, struct outfile *out, const char *sheet_name);
/*
 * n papers as the n sheets of one XLSX workbook (names[i] for p[i]: see
 * sheet_next() for what a name may be), each printing on pages of its own.
 * 0, or -1 with a message.
 */
int paper_sheets(const struct paper *const *p, size_t n, struct outfile *out, const char *const *names);

/* Formats a paper is written in by the command line. */
enum paper_format { PAPER_TEXT, PAPER_ESCPOS, PAPER_XLSX };
/*
 * The paper as a file on out: A4 text (80 columns) or XLSX (out opened with
 * OUTFILE_NAMED; sheet_name).  The receipt printer's format is made by
 * printjob.h, not here.  0, or -1 with a message; out is left to commit.
 */
int paper_write(const struct paper *p, enum paper_format f, struct outfile *out, const char *sheet_name);
/* "text", "escpos", "xlsx" (and "txt", "bin"): 0, or -1. */
int paper_format_parse(const char *s, enum paper_format *f);
/* The format a file name's extension asks for (.txt .bin .xlsx): 0, or -1. */
int paper_format_from_path(const char *path, enum paper_format *f);

#endif
