/*
 * test-archive.c — checking an archive folder against its index
 * (archive_verify()): a sound folder, each kind of problem named, and an
 * index whose lines try to reach outside the folder; and the names of a
 * duty workbook's sheets (dutysheet_sheet_name()).
 */
#include "unit.h"

#include <sys/stat.h>

#include "archive.h"
#include "dutysheet.h"
#include "strbuf.h"
#include "u8.h"
#include "xmalloc.h"

#define SHA_HELLO "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
#define SHA_B "3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d"
#define MAGIC "# jiedai-archive 1 year 2026 station LJ anchor 0000-0000-0000 events 1\n"

static void put(const char *dir, const char *name, const char *text)
{
	char path[600];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* A folder with a.txt ("hello"), sub/b.txt ("b") and an index of extra lines after the two. */
static const char *folder(const char *extra)
{
	static char dir[512];
	char sub[600], *index;

	snprintf(dir, sizeof(dir), "%s", unit_path("archive"));
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(sub, sizeof(sub), "%s/sub", dir);
	assert_int_equal(mkdir(sub, 0700), 0);
	put(dir, "a.txt", "hello");
	put(dir, "sub/b.txt", "b");
	index = xasprintf(MAGIC "# a comment\n" SHA_HELLO "  a.txt\n" SHA_B "  sub/b.txt\n%s", extra);
	put(dir, "index.txt", index);
	free(index);
	return dir;
}

static int verify(const char *dir, struct strbuf *problems, size_t *nfiles)
{
	char sha[65];

	strbuf_reset(problems);
	return archive_verify(dir, problems, nfiles, sha, NULL);
}

static void test_sound(void **state)
{
	struct strbuf p = STRBUF_INIT, head = STRBUF_INIT;
	size_t n = 0;
	char sha[65];

	(void)state;
	assert_int_equal(archive_verify(folder(""), &p, &n, sha, &head), 0);
	assert_int_equal(n, 2);
	assert_string_equal(p.buf, "");
	assert_int_equal(strlen(sha), 64);
	/* The "#" lines but the first, for people. */
	assert_string_equal(head.buf, "a comment\n");
	strbuf_release(&p);
	strbuf_release(&head);
}

static void test_problems_named(void **state)
{
	struct strbuf p = STRBUF_INIT;
	const char *dir = folder("");
	char path[600], target[600];
	size_t n;

	(void)state;
	/* Changed. */
	put(dir, "a.txt", "hellO");
	assert_int_equal(verify(dir, &p, &n), 1);
	assert_non_null(strstr(p.buf, "a.txt: changed"));
	/* Missing. */
	snprintf(path, sizeof(path), "%s/sub/b.txt", dir);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(verify(dir, &p, &n), 2);
	assert_non_null(strstr(p.buf, "sub/b.txt: missing"));
	/* A link where a file was, even to the right content. */
	put(dir, "real.txt", "b");
	snprintf(target, sizeof(target), "%s/real.txt", dir);
	assert_int_equal(symlink(target, path), 0);
	assert_int_equal(verify(dir, &p, &n), 3);
	assert_non_null(strstr(p.buf, "sub/b.txt: not a plain file"));
	/* real.txt is not in the index: named as extra, and left there. */
	assert_non_null(strstr(p.buf, "real.txt: an extra file"));
	assert_int_equal(access(target, F_OK), 0);
	strbuf_release(&p);
}

static void test_hostile_index(void **state)
{
	struct strbuf p = STRBUF_INIT;
	const char *dir;
	size_t n;

	(void)state;
	/* Lines that would reach outside the folder, or are not a file's line at all. */
	dir = folder(SHA_B "  /etc/passwd\n"
		     SHA_B "  ../x\n"
		     SHA_B "  sub/../a.txt\n"
		     SHA_B "  sub//b.txt\n"
		     SHA_B "  ./a.txt\n"
		     SHA_B "  a\033[2Jb\n"
		     "3E23E8160039594A33894F6564E1B1348BBD7A0088D42C4ACB73EEAED59C009D  a.txt\n"
		     SHA_B " a.txt\n"
		     SHA_B "  index.txt\n"
		     "not a line\n"
		     "\n");
	assert_int_equal(verify(dir, &p, &n), 10);
	assert_int_equal(n, 2);
	assert_null(strstr(p.buf, "\033"));
	assert_null(strstr(p.buf, "missing"));
	assert_non_null(strstr(p.buf, "index.txt line 5 is not a file's line"));
	assert_non_null(strstr(p.buf, "index.txt line 14 is not a file's line"));
	strbuf_release(&p);
}

static void test_no_index(void **state)
{
	struct strbuf p = STRBUF_INIT;
	const char *dir = folder("");
	char path[600];
	size_t n;

	(void)state;
	put(dir, "index.txt", "just a file\n");
	assert_int_equal(verify(dir, &p, &n), -1);
	assert_non_null(strstr(unit_last_error, "not the index of a jiedai archive"));
	snprintf(path, sizeof(path), "%s/index.txt", dir);
	unlink(path);
	assert_int_equal(verify(dir, &p, &n), -1);
	strbuf_release(&p);
}

static void test_sheet_names(void **state)
{
	char *used[4] = { NULL };
	char *s;

	(void)state;
	s = dutysheet_sheet_name("王芳", used, 0);
	assert_string_equal(s, "王芳");
	used[0] = s;
	s = dutysheet_sheet_name("王芳", used, 1);
	assert_string_equal(s, "王芳~2");
	used[1] = s;
	s = dutysheet_sheet_name("王芳", used, 2);
	assert_string_equal(s, "王芳~3");
	free(s);
	s = dutysheet_sheet_name("a/b:c*?[x]\\'", used, 2);
	assert_string_equal(s, "a_b_c___x___");
	free(s);
	/* At most 31 characters, counted as characters. */
	s = dutysheet_sheet_name("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三", used, 2);
	assert_int_equal(u8_chars(s), 31);
	free(s);
	s = dutysheet_sheet_name("", used, 2);
	assert_string_equal(s, "_");
	free(s);
	free(used[0]);
	free(used[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sound),
		cmocka_unit_test(test_problems_named),
		cmocka_unit_test(test_hostile_index),
		cmocka_unit_test(test_no_index),
		cmocka_unit_test(test_sheet_names),
	};

	unit_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
