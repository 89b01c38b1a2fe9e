/*
 * test-recover.c — a damaged ledger (store-recover.c): check counts what can
 * still be read around a damaged page, and recover makes a new ledger of it
 * that check finds sound, every number kept.
 */
#include "unit.h"

#include <fcntl.h>
#include <sys/stat.h>

#include "strbuf.h"
#include "xmalloc.h"

#define TICKETS 120

static const struct actor me = { "王芳", "wangfang", "" };

/* A ledger of TICKETS tickets with long issues (several pages of tickets); its path. */
static char *make_ledger(void)
{
	char *path = xstrdup(unit_path("ledger.db"));
	char issue[1024];
	struct store *s;

	memset(issue, 0, sizeof(issue));
	for (int i = 0; i < 20; i++)
		strcat(issue, "灌溉水渠年久失修，");
	assert_int_equal(store_open(path, STORE_CREATE, &s), STORE_OK);
	assert_int_equal(store_setting_set(s, "station_code", "LJ", &unit_actor), STORE_OK);
	for (int i = 0; i < TICKETS; i++) {
		struct intake in = { .name = "张三", .phone = "13800138000", .category = "农业农村", .issue = issue };
		struct ticket t;

		assert_int_equal(store_ticket_add(s, &in, &me, &t), STORE_OK);
		ticket_release(&t);
	}
	store_close(s);
	return path;
}

/* Overwrite the nth leaf page of table with garbage. */
static void damage(const char *path, const char *table, int nth)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	char junk[4096];
	int64_t page = 0;
	int fd;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT pageno FROM dbstat WHERE name = ?1 AND pagetype = 'leaf'"
					     " ORDER BY pageno LIMIT 1 OFFSET ?2", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, table, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, nth);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	page = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	for (size_t i = 0; i < sizeof(junk); i++)
		junk[i] = (char)(i * 7 + 13);
	fd = open(path, O_WRONLY);
	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, junk, sizeof(junk), (off_t)(page - 1) * 4096), (ssize_t)sizeof(junk));
	close(fd);
}

static void test_check_counts_around_damage(void **state)
{
	char *path = make_ledger();
	struct strbuf report = STRBUF_INIT;
	struct check_result res;
	struct store *s;

	(void)state;
	damage(path, "tickets", 2);
	assert_int_equal(store_open(path, 0, &s), STORE_OK);
	assert_int_equal(store_check(s, NULL, &res, &report), STORE_OK);
	assert_true(res.damaged);
	assert_true(res.problems > 0);
	assert_int_equal(res.damage.tickets_given, TICKETS);
	assert_true(res.damage.tickets_read > 0 && res.damage.tickets_read < TICKETS);
	assert_true(res.damage.tables_damaged >= 1);
	/* The rows on both sides of the damaged page were read. */
	assert_true(res.damage.events_read >= TICKETS);
	assert_non_null(strstr(report.buf, "tickets"));
	store_close(s);
	strbuf_release(&report);
	free(path);
}

static void test_recover_makes_a_sound_ledger(void **state)
{
	char *path = make_ledger();
	char *fresh = xstrdup(unit_path("new.db"));
	struct strbuf report = STRBUF_INIT;
	struct check_result res;
	struct recover_stats st;
	struct store *s;
	struct stat before, after;

	(void)state;
	damage(path, "tickets", 1);
	damage(path, "events", 3);
	assert_int_equal(stat(path, &before), 0);
	assert_int_equal(store_open(fresh, STORE_CREATE, &s), STORE_OK);
	assert_int_equal(store_recover(s, path, &unit_actor, &st), STORE_OK);
	/* Every number comes back, one way or another. */
	assert_int_equal(st.tickets_whole + st.tickets_from_history + st.tickets_in_part + st.tickets_lost, TICKETS);
	assert_true(st.tickets_whole > 0);
	assert_true(st.tickets_from_history + st.tickets_in_part + st.tickets_lost > 0);
	assert_int_equal(store_check(s, NULL, &res, &report), STORE_OK);
	if (res.problems)
		fail_msg("the recovered ledger has problems:\n%s", report.buf);
	assert_false(res.damaged);
	/* A second recover into it is refused: it is not new. */
	assert_int_equal(store_recover(s, path, &unit_actor, &st), STORE_REFUSED);
	store_close(s);
	/* The damaged file was only read. */
	assert_int_equal(stat(path, &after), 0);
	assert_int_equal(before.st_size, after.st_size);
	assert_true(before.st_mtim.tv_sec == after.st_mtim.tv_sec && before.st_mtim.tv_nsec == after.st_mtim.tv_nsec);
	strbuf_release(&report);
	free(path);
	free(fresh);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_counts_around_damage),
		cmocka_unit_test(test_recover_makes_a_sound_ledger),
	};

	unit_init();
	return cmocka_run_group_tests_name("recover", tests, NULL, NULL);
}
