/* sheet.c — see sheet.h. */
#include "sheet.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "error.h"
#include "i18n.h"
#include "outfile.h"
#include "paths.h"
#include "strbuf.h"
#include "xmalloc.h"

struct sheet {
	enum sheet_format fmt;
	const struct sheet_spec *spec;
	struct outfile *out;
	struct strbuf line;
	/* XLSX */
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *f_title, *f_sub, *f_head, *f_cell;
	uint32_t row;
	char *tmpdir;		/* where libxlsxwriter assembles: beside the output */
};

void csv_add_cell(struct strbuf *sb, const char *s)
{
	int quote = 0;

	if (!s)
		s = "";
	for (const char *p = s; *p; p++)
		if (*p == ',' || *p == '"' || *p == '\r' || *p == '\n')
			quote = 1;
	if (quote)
		strbuf_addch(sb, '"');
	/* A would-be formula becomes text. */
	if (*s && strchr("=+-@\t\r", *s))
		strbuf_addch(sb, '\'');
	for (const char *p = s; *p; p++) {
		if (*p == '"')
			strbuf_addch(sb, '"');
		strbuf_addch(sb, *p);
	}
	if (quote)
		strbuf_addch(sb, '"');
}

void csv_add_row(struct strbuf *sb, const char *const *cells, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_addch(sb, ',');
		csv_add_cell(sb, cells[i]);
	}
	strbuf_adds(sb, "\r\n");
}

static int csv_flush(struct sheet *sh)
{
	if (fwrite(sh->line.buf, 1, sh->line.len, sh->out->f) != sh->line.len)
		return error_errno(_("cannot write the table"));
	strbuf_reset(&sh->line);
	return 0;
}

/*
 * libxlsxwriter is loaded when an XLSX file is first written, not linked:
 * it pulls in libcrypto, which cost every start of jiedai (the screen
 * included) about 1.7 MB of memory and a few milliseconds to load, for a
 * monthly export.  The header still gives every function's type.
 */
#define XLSX_FUNCS(X) \
	X(lxw_strerror) X(workbook_new_opt) X(workbook_add_worksheet) X(workbook_add_format) \
	X(workbook_close) X(format_set_bold) X(format_set_font_size) X(format_set_align) \
	X(format_set_text_wrap) X(format_set_border) X(format_set_bg_color) \
	X(worksheet_set_column) X(worksheet_set_paper) X(worksheet_set_landscape) \
	X(worksheet_set_portrait) X(worksheet_set_margins) X(worksheet_fit_to_pages) \
	X(worksheet_center_horizontally) X(worksheet_set_footer) X(worksheet_set_row) \
	X(worksheet_merge_range) X(worksheet_write_string) X(worksheet_write_blank) \
	X(worksheet_repeat_rows) X(worksheet_freeze_panes)

#define XLSX_POINTER(f) static __typeof__(f) *p_##f;
XLSX_FUNCS(XLSX_POINTER)

/* Load the library once; 0, or -1 with a message naming the package. */
static int xlsx_load(void)
{
	static int loaded;
	void *h;

	if (loaded)
		return loaded > 0 ? 0 : -1;
	loaded = -1;
	h = dlopen("libxlsxwriter.so.4", RTLD_NOW | RTLD_LOCAL);
	if (!h)
		h = dlopen("libxlsxwriter.so", RTLD_NOW | RTLD_LOCAL);
	if (!h)
		return error(_("writing XLSX files needs the library libxlsxwriter (Debian package libxlsxwriter4): %s"),
			     dlerror());
#define XLSX_RESOLVE(f) \
	if (!(*(void **)&p_##f = dlsym(h, #f))) \
		return error(_("the library libxlsxwriter has no '%s'; install a newer one"), #f);
	XLSX_FUNCS(XLSX_RESOLVE)
	loaded = 1;
	return 0;
}

/* From here on the names call through the loaded pointers. */
#define lxw_strerror p_lxw_strerror
#define workbook_new_opt p_workbook_new_opt
#define workbook_add_worksheet p_workbook_add_worksheet
#define workbook_add_format p_workbook_add_format
#define workbook_close p_workbook_close
#define format_set_bold p_format_set_bold
#define format_set_font_size p_format_set_font_size
#define format_set_align p_format_set_align
#define format_set_text_wrap p_format_set_text_wrap
#define format_set_border p_format_set_border
#define format_set_bg_color p_format_set_bg_color
#define worksheet_set_column p_worksheet_set_column
#define worksheet_set_paper p_worksheet_set_paper
#define worksheet_set_landscape p_worksheet_set_landscape
#define worksheet_set_portrait p_worksheet_set_portrait
#define worksheet_set_margins p_worksheet_set_margins
#define worksheet_fit_to_pages p_worksheet_fit_to_pages
#define worksheet_center_horizontally p_worksheet_center_horizontally
#define worksheet_set_footer p_worksheet_set_footer
#define worksheet_set_row p_worksheet_set_row
#define worksheet_merge_range p_worksheet_merge_range
#define worksheet_write_string p_worksheet_write_string
#define worksheet_write_blank p_worksheet_write_blank
#define worksheet_repeat_rows p_worksheet_repeat_rows
#define worksheet_freeze_panes p_worksheet_freeze_panes

static int lxw_fail(lxw_error e, const char *what)
{
	return error(_("cannot write the XLSX file (%s): %s"), what, lxw_strerror(e));
}

/* A worksheet of spec in the open workbook: columns, page set-up, title rows and header. */
static int xlsx_worksheet(struct sheet *sh)
{
	const struct sheet_spec *sp = sh->spec;
	lxw_col_t last = (lxw_col_t)(sp->ncols ? sp->ncols - 1 : 0);
	char footer[64];
	lxw_error e;

	sh->ws = workbook_add_worksheet(sh->wb, sp->sheet_name);
	if (!sh->ws)
		return error(_("cannot write the XLSX file (%s)"), "sheet");
	for (size_t c = 0; c < sp->ncols; c++) {
		e = worksheet_set_column(sh->ws, (lxw_col_t)c, (lxw_col_t)c, sp->cols[c].width, NULL);
		if (e)
			return lxw_fail(e, "column");
	}
	/* Printing: A4, across or down, one page wide, titles on every page. */
	worksheet_set_paper(sh->ws, 9);
	if (sp->landscape)
		worksheet_set_landscape(sh->ws);
	else
		worksheet_set_portrait(sh->ws);
	worksheet_set_margins(sh->ws, 0.4, 0.4, 0.6, 0.6);
	worksheet_fit_to_pages(sh->ws, 1, 0);
	worksheet_center_horizontally(sh->ws);
	snprintf(footer, sizeof(footer), "&C&P / &N");
	worksheet_set_footer(sh->ws, footer);

	sh->row = 0;
	if (sp->title) {
		worksheet_set_row(sh->ws, sh->row, 24, NULL);
		e = last ? worksheet_merge_range(sh->ws, sh->row, 0, sh->row, last, sp->title, sh->f_title)
			 : worksheet_write_string(sh->ws, sh->row, 0, sp->title, sh->f_title);
		if (e)
			return lxw_fail(e, "title");
		sh->row++;
	}
	if (sp->subtitle) {
		e = last ? worksheet_merge_range(sh->ws, sh->row, 0, sh->row, last, sp->subtitle, sh->f_sub)
			 : worksheet_write_string(sh->ws, sh->row, 0, sp->subtitle, sh->f_sub);
		if (e)
			return lxw_fail(e, "subtitle");
		sh->row++;
	}
	for (size_t c = 0; c < sp->ncols; c++) {
		e = worksheet_write_string(sh->ws, sh->row, (lxw_col_t)c, sp->cols[c].title, sh->f_head);
		if (e)
			return lxw_fail(e, "header");
	}
	e = worksheet_repeat_rows(sh->ws, sh->row, sh->row);
	if (e)
		return lxw_fail(e, "repeat rows");
	worksheet_freeze_panes(sh->ws, sh->row + 1, 0);
	sh->row++;
	return 0;
}

static int xlsx_open(struct sheet *sh)
{
	const struct sheet_spec *sp = sh->spec;
	lxw_workbook_options opt = { .constant_memory = sp->large ? LXW_TRUE : LXW_FALSE,
				     .tmpdir = NULL, .use_zip64 = LXW_FALSE };

	if (xlsx_load() < 0)
		return -1;
	/*
	 * The library's own temporary files go beside the output, which the
	 * person can write, not into /tmp: a set-group-ID jiedai cannot be
	 * pointed elsewhere with TMPDIR, and some boxes keep /tmp closed or
	 * small.  The library removes each as soon as it is made.
	 */
	sh->tmpdir = paths_dirname(sh->out->tmp);
	opt.tmpdir = sh->tmpdir;
	sh->wb = workbook_new_opt(sh->out->tmp, &opt);
	if (!sh->wb)
		return error(_("cannot write the XLSX file '%s'"), sh->out->tmp);

	sh->f_title = workbook_add_format(sh->wb);
	format_set_bold(sh->f_title);
	format_set_font_size(sh->f_title, 14);
	format_set_align(sh->f_title, LXW_ALIGN_CENTER);
	format_set_align(sh->f_title, LXW_ALIGN_VERTICAL_CENTER);
	sh->f_sub = workbook_add_format(sh->wb);
	format_set_align(sh->f_sub, LXW_ALIGN_CENTER);
	sh->f_head = workbook_add_format(sh->wb);
	format_set_bold(sh->f_head);
	format_set_text_wrap(sh->f_head);
	format_set_border(sh->f_head, LXW_BORDER_THIN);
	format_set_bg_color(sh->f_head, 0xD9D9D9);
	format_set_align(sh->f_head, LXW_ALIGN_CENTER);
	format_set_align(sh->f_head, LXW_ALIGN_VERTICAL_CENTER);
	sh->f_cell = workbook_add_format(sh->wb);
	format_set_text_wrap(sh->f_cell);
	format_set_border(sh->f_cell, LXW_BORDER_THIN);
	format_set_align(sh->f_cell, LXW_ALIGN_VERTICAL_TOP);
	return xlsx_worksheet(sh);
}

struct sheet *sheet_open(enum sheet_format fmt, struct outfile *out, const struct sheet_spec *spec)
{
	struct sheet *sh = xcalloc(1, sizeof(*sh));
	const char **titles;
	int r;

	sh->fmt = fmt;
	sh->spec = spec;
	sh->out = out;
	strbuf_init(&sh->line);
	if (fmt == SHEET_CSV) {
		titles = xcalloc(spec->ncols ? spec->ncols : 1, sizeof(*titles));
		for (size_t c = 0; c < spec->ncols; c++)
			titles[c] = spec->cols[c].title;
		strbuf_adds(&sh->line, CSV_BOM);
		csv_add_row(&sh->line, titles, spec->ncols);
		free(titles);
		r = csv_flush(sh);
	} else {
		r = xlsx_open(sh);
	}
	if (r < 0) {
		sheet_abort(sh);
		return NULL;
	}
	return sh;
}

int sheet_row(struct sheet *sh, const char *const *cells)
{
	if (sh->fmt == SHEET_CSV) {
		csv_add_row(&sh->line, cells, sh->spec->ncols);
		return csv_flush(sh);
	}
	if (sh->row >= SHEET_XLSX_MAX_ROWS)
		return error(_("an XLSX sheet holds at most %d rows; export a shorter period, or use CSV"),
			     SHEET_XLSX_MAX_ROWS);
	for (size_t c = 0; c < sh->spec->ncols; c++) {
		const char *v = cells[c] ? cells[c] : "";
		lxw_error e = *v ? worksheet_write_string(sh->ws, sh->row, (lxw_col_t)c, v, sh->f_cell)
				 : worksheet_write_blank(sh->ws, sh->row, (lxw_col_t)c, sh->f_cell);

		if (e)
			return lxw_fail(e, "cell");
	}
	sh->row++;
	return 0;
}

int sheet_next(struct sheet *sh, const struct sheet_spec *spec)
{
	if (sh->fmt != SHEET_XLSX)
		BUG("a second sheet in a CSV file");
	if (spec->large)
		BUG("a second sheet in constant-memory mode");
	sh->spec = spec;
	return xlsx_worksheet(sh);
}

int sheet_close(struct sheet *sh)
{
	int r = 0;

	if (sh->fmt == SHEET_XLSX && sh->wb) {
		lxw_error e = workbook_close(sh->wb);

		sh->wb = NULL;
		if (e)
			r = lxw_fail(e, "close");
	}
	strbuf_release(&sh->line);
	free(sh->tmpdir);
	free(sh);
	return r;
}

void sheet_abort(struct sheet *sh)
{
	if (!sh)
		return;
	/* libxlsxwriter has no "discard": closing writes the file, which the outfile then removes. */
	if (sh->wb)
		workbook_close(sh->wb);
	strbuf_release(&sh->line);
	free(sh->tmpdir);
	free(sh);
}
