/* lookup.c — see lookup.h. */
#include "lookup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "receipt.h"
#include "store.h"
#include "strbuf.h"
#include "ticket.h"
#include "u8.h"
#include "xmalloc.h"

/* The last four digits of a phone as stored, or "" when it has fewer. */
static void last4(const char *phone, char out[5])
{
	char digits[64];
	size_t n = 0;

	for (const char *p = phone ? phone : ""; *p && n < sizeof(digits); p++)
		if (*p >= '0' && *p <= '9')
			digits[n++] = *p;
	if (n < 4) {
		out[0] = '\0';
		return;
	}
	memcpy(out, digits + n - 4, 4);
	out[4] = '\0';
}

/* The ticket with this number, read without saying whether it exists. */
static int get_quietly(struct store *s, const char *number, struct ticket *t)
{
	int64_t id = store_ticket_find(s, number);

	if (id < 0)
		return LOOKUP_IO;
	if (!id)
		return LOOKUP_NOMATCH;
	return store_ticket_get_id(s, id, t) == STORE_OK ? LOOKUP_OK : LOOKUP_IO;
}

/* ---- reading a typed number ---- */

#define FIND_MAX 20		/* candidates looked at, and named when several match */

/* The year in the 4 digits at d, or 0 when len is not 4 or it is no year of a ledger. */
static int year_at(const char *d, size_t len)
{
	int y = 0;

	if (len != 4)
		return 0;
	for (size_t i = 0; i < 4; i++)
		y = y * 10 + (d[i] - '0');
	return y >= 1990 && y <= 2099 ? y : 0;
}

/* Add the reading station/year/digits when the digits make a sequence number. */
static void add_reading(struct number_reading *out, int max, int *n, const char *station, size_t slen,
			int year, const char *digits, size_t dlen)
{
	long long seq = 0;

	if (*n >= max || dlen == 0 || dlen > 9 || slen >= sizeof(out->station))
		return;
	for (size_t i = 0; i < dlen; i++)
		seq = seq * 10 + (digits[i] - '0');
	if (seq <= 0)
		return;
	memcpy(out[*n].station, station, slen);
	out[*n].station[slen] = '\0';
	out[*n].year = year;
	out[*n].seq = seq;
	(*n)++;
}

/*
 * Readings of the digit groups after a station (or alone): one group is a
 * sequence number, or a year and a sequence number run together
 * (20260001); two groups are a year and a sequence number.
 */
static void from_groups(struct number_reading *out, int max, int *n, const char *station, size_t slen,
			const char *const *g, const size_t *glen, int ng)
{
	if (ng == 1) {
		add_reading(out, max, n, station, slen, 0, g[0], glen[0]);
		if (glen[0] > 4 && year_at(g[0], 4))
			add_reading(out, max, n, station, slen, year_at(g[0], 4), g[0] + 4, glen[0] - 4);
	} else if (ng == 2 && year_at(g[0], glen[0])) {
		add_reading(out, max, n, station, slen, year_at(g[0], glen[0]), g[1], glen[1]);
	}
}

int lookup_parse_number(const char *text, struct number_reading *out, int max)
{
	char *folded = u8_fold(text ? text : ""), *t = u8_trim(folded);
	const char *chunk[5], *g[5] = { 0 };
	size_t clen[5], glen[5] = { 0 }, last_letter = 0;
	int nc = 0, n = 0, letters = 0;

	free(folded);
	/* Chunks of letters and digits between blanks and dashes; anything else is not a number. */
	for (char *p = t; *p; ) {
		size_t len;

		if (strchr(" -_/.", *p)) {
			p++;
			continue;
		}
		len = strspn(p, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");
		if (!len || nc == 5)
			goto out;
		for (size_t i = 0; i < len; i++) {
			if (p[i] >= 'a' && p[i] <= 'z')
				p[i] = (char)(p[i] - 'a' + 'A');
			if (p[i] >= 'A' && p[i] <= 'Z') {
				if (nc > 0)
					goto out;	/* letters only at the start */
				letters = 1;
				last_letter = i + 1;
			}
		}
		chunk[nc] = p;
		clen[nc++] = len;
		p += len;
	}
	if (!nc)
		goto out;
	if (!letters) {
		from_groups(out, max, &n, "", 0, chunk, clen, nc);
		goto out;
	}
	/* The station is the first chunk up to its last letter, digits after it the first group … */
	{
		int ng = 0;

		if (last_letter < clen[0]) {
			g[ng] = chunk[0] + last_letter;
			glen[ng++] = clen[0] - last_letter;
		}
		for (int i = 1; i < nc; i++) {
			g[ng] = chunk[i];
			glen[ng++] = clen[i];
		}
		from_groups(out, max, &n, chunk[0], last_letter, g, glen, ng);
	}
	/* … or, when more chunks follow, the whole first chunk (a station code with digits). */
	if (last_letter < clen[0] && nc > 1)
		from_groups(out, max, &n, chunk[0], clen[0], chunk + 1, clen + 1, nc - 1);
out:
	free(t);
	return n;
}

/* The tickets text may mean: the one numbered exactly so, else those a reading matches. */
static int candidates(struct store *s, const char *text, struct found_ticket **found, size_t *n)
{
	struct number_reading rd[8];
	int nr, r = store_find_number(s, text, found, n);

	if (r != STORE_OK || *n)
		return r;
	nr = lookup_parse_number(text, rd, 8);
	for (int i = 0; i < nr && r == STORE_OK; i++)
		r = store_find_parts(s, rd[i].station[0] ? rd[i].station : NULL, rd[i].year, rd[i].seq,
				     found, n, FIND_MAX);
	return r;
}

/* "A, B, C" (or "A、B、C"), with "…" when the list was cut at FIND_MAX. */
static void list_numbers(struct strbuf *sb, const struct found_ticket *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_adds(sb, i18n_is_chinese() ? "、" : ", ");
		strbuf_adds(sb, f[i].number);
	}
	if (n >= FIND_MAX)
		strbuf_adds(sb, "…");
}

int lookup_resolve(struct store *s, const char *text, char **number)
{
	char *folded = u8_fold(text ? text : ""), *t = u8_trim(folded);
	struct found_ticket *found = NULL;
	struct strbuf sb = STRBUF_INIT;
	size_t n = 0;
	int r;

	free(folded);
	*number = NULL;
	if (t[0] == '#') {	/* a database id, for scripts: store_ticket_get() reads it */
		*number = t;
		return LOOKUP_OK;
	}
	if (candidates(s, t, &found, &n) != STORE_OK) {
		r = LOOKUP_IO;
	} else if (n == 1) {
		*number = xstrdup(found[0].number);
		r = LOOKUP_OK;
	} else if (n == 0) {
		error(_("there is no ticket numbered '%s'"), t);
		r = LOOKUP_NOMATCH;
	} else {
		list_numbers(&sb, found, n);
		error(_("'%s' could be any of %s: give the whole number"), t, sb.buf);
		r = LOOKUP_AMBIGUOUS;
	}
	strbuf_release(&sb);
	store_found_free(found, n);
	free(t);
	return r;
}

int lookup_handled_again(struct store *s, const struct ticket *t, char since[11], const char **why)
{
	struct ticket_event *ev = NULL;
	size_t n = 0;
	int again = 0;

	*why = NULL;
	since[0] = '\0';
	if (t->status != TS_ASSIGNED)
		return 0;
	if (store_ticket_events(s, t->id, &ev, &n) != STORE_OK)
		return -1;
	for (size_t i = 0; i < n; i++) {
		const struct ticket_event *e = &ev[i];
		enum ticket_status from, to;

		if (!e->status_to || ticket_status_parse(e->status_to, &to) < 0)
			continue;
		if (!e->status_from || ticket_status_parse(e->status_from, &from) < 0)
			from = TS_REGISTERED;
		if (to == TS_ASSIGNED && (from == TS_ANSWERED || from == TS_READY || from == TS_CLOSED)) {
			/* Sent back: by a rating (不满意) or a reopen. */
			again = 1;
			snprintf(since, 11, "%.10s", e->at);
			*why = !strcmp(e->kind, "rate") ? "rate" : "reopen";
		} else if (to != TS_ASSIGNED) {
			again = 0;	/* answered (or closed) again since */
		}
	}
	store_events_free(ev, n);
	if (!again) {
		*why = NULL;
		since[0] = '\0';
	}
	return again;
}

int lookup_handled_again_note(struct store *s, const struct ticket *t, struct strbuf *sb)
{
	char since[11];
	const char *why;
	int r = lookup_handled_again(s, t, since, &why);

	if (r != 1)
		return r;
	if (!strcmp(why, "rate"))
		strbuf_addf(sb, _(" — handled again (重新办理) since %s: the voter was not satisfied"), since);
	else
		strbuf_addf(sb, _(" — handled again (重新办理) since %s: reopened"), since);
	return 0;
}

/* ---- a voter's look-up ---- */

/* 1 when t is the voter's: the last four digits of its phone, or its check code, are given. */
static int proves(const struct ticket *t, const char *phone4, const char *check)
{
	char have[5];

	if (phone4) {
		last4(t->phone, have);
		return *have && !strcmp(have, phone4);
	}
	return !strcmp(t->check_code, check);
}

int lookup_verify(struct store *s, const char *number, const char *phone4, const char *check,
		  struct ticket *out)
{
	struct found_ticket *found = NULL, *mine = NULL;
	size_t n = 0, nmine = 0;
	char *given = NULL;
	int r = LOOKUP_NOMATCH;

	if ((phone4 == NULL) == (check == NULL))
		BUG("lookup_verify wants phone4 or check");
	if (phone4) {
		char *folded = u8_fold(phone4);

		given = u8_trim(folded);
		free(folded);
		if (strlen(given) != 4 || strspn(given, "0123456789") != 4) {
			free(given);
			error(_("give the last four digits of the voter's phone, such as 8000"));
			return LOOKUP_BADINPUT;
		}
	} else {
		char *folded = u8_fold(check);

		given = u8_trim(folded);
		free(folded);
		if (ticket_check_code_normalize(given) < 0) {
			free(given);
			error(_("a check code is %d letters and digits, as printed on the receipt"), CHECK_CODE_LEN);
			return LOOKUP_BADINPUT;
		}
	}
	/*
	 * Every ticket the number may mean is tried against the digits or
	 * code; only those that match count, so a forgiving reading never
	 * opens, nor names, a ticket the caller has not proved is theirs.
	 */
	if (candidates(s, number, &found, &n) != STORE_OK)
		r = LOOKUP_IO;
	for (size_t i = 0; i < n && r != LOOKUP_IO; i++) {
		struct ticket t;

		if (store_ticket_get_id(s, found[i].id, &t) != STORE_OK) {
			r = LOOKUP_IO;
			break;
		}
		if (!proves(&t, phone4 ? given : NULL, phone4 ? NULL : given)) {
			ticket_release(&t);
			continue;
		}
		if (!nmine++)
			*out = t;
		else
			ticket_release(&t);
		mine = xreallocarray(mine, nmine, sizeof(*mine));
		mine[nmine - 1].id = found[i].id;
		mine[nmine - 1].number = xstrdup(found[i].number);
	}
	if (r == LOOKUP_IO) {
		if (nmine)
			ticket_release(out);
	} else if (nmine == 1) {
		r = LOOKUP_OK;
	} else if (nmine > 1) {
		struct strbuf sb = STRBUF_INIT;

		ticket_release(out);
		list_numbers(&sb, mine, nmine);
		error(_("'%s' could be any of %s: give the whole number"), number, sb.buf);
		strbuf_release(&sb);
		r = LOOKUP_AMBIGUOUS;
	}
	store_found_free(found, n);
	store_found_free(mine, nmine);
	free(given);
	if (r == LOOKUP_NOMATCH) {
		/* The same words whether the number exists or not. */
		if (phone4)
			error(_("no ticket matches %s with those phone digits; check the number on the receipt, or ask for the check code"),
			      number);
		else
			error(_("no ticket matches %s with that check code; check both against the receipt"), number);
	}
	return r;
}

int lookup_payload(struct store *s, const char *text, struct ticket *out)
{
	char *url = store_setting(s, "qr_url");
	char *number = NULL, *check = NULL;
	int r;

	if (receipt_parse_payload(text, url, &number, &check) < 0) {
		free(url);
		return LOOKUP_NOTPAYLOAD;
	}
	free(url);
	r = get_quietly(s, number, out);
	if (r == LOOKUP_NOMATCH) {
		error(_("the receipt's number %s is not in this ledger"), number);
	} else if (r == LOOKUP_OK &&
		   (ticket_check_code_normalize(check) < 0 || strcmp(check, out->check_code))) {
		error(_("the check code on this receipt does not match %s; nothing is shown"), out->number);
		ticket_release(out);
		r = LOOKUP_NOMATCH;
	}
	free(number);
	free(check);
	return r;
}

int lookup_ticket(struct store *s, const char *text, struct ticket *out)
{
	char *number = NULL;
	int r = lookup_payload(s, text, out);

	if (r != LOOKUP_NOTPAYLOAD)
		return r;
	r = lookup_resolve(s, text, &number);
	if (r != LOOKUP_OK)
		return r;
	r = store_ticket_get(s, number, out);
	free(number);
	if (r == STORE_OK)
		return LOOKUP_OK;
	return r == STORE_NOTFOUND ? LOOKUP_NOMATCH : LOOKUP_IO;
}
