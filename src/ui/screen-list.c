/*
 * screen-list.c — lists of tickets: waiting for sign-off (the 销号 queue),
 * overdue, being handled, and the whole ledger; a search line that filters
 * as you type; filters by category and reception day; three sort orders.
 *
 * The result is read a window at a time, by keyset pagination on the
 * list's order (after the row at the edge), so scrolling a million tickets
 * costs the same as scrolling ten and a Down reads one row:
 *  - when SQLite walks an index in the list's order (ledger order, newest
 *    first, and the search index, which walks its tickets by id), only the
 *    rows on the screen are in memory; moving past the last of them reads
 *    the next row after it.  The window knows when it holds the first or the
 *    last row of the result, so a Down at the end reads nothing.
 *  - when SQLite must sort the result to give it in order (by deadline,
 *    with search words or on a tab no index orders), every read costs the
 *    whole result, so it is read once: the places (id and deadline) of up
 *    to KEYS_MAX rows, ahead of and around the screen, and each row shown
 *    is read by its id.  Only past those rows is the result read again,
 *    after the last of them.
 *
 * Typing in the search line only echoes the character: the rows follow
 * once the keyboard has been quiet for a pause, and the counts of the four
 * tabs after them (ui_idle_after), each read giving way to the next key.
 * The pause is twice what the last search's rows took to read, at least
 * PAUSE_MIN_MS and at most PAUSE_MAX_MS: rows read in 3 ms follow typing
 * after 10 ms, rows that take 60 ms or more after 120 ms, so a key that
 * comes while rows are read (which stops the read, to be done again) wastes
 * at most a third of the time.  The counts of all four tabs are one walk
 * over the matching tickets, once per query, which a key does not waste: it
 * stops the walk where it is and the next pause goes on from there.  The
 * walk stops for good after COUNT_BUDGET_MS in all or when every count is
 * past COUNT_CAP ("1000+", "37+").  The counts depend on the words,
 * category and day, not on the tab.
 */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "error.h"
#include "i18n.h"
#include "jd.h"
#include "lineedit.h"
#include "priv.h"
#include "receipt.h"
#include "store.h"
#include "strbuf.h"
#include "u8.h"
#include "xmalloc.h"

struct lrow {
	int64_t id;
	char *number, *name, *category, *issue, *created, *due, *rating, *method, *answered;
	enum ticket_status status;
	int overdue;
};

struct list_screen {
	int tab;
	struct lineedit search;
	char *category;
	char day[CLOCK_DATE_LEN];
	/* A reception day chosen from the list (any station's): its id and label. */
	int64_t day_id;
	char day_label[160];
	enum ticket_order order;
	struct lrow *rows;
	int n, sel, vis;
	/*
	 * The window of the result (see the top of the file).  Walked: rows is
	 * the window, at_start and at_end say it holds the result's first and
	 * last row.  Sorted: keys[0..nkeys) are places of the result in order,
	 * rows[0] is keys[top], keys_first and keys_last say the keys hold the
	 * result's first and last row.
	 */
	int sorted;
	int at_start, at_end;
	struct ticket_key *keys;
	int nkeys, top, keys_first, keys_last;
	int64_t tab_counts[TAB_COUNT];
	int counted[TAB_COUNT];		/* the count is whole, not cut by its budget */
	int stale_rows;			/* the search changed: the rows are for the old words */
	int stale_counts;		/* the counts are for old words, category, day or ledger */
	/* The counts' walk (store_ticket_tally): for which query, and the time it took so far. */
	struct ticket_tally tally;
	char *tally_query;
	double tally_ms;
	/* What reading the last search's rows took (ms): the pause before the next one. */
	double search_ms;
	/*
	 * Rows that arrived above the window while it kept its place (a live
	 * update): seen_id is the newest ticket the window has shown, newer
	 * how many rows above the window are newer than that (up to NEWER_CAP).
	 */
	int64_t seen_id;
	int newer;
	/* Tickets of the 销号 queue marked to be signed off together (by id). */
	int64_t *marked;
	char **marked_no;	/* their numbers as listed, to name one that cannot be read */
	size_t nmarked;
};

#define NEWER_CAP 99

#define COUNT_CAP 1000
#define COUNT_BUDGET_MS 30
#define PAUSE_MIN_MS 10
#define PAUSE_MAX_MS 120
/* The places of a sorted result held at once (16 bytes each and the deadline). */
#define KEYS_MAX 1000

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/*
 * The pause in typing before the rows follow: twice what the last search's
 * rows took, between PAUSE_MIN_MS and PAUSE_MAX_MS (the top of the file),
 * or JIEDAI_IDLE_MS (for tests).
 */
static int search_pause_ms(const struct list_screen *ls)
{
	static int fixed = -2;
	double ms;

	if (fixed == -2) {
		const char *e = getenv("JIEDAI_IDLE_MS");

		fixed = e && *e >= '0' && *e <= '9' ? atoi(e) : -1;
	}
	if (fixed >= 0)
		return fixed;
	ms = 2 * ls->search_ms;
	return ms < PAUSE_MIN_MS ? PAUSE_MIN_MS : ms > PAUSE_MAX_MS ? PAUSE_MAX_MS : (int)ms;
}

/*
 * JIEDAI_COST_LOG=FILE, for tests and benchmarks (ignored when the program
 * runs set-ID): after every key, idle read and reload of this screen, a line
 * of what the ledger's statements cost since the line before (store_cost):
 *
 *   key=KEY_DOWN statements=1 steps=57 fullscan=0 sorts=0 pages=9 misses=0 sql_us=80 cpu_us=310
 *
 * cpu_us is the process's processor time since the line before, so a key's
 * paint shows in the line after it.  Off, the screen costs nothing more.
 */
static struct {
	int state;		/* 0: not looked at yet, 1: logging, -1: off */
	FILE *f;
	struct store_cost last;
	double cpu_us;
} cost;

static double cpu_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static void cost_start(struct ui *ui)
{
	const char *path;

	if (cost.state)
		return;
	cost.state = -1;
	path = priv_setid() ? NULL : getenv("JIEDAI_COST_LOG");
	if (!path || !*path || !(cost.f = fopen(path, "a")))
		return;
	setvbuf(cost.f, NULL, _IOLBF, 0);
	store_cost_watch(ui_jd(ui)->store, 1);
	store_cost_get(ui_jd(ui)->store, &cost.last);
	cost.cpu_us = cpu_us();
	cost.state = 1;
}

static void cost_note(struct ui *ui, const char *what, const char *name)
{
	struct store_cost c;
	double t;

	if (cost.state <= 0)
		return;
	store_cost_get(ui_jd(ui)->store, &c);
	t = cpu_us();
	fprintf(cost.f, "%s=%s statements=%lld steps=%lld fullscan=%lld sorts=%lld pages=%lld misses=%lld"
		" sql_us=%lld cpu_us=%.0f\n", what, name,
		(long long)(c.statements - cost.last.statements), (long long)(c.vm_steps - cost.last.vm_steps),
		(long long)(c.fullscan_steps - cost.last.fullscan_steps), (long long)(c.sorts - cost.last.sorts),
		(long long)(c.pages - cost.last.pages), (long long)(c.misses - cost.last.misses),
		(long long)((c.ns - cost.last.ns) / 1000), t - cost.cpu_us);
	cost.last = c;
	cost.cpu_us = t;
}

static void cost_key(struct ui *ui, struct uikey k)
{
	char name[16];

	if (cost.state <= 0)
		return;
	if (k.fn)
		snprintf(name, sizeof(name), "%s", keyname(k.fn) ? keyname(k.fn) : "?");
	else if (k.ch > ' ' && k.ch < 127)
		snprintf(name, sizeof(name), "%c", (int)k.ch);
	else if (k.ch < ' ' || k.ch == 127)
		snprintf(name, sizeof(name), "%s", keyname((int)k.ch) ? keyname((int)k.ch) : "?");
	else
		snprintf(name, sizeof(name), "%s", k.ch == ' ' ? "space" : "char");
	cost_note(ui, "key", name);
}

/* A count for people: "1000+" when counting stopped at the cap or ran out of time. */
static void count_text(char *buf, size_t n, int64_t c, int whole)
{
	if (!whole && !c)
		snprintf(buf, n, "…");
	else
		snprintf(buf, n, !whole ? "%lld+" : "%lld", (long long)c);
}

static const char *const tab_names[TAB_COUNT] = {
	N_("Sign-off queue"), N_("Overdue"), N_("Being handled"), N_("All"),
};

static void row_release(struct lrow *r)
{
	free(r->number); free(r->name); free(r->category); free(r->issue);
	free(r->created); free(r->due); free(r->rating); free(r->method); free(r->answered);
	memset(r, 0, sizeof(*r));
}

static void rows_clear(struct list_screen *ls)
{
	for (int i = 0; i < ls->n; i++)
		row_release(&ls->rows[i]);
	ls->n = 0;
}

static int visible(void)
{
	int v = LINES - 6;

	return v < 1 ? 1 : v;
}

static void base_filter(const struct list_screen *ls, struct ticket_filter *f, char *search)
{
	memset(f, 0, sizeof(*f));
	f->status = -1;
	switch (ls->tab) {
	case TAB_READY: f->status = TS_READY; break;
	case TAB_OVERDUE: f->overdue = 1; break;
	case TAB_OPEN: f->open_only = 1; break;
	default: break;
	}
	f->order = ls->order;
	f->category = ls->category;
	f->day = ls->day[0] ? ls->day : NULL;
	f->day_id = ls->day_id;
	f->text = search && *search ? search : NULL;
}

struct collect {
	struct lrow *rows;
	int n;
};

static int collect_row(const struct ticket *t, void *arg)
{
	struct collect *c = arg;
	struct lrow *r;

	c->rows = xreallocarray(c->rows, (size_t)c->n + 1, sizeof(*c->rows));
	r = &c->rows[c->n++];
	r->id = t->id;
	r->number = xstrdup(t->number);
	r->name = xstrdup(t->name);
	r->category = xstrdup(t->category);
	r->issue = u8_sanitize(t->issue, 0);
	r->created = xstrdup(t->created_at);
	r->due = xstrdup0(t->due_date);
	r->rating = xstrdup(t->rating);
	r->method = xstrdup(t->answer_method);
	r->answered = xstrdup(t->answer_date ? t->answer_date : "");
	r->status = t->status;
	r->overdue = t->overdue;
	return 0;
}

static void rows_free(struct lrow *rows, int n)
{
	for (int i = 0; i < n; i++)
		row_release(&rows[i]);
	free(rows);
}

/* Reverse n things of size sz in place. */
static void reverse_in_place(void *v, int n, size_t sz)
{
	unsigned char *a = v, tmp[sizeof(struct lrow) > sizeof(struct ticket_key) ? sizeof(struct lrow)
										     : sizeof(struct ticket_key)];

	for (int i = 0; i < n / 2; i++) {
		memcpy(tmp, a + (size_t)i * sz, sz);
		memcpy(a + (size_t)i * sz, a + (size_t)(n - 1 - i) * sz, sz);
		memcpy(a + (size_t)(n - 1 - i) * sz, tmp, sz);
	}
}

/*
 * Fetch up to limit rows after (or, reversed, before) row `from` (NULL: from
 * the start or the end), in display order.  Returns them in *out.  When the
 * read gave way to a key (idle work), returns -1 and *out is NULL.
 */
static int fetch(struct ui *ui, struct list_screen *ls, const struct lrow *from, int inclusive,
		 int reverse, int limit, struct lrow **out)
{
	struct ticket_filter f;
	struct collect c = { NULL, 0 };
	char *search = lineedit_get(&ls->search);
	int r;

	base_filter(ls, &f, search);
	if (from) {
		f.after_id = from->id;
		f.after_key = from->due ? from->due : "";
		f.inclusive = inclusive;
	}
	f.reverse = reverse;
	f.limit = limit;
	r = store_ticket_list(ui_jd(ui)->store, &f, collect_row, &c);
	free(search);
	if (r == STORE_INTERRUPTED) {
		rows_free(c.rows, c.n);
		*out = NULL;
		return -1;
	}
	if (reverse)
		reverse_in_place(c.rows, c.n, sizeof(*c.rows));
	*out = c.rows;
	return c.n;
}

/* The rows of n places of a sorted result, by id, in that order.  -1: a key came first. */
static int fetch_keys_rows(struct ui *ui, const struct ticket_key *keys, int n, struct lrow **out)
{
	struct ticket_filter f = TICKET_FILTER_INIT;
	struct collect c = { NULL, 0 };
	int64_t *ids = xcalloc((size_t)(n > 0 ? n : 1), sizeof(*ids));
	int r;

	for (int i = 0; i < n; i++)
		ids[i] = keys[i].id;
	f.ids = ids;
	f.nids = n;
	r = n > 0 ? store_ticket_list(ui_jd(ui)->store, &f, collect_row, &c) : STORE_OK;
	free(ids);
	if (r == STORE_INTERRUPTED) {
		rows_free(c.rows, c.n);
		*out = NULL;
		return -1;
	}
	*out = c.rows;
	return c.n;
}

/*
 * Read up to max places after (or, reversed, before) place `from` (NULL:
 * from the start or the end) into out, in display order; *n of them.
 * Returns -1 when a key came first.
 */
static int read_keys(struct ui *ui, struct list_screen *ls, const struct ticket_key *from, int inclusive,
		     int reverse, int max, struct ticket_key *out, int *n)
{
	struct ticket_filter f;
	char *search = lineedit_get(&ls->search);
	int r;

	base_filter(ls, &f, search);
	if (from) {
		f.after_id = from->id;
		f.after_key = from->due;
		f.inclusive = inclusive;
	}
	f.reverse = reverse;
	r = store_ticket_keys(ui_jd(ui)->store, &f, out, max, n);
	free(search);
	if (r == STORE_INTERRUPTED)
		return -1;
	if (r != STORE_OK)
		*n = 0;
	if (reverse)
		reverse_in_place(out, *n, sizeof(*out));
	return 0;
}

static void set_rows(struct list_screen *ls, struct lrow *rows, int n)
{
	rows_clear(ls);
	free(ls->rows);
	ls->rows = rows;
	ls->n = n;
	if (ls->sel >= n)
		ls->sel = n ? n - 1 : 0;
}

static void tally_reset(struct list_screen *ls)
{
	memset(&ls->tally, 0, sizeof(ls->tally));
	free(ls->tally_query);
	ls->tally_query = NULL;
	ls->tally_ms = 0;
}

/* What the counts depend on: the words, category and day. */
static char *tally_query(const struct list_screen *ls)
{
	char *search = lineedit_get(&ls->search);
	char *q = xasprintf("%s\x1f%s\x1f%s\x1f%lld", search, ls->category ? ls->category : "", ls->day,
			    (long long)ls->day_id);

	free(search);
	return q;
}

/*
 * Count every tab (idle work): one walk over the matching tickets
 * (store_ticket_tally), once per query.  Returns -1 when a key came first:
 * the walk stays where it was and goes on at the next pause.
 */
static int count_all(struct ui *ui, struct list_screen *ls)
{
	struct jd *jd = ui_jd(ui);
	char *search = lineedit_get(&ls->search), *q = tally_query(ls);
	struct ticket_filter f;
	double t0 = now_ms(), left;
	int tab = ls->tab, r, whole;

	if (!ls->tally_query || strcmp(q, ls->tally_query)) {
		tally_reset(ls);
		ls->tally_query = q;
	} else {
		free(q);
	}
	ls->tab = TAB_ALL;
	base_filter(ls, &f, search);
	ls->tab = tab;
	left = COUNT_BUDGET_MS - ls->tally_ms;
	r = store_ticket_tally(jd->store, &f, COUNT_CAP, left < 1 ? 1 : (int)left, &ls->tally);
	ls->tally_ms += now_ms() - t0;
	free(search);
	if (r == STORE_INTERRUPTED)
		return -1;
	/* Stopped by its budget, or done: what it counted is what the tabs show. */
	whole = ls->tally.done && !ls->tally.capped;
	ls->tab_counts[TAB_READY] = ls->tally.ready;
	ls->tab_counts[TAB_OVERDUE] = ls->tally.overdue;
	ls->tab_counts[TAB_OPEN] = ls->tally.open;
	ls->tab_counts[TAB_ALL] = ls->tally.all;
	for (int i = 0; i < TAB_COUNT; i++)
		ls->counted[i] = whole;
	ls->stale_counts = 0;
	return 0;
}

/* The counts are for something else now: count again once the keyboard is quiet. */
static void recount(struct ui *ui, struct list_screen *ls)
{
	ls->stale_counts = 1;
	if (!ls->stale_rows)
		ui_idle_after(ui, 0);
}

/* The ledger changed: the counts of the same words are counted again. */
static void recount_changed(struct ui *ui, struct list_screen *ls)
{
	tally_reset(ls);
	recount(ui, ls);
}

struct count_newer {
	int64_t seen_id;
	int n;
};

static int count_newer_row(const struct ticket *t, void *arg)
{
	struct count_newer *c = arg;

	if (t->id > c->seen_id)
		c->n++;
	return 0;
}

/* Remember the newest ticket the window shows. */
static void note_seen(struct list_screen *ls)
{
	for (int i = 0; i < ls->n; i++)
		if (ls->rows[i].id > ls->seen_id)
			ls->seen_id = ls->rows[i].id;
}

/*
 * Note what the window shows, then count the rows above it that it has
 * never shown: new tickets that a reload kept out of sight.
 */
static void update_newer(struct ui *ui, struct list_screen *ls)
{
	struct ticket_filter f;
	struct count_newer c;
	char *search;

	note_seen(ls);
	ls->newer = 0;
	if (!ls->n)
		return;
	search = lineedit_get(&ls->search);
	base_filter(ls, &f, search);
	f.after_id = ls->rows[0].id;
	f.after_key = ls->rows[0].due ? ls->rows[0].due : "";
	f.reverse = 1;
	f.limit = NEWER_CAP + 1;
	c.seen_id = ls->seen_id;
	c.n = 0;
	store_ticket_list(ui_jd(ui)->store, &f, count_newer_row, &c);
	ls->newer = c.n;
	free(search);
}

/* Does this query's order cost SQLite a sort of the whole result?  (Then the window holds places.) */
static void note_plan(struct ui *ui, struct list_screen *ls)
{
	struct ticket_filter f;
	char *search = lineedit_get(&ls->search);

	base_filter(ls, &f, search);
	ls->sorted = store_ticket_sorts(ui_jd(ui)->store, &f) > 0;
	free(search);
	if (ls->sorted && !ls->keys)
		ls->keys = xcalloc(KEYS_MAX, sizeof(*ls->keys));
	ls->nkeys = ls->top = 0;
	ls->keys_first = ls->keys_last = 0;
}

/*
 * Sorted: hold the places from keys[from] on, and read more after the last
 * of them, up to KEYS_MAX in all.  -1 when a key came first (nothing changed).
 */
static int keys_extend_down(struct ui *ui, struct list_screen *ls, int from)
{
	int kept = ls->nkeys - from, got = 0;
	struct ticket_key last;

	if (!ls->nkeys)
		return 0;
	last = ls->keys[ls->nkeys - 1];
	memmove(ls->keys, ls->keys + from, (size_t)kept * sizeof(*ls->keys));
	ls->nkeys = kept;
	ls->top -= from;
	if (from > 0)
		ls->keys_first = 0;
	if (read_keys(ui, ls, &last, 0, 0, KEYS_MAX - kept, ls->keys + kept, &got) < 0)
		return -1;
	ls->nkeys += got;
	ls->keys_last = got < KEYS_MAX - kept;
	return 0;
}

/*
 * Sorted: hold keys[0..upto) and read more before the first of them, up to
 * KEYS_MAX in all.  -1 when a key came first.
 */
static int keys_extend_up(struct ui *ui, struct list_screen *ls, int upto)
{
	struct ticket_key *before;
	int got = 0, room = KEYS_MAX - upto;

	if (!ls->nkeys)
		return 0;
	if (upto < ls->nkeys)
		ls->keys_last = 0;
	ls->nkeys = upto;
	before = xcalloc((size_t)(room > 0 ? room : 1), sizeof(*before));
	if (read_keys(ui, ls, &ls->keys[0], 0, 1, room, before, &got) < 0) {
		free(before);
		return -1;
	}
	memmove(ls->keys + got, ls->keys, (size_t)ls->nkeys * sizeof(*ls->keys));
	memcpy(ls->keys, before, (size_t)got * sizeof(*before));
	free(before);
	ls->nkeys += got;
	ls->top += got;
	ls->keys_first = got < room;
	return 0;
}

/* Sorted: show the rows of keys[top..top+vis).  -1 when a key came first. */
static int show_keys(struct ui *ui, struct list_screen *ls, int top)
{
	struct lrow *rows;
	int n = ls->nkeys - top < ls->vis ? ls->nkeys - top : ls->vis;

	n = fetch_keys_rows(ui, ls->keys + top, n < 0 ? 0 : n, &rows);
	if (n < 0)
		return -1;
	ls->top = top;
	set_rows(ls, rows, n);
	return 0;
}

/* The first page.  Returns -1 when a key came first (idle work): nothing changed. */
static int load_page(struct ui *ui, struct list_screen *ls)
{
	struct lrow *rows;
	int n;

	ls->vis = visible();
	note_plan(ui, ls);
	if (ls->sorted) {
		if (read_keys(ui, ls, NULL, 0, 0, KEYS_MAX, ls->keys, &ls->nkeys) < 0)
			return -1;
		ls->keys_first = 1;
		ls->keys_last = ls->nkeys < KEYS_MAX;
		if (show_keys(ui, ls, 0) < 0)
			return -1;
	} else {
		n = fetch(ui, ls, NULL, 0, 0, ls->vis, &rows);
		if (n < 0)
			return -1;
		set_rows(ls, rows, n);
		ls->at_start = 1;
		ls->at_end = n < ls->vis;
	}
	ls->sel = 0;
	ls->stale_rows = 0;
	/* At the top nothing is hidden above: what is shown now is what was seen. */
	ls->seen_id = 0;
	ls->newer = 0;
	note_seen(ls);
	return 0;
}

/* The first page of a search: what it took sets the pause before the next. */
static int load_search(struct ui *ui, struct list_screen *ls)
{
	double t0 = now_ms();

	if (load_page(ui, ls) < 0)
		return -1;
	ls->search_ms = now_ms() - t0;
	return 0;
}

/* Back to the first page of the tab (another tab, order or filter). */
static void load_top(struct ui *ui, struct list_screen *ls)
{
	load_page(ui, ls);
	if (ls->stale_counts)
		ui_idle_after(ui, 0);
}

/* The words, category or day changed: a new page now, new counts after it. */
static void refilter(struct ui *ui, struct list_screen *ls)
{
	load_search(ui, ls);
	recount(ui, ls);
}

/* A key in the search line: echo it now, search when the typing pauses. */
static void search_edited(struct ui *ui, struct list_screen *ls)
{
	ls->stale_rows = 1;
	ls->stale_counts = 1;
	ui_idle_after(ui, search_pause_ms(ls));
}

/* Before a key that acts on the rows: the rows must be those of the words in the box. */
static void rows_current(struct ui *ui, struct list_screen *ls)
{
	if (ls->stale_rows) {
		load_search(ui, ls);
		if (ls->stale_counts)
			ui_idle_after(ui, 0);
	}
}

static int list_idle_do(struct ui *ui, void *st)
{
	struct list_screen *ls = st;

	if (ls->stale_rows) {
		if (load_search(ui, ls) < 0) {
			ui_idle_after(ui, search_pause_ms(ls));
			return R_NONE;
		}
		/* The rows first, on the screen at once; the counts at the next turn. */
		if (ls->stale_counts)
			ui_idle_after(ui, 0);
		return R_REDRAW;
	}
	if (ls->stale_counts) {
		if (count_all(ui, ls) < 0) {
			ui_idle_after(ui, search_pause_ms(ls));
			return R_NONE;
		}
		return R_REDRAW;
	}
	return R_NONE;
}

static int list_idle(struct ui *ui, void *st)
{
	int r = list_idle_do(ui, st);

	cost_note(ui, "idle", r & R_REDRAW ? "done" : "stopped");
	return r;
}

/* Sorted: reload keeping the place, from the first row shown. */
static int reload_sorted(struct ui *ui, struct list_screen *ls)
{
	struct ticket_key first = ls->keys[ls->top];

	ls->nkeys = ls->top = 0;
	if (read_keys(ui, ls, &first, 1, 0, KEYS_MAX, ls->keys, &ls->nkeys) < 0)
		return -1;
	ls->keys_first = 0;
	ls->keys_last = ls->nkeys < KEYS_MAX;
	if (ls->nkeys < ls->vis) {
		/* Near the end: fill the screen from above. */
		if (read_keys(ui, ls, NULL, 0, 1, KEYS_MAX, ls->keys, &ls->nkeys) < 0)
			return -1;
		ls->keys_last = 1;
		ls->keys_first = ls->nkeys < KEYS_MAX;
		return show_keys(ui, ls, ls->nkeys > ls->vis ? ls->nkeys - ls->vis : 0);
	}
	return show_keys(ui, ls, 0);
}

/* Reload keeping the place: from the first row shown, inclusive. */
static void list_reload_do(struct ui *ui, void *st)
{
	struct list_screen *ls = st;
	int64_t sel_id = ls->n ? ls->rows[ls->sel].id : 0;
	struct lrow *rows, first;
	int n;

	if (!ls->n) {
		load_page(ui, ls);
		recount_changed(ui, ls);
		return;
	}
	ls->vis = visible();
	if (ls->sorted && ls->nkeys) {
		if (reload_sorted(ui, ls) < 0)
			return;
	} else {
		memset(&first, 0, sizeof(first));
		first.id = ls->rows[0].id;
		first.due = xstrdup0(ls->rows[0].due);
		n = fetch(ui, ls, &first, 1, 0, ls->vis, &rows);
		free(first.due);
		ls->at_start = 0;
		ls->at_end = n >= 0 && n < ls->vis;
		if (n >= 0 && n < ls->vis) {
			/* Near the end: fill the screen from above. */
			struct lrow *before;

			rows_free(rows, n);
			n = fetch(ui, ls, NULL, 0, 1, ls->vis, &before);
			rows = before;
			ls->at_start = n >= 0 && n < ls->vis;
		}
		if (n < 0)
			return;
		set_rows(ls, rows, n);
	}
	ls->stale_rows = 0;
	ls->sel = 0;
	for (int i = 0; i < ls->n; i++)
		if (ls->rows[i].id == sel_id)
			ls->sel = i;
	update_newer(ui, ls);
	recount_changed(ui, ls);
}

static void list_reload(struct ui *ui, void *st)
{
	list_reload_do(ui, st);
	cost_note(ui, "reload", "all");
}

/* Put row r below the window's last (dropping its first when full), or above its first. */
static void push_row(struct list_screen *ls, struct lrow r, int below)
{
	if (ls->n >= ls->vis) {
		if (below) {
			row_release(&ls->rows[0]);
			memmove(ls->rows, ls->rows + 1, (size_t)(ls->n - 1) * sizeof(*ls->rows));
			ls->at_start = 0;
			ls->top++;
		} else {
			row_release(&ls->rows[ls->n - 1]);
			ls->at_end = 0;
		}
		ls->n--;
	}
	ls->rows = xreallocarray(ls->rows, (size_t)ls->n + 1, sizeof(*ls->rows));
	if (below) {
		ls->rows[ls->n++] = r;
	} else {
		memmove(ls->rows + 1, ls->rows, (size_t)ls->n * sizeof(*ls->rows));
		ls->rows[0] = r;
		ls->n++;
		ls->top--;
	}
}

/*
 * The row after the window's last (below) or before its first, in one read
 * of one row: by its place when sorted, by keyset when walked.  Returns 1
 * with *r, 0 when there is none.
 */
static int next_row(struct ui *ui, struct list_screen *ls, int below, struct lrow *r)
{
	struct lrow *more = NULL;
	int got;

	if (ls->sorted) {
		int want = below ? ls->top + ls->n : ls->top - 1;

		if (below && want >= ls->nkeys) {
			if (ls->keys_last || keys_extend_down(ui, ls, ls->top) < 0)
				return 0;
			want = ls->top + ls->n;
			if (want >= ls->nkeys)
				return 0;
		}
		if (!below && want < 0) {
			if (ls->keys_first || keys_extend_up(ui, ls, ls->top + ls->n) < 0)
				return 0;
			want = ls->top - 1;
			if (want < 0)
				return 0;
		}
		got = fetch_keys_rows(ui, &ls->keys[want], 1, &more);
	} else {
		if (below ? ls->at_end : ls->at_start)
			return 0;
		got = fetch(ui, ls, below ? &ls->rows[ls->n - 1] : &ls->rows[0], 0, !below, 1, &more);
		if (got == 0) {
			if (below)
				ls->at_end = 1;
			else
				ls->at_start = 1;
		}
	}
	if (got <= 0) {
		free(more);
		return 0;
	}
	*r = more[0];
	free(more);
	return 1;
}

/* Scroll by one row; the window keeps its size. */
static void step_down(struct ui *ui, struct list_screen *ls)
{
	struct lrow r;

	if (ls->sel + 1 < ls->n) {
		ls->sel++;
		return;
	}
	if (!ls->n || !next_row(ui, ls, 1, &r))
		return;
	push_row(ls, r, 1);
	ls->sel = ls->n - 1;
}

static void step_up(struct ui *ui, struct list_screen *ls)
{
	struct lrow r;

	if (ls->sel > 0) {
		ls->sel--;
		return;
	}
	if (!ls->n || !next_row(ui, ls, 0, &r))
		return;
	push_row(ls, r, 0);
	ls->sel = 0;
}

/* Sorted: a page down or up through the places. */
static void page_sorted(struct ui *ui, struct list_screen *ls, int down)
{
	int top;

	if (down) {
		if (ls->top + ls->n + ls->vis > ls->nkeys && !ls->keys_last &&
		    keys_extend_down(ui, ls, ls->top) < 0)
			return;
		top = ls->top + ls->n;
		if (top + ls->vis > ls->nkeys)
			top = ls->nkeys - ls->vis > ls->top ? ls->nkeys - ls->vis : ls->top;
	} else {
		if (ls->top - ls->vis < 0 && !ls->keys_first && keys_extend_up(ui, ls, ls->top + ls->n) < 0)
			return;
		top = ls->top - ls->vis > 0 ? ls->top - ls->vis : 0;
	}
	if (top == ls->top) {
		ls->sel = down ? ls->n - 1 : 0;
		return;
	}
	{
		int full = down ? top == ls->top + ls->n : top == ls->top - ls->vis;

		if (show_keys(ui, ls, top) < 0)
			return;
		if (!full)
			ls->sel = down ? ls->n - 1 : 0;
	}
}

static void page(struct ui *ui, struct list_screen *ls, int down)
{
	struct lrow *more;
	int got;

	if (!ls->n)
		return;
	if (ls->sorted) {
		page_sorted(ui, ls, down);
		return;
	}
	if (down ? ls->at_end : ls->at_start) {
		ls->sel = down ? ls->n - 1 : 0;
		return;
	}
	got = fetch(ui, ls, down ? &ls->rows[ls->n - 1] : &ls->rows[0], 0, !down, ls->vis, &more);
	if (got >= 0 && got < ls->vis) {
		if (down)
			ls->at_end = 1;
		else
			ls->at_start = 1;
	}
	if (got <= 0) {
		ls->sel = down ? ls->n - 1 : 0;
		free(more);
		return;
	}
	if (down)
		ls->at_start = 0;
	else
		ls->at_end = 0;
	if (got < ls->vis) {
		/* Fewer than a page left: keep part of the old window. */
		int keep = ls->n + got > ls->vis ? ls->vis - got : ls->n;
		struct lrow *rows = xcalloc((size_t)(keep + got), sizeof(*rows));

		if (down) {
			for (int i = 0; i < ls->n - keep; i++)
				row_release(&ls->rows[i]);
			memcpy(rows, ls->rows + ls->n - keep, (size_t)keep * sizeof(*rows));
			memcpy(rows + keep, more, (size_t)got * sizeof(*rows));
		} else {
			for (int i = keep; i < ls->n; i++)
				row_release(&ls->rows[i]);
			memcpy(rows, more, (size_t)got * sizeof(*rows));
			memcpy(rows + got, ls->rows, (size_t)keep * sizeof(*rows));
		}
		free(ls->rows);
		free(more);
		ls->rows = rows;
		ls->n = keep + got;
		ls->sel = down ? ls->n - 1 : 0;
		return;
	}
	set_rows(ls, more, got);
}

static void go_end(struct ui *ui, struct list_screen *ls)
{
	struct lrow *rows;
	int n;

	if (ls->sorted) {
		if (read_keys(ui, ls, NULL, 0, 1, KEYS_MAX, ls->keys, &ls->nkeys) < 0)
			return;
		ls->keys_last = 1;
		ls->keys_first = ls->nkeys < KEYS_MAX;
		if (show_keys(ui, ls, ls->nkeys > ls->vis ? ls->nkeys - ls->vis : 0) < 0)
			return;
		ls->sel = ls->n ? ls->n - 1 : 0;
		return;
	}
	n = fetch(ui, ls, NULL, 0, 1, ls->vis, &rows);
	if (n < 0)
		return;
	set_rows(ls, rows, n);
	ls->at_end = 1;
	ls->at_start = n < ls->vis;
	ls->sel = n ? n - 1 : 0;
}

/*
 * After a move: new rows above that have come into view are no longer news.
 * Moving down shows no row from above: what is news stays news, and is
 * counted again only when a row newer than any seen came in at the bottom.
 */
static void moved(struct ui *ui, struct list_screen *ls, int down)
{
	int64_t seen = ls->seen_id;

	if (!ls->newer) {
		note_seen(ls);
		return;
	}
	note_seen(ls);
	if (!down || ls->seen_id != seen)
		update_newer(ui, ls);
}

static const char *order_label(enum ticket_order o)
{
	switch (o) {
	case ORDER_NEWEST: return _("newest first");
	case ORDER_DUE: return _("by deadline");
	default: return _("by number");
	}
}

/*
 * The status and overdue columns are as wide as their words in the language
 * shown (Registered, OVERDUE), never narrower than the Chinese ones; a
 * longer status ends in "…" rather than squeeze the issue out.
 */
static int status_cols(void)
{
	int w = u8_width(C_("field", "Status"));

	for (int i = 0; i < TS_COUNT; i++)
		if (u8_width(ticket_status_label((enum ticket_status)i)) > w)
			w = u8_width(ticket_status_label((enum ticket_status)i));
	return w < 8 ? 8 : w > 10 ? 10 : w;
}

static int overdue_cols(void)
{
	int w = u8_width(_("OVERDUE"));

	return w < 4 ? 4 : w > 8 ? 8 : w;
}

static int is_marked(const struct list_screen *ls, int64_t id)
{
	for (size_t i = 0; i < ls->nmarked; i++)
		if (ls->marked[i] == id)
			return 1;
	return 0;
}

static void toggle_mark(struct list_screen *ls, const struct lrow *r)
{
	for (size_t i = 0; i < ls->nmarked; i++)
		if (ls->marked[i] == r->id) {
			free(ls->marked_no[i]);
			ls->nmarked--;
			ls->marked[i] = ls->marked[ls->nmarked];
			ls->marked_no[i] = ls->marked_no[ls->nmarked];
			return;
		}
	ls->marked = xreallocarray(ls->marked, ls->nmarked + 1, sizeof(*ls->marked));
	ls->marked_no = xreallocarray(ls->marked_no, ls->nmarked + 1, sizeof(*ls->marked_no));
	ls->marked[ls->nmarked] = r->id;
	ls->marked_no[ls->nmarked] = xstrdup(r->number);
	ls->nmarked++;
}

static void clear_marks(struct list_screen *ls)
{
	for (size_t i = 0; i < ls->nmarked; i++)
		free(ls->marked_no[i]);
	free(ls->marked);
	free(ls->marked_no);
	ls->marked = NULL;
	ls->marked_no = NULL;
	ls->nmarked = 0;
}

/*
 * A row of the 销号 queue: what the head decides on — the rating, how and
 * when the voter was answered — with "*" before a row marked to be signed
 * off with the others.
 */
/* A row of the sign-off queue; returns the bytes of its head (mark and number). */
static size_t ready_row(struct strbuf *sb, const struct lrow *r, int marked, int issue_w)
{
	size_t head;

	strbuf_adds(sb, marked ? "*" : " ");
	u8_fit(sb, r->number, 13, 1); strbuf_addch(sb, ' ');
	head = sb->len;
	u8_fit(sb, r->rating, 8, 1); strbuf_addch(sb, ' ');
	u8_fit(sb, r->method, 8, 1); strbuf_addch(sb, ' ');
	u8_fit(sb, *r->answered ? r->answered + 5 : "", 5, 0); strbuf_addch(sb, ' ');
	u8_fit(sb, r->name, 8, 1); strbuf_addch(sb, ' ');
	u8_fit(sb, r->category, 8, 1); strbuf_addch(sb, ' ');
	u8_fit(sb, r->issue, issue_w, 1);
	return head;
}

static void list_draw(struct ui *ui, void *st)
{
	struct list_screen *ls = st;
	char buf[256];
	int x = 1, y, cr, cc;
	int status_w = status_cols(), over_w = overdue_cols();
	int issue_w = COLS - (13 + 1 + status_w + 1 + over_w + 1 + 5 + 1 + 8 + 1 + 8 + 1) - 1;

	if (ls->vis != visible())
		list_reload(ui, ls);
	ui_titlebar(_("Ledger"), NULL);
	for (int i = 0; i < TAB_COUNT; i++) {
		char num[24];

		count_text(num, sizeof(num), ls->tab_counts[i], ls->counted[i]);
		snprintf(buf, sizeof(buf), " %s %s ", _(tab_names[i]), num);
		ui_puts(1, x, i == ls->tab ? UA_FOCUS : A_NORMAL_, buf);
		x += u8_width(buf) + 1;
	}
	ui_puts(2, 1, A_NORMAL_, _("Search:"));
	{
		int sx = 1 + u8_width(_("Search:")) + 2;
		char *row = lineedit_row(&ls->search, 0, NULL);

		ui_puts(2, sx - 1, UA_LABEL, "[");
		ui_put(2, sx, ls->search.width, A_NORMAL_, row);
		ui_puts(2, sx + ls->search.width, UA_LABEL, "]");
		free(row);
		lineedit_cursor(&ls->search, &cr, &cc);
		ui_cursor(2, sx + cc);
		snprintf(buf, sizeof(buf), _("Category: %s  Day: %s  Sort: %s"),
			 ls->category ? ls->category : _("all"),
			 ls->day_id ? ls->day_label : ls->day[0] ? ls->day : _("all"),
			 order_label(ls->order));
		ui_put(2, sx + ls->search.width + 2, COLS - (sx + ls->search.width + 3), UA_DIM, buf);
	}
	{
		struct strbuf h = STRBUF_INIT;
		char *sign = NULL;
		int sw = 0;

		/* New rows above the kept place: said at the right of the heading until they are shown. */
		if (ls->newer > NEWER_CAP)
			sign = xasprintf(_("↑ more than %d new"), NEWER_CAP);
		else if (ls->newer)
			sign = xasprintf(Q_("↑ %d new ticket", "↑ %d new tickets", ls->newer), ls->newer);
		if (sign)
			sw = u8_width(sign) + 1;
		if (ls->tab == TAB_READY) {
			strbuf_addch(&h, ' ');
			u8_fit(&h, C_("field", "Number"), 13, 0); strbuf_addch(&h, ' ');
			u8_fit(&h, _("Rating"), 8, 0); strbuf_addch(&h, ' ');
			u8_fit(&h, _("Answered by"), 8, 0); strbuf_addch(&h, ' ');
			u8_fit(&h, _("Date"), 5, 0); strbuf_addch(&h, ' ');
		} else {
			u8_fit(&h, C_("field", "Number"), 13, 0); strbuf_addch(&h, ' ');
			u8_fit(&h, C_("field", "Status"), status_w, 0); strbuf_addch(&h, ' ');
			u8_fit(&h, "", over_w, 0); strbuf_addch(&h, ' ');
			u8_fit(&h, _("Date"), 5, 0); strbuf_addch(&h, ' ');
		}
		u8_fit(&h, C_("field", "Name"), 8, 0); strbuf_addch(&h, ' ');
		u8_fit(&h, C_("field", "Category"), 8, 0); strbuf_addch(&h, ' ');
		strbuf_adds(&h, C_("field", "Issue"));
		ui_put(3, 1, COLS - 2 - sw, UA_LABEL, h.buf);
		if (sign)
			ui_put(3, COLS - sw, sw - 1, UA_WARN, sign);
		strbuf_release(&h);
		free(sign);
	}
	/*
	 * The selected row shows its number (and mark) in reverse video, the
	 * rest as any row: moving the selection rewrites those few cells of two
	 * rows, not both rows whole (what a slow link pays for every Up and
	 * Down), and an overdue row keeps its colour when selected.
	 */
	y = 4;
	for (int i = 0; i < ls->n && y < LINES - 2; i++, y++) {
		const struct lrow *r = &ls->rows[i];
		struct strbuf sb = STRBUF_INIT;
		enum ui_attr a = A_NORMAL_;
		size_t head;

		if (ls->tab == TAB_READY) {
			head = ready_row(&sb, r, is_marked(ls, r->id),
					 COLS - (1 + 13 + 1 + 8 + 1 + 8 + 1 + 5 + 1 + 8 + 1 + 8 + 1) - 1);
		} else {
			u8_fit(&sb, r->number, 13, 1); strbuf_addch(&sb, ' ');
			head = sb.len;
			u8_fit(&sb, ticket_status_label(r->status), status_w, 1); strbuf_addch(&sb, ' ');
			u8_fit(&sb, r->overdue ? _("OVERDUE") : "", over_w, 1); strbuf_addch(&sb, ' ');
			u8_fit(&sb, r->created + 5, 5, 0); strbuf_addch(&sb, ' ');
			u8_fit(&sb, r->name, 8, 1); strbuf_addch(&sb, ' ');
			u8_fit(&sb, r->category, 8, 1); strbuf_addch(&sb, ' ');
			u8_fit(&sb, r->issue, issue_w, 1);
			if (r->overdue)
				a = UA_WARN;
		}
		ui_put(y, 1, COLS - 2, a, sb.buf);
		if (i == ls->sel && head <= sb.len) {
			char *h = xstrndup(sb.buf, head);

			ui_put(y, 1, u8_width(h), UA_FOCUS, h);
			free(h);
		}
		strbuf_release(&sb);
	}
	if (!ls->n)
		ui_puts(5, 4, UA_DIM, _("(no tickets)"));
	{
		char num[24];

		count_text(num, sizeof(num), ls->tab_counts[ls->tab], ls->counted[ls->tab]);
		snprintf(buf, sizeof(buf), _("%s tickets. Type to search; Enter opens; Left and Right switch lists; a scanned receipt opens its ticket."),
			 num);
	}
	if (ls->tab == TAB_READY && ls->nmarked)
		snprintf(buf, sizeof(buf), Q_("%zu marked. F2 signs off the marked item after one confirmation.",
					      "%zu marked. F2 signs off the marked items after one confirmation.",
					      ls->nmarked), ls->nmarked);
	else if (ls->tab == TAB_READY)
		snprintf(buf, sizeof(buf), "%s", _("F6 marks items to sign off together; F2 signs off the marked ones (or the one selected)."));
	ui_statusline(ui, buf);
	if (ls->tab == TAB_READY) {
		const char *items[] = { "Enter", _("Open"), "F6/^X", _("Mark"), "F2/^S", C_("action", "Sign off"),
					"F4/^D", _("Day"), "Esc", _("Back"), NULL };

		ui_keybar(items);
	} else {
		const char *items[] = { "Enter", _("Open"), "F3/^T", _("Category"), "F4/^D", _("Day"),
					"F5/^R", _("Sort"), "Esc", _("Back"), NULL };

		ui_keybar(items);
	}
}

/*
 * The ticket with this id (numbered number) was not signed off: add it to
 * the list of those, short enough that the status line shows them all —
 * "NUMBER (now: STATE)" when its state does not allow it (changed in
 * another session), else "NUMBER: why".
 */
static void add_refusal(struct ui *ui, struct strbuf *sb, int64_t id, const char *number)
{
	char *why = xstrdup(error_last());
	struct ticket t;
	const char *no;

	if (sb->len)
		strbuf_adds(sb, i18n_is_chinese() ? "、" : ", ");
	if (store_ticket_get_id(ui_jd(ui)->store, id, &t) == STORE_OK) {
		if (ticket_step_check(t.status, TA_SIGNOFF, &no) < 0) {
			strbuf_adds(sb, t.number);
			strbuf_addf(sb, _(" (now: %s)"), ticket_status_label(t.status));
			ticket_release(&t);
			free(why);
			return;
		}
		ticket_release(&t);
	}
	if (strstr(why, number))
		strbuf_adds(sb, why);
	else
		strbuf_addf(sb, _("%s: %s"), number, why);
	free(why);
}

/*
 * Sign off the marked items (or the selected one) after one confirmation.
 * They go by id: each is read again first, and the confirmation names every
 * one — with its state when that no longer lets it be signed off (another
 * session voided it, say), and as unreadable when it could not be read,
 * which is then left alone.  Each of the others is its own step through the
 * gate, so one that cannot be signed off is named with the reason while the
 * others are done.
 */
static void sign_off_marked(struct ui *ui, struct list_screen *ls)
{
	struct jd *jd = ui_jd(ui);
	const struct form_spec *form = forms_get(&jd->forms, "signoff");
	const char *sep = i18n_is_chinese() ? "、" : ", ";
	char **vals = NULL;
	struct strbuf numbers = STRBUF_INIT, refused = STRBUF_INIT;
	int64_t *ids = NULL;
	char **names = NULL;	/* each one's number, as listed */
	int *unread = NULL;
	size_t n = 0;
	int done = 0, failed = 0;
	struct ledger_form lf;
	char *q;

	error_clear();
	if (ledger_may(jd->store, &jd->me, STEP_SIGNOFF) < 0) {
		ui_error(ui, "%s", error_last());
		return;
	}
	if (ls->nmarked) {
		n = ls->nmarked;
		ids = xcalloc(n, sizeof(*ids));
		names = xcalloc(n, sizeof(*names));
		for (size_t i = 0; i < n; i++) {
			ids[i] = ls->marked[i];
			names[i] = xstrdup(ls->marked_no[i]);
		}
	} else if (ls->n) {
		n = 1;
		ids = xcalloc(1, sizeof(*ids));
		names = xcalloc(1, sizeof(*names));
		ids[0] = ls->rows[ls->sel].id;
		names[0] = xstrdup(ls->rows[ls->sel].number);
	} else {
		return;
	}
	unread = xcalloc(n, sizeof(*unread));
	for (size_t i = 0; i < n; i++) {
		struct ticket t;
		const char *why;

		if (numbers.len)
			strbuf_adds(&numbers, sep);
		error_clear();
		if (store_ticket_get_id(jd->store, ids[i], &t) != STORE_OK) {
			unread[i] = 1;
			strbuf_addf(&numbers, _("%s (could not be read, so it is left alone: %s)"), names[i],
				    error_last());
			continue;
		}
		strbuf_adds(&numbers, t.number);
		if (ticket_step_check(t.status, TA_SIGNOFF, &why) < 0)
			strbuf_addf(&numbers, _(" (now: %s)"), ticket_status_label(t.status));
		ticket_release(&t);
	}
	q = xasprintf(Q_("Sign off %zu item (%s)? Each is recorded as signed off by you.",
			 "Sign off %zu items (%s)? Each is recorded as signed off by you.", n), n, numbers.buf);
	if (!ui_confirm(ui, q, C_("action", "Sign off"), _("Not now")))
		goto out;
	/* The sign-off form with nothing typed: its defaults, checked as when it is typed. */
	vals = xcalloc(form->nfields + 1, sizeof(*vals));
	if (ledger_step_from_form(&lf, STEP_SIGNOFF, form, vals, NULL) < 0) {
		ui_error(ui, _("Not signed off: %s"), error_last());
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		if (unread[i]) {
			failed++;
			if (refused.len)
				strbuf_adds(&refused, sep);
			strbuf_addf(&refused, _("%s (could not be read)"), names[i]);
			continue;
		}
		lf.step.ticket_id = ids[i];
		error_clear();
		if (ledger_apply(jd->store, &jd->me, &lf.step, NULL) == STORE_OK) {
			done++;
		} else {
			failed++;
			add_refusal(ui, &refused, ids[i], names[i]);
		}
	}
	ledger_form_release(&lf);
	if (failed)
		ui_error(ui, _("Signed off: %d. Not signed off: %s"), done, refused.buf);
	else
		ui_message(ui, Q_("%d item signed off.", "%d items signed off.", done), done);
	clear_marks(ls);
	ui_reload_all(ui);
out:
	free(q);
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(ids);
	free(unread);
	free(vals);
	strbuf_release(&numbers);
	strbuf_release(&refused);
}

static void pick_category(struct ui *ui, struct list_screen *ls)
{
	const struct form_field *f = formspec_field(ui_jd(ui)->forms.intake, "category");
	const char **items = xcalloc(f->noptions + 2, sizeof(*items));
	int c;

	items[0] = _("All categories");
	for (size_t i = 0; i < f->noptions; i++)
		items[i + 1] = f->options[i].value;
	c = ui_choose(ui, C_("field", "Category"), NULL, items);
	if (c >= 0) {
		free(ls->category);
		ls->category = c == 0 ? NULL : xstrdup(items[c]);
		refilter(ui, ls);
	}
	free(items);
}

/*
 * The reception days to filter by: today, then the recent days of every
 * station.  On a county ledger two stations may hold a day on the same
 * date, so each day is labelled with its station's code (and name) when
 * the list holds more than one station, and chosen by its id.
 */
static void pick_day(struct ui *ui, struct list_screen *ls)
{
	struct jd *jd = ui_jd(ui);
	struct day_ref *days = NULL;
	size_t nd = 0;
	const char *items[12];
	char *labels[12] = { NULL };
	char today[CLOCK_DATE_LEN], label[64];
	int n = 0, c, stations = 0;
	int64_t ids[12] = { 0 };

	clock_today(today);
	error_clear();
	if (store_day_refs(jd->store, 9, &days, &nd) != STORE_OK) {
		/* Not a list of no days: one that could not be read. */
		ui_error(ui, "%s", error_last());
		return;
	}
	for (size_t i = 1; i < nd; i++)
		if (strcmp(days[i].station, days[0].station))
			stations = 1;
	snprintf(label, sizeof(label), _("Today (%s)"), today);
	items[n++] = _("All days");
	items[n++] = label;
	for (size_t i = 0; i < nd && n < 11; i++) {
		if (stations) {
			char *name = store_station_name(jd->store, days[i].station);

			labels[n] = *name ? xasprintf("%s %s %s", days[i].station, days[i].date, name)
					  : xasprintf("%s %s", days[i].station, days[i].date);
			free(name);
		} else {
			labels[n] = xstrdup(days[i].date);
		}
		ids[n] = days[i].id;
		items[n] = labels[n];
		n++;
	}
	items[n] = NULL;
	c = ui_choose(ui, _("Reception day"), NULL, items);
	if (c == 0 || c == 1) {
		ls->day_id = 0;
		if (c == 0)
			ls->day[0] = '\0';
		else
			snprintf(ls->day, sizeof(ls->day), "%s", today);
	} else if (c > 1) {
		ls->day[0] = '\0';
		ls->day_id = ids[c];
		snprintf(ls->day_label, sizeof(ls->day_label), "%s", stations ? labels[c] : items[c]);
	}
	if (c >= 0)
		refilter(ui, ls);
	for (int i = 0; i < n; i++)
		free(labels[i]);
	day_refs_free(days, nd);
}

static void default_order(struct list_screen *ls)
{
	ls->order = ls->tab == TAB_OVERDUE ? ORDER_DUE : ls->tab == TAB_ALL ? ORDER_NEWEST : ORDER_NUMBER;
}

/* 1 when text is what a receipt scanner types (JD:… or the station's qr_url). */
static int is_payload(struct ui *ui, const char *text)
{
	char *url = store_setting(ui_jd(ui)->store, "qr_url");
	char *number = NULL, *check = NULL;
	int r = receipt_parse_payload(text, url, &number, &check) == 0;

	free(number);
	free(check);
	free(url);
	return r;
}

/* 1 for a key that only edits the search line (its rows can wait for a pause). */
static int search_key(struct uikey k)
{
	if (k.fn == KEY_BACKSPACE)
		return 1;
	if (k.fn)
		return 0;
	return k.ch == 127 || k.ch == 8 || (k.ch >= ' ' && k.ch != 127);
}

static int list_key_do(struct ui *ui, struct list_screen *ls, struct uikey k)
{
	/* Rows still to be read for the words typed are read now: they show even when the key does nothing else. */
	int stale = !search_key(k) && ls->stale_rows ? R_REDRAW : R_NONE;

	if (!search_key(k))
		rows_current(ui, ls);
	switch (k.fn) {
	case KEY_UP: step_up(ui, ls); moved(ui, ls, 0); return R_REDRAW;
	case KEY_DOWN: step_down(ui, ls); moved(ui, ls, 1); return R_REDRAW;
	case KEY_NPAGE: page(ui, ls, 1); moved(ui, ls, 1); return R_REDRAW;
	case KEY_PPAGE: page(ui, ls, 0); moved(ui, ls, 0); return R_REDRAW;
	case KEY_HOME: load_top(ui, ls); return R_REDRAW;
	case KEY_END: go_end(ui, ls); moved(ui, ls, 0); return R_REDRAW;
	case KEY_LEFT:
	case KEY_BTAB:
		ls->tab = (ls->tab + TAB_COUNT - 1) % TAB_COUNT;
		default_order(ls);
		load_top(ui, ls);
		return R_REDRAW;
	case KEY_RIGHT:
		ls->tab = (ls->tab + 1) % TAB_COUNT;
		default_order(ls);
		load_top(ui, ls);
		return R_REDRAW;
	case KEY_F(2):
		if (ls->tab == TAB_READY)
			sign_off_marked(ui, ls);
		return R_REDRAW;
	case KEY_F(6):
		if (ls->tab == TAB_READY && ls->n) {
			toggle_mark(ls, &ls->rows[ls->sel]);
			step_down(ui, ls);
			moved(ui, ls, 1);
		}
		return R_REDRAW;
	case KEY_F(3): pick_category(ui, ls); return R_REDRAW;
	case KEY_F(4): pick_day(ui, ls); return R_REDRAW;
	case KEY_F(5):
		ls->order = (ls->order + 1) % 3;
		load_top(ui, ls);
		return R_REDRAW;
	case KEY_F(10): ui_pop(ui); return R_SWITCH;
	case KEY_BACKSPACE:
		if (lineedit_backspace(&ls->search) == 0)
			search_edited(ui, ls);
		return R_REDRAW;
	case KEY_ENTER: {
		char *text = lineedit_get(&ls->search);
		int scanned = *text && is_payload(ui, text);
		int handled = *text && ui_open_lookup(ui, text) == 0;

		free(text);
		if (scanned) {
			/*
			 * A scanned receipt has done its work (its ticket is open,
			 * or the refusal is on the status line); as a search it
			 * matches nothing, so it must not be left in the box.
			 */
			lineedit_clear(&ls->search);
			refilter(ui, ls);
		}
		if (!handled && ls->n)
			screen_detail_open(ui, ls->rows[ls->sel].number);
		return R_REDRAW | R_SWITCH;
	}
	case 0: break;
	default: return stale;
	}
	switch (k.ch) {
	case KEY_ESC:
		if (lineedit_empty(&ls->search)) {
			ui_pop(ui);
			return R_SWITCH;
		}
		lineedit_clear(&ls->search);
		refilter(ui, ls);
		return R_REDRAW;
	case '\t':
		ls->tab = (ls->tab + 1) % TAB_COUNT;
		default_order(ls);
		load_top(ui, ls);
		return R_REDRAW;
	case 127:
	case 8:
		if (lineedit_backspace(&ls->search) == 0)
			search_edited(ui, ls);
		return R_REDRAW;
	case CTRL('u'): lineedit_clear(&ls->search); refilter(ui, ls); return R_REDRAW;
	case CTRL('s'):
		if (ls->tab == TAB_READY)
			sign_off_marked(ui, ls);
		return R_REDRAW;
	case CTRL('x'):
		if (ls->tab == TAB_READY && ls->n) {
			toggle_mark(ls, &ls->rows[ls->sel]);
			step_down(ui, ls);
			moved(ui, ls, 1);
		}
		return R_REDRAW;
	case CTRL('t'): pick_category(ui, ls); return R_REDRAW;
	case CTRL('d'): pick_day(ui, ls); return R_REDRAW;
	case CTRL('r'): ls->order = (ls->order + 1) % 3; load_top(ui, ls); return R_REDRAW;
	default: break;
	}
	if (k.ch >= ' ' && k.ch != 127 && lineedit_insert(&ls->search, (wchar_t)k.ch) == 0) {
		search_edited(ui, ls);
		return R_REDRAW;
	}
	return stale;
}

static int list_key(struct ui *ui, void *st, struct uikey k)
{
	int r = list_key_do(ui, st, k);

	cost_key(ui, k);
	return r;
}

static void list_free(void *st)
{
	struct list_screen *ls = st;

	rows_clear(ls);
	free(ls->rows);
	free(ls->keys);
	tally_reset(ls);
	free(ls->category);
	clear_marks(ls);
	lineedit_release(&ls->search);
	free(ls);
}

static const struct screen_ops list_ops = {
	.name = "list",
	.draw = list_draw,
	.key = list_key,
	.reload = list_reload,
	.idle = list_idle,
	.free = list_free,
};

void screen_list_open(struct ui *ui, int tab, const char *search)
{
	struct list_screen *ls = xcalloc(1, sizeof(*ls));

	ls->tab = tab;
	default_order(ls);
	lineedit_init(&ls->search, 24, 1, 0, 100);
	if (search)
		lineedit_set(&ls->search, search);
	ls->stale_counts = 1;
	cost_start(ui);
	load_top(ui, ls);
	cost_note(ui, "open", "list");
	ui_push(ui, &list_ops, ls);
}
