/* cmd-day.c — `jiedai day open|close|show`: the reception day (接待选民日). */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "daysheet.h"
#include "error.h"
#include "i18n.h"
#include "pushjob.h"
#include "strbuf.h"
#include "textout.h"
#include "u8.h"
#include "validate.h"
#include "xmalloc.h"

/* Split "A,B" (also full-width ， and 、) into trimmed names. */
static char **split_names(const char *s)
{
	char **names = xcalloc(1, sizeof(*names));
	size_t n = 0;
	struct strbuf cur = STRBUF_INIT;
	const char *p = s;

	for (;;) {
		int sep = *p == '\0' || *p == ',' || !strncmp(p, "，", 3) || !strncmp(p, "、", 3);

		if (sep) {
			char *t = u8_trim(cur.buf);

			if (*t) {
				names = xreallocarray(names, n + 2, sizeof(*names));
				names[n++] = t;
				names[n] = NULL;
			} else {
				free(t);
			}
			strbuf_reset(&cur);
			if (!*p)
				break;
			p += *p == ',' ? 1 : 3;
			continue;
		}
		strbuf_addch(&cur, *p++);
	}
	strbuf_release(&cur);
	return names;
}

static void print_day(const struct reception_day *d)
{
	struct strbuf who = STRBUF_INIT;

	for (char **p = d->deputies; *p; p++) {
		if (who.len)
			strbuf_adds(&who, i18n_is_chinese() ? "、" : ", ");
		u8_add_clean(&who, *p, 0);
	}
	textout_printf(stdout, d->closed_at ? _("Reception day %s (closed)\n") : _("Reception day %s (open)\n"),
		       d->date);
	if (*d->place) {
		char *place = u8_sanitize(d->place, 0);

		textout_printf(stdout, _("Place: %s\n"), place);
		free(place);
	}
	textout_printf(stdout, _("Deputies present: %s\n"), who.len ? who.buf : _("(none recorded)"));
	printf(_("Voters received: %d, issues registered: %d\n"), d->visitors, d->tickets);
	strbuf_release(&who);
}

static int day_open(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "deputies", required_argument, NULL, 'D' },
		{ "place", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char date[CLOCK_DATE_LEN], *place = NULL, *msg = NULL;
	char **names = NULL;
	const char *date_arg = NULL, *deputies = NULL, *place_arg = NULL;
	struct ledger_step st = { .kind = STEP_DAY_OPEN };
	struct ledger_result res;
	int c, r;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'd': date_arg = optarg; break;
		case 'D': deputies = optarg; break;
		case 'p': place_arg = optarg; break;
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind < argc)
		return cmd_usage_error(jd->cmd, _("unexpected argument '%s'"), argv[optind]);
	if (date_arg) {
		if (clock_parse_date(date_arg, date) < 0) {
			error(_("'%s' is not a date; use 2026-03-10"), date_arg);
			return EXIT_REFUSED;
		}
	} else {
		clock_today(date);
	}
	if (place_arg && validate_text(place_arg, 0, 100, &place, &msg) < 0) {
		error(_("place: %s"), msg);
		free(msg);
		return EXIT_REFUSED;
	}
	if (deputies) {
		names = split_names(deputies);
		for (char **p = names; *p; p++) {
			char *clean = NULL;

			if (validate_text(*p, 0, 20, &clean, &msg) < 0) {
				error(_("deputy '%s': %s"), *p, msg);
				free(msg);
				u8_lines_free(names);
				free(place);
				return EXIT_REFUSED;
			}
			free(clean);
		}
	}
	st.date = date;
	st.deputies = names;
	st.place = place;
	r = cmd_apply(jd, &st, &res);
	u8_lines_free(names);
	free(place);
	if (r)
		return r;
	if (res.closed_other)
		textout_printf(stderr, _("The reception day of %s was still open; it has been closed.\n"), res.closed_other);
	print_day(&res.day);
	if (strcmp(res.day.date, date) == 0 && res.day.closed_at) {
		char today[CLOCK_DATE_LEN];

		clock_today(today);
		if (strcmp(date, today) < 0)
			textout_printf(stdout, _("Enter the paper records of that day (补录) with: jiedai add --day %s ...\n"), date);
	}
	r = cmd_output_saved(_("the reception day of %s is open, but this could not be written out"), res.day.date);
	ledger_result_release(&res);
	return r;
}

/*
 * `day close [--date D]`: close the open day (or the day of D) through the
 * gate, then put out its list (当日接待登记表, daysheet.h) where the options
 * say, then push to the county's hub when hub_url is set.  A day closed
 * already is not closed again: its list comes out once more, for a lost or
 * spoilt copy (and nothing is pushed).
 */
static int day_close(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "date", required_argument, NULL, 'd' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "print", no_argument, NULL, 'P' },
		{ "to", required_argument, NULL, 't' },
		{ "profile", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct paper_out o = { 0, NULL, NULL, NULL, NULL };
	struct ledger_step st = { .kind = STEP_DAY_CLOSE };
	struct ledger_result res;
	struct reception_day d;
	struct paper p;
	char date[CLOCK_DATE_LEN], *where = NULL;
	int c, r, again = 0;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":ho:", opts, NULL)) != -1) {
		switch (c) {
		case 'd':
			if (clock_parse_date(optarg, date) < 0) {
				error(_("'%s' is not a date; use 2026-03-10"), optarg);
				return EXIT_REFUSED;
			}
			st.date = date;
			break;
		case 'f': o.format = optarg; break;
		case 'o': o.path = optarg; break;
		case 'P': o.print = 1; break;
		case 't': o.dest = optarg; break;
		case 'p': o.profile = optarg; break;
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind < argc)
		return cmd_usage_error(jd->cmd, _("unexpected argument '%s'"), argv[optind]);
	if ((r = cmd_paper_check(jd, &o)) != 0)
		return r;
	if (st.date && store_day_get(jd->store, st.date, &d) == STORE_OK) {
		again = d.closed_at != NULL;
		if (again)
			textout_printf(stderr, _("The reception day of %s was closed already (%.16s); here is its list again.\n"),
				d.date, d.closed_at);
		reception_day_release(&d);
	}
	if (!again) {
		r = cmd_apply(jd, &st, &res);
		if (r)
			return r;
		snprintf(date, sizeof(date), "%s", res.day.date);
		ledger_result_release(&res);
	}
	r = daysheet_build(jd->store, date, &p);
	if (r == STORE_OK) {
		r = cmd_paper_out(jd, &p, &o, &where);
		paper_release(&p);
	} else {
		r = store_exit_code(r);
	}
	if (!r && (o.print || (o.path && strcmp(o.path, "-"))))
		textout_printf(stdout, _("The list of the reception day of %s went to %s.\n"), date, where);
	free(where);
	if (r && !again) {
		error(_("the reception day of %s is closed, but its list could not be put out; print it again with: jiedai day close --date %s"),
		      date, date);
		return EXIT_UNWRITTEN;
	}
	if (r)
		return r;
	if (again)
		return cmd_output_saved(_("the list could not be written out"));
	r = cmd_output_saved(_("the reception day is closed, but this could not be written out"));
	/* The county's hub witnesses the day's history (README); the close never hangs on it. */
	pushjob_after_close(jd, stderr, cmd_progress);
	return r;
}

int cmd_day(struct jd *jd, int argc, char **argv)
{
	struct reception_day d;
	int r;

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		if (argc < 2)
			return cmd_usage_error(jd->cmd, _("say open, close or show"));
		cmd_print_usage(jd->cmd, stdout);
		return 0;
	}
	if (!strcmp(argv[1], "open"))
		return day_open(jd, argc - 1, argv + 1);
	if (!strcmp(argv[1], "close"))
		return day_close(jd, argc - 1, argv + 1);
	if (!strcmp(argv[1], "show")) {
		char date[CLOCK_DATE_LEN];

		if (argc > 3)
			return cmd_usage_error(jd->cmd, _("too many arguments"));
		if (argc == 3) {
			if (clock_parse_date(argv[2], date) < 0) {
				error(_("'%s' is not a date; use 2026-03-10"), argv[2]);
				return EXIT_REFUSED;
			}
			r = store_day_get(jd->store, date, &d);
			if (r == STORE_NOTFOUND) {
				error(_("no reception day was held on %s"), date);
				return EXIT_REFUSED;
			}
		} else {
			r = store_day_current(jd->store, &d);
			if (r == STORE_NOTFOUND) {
				printf(_("No reception day is open. Open one with 'jiedai day open'.\n"));
				return 0;
			}
		}
		if (r != STORE_OK)
			return store_exit_code(r);
		print_day(&d);
		reception_day_release(&d);
		return 0;
	}
	return cmd_usage_error(jd->cmd, _("say open, close or show, not '%s'"), argv[1]);
}
