/* i18n.c — see i18n.h. */
#include "i18n.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fmtcheck.h"
#include "paths.h"
#include "priv.h"
#include "xmalloc.h"

static char *user_language;	/* LANGUAGE as the user set it, or NULL */
static int chinese = 1;

static int dir_has_catalogue(const char *dir)
{
	char *p = xasprintf("%s/zh_CN/LC_MESSAGES/jiedai.mo", dir);
	int ok = access(p, R_OK) == 0;

	free(p);
	return ok;
}

/*
 * The catalogues installed beside the program (PREFIX/share/locale) or at
 * the PREFIX it was built for, when only root can change them; else a
 * directory that does not exist (the messages are then the English msgids).
 */
static char *installed_localedir(void)
{
	char *exe = paths_exe_dir();
	char *dirs[2] = { exe ? xasprintf("%s/../share/locale", exe) : NULL, xasprintf("%s/locale", JIEDAI_DATADIR) };
	char *found = NULL;

	for (int i = 0; i < 2; i++) {
		char *mo = dirs[i] ? xasprintf("%s/zh_CN/LC_MESSAGES/jiedai.mo", dirs[i]) : NULL;

		if (!found && mo && priv_installed(mo))
			found = realpath(dirs[i], NULL);
		free(mo);
		free(dirs[i]);
	}
	free(exe);
	return found ? found : xstrdup("/nonexistent/jiedai-locale");
}

void i18n_init(const char *lang, const char *localedir)
{
	const char *cur = setlocale(LC_MESSAGES, NULL);
	const char *env = getenv("LANGUAGE");
	char *found = NULL;

	/* gettext translates nothing in the "C" locale, whatever LANGUAGE says. */
	if (!cur || !strcmp(cur, "C") || !strcmp(cur, "POSIX"))
		setlocale(LC_MESSAGES, "C.UTF-8");
	if (env && *env && !user_language)
		user_language = xstrdup(env);

	if (!localedir && priv_setid()) {
		/* Set-ID: the installed catalogue only, whatever the environment says (priv.h). */
		found = installed_localedir();
		localedir = found;
	} else if (!localedir) {
		const char *e = getenv("JIEDAI_LOCALEDIR");
		char *exe = paths_exe_dir();

		if (e && *e) {
			found = xstrdup(e);
		} else if (exe) {
			/* The build tree (build/rel/locale), or PREFIX/share/locale beside an installed program. */
			static const char *const rel[] = { "locale", "../share/locale" };

			for (size_t i = 0; !found && i < sizeof(rel) / sizeof(rel[0]); i++) {
				char *p = xasprintf("%s/%s", exe, rel[i]);

				if (dir_has_catalogue(p))
					found = p;
				else
					free(p);
			}
		}
		if (!found)
			found = xasprintf("%s/locale", JIEDAI_DATADIR);
		free(exe);
		localedir = found;
	}
	bindtextdomain("jiedai", localedir);
	bind_textdomain_codeset("jiedai", "UTF-8");
	textdomain("jiedai");
	free(found);
	i18n_set_language(lang);
}

void i18n_set_language(const char *lang)
{
	const char *use = user_language ? user_language : (lang && *lang ? lang : "zh_CN");

	setenv("LANGUAGE", use, 1);
	chinese = !strncmp(use, "zh", 2);
	/* Make gettext drop what it cached for the previous language. */
	textdomain("jiedai");
}

int i18n_is_chinese(void)
{
	return chinese;
}

const char *i18n_gettext(const char *msgid)
{
	const char *t = gettext(msgid);

	return t != msgid && fmt_same(msgid, t) ? t : msgid;
}

const char *i18n_ngettext(const char *one, const char *many, unsigned long n)
{
	const char *t = ngettext(one, many, n);

	if (t == one || t == many)
		return t;
	/* A language's forms may follow either English one (Chinese has one form for every n). */
	if (fmt_same(many, t) || fmt_same(one, t))
		return t;
	return n == 1 ? one : many;
}

const char *i18n_pgettext(const char *with_ctx, const char *plain)
{
	const char *t = gettext(with_ctx);

	return t != with_ctx && fmt_same(plain, t) ? t : plain;
}

const char *i18n_cgettext(const char *with_ctx)
{
	const char *sep = strchr(with_ctx, '\004');
	const char *plain = sep ? sep + 1 : with_ctx;

	return i18n_pgettext(with_ctx, plain);
}
