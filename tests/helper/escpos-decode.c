/*
 * escpos-decode — read jiedai's ESC/POS output back, for end-to-end tests.
 *
 *   escpos-decode FILE [--pbm OUT.pbm] [--max-cols N]
 *
 * Prints each printed line as UTF-8 (converted back from GB18030), with
 * leading and trailing blanks removed (the printer centres, not spaces); a
 * raster image prints as "[image WIDTHxHEIGHT]", a native QR code as
 * "[qr DATA]".  --pbm writes the first raster image as a PBM file for
 * `zbarimg --nodbus -q --raw`.  --max-cols fails when a line is wider than N
 * printer columns.  Exits 1 on anything jiedai should not have sent.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escpos-parse.h"

static char *trim(const char *s)
{
	size_t n;

	while (*s == ' ')
		s++;
	n = strlen(s);
	while (n && s[n - 1] == ' ')
		n--;
	return xstrndup(s, n);
}

int main(int argc, char **argv)
{
	const char *pbm = NULL;
	int max_cols = 0, ret = 0, wrote = 0;
	struct strbuf in = STRBUF_INIT;
	struct escpos_doc d;
	char buf[4096];
	size_t r;
	FILE *f;

	if (argc < 2) {
		fprintf(stderr, "usage: escpos-decode FILE [--pbm OUT] [--max-cols N]\n");
		return 2;
	}
	for (int i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--pbm") && i + 1 < argc)
			pbm = argv[++i];
		else if (!strcmp(argv[i], "--max-cols") && i + 1 < argc)
			max_cols = atoi(argv[++i]);
		else
			return 2;
	}
	f = strcmp(argv[1], "-") ? fopen(argv[1], "rb") : stdin;
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	while ((r = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&in, buf, r);
	if (f != stdin)
		fclose(f);
	if (escpos_parse((const unsigned char *)in.buf, in.len, &d) < 0) {
		fprintf(stderr, "escpos-decode: %s\n", d.err);
		escpos_doc_release(&d);
		strbuf_release(&in);
		return 1;
	}
	for (size_t i = 0; i < d.n; i++) {
		const struct escpos_line *l = &d.lines[i];

		if (l->kind == ESCPOS_IMAGE) {
			printf("[image %dx%d]\n", l->image.width, l->image.height);
			if (pbm && !wrote) {
				struct strbuf out = STRBUF_INIT;
				FILE *o = fopen(pbm, "wb");

				qrimage_pbm(&l->image, &out);
				if (!o || fwrite(out.buf, 1, out.len, o) != out.len || fclose(o) != 0) {
					perror(pbm);
					ret = 1;
				}
				strbuf_release(&out);
				wrote = 1;
			}
		} else if (l->kind == ESCPOS_NATIVE_QR) {
			printf("[qr %s]\n", l->text);
		} else {
			char *t = trim(l->text);

			printf("%s\n", t);
			free(t);
			if (max_cols && l->cols > max_cols) {
				fprintf(stderr, "escpos-decode: line %zu is %d columns wide: %s\n", i + 1,
					l->cols, l->text);
				ret = 1;
			}
		}
	}
	if (d.inits != 1)
		fprintf(stderr, "escpos-decode: %d ESC @ (expected 1)\n", d.inits), ret = 1;
	escpos_doc_release(&d);
	strbuf_release(&in);
	return ret;
}
