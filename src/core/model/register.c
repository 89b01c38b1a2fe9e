/* register.c — see register.h. */
#include "register.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "outfile.h"
#include "report.h"
#include "strbuf.h"
#include "ticket.h"
#include "u8.h"
#include "xmalloc.h"

static const struct {
	const char *title;	/* NC_("register", …) */
	double width;
} cols[REG_NCOLS] = {
	{ NC_("register", "Number"), 14 },
	{ NC_("register", "Date"), 11 },
	{ NC_("register", "Deputy"), 8 },
	{ NC_("register", "Voter"), 9 },
	{ NC_("register", "Contact"), 15 },
	{ NC_("register", "Issue"), 36 },
	{ NC_("register", "Category"), 9 },
	{ NC_("register", "Handed to"), 12 },
	{ NC_("register", "Deadline"), 11 },
	{ NC_("register", "Answer method"), 9 },
	{ NC_("register", "Answer date"), 11 },
	{ NC_("register", "Satisfaction"), 9 },
	{ NC_("register", "Signed off"), 11 },
};

const struct sheet_column *register_columns(void)
{
	static struct sheet_column out[REG_NCOLS];

	for (int i = 0; i < REG_NCOLS; i++) {
		out[i].title = i18n_cgettext(cols[i].title);
		out[i].width = cols[i].width;
	}
	return out;
}

/* The date part of a stored time, or "". */
static char *date_of(const char *stamp)
{
	return stamp ? xstrndup(stamp, 10) : xstrdup("");
}

void register_row_fill(struct register_row *row, const struct ticket *t, int internal)
{
	memset(row, 0, sizeof(*row));
	row->cell[REG_NUMBER] = xstrdup(t->number);
	row->cell[REG_DATE] = date_of(t->created_at);
	row->cell[REG_DEPUTY] = xstrdup(t->deputy);
	if (internal) {
		row->cell[REG_VOTER] = xstrdup(t->name);
		if (*t->phone && *t->address)
			row->cell[REG_CONTACT] = xasprintf("%s；%s", t->phone, t->address);
		else
			row->cell[REG_CONTACT] = xstrdup(*t->phone ? t->phone : t->address);
	} else {
		row->cell[REG_VOTER] = u8_mask_name(t->name);
		row->cell[REG_CONTACT] = u8_mask_phone(t->phone);
	}
	row->cell[REG_ISSUE] = xstrdup(t->issue);
	row->cell[REG_CATEGORY] = xstrdup(t->category);
	row->cell[REG_UNIT] = xstrdup(t->unit);
	row->cell[REG_DUE] = xstrdup(t->due_date ? t->due_date : "");
	row->cell[REG_METHOD] = xstrdup(t->answer_method);
	row->cell[REG_ANSWERED] = xstrdup(t->answer_date ? t->answer_date : "");
	row->cell[REG_RATING] = xstrdup(t->rating);
	if (t->status == TS_VOID) {
		/* Nothing changes a void ticket, so its last update is when it was voided. */
		char *when = date_of(t->updated_at);

		row->cell[REG_CLOSED] = xasprintf(_("void %s: %s"), when, t->void_reason);
		free(when);
	} else
		row->cell[REG_CLOSED] = t->status == TS_CLOSED ? date_of(t->closed_at) : xstrdup("");
}

void register_row_release(struct register_row *row)
{
	for (int i = 0; i < REG_NCOLS; i++)
		free(row->cell[i]);
	memset(row, 0, sizeof(*row));
}

/* "Label: value" pieces on one line, wrapped at width; empty values left out. */
static void pairs_line(struct strbuf *sb, const struct register_row *row, const int *which, int n,
		       int width)
{
	const struct sheet_column *c = register_columns();
	struct strbuf line = STRBUF_INIT;

	for (int i = 0; i < n; i++) {
		const char *v = row->cell[which[i]];
		struct strbuf piece = STRBUF_INIT;
		char *clean;

		if (!v || !*v)
			continue;
		clean = u8_sanitize(v, 0);
		strbuf_addf(&piece, _("%s: %s"), c[which[i]].title, clean);
		free(clean);
		if (line.len && u8_width(line.buf) + 3 + u8_width(piece.buf) > width) {
			strbuf_addf(sb, "%s\n", line.buf);
			strbuf_reset(&line);
		}
		if (!line.len)
			strbuf_adds(&line, "  ");
		else
			strbuf_adds(&line, "   ");
		strbuf_add(&line, piece.buf, piece.len);
		strbuf_release(&piece);
	}
	if (line.len)
		strbuf_addf(sb, "%s\n", line.buf);
	strbuf_release(&line);
}

void register_text_block(struct strbuf *sb, const struct register_row *row, int width)
{
	static const int who[] = { REG_VOTER, REG_CONTACT, REG_CATEGORY };
	static const int handling[] = { REG_UNIT, REG_DUE };
	static const int outcome[] = { REG_METHOD, REG_ANSWERED, REG_RATING, REG_CLOSED };
	const struct sheet_column *c = register_columns();
	struct strbuf head = STRBUF_INIT;
	char *issue, **lines;
	int indent;

	if (width < 40)
		width = 40;
	strbuf_addf(&head, "%s  %s", row->cell[REG_NUMBER], row->cell[REG_DATE]);
	if (*row->cell[REG_DEPUTY])
		strbuf_addf(&head, _("  %s: %s"), c[REG_DEPUTY].title, row->cell[REG_DEPUTY]);
	{
		char *clean = u8_sanitize(head.buf, 0);

		u8_cut(sb, clean, width, 1);
		free(clean);
	}
	strbuf_addch(sb, '\n');
	strbuf_release(&head);
	pairs_line(sb, row, who, 3, width);

	/* The issue, wrapped under its label. */
	strbuf_addf(&head, _("  %s: "), c[REG_ISSUE].title);
	indent = u8_width(head.buf);
	issue = u8_sanitize(row->cell[REG_ISSUE], 1);
	lines = u8_wrap(issue, width - indent > 10 ? width - indent : 10);
	for (size_t i = 0; lines[i]; i++) {
		if (i == 0)
			strbuf_add(sb, head.buf, head.len);
		else
			strbuf_addf(sb, "%*s", indent, "");
		strbuf_addf(sb, "%s\n", lines[i]);
	}
	u8_lines_free(lines);
	free(issue);
	strbuf_release(&head);

	pairs_line(sb, row, handling, 2, width);
	pairs_line(sb, row, outcome, 4, width);
	strbuf_addch(sb, '\n');
}

char *register_title(const char *station_name, int internal)
{
	char *station = u8_sanitize(station_name, 0);
	char *title = xasprintf(internal ? _("%s — register of voters received (internal)")
					 : _("%s — register of voters received (public)"),
				station);

	free(station);
	return title;
}


int register_writer_open(struct register_writer *w, enum register_format f, struct outfile *out,
			 const char *station_name, const char *from, const char *to, int internal, int width)
{
	char today[CLOCK_DATE_LEN], *period;

	memset(w, 0, sizeof(*w));
	w->format = f;
	w->internal = internal;
	w->width = width;
	w->out = out;
	w->title = register_title(station_name, internal);
	period = report_period_label(from, to);
	/* What the register says about handling is as it stands today. */
	clock_today(today);
	w->subtitle = xasprintf(_("%s, as of %s"), period, today);
	free(period);
	if (f == REGISTER_TEXT) {
		if (fprintf(out->f, "%s\n%s\n\n", w->title, w->subtitle) < 0)
			return error_errno(_("cannot write the register"));
		return 0;
	}
	w->spec.title = w->title;
	w->spec.subtitle = w->subtitle;
	w->spec.sheet_name = C_("sheet", "Register");
	w->spec.cols = register_columns();
	w->spec.ncols = REG_NCOLS;
	w->spec.landscape = 1;
	w->sheet = sheet_open(f == REGISTER_XLSX ? SHEET_XLSX : SHEET_CSV, out, &w->spec);
	return w->sheet ? 0 : -1;
}

int register_writer_row(const struct ticket *t, void *arg)
{
	struct register_writer *w = arg;
	struct register_row row;
	int r = 0;

	register_row_fill(&row, t, w->internal || w->masked);
	if (w->sheet) {
		r = sheet_row(w->sheet, (const char *const *)row.cell);
	} else {
		struct strbuf sb = STRBUF_INIT;

		register_text_block(&sb, &row, w->width);
		if (fwrite(sb.buf, 1, sb.len, w->out->f) != sb.len)
			r = error_errno(_("cannot write the register"));
		strbuf_release(&sb);
	}
	register_row_release(&row);
	w->rows++;
	return r < 0 ? -1 : 0;
}

int register_writer_close(struct register_writer *w, const char *anchor, int ok)
{
	int r = ok ? 0 : -1;

	if (ok && !w->sheet && w->rows == 0 &&
	    fprintf(w->out->f, "%s\n", _("(no voters were registered in this period)")) < 0)
		r = error_errno(_("cannot write the register"));
	/* The paper copy pins the ledger's state: jiedai check --anchor proves it is still there. */
	if (r == 0 && anchor) {
		char *foot = xasprintf(_("Ledger check code %s"), anchor);

		if (w->sheet) {
			const char *cells[REG_NCOLS] = { foot };

			r = sheet_row(w->sheet, cells);
		} else if (fprintf(w->out->f, "\n%s\n", foot) < 0) {
			r = error_errno(_("cannot write the register"));
		}
		free(foot);
	}
	if (w->sheet) {
		if (r == 0)
			r = sheet_close(w->sheet);
		else
			sheet_abort(w->sheet);
		w->sheet = NULL;
	}
	free(w->title);
	free(w->subtitle);
	w->title = w->subtitle = NULL;
	return r;
}
