/*
 * progress.h — a progress bar on stderr for long work (export, import,
 * index builds).
 *
 *	struct progress *p = progress_start(_("Exporting"), total);
 *	for (...) progress_update(p, ++done);
 *	progress_stop(p);
 *
 * The bar is drawn only when stderr is a terminal; otherwise progress_start()
 * returns NULL and every call does nothing, so scripts, pipes and logs get no
 * stray carriage returns.  It redraws at most once per percent (or once per
 * 1000 units when the total is unknown), so it costs nothing in a tight loop.
 * It is plain ASCII ([####....]): some Chinese SSH clients draw block
 * characters two columns wide, which would break a bar redrawn with CR.
 * No curses: the screen never calls this.
 */
#ifndef JIEDAI_PROGRESS_H
#define JIEDAI_PROGRESS_H

#include <stddef.h>
#include <stdint.h>

struct progress;

/*
 * Start a bar titled title (copied) for total units (0: unknown).  Returns
 * NULL when stderr is not a terminal; all functions accept NULL.
 */
struct progress *progress_start(const char *title, uint64_t total);
/* Work done so far (units). */
void progress_update(struct progress *p, uint64_t done);
/* Draw the final state, end the line and free p. */
void progress_stop(struct progress *p);

/* Lay out one line of the bar into buf (for tests; cols = terminal width). */
void progress_format(char *buf, size_t size, const char *title, uint64_t done, uint64_t total,
		     int cols);

#endif
