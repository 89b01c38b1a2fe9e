/* i18n.c — see i18n.h. */
#include "i18n.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "paths.h"
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

	if (!localedir) {
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

const char *i18n_pgettext(const char *with_ctx, const char *plain)
{
	const char *t = gettext(with_ctx);

	return t == with_ctx ? plain : t;
}

const char *i18n_cgettext(const char *with_ctx)
{
	const char *t = gettext(with_ctx);
	const char *sep;

	if (t != with_ctx)
		return t;
	sep = strchr(with_ctx, '\004');
	return sep ? sep + 1 : with_ctx;
}
