/*
 * cmd-check.c — `jiedai check [--anchor CODE]`: is the ledger what its
 * history says?  SQLite's own checks, gapless numbers, the hash chain, every
 * ticket, day, setting and login against its history, and the search index;
 * with --anchor, whether the ledger still holds the state a printed register
 * or day summary pinned.
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "box.h"
#include "error.h"
#include "i18n.h"
#include "paths.h"
#include "strbuf.h"
#include "textout.h"
#include "xmalloc.h"

/* path as a shell word: as it is when it needs no quotes, else in single quotes. */
static void shell_word(struct strbuf *sb, const char *path)
{
	if (strspn(path, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/._-+,:@") == strlen(path)) {
		strbuf_adds(sb, path);
		return;
	}
	strbuf_addch(sb, '\'');
	for (const char *p = path; *p; p++) {
		if (*p == '\'')
			strbuf_adds(sb, "'\\''");
		else
			strbuf_addch(sb, *p);
	}
	strbuf_addch(sb, '\'');
}

/*
 * The ledger file is damaged: what is, how much can still be read, and the
 * commands that make a new ledger of it (never a circle back to check).
 */
static int damaged(struct jd *jd, const struct check_result *res, struct strbuf *report)
{
	const char *path = store_path(jd->store);
	const char *sudo = store_is_shared(jd->store) ? "sudo " : "";
	struct strbuf old = STRBUF_INIT, fresh = STRBUF_INIT;
	char *dir = paths_dirname(path), *base, *dot;
	const char *slash = strrchr(path, '/');

	base = xstrdup(slash ? slash + 1 : path);
	dot = strrchr(base, '.');
	if (dot && dot != base)
		*dot = '\0';
	textout_puts(report->buf, stdout);
	if (res->damage.tickets_given >= 0)
		printf(_("Tickets: %lld of the %lld numbers given out can still be read.\n"),
		       (long long)res->damage.tickets_read, (long long)res->damage.tickets_given);
	else
		printf(_("Tickets: %lld can still be read.\n"), (long long)res->damage.tickets_read);
	printf(_("History: %lld records can still be read (the highest record read is number %lld).\n"),
	       (long long)res->damage.events_read, (long long)res->damage.events_last);
	shell_word(&old, path);
	{
		char *name = xasprintf("%s/%s-recovered.db", dir, base);

		shell_word(&fresh, name);
		free(name);
	}
	textout_printf(stdout, _("To recover what can still be read into a new ledger (the damaged file is only read, never changed):\n"
				 "  1. Let nobody use jiedai meanwhile.\n"
				 "  2. %sjiedai --db %s recover %s\n"
				 "  3. %sjiedai --db %s check\n"
				 "  4. Keep the damaged ledger aside, with its -wal and -shm files (mv %s %s.damaged, and so on),\n"
				 "     and give the new one its name (mv %s %s).\n"
				 "Or restore the latest good backup (README: Backups and checks).\n"),
		       sudo, fresh.buf, old.buf, sudo, fresh.buf, old.buf, old.buf, fresh.buf, old.buf);
	if (*sudo) {
		struct strbuf d = STRBUF_INIT;

		shell_word(&d, dir);
		textout_printf(stdout, _("On this shared box, then run: sudo jiedai init --shared %s (it gives the directory and files their owner, group and modes again)\n"),
			       d.buf);
		strbuf_release(&d);
	}
	error(_("the ledger file %s is damaged (above): its history cannot be checked until it is recovered or restored"),
	      path);
	strbuf_release(&old);
	strbuf_release(&fresh);
	free(dir);
	free(base);
	return EXIT_REFUSED;
}

int cmd_check(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "anchor", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct strbuf report = STRBUF_INIT;
	struct check_result res;
	const char *anchor = NULL;
	int c, r;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'a': anchor = optarg; break;
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	if (optind < argc)
		return cmd_usage_error(jd->cmd, _("unexpected argument '%s'"), argv[optind]);
	r = store_check(jd->store, anchor, &res, &report) == STORE_OK ? 0 : -1;
	/* On a shared box, also the box: the group, the directory and files, the program. */
	if (r == 0 && store_is_shared(jd->store))
		res.problems += box_check(jd->db_path, &report);
	if (r < 0) {
		strbuf_release(&report);
		return anchor && !res.anchor_given ? EXIT_USAGE : EXIT_IO;
	}
	if (res.damaged) {
		r = damaged(jd, &res, &report);
		strbuf_release(&report);
		return r;
	}
	r = 0;
	if (res.problems || report.len) {
		fputs(report.buf, stdout);
		if (res.problems)
			error(_("the ledger has %d problem(s); restore the last good backup (see README) or ask for help"),
			      res.problems);
		r = EXIT_REFUSED;
	}
	if (!res.problems)
		textout_printf(stdout, _("The ledger %s is sound.\n"), store_path(jd->store));
	textout_printf(stdout, _("Ledger check code %s (%lld records in its history)\n"), res.anchor, (long long)res.events);
	if (anchor) {
		if (res.anchor_found && !res.problems) {
			textout_printf(stdout, _("The check code %s is in this ledger's history (record %lld): the ledger still holds the state it was printed from.\n"),
			       anchor, (long long)res.anchor_event);
		} else {
			error(_("the check code %s is not in this ledger's sound history: the ledger was changed after it was printed, or it is another ledger"),
			      anchor);
			r = EXIT_REFUSED;
		}
	}
	strbuf_release(&report);
	return r;
}
