/*
 * escpos-parse.h — read back the ESC/POS that jiedai writes, for tests.
 * Included by tests/helper/escpos-decode.c and tests/unit/test-escpos.c
 * (a header, so the helper build does not make a program of it).
 *
 * Knows exactly the commands jiedai sends and refuses anything else, so a
 * stray byte in the output fails the test that reads it:
 *	ESC @, ESC a n, ESC E n, ESC d n, FS & , FS ., FS ! n, GS ! n,
 *	GS V 1, GS v 0 m xL xH yL yH data, GS ( k pL pH 49 fn ..., LF,
 *	printable ASCII, and two-byte GB18030 codes inside FS & … FS .
 * Each LF ends a printed line, kept with its text (back to UTF-8), its
 * width in printer columns (doubled under GS ! 0x11), alignment, bold and
 * size.  A raster image becomes a line of kind ESCPOS_IMAGE.
 */
#ifndef JIEDAI_ESCPOS_PARSE_H
#define JIEDAI_ESCPOS_PARSE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gb18030.h"
#include "qrimage.h"
#include "strbuf.h"
#include "xmalloc.h"

enum escpos_kind { ESCPOS_TEXT, ESCPOS_IMAGE, ESCPOS_NATIVE_QR };

struct escpos_line {
	enum escpos_kind kind;
	char *text;		/* UTF-8 (TEXT), the stored data (NATIVE_QR) */
	int cols;		/* printer columns used */
	int align, bold, big;
	struct bitmap image;	/* ESCPOS_IMAGE */
};

struct escpos_doc {
	struct escpos_line *lines;
	size_t n;
	int inits, cuts;
	size_t cut_after[8];	/* lines printed before each of the first 8 cuts */
	char err[200];
};

static __attribute__((unused)) void escpos_doc_release(struct escpos_doc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->lines[i].text);
		if (d->lines[i].kind == ESCPOS_IMAGE)
			bitmap_release(&d->lines[i].image);
	}
	free(d->lines);
	memset(d, 0, sizeof(*d));
}

static struct escpos_line *escpos_doc_add(struct escpos_doc *d, enum escpos_kind kind)
{
	struct escpos_line *l;

	d->lines = xreallocarray(d->lines, d->n + 1, sizeof(*d->lines));
	l = &d->lines[d->n++];
	memset(l, 0, sizeof(*l));
	l->kind = kind;
	return l;
}

/* Parse n bytes; 0, or -1 with d->err saying where and what. */
static __attribute__((unused)) int escpos_parse(const unsigned char *p, size_t n, struct escpos_doc *d)
{
	struct strbuf gb = STRBUF_INIT;
	int align = 0, bold = 0, big = 0, kanji = 0, cols = 0;
	size_t i = 0;

	memset(d, 0, sizeof(*d));
#define NEED(k) do { if (i + (k) > n) goto truncated; } while (0)
	while (i < n) {
		unsigned char c = p[i];

		if (c == 0x1b) {
			NEED(2);
			switch (p[i + 1]) {
			case '@': d->inits++; align = bold = big = kanji = 0; i += 2; continue;
			case 'a': NEED(3); align = p[i + 2]; i += 3; continue;
			case 'E': NEED(3); bold = p[i + 2]; i += 3; continue;
			case 'd': NEED(3); i += 3; continue;
			}
			snprintf(d->err, sizeof(d->err), "unknown command ESC 0x%02x at %zu", p[i + 1], i);
			goto fail;
		}
		if (c == 0x1c) {
			NEED(2);
			switch (p[i + 1]) {
			case '&': kanji = 1; i += 2; continue;
			case '.': kanji = 0; i += 2; continue;
			case '!': NEED(3); i += 3; continue;
			}
			snprintf(d->err, sizeof(d->err), "unknown command FS 0x%02x at %zu", p[i + 1], i);
			goto fail;
		}
		if (c == 0x1d) {
			NEED(2);
			if (p[i + 1] == '!') {
				NEED(3);
				big = p[i + 2] == 0x11;
				i += 3;
				continue;
			}
			if (p[i + 1] == 'V') {
				NEED(3);
				if (d->cuts < 8)
					d->cut_after[d->cuts] = d->n;
				d->cuts++;
				i += 3;
				continue;
			}
			if (p[i + 1] == 'v') {
				struct escpos_line *l;
				int xb, h;

				NEED(8);
				if (p[i + 2] != '0') {
					snprintf(d->err, sizeof(d->err), "GS v not followed by 0 at %zu", i);
					goto fail;
				}
				xb = p[i + 4] | p[i + 5] << 8;
				h = p[i + 6] | p[i + 7] << 8;
				i += 8;
				NEED((size_t)xb * (size_t)h);
				if (gb.len || cols) {
					snprintf(d->err, sizeof(d->err), "image in the middle of a text line at %zu", i);
					goto fail;
				}
				l = escpos_doc_add(d, ESCPOS_IMAGE);
				bitmap_init(&l->image, xb * 8, h);
				memcpy(l->image.bits, p + i, (size_t)xb * (size_t)h);
				l->cols = xb * 8 / 12;
				l->align = align;
				i += (size_t)xb * (size_t)h;
				continue;
			}
			if (p[i + 1] == '(' ) {
				size_t len;

				NEED(7);
				if (p[i + 2] != 'k' || p[i + 5] != 49) {
					snprintf(d->err, sizeof(d->err), "unknown GS ( command at %zu", i);
					goto fail;
				}
				len = (size_t)(p[i + 3] | p[i + 4] << 8);
				NEED(5 + len);
				if (p[i + 6] == 80) {
					struct escpos_line *l = escpos_doc_add(d, ESCPOS_NATIVE_QR);

					/* fn 80: m (48) then the data */
					l->text = xstrndup((const char *)p + i + 8, len - 3);
					l->align = align;
				}
				i += 5 + len;
				continue;
			}
			snprintf(d->err, sizeof(d->err), "unknown command GS 0x%02x at %zu", p[i + 1], i);
			goto fail;
		}
		if (c == '\n') {
			struct escpos_line *l = escpos_doc_add(d, ESCPOS_TEXT);
			struct strbuf u = STRBUF_INIT;

			if (gb_decode(gb.buf, gb.len, &u) < 0) {
				snprintf(d->err, sizeof(d->err), "bad GB18030 text before %zu", i);
				strbuf_release(&u);
				goto fail;
			}
			l->text = strbuf_detach(&u);
			l->cols = big ? 2 * cols : cols;
			l->align = align;
			l->bold = bold;
			l->big = big;
			strbuf_reset(&gb);
			cols = 0;
			i++;
			continue;
		}
		if (c >= 0x20 && c < 0x7f) {
			strbuf_addch(&gb, c);
			cols++;
			i++;
			continue;
		}
		if (c >= 0x81 && c <= 0xfe && kanji) {
			NEED(2);
			if (p[i + 1] < 0x40 || p[i + 1] == 0x7f || p[i + 1] == 0xff) {
				snprintf(d->err, sizeof(d->err), "not a two-byte code at %zu", i);
				goto fail;
			}
			strbuf_add(&gb, p + i, 2);
			cols += 2;
			i += 2;
			continue;
		}
		snprintf(d->err, sizeof(d->err), "stray byte 0x%02x at %zu%s", c, i,
			 c >= 0x80 && !kanji ? " (outside FS & mode)" : "");
		goto fail;
	}
	if (gb.len) {
		snprintf(d->err, sizeof(d->err), "text after the last LF");
		goto fail;
	}
	strbuf_release(&gb);
	return 0;
truncated:
	snprintf(d->err, sizeof(d->err), "command cut short at %zu", i);
fail:
	strbuf_release(&gb);
	return -1;
#undef NEED
}

#endif
