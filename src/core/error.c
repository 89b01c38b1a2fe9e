/* error.c — see error.h. */
#include "error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"

static const char *progname = "jiedai";
static char last[1024], last_warning[1024];
static void (*die_hook)(void);

static void default_routine(enum error_level level, const char *msg)
{
	fflush(stdout);
	if (level == ERROR_WARNING)
		fprintf(stderr, _("%s: warning: %s\n"), progname, msg);
	else
		fprintf(stderr, _("%s: error: %s\n"), progname, msg);
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

static void report(enum error_level level, const char *fmt, va_list ap, const char *suffix)
{
	char msg[1024];
	int n = vsnprintf(msg, sizeof(msg), fmt, ap);

	if (suffix && n >= 0 && (size_t)n < sizeof(msg))
		snprintf(msg + n, sizeof(msg) - (size_t)n, ": %s", suffix);
	if (level == ERROR_ERROR)
		snprintf(last, sizeof(last), "%s", msg);
	else if (level == ERROR_WARNING)
		snprintf(last_warning, sizeof(last_warning), "%s", msg);
	routine(level, msg);
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
