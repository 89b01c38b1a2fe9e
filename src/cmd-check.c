/*
 * cmd-check.c — `jiedai check [--anchor CODE] [--hub [URL]]`: is the ledger
 * what its history says?  SQLite's own checks, gapless numbers, the hash
 * chain, every ticket, day, setting and login against its history, the
 * search index, and every step against the rights its person had when it
 * was taken; with --anchor, whether the ledger still holds the state a
 * printed register or day summary pinned; with --hub, whether its history
 * is still the one the county's hub holds (the hub as the chain's
 * witness: a history rewritten with every seal recomputed, or cut short,
 * no longer matches the copy pushed).
 */
#include "cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "box.h"
#include "chain.h"
#include "error.h"
#include "hub.h"
#include "i18n.h"
#include "paths.h"
#include "push.h"
#include "strbuf.h"
#include "textout.h"
#include "u8.h"
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

/* Add a line to the report, cleaned of what a terminal must not get. */
static void say(struct strbuf *report, char *line)
{
	char *clean = u8_sanitize(line, 0);

	strbuf_adds(report, clean);
	strbuf_addch(report, '\n');
	free(clean);
	free(line);
}

/*
 * The ledger's history against the hub's copy of it, up to the hub's
 * newest record: problems go to report (the first record that differs;
 * records the hub holds that the ledger no longer has).  Returns the
 * number of problems, or -1 with *exit_code set after a message.
 */
static int witness(struct jd *jd, const char *url, struct strbuf *report, struct strbuf *note, int *exit_code)
{
	struct push_source *ps = NULL;
	struct push_info info;
	struct hub_head head;
	struct hub *h = NULL;
	char *where = hub_describe(url);
	int64_t upto, first;
	int r, n = -1;

	*exit_code = EXIT_IO;
	if (push_source_ledger(jd->store, &ps) != STORE_OK)
		goto out;
	push_source_info(ps, &info);
	r = hub_connect(url, 1, &h);
	if (r != HUB_OK) {
		*exit_code = hub_exit_code(r);
		goto out;
	}
	r = hub_held(h, info.code, &head);
	if (r == HUB_REFUSED) {
		error(_("the hub %s holds no records of station %s that this login may see: the station has not pushed yet, or the code is bound to another login"),
		      where, info.code);
		*exit_code = EXIT_REFUSED;
		goto out;
	}
	if (r != HUB_OK) {
		*exit_code = hub_exit_code(r);
		goto out;
	}
	n = 0;
	if (!head.events) {
		strbuf_addf(note, _("The hub %s holds no records of station %s yet: nothing to compare (push first).\n"),
			    where, info.code);
		goto out;
	}
	upto = info.events < head.events ? info.events : head.events;
	r = push_source_first_difference(ps, h, info.code, upto, &first);
	if (r < 0) {
		n = -1;
		goto out;
	}
	if (r > 0) {
		struct hub_event_info mine, theirs;
		char *here, *there;

		if (hub_event_at(h, info.code, first, &theirs) != HUB_OK) {
			n = -1;
			goto out;
		}
		push_source_event(ps, first, &mine);
		here = push_event_label(&mine);
		there = push_event_label(&theirs);
		say(report, xasprintf(_("hub: the history differs from the copy at the hub %s from record %lld on (here: %s; at the hub: %s): the ledger's history was rewritten after it was pushed"),
				      where, (long long)first, here, there));
		free(here);
		free(there);
		n++;
	}
	if (info.events < head.events) {
		struct hub_event_info theirs;
		char *there;

		if (hub_event_at(h, info.code, info.events + 1, &theirs) != HUB_OK) {
			n = -1;
			goto out;
		}
		there = push_event_label(&theirs);
		say(report, xasprintf(_("hub: the hub %s holds records %lld to %lld of station %s, which the ledger no longer has (the first: %s): they were removed from the ledger, or it is an older copy"),
				      where, (long long)info.events + 1, (long long)head.events, info.code, there));
		free(there);
		n++;
	}
	if (!n) {
		char anchor[CHAIN_ANCHOR_LEN];

		chain_anchor(head.hash, anchor);
		strbuf_addf(note, _("The history agrees with the hub %s's copy, seal for seal, up to record %lld (check code %s).\n"),
			    where, (long long)head.events, anchor);
		if (info.events > head.events)
			strbuf_addf(note, _("Records %lld to %lld are not at the hub yet: push them (jiedai push).\n"),
				    (long long)head.events + 1, (long long)info.events);
	}
out:
	if (n >= 0)
		*exit_code = 0;
	else if (*exit_code == EXIT_IO)
		error(_("the ledger could not be compared with the hub's copy"));
	push_source_free(ps);
	hub_close(h);
	free(where);
	return n;
}

int cmd_check(struct jd *jd, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "anchor", required_argument, NULL, 'a' },
		{ "hub", optional_argument, NULL, 'H' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct strbuf report = STRBUF_INIT, note = STRBUF_INIT;
	struct check_result res;
	const char *anchor = NULL;
	char *hub_url = NULL;
	int c, r, use_hub = 0, hub_exit = 0;

	optind = 0;
	while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
		switch (c) {
		case 'a': anchor = optarg; break;
		case 'H':
			use_hub = 1;
			free(hub_url);
			hub_url = optarg ? xstrdup(optarg) : NULL;
			break;
		case 'h': cmd_print_usage(jd->cmd, stdout); return 0;
		default: return cmd_bad_option(jd->cmd, c, argv);
		}
	}
	/* --hub URL as two words: the address is the word after it. */
	if (use_hub && !hub_url && optind < argc && argv[optind][0] != '-')
		hub_url = xstrdup(argv[optind++]);
	if (optind < argc) {
		free(hub_url);
		return cmd_usage_error(jd->cmd, _("unexpected argument '%s'"), argv[optind]);
	}
	if (use_hub && !hub_url) {
		hub_url = store_setting(jd->store, "hub_url");
		if (!*hub_url) {
			free(hub_url);
			return cmd_usage_error(jd->cmd, _("no hub: give its address (jiedai check --hub postgres://HOST/DATABASE), or ask the administrator to set hub_url"));
		}
	}
	r = store_check(jd->store, anchor, &res, &report) == STORE_OK ? 0 : -1;
	/* Every step against the rights its person had then (a damaged file: see below). */
	if (r == 0 && !res.damaged) {
		int named = ledger_check_rights(jd->store, &report);

		if (named < 0)
			r = -1;
		else
			res.problems += named;
	}
	/* On a shared box, also the box: the group, the directory and files, the program. */
	if (r == 0 && store_is_shared(jd->store))
		res.problems += box_check(jd->db_path, &report);
	if (r < 0) {
		strbuf_release(&report);
		free(hub_url);
		return anchor && !res.anchor_given ? EXIT_USAGE : EXIT_IO;
	}
	if (res.damaged) {
		r = damaged(jd, &res, &report);
		strbuf_release(&report);
		strbuf_release(&note);
		free(hub_url);
		return r;
	}
	if (use_hub) {
		int k = witness(jd, hub_url, &report, &note, &hub_exit);

		if (k > 0)
			res.problems += k;
	}
	free(hub_url);
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
	textout_puts(note.buf, stdout);
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
	strbuf_release(&note);
	/* The hub could not be asked: the ledger's own check stands, the witness is missing. */
	if (!r && hub_exit)
		r = hub_exit;
	return r;
}
