/*
 * cmd-list.c — `jiedai list`: tickets as a table for people, TSV for
 * scripts (header row, ledger number first) or JSON.  Rows are streamed
 * from the store one at a time; the table uses fixed column widths so it
 * can be printed without holding the list.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "strbuf.h"
#include "textout.h"
#include "u8.h"
#include "xmalloc.h"

static int term_width(void)
{
	struct winsize ws;
	const char *c = getenv("COLUMNS");

	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40)
		return ws.ws_col;
	if (c && atoi(c) >= 40)
		return atoi(c);
	return 100;
}

static const char *const tsv_columns[] = {
	"number", "status", "overdue", "created_at", "day", "position", "name", "phone",
	"address", "category", "issue", "deputy", "unit", "due_date", "answer_method",
	"answer_date", "rating", "closed_at", "days_overdue", NULL,
};

/* Days past its deadline for an overdue ticket (0 otherwise). */
static long days_overdue(const struct ticket *t)
{
	char today[CLOCK_DATE_LEN];

	if (!t->overdue || !t->due_date)
		return 0;
	clock_today(today);
	return clock_days_between(t->due_date, today);
}

void cmd_list_header(enum out_format fmt, FILE *f)
{
	struct strbuf sb = STRBUF_INIT;

	if (fmt == OUT_TSV) {
		for (int i = 0; tsv_columns[i]; i++)
			fprintf(f, "%s%s", i ? "\t" : "", tsv_columns[i]);
		fputc('\n', f);
	} else if (fmt == OUT_TABLE) {
		u8_fit(&sb, _("Number"), 14, 0);
		strbuf_addch(&sb, ' ');
		u8_fit(&sb, _("Status"), 14, 0);
		strbuf_addch(&sb, ' ');
		u8_fit(&sb, _("Date"), 10, 0);
		strbuf_addch(&sb, ' ');
		u8_fit(&sb, _("Name"), 8, 0);
		strbuf_addch(&sb, ' ');
		u8_fit(&sb, _("Category"), 8, 0);
		strbuf_addch(&sb, ' ');
		strbuf_adds(&sb, _("Issue"));
		fprintf(f, "%s\n", sb.buf);
	}
	strbuf_release(&sb);
}

void cmd_list_row(struct jd *jd, enum out_format fmt, const struct ticket *t, int width, int first,
		  FILE *f)
{
	struct strbuf sb = STRBUF_INIT;

	if (fmt == OUT_TSV) {
		char pos[16], late[24];
		const char *cells[19];

		snprintf(pos, sizeof(pos), "%d", t->position);
		cells[0] = t->number;
		cells[1] = ticket_status_name(t->status);
		cells[2] = t->overdue ? "1" : "0";
		cells[3] = t->created_at;
		cells[4] = t->day_date ? t->day_date : "";
		cells[5] = t->position ? pos : "";
		cells[6] = t->name;
		cells[7] = t->phone;
		cells[8] = t->address;
		cells[9] = t->category;
		cells[10] = t->issue;
		cells[11] = t->deputy;
		cells[12] = t->unit;
		cells[13] = t->due_date ? t->due_date : "";
		cells[14] = t->answer_method;
		cells[15] = t->answer_date ? t->answer_date : "";
		cells[16] = t->rating;
		cells[17] = t->closed_at ? t->closed_at : "";
		snprintf(late, sizeof(late), "%ld", days_overdue(t));
		cells[18] = t->overdue ? late : "";
		for (int i = 0; i < 19; i++) {
			if (i)
				strbuf_addch(&sb, '\t');
			strbuf_add_tsv(&sb, cells[i]);
		}
		/* Clean already, cell by cell: no second pass over a long list. */
		fprintf(f, "%s\n", sb.buf);
	} else if (fmt == OUT_JSON) {
		fputs(first ? "[\n" : ",\n", f);
		cmd_ticket_json(jd, t, f);
	} else {
		struct strbuf status = STRBUF_INIT;
		char *issue = u8_sanitize(t->issue, 0);
		int rest = width - (14 + 1 + 14 + 1 + 10 + 1 + 8 + 1 + 8 + 1);

		strbuf_adds(&status, ticket_status_label(t->status));
		if (t->overdue)
			strbuf_addf(&status, " %s", _("OVERDUE"));
		u8_fit(&sb, t->number, 14, 1);
		strbuf_addch(&sb, ' ');
		u8_fit(&sb, status.buf, 14, 1);
		strbuf_addch(&sb, ' ');
		u8_fit(&sb, t->created_at, 10, 0);
		strbuf_addch(&sb, ' ');
		u8_fit(&sb, t->name, 8, 1);
		strbuf_addch(&sb, ' ');
		u8_fit(&sb, t->category, 8, 1);
		strbuf_addch(&sb, ' ');
		u8_cut(&sb, issue, rest < 10 ? 10 : rest, 1);
		strbuf_rtrim(&sb);
		fprintf(f, "%s\n", sb.buf);	/* u8_fit() and u8_cut() clean each cell */
		strbuf_release(&status);
		free(issue);
	}
	strbuf_release(&sb);
}

/*
 * A unit's items as a table (list --unit): number, status, deadline, days
 * overdue, category, issue: what a station chases a unit with.
 */
static void unit_header(FILE *f)
{
	struct strbuf sb = STRBUF_INIT;

	u8_fit(&sb, _("Number"), 14, 0);
	strbuf_addch(&sb, ' ');
	u8_fit(&sb, _("Status"), 10, 0);
	strbuf_addch(&sb, ' ');
	u8_fit(&sb, _("Deadline"), 10, 0);
	strbuf_addch(&sb, ' ');
	u8_fit(&sb, _("Overdue"), 14, 0);
	strbuf_addch(&sb, ' ');
	u8_fit(&sb, _("Category"), 8, 0);
	strbuf_addch(&sb, ' ');
	strbuf_adds(&sb, _("Issue"));
	fprintf(f, "%s\n", sb.buf);
	strbuf_release(&sb);
}

static void unit_row(const struct ticket *t, int width, FILE *f)
{
	struct strbuf sb = STRBUF_INIT;
	char *issue = u8_sanitize(t->issue, 0), *late = NULL;
	int rest = width - (14 + 1 + 10 + 1 + 10 + 1 + 14 + 1 + 8 + 1);
	long days = days_overdue(t);

	if (t->overdue)
		late = xasprintf(Q_("%ld day overdue", "%ld days overdue", days), days);
	u8_fit(&sb, t->number, 14, 1);
	strbuf_addch(&sb, ' ');
	u8_fit(&sb, ticket_status_label(t->status), 10, 1);
	strbuf_addch(&sb, ' ');
	u8_fit(&sb, t->due_date ? t->due_date : "", 10, 0);
	strbuf_addch(&sb, ' ');
	u8_fit(&sb, late ? late : "", 14, 1);
	strbuf_addch(&sb, ' ');
	u8_fit(&sb, t->category, 8, 1);
	strbuf_addch(&sb, ' ');
	u8_cut(&sb, issue, rest < 10 ? 10 : rest, 1);
	strbuf_rtrim(&sb);
	fprintf(f, "%s\n", sb.buf);
	strbuf_release(&sb);
	free(issue);
	free(late);
}

struct list_state {
	struct jd *jd;
	enum out_format fmt;
	int width;
	long rows;
	int unit_table;		/* list --unit as a table */
};

static int print_one(const struct ticket *t, void *arg)
{
	struct list_state *ls = arg;

	if (ls->unit_table)
		unit_row(t, ls->width, stdout);
	else
		cmd_list_row(ls->jd, ls->fmt, t, ls->width, ls->rows == 0, stdout);
	ls->rows++;
	return 0;
}

int cmd_list_print(struct jd *jd, const struct ticket_filter *f, enum out_format fmt, int header,
		   long *rows)
{
	struct list_state ls = { jd, fmt, term_width(), 0, fmt == OUT_TABLE && f->unit && *f->unit };
	int r;

	if (header && ls.unit_table)
		unit_header(stdout);
	else if (header)
		cmd_list_header(fmt, stdout);
	r = store_ticket_list(jd->store, f, print_one, &ls);
	if (fmt == OUT_JSON && header)
		fputs(ls.rows ? "\n]\n" : "[]\n", stdout);
	if (rows)
		*rows = ls.rows;
	return r;
}

int cmd_list(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "status", required_argument, NULL, 's' },
		{ "category", required_argument, NULL, 'c' },
		{ "overdue", no_argument, NULL, 'o' },
		{ "open", no_argument, NULL, 'O' },
		{ "day", required_argument, NULL, 'd' },
		{ "month", required_argument, NULL, 'm' },
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'T' },
		{ "search", required_argument, NULL, 'q' },
		{ "phone", required_argument, NULL, 'p' },
		{ "unit", required_argument, NULL, 'u' },
		{ "station", required_argument, NULL, 'A' },
		{ "sort", required_argument, NULL, 'S' },
		{ "limit", required_argument, NULL, 'l' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct ticket_filter f = TICKET_FILTER_INIT;
	enum out_format fmt = OUT_TABLE;
	char day[CLOCK_DATE_LEN], from[CLOCK_DATE_LEN], to[CLOCK_DATE_LEN];
	char *unit = NULL;
	long rows = 0;
	int c, r, status_given = 0, sort_given = 0;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 's': {
			enum ticket_status st;

			status_given = 1;
			if (!strcmp(optarg, "open")) {
				f.open_only = 1;
				break;
			}
			if (ticket_status_parse(optarg, &st) < 0)
				return cmd_usage_error(jd->cmd, _("unknown status '%s'"), optarg);
			f.status = (int)st;
			break;
		}
		case 'c': f.category = optarg; break;
		case 'o': f.overdue = 1; break;
		case 'O': f.open_only = 1; status_given = 1; break;
		case 'u': f.unit = optarg; break;
		case 'A': f.station = optarg; break;
		case 'd':
			if (clock_parse_date(optarg, day) < 0)
				return cmd_usage_error(jd->cmd, _("'%s' is not a date; use 2026-03-10"), optarg);
			f.day = day;
			break;
		case 'm':
			if (clock_month_range(optarg, from, to) < 0)
				return cmd_usage_error(jd->cmd, _("'%s' is not a month; use 2026-03"), optarg);
			f.from = from;
			f.to = to;
			break;
		case 'F':
			if (clock_parse_date(optarg, from) < 0)
				return cmd_usage_error(jd->cmd, _("'%s' is not a date; use 2026-03-10"), optarg);
			f.from = from;
			break;
		case 'T':
			if (clock_parse_date(optarg, to) < 0)
				return cmd_usage_error(jd->cmd, _("'%s' is not a date; use 2026-03-10"), optarg);
			f.to = to;
			break;
		case 'q': f.text = optarg; break;
		case 'p': f.phone = optarg; break;
		case 'S':
			sort_given = 1;
			if (!strcmp(optarg, "number"))
				f.order = ORDER_NUMBER;
			else if (!strcmp(optarg, "newest"))
				f.order = ORDER_NEWEST;
			else if (!strcmp(optarg, "due"))
				f.order = ORDER_DUE;
			else
				return cmd_usage_error(jd->cmd, _("sort by number, newest or due"));
			break;
		case 'l':
			f.limit = atoi(optarg);
			if (f.limit <= 0)
				return cmd_usage_error(jd->cmd, _("--limit takes a positive number"));
			break;
		case 'f':
			if (cmd_parse_format(optarg, &fmt) < 0)
				return cmd_usage_error(jd->cmd, _("the format is table, tsv or json"));
			break;
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind < argc)
		return cmd_usage_error(jd->cmd, _("unexpected argument '%s'"), argv[optind]);
	if (f.unit) {
		struct unit u;

		f.unit = unit = u8_trim(f.unit);
		/* A unit's view: what it has in hand (已交办), soonest deadline first. */
		if (!status_given && !f.overdue)
			f.status = TS_ASSIGNED;
		if (!sort_given)
			f.order = ORDER_DUE;
		r = store_unit_get(jd->store, unit, &u);
		if (r != STORE_OK && r != STORE_NOTFOUND) {
			/* Not "not in the directory": the directory could not be read (said). */
			free(unit);
			return store_exit_code(r);
		}
		if (r == STORE_OK) {
			if (fmt == OUT_TABLE) {
				textout_printf(stdout, _("%s (contact: %s %s): in hand %lld, overdue %lld\n"), u.name,
					       *u.contact ? u.contact : "-", u.phone, (long long)u.in_hand,
					       (long long)u.overdue);
			}
			unit_release(&u);
		} else if (fmt == OUT_TABLE) {
			textout_printf(stdout, _("%s is not in the unit directory; tickets recorded with this name:\n"),
				       unit);
		}
	}
	r = cmd_list_print(jd, &f, fmt, 1, &rows);
	free(unit);
	if (r == STORE_OK && fmt == OUT_TABLE && rows == 0)
		printf(_("(no tickets)\n"));
	return store_exit_code(r);
}
