/*
 * screen-daysheet.c — 当日接待登记表: the list of a reception day (daysheet.h)
 * shown before and after it is closed.  F2 closes the open day through the
 * gate; P prints the list on the receipt printer, S saves it as A4 text or
 * XLSX.  The foot carries the ledger's check code as it stands, so the
 * paper made from here pins the ledger's state.
 */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "daysheet.h"
#include "error.h"
#include "i18n.h"
#include "pushjob.h"
#include "jd.h"
#include "paper.h"
#include "store.h"
#include "strbuf.h"
#include "u8.h"
#include "xmalloc.h"

struct daysheet_screen {
	char date[CLOCK_DATE_LEN];	/* the day shown ("" until loaded: the open day) */
	int closed;
	struct paper p;
	int loaded;
	int top;
};

static void sheet_reload(struct ui *ui, void *st)
{
	struct daysheet_screen *ds = st;
	struct jd *jd = ui_jd(ui);
	struct reception_day d;
	int r;

	if (ds->loaded)
		paper_release(&ds->p);
	ds->loaded = 0;
	r = ds->date[0] ? store_day_get(jd->store, ds->date, &d) : store_day_current(jd->store, &d);
	if (r != STORE_OK)
		return;
	snprintf(ds->date, sizeof(ds->date), "%s", d.date);
	ds->closed = d.closed_at != NULL;
	reception_day_release(&d);
	error_clear();
	ds->loaded = daysheet_build(jd->store, ds->date, &ds->p) == STORE_OK;
}

static int rows_shown(const struct daysheet_screen *ds)
{
	int foot = (int)u8_lines_count(ds->p.foot);
	int v = LINES - 8 - (foot > 2 ? 2 : foot);

	return v < 1 ? 1 : v;
}

static void sheet_draw(struct ui *ui, void *st)
{
	struct daysheet_screen *ds = st;
	const struct paper *p = &ds->p;
	char title[160];
	int y = 2, w[6] = { 6, 13, 8, 8, 0, 8 }, rows;

	snprintf(title, sizeof(title), "%s  %s", _("Register of the reception day (当日接待登记表)"), ds->date);
	ui_titlebar(title, ds->closed ? _("closed") : _("not closed"));
	if (!ds->loaded) {
		ui_put(3, 2, COLS - 4, UA_ERROR, *error_last() ? error_last() : _("no reception day is open"));
		ui_statusline(ui, NULL);
		{
			const char *items[] = { "Esc", _("Back"), NULL };

			ui_keybar(items);
		}
		return;
	}
	/* The head: the place and the deputies (the station is in no need of saying here). */
	for (size_t i = 1; p->head[i] && i < 3; i++)
		ui_put(y++, 2, COLS - 4, A_NORMAL_, p->head[i]);
	y++;
	w[4] = COLS - 2 - (w[0] + w[1] + w[2] + w[3] + w[5] + 5);
	{
		struct strbuf h = STRBUF_INIT;

		for (size_t c = 0; c < p->ncols && c < 6; c++) {
			if (c)
				strbuf_addch(&h, ' ');
			u8_fit(&h, p->cols[c].title, w[c], 1);
		}
		ui_put(y++, 1, COLS - 2, UA_LABEL, h.buf);
		strbuf_release(&h);
	}
	rows = rows_shown(ds);
	if (ds->top > (int)p->nrows - rows)
		ds->top = (int)p->nrows - rows > 0 ? (int)p->nrows - rows : 0;
	for (size_t i = (size_t)ds->top; i < p->nrows && y < 6 + rows; i++, y++) {
		struct strbuf sb = STRBUF_INIT;

		for (size_t c = 0; c < p->ncols && c < 6; c++) {
			if (c)
				strbuf_addch(&sb, ' ');
			u8_fit(&sb, p->rows[i].cells[c], w[c], 1);
		}
		ui_put(y, 1, COLS - 2, A_NORMAL_, sb.buf);
		strbuf_release(&sb);
	}
	if (!p->nrows)
		ui_put(y, 2, COLS - 4, UA_DIM, p->empty);
	/* The foot: the counts and the check code. */
	y = LINES - 4;
	for (size_t i = 0; p->foot[i] && i < 2; i++)
		ui_put(y++, 2, COLS - 4, i ? UA_LABEL : A_NORMAL_, p->foot[i]);
	ui_statusline(ui, ds->closed ? _("P prints this list on the receipt printer, S saves it as a file.")
				     : _("F2 closes the reception day; P prints this list, S saves it as a file."));
	{
		const char *open_items[] = { "F2", _("Close the day"), "P", _("Print"), "S",
					     _("Save as file"), "Esc", _("Back"), NULL };
		const char *closed_items[] = { "P", _("Print"), "S", _("Save as file"), "Esc", _("Back"),
					       NULL };

		ui_keybar(ds->closed ? closed_items : open_items);
	}
}

/*
 * The county's hub witnesses the day's history (README): pushed when
 * hub_url is set, what came of it on the status line; the day is closed
 * whatever comes of it.
 */
static void push_day(struct ui *ui, struct jd *jd)
{
	char *hub = store_setting(jd->store, "hub_url"), *said = NULL;
	size_t len = 0;
	FILE *out;
	int r;

	if (!*hub) {
		free(hub);
		return;
	}
	free(hub);
	move(LINES - 2, 0);
	clrtoeol();
	ui_puts(LINES - 2, 1, UA_WARN, _("Pushing the day's records to the county's hub…"));
	refresh();
	out = open_memstream(&said, &len);
	if (!out)
		return;
	error_clear();
	r = pushjob_after_close(jd, out, NULL);
	fclose(out);
	/* The summary's first line is what the status line has room for. */
	said[strcspn(said, "\n")] = '\0';
	if (r)
		ui_error(ui, "%s %s", error_last(), said);
	else if (*said)
		ui_message(ui, "%s", said);
	free(said);
}

static void close_day(struct ui *ui, struct daysheet_screen *ds)
{
	struct jd *jd = ui_jd(ui);
	struct ledger_step st = { .kind = STEP_DAY_CLOSE };
	struct ledger_result res;
	char q[256];

	if (ds->closed || !ds->loaded)
		return;
	snprintf(q, sizeof(q), _("Close the reception day of %s? Its list is shown here."), ds->date);
	if (!ui_confirm(ui, q, _("Close it"), _("Keep it open")))
		return;
	st.date = ds->date;
	error_clear();
	if (ledger_apply(jd->store, &jd->me, &st, &res) != STORE_OK) {
		ui_error(ui, "%s", error_last());
		return;
	}
	ui_message(ui, _("The reception day of %s is closed: %d voters, %d issues. P prints its list, S saves it."),
		   res.day.date, res.day.visitors, res.day.tickets);
	ledger_result_release(&res);
	push_day(ui, jd);
	ui_reload_all(ui);
}

/* Print the list, or save it to a file: made again first, so the screen shows it anew. */
static void put_out(struct ui *ui, struct daysheet_screen *ds, int print)
{
	char *path = NULL, *name;

	if (!ds->loaded)
		return;
	/* Made again now: the check code at its foot is the ledger's as it stands. */
	sheet_reload(ui, ds);
	if (print) {
		if (ui_print_paper(ui, &ds->p) == 0)
			ui_message(ui, _("The list of %s was printed."), ds->date);
		return;
	}
	/* TRANSLATORS: the file name offered for the list of a reception day */
	name = xasprintf(_("day-%s.xlsx"), ds->date);
	if (ui_save_paper(ui, &ds->p, name, &path) == 0)
		ui_message(ui, _("The list of %s was saved as %s."), ds->date, path);
	free(name);
	free(path);
}

/* Scroll the rows to start at top, within those there are (as drawn); R_NONE when they stay. */
static int scroll_to(struct daysheet_screen *ds, int top)
{
	int last;

	if (!ds->loaded)
		return R_NONE;
	last = (int)ds->p.nrows - rows_shown(ds);
	if (top > last)
		top = last;
	if (top < 0)
		top = 0;
	if (top == ds->top)
		return R_NONE;
	ds->top = top;
	return R_REDRAW;
}

static int sheet_key(struct ui *ui, void *st, struct uikey k)
{
	struct daysheet_screen *ds = st;

	/* Closing the day shows through the reload it asks for (sheet_reload). */
	switch (k.fn) {
	case KEY_UP: return scroll_to(ds, ds->top - 1);
	case KEY_DOWN: return scroll_to(ds, ds->top + 1);
	case KEY_PPAGE: return scroll_to(ds, ds->top - rows_shown(ds));
	case KEY_NPAGE: return scroll_to(ds, ds->top + rows_shown(ds));
	case KEY_HOME: return scroll_to(ds, 0);
	case KEY_F(2): close_day(ui, ds); return R_NONE;
	case KEY_F(10): ui_pop(ui); return R_SWITCH;
	case 0: break;
	default: return R_NONE;
	}
	switch (k.ch) {
	case KEY_ESC: ui_pop(ui); return R_SWITCH;
	case CTRL('s'): close_day(ui, ds); return R_NONE;
	case 'p': case 'P': put_out(ui, ds, 1); return R_REDRAW;
	case 's': case 'S': put_out(ui, ds, 0); return R_REDRAW;
	default: return R_NONE;
	}
}

static void sheet_free(void *st)
{
	struct daysheet_screen *ds = st;

	if (ds->loaded)
		paper_release(&ds->p);
	free(ds);
}

static const struct screen_ops sheet_ops = {
	.name = "daysheet",
	.draw = sheet_draw,
	.key = sheet_key,
	.reload = sheet_reload,
	.free = sheet_free,
};

void screen_daysheet_open(struct ui *ui, const char *date)
{
	struct daysheet_screen *ds = xcalloc(1, sizeof(*ds));

	if (date)
		snprintf(ds->date, sizeof(ds->date), "%s", date);
	sheet_reload(ui, ds);
	ui_push(ui, &sheet_ops, ds);
}
