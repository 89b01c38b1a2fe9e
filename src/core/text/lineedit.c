/*
 * lineedit.c — see lineedit.h.
 *
 * Visual rows of a multi-line field are computed on demand by walking the
 * buffer: fields are short (hundreds of characters), so a walk per call is
 * cheaper than keeping a row table in step with every edit.
 */
#include "lineedit.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "u8.h"
#include "xmalloc.h"

static int cw(wchar_t c)
{
	return u8_cp_width((long)c);
}

void lineedit_init(struct lineedit *le, int width, int rows, int multiline, int maxlen)
{
	memset(le, 0, sizeof(*le));
	le->width = width < 2 ? 2 : width;
	le->rows = rows < 1 ? 1 : rows;
	le->multiline = multiline;
	le->maxlen = maxlen;
	le->goal_col = -1;
	le->alloc = 16;
	le->buf = xcalloc(le->alloc, sizeof(wchar_t));
}

void lineedit_release(struct lineedit *le)
{
	free(le->buf);
	memset(le, 0, sizeof(*le));
}

static void grow(struct lineedit *le, size_t need)
{
	if (need + 1 <= le->alloc)
		return;
	while (le->alloc < need + 1)
		le->alloc *= 2;
	le->buf = xreallocarray(le->buf, le->alloc, sizeof(wchar_t));
}

void lineedit_clear(struct lineedit *le)
{
	le->len = le->cur = le->hscroll = 0;
	le->top = 0;
	le->goal_col = -1;
	le->buf[0] = 0;
}

int lineedit_empty(const struct lineedit *le)
{
	return le->len == 0;
}

size_t lineedit_chars(const struct lineedit *le)
{
	return le->len;
}

int lineedit_insert(struct lineedit *le, wchar_t c)
{
	if (c == L'\n' ? !le->multiline : (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)))
		return -1;
	if (le->maxlen > 0 && le->len >= (size_t)le->maxlen)
		return -1;
	grow(le, le->len + 1);
	memmove(le->buf + le->cur + 1, le->buf + le->cur, (le->len - le->cur) * sizeof(wchar_t));
	le->buf[le->cur++] = c;
	le->buf[++le->len] = 0;
	le->goal_col = -1;
	return 0;
}

size_t lineedit_insert_str(struct lineedit *le, const char *s)
{
	size_t refused = 0;
	long cp;

	while ((cp = u8_next(&s)) != 0)
		if (cp < 0 || lineedit_insert(le, (wchar_t)cp) < 0)
			refused++;
	return refused;
}

void lineedit_set(struct lineedit *le, const char *s)
{
	lineedit_clear(le);
	lineedit_insert_str(le, s ? s : "");
	le->cur = le->len;
}

char *lineedit_get(const struct lineedit *le)
{
	struct strbuf sb = STRBUF_INIT;
	char tmp[4];

	for (size_t i = 0; i < le->len; i++)
		strbuf_add(&sb, tmp, (size_t)u8_encode((long)le->buf[i], tmp));
	return strbuf_detach(&sb);
}

int lineedit_backspace(struct lineedit *le)
{
	if (!le->cur)
		return -1;
	memmove(le->buf + le->cur - 1, le->buf + le->cur, (le->len - le->cur + 1) * sizeof(wchar_t));
	le->cur--;
	le->len--;
	le->goal_col = -1;
	return 0;
}

int lineedit_delete(struct lineedit *le)
{
	if (le->cur >= le->len)
		return -1;
	memmove(le->buf + le->cur, le->buf + le->cur + 1, (le->len - le->cur) * sizeof(wchar_t));
	le->len--;
	le->goal_col = -1;
	return 0;
}

void lineedit_kill_to_end(struct lineedit *le)
{
	le->len = le->cur;
	le->buf[le->len] = 0;
}

int lineedit_left(struct lineedit *le)
{
	le->goal_col = -1;
	if (!le->cur)
		return -1;
	le->cur--;
	return 0;
}

int lineedit_right(struct lineedit *le)
{
	le->goal_col = -1;
	if (le->cur >= le->len)
		return -1;
	le->cur++;
	return 0;
}

/*
 * The visual rows of the text.  Row i covers buf[start .. end) and the next
 * row begins at next: after a newline (which ends its row and is not drawn)
 * or where the next character would not fit.  A text ending in a newline, or
 * whose last row is full, has one more, empty row: where typing continues.
 * A single-line field is one row.  Returns the count; *out is allocated.
 */
struct vrow {
	size_t start, end, next;
	int cols;
};

static size_t layout(const struct lineedit *le, struct vrow **out)
{
	struct vrow *rows = NULL;
	size_t n = 0, i = 0;

	for (;;) {
		struct vrow r = { i, i, i, 0 };

		if (!le->multiline) {
			for (; i < le->len; i++)
				r.cols += cw(le->buf[i]);
			r.end = r.next = le->len;
		} else {
			while (i < le->len && le->buf[i] != L'\n' && r.cols + cw(le->buf[i]) <= le->width)
				r.cols += cw(le->buf[i++]);
			r.end = i;
			if (i < le->len && le->buf[i] == L'\n')
				i++;
			r.next = i;
		}
		rows = xreallocarray(rows, n + 1, sizeof(*rows));
		rows[n++] = r;
		if (r.next < le->len)
			continue;
		/* At the end: open an empty row after a newline or a full row. */
		if (le->multiline && le->len &&
		    (r.next != r.end || r.cols >= le->width) && !(r.start == r.end && r.next == r.end)) {
			struct vrow e = { le->len, le->len, le->len, 0 };

			rows = xreallocarray(rows, n + 1, sizeof(*rows));
			rows[n++] = e;
		}
		break;
	}
	*out = rows;
	return n;
}

/* Row index of the cursor (the last row it can belong to) and its column. */
static void cursor_rc(const struct lineedit *le, int *row, int *col)
{
	struct vrow *rows;
	size_t n = layout(le, &rows), k = 0;
	int c = 0;

	for (size_t i = 0; i < n; i++)
		if (rows[i].start <= le->cur && le->cur <= rows[i].end)
			k = i;
	for (size_t i = rows[k].start; i < le->cur; i++)
		c += cw(le->buf[i]);
	*row = (int)k;
	*col = c;
	free(rows);
}

int lineedit_total_rows(const struct lineedit *le)
{
	struct vrow *rows;
	size_t n = layout(le, &rows);

	free(rows);
	return (int)n;
}

/* Row n of the layout (clamped); false when n is past the end. */
static int get_row(const struct lineedit *le, int n, struct vrow *out)
{
	struct vrow *rows;
	size_t count = layout(le, &rows);
	int ok = n >= 0 && (size_t)n < count;

	if (ok)
		*out = rows[n];
	free(rows);
	return ok;
}

/* Keep the cursor visible: adjust the scroll offsets. */
/*
 * A single-line field that must scroll sideways jumps by half its width,
 * leaving the cursor in the middle: the characters typed next land in free
 * columns and the field is redrawn every few characters, not at each one
 * (over a slow link a redrawn field costs its whole width).
 */
static void scroll_to_cursor(struct lineedit *le)
{
	if (!le->multiline) {
		int used = 0, half = le->width / 2 > 0 ? le->width / 2 : 1;

		if (le->cur < le->hscroll) {
			/* Backwards: show half a field before the cursor. */
			le->hscroll = le->cur;
			while (le->hscroll > 0 && used + cw(le->buf[le->hscroll - 1]) <= half)
				used += cw(le->buf[--le->hscroll]);
			return;
		}
		/* Columns from hscroll to the cursor, plus room for the cursor cell. */
		for (size_t i = le->hscroll; i < le->cur; i++)
			used += cw(le->buf[i]);
		if (used + 1 <= le->width)
			return;
		while (used + 1 > half && le->hscroll < le->cur) {
			used -= cw(le->buf[le->hscroll]);
			le->hscroll++;
		}
	} else {
		int row, col;

		cursor_rc(le, &row, &col);
		if (row < le->top)
			le->top = row;
		if (row >= le->top + le->rows)
			le->top = row - le->rows + 1;
	}
}

void lineedit_cursor(struct lineedit *le, int *row, int *col)
{
	scroll_to_cursor(le);
	if (!le->multiline) {
		int c = 0;

		for (size_t i = le->hscroll; i < le->cur; i++)
			c += cw(le->buf[i]);
		*row = 0;
		*col = c;
		return;
	}
	cursor_rc(le, row, col);
	*row -= le->top;
}

char *lineedit_row(struct lineedit *le, int r, int *cols)
{
	struct strbuf sb = STRBUF_INIT;
	char tmp[4];
	int used = 0;

	scroll_to_cursor(le);
	if (!le->multiline) {
		if (r == 0)
			for (size_t i = le->hscroll; i < le->len; i++) {
				int w = cw(le->buf[i]);

				if (used + w > le->width)
					break;
				strbuf_add(&sb, tmp, (size_t)u8_encode((long)le->buf[i], tmp));
				used += w;
			}
	} else {
		struct vrow vr;

		if (get_row(le, le->top + r, &vr)) {
			for (size_t i = vr.start; i < vr.end; i++)
				strbuf_add(&sb, tmp, (size_t)u8_encode((long)le->buf[i], tmp));
			used = vr.cols;
		}
	}
	if (cols)
		*cols = used;
	return strbuf_detach(&sb);
}

void lineedit_home(struct lineedit *le)
{
	int row, col;
	struct vrow r;

	le->goal_col = -1;
	if (!le->multiline) {
		le->cur = 0;
		return;
	}
	cursor_rc(le, &row, &col);
	if (get_row(le, row, &r))
		le->cur = r.start;
}

void lineedit_end(struct lineedit *le)
{
	int row, col;
	struct vrow r;

	le->goal_col = -1;
	if (!le->multiline) {
		le->cur = le->len;
		return;
	}
	cursor_rc(le, &row, &col);
	if (get_row(le, row, &r))
		le->cur = r.end;
}

/* Put the cursor on visual row n at the column closest to goal (not past it). */
static void goto_row_col(struct lineedit *le, int n, int goal)
{
	struct vrow r;
	size_t i;
	int used = 0;

	if (!get_row(le, n, &r))
		return;
	i = r.start;
	while (i < r.end && used + cw(le->buf[i]) <= goal) {
		used += cw(le->buf[i]);
		i++;
	}
	le->cur = i;
}

int lineedit_up(struct lineedit *le)
{
	int row, col, goal;

	if (!le->multiline)
		return -1;
	cursor_rc(le, &row, &col);
	if (row == 0)
		return -1;
	goal = le->goal_col >= 0 ? le->goal_col : col;
	goto_row_col(le, row - 1, goal);
	le->goal_col = goal;
	return 0;
}

int lineedit_down(struct lineedit *le)
{
	int row, col, goal;

	if (!le->multiline)
		return -1;
	cursor_rc(le, &row, &col);
	if (row + 1 >= lineedit_total_rows(le))
		return -1;
	goal = le->goal_col >= 0 ? le->goal_col : col;
	goto_row_col(le, row + 1, goal);
	le->goal_col = goal;
	return 0;
}
