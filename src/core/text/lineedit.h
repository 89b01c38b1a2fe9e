/*
 * lineedit.h — the editing state of one form field, free of curses.
 *
 * The text is a wchar_t buffer with a cursor index (in characters).  Layout
 * works in display columns (wcwidth): a single-line field scrolls sideways to
 * keep the cursor visible; a multi-line field wraps by columns, a wide
 * character that does not fit moving whole to the next row, and scrolls
 * vertically.  The limit is in characters, never bytes.
 *
 * The screen asks for the visible rows (lineedit_row) and the cursor's
 * position (lineedit_cursor) and paints them; unit tests drive the same
 * calls without a terminal.
 */
#ifndef JIEDAI_LINEEDIT_H
#define JIEDAI_LINEEDIT_H

#include <stddef.h>
#include <wchar.h>

struct lineedit {
	wchar_t *buf;
	size_t len, alloc;
	size_t cur;		/* cursor: index into buf, 0..len */
	int maxlen;		/* characters; 0 for no limit */
	int width;		/* columns of the box */
	int rows;		/* visible rows (1 for a single-line field) */
	int multiline;		/* wraps, and accepts '\n' */
	size_t hscroll;		/* single-line: first visible character */
	int top;		/* multi-line: first visible row */
	int goal_col;		/* column kept by up/down, -1 when unset */
};

void lineedit_init(struct lineedit *le, int width, int rows, int multiline, int maxlen);
void lineedit_release(struct lineedit *le);

/* Replace the text with UTF-8 s (cut at maxlen); the cursor goes to the end. */
void lineedit_set(struct lineedit *le, const char *s);
/* The text as UTF-8 (caller frees). */
char *lineedit_get(const struct lineedit *le);
int lineedit_empty(const struct lineedit *le);

/*
 * Insert one character at the cursor.  Returns 0, or -1 when it is refused:
 * the limit is reached, it is a control character, or a newline in a
 * single-line field.
 */
int lineedit_insert(struct lineedit *le, wchar_t c);
/* Insert a UTF-8 string (pasted text); returns the characters not inserted. */
size_t lineedit_insert_str(struct lineedit *le, const char *s);
/* Delete before / at the cursor; 0, or -1 when there is nothing to delete. */
int lineedit_backspace(struct lineedit *le);
int lineedit_delete(struct lineedit *le);
/* Delete from the cursor to the end of the text. */
void lineedit_kill_to_end(struct lineedit *le);
void lineedit_clear(struct lineedit *le);

/* Cursor moves; each returns 0, or -1 when it could not move. */
int lineedit_left(struct lineedit *le);
int lineedit_right(struct lineedit *le);
/* Home/End: the start/end of the cursor's visual row. */
void lineedit_home(struct lineedit *le);
void lineedit_end(struct lineedit *le);
/* Up/Down between visual rows of a multi-line field (-1 at the first/last row). */
int lineedit_up(struct lineedit *le);
int lineedit_down(struct lineedit *le);

/* Number of visual rows of the whole text (at least 1). */
int lineedit_total_rows(const struct lineedit *le);
/*
 * Visible row r (0 .. rows-1) as UTF-8 (caller frees), already scrolled;
 * *cols gets its width in columns.  Rows past the text are "".
 */
char *lineedit_row(struct lineedit *le, int r, int *cols);
/* The cursor's visible row and column inside the box (scrolling as needed). */
void lineedit_cursor(struct lineedit *le, int *row, int *col);
/* Characters in the text. */
size_t lineedit_chars(const struct lineedit *le);

#endif
