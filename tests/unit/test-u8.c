/* test-u8.c — UTF-8 widths, cutting, wrapping, masking, sanitising. */
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
		cmocka_unit_test(test_mask_digits),
		cmocka_unit_test(test_sanitize_fold_trim),
	};

	unit_init();
	return cmocka_run_group_tests_name("u8", tests, NULL, NULL);
}
