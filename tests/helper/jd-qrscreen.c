/*
 * jd-qrscreen — turn a QR code drawn with half blocks on a captured screen
 * (tmux capture-pane -p) back into an image that zbarimg can read.
 *
 *   jd-qrscreen < capture.txt > qr.pbm
 *
 * Each text row holds two module rows: █ both dark, ▀ top dark, ▄ bottom
 * dark, anything else light.  Columns are display columns (a Chinese
 * character beside the code takes two).  The code is found as the bounding
 * box of the block characters; the image gets a 4-module quiet zone and 8
 * pixels per module, since one pixel per module does not decode.
 * Exits 1 when no block characters are found.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "u8.h"

#define MAXR 200
#define MAXC 400
#define SCALE 8
#define QUIET 4

static unsigned char cell[MAXR][MAXC];	/* bit 1: top dark, bit 2: bottom dark, 4: a block char */

int main(void)
{
	char line[8192];
	int rows = 0, r0 = MAXR, r1 = -1, c0 = MAXC, c1 = -1;

	setlocale(LC_ALL, "C.UTF-8");
	while (rows < MAXR && fgets(line, sizeof(line), stdin)) {
		const char *p = line;
		int col = 0;
		long cp;

		while ((cp = u8_next(&p)) != 0 && cp != '\n' && col < MAXC) {
			int w = u8_cp_width(cp);
			unsigned char v = 0;

			if (cp == 0x2588)
				v = 1 | 2 | 4;
			else if (cp == 0x2580)
				v = 1 | 4;
			else if (cp == 0x2584)
				v = 2 | 4;
			cell[rows][col] = v;
			if (v) {
				if (rows < r0) r0 = rows;
				if (rows > r1) r1 = rows;
				if (col < c0) c0 = col;
				if (col > c1) c1 = col;
			}
			col += w > 0 ? w : 1;
		}
		rows++;
	}
	if (r1 < 0)
		return 1;
	{
		int mw = c1 - c0 + 1, mh = 2 * (r1 - r0 + 1);
		int W = (mw + 2 * QUIET) * SCALE, H = (mh + 2 * QUIET) * SCALE;

		printf("P1\n%d %d\n", W, H);
		for (int y = 0; y < H; y++) {
			int my = y / SCALE - QUIET;

			for (int x = 0; x < W; x++) {
				int mx = x / SCALE - QUIET, dark = 0;

				if (my >= 0 && my < mh && mx >= 0 && mx < mw) {
					unsigned char v = cell[r0 + my / 2][c0 + mx];

					dark = (my % 2 == 0) ? (v & 1) : (v & 2) >> 1;
				}
				putchar(dark ? '1' : '0');
				putchar(x + 1 < W ? ' ' : '\n');
			}
		}
	}
	return 0;
}
