/*
 * export.c — the whole-ledger CSV/XLSX columns and the Open311 objects
 * (the JSON Lines format is in store-export.c, next to its SQL).
 */
#include "export.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "error.h"
#include "i18n.h"
#include "strbuf.h"
#include "ticket.h"
#include "u8.h"
#include "xmalloc.h"

enum ecol {
	E_NUMBER, E_STATION, E_STATUS, E_OVERDUE, E_CREATED, E_DAY, E_POSITION, E_NAME, E_PHONE,
	E_ADDRESS, E_CATEGORY, E_ISSUE, E_DEPUTY, E_UNIT, E_DUE, E_METHOD, E_ANSWER_DATE,
	E_ANSWER_TEXT, E_RATING, E_CLOSED_AT, E_CLOSED_BY, E_CLOSE_NOTE, E_VOID_REASON, E_UPDATED,
	E_N
};

static const struct {
	const char *title;	/* NC_("export", …) */
	double width;
} ecols[E_N] = {
	{ NC_("export", "Number"), 14 }, { NC_("export", "Station"), 8 },
	{ NC_("export", "Status"), 10 }, { NC_("export", "Overdue"), 6 },
	{ NC_("export", "Registered at"), 19 }, { NC_("export", "Reception day"), 11 },
	{ NC_("export", "Position"), 6 }, { NC_("export", "Voter"), 9 },
	{ NC_("export", "Phone"), 14 }, { NC_("export", "Address"), 16 },
	{ NC_("export", "Category"), 9 }, { NC_("export", "Issue"), 36 },
	{ NC_("export", "Deputy"), 8 }, { NC_("export", "Handed to"), 12 },
	{ NC_("export", "Deadline"), 11 }, { NC_("export", "Answer method"), 9 },
	{ NC_("export", "Answer date"), 11 }, { NC_("export", "Answer"), 30 },
	{ NC_("export", "Satisfaction"), 9 }, { NC_("export", "Signed off at"), 19 },
	{ NC_("export", "Signed off by"), 8 }, { NC_("export", "Sign-off note"), 16 },
	{ NC_("export", "Void reason"), 16 }, { NC_("export", "Last change"), 19 },
};

struct sheet_column *export_columns(char *const *extra_keys, size_t *n)
{
	size_t nextra = extra_keys ? u8_lines_count(extra_keys) : 0;
	struct sheet_column *c = xcalloc(E_N + nextra, sizeof(*c));

	for (int i = 0; i < E_N; i++) {
		c[i].title = i18n_cgettext(ecols[i].title);
		c[i].width = ecols[i].width;
	}
	for (size_t i = 0; i < nextra; i++) {
		c[E_N + i].title = extra_keys[i];
		c[E_N + i].width = 16;
	}
	*n = E_N + nextra;
	return c;
}

char **export_cells(const struct ticket *t, char *const *extra_keys, size_t n)
{
	char **c = xcalloc(n, sizeof(*c));

	c[E_NUMBER] = xstrdup(t->number);
	c[E_STATION] = xstrdup(t->station);
	c[E_STATUS] = xstrdup(ticket_status_label(t->status));
	c[E_OVERDUE] = xstrdup(t->overdue ? _("yes") : "");
	c[E_CREATED] = xstrdup(t->created_at);
	c[E_DAY] = xstrdup(t->day_date ? t->day_date : "");
	c[E_POSITION] = t->position ? xasprintf("%d", t->position) : xstrdup("");
	c[E_NAME] = xstrdup(t->name);
	c[E_PHONE] = xstrdup(t->phone);
	c[E_ADDRESS] = xstrdup(t->address);
	c[E_CATEGORY] = xstrdup(t->category);
	c[E_ISSUE] = xstrdup(t->issue);
	c[E_DEPUTY] = xstrdup(t->deputy);
	c[E_UNIT] = xstrdup(t->unit);
	c[E_DUE] = xstrdup(t->due_date ? t->due_date : "");
	c[E_METHOD] = xstrdup(t->answer_method);
	c[E_ANSWER_DATE] = xstrdup(t->answer_date ? t->answer_date : "");
	c[E_ANSWER_TEXT] = xstrdup(t->answer_text);
	c[E_RATING] = xstrdup(t->rating);
	c[E_CLOSED_AT] = xstrdup(t->closed_at ? t->closed_at : "");
	c[E_CLOSED_BY] = xstrdup(t->closed_by);
	c[E_CLOSE_NOTE] = xstrdup(t->close_note);
	c[E_VOID_REASON] = xstrdup(t->void_reason);
	c[E_UPDATED] = xstrdup(t->updated_at);
	for (size_t k = E_N; k < n; k++) {
		const char *key = extra_keys[k - E_N];

		for (size_t i = 0; i < t->nextra; i++)
			if (!strcmp(t->extra_keys[i], key))
				c[k] = xstrdup(t->extra_vals[i]);
		if (!c[k])
			c[k] = xstrdup("");
	}
	return c;
}

void export_cells_free(char **cells, size_t n)
{
	if (!cells)
		return;
	for (size_t i = 0; i < n; i++)
		free(cells[i]);
	free(cells);
}

/* ---- Open311 ---- */

/*
 * A stored local time "YYYY-MM-DD HH:MM:SS" (or a date with time_of_day)
 * as ISO 8601 with the UTC offset in force then: 2026-03-10T09:30:00+08:00.
 */
static void iso8601(struct strbuf *sb, const char *stamp, const char *time_of_day)
{
	struct tm tm;
	char buf[96];
	long off;
	int y, mo, d, h = 0, mi = 0, s = 0;

	if (!stamp || sscanf(stamp, "%4d-%2d-%2d", &y, &mo, &d) != 3) {
		strbuf_adds(sb, "null");
		return;
	}
	if (time_of_day)
		sscanf(time_of_day, "%2d:%2d:%2d", &h, &mi, &s);
	else if (strlen(stamp) >= 19)
		sscanf(stamp + 11, "%2d:%2d:%2d", &h, &mi, &s);
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = s;
	tm.tm_isdst = -1;
	mktime(&tm);
	off = tm.tm_gmtoff;
	snprintf(buf, sizeof(buf), "\"%04d-%02d-%02dT%02d:%02d:%02d%c%02ld:%02ld\"", y, mo, d, h, mi, s,
		 off < 0 ? '-' : '+', (off < 0 ? -off : off) / 3600, ((off < 0 ? -off : off) % 3600) / 60);
	strbuf_adds(sb, buf);
}

/*
 * The issue without personal data: the voter's name masked, and phone
 * numbers (any run of 7 or more digits, full-width ones too) starred.
 */
static char *scrub(const struct ticket *t)
{
	struct strbuf sb = STRBUF_INIT;
	char *masked = u8_mask_name(t->name), *out;
	const char *p = t->issue, *hit;
	size_t nlen = strlen(t->name);
	/* A name of one character is not looked for: every such character would be starred. */
	int look = nlen > 0 && u8_chars(t->name) > 1;

	/*
	 * strstr() takes time linear in both texts (glibc: the two-way
	 * algorithm), and each call starts after the last match, so a megabyte
	 * of issue costs a megabyte of work whatever the name.  In UTF-8 a
	 * match always begins at a character, never inside one.
	 */
	while (look && (hit = strstr(p, t->name))) {
		strbuf_add(&sb, p, (size_t)(hit - p));
		strbuf_adds(&sb, masked);
		p = hit + nlen;
	}
	strbuf_adds(&sb, p);
	free(masked);
	out = u8_mask_digits(sb.buf, 7);
	strbuf_release(&sb);
	return out;
}

static void key_str(struct strbuf *sb, const char *key, const char *val, int first)
{
	if (!first)
		strbuf_addch(sb, ',');
	strbuf_add_json(sb, key);
	strbuf_addch(sb, ':');
	if (val && *val)
		strbuf_add_json(sb, val);
	else
		strbuf_adds(sb, "null");
}

void export_open311(struct strbuf *sb, const struct ticket *t)
{
	char *desc = scrub(t), *address = t->address ? u8_mask_address(t->address) : NULL;

	strbuf_addch(sb, '{');
	key_str(sb, "service_request_id", t->number, 1);
	key_str(sb, "status", t->status == TS_CLOSED ? "closed" : "open", 0);
	key_str(sb, "status_notes", ticket_status_label(t->status), 0);
	key_str(sb, "service_code", t->category, 0);
	key_str(sb, "service_name", t->category, 0);
	key_str(sb, "description", desc, 0);
	key_str(sb, "agency_responsible", t->unit, 0);
	strbuf_adds(sb, ",\"requested_datetime\":");
	iso8601(sb, t->created_at, NULL);
	strbuf_adds(sb, ",\"expected_datetime\":");
	iso8601(sb, t->due_date, "23:59:59");
	strbuf_adds(sb, ",\"updated_datetime\":");
	iso8601(sb, t->updated_at, NULL);
	/* The village, not the house: the voter's address as the public may see it. */
	key_str(sb, "address", address, 0);	/* address_string is only the POST parameter */
	strbuf_addch(sb, '}');
	free(desc);
	free(address);
}

int export_jsonl_put(void *file, const char *json, size_t len)
{
	FILE *f = file;

	if (fwrite(json, 1, len, f) != len || putc('\n', f) == EOF)
		return error_errno(_("cannot write the export"));
	return 0;
}
