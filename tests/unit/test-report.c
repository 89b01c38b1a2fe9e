/*
 * test-report.c — statistics arithmetic and layout, the register's
 * masking, CSV cells, the progress line, Open311 scrubbing, and the JSON
 * Lines export/import through the store (round trip, a damaged line, a
 * second import).
 */
#include "unit.h"

#include <signal.h>
#include <sqlite3.h>

#include "export.h"
#include "identity.h"
#include "progress.h"
#include "register.h"
#include "report.h"
#include "sheet.h"
#include "store-internal.h"
#include "store.h"
#include "strbuf.h"
#include "ticket.h"
#include "u8.h"
#include "xmalloc.h"

static void test_pct(void **state)
{
	char b[32];

	(void)state;
	assert_int_equal(report_pct(136, 204, b), 0);
	assert_string_equal(b, "66.67");
	report_pct(2, 3, b);
	assert_string_equal(b, "66.67");
	report_pct(1, 3, b);
	assert_string_equal(b, "33.33");
	report_pct(3, 7, b);
	assert_string_equal(b, "42.86");
	report_pct(1, 8, b);			/* 12.5 exactly */
	assert_string_equal(b, "12.50");
	report_pct(1, 200, b);
	assert_string_equal(b, "0.50");
	report_pct(1, 80000, b);		/* 0.00125 rounds down */
	assert_string_equal(b, "0.00");
	report_pct(1, 16000, b);		/* 0.00625: half away from zero */
	assert_string_equal(b, "0.01");
	report_pct(5, 5, b);
	assert_string_equal(b, "100.00");
	report_pct(0, 4, b);
	assert_string_equal(b, "0.00");
	assert_int_equal(report_pct(0, 0, b), -1);	/* nothing rated: not applicable */
	assert_string_equal(b, "");
}

static void test_avg(void **state)
{
	char b[32];

	(void)state;
	report_avg(13, 4, b);
	assert_string_equal(b, "3.25");
	report_avg(8, 3, b);
	assert_string_equal(b, "2.67");
	report_avg(0, 2, b);
	assert_string_equal(b, "0.00");
	report_avg(-3, 2, b);			/* an answer dated before intake */
	assert_string_equal(b, "-1.50");
	assert_int_equal(report_avg(5, 0, b), -1);
	/*
	 * The extremes of int64_t, far beyond any count, are not exact but
	 * must not negate or divide out of range (UBSan would stop here).
	 */
	assert_int_equal(report_avg(INT64_MIN, 3, b), 0);
	assert_int_equal(report_pct(INT64_MIN, INT64_MIN, b), 0);
	assert_int_equal(report_avg(-7, INT64_MIN, b), 0);
	assert_string_equal(b, "0.00");
	report_avg(-3, 2, b);
	assert_string_equal(b, "-1.50");
}

static void test_period_and_bar(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;

	(void)state;
	s = report_period_label("2026-03-01", "2026-03-31");
	assert_string_equal(s, "2026-03");
	free(s);
	s = report_period_label("2026-02-01", "2026-02-28");
	assert_string_equal(s, "2026-02");
	free(s);
	s = report_period_label("2026-03-01", "2026-03-30");
	assert_string_equal(s, "2026-03-01 to 2026-03-30");
	free(s);

	report_bar(&sb, 2, 4, 10);
	assert_int_equal(u8_chars(sb.buf), 5);
	assert_string_equal(sb.buf, "\u2588\u2588\u2588\u2588\u2588");
	strbuf_reset(&sb);
	report_bar(&sb, 1, 1000, 10);		/* anything above 0 shows */
	assert_int_equal(u8_chars(sb.buf), 1);
	strbuf_reset(&sb);
	report_bar(&sb, 0, 10, 10);
	assert_string_equal(sb.buf, "");
	strbuf_release(&sb);
}

static void test_csv_cell(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	const char *row[] = { "张三", "a,b", "说\"好\"", "一\n二", "=1+2", "+86", "-5", "@x", "", NULL };

	(void)state;
	csv_add_row(&sb, row, 9);
	assert_string_equal(sb.buf, "张三,\"a,b\",\"说\"\"好\"\"\",\"一\n二\",'=1+2,'+86,'-5,'@x,\r\n");
	strbuf_reset(&sb);
	csv_add_cell(&sb, "=HYPERLINK(\"x\")");
	assert_string_equal(sb.buf, "\"'=HYPERLINK(\"\"x\"\")\"");
	strbuf_release(&sb);
}

static void test_register_masking(void **state)
{
	struct ticket t;
	struct register_row pub, in;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	memset(&t, 0, sizeof(t));
	t.number = "LJ-2026-0001";
	t.created_at = "2026-03-03 09:00:00";
	t.deputy = "王芳";
	t.name = "张三明";
	t.phone = "13800138000";
	t.address = "三组";
	t.issue = "水渠";
	t.category = "农业农村";
	t.unit = "";
	t.answer_method = "";
	t.rating = "";
	t.void_reason = "";
	t.status = TS_REGISTERED;

	register_row_fill(&pub, &t, 0);
	register_row_fill(&in, &t, 1);
	assert_string_equal(pub.cell[REG_VOTER], "张*明");
	assert_string_equal(pub.cell[REG_CONTACT], "138****8000");
	assert_string_equal(pub.cell[REG_DATE], "2026-03-03");
	assert_string_equal(in.cell[REG_VOTER], "张三明");
	assert_string_equal(in.cell[REG_CONTACT], "13800138000；三组");
	register_text_block(&sb, &pub, 80);
	assert_null(strstr(sb.buf, "张三明"));
	assert_null(strstr(sb.buf, "13800138000"));
	assert_non_null(strstr(sb.buf, "张*明"));
	register_row_release(&pub);
	register_row_release(&in);
	strbuf_release(&sb);
	/* Who may take the internal register is the gate's table: test-ledger.c. */
}

static void test_progress_line(void **state)
{
	char line[256];

	(void)state;
	progress_format(line, sizeof(line), "Exporting", 50, 200, 60);
	assert_non_null(strstr(line, " 25%  50/200"));
	assert_non_null(strstr(line, "[#"));
	assert_true(u8_width(line) <= 59);
	progress_format(line, sizeof(line), "导出", 200, 200, 40);
	assert_non_null(strstr(line, "100%"));
	assert_null(strchr(line, '.'));		/* a full bar */
	progress_format(line, sizeof(line), "Importing", 1234, 0, 60);
	assert_non_null(strstr(line, "1234"));
	/* Not a terminal here: no bar, and every call takes NULL. */
	if (!isatty(STDERR_FILENO)) {
		struct progress *p = progress_start("x", 10);

		assert_null(p);
		progress_update(p, 5);
		progress_stop(p);
	}
}

static void test_open311(void **state)
{
	struct ticket t;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	memset(&t, 0, sizeof(t));
	t.number = "LJ-2026-0001";
	t.name = "张三明";
	t.phone = "13800138000";
	t.address = "三组";
	t.issue = "张三明说电话13800138000打不通，2号楼，邻居１３９ １２３４ ５６７８也反映过";
	t.category = "农业农村";
	t.unit = "镇水利站";
	t.due_date = "2026-03-18";
	t.created_at = "2026-03-03 09:00:00";
	t.updated_at = "2026-03-10 10:00:00";
	t.status = TS_CLOSED;
	export_open311(&sb, &t);
	assert_null(strstr(sb.buf, "张三明"));
	assert_null(strstr(sb.buf, "13800138000"));
	assert_non_null(strstr(sb.buf, "\"description\":\"张*明说电话***********打不通，2号楼，邻居*** **** ****也反映过\""));
	assert_null(strstr(sb.buf, "５６７８"));
	assert_non_null(strstr(sb.buf, "\"address\":\"三组\""));
	assert_null(strstr(sb.buf, "address_string"));
	assert_non_null(strstr(sb.buf, "\"status\":\"closed\""));
	assert_non_null(strstr(sb.buf, "\"requested_datetime\":\"2026-03-03T09:00:00+08:00\""));
	assert_non_null(strstr(sb.buf, "\"expected_datetime\":\"2026-03-18T23:59:59+08:00\""));
	assert_non_null(strstr(sb.buf, "\"agency_responsible\":\"镇水利站\""));
	strbuf_release(&sb);
}

/* The guard of test_open311_large: a quadratic scrub takes minutes on a megabyte. */
static void too_slow(int sig)
{
	static const char msg[] = "Bail out! export_open311 of a 1 MB ticket took over 30 s: not linear\n";

	(void)sig;
	if (write(STDOUT_FILENO, msg, sizeof(msg) - 1) < 0)
		_exit(2);
	_exit(1);
}

/*
 * A ticket of about a megabyte (an imported one can be that large): its
 * Open311 record is written in time linear in its length.  The name was
 * counted again at every character of the issue: 118 s for this ticket.
 */
static void test_open311_large(void **state)
{
	struct ticket t;
	struct strbuf name = STRBUF_INIT, issue = STRBUF_INIT, sb = STRBUF_INIT;
	size_t n = 0;

	(void)state;
	for (int i = 0; i < 100000; i++)
		strbuf_adds(&name, i % 2 ? "明" : "张");
	for (int i = 0; i < 200000; i++)
		strbuf_adds(&issue, i % 50000 == 0 ? name.buf : i % 3 ? "路" : "灯");
	memset(&t, 0, sizeof(t));
	t.number = "LJ-2026-0001";
	t.name = name.buf;
	t.phone = "";
	t.address = "";
	t.issue = issue.buf;
	t.category = "其他";
	t.unit = "";
	t.created_at = "2026-03-03 09:00:00";
	t.updated_at = "2026-03-03 09:00:00";
	signal(SIGALRM, too_slow);
	alarm(30);
	export_open311(&sb, &t);
	alarm(0);
	signal(SIGALRM, SIG_DFL);
	/* The name is masked wherever it stands, as in a short ticket. */
	assert_null(strstr(sb.buf, name.buf));
	for (const char *p = sb.buf; (p = strstr(p, "张*")); p += 4)
		n++;
	assert_int_equal(n, 4);
	strbuf_release(&name);
	strbuf_release(&issue);
	strbuf_release(&sb);
}

/* ---- through the store ---- */

static const struct actor me = { "王芳", "wangfang", "" };

static struct store *ledger(const char *code)
{
	struct store *s;

	assert_int_equal(store_open(unit_path("ledger.db"), STORE_CREATE, &s), STORE_OK);
	assert_int_equal(store_setting_set(s, "station_code", code, &unit_actor), STORE_OK);
	return s;
}

static void add(struct store *s, const char *name, const char *cat)
{
	struct intake in = { .name = name, .phone = "13800138000", .category = cat, .issue = "水渠" };
	struct ticket t;

	assert_int_equal(store_ticket_add(s, &in, &me, &t), STORE_OK);
	ticket_release(&t);
}

static int collect(void *arg, const char *json, size_t len)
{
	struct strbuf *sb = arg;

	strbuf_add(sb, json, len);
	strbuf_addch(sb, '\n');
	return 0;
}

static void noop_tick(void *arg, int64_t done)
{
	(void)arg;
	(void)done;
}

static void export_all(struct store *s, struct strbuf *sb)
{
	strbuf_reset(sb);
	assert_int_equal(store_export_jsonl(s, collect, noop_tick, sb), STORE_OK);
}

/*
 * What an export says of the tickets, the same whichever ledger holds them:
 * the voter, day and ticket lines with each event's id and hash (which are
 * the holding ledger's own, chain.h) taken out.
 */
static void export_tickets(struct store *s, struct strbuf *out)
{
	struct strbuf all = STRBUF_INIT;

	export_all(s, &all);
	strbuf_reset(out);
	for (const char *p = all.buf; *p; ) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) + 1 : strlen(p);

		if (!strncmp(p, "{\"type\":\"ticket\"", 16) || !strncmp(p, "{\"type\":\"voter\"", 15) ||
		    !strncmp(p, "{\"type\":\"day\"", 13) || !strncmp(p, "{\"type\":\"deputy\"", 16)) {
			for (size_t i = 0; i < n; ) {
				if (!strncmp(p + i, "{\"id\":", 6)) {
					strbuf_addch(out, '{');
					i += 6;
					while (p[i] >= '0' && p[i] <= '9')
						i++;
					if (p[i] == ',')
						i++;
				} else if (!strncmp(p + i, ",\"hash\":\"", 9)) {
					i += 9;
					while (p[i] != '"')
						i++;
					i++;
				} else {
					strbuf_addch(out, p[i++]);
				}
			}
		}
		p += n;
	}
	strbuf_release(&all);
}

/* Import text line by line; returns the result of the failing line or of finish. */
static int import_text(struct store *s, const char *text, struct import_stats *st)
{
	struct import *im;
	long lineno = 0;
	int r = store_import_begin(s, &unit_actor, &im);

	assert_int_equal(r, STORE_OK);
	for (const char *p = text; *p; ) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);

		r = store_import_line(im, p, n, ++lineno);
		if (r != STORE_OK) {
			store_import_abort(im);
			return r;
		}
		p += n + (nl ? 1 : 0);
	}
	return store_import_finish(im, st);
}

static void test_roundtrip(void **state)
{
	struct store *a = ledger("LJ"), *b = ledger("XC");
	struct strbuf ea = STRBUF_INIT, eb = STRBUF_INIT, bad = STRBUF_INIT;
	struct import_stats st;
	struct report rep;
	struct step h = { .action = TA_HANDOVER, .unit = "镇水利站", .due_date = "2026-03-01" };
	char *p;

	(void)state;
	add(a, "张三明", "农业农村");
	add(a, "张三明", "城建交通");
	add(a, "李四", "农业农村");
	assert_int_equal(store_ticket_step(a, "LJ-2026-0002", &h, &me, NULL), STORE_OK);
	export_all(a, &ea);

	assert_int_equal(import_text(b, ea.buf, &st), STORE_OK);
	assert_int_equal(st.tickets_added, 3);
	assert_int_equal(st.voters_added, 2);
	{
		struct strbuf ta = STRBUF_INIT, tb = STRBUF_INIT;

		/* Lossless: the tickets and their histories, but for the holding ledger's own ids and hashes. */
		export_tickets(a, &ta);
		export_tickets(b, &tb);
		assert_string_equal(ta.buf, tb.buf);
		/* Again: nothing changes. */
		export_all(b, &eb);
		assert_int_equal(import_text(b, ea.buf, &st), STORE_OK);
		assert_int_equal(st.tickets_added, 0);
		assert_int_equal(st.tickets_unchanged, 3);
		{
			struct strbuf again = STRBUF_INIT;

			export_all(b, &again);
			assert_string_equal(again.buf, eb.buf);
			strbuf_release(&again);
		}
		strbuf_release(&ta);
		strbuf_release(&tb);
	}

	/* The county's own numbering is untouched: its first ticket is XC's 1. */
	add(b, "王五", "社会保障");
	assert_int_equal(store_ticket_find(b, "XC-2026-0001") > 0, 1);

	/* Figures over imported tickets: 3 issues, 2 voters, 1 overdue, one station. */
	assert_int_equal(store_report_load(b, "2026-03-01", "2026-03-31", NULL, &rep), STORE_OK);
	assert_int_equal(rep.total.tickets, 4);
	assert_int_equal(rep.total.voters, 3);
	assert_int_equal(rep.total.overdue, 1);
	assert_int_equal(rep.nstation, 2);
	report_release(&rep);

	/* A damaged line: refused with its number, nothing changes. */
	strbuf_add(&bad, ea.buf, ea.len);
	p = strstr(bad.buf, "\"status\":\"assigned\"");
	assert_non_null(p);
	memcpy(p + 10, "xssigned", 8);
	export_all(b, &eb);
	assert_int_not_equal(import_text(b, bad.buf, &st), STORE_OK);
	assert_non_null(strstr(unit_last_error, "line "));
	{
		struct strbuf after = STRBUF_INIT;

		export_all(b, &after);
		assert_string_equal(after.buf, eb.buf);
		strbuf_release(&after);
	}

	strbuf_release(&ea);
	strbuf_release(&eb);
	strbuf_release(&bad);
	store_close(a);
	store_close(b);
}

/* ---- what a period's figures cost ---- */

/*
 * Reset the counters of every statement the connection holds, so that
 * afterwards those that ran (SQLITE_STMTSTATUS_RUN) are the ones a call made.
 */
static void work_reset(sqlite3 *db)
{
	for (sqlite3_stmt *st = sqlite3_next_stmt(db, NULL); st; st = sqlite3_next_stmt(db, st)) {
		sqlite3_stmt_status(st, SQLITE_STMTSTATUS_RUN, 1);
		sqlite3_stmt_status(st, SQLITE_STMTSTATUS_VM_STEP, 1);
		sqlite3_stmt_status(st, SQLITE_STMTSTATUS_FULLSCAN_STEP, 1);
	}
}

/*
 * The plan of a statement that reads tickets or reception days: each is
 * reached through the period's indexes (tickets_created, or tickets_day for
 * the tickets of a day; reception_days_date), never by a scan or through an
 * index that spans the whole ledger.
 */
static void check_plan(sqlite3 *db, const char *sql)
{
	char *explain = xasprintf("EXPLAIN QUERY PLAN %s", sql);
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_prepare_v2(db, explain, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *d = (const char *)sqlite3_column_text(st, 3), *ix = strstr(d, " INDEX ");
		int ok = strncmp(d, "SCAN ", 5) != 0;

		if (ok && ix && !strncmp(ix + 7, "tickets_", 8))
			ok = !strncmp(ix + 7, "tickets_created ", 16) || !strncmp(ix + 7, "tickets_day ", 12);
		if (!ok)
			fail_msg("%s\n  plan: %s", sql, d);
	}
	sqlite3_finalize(st);
	free(explain);
}

/* The steps of SQLite's machine in the statements that ran since work_reset(); their plans checked. */
static int64_t work_done(sqlite3 *db, int *nstmts)
{
	int64_t steps = 0;

	*nstmts = 0;
	for (sqlite3_stmt *st = sqlite3_next_stmt(db, NULL); st; st = sqlite3_next_stmt(db, st)) {
		const char *sql = sqlite3_sql(st);

		if (!sqlite3_stmt_status(st, SQLITE_STMTSTATUS_RUN, 0))
			continue;
		steps += sqlite3_stmt_status(st, SQLITE_STMTSTATUS_VM_STEP, 0);
		if (sql && (strstr(sql, "tickets") || strstr(sql, "reception_days"))) {
			check_plan(db, sql);
			(*nstmts)++;
		}
	}
	return steps;
}

static int count_row(const struct ticket *t, void *arg)
{
	(void)t;
	(*(int *)arg)++;
	return 0;
}

/* The work of February's report and register: SQLite steps, statements checked, and the figures. */
static int64_t february(struct store *s, int *nstmts, struct report *rep, int *rows)
{
	int64_t steps;

	work_reset(store_db(s));
	assert_int_equal(store_report_load(s, "2026-02-01", "2026-02-28", NULL, rep), STORE_OK);
	*rows = 0;
	assert_int_equal(store_register_list(s, "2026-02-01", "2026-02-28", 1, NULL, count_row, rows), STORE_OK);
	steps = work_done(store_db(s), nstmts);
	return steps;
}

/* On date (JIEDAI_NOW), a reception day with n tickets, the first voided; then one ticket on no day. */
static void a_day(struct store *s, const char *date, int n)
{
	char now[32], *deps[] = { "王芳", NULL }, *other = NULL;
	struct step v = { .action = TA_VOID, .text = "登记错了" };
	struct reception_day d;

	snprintf(now, sizeof(now), "%sT09:00:00", date);
	setenv("JIEDAI_NOW", now, 1);
	assert_int_equal(store_day_open(s, NULL, deps, NULL, &unit_actor, &other), STORE_OK);
	free(other);
	for (int i = 0; i < n; i++) {
		struct intake in = { .name = "张三明", .phone = "13800138000", .category = "农业农村",
				     .issue = "水渠" };
		struct ticket t;

		assert_int_equal(store_ticket_add(s, &in, &me, &t), STORE_OK);
		if (i == 0)
			assert_int_equal(store_ticket_step(s, t.number, &v, &me, NULL), STORE_OK);
		ticket_release(&t);
	}
	assert_int_equal(store_day_close(s, &unit_actor, &d), STORE_OK);
	reception_day_release(&d);
	add(s, "李四", "城建交通");
	setenv("JIEDAI_NOW", "2026-03-10T09:30:00", 1);
}

/*
 * A month's figures cost what the month holds: once the ledger holds
 * something on either side of February (where an index range stops), the
 * report and register of February do the same work, step for step, however
 * much more it holds in other months (days, tickets, void ones); and every
 * statement reaches the month through its indexes.
 */
static void test_month_costs_the_month(void **state)
{
	struct store *s = ledger("LJ");
	struct report before, after;
	int64_t w1, w2;
	int n1, n2, rows1, rows2;

	(void)state;
	a_day(s, "2026-01-20", 2);
	a_day(s, "2026-02-03", 4);
	a_day(s, "2026-02-17", 3);
	a_day(s, "2026-03-03", 2);
	w1 = february(s, &n1, &before, &rows1);
	assert_true(n1 >= 8);		/* the report's queries and the register's were seen */
	assert_int_equal(before.total.tickets, 7);	/* 5 on two days, 2 on no day */
	assert_int_equal(before.voided, 2);
	assert_int_equal(before.nday, 3);
	assert_int_equal(rows1, 9);

	/* More months around it, with more days, tickets and void ones than February. */
	a_day(s, "2025-11-04", 6);
	a_day(s, "2025-12-02", 6);
	a_day(s, "2025-12-16", 6);
	a_day(s, "2026-01-06", 6);
	a_day(s, "2026-03-05", 6);
	a_day(s, "2026-03-10", 6);
	w2 = february(s, &n2, &after, &rows2);
	assert_int_equal(after.total.tickets, before.total.tickets);
	assert_int_equal(after.voided, before.voided);
	assert_int_equal(after.nday, before.nday);
	assert_int_equal(rows2, rows1);
	assert_int_equal(n2, n1);
	if (w2 != w1)
		fail_msg("February cost %lld steps of SQLite, %lld with the months around it", (long long)w1,
			 (long long)w2);
	report_release(&before);
	report_release(&after);
	store_close(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pct),
		cmocka_unit_test(test_avg),
		cmocka_unit_test(test_period_and_bar),
		cmocka_unit_test(test_csv_cell),
		cmocka_unit_test(test_register_masking),
		cmocka_unit_test(test_progress_line),
		cmocka_unit_test(test_open311),
		cmocka_unit_test(test_open311_large),
		cmocka_unit_test(test_roundtrip),
		cmocka_unit_test(test_month_costs_the_month),
	};

	unit_init();
	return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
