/*
 * formspec.c — parser for forms/NAME.form; see formspec.h and forms/README.md.
 *
 * One pass over the lines.  Every problem is reported with its line and the
 * parse goes on, so one run of `jiedai form-check` shows all of them.
 */
#include "formspec.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "strbuf.h"
#include "u8.h"
#include "xmalloc.h"

#define WIDTH_MAX 76
#define MAXLEN_MAX FORM_MAXLEN_MAX

static const char *const kind_names[] = {
	[FIELD_TEXT] = "text",
	[FIELD_MULTILINE] = "multiline",
	[FIELD_PHONE] = "phone",
	[FIELD_CHOICE] = "choice",
	[FIELD_DATE] = "date",
	[FIELD_NUMBER] = "number",
	[FIELD_DEADLINE] = "deadline",
};

/* Core fields each known form must have: id, kind, whether it must be required. */
struct core_field {
	const char *form, *id;
	enum field_kind kind;
	int must_require;
};

static const struct core_field core_fields[] = {
	{ "intake", "name", FIELD_TEXT, 1 },
	{ "intake", "phone", FIELD_PHONE, 0 },
	{ "intake", "address", FIELD_TEXT, 0 },
	{ "intake", "category", FIELD_CHOICE, 1 },
	{ "intake", "issue", FIELD_MULTILINE, 1 },
	{ "intake", "spot", FIELD_MULTILINE, 0 },
	{ "intake", "spot_rating", FIELD_CHOICE, 0 },
	/* Who received the voter: on the screen a pick list of the day's deputies. */
	{ "intake", "deputy", FIELD_TEXT, 0 },
	{ "handover", "unit", FIELD_TEXT, 1 },
	{ "handover", "due", FIELD_DEADLINE, 1 },
	{ "handover", "note", FIELD_TEXT, 0 },
	{ "answer", "method", FIELD_CHOICE, 1 },
	{ "answer", "date", FIELD_DATE, 0 },
	{ "answer", "text", FIELD_MULTILINE, 1 },
	{ "rate", "rating", FIELD_CHOICE, 1 },
	{ "rate", "note", FIELD_TEXT, 0 },
	{ "signoff", "note", FIELD_TEXT, 0 },
	{ "reopen", "reason", FIELD_TEXT, 1 },
	{ "void", "reason", FIELD_TEXT, 1 },
};

/* Which core fields must exist in their form (others are optional). */
static int core_mandatory(const struct core_field *c)
{
	return c->must_require || !strcmp(c->id, "phone") || !strcmp(c->id, "address");
}


const char *field_kind_name(enum field_kind kind)
{
	return kind_names[kind];
}

int formspec_is_core(const char *form, const char *id)
{
	for (size_t i = 0; i < sizeof(core_fields) / sizeof(core_fields[0]); i++)
		if (!strcmp(core_fields[i].form, form) && !strcmp(core_fields[i].id, id))
			return 1;
	/* The intake form's optional on-the-spot answer and rating. */
	return !strcmp(form, "intake") && (!strcmp(id, "spot") || !strcmp(id, "spot_rating"));
}

static int known_form(const char *name)
{
	static const char *const names[] = { "intake", "handover", "answer", "rate",
					     "signoff", "reopen", "void", NULL };

	for (size_t i = 0; names[i]; i++)
		if (!strcmp(names[i], name))
			return 1;
	return 0;
}

static void add_err(struct strbuf *errs, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void add_err(struct strbuf *errs, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	if (line > 0)
		strbuf_addf(errs, "%s:%d: ", file, line);
	else
		strbuf_addf(errs, "%s: ", file);
	va_start(ap, fmt);
	strbuf_vaddf(errs, fmt, ap);
	va_end(ap);
	strbuf_addch(errs, '\n');
}

/* Split "中文 | English" into two new strings (English may be NULL). */
static void split_label(const char *v, char **zh, char **en)
{
	const char *bar = strstr(v, " | ");

	if (!bar) {
		*zh = u8_trim(v);
		*en = NULL;
		return;
	}
	{
		char *left = xstrndup(v, (size_t)(bar - v));

		*zh = u8_trim(left);
		free(left);
	}
	*en = u8_trim(bar + 3);
	if (!**en) {
		free(*en);
		*en = NULL;
	}
}

static int parse_int(const char *v, long lo, long hi, long *out)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(v, &end, 10);
	if (errno || end == v || *end || n < lo || n > hi)
		return -1;
	*out = n;
	return 0;
}

static int valid_id(const char *id)
{
	if (!(*id >= 'a' && *id <= 'z'))
		return 0;
	for (const char *p = id; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return 0;
	return strlen(id) <= 32;
}

static void field_defaults(struct form_field *f)
{
	switch (f->kind) {
	case FIELD_TEXT: f->width = 30; f->maxlen = 50; break;
	case FIELD_MULTILINE: f->width = 60; f->maxlen = 500; f->lines = 3; break;
	case FIELD_PHONE: f->width = 16; f->maxlen = 20; break;
	case FIELD_CHOICE: f->width = 20; f->maxlen = 50; break;
	case FIELD_DATE: f->width = 12; f->maxlen = 20; break;
	case FIELD_NUMBER: f->width = 8; f->maxlen = 12; break;
	case FIELD_DEADLINE: f->width = 12; f->maxlen = 20; break;
	}
	if (f->kind != FIELD_MULTILINE)
		f->lines = 1;
}

static void field_release(struct form_field *f)
{
	free(f->id);
	free(f->label);
	free(f->label_en);
	free(f->help);
	free(f->help_en);
	free(f->defval);
	for (size_t i = 0; i < f->noptions; i++) {
		free(f->options[i].value);
		free(f->options[i].label_en);
	}
	free(f->options);
}

void formspec_free(struct form_spec *spec)
{
	if (!spec)
		return;
	for (size_t i = 0; i < spec->nfields; i++)
		field_release(&spec->fields[i]);
	free(spec->fields);
	free(spec->name);
	free(spec->title);
	free(spec->title_en);
	free(spec->path);
	free(spec);
}

/* Per-field flags of what was given explicitly, for the checks at the end. */
struct seen {
	int kind, width, maxlen, lines;
};

static void check_field(const struct form_field *f, const struct seen *s, const char *file,
			struct strbuf *errs)
{
	if (!f->label || !*f->label)
		add_err(errs, file, f->line, _("field '%s' has no label"), f->id);
	if (!s->kind)
		add_err(errs, file, f->line, _("field '%s' has no kind"), f->id);
	if (f->kind == FIELD_CHOICE && !f->noptions)
		add_err(errs, file, f->line, _("field '%s' is a choice but has no option lines"), f->id);
	if (f->kind != FIELD_CHOICE && f->noptions)
		add_err(errs, file, f->line, _("field '%s' has options but is not a choice"), f->id);
	if (f->kind == FIELD_MULTILINE && f->width < 10)
		add_err(errs, file, f->line, _("field '%s': a multiline field needs a width of at least 10"), f->id);
	if (f->kind == FIELD_CHOICE && f->defval) {
		size_t i;

		for (i = 0; i < f->noptions; i++)
			if (!strcmp(f->options[i].value, f->defval))
				break;
		if (i == f->noptions)
			add_err(errs, file, f->line, _("field '%s': default '%s' is not one of its options"),
				f->id, f->defval);
	}
	if (f->defval && (int)u8_chars(f->defval) > f->maxlen)
		add_err(errs, file, f->line, _("field '%s': default is longer than maxlen"), f->id);
}

static void check_core(const struct form_spec *spec, const char *file, struct strbuf *errs)
{
	for (size_t i = 0; i < sizeof(core_fields) / sizeof(core_fields[0]); i++) {
		const struct core_field *c = &core_fields[i];
		const struct form_field *f;

		if (strcmp(c->form, spec->name))
			continue;
		f = formspec_field(spec, c->id);
		if (!f) {
			if (core_mandatory(c))
				add_err(errs, file, 0, _("form '%s' needs a field '%s'"), spec->name, c->id);
			continue;
		}
		if (f->kind != c->kind &&
		    !(c->kind == FIELD_MULTILINE && f->kind == FIELD_TEXT) &&
		    !(c->kind == FIELD_TEXT && f->kind == FIELD_MULTILINE) &&
		    !(c->kind == FIELD_DEADLINE && f->kind == FIELD_DATE))
			add_err(errs, file, f->line, _("field '%s' must be of kind %s"), c->id,
				kind_names[c->kind]);
		if (c->must_require && !f->required)
			add_err(errs, file, f->line, _("field '%s' must be required"), c->id);
		if ((!strcmp(c->form, "rate") && !strcmp(c->id, "rating")) ||
		    (!strcmp(c->form, "intake") && !strcmp(c->id, "spot_rating")))
			for (size_t k = 0; k < f->noptions; k++)
				if (strcmp(f->options[k].value, "满意") &&
				    strcmp(f->options[k].value, "基本满意") &&
				    strcmp(f->options[k].value, "不满意"))
					add_err(errs, file, f->line,
						_("rating option '%s' is not one of 满意, 基本满意, 不满意"),
						f->options[k].value);
	}
}

struct form_spec *formspec_parse(const char *text, const char *file, struct strbuf *errs)
{
	struct form_spec *spec = xcalloc(1, sizeof(*spec));
	struct seen *seen = NULL;
	size_t errs_before = errs->len;
	const char *p = text;
	int lineno = 0;
	struct form_field *f = NULL;

	if (!u8_valid(text, strlen(text)))
		add_err(errs, file, 0, _("the file is not valid UTF-8 (save it as UTF-8)"));
	while (*p) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		char *raw = xstrndup(p, len), *line = u8_trim(raw);
		char *key, *val;

		free(raw);
		p += len + (eol ? 1 : 0);
		lineno++;
		if (!*line || line[0] == '#') {
			free(line);
			continue;
		}
		key = line;
		val = line + strcspn(line, " \t");
		if (*val) {
			*val++ = '\0';
			while (*val == ' ' || *val == '\t')
				val++;
		}

		if (!strcmp(key, "form")) {
			if (spec->name)
				add_err(errs, file, lineno, _("a second 'form' line"));
			else if (!valid_id(val))
				add_err(errs, file, lineno, _("'form' needs a name of lower-case letters, digits and _"));
			else
				spec->name = xstrdup(val);
		} else if (!spec->name) {
			add_err(errs, file, lineno, _("the file must begin with a 'form NAME' line"));
			spec->name = xstrdup("?");
		} else if (!strcmp(key, "title")) {
			free(spec->title);
			free(spec->title_en);
			split_label(val, &spec->title, &spec->title_en);
		} else if (!strcmp(key, "field")) {
			if (!valid_id(val)) {
				add_err(errs, file, lineno, _("field id '%s' must be lower-case letters, digits and _"), val);
			} else if (formspec_field(spec, val)) {
				add_err(errs, file, lineno, _("duplicate field '%s' (first at line %d)"), val,
					formspec_field(spec, val)->line);
			}
			spec->fields = xreallocarray(spec->fields, spec->nfields + 1, sizeof(*spec->fields));
			seen = xreallocarray(seen, spec->nfields + 1, sizeof(*seen));
			f = &spec->fields[spec->nfields];
			memset(f, 0, sizeof(*f));
			memset(&seen[spec->nfields], 0, sizeof(*seen));
			spec->nfields++;
			f->id = xstrdup(val);
			f->line = lineno;
			f->kind = FIELD_TEXT;
			field_defaults(f);
		} else if (!f) {
			add_err(errs, file, lineno, _("'%s' before any 'field' line"), key);
		} else if (!strcmp(key, "label")) {
			free(f->label);
			free(f->label_en);
			split_label(val, &f->label, &f->label_en);
		} else if (!strcmp(key, "help")) {
			free(f->help);
			free(f->help_en);
			split_label(val, &f->help, &f->help_en);
		} else if (!strcmp(key, "kind")) {
			struct seen *s = &seen[spec->nfields - 1];
			size_t k;

			for (k = 0; k < sizeof(kind_names) / sizeof(kind_names[0]); k++)
				if (!strcmp(kind_names[k], val))
					break;
			if (k == sizeof(kind_names) / sizeof(kind_names[0])) {
				add_err(errs, file, lineno,
					_("unknown kind '%s' (use text, multiline, phone, choice, date, number or deadline)"), val);
			} else {
				int w = f->width, m = f->maxlen, l = f->lines;

				f->kind = (enum field_kind)k;
				field_defaults(f);
				if (s->width)
					f->width = w;
				if (s->maxlen)
					f->maxlen = m;
				if (s->lines)
					f->lines = l;
			}
			s->kind = 1;
		} else if (!strcmp(key, "width") || !strcmp(key, "maxlen") || !strcmp(key, "lines")) {
			struct seen *s = &seen[spec->nfields - 1];
			long n, hi = !strcmp(key, "width") ? WIDTH_MAX : !strcmp(key, "lines") ? 10 : MAXLEN_MAX;

			if (parse_int(val, 1, hi, &n) < 0) {
				add_err(errs, file, lineno, _("'%s' must be a whole number from 1 to %ld, not '%s'"),
					key, hi, val);
			} else if (key[0] == 'w') {
				f->width = (int)n;
				s->width = 1;
			} else if (key[0] == 'm') {
				f->maxlen = (int)n;
				s->maxlen = 1;
			} else {
				f->lines = (int)n;
				s->lines = 1;
			}
		} else if (!strcmp(key, "required")) {
			if (!*val || !strcmp(val, "yes"))
				f->required = 1;
			else if (!strcmp(val, "no"))
				f->required = 0;
			else
				add_err(errs, file, lineno, _("'required' takes yes or no, not '%s'"), val);
		} else if (!strcmp(key, "default")) {
			free(f->defval);
			f->defval = xstrdup(val);
		} else if (!strcmp(key, "range")) {
			long lo, hi;
			char *sp = strchr(val, ' ');

			if (!sp || (*sp = '\0', parse_int(val, -1000000000L, 1000000000L, &lo) < 0) ||
			    parse_int(sp + 1 + strspn(sp + 1, " "), lo, 1000000000L, &hi) < 0) {
				add_err(errs, file, lineno, _("'range' takes two whole numbers, low and high"));
			} else {
				f->range_lo = lo;
				f->range_hi = hi;
				f->has_range = 1;
			}
		} else if (!strcmp(key, "option")) {
			struct form_option *o;

			if (!*val) {
				add_err(errs, file, lineno, _("'option' needs a value"));
			} else {
				f->options = xreallocarray(f->options, f->noptions + 1, sizeof(*f->options));
				o = &f->options[f->noptions++];
				split_label(val, &o->value, &o->label_en);
				for (size_t i = 0; i + 1 < f->noptions; i++)
					if (!strcmp(f->options[i].value, o->value))
						add_err(errs, file, lineno, _("option '%s' appears twice"), o->value);
			}
		} else {
			add_err(errs, file, lineno, _("unknown keyword '%s'"), key);
		}
		free(line);
	}

	if (!spec->name) {
		add_err(errs, file, 0, _("the file is empty: it needs a 'form NAME' line and fields"));
		spec->name = xstrdup("?");
	}
	for (size_t i = 0; i < spec->nfields; i++)
		check_field(&spec->fields[i], &seen[i], file, errs);
	if (!spec->nfields)
		add_err(errs, file, 0, _("form '%s' has no fields"), spec->name);
	if (known_form(spec->name))
		check_core(spec, file, errs);
	free(seen);

	if (errs->len != errs_before) {
		formspec_free(spec);
		return NULL;
	}
	spec->path = xstrdup(file);
	return spec;
}

struct form_spec *formspec_load(const char *path, struct strbuf *errs)
{
	FILE *f = fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	struct form_spec *spec;

	if (!f) {
		strbuf_addf(errs, _("%s: cannot read the form file: %s\n"), path, strerror(errno));
		return NULL;
	}
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		strbuf_add(&sb, buf, n);
	fclose(f);
	if (memchr(sb.buf, '\0', sb.len)) {
		strbuf_addf(errs, _("%s: the file is not text\n"), path);
		strbuf_release(&sb);
		return NULL;
	}
	spec = formspec_parse(sb.buf, path, errs);
	strbuf_release(&sb);
	return spec;
}

int formspec_field_index(const struct form_spec *spec, const char *id)
{
	for (size_t i = 0; i < spec->nfields; i++)
		if (!strcmp(spec->fields[i].id, id))
			return (int)i;
	return -1;
}

const struct form_field *formspec_field(const struct form_spec *spec, const char *id)
{
	int i = formspec_field_index(spec, id);

	return i < 0 ? NULL : &spec->fields[i];
}

const char *formspec_label(const struct form_field *f)
{
	return (!i18n_is_chinese() && f->label_en) ? f->label_en : f->label;
}

const char *formspec_help(const struct form_field *f)
{
	return (!i18n_is_chinese() && f->help_en) ? f->help_en : f->help;
}

const char *formspec_title(const struct form_spec *spec)
{
	if (!i18n_is_chinese() && spec->title_en)
		return spec->title_en;
	return spec->title ? spec->title : spec->name;
}

const char *formspec_option_label(const struct form_option *o)
{
	return (!i18n_is_chinese() && o->label_en) ? o->label_en : o->value;
}

static struct form_spec *load_one(const char *dir, const char *name, struct strbuf *errs)
{
	char *path = xasprintf("%s/%s.form", dir, name);
	struct form_spec *spec = formspec_load(path, errs);

	if (spec && strcmp(spec->name, name)) {
		strbuf_addf(errs, _("%s: the 'form' line says '%s' but this file must be form '%s'\n"),
			    path, spec->name, name);
		formspec_free(spec);
		spec = NULL;
	}
	free(path);
	return spec;
}

int forms_load(struct forms *forms, const char *dir, struct strbuf *errs)
{
	size_t before = errs->len;

	memset(forms, 0, sizeof(*forms));
	forms->dir = xstrdup(dir);
	forms->intake = load_one(dir, "intake", errs);
	forms->handover = load_one(dir, "handover", errs);
	forms->answer = load_one(dir, "answer", errs);
	forms->rate = load_one(dir, "rate", errs);
	forms->signoff = load_one(dir, "signoff", errs);
	forms->reopen = load_one(dir, "reopen", errs);
	forms->vd = load_one(dir, "void", errs);
	if (errs->len != before) {
		forms_release(forms);
		return -1;
	}
	return 0;
}

void forms_release(struct forms *forms)
{
	free(forms->dir);
	formspec_free(forms->intake);
	formspec_free(forms->handover);
	formspec_free(forms->answer);
	formspec_free(forms->rate);
	formspec_free(forms->signoff);
	formspec_free(forms->reopen);
	formspec_free(forms->vd);
	memset(forms, 0, sizeof(*forms));
}

const struct form_spec *forms_get(const struct forms *forms, const char *name)
{
	if (!strcmp(name, "intake")) return forms->intake;
	if (!strcmp(name, "handover")) return forms->handover;
	if (!strcmp(name, "answer")) return forms->answer;
	if (!strcmp(name, "rate")) return forms->rate;
	if (!strcmp(name, "signoff")) return forms->signoff;
	if (!strcmp(name, "reopen")) return forms->reopen;
	if (!strcmp(name, "void")) return forms->vd;
	return NULL;
}
