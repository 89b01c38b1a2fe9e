/*
 * screen-day.c — opening and closing the reception day (接待选民日), and
 * entering an earlier day for its paper records (补录).
 *
 * Opening asks for the deputies present and the place, with the previous
 * day's answers filled in; an open day is closed from its list instead
 * (screen-daysheet.c).  The form is built from a form file embedded
 * here (same parser, same checks as forms/), since it is the program's own
 * and not a station's to change.  A date before today enters that day
 * closed and goes on to the intake form for its paper records.  Deputies
 * who come after today's day was opened are added to it with the same step.
 */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "error.h"
#include "form.h"
#include "i18n.h"
#include "jd.h"
#include "store.h"
#include "strbuf.h"
#include "u8.h"
#include "validate.h"
#include "xmalloc.h"

static const char day_form_text[] =
	"form day\n"
	"title 开始接待选民日 | Open the reception day\n"
	"field date\nlabel 日期 | Date\nkind date\nrequired\n"
	"field deputies\nlabel 到场代表 | Deputies present\nkind text\nwidth 40\nmaxlen 100\nrequired\n"
	"help 用顿号或逗号分开，如：王芳、李强 | Separate names with commas\n"
	"field place\nlabel 地点 | Place\nkind text\nwidth 40\nmaxlen 100\n";

static const char backfill_form_text[] =
	"form day\n"
	"title 补录：纸质登记的接待日 | Paper records of an earlier day\n"
	"field date\nlabel 日期 | Date\nkind date\nrequired\n"
	"help 当天用纸登记的接待选民日，如 2026-03-03 | The reception day the paper records were written on\n"
	"field deputies\nlabel 到场代表 | Deputies present\nkind text\nwidth 40\nmaxlen 100\nrequired\n"
	"help 用顿号或逗号分开，如：王芳、李强 | Separate names with commas\n"
	"field place\nlabel 地点 | Place\nkind text\nwidth 40\nmaxlen 100\n";

/* Today's open day: its deputies filled in, those who came later typed after them. */
static const char add_form_text[] =
	"form day\n"
	"title 加上后到的代表 | Deputies who came later\n"
	"field deputies\nlabel 到场代表 | Deputies present\nkind text\nwidth 40\nmaxlen 100\nrequired\n"
	"help 在名单后面加上后到的代表，用顿号分开；名单上的代表不会去掉 | "
	"Add those who came later after the names, separated by commas; no one is taken off\n"
	"field place\nlabel 地点 | Place\nkind text\nwidth 40\nmaxlen 100\n";

struct day_screen {
	struct form_spec *spec;
	struct uiform form;
	int then_intake;
	int backfill;		/* entering an earlier day's paper records (补录) */
	int adding;		/* adding deputies to today's open day */
};

/* Split "王芳、李强" into names. */
static char **split_names(const char *s)
{
	char **names = xcalloc(1, sizeof(*names));
	size_t n = 0;
	struct strbuf cur = STRBUF_INIT;

	for (const char *p = s;; ) {
		int sep = !*p || *p == ',' || *p == ' ' || !strncmp(p, "，", 3) || !strncmp(p, "、", 3) ||
			  !strncmp(p, "\xe3\x80\x80", 3);

		if (sep) {
			if (cur.len) {
				names = xreallocarray(names, n + 2, sizeof(*names));
				names[n++] = strbuf_detach(&cur);
				names[n] = NULL;
			}
			if (!*p)
				break;
			p += (*p == ',' || *p == ' ') ? 1 : 3;
			continue;
		}
		strbuf_addch(&cur, *p++);
	}
	strbuf_release(&cur);
	return names;
}

static void day_draw(struct ui *ui, void *st)
{
	struct day_screen *d = st;

	ui_titlebar(formspec_title(d->spec), NULL);
	ui_puts(2, 2, A_NORMAL_, d->backfill ? _("Which earlier day were the paper records written on, who was there, and where?") :
		d->adding ? _("Who else has come to receive voters today?") :
		_("Who is receiving voters today, and where?"));
	uiform_draw(&d->form, 4, LINES - 3);
	ui_statusline(ui, uiform_help(&d->form));
	{
		const char *items[] = { "F2/^S", d->backfill ? _("Enter its records") :
					d->adding ? _("Add them") : _("Open the day"),
					"Tab", _("Next field"), "Esc", _("Back"), NULL };

		ui_keybar(items);
	}
}

static int day_save(struct ui *ui, struct day_screen *d)
{
	struct jd *jd = ui_jd(ui);
	char **values = NULL, **names;
	struct ledger_step st = { .kind = STEP_DAY_OPEN };
	struct ledger_result res;
	char today[CLOCK_DATE_LEN], earlier[CLOCK_DATE_LEN] = "";
	int then = d->then_intake, adding = d->adding, r;

	if (uiform_validate(&d->form, &values) < 0) {
		ui_error(ui, "%s", _("Please correct the fields marked with !"));
		return R_REDRAW;
	}
	clock_today(today);
	if (adding) {
		/* Today's open day, whatever its form leaves out. */
	} else if (strcmp(uiform_value(&d->form, values, "date"), today) < 0) {
		snprintf(earlier, sizeof(earlier), "%s", uiform_value(&d->form, values, "date"));
	} else if (d->backfill) {
		uiform_values_free(values, d->form.n);
		uiform_focus(&d->form, "date");
		ui_error(ui, "%s", _("补录 is for the paper records of a day before today; today's voters are registered with 1."));
		return R_REDRAW;
	}
	names = split_names(uiform_value(&d->form, values, "deputies"));
	st.date = adding ? today : uiform_value(&d->form, values, "date");
	st.place = uiform_value(&d->form, values, "place");
	st.deputies = names;
	error_clear();
	r = ledger_apply(jd->store, &jd->me, &st, &res);
	u8_lines_free(names);
	uiform_values_free(values, d->form.n);
	if (r != STORE_OK) {
		ui_error(ui, "%s", error_last());
		return R_NONE;
	}
	ui_pop(ui);
	if (adding) {
		struct strbuf sb = STRBUF_INIT;

		for (char **p = res.day.deputies; p && *p; p++) {
			if (sb.len)
				strbuf_adds(&sb, "、");
			strbuf_adds(&sb, *p);
		}
		ui_message(ui, _("Deputies present today: %s"), sb.buf);
		strbuf_release(&sb);
	} else if (earlier[0])
		ui_message(ui, _("The reception day of %s is in the ledger, closed: enter its paper records (补录)."),
			   earlier);
	else if (res.closed_other)
		ui_message(ui, _("The reception day of %s was still open; it has been closed."), res.closed_other);
	else
		ui_message(ui, "%s", _("The reception day is open."));
	ledger_result_release(&res);
	ui_reload_all(ui);
	if (earlier[0])
		screen_intake_backfill(ui, NULL, earlier);
	else if (then)
		screen_intake_open(ui, NULL, NULL);
	return R_SWITCH;
}

/* 补录: a day the ledger has already gives its deputies and place. */
static void fill_known_day(struct ui *ui, struct day_screen *d)
{
	char *raw = uiform_get(&d->form, "date"), *date = NULL, *msg = NULL;
	const struct form_field *f = formspec_field(d->spec, "date");
	struct reception_day day;
	struct strbuf sb = STRBUF_INIT;

	if (raw && *raw && validate_field(f, raw, &date, &msg) == 0 &&
	    store_day_get(ui_jd(ui)->store, date, &day) == STORE_OK) {
		for (char **p = day.deputies; *p; p++) {
			if (sb.len)
				strbuf_adds(&sb, "、");
			strbuf_adds(&sb, *p);
		}
		if (sb.len)
			uiform_set(&d->form, "deputies", sb.buf);
		if (*day.place)
			uiform_set(&d->form, "place", day.place);
		reception_day_release(&day);
	}
	strbuf_release(&sb);
	free(raw);
	free(date);
	free(msg);
}

static int day_key(struct ui *ui, void *st, struct uikey k)
{
	struct day_screen *d = st;
	int left;
	enum form_result fr = uiform_key(ui, &d->form, k, &left);

	if (left >= 0 && !strcmp(d->form.f[left].spec->id, "date"))
		fill_known_day(ui, d);
	switch (fr) {
	case FORM_SAVE: return day_save(ui, d);
	case FORM_CANCEL: ui_pop(ui); return R_SWITCH;
	case FORM_NONE: return R_REDRAW;	/* fill_known_day() fills it on such a key */
	default: return R_NONE;
	}
}

static void day_free(void *st)
{
	struct day_screen *d = st;

	uiform_release(&d->form);
	formspec_free(d->spec);
	free(d);
}

static const struct screen_ops day_ops = {
	.name = "day",
	.draw = day_draw,
	.key = day_key,
	.free = day_free,
};

/* The deputies and place of the most recent day, to fill in. */
static void previous_day(struct store *s, struct uiform *form)
{
	struct reception_day d;
	char **names = store_deputy_names(s);
	struct strbuf sb = STRBUF_INIT;
	char *place = store_setting(s, "station_place");

	if (store_day_current(s, &d) == STORE_OK) {
		for (char **p = d.deputies; *p; p++) {
			if (sb.len)
				strbuf_adds(&sb, "、");
			strbuf_adds(&sb, *p);
		}
		if (*d.place) {
			free(place);
			place = xstrdup(d.place);
		}
		reception_day_release(&d);
	}
	if (!sb.len)
		for (char **p = names; *p && p - names < 4; p++) {
			if (sb.len)
				strbuf_adds(&sb, "、");
			strbuf_adds(&sb, *p);
		}
	uiform_set(form, "deputies", sb.buf);
	uiform_set(form, "place", place);
	strbuf_release(&sb);
	u8_lines_free(names);
	free(place);
}

/*
 * The form that opens today's day, or (backfill) enters an earlier one for
 * 补录, or (adding) adds deputies to today's open day.
 */
static void open_form(struct ui *ui, int then_intake, int backfill, int adding)
{
	struct jd *jd = ui_jd(ui);
	struct strbuf errs = STRBUF_INIT;
	struct day_screen *d = xcalloc(1, sizeof(*d));
	char today[CLOCK_DATE_LEN];

	clock_today(today);
	d->spec = formspec_parse(backfill ? backfill_form_text : adding ? add_form_text : day_form_text,
				 "day.form", &errs);
	if (!d->spec)
		BUG("built-in day form: %s", errs.buf);
	strbuf_release(&errs);
	uiform_init(&d->form, d->spec, backfill ? _("Enter its records") : adding ? _("Add them") : _("Open the day"));
	if (!backfill && !adding)
		uiform_set(&d->form, "date", today);
	previous_day(jd->store, &d->form);
	d->form.focus = backfill || adding ? 0 : 1;
	d->then_intake = then_intake;
	d->backfill = backfill;
	d->adding = adding;
	ui_push(ui, &day_ops, d);
}

void screen_day_open(struct ui *ui, int then_intake)
{
	struct jd *jd = ui_jd(ui);
	struct reception_day cur;
	int r = then_intake ? STORE_NOTFOUND : store_day_current(jd->store, &cur);

	/* Not knowing whether a day is open is not "none is open": opening one would close it. */
	if (r != STORE_OK && r != STORE_NOTFOUND) {
		ui_error(ui, "%s", error_last());
		return;
	}
	if (r == STORE_OK) {
		char q[256], today[CLOCK_DATE_LEN];
		const char *items[5];
		int choice, n = 0, add = -1;

		clock_today(today);
		snprintf(q, sizeof(q), _("Close the reception day of %s? (%d voters, %d issues)"),
			 cur.date, cur.visitors, cur.tickets);
		items[n++] = _("Close it");
		items[n++] = _("Enter the paper records of an earlier day (补录)");
		/* A day left open from an earlier date is to be closed, not added to. */
		if (!strcmp(cur.date, today)) {
			add = n;
			items[n++] = _("Add deputies who came later");
		}
		items[n++] = _("Keep it open");
		items[n] = NULL;
		choice = ui_choose(ui, _("Reception day"), q, items);
		if (choice == 1 || (choice >= 0 && choice == add)) {
			reception_day_release(&cur);
			open_form(ui, 0, choice == 1, choice == add);
			return;
		}
		/* An open day is closed from its list, 当日接待登记表 (screen-daysheet.c). */
		if (choice == 0)
			screen_daysheet_open(ui, cur.date);
		reception_day_release(&cur);
		return;
	}
	open_form(ui, then_intake, 0, 0);
}
