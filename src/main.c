/*
 * main.c — locale, global options, and the command table.  Nothing else.
 */
#include <langinfo.h>
#include <getopt.h>
#include <locale.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

#include "clock.h"
#include "cmd.h"
#include "error.h"
#include "i18n.h"
#include "outfile.h"
#include "paths.h"
#include "priv.h"

#ifdef __SANITIZE_ADDRESS__
/*
 * Test builds only (make check builds with AddressSanitizer): LeakSanitizer
 * cannot work in a set-ID process, which the kernel makes undumpable, and
 * such a process cannot read its own environment to be told so.  The
 * shared-box tests run a set-group-ID copy of the program.
 */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return getauxval(AT_SECURE) ? "detect_leaks=0" : "";
}
#endif

/*
 * jiedai is Chinese text from end to end, so it needs a UTF-8 LC_CTYPE even
 * when the SSH session sets no locale: without one, wide characters are
 * swallowed by curses and wcwidth() gives nonsense.  C.UTF-8 is installed on
 * every Debian system.
 */
static void setup_locale(void)
{
	const char *cs;

	setlocale(LC_ALL, "");
	cs = nl_langinfo(CODESET);
	if (cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8")))
		return;
	if (setlocale(LC_CTYPE, "C.UTF-8") || setlocale(LC_CTYPE, "C.utf8") ||
	    setlocale(LC_CTYPE, "en_US.UTF-8"))
		return;
	fprintf(stderr, "jiedai: no UTF-8 locale is installed (C.UTF-8); install the package 'locales'\n");
	exit(EXIT_IO);
}

/*
 * Take the global options (--db, --forms, --as) out of argv wherever they
 * are, before "--".  Returns the new argc.
 */
static int take_globals(struct jd *jd, int argc, char **argv)
{
	static const struct { const char *name; size_t off; } opts[] = {
		{ "--db", offsetof(struct jd, db_opt) },
		{ "--forms", offsetof(struct jd, forms_opt) },
		{ "--as", offsetof(struct jd, as_opt) },
	};
	int out = 1;

	for (int i = 1; i < argc; i++) {
		int taken = 0;

		if (!strcmp(argv[i], "--")) {
			while (i < argc)
				argv[out++] = argv[i++];
			break;
		}
		for (size_t k = 0; k < sizeof(opts) / sizeof(opts[0]); k++) {
			size_t n = strlen(opts[k].name);
			const char **slot = (const char **)((char *)jd + opts[k].off);

			if (!strncmp(argv[i], opts[k].name, n) && argv[i][n] == '=') {
				*slot = argv[i] + n + 1;
				taken = 1;
			} else if (!strcmp(argv[i], opts[k].name)) {
				if (i + 1 >= argc) {
					error(_("option '%s' needs a value"), opts[k].name);
					exit(EXIT_USAGE);
				}
				*slot = argv[++i];
				taken = 1;
			}
		}
		if (!taken)
			argv[out++] = argv[i];
	}
	argv[out] = NULL;
	return out;
}

int main(int argc, char **argv)
{
	struct jd jd;
	const struct cmd *c;
	char *lang;
	int ret;

	memset(&jd, 0, sizeof(jd));
	/* Before anything reads a file or the environment: the person's own group from here on. */
	priv_init();
	opterr = 0;	/* commands name bad options themselves */
	setup_locale();
	lang = paths_conf_get("language");
	i18n_init(lang, NULL);
	free(lang);
	if (priv_now_ignored())
		warning(_("JIEDAI_NOW is ignored by the installed program: the clock is the system's"));
	if (clock_check_override() < 0)
		return EXIT_USAGE;

	argc = take_globals(&jd, argc, argv);
	if (argc < 2) {
		c = cmd_find("ui");
	} else if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		c = cmd_find("help");
	} else if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		c = cmd_find("version");
	} else {
		c = cmd_find(argv[1]);
		if (!c) {
			error(_("'%s' is not a jiedai command; see 'jiedai help'"), argv[1]);
			return EXIT_USAGE;
		}
		argc--;
		argv++;
	}
	/* `jiedai CMD --help` needs no ledger. */
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			printf("%s\n\n", _(c->summary));
			cmd_print_usage(c, stdout);
			return 0;
		}
	}
	/* `report --hub` and `register --hub` read the hub alone: no ledger is needed. */
	if (c->flags & CMD_HUB_ALONE)
		for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
			if (!strcmp(argv[i], "--hub") || !strncmp(argv[i], "--hub=", 6))
				jd.hub_alone = 1;
	ret = cmd_prepare(&jd, c);
	if (ret == 0)
		ret = c->fn(&jd, argc, argv);
	cmd_cleanup(&jd);
	/* Output that did not get out is never silent (commands that saved something say so first). */
	if (ret == 0 && outfile_stdout_flush() < 0)
		ret = EXIT_IO;
	return ret;
}
