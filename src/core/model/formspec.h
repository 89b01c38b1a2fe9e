/*
 * formspec.h — form files (forms/NAME.form) parsed into a plain description.
 *
 * The format is line-oriented and documented in forms/README.md: a `form NAME`
 * line, an optional `title`, then `field ID` blocks with `label`, `kind`,
 * `width`, `maxlen`, `lines`, `required`, `help`, `default`, `range` and
 * `option` lines.  "中文 | English" gives a label in both languages.
 *
 * Errors name the file and line.  A form whose name is one jiedai knows
 * (intake, handover, answer, rate, signoff, reopen, void) must carry that
 * form's core fields with the right kinds; any other field is the station's
 * own and is stored, shown and exported with the ticket.
 */
#ifndef JIEDAI_FORMSPEC_H
#define JIEDAI_FORMSPEC_H

#include <stddef.h>

struct strbuf;

/* The most characters a field's maxlen may allow. */
#define FORM_MAXLEN_MAX 5000

enum field_kind {
	FIELD_TEXT,
	FIELD_MULTILINE,
	FIELD_PHONE,
	FIELD_CHOICE,
	FIELD_DATE,
	FIELD_NUMBER,
	FIELD_DEADLINE,		/* a date, or a number of days from today */
};

struct form_option {
	char *value;		/* what is stored (Chinese) */
	char *label_en;		/* optional English label, or NULL */
};

struct form_field {
	char *id;
	char *label, *label_en;
	char *help, *help_en;
	char *defval;
	enum field_kind kind;
	int width;		/* columns of the input box */
	int lines;		/* rows, for multiline */
	int maxlen;		/* characters */
	int required;
	long range_lo, range_hi;
	int has_range;
	struct form_option *options;
	size_t noptions;
	int line;		/* where the field starts in its file */
};

struct form_spec {
	char *name;
	char *title, *title_en;
	char *path;
	struct form_field *fields;
	size_t nfields;
};

/*
 * Parse text (the contents of filename, used in messages).  Returns a new
 * form, or NULL with one "file:line: message" line per problem in errs.
 */
struct form_spec *formspec_parse(const char *text, const char *filename, struct strbuf *errs);
/* Read and parse a file; NULL with messages in errs. */
struct form_spec *formspec_load(const char *path, struct strbuf *errs);
void formspec_free(struct form_spec *spec);

const struct form_field *formspec_field(const struct form_spec *spec, const char *id);
int formspec_field_index(const struct form_spec *spec, const char *id);
/* Label in the user's language (Chinese unless messages are English and one is given). */
const char *formspec_label(const struct form_field *f);
const char *formspec_help(const struct form_field *f);
const char *formspec_title(const struct form_spec *spec);
const char *formspec_option_label(const struct form_option *o);
const char *field_kind_name(enum field_kind kind);
/* 1 when id is one of the core fields of the named form (so not an extra field). */
int formspec_is_core(const char *form, const char *id);

/* All forms of a station, loaded from one directory. */
struct forms {
	char *dir;
	struct form_spec *intake, *handover, *answer, *rate, *signoff, *reopen, *vd;
};

/*
 * Load every form from dir.  Returns 0, or -1 with every problem in errs
 * (jiedai refuses to start on a broken form).
 */
int forms_load(struct forms *forms, const char *dir, struct strbuf *errs);
void forms_release(struct forms *forms);
/* The follow-up form for a step name ("handover", "void" …), or NULL. */
const struct form_spec *forms_get(const struct forms *forms, const char *name);

#endif
