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
/*
 * Display columns of one code point: 0, 1 or 2.  A code point the rule
 * refuses counts 1, the width of the U+FFFD it is shown as.
 */
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
 * spaces.  A wide character never straddles the edge.  The result is one
 * line of clean text: newlines, controls and every other code point the rule
 * refuses come out as U+FFFD (the same holds for u8_cut(), u8_cut_by() and
 * u8_rjust()).
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
 * Other refused code points come out as U+FFFD.
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

/*
 * The masks of a voter.  Each is idempotent: a value masked already comes
 * back as it is (张*明, 138****8000, 青松**), so an output that masks what
 * the store masked for its reader still prints what everyone else's does.
 */
/* 张三明 → 张*明, 张三 → 张*, 欧阳娜娜 → 欧**娜; one character is kept. */
char *u8_mask_name(const char *name);
/* 青松村3组 → 青松**: the first two characters only. */
char *u8_mask_address(const char *address);
/*
 * 13800138000 → 138****8000; other numbers keep their last four digits.
 * Full-width digits (１３８…) are read as digits (and come out as ASCII);
 * a star counts as the digit it hides.
 */
char *u8_mask_phone(const char *phone);
/*
 * s with every run of at least min_digits digits starred, digit by digit:
 * ASCII or full-width digits, the run going on over a single space or dash
 * between groups (138 0013 8000, 0571-88001234, １３８００１３８０００).
 * A date written 2026-03-10 is kept.  Returns a new string.
 */
char *u8_mask_digits(const char *s, int min_digits);

/*
 * What text the ledger accepts.
 *
 * One rule for text from every source: typed into a form or given on the
 * command line (validate.h), read from an imported file (store-import.c),
 * taken from the environment (--as, JIEDAI_ACTOR; SSH_CONNECTION must be a
 * plain address, see validate_ssh_address()).  A value is refused, with the
 * character named by its U+XXXX, when it holds:
 *
 *   - bytes that are not well-formed UTF-8 (overlongs, surrogates, > U+10FFFF);
 *   - a C0 control U+0000–U+001F (ESC, BEL, tab, CR …), except a newline
 *     (U+000A) in a field that may hold several lines (a form's `multiline`
 *     kind: the issue, the answer), and DEL U+007F;
 *   - a C1 control U+0080–U+009F: U+009B is a one-byte CSI to many terminals;
 *   - a bidirectional control (U+061C, U+200E, U+200F, U+202A–U+202E,
 *     U+2066–U+2069), which reorders what a terminal prints after it;
 *   - an invisible format character: U+00AD soft hyphen, U+180E,
 *     U+200B–U+200D, U+2060–U+206F, U+FEFF, U+FFF9–U+FFFB, the Hangul fillers
 *     (U+115F, U+1160, U+3164, U+FFA0), U+1D173–U+1D17A and the tags
 *     U+E0000–U+E007F: they make two different values look the same;
 *   - the line and paragraph separators U+2028, U+2029 (line ends to some
 *     programs and to JavaScript, not to others);
 *   - a noncharacter: U+FDD0–U+FDEF and the last two code points of every
 *     plane (U+FFFE, U+FFFF, U+1FFFE …).
 *
 * Spaces of any kind (ASCII space, U+00A0, U+1680, U+2000–U+200A, U+202F,
 * U+205F, U+3000) are allowed inside a value, but u8_trim() removes them at
 * both ends, so a required value made only of spaces counts as empty.
 *
 * Accepted on purpose: private-use characters (U+E000–U+F8FF and planes 15
 * and 16).  Before GB 18030-2005 some rare name characters (生僻字) had no
 * code point of their own, and the fonts and input methods some stations
 * still use put them in the private-use area; refusing them would refuse
 * those voters' real names.  A private-use character cannot move the cursor
 * or change a terminal's state: at worst it shows as a box.  Variation
 * selectors (U+FE00–U+FE0F, U+E0100–U+E01EF), which pick the glyph of an
 * ideograph in a name, combining marks, and code points not yet assigned
 * (new CJK extensions) are accepted too.
 *
 * Output: text stored before this rule (an older jiedai, an older import)
 * may still hold anything, so whatever prints cleans: u8_sanitize(),
 * u8_add_clean(), u8_fit() and friends, strbuf_add_json()/strbuf_add_tsv()
 * and textout.h turn every refused code point and malformed byte into U+FFFD
 * (JSON escapes it as \uXXXX instead).
 */
enum u8_class {
	U8_OK,
	U8_MALFORMED,		/* not UTF-8 */
	U8_NEWLINE,		/* U+000A where only one line is allowed */
	U8_CONTROL,		/* C0 (but a permitted newline), DEL, C1 */
	U8_BIDI,
	U8_INVISIBLE,
	U8_SEPARATOR,		/* U+2028, U+2029 */
	U8_NONCHAR,
};

/* The class of cp under the rule; cp < 0 (a malformed byte) is U8_MALFORMED. */
enum u8_class u8_cp_class(long cp, int allow_newline);
/*
 * Check s against the rule.  Returns U8_OK, or the class of the first
 * refused character, with *cp set to it (-1 for a malformed byte) and *pos
 * to its place in s counted in characters from 1.  cp and pos may be NULL.
 */
enum u8_class u8_check(const char *s, int allow_newline, long *cp, size_t *pos);
/* 1 when s breaks the rule (newlines allowed when allow_newline). */
int u8_has_control(const char *s, int allow_newline);
/* 1 for a space of any kind (the list above, plus tab, CR and LF). */
int u8_is_space(long cp);
/* 1 when s is empty or made only of spaces of any kind. */
int u8_is_blank(const char *s);

/* What u8_add_clean() keeps as it is. */
#define U8_KEEP_NEWLINE 1
#define U8_KEEP_TAB 2
/*
 * Append s to sb with every code point the rule refuses, and every malformed
 * byte, replaced by U+FFFD; newlines and tabs stay when keep says so.
 */
void u8_add_clean(struct strbuf *sb, const char *s, int keep);
/* u8_add_clean() into a new string (newlines kept when allow_newline). */
char *u8_sanitize(const char *s, int allow_newline);

/* Full-width ASCII forms (U+FF01..FF5E) and the ideographic space to ASCII. */
long u8_fold_cp(long cp);
/* Apply u8_fold_cp() to a whole string; returns a new string. */
char *u8_fold(const char *s);
/* 1 for CJK ideographs and the CJK punctuation blocks. */
int u8_is_cjk(long cp);
/* Strip leading and trailing spaces of any kind (u8_is_space()); returns a new string. */
char *u8_trim(const char *s);

#endif
