/* fmtcheck.c — see fmtcheck.h. */
#include "fmtcheck.h"

#include <string.h>

/* Widths and precisions above this are refused: a "%999999999s" would make printf allocate gigabytes. */
#define FMT_MAX_WIDTH 999

struct parse {
	enum fmt_type *types;
	int n;			/* plain: arguments so far; positional: the highest position */
	int mode;		/* 0 not yet known, 1 plain, 2 positional */
};

/* Digits at *p: their value (capped above 100000), *p moved past them; -1 when there are none. */
static long digits(const char **p)
{
	long v = 0;

	if (**p < '0' || **p > '9')
		return -1;
	while (**p >= '0' && **p <= '9') {
		if (v <= 100000)
			v = v * 10 + (**p - '0');
		(*p)++;
	}
	return v;
}

/* One argument of type t, at position pos (0: the next one, plain).  0, or -1 when the rule is broken. */
static int add(struct parse *ps, long pos, enum fmt_type t)
{
	if (pos == 0) {
		if (ps->mode == 2 || ps->n >= FMT_MAX_ARGS)
			return -1;
		ps->mode = 1;
		ps->types[ps->n++] = t;
		return 0;
	}
	if (ps->mode == 1 || pos < 1 || pos > FMT_MAX_ARGS)
		return -1;
	ps->mode = 2;
	if (ps->types[pos - 1] != FMT_NONE && ps->types[pos - 1] != t)
		return -1;
	ps->types[pos - 1] = t;
	if (pos > ps->n)
		ps->n = (int)pos;
	return 0;
}

/*
 * A position written as "N$" at *p (after '%' or '*'): N, with *p past the
 * '$'; 0 when there is none (*p unmoved); -1 for "0$".
 */
static long position(const char **p)
{
	const char *q = *p;
	long v = digits(&q);

	if (v < 0 || *q != '$')
		return 0;
	*p = q + 1;
	return v >= 1 ? v : -1;
}

/* A width or precision that may be '*' or '*N$' (an int argument); 0, or -1. */
static int star_or_digits(struct parse *ps, const char **p)
{
	if (**p == '*') {
		long pos;

		(*p)++;
		pos = position(p);
		return pos < 0 ? -1 : add(ps, pos, FMT_INT);
	}
	return digits(p) > FMT_MAX_WIDTH ? -1 : 0;
}

/* LEN_Q ('q') and 'L' on an integer are GNU spellings of ll that glibc's own parser reads otherwise: refused. */
enum length { LEN_NONE, LEN_HH, LEN_H, LEN_L, LEN_LL, LEN_Q, LEN_BIGL, LEN_J, LEN_Z, LEN_T };

static enum length length(const char **p)
{
	switch (**p) {
	case 'h':
		(*p)++;
		if (**p == 'h') {
			(*p)++;
			return LEN_HH;
		}
		return LEN_H;
	case 'l':
		(*p)++;
		if (**p == 'l') {
			(*p)++;
			return LEN_LL;
		}
		return LEN_L;
	case 'q': (*p)++; return LEN_Q;
	case 'L': (*p)++; return LEN_BIGL;
	case 'j': (*p)++; return LEN_J;
	case 'z': case 'Z': (*p)++; return LEN_Z;
	case 't': (*p)++; return LEN_T;
	default: return LEN_NONE;
	}
}

/* The argument of conversion c with length len: a type, FMT_NONE for %m, or -1 when unknown. */
static int conversion(char c, enum length len)
{
	if (c && strchr("diouxX", c)) {
		switch (len) {
		case LEN_NONE: case LEN_HH: case LEN_H: return FMT_INT;
		case LEN_L: return FMT_LONG;
		case LEN_LL: return FMT_LLONG;
		case LEN_Q: case LEN_BIGL: return -1;
		case LEN_J: return FMT_INTMAX;
		case LEN_Z: return FMT_SIZE;
		case LEN_T: return FMT_PTRDIFF;
		}
	}
	if (c && strchr("eEfFgGaA", c))
		return len == LEN_NONE || len == LEN_L ? FMT_DOUBLE : len == LEN_BIGL ? FMT_LDOUBLE : -1;
	switch (c) {
	case 'c': return len == LEN_NONE ? FMT_INT : len == LEN_L ? FMT_WINT : -1;
	case 'C': return len == LEN_NONE ? FMT_WINT : -1;
	case 's': return len == LEN_NONE ? FMT_STRING : len == LEN_L ? FMT_WSTRING : -1;
	case 'S': return len == LEN_NONE ? FMT_WSTRING : -1;
	case 'p': return len == LEN_NONE ? FMT_POINTER : -1;
	case 'n': return len == LEN_BIGL || len == LEN_Q ? -1 : FMT_WRITE;
	case 'm': return len == LEN_NONE ? FMT_NONE : -1;
	default: return -1;
	}
}

/*
 * The conversion that starts at *p (just after its '%', which is not "%%"):
 * its arguments go into ps, *p moves past it.  0, or -1 when it is not a
 * conversion by the rule (*p then points where the parse stopped).
 */
static int one(struct parse *ps, const char **p)
{
	long pos = position(p);
	enum length len;
	int t;

	if (pos < 0)
		return -1;
	while (**p && strchr("-+ #0'I", **p))
		(*p)++;
	if (star_or_digits(ps, p) < 0)
		return -1;
	if (**p == '.') {
		(*p)++;
		if (star_or_digits(ps, p) < 0)
			return -1;
	}
	len = length(p);
	t = conversion(**p, len);
	if (t < 0)
		return -1;
	(*p)++;
	if (t == FMT_NONE)	/* %m takes no argument, so it has no position */
		return pos ? -1 : 0;
	return add(ps, pos, (enum fmt_type)t);
}

int fmt_args(const char *fmt, enum fmt_type types[FMT_MAX_ARGS])
{
	struct parse ps = { types, 0, 0 };
	const char *p = fmt;

	for (int i = 0; i < FMT_MAX_ARGS; i++)
		types[i] = FMT_NONE;
	while ((p = strchr(p, '%'))) {
		p++;
		if (*p == '%') {
			p++;
			continue;
		}
		if (one(&ps, &p) < 0)
			return -1;
	}
	/* Positional: every position up to the highest is used (printf must know each one's type). */
	for (int i = 0; i < ps.n; i++)
		if (types[i] == FMT_NONE)
			return -1;
	return ps.n;
}

/*
 * 1 when no '%' in s can start a conversion: each is "%%", or is followed
 * by the end or by a character no conversion begins with (a flag, a digit,
 * '.', '*', a length or a conversion letter).  printf prints such a '%' as
 * it is and takes no argument for it: s is plain text ("满意率（%）").
 */
static int takes_nothing(const char *s)
{
	const char *p = s;

	while ((p = strchr(p, '%'))) {
		p++;
		if (*p == '%') {
			p++;
			continue;
		}
		if (*p && strchr("-+ #0'I123456789$.*hlqLjzZtdiouxXeEfFgGaAcCsSpnm", *p))
			return 0;
	}
	return 1;
}

int fmt_same(const char *msgid, const char *translation)
{
	enum fmt_type want[FMT_MAX_ARGS], got[FMT_MAX_ARGS];
	int nw, ng;

	/* The common case, and cheap: neither has a conversion. */
	if (!strchr(translation, '%') && !strchr(msgid, '%'))
		return 1;
	nw = fmt_args(msgid, want);
	/* A msgid that is no format is plain text: so must its translation be. */
	if (nw < 0)
		return takes_nothing(translation);
	ng = fmt_args(translation, got);
	if (ng != nw)
		return 0;
	for (int i = 0; i < ng; i++)
		if (got[i] != want[i] || got[i] == FMT_WRITE)
			return 0;
	return 1;
}
