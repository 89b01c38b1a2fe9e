/* qrimage.c — see qrimage.h. */
#include "qrimage.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "xmalloc.h"

void bitmap_init(struct bitmap *bm, int width, int height)
{
	bm->width = width;
	bm->height = height;
	bm->stride = (width + 7) / 8;
	bm->bits = xcalloc((size_t)bm->stride * (size_t)(height > 0 ? height : 1), 1);
}

void bitmap_release(struct bitmap *bm)
{
	free(bm->bits);
	memset(bm, 0, sizeof(*bm));
}

int bitmap_get(const struct bitmap *bm, int x, int y)
{
	if (x < 0 || y < 0 || x >= bm->width || y >= bm->height)
		return 0;
	return (bm->bits[y * bm->stride + x / 8] >> (7 - x % 8)) & 1;
}

void bitmap_set(struct bitmap *bm, int x, int y, int black)
{
	unsigned char *b;
	unsigned char mask;

	if (x < 0 || y < 0 || x >= bm->width || y >= bm->height)
		return;
	b = &bm->bits[y * bm->stride + x / 8];
	mask = (unsigned char)(0x80 >> (x % 8));
	if (black)
		*b |= mask;
	else
		*b &= (unsigned char)~mask;
}

void qrimage_draw(struct bitmap *bm, const unsigned char *qr, int width, int scale, int quiet,
		  int canvas_width, int left)
{
	int size = (width + 2 * quiet) * scale;
	int w = canvas_width > size ? canvas_width : size;

	if (canvas_width <= size)
		left = 0;
	bitmap_init(bm, w, size);
	for (int my = 0; my < width; my++)
		for (int mx = 0; mx < width; mx++) {
			if (!qr[my * width + mx])
				continue;
			for (int dy = 0; dy < scale; dy++)
				for (int dx = 0; dx < scale; dx++)
					bitmap_set(bm, left + (quiet + mx) * scale + dx,
						   (quiet + my) * scale + dy, 1);
		}
}

void qrimage_pbm(const struct bitmap *bm, struct strbuf *out)
{
	strbuf_addf(out, "P4\n%d %d\n", bm->width, bm->height);
	strbuf_add(out, bm->bits, (size_t)bm->stride * (size_t)bm->height);
}

/* ---- PNG -------------------------------------------------------------- */

static uint32_t crc_table[256];

static void crc_init(void)
{
	for (uint32_t n = 0; n < 256; n++) {
		uint32_t c = n;

		for (int k = 0; k < 8; k++)
			c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
		crc_table[n] = c;
	}
}

static uint32_t crc32_of(const unsigned char *p, size_t n)
{
	uint32_t c = 0xffffffffu;

	if (!crc_table[1])
		crc_init();
	for (size_t i = 0; i < n; i++)
		c = crc_table[(c ^ p[i]) & 0xff] ^ (c >> 8);
	return c ^ 0xffffffffu;
}

static void put32(struct strbuf *sb, uint32_t v)
{
	unsigned char b[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16),
			       (unsigned char)(v >> 8), (unsigned char)v };

	strbuf_add(sb, b, 4);
}

/* One chunk: length, type, data, CRC over type and data. */
static void chunk(struct strbuf *out, const char *type, const unsigned char *data, size_t n)
{
	size_t at;

	put32(out, (uint32_t)n);
	at = out->len;
	strbuf_add(out, type, 4);
	if (n)
		strbuf_add(out, data, n);
	put32(out, crc32_of((const unsigned char *)out->buf + at, n + 4));
}

void qrimage_png(const struct bitmap *bm, struct strbuf *out)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	struct strbuf raw = STRBUF_INIT, z = STRBUF_INIT, ihdr = STRBUF_INIT;
	uint32_t a = 1, b = 0;
	size_t off = 0;

	/* Scanlines: filter byte 0, then the row with PNG's 0 = black inverted. */
	for (int y = 0; y < bm->height; y++) {
		strbuf_addch(&raw, 0);
		for (int i = 0; i < bm->stride; i++) {
			unsigned char v = (unsigned char)~bm->bits[y * bm->stride + i];

			strbuf_add(&raw, &v, 1);
		}
	}
	for (size_t i = 0; i < raw.len; i++) {
		a = (a + (unsigned char)raw.buf[i]) % 65521;
		b = (b + a) % 65521;
	}
	/* zlib: header (deflate, 32K window, no dictionary), stored blocks, Adler-32. */
	strbuf_addch(&z, 0x78);
	strbuf_addch(&z, 0x01);
	do {
		size_t n = raw.len - off > 65535 ? 65535 : raw.len - off;
		unsigned char hdr[5];

		hdr[0] = off + n == raw.len ? 1 : 0;	/* BFINAL, BTYPE 00 */
		hdr[1] = (unsigned char)(n & 0xff);
		hdr[2] = (unsigned char)(n >> 8);
		hdr[3] = (unsigned char)~hdr[1];
		hdr[4] = (unsigned char)~hdr[2];
		strbuf_add(&z, hdr, 5);
		strbuf_add(&z, raw.buf + off, n);
		off += n;
	} while (off < raw.len);
	put32(&z, (b << 16) | a);

	strbuf_add(out, sig, sizeof(sig));
	put32(&ihdr, (uint32_t)bm->width);
	put32(&ihdr, (uint32_t)bm->height);
	strbuf_addch(&ihdr, 1);		/* bit depth */
	strbuf_addch(&ihdr, 0);		/* greyscale */
	strbuf_addch(&ihdr, 0);		/* deflate */
	strbuf_addch(&ihdr, 0);		/* adaptive filtering */
	strbuf_addch(&ihdr, 0);		/* no interlace */
	chunk(out, "IHDR", (const unsigned char *)ihdr.buf, ihdr.len);
	chunk(out, "IDAT", (const unsigned char *)z.buf, z.len);
	chunk(out, "IEND", NULL, 0);
	strbuf_release(&raw);
	strbuf_release(&z);
	strbuf_release(&ihdr);
}
