/*
 * fts.c — the "jiedai" FTS5 tokenizer and the search query builder.  See
 * fts.h for the tokens and for what must stay true.
 *
 * Why not FTS5's own trigram tokenizer: it gives nothing for one- and
 * two-character queries, and most Chinese names are two characters.  Why
 * bigrams at the position of their first character: a phrase of bigrams
 * then matches exactly the texts that contain the characters in a row.
 *
 * This file has no SQL and calls no SQLite function (only its types), so the
 * same object serves jiedai and the loadable extension for the sqlite3 shell.
 */
#include "fts.h"

#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "strbuf.h"
#include "u8.h"
#include "xmalloc.h"

enum cls { CLS_SEP, CLS_ALNUM, CLS_HAN };

struct ch {
	long cp;		/* folded */
	enum cls cls;
	int start, end;		/* bytes of the original text */
};

/* A character's class after folding; *cp is folded in place. */
static enum cls classify(long *cp)
{
	long c = u8_fold_cp(*cp);

	if (c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	*cp = c;
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))
		return CLS_ALNUM;
	if (u8_is_cjk(c) && !(c >= 0x3000 && c <= 0x303F))
		return CLS_HAN;
	return CLS_SEP;
}

/* Decode one UTF-8 character of p[0..n), n >= 1; -1 (one byte) when malformed. */
static long decode(const unsigned char *p, int n, int *len)
{
	long cp;
	int need, i;

	*len = 1;
	if (p[0] < 0x80)
		return p[0];
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		need = 1;
		cp = p[0] & 0x1F;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		need = 2;
		cp = p[0] & 0x0F;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		need = 3;
		cp = p[0] & 0x07;
	} else {
		return -1;
	}
	if (need >= n)
		return -1;
	for (i = 1; i <= need; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return -1;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	if ((need == 2 && cp < 0x800) || (need == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	*len = need + 1;
	return cp;
}

/*
 * Decode text into chars (folded and classified).  Uses buf when it is big
 * enough, else allocates (*heap, for the caller to free).  Returns the count.
 */
static int read_chars(const char *text, int len, struct ch *buf, int nbuf, struct ch **out)
{
	const unsigned char *p = (const unsigned char *)text;
	struct ch *c = buf;
	int n = 0, off = 0;

	if (len > nbuf)
		c = xcalloc((size_t)len, sizeof(*c));	/* at most one char per byte */
	while (off < len) {
		int l;
		long cp = decode(p + off, len - off, &l);

		c[n].cls = cp < 0 ? CLS_SEP : classify(&cp);
		c[n].cp = cp;
		c[n].start = off;
		c[n].end = off + l;
		n++;
		off += l;
	}
	*out = c;
	return n;
}

/* Emit the token made of chars c[0..k). */
static int emit_chars(const struct ch *c, int k, int colocated,
		      int (*emit)(void *, int, const char *, int, int, int), void *arg)
{
	char tok[16];
	int n = 0;

	for (int i = 0; i < k; i++)
		n += u8_encode(c[i].cp, tok + n);
	return emit(arg, colocated, tok, n, c[0].start, c[k - 1].end);
}

/* The tokens of one run c[0..n) of one class. */
static int emit_run(const struct ch *c, int n, int query,
		    int (*emit)(void *, int, const char *, int, int, int), void *arg)
{
	int r = 0;

	if (c[0].cls == CLS_HAN) {
		if (query && n > 1) {
			for (int k = 0; k + 1 < n && !r; k++)
				r = emit_chars(c + k, 2, 0, emit, arg);
			return r;
		}
		for (int k = 0; k < n && !r; k++) {
			r = emit_chars(c + k, 1, 0, emit, arg);
			if (!r && k + 1 < n && !query)
				r = emit_chars(c + k, 2, 1, emit, arg);
		}
		return r;
	}
	if (n <= 2)
		return emit_chars(c, n, 0, emit, arg);
	for (int k = 0; k + 3 <= n && !r; k++) {
		r = emit_chars(c + k, 3, 0, emit, arg);
		/* A document also gives the run's first and last two characters. */
		if (!r && !query && k == 0)
			r = emit_chars(c, 2, 1, emit, arg);
		if (!r && !query && k + 3 == n)
			r = emit_chars(c + n - 2, 2, 1, emit, arg);
	}
	return r;
}

int fts_tokenize(const char *text, int len, int query,
		 int (*emit)(void *arg, int colocated, const char *tok, int ntok, int start, int end),
		 void *arg)
{
	struct ch buf[256], *c;
	int n = read_chars(text, len, buf, 256, &c), r = 0, i = 0;

	if (query && n == 2 && c[0].cls != CLS_SEP && c[1].cls != CLS_SEP && c[0].cls != c[1].cls) {
		r = emit_chars(c, 2, 0, emit, arg);
		goto out;
	}
	while (i < n && !r) {
		int j = i;

		if (c[i].cls == CLS_SEP) {
			i++;
			continue;
		}
		while (j < n && c[j].cls == c[i].cls)
			j++;
		r = emit_run(c + i, j - i, query, emit, arg);
		/* The seam between a Chinese run and a letter/digit run. */
		if (!r && !query && j < n && c[j].cls != CLS_SEP)
			r = emit_chars(c + j - 1, 2, 1, emit, arg);
		i = j;
	}
out:
	if (c != buf)
		free(c);
	return r;
}

/* ---- the FTS5 tokenizer object ---- */

struct tok_ctx {
	void *ctx;
	int (*xtoken)(void *, int, const char *, int, int, int);
};

static int fts5_emit(void *arg, int colocated, const char *tok, int ntok, int start, int end)
{
	struct tok_ctx *t = arg;

	return t->xtoken(t->ctx, colocated ? FTS5_TOKEN_COLOCATED : 0, tok, ntok, start, end);
}

static int tok_create(void *unused, const char **argv, int argc, Fts5Tokenizer **out)
{
	static int instance;

	(void)unused;
	(void)argv;
	if (argc > 0)
		return SQLITE_ERROR;
	*out = (Fts5Tokenizer *)&instance;	/* no state: one shared handle */
	return SQLITE_OK;
}

static void tok_delete(Fts5Tokenizer *t)
{
	(void)t;
}

static int tok_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int len,
			int (*xtoken)(void *, int, const char *, int, int, int))
{
	struct tok_ctx tc = { ctx, xtoken };

	(void)t;
	if (len <= 0)
		return SQLITE_OK;
	return fts_tokenize(text, len, (flags & FTS5_TOKENIZE_QUERY) != 0, fts5_emit, &tc);
}

int fts_register(struct fts5_api *api)
{
	static fts5_tokenizer tok = { tok_create, tok_delete, tok_tokenize };

	if (!api || api->iVersion < 2)
		return SQLITE_ERROR;
	return api->xCreateTokenizer(api, FTS_TOKENIZER, NULL, &tok, NULL);
}

/* ---- the query builder ---- */

/* Append "s[0..n)" as an FTS5 string, quotes doubled. */
static void add_quoted(struct strbuf *sb, const char *s, size_t n)
{
	strbuf_addch(sb, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			strbuf_addch(sb, '"');
		strbuf_addch(sb, s[i]);
	}
	strbuf_addch(sb, '"');
}

/* Append one quoted term to a list of terms ANDed together. */
static void add_term(struct strbuf *sb, int *terms, const char *s, size_t n)
{
	if ((*terms)++)
		strbuf_adds(sb, " AND ");
	add_quoted(sb, s, n);
}

/*
 * The strings a text containing word must match, ANDed, into sb; returns
 * how many (0: the index cannot narrow this word).
 *
 * Strong terms (Chinese runs, trigrams, seams, short runs of letters) are
 * used when the word has any; a run of one or two digits is a weak term, a
 * token held by a large part of the ledger ("7", "26": every 2026 number
 * ends a run with 26), whose list costs more to read than it saves, so it
 * is asked for only when there is nothing better.
 */
static int word_terms(struct strbuf *sb, const char *word, size_t wlen)
{
	struct ch buf[64], *c;
	struct strbuf weak = STRBUF_INIT;
	int n = read_chars(word, (int)wlen, buf, 64, &c), terms = 0, nweak = 0, i = 0;

	while (i < n) {
		int j = i;

		if (c[i].cls == CLS_SEP) {
			i++;
			continue;
		}
		while (j < n && c[j].cls == c[i].cls)
			j++;
		if (c[i].cls == CLS_HAN) {
			/* One character beside a seam: the seam token says more. */
			if (j - i > 1 || !((i > 0 && c[i - 1].cls == CLS_ALNUM) ||
					   (j < n && c[j].cls == CLS_ALNUM)))
				add_term(sb, &terms, word + c[i].start, (size_t)(c[j - 1].end - c[i].start));
		} else if (j - i >= 3) {
			/*
			 * Trigrams that cover the run, each on its own: half the
			 * tokens of the whole phrase and as good a filter, since
			 * the store checks these words with LIKE anyway.
			 */
			for (int k = i; k < j; k += 3) {
				int at = k + 3 <= j ? k : j - 3;

				add_term(sb, &terms, word + c[at].start, (size_t)(c[at + 2].end - c[at].start));
			}
		} else if (j - i == 2 ? i > 0 || j < n : i > 0 && j < n) {
			/*
			 * Two characters: a text's run ends or starts with them, or
			 * is them, unless the word shows neither end.  One: only a
			 * run that the word shows whole ("3" in "村3组" but not in
			 * "3组", which may be the end of "13").  Letters (a station
			 * code) are rare, digits common.
			 */
			int digits = c[i].cp <= '9' && c[j - 1].cp <= '9';

			add_term(digits ? &weak : sb, digits ? &nweak : &terms, word + c[i].start,
				 (size_t)(c[j - 1].end - c[i].start));
		}
		if (j < n && c[j].cls != CLS_SEP)
			add_term(sb, &terms, word + c[j - 1].start, (size_t)(c[j].end - c[j - 1].start));
		i = j;
	}
	if (!terms && nweak) {
		strbuf_adds(sb, weak.buf);
		terms = nweak;
	}
	strbuf_release(&weak);
	if (c != buf)
		free(c);
	return terms;
}

/* 1 when every character of word is a Chinese character. */
static int all_han(const char *word)
{
	struct ch buf[64], *c;
	int n = read_chars(word, (int)strlen(word), buf, 64, &c), ok = n > 0;

	for (int i = 0; i < n; i++)
		if (c[i].cls != CLS_HAN)
			ok = 0;
	if (c != buf)
		free(c);
	return ok;
}

char *fts_query(char *const *words, size_t nwords, unsigned char *exact)
{
	struct strbuf q = STRBUF_INIT, a = STRBUF_INIT, b = STRBUF_INIT;
	int any = 0;

	for (size_t i = 0; i < nwords; i++) {
		const char *w = words[i];
		int usable;

		exact[i] = (unsigned char)all_han(w);
		strbuf_reset(&a);
		usable = word_terms(&a, w, strlen(w)) > 0;
		if (usable && strchr(w, '-')) {
			/*
			 * The phone is searched without its dashes (as LIKE does):
			 * the word without dashes may match there instead.
			 */
			char *nodash = xmalloc(strlen(w) + 1);
			size_t k = 0;

			for (const char *p = w; *p; p++)
				if (*p != '-')
					nodash[k++] = *p;
			nodash[k] = '\0';
			strbuf_reset(&b);
			usable = word_terms(&b, nodash, k) > 0;
			free(nodash);
			if (usable) {
				if (any++)
					strbuf_adds(&q, " AND ");
				strbuf_addf(&q, "((%s) OR (%s))", a.buf, b.buf);
			}
			continue;
		}
		if (!usable)
			continue;
		if (any++)
			strbuf_adds(&q, " AND ");
		strbuf_addf(&q, "(%s)", a.buf);
	}
	strbuf_release(&a);
	strbuf_release(&b);
	if (!any) {
		strbuf_release(&q);
		return NULL;
	}
	return strbuf_detach(&q);
}
