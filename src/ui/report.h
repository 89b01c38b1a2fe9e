/*
 * report.h — the statistics and register screen (screen-report.c).
 *
 * A month at a time (this month first; Left/Right or PgUp/PgDn with Ctrl, [
 * and ] step back and forth), in five views chosen with Tab or the digits
 * 1–5: the overall figures, charts of issues by category, by deputy and by
 * reception day (full-block bars with the number written beside each), and
 * the public register (masked) to scroll through.  Read-only: it changes
 * nothing in the ledger.
 */
#ifndef JIEDAI_UI_REPORT_H
#define JIEDAI_UI_REPORT_H

struct ui;

/* Push the screen (for a menu entry on the home screen). */
void screen_report_open(struct ui *ui);

#endif
