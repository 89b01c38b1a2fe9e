/*
 * test-paper.c — papers (paper.h) laid out three ways: A4 text with the
 * wide column wrapping within its place, receipt lines with each row's
 * block wrapped to the printer's columns, and the message of an empty
 * table.
 */
#include "unit.h"

#include "paper.h"
#include "receipt.h"
#include "strbuf.h"
#include "u8.h"

static const struct sheet_column cols[] = { { "编号", 14 }, { "反映问题", 40 }, { "超期", 6 } };

static void make(struct paper *p)
{
	const char *a[] = { "LJ-2026-0001", "村里的灌溉水渠年久失修，春耕用水困难，希望镇里尽快安排维修，不要耽误春耕", "8" };
	const char *b[] = { "LJ-2026-0002", "路灯不亮", "5" };

	paper_init(p, "督办单", cols, 3, 1);
	paper_head(p, "承办单位：%s", "镇水利站");
	paper_row(p, a, "1. LJ-2026-0001  超期 8 天\n村里的灌溉水渠年久失修，春耕用水困难，希望镇里尽快安排维修");
	paper_row(p, b, "2. LJ-2026-0002  超期 5 天\n路灯不亮");
	paper_foot(p, "%s", "督办人：____");
}

static void test_text(void **state)
{
	struct paper p;
	struct strbuf sb = STRBUF_INIT;
	char **lines;
	int found_wrap = 0;

	(void)state;
	make(&p);
	paper_text(&p, 60, &sb);
	lines = u8_wrap(sb.buf, 1000);
	for (size_t i = 0; lines[i]; i++) {
		/* No line is wider than the page. */
		assert_true(u8_width(lines[i]) <= 60);
		/* The long issue goes on under its own column, not under the number. */
		if (strstr(lines[i], "不要耽误春耕")) {
			found_wrap = 1;
			assert_true(strncmp(lines[i], "              ", 14) == 0);
		}
	}
	assert_true(found_wrap);
	assert_non_null(strstr(sb.buf, "承办单位：镇水利站\n"));
	assert_non_null(strstr(sb.buf, "督办人：____\n"));
	assert_non_null(strstr(sb.buf, "LJ-2026-0002  路灯不亮"));
	u8_lines_free(lines);
	strbuf_release(&sb);
	paper_release(&p);
}

static void test_receipt(void **state)
{
	struct paper p;
	struct receipt r;
	int rules = 0, blank = 0;

	(void)state;
	make(&p);
	paper_receipt(&p, 16, NULL, &r);
	assert_int_equal(r.lines[0].style & RS_CENTER, RS_CENTER);
	assert_string_equal(r.lines[0].text, "督办单");
	for (size_t i = 0; i < r.n; i++) {
		assert_true(u8_width(r.lines[i].text) <= 16);
		rules += (r.lines[i].style & RS_RULE) != 0;
		blank += !*r.lines[i].text && !(r.lines[i].style & RS_RULE);
	}
	/* Under the head and above the foot; rows parted by a blank line. */
	assert_int_equal(rules, 2);
	assert_int_equal(blank, 1);
	assert_null(r.qr);
	receipt_release(&r);
	paper_release(&p);
}

static void test_empty(void **state)
{
	struct paper p;
	struct strbuf sb = STRBUF_INIT;

	(void)state;
	paper_init(&p, "当日接待登记表", cols, 3, 1);
	p.empty = strdup("（这一天没有登记来访选民）");
	paper_text(&p, 80, &sb);
	assert_non_null(strstr(sb.buf, "（这一天没有登记来访选民）"));
	assert_null(strstr(sb.buf, "反映问题"));
	strbuf_release(&sb);
	paper_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_receipt),
		cmocka_unit_test(test_empty),
	};

	unit_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
