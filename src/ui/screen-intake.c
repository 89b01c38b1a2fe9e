/*
 * screen-intake.c — 登记: the intake form of forms/intake.form; also 更正,
 * the same form filled in with a saved ticket, to correct it.
 *
 * One key saves (F2 or Ctrl-S): the ticket is committed, and only then does
 * the receipt screen show its number.  A phone number already in the ledger
 * offers that voter's details and earlier tickets.  Ctrl-O jumps to the
 * on-the-spot answer (现场答复).  Leaving with something typed asks first;
 * a dropped link keeps it as a draft.
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
#include "validate.h"
#include "xmalloc.h"

struct intake_screen {
	struct uiform form;
	int64_t voter_id;	/* a second issue of the same voter */
	char *voter_name;
	char *looked_up;	/* the phone already looked up, so we ask once */
	char day[CLOCK_DATE_LEN];
	char backfill[CLOCK_DATE_LEN];	/* 补录: the earlier day whose paper records these are, or "" */
	int64_t day_id;		/* the reception day the ticket goes to (0: none) */
	int ndeputies;		/* deputies present that day: 接待代表 is picked from them */
	/*
	 * 更正: the ticket corrected, the intake form without its on-the-spot
	 * fields (a view: the fields are the intake form's, not copies), and
	 * what the fields held at the start, so only what changed is sent.
	 */
	char *correct;
	struct form_spec view;
	char **orig;
};

static void intake_draw(struct ui *ui, void *st)
{
	struct intake_screen *s = st;
	struct jd *jd = ui_jd(ui);
	char right[128];

	if (s->day[0])
		snprintf(right, sizeof(right), _("Reception day %s · %s"), s->day, jd->me.name);
	else
		snprintf(right, sizeof(right), "%s", jd->me.name);
	if (s->correct) {
		char title[160];

		snprintf(title, sizeof(title), _("Correct %s (更正)"), s->correct);
		ui_titlebar(title, jd->me.name);
		ui_puts(1, 2, UA_LABEL, _("Change what was mistyped; the number and the history stay."));
	} else if (s->backfill[0]) {
		char title[160];

		snprintf(title, sizeof(title), _("Paper records of %s (补录)"), s->backfill);
		ui_titlebar(title, jd->me.name);
		if (!s->voter_id)
			ui_puts(1, 2, UA_LABEL, _("Entered afterwards: the ticket carries that day's date and 第N位."));
	} else {
		ui_titlebar(formspec_title(jd->forms.intake), right);
	}
	if (s->voter_id)
		ui_putf(1, 2, UA_LABEL, _("Another issue from the same voter (%s)"), s->voter_name);
	uiform_draw(&s->form, 2, LINES - 2);
	ui_statusline(ui, uiform_help(&s->form));
	if (s->correct) {
		const char *items[] = { "F2/^S", _("Save the correction"), "Tab", _("Next field"), "Esc", _("Back"),
					NULL };

		uiform_keybar(&s->form, items);
	} else {
		const char *items[] = { "F2/^S", _("Save"), "^O", _("Answered on the spot"), "Tab", _("Next field"),
					"Esc", _("Back"), NULL };

		uiform_keybar(&s->form, items);
	}
}

/*
 * Offer the details and earlier tickets of a voter known by this phone.
 * Returns R_REDRAW when the form was filled in, with R_SWITCH when the
 * earlier tickets were opened over it.
 */
static int check_returning_voter(struct ui *ui, struct intake_screen *s)
{
	struct jd *jd = ui_jd(ui);
	char *raw = uiform_get(&s->form, "phone"), *phone, *msg = NULL;
	struct voter v;
	char text[300];
	const char *items[4];
	int choice, r = R_NONE;

	if (!raw)
		return R_NONE;
	phone = *raw ? validate_phone(raw, &msg) : NULL;
	free(raw);
	free(msg);
	if (!phone || s->voter_id || (s->looked_up && !strcmp(s->looked_up, phone))) {
		free(phone);
		return R_NONE;
	}
	free(s->looked_up);
	s->looked_up = phone;
	if (store_voter_by_phone(jd->store, phone, &v) != STORE_OK)
		return R_NONE;
	if (*v.address)
		snprintf(text, sizeof(text), _("This phone number is already in the ledger: %s (%s), %d earlier issue(s)."),
			 v.name, v.address, v.tickets);
	else
		snprintf(text, sizeof(text), _("This phone number is already in the ledger: %s, %d earlier issue(s)."),
			 v.name, v.tickets);
	items[0] = _("Fill in this voter's details");
	items[1] = _("Fill in and show the earlier issues");
	items[2] = _("No, a different person");
	items[3] = NULL;
	choice = ui_choose(ui, _("A returning voter"), text, items);
	if (choice == 0 || choice == 1) {
		/* A voter this deputy may not see in full: linked, but the name is the one the voter gives. */
		if (!v.masked) {
			uiform_set(&s->form, "name", v.name);
			if (*v.address)
				uiform_set(&s->form, "address", v.address);
		}
		s->voter_id = v.id;
		free(s->voter_name);
		s->voter_name = xstrdup(v.name);
		uiform_focus(&s->form, v.masked ? "name" : "category");
		s->form.dirty = 1;
		r = R_REDRAW;
	}
	if (choice == 1) {
		char *pattern = xstrdup(v.phone);

		screen_list_open(ui, TAB_ALL, pattern);
		free(pattern);
		r |= R_SWITCH;
	}
	voter_release(&v);
	return r;
}

/* Save a correction: the fields that changed, through the gate; back to the ticket. */
static int correct_save(struct ui *ui, struct intake_screen *s)
{
	struct jd *jd = ui_jd(ui);
	struct ledger_form lf;
	struct ledger_result res;
	char **raw = uiform_raw(&s->form), **vals = xcalloc(s->form.n + 1, sizeof(*vals));
	int r, bad = -1, changed = 0;

	for (size_t i = 0; i < s->form.n; i++)
		if (strcmp(raw[i], s->orig[i])) {
			vals[i] = raw[i];
			changed++;
		}
	if (!changed) {
		free(vals);
		uiform_values_free(raw, s->form.n);
		ui_message(ui, "%s", _("Nothing was changed."));
		return R_NONE;
	}
	error_clear();
	r = ledger_step_from_form(&lf, STEP_CORRECT, &s->view, vals, &bad);
	free(vals);
	uiform_values_free(raw, s->form.n);
	if (r < 0) {
		if (bad >= 0) {
			s->form.focus = bad;
			uiform_check(&s->form, bad);
		}
		ui_error(ui, _("Not saved: %s"), error_last());
		return bad >= 0 ? R_REDRAW : R_NONE;
	}
	lf.step.number = s->correct;
	r = ledger_apply(jd->store, &jd->me, &lf.step, &res);
	ledger_form_release(&lf);
	if (r != STORE_OK) {
		ui_error(ui, _("Not saved: %s"), error_last());
		return R_NONE;
	}
	s->form.dirty = 0;
	ui_pop(ui);
	ui_message(ui, _("%s is corrected: %s. A receipt printed now says 更正."), res.ticket.number,
		   res.corrected);
	ledger_result_release(&res);
	ui_reload_all(ui);
	return R_SWITCH;
}

static int intake_save(struct ui *ui, struct intake_screen *s)
{
	struct jd *jd = ui_jd(ui);
	struct ledger_form lf;
	struct ledger_result res;
	char **values = NULL;
	int r, bad = -1;

	if (uiform_validate(&s->form, &values) < 0) {
		ui_error(ui, "%s", _("Please correct the fields marked with ! (nothing was saved yet)."));
		return R_REDRAW;
	}
	error_clear();
	/* The same mapping from the form to the step as `jiedai add` (ledger.h). */
	uiform_values_free(values, s->form.n);
	/* As typed: the core checks and maps them as it does the command line's. */
	values = uiform_raw(&s->form);
	r = ledger_step_from_form(&lf, STEP_ADD, jd->forms.intake, values, &bad);
	uiform_values_free(values, s->form.n);
	if (r < 0) {
		if (bad >= 0)
			s->form.focus = bad;
		ui_error(ui, _("Not saved: %s"), error_last());
		return bad >= 0 ? R_REDRAW : R_NONE;
	}
	lf.step.intake.voter_id = s->voter_id;
	lf.step.intake.day = s->backfill[0] ? s->backfill : NULL;
	if (s->ndeputies > 0 && formspec_field(jd->forms.intake, "deputy") && !lf.step.intake.deputy) {
		ledger_form_release(&lf);
		uiform_focus(&s->form, "deputy");
		ui_error(ui, "%s", _("Choose the deputy who received the voter (接待代表) from the list."));
		return R_REDRAW;
	}
	if (lf.step.intake.spot_rating && !lf.step.intake.spot_text) {
		ledger_form_release(&lf);
		uiform_focus(&s->form, "spot");
		ui_error(ui, "%s", _("A rating on the spot needs the answer given on the spot."));
		return R_REDRAW;
	}
	r = ledger_apply(jd->store, &jd->me, &lf.step, &res);
	ledger_form_release(&lf);
	if (r != STORE_OK) {
		ui_error(ui, _("Not saved: %s"), error_last());
		return R_NONE;
	}
	s->form.dirty = 0;
	ui_reload_all(ui);
	screen_receipt_open(ui, &res.ticket);	/* replaces this screen */
	ledger_result_release(&res);
	return R_SWITCH;
}

static int intake_key(struct ui *ui, void *st, struct uikey k)
{
	struct intake_screen *s = st;
	struct jd *jd = ui_jd(ui);
	int left = -1, r = R_NONE;
	enum form_result fr;

	if (!k.fn && k.ch == CTRL('o') && !s->correct && formspec_field(jd->forms.intake, "spot")) {
		uiform_focus(&s->form, "spot");
		return R_REDRAW;
	}
	fr = uiform_key(ui, &s->form, k, &left);
	if (left >= 0 && !strcmp(s->form.f[left].spec->id, "phone") && !s->correct)
		r = check_returning_voter(ui, s);
	switch (fr) {
	case FORM_SAVE:
		return r | (s->correct ? correct_save(ui, s) : intake_save(ui, s));
	case FORM_CANCEL:
		if (!uiform_may_leave(ui, &s->form))
			return r;
		ui_pop(ui);
		return r | R_SWITCH;
	case FORM_NONE:
		return r | R_REDRAW;
	default:
		return r;
	}
}

static void intake_save_draft(struct ui *ui, void *st)
{
	struct intake_screen *s = st;

	/*
	 * A correction is short, and is typed again from the ticket; a paper
	 * record is on paper still (a draft would come back as today's).
	 */
	if (!s->correct && !s->backfill[0])
		uiform_save_draft(ui, &s->form, "intake", NULL);
}

/*
 * The reception day the ticket goes to, and its deputies as the pick list of
 * 接待代表; with first set, the deputy offered (store_day_default_deputy()).
 */
static void load_day(struct ui *ui, struct intake_screen *s, int first)
{
	struct jd *jd = ui_jd(ui);
	struct reception_day d;
	char today[CLOCK_DATE_LEN];

	clock_today(today);
	if (s->backfill[0] ? store_day_get(jd->store, s->backfill, &d) != STORE_OK :
			     store_day_current(jd->store, &d) != STORE_OK)
		return;
	snprintf(s->day, sizeof(s->day), "%s", d.date);
	/* Only the day open today takes tickets (an earlier one left open does not), and 补录's own. */
	if (!strcmp(d.date, today) || s->backfill[0]) {
		s->day_id = d.id;
		s->ndeputies = 0;
		while (d.deputies[s->ndeputies])
			s->ndeputies++;
		uiform_set_options(&s->form, "deputy", d.deputies);
	}
	reception_day_release(&d);
	if (first && s->day_id) {
		struct actor a = identity_actor(&jd->me);
		char *def = store_day_default_deputy(jd->store, s->day_id, &a);

		if (def)
			uiform_set_default(&s->form, "deputy", def);
		free(def);
	}
}

static void intake_reload(struct ui *ui, void *st)
{
	struct intake_screen *s = st;

	/* Only the title and the pick list may change; what is typed is never touched. */
	if (!s->correct)
		load_day(ui, st, 0);
}

static void intake_free(void *st)
{
	struct intake_screen *s = st;

	if (s->orig)
		uiform_values_free(s->orig, s->form.n);
	uiform_release(&s->form);
	free(s->view.fields);
	free(s->correct);
	free(s->voter_name);
	free(s->looked_up);
	free(s);
}

static const struct screen_ops intake_ops = {
	.name = "intake",
	.draw = intake_draw,
	.key = intake_key,
	.reload = intake_reload,
	.save_draft = intake_save_draft,
	.free = intake_free,
};

static void open_intake(struct ui *ui, const struct ticket *same_voter, const char *draft_json,
			const char *backfill)
{
	struct jd *jd = ui_jd(ui);
	struct intake_screen *s = xcalloc(1, sizeof(*s));

	uiform_init(&s->form, jd->forms.intake, _("Save (F2)"));
	if (backfill)
		snprintf(s->backfill, sizeof(s->backfill), "%s", backfill);
	load_day(ui, s, 1);
	if (same_voter) {
		uiform_set(&s->form, "name", same_voter->name);
		uiform_set(&s->form, "phone", same_voter->phone);
		uiform_set(&s->form, "address", same_voter->address);
		s->voter_id = same_voter->voter_id;
		s->voter_name = xstrdup(same_voter->name);
		s->looked_up = xstrdup(same_voter->phone);
		uiform_focus(&s->form, "category");
	}
	if (draft_json) {
		uiform_load_json(&s->form, jd->store, draft_json);
		ui_message(ui, "%s", _("The form you were typing is back. Check it and save."));
	}
	ui_push(ui, &intake_ops, s);
}

void screen_intake_open(struct ui *ui, const struct ticket *same_voter, const char *draft_json)
{
	open_intake(ui, same_voter, draft_json, NULL);
}

void screen_intake_backfill(struct ui *ui, const struct ticket *same_voter, const char *date)
{
	open_intake(ui, same_voter, NULL, date);
}

void screen_intake_correct(struct ui *ui, const char *number)
{
	struct jd *jd = ui_jd(ui);
	const struct form_spec *intake = jd->forms.intake;
	struct intake_screen *s;
	struct reception_day d;
	struct ticket t;

	error_clear();
	if (ledger_may_correct(jd->store, &jd->me, number) < 0 ||
	    store_ticket_get(jd->store, number, &t) != STORE_OK) {
		ui_error(ui, "%s", error_last());
		return;
	}
	if (t.masked) {
		ui_error(ui, "%s", _("You may not see this voter in full, so you cannot correct the ticket."));
		ticket_release(&t);
		return;
	}
	s = xcalloc(1, sizeof(*s));
	s->correct = xstrdup(t.number);
	/* The intake form without what a correction does not touch (the answer on the spot). */
	s->view = *intake;
	s->view.fields = xcalloc(intake->nfields + 1, sizeof(*s->view.fields));
	s->view.nfields = 0;
	for (size_t i = 0; i < intake->nfields; i++)
		if (strcmp(intake->fields[i].id, "spot") && strcmp(intake->fields[i].id, "spot_rating"))
			s->view.fields[s->view.nfields++] = intake->fields[i];
	uiform_init(&s->form, &s->view, _("Save the correction (F2)"));
	uiform_set(&s->form, "name", t.name);
	uiform_set(&s->form, "phone", t.phone);
	uiform_set(&s->form, "address", t.address);
	uiform_set(&s->form, "category", t.category);
	uiform_set(&s->form, "issue", t.issue);
	for (size_t i = 0; i < t.nextra; i++)
		uiform_set(&s->form, t.extra_keys[i], t.extra_vals[i]);
	if (t.day_date && store_day_get(jd->store, t.day_date, &d) == STORE_OK) {
		uiform_set_options(&s->form, "deputy", d.deputies);
		reception_day_release(&d);
	}
	uiform_set(&s->form, "deputy", t.deputy);
	s->orig = uiform_raw(&s->form);
	s->form.dirty = 0;
	ticket_release(&t);
	ui_push(ui, &intake_ops, s);
}
