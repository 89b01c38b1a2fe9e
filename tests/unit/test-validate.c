/* test-validate.c — phones, lengths in characters, invalid UTF-8, field kinds. */
#include "unit.h"

#include "formspec.h"
#include "strbuf.h"
#include "validate.h"

static void phone_ok(const char *in, const char *want)
{
	char *msg = NULL, *out = validate_phone(in, &msg);

	if (!out)
		fail_msg("'%s' refused: %s", in, msg);
	assert_string_equal(out, want);
	free(out);
}

static void phone_bad(const char *in)
{
	char *msg = NULL, *out = validate_phone(in, &msg);

	if (out)
		fail_msg("'%s' accepted as '%s'", in, out);
	assert_non_null(msg);
	free(msg);
}

static void test_phone(void **state)
{
	(void)state;
	phone_ok("13800138000", "13800138000");
	phone_ok("138 0013 8000", "13800138000");
	phone_ok("138-0013-8000", "13800138000");
	phone_ok("１３８００１３８０００", "13800138000");	/* full-width, from an input method */
	phone_ok("+86 138 0013 8000", "13800138000");
	phone_ok("0571-88001234", "0571-88001234");
	phone_ok("(0571) 8800 1234", "0571-88001234");
	phone_ok("010 12345678", "010-12345678");
	phone_ok("0827-5551234", "0827-5551234");
	phone_bad("1380013800");		/* 10 digits */
	phone_bad("88001234");			/* no area code */
	phone_bad("12345");
	phone_bad("138001380OO");		/* letters */
	phone_bad("电话13800138000");
}

static struct form_spec *parse(const char *text)
{
	struct strbuf errs = STRBUF_INIT;
	struct form_spec *f = formspec_parse(text, "t.form", &errs);

	if (!f)
		fail_msg("parse failed: %s", errs.buf);
	strbuf_release(&errs);
	return f;
}

static void test_fields(void **state)
{
	struct form_spec *f = parse(
		"form x\n"
		"field name\nlabel 姓名\nkind text\nmaxlen 4\nrequired\n"
		"field issue\nlabel 问题\nkind multiline\nmaxlen 10\n"
		"field cat\nlabel 类别\nkind choice\noption 农业农村 | Farming\noption 其他\n"
		"field when\nlabel 日期\nkind date\n"
		"field n\nlabel 数\nkind number\nrange 1 10\n"
		"field due\nlabel 期限\nkind deadline\n");
	char *out = NULL, *msg = NULL;

	(void)state;
	/* Four Chinese characters are 12 bytes but 4 characters: accepted. */
	assert_int_equal(validate_field(formspec_field(f, "name"), " 欧阳娜娜 ", &out, &msg), 0);
	assert_string_equal(out, "欧阳娜娜");
	free(out);
	assert_int_equal(validate_field(formspec_field(f, "name"), "欧阳娜娜娜", &out, &msg), -1);
	assert_non_null(strstr(msg, "4"));
	free(msg);
	assert_int_equal(validate_field(formspec_field(f, "name"), "", &out, &msg), -1);
	free(msg);
	assert_int_equal(validate_field(formspec_field(f, "name"), "张\x1b[2J", &out, &msg), -1);
	free(msg);
	assert_int_equal(validate_field(formspec_field(f, "name"), "张\xff", &out, &msg), -1);
	free(msg);
	assert_int_equal(validate_field(formspec_field(f, "name"), "张\n三", &out, &msg), -1);
	free(msg);
	/* Newlines are fine in a multiline field. */
	assert_int_equal(validate_field(formspec_field(f, "issue"), "第一行\n第二行", &out, &msg), 0);
	assert_string_equal(out, "第一行\n第二行");
	free(out);
	assert_int_equal(validate_field(formspec_field(f, "issue"), "", &out, &msg), 0);
	assert_string_equal(out, "");
	free(out);
	assert_int_equal(validate_field(formspec_field(f, "cat"), "农业农村", &out, &msg), 0);
	assert_string_equal(out, "农业农村");
	free(out);
	assert_int_equal(validate_field(formspec_field(f, "cat"), "Farming", &out, &msg), 0);
	assert_string_equal(out, "农业农村");
	free(out);
	assert_int_equal(validate_field(formspec_field(f, "cat"), "工业", &out, &msg), -1);
	assert_non_null(strstr(msg, "农业农村"));
	free(msg);
	assert_int_equal(validate_field(formspec_field(f, "when"), "2026年3月1日", &out, &msg), 0);
	assert_string_equal(out, "2026-03-01");
	free(out);
	assert_int_equal(validate_field(formspec_field(f, "n"), "１０", &out, &msg), 0);
	assert_string_equal(out, "10");
	free(out);
	assert_int_equal(validate_field(formspec_field(f, "n"), "11", &out, &msg), -1);
	free(msg);
	/* The clock says 2026-03-10. */
	assert_int_equal(validate_field(formspec_field(f, "due"), "15", &out, &msg), 0);
	assert_string_equal(out, "2026-03-25");
	free(out);
	assert_int_equal(validate_field(formspec_field(f, "due"), "7天", &out, &msg), 0);
	assert_string_equal(out, "2026-03-17");
	free(out);
	assert_int_equal(validate_field(formspec_field(f, "due"), "2026-04-01", &out, &msg), 0);
	assert_string_equal(out, "2026-04-01");
	free(out);
	assert_int_equal(validate_field(formspec_field(f, "due"), "2026-03-01", &out, &msg), -1);
	free(msg);
	assert_int_equal(validate_field(formspec_field(f, "due"), "0", &out, &msg), -1);
	free(msg);
	formspec_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phone),
		cmocka_unit_test(test_fields),
	};

	unit_init();
	return cmocka_run_group_tests_name("validate", tests, NULL, NULL);
}
