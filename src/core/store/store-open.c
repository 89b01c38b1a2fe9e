/*
 * store-open.c — what a file is when it is opened as a ledger, and a ledger
 * that can be read but not written.
 *
 * A ledger is marked as jiedai's in its SQLite header (PRAGMA
 * application_id, set when it is created or upgraded, and at the first open
 * of one made before the mark); PRAGMA user_version is its schema.  An
 * empty file becomes a ledger only when jiedai init (or the per-user
 * default ledger, on first use) asks for it; any other file that is not a
 * ledger is refused and left exactly as it was.
 *
 * Reading needs no writing: on a read-only file system, a full disk, or a
 * file or directory the person may not write, SQLite cannot make the -shm
 * file that WAL mode reads through, so the ledger is opened again as an
 * immutable file (what the file holds; nothing can change it meanwhile).
 * That is exact when the -wal holds nothing; a -wal with changes not yet
 * written into the ledger cannot be read so, and is refused.  Writing then
 * says which of the three it is.
 */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "error.h"
#include "i18n.h"
#include "paths.h"
#include "store-internal.h"
#include "strbuf.h"
#include "xmalloc.h"

int store_identify(struct store *s, enum store_kind *kind, int *version)
{
	static const char sql[] =
		"SELECT (SELECT application_id FROM pragma_application_id),"
		" (SELECT user_version FROM pragma_user_version),"
		" (SELECT count(*) FROM sqlite_master),"
		" (SELECT count(*) FROM sqlite_master WHERE type = 'table'"
		"  AND name IN ('settings', 'tickets', 'events', 'counters'))";
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);
	int64_t app = 0, objects = 0, tables = 0;

	*kind = STORE_KIND_FOREIGN;
	*version = 0;
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			app = sqlite3_column_int64(st, 0);
			*version = sqlite3_column_int(st, 1);
			objects = sqlite3_column_int64(st, 2);
			tables = sqlite3_column_int64(st, 3);
			rc = SQLITE_OK;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK)
		return rc;
	if (app == STORE_APPLICATION_ID)
		*kind = STORE_KIND_LEDGER;
	else if (app == 0 && *version > 0 && tables == 4)
		*kind = STORE_KIND_UNMARKED;
	else if (app == 0 && *version == 0 && objects == 0)
		*kind = STORE_KIND_EMPTY;
	return SQLITE_OK;
}

int store_mark(struct store *s)
{
	char sql[64];
	int rc;

	snprintf(sql, sizeof(sql), "PRAGMA application_id = %d", STORE_APPLICATION_ID);
	rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? STORE_OK : store_fail(s, rc, "application_id");
}

/* Why the file at s->path cannot be written, after a result rc (with its errno, sys). */
static enum store_readonly why_unwritable(struct store *s, int base, int sys)
{
	char *dir = paths_dirname(s->path);
	enum store_readonly why = STORE_RO_NO;
	struct statvfs vfs;
	int have_vfs = statvfs(dir, &vfs) == 0;

	if (sys == EROFS || (have_vfs && (vfs.f_flag & ST_RDONLY)))
		why = STORE_RO_FS;
	else if (sys == ENOSPC || base == SQLITE_FULL || (have_vfs && vfs.f_bavail == 0))
		why = STORE_RO_FULL;
	/* As the program opens files: set-group-ID, with its effective group. */
	else if (faccessat(AT_FDCWD, dir, W_OK, AT_EACCESS) < 0 ||
		 faccessat(AT_FDCWD, s->path, W_OK, AT_EACCESS) < 0)
		why = STORE_RO_PERM;
	free(dir);
	return why;
}

enum store_readonly store_unwritable(struct store *s, int rc)
{
	char *wal = xasprintf("%s-wal", s->path);
	int base = rc & 0xff, sys = s->db ? sqlite3_system_errno(s->db) : 0;
	enum store_readonly why = STORE_RO_NO;
	struct stat sb;

	if (base != SQLITE_CANTOPEN && base != SQLITE_IOERR && base != SQLITE_READONLY &&
	    base != SQLITE_FULL && base != SQLITE_PERM)
		goto out;
	why = why_unwritable(s, base, sys);
	/* Changes still in the -wal cannot be read without its -shm. */
	if (why && stat(wal, &sb) == 0 && sb.st_size > 0) {
		s->wal_pending = 1;
		why = STORE_RO_NO;
	}
	if (why)
		s->readonly = why;
out:
	free(wal);
	return why;
}

void store_note_readonly(struct store *s)
{
	if (s->readonly || !s->db || sqlite3_db_readonly(s->db, "main") != 1)
		return;
	s->readonly = why_unwritable(s, SQLITE_READONLY, 0);
	if (!s->readonly)
		s->readonly = STORE_RO_PERM;
}

char *store_immutable_uri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	struct strbuf sb = STRBUF_INIT;

	strbuf_adds(&sb, "file:");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    strchr("/-._~", *p)) {
			strbuf_addch(&sb, (char)*p);
		} else {
			strbuf_addch(&sb, '%');
			strbuf_addch(&sb, hex[*p >> 4]);
			strbuf_addch(&sb, hex[*p & 15]);
		}
	}
	strbuf_adds(&sb, "?immutable=1");
	return strbuf_detach(&sb);
}

int store_readonly_error(struct store *s)
{
	switch (s->readonly) {
	case STORE_RO_FS:
		error(_("the ledger '%s' is on a file system mounted read-only: it can be read, but nothing can be saved. "
			"Ask the administrator to mount it for writing"), s->path);
		break;
	case STORE_RO_FULL:
		error(_("the disk holding the ledger '%s' is full: it can be read, but nothing can be saved. "
			"Free some space and try again"), s->path);
		break;
	case STORE_RO_PERM:
		error(_("you may read the ledger '%s' but not write it (the file or its directory is not writable for you); "
			"ask the administrator to check its permissions"), s->path);
		break;
	default:
		error(_("the ledger '%s' was opened only for reading; nothing can be saved"), s->path);
		break;
	}
	return STORE_IO;
}

int store_damaged_error(struct store *s)
{
	const char *why = s->db ? sqlite3_errmsg(s->db) : "";

	s->damaged = 1;
	/* `jiedai check` says what is damaged itself: no message sending it to itself. */
	if (s->checking == STORE_CHECKING_OPEN) {
		error(_("the ledger '%s' is damaged where it begins (SQLite says: %s), so it cannot even be opened to be "
			"checked. Try to recover what can still be read into a new ledger: jiedai --db NEW.db recover %s; "
			"if that cannot read it either, restore the latest good backup (README: Backups and checks)"),
		      s->path, why, s->path);
		return STORE_IO;
	}
	if (s->checking)
		return STORE_IO;
	/* What to do first: the screen shows one line. */
	if (s->in_tx)
		error(_("the ledger is damaged, and nothing was saved: run 'jiedai check' to see what is damaged and "
			"how to recover what can still be read, or restore the latest good backup (README: Backups and "
			"checks). SQLite says of '%s': %s"),
		      s->path, why);
	else
		error(_("the ledger is damaged: run 'jiedai check' to see what is damaged and how to recover what can "
			"still be read, or restore the latest good backup (README: Backups and checks). SQLite says of "
			"'%s': %s"), s->path, why);
	return STORE_IO;
}
