/*
 * gb18030.h — text for Chinese receipt printers: UTF-8 to the two-byte
 * GB18030 codes their fonts hold (the GBK subset), and back.
 *
 * A thermal printer in Chinese mode (ESC/POS `FS &`) prints ASCII bytes as
 * half-width characters (12 dots in Font A, one column) and two-byte codes
 * 0x81-0xFE 0x40-0xFE as full-width characters (24 dots, two columns).  It
 * has no glyphs for four-byte GB18030 sequences (CJK extension B and later,
 * many rare characters, 生僻字; accented Latin letters outside GBK) and prints
 * garbage for them: the four bytes are read as two two-byte codes.
 *
 * Decision: such characters are never sent.  jiedai has no font to rasterise
 * them with, so each is printed as a visible marker of the same width — □
 * (GBK A1F5) for a wide character, ? for a narrow one — and reported to the
 * caller, who warns the person printing (the ticket itself keeps the real
 * character).  The same happens to characters iconv refuses, to private-use
 * code points (GBK's user-defined areas print differently on every model),
 * and to control characters, which would be printer commands.
 *
 * Conversion goes through glibc's iconv (GB18030); the converter is opened
 * once and kept for the life of the process.
 */
#ifndef JIEDAI_GB18030_H
#define JIEDAI_GB18030_H

#include <stddef.h>

struct strbuf;

#define GB_MARK_WIDE "\xa1\xf5"	/* □ in GBK */
#define GB_MARK_NARROW "?"

/*
 * Encode one code point for the printer into out (at least 2 bytes).
 * Returns the byte count (1 or 2); *replaced is set to 1 when a marker was
 * written instead of the character, 0 otherwise.  cp < 0 (a malformed
 * UTF-8 byte) gives the narrow marker.
 */
int gb_encode_cp(long cp, unsigned char *out, int *replaced);

/*
 * Encode UTF-8 text.  Appends the bytes to out and returns how many
 * characters were replaced by markers; each replaced character is appended
 * once (as UTF-8) to bad when bad is not NULL.
 */
int gb_encode(const char *utf8, struct strbuf *out, struct strbuf *bad);

/* Append cp to bad (UTF-8) unless it is there already; controls as U+FFFD. */
void gb_note_replaced(struct strbuf *bad, long cp);

/* Printer columns of one code point / of a UTF-8 string once encoded. */
int gb_cp_columns(long cp);
int gb_columns(const char *utf8);

/*
 * Decode GB18030 bytes (any length of sequence) to UTF-8, appended to out.
 * Returns 0, or -1 when the bytes are not valid GB18030 (nothing appended).
 */
int gb_decode(const char *gb, size_t n, struct strbuf *out);

#endif
