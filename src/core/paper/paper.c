/* paper.c — see paper.h. */
#include "paper.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "outfile.h"
#include "receipt.h"
#include "strbuf.h"
#include "u8.h"
#include "xmalloc.h"

void paper_init(struct paper *p, const char *title, const struct sheet_column *cols, size_t ncols,
		size_t wide)
{
	memset(p, 0, sizeof(*p));
	p->title = xstrdup(title);
	p->head = xcalloc(1, sizeof(*p->head));
	p->foot = xcalloc(1, sizeof(*p->foot));
	p->cols = cols;
	p->ncols = ncols;
	p->wide = wide < ncols ? wide : 0;
}

void paper_release(struct paper *p)
{
	if (!p)
		return;
	free(p->title);
	u8_lines_free(p->head);
	u8_lines_free(p->foot);
	for (size_t i = 0; i < p->nrows; i++) {
		for (size_t c = 0; c < p->ncols; c++)
			free(p->rows[i].cells[c]);
		free(p->rows[i].cells);
		free(p->rows[i].block);
	}
	free(p->rows);
	free(p->empty);
	memset(p, 0, sizeof(*p));
}

static void add_line(char ***lines, const char *fmt, va_list ap)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n = u8_lines_count(*lines);

	strbuf_vaddf(&sb, fmt, ap);
	*lines = xreallocarray(*lines, n + 2, sizeof(**lines));
	(*lines)[n] = strbuf_detach(&sb);
	(*lines)[n + 1] = NULL;
}

void paper_head(struct paper *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_line(&p->head, fmt, ap);
	va_end(ap);
}

void paper_foot(struct paper *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_line(&p->foot, fmt, ap);
	va_end(ap);
}

void paper_row(struct paper *p, const char *const *cells, const char *block)
{
	struct paper_row *r;

	p->rows = xreallocarray(p->rows, p->nrows + 1, sizeof(*p->rows));
	r = &p->rows[p->nrows++];
	r->cells = xcalloc(p->ncols ? p->ncols : 1, sizeof(*r->cells));
	for (size_t c = 0; c < p->ncols; c++)
		r->cells[c] = xstrdup(cells[c] ? cells[c] : "");
	r->block = xstrdup(block ? block : "");
}

/* Lines wrapped to cols (English at spaces), appended to sb, each ending in a newline. */
static void wrapped(struct strbuf *sb, const char *text, int cols)
{
	char **lines = u8_wrap_words(text, cols);

	for (size_t i = 0; lines[i]; i++)
		strbuf_addf(sb, "%s\n", lines[i]);
	if (!lines[0])
		strbuf_addch(sb, '\n');
	u8_lines_free(lines);
}

/* Column widths for the text table: natural widths, the wide column takes the rest. */
static void text_widths(const struct paper *p, int width, int *w)
{
	int used = 0;

	for (size_t c = 0; c < p->ncols; c++) {
		w[c] = u8_width(p->cols[c].title);
		for (size_t i = 0; i < p->nrows; i++) {
			int cw = u8_width(p->rows[i].cells[c]);

			if (cw > w[c])
				w[c] = cw;
		}
		if (c != p->wide && w[c] > 20)
			w[c] = 20;
		if (c != p->wide)
			used += w[c];
	}
	used += 2 * (int)(p->ncols ? p->ncols - 1 : 0);
	if (width - used >= 10 && w[p->wide] > width - used)
		w[p->wide] = width - used;
	else if (width - used < 10)
		w[p->wide] = 10;
}

/* One row of the text table; cells wrap within their columns. */
static void text_row(struct strbuf *sb, const struct paper *p, char *const *cells, const int *w)
{
	char ***lines = xcalloc(p->ncols ? p->ncols : 1, sizeof(*lines));
	size_t rows = 1;

	for (size_t c = 0; c < p->ncols; c++) {
		lines[c] = u8_wrap(cells[c], w[c]);
		if (u8_lines_count(lines[c]) > rows)
			rows = u8_lines_count(lines[c]);
	}
	for (size_t r = 0; r < rows; r++) {
		struct strbuf line = STRBUF_INIT;

		for (size_t c = 0; c < p->ncols; c++) {
			const char *cell = r < u8_lines_count(lines[c]) ? lines[c][r] : "";

			if (c)
				strbuf_adds(&line, "  ");
			u8_fit(&line, cell, w[c], 0);
		}
		strbuf_rtrim(&line);
		strbuf_addf(sb, "%s\n", line.buf);
		strbuf_release(&line);
	}
	for (size_t c = 0; c < p->ncols; c++)
		u8_lines_free(lines[c]);
	free(lines);
}

void paper_text(const struct paper *p, int width, struct strbuf *sb)
{
	int *w = xcalloc(p->ncols ? p->ncols : 1, sizeof(*w)), tw;
	char **heads = xcalloc(p->ncols + 1, sizeof(*heads));
	char *title = u8_sanitize(p->title, 0);

	if (width < 40)
		width = 40;
	tw = u8_width(title);
	strbuf_addf(sb, "%*s%s\n\n", tw < width ? (width - tw) / 2 : 0, "", title);
	free(title);
	for (size_t i = 0; p->head[i]; i++)
		wrapped(sb, p->head[i], width);
	strbuf_addch(sb, '\n');
	if (!p->nrows && p->empty) {
		wrapped(sb, p->empty, width);
	} else {
		int total = 0;

		text_widths(p, width, w);
		for (size_t c = 0; c < p->ncols; c++) {
			heads[c] = (char *)p->cols[c].title;
			total += w[c] + (c ? 2 : 0);
		}
		text_row(sb, p, heads, w);
		for (int i = 0; i < total && i < width; i++)
			strbuf_addch(sb, '-');
		strbuf_addch(sb, '\n');
		for (size_t i = 0; i < p->nrows; i++)
			text_row(sb, p, p->rows[i].cells, w);
	}
	if (p->foot[0])
		strbuf_addch(sb, '\n');
	for (size_t i = 0; p->foot[i]; i++)
		wrapped(sb, p->foot[i], width);
	free(heads);
	free(w);
}

static void add(struct receipt *r, int style, const char *text)
{
	r->lines = xreallocarray(r->lines, r->n + 1, sizeof(*r->lines));
	r->lines[r->n].text = xstrdup(text);
	r->lines[r->n].style = style;
	r->n++;
}

/* text, wrapped by the printer's columns (each of its own lines too). */
static void add_wrapped(struct receipt *r, int style, const char *text, int cols, int (*cp_width)(long))
{
	char **parts = u8_wrap_by(text, cols, cp_width ? cp_width : u8_cp_width);

	for (size_t i = 0; parts[i]; i++)
		add(r, style, parts[i]);
	u8_lines_free(parts);
}

void paper_receipt(const struct paper *p, int cols, int (*cp_width)(long cp), struct receipt *r)
{
	memset(r, 0, sizeof(*r));
	add_wrapped(r, RS_CENTER | RS_BIG, p->title, cols / 2 > 4 ? cols / 2 : cols, cp_width);
	for (size_t i = 0; p->head[i]; i++)
		add_wrapped(r, RS_NORMAL, p->head[i], cols, cp_width);
	add(r, RS_RULE, "");
	if (!p->nrows && p->empty)
		add_wrapped(r, RS_NORMAL, p->empty, cols, cp_width);
	for (size_t i = 0; i < p->nrows; i++) {
		if (i)
			add(r, RS_NORMAL, "");
		add_wrapped(r, RS_NORMAL, p->rows[i].block, cols, cp_width);
	}
	add(r, RS_RULE, "");
	for (size_t i = 0; p->foot[i]; i++)
		add_wrapped(r, RS_NORMAL, p->foot[i], cols, cp_width);
}

/* The spec of p's sheet: the title, the head lines joined as the subtitle (into sub). */
static void sheet_spec_of(const struct paper *p, const char *name, struct strbuf *sub, struct sheet_spec *spec)
{
	strbuf_reset(sub);
	for (size_t i = 0; p->head[i]; i++) {
		if (i)
			strbuf_adds(sub, "  ");
		strbuf_adds(sub, p->head[i]);
	}
	memset(spec, 0, sizeof(*spec));
	spec->title = p->title;
	spec->subtitle = sub->buf;
	spec->sheet_name = name;
	spec->cols = p->cols;
	spec->ncols = p->ncols;
	spec->landscape = !p->portrait;
}

/* The rows of p, then its foot lines in the first column. */
static int sheet_body(struct sheet *sh, const struct paper *p)
{
	const char **cells = xcalloc(p->ncols ? p->ncols : 1, sizeof(*cells));
	int r = 0;

	for (size_t i = 0; i < p->nrows && r == 0; i++)
		r = sheet_row(sh, (const char *const *)p->rows[i].cells);
	if (r == 0 && !p->nrows && p->empty) {
		cells[0] = p->empty;
		r = sheet_row(sh, cells);
	}
	for (size_t i = 0; p->foot[i] && r == 0; i++) {
		memset(cells, 0, p->ncols * sizeof(*cells));
		cells[0] = p->foot[i];
		r = sheet_row(sh, cells);
	}
	free(cells);
	return r;
}

int paper_sheets(const struct paper *const *p, size_t n, struct outfile *out, const char *const *names)
{
	struct sheet_spec *spec;
	struct strbuf *sub;
	struct sheet *sh = NULL;
	int r = 0;

	if (!n)
		BUG("a workbook of no paper");
	/* Every sheet's spec stays valid until the workbook is closed. */
	spec = xcalloc(n, sizeof(*spec));
	sub = xcalloc(n, sizeof(*sub));
	for (size_t i = 0; i < n && r == 0; i++) {
		strbuf_init(&sub[i]);
		sheet_spec_of(p[i], names[i], &sub[i], &spec[i]);
		if (i == 0) {
			sh = sheet_open(SHEET_XLSX, out, &spec[0]);
			r = sh ? 0 : -1;
		} else {
			r = sheet_next(sh, &spec[i]);
		}
		if (r == 0)
			r = sheet_body(sh, p[i]);
	}
	if (sh && r < 0)
		sheet_abort(sh);
	else if (sh)
		r = sheet_close(sh);
	for (size_t i = 0; i < n; i++)
		strbuf_release(&sub[i]);
	free(sub);
	free(spec);
	return r;
}

int paper_sheet(const struct paper *p, struct outfile *out, const char *sheet_name)
{
	return paper_sheets(&p, 1, out, &sheet_name);
}

int paper_write(const struct paper *p, enum paper_format f, struct outfile *out, const char *sheet_name)
{
	struct strbuf sb = STRBUF_INIT;
	int r = 0;

	switch (f) {
	case PAPER_XLSX:
		return paper_sheet(p, out, sheet_name);
	case PAPER_TEXT:
		paper_text(p, 80, &sb);
		if (fwrite(sb.buf, 1, sb.len, out->f) != sb.len)
			r = error_errno(_("cannot write '%s'"), out->path ? out->path : "-");
		break;
	default:
		BUG("paper_write: a printer's format");
	}
	strbuf_release(&sb);
	return r;
}

int paper_format_parse(const char *s, enum paper_format *f)
{
	if (!strcmp(s, "text") || !strcmp(s, "txt"))
		*f = PAPER_TEXT;
	else if (!strcmp(s, "escpos") || !strcmp(s, "bin"))
		*f = PAPER_ESCPOS;
	else if (!strcmp(s, "xlsx"))
		*f = PAPER_XLSX;
	else
		return -1;
	return 0;
}

int paper_format_from_path(const char *path, enum paper_format *f)
{
	const char *dot = strrchr(path, '.');

	if (!dot || strchr(dot, '/'))
		return -1;
	return paper_format_parse(dot + 1, f);
}
