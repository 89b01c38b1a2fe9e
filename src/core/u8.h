/*
 * u8.h — UTF-8 text: validity, characters, display columns, masking.
 *
 * All text in jiedai is UTF-8 char *.  Lengths shown to users and limits in
 * form files count characters (code points), never bytes.  Layout counts
 * columns through wcwidth(), so the process must run with a UTF-8 LC_CTYPE
 * (main() and the unit tests make sure of it).
 */
#ifndef JIEDAI_U8_H
#define JIEDAI_U8_H

#include <stddef.h>

struct strbuf;

/* 1 when s[0..n) is well-formed UTF-8 (no overlongs, surrogates or > U+10FFFF). */
int u8_valid(const char *s, size_t n);
/*
 * Decode one code point at *p and advance *p past it.  Returns the code
 * point, or -1 for a malformed sequence (then *p advances one byte).
 * Returns 0 at the terminating NUL without advancing.
 */
long u8_next(const char **p);
/* Encode cp into out (at least 4 bytes); returns the byte count. */
int u8_encode(long cp, char *out);
/* Number of code points in s (malformed bytes count one each). */
size_t u8_chars(const char *s);
/* Display columns of one code point: 0, 1 or 2 (controls count 1). */
int u8_cp_width(long cp);
/* Display columns of s. */
int u8_width(const char *s);
/* Columns of s counted with another width per character (a printer's). */
int u8_width_by(const char *s, int (*cp_width)(long cp));
/* Byte offset in s after the first n characters (or strlen(s)). */
size_t u8_offset(const char *s, size_t nchars);

/*
 * Append s to sb fitted to exactly cols columns: cut at a character boundary
 * (with "…" when ellipsis is set and something was cut) and padded with
 * spaces.  A wide character never straddles the edge.
 */
void u8_fit(struct strbuf *sb, const char *s, int cols, int ellipsis);
/* Like u8_fit() without padding: at most cols columns. */
void u8_cut(struct strbuf *sb, const char *s, int cols, int ellipsis);
/* u8_cut() without ellipsis, counting columns with cp_width. */
void u8_cut_by(struct strbuf *sb, const char *s, int cols, int (*cp_width)(long cp));
/* Pad on the left to cols columns (right-align). */
void u8_rjust(struct strbuf *sb, const char *s, int cols);

/*
 * Split s into lines of at most cols columns: at newlines, and where a line
 * is full (a wide character that does not fit moves to the next line).
 * Lines break as Chinese text does (避头尾): no line starts with closing
 * punctuation (，。、；：？！）」』” …) — the character before it comes down
 * with it — and none ends with an opening mark (（「『“ …), which goes down
 * to what it opens; only a line that would otherwise be empty breaks the rule.
 * Returns a NULL-terminated array; free with u8_lines_free().
 */
char **u8_wrap(const char *s, int cols);
/* u8_wrap() counting columns with cp_width (e.g. gb_cp_columns for a printer). */
char **u8_wrap_by(const char *s, int cols, int (*cp_width)(long cp));
/*
 * u8_wrap() for screen text that may be English: a run of ASCII letters,
 * digits and marks (a word, a date, a number) is not split unless it is
 * longer than a whole line, lines break at spaces or beside Chinese
 * characters, and the space at a break is dropped.
 */
char **u8_wrap_words(const char *s, int cols);
void u8_lines_free(char **lines);
/* 1 for punctuation that never starts a line (，。、；：？！）」』” and the like). */
int u8_no_line_start(long cp);
/* 1 for marks that never end a line (（「『“ and the like). */
int u8_no_line_end(long cp);
size_t u8_lines_count(char *const *lines);

/* 张三明 → 张*明, 张三 → 张*, 欧阳娜娜 → 欧**娜; one character is kept. */
char *u8_mask_name(const char *name);
/*
 * 13800138000 → 138****8000; other numbers keep their last four digits.
 * Full-width digits (１３８…) are read as digits (and come out as ASCII).
 */
char *u8_mask_phone(const char *phone);
/*
 * s with every run of at least min_digits digits starred, digit by digit:
 * ASCII or full-width digits, the run going on over a single space or dash
 * between groups (138 0013 8000, 0571-88001234, １３８００１３８０００).
 * A date written 2026-03-10 is kept.  Returns a new string.
 */
char *u8_mask_digits(const char *s, int min_digits);

/* 1 when s has a C0/C1 control or DEL; newlines allowed when allow_newline. */
int u8_has_control(const char *s, int allow_newline);
/* Copy s with controls and malformed bytes replaced by U+FFFD (newline kept if allowed). */
char *u8_sanitize(const char *s, int allow_newline);

/* Full-width ASCII forms (U+FF01..FF5E) and the ideographic space to ASCII. */
long u8_fold_cp(long cp);
/* Apply u8_fold_cp() to a whole string; returns a new string. */
char *u8_fold(const char *s);
/* 1 for CJK ideographs and the CJK punctuation blocks. */
int u8_is_cjk(long cp);
/* Strip leading and trailing ASCII and ideographic spaces; returns a new string. */
char *u8_trim(const char *s);

#endif
