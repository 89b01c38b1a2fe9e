/* paths.c — see paths.h. */
#include "paths.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "i18n.h"
#include "priv.h"
#include "xmalloc.h"

#ifndef JIEDAI_DATADIR
#define JIEDAI_DATADIR "/usr/local/share"
#endif

char *paths_exe_dir(void)
{
	char buf[4096];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	char *slash;

	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	slash = strrchr(buf, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	return xstrdup(buf[0] ? buf : "/");
}

const char *paths_conf_file(void)
{
	const char *e = getenv("JIEDAI_CONF");

	return e && *e ? e : "/etc/jiedai.conf";
}

/*
 * Run set-ID, the program trusts the configuration only when the
 * administrator alone can change it: owned by root, written by no one else.
 */
static int conf_trusted(FILE *f)
{
	struct stat st;

	if (!priv_setid())
		return 1;
	if (fstat(fileno(f), &st) < 0 || st.st_uid != 0 || (st.st_mode & 022)) {
		warning(_("%s is ignored: it must belong to root and be writable by root alone"),
			paths_conf_file());
		return 0;
	}
	return 1;
}

char *paths_conf_get(const char *key)
{
	FILE *f = fopen(paths_conf_file(), "r");
	char line[1024];
	char *val = NULL;
	size_t klen = strlen(key);

	if (!f)
		return NULL;
	if (!conf_trusted(f)) {
		fclose(f);
		return NULL;
	}
	while (fgets(line, sizeof(line), f)) {
		char *p = line, *end;

		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '#' || strncmp(p, key, klen))
			continue;
		p += klen;
		if (*p != ' ' && *p != '\t' && *p != '=')
			continue;
		while (*p == ' ' || *p == '\t' || *p == '=')
			p++;
		end = p + strlen(p);
		while (end > p && (end[-1] == '\n' || end[-1] == '\r' || end[-1] == ' ' || end[-1] == '\t'))
			end--;
		free(val);
		val = xstrndup(p, (size_t)(end - p));
	}
	fclose(f);
	if (val && !*val) {
		free(val);
		val = NULL;
	}
	return val;
}

/* path with "//", "/./" and a trailing "/" taken out, to compare two spellings of one path. */
static char *normal(const char *path)
{
	char *out = xmalloc(strlen(path) + 1), *o = out;

	for (const char *p = path; *p; ) {
		if (p[0] == '/' && (p[1] == '/' || (p[1] == '.' && (p[2] == '/' || !p[2])))) {
			p += p[1] == '/' ? 1 : 2;
			continue;
		}
		*o++ = *p++;
	}
	while (o > out + 1 && o[-1] == '/')
		o--;
	*o = '\0';
	return out;
}

int paths_is_admin_ledger(const char *path)
{
	char *conf = paths_conf_get("db"), *a, *b;
	int same;

	if (!conf)
		return 0;
	a = normal(conf);
	b = normal(path);
	same = !strcmp(a, b) && path[0] == '/';
	free(a);
	free(b);
	free(conf);
	return same;
}

char *paths_db(const char *opt, const char **source)
{
	const char *e;
	char *c;
	const char *src;
	char *path;

	if (opt && *opt) {
		src = "--db";
		path = xstrdup(opt);
	} else if ((e = getenv("JIEDAI_DB")) && *e) {
		src = "JIEDAI_DB";
		path = xstrdup(e);
	} else if ((c = paths_conf_get("db"))) {
		src = paths_conf_file();
		path = c;
	} else {
		const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");

		src = "XDG";
		if (xdg && *xdg == '/') {
			path = xasprintf("%s/jiedai/jiedai.db", xdg);
		} else if (home && *home == '/') {
			path = xasprintf("%s/.local/share/jiedai/jiedai.db", home);
		} else {
			/* Not the current directory: a ledger must not appear wherever one happens to be. */
			error(_("there is no home directory (HOME is not set), so jiedai does not know where your ledger is; give it with --db PATH"));
			return NULL;
		}
	}
	if (source)
		*source = src;
	return path;
}

static int has_intake(const char *dir)
{
	char *p = xasprintf("%s/intake.form", dir);
	int ok = access(p, R_OK) == 0;

	free(p);
	return ok;
}

char *paths_forms_dir(const char *opt, const char *setting)
{
	const char *e = getenv("JIEDAI_FORMS");
	char *c, *exe;

	if (opt && *opt)
		return xstrdup(opt);
	if (e && *e)
		return xstrdup(e);
	if (setting && *setting)
		return xstrdup(setting);
	if ((c = paths_conf_get("forms")))
		return c;
	exe = paths_exe_dir();
	if (exe && priv_setid()) {
		/* Set-ID: the installed forms, never a source tree or a copy a person could have made (priv.h). */
		char *p = xasprintf("%s/../share/jiedai/forms", exe);
		char *real = priv_installed(p) ? realpath(p, NULL) : NULL;

		free(p);
		free(exe);
		return real ? real : xstrdup(JIEDAI_DATADIR "/jiedai/forms");
	}
	if (exe) {
		/*
		 * The build puts the program two levels below the source tree
		 * (build/rel); an installed program finds its forms beside it in
		 * PREFIX/share, wherever PREFIX ended up.
		 */
		static const char *const rel[] = { "../../forms", "../share/jiedai/forms" };

		for (size_t i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
			char *p = xasprintf("%s/%s", exe, rel[i]);

			if (has_intake(p)) {
				char *real = realpath(p, NULL);

				free(p);
				free(exe);
				return real ? real : xstrdup("forms");
			}
			free(p);
		}
		free(exe);
	}
	return xstrdup(JIEDAI_DATADIR "/jiedai/forms");
}

char *paths_calendar_file(const char *opt, const char *setting)
{
	char *dir = paths_forms_dir(opt, setting);
	char *path = xasprintf("%s/calendar.txt", dir);

	free(dir);
	if (access(path, F_OK) == 0)
		return path;
	free(path);
	dir = paths_forms_dir(NULL, NULL);
	path = xasprintf("%s/calendar.txt", dir);
	free(dir);
	return path;
}

char *paths_dirname(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

int paths_mkdir_p(const char *dir, unsigned mode)
{
	char *p = xstrdup(dir);
	int ret = 0;

	for (char *s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char save = *s;

			*s = '\0';
			if (mkdir(p, (mode_t)mode) < 0 && errno != EEXIST) {
				ret = error_errno(_("cannot create directory '%s'"), p);
				break;
			}
			*s = save;
			if (!save)
				break;
		}
	}
	free(p);
	return ret;
}

static int is_dir(const char *p)
{
	struct stat st;

	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* XDG_DOCUMENTS_DIR from user-dirs.dirs (as xdg-user-dir reads it), or NULL. */
static char *user_dirs_documents(const char *home)
{
	const char *cfg = getenv("XDG_CONFIG_HOME");
	char *file = cfg && *cfg == '/' ? xasprintf("%s/user-dirs.dirs", cfg)
					: xasprintf("%s/.config/user-dirs.dirs", home);
	FILE *f = fopen(file, "r");
	char line[4096], *dir = NULL;

	free(file);
	if (!f)
		return NULL;
	while (fgets(line, sizeof(line), f)) {
		static const char key[] = "XDG_DOCUMENTS_DIR=\"";
		char *v = line + strspn(line, " \t"), *end;

		if (strncmp(v, key, sizeof(key) - 1))
			continue;
		v += sizeof(key) - 1;
		end = strrchr(v, '"');
		if (!end)
			continue;
		*end = '\0';
		free(dir);
		/* "$HOME/文档" or an absolute path; anything else is not one. */
		if (!strncmp(v, "$HOME/", 6))
			dir = xasprintf("%s/%s", home, v + 6);
		else if (!strcmp(v, "$HOME"))
			dir = xstrdup(home);
		else
			dir = *v == '/' ? xstrdup(v) : NULL;
	}
	fclose(f);
	return dir;
}

char *paths_documents_dir(void)
{
	const char *home = getenv("HOME"), *env = getenv("XDG_DOCUMENTS_DIR");
	char *dir;

	if (!home || *home != '/') {
		error(_("there is no home directory (HOME is not set), so jiedai does not know where to save files"));
		return NULL;
	}
	dir = user_dirs_documents(home);
	if (!dir && env && *env == '/')
		dir = xstrdup(env);
	if (dir && is_dir(dir))
		return dir;
	free(dir);
	return xstrdup(home);
}
