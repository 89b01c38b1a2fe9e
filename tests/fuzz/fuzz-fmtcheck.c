/*
 * fuzz-fmtcheck.c — the printf-format rule a translation must keep (fmtcheck.h).
 *
 * The input is two lines: a msgid and its translation.  Each is parsed by
 * fmt_args(); whatever it accepts is checked two ways against the C
 * library that will print it: glibc's own parser (parse_printf_format)
 * must find the same number of arguments, each read as the same machine
 * type (an int, an 8-byte integer, a double, a long double or a pointer);
 * and a format whose arguments are all ints, or all strings, is printed
 * with snprintf, so ASan sees any argument read that the parse missed.
 * fmt_same() must never accept a translation that takes %n, or other
 * arguments than its msgid's.
 */
#include "fuzz.h"

#include <printf.h>

#include "fmtcheck.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_init();
	return 0;
}

/* How va_arg reads an argument: 'i' int, 'l' 8-byte integer, 'd' double, 'D' long double, 'p' pointer. */
static char kind_ours(enum fmt_type t)
{
	switch (t) {
	case FMT_INT: case FMT_WINT: return 'i';
	case FMT_LONG: case FMT_LLONG: case FMT_INTMAX: case FMT_SIZE: case FMT_PTRDIFF: return 'l';
	case FMT_DOUBLE: return 'd';
	case FMT_LDOUBLE: return 'D';
	case FMT_STRING: case FMT_WSTRING: case FMT_POINTER: case FMT_WRITE: return 'p';
	default: return '?';
	}
}

static char kind_glibc(int t)
{
	int base = t & ~PA_FLAG_MASK;

	if (t & PA_FLAG_PTR)
		return 'p';
	switch (base) {
	case PA_INT:
		return (t & (PA_FLAG_LONG | PA_FLAG_LONG_LONG)) ? 'l' : 'i';
	case PA_CHAR: case PA_WCHAR: return 'i';
	case PA_STRING: case PA_WSTRING: case PA_POINTER: return 'p';
	case PA_DOUBLE: return (t & PA_FLAG_LONG_DOUBLE) ? 'D' : 'd';
	default: return '?';
	}
}

static void against_glibc(const char *fmt)
{
	enum fmt_type ours[FMT_MAX_ARGS];
	int theirs[64];
	int n = fmt_args(fmt, ours);
	size_t m;
	int all_int = 1, all_string = 1;
	char out[4096];

	if (n < 0)
		return;
	m = parse_printf_format(fmt, 64, theirs);
	if (m != (size_t)n)
		abort();
	for (int i = 0; i < n; i++) {
		if (kind_ours(ours[i]) != kind_glibc(theirs[i]))
			abort();
		all_int &= ours[i] == FMT_INT;
		all_string &= ours[i] == FMT_STRING;
	}
	/* Print it for real: what the parse accepted reads only what was passed. */
	if (n > 0 && all_int)
		snprintf(out, sizeof(out), fmt, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
	else if (n > 0 && all_string)
		snprintf(out, sizeof(out), fmt, "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l",
			 "m", "n", "o", "p");
	else if (n == 0)
		snprintf(out, sizeof(out), fmt, 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *msgid = fuzz_text(data, size);
	char *tr = fuzz_split(msgid);
	enum fmt_type a[FMT_MAX_ARGS], b[FMT_MAX_ARGS];

	against_glibc(msgid);
	against_glibc(tr);
	if (fmt_same(msgid, tr)) {
		int na = fmt_args(msgid, a), nb = fmt_args(tr, b);

		if (na >= 0) {
			if (nb != na)
				abort();
			for (int i = 0; i < nb; i++)
				if (b[i] != a[i] || b[i] == FMT_WRITE)
					abort();
		} else if (nb > 0) {
			abort();	/* a plain msgid's translation takes nothing */
		}
	}
	free(msgid);
	return 0;
}
