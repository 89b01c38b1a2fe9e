/* ticket.c — see ticket.h. */
#include "ticket.h"

#include <ctype.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "strbuf.h"
#include "u8.h"
#include "xmalloc.h"

static const char *const status_names[TS_COUNT] = {
	"registered", "assigned", "answered", "ready", "closed", "void",
};

static const char *const status_labels[TS_COUNT] = {
	NC_("status", "Registered"), NC_("status", "Handed over"), NC_("status", "Answered"),
	NC_("status", "Awaiting sign-off"), NC_("status", "Signed off"), NC_("status", "Void"),
};

static const char *const action_names[TA_COUNT] = {
	"handover", "answer", "rate", "signoff", "reopen", "void",
};

static const char *const action_labels[TA_COUNT] = {
	NC_("action", "Hand over"), NC_("action", "Answer"), NC_("action", "Rate"),
	NC_("action", "Sign off"), NC_("action", "Reopen"), NC_("action", "Void"),
};

void ticket_release(struct ticket *t)
{
	if (!t)
		return;
	free(t->number); free(t->check_code); free(t->station); free(t->day_date);
	free(t->name); free(t->phone); free(t->address); free(t->category);
	free(t->issue); free(t->deputy); free(t->unit); free(t->due_date);
	free(t->answer_method); free(t->answer_date); free(t->answer_text);
	free(t->rating); free(t->closed_at); free(t->closed_by); free(t->close_note);
	free(t->void_reason); free(t->created_at); free(t->updated_at); free(t->extra);
	free(t->follow_deputy);
	for (size_t i = 0; i < t->nextra; i++) {
		free(t->extra_keys[i]);
		free(t->extra_vals[i]);
	}
	free(t->extra_keys);
	free(t->extra_vals);
	memset(t, 0, sizeof(*t));
}

void ticket_event_release(struct ticket_event *e)
{
	if (!e)
		return;
	free(e->at); free(e->kind); free(e->actor); free(e->login); free(e->client);
	free(e->status_from); free(e->status_to); free(e->unit); free(e->due_date);
	free(e->method); free(e->rating); free(e->text); free(e->data);
	free(e->follow_deputy); free(e->follow_before);
	memset(e, 0, sizeof(*e));
}

const char *ticket_status_name(enum ticket_status s)
{
	return s < TS_COUNT ? status_names[s] : "?";
}

const char *ticket_status_label(enum ticket_status s)
{
	return s < TS_COUNT ? i18n_cgettext(status_labels[s]) : "?";
}

int ticket_status_parse(const char *s, enum ticket_status *out)
{
	for (int i = 0; i < TS_COUNT; i++) {
		const char *plain = strchr(status_labels[i], '\004') + 1;

		if (!strcmp(s, status_names[i]) || !strcmp(s, plain) ||
		    !strcmp(s, i18n_cgettext(status_labels[i]))) {
			*out = (enum ticket_status)i;
			return 0;
		}
	}
	return -1;
}

const char *ticket_action_name(enum ticket_action a)
{
	return a < TA_COUNT ? action_names[a] : "?";
}

const char *ticket_action_label(enum ticket_action a)
{
	return a < TA_COUNT ? i18n_cgettext(action_labels[a]) : "?";
}

const char *ticket_event_label(const char *kind)
{
	static const struct { const char *kind, *label; } labels[] = {
		{ "register", NC_("event", "Registered") },
		{ "backfill", NC_("event", "Entered afterwards") },
		{ "handover", NC_("event", "Handed over") },
		{ "answer", NC_("event", "Answered") },
		{ "rate", NC_("event", "Rated") },
		{ "signoff", NC_("event", "Signed off") },
		{ "reopen", NC_("event", "Reopened") },
		{ "void", NC_("event", "Voided") },
		{ "correct", NC_("event", "Corrected") },
		{ "print", NC_("event", "Receipt printed") },
		{ "reprint", NC_("event", "Receipt reprinted") },
		{ "import", NC_("event", "Imported") },
		{ "baseline", NC_("event", "Recorded as it stood") },
		{ "chase", NC_("event", "Chased (督办)") },
		{ "follow", NC_("event", "Follow-up deputy") },
	};

	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (!strcmp(labels[i].kind, kind))
			return i18n_cgettext(labels[i].label);
	return kind;
}

/* strbuf_addf(sb, fmt, value) with value cleaned to one line under the text rule. */
static void add_clean_value(struct strbuf *sb, const char *fmt, const char *value)
{
	char *clean = u8_sanitize(value, 0);

	strbuf_addf(sb, fmt, clean);
	free(clean);
}

void ticket_event_describe(const struct ticket_event *e, struct strbuf *sb)
{
	u8_add_clean(sb, e->actor, 0);
	if (*e->login && strcmp(e->login, e->actor))
		add_clean_value(sb, " (%s)", e->login);
	if (*e->client)
		add_clean_value(sb, " @%s", e->client);
	if (e->unit && *e->unit)
		add_clean_value(sb, _("; to %s"), e->unit);
	if (e->due_date && *e->due_date)
		add_clean_value(sb, _("; deadline %s"), e->due_date);
	if (e->method && *e->method)
		add_clean_value(sb, _("; by %s"), e->method);
	if (e->rating && *e->rating)
		add_clean_value(sb, _("; rated %s"), e->rating);
	if (e->follow_deputy && *e->follow_deputy && e->follow_before && *e->follow_before)
		add_clean_value(sb, _("; follow-up now by %s"), e->follow_deputy);
	else if (e->follow_deputy && *e->follow_deputy)
		add_clean_value(sb, _("; given to %s to follow up"), e->follow_deputy);
	if (e->follow_before && *e->follow_before)
		add_clean_value(sb, e->follow_deputy && *e->follow_deputy ? _(" (was %s)") : _("; %s no longer follows it up"),
				e->follow_before);
	if (e->text && *e->text)
		add_clean_value(sb, _("; %s"), e->text);
}

int ticket_rating_valid(const char *r)
{
	return r && (!strcmp(r, RATING_GOOD) || !strcmp(r, RATING_FAIR) || !strcmp(r, RATING_BAD));
}

int ticket_status_open(enum ticket_status s)
{
	return s != TS_CLOSED && s != TS_VOID;
}

int ticket_step_check(enum ticket_status from, enum ticket_action a, const char **why)
{
	if (from == TS_VOID) {
		*why = _("This item was voided; nothing more can be done with it.");
		return -1;
	}
	if (from == TS_CLOSED && a != TA_REOPEN) {
		*why = _("This item is already signed off (销号). Reopen it first if it must be handled again.");
		return -1;
	}
	switch (a) {
	case TA_HANDOVER:
		if (from == TS_REGISTERED || from == TS_ASSIGNED)
			return 0;
		*why = _("This item has already been answered. Reopen it to hand it over again.");
		return -1;
	case TA_ANSWER:
		if (from == TS_REGISTERED || from == TS_ASSIGNED || from == TS_ANSWERED)
			return 0;
		*why = _("The voter has already rated the answer. Reopen the item to answer it again.");
		return -1;
	case TA_RATE:
		if (from == TS_ANSWERED)
			return 0;
		if (from == TS_READY)
			*why = _("The voter has already rated this item; it is waiting for sign-off.");
		else
			*why = _("The voter can only rate an item after it has been answered.");
		return -1;
	case TA_SIGNOFF:
		if (from == TS_READY)
			return 0;
		if (from == TS_ANSWERED)
			*why = _("The voter has not rated the answer yet. Record the rating first.");
		else
			*why = _("Only an item that has been answered and rated can be signed off.");
		return -1;
	case TA_REOPEN:
		if (from == TS_ANSWERED || from == TS_READY || from == TS_CLOSED)
			return 0;
		*why = _("This item is still being handled; there is nothing to reopen.");
		return -1;
	case TA_VOID:
		return 0;
	case TA_COUNT:
		break;
	}
	*why = "?";
	return -1;
}

enum ticket_status ticket_step_result(enum ticket_status from, enum ticket_action a,
				      const char *rating)
{
	switch (a) {
	case TA_HANDOVER: return TS_ASSIGNED;
	case TA_ANSWER: return TS_ANSWERED;
	case TA_RATE: return (rating && !strcmp(rating, RATING_BAD)) ? TS_ASSIGNED : TS_READY;
	case TA_SIGNOFF: return TS_CLOSED;
	case TA_REOPEN: return TS_ASSIGNED;
	case TA_VOID: return TS_VOID;
	case TA_COUNT: break;
	}
	return from;
}

/* Walk fmt, calling back for each placeholder; returns -1 on an unknown one. */
static int format_walk(const char *fmt, struct strbuf *out, const char *station, int year,
		       int64_t seq, int *has_seq)
{
	int has_station = 0, has_year = 0;

	*has_seq = 0;
	for (const char *p = fmt; *p; p++) {
		const char *end;
		size_t n;

		if (*p != '{') {
			if (out)
				strbuf_addch(out, *p);
			continue;
		}
		end = strchr(p, '}');
		if (!end)
			return -1;
		n = (size_t)(end - p - 1);
		if (n == 7 && !strncmp(p + 1, "station", 7)) {
			has_station = 1;
			if (out)
				strbuf_adds(out, station);
		} else if (n == 4 && !strncmp(p + 1, "year", 4)) {
			has_year = 1;
			if (out)
				strbuf_addf(out, "%04d", year);
		} else if (n == 3 && !strncmp(p + 1, "seq", 3)) {
			*has_seq = 1;
			if (out)
				strbuf_addf(out, "%lld", (long long)seq);
		} else if (n == 5 && !strncmp(p + 1, "seq:", 4) && p[5] >= '1' && p[5] <= '9') {
			*has_seq = 1;
			if (out)
				strbuf_addf(out, "%0*lld", p[5] - '0', (long long)seq);
		} else {
			return -1;
		}
		p = end;
	}
	/* Numbers must stay unique across years and, in a county roll-up, stations. */
	if (!has_station || !has_year)
		*has_seq = 0;
	return 0;
}

char *ticket_format_number(const char *fmt, const char *station, int year, int64_t seq)
{
	struct strbuf sb = STRBUF_INIT;
	int has_seq;

	if (format_walk(fmt, &sb, station, year, seq, &has_seq) < 0 || !has_seq) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s-%04d-%04lld", station, year, (long long)seq);
	}
	return strbuf_detach(&sb);
}

int ticket_number_format_valid(const char *fmt)
{
	int has_seq;

	return format_walk(fmt, NULL, "", 0, 0, &has_seq) == 0 && has_seq;
}

void ticket_make_check_code(char *out)
{
	static const char alphabet[] = CHECK_CODE_ALPHABET;
	const unsigned n = sizeof(alphabet) - 1;
	int i = 0;

	/* Rejection sampling keeps every character equally likely. */
	while (i < CHECK_CODE_LEN) {
		unsigned char b;

		sqlite3_randomness(1, &b);
		if (b >= 256 - 256 % n)
			continue;
		out[i++] = alphabet[b % n];
	}
	out[i] = '\0';
}

int ticket_check_code_normalize(char *code)
{
	size_t len = strlen(code);

	if (len != CHECK_CODE_LEN)
		return -1;
	for (char *p = code; *p; p++) {
		*p = (char)toupper((unsigned char)*p);
		/* Letters a person may read for the ones we use. */
		if (*p == 'G')
			*p = '6';
		if (!strchr(CHECK_CODE_ALPHABET, *p))
			return -1;
	}
	return 0;
}

int ticket_check_code_valid(const char *code)
{
	return strlen(code) == CHECK_CODE_LEN && strspn(code, CHECK_CODE_ALPHABET) == CHECK_CODE_LEN;
}

int ticket_station_code_valid(const char *code)
{
	size_t n = strlen(code);

	return n >= 1 && n <= 8 && strspn(code, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == n;
}

/* Where needle occurs in hay at or after from (byte offset), or -1. */
static long find_from(const char *hay, const char *needle, long from)
{
	const char *p = strstr(hay + from, needle);

	return p ? (long)(p - hay) : -1;
}

/* 1 when [a, a+an) and [b, b+bn) do not overlap. */
static int apart(long a, size_t an, long b, size_t bn)
{
	return a + (long)an <= b || b + (long)bn <= a;
}

int ticket_number_agrees(const char *number, const char *station, int year, int64_t seq)
{
	char y[16], digits[24];
	size_t len = strlen(number), sn = strlen(station);

	if (!*station || len > TICKET_NUMBER_MAX || strchr(number, '{') || year < 0 || year > 9999 ||
	    seq < 1)
		return 0;
	snprintf(y, sizeof(y), "%04d", year);
	snprintf(digits, sizeof(digits), "%lld", (long long)seq);
	/* {seq} gives the digits; {seq:N} pads them with zeros to N (1–9) places. */
	for (int width = (int)strlen(digits); width <= 9 || width == (int)strlen(digits); width++) {
		char q[24];
		size_t qn;

		snprintf(q, sizeof(q), "%0*lld", width, (long long)seq);
		qn = strlen(q);
		for (long i = find_from(number, station, 0); i >= 0; i = find_from(number, station, i + 1))
			for (long j = find_from(number, y, 0); j >= 0; j = find_from(number, y, j + 1))
				for (long k = find_from(number, q, 0); k >= 0; k = find_from(number, q, k + 1))
					if (apart(i, sn, j, 4) && apart(i, sn, k, qn) && apart(j, 4, k, qn))
						return 1;
	}
	return 0;
}

/*
 * Does number[ni..] match fmt[fi..]?  memo (one byte per pair of places,
 * 0 unknown, 1 no, 2 yes) keeps the search linear in their product when a
 * format holds several {seq}.
 */
static int fits_at(const char *fmt, size_t fi, const char *station, const char *number, size_t ni,
		   size_t nlen, unsigned char *memo)
{
	unsigned char *m = &memo[fi * (nlen + 1) + ni];
	const char *f = fmt + fi, *n = number + ni;
	int ok = 0;

	if (*m)
		return *m == 2;
	if (!*f) {
		ok = !*n;
	} else if (!strncmp(f, "{station}", 9)) {
		size_t sn = strlen(station);

		ok = !strncmp(n, station, sn) && fits_at(fmt, fi + 9, station, number, ni + sn, nlen, memo);
	} else if (!strncmp(f, "{year}", 6)) {
		ok = strspn(n, "0123456789") >= 4 && fits_at(fmt, fi + 6, station, number, ni + 4, nlen, memo);
	} else if (!strncmp(f, "{seq}", 5) || (!strncmp(f, "{seq:", 5) && f[5] >= '1' && f[5] <= '9' &&
						f[6] == '}')) {
		size_t skip = f[4] == '}' ? 5 : 7, width = f[4] == '}' ? 1 : (size_t)(f[5] - '0');
		size_t run = strspn(n, "0123456789");

		/* At least width digits; beyond the padding, no leading zero. */
		for (size_t k = width; k <= run && k <= 19 && !ok; k++)
			if (k == width || n[0] != '0')
				ok = fits_at(fmt, fi + skip, station, number, ni + k, nlen, memo);
	} else {
		ok = *n == *f && fits_at(fmt, fi + 1, station, number, ni + 1, nlen, memo);
	}
	*m = ok ? 2 : 1;
	return ok;
}

int ticket_number_fits(const char *fmt, const char *station, const char *number)
{
	size_t flen, nlen = strlen(number);
	unsigned char *memo;
	int ok;

	if (!ticket_number_format_valid(fmt))
		fmt = "{station}-{year}-{seq:4}";
	if (nlen > TICKET_NUMBER_MAX)
		return 0;
	flen = strlen(fmt);
	memo = xcalloc((flen + 1) * (nlen + 1), 1);
	ok = fits_at(fmt, 0, station, number, 0, nlen, memo);
	free(memo);
	return ok;
}
