/*
 * cmd-show.c — `jiedai show NUMBER`: every field of a ticket and its whole
 * history, with who did each step, from which login and address.  A scanned
 * receipt (JD:number:check or the station's URL) is accepted for NUMBER; its
 * check code must match, or nothing is shown.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "lookup.h"
#include "strbuf.h"
#include "textout.h"
#include "u8.h"

/*
 * "LABEL  value" with the label padded to 10 columns; the lines of a
 * free-text value (multiline) indented under it.  Any other newline in the
 * ledger, like every character the text rule refuses, shows as U+FFFD.
 */
static void show_value(const char *label, const char *value, int multiline)
{
	struct strbuf sb = STRBUF_INIT;
	char *clean = u8_sanitize(value ? value : "", multiline);

	u8_fit(&sb, label, 10, 0);
	strbuf_adds(&sb, "  ");
	for (const char *p = clean; *p; p++) {
		strbuf_addch(&sb, *p);
		if (*p == '\n')
			strbuf_adds(&sb, "            ");
	}
	textout_printf(stdout, "%s\n", sb.buf);
	strbuf_release(&sb);
	free(clean);
}

static void line(const char *label, const char *value)
{
	show_value(label, value, 0);
}

static void lines(const char *label, const char *value)
{
	show_value(label, value, 1);
}

static const char *or_dash(const char *s)
{
	return s && *s ? s : "—";
}

/* A readable line for one event. */
static void print_event(const struct ticket_event *e)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "  %.16s  ", e->at);
	u8_fit(&sb, ticket_event_label(e->kind), 12, 0);
	strbuf_addch(&sb, ' ');
	ticket_event_describe(e, &sb);
	if (e->data && strcmp(e->data, "{}")) {
		strbuf_addch(&sb, ' ');
		strbuf_add_json_raw(&sb, e->data);
	}
	textout_printf(stdout, "%s\n", sb.buf);
	strbuf_release(&sb);
}

/* The ticket for people.  Returns 0, or an exit code when part of it could not be read (reported). */
static int show_text(struct jd *jd, const struct ticket *t)
{
	struct strbuf sb = STRBUF_INIT;
	struct ticket_event *ev = NULL;
	size_t nev = 0;
	const struct form_spec *intake = jd->forms.intake;
	int r, ret = 0;

	strbuf_adds(&sb, ticket_status_label(t->status));
	if (lookup_handled_again_note(jd->store, t, &sb) < 0)
		ret = EXIT_IO;
	if (t->overdue)
		strbuf_addf(&sb, _(" — OVERDUE (deadline %s)"), t->due_date);
	line(C_("field", "Number"), t->number);
	line(C_("field", "Check code"), t->check_code);
	line(C_("field", "Status"), sb.buf);
	strbuf_reset(&sb);
	if (t->day_date)
		strbuf_addf(&sb, _("%s, voter no. %d"), t->day_date, t->position);
	line(C_("field", "Reception"), t->day_date ? sb.buf : _("not on a reception day"));
	{
		char *by = NULL, *at = NULL;

		r = store_ticket_backfilled(jd->store, t->id, &by, &at);
		if (r != STORE_OK && r != STORE_NOTFOUND)
			ret = store_exit_code(r);
		if (r == STORE_OK) {
			/* A paper record: the day it was written on, then who entered it and when. */
			strbuf_reset(&sb);
			strbuf_addf(&sb, "%.10s", t->created_at);
			line(C_("field", "Registered"), sb.buf);
			strbuf_reset(&sb);
			strbuf_addf(&sb, _("%s, by %s"), at, by);
			line(C_("field", "Entered afterwards"), sb.buf);
		} else {
			line(C_("field", "Registered"), t->created_at);
		}
		free(by);
		free(at);
	}
	line(C_("field", "Deputy"), or_dash(t->deputy));
	if (t->follow_deputy && *t->follow_deputy)
		line(C_("field", "Follow-up"), t->follow_deputy);
	line(C_("field", "Name"), t->name);
	line(C_("field", "Phone"), or_dash(t->phone));
	line(C_("field", "Address"), or_dash(t->address));
	line(C_("field", "Category"), t->category);
	lines(C_("field", "Issue"), t->issue);
	for (size_t i = 0; i < t->nextra; i++) {
		const struct form_field *f = intake ? formspec_field(intake, t->extra_keys[i]) : NULL;

		lines(f ? formspec_label(f) : t->extra_keys[i], t->extra_vals[i]);
	}
	if (*t->unit)
		line(C_("field", "Handed to"), t->unit);
	if (t->due_date)
		line(C_("field", "Deadline"), t->due_date);
	if (*t->answer_method) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s, %s", t->answer_method, or_dash(t->answer_date));
		line(C_("field", "Answered"), sb.buf);
		lines(C_("field", "Answer"), t->answer_text);
	}
	if (*t->rating)
		line(C_("field", "Rating"), t->rating);
	if (t->closed_at) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s, %s", t->closed_at, t->closed_by);
		line(C_("field", "Signed off"), sb.buf);
		if (*t->close_note)
			lines(C_("field", "Sign-off note"), t->close_note);
	}
	if (t->status == TS_VOID)
		lines(C_("field", "Void because"), t->void_reason);
	strbuf_release(&sb);

	r = store_ticket_events(jd->store, t->id, &ev, &nev);
	if (r != STORE_OK)
		return store_exit_code(r);
	printf(_("History:\n"));
	for (size_t i = 0; i < nev; i++)
		print_event(&ev[i]);
	store_events_free(ev, nev);
	return ret;
}

/* The ticket and its history as JSON; an exit code, with nothing written, when they cannot be read. */
static int show_json(struct jd *jd, const struct ticket *t)
{
	struct ticket_event *ev = NULL;
	size_t nev = 0;
	struct strbuf sb = STRBUF_INIT;
	int r = store_ticket_events(jd->store, t->id, &ev, &nev);

	if (r != STORE_OK)
		return store_exit_code(r);
	cmd_ticket_json_buf(t, &sb);
	strbuf_adds(&sb, ",\"events\":[");
	for (size_t i = 0; i < nev; i++) {
		const struct ticket_event *e = &ev[i];

		strbuf_adds(&sb, i ? ",\n {" : "\n {");
		strbuf_adds(&sb, "\"at\":"); strbuf_add_json(&sb, e->at);
		strbuf_adds(&sb, ",\"kind\":"); strbuf_add_json(&sb, e->kind);
		strbuf_adds(&sb, ",\"actor\":"); strbuf_add_json(&sb, e->actor);
		strbuf_adds(&sb, ",\"login\":"); strbuf_add_json(&sb, e->login);
		strbuf_adds(&sb, ",\"client\":"); strbuf_add_json(&sb, e->client);
		strbuf_adds(&sb, ",\"from\":"); strbuf_add_json(&sb, e->status_from);
		strbuf_adds(&sb, ",\"to\":"); strbuf_add_json(&sb, e->status_to);
		strbuf_adds(&sb, ",\"unit\":"); strbuf_add_json(&sb, e->unit);
		strbuf_adds(&sb, ",\"due_date\":"); strbuf_add_json(&sb, e->due_date);
		strbuf_adds(&sb, ",\"method\":"); strbuf_add_json(&sb, e->method);
		strbuf_adds(&sb, ",\"rating\":"); strbuf_add_json(&sb, e->rating);
		strbuf_adds(&sb, ",\"text\":"); strbuf_add_json(&sb, e->text);
		strbuf_adds(&sb, ",\"data\":");
		strbuf_add_json_raw(&sb, e->data && *e->data ? e->data : "{}");
		if (e->follow_deputy) {
			/* A follow event: who follows the item up now ("" nobody), and who did. */
			strbuf_adds(&sb, ",\"follow_deputy\":"); strbuf_add_json(&sb, e->follow_deputy);
			strbuf_adds(&sb, ",\"follow_before\":"); strbuf_add_json(&sb, e->follow_before);
		}
		strbuf_addch(&sb, '}');
	}
	strbuf_adds(&sb, "\n]}\n");
	fputs(sb.buf, stdout);
	strbuf_release(&sb);
	store_events_free(ev, nev);
	return 0;
}

int cmd_show(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	enum out_format fmt = OUT_TABLE;
	struct ticket t;
	int c, r;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if (cmd_parse_format(optarg, &fmt) < 0 || fmt == OUT_TSV)
				return cmd_usage_error(jd->cmd, _("the format is text or json"));
			break;
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind + 1 != argc)
		return cmd_usage_error(jd->cmd, _("say which ticket: jiedai show NUMBER"));
	if ((r = cmd_find_ticket(jd, argv[optind], &t)) != 0)
		return r;
	if (fmt == OUT_JSON)
		r = show_json(jd, &t);
	else
		r = show_text(jd, &t);
	ticket_release(&t);
	return r;
}
