/*
 * jd-bench — timings for `make bench` (tests/bench/run.sh), each against its
 * baseline in the same process and the same run.
 *
 *   jd-bench search DB [REPEAT]
 *	The fixed query set (printed to stderr) answered newest first, first
 *	page of 50, through the index and by the LIKE scan, REPEAT times each
 *	(default 5; the scan once).  Also the count the screen shows beside it.
 *	Prints "search_p50_ms", "search_p99_ms", "like_p50_ms", "like_p99_ms",
 *	"count_p50_ms" … and "queries N", and checks that both ways give the
 *	same tickets (exit 1 if not).
 *
 *   jd-bench line DB [VIEWER]
 *	The list's search line as a person types: every query of the same set
 *	is typed one character at a time, and after each character the
 *	screen's work is timed for each of its four tabs (待销号, overdue,
 *	being handled, all, with the order each tab uses): the first page of
 *	the tab shown (24 rows) and the counts of the four tabs, in one walk
 *	(store_ticket_tally, capped and timed as the screen does it; with
 *	JD_BENCH_PER_TAB=1 each tab's count apart, as the screen did before).  With VIEWER, as that deputy reads (store_set_viewer;
 *	"-" picks the ledger's first deputy).  Prints "page_TAB_p50_ms",
 *	"page_TAB_p99_ms", "count_TAB_p50_ms", "count_TAB_p99_ms" for each
 *	tab, "key_p50_ms"/"key_p99_ms" (a page and all four counts: one
 *	keystroke's work), "prefixes N" and "counts_cut N" (counts stopped by
 *	the screen's time budget, which then show "N+").
 *
 *   jd-bench commit DB N
 *	Stores N tickets, one transaction each (synchronous=FULL), then writes
 *	and fdatasyncs N 4 KiB blocks to a file beside DB.  Prints
 *	"commit_p50_ms", "commit_p99_ms", "fsync_p50_ms", "fsync_p99_ms".
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "store.h"
#include "store-internal.h"
#include "store-write.h"
#include "strbuf.h"
#include "u8.h"

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The p-th percentile (nearest rank) of v[0..n), sorted in place. */
static double percentile(double *v, size_t n, double p)
{
	size_t k;

	if (!n)
		return 0;
	qsort(v, n, sizeof(*v), cmp_double);
	k = (size_t)(p / 100.0 * (double)n + 0.999999);
	if (k < 1)
		k = 1;
	return v[k > n ? n - 1 : k - 1];
}

struct page {
	int64_t ids[50];
	int n;
};

static int collect(const struct ticket *t, void *arg)
{
	struct page *p = arg;

	if (p->n < 50)
		p->ids[p->n++] = t->id;
	return 0;
}

/* Words of everyday searches: names, places, issues, numbers, mixed. */
static const char *const fixed[] = {
	"张", "王", "李娜", "王芳", "张伟", "刘洋", "欧阳", "低保", "医保报销", "灌溉水渠",
	"路灯不亮", "产业发展薄弱", "人居环境整治", "青松村", "白鹤村3组", "3组", "村12",
	"涉及15户", "已经3年", "138", "13", "0827-", "不存在的词语", "张 低保", "王 路灯",
};

/* Queries from the ledger itself: a voter's name, phone, number, village, words. */
static void derived(struct store *s, int64_t id, struct strbuf *out)
{
	struct ticket t;

	if (store_ticket_get_id(s, id, &t) != STORE_OK)
		return;
	strbuf_addf(out, "%s\n", t.name);
	strbuf_addf(out, "%s\n", t.number);
	strbuf_addf(out, "%s\n", t.number + strlen(t.number) - 4);
	if (strlen(t.phone) >= 11) {
		strbuf_addf(out, "%s\n", t.phone);
		strbuf_addf(out, "%s\n", t.phone + strlen(t.phone) - 4);
		strbuf_addf(out, "%.7s\n", t.phone);
	}
	if (*t.address)
		strbuf_addf(out, "%s\n", t.address);
	ticket_release(&t);
}

static double run(struct store *s, const char *q, int scan, int count, struct page *p)
{
	struct ticket_filter f = TICKET_FILTER_INIT;
	double t0 = now_ms();
	int64_t n;

	f.text = q;
	f.scan = scan;
	f.order = ORDER_NEWEST;
	if (count) {
		store_ticket_count(s, &f, &n);
	} else {
		f.limit = 50;
		p->n = 0;
		store_ticket_list(s, &f, collect, p);
	}
	return now_ms() - t0;
}

static int bench_search(const char *db, int repeat)
{
	struct store *s;
	struct strbuf qs = STRBUF_INIT;
	struct ticket_filter all = TICKET_FILTER_INIT;
	double *fts = NULL, *like = NULL, *cnt = NULL, *cnt_like = NULL;
	size_t nf = 0, nl = 0, nc = 0, ncl = 0, nq = 0;
	int64_t total;
	int bad = 0;
	char *save = NULL;

	if (store_open(db, 0, &s) != STORE_OK)
		return 1;
	store_ticket_count(s, &all, &total);
	for (size_t i = 0; i < sizeof(fixed) / sizeof(*fixed); i++)
		strbuf_addf(&qs, "%s\n", fixed[i]);
	/* Tickets spread over the ledger, the same ones for the same ledger. */
	for (int k = 1; k <= 6; k++)
		derived(s, total * k / 7, &qs);
	for (char *q = strtok_r(qs.buf, "\n", &save); q; q = strtok_r(NULL, "\n", &save)) {
		struct page a, b;

		/* JD_BENCH_ONLY=WORD: only the queries containing WORD (to look into one). */
		if (getenv("JD_BENCH_ONLY") && !strstr(q, getenv("JD_BENCH_ONLY")))
			continue;
		/* JD_BENCH_ONLY=WORD: only the queries containing WORD (to look into one). */
		if (getenv("JD_BENCH_ONLY") && !strstr(q, getenv("JD_BENCH_ONLY")))
			continue;
		fts = realloc(fts, (nf + (size_t)repeat) * sizeof(*fts));
		cnt = realloc(cnt, (nc + (size_t)repeat) * sizeof(*cnt));
		like = realloc(like, (nl + 1) * sizeof(*like));
		cnt_like = realloc(cnt_like, (ncl + 1) * sizeof(*cnt_like));
		run(s, q, 0, 0, &a);	/* warm the pages this query reads */
		for (int r = 0; r < repeat; r++) {
			fts[nf++] = run(s, q, 0, 0, &a);
			cnt[nc++] = run(s, q, 0, 1, NULL);
		}
		like[nl++] = run(s, q, 1, 0, &b);
		cnt_like[ncl++] = run(s, q, 1, 1, NULL);
		if (a.n != b.n || memcmp(a.ids, b.ids, (size_t)a.n * sizeof(*a.ids))) {
			fprintf(stderr, "jd-bench: '%s' differs: %d rows through the index, %d by the scan\n",
				q, a.n, b.n);
			bad = 1;
		}
		fprintf(stderr, "query %-20s %3d rows  index %8.2f ms  scan %8.2f ms\n", q, a.n,
			fts[nf - 1], like[nl - 1]);
		nq++;
	}
	printf("queries %zu\n", nq);
	printf("tickets %lld\n", (long long)total);
	printf("search_p50_ms %.3f\n", percentile(fts, nf, 50));
	printf("search_p99_ms %.3f\n", percentile(fts, nf, 99));
	printf("like_p50_ms %.3f\n", percentile(like, nl, 50));
	printf("like_p99_ms %.3f\n", percentile(like, nl, 99));
	printf("count_p50_ms %.3f\n", percentile(cnt, nc, 50));
	printf("count_p99_ms %.3f\n", percentile(cnt, nc, 99));
	printf("count_like_p50_ms %.3f\n", percentile(cnt_like, ncl, 50));
	printf("count_like_p99_ms %.3f\n", percentile(cnt_like, ncl, 99));
	free(fts);
	free(like);
	free(cnt);
	free(cnt_like);
	strbuf_release(&qs);
	store_close(s);
	return bad;
}

/* The screen's tabs (screen-list.c base_filter, default_order), and its caps. */
#define LINE_TABS 4
#define LINE_ROWS 24
#define LINE_COUNT_CAP 1000
#define LINE_COUNT_BUDGET_MS 30
static const char *const tab_names[LINE_TABS] = { "ready", "overdue", "open", "all" };

static void tab_filter(int tab, const char *text, struct ticket_filter *f)
{
	memset(f, 0, sizeof(*f));
	f->status = -1;
	f->text = text;
	switch (tab) {
	case 0: f->status = TS_READY; f->order = ORDER_NUMBER; break;
	case 1: f->overdue = 1; f->order = ORDER_DUE; break;
	case 2: f->open_only = 1; f->order = ORDER_NUMBER; break;
	default: f->order = ORDER_NEWEST; break;
	}
}

/* Length in bytes of the UTF-8 character at s. */
static size_t char_len(const char *s)
{
	unsigned char c = (unsigned char)*s;

	return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
}

static int bench_line(const char *db, const char *viewer)
{
	struct store *s;
	struct strbuf qs = STRBUF_INIT, seen = STRBUF_INIT;
	struct ticket_filter all = TICKET_FILTER_INIT;
	double *page[LINE_TABS], *cnt[LINE_TABS], *key;
	size_t np[LINE_TABS] = { 0 }, nc[LINE_TABS] = { 0 }, nk = 0, cap = 4096, nprefix = 0;
	int64_t total;
	char *save = NULL;
	/* JD_BENCH_CAP: count up to another cap (to compare with an older screen's). */
	int count_cap = getenv("JD_BENCH_CAP") ? atoi(getenv("JD_BENCH_CAP")) : LINE_COUNT_CAP;
	/* JD_BENCH_BUDGET=0: count to the end (store_ticket_count), as an older screen did. */
	int budget = getenv("JD_BENCH_BUDGET") ? atoi(getenv("JD_BENCH_BUDGET")) : LINE_COUNT_BUDGET_MS;
	size_t cut = 0;
	/* JD_BENCH_PER_TAB=1: each tab's capped count apart, as the screen counted before the tally. */
	int per_tab = getenv("JD_BENCH_PER_TAB") && atoi(getenv("JD_BENCH_PER_TAB"));

	if (store_open(db, 0, &s) != STORE_OK)
		return 1;
	store_ticket_count(s, &all, &total);
	for (size_t i = 0; i < sizeof(fixed) / sizeof(*fixed); i++)
		strbuf_addf(&qs, "%s\n", fixed[i]);
	for (int k = 1; k <= 6; k++)
		derived(s, total * k / 7, &qs);
	if (viewer) {
		char **names = store_deputy_names(s);

		store_set_viewer(s, strcmp(viewer, "-") ? viewer : names[0] ? names[0] : "nobody");
		fprintf(stderr, "viewer %s\n", strcmp(viewer, "-") ? viewer : names[0] ? names[0] : "nobody");
		u8_lines_free(names);
	}
	for (int t = 0; t < LINE_TABS; t++) {
		page[t] = calloc(cap, sizeof(double));
		cnt[t] = calloc(cap, sizeof(double));
	}
	key = calloc(cap, sizeof(double));
	strbuf_addch(&seen, '\n');
	for (char *q = strtok_r(qs.buf, "\n", &save); q; q = strtok_r(NULL, "\n", &save)) {
		for (size_t end = char_len(q); end <= strlen(q); end += q[end] ? char_len(q + end) : 1) {
			char prefix[256], mark[260];
			double counts = 0, worst = 0;

			snprintf(prefix, sizeof(prefix), "%.*s", (int)end, q);
			/* Each prefix once: "张" is typed at the start of many queries. */
			snprintf(mark, sizeof(mark), "\n%s\n", prefix);
			if (strstr(seen.buf, mark) || nk + 1 >= cap)
				continue;
			strbuf_addf(&seen, "%s\n", prefix);
			nprefix++;
			for (int t = 0; t < LINE_TABS; t++) {
				struct ticket_filter f;
				struct page pg = { .n = 0 };
				int64_t n;
				double t0 = now_ms();

				tab_filter(t, prefix, &f);
				f.limit = LINE_ROWS;
				store_ticket_list(s, &f, collect, &pg);
				page[t][np[t]++] = now_ms() - t0;
				if (!per_tab)
					continue;
				t0 = now_ms();
				tab_filter(t, prefix, &f);
				f.limit = count_cap;
				if (budget > 0) {
					int complete;

					store_ticket_count_within(s, &f, budget, &n, &complete);
					cut += !complete;
				} else {
					store_ticket_count(s, &f, &n);
				}
				cnt[t][nc[t]++] = now_ms() - t0;
				counts += cnt[t][nc[t] - 1];
			}
			if (!per_tab) {
				/* The screen's way: the four tabs in one walk (store_ticket_tally). */
				struct ticket_filter f;
				struct ticket_tally tl;
				double t0 = now_ms();

				memset(&tl, 0, sizeof(tl));
				tab_filter(LINE_TABS - 1, prefix, &f);
				store_ticket_tally(s, &f, count_cap, budget, &tl);
				counts = now_ms() - t0;
				cut += !tl.done;
				for (int t = 0; t < LINE_TABS; t++)
					cnt[t][nc[t]++] = counts;
			}
			/* A keystroke: the page of one tab and the four counts (each tab in turn). */
			for (int t = 0; t < LINE_TABS; t++) {
				double k = page[t][np[t] - 1] + counts;

				if (k > worst)
					worst = k;
				if (nk + 1 < cap)
					key[nk++] = k;
			}
			fprintf(stderr, "prefix %-20s  worst keystroke %8.2f ms  counts %8.2f ms\n", prefix, worst, counts);
		}
	}
	printf("prefixes %zu\n", nprefix);
	printf("counts_cut %zu\n", cut);
	for (int t = 0; t < LINE_TABS; t++) {
		printf("page_%s_p50_ms %.3f\n", tab_names[t], percentile(page[t], np[t], 50));
		printf("page_%s_p99_ms %.3f\n", tab_names[t], percentile(page[t], np[t], 99));
		printf("count_%s_p50_ms %.3f\n", tab_names[t], percentile(cnt[t], nc[t], 50));
		printf("count_%s_p99_ms %.3f\n", tab_names[t], percentile(cnt[t], nc[t], 99));
		free(page[t]);
	}
	{
		/* Every count of every tab together. */
		double *c = calloc(nc[0] * LINE_TABS + 1, sizeof(double));
		size_t n = 0;

		for (int t = 0; t < LINE_TABS; t++) {
			memcpy(c + n, cnt[t], nc[t] * sizeof(double));
			n += nc[t];
			free(cnt[t]);
		}
		printf("count_p50_ms %.3f\n", percentile(c, n, 50));
		printf("count_p99_ms %.3f\n", percentile(c, n, 99));
		free(c);
	}
	printf("key_p50_ms %.3f\n", percentile(key, nk, 50));
	printf("key_p99_ms %.3f\n", percentile(key, nk, 99));
	free(key);
	strbuf_release(&qs);
	strbuf_release(&seen);
	store_close(s);
	return 0;
}

static int bench_commit(const char *db, int n)
{
	static const struct actor who = { "测试代表", "bench", "" };
	struct store *s;
	double *c = calloc((size_t)n, sizeof(*c)), *w = calloc((size_t)n, sizeof(*w));
	double *u = calloc((size_t)n, sizeof(*u));
	struct strbuf path = STRBUF_INIT;
	char block[4096], name[32], phone[16];
	int fd, errors = 0;

	if (!c || !w || !u || store_open(db, 0, &s) != STORE_OK)
		return 1;
	/*
	 * Each commit twice, alternating: with the chained hash (as always) and
	 * without it (the baseline of what the chain costs), so both see the
	 * same disk at the same moment.
	 */
	for (int i = 0; i < 2 * n; i++) {
		struct intake in = { .name = name, .phone = phone, .category = "其他",
				     .issue = "村里的灌溉水渠年久失修，春耕用水困难", .address = "青松村3组" };
		struct ticket t;
		double t0;

		snprintf(name, sizeof(name), "测试%d", i);
		snprintf(phone, sizeof(phone), "139%08d", i);
		store_chain_hashing(s, i % 2 == 0);
		t0 = now_ms();
		if (store_ticket_add(s, &in, &who, &t) == STORE_OK)
			ticket_release(&t);
		else
			errors++;
		(i % 2 ? u : c)[i / 2] = now_ms() - t0;
	}
	store_close(s);

	/* The baseline: append a block and fdatasync it, as a WAL commit does. */
	strbuf_addf(&path, "%s.fsync-probe", db);
	fd = open(path.buf, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		perror(path.buf);
		return 1;
	}
	memset(block, 'x', sizeof(block));
	for (int i = 0; i < n; i++) {
		double t0 = now_ms();

		if (write(fd, block, sizeof(block)) != (ssize_t)sizeof(block) || fdatasync(fd) < 0)
			errors++;
		w[i] = now_ms() - t0;
	}
	close(fd);
	unlink(path.buf);
	printf("commit_p50_ms %.3f\n", percentile(c, (size_t)n, 50));
	printf("commit_p99_ms %.3f\n", percentile(c, (size_t)n, 99));
	printf("fsync_p50_ms %.3f\n", percentile(w, (size_t)n, 50));
	printf("fsync_p99_ms %.3f\n", percentile(w, (size_t)n, 99));
	printf("nochain_p50_ms %.3f\n", percentile(u, (size_t)n, 50));
	printf("nochain_p99_ms %.3f\n", percentile(u, (size_t)n, 99));
	printf("commit_errors %d\n", errors);
	strbuf_release(&path);
	free(c);
	free(w);
	free(u);
	return errors ? 1 : 0;
}

int main(int argc, char **argv)
{
	setenv("JIEDAI_CONF", "/nonexistent", 0);
	if (argc >= 3 && !strcmp(argv[1], "search"))
		return bench_search(argv[2], argc > 3 ? atoi(argv[3]) : 5);
	if (argc >= 3 && !strcmp(argv[1], "line"))
		return bench_line(argv[2], argc > 3 ? argv[3] : NULL);
	if (argc == 4 && !strcmp(argv[1], "commit"))
		return bench_commit(argv[2], atoi(argv[3]));
	fprintf(stderr, "usage: jd-bench search DB [REPEAT] | jd-bench line DB [VIEWER] | jd-bench commit DB N\n");
	return 2;
}
