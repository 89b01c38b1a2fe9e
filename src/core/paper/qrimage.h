/*
 * qrimage.h — a QR module matrix as a 1-bit image: scaled, with its quiet
 * zone, for the receipt printer's raster command and for image files.
 *
 * One pixel per module does not decode (zbar fails on a 29x29 image of a
 * version 3 code); 8 pixels per module with a 4-module quiet zone does.
 * Files therefore use QRIMAGE_FILE_SCALE and QRIMAGE_QUIET.
 *
 * Bitmaps use the convention shared by ESC/POS `GS v 0` and PBM (P4): rows
 * of `stride` bytes, most significant bit leftmost, 1 = black.
 */
#ifndef JIEDAI_QRIMAGE_H
#define JIEDAI_QRIMAGE_H

struct strbuf;

#define QRIMAGE_FILE_SCALE 8
#define QRIMAGE_QUIET 4

struct bitmap {
	int width, height;	/* pixels */
	int stride;		/* bytes per row: (width + 7) / 8 */
	unsigned char *bits;	/* height * stride bytes, owned */
};

/* A white bitmap of width x height (bm->bits allocated). */
void bitmap_init(struct bitmap *bm, int width, int height);
void bitmap_release(struct bitmap *bm);
int bitmap_get(const struct bitmap *bm, int x, int y);
void bitmap_set(struct bitmap *bm, int x, int y, int black);

/*
 * Draw a QR matrix (width x width modules, 1 = dark) at scale pixels per
 * module with `quiet` white modules around it.  The image is
 * (width + 2 * quiet) * scale pixels square, unless canvas_width is larger:
 * then the image is canvas_width wide and the code (quiet zone included)
 * starts `left` pixels from the left edge (clipped to fit).
 */
void qrimage_draw(struct bitmap *bm, const unsigned char *qr, int width, int scale, int quiet,
		  int canvas_width, int left);

/* Append the bitmap as a binary PBM (P4) file. */
void qrimage_pbm(const struct bitmap *bm, struct strbuf *out);
/*
 * Append the bitmap as a PNG file: 1-bit greyscale, written without any
 * library (zlib "stored" blocks, so it is larger than it need be, a few
 * kilobytes for a receipt code).
 */
void qrimage_png(const struct bitmap *bm, struct strbuf *out);

#endif
