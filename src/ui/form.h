/*
 * form.h — an on-screen form built from a form spec (forms/NAME.form):
 * labels, one input box per field (our own line editor, right for Chinese),
 * a pick list with type-to-filter for choice fields, messages next to the
 * fields, and a save button at the end.
 *
 * The form knows nothing of tickets: the screen that owns it decides what
 * saving means.  Values are checked with the same validate_field() as the
 * command line, so the screen and the CLI accept exactly the same input.
 */
#ifndef JIEDAI_UI_FORM_H
#define JIEDAI_UI_FORM_H

#include "formspec.h"
#include "lineedit.h"
#include "ui.h"

struct store;

struct uifield {
	const struct form_field *spec;
	struct lineedit le;
	char *error;		/* message shown beside the field, or NULL */
	int y, rows;		/* where it is drawn (set while drawing) */
	/* Options from the ledger (uiform_set_options()), owned; the spec's when none. */
	struct form_option *opts;
	size_t nopts;
	char *defval;		/* uiform_set_default(): the value that counts as untouched */
	char **suggest;		/* names offered for a text field (uiform_suggest), or NULL */
};

struct uiform {
	const struct form_spec *spec;
	struct uifield *f;
	size_t n;
	int focus;		/* 0 .. n-1: a field; n: the save button */
	int first;		/* first field shown when the form scrolls */
	int label_w;		/* columns the widest label wants (drawing may give fewer) */
	int dirty;		/* something was typed since the last save */
	const char *save_label;
	/* The pick list of a choice field. */
	int picking;
	struct lineedit filter;
	int pick_sel;
	/* The offered name chosen with Up/Down under a text field with names (-1: none). */
	int sugg_sel;
};

enum form_result {
	FORM_NONE,		/* nothing for the screen to do */
	FORM_SAVE,		/* the user asked to save */
	FORM_CANCEL,		/* the user asked to leave */
	FORM_UNHANDLED,		/* not a key the form uses */
};

void uiform_init(struct uiform *form, const struct form_spec *spec, const char *save_label);
void uiform_release(struct uiform *form);
/*
 * Offer names for the text field id (the unit directory for 承办单位): while
 * it has the focus, the names that contain what is typed are listed under
 * it (all of them while it is empty); Down and Up choose one, Enter or Tab
 * takes it.  Text that names none of them stays as typed, and the list says
 * it is a new one.  Takes ownership of names (NULL-terminated).
 */
void uiform_suggest(struct uiform *form, const char *id, char **names);
/* 1 when field id has names offered and value is one of them. */
int uiform_suggested(const struct uiform *form, const char *id, const char *value);

/* Put text in a field (as if typed, no checks). */
void uiform_set(struct uiform *form, const char *id, const char *value);
/*
 * Make field id a pick list of values (NULL-terminated, copied), like a
 * choice field whose options come from the ledger — the deputies present
 * that day for 接待代表.  What is typed is checked by the field's own rule
 * still; an empty list makes it a plain field again.
 */
void uiform_set_options(struct uiform *form, const char *id, char *const *values);
/* Put a default in a field: it counts as nothing typed (uiform_empty()). */
void uiform_set_default(struct uiform *form, const char *id, const char *value);
/* The raw text of a field (caller frees), or NULL when there is no such field. */
char *uiform_get(const struct uiform *form, const char *id);
/* Move the focus to the field with this id. */
void uiform_focus(struct uiform *form, const char *id);
const char *uiform_focus_id(const struct uiform *form);
/* 1 when nothing has been typed in any field. */
int uiform_empty(const struct uiform *form);

/*
 * Draw the form between rows top and bottom (exclusive).  Places the
 * terminal cursor in the focused box.
 */
void uiform_draw(struct uiform *form, int top, int bottom);
/*
 * The key bar of a form's screen: items as for ui_keybar(), with the key
 * for a new line (Ctrl-J) after the first pair while a multi-line field
 * has the focus.
 */
void uiform_keybar(const struct uiform *form, const char *const *items);
/* Help for the focused field, or the field's message when it has one. */
const char *uiform_help(const struct uiform *form);

/*
 * Handle a key.  *left is set to the index of a field the focus just left
 * (for checks such as the returning-voter look-up), else -1.
 */
enum form_result uiform_key(struct ui *ui, struct uiform *form, struct uikey k, int *left);

/* Check one field (on leaving it); 0 or -1 with its message set. */
int uiform_check(struct uiform *form, int i);
/*
 * Check every field.  Returns 0 with *values set to the normalised values in
 * field order (free with uiform_values_free), or -1 with the messages shown
 * and the focus on the first field in error.
 */
int uiform_validate(struct uiform *form, char ***values);
void uiform_values_free(char **values, size_t n);
/*
 * The values as typed, in field order (free with uiform_values_free): what
 * ledger_step_from_form() takes, so the screen and the command line give the
 * core the same thing (a deadline typed as days stays days).
 */
char **uiform_raw(const struct uiform *form);
/* Value of field id in a values array from uiform_validate (lent), or NULL. */
const char *uiform_value(const struct uiform *form, char **values, const char *id);

/*
 * The user asked to leave the form's screen: 1 when it may go (nothing was
 * typed, or the user confirms losing it), 0 to stay.
 */
int uiform_may_leave(struct ui *ui, const struct uiform *form);
/*
 * Keep what was typed as the draft `name` (for ticket, or NULL) of the
 * acting login, to be offered back at the next start.  Nothing when empty.
 */
void uiform_save_draft(struct ui *ui, const struct uiform *form, const char *name, const char *ticket);

/* All fields as a JSON object of raw text, for drafts (caller frees). */
char *uiform_json(const struct uiform *form);
/* Fill fields from such a JSON object. */
void uiform_load_json(struct uiform *form, struct store *s, const char *json);

#endif
