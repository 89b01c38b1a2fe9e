/* receipt-text.c — see receipt-text.h. */
#include "receipt-text.h"

#include "receipt.h"
#include "strbuf.h"
#include "u8.h"

static void put(struct strbuf *out, const char *text, int centre, int cols)
{
	char **parts = u8_wrap(text, cols);

	for (size_t i = 0; parts[i]; i++) {
		int w = u8_width(parts[i]);
		size_t start = out->len;

		if (centre)
			for (int k = 0; k < (cols - w) / 2; k++)
				strbuf_addch(out, ' ');
		strbuf_adds(out, parts[i]);
		while (out->len > start && out->buf[out->len - 1] == ' ')
			strbuf_setlen(out, out->len - 1);
		strbuf_addch(out, '\n');
	}
	u8_lines_free(parts);
}

void receipt_text(const struct receipt *r, int cols, struct strbuf *out)
{
	for (size_t i = 0; i < r->n; i++) {
		const struct receipt_line *l = &r->lines[i];

		if (l->style & RS_RULE) {
			for (int k = 0; k < cols; k++)
				strbuf_addch(out, '-');
			strbuf_addch(out, '\n');
		} else if (l->style & RS_CUT) {
			/* A tear line, dashed so it is not taken for a rule. */
			for (int k = 0; k < cols; k += 2)
				strbuf_adds(out, k + 1 < cols ? "- " : "-");
			if (out->buf[out->len - 1] == ' ')
				strbuf_setlen(out, out->len - 1);
			strbuf_addch(out, '\n');
		} else if (l->style & RS_QR) {
			/* Whole, even if wider: it is there to be copied or read out. */
			int w = u8_width(r->payload);

			for (int k = 0; k < (cols - w) / 2; k++)
				strbuf_addch(out, ' ');
			strbuf_adds(out, r->payload);
			strbuf_addch(out, '\n');
		} else {
			put(out, l->text, l->style & RS_CENTER, cols);
		}
	}
}
