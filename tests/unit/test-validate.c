/* test-validate.c — phones, lengths in characters, the text rule, field kinds, names, logins, SSH addresses. */
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


static void test_rule_messages(void **state)
{
	struct form_spec *f = parse(
		"form x\n"
		"field name\nlabel 姓名\nkind text\nmaxlen 10\nrequired\n"
		"field issue\nlabel 问题\nkind multiline\nmaxlen 50\nrequired\n");
	const struct form_field *name = formspec_field(f, "name"), *issue = formspec_field(f, "issue");
	char *out = NULL, *msg = NULL;

	(void)state;
	/* The message names the character and where it is. */
	assert_int_equal(validate_field(name, "张\xe2\x80\xae三", &out, &msg), -1);
	assert_null(out);
	assert_non_null(strstr(msg, "U+202E"));
	assert_non_null(strstr(msg, "Character 2"));
	assert_non_null(strstr(msg, "direction"));
	free(msg);
	assert_int_equal(validate_field(name, "李\xe2\x81\xa6四", &out, &msg), -1);
	assert_non_null(strstr(msg, "U+2066"));
	free(msg);
	assert_int_equal(validate_field(name, "张\xe2\x80\x8b三", &out, &msg), -1);
	assert_non_null(strstr(msg, "U+200B"));
	assert_non_null(strstr(msg, "invisible"));
	free(msg);
	assert_int_equal(validate_field(issue, "第一行\xe2\x80\xa8第二行", &out, &msg), -1);
	assert_non_null(strstr(msg, "U+2028"));
	free(msg);
	assert_int_equal(validate_field(issue, "水渠\x1b]52;c;eA==\x07", &out, &msg), -1);
	assert_non_null(strstr(msg, "U+001B"));
	free(msg);
	assert_int_equal(validate_field(issue, "水渠\xc2\x9b", &out, &msg), -1);
	assert_non_null(strstr(msg, "U+009B"));
	free(msg);
	assert_int_equal(validate_field(name, "张\n三", &out, &msg), -1);
	assert_non_null(strstr(msg, "Line breaks"));
	free(msg);
	/* Spaces of any kind alone are empty: a required field refuses them. */
	assert_int_equal(validate_field(name, "\xc2\xa0\xc2\xa0\xc2\xa0", &out, &msg), -1);
	assert_string_equal(msg, "This field is required.");
	free(msg);
	assert_int_equal(validate_field(name, "\xe3\x80\x80\xe2\x80\x83 ", &out, &msg), -1);
	free(msg);
	assert_int_equal(validate_field(name, "\xc2\xa0张三\xc2\xa0", &out, &msg), 0);
	assert_string_equal(out, "张三");
	free(out);
	/* Private use is accepted (a station's font for a rare name character). */
	assert_int_equal(validate_field(name, "王\xee\x80\x81", &out, &msg), 0);
	free(out);
	/* The same rule through validate_text and validate_chars. */
	assert_int_equal(validate_text("\xef\xbf\xbe", 0, 0, &out, &msg), -1);
	assert_non_null(strstr(msg, "U+FFFE"));
	free(msg);
	assert_int_equal(validate_chars("ok\nok", 1, &msg), 0);
	assert_null(msg);
	assert_int_equal(validate_chars("ok\xff", 1, &msg), -1);
	assert_non_null(strstr(msg, "UTF-8"));
	free(msg);
	formspec_free(f);
}

static void test_names(void **state)
{
	char *out = NULL, *msg = NULL;

	(void)state;
	assert_int_equal(validate_name(" 王芳 ", &out, &msg), 0);
	assert_string_equal(out, "王芳");
	free(out);
	assert_int_equal(validate_name("\xc2\xa0\xc2\xa0", &out, &msg), -1);
	assert_null(out);
	free(msg);
	assert_int_equal(validate_name("王\x1b[31m芳", &out, &msg), -1);
	assert_non_null(strstr(msg, "U+001B"));
	free(msg);
	assert_int_equal(validate_name("一二三四五六七八九十一二三四五六七八九十一", &out, &msg), -1);
	free(msg);
	/* --as and JIEDAI_ACTOR: nothing given is fine, a bad name is reported. */
	unit_last_error[0] = '\0';
	assert_int_equal(validate_actor(NULL), 0);
	assert_int_equal(validate_actor(""), 0);
	assert_int_equal(validate_actor("李强"), 0);
	assert_int_equal(validate_actor("李\x1b]52;c;eA==\x07强"), -1);
	assert_non_null(strstr(unit_last_error, "--as"));
	assert_non_null(strstr(unit_last_error, "U+001B"));
	assert_null(strchr(unit_last_error, '\x1b'));
	assert_int_equal(validate_actor("\xe2\x80\x83"), -1);
}

static void test_login(void **state)
{
	static const char *const good[] = { "wangfang", "li.qiang", "zhao_min", "u1000", "Station-2",
					    "_svc", "a", "abcdefghijklmnopqrstuvwxyz012345" };
	static const char *const bad[] = { "", "-x", "..", ".", "wang fang", "wang\x1b]52;c;eA==\x07",
					   "王芳", "a/b", "a:b", "a\nb", "abcdefghijklmnopqrstuvwxyz0123456",
					   "a$", "a@b" };
	char *msg = NULL;

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (validate_login(good[i], &msg) < 0)
			fail_msg("'%s' refused: %s", good[i], msg);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (validate_login(bad[i], &msg) == 0)
			fail_msg("'%s' accepted", bad[i]);
		assert_non_null(msg);
		free(msg);
	}
	assert_int_equal(validate_login("ab\x1b", &msg), -1);
	assert_non_null(strstr(msg, "U+001B"));
	free(msg);
}

static void ssh(const char *env, const char *want)
{
	char *got = validate_ssh_address(env);

	if (strcmp(got, want))
		fail_msg("'%s' gave '%s', wanted '%s'", env ? env : "(null)", got, want);
	free(got);
}

static void test_ssh_address(void **state)
{
	(void)state;
	ssh("10.1.2.3 50000 10.1.2.1 22", "10.1.2.3");
	ssh("10.1.2.3 50000 22", "10.1.2.3");		/* SSH_CLIENT */
	ssh("2001:db8::7 50000 2001:db8::1 22", "2001:db8::7");
	ssh("::ffff:192.0.2.9 4 ::1 22", "::ffff:192.0.2.9");
	ssh("fe80::1%eth0 50000 fe80::2%eth0 22", "fe80::1%eth0");
	ssh("\x1b]52;c;cm0gLXJmIH4K\x07", "");
	ssh("10.1.2.3\x1b[2J 1 2 3", "");
	ssh("10.1.2.3\t1 2 3", "");
	ssh("fe80::1%eth0\x1b 1 2 3", "");
	ssh("fe80::1% 1 2 3", "");
	ssh("10.1.2 1 2 3", "");
	ssh("010.001.002.003 1 2 3", "");
	ssh("host.example 1 2 3", "");
	ssh("", "");
	ssh(" 10.1.2.3", "");
	ssh(NULL, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phone),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_rule_messages),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_login),
		cmocka_unit_test(test_ssh_address),
	};

	unit_init();
	return cmocka_run_group_tests_name("validate", tests, NULL, NULL);
}
