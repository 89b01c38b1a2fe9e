/*
 * cmd-lookup.c — `jiedai lookup NUMBER (--phone4 DIGITS | --check CODE)`:
 * the phone-in look-up.  A voter calls with the number on the receipt and
 * the last four digits of their phone, or the check code (查询码); the
 * staff see how the item is going: its status and progress, the voter's
 * masked name, nothing else personal.  A number alone shows nothing.  A
 * scanned payload (JD:…) carries its check code and needs nothing more.
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

static void line(const char *label, const char *value)
{
	struct strbuf sb = STRBUF_INIT;
	char *clean = u8_sanitize(value ? value : "", 0);

	u8_fit(&sb, label, 10, 0);
	strbuf_adds(&sb, "  ");
	strbuf_adds(&sb, clean);
	textout_printf(stdout, "%s\n", sb.buf);
	strbuf_release(&sb);
	free(clean);
}

/*
 * Status and progress: dates, unit, method, rating; no phone, address,
 * issue or answer text.  Returns 0, or EXIT_IO with nothing shown when the
 * history could not be read (the status alone could mislead the voter).
 */
static int show_progress(struct jd *jd, const struct ticket *t)
{
	struct strbuf sb = STRBUF_INIT;
	char *name;
	size_t plain;
	int again;

	strbuf_adds(&sb, ticket_status_label(t->status));
	plain = sb.len;
	if (lookup_handled_again_note(jd->store, t, &sb) < 0) {
		strbuf_release(&sb);
		return EXIT_IO;
	}
	again = sb.len > plain;
	name = u8_mask_name(t->name);
	line(C_("field", "Number"), t->number);
	if (t->overdue)
		strbuf_addf(&sb, _(" — OVERDUE (deadline %s)"), t->due_date);
	line(C_("field", "Status"), sb.buf);
	strbuf_reset(&sb);
	strbuf_addf(&sb, "%.10s", t->created_at);
	line(C_("field", "Registered"), sb.buf);
	line(C_("field", "Name"), name);
	line(C_("field", "Category"), t->category);
	if (*t->unit)
		line(C_("field", "Handed to"), t->unit);
	if (t->due_date && t->status == TS_ASSIGNED)
		line(C_("field", "Deadline"), t->due_date);
	if (*t->answer_method) {
		/* Sent back, the answer on record is the one the voter did not accept. */
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s, %s", t->answer_date ? t->answer_date : "", t->answer_method);
		line(again ? C_("field", "Earlier answer") : C_("field", "Answered"), sb.buf);
	}
	if (*t->rating)
		line(C_("field", "Rating"), t->rating);
	if (t->closed_at) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%.10s", t->closed_at);
		line(C_("field", "Signed off"), sb.buf);
	}
	strbuf_release(&sb);
	free(name);
	return 0;
}

int cmd_lookup(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "phone4", required_argument, NULL, 'p' },
		{ "check", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *phone4 = NULL, *check = NULL;
	struct ticket t;
	int c, r;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'p': phone4 = optarg; break;
		case 'c': check = optarg; break;
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind + 1 != argc)
		return cmd_usage_error(jd->cmd, _("say which ticket: jiedai lookup NUMBER --phone4 DIGITS"));
	if (phone4 && check)
		return cmd_usage_error(jd->cmd, _("give --phone4 or --check, not both"));
	if (!phone4 && !check) {
		r = lookup_payload(jd->store, argv[optind], &t);
		if (r == LOOKUP_NOTPAYLOAD) {
			error(_("a number alone shows nothing; give the last four digits of the voter's phone (--phone4) or the check code on the receipt (--check)"));
			return EXIT_REFUSED;
		}
	} else {
		r = lookup_verify(jd->store, argv[optind], phone4, check, &t);
	}
	if (r == LOOKUP_IO)
		return EXIT_IO;
	if (r != LOOKUP_OK)
		return EXIT_REFUSED;
	r = show_progress(jd, &t);
	ticket_release(&t);
	return r;
}
