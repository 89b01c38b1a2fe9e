/*
 * test-fts.c — the search tokenizer and the query builder: which tokens a
 * text gives (documents and queries), their positions and byte offsets, and
 * the FTS5 query built from search words, quoting included.
 */
#include "unit.h"

#include "fts.h"
#include "strbuf.h"

/* Tokens as "tok" or "+tok" (colocated), joined by spaces. */
static int collect(void *arg, int colocated, const char *tok, int ntok, int start, int end)
{
	struct strbuf *sb = arg;

	(void)start;
	(void)end;
	if (sb->len)
		strbuf_addch(sb, ' ');
	if (colocated)
		strbuf_addch(sb, '+');
	strbuf_add(sb, tok, (size_t)ntok);
	return 0;
}

static void check(const char *text, int query, const char *want)
{
	struct strbuf sb = STRBUF_INIT;

	assert_int_equal(fts_tokenize(text, (int)strlen(text), query, collect, &sb), 0);
	assert_string_equal(sb.buf, want);
	strbuf_release(&sb);
}

static void test_chinese(void **state)
{
	(void)state;
	/* Each character, and the bigram with the next one at its position. */
	check("张三", 0, "张 +张三 三");
	check("张三丰", 0, "张 +张三 三 +三丰 丰");
	check("张", 0, "张");
	/* Spaces and punctuation separate: no bigram across them. */
	check("张 三", 0, "张 三");
	check("水渠，灌溉。", 0, "水 +水渠 渠 灌 +灌溉 溉");
	/* A rare character outside the basic block is one character. */
	check("\xf0\xa0\x80\x80张", 0, "\xf0\xa0\x80\x80 +\xf0\xa0\x80\x80张 张");
	/* A query gives the bigrams, or the character alone. */
	check("张三丰", 1, "张三 三丰");
	check("张", 1, "张");
	check("低保", 1, "低保");
}

static void test_letters_and_digits(void **state)
{
	(void)state;
	check("13800138000", 0, "138 +13 380 800 001 013 138 380 800 000 +00");
	check("abc123", 0, "abc +ab bc1 c12 123 +23");
	check("abc", 0, "abc +ab +bc");
	/* Short runs are tokens of their own; letters are folded to lower case. */
	check("LJ-2026-0001", 0, "lj 202 +20 026 +26 000 +00 001 +01");
	check("3", 0, "3");
	/* Full-width letters and digits count as their ASCII forms. */
	check("ＡＢＣ１２", 0, "abc +ab bc1 c12 +12");
	check("１３８", 1, "138");
	check("12", 1, "12");
}

static void test_mixed(void **state)
{
	(void)state;
	/* Where the classes touch, the two characters are a token too. */
	check("3组", 0, "3 +3组 组");
	check("青松村3组", 0, "青 +青松 松 +松村 村 +村3 3 +3组 组");
	check("涉及12户", 0, "涉 +涉及 及 +及1 12 +2户 户");
	/* A query of one character of each class asks for that seam alone. */
	check("3组", 1, "3组");
	check("村3", 1, "村3");
}

struct offsets {
	int n;
	int start[8], end[8];
};

static int record(void *arg, int colocated, const char *tok, int ntok, int start, int end)
{
	struct offsets *o = arg;

	(void)colocated;
	(void)tok;
	(void)ntok;
	if (o->n < 8) {
		o->start[o->n] = start;
		o->end[o->n] = end;
		o->n++;
	}
	return 0;
}

static void test_offsets_and_bad_bytes(void **state)
{
	struct offsets o = { 0 };
	const char *text = "\xff张三";

	(void)state;
	/* A malformed byte separates and is skipped; offsets are bytes of the text. */
	assert_int_equal(fts_tokenize(text, (int)strlen(text), 0, record, &o), 0);
	assert_int_equal(o.n, 3);
	assert_int_equal(o.start[0], 1);
	assert_int_equal(o.end[0], 4);
	assert_int_equal(o.start[1], 1);
	assert_int_equal(o.end[1], 7);
	/* A sequence cut off at the end of the text is not read past it. */
	check("张\xe5\xbc", 0, "张");
	check("", 0, "");
}

static int stop_at_second(void *arg, int colocated, const char *tok, int ntok, int start, int end)
{
	int *n = arg;

	(void)colocated;
	(void)tok;
	(void)ntok;
	(void)start;
	(void)end;
	return ++*n == 2 ? 7 : 0;
}

static void test_emit_stops(void **state)
{
	int n = 0;

	(void)state;
	assert_int_equal(fts_tokenize("abcdef", 6, 0, stop_at_second, &n), 7);
	assert_int_equal(n, 2);
}

/* The query for words, and their exactness as a string of 0 and 1. */
static void query(char *const *words, size_t n, const char *want, const char *want_exact)
{
	unsigned char exact[16];
	char ex[17];
	char *q = fts_query(words, n, exact);

	if (want) {
		assert_non_null(q);
		assert_string_equal(q, want);
	} else {
		assert_null(q);
	}
	for (size_t i = 0; i < n; i++)
		ex[i] = exact[i] ? '1' : '0';
	ex[n] = '\0';
	assert_string_equal(ex, want_exact);
	free(q);
}

static void test_query_builder(void **state)
{
	char *name[] = { "张三" };
	char *phone[] = { "5551234" };
	char *number[] = { "LJ-2026-0001" };
	char *mixed[] = { "3组" };
	char *village[] = { "青松村3组" };
	char *two[] = { "张", "a" };
	char *short_only[] = { "a", "12", "%" };
	char *inner[] = { "村3组" };
	char *edges[] = { "12组", "组12", "12" };
	char *shorts[] = { "12-3-45", "AB-" };
	char *code[] = { "AB-2024" };

	(void)state;
	query(name, 1, "(\"张三\")", "1");
	/* Digits: the trigrams that cover them. */
	query(phone, 1, "(\"555\" AND \"123\" AND \"234\")", "0");
	/* With dashes: the runs, or (for the phone, searched without dashes) the whole. */
	query(number, 1, "((\"LJ\" AND \"202\" AND \"026\" AND \"000\" AND \"001\")"
		     " OR (\"LJ2\" AND \"026\" AND \"000\" AND \"001\"))", "0");
	/* The seam says "3 then 组"; the 3 alone might end a longer number. */
	query(mixed, 1, "(\"3组\")", "0");
	query(village, 1, "(\"青松村\" AND \"村3\" AND \"3组\")", "0");
	/* Short runs count only when nothing better is there. */
	query(inner, 1, "(\"村3\" AND \"3组\")", "0");
	query(edges, 3, "(\"2组\") AND (\"组1\")", "000");
	/*
	 * Inside a word a short run is a whole run in any text that holds the
	 * word; two characters at one edge are the start or end of a run.  "AB-"
	 * gives nothing: in a phone, without its dash, AB may be anywhere.
	 */
	query(shorts, 2, "((\"12\" AND \"3\" AND \"45\") OR (\"123\" AND \"345\"))", "00");
	/* Letters are rare: a station code counts beside other terms. */
	query(code, 1, "((\"AB\" AND \"202\" AND \"024\") OR (\"AB2\" AND \"024\"))", "0");
	/* A word the index cannot narrow adds nothing; the store checks it with LIKE. */
	query(two, 2, "(\"张\")", "10");
	query(short_only, 3, NULL, "000");
}

static void test_query_quoting(void **state)
{
	char *tricky[] = { "张\"OR\"李", "NEAR(张", "张*", "^张", "AND" };
	unsigned char exact[5];
	char *q = fts_query(tricky, 5, exact);

	(void)state;
	/* User text only ever appears inside quoted strings: operators stay words. */
	assert_non_null(q);
	assert_string_equal(q, "(\"张\" AND \"OR\" AND \"李\") AND (\"NEA\" AND \"EAR\" AND \"张\") AND (\"张\")"
			       " AND (\"张\") AND (\"AND\")");
	free(q);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chinese),
		cmocka_unit_test(test_letters_and_digits),
		cmocka_unit_test(test_mixed),
		cmocka_unit_test(test_offsets_and_bad_bytes),
		cmocka_unit_test(test_emit_stops),
		cmocka_unit_test(test_query_builder),
		cmocka_unit_test(test_query_quoting),
	};

	unit_init();
	return cmocka_run_group_tests_name("fts", tests, NULL, NULL);
}
