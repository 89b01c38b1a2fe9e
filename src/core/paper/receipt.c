/* receipt.c — see receipt.h. */
#include "receipt.h"

#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "store.h"
#include "strbuf.h"
#include "ticket.h"
#include "u8.h"
#include "workdays.h"
#include "xmalloc.h"

/* Every line is cleaned (u8.h's rule): a receipt goes to terminals and printers alike. */
static void add_line(struct receipt *r, int style, const char *text)
{
	r->lines = xreallocarray(r->lines, r->n + 1, sizeof(*r->lines));
	r->lines[r->n].text = u8_sanitize(text, 0);
	r->lines[r->n].style = style;
	r->n++;
}

/* Where the receipt is laid out: its width and how wide each character is there. */
struct layout {
	int cols;
	int (*cp_width)(long cp);
};

/* Add text wrapped to cols (a label on the first line, the rest indented). */
static void add_wrapped(struct receipt *r, const struct layout *lo, const char *label, const char *text,
			int max_lines)
{
	char *clean = u8_sanitize(text ? text : "", 1);
	struct strbuf sb = STRBUF_INIT;
	int cols = lo->cols;
	/* A label ending in a full-width colon carries its own space. */
	int gap = label && !(strlen(label) >= 3 && !strcmp(label + strlen(label) - 3, "："));
	int lw = label ? u8_width_by(label, lo->cp_width) + gap : 0;
	char **lines;
	size_t n;

	for (char *p = clean; *p; p++)
		if (*p == '\n')
			*p = ' ';
	lines = u8_wrap_by(clean, cols - lw, lo->cp_width);
	n = u8_lines_count(lines);
	for (size_t i = 0; i < n && (max_lines <= 0 || (int)i < max_lines); i++) {
		strbuf_reset(&sb);
		if (i == 0 && label) {
			strbuf_adds(&sb, label);
			if (gap)
				strbuf_addch(&sb, ' ');
		} else {
			for (int k = 0; k < lw; k++)
				strbuf_addch(&sb, ' ');
		}
		if (max_lines > 0 && (int)i == max_lines - 1 && n > i + 1) {
			/* The last allowed line: end with "…" to show the rest was cut. */
			u8_cut_by(&sb, lines[i], cols - lw - lo->cp_width(0x2026), lo->cp_width);
			strbuf_adds(&sb, "…");
		} else {
			strbuf_adds(&sb, lines[i]);
		}
		add_line(r, RS_NORMAL, sb.buf);
	}
	u8_lines_free(lines);
	strbuf_release(&sb);
	free(clean);
}

static void add_pair(struct receipt *r, const struct layout *lo, const char *label, const char *value)
{
	add_wrapped(r, lo, label, value, 0);
}

void receipt_release(struct receipt *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->lines[i].text);
	free(r->lines);
	free(r->payload);
	free(r->qr);
	memset(r, 0, sizeof(*r));
}

char *receipt_payload(const char *number, const char *check, const char *url_template)
{
	struct strbuf sb = STRBUF_INIT;

	if (!url_template || !*url_template) {
		strbuf_addf(&sb, "%s%s:%s", PAYLOAD_PREFIX, number, check);
		return strbuf_detach(&sb);
	}
	for (const char *p = url_template; *p; ) {
		if (!strncmp(p, "{number}", 8)) {
			strbuf_adds(&sb, number);
			p += 8;
		} else if (!strncmp(p, "{check}", 7)) {
			strbuf_adds(&sb, check);
			p += 7;
		} else {
			strbuf_addch(&sb, *p++);
		}
	}
	return strbuf_detach(&sb);
}

/* The placeholder at p: its length, and which capture it fills (NULL when p is literal). */
static size_t placeholder(const char *p, char **number, char **check, char ***slot)
{
	*slot = NULL;
	if (!strncmp(p, "{number}", 8)) {
		*slot = number;
		return 8;
	}
	if (!strncmp(p, "{check}", 7)) {
		*slot = check;
		return 7;
	}
	return 0;
}

/*
 * Match text against a template with {number} and {check}; fills the
 * captures.  A capture does not stop at the template's next character,
 * which a ledger number may hold too ("LJ/2026/0001" in ".../{number}/{check}"):
 * the check code has CHECK_CODE_LEN characters, so the lengths of the text
 * and of the template's literal characters give the number's length.  A
 * placeholder given twice must hold the same text both times.
 */
static int match_template(const char *text, const char *tpl, char **number, char **check)
{
	size_t nnum = 0, nchk = 0, lit = 0, numlen, tlen = strlen(text);
	const char *t = text;
	char **slot;

	*number = *check = NULL;
	for (const char *p = tpl; *p; ) {
		size_t n = placeholder(p, number, check, &slot);

		if (slot == number)
			nnum++;
		else if (slot == check)
			nchk++;
		else
			lit++;
		p += n ? n : 1;
	}
	if (!nnum || !nchk || tlen <= lit + nchk * CHECK_CODE_LEN)
		return -1;
	numlen = tlen - lit - nchk * CHECK_CODE_LEN;
	if (numlen % nnum)
		return -1;
	numlen /= nnum;
	for (const char *p = tpl; *p; ) {
		size_t n = placeholder(p, number, check, &slot);

		if (slot) {
			size_t len = slot == number ? numlen : CHECK_CODE_LEN;

			if (!*slot)
				*slot = xstrndup(t, len);
			else if (strncasecmp(t, *slot, len))
				goto fail;
			t += len;
			p += n;
			continue;
		}
		if (*t != *p && !((*t | 0x20) == (*p | 0x20) && ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')))
			goto fail;
		t++;
		p++;
	}
	return 0;
fail:
	free(*number);
	free(*check);
	*number = *check = NULL;
	return -1;
}

int receipt_parse_payload(const char *text, const char *url_template, char **number, char **check)
{
	char *folded = u8_fold(text), *t = u8_trim(folded);
	size_t plen = strlen(PAYLOAD_PREFIX);
	int r = -1;

	free(folded);
	*number = *check = NULL;
	if (!strncasecmp(t, PAYLOAD_PREFIX, plen)) {
		char *colon = strrchr(t + plen, ':');

		if (colon && colon > t + plen && colon[1]) {
			*number = xstrndup(t + plen, (size_t)(colon - t - plen));
			*check = xstrdup(colon + 1);
			for (char *p = *number; *p; p++)
				if (*p >= 'a' && *p <= 'z')
					*p = (char)(*p - 'a' + 'A');
			r = 0;
		}
	} else if (url_template && *url_template) {
		r = match_template(t, url_template, number, check);
	}
	free(t);
	return r;
}

unsigned char *receipt_qr(const char *payload, int *width, int *version)
{
	QRcode *qr = QRcode_encodeString(payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	unsigned char *m;

	if (!qr)
		return NULL;
	if (qr->version > QR_MAX_VERSION) {
		QRcode_free(qr);
		return NULL;
	}
	*width = qr->width;
	*version = qr->version;
	m = xmalloc((size_t)qr->width * (size_t)qr->width);
	for (int i = 0; i < qr->width * qr->width; i++)
		m[i] = qr->data[i] & 1;
	QRcode_free(qr);
	return m;
}

/*
 * The setting qr_url, checked by the store (store_setting_check_register):
 * a receipt URL for a long ledger number of this station must still make a
 * small QR code.
 */
static const char *url_setting_check(struct store *s, const char *tpl)
{
	char *fmt = store_setting(s, "number_format"), *station = store_setting(s, "station_code");
	char *number = ticket_format_number(fmt, station, 2026, 9999);
	char *payload = receipt_payload(number, "ACEFH", tpl);
	int width, version;
	unsigned char *qr = receipt_qr(payload, &width, &version);
	int fits = qr != NULL;

	free(qr);
	free(payload);
	free(number);
	free(station);
	free(fmt);
	return fits ? NULL : _("the URL is too long for the receipt's QR code: keep it to about 40 characters with the ledger number and check code filled in");
}

static void register_setting_checks(void) __attribute__((constructor));
static void register_setting_checks(void)
{
	store_setting_check_register("qr_url", url_setting_check);
}

char **receipt_qr_halfblocks(const unsigned char *qr, int width, int quiet)
{
	int size = width + 2 * quiet, rows = (size + 1) / 2;
	char **lines = xcalloc((size_t)rows + 1, sizeof(*lines));

	for (int r = 0; r < rows; r++) {
		struct strbuf sb = STRBUF_INIT;

		for (int c = 0; c < size; c++) {
			int y1 = 2 * r - quiet, y2 = 2 * r + 1 - quiet, x = c - quiet;
			int top = y1 >= 0 && y1 < width && x >= 0 && x < width && qr[y1 * width + x];
			int bot = y2 >= 0 && y2 < width && x >= 0 && x < width && qr[y2 * width + x];

			strbuf_adds(&sb, top && bot ? "█" : top ? "▀" : bot ? "▄" : " ");
		}
		lines[r] = strbuf_detach(&sb);
	}
	return lines;
}

int receipt_build(struct receipt *r, const struct ticket *t, const struct receipt_info *info, int cols)
{
	char buf[256], due[CLOCK_DATE_LEN] = "";
	char *name = u8_mask_name(t->name), *phone = u8_mask_phone(t->phone);
	struct strbuf sb = STRBUF_INIT;
	struct layout lo = { cols, info->cp_width ? info->cp_width : u8_cp_width };

	memset(r, 0, sizeof(*r));
	r->payload = receipt_payload(t->number, t->check_code, info->url_template);
	r->qr = receipt_qr(r->payload, &r->qr_width, &r->qr_version);
	if (!r->qr) {
		error(_("the QR code would be too large: the receipt URL template is too long (at most about 40 characters in all)"));
		free(name);
		free(phone);
		receipt_release(r);
		return -1;
	}
	add_line(r, RS_CENTER | RS_BOLD, info->station_name);
	add_line(r, RS_CENTER, _("Voter visit receipt"));
	if (info->reprint)	/* a line of its own, so it is never wrapped apart */
		add_line(r, RS_CENTER | RS_BOLD, _("Reprint (补打)"));
	if (info->corrected)	/* what the voter holds from before is out of date */
		add_line(r, RS_CENTER | RS_BOLD, _("Corrected (更正)"));
	add_line(r, RS_RULE, "");
	snprintf(buf, sizeof(buf), "%s", t->number);
	add_line(r, RS_CENTER | RS_BIG | RS_BOLD, buf);
	snprintf(buf, sizeof(buf), _("Check code %s"), t->check_code);
	add_line(r, RS_CENTER, buf);
	add_line(r, RS_RULE, "");
	if (info->backfilled_at) {
		/* The day of the paper record; when it was entered, on a line of its own. */
		snprintf(buf, sizeof(buf), "%.10s", t->created_at);
		add_pair(r, &lo, _("Registered:"), buf);
		snprintf(buf, sizeof(buf), "%.16s", info->backfilled_at);
		add_pair(r, &lo, _("Entered afterwards:"), buf);
	} else {
		snprintf(buf, sizeof(buf), "%.16s", t->created_at);
		add_pair(r, &lo, _("Registered:"), buf);
	}
	if (t->position) {
		snprintf(buf, sizeof(buf), _("%s (voter no. %d)"), t->deputy, t->position);
		add_pair(r, &lo, _("Received by:"), buf);
	} else if (*t->deputy) {
		add_pair(r, &lo, _("Received by:"), t->deputy);
	}
	strbuf_adds(&sb, name);
	if (*phone)
		strbuf_addf(&sb, "  %s", phone);
	add_pair(r, &lo, _("Voter:"), sb.buf);
	add_pair(r, &lo, _("Category:"), t->category);
	add_wrapped(r, &lo, _("Issue:"), t->issue, 3);
	if (t->status == TS_ANSWERED || t->status == TS_READY || t->status == TS_CLOSED) {
		add_wrapped(r, &lo, _("Answered:"), t->answer_text, 2);
	} else if (info->answer_days > 0 && info->answer_days <= 366 &&
		   workdays_due(info->calendar, t->created_at, info->answer_days, info->workdays, due, NULL) == 0) {
		/* Counted from the day after registration, past holidays (workdays.h). */
		snprintf(buf, sizeof(buf), _("by %s"), due);
		add_pair(r, &lo, _("Answer promised:"), buf);
	}
	add_line(r, RS_QR, "");
	add_wrapped(r, &lo, NULL, _("Scan the code, or give the number and check code, to ask how the item is going."), 0);
	if (info->station_phone && *info->station_phone)
		add_pair(r, &lo, _("Station phone:"), info->station_phone);

	if (info->stub) {
		add_line(r, RS_CUT, "");
		add_line(r, RS_CENTER | RS_BOLD, _("Station stub (存根联)"));
		add_pair(r, &lo, _("Number:"), t->number);
		add_pair(r, &lo, _("Voter:"), t->name);
		if (*t->phone)
			add_pair(r, &lo, _("Phone:"), t->phone);
		if (*t->address)
			add_pair(r, &lo, _("Address:"), t->address);
		add_pair(r, &lo, _("Category:"), t->category);
		add_wrapped(r, &lo, _("Issue:"), t->issue, 0);
		add_line(r, RS_NORMAL, "");
		add_pair(r, &lo, _("Voter's signature:"), "");
		add_line(r, RS_NORMAL, "");
		add_pair(r, &lo, _("Deputy's signature:"), "");
	}
	strbuf_release(&sb);
	free(name);
	free(phone);
	return 0;
}
