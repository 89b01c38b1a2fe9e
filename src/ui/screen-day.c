/*
 * screen-day.c — opening and closing the reception day (接待选民日).
 *
 * Opening asks for the deputies present and the place, with the previous
 * day's answers filled in; an open day is closed from its list instead
 * (screen-daysheet.c).  The form is built from a form file embedded
 * here (same parser, same checks as forms/), since it is the program's own
 * and not a station's to change.
 */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "cmd.h"
#include "error.h"
#include "form.h"
#include "i18n.h"
#include "store.h"
#include "strbuf.h"
#include "u8.h"
#include "xmalloc.h"

static const char day_form_text[] =
	"form day\n"
	"title 开始接待选民日 | Open the reception day\n"
	"field date\nlabel 日期 | Date\nkind date\nrequired\n"
	"field deputies\nlabel 到场代表 | Deputies present\nkind text\nwidth 40\nmaxlen 100\nrequired\n"
	"help 用顿号或逗号分开，如：王芳、李强 | Separate names with commas\n"
	"field place\nlabel 地点 | Place\nkind text\nwidth 40\nmaxlen 100\n";

struct day_screen {
	struct form_spec *spec;
	struct uiform form;
	int then_intake;
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
	ui_puts(2, 2, A_NORMAL_, _("Who is receiving voters today, and where?"));
	uiform_draw(&d->form, 4, LINES - 3);
	ui_statusline(ui, uiform_help(&d->form));
	{
		const char *items[] = { "F2/^S", _("Open the day"), "Tab", _("Next field"), "Esc", _("Back"), NULL };

		ui_keybar(items);
	}
}

static int day_save(struct ui *ui, struct day_screen *d)
{
	struct jd *jd = ui_jd(ui);
	char **values = NULL, **names;
	struct ledger_step st = { .kind = STEP_DAY_OPEN };
	struct ledger_result res;
	int then = d->then_intake, r;

	if (uiform_validate(&d->form, &values) < 0) {
		ui_error(ui, "%s", _("Please correct the fields marked with !"));
		return R_REDRAW;
	}
	names = split_names(uiform_value(&d->form, values, "deputies"));
	st.date = uiform_value(&d->form, values, "date");
	st.place = uiform_value(&d->form, values, "place");
	st.deputies = names;
	error_clear();
	r = ledger_apply(jd->store, &jd->me, &st, &res);
	u8_lines_free(names);
	uiform_values_free(values, d->form.n);
	if (r != STORE_OK) {
		ui_error(ui, "%s", error_last());
		return R_REDRAW;
	}
	ui_pop(ui);
	if (res.closed_other)
		ui_message(ui, _("The reception day of %s was still open; it has been closed."), res.closed_other);
	else
		ui_message(ui, "%s", _("The reception day is open."));
	ledger_result_release(&res);
	ui_reload_all(ui);
	if (then)
		screen_intake_open(ui, NULL, NULL);
	return R_REDRAW;
}

static int day_key(struct ui *ui, void *st, struct uikey k)
{
	struct day_screen *d = st;
	int left;

	switch (uiform_key(ui, &d->form, k, &left)) {
	case FORM_SAVE: return day_save(ui, d);
	case FORM_CANCEL: ui_pop(ui); return R_REDRAW;
	default: return R_REDRAW;
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

void screen_day_open(struct ui *ui, int then_intake)
{
	struct jd *jd = ui_jd(ui);
	struct reception_day cur;
	struct strbuf errs = STRBUF_INIT;
	struct day_screen *d;
	char today[CLOCK_DATE_LEN];

	clock_today(today);
	if (!then_intake && store_day_current(jd->store, &cur) == STORE_OK) {
		/* An open day is closed from its list (screen-daysheet.c). */
		screen_daysheet_open(ui, cur.date);
		reception_day_release(&cur);
		return;
	}
	d = xcalloc(1, sizeof(*d));
	d->spec = formspec_parse(day_form_text, "day.form", &errs);
	if (!d->spec)
		BUG("built-in day form: %s", errs.buf);
	strbuf_release(&errs);
	uiform_init(&d->form, d->spec, _("Open the day"));
	uiform_set(&d->form, "date", today);
	previous_day(jd->store, &d->form);
	d->form.focus = 1;
	d->then_intake = then_intake;
	ui_push(ui, &day_ops, d);
}
