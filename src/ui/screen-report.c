/*
 * screen-report.c — 统计与登记簿: the month's figures, bar charts by
 * category, deputy and reception day, and the public register, all read
 * from core (report.h, register.h) so the screen shows exactly what
 * `jiedai report` and `jiedai register` print.
 *
 * The view is a list of text lines built once per month and view and then
 * scrolled; bars are full blocks (U+2588) with the number written beside
 * each, so nothing depends on colour.  Only the public register is shown
 * here: names and phones are masked whoever looks.
 */
#include "report.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "archive.h"
#include "clock.h"
#include "core/model/report.h"
#include "dutysheet.h"
#include "error.h"
#include "i18n.h"
#include "jd.h"
#include "ledger.h"
#include "paths.h"
#include "register.h"
#include "store.h"
#include "strbuf.h"
#include "u8.h"
#include "ui.h"
#include "xmalloc.h"

enum view { V_SUMMARY, V_CATEGORY, V_DEPUTY, V_DAY, V_REGISTER, V_UNIT, V_DUTY, V_COUNT };

struct report_screen {
	struct jd *jd;
	int year, month;
	enum view view;
	char from[CLOCK_DATE_LEN], to[CLOCK_DATE_LEN];
	char **lines;		/* the current view, NULL-terminated */
	size_t nlines;
	size_t top;		/* first line shown */
	int built_cols;		/* width the lines were laid out for */
};

static const char *view_name(enum view v)
{
	switch (v) {
	case V_SUMMARY: return _("Summary");
	case V_CATEGORY: return _("By category");
	case V_DEPUTY: return _("By deputy");
	case V_DAY: return _("By reception day");
	case V_UNIT: return _("By unit");
	case V_DUTY: return _("Duty records");
	default: return _("Register (public)");
	}
}

static void lines_free(struct report_screen *rs)
{
	u8_lines_free(rs->lines);
	rs->lines = NULL;
	rs->nlines = 0;
}

/* Split sb into rs->lines at newlines. */
static void take_lines(struct report_screen *rs, const struct strbuf *sb)
{
	const char *p = sb->buf;

	lines_free(rs);
	rs->lines = xcalloc(1, sizeof(*rs->lines));
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		rs->lines = xreallocarray(rs->lines, rs->nlines + 2, sizeof(*rs->lines));
		rs->lines[rs->nlines++] = xstrndup(p, n);
		rs->lines[rs->nlines] = NULL;
		p += n + (nl ? 1 : 0);
	}
}

static int register_line(const struct ticket *t, void *arg)
{
	struct strbuf *sb = ((void **)arg)[0];
	int width = *(int *)((void **)arg)[1];
	struct register_row row;

	register_row_fill(&row, t, 0);
	register_text_block(sb, &row, width);
	register_row_release(&row);
	return 0;
}

/*
 * The duty records of the month's year, a page per deputy parted by a
 * rule; a deputy looking finds their own first.
 */
static void build_duty(struct report_screen *rs, int width)
{
	struct jd *jd = rs->jd;
	struct strbuf sb = STRBUF_INIT, rule = STRBUF_INIT;
	char from[CLOCK_DATE_LEN], to[CLOCK_DATE_LEN];
	struct duty d;

	snprintf(from, sizeof(from), "%04u-01-01", (unsigned)rs->year % 10000u);
	snprintf(to, sizeof(to), "%04u-12-31", (unsigned)rs->year % 10000u);
	if (store_duty_load(jd->store, from, to, NULL, &d) == STORE_OK) {
		if (!jd->me.admin && jd->me.role == ROLE_DEPUTY && jd->me.name) {
			for (size_t i = 1; i < d.n; i++)
				if (!strcmp(d.dep[i].name, jd->me.name)) {
					struct duty_deputy own = d.dep[i];

					memmove(&d.dep[1], &d.dep[0], i * sizeof(*d.dep));
					d.dep[0] = own;
					break;
				}
		}
		strbuf_addch(&rule, '\n');
		for (int i = 0; i < width; i++)
			strbuf_addch(&rule, '=');
		strbuf_adds(&rule, "\n\n");
		dutysheet_text(&d, width, rule.buf, &sb);
	}
	duty_release(&d);
	take_lines(rs, &sb);
	strbuf_release(&sb);
	strbuf_release(&rule);
}

/* (Re)build the lines of the current view for the current month. */
static void build(struct report_screen *rs)
{
	struct strbuf sb = STRBUF_INIT;
	struct report rep;
	int width = COLS - 2;
	int r;

	{
		char month[16];

		snprintf(month, sizeof(month), "%04u-%02u", (unsigned)rs->year % 10000u,
			 (unsigned)rs->month % 100u);
		clock_month_range(month, rs->from, rs->to);
	}
	rs->built_cols = COLS;
	if (rs->view == V_DUTY) {
		build_duty(rs, width);
		return;
	}
	if (rs->view == V_REGISTER) {
		void *args[2] = { &sb, &width };

		r = store_register_list(rs->jd->store, rs->from, rs->to, 0, NULL, register_line, args);
		if (r == STORE_OK && sb.len == 0)
			strbuf_addf(&sb, "%s\n", _("(no voters were registered in this month)"));
		take_lines(rs, &sb);
		strbuf_release(&sb);
		return;
	}
	r = store_report_load(rs->jd->store, rs->from, rs->to, NULL, &rep);
	if (r == STORE_OK) {
		switch (rs->view) {
		case V_SUMMARY:
			report_format_summary(&rep, &sb);
			/* A county ledger: each station, its name beside its code. */
			if (rep.nstation > 1)
				report_format_table(&rep, RG_STATION, &sb, width);
			strbuf_addch(&sb, '\n');
			strbuf_addf(&sb, "  %s\n", _("Issues counted by the date they were registered; void ones are not counted."));
			break;
		case V_UNIT:
			strbuf_addf(&sb, "%s\n", _("Items handed over, by the unit that has them now:"));
			report_chart(&rep, RG_UNIT, &sb, width);
			report_format_table(&rep, RG_UNIT, &sb, width);
			strbuf_addf(&sb, "\n%s\n", _("On time: answered by the deadline. Resolved %: rated 满意 or 基本满意, of the items."));
			break;
		case V_CATEGORY:
			strbuf_addf(&sb, "%s\n", _("Issues registered (void ones not counted):"));
			report_chart(&rep, RG_CATEGORY, &sb, width);
			report_format_table(&rep, RG_CATEGORY, &sb, width);
			break;
		case V_DEPUTY:
			strbuf_addf(&sb, "%s\n", _("Issues registered (void ones not counted):"));
			report_chart(&rep, RG_DEPUTY, &sb, width);
			report_format_table(&rep, RG_DEPUTY, &sb, width);
			break;
		default:
			strbuf_addf(&sb, "%s\n", _("Issues registered (void ones not counted):"));
			report_chart(&rep, RG_DAY, &sb, width);
			report_format_table(&rep, RG_DAY, &sb, width);
			break;
		}
		if (rs->view != V_SUMMARY && !rep.total.tickets && rs->view != V_DAY && rs->view != V_UNIT)
			strbuf_addf(&sb, "\n%s\n", _("(no issues were registered in this month)"));
	}
	report_release(&rep);
	take_lines(rs, &sb);
	strbuf_release(&sb);
}

static int content_rows(void)
{
	int n = LINES - 6;

	return n < 1 ? 1 : n;
}

/* Paint everything. */
static void draw_screen(struct ui *ui, struct report_screen *rs)
{
	char *station = store_setting(rs->jd->store, "station_name");
	char *period = report_period_label(rs->from, rs->to);
	char today[CLOCK_DATE_LEN], buf[256];
	int x = 1, rows = content_rows();
	const char *help;

	if (rs->built_cols != COLS)
		build(rs);
	snprintf(buf, sizeof(buf), _("%s — statistics and register"), station);
	ui_titlebar(buf, period);

	/*
	 * The views, the current one in brackets as well as highlighted; when
	 * their names do not all fit (English), the current one is written
	 * whole and the others share what is left, each ending in "…".
	 */
	{
		int total = 0, share = 0, cur_w;

		for (int v = 0; v < V_COUNT; v++) {
			snprintf(buf, sizeof(buf), " %d %s ", v + 1, view_name(v));
			total += u8_width(buf) + 1;
		}
		snprintf(buf, sizeof(buf), "[%d %s]", (int)rs->view + 1, view_name(rs->view));
		cur_w = u8_width(buf);
		if (total > COLS - 1)
			share = (COLS - 1 - (cur_w + 1)) / (V_COUNT - 1) - 1;
		for (int v = 0; v < V_COUNT; v++) {
			int cur = v == (int)rs->view, w;

			snprintf(buf, sizeof(buf), cur ? "[%d %s]" : " %d %s ", v + 1, view_name(v));
			w = share && !cur ? share : u8_width(buf);
			ui_put(1, x, w, cur ? UA_FOCUS : A_NORMAL_, buf);
			x += w + 1;
		}
	}
	clock_today(today);
	if (rs->view == V_DUTY)
		snprintf(buf, sizeof(buf), _("Year %d: %04d-01-01 to %04d-12-31, as of %s"), rs->year, rs->year,
			 rs->year, today);
	else
		snprintf(buf, sizeof(buf), _("%s: %s to %s, as of %s"), period, rs->from, rs->to, today);
	ui_put(2, 1, COLS - 2, UA_LABEL, buf);

	for (int i = 0; i < rows; i++) {
		size_t k = rs->top + (size_t)i;

		if (k >= rs->nlines)
			break;
		ui_put(4 + i, 1, COLS - 2, A_NORMAL_, rs->lines[k]);
	}

	if (rs->nlines > (size_t)rows)
		snprintf(buf, sizeof(buf), _("Lines %zu–%zu of %zu. [ and ] or Left/Right: another month; Tab: another view."),
			 rs->top + 1, rs->top + (size_t)rows < rs->nlines ? rs->top + (size_t)rows : rs->nlines,
			 rs->nlines);
	else
		snprintf(buf, sizeof(buf), "%s", _("[ and ] or Left/Right: another month; Tab or 1–7: another view."));
	help = buf;
	ui_statusline(ui, help);	/* messages from core land there too */
	{
		const char *items[] = { "[ ]", _("Month"), "Tab", _("View"), "PgDn", _("Scroll"),
					"A", _("Archive the year"), "Esc", _("Back"), NULL };

		/* The archive's key only for those who may make one (staff and head). */
		if (!ledger_allowed(rs->jd->store, &rs->jd->me, STEP_ARCHIVE)) {
			items[6] = "Esc";
			items[7] = _("Back");
			items[8] = NULL;
		}
		ui_keybar(items);
	}
	free(station);
	free(period);
}

static void set_month(struct report_screen *rs, int delta)
{
	int m = rs->year * 12 + (rs->month - 1) + delta;

	rs->year = m / 12;
	rs->month = m % 12 + 1;
	rs->top = 0;
	build(rs);
}

/* Scroll by d lines (negative: up) within the lines there are; R_NONE when they stay. */
static int scroll_by(struct report_screen *rs, long d)
{
	long rows = content_rows(), max = (long)rs->nlines - rows, t = (long)rs->top + d;

	if (max < 0)
		max = 0;
	if (t > max)
		t = max;
	if (t < 0)
		t = 0;
	if ((size_t)t == rs->top)
		return R_NONE;
	rs->top = (size_t)t;
	return R_REDRAW;
}

/* ---- the year's archive (资料归档), into the documents folder ---- */

struct archive_ui {
	struct ui *ui;
	int year;
};

static void archive_progress(void *arg, size_t done, size_t total, const char *path)
{
	struct archive_ui *a = arg;

	(void)path;
	ui_message(a->ui, _("Archiving %d: file %zu of %zu …"), a->year, done < total ? done + 1 : total, total);
	ui_paint(a->ui);
}

/* A folder name in dir that is not there yet: 接待资料归档-2026, then -2, -3 … */
static char *new_folder(const char *dir, int year)
{
	for (int k = 1;; k++) {
		char *name = k == 1 ? xasprintf(C_("archive", "%s/reception-archive-%d"), dir, year)
				    : xasprintf(C_("archive", "%s/reception-archive-%d-%d"), dir, year, k);
		struct stat st;

		if (lstat(name, &st) < 0)
			return name;
		free(name);
	}
}

/*
 * A: the archive of the year shown, into a new folder in the person's
 * documents folder (paths_documents_dir()), after one confirmation; the
 * full path is shown at the end.
 */
static void archive_year(struct ui *ui, struct report_screen *rs)
{
	struct jd *jd = rs->jd;
	struct archive_ui a = { ui, rs->year };
	struct archive_opts o = { 0 };
	struct archive_result res;
	const char *choices[] = { _("Archive"), _("Cancel"), NULL };
	char *docs, *dir, *question;
	int r;

	error_clear();
	if (ledger_may(jd->store, &jd->me, STEP_ARCHIVE) < 0) {
		ui_error(ui, "%s", error_last());
		return;
	}
	docs = paths_documents_dir();
	if (!docs) {
		ui_error(ui, _("Not archived: %s"), error_last());
		return;
	}
	dir = new_folder(docs, rs->year);
	question = xasprintf(_("Archive %d — every month's registers (public and internal), the reception days' lists, the chase slips, the statistics, the duty records and the whole ledger, with voters' personal data — into this new folder?\n%s"),
			     rs->year, dir);
	if (ui_choose_wide(ui, _("Please confirm"), question, choices) != 0) {
		free(question);
		free(dir);
		free(docs);
		return;
	}
	free(question);
	o.year = rs->year;
	o.dir = dir;
	o.progress = archive_progress;
	o.arg = &a;
	error_clear();
	r = archive_write(jd->store, &jd->me, &o, &res);
	if (r != STORE_OK) {
		ui_error(ui, _("Not archived: %s"), error_last());
	} else {
		const char *ok[] = { _("OK"), NULL };
		char *text = xasprintf(_("The archive of %d is in the folder\n%s\n%zu files and index.txt; ledger check code %s."),
				       res.year, res.dir, res.n, res.anchor);

		ui_message(ui, _("The archive of %d is in %s."), res.year, res.dir);
		ui_choose_wide(ui, _("Archived"), text, ok);
		free(text);
		archive_result_release(&res);
	}
	free(dir);
	free(docs);
}

static int report_key(struct ui *ui, void *st, struct uikey k)
{
	struct report_screen *rs = st;

	switch (k.fn) {
	case KEY_LEFT: set_month(rs, -1); return R_REDRAW;
	case KEY_RIGHT: set_month(rs, 1); return R_REDRAW;
	case KEY_UP: return scroll_by(rs, -1);
	case KEY_DOWN: return scroll_by(rs, 1);
	case KEY_PPAGE: return scroll_by(rs, -(content_rows() - 1));
	case KEY_NPAGE: return scroll_by(rs, content_rows() - 1);
	case KEY_HOME: return scroll_by(rs, -(long)rs->top);
	case KEY_END: return scroll_by(rs, (long)rs->nlines);
	case KEY_BTAB:
		rs->view = (rs->view + V_COUNT - 1) % V_COUNT;
		rs->top = 0;
		build(rs);
		return R_REDRAW;
	case KEY_F(10): ui_pop(ui); return R_SWITCH;
	case 0: break;
	default: return R_NONE;
	}
	switch (k.ch) {
	case '\t':
		rs->view = (rs->view + 1) % V_COUNT;
		rs->top = 0;
		build(rs);
		return R_REDRAW;
	case '[': set_month(rs, -1); return R_REDRAW;
	case ']': set_month(rs, 1); return R_REDRAW;
	case ' ': return scroll_by(rs, content_rows() - 1);
	case KEY_ESC:
	case 'q':
	case CTRL('q'):
		ui_pop(ui);
		return R_SWITCH;
	case CTRL('l'): return R_RESIZE;
	case 'a':
	case 'A':
		archive_year(ui, rs);
		return R_REDRAW;
	default:
		if (k.ch >= '1' && k.ch < '1' + V_COUNT) {
			rs->view = (enum view)(k.ch - '1');
			rs->top = 0;
			build(rs);
			return R_REDRAW;
		}
		return R_NONE;
	}
}

static struct report_screen *report_new(struct jd *jd)
{
	struct report_screen *rs = xcalloc(1, sizeof(*rs));
	char today[CLOCK_DATE_LEN];

	rs->jd = jd;
	clock_today(today);
	rs->year = atoi(today);
	rs->month = atoi(today + 5);
	rs->view = V_SUMMARY;
	build(rs);
	return rs;
}

static void report_free(void *st)
{
	struct report_screen *rs = st;

	if (!rs)
		return;
	lines_free(rs);
	free(rs);
}

/* ---- on the screen stack ---- */

static void ops_draw(struct ui *ui, void *st)
{
	draw_screen(ui, st);
}

static void ops_reload(struct ui *ui, void *st)
{
	struct report_screen *rs = st;
	size_t top = rs->top;

	(void)ui;
	build(rs);
	rs->top = top;
	scroll_by(rs, 0);
}

static const struct screen_ops report_ops = {
	.name = "report",
	.draw = ops_draw,
	.key = report_key,
	.reload = ops_reload,
	.free = report_free,
};

void screen_report_open(struct ui *ui)
{
	ui_push(ui, &report_ops, report_new(ui_jd(ui)));
}
