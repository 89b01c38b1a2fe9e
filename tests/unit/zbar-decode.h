/*
 * zbar-decode.h — decode a bitmap in-process with libzbar, for unit tests.
 * The bitmap (qrimage.h: 1 = black) becomes an 8-bit greyscale "Y800"
 * image; returns the data of the one QR code found (caller frees), or NULL.
 */
#ifndef JIEDAI_ZBAR_DECODE_H
#define JIEDAI_ZBAR_DECODE_H

#include <zbar.h>

#include "qrimage.h"
#include "xmalloc.h"

static __attribute__((unused)) char *zbar_decode_bitmap(const struct bitmap *bm)
{
	zbar_image_scanner_t *sc = zbar_image_scanner_create();
	zbar_image_t *img = zbar_image_create();
	unsigned char *grey = xmalloc((size_t)bm->width * (size_t)bm->height);
	const zbar_symbol_t *sym;
	char *found = NULL;
	int count = 0;

	for (int y = 0; y < bm->height; y++)
		for (int x = 0; x < bm->width; x++)
			grey[y * bm->width + x] = bitmap_get(bm, x, y) ? 0 : 255;
	zbar_image_scanner_set_config(sc, 0, ZBAR_CFG_ENABLE, 0);
	zbar_image_scanner_set_config(sc, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
	zbar_image_set_format(img, zbar_fourcc('Y', '8', '0', '0'));
	zbar_image_set_size(img, (unsigned)bm->width, (unsigned)bm->height);
	zbar_image_set_data(img, grey, (unsigned long)bm->width * (unsigned long)bm->height, NULL);
	if (zbar_scan_image(sc, img) > 0) {
		for (sym = zbar_image_first_symbol(img); sym; sym = zbar_symbol_next(sym)) {
			count++;
			free(found);
			found = xstrndup(zbar_symbol_get_data(sym), zbar_symbol_get_data_length(sym));
		}
	}
	zbar_image_destroy(img);
	zbar_image_scanner_destroy(sc);
	free(grey);
	if (count != 1) {
		free(found);
		return NULL;
	}
	return found;
}

#endif
