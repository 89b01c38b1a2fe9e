/* printjob.c — see printjob.h. */
#include "printjob.h"

#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "error.h"
#include "escpos.h"
#include "gb18030.h"
#include "i18n.h"
#include "ledger.h"
#include "paper.h"
#include "qrimage.h"
#include "receipt-text.h"
#include "receipt.h"
#include "store.h"
#include "u8.h"
#include "xmalloc.h"

/* The payload of the test page's QR code: upper-case alphanumerics pack densest. */
#define TEST_PAYLOAD "JIEDAI PRINT TEST"

int print_exit_code(enum print_result r)
{
	switch (r) {
	case PRINT_OK: return 0;
	case PRINT_REFUSED:
	case PRINT_FAILED: return 1;
	case PRINT_IO: break;
	}
	return 3;
}

static enum print_result from_store(int r)
{
	switch (r) {
	case STORE_OK: return PRINT_OK;
	case STORE_REFUSED:
	case STORE_NOTFOUND: return PRINT_REFUSED;
	default: return PRINT_IO;
	}
}

int print_format_parse(const char *s, enum print_format *f)
{
	static const struct { const char *name; enum print_format f; } names[] = {
		{ "text", PRINT_TEXT }, { "txt", PRINT_TEXT }, { "escpos", PRINT_ESCPOS },
		{ "bin", PRINT_ESCPOS }, { "pbm", PRINT_PBM }, { "png", PRINT_PNG },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(s, names[i].name)) {
			*f = names[i].f;
			return 0;
		}
	return -1;
}

int print_format_from_path(const char *path, enum print_format *f)
{
	const char *dot = strrchr(path, '.');

	if (!dot || strchr(dot, '/'))
		return -1;
	return print_format_parse(dot + 1, f);
}

int print_format_binary(enum print_format f)
{
	return f != PRINT_TEXT;
}

/* The request with the station's settings filled in where it left things open. */
struct setup {
	char *dest;
	const struct escpos_profile *profile;
	int stub, qr_native, cut, text;
	const struct calendar *calendar;
};

static void setup_release(struct setup *su)
{
	free(su->dest);
	memset(su, 0, sizeof(*su));
}

/* 1 when the setting key has the value want. */
static int setting_is(struct store *s, const char *key, const char *want)
{
	char *v = store_setting(s, key);
	int r = !strcmp(v, want);

	free(v);
	return r;
}

static int setup_init(struct store *s, const struct print_request *rq, struct setup *su)
{
	char *profile = rq->profile ? xstrdup(rq->profile) : store_setting(s, "print_profile");

	memset(su, 0, sizeof(*su));
	su->profile = escpos_profile(profile);
	if (!su->profile) {
		error(_("'%s' is not a printer profile; use 58mm or 80mm"), profile);
		free(profile);
		return -1;
	}
	free(profile);
	su->dest = rq->dest ? xstrdup(rq->dest) : store_setting(s, "print_dest");
	su->stub = rq->stub >= 0 ? rq->stub : setting_is(s, "receipt_stub", "yes");
	su->qr_native = rq->qr_native >= 0 ? rq->qr_native : setting_is(s, "print_qr", "native");
	su->cut = rq->cut >= 0 ? rq->cut : setting_is(s, "print_cut", "yes");
	su->text = rq->text >= 0 ? rq->text : setting_is(s, "print_format", "text");
	su->calendar = rq->calendar;
	return 0;
}

/* The ticket with this id read back from the store; a void one is refused. */
static enum print_result get_ticket(struct store *s, int64_t id, struct ticket *t)
{
	int r = store_ticket_get_id(s, id, t);

	if (r != STORE_OK)
		return from_store(r);
	if (t->status == TS_VOID) {
		error(_("%s is void (%s); a void item gets no receipt"), t->number, t->void_reason);
		ticket_release(t);
		return PRINT_REFUSED;
	}
	return PRINT_OK;
}

/* 1 when the ticket's receipt was printed before, 0 if not, -1 when that could not be read (reported). */
static int printed_before(struct store *s, int64_t id)
{
	int prints = store_ticket_count_events(s, id, "print"), reprints;

	if (prints < 0)
		return -1;
	reprints = store_ticket_count_events(s, id, "reprint");
	if (reprints < 0)
		return -1;
	return prints + reprints > 0;
}

int print_receipt_build(struct store *s, const struct ticket *t, const struct receipt_layout *lo,
			struct receipt *out)
{
	struct receipt_info info;
	char *name = NULL, *phone = NULL, *url = NULL, *by = NULL, *at = NULL;
	int corrected, reprint = lo->reprint, r;

	memset(out, 0, sizeof(*out));
	corrected = store_ticket_count_events(s, t->id, "correct");
	if (corrected < 0)
		return PRINT_IO;
	if (reprint < 0 && (reprint = printed_before(s, t->id)) < 0)
		return PRINT_IO;
	r = store_ticket_backfilled(s, t->id, &by, &at);
	if (r != STORE_OK && r != STORE_NOTFOUND)
		return PRINT_IO;
	memset(&info, 0, sizeof(info));
	info.station_name = name = store_setting(s, "station_name");
	info.station_phone = phone = store_setting(s, "station_phone");
	info.url_template = url = store_setting(s, "qr_url");
	info.answer_days = store_setting_int(s, "answer_days");
	info.workdays = setting_is(s, "deadline_unit", "workdays");
	info.calendar = lo->calendar;
	info.corrected = corrected > 0;
	info.backfilled_at = at;
	info.stub = lo->stub;
	info.reprint = reprint;
	info.cp_width = lo->printer ? gb_cp_columns : NULL;
	r = receipt_build(out, t, &info, lo->cols) < 0 ? PRINT_REFUSED : PRINT_OK;
	free(name);
	free(phone);
	free(url);
	free(by);
	free(at);
	return r;
}

/* The receipt of t laid out for the paper of su (for_printer: its character widths). */
static int build(struct store *s, const struct setup *su, const struct ticket *t, int reprint,
		 int for_printer, struct receipt *rc)
{
	struct receipt_layout lo = { su->profile->cols, for_printer, su->stub, reprint, su->calendar };

	return print_receipt_build(s, t, &lo, rc);
}

/*
 * ESC/POS for r.  For a terminal the QR image is moved a dot at a time
 * until no stop sequence is left in the bytes (text never makes one).
 * Characters printed as markers go to *unprintable and into a warning.
 */
static int render_escpos(const struct receipt *r, const struct setup *su, int for_terminal,
			 struct strbuf *out, char **unprintable)
{
	struct escpos_options o = { su->profile, su->qr_native, su->cut, 0 };
	struct strbuf bad = STRBUF_INIT;
	size_t start = out->len;
	int nbad = 0, safe = 0;

	for (o.qr_shift = 0; o.qr_shift < 8 && !safe; o.qr_shift++) {
		strbuf_setlen(out, start);
		strbuf_reset(&bad);
		nbad = escpos_render(r, &o, out, &bad);
		safe = !for_terminal ||
		       printer_terminal_check(out->buf + start, out->len - start, NULL) == 0;
	}
	if (!safe) {
		strbuf_setlen(out, start);
		strbuf_release(&bad);
		return error(_("this receipt cannot be sent through the terminal (its image holds the terminal's stop-printing code); print it to a printer instead"));
	}
	if (nbad)
		warning(Q_("%d character cannot be printed by a receipt printer and comes out as □ or ?: %s",
			   "%d characters cannot be printed by a receipt printer and come out as □ or ?: %s",
			   nbad),
			nbad, bad.buf);
	if (unprintable)
		*unprintable = strbuf_detach(&bad);
	strbuf_release(&bad);
	return 0;
}

/* The bytes for a printer: ESC/POS, or text with a few blank lines to tear off. */
static int render_for_printer(const struct receipt *r, const struct setup *su, int for_terminal,
			      struct strbuf *out, char **unprintable)
{
	if (su->text) {
		receipt_text(r, su->profile->cols, out);
		strbuf_adds(out, "\n\n\n");
		*unprintable = xstrdup("");
		return 0;
	}
	return render_escpos(r, su, for_terminal, out, unprintable);
}

static enum print_result job_start(struct store *s, const struct print_request *rq,
				   struct print_job *job, struct setup *su)
{
	memset(job, 0, sizeof(*job));
	strbuf_init(&job->data);
	if (setup_init(s, rq, su) < 0)
		return PRINT_REFUSED;
	if (printer_dest_parse(su->dest, &job->dest) < 0) {
		setup_release(su);
		return PRINT_REFUSED;
	}
	job->profile = su->profile;
	return PRINT_OK;
}

int print_job_ticket(struct store *s, int64_t id, const struct print_request *rq, struct print_job *job)
{
	struct setup su;
	struct ticket t;
	struct receipt r;
	enum print_result res = job_start(s, rq, job, &su);

	if (res != PRINT_OK)
		return res;
	res = get_ticket(s, id, &t);
	if (res != PRINT_OK)
		goto out;
	job->ticket_id = t.id;
	job->number = xstrdup(t.number);
	job->reprint = printed_before(s, t.id);
	if (job->reprint < 0) {
		res = PRINT_IO;
	} else if ((res = build(s, &su, &t, job->reprint, !su.text, &r)) == PRINT_OK) {
		if (render_for_printer(&r, &su, job->dest.kind == PRINTER_TERMINAL, &job->data,
				       &job->unprintable) < 0)
			res = PRINT_REFUSED;
		receipt_release(&r);
	}
	ticket_release(&t);
out:
	setup_release(&su);
	if (res != PRINT_OK)
		print_job_release(job);
	return res;
}

static void add(struct receipt *r, int style, const char *text)
{
	r->lines = xreallocarray(r->lines, r->n + 1, sizeof(*r->lines));
	r->lines[r->n].text = xstrdup(text);
	r->lines[r->n].style = style;
	r->n++;
}

/* Add text wrapped to the printer's columns. */
static void add_wrapped(struct receipt *r, int style, const char *text, int cols)
{
	char **parts = u8_wrap_by(text, cols, gb_cp_columns);

	for (size_t i = 0; parts[i]; i++)
		add(r, style, parts[i]);
	u8_lines_free(parts);
}

int print_job_test(struct store *s, const struct print_request *rq, struct print_job *job)
{
	struct setup su;
	struct receipt r;
	struct strbuf sb = STRBUF_INIT;
	char now[CLOCK_STAMP_LEN], *station;
	enum print_result res = job_start(s, rq, job, &su);
	int cols;

	if (res != PRINT_OK)
		return res;
	cols = su.profile->cols;
	station = store_setting(s, "station_name");
	memset(&r, 0, sizeof(r));
	r.payload = xstrdup(TEST_PAYLOAD);
	r.qr = receipt_qr(r.payload, &r.qr_width, &r.qr_version);
	if (!r.qr)
		BUG("the test payload does not fit a QR code");
	add_wrapped(&r, RS_CENTER | RS_BOLD, station, cols);
	free(station);
	add(&r, RS_CENTER | RS_BIG, _("Printer test"));
	add(&r, RS_RULE, "");
	/* Chinese whatever the language: the point is to see the printer's Chinese font. */
	add_wrapped(&r, RS_NORMAL, "中文：人大代表联络站接待选民日，登记编号、查询码、补打回执。", cols);
	add_wrapped(&r, RS_NORMAL, "ASCII: 0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ", cols);
	for (int i = 1; i <= cols; i++)
		strbuf_addch(&sb, (char)('0' + i % 10));
	add(&r, RS_NORMAL, sb.buf);
	strbuf_reset(&sb);
	strbuf_addf(&sb, _("Paper %s: %d columns, %d dots"), su.profile->name, cols, su.profile->dots);
	add_wrapped(&r, RS_NORMAL, sb.buf, cols);
	strbuf_reset(&sb);
	strbuf_addf(&sb, _("Printed to %s"), su.dest);
	add_wrapped(&r, RS_NORMAL, sb.buf, cols);
	clock_stamp(now);
	add(&r, RS_NORMAL, now);
	add(&r, RS_QR, "");
	add_wrapped(&r, RS_NORMAL, _("The last digit of the ruler above should be at the right edge. If the Chinese reads well and a phone scans the code, the printer is ready."), cols);
	strbuf_release(&sb);
	if (render_for_printer(&r, &su, job->dest.kind == PRINTER_TERMINAL, &job->data,
			       &job->unprintable) < 0)
		res = PRINT_REFUSED;
	receipt_release(&r);
	setup_release(&su);
	if (res != PRINT_OK)
		print_job_release(job);
	return res;
}

int print_job_paper(struct store *s, const struct paper *p, const struct print_request *rq,
		    struct print_job *job)
{
	struct setup su;
	struct receipt r;
	enum print_result res = job_start(s, rq, job, &su);

	if (res != PRINT_OK)
		return res;
	paper_receipt(p, su.profile->cols, su.text ? NULL : gb_cp_columns, &r);
	if (render_for_printer(&r, &su, job->dest.kind == PRINTER_TERMINAL, &job->data,
			       &job->unprintable) < 0)
		res = PRINT_REFUSED;
	receipt_release(&r);
	setup_release(&su);
	if (res != PRINT_OK)
		print_job_release(job);
	return res;
}

int print_render_paper(struct store *s, const struct paper *p, const struct print_request *rq,
		       struct strbuf *out)
{
	struct setup su;
	struct receipt r;
	char *unprintable = NULL;
	int res = PRINT_OK;

	if (setup_init(s, rq, &su) < 0)
		return PRINT_REFUSED;
	paper_receipt(p, su.profile->cols, gb_cp_columns, &r);
	if (render_escpos(&r, &su, 0, out, &unprintable) < 0)
		res = PRINT_REFUSED;
	free(unprintable);
	receipt_release(&r);
	setup_release(&su);
	return res;
}

int print_job_send(struct print_job *job, int tty_fd)
{
	if (job->dest.kind != PRINTER_TERMINAL)
		return printer_send(&job->dest, job->data.buf, job->data.len);
	if (tty_fd < 0)
		return error(_("printing to the terminal needs a terminal; run jiedai in the SSH session whose terminal has the printer"));
	return printer_terminal_write(tty_fd, job->data.buf, job->data.len);
}

int print_job_record(struct store *s, const struct print_job *job, const struct identity *who)
{
	struct ledger_step st = { .kind = STEP_PRINT };
	char *text;
	int r;

	if (!job->ticket_id)
		return PRINT_OK;
	text = xasprintf("%s, %s", job->dest.spec, job->profile->name);
	st.ticket_id = job->ticket_id;
	st.reprint = job->reprint;
	st.what = text;
	r = ledger_apply(s, who, &st, NULL);
	free(text);
	if (r != STORE_OK) {
		error(_("the receipt of %s was printed, but the print could not be recorded in its history"),
		      job->number);
		return PRINT_IO;
	}
	return PRINT_OK;
}

void print_job_release(struct print_job *job)
{
	printer_dest_release(&job->dest);
	strbuf_release(&job->data);
	free(job->number);
	free(job->unprintable);
	memset(job, 0, sizeof(*job));
}

int print_ticket(struct store *s, int64_t id, const struct print_request *rq, const struct identity *who,
		 int tty_fd)
{
	struct print_job job;
	int r = print_job_ticket(s, id, rq, &job);

	if (r != PRINT_OK)
		return r;
	if (print_job_send(&job, tty_fd) < 0)
		r = PRINT_FAILED;
	else
		r = print_job_record(s, &job, who);
	print_job_release(&job);
	return r;
}

int print_terminal_use_mcprint(const char *setting, int terminfo_has_mc)
{
	if (!strcmp(setting, "raw"))
		return 0;
	if (!strcmp(setting, "mcprint")) {
		if (terminfo_has_mc)
			return 1;
		return error(_("print_terminal is mcprint, but this terminal's description (TERM) has no mc5/mc4; set print_terminal to raw or auto"));
	}
	return terminfo_has_mc ? 1 : 0;
}

int print_render(struct store *s, int64_t id, const struct print_request *rq, enum print_format fmt,
		 struct strbuf *out)
{
	struct setup su;
	struct ticket t;
	struct receipt r;
	struct bitmap bm;
	enum print_result res;
	char *unprintable = NULL;

	if (setup_init(s, rq, &su) < 0)
		return PRINT_REFUSED;
	res = get_ticket(s, id, &t);
	if (res != PRINT_OK) {
		setup_release(&su);
		return res;
	}
	/* Its 补打 line follows the print history (printjob.h). */
	res = build(s, &su, &t, -1, fmt == PRINT_ESCPOS, &r);
	if (res != PRINT_OK)
		goto out;
	switch (fmt) {
	case PRINT_TEXT:
		receipt_text(&r, su.profile->cols, out);
		break;
	case PRINT_ESCPOS:
		render_escpos(&r, &su, 0, out, &unprintable);
		break;
	case PRINT_PBM:
	case PRINT_PNG:
		qrimage_draw(&bm, r.qr, r.qr_width, QRIMAGE_FILE_SCALE, QRIMAGE_QUIET, 0, 0);
		if (fmt == PRINT_PBM)
			qrimage_pbm(&bm, out);
		else
			qrimage_png(&bm, out);
		bitmap_release(&bm);
		break;
	}
	receipt_release(&r);
out:
	free(unprintable);
	ticket_release(&t);
	setup_release(&su);
	return res;
}
