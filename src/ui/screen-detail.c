/*
 * screen-detail.c — one ticket: every field, its whole history, and the
 * follow-up actions (交办, 答复, 评价, 销号, 重新办理, 作废) as forms from
 * forms/, and the follow-up deputy (跟进代表) picked from the station's
 * deputies.  A step the ticket's state or the person's role does not allow
 * is refused with the reason before any form opens.
 *
 * Also here: ui_open_lookup(), which turns a typed number or a scanned
 * receipt into an open ticket.
 */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "form.h"
#include "i18n.h"
#include "jd.h"
#include "lookup.h"
#include "store.h"
#include "strbuf.h"
#include "u8.h"
#include "xmalloc.h"

struct dline {
	char *text;
	enum ui_attr attr;
};

struct detail {
	char *number;
	struct ticket t;
	int loaded;
	struct dline *lines;
	size_t n;
	int top;
	/* Column widths of the field labels and of the history's step names, measured first. */
	int measuring, label_w, event_w;
	char *unread;		/* why the ticket or its history could not be read at the last reload, or NULL */
	int no_history;		/* the history could not be read */
};

/* The ledger could not be read: say why (error_last()) above what is shown, which may be out of date. */
static void set_unread(struct detail *d)
{
	free(d->unread);
	d->unread = xasprintf(_("The ledger could not be read, so what is shown here may be wrong: %s"), error_last());
}

static void clear_lines(struct detail *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->lines[i].text);
	free(d->lines);
	d->lines = NULL;
	d->n = 0;
}

static void add(struct detail *d, enum ui_attr a, const char *text)
{
	if (d->measuring)
		return;
	d->lines = xreallocarray(d->lines, d->n + 1, sizeof(*d->lines));
	d->lines[d->n].text = xstrdup(text);
	d->lines[d->n].attr = a;
	d->n++;
}

/* "label  value", the value wrapped under itself. */
static void add_field(struct detail *d, const char *label, const char *value, enum ui_attr a)
{
	int lw = d->label_w, cols = COLS - 4 - lw;
	char **rows;
	struct strbuf sb = STRBUF_INIT;

	if (!value || !*value)
		return;
	if (d->measuring) {
		/* A label gets its own width and two blanks, within a third of the screen. */
		int w = u8_width(label) + 2;

		if (w > d->label_w)
			d->label_w = w < COLS / 3 ? w : COLS / 3;
		return;
	}
	rows = u8_wrap_words(value, cols > 20 ? cols : 20);
	for (size_t i = 0; rows[i]; i++) {
		strbuf_reset(&sb);
		u8_fit(&sb, i ? "" : label, lw, 0);
		strbuf_adds(&sb, rows[i]);
		add(d, a, sb.buf);
	}
	u8_lines_free(rows);
	strbuf_release(&sb);
}

static void build_lines(struct ui *ui, struct detail *d, const struct ticket_event *ev, size_t nev)
{
	struct jd *jd = ui_jd(ui);
	struct ticket *t = &d->t;
	struct strbuf sb = STRBUF_INIT;

	strbuf_adds(&sb, ticket_status_label(t->status));
	lookup_handled_again_note(jd->store, t, &sb);
	if (t->overdue)
		strbuf_addf(&sb, _(" — OVERDUE (deadline %s)"), t->due_date);
	add_field(d, C_("field", "Status"), sb.buf, t->overdue ? UA_WARN : UA_LABEL);
	strbuf_reset(&sb);
	strbuf_adds(&sb, t->name);
	if (*t->phone)
		strbuf_addf(&sb, "  %s", t->phone);
	if (*t->address)
		strbuf_addf(&sb, "  %s", t->address);
	add_field(d, _("Voter"), sb.buf, A_NORMAL_);
	strbuf_reset(&sb);
	if (t->day_date)
		strbuf_addf(&sb, _("%s, voter no. %d"), t->day_date, t->position);
	else
		strbuf_adds(&sb, t->created_at);
	if (*t->deputy)
		strbuf_addf(&sb, _(" · received by %s"), t->deputy);
	if (t->follow_deputy && *t->follow_deputy)
		strbuf_addf(&sb, _(" · followed up by %s"), t->follow_deputy);
	for (size_t i = 0; i < nev; i++)
		if (!strcmp(ev[i].kind, "backfill")) {
			strbuf_addf(&sb, _(" · entered afterwards (补录) %.10s"), ev[i].at);
			break;
		}
	add_field(d, C_("field", "Reception"), sb.buf, A_NORMAL_);
	add_field(d, C_("field", "Category"), t->category, A_NORMAL_);
	add_field(d, C_("field", "Issue"), t->issue, A_NORMAL_);
	for (size_t i = 0; i < t->nextra; i++) {
		const struct form_field *f = formspec_field(jd->forms.intake, t->extra_keys[i]);

		add_field(d, f ? formspec_label(f) : t->extra_keys[i], t->extra_vals[i], A_NORMAL_);
	}
	if (*t->unit) {
		strbuf_reset(&sb);
		strbuf_adds(&sb, t->unit);
		if (t->due_date)
			strbuf_addf(&sb, _("  deadline %s"), t->due_date);
		add_field(d, C_("field", "Handed to"), sb.buf, t->overdue ? UA_WARN : A_NORMAL_);
	}
	if (*t->answer_method) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s  %s", t->answer_method, t->answer_date ? t->answer_date : "");
		add_field(d, C_("field", "Answered"), sb.buf, A_NORMAL_);
		add_field(d, C_("field", "Answer"), t->answer_text, A_NORMAL_);
	}
	add_field(d, C_("field", "Rating"), t->rating, A_NORMAL_);
	if (t->closed_at) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%.16s  %s  %s", t->closed_at, t->closed_by, t->close_note);
		add_field(d, C_("field", "Signed off"), sb.buf, UA_OK);
	}
	if (t->status == TS_VOID)
		add_field(d, C_("field", "Void because"), t->void_reason, UA_WARN);
	add(d, A_NORMAL_, "");
	add(d, UA_LABEL, _("History:"));
	if (d->no_history)	/* not an empty history: one that could not be read */
		add_field(d, "", d->unread, UA_ERROR);
	for (size_t i = 0; i < nev; i++) {
		const struct ticket_event *e = &ev[i];

		strbuf_reset(&sb);
		strbuf_addf(&sb, "%.16s  ", e->at);
		u8_fit(&sb, ticket_event_label(e->kind), d->event_w, 1);
		strbuf_addch(&sb, ' ');
		ticket_event_describe(e, &sb);
		add_field(d, "", sb.buf, A_NORMAL_);
	}
	strbuf_release(&sb);
}

/*
 * The lines of the screen.  A first pass only measures the labels, so that
 * the columns fit the words of the language shown (English labels are
 * longer than the Chinese ones the columns were first made for).
 */
static void build(struct ui *ui, struct detail *d)
{
	struct ticket_event *ev = NULL;
	size_t nev = 0;

	clear_lines(d);
	error_clear();
	d->no_history = store_ticket_events(ui_jd(ui)->store, d->t.id, &ev, &nev) != STORE_OK;
	if (d->no_history) {
		set_unread(d);
		ev = NULL;
		nev = 0;
	}
	d->event_w = 8;
	for (size_t i = 0; i < nev; i++) {
		int w = u8_width(ticket_event_label(ev[i].kind));

		if (w > d->event_w)
			d->event_w = w < 18 ? w : 18;
	}
	d->label_w = 12;
	d->measuring = 1;
	build_lines(ui, d, ev, nev);
	d->measuring = 0;
	build_lines(ui, d, ev, nev);
	store_events_free(ev, nev);
}

static void detail_reload(struct ui *ui, void *st)
{
	struct detail *d = st;
	struct jd *jd = ui_jd(ui);
	struct ticket t;

	error_clear();
	if (store_ticket_get(jd->store, d->number, &t) != STORE_OK) {
		set_unread(d);
		return;
	}
	free(d->unread);
	d->unread = NULL;
	ticket_release(&d->t);
	d->t = t;
	d->loaded = 1;
	build(ui, d);
}

static int body_rows(void)
{
	return LINES - 4;
}

static void detail_draw(struct ui *ui, void *st)
{
	struct detail *d = st;
	char title[200];

	snprintf(title, sizeof(title), "%s  %s%s", d->t.number, ticket_status_label(d->t.status),
		 d->t.overdue ? _("  [OVERDUE]") : "");
	ui_titlebar(title, d->t.name);
	if (d->unread)
		ui_put(1, 2, COLS - 3, UA_ERROR, d->unread);
	if (d->top > (int)d->n - 1)
		d->top = d->n ? (int)d->n - 1 : 0;
	for (int r = 0; r < body_rows() && d->top + r < (int)d->n; r++)
		ui_put(2 + r, 2, COLS - 3, d->lines[d->top + r].attr, d->lines[d->top + r].text);
	if (d->top + body_rows() < (int)d->n)
		ui_puts(LINES - 3, COLS - 12, UA_DIM, _("(more below)"));
	ui_statusline(ui, _("Press a number for an action; Up, Down, PgUp and PgDn scroll; Esc goes back."));
	{
		const char *items[] = { "1", C_("action", "Hand over"), "2", C_("action", "Answer"),
					"3", C_("action", "Rate"), "4", C_("action", "Sign off"),
					"5", C_("action", "Reopen"), "6", C_("action", "Void"),
					"7", _("Receipt"), "8", C_("action", "Correct"),
					"9", C_("action", "Follow-up"), "Esc", _("Back"), NULL };

		ui_keybar(items);
	}
}

/* The form of action a, or the reason it cannot be taken on the status line. */
static int open_action(struct ui *ui, struct detail *d, enum ticket_action a)
{
	struct jd *jd = ui_jd(ui);
	const char *why;

	error_clear();
	if (ticket_step_check(d->t.status, a, &why) < 0) {
		ui_error(ui, "%s", why);
		return R_NONE;
	}
	if (ledger_may(jd->store, &jd->me, step_of_action(a)) < 0) {
		ui_error(ui, "%s", error_last());
		return R_NONE;
	}
	screen_action_open(ui, &d->t, a, NULL);
	return R_SWITCH;
}

/* Scroll a page down, when there is more below. */
static int page_down(struct detail *d)
{
	if (d->top + body_rows() >= (int)d->n)
		return R_NONE;
	d->top += body_rows();
	return R_REDRAW;
}

/* Scroll up by n rows, at most to the top. */
static int scroll_up(struct detail *d, int n)
{
	if (!d->top)
		return R_NONE;
	d->top = d->top > n ? d->top - n : 0;
	return R_REDRAW;
}

/*
 * 跟进代表: staff and the head pick the deputy who follows the item up (and
 * so sees its voter in full), another one, or nobody.  The gate checks the
 * right and the ticket's state again when it is saved.
 */
static void open_follow(struct ui *ui, struct detail *d)
{
	struct jd *jd = ui_jd(ui);
	char **names, *text;
	const char **items;
	size_t n = 0, nitems = 0;
	const char *now = d->t.follow_deputy ? d->t.follow_deputy : "";
	struct ledger_step st = { .kind = STEP_FOLLOW };
	struct ledger_result res;
	int choice;

	error_clear();
	if (ledger_may(jd->store, &jd->me, STEP_FOLLOW) < 0) {
		ui_error(ui, "%s", error_last());
		return;
	}
	names = store_deputy_names(jd->store);
	while (names[n])
		n++;
	items = xcalloc(n + 2, sizeof(*items));
	/* The deputies (staff and the head see every voter already), then "nobody". */
	for (size_t i = 0; i < n; i++) {
		enum role role;

		if (strcmp(names[i], now) && store_person_role(jd->store, names[i], &role) == STORE_OK &&
		    role == ROLE_DEPUTY)
			items[nitems++] = names[i];
	}
	if (*now)
		items[nitems++] = _("Nobody: take it back");
	if (!nitems) {
		ui_error(ui, "%s", _("There is no other deputy to give it to: deputies come in with jiedai user add or a reception day."));
		free(items);
		u8_lines_free(names);
		return;
	}
	if (*now)
		text = xasprintf(_("%s is followed up by %s. Who follows it up now? That deputy sees the voter in full."),
				 d->t.number, now);
	else
		text = xasprintf(_("Which deputy follows %s up? That deputy sees the voter in full."), d->t.number);
	choice = ui_choose(ui, C_("action", "Follow-up"), text, items);
	free(text);
	if (choice >= 0) {
		st.number = d->t.number;
		st.follow = *now && choice == (int)nitems - 1 ? "" : items[choice];
		error_clear();
		if (ledger_apply(jd->store, &jd->me, &st, &res) != STORE_OK) {
			ui_error(ui, _("Not saved: %s"), error_last());
		} else {
			if (*res.ticket.follow_deputy)
				ui_message(ui, _("%s: followed up by %s now."), res.ticket.number,
					   res.ticket.follow_deputy);
			else
				ui_message(ui, _("%s: nobody follows it up now."), res.ticket.number);
			ledger_result_release(&res);
			ui_reload_all(ui);
		}
	}
	free(items);
	u8_lines_free(names);
}

static int detail_key(struct ui *ui, void *st, struct uikey k)
{
	struct detail *d = st;

	switch (k.fn) {
	case KEY_UP: return scroll_up(d, 1);
	case KEY_DOWN:
		if (d->top + body_rows() >= (int)d->n)
			return R_NONE;
		d->top++;
		return R_REDRAW;
	case KEY_PPAGE: return scroll_up(d, body_rows());
	case KEY_NPAGE: return page_down(d);
	case KEY_HOME: return scroll_up(d, d->top);
	case KEY_F(10): ui_pop(ui); return R_SWITCH;
	case KEY_F(2): return open_action(ui, d, TA_HANDOVER);
	case KEY_F(3): return open_action(ui, d, TA_ANSWER);
	case KEY_F(4): return open_action(ui, d, TA_RATE);
	case KEY_F(5): return open_action(ui, d, TA_SIGNOFF);
	case 0: break;
	default: return R_NONE;
	}
	switch (k.ch) {
	case KEY_ESC:
	case '0':
		ui_pop(ui);
		return R_SWITCH;
	case '1': return open_action(ui, d, TA_HANDOVER);
	case '2': return open_action(ui, d, TA_ANSWER);
	case '3': return open_action(ui, d, TA_RATE);
	case '4': return open_action(ui, d, TA_SIGNOFF);
	case '5': return open_action(ui, d, TA_REOPEN);
	case '6': return open_action(ui, d, TA_VOID);
	case '7': screen_receipt_show(ui, &d->t); return R_SWITCH;
	case '8': screen_intake_correct(ui, d->t.number); return R_SWITCH;
	case '9': open_follow(ui, d); return R_REDRAW;
	case ' ': return page_down(d);
	default: return R_NONE;
	}
	return R_REDRAW;
}

static void detail_free(void *st)
{
	struct detail *d = st;

	clear_lines(d);
	ticket_release(&d->t);
	free(d->number);
	free(d->unread);
	free(d);
}

static const struct screen_ops detail_ops = {
	.name = "detail",
	.draw = detail_draw,
	.key = detail_key,
	.reload = detail_reload,
	.free = detail_free,
};

void screen_detail_open(struct ui *ui, const char *number)
{
	struct detail *d = xcalloc(1, sizeof(*d));

	d->number = xstrdup(number);
	detail_reload(ui, d);
	if (!d->loaded) {
		ui_error(ui, "%s", error_last());
		detail_free(d);
		return;
	}
	ui_push(ui, &detail_ops, d);
}

int ui_open_lookup(struct ui *ui, const char *text)
{
	struct jd *jd = ui_jd(ui);
	struct ticket t;

	error_clear();
	switch (lookup_payload(jd->store, text, &t)) {
	case LOOKUP_OK:
		/* A scanned receipt whose check code matches. */
		screen_detail_open(ui, t.number);
		ticket_release(&t);
		return 0;
	case LOOKUP_NOTPAYLOAD:
		break;
	default:
		/* A receipt that does not match opens nothing, and says so. */
		ui_error(ui, "%s", error_last());
		return 0;
	}
	/* A typed number, forgiven (0001, 2026-1, lj 2026 1 …) when only one ticket fits. */
	{
		char *number = NULL;
		int r = lookup_resolve(jd->store, text, &number);

		if (r == LOOKUP_OK) {
			screen_detail_open(ui, number);
			free(number);
			return 0;
		}
		if (r == LOOKUP_AMBIGUOUS || r == LOOKUP_IO) {
			ui_error(ui, "%s", error_last());
			return 0;
		}
		ui_message(ui, "%s", "");	/* not a number: the caller searches instead */
	}
	return 1;
}
