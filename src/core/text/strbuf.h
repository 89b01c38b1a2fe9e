/*
 * strbuf.h — a growing, always NUL-terminated byte string.
 *
 * struct strbuf sb = STRBUF_INIT;  strbuf_addf(&sb, "%d", n);  ...  strbuf_release(&sb);
 * buf is never NULL after any call; strbuf_detach() hands the string to the caller.
 */
#ifndef JIEDAI_STRBUF_H
#define JIEDAI_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *buf;
	size_t len;
	size_t alloc;
};

extern char strbuf_empty[];
#define STRBUF_INIT { strbuf_empty, 0, 0 }

void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
/* Give up the buffer; the caller frees it.  sb is left empty. */
char *strbuf_detach(struct strbuf *sb);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_reset(struct strbuf *sb);
void strbuf_setlen(struct strbuf *sb, size_t len);
void strbuf_add(struct strbuf *sb, const void *data, size_t n);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
/*
 * Append s as a JSON string literal, quotes included.  Every code point the
 * text rule of u8.h refuses (controls, DEL, C1, bidi and invisible format
 * characters, U+2028/2029, noncharacters) is written as \uXXXX (a surrogate
 * pair beyond U+FFFF), so the JSON is plain, printable and still lossless;
 * a malformed byte becomes \ufffd.
 */
void strbuf_add_json(struct strbuf *sb, const char *s);
/*
 * Append json, a JSON text as stored (an extra-fields object), with the same
 * code points escaped; raw TAB, CR and LF (only valid between tokens) become
 * spaces.
 */
void strbuf_add_json_raw(struct strbuf *sb, const char *json);
/*
 * Append s as a TSV cell: TAB, CR and LF turned into spaces, any other code
 * point the rule refuses (and a malformed byte) into U+FFFD.
 */
void strbuf_add_tsv(struct strbuf *sb, const char *s);
/* Remove trailing blanks. */
void strbuf_rtrim(struct strbuf *sb);

#endif
