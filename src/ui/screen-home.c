/*
 * screen-home.c — 主页: today's reception day, the counts a station
 * watches (received today, open, overdue, waiting for sign-off) and the
 * numbered actions.  A line at the bottom takes a ledger number, or what a
 * receipt scanner types, and opens that ticket.
 *
 * Keys: digits pick an action while the look-up line is empty; letters go
 * into the look-up line (a scanned payload starts with letters); function
 * keys and Ctrl keys act from anywhere.
 */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "jd.h"
#include "lineedit.h"
#include "report.h"
#include "store.h"
#include "strbuf.h"
#include "u8.h"
#include "xmalloc.h"

struct home {
	struct ledger_counts counts;
	struct reception_day day;
	int have_day;
	char *station;
	struct lineedit lookup;
	int sel;
	char *unread;		/* why the ledger could not be read at the last reload, or NULL */
};

enum { H_INTAKE, H_READY, H_OVERDUE, H_OPEN, H_ALL, H_DAY, H_REPORT, H_UNITS, H_QUIT, H_COUNT };

static void home_reload(struct ui *ui, void *st)
{
	struct home *h = st;
	struct jd *jd = ui_jd(ui);

	int counts, day;

	/* A ledger that cannot be read is said as such, not shown as no day and no items. */
	free(h->unread);
	h->unread = NULL;
	error_clear();
	counts = store_counts(jd->store, &h->counts);
	reception_day_release(&h->day);
	day = store_day_current(jd->store, &h->day);
	h->have_day = day == STORE_OK;
	if (counts != STORE_OK || (day != STORE_OK && day != STORE_NOTFOUND))
		h->unread = xstrdup(error_last());
	free(h->station);
	h->station = store_setting(jd->store, "station_name");
}

static const char *item_label(struct home *h, int i, char *buf, size_t n)
{
	switch (i) {
	case H_INTAKE: return _("Register a visiting voter");
	case H_READY:
		snprintf(buf, n, _("Waiting for sign-off (%lld)"), (long long)h->counts.ready);
		return buf;
	case H_OVERDUE:
		snprintf(buf, n, _("Overdue (%lld)"), (long long)h->counts.overdue);
		return buf;
	case H_OPEN:
		snprintf(buf, n, _("Being handled (%lld)"), (long long)h->counts.open);
		return buf;
	case H_ALL: return _("The whole ledger, search");
	case H_DAY:
		if (h->have_day) {
			snprintf(buf, n, _("Close the reception day of %s"), h->day.date);
			return buf;
		}
		return _("Open the reception day");
	case H_REPORT: return _("Statistics and the register");
	case H_UNITS: return _("Units and chasing (承办单位、督办)");
	default: return _("Quit");
	}
}

static const char *item_key(int i)
{
	static const char *const keys[] = { "F2", "F4", "", "", "F5", "F6", "F7", "F8", "F10" };

	return keys[i];
}

/*
 * The day's deputies from row y on at most `rows` rows, a name never split
 * between two rows; "…" says that some did not fit.  Returns the rows used.
 */
static int draw_deputies(const struct home *h, int y, int rows)
{
	const char *sep = i18n_is_chinese() ? "、" : ", ";
	int cols = COLS - 3, used = 0;
	struct strbuf row = STRBUF_INIT, name = STRBUF_INIT;
	char *label;

	if (!h->day.deputies[0]) {
		ui_putf(y, 2, A_NORMAL_, _("Deputies present: %s"), _("(none recorded)"));
		return 1;
	}
	label = xasprintf(_("Deputies present: %s"), "");
	strbuf_adds(&row, label);
	for (char **p = h->day.deputies; *p; p++) {
		int more = p[1] != NULL;
		/* The last row keeps a column for the "…" while names follow. */
		int room = cols - (used == rows - 1 && more);

		strbuf_reset(&name);
		strbuf_adds(&name, *p);
		if (more)
			strbuf_adds(&name, sep);
		if (row.len > strlen(label) && u8_width(row.buf) + u8_width(name.buf) > room) {
			if (used == rows - 1) {
				strbuf_adds(&row, "…");
				break;
			}
			ui_put(y + used++, 2, cols, A_NORMAL_, row.buf);
			strbuf_reset(&row);
		}
		strbuf_adds(&row, name.buf);
	}
	ui_put(y + used++, 2, cols, A_NORMAL_, row.buf);
	strbuf_release(&row);
	strbuf_release(&name);
	free(label);
	return used;
}

static void home_draw(struct ui *ui, void *st)
{
	struct home *h = st;
	struct jd *jd = ui_jd(ui);
	char buf[256], today[CLOCK_DATE_LEN];
	int y = 2, cr, cc;

	clock_today(today);
	snprintf(buf, sizeof(buf), "%s", jd->me.name);
	ui_titlebar(h->station, buf);
	if (h->unread) {
		char *why = xasprintf(_("The ledger could not be read, so what is shown here may be wrong: %s"), h->unread);

		y += ui_put_wrapped(y, 2, COLS - 4, 2, UA_ERROR, why) + 1;
		free(why);
	} else if (h->have_day && strcmp(h->day.date, today)) {
		/* A day left open (未结束): not the one going on today. */
		ui_putf(y++, 2, UA_WARN, _("Reception day %s is not closed (未结束). Press 6 to see its list and close it."),
			h->day.date);
		if (*h->day.place)
			ui_putf(y++, 2, A_NORMAL_, _("Place: %s"), h->day.place);
		ui_putf(y++, 2, A_NORMAL_, _("Voters received: %d, issues registered: %d"),
			h->day.visitors, h->day.tickets);
		y++;
	} else if (h->have_day) {
		ui_putf(y++, 2, UA_LABEL, _("Reception day %s is open"), h->day.date);
		if (*h->day.place)
			ui_putf(y++, 2, A_NORMAL_, _("Place: %s"), h->day.place);
		y += draw_deputies(h, y, 2);
		ui_putf(y++, 2, A_NORMAL_, _("Voters received: %d, issues registered: %d"),
			h->day.visitors, h->day.tickets);
	} else {
		ui_puts(y++, 2, UA_WARN, _("No reception day is open. Press 6 to open one."));
		y++;
	}
	y++;
	ui_putf(y, 2, A_NORMAL_, _("Being handled: %lld"), (long long)h->counts.open);
	ui_putf(y, 24, h->counts.overdue ? UA_WARN : A_NORMAL_, _("Overdue: %lld"),
		(long long)h->counts.overdue);
	ui_putf(y, 44, h->counts.ready ? UA_LABEL : A_NORMAL_, _("Waiting for sign-off: %lld"),
		(long long)h->counts.ready);
	y += 2;
	for (int i = 0; i < H_COUNT; i++) {
		char label[128], line[200];
		int num = i == H_QUIT ? 0 : i + 1;

		snprintf(line, sizeof(line), " %d  %s", num, item_label(h, i, label, sizeof(label)));
		ui_put(y, 4, 44, i == h->sel ? UA_FOCUS : A_NORMAL_, line);
		ui_puts(y, 50, UA_DIM, item_key(i));
		y++;
	}
	y++;
	ui_puts(y, 2, A_NORMAL_, _("Number or scanned receipt:"));
	{
		int x = 2 + u8_width(_("Number or scanned receipt:")) + 2;
		char *row = lineedit_row(&h->lookup, 0, NULL);

		ui_puts(y, x - 1, UA_LABEL, "[");
		ui_put(y, x, h->lookup.width, A_NORMAL_, row);
		ui_puts(y, x + h->lookup.width, UA_LABEL, "]");
		free(row);
		lineedit_cursor(&h->lookup, &cr, &cc);
		ui_cursor(y, x + cc);
	}
	/* Not translated: the ASCII half must be readable when the Chinese is not. */
	ui_puts(LINES - 3, 2, UA_DIM, "中文乱码？请把 PuTTY/Xshell 的字符集设为 UTF-8 (garbled? set UTF-8)");
	ui_statusline(ui, _("Press a number to choose. Scan a receipt or type a ledger number and press Enter."));
	{
		const char *items[] = { "1/F2", _("Register"), "2/F4", _("Sign-off queue"), "5/F5", _("Search"),
					"6/F6", _("Reception day"), "0/F10", _("Quit"), NULL };

		ui_keybar(items);
	}
}

static int do_item(struct ui *ui, struct home *h, int i)
{
	switch (i) {
	case H_INTAKE: {
		char today[CLOCK_DATE_LEN];

		/* Intake belongs to today's reception day: open it first when there is none. */
		clock_today(today);
		if (!h->have_day || strcmp(h->day.date, today))
			screen_day_open(ui, 1);
		else
			screen_intake_open(ui, NULL, NULL);
		break;
	}
	case H_READY: screen_list_open(ui, TAB_READY, NULL); break;
	case H_OVERDUE: screen_list_open(ui, TAB_OVERDUE, NULL); break;
	case H_OPEN: screen_list_open(ui, TAB_OPEN, NULL); break;
	case H_ALL: screen_list_open(ui, TAB_ALL, ""); break;
	case H_DAY:
		/*
		 * An open day: close it (from its list, 当日接待登记表) or enter an
		 * earlier day's paper records (补录); otherwise one is opened.
		 */
		screen_day_open(ui, 0);
		break;
	case H_REPORT: screen_report_open(ui); break;
	case H_UNITS: screen_units_open(ui); break;
	case H_QUIT: return R_QUIT;
	}
	return R_SWITCH;
}

static int home_key(struct ui *ui, void *st, struct uikey k)
{
	struct home *h = st;
	int empty = lineedit_empty(&h->lookup);

	switch (k.fn) {
	case KEY_F(2): return do_item(ui, h, H_INTAKE);
	case KEY_F(4): return do_item(ui, h, H_READY);
	case KEY_F(5): return do_item(ui, h, H_ALL);
	case KEY_F(6): return do_item(ui, h, H_DAY);
	case KEY_F(7): return do_item(ui, h, H_REPORT);
	case KEY_F(8): return do_item(ui, h, H_UNITS);
	case KEY_F(10): return R_QUIT;
	case KEY_UP: h->sel = h->sel > 0 ? h->sel - 1 : H_COUNT - 1; return R_REDRAW;
	case KEY_DOWN: h->sel = (h->sel + 1) % H_COUNT; return R_REDRAW;
	case KEY_LEFT: return lineedit_left(&h->lookup) == 0 ? R_REDRAW : R_NONE;
	case KEY_RIGHT: return lineedit_right(&h->lookup) == 0 ? R_REDRAW : R_NONE;
	case KEY_BACKSPACE: return lineedit_backspace(&h->lookup) == 0 ? R_REDRAW : R_NONE;
	case KEY_ENTER:
		if (!empty) {
			char *text = lineedit_get(&h->lookup);

			lineedit_clear(&h->lookup);
			if (ui_open_lookup(ui, text) != 0)
				screen_list_open(ui, TAB_ALL, text);
			free(text);
			return R_REDRAW | R_SWITCH;
		}
		return do_item(ui, h, h->sel);
	case 0:
		break;
	default:
		return R_NONE;
	}
	switch (k.ch) {
	case KEY_ESC:
	case CTRL('u'):
		if (empty)
			return R_NONE;
		lineedit_clear(&h->lookup);
		return R_REDRAW;
	case 127:
	case 8: return lineedit_backspace(&h->lookup) == 0 ? R_REDRAW : R_NONE;
	case CTRL('n'): return do_item(ui, h, H_INTAKE);
	case CTRL('q'): return R_QUIT;
	case CTRL('l'): return R_RESIZE;
	default: break;
	}
	if (empty && k.ch >= '0' && k.ch <= '9') {
		int i = k.ch == '0' ? H_QUIT : (int)(k.ch - '1');

		if (i >= 0 && i < H_COUNT) {
			h->sel = i;
			return R_REDRAW | do_item(ui, h, i);
		}
		return R_NONE;
	}
	if (k.ch > ' ' && k.ch != 127 && lineedit_insert(&h->lookup, (wchar_t)k.ch) == 0)
		return R_REDRAW;
	return R_NONE;
}

static void home_free(void *st)
{
	struct home *h = st;

	reception_day_release(&h->day);
	lineedit_release(&h->lookup);
	free(h->station);
	free(h->unread);
	free(h);
}

static const struct screen_ops home_ops = {
	.name = "home",
	.draw = home_draw,
	.key = home_key,
	.reload = home_reload,
	.free = home_free,
};

void screen_home_open(struct ui *ui)
{
	struct home *h = xcalloc(1, sizeof(*h));

	lineedit_init(&h->lookup, 40, 1, 0, 200);
	home_reload(ui, h);
	ui_push(ui, &home_ops, h);
}
