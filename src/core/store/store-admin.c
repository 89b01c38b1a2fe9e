/*
 * store-admin.c — backups and checks of the ledger database.
 *
 * A backup is SQLite's online backup API copying every page in one step:
 * that step reads one consistent snapshot, and in WAL mode writers carry on
 * meanwhile, so deputies keep saving while the backup runs.
 */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chain.h"
#include "error.h"
#include "i18n.h"
#include "store-internal.h"
#include "strbuf.h"
#include "xmalloc.h"

int store_backup(struct store *s, const char *dest, int64_t *tickets)
{
	sqlite3 *d = NULL;
	sqlite3_backup *b;
	sqlite3_stmt *st = NULL;
	struct stat sb;
	int64_t copied = -1, now = -1;
	char *tmp, *dir;
	int fd, rc, r = STORE_IO;

	/*
	 * The copy is made under a temporary name beside dest (DEST.partial-XXXXXX,
	 * private: it holds voters' personal data) and takes dest's name only once
	 * checked, so a backup that is killed or fails never leaves a file at dest
	 * that could be taken for a backup.
	 */
	if (lstat(dest, &sb) == 0) {
		error(_("'%s' already exists; choose a new file name for the backup"), dest);
		return STORE_REFUSED;
	}
	tmp = xasprintf("%s.partial-XXXXXX", dest);
	fd = mkstemp(tmp);
	if (fd < 0) {
		error_errno(_("cannot create the backup '%s'"), dest);
		free(tmp);
		return STORE_REFUSED;
	}
	close(fd);
	rc = sqlite3_open_v2(tmp, &d, SQLITE_OPEN_READWRITE, NULL);
	if (rc != SQLITE_OK) {
		error(_("cannot open the backup '%s': %s"), tmp, sqlite3_errmsg(d));
		goto out;
	}
	b = sqlite3_backup_init(d, "main", s->db, "main");
	if (!b) {
		error(_("cannot start the backup: %s"), sqlite3_errmsg(d));
		goto out;
	}
	do {
		rc = sqlite3_backup_step(b, -1);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(50);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		error(_("the backup failed: %s"), sqlite3_errstr(rc));
		goto out;
	}
	/* The copy must be a complete, sound ledger... */
	if (sqlite3_exec(d, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(d, "PRAGMA quick_check", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW || strcmp((const char *)sqlite3_column_text(st, 0), "ok")) {
		error(_("the backup '%s' did not check out; nothing was written"), dest);
		goto out;
	}
	sqlite3_finalize(st);
	st = NULL;
	/* ...holding no more tickets than the ledger has now (tickets are never deleted). */
	if (sqlite3_prepare_v2(d, "SELECT count(*) FROM tickets", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		copied = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (sqlite3_prepare_v2(s->db, "SELECT count(*) FROM tickets", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		now = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (copied < 0 || now < 0 || copied > now) {
		error(_("the backup '%s' did not check out (tickets: %lld in the copy, %lld in the ledger); nothing was written"),
		      dest, (long long)copied, (long long)now);
		goto out;
	}
	rc = sqlite3_close(d);
	d = NULL;
	fd = open(tmp, O_RDONLY | O_CLOEXEC);
	if (rc != SQLITE_OK || fd < 0 || fsync(fd) < 0) {
		error_errno(_("cannot write the backup '%s'"), dest);
		if (fd >= 0)
			close(fd);
		goto out;
	}
	close(fd);
	/* Take dest's name only if nobody took it meanwhile; rename where links are not allowed (FAT). */
	if (link(tmp, dest) == 0) {
		unlink(tmp);
	} else if (errno == EEXIST || lstat(dest, &sb) == 0) {
		error(_("'%s' already exists; choose a new file name for the backup"), dest);
		r = STORE_REFUSED;
		goto out;
	} else if (rename(tmp, dest) != 0) {
		error_errno(_("cannot write the backup '%s'"), dest);
		goto out;
	}
	/* The new name must survive a power cut too. */
	dir = strrchr(dest, '/') ? xstrndup(dest, (size_t)(strrchr(dest, '/') - dest) + 1) : xstrdup(".");
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
	if (tickets)
		*tickets = copied;
	r = STORE_OK;
out:
	sqlite3_finalize(st);
	sqlite3_close(d);
	if (r != STORE_OK)
		unlink(tmp);
	free(tmp);
	return r;
}

/* Run a query whose rows are problems; each row's columns go into one report line. */
static int problems(struct store *s, const char *sql, const char *what, struct strbuf *report)
{
	sqlite3_stmt *st = NULL;
	int n = 0, rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK) {
		strbuf_addf(report, "%s: %s\n", what, sqlite3_errmsg(s->db));
		return 1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const unsigned char *first = sqlite3_column_text(st, 0);

		if (first && !strcmp((const char *)first, "ok") && sqlite3_column_count(st) == 1)
			continue;
		strbuf_addf(report, "%s:", what);
		for (int i = 0; i < sqlite3_column_count(st); i++)
			strbuf_addf(report, " %s", sqlite3_column_text(st, i) ?
				    (const char *)sqlite3_column_text(st, i) : "NULL");
		strbuf_addch(report, '\n');
		n++;
	}
	/* A check that could not run to its end found nothing: it is a problem itself. */
	if (rc != SQLITE_DONE) {
		strbuf_addf(report, "%s: %s\n", what, sqlite3_errmsg(s->db));
		n++;
	}
	sqlite3_finalize(st);
	return n;
}

/* The file is damaged: what is, and what can still be read, instead of the history's checks. */
static int damaged(struct store *s, struct check_result *res, struct strbuf *report, int problems)
{
	struct strbuf what = STRBUF_INIT;
	int r;

	res->damaged = 1;
	res->problems = problems ? problems : 1;
	r = store_damage(s, &what, &res->damage);
	if (what.len) {
		strbuf_addf(report, "%s\n", _("What is damaged:"));
		strbuf_add(report, what.buf, what.len);
	}
	strbuf_release(&what);
	s->checking = 0;
	return r;
}

int store_check(struct store *s, const char *anchor, struct check_result *res, struct strbuf *report)
{
	unsigned char prefix[CHAIN_ANCHOR_BYTES], head[CHAIN_HASH_LEN];
	int n = 0, k;

	memset(res, 0, sizeof(*res));
	if (anchor) {
		if (chain_anchor_parse(anchor, prefix) < 0) {
			error(_("'%s' is not a ledger check code; it looks like 3F9A-C21E-77B0"), anchor);
			return STORE_REFUSED;
		}
		res->anchor_given = 1;
	}
	/* A damaged page met on the way is this check's finding, not a reason to stop (store_damaged_error). */
	s->checking = 1;
	/*
	 * Every part says how far it got (store_progress): the ones that are a
	 * single statement, of unknown length, as time passes (store_phase_*).
	 */
	store_phase_begin(s, _("Checking the database file"));
	k = problems(s, "PRAGMA integrity_check", _("database"), report);
	store_phase_end(s);
	/* SQLite says the file is damaged: the checks below would only meet the damage. */
	if (k || s->damaged)
		return damaged(s, res, report, k);
	store_phase_begin(s, _("Checking the references between records"));
	n += problems(s, "PRAGMA foreign_key_check", _("references"), report);
	store_phase_end(s);
	/* Numbers are gapless: for each station and year, as many tickets as the highest number. */
	store_phase_begin(s, _("Checking the numbers given out"));
	n += problems(s,
		      "SELECT station, year, count(*), max(seq) FROM tickets GROUP BY station, year"
		      " HAVING count(*) <> max(seq) OR min(seq) <> 1",
		      _("numbering has gaps (station, year, tickets, highest)"), report);
	store_phase_end(s);
	if (s->damaged)
		return damaged(s, res, report, n);
	if (s->version >= 3) {
		if ((k = store_check_chain(s, anchor ? prefix : NULL, &res->anchor_event, report)) < 0)
			return s->damaged ? damaged(s, res, report, n) : (s->checking = 0, STORE_IO);
		n += k;
		if ((k = store_check_tickets(s, 0, report)) < 0)
			return s->damaged ? damaged(s, res, report, n) : (s->checking = 0, STORE_IO);
		n += k;
		store_phase_begin(s, _("Checking reception days, settings and logins"));
		k = store_check_records(s, report);
		store_phase_end(s);
		if (k < 0)
			return s->damaged ? damaged(s, res, report, n) : (s->checking = 0, STORE_IO);
		n += k;
		if (store_chain_head(s, &res->events, head) != STORE_OK)
			return s->damaged ? damaged(s, res, report, n) : (s->checking = 0, STORE_IO);
		chain_anchor(head, res->anchor);
	}
	s->checking = 0;
	if (s->version >= 2 && !s->readonly)
		store_phase_begin(s, _("Checking the search index"));
	n += store_check_extra(s, report);
	store_phase_end(s);
	res->anchor_found = res->anchor_event > 0;
	res->problems = n;
	return STORE_OK;
}

/*
 * The search index's own check (FTS5 'integrity-check'): it compares the
 * index with the tickets it was built from.  It needs a write transaction
 * (the check is an INSERT command that changes nothing); a ledger opened
 * before the index existed has none to check.
 */
int store_check_extra(struct store *s, struct strbuf *report)
{
	/* rank = 1: compare with the tickets too, not only the index with itself. */
	static const char sql[] = "INSERT INTO tickets_fts(tickets_fts, rank) VALUES('integrity-check', 1)";
	int rc, r;

	if (s->version < 2)
		return 0;
	if (s->readonly) {
		warning(_("the search index was not checked: its check needs to write, and the ledger '%s' can only be read here"),
			s->path);
		return 0;
	}
	r = store_begin(s);
	if (r != STORE_OK) {
		strbuf_addf(report, "%s\n", _("the search index could not be checked (the ledger is busy)"));
		return 1;
	}
	rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		strbuf_addf(report, _("search index: %s; rebuild it as README says\n"), sqlite3_errmsg(s->db));
	store_rollback(s);
	return rc != SQLITE_OK;
}
