/*
 * fuzz-formspec.c — form files (forms/NAME.form) as a station may edit them.
 *
 * The input is the file's text.  Like formspec_load(), text with a NUL byte
 * is refused before parsing.  A form that parses is then used the way the
 * screens use it: every field looked up by id, its labels read, and its
 * default and options checked with validate_field() as typed values.
 */
#include "fuzz.h"

#include "formspec.h"
#include "strbuf.h"
#include "validate.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_init();
	return 0;
}

/* Check a value against a field as if typed, dropping the verdict. */
static void try_value(const struct form_field *f, const char *v)
{
	char *out = NULL, *msg = NULL;

	validate_field(f, v, &out, &msg);
	free(out);
	free(msg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf errs = STRBUF_INIT;
	struct form_spec *spec;
	char *text;

	if (memchr(data, '\0', size))
		return -1;	/* not text: refused before parsing, and not worth keeping */
	text = fuzz_text(data, size);
	spec = formspec_parse(text, "fuzz.form", &errs);
	if (spec) {
		(void)formspec_title(spec);
		for (size_t i = 0; i < spec->nfields; i++) {
			const struct form_field *f = &spec->fields[i];

			if (formspec_field(spec, f->id) != f)
				abort();	/* ids are unique in a parsed form */
			(void)formspec_label(f);
			(void)formspec_help(f);
			(void)field_kind_name(f->kind);
			(void)formspec_is_core(spec->name, f->id);
			try_value(f, f->defval);
			try_value(f, f->label);
			for (size_t k = 0; k < f->noptions; k++) {
				(void)formspec_option_label(&f->options[k]);
				try_value(f, f->options[k].value);
				try_value(f, f->options[k].label_en);
			}
		}
		formspec_free(spec);
	}
	strbuf_release(&errs);
	free(text);
	return 0;
}
