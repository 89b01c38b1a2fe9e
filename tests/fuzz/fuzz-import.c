/*
 * fuzz-import.c — a JSON Lines export imported into a ledger (the county
 * roll-up, `jiedai import FILE`).
 *
 * The input is the file.  Each run imports it the way cmd-import.c does,
 * line by line into store_import_line(), then store_import_finish(), or
 * store_import_abort() after a refused line, into a fresh copy of a small
 * ledger: station LJ with two tickets of its own and three of station QT
 * imported from an earlier export (the one below), so that a file can add
 * to, bring up to date or collide with what is there.  The ledger stays
 * open from run to run (opening one costs more than most imports); before
 * each run SQLite's backup copies the pristine ledger, kept in memory, over
 * it.  Both live in a private temporary directory (on /dev/shm when it can).
 *
 * The property beyond "no crash": an import is refused, or after it the
 * ledger passes `jiedai check` (store_check() finds no problem).
 */
#include "fuzz.h"

#include <sqlite3.h>

#include "export.h"
#include "store-internal.h"
#include "store.h"
#include "store-write.h"
#include "strbuf.h"

/* Who imports (their events record it). */
static const struct actor importer = { "赵敏", "zhaomin", "" };

/* QT's ledger when it had three tickets, as `jiedai export --format jsonl` wrote it. */
static const char *const qt_export[] = {
	"{\"type\":\"header\",\"format\":\"jiedai-ledger\",\"version\":1}",
	"{\"type\":\"deputy\",\"name\":\"王芳\",\"role\":\"deputy\",\"phone\":\"\",\"active\":true,\"created_at\":\"2026-03-10 09:30:00\"}",
	"{\"type\":\"deputy\",\"name\":\"陈刚\",\"role\":\"deputy\",\"phone\":\"\",\"active\":true,\"created_at\":\"2026-03-10 09:30:00\"}",
	"{\"type\":\"day\",\"station\":\"QT\",\"date\":\"2026-03-10\",\"place\":\"青田镇便民服务中心\",\"opened_at\":\"2026-03-10 09:30:00\",\"opened_by\":\"王芳\",\"closed_at\":null,\"closed_by\":null,\"visitors\":3,\"deputies\":[\"王芳\",\"陈刚\"]}",
	"{\"type\":\"voter\",\"key\":\"QT-2026-0001\",\"name\":\"周建国\",\"phone\":\"13912345678\",\"address\":\"东山村2组\",\"created_at\":\"2026-03-10 09:30:00\"}",
	"{\"type\":\"ticket\",\"number\":\"QT-2026-0001\",\"station\":\"QT\",\"year\":2026,\"seq\":1,\"check_code\":\"WAPKF\",\"day_station\":\"QT\",\"day_date\":\"2026-03-10\",\"position\":1,\"voter\":\"QT-2026-0001\",\"name\":\"周建国\",\"phone\":\"13912345678\",\"address\":\"东山村2组\",\"category\":\"农业农村\",\"issue\":\"机耕路坑洼不平\",\"deputy\":\"王芳\",\"status\":\"assigned\",\"unit\":\"镇农办\",\"due_date\":\"2026-03-25\",\"answer_method\":\"\",\"answer_date\":null,\"answer_text\":\"\",\"rating\":\"\",\"closed_at\":null,\"closed_by\":\"\",\"close_note\":\"\",\"void_reason\":\"\",\"extra\":{},\"created_at\":\"2026-03-10 09:30:00\",\"updated_at\":\"2026-03-10 09:30:00\",\"events\":[{\"at\":\"2026-03-10 09:30:00\",\"kind\":\"register\",\"actor\":\"王芳\",\"login\":\"qtstaff\",\"client\":\"\",\"status_from\":null,\"status_to\":\"registered\",\"unit\":null,\"due_date\":null,\"method\":null,\"rating\":null,\"text\":null,\"data\":{}},{\"at\":\"2026-03-10 09:30:00\",\"kind\":\"handover\",\"actor\":\"王芳\",\"login\":\"qtstaff\",\"client\":\"\",\"status_from\":\"registered\",\"status_to\":\"assigned\",\"unit\":\"镇农办\",\"due_date\":\"2026-03-25\",\"method\":null,\"rating\":null,\"text\":null,\"data\":{}}]}",
	"{\"type\":\"voter\",\"key\":\"QT-2026-0002\",\"name\":\"吴丽\",\"phone\":\"\",\"address\":\"\",\"created_at\":\"2026-03-10 09:30:00\"}",
	"{\"type\":\"ticket\",\"number\":\"QT-2026-0002\",\"station\":\"QT\",\"year\":2026,\"seq\":2,\"check_code\":\"TXNT9\",\"day_station\":\"QT\",\"day_date\":\"2026-03-10\",\"position\":2,\"voter\":\"QT-2026-0002\",\"name\":\"吴丽\",\"phone\":\"\",\"address\":\"\",\"category\":\"社会保障\",\"issue\":\"医保转移手续怎么办\",\"deputy\":\"王芳\",\"status\":\"registered\",\"unit\":\"\",\"due_date\":null,\"answer_method\":\"\",\"answer_date\":null,\"answer_text\":\"\",\"rating\":\"\",\"closed_at\":null,\"closed_by\":\"\",\"close_note\":\"\",\"void_reason\":\"\",\"extra\":{},\"created_at\":\"2026-03-10 09:30:00\",\"updated_at\":\"2026-03-10 09:30:00\",\"events\":[{\"at\":\"2026-03-10 09:30:00\",\"kind\":\"register\",\"actor\":\"王芳\",\"login\":\"qtstaff\",\"client\":\"\",\"status_from\":null,\"status_to\":\"registered\",\"unit\":null,\"due_date\":null,\"method\":null,\"rating\":null,\"text\":null,\"data\":{}}]}",
	"{\"type\":\"voter\",\"key\":\"QT-2026-0003\",\"name\":\"郑一\",\"phone\":\"0571-88001234\",\"address\":\"\",\"created_at\":\"2026-03-10 09:30:00\"}",
	"{\"type\":\"ticket\",\"number\":\"QT-2026-0003\",\"station\":\"QT\",\"year\":2026,\"seq\":3,\"check_code\":\"TRK3P\",\"day_station\":\"QT\",\"day_date\":\"2026-03-10\",\"position\":3,\"voter\":\"QT-2026-0003\",\"name\":\"郑一\",\"phone\":\"0571-88001234\",\"address\":\"\",\"category\":\"城建交通\",\"issue\":\"路灯不亮\",\"deputy\":\"王芳\",\"status\":\"ready\",\"unit\":\"\",\"due_date\":null,\"answer_method\":\"当面\",\"answer_date\":\"2026-03-10\",\"answer_text\":\"已报修\",\"rating\":\"满意\",\"closed_at\":null,\"closed_by\":\"\",\"close_note\":\"\",\"void_reason\":\"\",\"extra\":{},\"created_at\":\"2026-03-10 09:30:00\",\"updated_at\":\"2026-03-10 09:30:00\",\"events\":[{\"at\":\"2026-03-10 09:30:00\",\"kind\":\"register\",\"actor\":\"王芳\",\"login\":\"qtstaff\",\"client\":\"\",\"status_from\":null,\"status_to\":\"registered\",\"unit\":null,\"due_date\":null,\"method\":null,\"rating\":null,\"text\":null,\"data\":{}},{\"at\":\"2026-03-10 09:30:00\",\"kind\":\"answer\",\"actor\":\"王芳\",\"login\":\"qtstaff\",\"client\":\"\",\"status_from\":\"registered\",\"status_to\":\"answered\",\"unit\":null,\"due_date\":null,\"method\":\"当面\",\"rating\":null,\"text\":\"已报修\",\"data\":{}},{\"at\":\"2026-03-10 09:30:00\",\"kind\":\"rate\",\"actor\":\"王芳\",\"login\":\"qtstaff\",\"client\":\"\",\"status_from\":\"answered\",\"status_to\":\"ready\",\"unit\":null,\"due_date\":null,\"method\":null,\"rating\":\"满意\",\"text\":null,\"data\":{}}]}",
	"{\"type\":\"end\",\"deputies\":2,\"days\":1,\"voters\":3,\"tickets\":3}",
};

/*
 * ASan keeps freed memory out of use for a while (its quarantine, 256 MB by
 * default) to catch use after free; an import frees megabytes, and fresh
 * pages for each run made this target three times slower.  16 MB still
 * holds what a run on a small file frees.
 */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "quarantine_size_mb=16:max_malloc_fill_size=0";
}

static struct store *ledger;	/* the ledger the runs import into */
static sqlite3 *pristine;	/* its state before any run, in memory */

/* Import lines (each without its newline) into s; the store's result. */
static int import_lines(struct store *s, const char *const *lines, size_t n)
{
	struct import *im;
	struct import_stats st;
	int r = store_import_begin(s, &importer, &im);

	if (r != STORE_OK)
		return r;
	for (size_t i = 0; i < n && r == STORE_OK; i++)
		r = store_import_line(im, lines[i], strlen(lines[i]), (long)i + 1);
	if (r != STORE_OK) {
		store_import_abort(im);
		return r;
	}
	return store_import_finish(im, &st);
}

/* Copy the main database of from over that of to. */
static void copy_db(sqlite3 *to, sqlite3 *from)
{
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");

	if (!b || sqlite3_backup_step(b, -1) != SQLITE_DONE || sqlite3_backup_finish(b) != SQLITE_OK)
		abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const struct actor me = { "王芳", "wangfang", "" };
	const struct intake in[2] = {
		{ .name = "张三明", .phone = "13800138000", .category = "农业农村", .issue = "灌溉水渠年久失修" },
		{ .name = "李四", .category = "社会保障", .issue = "低保怎么申请" },
	};
	struct store *s;

	(void)argc;
	(void)argv;
	fuzz_init();
	/*
	 * No bulk page-cache allocation for each new cache (temporary tables
	 * make several per import): under ASan each is fresh memory, and
	 * touching it cost more than the import.
	 */
	sqlite3_config(SQLITE_CONFIG_PAGECACHE, NULL, 0, 0);
	/* The same check codes in every process, so that saved inputs replay. */
	sqlite3_test_control(SQLITE_TESTCTRL_PRNG_SEED, 20260310, NULL);
	if (store_open(fuzz_path("ledger.db"), STORE_CREATE, &s) != STORE_OK ||
	    store_setting_set(s, "station_code", "LJ", &me) != STORE_OK)
		abort();
	for (int i = 0; i < 2; i++) {
		struct ticket t;

		if (store_ticket_add(s, &in[i], &me, &t) != STORE_OK)
			abort();
		ticket_release(&t);
	}
	if (import_lines(s, qt_export, sizeof(qt_export) / sizeof(qt_export[0])) != STORE_OK)
		abort();
	if (sqlite3_open(":memory:", &pristine) != SQLITE_OK)
		abort();
	copy_db(pristine, store_db(s));
	ledger = s;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	struct import *im;
	struct import_stats st;
	long lineno = 0;
	int r;

	copy_db(store_db(ledger), pristine);
	r = store_import_begin(ledger, &importer, &im);
	if (r != STORE_OK)
		abort();
	/* As cmd-import.c reads with getline(): lines end at '\n', NUL bytes and all. */
	while (r == STORE_OK && p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		char *line = xmalloc(len + 1);

		memcpy(line, p, len);
		line[len] = '\0';
		r = store_import_line(im, line, len, ++lineno);
		free(line);
		p += len + (nl ? 1 : 0);
	}
	if (r != STORE_OK) {
		store_import_abort(im);
		return 0;
	}
	/* An import is refused, or after it the ledger checks out (export.h). */
	if (store_import_finish(im, &st) == STORE_OK) {
		struct check_result res;
		struct strbuf report = STRBUF_INIT;

		if (store_check(ledger, NULL, &res, &report) != STORE_OK || res.problems) {
			fprintf(stderr, "an accepted import left the ledger failing its check:\n%s", report.buf);
			abort();
		}
		strbuf_release(&report);
	}
	return 0;
}
