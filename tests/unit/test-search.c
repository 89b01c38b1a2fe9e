/*
 * test-search.c — searching through the index gives exactly what the LIKE
 * scan gives: the same tickets in the same order, for every kind of query,
 * over a made-up ledger of 20,000 tickets; and the index itself: built by
 * the migration from schema 1, kept in step by its triggers, held and
 * resumed by batches.
 */
#include "unit.h"

#include <sqlite3.h>

#include "clock.h"
#include "gen.h"
#include "store-internal.h"
#include "store.h"
#include "strbuf.h"

#define LEDGER_TICKETS 20000

static struct store *ledger;

struct ids {
	int64_t *v;
	size_t n;
};

static int collect(const struct ticket *t, void *arg)
{
	struct ids *ids = arg;

	ids->v = realloc(ids->v, (ids->n + 1) * sizeof(*ids->v));
	ids->v[ids->n++] = t->id;
	return 0;
}

static struct ids list(struct store *s, struct ticket_filter f)
{
	struct ids ids = { NULL, 0 };

	assert_int_equal(store_ticket_list(s, &f, collect, &ids), STORE_OK);
	return ids;
}

/* Every page of the list, walking with keyset pagination. */
static struct ids pages(struct store *s, struct ticket_filter f, int size)
{
	struct ids all = { NULL, 0 };
	char key[CLOCK_DATE_LEN];

	f.limit = size;
	for (;;) {
		struct ids page = list(s, f);
		struct ticket t;

		for (size_t i = 0; i < page.n; i++)
			collect(&(struct ticket){ .id = page.v[i] }, &all);
		if (page.n < (size_t)size) {
			free(page.v);
			return all;
		}
		f.after_id = page.v[page.n - 1];
		if (f.order == ORDER_DUE) {
			assert_int_equal(store_ticket_get_id(s, f.after_id, &t), STORE_OK);
			snprintf(key, sizeof(key), "%s", t.due_date ? t.due_date : "");
			f.after_key = key;
			ticket_release(&t);
		}
		free(page.v);
	}
}

static void same(struct ids a, struct ids b, const char *what, const char *q)
{
	if (a.n != b.n)
		fail_msg("%s for '%s': %zu through the index, %zu by the scan", what, q, a.n, b.n);
	for (size_t i = 0; i < a.n; i++)
		if (a.v[i] != b.v[i])
			fail_msg("%s for '%s': row %zu is #%lld through the index, #%lld by the scan", what,
				 q, i, (long long)a.v[i], (long long)b.v[i]);
	free(a.v);
	free(b.v);
}

static struct ids copy(struct ids a)
{
	struct ids c = { malloc((a.n + 1) * sizeof(*a.v)), a.n };

	if (a.n)
		memcpy(c.v, a.v, a.n * sizeof(*a.v));
	return c;
}

/*
 * Compare both ways of answering q: newest first, and the count, always;
 * when thorough, also through the index in pages in ledger order, paging
 * up, by deadline among the open ones, and with status and category
 * filters.  The scan (the reference) is run as few times as possible: it is
 * what makes this test slow.  Returns the match count.
 */
static int64_t compare(struct store *s, const char *q, int thorough)
{
	struct ticket_filter f = TICKET_FILTER_INIT, g;
	struct ids ref, want;
	int64_t n, count;
	int size;

	f.text = q;
	f.order = ORDER_NEWEST;
	g = f;
	g.scan = 1;
	ref = list(s, g);
	n = (int64_t)ref.n;
	same(list(s, f), copy(ref), "newest first", q);
	assert_int_equal(store_ticket_count(s, &f, &count), STORE_OK);
	if (count != n)
		fail_msg("count for '%s': %lld through the index, %lld by the scan", q,
			 (long long)count, (long long)n);
	if (!thorough) {
		free(ref.v);
		return n;
	}

	/* Ledger order, in a few pages: the scan's list backwards. */
	want = copy(ref);
	for (size_t i = 0; i < want.n / 2; i++) {
		int64_t t = want.v[i];

		want.v[i] = want.v[want.n - 1 - i];
		want.v[want.n - 1 - i] = t;
	}
	size = n / 4 > 37 ? (int)(n / 4) : 37;
	f.order = ORDER_NUMBER;
	same(pages(s, f, size), want, "pages in ledger order", q);

	/* Paging up from the middle: the 25 rows from there on, oldest first. */
	want.v = malloc((ref.n + 1) * sizeof(*want.v));
	want.n = 0;
	for (size_t i = ref.n; i-- > 0 && want.n < 25;)
		if (ref.v[i] >= LEDGER_TICKETS / 2)
			want.v[want.n++] = ref.v[i];
	f.order = ORDER_NEWEST;
	f.after_id = LEDGER_TICKETS / 2;
	f.inclusive = 1;
	f.reverse = 1;
	f.limit = 25;
	same(list(s, f), want, "paging up", q);
	free(ref.v);

	/* With other filters: open tickets by deadline, closed ones, a category. */
	f = (struct ticket_filter)TICKET_FILTER_INIT;
	f.text = q;
	f.open_only = 1;
	f.order = ORDER_DUE;
	g = f;
	g.scan = 1;
	ref = list(s, g);
	size = ref.n / 2 > 50 ? (int)(ref.n / 2) : 50;
	same(pages(s, f, size), ref, "open by deadline", q);
	f.open_only = g.open_only = 0;
	f.status = g.status = TS_CLOSED;
	f.category = g.category = "农业农村";
	f.order = g.order = ORDER_NEWEST;
	f.limit = g.limit = 10;
	same(list(s, f), list(s, g), "closed farming tickets", q);
	f.limit = g.limit = 0;
	assert_int_equal(store_ticket_count(s, &f, &count), STORE_OK);
	ref = list(s, g);
	assert_int_equal(count, (int64_t)ref.n);
	free(ref.v);
	return n;
}

/* The first n characters (code points) of s, as a new string. */
static char *head(const char *s, int n)
{
	const char *p = s;

	while (*p && n > 0) {
		p++;
		while ((*p & 0xC0) == 0x80)
			p++;
		n--;
	}
	return strndup(s, (size_t)(p - s));
}

/* Characters from..from+n of s. */
static char *mid(const char *s, int from, int n)
{
	char *h = head(s, from), *r;

	r = head(s + strlen(h), n);
	free(h);
	return r;
}

/* Queries taken from the ledger itself, so most of them match something. */
static void queries_from(struct store *s, int64_t id, struct strbuf *out)
{
	struct ticket t;
	char *p;

	assert_int_equal(store_ticket_get_id(s, id, &t), STORE_OK);
	strbuf_addf(out, "%s\n", t.name);				/* whole name */
	p = head(t.name, 1);
	strbuf_addf(out, "%s\n", p);					/* surname */
	free(p);
	p = mid(t.name, 1, 2);
	strbuf_addf(out, "%s\n", p);					/* given name */
	free(p);
	strbuf_addf(out, "%s\n", t.number);				/* ledger number */
	for (char *c = t.number; *c; c++)
		*c = (char)(*c >= 'A' && *c <= 'Z' ? *c + 'a' - 'A' : *c);
	strbuf_addf(out, "%s\n", t.number);				/* in lower case */
	strbuf_addf(out, "%s\n", t.number + strlen(t.number) - 4);	/* its sequence */
	strbuf_addf(out, "%.7s\n", t.number + 3);			/* year and part of it */
	if (*t.phone) {
		strbuf_addf(out, "%s\n", t.phone);
		strbuf_addf(out, "%s\n", t.phone + strlen(t.phone) - 4);	/* last four */
		strbuf_addf(out, "%.7s\n", t.phone);			/* first seven */
		strbuf_addf(out, "%.3s-%s\n", t.phone, t.phone + 3);	/* a dash typed in */
	}
	if (*t.address) {
		strbuf_addf(out, "%s\n", t.address);
		p = head(t.address, 3);
		strbuf_addf(out, "%s\n", p);				/* the village */
		free(p);
		p = mid(t.address, 2, 3);
		strbuf_addf(out, "%s\n", p);				/* 村N组 */
		free(p);
	}
	p = mid(t.issue, 2, 4);
	strbuf_addf(out, "%s\n", p);					/* a phrase of the issue */
	free(p);
	p = mid(t.issue, 3, 2);
	strbuf_addf(out, "%s %s\n", p, t.name);				/* two words */
	free(p);
	/* Around the first digit of the issue: mixed Chinese and digits. */
	for (const char *c = t.issue; *c; c++)
		if (*c >= '0' && *c <= '9') {
			const char *start = c >= t.issue + 3 ? c - 3 : t.issue;

			strbuf_addf(out, "%.*s\n", (int)(c - start) + 2, start);
			strbuf_addf(out, "%.*s\n", 4, c);
			break;
		}
	ticket_release(&t);
}

static const char *const fixed_queries[] = {
	/* Chinese names and words of every length, and none. */
	"张", "王", "欧阳", "张伟", "李娜", "王芳", "低保", "灌溉水渠", "产业发展薄弱",
	"人居环境整治", "不存在的词语", "青松村", "3组", "村3", "12户", "3年", "涉及", "号",
	/* Letters and digits: short, long, phone fragments, full-width, case. */
	"1", "13", "138", "1380013", "8000", "0827-", "0827-5", "a", "lj", "LJ", "aa", "AA-2",
	"2025-0", "-2026-", "１３８", "ＬＪ", "ab-2024-00", "2024-001",
	/* Several words, ideographic spaces, wildcards and FTS syntax as plain text. */
	"张 低保", "张　低保", "王 1", "村 组 12号", "%", "_", "\\", "'", "\"", "OR", "AND", "NOT 张",
	"NEAR(张", "张*", "^张", "张\"OR\"李", "-张", "{name}:张", "张,", "（张）", "张。", "- 张",
	"渠 abc 1",
};

static void test_equal_to_scan(void **state)
{
	struct strbuf qs = STRBUF_INIT;
	static const int64_t sample[] = { 1, 777, 5000, 12345, 19999, 20000 };
	int nonempty = 0, total = 0;
	char *save = NULL;

	(void)state;
	for (size_t i = 0; i < sizeof(fixed_queries) / sizeof(*fixed_queries); i++)
		strbuf_addf(&qs, "%s\n", fixed_queries[i]);
	for (size_t i = 0; i < sizeof(sample) / sizeof(*sample); i++)
		queries_from(ledger, sample[i], &qs);
	for (char *q = strtok_r(qs.buf, "\n", &save); q; q = strtok_r(NULL, "\n", &save)) {
		/* Every query newest first; every sixth one in all the other lists too. */
		if (compare(ledger, q, total % 6 == 0) > 0)
			nonempty++;
		total++;
	}
	compare(ledger, "", 1);
	/* The set must exercise real matches, not only empty answers. */
	assert_true(total > 120);
	assert_true(nonempty > total * 3 / 4);
	strbuf_release(&qs);
}

/* The index is really used: damage it for one ticket and the answers part. */
static void test_index_is_used(void **state)
{
	struct ticket t;
	struct ticket_filter f = TICKET_FILTER_INIT, g;
	struct ids a, b;
	sqlite3_stmt *st;

	(void)state;
	assert_int_equal(store_ticket_get_id(ledger, 4321, &t), STORE_OK);
	f.text = t.phone[0] ? t.phone : t.name;
	g = f;
	g.scan = 1;
	a = list(ledger, f);
	b = list(ledger, g);
	assert_true(a.n > 0 && a.n == b.n);
	free(a.v);
	free(b.v);
	assert_int_equal(sqlite3_prepare_v2(store_db(ledger),
					    "INSERT INTO tickets_fts(tickets_fts, rowid, number, name, phone, issue, address)"
					    " SELECT 'delete', id, number, name, phone, issue, address"
					    " FROM tickets_fts_source WHERE id = 4321", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	a = list(ledger, f);
	b = list(ledger, g);
	assert_int_equal(a.n + 1, b.n);
	free(a.v);
	free(b.v);
	/* Put it back. */
	assert_int_equal(sqlite3_exec(store_db(ledger),
				      "INSERT INTO tickets_fts(rowid, number, name, phone, issue, address)"
				      " SELECT id, number, name, phone, issue, address FROM tickets_fts_source"
				      " WHERE id = 4321", NULL, NULL, NULL), SQLITE_OK);
	ticket_release(&t);
}

/* The statements that read through the search index (FROM tickets_fts), as run. */
struct traced {
	char *sql[64];
	int n;
};

static int trace_stmt(unsigned type, void *arg, void *p, void *x)
{
	struct traced *t = arg;
	const char *sql = x;

	(void)type;
	(void)p;
	if (sql && strstr(sql, "tickets_fts f") && strstr(sql, "MATCH") && t->n < 64)
		t->sql[t->n++] = strdup(sql);
	return 0;
}

/*
 * 1 when the plan of sql asks the search index about one ticket at a time:
 * FTS5 says so with '=' (a rowid constraint) in the index string of its
 * scan ("SCAN f VIRTUAL TABLE INDEX 0:=M5"), which means another index
 * drives and the match is tested again for every row it yields.
 */
static int probes_per_row(const char *sql, struct strbuf *plan)
{
	struct strbuf eqp = STRBUF_INIT;
	sqlite3_stmt *st;
	int probes = 0;

	strbuf_addf(&eqp, "EXPLAIN QUERY PLAN %s", sql);
	assert_int_equal(sqlite3_prepare_v2(store_db(ledger), eqp.buf, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(st, 3);
		const char *idx = d ? strstr(d, "VIRTUAL TABLE INDEX ") : NULL;

		strbuf_addf(plan, "  %s\n", d ? d : "");
		if (idx && strchr(idx, ':') && strchr(strchr(idx, ':'), '='))
			probes = 1;
	}
	sqlite3_finalize(st);
	strbuf_release(&eqp);
	return probes;
}

/*
 * With search words the search index drives every list and count of the
 * screen's tabs, whatever else filters them: a state's own index must not
 * drive and probe the search index once per ticket in that state (311 ms
 * for 待销号 and 灌溉 at a million tickets), with a reader whose view is
 * limited (store_set_viewer) as well as without.
 */
static void test_index_drives(void **state)
{
	static const char *const words[] = { "灌溉", "覃", "张 低保", "lj-2025", "0827-5" };
	struct traced tr = { .n = 0 };
	int checked = 0;

	(void)state;
	sqlite3_trace_v2(store_db(ledger), SQLITE_TRACE_STMT, trace_stmt, &tr);
	for (int viewer = 0; viewer < 2; viewer++) {
		store_set_viewer(ledger, viewer ? "王芳" : NULL);
		for (size_t w = 0; w < sizeof(words) / sizeof(*words); w++)
			for (int tab = 0; tab < 6; tab++) {
				struct ticket_filter f = TICKET_FILTER_INIT;
				struct ids ids = { NULL, 0 };
				int64_t n;
				int whole;

				f.text = words[w];
				switch (tab) {
				case 0: f.status = TS_READY; break;
				case 1: f.overdue = 1; f.order = ORDER_DUE; break;
				case 2: f.open_only = 1; break;
				case 3: f.order = ORDER_NEWEST; break;
				case 4: f.category = "农业农村"; f.status = TS_CLOSED; break;
				default: f.from = "2025-01-01"; f.to = "2025-03-31"; break;
				}
				f.limit = 24;
				assert_int_equal(store_ticket_list(ledger, &f, collect, &ids), STORE_OK);
				free(ids.v);
				f.limit = 1000;
				assert_int_equal(store_ticket_count(ledger, &f, &n), STORE_OK);
				assert_int_equal(store_ticket_count_within(ledger, &f, 10000, &n, &whole), STORE_OK);
				assert_true(whole);
				for (int i = 0; i < tr.n; i++) {
					struct strbuf plan = STRBUF_INIT;

					if (probes_per_row(tr.sql[i], &plan))
						fail_msg("'%s' (tab %d, viewer %d) probes the search index per row:\n%s\n%s",
							 words[w], tab, viewer, tr.sql[i], plan.buf);
					strbuf_release(&plan);
					free(tr.sql[i]);
					checked++;
				}
				tr.n = 0;
			}
	}
	store_set_viewer(ledger, NULL);
	sqlite3_trace_v2(store_db(ledger), 0, NULL, NULL);
	assert_true(checked >= 100);
}

static int integrity(struct store *s)
{
	return sqlite3_exec(store_db(s), "INSERT INTO tickets_fts(tickets_fts) VALUES('integrity-check')",
			    NULL, NULL, NULL);
}

static void test_generated_ledger(void **state)
{
	int64_t n;
	struct ticket_filter f = TICKET_FILTER_INIT;

	(void)state;
	assert_int_equal(store_ticket_count(ledger, &f, &n), STORE_OK);
	assert_int_equal(n, LEDGER_TICKETS);
	/* Every state of the life cycle is there, and its count kept by triggers is right. */
	for (int st = 0; st < TS_COUNT; st++) {
		sqlite3_stmt *q;

		f.status = st;
		assert_int_equal(store_ticket_count(ledger, &f, &n), STORE_OK);
		if (n == 0)
			fail_msg("no ticket is %s", ticket_status_name((enum ticket_status)st));
		assert_int_equal(sqlite3_prepare_v2(store_db(ledger), "SELECT count(*) FROM tickets WHERE status = ?1",
						    -1, &q, NULL), SQLITE_OK);
		sqlite3_bind_text(q, 1, ticket_status_name((enum ticket_status)st), -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(q), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int64(q, 0), n);
		sqlite3_finalize(q);
	}
	f.status = -1;
	f.overdue = 1;
	assert_int_equal(store_ticket_count(ledger, &f, &n), STORE_OK);
	assert_true(n > 0);
	assert_int_equal(integrity(ledger), SQLITE_OK);
}

/* ---- the list screen's window: places, rows by id, whether a sort, the tabs' counts ---- */

static const char *const window_words[] = { NULL, "张", "灌溉", "张 低保", "13", "lj-2025", "查无此人" };

/* The filter of a tab of the list screen (0 ready, 1 overdue, 2 open, 3 all) in an order. */
static struct ticket_filter window_filter(const char *q, int tab, enum ticket_order order)
{
	struct ticket_filter f = TICKET_FILTER_INIT;

	f.text = q;
	f.order = order;
	switch (tab) {
	case 0: f.status = TS_READY; break;
	case 1: f.overdue = 1; break;
	case 2: f.open_only = 1; break;
	default: break;
	}
	return f;
}

/* Every place of f, a window of size at a time, forwards or backwards (then given back in order). */
static struct ids keys_in_windows(struct ticket_filter f, int size, int reverse)
{
	struct ids all = { NULL, 0 };
	struct ticket_key *k = calloc((size_t)size, sizeof(*k)), last;
	char key[sizeof(last.due)];
	int n;

	f.reverse = reverse;
	for (;;) {
		assert_int_equal(store_ticket_keys(ledger, &f, k, size, &n), STORE_OK);
		for (int i = 0; i < n; i++)
			collect(&(struct ticket){ .id = k[i].id }, &all);
		if (n < size)
			break;
		last = k[n - 1];
		/* A place's deadline is its row's. */
		{
			struct ticket t;

			assert_int_equal(store_ticket_get_id(ledger, last.id, &t), STORE_OK);
			assert_string_equal(last.due, t.due_date ? t.due_date : "");
			ticket_release(&t);
		}
		memcpy(key, last.due, sizeof(key));
		f.after_id = last.id;
		f.after_key = key;
	}
	free(k);
	if (reverse)
		for (size_t i = 0; i < all.n / 2; i++) {
			int64_t t = all.v[i];

			all.v[i] = all.v[all.n - 1 - i];
			all.v[all.n - 1 - i] = t;
		}
	return all;
}

static void test_keys_are_the_list(void **state)
{
	int checked = 0;

	(void)state;
	for (int viewer = 0; viewer < 2; viewer++) {
		store_set_viewer(ledger, viewer ? "王芳" : NULL);
		for (size_t w = 0; w < sizeof(window_words) / sizeof(*window_words); w++)
			for (int tab = 0; tab < 4; tab++)
				for (int o = 0; o < 3; o++) {
					struct ticket_filter f = window_filter(window_words[w], tab, (enum ticket_order)o);
					struct ids want = list(ledger, f), got, rows;
					struct ticket_filter byid = TICKET_FILTER_INIT;
					const char *q = window_words[w] ? window_words[w] : "";
					/* Windows of 97, or of a quarter of a long result (each costs a sort). */
					int size = want.n < 400 ? 97 : (int)(want.n / 4 + 1);

					if (!window_words[w] && o != ORDER_DUE && tab != 1) {
						free(want.v);
						continue;	/* the whole ledger walked in id order: seen enough */
					}

					same(keys_in_windows(f, size, 0), copy(want), "places forwards", q);
					same(keys_in_windows(f, size, 1), copy(want), "places backwards", q);
					if (!want.n) {
						checked++;
						continue;
					}
					/* The rows of those places, by id, in that order (200 at a time inside). */
					byid.ids = want.v;
					byid.nids = (int)(want.n < 450 ? want.n : 450);
					got.v = want.v;
					got.n = (size_t)byid.nids;
					rows = list(ledger, byid);
					same(rows, copy(got), "rows by id", q);
					free(want.v);
					checked++;
				}
	}
	store_set_viewer(ledger, NULL);
	assert_true(checked >= 100);
}

static void test_sorts(void **state)
{
	struct ticket_filter f;

	(void)state;
	/* The search index walks its tickets by id: newest first and ledger order need no sort. */
	f = window_filter("张", 3, ORDER_NEWEST);
	assert_int_equal(store_ticket_sorts(ledger, &f), 0);
	f = window_filter("张", 0, ORDER_NUMBER);
	assert_int_equal(store_ticket_sorts(ledger, &f), 0);
	f = window_filter(NULL, 3, ORDER_NEWEST);
	assert_int_equal(store_ticket_sorts(ledger, &f), 0);
	/* By deadline with words, or over the whole ledger: SQLite sorts the result. */
	f = window_filter("张", 3, ORDER_DUE);
	assert_int_equal(store_ticket_sorts(ledger, &f), 1);
	f = window_filter(NULL, 3, ORDER_DUE);
	assert_int_equal(store_ticket_sorts(ledger, &f), 1);
}

static int interrupt_calls;

static int interrupt_always(void *arg)
{
	(void)arg;
	interrupt_calls++;
	return 1;
}

/* A walk stopped by a key at every check goes on where it was, to the same counts. */
static void resumes(const struct ticket_filter *f, const int64_t want[4])
{
	struct ticket_tally u;
	int calls = 0, r;

	memset(&u, 0, sizeof(u));
	interrupt_calls = 0;
	store_set_interrupt(ledger, interrupt_always, NULL);
	while (!u.done && calls < 100000) {
		r = store_ticket_tally(ledger, f, 0, 0, &u);
		assert_true(r == STORE_OK || r == STORE_INTERRUPTED);
		calls++;
	}
	store_set_interrupt(ledger, NULL, NULL);
	assert_true(u.done);
	assert_int_equal(u.ready, want[0]);
	assert_int_equal(u.overdue, want[1]);
	assert_int_equal(u.open, want[2]);
	assert_int_equal(u.all, want[3]);
	if (f->text && want[3] > 2000)
		assert_true(interrupt_calls > 0 && calls > 1);
}

static void test_tally(void **state)
{
	(void)state;
	for (int viewer = 0; viewer < 2; viewer++) {
		store_set_viewer(ledger, viewer ? "王芳" : NULL);
		for (size_t w = 0; w < sizeof(window_words) / sizeof(*window_words); w++) {
			const char *q = window_words[w];
			int64_t want[4];
			struct ticket_tally t, u;

			for (int tab = 0; tab < 4; tab++) {
				struct ticket_filter f = window_filter(q, tab, ORDER_NEWEST);

				assert_int_equal(store_ticket_count(ledger, &f, &want[tab]), STORE_OK);
			}
			/* Whole, in one walk. */
			memset(&t, 0, sizeof(t));
			{
				struct ticket_filter f = window_filter(q, 3, ORDER_NEWEST);

				assert_int_equal(store_ticket_tally(ledger, &f, 0, 0, &t), STORE_OK);
				assert_true(t.done && !t.capped);
				assert_int_equal(t.ready, want[0]);
				assert_int_equal(t.overdue, want[1]);
				assert_int_equal(t.open, want[2]);
				assert_int_equal(t.all, want[3]);
				/*
				 * Stopped again and again by a key, it goes on where it was, to
				 * the same counts (where matches are dense: each stop comes after
				 * some milliseconds, and only matches move the walk on).
				 */
				if (!viewer && (!q || !strcmp(q, "张") || !strcmp(q, "13")))
					resumes(&f, want);
				/* With a cap: every count at least the cap, or whole. */
				memset(&u, 0, sizeof(u));
				assert_int_equal(store_ticket_tally(ledger, &f, 5, 0, &u), STORE_OK);
				assert_true(u.done);
				if (u.capped)
					assert_true(u.ready >= 5 && u.overdue >= 5 && u.open >= 5 && u.all >= 5);
				else
					assert_int_equal(u.all, want[3]);
			}
		}
	}
	store_set_viewer(ledger, NULL);
}

static int progress_done, progress_total;

static void progress(const char *what, int64_t done, int64_t total)
{
	(void)what;
	progress_done = (int)done;
	progress_total = (int)total;
}

static void add(struct store *s, const char *name, const char *phone, const char *issue)
{
	static const struct actor who = { "王芳", "wangfang", "" };
	struct intake in = { .name = name, .phone = phone, .category = "其他", .issue = issue,
			     .address = "青松村3组" };
	struct ticket t;

	assert_int_equal(store_ticket_add(s, &in, &who, &t), STORE_OK);
	ticket_release(&t);
}

static int64_t count(struct store *s, const char *q, int scan)
{
	struct ticket_filter f = TICKET_FILTER_INIT;
	int64_t n;

	f.text = q;
	f.scan = scan;
	assert_int_equal(store_ticket_count(s, &f, &n), STORE_OK);
	return n;
}

static void test_migration_builds_index(void **state)
{
	char path[512];
	struct store *s;

	(void)state;
	snprintf(path, sizeof(path), "%s", unit_path("old.db"));
	assert_int_equal(store_open_version(path, 1, &s), STORE_OK);
	for (int i = 0; i < 30; i++)
		unit_old_ticket(store_db(s), i + 1, i % 2 ? "张三" : "李四", "0827-5551234", "灌溉水渠年久失修",
				NULL);
	/* Without the index the store answers by the scan. */
	assert_int_equal(count(s, "张三", 0), 15);
	store_close(s);

	store_set_progress(progress);
	assert_int_equal(store_open(path, 0, &s), STORE_OK);
	store_set_progress(NULL);
	assert_int_equal(progress_total, 30);
	assert_int_equal(progress_done, 30);
	assert_int_equal(integrity(s), SQLITE_OK);
	/* The counts per state are filled for the tickets already there. */
	{
		struct ticket_filter f = TICKET_FILTER_INIT;
		int64_t n;

		assert_int_equal(store_ticket_count(s, &f, &n), STORE_OK);
		assert_int_equal(n, 30);
		f.status = TS_REGISTERED;
		assert_int_equal(store_ticket_count(s, &f, &n), STORE_OK);
		assert_int_equal(n, 30);
		f.status = TS_CLOSED;
		assert_int_equal(store_ticket_count(s, &f, &n), STORE_OK);
		assert_int_equal(n, 0);
	}
	assert_int_equal(count(s, "张三", 0), 15);
	assert_int_equal(count(s, "08275551234", 0), 30);
	assert_int_equal(count(s, "水渠 李四", 0), 15);
	/* New tickets are indexed by the trigger. */
	add(s, "王五", "", "道路硬化");
	assert_int_equal(count(s, "王五", 0), 1);
	assert_int_equal(count(s, "道路", 0), 1);
	store_close(s);
}

static void test_update_trigger(void **state)
{
	struct store *s;

	(void)state;
	assert_int_equal(store_open(unit_path("upd.db"), STORE_CREATE, &s), STORE_OK);
	add(s, "张三", "13800138000", "低保申请");
	/* No store call edits these columns today; an administrator might. */
	assert_int_equal(sqlite3_exec(store_db(s), "UPDATE tickets SET name = '赵六', phone = '0827-1234567'"
				      " WHERE id = 1", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(count(s, "张三", 0), 0);
	assert_int_equal(count(s, "赵六", 0), 1);
	assert_int_equal(count(s, "138001", 0), 0);
	assert_int_equal(count(s, "08271234567", 0), 1);
	assert_int_equal(integrity(s), SQLITE_OK);
	store_close(s);
}

static void test_batches(void **state)
{
	struct store *s;
	struct ticket_filter all = TICKET_FILTER_INIT;
	int64_t n;

	(void)state;
	assert_int_equal(store_open(unit_path("batch.db"), STORE_CREATE, &s), STORE_OK);
	add(s, "张三", "", "路灯不亮");
	/* A batch rolled back leaves nothing, and indexing as it was. */
	assert_int_equal(store_batch_begin(s), STORE_OK);
	add(s, "李四", "", "路灯不亮");
	add(s, "王五", "", "路灯不亮");
	assert_int_equal(store_batch_end(s, 0), STORE_OK);
	assert_int_equal(store_ticket_count(s, &all, &n), STORE_OK);
	assert_int_equal(n, 1);
	add(s, "赵六", "", "路灯不亮");
	assert_int_equal(count(s, "赵六", 0), 1);
	/* A batch kept: its tickets are indexed at the end, numbers go on without a gap. */
	assert_int_equal(store_batch_begin(s), STORE_OK);
	add(s, "李四", "", "水渠");
	add(s, "王五", "", "水渠");
	assert_int_equal(store_batch_end(s, 1), STORE_OK);
	assert_int_equal(count(s, "水渠", 0), 2);
	assert_int_equal(count(s, "路灯", 0), 2);
	assert_int_equal(integrity(s), SQLITE_OK);
	add(s, "孙七", "", "水渠");
	assert_int_equal(count(s, "水渠", 0), 3);
	{
		struct ticket t;

		assert_int_equal(store_ticket_get_id(s, 5, &t), STORE_OK);
		assert_string_equal(t.name, "孙七");
		assert_int_equal(t.seq, 5);
		ticket_release(&t);
	}
	store_close(s);
}

static int make_ledger(void **state)
{
	struct gen_opts o = { .tickets = LEDGER_TICKETS, .seed = 2026, .years = 3 };

	(void)state;
	if (store_open(unit_path("ledger.db"), STORE_CREATE, &ledger) != STORE_OK)
		return -1;
	return gen_ledger(ledger, &o) == STORE_OK ? 0 : -1;
}

static int close_ledger(void **state)
{
	(void)state;
	store_close(ledger);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_generated_ledger),
		cmocka_unit_test(test_equal_to_scan),
		cmocka_unit_test(test_index_is_used),
		cmocka_unit_test(test_index_drives),
		cmocka_unit_test(test_keys_are_the_list),
		cmocka_unit_test(test_sorts),
		cmocka_unit_test(test_tally),
		cmocka_unit_test(test_migration_builds_index),
		cmocka_unit_test(test_update_trigger),
		cmocka_unit_test(test_batches),
	};

	unit_init();
	return cmocka_run_group_tests_name("search", tests, make_ledger, close_ledger);
}
