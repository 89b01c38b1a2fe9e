/*
 * report.h — the statistics and register screen (screen-report.c).
 *
 * A month at a time (this month first; Left/Right or PgUp/PgDn with Ctrl, [
 * and ] step back and forth), in seven views chosen with Tab or the digits
 * 1–7: the overall figures, charts of issues by category, by deputy and by
 * reception day (full-block bars with the number written beside each), the
 * public register (masked) to scroll through, the figures by unit, and the
 * deputies' duty records of the month's year (a deputy finds their own
 * first).  It changes nothing in the ledger, but for A (staff and head):
 * the year's archive (资料归档, archive.h) into a new folder in the
 * person's documents folder, after one confirmation, naming its full path.
 */
#ifndef JIEDAI_UI_REPORT_H
#define JIEDAI_UI_REPORT_H

struct ui;

/* Push the screen (for a menu entry on the home screen). */
void screen_report_open(struct ui *ui);

#endif
