/*
 * store-list.c — lists of tickets: filters, order and keyset pagination.
 *
 * The WHERE clause is assembled from constant fragments, one per filter in
 * use, so SQLite can pick an index for the ones that matter; every value is
 * bound, never pasted into the SQL.  Rows are handed to the caller one at a
 * time and paging continues "after" the last row seen (keyset pagination),
 * so scrolling a million tickets never loads them all.
 */
#include "store.h"

#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "store-internal.h"
#include "strbuf.h"
#include "u8.h"
#include "xmalloc.h"

struct binds {
	struct {
		int is_int;
		int64_t i;
		char *t;
	} v[64];
	int n;
};

static void bind_t(struct binds *b, const char *t)
{
	if (b->n >= 64)
		return;
	b->v[b->n].is_int = 0;
	b->v[b->n].t = xstrdup(t);
	b->n++;
}

static void bind_i(struct binds *b, int64_t i)
{
	if (b->n >= 64)
		return;
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

/* Split search text into words at ASCII and ideographic spaces. */
static char **words_of(const char *text)
{
	char *folded = u8_fold(text);
	char **words = xcalloc(1, sizeof(*words));
	size_t n = 0;
	char *save = NULL;

	for (char *w = strtok_r(folded, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		words = xreallocarray(words, n + 2, sizeof(*words));
		words[n++] = xstrdup(w);
		words[n] = NULL;
	}
	free(folded);
	return words;
}

static void add_where(struct strbuf *sql, struct binds *b, const struct ticket_filter *f,
		      const char *today)
{
	char next[CLOCK_DATE_LEN];

	strbuf_adds(sql, " WHERE 1");
	if (f->status >= 0) {
		strbuf_adds(sql, " AND t.status = ?");
		bind_t(b, ticket_status_name((enum ticket_status)f->status));
	}
	if (f->open_only)
		strbuf_adds(sql, " AND t.status NOT IN ('closed', 'void')");
	if (f->category && *f->category) {
		strbuf_adds(sql, " AND t.category = ?");
		bind_t(b, f->category);
	}
	if (f->overdue) {
		strbuf_adds(sql, " AND t.status = 'assigned' AND t.due_date < ?");
		bind_t(b, today);
	}
	if (f->day && *f->day && clock_add_days(f->day, 1, next) == 0) {
		strbuf_adds(sql, " AND t.created_at >= ? AND t.created_at < ?");
		bind_t(b, f->day);
		bind_t(b, next);
	}
	if (f->from && *f->from) {
		strbuf_adds(sql, " AND t.created_at >= ?");
		bind_t(b, f->from);
	}
	if (f->to && *f->to && clock_add_days(f->to, 1, next) == 0) {
		strbuf_adds(sql, " AND t.created_at < ?");
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
	if (f->text && *f->text) {
		char **words = words_of(f->text);

		for (char **w = words; *w && b->n < 56; w++) {
			char *pat = like_pattern(*w);

			strbuf_adds(sql, " AND (t.number LIKE ? ESCAPE '\\' OR t.name LIKE ? ESCAPE '\\'"
				    " OR replace(t.phone, '-', '') LIKE replace(?, '-', '') ESCAPE '\\'"
				    " OR t.issue LIKE ? ESCAPE '\\' OR t.address LIKE ? ESCAPE '\\')");
			for (int i = 0; i < 5; i++)
				bind_t(b, pat);
			free(pat);
		}
		u8_lines_free(words);
	}
}

static void add_order(struct strbuf *sql, struct binds *b, const struct ticket_filter *f)
{
	/* Forward order, or backward when paging up; the comparison follows
	 * (an operator from this fixed set, never a value). */
	int desc = (f->order == ORDER_NEWEST) != !!f->reverse;
	const char *cmp = desc ? (f->inclusive ? "<=" : "<") : (f->inclusive ? ">=" : ">");

	switch (f->order) {
	case ORDER_NUMBER:
	case ORDER_NEWEST:
		if (f->after_id) {
			strbuf_addf(sql, " AND t.id %s ?", cmp);
			bind_i(b, f->after_id);
		}
		strbuf_adds(sql, desc ? " ORDER BY t.id DESC" : " ORDER BY t.id");
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

int store_ticket_list(struct store *s, const struct ticket_filter *f,
		      int (*fn)(const struct ticket *t, void *arg), void *arg)
{
	struct strbuf sql = STRBUF_INIT;
	struct binds b = { .n = 0 };
	char today[CLOCK_DATE_LEN];
	sqlite3_stmt *st = NULL;
	int rc;

	clock_today(today);
	strbuf_adds(&sql, STORE_TICKET_COLUMNS);
	add_where(&sql, &b, f, today);
	add_order(&sql, &b, f);
	rc = sqlite3_prepare_v2(s->db, sql.buf, -1, &st, NULL);
	strbuf_release(&sql);
	if (rc != SQLITE_OK) {
		binds_release(&b);
		return store_fail(s, rc, "list");
	}
	binds_apply(&b, st);
	binds_release(&b);
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

int store_ticket_count(struct store *s, const struct ticket_filter *f, int64_t *count)
{
	struct strbuf sql = STRBUF_INIT;
	struct binds b = { .n = 0 };
	char today[CLOCK_DATE_LEN];
	sqlite3_stmt *st = NULL;
	int rc;

	*count = 0;
	clock_today(today);
	strbuf_adds(&sql, "SELECT count(*) FROM tickets t");
	add_where(&sql, &b, f, today);
	rc = sqlite3_prepare_v2(s->db, sql.buf, -1, &st, NULL);
	strbuf_release(&sql);
	if (rc != SQLITE_OK) {
		binds_release(&b);
		return store_fail(s, rc, "count");
	}
	binds_apply(&b, st);
	binds_release(&b);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*count = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? STORE_OK : store_fail(s, rc, "count");
}

int store_counts(struct store *s, struct ledger_counts *c)
{
	static const char sql[] =
		"SELECT"
		" (SELECT count(*) FROM tickets WHERE created_at >= ?1),"
		" (SELECT count(DISTINCT voter_id) FROM tickets WHERE created_at >= ?1),"
		" (SELECT count(*) FROM tickets WHERE status IN ('registered','assigned','answered','ready')),"
		" (SELECT count(*) FROM tickets WHERE status = 'assigned' AND due_date < ?1),"
		" (SELECT count(*) FROM tickets WHERE status = 'ready'),"
		" (SELECT count(*) FROM tickets)";
	char today[CLOCK_DATE_LEN];
	sqlite3_stmt *st = store_stmt(s, sql);
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
