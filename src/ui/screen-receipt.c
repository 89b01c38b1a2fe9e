/*
 * screen-receipt.c — shown right after an intake is saved (and from the
 * ticket detail): the ledger number, the voter's place in the day, the
 * receipt as it will be printed and its QR code, drawn dark on light with
 * half blocks so a phone can scan it off the screen.
 */
#include "ui.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "i18n.h"
#include "jd.h"
#include "printjob.h"
#include "receipt.h"
#include "store.h"
#include "u8.h"
#include "xmalloc.h"

#define TEXT_COLS 36

struct receipt_screen {
	struct ticket t;
	struct receipt r;
	int ok;
	char **qr_rows;
	int just_saved;
	int backfill;		/* a paper record entered afterwards (补录) */
};

static void receipt_draw(struct ui *ui, void *st)
{
	struct receipt_screen *s = st;
	char buf[200];
	int y = 3, qx;

	ui_titlebar(s->just_saved ? _("Saved") : _("Receipt"), s->t.number);
	if (s->t.position)
		snprintf(buf, sizeof(buf), _("Number %s   voter no. %d   check code %s"), s->t.number,
			 s->t.position, s->t.check_code);
	else
		snprintf(buf, sizeof(buf), _("Number %s   check code %s"), s->t.number, s->t.check_code);
	ui_puts(1, 2, UA_LABEL, buf);
	if (s->ok) {
		for (size_t i = 0; i < s->r.n && y < LINES - 3; i++) {
			const struct receipt_line *l = &s->r.lines[i];
			char **parts;

			if (l->style & RS_QR)
				continue;
			if (l->style & (RS_RULE | RS_CUT)) {
				mvhline(y++, 2, '-', TEXT_COLS);
				continue;
			}
			/* A line longer than the paper wraps, as the printed receipt does. */
			parts = u8_wrap(l->text, TEXT_COLS);
			for (size_t k = 0; parts[k] && y < LINES - 3; k++) {
				int w = u8_width(parts[k]), x = 2;

				if ((l->style & RS_CENTER) && w < TEXT_COLS)
					x += (TEXT_COLS - w) / 2;
				ui_put(y++, x, TEXT_COLS - (x - 2),
				       (l->style & RS_BOLD) ? UA_LABEL : A_NORMAL_, parts[k]);
			}
			u8_lines_free(parts);
		}
		qx = 2 + TEXT_COLS + 3;
		for (int r = 0; s->qr_rows[r] && 2 + r < LINES - 2; r++)
			ui_puts(2 + r, qx, UA_QR, s->qr_rows[r]);
	}
	ui_statusline(ui, s->just_saved ? _("The item is saved in the ledger. What next?") : NULL);
	{
		const char *items[] = { "1", _("Same voter, another issue"), "2", _("Next voter"),
					"3", _("Details"), "4", _("Print"), "Esc", _("Home"), NULL };

		ui_keybar(items);
	}
}

static int receipt_key(struct ui *ui, void *st, struct uikey k)
{
	struct receipt_screen *s = st;
	struct ticket t;

	if (k.fn == KEY_F(10) || (!k.fn && (k.ch == KEY_ESC || k.ch == '0'))) {
		ui_pop(ui);
		return R_SWITCH;
	}
	if (k.fn == KEY_F(9) || (!k.fn && k.ch == '4')) {
		/* What it did is on the status line; this screen stays as it is. */
		ui_print_ticket(ui, s->t.id);
		return R_NONE;
	}
	if (k.fn || k.ch < '1' || k.ch > '3')
		return R_NONE;
	/* Keep what we need: the screen is freed by ui_replace. */
	memset(&t, 0, sizeof(t));
	t.name = xstrdup(s->t.name);
	t.phone = xstrdup(s->t.phone);
	t.address = xstrdup(s->t.address);
	t.number = xstrdup(s->t.number);
	t.voter_id = s->t.voter_id;
	/* After a paper record (补录), the next one is of the same day. */
	if (s->backfill && s->t.day_date)
		t.day_date = xstrdup(s->t.day_date);
	ui_pop(ui);
	switch (k.ch) {
	case '1':
		if (t.day_date)
			screen_intake_backfill(ui, &t, t.day_date);
		else
			screen_intake_open(ui, &t, NULL);
		break;
	case '2':
		if (t.day_date)
			screen_intake_backfill(ui, NULL, t.day_date);
		else
			screen_intake_open(ui, NULL, NULL);
		break;
	case '3': screen_detail_open(ui, t.number); break;
	}
	ticket_release(&t);
	return R_SWITCH;
}

static void receipt_free(void *st)
{
	struct receipt_screen *s = st;

	ticket_release(&s->t);
	receipt_release(&s->r);
	u8_lines_free(s->qr_rows);
	free(s);
}

static const struct screen_ops receipt_ops = {
	.name = "receipt",
	.draw = receipt_draw,
	.key = receipt_key,
	.free = receipt_free,
};

/*
 * Build the screen for the ticket with t's id, read back from the ledger:
 * the receipt as a print made now would say it (the one builder of
 * printjob.h: 补打 when it was printed before), without the station's stub.
 */
static struct receipt_screen *make(struct ui *ui, const struct ticket *t)
{
	struct jd *jd = ui_jd(ui);
	struct receipt_screen *s = xcalloc(1, sizeof(*s));
	struct receipt_layout lo = { TEXT_COLS, 0, 0, -1, jd_calendar(jd) };
	char *by = NULL, *at = NULL;
	int r;

	error_clear();
	if (store_ticket_get_id(jd->store, t->id, &s->t) != STORE_OK) {
		ui_error(ui, "%s", error_last());
		free(s);
		return NULL;
	}
	/* After a paper record (补录), the next one is of the same day. */
	r = store_ticket_backfilled(jd->store, s->t.id, &by, &at);
	s->backfill = r == STORE_OK;
	free(by);
	free(at);
	if (r == STORE_OK || r == STORE_NOTFOUND)
		s->ok = print_receipt_build(jd->store, &s->t, &lo, &s->r) == PRINT_OK;
	if (s->ok)
		s->qr_rows = receipt_qr_halfblocks(s->r.qr, s->r.qr_width, 4);
	else
		ui_error(ui, "%s", error_last());
	return s;
}

void screen_receipt_open(struct ui *ui, const struct ticket *t)
{
	struct receipt_screen *s = make(ui, t);

	if (!s)
		return;
	s->just_saved = 1;
	ui_replace(ui, &receipt_ops, s);
	/* With a printer set up, the receipt goes to it at once: the ticket is committed. */
	{
		char *dest = store_setting(ui_jd(ui)->store, "print_dest");

		if (*dest)
			ui_print_ticket(ui, s->t.id);
		free(dest);
	}
}

void screen_receipt_show(struct ui *ui, const struct ticket *t)
{
	struct receipt_screen *s = make(ui, t);

	if (s)
		ui_push(ui, &receipt_ops, s);
}
