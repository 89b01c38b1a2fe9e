/* test-formspec.c — form files: the shipped ones, and each kind of error with its line. */
#include "unit.h"

#include "formspec.h"
#include "strbuf.h"

static void test_shipped_forms(void **state)
{
	const char *src = getenv("JIEDAI_SRC");
	char dir[512];
	struct forms forms;
	struct strbuf errs = STRBUF_INIT;
	const struct form_field *f;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/forms", src && *src ? src : ".");
	if (forms_load(&forms, dir, &errs) < 0)
		fail_msg("shipped forms do not load: %s", errs.buf);
	f = formspec_field(forms.intake, "category");
	assert_non_null(f);
	assert_int_equal(f->kind, FIELD_CHOICE);
	/* The categories from DOMAIN.md are the default list. */
	assert_true(f->noptions >= 9);
	assert_string_equal(f->options[0].value, "工业经济");
	assert_string_equal(f->options[5].value, "农业农村");
	assert_string_equal(formspec_label(formspec_field(forms.intake, "name")), "Name");
	assert_non_null(formspec_field(forms.intake, "request"));
	assert_false(formspec_is_core("intake", "request"));
	assert_true(formspec_is_core("intake", "phone"));
	assert_int_equal(formspec_field(forms.handover, "due")->kind, FIELD_DEADLINE);
	assert_non_null(forms_get(&forms, "void"));
	forms_release(&forms);
	strbuf_release(&errs);
}

/* Parse text and expect one error mentioning line and fragment. */
static void expect_error(const char *text, int line, const char *fragment)
{
	struct strbuf errs = STRBUF_INIT;
	struct form_spec *f = formspec_parse(text, "bad.form", &errs);
	char where[32];

	if (f)
		fail_msg("accepted a broken form:\n%s", text);
	if (line)
		snprintf(where, sizeof(where), "bad.form:%d: ", line);
	else
		snprintf(where, sizeof(where), "bad.form: ");
	if (!strstr(errs.buf, where) || !strstr(errs.buf, fragment))
		fail_msg("wanted '%s' ... '%s', got:\n%s", where, fragment, errs.buf);
	strbuf_release(&errs);
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("field a\nlabel A\nkind text\n", 1, "form NAME");
	expect_error("form x\nfield a\nlable A\nkind text\n", 3, "unknown keyword 'lable'");
	expect_error("form x\nlabel A\n", 2, "before any 'field'");
	expect_error("form x\nfield a\nlabel A\nkind txt\n", 4, "unknown kind 'txt'");
	expect_error("form x\nfield a\nlabel A\nkind text\nwidth wide\n", 5, "'width' must be a whole number");
	expect_error("form x\nfield a\nlabel A\nkind text\nmaxlen 0\n", 5, "'maxlen'");
	expect_error("form x\nfield a\nlabel A\nkind text\n\nfield a\nlabel B\nkind text\n", 6,
		     "duplicate field 'a' (first at line 2)");
	expect_error("form x\n# comment\nfield a\nlabel A\nkind choice\n", 3, "no option lines");
	expect_error("form x\nfield a\nlabel A\nkind text\noption x\n", 2, "not a choice");
	expect_error("form x\nfield a\nkind text\n", 2, "has no label");
	expect_error("form x\nfield a\nlabel A\n", 2, "has no kind");
	expect_error("form x\nfield Bad-Id\nlabel A\nkind text\n", 2, "lower-case");
	expect_error("form x\nfield a\nlabel A\nkind text\nrequired maybe\n", 5, "yes or no");
	expect_error("form x\nfield a\nlabel A\nkind choice\noption p\noption p\n", 6, "appears twice");
	expect_error("form x\nfield a\nlabel \xff\nkind text\n", 0, "not valid UTF-8");
	expect_error("form intake\nfield name\nlabel 姓名\nkind text\nrequired\n", 0, "needs a field 'issue'");
	expect_error("form intake\nfield name\nlabel 姓名\nkind text\n"
		     "field category\nlabel 类别\nkind choice\nrequired\noption 其他\n"
		     "field issue\nlabel 问题\nkind multiline\nrequired\n"
		     "field phone\nlabel 电话\nkind text\n"
		     "field address\nlabel 住址\nkind text\n", 2, "'name' must be required");
	expect_error("form rate\nfield rating\nlabel 满意度\nkind choice\nrequired\noption 很好\n", 2,
		     "not one of 满意");
	expect_error("", 0, "empty");
}

static void test_details(void **state)
{
	struct strbuf errs = STRBUF_INIT;
	struct form_spec *f = formspec_parse(
		"form custom\ntitle 自定 | Custom\n"
		"field village\n  label 村组 | Village\n  kind choice\n  width 10\n"
		"  option 一组\n  option 二组 | Group 2\n  default 二组\n"
		"field memo\nkind multiline\nlabel 备注\nlines 5\n",
		"ok.form", &errs);

	(void)state;
	if (!f)
		fail_msg("%s", errs.buf);
	assert_int_equal(f->nfields, 2);
	assert_string_equal(formspec_title(f), "Custom");
	assert_int_equal(f->fields[0].width, 10);
	assert_string_equal(f->fields[0].defval, "二组");
	assert_string_equal(formspec_option_label(&f->fields[0].options[1]), "Group 2");
	assert_string_equal(formspec_option_label(&f->fields[0].options[0]), "一组");
	/* kind after width keeps the width; the multiline default lines are overridden. */
	assert_int_equal(f->fields[1].lines, 5);
	assert_int_equal(f->fields[1].kind, FIELD_MULTILINE);
	formspec_free(f);
	strbuf_release(&errs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shipped_forms),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_details),
	};

	unit_init();
	return cmocka_run_group_tests_name("formspec", tests, NULL, NULL);
}
