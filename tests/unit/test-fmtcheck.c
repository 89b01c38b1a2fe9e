/*
 * test-fmtcheck.c — translations as printf formats: the parser of
 * conversions, the rule a translation must keep, the checked gettext of
 * i18n.h against a planted catalogue, and every entry of the shipped one.
 */
#include "unit.h"

#include <stdint.h>
#include <sys/stat.h>

#include "fmtcheck.h"
#include "xmalloc.h"

static void assert_args(const char *fmt, int n, const enum fmt_type *want)
{
	enum fmt_type got[FMT_MAX_ARGS];
	int r = fmt_args(fmt, got);

	if (r != n)
		fail_msg("fmt_args(\"%s\") = %d, want %d", fmt, r, n);
	for (int i = 0; i < n; i++)
		if (got[i] != want[i])
			fail_msg("fmt_args(\"%s\"): argument %d is %d, want %d", fmt, i + 1, got[i], want[i]);
}

static void test_args(void **state)
{
	enum fmt_type t[FMT_MAX_ARGS];

	(void)state;
	assert_args("no conversion", 0, NULL);
	assert_args("100%% done, %m", 0, NULL);
	assert_args("%s: %d of %lld (%zu) %.40s %-10s %5.2f",
		    7, (enum fmt_type[]){ FMT_STRING, FMT_INT, FMT_LLONG, FMT_SIZE, FMT_STRING,
					   FMT_STRING, FMT_DOUBLE });
	assert_args("%.*s|%*d", 4, (enum fmt_type[]){ FMT_INT, FMT_STRING, FMT_INT, FMT_INT });
	assert_args("%2$s 的 %1$lld 条", 2, (enum fmt_type[]){ FMT_LLONG, FMT_STRING });
	assert_args("%1$s %1$s %2$*3$d", 3, (enum fmt_type[]){ FMT_STRING, FMT_INT, FMT_INT });
	assert_args("%hhd %hd %ld %jd %td %Lf %lf %c %lc %ls %p %'d %#x %+i % d",
		    15, (enum fmt_type[]){ FMT_INT, FMT_INT, FMT_LONG, FMT_INTMAX, FMT_PTRDIFF,
					    FMT_LDOUBLE, FMT_DOUBLE, FMT_INT, FMT_WINT, FMT_WSTRING,
					    FMT_POINTER, FMT_INT, FMT_INT, FMT_INT, FMT_INT });
	assert_args("%n %hhn %lln", 3, (enum fmt_type[]){ FMT_WRITE, FMT_WRITE, FMT_WRITE });

	/* Not formats by the rule: refused, never guessed. */
	assert_int_equal(fmt_args("ends in %", t), -1);
	assert_int_equal(fmt_args("unknown %k", t), -1);
	assert_int_equal(fmt_args("%b binary", t), -1);
	assert_int_equal(fmt_args("rate (%)", t), -1);
	assert_int_equal(fmt_args("%1$s %s", t), -1);		/* positional and plain mixed */
	assert_int_equal(fmt_args("%s %2$s", t), -1);
	assert_int_equal(fmt_args("%2$s", t), -1);		/* position 1 skipped */
	assert_int_equal(fmt_args("%1$s %1$d", t), -1);		/* one position, two types */
	assert_int_equal(fmt_args("%0$s", t), -1);
	assert_int_equal(fmt_args("%17$s", t), -1);		/* more than FMT_MAX_ARGS */
	assert_int_equal(fmt_args("%1$m", t), -1);
	assert_int_equal(fmt_args("%hs %Ls %lp %hhf", t), -1);
	assert_int_equal(fmt_args("%qd", t), -1);		/* GNU spellings glibc parses two ways */
	assert_int_equal(fmt_args("%Li", t), -1);
	assert_int_equal(fmt_args("%999999999s", t), -1);	/* printf would allocate gigabytes */
	assert_int_equal(fmt_args("%.999999d", t), -1);
	assert_int_equal(fmt_args("%5%", t), -1);
	assert_int_equal(fmt_args("%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s", t), -1);
	assert_int_equal(fmt_args("%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s", t), 16);
}

static void test_same(void **state)
{
	(void)state;
	/* What a translator may do. */
	assert_true(fmt_same("cannot write '%s'", "无法写入“%s”"));
	assert_true(fmt_same("%s: error: %s\n", "%s：错误：%s\n"));
	assert_true(fmt_same("ticket %s: %lld days", "%2$lld 天：事项 %1$s"));
	assert_true(fmt_same("%.40s and %d", "%s 和 %5d"));	/* precision and width are the translator's */
	assert_true(fmt_same("Saved", "已保存"));
	assert_true(fmt_same("Saved", "已保存 100%%"));
	assert_true(fmt_same("%s: %m", "%s：%m"));
	assert_true(fmt_same("rate (%)", "满意率"));		/* not a format: a plain translation */

	/* What the hostile catalogue of issue 17 did, and its relatives. */
	assert_false(fmt_same("the login '%s' is not set up", "%1$n %2$p %3$p %4$s"));
	assert_false(fmt_same("the login '%s' is not set up", "%n%s"));
	assert_false(fmt_same("the login '%s' is not set up", "%p"));
	assert_false(fmt_same("the login '%s' is not set up", "%s %s"));
	assert_false(fmt_same("the login '%s' is not set up", "%d"));
	assert_false(fmt_same("Saved", "%s"));
	assert_false(fmt_same("Saved", "%n"));
	assert_false(fmt_same("%d of %s", "%s of %d"));
	assert_false(fmt_same("%d of %s", "%2$d of %1$s"));
	assert_false(fmt_same("%lld records", "%d records"));	/* the size of the argument matters */
	assert_false(fmt_same("%s and %d", "%s"));		/* same safety, lost meaning: the msgid */
	assert_false(fmt_same("%s", "%999999999s"));
	assert_false(fmt_same("rate (%)", "%s"));
	assert_false(fmt_same("%n", "%n"));			/* never %n, even matching */
}

/* ---- the checked gettext of i18n.h, with a catalogue planted for the test ---- */

static const char planted_po[] =
	"msgid \"\"\n"
	"msgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n"
	"\"Plural-Forms: nplurals=1; plural=0;\\n\"\n"
	"\n"
	"msgid \"the login '%s' is not set up\"\n"
	"msgstr \"%1$n %2$p %3$p %4$s\"\n"
	"\n"
	"msgid \"cannot write '%s'\"\n"
	"msgstr \"无法写入“%s”\"\n"
	"\n"
	"msgid \"ticket %s: %lld days\"\n"
	"msgstr \"%2$lld 天：事项 %1$s\"\n"
	"\n"
	"msgid \"Saved\"\n"
	"msgstr \"%n%n%n\"\n"
	"\n"
	"msgid \"Done\"\n"
	"msgstr \"完成\"\n"
	"\n"
	"msgid \"%d ticket\"\n"
	"msgid_plural \"%d tickets\"\n"
	"msgstr[0] \"%d 件\"\n"
	"\n"
	"msgid \"%d record\"\n"
	"msgid_plural \"%d records\"\n"
	"msgstr[0] \"%s 条\"\n"
	"\n"
	"msgctxt \"state\"\n"
	"msgid \"Void\"\n"
	"msgstr \"已作废\"\n"
	"\n"
	"msgctxt \"verb\"\n"
	"msgid \"Void %s\"\n"
	"msgstr \"%p\"\n";

static int plant(void **state)
{
	char *dir = xstrdup(unit_path("locale"));
	char *cmd, *po;
	FILE *f;

	(void)state;
	cmd = xasprintf("mkdir -p '%s/zh_CN/LC_MESSAGES'", dir);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	po = xasprintf("%s/planted.po", dir);
	f = fopen(po, "w");
	assert_non_null(f);
	fputs(planted_po, f);
	fclose(f);
	/* No --check: a catalogue the build would refuse, as a person could make one. */
	cmd = xasprintf("msgfmt -o '%s/zh_CN/LC_MESSAGES/jiedai.mo' '%s'", dir, po);
	assert_int_equal(system(cmd), 0);
	free(cmd);
	free(po);
	bindtextdomain("jiedai", dir);
	setenv("LANGUAGE", "zh_CN", 1);
	textdomain("jiedai");
	free(dir);
	return 0;
}

static int unplant(void **state)
{
	(void)state;
	bindtextdomain("jiedai", "/nonexistent");
	setenv("LANGUAGE", "en", 1);
	textdomain("jiedai");
	return 0;
}

static void test_checked_gettext(void **state)
{
	char buf[256];

	(void)state;
	/* The catalogue is in use: a good translation comes through... */
	assert_string_equal(_("cannot write '%s'"), "无法写入“%s”");
	assert_string_equal(_("Done"), "完成");
	snprintf(buf, sizeof(buf), _("ticket %s: %lld days"), "LJ-2026-0001", 3LL);
	assert_string_equal(buf, "3 天：事项 LJ-2026-0001");
	/* ...and a hostile one gives way to the msgid, which the compiler checked. */
	assert_string_equal(_("the login '%s' is not set up"), "the login '%s' is not set up");
	snprintf(buf, sizeof(buf), _("the login '%s' is not set up"), "lisi");
	assert_string_equal(buf, "the login 'lisi' is not set up");
	assert_string_equal(_("Saved"), "Saved");
	/* Plural forms: checked against either English form. */
	snprintf(buf, sizeof(buf), Q_("%d ticket", "%d tickets", 5), 5);
	assert_string_equal(buf, "5 件");
	snprintf(buf, sizeof(buf), Q_("%d record", "%d records", 5), 5);
	assert_string_equal(buf, "5 records");
	snprintf(buf, sizeof(buf), Q_("%d record", "%d records", 1), 1);
	assert_string_equal(buf, "1 record");
	/* With a context. */
	assert_string_equal(C_("state", "Void"), "已作废");
	assert_string_equal(C_("verb", "Void %s"), "Void %s");
	assert_string_equal(i18n_cgettext(NC_("verb", "Void %s")), "Void %s");
	assert_string_equal(i18n_cgettext(NC_("state", "Void")), "已作废");
}

/* ---- every entry of the shipped catalogue passes the check (none falls back to English) ---- */

static uint32_t word(const unsigned char *p, int swap)
{
	uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;

	return swap ? __builtin_bswap32(v) : v;
}

static void test_shipped_catalogue(void **state)
{
	const char *build = getenv("JIEDAI_BUILD");
	char *path;
	unsigned char *mo;
	struct stat st;
	FILE *f;
	uint32_t n, orig, trans;
	int swap, bad = 0;

	(void)state;
	if (!build || !*build)
		skip();
	path = xasprintf("%s/locale/zh_CN/LC_MESSAGES/jiedai.mo", build);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fstat(fileno(f), &st), 0);
	mo = xmalloc((size_t)st.st_size + 1);
	assert_int_equal(fread(mo, 1, (size_t)st.st_size, f), (size_t)st.st_size);
	fclose(f);
	mo[st.st_size] = '\0';
	swap = word(mo, 0) != 0x950412deu;
	assert_int_equal(word(mo, swap), 0x950412deu);
	n = word(mo + 8, swap);
	orig = word(mo + 12, swap);
	trans = word(mo + 16, swap);
	assert_true(n > 1000);
	for (uint32_t i = 0; i < n; i++) {
		const char *id = (const char *)mo + word(mo + orig + 8 * i + 4, swap);
		uint32_t idlen = word(mo + orig + 8 * i, swap);
		const char *str = (const char *)mo + word(mo + trans + 8 * i + 4, swap);
		uint32_t strlen_ = word(mo + trans + 8 * i, swap);
		const char *ctx = memchr(id, '\004', idlen);
		const char *one = ctx ? ctx + 1 : id;
		const char *many = strlen(id) < idlen ? id + strlen(id) + 1 : NULL;

		if (!*id)
			continue;	/* the header */
		for (const char *form = str; form < str + strlen_; form += strlen(form) + 1) {
			if (fmt_same(one, form) || (many && fmt_same(many, form)))
				continue;
			fprintf(stderr, "# the translation \"%s\" of \"%s\" does not keep its conversions\n", form, one);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
	free(mo);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_args),
		cmocka_unit_test(test_same),
		cmocka_unit_test_setup_teardown(test_checked_gettext, plant, unplant),
		cmocka_unit_test(test_shipped_catalogue),
	};

	unit_init();
	return cmocka_run_group_tests_name("fmtcheck", tests, NULL, NULL);
}
