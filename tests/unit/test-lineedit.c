/* test-lineedit.c — the field editor: Chinese and ASCII, wrapping, limits, cursor columns. */
#include "unit.h"

#include "lineedit.h"

static char *row(struct lineedit *le, int r, int *cols)
{
	return lineedit_row(le, r, cols);
}

static void expect_row(struct lineedit *le, int r, const char *want, int want_cols)
{
	int cols = -1;
	char *got = row(le, r, &cols);

	if (strcmp(got, want) || cols != want_cols)
		fail_msg("row %d: got '%s' (%d cols), want '%s' (%d cols)", r, got, cols, want, want_cols);
	free(got);
}

static void expect_cursor(struct lineedit *le, int want_row, int want_col)
{
	int r, c;

	lineedit_cursor(le, &r, &c);
	if (r != want_row || c != want_col)
		fail_msg("cursor at %d,%d, want %d,%d", r, c, want_row, want_col);
}

static void expect_text(struct lineedit *le, const char *want)
{
	char *got = lineedit_get(le);

	assert_string_equal(got, want);
	free(got);
}

static void test_mixed_insert_delete(void **state)
{
	struct lineedit le;

	(void)state;
	lineedit_init(&le, 20, 1, 0, 20);
	lineedit_insert_str(&le, "张三abc");
	expect_text(&le, "张三abc");
	expect_cursor(&le, 0, 7);	/* 2 + 2 + 3 columns */
	lineedit_left(&le);
	lineedit_left(&le);
	lineedit_left(&le);
	expect_cursor(&le, 0, 4);
	lineedit_backspace(&le);	/* deletes 三, a whole wide character */
	expect_text(&le, "张abc");
	expect_cursor(&le, 0, 2);
	lineedit_insert(&le, L'明');
	expect_text(&le, "张明abc");
	lineedit_home(&le);
	expect_cursor(&le, 0, 0);
	lineedit_delete(&le);
	expect_text(&le, "明abc");
	lineedit_end(&le);
	expect_cursor(&le, 0, 5);
	assert_int_equal(lineedit_right(&le), -1);
	assert_int_equal(lineedit_delete(&le), -1);
	lineedit_home(&le);
	assert_int_equal(lineedit_backspace(&le), -1);
	assert_int_equal(lineedit_left(&le), -1);
	lineedit_release(&le);
}

static void test_limits_in_characters(void **state)
{
	struct lineedit le;

	(void)state;
	lineedit_init(&le, 12, 1, 0, 4);
	assert_int_equal(lineedit_insert_str(&le, "欧阳娜娜娜"), 1);	/* the fifth is refused */
	expect_text(&le, "欧阳娜娜");
	assert_int_equal(lineedit_chars(&le), 4);
	assert_int_equal(lineedit_insert(&le, L'a'), -1);
	lineedit_backspace(&le);
	assert_int_equal(lineedit_insert(&le, L'a'), 0);
	/* Controls and newlines never enter a single-line field. */
	assert_int_equal(lineedit_insert(&le, 0x1b), -1);
	lineedit_set(&le, "");
	assert_int_equal(lineedit_insert(&le, L'\n'), -1);
	assert_int_equal(lineedit_insert(&le, 0x9b), -1);
	assert_true(lineedit_empty(&le));
	lineedit_release(&le);
}

static void test_single_line_scrolls(void **state)
{
	struct lineedit le;

	(void)state;
	/* 6 columns: a wide character never shows half. */
	lineedit_init(&le, 6, 1, 0, 50);
	lineedit_insert_str(&le, "一二三四五");
	/* The cursor needs a cell; the view jumps to leave it in the middle. */
	expect_cursor(&le, 0, 2);
	expect_row(&le, 0, "五", 2);
	lineedit_home(&le);
	expect_cursor(&le, 0, 0);
	expect_row(&le, 0, "一二三", 6);
	lineedit_release(&le);
}

/*
 * Typing on at the end of a full field: it jumps by half its width, then
 * the next characters land in free columns without moving the others (each
 * jump redraws the field; over a slow link that is its whole width).
 */
static void test_single_line_jumps(void **state)
{
	struct lineedit le;
	static const char *const rows[] = {
		"一", "一二", "一二三", "一二三四", "一二三四五", "五六", "五六七", "五六七八",
		"五六七八九", "九十", "九十甲",
	};
	const char *text = "一二三四五六七八九十甲";
	int jumps = 0;
	char *prev = NULL;

	(void)state;
	lineedit_init(&le, 12, 1, 0, 50);
	for (int i = 0; i < 11; i++) {
		char ch[4], *row;
		int cols, r, c;

		memcpy(ch, text + 3 * i, 3);
		ch[3] = '\0';
		lineedit_insert_str(&le, ch);
		row = lineedit_row(&le, 0, &cols);
		assert_string_equal(row, rows[i]);
		lineedit_cursor(&le, &r, &c);
		assert_int_equal(c, cols);
		if (prev && strncmp(row, prev, strlen(prev)))
			jumps++;
		free(prev);
		prev = row;
	}
	assert_int_equal(jumps, 2);
	/* Back to the start and forwards again: the view shows the cursor with room around it. */
	lineedit_home(&le);
	expect_row(&le, 0, "一二三四五六", 12);
	for (int i = 0; i < 9; i++)
		lineedit_right(&le);
	expect_cursor(&le, 0, 4);
	expect_row(&le, 0, "八九十甲", 8);
	lineedit_left(&le);
	lineedit_left(&le);
	lineedit_left(&le);
	expect_cursor(&le, 0, 6);
	expect_row(&le, 0, "四五六七八九", 12);
	free(prev);
	lineedit_release(&le);
}

static void test_wrapping(void **state)
{
	struct lineedit le;

	(void)state;
	/* Width 5: two wide characters per row; the third moves whole to the next row. */
	lineedit_init(&le, 5, 3, 1, 100);
	lineedit_insert_str(&le, "一二三四五");
	assert_int_equal(lineedit_total_rows(&le), 3);
	expect_row(&le, 0, "一二", 4);
	expect_row(&le, 1, "三四", 4);
	expect_row(&le, 2, "五", 2);
	expect_cursor(&le, 2, 2);
	/* Mixed: "ab张" fills 4 of 5 columns, 三 does not fit after it. */
	lineedit_set(&le, "ab张三c");
	expect_row(&le, 0, "ab张", 4);
	expect_row(&le, 1, "三c", 3);
	/* Up and down keep the column. */
	lineedit_home(&le);
	expect_cursor(&le, 1, 0);
	lineedit_up(&le);
	expect_cursor(&le, 0, 0);
	lineedit_right(&le);
	lineedit_right(&le);
	expect_cursor(&le, 0, 2);
	lineedit_down(&le);
	expect_cursor(&le, 1, 2);
	assert_int_equal(lineedit_down(&le), -1);
	lineedit_release(&le);
}

static void test_wrap_point_and_newlines(void **state)
{
	struct lineedit le;

	(void)state;
	lineedit_init(&le, 4, 3, 1, 100);
	/* A full row: the cursor moves to the next row, where typing goes on. */
	lineedit_insert_str(&le, "张三");
	expect_cursor(&le, 1, 0);
	assert_int_equal(lineedit_total_rows(&le), 2);
	lineedit_insert(&le, L'明');
	expect_row(&le, 1, "明", 2);
	expect_cursor(&le, 1, 2);
	/* Newline: the row ends there and is not drawn. */
	lineedit_set(&le, "ab\ncd");
	expect_row(&le, 0, "ab", 2);
	expect_row(&le, 1, "cd", 2);
	lineedit_set(&le, "ab\n");
	assert_int_equal(lineedit_total_rows(&le), 2);
	expect_cursor(&le, 1, 0);
	lineedit_backspace(&le);
	expect_cursor(&le, 0, 2);
	expect_text(&le, "ab");
	lineedit_release(&le);
}

static void test_vertical_scroll(void **state)
{
	struct lineedit le;

	(void)state;
	lineedit_init(&le, 4, 2, 1, 100);
	lineedit_insert_str(&le, "一二三四五六七");	/* four rows of two */
	assert_int_equal(lineedit_total_rows(&le), 4);
	expect_cursor(&le, 1, 2);	/* the last visible row of a 2-row box */
	expect_row(&le, 0, "五六", 4);
	expect_row(&le, 1, "七", 2);
	lineedit_set(&le, "一二三四五六七");
	while (lineedit_up(&le) == 0)
		;
	expect_cursor(&le, 0, 2);
	expect_row(&le, 0, "一二", 4);
	lineedit_kill_to_end(&le);
	expect_text(&le, "一");
	lineedit_release(&le);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mixed_insert_delete),
		cmocka_unit_test(test_limits_in_characters),
		cmocka_unit_test(test_single_line_scrolls),
		cmocka_unit_test(test_single_line_jumps),
		cmocka_unit_test(test_wrapping),
		cmocka_unit_test(test_wrap_point_and_newlines),
		cmocka_unit_test(test_vertical_scroll),
	};

	unit_init();
	return cmocka_run_group_tests_name("lineedit", tests, NULL, NULL);
}
