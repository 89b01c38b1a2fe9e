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
#include <sqlite3.h>

#include "identity.h"	/* struct identity: the person tests hand the gate */
#include "store.h"
#include "store-write.h"

/* The person acting in unit tests that change settings, days or logins. */
static const struct actor unit_actor __attribute__((unused)) = { "测试员", "tester", "" };

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

/*
 * A ticket written the way jiedai wrote them before the hash chain (schema 1
 * and 2): a voter, the row and its register event, in raw SQL on the
 * connection of a ledger opened with store_open_version(path, 1 or 2).
 * With answer, also a handover and an answer dated answer_date (the date
 * was not kept in the event then).  Returns the number (static buffer).
 */
static __attribute__((unused)) const char *unit_old_ticket(sqlite3 *db, int seq, const char *name,
							      const char *phone, const char *issue,
							      const char *answer_date)
{
	static char number[32];
	char sql[2048];
	char *err = NULL;

	snprintf(number, sizeof(number), "LJ-2026-%04d", seq);
	snprintf(sql, sizeof(sql),
		 "INSERT INTO voters(name, phone, created_at) VALUES('%s', '%s', '2026-03-10 09:30:00');"
		 "INSERT INTO counters(station, year, seq) VALUES('LJ', 2026, %d)"
		 " ON CONFLICT(station, year) DO UPDATE SET seq = excluded.seq;"
		 "INSERT INTO tickets(station, year, seq, number, check_code, voter_id, name, phone,"
		 " category, issue, deputy, created_at, updated_at) VALUES('LJ', 2026, %d, '%s', 'ACEFH',"
		 " last_insert_rowid(), '%s', '%s', '农业农村', '%s', '王芳', '2026-03-10 09:30:00',"
		 " '2026-03-10 09:30:00');"
		 "INSERT INTO events(ticket_id, at, kind, actor, login, status_to)"
		 " VALUES(last_insert_rowid(), '2026-03-10 09:30:00', 'register', '王芳', 'wangfang', 'registered');",
		 name, phone, seq, seq, number, name, phone, issue);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, &err), SQLITE_OK);
	if (answer_date) {
		snprintf(sql, sizeof(sql),
			 "UPDATE tickets SET status = 'answered', unit = '镇水利站', due_date = '2026-03-25',"
			 " answer_method = '电话', answer_date = '%s', answer_text = '已修好',"
			 " updated_at = '2026-03-12 10:00:00' WHERE number = '%s';"
			 "INSERT INTO events(ticket_id, at, kind, actor, login, status_from, status_to, unit, due_date)"
			 " SELECT id, '2026-03-11 10:00:00', 'handover', '赵敏', 'zhaomin', 'registered', 'assigned',"
			 " '镇水利站', '2026-03-25' FROM tickets WHERE number = '%s';"
			 "INSERT INTO events(ticket_id, at, kind, actor, login, status_from, status_to, method, text)"
			 " SELECT id, '2026-03-12 10:00:00', 'answer', '赵敏', 'zhaomin', 'assigned', 'answered',"
			 " '电话', '已修好' FROM tickets WHERE number = '%s';",
			 answer_date, number, number, number);
		assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, &err), SQLITE_OK);
	}
	return number;
}

#endif
