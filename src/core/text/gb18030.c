/* gb18030.c — see gb18030.h. */
#include "gb18030.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>

#include "strbuf.h"
#include "u8.h"

/* The UTF-8 to GB18030 converter, opened on first use and kept. */
static iconv_t to_gb = (iconv_t)-1;
static int to_gb_tried;

static iconv_t converter(void)
{
	if (!to_gb_tried) {
		to_gb_tried = 1;
		to_gb = iconv_open("GB18030", "UTF-8");
	}
	return to_gb;
}

/* The GB18030 bytes of cp in out[8]: their count, or -1 when iconv refuses. */
static int convert(long cp, unsigned char *out)
{
	char in[4], *ip = in, *op = (char *)out;
	size_t il, ol = 8;
	iconv_t cd = converter();

	if (cd == (iconv_t)-1)
		return -1;
	il = (size_t)u8_encode(cp, in);
	iconv(cd, NULL, NULL, NULL, NULL);
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 || il) {
		iconv(cd, NULL, NULL, NULL, NULL);
		return -1;
	}
	return (int)(8 - ol);
}

/* 1 when the printer can print cp; bytes (1 or 2) in out. */
static int printable(long cp, unsigned char *out, int *len)
{
	unsigned char buf[8];
	int n;

	if (cp < 0)
		return 0;
	if (cp < 0x80) {
		if (cp < 0x20 || cp == 0x7f)
			return 0;
		out[0] = (unsigned char)cp;
		*len = 1;
		return 1;
	}
	if ((cp >= 0x80 && cp < 0xa0) || (cp >= 0xe000 && cp <= 0xf8ff) || cp >= 0xf0000)
		return 0;	/* C1 controls and private use */
	n = convert(cp, buf);
	if (n != 2)
		return 0;	/* refused, or a four-byte sequence outside GBK */
	out[0] = buf[0];
	out[1] = buf[1];
	*len = 2;
	return 1;
}

int gb_encode_cp(long cp, unsigned char *out, int *replaced)
{
	int len;

	*replaced = 0;
	if (printable(cp, out, &len))
		return len;
	*replaced = 1;
	if (cp >= 0 && u8_cp_width(cp) == 2) {
		memcpy(out, GB_MARK_WIDE, 2);
		return 2;
	}
	out[0] = GB_MARK_NARROW[0];
	return 1;
}

int gb_cp_columns(long cp)
{
	unsigned char out[2];
	int replaced;

	return gb_encode_cp(cp, out, &replaced);
}

int gb_columns(const char *utf8)
{
	const char *p = utf8;
	int cols = 0;
	long cp;

	while ((cp = u8_next(&p)) != 0)
		cols += gb_cp_columns(cp);
	return cols;
}

void gb_note_replaced(struct strbuf *bad, long cp)
{
	/* Never put a control or a malformed byte into a message. */
	int ctrl = cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0);
	char ch[5];
	int len = u8_encode(ctrl ? 0xfffd : cp, ch);

	ch[len] = '\0';
	if (!strstr(bad->buf, ch))
		strbuf_adds(bad, ch);
}

int gb_encode(const char *utf8, struct strbuf *out, struct strbuf *bad)
{
	const char *p = utf8;
	int nbad = 0;
	long cp;

	for (;;) {
		unsigned char b[2];
		int replaced, n;

		cp = u8_next(&p);
		if (cp == 0)
			break;
		n = gb_encode_cp(cp, b, &replaced);
		strbuf_add(out, b, (size_t)n);
		if (!replaced)
			continue;
		nbad++;
		if (bad)
			gb_note_replaced(bad, cp);
	}
	return nbad;
}

int gb_decode(const char *gb, size_t n, struct strbuf *out)
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	char *ip = (char *)gb;
	size_t il = n, start = out->len;

	if (cd == (iconv_t)-1)
		return -1;
	while (il) {
		char buf[256], *op = buf;
		size_t ol = sizeof(buf);
		size_t r = iconv(cd, &ip, &il, &op, &ol);

		strbuf_add(out, buf, sizeof(buf) - ol);
		if (r == (size_t)-1 && errno != E2BIG) {
			strbuf_setlen(out, start);
			iconv_close(cd);
			return -1;
		}
	}
	iconv_close(cd);
	return 0;
}
