/* archive.c — see archive.h. */
#include "archive.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "chase.h"
#include "clock.h"
#include "daysheet.h"
#include "duty.h"
#include "dutysheet.h"
#include "error.h"
#include "export.h"
#include "i18n.h"
#include "identity.h"
#include "ledger.h"
#include "outfile.h"
#include "paper.h"
#include "register.h"
#include "report.h"
#include "sheet.h"
#include "store.h"
#include "strbuf.h"
#include "u8.h"
#include "xmalloc.h"

/* The first line of index.txt, for programs: the format and what the index is of. */
#define INDEX_MAGIC "# jiedai-archive 1"
#define INDEX_TXT "index.txt"
#define INDEX_XLSX "index.xlsx"

void archive_result_release(struct archive_result *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++) {
		free(r->files[i].path);
		free(r->files[i].what);
	}
	free(r->files);
	free(r->dir);
	memset(r, 0, sizeof(*r));
}

/* ---- files and their digests ---- */

static void hex(const uint8_t *d, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15];
	}
	out[2 * n] = '\0';
}

/* The SHA-256 (hex) and size of a plain file; 0, or -1 with errno set. */
static int file_sha256(const char *path, char out[65], off_t *size)
{
	struct sha256_ctx c;
	uint8_t buf[65536], digest[SHA256_DIGEST_SIZE];
	ssize_t n;
	off_t total = 0;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);

	if (fd < 0)
		return -1;
	sha256_init(&c);
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		sha256_update(&c, (size_t)n, buf);
		total += n;
	}
	if (n < 0) {
		int e = errno;

		close(fd);
		errno = e;
		return -1;
	}
	close(fd);
	sha256_digest(&c, SHA256_DIGEST_SIZE, digest);
	hex(digest, SHA256_DIGEST_SIZE, out);
	if (size)
		*size = total;
	return 0;
}

/* ---- writing ---- */

struct job {
	struct store *s;
	const struct identity *who;
	const struct archive_opts *o;
	struct archive_result *res;
	char *dir;		/* absolute */
	int made_dir;
	char **subdirs;		/* made here, absolute, in the order made */
	size_t nsub;
	size_t total, done;
	char *station_name, *station_code;
	char stamp[CLOCK_STAMP_LEN];
};

/*
 * A name that is safe as a file name on any disk a records office may copy
 * the folder to: no separators, nothing Windows refuses, no leading dot, no
 * spaces, at most max characters.
 */
static char *safe_name(const char *s, size_t max)
{
	char *clean = u8_sanitize(s, 0);
	struct strbuf sb = STRBUF_INIT;
	size_t chars = 0;

	for (const char *p = clean; *p && chars < max; chars++) {
		size_t len = u8_offset(p, 1);

		if (!len)
			break;
		if (len == 1 && (strchr("/\\:*?\"<>|", *p) || *p == ' ' || (*p == '.' && !sb.len)))
			strbuf_addch(&sb, '_');
		else
			strbuf_add(&sb, p, len);
		p += len;
	}
	free(clean);
	if (!sb.len)
		strbuf_addch(&sb, '_');
	return strbuf_detach(&sb);
}

static int listed(const struct archive_result *res, const char *path)
{
	for (size_t i = 0; i < res->n; i++)
		if (!strcmp(res->files[i].path, path))
			return 1;
	return 0;
}

/* The subfolder of rel ("登记簿" of "登记簿/2026-03-公示.xlsx"), made 0700 when new. */
static int ensure_subdir(struct job *j, const char *rel)
{
	const char *slash = strrchr(rel, '/');
	char *abs;
	struct stat st;

	if (!slash)
		return 0;
	abs = xasprintf("%s/%.*s", j->dir, (int)(slash - rel), rel);
	if (lstat(abs, &st) == 0 && S_ISDIR(st.st_mode)) {
		free(abs);
		return 0;
	}
	if (mkdir(abs, 0700) < 0) {
		error_errno(_("cannot make the folder '%s'"), abs);
		free(abs);
		return -1;
	}
	j->subdirs = xreallocarray(j->subdirs, j->nsub + 1, sizeof(*j->subdirs));
	j->subdirs[j->nsub++] = abs;
	return 0;
}

/*
 * Take a name for the next file (made unique with "-2" … before its
 * extension), make its folder, say so to the progress routine.  Returns the
 * new entry, its absolute path in *abs (caller frees); NULL after a message.
 */
static struct archive_file *add_file(struct job *j, const char *rel, const char *what, int personal, char **abs)
{
	struct archive_result *res = j->res;
	struct archive_file *f;
	char *name = xstrdup(rel);

	for (int k = 2; listed(res, name) || !strcmp(name, INDEX_TXT); k++) {
		const char *dot = strrchr(rel, '.');
		size_t stem = dot && !strchr(dot, '/') ? (size_t)(dot - rel) : strlen(rel);

		free(name);
		name = xasprintf("%.*s-%d%s", (int)stem, rel, k, rel + stem);
	}
	if (ensure_subdir(j, name) < 0) {
		free(name);
		return NULL;
	}
	if (j->o->progress)
		j->o->progress(j->o->arg, j->done, j->total, name);
	j->done++;
	res->files = xreallocarray(res->files, res->n + 1, sizeof(*res->files));
	f = &res->files[res->n++];
	memset(f, 0, sizeof(*f));
	f->path = name;
	f->what = xstrdup(what);
	f->personal = personal;
	*abs = xasprintf("%s/%s", j->dir, name);
	return f;
}

/* After a file is committed: its size and digest. */
static int seal_file(struct archive_file *f, const char *abs)
{
	if (file_sha256(abs, f->sha256, &f->size) < 0)
		return error_errno(_("cannot read '%s' back"), abs);
	return 0;
}

/* Open abs for a writer; the outfile flags from the file's kind. */
static int open_out(struct outfile *out, const char *abs, int xlsx, int personal)
{
	return outfile_open(out, abs, (xlsx ? OUTFILE_NAMED : 0) | (personal ? OUTFILE_PRIVATE : 0));
}

/* Commit out when ok, else abort it; then seal.  STORE_OK or STORE_IO. */
static int close_out(struct outfile *out, int ok, struct archive_file *f, const char *abs)
{
	if (!ok) {
		outfile_abort(out);
		return STORE_IO;
	}
	if (outfile_commit(out) < 0 || seal_file(f, abs) < 0)
		return STORE_IO;
	return STORE_OK;
}

static int write_register(struct job *j, const char *month, int internal)
{
	char from[CLOCK_DATE_LEN], to[CLOCK_DATE_LEN], anchor[15] = "";
	struct register_writer w;
	struct archive_file *f;
	struct outfile out;
	char *rel, *what, *abs = NULL;
	int r = STORE_OK;

	clock_month_range(month, from, to);
	rel = xasprintf(internal ? C_("archive", "registers/%s-internal.xlsx") : C_("archive", "registers/%s-public.xlsx"),
			month);
	what = xasprintf(internal ? _("%s register of voters received (internal)")
				  : _("%s register of voters received (public)"), month);
	f = add_file(j, rel, what, internal, &abs);
	free(rel);
	free(what);
	if (!f)
		return STORE_IO;
	if (open_out(&out, abs, 1, internal) < 0) {
		free(abs);
		return STORE_IO;
	}
	if (register_writer_open(&w, REGISTER_XLSX, &out, j->station_name, from, to, internal, 80) < 0)
		r = STORE_IO;
	else
		r = store_register_list(j->s, from, to, internal, NULL, register_writer_row, &w);
	if (r == STORE_OK)
		r = store_anchor(j->s, anchor);
	if (register_writer_close(&w, anchor, r == STORE_OK) < 0 && r == STORE_OK)
		r = STORE_IO;
	r = close_out(&out, r == STORE_OK, f, abs) == STORE_OK ? r : STORE_IO;
	free(abs);
	return r;
}

/* A paper (day list, chase slip) as XLSX under rel. */
static int write_paper(struct job *j, const struct paper *p, const char *rel, const char *what)
{
	struct archive_file *f;
	struct outfile out;
	char *abs = NULL;
	int r;

	f = add_file(j, rel, what, 0, &abs);
	if (!f)
		return STORE_IO;
	if (open_out(&out, abs, 1, 0) < 0) {
		free(abs);
		return STORE_IO;
	}
	r = close_out(&out, paper_write(p, PAPER_XLSX, &out, C_("sheet", "Sheet")) == 0, f, abs);
	free(abs);
	return r;
}

static int write_day(struct job *j, const char *date)
{
	struct paper p;
	char *rel, *what;
	int r = daysheet_build(j->s, date, &p);

	if (r != STORE_OK)
		return r;
	rel = xasprintf(C_("archive", "day-lists/%s.xlsx"), date);
	what = xasprintf(_("%s register of the reception day (当日接待登记表)"), date);
	r = write_paper(j, &p, rel, what);
	free(rel);
	free(what);
	paper_release(&p);
	return r;
}

static int count_slip(const struct chase *c, const char *at, const char *actor, void *arg)
{
	(void)c;
	(void)at;
	(void)actor;
	(*(size_t *)arg)++;
	return 0;
}

static int write_slip(const struct chase *c, const char *at, const char *actor, void *arg)
{
	struct job *j = arg;
	char *unit = safe_name(c->unit, 30), *rel, *what;
	int r;

	(void)actor;
	/* "2026-03-25 14:30:05" → "2026-03-25-1430". */
	rel = xasprintf(C_("archive", "chase-slips/%.10s-%.2s%.2s-%s.xlsx"), at, at + 11, at + 14, unit);
	what = xasprintf(_("chase slip (督办单) of %s, %.16s"), c->unit, at);
	r = write_paper(j, &c->paper, rel, what);
	free(unit);
	free(rel);
	free(what);
	return r == STORE_OK ? 0 : -1;
}

static int write_report(struct job *j, const char *from, const char *to)
{
	struct archive_file *f;
	struct outfile out;
	struct report rep;
	char *rel, *what, *abs = NULL;
	int r;

	r = store_report_load(j->s, from, to, NULL, &rep);
	if (r != STORE_OK) {
		report_release(&rep);
		return r;
	}
	rel = xasprintf(C_("archive", "statistics-%d.txt"), j->o->year);
	what = xasprintf(_("the statistics of %d"), j->o->year);
	f = add_file(j, rel, what, 0, &abs);
	free(rel);
	free(what);
	if (f && open_out(&out, abs, 0, 0) == 0) {
		int ok = report_write(&rep, "text", 80, out.f) == 0;

		if (!ok)
			error_errno(_("cannot write '%s'"), abs);
		r = close_out(&out, ok, f, abs);
	} else {
		r = STORE_IO;
	}
	report_release(&rep);
	free(abs);
	return r;
}

static int write_duty(struct job *j, const char *from, const char *to)
{
	struct archive_file *f;
	struct outfile out;
	struct duty d;
	char *rel, *what, *abs = NULL;
	int r;

	r = store_duty_load(j->s, from, to, NULL, &d);
	if (r != STORE_OK) {
		duty_release(&d);
		return r;
	}
	rel = xasprintf(C_("archive", "duty-records-%d.xlsx"), j->o->year);
	what = xasprintf(_("the deputies' duty records of %d"), j->o->year);
	f = add_file(j, rel, what, 0, &abs);
	free(rel);
	free(what);
	if (f && open_out(&out, abs, 1, 0) == 0)
		r = close_out(&out, dutysheet_write(&d, DUTY_XLSX, &out, 1) == 0, f, abs);
	else
		r = STORE_IO;
	duty_release(&d);
	free(abs);
	return r;
}

static int write_jsonl(struct job *j)
{
	char today[CLOCK_DATE_LEN], *rel, *what, *abs = NULL;
	struct archive_file *f;
	struct outfile out;
	int r;

	clock_today(today);
	rel = xasprintf(C_("archive", "ledger-as-of-%s.jsonl"), today);
	what = xasprintf(_("the whole ledger as of %s, lossless (JSON Lines: jiedai import reads it)"), today);
	f = add_file(j, rel, what, 1, &abs);
	free(rel);
	free(what);
	if (!f)
		return STORE_IO;
	if (open_out(&out, abs, 0, 1) < 0) {
		free(abs);
		return STORE_IO;
	}
	r = store_export_jsonl(j->s, export_jsonl_put, NULL, out.f);
	r = close_out(&out, r == STORE_OK, f, abs) == STORE_OK ? r : STORE_IO;
	free(abs);
	return r;
}

static char *index_title(const struct job *j)
{
	return xasprintf(_("%s — the archive of %d (资料归档)"), j->station_name, j->o->year);
}

static int write_index_xlsx(struct job *j)
{
	enum { X_NO, X_FILE, X_WHAT, X_SIZE, X_SHA, X_N };
	struct sheet_column cols[X_N] = {
		{ C_("archive", "No."), 5 }, { C_("archive", "File"), 36 }, { C_("archive", "Contents"), 36 },
		{ C_("archive", "Bytes"), 10 }, { "SHA-256", 66 },
	};
	struct archive_result *res = j->res;
	struct archive_file *f;
	struct sheet_spec spec;
	struct outfile out;
	struct sheet *sh;
	char *title = index_title(j), *sub, *abs = NULL;
	int r = 0;

	sub = xasprintf(_("Made %s by %s; ledger check code %s (%lld records in its history)"), j->stamp,
			j->who->name, res->anchor, (long long)res->events);
	f = add_file(j, INDEX_XLSX, _("this index as a spreadsheet"), 0, &abs);
	if (!f || open_out(&out, abs, 1, 0) < 0) {
		free(title);
		free(sub);
		free(abs);
		return STORE_IO;
	}
	memset(&spec, 0, sizeof(spec));
	spec.title = title;
	spec.subtitle = sub;
	spec.sheet_name = C_("archive", "Index");
	spec.cols = cols;
	spec.ncols = X_N;
	spec.landscape = 1;
	sh = sheet_open(SHEET_XLSX, &out, &spec);
	/* Every file but the index itself, which is this file. */
	for (size_t i = 0; sh && i + 1 < res->n && r == 0; i++) {
		char no[24], size[32];
		const char *cells[X_N];

		snprintf(no, sizeof(no), "%zu", i + 1);
		snprintf(size, sizeof(size), "%lld", (long long)res->files[i].size);
		cells[X_NO] = no;
		cells[X_FILE] = res->files[i].path;
		cells[X_WHAT] = res->files[i].what;
		cells[X_SIZE] = size;
		cells[X_SHA] = res->files[i].sha256;
		r = sheet_row(sh, cells);
	}
	if (sh && r == 0) {
		const char *cells[X_N] = { NULL };
		char *foot = xasprintf(_("index.txt lists these files and this one with their SHA-256; check the folder with: jiedai archive --verify FOLDER"));

		cells[0] = foot;
		r = sheet_row(sh, cells);
		free(foot);
	}
	if (!sh)
		r = -1;
	else if (r < 0)
		sheet_abort(sh);
	else
		r = sheet_close(sh);
	r = close_out(&out, r == 0, f, abs);
	free(title);
	free(sub);
	free(abs);
	return r;
}

static int write_index_txt(struct job *j)
{
	struct archive_result *res = j->res;
	struct strbuf sb = STRBUF_INIT;
	struct outfile out;
	char *abs = xasprintf("%s/%s", j->dir, INDEX_TXT), *title = index_title(j);
	int r = STORE_OK;

	if (j->o->progress)
		j->o->progress(j->o->arg, j->done, j->total, INDEX_TXT);
	j->done++;
	strbuf_addf(&sb, INDEX_MAGIC " year %d station %s anchor %s events %lld\n", j->o->year, j->station_code,
		    res->anchor, (long long)res->events);
	strbuf_addf(&sb, "# %s\n", title);
	strbuf_addf(&sb, "# %s\n", _("Made by jiedai (接待), the ledger of a deputy station."));
	strbuf_addf(&sb, "# ");
	strbuf_addf(&sb, _("Made %s by %s; ledger check code %s (%lld records in its history)"), j->stamp,
		    j->who->name, res->anchor, (long long)res->events);
	strbuf_addch(&sb, '\n');
	strbuf_addf(&sb, "# %s\n", _("Each line below: the file's SHA-256, two spaces, its name in this folder."));
	strbuf_addf(&sb, "# %s\n", _("Check the folder with: jiedai archive --verify FOLDER (or, in the folder: sha256sum -c index.txt)."));
	strbuf_addf(&sb, "# ");
	strbuf_addf(&sb, _("Check that the station's ledger still holds this state with: jiedai check --anchor %s"),
		    res->anchor);
	strbuf_addch(&sb, '\n');
	for (size_t i = 0; i < res->n; i++)
		strbuf_addf(&sb, "%s  %s\n", res->files[i].sha256, res->files[i].path);
	if (outfile_open(&out, abs, 0) < 0) {
		r = STORE_IO;
	} else if (fwrite(sb.buf, 1, sb.len, out.f) != sb.len) {
		error_errno(_("cannot write '%s'"), abs);
		outfile_abort(&out);
		r = STORE_IO;
	} else if (outfile_commit(&out) < 0 || file_sha256(abs, res->index_sha256, NULL) < 0) {
		r = STORE_IO;
	}
	strbuf_release(&sb);
	free(title);
	free(abs);
	return r;
}

/* Take everything written away again (a write that failed half-way). */
static void undo(struct job *j)
{
	char *idx = xasprintf("%s/%s", j->dir, INDEX_TXT);

	unlink(idx);
	free(idx);
	for (size_t i = 0; i < j->res->n; i++) {
		char *abs = xasprintf("%s/%s", j->dir, j->res->files[i].path);

		unlink(abs);
		free(abs);
	}
	for (size_t i = j->nsub; i-- > 0;)
		rmdir(j->subdirs[i]);
	if (j->made_dir)
		rmdir(j->dir);
}

/* An existing folder may be used only when it is empty. */
static int empty_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int empty = 1;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			empty = 0;
			break;
		}
	closedir(d);
	return empty;
}

/* Make (or take, when empty) the folder, 0700.  0, or -1 with a message. */
static int make_dir(struct job *j, const char *dir)
{
	struct stat st;
	char *real;

	if (lstat(dir, &st) == 0) {
		int e;

		if (!S_ISDIR(st.st_mode))
			return error(_("'%s' is there already and is not a folder; name a new folder for the archive"), dir);
		e = empty_dir(dir);
		if (e < 0)
			return error_errno(_("cannot read the folder '%s'"), dir);
		if (!e)
			return error(_("the folder '%s' holds files already: an archive never writes over anything; name a new folder"),
				     dir);
		/* It will hold voters' personal data: nobody else may look in. */
		if (chmod(dir, 0700) < 0)
			return error_errno(_("cannot make the folder '%s' private (mode 0700)"), dir);
	} else if (errno != ENOENT) {
		return error_errno(_("cannot use the folder '%s'"), dir);
	} else if (mkdir(dir, 0700) < 0) {
		if (errno == ENOENT)
			return error(_("cannot make the folder '%s': the folder it would be in does not exist"), dir);
		return error_errno(_("cannot make the folder '%s'"), dir);
	} else {
		j->made_dir = 1;
	}
	real = realpath(dir, NULL);
	if (!real) {
		error_errno(_("cannot use the folder '%s'"), dir);
		if (j->made_dir)
			rmdir(dir);
		return -1;
	}
	j->dir = real;
	return 0;
}

/* The months of the year that have begun: "2026-01" … */
static int months_begun(int year, const char *today, char months[12][8])
{
	int n = 0;

	for (int m = 1; m <= 12; m++) {
		char first[CLOCK_DATE_LEN];

		snprintf(first, sizeof(first), "%04u-%02u-01", (unsigned)year % 10000u, (unsigned)m % 100u);
		if (strcmp(first, today) > 0)
			break;
		snprintf(months[n++], 8, "%04u-%02u", (unsigned)year % 10000u, (unsigned)m % 100u);
	}
	return n;
}

static int write_all(struct job *j, char **dates, int nmonths, char months[12][8], const char *from, const char *to)
{
	int r = STORE_OK;

	for (int m = 0; m < nmonths && r == STORE_OK; m++) {
		r = write_register(j, months[m], 0);
		if (r == STORE_OK)
			r = write_register(j, months[m], 1);
	}
	for (size_t i = 0; dates[i] && r == STORE_OK; i++)
		r = write_day(j, dates[i]);
	if (r == STORE_OK)
		r = chase_history(j->s, from, to, write_slip, j);
	if (r == STORE_OK)
		r = write_report(j, from, to);
	if (r == STORE_OK)
		r = write_duty(j, from, to);
	if (r == STORE_OK)
		r = write_jsonl(j);
	if (r == STORE_OK)
		r = write_index_xlsx(j);
	if (r == STORE_OK)
		r = write_index_txt(j);
	return r;
}

int archive_write(struct store *s, const struct identity *who, const struct archive_opts *o,
		  struct archive_result *res)
{
	struct ledger_step step = { .kind = STEP_ARCHIVE };
	struct ticket_filter f = TICKET_FILTER_INIT;
	char from[CLOCK_DATE_LEN], to[CLOCK_DATE_LEN], today[CLOCK_DATE_LEN], months[12][8];
	unsigned char hash[32];
	struct job j;
	char **dates = NULL, *what;
	int64_t ntickets = 0;
	size_t nslips = 0;
	int r, nmonths;

	memset(res, 0, sizeof(*res));
	memset(&j, 0, sizeof(j));
	j.s = s;
	j.who = who;
	j.o = o;
	j.res = res;
	res->year = o->year;
	if (ledger_may(s, who, STEP_ARCHIVE) < 0)
		return STORE_REFUSED;
	clock_today(today);
	snprintf(from, sizeof(from), "%04u-01-01", (unsigned)o->year % 10000u);
	snprintf(to, sizeof(to), "%04u-12-31", (unsigned)o->year % 10000u);
	if (strcmp(from, today) > 0) {
		error(_("%d has not begun yet: there is nothing to archive"), o->year);
		return STORE_REFUSED;
	}
	nmonths = months_begun(o->year, today, months);
	dates = store_day_dates(s, from, to);
	if (!dates)
		return STORE_IO;
	f.from = from;
	f.to = to;
	f.limit = 1;
	r = store_ticket_count(s, &f, &ntickets);
	if (r == STORE_OK && !ntickets && !dates[0]) {
		error(_("the ledger has no ticket and no reception day in %d: there is nothing to archive"), o->year);
		r = STORE_REFUSED;
	}
	if (r == STORE_OK)
		r = chase_history(s, from, to, count_slip, &nslips);
	if (r != STORE_OK) {
		u8_lines_free(dates);
		return r;
	}
	if (make_dir(&j, o->dir) < 0) {
		u8_lines_free(dates);
		return STORE_REFUSED;
	}

	/* The take, recorded before anything is written (as an export's). */
	{
		const char *base = strrchr(j.dir, '/');

		what = xasprintf(_("the archive of %d → folder %s"), o->year, base && base[1] ? base + 1 : j.dir);
	}
	step.what = what;
	r = ledger_apply(s, who, &step, NULL);
	free(what);
	if (r == STORE_REFUSED || r == STORE_NOTFOUND) {
		undo(&j);
		goto out;
	}
	/* A read-only copy of the ledger: archived all the same, and said. */
	if (r != STORE_OK)
		warning(_("this could not be recorded in the ledger's history; it goes on all the same"));

	j.station_name = store_setting(s, "station_name");
	j.station_code = store_setting(s, "station_code");
	clock_stamp(j.stamp);
	j.total = (size_t)nmonths * 2 + u8_lines_count(dates) + nslips + 5;
	r = store_snapshot_begin(s);
	if (r == STORE_OK) {
		r = store_chain_head(s, &res->events, hash);
		if (r == STORE_OK)
			r = store_anchor(s, res->anchor);
		if (r == STORE_OK)
			r = write_all(&j, dates, nmonths, months, from, to);
		store_snapshot_end(s);
	}
	if (r != STORE_OK) {
		undo(&j);
		goto out;
	}
	if (o->progress)
		o->progress(o->arg, j.total, j.total, NULL);
	res->dir = j.dir;
	j.dir = NULL;
out:
	for (size_t i = 0; i < j.nsub; i++)
		free(j.subdirs[i]);
	free(j.subdirs);
	free(j.dir);
	free(j.station_name);
	free(j.station_code);
	u8_lines_free(dates);
	if (r != STORE_OK) {
		archive_result_release(res);
		res->year = o->year;
	}
	return r;
}

/* ---- checking ---- */

struct entry {
	char *path;
	char sha[65];
};

/* A path an index may name: relative, within the folder, printable. */
static int path_ok(const char *p)
{
	if (!*p || *p == '/' || u8_has_control(p, 0) || !u8_valid(p, strlen(p)))
		return 0;
	for (const char *q = p; *q;) {
		size_t n = strcspn(q, "/");

		if (n == 0 || (n == 1 && q[0] == '.') || (n == 2 && q[0] == '.' && q[1] == '.'))
			return 0;
		q += n;
		if (*q == '/')
			q++;
	}
	return 1;
}

static int is_hex64(const char *s)
{
	for (int i = 0; i < 64; i++)
		if (!strchr("0123456789abcdef", s[i]) || !s[i])
			return 0;
	return 1;
}

static int find_entry(struct entry *e, size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(e[i].path, path))
			return (int)i;
	return -1;
}

/* Walk dir/rel: every file the index does not list is a problem. */
static void walk(const char *root, const char *rel, struct entry *e, size_t n, struct strbuf *problems,
		 int *count)
{
	char *abs = *rel ? xasprintf("%s/%s", root, rel) : xstrdup(root);
	DIR *d = opendir(abs);
	struct dirent *de;
	char **names = NULL;
	size_t nnames = 0;

	if (!d) {
		strbuf_addf(problems, _("%s: the folder cannot be read (%s)"), *rel ? rel : ".", strerror(errno));
		strbuf_addch(problems, '\n');
		(*count)++;
		free(abs);
		return;
	}
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		names = xreallocarray(names, nnames + 1, sizeof(*names));
		names[nnames++] = xstrdup(de->d_name);
	}
	closedir(d);
	/* In name order, so the report reads the same each time. */
	for (size_t i = 0; i < nnames; i++)
		for (size_t k = i + 1; k < nnames; k++)
			if (strcmp(names[k], names[i]) < 0) {
				char *t = names[i];

				names[i] = names[k];
				names[k] = t;
			}
	for (size_t i = 0; i < nnames; i++) {
		char *sub = *rel ? xasprintf("%s/%s", rel, names[i]) : xstrdup(names[i]);
		char *full = xasprintf("%s/%s", root, sub);
		char *shown = u8_sanitize(sub, 0);
		struct stat st;

		if (lstat(full, &st) == 0 && S_ISDIR(st.st_mode)) {
			walk(root, sub, e, n, problems, count);
		} else if (!(!*rel && !strcmp(names[i], INDEX_TXT)) && find_entry(e, n, sub) < 0) {
			strbuf_addf(problems, _("%s: an extra file, not in the index (left where it is)"), shown);
			strbuf_addch(problems, '\n');
			(*count)++;
		}
		free(shown);
		free(full);
		free(sub);
		free(names[i]);
	}
	free(names);
	free(abs);
}

int archive_verify(const char *dir, struct strbuf *problems, size_t *nfiles, char index_sha256[65],
		   struct strbuf *head)
{
	char *idx = xasprintf("%s/%s", dir, INDEX_TXT), line[8192];
	struct entry *e = NULL;
	size_t n = 0;
	int count = 0, lineno = 0;
	FILE *f;

	*nfiles = 0;
	index_sha256[0] = '\0';
	f = fopen(idx, "r");
	if (!f) {
		error_errno(_("cannot read the archive's index '%s'"), idx);
		free(idx);
		return -1;
	}
	if (file_sha256(idx, index_sha256, NULL) < 0)
		index_sha256[0] = '\0';
	while (fgets(line, sizeof(line), f)) {
		size_t len = strlen(line);
		char *path;

		lineno++;
		if (len && line[len - 1] == '\n')
			line[--len] = '\0';
		if (lineno == 1 && strncmp(line, INDEX_MAGIC, strlen(INDEX_MAGIC))) {
			error(_("'%s' is not the index of a jiedai archive"), idx);
			fclose(f);
			free(idx);
			return -1;
		}
		if (line[0] == '#') {
			if (head && lineno > 1)
				strbuf_addf(head, "%s\n", line[1] == ' ' ? line + 2 : line + 1);
			continue;
		}
		if (!len)
			continue;
		path = line + 66;
		if (len < 67 || !is_hex64(line) || line[64] != ' ' || line[65] != ' ' || !path_ok(path) ||
		    !strcmp(path, INDEX_TXT)) {
			char *shown = u8_sanitize(line, 0);

			strbuf_addf(problems, _("index.txt line %d is not a file's line: %s"), lineno, shown);
			strbuf_addch(problems, '\n');
			free(shown);
			count++;
			continue;
		}
		e = xreallocarray(e, n + 1, sizeof(*e));
		e[n].path = xstrdup(path);
		memcpy(e[n].sha, line, 64);
		e[n].sha[64] = '\0';
		n++;
	}
	fclose(f);
	free(idx);
	for (size_t i = 0; i < n; i++) {
		char *abs = xasprintf("%s/%s", dir, e[i].path), sha[65];
		struct stat st;

		if (lstat(abs, &st) < 0) {
			strbuf_addf(problems, _("%s: missing"), e[i].path);
		} else if (!S_ISREG(st.st_mode)) {
			strbuf_addf(problems, _("%s: not a plain file (a link, a folder or a device)"), e[i].path);
		} else if (file_sha256(abs, sha, NULL) < 0) {
			strbuf_addf(problems, _("%s: cannot be read (%s)"), e[i].path, strerror(errno));
		} else if (strcmp(sha, e[i].sha)) {
			strbuf_addf(problems, _("%s: changed (its SHA-256 is now %s, the index says %s)"), e[i].path,
				    sha, e[i].sha);
		} else {
			free(abs);
			continue;
		}
		strbuf_addch(problems, '\n');
		count++;
		free(abs);
	}
	walk(dir, "", e, n, problems, &count);
	*nfiles = n;
	for (size_t i = 0; i < n; i++)
		free(e[i].path);
	free(e);
	return count;
}
