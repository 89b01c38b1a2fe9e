/* textout.c — see textout.h. */
#include "textout.h"

#include <stdarg.h>

#include "strbuf.h"
#include "u8.h"

int textout_puts(const char *s, FILE *f)
{
	struct strbuf sb = STRBUF_INIT;
	int r;

	u8_add_clean(&sb, s, U8_KEEP_NEWLINE | U8_KEEP_TAB);
	r = fputs(sb.buf, f);
	strbuf_release(&sb);
	return r;
}

int textout_printf(FILE *f, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	int r;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	r = textout_puts(sb.buf, f);
	strbuf_release(&sb);
	return r;
}
