/*
 * store-list.c — lists of tickets: filters, order and keyset pagination.
 *
 * The WHERE clause is assembled from constant fragments, one per filter in
 * use, so SQLite can pick an index for the ones that matter; every value is
 * bound, never pasted into the SQL.  Rows are handed to the caller one at a
 * time and paging continues "after" the last row seen (keyset pagination),
 * so scrolling a million tickets never loads them all.
 *
 * Search words are answered by a LIKE scan over the searched columns: that
 * is the definition of a match.  When the ledger has the search index, the
 * same answer comes from tickets_fts instead: its query (fts.h) matches a
 * superset of the rows, and every word the index cannot answer exactly is
 * checked with the same LIKE as well, so both ways return the same rows in
 * the same order.  The index drives the query (FROM tickets_fts f JOIN
 * tickets t), so "newest first" walks its rowids backwards and stops at
 * the limit.
 */
#include "store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "error.h"
#include "fts.h"
#include "store-internal.h"
#include "strbuf.h"
#include "u8.h"
#include "xmalloc.h"

#define MAX_BINDS 128

struct binds {
	struct {
		int is_int;
		int64_t i;
		char *t;
	} v[MAX_BINDS];
	int n;
};

static void bind_t(struct binds *b, const char *t)
{
	if (b->n >= MAX_BINDS)
		BUG("too many bound values");
	b->v[b->n].is_int = 0;
	b->v[b->n].t = xstrdup(t);
	b->n++;
}

static void bind_i(struct binds *b, int64_t i)
{
	if (b->n >= MAX_BINDS)
		BUG("too many bound values");
	b->v[b->n].is_int = 1;
	b->v[b->n].i = i;
	b->v[b->n].t = NULL;
	b->n++;
}

static void binds_apply(struct binds *b, sqlite3_stmt *st)
{
	for (int i = 0; i < b->n; i++) {
		if (b->v[i].is_int)
			sqlite3_bind_int64(st, i + 1, b->v[i].i);
		else
			sqlite3_bind_text(st, i + 1, b->v[i].t, -1, SQLITE_TRANSIENT);
	}
}

static void binds_release(struct binds *b)
{
	for (int i = 0; i < b->n; i++)
		free(b->v[i].t);
	b->n = 0;
}

/* A LIKE pattern matching s anywhere, with % _ and \ escaped. */
static char *like_pattern(const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addch(&sb, '%');
	for (; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			strbuf_addch(&sb, '\\');
		strbuf_addch(&sb, *s);
	}
	strbuf_addch(&sb, '%');
	return strbuf_detach(&sb);
}

/*
 * Split search text into words at ASCII and ideographic spaces (after
 * folding full-width forms), at most STORE_SEARCH_WORDS of them.
 */
static char **words_of(const char *text, size_t *count)
{
	char *folded = u8_fold(text);
	char **words = xcalloc(1, sizeof(*words));
	size_t n = 0;
	char *save = NULL;

	for (char *w = strtok_r(folded, " \t", &save); w && n < STORE_SEARCH_WORDS;
	     w = strtok_r(NULL, " \t", &save)) {
		words = xreallocarray(words, n + 2, sizeof(*words));
		words[n++] = xstrdup(w);
		words[n] = NULL;
	}
	free(folded);
	*count = n;
	return words;
}

/* How the search words of a filter are answered. */
struct search_plan {
	char **words;
	size_t n;
	unsigned char exact[STORE_SEARCH_WORDS];	/* the index answers word i alone */
	char *match;		/* FTS5 query, or NULL: LIKE scan only */
};

static void plan_search(struct store *s, const struct ticket_filter *f, struct search_plan *p)
{
	memset(p, 0, sizeof(*p));
	if (!f->text || !*f->text)
		return;
	p->words = words_of(f->text, &p->n);
	if (s->search_index && !f->scan && p->n)
		p->match = fts_query(p->words, p->n, p->exact);
	if (!p->match)
		memset(p->exact, 0, sizeof(p->exact));
}

static void plan_release(struct search_plan *p)
{
	if (p->words)
		u8_lines_free(p->words);
	free(p->match);
	memset(p, 0, sizeof(*p));
}

/* The FROM clause: driven by the index when the plan uses it. */
static void add_from(struct strbuf *sql, const struct search_plan *p, int join_days)
{
	strbuf_adds(sql, p->match ? " FROM tickets_fts f JOIN tickets t ON t.id = f.rowid"
				  : " FROM tickets t");
	if (join_days)
		strbuf_adds(sql, " LEFT JOIN reception_days d ON d.id = t.day_id");
}

static void add_where(struct strbuf *sql, struct binds *b, const struct ticket_filter *f,
		      const char *today, const struct search_plan *p, int viewer)
{
	char next[CLOCK_DATE_LEN];
	/*
	 * With search words the index drives (see the top of this file): the
	 * state, category and date conditions are then checked on each row it
	 * finds, written "+t.status" so SQLite does not walk the state's index
	 * instead and ask the search index about every ticket in that state
	 * (57,000 probes for 待销号 at a million tickets).
	 */
	const char *c = p->match ? "+t." : "t.";

	strbuf_adds(sql, " WHERE 1");
	if (f->status >= 0) {
		strbuf_addf(sql, " AND %sstatus = ?", c);
		bind_t(b, ticket_status_name((enum ticket_status)f->status));
	}
	if (f->open_only)
		strbuf_addf(sql, " AND %sstatus NOT IN ('closed', 'void')", c);
	if (f->category && *f->category) {
		strbuf_addf(sql, " AND %scategory = ?", c);
		bind_t(b, f->category);
	}
	if (f->overdue) {
		strbuf_addf(sql, " AND %sstatus = 'assigned' AND %sdue_date < ?", c, c);
		bind_t(b, today);
	}
	if (f->day && *f->day && clock_add_days(f->day, 1, next) == 0) {
		strbuf_addf(sql, " AND %screated_at >= ? AND %screated_at < ?", c, c);
		bind_t(b, f->day);
		bind_t(b, next);
	}
	if (f->from && *f->from) {
		strbuf_addf(sql, " AND %screated_at >= ?", c);
		bind_t(b, f->from);
	}
	if (f->to && *f->to && clock_add_days(f->to, 1, next) == 0) {
		strbuf_addf(sql, " AND %screated_at < ?", c);
		bind_t(b, next);
	}
	if (f->phone && *f->phone) {
		strbuf_adds(sql, " AND t.phone = ?");
		bind_t(b, f->phone);
	}
	if (f->voter_id > 0) {
		strbuf_adds(sql, " AND t.voter_id = ?");
		bind_i(b, f->voter_id);
	}
	if (f->unit && *f->unit) {
		/* Every name of the unit (unit_names, store-unit.c), or the text itself. */
		strbuf_adds(sql, " AND t.unit IN (SELECT n2.name FROM unit_names n1 JOIN unit_names n2"
			    " ON n2.unit_id = n1.unit_id WHERE n1.name = ? UNION ALL SELECT ?)");
		bind_t(b, f->unit);
		bind_t(b, f->unit);
	}
	if (f->station && *f->station) {
		strbuf_adds(sql, " AND t.station = ? COLLATE NOCASE");
		bind_t(b, f->station);
	}
	if (f->day_id > 0) {
		strbuf_adds(sql, " AND t.day_id = ?");
		bind_i(b, f->day_id);
	}
	if (p->match) {
		strbuf_adds(sql, " AND f.tickets_fts MATCH ?");
		bind_t(b, p->match);
	}
	for (size_t i = 0; i < p->n; i++) {
		char *pat;
		int n;

		if (p->exact[i])
			continue;
		/* One bound pattern, numbered (?N) so the five tests share it. */
		pat = like_pattern(p->words[i]);
		n = b->n + 1;
		strbuf_addf(sql, " AND (t.number LIKE ?%d ESCAPE '\\' OR t.name LIKE ?%d ESCAPE '\\'"
			    " OR replace(t.phone, '-', '') LIKE replace(?%d, '-', '') ESCAPE '\\'"
			    " OR t.issue LIKE ?%d ESCAPE '\\' OR t.address LIKE ?%d ESCAPE '\\')",
			    n, n, n, n, n);
		bind_t(b, pat);
		free(pat);
	}
	/*
	 * The personal-data rule: a reader who may not see a ticket's voter
	 * finds it by its number and issue only, never by the voter's name,
	 * phone or address (that would tell whose it is).
	 */
	if (viewer) {
		for (size_t i = 0; i < p->n; i++) {
			char *pat = like_pattern(p->words[i]);
			int n = b->n + 1;

			strbuf_addf(sql, " AND (t.number LIKE ?%d ESCAPE '\\' OR t.issue LIKE ?%d ESCAPE '\\'"
				    " OR " STORE_TICKET_SEEN ")", n, n);
			bind_t(b, pat);
			free(pat);
		}
		if (f->phone && *f->phone)
			strbuf_adds(sql, " AND " STORE_TICKET_SEEN);
	}
}

/* 1 when the conditions need the tickets row, not only the index. */
static int needs_ticket_row(const struct ticket_filter *f, const struct search_plan *p)
{
	if (f->status >= 0 || f->open_only || (f->category && *f->category) || f->overdue ||
	    (f->day && *f->day) || (f->from && *f->from) || (f->to && *f->to) ||
	    (f->phone && *f->phone) || f->voter_id > 0 || (f->unit && *f->unit) ||
	    (f->station && *f->station) || f->day_id > 0)
		return 1;
	for (size_t i = 0; i < p->n; i++)
		if (!p->exact[i])
			return 1;
	return 0;
}

static void add_order(struct strbuf *sql, struct binds *b, const struct ticket_filter *f,
		      const struct search_plan *p)
{
	/* Forward order, or backward when paging up; the comparison follows
	 * (an operator from this fixed set, never a value). */
	int desc = (f->order == ORDER_NEWEST) != !!f->reverse;
	const char *cmp = desc ? (f->inclusive ? "<=" : "<") : (f->inclusive ? ">=" : ">");
	/* The same row either way; through the index its rowid lets FTS5 seek and walk in order. */
	const char *id = p->match ? "f.rowid" : "t.id";

	switch (f->order) {
	case ORDER_NUMBER:
	case ORDER_NEWEST:
		if (f->after_id) {
			strbuf_addf(sql, " AND %s %s ?", id, cmp);
			bind_i(b, f->after_id);
		}
		strbuf_addf(sql, " ORDER BY %s%s", id, desc ? " DESC" : "");
		break;
	case ORDER_DUE:
		if (f->after_id) {
			strbuf_addf(sql, " AND (coalesce(t.due_date, '9999-12-31'), t.id) %s (?, ?)", cmp);
			bind_t(b, f->after_key && *f->after_key ? f->after_key : "9999-12-31");
			bind_i(b, f->after_id);
		}
		strbuf_adds(sql, desc ? " ORDER BY coalesce(t.due_date, '9999-12-31') DESC, t.id DESC"
				      : " ORDER BY coalesce(t.due_date, '9999-12-31'), t.id");
		break;
	}
	if (f->limit > 0) {
		strbuf_adds(sql, " LIMIT ?");
		bind_i(b, f->limit);
	}
}

/*
 * The statement of a list: select (the columns, without FROM), the FROM
 * clause (with the reception days when join_days), f's conditions and
 * order.  Returns an SQLite result code; *out is ready to step.
 */
static int prepare_list(struct store *s, const struct ticket_filter *f, const char *select, int join_days,
			sqlite3_stmt **out)
{
	struct strbuf sql = STRBUF_INIT;
	struct binds b = { .n = 0 };
	struct search_plan p;
	char today[CLOCK_DATE_LEN];
	int rc;

	clock_today(today);
	plan_search(s, f, &p);
	strbuf_adds(&sql, select);
	add_from(&sql, &p, join_days);
	add_where(&sql, &b, f, today, &p, store_viewer_masks(s));
	add_order(&sql, &b, f, &p);
	plan_release(&p);
	rc = sqlite3_prepare_v2(s->db, sql.buf, -1, out, NULL);
	strbuf_release(&sql);
	if (rc == SQLITE_OK)
		binds_apply(&b, *out);
	binds_release(&b);
	return rc;
}

/*
 * The rows of f->ids in that order, a chunk at a time: a small table of
 * (id, place) joined to the tickets by id, so each costs one row.
 */
#define IDS_CHUNK 200

static int list_ids(struct store *s, const struct ticket_filter *f,
		    int (*fn)(const struct ticket *t, void *arg), void *arg)
{
	for (int at = 0; at < f->nids; at += IDS_CHUNK) {
		int n = f->nids - at < IDS_CHUNK ? f->nids - at : IDS_CHUNK, rc, stop = 0;
		struct strbuf sql = STRBUF_INIT;
		sqlite3_stmt *st = NULL;

		strbuf_adds(&sql, "WITH k(id, place) AS (VALUES ");
		for (int i = 0; i < n; i++)
			strbuf_addf(&sql, "%s(?, %d)", i ? ", " : "", i);
		/* One row (a Down) needs no order, and so no sort. */
		strbuf_adds(&sql, ") " STORE_TICKET_SELECT " FROM k JOIN tickets t ON t.id = k.id"
			    " LEFT JOIN reception_days d ON d.id = t.day_id");
		if (n > 1)
			strbuf_adds(&sql, " ORDER BY k.place");
		rc = sqlite3_prepare_v2(s->db, sql.buf, -1, &st, NULL);
		strbuf_release(&sql);
		if (rc != SQLITE_OK)
			return store_fail(s, rc, "list");
		for (int i = 0; i < n; i++)
			sqlite3_bind_int64(st, i + 1, f->ids[at + i]);
		while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
			struct ticket t;

			store_ticket_from_row(st, &t);
			stop = fn(&t, arg);
			ticket_release(&t);
		}
		sqlite3_finalize(st);
		if (stop)
			return STORE_OK;
		if (rc != SQLITE_DONE)
			return store_fail(s, rc, "list");
	}
	return STORE_OK;
}

int store_ticket_list(struct store *s, const struct ticket_filter *f,
		      int (*fn)(const struct ticket *t, void *arg), void *arg)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (f->ids)
		return list_ids(s, f, fn, arg);
	rc = prepare_list(s, f, STORE_TICKET_SELECT, 1, &st);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, "list");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ticket t;
		int stop;

		store_ticket_from_row(st, &t);
		stop = fn(&t, arg);
		ticket_release(&t);
		if (stop) {
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, "list");
	return STORE_OK;
}

int store_ticket_keys(struct store *s, const struct ticket_filter *f, struct ticket_key *keys, int max, int *n)
{
	struct ticket_filter g = *f;
	sqlite3_stmt *st = NULL;
	int rc;

	*n = 0;
	if (max <= 0)
		return STORE_OK;
	g.limit = max;
	g.ids = NULL;
	rc = prepare_list(s, &g, "SELECT t.id, t.due_date", 0, &st);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, "list");
	while (*n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *due = (const char *)sqlite3_column_text(st, 1);

		keys[*n].id = sqlite3_column_int64(st, 0);
		snprintf(keys[*n].due, sizeof(keys[*n].due), "%s", due ? due : "");
		(*n)++;
	}
	if (*n == max)
		rc = SQLITE_DONE;
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? STORE_OK : store_fail(s, rc, "list");
}

int store_ticket_sorts(struct store *s, const struct ticket_filter *f)
{
	struct strbuf sql = STRBUF_INIT;
	struct binds b = { .n = 0 };
	struct search_plan p;
	struct ticket_filter g = *f;
	char today[CLOCK_DATE_LEN];
	sqlite3_stmt *st = NULL;
	int rc, sorts = 0;

	if (f->ids)
		return 0;
	/* The plan of the first page (no keyset, which changes no order). */
	g.after_id = 0;
	g.limit = 1;
	clock_today(today);
	plan_search(s, &g, &p);
	strbuf_adds(&sql, "EXPLAIN QUERY PLAN SELECT t.id");
	add_from(&sql, &p, 0);
	add_where(&sql, &b, &g, today, &p, store_viewer_masks(s));
	add_order(&sql, &b, &g, &p);
	plan_release(&p);
	rc = sqlite3_prepare_v2(s->db, sql.buf, -1, &st, NULL);
	strbuf_release(&sql);
	if (rc != SQLITE_OK) {
		binds_release(&b);
		store_fail(s, rc, "list");
		return -1;
	}
	binds_apply(&b, st);
	binds_release(&b);
	/* The plan's lines: "USE TEMP B-TREE FOR ORDER BY" (or "FOR RIGHT PART OF ORDER BY"). */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *detail = (const char *)sqlite3_column_text(st, 3);

		if (detail && strstr(detail, "TEMP B-TREE") && strstr(detail, "ORDER BY"))
			sorts = 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		store_fail(s, rc, "list");
		return -1;
	}
	return sorts;
}

static int count_by_state(struct store *s, const struct ticket_filter *f, int64_t *count, int *r);

/* 1 when f asks for words, category, day or anything else that only a walk can count. */
static int tally_filtered(const struct ticket_filter *f)
{
	return (f->text && *f->text) || (f->category && *f->category) || (f->day && *f->day) ||
	       (f->from && *f->from) || (f->to && *f->to) || (f->phone && *f->phone) || f->voter_id > 0 ||
	       (f->unit && *f->unit) || (f->station && *f->station) || f->day_id > 0;
}

/* Without words or filters: the counts per state, and the overdue ones through their index. */
static int tally_by_state(struct store *s, const struct ticket_filter *f, int cap, struct ticket_tally *t)
{
	struct ticket_filter g = TICKET_FILTER_INIT;
	int r = STORE_OK;

	(void)f;
	g.status = TS_READY;
	if (!count_by_state(s, &g, &t->ready, &r) || r != STORE_OK)
		return r;
	g.status = -1;
	g.open_only = 1;
	if (!count_by_state(s, &g, &t->open, &r) || r != STORE_OK)
		return r;
	g.open_only = 0;
	if (!count_by_state(s, &g, &t->all, &r) || r != STORE_OK)
		return r;
	/* Through the index of states and deadlines: some thousands at a million tickets. */
	(void)cap;
	g.overdue = 1;
	r = store_ticket_count(s, &g, &t->overdue);
	if (r == STORE_OK)
		t->done = 1;
	return r;
}

int store_ticket_tally(struct store *s, const struct ticket_filter *f, int cap, int budget_ms,
		       struct ticket_tally *t)
{
	struct ticket_filter g = *f;
	char today[CLOCK_DATE_LEN];
	sqlite3_stmt *st = NULL;
	int rc, r;

	if (t->done)
		return STORE_OK;
	if (!tally_filtered(f) && s->version >= 2 && !t->after)
		return tally_by_state(s, f, cap, t);
	/* Every tab's tickets are among these: the tabs' conditions are checked here, row by row. */
	g.status = -1;
	g.open_only = 0;
	g.overdue = 0;
	g.order = ORDER_NUMBER;
	g.after_id = t->after;
	g.after_key = NULL;
	g.inclusive = 0;
	g.reverse = 0;
	g.limit = 0;
	g.ids = NULL;
	clock_today(today);
	rc = prepare_list(s, &g, "SELECT t.id, t.status, t.due_date", 0, &st);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, "count");
	store_deadline_set(s, budget_ms);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *status = (const char *)sqlite3_column_text(st, 1);
		const char *due = (const char *)sqlite3_column_text(st, 2);

		status = status ? status : "";
		t->after = sqlite3_column_int64(st, 0);
		t->all++;
		if (!strcmp(status, "ready"))
			t->ready++;
		if (strcmp(status, "closed") && strcmp(status, "void"))
			t->open++;
		if (!strcmp(status, "assigned") && due && strcmp(due, today) < 0)
			t->overdue++;
		if (cap > 0 && t->all >= cap && t->ready >= cap && t->open >= cap && t->overdue >= cap) {
			t->capped = 1;
			rc = SQLITE_DONE;
			break;
		}
	}
	sqlite3_finalize(st);
	if ((rc & 0xff) == SQLITE_INTERRUPT && s->stopped == STOP_TIME) {
		r = STORE_OK;
	} else if (rc == SQLITE_DONE) {
		t->done = 1;
		r = STORE_OK;
	} else {
		r = store_fail(s, rc, "count");
	}
	store_deadline_set(s, 0);
	return r;
}

/*
 * Count from ticket_counts (schema 2) when the filter asks for nothing but
 * a state, the open states or everything; returns 0 when it cannot.
 */
static int count_by_state(struct store *s, const struct ticket_filter *f, int64_t *count, int *r)
{
	static const char any[] = "SELECT coalesce(sum(n), 0) FROM ticket_counts";
	static const char one[] = "SELECT coalesce(sum(n), 0) FROM ticket_counts WHERE status = ?1";
	static const char open[] =
		"SELECT coalesce(sum(n), 0) FROM ticket_counts WHERE status NOT IN ('closed', 'void')";
	sqlite3_stmt *st;
	int rc;

	if (s->version < 2 || (f->text && *f->text) || (f->category && *f->category) || f->overdue ||
	    (f->day && *f->day) || (f->from && *f->from) || (f->to && *f->to) ||
	    (f->phone && *f->phone) || f->voter_id > 0 || (f->open_only && f->status >= 0) ||
	    (f->unit && *f->unit) || (f->station && *f->station) || f->day_id > 0)
		return 0;
	st = store_stmt(s, f->status >= 0 ? one : f->open_only ? open : any);
	if (!st) {
		*r = STORE_IO;
		return 1;
	}
	if (f->status >= 0)
		sqlite3_bind_text(st, 1, ticket_status_name((enum ticket_status)f->status), -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*count = sqlite3_column_int64(st, 0);
	store_done(st);
	*r = rc == SQLITE_ROW ? STORE_OK : store_fail(s, rc, "count");
	return 1;
}

/*
 * The statement that counts f: SELECT count(*), or with rows set the
 * matching rows themselves (SELECT 1, up to f->limit) for a count that may
 * stop part way.  Returns an SQLite result code.
 */
static int prepare_count(struct store *s, const struct ticket_filter *f, int rows, sqlite3_stmt **out)
{
	struct strbuf sql = STRBUF_INIT;
	struct binds b = { .n = 0 };
	struct search_plan p;
	char today[CLOCK_DATE_LEN];
	int rc;

	clock_today(today);
	plan_search(s, f, &p);
	/* With a limit, count only that far: "10000 or more" is quick, an exact 600000 is not. */
	if (rows)
		strbuf_adds(&sql, "SELECT 1");
	else
		strbuf_adds(&sql, f->limit > 0 ? "SELECT count(*) FROM (SELECT 1" : "SELECT count(*)");
	/* Words the index answers alone, and nothing else: count in the index. */
	if (p.match && !needs_ticket_row(f, &p) && !store_viewer_masks(s))
		strbuf_adds(&sql, " FROM tickets_fts f");
	else
		add_from(&sql, &p, 0);
	add_where(&sql, &b, f, today, &p, store_viewer_masks(s));
	plan_release(&p);
	if (f->limit > 0) {
		strbuf_adds(&sql, rows ? " LIMIT ?" : " LIMIT ?)");
		bind_i(&b, f->limit);
	}
	rc = sqlite3_prepare_v2(s->db, sql.buf, -1, out, NULL);
	strbuf_release(&sql);
	if (rc == SQLITE_OK)
		binds_apply(&b, *out);
	binds_release(&b);
	return rc;
}

int store_ticket_count(struct store *s, const struct ticket_filter *f, int64_t *count)
{
	sqlite3_stmt *st = NULL;
	int rc;

	*count = 0;
	if (count_by_state(s, f, count, &rc))
		return rc;
	rc = prepare_count(s, f, 0, &st);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, "count");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*count = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? STORE_OK : store_fail(s, rc, "count");
}

int store_ticket_count_within(struct store *s, const struct ticket_filter *f, int budget_ms,
			      int64_t *count, int *complete)
{
	sqlite3_stmt *st = NULL;
	int rc, r;

	*count = 0;
	*complete = 1;
	if (count_by_state(s, f, count, &r))
		return r;
	rc = prepare_count(s, f, 1, &st);
	if (rc != SQLITE_OK)
		return store_fail(s, rc, "count");
	/* Row by row, so that a count stopped by the clock still says how many it saw. */
	store_deadline_set(s, budget_ms);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		(*count)++;
	sqlite3_finalize(st);
	if ((rc & 0xff) == SQLITE_INTERRUPT && s->stopped == STOP_TIME) {
		*complete = 0;
		r = STORE_OK;
	} else {
		r = rc == SQLITE_DONE ? STORE_OK : store_fail(s, rc, "count");
	}
	store_deadline_set(s, 0);
	return r;
}

int store_counts(struct store *s, struct ledger_counts *c)
{
	static const char sql1[] =
		"SELECT"
		" (SELECT count(*) FROM tickets WHERE created_at >= ?1),"
		" (SELECT count(DISTINCT voter_id) FROM tickets WHERE created_at >= ?1),"
		" (SELECT count(*) FROM tickets WHERE status IN ('registered','assigned','answered','ready')),"
		" (SELECT count(*) FROM tickets WHERE status = 'assigned' AND due_date < ?1),"
		" (SELECT count(*) FROM tickets WHERE status = 'ready'),"
		" (SELECT count(*) FROM tickets)";
	/* Schema 2 keeps the counts per state: no counting a million rows at start-up. */
	static const char sql2[] =
		"SELECT"
		" (SELECT count(*) FROM tickets WHERE created_at >= ?1),"
		" (SELECT count(DISTINCT voter_id) FROM tickets WHERE created_at >= ?1),"
		" (SELECT coalesce(sum(n), 0) FROM ticket_counts WHERE status NOT IN ('closed', 'void')),"
		" (SELECT count(*) FROM tickets WHERE status = 'assigned' AND due_date < ?1),"
		" (SELECT coalesce(sum(n), 0) FROM ticket_counts WHERE status = 'ready'),"
		" (SELECT coalesce(sum(n), 0) FROM ticket_counts)";
	char today[CLOCK_DATE_LEN];
	sqlite3_stmt *st = store_stmt(s, s->version >= 2 ? sql2 : sql1);
	int rc;

	memset(c, 0, sizeof(*c));
	if (!st)
		return STORE_IO;
	clock_today(today);
	sqlite3_bind_text(st, 1, today, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		c->today = sqlite3_column_int64(st, 0);
		c->visitors_today = sqlite3_column_int64(st, 1);
		c->open = sqlite3_column_int64(st, 2);
		c->overdue = sqlite3_column_int64(st, 3);
		c->ready = sqlite3_column_int64(st, 4);
		c->total = sqlite3_column_int64(st, 5);
	}
	store_done(st);
	return rc == SQLITE_ROW ? STORE_OK : store_fail(s, rc, "counts");
}
