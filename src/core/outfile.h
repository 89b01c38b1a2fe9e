/*
 * outfile.h — an output file that is written in full or not at all.
 *
 * Exports and registers go to a temporary file beside the target (same
 * directory, so the final rename is atomic) and take the target's name only
 * when everything was written and flushed: an export cut short by a full
 * disk or an error never looks like a complete one.  Without a path ("-" or
 * NULL) the output is standard output; formats that a library must write to
 * a named file (XLSX) then go through a temporary file that is copied to
 * standard output at the end.
 */
#ifndef JIEDAI_OUTFILE_H
#define JIEDAI_OUTFILE_H

#include <stdio.h>

struct outfile {
	FILE *f;		/* where to write (NULL with OUTFILE_NAMED) */
	char *path;		/* the target, or NULL for standard output */
	char *tmp;		/* the temporary file, or NULL when writing stdout directly */
	int to_stdout;
};

/* The writer needs a file name of its own (o->tmp) rather than a FILE. */
#define OUTFILE_NAMED 1

/* Open; 0, or -1 with a message (nothing is left behind). */
int outfile_open(struct outfile *o, const char *path, int flags);
/* Finish: flush, close and rename (or copy to stdout); 0, or -1 with a message. */
int outfile_commit(struct outfile *o);
/* Give up: close and remove the temporary file.  Safe after commit. */
void outfile_abort(struct outfile *o);

#endif
