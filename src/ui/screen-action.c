/*
 * screen-action.c — a follow-up step on one ticket, as the station's form
 * for it (forms/handover.form, answer.form, rate.form, signoff.form,
 * reopen.form, void.form).  Saving applies the step in one transaction; a
 * refusal (the state changed meanwhile, a missing value) keeps the form.
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
#include "validate.h"
#include "xmalloc.h"

struct action_screen {
	enum ticket_action a;
	char *number, *summary;
	const struct form_spec *spec;
	struct uiform form;
};

static void action_draw(struct ui *ui, void *st)
{
	struct action_screen *s = st;
	char title[200];

	snprintf(title, sizeof(title), "%s  %s", formspec_title(s->spec), s->number);
	ui_titlebar(title, NULL);
	ui_put(2, 2, COLS - 4, UA_DIM, s->summary);
	uiform_draw(&s->form, 4, LINES - 2);
	ui_statusline(ui, uiform_help(&s->form));
	{
		const char *items[] = { "F2/^S", _("Save"), "Tab", _("Next field"), "Esc", _("Back"), NULL };

		ui_keybar(items);
	}
}

/* The station's own fields of the form as a JSON object (caller frees). */
static char *extra_json(const struct action_screen *s, char **values)
{
	struct strbuf sb = STRBUF_INIT;
	int first = 1;

	strbuf_addch(&sb, '{');
	for (size_t i = 0; i < s->spec->nfields; i++) {
		if (formspec_is_core(s->spec->name, s->spec->fields[i].id) || !*values[i])
			continue;
		if (!first)
			strbuf_addch(&sb, ',');
		first = 0;
		strbuf_add_json(&sb, s->spec->fields[i].id);
		strbuf_addch(&sb, ':');
		strbuf_add_json(&sb, values[i]);
	}
	strbuf_addch(&sb, '}');
	return strbuf_detach(&sb);
}

static const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

/*
 * The handover deadline: a number of days typed counts from today by the
 * station's deadline_unit and holiday calendar (the form alone would give
 * today + N); a date typed stays as it is.  *warn as for workdays_due().
 */
static const char *handover_due(struct ui *ui, struct action_screen *s, char **values,
				char date[CLOCK_DATE_LEN], char **warn)
{
	char *typed = uiform_get(&s->form, "due");
	int days = validate_deadline_days(typed);
	const char *due = uiform_value(&s->form, values, "due");
	char today[CLOCK_DATE_LEN];

	free(typed);
	if (days > 0) {
		clock_today(today);
		if (cmd_deadline(ui_jd(ui), today, days, date, warn) == 0)
			due = date;
	}
	return due;
}

static int action_save(struct ui *ui, struct action_screen *s)
{
	struct jd *jd = ui_jd(ui);
	struct actor who = identity_actor(&jd->me);
	struct step st;
	struct ticket t;
	char **values = NULL, *extra, due[CLOCK_DATE_LEN], *warn = NULL;
	int r;

	if (uiform_validate(&s->form, &values) < 0) {
		ui_error(ui, "%s", _("Please correct the fields marked with !"));
		return R_REDRAW;
	}
	if (s->a == TA_VOID &&
	    !ui_confirm(ui, _("Void this item? It keeps its number and history but is no longer handled."),
			C_("action", "Void"), _("Keep it"))) {
		uiform_values_free(values, s->form.n);
		return R_REDRAW;
	}
	memset(&st, 0, sizeof(st));
	st.action = s->a;
	extra = extra_json(s, values);
	st.extra_json = extra;
	switch (s->a) {
	case TA_HANDOVER:
		st.unit = uiform_value(&s->form, values, "unit");
		st.due_date = handover_due(ui, s, values, due, &warn);
		st.text = nonempty(uiform_value(&s->form, values, "note"));
		break;
	case TA_ANSWER:
		st.method = uiform_value(&s->form, values, "method");
		st.date = nonempty(uiform_value(&s->form, values, "date"));
		st.text = uiform_value(&s->form, values, "text");
		break;
	case TA_RATE:
		st.rating = uiform_value(&s->form, values, "rating");
		st.text = nonempty(uiform_value(&s->form, values, "note"));
		break;
	case TA_SIGNOFF:
		st.text = nonempty(uiform_value(&s->form, values, "note"));
		break;
	default:
		st.text = uiform_value(&s->form, values, "reason");
		break;
	}
	error_clear();
	r = store_ticket_step(jd->store, s->number, &st, &who, &t);
	uiform_values_free(values, s->form.n);
	free(extra);
	if (r != STORE_OK) {
		ui_error(ui, _("Not saved: %s"), error_last());
		free(warn);
		return R_REDRAW;
	}
	ui_message(ui, _("%s: %s done; now %s."), t.number, ticket_action_label(s->a), ticket_status_label(t.status));
	if (warn)	/* a deadline past the holiday calendar: the person must check it */
		ui_error(ui, "%s", warn);
	free(warn);
	ticket_release(&t);
	ui_reload_all(ui);
	ui_pop(ui);
	return R_REDRAW;
}

static int action_key(struct ui *ui, void *st, struct uikey k)
{
	struct action_screen *s = st;
	int left;

	switch (uiform_key(ui, &s->form, k, &left)) {
	case FORM_SAVE:
		return action_save(ui, s);
	case FORM_CANCEL:
		if (uiform_may_leave(ui, &s->form))
			ui_pop(ui);
		return R_REDRAW;
	default:
		return R_REDRAW;
	}
}

static void action_free(void *st)
{
	struct action_screen *s = st;

	uiform_release(&s->form);
	free(s->number);
	free(s->summary);
	free(s);
}

static void action_save_draft(struct ui *ui, void *st)
{
	struct action_screen *s = st;

	uiform_save_draft(ui, &s->form, ticket_action_name(s->a), s->number);
}

static const struct screen_ops action_ops = {
	.name = "action",
	.draw = action_draw,
	.key = action_key,
	.save_draft = action_save_draft,
	.free = action_free,
};

void screen_action_open(struct ui *ui, const struct ticket *t, int action, const char *draft_json)
{
	struct jd *jd = ui_jd(ui);
	struct action_screen *s = xcalloc(1, sizeof(*s));
	char *issue = u8_sanitize(t->issue, 0);

	s->a = (enum ticket_action)action;
	s->number = xstrdup(t->number);
	s->summary = xasprintf("%s  %s  %s", t->name, t->category, issue);
	free(issue);
	s->spec = forms_get(&jd->forms, ticket_action_name(s->a));
	uiform_init(&s->form, s->spec, _("Save (F2)"));
	/* Handing over again keeps the unit that had it. */
	if (s->a == TA_HANDOVER && *t->unit)
		uiform_set(&s->form, "unit", t->unit);
	if (draft_json)
		uiform_load_json(&s->form, jd->store, draft_json);
	ui_push(ui, &action_ops, s);
}
