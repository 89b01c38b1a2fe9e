/* test-priv.c — the environment a set-ID jiedai keeps, and what counts as installed. */
#include "unit.h"

#include <sys/stat.h>

#include "priv.h"
#include "xmalloc.h"

/* priv_clear_environment(), keeping cmocka's own setting (it reads it as it reports). */
static void clear(void)
{
	const char *out = getenv("CMOCKA_MESSAGE_OUTPUT");
	char *keep = out ? xstrdup(out) : NULL;

	priv_clear_environment();
	if (keep)
		setenv("CMOCKA_MESSAGE_OUTPUT", keep, 1);
	free(keep);
}

static void test_allow_list(void **state)
{
	(void)state;
	/* Kept, checked. */
	setenv("TERM", "xterm-256color", 1);
	setenv("COLUMNS", "132", 1);
	setenv("LANG", "zh_CN.UTF-8", 1);
	setenv("LC_ALL", "C.UTF-8", 1);
	setenv("LANGUAGE", "../../evil:zh_CN:/tmp/x:en", 1);
	setenv("TZ", ":Asia/Shanghai", 1);
	setenv("HOME", "/home/lisi", 1);
	setenv("SSH_CONNECTION", "192.0.2.7 52114 192.0.2.1 22", 1);
	/* Kept names, hostile values: dropped. */
	setenv("LINES", "99999999", 1);
	setenv("LC_MESSAGES", "../../../home/lisi/evil", 1);
	setenv("XDG_DATA_HOME", "relative/path", 1);
	setenv("USER", "root-not-me", 1);
	setenv("SSH_CLIENT", "1.2.3.4 5 6\n\033]52;c;x\a", 1);
	/* Not kept at all. */
	setenv("JIEDAI_LOCALEDIR", "/home/lisi/evil", 1);
	setenv("JIEDAI_DB", "/home/lisi/evil.db", 1);
	setenv("NLSPATH", "/home/lisi/%N", 1);
	setenv("TERMINFO", "/home/lisi/terminfo", 1);
	setenv("PATH", "/home/lisi/bin:/usr/bin", 1);
	setenv("SOMETHING_NEW", "1", 1);

	clear();

	assert_string_equal(getenv("TERM"), "xterm-256color");
	assert_string_equal(getenv("COLUMNS"), "132");
	assert_string_equal(getenv("LANG"), "zh_CN.UTF-8");
	assert_string_equal(getenv("LC_ALL"), "C.UTF-8");
	assert_string_equal(getenv("LANGUAGE"), "zh_CN:en");
	assert_string_equal(getenv("TZ"), ":Asia/Shanghai");
	assert_string_equal(getenv("HOME"), "/home/lisi");
	assert_string_equal(getenv("SSH_CONNECTION"), "192.0.2.7 52114 192.0.2.1 22");
	assert_string_equal(getenv("PATH"), "/usr/bin:/bin");
	assert_null(getenv("LINES"));
	assert_null(getenv("LC_MESSAGES"));
	assert_null(getenv("XDG_DATA_HOME"));
	assert_null(getenv("USER"));
	assert_null(getenv("SSH_CLIENT"));
	assert_null(getenv("JIEDAI_LOCALEDIR"));
	assert_null(getenv("JIEDAI_DB"));
	assert_null(getenv("JIEDAI_NOW"));
	assert_null(getenv("JIEDAI_CONF"));
	assert_null(getenv("NLSPATH"));
	assert_null(getenv("TERMINFO"));
	assert_null(getenv("SOMETHING_NEW"));
}

static void check_value(const char *name, const char *value, int kept)
{
	setenv(name, value, 1);
	clear();
	if (kept && (!getenv(name) || strcmp(getenv(name), value)))
		fail_msg("%s=%s should be kept", name, value);
	if (!kept && getenv(name))
		fail_msg("%s=%s should be dropped", name, value);
}

static void test_values(void **state)
{
	(void)state;
	check_value("TERM", "putty", 1);
	check_value("TERM", "screen.xterm-256color", 1);
	check_value("TERM", "../../home/lisi/t", 0);
	check_value("TERM", "x/y", 0);
	check_value("TERM", ".hidden", 0);
	check_value("TERM", "", 0);
	check_value("LANG", "en_US.utf8@euro", 1);
	check_value("LANG", "C", 1);
	check_value("LANG", "zh_CN..UTF-8", 0);
	check_value("LANG", "/usr/lib/locale/x", 0);
	check_value("TZ", "Asia/Shanghai", 1);
	check_value("TZ", "CST-8", 1);
	check_value("TZ", "<+08>-8", 1);
	check_value("TZ", "EST5EDT,M3.2.0/2,M11.1.0", 1);
	check_value("TZ", "/home/lisi/tz", 0);
	check_value("TZ", ":/home/lisi/tz", 0);
	check_value("TZ", "Asia/../../../home/lisi/tz", 0);
	check_value("TZ", "Asia//Shanghai", 0);
	check_value("HOME", "/home/李四", 1);
	check_value("HOME", "~", 0);
	check_value("HOME", "/home/x\ny", 0);
	check_value("COLUMNS", "80", 1);
	check_value("COLUMNS", "080", 0);
	check_value("COLUMNS", "-1", 0);
	check_value("SSH_CONNECTION", "fe80::1%eth0 52114 fe80::2 22", 1);
	check_value("LANGUAGE", "", 0);
	check_value("LANGUAGE", "../..", 0);
}

static void test_installed(void **state)
{
	char *dir = xstrdup(unit_path("open"));
	char *sub = xasprintf("%s/sub", dir);

	(void)state;
	assert_true(priv_installed("/usr/share"));
	assert_false(priv_installed("/nonexistent/jiedai"));
	assert_int_equal(mkdir(dir, 0777), 0);
	assert_int_equal(chmod(dir, 0777), 0);	/* writable by anyone, no sticky bit */
	assert_int_equal(mkdir(sub, 0755), 0);
	assert_false(priv_installed(dir));
	assert_false(priv_installed(sub));	/* a directory above it is not root's alone */
	if (getuid() != 0)
		assert_false(priv_installed(unit_tmpdir));	/* the person's own */
	free(sub);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_allow_list),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_installed),
	};

	unit_init();
	return cmocka_run_group_tests_name("priv", tests, NULL, NULL);
}
