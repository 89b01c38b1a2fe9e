/* error.c — see error.h. */
#include "error.h"

#include <errno.h>
#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmtcheck.h"
#include "u8.h"

static const char *progname = "jiedai";
static char last[3 * 1024], last_warning[3 * 1024];	/* cleaned messages (see report) */
static void (*die_hook)(void);

/*
 * The catalogue itself rather than i18n.h's _(): error is the floor of the core
 * (text/, README.md), below i18n in sys/.  The msgids are the same, and the
 * translation is held to fmtcheck.h's rule here too, as _() holds it: it is
 * used as a format only when it takes the msgid's arguments.
 */
static const char *checked(const char *msgid)
	__attribute__((format_arg(1)));
static const char *checked(const char *msgid)
{
	const char *t = gettext(msgid);

	return t != msgid && fmt_same(msgid, t) ? t : msgid;
}

static void default_routine(enum error_level level, const char *msg)
{
	fflush(stdout);
	if (level == ERROR_WARNING)
		fprintf(stderr, checked("%s: warning: %s\n"), progname, msg);
	else
		fprintf(stderr, checked("%s: error: %s\n"), progname, msg);
}

static error_routine routine = default_routine;

error_routine error_set_routine(error_routine r)
{
	error_routine old = routine;

	routine = r ? r : default_routine;
	return old;
}

void error_set_die_hook(void (*hook)(void))
{
	die_hook = hook;
}

void error_set_progname(const char *name)
{
	progname = name;
}

const char *error_last_warning(void)
{
	return last_warning;
}

const char *error_last(void)
{
	return last;
}

void error_clear(void)
{
	last[0] = '\0';
	last_warning[0] = '\0';
}

/*
 * Messages often quote what someone typed or what the ledger holds ("there
 * is no ticket numbered '%s'"), so each is cleaned here, once for every
 * routine: what the text rule of u8.h refuses reaches no terminal.
 */
static void report(enum error_level level, const char *fmt, va_list ap, const char *suffix)
{
	char msg[1024], clean[3 * sizeof(msg)];	/* one byte may become U+FFFD's three */
	const char *p = msg;
	char *o = clean;
	int n = vsnprintf(msg, sizeof(msg), fmt, ap);

	if (suffix && n >= 0 && (size_t)n < sizeof(msg))
		snprintf(msg + n, sizeof(msg) - (size_t)n, ": %s", suffix);
	/* No allocation here: die() reports running out of memory. */
	while (*p) {
		const char *q = p;
		long cp = u8_next(&q);

		if (cp == '\n' || cp == '\t' || u8_cp_class(cp, 0) == U8_OK) {
			memcpy(o, p, (size_t)(q - p));
			o += q - p;
		} else {
			memcpy(o, "\xEF\xBF\xBD", 3);
			o += 3;
		}
		p = q;
	}
	*o = '\0';
	if (level == ERROR_ERROR)
		snprintf(last, sizeof(last), "%s", clean);
	else if (level == ERROR_WARNING)
		snprintf(last_warning, sizeof(last_warning), "%s", clean);
	routine(level, clean);
}

int error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(ERROR_ERROR, fmt, ap, NULL);
	va_end(ap);
	return -1;
}

int error_errno(const char *fmt, ...)
{
	int e = errno;
	va_list ap;

	va_start(ap, fmt);
	report(ERROR_ERROR, fmt, ap, strerror(e));
	va_end(ap);
	return -1;
}

void warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report(ERROR_WARNING, fmt, ap, NULL);
	va_end(ap);
}

void die(const char *fmt, ...)
{
	va_list ap;

	if (die_hook) {
		void (*h)(void) = die_hook;

		die_hook = NULL;
		h();
	}
	routine = default_routine;
	va_start(ap, fmt);
	report(ERROR_ERROR, fmt, ap, NULL);
	va_end(ap);
	exit(3);
}

void error_bug(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	if (die_hook) {
		void (*h)(void) = die_hook;

		die_hook = NULL;
		h();
	}
	fprintf(stderr, "BUG: %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}
