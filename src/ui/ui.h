/*
 * ui.h — the reception-day screen: curses set-up, the screen stack, the main
 * loop and drawing helpers shared by every screen.
 *
 * Each screen (screen-*.c) fills in a struct screen_ops.  Its key handler
 * changes only its own state and returns a reaction (R_*: what changed);
 * when something did, the loop calls draw() of the top screen, which
 * paints the whole virtual screen from state, and one doupdate() sends the
 * difference to the terminal.  Over a slow link that difference is what
 * matters: typing a character in a field sends little more than the
 * character, and a key that changes nothing sends nothing and draws nothing.
 */
#ifndef JIEDAI_UI_H
#define JIEDAI_UI_H

#include <stdarg.h>
#include <stdint.h>
#include <wchar.h>

struct jd;
struct ticket;

/* A key: fn is a curses KEY_* code, or 0 when ch is a character (controls included). */
struct uikey {
	int fn;
	wint_t ch;
};

#define CTRL(c) ((c) & 0x1f)
#define KEY_ESC 27

/*
 * What a key changed: key handlers (and idle ops) return these bits, and
 * the loop paints only when one says something shows a change.  A key
 * that changes nothing returns R_NONE: nothing is drawn, nothing is sent
 * to the terminal.  What the loop keeps itself it paints without being
 * told: a message on the status line (ui_message(), ui_error(), a core
 * error, or the message the key cleared), a dialog drawn over the screen
 * (ui_choose() …), a reload of the ledger (ui_reload_all(), another
 * session's change) and ui_repaint_all().
 */
#define R_NONE 0
#define R_REDRAW 1	/* the screen's own state changed: paint it again */
#define R_SWITCH 2	/* a screen was opened or closed (ui_push, ui_pop, ui_replace): paint the top one */
#define R_RESIZE 4	/* the terminal's picture cannot be trusted (Ctrl-L): clear it and paint all, as after a resize */
#define R_QUIT 8	/* leave the program */

struct ui;

struct screen_ops {
	const char *name;
	/* Paint everything from state (the loop refreshes once afterwards). */
	void (*draw)(struct ui *ui, void *st);
	/* Handle one key: change only the screen's own state, and return what changed (R_*). */
	int (*key)(struct ui *ui, void *st, struct uikey k);
	/* The ledger changed (here or in another session): reload what is shown. */
	void (*reload)(struct ui *ui, void *st);
	/* The link dropped: keep what was typed as a draft (may be NULL). */
	void (*save_draft)(struct ui *ui, void *st);
	/*
	 * Work put off until the keyboard is quiet (ui_idle_after), such as
	 * searching as a person types; may be NULL.  Its reads give way to
	 * the next key (store_set_interrupt): a read that returns
	 * STORE_INTERRUPTED leaves the work to do, and the screen asks again.
	 * Returns R_* flags like key().
	 */
	int (*idle)(struct ui *ui, void *st);
	void (*free)(void *st);
};

/* Minimum terminal size. */
#define UI_MIN_COLS 80
#define UI_MIN_ROWS 24

/* The screen the program opens on (the home screen is always below it). */
enum ui_start { UI_START_HOME, UI_START_REPORT };

/* Run the screen until the user leaves; returns an exit code. */
int ui_run(struct jd *jd, enum ui_start start);

struct jd *ui_jd(struct ui *ui);
/* Push a screen on top (takes ownership of st); it becomes the active one. */
void ui_push(struct ui *ui, const struct screen_ops *ops, void *st);
/* Close the top screen; the one below becomes active and is reloaded. */
void ui_pop(struct ui *ui);
/* Replace the top screen with another. */
void ui_replace(struct ui *ui, const struct screen_ops *ops, void *st);
/* Ask every screen on the stack to reload (after a change made here). */
void ui_reload_all(struct ui *ui);
/*
 * The terminal no longer shows what curses thinks it does (bytes went
 * through it to a printer): after this key the loop clears it and paints
 * everything, as for R_RESIZE.
 */
void ui_repaint_all(struct ui *ui);
/*
 * Call the top screen's idle op once no key has come for ms milliseconds
 * (0: as soon as no key is waiting).  A later call replaces the time.
 */
void ui_idle_after(struct ui *ui, int ms);

/* A message for the status line (one line above the key bar); cleared by the next key. */
void ui_message(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ui_error(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *ui_status_text(struct ui *ui, int *is_error);

/* Show the terminal cursor at y,x after this paint (otherwise it is hidden). */
void ui_cursor(int y, int x);

/* Move a selection or a scroll position *pos to `to`: R_REDRAW, or R_NONE when it is there already. */
int ui_move_to(int *pos, int to);

/* Screen size. */
int ui_cols(void);
int ui_rows(void);

/* ---- drawing (draw.c) ---- */

enum ui_attr {
	A_NORMAL_ = 0,
	UA_TITLE,	/* the top bar */
	UA_KEY,		/* key names in the key bar */
	UA_FIELD,	/* an input box */
	UA_FOCUS,	/* the focused input box or selected row */
	UA_LABEL,
	UA_ERROR,
	UA_WARN,	/* overdue */
	UA_DIM,
	UA_OK,
	UA_QR,		/* dark on light, for QR codes */
};

void ui_colors_init(void);
/* Turn on an attribute for what follows; ui_attr_off() restores normal. */
void ui_attr_on(enum ui_attr a);
void ui_attr_off(enum ui_attr a);
/*
 * Text at y,x fitted to cols (padded; text that does not fit is cut at a
 * character and ends in "…"); sanitised.  A wide character already on the
 * screen across either edge is blanked, never half overwritten.
 */
void ui_put(int y, int x, int cols, enum ui_attr a, const char *s);
/*
 * Text in a column cols wide from y,x, wrapped (at spaces in English) onto
 * at most rows rows; the last one ends in "…" when there is more.  Returns
 * the rows used.
 */
int ui_put_wrapped(int y, int x, int cols, int rows, enum ui_attr a, const char *text);
/* Text at y,x cut to the screen edge (ending in "…" when cut), not padded. */
void ui_puts(int y, int x, enum ui_attr a, const char *s);
void ui_putf(int y, int x, enum ui_attr a, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* The top bar: title on the left, right text on the right. */
void ui_titlebar(const char *title, const char *right);
/*
 * The key bar on the bottom row from pairs of strings: key, label, key,
 * label … NULL.  Pairs that do not fit are left off.
 */
void ui_keybar(const char *const *items);
/* The status line: the current message, else help (may be NULL). */
void ui_statusline(struct ui *ui, const char *help);
/* A box with a frame drawn in ASCII-safe line characters. */
void ui_box(int y, int x, int h, int w, const char *title);
/* Horizontal rule across the screen. */
void ui_hline(int y);

/* ---- dialogs (dialog.c) ---- */

/*
 * A choice between numbered items, drawn in a box over the current screen.
 * Returns the index chosen (0 ..), or -1 for Esc.  Runs its own small loop.
 */
int ui_choose(struct ui *ui, const char *title, const char *text, const char *const *items);
/* The same in a box as wide as the longest line of text (up to the screen's): a path stays whole. */
int ui_choose_wide(struct ui *ui, const char *title, const char *text, const char *const *items);
/* Yes/no confirmation: 1 for yes. */
int ui_confirm(struct ui *ui, const char *question, const char *yes, const char *no);
/* Read one key, waiting; handles resize and signals on the way. */
struct uikey ui_getkey(struct ui *ui);
/* Paint the stack and flush (for dialogs drawn over it). */
void ui_paint(struct ui *ui);

/* ---- screens ---- */
void screen_home_open(struct ui *ui);
/* The first start on a new ledger: name the station. */
void screen_setup_open(struct ui *ui);
void screen_intake_open(struct ui *ui, const struct ticket *same_voter, const char *draft_json);
/*
 * 补录: the intake form for the paper records of the earlier reception day
 * date (in the ledger); same_voter as for screen_intake_open().
 */
void screen_intake_backfill(struct ui *ui, const struct ticket *same_voter, const char *date);
/* 更正: the intake form filled in with the ticket numbered number, to correct it. */
void screen_intake_correct(struct ui *ui, const char *number);
void screen_detail_open(struct ui *ui, const char *number);
void screen_list_open(struct ui *ui, int tab, const char *search);
void screen_day_open(struct ui *ui, int then_intake);
/* The day's list (当日接待登记表) of the open day, or of date (NULL: the open day), to close it. */
void screen_daysheet_open(struct ui *ui, const char *date);
/* The unit directory with each unit's items in hand, and one unit's view with its chase slip. */
void screen_units_open(struct ui *ui);
void screen_unit_open(struct ui *ui, const char *name);
/* After saving: replaces the intake screen. */
void screen_receipt_open(struct ui *ui, const struct ticket *t);
/* From the detail screen: pushed on top. */
void screen_receipt_show(struct ui *ui, const struct ticket *t);
/* The follow-up form of an action on ticket t (screen-action.c). */
void screen_action_open(struct ui *ui, const struct ticket *t, int action, const char *draft_json);
/*
 * Print the receipt of the saved ticket with this id to the station's
 * printer (print.c).  What happened is on the status line: printed, or
 * the reason it was not (nothing is recorded then, and the ticket is
 * unchanged).
 */
void ui_print_ticket(struct ui *ui, int64_t id);
/*
 * Print a paper (paper.h: a chase slip, the day's list) on the station's
 * receipt printer.  Returns 0, or -1 with the reason on the status line.
 */
struct paper;
int ui_print_paper(struct ui *ui, const struct paper *p);
/*
 * Write a paper to a file the person names (asked for, with name offered):
 * XLSX for a name ending in .xlsx, else A4 text.  Returns 0 with *path (the
 * name written; caller frees), or -1 (given up, or the reason on the status
 * line).
 */
int ui_save_paper(struct ui *ui, const struct paper *p, const char *name, char **path);
/* Ask for a line of text in a box; NULL for Esc (caller frees). */
char *ui_ask(struct ui *ui, const char *title, const char *question, const char *initial);

/*
 * Open a ticket from a typed number or a scanned receipt.  Returns 0 when
 * the text was a number or a receipt (opened, or refused with a message),
 * 1 when it is neither (the caller may search for it).
 */
int ui_open_lookup(struct ui *ui, const char *text);

/* List tabs. */
enum list_tab { TAB_READY, TAB_OVERDUE, TAB_OPEN, TAB_ALL, TAB_COUNT };

#endif
