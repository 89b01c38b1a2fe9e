/*
 * form.c — see form.h.
 *
 * Layout: one field per row (a multi-line field takes its rows), the label
 * in a column on the left with " *" when required and a leading "!" when
 * the field has a message (a label too long for the column wraps onto the
 * rows of a tall box, or ends in "…"), the message itself to the right of
 * the box when it fits there, else under the label of a tall box, and always
 * on the status line while the field is focused.
 */
#include "form.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "jd.h"
#include "store.h"
#include "strbuf.h"
#include "u8.h"
#include "validate.h"
#include "xmalloc.h"

#define PICK_ROWS 10

void uiform_init(struct uiform *form, const struct form_spec *spec, const char *save_label)
{
	memset(form, 0, sizeof(*form));
	form->spec = spec;
	form->n = spec->nfields;
	form->f = xcalloc(form->n ? form->n : 1, sizeof(*form->f));
	form->save_label = save_label;
	form->label_w = 8;
	for (size_t i = 0; i < form->n; i++) {
		const struct form_field *fs = &spec->fields[i];
		int lw = u8_width(formspec_label(fs)) + (fs->required ? 2 : 0) + 1;

		form->f[i].spec = fs;
		lineedit_init(&form->f[i].le, fs->width, fs->kind == FIELD_MULTILINE ? fs->lines : 1,
			      fs->kind == FIELD_MULTILINE, fs->maxlen);
		if (fs->defval)
			lineedit_set(&form->f[i].le, fs->defval);
		if (lw > form->label_w)
			form->label_w = lw;
	}
	lineedit_init(&form->filter, 20, 1, 0, 20);
	form->sugg_sel = -1;
}

static void free_options(struct uifield *f)
{
	for (size_t k = 0; k < f->nopts; k++)
		free(f->opts[k].value);
	free(f->opts);
	f->opts = NULL;
	f->nopts = 0;
}

void uiform_release(struct uiform *form)
{
	for (size_t i = 0; i < form->n; i++) {
		lineedit_release(&form->f[i].le);
		free(form->f[i].error);
		free(form->f[i].defval);
		free_options(&form->f[i]);
		if (form->f[i].suggest)
			u8_lines_free(form->f[i].suggest);
	}
	free(form->f);
	lineedit_release(&form->filter);
	memset(form, 0, sizeof(*form));
}

static int index_of(const struct uiform *form, const char *id)
{
	for (size_t i = 0; i < form->n; i++)
		if (!strcmp(form->f[i].spec->id, id))
			return (int)i;
	return -1;
}

/* A field's options: set from the ledger, else its spec's. */
static const struct form_option *options_of(const struct uifield *f, size_t *n)
{
	if (f->nopts) {
		*n = f->nopts;
		return f->opts;
	}
	*n = f->spec->noptions;
	return f->spec->options;
}

static int is_choice(const struct uifield *f)
{
	return f->spec->kind == FIELD_CHOICE || f->nopts > 0;
}

void uiform_set_options(struct uiform *form, const char *id, char *const *values)
{
	int i = index_of(form, id);
	struct uifield *f;
	size_t n = 0;

	if (i < 0)
		return;
	f = &form->f[i];
	free_options(f);
	while (values && values[n])
		n++;
	if (!n)
		return;
	f->opts = xcalloc(n, sizeof(*f->opts));
	for (size_t k = 0; k < n; k++)
		f->opts[k].value = xstrdup(values[k]);
	f->nopts = n;
}

void uiform_set(struct uiform *form, const char *id, const char *value)
{
	int i = index_of(form, id);

	if (i < 0)
		return;
	lineedit_set(&form->f[i].le, value ? value : "");
	free(form->f[i].error);
	form->f[i].error = NULL;
}

void uiform_set_default(struct uiform *form, const char *id, const char *value)
{
	int i = index_of(form, id);

	if (i < 0)
		return;
	uiform_set(form, id, value);
	free(form->f[i].defval);
	form->f[i].defval = xstrdup(value ? value : "");
}

char *uiform_get(const struct uiform *form, const char *id)
{
	int i = index_of(form, id);

	return i < 0 ? NULL : lineedit_get(&form->f[i].le);
}

void uiform_focus(struct uiform *form, const char *id)
{
	int i = index_of(form, id);

	if (i >= 0) {
		form->focus = i;
		form->picking = 0;
	}
}

const char *uiform_focus_id(const struct uiform *form)
{
	return (size_t)form->focus < form->n ? form->f[form->focus].spec->id : NULL;
}

int uiform_empty(const struct uiform *form)
{
	for (size_t i = 0; i < form->n; i++) {
		const struct form_field *fs = form->f[i].spec;
		const char *def = form->f[i].defval ? form->f[i].defval : fs->defval;
		char *v = lineedit_get(&form->f[i].le);
		int same = def ? !strcmp(v, def) : !*v;

		free(v);
		if (!same)
			return 0;
	}
	return 1;
}

const char *uiform_help(const struct uiform *form)
{
	const struct uifield *f;

	if ((size_t)form->focus >= form->n)
		return _("Enter saves. Tab and Shift-Tab move between fields.");
	f = &form->f[form->focus];
	if (f->error)
		return f->error;
	if (form->picking)
		return _("Type to filter, Up and Down to choose, Enter to take it, Esc to close the list.");
	if (f->suggest && f->spec->kind == FIELD_TEXT)
		return _("Type to filter the list, Down to choose, Enter to take it. A name not in the list is added to it when you save.");
	if (formspec_help(f->spec))
		return formspec_help(f->spec);
	if (is_choice(f))
		return _("Press Enter or Space for the list, or type to filter it.");
	return NULL;
}

void uiform_keybar(const struct uiform *form, const char *const *items)
{
	size_t n = 0, k = 0;
	const char **all;
	int multi = (size_t)form->focus < form->n && !form->picking &&
		    form->f[form->focus].spec->kind == FIELD_MULTILINE;

	while (items[n])
		n++;
	all = xcalloc(n + 3, sizeof(*all));
	for (size_t i = 0; i < n; i++) {
		all[k++] = items[i];
		/* Enter moves on to the next field, so a new line needs its own key. */
		if (i == 1 && multi) {
			all[k++] = "^J";
			all[k++] = _("New line");
		}
	}
	ui_keybar(all);
	free(all);
}

/* 1 when needle occurs in hay, ASCII letters compared without case. */
static int contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++) {
		size_t i = 0;

		while (i < n && hay[i] && (hay[i] == needle[i] ||
		       ((unsigned char)hay[i] < 0x80 && (hay[i] | 0x20) == (needle[i] | 0x20) &&
			((hay[i] | 0x20) >= 'a' && (hay[i] | 0x20) <= 'z'))))
			i++;
		if (i == n)
			return 1;
	}
	return 0;
}

void uiform_suggest(struct uiform *form, const char *id, char **names)
{
	int i = index_of(form, id);

	if (i < 0) {
		u8_lines_free(names);
		return;
	}
	if (form->f[i].suggest)
		u8_lines_free(form->f[i].suggest);
	form->f[i].suggest = names;
}

int uiform_suggested(const struct uiform *form, const char *id, const char *value)
{
	int i = index_of(form, id);

	if (i < 0 || !form->f[i].suggest || !value)
		return 0;
	for (char **p = form->f[i].suggest; *p; p++)
		if (!strcmp(*p, value))
			return 1;
	return 0;
}

/* The focused field when it is a text field with names offered, else NULL. */
static struct uifield *suggesting(const struct uiform *form)
{
	struct uifield *f;

	if ((size_t)form->focus >= form->n || form->picking)
		return NULL;
	f = &form->f[form->focus];
	return f->suggest && f->suggest[0] && f->spec->kind == FIELD_TEXT ? f : NULL;
}

/*
 * The offered names that contain what the field holds (all when empty):
 * their count, and the nth in *nth_name when asked; *exact says whether one
 * is the text itself.
 */
static int sugg_matches(const struct uifield *f, int nth, const char **nth_name, int *exact)
{
	char *text = lineedit_get(&f->le), *trimmed = u8_trim(text);
	int n = 0;

	if (exact)
		*exact = 0;
	for (char **p = f->suggest; *p; p++) {
		if (*trimmed && !contains_ci(*p, trimmed))
			continue;
		if (exact && !strcmp(*p, trimmed))
			*exact = 1;
		if (nth_name && n == nth)
			*nth_name = *p;
		n++;
	}
	free(text);
	free(trimmed);
	return n;
}

#define SUGG_ROWS 6

/* The offered names under the field at fy, fx, the chosen one highlighted. */
static void draw_suggest(const struct uiform *form, const struct uifield *f, int fy, int fx)
{
	char *text = lineedit_get(&f->le), *trimmed = u8_trim(text);
	int exact = 0, n = sugg_matches(f, 0, NULL, &exact);
	int shown = n < SUGG_ROWS ? n : SUGG_ROWS, extra = *trimmed && !exact;
	int w = 30, h, y, x, first = 0, row = 0;

	for (char **p = f->suggest; *p; p++)
		if (u8_width(*p) + 4 > w)
			w = u8_width(*p) + 4;
	if (w > COLS - 4)
		w = COLS - 4;
	h = shown + extra + 2;
	if (h < 3)
		h = 3;
	y = fy + 1;
	if (y + h > LINES - 2)
		y = fy - h >= 1 ? fy - h : 1;
	x = fx + w > COLS ? COLS - w : fx;
	ui_box(y, x, h, w, formspec_label(f->spec));
	if (form->sugg_sel >= SUGG_ROWS)
		first = form->sugg_sel - SUGG_ROWS + 1;
	for (int i = 0; i < n && row < shown; i++) {
		const char *name = NULL;

		if (i < first)
			continue;
		sugg_matches(f, i, &name, NULL);
		ui_put(y + 1 + row, x + 1, w - 2, i == form->sugg_sel ? UA_FOCUS : A_NORMAL_, name);
		row++;
	}
	if (extra) {
		char *line = xasprintf(_("New: %s"), trimmed);

		ui_put(y + 1 + row, x + 1, w - 2, UA_DIM, line);
		free(line);
	} else if (!n) {
		ui_put(y + 1, x + 1, w - 2, UA_DIM, _("(nothing matches)"));
	}
	free(text);
	free(trimmed);
}

/*
 * Keys of a text field with names offered: Down and Up choose among them,
 * Enter or Tab takes the chosen one; anything else edits the text (and
 * forgets the choice).  Returns 1 when the key was used here.
 */
static int suggest_key(struct uiform *form, struct uifield *f, struct uikey k)
{
	int n = sugg_matches(f, 0, NULL, NULL);

	if (k.fn == KEY_DOWN && n) {
		if (form->sugg_sel + 1 < n)
			form->sugg_sel++;
		return 1;
	}
	if (k.fn == KEY_UP && form->sugg_sel >= 0) {
		form->sugg_sel--;
		return 1;
	}
	if (form->sugg_sel >= 0 && (k.fn == KEY_ENTER || (!k.fn && (k.ch == '\t' || k.ch == '\n')))) {
		const char *name = NULL;

		sugg_matches(f, form->sugg_sel, &name, NULL);
		if (name) {
			lineedit_set(&f->le, name);
			free(f->error);
			f->error = NULL;
			form->dirty = 1;
		}
		form->sugg_sel = -1;
		return 0;	/* and on to the next field, as Enter does */
	}
	if (form->sugg_sel >= 0 && !k.fn && k.ch == KEY_ESC) {
		form->sugg_sel = -1;
		return 1;
	}
	form->sugg_sel = -1;
	return 0;
}

/* Options of a choice field that contain the filter text (in either language). */
static int option_matches(const struct form_option *o, const char *filter)
{
	return !*filter || strstr(o->value, filter) || (o->label_en && contains_ci(o->label_en, filter));
}

static int pick_count(const struct uiform *form, const char *filter, int *nth_index, int nth)
{
	size_t nopt;
	const struct form_option *opt = options_of(&form->f[form->focus], &nopt);
	int n = 0;

	for (size_t i = 0; i < nopt; i++)
		if (option_matches(&opt[i], filter)) {
			if (nth_index && n == nth)
				*nth_index = (int)i;
			n++;
		}
	return n;
}

static void draw_picker(struct uiform *form, int fy, int fx)
{
	const struct form_field *fs = form->f[form->focus].spec;
	size_t nopt;
	const struct form_option *opt = options_of(&form->f[form->focus], &nopt);
	char *filter = lineedit_get(&form->filter);
	int n = pick_count(form, filter, NULL, 0);
	int w = 30, h, y, x, shown = 0, first = 0, row = 0;
	int fcol, frow;

	for (size_t i = 0; i < nopt; i++) {
		int ow = u8_width(formspec_option_label(&opt[i])) + 6;

		if (ow > w)
			w = ow;
	}
	if (w > COLS - 4)
		w = COLS - 4;
	h = (n < PICK_ROWS ? (n ? n : 1) : PICK_ROWS) + 3;
	y = fy + 1;
	if (y + h > LINES - 2)
		y = fy - h >= 1 ? fy - h : 1;
	x = fx + w > COLS ? COLS - w : fx;
	ui_box(y, x, h, w, formspec_label(fs));
	ui_puts(y + 1, x + 1, UA_DIM, _("Filter: "));
	ui_put(y + 1, x + 1 + u8_width(_("Filter: ")), w - 3 - u8_width(_("Filter: ")), UA_FIELD, filter);
	if (form->pick_sel >= PICK_ROWS)
		first = form->pick_sel - PICK_ROWS + 1;
	for (size_t i = 0; i < nopt && shown < PICK_ROWS; i++) {
		if (!option_matches(&opt[i], filter))
			continue;
		if (row++ < first)
			continue;
		ui_put(y + 2 + shown, x + 1, w - 2, row - 1 == form->pick_sel ? UA_FOCUS : A_NORMAL_,
		       formspec_option_label(&opt[i]));
		shown++;
	}
	if (!n)
		ui_put(y + 2, x + 1, w - 2, UA_DIM, _("(nothing matches)"));
	lineedit_cursor(&form->filter, &frow, &fcol);
	ui_cursor(y + 1, x + 1 + u8_width(_("Filter: ")) + fcol);
	free(filter);
}

/*
 * Columns for the labels: as wide as the widest label needs, but never so
 * wide that the widest box would run off the screen.
 */
static int label_cols(const struct uiform *form)
{
	int box = 0, lw = form->label_w;

	for (size_t i = 0; i < form->n; i++)
		if (form->f[i].le.width > box)
			box = form->f[i].le.width;
	if (lw > COLS - 3 - box)
		lw = COLS - 3 - box;
	return lw < 8 ? 8 : lw;
}

/*
 * A field's message where it can be read whole: to the right of the box
 * when it fits there, else under the label of a box with rows to spare,
 * else cut to the room on the right.  The status line shows it in full
 * whenever the field has the focus.
 */
static void draw_message(const struct uifield *f, int y, int lw, int label_rows, int right_x)
{
	int room = COLS - 1 - right_x, w = u8_width(f->error);

	if (w <= room)
		ui_put(y, right_x, room, UA_ERROR, f->error);
	else if (f->le.rows > label_rows)
		ui_put_wrapped(y + label_rows, 1, lw, f->le.rows - label_rows, UA_ERROR, f->error);
	else if (room >= 10)
		ui_put(y, right_x, room, UA_ERROR, f->error);
}

void uiform_draw(struct uiform *form, int top, int bottom)
{
	int y, lw = label_cols(form), picker_y = -1, picker_x = 0;
	int need = 0;

	/* Scroll so the focused field (or the button) is visible. */
	for (size_t i = 0; i < form->n; i++)
		need += form->f[i].le.rows;
	if (form->first > form->focus)
		form->first = form->focus;
	for (;;) {
		int rows = 0;

		for (int i = form->first; i <= form->focus && (size_t)i < form->n; i++)
			rows += form->f[i].le.rows;
		if ((size_t)form->focus >= form->n)
			rows += 2;
		if (top + rows <= bottom || form->first >= form->focus)
			break;
		form->first++;
	}
	(void)need;
	y = top;
	for (size_t i = 0; i < form->n; i++)
		form->f[i].y = -1;
	for (size_t i = (size_t)form->first; i < form->n; i++) {
		struct uifield *f = &form->f[i];
		const struct form_field *fs = f->spec;
		int focused = (int)i == form->focus;
		int bx = lw + 2, bw = f->le.width, label_rows = 1;
		struct strbuf label = STRBUF_INIT;

		if (y + f->le.rows > bottom)
			break;
		if (bx + bw > COLS - 1)
			bw = COLS - 1 - bx;
		f->y = y;
		f->rows = f->le.rows;
		if (f->error)
			strbuf_addch(&label, '!');
		strbuf_adds(&label, formspec_label(fs));
		if (fs->required)
			strbuf_adds(&label, " *");
		/* A label too long for its column takes the rows of a tall box. */
		label_rows = ui_put_wrapped(y, 1, lw, u8_width(label.buf) > lw ? f->le.rows : 1,
					 f->error ? UA_ERROR : (focused ? UA_LABEL : A_NORMAL_), label.buf);
		strbuf_release(&label);
		/*
		 * The focused box is drawn in normal attributes between brackets:
		 * a character typed there then costs the terminal only its own
		 * bytes (an attribute would be set and reset around every one).
		 */
		for (int r = 0; r < f->le.rows; r++) {
			int cols = 0;
			char *row = lineedit_row(&f->le, r, &cols);

			ui_put(y + r, bx, bw, focused ? A_NORMAL_ : UA_FIELD, row);
			if (focused) {
				ui_puts(y + r, bx - 1, UA_LABEL, "[");
				ui_puts(y + r, bx + bw, UA_LABEL, "]");
			}
			free(row);
		}
		if (is_choice(f) && bx + bw + 3 < COLS)
			ui_puts(y, bx + bw + 1, focused ? UA_LABEL : UA_DIM, "v");
		if (f->error)
			draw_message(f, y, lw, label_rows, bx + bw + 3);
		if (focused && !form->picking) {
			int cr, cc;

			lineedit_cursor(&f->le, &cr, &cc);
			if (cc >= bw)
				cc = bw - 1;
			ui_cursor(y + cr, bx + cc);
		}
		if (focused && form->picking) {
			picker_y = y;
			picker_x = bx;
		}
		y += f->le.rows;
	}
	if (y + 1 < bottom) {
		char *b = xasprintf("[ %s ]", form->save_label ? form->save_label : _("Save"));

		ui_puts(y + 1, lw + 2, (size_t)form->focus >= form->n ? UA_FOCUS : UA_LABEL, b);
		free(b);
	}
	if (picker_y >= 0)
		draw_picker(form, picker_y, picker_x);
	else if (suggesting(form) && suggesting(form)->y >= 0) {
		const struct uifield *f = suggesting(form);

		draw_suggest(form, f, f->y + f->rows - 1, lw + 2);
	}
}

static void set_error(struct uifield *f, char *msg)
{
	free(f->error);
	f->error = msg;
}

int uiform_check(struct uiform *form, int i)
{
	struct uifield *f;
	char *raw, *out = NULL, *msg = NULL;
	int r;

	if (i < 0 || (size_t)i >= form->n)
		return 0;
	f = &form->f[i];
	raw = lineedit_get(&f->le);
	r = validate_field(f->spec, raw, &out, &msg);
	free(raw);
	free(out);
	set_error(f, r < 0 ? msg : NULL);
	if (r == 0)
		free(msg);
	return r;
}

char **uiform_raw(const struct uiform *form)
{
	char **v = xcalloc(form->n + 1, sizeof(*v));

	for (size_t i = 0; i < form->n; i++)
		v[i] = lineedit_get(&form->f[i].le);
	return v;
}

void uiform_values_free(char **values, size_t n)
{
	if (!values)
		return;
	for (size_t i = 0; i < n; i++)
		free(values[i]);
	free(values);
}

int uiform_validate(struct uiform *form, char ***values)
{
	char **v = xcalloc(form->n ? form->n : 1, sizeof(*v));
	int bad = -1;

	for (size_t i = 0; i < form->n; i++) {
		struct uifield *f = &form->f[i];
		char *raw = lineedit_get(&f->le), *msg = NULL;

		if (validate_field(f->spec, raw, &v[i], &msg) < 0) {
			set_error(f, msg);
			if (bad < 0)
				bad = (int)i;
		} else {
			set_error(f, NULL);
		}
		free(raw);
	}
	if (bad >= 0) {
		uiform_values_free(v, form->n);
		*values = NULL;
		form->focus = bad;
		form->picking = 0;
		return -1;
	}
	*values = v;
	return 0;
}

const char *uiform_value(const struct uiform *form, char **values, const char *id)
{
	int i = index_of(form, id);

	return i < 0 || !values ? NULL : values[i];
}

char *uiform_json(const struct uiform *form)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addch(&sb, '{');
	for (size_t i = 0; i < form->n; i++) {
		char *v = lineedit_get(&form->f[i].le);

		if (i)
			strbuf_addch(&sb, ',');
		strbuf_add_json(&sb, form->f[i].spec->id);
		strbuf_addch(&sb, ':');
		strbuf_add_json(&sb, v);
		free(v);
	}
	strbuf_addch(&sb, '}');
	return strbuf_detach(&sb);
}

void uiform_load_json(struct uiform *form, struct store *s, const char *json)
{
	for (size_t i = 0; i < form->n; i++) {
		char *v = store_json_get(s, json, form->f[i].spec->id);

		if (v) {
			lineedit_set(&form->f[i].le, v);
			free(v);
		}
	}
	form->dirty = 1;
}

int uiform_may_leave(struct ui *ui, const struct uiform *form)
{
	return !form->dirty || uiform_empty(form) ||
	       ui_confirm(ui, _("Leave without saving? What you typed will be lost."), _("Leave"),
			  _("Go on typing"));
}

void uiform_save_draft(struct ui *ui, const struct uiform *form, const char *name, const char *ticket)
{
	struct jd *jd = ui_jd(ui);
	char *json;

	if (!form->dirty || uiform_empty(form))
		return;
	json = uiform_json(form);
	{
		struct ledger_step st = { .kind = STEP_DRAFT, .form = name, .number = ticket, .value = json };

		ledger_apply(jd->store, &jd->me, &st, NULL);
	}
	free(json);
}

static void move_focus(struct uiform *form, int to, int *left)
{
	if (to < 0 || (size_t)to > form->n || to == form->focus)
		return;
	if ((size_t)form->focus < form->n) {
		char *raw = lineedit_get(&form->f[form->focus].le);

		/* Say what is wrong as soon as the field is left, but let the user go on. */
		if (*raw)
			uiform_check(form, form->focus);
		free(raw);
		*left = form->focus;
	}
	form->focus = to;
	form->picking = 0;
	form->sugg_sel = -1;
}

static void open_picker(struct uiform *form, wint_t first)
{
	form->picking = 1;
	form->pick_sel = 0;
	lineedit_clear(&form->filter);
	if (first)
		lineedit_insert(&form->filter, (wchar_t)first);
}

static enum form_result picker_key(struct uiform *form, struct uikey k, int *left)
{
	struct uifield *f = &form->f[form->focus];
	char *filter = lineedit_get(&form->filter);
	int n = pick_count(form, filter, NULL, 0);

	if (k.fn == KEY_UP) {
		if (form->pick_sel > 0)
			form->pick_sel--;
	} else if (k.fn == KEY_DOWN) {
		if (form->pick_sel + 1 < n)
			form->pick_sel++;
	} else if (k.fn == KEY_PPAGE) {
		form->pick_sel = 0;
	} else if (k.fn == KEY_NPAGE) {
		form->pick_sel = n ? n - 1 : 0;
	} else if (k.fn == KEY_ENTER || (!k.fn && (k.ch == '\t' || k.ch == '\n'))) {
		int idx = -1;

		pick_count(form, filter, &idx, form->pick_sel);
		if (idx >= 0) {
			size_t nopt;

			lineedit_set(&f->le, options_of(f, &nopt)[idx].value);
			set_error(f, NULL);
			form->dirty = 1;
			form->picking = 0;
			move_focus(form, form->focus + 1, left);
		}
	} else if ((!k.fn && k.ch == KEY_ESC) || k.fn == KEY_F(10)) {
		form->picking = 0;
	} else if (k.fn == KEY_BACKSPACE || (!k.fn && (k.ch == 127 || k.ch == 8))) {
		if (lineedit_backspace(&form->filter) < 0)
			form->picking = 0;
		form->pick_sel = 0;
	} else if (k.fn == KEY_LEFT || k.fn == KEY_RIGHT) {
		/* nothing */
	} else if (!k.fn && k.ch >= ' ') {
		lineedit_insert(&form->filter, (wchar_t)k.ch);
		form->pick_sel = 0;
	} else {
		free(filter);
		return FORM_UNHANDLED;
	}
	free(filter);
	return FORM_NONE;
}

enum form_result uiform_key(struct ui *ui, struct uiform *form, struct uikey k, int *left)
{
	struct uifield *f = (size_t)form->focus < form->n ? &form->f[form->focus] : NULL;
	int multi = f && f->spec->kind == FIELD_MULTILINE;
	int choice = f && is_choice(f);

	*left = -1;
	if (form->picking && f)
		return picker_key(form, k, left);
	if (suggesting(form) && suggest_key(form, f, k))
		return FORM_NONE;

	/* Keys that act on the whole form. */
	if (k.fn == KEY_F(2) || (!k.fn && k.ch == CTRL('s')))
		return FORM_SAVE;
	if (k.fn == KEY_F(10) || (!k.fn && k.ch == KEY_ESC))
		return FORM_CANCEL;
	if (!k.fn && k.ch == '\t') {
		move_focus(form, (size_t)form->focus < form->n ? form->focus + 1 : 0, left);
		return FORM_NONE;
	}
	if (k.fn == KEY_BTAB) {
		move_focus(form, form->focus > 0 ? form->focus - 1 : (int)form->n, left);
		return FORM_NONE;
	}
	if (k.fn == KEY_ENTER) {
		if (!f)
			return FORM_SAVE;
		if (choice && lineedit_empty(&f->le)) {
			open_picker(form, 0);
			return FORM_NONE;
		}
		move_focus(form, form->focus + 1, left);
		return FORM_NONE;
	}
	if (k.fn == KEY_DOWN) {
		if (!multi || lineedit_down(&f->le) < 0)
			move_focus(form, form->focus + 1, left);
		return FORM_NONE;
	}
	if (k.fn == KEY_UP) {
		if (!multi || lineedit_up(&f->le) < 0)
			move_focus(form, form->focus - 1, left);
		return FORM_NONE;
	}
	if (!f)
		return FORM_UNHANDLED;

	/* Keys that edit the focused field. */
	if (choice) {
		if (!k.fn && (k.ch == ' ' || k.ch == '\n')) {
			open_picker(form, 0);
			return FORM_NONE;
		}
		if (k.fn == KEY_F(4)) {
			open_picker(form, 0);
			return FORM_NONE;
		}
		if (k.fn == KEY_BACKSPACE || k.fn == KEY_DC || (!k.fn && (k.ch == 127 || k.ch == 8))) {
			lineedit_clear(&f->le);
			form->dirty = 1;
			return FORM_NONE;
		}
		if (!k.fn && k.ch > ' ' && k.ch != 127) {
			open_picker(form, k.ch);
			return FORM_NONE;
		}
		return FORM_UNHANDLED;
	}
	switch (k.fn) {
	case KEY_LEFT: lineedit_left(&f->le); return FORM_NONE;
	case KEY_RIGHT: lineedit_right(&f->le); return FORM_NONE;
	case KEY_HOME: lineedit_home(&f->le); return FORM_NONE;
	case KEY_END: lineedit_end(&f->le); return FORM_NONE;
	case KEY_BACKSPACE:
		if (lineedit_backspace(&f->le) == 0)
			form->dirty = 1;
		return FORM_NONE;
	case KEY_DC:
		if (lineedit_delete(&f->le) == 0)
			form->dirty = 1;
		return FORM_NONE;
	case 0:
		break;
	default:
		return FORM_UNHANDLED;
	}
	switch (k.ch) {
	case 127:
	case 8:
		if (lineedit_backspace(&f->le) == 0)
			form->dirty = 1;
		return FORM_NONE;
	case CTRL('a'): lineedit_home(&f->le); return FORM_NONE;
	case CTRL('e'): lineedit_end(&f->le); return FORM_NONE;
	case CTRL('b'): lineedit_left(&f->le); return FORM_NONE;
	case CTRL('f'): lineedit_right(&f->le); return FORM_NONE;
	case CTRL('d'):
		if (lineedit_delete(&f->le) == 0)
			form->dirty = 1;
		return FORM_NONE;
	case CTRL('k'): lineedit_kill_to_end(&f->le); form->dirty = 1; return FORM_NONE;
	case CTRL('u'): lineedit_clear(&f->le); form->dirty = 1; return FORM_NONE;
	case '\n':
		if (multi && lineedit_insert(&f->le, L'\n') == 0)
			form->dirty = 1;
		else if (!multi)
			move_focus(form, form->focus + 1, left);
		return FORM_NONE;
	default:
		break;
	}
	if (k.ch >= ' ' && k.ch != 127) {
		if (lineedit_insert(&f->le, (wchar_t)k.ch) < 0) {
			ui_error(ui, _("%s: at most %d characters."), formspec_label(f->spec), f->spec->maxlen);
		} else {
			form->dirty = 1;
			if (f->error) {
				free(f->error);
				f->error = NULL;
			}
		}
		return FORM_NONE;
	}
	return FORM_UNHANDLED;
}
