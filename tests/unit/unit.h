/*
 * unit.h — shared set-up for the cmocka unit tests.  Each test program
 * links libcore.a only (no curses) and runs with a UTF-8 locale, a fixed
 * clock and a private temporary directory for any database it makes.
 */
#ifndef JIEDAI_UNIT_H
#define JIEDAI_UNIT_H

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "error.h"
#include "i18n.h"

static char unit_tmpdir[256];

/* Messages from the code under test: kept, so tests can look at them. */
static char unit_last_error[1024];

static void unit_error_routine(enum error_level level, const char *msg)
{
	(void)level;
	snprintf(unit_last_error, sizeof(unit_last_error), "%s", msg);
}

static void unit_cleanup_tmp(void)
{
	char cmd[300];

	if (unit_tmpdir[0]) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", unit_tmpdir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", unit_tmpdir);
	}
}

/* Call first in main(): English messages, UTF-8, fixed clock, a temp dir. */
static void unit_init(void)
{
	const char *tmp = getenv("TMPDIR");

	setenv("LANGUAGE", "en", 1);
	setenv("TZ", "Asia/Shanghai", 1);
	setenv("JIEDAI_NOW", "2026-03-10T09:30:00", 1);
	setenv("JIEDAI_CONF", "/nonexistent/jiedai.conf", 1);
	unsetenv("JIEDAI_ACTOR");
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_CTYPE, "C.UTF-8");
	i18n_init("en", "/nonexistent");
	error_set_routine(unit_error_routine);
	snprintf(unit_tmpdir, sizeof(unit_tmpdir), "%s/jiedai-unit.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(unit_tmpdir)) {
		perror("mkdtemp");
		exit(1);
	}
	atexit(unit_cleanup_tmp);
}

/* A fresh path in the temp dir (static buffer, copy it if you keep it). */
static __attribute__((unused)) const char *unit_path(const char *name)
{
	static char buf[512];
	static int n;

	snprintf(buf, sizeof(buf), "%s/%d-%s", unit_tmpdir, n++, name);
	return buf;
}

#endif
