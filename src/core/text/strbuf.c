/* strbuf.c — see strbuf.h. */
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "u8.h"
#include "xmalloc.h"

char strbuf_empty[1];

void strbuf_init(struct strbuf *sb)
{
	sb->buf = strbuf_empty;
	sb->len = 0;
	sb->alloc = 0;
}

void strbuf_release(struct strbuf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	strbuf_init(sb);
}

char *strbuf_detach(struct strbuf *sb)
{
	char *p = sb->alloc ? sb->buf : xstrdup("");

	strbuf_init(sb);
	return p;
}

void strbuf_grow(struct strbuf *sb, size_t extra)
{
	size_t want = sb->len + extra + 1;

	if (want <= sb->alloc)
		return;
	if (want < sb->alloc * 2)
		want = sb->alloc * 2;
	if (want < 64)
		want = 64;
	if (!sb->alloc) {
		sb->buf = xmalloc(want);
		sb->buf[0] = '\0';
	} else {
		sb->buf = xrealloc(sb->buf, want);
	}
	sb->alloc = want;
}

void strbuf_reset(struct strbuf *sb)
{
	strbuf_setlen(sb, 0);
}

void strbuf_setlen(struct strbuf *sb, size_t len)
{
	if (!sb->alloc)
		return;
	sb->len = len;
	sb->buf[len] = '\0';
}

void strbuf_add(struct strbuf *sb, const void *data, size_t n)
{
	if (!n)
		return;
	strbuf_grow(sb, n);
	memcpy(sb->buf + sb->len, data, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
}

void strbuf_adds(struct strbuf *sb, const char *s)
{
	strbuf_add(sb, s, strlen(s));
}

void strbuf_addch(struct strbuf *sb, int c)
{
	char ch = (char)c;

	strbuf_add(sb, &ch, 1);
}

void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list aq;
	int n;

	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n <= 0)
		return;
	strbuf_grow(sb, (size_t)n);
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
}

/* \uXXXX for cp, as a surrogate pair beyond the BMP. */
static void add_json_escape(struct strbuf *sb, long cp)
{
	if (cp < 0)
		cp = 0xFFFD;
	if (cp > 0xFFFF) {
		cp -= 0x10000;
		strbuf_addf(sb, "\\u%04lx\\u%04lx", 0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF));
	} else {
		strbuf_addf(sb, "\\u%04lx", cp);
	}
}

void strbuf_add_json(struct strbuf *sb, const char *s)
{
	const char *p = s ? s : "", *run;

	strbuf_addch(sb, '"');
	run = p;
	/* Runs that need no escape are copied at once (exports are long). */
	while (*p) {
		const char *q = p;
		unsigned char c = (unsigned char)*p;
		long cp;

		if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
			p++;
			continue;
		}
		cp = u8_next(&q);
		if (cp >= 0x80 && u8_cp_class(cp, 0) == U8_OK) {
			p = q;
			continue;
		}
		strbuf_add(sb, run, (size_t)(p - run));
		switch (cp) {
		case '"': strbuf_adds(sb, "\\\""); break;
		case '\\': strbuf_adds(sb, "\\\\"); break;
		case '\n': strbuf_adds(sb, "\\n"); break;
		case '\r': strbuf_adds(sb, "\\r"); break;
		case '\t': strbuf_adds(sb, "\\t"); break;
		default: add_json_escape(sb, cp);
		}
		p = run = q;
	}
	strbuf_add(sb, run, (size_t)(p - run));
	strbuf_addch(sb, '"');
}

void strbuf_add_json_raw(struct strbuf *sb, const char *json)
{
	const char *p = json ? json : "";

	while (*p) {
		const char *q = p;
		long cp = u8_next(&q);

		if (cp == '\n' || cp == '\r' || cp == '\t')
			strbuf_addch(sb, ' ');
		else if (u8_cp_class(cp, 0) != U8_OK)
			add_json_escape(sb, cp);
		else
			strbuf_add(sb, p, (size_t)(q - p));
		p = q;
	}
}

void strbuf_add_tsv(struct strbuf *sb, const char *s)
{
	const char *p = s ? s : "", *run = p;

	while (*p) {
		const char *q = p;
		unsigned char c = (unsigned char)*p;
		long cp;

		if (c >= 0x20 && c < 0x7F) {
			p++;
			continue;
		}
		cp = u8_next(&q);
		if (cp >= 0x80 && u8_cp_class(cp, 0) == U8_OK) {
			p = q;
			continue;
		}
		strbuf_add(sb, run, (size_t)(p - run));
		if (cp == '\t' || cp == '\n' || cp == '\r')
			strbuf_addch(sb, ' ');
		else
			strbuf_adds(sb, "\xEF\xBF\xBD");
		p = run = q;
	}
	strbuf_add(sb, run, (size_t)(p - run));
}

void strbuf_rtrim(struct strbuf *sb)
{
	while (sb->len && (sb->buf[sb->len - 1] == ' ' || sb->buf[sb->len - 1] == '\t' ||
			   sb->buf[sb->len - 1] == '\n'))
		strbuf_setlen(sb, sb->len - 1);
}
