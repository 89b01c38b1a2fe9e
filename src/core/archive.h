/*
 * archive.h — the year's archive (资料归档): one folder a records office
 * can file, with every paper of the year and the ledger itself, and an
 * index that proves later the folder is what was written.
 *
 * archive_write() puts into a new (or empty) folder, for year Y:
 *
 *   登记簿/Y-MM-公示.xlsx, 登记簿/Y-MM-内部.xlsx
 *         every month's public and internal register (register.h), from
 *         January to December, or to this month in the year still running;
 *   当日接待登记表/Y-MM-DD.xlsx
 *         the day's list of every reception day of the station (daysheet.h);
 *   督办单/Y-MM-DD-HHMM-UNIT.xlsx
 *         every chase slip made in the year, made again from its 督办 events
 *         (chase_history() in chase.h);
 *   统计-Y.txt             the year's statistics (report.h), as text;
 *   代表履职登记-Y.xlsx     the deputies' duty records, a sheet each (dutysheet.h);
 *   台账-截至DATE.jsonl     the whole ledger as JSON Lines (export.h): lossless,
 *                          and `jiedai import` reads it back;
 *   index.xlsx, index.txt  every file with its size and SHA-256, and the
 *                          ledger's check code (台账校验码) the papers were made at.
 *
 * (The names are those of the Chinese messages; English ones in English.)
 * Every paper is made by the writer the command line uses for it: nothing
 * here lays out a paper of its own.  All are read in one snapshot of the
 * ledger (store_snapshot_begin()), so they agree with each other and with
 * the check code in the index, while others keep saving.
 *
 * Why the whole ledger and not the year's tickets alone: a year cut out of
 * a ledger is not lossless (a voter known from an earlier year, a day's
 * paper records numbered in the next year, histories that go on past New
 * Year), and `jiedai import` rightly refuses what does not add up.  The
 * whole ledger as it stood holds the year in full.
 *
 * Personal data: the internal registers and the JSON Lines name voters in
 * full, so they are 0600 and the folder and its subfolders 0700 (whatever
 * the umask); the other files are made as a shell's `>` would make them.
 * Making an archive is a take, like an export (ledger.h: staff and head),
 * recorded through the gate as one event (STEP_ARCHIVE) before anything is
 * written; nothing else in the ledger changes.  A folder that holds
 * anything is refused: an archive never writes over a file.  If writing
 * fails half-way, what was written is removed again.
 *
 * index.txt starts with lines beginning "#" (the station, the year, when
 * and by whom, the check code), then one line per file, "SHA-256, two
 * spaces, the path" — the form `sha256sum -c` reads too.  It lists
 * index.xlsx as well; only itself it cannot list.
 */
#ifndef JIEDAI_ARCHIVE_H
#define JIEDAI_ARCHIVE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

struct identity;
struct store;
struct strbuf;

struct archive_file {
	char *path;		/* in the folder, with "/" between folder and file */
	char *what;		/* for people: "2026-03 公示登记簿" */
	int personal;		/* names voters in full: 0600 */
	off_t size;
	char sha256[65];	/* lower-case hex */
};

struct archive_result {
	char *dir;		/* the folder, as an absolute path */
	int year;
	char anchor[15];	/* the ledger's check code the papers were made at */
	int64_t events;		/* records in the ledger's history then */
	struct archive_file *files;
	size_t n;
	char index_sha256[65];	/* of index.txt */
};
void archive_result_release(struct archive_result *r);

struct archive_opts {
	int year;
	const char *dir;
	/* Called before each file is written (done of total so far); may be NULL. */
	void (*progress)(void *arg, size_t done, size_t total, const char *path);
	void *arg;
};

/*
 * Write the archive of o->year into o->dir as who.  STORE_OK with *res
 * filled (release it); STORE_REFUSED with a message (who may not, a year
 * to come or with nothing in it, a folder that holds files or cannot be
 * made); STORE_IO (a file that could not be written; nothing is left).
 */
int archive_write(struct store *s, const struct identity *who, const struct archive_opts *o,
		  struct archive_result *res);

/*
 * Check the folder dir against its index.txt: every file listed is there,
 * a plain file, with its SHA-256; nothing else is there (an extra file is
 * named as one, and left where it is).  Each problem is one line appended
 * to problems, naming the file.  Returns the number of problems (0: the
 * folder is as written), or -1 with a message when there is no index to
 * check against.  *nfiles gets the files listed, index_sha256 the SHA-256
 * of index.txt, head (may be NULL) the index's "#" lines.
 */
int archive_verify(const char *dir, struct strbuf *problems, size_t *nfiles, char index_sha256[65],
		   struct strbuf *head);

#endif
