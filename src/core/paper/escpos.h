/*
 * escpos.h — a laid-out receipt as ESC/POS bytes for a thermal printer.
 *
 * Profiles: 58 mm printers have 384 dots (32 Font-A columns), 80 mm ones 576
 * dots (48 columns).  The receipt should be built with receipt_build() for
 * the profile's columns; lines that still come out wider on paper (glibc
 * counts “ ” … · as one column, the printer prints them full-width) are
 * wrapped again here, by printer columns, so nothing runs off the edge.
 *
 * What is sent, in order:
 *	ESC @				initialise
 *	per line: ESC a (0 left, 1 centre), ESC E (bold), GS ! and FS ! (double
 *	size for RS_BIG, only if the text still fits at double width),
 *	FS & <text> FS . around any line with Chinese (two-byte GB18030/GBK
 *	codes, see gb18030.h for characters the printer cannot print), LF
 *	rules: a line of '-' across the paper
 *	before the stub (RS_CUT): ESC d 4 and GS V 1 (partial cut) when cut is
 *	set, otherwise a dashed tear line "- - - …"
 *	the QR code: by default a `GS v 0` raster image as wide as the paper,
 *	the code centred in it with a 4-module quiet zone; or with qr_native
 *	the printer's own `GS ( k` (model 2, level M, store, print) centred,
 *	with a blank line above and below as its quiet zone
 *	ESC d 4				feed the last line past the tear bar
 *	GS V 1				partial cut, when cut is set
 *
 * Module size of the raster code: 6 dots (0.75 mm at 203 dpi) on 58 mm
 * paper, 8 dots (1 mm) on 80 mm; a version 3 code is then 28 or 37 mm wide
 * with its quiet zone, comfortably scanned by a phone.
 *
 * Printing over a terminal (VT100 media copy) ends at ESC [ 4 i or 9B 34 69
 * anywhere in the data.  The text here never contains them: ESC is only sent
 * as a command byte never followed by '[', and where a Chinese character's
 * second byte is 0x9B and '4' follows, FS . FS & (leave and re-enter Chinese
 * mode, which prints nothing) is put between.  The raster image cannot hold
 * ESC (00011011) or 0x9B (10011011) at all while modules are 3 dots or more:
 * every run of equal bits inside a byte is then at least 3 long.  Should a
 * profile ever use smaller modules, qr_shift moves the code sideways, which
 * changes every byte of the image, so a caller who checks the result with
 * printer_terminal_check() can render again with another shift (printjob.c
 * does).
 */
#ifndef JIEDAI_ESCPOS_H
#define JIEDAI_ESCPOS_H

struct receipt;
struct strbuf;

struct escpos_profile {
	const char *name;	/* "58mm", "80mm" */
	int dots;		/* printable width in dots */
	int cols;		/* Font A columns (12 dots each) */
	int qr_scale;		/* dots per QR module in the raster image */
};

/* The profile called name ("58mm" or "80mm"), or NULL. */
const struct escpos_profile *escpos_profile(const char *name);

struct escpos_options {
	const struct escpos_profile *profile;
	int qr_native;		/* GS ( k instead of the raster image */
	int cut;		/* GS V 1 at the end */
	int qr_shift;		/* move the raster code right by this many dots (0-7) */
};

/*
 * Append r as ESC/POS bytes to out.  Returns the number of characters that
 * were printed as markers because the printer cannot print them (0 on a
 * normal receipt); those characters are appended once each to bad (UTF-8)
 * when bad is not NULL, for the caller's warning.
 */
int escpos_render(const struct receipt *r, const struct escpos_options *o, struct strbuf *out,
		  struct strbuf *bad);

#endif
