/*
 * textout.h — what the command line prints as text, cleaned on the way out.
 *
 * The ledger may hold text from before the rule of u8.h (an older jiedai, an
 * older import): a name with ESC ] 52 in it would write to the clipboard of
 * whoever lists it, a cut sequence would swallow the rest of a listing.  So
 * the text commands print for people from stored values (`show`, `day`,
 * `lookup`) goes through here, and every code point the rule refuses, and
 * every malformed byte, reaches the terminal as U+FFFD.  Newlines and tabs
 * are kept: they are the output's own layout.  Text laid out cell by cell
 * is clean already and skips the second pass: u8_fit(), u8_cut(),
 * u8_wrap(), u8_sanitize() and strbuf_add_tsv() clean what they lay out
 * (list, search and queue rows, user list, report, register, receipts).
 * Binary output (ESC/POS, images) and JSON (escaped by strbuf_add_json())
 * do not use this.
 *
 * Both functions return what fputs() returns: EOF on a write error.
 */
#ifndef JIEDAI_TEXTOUT_H
#define JIEDAI_TEXTOUT_H

#include <stdio.h>

int textout_puts(const char *s, FILE *f);
int textout_printf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
