/*
 * draw.c — painting helpers.  Text goes through u8 (sanitised, fitted to
 * columns) before curses sees it, so a voter's text can never move the
 * cursor or change the terminal, a wide character never straddles an
 * edge, and text that is cut says so with "…".  Meaning never rides on colour alone: every coloured thing also has
 * text or an attribute that a vt100 shows.
 */
#include "ui.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "strbuf.h"
#include "u8.h"
#include "xmalloc.h"

static int colour;

enum { P_TITLE = 1, P_KEY, P_ERROR, P_WARN, P_OK, P_QR, P_LABEL };

void ui_colors_init(void)
{
	if (!has_colors())
		return;
	start_color();
	use_default_colors();
	init_pair(P_TITLE, COLOR_WHITE, COLOR_BLUE);
	init_pair(P_KEY, COLOR_BLACK, COLOR_CYAN);
	init_pair(P_ERROR, COLOR_RED, -1);
	init_pair(P_WARN, COLOR_RED, -1);
	init_pair(P_OK, COLOR_GREEN, -1);
	init_pair(P_QR, COLOR_BLACK, COLOR_WHITE);
	init_pair(P_LABEL, COLOR_CYAN, -1);
	colour = 1;
}

static attr_t attr_of(enum ui_attr a)
{
	switch (a) {
	case UA_TITLE: return colour ? (COLOR_PAIR(P_TITLE) | A_BOLD) : (A_REVERSE | A_BOLD);
	case UA_KEY: return colour ? COLOR_PAIR(P_KEY) : A_REVERSE;
	case UA_FIELD: return A_UNDERLINE;
	case UA_FOCUS: return A_REVERSE;
	case UA_LABEL: return A_BOLD;
	case UA_ERROR: return colour ? (COLOR_PAIR(P_ERROR) | A_BOLD) : A_BOLD;
	case UA_WARN: return colour ? (COLOR_PAIR(P_WARN) | A_BOLD) : A_BOLD;
	case UA_DIM: return A_DIM;
	case UA_OK: return colour ? COLOR_PAIR(P_OK) : A_NORMAL;
	case UA_QR: return colour ? COLOR_PAIR(P_QR) : A_REVERSE;	/* dark on a light block on the usual dark background */
	default: return A_NORMAL;
	}
}

void ui_attr_on(enum ui_attr a)
{
	attron(attr_of(a));
}

void ui_attr_off(enum ui_attr a)
{
	attroff(attr_of(a));
}

/* Sanitised single-line text: controls and newlines become visible blanks. */
static char *clean(const char *s)
{
	char *t = u8_sanitize(s ? s : "", 1);

	for (char *p = t; *p; p++)
		if (*p == '\n')
			*p = ' ';
	return t;
}

/*
 * Make column x of row y the start of a cell: a wide character that covers
 * both x-1 and x is blanked first.  Writing over half of one leaves curses
 * and the terminal disagreeing about where the rest of the row is (the text
 * shifts by a column and can wrap onto the next row), so every painter calls
 * this at both edges of what it is about to write.
 */
static void split_at(int y, int x)
{
	int col = 0;

	if (x <= 0 || x >= COLS || y < 0 || y >= LINES)
		return;
	while (col < x) {
		cchar_t c;
		wchar_t wc[CCHARW_MAX + 1] = { 0 };
		attr_t at;
		short pair;
		int w = 1;

		if (mvin_wch(y, col, &c) == OK && getcchar(&c, wc, &at, &pair, NULL) == OK && wc[0])
			w = wcwidth(wc[0]) > 1 ? 2 : 1;
		if (col + w > x) {
			mvaddstr(y, col, "  ");
			return;
		}
		col += w;
	}
}

/* Write fitted text at y,x, splitting any wide character across its edges. */
static void write_at(int y, int x, enum ui_attr a, const char *text)
{
	split_at(y, x);
	split_at(y, x + u8_width(text));
	attron(attr_of(a));
	mvaddstr(y, x, text);
	attroff(attr_of(a));
}

void ui_put(int y, int x, int cols, enum ui_attr a, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	char *t;

	if (cols <= 0 || y < 0 || y >= LINES || x >= COLS)
		return;
	if (x + cols > COLS)
		cols = COLS - x;
	t = clean(s);
	u8_fit(&sb, t, cols, 1);
	write_at(y, x, a, sb.buf);
	strbuf_release(&sb);
	free(t);
}

/*
 * Text in a column cols wide on rows y .. y+rows-1, wrapped; the last row
 * ends in "…" when the text is longer.  Returns the rows used.
 */
int ui_put_wrapped(int y, int x, int cols, int rows, enum ui_attr a, const char *text)
{
	char **lines = u8_wrap_words(text, cols);
	int n = (int)u8_lines_count(lines), used = 0;
	const char *rest = text;

	for (int r = 0; r < n && r < rows; r++, used++) {
		/* The wrapped lines are the text less the spaces and newlines at the breaks. */
		while (*rest == ' ' || *rest == '\n')
			rest++;
		if (r == rows - 1 && n > rows) {
			/* The last row takes all the rest, which ui_put() cuts with a "…". */
			ui_put(y + r, x, cols, a, rest);
		} else {
			ui_put(y + r, x, cols, a, lines[r]);
			if (!strncmp(rest, lines[r], strlen(lines[r])))
				rest += strlen(lines[r]);
		}
	}
	u8_lines_free(lines);
	return used;
}

void ui_puts(int y, int x, enum ui_attr a, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	char *t;

	if (y < 0 || y >= LINES || x >= COLS)
		return;
	t = clean(s);
	u8_cut(&sb, t, COLS - x, 1);
	write_at(y, x, a, sb.buf);
	strbuf_release(&sb);
	free(t);
}

void ui_putf(int y, int x, enum ui_attr a, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	ui_puts(y, x, a, s);
	free(s);
}

void ui_titlebar(const char *title, const char *right)
{
	int rw = right ? u8_width(right) : 0;

	ui_put(0, 0, COLS, UA_TITLE, "");
	ui_put(0, 1, COLS - rw - 3, UA_TITLE, title);
	if (right && rw < COLS - 10)
		ui_put(0, COLS - rw - 1, rw, UA_TITLE, right);
}

void ui_keybar(const char *const *items)
{
	int x = 0;

	move(LINES - 1, 0);
	clrtoeol();
	for (size_t i = 0; items[i] && items[i + 1]; i += 2) {
		int kw = u8_width(items[i]), lw = u8_width(items[i + 1]);

		if (x + kw + lw + 2 > COLS)
			break;
		ui_put(LINES - 1, x, kw, UA_KEY, items[i]);
		ui_put(LINES - 1, x + kw, lw + 2, A_NORMAL_, "");
		ui_puts(LINES - 1, x + kw + 1, A_NORMAL_, items[i + 1]);
		x += kw + lw + 2;
	}
}

void ui_statusline(struct ui *ui, const char *help)
{
	int err = 0;
	const char *msg = ui_status_text(ui, &err);

	move(LINES - 2, 0);
	clrtoeol();
	if (msg && *msg)
		ui_put(LINES - 2, 1, COLS - 2, err ? UA_ERROR : UA_OK, msg);
	else if (help && *help)
		ui_put(LINES - 2, 1, COLS - 2, UA_DIM, help);
}

/*
 * Lines and boxes are drawn in plain ASCII: the VT100 line-drawing set comes
 * out as letters in some Chinese SSH clients, and the Unicode box characters
 * are "ambiguous width" (two columns in a CJK font), which breaks layout.
 */
void ui_hline(int y)
{
	mvhline(y, 0, '-', COLS);
}

void ui_box(int y, int x, int h, int w, const char *title)
{
	for (int r = y; r < y + h; r++) {
		split_at(r, x);
		split_at(r, x + w);
		mvhline(r, x, ' ', w);
	}
	mvaddch(y, x, '+');
	mvhline(y, x + 1, '-', w - 2);
	mvaddch(y, x + w - 1, '+');
	mvvline(y + 1, x, '|', h - 2);
	mvvline(y + 1, x + w - 1, '|', h - 2);
	mvaddch(y + h - 1, x, '+');
	mvhline(y + h - 1, x + 1, '-', w - 2);
	mvaddch(y + h - 1, x + w - 1, '+');
	if (title && *title) {
		char *t = xasprintf(" %s ", title);

		ui_put(y, x + 2, u8_width(t) < w - 4 ? u8_width(t) : w - 4, UA_LABEL, t);
		free(t);
	}
}
