/* test-ticket.c — the life-cycle rules, ledger number formats and check codes. */
#include "unit.h"

#include "ticket.h"

/* Every (state, action) pair: which are allowed and where they lead. */
static void test_transitions(void **state)
{
	static const struct {
		enum ticket_status from;
		enum ticket_action a;
		int ok;
		enum ticket_status to;
	} table[] = {
		{ TS_REGISTERED, TA_HANDOVER, 1, TS_ASSIGNED },
		{ TS_REGISTERED, TA_ANSWER, 1, TS_ANSWERED },
		{ TS_REGISTERED, TA_RATE, 0, 0 },
		{ TS_REGISTERED, TA_SIGNOFF, 0, 0 },
		{ TS_REGISTERED, TA_REOPEN, 0, 0 },
		{ TS_REGISTERED, TA_VOID, 1, TS_VOID },
		{ TS_ASSIGNED, TA_HANDOVER, 1, TS_ASSIGNED },
		{ TS_ASSIGNED, TA_ANSWER, 1, TS_ANSWERED },
		{ TS_ASSIGNED, TA_RATE, 0, 0 },
		{ TS_ASSIGNED, TA_SIGNOFF, 0, 0 },
		{ TS_ASSIGNED, TA_REOPEN, 0, 0 },
		{ TS_ASSIGNED, TA_VOID, 1, TS_VOID },
		{ TS_ANSWERED, TA_HANDOVER, 0, 0 },
		{ TS_ANSWERED, TA_ANSWER, 1, TS_ANSWERED },
		{ TS_ANSWERED, TA_RATE, 1, TS_READY },
		{ TS_ANSWERED, TA_SIGNOFF, 0, 0 },
		{ TS_ANSWERED, TA_REOPEN, 1, TS_ASSIGNED },
		{ TS_ANSWERED, TA_VOID, 1, TS_VOID },
		{ TS_READY, TA_HANDOVER, 0, 0 },
		{ TS_READY, TA_ANSWER, 0, 0 },
		{ TS_READY, TA_RATE, 0, 0 },
		{ TS_READY, TA_SIGNOFF, 1, TS_CLOSED },
		{ TS_READY, TA_REOPEN, 1, TS_ASSIGNED },
		{ TS_READY, TA_VOID, 1, TS_VOID },
		{ TS_CLOSED, TA_HANDOVER, 0, 0 },
		{ TS_CLOSED, TA_ANSWER, 0, 0 },
		{ TS_CLOSED, TA_RATE, 0, 0 },
		{ TS_CLOSED, TA_SIGNOFF, 0, 0 },
		{ TS_CLOSED, TA_REOPEN, 1, TS_ASSIGNED },
		{ TS_CLOSED, TA_VOID, 0, 0 },
		{ TS_VOID, TA_HANDOVER, 0, 0 },
		{ TS_VOID, TA_ANSWER, 0, 0 },
		{ TS_VOID, TA_RATE, 0, 0 },
		{ TS_VOID, TA_SIGNOFF, 0, 0 },
		{ TS_VOID, TA_REOPEN, 0, 0 },
		{ TS_VOID, TA_VOID, 0, 0 },
	};

	(void)state;
	assert_int_equal(sizeof(table) / sizeof(table[0]), TS_COUNT * TA_COUNT);
	for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		const char *why = NULL;
		int r = ticket_step_check(table[i].from, table[i].a, &why);

		if (table[i].ok && r != 0)
			fail_msg("%s from %s refused: %s", ticket_action_name(table[i].a),
				 ticket_status_name(table[i].from), why);
		if (!table[i].ok) {
			if (r == 0)
				fail_msg("%s from %s allowed", ticket_action_name(table[i].a),
					 ticket_status_name(table[i].from));
			assert_non_null(why);
			assert_true(strlen(why) > 10);
			continue;
		}
		assert_int_equal(ticket_step_result(table[i].from, table[i].a, "满意"), table[i].to);
	}
	/* 不满意 sends it back to be handled again; 基本满意 counts as done. */
	assert_int_equal(ticket_step_result(TS_ANSWERED, TA_RATE, "不满意"), TS_ASSIGNED);
	assert_int_equal(ticket_step_result(TS_ANSWERED, TA_RATE, "基本满意"), TS_READY);
}

static void test_names(void **state)
{
	enum ticket_status s;

	(void)state;
	for (int i = 0; i < TS_COUNT; i++) {
		assert_int_equal(ticket_status_parse(ticket_status_name((enum ticket_status)i), &s), 0);
		assert_int_equal(s, i);
	}
	assert_string_equal(ticket_status_name(TS_READY), "ready");
	assert_int_equal(ticket_status_parse("nonsense", &s), -1);
	assert_true(ticket_rating_valid("基本满意"));
	assert_false(ticket_rating_valid("很好"));
}

static void test_numbers(void **state)
{
	char *n;

	(void)state;
	n = ticket_format_number("{station}-{year}-{seq:4}", "LJ", 2026, 153);
	assert_string_equal(n, "LJ-2026-0153");
	free(n);
	/* Past 9999 the number grows instead of wrapping. */
	n = ticket_format_number("{station}-{year}-{seq:4}", "LJ", 2026, 12345);
	assert_string_equal(n, "LJ-2026-12345");
	free(n);
	n = ticket_format_number("{station}{year}{seq:5}", "YB", 2027, 7);
	assert_string_equal(n, "YB202700007");
	free(n);
	assert_true(ticket_number_format_valid("{station}-{year}-{seq}"));
	assert_false(ticket_number_format_valid("{station}-{year}"));
	assert_false(ticket_number_format_valid("{year}-{seq:4}"));	/* not unique across stations */
	assert_false(ticket_number_format_valid("{station}-{seq:4}"));	/* nor across years */
	assert_false(ticket_number_format_valid("{station}-{year}-{seq:4}-{who}"));
	assert_false(ticket_number_format_valid("{station}-{year}-{seq"));
}

static void test_check_code(void **state)
{
	char a[CHECK_CODE_LEN + 1], b[CHECK_CODE_LEN + 1], typed[] = "k7mpx";
	int same = 0;

	(void)state;
	for (int i = 0; i < 200; i++) {
		ticket_make_check_code(a);
		ticket_make_check_code(b);
		assert_int_equal(strlen(a), CHECK_CODE_LEN);
		for (const char *p = a; *p; p++)
			assert_non_null(strchr(CHECK_CODE_ALPHABET, *p));
		same += !strcmp(a, b);
	}
	assert_true(same < 2);
	/* No look-alikes: 0 O 1 I L 2 Z 5 S 8 B are not in the alphabet. */
	assert_null(strpbrk(CHECK_CODE_ALPHABET, "0O1IL2Z5S8BDQUVG"));
	typed[1] = '4';
	assert_int_equal(ticket_check_code_normalize(typed), 0);
	assert_string_equal(typed, "K4MPX");
	assert_int_equal(ticket_check_code_normalize((char[]){ "K4MP" }), -1);
	assert_int_equal(ticket_check_code_normalize((char[]){ "K4MPO" }), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_transitions),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_check_code),
	};

	unit_init();
	return cmocka_run_group_tests_name("ticket", tests, NULL, NULL);
}
