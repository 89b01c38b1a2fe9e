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
#include "error.h"
#include "form.h"
#include "i18n.h"
#include "jd.h"
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

		uiform_keybar(&s->form, items);
	}
}

static int action_save(struct ui *ui, struct action_screen *s)
{
	struct jd *jd = ui_jd(ui);
	struct ledger_form lf;
	struct ledger_result res;
	char **values = NULL;
	int r, new_unit = 0;

	if (uiform_validate(&s->form, &values) < 0) {
		ui_error(ui, "%s", _("Please correct the fields marked with !"));
		return R_REDRAW;
	}
	if (s->a == TA_VOID &&
	    !ui_confirm(ui, _("Void this item? It keeps its number and history but is no longer handled."),
			C_("action", "Void"), _("Keep it"))) {
		uiform_values_free(values, s->form.n);
		return R_NONE;
	}
	error_clear();
	/* The same mapping from the form to the step as the command line's (ledger.h). */
	uiform_values_free(values, s->form.n);
	/* As typed: the core checks and maps them as it does the command line's. */
	values = uiform_raw(&s->form);
	r = ledger_step_from_form(&lf, step_of_action(s->a), s->spec, values, NULL);
	/* A unit the directory does not know joins it in the same step (store-unit.c). */
	if (s->a == TA_HANDOVER) {
		const char *unit = uiform_value(&s->form, values, "unit");

		new_unit = unit && *unit && !uiform_suggested(&s->form, "unit", unit);
	}
	uiform_values_free(values, s->form.n);
	if (r < 0) {
		ui_error(ui, _("Not saved: %s"), error_last());
		return R_NONE;
	}
	lf.step.number = s->number;
	r = ledger_apply(jd->store, &jd->me, &lf.step, &res);
	ledger_form_release(&lf);
	if (r != STORE_OK) {
		ui_error(ui, _("Not saved: %s"), error_last());
		return R_NONE;
	}
	if (*error_last_warning())	/* a deadline past the holiday calendar: the person must check it */
		ui_error(ui, "%s", error_last_warning());
	else if (new_unit)
		ui_message(ui, _("%s: %s done; now %s. %s is new: it was added to the unit directory."),
			   res.ticket.number, ticket_action_label(s->a), ticket_status_label(res.ticket.status),
			   res.ticket.unit);
	else
		ui_message(ui, _("%s: %s done; now %s."), res.ticket.number, ticket_action_label(s->a),
			   ticket_status_label(res.ticket.status));
	ledger_result_release(&res);
	s->form.dirty = 0;
	ui_reload_all(ui);
	ui_pop(ui);
	return R_SWITCH;
}

static int action_key(struct ui *ui, void *st, struct uikey k)
{
	struct action_screen *s = st;
	int left;

	switch (uiform_key(ui, &s->form, k, &left)) {
	case FORM_SAVE:
		return action_save(ui, s);
	case FORM_CANCEL:
		if (!uiform_may_leave(ui, &s->form))
			return R_NONE;
		ui_pop(ui);
		return R_SWITCH;
	case FORM_NONE:
		return R_REDRAW;
	default:
		return R_NONE;
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
	/* Handing over again keeps the unit that had it; the unit directory is the pick list. */
	if (s->a == TA_HANDOVER) {
		uiform_suggest(&s->form, "unit", store_unit_names(jd->store));
		if (*t->unit)
			uiform_set(&s->form, "unit", t->unit);
	}
	if (draft_json)
		uiform_load_json(&s->form, jd->store, draft_json);
	ui_push(ui, &action_ops, s);
}
