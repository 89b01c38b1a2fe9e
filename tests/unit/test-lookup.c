/*
 * test-lookup.c — the phone-in look-up (number + last four phone digits or
 * check code) and scanned payloads: right codes find the ticket, wrong
 * codes and unknown numbers get the same answer, bad input is named.
 */
#include "unit.h"

#include "lookup.h"
#include "receipt.h"
#include "store.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_phone_digits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_check_code, setup, teardown),
		cmocka_unit_test_setup_teardown(test_payload, setup, teardown),
	};

	unit_init();
	return cmocka_run_group_tests_name("lookup", tests, NULL, NULL);
}
