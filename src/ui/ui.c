/*
 * ui.c — curses set-up and tear-down, the screen stack and the main loop.
 *
 * Signals: SIGHUP and SIGTERM (a dropped SSH link, a shutdown) only set a
 * flag; the loop wakes within a quarter second, asks the screens to keep
 * what was typed as a draft, and leaves through endwin().  The terminal is
 * also put back by the die() hook and on crashes.
 *
 * Other sessions' writes show up through PRAGMA data_version, polled about
 * once a second while the keyboard is idle.
 */
#include "ui.h"

#include <curses.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "error.h"
#include "i18n.h"
#include "jd.h"
#include "priv.h"
#include "store.h"
#include "strbuf.h"
#include "u8.h"
#include "report.h"
#include "xmalloc.h"

#define STACK_MAX 16
#define POLL_MS 250

struct ui {
	struct jd *jd;
	struct {
		const struct screen_ops *ops;
		void *st;
	} stack[STACK_MAX];
	int depth;
	char status[512];
	int status_err;
	int64_t data_version;
	int want_cursor, cur_y, cur_x;
	int saving;
	int reload_pending;
	/* What the loop keeps itself, to know after a key whether to paint (react()). */
	unsigned long paints;	/* ui_paint() calls: a dialog painted over the screen */
	int overdrawn;		/* something was drawn over the screen outside a paint */
	int repaint_all;	/* ui_repaint_all(): clear the terminal at the next paint */
	char shown_status[512];	/* the status line as last painted */
	int shown_err;
	long idle_at;		/* ui_idle_after(): when to call the idle op (0: never) */
};

static volatile sig_atomic_t got_hangup;
static int curses_up;
static struct ui *the_ui;

static void on_hangup(int sig)
{
	(void)sig;
	got_hangup = 1;
}

/* Put the terminal back; safe to call more than once. */
static void restore_terminal(void)
{
	if (curses_up) {
		curses_up = 0;
		endwin();
	}
}

static void on_crash(int sig)
{
	restore_terminal();
	signal(sig, SIG_DFL);
	raise(sig);
}

struct jd *ui_jd(struct ui *ui)
{
	return ui->jd;
}

int ui_move_to(int *pos, int to)
{
	if (*pos == to)
		return R_NONE;
	*pos = to;
	return R_REDRAW;
}

int ui_cols(void)
{
	return COLS;
}

int ui_rows(void)
{
	return LINES;
}

void ui_cursor(int y, int x)
{
	if (the_ui) {
		the_ui->want_cursor = 1;
		the_ui->cur_y = y;
		the_ui->cur_x = x;
	}
}

/*
 * The status line quotes file names and what was typed ("saved as …"):
 * cleaned like every other output (u8.h), so a name with ESC in it reaches
 * the terminal as U+FFFD, not as a control sequence.
 */
static void set_status(struct ui *ui, int is_err, const char *fmt, va_list ap)
{
	struct strbuf raw = STRBUF_INIT, clean = STRBUF_INIT;

	strbuf_vaddf(&raw, fmt, ap);
	u8_add_clean(&clean, raw.buf, 0);
	snprintf(ui->status, sizeof(ui->status), "%s", clean.buf);
	strbuf_release(&raw);
	strbuf_release(&clean);
	ui->status_err = is_err;
}

void ui_message(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_status(ui, 0, fmt, ap);
	va_end(ap);
}

void ui_error(struct ui *ui, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	set_status(ui, 1, fmt, ap);
	va_end(ap);
	beep();
}

const char *ui_status_text(struct ui *ui, int *is_error)
{
	if (is_error)
		*is_error = ui->status_err;
	return ui->status;
}

/* Errors reported by core code while the screen is up go to the status line. */
static void error_to_status(enum error_level level, const char *msg)
{
	if (!the_ui)
		return;
	snprintf(the_ui->status, sizeof(the_ui->status), "%s", msg);
	the_ui->status_err = level == ERROR_ERROR;
}

void ui_push(struct ui *ui, const struct screen_ops *ops, void *st)
{
	if (ui->depth >= STACK_MAX) {
		ops->free(st);
		ui_error(ui, "%s", _("Too many screens are open; go back first."));
		return;
	}
	ui->stack[ui->depth].ops = ops;
	ui->stack[ui->depth].st = st;
	ui->depth++;
}

void ui_pop(struct ui *ui)
{
	if (!ui->depth)
		return;
	ui->depth--;
	ui->stack[ui->depth].ops->free(ui->stack[ui->depth].st);
	if (ui->depth && ui->stack[ui->depth - 1].ops->reload)
		ui->stack[ui->depth - 1].ops->reload(ui, ui->stack[ui->depth - 1].st);
}

void ui_replace(struct ui *ui, const struct screen_ops *ops, void *st)
{
	if (ui->depth) {
		ui->depth--;
		ui->stack[ui->depth].ops->free(ui->stack[ui->depth].st);
	}
	ui_push(ui, ops, st);
}

void ui_reload_all(struct ui *ui)
{
	ui->reload_pending = 1;
}

void ui_repaint_all(struct ui *ui)
{
	ui->repaint_all = 1;
}

static long now_ms(void);

void ui_idle_after(struct ui *ui, int ms)
{
	ui->idle_at = now_ms() + (ms > 0 ? ms : 0);
	if (!ui->idle_at)
		ui->idle_at = 1;
}

static void reload_stack(struct ui *ui)
{
	for (int i = 0; i < ui->depth; i++)
		if (ui->stack[i].ops->reload)
			ui->stack[i].ops->reload(ui, ui->stack[i].st);
	ui->reload_pending = 0;
}

/* "Saving…" while another session holds the write lock. */
static void busy_notify(void *arg, int waiting)
{
	struct ui *ui = arg;

	ui->saving = waiting;
	if (!curses_up)
		return;
	if (waiting) {
		ui->overdrawn = 1;
		move(LINES - 2, 0);
		clrtoeol();
		ui_puts(LINES - 2, 1, UA_WARN, _("Saving, please wait (others are saving too)…"));
		refresh();
	}
}

void ui_paint(struct ui *ui)
{
	if (ui->repaint_all) {
		clearok(curscr, TRUE);
		ui->repaint_all = 0;
	}
	erase();
	ui->paints++;
	ui->overdrawn = 0;
	snprintf(ui->shown_status, sizeof(ui->shown_status), "%s", ui->status);
	ui->shown_err = ui->status_err;
	ui->want_cursor = 0;
	if (COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS) {
		char buf[160];

		snprintf(buf, sizeof(buf), _("The window is too small: jiedai needs at least %d×%d, now %d×%d."),
			 UI_MIN_COLS, UI_MIN_ROWS, COLS, LINES);
		ui_puts(0, 0, UA_ERROR, buf);
		ui_puts(1, 0, A_NORMAL_, _("Make the window larger (what you typed is kept)."));
	} else if (ui->depth) {
		ui->stack[ui->depth - 1].ops->draw(ui, ui->stack[ui->depth - 1].st);
	}
	if (ui->want_cursor) {
		move(ui->cur_y, ui->cur_x);
		curs_set(1);
	} else {
		curs_set(0);
		move(LINES - 1, COLS - 1);
	}
	refresh();
}

/* Keep drafts of every screen that has unsaved input. */
static void save_drafts(struct ui *ui)
{
	for (int i = ui->depth - 1; i >= 0; i--)
		if (ui->stack[i].ops->save_draft)
			ui->stack[i].ops->save_draft(ui, ui->stack[i].st);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/*
 * Read a key, waiting at most wait_ms.  Returns 1 with *k set, or 0 on
 * timeout.  A terminal that is gone makes get_wch return at once again and
 * again: that counts as a hangup.
 */
static int read_key_within(struct uikey *k, int wait_ms)
{
	static int fast_errs;
	wint_t ch;
	long t0 = now_ms();
	int r;

	if (wait_ms != POLL_MS)
		timeout(wait_ms);
	r = get_wch(&ch);
	if (wait_ms != POLL_MS)
		timeout(POLL_MS);
	if (r == ERR) {
		/* A short wait (idle work is due) says nothing about the terminal. */
		if (wait_ms < POLL_MS)
			return 0;
		if (now_ms() - t0 < POLL_MS / 4) {
			if (++fast_errs > 40)
				got_hangup = 1;
		} else {
			fast_errs = 0;
		}
		return 0;
	}
	fast_errs = 0;
	if (r == KEY_CODE_YES) {
		k->fn = (int)ch;
		k->ch = 0;
	} else {
		k->fn = 0;
		k->ch = ch;
		/* Enter arrives as CR in raw mode; some terminals send LF. */
		if (ch == '\r')
			k->fn = KEY_ENTER;
	}
	return 1;
}

static int read_key(struct ui *ui, struct uikey *k)
{
	(void)ui;
	return read_key_within(k, POLL_MS);
}

/* The store's interrupt check during idle work: a key is waiting to be read. */
static int key_waiting(void *arg)
{
	struct pollfd p = { STDIN_FILENO, POLLIN, 0 };

	(void)arg;
	return poll(&p, 1, 0) > 0;
}

/*
 * After a key (or idle work) that returned the reaction r, begun when
 * ui->paints was paints_before: reload what the ledger changed and paint,
 * when r or what the loop keeps itself says something shows a change.
 * Nothing is drawn or sent otherwise.
 */
static void react(struct ui *ui, int r, unsigned long paints_before)
{
	if (ui->reload_pending) {
		reload_stack(ui);
		r |= R_REDRAW;
	}
	if (ui->paints != paints_before || ui->overdrawn)
		r |= R_REDRAW;	/* a dialog, or "saving…", was drawn over the screen */
	if (strcmp(ui->status, ui->shown_status) || ui->status_err != ui->shown_err)
		r |= R_REDRAW;
	if (r & R_RESIZE)
		ui->repaint_all = 1;
	if (ui->repaint_all)
		r |= R_REDRAW;
	if (ui->depth && (r & (R_REDRAW | R_SWITCH)))
		ui_paint(ui);
}

/*
 * Wait for a key up to the next poll, or until idle work is due: then do
 * it (its reads giving way to a key that comes meanwhile) and paint.
 * Returns 1 with *k set when a key came.
 */
static int wait_key(struct ui *ui, struct uikey *k)
{
	const struct screen_ops *ops;
	unsigned long paints = ui->paints;
	long left;
	int r;

	if (!ui->idle_at)
		return read_key(ui, k);
	left = ui->idle_at - now_ms();
	if (left > 0)
		return read_key_within(k, left < POLL_MS ? (int)left : POLL_MS);
	if (key_waiting(NULL))
		return read_key_within(k, 0);
	ui->idle_at = 0;
	ops = ui->depth ? ui->stack[ui->depth - 1].ops : NULL;
	if (!ops || !ops->idle || COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS)
		return 0;
	store_set_interrupt(ui->jd->store, key_waiting, NULL);
	r = ops->idle(ui, ui->stack[ui->depth - 1].st);
	store_set_interrupt(ui->jd->store, NULL, NULL);
	react(ui, r, paints);
	return 0;
}

/* Poll the database for other sessions' commits. */
static void poll_changes(struct ui *ui)
{
	static long last;
	long t = now_ms();
	int64_t v;

	if (t - last < 900)
		return;
	last = t;
	v = store_data_version(ui->jd->store);
	if (v != ui->data_version) {
		ui->data_version = v;
		ui->reload_pending = 1;
	}
}

struct uikey ui_getkey(struct ui *ui)
{
	struct uikey k;

	for (;;) {
		if (got_hangup) {
			k.fn = KEY_EXIT;
			k.ch = 0;
			return k;
		}
		if (read_key(ui, &k)) {
			if (k.fn == KEY_RESIZE) {
				ui_paint(ui);
				continue;
			}
			return k;
		}
	}
}

/*
 * PuTTY's default function keys (ESC [ 11 ~ …) and Home/End, whatever TERM
 * says; and the cursor keys as a terminal sends them when it ignored the
 * keypad mode curses asked for (ESC [ A, not ESC O A): unknown, they would
 * come as Esc, '[' and a letter, which in a list clear the search and type
 * a new one (a search of the whole ledger for "[B" at every Down).
 */
static void define_extra_keys(void)
{
	static const struct { const char *seq; int key; } extra[] = {
		{ "\033[11~", KEY_F(1) }, { "\033[12~", KEY_F(2) }, { "\033[13~", KEY_F(3) },
		{ "\033[14~", KEY_F(4) }, { "\033[15~", KEY_F(5) }, { "\033[17~", KEY_F(6) },
		{ "\033[18~", KEY_F(7) }, { "\033[19~", KEY_F(8) }, { "\033[20~", KEY_F(9) },
		{ "\033[21~", KEY_F(10) }, { "\033[1~", KEY_HOME }, { "\033[4~", KEY_END },
		{ "\033[H", KEY_HOME }, { "\033[F", KEY_END }, { "\033OH", KEY_HOME },
		{ "\033OF", KEY_END }, { "\033[Z", KEY_BTAB }, { "\033OP", KEY_F(1) },
		{ "\033OQ", KEY_F(2) }, { "\033OR", KEY_F(3) }, { "\033OS", KEY_F(4) },
		{ "\033[A", KEY_UP }, { "\033[B", KEY_DOWN }, { "\033[C", KEY_RIGHT },
		{ "\033[D", KEY_LEFT },
	};

	for (size_t i = 0; i < sizeof(extra) / sizeof(extra[0]); i++)
		if (key_defined(extra[i].seq) <= 0)
			define_key(extra[i].seq, extra[i].key);
}

static int start_curses(void)
{
	static const char *const fallbacks[] = { "xterm", "vt100", NULL };
	const char *term = getenv("TERM");
	SCREEN *scr = NULL;

	/*
	 * Run set-ID, the terminal's description is read with the group raised:
	 * ncurses then ignores TERMINFO, TERMINFO_DIRS and ~/.terminfo, files a
	 * person could have written to attack a program holding the ledger.
	 */
	priv_raise();
	if (term && *term)
		scr = newterm(NULL, stdout, stdin);
	for (int i = 0; !scr && fallbacks[i]; i++) {
		setenv("TERM", fallbacks[i], 1);
		scr = newterm(NULL, stdout, stdin);
	}
	priv_lower();
	if (!scr)
		return error(_("cannot start the screen: the terminal type '%s' is unknown"), term ? term : "");
	set_term(scr);
	/*
	 * A terminal that cannot move the cursor (dumb, or a printing
	 * terminal) would get every screen run together on one line.
	 */
	{
		const char *cup = tigetstr("cup");

		if (!cup || cup == (const char *)-1 || tigetflag("hc") > 0) {
			const char *name = getenv("TERM");
			char *clean = u8_sanitize(name ? name : "", 0);

			endwin();
			delscreen(scr);
			error(_("the terminal type '%s' cannot move the cursor, so the screen cannot be drawn on it. "
				"Set TERM to your terminal's type (such as xterm-256color), or use the command line: "
				"jiedai help lists its commands"), clean);
			free(clean);
			return -1;
		}
	}
	curses_up = 1;
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(150);
	timeout(POLL_MS);
	ui_colors_init();
	define_extra_keys();
	/*
	 * ncurses 6.4 (Debian 12) flushes its output at every cursor movement
	 * until the screen has once been left and resumed: a screen went out
	 * in some forty writes, each a packet of its own over SSH.  Leaving
	 * and resuming once, before anything is drawn, makes each refresh one
	 * write (two when the cursor is shown or hidden: curs_set writes at
	 * once).
	 */
	endwin();
	refresh();
	return 0;
}

/*
 * On a login several people share, ask who is working.  Returns 0, or -1
 * when nobody was chosen (the program then ends: every step must name a
 * person).
 */
static int choose_person(struct ui *ui)
{
	struct jd *jd = ui->jd;
	char **names = store_deputy_names(jd->store);
	size_t n = u8_lines_count(names);
	char text[256];
	int c;

	if (!n) {
		u8_lines_free(names);
		restore_terminal();
		return error(_("'%s' is a shared login but no deputies are set up yet: add them with jiedai user add"),
			     jd->me.login);
	}
	snprintf(text, sizeof(text), _("Several people use the login %s. Who is working now?"), jd->me.login);
	ui_paint(ui);
	c = ui_choose(ui, _("Who is working?"), text, (const char *const *)names);
	if (c >= 0 && identity_set_person(jd->store, &jd->me, names[c]) == 0)
		ui_message(ui, _("Working as %s."), names[c]);
	u8_lines_free(names);
	return c >= 0 && !jd->me.anonymous ? 0 : -1;
}

/* Drop the draft id: 0, or -1 with the reason on the status line (it is offered again next time). */
static int drop_draft(struct ui *ui, int64_t id)
{
	struct jd *jd = ui->jd;
	struct ledger_step st = { .kind = STEP_DRAFT, .draft_id = id };

	error_clear();
	if (ledger_apply(jd->store, &jd->me, &st, NULL) == STORE_OK)
		return 0;
	ui_error(ui, "%s", error_last());
	return -1;
}

/* Offer back a form that was being typed when the link dropped. */
static void offer_draft(struct ui *ui)
{
	struct jd *jd = ui->jd;
	char *form = NULL, *ticket = NULL, *data = NULL, *saved = NULL;
	int64_t id;
	char text[256];
	const char *items[3];

	/* Only this person's own drafts: on a shared login another person's form is theirs. */
	if (store_draft_get(jd->store, jd->me.login, jd->me.anonymous ? "" : jd->me.name, &id, &form, &ticket,
			    &data, &saved) != STORE_OK)
		return;
	snprintf(text, sizeof(text), _("A form you were typing was kept when the connection dropped (%s)."),
		 saved);
	items[0] = _("Continue it");
	items[1] = _("Throw it away");
	items[2] = NULL;
	ui_paint(ui);
	switch (ui_choose(ui, _("Unsaved form"), text, items)) {
	case 0:
		drop_draft(ui, id);
		if (!strcmp(form, "intake")) {
			screen_intake_open(ui, NULL, data);
		} else if (ticket) {
			/* A follow-up form: reopen its ticket, then the form over it. */
			struct ticket t;
			enum ticket_action a;

			for (a = 0; a < TA_COUNT; a++)
				if (!strcmp(form, ticket_action_name(a)))
					break;
			if (a < TA_COUNT && store_ticket_get(jd->store, ticket, &t) == STORE_OK) {
				screen_detail_open(ui, ticket);
				screen_action_open(ui, &t, a, data);
				ticket_release(&t);
			}
		}
		break;
	case 1:
		if (drop_draft(ui, id) == 0)
			ui_message(ui, "%s", _("The unsaved form was thrown away."));
		break;
	default:
		break;	/* Esc: keep it for later */
	}
	free(form);
	free(ticket);
	free(data);
	free(saved);
}

int ui_run(struct jd *jd, enum ui_start start)
{
	struct ui *ui = xcalloc(1, sizeof(*ui));
	struct sigaction sa;
	error_routine old_routine;
	int crash_sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };

	ui->jd = jd;
	the_ui = ui;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_hangup;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	for (size_t i = 0; i < sizeof(crash_sigs) / sizeof(crash_sigs[0]); i++)
		signal(crash_sigs[i], on_crash);

	if (start_curses() < 0) {
		free(ui);
		the_ui = NULL;
		return EXIT_USAGE;
	}
	error_set_die_hook(restore_terminal);
	old_routine = error_set_routine(error_to_status);
	store_set_busy(jd->store, -1, busy_notify, ui);
	ui->data_version = store_data_version(jd->store);

	screen_home_open(ui);
	if (jd->me.anonymous && choose_person(ui) < 0) {
		got_hangup = 0;
		while (ui->depth)
			ui_pop(ui);
	} else {
		offer_draft(ui);
		if (store_created(jd->store))
			screen_setup_open(ui);
		else if (start == UI_START_REPORT)
			screen_report_open(ui);
	}
	ui_paint(ui);
	while (ui->depth && !got_hangup) {
		struct uikey k;
		unsigned long paints;
		int r;

		if (!wait_key(ui, &k)) {
			poll_changes(ui);
			react(ui, R_NONE, ui->paints);
			continue;
		}
		if (k.fn == KEY_RESIZE) {
			ui_paint(ui);
			continue;
		}
		if (COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS) {
			/* Too small: only a way out; what was typed stays, and nothing changes. */
			if (k.fn == KEY_F(10))
				break;
			continue;
		}
		ui->status[0] = '\0';
		paints = ui->paints;
		r = ui->stack[ui->depth - 1].ops->key(ui, ui->stack[ui->depth - 1].st, k);
		if (r & R_QUIT)
			break;
		react(ui, r, paints);
	}
	if (got_hangup) {
		/*
		 * The link dropped or we were told to stop: keep what was typed,
		 * close the ledger and leave at once.  Nothing else is worth doing
		 * with a terminal that is gone (and exit-time work such as a
		 * leak checker's scan can hang on a dead terminal).
		 */
		save_drafts(ui);
		restore_terminal();
		store_close(jd->store);
		jd->store = NULL;
		_exit(0);
	}
	restore_terminal();
	error_set_routine(old_routine);
	error_set_die_hook(NULL);
	while (ui->depth)
		ui_pop(ui);
	the_ui = NULL;
	free(ui);
	return 0;
}
