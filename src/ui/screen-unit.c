/*
 * screen-unit.c — one unit (承办单位): its contact person and phone, and the
 * items it has in hand (已交办), soonest deadline first, each overdue one
 * with the days it is overdue.  From here the unit's chase slip (督办单,
 * chase.h) goes to the receipt printer or into a file, and each item on it
 * gets 督办 in its history through the gate.  Items recorded under another
 * name of the unit (a former name, a merged spelling) are its items too.
 */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chase.h"
#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "jd.h"
#include "store.h"
#include "strbuf.h"
#include "u8.h"
#include "xmalloc.h"

/* A unit's items in hand are few; more than this are left for `jiedai list --unit`. */
#define UNIT_ITEMS_MAX 500

struct urow {
	char *number, *due, *category, *issue;
	long late;		/* days overdue, 0 when not */
};

struct unit_screen {
	char *name;
	struct unit u;
	int known;		/* in the directory */
	struct urow *rows;
	int n, sel, top;
	char *unread;		/* why the unit or its items could not be read, or NULL */
};

static void rows_clear(struct unit_screen *s)
{
	for (int i = 0; i < s->n; i++) {
		free(s->rows[i].number);
		free(s->rows[i].due);
		free(s->rows[i].category);
		free(s->rows[i].issue);
	}
	free(s->rows);
	s->rows = NULL;
	s->n = 0;
}

static int collect(const struct ticket *t, void *arg)
{
	struct unit_screen *s = arg;
	struct urow *r;
	char today[CLOCK_DATE_LEN];

	s->rows = xreallocarray(s->rows, (size_t)s->n + 1, sizeof(*s->rows));
	r = &s->rows[s->n++];
	r->number = xstrdup(t->number);
	r->due = xstrdup(t->due_date ? t->due_date : "");
	r->category = xstrdup(t->category);
	r->issue = u8_sanitize(t->issue, 0);
	clock_today(today);
	r->late = t->overdue && t->due_date ? clock_days_between(t->due_date, today) : 0;
	return 0;
}

static void unit_reload(struct ui *ui, void *st)
{
	struct unit_screen *s = st;
	struct ticket_filter f = TICKET_FILTER_INIT;
	struct jd *jd = ui_jd(ui);
	int r;

	unit_release(&s->u);
	free(s->unread);
	s->unread = NULL;
	error_clear();
	r = store_unit_get(jd->store, s->name, &s->u);
	s->known = r == STORE_OK;
	if (r != STORE_OK && r != STORE_NOTFOUND)
		s->unread = xstrdup(error_last());
	if (s->known && strcmp(s->u.name, s->name)) {
		/* Renamed or merged meanwhile: follow it. */
		free(s->name);
		s->name = xstrdup(s->u.name);
	}
	rows_clear(s);
	f.unit = s->name;
	f.status = TS_ASSIGNED;
	f.order = ORDER_DUE;
	f.limit = UNIT_ITEMS_MAX;
	if (store_ticket_list(jd->store, &f, collect, s) != STORE_OK && !s->unread)
		s->unread = xstrdup(error_last());
	if (s->sel >= s->n)
		s->sel = s->n ? s->n - 1 : 0;
}

static int rows_shown(void)
{
	int v = LINES - 8;

	return v < 1 ? 1 : v;
}

static void unit_draw(struct ui *ui, void *st)
{
	struct unit_screen *s = st;
	struct strbuf h = STRBUF_INIT;
	int y = 5, rows = rows_shown(), overdue = 0, issue_w = COLS - 2 - (13 + 1 + 10 + 1 + 14 + 1 + 8 + 1);
	char buf[256];

	for (int i = 0; i < s->n; i++)
		overdue += s->rows[i].late > 0;
	snprintf(buf, sizeof(buf), _("Unit: %s"), s->name);
	ui_titlebar(buf, NULL);
	if (s->unread) {
		char *why = xasprintf(_("The ledger could not be read, so what is shown here may be wrong: %s"), s->unread);

		ui_put(2, 2, COLS - 4, UA_ERROR, why);
		free(why);
	} else if (s->known) {
		snprintf(buf, sizeof(buf), _("Contact: %s  Phone: %s"), *s->u.contact ? s->u.contact : "-",
			 *s->u.phone ? s->u.phone : "-");
		ui_put(2, 2, COLS - 4, A_NORMAL_, buf);
	} else {
		ui_put(2, 2, COLS - 4, UA_DIM, _("Not in the unit directory: items recorded with this name."));
	}
	snprintf(buf, sizeof(buf), _("In hand %d, overdue %d"), s->n, overdue);
	ui_put(3, 2, COLS - 4, overdue ? UA_WARN : A_NORMAL_, buf);
	u8_fit(&h, C_("field", "Number"), 13, 0);
	strbuf_addch(&h, ' ');
	u8_fit(&h, _("Deadline"), 10, 0);
	strbuf_addch(&h, ' ');
	u8_fit(&h, _("Overdue"), 14, 0);
	strbuf_addch(&h, ' ');
	u8_fit(&h, C_("field", "Category"), 8, 0);
	strbuf_addch(&h, ' ');
	strbuf_adds(&h, C_("field", "Issue"));
	ui_put(4, 1, COLS - 2, UA_LABEL, h.buf);
	strbuf_release(&h);
	if (s->sel < s->top)
		s->top = s->sel;
	if (s->sel >= s->top + rows)
		s->top = s->sel - rows + 1;
	for (int i = s->top; i < s->n && y < 5 + rows; i++, y++) {
		const struct urow *r = &s->rows[i];
		struct strbuf sb = STRBUF_INIT;
		char *late = r->late ? xasprintf(Q_("%ld day overdue", "%ld days overdue", r->late), r->late) : NULL;

		u8_fit(&sb, r->number, 13, 1);
		strbuf_addch(&sb, ' ');
		u8_fit(&sb, r->due, 10, 0);
		strbuf_addch(&sb, ' ');
		u8_fit(&sb, late ? late : "", 14, 1);
		strbuf_addch(&sb, ' ');
		u8_fit(&sb, r->category, 8, 1);
		strbuf_addch(&sb, ' ');
		u8_fit(&sb, r->issue, issue_w > 8 ? issue_w : 8, 1);
		ui_put(y, 1, COLS - 2, i == s->sel ? UA_FOCUS : r->late ? UA_WARN : A_NORMAL_, sb.buf);
		strbuf_release(&sb);
		free(late);
	}
	if (!s->n && !s->unread)
		ui_puts(6, 4, UA_DIM, _("(nothing in hand)"));
	ui_statusline(ui, _("P prints the chase slip (督办单) of the overdue items on the receipt printer; S saves it as a file."));
	{
		const char *items[] = { "Enter", _("Open"), "P/F5", _("Print chase slip"), "S/F6", _("Save as file"),
					"Esc", _("Back"), NULL };

		ui_keybar(items);
	}
}

/* Make the chase slip, put it out with how (print or save), and record 督办 on its items. */
static void chase(struct ui *ui, struct unit_screen *s, int print)
{
	struct jd *jd = ui_jd(ui);
	struct ledger_step st = { .kind = STEP_CHASE };
	struct chase c;
	char today[CLOCK_DATE_LEN], *where = NULL, *what, *name;

	error_clear();
	if (ledger_may(jd->store, &jd->me, STEP_CHASE) < 0) {
		ui_error(ui, "%s", error_last());
		return;
	}
	if (chase_build(jd->store, s->name, &c) != STORE_OK) {
		ui_error(ui, "%s", error_last());
		return;
	}
	if (print) {
		char *dest = store_setting(jd->store, "print_dest");

		if (ui_print_paper(ui, &c.paper) == 0)
			where = xasprintf(_("printer %s"), dest);
		free(dest);
	} else {
		clock_today(today);
		/* TRANSLATORS: the file name offered for a chase slip: unit and date */
		name = xasprintf(_("chase-%s-%s.xlsx"), c.unit, today);
		ui_save_paper(ui, &c.paper, name, &where);
		free(name);
	}
	if (!where) {
		chase_release(&c);
		return;
	}
	what = xasprintf(Q_("chase slip of %s, %zu item → %s", "chase slip of %s, %zu items → %s", c.n), c.unit,
			 c.n, where);
	st.ticket_ids = c.ids;
	st.nticket_ids = c.n;
	st.what = what;
	error_clear();
	if (ledger_apply(jd->store, &jd->me, &st, NULL) == STORE_OK)
		ui_message(ui, Q_("The chase slip went to %s; 督办 is recorded on its %zu item.",
				  "The chase slip went to %s; 督办 is recorded on its %zu items.", c.n),
			   where, c.n);
	else
		ui_error(ui, _("The chase slip went out, but it could not be recorded: %s"), error_last());
	free(what);
	free(where);
	chase_release(&c);
	ui_reload_all(ui);
}

static int unit_key(struct ui *ui, void *st, struct uikey k)
{
	struct unit_screen *s = st;
	int sel = s->sel;

	/* A chase slip shows in the status line and the reload it asks for. */
	switch (k.fn) {
	case KEY_UP: return ui_move_to(&s->sel, sel > 0 ? sel - 1 : sel);
	case KEY_DOWN: return ui_move_to(&s->sel, sel + 1 < s->n ? sel + 1 : sel);
	case KEY_PPAGE: return ui_move_to(&s->sel, sel > rows_shown() ? sel - rows_shown() : 0);
	case KEY_NPAGE:
		return ui_move_to(&s->sel, sel + rows_shown() < s->n ? sel + rows_shown() : (s->n ? s->n - 1 : 0));
	case KEY_HOME: return ui_move_to(&s->sel, 0);
	case KEY_END: return ui_move_to(&s->sel, s->n ? s->n - 1 : 0);
	case KEY_ENTER:
		if (!s->n)
			return R_NONE;
		screen_detail_open(ui, s->rows[s->sel].number);
		return R_SWITCH;
	case KEY_F(5): chase(ui, s, 1); return R_NONE;
	case KEY_F(6): chase(ui, s, 0); return R_NONE;
	case KEY_F(10): ui_pop(ui); return R_SWITCH;
	case 0: break;
	default: return R_NONE;
	}
	switch (k.ch) {
	case KEY_ESC: ui_pop(ui); return R_SWITCH;
	case 'p': case 'P': chase(ui, s, 1); return R_NONE;
	case 's': case 'S': chase(ui, s, 0); return R_NONE;
	default: return R_NONE;
	}
}

static void unit_free(void *st)
{
	struct unit_screen *s = st;

	rows_clear(s);
	unit_release(&s->u);
	free(s->name);
	free(s->unread);
	free(s);
}

static const struct screen_ops unit_ops = {
	.name = "unit",
	.draw = unit_draw,
	.key = unit_key,
	.reload = unit_reload,
	.free = unit_free,
};

void screen_unit_open(struct ui *ui, const char *name)
{
	struct unit_screen *s = xcalloc(1, sizeof(*s));

	s->name = xstrdup(name);
	unit_reload(ui, s);
	ui_push(ui, &unit_ops, s);
}
