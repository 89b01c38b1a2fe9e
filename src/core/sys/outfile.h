/*
 * outfile.h — an output file that is written in full or not at all.
 *
 * Exports, registers, reports and receipt files go where the user names
 * with -o PATH.  What happens depends on what is at PATH:
 *
 *  - nothing, or a regular file: the output goes to a temporary file beside
 *    the target (same directory, so the final rename is atomic) and takes the
 *    target's name only when everything was written, flushed and synced.  An
 *    output cut short by a full disk or an error never looks like a complete
 *    one, and a reader never sees half a file.  A file that was there keeps
 *    its mode, and its owner and group when the system lets us (root
 *    replacing a deputy's file gives it back to the deputy);
 *  - a character device (/dev/null, /dev/usb/lp0, a terminal) or a FIFO: it
 *    is written in place, never replaced.  Renaming over a device node would
 *    destroy it (as root, -o /dev/null would turn /dev/null into a file);
 *    devices and pipes are made to be written to, and there is nothing to
 *    truncate.  What was sent before an error cannot be taken back.  It is
 *    opened without waiting: a FIFO that no program reads is refused at
 *    once (it would otherwise hold the command for ever); one with a reader
 *    is then written as any pipe, at the reader's pace;
 *  - a symbolic link: followed only to a device or FIFO (so /dev/stdout and
 *    /dev/fd/N work).  A link to a regular file, or to nothing, is refused:
 *    jiedai never writes personal data through a link someone may have
 *    planted, and replacing the link by a file would surprise whoever made it;
 *  - a directory, block device or socket: refused with a message.  Writing an
 *    export over a disk is never what was meant.
 *
 * Without a path ("-" or NULL) the output is standard output.  Formats that
 * a library must write to a named file (XLSX) go through a temporary file
 * that is copied to standard output, the device or the FIFO at the end.
 *
 * Modes.  Outputs that hold voters' personal data (OUTFILE_PRIVATE: the
 * internal register, CSV/XLSX/JSONL exports, receipts) are created 0600,
 * whatever the umask, 000 included, and an existing file becomes 0600 too
 * (keeping its owner): names and phone numbers do not become readable by a
 * group or the world because a file of that name was.  Public outputs (the
 * public register, the day list, chase slips, Open311, the report) are meant
 * to be passed on: a new one gets the mode a shell's `>` would give (0666
 * less the umask), an existing one keeps its mode.  The temporary file is 0600 while it is written in
 * every case; the final mode is set just before the rename.
 */
#ifndef JIEDAI_OUTFILE_H
#define JIEDAI_OUTFILE_H

#include <stdio.h>
#include <sys/types.h>

struct outfile {
	FILE *f;		/* where to write (NULL with OUTFILE_NAMED) */
	char *path;		/* the target, or NULL for standard output */
	char *tmp;		/* the temporary file, or NULL when writing directly */
	int fd;			/* written in place: standard output, a device or FIFO; else -1 */
	int replace;		/* tmp is renamed over path at the end */
	mode_t mode;		/* the mode path gets when replaced */
	int keep_owner;		/* give the new file the old one's owner and group */
	uid_t uid;
	gid_t gid;
};

/* The writer needs a file name of its own (o->tmp) rather than a FILE. */
#define OUTFILE_NAMED 1
/* The output holds personal data: 0600, never readable by others (above). */
#define OUTFILE_PRIVATE 2

/* Open; 0, or -1 with a message (nothing is left behind). */
int outfile_open(struct outfile *o, const char *path, int flags);
/* Finish: flush, close and rename (or copy out); 0, or -1 with a message. */
int outfile_commit(struct outfile *o);
/* Give up: close and remove the temporary file.  Safe after commit. */
void outfile_abort(struct outfile *o);

/*
 * Flush standard output and say whether everything written to it so far got
 * out: 0, or -1 after a message ("cannot write to standard output: No space
 * left on device").  A write that failed earlier is caught too (stdio keeps
 * an error flag), though its reason is then lost.
 */
int outfile_stdout_flush(void);

#endif
