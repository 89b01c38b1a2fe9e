/*
 * test-lookup.c — the phone-in look-up (number + last four phone digits or
 * check code) and scanned payloads: right codes find the ticket, wrong
 * codes and unknown numbers get the same answer, bad input is named.
 */
#include "unit.h"

#include <sqlite3.h>
#include <time.h>

#include "clock.h"
#include "lookup.h"
#include "receipt.h"
#include "store-internal.h"
#include "store.h"
#include "strbuf.h"

static const struct actor me = { "王芳", "wangfang", "" };

struct fixture {
	struct store *s;
	struct ticket t, nophone;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct intake a = { .name = "张三明", .phone = "13800138000", .category = "农业农村",
			    .issue = "灌溉水渠年久失修" };
	struct intake b = { .name = "李四", .category = "社会保障", .issue = "低保怎么申请" };

	if (store_open(unit_path("l.db"), STORE_CREATE, &f->s) != STORE_OK)
		return -1;
	if (store_setting_set(f->s, "station_code", "LJ", &unit_actor) != STORE_OK)
		return -1;
	if (store_ticket_add(f->s, &a, &me, &f->t) != STORE_OK ||
	    store_ticket_add(f->s, &b, &me, &f->nophone) != STORE_OK)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	ticket_release(&f->t);
	ticket_release(&f->nophone);
	store_close(f->s);
	free(f);
	return 0;
}

static void test_phone_digits(void **state)
{
	struct fixture *f = *state;
	struct ticket t;
	char wrong_msg[1024];

	assert_int_equal(lookup_verify(f->s, f->t.number, "8000", NULL, &t), LOOKUP_OK);
	assert_string_equal(t.number, f->t.number);
	ticket_release(&t);
	/* Full-width digits from an input method, and the number in lower case. */
	assert_int_equal(lookup_verify(f->s, "lj-2026-0001", "８０００", NULL, &t), LOOKUP_OK);
	ticket_release(&t);

	assert_int_equal(lookup_verify(f->s, f->t.number, "8001", NULL, &t), LOOKUP_NOMATCH);
	snprintf(wrong_msg, sizeof(wrong_msg), "%s", unit_last_error);
	/* A number that does not exist gets the same words (with its own number). */
	assert_int_equal(lookup_verify(f->s, "LJ-2026-0009", "8000", NULL, &t), LOOKUP_NOMATCH);
	{
		char expect[1024];
		char *at = strstr(wrong_msg, f->t.number);

		assert_non_null(at);
		memcpy(at, "LJ-2026-0009", strlen("LJ-2026-0009"));
		snprintf(expect, sizeof(expect), "%s", wrong_msg);
		assert_string_equal(unit_last_error, expect);
	}
	/* A ticket without a phone never matches phone digits. */
	assert_int_equal(lookup_verify(f->s, f->nophone.number, "0000", NULL, &t), LOOKUP_NOMATCH);

	assert_int_equal(lookup_verify(f->s, f->t.number, "800", NULL, &t), LOOKUP_BADINPUT);
	assert_int_equal(lookup_verify(f->s, f->t.number, "13800138000", NULL, &t), LOOKUP_BADINPUT);
	assert_int_equal(lookup_verify(f->s, f->t.number, "80a0", NULL, &t), LOOKUP_BADINPUT);
}

static void test_check_code(void **state)
{
	struct fixture *f = *state;
	struct ticket t;
	char lower[8];

	assert_int_equal(lookup_verify(f->s, f->t.number, NULL, f->t.check_code, &t), LOOKUP_OK);
	ticket_release(&t);
	for (int i = 0; f->t.check_code[i]; i++)
		lower[i] = (char)(f->t.check_code[i] | 0x20);
	lower[CHECK_CODE_LEN] = '\0';
	assert_int_equal(lookup_verify(f->s, f->t.number, NULL, lower, &t), LOOKUP_OK);
	ticket_release(&t);
	/* Another ticket's code does not open this one. */
	assert_int_equal(lookup_verify(f->s, f->t.number, NULL, f->nophone.check_code, &t),
			 strcmp(f->t.check_code, f->nophone.check_code) ? LOOKUP_NOMATCH : LOOKUP_OK);
	if (!strcmp(f->t.check_code, f->nophone.check_code))
		ticket_release(&t);
	assert_int_equal(lookup_verify(f->s, f->t.number, NULL, "AB", &t), LOOKUP_BADINPUT);
}

static void test_payload(void **state)
{
	struct fixture *f = *state;
	struct ticket t;
	char *p = receipt_payload(f->t.number, f->t.check_code, NULL);
	char bad[64];

	assert_int_equal(lookup_payload(f->s, p, &t), LOOKUP_OK);
	assert_string_equal(t.number, f->t.number);
	ticket_release(&t);
	free(p);

	snprintf(bad, sizeof(bad), "JD:%s:%s", f->t.number,
		 strcmp(f->t.check_code, "34679") ? "34679" : "34677");
	assert_int_equal(lookup_payload(f->s, bad, &t), LOOKUP_NOMATCH);
	assert_non_null(strstr(unit_last_error, "check code"));
	assert_int_equal(lookup_payload(f->s, "JD:LJ-2026-0077:34679", &t), LOOKUP_NOMATCH);
	assert_int_equal(lookup_payload(f->s, f->t.number, &t), LOOKUP_NOTPAYLOAD);

	/* The station's URL form. */
	assert_int_equal(store_setting_set(f->s, "qr_url", "https://rd.cn/q/{number}/{check}", &unit_actor), STORE_OK);
	p = receipt_payload(f->t.number, f->t.check_code, "https://rd.cn/q/{number}/{check}");
	assert_int_equal(lookup_payload(f->s, p, &t), LOOKUP_OK);
	ticket_release(&t);
	free(p);
}

/* The readings of text, as "STATION/YEAR/SEQ" joined by spaces. */
static void reads_as(const char *text, const char *want)
{
	struct number_reading rd[8];
	int n = lookup_parse_number(text, rd, 8);
	char got[256] = "";

	for (int i = 0; i < n; i++)
		snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%s/%d/%lld", i ? " " : "",
			 rd[i].station, rd[i].year, rd[i].seq);
	if (strcmp(got, want))
		fail_msg("'%s' reads as '%s', want '%s'", text, got, want);
}

static void test_parse_number(void **state)
{
	(void)state;
	reads_as("0001", "/0/1");
	reads_as("1", "/0/1");
	reads_as("2026-1", "/2026/1");
	reads_as("2026 0001", "/2026/1");
	reads_as("lj 2026 0001", "LJ/2026/1");
	reads_as("LJ-2026-0001", "LJ/2026/1");
	reads_as("LJ20260001", "LJ/0/20260001 LJ/2026/1");
	reads_as("20260001", "/0/20260001 /2026/1");
	reads_as("ＬＪ－２０２６－０００１", "LJ/2026/1");
	reads_as("  lj2026-1 ", "LJ/2026/1 LJ2026/0/1");
	reads_as("station8 2026 12", "STATION8/2026/12");
	/* Not ledger numbers. */
	reads_as("张三", "");
	reads_as("", "");
	reads_as("0", "");
	reads_as("2026 3 1", "");
	reads_as("1-LJ", "");
	reads_as("26-1", "");
	reads_as("1234567890", "");
}

/* A ledger over two years and two stations: LJ-2025-0001, LJ-2026-0001 and -0002, QX-2026-0001. */
static void add_more(struct fixture *f, struct ticket *old, struct ticket *other)
{
	struct intake a = { .name = "王五", .phone = "13900001111", .category = "其他", .issue = "去年的事" };
	struct intake b = { .name = "赵六", .phone = "13600008000", .category = "其他", .issue = "青溪的事" };
	struct tm tm = { .tm_year = 2025 - 1900, .tm_mon = 5, .tm_mday = 1, .tm_hour = 9, .tm_isdst = -1 };

	clock_set(mktime(&tm));
	assert_int_equal(store_ticket_add(f->s, &a, &me, old), STORE_OK);
	clock_set(0);
	assert_string_equal(old->number, "LJ-2025-0001");
	assert_int_equal(store_setting_set(f->s, "station_code", "QX", &unit_actor), STORE_OK);
	assert_int_equal(store_ticket_add(f->s, &b, &me, other), STORE_OK);
	assert_string_equal(other->number, "QX-2026-0001");
	assert_int_equal(store_setting_set(f->s, "station_code", "LJ", &unit_actor), STORE_OK);
}

static void resolves(struct store *s, const char *text, int want, const char *number)
{
	char *got = NULL;
	int r = lookup_resolve(s, text, &got);

	if (r != want)
		fail_msg("'%s': result %d, want %d (%s)", text, r, want, unit_last_error);
	if (number)
		assert_string_equal(got, number);
	else
		assert_null(got);
	free(got);
}

static void test_resolve(void **state)
{
	struct fixture *f = *state;
	struct ticket old, other;

	/* One year, one station: the short forms find the only match. */
	resolves(f->s, "0001", LOOKUP_OK, "LJ-2026-0001");
	resolves(f->s, "2", LOOKUP_OK, "LJ-2026-0002");
	resolves(f->s, "2026-1", LOOKUP_OK, "LJ-2026-0001");
	resolves(f->s, "lj 2026 0001", LOOKUP_OK, "LJ-2026-0001");
	resolves(f->s, "LJ20260002", LOOKUP_OK, "LJ-2026-0002");
	resolves(f->s, "０００２", LOOKUP_OK, "LJ-2026-0002");
	resolves(f->s, "lj-2026-0001", LOOKUP_OK, "LJ-2026-0001");
	resolves(f->s, "#2", LOOKUP_OK, "#2");
	resolves(f->s, "0003", LOOKUP_NOMATCH, NULL);
	assert_non_null(strstr(unit_last_error, "0003"));
	resolves(f->s, "2025-1", LOOKUP_NOMATCH, NULL);
	resolves(f->s, "灌溉", LOOKUP_NOMATCH, NULL);

	add_more(f, &old, &other);
	/* Several match: say which. */
	resolves(f->s, "0001", LOOKUP_AMBIGUOUS, NULL);
	assert_non_null(strstr(unit_last_error, "LJ-2025-0001"));
	assert_non_null(strstr(unit_last_error, "LJ-2026-0001"));
	assert_non_null(strstr(unit_last_error, "QX-2026-0001"));
	resolves(f->s, "2026-1", LOOKUP_AMBIGUOUS, NULL);
	assert_null(strstr(unit_last_error, "LJ-2025-0001"));
	resolves(f->s, "2025-1", LOOKUP_OK, "LJ-2025-0001");
	resolves(f->s, "qx1", LOOKUP_OK, "QX-2026-0001");
	resolves(f->s, "lj 2026 1", LOOKUP_OK, "LJ-2026-0001");
	resolves(f->s, "2", LOOKUP_OK, "LJ-2026-0002");
	/* The whole number is never ambiguous. */
	resolves(f->s, "LJ-2026-0001", LOOKUP_OK, "LJ-2026-0001");
	ticket_release(&old);
	ticket_release(&other);
}

/* A voter's look-up forgives the number too, but only proved tickets open or are named. */
static void test_verify_forgiving(void **state)
{
	struct fixture *f = *state;
	struct ticket t, old, other;
	char none[1024];

	assert_int_equal(lookup_verify(f->s, "0001", "8000", NULL, &t), LOOKUP_OK);
	assert_string_equal(t.number, "LJ-2026-0001");
	ticket_release(&t);
	add_more(f, &old, &other);
	/* 0001 is three tickets; the phone digits prove one. */
	assert_int_equal(lookup_verify(f->s, "0001", "1111", NULL, &t), LOOKUP_OK);
	assert_string_equal(t.number, "LJ-2025-0001");
	ticket_release(&t);
	assert_int_equal(lookup_verify(f->s, "1", NULL, other.check_code, &t), LOOKUP_OK);
	assert_string_equal(t.number, "QX-2026-0001");
	ticket_release(&t);
	/* Two tickets end in 8000: both proved, so both may be named. */
	assert_int_equal(lookup_verify(f->s, "0001", "8000", NULL, &t), LOOKUP_AMBIGUOUS);
	assert_non_null(strstr(unit_last_error, "LJ-2026-0001"));
	assert_non_null(strstr(unit_last_error, "QX-2026-0001"));
	assert_null(strstr(unit_last_error, "LJ-2025-0001"));
	/* Wrong digits: the same answer as a number that does not exist, naming nothing. */
	assert_int_equal(lookup_verify(f->s, "0099", "1234", NULL, &t), LOOKUP_NOMATCH);
	snprintf(none, sizeof(none), "%s", unit_last_error);
	assert_int_equal(lookup_verify(f->s, "0001", "1234", NULL, &t), LOOKUP_NOMATCH);
	assert_null(strstr(unit_last_error, "LJ-20"));
	{
		/* The messages differ only by the number as typed. */
		char *p = strstr(none, "0099");

		assert_non_null(p);
		memcpy(p, "0001", 4);
		assert_string_equal(none, unit_last_error);
	}
	ticket_release(&old);
	ticket_release(&other);
}

static void step(struct fixture *f, const char *when, enum ticket_action a, const char *rating)
{
	struct step st = { .action = a, .unit = "镇水利站", .due_date = "2026-04-30", .method = "电话",
			   .text = "已答复", .rating = rating };

	setenv("JIEDAI_NOW", when, 1);
	assert_int_equal(store_ticket_step(f->s, f->t.number, &st, &me, NULL), STORE_OK);
	setenv("JIEDAI_NOW", "2026-03-10T09:30:00", 1);
}

static void again_is(struct fixture *f, int want, const char *since, const char *why)
{
	struct ticket t;
	char got[11];
	const char *w;

	assert_int_equal(store_ticket_get(f->s, f->t.number, &t), STORE_OK);
	assert_int_equal(lookup_handled_again(f->s, &t, got, &w), want);
	assert_string_equal(got, since);
	if (why)
		assert_string_equal(w, why);
	else
		assert_null(w);
	ticket_release(&t);
}

static void test_handled_again(void **state)
{
	struct fixture *f = *state;

	step(f, "2026-03-11T09:00", TA_HANDOVER, NULL);
	again_is(f, 0, "", NULL);
	step(f, "2026-03-12T09:00", TA_ANSWER, NULL);
	again_is(f, 0, "", NULL);
	step(f, "2026-03-20T09:00", TA_RATE, "不满意");
	again_is(f, 1, "2026-03-20", "rate");
	/* Handed to another unit meanwhile: still being handled again. */
	step(f, "2026-03-21T09:00", TA_HANDOVER, NULL);
	again_is(f, 1, "2026-03-20", "rate");
	step(f, "2026-03-25T09:00", TA_ANSWER, NULL);
	again_is(f, 0, "", NULL);
	step(f, "2026-03-26T09:00", TA_REOPEN, NULL);
	again_is(f, 1, "2026-03-26", "reopen");
}

/* A history that cannot be read is not "never sent back": the note says it failed. */
static void test_handled_again_unreadable(void **state)
{
	struct fixture *f = *state;
	struct strbuf sb = STRBUF_INIT;
	struct ticket t;

	/* Being handled: only then does the history say whether it was sent back. */
	step(f, "2026-03-11T09:00", TA_HANDOVER, NULL);
	assert_int_equal(store_ticket_get(f->s, f->t.number, &t), STORE_OK);
	assert_int_equal(lookup_handled_again_note(f->s, &t, &sb), 0);
	/* The history goes from under the store, as in a damaged ledger. */
	assert_int_equal(sqlite3_exec(store_db(f->s),
				      "PRAGMA legacy_alter_table = ON; ALTER TABLE events RENAME TO events_gone", NULL,
				      NULL, NULL),
			 SQLITE_OK);
	unit_last_error[0] = '\0';
	assert_int_equal(lookup_handled_again_note(f->s, &t, &sb), -1);
	assert_true(unit_last_error[0] != '\0');
	ticket_release(&t);
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_phone_digits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_code, setup, teardown),
		cmocka_unit_test_setup_teardown(test_payload, setup, teardown),
		cmocka_unit_test(test_parse_number),
		cmocka_unit_test_setup_teardown(test_resolve, setup, teardown),
		cmocka_unit_test_setup_teardown(test_verify_forgiving, setup, teardown),
		cmocka_unit_test_setup_teardown(test_handled_again, setup, teardown),
		cmocka_unit_test_setup_teardown(test_handled_again_unreadable, setup, teardown),
	};

	unit_init();
	return cmocka_run_group_tests_name("lookup", tests, NULL, NULL);
}
