/*
 * receipt-text.h — a laid-out receipt as plain UTF-8 text, for printers that
 * take text and for .txt files.
 *
 * Centred lines are padded with spaces, rules are '-' across the width, the
 * place where the stub is torn off a dashed line "- - - …", and
 * a line that does not fit is wrapped.  A text printer cannot draw the QR
 * code, so its place holds the payload itself, centred (JD:number:check or
 * the station's URL), which a person can type or read out on the phone; it
 * is never wrapped, so a long URL stays whole and can be copied.
 * Lines end with LF; no trailing blanks.
 */
#ifndef JIEDAI_RECEIPT_TEXT_H
#define JIEDAI_RECEIPT_TEXT_H

struct receipt;
struct strbuf;

/* Append r as text lines of at most cols columns (wcwidth) to out. */
void receipt_text(const struct receipt *r, int cols, struct strbuf *out);

#endif
