/*
 * screen-units.c — 承办单位: the unit directory, each unit with its contact
 * person and phone and the items it has in hand and overdue, so staff see
 * at a glance whom to chase.  Enter opens a unit's view (screen-unit.c),
 * where its chase slip is printed.  Read-only here: units join the
 * directory through handovers and `jiedai unit`.
 */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "jd.h"
#include "store.h"
#include "strbuf.h"
#include "u8.h"
#include "xmalloc.h"

struct units_screen {
	struct unit *units;
	size_t n;
	int sel, top;
	char *unread;		/* why the directory could not be read, or NULL */
};

static void units_reload(struct ui *ui, void *st)
{
	struct units_screen *us = st;

	units_free(us->units, us->n);
	us->units = NULL;
	us->n = 0;
	free(us->unread);
	us->unread = NULL;
	error_clear();
	if (store_unit_list(ui_jd(ui)->store, 0, &us->units, &us->n) != STORE_OK)
		us->unread = xstrdup(error_last());
	if ((size_t)us->sel >= us->n)
		us->sel = us->n ? (int)us->n - 1 : 0;
}

static int rows_shown(void)
{
	int v = LINES - 7;

	return v < 1 ? 1 : v;
}

static void units_draw(struct ui *ui, void *st)
{
	struct units_screen *us = st;
	int64_t in_hand = 0, overdue = 0;
	int y = 4, rows = rows_shown();
	struct strbuf h = STRBUF_INIT;
	char buf[256];

	ui_titlebar(_("Units (承办单位)"), NULL);
	for (size_t i = 0; i < us->n; i++) {
		in_hand += us->units[i].in_hand;
		overdue += us->units[i].overdue;
	}
	snprintf(buf, sizeof(buf), _("%zu units; in hand %lld, overdue %lld"), us->n, (long long)in_hand,
		 (long long)overdue);
	ui_put(2, 2, COLS - 4, overdue ? UA_WARN : A_NORMAL_, buf);
	u8_fit(&h, _("Unit"), 24, 0);
	strbuf_addch(&h, ' ');
	u8_fit(&h, _("Contact"), 10, 0);
	strbuf_addch(&h, ' ');
	u8_fit(&h, C_("field", "Phone"), 13, 0);
	strbuf_addch(&h, ' ');
	u8_fit(&h, _("In hand"), 8, 0);
	strbuf_addch(&h, ' ');
	strbuf_adds(&h, _("Overdue"));
	ui_put(3, 1, COLS - 2, UA_LABEL, h.buf);
	strbuf_release(&h);
	if (us->sel < us->top)
		us->top = us->sel;
	if (us->sel >= us->top + rows)
		us->top = us->sel - rows + 1;
	for (size_t i = (size_t)us->top; i < us->n && y < 4 + rows; i++, y++) {
		const struct unit *u = &us->units[i];
		struct strbuf sb = STRBUF_INIT;
		char num[24];

		u8_fit(&sb, u->name, 24, 1);
		strbuf_addch(&sb, ' ');
		u8_fit(&sb, u->contact, 10, 1);
		strbuf_addch(&sb, ' ');
		u8_fit(&sb, u->phone, 13, 1);
		strbuf_addch(&sb, ' ');
		snprintf(num, sizeof(num), "%lld", (long long)u->in_hand);
		u8_rjust(&sb, num, 7);
		strbuf_adds(&sb, "  ");
		if (u->overdue) {
			char *late = xasprintf(_("%lld overdue"), (long long)u->overdue);

			strbuf_adds(&sb, late);
			free(late);
		}
		ui_put(y, 1, COLS - 2, (int)i == us->sel ? UA_FOCUS : u->overdue ? UA_WARN : A_NORMAL_, sb.buf);
		strbuf_release(&sb);
	}
	if (us->unread) {
		char *why = xasprintf(_("The ledger could not be read, so what is shown here may be wrong: %s"), us->unread);

		ui_put_wrapped(5, 4, COLS - 8, 3, UA_ERROR, why);
		free(why);
	} else if (!us->n)
		ui_put_wrapped(5, 4, COLS - 8, 3, UA_DIM,
			       _("The unit directory is empty. A handover adds the unit it names; staff can also add units with 'jiedai unit add'."));
	ui_statusline(ui, _("Enter opens a unit: its items in hand, and its chase slip (督办单)."));
	{
		const char *items[] = { "Enter", _("Open"), "Esc", _("Back"), NULL };

		ui_keybar(items);
	}
}

static int units_key(struct ui *ui, void *st, struct uikey k)
{
	struct units_screen *us = st;
	int n = (int)us->n, sel = us->sel;

	switch (k.fn) {
	case KEY_UP: return ui_move_to(&us->sel, sel > 0 ? sel - 1 : sel);
	case KEY_DOWN: return ui_move_to(&us->sel, sel + 1 < n ? sel + 1 : sel);
	case KEY_PPAGE: return ui_move_to(&us->sel, sel > rows_shown() ? sel - rows_shown() : 0);
	case KEY_NPAGE: return ui_move_to(&us->sel, sel + rows_shown() < n ? sel + rows_shown() : (n ? n - 1 : 0));
	case KEY_HOME: return ui_move_to(&us->sel, 0);
	case KEY_END: return ui_move_to(&us->sel, n ? n - 1 : 0);
	case KEY_ENTER:
		if (!n)
			return R_NONE;
		screen_unit_open(ui, us->units[us->sel].name);
		return R_SWITCH;
	case KEY_F(10): ui_pop(ui); return R_SWITCH;
	case 0: break;
	default: return R_NONE;
	}
	if (k.ch == KEY_ESC || k.ch == CTRL('q')) {
		ui_pop(ui);
		return R_SWITCH;
	}
	return R_NONE;
}

static void units_free_st(void *st)
{
	struct units_screen *us = st;

	units_free(us->units, us->n);
	free(us->unread);
	free(us);
}

static const struct screen_ops units_ops = {
	.name = "units",
	.draw = units_draw,
	.key = units_key,
	.reload = units_reload,
	.free = units_free_st,
};

void screen_units_open(struct ui *ui)
{
	struct units_screen *us = xcalloc(1, sizeof(*us));

	units_reload(ui, us);
	ui_push(ui, &units_ops, us);
}
