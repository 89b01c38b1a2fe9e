/*
 * textout.h — what the command line prints as text, cleaned on the way out.
 *
 * The ledger may hold text from before the rule of u8.h (an older jiedai, an
 * older import): a name with ESC ] 52 in it would write to the clipboard of
 * whoever lists it, a cut sequence would swallow the rest of a listing.  So
 * the text commands print for people (list and search rows, `show`, `day`,
 * `lookup`) goes through here, and every code point the rule refuses, and
 * every malformed byte, reaches the terminal as U+FFFD.  Newlines and tabs
 * are kept: they are the output's own layout (cells of TSV are cleaned of
 * their own tabs and newlines by strbuf_add_tsv()).  Text laid out by the
 * core (report, register, receipts) is clean already: u8_fit(), u8_cut(),
 * u8_wrap() and u8_sanitize() clean what they lay out.  Binary output
 * (ESC/POS, images) and JSON (escaped by strbuf_add_json()) do not use this.
 *
 * Both functions return what fputs() returns: EOF on a write error.
 */
#ifndef JIEDAI_TEXTOUT_H
#define JIEDAI_TEXTOUT_H

#include <stdio.h>

int textout_puts(const char *s, FILE *f);
int textout_printf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
