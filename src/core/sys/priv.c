/* priv.c — see priv.h. */
/* setresgid() is a GNU (and BSD) call; it is the one that also sets the saved group. */
#define _GNU_SOURCE
#include "priv.h"

#include <ctype.h>
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "i18n.h"
#include "xmalloc.h"

static int setid;
static gid_t person_gid, ledger_gid;
static int dropped, now_ignored;

/* ---- the environment a set-ID jiedai keeps ---- */

static int all_of(const char *v, const char *chars, size_t max)
{
	size_t n = strlen(v);

	return n >= 1 && n <= max && strspn(v, chars) == n;
}

#define ALNUM "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

/* A terminal type: a plain name in the system's terminfo (xterm-256color, putty, screen.xterm). */
static int ok_term(const char *v)
{
	return all_of(v, ALNUM "._+-", 64) && isalnum((unsigned char)v[0]);
}

/* A locale name: zh_CN.UTF-8, C.UTF-8, en_US.utf8@euro, C, POSIX — never a path. */
static int ok_locale(const char *v)
{
	return all_of(v, ALNUM "._@-", 64) && isalnum((unsigned char)v[0]) && !strstr(v, "..");
}

/*
 * A time zone by name: Asia/Shanghai, :Asia/Shanghai, UTC, CST-8,
 * <+08>-8 — a name under the system's zoneinfo, never a file of the
 * person's (no leading '/', no "..").
 */
static int ok_tz(const char *v)
{
	if (*v == ':')
		v++;
	return all_of(v, ALNUM "._+-/<>,:", 64) && *v != '/' && !strstr(v, "..") && !strstr(v, "//");
}

/* A directory of the person's own: an absolute path, no control characters. */
static int ok_own_dir(const char *v)
{
	size_t n = strlen(v);

	if (v[0] != '/' || n > 4095)
		return 0;
	for (const unsigned char *p = (const unsigned char *)v; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

/* The real user's login name, and nothing else. */
static int ok_login(const char *v)
{
	struct passwd *pw = getpwuid(getuid());

	return pw && pw->pw_name && !strcmp(v, pw->pw_name);
}

/* "192.0.2.7 52114 192.0.2.1 22", IPv6 too; identity.c reads it through validate_ssh_address(). */
static int ok_ssh(const char *v)
{
	return all_of(v, ALNUM ".:% _-", 200);
}

static int ok_count(const char *v)
{
	return all_of(v, "0123456789", 4) && v[0] != '0';
}

/*
 * What a set-ID jiedai keeps, and why (README: the shared township box).
 * Everything else is cleared before anything reads the environment.
 */
static const struct kept {
	const char *name;
	int (*ok)(const char *value);
} kept[] = {
	{ "TERM", ok_term },		/* how to draw the screen (terminfo is the system's) */
	{ "COLUMNS", ok_count },	/* the terminal's size, for the screen and list */
	{ "LINES", ok_count },
	{ "LANG", ok_locale },		/* the character set (UTF-8) and the person's locale */
	{ "LC_ALL", ok_locale },
	{ "LC_CTYPE", ok_locale },
	{ "LC_MESSAGES", ok_locale },
	{ "LC_COLLATE", ok_locale },
	{ "LC_TIME", ok_locale },
	{ "LC_NUMERIC", ok_locale },
	{ "LC_MONETARY", ok_locale },
	{ "LC_PAPER", ok_locale },
	{ "LC_NAME", ok_locale },
	{ "LC_ADDRESS", ok_locale },
	{ "LC_TELEPHONE", ok_locale },
	{ "LC_MEASUREMENT", ok_locale },
	{ "LC_IDENTIFICATION", ok_locale },
	{ "LANGUAGE", NULL },		/* the language of messages: installed catalogues only (below) */
	{ "TZ", ok_tz },		/* the person's time zone, by name */
	{ "HOME", ok_own_dir },		/* the person's own files: a personal ledger, ~/.pgpass */
	{ "XDG_DATA_HOME", ok_own_dir },	/* where a personal ledger lives (paths.h) */
	{ "USER", ok_login },		/* for lp, which the receipt printer may be */
	{ "LOGNAME", ok_login },
	{ "SSH_CONNECTION", ok_ssh },	/* the client's address, recorded with each step */
	{ "SSH_CLIENT", ok_ssh },
};

/* LANGUAGE is a list (zh_CN:en): the items that are plain locale names, or NULL when none is. */
static char *clean_language(const char *v)
{
	char *copy = xstrdup(v), *save = NULL, *out = xcalloc(1, strlen(v) + 1);

	if (strlen(v) <= 256) {
		for (char *item = strtok_r(copy, ":", &save); item; item = strtok_r(NULL, ":", &save)) {
			if (!ok_locale(item))
				continue;
			if (*out)
				strcat(out, ":");
			strcat(out, item);
		}
	}
	free(copy);
	if (!*out) {
		free(out);
		return NULL;
	}
	return out;
}

/*
 * Clear the environment but for kept[], each value checked.  The values
 * are copied first: clearenv() may free what getenv() lent.
 */
void priv_clear_environment(void)
{
	enum { N = sizeof(kept) / sizeof(kept[0]) };
	char *val[N];

	for (size_t i = 0; i < N; i++) {
		const char *v = getenv(kept[i].name);

		val[i] = v ? xstrdup(v) : NULL;
	}
	if (clearenv() != 0) {
		fprintf(stderr, "jiedai: cannot clear the environment\n");
		exit(3);
	}
	/* The only program jiedai runs is lp (a CUPS receipt printer), from the system's directories. */
	setenv("PATH", "/usr/bin:/bin", 1);
	for (size_t i = 0; i < N; i++) {
		char *v = val[i];

		if (!v)
			continue;
		if (!kept[i].ok) {
			char *clean = clean_language(v);

			if (clean)
				setenv(kept[i].name, clean, 1);
			free(clean);
		} else if (kept[i].ok(v)) {
			setenv(kept[i].name, v, 1);
		}
		free(v);
	}
}

void priv_init(void)
{
	setid = getauxval(AT_SECURE) != 0;
	person_gid = getgid();
	ledger_gid = getegid();
	if (ledger_gid != person_gid && setegid(person_gid) < 0) {
		fprintf(stderr, "jiedai: cannot lower the group: %m\n");
		exit(3);
	}
	if (!setid)
		return;
	now_ignored = getenv("JIEDAI_NOW") != NULL;
	priv_clear_environment();
}

/* ---- the installed files ---- */

/* See priv.h.  Each of path and the directories above it, from the real path (links resolved). */
int priv_installed(const char *path)
{
	char *real = realpath(path, NULL);
	int ok = 1;

	if (!real)
		return 0;
	for (;;) {
		struct stat st;

		if (stat(real[0] ? real : "/", &st) < 0 || st.st_uid != 0 ||
		    ((st.st_mode & S_IWGRP) && st.st_gid != 0 && !(st.st_mode & S_ISVTX)) ||
		    ((st.st_mode & S_IWOTH) && !(S_ISDIR(st.st_mode) && (st.st_mode & S_ISVTX)))) {
			ok = 0;
			break;
		}
		if (!real[0])
			break;
		*strrchr(real, '/') = '\0';
	}
	free(real);
	return ok;
}

int priv_setid(void)
{
	return setid;
}

int priv_now_ignored(void)
{
	return now_ignored;
}

void priv_raise(void)
{
	if (!dropped && ledger_gid != person_gid && setegid(ledger_gid) < 0)
		die("setegid: %s", strerror(errno));
}

void priv_lower(void)
{
	if (!dropped && ledger_gid != person_gid && setegid(person_gid) < 0)
		die("setegid: %s", strerror(errno));
}

void priv_drop(void)
{
	if (dropped)
		return;
	if (setresgid(person_gid, person_gid, person_gid) < 0)
		die("setresgid: %s", strerror(errno));
	dropped = 1;
}
