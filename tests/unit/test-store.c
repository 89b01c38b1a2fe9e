/*
 * test-store.c — the ledger database: creation and migrations, numbering,
 * every life-cycle step through the store, the append-only rules, reception
 * days and positions, lists with keyset pagination, drafts and settings.
 */
#include "unit.h"

#include <sqlite3.h>
#include <fcntl.h>
#include <sys/stat.h>

#include "store-internal.h"
#include "store.h"
#include "strbuf.h"

struct fixture {
	struct store *s;
};

static const struct actor me = { "王芳", "wangfang", "" };

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	setenv("JIEDAI_NOW", "2026-03-10T09:30:00", 1);
	if (store_open(unit_path("ledger.db"), STORE_CREATE, &f->s) != STORE_OK)
		return -1;
	if (store_setting_set(f->s, "station_code", "LJ", &unit_actor) != STORE_OK)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	store_close(f->s);
	free(f);
	return 0;
}

/* Add a ticket for name; returns its number (caller frees). */
static char *add(struct store *s, const char *name, const char *phone)
{
	struct intake in = { .name = name, .phone = phone, .category = "农业农村",
			     .issue = "灌溉水渠年久失修" };
	struct ticket t;
	char *n;

	assert_int_equal(store_ticket_add(s, &in, &me, &t), STORE_OK);
	n = strdup(t.number);
	ticket_release(&t);
	return n;
}

static int step(struct store *s, const char *number, struct step st)
{
	return store_ticket_step(s, number, &st, &me, NULL);
}

static enum ticket_status status_of(struct store *s, const char *number)
{
	struct ticket t;
	enum ticket_status st;

	assert_int_equal(store_ticket_get(s, number, &t), STORE_OK);
	st = t.status;
	ticket_release(&t);
	return st;
}

static void test_create_and_reopen(void **state)
{
	const char *p = unit_path("fresh.db");
	char path[512];
	struct store *s;
	struct stat st;

	(void)state;
	snprintf(path, sizeof(path), "%s", p);
	/* Missing and not asked to create: a clear refusal, nothing made. */
	assert_int_not_equal(store_open(path, 0, &s), STORE_OK);
	assert_int_equal(access(path, F_OK), -1);
	assert_int_equal(store_open(path, STORE_CREATE, &s), STORE_OK);
	assert_true(store_created(s));
	store_close(s);
	/* Private to its owner when not in a shared directory, whatever the umask. */
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(store_open(path, 0, &s), STORE_OK);
	assert_false(store_created(s));
	store_close(s);
}

static void test_pragmas(void **state)
{
	struct fixture *f = *state;
	sqlite3_stmt *st;

	sqlite3_prepare_v2(store_db(f->s), "PRAGMA journal_mode", -1, &st, NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	sqlite3_prepare_v2(store_db(f->s), "PRAGMA synchronous", -1, &st, NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 2);	/* FULL */
	sqlite3_finalize(st);
	sqlite3_prepare_v2(store_db(f->s), "PRAGMA foreign_keys", -1, &st, NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 1);
	sqlite3_finalize(st);
	sqlite3_prepare_v2(store_db(f->s), "PRAGMA user_version", -1, &st, NULL);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), store_schema_version());
	sqlite3_finalize(st);
}

static void test_migrate_old_database(void **state)
{
	char path[512];
	struct store *s;
	struct ticket t;
	struct check_result res;
	struct strbuf report = STRBUF_INIT;
	char n[32], answered[32];

	(void)state;
	snprintf(path, sizeof(path), "%s", unit_path("old.db"));
	/* A ledger made at schema 1 by an older jiedai ... */
	assert_int_equal(store_open_version(path, 1, &s), STORE_OK);
	snprintf(n, sizeof(n), "%s", unit_old_ticket(store_db(s), 1, "张三", "13800138000", "水渠", NULL));
	/* ... with an answer dated before the day it was typed in (answer --date) ... */
	snprintf(answered, sizeof(answered), "%s",
		 unit_old_ticket(store_db(s), 2, "李四", "13900139000", "路灯", "2026-03-11"));
	store_close(s);
	/* ... opens with this one, is upgraded, and keeps its tickets ... */
	assert_int_equal(store_open(path, 0, &s), STORE_OK);
	assert_int_equal(store_ticket_get(s, n, &t), STORE_OK);
	assert_string_equal(t.name, "张三");
	ticket_release(&t);
	assert_int_equal(store_ticket_get(s, answered, &t), STORE_OK);
	assert_string_equal(t.answer_date, "2026-03-11");
	ticket_release(&t);
	/* ... its unit directory begun with the unit it had handed items to ... */
	{
		struct unit u;

		assert_int_equal(store_unit_get(s, "镇水利站", &u), STORE_OK);
		assert_int_equal(u.in_hand, 0);
		unit_release(&u);
	}
	/* ... with its history sealed: the check finds nothing wrong. */
	assert_int_equal(store_check(s, NULL, &res, &report), STORE_OK);
	if (res.problems)
		fail_msg("%s", report.buf);
	strbuf_release(&report);
	store_close(s);
	/* A ledger from a newer jiedai is refused, not damaged. */
	{
		sqlite3 *db;

		assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
		sqlite3_exec(db, "PRAGMA user_version = 999", NULL, NULL, NULL);
		sqlite3_close(db);
	}
	assert_int_equal(store_open(path, 0, &s), STORE_IO);
	assert_non_null(strstr(unit_last_error, "newer"));
}

static void test_numbers_gapless(void **state)
{
	struct fixture *f = *state;
	char *a = add(f->s, "张三", "13800138000");
	char *b = add(f->s, "李四", "");
	char *c;

	assert_string_equal(a, "LJ-2026-0001");
	assert_string_equal(b, "LJ-2026-0002");
	/* A refused ticket takes no number. */
	{
		struct intake in = { .name = "王五", .category = "", .issue = "x" };
		struct ticket t;

		assert_int_equal(store_ticket_add(f->s, &in, &me, &t), STORE_REFUSED);
	}
	c = add(f->s, "王五", "");
	assert_string_equal(c, "LJ-2026-0003");
	free(c);
	/* A new year starts again at 1. */
	setenv("JIEDAI_NOW", "2027-01-02T08:00:00", 1);
	c = add(f->s, "赵六", "");
	assert_string_equal(c, "LJ-2027-0001");
	free(c);
	/* The format is the station's. */
	assert_int_equal(store_setting_set(f->s, "number_format", "{station}{year}{seq:5}", &unit_actor), STORE_OK);
	c = add(f->s, "钱七", "");
	assert_string_equal(c, "LJ202700002");
	free(c);
	assert_int_equal(store_setting_set(f->s, "number_format", "{year}-{seq}", &unit_actor), STORE_REFUSED);
	free(a);
	free(b);
}

static void test_lifecycle(void **state)
{
	struct fixture *f = *state;
	char *n = add(f->s, "张三", "13800138000");
	struct ticket t;
	struct ticket_event *ev;
	size_t nev;

	assert_int_equal(status_of(f->s, n), TS_REGISTERED);
	/* Illegal: sign off or rate before an answer. */
	assert_int_equal(step(f->s, n, (struct step){ .action = TA_SIGNOFF }), STORE_REFUSED);
	assert_non_null(strstr(unit_last_error, "signed off"));
	assert_int_equal(step(f->s, n, (struct step){ .action = TA_RATE, .rating = "满意" }), STORE_REFUSED);
	/* Missing values are refused before anything changes. */
	assert_int_equal(step(f->s, n, (struct step){ .action = TA_HANDOVER, .unit = "" , .due_date = "2026-03-25"}),
			 STORE_REFUSED);
	assert_int_equal(step(f->s, n, (struct step){ .action = TA_HANDOVER, .unit = "镇农业服务中心",
						  .due_date = "2026-03-25" }), STORE_OK);
	assert_int_equal(status_of(f->s, n), TS_ASSIGNED);
	assert_int_equal(step(f->s, n, (struct step){ .action = TA_ANSWER, .method = "电话",
						  .text = "已安排维修" }), STORE_OK);
	/* 不满意: handled again, same unit, a fresh deadline. */
	assert_int_equal(step(f->s, n, (struct step){ .action = TA_RATE, .rating = "不满意" }), STORE_OK);
	assert_int_equal(store_ticket_get(f->s, n, &t), STORE_OK);
	assert_int_equal(t.status, TS_ASSIGNED);
	assert_string_equal(t.unit, "镇农业服务中心");
	assert_string_equal(t.due_date, "2026-03-25");	/* today + 15 */
	assert_string_equal(t.rating, "不满意");
	ticket_release(&t);
	assert_int_equal(step(f->s, n, (struct step){ .action = TA_ANSWER, .method = "入户回访",
						  .text = "水渠已修好", .date = "2026-03-12" }), STORE_OK);
	assert_int_equal(step(f->s, n, (struct step){ .action = TA_RATE, .rating = "满意" }), STORE_OK);
	assert_int_equal(status_of(f->s, n), TS_READY);
	assert_int_equal(step(f->s, n, (struct step){ .action = TA_SIGNOFF, .text = "已办结" }), STORE_OK);
	assert_int_equal(store_ticket_get(f->s, n, &t), STORE_OK);
	assert_int_equal(t.status, TS_CLOSED);
	assert_string_equal(t.closed_by, "王芳");
	assert_string_equal(t.answer_date, "2026-03-12");
	ticket_release(&t);
	/* Closed: no void, no answer; reopen with a reason is allowed. */
	assert_int_equal(step(f->s, n, (struct step){ .action = TA_VOID, .text = "错" }), STORE_REFUSED);
	assert_int_equal(step(f->s, n, (struct step){ .action = TA_REOPEN }), STORE_REFUSED);
	assert_int_equal(step(f->s, n, (struct step){ .action = TA_REOPEN, .text = "选民再次反映" }), STORE_OK);
	assert_int_equal(status_of(f->s, n), TS_ASSIGNED);
	/* Void needs a reason, then nothing more is possible. */
	assert_int_equal(step(f->s, n, (struct step){ .action = TA_VOID }), STORE_REFUSED);
	assert_int_equal(step(f->s, n, (struct step){ .action = TA_VOID, .text = "重复登记" }), STORE_OK);
	assert_int_equal(step(f->s, n, (struct step){ .action = TA_ANSWER, .method = "电话", .text = "x" }),
			 STORE_REFUSED);
	assert_non_null(strstr(unit_last_error, "voided"));

	/* Every step is an event, in order, with the actor. */
	assert_int_equal(store_ticket_get(f->s, n, &t), STORE_OK);
	assert_int_equal(store_ticket_events(f->s, t.id, &ev, &nev), STORE_OK);
	assert_int_equal(nev, 9);
	assert_string_equal(ev[0].kind, "register");
	assert_string_equal(ev[1].kind, "handover");
	assert_string_equal(ev[1].unit, "镇农业服务中心");
	assert_string_equal(ev[3].kind, "rate");
	assert_string_equal(ev[3].status_to, "assigned");
	assert_string_equal(ev[6].kind, "signoff");
	assert_string_equal(ev[7].kind, "reopen");
	assert_string_equal(ev[7].text, "选民再次反映");
	assert_string_equal(ev[8].kind, "void");
	assert_string_equal(ev[8].actor, "王芳");
	assert_string_equal(ev[8].login, "wangfang");
	store_events_free(ev, nev);
	ticket_release(&t);
	assert_int_equal(step(f->s, "LJ-2026-9999", (struct step){ .action = TA_VOID, .text = "x" }),
			 STORE_NOTFOUND);
	free(n);
}

static void test_nothing_deleted(void **state)
{
	struct fixture *f = *state;
	char *n = add(f->s, "张三", "");
	sqlite3 *db = store_db(f->s);

	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM tickets", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM events", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE events SET actor = 'x'", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(db, "UPDATE tickets SET number = 'LJ-2026-0099'", NULL, NULL, NULL),
			     SQLITE_OK);
	assert_int_equal(status_of(f->s, n), TS_REGISTERED);
	free(n);
}

static void test_on_the_spot(void **state)
{
	struct fixture *f = *state;
	struct intake in = { .name = "李四", .category = "社会保障", .issue = "低保政策怎么申请",
			     .spot_text = "已当场解释低保申请条件和材料" };
	struct intake in2 = in;
	struct ticket t;

	assert_int_equal(store_ticket_add(f->s, &in, &me, &t), STORE_OK);
	assert_int_equal(t.status, TS_ANSWERED);
	assert_string_equal(t.answer_method, "当面");
	ticket_release(&t);
	in2.spot_rating = "满意";
	assert_int_equal(store_ticket_add(f->s, &in2, &me, &t), STORE_OK);
	assert_int_equal(t.status, TS_READY);
	ticket_release(&t);
}

static void test_day_and_positions(void **state)
{
	struct fixture *f = *state;
	char *deps[] = { "王芳", "李强", NULL };
	struct reception_day d;
	struct ticket t;
	char *other = NULL, *a, *b, *c, *x;

	/* Without an open day a ticket has no position. */
	x = add(f->s, "周九", "");
	assert_int_equal(store_ticket_get(f->s, x, &t), STORE_OK);
	assert_int_equal(t.position, 0);
	assert_null(t.day_date);
	ticket_release(&t);
	assert_int_equal(store_day_current(f->s, &d), STORE_NOTFOUND);
	assert_int_equal(store_day_open(f->s, NULL, deps, "便民服务中心", &me, &other), STORE_OK);
	assert_null(other);
	a = add(f->s, "张三", "13800138000");
	b = add(f->s, "李四", "13900139000");
	c = add(f->s, "张三", "13800138000");	/* the same voter, a second issue */
	assert_int_equal(store_ticket_get(f->s, c, &t), STORE_OK);
	assert_int_equal(t.position, 1);
	assert_string_equal(t.day_date, "2026-03-10");
	assert_string_equal(t.deputy, "王芳");
	ticket_release(&t);
	assert_int_equal(store_ticket_get(f->s, b, &t), STORE_OK);
	assert_int_equal(t.position, 2);
	ticket_release(&t);
	assert_int_equal(store_day_current(f->s, &d), STORE_OK);
	assert_string_equal(d.date, "2026-03-10");
	assert_int_equal(d.visitors, 2);
	assert_int_equal(d.tickets, 3);
	assert_string_equal(d.deputies[0], "王芳");
	assert_string_equal(d.deputies[1], "李强");
	assert_null(d.deputies[2]);
	reception_day_release(&d);
	/* Next month: opening a new day closes the forgotten one. */
	setenv("JIEDAI_NOW", "2026-04-07T09:00:00", 1);
	assert_int_equal(store_day_open(f->s, NULL, NULL, NULL, &me, &other), STORE_OK);
	assert_string_equal(other, "2026-03-10");
	free(other);
	assert_int_equal(store_day_get(f->s, "2026-03-10", &d), STORE_OK);
	assert_non_null(d.closed_at);
	reception_day_release(&d);
	assert_int_equal(store_day_close(f->s, &me, &d), STORE_OK);
	reception_day_release(&d);
	assert_int_equal(store_day_close(f->s, &me, &d), STORE_NOTFOUND);
	free(a);
	free(b);
	free(c);
	free(x);
}

static int collect(const struct ticket *t, void *arg)
{
	char *buf = arg;

	strcat(buf, t->name);
	strcat(buf, " ");
	return 0;
}

static void test_lists(void **state)
{
	struct fixture *f = *state;
	struct ticket_filter fl = TICKET_FILTER_INIT;
	char buf[512] = "";
	char *n[6];
	struct ledger_counts c;
	int64_t count;

	n[0] = add(f->s, "张三", "13800138000");
	n[1] = add(f->s, "李四", "0571-88001234");
	n[2] = add(f->s, "王五", "");
	n[3] = add(f->s, "赵六", "");
	n[4] = add(f->s, "钱七", "");
	n[5] = add(f->s, "孙八", "");
	assert_int_equal(step(f->s, n[1], (struct step){ .action = TA_HANDOVER, .unit = "镇民政办",
							  .due_date = "2026-03-12" }), STORE_OK);
	assert_int_equal(step(f->s, n[2], (struct step){ .action = TA_ANSWER, .method = "当面", .text = "已解释" }), STORE_OK);
	assert_int_equal(step(f->s, n[2], (struct step){ .action = TA_RATE, .rating = "满意" }), STORE_OK);
	assert_int_equal(step(f->s, n[3], (struct step){ .action = TA_VOID, .text = "重复" }), STORE_OK);

	assert_int_equal(store_ticket_list(f->s, &fl, collect, buf), STORE_OK);
	assert_string_equal(buf, "张三 李四 王五 赵六 钱七 孙八 ");
	/* Keyset pagination: two at a time, continuing after the last id. */
	buf[0] = '\0';
	fl.limit = 2;
	fl.after_id = 2;
	assert_int_equal(store_ticket_list(f->s, &fl, collect, buf), STORE_OK);
	assert_string_equal(buf, "王五 赵六 ");
	buf[0] = '\0';
	fl.order = ORDER_NEWEST;
	fl.after_id = 5;
	assert_int_equal(store_ticket_list(f->s, &fl, collect, buf), STORE_OK);
	assert_string_equal(buf, "赵六 王五 ");
	/* Filters. */
	memset(&fl, 0, sizeof(fl));
	fl.status = TS_READY;
	buf[0] = '\0';
	assert_int_equal(store_ticket_list(f->s, &fl, collect, buf), STORE_OK);
	assert_string_equal(buf, "王五 ");
	fl.status = -1;
	fl.open_only = 1;
	assert_int_equal(store_ticket_count(f->s, &fl, &count), STORE_OK);
	assert_int_equal(count, 5);
	fl.open_only = 0;
	fl.text = "88001234";	/* phone fragment */
	buf[0] = '\0';
	assert_int_equal(store_ticket_list(f->s, &fl, collect, buf), STORE_OK);
	assert_string_equal(buf, "李四 ");
	fl.text = "057188001234";	/* typed without the dash */
	buf[0] = '\0';
	assert_int_equal(store_ticket_list(f->s, &fl, collect, buf), STORE_OK);
	assert_string_equal(buf, "李四 ");
	fl.text = "张";
	buf[0] = '\0';
	assert_int_equal(store_ticket_list(f->s, &fl, collect, buf), STORE_OK);
	assert_string_equal(buf, "张三 ");
	fl.text = "LJ-2026-0005";
	buf[0] = '\0';
	assert_int_equal(store_ticket_list(f->s, &fl, collect, buf), STORE_OK);
	assert_string_equal(buf, "钱七 ");
	fl.text = "水渠 失修";	/* all words must match */
	assert_int_equal(store_ticket_count(f->s, &fl, &count), STORE_OK);
	assert_int_equal(count, 6);
	fl.limit = 4;	/* a capped count stops there */
	assert_int_equal(store_ticket_count(f->s, &fl, &count), STORE_OK);
	assert_int_equal(count, 4);
	fl.limit = 0;
	fl.text = "水渠 学校";
	assert_int_equal(store_ticket_count(f->s, &fl, &count), STORE_OK);
	assert_int_equal(count, 0);
	fl.text = "100%";	/* LIKE wildcards are literal */
	assert_int_equal(store_ticket_count(f->s, &fl, &count), STORE_OK);
	assert_int_equal(count, 0);

	/* Overdue once the deadline has passed, and only then. */
	assert_int_equal(store_counts(f->s, &c), STORE_OK);
	assert_int_equal(c.overdue, 0);
	assert_int_equal(c.ready, 1);
	assert_int_equal(c.open, 5);
	assert_int_equal(c.today, 6);
	setenv("JIEDAI_NOW", "2026-03-13T09:00:00", 1);
	assert_int_equal(store_counts(f->s, &c), STORE_OK);
	assert_int_equal(c.overdue, 1);
	assert_int_equal(c.today, 0);
	memset(&fl, 0, sizeof(fl));
	fl.status = -1;
	fl.overdue = 1;
	buf[0] = '\0';
	assert_int_equal(store_ticket_list(f->s, &fl, collect, buf), STORE_OK);
	assert_string_equal(buf, "李四 ");
	for (int i = 0; i < 6; i++)
		free(n[i]);
}

static void test_voter_by_phone(void **state)
{
	struct fixture *f = *state;
	struct voter v;
	char *a = add(f->s, "张三", "13800138000");
	char *b = add(f->s, "张三", "13800138000");
	struct ticket ta, tb;

	assert_int_equal(store_voter_by_phone(f->s, "13800138000", &v), STORE_OK);
	assert_string_equal(v.name, "张三");
	assert_int_equal(v.tickets, 2);
	store_ticket_get(f->s, a, &ta);
	store_ticket_get(f->s, b, &tb);
	assert_int_equal(ta.voter_id, tb.voter_id);
	ticket_release(&ta);
	ticket_release(&tb);
	voter_release(&v);
	assert_int_equal(store_voter_by_phone(f->s, "13900000000", &v), STORE_NOTFOUND);
	free(a);
	free(b);
}

static void test_extra_and_drafts(void **state)
{
	struct fixture *f = *state;
	struct intake in = { .name = "张三", .category = "其他", .issue = "路灯不亮",
			     .extra_json = "{\"request\":\"尽快修好\",\"village\":\"二组\"}" };
	struct ticket t;
	int64_t id;
	char *form, *ticket, *data, *saved, *v;

	assert_int_equal(store_ticket_add(f->s, &in, &me, &t), STORE_OK);
	ticket_release(&t);
	assert_int_equal(store_ticket_get(f->s, "lj-2026-0001", &t), STORE_OK);	/* any case */
	assert_int_equal(t.nextra, 2);
	assert_string_equal(t.extra_keys[0], "request");
	assert_string_equal(t.extra_vals[0], "尽快修好");
	assert_string_equal(t.extra_keys[1], "village");
	ticket_release(&t);

	assert_int_equal(store_draft_get(f->s, "wangfang", "王芳", &id, &form, &ticket, &data, &saved), STORE_NOTFOUND);
	assert_int_equal(store_draft_save(f->s, "wangfang", "王芳", "intake", NULL, "{\"name\":\"李四\"}"), STORE_OK);
	assert_int_equal(store_draft_save(f->s, "wangfang", "王芳", "intake", NULL, "{\"name\":\"李四光\"}"), STORE_OK);
	/* On a shared login another person does not see it. */
	assert_int_equal(store_draft_get(f->s, "wangfang", "李强", &id, &form, &ticket, &data, &saved), STORE_NOTFOUND);
	assert_int_equal(store_draft_get(f->s, "wangfang", "王芳", &id, &form, &ticket, &data, &saved), STORE_OK);
	assert_string_equal(form, "intake");
	assert_null(ticket);
	v = store_json_get(f->s, data, "name");
	assert_string_equal(v, "李四光");
	free(v);
	free(form);
	free(data);
	free(saved);
	assert_int_equal(store_draft_delete(f->s, id), STORE_OK);
	assert_int_equal(store_draft_get(f->s, "wangfang", "王芳", &id, &form, &ticket, &data, &saved), STORE_NOTFOUND);
}

static void test_settings(void **state)
{
	struct fixture *f = *state;
	char *v;

	v = store_setting(f->s, "deadline_days");
	assert_string_equal(v, "15");
	free(v);
	assert_int_equal(store_setting_set(f->s, "deadline_days", "30", &unit_actor), STORE_OK);
	assert_int_equal(store_setting_int(f->s, "deadline_days"), 30);
	assert_int_equal(store_setting_set(f->s, "deadline_days", "many", &unit_actor), STORE_REFUSED);
	assert_int_equal(store_setting_set(f->s, "station_code", "lj", &unit_actor), STORE_REFUSED);
	assert_int_equal(store_setting_set(f->s, "no_such_key", "1", &unit_actor), STORE_REFUSED);
	assert_int_equal(store_setting_set(f->s, "qr_url", "https://例子/{number}", &unit_actor), STORE_REFUSED);
	assert_int_equal(store_setting_set(f->s, "signoff_roles", "head,staff", &unit_actor), STORE_OK);
	assert_int_equal(store_setting_set(f->s, "signoff_roles", "boss", &unit_actor), STORE_REFUSED);
}

/* Count the list's rows whose voter is masked, and find a name among the rows. */
struct seen_tally {
	int rows, masked;
	const char *want;
	int found;
};

static int tally(const struct ticket *t, void *arg)
{
	struct seen_tally *k = arg;

	k->rows++;
	k->masked += t->masked;
	if (k->want && !strcmp(t->name, k->want))
		k->found = 1;
	return 0;
}

/* The personal-data rule below every face: the store masks what the reader may not see. */
static void test_personal_data_rule(void **state)
{
	struct fixture *f = *state;
	static const struct actor li = { "李强", "liqiang", "" }, sun = { "孙丽", "sunli", "" };
	struct intake a = { .name = "张三明", .phone = "13800138000", .address = "青松村3组",
			    .category = "农业农村", .issue = "水渠失修", .deputy = "李强" };
	struct intake b = { .name = "王五华", .phone = "13900139000", .address = "河东村1组",
			    .category = "城建交通", .issue = "路灯不亮", .deputy = "孙丽" };
	struct ticket_filter all = TICKET_FILTER_INIT, word = TICKET_FILTER_INIT;
	struct seen_tally k = { 0 };
	struct ticket ta, tb, t;
	struct voter v;

	assert_int_equal(store_ticket_add(f->s, &a, &li, &ta), STORE_OK);
	assert_int_equal(store_ticket_add(f->s, &b, &sun, &tb), STORE_OK);
	store_set_viewer(f->s, "李强");
	assert_int_equal(store_ticket_get(f->s, tb.number, &t), STORE_OK);
	assert_true(t.masked);
	assert_string_equal(t.name, "王*华");
	assert_string_equal(t.phone, "139****9000");
	assert_string_equal(t.address, "河东**");
	ticket_release(&t);
	assert_int_equal(store_ticket_get(f->s, ta.number, &t), STORE_OK);
	assert_false(t.masked);
	assert_string_equal(t.phone, "13800138000");
	ticket_release(&t);
	assert_int_equal(store_ticket_list(f->s, &all, tally, &k), STORE_OK);
	assert_int_equal(k.rows, 2);
	assert_int_equal(k.masked, 1);
	/* Searching by the other voter's name or phone finds nothing; by the issue, the masked row. */
	word.text = "王五华";
	memset(&k, 0, sizeof(k));
	assert_int_equal(store_ticket_list(f->s, &word, tally, &k), STORE_OK);
	assert_int_equal(k.rows, 0);
	word.text = "13900139000";
	assert_int_equal(store_ticket_list(f->s, &word, tally, &k), STORE_OK);
	assert_int_equal(k.rows, 0);
	word.text = "路灯";
	assert_int_equal(store_ticket_list(f->s, &word, tally, &k), STORE_OK);
	assert_int_equal(k.rows, 1);
	/*
	 * Answering, rating or printing another deputy's item shows its voter
	 * no more than before (it once did: any step made the voter the
	 * reader's to see).
	 */
	{
		struct step st = { .action = TA_ANSWER, .method = "电话", .text = "已答复" };
		struct step rate = { .action = TA_RATE, .rating = "满意" };

		assert_int_equal(store_ticket_step(f->s, tb.number, &st, &li, NULL), STORE_OK);
		assert_int_equal(store_ticket_step(f->s, tb.number, &rate, &li, NULL), STORE_OK);
		assert_int_equal(store_ticket_note_event(f->s, tb.id, "print", "terminal", &li), STORE_OK);
	}
	assert_int_equal(store_ticket_get(f->s, tb.number, &t), STORE_OK);
	assert_true(t.masked);
	assert_string_equal(t.phone, "139****9000");
	ticket_release(&t);
	/* A public output reads the ledger alone: the voter in full, whoever reads, until set back. */
	assert_int_equal(store_read_public(f->s, 1), 0);
	assert_int_equal(store_ticket_get(f->s, tb.number, &t), STORE_OK);
	assert_false(t.masked);
	assert_string_equal(t.phone, "13900139000");
	ticket_release(&t);
	assert_int_equal(store_read_public(f->s, 0), 1);
	/* Given to follow up, the voter is the reader's to see; moved to another, no longer. */
	{
		int64_t id;

		assert_int_equal(store_deputy_ensure(f->s, "李强", &id), STORE_OK);
		assert_int_equal(store_deputy_ensure(f->s, "周九", &id), STORE_OK);
	}
	assert_int_equal(store_ticket_follow(f->s, tb.number, "李强", &me, &t), STORE_OK);
	assert_string_equal(t.follow_deputy, "李强");
	assert_false(t.masked);
	assert_string_equal(t.name, "王五华");
	ticket_release(&t);
	memset(&k, 0, sizeof(k));
	word.text = "13900139000";
	assert_int_equal(store_ticket_list(f->s, &word, tally, &k), STORE_OK);
	assert_int_equal(k.rows, 1);
	assert_int_equal(store_ticket_follow(f->s, tb.number, "周九", &me, &t), STORE_OK);
	assert_true(t.masked);
	ticket_release(&t);
	memset(&k, 0, sizeof(k));
	assert_int_equal(store_ticket_list(f->s, &word, tally, &k), STORE_OK);
	assert_int_equal(k.rows, 0);
	/* The voter by phone: linked, masked, for a reader who sees none of their tickets. */
	store_set_viewer(f->s, "赵敏");
	assert_int_equal(store_voter_by_phone(f->s, "13900139000", &v), STORE_OK);
	assert_true(v.masked);
	assert_string_equal(v.name, "王*华");
	voter_release(&v);
	store_set_viewer(f->s, NULL);
	assert_int_equal(store_voter_by_phone(f->s, "13900139000", &v), STORE_OK);
	assert_false(v.masked);
	voter_release(&v);
	ticket_release(&ta);
	ticket_release(&tb);
}

/*
 * The follow-up deputy (跟进代表): set, moved and cleared by events that
 * `check` replays; a row changed behind jiedai's back is named; the
 * refusals say why.
 */
static void test_follow_deputy(void **state)
{
	struct fixture *f = *state;
	char *n = add(f->s, "张三", "13800138000"), *v = add(f->s, "李四", "13900139000");
	struct check_result res;
	struct strbuf report = STRBUF_INIT;
	struct ticket t;
	int64_t id;

	assert_int_equal(store_deputy_ensure(f->s, "李强", &id), STORE_OK);
	assert_int_equal(store_deputy_ensure(f->s, "周九", &id), STORE_OK);
	assert_int_equal(store_user_set(f->s, "zhaomin", "赵敏", ROLE_STAFF, &unit_actor), STORE_OK);
	/* Nothing to clear; not a deputy; staff see every voter already. */
	assert_int_equal(store_ticket_follow(f->s, n, "", &me, &t), STORE_REFUSED);
	assert_non_null(strstr(unit_last_error, "nothing to clear"));
	assert_int_equal(store_ticket_follow(f->s, n, "无名氏", &me, &t), STORE_REFUSED);
	assert_int_equal(store_ticket_follow(f->s, n, "赵敏", &me, &t), STORE_REFUSED);
	assert_int_equal(store_ticket_follow(f->s, "LJ-2026-9999", "李强", &me, &t), STORE_NOTFOUND);
	/* Given, the same again refused, moved, taken back. */
	assert_int_equal(store_ticket_follow(f->s, n, "李强", &me, &t), STORE_OK);
	assert_string_equal(t.follow_deputy, "李强");
	assert_int_equal(t.status, TS_REGISTERED);	/* the life cycle stays */
	ticket_release(&t);
	assert_int_equal(store_ticket_follow(f->s, n, "李强", &me, &t), STORE_REFUSED);
	assert_non_null(strstr(unit_last_error, "already"));
	assert_int_equal(store_ticket_follow(f->s, n, "周九", &me, &t), STORE_OK);
	ticket_release(&t);
	assert_int_equal(store_ticket_follow(f->s, n, "", &me, &t), STORE_OK);
	assert_string_equal(t.follow_deputy, "");
	ticket_release(&t);
	assert_int_equal(store_ticket_follow(f->s, n, "周九", &me, &t), STORE_OK);
	ticket_release(&t);
	/* The history says so, event by event. */
	{
		struct ticket_event *ev;
		size_t nev, follows = 0;

		assert_int_equal(store_ticket_get(f->s, n, &t), STORE_OK);
		assert_int_equal(store_ticket_events(f->s, t.id, &ev, &nev), STORE_OK);
		for (size_t i = 0; i < nev; i++)
			if (!strcmp(ev[i].kind, "follow"))
				follows++;
		assert_int_equal(follows, 4);
		assert_string_equal(ev[nev - 1].follow_deputy, "周九");
		assert_string_equal(ev[nev - 1].follow_before, "");
		assert_string_equal(ev[nev - 2].follow_deputy, "");
		assert_string_equal(ev[nev - 2].follow_before, "周九");
		assert_null(ev[0].follow_deputy);
		store_events_free(ev, nev);
		ticket_release(&t);
	}
	/* A void item is given to nobody, but taken back from anybody. */
	assert_int_equal(store_ticket_follow(f->s, v, "李强", &me, &t), STORE_OK);
	ticket_release(&t);
	assert_int_equal(step(f->s, v, (struct step){ .action = TA_VOID, .text = "重复登记" }), STORE_OK);
	assert_int_equal(store_ticket_follow(f->s, v, "周九", &me, &t), STORE_REFUSED);
	assert_non_null(strstr(unit_last_error, "void"));
	assert_int_equal(store_ticket_follow(f->s, v, "", &me, &t), STORE_OK);
	ticket_release(&t);
	/* The rows follow from their history ... */
	assert_int_equal(store_check(f->s, NULL, &res, &report), STORE_OK);
	if (res.problems)
		fail_msg("%s", report.buf);
	/* ... and one changed behind jiedai's back is named. */
	assert_int_equal(sqlite3_exec(store_db(f->s), "UPDATE tickets SET follow_deputy = '李强' WHERE number = 'LJ-2026-0001'",
				      NULL, NULL, NULL), SQLITE_OK);
	strbuf_reset(&report);
	assert_int_equal(store_check(f->s, NULL, &res, &report), STORE_OK);
	assert_int_equal(res.problems, 1);
	assert_non_null(strstr(report.buf, "follow-up deputy is '李强' in the ledger but '周九' in its history"));
	strbuf_release(&report);
	free(n);
	free(v);
}

/* Break the b-tree page at the root of the table or index name, in the closed ledger at path. */
static void damage(const char *path, const char *name)
{
	static const char sql[] =
		"SELECT rootpage, (SELECT page_size FROM pragma_page_size) FROM sqlite_master WHERE name = ?1";
	unsigned char junk[16];
	sqlite3_stmt *st;
	sqlite3 *db;
	int fd;
	off_t at;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	at = (off_t)(sqlite3_column_int(st, 0) - 1) * sqlite3_column_int(st, 1);
	sqlite3_finalize(st);
	sqlite3_close(db);
	memset(junk, 0xff, sizeof(junk));
	fd = open(path, O_WRONLY);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, junk, sizeof(junk), at), (ssize_t)sizeof(junk));
	close(fd);
}

/* A copy of the ledger at from, with name's root page broken, opened. */
static struct store *damaged(const char *from, const char *name)
{
	char path[512], cmd[1200];
	struct store *s;

	snprintf(path, sizeof(path), "%s", unit_path("damaged.db"));
	snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", from, path);
	assert_int_equal(system(cmd), 0);
	damage(path, name);
	assert_int_equal(store_open(path, 0, &s), STORE_OK);
	unit_last_error[0] = '\0';
	return s;
}

/*
 * Reads report their errors: a ledger that cannot be read is never "no
 * such ticket", a history cut short is not a history, and a setting that
 * cannot be read is said, and stops the write that needed it.
 */
static void test_reads_report_errors(void **state)
{
	char path[512];
	struct store *s;
	struct ticket t;
	struct ticket_event *ev = NULL;
	size_t nev = 99;
	char *n, *v;
	int64_t count = -1;

	(void)state;
	snprintf(path, sizeof(path), "%s", unit_path("sound.db"));
	assert_int_equal(store_open(path, STORE_CREATE, &s), STORE_OK);
	assert_int_equal(store_setting_set(s, "station_code", "LJ", &unit_actor), STORE_OK);
	n = add(s, "张三", "13800138000");
	assert_int_equal(store_unit_add(s, "镇水利站", NULL, NULL, &unit_actor, NULL), STORE_OK);
	store_close(s);

	/* A directory that cannot be read is not "no such unit". */
	s = damaged(path, "unit_names");
	{
		struct unit u;

		assert_int_equal(store_unit_get(s, "镇水利站", &u), STORE_IO);
		assert_non_null(strstr(unit_last_error, "damaged"));
	}
	store_close(s);

	s = damaged(path, "sqlite_autoindex_tickets_1");
	assert_int_equal(store_ticket_get(s, n, &t), STORE_IO);
	assert_non_null(strstr(unit_last_error, "damaged"));
	assert_null(strstr(unit_last_error, "no ticket"));
	assert_int_equal(store_ticket_find(s, n), -1);
	store_close(s);

	s = damaged(path, "events");
	assert_int_not_equal(store_ticket_events(s, 1, &ev, &nev), STORE_OK);
	assert_null(ev);
	assert_int_equal(nev, 0);
	assert_non_null(strstr(unit_last_error, "damaged"));
	store_close(s);

	s = damaged(path, "settings");
	v = store_setting(s, "station_code");
	assert_non_null(strstr(unit_last_error, "damaged"));
	free(v);
	/* The add read the station code to number the ticket: it must not take the default. */
	{
		struct intake in = { .name = "李四", .category = "农业农村", .issue = "路灯" };

		assert_int_not_equal(store_ticket_add(s, &in, &me, &t), STORE_OK);
	}
	store_close(s);
	/* Nothing was saved in the sound ledger's copy either way; the original still reads. */
	assert_int_equal(store_open(path, 0, &s), STORE_OK);
	{
		struct ticket_filter f = TICKET_FILTER_INIT;

		assert_int_equal(store_ticket_count(s, &f, &count), STORE_OK);
		assert_int_equal(count, 1);
	}
	store_close(s);
	free(n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_and_reopen),
		cmocka_unit_test(test_migrate_old_database),
		cmocka_unit_test_setup_teardown(test_pragmas, setup, teardown),
		cmocka_unit_test_setup_teardown(test_numbers_gapless, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lifecycle, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nothing_deleted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_on_the_spot, setup, teardown),
		cmocka_unit_test_setup_teardown(test_day_and_positions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lists, setup, teardown),
		cmocka_unit_test_setup_teardown(test_voter_by_phone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_extra_and_drafts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_settings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_personal_data_rule, setup, teardown),
		cmocka_unit_test_setup_teardown(test_follow_deputy, setup, teardown),
		cmocka_unit_test(test_reads_report_errors),
	};

	unit_init();
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
