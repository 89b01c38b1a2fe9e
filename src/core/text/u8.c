/*
 * u8.c — see u8.h.
 *
 * Widths come from the C library's wcwidth(); on glibc that table follows the
 * Unicode East Asian Width property, with ambiguous characters (“ ” … ·) at 1
 * column.  Some Chinese SSH clients draw those at 2; we do not guess.
 */
#include "u8.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "strbuf.h"
#include "xmalloc.h"

int u8_valid(const char *s, size_t n)
{
	const char *p = s, *end = s + n;

	/* An embedded NUL would end the text early: not valid either. */
	if (memchr(s, '\0', n))
		return 0;
	while (p < end)
		if (u8_next(&p) < 0)
			return 0;
	return 1;
}

long u8_next(const char **pp)
{
	const unsigned char *p = (const unsigned char *)*pp;
	unsigned c = p[0];
	int need;
	long cp;

	if (!c)
		return 0;
	if (c < 0x80) {
		*pp += 1;
		return c;
	} else if (c >= 0xC2 && c <= 0xDF) {
		need = 1;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3;
		cp = c & 0x07;
	} else {
		*pp += 1;
		return -1;
	}
	for (int i = 1; i <= need; i++) {
		if ((p[i] & 0xC0) != 0x80) {
			*pp += 1;
			return -1;
		}
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF)) {
		*pp += 1;
		return -1;
	}
	*pp += need + 1;
	return cp;
}

int u8_encode(long cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = 0xFFFD;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	} else if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	} else if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t u8_chars(const char *s)
{
	size_t n = 0;

	while (*s) {
		u8_next(&s);
		n++;
	}
	return n;
}

int u8_cp_width(long cp)
{
	int w;

	if (cp < 0 || u8_cp_class(cp, 0) != U8_OK)
		return 1;
	w = wcwidth((wchar_t)cp);
	if (w < 0)
		return 1;
	return w;
}

int u8_width(const char *s)
{
	return u8_width_by(s, u8_cp_width);
}

int u8_width_by(const char *s, int (*cp_width)(long cp))
{
	int w = 0;
	long cp;

	while ((cp = u8_next(&s)) != 0)
		w += cp_width(cp);
	return w;
}

size_t u8_offset(const char *s, size_t nchars)
{
	const char *p = s;

	while (nchars-- && *p)
		u8_next(&p);
	return (size_t)(p - s);
}

/* Append the character p..q (code point cp), or U+FFFD when the rule refuses it. */
static void add_cp_clean(struct strbuf *sb, const char *p, const char *q, long cp, int keep)
{
	if ((cp == '\n' && (keep & U8_KEEP_NEWLINE)) || (cp == '\t' && (keep & U8_KEEP_TAB)) ||
	    u8_cp_class(cp, 0) == U8_OK)
		strbuf_add(sb, p, (size_t)(q - p));
	else
		strbuf_adds(sb, "\xEF\xBF\xBD");
}

/* Append the longest prefix of s that fits in cols columns; returns columns used. */
static int add_prefix(struct strbuf *sb, const char *s, int cols, int ellipsis,
		      int (*cp_width)(long cp))
{
	const char *p = s;
	int used = 0, total = u8_width_by(s, cp_width);
	size_t len = strlen(s), trail = 0;

	if (total <= cols) {
		u8_add_clean(sb, s, 0);
		return total;
	}
	/* Only blanks past the edge: nothing is lost, so no "…". */
	while (trail < len && s[len - 1 - trail] == ' ')
		trail++;
	if (trail && total - (int)trail <= cols) {
		strbuf_add(sb, s, len - trail);
		return total - (int)trail;
	}
	/* No room at all: not even the "…" fits. */
	if (cols <= 0)
		return 0;
	if (ellipsis)
		cols -= 1;
	while (*p) {
		const char *q = p;
		long cp = u8_next(&q);
		int w = cp_width(cp);

		if (used + w > cols)
			break;
		add_cp_clean(sb, p, q, cp, 0);
		used += w;
		p = q;
	}
	if (ellipsis && total > used) {
		strbuf_adds(sb, "…");
		used += 1;
	}
	return used;
}

void u8_cut(struct strbuf *sb, const char *s, int cols, int ellipsis)
{
	add_prefix(sb, s ? s : "", cols, ellipsis, u8_cp_width);
}

void u8_cut_by(struct strbuf *sb, const char *s, int cols, int (*cp_width)(long cp))
{
	add_prefix(sb, s ? s : "", cols, 0, cp_width);
}

void u8_fit(struct strbuf *sb, const char *s, int cols, int ellipsis)
{
	int used = add_prefix(sb, s ? s : "", cols, ellipsis, u8_cp_width);

	while (used++ < cols)
		strbuf_addch(sb, ' ');
}

void u8_rjust(struct strbuf *sb, const char *s, int cols)
{
	int w = u8_width(s);

	while (w++ < cols)
		strbuf_addch(sb, ' ');
	u8_add_clean(sb, s, 0);
}

char **u8_wrap(const char *s, int cols)
{
	return u8_wrap_by(s, cols, u8_cp_width);
}

int u8_no_line_start(long cp)
{
	static const long set[] = {
		'!', ')', ',', '.', ':', ';', '?', ']', '}', '%',
		0x00B7, 0x2019, 0x201D, 0x2026, 0x2014, 0x2025, 0x3001, 0x3002, 0x3009, 0x300B,
		0x300D, 0x300F, 0x3011, 0x3015, 0x3017, 0x3019, 0x301B, 0x301F, 0x30FB,
		0xFF01, 0xFF05, 0xFF09, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF3D, 0xFF5D, 0xFF5E,
	};

	for (size_t i = 0; i < sizeof(set) / sizeof(set[0]); i++)
		if (set[i] == cp)
			return 1;
	return 0;
}

int u8_no_line_end(long cp)
{
	static const long set[] = {
		'(', '[', '{', 0x2018, 0x201C, 0x3008, 0x300A, 0x300C, 0x300E, 0x3010, 0x3014,
		0x3016, 0x3018, 0x301A, 0x301D, 0xFF08, 0xFF3B, 0xFF5B,
	};

	for (size_t i = 0; i < sizeof(set) / sizeof(set[0]); i++)
		if (set[i] == cp)
			return 1;
	return 0;
}

/* One character of the line being filled: where it starts in the line, its width. */
struct wrap_char {
	size_t off;
	int w;
	long cp;
};

/*
 * How many of the n characters of a full line stay on it when next comes
 * after them, by the rule of u8_no_line_start() and u8_no_line_end(): a
 * closing mark that does not fit pulls the character before it down with
 * it, and an opening mark at the end goes down to what it opens.  n when the
 * rule cannot be kept (the line would be left empty).
 */
static size_t wrap_keep(const struct wrap_char *ch, size_t n, long next)
{
	size_t keep = n;

	if (u8_no_line_start(next)) {
		while (keep > 0 && u8_no_line_start(ch[keep - 1].cp))
			keep--;
		if (keep > 0)
			keep--;
	}
	while (keep > 0 && u8_no_line_end(ch[keep - 1].cp))
		keep--;
	return keep ? keep : n;
}

char **u8_wrap_by(const char *s, int cols, int (*cp_width)(long cp))
{
	char **lines = NULL;
	size_t n = 0, nch = 0, cap = 0;
	struct strbuf cur = STRBUF_INIT;
	struct wrap_char *ch = NULL;
	int used = 0;

	if (cols < 2)
		cols = 2;
	for (const char *p = s ? s : ""; ; ) {
		const char *q = p;
		long cp = u8_next(&q);
		int w;

		if (cp == 0 || cp == '\n') {
			lines = xreallocarray(lines, n + 2, sizeof(*lines));
			lines[n++] = strbuf_detach(&cur);
			used = 0;
			nch = 0;
			if (cp == 0)
				break;
			p = q;
			continue;
		}
		w = cp_width(cp);
		if (used + w > cols && nch) {
			size_t keep = wrap_keep(ch, nch, cp);
			int moved = 0;

			for (size_t i = keep; i < nch; i++)
				moved += ch[i].w;
			if (moved + w > cols) {	/* what moves down would not fit either */
				keep = nch;
				moved = 0;
			}
			lines = xreallocarray(lines, n + 2, sizeof(*lines));
			if (keep == nch) {
				lines[n++] = strbuf_detach(&cur);
				nch = 0;
			} else {
				size_t cut = ch[keep].off;

				lines[n++] = xstrndup(cur.buf, cut);
				memmove(cur.buf, cur.buf + cut, cur.len - cut);
				strbuf_setlen(&cur, cur.len - cut);
				for (size_t i = keep; i < nch; i++) {
					ch[i - keep] = ch[i];
					ch[i - keep].off -= cut;
				}
				nch -= keep;
			}
			used = moved;
		}
		if (nch == cap) {
			cap = cap ? 2 * cap : 64;
			ch = xreallocarray(ch, cap, sizeof(*ch));
		}
		ch[nch].off = cur.len;
		ch[nch].w = w;
		ch[nch].cp = cp;
		nch++;
		add_cp_clean(&cur, p, q, cp, 0);
		used += w;
		p = q;
	}
	lines[n] = NULL;
	strbuf_release(&cur);
	free(ch);
	return lines;
}

/* Drop trailing spaces and end the line. */
static void push_line(char ***lines, size_t *n, struct strbuf *cur)
{
	while (cur->len && cur->buf[cur->len - 1] == ' ')
		cur->buf[--cur->len] = '\0';
	*lines = xreallocarray(*lines, *n + 2, sizeof(**lines));
	(*lines)[(*n)++] = strbuf_detach(cur);
}

static int ascii_word_char(long cp)
{
	return cp > ' ' && cp < 0x7f;
}

char **u8_wrap_words(const char *s, int cols)
{
	char **lines = NULL;
	size_t n = 0;
	struct strbuf cur = STRBUF_INIT;
	int used = 0;
	const char *p = s ? s : "", *split_end = p;

	if (cols < 2)
		cols = 2;
	for (;;) {
		const char *q = p;
		long cp = u8_next(&q);
		int w;

		if (cp == 0 || cp == '\n') {
			push_line(&lines, &n, &cur);
			used = 0;
			if (cp == 0)
				break;
			p = q;
			continue;
		}
		if (cp == ' ') {
			/* A space never starts a line, and one that does not fit is the break. */
			if (used > 0 && used < cols) {
				strbuf_addch(&cur, ' ');
				used++;
			} else if (used > 0) {
				push_line(&lines, &n, &cur);
				used = 0;
			}
			p = q;
			continue;
		}
		if (ascii_word_char(cp) && p >= split_end) {
			/* A whole word: where it ends, and how wide it is. */
			const char *e = p;
			int ww = 0;

			for (;;) {
				const char *t = e;
				long c = u8_next(&t);

				if (!ascii_word_char(c))
					break;
				ww++;
				e = t;
			}
			if (used + ww > cols && used > 0) {
				push_line(&lines, &n, &cur);
				used = 0;
			}
			if (ww <= cols - used) {
				strbuf_add(&cur, p, (size_t)(e - p));
				used += ww;
				p = e;
				continue;
			}
			/* Longer than a line: it is split like Chinese text. */
			split_end = e;
		}
		w = u8_cp_width(cp);
		if (used + w > cols && used > 0) {
			push_line(&lines, &n, &cur);
			used = 0;
		}
		add_cp_clean(&cur, p, q, cp, 0);
		used += w;
		p = q;
	}
	lines[n] = NULL;
	strbuf_release(&cur);
	return lines;
}

void u8_lines_free(char **lines)
{
	if (!lines)
		return;
	for (char **l = lines; *l; l++)
		free(*l);
	free(lines);
}

size_t u8_lines_count(char *const *lines)
{
	size_t n = 0;

	while (lines && lines[n])
		n++;
	return n;
}

char *u8_mask_name(const char *name)
{
	size_t n = u8_chars(name);
	struct strbuf sb = STRBUF_INIT;
	const char *p = name;

	if (n <= 1)
		return xstrdup(name);
	for (size_t i = 0; i < n; i++) {
		const char *q = p;

		u8_next(&q);
		if (i == 0 || (i == n - 1 && n > 2))
			strbuf_add(&sb, p, (size_t)(q - p));
		else
			strbuf_addch(&sb, '*');
		p = q;
	}
	return strbuf_detach(&sb);
}

char *u8_mask_address(const char *address)
{
	size_t n = u8_chars(address);
	struct strbuf sb = STRBUF_INIT;
	const char *p = address;

	if (!n)
		return xstrdup("");
	/* The first two characters (the village's), then stars: never the group or the house. */
	for (size_t i = 0; i < 2 && i < n; i++) {
		const char *q = p;

		u8_next(&q);
		strbuf_add(&sb, p, (size_t)(q - p));
		p = q;
	}
	if (n > 2)
		strbuf_adds(&sb, "**");
	return strbuf_detach(&sb);
}

/* Full-width digits from an input method count as digits, in the text and in phones. */
static int digit_cp(long cp)
{
	return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19);
}

/* What may stand between the groups of one number: 138 0013 8000, 0571-88001234. */
static int group_sep(long cp)
{
	return cp == ' ' || cp == '-' || cp == 0x3000 || cp == 0xFF0D;
}

char *u8_mask_digits(const char *s, int min_digits)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = s ? s : "";

	while (*p) {
		const char *q = p, *r, *end;
		long cp = u8_next(&q);
		int digits = 0, glen = 0, ng = 0, groups[3] = { 0, 0, 0 }, mask;

		if (!digit_cp(cp)) {
			strbuf_add(&sb, p, (size_t)(q - p));
			p = q;
			continue;
		}
		/* The run: digits, with single separators between groups of them. */
		for (r = end = p; ; ) {
			const char *r2 = r, *r3;
			long c = u8_next(&r2);

			if (digit_cp(c)) {
				digits++;
				glen++;
				r = end = r2;
				continue;
			}
			r3 = r2;
			if (c > 0 && group_sep(c) && digit_cp(u8_next(&r3))) {
				if (ng < 3)
					groups[ng] = glen;
				ng++;
				glen = 0;
				r = r2;
				continue;
			}
			break;
		}
		if (ng < 3)
			groups[ng] = glen;
		ng++;
		/* A date (2026-03-10) is not a phone number. */
		mask = digits >= min_digits &&
		       !(ng == 3 && groups[0] == 4 && groups[1] <= 2 && groups[2] <= 2);
		while (p < end) {
			q = p;
			cp = u8_next(&q);
			if (mask && digit_cp(cp))
				strbuf_addch(&sb, '*');
			else
				strbuf_add(&sb, p, (size_t)(q - p));
			p = q;
		}
	}
	return strbuf_detach(&sb);
}

char *u8_mask_phone(const char *raw)
{
	char *phone = u8_fold(raw);	/* １３８… as typed in an input method */
	size_t len = strlen(phone), digits = 0, seen = 0;
	char *out = xstrdup(phone);

	/* A star is a digit masked already: 138****8000 masks to itself. */
	for (size_t i = 0; i < len; i++)
		if ((phone[i] >= '0' && phone[i] <= '9') || phone[i] == '*')
			digits++;
	if (digits < 5)
		goto done;
	if (digits == 11 && len == 11 && phone[0] == '1') {
		memset(out + 3, '*', 4);
		goto done;
	}
	/* Keep the area code (before a dash) and the last four digits. */
	for (size_t i = 0; i < len; i++) {
		const char *dash = strchr(phone, '-');

		if ((phone[i] < '0' || phone[i] > '9') && phone[i] != '*')
			continue;
		seen++;
		if (dash && phone + i < dash)
			continue;
		if (seen <= digits - 4)
			out[i] = '*';
	}
done:
	free(phone);
	return out;
}

enum u8_class u8_cp_class(long cp, int allow_newline)
{
	if (cp < 0)
		return U8_MALFORMED;
	if (cp == '\n')
		return allow_newline ? U8_OK : U8_NEWLINE;
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return U8_CONTROL;
	/* The common cases quickly: Latin-1 letters; CJK, kana, Hangul syllables. */
	if (cp < 0xAD || (cp > 0x3164 && cp < 0xFDD0))
		return U8_OK;
	if (cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
	    (cp >= 0x2066 && cp <= 0x2069))
		return U8_BIDI;
	if (cp == 0x2028 || cp == 0x2029)
		return U8_SEPARATOR;
	if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE)
		return U8_NONCHAR;
	if (cp == 0x00AD || cp == 0x115F || cp == 0x1160 || cp == 0x180E ||
	    (cp >= 0x200B && cp <= 0x200D) || (cp >= 0x2060 && cp <= 0x206F) || cp == 0x3164 ||
	    cp == 0xFEFF || cp == 0xFFA0 || (cp >= 0xFFF9 && cp <= 0xFFFB) ||
	    (cp >= 0x1D173 && cp <= 0x1D17A) || (cp >= 0xE0000 && cp <= 0xE007F))
		return U8_INVISIBLE;
	return U8_OK;
}

enum u8_class u8_check(const char *s, int allow_newline, long *cp_out, size_t *pos_out)
{
	const char *p = s ? s : "";
	size_t pos = 0;
	long cp;

	while ((cp = u8_next(&p)) != 0) {
		enum u8_class c = u8_cp_class(cp, allow_newline);

		pos++;
		if (c != U8_OK) {
			if (cp_out)
				*cp_out = cp;
			if (pos_out)
				*pos_out = pos;
			return c;
		}
	}
	return U8_OK;
}

int u8_has_control(const char *s, int allow_newline)
{
	return u8_check(s, allow_newline, NULL, NULL) != U8_OK;
}

int u8_is_space(long cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0 || cp == 0x1680 ||
	       (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

int u8_is_blank(const char *s)
{
	const char *p = s ? s : "";
	long cp;

	while ((cp = u8_next(&p)) != 0)
		if (!u8_is_space(cp))
			return 0;
	return 1;
}

void u8_add_clean(struct strbuf *sb, const char *s, int keep)
{
	const char *p = s ? s : "", *run = p;

	/* Runs of accepted characters are copied at once; output paths are hot. */
	while (*p) {
		const char *q = p;
		unsigned char c = (unsigned char)*p;
		long cp;

		if (c >= 0x20 && c < 0x7F) {
			p++;
			continue;
		}
		cp = u8_next(&q);
		if ((cp == '\n' && (keep & U8_KEEP_NEWLINE)) || (cp == '\t' && (keep & U8_KEEP_TAB)) ||
		    u8_cp_class(cp, 0) == U8_OK) {
			p = q;
			continue;
		}
		strbuf_add(sb, run, (size_t)(p - run));
		strbuf_adds(sb, "\xEF\xBF\xBD");
		p = run = q;
	}
	strbuf_add(sb, run, (size_t)(p - run));
}

char *u8_sanitize(const char *s, int allow_newline)
{
	struct strbuf sb = STRBUF_INIT;

	u8_add_clean(&sb, s, allow_newline ? U8_KEEP_NEWLINE : 0);
	return strbuf_detach(&sb);
}

long u8_fold_cp(long cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E)
		return cp - 0xFF01 + 0x21;
	if (cp == 0x3000)
		return ' ';
	return cp;
}

char *u8_fold(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = s;

	while (*p) {
		const char *q = p;
		long cp = u8_next(&q);
		char buf[4];

		if (cp < 0)
			strbuf_add(&sb, p, (size_t)(q - p));
		else
			strbuf_add(&sb, buf, (size_t)u8_encode(u8_fold_cp(cp), buf));
		p = q;
	}
	return strbuf_detach(&sb);
}

int u8_is_cjk(long cp)
{
	return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF) ||
	       (cp >= 0x3000 && cp <= 0x303F);
}


char *u8_trim(const char *s)
{
	const char *p = s, *start = NULL, *end = s;

	/* start: the first character that is not a space; end: just after the last. */
	while (*p) {
		const char *q = p;

		if (!u8_is_space(u8_next(&q))) {
			if (!start)
				start = p;
			end = q;
		}
		p = q;
	}
	if (!start)
		return xstrdup("");
	return xstrndup(start, (size_t)(end - start));
}
