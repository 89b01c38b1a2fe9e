/* test-u8.c — UTF-8 widths, cutting, wrapping, masking, the text rule, sanitising, JSON/TSV cells. */
#include "unit.h"

#include "strbuf.h"
#include "u8.h"

static void test_valid(void **state)
{
	(void)state;
	assert_true(u8_valid("张三 abc", strlen("张三 abc")));
	assert_false(u8_valid("\xff", 1));
	assert_false(u8_valid("\xe5\xbc", 2));		/* cut short */
	assert_false(u8_valid("\xc0\xaf", 2));		/* overlong '/' */
	assert_false(u8_valid("\xed\xa0\x80", 3));	/* surrogate */
	assert_true(u8_valid("\xf0\xa0\x80\x80", 4));	/* U+20000, a rare ideograph */
}

static void test_width_and_chars(void **state)
{
	(void)state;
	assert_int_equal(u8_width("张三"), 4);
	assert_int_equal(u8_width("张三abc"), 7);
	assert_int_equal(u8_width("，。￥"), 6);
	assert_int_equal(u8_width("“…”"), 3);	/* ambiguous: one column in glibc */
	assert_int_equal(u8_chars("张三abc"), 5);
	assert_int_equal(u8_offset("张三abc", 2), 6);
}

static void test_fit_and_cut(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	u8_fit(&sb, "张三明", 5, 0);	/* 张三 is 4 columns, 明 does not fit */
	assert_string_equal(sb.buf, "张三 ");
	assert_int_equal(u8_width(sb.buf), 5);
	strbuf_reset(&sb);
	u8_fit(&sb, "张三明白了", 7, 1);
	assert_string_equal(sb.buf, "张三明…");
	assert_int_equal(u8_width(sb.buf), 7);
	strbuf_reset(&sb);
	u8_fit(&sb, "ab", 4, 1);
	assert_string_equal(sb.buf, "ab  ");
	strbuf_reset(&sb);
	/* No room: nothing at all, not a "…" that runs one column past the edge. */
	u8_cut(&sb, "张三", 0, 1);
	assert_string_equal(sb.buf, "");
	u8_cut(&sb, "张三", 1, 1);
	assert_string_equal(sb.buf, "…");
	strbuf_reset(&sb);
	u8_fit(&sb, "张三明", 4, 1);
	assert_string_equal(sb.buf, "张… ");
	strbuf_reset(&sb);
	/* Only blanks cut off: no "…". */
	u8_fit(&sb, "张三    ", 5, 1);
	assert_string_equal(sb.buf, "张三 ");
	strbuf_reset(&sb);
	u8_rjust(&sb, "张", 4);
	assert_string_equal(sb.buf, "  张");
	strbuf_release(&sb);
}

static void test_wrap(void **state)
{
	char **l;

	(void)state;
	/* Five wide characters in 5 columns: two per line, the third moves on. */
	l = u8_wrap("一二三四五", 5);
	assert_int_equal(u8_lines_count(l), 3);
	assert_string_equal(l[0], "一二");
	assert_string_equal(l[1], "三四");
	assert_string_equal(l[2], "五");
	u8_lines_free(l);
	l = u8_wrap("ab张三\n第二行", 4);
	assert_int_equal(u8_lines_count(l), 4);
	assert_string_equal(l[0], "ab张");
	assert_string_equal(l[1], "三");
	assert_string_equal(l[2], "第二");
	assert_string_equal(l[3], "行");
	u8_lines_free(l);
	l = u8_wrap("", 10);
	assert_int_equal(u8_lines_count(l), 1);
	assert_string_equal(l[0], "");
	u8_lines_free(l);
}

static void test_wrap_words(void **state)
{
	char **l;

	(void)state;
	/* English breaks at spaces, and the space goes. */
	l = u8_wrap_words("On-the-spot answer", 16);
	assert_int_equal(u8_lines_count(l), 2);
	assert_string_equal(l[0], "On-the-spot");
	assert_string_equal(l[1], "answer");
	u8_lines_free(l);
	/* A date is not split after a Chinese colon; Chinese breaks anywhere. */
	l = u8_wrap_words("办结时限：2026-03-25", 12);
	assert_int_equal(u8_lines_count(l), 2);
	assert_string_equal(l[0], "办结时限：");
	assert_string_equal(l[1], "2026-03-25");
	u8_lines_free(l);
	l = u8_wrap_words("这一项必须填写。", 10);
	assert_int_equal(u8_lines_count(l), 2);
	assert_string_equal(l[0], "这一项必须");
	assert_string_equal(l[1], "填写。");
	u8_lines_free(l);
	/* A word longer than the line is cut into whole lines. */
	l = u8_wrap_words("ab abcdefgh", 5);
	assert_int_equal(u8_lines_count(l), 3);
	assert_string_equal(l[0], "ab");
	assert_string_equal(l[1], "abcde");
	assert_string_equal(l[2], "fgh");
	u8_lines_free(l);
	l = u8_wrap_words("a\n\nb", 5);
	assert_int_equal(u8_lines_count(l), 3);
	assert_string_equal(l[1], "");
	u8_lines_free(l);
}

/* Wrap s to cols and compare with the lines given, "|"-separated. */
static void wraps_to(const char *s, int cols, const char *want)
{
	char **l = u8_wrap(s, cols);
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; l[i]; i++) {
		if (i)
			strbuf_addch(&sb, '|');
		strbuf_adds(&sb, l[i]);
	}
	if (strcmp(sb.buf, want))
		fail_msg("wrap '%s' at %d: got '%s', want '%s'", s, cols, sb.buf, want);
	strbuf_release(&sb);
	u8_lines_free(l);
}

static void test_wrap_punctuation(void **state)
{
	(void)state;
	/* A comma that does not fit brings the character before it down. */
	wraps_to("路灯不亮，晚上很黑", 8, "路灯不|亮，晚上|很黑");
	/* A lone full stop at the end of a paragraph does the same. */
	wraps_to("水渠失修。", 8, "水渠失|修。");
	/* Several closing marks together: the closing quote after a stop. */
	wraps_to("他说“好的。”谢谢", 10, "他说“好|的。”谢谢");
	wraps_to("一二三四”五", 8, "一二三|四”五");
	wraps_to("一二三四）五", 8, "一二三|四）五");
	/* An opening mark at the end of a line goes down with what it opens. */
	wraps_to("一二三《四五》", 8, "一二三|《四五》");
	wraps_to("一二三（四）", 8, "一二三|（四）");
	wraps_to("abc,def", 3, "ab|c,d|ef");
	/* Where the rule would leave a line empty, it gives way. */
	wraps_to("，，，，", 4, "，，|，，");
	/* Lines that break well are left alone. */
	wraps_to("一二三四五", 5, "一二|三四|五");
	assert_true(u8_no_line_start(0xFF0C));	/* ， */
	assert_true(u8_no_line_start(0x201D));	/* ” */
	assert_false(u8_no_line_start(0x201C));
	assert_true(u8_no_line_end(0x201C));	/* “ */
	assert_true(u8_no_line_end(0x300C));	/* 「 */
}

static void test_mask(void **state)
{
	char *m;

	(void)state;
	m = u8_mask_name("张三明");
	assert_string_equal(m, "张*明");
	free(m);
	m = u8_mask_name("张三");
	assert_string_equal(m, "张*");
	free(m);
	m = u8_mask_name("欧阳娜娜");
	assert_string_equal(m, "欧**娜");
	free(m);
	m = u8_mask_name("张");
	assert_string_equal(m, "张");
	free(m);
	m = u8_mask_phone("13800138000");
	assert_string_equal(m, "138****8000");
	free(m);
	m = u8_mask_phone("0571-88001234");
	assert_string_equal(m, "0571-****1234");
	free(m);
	m = u8_mask_phone("");
	assert_string_equal(m, "");
	free(m);
	/* Full-width digits typed with an input method. */
	m = u8_mask_phone("１３８００１３８０００");
	assert_string_equal(m, "138****8000");
	free(m);
	m = u8_mask_phone("０５７１-８８００１２３４");
	assert_string_equal(m, "0571-****1234");
	free(m);
}

/*
 * A value masked already masks to itself: an output that masks what the
 * store masked for its reader prints what everyone else's does (the public
 * register once printed *******8000 for a deputy, 138****8000 for staff).
 */
static void test_mask_idempotent(void **state)
{
	static const char *const phones[] = { "13800138000", "0571-88001234", "12345", "139 0013 9000", "" };
	static const char *const names[] = { "张三明", "张三", "欧阳娜娜", "张", "" };
	static const char *const addresses[] = { "青松村3组", "三组", "河东村1组", "" };

	(void)state;
	for (size_t i = 0; i < sizeof(phones) / sizeof(phones[0]); i++) {
		char *once = u8_mask_phone(phones[i]), *twice = u8_mask_phone(once);

		assert_string_equal(once, twice);
		free(once);
		free(twice);
	}
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *once = u8_mask_name(names[i]), *twice = u8_mask_name(once);

		assert_string_equal(once, twice);
		free(once);
		free(twice);
	}
	for (size_t i = 0; i < sizeof(addresses) / sizeof(addresses[0]); i++) {
		char *once = u8_mask_address(addresses[i]), *twice = u8_mask_address(once);

		assert_string_equal(once, twice);
		free(once);
		free(twice);
	}
	{
		char *m = u8_mask_phone("138****8000");

		assert_string_equal(m, "138****8000");
		free(m);
	}
}

static void test_mask_digits(void **state)
{
	static const char *const cases[][2] = {
		{ "电话13800138000打不通", "电话***********打不通" },
		{ "电话１３８００１３８０００打不通", "电话***********打不通" },
		{ "打138 0013 8000或０５７１－８８００１２３４", "打*** **** ****或****－********" },
		{ "2号楼3单元，共120户", "2号楼3单元，共120户" },
		{ "2026-03-10来访", "2026-03-10来访" },
		{ "1234567", "*******" },
		{ "123456", "123456" },
		{ "12 34 5", "12 34 5" },
		{ "编号 88001234-", "编号 ********-" },
		{ "", "" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *m = u8_mask_digits(cases[i][0], 7);

		if (strcmp(m, cases[i][1]))
			fail_msg("'%s' masked as '%s', want '%s'", cases[i][0], m, cases[i][1]);
		free(m);
	}
}

static void test_sanitize_fold_trim(void **state)
{
	char *s;

	(void)state;
	assert_true(u8_has_control("a\x1b[2Jb", 0));
	assert_true(u8_has_control("a\nb", 0));
	assert_false(u8_has_control("a\nb", 1));
	assert_true(u8_has_control("a\xc2\x9b" "b", 1));	/* C1 CSI */
	s = u8_sanitize("a\x1b" "b\xff", 0);
	assert_string_equal(s, "a\xef\xbf\xbd" "b\xef\xbf\xbd");
	free(s);
	s = u8_fold("１３８　ＡＢ");
	assert_string_equal(s, "138 AB");
	free(s);
	s = u8_trim("　 张三 \t");
	assert_string_equal(s, "张三");
	free(s);
}


/* u8_check() on s: the class of the first refused character, its code point and place. */
static void refused(const char *s, int allow_newline, enum u8_class want, long want_cp, size_t want_pos)
{
	long cp = 0;
	size_t pos = 0;
	enum u8_class c = u8_check(s, allow_newline, &cp, &pos);

	if (c != want || cp != want_cp || pos != want_pos)
		fail_msg("'%s': class %d U+%04lX at %zu, wanted class %d U+%04lX at %zu", s, (int)c, cp,
			 pos, (int)want, want_cp, want_pos);
}

static void accepted(const char *s, int allow_newline)
{
	long cp = 0;
	size_t pos = 0;

	if (u8_check(s, allow_newline, &cp, &pos) != U8_OK)
		fail_msg("'%s' refused: U+%04lX at %zu", s, cp, pos);
}

static void test_rule(void **state)
{
	(void)state;
	/* C0, DEL, C1: an OSC 52 clipboard write, a bell, a one-byte CSI. */
	refused("张\x1b]52;c;cm0gLXJmIH4K\x07", 0, U8_CONTROL, 0x1B, 2);
	refused("ab\x07", 1, U8_CONTROL, 0x07, 3);
	refused("a\tb", 1, U8_CONTROL, 0x09, 2);
	refused("a\rb", 1, U8_CONTROL, 0x0D, 2);
	refused("a\x7f", 0, U8_CONTROL, 0x7F, 2);
	refused("a\xc2\x9b" "31m", 0, U8_CONTROL, 0x9B, 2);
	refused("a\xc2\x80", 0, U8_CONTROL, 0x80, 2);
	/* A newline only where several lines are allowed. */
	refused("第一行\n第二行", 0, U8_NEWLINE, 0x0A, 4);
	accepted("第一行\n第二行", 1);
	/* Bidi controls. */
	refused("张\xe2\x80\xae三", 0, U8_BIDI, 0x202E, 2);	/* RLO */
	refused("\xe2\x81\xa6x", 0, U8_BIDI, 0x2066, 1);	/* LRI */
	refused("x\xe2\x81\xa9", 0, U8_BIDI, 0x2069, 2);	/* PDI */
	refused("x\xd8\x9c", 0, U8_BIDI, 0x061C, 2);		/* ALM */
	refused("x\xe2\x80\x8e", 0, U8_BIDI, 0x200E, 2);	/* LRM */
	refused("x\xe2\x80\xaa", 0, U8_BIDI, 0x202A, 2);	/* LRE */
	/* Zero-width and invisible format characters. */
	refused("张\xe2\x80\x8b三", 0, U8_INVISIBLE, 0x200B, 2);
	refused("张\xe2\x80\x8d三", 0, U8_INVISIBLE, 0x200D, 2);
	refused("\xef\xbb\xbf张", 0, U8_INVISIBLE, 0xFEFF, 1);
	refused("张\xc2\xad三", 0, U8_INVISIBLE, 0x00AD, 2);
	refused("张\xe1\xa0\x8e", 0, U8_INVISIBLE, 0x180E, 2);
	refused("张\xe2\x81\xa0", 0, U8_INVISIBLE, 0x2060, 2);
	refused("张\xe2\x81\xa4", 0, U8_INVISIBLE, 0x2064, 2);
	refused("\xe3\x85\xa4", 0, U8_INVISIBLE, 0x3164, 1);	/* Hangul filler */
	refused("a\xf3\xa0\x81\x81", 0, U8_INVISIBLE, 0xE0041, 2);	/* tag A */
	/* Line and paragraph separators. */
	refused("张\xe2\x80\xa8三", 1, U8_SEPARATOR, 0x2028, 2);
	refused("张\xe2\x80\xa9三", 1, U8_SEPARATOR, 0x2029, 2);
	/* Noncharacters. */
	refused("\xef\xbf\xbe", 0, U8_NONCHAR, 0xFFFE, 1);
	refused("\xef\xbf\xbf", 0, U8_NONCHAR, 0xFFFF, 1);
	refused("\xef\xb7\x90", 0, U8_NONCHAR, 0xFDD0, 1);
	refused("\xf0\x9f\xbf\xbf", 0, U8_NONCHAR, 0x1FFFF, 1);
	refused("\xf4\x8f\xbf\xbe", 0, U8_NONCHAR, 0x10FFFE, 1);
	/* Not UTF-8 at all. */
	refused("张\xff", 0, U8_MALFORMED, -1, 2);
	refused("\xed\xa0\x80", 0, U8_MALFORMED, -1, 1);	/* a surrogate */
	/* What a name may hold. */
	accepted("欧阳娜娜", 0);
	accepted("𠮷野家", 0);				/* beyond the BMP */
	accepted("\xee\x80\x80\xf3\xb0\x80\x80", 0);	/* private use: U+E000, U+F0000 */
	accepted("葛\xf3\xa0\x84\x80", 0);		/* an ideographic variation selector */
	accepted("Zoë José", 0);
	accepted("张\xc2\xa0三\xe3\x80\x80", 0);	/* spaces inside are spaces */
	accepted("", 0);
	assert_int_equal(u8_check(NULL, 0, NULL, NULL), U8_OK);
	assert_true(u8_has_control("a\xe2\x80\xae", 1));
	assert_false(u8_has_control("a\nb", 1));
}

static void test_blank_and_trim(void **state)
{
	char *s;

	(void)state;
	assert_true(u8_is_blank(""));
	assert_true(u8_is_blank("\xc2\xa0\xc2\xa0"));			/* only NBSP */
	assert_true(u8_is_blank(" \xe3\x80\x80\xe2\x80\x83\xe2\x80\xaf"));	/* space, U+3000, U+2003, U+202F */
	assert_false(u8_is_blank("\xc2\xa0张"));
	s = u8_trim("\xc2\xa0\xe2\x80\x82张 三\xe3\x80\x80\xc2\xa0");
	assert_string_equal(s, "张 三");
	free(s);
	s = u8_trim("\xc2\xa0\xc2\xa0");
	assert_string_equal(s, "");
	free(s);
}

static void test_clean_output(void **state)
{
	struct strbuf sb = STRBUF_INIT;
	char *s;

	(void)state;
	s = u8_sanitize("a\xe2\x80\xae" "b\xe2\x80\xa8" "c\nd", 1);
	assert_string_equal(s, "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\nd");
	free(s);
	u8_add_clean(&sb, "x\ty\nz\x1b", U8_KEEP_TAB);
	assert_string_equal(sb.buf, "x\ty\xef\xbf\xbdz\xef\xbf\xbd");
	strbuf_reset(&sb);
	/* Fitting to columns gives one clean line; a refused character is one column wide. */
	u8_fit(&sb, "\x1b]52;c;x\x07", 12, 0);
	assert_null(strchr(sb.buf, '\x1b'));
	assert_null(strchr(sb.buf, '\x07'));
	assert_int_equal(u8_width(sb.buf), 12);
	strbuf_reset(&sb);
	u8_fit(&sb, "张\xe2\x80\xae三", 6, 0);
	assert_string_equal(sb.buf, "张\xef\xbf\xbd三 ");
	strbuf_reset(&sb);
	u8_cut(&sb, "a\nb\xc2\x9b", 10, 0);
	assert_string_equal(sb.buf, "a\xef\xbf\xbd" "b\xef\xbf\xbd");
	strbuf_reset(&sb);
	u8_rjust(&sb, "\x1b", 3);
	assert_string_equal(sb.buf, "  \xef\xbf\xbd");
	strbuf_release(&sb);
	assert_int_equal(u8_cp_width(0x202E), 1);
	assert_int_equal(u8_cp_width(0x200B), 1);
	assert_int_equal(u8_cp_width(0x0301), 0);	/* a combining accent stays 0 */
	{
		char **l = u8_wrap("a\x1b" "b\nc", 10);

		assert_string_equal(l[0], "a\xef\xbf\xbd" "b");
		assert_string_equal(l[1], "c");
		u8_lines_free(l);
	}
}

static void test_json_and_tsv(void **state)
{
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	strbuf_add_json(&sb, "a\x1b]52\x07\"\\\n\xc2\x9b\x7f");
	assert_string_equal(sb.buf, "\"a\\u001b]52\\u0007\\\"\\\\\\n\\u009b\\u007f\"");
	strbuf_reset(&sb);
	strbuf_add_json(&sb, "张\xe2\x80\xa8\xe2\x80\xa9\xe2\x80\xae\xef\xbb\xbf三");
	assert_string_equal(sb.buf, "\"张\\u2028\\u2029\\u202e\\ufeff三\"");
	strbuf_reset(&sb);
	strbuf_add_json(&sb, "\xf3\xa0\x81\x81\xff𠮷");	/* a tag beyond the BMP, a bad byte */
	assert_string_equal(sb.buf, "\"\\udb40\\udc41\\ufffd𠮷\"");
	strbuf_reset(&sb);
	strbuf_add_json_raw(&sb, "{\"k\":\"\x1b\xe2\x80\xa8\"}\n");
	assert_string_equal(sb.buf, "{\"k\":\"\\u001b\\u2028\"} ");
	strbuf_reset(&sb);
	strbuf_add_tsv(&sb, "a\tb\nc\r\x1b\xe2\x80\xae");
	assert_string_equal(sb.buf, "a b c \xef\xbf\xbd\xef\xbf\xbd");
	strbuf_release(&sb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_width_and_chars),
		cmocka_unit_test(test_fit_and_cut),
		cmocka_unit_test(test_wrap),
		cmocka_unit_test(test_wrap_words),
		cmocka_unit_test(test_wrap_punctuation),
		cmocka_unit_test(test_mask),
		cmocka_unit_test(test_mask_idempotent),
		cmocka_unit_test(test_mask_digits),
		cmocka_unit_test(test_sanitize_fold_trim),
		cmocka_unit_test(test_rule),
		cmocka_unit_test(test_blank_and_trim),
		cmocka_unit_test(test_clean_output),
		cmocka_unit_test(test_json_and_tsv),
	};

	unit_init();
	return cmocka_run_group_tests_name("u8", tests, NULL, NULL);
}
