/* pushjob.c — see pushjob.h. */
#include "pushjob.h"

#include <stdlib.h>
#include <string.h>

#include "chain.h"
#include "error.h"
#include "hub.h"
#include "i18n.h"
#include "ledger.h"
#include "push.h"
#include "store.h"
#include "strbuf.h"
#include "xmalloc.h"

/* The progress of the records sent, through the caller's bar (NULL: none). */
static void (*bar)(const char *what, int64_t done, int64_t total);

static void tick(int64_t done, int64_t total)
{
	bar(_("Pushing records to the hub"), done, total);
}

/*
 * The hub holds records 1..held of this station; does the source agree?
 * 0 when it does; otherwise a refusal naming the first record that differs.
 */
static int same_history(struct push_source *ps, struct hub *h, const struct push_info *info,
			const struct hub_head *head, int from_file)
{
	struct hub_event_info mine, theirs;
	int64_t upto = info->events < head->events ? info->events : head->events, first;
	char *here, *there;
	int r;

	if (push_source_event(ps, 1, &mine) < 0 || memcmp(mine.hash, head->first, 32)) {
		error(_("the station code %s is held at the hub by another ledger's history (its first record differs): two stations use one code, or this ledger was made anew. Nothing was pushed; ask the county"),
		      info->code);
		return EXIT_REFUSED;
	}
	r = push_source_first_difference(ps, h, info->code, upto, &first);
	if (r < 0)
		return EXIT_IO;
	if (r == 0) {
		if (info->events >= head->events)
			return 0;
		if (from_file)
			printf(_("The hub already holds this file's %lld records of station %s, and %lld more: nothing to push.\n"),
			       (long long)info->events, info->code, (long long)(head->events - info->events));
		else
			error(_("the hub holds %lld records of station %s but this ledger has only %lld, the same as far as they go: it is an older copy (restored from a backup?). Nothing was pushed; push from the station's current ledger"),
			      (long long)head->events, info->code, (long long)info->events);
		return from_file ? -1 : EXIT_REFUSED;
	}
	if (hub_event_at(h, info->code, first, &theirs) != HUB_OK)
		return EXIT_IO;
	push_source_event(ps, first, &mine);
	here = push_event_label(&mine);
	there = push_event_label(&theirs);
	error(_("the hub refused the push: station %s's history was rewritten after it was pushed, from record %lld on (here: %s; at the hub: %s). Nothing was pushed; restore the ledger from a backup or ask the county"),
	      info->code, (long long)first, here, there);
	free(here);
	free(there);
	return EXIT_REFUSED;
}

/*
 * Send records from..to, each held against its seal; 0, or the exit code
 * after saying why (the records that do not match their seals listed).
 */
static int send_events(struct push_source *ps, struct hub *h, const struct push_info *info, int64_t from,
		       int64_t to, void (*progress)(int64_t done, int64_t total))
{
	struct strbuf report = STRBUF_INIT;
	int broken = 0, r = push_source_send_events(ps, h, from, to, &report, &broken, progress);

	if (r == HUB_REFUSED && broken) {
		fputs(report.buf, stderr);
		error(_("%d record(s) of station %s do not match their seals (listed above): the ledger was changed behind jiedai's back. Nothing was pushed; run 'jiedai check'"),
		      broken, info->code);
	}
	strbuf_release(&report);
	return r == HUB_OK ? 0 : r == HUB_REFUSED ? EXIT_REFUSED : hub_exit_code(r);
}

int pushjob_run(struct jd *jd, const char *url, const char *from, FILE *out,
		void (*progress)(const char *what, int64_t done, int64_t total))
{
	char *where = NULL;
	struct push_source *ps = NULL;
	struct push_info info;
	struct hub *h = NULL;
	struct hub_head head;
	struct hub_push_stats stats;
	enum hub_why why;
	unsigned char xor[32];
	char anchor[CHAIN_ANCHOR_LEN];
	int r, ret = 0;

	bar = progress;
	where = hub_describe(url);

	r = from ? push_source_file(from, progress, &ps) : push_source_ledger(jd->store, &ps);
	if (r != STORE_OK) {
		ret = store_exit_code(r);
		goto out;
	}
	push_source_info(ps, &info);
	if (info.other) {
		error(_("%s does not belong to station %s: this ledger holds other stations' records (a county roll-up?); push each station's own ledger. Nothing was pushed"),
		      info.other, info.code);
		ret = EXIT_REFUSED;
		goto out;
	}
	r = hub_connect(url, 1, &h);
	if (r != HUB_OK) {
		ret = hub_exit_code(r);
		goto out;
	}
	{
		struct hub_station st = { info.code, info.name, info.masked, info.practice };

		r = hub_push_begin(h, &st, &head);
	}
	if (r != HUB_OK) {
		ret = hub_exit_code(r);
		goto out;
	}
	if (!from) {
		/*
		 * Read the ledger again now that the hub holds the station for
		 * this push: another push of the same ledger (and its record)
		 * may have finished while this one waited.
		 */
		push_source_free(ps);
		ps = NULL;
		if (push_source_ledger(jd->store, &ps) != STORE_OK) {
			hub_push_abort(h);
			ret = EXIT_IO;
			goto out;
		}
		push_source_info(ps, &info);
	}
	if (head.events) {
		ret = same_history(ps, h, &info, &head, from != NULL);
		if (ret) {
			hub_push_abort(h);
			if (ret < 0)
				ret = 0;
			goto out;
		}
	}
	if (info.events > head.events) {
		int64_t checked = info.events;

		/*
		 * Every record sent is held against its seal on the way; a
		 * broken one stops the push before it is recorded.
		 */
		r = send_events(ps, h, &info, head.events + 1, info.events, progress ? tick : NULL);
		if (r) {
			hub_push_abort(h);
			ret = r;
			goto out;
		}
		if (!from) {
			/* The push is recorded now, and goes with the records it sends. */
			struct ledger_step step = { .kind = STEP_PUSH };
			char *what = xasprintf(_("to the hub %s: records %lld to %lld (personal data %s)"), where,
					       (long long)head.events + 1, (long long)info.events + 1,
					       info.masked ? _("masked") : _("in full"));

			step.what = what;
			r = store_exit_code(ledger_apply(jd->store, &jd->me, &step, NULL));
			free(what);
			if (r) {
				hub_push_abort(h);
				ret = r;
				goto out;
			}
			push_source_free(ps);
			ps = NULL;
			if (push_source_ledger(jd->store, &ps) != STORE_OK) {
				hub_push_abort(h);
				ret = EXIT_IO;
				goto out;
			}
			push_source_info(ps, &info);
			r = send_events(ps, h, &info, checked + 1, info.events, NULL);
			if (r) {
				hub_push_abort(h);
				ret = r;
				goto out;
			}
		}
		r = push_source_send_rows(ps, h, head.events + 1, info.events, xor);
		if (r != HUB_OK) {
			hub_push_abort(h);
			ret = hub_exit_code(r);
			goto out;
		}
	} else if (push_source_rows_xor(ps, xor) != STORE_OK) {
		hub_push_abort(h);
		ret = EXIT_IO;
		goto out;
	}
	r = hub_push_commit(h, xor, info.events, info.head, from != NULL, &stats, &why);
	if (r != HUB_OK) {
		if (why == HUB_WHY_ROWS) {
			struct strbuf report = STRBUF_INIT;

			if (push_source_diff_rows(ps, h, head.events + 1, &report) > 0)
				fputs(report.buf, stderr);
			strbuf_release(&report);
		}
		ret = hub_exit_code(r);
		goto out;
	}
	chain_anchor(info.head, anchor);
	if (!stats.events)
		fprintf(out, _("Nothing new: the hub %s holds all %lld records of station %s (check code %s).\n"), where,
		       (long long)info.events, info.code, anchor);
	else
		fprintf(out, _("Pushed %lld records of station %s to the hub %s: %lld tickets new, %lld brought up to date. The hub holds all %lld records (check code %s).\n"),
		       (long long)stats.events, info.code, where, (long long)stats.tickets_new,
		       (long long)stats.tickets_updated, (long long)info.events, anchor);
	if (stats.unverified)
		fprintf(out, _("%lld of them carry voters' data masked: the hub keeps the station's seal for those, it cannot recompute it.\n"),
		       (long long)stats.unverified);
out:
	push_source_free(ps);
	hub_close(h);
	free(where);
	return ret;
}

int pushjob_after_close(struct jd *jd, FILE *out, void (*progress)(const char *what, int64_t done, int64_t total))
{
	char *url = store_setting(jd->store, "hub_url");
	int r = 0;

	if (*url) {
		if (!ledger_allowed(jd->store, &jd->me, STEP_PUSH))
			fprintf(out, _("The day's records were not pushed to the county's hub: a push is for staff and the head (jiedai push).\n"));
		else if ((r = pushjob_run(jd, url, NULL, out, progress)) != 0)
			fprintf(out, _("The reception day is closed all the same; push its records when the hub can be reached: jiedai push\n"));
	}
	free(url);
	return r;
}
