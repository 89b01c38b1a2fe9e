/*
 * dutysheet.h — the deputies' duty record (代表履职情况记实表, duty.h) on
 * paper: one A4 page per deputy.
 *
 * A page is a paper (paper.h) laid out as a form: the station, the deputy
 * and the period at its head; a two-column table of what the record holds
 * (days attended and their dates, voters received, issues registered,
 * answered, resolved, followed through to 销号 with its ratings, the
 * voters' ratings, overdue now); at its foot the definitions in one
 * sentence, lines to sign and the ledger's check code as it stood when the
 * figures were read.  Every figure is written as a number in text.
 *
 * Several deputies: in text one page each, parted by a form feed (a
 * printer starts a new sheet; on a terminal a rule parts them); in XLSX a
 * sheet each, printed down an A4 page; in CSV a row each, with the same
 * column titles as the report's CSV where the figure is the same.
 */
#ifndef JIEDAI_DUTYSHEET_H
#define JIEDAI_DUTYSHEET_H

#include "duty.h"
#include "paper.h"

struct outfile;
struct strbuf;

/* The page of d->dep[i] (paper_release). */
void dutysheet_paper(const struct duty *d, size_t i, struct paper *p);

enum duty_format { DUTY_TEXT, DUTY_CSV, DUTY_XLSX };
/* "text", "csv", "xlsx": 0, or -1. */
int duty_format_parse(const char *s, enum duty_format *f);

/*
 * Every record of d as text, width columns, pages parted by sep (a form
 * feed, or a rule for a screen), appended to sb.  With no record, a line
 * saying so.
 */
void dutysheet_text(const struct duty *d, int width, const char *sep, struct strbuf *sb);
/*
 * Every record of d to out in f (XLSX: out opened with OUTFILE_NAMED; text
 * pages parted by a form feed when form_feed, else by a rule).  0, or -1
 * with a message.  A duty record holds no voter's personal data: out may
 * be public.
 */
int dutysheet_write(const struct duty *d, enum duty_format f, struct outfile *out, int form_feed);

/*
 * A sheet name for an XLSX tab made from name: the characters a sheet name
 * may not hold (: \ / ? * [ ]) as "_", at most 31 characters, and "~2",
 * "~3" … when one of the n names in used is the same.  Caller frees.
 */
char *dutysheet_sheet_name(const char *name, char *const *used, size_t n);

#endif
