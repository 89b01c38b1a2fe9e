/* escpos.c — see escpos.h. */
#include "escpos.h"

#include <stdlib.h>
#include <string.h>

#include "gb18030.h"
#include "qrimage.h"
#include "receipt.h"
#include "strbuf.h"
#include "u8.h"
#include "xmalloc.h"

#define ESC 0x1b
#define FS 0x1c
#define GS 0x1d
#define LF 0x0a

static const struct escpos_profile profiles[] = {
	{ "58mm", 384, 32, 6 },
	{ "80mm", 576, 48, 8 },
};

const struct escpos_profile *escpos_profile(const char *name)
{
	for (size_t i = 0; i < sizeof(profiles) / sizeof(profiles[0]); i++)
		if (name && !strcmp(profiles[i].name, name))
			return &profiles[i];
	return NULL;
}

/* The printer's state as far as we have set it, so commands go out only on change. */
struct pstate {
	struct strbuf *out;
	struct strbuf *bad;
	int nbad;
	int align, bold, big;
};

static void cmd(struct pstate *ps, int a, int b, int c)
{
	unsigned char bytes[3] = { (unsigned char)a, (unsigned char)b, (unsigned char)c };

	strbuf_add(ps->out, bytes, 3);
}

static void set_align(struct pstate *ps, int align)
{
	if (ps->align != align)
		cmd(ps, ESC, 'a', align);
	ps->align = align;
}

static void set_bold(struct pstate *ps, int bold)
{
	if (ps->bold != bold)
		cmd(ps, ESC, 'E', bold);
	ps->bold = bold;
}

static void set_big(struct pstate *ps, int big)
{
	if (ps->big == big)
		return;
	cmd(ps, GS, '!', big ? 0x11 : 0x00);	/* double width and height */
	cmd(ps, FS, '!', big ? 0x0c : 0x00);	/* the same for Chinese characters */
	ps->big = big;
}

static int has_non_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

/* One printed line: the text in Chinese mode if it needs it, then LF. */
static void put_text_line(struct pstate *ps, const char *text)
{
	int chinese = has_non_ascii(text);
	const char *p = text;
	int prev_9b = 0;
	long cp;

	if (chinese) {
		strbuf_addch(ps->out, FS);
		strbuf_addch(ps->out, '&');
	}
	while ((cp = u8_next(&p)) != 0) {
		unsigned char b[2];
		int replaced, n = gb_encode_cp(cp, b, &replaced);

		if (prev_9b && b[0] == '4') {
			/* Keep 9B 34 69 (a terminal's "stop printing") out of the data. */
			strbuf_addch(ps->out, FS);
			strbuf_addch(ps->out, '.');
			strbuf_addch(ps->out, FS);
			strbuf_addch(ps->out, '&');
		}
		strbuf_add(ps->out, b, (size_t)n);
		prev_9b = n == 2 && b[1] == 0x9b;
		if (replaced) {
			ps->nbad++;
			if (ps->bad)
				gb_note_replaced(ps->bad, cp);
		}
	}
	if (chinese) {
		strbuf_addch(ps->out, FS);
		strbuf_addch(ps->out, '.');
	}
	strbuf_addch(ps->out, LF);
}

/* A receipt line: wrapped again by printer columns when it does not fit. */
static void put_line(struct pstate *ps, const struct receipt_line *l, int cols)
{
	int w = gb_columns(l->text);
	int big = (l->style & RS_BIG) && 2 * w <= cols;

	set_align(ps, (l->style & RS_CENTER) ? 1 : 0);
	set_bold(ps, (l->style & (RS_BOLD | RS_BIG)) ? 1 : 0);
	set_big(ps, big);
	if (w <= cols) {
		put_text_line(ps, l->text);
	} else {
		char **parts = u8_wrap_by(l->text, cols, gb_cp_columns);

		for (size_t i = 0; parts[i]; i++)
			put_text_line(ps, parts[i]);
		u8_lines_free(parts);
	}
}

static void put_rule(struct pstate *ps, int cols)
{
	set_align(ps, 0);
	set_bold(ps, 0);
	set_big(ps, 0);
	for (int i = 0; i < cols; i++)
		strbuf_addch(ps->out, '-');
	strbuf_addch(ps->out, LF);
}

/*
 * Where the stub is parted from the voter's part: fed past the cutter and
 * cut partly (the two stay joined until torn), or a dashed tear line on a
 * printer that does not cut.
 */
static void put_cut(struct pstate *ps, const struct escpos_options *o)
{
	set_align(ps, 0);
	set_bold(ps, 0);
	set_big(ps, 0);
	if (o->cut) {
		cmd(ps, ESC, 'd', 4);
		cmd(ps, GS, 'V', 1);
		return;
	}
	for (int i = 0; i < o->profile->cols; i += 2)
		strbuf_adds(ps->out, i + 1 < o->profile->cols ? "- " : "-");
	if (ps->out->buf[ps->out->len - 1] == ' ')
		strbuf_setlen(ps->out, ps->out->len - 1);
	strbuf_addch(ps->out, LF);
}

/* The QR code as one raster image across the paper (GS v 0). */
static void put_qr_raster(struct pstate *ps, const struct receipt *r, const struct escpos_options *o)
{
	const struct escpos_profile *pf = o->profile;
	int size = (r->qr_width + 2 * QRIMAGE_QUIET) * pf->qr_scale;
	int left = (pf->dots - size) / 2 + o->qr_shift;
	struct bitmap bm;
	unsigned char hdr[8];

	if (left + size > pf->dots)
		left = pf->dots - size;
	if (left < 0)
		left = 0;
	qrimage_draw(&bm, r->qr, r->qr_width, pf->qr_scale, QRIMAGE_QUIET, pf->dots, left);
	set_align(ps, 0);
	set_big(ps, 0);
	hdr[0] = GS;
	hdr[1] = 'v';
	hdr[2] = '0';
	hdr[3] = 0;	/* normal density */
	hdr[4] = (unsigned char)(bm.stride & 0xff);
	hdr[5] = (unsigned char)(bm.stride >> 8);
	hdr[6] = (unsigned char)(bm.height & 0xff);
	hdr[7] = (unsigned char)(bm.height >> 8);
	strbuf_add(ps->out, hdr, sizeof(hdr));
	strbuf_add(ps->out, bm.bits, (size_t)bm.stride * (size_t)bm.height);
	bitmap_release(&bm);
}

/* One GS ( k function of the QR symbol (cn 49): fn and its parameters. */
static void qr_fn(struct pstate *ps, int fn, const void *params, size_t n)
{
	size_t len = n + 2;
	unsigned char hdr[7] = { GS, '(', 'k', (unsigned char)(len & 0xff), (unsigned char)(len >> 8),
				 49, (unsigned char)fn };

	strbuf_add(ps->out, hdr, sizeof(hdr));
	strbuf_add(ps->out, params, n);
}

/* The QR code drawn by the printer itself (GS ( k), centred. */
static void put_qr_native(struct pstate *ps, const struct receipt *r, const struct escpos_options *o)
{
	unsigned char model[2] = { 50, 0 };		/* model 2 */
	unsigned char size[1] = { (unsigned char)o->profile->qr_scale };
	unsigned char level[1] = { 49 };		/* M, as on screen */
	unsigned char print[1] = { 48 };
	struct strbuf store = STRBUF_INIT;

	set_align(ps, 1);
	set_big(ps, 0);
	strbuf_addch(ps->out, LF);			/* quiet zone above */
	qr_fn(ps, 65, model, sizeof(model));
	qr_fn(ps, 67, size, sizeof(size));
	qr_fn(ps, 69, level, sizeof(level));
	strbuf_addch(&store, 48);
	strbuf_adds(&store, r->payload);
	qr_fn(ps, 80, store.buf, store.len);
	qr_fn(ps, 81, print, sizeof(print));
	strbuf_addch(ps->out, LF);			/* and below */
	strbuf_release(&store);
}

int escpos_render(const struct receipt *r, const struct escpos_options *o, struct strbuf *out,
		  struct strbuf *bad)
{
	struct pstate ps = { out, bad, 0, 0, 0, 0 };
	int cols = o->profile->cols;

	strbuf_addch(out, ESC);
	strbuf_addch(out, '@');
	for (size_t i = 0; i < r->n; i++) {
		const struct receipt_line *l = &r->lines[i];

		if (l->style & RS_RULE)
			put_rule(&ps, cols);
		else if (l->style & RS_CUT)
			put_cut(&ps, o);
		else if (l->style & RS_QR)
			o->qr_native ? put_qr_native(&ps, r, o) : put_qr_raster(&ps, r, o);
		else
			put_line(&ps, l, cols);
	}
	set_align(&ps, 0);
	set_bold(&ps, 0);
	set_big(&ps, 0);
	cmd(&ps, ESC, 'd', 4);
	if (o->cut)
		cmd(&ps, GS, 'V', 1);
	return ps.nbad;
}
