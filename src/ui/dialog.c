/*
 * dialog.c — small modal boxes over the current screen: numbered choices
 * and yes/no questions.  They run their own key loop (ui_getkey), which
 * still redraws on resize and gives way when the link drops.
 */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "lineedit.h"
#include "strbuf.h"
#include "u8.h"
#include "xmalloc.h"

static void draw_choice(const char *title, const char *text, const char *const *items, int sel, int wide)
{
	char **lines;
	int n = 0, w = 50, h, y, x, nl, rows, first = 0;

	for (const char *const *p = items; *p; p++)
		n++;
	for (const char *const *p = items; *p; p++)
		if (u8_width(*p) + 10 > w)
			w = u8_width(*p) + 10;
	/* As wide as the text's longest line, so a folder's path stays whole. */
	for (const char *p = wide && text ? text : ""; *p;) {
		size_t len = strcspn(p, "\n");
		char *line = xstrndup(p, len);

		if (u8_width(line) + 4 > w)
			w = u8_width(line) + 4;
		free(line);
		p += len + (p[len] == '\n');
	}
	if (w > COLS - 4)
		w = COLS - 4;
	lines = u8_wrap_words(text ? text : "", w - 4);
	nl = text && *text ? (int)u8_lines_count(lines) : 0;
	if (nl > LINES / 3)
		nl = LINES / 3;
	/* Frame, text, a blank line, then as many items as fit; the rest scroll. */
	rows = LINES - 4 - nl - 3;
	if (rows > n)
		rows = n;
	if (rows < 1)
		rows = 1;
	if (sel >= rows)
		first = sel - rows + 1;
	h = rows + nl + 3;
	y = (LINES - h) / 2;
	x = (COLS - w) / 2;
	ui_box(y, x, h, w, title);
	for (int i = 0; i < nl; i++)
		ui_put(y + 1 + i, x + 2, w - 4, A_NORMAL_, lines[i]);
	for (int i = first; i < n && i < first + rows; i++) {
		char *line = i < 9 ? xasprintf(" %d  %s", i + 1, items[i]) : xasprintf("    %s", items[i]);

		ui_put(y + 2 + nl + i - first, x + 2, w - 4, i == sel ? UA_FOCUS : A_NORMAL_, line);
		free(line);
	}
	if (first > 0)
		ui_puts(y + 1 + nl, x + w - 4, UA_DIM, "^");
	if (first + rows < n)
		ui_puts(y + h - 1, x + w - 4, UA_DIM, "v");
	u8_lines_free(lines);
	refresh();
}

static int choose(struct ui *ui, const char *title, const char *text, const char *const *items, int wide)
{
	int n = 0, sel = 0;

	for (const char *const *p = items; *p; p++)
		n++;
	for (;;) {
		struct uikey k;

		ui_paint(ui);
		draw_choice(title, text, items, sel, wide);
		k = ui_getkey(ui);
		if (k.fn == KEY_EXIT)
			return -1;
		if (k.fn == KEY_UP && sel > 0)
			sel--;
		else if (k.fn == KEY_DOWN && sel + 1 < n)
			sel++;
		else if (k.fn == KEY_NPAGE)
			sel = sel + 10 < n ? sel + 10 : n - 1;
		else if (k.fn == KEY_PPAGE)
			sel = sel > 10 ? sel - 10 : 0;
		else if (k.fn == KEY_ENTER || (!k.fn && k.ch == ' '))
			return sel;
		else if (!k.fn && k.ch >= '1' && k.ch < (wint_t)('1' + n) && k.ch <= '9')
			return (int)(k.ch - '1');
		else if ((!k.fn && (k.ch == KEY_ESC || k.ch == CTRL('c') || k.ch == CTRL('g'))) ||
			 k.fn == KEY_F(10))
			return -1;
	}
}

int ui_choose(struct ui *ui, const char *title, const char *text, const char *const *items)
{
	return choose(ui, title, text, items, 0);
}

int ui_choose_wide(struct ui *ui, const char *title, const char *text, const char *const *items)
{
	return choose(ui, title, text, items, 1);
}

int ui_confirm(struct ui *ui, const char *question, const char *yes, const char *no)
{
	const char *items[3] = { yes, no, NULL };

	return ui_choose(ui, _("Please confirm"), question, items) == 0;
}

char *ui_ask(struct ui *ui, const char *title, const char *question, const char *initial)
{
	struct lineedit le;
	char *answer = NULL;
	int w = COLS - 8 < 70 ? COLS - 8 : 70;

	lineedit_init(&le, w - 4, 1, 0, 200);
	if (initial)
		lineedit_set(&le, initial);
	for (;;) {
		struct uikey k;
		char **lines = u8_wrap_words(question ? question : "", w - 4);
		int nl = (int)u8_lines_count(lines), h, y, x, cr, cc;
		char *row;

		if (nl > 4)
			nl = 4;
		h = nl + 4;
		y = (LINES - h) / 2;
		x = (COLS - w) / 2;
		ui_paint(ui);
		ui_box(y, x, h, w, title);
		for (int i = 0; i < nl; i++)
			ui_put(y + 1 + i, x + 2, w - 4, A_NORMAL_, lines[i]);
		u8_lines_free(lines);
		row = lineedit_row(&le, 0, NULL);
		ui_put(y + 2 + nl, x + 2, w - 4, UA_FIELD, row);
		free(row);
		lineedit_cursor(&le, &cr, &cc);
		move(y + 2 + nl, x + 2 + cc);
		curs_set(1);
		refresh();
		k = ui_getkey(ui);
		if (k.fn == KEY_EXIT || k.fn == KEY_F(10) || (!k.fn && (k.ch == KEY_ESC || k.ch == CTRL('g')))) {
			break;
		} else if (k.fn == KEY_ENTER || (!k.fn && k.ch == '\n')) {
			answer = lineedit_get(&le);
			break;
		} else if (k.fn == KEY_LEFT) {
			lineedit_left(&le);
		} else if (k.fn == KEY_RIGHT) {
			lineedit_right(&le);
		} else if (k.fn == KEY_HOME || (!k.fn && k.ch == CTRL('a'))) {
			lineedit_home(&le);
		} else if (k.fn == KEY_END || (!k.fn && k.ch == CTRL('e'))) {
			lineedit_end(&le);
		} else if (k.fn == KEY_BACKSPACE || (!k.fn && (k.ch == 127 || k.ch == 8))) {
			lineedit_backspace(&le);
		} else if (k.fn == KEY_DC) {
			lineedit_delete(&le);
		} else if (!k.fn && k.ch == CTRL('u')) {
			lineedit_clear(&le);
		} else if (!k.fn && k.ch >= ' ' && k.ch != 127) {
			lineedit_insert(&le, (wchar_t)k.ch);
		}
	}
	curs_set(0);
	lineedit_release(&le);
	return answer;
}
