/*
 * sheet.h — tables for spreadsheets: CSV and XLSX, written row by row.
 *
 * CSV is what WPS and Excel open without asking: UTF-8 with a byte-order
 * mark (without it both take Chinese for the ANSI code page), CRLF line
 * ends, and RFC 4180 quoting (a cell with a comma, a double quote, CR or LF
 * is put in double quotes, a double quote inside is doubled).  A cell that
 * begins with = + - @ (or a tab or CR) would be taken for a formula by a
 * spreadsheet ("CSV injection"): it gets a leading apostrophe ('), which
 * spreadsheets show as text.  The apostrophe stays visible in the cell; the
 * data are otherwise unchanged.
 *
 * XLSX (libxlsxwriter) is laid out for printing on A4: a title row and a
 * subtitle row across the table, the header row repeated at the top of every
 * printed page, column widths, wrapped text, thin borders, one page wide,
 * page numbers in the footer.  Every cell is written as text, never as a
 * formula, so nothing needs neutralising there; strings go to the shared
 * string table, except for very large tables (spec->large), which use
 * libxlsxwriter's constant-memory mode (inline strings) so a whole ledger
 * does not have to fit in memory.
 */
#ifndef JIEDAI_SHEET_H
#define JIEDAI_SHEET_H

#include <stddef.h>

struct outfile;
struct strbuf;

enum sheet_format { SHEET_CSV, SHEET_XLSX };

struct sheet_column {
	const char *title;
	double width;		/* XLSX column width in characters (a Chinese character is 2) */
};

struct sheet_spec {
	const char *title;		/* XLSX first row; not in CSV */
	const char *subtitle;		/* XLSX second row (period, version), or NULL */
	const char *sheet_name;		/* XLSX tab name */
	const struct sheet_column *cols;
	size_t ncols;
	int landscape;			/* XLSX: print across the page */
	int large;			/* XLSX: many rows, use constant memory */
};

/* XLSX holds at most this many rows. */
#define SHEET_XLSX_MAX_ROWS 1048576

struct sheet;

/*
 * Start a table on out (opened with OUTFILE_NAMED for XLSX).  The spec and
 * its strings must stay valid until sheet_close().  Writes the header row.
 * Returns NULL after a message.
 */
struct sheet *sheet_open(enum sheet_format fmt, struct outfile *out, const struct sheet_spec *spec);
/* One row of spec->ncols cells (NULL cells are empty).  0, or -1 with a message. */
int sheet_row(struct sheet *sh, const char *const *cells);
/*
 * XLSX only: end the current sheet and start another in the same workbook
 * with spec (kept until sheet_close(), as the first; not spec->large), its
 * header row written.  A sheet's name must be new to the workbook, at most
 * 31 characters, without : \ / ? * [ ].  0, or -1 with a message.
 */
int sheet_next(struct sheet *sh, const struct sheet_spec *spec);
/* Finish the file (not the outfile: commit that after).  0, or -1 with a message.  Frees sh. */
int sheet_close(struct sheet *sh);
/* Free without finishing (after an error). */
void sheet_abort(struct sheet *sh);

/* The UTF-8 byte-order mark that starts a CSV file. */
#define CSV_BOM "\xEF\xBB\xBF"
/* Append one CSV cell: neutralised and quoted as described above (no separator). */
void csv_add_cell(struct strbuf *sb, const char *s);
/* Append a whole CSV row of n cells with its CRLF. */
void csv_add_row(struct strbuf *sb, const char *const *cells, size_t n);

#endif
