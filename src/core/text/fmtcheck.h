/*
 * fmtcheck.h — is a translation safe to use as the printf format of its msgid?
 *
 * A translated message is a printf format: printf(_("ticket %s: %d days"),
 * number, n) hands the translation the arguments the compiler checked
 * against the English msgid.  A catalogue whose translation asks for other
 * arguments ("%1$n %2$p %3$p %4$s") makes printf read and write memory the
 * caller never passed — in a program that may hold the group jiedai.  The
 * build refuses such a catalogue (msgfmt --check on every entry with a '%',
 * src/po/mo.sh); this module is the check at run time, for any catalogue
 * that reaches the program (i18n.h uses it on every message it hands out).
 *
 * The rule: the translation must take exactly the arguments of its msgid —
 * the same number, and each of the same type (an int for an int, a string
 * for a string, positional %2$s counted by position) — and never %n.  It
 * may change flags, widths and precisions, reorder with %N$, and use %% and
 * %m (which take no argument).  Anything this parser does not know is
 * refused, not guessed: an unknown conversion, a '%' at the end, positional
 * and plain conversions mixed, a position skipped or used with two types,
 * more than FMT_MAX_ARGS arguments.
 */
#ifndef JIEDAI_FMTCHECK_H
#define JIEDAI_FMTCHECK_H

#define FMT_MAX_ARGS 16

/* The type of one argument a format takes, as va_arg would read it. */
enum fmt_type {
	FMT_NONE = 0,		/* not used (a position skipped) */
	FMT_INT,		/* d i o u x X c, with hh or h or no length; a '*' width */
	FMT_LONG,		/* l with d i o u x X */
	FMT_LLONG,		/* ll with d i o u x X (not q, nor L) */
	FMT_INTMAX,		/* j */
	FMT_SIZE,		/* z, Z */
	FMT_PTRDIFF,		/* t */
	FMT_DOUBLE,		/* e E f F g G a A */
	FMT_LDOUBLE,		/* L with e E f F g G a A */
	FMT_WINT,		/* lc, C */
	FMT_STRING,		/* s */
	FMT_WSTRING,		/* ls, S */
	FMT_POINTER,		/* p */
	FMT_WRITE,		/* n (any length): printf writes through it */
};

/*
 * The arguments fmt takes, in order of position: types[0..n-1].  Returns n
 * (0 to FMT_MAX_ARGS), or -1 when fmt is not a format by the rule above.
 */
int fmt_args(const char *fmt, enum fmt_type types[FMT_MAX_ARGS]);

/*
 * 1 when translation may stand in for msgid as a printf format: the same
 * argument types in the same positions, and no %n.  A msgid that is not a
 * format at all (a stray '%') accepts only a translation that takes no
 * argument.  0 otherwise: use msgid.
 */
int fmt_same(const char *msgid, const char *translation);

#endif
